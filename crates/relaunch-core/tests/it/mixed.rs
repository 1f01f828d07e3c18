//! Mixed-model lines: a product's own cycle at a station (`Product::cycles`), drawn from the
//! (station, product) pair's own stream, learning counted per station, and the mix-weighted mean cycle
//! the capacity figures use.

use jiff::civil::date;
use relaunch_core::Dist;
use relaunch_core::capacity::{LineCapacity, mean_cycle_secs};
use relaunch_core::model::*;
use relaunch_core::montecarlo::forecast;
use relaunch_core::sim::{self, Prepared, Relaxations};
use relaunch_core::theory;

use crate::build::*;
use crate::textbook::within_3se;

fn product(id: &str, mix: f64, kit: Option<usize>, cycles: Vec<(usize, Dist)>) -> Product {
    Product {
        id: id.to_string(),
        route: vec![0],
        mix,
        kit,
        cycles,
    }
}

fn kit(id: &str, initial_stock: u32, shipments: Vec<KitShipment>) -> Kit {
    Kit {
        id: id.to_string(),
        kind: KitKind::Skd,
        initial_stock,
        orders: vec![],
        shipments,
        lead_time: constant(0.0),
        unit_price: None,
        currency: None,
    }
}

#[test]
fn mixture_service_matches_pollaczek_khinchine() {
    // Poisson arrivals every 100 s on average (λ = 0.01/s) at one server with an unlimited
    // buffer, 24/7. 30 % of units are "ev", constant 120 s (its own cycle); 70 % are "petrol",
    // exponential with mean 40 s (the station's cycle).
    //   E[S]  = 0.3·120 + 0.7·40            = 64 s,     ρ = 0.64
    //   E[S²] = 0.3·120² + 0.7·2·40²        = 6,560 s²
    //   Wq    = λ E[S²] / (2 (1 − ρ))       = 65.6 / 0.72 = 91.11 s
    //   W     = Wq + E[S]                   = 155.11 s = 2.5852 min
    let mut scenario = line(
        vec![station("mixed", exp(40.0))],
        poisson(100.0),
        2000.0 * HOUR,
        50.0 * HOUR,
    );
    scenario.products = vec![
        product("ev", 0.3, None, vec![(0, constant(120.0))]),
        product("petrol", 0.7, None, vec![]),
    ];
    let w =
        theory::mg1_mixture_time_in_system(0.01, &[(0.3, 120.0, 14_400.0), (0.7, 40.0, 3_200.0)]);
    assert!((w - (65.6 / 0.72 + 64.0)).abs() < 1e-9);
    let result = forecast(&scenario, 20_231_219, 12, Relaxations::default(), &|_| {});
    within_3se("M/G/1 mixture W (min)", result.flow_time_minutes, w / 60.0);
    within_3se("M/G/1 mixture utilisation", result.stations[0].busy, 0.64);
    // The capacity figures see the same mixture mean.
    assert!((mean_cycle_secs(&scenario)[0] - 64.0).abs() < 1e-9);
}

/// One station, 24/7 for two days; "petrol" takes the station's constant 2 min, "ev" its own
/// constant 5 min; 10 petrol and 20 EV kits on hand, 100 planned starts a day drawn by mix.
fn two_kits_line(ev_cycle: Option<Dist>) -> Scenario {
    let mut scenario = line(
        vec![station("final", constant(2.0 * MIN))],
        plan(100, None),
        2.0 * DAY,
        0.0,
    );
    scenario.kits = vec![kit("petrol", 10, vec![]), kit("ev", 20, vec![])];
    scenario.products = vec![
        product("petrol", 1.0, Some(0), vec![]),
        product(
            "ev",
            2.0,
            Some(1),
            ev_cycle.into_iter().map(|d| (0, d)).collect(),
        ),
    ];
    scenario
}

#[test]
fn constant_cycles_give_the_hand_computed_busy_time() {
    // Every kit is used (100 draws a day find 10 petrol and 20 EV draws), so the station works
    // 10 × 2 + 20 × 5 = 120 min of the 2,880 min horizon: busy 1/24. Without the EV's own
    // cycle, 30 × 2 = 60 min: busy 1/48.
    for (ev_cycle, busy_minutes) in [(Some(constant(5.0 * MIN)), 120.0), (None, 60.0)] {
        let scenario = two_kits_line(ev_cycle);
        let prepared = Prepared::new(&scenario);
        let outcome = sim::run(&scenario, &prepared, 11, 0);
        assert_eq!(outcome.released, 30);
        assert_eq!(outcome.good, 30);
        assert_eq!(outcome.kit_stock[0].last(), Some(&0));
        assert_eq!(outcome.kit_stock[1].last(), Some(&0));
        let busy = outcome.stations[0].busy;
        assert!(
            (busy - busy_minutes / 2880.0).abs() < 1e-9,
            "busy {busy}, expected {busy_minutes} min of 2880"
        );
    }
}

#[test]
fn the_mean_cycle_is_weighted_by_the_mix() {
    // Mix 1 : 2 at 2 min and 5 min: (1 × 120 + 2 × 300) / 3 = 240 s; one server and 24 h a
    // "shift" on a 24/7 calendar: 86,400 / 240 = 360 units.
    let scenario = two_kits_line(Some(constant(5.0 * MIN)));
    let capacity = LineCapacity::new(&scenario);
    assert!((capacity.mean_cycle_secs[0] - 240.0).abs() < 1e-9);
    assert!((capacity.units_per_shift[0] - 360.0).abs() < 1e-9);
    // Without an override the station's own mean, exactly.
    let plain = two_kits_line(None);
    assert_eq!(mean_cycle_secs(&plain), vec![120.0]);
}

#[test]
fn an_override_equal_to_the_station_cycle_draws_exactly_as_before() {
    // The product's own cycle is drawn from the pair's stream whether or not it overrides: the
    // same distribution as an override gives the same run, draw for draw.
    let mut plain = line(
        vec![station("a", exp(50.0)), station("b", exp(45.0))],
        poisson(60.0),
        200.0 * HOUR,
        0.0,
    );
    plain.products = vec![
        Product {
            route: vec![0, 1],
            ..product("x", 1.0, None, vec![])
        },
        Product {
            route: vec![0, 1],
            ..product("y", 3.0, None, vec![])
        },
    ];
    let mut overridden = plain.clone();
    overridden.products[1].cycles = vec![(1, exp(45.0))];
    let run = |scenario: &Scenario| sim::run(scenario, &Prepared::new(scenario), 3, 2);
    assert_eq!(run(&plain), run(&overridden));
    // A different one changes the run.
    overridden.products[1].cycles = vec![(1, exp(30.0))];
    assert_ne!(run(&plain), run(&overridden));
}

#[test]
fn learning_counts_the_units_of_every_product_at_the_station() {
    // Five petrol kits on hand (1 min at the station), five EV kits arriving on day 1 (2 min,
    // the EV's own cycle): units 1–5 are petrol, units 6–10 EVs. Crawford 80 %, first unit 4×:
    // unit x takes max(1, 4 x^b) times its standard cycle, b = log2 0.8, x counted at the
    // station whatever the product (an EV count would start the EVs at x = 1 again).
    let mut scenario = line(
        vec![station("final", constant(MIN))],
        plan(20, None),
        3.0 * DAY,
        0.0,
    );
    scenario.kits = vec![
        kit("petrol", 5, vec![]),
        kit(
            "ev",
            0,
            vec![KitShipment {
                arrives: date(2024, 1, 2),
                quantity: 5,
            }],
        ),
    ];
    scenario.products = vec![
        product("petrol", 1.0, Some(0), vec![]),
        product("ev", 1.0, Some(1), vec![(0, constant(2.0 * MIN))]),
    ];
    scenario.learning = Learning {
        model: LearningModel::Crawford,
        rate: 0.8,
        first_unit_factor: 4.0,
        first_pass_yield: None,
    };
    let b = 0.8f64.log2();
    let multiplier = |x: f64| (4.0 * x.powf(b)).max(1.0);
    let petrol: f64 = (1..=5).map(|x| 60.0 * multiplier(f64::from(x))).sum();
    let ev: f64 = (6..=10).map(|x| 120.0 * multiplier(f64::from(x))).sum();
    let outcome = sim::run(&scenario, &Prepared::new(&scenario), 4, 0);
    assert_eq!(outcome.good, 10);
    let busy_secs = outcome.stations[0].busy * 3.0 * DAY;
    // Cycles are whole milliseconds: ten roundings of at most half a millisecond each.
    assert!(
        (busy_secs - (petrol + ev)).abs() < 0.006,
        "busy {busy_secs} s, expected {} s",
        petrol + ev
    );
}

#[test]
fn the_kind_of_one_products_cycle_leaves_the_other_products_draws_as_they_were() {
    // Station "a" lognormal 50 min, cv 0.5, shared by "p" and "q". "q" takes its own 45 min
    // there, written as a constant (no uniform drawn) or as a uniform on [45, 45] min (one
    // uniform a cycle): the same durations, so with a stream per (station, product) the whole
    // run is the same; on one shared stream every later cycle of "p" would shift.
    let lognormal = Dist::lognormal(50.0 * MIN, 0.5).unwrap();
    let mut as_constant = line(
        vec![station("a", lognormal)],
        poisson(3600.0),
        300.0 * HOUR,
        0.0,
    );
    as_constant.products = vec![
        product("p", 1.0, None, vec![]),
        product("q", 1.0, None, vec![(0, constant(45.0 * MIN))]),
    ];
    let mut as_uniform = as_constant.clone();
    as_uniform.products[1].cycles = vec![(0, Dist::uniform(45.0 * MIN, 45.0 * MIN).unwrap())];
    let run = |scenario: &Scenario, replication| {
        sim::run(scenario, &Prepared::new(scenario), 5, replication)
    };
    for replication in 0..4 {
        let outcome = run(&as_constant, replication);
        assert!(outcome.good > 100, "{} good units", outcome.good);
        assert_eq!(outcome, run(&as_uniform, replication));
    }
}

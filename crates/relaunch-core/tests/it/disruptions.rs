//! What the risks that occurred do to the line (`Scenario::disruptions`): shipping disruptions
//! that make a kit's deliveries late, yield drops on some days; against numbers by hand.

use jiff::civil::date;
use relaunch_core::model::*;
use relaunch_core::sim::{self, Prepared, RunOutcome};

use crate::build::*;

fn run(scenario: &Scenario, replication: u64) -> RunOutcome {
    sim::run(scenario, &Prepared::new(scenario), 5, replication)
}

/// Days (indices) with a kit stock-out.
fn stockout_days(outcome: &RunOutcome) -> Vec<usize> {
    (0..outcome.kit_stockout_days.len())
        .filter(|&day| outcome.kit_stockout_days[day])
        .collect()
}

/// A 24/7 line making a unit a minute, 10 planned starts a day from Monday 2024-01-01, each
/// needing a kit, with a constant lead time of 2 days: 40 kits on hand and 10 ordered on
/// 2023-12-28 (arriving before day 0, so in stock at once) cover days 0 to 4; 50 shipped to
/// arrive on day 5 (2024-01-06) cover days 5 to 9; 100 ordered on day 8 are due on day 10.
/// Without disruption no day runs short.
fn kitted_line() -> Scenario {
    let mut scenario = line(
        vec![station("assembly", constant(MIN))],
        plan(10, None),
        20.0 * DAY,
        0.0,
    );
    let order = |first, quantity| KitOrder {
        first,
        every_days: None,
        quantity,
        until: None,
    };
    scenario.kits = vec![Kit {
        id: "skd".to_string(),
        kind: KitKind::Skd,
        initial_stock: 40,
        orders: vec![order(date(2023, 12, 28), 10), order(date(2024, 1, 9), 100)],
        shipments: vec![KitShipment {
            arrives: date(2024, 1, 6),
            quantity: 50,
        }],
        lead_time: constant(2.0 * DAY),
        unit_price: None,
        currency: None,
    }];
    scenario.products[0].kit = Some(0);
    scenario
}

fn late(from: jiff::civil::Date, until: jiff::civil::Date, days: f64) -> KitDelay {
    KitDelay {
        kit: 0,
        from,
        until,
        delay_secs: days * DAY,
    }
}

#[test]
fn a_late_shipment_leaves_the_days_it_was_due_short() {
    let scenario = kitted_line();
    let outcome = run(&scenario, 0);
    assert!(stockout_days(&outcome).is_empty());
    assert_eq!(outcome.good, 200);

    // The shipment due on day 5 comes on day 8: days 5, 6 and 7 start nothing; on day 8 the 30
    // waiting starts and the day's 10 take 40 of the 50, day 9 the last 10.
    let mut shipment_late = scenario.clone();
    shipment_late.disruptions.kit_delays = vec![late(date(2024, 1, 6), date(2024, 1, 6), 3.0)];
    let outcome = run(&shipment_late, 0);
    assert_eq!(stockout_days(&outcome), vec![5, 6, 7]);
    assert_eq!(&outcome.good_per_day[4..10], &[10, 0, 0, 0, 40, 10]);

    // The order due on day 10 comes on day 12: days 10 and 11 are short.
    let mut order_late = scenario.clone();
    order_late.disruptions.kit_delays = vec![late(date(2024, 1, 10), date(2024, 1, 11), 2.0)];
    assert_eq!(stockout_days(&run(&order_late, 0)), vec![10, 11]);

    // Both: five days short, and every kit still arrives within the horizon.
    let mut both = scenario.clone();
    both.disruptions.kit_delays = [
        shipment_late.disruptions.kit_delays,
        order_late.disruptions.kit_delays,
    ]
    .concat();
    let outcome = run(&both, 0);
    assert_eq!(stockout_days(&outcome), vec![5, 6, 7, 10, 11]);
    assert_eq!(outcome.good, 200);
}

#[test]
fn a_window_with_no_delivery_due_changes_nothing() {
    // Lead times drawn uniform on [1 d, 3 d]. The windows miss every delivery: one holds the
    // pre-start order's arrival, before day 0 (in stock from the start all the same), one days
    // 2 and 3 when nothing is due, one is another kit's. The run is the same, byte for byte:
    // the delays draw nothing.
    let mut scenario = kitted_line();
    scenario.kits[0].lead_time = relaunch_core::Dist::uniform(DAY, 3.0 * DAY).unwrap();
    let before = run(&scenario, 3);
    scenario.disruptions.kit_delays = vec![
        late(date(2023, 12, 25), date(2023, 12, 31), 3.0),
        late(date(2024, 1, 3), date(2024, 1, 4), 3.0),
        KitDelay {
            kit: 1,
            ..late(date(2024, 1, 1), date(2024, 1, 31), 3.0)
        },
    ];
    assert_eq!(run(&scenario, 3), before);
}

/// A 24/7 line making a unit a minute, 100 planned starts a day, inspected at its end, scrap
/// without rework: first-pass yield `yield_curve` (none: nothing is inspected).
fn inspected_line(yield_curve: Option<Yield>) -> Scenario {
    let mut scenario = line(
        vec![station("assembly", constant(MIN))],
        plan(100, None),
        10.0 * DAY,
        0.0,
    );
    scenario.learning.first_pass_yield = yield_curve;
    scenario
}

#[test]
fn a_yield_drop_scraps_its_share_of_the_units_inspected_on_its_days() {
    // Yield 1 (or none), lowered by 0.5 on days 2 to 4: the 300 units of those days each fail
    // with probability 1/2, so the scrap of a run is Binomial(300, 1/2): mean 150, standard
    // deviation √75 ≈ 8.66; every other day makes its 100 good units.
    let perfect = Yield {
        initial: 1.0,
        mature: 1.0,
    };
    for yield_curve in [Some(perfect), None] {
        let mut scenario = inspected_line(yield_curve);
        scenario.disruptions.yield_drops = vec![YieldDrop {
            from: date(2024, 1, 3),
            until: date(2024, 1, 5),
            drop: 0.5,
        }];
        let replications = 400;
        let mut total = 0.0;
        for replication in 0..replications {
            let outcome = run(&scenario, replication);
            for day in [0, 1, 5, 6, 7, 8, 9] {
                assert_eq!(outcome.good_per_day[day], 100, "day {day}");
            }
            let short: u32 = (2..5).map(|day| 100 - outcome.good_per_day[day]).sum();
            assert_eq!(u64::from(short), outcome.scrapped);
            total += outcome.scrapped as f64;
        }
        let mean = total / replications as f64;
        let standard_error = 75f64.sqrt() / (replications as f64).sqrt();
        assert!(
            (mean - 150.0).abs() < 3.0 * standard_error,
            "mean scrap {mean} with {yield_curve:?}"
        );
    }
}

#[test]
fn yield_drops_add_up_and_stop_at_zero() {
    // Yield 0.9 and two drops of 0.5 on day 3: nothing passes that day (0.9 − 1 → 0), while a
    // single drop on day 4 leaves 0.4.
    let mut scenario = inspected_line(Some(Yield {
        initial: 0.9,
        mature: 0.9,
    }));
    let day = |d: i8| date(2024, 1, d);
    scenario.disruptions.yield_drops = vec![
        YieldDrop {
            from: day(4),
            until: day(5),
            drop: 0.5,
        },
        YieldDrop {
            from: day(4),
            until: day(4),
            drop: 0.5,
        },
    ];
    let replications = 200;
    let mut day4 = 0.0;
    for replication in 0..replications {
        let outcome = run(&scenario, replication);
        assert_eq!(outcome.good_per_day[3], 0);
        day4 += f64::from(outcome.good_per_day[4]);
    }
    // Binomial(100, 0.4) a run: mean 40, sd √24.
    let mean = day4 / replications as f64;
    assert!((mean - 40.0).abs() < 3.0 * 24f64.sqrt() / (replications as f64).sqrt());
}

//! "Why late" and "compare" on scenarios whose answers are known by hand.

use jiff::civil::date;
use relaunch_core::compare::compare;
use relaunch_core::model::*;
use relaunch_core::why::{DENOMINATOR, why};

use crate::build::*;
use crate::ramp::plant;

fn no_progress(_: u64) {}

fn shares(result: &relaunch_core::why::MilestoneWhy) -> Vec<(&'static str, i64)> {
    let mut shares: Vec<_> = result
        .factors
        .iter()
        .map(|f| (f.factor, f.numerator))
        .collect();
    shares.sort();
    shares
}

fn skd_kit(initial_stock: u32, arrives: jiff::civil::Date, quantity: u32) -> Kit {
    Kit {
        id: "skd".to_string(),
        kind: KitKind::Skd,
        initial_stock,
        orders: vec![],
        shipments: vec![KitShipment { arrives, quantity }],
        lead_time: constant(0.0),
        unit_price: None,
        currency: None,
    }
}

fn trained_from_jan_15() -> Workforce {
    hired_on_day_0(10, 14.0)
}

#[test]
fn kit_starved_delay_is_all_supply() {
    // The kit-starved line of the ramp tests: the 30th unit on day 9 (2024-01-10) instead of day
    // 1 with kits on hand: 8 days, all supply.
    let mut scenario = plant(30.0, 1, 16, 30);
    scenario.horizon_secs = 20.0 * DAY;
    scenario.kits = vec![skd_kit(20, date(2024, 1, 10), 200)];
    scenario.products[0].kit = Some(0);
    let result = why(&scenario, 1, 2, &no_progress);
    let pilot = &result.milestones[0];
    assert_eq!((pilot.ideal_p50_day, pilot.p50_day), (1, 9));
    assert_eq!(pilot.factors[0].factor, "supply");
    assert_eq!(pilot.factors[0].numerator, 8 * DENOMINATOR);
    assert!(pilot.factors[1..].iter().all(|f| f.numerator == 0));
}

#[test]
fn staff_limited_delay_is_all_staffing() {
    // Ten operators trained from Monday 2024-01-15 (day 14): the 30th unit on day 15 instead of
    // day 1: 14 days, all staffing.
    let mut scenario = plant(30.0, 1, 16, 30);
    scenario.horizon_secs = 30.0 * DAY;
    scenario.stations[0].operators = 10;
    scenario.workforce = Some(trained_from_jan_15());
    let pilot = &why(&scenario, 1, 2, &no_progress).milestones[0];
    assert_eq!((pilot.ideal_p50_day, pilot.p50_day), (1, 15));
    assert_eq!(
        shares(pilot),
        vec![
            ("equipment", 0),
            ("learning", 0),
            ("quality", 0),
            ("staffing", 14 * DENOMINATOR),
            ("supply", 0)
        ]
    );
}

#[test]
fn two_causes_split_by_shapley_value() {
    // No kits until Wednesday 2024-01-10 (day 9) and no trained staff until Monday 2024-01-15
    // (day 14); 30 units at 16 a day. Finish days: both binding 15, staff relaxed 10 (kits
    // arrive day 9), kits relaxed 15 (staff still binds), both relaxed 1. The game: v(supply) =
    // 0, v(staffing) = 5, v(both) = 14, so supply ½(0 + 9) = 4.5 days, staffing ½(5 + 14) = 9.5.
    let mut scenario = plant(30.0, 1, 16, 30);
    scenario.horizon_secs = 30.0 * DAY;
    scenario.stations[0].operators = 10;
    scenario.workforce = Some(trained_from_jan_15());
    scenario.kits = vec![skd_kit(0, date(2024, 1, 10), 200)];
    scenario.products[0].kit = Some(0);
    let pilot = &why(&scenario, 1, 2, &no_progress).milestones[0];
    assert_eq!((pilot.ideal_p50_day, pilot.p50_day), (1, 15));
    assert_eq!(pilot.factors[0].factor, "staffing");
    assert_eq!(pilot.factors[0].days(), 9.5);
    assert_eq!(pilot.factors[1].factor, "supply");
    assert_eq!(pilot.factors[1].days(), 4.5);
    let total: i64 = pilot.factors.iter().map(|f| f.numerator).sum();
    assert_eq!(total, pilot.total_days() * DENOMINATOR);
}

#[test]
fn stochastic_shares_add_up() {
    // Breakdowns, yield and learning together on a random line: whatever the values, the shares
    // add up to the total delay exactly.
    let mut scenario = plant(30.0, 1, 16, 60);
    scenario.stations[0].cycle = exp(30.0 * MIN);
    scenario.stations[0].failure = Some(Failure {
        ttf: exp(6.0 * HOUR),
        ttr: exp(2.0 * HOUR),
        crew: None,
    });
    scenario.learning = Learning {
        model: LearningModel::Crawford,
        rate: 0.85,
        first_unit_factor: 2.0,
        first_pass_yield: Some(Yield {
            initial: 0.6,
            mature: 0.95,
        }),
    };
    let result = why(&scenario, 4, 20, &no_progress);
    for milestone in &result.milestones {
        let total: i64 = milestone.factors.iter().map(|f| f.numerator).sum();
        assert_eq!(total, milestone.total_days() * DENOMINATOR);
        assert!(
            milestone.total_days() > 0,
            "the relaxations make it earlier"
        );
    }
}

#[test]
fn compare_with_itself_shows_no_difference() {
    let mut scenario = plant(30.0, 1, 16, 60);
    scenario.stations[0].cycle = exp(30.0 * MIN);
    let results = compare(&[&scenario, &scenario], 9, 30, &no_progress);
    let difference = &results[1].differences[0];
    assert_eq!(difference.milestone, "pilot");
    assert_eq!(
        (difference.days.mean, difference.days.half_width),
        (0.0, 0.0)
    );
    assert_eq!(results[0].forecast, results[1].forecast);
}

#[test]
fn compare_pairs_a_slower_variant() {
    // A variant whose kits arrive a week later finishes the pilot later in every replication.
    let mut base = plant(30.0, 1, 16, 30);
    base.stations[0].cycle = exp(30.0 * MIN);
    base.kits = vec![skd_kit(0, date(2024, 1, 3), 200)];
    base.products[0].kit = Some(0);
    let mut late = base.clone();
    late.kits = vec![skd_kit(0, date(2024, 1, 10), 200)];
    let results = compare(&[&base, &late], 9, 40, &no_progress);
    let difference = &results[1].differences[0].days;
    assert!(
        difference.low() > 4.0 && difference.high() < 8.0,
        "{difference:?}"
    );
}

//! "Why late" and "compare" on scenarios whose answers are known by hand.

use jiff::civil::date;
use relaunch_core::compare::compare;
use relaunch_core::model::*;
use relaunch_core::why::{DENOMINATOR, FACTORS, MilestoneWhy, PLAN, QuantileWhy, why};

use crate::build::*;
use crate::ramp::{kits_by_uniform_lead_time, plant};

fn no_progress(_: u64) {}

/// The P50 and P90 analysis of the only milestone.
fn explain(scenario: &Scenario, replications: u64) -> MilestoneWhy {
    why(scenario, 1, replications, &[], &no_progress)
        .milestones
        .remove(0)
}

/// The shares of a quantile as (factor, numerator), sorted by name.
fn shares(quantile: &QuantileWhy) -> Vec<(&'static str, i64)> {
    let mut shares: Vec<_> = quantile
        .shares
        .iter()
        .map(|s| (s.factor, s.numerator))
        .collect();
    shares.sort();
    shares
}

/// Every share 0 but `factor`'s, which is `days` days (the five factors of a scenario without
/// a programme, and the plan).
fn only(factor: &'static str, days: i64) -> Vec<(&'static str, i64)> {
    let mut expected: Vec<(&'static str, i64)> = FACTORS[..5]
        .iter()
        .chain(std::iter::once(&PLAN))
        .map(|&f| (f, if f == factor { days * DENOMINATOR } else { 0 }))
        .collect();
    expected.sort();
    expected
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
fn kit_starved_lateness_is_all_supply() {
    // The kit-starved line of the ramp tests: the 30th unit on day 9 (2024-01-10) instead of day
    // 1 with kits on hand. Due on day 1: 8 days late at P50 and P90, all supply.
    let mut scenario = plant(30.0, 1, 16, 30);
    scenario.horizon_secs = 20.0 * DAY;
    scenario.kits = vec![skd_kit(20, date(2024, 1, 10), 200)];
    scenario.products[0].kit = Some(0);
    scenario.milestones[0].due = Some(date(2024, 1, 2));
    let pilot = explain(&scenario, 2);
    for quantile in &pilot.quantiles {
        assert_eq!((quantile.relaxed_day, quantile.day), (1, 9));
        assert_eq!(quantile.late_days(), 8);
        assert_eq!(shares(quantile), only("supply", 8));
    }
    // Every run is late, and kits on hand would make every run on time.
    let probability = pilot.probability.expect("a due date");
    assert_eq!((probability.on_time, probability.replications), (0, 2));
    assert_eq!(probability.shares[0].factor, "supply");
    assert_eq!(probability.shares[0].numerator, 2 * DENOMINATOR);
}

#[test]
fn a_due_date_before_the_plan_puts_the_rest_on_the_plan() {
    // The same line due on day 0, the first workday: even with kits on hand the 30th unit comes
    // on day 1 (16 a day), so one of the nine days late is the plan's.
    let mut scenario = plant(30.0, 1, 16, 30);
    scenario.horizon_secs = 20.0 * DAY;
    scenario.kits = vec![skd_kit(20, date(2024, 1, 10), 200)];
    scenario.products[0].kit = Some(0);
    scenario.milestones[0].due = Some(date(2024, 1, 1));
    let p50 = &explain(&scenario, 2).quantiles[0];
    assert_eq!(p50.late_days(), 9);
    let mut expected = only("supply", 8);
    expected.iter_mut().find(|s| s.0 == "plan").unwrap().1 = DENOMINATOR;
    assert_eq!(shares(p50), expected);
}

#[test]
fn training_as_planned_is_not_a_staffing_delay() {
    // Ten operators trained from Monday 2024-01-15 (day 14), as planned: the 30th unit comes on
    // day 15. Relaxing staffing keeps the hires' dates and training, so nothing changes: the 14
    // days late against a due date on day 1 are the plan's (hire earlier), not "staffing".
    let mut scenario = plant(30.0, 1, 16, 30);
    scenario.horizon_secs = 30.0 * DAY;
    scenario.stations[0].operators = 10;
    scenario.workforce = Some(trained_from_jan_15());
    scenario.milestones[0].due = Some(date(2024, 1, 2));
    let pilot = explain(&scenario, 2);
    let p50 = &pilot.quantiles[0];
    assert_eq!((p50.relaxed_day, p50.day), (15, 15));
    assert_eq!(shares(p50), only("plan", 14));
}

#[test]
fn a_cause_hidden_behind_the_plan_gets_no_share() {
    // No kits until Wednesday 2024-01-10 (day 9) and no trained staff until Monday 2024-01-15
    // (day 14): the kits come before anyone can use them, so relaxing supply saves nothing and
    // the lateness is all the plan's.
    let mut scenario = plant(30.0, 1, 16, 30);
    scenario.horizon_secs = 30.0 * DAY;
    scenario.stations[0].operators = 10;
    scenario.workforce = Some(trained_from_jan_15());
    scenario.kits = vec![skd_kit(0, date(2024, 1, 10), 200)];
    scenario.products[0].kit = Some(0);
    scenario.milestones[0].due = Some(date(2024, 1, 2));
    let p50 = &explain(&scenario, 2).quantiles[0];
    assert_eq!(p50.day, 15);
    assert_eq!(shares(p50), only("plan", 14));
}

#[test]
fn on_time_at_the_median_late_at_p90_through_supply() {
    // 48 kits dispatched on day 0 with a lead time uniform on [10 d, 20 d] to a line that makes
    // them in 48 minutes on a 24/7 clock: the pilot is done on the arrival day, floor(10 + 10U),
    // so P(day ≤ d) = (d − 9)/10: P50 day 14, P90 day 18. Due on day 15: on time at the median,
    // nothing to blame there; 3 days late at P90, all supply; the 40% of runs that are late would
    // all be on time with kits on hand.
    let mut scenario = kits_by_uniform_lead_time();
    scenario.milestones[0].due = Some(date(2024, 1, 16));
    let pilot = explain(&scenario, 400);
    let (p50, p90) = (&pilot.quantiles[0], &pilot.quantiles[1]);
    assert_eq!((p50.quantile, p90.quantile), (0.5, 0.9));
    assert!(p50.day <= 15 && p50.late_days() == 0, "{p50:?}");
    assert!(p50.shares.iter().all(|s| s.numerator == 0));
    assert!((17..=19).contains(&p90.day), "{p90:?}");
    assert_eq!(p90.late_days(), p90.day - 15);
    assert_eq!(shares(p90), only("supply", p90.late_days()));
    let probability = pilot.probability.expect("a due date");
    let lost = probability.lost();
    assert!((0.33..=0.47).contains(&lost), "lost {lost}");
    assert_eq!(probability.shares[0].factor, "supply");
    let late_runs = (probability.replications - probability.on_time) as i64;
    assert_eq!(probability.shares[0].numerator, late_runs * DENOMINATOR);
}

#[test]
fn stochastic_shares_add_up() {
    // Breakdowns, yield and learning together on a random line, due before the line can make
    // it: whatever the values, at every quantile the shares add up to the lateness, and the
    // probability shares to the runs lost, exactly.
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
    scenario.milestones[0].due = Some(date(2024, 1, 5));
    let result = why(&scenario, 4, 20, &[0.25, 0.5, 0.9], &no_progress);
    for milestone in &result.milestones {
        assert_eq!(milestone.quantiles.len(), 3);
        for quantile in &milestone.quantiles {
            let total: i64 = quantile.shares.iter().map(|s| s.numerator).sum();
            assert_eq!(total, quantile.late_days() * DENOMINATOR);
            assert!(quantile.late_days() > 0, "due before the line can make it");
        }
        let probability = milestone.probability.as_ref().expect("a due date");
        let total: i64 = probability.shares.iter().map(|s| s.numerator).sum();
        let late_runs = (probability.replications - probability.on_time) as i64;
        assert_eq!(total, late_runs * DENOMINATOR);
    }
}

#[test]
fn without_a_due_date_lateness_is_against_the_relaxed_date() {
    // No due date: the kit-starved line is measured against its date with every factor relaxed
    // (day 1), so it is 8 days late, all supply, and the plan takes nothing.
    let mut scenario = plant(30.0, 1, 16, 30);
    scenario.horizon_secs = 20.0 * DAY;
    scenario.kits = vec![skd_kit(20, date(2024, 1, 10), 200)];
    scenario.products[0].kit = Some(0);
    scenario.milestones[0].due = None;
    let pilot = explain(&scenario, 2);
    assert!(pilot.probability.is_none());
    assert_eq!(pilot.quantiles[0].reference_day, 1);
    assert_eq!(shares(&pilot.quantiles[0]), only("supply", 8));
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

#[test]
fn leavers_not_replaced_are_staffing() {
    // Ten people for the one shift the line needs, leaving at 95% a year: the first leaver
    // (about twelve days in, on average) stops the line. 200 units at 16 a day need 13 workdays
    // (Wednesday 2024-01-17); due Friday 2024-01-19. In the late runs only keeping the crew
    // helps, so the P90 lateness and every lost run are staffing's, and the plan's share is 0.
    let mut scenario = plant(30.0, 1, 16, 200);
    scenario.horizon_secs = 60.0 * DAY;
    scenario.stations[0].operators = 10;
    let mut workforce = hired_on_day_0(10, 0.0);
    workforce.attrition_per_year = 0.95;
    scenario.workforce = Some(workforce);
    scenario.milestones[0].due = Some(date(2024, 1, 19));
    let pilot = explain(&scenario, 40);
    let p90 = &pilot.quantiles[1];
    assert_eq!(p90.relaxed_day, 16);
    assert!(p90.late_days() > 0, "{p90:?}");
    assert_eq!(shares(p90), only("staffing", p90.late_days()));
    let probability = pilot.probability.expect("a due date");
    let late_runs = (probability.replications - probability.on_time) as i64;
    assert!(late_runs > 0);
    assert_eq!(probability.shares[0].factor, "staffing");
    assert_eq!(probability.shares[0].numerator, late_runs * DENOMINATOR);
}

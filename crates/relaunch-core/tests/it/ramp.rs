//! Ramp behaviour against dates computed by hand: shift calendars, kit supply, staffing,
//! learning, shutdowns; and the direction of stochastic effects.
//!
//! Every deterministic scenario starts on Monday 2024-01-01, works Monday to Friday with
//! 8-hour shifts from 06:00 and has one station with a constant cycle time.

use jiff::civil::{Date, date};
use relaunch_core::Dist;
use relaunch_core::model::*;
use relaunch_core::montecarlo::{Forecast, forecast};
use relaunch_core::sim::{self, Prepared, Relaxations};

use crate::build::*;

fn no_progress(_: u64) {}

pub fn pilot(units: u64) -> Milestone {
    Milestone {
        id: "pilot".to_string(),
        kind: MilestoneKind::Cumulative { units },
        due: Some(date(2024, 1, 31)),
    }
}

/// One station of `cycle_minutes` on a weekday calendar with `shifts` shifts, plan `per_day`.
pub fn plant(cycle_minutes: f64, shifts: u32, per_day: u32, milestone_units: u64) -> Scenario {
    let mut scenario = line(
        vec![station("assembly", constant(cycle_minutes * MIN))],
        plan(per_day, None),
        60.0 * DAY,
        0.0,
    );
    scenario.calendar = weekdays(shifts);
    scenario.milestones = vec![pilot(milestone_units)];
    scenario
}

fn run_forecast(scenario: &Scenario, replications: u64, relax: Relaxations) -> Forecast {
    forecast(scenario, 3, replications, relax, &no_progress)
}

fn p50(scenario: &Scenario) -> Option<Date> {
    run_forecast(scenario, 2, Relaxations::default()).milestones[0].p50
}

#[test]
fn plain_line_dates() {
    // 40-minute cycle: 12 units per 8-hour shift (480 min); unit n finishes at 40·n operating
    // minutes. 60 units take 2400 min = 5 shifts: Friday 2024-01-05. The 61st finishes 40 min
    // into the 6th shift, after the weekend: Monday 2024-01-08.
    assert_eq!(p50(&plant(40.0, 1, 16, 60)), Some(date(2024, 1, 5)));
    assert_eq!(p50(&plant(40.0, 1, 16, 61)), Some(date(2024, 1, 8)));
    // Two shifts double the daily output: 61 units = 2440 min = 2.54 days of 960 min: Wednesday.
    assert_eq!(p50(&plant(40.0, 2, 32, 61)), Some(date(2024, 1, 3)));
    let result = run_forecast(&plant(40.0, 1, 16, 60), 2, Relaxations::default());
    assert_eq!(result.daily[0].good.p50, 12);
    assert_eq!(result.daily[5].good.p50, 0, "Saturday");
    assert_eq!(result.daily[4].cumulative.p50, 60);
    assert_eq!(result.milestones[0].on_time_probability, Some(1.0));
}

#[test]
fn kit_starved_line_waits_for_the_shipment_and_catches_up() {
    // 30-minute cycle, 16 planned starts a day, 20 kits on hand, 200 more arriving Wednesday
    // 2024-01-10; a 10-day horizon. Day 0 makes 16, day 1 makes the last 4; the 92 planned
    // starts missed on Tue–Fri and Mon–Tue (6 workdays) are carried over and released when the
    // kits arrive, with Wednesday's own 16: 200 − 108 = 92 kits left at the end of the day. The
    // 30th unit is the 10th of Wednesday: 2024-01-10.
    let mut scenario = plant(30.0, 1, 16, 30);
    scenario.horizon_secs = 10.0 * DAY;
    scenario.kits = vec![Kit {
        id: "skd".to_string(),
        kind: KitKind::Skd,
        initial_stock: 20,
        orders: vec![],
        shipments: vec![KitShipment {
            arrives: date(2024, 1, 10),
            quantity: 200,
        }],
        lead_time: constant(0.0),
        unit_price: None,
        currency: None,
    }];
    scenario.products[0].kit = Some(0);
    let result = run_forecast(&scenario, 2, Relaxations::default());
    assert_eq!(result.milestones[0].p50, Some(date(2024, 1, 10)));
    assert_eq!(result.kit_stockout_days.mean, 6.0);
    assert_eq!(result.daily[1].cumulative.p50, 20);
    assert_eq!(
        result.daily[9].good.p50, 16,
        "the backlog keeps Wednesday's one shift full"
    );
    assert_eq!(result.daily[1].kit_stock[0].p50, 0);
    assert_eq!(result.daily[9].kit_stock[0].p50, 92);
    // With supply relaxed the 30th unit is the 14th of Tuesday.
    let relaxed = run_forecast(
        &scenario,
        2,
        Relaxations {
            supply: true,
            ..Relaxations::default()
        },
    );
    assert_eq!(relaxed.milestones[0].p50, Some(date(2024, 1, 2)));
}

#[test]
fn staff_limited_line_runs_the_shifts_trained_staff_allow() {
    // Two shifts planned; the station needs 10 operators a shift. 10 hires on 2024-01-01 and 10
    // on 2024-01-08 with 7 days' training: no shift in week 1, one shift in week 2 (16 units a
    // day, 80 by Friday), two from Monday 2024-01-15. Unit 100 is the 20th on Monday the 15th.
    let mut scenario = plant(30.0, 2, 16, 100);
    scenario.stations[0].operators = 10;
    scenario.workforce = Some(Workforce {
        hires: vec![
            Hire {
                date: date(2024, 1, 1),
                count: 10,
            },
            Hire {
                date: date(2024, 1, 8),
                count: 10,
            },
        ],
        training_secs: 7.0 * DAY,
        attrition_per_year: 0.0,
        ..Workforce::default()
    });
    let result = run_forecast(&scenario, 2, Relaxations::default());
    assert_eq!(result.milestones[0].p50, Some(date(2024, 1, 15)));
    assert_eq!(result.daily[11].cumulative.p50, 80);
    assert_eq!(result.daily[7].staffed_shifts, 1.0);
    assert_eq!(result.daily[14].staffed_shifts, 2.0);
    // Unstaffed planned shifts: 5 workdays × 2 in week 1, 5 × 1 in week 2.
    assert_eq!(result.unstaffed_shifts.mean, 15.0);
    // Staffing relaxed keeps the hires' dates and training (only leavers are relaxed away), and
    // nobody leaves here: the same date. Hiring earlier is the plan's business, not staffing's.
    let relaxed = run_forecast(
        &scenario,
        2,
        Relaxations {
            staffing: true,
            ..Relaxations::default()
        },
    );
    assert_eq!(relaxed.milestones[0].p50, Some(date(2024, 1, 15)));
    assert_eq!(relaxed.unstaffed_shifts.mean, 15.0);
}

#[test]
fn learning_line_is_slower_at_first() {
    // Crawford 80%, first unit ×2, 60-minute standard cycle, 24/7, saturated: unit x takes
    // 60·max(1, 2·x^b) minutes, b = log2 0.8. Units 1..8 take 641.5 min in all (unit 9 onwards
    // is at the standard), so 47 units take 641.5 + 39·60 = 2981.5 min: day 2 (2024-01-03).
    // At the standard time, 47 units take 2820 min: day 1 (2024-01-02).
    let b = 0.8f64.log2();
    let learning_minutes: f64 = (1..=8)
        .map(|x: i32| 60.0 * (2.0 * f64::from(x).powf(b)).max(1.0))
        .sum();
    assert!(
        (learning_minutes - 641.51).abs() < 0.01,
        "{learning_minutes}"
    );
    assert!((2.0 * 9f64.powf(b)) < 1.0);
    let mut scenario = line(
        vec![station("assembly", constant(HOUR))],
        Release::Saturated { limit: None },
        10.0 * DAY,
        0.0,
    );
    scenario.learning = Learning {
        model: LearningModel::Crawford,
        rate: 0.8,
        first_unit_factor: 2.0,
        first_pass_yield: None,
    };
    scenario.milestones = vec![pilot(47)];
    assert_eq!(
        run_forecast(&scenario, 2, Relaxations::default()).milestones[0].p50,
        Some(date(2024, 1, 3))
    );
    let relaxed = run_forecast(
        &scenario,
        2,
        Relaxations {
            learning: true,
            ..Relaxations::default()
        },
    );
    assert_eq!(relaxed.milestones[0].p50, Some(date(2024, 1, 2)));
}

#[test]
fn a_shutdown_moves_dates_by_its_length() {
    // A one-week shutdown (Monday to Sunday) before the milestone moves it by exactly 7 days.
    let scenario = plant(40.0, 1, 16, 61);
    let mut closed = scenario.clone();
    if let Calendar::Shifts(calendar) = &mut closed.calendar {
        calendar.shutdowns = vec![Shutdown {
            from: date(2024, 1, 1),
            to: date(2024, 1, 7),
            reason: None,
        }];
    }
    assert_eq!(p50(&scenario), Some(date(2024, 1, 8)));
    assert_eq!(p50(&closed), Some(date(2024, 1, 15)));
    // A holiday on a workday before the milestone moves it by one workday.
    let mut holiday = scenario.clone();
    if let Calendar::Shifts(calendar) = &mut holiday.calendar {
        calendar.holidays = vec![date(2024, 1, 3)];
    }
    assert_eq!(p50(&holiday), Some(date(2024, 1, 9)));
}

#[test]
fn rate_milestone_uses_workdays() {
    // 12 units a workday from day 0: a rate of 12/day over 5 workdays is first reached on the
    // 5th workday (Friday 2024-01-05); 12.5/day never.
    let mut scenario = plant(40.0, 1, 16, 1);
    scenario.milestones = vec![
        Milestone {
            id: "rate".to_string(),
            kind: MilestoneKind::Rate {
                per_day: 12.0,
                window: 5,
            },
            due: None,
        },
        Milestone {
            id: "never".to_string(),
            kind: MilestoneKind::Rate {
                per_day: 12.5,
                window: 5,
            },
            due: None,
        },
    ];
    let result = run_forecast(&scenario, 2, Relaxations::default());
    assert_eq!(result.milestones[0].p50, Some(date(2024, 1, 5)));
    assert_eq!(result.milestones[1].p50, None);
    assert_eq!(result.milestones[1].reached_fraction, 0.0);
}

#[test]
fn a_catch_up_burst_is_not_a_sustained_rate() {
    // A 20-minute cycle makes 24 a shift; the plan asks for 8 a workday, then 20 from Monday
    // 2024-02-05 (day 35). No kits until Monday 2024-01-15 (day 14): the 80 starts missed in the
    // first ten workdays are released with the kits, and the line runs flat out at 24 a day for
    // days — above the 20-a-day milestone over 5 workdays, five weeks before the plan asks for
    // 20. A sustained rate needs the plan to ask for it, so the milestone is reached when the
    // window holds five workdays of the 20-a-day phase: Friday 2024-02-09.
    let mut scenario = plant(20.0, 1, 8, 1);
    scenario.horizon_secs = 60.0 * DAY;
    scenario.release = Release::Plan {
        phases: vec![
            PlanPhase {
                from: start(),
                per_day: 8,
            },
            PlanPhase {
                from: date(2024, 2, 5),
                per_day: 20,
            },
        ],
        limit: None,
    };
    scenario.kits = vec![Kit {
        id: "skd".to_string(),
        kind: KitKind::Skd,
        initial_stock: 0,
        orders: vec![],
        shipments: vec![KitShipment {
            arrives: date(2024, 1, 15),
            quantity: 2000,
        }],
        lead_time: constant(0.0),
        unit_price: None,
        currency: None,
    }];
    scenario.products[0].kit = Some(0);
    scenario.milestones = vec![Milestone {
        id: "rate".to_string(),
        kind: MilestoneKind::Rate {
            per_day: 20.0,
            window: 5,
        },
        due: None,
    }];
    let result = run_forecast(&scenario, 2, Relaxations::default());
    // The burst: 24 a day for the week of 2024-01-15, well above the rate.
    let week: Vec<u64> = result.daily[14..19].iter().map(|d| d.good.p50).collect();
    assert_eq!(week, vec![24; 5], "the backlog runs at full speed");
    assert_eq!(result.milestones[0].p50, Some(date(2024, 2, 9)));
}

/// 48 kits dispatched on day 0 with a lead time uniform on [10 d, 20 d] to a one-station line
/// that makes a unit a minute on a 24/7 clock, saturated: the 48-unit pilot is done on the day
/// the kits arrive (or the next, when they come within 48 minutes of midnight).
pub fn kits_by_uniform_lead_time() -> Scenario {
    let mut scenario = line(
        vec![station("assembly", constant(MIN))],
        Release::Saturated { limit: None },
        40.0 * DAY,
        0.0,
    );
    scenario.kits = vec![Kit {
        id: "skd".to_string(),
        kind: KitKind::Skd,
        initial_stock: 0,
        orders: vec![KitOrder {
            first: start(),
            every_days: None,
            quantity: 48,
            until: None,
        }],
        shipments: vec![],
        lead_time: Dist::uniform(10.0 * DAY, 20.0 * DAY).unwrap(),
        unit_price: None,
        currency: None,
    }];
    scenario.products[0].kit = Some(0);
    scenario.milestones = vec![pilot(48)];
    scenario
}

#[test]
fn kit_lead_time_shifts_the_pilot_date_as_computed() {
    // 48 kits dispatched on day 0 with a lead time uniform on [10 d, 20 d]; the line makes 48
    // units in 48 minutes on a 24/7 clock, so the pilot is done on the arrival day (or the next,
    // when the kits come within 48 minutes of midnight: 3% of runs). The arrival day is
    // floor(10 + 10U): P(day ≤ d) = (d − 9)/10 for d = 10..19, so P10 = day 10, P50 = day 14,
    // P90 = day 18, within a day either way for sampling noise over 400 runs.
    let scenario = kits_by_uniform_lead_time();
    let result = run_forecast(&scenario, 400, Relaxations::default());
    let day = |d: Option<Date>| start().until(d.expect("reached")).unwrap().get_days();
    let m = &result.milestones[0];
    assert!((10..=11).contains(&day(m.p10)), "P10 {:?}", m.p10);
    assert!((13..=15).contains(&day(m.p50)), "P50 {:?}", m.p50);
    assert!((17..=19).contains(&day(m.p90)), "P90 {:?}", m.p90);
    assert_eq!(m.reached_fraction, 1.0);
}

#[test]
fn attrition_lowers_output() {
    // Same streams (common random numbers), 40% attrition a year against none: fewer shifts run
    // once people leave, so fewer good units within the horizon.
    let mut scenario = plant(30.0, 2, 32, 1);
    scenario.horizon_secs = 200.0 * DAY;
    scenario.stations[0].operators = 10;
    let workforce = |attrition_per_year| Workforce {
        hires: vec![Hire {
            date: start(),
            count: 22,
        }],
        training_secs: 0.0,
        attrition_per_year,
        ..Workforce::default()
    };
    scenario.workforce = Some(workforce(0.0));
    let steady = run_forecast(&scenario, 50, Relaxations::default());
    scenario.workforce = Some(workforce(0.4));
    let leaving = run_forecast(&scenario, 50, Relaxations::default());
    assert!(
        leaving.good.mean < steady.good.mean - 5.0 * leaving.good.std_error,
        "{} vs {}",
        leaving.good.mean,
        steady.good.mean
    );
    assert!(leaving.unstaffed_shifts.mean > 0.0);
    assert_eq!(steady.unstaffed_shifts.mean, 0.0);
}

#[test]
fn scrap_and_rework_count_only_good_units() {
    // Yield 50% flat, no rework station: about half the units are scrapped. With a rework
    // station every unit ends good.
    let mut scenario = line(
        vec![station("assembly", constant(MIN))],
        Release::Saturated { limit: Some(2_000) },
        10.0 * DAY,
        0.0,
    );
    scenario.learning.first_pass_yield = Some(Yield {
        initial: 0.5,
        mature: 0.5,
    });
    let prepared = Prepared::new(&scenario);
    let outcome = sim::run(&scenario, &prepared, 1, 0);
    assert_eq!(outcome.good + outcome.scrapped, 2_000);
    // Binomial(2000, 0.5): sd 22.4, so ±120 is over 5 sd.
    assert!(
        (outcome.good as i64 - 1_000).abs() < 120,
        "{}",
        outcome.good
    );
    let mut rework = station("rework", constant(MIN));
    rework.rework = true;
    scenario.stations.push(rework);
    let prepared = Prepared::new(&scenario);
    let outcome = sim::run(&scenario, &prepared, 1, 0);
    assert_eq!((outcome.good, outcome.scrapped), (2_000, 0));
}

#[test]
fn product_mix_splits_releases_by_weight() {
    // Two products (mix 2 : 1) sharing the first station, each with its own kit; the kits
    // consumed show the split. Saturated and planned releases both follow the weights:
    // 2/3 of 3,000 units = 2,000 ± 5 sd (sd = sqrt(3000 · 2/9) = 25.8).
    let kit = |id: &str| Kit {
        id: id.to_string(),
        kind: KitKind::Skd,
        initial_stock: 10_000,
        orders: vec![],
        shipments: vec![],
        lead_time: constant(0.0),
        unit_price: None,
        currency: None,
    };
    for release in [
        Release::Saturated { limit: Some(3_000) },
        Release::Arrivals {
            interval: constant(MIN),
            limit: Some(3_000),
        },
    ] {
        let mut scenario = line(
            vec![station("assembly", constant(30.0))],
            release,
            10.0 * DAY,
            0.0,
        );
        scenario.kits = vec![kit("petrol"), kit("electric")];
        scenario.products = vec![
            Product {
                id: "petrol".to_string(),
                route: vec![0],
                mix: 2.0,
                kit: Some(0),
                cycles: Vec::new(),
            },
            Product {
                id: "electric".to_string(),
                route: vec![0],
                mix: 1.0,
                kit: Some(1),
                cycles: Vec::new(),
            },
        ];
        let prepared = Prepared::new(&scenario);
        let outcome = sim::run(&scenario, &prepared, 5, 0);
        assert_eq!(outcome.released, 3_000);
        let used = |kit: usize| 10_000 - outcome.kit_stock[kit].last().copied().unwrap();
        assert_eq!(used(0) + used(1), 3_000);
        assert!(
            (i64::from(used(0)) - 2_000).abs() < 130,
            "petrol kits used {}",
            used(0)
        );
    }
}

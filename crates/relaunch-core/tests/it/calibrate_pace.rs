//! Calibration of the line's pace and learning rate (review of issue 12, H1 and H6): the days
//! a pilot ran at its planned rate are not capacity-bound, the pace of a line slower than the
//! scenario is recovered from the model's own actuals, and a calibrated forecast goes on at the
//! pace the actuals show.

use jiff::civil::date;
use relaunch_core::Dist;
use relaunch_core::actuals::Metric;
use relaunch_core::model::*;
use relaunch_core::tracking::calibrate::Calibration;

use crate::build::*;
use crate::calibrate::{actuals, find, record, synthetic};

/// A line of one station (constant hour) on one 8-hour shift Monday to Friday from Monday
/// 2024-01-01, whose plan waits for a task: a pilot of 4 a day from the end of task `ready`
/// (10 to 30 days, optimistic 10: planned from 2024-01-11), then 16 a day from 2024-03-01,
/// twice what the line can make.
fn pilot_then_serial() -> Scenario {
    let mut scenario = line(
        vec![station("line", constant(HOUR))],
        Release::Plan {
            phases: vec![
                PlanPhase {
                    from: date(2024, 1, 11),
                    per_day: 4,
                },
                PlanPhase {
                    from: date(2024, 3, 1),
                    per_day: 16,
                },
            ],
            limit: None,
        },
        120.0 * DAY,
        0.0,
    );
    scenario.calendar = weekdays(1);
    scenario.programme.tasks = vec![task(
        "ready",
        Dist::triangular(10.0 * DAY, 20.0 * DAY, 30.0 * DAY).unwrap(),
        &[],
    )];
    scenario.programme.anchors = vec![Anchor {
        slot: Slot::PlanPhase(0),
        task: 0,
        lag_days: 0,
        not_before: None,
    }];
    relaunch_core::programme::settle(&mut scenario);
    scenario
}

#[test]
fn pilot_days_at_the_planned_rate_are_not_capacity_bound() {
    // `ready` took 30 days (done on 2024-01-30): the pilot ran from 2024-01-31, 4 released
    // and 4 good each workday, as the plan with that date asked — waiting for nothing, though
    // the optimistic plan (pilot from 2024-01-11) had 80 more starts due by then. From
    // 2024-03-01 the line made its 8 a day against 16 planned: the 21 workdays to 2024-03-29
    // are the capacity-bound days, and the line is exactly as fast as the scenario's.
    let scenario = pilot_then_serial();
    let mut records = vec![record(date(2024, 1, 30), Metric::TaskDone, 0, 1)];
    let mut day = date(2024, 1, 31);
    while day <= date(2024, 3, 29) {
        if day.weekday().to_monday_zero_offset() < 5 {
            let made = if day < date(2024, 3, 1) { 4 } else { 8 };
            records.push(record(day, Metric::Released, 0, made));
            records.push(record(day, Metric::Good, 0, made));
        }
        day = day.tomorrow().unwrap();
    }
    let known = actuals(records);
    let calibration = Calibration::estimate(&scenario, &known, date(2024, 3, 29));
    let pace = find(&calibration, "line.pace").expect("a pace");
    assert!(
        pace.basis
            .starts_with("21 capacity-bound days: 168 h for 168 good units"),
        "{pace:?}"
    );
    assert!((pace.mean - 1.0).abs() < 1e-6, "{pace:?}");
    // The scenario's line does not learn: the days say nothing of a learning rate.
    assert!(find(&calibration, "learning.rate").is_none());
}

/// Two stations of lognormal cycles (20 and 24 minutes, cv 0.3, two places between them) on
/// one 8-hour shift Monday to Friday, fed by a plan of 40 a day (about twice what they make:
/// every workday is capacity-bound), with a Crawford curve of 85% from 3 times standard
/// (standard from about unit 110), for 100 days.
fn paced_line() -> Scenario {
    let cycle = |minutes: f64| Dist::lognormal(minutes * MIN, 0.3).unwrap();
    let mut second = station("final", cycle(24.0));
    second.buffer = Some(2);
    let mut scenario = line(
        vec![station("body", cycle(20.0)), second],
        plan(40, None),
        100.0 * DAY,
        0.0,
    );
    scenario.calendar = weekdays(1);
    scenario.learning = Learning {
        model: LearningModel::Crawford,
        rate: 0.85,
        first_unit_factor: 3.0,
        first_pass_yield: None,
    };
    scenario
}

/// `scenario` with every cycle `pace` times as long.
fn slowed(scenario: &Scenario, pace: f64) -> Scenario {
    let mut slow = scenario.clone();
    for station in &mut slow.stations {
        station.cycle = Dist::lognormal(station.cycle.mean_secs() * pace, 0.3).unwrap();
    }
    slow
}

#[test]
fn the_pace_of_a_slower_line_is_recovered_from_its_actuals() {
    // The actuals of the line with every cycle 1.5 times the scenario's (the model's own run,
    // learning and all), read against the scenario: the pace's 90% interval holds 1.5.
    let scenario = paced_line();
    let slow = slowed(&scenario, 1.5);
    let as_of = date(2024, 3, 29);
    let mut inside = 0;
    for seed in [1, 2, 3] {
        let known = synthetic(&slow, seed);
        let calibration = Calibration::estimate(&scenario, &known, as_of);
        let pace = find(&calibration, "line.pace").expect("a pace");
        assert!(pace.p05 < pace.mean && pace.mean < pace.p95, "{pace:?}");
        assert!((pace.mean - 1.5).abs() < 0.1, "{pace:?}");
        inside += (pace.p05 <= 1.5 && 1.5 <= pace.p95) as u32;
        // The learning rate is the scenario's, read through its curve (floor included).
        let rate = find(&calibration, "learning.rate").expect("a rate");
        assert!((rate.mean - 0.85).abs() < 0.02, "{rate:?}");
        // The scenario's own actuals: a pace of 1.
        let own = Calibration::estimate(&scenario, &synthetic(&scenario, seed), as_of);
        let own = find(&own, "line.pace").expect("a pace");
        assert!((own.mean - 1.0).abs() < 0.07, "{own:?}");
    }
    assert!(inside >= 2, "1.5 inside {inside} of 3");
}

#[test]
fn a_calibrated_forecast_runs_at_the_pace_the_actuals_show() {
    use relaunch_core::tracking::{forecast_as_of, state_at};
    // As of Friday 2024-03-29 (day 88) the slow line has made some 9 a day for weeks; the
    // scenario's line makes about 14. Without calibration the forecast jumps back to the
    // scenario's rate the next Monday; calibrated, it goes on at the demonstrated one.
    let scenario = paced_line();
    let slow = slowed(&scenario, 1.5);
    let known = synthetic(&slow, 1);
    let as_of = date(2024, 3, 29);
    let calibration = Calibration::estimate(&scenario, &known, as_of);
    let state = state_at(&scenario, &known, as_of).unwrap();
    let per_workday = |forecast: &relaunch_core::montecarlo::Forecast, from: usize, to: usize| {
        let days: Vec<f64> = forecast.daily[from..to]
            .iter()
            .filter(|d| d.workday)
            .map(|d| d.good.p50 as f64)
            .collect();
        days.iter().sum::<f64>() / days.len() as f64
    };
    let shown: f64 = {
        let good: Vec<u64> = state.good_per_day[68..89]
            .iter()
            .map(|&g| u64::from(g))
            .filter(|&g| g > 0)
            .collect();
        good.iter().sum::<u64>() as f64 / good.len() as f64
    };
    let plain = forecast_as_of(&scenario, &state, None, 7, 40, &|_| {}).unwrap();
    let calibrated = forecast_as_of(&scenario, &state, Some(&calibration), 7, 40, &|_| {}).unwrap();
    let (before, after) = (
        per_workday(&plain, 91, 100),
        per_workday(&calibrated, 91, 100),
    );
    assert!(
        before > 1.3 * shown,
        "uncalibrated {before} a day, shown {shown}"
    );
    assert!(
        (after / shown - 1.0).abs() < 0.12,
        "calibrated {after} a day, shown {shown}"
    );
    // The pace is drawn into each replication: shifts of 8 hours over the drawn pace (at the
    // scenario's learning curve, when the learning rate is not drawn as well).
    let only_pace = Calibration {
        estimates: calibration
            .estimates
            .iter()
            .filter(|e| e.parameter == "line.pace")
            .cloned()
            .collect(),
    };
    let mut drawn = scenario.clone();
    only_pace.draw_into(&mut drawn, 7, 0);
    let Calendar::Shifts(shifts) = &drawn.calendar else {
        panic!()
    };
    assert!(
        (4.8 * HOUR..5.9 * HOUR).contains(&shifts.shift_length_secs),
        "{shifts:?}"
    );
}

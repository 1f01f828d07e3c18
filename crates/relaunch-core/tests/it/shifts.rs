//! Shift phases (`[calendar] shifts` as a list) against dates and figures computed by hand.
//!
//! Every scenario starts on Monday 2024-01-01, works Monday to Friday with 8-hour shifts from
//! 06:00 and has one station with a constant cycle time (no learning, no failures).

use jiff::civil::{Date, date};
use relaunch_core::model::*;
use relaunch_core::montecarlo::{Forecast, forecast};
use relaunch_core::schedule::PlantCalendar;
use relaunch_core::sim::Relaxations;

use crate::build::*;
use crate::ramp::pilot;

fn no_progress(_: u64) {}

fn phases(list: &[(Date, u32)]) -> Calendar {
    let Calendar::Shifts(mut calendar) = weekdays(1) else {
        unreachable!("weekdays() is a shift calendar")
    };
    calendar.shifts = list
        .iter()
        .map(|&(from, count)| ShiftPhase {
            from: Some(from),
            count,
        })
        .collect();
    Calendar::Shifts(calendar)
}

/// One station with a constant 40-minute cycle (12 units per 8-hour shift), fed without
/// pause, over `days` days, on `calendar`, with a cumulative milestone of `units`.
fn saturated_line(calendar: Calendar, days: f64, units: u64) -> Scenario {
    let mut scenario = line(
        vec![station("assembly", constant(40.0 * MIN))],
        Release::Saturated { limit: None },
        days * DAY,
        0.0,
    );
    scenario.calendar = calendar;
    scenario.milestones = vec![pilot(units)];
    scenario
}

fn run(scenario: &Scenario) -> Forecast {
    forecast(scenario, 3, 2, Relaxations::default(), &no_progress)
}

#[test]
fn a_second_shift_phase_doubles_the_output_from_its_date() {
    // One shift from Monday 2024-01-01, two from Wednesday 2024-01-10. 12 units a one-shift
    // day, 24 a two-shift day: cumulative 12, 24, 36, 48, 60 (Fri 5th), 72 (Mon 8th), 84
    // (Tue 9th), 108 (Wed 10th), 132 (Thu 11th), 156 (Fri 12th). Unit 100 comes on Wednesday
    // the 10th, unit 150 on Friday the 12th; on one shift throughout, unit 100 would be the
    // 4th of the ninth workday, Thursday the 11th.
    let calendar = phases(&[(date(2024, 1, 1), 1), (date(2024, 1, 10), 2)]);
    let result = run(&saturated_line(calendar.clone(), 14.0, 100));
    assert_eq!(result.milestones[0].p50, Some(date(2024, 1, 10)));
    let one_shift = run(&saturated_line(weekdays(1), 14.0, 100));
    assert_eq!(one_shift.milestones[0].p50, Some(date(2024, 1, 11)));
    let result_150 = run(&saturated_line(calendar, 14.0, 150));
    assert_eq!(result_150.milestones[0].p50, Some(date(2024, 1, 12)));

    let good: Vec<u64> = result.daily.iter().map(|day| day.good.p50).collect();
    assert_eq!(good, [12, 12, 12, 12, 12, 0, 0, 12, 12, 24, 24, 24, 0, 0]);
    let cumulative: Vec<u64> = result.daily.iter().map(|day| day.cumulative.p50).collect();
    assert_eq!(cumulative[4], 60);
    assert_eq!(cumulative[8], 84);
    assert_eq!(cumulative[11], 156);
    let planned: Vec<u32> = result.daily.iter().map(|day| day.planned_shifts).collect();
    assert_eq!(planned, [1, 1, 1, 1, 1, 0, 0, 1, 1, 2, 2, 2, 0, 0]);
    // Scheduled time is what the phases plan: 7 one-shift days and 3 two-shift days, 104 h.
    // The station works all of it: throughput 156 / 104 = 1.5 an hour, busy 100%, nothing
    // unstaffed (no workforce: every planned shift runs).
    assert!((result.throughput_per_hour.mean - 1.5).abs() < 1e-12);
    assert!((result.stations[0].busy.mean - 1.0).abs() < 1e-12);
    assert_eq!(result.stations[0].unstaffed.mean, 0.0);
    assert_eq!(result.unstaffed_shifts.mean, 0.0);
}

#[test]
fn no_shift_is_planned_before_the_first_phase_or_in_a_closed_phase() {
    // First phase from Wednesday 2024-01-03; closed (count 0) from Monday the 8th; one shift
    // again from Wednesday the 10th. Workdays: Wed 3rd to Fri 5th, then Wed 10th to Fri 12th.
    let calendar = phases(&[
        (date(2024, 1, 3), 1),
        (date(2024, 1, 8), 0),
        (date(2024, 1, 10), 1),
    ]);
    let scenario = saturated_line(calendar, 14.0, 48);
    let plant = PlantCalendar::new(&scenario);
    assert_eq!(
        plant.scheduled_shifts,
        [0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0]
    );
    let result = run(&scenario);
    let workdays: Vec<bool> = result.daily.iter().map(|day| day.workday).collect();
    assert_eq!(
        workdays,
        [
            false, false, true, true, true, false, false, false, false, true, true, true, false,
            false
        ]
    );
    // 12 a workday: 36 by Friday the 5th, unit 48 on Wednesday the 10th.
    assert_eq!(result.daily[4].cumulative.p50, 36);
    assert_eq!(result.daily[8].cumulative.p50, 36);
    assert_eq!(result.milestones[0].p50, Some(date(2024, 1, 10)));
    // 6 scheduled shifts of 8 h, 72 good units: 1.5 an hour.
    assert!((result.throughput_per_hour.mean - 1.5).abs() < 1e-12);
}

#[test]
fn staff_in_training_before_the_first_phase_is_not_an_unstaffed_shift() {
    // The station needs 10 operators a shift and runs a plan of 16 starts a workday with a
    // 30-minute cycle. 10 people hired on Monday 2024-01-01 and 10 on the 8th, 7 days'
    // training each: 10 trained from the 8th, 20 from the 15th.
    let workforce = Workforce {
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
    };
    let build = |calendar: Calendar| {
        let mut scenario = line(
            vec![station("assembly", constant(30.0 * MIN))],
            plan(16, None),
            28.0 * DAY,
            0.0,
        );
        scenario.stations[0].operators = 10;
        scenario.workforce = Some(workforce.clone());
        scenario.calendar = calendar;
        scenario.milestones = vec![pilot(100)];
        scenario
    };
    // Two shifts planned from the start: week 1 loses 2 shifts a day, week 2 one: 15 in all.
    let planned_from_day_0 = run(&build(weekdays(2)));
    assert_eq!(planned_from_day_0.unstaffed_shifts.mean, 15.0);
    // Shifts planned as staff is trained: none in week 1, one in week 2, two from the 15th.
    // Nothing is unstaffed. Week 1 plans no starts (no shift), so nothing piles up: 16 units a
    // day from the 8th, 80 by Friday the 12th, 96 on Monday the 15th, unit 100 on Tuesday.
    let phased = run(&build(phases(&[
        (date(2024, 1, 8), 1),
        (date(2024, 1, 15), 2),
    ])));
    assert_eq!(phased.unstaffed_shifts.mean, 0.0);
    assert_eq!(phased.stations[0].unstaffed.mean, 0.0);
    assert_eq!(phased.daily[11].cumulative.p50, 80);
    assert_eq!(phased.daily[14].cumulative.p50, 96);
    assert_eq!(phased.milestones[0].p50, Some(date(2024, 1, 16)));
    for day in &phased.daily {
        assert_eq!(
            day.staffed_shifts,
            f64::from(day.planned_shifts),
            "{}",
            day.date
        );
    }
    // Planned from day 0, the unstaffed share of scheduled time is 15 of the 40 planned shifts
    // of the 20 workdays (28 days from Monday: four weeks).
    assert!((planned_from_day_0.stations[0].unstaffed.mean - 15.0 / 40.0).abs() < 1e-12);
}

#[test]
fn the_plan_is_checked_against_the_shifts_planned_in_its_phase() {
    // 40-minute cycle: 12 starts a shift. One shift until Monday the 15th, then two (24).
    let calendar = phases(&[(date(2024, 1, 1), 1), (date(2024, 1, 15), 2)]);
    let with_plan = |plan: &[(Date, u32)]| {
        let mut scenario = saturated_line(calendar.clone(), 28.0, 1);
        scenario.release = Release::Plan {
            phases: plan
                .iter()
                .map(|&(from, per_day)| PlanPhase { from, per_day })
                .collect(),
            limit: None,
        };
        relaunch_core::preflight::preflight_warnings(&scenario)
    };
    // 20 a day from the start needs the second shift, which is planned only from the 15th.
    let warnings = with_plan(&[(date(2024, 1, 1), 20)]);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].key_path, "release.plan[0].per_day");
    assert!(
        warnings[0].message.contains("can do at most 12.0")
            && warnings[0].message.contains("1 shift of 8 h"),
        "{}",
        warnings[0].message
    );
    // 12 a day on one shift, 20 once the second shift is planned: nothing to warn about.
    assert!(with_plan(&[(date(2024, 1, 1), 12), (date(2024, 1, 15), 20)]).is_empty());
}

#[test]
fn the_work_estimate_weights_each_shift_phase_by_its_days() {
    // 14 days: one shift on days 0–8, two on days 9–13: 19/14 shifts on an average workday,
    // 5/7 of the days workdays, 8 h a shift, one unit per 40 minutes.
    let calendar = phases(&[(date(2024, 1, 1), 1), (date(2024, 1, 10), 2)]);
    let estimate = relaunch_core::budget::WorkEstimate::of(&saturated_line(calendar, 14.0, 1));
    let expected = 19.0 / 14.0 * (5.0 / 7.0) * (8.0 * HOUR) / (40.0 * MIN);
    assert!(
        (estimate.line_per_day - expected).abs() < 1e-9,
        "{} vs {expected}",
        estimate.line_per_day
    );
    // A plain number: exactly its shifts on every workday.
    let plain = relaunch_core::budget::WorkEstimate::of(&saturated_line(weekdays(2), 14.0, 1));
    assert!((plain.line_per_day - 2.0 * (5.0 / 7.0) * 12.0).abs() < 1e-9);
}

#[test]
fn model_checks_guard_shift_phases_from_any_source() {
    let problems = |calendar: Calendar| {
        let scenario = saturated_line(calendar, 14.0, 1);
        scenario
            .check()
            .into_iter()
            .map(|problem| problem.key_path)
            .collect::<Vec<_>>()
    };
    assert!(problems(phases(&[(date(2024, 1, 1), 1), (date(2024, 1, 8), 3)])).is_empty());
    // Not after the previous phase.
    assert_eq!(
        problems(phases(&[(date(2024, 1, 8), 1), (date(2024, 1, 8), 2)])),
        ["calendar.shifts[1].from"]
    );
    // Four shifts of 8 h in the second phase.
    assert_eq!(
        problems(phases(&[(date(2024, 1, 1), 1), (date(2024, 1, 8), 4)])),
        ["calendar.shifts[1].count"]
    );
    // No phase with a shift, and no phase at all.
    assert_eq!(
        problems(phases(&[(date(2024, 1, 1), 0)])),
        ["calendar.shifts"]
    );
    assert_eq!(problems(phases(&[])), ["calendar.shifts"]);
}

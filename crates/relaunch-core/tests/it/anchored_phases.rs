//! Plan and shift phases anchored after a task are steps in file order: each starts on its
//! own date but never before the phase above it, in every replication and in the scenario as
//! read. Days by hand on the ramp plant: Monday 2024-01-01, Monday to Friday, 60 days.

use jiff::civil::{Date, date};
use relaunch_core::model::*;
use relaunch_core::programme::{self, ProgrammeRun};
use relaunch_core::schedule::PlantCalendar;

use crate::build::*;
use crate::programme::uniform_days;
use crate::ramp::plant;

/// The dated phases' day: Monday 2024-01-22, day 21.
fn dated() -> Date {
    date(2024, 1, 22)
}

fn after_t(slot: Slot) -> Anchor {
    Anchor {
        slot,
        task: 0,
        lag_days: 0,
        not_before: None,
    }
}

/// The reviewer's trap: `shifts = [{ after = "t", count = 1 }, { from = 01-22, count = 2 }]`
/// and `plan = [{ after = "t", per_day = 10 }, { from = 01-22, per_day = 60 }]`, settled.
fn trap(duration: relaunch_core::Dist) -> Scenario {
    let mut scenario = plant(40.0, 1, 16, 12);
    let Calendar::Shifts(calendar) = &mut scenario.calendar else {
        panic!("shifts");
    };
    calendar.shifts = [(1, start()), (2, dated())]
        .map(|(count, from)| ShiftPhase {
            from: Some(from),
            count,
        })
        .to_vec();
    scenario.release = Release::Plan {
        phases: [(10, start()), (60, dated())]
            .map(|(per_day, from)| PlanPhase { from, per_day })
            .to_vec(),
        limit: None,
    };
    scenario.programme.tasks = vec![task("t", duration, &[])];
    scenario.programme.anchors = vec![after_t(Slot::ShiftPhase(0)), after_t(Slot::PlanPhase(0))];
    programme::settle(&mut scenario);
    scenario
}

/// A run in which `t` ends on day `end` (the first day after its last).
fn ends_on(end: i64) -> ProgrammeRun {
    ProgrammeRun {
        start: vec![0],
        end: vec![end],
        critical: vec![true],
        occurred: vec![],
        delay_days: vec![],
    }
}

/// (shifts, planned starts) on each of `days` of `scenario` in the run.
fn days(scenario: &Scenario, run: &ProgrammeRun, days: &[usize]) -> Vec<(u32, u32)> {
    let plant = PlantCalendar::new(&programme::resolve(scenario, run));
    days.iter()
        .map(|&day| (plant.scheduled_shifts[day], plant.planned_starts[day]))
        .collect()
}

#[test]
fn a_late_task_never_lets_the_phase_below_start_before_it() {
    // Planned at its shortest (5 days), t ends on day 5, Saturday 01-06.
    let scenario = trap(uniform_days(5.0, 40.0));
    // Early, t ends on day 5: nothing before; from Monday 01-08 (day 7) one shift and 10 a
    // day; from 01-22 (day 21) two shifts and 60.
    assert_eq!(
        days(&scenario, &ends_on(5), &[4, 7, 18, 21, 59]),
        [(0, 0), (1, 10), (1, 10), (2, 60), (2, 60)]
    );
    // Late, t ends on day 30, Wednesday 01-31: the 01-22 phases wait for it and, starting the
    // same day, hold from then on. Nothing on days 21 to 29 (sorted by date, the plant ran
    // two shifts and 60 a day there, then fell to one shift and 10 a day for good).
    let late: Vec<usize> = (21..=29).chain([30, 31, 59]).collect();
    let mut expected = vec![(0, 0); 9];
    expected.extend([(2, 60); 3]);
    assert_eq!(days(&scenario, &ends_on(30), &late), expected);
}

#[test]
fn the_scenario_as_read_holds_the_rule_and_each_run_steps_from_the_written_dates() {
    // Planned at 30 days, t ends on 01-31: both lists hold both phases on 01-31, which the
    // model checks accept (the later phase holds).
    let scenario = trap(uniform_days(30.0, 40.0));
    let Release::Plan { phases, .. } = &scenario.release else {
        panic!("a plan");
    };
    let plan: Vec<(Date, u32)> = phases.iter().map(|p| (p.from, p.per_day)).collect();
    assert_eq!(plan, [(date(2024, 1, 31), 10), (date(2024, 1, 31), 60)]);
    let Calendar::Shifts(calendar) = &scenario.calendar else {
        panic!("shifts");
    };
    let shifts: Vec<Option<Date>> = calendar.shifts.iter().map(|p| p.from).collect();
    assert_eq!(shifts, [Some(date(2024, 1, 31)); 2]);
    assert_eq!(scenario.check(), []);
    // A run in which t ends early (day 5) finds the dated phases on 01-22 again, not on the
    // planned 01-31 they were held back to.
    assert_eq!(
        days(&scenario, &ends_on(5), &[7, 18, 21]),
        [(1, 10), (1, 10), (2, 60)]
    );
}

#[test]
fn the_docs_certification_example_starts_sixteen_a_day_only_after_certification() {
    // `plan = [{ after = "certification", per_day = 4 }, { from = 01-22, per_day = 16 }]` on
    // one shift. Certification ending on day 5 gives 4 a day from Monday 01-08 and 16 from
    // 01-22; ending on day 30 (01-31), nothing before it and 16 a day from then on, never 4.
    let mut scenario = plant(40.0, 1, 16, 12);
    scenario.release = Release::Plan {
        phases: [(4, start()), (16, dated())]
            .map(|(per_day, from)| PlanPhase { from, per_day })
            .to_vec(),
        limit: None,
    };
    scenario.programme.tasks = vec![task("certification", uniform_days(5.0, 40.0), &[])];
    scenario.programme.anchors = vec![after_t(Slot::PlanPhase(0))];
    programme::settle(&mut scenario);
    assert_eq!(
        days(&scenario, &ends_on(5), &[4, 7, 18, 21, 59]),
        [(1, 0), (1, 4), (1, 4), (1, 16), (1, 16)]
    );
    assert_eq!(
        days(&scenario, &ends_on(30), &[21, 29, 30, 59]),
        [(1, 0), (1, 0), (1, 16), (1, 16)]
    );
}

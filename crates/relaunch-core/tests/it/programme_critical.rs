//! Criticality by hand: the chain starts from the latest date that follows a task, lags and
//! an entry's own date included, task milestones counted at their task's end.

use jiff::civil::date;
use relaunch_core::model::*;
use relaunch_core::montecarlo::forecast;
use relaunch_core::programme::{self, draw};
use relaunch_core::sim::Relaxations;

use crate::build::*;
use crate::programme::uniform_days;
use crate::ramp::plant;

fn after(slot: Slot, task: usize, lag_days: i32) -> Anchor {
    Anchor {
        slot,
        task,
        lag_days,
        not_before: None,
    }
}

/// The plant with a second plan phase, tasks a (10 d) and b (15 d) side by side.
fn two_phases() -> Scenario {
    let mut scenario = plant(40.0, 1, 16, 12);
    let Release::Plan { phases, .. } = &mut scenario.release else {
        panic!("a plan");
    };
    phases.push(phases[0].clone());
    scenario.programme.tasks = vec![
        task("a", constant(10.0 * DAY), &[]),
        task("b", constant(15.0 * DAY), &[]),
    ];
    scenario
}

#[test]
fn the_chain_starts_from_the_latest_anchored_date_lags_included() {
    // plan = [{ after = "a", lag = "30d" }, { after = "b" }]: a's phase on day 40, b's on day
    // 15. b ends last, but a sets the latest date: a is critical in every run, b in none.
    let mut scenario = two_phases();
    scenario.programme.anchors = vec![
        after(Slot::PlanPhase(0), 0, 30),
        after(Slot::PlanPhase(1), 1, 0),
    ];
    programme::settle(&mut scenario);
    assert_eq!(draw(&scenario, 1, 0).critical, [true, false]);
    let result = forecast(&scenario, 1, 3, Relaxations::default(), &|_| {});
    let programme = result.programme.unwrap();
    assert_eq!(programme.tasks[0].criticality, 1.0);
    assert_eq!(programme.tasks[1].criticality, 0.0);
    assert_eq!(programme.fixed_date_share, 0.0);
}

#[test]
fn task_milestones_count_at_their_tasks_end_anchors_first_on_ties() {
    // A phase after a (day 10) and a milestone on b (end day 15): b is critical. With a lag of
    // 5 days the phase also falls on day 15: the tie goes to the anchor, so a is.
    let mut scenario = two_phases();
    scenario.programme.anchors = vec![after(Slot::PlanPhase(0), 0, 0)];
    scenario.milestones.push(Milestone {
        id: "b-done".to_string(),
        kind: MilestoneKind::Task { task: 1 },
        due: None,
    });
    assert_eq!(draw(&scenario, 1, 0).critical, [false, true]);
    scenario.programme.anchors[0].lag_days = 5;
    assert_eq!(draw(&scenario, 1, 0).critical, [true, false]);
}

#[test]
fn a_later_fixed_date_leaves_no_task_critical() {
    // The phase follows a (10 d) but not before day 20 (2024-01-21): the date sets it, so no
    // task is critical in any run.
    let mut scenario = two_phases();
    scenario.programme.tasks.truncate(1);
    scenario.programme.anchors = vec![Anchor {
        not_before: Some(date(2024, 1, 21)),
        ..after(Slot::PlanPhase(0), 0, 0)
    }];
    programme::settle(&mut scenario);
    let result = forecast(&scenario, 1, 3, Relaxations::default(), &|_| {});
    let programme = result.programme.unwrap();
    assert_eq!(programme.tasks[0].criticality, 0.0);
    assert_eq!(programme.fixed_date_share, 1.0);
    // a ~ U[10 d, 30 d], rounded to whole days, ends on day 20 or later (and so sets the
    // date, a tie with the floor included) when it draws at least 19.5 days: 10.5 / 20 = 0.525.
    scenario.programme.tasks[0].duration = uniform_days(10.0, 30.0);
    let n = 4000u64;
    let critical = (0..n)
        .filter(|&replication| draw(&scenario, 5, replication).critical[0])
        .count() as f64
        / n as f64;
    let se = (0.525 * 0.475 / n as f64).sqrt();
    assert!((critical - 0.525).abs() < 3.0 * se, "{critical}");
}

#[test]
fn a_date_held_back_by_its_own_date_leaves_the_chain_to_the_tasks_dates() {
    // plan = [{ after = "b" }, { from = 2024-04-01, after = "a" }]: a's phase is held back to
    // day 91 by its own date, later than any task sets; b's phase (day 15) is the latest date a
    // task sets, so b is critical in every run and no run is left to a fixed date.
    let mut scenario = two_phases();
    scenario.programme.anchors = vec![
        after(Slot::PlanPhase(0), 1, 0),
        Anchor {
            not_before: Some(date(2024, 4, 1)),
            ..after(Slot::PlanPhase(1), 0, 0)
        },
    ];
    programme::settle(&mut scenario);
    assert_eq!(draw(&scenario, 1, 0).critical, [false, true]);
    let result = forecast(&scenario, 1, 3, Relaxations::default(), &|_| {});
    let programme = result.programme.unwrap();
    assert_eq!(programme.tasks[1].criticality, 1.0);
    assert_eq!(programme.fixed_date_share, 0.0);
}

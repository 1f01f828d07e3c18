//! The model checks of the programme (`Scenario::check`): each problem at its key path, and a
//! sound programme (a task of no days included) without any.

use jiff::civil::date;
use relaunch_core::model::*;

use crate::build::*;
use crate::ramp::plant;

fn key_paths(scenario: &Scenario) -> Vec<String> {
    scenario.check().into_iter().map(|p| p.key_path).collect()
}

/// A plant with two tasks in series (the second of no days) and a risk on the first.
fn sound() -> Scenario {
    let mut scenario = plant(40.0, 1, 16, 60);
    scenario.programme.tasks = vec![
        task("deal", constant(14.0 * DAY), &[]),
        task("go", constant(0.0), &[0]),
    ];
    scenario.programme.risks = vec![task_risk("rework", 0.3, 0, 20.0)];
    scenario.programme.anchors = vec![Anchor {
        slot: Slot::PlanPhase(0),
        task: 1,
        lag_days: -3650,
        not_before: None,
    }];
    scenario.milestones.push(Milestone {
        id: "ready".to_string(),
        kind: MilestoneKind::Task { task: 1 },
        due: None,
    });
    scenario
}

#[test]
fn a_sound_programme_has_no_problems() {
    assert!(sound().check().is_empty(), "{:?}", sound().check());
}

#[test]
fn references_out_of_range_are_reported_at_their_keys() {
    let mut scenario = sound();
    scenario.programme.tasks[1].after[0].task = 7;
    scenario.programme.risks[0].implies = vec![0, 3];
    scenario.programme.risks.push(Risk {
        id: "strike".to_string(),
        probability: 0.1,
        impact: Impact::KitDelay {
            kit: 2,
            delay: constant(DAY),
            from: date(2024, 1, 1),
            until: date(2024, 1, 2),
        },
        implies: vec![],
    });
    scenario
        .programme
        .risks
        .push(task_risk("late", 0.1, 9, 1.0));
    scenario.programme.anchors[0].slot = Slot::Hire(0);
    scenario.milestones[1].kind = MilestoneKind::Task { task: 5 };
    assert_eq!(
        key_paths(&scenario),
        [
            "task[1].after[0]",
            "risk[0].imply[1]",
            "risk[1].kit",
            "risk[2].task",
            "workforce.hires[0].after",
            "milestone[1].task",
        ]
    );
}

#[test]
fn a_cycle_is_reported_once_with_its_tasks_in_running_order() {
    // a ← c ← b ← a (a after c, c after b, b after a), and d after a, downstream of it.
    let mut scenario = sound();
    scenario.programme.tasks = vec![
        task("a", constant(DAY), &[2]),
        task("b", constant(DAY), &[0]),
        task("c", constant(DAY), &[1]),
        task("d", constant(DAY), &[0]),
        task("self", constant(DAY), &[4]),
    ];
    let problems = scenario.check();
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.key_path.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "task[0].after",
                "the tasks' `after` links form a cycle: `a` → `b` → `c` → `a`"
            ),
            (
                "task[4].after",
                "the tasks' `after` links form a cycle: `self` → `self`"
            ),
        ]
    );
}

#[test]
fn values_out_of_range_are_reported() {
    let mut scenario = sound();
    scenario.programme.tasks[1].after[0].lag_days = 3651;
    scenario.programme.tasks[0].duration = constant(2e6 * DAY);
    scenario.programme.risks[0].probability = 1.5;
    scenario.programme.risks.push(Risk {
        id: "dip".to_string(),
        probability: 0.0,
        impact: Impact::YieldDrop {
            drop: 0.0,
            from: date(2024, 2, 1),
            until: date(2024, 1, 31),
        },
        implies: vec![],
    });
    scenario.programme.anchors[0].lag_days = -3651;
    assert_eq!(
        key_paths(&scenario),
        [
            "task[0].duration",
            "task[1].lag",
            "risk[0].probability",
            "risk[1].yield_drop",
            "risk[1].until",
            "release.plan[0].lag",
        ]
    );
}

#[test]
fn a_drop_of_one_and_a_window_of_one_day_are_sound() {
    let mut scenario = sound();
    scenario.programme.risks.push(Risk {
        id: "dip".to_string(),
        probability: 1.0,
        impact: Impact::YieldDrop {
            drop: 1.0,
            from: date(2024, 2, 1),
            until: date(2024, 2, 1),
        },
        implies: vec![],
    });
    assert!(scenario.check().is_empty());
}

#[test]
fn at_most_ten_cycles_are_reported() {
    // Twelve tasks each after itself: twelve cycles, ten reported.
    let mut scenario = sound();
    scenario.programme.anchors.clear();
    scenario.milestones.pop();
    scenario.programme.risks.clear();
    scenario.programme.tasks = (0..12)
        .map(|i| task(&format!("t{i}"), constant(DAY), &[i]))
        .collect();
    let paths = key_paths(&scenario);
    assert_eq!(paths.len(), relaunch_core::check::MAX_CYCLES);
    assert_eq!(paths[9], "task[9].after");
}

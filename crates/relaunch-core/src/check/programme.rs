//! The programme: tasks and risks that point at what exists, no cycle among the tasks, shares
//! and windows in range, anchors on dates the scenario has, lags within ten years.
//!
//! Key paths: `task[i].after[j]`, `task[i].lag`, `task[i].duration`, `risk[i].probability`,
//! `risk[i].task`, `risk[i].kit`, `risk[i].delay`, `risk[i].lead_time_delay`,
//! `risk[i].yield_drop`, `risk[i].until`, `risk[i].imply[j]`, `milestone[i].task`, and for an
//! anchor the `after` (or `lag`) of the entry it moves (`release.plan[i].after`,
//! `calendar.shifts[i].after`, `workforce.hires[i].after`, `kit[k].orders[o].after`,
//! `kit[k].shipments[s].after`, `localization.items[i].after`).

use super::ModelProblem;
use crate::dist::Dist;
use crate::model::{Impact, MilestoneKind, Programme, Scenario, Slot, Task};
use crate::programme::{self, MAX_DAYS};
use crate::schedule::DAY_SECS;

/// The longest lag, either way, of a task link or an anchor: ten years.
pub const MAX_LAG_DAYS: i32 = 3650;

pub(super) fn check_programme(scenario: &Scenario, problems: &mut Vec<ModelProblem>) {
    let programme = &scenario.programme;
    let n_tasks = programme.tasks.len();
    let mut links_in_range = true;
    for (index, task) in programme.tasks.iter().enumerate() {
        let place = format!("[[task]] \"{}\"", task.id);
        check_days(
            &task.duration,
            format!("task[{index}].duration"),
            &format!("`duration` in {place}"),
            problems,
        );
        for (link_index, link) in task.after.iter().enumerate() {
            let key_path = format!("task[{index}].after[{link_index}]");
            if link.task >= n_tasks {
                links_in_range = false;
                problems.push(no_such_task(key_path, &format!("`after` in {place}")));
            } else {
                check_lag(
                    link.lag_days,
                    format!("task[{index}].lag"),
                    &place,
                    problems,
                );
            }
        }
    }
    if links_in_range {
        check_cycles(programme, problems);
    }
    for (index, risk) in programme.risks.iter().enumerate() {
        check_risk(scenario, index, problems);
        for (link_index, &other) in risk.implies.iter().enumerate() {
            if other >= programme.risks.len() {
                problems.push(ModelProblem {
                    key_path: format!("risk[{index}].imply[{link_index}]"),
                    message: format!(
                        "`imply` in [[risk]] \"{}\" names a risk the scenario does not have",
                        risk.id
                    ),
                    label: "expected the id of a [[risk]]".to_string(),
                });
            }
        }
    }
    for anchor in &programme.anchors {
        let entry = slot_path(anchor.slot);
        let key_path = format!("{entry}.after");
        if !programme::slot_exists(scenario, anchor.slot) {
            problems.push(ModelProblem {
                key_path,
                message: "`after` is set on an entry the scenario does not have".to_string(),
                label: "expected an existing entry".to_string(),
            });
        } else if anchor.task >= n_tasks {
            problems.push(no_such_task(key_path, "`after`"));
        } else {
            check_lag(anchor.lag_days, format!("{entry}.lag"), &entry, problems);
        }
    }
    for (index, milestone) in scenario.milestones.iter().enumerate() {
        if let MilestoneKind::Task { task } = milestone.kind
            && task >= n_tasks
        {
            problems.push(no_such_task(
                format!("milestone[{index}].task"),
                &format!("`task` in [[milestone]] \"{}\"", milestone.id),
            ));
        }
    }
}

/// One risk: a probability in [0, 1], what it hits exists, its delay in days, its yield drop in
/// (0, 1], its window in order.
fn check_risk(scenario: &Scenario, index: usize, problems: &mut Vec<ModelProblem>) {
    let risk = &scenario.programme.risks[index];
    let place = format!("[[risk]] \"{}\"", risk.id);
    if !(0.0..=1.0).contains(&risk.probability) {
        problems.push(ModelProblem {
            key_path: format!("risk[{index}].probability"),
            message: format!(
                "`probability` in {place} is {}, out of range",
                risk.probability
            ),
            label: "expected a probability from 0 to 1".to_string(),
        });
    }
    let window = match &risk.impact {
        Impact::TaskDelay { task, delay } => {
            if *task >= scenario.programme.tasks.len() {
                problems.push(no_such_task(
                    format!("risk[{index}].task"),
                    &format!("`task` in {place}"),
                ));
            }
            check_days(
                delay,
                format!("risk[{index}].delay"),
                &format!("`delay` in {place}"),
                problems,
            );
            None
        }
        Impact::KitDelay {
            kit,
            delay,
            from,
            until,
        } => {
            if *kit >= scenario.kits.len() {
                problems.push(ModelProblem {
                    key_path: format!("risk[{index}].kit"),
                    message: format!("`kit` in {place} names a kit the scenario does not have"),
                    label: "expected the id of a [[kit]]".to_string(),
                });
            }
            check_days(
                delay,
                format!("risk[{index}].lead_time_delay"),
                &format!("`lead_time_delay` in {place}"),
                problems,
            );
            Some((from, until))
        }
        Impact::YieldDrop { drop, from, until } => {
            if !(*drop > 0.0 && *drop <= 1.0) {
                problems.push(ModelProblem {
                    key_path: format!("risk[{index}].yield_drop"),
                    message: format!("`yield_drop` in {place} is {drop}, out of range"),
                    label: "expected a drop of first-pass yield above 0, at most 1".to_string(),
                });
            }
            Some((from, until))
        }
    };
    if let Some((from, until)) = window
        && from > until
    {
        problems.push(ModelProblem {
            key_path: format!("risk[{index}].until"),
            message: format!("the window of {place} ends ({until}) before it starts ({from})"),
            label: "expected `until` on or after `from`".to_string(),
        });
    }
}

/// A duration counted in whole days: a finite mean of zero or more (a task may take no time),
/// at most [`MAX_DAYS`] days.
fn check_days(dist: &Dist, key_path: String, what: &str, problems: &mut Vec<ModelProblem>) {
    let mean = dist.mean_secs();
    if !(mean.is_finite() && mean >= 0.0 && mean <= MAX_DAYS as f64 * DAY_SECS) {
        problems.push(ModelProblem {
            key_path,
            message: format!("{what} has a mean of {mean} s, out of range"),
            label: format!("expected a mean from 0 to {MAX_DAYS} days"),
        });
    }
}

fn check_lag(lag_days: i32, key_path: String, place: &str, problems: &mut Vec<ModelProblem>) {
    if lag_days.unsigned_abs() > MAX_LAG_DAYS.unsigned_abs() {
        problems.push(ModelProblem {
            key_path,
            message: format!("the lag of `after` in {place} is {lag_days} days, out of range"),
            label: format!("expected a lag from -{MAX_LAG_DAYS} to {MAX_LAG_DAYS} days"),
        });
    }
}

fn no_such_task(key_path: String, what: &str) -> ModelProblem {
    ModelProblem {
        key_path,
        message: format!("{what} names a task the scenario does not have"),
        label: "expected the id of a [[task]]".to_string(),
    }
}

/// The tasks must not wait for each other in a circle: each cycle reported once, at the
/// `after` of its first task in the file, "`a` → `b` → `c` → `a`" (each arrow reads "comes
/// before"), in the words the scenario reader uses, so that the two never say it twice.
fn check_cycles(programme: &Programme, problems: &mut Vec<ModelProblem>) {
    let tasks = &programme.tasks;
    for cycle in cycles(&programme.tasks) {
        let first = cycle[0];
        let names: Vec<String> = cycle
            .iter()
            .chain(std::iter::once(&first))
            .map(|&task| format!("`{}`", tasks[task].id))
            .collect();
        problems.push(ModelProblem {
            key_path: format!("task[{first}].after"),
            message: format!(
                "the tasks' `after` links form a cycle: {}",
                names.join(" → ")
            ),
            label: format!(
                "`{}` cannot wait for a task that waits for it",
                tasks[first].id
            ),
        });
    }
}

/// The most cycles reported: one is enough to refuse the file, a few help to fix it.
pub const MAX_CYCLES: usize = 10;

/// The cycles of the tasks' `after` graph (whose links are in range; at most [`MAX_CYCLES`]), each in
/// the order its tasks would run and starting at its first task in the file: a depth-first
/// search without recursion, from each task in file order, finds each back link once, in time
/// linear in the tasks and links.
pub fn cycles(tasks: &[Task]) -> Vec<Vec<usize>> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; tasks.len()];
    // Where each task on the path stands in it.
    let mut place_on_path = vec![0; tasks.len()];
    let mut cycles = Vec::new();
    for root in 0..tasks.len() {
        if state[root] != NEW || cycles.len() >= MAX_CYCLES {
            continue;
        }
        // The path from `root`, each task with the next of its links to follow; each step goes
        // from a task to one of its predecessors.
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = ON_PATH;
        place_on_path[root] = 0;
        while let Some(&mut (task, ref mut next)) = path.last_mut() {
            let Some(link) = tasks[task].after.get(*next) else {
                state[task] = DONE;
                path.pop();
                continue;
            };
            *next += 1;
            let predecessor = link.task;
            match state[predecessor] {
                NEW => {
                    state[predecessor] = ON_PATH;
                    place_on_path[predecessor] = path.len();
                    path.push((predecessor, 0));
                }
                ON_PATH if cycles.len() < MAX_CYCLES => {
                    // From `predecessor` to `task`, each task on the path runs after the next
                    // one, and `predecessor` before `task`: the run order is the reverse.
                    let from = place_on_path[predecessor];
                    let mut cycle: Vec<usize> = path[from..].iter().map(|&(t, _)| t).collect();
                    cycle.reverse();
                    let first = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
                    cycle.rotate_left(first);
                    cycles.push(cycle);
                }
                _ => {}
            }
        }
    }
    cycles
}

/// Where the date an anchor moves is written.
fn slot_path(slot: Slot) -> String {
    match slot {
        Slot::PlanPhase(i) => format!("release.plan[{i}]"),
        Slot::ShiftPhase(i) => format!("calendar.shifts[{i}]"),
        Slot::Hire(i) => format!("workforce.hires[{i}]"),
        Slot::KitOrder { kit, order } => format!("kit[{kit}].orders[{order}]"),
        Slot::KitShipment { kit, shipment } => format!("kit[{kit}].shipments[{shipment}]"),
        Slot::LocalizationItem(i) => format!("localization.items[{i}]"),
    }
}

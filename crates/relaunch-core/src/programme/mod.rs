//! The programme around the line: tasks with uncertain durations, a risk register, and the
//! dated things of the scenario (plan phases, shift phases, hires, kit orders and shipments,
//! localization items) that start after a task instead of on a date.
//!
//! Each replication first draws its programme ([`draw`]): every task's duration and every
//! risk's occurrence and impact, each from a stream of its own keyed by its id, so that adding
//! a task or a risk leaves every other draw unchanged (common random numbers keep working for
//! `compare` and `why`). The tasks are then scheduled in whole days, finish-to-start with lags,
//! and [`resolve`] writes the replication's dates into a copy of the scenario, with what the
//! risks that occurred do to the line ([`crate::model::Disruptions`]). The line then runs on
//! that copy as on any scenario.
//!
//! [`draw_from`] draws a replication's programme from the progress the actuals record
//! (`relaunch forecast --as-of`): a task running at the as-of day runs a duration drawn given
//! that it is longer than the days it has run ([`draw_beyond`], `beyond.rs`, with its rule).
//!
//! [`tornado`] measures each risk's effect on the milestones by forecasting again with the risk
//! switched off, on the same random numbers.
//!
//! Days are indices from the scenario start (day 0). A task that starts on day `s` and takes
//! `n` days works on days `s ..= s + n - 1`; its *end* is day `s + n`, the first day a
//! successor (lag 0) or a date anchored after it can start. Its *finish date*, which the
//! outputs show and a task milestone is reached on, is its last day, `end - 1` (the start day
//! for a task of no days).

mod beyond;
mod resolve;
mod tornado;

use rand::RngExt;
use rand_pcg::Pcg64Mcg;

use jiff::civil::Date;

use crate::model::{Anchor, Calendar, Impact, MilestoneKind, Programme, Scenario, Slot};
use crate::rng;
use crate::schedule::add_days;

pub use beyond::{MAX_TRIES, draw_beyond};
pub use resolve::{Sorted, resolve, settle};
pub use tornado::{fill_effects, tornado, tornado_until, without_risk};

/// Days a task or a delay can take at most: longer draws are cut here (about 2,700 years, so
/// every date computed stays representable).
pub const MAX_DAYS: i64 = 1_000_000;

/// Seconds in a day.
const DAY_SECS: f64 = 86_400.0;

/// The random stream of the task with `id`: its own, keyed by the id, so that adding, removing
/// or reordering tasks never changes another task's draws. Task streams have bit 62 set and
/// bit 61 clear; no stream of the line (`sim::streams`, all below 2^62 or with bit 63 set)
/// has this pattern.
pub fn task_stream(id: &str) -> u64 {
    (1 << 62) | (fnv1a(id) & ((1 << 61) - 1))
}

/// The random stream of the risk with `id` (bits 62 and 61 set).
pub fn risk_stream(id: &str) -> u64 {
    (1 << 62) | (1 << 61) | (fnv1a(id) & ((1 << 61) - 1))
}

/// FNV-1a, 64 bits: a fixed, portable hash of an id.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// One replication's programme.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProgrammeRun {
    /// Per task: its first day.
    pub start: Vec<i64>,
    /// Per task: its end, the first day after its last (see the module's notes).
    pub end: Vec<i64>,
    /// Per task: whether it lies on the chain that sets the latest date following a task (none
    /// when a fixed date sets it; see `critical_chain`).
    pub critical: Vec<bool>,
    /// Per risk: whether it occurred (by its own draw or implied by one that did).
    pub occurred: Vec<bool>,
    /// Per risk: the drawn impact in whole days (task and kit delays; 0 for a yield drop),
    /// drawn whether or not the risk occurred.
    pub delay_days: Vec<i64>,
}

impl ProgrammeRun {
    /// The finish date's day index of `task`: its last day (its start for a task of no days).
    pub fn finish_day(&self, task: usize) -> i64 {
        (self.end[task] - 1).max(self.start[task])
    }
}

/// Whole days of a drawn duration in seconds: rounded to the nearest day, within
/// `0..=MAX_DAYS`.
pub fn whole_days(secs: f64) -> i64 {
    if secs.is_nan() {
        return 0;
    }
    (secs / DAY_SECS).round().clamp(0.0, MAX_DAYS as f64) as i64
}

/// What the actuals say of the programme at the end of day `as_of_day` ([`crate::tracking`]):
/// per task, the day it finished and the day it started (day indices from the scenario start).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    pub as_of_day: i64,
    pub done: Vec<Option<i64>>,
    pub started: Vec<Option<i64>>,
}

/// Draws replication `replication`'s programme under `seed` and schedules it.
pub fn draw(scenario: &Scenario, seed: u64, replication: u64) -> ProgrammeRun {
    draw_from(scenario, seed, replication, None)
}

/// Like [`draw`], from the programme's `progress` when given: a task done finishes on its
/// actual day; a task started and not done started on its actual day and runs a duration
/// drawn **given that it is longer than the days it has run** through the as-of day (its
/// calendar days, or its workdays for a task counted in workdays; [`draw_beyond`]: the first
/// draw when it is longer, the same as without progress), so that it finishes on day
/// `as_of_day + 1` or later with the distribution's own odds, not on that day for every draw
/// too short; any other task starts on day `as_of_day + 1` at the earliest, with the draw it
/// has without progress. A risk's delay of a running task is added as drawn: the condition is
/// on the task's own duration, given the delay (the delay's occurrence is not redrawn).
pub fn draw_from(
    scenario: &Scenario,
    seed: u64,
    replication: u64,
    progress: Option<&Progress>,
) -> ProgrammeRun {
    let programme = &scenario.programme;
    // Risks first: their occurrence and impact, each from its own stream. The uniform is drawn
    // before the impact, and the impact is drawn whether or not the risk occurs, so that
    // changing a probability leaves every other draw as it was.
    let mut own = Vec::with_capacity(programme.risks.len());
    let mut delay_days = Vec::with_capacity(programme.risks.len());
    for risk in &programme.risks {
        let mut stream = rng::stream(seed, replication, risk_stream(&risk.id));
        let unit: f64 = stream.random();
        own.push(unit < risk.probability);
        delay_days.push(match &risk.impact {
            Impact::TaskDelay { delay, .. } | Impact::KitDelay { delay, .. } => {
                whole_days(delay.sample(&mut stream))
            }
            Impact::YieldDrop { .. } => 0,
        });
    }
    let occurred = implied(programme, &own);
    let mut extra = vec![0i64; programme.tasks.len()];
    for ((risk, &happened), &days) in programme.risks.iter().zip(&occurred).zip(&delay_days) {
        if let (true, Impact::TaskDelay { task, .. }) = (happened, &risk.impact) {
            extra[*task] = (extra[*task] + days).min(MAX_DAYS);
        }
    }
    let durations: Vec<i64> = programme
        .tasks
        .iter()
        .enumerate()
        .zip(&extra)
        .map(|((index, task), &extra)| {
            let mut stream: Pcg64Mcg = rng::stream(seed, replication, task_stream(&task.id));
            let drawn = match progress.and_then(|p| elapsed_days(scenario, p, index)) {
                // Whole days d + extra > elapsed ⟺ the draw, rounded, is at least
                // elapsed − extra + 1 days ⟺ it is at least elapsed − extra + ½ days.
                Some(elapsed) => draw_beyond(
                    &task.duration,
                    ((elapsed - extra) as f64 + 0.5) * DAY_SECS,
                    &mut stream,
                ),
                None => task.duration.sample(&mut stream),
            };
            (whole_days(drawn) + extra).min(MAX_DAYS)
        })
        .collect();
    let mut run = schedule(scenario, &durations, progress);
    run.occurred = occurred;
    run.delay_days = delay_days;
    run
}

/// The days task `task` has run by the end of the as-of day when it started and is not done
/// (`None` otherwise): its calendar days from its start through the as-of day, or its workdays
/// among them for a task counted in workdays.
fn elapsed_days(scenario: &Scenario, progress: &Progress, task: usize) -> Option<i64> {
    if progress.done.get(task).copied().flatten().is_some() {
        return None;
    }
    let started = progress.started.get(task).copied().flatten()?;
    let last = progress.as_of_day;
    if started > last {
        return None;
    }
    let workdays = scenario
        .programme
        .tasks
        .get(task)
        .is_some_and(|t| t.workdays);
    Some(if workdays {
        (started..=last)
            .filter(|&day| works_on(scenario, day))
            .count() as i64
    } else {
        last - started + 1
    })
}

/// The programme with every task at its optimistic duration ([`crate::dist::Dist::optimistic_secs`]:
/// the minimum of a bounded distribution, the 5th percentile of an unbounded one) and no risk:
/// the plan's dates, which a scenario as read carries ([`settle`]) and `why` relaxes the
/// programme to.
pub fn planned(scenario: &Scenario) -> ProgrammeRun {
    planned_with(scenario, None)
}

/// [`planned`] from the `progress` the actuals record: the tasks done on their actual days,
/// those started from their actual start (finishing after the as-of day at the earliest), the
/// others from the day after the as-of day at the earliest, every duration still to run at its
/// optimistic value, no risk. Through the as-of day its dates are the actual ones: the plan as
/// it stands, which calibration judges the days of the actuals against.
pub fn planned_from(scenario: &Scenario, progress: &Progress) -> ProgrammeRun {
    planned_with(scenario, Some(progress))
}

fn planned_with(scenario: &Scenario, progress: Option<&Progress>) -> ProgrammeRun {
    let programme = &scenario.programme;
    let durations: Vec<i64> = programme
        .tasks
        .iter()
        .map(|task| whole_days(task.duration.optimistic_secs()))
        .collect();
    let mut run = schedule(scenario, &durations, progress);
    run.occurred = vec![false; programme.risks.len()];
    run.delay_days = vec![0; programme.risks.len()];
    run
}

/// Risks that occur: those drawn to, and every risk they imply, transitively.
fn implied(programme: &Programme, own: &[bool]) -> Vec<bool> {
    let mut occurred = own.to_vec();
    let mut stack: Vec<usize> = (0..own.len()).filter(|&i| own[i]).collect();
    while let Some(risk) = stack.pop() {
        for &other in &programme.risks[risk].implies {
            if !occurred[other] {
                occurred[other] = true;
                stack.push(other);
            }
        }
    }
    occurred
}

/// Tasks in an order where every predecessor comes first (Kahn's algorithm, ties by index);
/// tasks on a cycle, which a checked scenario never has, are left out.
pub fn topological_order(programme: &Programme) -> Vec<usize> {
    let n = programme.tasks.len();
    let mut waiting: Vec<usize> = programme.tasks.iter().map(|t| t.after.len()).collect();
    let mut successors = vec![Vec::new(); n];
    for (index, task) in programme.tasks.iter().enumerate() {
        for link in &task.after {
            if link.task < n {
                successors[link.task].push(index);
            }
        }
    }
    let mut ready: std::collections::BTreeSet<usize> =
        (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(task) = ready.pop_first() {
        order.push(task);
        for &next in &successors[task] {
            waiting[next] -= 1;
            if waiting[next] == 0 {
                ready.insert(next);
            }
        }
    }
    order
}

/// Whether the plant calendar works on day `day` (weekday, holidays, shutdowns; shift counts
/// do not matter: a programme works on a plant's workdays even before its first shift).
pub fn works_on(scenario: &Scenario, day: i64) -> bool {
    match &scenario.calendar {
        Calendar::AlwaysOn => true,
        Calendar::Shifts(calendar) => {
            let date = add_days(scenario.start, day);
            let weekday = date.weekday().to_monday_zero_offset() as usize;
            calendar.workdays[weekday]
                && calendar.holidays.binary_search(&date).is_err()
                && !calendar
                    .shutdowns
                    .iter()
                    .any(|s| s.from <= date && date <= s.to)
        }
    }
}

/// The first workday on or after `day` (the day itself if no workday comes within a year, as
/// for a calendar that never works, which `check` rejects).
fn next_workday(scenario: &Scenario, day: i64) -> i64 {
    (day..day + 366)
        .find(|&d| works_on(scenario, d))
        .unwrap_or(day)
}

/// Schedules the tasks with these durations (whole days) from the `progress` made, if any,
/// and marks the critical chain.
fn schedule(scenario: &Scenario, durations: &[i64], progress: Option<&Progress>) -> ProgrammeRun {
    let programme = &scenario.programme;
    let n = programme.tasks.len();
    let mut start = vec![0i64; n];
    let mut end = vec![0i64; n];
    // Per task, the predecessor whose end (plus lag) set its start, if one did.
    let mut driver: Vec<Option<usize>> = vec![None; n];
    for task_index in topological_order(programme) {
        let task = &programme.tasks[task_index];
        let mut earliest = task
            .not_before
            .map_or(0, |date| {
                crate::schedule::days_between(scenario.start, date)
            })
            .max(0);
        for link in &task.after {
            let ready = (end[link.task] + i64::from(link.lag_days)).max(0);
            if ready > earliest || (ready == earliest && driver[task_index].is_none() && ready > 0)
            {
                earliest = ready;
                driver[task_index] = Some(link.task);
            }
        }
        let days = durations[task_index];
        if let Some(progress) = progress {
            let done = progress.done.get(task_index).copied().flatten();
            let started = progress.started.get(task_index).copied().flatten();
            let next = progress.as_of_day + 1;
            if let Some(done) = done {
                start[task_index] = started.unwrap_or(earliest).min(done);
                end[task_index] = done + 1;
                continue;
            }
            match started {
                Some(day) => earliest = day,
                None => earliest = earliest.max(next),
            }
            let (first, last) = task_days(scenario, task.workdays, earliest, days);
            start[task_index] = started.unwrap_or(first);
            end[task_index] = last.max(next + 1);
            continue;
        }
        if task.workdays {
            let first = next_workday(scenario, earliest);
            let mut day = first;
            let mut left = days;
            while left > 0 && day < MAX_DAYS {
                if works_on(scenario, day) {
                    left -= 1;
                }
                day += 1;
            }
            start[task_index] = if days == 0 { earliest } else { first };
            end[task_index] = if days == 0 { earliest } else { day };
        } else {
            start[task_index] = earliest;
            end[task_index] = (earliest + days).min(MAX_DAYS);
        }
    }
    let mut run = ProgrammeRun {
        start,
        end,
        ..ProgrammeRun::default()
    };
    run.critical = critical_chain(scenario, &run, &driver);
    run
}

/// The first day and the end of a task of `days` days that may start on day `earliest`.
fn task_days(scenario: &Scenario, workdays: bool, earliest: i64, days: i64) -> (i64, i64) {
    if !workdays {
        return (earliest, (earliest + days).min(MAX_DAYS));
    }
    if days == 0 {
        return (earliest, earliest);
    }
    let first = next_workday(scenario, earliest);
    let mut day = first;
    let mut left = days;
    while left > 0 && day < MAX_DAYS {
        if works_on(scenario, day) {
            left -= 1;
        }
        day += 1;
    }
    (first, day)
}

/// The tasks on the chain behind the latest date that follows a task: an anchored date as
/// [`anchored_date`] gives it (lag and the entry's own date included) or a task milestone,
/// counted at its task's end. Ties go to the first in the file, anchors before milestones.
/// Entries whose own date is later than their task's (held back by a fixed date) are left
/// out: the chain starts from the latest date a task sets. It is that task, the predecessor
/// that set its start, that one's, and so on; none when every such date is held back.
/// With no anchor and no task milestone, the chain behind the latest end of all tasks.
fn critical_chain(scenario: &Scenario, run: &ProgrammeRun, driver: &[Option<usize>]) -> Vec<bool> {
    let programme = &scenario.programme;
    // Each date that follows a task, with the task when it (not a fixed date) sets it.
    let anchors = programme.anchors.iter().map(|anchor| {
        let by_task = add_days(
            scenario.start,
            anchored_day(run, anchor.task, anchor.lag_days),
        );
        let date = anchored_date(scenario.start, run, anchor);
        (date, (date == by_task).then_some(anchor.task))
    });
    let milestones = scenario.milestones.iter().filter_map(|m| match m.kind {
        MilestoneKind::Task { task } => {
            Some((add_days(scenario.start, run.end[task].max(0)), Some(task)))
        }
        _ => None,
    });
    // The latest date a task sets: entries held back by their own date do not count (a date
    // set by the calendar has no chain), unless every entry is held back, when none is critical.
    let mut any = false;
    let mut latest: Option<(Date, usize)> = None;
    for (date, task) in anchors.chain(milestones) {
        any = true;
        if let Some(task) = task
            && latest.is_none_or(|(best, _)| date > best)
        {
            latest = Some((date, task));
        }
    }
    let mut at = match latest {
        Some((_, task)) => Some(task),
        None if any => None,
        None => (0..programme.tasks.len()).reduce(|best, task| {
            if run.end[task] > run.end[best] {
                task
            } else {
                best
            }
        }),
    };
    let mut critical = vec![false; programme.tasks.len()];
    while let Some(task) = at {
        if critical[task] {
            break;
        }
        critical[task] = true;
        at = driver[task];
    }
    critical
}

/// The day index an anchor's task and lag give in a run: the day after the task's last day
/// plus the lag, not before the scenario start.
pub fn anchored_day(run: &ProgrammeRun, task: usize, lag_days: i32) -> i64 {
    (run.end[task] + i64::from(lag_days)).max(0)
}

/// The date an anchor's slot takes in a run: [`anchored_day`] from the scenario start, or the
/// entry's own date (`not_before`) when that is later.
pub fn anchored_date(scenario_start: Date, run: &ProgrammeRun, anchor: &Anchor) -> Date {
    let date = add_days(
        scenario_start,
        anchored_day(run, anchor.task, anchor.lag_days),
    );
    anchor.not_before.map_or(date, |floor| date.max(floor))
}

/// Whether a slot is one the scenario has (for checks of anchors built by other front ends).
pub fn slot_exists(scenario: &Scenario, slot: Slot) -> bool {
    use crate::model::Release;
    match slot {
        Slot::PlanPhase(i) => {
            matches!(&scenario.release, Release::Plan { phases, .. } if i < phases.len())
        }
        Slot::ShiftPhase(i) => {
            matches!(&scenario.calendar, Calendar::Shifts(c) if i < c.shifts.len())
        }
        Slot::Hire(i) => scenario
            .workforce
            .as_ref()
            .is_some_and(|w| i < w.hires.len()),
        Slot::KitOrder { kit, order } => scenario
            .kits
            .get(kit)
            .is_some_and(|k| order < k.orders.len()),
        Slot::KitShipment { kit, shipment } => scenario
            .kits
            .get(kit)
            .is_some_and(|k| shipment < k.shipments.len()),
        Slot::LocalizationItem(i) => scenario
            .localization
            .as_ref()
            .is_some_and(|l| i < l.items.len()),
    }
}

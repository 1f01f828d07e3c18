//! What the optimiser plans over, read from a scenario and a forecast of it: the days the plant
//! can work, the line's starts per shift at each day's learning position, when the release may
//! run, the kits with their planning lead times and known arrivals, the staff a shift needs, the
//! milestones' targets and the cost rates.
//!
//! The line is nonlinear (learning, yield, breakdowns, queues); the optimiser sees it through a
//! few linear figures, each taken from the scenario or from a forecast:
//!
//! - **starts per shift on day d**: the bottleneck's, at the mean standard cycle stretched by the
//!   learning curve at the units its crew will have done by then (the cumulative starts of the
//!   forecast being checked, [`Reference::cumulative_starts`]), times its availability
//!   `MTTF / (MTTF + MTTR)`, times a derating the check loop may lower;
//! - **good units per start** and the **days from start to good**: from the forecast;
//! - **release days**: workdays on which the scenario's release plan is in a phase with starts,
//!   its anchored phases (`after = "task"`) taken at the task's P50 finish in the forecast, a
//!   pause (zero starts) at its late finish (quantile at `confidence`, so the batch before it
//!   keeps the window it has in most runs); staff must be there from a phase's early opening
//!   (the task's quantile at `1 − confidence`); the
//!   planner chooses how many starts, never on days the scenario holds at zero (a pilot pause,
//!   certification) nor before its first phase; a phase followed by one of zero starts is a
//!   batch (the pilot cars for certification): it keeps the scenario's rate, and the plan
//!   makes sure staff and kits are there for it;
//! - **trained people per hire**: one, less absenteeism and, for the months before a leaver is
//!   replaced, attrition.

use jiff::civil::Date;
use relaunch_core::Scenario;
use relaunch_core::capacity::LineCapacity;
use relaunch_core::learning::Curve;
use relaunch_core::model::{Calendar, MilestoneKind, Release, Slot};
use relaunch_core::montecarlo::Forecast;
use relaunch_core::schedule::{DAY_SECS, add_days, days_between};

pub use crate::kits::KitInputs;
use crate::kits::kit_inputs;
use crate::tighten::Tightening;

/// What a forecast of the plan being checked tells the next proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// Starts made by the end of each day (P50 of cumulative good over good per start).
    pub cumulative_starts: Vec<f64>,
    /// Good units per started unit.
    pub good_per_start: f64,
    /// Whole days from a unit's start to its counting as good.
    pub flow_days: usize,
    /// P50 finish of each task, as a day index.
    pub task_finish: Vec<i64>,
    /// An early finish of each task (its quantile at `1 − confidence`), as a day index: a
    /// release phase that follows a task opens then in the plan, so that staff, shifts and
    /// kits are there for it in all but `1 − confidence` of the runs.
    pub task_early: Vec<i64>,
    /// A late finish of each task (its quantile at `confidence`): a phase of zero starts (a
    /// pause after a batch) that follows a task begins then in the plan, so the batch before
    /// it is planned over the window it has in all but `1 − confidence` of the runs.
    pub task_late: Vec<i64>,
}

impl Reference {
    /// The reference read from `forecast` of `scenario`, planned at `confidence`.
    pub fn of(scenario: &Scenario, forecast: &Forecast, confidence: f64) -> Reference {
        let good = forecast.good.mean;
        let released = forecast.released.mean;
        let good_per_start = if released > 0.0 && good > 0.0 {
            (good / released).clamp(0.05, 1.0)
        } else {
            1.0
        };
        let cumulative_starts = forecast
            .daily
            .iter()
            .map(|day| day.cumulative.p50 as f64 / good_per_start)
            .collect();
        // Flow time counts calendar minutes; a unit started on a day is good that day when it
        // flows within a shift, the next workday otherwise.
        let flow_days = usize::from(forecast.flow_time_minutes.mean > 8.0 * 60.0);
        let tasks = forecast
            .programme
            .as_ref()
            .map_or(&[][..], |programme| &programme.tasks[..]);
        let task_finish = tasks
            .iter()
            .map(|task| days_between(scenario.start, task.finish.p50))
            .collect();
        let finish_at = |q: f64| -> Vec<i64> {
            tasks
                .iter()
                .map(|task| {
                    task.finish_days.quantile(q, 0).map_or_else(
                        || days_between(scenario.start, task.finish.p50),
                        |day| day as i64,
                    )
                })
                .collect()
        };
        // Staff for a batch by its task's early finish at P10 or earlier: a lower confidence
        // must not staff the programme's batch later than its task can finish.
        let task_early = finish_at((1.0 - confidence).min(0.1));
        let task_late = finish_at(confidence);
        Reference {
            cumulative_starts,
            good_per_start,
            flow_days,
            task_finish,
            task_early,
            task_late,
        }
    }
}

/// Whether the planner may start units on a day, and under which phase of the scenario's plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReleaseDay {
    /// Not a workday, before the plan's first phase, or in a phase of zero starts.
    Closed,
    /// A workday of the scenario's phase `phase` (an index into its plan), which has starts.
    Open { phase: usize },
}

/// A batch (a release phase followed by a pause: the pilot cars) in a middling run: its kits
/// must be in stock the day before its first day, and by its last day at least as many as the
/// input had by then ([`KitInputs::batch_floor`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Batch {
    pub first: usize,
    pub last: usize,
    /// Its starts over the window.
    pub starts: f64,
}

/// A milestone the plan must meet.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Index into the scenario's milestones.
    pub milestone: usize,
    pub id: String,
    pub kind: TargetKind,
    /// The due date's day.
    pub due_day: usize,
    /// The day the proposal must meet it by: the due day less the loop's advance.
    pub day: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TargetKind {
    /// Good units by the target day.
    Cumulative(f64),
    /// Mean good units per workday over the last `window` workdays before the target day.
    Rate { per_day: f64, window: u32 },
}

/// Everything the MIP is built from.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanInputs {
    pub start: Date,
    pub n_days: usize,
    /// Calendar workdays (weekday, not a holiday, not in a shutdown), whatever the shifts.
    pub workday: Vec<bool>,
    pub release: Vec<ReleaseDay>,
    /// The batches of the release plan in a middling run (their tasks at P50).
    pub batches: Vec<Batch>,
    /// Days a shift must be staffed for a batch: its days with the batch opened at its task's
    /// early finish, when it opens in all but `1 − confidence` of the runs.
    pub staff_ready: Vec<bool>,
    /// The scenario's plan phase in force on each day (anchored phases at their task's P50),
    /// workday or not; `None` before the first.
    pub phase_of_day: Vec<Option<usize>>,
    /// Starts one shift can make on each day.
    pub starts_per_shift: Vec<f64>,
    /// The most starts a workday: the scenario plan's highest rate, or more when the line can
    /// make more at its most shifts (the plan may then start more to make up for yield).
    pub max_per_day: u32,
    /// The scenario's rate of each plan phase that is a batch (a phase followed by one of zero
    /// starts: the pilot cars before certification), which the plan keeps as written: its size
    /// and its window are the programme's, not the plan's to change; `None` for the others.
    pub phase_batch: Vec<Option<u32>>,
    /// The scenario's starts a workday of each plan phase: after the last target the plan
    /// makes no more than these (the input's plan for the months beyond its milestones).
    pub phase_rate: Vec<u32>,
    /// The earliest day each plan phase may open: its task's early finish, or the scenario's
    /// planned date when that is earlier.
    pub phase_earliest: Vec<usize>,
    /// The most starts a workday the line makes at mature speed, before breakdowns, on each
    /// number of shifts (0 to `max_shifts`): the pre-flight check's bound on a phase's rate.
    pub mature_per_shifts: Vec<f64>,
    /// The most shifts a workday: the scenario's most.
    pub max_shifts: u32,
    /// People a shift needs; 0: staff do not limit the line.
    pub staff_per_shift: u32,
    pub training_days: usize,
    /// Trained people at work per trained hire.
    pub present_per_hire: f64,
    /// Trained hires needed to run each number of shifts (index 0 to `max_shifts`): with the
    /// confidence, the fewest for whom the people present reach the shifts' need on a day with
    /// that probability (each present with `present_per_hire`, independently); without it, the
    /// need over `present_per_hire`.
    pub heads_for_shifts: Vec<f64>,
    /// Trained hires a batch needs on its first day: one shift's people present on every
    /// workday of its window with the confidence (each day with its `1/days`-th root), plus
    /// the loop's extra heads; 0 without a batch or a workforce. A batch has no slack: a day
    /// short of staff is a pilot car missing at its due date.
    pub batch_heads: f64,
    /// Whether the scenario has a workforce (then hires are decided).
    pub has_workforce: bool,
    pub good_per_start: f64,
    pub flow_days: usize,
    pub kits: Vec<KitInputs>,
    pub targets: Vec<Target>,
    /// Cost of a person on the payroll a day (1 without `[costs]`: the planner counts heads).
    pub labour_per_head_day: f64,
    /// Whether the scenario has `[costs]` (else the objective counts heads and kits).
    pub priced: bool,
    /// The share of the line's mean capacity planned on (see [`Tightening::derate`]).
    pub derate: f64,
}

/// Days are grouped into weeks from the scenario's start: decisions change weekly.
pub fn week(day: usize) -> usize {
    day / 7
}

impl PlanInputs {
    /// The inputs of `scenario` seen through `reference`, tightened by `tightening`.
    pub fn derive(
        scenario: &Scenario,
        reference: &Reference,
        tightening: &Tightening,
    ) -> PlanInputs {
        let n_days = ((scenario.horizon_secs / DAY_SECS).ceil() as usize).max(1);
        let start = scenario.start;
        let (workday, max_shifts) = workdays(scenario, n_days);
        let (max_per_day, phase_batch, phase_rate) = match &scenario.release {
            Release::Plan { phases, .. } => {
                let most = phases.iter().map(|p| p.per_day).max().unwrap_or(0);
                let caps = phases
                    .iter()
                    .enumerate()
                    .map(|(i, phase)| match phases.get(i + 1) {
                        Some(next) if next.per_day == 0 && phase.per_day > 0 => Some(phase.per_day),
                        _ => None,
                    })
                    .collect();
                (most, caps, phases.iter().map(|p| p.per_day).collect())
            }
            _ => (0, Vec::new(), Vec::new()),
        };
        let (release, phase_of_day, _) =
            release_days(scenario, reference, &workday, Opening::Planned);
        // Staff must be there from a phase's early opening, whenever the phase opens.
        let (early_release, _, early_starts) =
            release_days(scenario, reference, &workday, Opening::Early);
        // The earliest a phase with starts opens: early in the runs, or on the scenario's own
        // planned date (the one its pre-flight checks read).
        let phase_earliest = early_starts
            .iter()
            .map(|&day| day.clamp(0, n_days as i64 - 1) as usize)
            .collect();
        // Each batch's kits must be in the plant when it opens: its starts over the window it
        // has in a middling run.
        let (median_release, _, _) = release_days(scenario, reference, &workday, Opening::Median);
        let mut batches: Vec<Batch> = Vec::new();
        let mut current: Option<usize> = None;
        for (day, state) in median_release.iter().enumerate() {
            match state {
                ReleaseDay::Open { phase } => {
                    if let Some(rate) = phase_batch.get(*phase).copied().flatten() {
                        if current != Some(*phase) {
                            batches.push(Batch {
                                first: day,
                                last: day,
                                starts: 0.0,
                            });
                            current = Some(*phase);
                        }
                        if let Some(batch) = batches.last_mut() {
                            batch.last = day;
                            batch.starts += f64::from(rate);
                        }
                    } else {
                        current = None;
                    }
                }
                ReleaseDay::Closed => {}
            }
        }
        let staff_ready = early_release
            .iter()
            .map(|day| match day {
                ReleaseDay::Open { phase } => phase_batch.get(*phase).copied().flatten().is_some(),
                ReleaseDay::Closed => false,
            })
            .collect();
        let starts_per_shift = starts_per_shift(scenario, reference, n_days, tightening.derate);
        let line_most = starts_per_shift
            .iter()
            .copied()
            .filter(|s| s.is_finite() && *s < 1e5)
            .fold(0.0, f64::max)
            * f64::from(max_shifts);
        let max_per_day = max_per_day.max(line_most.floor() as u32);
        let costs = scenario.costs.clone().unwrap_or_default();
        let priced = scenario.costs.is_some();
        let kits = kit_inputs(
            scenario, reference, n_days, tightening, priced, &costs, &batches,
        );
        let targets = targets(scenario, n_days, tightening);
        let (staff_per_shift, training_days, present_per_hire, has_workforce) =
            match &scenario.workforce {
                Some(workforce) => {
                    let operators: u32 = scenario.stations.iter().map(|s| s.operators).sum();
                    let training_days = (workforce.training_secs / DAY_SECS).ceil() as usize;
                    // Until a leaver's replacement is trained, the post is empty: about
                    // attrition × (recruiting + training) / year of the posts at any time.
                    let vacancy_days = workforce
                        .replace_leavers
                        .as_ref()
                        .map_or(180.0, |lead| lead.mean_secs() / DAY_SECS)
                        + training_days as f64;
                    let vacant = (workforce.attrition_per_year * vacancy_days / 365.0).min(0.5);
                    let present = (1.0 - workforce.absenteeism) * (1.0 - vacant);
                    (operators, training_days, present, true)
                }
                None => (0, 0, 1.0, false),
            };
        let batch_days = batches
            .iter()
            .map(|batch| (batch.first..=batch.last).filter(|&d| workday[d]).count())
            .max()
            .unwrap_or(0);
        let batch_heads = match tightening.lead_quantile {
            Some(confidence) if batch_days > 0 && has_workforce => {
                heads_needed(
                    f64::from(staff_per_shift),
                    present_per_hire,
                    Some(confidence.powf(1.0 / batch_days as f64)),
                ) + tightening.extra_heads
            }
            _ => 0.0,
        };
        PlanInputs {
            start,
            n_days,
            workday,
            release,
            batches,
            staff_ready,
            phase_of_day,
            starts_per_shift,
            max_per_day,
            phase_batch,
            phase_rate,
            phase_earliest,
            mature_per_shifts: (0..=max_shifts)
                .map(|shifts| {
                    LineCapacity::new(scenario)
                        .bottleneck(shifts)
                        .map_or(f64::INFINITY, |(_, most)| most)
                })
                .collect(),
            max_shifts,
            staff_per_shift,
            training_days,
            present_per_hire,
            heads_for_shifts: (0..=max_shifts)
                .map(|shifts| {
                    let extra = if shifts > 0 {
                        tightening.extra_heads * f64::from(shifts)
                    } else {
                        0.0
                    };
                    heads_needed(
                        f64::from(staff_per_shift * shifts),
                        present_per_hire,
                        tightening.lead_quantile,
                    ) + extra
                })
                .collect(),
            batch_heads,
            has_workforce,
            good_per_start: reference.good_per_start,
            flow_days: reference.flow_days,
            kits,
            targets,
            labour_per_head_day: if priced {
                costs.labour_per_head_day
            } else {
                1.0
            },
            priced,
            derate: tightening.derate,
        }
    }

    pub fn date(&self, day: usize) -> Date {
        add_days(self.start, day as i64)
    }

    pub fn n_weeks(&self) -> usize {
        week(self.n_days.saturating_sub(1)) + 1
    }
}

/// Hires needed for `need` people at work: at `confidence`, the fewest `n` with
/// `P(Binomial(n, present) ≥ need) ≥ confidence`; without it, `need / present`.
pub fn heads_needed(need: f64, present: f64, confidence: Option<f64>) -> f64 {
    if need <= 0.0 {
        return 0.0;
    }
    let present = present.clamp(1e-6, 1.0);
    let Some(confidence) = confidence else {
        return need / present;
    };
    let need = need.ceil() as u64;
    // At most a few times the need: a presence so low that more is needed is not a plan.
    for n in need..=need.saturating_mul(4).max(need + 10) {
        if binomial_at_least(n, present, need) >= confidence {
            return n as f64;
        }
    }
    need as f64 / present
}

/// `P(X ≥ k)` for `X ~ Binomial(n, p)`, summed from `n` down with the pmf's ratio.
fn binomial_at_least(n: u64, p: f64, k: u64) -> f64 {
    if p >= 1.0 {
        return if k <= n { 1.0 } else { 0.0 };
    }
    let q = 1.0 - p;
    let mut pmf = p.powi(n as i32); // P(X = n)
    let mut total = 0.0;
    let mut x = n;
    loop {
        if x < k {
            break;
        }
        total += pmf;
        if x == 0 {
            break;
        }
        // P(X = x − 1) = P(X = x) · x / (n − x + 1) · q / p
        pmf *= x as f64 / (n - x + 1) as f64 * q / p;
        x -= 1;
    }
    total.min(1.0)
}

fn workdays(scenario: &Scenario, n_days: usize) -> (Vec<bool>, u32) {
    // The plant's workdays are the programme's (the core's one rule), whatever the shifts.
    let days = (0..n_days)
        .map(|day| relaunch_core::programme::works_on(scenario, day as i64))
        .collect();
    let shifts = match &scenario.calendar {
        Calendar::AlwaysOn => 1,
        Calendar::Shifts(calendar) => calendar.max_shifts().max(1),
    };
    (days, shifts)
}

/// The day a date-or-anchor entry starts: its anchor's task's finish in `finish` + 1 + lag, not
/// before its own date.
pub(crate) fn anchored_day(finish: &[i64], task: usize, lag: i32, not_before: Option<i64>) -> i64 {
    let after = finish.get(task).copied().unwrap_or(0) + 1 + i64::from(lag);
    not_before.map_or(after, |own| own.max(after)).max(0)
}

/// When the anchored phases of the release plan begin, for [`release_days`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    /// Phases with starts at their task's P50 finish, pauses at its late finish: the plan's.
    Planned,
    /// Phases with starts at their task's early finish (or the scenario's planned date when
    /// earlier), pauses late: when staff must be there.
    Early,
    /// Every phase at its task's P50: the batch's window in a middling run.
    Median,
}

/// The release days, anchored phases beginning as `opening` says.
fn release_days(
    scenario: &Scenario,
    reference: &Reference,
    workday: &[bool],
    opening: Opening,
) -> (Vec<ReleaseDay>, Vec<Option<usize>>, Vec<i64>) {
    let Release::Plan { phases, .. } = &scenario.release else {
        return (
            vec![ReleaseDay::Closed; workday.len()],
            vec![None; workday.len()],
            Vec::new(),
        );
    };
    // Each phase's first day, anchored ones at their task's P50, none before the one above.
    let mut starts: Vec<i64> = phases
        .iter()
        .map(|phase| days_between(scenario.start, phase.from))
        .collect();
    for anchor in &scenario.programme.anchors {
        if let Slot::PlanPhase(index) = anchor.slot {
            let own = anchor
                .not_before
                .map(|date| days_between(scenario.start, date));
            if let Some(start) = starts.get_mut(index) {
                let finish = match (opening, phases[index].per_day == 0) {
                    (Opening::Median, _) => &reference.task_finish,
                    (_, true) => &reference.task_late,
                    (Opening::Early, false) => &reference.task_early,
                    (Opening::Planned, false) => &reference.task_finish,
                };
                let day = anchored_day(finish, anchor.task, anchor.lag_days, own);
                // Staff are there from the earliest a phase opens: its task's early finish, or
                // the scenario's planned date (every task at its optimistic duration) when that
                // is earlier, as the pre-flight checks read it.
                *start = match (opening, phases[index].per_day == 0) {
                    (Opening::Early, false) => day.min(*start),
                    _ => day,
                };
            }
        }
    }
    for index in 1..starts.len() {
        starts[index] = starts[index].max(starts[index - 1]);
    }
    let phase_of_day: Vec<Option<usize>> = (0..workday.len())
        .map(|day| starts.iter().rposition(|&from| from <= day as i64))
        .collect();
    let release = phase_of_day
        .iter()
        .zip(workday)
        .map(|(&phase, &open)| match phase {
            Some(phase) if open && phases[phase].per_day > 0 => ReleaseDay::Open { phase },
            _ => ReleaseDay::Closed,
        })
        .collect();
    (release, phase_of_day, starts)
}

fn starts_per_shift(
    scenario: &Scenario,
    reference: &Reference,
    n_days: usize,
    derate: f64,
) -> Vec<f64> {
    let capacity = LineCapacity::new(scenario);
    let curve = Curve::new(&scenario.learning);
    let availability: Vec<f64> = scenario
        .stations
        .iter()
        .map(|station| match &station.failure {
            Some(failure) => {
                let up = failure.ttf.mean_secs();
                let down = failure.ttr.mean_secs();
                if up + down > 0.0 {
                    up / (up + down)
                } else {
                    1.0
                }
            }
            None => 1.0,
        })
        .collect();
    (0..n_days)
        .map(|day| {
            let done = reference.cumulative_starts.get(day).copied().unwrap_or(0.0);
            (0..scenario.stations.len())
                .map(|station| {
                    let visits = capacity.visits_per_start[station];
                    let units = (done * visits).max(0.0) as u64 + 1;
                    capacity.starts_per_day(station, 1) * availability[station]
                        / curve.cycle_multiplier(units)
                })
                .filter(|starts| starts.is_finite())
                .fold(f64::INFINITY, f64::min)
                * derate
        })
        .map(|starts: f64| if starts.is_finite() { starts } else { 1e6 })
        .collect()
}

fn targets(scenario: &Scenario, n_days: usize, tightening: &Tightening) -> Vec<Target> {
    scenario
        .milestones
        .iter()
        .enumerate()
        .filter_map(|(index, milestone)| {
            let due = milestone.due?;
            let kind = match milestone.kind {
                MilestoneKind::Cumulative { units } => TargetKind::Cumulative(units as f64),
                MilestoneKind::Rate { per_day, window } => TargetKind::Rate { per_day, window },
                // A task's finish is the programme's, not the plan's to decide.
                MilestoneKind::Task { .. } => return None,
            };
            let due_day = days_between(scenario.start, due).clamp(0, n_days as i64 - 1) as usize;
            let advance = tightening.advance_days.get(index).copied().unwrap_or(0);
            // A negative advance (a loosened target) plans it after its due date.
            let day = (due_day as i64 - advance).clamp(0, n_days as i64 - 1) as usize;
            Some(Target {
                milestone: index,
                id: milestone.id.clone(),
                kind,
                due_day,
                day,
            })
        })
        .collect()
}

//! How the check loop tightens the next proposal after a simulation shows a milestone short of
//! the confidence asked for:
//!
//! - **advance**: a milestone is planned for an earlier day, by half the gap between its date
//!   at the confidence quantile and its due date (at least [`MIN_STEP_DAYS`], at most
//!   [`MAX_STEP_DAYS`] a round; [`UNREACHED_STEP_DAYS`] when that quantile is not reached
//!   within the horizon), unless the optimiser could not meet it on its planned day already
//!   (then the programme, not the plan, holds it: an earlier day would not help);
//! - **kits**: a kit whose stock runs out on a day with starts in more than `1 − confidence` of
//!   the runs gets a longer planning lead time ([`LEAD_STEP_DAYS`]) and one more day of cover
//!   (a safety stock of that many days of starts at the day's rate);
//! - **staff**: when staffing gaps cancelled more than `1 − confidence` of the shifts planned
//!   on a workday before a short milestone's due date, one more person is hired for each shift
//!   level (the daily presence model underrates gaps that last: a leaver's post stays empty
//!   for weeks);
//! - **derate**: the line's planned starts per shift are lowered by [`DERATE_STEP`] (never below
//!   [`MIN_DERATE`]), since queues, breakdowns and learning make the line slower than its
//!   mean capacity.
//!
//! Every one of these steps only asks for more or earlier. Once a proposal meets the confidence,
//! the loop goes the other way for a milestone met with room to spare ([`Tightening::loosen`]:
//! planned later by half the days it was early at the confidence's quantile) and, when a looser
//! proposal fails, halves the way back ([`Tightening::toward`]); the rounds allowed bound both.

use relaunch_core::Scenario;
use relaunch_core::montecarlo::Forecast;
use relaunch_core::schedule::days_between;

pub const MIN_STEP_DAYS: usize = 3;
pub const MAX_STEP_DAYS: usize = 30;
pub const UNREACHED_STEP_DAYS: usize = 21;
pub const LEAD_STEP_DAYS: usize = 3;
pub const DERATE_STEP: f64 = 0.95;
pub const MIN_DERATE: f64 = 0.5;

/// The tightenings so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Tightening {
    /// Days each milestone (by scenario index) is planned before its due date (after it when
    /// negative: a target the loop loosened because the plan met it with room to spare).
    pub advance_days: Vec<i64>,
    /// Days added to each kit's mean lead time.
    pub lead_margin_days: Vec<usize>,
    /// Days of starts each kit's stock must cover on a day with starts (a safety stock).
    pub cover_days: Vec<f64>,
    /// Share of the line's mean capacity the proposal may plan on.
    pub derate: f64,
    /// The confidence the proposal plans at: each kit on its lead-time law's quantile at it,
    /// staff so that the shifts' people are present with that probability; `None`: on the
    /// means.
    pub lead_quantile: Option<f64>,
    /// People hired beyond what each shift level needs at the confidence: added when the
    /// runs lost more planned shifts to staffing than the confidence allows.
    pub extra_heads: f64,
}

/// What a check found short.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortfall {
    /// The milestones (by scenario index) under the confidence, with their on-time probability.
    pub milestones: Vec<(usize, f64)>,
    /// The kits that ran out too often.
    pub kits: Vec<usize>,
    /// Whether staffing gaps cancelled more than `1 − confidence` of the shifts planned on
    /// some workday before a milestone short of the confidence was due.
    pub staff: bool,
}

impl Shortfall {
    pub fn is_empty(&self) -> bool {
        self.milestones.is_empty()
    }
}

impl Tightening {
    /// No tightening: a proposal on the means.
    pub fn none(scenario: &Scenario) -> Tightening {
        Tightening {
            advance_days: vec![0; scenario.milestones.len()],
            lead_margin_days: vec![0; scenario.kits.len()],
            cover_days: vec![0.0; scenario.kits.len()],
            derate: 1.0,
            lead_quantile: None,
            extra_heads: 0.0,
        }
    }

    /// No tightening, with kits planned on their lead time's quantile at `confidence`: the
    /// loop's first proposal.
    pub fn at_confidence(scenario: &Scenario, confidence: f64) -> Tightening {
        Tightening {
            lead_quantile: Some(confidence),
            ..Tightening::none(scenario)
        }
    }

    /// What `forecast` of a proposal found short of `confidence`.
    pub fn shortfall(scenario: &Scenario, forecast: &Forecast, confidence: f64) -> Shortfall {
        let milestones: Vec<(usize, f64)> = forecast
            .milestones
            .iter()
            .enumerate()
            .filter(|(index, _)| movable(scenario, *index))
            .filter_map(|(index, milestone)| {
                let probability = milestone.on_time_probability?;
                (probability + 1e-12 < confidence).then_some((index, probability))
            })
            .collect();
        let kits = (0..scenario.kits.len())
            .filter(|&kit| {
                forecast.daily.iter().any(|day| {
                    day.workday
                        && day.stockout_probability > 1.0 - confidence
                        && day.kit_stock.get(kit).is_some_and(|stock| stock.p10 == 0)
                })
            })
            .collect::<Vec<usize>>();
        let last_due = milestones
            .iter()
            .filter_map(|&(index, _): &(usize, f64)| forecast.milestones[index].due)
            .max();
        let staff = last_due.is_some_and(|due| {
            forecast.daily.iter().any(|day| {
                day.workday
                    && day.date <= due
                    && day.planned_shifts > 0
                    && 1.0 - day.staffed_shifts / f64::from(day.planned_shifts)
                        > 1.0 - confidence + 1e-9
            })
        });
        Shortfall {
            milestones,
            kits,
            staff,
        }
    }

    /// Whether `forecast` met a milestone the plan can move with room to spare: on time in
    /// `margin` more of the runs than the confidence asks, and at the confidence's quantile at
    /// least a day before its due date.
    pub fn overshoots(
        scenario: &Scenario,
        forecast: &Forecast,
        confidence: f64,
        margin: f64,
    ) -> bool {
        !spare_days(scenario, forecast, confidence, margin).is_empty()
    }

    /// Plans later each milestone `forecast` met with room to spare ([`Tightening::overshoots`]),
    /// by half the days it was early at the confidence's quantile (at least one): the next
    /// proposal may then cost less. Returns whether anything changed.
    pub fn loosen(
        &mut self,
        scenario: &Scenario,
        forecast: &Forecast,
        confidence: f64,
        margin: f64,
    ) -> bool {
        let spare = spare_days(scenario, forecast, confidence, margin);
        for &(index, days) in &spare {
            let step = days.div_ceil(2).max(1) as i64;
            self.advance_days[index] -= step;
        }
        !spare.is_empty()
    }

    /// Halfway from `self`, which met the confidence, toward `failed`, a looser plan that did
    /// not: each milestone's advance at the midpoint (rounded toward `self`), everything else as
    /// `self` has it. `None` when no advance is more than a day apart.
    pub fn toward(&self, failed: &Tightening) -> Option<Tightening> {
        let mut next = self.clone();
        let mut changed = false;
        for (mine, theirs) in next.advance_days.iter_mut().zip(&failed.advance_days) {
            let gap = *theirs - *mine;
            if gap.abs() > 1 {
                *mine += gap / 2;
                changed = true;
            }
        }
        changed.then_some(next)
    }

    /// Tightens after `shortfall` was found in `forecast`. Returns whether anything changed.
    pub fn tighten(
        &mut self,
        scenario: &Scenario,
        forecast: &Forecast,
        confidence: f64,
        shortfall: &Shortfall,
        planned_short: &[(usize, f64)],
    ) -> bool {
        let mut changed = false;
        for &(index, _) in &shortfall.milestones {
            if planned_short
                .iter()
                .any(|&(milestone, short)| milestone == index && short > 0.5)
            {
                continue;
            }
            let milestone = &forecast.milestones[index];
            let Some(due) = milestone.due else { continue };
            let due_day = days_between(scenario.start, due).max(0) as u64;
            let step = match milestone.days.quantile(confidence, milestone.not_reached) {
                Some(day) => {
                    (day.saturating_sub(due_day) as usize / 2).clamp(MIN_STEP_DAYS, MAX_STEP_DAYS)
                }
                None => UNREACHED_STEP_DAYS,
            };
            let advance = &mut self.advance_days[index];
            let before = *advance;
            *advance = (*advance + step as i64).min(due_day as i64);
            changed |= *advance != before;
        }
        if shortfall.staff {
            self.extra_heads += 1.0;
            changed = true;
        }
        for &kit in &shortfall.kits {
            self.lead_margin_days[kit] += LEAD_STEP_DAYS;
            self.cover_days[kit] += 1.0;
            changed = true;
        }
        let plan_can_help = shortfall.milestones.iter().any(|&(index, _)| {
            !planned_short
                .iter()
                .any(|&(milestone, short)| milestone == index && short > 0.5)
        });
        if plan_can_help && self.derate > MIN_DERATE {
            self.derate = (self.derate * DERATE_STEP).max(MIN_DERATE);
            changed = true;
        }
        changed
    }
}

/// The milestones (by scenario index) the plan can move that `forecast` met in `margin` more of
/// the runs than `confidence`, with the days their quantile at the confidence fell before the
/// due date (one or more).
fn spare_days(
    scenario: &Scenario,
    forecast: &Forecast,
    confidence: f64,
    margin: f64,
) -> Vec<(usize, u64)> {
    forecast
        .milestones
        .iter()
        .enumerate()
        .filter(|(index, _)| movable(scenario, *index))
        .filter_map(|(index, milestone)| {
            let probability = milestone.on_time_probability?;
            let due = milestone.due?;
            if probability < confidence + margin {
                return None;
            }
            let due_day = days_between(scenario.start, due).max(0) as u64;
            let day = milestone.days.quantile(confidence, milestone.not_reached)?;
            (day < due_day).then_some((index, due_day - day))
        })
        .collect()
}

/// Whether the plan can move milestone `index` of `scenario`: any but a task's, which is the
/// programme's.
pub fn movable(scenario: &Scenario, index: usize) -> bool {
    !matches!(
        scenario.milestones[index].kind,
        relaunch_core::model::MilestoneKind::Task { .. }
    )
}

//! The pace: the hours the real line takes per good unit against the scenario's line at the
//! same cumulative output, a factor that is 1 when the line is as fast as the scenario says.
//!
//! **The days.** The capacity-bound days of the learning rate (`learning.rs`: the plan with the
//! actual task dates, work waiting, kits in stock, shifts planned, some good unit made): on
//! day i the line made good units x₀ᵢ + 1 … x₁ᵢ (x₀ the good units before it) in hᵢ hours of
//! planned shifts.
//!
//! **The scenario's hours for the same units.** The scenario's own line (with the actual task
//! dates) run from its start by the engine itself, [`REFERENCE_RUNS`] replications of the
//! scenario's seed, with a saturated release, no kits needed, no workforce limit (every
//! planned shift runs) and no risk, so that the line alone sets its output, and with its cycle
//! times at standard (`first_unit_factor` 1; failures, blocking, rework and the yield curve as
//! the scenario has them). H(x), the planned hours until its x-th good unit (linear between
//! the ends of its days, averaged over the runs, extended past the runs' output at the hours
//! per unit of their last fifth), gives the standard hours of day i's units, Sᵢ =
//! H(x₁ᵢ) − H(x₀ᵢ). The scenario's learning curve multiplies them by the mean cycle multiplier
//! m̄ᵢ of units x₀ᵢ + 1 … x₁ᵢ (the units counted over the whole line), so the scenario's hours
//! for day i's units are Sᵢ · m̄ᵢ.
//!
//! **The estimate.** rᵢ = ln(hᵢ / (Sᵢ · m̄ᵢ)) is the log of day i's pace. What a forecast
//! needs is the pace at the end of the actuals, so rᵢ is fitted by least squares on uᵢ, the log
//! of the cumulative output at the middle of day i (a line that learns as the scenario says has
//! no trend in rᵢ; one that learns faster or slower has one), and the pace is e^ℓ with ℓ the
//! fitted value at the last day's u, with its 90% interval e^(ℓ ± t(n − 2) · se), se = s ·
//! √(1/n + (u_last − ū)²/Σ(uᵢ − ū)²) and s the residuals' standard deviation (flat prior; the
//! days are taken as independent, which a queue carried from day to day makes them not quite).
//! When u does not vary, ℓ is the mean of rᵢ with se = s/√n and t(n − 1). Fewer than
//! [`super::MIN_CAPACITY_BOUND_DAYS`] days tell nothing.
//!
//! **The draw.** The pace is drawn given the learning curve of the replication's scenario
//! (drawn first when the learning rate is calibrated): ℓ and se computed with that curve's
//! m̄ᵢ, ln pace = ℓ + se · t, so that a replication reproduces the hours the actuals show at
//! the output they reached, whatever learning rate it drew. The line is then
//! made that much slower or faster in operating time: every planned shift lasts its length
//! divided by the pace (at most 24 hours over the most shifts a day plans), which, the whole
//! plant working and freezing together (`schedule`), stretches every cycle, failure and repair
//! by the pace in calendar time. A 24/7 calendar becomes one shift a day of 24 hours divided by
//! the pace (a pace of 1 or less leaves it as it is: it cannot run longer).

use rand_pcg::Pcg64Mcg;

use super::learning::BoundDay;
use super::{Estimate, MIN_CAPACITY_BOUND_DAYS, Posterior, t_draw, t_quantile};
use crate::kernel::TICKS_PER_SECOND;
use crate::learning::Curve;
use crate::model::{
    Calendar, Disruptions, Programme, Release, Scenario, ShiftCalendar, ShiftPhase,
};
use crate::schedule::DAY_SECS;
use crate::sim::{self, Prepared};

/// Runs of the scenario's line the standard hours are averaged over.
pub const REFERENCE_RUNS: u64 = 4;
/// The most units whose cycle multipliers are averaged one by one on a day; beyond it, this
/// many evenly spread.
const MAX_AVERAGED: u64 = 64;
/// A drawn pace is kept within these bounds.
const PACE_BOUNDS: (f64, f64) = (0.1, 10.0);

/// A capacity-bound day of the pace: its [`BoundDay`] and the scenario's standard hours for
/// its units (Sᵢ of the module notes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaceDay {
    pub before: u64,
    pub made: u64,
    pub hours: f64,
    pub standard_hours: f64,
}

/// The capacity-bound `days` of the actuals with the standard hours of `plan`'s line (the
/// scenario with the actual task dates) for their units; days the scenario's line gives no
/// hours for are left out. Runs the line (see the module notes) only when there are enough
/// days to tell something.
pub(super) fn standard_days(plan: &Scenario, days: &[BoundDay]) -> Vec<PaceDay> {
    if days.len() < MIN_CAPACITY_BOUND_DAYS {
        return Vec::new();
    }
    let reference = Reference::new(plan);
    days.iter()
        .map(|d| PaceDay {
            before: d.before,
            made: d.made,
            hours: d.hours,
            standard_hours: reference.hours((d.before + d.made) as f64)
                - reference.hours(d.before as f64),
        })
        .filter(|d| d.standard_hours > 0.0 && d.standard_hours.is_finite())
        .collect()
}

/// The pace from the capacity-bound days `paced` ([`standard_days`]), at `scenario`'s learning
/// curve.
pub(super) fn estimate(scenario: &Scenario, paced: &[PaceDay]) -> Option<Estimate> {
    let n = paced.len();
    if n < MIN_CAPACITY_BOUND_DAYS {
        return None;
    }
    let curve = Curve::new(&scenario.learning);
    let level = level(paced, &curve);
    let half = t_quantile(0.95, level.df) * level.se;
    let hours: f64 = paced.iter().map(|d| d.hours).sum();
    let units: u64 = paced.iter().map(|d| d.made).sum();
    let standard: f64 = paced
        .iter()
        .map(|d| d.standard_hours * mean_multiplier(&curve, d.before, d.made))
        .sum();
    Some(Estimate {
        parameter: "line.pace".to_string(),
        assumed: Some(1.0),
        mean: level.at_end.exp(),
        p05: (level.at_end - half).exp(),
        p95: (level.at_end + half).exp(),
        basis: format!(
            "{n} capacity-bound days: {hours:.0} h for {units} good units, the scenario's line \
             {standard:.0} h"
        ),
        posterior: Posterior::Pace {
            days: paced.to_vec(),
        },
    })
}

/// The log pace at the end of the actuals (ℓ of the module notes), its standard error and
/// degrees of freedom.
struct Level {
    at_end: f64,
    se: f64,
    df: f64,
}

/// ℓ, se and the degrees of freedom over `days` with `curve` (see the module notes).
fn level(days: &[PaceDay], curve: &Curve) -> Level {
    let points: Vec<(f64, f64)> = days
        .iter()
        .map(|d| {
            let u = (d.before as f64 + d.made as f64 / 2.0).max(0.5).ln();
            let expected = d.standard_hours * mean_multiplier(curve, d.before, d.made);
            (u, (d.hours / expected).ln())
        })
        .collect();
    let n = points.len() as f64;
    let mean_u = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_r = points.iter().map(|p| p.1).sum::<f64>() / n;
    let suu: f64 = points.iter().map(|p| (p.0 - mean_u).powi(2)).sum();
    let last = points.last().map_or(mean_u, |p| p.0);
    if n >= 3.0 && suu > 1e-12 {
        let slope = points
            .iter()
            .map(|p| (p.0 - mean_u) * (p.1 - mean_r))
            .sum::<f64>()
            / suu;
        let residuals: f64 = points
            .iter()
            .map(|p| (p.1 - mean_r - slope * (p.0 - mean_u)).powi(2))
            .sum();
        let s = (residuals / (n - 2.0)).sqrt();
        Level {
            at_end: mean_r + slope * (last - mean_u),
            se: s * (1.0 / n + (last - mean_u).powi(2) / suu).sqrt(),
            df: n - 2.0,
        }
    } else {
        let s = if n > 1.0 {
            (points.iter().map(|p| (p.1 - mean_r).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
        } else {
            0.0
        };
        Level {
            at_end: mean_r,
            se: s / n.sqrt(),
            df: n - 1.0,
        }
    }
}

/// The mean cycle multiplier of units `before + 1 ..= before + made`.
pub(super) fn mean_multiplier(curve: &Curve, before: u64, made: u64) -> f64 {
    if made == 0 {
        return 1.0;
    }
    let points = made.min(MAX_AVERAGED);
    let total: f64 = (0..points)
        .map(|k| {
            // The k-th of `points` evenly spread units (all of them when made ≤ the maximum).
            let unit = before + 1 + (k * made) / points;
            curve.cycle_multiplier(unit)
        })
        .sum();
    total / points as f64
}

pub(super) fn draw_into(scenario: &mut Scenario, days: &[PaceDay], rng: &mut Pcg64Mcg) {
    if days.is_empty() {
        return;
    }
    let level = level(days, &Curve::new(&scenario.learning));
    let pace = (level.at_end + level.se * t_draw(level.df, rng)).exp();
    apply(scenario, pace);
}

/// Makes `scenario`'s line `pace` times slower in calendar time (see the module notes).
pub fn apply(scenario: &mut Scenario, pace: f64) {
    if !pace.is_finite() || pace <= 0.0 {
        return;
    }
    let pace = pace.clamp(PACE_BOUNDS.0, PACE_BOUNDS.1);
    match &mut scenario.calendar {
        Calendar::Shifts(calendar) => {
            let longest = DAY_SECS / f64::from(calendar.max_shifts().max(1));
            calendar.shift_length_secs = (calendar.shift_length_secs / pace).min(longest);
        }
        Calendar::AlwaysOn => {
            if pace > 1.0 {
                scenario.calendar = Calendar::Shifts(ShiftCalendar {
                    workdays: [true; 7],
                    shift_length_secs: DAY_SECS / pace,
                    shifts: vec![ShiftPhase::always(1)],
                    first_shift_start_secs: 0.0,
                    holidays: Vec::new(),
                    shutdowns: Vec::new(),
                });
            }
        }
    }
}

/// H(x) of the module notes: per run, the (good units, planned hours) at the end of each day
/// that made some, from (0, 0).
struct Reference {
    runs: Vec<Vec<(f64, f64)>>,
}

impl Reference {
    fn new(plan: &Scenario) -> Reference {
        let mut line = plan.clone();
        line.release = Release::Saturated { limit: None };
        for product in &mut line.products {
            product.kit = None;
        }
        for kit in &mut line.kits {
            kit.orders.clear();
            kit.shipments.clear();
        }
        line.workforce = None;
        line.learning.first_unit_factor = 1.0;
        line.milestones.clear();
        line.localization = None;
        line.costs = None;
        line.programme = Programme::default();
        line.disruptions = Disruptions::default();
        let prepared = Prepared::new(&line);
        let calendar = &prepared.calendar;
        let shift_hours = calendar.shift_ticks as f64 / TICKS_PER_SECOND / 3600.0;
        let runs = (0..REFERENCE_RUNS)
            .map(|replication| {
                let outcome = sim::run(&line, &prepared, line.seed, replication);
                let mut points = vec![(0.0, 0.0)];
                let (mut units, mut hours) = (0.0, 0.0);
                for (day, &good) in outcome.good_per_day.iter().enumerate() {
                    hours += f64::from(calendar.scheduled_shifts[day]) * shift_hours;
                    if good > 0 {
                        units += f64::from(good);
                        points.push((units, hours));
                    }
                }
                points
            })
            .collect();
        Reference { runs }
    }

    /// The planned hours the scenario's line takes to its `x`-th good unit, averaged over the
    /// runs.
    fn hours(&self, x: f64) -> f64 {
        let total: f64 = self.runs.iter().map(|run| interpolate(run, x)).sum();
        total / self.runs.len().max(1) as f64
    }
}

/// The hours at `x` units along `points` (increasing in units, from (0, 0)): linear between
/// points, past the last at the hours per unit of the last fifth of the units.
fn interpolate(points: &[(f64, f64)], x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let &(last_units, last_hours) = points.last().expect("starts at (0, 0)");
    if last_units <= 0.0 {
        return f64::INFINITY;
    }
    if x > last_units {
        let from = 0.8 * last_units;
        let per_unit = (last_hours - interpolate(points, from)) / (last_units - from);
        return last_hours + (x - last_units) * per_unit;
    }
    let above = points.partition_point(|p| p.0 < x);
    let (x1, h1) = points[above];
    let (x0, h0) = points[above - 1];
    h0 + (h1 - h0) * (x - x0) / (x1 - x0)
}

//! Calibration: what the actuals can tell about the scenario's assumptions, with its
//! uncertainty — the first-pass yield (a Beta posterior from good and scrapped/reworked
//! counts), each kit's lead time (from `kits_ordered` to `kits_received`, with the scenario's
//! own lead time as the prior), attrition (leavers over person-time, a Gamma posterior), the
//! learning rate and the pace (the level of the line's hours per unit against the scenario's)
//! where output was capacity-bound — and the draw of those estimates into one replication's
//! scenario.
//!
//! The dates the actuals are judged against are those of the plan as it stands at the as-of
//! day: the scenario with the actual task dates (the tasks done on their actual days, those
//! running from their actual start, the others not before the day after the as-of day, every
//! duration still to run at its optimistic value; [`crate::programme::planned_from`]), so a
//! plan phase, shift phase, order or shipment that follows a task is dated from when the task
//! actually finished. Lead times and the capacity-bound days read that plan; the yield and
//! attrition need no dates of the plan.
//!
//! One module per parameter under `calibrate/`, each with its rule written out: `quality.rs`
//! (yield), `lead_time.rs`, `attrition.rs`, `learning.rs` (the rate, and the capacity-bound
//! days), `pace.rs`. Every draw is on a stream of its own, `CALIBRATION_BASE` (2^58) plus the
//! parameter's index (yield 0, attrition 1, learning 2, pace 3, kit `k` 16 + `k`), far from
//! every stream of the line and the programme, so a calibrated replication draws the line's
//! cycles, failures, quality, release and workforce exactly as an uncalibrated one does. The
//! estimates are drawn in their order (yield, lead times, attrition, learning rate, pace), so
//! the pace is drawn given the learning curve the replication drew.

mod attrition;
mod lead_time;
mod learning;
mod pace;
mod quality;

use jiff::civil::Date;

use crate::actuals::{Actuals, Metric};
use crate::model::Scenario;
use crate::programme::{self, Progress};
use crate::rng;
use crate::schedule::days_between;

pub use lead_time::{
    LOG_SD_FLOOR, LogNormalPosterior, MIN_DISTINCT, PRIOR_DELIVERIES, PRIOR_DF,
    SHIPMENT_WINDOW_DAYS,
};
pub use learning::{BoundDay, GRID, MIN_CAPACITY_BOUND_DAYS, PRIOR_EXPONENT_SD};
pub use pace::{PaceDay, REFERENCE_RUNS, apply as apply_pace};

/// The first stream id of the calibrated parameters' draws.
pub const CALIBRATION_BASE: u64 = 1 << 58;

/// One estimated parameter beside the scenario's assumption.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// What is estimated, e.g. `first_pass_yield`, `kit c5-skd lead_time_days`,
    /// `attrition_per_year`, `learning.rate`.
    pub parameter: String,
    /// The scenario's value (its mean for a distribution), if it has one.
    pub assumed: Option<f64>,
    /// The posterior mean (or point estimate) and its 90% interval.
    pub mean: f64,
    pub p05: f64,
    pub p95: f64,
    /// The observations behind it, in words: "412 good of 431 inspected", "6 deliveries".
    pub basis: String,
    /// The posterior [`Calibration::draw_into`] draws from.
    pub posterior: Posterior,
}

/// The distribution of one parameter given the actuals.
#[derive(Debug, Clone, PartialEq)]
pub enum Posterior {
    /// First-pass yield ~ Beta(`alpha`, `beta`); `seen_average` is the scenario's own mean
    /// yield over the units the actuals inspected, which a draw shifts the curve by.
    Yield {
        alpha: f64,
        beta: f64,
        seen_average: f64,
    },
    /// Lead time of kit `kit` in days ~ lognormal(μ, σ), (μ, σ²) from the normal–inverse-gamma
    /// `posterior` (see `calibrate/lead_time.rs`).
    LeadTime {
        kit: usize,
        posterior: LogNormalPosterior,
    },
    /// Leaving hazard per year ~ Gamma(`shape`, rate `person_years`); the yearly fraction
    /// leaving is 1 − e^(−hazard).
    Attrition { shape: f64, person_years: f64 },
    /// Learning exponent b by its cumulative probability: `grid` of (b, probability that the
    /// exponent is at most b), increasing, linear between; the rate is 2^b (see
    /// `calibrate/learning.rs`).
    Learning { grid: Vec<(f64, f64)> },
    /// The line's pace, from its capacity-bound `days`, drawn given the learning curve of the
    /// scenario it is drawn into (see `calibrate/pace.rs`).
    Pace { days: Vec<PaceDay> },
    /// Too few observations to estimate: the scenario's value stands and nothing is drawn (the
    /// estimate says why in its basis).
    Assumed,
}

/// What the actuals through `as_of` say, parameter by parameter; parameters the actuals cannot
/// tell (no observations) are left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Calibration {
    pub estimates: Vec<Estimate>,
}

impl Calibration {
    /// Estimates what `actuals` (through `as_of`) can tell about `scenario`: the yield, each
    /// kit's lead time, attrition, the learning rate and the pace, in that order, each left out
    /// without observations.
    pub fn estimate(scenario: &Scenario, actuals: &Actuals, as_of: Date) -> Calibration {
        let known = actuals.through(as_of);
        let plan = plan_as_of(scenario, &known, as_of);
        let mut estimates = Vec::new();
        estimates.extend(quality::estimate(scenario, &known));
        for kit in 0..scenario.kits.len() {
            estimates.extend(lead_time::estimate(&plan, &known, kit, as_of));
        }
        estimates.extend(attrition::estimate(scenario, &known, as_of));
        if let Some(days) = learning::capacity_bound_days(&plan, &known, as_of) {
            let days = pace::standard_days(&plan, &days);
            estimates.extend(learning::estimate(scenario, &days));
            estimates.extend(pace::estimate(scenario, &days));
        }
        Calibration { estimates }
    }

    /// Writes one draw of the calibrated parameters into `scenario` for `replication` under
    /// `seed`, on a stream of its own (so the line's draws stay paired with `simulate`).
    /// Parameters not estimated stay as the scenario says.
    pub fn draw_into(&self, scenario: &mut Scenario, seed: u64, replication: u64) {
        for estimate in &self.estimates {
            let purpose = match &estimate.posterior {
                Posterior::Yield { .. } => 0,
                Posterior::Attrition { .. } => 1,
                Posterior::Learning { .. } => 2,
                Posterior::Pace { .. } => 3,
                Posterior::LeadTime { kit, .. } => 16 + *kit as u64,
                Posterior::Assumed => continue,
            };
            let mut stream = rng::stream(seed, replication, CALIBRATION_BASE + purpose);
            match &estimate.posterior {
                Posterior::Yield {
                    alpha,
                    beta,
                    seen_average,
                } => quality::draw_into(scenario, *alpha, *beta, *seen_average, &mut stream),
                Posterior::LeadTime { kit, posterior } => {
                    lead_time::draw_into(scenario, *kit, posterior, &mut stream)
                }
                Posterior::Attrition {
                    shape,
                    person_years,
                } => attrition::draw_into(scenario, *shape, *person_years, &mut stream),
                Posterior::Learning { grid } => learning::draw_into(scenario, grid, &mut stream),
                Posterior::Pace { days } => pace::draw_into(scenario, days, &mut stream),
                Posterior::Assumed => {}
            }
        }
    }
}

/// `scenario` with the plan as it stands at `as_of` (see the module notes): its anchored dates
/// from the tasks' actual dates in `actuals` (the earliest `task_started` and `task_done` of
/// each task through `as_of`) and their optimistic durations still to run.
fn plan_as_of(scenario: &Scenario, actuals: &Actuals, as_of: Date) -> Scenario {
    let tasks = scenario.programme.tasks.len();
    if tasks == 0 {
        return scenario.clone();
    }
    let day = |date: Date| days_between(scenario.start, date);
    let mut done: Vec<Option<i64>> = vec![None; tasks];
    let mut started: Vec<Option<i64>> = vec![None; tasks];
    for record in actuals.records.iter().filter(|r| r.date <= as_of) {
        let slot = match record.metric {
            Metric::TaskDone => done.get_mut(record.item),
            Metric::TaskStarted => started.get_mut(record.item),
            _ => None,
        };
        if let Some(slot) = slot {
            let at = day(record.date);
            *slot = Some(slot.map_or(at, |d: i64| d.min(at)));
        }
    }
    let progress = Progress {
        as_of_day: day(as_of),
        done,
        started,
    };
    programme::resolve(scenario, &programme::planned_from(scenario, &progress))
}

/// The `p` quantile of Student's t with `df` degrees of freedom (the normal's for `df` ≤ 0).
fn t_quantile(p: f64, df: f64) -> f64 {
    use statrs::distribution::{ContinuousCDF, Normal, StudentsT};
    if df > 0.0
        && let Ok(t) = StudentsT::new(0.0, 1.0, df)
    {
        return t.inverse_cdf(p);
    }
    Normal::standard().inverse_cdf(p)
}

/// A draw of Student's t with `df` degrees of freedom (the normal for `df` ≤ 0).
fn t_draw(df: f64, rng: &mut rand_pcg::Pcg64Mcg) -> f64 {
    use rand_distr::Distribution;
    if df > 0.0
        && let Ok(t) = rand_distr::StudentT::new(df)
    {
        return t.sample(rng);
    }
    Distribution::<f64>::sample(&rand_distr::StandardNormal, rng)
}

//! Calibration: what the actuals can tell about the scenario's assumptions, with its
//! uncertainty — the first-pass yield (a Beta posterior from good and scrapped/reworked
//! counts), each kit's lead time (from `kits_ordered` to `kits_received`), attrition (leavers
//! over person-time, a Gamma posterior), the learning rate where output was capacity-bound —
//! and the draw of those estimates into one replication's scenario.
//!
//! One module per parameter under `calibrate/`, each with its rule written out: `quality.rs`
//! (yield), `lead_time.rs`, `attrition.rs`, `learning.rs`. Every draw is on a stream of its own,
//! `CALIBRATION_BASE` (2^58) plus the parameter's index (yield 0, attrition 1, learning 2, kit
//! `k` 16 + `k`), far from every stream of the line and the programme, so a calibrated
//! replication draws the line's cycles, failures, quality, release and workforce exactly as an
//! uncalibrated one does.

mod attrition;
mod lead_time;
mod learning;
mod quality;

use jiff::civil::Date;

use crate::actuals::Actuals;
use crate::model::Scenario;
use crate::rng;

pub use learning::MIN_CAPACITY_BOUND_DAYS;

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
    /// Lead time of kit `kit` in days ~ lognormal(μ, `log_sd`), μ ~ `log_mean` + `log_sd`/√`n` ·
    /// t(`n` − 1).
    LeadTime {
        kit: usize,
        log_mean: f64,
        log_sd: f64,
        n: usize,
    },
    /// Leaving hazard per year ~ Gamma(`shape`, rate `person_years`); the yearly fraction
    /// leaving is 1 − e^(−hazard).
    Attrition { shape: f64, person_years: f64 },
    /// Learning exponent b ~ `slope` + `se` · t(`df`); the rate is 2^b.
    Learning { slope: f64, se: f64, df: f64 },
}

/// What the actuals through `as_of` say, parameter by parameter; parameters the actuals cannot
/// tell (no observations) are left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Calibration {
    pub estimates: Vec<Estimate>,
}

impl Calibration {
    /// Estimates what `actuals` (through `as_of`) can tell about `scenario`: the yield, each
    /// kit's lead time, attrition and the learning rate, in that order, each left out without
    /// observations.
    pub fn estimate(scenario: &Scenario, actuals: &Actuals, as_of: Date) -> Calibration {
        let known = actuals.through(as_of);
        let mut estimates = Vec::new();
        estimates.extend(quality::estimate(scenario, &known));
        for kit in 0..scenario.kits.len() {
            estimates.extend(lead_time::estimate(scenario, &known, kit, as_of));
        }
        estimates.extend(attrition::estimate(scenario, &known, as_of));
        estimates.extend(learning::estimate(scenario, &known, as_of));
        Calibration { estimates }
    }

    /// Writes one draw of the calibrated parameters into `scenario` for `replication` under
    /// `seed`, on a stream of its own (so the line's draws stay paired with `simulate`).
    /// Parameters not estimated stay as the scenario says.
    pub fn draw_into(&self, scenario: &mut Scenario, seed: u64, replication: u64) {
        for estimate in &self.estimates {
            let purpose = match estimate.posterior {
                Posterior::Yield { .. } => 0,
                Posterior::Attrition { .. } => 1,
                Posterior::Learning { .. } => 2,
                Posterior::LeadTime { kit, .. } => 16 + kit as u64,
            };
            let mut stream = rng::stream(seed, replication, CALIBRATION_BASE + purpose);
            match estimate.posterior {
                Posterior::Yield {
                    alpha,
                    beta,
                    seen_average,
                } => quality::draw_into(scenario, alpha, beta, seen_average, &mut stream),
                Posterior::LeadTime {
                    kit,
                    log_mean,
                    log_sd,
                    n,
                } => lead_time::draw_into(scenario, kit, log_mean, log_sd, n, &mut stream),
                Posterior::Attrition {
                    shape,
                    person_years,
                } => attrition::draw_into(scenario, shape, person_years, &mut stream),
                Posterior::Learning { slope, se, df } => {
                    learning::draw_into(scenario, slope, se, df, &mut stream)
                }
            }
        }
    }
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

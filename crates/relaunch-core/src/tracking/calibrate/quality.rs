//! The first-pass yield, over all products (the model has one yield curve).
//!
//! A unit that passed its first inspection is a good unit that was not reworked; one that failed
//! was scrapped or reworked: passes = good − reworked, failures = scrapped + reworked (a
//! reworked unit later scrapped would be counted twice; plants report it once). With the
//! uniform prior Beta(1, 1) the posterior is Beta(1 + passes, 1 + failures), whose mean and
//! 5% and 95% quantiles are reported.
//!
//! The scenario's assumption is its own mean yield over the same number of inspected units
//! (its curve from `initial` to `mature`; 1 without a yield). A draw y moves the whole curve by
//! y minus that mean (`initial` and `mature` alike, each kept within [0.001, 1]), so the curve
//! keeps its shape and its mean over the units seen becomes the draw; a scenario without a
//! yield gets the constant y.

use rand_distr::Distribution;
use rand_pcg::Pcg64Mcg;
use statrs::distribution::{Beta, ContinuousCDF};

use super::{Estimate, Posterior};
use crate::actuals::{Actuals, Metric};
use crate::learning::Curve;
use crate::model::{Scenario, Yield};

/// The most units whose curve is averaged one by one; beyond it the curve is flat enough.
const MAX_AVERAGED: u64 = 1_000_000;

pub(super) fn estimate(scenario: &Scenario, actuals: &Actuals) -> Option<Estimate> {
    let sum = |metric: Metric| -> u64 {
        actuals
            .records
            .iter()
            .filter(|r| r.metric == metric)
            .map(|r| r.value)
            .sum()
    };
    let (good, scrapped, reworked) = (
        sum(Metric::Good),
        sum(Metric::Scrapped),
        sum(Metric::Reworked),
    );
    let passes = good.saturating_sub(reworked);
    let failures = scrapped + reworked;
    let inspected = passes + failures;
    if inspected == 0 {
        return None;
    }
    let alpha = 1.0 + passes as f64;
    let beta = 1.0 + failures as f64;
    let posterior = Beta::new(alpha, beta).ok()?;
    let seen_average = scenario_average(scenario, inspected);
    let basis = if reworked > 0 {
        format!(
            "{passes} first-pass good of {inspected} finished ({reworked} reworked, {scrapped} scrapped)"
        )
    } else {
        format!("{passes} good of {inspected} finished")
    };
    Some(Estimate {
        parameter: "first_pass_yield".to_string(),
        assumed: Some(seen_average),
        mean: alpha / (alpha + beta),
        p05: posterior.inverse_cdf(0.05),
        p95: posterior.inverse_cdf(0.95),
        basis,
        posterior: Posterior::Yield {
            alpha,
            beta,
            seen_average,
        },
    })
}

/// The scenario's mean first-pass yield over its first `units` inspected units.
fn scenario_average(scenario: &Scenario, units: u64) -> f64 {
    let Some(curve_yield) = scenario.learning.first_pass_yield else {
        return 1.0;
    };
    let curve = Curve::new(&scenario.learning);
    let n = units.clamp(1, MAX_AVERAGED);
    let gap: f64 = (1..=n).map(|x| curve.remaining_gap(x)).sum::<f64>() / n as f64;
    curve_yield.mature - (curve_yield.mature - curve_yield.initial) * gap
}

pub(super) fn draw_into(
    scenario: &mut Scenario,
    alpha: f64,
    beta: f64,
    seen_average: f64,
    rng: &mut Pcg64Mcg,
) {
    let Ok(beta_dist) = rand_distr::Beta::new(alpha, beta) else {
        return;
    };
    let drawn: f64 = beta_dist.sample(rng);
    let clamp = |y: f64| y.clamp(0.001, 1.0);
    scenario.learning.first_pass_yield = Some(match scenario.learning.first_pass_yield {
        Some(curve) => {
            let shift = drawn - seen_average;
            Yield {
                initial: clamp(curve.initial + shift),
                mature: clamp(curve.mature + shift),
            }
        }
        None => Yield {
            initial: clamp(drawn),
            mature: clamp(drawn),
        },
    });
}

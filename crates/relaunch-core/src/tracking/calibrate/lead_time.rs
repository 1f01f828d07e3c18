//! A kit's lead time, from the day kits were ordered to the day they were received.
//!
//! **Which receipts are deliveries of orders.** The scenario's known shipments (dated with the
//! actual task dates when they follow a task) are set aside first, in date order: for each,
//! the receipt of the **same quantity** dated within [`SHIPMENT_WINDOW_DAYS`] of it (the
//! nearest in date, the earlier on a tie); a shipment with no such receipt takes what the
//! receipts of its own date hold, up to its quantity. What is set aside is no lead time and is
//! not counted among the deliveries. The other receipts (`kits_received`) are matched first
//! in, first out against the orders (`kits_ordered`, or, when the actuals have none for the
//! kit, the dispatch days of the scenario's orders with the actual task dates), an order only
//! to a receipt on or after its day; each matched piece (an order, or the part of it a receipt
//! took) is one observation of d whole days. A receipt with no open order is not a lead time.
//! Orders not yet received are ignored (the estimate is of the deliveries seen, which near
//! as-of favours the quick ones).
//!
//! **The estimate.** A delivery received d days after ordering arrived at some time within
//! that day, so the lead time observed is d + ½ days, and its log x is taken as normal with
//! mean μ and standard deviation σ. The prior is the scenario's own lead time: μ₀ and σ₀, the
//! mean and standard deviation of the log of [`PRIOR_DRAWS`] draws of the kit's lead time (on a
//! fixed stream, so the same every time), σ₀ at least [`LOG_SD_FLOOR`]; conjugate
//! normal–inverse-gamma with the weight of [`PRIOR_DELIVERIES`] delivery on μ and
//! [`PRIOR_DF`] degrees of freedom on σ². With n observations of mean x̄ and sample variance
//! s², the posterior is κ = κ₀ + n, μₙ = (κ₀μ₀ + n x̄)/κ, ν = ν₀ + n,
//! ν σₙ² = ν₀σ₀² + (n − 1)s² + κ₀n/κ (x̄ − μ₀)²; σ² ~ ν σₙ² / χ²(ν) and μ | σ² ~ N(μₙ, σ²/κ),
//! so that μ ~ μₙ + σₙ/√κ · t(ν). The mean lead time exp(μ + σ²/2) is reported at μₙ and σₙ
//! with the 90% interval of μ: it is wide when n is small (few degrees of freedom, and the
//! scenario's spread in σₙ), and the spread never collapses, whatever the observations.
//! Fewer than [`MIN_DISTINCT`] different lead times (two deliveries of the same d, say) are too
//! few deliveries to estimate from (at least [`MIN_DISTINCT`] are needed): the estimate then
//! reports the mean observed beside the scenario's own 5–95% range, says "too few deliveries",
//! and draws nothing (the scenario's lead time stands).
//!
//! A draw takes σ² and then μ from the posterior and writes a lognormal lead time with them.
//!
//! The prior's draws of kit `k` come from the stream [`PRIOR_STREAM_BASE`] + `k` of seed 0,
//! replication 0, whatever the forecast's seed.

use std::collections::VecDeque;

use jiff::civil::Date;
use rand_distr::Distribution;
use rand_pcg::Pcg64Mcg;

use super::{CALIBRATION_BASE, Estimate, Posterior, t_quantile};
use crate::Dist;
use crate::actuals::{Actuals, Metric};
use crate::model::Scenario;
use crate::rng;
use crate::schedule::{DAY_SECS, add_days, days_between};

/// How far, in days either way, a receipt may lie from a known shipment's date and be taken as
/// that shipment (when its quantity is the shipment's).
pub const SHIPMENT_WINDOW_DAYS: i64 = 30;
/// The fewest different lead times (whole days) a lead time is estimated from.
pub const MIN_DISTINCT: usize = 2;
/// Draws of the scenario's lead time its prior is read from.
pub const PRIOR_DRAWS: usize = 4_096;
/// The prior's weight on the log-mean, in deliveries (κ₀).
pub const PRIOR_DELIVERIES: f64 = 1.0;
/// The prior's degrees of freedom on the log-variance (ν₀).
pub const PRIOR_DF: f64 = 2.0;
/// The first stream id of the priors' draws (kit `k`: this + `k`).
pub const PRIOR_STREAM_BASE: u64 = CALIBRATION_BASE + (1 << 32);
/// The least log-sd of the prior (a lead time that varies by about 5%), so that a constant
/// lead time in the scenario still leaves the estimate some spread.
pub const LOG_SD_FLOOR: f64 = 0.05;

/// The posterior of the log lead time (days): μ ~ `mu` + `scale`/√`kappa` · t(`nu`),
/// σ² ~ `nu` `scale`² / χ²(`nu`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogNormalPosterior {
    pub mu: f64,
    pub kappa: f64,
    pub nu: f64,
    pub scale: f64,
}

pub(super) fn estimate(
    scenario: &Scenario,
    actuals: &Actuals,
    kit: usize,
    as_of: Date,
) -> Option<Estimate> {
    let spec = &scenario.kits[kit];
    let dated = |metric: Metric| -> Vec<(Date, u64)> {
        actuals
            .records
            .iter()
            .filter(|r| r.metric == metric && r.item == kit && r.date <= as_of && r.value > 0)
            .map(|r| (r.date, r.value))
            .collect()
    };
    let mut receipts = dated(Metric::KitsReceived);
    let shipped = set_aside_shipments(scenario, kit, &mut receipts);
    let mut orders = dated(Metric::KitsOrdered);
    let from_plan = orders.is_empty();
    if from_plan {
        orders = scenario_orders(scenario, kit, as_of);
    }
    let matched = fifo_matches(&orders, &receipts);
    let n = matched.len();
    if n == 0 {
        return None;
    }
    let kits: u64 = matched.iter().map(|m| m.1).sum();
    let deliveries = format!(
        "{n} deliver{} of {kits} kits",
        if n == 1 { "y" } else { "ies" }
    );
    let mut notes = String::new();
    if shipped > 0 {
        notes.push_str(&format!(", {shipped} shipped kits set aside"));
    }
    if from_plan {
        notes.push_str(", from the scenario's order dates");
    }
    let logs: Vec<f64> = matched.iter().map(|m| (m.0 as f64 + 0.5).ln()).collect();
    let mut distinct: Vec<i64> = matched.iter().map(|m| m.0).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let prior = prior(&spec.lead_time, kit);
    let assumed = spec.lead_time.mean_secs() / DAY_SECS;
    if distinct.len() < MIN_DISTINCT {
        // One lead time seen (`distinct` holds one day count).
        let observed = logs.iter().map(|x| x.exp()).sum::<f64>() / n as f64;
        return Some(Estimate {
            parameter: format!("kit {} lead_time_days", spec.id),
            assumed: Some(assumed),
            mean: observed,
            p05: prior.p05,
            p95: prior.p95,
            basis: format!(
                "too few deliveries: {deliveries}, all of {} d{notes}; the scenario's lead time \
                 stands (its 5–95% range shown)",
                distinct[0]
            ),
            posterior: Posterior::Assumed,
        });
    }
    let posterior = posterior(&logs, prior.log_mean, prior.log_sd);
    let sd = posterior.scale / posterior.kappa.sqrt();
    let half = t_quantile(0.95, posterior.nu) * sd;
    let spread = posterior.scale * posterior.scale / 2.0;
    let mean_days = |mu: f64| (mu + spread).exp();
    Some(Estimate {
        parameter: format!("kit {} lead_time_days", spec.id),
        assumed: Some(assumed),
        mean: mean_days(posterior.mu),
        p05: mean_days(posterior.mu - half),
        p95: mean_days(posterior.mu + half),
        basis: format!("{deliveries}{notes}"),
        posterior: Posterior::LeadTime { kit, posterior },
    })
}

/// The scenario's lead time as a prior: the mean and standard deviation of the log of its
/// draws in days (the latter at least [`LOG_SD_FLOOR`]), and its 5% and 95% quantiles.
struct Prior {
    log_mean: f64,
    log_sd: f64,
    p05: f64,
    p95: f64,
}

fn prior(lead_time: &Dist, kit: usize) -> Prior {
    // A fixed stream of its own: the prior is a property of the scenario, not of a run.
    let mut stream = rng::stream(0, 0, PRIOR_STREAM_BASE + kit as u64);
    let mut days: Vec<f64> = (0..PRIOR_DRAWS)
        .map(|_| (lead_time.sample(&mut stream) / DAY_SECS).max(1.0 / 24.0))
        .collect();
    days.sort_by(f64::total_cmp);
    let logs: Vec<f64> = days.iter().map(|d| d.ln()).collect();
    let n = logs.len() as f64;
    let log_mean = logs.iter().sum::<f64>() / n;
    let log_sd = (logs.iter().map(|x| (x - log_mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let at = |p: f64| days[((p * n) as usize).min(days.len() - 1)];
    Prior {
        log_mean,
        log_sd: log_sd.max(LOG_SD_FLOOR),
        p05: at(0.05),
        p95: at(0.95),
    }
}

/// The normal–inverse-gamma posterior of `logs` from the prior (`mu0`, `sd0`) (module notes).
pub(crate) fn posterior(logs: &[f64], mu0: f64, sd0: f64) -> LogNormalPosterior {
    let n = logs.len() as f64;
    let mean = logs.iter().sum::<f64>() / n;
    let squares: f64 = logs.iter().map(|x| (x - mean).powi(2)).sum();
    let kappa = PRIOR_DELIVERIES + n;
    let nu = PRIOR_DF + n;
    let mu = (PRIOR_DELIVERIES * mu0 + n * mean) / kappa;
    let scatter =
        PRIOR_DF * sd0 * sd0 + squares + PRIOR_DELIVERIES * n / kappa * (mean - mu0) * (mean - mu0);
    LogNormalPosterior {
        mu,
        kappa,
        nu,
        scale: (scatter / nu).sqrt(),
    }
}

/// Sets aside, from `receipts` (by date), the kits of `kit`'s known shipments (module notes);
/// returns how many.
fn set_aside_shipments(scenario: &Scenario, kit: usize, receipts: &mut [(Date, u64)]) -> u64 {
    let mut shipments: Vec<(Date, u64)> = scenario.kits[kit]
        .shipments
        .iter()
        .map(|s| (s.arrives, u64::from(s.quantity)))
        .filter(|s| s.1 > 0)
        .collect();
    shipments.sort();
    let mut set_aside = 0;
    for (arrives, quantity) in shipments {
        let whole = receipts
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.1 == quantity && days_between(arrives, r.0).abs() <= SHIPMENT_WINDOW_DAYS
            })
            .min_by_key(|(_, r)| (days_between(arrives, r.0).abs(), r.0))
            .map(|(index, _)| index);
        if let Some(index) = whole {
            receipts[index].1 = 0;
            set_aside += quantity;
            continue;
        }
        let mut left = quantity;
        for receipt in receipts.iter_mut().filter(|r| r.0 == arrives) {
            let taken = left.min(receipt.1);
            receipt.1 -= taken;
            left -= taken;
            set_aside += taken;
        }
    }
    set_aside
}

/// The dispatch days (through `as_of`) and quantities of the scenario's orders of `kit`.
fn scenario_orders(scenario: &Scenario, kit: usize, as_of: Date) -> Vec<(Date, u64)> {
    let mut orders = Vec::new();
    for order in &scenario.kits[kit].orders {
        let last = order.until.map_or(as_of, |until| until.min(as_of));
        let mut day = order.first;
        while day <= last && order.quantity > 0 {
            orders.push((day, u64::from(order.quantity)));
            match order.every_days {
                Some(every) if every > 0 => day = add_days(day, i64::from(every)),
                _ => break,
            }
        }
    }
    orders.sort();
    orders
}

/// Each matched piece's whole days from order to receipt and its kits, orders and receipts in
/// date order, first in first out.
fn fifo_matches(orders: &[(Date, u64)], receipts: &[(Date, u64)]) -> Vec<(i64, u64)> {
    let mut open: VecDeque<(Date, u64)> = orders.iter().copied().filter(|o| o.1 > 0).collect();
    let mut matched = Vec::new();
    for &(received, mut quantity) in receipts {
        while quantity > 0 {
            let Some(front) = open.front_mut() else { break };
            if front.0 > received {
                break;
            }
            let taken = quantity.min(front.1);
            matched.push((days_between(front.0, received), taken));
            front.1 -= taken;
            quantity -= taken;
            if front.1 == 0 {
                open.pop_front();
            }
        }
    }
    matched
}

pub(super) fn draw_into(
    scenario: &mut Scenario,
    kit: usize,
    posterior: &LogNormalPosterior,
    rng: &mut Pcg64Mcg,
) {
    let Some(spec) = scenario.kits.get_mut(kit) else {
        return;
    };
    let (variance, mu) = draw(posterior, rng);
    let mean_secs = (mu + variance / 2.0).exp() * DAY_SECS;
    let cv = variance.exp_m1().sqrt();
    if let Ok(dist) = Dist::lognormal(mean_secs, cv) {
        spec.lead_time = dist;
    }
}

/// One draw of (σ², μ) from `posterior`.
pub(crate) fn draw(posterior: &LogNormalPosterior, rng: &mut Pcg64Mcg) -> (f64, f64) {
    let scatter = posterior.nu * posterior.scale * posterior.scale;
    let chi = rand_distr::ChiSquared::new(posterior.nu)
        .map(|c| c.sample(rng))
        .unwrap_or(posterior.nu);
    let variance = if chi > 0.0 {
        scatter / chi
    } else {
        posterior.scale * posterior.scale
    };
    let z: f64 = rand_distr::StandardNormal.sample(rng);
    let mu = posterior.mu + (variance / posterior.kappa).sqrt() * z;
    (variance, mu)
}

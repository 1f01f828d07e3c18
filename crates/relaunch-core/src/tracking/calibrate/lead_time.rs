//! A kit's lead time, from the day kits were ordered to the day they were received.
//!
//! Receipts (`kits_received`) are matched first in, first out against the orders
//! (`kits_ordered`, or, when the actuals have none for the kit, the dispatch days of the
//! scenario's orders), an order only to a receipt on or after its day; each matched piece (an
//! order, or the part of it a receipt took) is one observation of d whole days. Receipts of the
//! scenario's known shipments (on their date, up to their quantity) are set aside first, and a
//! receipt with no open order is not a lead time. Orders not yet received are ignored (the
//! estimate is of the deliveries seen, which near as-of favours the quick ones).
//!
//! A delivery received d days after ordering arrived at some time within that day, so the lead
//! time observed is d + ½ days. Their logs have mean m and sample standard deviation s; with
//! the usual flat prior the log-mean μ has the posterior m + s/√n · t(n − 1) (s taken as known
//! for the spread). The mean lead time exp(μ + s²/2) is reported with the 90% interval of μ.
//! At least two deliveries are needed. A draw writes a lognormal lead time with the drawn μ
//! and the log-sd s.

use std::collections::VecDeque;

use jiff::civil::Date;
use rand_pcg::Pcg64Mcg;

use super::{Estimate, Posterior, t_draw, t_quantile};
use crate::Dist;
use crate::actuals::{Actuals, Metric};
use crate::model::Scenario;
use crate::schedule::{DAY_SECS, add_days, days_between};

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
    for shipment in &spec.shipments {
        let mut left = u64::from(shipment.quantity);
        for receipt in receipts.iter_mut().filter(|r| r.0 == shipment.arrives) {
            let taken = left.min(receipt.1);
            receipt.1 -= taken;
            left -= taken;
        }
    }
    let mut orders = dated(Metric::KitsOrdered);
    let from_plan = orders.is_empty();
    if from_plan {
        orders = scenario_orders(scenario, kit, as_of);
    }
    let days = fifo_lead_days(&orders, &receipts);
    let n = days.len();
    if n < 2 {
        return None;
    }
    let logs: Vec<f64> = days.iter().map(|&d| (d as f64 + 0.5).ln()).collect();
    let log_mean = logs.iter().sum::<f64>() / n as f64;
    let log_sd =
        (logs.iter().map(|x| (x - log_mean).powi(2)).sum::<f64>() / (n as f64 - 1.0)).sqrt();
    let half = t_quantile(0.95, n as f64 - 1.0) * log_sd / (n as f64).sqrt();
    let mean_days = |mu: f64| (mu + log_sd * log_sd / 2.0).exp();
    let kits: u64 = receipts.iter().map(|r| r.1).sum();
    let source = if from_plan {
        ", from the scenario's order dates"
    } else {
        ""
    };
    Some(Estimate {
        parameter: format!("kit {} lead_time_days", spec.id),
        assumed: Some(spec.lead_time.mean_secs() / DAY_SECS),
        mean: mean_days(log_mean),
        p05: mean_days(log_mean - half),
        p95: mean_days(log_mean + half),
        basis: format!("{n} deliveries of {kits} kits{source}"),
        posterior: Posterior::LeadTime {
            kit,
            log_mean,
            log_sd,
            n,
        },
    })
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

/// Whole days from order to receipt of each matched piece, orders and receipts in date order,
/// first in first out.
pub(crate) fn fifo_lead_days(orders: &[(Date, u64)], receipts: &[(Date, u64)]) -> Vec<i64> {
    let mut open: VecDeque<(Date, u64)> = orders.iter().copied().filter(|o| o.1 > 0).collect();
    let mut days = Vec::new();
    for &(received, mut quantity) in receipts {
        while quantity > 0 {
            let Some(front) = open.front_mut() else { break };
            if front.0 > received {
                break;
            }
            let taken = quantity.min(front.1);
            days.push(days_between(front.0, received));
            front.1 -= taken;
            quantity -= taken;
            if front.1 == 0 {
                open.pop_front();
            }
        }
    }
    days
}

pub(super) fn draw_into(
    scenario: &mut Scenario,
    kit: usize,
    log_mean: f64,
    log_sd: f64,
    n: usize,
    rng: &mut Pcg64Mcg,
) {
    let Some(spec) = scenario.kits.get_mut(kit) else {
        return;
    };
    let mu = log_mean + log_sd / (n as f64).sqrt() * t_draw(n as f64 - 1.0, rng);
    let mean_secs = (mu + log_sd * log_sd / 2.0).exp() * DAY_SECS;
    let cv = (log_sd * log_sd).exp_m1().sqrt();
    if let Ok(dist) = Dist::lognormal(mean_secs, cv) {
        spec.lead_time = dist;
    }
}

//! The kits as the planner orders them: how many a start uses, the planning lead time (the
//! lead-time law's quantile at the confidence, plus the loop's margin), what arrives whatever the
//! plan (initial stock, known shipments), when the first order may go out, and for each batch the
//! kits the input had by its end.

use relaunch_core::Scenario;
use relaunch_core::model::Slot;
use relaunch_core::schedule::{DAY_SECS, days_between};

use crate::inputs::{Batch, Reference, anchored_day};
use crate::tighten::Tightening;

/// A kit as the planner orders it.
#[derive(Debug, Clone, PartialEq)]
pub struct KitInputs {
    pub id: String,
    /// Kits used per started unit (the release share of the products that use it).
    pub per_start: f64,
    /// Days from an order to its arrival, for planning: the lead time's quantile at the
    /// confidence (its mean without one) plus the margin the loop added.
    pub lead_days: usize,
    /// Kits that arrive regardless of the plan on each day: the initial stock on day 0 and the
    /// known shipments (anchored ones at their task's P50).
    pub arrivals: Vec<f64>,
    /// The first day an order may be placed: the scenario's first order's (anchored at its
    /// task's P50), else day 0.
    pub first_order_day: usize,
    /// The task the scenario's orders follow, with its lag, to write into the plan.
    pub order_anchor: Option<(usize, i32)>,
    /// Price of one kit (1 without `[costs]` or a price: the planner then counts kits).
    pub price: f64,
    /// Cost of holding one kit a day.
    pub carrying_per_day: f64,
    /// Days of starts the stock must cover on a day with starts (a safety stock the loop asks
    /// for when the kit ran out).
    pub cover_days: f64,
    /// For each batch, the kits the input has arrived by its last day (known arrivals, and
    /// orders at their planned day plus the mean lead time): a plan never gives a batch fewer
    /// kits than the input did (its spares are the programme's, for yield and rework).
    pub batch_floor: Vec<f64>,
}

pub(crate) fn kit_inputs(
    scenario: &Scenario,
    reference: &Reference,
    n_days: usize,
    tightening: &Tightening,
    priced: bool,
    costs: &relaunch_core::model::Costs,
    batches: &[Batch],
) -> Vec<KitInputs> {
    let total_mix: f64 = scenario.products.iter().map(|p| p.mix).sum();
    scenario
        .kits
        .iter()
        .enumerate()
        .map(|(index, kit)| {
            let per_start = if total_mix > 0.0 {
                scenario
                    .products
                    .iter()
                    .filter(|product| product.kit == Some(index))
                    .map(|product| product.mix / total_mix)
                    .sum()
            } else {
                0.0
            };
            let mut arrivals = vec![0.0; n_days];
            arrivals[0] += f64::from(kit.initial_stock);
            let mut first_order = kit
                .orders
                .iter()
                .map(|order| days_between(scenario.start, order.first))
                .min()
                .unwrap_or(0);
            let mut order_anchor = None;
            let mut shipment_days: Vec<i64> = kit
                .shipments
                .iter()
                .map(|shipment| days_between(scenario.start, shipment.arrives))
                .collect();
            for anchor in &scenario.programme.anchors {
                let own = anchor
                    .not_before
                    .map(|date| days_between(scenario.start, date));
                match anchor.slot {
                    Slot::KitShipment { kit: k, shipment } if k == index => {
                        shipment_days[shipment] =
                            anchored_day(&reference.task_finish, anchor.task, anchor.lag_days, own);
                    }
                    Slot::KitOrder { kit: k, .. } if k == index => {
                        let day =
                            anchored_day(&reference.task_finish, anchor.task, anchor.lag_days, own);
                        if order_anchor.is_none() {
                            first_order = day;
                            order_anchor = Some((anchor.task, anchor.lag_days));
                        } else {
                            first_order = first_order.min(day);
                        }
                    }
                    _ => {}
                }
            }
            for (shipment, &day) in kit.shipments.iter().zip(&shipment_days) {
                if let Some(slot) = arrivals.get_mut(day.max(0) as usize) {
                    *slot += f64::from(shipment.quantity);
                }
            }
            let mean_lead = (kit.lead_time.mean_secs() / DAY_SECS).ceil() as i64;
            let mut ordered: Vec<(i64, f64)> = Vec::new();
            for (order_index, order) in kit.orders.iter().enumerate() {
                let mut day = days_between(scenario.start, order.first);
                for anchor in &scenario.programme.anchors {
                    if anchor.slot
                        == (Slot::KitOrder {
                            kit: index,
                            order: order_index,
                        })
                    {
                        let own = anchor
                            .not_before
                            .map(|date| days_between(scenario.start, date));
                        day =
                            anchored_day(&reference.task_finish, anchor.task, anchor.lag_days, own);
                    }
                }
                let until = order
                    .until
                    .map_or(n_days as i64, |date| days_between(scenario.start, date));
                loop {
                    ordered.push((day + mean_lead, f64::from(order.quantity)));
                    match order.every_days {
                        Some(every) if every > 0 && day + i64::from(every) <= until => {
                            day += i64::from(every);
                        }
                        _ => break,
                    }
                }
            }
            let batch_floor = batches
                .iter()
                .map(|batch| {
                    let known: f64 = arrivals.iter().take(batch.last + 1).sum();
                    let orders: f64 = ordered
                        .iter()
                        .filter(|&&(arrives, _)| arrives <= batch.last as i64)
                        .map(|&(_, quantity)| quantity)
                        .sum();
                    known + orders
                })
                .collect();
            let margin = tightening.lead_margin_days.get(index).copied().unwrap_or(0);
            let price = if priced {
                kit.unit_price.unwrap_or(0.0)
            } else {
                1.0
            };
            KitInputs {
                id: kit.id.clone(),
                per_start,
                lead_days: (tightening
                    .lead_quantile
                    .map_or(kit.lead_time.mean_secs(), |q| {
                        kit.lead_time.quantile_secs(q)
                    })
                    / DAY_SECS)
                    .ceil() as usize
                    + margin,
                arrivals,
                first_order_day: first_order.clamp(0, n_days as i64) as usize,
                order_anchor,
                price,
                carrying_per_day: price * costs.carrying_per_year / 365.0,
                cover_days: tightening.cover_days.get(index).copied().unwrap_or(0.0),
                batch_floor,
            }
        })
        .collect()
}

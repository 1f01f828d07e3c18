//! The most a scenario's `[costs]` could add up to over the horizon, whatever the draws: the
//! model check refuses a scenario whose bound passes [`MAX_TOTAL`], so that every sum of money
//! a run makes is finite and fits the histograms of whole currency units.
//!
//! The bound takes every day of the horizon with the largest payroll the scenario allows (every
//! person hired in `hires`, since a replacement is hired only after a leaver left; without a
//! workforce, the standing crew at the most shifts of any phase), every kit ordered or shipped
//! arriving within the horizon, and all of them (with the initial stock) in stock every day.

use crate::model::{Calendar, Costs, Kit, Scenario};
use crate::schedule::{DAY_SECS, add_days, days_between};

/// The largest total a scenario's costs may reach over the horizon: well below `u64::MAX`
/// (about 1.8 · 10^19), so totals in whole currency units always fit.
pub const MAX_TOTAL: f64 = 1e18;

/// Each category's largest amount over the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct WorstCase {
    pub labour: f64,
    pub fixed: f64,
    /// Per kit, in the order of `Scenario::kits`.
    pub kits: Vec<f64>,
    pub carrying: f64,
}

impl WorstCase {
    pub fn total(&self) -> f64 {
        self.labour + self.fixed + self.kits.iter().sum::<f64>() + self.carrying
    }
}

/// The worst case of `scenario` under `costs`.
pub fn worst_case(scenario: &Scenario, costs: &Costs) -> WorstCase {
    let days = (scenario.horizon_secs / DAY_SECS).ceil().max(1.0);
    let last_day = add_days(scenario.start, days as i64 - 1);
    let mut kits = Vec::with_capacity(scenario.kits.len());
    let mut carrying = 0.0;
    for kit in &scenario.kits {
        let price = kit.unit_price.unwrap_or(0.0);
        let arrivals = arrivals_at_most(kit, last_day);
        kits.push(arrivals * price);
        carrying += (f64::from(kit.initial_stock) + arrivals) * price;
    }
    WorstCase {
        labour: days * most_heads(scenario) * costs.labour_per_head_day,
        fixed: days * costs.fixed_per_day,
        kits,
        carrying: carrying * costs.carrying_per_year / 365.0 * days,
    }
}

/// The most people on the payroll on any day.
fn most_heads(scenario: &Scenario) -> f64 {
    if let Some(workforce) = &scenario.workforce {
        return workforce
            .hires
            .iter()
            .map(|hire| f64::from(hire.count))
            .sum();
    }
    let operators: f64 = scenario
        .stations
        .iter()
        .map(|station| f64::from(station.operators))
        .sum();
    let shifts = match &scenario.calendar {
        Calendar::AlwaysOn => 1,
        Calendar::Shifts(calendar) => calendar
            .shifts
            .iter()
            .map(|phase| phase.count)
            .max()
            .unwrap_or(0),
    };
    operators * f64::from(shifts)
}

/// The most kits of `kit` that can arrive by `last_day` (the horizon's last): every shipment
/// and every order dispatched on or before it.
fn arrivals_at_most(kit: &Kit, last_day: jiff::civil::Date) -> f64 {
    let shipped: f64 = kit
        .shipments
        .iter()
        .map(|shipment| f64::from(shipment.quantity))
        .sum();
    let ordered: f64 = kit
        .orders
        .iter()
        .map(|order| {
            let end = order.until.map_or(last_day, |until| until.min(last_day));
            let span = days_between(order.first, end);
            if span < 0 {
                return 0.0;
            }
            let dispatches = match order.every_days {
                Some(every) if every > 0 => (span / i64::from(every) + 1) as f64,
                Some(_) => span as f64 + 1.0,
                None => 1.0,
            };
            dispatches * f64::from(order.quantity)
        })
        .sum();
    shipped + ordered
}

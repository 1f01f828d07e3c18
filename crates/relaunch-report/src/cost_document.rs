//! `costs` in the result document: what the horizon costs, by category, per good unit and by
//! day (see `relaunch_core::costs` for what each category counts).

use relaunch_core::costs::{CostForecast, DAILY_DIGITS, Money, TOTAL_DIGITS};
use relaunch_core::montecarlo::Forecast;
use relaunch_core::stats::Estimate;
use serde::{Deserialize, Serialize};

use crate::document::iso;

/// What the horizon costs across replications, in `currency`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CostsDoc {
    pub currency: Option<String>,
    /// How P10/P50/P90 are rounded (means are exact to the cent).
    pub rounding: String,
    /// Labour + fixed + kits + carrying.
    pub total: MoneyDoc,
    pub labour: MoneyDoc,
    pub fixed: MoneyDoc,
    /// Kits paid on arrival within the horizon.
    pub kits: MoneyDoc,
    pub carrying: MoneyDoc,
    /// Memo, already within `kits`: the kit value of the scrapped units.
    pub scrapped_kits: MoneyDoc,
    /// The total divided by the good units of the same replication.
    pub per_good_unit: UnitCostDoc,
    /// Money spent from the start to the end of each day.
    pub cumulative_by_day: Vec<SpendDoc>,
}

/// A sum of money across replications.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MoneyDoc {
    pub mean: f64,
    /// `null` with fewer than two replications.
    pub ci95: Option<[f64; 2]>,
    pub p10: u64,
    pub p50: u64,
    pub p90: u64,
}

/// The cost of one good unit across replications.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitCostDoc {
    /// Over the replications that made a good unit; `null` if none did.
    pub mean: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    /// `null` where the quantile falls among replications without a good unit.
    pub p10: Option<u64>,
    pub p50: Option<u64>,
    pub p90: Option<u64>,
    pub replications_without_good: u64,
}

/// Cumulative spend at the end of a day.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SpendDoc {
    pub date: String,
    pub p10: u64,
    pub p50: u64,
    pub p90: u64,
}

/// Rounds money to the cent.
pub fn cents(value: f64) -> f64 {
    if !value.is_finite() {
        return 0.0;
    }
    (value * 100.0).round() / 100.0
}

fn interval(estimate: &Estimate) -> Option<[f64; 2]> {
    (estimate.count >= 2).then(|| [cents(estimate.low()), cents(estimate.high())])
}

fn money(money: &Money) -> MoneyDoc {
    MoneyDoc {
        mean: cents(money.mean.mean),
        ci95: interval(&money.mean),
        p10: money.fan.p10,
        p50: money.fan.p50,
        p90: money.fan.p90,
    }
}

impl CostsDoc {
    /// `None` without `[costs]`.
    pub fn new(forecast: &Forecast) -> Option<CostsDoc> {
        let costs: &CostForecast = forecast.costs.as_ref()?;
        let unit = &costs.per_good_unit;
        let made_good = unit.mean.count > 0;
        Some(CostsDoc {
            currency: costs.currency.clone(),
            rounding: format!(
                "P10/P50/P90 in whole units to {TOTAL_DIGITS} significant digits, \
                 {DAILY_DIGITS} by day"
            ),
            total: money(&costs.total),
            labour: money(&costs.labour),
            fixed: money(&costs.fixed),
            kits: money(&costs.kits),
            carrying: money(&costs.carrying),
            scrapped_kits: money(&costs.scrapped_kits),
            per_good_unit: UnitCostDoc {
                mean: made_good.then(|| cents(unit.mean.mean)),
                ci95: interval(&unit.mean),
                p10: unit.p10,
                p50: unit.p50,
                p90: unit.p90,
                replications_without_good: unit.without_good,
            },
            cumulative_by_day: forecast
                .daily
                .iter()
                .filter_map(|day| {
                    day.cumulative_spend.map(|fan| SpendDoc {
                        date: iso(day.date),
                        p10: fan.p10,
                        p50: fan.p50,
                        p90: fan.p90,
                    })
                })
                .collect(),
        })
    }
}

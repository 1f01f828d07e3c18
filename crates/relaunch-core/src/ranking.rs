//! The rules that rank compared variants and price what they consume: which milestone a
//! ranking compares, the order of the variants, and the kit spend of a forecast.
//!
//! These are domain rules, computed here once; the report crate only renders their results.

use jiff::civil::Date;

use crate::costs::CostForecast;
use crate::model::Scenario;
use crate::montecarlo::{Forecast, MilestoneForecast};

/// What the ranking compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RankBy {
    /// The P50 date of the ranking milestone (earlier is better), then the mean on-time
    /// probability: the default.
    #[default]
    P50,
    /// The P90 date of the ranking milestone (earlier is better), then the mean on-time
    /// probability.
    P90,
    /// The on-time probability of the ranking milestone (higher is better), then its P50.
    OnTime,
    /// The P50 total cost over the horizon (lower is better; every variant needs `[costs]`,
    /// in one currency), then the P50 date of the ranking milestone; without a shared
    /// milestone, ties keep the order of the variants (the reference first).
    Cost,
}

impl RankBy {
    /// The name used on the command line and in the documents.
    pub fn name(self) -> &'static str {
        match self {
            RankBy::P50 => "p50",
            RankBy::P90 => "p90",
            RankBy::OnTime => "on-time",
            RankBy::Cost => "cost",
        }
    }
}

/// How to rank the variants.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ranking {
    pub by: RankBy,
    /// The milestone to compare; by default the last one of the reference that every variant
    /// has (and, for `on-time`, has a due date in every variant) and at least one reaches.
    pub milestone: Option<String>,
}

/// The variants in ranked order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    /// Indices into the variants, best first.
    pub order: Vec<usize>,
    /// The milestone compared; `None` when ranking by cost and the variants share no
    /// milestone (ties then keep the variants' order).
    pub milestone: Option<String>,
}

/// Why the variants cannot be ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unrankable {
    /// The variants share no milestone (ranking by date).
    NoSharedMilestone,
    /// No milestone with a due date in every variant is shared by all (ranking by on-time).
    NoSharedDueMilestone,
    /// A variant has no `[costs]` (ranking by cost).
    NoCosts,
    /// The variants' costs are in different currencies (ranking by cost).
    CostCurrenciesDiffer,
}

/// The milestone `id` of a forecast.
fn find<'a>(forecast: &'a Forecast, id: &str) -> Option<&'a MilestoneForecast> {
    forecast
        .milestones
        .iter()
        .find(|milestone| milestone.id == id)
}

/// The milestone a ranking by `by` compares when none is named: the last milestone of the
/// reference (the first forecast) that every variant has and at least one reaches, else the
/// last one every variant has. Ranking by on-time probability needs a due date in every variant.
pub fn default_ranking_milestone<'a>(forecasts: &[&'a Forecast], by: RankBy) -> Option<&'a str> {
    let candidates: Vec<&MilestoneForecast> = forecasts
        .first()?
        .milestones
        .iter()
        .filter(|milestone| {
            forecasts.iter().all(|forecast| {
                find(forecast, &milestone.id)
                    .is_some_and(|other| by != RankBy::OnTime || other.due.is_some())
            })
        })
        .collect();
    // A milestone no variant reaches within the horizon cannot separate them.
    let reached = candidates.iter().rev().find(|milestone| {
        forecasts
            .iter()
            .any(|forecast| find(forecast, &milestone.id).is_some_and(|other| other.p50.is_some()))
    });
    reached
        .or(candidates.last())
        .map(|milestone| milestone.id.as_str())
}

/// The mean on-time probability over the milestones of `forecast` that have a due date.
pub fn mean_on_time(forecast: &Forecast) -> Option<f64> {
    let probabilities: Vec<f64> = forecast
        .milestones
        .iter()
        .filter_map(|milestone| milestone.on_time_probability)
        .collect();
    (!probabilities.is_empty())
        .then(|| probabilities.iter().sum::<f64>() / probabilities.len() as f64)
}

/// Ranks the variants' forecasts (the reference first) by `ranking`.
///
/// By date, earlier is better and a milestone not reached at that quantile comes last; ties go
/// by the mean on-time probability (higher first). By on-time probability, higher is better
/// (a milestone without one comes last) and ties go by the P50 date. By cost, the lower P50
/// total cost (to four significant digits) is better and ties go by the P50 date, or, when the
/// variants share no milestone, keep their order; every variant must have costs, in one
/// currency. Equal variants keep their order.
pub fn rank(forecasts: &[&Forecast], ranking: &Ranking) -> Result<Ranked, Unrankable> {
    let chosen = match &ranking.milestone {
        Some(id) => Some(id.as_str()),
        None => default_ranking_milestone(forecasts, ranking.by),
    };
    match (chosen, ranking.by) {
        (None, RankBy::OnTime) => return Err(Unrankable::NoSharedDueMilestone),
        (None, RankBy::P50 | RankBy::P90) => return Err(Unrankable::NoSharedMilestone),
        _ => {}
    }
    if ranking.by == RankBy::Cost {
        let costs: Option<Vec<&CostForecast>> = forecasts
            .iter()
            .map(|forecast| forecast.costs.as_ref())
            .collect();
        let costs = costs.ok_or(Unrankable::NoCosts)?;
        if costs.iter().any(|cost| cost.currency != costs[0].currency) {
            return Err(Unrankable::CostCurrenciesDiffer);
        }
    }
    let date = |forecast: &Forecast, p90: bool| -> Date {
        chosen
            .and_then(|id| find(forecast, id))
            .and_then(|milestone| if p90 { milestone.p90 } else { milestone.p50 })
            .unwrap_or(Date::MAX)
    };
    // Probabilities in millionths, negated so that higher sorts first; none sorts last.
    let descending =
        |probability: Option<f64>| -> i64 { -(probability.unwrap_or(-1.0) * 1e6).round() as i64 };
    let mut order: Vec<usize> = (0..forecasts.len()).collect();
    match ranking.by {
        RankBy::P50 | RankBy::P90 => {
            let p90 = ranking.by == RankBy::P90;
            order.sort_by_key(|&index| {
                (
                    date(forecasts[index], p90),
                    descending(mean_on_time(forecasts[index])),
                )
            });
        }
        RankBy::Cost => {
            order.sort_by_key(|&index| {
                (
                    forecasts[index]
                        .costs
                        .as_ref()
                        .map_or(u64::MAX, |costs| costs.total.fan.p50),
                    date(forecasts[index], false),
                )
            });
        }
        RankBy::OnTime => {
            order.sort_by_key(|&index| {
                (
                    descending(
                        chosen
                            .and_then(|id| find(forecasts[index], id))
                            .and_then(|m| m.on_time_probability),
                    ),
                    date(forecasts[index], false),
                )
            });
        }
    }
    Ok(Ranked {
        order,
        milestone: chosen.map(str::to_string),
    })
}

/// The mean spend on kits per replication within the horizon, in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct KitSpend {
    /// Rounded to whole units of the currency.
    pub amount: f64,
    /// The currency, when the scenario names one.
    pub currency: Option<String>,
}

/// The kit spend of `forecast`: every unit released consumes a kit, attributed to the kits by
/// product mix. `None` when no kit has a price, or when the priced kits are in different
/// currencies (amounts in different currencies are not added up).
pub fn kit_spend(scenario: &Scenario, forecast: &Forecast) -> Option<KitSpend> {
    let total_mix: f64 = scenario.products.iter().map(|product| product.mix).sum();
    let mut spend = 0.0;
    let mut currencies: Vec<Option<String>> = Vec::new();
    for product in &scenario.products {
        let Some(kit) = product.kit.map(|kit_idx| &scenario.kits[kit_idx]) else {
            continue;
        };
        if let Some(price) = kit.unit_price {
            if !currencies.contains(&kit.currency) {
                currencies.push(kit.currency.clone());
            }
            spend += price * forecast.released.mean * product.mix / total_mix;
        }
    }
    match currencies.as_slice() {
        [currency] => Some(KitSpend {
            amount: spend.round(),
            currency: currency.clone(),
        }),
        _ => None,
    }
}

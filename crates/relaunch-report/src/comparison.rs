//! The comparison document of `relaunch compare`: variants side by side on common random
//! numbers, with paired differences to the reference variant (listed first), a ranking by a
//! stated rule, and its text rendering.

use std::path::Path;

use crate::document::ResultDocument;
use relaunch_core::Scenario;
use relaunch_core::compare::VariantResult;
use relaunch_core::localization::timeline;
use serde::Serialize;

mod text;

pub use text::render;

#[derive(Debug, Serialize)]
pub struct CompareDocument {
    pub seed: u64,
    pub replications: u64,
    /// The name of the reference variant: the one differences are paired against. It is
    /// always the first of `variants`.
    pub reference: String,
    /// Whether `--reference` chose the reference (otherwise it is the first file given).
    pub reference_chosen: bool,
    pub variants: Vec<VariantDocument>,
    /// Variant names, best first; empty when the variants cannot be ranked (see `warnings`).
    pub ranking: Vec<String>,
    /// The rule the ranking follows, in words, naming the milestone it compares.
    pub ranking_rule: String,
    /// What the ranking compares: `p50`, `p90` or `on-time`.
    pub rank_by: String,
    /// The milestone the ranking compares, when there is one.
    pub ranking_milestone: Option<String>,
    /// Things the reader must know about the comparison, such as why there is no ranking.
    pub warnings: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct VariantDocument {
    pub name: String,
    pub file: String,
    pub scenario: String,
    pub milestones: Vec<MilestoneDocument>,
    /// Good units per scheduled hour, mean over the runs.
    pub throughput_per_hour: f64,
    pub kit_stockout_days: f64,
    /// Whether the scenario has a localization ledger at all.
    pub has_localization: bool,
    /// First date the localization threshold is met, when the scenario has a ledger.
    pub localization_first_meets: Option<String>,
    /// Mean kit spend per replication within the horizon, where kits have prices, in
    /// `kit_spend_currency`. Absent when the priced kits are in different currencies.
    pub kit_spend: Option<f64>,
    /// The currency of `kit_spend`, when the scenario names one.
    pub kit_spend_currency: Option<String>,
    #[serde(skip)]
    pub document: Option<ResultDocument>,
}

#[derive(Debug, Serialize)]
pub struct MilestoneDocument {
    pub id: String,
    pub due: Option<String>,
    pub p50: Option<String>,
    pub p90: Option<String>,
    pub on_time_probability: Option<f64>,
    /// Share of runs reaching the milestone within the horizon.
    pub reached_fraction: f64,
    /// Mean of the paired per-replication difference in days to the reference, with its 95%
    /// interval; absent for the reference, for a milestone the reference does not have, and
    /// when neither variant reaches the milestone in any run.
    pub difference_days: Option<f64>,
    pub difference_ci95: Option<[f64; 2]>,
}

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
}

impl RankBy {
    /// The name used on the command line and in the document.
    pub fn name(self) -> &'static str {
        match self {
            RankBy::P50 => "p50",
            RankBy::P90 => "p90",
            RankBy::OnTime => "on-time",
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

/// A variant's display name: its file name without the extension.
fn name_of(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// The display names of variants read from `files`: file stems, made unique (`plant`,
/// `plant-2`) when two files share a stem. Names label tables and name report files.
pub fn variant_names(files: &[&Path]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for file in files {
        let base = name_of(file);
        let mut name = base.clone();
        let mut suffix = 1;
        while names.contains(&name) {
            suffix += 1;
            name = format!("{base}-{suffix}");
        }
        names.push(name);
    }
    names
}

/// The index of the variant `id` names: a display name (file stem), else a scenario name
/// that exactly one variant has. The error is a message for the user.
pub fn find_reference(id: &str, files: &[&Path], scenarios: &[Scenario]) -> Result<usize, String> {
    let names = variant_names(files);
    if let Some(index) = names.iter().position(|n| n == id) {
        return Ok(index);
    }
    let by_scenario: Vec<usize> = (0..scenarios.len())
        .filter(|&i| scenarios[i].name == id)
        .collect();
    match by_scenario.as_slice() {
        [index] => Ok(*index),
        [] => Err(format!(
            "error: `--reference {id}` names no variant; use a file stem ({}) or a scenario name",
            names.join(", ")
        )),
        _ => Err(format!(
            "error: `--reference {id}`: {} variants have this scenario name; use a file stem ({})",
            by_scenario.len(),
            names.join(", ")
        )),
    }
}

/// Checks a ranking request against the scenarios before any run: an explicit milestone must
/// exist in every variant, and have a due date in every variant to rank by on-time
/// probability. The error is a message for the user.
pub fn check_ranking(ranking: &Ranking, scenarios: &[Scenario]) -> Result<(), String> {
    let Some(id) = &ranking.milestone else {
        return Ok(());
    };
    for scenario in scenarios {
        match scenario.milestones.iter().find(|m| &m.id == id) {
            None => {
                return Err(format!(
                    "error: `--milestone {id}`: scenario \"{}\" has no such milestone",
                    scenario.name
                ));
            }
            Some(m) if ranking.by == RankBy::OnTime && m.due.is_none() => {
                return Err(format!(
                    "error: `--rank-by on-time --milestone {id}`: in scenario \"{}\" the \
                     milestone has no due date, so it has no on-time probability",
                    scenario.name
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

pub fn variant(file: &Path, scenario: &Scenario, result: &VariantResult) -> VariantDocument {
    let forecast = &result.forecast;
    let milestones = forecast
        .milestones
        .iter()
        .map(|m| {
            let difference = result.differences.iter().find(|d| d.milestone == m.id);
            MilestoneDocument {
                id: m.id.clone(),
                due: m.due.map(|d| d.to_string()),
                p50: m.p50.map(|d| d.to_string()),
                p90: m.p90.map(|d| d.to_string()),
                on_time_probability: m.on_time_probability,
                reached_fraction: round3(m.reached_fraction),
                difference_days: difference.map(|d| round3(d.days.mean)),
                difference_ci95: difference.map(|d| [round3(d.days.low()), round3(d.days.high())]),
            }
        })
        .collect();
    let localization_first_meets = scenario.localization.as_ref().and_then(|localization| {
        let end = relaunch_core::schedule::add_days(scenario.start, forecast.daily.len() as i64);
        timeline(localization, scenario.start, end)
            .first_meets
            .map(|d| d.to_string())
    });
    // Kits consumed are units released; spend is attributed by product mix when several kits.
    let (kit_spend, kit_spend_currency) = {
        let total_mix: f64 = scenario.products.iter().map(|p| p.mix).sum();
        let mut spend = 0.0;
        let mut currencies: Vec<Option<String>> = Vec::new();
        for product in &scenario.products {
            let Some(kit) = product.kit.map(|k| &scenario.kits[k]) else {
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
            [] => (None, None),
            // Amounts in different currencies are not added up.
            [currency] => (Some(spend.round()), currency.clone()),
            _ => (None, None),
        }
    };
    VariantDocument {
        name: name_of(file),
        file: file.display().to_string(),
        scenario: scenario.name.clone(),
        milestones,
        throughput_per_hour: round3(forecast.throughput_per_hour.mean),
        kit_stockout_days: round3(forecast.kit_stockout_days.mean),
        has_localization: scenario.localization.is_some(),
        localization_first_meets,
        kit_spend,
        kit_spend_currency,
        document: Some(ResultDocument::new(scenario, forecast, None)),
    }
}

/// Rounds to three decimals; a negative zero (a tiny negative mean) becomes zero.
fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0 + 0.0
}

/// An amount of money with its currency: "523.5 M RUB", "12,400 USD".
pub fn money(amount: f64, currency: Option<&str>) -> String {
    let number = if amount.abs() >= 1e6 {
        format!("{} M", crate::words::count(amount / 1e6))
    } else {
        let whole = format!("{:.0}", amount.abs());
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if amount < -0.5 {
            format!("-{grouped}")
        } else {
            grouped
        }
    };
    format!("{number} {}", currency.unwrap_or("(currency not given)"))
}

/// The milestone the default ranking compares: the last milestone of the reference that every
/// variant has and at least one reaches, else the last one every variant has.
pub fn ranking_milestone(variants: &[VariantDocument]) -> Option<&str> {
    choose_milestone(variants, RankBy::P50)
}

/// The milestone `id` of variant `v`.
fn find<'a>(v: &'a VariantDocument, id: &str) -> Option<&'a MilestoneDocument> {
    v.milestones.iter().find(|o| o.id == id)
}

fn choose_milestone(variants: &[VariantDocument], by: RankBy) -> Option<&str> {
    let candidates: Vec<&MilestoneDocument> = variants
        .first()?
        .milestones
        .iter()
        .filter(|m| {
            variants
                .iter()
                .all(|v| find(v, &m.id).is_some_and(|o| by != RankBy::OnTime || o.due.is_some()))
        })
        .collect();
    // A milestone no variant reaches within the horizon cannot separate them.
    let reached = candidates.iter().rev().find(|m| {
        variants
            .iter()
            .any(|v| find(v, &m.id).is_some_and(|o| o.p50.is_some()))
    });
    reached.or(candidates.last()).map(|m| m.id.as_str())
}

impl VariantDocument {
    /// The mean on-time probability over the milestones that have a due date.
    pub fn mean_on_time(&self) -> Option<f64> {
        let probabilities: Vec<f64> = self
            .milestones
            .iter()
            .filter_map(|m| m.on_time_probability)
            .collect();
        (!probabilities.is_empty())
            .then(|| probabilities.iter().sum::<f64>() / probabilities.len() as f64)
    }
}

/// Ranks the variants by `ranking`: the indices best first, the milestone compared and the
/// rule in words; or a warning when there is nothing to compare.
fn rank(
    variants: &[VariantDocument],
    ranking: &Ranking,
) -> Result<(Vec<usize>, String, String), String> {
    let chosen = match &ranking.milestone {
        Some(id) => Some(id.as_str()),
        None => choose_milestone(variants, ranking.by),
    };
    let Some(id) = chosen else {
        return Err(match ranking.by {
            RankBy::OnTime => {
                "no ranking: no milestone with a due date is shared by every variant".to_string()
            }
            _ => "no ranking: the variants share no milestone".to_string(),
        });
    };
    let date = |v: &VariantDocument, p90: bool| -> String {
        find(v, id)
            .and_then(|m| if p90 { m.p90.clone() } else { m.p50.clone() })
            .unwrap_or_else(|| "9999-12-31".to_string())
    };
    let permille = |p: Option<f64>| -> i64 { -(p.unwrap_or(-1.0) * 1e6).round() as i64 };
    let mut order: Vec<usize> = (0..variants.len()).collect();
    let rule = match ranking.by {
        RankBy::P50 | RankBy::P90 => {
            let p90 = ranking.by == RankBy::P90;
            order.sort_by_key(|&i| {
                (
                    date(&variants[i], p90),
                    permille(variants[i].mean_on_time()),
                )
            });
            format!(
                "by the {} date of {id} (earlier is better; not reached is last), ties by the mean \
                 on-time probability over the milestones with a due date",
                if p90 { "P90" } else { "P50" }
            )
        }
        RankBy::OnTime => {
            order.sort_by_key(|&i| {
                (
                    permille(find(&variants[i], id).and_then(|m| m.on_time_probability)),
                    date(&variants[i], false),
                )
            });
            format!(
                "by the on-time probability of {id} (higher is better), ties by its P50 date \
                 (earlier is better)"
            )
        }
    };
    Ok((order, id.to_string(), rule))
}

impl CompareDocument {
    /// Builds the document from the variants' files, scenarios and results, the first being
    /// the reference, ranked by the default rule.
    pub fn new(
        files: &[&Path],
        scenarios: &[Scenario],
        results: &[VariantResult],
        seed: u64,
        replications: u64,
    ) -> Self {
        Self::ranked(
            files,
            scenarios,
            results,
            seed,
            replications,
            &Ranking::default(),
        )
    }

    /// Builds the document as [`CompareDocument::new`], ranked by `ranking`.
    pub fn ranked(
        files: &[&Path],
        scenarios: &[Scenario],
        results: &[VariantResult],
        seed: u64,
        replications: u64,
        ranking: &Ranking,
    ) -> Self {
        let names = variant_names(files);
        // Variants are paired with their scenarios and results by position, never by name:
        // variants that inherit one `name` through `extends` stay apart.
        let mut variants: Vec<VariantDocument> = files
            .iter()
            .zip(scenarios)
            .zip(results)
            .zip(names)
            .map(|(((file, scenario), result), name)| VariantDocument {
                name,
                ..variant(file, scenario, result)
            })
            .collect();
        // A difference between two variants that never reach a milestone says nothing.
        if let Some((reference, others)) = variants.split_first_mut() {
            for v in others {
                for m in &mut v.milestones {
                    let reference_reach = reference
                        .milestones
                        .iter()
                        .find(|r| r.id == m.id)
                        .map_or(0.0, |r| r.reached_fraction);
                    if m.reached_fraction == 0.0 && reference_reach == 0.0 {
                        m.difference_days = None;
                        m.difference_ci95 = None;
                    }
                }
            }
        }
        let mut warnings = Vec::new();
        let (ranking_names, ranking_milestone, ranking_rule) = match rank(&variants, ranking) {
            Ok((order, milestone, rule)) => (
                order.iter().map(|&i| variants[i].name.clone()).collect(),
                Some(milestone),
                rule,
            ),
            Err(warning) => {
                warnings.push(warning.clone());
                (Vec::new(), None, warning)
            }
        };
        CompareDocument {
            seed,
            replications,
            reference: variants.first().map(|v| v.name.clone()).unwrap_or_default(),
            reference_chosen: false,
            ranking: ranking_names,
            ranking_rule,
            rank_by: ranking.by.name().to_string(),
            ranking_milestone,
            warnings,
            variants,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::money;

    #[test]
    fn money_carries_its_currency() {
        assert_eq!(money(523_456_789.0, Some("USD")), "523.5 M USD");
        assert_eq!(money(2_000_000.0, Some("RUB")), "2 M RUB");
        assert_eq!(money(12_400.0, Some("RUB")), "12,400 RUB");
        assert_eq!(money(950.0, None), "950 (currency not given)");
    }
}

//! The comparison document of `relaunch compare`: variants side by side on common random
//! numbers, with paired differences to the reference variant (listed first), the ranking the
//! core computed with its rule in words, and its text rendering.

use std::path::Path;

use crate::document::ResultDocument;
use relaunch_core::Scenario;
use relaunch_core::compare::VariantResult;
use relaunch_core::ranking::{RankBy, Ranked, Ranking, Unrankable, kit_spend, rank};
use serde::Serialize;

mod cost_column;
mod text;

pub use cost_column::CostColumn;
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
    /// What the ranking compares: `p50`, `p90`, `on-time` or `cost`.
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
    /// What the horizon costs, when the scenario has `[costs]`.
    pub cost: Option<VariantCost>,
    #[serde(skip)]
    pub document: Option<ResultDocument>,
}

/// A variant's costs over the horizon (see `costs` in the result document).
#[derive(Debug, Serialize)]
pub struct VariantCost {
    pub currency: Option<String>,
    /// Mean total cost per run.
    pub total_mean: f64,
    /// P50 total cost (whole units, four significant digits): what `--rank-by cost` compares.
    pub total_p50: u64,
    /// Mean cost of a good unit over the runs that made one.
    pub per_good_unit_mean: Option<f64>,
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

/// The document of one variant; its kit spend and localization date come from the core's rules.
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
    let localization_first_meets = relaunch_core::localization::ledger(scenario)
        .and_then(|ledger| ledger.first_meets.map(|date| date.to_string()));
    let spend = kit_spend(scenario, forecast);
    VariantDocument {
        name: name_of(file),
        file: file.display().to_string(),
        scenario: scenario.name.clone(),
        milestones,
        throughput_per_hour: round3(forecast.throughput_per_hour.mean),
        kit_stockout_days: round3(forecast.kit_stockout_days.mean),
        has_localization: scenario.localization.is_some(),
        localization_first_meets,
        kit_spend: spend.as_ref().map(|spend| spend.amount),
        kit_spend_currency: spend.and_then(|spend| spend.currency),
        cost: forecast.costs.as_ref().map(|costs| VariantCost {
            currency: costs.currency.clone(),
            total_mean: crate::cost_document::cents(costs.total.mean.mean),
            total_p50: costs.total.fan.p50,
            per_good_unit_mean: (costs.per_good_unit.mean.count > 0)
                .then(|| crate::cost_document::cents(costs.per_good_unit.mean.mean)),
        }),
        document: Some(ResultDocument::new(scenario, forecast, None)),
    }
}

/// Rounds to three decimals; a negative zero (a tiny negative mean) becomes zero.
fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0 + 0.0
}

pub use crate::words::money;

/// The ranking rule in words, naming the milestone it compares (`None`: ranking by cost when
/// the variants share no milestone).
fn ranking_rule(by: RankBy, milestone: Option<&str>) -> String {
    let Some(milestone) = milestone else {
        return "by the P50 total cost over the horizon (lower is better), ties in the order \
                the variants were given, the reference first (they share no milestone)"
            .to_string();
    };
    match by {
        RankBy::P50 | RankBy::P90 => format!(
            "by the {} date of {milestone} (earlier is better; not reached is last), ties by the \
             mean on-time probability over the milestones with a due date",
            if by == RankBy::P90 { "P90" } else { "P50" }
        ),
        RankBy::OnTime => format!(
            "by the on-time probability of {milestone} (higher is better), ties by its P50 date \
             (earlier is better)"
        ),
        RankBy::Cost => format!(
            "by the P50 total cost over the horizon (lower is better), ties by the P50 date of \
             {milestone} (earlier is better)"
        ),
    }
}

/// The warning given instead of a ranking.
fn unrankable_warning(why: Unrankable) -> String {
    match why {
        Unrankable::NoSharedDueMilestone => {
            "no ranking: no milestone with a due date is shared by every variant".to_string()
        }
        Unrankable::NoSharedMilestone => "no ranking: the variants share no milestone".to_string(),
        Unrankable::NoCosts => "no ranking by cost: a variant has no [costs] table".to_string(),
        Unrankable::CostCurrenciesDiffer => {
            "no ranking by cost: the variants' costs are in different currencies".to_string()
        }
    }
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

/// What a comparison ran on: the variants' files, display names and scenarios, the reference
/// first, with the seed and replications.
pub struct CompareInputs<'a> {
    pub files: &'a [&'a Path],
    pub names: Vec<String>,
    pub scenarios: &'a [Scenario],
    pub seed: u64,
    pub replications: u64,
}

impl CompareDocument {
    /// Builds the document from the variants' files, scenarios and results, the first being
    /// the reference, ranked by the default rule; the names are the file stems.
    pub fn new(
        files: &[&Path],
        scenarios: &[Scenario],
        results: &[VariantResult],
        seed: u64,
        replications: u64,
    ) -> Self {
        let forecasts: Vec<&relaunch_core::montecarlo::Forecast> =
            results.iter().map(|result| &result.forecast).collect();
        let ranking = Ranking::default();
        let ranked = rank(&forecasts, &ranking);
        let inputs = CompareInputs {
            files,
            names: variant_names(files),
            scenarios,
            seed,
            replications,
        };
        Self::ranked(&inputs, results, &ranking, ranked)
    }

    /// Builds the document of `results` (in the order of `inputs`) with the ranking the core
    /// computed by `ranking`.
    pub fn ranked(
        inputs: &CompareInputs<'_>,
        results: &[VariantResult],
        ranking: &Ranking,
        ranked: Result<Ranked, Unrankable>,
    ) -> Self {
        let CompareInputs {
            files,
            names,
            scenarios,
            seed,
            replications,
        } = inputs;
        let (seed, replications) = (*seed, *replications);
        let names = names.clone();
        // Variants are paired with their scenarios and results by position, never by name:
        // variants that inherit one `name` through `extends` stay apart.
        let mut variants: Vec<VariantDocument> = files
            .iter()
            .zip(scenarios.iter())
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
        let (ranking_names, ranking_milestone, ranking_rule) = match ranked {
            Ok(ranked) => {
                let rule = ranking_rule(ranking.by, ranked.milestone.as_deref());
                let names = ranked
                    .order
                    .iter()
                    .map(|&index| variants[index].name.clone())
                    .collect();
                (names, ranked.milestone, rule)
            }
            Err(why) => {
                let warning = unrankable_warning(why);
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

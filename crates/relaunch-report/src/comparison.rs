//! The comparison document of `relaunch compare`: variants side by side on common random
//! numbers, with paired differences to the first variant, a ranking, and its text rendering.

use std::fmt::Write;
use std::path::Path;

use crate::document::ResultDocument;
use relaunch_core::Scenario;
use relaunch_core::compare::VariantResult;
use relaunch_core::localization::timeline;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CompareDocument {
    pub seed: u64,
    pub replications: u64,
    pub variants: Vec<VariantDocument>,
    /// Variant names, best first.
    pub ranking: Vec<String>,
    pub ranking_rule: String,
}

#[derive(Debug, Serialize)]
pub struct VariantDocument {
    pub name: String,
    pub file: String,
    pub scenario: String,
    pub milestones: Vec<MilestoneDocument>,
    pub throughput_per_hour: f64,
    pub kit_stockout_days: f64,
    /// Whether the scenario has a localization ledger at all.
    pub has_localization: bool,
    /// First date the localization threshold is met, when the scenario has a ledger.
    pub localization_first_meets: Option<String>,
    /// Mean kit spend per replication within the horizon, where kits have prices.
    pub kit_spend: Option<f64>,
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
    /// Mean of the paired per-replication difference in days to the first variant, with its
    /// 95% interval; absent for the first variant or a milestone it does not have.
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
    let kit_spend = {
        let total_mix: f64 = scenario.products.iter().map(|p| p.mix).sum();
        let mut spend = 0.0;
        let mut priced = false;
        for product in &scenario.products {
            if let Some(price) = product.kit.and_then(|k| scenario.kits[k].unit_price) {
                priced = true;
                spend += price * forecast.released.mean * product.mix / total_mix;
            }
        }
        priced.then(|| spend.round())
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
        document: Some(ResultDocument::new(scenario, forecast, None)),
    }
}

/// A signed number with one decimal, never "-0.0".
fn signed1(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0 + 0.0;
    format!("{rounded:+.1}")
}

/// Rounds to three decimals; a negative zero (a tiny negative mean) becomes zero.
fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0 + 0.0
}

/// The milestone the ranking compares: the last milestone of the first variant that every
/// variant has and at least one reaches within the horizon.
pub fn ranking_milestone(variants: &[VariantDocument]) -> Option<&str> {
    variants
        .first()?
        .milestones
        .iter()
        .rev()
        .find(|m| {
            let shared = variants
                .iter()
                .all(|v| v.milestones.iter().any(|o| o.id == m.id));
            // A milestone no variant reaches within the horizon cannot separate them.
            let reached = variants
                .iter()
                .any(|v| v.milestones.iter().any(|o| o.id == m.id && o.p50.is_some()));
            shared && reached
        })
        .map(|m| m.id.as_str())
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

/// Indices of variants, best first: the P50 of the last milestone every variant has (earlier
/// wins, "not reached" last), then the mean on-time probability.
pub fn rank(variants: &[VariantDocument]) -> Vec<usize> {
    let shared = ranking_milestone(variants);
    let key = |v: &VariantDocument| -> (String, i64) {
        let p50 = shared
            .and_then(|id| v.milestones.iter().find(|m| m.id == id))
            .and_then(|m| m.p50.clone())
            .unwrap_or_else(|| "9999-12-31".to_string());
        let mean = v.mean_on_time().unwrap_or(0.0);
        (p50, -(mean * 1e6).round() as i64)
    };
    let mut order: Vec<usize> = (0..variants.len()).collect();
    order.sort_by_key(|&i| key(&variants[i]));
    order
}

pub fn render(document: &CompareDocument) -> String {
    let mut out = String::new();
    writeln!(
        out,
        "Compare — {} variants, {} replications each, seed {} (common random numbers: replication i of every variant draws the same streams)",
        document.variants.len(),
        document.replications,
        document.seed
    )
    .ok();
    let first = &document.variants[0];
    let ids: Vec<String> = first.milestones.iter().map(|m| m.id.clone()).collect();
    for id in &ids {
        writeln!(out).ok();
        let due = first
            .milestones
            .iter()
            .find(|m| &m.id == id)
            .and_then(|m| m.due.clone());
        writeln!(
            out,
            "{id}{}",
            due.map_or(String::new(), |d| format!(" (due {d})"))
        )
        .ok();
        writeln!(
            out,
            "  {:<22} {:>10} {:>10} {:>8}   paired Δ vs first, days (95% CI)",
            "variant", "P50", "P90", "on time"
        )
        .ok();
        for v in &document.variants {
            let Some(m) = v.milestones.iter().find(|m| &m.id == id) else {
                continue;
            };
            let difference = match (m.difference_days, m.difference_ci95) {
                (Some(mean), Some([low, high])) => {
                    format!("{} ({} … {})", signed1(mean), signed1(low), signed1(high))
                }
                _ => "—".to_string(),
            };
            writeln!(
                out,
                "  {:<22} {:>10} {:>10} {:>8}   {}",
                v.name,
                m.p50.clone().unwrap_or_else(|| "not yet".to_string()),
                m.p90.clone().unwrap_or_else(|| "not yet".to_string()),
                m.on_time_probability
                    .map_or("-".to_string(), |p| format!("{:.0}%", p * 100.0)),
                difference
            )
            .ok();
        }
    }
    writeln!(out).ok();
    writeln!(
        out,
        "  {:<22} {:>12} {:>12} {:>14} {:>16}",
        "variant", "cars/hour", "kit-out days", "localization", "kit spend"
    )
    .ok();
    for v in &document.variants {
        writeln!(
            out,
            "  {:<22} {:>12.2} {:>12.1} {:>14} {:>16}",
            v.name,
            v.throughput_per_hour,
            v.kit_stockout_days,
            match (&v.localization_first_meets, v.has_localization) {
                (Some(date), _) => date.clone(),
                (None, true) => "never".to_string(),
                (None, false) => "-".to_string(),
            },
            v.kit_spend
                .map_or("-".to_string(), |s| format!("{:.1} M", s / 1e6)),
        )
        .ok();
    }
    writeln!(out).ok();
    writeln!(out, "Ranking ({}):", document.ranking_rule).ok();
    for (place, name) in document.ranking.iter().enumerate() {
        writeln!(out, "  {}. {}", place + 1, name).ok();
    }
    out
}

impl CompareDocument {
    /// Builds the document from the variants' files, scenarios and results.
    pub fn new(
        files: &[&Path],
        scenarios: &[Scenario],
        results: &[VariantResult],
        seed: u64,
        replications: u64,
    ) -> Self {
        let mut variants: Vec<VariantDocument> = files
            .iter()
            .zip(scenarios)
            .zip(results)
            .map(|((file, scenario), result)| variant(file, scenario, result))
            .collect();
        // Names label tables and name each variant's report file: make them unique
        // (`plant`, `plant-2`) when two files share a name.
        for index in 1..variants.len() {
            let base = variants[index].name.clone();
            let mut suffix = 1;
            while variants[..index]
                .iter()
                .any(|v| v.name == variants[index].name)
            {
                suffix += 1;
                variants[index].name = format!("{base}-{suffix}");
            }
        }
        let ranking = rank(&variants);
        CompareDocument {
            seed,
            replications,
            ranking: ranking.iter().map(|&i| variants[i].name.clone()).collect(),
            ranking_rule: "P50 of the last milestone all variants share and at least one reaches (earlier is better; not reached is last), then mean on-time probability"
                .to_string(),
            variants,
        }
    }
}

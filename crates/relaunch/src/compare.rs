//! `relaunch compare`: variants (say, partner options made with `extends`) side by side on the
//! same random numbers, with paired differences to the first variant and a ranking.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use relaunch_core::Scenario;
use relaunch_core::compare::{VariantResult, compare};
use relaunch_core::localization::timeline;
use relaunch_report::ResultDocument;
use serde::Serialize;

use crate::simulate::RunOptions;

#[derive(Debug, Serialize)]
struct CompareDocument {
    seed: u64,
    replications: u64,
    variants: Vec<VariantDocument>,
    /// Variant names, best first.
    ranking: Vec<String>,
    ranking_rule: String,
}

#[derive(Debug, Serialize)]
struct VariantDocument {
    name: String,
    file: String,
    scenario: String,
    milestones: Vec<MilestoneDocument>,
    throughput_per_hour: f64,
    kit_stockout_days: f64,
    /// First date the localization threshold is met, when the scenario has a ledger.
    localization_first_meets: Option<String>,
    /// Mean kit spend per replication within the horizon, where kits have prices.
    kit_spend: Option<f64>,
    #[serde(skip)]
    document: Option<ResultDocument>,
}

#[derive(Debug, Serialize)]
struct MilestoneDocument {
    id: String,
    due: Option<String>,
    p50: Option<String>,
    p90: Option<String>,
    on_time_probability: Option<f64>,
    /// Mean of the paired per-replication difference in days to the first variant, with its
    /// 95% interval; absent for the first variant or a milestone it does not have.
    difference_days: Option<f64>,
    difference_ci95: Option<[f64; 2]>,
}

/// A variant's display name: its file name without the extension.
fn name_of(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// `relaunch compare A B ...`.
pub fn run(
    files: &[PathBuf],
    scenarios: &[Scenario],
    options: &RunOptions,
    json: bool,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    let first = &scenarios[0];
    let replications = options
        .replications
        .unwrap_or(u64::from(first.replications))
        .max(1);
    let seed = options.seed.unwrap_or(first.seed);
    let pool = crate::simulate::pool(options.threads)?;
    let bar = ProgressBar::new(replications);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} compare: [{bar:30}] {pos}/{len} replications of every variant, {eta} left",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let refs: Vec<&Scenario> = scenarios.iter().collect();
    let results =
        pool.install(|| compare(&refs, seed, replications, &|done| bar.set_position(done)));
    bar.finish_and_clear();
    let variants: Vec<VariantDocument> = files
        .iter()
        .zip(scenarios)
        .zip(&results)
        .map(|((file, scenario), result)| variant(file, scenario, result))
        .collect();
    let ranking = rank(&variants);
    let document = CompareDocument {
        seed,
        replications,
        ranking: ranking.iter().map(|&i| variants[i].name.clone()).collect(),
        ranking_rule: "latest P50 of the last milestone all variants share (earlier is better), then mean on-time probability".to_string(),
        variants,
    };
    let text = serde_json::to_string_pretty(&document)? + "\n";
    if json {
        crate::output::print(&text)?;
    } else {
        crate::output::print(&render(&document))?;
    }
    if let Some(dir) = out {
        std::fs::create_dir_all(dir)?;
        crate::output::write_atomic(&dir.join("compare.json"), text.as_bytes())?;
        for variant in &document.variants {
            if let (Some(result), Some(scenario)) = (
                &variant.document,
                scenarios.iter().find(|s| s.name == variant.scenario),
            ) {
                let html = relaunch_report::html::Report::new(result)
                    .scenario(scenario)
                    .version(env!("CARGO_PKG_VERSION"))
                    .scenario_file(variant.file.clone())
                    .html();
                crate::output::write_atomic(
                    &dir.join(format!("{}.report.html", variant.name)),
                    html.as_bytes(),
                )?;
            }
        }
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

fn variant(file: &Path, scenario: &Scenario, result: &VariantResult) -> VariantDocument {
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
        let end = crate::localization::horizon_end(scenario.start, scenario.horizon_secs);
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
        localization_first_meets,
        kit_spend,
        document: Some(ResultDocument::new(scenario, forecast, None)),
    }
}

fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// Indices of variants, best first: the P50 of the last milestone every variant has (earlier
/// wins, "not reached" last), then the mean on-time probability.
fn rank(variants: &[VariantDocument]) -> Vec<usize> {
    let shared: Option<String> = variants[0]
        .milestones
        .iter()
        .rev()
        .find(|m| {
            variants
                .iter()
                .all(|v| v.milestones.iter().any(|o| o.id == m.id))
        })
        .map(|m| m.id.clone());
    let key = |v: &VariantDocument| -> (String, i64) {
        let p50 = shared
            .as_ref()
            .and_then(|id| v.milestones.iter().find(|m| &m.id == id))
            .and_then(|m| m.p50.clone())
            .unwrap_or_else(|| "9999-12-31".to_string());
        let probabilities: Vec<f64> = v
            .milestones
            .iter()
            .filter_map(|m| m.on_time_probability)
            .collect();
        let mean = if probabilities.is_empty() {
            0.0
        } else {
            probabilities.iter().sum::<f64>() / probabilities.len() as f64
        };
        (p50, -(mean * 1e6).round() as i64)
    };
    let mut order: Vec<usize> = (0..variants.len()).collect();
    order.sort_by_key(|&i| key(&variants[i]));
    order
}

fn render(document: &CompareDocument) -> String {
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
                (Some(mean), Some([low, high])) => format!("{mean:+.1} ({low:+.1} … {high:+.1})"),
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
            v.localization_first_meets
                .clone()
                .unwrap_or_else(|| "never".to_string()),
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

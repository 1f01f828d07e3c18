//! `relaunch why`: how many days of each milestone's delay each factor causes (Shapley values
//! over common random numbers), as a ranked table or JSON.

use std::fmt::Write;

use indicatif::{ProgressBar, ProgressStyle};
use relaunch_core::Scenario;
use relaunch_core::schedule::add_days;
use relaunch_core::why::{FACTORS, MilestoneWhy, Why, why};
use serde::Serialize;

use crate::simulate::RunOptions;

/// What each factor's relaxation means, for the table's footnote.
const MEANINGS: [(&str, &str); 5] = [
    ("supply", "kits unlimited and on hand"),
    ("staffing", "every hire trained on day 0, no attrition"),
    ("equipment", "no breakdowns"),
    ("quality", "first-pass yield 1: no rework, no scrap"),
    ("learning", "standard cycle times from the first unit"),
];

#[derive(Debug, Serialize)]
struct WhyDocument {
    scenario: String,
    seed: u64,
    replications: u64,
    milestones: Vec<MilestoneDocument>,
}

#[derive(Debug, Serialize)]
struct MilestoneDocument {
    id: String,
    due: Option<String>,
    p50: String,
    ideal_p50: String,
    total_days: i64,
    /// The P50 lies beyond the horizon: the delay is at least `total_days`.
    beyond_horizon: bool,
    factors: Vec<FactorDocument>,
}

#[derive(Debug, Serialize)]
struct FactorDocument {
    factor: String,
    days: f64,
}

/// `relaunch why FILE`.
pub fn run(
    scenario: &Scenario,
    options: &RunOptions,
    milestone: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    if let Some(wanted) = milestone
        && !scenario.milestones.iter().any(|m| m.id == wanted)
    {
        let known: Vec<&str> = scenario.milestones.iter().map(|m| m.id.as_str()).collect();
        anyhow::bail!(crate::UserError(format!(
            "no milestone `{wanted}` in scenario \"{}\"; its milestones are: {}",
            scenario.name,
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        )));
    }
    if scenario.milestones.is_empty() {
        anyhow::bail!(crate::UserError(format!(
            "scenario \"{}\" has no [[milestone]]: `why` explains the delay of milestones",
            scenario.name
        )));
    }
    let replications = options
        .replications
        .unwrap_or(u64::from(scenario.replications))
        .max(1);
    let seed = options.seed.unwrap_or(scenario.seed);
    let pool = crate::simulate::pool(options.threads)?;
    let bar = ProgressBar::new(1 << FACTORS.len());
    bar.set_style(
        ProgressStyle::with_template("{spinner} why: {pos}/{len} relaxation subsets, {eta} left")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let result = pool.install(|| why(scenario, seed, replications, &|done| bar.set_position(done)));
    bar.finish_and_clear();
    let chosen: Vec<&MilestoneWhy> = result
        .milestones
        .iter()
        .filter(|m| milestone.is_none_or(|wanted| m.id == wanted))
        .collect();
    let text = if json {
        let document = WhyDocument {
            scenario: scenario.name.clone(),
            seed,
            replications,
            milestones: chosen
                .iter()
                .map(|m| milestone_document(scenario, m))
                .collect(),
        };
        serde_json::to_string_pretty(&document)? + "\n"
    } else {
        render(scenario, &result, &chosen, seed, replications)
    };
    crate::output::print(&text)
}

fn date(scenario: &Scenario, day: i64) -> String {
    add_days(scenario.start, day).to_string()
}

fn milestone_document(scenario: &Scenario, m: &MilestoneWhy) -> MilestoneDocument {
    MilestoneDocument {
        id: m.id.clone(),
        due: m.due.map(|d| d.to_string()),
        p50: date(scenario, m.p50_day),
        ideal_p50: date(scenario, m.ideal_p50_day),
        total_days: m.total_days(),
        beyond_horizon: m.censored,
        factors: m
            .factors
            .iter()
            .map(|f| FactorDocument {
                factor: f.factor.to_string(),
                days: f.days(),
            })
            .collect(),
    }
}

/// The one-line verdict for a milestone.
pub fn verdict(m: &MilestoneWhy) -> String {
    let total = m.total_days();
    if total <= 0 {
        return "no delay to explain: the milestone's P50 is already its ideal date.".to_string();
    }
    let top = &m.factors[0];
    let share = top.numerator as f64 / (total as f64 * 120.0);
    let second = m.factors.get(1).filter(|f| f.numerator > 0);
    match second {
        Some(next) if share < 0.6 => format!(
            "{} ({:.0}%) and {} ({:.0}%) cause most of the delay: work on both.",
            top.factor,
            share * 100.0,
            next.factor,
            next.numerator as f64 / (total as f64 * 120.0) * 100.0
        ),
        _ => format!(
            "{} causes {:.0}% of the delay: fix it first.",
            top.factor,
            share * 100.0
        ),
    }
}

fn render(
    scenario: &Scenario,
    result: &Why,
    chosen: &[&MilestoneWhy],
    seed: u64,
    replications: u64,
) -> String {
    let mut out = String::new();
    writeln!(
        out,
        "Why late — {} ({} replications per subset, seed {})",
        scenario.name, replications, seed
    )
    .ok();
    let _ = result;
    for m in chosen {
        writeln!(out).ok();
        let due = m.due.map_or(String::new(), |d| format!(", due {d}"));
        let beyond = if m.censored {
            " (beyond the horizon: at least)"
        } else {
            ""
        };
        writeln!(
            out,
            "{}: P50 {}{}, ideal {} with every factor relaxed{} → {} day{} of delay",
            m.id,
            date(scenario, m.p50_day),
            beyond,
            date(scenario, m.ideal_p50_day),
            due,
            m.total_days(),
            if m.total_days() == 1 { "" } else { "s" }
        )
        .ok();
        let longest = m
            .factors
            .iter()
            .map(|f| f.days())
            .fold(0.0f64, f64::max)
            .max(1e-9);
        for f in &m.factors {
            let bar = "█".repeat(((f.days().max(0.0) / longest) * 30.0).round() as usize);
            writeln!(out, "  {:<10} {:>7.1} d  {}", f.factor, f.days(), bar).ok();
        }
        writeln!(out, "  Verdict: {}", verdict(m)).ok();
    }
    writeln!(out).ok();
    writeln!(
        out,
        "Each factor's days are its Shapley value: the P50 days its relaxation saves, averaged over"
    )
    .ok();
    writeln!(out, "every order of relaxing the five factors, on common random numbers; they add up to the delay.").ok();
    for (factor, meaning) in MEANINGS {
        writeln!(out, "  {factor:<10} relaxed = {meaning}").ok();
    }
    out
}

//! The "why late" document: each milestone's delay split over the five factors, as JSON and
//! as a ranked text table with a verdict.

use std::fmt::Write;

use relaunch_core::Scenario;
use relaunch_core::schedule::add_days;
use relaunch_core::why::{MilestoneWhy, Why};
use serde::Serialize;

/// What each factor's relaxation means, for the table's footnote.
pub const MEANINGS: [(&str, &str); 5] = [
    ("supply", "kits unlimited and on hand"),
    (
        "staffing",
        "every hire trained and at work from day 0, no attrition",
    ),
    ("equipment", "no breakdowns"),
    ("quality", "first-pass yield 1: no rework, no scrap"),
    (
        "learning",
        "standard cycle times and mature first-pass yield from the first unit",
    ),
];

#[derive(Debug, Serialize)]
pub struct WhyDocument {
    pub scenario: String,
    pub seed: u64,
    pub replications: u64,
    pub milestones: Vec<MilestoneDocument>,
}

#[derive(Debug, Serialize)]
pub struct MilestoneDocument {
    pub id: String,
    pub due: Option<String>,
    pub p50: String,
    pub ideal_p50: String,
    pub total_days: i64,
    /// The P50 lies beyond the horizon: the delay is at least `total_days`.
    pub beyond_horizon: bool,
    pub factors: Vec<FactorDocument>,
}

#[derive(Debug, Serialize)]
pub struct FactorDocument {
    pub factor: String,
    pub days: f64,
    /// The exact share in 1/120 day, for the verdict.
    #[serde(skip)]
    numerator: i64,
}

impl MilestoneDocument {
    /// The one-line verdict, as [`verdict`] gives it.
    pub fn verdict(&self) -> String {
        verdict_of(
            self.total_days,
            self.factors
                .iter()
                .map(|f| (f.factor.as_str(), f.numerator)),
        )
    }
}

pub fn date(scenario: &Scenario, day: i64) -> String {
    add_days(scenario.start, day).to_string()
}

pub fn milestone_document(scenario: &Scenario, m: &MilestoneWhy) -> MilestoneDocument {
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
                numerator: f.numerator,
            })
            .collect(),
    }
}

/// The one-line verdict for a milestone.
pub fn verdict(m: &MilestoneWhy) -> String {
    verdict_of(
        m.total_days(),
        m.factors.iter().map(|f| (f.factor, f.numerator)),
    )
}

/// The verdict of a delay of `total` days split over `factors` (name, share in 1/120 day),
/// largest first.
fn verdict_of<'a>(total: i64, mut factors: impl Iterator<Item = (&'a str, i64)>) -> String {
    if total <= 0 {
        return "no delay to explain: the milestone's P50 is already its ideal date.".to_string();
    }
    let Some((top, top_numerator)) = factors.next() else {
        return "no factor to blame.".to_string();
    };
    let share = top_numerator as f64 / (total as f64 * 120.0);
    let second = factors.next().filter(|(_, numerator)| *numerator > 0);
    match second {
        Some((next, next_numerator)) if share < 0.6 => format!(
            "{} ({:.0}%) and {} ({:.0}%) cause most of the delay: work on both.",
            top,
            share * 100.0,
            next,
            next_numerator as f64 / (total as f64 * 120.0) * 100.0
        ),
        _ => format!(
            "{} causes {:.0}% of the delay: fix it first.",
            top,
            share * 100.0
        ),
    }
}

pub fn render(
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

impl WhyDocument {
    /// The document of `result`, for the milestones `chosen` (all when `None`).
    pub fn new(
        scenario: &Scenario,
        result: &Why,
        chosen: Option<&str>,
        seed: u64,
        replications: u64,
    ) -> Self {
        WhyDocument {
            scenario: scenario.name.clone(),
            seed,
            replications,
            milestones: result
                .milestones
                .iter()
                .filter(|m| chosen.is_none_or(|wanted| m.id == wanted))
                .map(|m| milestone_document(scenario, m))
                .collect(),
        }
    }
}

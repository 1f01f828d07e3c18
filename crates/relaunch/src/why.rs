//! `relaunch why`: how late each milestone is against its due date at P50 and P90 (or the
//! quantiles asked for) and how much on-time probability it loses, split over the factors by
//! Shapley value on common random numbers; as text or JSON, and with `--out` as `why.json` and
//! a `report.html` with a "Why late" section.

use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use relaunch_core::Scenario;
use relaunch_core::why::{FACTORS, MilestoneWhy, Why, why};
use relaunch_report::ResultDocument;
use relaunch_report::why::{WhyDocument, render};

use crate::simulate::RunOptions;

/// A finished analysis with the seed and replications it ran with.
pub struct Analysis {
    pub result: Why,
    pub seed: u64,
    pub replications: u64,
}

impl Analysis {
    /// The document of the milestones `chosen` (all when `None`).
    pub fn document(&self, scenario: &Scenario, chosen: Option<&str>) -> WhyDocument {
        WhyDocument::new(scenario, &self.result, chosen, self.seed, self.replications)
    }

    /// The ranked text table of the milestones `chosen` (all when `None`).
    pub fn text(&self, scenario: &Scenario, chosen: Option<&str>) -> String {
        let milestones: Vec<&MilestoneWhy> = self
            .result
            .milestones
            .iter()
            .filter(|m| chosen.is_none_or(|wanted| m.id == wanted))
            .collect();
        render(
            scenario,
            &self.result,
            &milestones,
            self.seed,
            self.replications,
        )
    }
}

/// Refuses, as a user error, a scenario without milestones or an unknown `milestone`.
pub fn check(scenario: &Scenario, milestone: Option<&str>) -> anyhow::Result<()> {
    if let Some(wanted) = milestone
        && !scenario.milestones.iter().any(|m| m.id == wanted)
    {
        let known: Vec<&str> = scenario.milestones.iter().map(|m| m.id.as_str()).collect();
        anyhow::bail!(crate::UserError(format!(
            "error: no milestone `{wanted}` in scenario \"{}\"; its milestones are: {}",
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
            "error: scenario \"{}\" has no [[milestone]]: `why` explains the delay of milestones",
            scenario.name
        )));
    }
    Ok(())
}

/// Runs the 32 forecasts of the analysis, with a progress bar on a terminal.
pub fn analyse(
    scenario: &Scenario,
    options: &RunOptions,
    quantiles: &[f64],
) -> anyhow::Result<Analysis> {
    let replications = options
        .replications
        .unwrap_or(u64::from(scenario.replications));
    let seed = options.seed.unwrap_or(scenario.seed);
    let pool = crate::simulate::pool(options.threads)?;
    let bar = ProgressBar::new(1 << FACTORS.len());
    bar.set_style(
        ProgressStyle::with_template("{spinner} why: {pos}/{len} relaxation subsets, {eta} left")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let result = pool.install(|| {
        why(scenario, seed, replications, quantiles, &|done| {
            bar.set_position(done)
        })
    });
    bar.finish_and_clear();
    Ok(Analysis {
        result,
        seed,
        replications,
    })
}

/// `relaunch why FILE`.
pub fn run(
    file: &Path,
    scenario: &Scenario,
    options: &RunOptions,
    milestone: Option<&str>,
    quantiles: &[f64],
    json: bool,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    check(scenario, milestone)?;
    if let Some(dir) = out {
        crate::output::prepare_dir(dir)?;
    }
    let analysis = analyse(scenario, options, quantiles)?;
    let document = analysis.document(scenario, milestone);
    let json_text = serde_json::to_string_pretty(&document)? + "\n";
    if json {
        crate::output::print(&json_text)?;
    } else {
        crate::output::print(&analysis.text(scenario, milestone))?;
    }
    if let Some(dir) = out {
        std::fs::create_dir_all(dir)?;
        crate::output::write_atomic(&dir.join("why.json"), json_text.as_bytes())?;
        // The forecast with nothing relaxed is the normal forecast: its report, with the
        // analysis as the "Why late" section.
        let result = ResultDocument::new(scenario, &analysis.result.actual, None);
        let html = relaunch_report::html::Report::new(&result)
            .scenario(scenario)
            .why(&document)
            .version(env!("CARGO_PKG_VERSION"))
            .scenario_file(file.display().to_string())
            .html();
        crate::output::write_atomic(&dir.join("report.html"), html.as_bytes())?;
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

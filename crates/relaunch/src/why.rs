//! `relaunch why`: how many days of each milestone's delay each factor causes (Shapley values
//! over common random numbers), as a ranked table or JSON.

use indicatif::{ProgressBar, ProgressStyle};
use relaunch_core::Scenario;
use relaunch_core::why::{FACTORS, MilestoneWhy, why};
use relaunch_report::why::{WhyDocument, render};

use crate::simulate::RunOptions;

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
        let document = WhyDocument::new(scenario, &result, milestone, seed, replications);
        serde_json::to_string_pretty(&document)? + "\n"
    } else {
        render(scenario, &result, &chosen, seed, replications)
    };
    crate::output::print(&text)
}

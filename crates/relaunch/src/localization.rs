//! `relaunch localization`: prints the localization timeline of a scenario.

use relaunch_core::Scenario;

/// Prints the timeline of `scenario` as a table, or as JSON with `json`.
pub fn run(scenario: &Scenario, json: bool) -> anyhow::Result<()> {
    let _ = (scenario, json);
    anyhow::bail!("localization is being written")
}

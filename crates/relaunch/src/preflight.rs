//! Pre-flight warnings on the command line: a scenario is loaded with the places of its keys,
//! the core's warnings are printed on stderr in the diagnostics' format, and `--deny-warnings`
//! turns any of them into a user error (exit 2) before anything runs.

use std::path::Path;

use relaunch_core::Scenario;
use relaunch_core::preflight::preflight_warnings;
use relaunch_scenario::{Diagnostics, KeyPlaces, PlacedWarning};

/// The pre-flight warnings of `scenario`, placed in its file.
pub fn placed_warnings(scenario: &Scenario, places: &KeyPlaces) -> Vec<PlacedWarning> {
    preflight_warnings(scenario)
        .iter()
        .map(|warning| places.place(warning))
        .collect()
}

/// The warnings as printed on stderr: each like a diagnostic, a blank line between them, and a
/// count naming the file. Empty when there are none.
pub fn render(file: &Path, warnings: &[PlacedWarning]) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    let mut text = String::new();
    for warning in warnings {
        text.push_str(&warning.to_string());
        text.push('\n');
    }
    text.push_str(&format!(
        "{} in {}\n",
        count_of_warnings(warnings.len()),
        file.display()
    ));
    text
}

/// "1 warning", "3 warnings".
pub fn count_of_warnings(count: usize) -> String {
    if count == 1 {
        "1 warning".to_string()
    } else {
        format!("{count} warnings")
    }
}

/// Loads the scenario at `path`, prints its warnings on stderr and returns it with their number.
pub fn load_and_warn(path: &Path) -> Result<(Scenario, usize), Diagnostics> {
    let (scenario, places) = relaunch_scenario::load_file_with_places(path)?;
    let warnings = placed_warnings(&scenario, &places);
    eprint!("{}", render(path, &warnings));
    Ok((scenario, warnings.len()))
}

/// The user error of `--deny-warnings` when `count` warnings were printed for `path`.
pub fn denied(path: &Path, count: usize) -> String {
    format!(
        "error: {} in {} and --deny-warnings is set: nothing was run\n",
        count_of_warnings(count),
        path.display()
    )
}

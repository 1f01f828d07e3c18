//! Loading and checking scenarios: read and validate a file, then find its pre-flight warnings
//! (plans that cannot work), placed in the file. `--deny-warnings` turns any warning into a
//! user error before anything runs.

use std::path::{Path, PathBuf};

use relaunch_core::Scenario;
use relaunch_core::preflight::preflight_warnings;
use relaunch_scenario::{Overrides, PlacedWarning};

use crate::AppError;
use crate::error::count_of_warnings;

/// A scenario that loaded, with its pre-flight warnings.
#[derive(Debug, Clone)]
pub struct Checked {
    pub scenario: Scenario,
    pub warnings: Vec<PlacedWarning>,
}

impl Checked {
    /// The scenario, or with `deny_warnings` and any warning a user error.
    pub fn accept(self, file: &Path, deny_warnings: bool) -> Result<Scenario, AppError> {
        if deny_warnings && !self.warnings.is_empty() {
            return Err(AppError::WarningsDenied {
                file: file.to_path_buf(),
                count: self.warnings.len(),
            });
        }
        Ok(self.scenario)
    }
}

/// Loads and validates the scenario at `path` with `overrides` (`--set`), without looking for
/// warnings.
pub fn load_scenario(path: &Path, overrides: &Overrides) -> Result<Scenario, AppError> {
    relaunch_scenario::load_file_set(path, overrides).map_err(AppError::Scenario)
}

/// Loads and validates the scenario at `path` and finds its pre-flight warnings.
pub fn load(path: &Path) -> Result<Checked, AppError> {
    load_set(path, &Overrides::default())
}

/// [`load`] with `overrides` (`--set KEY.PATH=VALUE`) merged over the file.
pub fn load_set(path: &Path, overrides: &Overrides) -> Result<Checked, AppError> {
    let (scenario, places) = relaunch_scenario::load_file_with_places_set(path, overrides)
        .map_err(AppError::Scenario)?;
    let warnings = preflight_warnings(&scenario)
        .iter()
        .map(|warning| places.place(warning))
        .collect();
    Ok(Checked { scenario, warnings })
}

/// The warnings as shown: each like a diagnostic, a line after each, and a count naming the
/// file. Empty when there are none.
pub fn render_warnings(file: &Path, warnings: &[PlacedWarning]) -> String {
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

/// The outcome of checking one file.
#[derive(Debug)]
pub struct FileCheck {
    pub file: PathBuf,
    pub outcome: Result<Checked, AppError>,
}

impl FileCheck {
    /// The line `check` prints for a file that loads: `FILE: OK (NAME)`, with the number of
    /// warnings when there are any.
    pub fn ok_line(&self) -> Option<String> {
        let checked = self.outcome.as_ref().ok()?;
        let suffix = if checked.warnings.is_empty() {
            String::new()
        } else {
            format!(", {}", count_of_warnings(checked.warnings.len()))
        };
        Some(format!(
            "{}: OK ({}){suffix}\n",
            self.file.display(),
            relaunch_report::words::shown(&checked.scenario.name)
        ))
    }
}

/// Checks every file, in order, each with `overrides`.
pub fn check_files(files: &[PathBuf], overrides: &Overrides) -> Vec<FileCheck> {
    files
        .iter()
        .map(|file| FileCheck {
            file: file.clone(),
            outcome: load_set(file, overrides),
        })
        .collect()
}

/// The verdict over checked files: a user error listing every problem (files that do not load,
/// and with `deny_warnings` files with warnings), or `Ok`.
pub fn verdict(checks: Vec<FileCheck>, deny_warnings: bool) -> Result<(), AppError> {
    let total = checks.len();
    let problems: Vec<AppError> = checks
        .into_iter()
        .filter_map(|check| match check.outcome {
            Ok(checked) => checked.accept(&check.file, deny_warnings).err(),
            Err(error) => Some(error),
        })
        .collect();
    if problems.is_empty() {
        return Ok(());
    }
    Err(AppError::CheckFailed {
        failed: problems.len(),
        problems,
        total,
    })
}

/// The scenarios of `files` for a run: every file that does not load, and with `deny_warnings`
/// every file with warnings, is reported at once as a user error. `on_warnings` sees each
/// loaded file's warnings as it loads, to show them. `overrides` apply to every file.
pub fn load_all(
    files: &[PathBuf],
    overrides: &Overrides,
    deny_warnings: bool,
    on_warnings: &mut dyn FnMut(&Path, &[PlacedWarning]),
) -> Result<Vec<Scenario>, AppError> {
    let mut scenarios = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        match load_set(file, overrides) {
            Ok(checked) => {
                on_warnings(file, &checked.warnings);
                match checked.accept(file, deny_warnings) {
                    Ok(scenario) => scenarios.push(scenario),
                    Err(error) => problems.push(error),
                }
            }
            Err(error) => problems.push(error),
        }
    }
    if problems.is_empty() {
        Ok(scenarios)
    } else {
        Err(AppError::Several(problems))
    }
}

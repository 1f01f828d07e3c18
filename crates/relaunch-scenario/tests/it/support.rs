//! Helpers shared by the integration tests: fixture paths, a valid minimal scenario to edit,
//! and the `problems` helper that returns diagnostics as `file:line:column: message` lines.

use std::path::PathBuf;

use relaunch_scenario::{Diagnostics, load_str};

/// The crate's fixture directory.
pub fn fixture_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A valid scenario of 15 lines; tests replace lines of it or append to it (appended text
/// starts on line 16).
pub const MINIMAL: &str = include_str!("../fixtures/minimal.toml");

/// `MINIMAL` with some 1-based lines replaced and `appended` added at the end.
pub fn minimal_with(replacements: &[(usize, &str)], appended: &str) -> String {
    let mut lines: Vec<String> = MINIMAL.lines().map(str::to_string).collect();
    for (line_number, replacement) in replacements {
        lines[line_number - 1] = replacement.to_string();
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text.push_str(appended);
    text
}

/// The problems `load_str` reports for `text` (named "bad.toml"); panics if the text loads.
pub fn problems(text: &str) -> Vec<String> {
    match load_str("bad.toml", text) {
        Ok(scenario) => panic!("expected problems, but the scenario loaded: {scenario:?}"),
        Err(diagnostics) => diagnostics.short_lines(),
    }
}

/// The diagnostics `load_str` reports for `text`; panics if the text loads.
pub fn diagnostics(text: &str) -> Diagnostics {
    match load_str("bad.toml", text) {
        Ok(scenario) => panic!("expected problems, but the scenario loaded: {scenario:?}"),
        Err(diagnostics) => diagnostics,
    }
}

/// Asserts that `text` has exactly the problems `expected` (in file order).
#[track_caller]
pub fn check(text: &str, expected: &[&str]) {
    let found = problems(text);
    assert_eq!(found, expected, "\nfound:\n{}\n", found.join("\n"));
}

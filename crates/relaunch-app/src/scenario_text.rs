//! Scenarios given as text rather than as a file: an upload to the server, a what-if, a stored
//! version. They are read with the CLI's diagnostics (file:line:column, what was expected,
//! help) and pre-flight warnings, under a name the front end chooses.
//!
//! Text from elsewhere has no directory of its own, so `extends` is refused in it: a base
//! named by an upload would be read from the server's file system. Send the resolved scenario
//! (the base's tables written into the variant) instead.
//!
//! A stored version is the resolved scenario as canonical JSON ([`crate::tracking::programme`]);
//! [`toml_from_json`] writes it back as TOML, which reads into the same scenario and the same
//! version.

use relaunch_core::preflight::preflight_warnings;
use relaunch_scenario::{Diagnostic, Diagnostics};
use serde_json::Value;

use crate::AppError;
use crate::check::Checked;
use crate::tracking::Programme;

/// The largest scenario text read (1 MiB): a scenario is a few kilobytes.
pub const MAX_SCENARIO_BYTES: usize = 1024 * 1024;

/// Reads and validates the scenario `text` (named `file_name` in diagnostics) and finds its
/// pre-flight warnings; `extends` is refused.
pub fn load_text(file_name: &str, text: &str) -> Result<Checked, AppError> {
    refuse_extends(file_name, text)?;
    let (scenario, places) =
        relaunch_scenario::load_str_with_places(file_name, text).map_err(AppError::Scenario)?;
    let warnings = preflight_warnings(&scenario)
        .iter()
        .map(|warning| places.place(warning))
        .collect();
    Ok(Checked { scenario, warnings })
}

/// Reads `bytes` as a scenario's text: UTF-8 of at most [`MAX_SCENARIO_BYTES`], else a user
/// error placed in `file_name`.
pub fn text_of(file_name: &str, bytes: &[u8]) -> Result<String, AppError> {
    if bytes.len() > MAX_SCENARIO_BYTES {
        return Err(AppError::Scenario(Diagnostics(vec![unplaced(
            file_name,
            format!(
                "the scenario is {} bytes, over the limit of {MAX_SCENARIO_BYTES} bytes (1 MiB)",
                bytes.len()
            ),
            None,
        )])));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(error) => Err(AppError::Scenario(Diagnostics(vec![unplaced(
            file_name,
            format!(
                "the scenario is not UTF-8 text (a bad byte at byte offset {})",
                error.valid_up_to()
            ),
            Some("save the scenario as UTF-8".to_string()),
        )]))),
    }
}

/// The programme of the scenario `text` (read with [`load_text`]): its scenario, its version's
/// canonical JSON and hash (the same as the CLI's for a file of the same content), and its
/// warnings.
pub fn programme_from_text(file_name: &str, text: &str) -> Result<(Programme, Checked), AppError> {
    let checked = load_text(file_name, text)?;
    let resolved =
        relaunch_scenario::resolve_str_to_json(file_name, text).map_err(AppError::Scenario)?;
    let programme = Programme::from_resolved(checked.scenario.clone(), file_name, &resolved);
    Ok((programme, checked))
}

/// A resolved scenario (JSON, as stored) written as TOML: tables and arrays of tables, keys in
/// the JSON's order. Reading it gives the same scenario (and the same canonical JSON).
pub fn toml_from_json(resolved: &Value) -> Result<String, AppError> {
    toml::to_string(resolved).map_err(|error| AppError::Corrupt(error.to_string()))
}

/// A user error when `text` sets `extends` at its top level, placed at the key.
fn refuse_extends(file_name: &str, text: &str) -> Result<(), AppError> {
    let Ok(table) = text.parse::<toml::Table>() else {
        // Not TOML: the reader says where, and follows no `extends` of a file that does not
        // parse.
        return Ok(());
    };
    if !table.contains_key("extends") {
        return Ok(());
    }
    let (line, column, source_line) = place_of_top_level_key(text, "extends");
    let diagnostic = Diagnostic {
        file: file_name.to_string(),
        line,
        column,
        message: "`extends` cannot be used in a scenario sent as text: there is no directory to \
                  read its base from"
            .to_string(),
        underline_length: if line > 0 { "extends".len() } else { 0 },
        snippet_offset: column.saturating_sub(1),
        source_line,
        label: "a base file named here is not read".to_string(),
        help: Some(
            "send the resolved scenario: the base's tables with the variant's changes written in"
                .to_string(),
        ),
    };
    Err(AppError::Scenario(Diagnostics(vec![diagnostic])))
}

/// The 1-based line and column of the top-level `key` (before the first table header) and
/// its line, or (0, 0, "") when it cannot be found by eye (a quoted or dotted spelling).
fn place_of_top_level_key(text: &str, key: &str) -> (usize, usize, String) {
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            break;
        }
        for spelling in [key.to_string(), format!("\"{key}\""), format!("'{key}'")] {
            if let Some(rest) = trimmed.strip_prefix(spelling.as_str())
                && rest.trim_start().starts_with('=')
            {
                let column = line.chars().count() - trimmed.chars().count() + 1;
                let shown: String = line.chars().take(200).collect();
                return (index + 1, column, shown);
            }
        }
    }
    (0, 0, String::new())
}

fn unplaced(file: &str, message: String, help: Option<String>) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line: 0,
        column: 0,
        message,
        source_line: String::new(),
        snippet_offset: 0,
        underline_length: 0,
        label: String::new(),
        help,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MM1: &str = include_str!("../../../examples/textbook/mm1.toml");

    #[test]
    fn extends_is_refused_at_its_place() {
        let text = "# a variant\nextends = \"kaluga.toml\"\n[scenario]\nname = \"x\"\n";
        let Err(AppError::Scenario(Diagnostics(diagnostics))) = load_text("up.toml", text) else {
            panic!("extends is refused");
        };
        assert_eq!(diagnostics.len(), 1);
        let diagnostic = &diagnostics[0];
        assert_eq!((diagnostic.line, diagnostic.column), (2, 1));
        assert!(diagnostic.message.contains("`extends` cannot be used"));
    }

    #[test]
    fn a_scenario_reads_from_text_and_back_from_its_stored_json() {
        let (programme, checked) = programme_from_text("mm1.toml", MM1).unwrap();
        assert_eq!(checked.scenario.name, programme.scenario.name);
        let resolved: Value = serde_json::from_str(&programme.text).unwrap();
        let toml = toml_from_json(&resolved).unwrap();
        let (again, _) = programme_from_text("mm1.toml", &toml).unwrap();
        assert_eq!(again.hash, programme.hash);
        assert_eq!(again.text, programme.text);
    }

    #[test]
    fn every_shipped_example_reads_back_from_its_stored_json() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut read = 0;
        for directory in ["", "textbook", "programme"] {
            for entry in std::fs::read_dir(root.join(directory)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|extension| extension != "toml") {
                    continue;
                }
                // As the CLI saves a file (its `extends` resolved) ...
                let scenario = relaunch_scenario::load_file(&path).unwrap();
                let stored = Programme::new(scenario.clone(), &path).unwrap();
                // ... and as the server reads it back.
                let resolved: Value = serde_json::from_str(&stored.text).unwrap();
                let toml = toml_from_json(&resolved).unwrap();
                let (again, _) = programme_from_text("scenario.toml", &toml)
                    .unwrap_or_else(|error| panic!("{}: {error}\n{toml}", path.display()));
                assert_eq!(again.hash, stored.hash, "{}", path.display());
                assert_eq!(again.scenario, scenario, "{}", path.display());
                read += 1;
            }
        }
        assert!(read >= 10, "{read} examples");
    }

    #[test]
    fn text_must_be_utf8_and_not_huge() {
        assert!(text_of("a.toml", b"name = 1").is_ok());
        let Err(AppError::Scenario(Diagnostics(bad))) = text_of("a.toml", b"x = \xff") else {
            panic!("not UTF-8");
        };
        assert!(bad[0].message.contains("not UTF-8"), "{}", bad[0].message);
        let huge = vec![b' '; MAX_SCENARIO_BYTES + 1];
        assert!(text_of("a.toml", &huge).is_err());
    }
}

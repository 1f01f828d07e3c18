//! relaunch-scenario: reads scenario files into validated core types, reporting every problem
//! at once with file, line and column.
//!
//! The pipeline is: bytes → UTF-8 text → TOML parsed into a spanned tree (`tree.rs`) →
//! `extends` bases read and merged under the file (`load.rs`) → the tree walked table by table
//! into `relaunch_core` types, collecting every problem (`convert.rs`, with the typed readers
//! of `checker.rs`). The serde/schemars wire types in [`wire`] describe the same format and
//! generate the JSON Schema.
//!
//! `extends` merge rules: tables merge key by key (the child wins), arrays and arrays of tables
//! such as `[[station]]` are replaced whole by the child's, and a distribution table in the
//! child replaces the base's whole (see `load.rs` for the few exclusive keys).

use std::path::Path;

use relaunch_core::Scenario;

mod checker;
mod convert;
mod diagnostic;
mod load;
mod source;
mod text_values;
mod tree;
pub mod wire;

pub use diagnostic::{Diagnostic, Diagnostics};

/// Reads, parses and validates the scenario at `path` (following `extends`, relative to the
/// file's directory).
pub fn load_file(path: &Path) -> Result<Scenario, Diagnostics> {
    validate(load::load_path(path))
}

/// Parses and validates a scenario given as text. `file_name` names it in diagnostics; an
/// `extends` in the text resolves relative to the directory of `file_name` (so relative to the
/// current directory when `file_name` has no directory part).
pub fn load_str(file_name: &str, text: &str) -> Result<Scenario, Diagnostics> {
    validate(load::load_text(file_name, text))
}

/// The scenario at `path` after `extends` is resolved, as JSON (the document the JSON Schema
/// describes), without validating it beyond TOML syntax.
pub fn resolve_to_json(path: &Path) -> Result<serde_json::Value, Diagnostics> {
    let loaded = load::load_path(path);
    match loaded.root {
        Some(root) if loaded.diagnostics.is_empty() => Ok(tree::table_to_json(&root)),
        _ => Err(sorted(loaded.diagnostics, &loaded.files)),
    }
}

/// The JSON Schema of the scenario format (draft 2020-12), generated from [`wire`].
pub fn json_schema() -> serde_json::Value {
    schemars::schema_for!(wire::WireScenarioFile).to_value()
}

fn validate(loaded: load::LoadedDocument) -> Result<Scenario, Diagnostics> {
    let Some(root) = loaded.root else {
        return Err(sorted(loaded.diagnostics, &loaded.files));
    };
    let mut checker = checker::Checker::new(&loaded.files);
    checker.diagnostics = loaded.diagnostics.clone();
    let scenario = convert::convert_scenario(&mut checker, &root);
    match scenario {
        Some(scenario) if checker.diagnostics.is_empty() => Ok(scenario),
        _ => {
            let mut diagnostics = checker.diagnostics;
            if diagnostics.is_empty() {
                diagnostics.push(Diagnostic::without_place(
                    loaded
                        .files
                        .first()
                        .map_or("<scenario>", |file| file.name.as_str()),
                    "the scenario could not be read (internal: no diagnostic was recorded)",
                ));
            }
            Err(sorted(diagnostics, &loaded.files))
        }
    }
}

/// Diagnostics in file order (the named file first, then its bases), then line and column,
/// without repeats.
fn sorted(mut diagnostics: Vec<Diagnostic>, files: &[source::SourceFile]) -> Diagnostics {
    let file_rank = |name: &str| {
        files
            .iter()
            .position(|file| file.name == name)
            .unwrap_or(usize::MAX)
    };
    diagnostics.sort_by(|left, right| {
        (file_rank(&left.file), left.line, left.column).cmp(&(
            file_rank(&right.file),
            right.line,
            right.column,
        ))
    });
    diagnostics.dedup();
    Diagnostics(diagnostics)
}

//! relaunch-scenario: reads scenario files into validated core types, reporting every problem
//! at once with file, line and column.
//!
//! The pipeline is: bytes → UTF-8 text → TOML parsed into a spanned tree (`tree.rs`) →
//! `extends` bases read and merged under the file (`load.rs`) → the tree walked table by table
//! into `relaunch_core` types, collecting every problem (`convert/`, one file per table, with the
//! typed readers of `checker/`) → the core's model checks (`Scenario::check`) placed at the
//! values their key paths name (`locate.rs`). The serde/schemars wire types in [`wire`] are the
//! one description of the format: they generate the JSON Schema, and the keys the reader
//! accepts are read from them (`keys.rs`).
//!
//! `extends` merge rules: tables merge key by key (the child wins), arrays and arrays of tables
//! such as `[[station]]` are replaced whole by the child's, and a distribution table in the
//! child replaces the base's whole (see `load.rs` for the few exclusive keys).

use std::path::Path;

use relaunch_core::Scenario;

pub mod actuals;
mod checker;
mod convert;
mod diagnostic;
mod keys;
mod load;
mod locate;
mod overrides;
mod reach;
mod source;
mod text_values;
mod tree;
pub mod wire;

pub use actuals::{ActualsFile, RowPlace, read_actuals, read_actuals_bytes, resolve_actuals};
pub use diagnostic::{Diagnostic, Diagnostics};
pub use locate::{KeyPlaces, PlacedWarning};
pub use overrides::Overrides;

/// Reads, parses and validates the scenario at `path` (following `extends`, relative to the
/// file's directory).
pub fn load_file(path: &Path) -> Result<Scenario, Diagnostics> {
    validate(load::load_path(path)).map(|(scenario, _)| scenario)
}

/// Parses and validates a scenario given as text. `file_name` names it in diagnostics; an
/// `extends` in the text resolves relative to the directory of `file_name` (so relative to the
/// current directory when `file_name` has no directory part).
pub fn load_str(file_name: &str, text: &str) -> Result<Scenario, Diagnostics> {
    validate(load::load_text(file_name, text)).map(|(scenario, _)| scenario)
}

/// Like [`load_file`], with `overrides` (`--set KEY.PATH=VALUE`) merged over the file.
pub fn load_file_set(path: &Path, overrides: &Overrides) -> Result<Scenario, Diagnostics> {
    validate(load::load_path_with(path, overrides)).map(|(scenario, _)| scenario)
}

/// Like [`load_file`], and also keeps where every key was read (in the file or in an
/// `extends` base), so that pre-flight warnings can name `file:line:column`.
pub fn load_file_with_places(path: &Path) -> Result<(Scenario, KeyPlaces), Diagnostics> {
    load_file_with_places_set(path, &Overrides::default())
}

/// Like [`load_file_with_places`], with `overrides` merged over the file (a key an override
/// set is placed in its `--set` source).
pub fn load_file_with_places_set(
    path: &Path,
    overrides: &Overrides,
) -> Result<(Scenario, KeyPlaces), Diagnostics> {
    let loaded = load::load_path_with(path, overrides);
    let places = KeyPlaces::new(&loaded);
    validate(loaded).map(|(scenario, indices)| (scenario, places.with_source_indices(indices)))
}

/// Like [`load_str`], and also keeps where every key was read.
pub fn load_str_with_places(
    file_name: &str,
    text: &str,
) -> Result<(Scenario, KeyPlaces), Diagnostics> {
    let loaded = load::load_text(file_name, text);
    let places = KeyPlaces::new(&loaded);
    validate(loaded).map(|(scenario, indices)| (scenario, places.with_source_indices(indices)))
}

/// The scenario at `path` after `extends` is resolved, as JSON (the document the JSON Schema
/// describes), without validating it beyond TOML syntax.
pub fn resolve_to_json(path: &Path) -> Result<serde_json::Value, Diagnostics> {
    resolve_to_json_set(path, &Overrides::default())
}

/// Like [`resolve_to_json`], with `overrides` merged over the file.
pub fn resolve_to_json_set(
    path: &Path,
    overrides: &Overrides,
) -> Result<serde_json::Value, Diagnostics> {
    let loaded = load::load_path_with(path, overrides);
    match loaded.root {
        Some(root) if loaded.diagnostics.is_empty() => Ok(tree::table_to_json(&root)),
        _ => Err(sorted(loaded.diagnostics, &loaded.files)),
    }
}

/// Like [`resolve_to_json`], for a scenario given as text (named `file_name`, with `extends`
/// resolved as [`load_str`] does).
pub fn resolve_str_to_json(file_name: &str, text: &str) -> Result<serde_json::Value, Diagnostics> {
    let loaded = load::load_text(file_name, text);
    match loaded.root {
        Some(root) if loaded.diagnostics.is_empty() => Ok(tree::table_to_json(&root)),
        _ => Err(sorted(loaded.diagnostics, &loaded.files)),
    }
}

/// The JSON Schema of the scenario format (draft 2020-12), generated from [`wire`].
pub fn json_schema() -> serde_json::Value {
    schemars::schema_for!(wire::WireScenarioFile).to_value()
}

/// The scenario, with where the elements of its lists stand in the file.
fn validate(
    loaded: load::LoadedDocument,
) -> Result<(Scenario, convert::SourceIndices), Diagnostics> {
    let Some(root) = loaded.root else {
        return Err(sorted(loaded.diagnostics, &loaded.files));
    };
    let mut checker = checker::Checker::new(&loaded.files);
    checker.diagnostics = loaded.diagnostics.clone();
    let converted = convert::convert_scenario(&mut checker, &root);
    // The core's model checks run on every part that read, so that one pass still reports
    // every problem; each is placed at the value its key path names.
    for problem in converted.scenario.check() {
        let key_path = converted.key_path_in_file(&problem.key_path);
        checker.diagnostics.push(locate::place_model_problem(
            &loaded.files,
            &root,
            &key_path,
            &problem,
        ));
    }
    if converted.complete && checker.diagnostics.is_empty() {
        return Ok((converted.scenario, converted.source_indices));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_descriptions_carry_units_and_defaults() {
        let schema = json_schema();
        let description = schema
            .pointer("/$defs/WireStation/properties/servers/description")
            .and_then(serde_json::Value::as_str)
            .expect("servers is described");
        assert!(description.contains("Default 1"), "{description}");
        let duration = schema
            .pointer("/$defs/Duration/description")
            .and_then(serde_json::Value::as_str)
            .expect("durations are described");
        assert!(duration.contains("min (minutes)"), "{duration}");
    }
}

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
mod locate;
mod reach;
mod source;
mod text_values;
mod tree;
pub mod wire;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use locate::{KeyPlaces, PlacedWarning};

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

/// Like [`load_file`], and also keeps where every key was read (in the file or in an
/// `extends` base), so that pre-flight warnings can name `file:line:column`.
pub fn load_file_with_places(path: &Path) -> Result<(Scenario, KeyPlaces), Diagnostics> {
    let loaded = load::load_path(path);
    let places = KeyPlaces::new(&loaded);
    validate(loaded).map(|scenario| (scenario, places))
}

/// Like [`load_str`], and also keeps where every key was read.
pub fn load_str_with_places(
    file_name: &str,
    text: &str,
) -> Result<(Scenario, KeyPlaces), Diagnostics> {
    let loaded = load::load_text(file_name, text);
    let places = KeyPlaces::new(&loaded);
    validate(loaded).map(|scenario| (scenario, places))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checker::DISTRIBUTION_KINDS;

    fn schema_properties(schema: &serde_json::Value, pointer: &str) -> Vec<String> {
        let mut keys: Vec<String> = schema
            .pointer(pointer)
            .and_then(serde_json::Value::as_object)
            .unwrap_or_else(|| panic!("no properties at {pointer}"))
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    fn sorted_keys(keys: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = keys.iter().map(|key| key.to_string()).collect();
        keys.sort();
        keys
    }

    /// The reader's key lists and the wire types (and so the JSON Schema) name the same keys.
    #[test]
    fn reader_keys_match_the_schema() {
        let schema = json_schema();
        let tables: [(&str, &[&str]); 21] = [
            ("/properties", convert::TOP_LEVEL_KEYS),
            ("/$defs/WireScenario/properties", convert::SCENARIO_KEYS),
            ("/$defs/WireCalendar/properties", convert::CALENDAR_KEYS),
            ("/$defs/WireShutdown/properties", convert::SHUTDOWN_KEYS),
            ("/$defs/WireStation/properties", convert::STATION_KEYS),
            ("/$defs/WireFailure/properties", convert::FAILURE_KEYS),
            ("/$defs/WireCrew/properties", convert::CREW_KEYS),
            ("/$defs/WireProduct/properties", convert::PRODUCT_KEYS),
            ("/$defs/WireKit/properties", convert::KIT_KEYS),
            ("/$defs/WireKitOrder/properties", convert::KIT_ORDER_KEYS),
            (
                "/$defs/WireKitShipment/properties",
                convert::KIT_SHIPMENT_KEYS,
            ),
            ("/$defs/WireWorkforce/properties", convert::WORKFORCE_KEYS),
            ("/$defs/WireHire/properties", convert::HIRE_KEYS),
            ("/$defs/WireLearning/properties", convert::LEARNING_KEYS),
            ("/$defs/WireYield/properties", convert::YIELD_KEYS),
            ("/$defs/WireRelease/properties", convert::RELEASE_KEYS),
            ("/$defs/WirePlanPhase/properties", convert::PLAN_PHASE_KEYS),
            ("/$defs/WireMilestone/properties", convert::MILESTONE_KEYS),
            (
                "/$defs/WireLocalization/properties",
                convert::LOCALIZATION_KEYS,
            ),
            ("/$defs/WireThreshold/properties", convert::THRESHOLD_KEYS),
            (
                "/$defs/WireLocalizationItem/properties",
                convert::LOCALIZATION_ITEM_KEYS,
            ),
        ];
        for (pointer, reader_keys) in tables {
            assert_eq!(
                schema_properties(&schema, pointer),
                sorted_keys(reader_keys),
                "{pointer}"
            );
        }
        let variants = schema
            .pointer("/$defs/WireDistributionTable/oneOf")
            .and_then(serde_json::Value::as_array)
            .expect("distribution variants");
        assert_eq!(variants.len(), DISTRIBUTION_KINDS.len());
        for variant in variants {
            let kind = variant
                .pointer("/properties/dist/const")
                .and_then(serde_json::Value::as_str)
                .expect("each variant names its dist");
            let (_, parameters) = DISTRIBUTION_KINDS
                .iter()
                .find(|(name, _)| *name == kind)
                .unwrap_or_else(|| panic!("the reader does not know {kind}"));
            let mut expected = sorted_keys(parameters);
            expected.push("dist".to_string());
            expected.sort();
            let mut found: Vec<String> = variant["properties"]
                .as_object()
                .expect("properties")
                .keys()
                .cloned()
                .collect();
            found.sort();
            assert_eq!(found, expected, "{kind}");
        }
    }

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

//! Every `*.toml` under the repository's `examples/` (and this crate's valid fixtures) converts
//! to JSON that validates against `json_schema()`, and loads without diagnostics.

use std::path::{Path, PathBuf};

use relaunch_scenario::{json_schema, load_file, resolve_to_json};

use crate::support::{fixture_path, workspace_root};

fn toml_files_under(directory: &Path, found: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(directory)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", directory.display()));
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            toml_files_under(&path, found);
        } else if path
            .extension()
            .is_some_and(|extension| extension == "toml")
        {
            found.push(path);
        }
    }
}

fn check_valid_scenario(path: &Path, validator: &jsonschema::Validator) -> Vec<String> {
    let mut failures = Vec::new();
    match resolve_to_json(path) {
        Ok(document) => {
            for error in validator.iter_errors(&document) {
                failures.push(format!(
                    "{}: schema: {} at {}",
                    path.display(),
                    error,
                    error.instance_path()
                ));
            }
        }
        Err(diagnostics) => failures.push(format!(
            "{}: cannot convert to JSON:\n{diagnostics}",
            path.display()
        )),
    }
    if let Err(diagnostics) = load_file(path) {
        failures.push(format!("{}: does not load:\n{diagnostics}", path.display()));
    }
    failures
}

#[test]
fn examples_validate_against_the_schema_and_load() {
    let validator = jsonschema::validator_for(&json_schema()).expect("the schema compiles");
    let mut files = Vec::new();
    toml_files_under(&workspace_root().join("examples"), &mut files);
    // A moved or empty examples directory must fail this test, not pass it vacuously.
    assert!(
        files.len() >= 5,
        "expected the shipped examples under examples/, found {files:?}"
    );
    let mut failures = Vec::new();
    for path in &files {
        failures.extend(check_valid_scenario(path, &validator));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn valid_fixtures_validate_against_the_schema_and_load() {
    let validator = jsonschema::validator_for(&json_schema()).expect("the schema compiles");
    let mut failures = Vec::new();
    for name in [
        "full.toml",
        "minimal.toml",
        "extends/base.toml",
        "extends/child.toml",
        "extends/grandchild.toml",
    ] {
        failures.extend(check_valid_scenario(&fixture_path(name), &validator));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_schema_refuses_typos() {
    let validator = jsonschema::validator_for(&json_schema()).expect("the schema compiles");
    let mut document = resolve_to_json(&fixture_path("full.toml")).expect("valid");
    document["station"][0]["cycel"] = serde_json::json!("5min");
    assert!(!validator.is_valid(&document));
    let mut document = resolve_to_json(&fixture_path("full.toml")).expect("valid");
    document["scenario"]["horizon"] = serde_json::json!(450);
    assert!(!validator.is_valid(&document));
}

#[test]
fn the_schema_refuses_the_open_ends_the_checker_refuses() {
    let validator = jsonschema::validator_for(&json_schema()).expect("the schema compiles");
    let with = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut document = resolve_to_json(&fixture_path("full.toml")).expect("valid");
        edit(&mut document);
        validator.is_valid(&document)
    };
    assert!(with(&|_| {}));
    // [0, 1): a whole year's attrition or everybody absent is refused, as by `check`.
    assert!(with(
        &|d| d["workforce"]["absenteeism"] = serde_json::json!(0.99)
    ));
    assert!(!with(
        &|d| d["workforce"]["absenteeism"] = serde_json::json!(1.0)
    ));
    assert!(!with(
        &|d| d["workforce"]["attrition_per_year"] = serde_json::json!(1.0)
    ));
    // (0, 1]: a learning rate of 1 is no learning; 0 is refused.
    assert!(with(&|d| d["learning"]["rate"] = serde_json::json!(1.0)));
    assert!(!with(&|d| d["learning"]["rate"] = serde_json::json!(0.0)));
}

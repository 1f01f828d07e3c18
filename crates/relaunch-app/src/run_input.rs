//! The scenario of a run asked for without a file (the server's `/simulate`, `/why` and
//! `/compare`): a stored programme's latest version or TOML text, optionally changed by what-if
//! overrides ([`crate::whatif`]) before it is read.
//!
//! ```text
//!   programme name ──► catalogue::latest ──┐
//!                                          ├─► (overrides? apply to the resolved JSON, read
//!   TOML text ──► load_text (diagnostics) ─┘     again as TOML) ──► RunScenario
//! ```

use std::path::PathBuf;

use relaunch_core::Scenario;
use relaunch_scenario::PlacedWarning;
use serde_json::Value;

use crate::AppError;
use crate::compare::Variant;
use crate::scenario_text::{MAX_SCENARIO_BYTES, load_text};
use crate::tracking::StoreHandle;
use crate::tracking::catalogue::{self, SCENARIO_FILE};
use crate::whatif::{Override, apply_and_load};

/// The name a changed scenario goes by in diagnostics.
pub const WHAT_IF_FILE: &str = "what-if.toml";

/// Where a run's scenario comes from: exactly one of `programme` (a stored programme's name) and
/// `scenario` (TOML text), and the changes to make to it.
#[derive(Debug, Clone, Default)]
pub struct ScenarioSource {
    pub programme: Option<String>,
    /// With `programme`: this stored version rather than the latest.
    pub version: Option<i64>,
    pub scenario: Option<String>,
    pub overrides: Vec<Override>,
}

/// A scenario read for a run.
#[derive(Debug, Clone)]
pub struct RunScenario {
    pub scenario: Scenario,
    /// What names it in reports and comparisons: the programme's or the scenario's name.
    pub name: String,
    /// Its pre-flight warnings, placed in the text read.
    pub warnings: Vec<PlacedWarning>,
    /// With overrides: the changed scenario's TOML, the text the warnings are placed in.
    pub changed_toml: Option<String>,
}

/// Reads the scenario `source` names: a programme's latest (or given) version from the store (404-like
/// [`AppError::UnknownProgramme`] when there is none), or the text sent (its own diagnostics
/// placed in it, `extends` refused); then applies the overrides and reads the result again, so
/// every rule of the reader applies to the changed values.
pub fn resolve(store: &StoreHandle, source: &ScenarioSource) -> Result<RunScenario, AppError> {
    let (base, resolved_json) = match (&source.programme, &source.scenario) {
        (Some(name), None) => {
            let stored = match source.version {
                Some(number) => catalogue::version(store, name, number)?,
                None => catalogue::latest(store, name)?,
            };
            let json = if source.overrides.is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&stored.programme.text)?
            };
            let base = RunScenario {
                name: name.clone(),
                scenario: stored.programme.scenario,
                warnings: stored.warnings,
                changed_toml: None,
            };
            (base, json)
        }
        (None, Some(text)) => {
            if text.len() > MAX_SCENARIO_BYTES {
                return Err(AppError::Request(format!(
                    "the scenario is {} bytes, over the limit of {MAX_SCENARIO_BYTES} bytes",
                    text.len()
                )));
            }
            // Read as sent first: its own problems are placed in its own text (and `extends`
            // is refused before anything would follow it).
            let checked = load_text(SCENARIO_FILE, text)?;
            let json = if source.overrides.is_empty() {
                Value::Null
            } else {
                relaunch_scenario::resolve_str_to_json(SCENARIO_FILE, text)
                    .map_err(AppError::Scenario)?
            };
            let base = RunScenario {
                name: checked.scenario.name.clone(),
                scenario: checked.scenario,
                warnings: checked.warnings,
                changed_toml: None,
            };
            (base, json)
        }
        (Some(_), Some(_)) => {
            return Err(AppError::Request(
                "give either `programme` (a stored programme's name) or `scenario` (TOML text), \
                 not both"
                    .to_string(),
            ));
        }
        (None, None) => {
            return Err(AppError::Request(
                "give `programme` (a stored programme's name) or `scenario` (TOML text): \
                 neither is given"
                    .to_string(),
            ));
        }
    };
    if source.overrides.is_empty() {
        return Ok(base);
    }
    let (checked, toml) = apply_and_load(WHAT_IF_FILE, &resolved_json, &source.overrides)?;
    Ok(RunScenario {
        name: base.name,
        scenario: checked.scenario,
        warnings: checked.warnings,
        changed_toml: Some(toml),
    })
}

/// One variant of a comparison asked for without files: its name in the comparison (default:
/// the programme's or scenario's) and its source.
#[derive(Debug, Clone, Default)]
pub struct NamedSource {
    pub name: Option<String>,
    pub source: ScenarioSource,
}

/// Every variant read ([`resolve`]); the scenario problems of all of them together
/// ([`AppError::Several`]), any other refusal at once. A variant's file name is its name with
/// `.toml` (path separators replaced), which names it in the comparison's documents.
pub fn resolve_variants(
    store: &StoreHandle,
    sources: &[NamedSource],
) -> Result<Vec<Variant>, AppError> {
    let mut variants = Vec::with_capacity(sources.len());
    let mut problems = Vec::new();
    for named in sources {
        match resolve(store, &named.source) {
            Ok(resolved) => {
                let name = named.name.clone().unwrap_or(resolved.name);
                variants.push(Variant {
                    file: PathBuf::from(format!("{}.toml", name.replace(['/', '\\'], "-"))),
                    scenario: resolved.scenario,
                });
            }
            Err(error @ AppError::Scenario(_)) => problems.push(error),
            Err(error) => return Err(error),
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Several(problems));
    }
    Ok(variants)
}

//! The programmes in the store as a front end lists, reads and edits them (the server's
//! `/programmes` resources): every programme with its latest version, its last forecast and its
//! last import; a programme read back from its latest stored version, ready for the tracking
//! use cases; a new version saved from TOML text.
//!
//! A version's identity is the resolved scenario as canonical JSON ([`super::programme`]), the
//! same whether it came from a file through the CLI or as text through the server. A version
//! saved from text also keeps that text (its comments and layout) as its source; one saved from
//! a file is shown as TOML written from its JSON ([`crate::scenario_text::toml_from_json`]).

use relaunch_scenario::PlacedWarning;
use relaunch_store::{ImportRecord, ScenarioVersion, StoredForecast};
use serde_json::Value;

use super::{Programme, StoreHandle};
use crate::AppError;
use crate::scenario_text::{programme_from_text, toml_from_json};

/// The name a stored or uploaded scenario goes by in diagnostics.
pub const SCENARIO_FILE: &str = "scenario.toml";

/// A programme as listed.
#[derive(Debug, Clone)]
pub struct ProgrammeSummary {
    pub name: String,
    /// The latest version; `None` only for a programme whose versions are all gone.
    pub latest: Option<ScenarioVersion>,
    pub versions: usize,
    /// The last stored forecast (by id), not a backtest's.
    pub last_forecast: Option<StoredForecast>,
    /// The last import of actuals.
    pub last_import: Option<ImportRecord>,
}

/// Every programme in the store, by name.
pub fn list(store: &StoreHandle) -> Result<Vec<ProgrammeSummary>, AppError> {
    let names = store.call(|store| store.programmes())?;
    names
        .into_iter()
        .map(|name| {
            let versions = store.call(|store| store.scenario_versions(&name))?;
            let forecasts = store.call(|store| store.forecasts(&name))?;
            let imports = store.call(|store| store.imports(&name))?;
            Ok(ProgrammeSummary {
                latest: versions.last().cloned(),
                versions: versions.len(),
                last_forecast: forecasts
                    .into_iter()
                    .filter(|forecast| forecast.kind != "backtest")
                    .max_by_key(|forecast| forecast.id),
                last_import: imports.into_iter().max_by_key(|import| import.id),
                name,
            })
        })
        .collect()
}

/// A programme read back from a stored version.
#[derive(Debug, Clone)]
pub struct StoredProgramme {
    /// Ready for the tracking use cases; it does not save its version again.
    pub programme: Programme,
    pub version: ScenarioVersion,
    /// The scenario as TOML: the text it was saved from, else written from its JSON.
    pub toml: String,
    /// Whether `toml` is the text as saved (false: written from the stored JSON).
    pub toml_as_saved: bool,
    /// Its pre-flight warnings, placed in `toml`.
    pub warnings: Vec<PlacedWarning>,
}

/// The versions of programme `name`, oldest first; a user error when there is no such
/// programme.
pub fn versions(store: &StoreHandle, name: &str) -> Result<Vec<ScenarioVersion>, AppError> {
    let versions = store.call(|store| store.scenario_versions(name))?;
    if versions.is_empty() {
        return Err(unknown(store, name));
    }
    Ok(versions)
}

/// Programme `name` read from its latest version.
pub fn latest(store: &StoreHandle, name: &str) -> Result<StoredProgramme, AppError> {
    let versions = versions(store, name)?;
    let version = versions.last().expect("versions are not empty").clone();
    read_version(store, version)
}

/// Programme `name` read from its version `number`; a user error when there is none.
pub fn version(store: &StoreHandle, name: &str, number: i64) -> Result<StoredProgramme, AppError> {
    let versions = versions(store, name)?;
    let Some(version) = versions.into_iter().find(|v| v.version == number) else {
        return Err(AppError::UnknownVersion {
            programme: name.to_string(),
            version: number,
        });
    };
    read_version(store, version)
}

fn read_version(
    store: &StoreHandle,
    version: ScenarioVersion,
) -> Result<StoredProgramme, AppError> {
    let name = version.programme.clone();
    let content = store.call(|store| store.scenario_text(&name, version.version))?;
    let source = store.call(|store| store.scenario_source(&name, version.version))?;
    let resolved: Value = serde_json::from_str(&content).map_err(|error| {
        AppError::Corrupt(format!(
            "version {} of \"{name}\": {error}",
            version.version
        ))
    })?;
    let (toml, toml_as_saved) = match source {
        Some(source) => (source, true),
        None => (toml_from_json(&resolved)?, false),
    };
    let (mut programme, checked) = programme_from_text(SCENARIO_FILE, &toml)?;
    // The stored JSON is the version: should this build read it differently, the forecasts
    // still name the version stored.
    programme.text = content;
    programme.hash = version.hash.clone();
    programme.stored = Some(version.clone());
    Ok(StoredProgramme {
        programme,
        version,
        toml,
        toml_as_saved,
        warnings: checked.warnings,
    })
}

/// A version saved from TOML text.
#[derive(Debug, Clone)]
pub struct Saved {
    pub programme: StoredProgramme,
    /// `new` says whether this text made a new version.
    pub version: ScenarioVersion,
}

/// Reads `text` (refusing `extends`), and saves it as a version of the programme its scenario
/// names, keeping the text as the version's source. With `expected`, the scenario must name
/// that programme. `created` is now (RFC 3339).
pub fn save(
    store: &StoreHandle,
    text: &str,
    expected: Option<&str>,
    created: &str,
) -> Result<Saved, AppError> {
    let (mut programme, checked) = programme_from_text(SCENARIO_FILE, text)?;
    if let Some(expected) = expected
        && programme.name() != expected
    {
        return Err(AppError::Request(format!(
            "the scenario is named \"{}\", not \"{expected}\": a programme is named by its \
             scenario's `name`, so a scenario of another name is another programme",
            programme.name()
        )));
    }
    let version = store.call(|store| {
        store.save_scenario_with_source(
            programme.name(),
            (&programme.text, text),
            &programme.hash,
            created,
        )
    })?;
    programme.stored = Some(ScenarioVersion {
        new: false,
        ..version.clone()
    });
    // A version already stored keeps the source it was first saved with.
    let source = store
        .call(|store| store.scenario_source(programme.name(), version.version))?
        .unwrap_or_else(|| text.to_string());
    let stored = StoredProgramme {
        toml_as_saved: true,
        warnings: if source == text {
            checked.warnings
        } else {
            programme_from_text(SCENARIO_FILE, &source)?.1.warnings
        },
        toml: source,
        version: ScenarioVersion {
            new: false,
            ..version.clone()
        },
        programme,
    };
    Ok(Saved {
        programme: stored,
        version,
    })
}

/// The stored forecast `id` of programme `name` and its result document; a user error when
/// the programme has no such forecast.
pub fn forecast(
    store: &StoreHandle,
    name: &str,
    id: i64,
) -> Result<(StoredForecast, String), AppError> {
    let forecasts = store.call(|store| store.forecasts(name))?;
    let Some(stored) = forecasts.into_iter().find(|forecast| forecast.id == id) else {
        return Err(AppError::UnknownForecast {
            programme: name.to_string(),
            id,
        });
    };
    let document = store.call(|store| store.forecast_document(id))?;
    Ok((stored, document))
}

fn unknown(store: &StoreHandle, name: &str) -> AppError {
    AppError::UnknownProgramme {
        programme: name.to_string(),
        url: store.url().to_string(),
    }
}

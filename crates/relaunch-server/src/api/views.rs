//! The JSON shapes the API answers with that are its own (the documents of forecasts, status,
//! history, "why late" and comparisons are the report crate's, as the CLI's `--json` prints
//! them, and appear here as objects).

use relaunch_app::tracking::catalogue::{ProgrammeSummary, StoredProgramme};
use relaunch_core::Scenario;
use relaunch_core::schedule::{PlantCalendar, add_days};
use relaunch_store::{ImportRecord, MilestoneRecord, ScenarioVersion, StoredForecast};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::DiagnosticJson;

/// A programme's name as it goes in a URL path segment (percent-encoded).
pub fn path_segment(name: &str) -> String {
    let mut encoded = String::with_capacity(name.len());
    for byte in name.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// The API's address of programme `name`.
pub fn programme_url(name: &str) -> String {
    format!("/api/v1/programmes/{}", path_segment(name))
}

/// One version of a programme's scenario.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionView {
    /// 1, 2, 3 ... in the order saved.
    pub version: i64,
    /// The SHA-256 of the resolved scenario as canonical JSON: the version's identity.
    pub hash: String,
    /// When it was first saved (RFC 3339).
    pub created: String,
}

impl VersionView {
    pub fn of(version: &ScenarioVersion) -> VersionView {
        VersionView {
            version: version.version,
            hash: version.hash.clone(),
            created: version.created.clone(),
        }
    }
}

/// A milestone of a stored forecast.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MilestoneView {
    pub id: String,
    /// Dates are `YYYY-MM-DD`; null when absent (a P90 beyond the horizon, no due date).
    pub due: Option<String>,
    pub p10: Option<String>,
    pub p50: Option<String>,
    pub p90: Option<String>,
    /// The date the actuals reached it, when they had by the forecast's as-of date.
    pub actual: Option<String>,
    pub on_time_probability: Option<f64>,
}

impl MilestoneView {
    fn of(record: &MilestoneRecord) -> MilestoneView {
        let text = |date: Option<jiff::civil::Date>| date.map(|date| date.to_string());
        MilestoneView {
            id: record.id.clone(),
            due: text(record.due),
            p10: text(record.p10),
            p50: text(record.p50),
            p90: text(record.p90),
            actual: text(record.actual),
            on_time_probability: record.on_time_probability,
        }
    }
}

/// A stored forecast without its document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ForecastView {
    pub id: i64,
    /// `forecast` (from actuals) or `simulate`.
    pub kind: String,
    /// The as-of date (`YYYY-MM-DD`), null for a forecast from the plan.
    pub as_of: Option<String>,
    pub created: String,
    pub seed: u64,
    pub replications: u64,
    pub calibrated: bool,
    /// The hash of the scenario version it ran on.
    pub scenario_hash: String,
    pub milestones: Vec<MilestoneView>,
    /// The forecast with its result document.
    pub url: String,
}

impl ForecastView {
    pub fn of(forecast: &StoredForecast) -> ForecastView {
        ForecastView {
            id: forecast.id,
            kind: forecast.kind.clone(),
            as_of: forecast.as_of.map(|date| date.to_string()),
            created: forecast.created.clone(),
            seed: forecast.seed,
            replications: forecast.replications,
            calibrated: forecast.calibrated,
            scenario_hash: forecast.scenario_hash.clone(),
            milestones: forecast.milestones.iter().map(MilestoneView::of).collect(),
            url: format!(
                "{}/forecasts/{}",
                programme_url(&forecast.programme),
                forecast.id
            ),
        }
    }
}

/// An import of actuals as logged.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportView {
    pub id: i64,
    /// The files (or uploads) imported, by name.
    pub source: String,
    pub created: String,
    pub rows: usize,
    pub added: usize,
    pub unchanged: usize,
    pub corrected: usize,
}

impl ImportView {
    pub fn of(import: &ImportRecord) -> ImportView {
        ImportView {
            id: import.id,
            source: import.source.clone(),
            created: import.created.clone(),
            rows: import.rows,
            added: import.added,
            unchanged: import.unchanged,
            corrected: import.corrected,
        }
    }
}

/// Where a programme's resources are.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgrammeLinks {
    #[serde(rename = "self")]
    pub this: String,
    pub scenario: String,
    pub actuals: String,
    pub status: String,
    pub forecasts: String,
}

impl ProgrammeLinks {
    pub fn of(name: &str) -> ProgrammeLinks {
        let base = programme_url(name);
        ProgrammeLinks {
            scenario: format!("{base}/scenario"),
            actuals: format!("{base}/actuals"),
            status: format!("{base}/status"),
            forecasts: format!("{base}/forecasts"),
            this: base,
        }
    }
}

/// A programme as listed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgrammeItem {
    /// The scenario's `name`: the programme's identity.
    pub name: String,
    pub latest: Option<VersionView>,
    /// How many versions are stored.
    pub versions: usize,
    pub last_forecast: Option<ForecastView>,
    pub last_import: Option<ImportView>,
    pub links: ProgrammeLinks,
}

impl ProgrammeItem {
    pub fn of(summary: &ProgrammeSummary) -> ProgrammeItem {
        ProgrammeItem {
            name: summary.name.clone(),
            latest: summary.latest.as_ref().map(VersionView::of),
            versions: summary.versions,
            last_forecast: summary.last_forecast.as_ref().map(ForecastView::of),
            last_import: summary.last_import.as_ref().map(ImportView::of),
            links: ProgrammeLinks::of(&summary.name),
        }
    }
}

/// A milestone as the scenario sets it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MilestoneFact {
    pub id: String,
    pub due: Option<String>,
}

/// What a front end needs to know of a scenario without reading its TOML: its dates, defaults
/// and the ids a what-if or an actuals file may name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScenarioFacts {
    pub name: String,
    /// The first and last day of the horizon (`YYYY-MM-DD`).
    pub start: String,
    pub last_day: String,
    pub seed: u64,
    pub replications: u32,
    pub milestones: Vec<MilestoneFact>,
    pub stations: Vec<String>,
    pub products: Vec<String>,
    pub kits: Vec<String>,
    pub tasks: Vec<String>,
    pub risks: Vec<String>,
    /// Whether it has a `[localization]` table.
    pub localization: bool,
}

impl ScenarioFacts {
    pub fn of(scenario: &Scenario) -> ScenarioFacts {
        let calendar = PlantCalendar::new(scenario);
        ScenarioFacts {
            name: scenario.name.clone(),
            start: scenario.start.to_string(),
            last_day: add_days(scenario.start, calendar.n_days as i64 - 1).to_string(),
            seed: scenario.seed,
            replications: scenario.replications,
            milestones: scenario
                .milestones
                .iter()
                .map(|milestone| MilestoneFact {
                    id: milestone.id.clone(),
                    due: milestone.due.map(|date| date.to_string()),
                })
                .collect(),
            stations: scenario.stations.iter().map(|s| s.id.clone()).collect(),
            products: scenario.products.iter().map(|p| p.id.clone()).collect(),
            kits: scenario.kits.iter().map(|k| k.id.clone()).collect(),
            tasks: scenario
                .programme
                .tasks
                .iter()
                .map(|t| t.id.clone())
                .collect(),
            risks: scenario
                .programme
                .risks
                .iter()
                .map(|r| r.id.clone())
                .collect(),
            localization: scenario.localization.is_some(),
        }
    }
}

/// A programme read from its latest (or a chosen) version.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgrammeDetail {
    pub name: String,
    pub version: VersionView,
    /// How many versions are stored.
    pub versions: usize,
    pub scenario: ScenarioFacts,
    /// The scenario as TOML: as it was sent when saved through the API, else written from the
    /// stored (resolved) scenario, keys in order and without comments.
    pub toml: String,
    /// Whether `toml` is the text as sent.
    pub toml_as_saved: bool,
    /// Pre-flight warnings (plans that cannot work), placed in `toml`.
    pub warnings: Vec<DiagnosticJson>,
    pub links: ProgrammeLinks,
}

impl ProgrammeDetail {
    pub fn of(stored: &StoredProgramme, versions: usize) -> ProgrammeDetail {
        let name = stored.programme.name().to_string();
        ProgrammeDetail {
            version: VersionView::of(&stored.version),
            versions,
            scenario: ScenarioFacts::of(&stored.programme.scenario),
            toml: stored.toml.clone(),
            toml_as_saved: stored.toml_as_saved,
            warnings: stored
                .warnings
                .iter()
                .map(DiagnosticJson::warning)
                .collect(),
            links: ProgrammeLinks::of(&name),
            name,
        }
    }
}

/// A version saved.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SavedView {
    /// Whether the text made a new version (false: the same scenario was stored already).
    pub new_version: bool,
    pub programme: ProgrammeDetail,
}

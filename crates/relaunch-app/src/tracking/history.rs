//! `relaunch history SCENARIO`: every stored forecast of the programme (those of `forecast`
//! and of `simulate` with a store; backtests are not stored) with its milestones' P10/P50/P90
//! by as-of date — the milestone trend analysis: dates drifting right from one week's forecast
//! to the next are the early warning. Artefacts: `history.json`, `history.csv` and
//! `history.html` (the trend chart).

use relaunch_report::tracking::{
    HistoryDocument, HistoryForecast, HistoryMilestone, history_csv, history_html,
};
use relaunch_store::StoredForecast;

use super::{Programme, StoreHandle};
use crate::AppError;
use crate::ports::ArtefactSink;

/// The history of `programme`'s forecasts, oldest as-of first (forecasts from the plan
/// first); `created` is now (RFC 3339), kept with the scenario version saved. A user error
/// when no forecast is stored.
pub fn history(
    store: &StoreHandle,
    programme: &Programme,
    created: &str,
    sink: Option<&mut dyn ArtefactSink>,
) -> Result<HistoryDocument, AppError> {
    programme.register(store, created)?;
    let forecasts = store.call(|store| store.forecasts(programme.name()))?;
    if forecasts.is_empty() {
        return Err(AppError::NoForecasts {
            programme: programme.name().to_string(),
            url: store.url().to_string(),
            scenario_file: programme.file.clone(),
        });
    }
    let versions = store.call(|store| store.scenario_versions(programme.name()))?;
    let version_of = |hash: &str| {
        versions
            .iter()
            .find(|version| version.hash == hash)
            .map_or(0, |version| version.version)
    };
    let document = HistoryDocument {
        scenario: programme.name().to_string(),
        forecasts: forecasts
            .iter()
            .map(|stored| history_forecast(stored, version_of(&stored.scenario_hash)))
            .collect(),
    };
    if let Some(sink) = sink {
        sink.prepare()?;
        sink.put(
            "history.json",
            (serde_json::to_string_pretty(&document)? + "\n").as_bytes(),
        )?;
        sink.put("history.csv", history_csv(&document)?.as_bytes())?;
        sink.put("history.html", history_html(&document).as_bytes())?;
        sink.commit()?;
    }
    Ok(document)
}

fn history_forecast(stored: &StoredForecast, scenario_version: i64) -> HistoryForecast {
    let text = |date: Option<jiff::civil::Date>| date.map(|date| date.to_string());
    HistoryForecast {
        id: stored.id,
        as_of: text(stored.as_of),
        created: stored.created.clone(),
        kind: stored.kind.clone(),
        scenario_hash: stored.scenario_hash.clone(),
        scenario_version,
        actuals_hash: stored.actuals_hash.clone(),
        replications: stored.replications,
        calibrated: stored.calibrated,
        milestones: stored
            .milestones
            .iter()
            .map(|milestone| HistoryMilestone {
                id: milestone.id.clone(),
                due: text(milestone.due),
                p10: text(milestone.p10),
                p50: text(milestone.p50),
                p90: text(milestone.p90),
                actual: text(milestone.actual),
                on_time_probability: milestone.on_time_probability,
            })
            .collect(),
    }
}

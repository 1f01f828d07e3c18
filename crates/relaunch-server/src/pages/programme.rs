//! `/programmes/{name}`: the latest stored forecast as the report shows it (the summary, the
//! milestone table, the fan with due dates, the Gantt, costs, kits, staffing: the report's own
//! sections, with the targets of the scenario version it ran on), and the buttons that start
//! a forecast, a "why late" analysis and a what-if.

use axum::extract::{Path, State};
use axum::response::Html;
use maud::{Markup, html};
use relaunch_app::AppError;
use relaunch_app::tracking::catalogue;
use relaunch_report::ResultDocument;
use relaunch_report::html::Report;
use relaunch_store::StoredForecast;
use serde_json::{Value, json};

use super::layout::{Nav, page_data, progress, shell};
use super::programmes::as_of_words;
use super::whatif::{WhatIfInput, inputs, panel};
use super::{PageError, programme_page};
use crate::Server;
use crate::api::blocking;
use crate::api::views::programme_url;

/// What the page shows, read from the store.
struct Loaded {
    version: i64,
    forecast: Option<(StoredForecast, String)>,
    inputs: Vec<WhatIfInput>,
}

fn load(
    store: &relaunch_app::tracking::StoreHandle,
    name: &str,
    server_version: &str,
) -> Result<Loaded, AppError> {
    let latest = catalogue::latest(store, name)?;
    let resolved: Value = serde_json::from_str(&latest.programme.text)?;
    let forecasts = store.call(|store| store.forecasts(name))?;
    let last = forecasts
        .into_iter()
        .filter(|forecast| forecast.kind != "backtest")
        .max_by_key(|forecast| forecast.id);
    let forecast = match last {
        None => None,
        Some(last) => {
            let (stored, text) = catalogue::forecast(store, name, last.id)?;
            let mut document: ResultDocument = serde_json::from_str(&text)
                .map_err(|error| AppError::Corrupt(format!("forecast {}: {error}", stored.id)))?;
            // The targets of the version the forecast ran on, else of the latest.
            let versions = catalogue::versions(store, name)?;
            let scenario = match versions.iter().find(|v| v.hash == stored.scenario_hash) {
                Some(v) if v.version != latest.version.version => {
                    catalogue::version(store, name, v.version)?
                        .programme
                        .scenario
                }
                _ => latest.programme.scenario.clone(),
            };
            // Not in the JSON: whether something of the line starts after a task (then the
            // critical chain is the one that sets the latest such date), from the scenario.
            if let Some(programme) = document.programme.as_mut() {
                programme.gates_the_line = !scenario.programme.anchors.is_empty();
            }
            let body = Report::new(&document)
                .scenario(&scenario)
                .version(server_version)
                .scenario_file(format!("{}.toml", name.replace(['/', '\\', ' '], "-")))
                .body()
                .into_string();
            Some((stored, body))
        }
    };
    Ok(Loaded {
        version: latest.version.version,
        forecast,
        inputs: inputs(&resolved),
    })
}

/// `GET /programmes/{name}`.
pub async fn page(
    State(server): State<Server>,
    Path(name): Path<String>,
) -> Result<Html<String>, PageError> {
    let version = server.version.to_string();
    let key = name.clone();
    let loaded = blocking(&server, move |store| load(store, &key, &version)).await?;
    let page = programme_page(&name);
    let body = html! {
        (page_data(&json!({
            "page": "programme",
            "programme": name,
            "api": programme_url(&name),
        })))
        header {
            div.kicker { "relaunch · programme · version " (loaded.version) }
            h1 { (name) }
            p.meta {
                @match &loaded.forecast {
                    Some((f, _)) => {
                        "Forecast #" (f.id) " " (as_of_words(f)) ", made " (f.created.get(..16).unwrap_or(&f.created).replace('T', " "))
                        ", " (f.replications) " replications" @if f.calibrated { ", calibrated" } ". "
                    }
                    None => "No forecast stored yet. ",
                }
                a href={ (page) "/tracking" } { "Tracking" } " · "
                a href={ (page) "/scenario" } { "Scenario" } " · "
                a href=(programme_url(&name)) { "API" }
            }
        }
        (actions())
        (panel(&loaded.inputs))
        div #report {
            @match &loaded.forecast {
                Some((_, body)) => (maud::PreEscaped(body.as_str())),
                None => (no_forecast(&page)),
            }
        }
    };
    Ok(Html(shell(&name, Nav::Programmes, body)))
}

fn actions() -> Markup {
    html! {
        section #actions.toolbar {
            button #run-forecast type="button" { "Run a forecast" }
            label.small { input #forecast-calibrate type="checkbox"; " calibrate from the actuals" }
            button #run-why type="button" { "Why late?" }
            (progress("job-progress"))
            div #action-result {}
            div #why-result {}
        }
    }
}

fn no_forecast(page: &str) -> Markup {
    html! {
        section #no-forecast.summary {
            span.label { "No forecast yet" }
            p {
                "No forecast of this programme is stored yet. A forecast starts from the actuals: "
                a href={ (page) "/tracking" } { "upload them on the tracking page" }
                ", then press " b { "Run a forecast" } ". The what-if panel above runs the plan \
                 as it stands (nothing stored)."
            }
        }
    }
}

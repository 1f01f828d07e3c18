//! `/programmes/{name}`: the latest stored forecast as the report shows it (the summary, the
//! milestone table, the fan with due dates, the Gantt, costs, kits, staffing: the report's own
//! sections, with the targets of the scenario version it ran on), and the buttons that start
//! a forecast, a "why late" analysis and a what-if.

use axum::extract::State;
use axum::response::Html;
use maud::{Markup, html};
use relaunch_app::AppError;
use relaunch_app::tracking::catalogue;
use relaunch_app::tracking::plan::has_actuals;
use relaunch_app::tracking::whatif::{self, Defaults};
use relaunch_report::ResultDocument;
use relaunch_report::html::Report;
use relaunch_store::StoredForecast;
use serde_json::{Value, json};

use super::layout::{Nav, page_data, progress, shell};
use super::programmes::as_of_words;
use super::whatif::{WhatIfInput, inputs, panel};
use super::{PageError, PagePath, programme_page};
use crate::Server;
use crate::api::blocking;
use crate::api::views::programme_url;

/// What the page shows, read from the store.
struct Loaded {
    version: i64,
    /// The stored forecast, its report sections and the version it ran on (`None`: a version
    /// no longer stored).
    forecast: Option<(StoredForecast, String, Option<i64>)>,
    inputs: Vec<WhatIfInput>,
    /// Where a what-if starts and its replications.
    whatif: Defaults,
    has_actuals: bool,
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
            let ran_on = versions.iter().find(|v| v.hash == stored.scenario_hash);
            let scenario = match ran_on {
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
            let ran_on = ran_on.map(|v| v.version);
            Some((stored, body, ran_on))
        }
    };
    Ok(Loaded {
        version: latest.version.version,
        forecast,
        inputs: inputs(&resolved),
        whatif: whatif::defaults(store, name)?,
        has_actuals: has_actuals(store, &latest.programme)?,
    })
}

/// `GET /programmes/{name}`.
pub async fn page(
    State(server): State<Server>,
    PagePath(name): PagePath<String>,
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
                    Some((f, _, ran_on)) => {
                        "Forecast #" (f.id) " " (as_of_words(f)) ", made " (f.created.get(..16).unwrap_or(&f.created).replace('T', " "))
                        ", " (f.replications) " replications" @if f.calibrated { ", calibrated" }
                        @match ran_on {
                            Some(v) if *v == loaded.version => { ", on version " (v) " (the latest). " }
                            Some(v) => {
                                ", on version " (v) ". "
                                span #stale.late { "The latest is version " (loaded.version) ": re-run the forecast." } " "
                            }
                            None => {
                                ", on a version no longer stored. "
                                span #stale.late { "The latest is version " (loaded.version) ": re-run the forecast." } " "
                            }
                        }
                    }
                    None => "No forecast stored yet. ",
                }
                a href={ (page) "/tracking" } { "Tracking" } " · "
                a href={ (page) "/scenario" } { "Scenario" } " · "
                a href=(programme_url(&name)) { "API" }
            }
        }
        (actions(loaded.has_actuals))
        (panel(&loaded.inputs, &loaded.whatif))
        div #report {
            @match &loaded.forecast {
                Some((_, body, _)) => (maud::PreEscaped(body.as_str())),
                None => (no_forecast(&page)),
            }
        }
    };
    Ok(Html(shell(&name, Nav::Programmes, body)))
}

fn actions(has_actuals: bool) -> Markup {
    html! {
        section #actions.toolbar {
            @if has_actuals {
                button #run-forecast type="button" { "Run a forecast" }
                label.small { input #forecast-calibrate type="checkbox" checked; " calibrate from the actuals" }
            } @else {
                button #run-forecast type="button" title="No actuals yet: the plan's forecast from day 0, stored" { "Run a forecast" }
                label.small.muted title="Calibration needs actuals" {
                    input #forecast-calibrate type="checkbox" disabled; " calibrate (needs actuals)"
                }
            }
            button #run-why type="button" { "Why late?" }
            button #run-plan type="button"
                title="The least-cost hires, kit orders, release and shifts that meet every dated milestone in 90% of the runs (relaunch plan)" {
                "Plan at 90%"
            }
            (progress("job-progress"))
            div #action-result {}
            div #why-result {}
            div #plan-result {}
        }
    }
}

fn no_forecast(page: &str) -> Markup {
    html! {
        section #no-forecast.summary {
            span.label { "No forecast yet" }
            p {
                "No forecast of this programme is stored yet. Press " b { "Run a forecast" }
                ": without actuals it forecasts the plan from day 0 and stores it (a plan \
                 forecast); once the actuals are "
                a href={ (page) "/tracking" } { "uploaded on the tracking page" }
                ", forecasts start from them. The what-if panel above runs the plan as it stands \
                 (nothing stored)."
            }
        }
    }
}

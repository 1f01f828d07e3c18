//! `/programmes/{name}/tracking`: upload actuals (CSV or XLSX, through the API), plan vs
//! actual (the status page's sections), the milestone trend of the stored forecasts (the
//! history page's sections), and a re-forecast from the actuals.

use axum::extract::State;
use axum::response::Html;
use maud::{Markup, html};
use relaunch_app::AppError;
use relaunch_app::tracking::catalogue;
use relaunch_app::tracking::history::history;
use relaunch_app::tracking::status::status;
use relaunch_report::tracking::html::{history_body, status_body};
use serde_json::json;

use super::layout::{Nav, page_data, progress, shell};
use super::{PageError, PagePath, programme_page};
use crate::Server;
use crate::api::views::programme_url;
use crate::api::{blocking, now};

/// The sections read from the store: plan vs actual and the trend, or why there are none.
struct Sections {
    status: Result<String, String>,
    history: Result<String, String>,
}

fn load(store: &relaunch_app::tracking::StoreHandle, name: &str) -> Result<Sections, AppError> {
    let stored = catalogue::latest(store, name)?;
    let created = now();
    let status = match status(store, &stored.programme, None, &created, None) {
        Ok(document) => Ok(status_body(&document).into_string()),
        Err(AppError::NoActuals { .. }) => {
            Err("No actuals are stored yet: upload the plant's CSV or XLSX above.".to_string())
        }
        Err(error) => return Err(error),
    };
    let history = match history(store, &stored.programme, &created, None) {
        Ok(document) => Ok(history_body(&document).into_string()),
        Err(AppError::NoForecasts { .. }) => {
            Err("No forecast is stored yet: upload actuals, then re-forecast.".to_string())
        }
        Err(error) => return Err(error),
    };
    Ok(Sections { status, history })
}

/// `GET /programmes/{name}/tracking`.
pub async fn page(
    State(server): State<Server>,
    PagePath(name): PagePath<String>,
) -> Result<Html<String>, PageError> {
    let key = name.clone();
    let sections = blocking(&server, move |store| load(store, &key)).await?;
    let page = programme_page(&name);
    let body = html! {
        (page_data(&json!({
            "page": "tracking",
            "programme": name,
            "api": programme_url(&name),
        })))
        header {
            div.kicker { "relaunch · tracking" }
            h1 { (name) }
            p.meta {
                a href=(page) { "Forecast" } " · "
                a href={ (page) "/scenario" } { "Scenario" } " · "
                a href={ (programme_url(&name)) "/actuals" } { "Actuals (API)" }
            }
        }
        (tools())
        div #tracking-body {
            section #plan-vs-actual {
                @match &sections.status {
                    Ok(body) => (maud::PreEscaped(body.as_str())),
                    Err(words) => { h2 { "Plan vs actual" } p.note { (words) } },
                }
            }
            section #trend {
                @match &sections.history {
                    Ok(body) => (maud::PreEscaped(body.as_str())),
                    Err(words) => { h2 { "Milestone trend" } p.note { (words) } },
                }
            }
        }
    };
    Ok(Html(shell(
        &format!("{name} — tracking"),
        Nav::Programmes,
        body,
    )))
}

fn tools() -> Markup {
    html! {
        section #tracking-tools.panel {
            form #upload.toolbar {
                label for="actuals-file" { "Actuals (CSV or XLSX)" }
                input #actuals-file type="file" accept=".csv,.xlsx,text/csv";
                button type="submit" { "Upload" }
            }
            div #upload-result {}
            div.toolbar {
                button #reforecast type="button" { "Re-forecast from the actuals" }
                label.small { input #reforecast-calibrate type="checkbox" checked; " calibrate (learn the parameters from the actuals)" }
            }
            (progress("reforecast-progress"))
            div #reforecast-result {}
        }
    }
}

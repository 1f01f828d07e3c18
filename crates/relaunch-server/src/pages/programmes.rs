//! `/`: the programmes in the store, each with its latest version, its last forecast and that
//! forecast's headline milestone (the first not yet reached), and links to its pages.

use axum::extract::State;
use axum::response::Html;
use maud::html;
use relaunch_app::tracking::catalogue;
use relaunch_store::{MilestoneRecord, StoredForecast};

use super::layout::{Nav, shell};
use super::{PageError, programme_page};
use crate::Server;
use crate::api::blocking;
use crate::api::views::programme_url;

/// The milestone a forecast is summed up by: the first not yet reached, else the last.
pub fn headline(forecast: &StoredForecast) -> Option<&MilestoneRecord> {
    forecast
        .milestones
        .iter()
        .find(|m| m.actual.is_none())
        .or(forecast.milestones.last())
}

/// "as of 2024-03-29" or "from the plan".
pub fn as_of_words(forecast: &StoredForecast) -> String {
    match forecast.as_of {
        Some(date) => format!("as of {date}"),
        None if forecast.kind == relaunch_app::tracking::plan::PLAN_KIND => {
            "plan forecast (no actuals yet)".to_string()
        }
        None => "from the plan".to_string(),
    }
}

fn percent(p: f64) -> String {
    format!("{:.0}%", p * 100.0)
}

/// `GET /`.
pub async fn page(State(server): State<Server>) -> Result<Html<String>, PageError> {
    let summaries = blocking(&server, catalogue::list).await?;
    let body = html! {
        header {
            div.kicker { "relaunch · dashboard" }
            h1 { "Programmes" }
            p.meta { "Every programme in the store, with its last forecast. Version " (server.version) "." }
        }
        @if summaries.is_empty() {
            p.note {
                "No programme yet: " a href="/new" { "create one from a scenario's TOML" }
                ", POST one to " code { "/api/v1/programmes" } ", or run "
                code { "relaunch actuals import" } " on this store."
            }
        } @else {
            table #programmes {
                thead { tr {
                    th { "programme" } th { "latest version" } th { "last forecast" }
                    th { "headline milestone" } th.num { "P50" } th.num { "on time" } th { "pages" }
                } }
                tbody {
                    @for summary in &summaries {
                        @let page = programme_page(&summary.name);
                        @let forecast = summary.last_forecast.as_ref();
                        @let milestone = forecast.and_then(headline);
                        tr {
                            td { a href=(page) { (summary.name) } }
                            td {
                                @if let Some(v) = &summary.latest {
                                    "v" (v.version) " " span.small.muted { (v.created.get(..10).unwrap_or(&v.created)) }
                                }
                            }
                            td {
                                @match forecast {
                                    Some(f) => { "#" (f.id) " " (as_of_words(f)) @if f.calibrated { " (calibrated)" } },
                                    None => span.muted { "none yet" },
                                }
                            }
                            td { @if let Some(m) = milestone { (m.id) @if let Some(due) = m.due { span.small.muted { " due " (due) } } } }
                            td.num { @if let Some(m) = milestone { (m.actual.or(m.p50).map_or("—".to_string(), |d| d.to_string())) @if m.actual.is_some() { " (reached)" } } }
                            td.num { @if let Some(p) = milestone.and_then(|m| m.on_time_probability) { (percent(p)) } }
                            td {
                                a href=(page) { "forecast" } " · "
                                a href={ (page) "/tracking" } { "tracking" } " · "
                                a href={ (page) "/scenario" } { "scenario" } " · "
                                a href=(programme_url(&summary.name)) { "API" }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(Html(shell("Programmes", Nav::Programmes, body)))
}

//! `/programmes/{name}/scenario`: the latest version's TOML in an editor with line numbers;
//! "Check" sends it to `/api/v1/check` and shows each diagnostic in the list and at its line;
//! "Save as new version" PUTs it (`/api/v1/programmes/{name}/scenario`). `/new`: the same
//! editor, empty, whose "Create" POSTs a new programme (`/api/v1/programmes`).

use axum::extract::State;
use axum::response::Html;
use maud::{Markup, html};
use relaunch_app::tracking::catalogue;
use serde::Deserialize;
use serde_json::json;

use super::layout::{Nav, page_data, shell};
use super::{PageError, PagePath, PageQuery, programme_page};
use crate::Server;
use crate::api::blocking;
use crate::api::views::programme_url;

#[derive(Debug, Deserialize)]
pub struct VersionQuery {
    version: Option<i64>,
}

impl super::error::QueryUsage for VersionQuery {
    const USAGE: &'static str = "`?version=` takes one version number of the programme (1, 2, …)";
}

/// The editor: line numbers beside a textarea, the buttons, the diagnostics.
fn editor(text: &str, save_label: &str) -> Markup {
    html! {
        div.toolbar {
            button #check type="button" { "Check" }
            button #save type="button" { (save_label) }
            span #editor-state.small {}
        }
        div.editor {
            pre #gutter.gutter aria-hidden="true" {}
            textarea #toml spellcheck="false" wrap="off" aria-label="Scenario TOML" { (text) }
        }
        div #diagnostics {}
        div #annotated {}
    }
}

/// `GET /programmes/{name}/scenario`.
pub async fn page(
    State(server): State<Server>,
    PagePath(name): PagePath<String>,
    PageQuery(query): PageQuery<VersionQuery>,
) -> Result<Html<String>, PageError> {
    let key = name.clone();
    let (stored, versions) = blocking(&server, move |store| {
        let stored = match query.version {
            Some(number) => catalogue::version(store, &key, number)?,
            None => catalogue::latest(store, &key)?,
        };
        Ok((stored, catalogue::versions(store, &key)?))
    })
    .await?;
    let page = programme_page(&name);
    let body = html! {
        (page_data(&json!({
            "page": "scenario",
            "programme": name,
            "api": programme_url(&name),
        })))
        header {
            div #scenario-version.kicker { "relaunch · scenario · version " (stored.version.version) }
            h1 { (name) }
            p #scenario-versions.meta {
                a href=(page) { "Forecast" } " · "
                a href={ (page) "/tracking" } { "Tracking" } " · versions: "
                @for v in &versions {
                    a href={ (page) "/scenario?version=" (v.version) } { "v" (v.version) } " "
                }
            }
            @if !stored.toml_as_saved {
                p.note {
                    "This version was saved from a file by the command line: its TOML is written \
                     from the stored scenario (keys sorted, no comments)."
                }
            }
        }
        (editor(&stored.toml, "Save as new version"))
    };
    Ok(Html(shell(
        &format!("{name} — scenario"),
        Nav::Programmes,
        body,
    )))
}

/// `GET /new`.
pub async fn new_page() -> Html<String> {
    let body = html! {
        (page_data(&json!({ "page": "new" })))
        header {
            div.kicker { "relaunch · new programme" }
            h1 { "A new programme from a scenario" }
            p.meta {
                "Paste a scenario's TOML (resolved: " code { "extends" } " cannot be followed \
                 here). A programme is named by its " code { "[scenario] name" } "; a name \
                 already stored gets a new version."
            }
        }
        (editor("", "Create the programme"))
    };
    Html(shell("New programme", Nav::New, body))
}

//! `/compare`: pick two or more programmes, compare their latest versions on common random
//! numbers (a job); the comparison's sections (ranking, milestones side by side, the fans,
//! the differences to the reference) are inserted when it is done.

use axum::extract::State;
use axum::response::Html;
use maud::html;
use relaunch_app::tracking::catalogue;
use serde_json::json;

use super::PageError;
use super::layout::{Nav, page_data, progress, shell};
use crate::Server;
use crate::api::blocking;

/// `GET /compare`.
pub async fn page(State(server): State<Server>) -> Result<Html<String>, PageError> {
    let summaries = blocking(&server, catalogue::list).await?;
    let body = html! {
        (page_data(&json!({ "page": "compare" })))
        header {
            div.kicker { "relaunch · comparison" }
            h1 { "Compare programmes" }
            p.meta {
                "Pick two or more (up to eight); the first picked is the reference. Each runs its \
                 latest version; replication " i { "i" } " of every variant draws the same random \
                 streams, so the differences are the variants', not chance's."
            }
        }
        @if summaries.len() < 2 {
            p.note { "A comparison needs two programmes; the store has " (summaries.len()) "." }
        }
        form #compare-form.panel {
            fieldset {
                legend { "Programmes" }
                @for (index, summary) in summaries.iter().enumerate() {
                    label.check {
                        input type="checkbox" name="programme" value=(summary.name) id={ "variant-" (index) };
                        " " (summary.name)
                    }
                }
            }
            div.toolbar {
                label for="rank-by" { "Rank by" }
                select #rank-by {
                    option value="p50" { "P50 of the milestone" }
                    option value="p90" { "P90 of the milestone" }
                    option value="on-time" { "chance of being on time" }
                    option value="cost" { "cost" }
                }
                label for="compare-replications" { "Replications" }
                input #compare-replications type="number" min="10" max="2000" step="10" value="200";
                button type="submit" { "Compare" }
            }
        }
        (progress("compare-progress"))
        div #compare-result {}
    };
    Ok(Html(shell("Compare", Nav::Compare, body)))
}

//! `/compare`: pick two or more programmes and compare their latest versions, or pick one
//! programme and compare variants of it (a version, a few changes by key path, under a name:
//! the partner options of one restart), on common random numbers (a job); the comparison's
//! sections (ranking, milestones side by side, the fans, the differences to the reference) are
//! inserted when it is done.

use axum::extract::State;
use axum::response::Html;
use maud::{Markup, html};
use relaunch_app::tracking::catalogue::{self, ProgrammeSummary};
use serde_json::json;

use super::PageError;
use super::layout::{Nav, page_data, progress, shell};
use crate::Server;
use crate::api::blocking;

/// `GET /compare`.
pub async fn page(State(server): State<Server>) -> Result<Html<String>, PageError> {
    let summaries = blocking(&server, catalogue::list).await?;
    let body = html! {
        (page_data(&json!({
            "page": "compare",
            "versions": summaries.iter().map(|summary| (summary.name.clone(),
                serde_json::Value::from(summary.latest.as_ref().map_or(0, |latest| latest.version)))).collect::<serde_json::Map<_, _>>(),
        })))
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
            (variants_panel(&summaries))
            div.toolbar {
                label for="compare-what" { "Compare" }
                select #compare-what {
                    option value="programmes" { "the programmes ticked" }
                    option value="variants" { "the variants of one programme" }
                }
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

/// One variant's row: its name, the version and the changes (one `key.path = value` a line).
fn variant_row(index: usize, name: &str, changes: &str) -> Markup {
    html! {
        div.variant data-index=(index) {
            input.variant-name type="text" value=(name) aria-label="Variant name";
            select.variant-version aria-label="Version" { option value="" { "latest version" } }
            textarea.variant-overrides rows="2" spellcheck="false"
                aria-label="Changes, one key path = value a line" placeholder="kit[c5-skd].lead_time = 40d" { (changes) }
        }
    }
}

/// Variants of one programme: the programme, then two to eight rows; the first is the
/// reference.
fn variants_panel(summaries: &[ProgrammeSummary]) -> Markup {
    html! {
        fieldset #variants-panel {
            legend { "Variants of one programme" }
            p.small {
                "Pick the programme, then name each variant and give its version and changes, one \
                 " code { "key.path = value" } " a line (as in the what-if: "
                code { "workforce.hires[1].date = 2023-11-01" } ", "
                code { "calendar.shifts[1].count = 2" } ", "
                code { "kit[ID].lead_time = {\"dist\": \"triangular\", \"min\": \"20d\", \"mode\": \"25d\", \"max\": \"40d\"}" }
                "; a value is JSON, or text). The first variant is the reference. Choose "
                b { "the variants of one programme" } " below to compare them."
            }
            label for="variants-programme" { "Programme " }
            select #variants-programme {
                @for summary in summaries { option value=(summary.name) { (summary.name) } }
            }
            div #variants {
                (variant_row(0, "as planned", ""))
                (variant_row(1, "variant 2", ""))
            }
            button #add-variant type="button" { "Add a variant" }
        }
    }
}

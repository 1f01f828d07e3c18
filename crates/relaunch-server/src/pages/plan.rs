//! The dashboard's "Plan" button: the planner on a stored programme's latest version
//! ([`relaunch_app::tracking::propose`]) as a job like the others. Its result holds the plan
//! as JSON (the `relaunch plan --json` document), `summary` (the CLI's text), `scenario_toml`
//! (the whole planned scenario, which the page offers to save as the next version through
//! `PUT /api/v1/programmes/{name}/scenario`, after a person has read it) and `html`, the
//! fragment the page shows. Nothing is stored by the run itself.

use axum::extract::State;
use axum::response::Response;
use maud::html;
use relaunch_app::RunSettings;
use relaunch_app::plan::text;
use relaunch_app::tracking::propose::{self, ProposeRequest};
use serde::Deserialize;
use serde_json::json;

use crate::Server;
use crate::api::{accepted, blocking};
use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::jobs::{JobKind, work};

/// A plan asked for from the programme page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanBody {
    pub programme: String,
    /// The on-time probability every dated milestone must reach (default 0.9).
    pub confidence: Option<f64>,
    /// Replications of each forecast (default: the scenario's).
    pub replications: Option<u64>,
    /// Proposals checked at most (default 8).
    pub rounds: Option<u32>,
}

/// `POST /dashboard/plan`: plans the programme's latest version.
pub async fn plan(
    State(server): State<Server>,
    JsonBody(body): JsonBody<PlanBody>,
) -> Result<Response, ApiError> {
    if body.replications == Some(0) {
        return Err(ApiError::invalid("replications must be at least 1"));
    }
    let request = ProposeRequest {
        programme: body.programme.clone(),
        settings: RunSettings {
            replications: body.replications,
            seed: None,
            threads: Some(server.threads),
            allow_long_run: false,
        },
        confidence: body.confidence.unwrap_or(0.9),
        max_rounds: body.rounds.unwrap_or(8),
    };
    let prepared = blocking(&server, move |store| propose::prepare(store, &request)).await?;
    let job = server.jobs.submit(
        JobKind::Plan,
        &body.programme,
        work(move |services| {
            let planned = prepared.run(services)?;
            let summary = text::summary(&planned, None);
            let met = text::holds(&planned);
            let html = html! {
                section #plan-outcome {
                    p.plan-banner data-met=(met) {
                        "Plan of version " (prepared.version) " at "
                        (format!("{:.0}%", planned.confidence * 100.0)) ": "
                        @if met {
                            "every dated milestone the plan can move is met, verified on a seed \
                             the loop never saw."
                        } @else {
                            "not every milestone can be met; the closest plan is shown, with the \
                             date each milestone short can promise."
                        }
                        " Not saved: read it, then save it as the next version."
                    }
                    pre.plan-summary { (summary) }
                    details {
                        summary { "The planned scenario (TOML), as it would be saved" }
                        pre.plan-scenario { (planned.scenario_toml) }
                    }
                    p {
                        button #save-plan type="button" { "Save the plan as the next version" }
                        span #save-plan-result.small {}
                    }
                }
            };
            Ok(json!({
                "plan": text::document(&planned),
                "summary": summary,
                "version": prepared.version,
                "scenario_toml": planned.scenario_toml,
                "html": html.into_string(),
            }))
        }),
    )?;
    Ok(accepted(&job))
}

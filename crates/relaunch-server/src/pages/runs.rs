//! The dashboard's runs: a what-if, a "why late" analysis and a comparison of stored
//! programmes, as jobs like the API's (`/api/v1/jobs/{id}` and its events follow them), whose
//! result also holds the fragment the page inserts, rendered by relaunch-report from the typed
//! documents: the report's sections, its "Why late" section, the comparison's sections.
//! `GET /dashboard/jobs/{id}/fragment` gives that fragment once the job has succeeded.

use std::path::PathBuf;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, Response};
use relaunch_app::compare::{CompareRequest, Variant, check_ranking, compare as run_compare};
use relaunch_app::explain::{ExplainRequest, check_milestones, explain, subsets};
use relaunch_app::forecast::{ForecastRequest, forecast};
use relaunch_app::run::forecasts_with_tornado;
use relaunch_app::tracking::catalogue;
use relaunch_app::whatif::{Override, apply_and_load};
use relaunch_app::{AppError, RunSettings};
use relaunch_core::ranking::{RankBy, Ranking};
use relaunch_report::html::{ComparePage, Report, why_section};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::PageError;
use crate::Server;
use crate::api::{accepted, blocking};
use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::jobs::{JobKind, JobState, work};

fn settings(server: &Server, replications: Option<u64>) -> Result<RunSettings, ApiError> {
    if replications == Some(0) {
        return Err(ApiError::invalid("replications must be at least 1"));
    }
    Ok(RunSettings {
        replications,
        seed: None,
        threads: Some(server.threads),
        allow_long_run: false,
    })
}

/// A what-if of a stored programme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhatIfBody {
    pub programme: String,
    /// Key path → value, as for `/api/v1/simulate`.
    #[serde(default)]
    pub overrides: Map<String, Value>,
    pub replications: Option<u64>,
}

/// `POST /dashboard/whatif`: the latest version with `overrides`, forecast without the risk
/// tornado (a what-if wants its answer in about a second); the job's result holds `summary`
/// and `html`, the report's sections.
pub async fn whatif(
    State(server): State<Server>,
    JsonBody(body): JsonBody<WhatIfBody>,
) -> Result<Response, ApiError> {
    let settings = settings(&server, body.replications)?;
    let name = body.programme.clone();
    let scenario = blocking(&server, move |store| {
        let stored = catalogue::latest(store, &body.programme)?;
        let scenario = if body.overrides.is_empty() {
            stored.programme.scenario
        } else {
            let resolved: Value = serde_json::from_str(&stored.programme.text)?;
            let overrides: Vec<Override> = body
                .overrides
                .into_iter()
                .map(|(path, value)| Override { path, value })
                .collect();
            apply_and_load("what-if.toml", &resolved, &overrides)?
                .0
                .scenario
        };
        settings.check_work(&scenario, forecasts_with_tornado(&scenario, false))?;
        Ok(scenario)
    })
    .await?;
    let version = server.version.to_string();
    let subject = name.clone();
    let job = server.jobs.submit(
        JobKind::Simulate,
        &subject,
        work(move |services| {
            let request = ForecastRequest {
                scenario,
                scenario_file: format!("{name}.toml"),
                settings,
                explain: false,
                tornado: false,
            };
            let outcome = forecast(&request, services, None)?;
            let html = Report::new(&outcome.document)
                .scenario(&request.scenario)
                .version(version)
                .body()
                .into_string();
            Ok(json!({ "summary": outcome.summary(), "html": html }))
        }),
    )?;
    Ok(accepted(&job))
}

/// A "why late" analysis of a stored programme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhyBody {
    pub programme: String,
    pub replications: Option<u64>,
}

/// `POST /dashboard/why`: the analysis of the latest version; the job's result holds `html`,
/// the report's "Why late" section.
pub async fn why(
    State(server): State<Server>,
    JsonBody(body): JsonBody<WhyBody>,
) -> Result<Response, ApiError> {
    let settings = settings(&server, body.replications)?;
    let name = body.programme.clone();
    let scenario = blocking(&server, move |store| {
        let scenario = catalogue::latest(store, &body.programme)?
            .programme
            .scenario;
        check_milestones(&scenario, None)?;
        settings.check_work(&scenario, subsets(&scenario))?;
        Ok(scenario)
    })
    .await?;
    let subject = name.clone();
    let job = server.jobs.submit(
        JobKind::Why,
        &subject,
        work(move |services| {
            let request = ExplainRequest {
                scenario,
                scenario_file: format!("{name}.toml"),
                settings,
                milestone: None,
                quantiles: Vec::new(),
            };
            let outcome = explain(&request, services, None)?;
            let html = why_section(&outcome.document).into_string();
            Ok(json!({ "text": outcome.text, "html": html }))
        }),
    )?;
    Ok(accepted(&job))
}

/// A comparison of stored programmes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareBody {
    /// Two to eight programmes; the first is the reference.
    pub programmes: Vec<String>,
    /// `p50` (default), `p90`, `on-time` or `cost`.
    pub rank_by: Option<String>,
    pub replications: Option<u64>,
}

/// `POST /dashboard/compare`: the latest versions compared on common random numbers; the
/// job's result holds `html`, the comparison's sections.
pub async fn compare(
    State(server): State<Server>,
    JsonBody(body): JsonBody<CompareBody>,
) -> Result<Response, ApiError> {
    let max = crate::api::runs::MAX_VARIANTS;
    if !(2..=max).contains(&body.programmes.len()) {
        return Err(ApiError::invalid(format!(
            "pick 2 to {max} programmes to compare, not {}",
            body.programmes.len()
        )));
    }
    let settings = settings(&server, body.replications)?;
    let by = match body.rank_by.as_deref().unwrap_or("p50") {
        "p50" => RankBy::P50,
        "p90" => RankBy::P90,
        "on-time" => RankBy::OnTime,
        "cost" => RankBy::Cost,
        other => {
            return Err(ApiError::invalid(format!(
                "rank_by `{other}` is not one of p50, p90, on-time, cost"
            )));
        }
    };
    let names = body.programmes;
    let subject = names.join(" vs ");
    let request = blocking(&server, move |store| {
        let mut variants = Vec::with_capacity(names.len());
        for name in &names {
            let scenario = catalogue::latest(store, name)?.programme.scenario;
            variants.push(Variant {
                file: PathBuf::from(format!("{}.toml", name.replace(['/', '\\'], "-"))),
                scenario,
            });
        }
        let ranking = Ranking {
            by,
            milestone: None,
        };
        check_ranking(&ranking, &variants)?;
        settings.check_work(&variants[0].scenario, variants.len() as u64)?;
        Ok(CompareRequest {
            variants,
            reference: None,
            ranking,
            settings,
        })
    })
    .await?;
    let version = server.version.to_string();
    let job = server.jobs.submit(
        JobKind::Compare,
        &subject,
        work(move |services| {
            let outcome = run_compare(&request, services, None)?;
            let html = ComparePage::new(&outcome.document)
                .version(version)
                .body()
                .into_string();
            Ok(json!({ "html": html }))
        }),
    )?;
    Ok(accepted(&job))
}

/// `GET /dashboard/jobs/{id}/fragment`: the HTML of a dashboard job that has succeeded.
pub async fn fragment(
    State(server): State<Server>,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let Some(job) = server.jobs.get(&id) else {
        return Err(PageError::not_found(format!(
            "There is no job {id} (jobs are kept in memory until the server stops)."
        )));
    };
    let snapshot = job.snapshot();
    if snapshot.state != JobState::Succeeded {
        return Err(PageError {
            status: StatusCode::CONFLICT,
            message: format!(
                "Job {id} has not succeeded: it is {}.",
                serde_json::to_value(snapshot.state)
                    .ok()
                    .and_then(|state| state.as_str().map(str::to_string))
                    .unwrap_or_default()
            ),
        });
    }
    match snapshot
        .result
        .as_deref()
        .and_then(|r| r.get("html"))
        .and_then(Value::as_str)
    {
        Some(html) => Ok(Html(html.to_string())),
        None => Err(PageError::not_found(format!(
            "Job {id} has no page: it was started through the API, whose results are JSON."
        ))),
    }
}

impl From<AppError> for PageError {
    fn from(error: AppError) -> PageError {
        PageError::from(ApiError::from(error))
    }
}

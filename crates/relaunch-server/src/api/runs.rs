//! Runs that are not stored: a forecast of a scenario or a what-if (`relaunch simulate`), the
//! "why late" analysis (`relaunch why`) and a comparison of variants (`relaunch compare`). Each
//! is a job; its result lives with the job, in memory.
//!
//! A run's scenario is a stored programme's latest version (`programme`) or TOML text
//! (`scenario`), optionally changed by `overrides` (key path → JSON value, see
//! `relaunch_app::whatif`): `{"workforce.hires[0].date": "2023-11-01", "kit[c5-skd].lead_time":
//! "20d"}`; `relaunch_app::run_input` reads it. The handlers here only read the request, check
//! it through the use cases' checks, and submit the job.

use axum::extract::State;
use axum::response::Response;
use relaunch_app::RunSettings;
use relaunch_app::compare::{CompareRequest, check_ranking, compare, find_reference};
use relaunch_app::explain::{ExplainRequest, check_milestones, explain, subsets};
use relaunch_app::forecast::{ForecastRequest, forecast};
use relaunch_app::run::forecasts_with_tornado;
use relaunch_app::run_input::{NamedSource, ScenarioSource, resolve, resolve_variants};
use relaunch_app::whatif::Override;
use relaunch_core::ranking::{RankBy, Ranking};
use relaunch_scenario::PlacedWarning;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use utoipa::ToSchema;

use super::{accepted, blocking};
use crate::Server;
use crate::error::{ApiError, DiagnosticJson, ErrorBody};
use crate::extract::JsonBody;
use crate::jobs::{JobKind, JobView};

/// The most variants of one comparison.
pub const MAX_VARIANTS: usize = 8;

/// The scenario a request names: its `programme` or `scenario`, and its `overrides` in key order.
fn source(
    programme: Option<String>,
    scenario: Option<String>,
    overrides: Option<Map<String, Value>>,
) -> ScenarioSource {
    ScenarioSource {
        programme,
        version: None,
        scenario,
        overrides: overrides
            .into_iter()
            .flatten()
            .map(|(path, value)| Override { path, value })
            .collect(),
    }
}

fn settings(
    server: &Server,
    replications: Option<u64>,
    seed: Option<u64>,
) -> Result<RunSettings, ApiError> {
    if replications == Some(0) {
        return Err(ApiError::invalid("replications must be at least 1"));
    }
    Ok(RunSettings {
        replications,
        seed,
        threads: Some(server.threads),
        allow_long_run: false,
    })
}

fn warnings_json(warnings: &[PlacedWarning]) -> Value {
    serde_json::to_value(
        warnings
            .iter()
            .map(DiagnosticJson::warning)
            .collect::<Vec<_>>(),
    )
    .unwrap_or(Value::Null)
}

/// A forecast of a scenario, as `relaunch simulate` makes it (not stored).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulateBody {
    /// A stored programme whose latest version to forecast.
    pub programme: Option<String>,
    /// Or a scenario's TOML text (`extends` refused).
    pub scenario: Option<String>,
    /// Changes to make first: key path → value, such as
    /// `{"workforce.hires[0].date": "2023-11-01", "calendar.shifts": 2}`; null removes the key.
    #[schema(value_type = Option<Object>)]
    pub overrides: Option<Map<String, Value>>,
    /// Replications (default: the scenario's).
    pub replications: Option<u64>,
    /// The seed (default: the scenario's).
    pub seed: Option<u64>,
    /// Also explain each milestone's delay (32 more forecasts, 64 with a programme).
    #[serde(default)]
    pub why: bool,
    /// Measure each risk's effect (default true).
    pub tornado: Option<bool>,
}

/// Forecasts a scenario or a what-if (a job): `relaunch simulate`. The job's result is
/// `{document, summary, why?, warnings, changed_scenario?}`.
#[utoipa::path(
    post, path = "/api/v1/simulate", tag = "runs",
    request_body(content = SimulateBody, content_type = "application/json"),
    security(("bearer" = [])),
    responses(
        (status = 202, description = "The job, queued", body = JobView,
            headers(("Location" = String, description = "The job"))),
        (status = 401, description = "No or a wrong bearer token", body = ErrorBody),
        (status = 404, description = "No such programme", body = ErrorBody),
        (status = 422, description = "The scenario or a change has problems, or the run is too long", body = ErrorBody),
        (status = 503, description = "Too many jobs waiting, or the server is stopping", body = ErrorBody),
    )
)]
pub async fn simulate(
    State(server): State<Server>,
    JsonBody(body): JsonBody<SimulateBody>,
) -> Result<Response, ApiError> {
    let settings = settings(&server, body.replications, body.seed)?;
    let input = source(body.programme, body.scenario, body.overrides);
    let (why, tornado) = (body.why, body.tornado.unwrap_or(true));
    let resolved = blocking(&server, move |store| {
        let resolved = resolve(store, &input)?;
        let scenario = &resolved.scenario;
        if why {
            check_milestones(scenario, None)?;
        }
        let mut forecasts = forecasts_with_tornado(scenario, tornado);
        if why {
            forecasts += subsets(scenario);
        }
        settings.check_work(scenario, forecasts)?;
        Ok(resolved)
    })
    .await?;
    let subject = resolved.name.clone();
    let job = server.jobs.submit(
        JobKind::Simulate,
        &subject,
        crate::jobs::work(move |services| {
            let request = ForecastRequest {
                overrides: Vec::new(),
                scenario: resolved.scenario,
                scenario_file: resolved.name,
                settings,
                explain: why,
                tornado,
            };
            let outcome = forecast(&request, services, None)?;
            let why = outcome
                .explanation
                .as_ref()
                .map(|explanation| explanation.document(&request.scenario, None));
            Ok(json!({
                "document": serde_json::from_str::<Value>(&outcome.document.to_json())?,
                "summary": outcome.summary(),
                "why": why,
                "warnings": warnings_json(&resolved.warnings),
                "changed_scenario": resolved.changed_toml,
            }))
        }),
    )?;
    Ok(accepted(&job))
}

/// The "why late" analysis of a scenario, as `relaunch why` makes it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WhyBody {
    /// A stored programme whose latest version to explain.
    pub programme: Option<String>,
    /// Or a scenario's TOML text (`extends` refused).
    pub scenario: Option<String>,
    /// Changes to make first (as for /simulate).
    #[schema(value_type = Option<Object>)]
    pub overrides: Option<Map<String, Value>>,
    /// Explain only this milestone (default: all).
    pub milestone: Option<String>,
    /// Quantiles of the milestone dates to explain, each between 0 and 1 (default 0.5 and 0.9).
    #[serde(default)]
    pub quantiles: Vec<f64>,
    pub replications: Option<u64>,
    pub seed: Option<u64>,
}

/// Explains each milestone's delay (a job): `relaunch why`. The job's result is
/// `{document, text}`.
#[utoipa::path(
    post, path = "/api/v1/why", tag = "runs",
    request_body(content = WhyBody, content_type = "application/json"),
    security(("bearer" = [])),
    responses(
        (status = 202, description = "The job, queued", body = JobView,
            headers(("Location" = String, description = "The job"))),
        (status = 401, description = "No or a wrong bearer token", body = ErrorBody),
        (status = 404, description = "No such programme", body = ErrorBody),
        (status = 422, description = "The scenario has problems or no milestones, an unknown milestone, a bad quantile", body = ErrorBody),
        (status = 503, description = "Too many jobs waiting, or the server is stopping", body = ErrorBody),
    )
)]
pub async fn why(
    State(server): State<Server>,
    JsonBody(body): JsonBody<WhyBody>,
) -> Result<Response, ApiError> {
    let settings = settings(&server, body.replications, body.seed)?;
    if let Some(q) = body.quantiles.iter().find(|q| !(**q > 0.0 && **q < 1.0)) {
        return Err(ApiError::invalid(format!(
            "the quantile {q} is not between 0 and 1 (such as 0.5 or 0.9)"
        )));
    }
    let input = source(body.programme, body.scenario, body.overrides);
    let milestone = body.milestone;
    let checked_milestone = milestone.clone();
    let resolved = blocking(&server, move |store| {
        let resolved = resolve(store, &input)?;
        check_milestones(&resolved.scenario, checked_milestone.as_deref())?;
        settings.check_work(&resolved.scenario, subsets(&resolved.scenario))?;
        Ok(resolved)
    })
    .await?;
    let subject = resolved.name.clone();
    let quantiles = body.quantiles;
    let job = server.jobs.submit(
        JobKind::Why,
        &subject,
        crate::jobs::work(move |services| {
            let request = ExplainRequest {
                scenario: resolved.scenario,
                scenario_file: resolved.name,
                settings,
                milestone,
                quantiles,
            };
            let outcome = explain(&request, services, None)?;
            Ok(json!({
                "document": serde_json::from_str::<Value>(&outcome.json)?,
                "text": outcome.text,
            }))
        }),
    )?;
    Ok(accepted(&job))
}

/// One variant of a comparison.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VariantBody {
    /// The variant's name in the comparison (default: the programme's or scenario's name).
    pub name: Option<String>,
    /// A stored programme's latest version.
    pub programme: Option<String>,
    /// Or a scenario's TOML text.
    pub scenario: Option<String>,
    /// Changes to make first (as for /simulate): a what-if of a programme against itself.
    #[schema(value_type = Option<Object>)]
    pub overrides: Option<Map<String, Value>>,
}

/// A comparison, as `relaunch compare` makes it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompareBody {
    /// Two to eight variants; the first is the reference unless `reference` names another.
    pub variants: Vec<VariantBody>,
    /// The reference variant's name.
    pub reference: Option<String>,
    /// `p50` (default), `p90`, `on-time` or `cost`.
    pub rank_by: Option<String>,
    /// The milestone the ranking compares (default: as the CLI chooses).
    pub milestone: Option<String>,
    /// Replications (default: the first variant's).
    pub replications: Option<u64>,
    pub seed: Option<u64>,
}

/// Compares variants on common random numbers (a job): `relaunch compare`. The job's result is
/// `{document}`, the comparison document.
#[utoipa::path(
    post, path = "/api/v1/compare", tag = "runs",
    request_body(content = CompareBody, content_type = "application/json"),
    security(("bearer" = [])),
    responses(
        (status = 202, description = "The job, queued", body = JobView,
            headers(("Location" = String, description = "The job"))),
        (status = 401, description = "No or a wrong bearer token", body = ErrorBody),
        (status = 404, description = "No such programme", body = ErrorBody),
        (status = 422, description = "A variant has problems, fewer than 2 or more than 8 variants, an unknown reference or milestone", body = ErrorBody),
        (status = 503, description = "Too many jobs waiting, or the server is stopping", body = ErrorBody),
    )
)]
pub async fn compare_variants(
    State(server): State<Server>,
    JsonBody(body): JsonBody<CompareBody>,
) -> Result<Response, ApiError> {
    if !(2..=MAX_VARIANTS).contains(&body.variants.len()) {
        return Err(ApiError::invalid(format!(
            "a comparison needs 2 to {MAX_VARIANTS} variants, not {}",
            body.variants.len()
        )));
    }
    let settings = settings(&server, body.replications, body.seed)?;
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
    let ranking = Ranking {
        by,
        milestone: body.milestone,
    };
    let reference = body.reference;
    let variants_in = body.variants;
    let request = blocking(&server, move |store| {
        let sources: Vec<NamedSource> = variants_in
            .into_iter()
            .map(|variant| NamedSource {
                name: variant.name,
                source: source(variant.programme, variant.scenario, variant.overrides),
            })
            .collect();
        let variants = resolve_variants(store, &sources)?;
        if let Some(id) = &reference {
            find_reference(id, &variants)?;
        }
        check_ranking(&ranking, &variants)?;
        let request = CompareRequest {
            variants,
            reference,
            ranking,
            settings,
        };
        let first = &request.variants[0].scenario;
        settings.check_work(first, request.variants.len() as u64)?;
        Ok(request)
    })
    .await?;
    let subject = request
        .variants
        .iter()
        .map(|variant| {
            variant
                .file
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" vs ");
    let job = server.jobs.submit(
        JobKind::Compare,
        &subject,
        crate::jobs::work(move |services| {
            let outcome = compare(&request, services, None)?;
            Ok(json!({ "document": serde_json::from_str::<Value>(&outcome.json)? }))
        }),
    )?;
    Ok(accepted(&job))
}

//! The dashboard's runs: a what-if, a "why late" analysis and a comparison of stored
//! programmes, as jobs like the API's (`/api/v1/jobs/{id}` and its events follow them), whose
//! result also holds the fragment the page inserts, rendered by relaunch-report from the typed
//! documents: the report's sections, its "Why late" section, the comparison's sections.
//! `GET /dashboard/jobs/{id}/fragment` gives that fragment once the job has succeeded.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, Response};
use maud::html;
use relaunch_app::compare::{CompareRequest, check_ranking, compare as run_compare};
use relaunch_app::run_input::{NamedSource, ScenarioSource, resolve_variants};
use relaunch_app::tracking::plan::with_actuals;
use relaunch_app::tracking::whatif::{self, Basis, WhatIfRequest};
use relaunch_app::tracking::why::{self, WhyRequest};
use relaunch_app::whatif::Override;
use relaunch_app::{AppError, RunSettings};
use relaunch_core::ranking::{RankBy, Ranking};
use relaunch_report::html::escape::UserText;
use relaunch_report::html::{ComparePage, Report, why_section};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::{PageError, PagePath};
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
/// tornado (a what-if wants its answer in about a second) from where the programme stands
/// ([`relaunch_app::tracking::whatif`]: the as-of state of its stored forecast when it has
/// actuals, else the plan from day 0); the job's result holds `summary`, `basis`, `milestones`
/// (each one's dates and chance) and `html`, the report's sections after a banner that says
/// which.
pub async fn whatif(
    State(server): State<Server>,
    JsonBody(body): JsonBody<WhatIfBody>,
) -> Result<Response, ApiError> {
    let request = WhatIfRequest {
        programme: body.programme.clone(),
        overrides: body
            .overrides
            .into_iter()
            .map(|(path, value)| Override { path, value })
            .collect(),
        settings: settings(&server, body.replications)?,
    };
    let changes = request.overrides.len();
    let prepared = blocking(&server, move |store| whatif::prepare(store, &request)).await?;
    let replications = prepared.replications();
    let version = server.version.to_string();
    let job = server.jobs.submit(
        JobKind::Simulate,
        &body.programme,
        work(move |services| {
            let outcome = prepared.run(services)?;
            let report = Report::new(&outcome.document)
                .scenario(prepared.scenario())
                .version(version)
                .body();
            let html = html! {
                p #whatif-basis.whatif-banner data-basis=(outcome.basis.kind()) {
                    "What-if " (outcome.basis.words()) ", with " (changes)
                    @if changes == 1 { " change" } @else { " changes" }
                    ", " (replications) " replications: not the stored forecast, and not stored."
                }
                (report)
            };
            let milestones: Vec<Value> = outcome
                .document
                .milestones
                .iter()
                .map(|m| {
                    json!({ "id": m.id, "due": m.due, "p10": m.p10, "p50": m.p50, "p90": m.p90,
                            "on_time_probability": m.on_time_probability, "actual": m.actual })
                })
                .collect();
            Ok(json!({
                "summary": relaunch_report::summary::text(&outcome.document),
                "basis": basis_json(&outcome.basis),
                "replications": replications,
                "milestones": milestones,
                "html": html.into_string(),
            }))
        }),
    )?;
    Ok(accepted(&job))
}

/// A basis as JSON: `kind` (`actuals` or `plan`), `as_of`, `forecast` and `words`.
fn basis_json(basis: &Basis) -> Value {
    match basis {
        Basis::Actuals {
            as_of,
            calibrated,
            forecast,
        } => json!({
            "kind": basis.kind(), "as_of": as_of.to_string(), "calibrated": calibrated,
            "forecast": forecast, "words": basis.words(),
        }),
        Basis::Plan => json!({ "kind": basis.kind(), "words": basis.words() }),
    }
}

/// A "why late" analysis of a stored programme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhyBody {
    pub programme: String,
    /// Default: the stored forecast's, else the scenario's, up to 100.
    pub replications: Option<u64>,
}

/// `POST /dashboard/why`: the analysis of the latest version from where the programme stands
/// ([`relaunch_app::tracking::why`]: from the stored forecast's as-of state, the milestones
/// already reached left out, when it has actuals; else the plan from day 0); the job's result
/// holds `text`, `basis` and `html`, the report's "Why late" section under a line that says
/// which.
pub async fn why(
    State(server): State<Server>,
    JsonBody(body): JsonBody<WhyBody>,
) -> Result<Response, ApiError> {
    let request = WhyRequest {
        programme: body.programme.clone(),
        settings: settings(&server, body.replications)?,
    };
    let prepared = blocking(&server, move |store| why::prepare(store, &request)).await?;
    let job = server.jobs.submit(
        JobKind::Why,
        &body.programme,
        work(move |services| {
            let outcome = prepared.run(services)?;
            let html = html! {
                @if outcome.forecast_calibrated {
                    p #why-calibration.why-calibration {
                        "The forecast above is calibrated from the actuals; this analysis is not \
                         (it explains the scenario's own assumptions from the as-of state), so its \
                         dates can differ."
                    }
                }
                p #why-basis.small.why-basis data-basis=(outcome.basis.kind()) {
                    "Why late, " (outcome.basis.words())
                    @if matches!(outcome.basis, Basis::Actuals { .. }) {
                        " (not calibrated: the analysis relaxes the scenario's own assumptions)"
                    }
                    ", " (outcome.replications) " replications of each of its forecasts."
                }
                @if !outcome.reached.is_empty() {
                    p.small.why-reached {
                        "Left out, already reached: "
                        @for (index, (id, date)) in outcome.reached.iter().enumerate() {
                            @if index > 0 { ", " }
                            (UserText::new(id)) " on " (date.to_string()) " (actual)"
                        }
                        "."
                    }
                }
                @if outcome.document.milestones.is_empty() {
                    p { "Every milestone is reached: nothing is late." }
                } @else {
                    (why_section(&outcome.document))
                }
            };
            Ok(json!({
                "text": outcome.text,
                "basis": basis_json(&outcome.basis),
                "html": html.into_string(),
            }))
        }),
    )?;
    Ok(accepted(&job))
}

/// A comparison of stored programmes, or of variants of stored programmes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareBody {
    /// Two to eight programmes (their latest versions); the first is the reference.
    #[serde(default)]
    pub programmes: Vec<String>,
    /// Or two to eight variants: a programme, optionally a version of it and overrides, under
    /// a name; the first is the reference.
    #[serde(default)]
    pub variants: Vec<VariantBody>,
    /// `p50` (default), `p90`, `on-time` or `cost`.
    pub rank_by: Option<String>,
    pub replications: Option<u64>,
}

/// One variant of a comparison: programme `programme` (version `version`, else the latest)
/// with `overrides`, named `name` (default: the programme's name).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantBody {
    pub name: Option<String>,
    pub programme: String,
    pub version: Option<i64>,
    #[serde(default)]
    pub overrides: Map<String, Value>,
}

/// `POST /dashboard/compare`: the programmes' latest versions, or the variants, compared on
/// common random numbers; the job's result holds `html`, the comparison's sections (without
/// links to the variants' own reports, which the server does not keep).
pub async fn compare(
    State(server): State<Server>,
    JsonBody(body): JsonBody<CompareBody>,
) -> Result<Response, ApiError> {
    let max = crate::api::runs::MAX_VARIANTS;
    let sources: Vec<NamedSource> = match (body.programmes.is_empty(), body.variants.is_empty()) {
        (false, true) => body
            .programmes
            .into_iter()
            .map(|name| NamedSource {
                name: None,
                source: ScenarioSource {
                    programme: Some(name),
                    ..ScenarioSource::default()
                },
            })
            .collect(),
        (true, false) => body
            .variants
            .into_iter()
            .map(|variant| NamedSource {
                name: variant.name.filter(|name| !name.trim().is_empty()),
                source: ScenarioSource {
                    programme: Some(variant.programme),
                    version: variant.version,
                    scenario: None,
                    overrides: variant
                        .overrides
                        .into_iter()
                        .map(|(path, value)| Override { path, value })
                        .collect(),
                },
            })
            .collect(),
        (false, false) => {
            return Err(ApiError::invalid(
                "give `programmes` or `variants` to compare, not both",
            ));
        }
        (true, true) => Vec::new(),
    };
    if !(2..=max).contains(&sources.len()) {
        return Err(ApiError::invalid(format!(
            "pick 2 to {max} programmes or variants to compare, not {}",
            sources.len()
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
    let subject = sources
        .iter()
        .map(|named| {
            named
                .name
                .clone()
                .or_else(|| named.source.programme.clone())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" vs ");
    let request = blocking(&server, move |store| {
        let names: Vec<String> = sources
            .iter()
            .filter_map(|named| named.source.programme.clone())
            .collect();
        let with_actuals = with_actuals(store, &names)?;
        let variants = resolve_variants(store, &sources)?;
        let ranking = Ranking {
            by,
            milestone: None,
        };
        check_ranking(&ranking, &variants)?;
        settings.check_work(&variants[0].scenario, variants.len() as u64)?;
        Ok((
            CompareRequest {
                variants,
                reference: None,
                ranking,
                settings,
            },
            with_actuals,
        ))
    })
    .await?;
    let (request, with_actuals) = request;
    let version = server.version.to_string();
    let job = server.jobs.submit(
        JobKind::Compare,
        &subject,
        work(move |services| {
            let outcome = run_compare(&request, services, None)?;
            let html = html! {
                @if !with_actuals.is_empty() {
                    p #compare-from-day-0.compare-note {
                        "Each variant is its plan from day 0: the actuals are not used (a \
                         comparison does not start from them), though "
                        @for (index, name) in with_actuals.iter().enumerate() {
                            @if index > 0 { ", " }
                            (UserText::new(name))
                        }
                        @if with_actuals.len() == 1 { " has actuals stored." } @else { " have actuals stored." }
                    }
                }
                (ComparePage::new(&outcome.document)
                    .version(version)
                    .without_report_links()
                    .body())
            }
            .into_string();
            Ok(json!({ "html": html }))
        }),
    )?;
    Ok(accepted(&job))
}

/// `GET /dashboard/jobs/{id}/fragment`: the HTML of a dashboard job that has succeeded.
pub async fn fragment(
    State(server): State<Server>,
    PagePath(id): PagePath<String>,
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

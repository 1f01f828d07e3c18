//! Programmes and their scenario versions: list, read, save a new version from TOML, check a
//! scenario without saving it, the localization ledger.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use relaunch_app::localization::{LedgerDocument, localization};
use relaunch_app::scenario_text::{load_text, text_of};
use relaunch_app::tracking::catalogue::{self, SCENARIO_FILE};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::views::{ProgrammeDetail, ProgrammeItem, SavedView, ScenarioFacts, VersionView};
use super::{blocking, now};
use crate::Server;
use crate::error::{ApiError, DiagnosticJson, ErrorBody};
use crate::extract::{Path, Query, RawBody};

/// Every programme in the store, by name, with its latest version, last forecast and last
/// import.
#[utoipa::path(
    get, path = "/api/v1/programmes", tag = "programmes",
    responses(
        (status = 200, description = "The programmes, sorted by name", body = [ProgrammeItem]),
        (status = 500, description = "The server failed", body = ErrorBody),
    )
)]
pub async fn list_programmes(
    State(server): State<Server>,
) -> Result<Json<Vec<ProgrammeItem>>, ApiError> {
    let summaries = blocking(&server, catalogue::list).await?;
    Ok(Json(summaries.iter().map(ProgrammeItem::of).collect()))
}

/// Saves a scenario (TOML, the request body) as a version of the programme its `name` names,
/// creating the programme if it is new. `extends` is refused: send the resolved scenario.
#[utoipa::path(
    post, path = "/api/v1/programmes", tag = "programmes",
    request_body(content = String, content_type = "application/toml",
        description = "The scenario file's TOML text"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "A new version was saved", body = SavedView,
            headers(("Location" = String, description = "The programme"))),
        (status = 200, description = "The same scenario was stored already: no new version", body = SavedView),
        (status = 401, description = "No or a wrong bearer token", body = ErrorBody),
        (status = 422, description = "The scenario has problems: each with file, line, column, message, help", body = ErrorBody),
    )
)]
pub async fn create_programme(
    State(server): State<Server>,
    RawBody(body): RawBody,
) -> Result<Response, ApiError> {
    save(server, body.to_vec(), None).await
}

/// Saves a new version of programme `name` (TOML, the request body); the scenario's `name`
/// must be `name`.
#[utoipa::path(
    put, path = "/api/v1/programmes/{name}/scenario", tag = "programmes",
    params(("name" = String, Path, description = "The programme (its scenario's name)")),
    request_body(content = String, content_type = "application/toml",
        description = "The scenario file's TOML text"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "A new version was saved", body = SavedView),
        (status = 200, description = "The same scenario was stored already: no new version", body = SavedView),
        (status = 401, description = "No or a wrong bearer token", body = ErrorBody),
        (status = 422, description = "The scenario has problems, or names another programme", body = ErrorBody),
    )
)]
pub async fn put_scenario(
    State(server): State<Server>,
    Path(name): Path<String>,
    RawBody(body): RawBody,
) -> Result<Response, ApiError> {
    save(server, body.to_vec(), Some(name)).await
}

async fn save(
    server: Server,
    body: Vec<u8>,
    expected: Option<String>,
) -> Result<Response, ApiError> {
    let created = now();
    let (saved, versions) = blocking(&server, move |store| {
        let text = text_of(SCENARIO_FILE, &body)?;
        let saved = catalogue::save(store, &text, expected.as_deref(), &created)?;
        let versions = catalogue::versions(store, saved.programme.programme.name())?.len();
        Ok((saved, versions))
    })
    .await?;
    let detail = ProgrammeDetail::of(&saved.programme, versions);
    let status = if saved.version.new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let location = detail.links.this.clone();
    Ok((
        status,
        [(header::LOCATION, location)],
        Json(SavedView {
            new_version: saved.version.new,
            programme: detail,
        }),
    )
        .into_response())
}

/// Which version to read.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// The version number (default: the latest).
    pub version: Option<i64>,
}

/// Programme `name`: its latest (or chosen) version, the scenario's TOML, its facts (dates,
/// milestones, ids) and its pre-flight warnings.
#[utoipa::path(
    get, path = "/api/v1/programmes/{name}", tag = "programmes",
    params(("name" = String, Path, description = "The programme (its scenario's name)"), VersionQuery),
    responses(
        (status = 200, description = "The programme", body = ProgrammeDetail),
        (status = 404, description = "No such programme", body = ErrorBody),
        (status = 422, description = "No such version, or the stored scenario no longer reads", body = ErrorBody),
    )
)]
pub async fn get_programme(
    State(server): State<Server>,
    Path(name): Path<String>,
    Query(query): Query<VersionQuery>,
) -> Result<Json<ProgrammeDetail>, ApiError> {
    let (stored, versions) = blocking(&server, move |store| {
        let versions = catalogue::versions(store, &name)?.len();
        let stored = match query.version {
            Some(number) => catalogue::version(store, &name, number)?,
            None => catalogue::latest(store, &name)?,
        };
        Ok((stored, versions))
    })
    .await?;
    Ok(Json(ProgrammeDetail::of(&stored, versions)))
}

/// The scenario of programme `name` as TOML (`application/toml`): the latest version, or the
/// one `version` names.
#[utoipa::path(
    get, path = "/api/v1/programmes/{name}/scenario", tag = "programmes",
    params(("name" = String, Path, description = "The programme (its scenario's name)"), VersionQuery),
    responses(
        (status = 200, description = "The scenario's TOML", body = String, content_type = "application/toml"),
        (status = 404, description = "No such programme", body = ErrorBody),
        (status = 422, description = "No such version", body = ErrorBody),
    )
)]
pub async fn get_scenario(
    State(server): State<Server>,
    Path(name): Path<String>,
    Query(query): Query<VersionQuery>,
) -> Result<Response, ApiError> {
    let stored = blocking(&server, move |store| match query.version {
        Some(number) => catalogue::version(store, &name, number),
        None => catalogue::latest(store, &name),
    })
    .await?;
    Ok((
        [(header::CONTENT_TYPE, "application/toml; charset=utf-8")],
        stored.toml,
    )
        .into_response())
}

/// Every version of programme `name`, oldest first.
#[utoipa::path(
    get, path = "/api/v1/programmes/{name}/scenario/versions", tag = "programmes",
    params(("name" = String, Path, description = "The programme (its scenario's name)")),
    responses(
        (status = 200, description = "The versions, oldest first", body = [VersionView]),
        (status = 404, description = "No such programme", body = ErrorBody),
    )
)]
pub async fn list_versions(
    State(server): State<Server>,
    Path(name): Path<String>,
) -> Result<Json<Vec<VersionView>>, ApiError> {
    let versions = blocking(&server, move |store| catalogue::versions(store, &name)).await?;
    Ok(Json(versions.iter().map(VersionView::of).collect()))
}

/// The localization ledger of programme `name`'s latest version: points by date against the
/// threshold in force (`relaunch localization --json`).
#[utoipa::path(
    get, path = "/api/v1/programmes/{name}/localization", tag = "programmes",
    params(("name" = String, Path, description = "The programme (its scenario's name)")),
    responses(
        (status = 200, description = "The ledger: timeline and first date the threshold is met", body = Object),
        (status = 404, description = "No such programme", body = ErrorBody),
        (status = 422, description = "The scenario has no [localization] table", body = ErrorBody),
    )
)]
pub async fn get_localization(
    State(server): State<Server>,
    Path(name): Path<String>,
) -> Result<Json<LedgerDocument>, ApiError> {
    let ledger = blocking(&server, move |store| {
        let stored = catalogue::latest(store, &name)?;
        localization(&stored.programme.scenario)
    })
    .await?;
    Ok(Json(ledger.document()))
}

/// The outcome of a check.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CheckView {
    /// The scenario reads: what `relaunch check` says OK to.
    pub ok: bool,
    pub scenario: ScenarioFacts,
    /// Pre-flight warnings (plans that cannot work), placed in the text.
    pub warnings: Vec<DiagnosticJson>,
}

/// Reads and checks a scenario (TOML, the request body) without saving it: `relaunch check`.
#[utoipa::path(
    post, path = "/api/v1/check", tag = "programmes",
    request_body(content = String, content_type = "application/toml",
        description = "The scenario file's TOML text"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The scenario reads; its warnings", body = CheckView),
        (status = 401, description = "No or a wrong bearer token", body = ErrorBody),
        (status = 422, description = "The scenario has problems: each with file, line, column, message, help", body = ErrorBody),
    )
)]
pub async fn check(
    State(server): State<Server>,
    RawBody(body): RawBody,
) -> Result<Json<CheckView>, ApiError> {
    let checked = blocking(&server, move |_| {
        let text = text_of(SCENARIO_FILE, &body)?;
        load_text(SCENARIO_FILE, &text)
    })
    .await?;
    Ok(Json(CheckView {
        ok: true,
        scenario: ScenarioFacts::of(&checked.scenario),
        warnings: checked
            .warnings
            .iter()
            .map(DiagnosticJson::warning)
            .collect(),
    }))
}

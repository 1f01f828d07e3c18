//! The routes under `/api/v1`, their OpenAPI document (generated from the handlers' `#[utoipa::path]`
//! attributes) at `/api/v1/openapi.json`, the API browser (Swagger UI, vendored) at
//! `/api/v1/docs/`, and the dashboard's pages (`crate::pages`).
//!
//! | resource | methods |
//! |---|---|
//! | `/api/v1/programmes` | GET list, POST a scenario (new programme or version) |
//! | `/api/v1/programmes/{name}` | GET the latest version, its TOML, facts, warnings |
//! | `/api/v1/programmes/{name}/scenario` | GET the TOML, PUT a new version |
//! | `/api/v1/programmes/{name}/scenario/versions` | GET |
//! | `/api/v1/programmes/{name}/localization` | GET the ledger |
//! | `/api/v1/programmes/{name}/actuals` | GET what is stored, POST a CSV/XLSX upload |
//! | `/api/v1/programmes/{name}/status` | GET plan vs actual |
//! | `/api/v1/programmes/{name}/forecasts` | GET the history, POST a forecast (job) |
//! | `/api/v1/programmes/{name}/forecasts/{id}` | GET one with its document |
//! | `/api/v1/check` | POST a scenario to check |
//! | `/api/v1/simulate`, `/why`, `/compare` | POST (jobs) |
//! | `/api/v1/jobs`, `/jobs/{id}`, `/jobs/{id}/events` | GET; DELETE cancels |

pub mod actuals;
pub mod forecasts;
pub mod jobs;
pub mod programmes;
pub mod runs;
pub mod views;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use relaunch_app::AppError;
use relaunch_app::tracking::StoreHandle;
use tower_http::trace::TraceLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use utoipa_swagger_ui::SwaggerUi;

use crate::Server;
use crate::error::ApiError;
use crate::jobs::{Job, JobView};

/// The OpenAPI document's frame; the paths come from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "relaunch",
        description = "Plan, simulate and track the restart of a vehicle assembly plant: \
            programmes (a scenario and its versions), their actuals, forecasts from them, and \
            runs (simulate, why, compare) as jobs with progress over server-sent events. \
            Reads are open; writes (POST, PUT, DELETE) need `Authorization: Bearer TOKEN`. \
            Errors are `{error, message, diagnostics?, id?}`: 401 without the token, 404 for \
            what is not stored, 422 for bad input with the command line's diagnostics.",
        license(name = "MIT OR Apache-2.0"),
    ),
    tags(
        (name = "programmes", description = "Programmes and their scenario versions"),
        (name = "actuals", description = "What happened in the plant, and plan vs actual"),
        (name = "forecasts", description = "Forecasts from the actuals, stored"),
        (name = "runs", description = "Forecasts, why-late analyses and comparisons of scenarios and what-ifs (jobs, not stored)"),
        (name = "jobs", description = "Long runs: state, progress events, cancellation"),
    ),
    modifiers(&BearerToken),
)]
pub struct ApiDoc;

/// Declares the bearer token that writes need.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "The server's token: RELAUNCH_TOKEN, --token-file, or the one printed \
                         when the server started",
                    ))
                    .build(),
            ),
        );
    }
}

/// The API's routes and their OpenAPI document.
pub fn api_routes() -> (Router<Server>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(
            programmes::list_programmes,
            programmes::create_programme
        ))
        .routes(routes!(programmes::get_programme))
        .routes(routes!(programmes::get_scenario, programmes::put_scenario))
        .routes(routes!(programmes::list_versions))
        .routes(routes!(programmes::get_localization))
        .routes(routes!(actuals::list_actuals, actuals::import))
        .routes(routes!(actuals::get_status))
        .routes(routes!(
            forecasts::list_forecasts,
            forecasts::start_forecast
        ))
        .routes(routes!(forecasts::get_forecast))
        .routes(routes!(programmes::check))
        .routes(routes!(runs::simulate))
        .routes(routes!(runs::why))
        .routes(routes!(runs::compare_variants))
        .routes(routes!(jobs::list_jobs))
        .routes(routes!(jobs::get_job, jobs::cancel_job))
        .routes(routes!(jobs::job_events))
        .split_for_parts()
}

/// The whole router: the API behind the token check for writes, the OpenAPI document, the API
/// browser and the dashboard; unknown paths answer a 404 (JSON under `/api/` and
/// `/dashboard/`, else the dashboard's page), a method a path does not take a JSON 405
/// (`method_not_allowed`).
pub fn router(server: Server) -> Router {
    let (api, openapi) = api_routes();
    let api = api.layer(axum::middleware::from_fn_with_state(
        server.token.clone(),
        crate::auth::require_token_for_writes,
    ));
    Router::new()
        .merge(api)
        .merge(SwaggerUi::new("/api/v1/docs").url("/api/v1/openapi.json", openapi))
        .merge(crate::pages::router(&server))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(crate::MAX_BODY_BYTES))
        .layer(TraceLayer::new_for_http())
        .with_state(server)
}

async fn not_found(uri: axum::http::Uri) -> Response {
    let path = uri.path();
    if path.starts_with("/api/") || path.starts_with("/dashboard/") {
        ApiError::not_found(format!(
            "nothing at {path}: the API's paths are listed at /api/v1/docs/"
        ))
        .into_response()
    } else {
        crate::pages::PageError::not_found(format!(
            "There is no page at {path}: the programmes are listed on the first page."
        ))
        .into_response()
    }
}

async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!(
            "{method} is not taken at {}: see /api/v1/docs/ for the methods each path takes",
            uri.path()
        ),
    )
}

/// Runs `work` on the blocking pool with the store: the store is synchronous and the use cases
/// may take a while.
pub(crate) async fn blocking<T, F>(server: &Server, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&StoreHandle) -> Result<T, AppError> + Send + 'static,
{
    let store = server.store.clone();
    tokio::task::spawn_blocking(move || work(&store))
        .await
        .map_err(|error| ApiError::internal(&error))?
        .map_err(ApiError::from)
}

/// Now (RFC 3339), for what is stored.
pub(crate) fn now() -> String {
    crate::jobs::now()
}

/// A date `YYYY-MM-DD`, or 422 saying so.
pub(crate) fn parse_date(text: &str) -> Result<jiff::civil::Date, ApiError> {
    text.parse::<jiff::civil::Date>().map_err(|_| {
        ApiError::invalid(format!(
            "expected a date written YYYY-MM-DD, such as 2024-03-27, not `{text}`"
        ))
    })
}

/// Whether `?format=` asks for text (`text`) rather than JSON (`json`, the default).
pub(crate) fn wants_text(format: Option<&str>) -> Result<bool, ApiError> {
    match format {
        None | Some("json") => Ok(false),
        Some("text") => Ok(true),
        Some(other) => Err(ApiError::invalid(format!(
            "format `{other}` is not one of json, text"
        ))),
    }
}

/// `text` as `text/plain`.
pub(crate) fn plain_text(text: String) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

/// 202 with the job and its address.
pub(crate) fn accepted(job: &Job) -> Response {
    let view = JobView::of(job, false);
    (
        StatusCode::ACCEPTED,
        [(header::LOCATION, view.links.this.clone())],
        axum::Json(view),
    )
        .into_response()
}

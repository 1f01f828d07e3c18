//! A programme's forecasts from its actuals: start one (a job; the forecast is stored as the
//! CLI's `relaunch forecast` stores it), the history of every stored forecast (the milestone
//! trend), and one stored forecast with its result document.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use relaunch_app::AppError;
use relaunch_app::RunSettings;
use relaunch_app::run::forecasts_with_tornado;
use relaunch_app::tracking::catalogue;
use relaunch_app::tracking::forecast::{AsOfRequest, forecast};
use relaunch_app::tracking::history::history;
use relaunch_app::tracking::plan::{has_actuals, plan_forecast};
use relaunch_app::tracking::{as_of_date, stored_actuals};
use relaunch_report::tracking::HistoryDocument;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};

use super::views::ForecastView;
use super::{accepted, blocking, now, parse_date, plain_text, wants_text};
use crate::Server;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{OptionalJson, Path, Query};
use crate::jobs::{JobKind, JobView};

/// What to forecast from the actuals; every field may be left out.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForecastBody {
    /// Forecast from the end of this day, `YYYY-MM-DD` (default: the last actuals date).
    pub as_of: Option<String>,
    /// Replications (default: the scenario's).
    pub replications: Option<u64>,
    /// The seed (default: the scenario's).
    pub seed: Option<u64>,
    /// Re-estimate yield, kit lead times, attrition and the learning rate from the actuals and
    /// forecast with them (`--calibrate`).
    #[serde(default)]
    pub calibrate: bool,
    /// Measure each risk's effect on the milestones (default true; one more forecast per risk).
    pub tornado: Option<bool>,
}

/// Starts a forecast of programme `name` from its actuals at `as_of` (a job); a programme
/// without actuals gets its plan's forecast from day 0 (kind `plan`, no as-of). The forecast is
/// stored when it finishes; the job's result is `{forecast, document, calibration?}`.
#[utoipa::path(
    post, path = "/api/v1/programmes/{name}/forecasts", tag = "forecasts",
    params(("name" = String, Path, description = "The programme (its scenario's name)")),
    request_body(content = ForecastBody, content_type = "application/json",
        description = "The forecast's settings (an empty body takes every default)"),
    security(("bearer" = [])),
    responses(
        (status = 202, description = "The job, queued", body = JobView,
            headers(("Location" = String, description = "The job"))),
        (status = 401, description = "No or a wrong bearer token", body = ErrorBody),
        (status = 404, description = "No such programme", body = ErrorBody),
        (status = 422, description = "as_of or calibrate without actuals, as_of outside the scenario, or a bad setting", body = ErrorBody),
        (status = 503, description = "Too many jobs waiting, or the server is stopping", body = ErrorBody),
    )
)]
pub async fn start_forecast(
    State(server): State<Server>,
    Path(name): Path<String>,
    OptionalJson(body): OptionalJson<ForecastBody>,
) -> Result<Response, ApiError> {
    let as_of = body.as_of.as_deref().map(parse_date).transpose()?;
    let settings = RunSettings {
        replications: body.replications,
        seed: body.seed,
        threads: Some(server.threads),
        allow_long_run: false,
    };
    if body.replications == Some(0) {
        return Err(ApiError::invalid("replications must be at least 1"));
    }
    let created = now();
    let tornado = body.tornado.unwrap_or(true);
    // What can be refused at once is, before a job is made: an unknown programme, no actuals,
    // an as-of date outside the horizon, a run too long.
    // Without actuals (as_of and calibrate left out), the plan's forecast from day 0.
    let lookup_name = name.clone();
    let calibrate = body.calibrate;
    let (programme, from_actuals) = blocking(&server, move |store| {
        let stored = catalogue::latest(store, &lookup_name)?;
        let from_actuals = has_actuals(store, &stored.programme)? || as_of.is_some();
        if from_actuals {
            let (_, actuals) = stored_actuals(store, &stored.programme)?;
            as_of_date(&stored.programme.scenario, &actuals, as_of)?;
        } else if calibrate {
            return Err(AppError::Request(
                "calibrate needs actuals: upload them first, or leave it out for a forecast \
                 of the plan from day 0"
                    .to_string(),
            ));
        }
        let forecasts = forecasts_with_tornado(&stored.programme.scenario, tornado);
        settings.check_work(&stored.programme.scenario, forecasts)?;
        Ok((stored.programme, from_actuals))
    })
    .await?;
    let request = AsOfRequest {
        as_of,
        settings,
        calibrate: body.calibrate,
        tornado,
        created,
    };
    let store = server.store.clone();
    let job = server.jobs.submit(
        JobKind::Forecast,
        &name,
        crate::jobs::work(move |services| {
            let (id, document, calibration) = if from_actuals {
                let outcome = forecast(&store, &programme, &request, services, None)?;
                (outcome.id, outcome.document, outcome.calibration)
            } else {
                let outcome = plan_forecast(&store, &programme, &request, services)?;
                (outcome.id, outcome.document, None)
            };
            let stored = store
                .call(|store| store.forecasts(programme.name()))?
                .into_iter()
                .find(|stored| stored.id == id)
                .ok_or_else(|| AppError::Corrupt(format!("forecast {id} is not stored")))?;
            Ok(json!({
                "forecast": ForecastView::of(&stored),
                "document": serde_json::from_str::<Value>(&document.to_json())?,
                "calibration": calibration,
                "summary": relaunch_report::summary::text(&document),
            }))
        }),
    )?;
    Ok(accepted(&job))
}

/// The form of a history.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// `json` (default): the document as `relaunch history --json` prints it; `text`: the
    /// tables as `relaunch history` prints them (`text/plain`).
    pub format: Option<String>,
}

/// Every stored forecast of programme `name` with its milestones' P10/P50/P90 by as-of date:
/// the milestone trend (`relaunch history --json`; `?format=text` for the text). Empty
/// `forecasts` when none is stored.
#[utoipa::path(
    get, path = "/api/v1/programmes/{name}/forecasts", tag = "forecasts",
    params(("name" = String, Path, description = "The programme (its scenario's name)"), HistoryQuery),
    responses(
        (status = 200, description = "The history document", body = Object),
        (status = 404, description = "No such programme", body = ErrorBody),
    )
)]
pub async fn list_forecasts(
    State(server): State<Server>,
    Path(name): Path<String>,
    Query(query): Query<HistoryQuery>,
) -> Result<Response, ApiError> {
    let text = wants_text(query.format.as_deref())?;
    let created = now();
    let document = blocking(&server, move |store| {
        let stored = catalogue::latest(store, &name)?;
        match history(store, &stored.programme, &created, None) {
            Err(AppError::NoForecasts { programme, .. }) => Ok(HistoryDocument {
                scenario: programme,
                forecasts: Vec::new(),
            }),
            other => other,
        }
    })
    .await?;
    if text {
        Ok(plain_text(relaunch_report::tracking::history_text(
            &document,
        )))
    } else {
        Ok(Json(document).into_response())
    }
}

/// A stored forecast with its result document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StoredForecastView {
    pub forecast: ForecastView,
    /// The result document, as `relaunch forecast --json` printed it.
    #[schema(value_type = Object)]
    pub document: Value,
}

/// Stored forecast `id` of programme `name`, with its result document.
#[utoipa::path(
    get, path = "/api/v1/programmes/{name}/forecasts/{id}", tag = "forecasts",
    params(
        ("name" = String, Path, description = "The programme (its scenario's name)"),
        ("id" = i64, Path, description = "The forecast's id"),
    ),
    responses(
        (status = 200, description = "The forecast", body = StoredForecastView),
        (status = 404, description = "No such programme or forecast", body = ErrorBody),
    )
)]
pub async fn get_forecast(
    State(server): State<Server>,
    Path((name, id)): Path<(String, i64)>,
) -> Result<Response, ApiError> {
    let (stored, document) = blocking(&server, move |store| {
        catalogue::versions(store, &name)?;
        catalogue::forecast(store, &name, id)
    })
    .await?;
    let document: Value =
        serde_json::from_str(&document).map_err(|error| ApiError::internal(&error))?;
    Ok(Json(StoredForecastView {
        forecast: ForecastView::of(&stored),
        document,
    })
    .into_response())
}

//! The jobs resource: a job's state and result, its server-sent events, cancelling it, and the
//! list of jobs kept.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::sse::{KeepAlive, Sse};
use axum::response::{IntoResponse, Response};

use crate::Server;
use crate::error::{ApiError, ErrorBody};
use crate::extract::Path;
use crate::jobs::{JobState, JobView, events};

fn unknown(id: &str) -> ApiError {
    ApiError::not_found(format!(
        "no job `{id}`: jobs are kept in memory, the oldest finished ones are dropped, and all \
         are gone when the server restarts"
    ))
}

/// Every job kept, newest first, without results.
#[utoipa::path(
    get, path = "/api/v1/jobs", tag = "jobs",
    responses((status = 200, description = "The jobs, newest first", body = [JobView]))
)]
pub async fn list_jobs(State(server): State<Server>) -> Json<Vec<JobView>> {
    Json(
        server
            .jobs
            .list()
            .iter()
            .map(|job| JobView::of(job, false))
            .collect(),
    )
}

/// Job `id`: its state, progress (`done` of `total`), and its result once it succeeded or its
/// error once it failed.
#[utoipa::path(
    get, path = "/api/v1/jobs/{id}", tag = "jobs",
    params(("id" = String, Path, description = "The job's id")),
    responses(
        (status = 200, description = "The job", body = JobView),
        (status = 404, description = "No such job (jobs live in memory)", body = ErrorBody),
    )
)]
pub async fn get_job(
    State(server): State<Server>,
    Path(id): Path<String>,
) -> Result<Json<JobView>, ApiError> {
    let job = server.jobs.get(&id).ok_or_else(|| unknown(&id))?;
    Ok(Json(JobView::of(&job, true)))
}

/// Job `id`'s server-sent events: `progress` (`{state, phase, done, total}`) at once and as the
/// job moves, then one of `done`, `failed` or `cancelled` (the job without its result, which
/// `GET /api/v1/jobs/{id}` gives), and the stream ends.
#[utoipa::path(
    get, path = "/api/v1/jobs/{id}/events", tag = "jobs",
    params(("id" = String, Path, description = "The job's id")),
    responses(
        (status = 200, description = "A text/event-stream of progress, then done, failed or cancelled", content_type = "text/event-stream", body = String),
        (status = 404, description = "No such job", body = ErrorBody),
    )
)]
pub async fn job_events(
    State(server): State<Server>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let job = server.jobs.get(&id).ok_or_else(|| unknown(&id))?;
    Ok(Sse::new(events(job))
        .keep_alive(KeepAlive::default())
        .into_response())
}

/// Cancels job `id`: a queued job at once, a running one at its next replication (it stores
/// nothing). A finished job is left as it is (409).
#[utoipa::path(
    delete, path = "/api/v1/jobs/{id}", tag = "jobs",
    params(("id" = String, Path, description = "The job's id")),
    security(("bearer" = [])),
    responses(
        (status = 202, description = "Cancelling: the job ends `cancelled`", body = JobView),
        (status = 401, description = "No or a wrong bearer token", body = ErrorBody),
        (status = 404, description = "No such job", body = ErrorBody),
        (status = 409, description = "The job had finished already", body = ErrorBody),
    )
)]
pub async fn cancel_job(
    State(server): State<Server>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let job = server.jobs.get(&id).ok_or_else(|| unknown(&id))?;
    let before = job.cancel();
    if before.is_final() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "finished",
            format!(
                "job `{id}` has {} already",
                match before {
                    JobState::Succeeded => "succeeded",
                    JobState::Failed => "failed",
                    _ => "been cancelled",
                }
            ),
        ));
    }
    Ok((StatusCode::ACCEPTED, Json(JobView::of(&job, false))).into_response())
}

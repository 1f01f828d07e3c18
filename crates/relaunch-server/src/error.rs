//! Errors as the API answers them: one [`ApiError`] that every handler returns, written as JSON
//! `{error, message, diagnostics?, id?}`.
//!
//! A user error of the use cases ([`AppError::is_user_error`]) becomes 422 (404 when it names
//! a programme or forecast that is not stored) with the CLI's diagnostics as JSON: file, line,
//! column, message, label, help and the quoted source line. Anything else is the server's
//! failure: it is logged with an id and answered 500 with that id and nothing of its cause, so
//! no store URL, path or query reaches a client.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use relaunch_app::AppError;
use relaunch_scenario::{Diagnostic, Diagnostics, PlacedWarning};
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every error answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorBody {
    /// A stable code: `unauthorized`, `not_found`, `invalid_scenario`, `invalid_actuals`,
    /// `invalid_request`, `no_actuals`, `payload_too_large`, `unsupported_media_type`,
    /// `busy`, `store_unavailable`, `method_not_allowed`, `internal`.
    pub error: String,
    /// What went wrong, in words, for a person.
    pub message: String,
    /// Each problem of a scenario or an actuals file, placed (the CLI's diagnostics).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<Vec<DiagnosticJson>>,
    /// For an internal error: the reference under which the server logged it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// One problem (or pre-flight warning) placed in a file, as `relaunch check` prints it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DiagnosticJson {
    /// The file (for a scenario sent as text, `scenario.toml`; for an upload, its name).
    pub file: String,
    /// 1-based line and column (columns count characters); 0 when the problem has no place.
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// What was expected, or a suggestion, written beside the place.
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The source line quoted (control and invisible characters escaped, long lines cut).
    pub source_line: String,
    /// For a pre-flight warning, its code (`plan-above-capacity`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl DiagnosticJson {
    pub fn of(diagnostic: &Diagnostic) -> DiagnosticJson {
        DiagnosticJson {
            file: diagnostic.file.clone(),
            line: diagnostic.line,
            column: diagnostic.column,
            message: diagnostic.message.clone(),
            label: diagnostic.label.clone(),
            help: diagnostic.help.clone(),
            source_line: diagnostic.source_line.clone(),
            code: None,
        }
    }

    pub fn warning(warning: &PlacedWarning) -> DiagnosticJson {
        DiagnosticJson {
            code: Some(warning.code.to_string()),
            ..DiagnosticJson::of(&warning.diagnostic)
        }
    }
}

/// An error answer: a status and its JSON body.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
}

impl ApiError {
    pub fn new(status: StatusCode, error: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: ErrorBody {
                error: error.to_string(),
                message: message.into(),
                diagnostics: None,
                id: None,
            },
        }
    }

    /// 422: the request cannot be done as asked, in words.
    pub fn invalid(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request", message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 500 for a failure of the server: logged under a new id, answered with the id only.
    pub fn internal(cause: &dyn std::fmt::Display) -> ApiError {
        let id = crate::auth::random_hex(6);
        tracing::error!(error.id = %id, "internal error: {cause}");
        let mut error = ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("internal error {id}: the server's log has the details"),
        );
        error.body.id = Some(id);
        error
    }

    fn with_diagnostics(mut self, diagnostics: &Diagnostics) -> ApiError {
        self.body.diagnostics = Some(diagnostics.0.iter().map(DiagnosticJson::of).collect());
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

/// "1 problem", "3 problems".
fn problems(count: usize) -> String {
    if count == 1 {
        "1 problem".to_string()
    } else {
        format!("{count} problems")
    }
}

/// A use case's message without the CLI's `error: ` and the final line break.
fn words(error: &AppError) -> String {
    let text = error.to_string();
    let text = text.trim_end();
    text.strip_prefix("error: ").unwrap_or(text).to_string()
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> ApiError {
        let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
        match &error {
            AppError::Scenario(diagnostics) => ApiError::new(
                unprocessable,
                "invalid_scenario",
                format!("the scenario has {}", problems(diagnostics.0.len())),
            )
            .with_diagnostics(diagnostics),
            AppError::Several(errors) => {
                // The variants of a comparison: every problem of every one.
                let mut all = Vec::new();
                for error in errors {
                    if let AppError::Scenario(diagnostics) = error {
                        all.extend(diagnostics.0.iter().cloned());
                    }
                }
                ApiError::new(
                    unprocessable,
                    "invalid_scenario",
                    format!("the scenarios have {}", problems(all.len())),
                )
                .with_diagnostics(&Diagnostics(all))
            }
            AppError::Actuals(diagnostics) => ApiError::new(
                unprocessable,
                "invalid_actuals",
                format!(
                    "the stored actuals no longer fit the scenario: {}",
                    problems(diagnostics.0.len())
                ),
            )
            .with_diagnostics(diagnostics),
            AppError::ImportRefused(diagnostics) => ApiError::new(
                unprocessable,
                "invalid_actuals",
                format!(
                    "nothing was imported: the rows have {} (a bad row anywhere refuses the \
                     whole upload)",
                    problems(diagnostics.0.len())
                ),
            )
            .with_diagnostics(diagnostics),
            AppError::UnknownProgramme { programme, .. } => ApiError::not_found(format!(
                "no programme \"{programme}\" is stored: POST its scenario to /api/v1/programmes"
            )),
            AppError::UnknownForecast { .. } | AppError::UnknownVersion { .. } => {
                ApiError::not_found(words(&error))
            }
            AppError::NoActuals { programme, .. } => ApiError::new(
                unprocessable,
                "no_actuals",
                format!(
                    "no actuals are stored for programme \"{programme}\": POST them (CSV or \
                     XLSX) to /api/v1/programmes/{{name}}/actuals first"
                ),
            ),
            AppError::NoForecasts { programme, .. } => ApiError::not_found(format!(
                "no forecast is stored for programme \"{programme}\""
            )),
            AppError::AsOfOutOfRange {
                as_of,
                scenario,
                first,
                last,
            } => ApiError::invalid(format!(
                "as_of {as_of} is outside scenario \"{scenario}\": give a date from {first} (its \
                 start) to {last} (the last day of its horizon)"
            )),
            AppError::LongRun {
                scenario,
                events,
                limit,
                ..
            } => ApiError::invalid(format!(
                "scenario \"{scenario}\" would handle about {events:.1e} events, more than the \
                 {limit:.0e} events of a run the server starts: nothing was run; lower \
                 `replications` (or run it with the command line's --allow-long-run)"
            )),
            AppError::Cancelled => ApiError::new(
                StatusCode::CONFLICT,
                "cancelled",
                "the run was cancelled before it finished",
            ),
            // The CLI's user error (a --db that cannot be reached) is no fault of a client's:
            // the store is down or refuses. Said without its URL or its message, logged.
            AppError::StoreUnavailable { .. } => {
                let mut answer = ApiError::internal(&DisplayChain(&error));
                answer.status = StatusCode::SERVICE_UNAVAILABLE;
                answer.body.error = "store_unavailable".to_string();
                answer.body.message = format!(
                    "the store does not answer; try again later (error {}: the server's log \
                     has the details)",
                    answer.body.id.as_deref().unwrap_or_default()
                );
                answer
            }
            _ if error.is_user_error() => ApiError::invalid(words(&error)),
            _ => ApiError::internal(&DisplayChain(&error)),
        }
    }
}

/// An error with its sources, for the log.
struct DisplayChain<'a>(&'a (dyn std::error::Error + 'static));

impl std::fmt::Display for DisplayChain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_say_nothing_of_their_cause() {
        let secret = "postgres://relaunch:***@db.internal:5432/relaunch";
        for (error, status) in [
            (
                AppError::Store {
                    url: secret.to_string(),
                    message: "relation \"forecasts\" does not exist".to_string(),
                },
                StatusCode::INTERNAL_SERVER_ERROR,
            ),
            (
                AppError::StoreUnavailable {
                    url: secret.to_string(),
                    message: format!("cannot connect to {secret}: timed out"),
                },
                StatusCode::SERVICE_UNAVAILABLE,
            ),
            (
                AppError::Corrupt("version 3 of \"kaluga\": expected value".to_string()),
                StatusCode::INTERNAL_SERVER_ERROR,
            ),
        ] {
            let answer = ApiError::from(error);
            assert_eq!(answer.status, status);
            let body = serde_json::to_string(&answer.body).unwrap();
            for leak in ["postgres", "db.internal", "relation", "kaluga", "timed out"] {
                assert!(!body.contains(leak), "{body}");
            }
            assert!(
                answer
                    .body
                    .id
                    .as_deref()
                    .is_some_and(|id| body.contains(id))
            );
        }
    }
}

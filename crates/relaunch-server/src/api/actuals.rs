//! A programme's actuals: upload a CSV or XLSX file (checked row by row, all or nothing), read
//! what is stored, and the status (plan vs actual) at a date.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use relaunch_app::tracking::catalogue;
use relaunch_app::tracking::import::{FileImport, Upload, import_uploads};
use relaunch_app::tracking::status::status;
use relaunch_store::Correction;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::views::VersionView;
use super::{blocking, now, parse_date, plain_text, wants_text};
use crate::Server;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Path, Query, RawBody};

/// The media type of an XLSX workbook.
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// How to read an upload.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// `csv` or `xlsx`; by default from the `Content-Type` (`text/csv`, or the XLSX media
    /// type), else from `name`'s extension.
    pub format: Option<String>,
    /// The file's name, for diagnostics and the import log (default `upload.csv` or
    /// `upload.xlsx`).
    pub name: Option<String>,
}

/// A changed value for a (date, metric, item) already stored.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CorrectionView {
    pub date: String,
    pub metric: String,
    pub item: String,
    pub old_value: u64,
    pub new_value: u64,
}

impl CorrectionView {
    fn of(correction: &Correction) -> CorrectionView {
        CorrectionView {
            date: correction.row.date.to_string(),
            metric: correction.row.metric.name().to_string(),
            item: correction.row.item.clone(),
            old_value: correction.old_value,
            new_value: correction.row.value,
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportResult {
    pub programme: String,
    /// The scenario version the rows were checked against.
    pub version: VersionView,
    /// The upload's name.
    pub file: String,
    pub rows: usize,
    /// Rows whose (date, metric, item) was not stored.
    pub added: usize,
    /// Rows stored already with the same value.
    pub unchanged: usize,
    /// Rows that changed a stored value.
    pub corrections: Vec<CorrectionView>,
    /// The report as `relaunch actuals import` prints it.
    pub text: String,
}

/// Imports actuals (the request body: the long CSV `date,metric,item,value[,note]` or an XLSX
/// workbook whose first sheet has those columns) into programme `name`. Every row is checked
/// against the latest scenario version first; any bad row refuses the whole upload (422, each
/// row's diagnostic). The same file twice changes nothing; a changed value is a correction.
#[utoipa::path(
    post, path = "/api/v1/programmes/{name}/actuals", tag = "actuals",
    params(("name" = String, Path, description = "The programme (its scenario's name)"), UploadQuery),
    request_body(content = String, content_type = "text/csv",
        description = "A CSV file, or an XLSX workbook (Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet or ?format=xlsx)"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Imported: rows added, unchanged and corrected", body = ImportResult),
        (status = 401, description = "No or a wrong bearer token", body = ErrorBody),
        (status = 404, description = "No such programme", body = ErrorBody),
        (status = 415, description = "Neither CSV nor XLSX", body = ErrorBody),
        (status = 422, description = "Bad rows, each with file, line (or sheet and row), message; nothing imported", body = ErrorBody),
    )
)]
pub async fn import(
    State(server): State<Server>,
    Path(name): Path<String>,
    Query(query): Query<UploadQuery>,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> Result<Json<ImportResult>, ApiError> {
    let file = upload_name(&query, &headers)?;
    let created = now();
    let upload = Upload {
        name: file.clone(),
        bytes: body.to_vec(),
    };
    let outcome = blocking(&server, move |store| {
        let stored = catalogue::latest(store, &name)?;
        import_uploads(store, &stored.programme, vec![upload], &created)
    })
    .await?;
    let FileImport {
        rows,
        added,
        unchanged,
        corrections,
        ..
    } = outcome.files.first().cloned().unwrap_or(FileImport {
        file: file.clone(),
        rows: 0,
        added: 0,
        unchanged: 0,
        corrections: Vec::new(),
    });
    Ok(Json(ImportResult {
        programme: outcome.programme.clone(),
        version: VersionView::of(&outcome.version),
        file,
        rows,
        added,
        unchanged,
        corrections: corrections.iter().map(CorrectionView::of).collect(),
        text: outcome.text_without_store(),
    }))
}

/// The name an upload is read under: its extension says CSV or XLSX.
fn upload_name(query: &UploadQuery, headers: &HeaderMap) -> Result<String, ApiError> {
    let unsupported = |what: String| {
        ApiError::new(
            axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!(
                "{what}: send CSV (`Content-Type: text/csv`) or XLSX (`Content-Type: \
                 {XLSX_TYPE}`), or say `?format=csv` or `?format=xlsx`"
            ),
        )
    };
    let extension_of = |name: &str| {
        std::path::Path::new(name)
            .extension()
            .and_then(|extension| extension.to_str())
            .map(str::to_ascii_lowercase)
            .filter(|extension| extension == "csv" || extension == "xlsx")
    };
    let format = if let Some(format) = &query.format {
        match format.to_ascii_lowercase().as_str() {
            "csv" => "csv".to_string(),
            "xlsx" => "xlsx".to_string(),
            other => return Err(unsupported(format!("the format `{other}` is not known"))),
        }
    } else {
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(|value| {
                value
                    .split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            })
            .unwrap_or_default();
        match content_type.as_str() {
            "text/csv" | "application/csv" => "csv".to_string(),
            XLSX_TYPE => "xlsx".to_string(),
            _ => match query.name.as_deref().and_then(extension_of) {
                Some(extension) => extension,
                None => {
                    return Err(unsupported(if content_type.is_empty() {
                        "the upload has no Content-Type".to_string()
                    } else {
                        format!("the Content-Type `{content_type}` is not an actuals file")
                    }));
                }
            },
        }
    };
    let name = match &query.name {
        Some(name) if extension_of(name).as_deref() == Some(format.as_str()) => name.clone(),
        Some(name) => format!("{name}.{format}"),
        None => format!("upload.{format}"),
    };
    if name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(ApiError::invalid(
            "`name` must be a file name of at most 200 printable characters",
        ));
    }
    Ok(name)
}

/// One stored actual.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActualView {
    pub date: String,
    pub metric: String,
    /// The product, kit or task; empty for `hired` and `left`.
    pub item: String,
    pub value: u64,
    pub note: String,
}

/// What is stored of a programme's actuals.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActualsView {
    pub programme: String,
    /// Every row, by (date, metric, item).
    pub rows: Vec<ActualView>,
    /// Every import, oldest first.
    pub imports: Vec<super::views::ImportView>,
    /// Every correction, oldest first.
    pub corrections: Vec<CorrectionView>,
}

/// The actuals stored for programme `name`: the rows, the import log and the corrections.
#[utoipa::path(
    get, path = "/api/v1/programmes/{name}/actuals", tag = "actuals",
    params(("name" = String, Path, description = "The programme (its scenario's name)")),
    responses(
        (status = 200, description = "The stored actuals", body = ActualsView),
        (status = 404, description = "No such programme", body = ErrorBody),
    )
)]
pub async fn list_actuals(
    State(server): State<Server>,
    Path(name): Path<String>,
) -> Result<Json<ActualsView>, ApiError> {
    let view = blocking(&server, move |store| {
        catalogue::versions(store, &name)?;
        let rows = store.call(|store| store.actuals(&name))?;
        let imports = store.call(|store| store.imports(&name))?;
        let corrections = store.call(|store| store.corrections(&name))?;
        Ok(ActualsView {
            rows: rows
                .iter()
                .map(|row| ActualView {
                    date: row.date.to_string(),
                    metric: row.metric.name().to_string(),
                    item: row.item.clone(),
                    value: row.value,
                    note: row.note.clone(),
                })
                .collect(),
            imports: imports.iter().map(super::views::ImportView::of).collect(),
            corrections: corrections
                .iter()
                .map(|correction| CorrectionView {
                    date: correction.date.to_string(),
                    metric: correction.metric.name().to_string(),
                    item: correction.item.clone(),
                    old_value: correction.old_value,
                    new_value: correction.new_value,
                })
                .collect(),
            programme: name,
        })
    })
    .await?;
    Ok(Json(view))
}

/// The as-of date of a status, and the form of the answer.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsOfQuery {
    /// The day whose end to look at, `YYYY-MM-DD` (default: the last actuals date).
    pub as_of: Option<String>,
    /// `json` (default): the document as `relaunch status --json` prints it; `text`: the
    /// status as `relaunch status` prints it (`text/plain`).
    pub format: Option<String>,
}

/// Plan vs actual for programme `name` at the end of `as_of`: cumulative good units against
/// the plan and the last forecast's P10–P90, kits, headcount, tasks and milestones reached
/// (`relaunch status --json`; `?format=text` for the text).
#[utoipa::path(
    get, path = "/api/v1/programmes/{name}/status", tag = "actuals",
    params(("name" = String, Path, description = "The programme (its scenario's name)"), AsOfQuery),
    responses(
        (status = 200, description = "The status document (or its text with ?format=text)", body = Object),
        (status = 404, description = "No such programme", body = ErrorBody),
        (status = 422, description = "No actuals stored, or as_of outside the scenario", body = ErrorBody),
    )
)]
pub async fn get_status(
    State(server): State<Server>,
    Path(name): Path<String>,
    Query(query): Query<AsOfQuery>,
) -> Result<Response, ApiError> {
    let as_of = query.as_of.as_deref().map(parse_date).transpose()?;
    let text = wants_text(query.format.as_deref())?;
    let created = now();
    let document = blocking(&server, move |store| {
        let stored = catalogue::latest(store, &name)?;
        status(store, &stored.programme, as_of, &created, None)
    })
    .await?;
    if text {
        Ok(plain_text(relaunch_report::tracking::status_text(
            &document,
        )))
    } else {
        Ok(Json(document).into_response())
    }
}

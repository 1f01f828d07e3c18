//! The static files of the dashboard, served from the binary: uPlot and the chart script of
//! relaunch-report (the same files `report.html` inlines), the report's style sheet, and the
//! dashboard's own script and style. Pages link them with `?v=VERSION` (a hash of their
//! contents), which may be cached for good; a request without it (or with another) must
//! revalidate.

use std::sync::LazyLock;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use relaunch_report::assets as report_assets;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::{PageError, PagePath, PageQuery};

/// The dashboard's script: finds its work by the pages' element ids.
pub const DASHBOARD_JS: &str = include_str!("../../assets/dashboard.js");

/// The dashboard's style, on top of the report's.
pub const DASHBOARD_CSS: &str = include_str!("../../assets/dashboard.css");

static UPLOT_JS: LazyLock<String> = LazyLock::new(report_assets::uplot_js_inline);

/// Every file served: its name, content type and content.
fn files() -> [(&'static str, &'static str, &'static str); 8] {
    const JS: &str = "text/javascript; charset=utf-8";
    const CSS: &str = "text/css; charset=utf-8";
    [
        ("uplot.js", JS, UPLOT_JS.as_str()),
        ("uplot.css", CSS, report_assets::UPLOT_CSS),
        (
            "uplot-LICENSE.txt",
            "text/plain; charset=utf-8",
            report_assets::UPLOT_LICENSE,
        ),
        ("relaunch-charts.js", JS, report_assets::CHARTS_JS),
        ("relaunch-charts.css", CSS, report_assets::CHARTS_CSS),
        ("report.css", CSS, relaunch_report::html::PAGE_CSS),
        ("dashboard.js", JS, DASHBOARD_JS),
        ("dashboard.css", CSS, DASHBOARD_CSS),
    ]
}

static VERSION: LazyLock<String> = LazyLock::new(|| {
    let mut hash = Sha256::new();
    for (name, _, content) in files() {
        hash.update(name.as_bytes());
        hash.update(content.as_bytes());
    }
    hash.finalize()[..6]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
});

/// The version the pages link the files with: a hash of every file served.
pub fn asset_version() -> &'static str {
    VERSION.as_str()
}

/// The address of asset `file`, with its version.
pub fn url(file: &str) -> String {
    format!("/assets/{file}?v={}", asset_version())
}

#[derive(Debug, Deserialize)]
pub struct VersionQuery {
    v: Option<String>,
}

impl super::error::QueryUsage for VersionQuery {
    const USAGE: &'static str = "`?v=` takes one assets' version, as the pages link them";
}

/// `GET /assets/{file}`.
pub async fn serve(
    PagePath(file): PagePath<String>,
    PageQuery(query): PageQuery<VersionQuery>,
    request_headers: HeaderMap,
) -> Result<Response, PageError> {
    let Some((_, content_type, content)) = files().into_iter().find(|(name, ..)| *name == file)
    else {
        return Err(PageError::not_found(format!(
            "There is no asset called `{file}`."
        )));
    };
    let etag = format!("\"{}\"", asset_version());
    let fresh = query.v.as_deref() == Some(asset_version());
    let cache = if fresh {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    let matches = request_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value == etag);
    if matches {
        return Ok((StatusCode::NOT_MODIFIED, headers).into_response());
    }
    Ok((headers, content).into_response())
}

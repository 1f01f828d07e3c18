//! The index page at `/`: the programmes in the store with links to their API resources, the
//! API browser and the OpenAPI document. A placeholder for the dashboard, which comes later;
//! plain HTML, no script, every stored name escaped.

use axum::extract::State;
use axum::response::Html;
use relaunch_app::tracking::catalogue;

use crate::Server;
use crate::api::blocking;
use crate::api::views::programme_url;
use crate::error::ApiError;

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, control characters shown as `\u{..}`.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c if c.is_control() => escaped.push_str(&c.escape_unicode().to_string()),
            c => escaped.push(c),
        }
    }
    escaped
}

pub async fn page(State(server): State<Server>) -> Result<Html<String>, ApiError> {
    let summaries = blocking(&server, catalogue::list).await?;
    let mut rows = String::new();
    for summary in &summaries {
        let url = programme_url(&summary.name);
        let version = summary
            .latest
            .as_ref()
            .map(|v| format!("v{} ({})", v.version, escape(&v.created)))
            .unwrap_or_default();
        let forecast = summary
            .last_forecast
            .as_ref()
            .map(|f| {
                format!(
                    "#{} as of {}",
                    f.id,
                    f.as_of.map_or("the plan".to_string(), |d| d.to_string())
                )
            })
            .unwrap_or_else(|| "none".to_string());
        rows.push_str(&format!(
            "<tr><td>{name}</td><td>{version}</td><td>{forecast}</td><td>\
             <a href=\"{url}\">programme</a> · <a href=\"{url}/scenario\">TOML</a> · \
             <a href=\"{url}/status?format=text\">status</a> · \
             <a href=\"{url}/forecasts?format=text\">history</a></td></tr>\n",
            name = escape(&summary.name),
        ));
    }
    if summaries.is_empty() {
        rows.push_str(
            "<tr><td colspan=\"4\">No programme yet: POST a scenario to /api/v1/programmes, or \
             run <code>relaunch actuals import</code> on this store.</td></tr>\n",
        );
    }
    Ok(Html(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>relaunch</title><style>body{{font:15px/1.4 system-ui,sans-serif;margin:2em}}\
         table{{border-collapse:collapse}}td,th{{padding:.3em .8em;border-bottom:1px solid #ddd;\
         text-align:left}}</style></head><body>\n<h1>relaunch</h1>\n\
         <p>The JSON API is under <a href=\"/api/v1/programmes\">/api/v1</a>: browse it at \
         <a href=\"/api/v1/docs/\">/api/v1/docs/</a>, or read its \
         <a href=\"/api/v1/openapi.json\">OpenAPI document</a>. Version {version}.</p>\n\
         <h2>Programmes</h2>\n<table><tr><th>name</th><th>latest version</th>\
         <th>last forecast</th><th>API</th></tr>\n{rows}</table>\n</body></html>\n",
        version = escape(&server.version),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_are_escaped() {
        assert_eq!(
            escape("<b a='1'>&\"\u{7}"),
            "&lt;b a=&#39;1&#39;&gt;&amp;&quot;\\u{7}"
        );
    }
}

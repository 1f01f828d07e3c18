//! The dashboard: server-rendered pages (maud) over the store, with a little plain JavaScript
//! (`assets/dashboard.js`, no build step) that starts jobs through the API, follows their
//! progress over server-sent events and inserts the finished job's HTML fragment.
//!
//! | page | what it shows |
//! |---|---|
//! | `/` | the programmes: latest version, last forecast, its headline milestone |
//! | `/programmes/{name}` | the latest stored forecast as the report shows it; run a forecast, why late, what-if |
//! | `/programmes/{name}/tracking` | upload actuals, plan vs actual, the milestone trend, re-forecast |
//! | `/programmes/{name}/scenario` | the TOML with line numbers, check with diagnostics inline, save a version |
//! | `/new` | a new programme from TOML |
//! | `/compare` | pick programmes, compare them |
//!
//! The report's sections and chart specs come from relaunch-report (`Report::body`,
//! `ComparePage::body`, the tracking pages' bodies), so a page shows what `report.html` shows,
//! drawn by the same uPlot and `relaunch-charts.js`, served here as files (`/assets/...`).
//! The dashboard's runs (`/dashboard/whatif`, `/dashboard/why`, `/dashboard/compare`) are jobs
//! like the API's, whose result also holds the rendered fragment
//! (`/dashboard/jobs/{id}/fragment`). Writes need the bearer token, as the API's do.

mod assets;
mod compare;
mod error;
mod layout;
mod plan;
mod programme;
mod programmes;
mod runs;
mod scenario;
mod tracking;
mod whatif;

use axum::Router;
use axum::routing::{get, post};

use crate::Server;

pub use assets::asset_version;
pub use error::{PageError, PagePath, PageQuery};

/// The dashboard's routes: pages, assets and the dashboard's runs (writes behind the token).
pub fn router(server: &Server) -> Router<Server> {
    let runs = Router::new()
        .route("/dashboard/whatif", post(runs::whatif))
        .route("/dashboard/why", post(runs::why))
        .route("/dashboard/plan", post(plan::plan))
        .route("/dashboard/compare", post(runs::compare))
        .route("/dashboard/jobs/{id}/fragment", get(runs::fragment))
        .layer(axum::middleware::from_fn_with_state(
            server.token.clone(),
            crate::auth::require_token_for_writes,
        ));
    Router::new()
        .route("/", get(programmes::page))
        .route("/new", get(scenario::new_page))
        .route("/compare", get(compare::page))
        .route("/programmes/{name}", get(programme::page))
        .route("/programmes/{name}/tracking", get(tracking::page))
        .route("/programmes/{name}/scenario", get(scenario::page))
        .route("/assets/{file}", get(assets::serve))
        .merge(runs)
}

/// The dashboard's address of programme `name` (`/programmes/NAME`, percent-encoded).
pub fn programme_page(name: &str) -> String {
    format!("/programmes/{}", crate::api::views::path_segment(name))
}

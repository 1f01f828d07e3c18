//! The API tested through the router without a socket (`tower::ServiceExt::oneshot`): every
//! endpoint's success and error answers (200/201/202, 401 without the token, 404 for what is
//! not stored, 422 for bad input with diagnostics), the OpenAPI document, jobs run to the end
//! with their progress events and cancelled, on SQLite and PostgreSQL; the dashboard's pages,
//! assets and runs.

mod actuals;
mod jobs;
mod openapi;
mod pages;
mod pages_runs;
mod plan;
mod programmes;
mod runs;
mod support;

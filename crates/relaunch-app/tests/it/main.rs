//! The integration tests of relaunch-app: each use case run with a fake clock, a recording
//! progress and an in-memory artefact sink, on the example scenarios.

mod compare;
mod early_stop;
mod forecast;
mod plan;
mod programme;
mod studies;
mod support;
mod user_errors;

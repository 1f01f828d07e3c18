//! relaunch-report: the documents built from a forecast — the JSON result document, the CSV
//! and XLSX exports, the plain-text summary and the self-contained HTML report, whose charts
//! are specifications ([`charts::ChartSpec`]) drawn in the browser by uPlot and one small
//! script ([`assets`]), for the report and the dashboard alike.
//!
//! The wire types here are separate from the core's result types: the core knows nothing of
//! JSON, and this crate owns the published shape of every document.

pub mod assets;
pub mod charts;
pub mod comparison;
pub mod cost_document;
pub mod csv_export;
pub mod document;
pub mod html;
pub mod study;
pub mod study_text;
pub mod summary;
pub mod tracking;
mod view;
pub mod why;
pub mod words;
pub mod xlsx;

pub use document::{Perf, ResultDocument};

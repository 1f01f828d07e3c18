//! The documents of tracking — `relaunch status` (plan vs actual to a date), `relaunch history`
//! (every stored forecast's milestone dates by as-of date: the milestone trend), `relaunch
//! backtest` (forecasts replayed at past dates against what happened) and the calibration
//! table of `forecast --calibrate` — with their text, JSON and HTML renderings.
//!
//! The use cases of `relaunch-app` fill these structs; this crate owns their published shape.

use serde::Serialize;

mod export;
pub mod html;
mod table;
pub mod text;

pub use export::{backtest_csv, history_csv};
pub use html::{
    backtest_charts, backtest_html, calibration_html, calibration_section, history_chart,
    history_html, status_chart, status_html,
};
pub use text::{
    backtest_news, backtest_text, calibration_news, calibration_text, history_news, history_text,
    status_news, status_text,
};

use crate::document::FanDoc;

/// Plan vs actual at the end of `as_of`.
#[derive(Debug, Clone, Serialize)]
pub struct StatusDocument {
    pub scenario: String,
    pub as_of: String,
    /// The last day with an actual on or before `as_of`.
    pub last_actual: Option<String>,
    /// Cumulative good units: actual, the plan's (the release plan's planned starts through
    /// `as_of`, or `None` for a scenario without a dated plan), and the last stored forecast's
    /// P10/P50/P90 at `as_of` (`None` when no forecast is stored).
    pub good: StatusGood,
    /// Per product.
    pub products: Vec<StatusProduct>,
    /// Per kit: the stock at the end of `as_of` (initial + received − released).
    pub kits: Vec<StatusKit>,
    /// `None` without a `[workforce]`.
    pub headcount: Option<StatusHeadcount>,
    /// Per task of the programme.
    pub tasks: Vec<StatusTask>,
    /// Per milestone: reached (with its actual date) or not, and the last forecast's dates.
    pub milestones: Vec<StatusMilestone>,
    /// Day by day to `as_of`: actual and planned cumulative good, and the last forecast's fan.
    pub daily: Vec<StatusDay>,
    /// What the reader should know (days without reported output, rows after `as_of`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusGood {
    pub actual: u64,
    pub plan: Option<u64>,
    /// The stored forecast compared with: its id, its as-of date (absent for one from the
    /// plan) and its fan of cumulative good at `as_of`.
    pub forecast: Option<StatusForecastRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusForecastRef {
    pub id: i64,
    pub as_of: Option<String>,
    pub created: String,
    pub cumulative: FanDoc,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusProduct {
    pub id: String,
    pub released: u64,
    pub good: u64,
    pub scrapped: u64,
    pub in_line: u64,
    /// good / (good + scrapped), when anything was finished.
    pub yield_to_date: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusKit {
    pub id: String,
    pub received: u64,
    pub stock: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusHeadcount {
    pub hired: u64,
    pub left: u64,
    pub payroll: u64,
    pub trained: u64,
    pub in_training: u64,
    /// The plan's trained headcount at `as_of` if nobody left.
    pub planned_trained: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusTask {
    pub id: String,
    pub started: Option<String>,
    pub done: Option<String>,
    /// The task's planned finish (every task at its optimistic duration).
    pub planned_finish: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusMilestone {
    pub id: String,
    pub due: Option<String>,
    pub actual: Option<String>,
    pub forecast_p50: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusDay {
    pub date: String,
    pub actual_cumulative: u64,
    pub plan_cumulative: Option<u64>,
    pub forecast_cumulative: Option<FanDoc>,
}

/// Every stored forecast's milestone dates, by as-of date: the milestone trend.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryDocument {
    pub scenario: String,
    pub forecasts: Vec<HistoryForecast>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryForecast {
    pub id: i64,
    /// Absent for a forecast from the plan (shown at its creation date's place).
    pub as_of: Option<String>,
    pub created: String,
    pub kind: String,
    pub scenario_hash: String,
    /// The scenario version it was made with (1, 2, ...; 0 when the store no longer lists it).
    pub scenario_version: i64,
    /// The SHA-256 of the actuals it started from (empty for a forecast from the plan).
    pub actuals_hash: String,
    pub replications: u64,
    pub calibrated: bool,
    pub milestones: Vec<HistoryMilestone>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryMilestone {
    pub id: String,
    pub due: Option<String>,
    pub p10: Option<String>,
    pub p50: Option<String>,
    pub p90: Option<String>,
    pub actual: Option<String>,
    pub on_time_probability: Option<f64>,
}

/// Forecasts replayed at past dates from the actuals known then, against what happened.
#[derive(Debug, Clone, Serialize)]
pub struct BacktestDocument {
    pub scenario: String,
    pub every_days: u32,
    pub replications: u64,
    pub seed: u64,
    /// The as-of dates replayed.
    pub as_of: Vec<String>,
    pub milestones: Vec<BacktestMilestone>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BacktestMilestone {
    pub id: String,
    /// The date the actuals reached it; `None`: not reached yet, nothing to score.
    pub actual: Option<String>,
    /// The forecasts scored: those made before `actual`.
    pub scored: usize,
    /// Share of scored forecasts whose P10–P90 held the actual date.
    pub coverage: Option<f64>,
    /// Mean absolute error of the P50 in days.
    pub mae_days: Option<f64>,
    pub points: Vec<BacktestPoint>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BacktestPoint {
    pub as_of: String,
    pub p10: Option<String>,
    pub p50: Option<String>,
    pub p90: Option<String>,
    /// Whether P10 ≤ actual ≤ P90.
    pub inside: Option<bool>,
    /// P50 − actual in days.
    pub error_days: Option<i64>,
}

/// What the actuals say beside the scenario's assumptions (`forecast --calibrate`).
#[derive(Debug, Clone, Serialize)]
pub struct CalibrationDocument {
    pub as_of: String,
    pub estimates: Vec<CalibrationEstimate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CalibrationEstimate {
    pub parameter: String,
    pub assumed: Option<f64>,
    pub mean: f64,
    pub p05: f64,
    pub p95: f64,
    pub basis: String,
}

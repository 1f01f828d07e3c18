//! The tracking documents as printed: their text renderings come from the report crate
//! (`relaunch_report::tracking`); JSON is the document itself.

use relaunch_app::AppError;
use relaunch_report::tracking::{
    BacktestDocument, CalibrationDocument, HistoryDocument, StatusDocument, backtest_text,
    calibration_text, history_text, status_text,
};
use serde::Serialize;

/// A document as pretty JSON with a final line break.
pub fn json(document: &impl Serialize) -> Result<String, AppError> {
    Ok(serde_json::to_string_pretty(document)? + "\n")
}

pub fn status(document: &StatusDocument) -> String {
    status_text(document)
}

pub fn history(document: &HistoryDocument) -> String {
    history_text(document)
}

pub fn backtest(document: &BacktestDocument) -> String {
    backtest_text(document)
}

pub fn calibration(document: &CalibrationDocument) -> String {
    calibration_text(document)
}

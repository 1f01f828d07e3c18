//! CSV exports of the tracking documents, every cell escaped as in [`crate::csv_export`]:
//! `history.csv` (one row per stored forecast and milestone) and `backtest.csv` (one row per
//! milestone and replayed as-of date).

use super::{BacktestDocument, HistoryDocument};
use crate::csv_export::cell;

fn write_row<I, S>(writer: &mut csv::Writer<Vec<u8>>, cells: I) -> Result<(), csv::Error>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    writer.write_record(cells.into_iter().map(|c| cell(c.as_ref())))
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<String, csv::Error> {
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// The columns of `history.csv`.
pub const HISTORY_COLUMNS: [&str; 16] = [
    "forecast_id",
    "as_of",
    "created",
    "kind",
    "scenario_hash",
    "scenario_version",
    "actuals_hash",
    "replications",
    "calibrated",
    "milestone",
    "due",
    "p10",
    "p50",
    "p90",
    "actual",
    "on_time_probability",
];

/// `history.csv`: one row per stored forecast and milestone, in the document's order.
pub fn history_csv(doc: &HistoryDocument) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    write_row(&mut writer, HISTORY_COLUMNS)?;
    for f in &doc.forecasts {
        for m in &f.milestones {
            write_row(
                &mut writer,
                [
                    f.id.to_string(),
                    text(&f.as_of),
                    f.created.clone(),
                    f.kind.clone(),
                    f.scenario_hash.clone(),
                    f.scenario_version.to_string(),
                    f.actuals_hash.clone(),
                    f.replications.to_string(),
                    f.calibrated.to_string(),
                    m.id.clone(),
                    text(&m.due),
                    text(&m.p10),
                    text(&m.p50),
                    text(&m.p90),
                    text(&m.actual),
                    m.on_time_probability
                        .map_or(String::new(), |p| format!("{p:.4}")),
                ],
            )?;
        }
    }
    finish(writer)
}

/// The columns of `backtest.csv`.
pub const BACKTEST_COLUMNS: [&str; 8] = [
    "milestone",
    "actual",
    "as_of",
    "p10",
    "p50",
    "p90",
    "inside",
    "error_days",
];

/// `backtest.csv`: one row per milestone and replayed as-of date.
pub fn backtest_csv(doc: &BacktestDocument) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    write_row(&mut writer, BACKTEST_COLUMNS)?;
    for m in &doc.milestones {
        for p in &m.points {
            write_row(
                &mut writer,
                [
                    m.id.clone(),
                    text(&m.actual),
                    p.as_of.clone(),
                    text(&p.p10),
                    text(&p.p50),
                    text(&p.p90),
                    p.inside.map_or(String::new(), |i| i.to_string()),
                    p.error_days.map_or(String::new(), |e| e.to_string()),
                ],
            )?;
        }
    }
    finish(writer)
}

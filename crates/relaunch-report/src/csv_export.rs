//! CSV exports: one row per day (`daily.csv`), per station (`stations.csv`) and per milestone
//! (`milestones.csv`); with a programme, per task (`tasks.csv`) and per risk and milestone
//! (`risks.csv`, see `programme`).
//!
//! Every cell goes through [`cell`]: a cell starting with `=`, `+`, `-` or `@` is prefixed with
//! `'`, so a spreadsheet opening the file never runs it as a formula (CSV injection). A plain
//! negative number (`-3`, `-0.25`: the days or chance a risk's effect can take below zero) is
//! a number to every spreadsheet, never a formula, and is written as it is. Control,
//! zero-width and bidirectional characters in a cell are written escaped (`\u{1b}`), as in every
//! text output ([`crate::words::shown`]).

use crate::document::ResultDocument;

mod programme;

pub use programme::{RISK_COLUMNS, TASK_COLUMNS, risks_csv, tasks_csv};

/// A cell safe to open in a spreadsheet: text starting with `=`, `+`, `-` or `@` (also after
/// a tab or carriage return, which some spreadsheets skip) gets a leading `'`; control and
/// invisible characters are escaped.
pub fn cell(text: &str) -> String {
    let shown = crate::words::shown(text);
    if negative_number(text) {
        return shown.into_owned();
    }
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{shown}"),
        _ => shown.into_owned(),
    }
}

/// `-` then digits with at most one decimal point among them: `-3`, `-0.25`.
fn negative_number(text: &str) -> bool {
    let Some(digits) = text.strip_prefix('-') else {
        return false;
    };
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
}

/// Writes one record with every cell escaped.
fn record<I, S>(writer: &mut csv::Writer<Vec<u8>>, cells: I) -> Result<(), csv::Error>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    writer.write_record(cells.into_iter().map(|c| cell(c.as_ref())))
}

/// `milestones.csv`: one row per milestone with its due date, P10/P50/P90 dates (ISO; empty
/// where the quantile is not reached within the horizon), on-time probability (empty without a
/// due date) and the share of runs reaching it: the same values as the result document.
pub fn milestones_csv(document: &ResultDocument) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    record(
        &mut writer,
        [
            "id",
            "due",
            "p10",
            "p50",
            "p90",
            "on_time_probability",
            "reached_fraction",
        ],
    )?;
    for m in &document.milestones {
        let date = |d: &Option<String>| d.clone().unwrap_or_default();
        record(
            &mut writer,
            [
                m.id.clone(),
                date(&m.due),
                date(&m.p10),
                date(&m.p50),
                date(&m.p90),
                m.on_time_probability
                    .map_or(String::new(), |p| p.to_string()),
                m.reached_fraction.to_string(),
            ],
        )?;
    }
    finish(writer)
}

/// The columns of a day, in `daily.csv` and the workbook's daily sheet (the CSV adds each
/// kit's P50 stock).
pub(crate) const DAILY_COLUMNS: [&str; 17] = [
    "date",
    "workday",
    "good_p10",
    "good_p50",
    "good_p90",
    "cumulative_p10",
    "cumulative_p50",
    "cumulative_p90",
    "planned_shifts",
    "staffed_shifts",
    "stockout_probability",
    "payroll_p10",
    "payroll_p50",
    "payroll_p90",
    "trained_p10",
    "trained_p50",
    "trained_p90",
];

/// The columns of a station, in `stations.csv` and the workbook's stations sheet.
pub(crate) const STATION_COLUMNS: [&str; 8] = [
    "station",
    "busy",
    "blocked",
    "starved",
    "down",
    "unstaffed",
    "utilisation",
    "bottleneck",
];

/// `daily.csv`: date, workday, good and cumulative good P10/P50/P90, shifts planned and run,
/// stock-out probability, headcount on the payroll and trained P10/P50/P90 (empty without a
/// workforce), the P50 end-of-day stock of each kit and, with `[costs]`, the P50 cumulative
/// spend (`spend_p50`).
pub fn daily_csv(document: &ResultDocument) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = DAILY_COLUMNS.iter().map(|s| s.to_string()).collect();
    header.extend(
        document
            .kits
            .ids
            .iter()
            .map(|id| format!("kit_stock_p50_{id}")),
    );
    let spend = document
        .costs
        .as_ref()
        .map(|costs| &costs.cumulative_by_day);
    if spend.is_some() {
        header.push("spend_p50".to_string());
    }
    record(&mut writer, &header)?;
    for (index, day) in document.daily.iter().enumerate() {
        let mut row = vec![
            day.date.clone(),
            day.workday.to_string(),
            day.good.p10.to_string(),
            day.good.p50.to_string(),
            day.good.p90.to_string(),
            day.cumulative.p10.to_string(),
            day.cumulative.p50.to_string(),
            day.cumulative.p90.to_string(),
            day.planned_shifts.to_string(),
            day.staffed_shifts.to_string(),
            day.stockout_probability.to_string(),
        ];
        // Headcount P10/P50/P90, empty without a workforce.
        for people in [&day.payroll, &day.trained] {
            row.extend(fan_cells(people.as_ref()));
        }
        row.extend(day.kit_stock.iter().map(|fan| fan.p50.to_string()));
        if let Some(spend) = spend {
            row.push(
                spend
                    .get(index)
                    .map_or(String::new(), |d| d.p50.to_string()),
            );
        }
        record(&mut writer, &row)?;
    }
    finish(writer)
}

/// P10, P50 and P90 of a headcount, or three empty cells.
fn fan_cells(fan: Option<&crate::document::FanDoc>) -> [String; 3] {
    fan.map_or_else(Default::default, |f| {
        [f.p10.to_string(), f.p50.to_string(), f.p90.to_string()]
    })
}

/// `stations.csv`: the state fractions of every station.
pub fn stations_csv(document: &ResultDocument) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    record(&mut writer, STATION_COLUMNS)?;
    for station in &document.stations {
        record(
            &mut writer,
            [
                station.id.clone(),
                station.busy.to_string(),
                station.blocked.to_string(),
                station.starved.to_string(),
                station.down.to_string(),
                station.unstaffed.to_string(),
                station.utilisation.to_string(),
                (document.bottleneck.as_deref() == Some(station.id.as_str())).to_string(),
            ],
        )?;
    }
    finish(writer)
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<String, csv::Error> {
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formula_starts_are_escaped() {
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("+7"), "'+7");
        assert_eq!(cell("-cmd"), "'-cmd");
        assert_eq!(cell("-3"), "-3", "a plain negative number stays a number");
        assert_eq!(cell("-0.25"), "-0.25");
        assert_eq!(cell("-1+1"), "'-1+1");
        assert_eq!(cell("-1."), "'-1.");
        assert_eq!(cell("-.5"), "'-.5");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\t=1"), "'\\u{9}=1");
        assert_eq!(cell("a\u{1b}[2Jb\u{200b}"), "a\\u{1b}[2Jb\\u{200b}");
        assert_eq!(cell("=\u{0}"), "'=\\u{0}");
        assert_eq!(cell("final-1"), "final-1");
        assert_eq!(cell("2024-01-01"), "2024-01-01");
        assert_eq!(cell(""), "");
    }
}

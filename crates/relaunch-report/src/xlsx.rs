//! The result document as one Excel workbook (`result.xlsx`), for readers who live in
//! spreadsheets.
//!
//! Sheets: `summary` (the headline figures with their 95% intervals), `milestones` (one row
//! per milestone), `daily` (the daily fan of good and cumulative output), `stations` (state
//! fractions), `kits` (the daily end-of-day stock fan of every kit), when the scenario has
//! `[costs]`, `costs` (each category and the cost of a good unit: mean, interval, quantiles,
//! currency), when it has a ledger, `localization` and, when it has a programme, `tasks` and
//! `risks` (the columns of `tasks.csv` and `risks.csv`). Dates are Excel dates shown as
//! `yyyy-mm-dd`, numbers are numbers (fractions with a percent format), a quantile not reached
//! within the horizon is an empty cell. Every sheet has a bold header row that stays in view when scrolling.
//!
//! The workbook is reproducible: the same document gives the same bytes. The archive's file
//! times are fixed by `rust_xlsxwriter`, and the creation time in the document properties is
//! set to a fixed 1980-01-01 (the earliest time a ZIP archive can hold) instead of the clock.

use std::str::FromStr;

use jiff::civil::Date;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::document::{EstimateDoc, FanDoc, ResultDocument};

mod costs;
mod programme;

/// The names of the sheets `workbook` writes for `document`, in order.
pub fn sheet_names(document: &ResultDocument) -> Vec<&'static str> {
    let mut names = vec!["summary", "milestones", "daily", "stations", "kits"];
    if document.costs.is_some() {
        names.push("costs");
    }
    if document.localization.is_some() {
        names.push("localization");
    }
    if document.programme.is_some() {
        names.extend(["tasks", "risks"]);
    }
    names
}

/// Cell formats shared by the sheets.
struct Formats {
    header: Format,
    date: Format,
    percent: Format,
}

/// A sheet being written row by row.
struct Sheet<'a> {
    sheet: &'a mut Worksheet,
    formats: &'a Formats,
    row: u32,
}

/// One cell's value.
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Percent(f64),
    /// An ISO date; `None` (or text that is not a date) is left empty.
    Date(Option<&'a str>),
    Bool(bool),
    Empty,
}

impl<'a> Sheet<'a> {
    /// Starts a sheet with a bold, frozen header row.
    fn new(
        workbook: &'a mut Workbook,
        formats: &'a Formats,
        name: &str,
        header: &[String],
    ) -> Result<Sheet<'a>, XlsxError> {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        for (column, title) in header.iter().enumerate() {
            // Headers name kits and stations by their ids: no control character in a cell.
            let title = crate::words::shown(title);
            sheet.write_string_with_format(0, column as u16, title.as_ref(), &formats.header)?;
            let width = (title.chars().count() + 2).max(12) as f64;
            sheet.set_column_width(column as u16, width)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(Sheet {
            sheet,
            formats,
            row: 1,
        })
    }

    /// Writes the next row.
    fn row(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        for (column, value) in cells.iter().enumerate() {
            let column = column as u16;
            match value {
                Cell::Text(text) => {
                    // User text (ids, names) without control or invisible characters.
                    let text = crate::words::shown(text);
                    self.sheet.write_string(self.row, column, text.as_ref())?;
                }
                Cell::Number(number) => {
                    self.sheet.write_number(self.row, column, *number)?;
                }
                Cell::Percent(number) => {
                    self.sheet.write_number_with_format(
                        self.row,
                        column,
                        *number,
                        &self.formats.percent,
                    )?;
                }
                Cell::Date(text) => {
                    if let Some(date) = text.and_then(excel_date) {
                        self.sheet.write_date_with_format(
                            self.row,
                            column,
                            &date,
                            &self.formats.date,
                        )?;
                    }
                }
                Cell::Bool(value) => {
                    self.sheet.write_boolean(self.row, column, *value)?;
                }
                Cell::Empty => {}
            }
        }
        self.row += 1;
        Ok(())
    }
}

/// An ISO date as an Excel date.
fn excel_date(text: &str) -> Option<ExcelDateTime> {
    let date = Date::from_str(text).ok()?;
    ExcelDateTime::from_ymd(
        u16::try_from(date.year()).ok()?,
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    )
    .ok()
}

fn strings(titles: &[&str]) -> Vec<String> {
    titles.iter().map(|t| t.to_string()).collect()
}

/// The workbook of `document` as the bytes of an `.xlsx` file.
pub fn workbook(document: &ResultDocument) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(1980, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("{} — relaunch forecast", document.scenario))
            .set_creation_datetime(&fixed),
    );
    let formats = Formats {
        header: Format::new().set_bold(),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        percent: Format::new().set_num_format("0.0%"),
    };
    summary(&mut workbook, &formats, document)?;
    milestones(&mut workbook, &formats, document)?;
    daily(&mut workbook, &formats, document)?;
    stations(&mut workbook, &formats, document)?;
    kits(&mut workbook, &formats, document)?;
    costs::costs(&mut workbook, &formats, document)?;
    localization(&mut workbook, &formats, document)?;
    programme::programme(&mut workbook, &formats, document)?;
    workbook.save_to_buffer()
}

/// A workbook of study tables ([`crate::study::Table`]), one sheet each, reproducible as
/// [`workbook`] is.
pub fn table_workbook(
    title: &str,
    sheets: &[(&str, &crate::study::Table)],
) -> Result<Vec<u8>, XlsxError> {
    use crate::study::TableCell;
    let mut workbook = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(1980, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&fixed),
    );
    let formats = Formats {
        header: Format::new().set_bold(),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        percent: Format::new().set_num_format("0.0%"),
    };
    for (name, table) in sheets {
        let mut sheet = Sheet::new(&mut workbook, &formats, name, &table.header)?;
        for row in &table.rows {
            let dates: Vec<Option<String>> = row
                .iter()
                .map(|cell| match cell {
                    TableCell::Date(date) => date.map(|d| d.to_string()),
                    _ => None,
                })
                .collect();
            let cells: Vec<Cell> = row
                .iter()
                .zip(&dates)
                .map(|(cell, date)| match cell {
                    TableCell::Text(text) => Cell::Text(text),
                    TableCell::Number(number) => Cell::Number(*number),
                    TableCell::Percent(number) => Cell::Percent(*number),
                    TableCell::Date(_) => Cell::Date(date.as_deref()),
                    TableCell::Empty => Cell::Empty,
                })
                .collect();
            sheet.row(&cells)?;
        }
    }
    workbook.save_to_buffer()
}

fn summary(
    workbook: &mut Workbook,
    formats: &Formats,
    d: &ResultDocument,
) -> Result<(), XlsxError> {
    let header = strings(&["item", "value", "ci95_low", "ci95_high", "unit"]);
    let mut sheet = Sheet::new(workbook, formats, "summary", &header)?;
    sheet.row(&[Cell::Text("scenario"), Cell::Text(&d.scenario)])?;
    sheet.row(&[Cell::Text("seed"), Cell::Number(d.seed as f64)])?;
    sheet.row(&[
        Cell::Text("replications"),
        Cell::Number(d.replications as f64),
    ])?;
    sheet.row(&[Cell::Text("start"), Cell::Date(Some(&d.start))])?;
    sheet.row(&[
        Cell::Text("horizon"),
        Cell::Number(d.horizon_days as f64),
        Cell::Empty,
        Cell::Empty,
        Cell::Text("days"),
    ])?;
    let estimates: [(&str, &EstimateDoc, &str); 8] = [
        (
            "throughput",
            &d.throughput_per_hour,
            crate::words::THROUGHPUT_UNIT,
        ),
        ("WIP", &d.wip, "units"),
        ("flow time", &d.flow_time_minutes, "operating minutes"),
        ("released", &d.units.released, "units per run"),
        ("good", &d.units.good, "units per run"),
        ("scrapped", &d.units.scrapped, "units per run"),
        (
            "kit stock-out days",
            &d.kits.stockout_days,
            "workdays per run",
        ),
        (
            "unstaffed shifts",
            &d.staffing.unstaffed_shifts,
            "planned shifts per run",
        ),
    ];
    for (item, estimate, unit) in estimates {
        sheet.row(&[
            Cell::Text(item),
            Cell::Number(estimate.mean),
            estimate.ci95.map_or(Cell::Empty, |ci| Cell::Number(ci[0])),
            estimate.ci95.map_or(Cell::Empty, |ci| Cell::Number(ci[1])),
            Cell::Text(unit),
        ])?;
    }
    sheet.row(&[
        Cell::Text("bottleneck"),
        d.bottleneck.as_deref().map_or(Cell::Empty, Cell::Text),
        Cell::Empty,
        Cell::Empty,
        Cell::Text("station"),
    ])?;
    Ok(())
}

fn milestones(
    workbook: &mut Workbook,
    formats: &Formats,
    d: &ResultDocument,
) -> Result<(), XlsxError> {
    let header = strings(&[
        "id",
        "due",
        "p10",
        "p50",
        "p90",
        "on_time_probability",
        "on_time_ci95_low",
        "on_time_ci95_high",
        "reached_fraction",
        "not_reached_runs",
    ]);
    let mut sheet = Sheet::new(workbook, formats, "milestones", &header)?;
    for m in &d.milestones {
        sheet.row(&[
            Cell::Text(&m.id),
            Cell::Date(m.due.as_deref()),
            Cell::Date(m.p10.as_deref()),
            Cell::Date(m.p50.as_deref()),
            Cell::Date(m.p90.as_deref()),
            m.on_time_probability.map_or(Cell::Empty, Cell::Percent),
            m.on_time_ci95
                .map_or(Cell::Empty, |ci| Cell::Percent(ci[0])),
            m.on_time_ci95
                .map_or(Cell::Empty, |ci| Cell::Percent(ci[1])),
            Cell::Percent(m.reached_fraction),
            Cell::Number(m.not_reached as f64),
        ])?;
    }
    Ok(())
}

fn daily(workbook: &mut Workbook, formats: &Formats, d: &ResultDocument) -> Result<(), XlsxError> {
    let mut header = strings(&crate::csv_export::DAILY_COLUMNS);
    // With [costs], the P50 cumulative spend, as in daily.csv.
    let spend = d.costs.as_ref().map(|costs| &costs.cumulative_by_day);
    if spend.is_some() {
        header.push("spend_p50".to_string());
    }
    let mut sheet = Sheet::new(workbook, formats, "daily", &header)?;
    let people = |fan: &Option<crate::document::FanDoc>| {
        fan.as_ref()
            .map_or([Cell::Empty, Cell::Empty, Cell::Empty], |f| {
                [f.p10, f.p50, f.p90].map(|n| Cell::Number(n as f64))
            })
    };
    for (index, day) in d.daily.iter().enumerate() {
        let [payroll_p10, payroll_p50, payroll_p90] = people(&day.payroll);
        let spent = match spend.and_then(|days| days.get(index)) {
            Some(spent) => Cell::Number(spent.p50 as f64),
            None => Cell::Empty,
        };
        let [trained_p10, trained_p50, trained_p90] = people(&day.trained);
        sheet.row(&[
            Cell::Date(Some(&day.date)),
            Cell::Bool(day.workday),
            Cell::Number(day.good.p10 as f64),
            Cell::Number(day.good.p50 as f64),
            Cell::Number(day.good.p90 as f64),
            Cell::Number(day.cumulative.p10 as f64),
            Cell::Number(day.cumulative.p50 as f64),
            Cell::Number(day.cumulative.p90 as f64),
            Cell::Number(f64::from(day.planned_shifts)),
            Cell::Number(day.staffed_shifts),
            Cell::Percent(day.stockout_probability),
            payroll_p10,
            payroll_p50,
            payroll_p90,
            trained_p10,
            trained_p50,
            trained_p90,
            spent,
        ])?;
    }
    Ok(())
}

fn stations(
    workbook: &mut Workbook,
    formats: &Formats,
    d: &ResultDocument,
) -> Result<(), XlsxError> {
    let header = strings(&crate::csv_export::STATION_COLUMNS);
    let mut sheet = Sheet::new(workbook, formats, "stations", &header)?;
    for s in &d.stations {
        sheet.row(&[
            Cell::Text(&s.id),
            Cell::Percent(s.busy),
            Cell::Percent(s.blocked),
            Cell::Percent(s.starved),
            Cell::Percent(s.down),
            Cell::Percent(s.unstaffed),
            Cell::Percent(s.utilisation),
            Cell::Bool(d.bottleneck.as_deref() == Some(s.id.as_str())),
        ])?;
    }
    Ok(())
}

/// One row per day: the date, then P10, P50 and P90 of every kit's end-of-day stock.
fn kits(workbook: &mut Workbook, formats: &Formats, d: &ResultDocument) -> Result<(), XlsxError> {
    let mut header = vec!["date".to_string()];
    for id in &d.kits.ids {
        for quantile in ["p10", "p50", "p90"] {
            header.push(format!("{id}_{quantile}"));
        }
    }
    let mut sheet = Sheet::new(workbook, formats, "kits", &header)?;
    for day in &d.daily {
        let mut cells = vec![Cell::Date(Some(&day.date))];
        for fan in &day.kit_stock {
            let FanDoc { p10, p50, p90 } = fan;
            cells.extend([
                Cell::Number(*p10 as f64),
                Cell::Number(*p50 as f64),
                Cell::Number(*p90 as f64),
            ]);
        }
        sheet.row(&cells)?;
    }
    Ok(())
}

fn localization(
    workbook: &mut Workbook,
    formats: &Formats,
    d: &ResultDocument,
) -> Result<(), XlsxError> {
    let Some(localization) = &d.localization else {
        return Ok(());
    };
    let header = strings(&["date", "points", "threshold", "meets", "items"]);
    let mut sheet = Sheet::new(workbook, formats, "localization", &header)?;
    for entry in &localization.timeline {
        let items = entry.items.join("; ");
        sheet.row(&[
            Cell::Date(Some(&entry.date)),
            Cell::Number(f64::from(entry.points)),
            entry
                .threshold
                .map_or(Cell::Empty, |t| Cell::Number(f64::from(t))),
            Cell::Bool(entry.meets),
            Cell::Text(&items),
        ])?;
    }
    Ok(())
}

//! Actuals files: the long CSV `date,metric,item,value` with an optional fifth column `note`
//! (and the first sheet of an XLSX workbook with the same columns) read into [`Row`]s with the
//! place of each, every bad row a diagnostic at its `file:line:column` (for XLSX the row in
//! `line`, the column's number in `column` and `sheet "…" row N, column C` in the message), and
//! rows resolved against a scenario with the same places.
//!
//! What is checked (`fields.rs`): the header (names and order), the date (a real
//! `YYYY-MM-DD`), the metric (one of [`Metric::ALL`], with a "did you mean"), the item (empty
//! for `hired` and `left`, required otherwise), the value (a whole number from 0 to
//! 1,000,000,000; 1 for `task_done` and `task_started`), the number of fields, and the same
//! (date, metric, item) given twice in one file. Every problem is reported at once; any problem
//! means no rows. The format is described in `docs/actuals.md`.

mod csv_file;
mod fields;
mod raw;
mod xlsx_file;

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use jiff::civil::Date;
use relaunch_core::Scenario;
use relaunch_core::actuals::{Actuals, ItemKind, Metric, Row};

use crate::text_values::suggest;
use crate::{Diagnostic, Diagnostics};
use raw::{Origin, Problem, RawRow};

/// Where a row was read from: a line of a CSV file, or a row of an XLSX sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowPlace {
    pub file: String,
    /// The sheet, for XLSX.
    pub sheet: Option<String>,
    /// 1-based line (CSV) or row (XLSX).
    pub line: usize,
    /// The row as written (an XLSX row: its cells joined by commas), quoted by diagnostics.
    pub text: String,
    /// The byte range of the item in `text`, underlined when the item does not resolve.
    pub item_span: Range<usize>,
}

/// The rows of an actuals file with their places (same order, same length).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActualsFile {
    pub rows: Vec<Row>,
    pub places: Vec<RowPlace>,
}

/// Reads the actuals file at `path` (CSV, or XLSX by its extension): every row checked, all
/// problems reported at once; any problem means no rows.
pub fn read_actuals(path: &Path) -> Result<ActualsFile, Diagnostics> {
    let file = path.display().to_string();
    format_of(&file)?;
    let bytes = std::fs::read(path).map_err(|error| {
        Diagnostics(vec![whole_file(
            &file,
            format!("cannot read the actuals file: {error}"),
        )])
    })?;
    read_actuals_bytes(&file, bytes)
}

/// Reads actuals from `bytes`, a file called `name` (an upload, say): CSV or XLSX by the
/// name's extension, checked as [`read_actuals`] does, with `name` in the diagnostics.
pub fn read_actuals_bytes(name: &str, bytes: Vec<u8>) -> Result<ActualsFile, Diagnostics> {
    let (origin, rows) = match format_of(name)? {
        Format::Xlsx => xlsx_file::raw_rows(name, bytes).map_err(Diagnostics)?,
        Format::Csv => {
            let origin = Origin {
                file: name.to_string(),
                sheet: None,
            };
            let rows = csv_file::raw_rows(&origin, &bytes).map_err(Diagnostics)?;
            (origin, rows)
        }
    };
    check(&origin, &rows).map_err(Diagnostics)
}

enum Format {
    Csv,
    Xlsx,
}

/// The form of the file called `name`, by its extension.
fn format_of(name: &str) -> Result<Format, Diagnostics> {
    let extension = Path::new(name)
        .extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv") => Ok(Format::Csv),
        Some("xlsx") => Ok(Format::Xlsx),
        _ => Err(Diagnostics(vec![whole_file(
            name,
            "an actuals file must be a .csv or .xlsx file (by its extension)",
        )])),
    }
}

fn whole_file(name: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::without_place(name, message)
}

/// Checks the header and every row read.
fn check(origin: &Origin, rows: &[RawRow]) -> Result<ActualsFile, Vec<Diagnostic>> {
    let Some((header, rows)) = rows.split_first() else {
        return Err(vec![origin.whole_file(
            "the file has no header: expected the line date,metric,item,value (and optionally note)",
        )]);
    };
    let has_note = fields::check_header(&header.fields).map_err(|problems| {
        problems
            .iter()
            .map(|problem| origin.diagnostic(header, problem))
            .collect::<Vec<_>>()
    })?;
    let mut diagnostics = Vec::new();
    let mut file = ActualsFile::default();
    let mut first_lines: HashMap<(Date, Metric, String), usize> = HashMap::new();
    for raw in rows {
        let row = match fields::check_row(&raw.fields, has_note) {
            Ok(row) => row,
            Err(problems) => {
                diagnostics.extend(
                    problems
                        .iter()
                        .map(|problem| origin.diagnostic(raw, problem)),
                );
                continue;
            }
        };
        let key = (row.date, row.metric, row.item.clone());
        if let Some(first) = first_lines.get(&key) {
            let (date, metric, item) = row.key();
            let where_first = if origin.sheet.is_some() {
                "row"
            } else {
                "line"
            };
            diagnostics.push(origin.diagnostic(
                raw,
                &Problem::new(
                    0,
                    format!("`{date},{},{item}` is given twice", metric.name()),
                    format!(
                        "already given on {where_first} {first}: give each date, metric and item once"
                    ),
                ),
            ));
            continue;
        }
        first_lines.insert(key, raw.line);
        file.places.push(RowPlace {
            file: origin.file.clone(),
            sheet: origin.sheet.clone(),
            line: raw.line,
            text: raw.text.clone(),
            item_span: raw.span(2),
        });
        file.rows.push(row);
    }
    if diagnostics.is_empty() {
        Ok(file)
    } else {
        Err(diagnostics)
    }
}

/// The most candidates a label lists when nothing is close to the item written.
const LISTED_CANDIDATES: usize = 8;

/// Resolves the rows of `file` against `scenario` (items name its products, kits and tasks),
/// each problem at the row's place.
pub fn resolve_actuals(file: &ActualsFile, scenario: &Scenario) -> Result<Actuals, Diagnostics> {
    let problems = match Actuals::resolve(&file.rows, scenario) {
        Ok(actuals) => return Ok(actuals),
        Err(problems) => problems,
    };
    let diagnostics = problems
        .iter()
        .map(|problem| {
            let row = file.rows.get(problem.row);
            let item = row.map_or("", |row| row.item.as_str());
            let candidates: Vec<&str> = problem.candidates.iter().map(String::as_str).collect();
            if problem.on_date {
                return match file.places.get(problem.row) {
                    Some(place) => {
                        let date_end = place.text.find(',').unwrap_or(place.text.len());
                        Origin {
                            file: place.file.clone(),
                            sheet: place.sheet.clone(),
                        }
                        .at(
                            place.line,
                            &place.text,
                            0..date_end,
                            0,
                            &problem.message,
                            "outside the scenario's days",
                        )
                    }
                    None => Diagnostic::without_place("<actuals>", problem.message.clone()),
                };
            }
            let label = if let Some(suggestion) = suggest(item, &candidates) {
                format!("did you mean `{suggestion}`?")
            } else if candidates.is_empty() {
                match row.map(|row| row.metric.item_kind()) {
                    Some(ItemKind::Product) => "the scenario has no products".to_string(),
                    Some(ItemKind::Kit) => "the scenario has no kits".to_string(),
                    Some(ItemKind::Task) => "the scenario has no tasks".to_string(),
                    _ => "leave the item empty".to_string(),
                }
            } else {
                let mut listed = candidates[..candidates.len().min(LISTED_CANDIDATES)].join(", ");
                if candidates.len() > LISTED_CANDIDATES {
                    listed.push_str(", ...");
                }
                format!("expected one of {listed}")
            };
            match file.places.get(problem.row) {
                Some(place) => Origin {
                    file: place.file.clone(),
                    sheet: place.sheet.clone(),
                }
                .at(
                    place.line,
                    &place.text,
                    place.item_span.clone(),
                    2,
                    &problem.message,
                    &label,
                ),
                None => Diagnostic::without_place("<actuals>", problem.message.clone()),
            }
        })
        .collect();
    Err(Diagnostics(diagnostics))
}

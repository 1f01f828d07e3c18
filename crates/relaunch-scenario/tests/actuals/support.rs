//! Writing actuals files into a temporary directory and reading them back.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use relaunch_scenario::{ActualsFile, Diagnostic, Diagnostics, read_actuals};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use tempfile::TempDir;

/// A directory that lives as long as the files read from it.
pub struct Files {
    pub directory: TempDir,
}

impl Files {
    pub fn new() -> Files {
        Files {
            directory: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.directory.path().join(name)
    }

    /// Writes `bytes` to `name` and returns its path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write the file");
        path
    }
}

/// The rows of the CSV `text` (which must be valid).
pub fn read_csv(text: &str) -> ActualsFile {
    let files = Files::new();
    let path = files.write("actuals.csv", text.as_bytes());
    read_actuals(&path).unwrap_or_else(|diagnostics| panic!("unexpected problems:\n{diagnostics}"))
}

/// The problems of the CSV `text` (which must be refused), its file named `actuals.csv`.
pub fn csv_problems(text: &str) -> Vec<Diagnostic> {
    let files = Files::new();
    let path = files.write("actuals.csv", text.as_bytes());
    let diagnostics = read_actuals(&path).expect_err("the file must be refused");
    // Every diagnostic renders, and names the file.
    let rendered = diagnostics.to_string();
    assert!(rendered.contains("actuals.csv"), "{rendered}");
    diagnostics
        .0
        .into_iter()
        .map(|mut diagnostic| {
            diagnostic.file = file_name(&diagnostic.file);
            diagnostic
        })
        .collect()
}

/// The one problem of the CSV `text`.
pub fn csv_problem(text: &str) -> Diagnostic {
    let mut problems = csv_problems(text);
    assert_eq!(problems.len(), 1, "{}", Diagnostics(problems.clone()));
    problems.remove(0)
}

/// The last component of `path`.
pub fn file_name(path: &str) -> String {
    Path::new(path).file_name().map_or_else(
        || path.to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// `(line, column, message, label)` of a diagnostic.
pub fn summary(diagnostic: &Diagnostic) -> (usize, usize, &str, &str) {
    (
        diagnostic.line,
        diagnostic.column,
        diagnostic.message.as_str(),
        diagnostic.label.as_str(),
    )
}

/// A cell of a test workbook.
#[derive(Debug, Clone)]
pub enum Cell {
    Text(&'static str),
    Number(f64),
    Day(Date),
    Empty,
}

/// Writes a workbook whose first sheet `sheet` holds `rows` and returns its path.
pub fn write_xlsx(files: &Files, name: &str, sheet: &str, rows: &[Vec<Cell>]) -> PathBuf {
    let mut workbook = Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet).expect("a sheet name");
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (row, cells) in rows.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            let (row, column) = (row as u32, column as u16);
            match cell {
                Cell::Text(text) => {
                    worksheet.write_string(row, column, *text).expect("a cell");
                }
                Cell::Number(number) => {
                    worksheet
                        .write_number(row, column, *number)
                        .expect("a cell");
                }
                Cell::Day(date) => {
                    let day = ExcelDateTime::from_ymd(
                        date.year() as u16,
                        date.month() as u8,
                        date.day() as u8,
                    )
                    .expect("a date");
                    worksheet
                        .write_datetime_with_format(row, column, day, &date_format)
                        .expect("a cell");
                }
                Cell::Empty => {}
            }
        }
    }
    let path = files.path(name);
    workbook.save(&path).expect("save the workbook");
    path
}

//! The XLSX form: the first sheet's rows read like the CSV's, diagnostics naming the sheet and
//! the row.

use jiff::civil::date;
use relaunch_scenario::read_actuals;

use crate::support::{Cell, Files, read_csv, summary, write_xlsx};

fn header() -> Vec<Cell> {
    ["date", "metric", "item", "value", "note"]
        .map(Cell::Text)
        .to_vec()
}

#[test]
fn a_sheet_reads_into_the_same_rows_as_the_csv() {
    let files = Files::new();
    let path = write_xlsx(
        &files,
        "actuals.xlsx",
        "Actuals",
        &[
            header(),
            vec![Cell::Text("# a comment row")],
            vec![
                Cell::Day(date(2023, 12, 18)),
                Cell::Text("kits_received"),
                Cell::Text("c5-skd"),
                Cell::Number(42.0),
                Cell::Text("reported: 42 kits, Kommersant"),
            ],
            vec![],
            vec![
                Cell::Text("2023-12-20"),
                Cell::Text("good"),
                Cell::Text("crossover"),
                Cell::Text("6"),
            ],
            vec![
                Cell::Day(date(2023, 10, 2)),
                Cell::Text("hired"),
                Cell::Empty,
                Cell::Number(40.0),
            ],
        ],
    );
    let sheet = read_actuals(&path).unwrap_or_else(|problems| panic!("{problems}"));
    let csv = read_csv(
        "date,metric,item,value,note\n2023-12-18,kits_received,c5-skd,42,\"reported: 42 kits, Kommersant\"\n\
         2023-12-20,good,crossover,6\n2023-10-02,hired,,40\n",
    );
    assert_eq!(sheet.rows, csv.rows);
    let rows: Vec<usize> = sheet.places.iter().map(|place| place.line).collect();
    assert_eq!(rows, vec![3, 5, 6]);
    assert!(
        sheet
            .places
            .iter()
            .all(|place| place.sheet.as_deref() == Some("Actuals"))
    );
    assert_eq!(
        sheet.places[0].text,
        "2023-12-18,kits_received,c5-skd,42,reported: 42 kits, Kommersant"
    );
}

#[test]
fn a_bad_cell_names_the_sheet_the_row_and_the_column() {
    let files = Files::new();
    let path = write_xlsx(
        &files,
        "actuals.xlsx",
        "Actuals",
        &[
            header(),
            vec![
                Cell::Day(date(2024, 1, 2)),
                Cell::Text("good"),
                Cell::Text("crossover"),
                Cell::Number(6.0),
            ],
            vec![
                Cell::Day(date(2024, 1, 3)),
                Cell::Text("godo"),
                Cell::Text("crossover"),
                Cell::Number(6.5),
            ],
            vec![
                Cell::Day(date(2024, 1, 2)),
                Cell::Text("good"),
                Cell::Text("crossover"),
                Cell::Number(7.0),
            ],
        ],
    );
    let problems = read_actuals(&path).expect_err("refused").0;
    let found: Vec<_> = problems.iter().map(summary).collect();
    assert_eq!(
        found,
        vec![
            (
                3,
                2,
                "sheet \"Actuals\" row 3, column B: unknown metric `godo`",
                "did you mean `good`?"
            ),
            (
                3,
                4,
                "sheet \"Actuals\" row 3, column D: `6.5` is not a whole number",
                "expected a whole number of zero or more, like 6"
            ),
            (
                4,
                1,
                "sheet \"Actuals\" row 4, column A: `2024-01-02,good,crossover` is given twice",
                "already given on row 2: give each date, metric and item once"
            ),
        ]
    );
    assert_eq!(problems[0].source_line, "2024-01-03,godo,crossover,6.5");
    assert!(
        problems[0].to_string().contains("actuals.xlsx:3:2"),
        "{}",
        problems[0]
    );
}

#[test]
fn a_header_in_the_wrong_order_is_named_by_column() {
    let files = Files::new();
    let path = write_xlsx(
        &files,
        "actuals.xlsx",
        "Sheet1",
        &[["date", "metric", "value", "item"].map(Cell::Text).to_vec()],
    );
    let problems = read_actuals(&path).expect_err("refused").0;
    assert_eq!(problems.len(), 2);
    assert_eq!(
        problems[0].message,
        "sheet \"Sheet1\" row 1, column C: column `value` is out of place"
    );
    assert_eq!(problems[1].column, 4);
}

#[test]
fn bytes_that_are_no_workbook_are_refused() {
    let files = Files::new();
    let path = files.write("actuals.xlsx", b"date,metric,item,value\n");
    let problem = read_actuals(&path).expect_err("refused").0.remove(0);
    assert_eq!(problem.line, 0);
    assert!(
        problem
            .message
            .starts_with("not readable as an XLSX workbook: "),
        "{problem:?}"
    );
}

#[test]
fn only_the_first_sheet_is_read() {
    let files = Files::new();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let first = workbook.add_worksheet();
    first.set_name("Actuals").expect("a name");
    for (column, text) in ["date", "metric", "item", "value"].iter().enumerate() {
        first.write_string(0, column as u16, *text).expect("a cell");
    }
    for (column, text) in ["2024-01-02", "good", "crossover"].iter().enumerate() {
        first.write_string(1, column as u16, *text).expect("a cell");
    }
    first.write_number(1, 3, 6.0).expect("a cell");
    let notes = workbook.add_worksheet();
    notes.set_name("Notes").expect("a name");
    notes
        .write_string(0, 0, "figures from the weekly meeting, not a table")
        .expect("a cell");
    let path = files.path("two-sheets.xlsx");
    workbook.save(&path).expect("save");
    let file = read_actuals(&path).unwrap_or_else(|problems| panic!("{problems}"));
    assert_eq!(file.rows.len(), 1);
    assert_eq!(
        (file.rows[0].date, file.rows[0].value),
        (date(2024, 1, 2), 6)
    );
}

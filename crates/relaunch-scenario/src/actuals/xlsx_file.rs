//! The XLSX form: the workbook's first sheet, read by `calamine`, with the same columns as the
//! CSV. Each row becomes the text of its cells joined by commas, which diagnostics quote; a date
//! cell reads as its `YYYY-MM-DD`, a whole number as its digits. Rows whose cells are all empty
//! and rows whose first cell starts with `#` are skipped, as blank and comment lines of a CSV.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::raw::{Origin, RawRow};
use crate::Diagnostic;

/// The rows of the first sheet of the workbook `bytes` (the header first) and the sheet's name.
pub(super) fn raw_rows(
    file: &str,
    bytes: Vec<u8>,
) -> Result<(Origin, Vec<RawRow>), Vec<Diagnostic>> {
    let mut origin = Origin {
        file: file.to_string(),
        sheet: None,
    };
    let mut workbook = match Xlsx::new(Cursor::new(bytes)) {
        Ok(workbook) => workbook,
        Err(error) => {
            return Err(vec![
                origin.whole_file(format!("not readable as an XLSX workbook: {error}")),
            ]);
        }
    };
    let Some(sheet) = workbook.sheet_names().first().cloned() else {
        return Err(vec![origin.whole_file("the workbook has no sheet")]);
    };
    let range = match workbook.worksheet_range(&sheet) {
        Ok(range) => range,
        Err(error) => {
            return Err(vec![
                origin.whole_file(format!("sheet \"{sheet}\" is not readable: {error}")),
            ]);
        }
    };
    origin.sheet = Some(sheet);
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (index, cells) in range.rows().enumerate() {
        let mut fields = vec![String::new(); first_column as usize];
        fields.extend(cells.iter().map(cell_text));
        while fields.last().is_some_and(|field| field.trim().is_empty()) {
            fields.pop();
        }
        if fields.is_empty() || fields[0].trim_start().starts_with('#') {
            continue;
        }
        let mut text = String::new();
        let mut spans = Vec::with_capacity(fields.len());
        for (column, field) in fields.iter().enumerate() {
            if column > 0 {
                text.push(',');
            }
            let leading = field.len() - field.trim_start().len();
            let start = text.len() + leading;
            spans.push(start..start + field.trim().len());
            text.push_str(field);
        }
        rows.push(RawRow {
            line: first_row as usize + index + 1,
            text,
            fields,
            spans,
        });
    }
    Ok((origin, rows))
}

/// The text a cell stands for: a date cell as `YYYY-MM-DD` (with its time when it has one), a
/// whole number as its digits, an error as Excel writes it (`#N/A`).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) => {
            if number.fract() == 0.0 && number.abs() < 1e15 {
                format!("{}", *number as i64)
            } else {
                number.to_string()
            }
        }
        Data::Bool(value) => if *value { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(date_time) => {
            let (year, month, day, hour, minute, second, milli) = date_time.to_ymd_hms_milli();
            if date_time.is_duration() || (hour, minute, second, milli) != (0, 0, 0, 0) {
                format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}",)
            } else {
                format!("{year:04}-{month:02}-{day:02}")
            }
        }
        Data::Error(error) => error.to_string(),
    }
}

//! One row of an actuals file as written, before its fields are checked: its line (CSV) or row
//! (XLSX), its text and where each field stands in it; and the diagnostics placed at a field.

use std::ops::Range;

use crate::Diagnostic;
use crate::source::{Location, SourceFile};

/// Where the rows come from: the file as the user named it, and the sheet for XLSX.
#[derive(Debug, Clone)]
pub(super) struct Origin {
    pub file: String,
    pub sheet: Option<String>,
}

/// A row as written: the fields (as text, untrimmed) and their byte ranges in `text`.
#[derive(Debug, Clone)]
pub(super) struct RawRow {
    /// 1-based line of the file (CSV) or row of the sheet (XLSX) where the row starts.
    pub line: usize,
    /// The row as written: the CSV record, or the XLSX cells joined by commas.
    pub text: String,
    pub fields: Vec<String>,
    /// The byte range of each field in `text`, whitespace around it left out.
    pub spans: Vec<Range<usize>>,
}

impl RawRow {
    /// The span of field `field`, or the end of the row for a field that is missing.
    pub fn span(&self, field: usize) -> Range<usize> {
        self.spans
            .get(field)
            .cloned()
            .unwrap_or(self.text.len()..self.text.len())
    }
}

/// A problem with one field of a row: which field (its index; past the last for a missing
/// one), what is wrong and the text beside the underline.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Problem {
    pub field: usize,
    pub message: String,
    pub label: String,
}

impl Problem {
    pub fn new(field: usize, message: impl Into<String>, label: impl Into<String>) -> Problem {
        Problem {
            field,
            message: message.into(),
            label: label.into(),
        }
    }
}

/// The spreadsheet name of the 0-based column `index`: A, B, ..., Z, AA, ...
pub(super) fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut rest = index + 1;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        letters.push(char::from(b'A' + digit as u8));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect()
}

impl Origin {
    /// The diagnostic of `problem` in `row`, underlining its field.
    pub fn diagnostic(&self, row: &RawRow, problem: &Problem) -> Diagnostic {
        self.at(
            row.line,
            &row.text,
            row.span(problem.field),
            problem.field,
            &problem.message,
            &problem.label,
        )
    }

    /// A diagnostic at `span` of the row `text` that starts on line (or XLSX row) `line`;
    /// `field` is the field's 0-based index, the column of an XLSX diagnostic.
    pub fn at(
        &self,
        line: usize,
        text: &str,
        span: Range<usize>,
        field: usize,
        message: &str,
        label: &str,
    ) -> Diagnostic {
        let message = match &self.sheet {
            Some(sheet) => format!(
                "sheet \"{sheet}\" row {line}, column {}: {message}",
                column_letters(field)
            ),
            None => message.to_string(),
        };
        let source = SourceFile::new(self.file.clone(), text.to_string());
        let mut diagnostic = Diagnostic::at(&[source], &Location::new(0, span), message, label);
        // The row's text starts at its line: a field on the record's n-th line (a quoted note
        // with a line break before it) is on line `line + n - 1` of the file.
        diagnostic.line = line + diagnostic.line.saturating_sub(1);
        if self.sheet.is_some() {
            diagnostic.column = field + 1;
        }
        diagnostic
    }

    /// A diagnostic about the whole file (unreadable, not UTF-8, no header).
    pub fn whole_file(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::without_place(&self.file, message)
    }
}

#[cfg(test)]
mod tests {
    use super::column_letters;

    #[test]
    fn spreadsheet_columns_are_lettered() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(4), "E");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}

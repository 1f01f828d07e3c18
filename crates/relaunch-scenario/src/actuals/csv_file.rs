//! The CSV form: UTF-8 text (a byte order mark and CRLF line ends tolerated), read by the `csv`
//! crate (quotes, `#` comment lines, blank lines), each record kept with its line and the byte
//! ranges of its fields so that problems are underlined where they are written.

use std::ops::Range;

use super::raw::{Origin, RawRow};
use crate::Diagnostic;
use crate::source::{Location, SourceFile};

/// The records of the CSV `bytes` (the header first), or the problem that stops reading.
pub(super) fn raw_rows(origin: &Origin, bytes: &[u8]) -> Result<Vec<RawRow>, Vec<Diagnostic>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => return Err(vec![not_utf8(origin, bytes, error.valid_up_to())]),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut line = 1;
    let mut counted_to = 0;
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let message = format!("not readable as CSV: {error}");
                return Err(vec![match error.position() {
                    Some(position) => {
                        let start = (position.byte() as usize).min(text.len());
                        line_at(origin, text, start, message)
                    }
                    None => origin.whole_file(message),
                }]);
            }
        };
        let start = record_start(
            text,
            record
                .position()
                .map_or(text.len(), |position| position.byte() as usize),
        );
        line += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|byte| **byte == b'\n')
            .count();
        counted_to = start;
        let (mut spans, end) = field_spans(text, start);
        spans.resize(record.len(), end - start..end - start);
        rows.push(RawRow {
            line,
            text: text[start..end].to_string(),
            fields: record.iter().map(str::to_string).collect(),
            spans,
        });
    }
    Ok(rows)
}

/// Where the record the reader began at byte `from` starts: the reader's position is where
/// it began reading, before the line break that ended the previous record (the `\n` of a CRLF)
/// and the blank and comment lines it skipped.
fn record_start(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut index = from.min(bytes.len());
    while index < bytes.len() {
        match bytes[index] {
            b'\r' | b'\n' => index += 1,
            b'#' => {
                index = bytes[index..]
                    .iter()
                    .position(|byte| *byte == b'\n')
                    .map_or(bytes.len(), |offset| index + offset + 1);
            }
            _ => break,
        }
    }
    index
}

/// The byte ranges (relative to `start`) of the fields of the record at `start`, without the
/// whitespace around them, and where the record ends: at the first line break outside quotes.
fn field_spans(text: &str, start: usize) -> (Vec<Range<usize>>, usize) {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut field_start = start;
    let mut in_quotes = false;
    let mut index = start;
    while index < bytes.len() {
        let byte = bytes[index];
        if in_quotes {
            if byte == b'"' {
                if bytes.get(index + 1) == Some(&b'"') {
                    index += 2;
                    continue;
                }
                in_quotes = false;
            }
            index += 1;
            continue;
        }
        match byte {
            b'"' if text[field_start..index].trim().is_empty() => in_quotes = true,
            b',' => {
                spans.push(trimmed(text, field_start..index, start));
                field_start = index + 1;
            }
            b'\n' | b'\r' => break,
            _ => {}
        }
        index += 1;
    }
    spans.push(trimmed(text, field_start..index, start));
    (spans, index)
}

/// `range` of `text` without the whitespace at its ends, relative to `origin`.
fn trimmed(text: &str, range: Range<usize>, origin: usize) -> Range<usize> {
    let field = &text[range.clone()];
    let leading = field.len() - field.trim_start().len();
    let trailing = field.len() - field.trim_end().len();
    let start = range.start + leading;
    let end = (range.end - trailing).max(start);
    start - origin..end - origin
}

/// A problem at byte `offset` of the whole text, shown with its line.
fn line_at(origin: &Origin, text: &str, offset: usize, message: String) -> Diagnostic {
    let source = SourceFile::new(origin.file.clone(), text.to_string());
    Diagnostic::at(
        &[source],
        &Location::new(0, offset..offset),
        message,
        "expected CSV text",
    )
}

/// The file is not UTF-8: the place of the first bad byte.
fn not_utf8(origin: &Origin, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let lossy = String::from_utf8_lossy(bytes).into_owned();
    let source = SourceFile::new(origin.file.clone(), lossy);
    Diagnostic::at(
        &[source],
        &Location::new(0, valid_up_to..valid_up_to + 1),
        "the file is not UTF-8 text",
        "this byte is not UTF-8: save the file as UTF-8 CSV",
    )
}

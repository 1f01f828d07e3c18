//! `relaunch actuals import SCENARIO FILE...`: every file read and every row checked against
//! the scenario first (all problems of all files at once, each at file:line, or
//! file:sheet:row for XLSX); then the rows of all the files go to the store in ONE call, which
//! the store makes one transaction: any bad row anywhere means nothing is imported, and a
//! killed import leaves all of it or none. Importing the same files again changes nothing; a
//! changed value for a stored (date, metric, item) is a correction, reported.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use relaunch_core::actuals::{Metric, Row};
use relaunch_scenario::{Diagnostics, read_actuals, read_actuals_bytes, resolve_actuals};
use relaunch_store::{Correction, ImportReport, ScenarioVersion};

use super::{Programme, StoreHandle};
use crate::AppError;

/// What the import did to one file's rows, counted against what was stored before it (and
/// the files before it in the same import).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileImport {
    pub file: String,
    pub rows: usize,
    pub added: usize,
    pub unchanged: usize,
    pub corrections: Vec<Correction>,
}

/// The outcome of [`import_actuals`].
#[derive(Debug, Clone)]
pub struct ImportOutcome {
    pub programme: String,
    pub version: ScenarioVersion,
    pub files: Vec<FileImport>,
    /// The store's own count over all the files.
    pub total: ImportReport,
    pub url: String,
}

impl ImportOutcome {
    /// The report as printed: a line per file, a line per correction, then the total, which
    /// names the store.
    pub fn text(&self) -> String {
        self.text_in(Some(&self.url))
    }

    /// The report without the store's location, for a client of the server (which must not
    /// learn where the store is).
    pub fn text_without_store(&self) -> String {
        self.text_in(None)
    }

    fn text_in(&self, store: Option<&str>) -> String {
        let mut text = String::new();
        for file in &self.files {
            text.push_str(&format!(
                "{}: {} {}, {} added, {} unchanged, {}\n",
                file.file,
                file.rows,
                plural(file.rows, "row", "rows"),
                file.added,
                file.unchanged,
                count(file.corrections.len(), "correction", "corrections"),
            ));
            for correction in &file.corrections {
                text.push_str(&format!("  {}\n", correction_line(correction)));
            }
        }
        text.push_str(&format!(
            "imported into \"{}\" (scenario version {}{}){}: {} added, {} unchanged, {}\n",
            self.programme,
            self.version.version,
            if self.version.new { ", new" } else { "" },
            store.map_or(String::new(), |url| format!(" in {url}")),
            self.total.added,
            self.total.unchanged,
            count(self.total.corrections.len(), "correction", "corrections"),
        ));
        text
    }
}

/// A correction as printed: `2024-03-27 good crossover: 14 → 15 (correction)`.
pub fn correction_line(correction: &Correction) -> String {
    let row = &correction.row;
    let item = if row.item.is_empty() {
        String::new()
    } else {
        format!(" {}", row.item)
    };
    format!(
        "{} {}{}: {} → {} (correction)",
        row.date,
        row.metric.name(),
        item,
        correction.old_value,
        row.value
    )
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Reads every file, checks every row against the programme's scenario, and imports all the
/// rows in one transaction; `created` is the time of the import (RFC 3339).
pub fn import_actuals(
    store: &StoreHandle,
    programme: &Programme,
    files: &[PathBuf],
    created: &str,
) -> Result<ImportOutcome, AppError> {
    let read = read_all(programme, files)?;
    let source = files
        .iter()
        .map(|file| file.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    import_read(store, programme, read, &source, created)
}

/// An actuals file sent rather than read from disk: its name (whose extension, `.csv` or
/// `.xlsx`, says how to read it; it names the file in diagnostics and the import log) and its
/// bytes.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// [`import_actuals`] of uploaded files: every row of every upload checked first, then all in
/// one transaction.
pub fn import_uploads(
    store: &StoreHandle,
    programme: &Programme,
    uploads: Vec<Upload>,
    created: &str,
) -> Result<ImportOutcome, AppError> {
    let source = uploads
        .iter()
        .map(|upload| upload.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let mut problems = Vec::new();
    let mut read = Vec::with_capacity(uploads.len());
    for Upload { name, bytes } in uploads {
        let rows = read_actuals_bytes(&name, bytes).and_then(|file| {
            resolve_actuals(&file, &programme.scenario)?;
            Ok(file.rows)
        });
        match rows {
            Ok(rows) => read.push((name, rows)),
            Err(Diagnostics(found)) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        return Err(AppError::ImportRefused(Diagnostics(problems)));
    }
    import_read(store, programme, read, &source, created)
}

/// Imports the rows read from each file (named) in one store call.
fn import_read(
    store: &StoreHandle,
    programme: &Programme,
    read: Vec<(String, Vec<Row>)>,
    source: &str,
    created: &str,
) -> Result<ImportOutcome, AppError> {
    let version = programme.register(store, created)?;
    let stored = store.call(|store| store.actuals(programme.name()))?;
    let mut known: BTreeMap<(Date, Metric, String), u64> = stored
        .into_iter()
        .map(|row| ((row.date, row.metric, row.item), row.value))
        .collect();
    let mut imports = Vec::with_capacity(read.len());
    let mut all_rows = Vec::new();
    for (file, rows) in read {
        imports.push(classify(&file, &rows, &mut known));
        all_rows.extend(rows);
    }
    let total =
        store.call(|store| store.import_actuals(programme.name(), source, &all_rows, created))?;
    Ok(ImportOutcome {
        programme: programme.name().to_string(),
        version,
        files: imports,
        total,
        url: store.url().to_string(),
    })
}

/// The rows of each file, every file read and checked against the scenario; every problem of
/// every file at once.
fn read_all(programme: &Programme, files: &[PathBuf]) -> Result<Vec<(String, Vec<Row>)>, AppError> {
    let mut problems = Vec::new();
    let mut read = Vec::with_capacity(files.len());
    for path in files {
        match read_one(programme, path) {
            Ok(rows) => read.push((path.display().to_string(), rows)),
            Err(Diagnostics(found)) => problems.extend(found),
        }
    }
    if problems.is_empty() {
        Ok(read)
    } else {
        Err(AppError::ImportRefused(Diagnostics(problems)))
    }
}

fn read_one(programme: &Programme, path: &Path) -> Result<Vec<Row>, Diagnostics> {
    let file = read_actuals(path)?;
    resolve_actuals(&file, &programme.scenario)?;
    Ok(file.rows)
}

/// Counts `rows` against `known` (what the store holds, and the files before), then records
/// them there.
fn classify(
    file: &str,
    rows: &[Row],
    known: &mut BTreeMap<(Date, Metric, String), u64>,
) -> FileImport {
    let mut import = FileImport {
        file: file.to_string(),
        rows: rows.len(),
        added: 0,
        unchanged: 0,
        corrections: Vec::new(),
    };
    for row in rows {
        match known.insert((row.date, row.metric, row.item.clone()), row.value) {
            None => import.added += 1,
            Some(old) if old == row.value => import.unchanged += 1,
            Some(old_value) => import.corrections.push(Correction {
                row: row.clone(),
                old_value,
            }),
        }
    }
    import
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(date: &str, metric: Metric, item: &str, value: u64) -> Row {
        Row {
            date: date.parse().unwrap(),
            metric,
            item: item.to_string(),
            value,
            note: String::new(),
        }
    }

    #[test]
    fn rows_are_added_unchanged_or_corrections() {
        let mut known = BTreeMap::new();
        known.insert(
            (
                "2024-03-27".parse().unwrap(),
                Metric::Good,
                "crossover".to_string(),
            ),
            14,
        );
        known.insert(
            ("2024-03-26".parse().unwrap(), Metric::Hired, String::new()),
            3,
        );
        let rows = [
            row("2024-03-27", Metric::Good, "crossover", 15),
            row("2024-03-26", Metric::Hired, "", 3),
            row("2024-03-28", Metric::Good, "crossover", 16),
        ];
        let import = classify("week13.csv", &rows, &mut known);
        assert_eq!((import.rows, import.added, import.unchanged), (3, 1, 1));
        assert_eq!(import.corrections.len(), 1);
        assert_eq!(
            correction_line(&import.corrections[0]),
            "2024-03-27 good crossover: 14 → 15 (correction)"
        );
        // The same rows again: all unchanged.
        let again = classify("week13.csv", &rows, &mut known);
        assert_eq!((again.added, again.unchanged), (0, 3));
        assert!(again.corrections.is_empty());
    }

    #[test]
    fn a_correction_without_item() {
        let correction = Correction {
            row: row("2024-02-01", Metric::Left, "", 3),
            old_value: 2,
        };
        assert_eq!(
            correction_line(&correction),
            "2024-02-01 left: 2 → 3 (correction)"
        );
    }
}

//! Actuals files: the long CSV `date,metric,item,value` (and an XLSX sheet with the same
//! columns) read into [`Row`]s with the place of each, every bad row a diagnostic at its
//! `file:line` (`file:sheet:row` for XLSX), and rows resolved against a scenario with the same
//! places.

use std::path::Path;

use relaunch_core::Scenario;
use relaunch_core::actuals::{Actuals, Row};

use crate::Diagnostics;

/// Where a row was read from: a line of a CSV file, or a row of an XLSX sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowPlace {
    pub file: String,
    /// The sheet, for XLSX.
    pub sheet: Option<String>,
    /// 1-based line (CSV) or row (XLSX).
    pub line: usize,
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
    let _ = path;
    todo!("issue 12: reading actuals files")
}

/// Resolves the rows of `file` against `scenario` (items name its products, kits and tasks),
/// each problem at the row's place.
pub fn resolve_actuals(file: &ActualsFile, scenario: &Scenario) -> Result<Actuals, Diagnostics> {
    let _ = (file, scenario);
    todo!("issue 12: resolving actuals")
}

//! Tests of the actuals reader: real CSV and XLSX files in a temporary directory, one test per
//! diagnostic, rows resolved against the example scenarios, the example actuals themselves, and
//! a fuzz test that no input panics.

mod csv_rows;
mod examples;
mod fuzz;
mod resolve;
mod support;
mod xlsx_rows;

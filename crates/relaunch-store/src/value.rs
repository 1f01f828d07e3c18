//! Values on their way into and out of the store: dates as `YYYY-MM-DD` text, timestamps as
//! RFC 3339 text, `u64` as `i64` (refused above `i64::MAX`, never wrapped), no NUL in text.

use jiff::civil::Date;
use relaunch_core::actuals::Metric;

use crate::StoreError;

pub(crate) fn query_error(error: sqlx::Error) -> StoreError {
    StoreError::Query(error.to_string())
}

/// `value` as the store's integer; `what` names it in the message.
pub(crate) fn to_i64(value: u64, what: impl FnOnce() -> String) -> Result<i64, StoreError> {
    i64::try_from(value).map_err(|_| {
        StoreError::Invalid(format!(
            "{}: {value} is above {}, the largest value the store keeps",
            what(),
            i64::MAX
        ))
    })
}

pub(crate) fn count(value: usize) -> i64 {
    // Counts of rows held in memory always fit.
    i64::try_from(value).unwrap_or(i64::MAX)
}

pub(crate) fn to_u64(value: i64, what: &str) -> Result<u64, StoreError> {
    u64::try_from(value).map_err(|_| StoreError::Corrupt(format!("{what} is negative ({value})")))
}

pub(crate) fn to_usize(value: i64, what: &str) -> Result<usize, StoreError> {
    usize::try_from(value)
        .map_err(|_| StoreError::Corrupt(format!("{what} is out of range ({value})")))
}

/// Text without NUL characters (PostgreSQL cannot keep them, so neither backend takes them).
pub(crate) fn text<'a>(value: &'a str, what: &str) -> Result<&'a str, StoreError> {
    if value.contains('\0') {
        return Err(StoreError::Invalid(format!(
            "{what} `{}`: it holds a NUL character",
            value.escape_default()
        )));
    }
    Ok(value)
}

/// An RFC 3339 timestamp such as `2026-12-01T23:40:00Z`.
pub(crate) fn timestamp<'a>(value: &'a str, what: &str) -> Result<&'a str, StoreError> {
    match value.parse::<jiff::Timestamp>() {
        Ok(_) => Ok(value),
        Err(_) => Err(StoreError::Invalid(format!(
            "`{}` as the time of {what}: expected an RFC 3339 timestamp such as \
             2026-12-01T23:40:00Z",
            value.escape_default()
        ))),
    }
}

pub(crate) fn date_text(date: Date) -> String {
    date.to_string()
}

pub(crate) fn optional_date_text(date: Option<Date>) -> Option<String> {
    date.map(date_text)
}

pub(crate) fn parse_date(text: &str, what: &str) -> Result<Date, StoreError> {
    text.parse::<Date>()
        .map_err(|_| StoreError::Corrupt(format!("{what} `{text}` is not a YYYY-MM-DD date")))
}

pub(crate) fn parse_optional_date(
    text: Option<String>,
    what: &str,
) -> Result<Option<Date>, StoreError> {
    text.map(|text| parse_date(&text, what)).transpose()
}

pub(crate) fn parse_metric(text: &str) -> Result<Metric, StoreError> {
    Metric::from_name(text)
        .ok_or_else(|| StoreError::Corrupt(format!("`{text}` is no metric this version knows")))
}

/// `rows` groups of `columns` placeholders, `($1, $2), ($3, $4)`, for a multi-row `VALUES`.
pub(crate) fn values_list(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let places: Vec<String> = (1..=columns)
                .map(|column| format!("${}", row * columns + column))
                .collect();
            format!("({})", places.join(", "))
        })
        .collect::<Vec<String>>()
        .join(", ")
}

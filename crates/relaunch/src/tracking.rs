//! What the tracking commands (`actuals import`, `status`, `forecast`, `history`, `backtest`)
//! share on the command line: the store chosen by `--db`, else `RELAUNCH_DB`, else
//! `relaunch.db` in the working directory; the programme read from the scenario file; the time
//! of the command (RFC 3339, kept with what it stores); and the parsers of dates and periods.

use std::path::Path;

use jiff::civil::Date;
use relaunch_app::AppError;
use relaunch_app::tracking::{Programme, StoreHandle};
use relaunch_store::ENV_VAR;

use crate::load_with_warnings;

/// Opens the store `--db` names, else `RELAUNCH_DB`, else `relaunch.db` here.
pub fn open_store(db: Option<&str>) -> Result<StoreHandle, AppError> {
    let env = std::env::var(ENV_VAR).ok();
    StoreHandle::open_chosen(db, env.as_deref())
}

/// The programme of the scenario file, its pre-flight warnings printed.
pub fn programme(file: &Path, deny_warnings: bool) -> Result<Programme, AppError> {
    // The tracking commands store the scenario as its file says (`--set` is refused for them).
    let scenario = load_with_warnings(file, &Default::default(), deny_warnings)?;
    Programme::new(scenario, file)
}

/// Now, as RFC 3339 text in UTC to the second.
pub fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// A date `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>().map_err(|_| {
        format!("expected a date written YYYY-MM-DD, such as 2024-03-27, not `{text}`")
    })
}

/// A period in whole days: `7d` or `7`, at least 1.
pub fn parse_days(text: &str) -> Result<u32, String> {
    let digits = text.strip_suffix('d').unwrap_or(text);
    match digits.parse::<u32>() {
        Ok(days) if days >= 1 => Ok(days),
        _ => Err(format!(
            "expected a whole number of days, at least 1, such as 7d, not `{text}`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_dates() {
        assert_eq!(parse_days("7d"), Ok(7));
        assert_eq!(parse_days("14"), Ok(14));
        assert!(parse_days("0d").unwrap_err().contains("at least 1"));
        assert!(parse_days("1w").is_err());
        assert_eq!(parse_date("2024-03-27"), Ok("2024-03-27".parse().unwrap()));
        assert!(parse_date("27.03.2024").unwrap_err().contains("YYYY-MM-DD"));
    }
}

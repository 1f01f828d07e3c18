//! The dates a run can reach, and the rule that keeps them representable.
//!
//! Dates are `jiff` civil dates, which end on 9999-12-31. The engine and the reports compute
//! dates from the scenario's: the end of the horizon (`start` + `horizon`), the next dispatch
//! of an order (`every` days after one inside the horizon), the arrival of a kit (a lead time
//! after a dispatch), the day a hire is trained (`training` after the hiring date). The checker
//! keeps every one of them on or before [`LAST_SUPPORTED_DATE`], a year before jiff's last
//! date, so that no date arithmetic in the core or the reports can overflow; the problem is
//! reported at the key that pushes a date out.
//!
//! A lead time is bounded by its largest possible draw when the distribution has one
//! (constant, uniform, triangular, empirical), else by its mean plus 20 standard deviations
//! (exponential, lognormal, gamma, normal) or its one-in-a-billion quantile (Weibull). A draw
//! beyond that bound is possible in principle; the engine handles it in seconds (the kit
//! arrives after the horizon) without forming its date.

use jiff::civil::{Date, date};

use crate::checker::Checker;
use crate::source::Location;

/// The last date a scenario may mention or make a run reach.
pub(crate) const LAST_SUPPORTED_DATE: Date = date(9998, 12, 31);

/// Seconds in a day.
const SECONDS_PER_DAY: f64 = 86_400.0;

/// Whole days from `from` to [`LAST_SUPPORTED_DATE`] (negative when `from` is later).
pub(crate) fn days_left_after(from: Date) -> i64 {
    from.until((jiff::Unit::Day, LAST_SUPPORTED_DATE))
        .map_or(0, |span| i64::from(span.get_days()))
}

/// A duration in seconds as whole days, rounded up (at most `i64::MAX`).
pub(crate) fn whole_days(seconds: f64) -> i64 {
    let days = (seconds / SECONDS_PER_DAY).ceil();
    if days >= i64::MAX as f64 {
        i64::MAX
    } else {
        days.max(0.0) as i64
    }
}

/// `date` plus `days`, when that is on or before [`LAST_SUPPORTED_DATE`].
pub(crate) fn add_days_within_range(date: Date, days: i64) -> Option<Date> {
    if days > days_left_after(date) {
        return None;
    }
    date.checked_add(jiff::Span::new().days(days)).ok()
}

/// Reports a date written in the file that is after [`LAST_SUPPORTED_DATE`].
pub(crate) fn check_written_date(
    checker: &mut Checker<'_>,
    location: &Location,
    what: &str,
    date: Date,
) -> Option<Date> {
    if date <= LAST_SUPPORTED_DATE {
        return Some(date);
    }
    checker.error(
        location,
        format!("{what}: {date} is after the last supported date {LAST_SUPPORTED_DATE}"),
        format!("expected a date on or before {LAST_SUPPORTED_DATE}"),
    );
    None
}

/// Reports a duration (`seconds` at `location`) that, added to `from`, passes the last
/// supported date. `what` names the duration, `reached` says what the sum is ("the next
/// dispatch", "a kit arrival").
pub(crate) fn check_reach(
    checker: &mut Checker<'_>,
    location: &Location,
    what: &str,
    from: Date,
    seconds: f64,
    reached: &str,
) -> bool {
    let days = whole_days(seconds);
    if add_days_within_range(from, days).is_some() {
        return true;
    }
    checker.error_with_help(
        location,
        format!(
            "{what} ({}) puts {reached} after the last supported date {LAST_SUPPORTED_DATE}",
            shown_days(days)
        ),
        format!(
            "expected at most {} days from {from}",
            days_left_after(from).max(0)
        ),
        "dates must stay on or before 9998-12-31: shorten it, or start the scenario earlier",
    );
    false
}

/// `days` for a message: "12 days", or "more than a billion days".
fn shown_days(days: i64) -> String {
    if days > 1_000_000_000 {
        "more than a billion days".to_string()
    } else if days == 1 {
        "1 day".to_string()
    } else {
        format!("{days} days")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_counted_to_the_last_supported_date() {
        assert_eq!(days_left_after(date(9998, 12, 30)), 1);
        assert_eq!(days_left_after(date(9999, 1, 1)), -1);
        assert_eq!(
            add_days_within_range(date(9998, 12, 1), 30),
            Some(date(9998, 12, 31))
        );
        assert_eq!(add_days_within_range(date(9998, 12, 1), 31), None);
        assert_eq!(add_days_within_range(date(2024, 1, 1), i64::MAX), None);
        assert_eq!(whole_days(1e300), i64::MAX);
        assert_eq!(whole_days(86_400.5), 2);
    }
}

//! The localization ledger: the points a plant scores on each date against the threshold in force.
//!
//! Under the points system (Russian Government Decree 719) the score on a date is the sum of the
//! points of the items (operations done and components made in the country) that count on that
//! date; it is compared with a threshold that itself changes by date. The ledger lists the score
//! at the scenario start and on every later day within the horizon where it changes:
//!
//! ```text
//!   points
//!    2600 |                                  +------------  meets 2567
//!    1000 |                        +---------+
//!     900 |            +-----------+
//!     400 |   +--------+
//!     200 +---+
//!         '---+--------+-----------+---------+-----------> date
//!       start  item     item        item      items and a threshold
//!              from     from        from      change on the same day: one entry
//! ```
//!
//! Everything here is a pure function of the validated [`Localization`] table and two dates.
//! [`ledger`] is the one entry point for a scenario: it runs the ledger from the scenario start to
//! [`horizon_end`], the end every document uses.

use jiff::civil::Date;

use crate::model::{Localization, LocalizationItem, Scenario};

/// The first day after the scenario's horizon: its start plus the horizon in whole days,
/// rounded up and at least one, the days of the forecast's daily table.
pub fn horizon_end(scenario: &Scenario) -> Date {
    day_after_horizon(scenario.start, scenario.horizon_secs)
}

/// The first day after a horizon of `horizon_secs` from `start`, as [`horizon_end`].
fn day_after_horizon(start: Date, horizon_secs: f64) -> Date {
    const SECS_PER_DAY: f64 = 86_400.0;
    // Dates end in the year 9999, about 3.65 million days after year 0: clamp well inside Span.
    let n_days = (horizon_secs / SECS_PER_DAY).ceil().clamp(1.0, 7_000_000.0) as i64;
    start.saturating_add(jiff::Span::new().days(n_days))
}

/// The ledger of `scenario` from its start to [`horizon_end`]; `None` without a
/// `[localization]` table.
pub fn ledger(scenario: &Scenario) -> Option<Ledger> {
    let localization = scenario.localization.as_ref()?;
    Some(timeline(
        localization,
        scenario.start,
        horizon_end(scenario),
    ))
}

/// The score over the horizon: one entry per day on which something changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// The first entry is at the start; the others are in date order, one per day on which the
    /// points, the items counted or the threshold in force change.
    pub entries: Vec<LedgerEntry>,
    /// The first entry date on which the points reach the threshold, if any within the horizon.
    pub first_meets: Option<Date>,
}

/// The state of the ledger from `date` until the next entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    pub date: Date,
    /// Sum of the points of the items counted on `date`.
    pub points: u32,
    /// The threshold in force on `date`; `None` before the first threshold starts.
    pub threshold: Option<u32>,
    /// `points >= threshold`; false while no threshold is in force.
    pub meets: bool,
    /// Ids of the items counted on `date`, in scenario order.
    pub items: Vec<String>,
}

/// The ledger from `start` (the scenario start) up to `end` (the scenario start plus the
/// horizon, exclusive).
///
/// An entry is made at `start` and on every day in `(start, end)` where an item starts (its
/// `from`), an item stops (its `until`, the first day it no longer counts) or a threshold starts,
/// provided the points, the items counted or the threshold in force differ from the previous
/// entry. Changes falling on the same day make one entry. An item without `from` counts from
/// `start`; an item whose `until` is on or before `start` never counts.
pub fn timeline(localization: &Localization, start: Date, end: Date) -> Ledger {
    let mut change_dates: Vec<Date> = localization
        .items
        .iter()
        .flat_map(|item| [item.from, item.until])
        .flatten()
        .chain(
            localization
                .thresholds
                .iter()
                .map(|threshold| threshold.from),
        )
        .filter(|&date| start < date && date < end)
        .collect();
    change_dates.sort_unstable();
    change_dates.dedup();

    let mut entries: Vec<LedgerEntry> = Vec::with_capacity(change_dates.len() + 1);
    for date in std::iter::once(start).chain(change_dates) {
        let entry = entry_on(localization, start, date);
        let unchanged = entries.last().is_some_and(|previous| {
            previous.points == entry.points
                && previous.threshold == entry.threshold
                && previous.items == entry.items
        });
        if !unchanged {
            entries.push(entry);
        }
    }
    let first_meets = entries
        .iter()
        .find(|entry| entry.meets)
        .map(|entry| entry.date);
    Ledger {
        entries,
        first_meets,
    }
}

/// The points scored on `date` and the threshold in force then, for a scenario starting on
/// `start` (items without `from` count from `start`).
pub fn points_on(localization: &Localization, start: Date, date: Date) -> (u32, Option<u32>) {
    let points = counted_items(localization, start, date)
        .fold(0u32, |sum, item| sum.saturating_add(item.points));
    (points, threshold_on(localization, date))
}

/// The ledger entry for `date`, whether or not anything changes on it.
fn entry_on(localization: &Localization, start: Date, date: Date) -> LedgerEntry {
    let (points, threshold) = points_on(localization, start, date);
    LedgerEntry {
        date,
        points,
        threshold,
        meets: threshold.is_some_and(|threshold| points >= threshold),
        items: counted_items(localization, start, date)
            .map(|item| item.id.clone())
            .collect(),
    }
}

/// The items that count on `date`, in scenario order.
fn counted_items(
    localization: &Localization,
    start: Date,
    date: Date,
) -> impl Iterator<Item = &LocalizationItem> {
    localization.items.iter().filter(move |item| {
        let from = item.from.unwrap_or(start);
        from <= date && item.until.is_none_or(|until| date < until)
    })
}

/// The threshold whose `from` is the latest on or before `date`.
fn threshold_on(localization: &Localization, date: Date) -> Option<u32> {
    localization
        .thresholds
        .iter()
        .filter(|threshold| threshold.from <= date)
        .max_by_key(|threshold| threshold.from)
        .map(|threshold| threshold.points)
}

#[cfg(test)]
mod tests {
    use jiff::civil::{Date, date};

    use super::*;
    use crate::model::Threshold;

    fn day(text: &str) -> Date {
        text.parse().expect("a test date")
    }

    fn item(id: &str, points: u32, from: Option<&str>, until: Option<&str>) -> LocalizationItem {
        LocalizationItem {
            id: id.to_string(),
            points,
            from: from.map(day),
            until: until.map(day),
        }
    }

    fn threshold(from: &str, points: u32) -> Threshold {
        Threshold {
            from: day(from),
            points,
        }
    }

    /// Renders a ledger as one line per entry, then the first date it meets the threshold.
    fn render(ledger: &Ledger) -> String {
        let mut text = String::new();
        for entry in &ledger.entries {
            let threshold = entry
                .threshold
                .map_or_else(|| "-".to_string(), |threshold| threshold.to_string());
            let meets = if entry.meets { "yes" } else { "no" };
            text.push_str(&format!(
                "{} {} {} {} [{}]\n",
                entry.date,
                entry.points,
                threshold,
                meets,
                entry.items.join(" ")
            ));
        }
        let first_meets = ledger
            .first_meets
            .map_or_else(|| "never".to_string(), |date| date.to_string());
        text.push_str(&format!("first meets: {first_meets}\n"));
        text
    }

    /// Computes the timeline from `start` to `end` and compares it with the expected text.
    fn check(localization: &Localization, start: &str, end: &str, expected: &str) {
        let ledger = timeline(localization, day(start), day(end));
        assert_eq!(render(&ledger), expected);
    }

    #[test]
    fn items_start_and_end() {
        let localization = Localization {
            thresholds: vec![threshold("2023-01-01", 500)],
            items: vec![
                item("assembly", 200, None, None),
                item("welding", 400, Some("2023-03-01"), Some("2023-06-01")),
                item("painting", 500, Some("2023-05-01"), None),
            ],
        };
        check(
            &localization,
            "2023-01-01",
            "2024-01-01",
            "\
2023-01-01 200 500 no [assembly]
2023-03-01 600 500 yes [assembly welding]
2023-05-01 1100 500 yes [assembly welding painting]
2023-06-01 700 500 yes [assembly painting]
first meets: 2023-03-01
",
        );
    }

    #[test]
    fn threshold_and_item_change_on_the_same_day_make_one_entry() {
        let localization = Localization {
            thresholds: vec![threshold("2022-01-01", 2000), threshold("2023-01-01", 2567)],
            items: vec![
                item("assembly", 1900, None, None),
                item("body-metal", 200, Some("2023-01-01"), None),
                item("painting", 500, Some("2023-06-01"), None),
            ],
        };
        check(
            &localization,
            "2022-11-23",
            "2024-01-01",
            "\
2022-11-23 1900 2000 no [assembly]
2023-01-01 2100 2567 no [assembly body-metal]
2023-06-01 2600 2567 yes [assembly body-metal painting]
first meets: 2023-06-01
",
        );
    }

    #[test]
    fn item_ending_the_day_a_threshold_starts() {
        // The ECU counts through 2023-12-31 only; the stricter threshold starts the next day.
        let localization = Localization {
            thresholds: vec![threshold("2023-01-01", 300), threshold("2024-01-01", 400)],
            items: vec![
                item("assembly", 300, None, None),
                item("ecu", 100, Some("2023-07-01"), Some("2024-01-01")),
            ],
        };
        check(
            &localization,
            "2023-01-01",
            "2025-01-01",
            "\
2023-01-01 300 300 yes [assembly]
2023-07-01 400 300 yes [assembly ecu]
2024-01-01 300 400 no [assembly]
first meets: 2023-01-01
",
        );
    }

    #[test]
    fn no_threshold_yet_never_meets() {
        let localization = Localization {
            thresholds: vec![threshold("2023-04-01", 100)],
            items: vec![item("assembly", 500, None, None)],
        };
        check(
            &localization,
            "2023-01-01",
            "2024-01-01",
            "\
2023-01-01 500 - no [assembly]
2023-04-01 500 100 yes [assembly]
first meets: 2023-04-01
",
        );
    }

    #[test]
    fn never_meets_within_the_horizon() {
        let localization = Localization {
            thresholds: vec![threshold("2023-01-01", 2567)],
            items: vec![
                item("assembly", 200, None, None),
                item("welding", 400, Some("2023-02-01"), None),
                // Starts on the horizon's end: outside the ledger.
                item("engine", 2000, Some("2024-01-01"), None),
            ],
        };
        check(
            &localization,
            "2023-01-01",
            "2024-01-01",
            "\
2023-01-01 200 2567 no [assembly]
2023-02-01 600 2567 no [assembly welding]
first meets: never
",
        );
    }

    #[test]
    fn item_from_before_start_counts_from_start() {
        let localization = Localization {
            thresholds: vec![threshold("2020-01-01", 300)],
            items: vec![
                item("assembly", 200, Some("2021-05-01"), None),
                item("welding", 100, Some("2022-12-01"), Some("2023-02-01")),
            ],
        };
        check(
            &localization,
            "2023-01-01",
            "2024-01-01",
            "\
2023-01-01 300 300 yes [assembly welding]
2023-02-01 200 300 no [assembly]
first meets: 2023-01-01
",
        );
    }

    #[test]
    fn until_on_or_before_start_never_counts() {
        let localization = Localization {
            thresholds: vec![],
            items: vec![
                item("old-rnd", 200, Some("2021-01-01"), Some("2022-10-01")),
                item("ended-at-start", 100, None, Some("2023-01-01")),
                item("assembly", 50, None, None),
            ],
        };
        check(
            &localization,
            "2023-01-01",
            "2024-01-01",
            "\
2023-01-01 50 - no [assembly]
first meets: never
",
        );
    }

    #[test]
    fn changes_that_change_nothing_make_no_entry() {
        // An empty item (from == until) and a threshold restated at the same value.
        let localization = Localization {
            thresholds: vec![threshold("2023-01-01", 100), threshold("2023-06-01", 100)],
            items: vec![
                item("assembly", 100, None, None),
                item("empty", 50, Some("2023-03-01"), Some("2023-03-01")),
            ],
        };
        check(
            &localization,
            "2023-01-01",
            "2024-01-01",
            "\
2023-01-01 100 100 yes [assembly]
first meets: 2023-01-01
",
        );
    }

    #[test]
    fn points_on_a_date() {
        let localization = Localization {
            thresholds: vec![threshold("2023-01-01", 2000), threshold("2024-01-01", 2567)],
            items: vec![
                item("assembly", 200, None, None),
                item("welding", 400, Some("2023-07-01"), Some("2024-07-01")),
            ],
        };
        let start = date(2022, 11, 23);
        assert_eq!(
            points_on(&localization, start, date(2022, 11, 22)),
            (0, None)
        );
        assert_eq!(points_on(&localization, start, start), (200, None));
        assert_eq!(
            points_on(&localization, start, date(2023, 7, 1)),
            (600, Some(2000))
        );
        assert_eq!(
            points_on(&localization, start, date(2024, 6, 30)),
            (600, Some(2567))
        );
        assert_eq!(
            points_on(&localization, start, date(2024, 7, 1)),
            (200, Some(2567))
        );
    }

    #[test]
    fn horizon_end_rounds_up_to_whole_days() {
        let start = date(2022, 11, 23);
        assert_eq!(
            day_after_horizon(start, 814.0 * 86_400.0),
            date(2025, 2, 14)
        );
        assert_eq!(day_after_horizon(start, 36.0 * 3_600.0), date(2022, 11, 25));
        // At least one day, as the forecast's daily table.
        assert_eq!(day_after_horizon(start, 0.0), date(2022, 11, 24));
        assert_eq!(day_after_horizon(start, f64::MAX), Date::MAX);
    }
}

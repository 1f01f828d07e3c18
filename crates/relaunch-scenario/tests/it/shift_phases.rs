//! `[calendar] shifts` as a list of phases: what reads, and every mistake at its
//! file:line:column.

use jiff::civil::date;
use relaunch_core::model::{Calendar, ShiftPhase};
use relaunch_scenario::load_str;

use crate::support::{check, minimal_with};

fn with_calendar(calendar: &str) -> String {
    minimal_with(&[], &format!("[calendar]\n{calendar}"))
}

#[test]
fn a_number_or_phases_read_into_the_model() {
    let scenario = load_str("ok.toml", &with_calendar("shifts = 3\n")).expect("valid");
    let Calendar::Shifts(calendar) = scenario.calendar else {
        panic!("a shift calendar")
    };
    assert_eq!(calendar.shifts, [ShiftPhase::always(3)]);

    let text = with_calendar(
        "shifts = [{ from = \"2024-01-01\", count = 1 }, { from = \"2024-06-03\", count = 0 }, \
         { from = \"2024-07-01\", count = 3 }]\n",
    );
    let scenario = load_str("ok.toml", &text).expect("valid");
    let Calendar::Shifts(calendar) = scenario.calendar else {
        panic!("a shift calendar")
    };
    let phase = |from, count| ShiftPhase {
        from: Some(from),
        count,
    };
    assert_eq!(
        calendar.shifts,
        [
            phase(date(2024, 1, 1), 1),
            phase(date(2024, 6, 3), 0),
            phase(date(2024, 7, 1), 3)
        ]
    );
    assert_eq!(calendar.max_shifts(), 3);
    assert_eq!(calendar.shifts_on(date(2023, 12, 31)), 0);
    assert_eq!(calendar.shifts_on(date(2024, 6, 2)), 1);
    assert_eq!(calendar.shifts_on(date(2024, 6, 3)), 0);
    assert_eq!(calendar.shifts_on(date(2025, 1, 1)), 3);
}

#[test]
fn phases_out_of_order_are_placed_at_the_later_date() {
    check(
        &with_calendar(
            "shifts = [\n  { from = \"2024-06-03\", count = 2 },\n  { from = \"2024-06-03\", count = 1 },\n]\n",
        ),
        &[
            "bad.toml:19:12: `shifts` in [calendar] is not sorted: 2024-06-03 is not after 2024-06-03",
        ],
    );
    check(
        &with_calendar(
            "shifts = [{ from = \"2024-01-01\", count = 1 }, { from = \"2023-01-01\", count = 2 }]\n",
        ),
        &[
            "bad.toml:17:56: `shifts` in [calendar] is not sorted: 2023-01-01 is not after 2024-01-01",
        ],
    );
}

#[test]
fn bad_dates_counts_and_missing_keys() {
    let cases: [(&str, &str); 9] = [
        (
            "shifts = [{ from = \"2024-02-30\", count = 1 }]",
            "bad.toml:17:20: `from` in element 1 of `shifts` in [calendar]: impossible date `2024-02-30`",
        ),
        (
            "shifts = [{ from = \"2024-01-01\", count = -1 }]",
            "bad.toml:17:42: `count` in element 1 of `shifts` in [calendar] is -1, out of range",
        ),
        (
            "shifts = [{ count = 2 }]",
            "bad.toml:17:11: missing key `from` in element 1 of `shifts` in [calendar]",
        ),
        (
            "shifts = [{ from = \"2024-01-01\" }]",
            "bad.toml:17:11: missing key `count` in element 1 of `shifts` in [calendar]",
        ),
        (
            "shifts = [{ from = \"2024-01-01\", count = 1, after = \"x\" }]",
            "bad.toml:17:53: unknown task `x` in `after` in element 1 of `shifts` in [calendar]",
        ),
        (
            "shifts = []",
            "bad.toml:17:10: `shifts` in [calendar] is empty",
        ),
        (
            "shifts = \"two\"",
            "bad.toml:17:10: `shifts` in [calendar] must be a whole number of shifts or a list of \
             phases, found a string",
        ),
        (
            "shifts = 0",
            "bad.toml:17:10: `shifts` in [calendar] is 0, out of range",
        ),
        (
            "shifts = [2]",
            "bad.toml:17:11: element 1 of `shifts` in [calendar] must be a table, found an integer",
        ),
    ];
    for (line, expected) in cases {
        check(&with_calendar(&format!("{line}\n")), &[expected]);
    }
}

#[test]
fn model_rules_on_phases_name_the_element() {
    // Three shifts of 9 h in the second phase: 27 h a day.
    check(
        &with_calendar(
            "shift_length = \"9h\"\nshifts = [\n  { from = \"2024-01-01\", count = 2 },\n  { from = \"2024-06-03\", count = 3 },\n]\n",
        ),
        &["bad.toml:20:34: [calendar] has 3 shifts of 9 h, more than 24 h a day"],
    );
    check(
        &with_calendar("shifts = [{ from = \"2024-01-01\", count = 0 }]\n"),
        &["bad.toml:17:10: `shifts` in [calendar] plans no shift at all"],
    );
    // One shift longer than a day is the length's fault.
    check(
        &with_calendar("shift_length = \"25h\"\n"),
        &["bad.toml:17:16: [calendar] has 1 shift of 25 h, more than 24 h a day"],
    );
}

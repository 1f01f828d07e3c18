//! `[calendar]`: a 24/7 clock, or workdays, shifts, holidays and shutdowns.

use relaunch_core::model::Slot;

use super::anchor::Anchoring;
use super::prelude::*;

const WEEKDAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

pub(super) fn read_calendar(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    anchoring: &mut Anchoring<'_>,
) -> Option<Calendar> {
    let Some(node) = root.node("calendar") else {
        return Some(Calendar::AlwaysOn);
    };
    let (table, location) = section(checker, root, "calendar", None)?;
    let view = TableView {
        table,
        location,
        place: "[calendar]",
    };
    view.check_keys(checker, KEYS.calendar);
    let always_on = optional(checker, &view, "always_on", read_bool)?;
    if always_on == Some(true) {
        for entry in &table.entries {
            if entry.key != "always_on" && KEYS.calendar.contains(&entry.key.as_str()) {
                checker.error(
                    &entry.key_location,
                    format!(
                        "`{}` in [calendar] cannot be combined with `always_on = true`",
                        entry.key
                    ),
                    "a 24/7 calendar has no workdays, shifts, holidays or shutdowns",
                );
            }
        }
        return Some(Calendar::AlwaysOn);
    }
    let _ = node;

    let workdays = match view.node("workdays") {
        None => Some([true, true, true, true, true, false, false]),
        Some(node) => read_workdays(checker, node, &view.describe("workdays")),
    };
    let shifts = optional(checker, &view, "shifts", |c, n, w| {
        read_shifts(c, n, w, anchoring)
    });
    let shift_length = optional(checker, &view, "shift_length", |c, n, w| {
        read_duration(c, n, w, Zero::Refused)
    });
    let first_shift_start = optional(checker, &view, "first_shift_start", |c, n, w| {
        let text = read_string(c, n, w)?;
        match parse_time_of_day(text) {
            Ok(seconds) => Some(seconds),
            Err(error) => {
                c.error(&n.location, format!("{w}: {}", error.message), error.label);
                None
            }
        }
    });
    // A plain number is one phase from the first day. That shifts x shift_length fits in a
    // day is a model rule (`relaunch_core::check`).
    let shifts = shifts.map(|shifts| shifts.unwrap_or_else(|| vec![ShiftPhase::always(1)]));
    let shift_length = shift_length.map(|length| length.unwrap_or(8.0 * 3_600.0));
    let holidays = match view.node("holidays") {
        None => Some(Vec::new()),
        Some(node) => read_array(checker, node, &view.describe("holidays")).and_then(|items| {
            let dates: Option<Vec<Date>> = items
                .iter()
                .map(|item| read_date(checker, item, &view.describe("holidays")))
                .collect::<Vec<_>>()
                .into_iter()
                .collect();
            dates.map(|mut dates| {
                dates.sort();
                dates.dedup();
                dates
            })
        }),
    };
    let mut shutdowns = Some(Vec::new());
    if let Some(node) = view.node("shutdowns") {
        for (table, item_location, place) in
            inline_tables(checker, node, &view.describe("shutdowns"))
        {
            let item = TableView {
                table,
                location: item_location,
                place: &place,
            };
            item.check_keys(checker, KEYS.shutdown);
            let from = required(checker, &item, "from", "the first closed day", read_date);
            let to = required(checker, &item, "to", "the last closed day", read_date);
            let reason = optional(checker, &item, "reason", |c, n, w| {
                read_string(c, n, w).map(str::to_string)
            });
            if let (Some(from), Some(to)) = (from, to)
                && to < from
                && let Some(to_node) = item.node("to")
            {
                checker.error(
                    &to_node.location,
                    format!("the shutdown ends ({to}) before it starts ({from})"),
                    "expected `to` on or after `from`",
                );
                shutdowns = None;
                continue;
            }
            match (from, to, reason, shutdowns.as_mut()) {
                (Some(from), Some(to), Some(reason), Some(list)) => {
                    list.push(Shutdown { from, to, reason })
                }
                _ => shutdowns = None,
            }
        }
    }
    Some(Calendar::Shifts(ShiftCalendar {
        workdays: workdays?,
        shift_length_secs: shift_length?,
        shifts: shifts?,
        first_shift_start_secs: first_shift_start?.unwrap_or(6.0 * 3_600.0),
        holidays: holidays?,
        shutdowns: shutdowns?,
    }))
}

/// `shifts`: a whole number of shifts (at least 1) on every workday, or a list of phases
/// `[{ from = "date", count = N }, ...]` with strictly increasing `from` dates.
fn read_shifts(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    anchoring: &mut Anchoring<'_>,
) -> Option<Vec<ShiftPhase>> {
    match &node.value {
        Value::Integer(_) | Value::IntegerOutOfRange(_) => {
            read_u32(checker, node, what, 1).map(|count| vec![ShiftPhase::always(count)])
        }
        Value::Array(items) => {
            if items.is_empty() {
                checker.error(
                    &node.location,
                    format!("{what} is empty"),
                    "expected a number of shifts, or at least one phase { from, count }",
                );
                return None;
            }
            let steps = read_dated_steps(
                checker,
                node,
                what,
                &DatedSteps {
                    keys: KEYS.shift_phase,
                    from_what: "the phase's first day",
                    count_key: "count",
                    count_what: "shifts planned per workday",
                    order: "expected shift phases in increasing order of `from`",
                },
                Some((anchoring, Slot::ShiftPhase)),
            )?;
            // An element that is not a table was reported and left out: no phase list then.
            if steps.len() != items.len() {
                return None;
            }
            Some(
                steps
                    .into_iter()
                    .map(|(from, count)| ShiftPhase {
                        from: Some(from),
                        count,
                    })
                    .collect(),
            )
        }
        _ => {
            checker.error(
                &node.location,
                format!(
                    "{what} must be a whole number of shifts or a list of phases, found {}",
                    node.value.kind_name()
                ),
                "expected 2, or [{ from = \"2024-06-03\", count = 2 }, ...]",
            );
            None
        }
    }
}

pub(super) fn read_workdays(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
) -> Option<[bool; 7]> {
    let items = read_array(checker, node, what)?;
    let mut workdays = [false; 7];
    let mut valid = true;
    for item in items {
        let Some(name) = read_string(checker, item, what) else {
            valid = false;
            continue;
        };
        match WEEKDAY_NAMES.iter().position(|day| *day == name) {
            Some(index) if workdays[index] => {
                checker.error(
                    &item.location,
                    format!("{what} names `{name}` twice"),
                    "expected each day once",
                );
                valid = false;
            }
            Some(index) => workdays[index] = true,
            None => {
                let label = match suggest(name, &WEEKDAY_NAMES) {
                    Some(suggestion) => format!("did you mean `{suggestion}`?"),
                    None => "expected one of mon, tue, wed, thu, fri, sat, sun".to_string(),
                };
                checker.error(
                    &item.location,
                    format!("unknown day `{name}` in {what}"),
                    label,
                );
                valid = false;
            }
        }
    }
    if valid && !workdays.contains(&true) {
        checker.error(
            &node.location,
            format!("{what} is empty"),
            "expected at least one workday",
        );
        return None;
    }
    valid.then_some(workdays)
}

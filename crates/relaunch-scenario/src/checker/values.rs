//! Typed readers for single values: strings, names, booleans, whole numbers, numbers in a
//! range, durations, dates, tables and arrays. Each reports its own problem and returns `None`.

use jiff::civil::Date;

use crate::checker::{Checker, Zero};
use crate::text_values::{DURATION_UNITS, TextValueError, parse_date, parse_duration};
use crate::tree::{Node, Table, Value};

pub(crate) fn type_error(checker: &mut Checker<'_>, node: &Node, what: &str, expected: &str) {
    checker.error(
        &node.location,
        format!(
            "{what} must be {expected}, found {}",
            node.value.kind_name()
        ),
        format!("expected {expected}"),
    );
}

fn text_value_error(checker: &mut Checker<'_>, node: &Node, what: &str, error: TextValueError) {
    checker.error(
        &node.location,
        format!("{what}: {}", error.message),
        error.label,
    );
}

pub(crate) fn read_string<'n>(
    checker: &mut Checker<'_>,
    node: &'n Node,
    what: &str,
) -> Option<&'n str> {
    match &node.value {
        Value::String(text) => Some(text),
        _ => {
            type_error(checker, node, what, "a string");
            None
        }
    }
}

/// A string that names something (an id or a reference): not empty.
pub(crate) fn read_name<'n>(
    checker: &mut Checker<'_>,
    node: &'n Node,
    what: &str,
) -> Option<&'n str> {
    let text = read_string(checker, node, what)?;
    if text.trim().is_empty() {
        checker.error(
            &node.location,
            format!("{what} is empty"),
            "expected a name of at least one character",
        );
        return None;
    }
    Some(text)
}

pub(crate) fn read_bool(checker: &mut Checker<'_>, node: &Node, what: &str) -> Option<bool> {
    match node.value {
        Value::Boolean(value) => Some(value),
        _ => {
            type_error(checker, node, what, "true or false");
            None
        }
    }
}

/// A whole number from `minimum` to `maximum`.
pub(crate) fn read_integer(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    minimum: i64,
    maximum: i64,
) -> Option<i64> {
    let expected = if maximum == i64::MAX || maximum == i64::from(u32::MAX) {
        format!("a whole number of {minimum} or more")
    } else {
        format!("a whole number from {minimum} to {maximum}")
    };
    match &node.value {
        Value::Integer(number) if (minimum..=maximum).contains(number) => Some(*number),
        Value::Integer(number) => {
            checker.error(
                &node.location,
                format!("{what} is {number}, out of range"),
                format!("expected {expected}"),
            );
            None
        }
        Value::IntegerOutOfRange(text) => {
            checker.error(
                &node.location,
                format!("{what} is {text}, out of range"),
                format!("expected {expected}"),
            );
            None
        }
        _ => {
            type_error(checker, node, what, &expected);
            None
        }
    }
}

/// A whole number that fits `u32`, at least `minimum`.
pub(crate) fn read_u32(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    minimum: u32,
) -> Option<u32> {
    read_integer(checker, node, what, i64::from(minimum), i64::from(u32::MAX))
        .and_then(|number| u32::try_from(number).ok())
}

/// A whole number that fits `u64`, at least `minimum`.
pub(crate) fn read_u64(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    minimum: u64,
) -> Option<u64> {
    read_integer(
        checker,
        node,
        what,
        i64::try_from(minimum).unwrap_or(i64::MAX),
        i64::MAX,
    )
    .and_then(|number| u64::try_from(number).ok())
}

/// A finite number (integer or with a fraction).
pub(crate) fn read_number(checker: &mut Checker<'_>, node: &Node, what: &str) -> Option<f64> {
    let number = match node.value {
        Value::Integer(number) => number as f64,
        Value::Float(number) => number,
        Value::String(ref text) if parse_duration(text).is_ok() => {
            checker.error(
                &node.location,
                format!("{what} must be a plain number, found the duration \"{text}\""),
                "expected a number without a unit",
            );
            return None;
        }
        _ => {
            type_error(checker, node, what, "a number");
            return None;
        }
    };
    if !number.is_finite() {
        checker.error(
            &node.location,
            format!("{what} is not a finite number"),
            "expected a finite number",
        );
        return None;
    }
    Some(number)
}

/// How a number must relate to its bounds, for [`read_number_in`].
pub(crate) struct NumberRange {
    pub minimum: f64,
    pub minimum_included: bool,
    pub maximum: f64,
    pub maximum_included: bool,
    /// How the range reads in messages, like "a probability from 0 to 1".
    pub description: &'static str,
}

pub(crate) const PROBABILITY: NumberRange = NumberRange {
    minimum: 0.0,
    minimum_included: true,
    maximum: 1.0,
    maximum_included: true,
    description: "a probability from 0 to 1",
};

/// A finite number inside `range`.
pub(crate) fn read_number_in(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    range: &NumberRange,
) -> Option<f64> {
    let number = read_number(checker, node, what)?;
    let above_minimum = if range.minimum_included {
        number >= range.minimum
    } else {
        number > range.minimum
    };
    let below_maximum = if range.maximum_included {
        number <= range.maximum
    } else {
        number < range.maximum
    };
    if above_minimum && below_maximum {
        Some(number)
    } else {
        checker.error(
            &node.location,
            format!("{what} is {}, out of range", shown(number)),
            format!("expected {}", range.description),
        );
        None
    }
}

/// A number as a message shows it: in scientific notation when plain digits would run long
/// (`1e308`, not three hundred digits).
fn shown(number: f64) -> String {
    let size = number.abs();
    if size >= 1e15 || (size > 0.0 && size < 1e-6) {
        format!("{number:e}")
    } else {
        format!("{number}")
    }
}

/// A duration string with a unit, in seconds.
pub(crate) fn read_duration(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    zero: Zero,
) -> Option<f64> {
    let seconds = match &node.value {
        Value::String(text) => match parse_duration(text) {
            Ok(seconds) => seconds,
            Err(error) => {
                text_value_error(checker, node, what, error);
                return None;
            }
        },
        Value::Integer(_) | Value::Float(_) => {
            let number_text = checker
                .files
                .get(node.location.file_index)
                .map(|file| file.span_text(&node.location.span).to_string())
                .unwrap_or_default();
            checker.error(
                &node.location,
                format!("{what}: duration {number_text} has no unit"),
                format!(
                    "write it as a string with a unit: {DURATION_UNITS} (like \"{number_text}min\")"
                ),
            );
            return None;
        }
        _ => {
            type_error(checker, node, what, "a duration string like \"8h\"");
            return None;
        }
    };
    if zero == Zero::Refused && seconds <= 0.0 {
        checker.error(
            &node.location,
            format!("{what} must be longer than zero"),
            "expected a duration greater than zero",
        );
        return None;
    }
    Some(seconds)
}

/// The most days a lag may be, either way (ten years).
pub(crate) const MAX_LAG_DAYS: i32 = 3_650;

/// A lag in whole days: a duration string, negative for a lead (`"3d"`, `"2w"`, `"-5d"`), from
/// -[`MAX_LAG_DAYS`] to [`MAX_LAG_DAYS`]. A duration that is not whole days (`"3h"`) is refused.
pub(crate) fn read_lag(checker: &mut Checker<'_>, node: &Node, what: &str) -> Option<i32> {
    let Value::String(text) = &node.value else {
        // Numbers get the duration reader's "has no unit", anything else its type error.
        read_duration(checker, node, what, Zero::Allowed)?;
        return None;
    };
    let trimmed = text.trim();
    let (sign, magnitude) = match trimmed.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, trimmed),
    };
    let seconds = match parse_duration(magnitude) {
        Ok(seconds) => seconds,
        Err(error) => {
            text_value_error(checker, node, what, error);
            return None;
        }
    };
    let days = sign * seconds / 86_400.0;
    if days.fract() != 0.0 {
        checker.error(
            &node.location,
            format!("{what} is \"{text}\": a lag is whole days"),
            "expected whole days, like \"3d\", \"2w\" or \"-5d\"",
        );
        return None;
    }
    if days.abs() > f64::from(MAX_LAG_DAYS) {
        checker.error(
            &node.location,
            format!("{what} is \"{text}\", out of range"),
            format!("expected from -{MAX_LAG_DAYS}d to {MAX_LAG_DAYS}d"),
        );
        return None;
    }
    Some(days as i32)
}

/// An ISO date string `YYYY-MM-DD`.
pub(crate) fn read_date(checker: &mut Checker<'_>, node: &Node, what: &str) -> Option<Date> {
    match &node.value {
        Value::String(text) => match parse_date(text) {
            Ok(date) => crate::reach::check_written_date(checker, &node.location, what, date),
            Err(error) => {
                text_value_error(checker, node, what, error);
                None
            }
        },
        Value::Datetime(text) => {
            checker.error(
                &node.location,
                format!("{what}: write the date as a quoted string"),
                format!("expected \"{text}\" in quotes"),
            );
            None
        }
        _ => {
            type_error(
                checker,
                node,
                what,
                "an ISO date string like \"2024-03-25\"",
            );
            None
        }
    }
}

pub(crate) fn read_table<'n>(
    checker: &mut Checker<'_>,
    node: &'n Node,
    what: &str,
) -> Option<&'n Table> {
    match &node.value {
        Value::Table(table) => Some(table),
        _ => {
            type_error(checker, node, what, "a table");
            None
        }
    }
}

pub(crate) fn read_array<'n>(
    checker: &mut Checker<'_>,
    node: &'n Node,
    what: &str,
) -> Option<&'n [Node]> {
    match &node.value {
        Value::Array(items) => Some(items),
        _ => {
            type_error(checker, node, what, "an array");
            None
        }
    }
}

//! The checker: collects diagnostics while reading the spanned tree, and typed readers for
//! every kind of value (strings, whole numbers, durations, dates, distributions, tables).
//!
//! Every reader reports its own problem and returns `None`, so callers keep going and every
//! problem in a file is reported in one pass.

use std::collections::HashMap;

use jiff::civil::Date;
use relaunch_core::Dist;

use crate::diagnostic::Diagnostic;
use crate::source::{Location, SourceFile};
use crate::text_values::{DURATION_UNITS, TextValueError, parse_date, parse_duration, suggest};
use crate::tree::{Entry, Node, Table, Value};

/// How many candidate comparisons "did you mean" suggestions for ids may cost in one file.
/// A file with thousands of unknown references among thousands of ids would otherwise take
/// quadratic time; past the budget, references are reported without a suggestion.
const SUGGESTION_BUDGET: usize = 200_000;

/// Collects every problem found while reading one scenario.
pub(crate) struct Checker<'f> {
    pub files: &'f [SourceFile],
    pub diagnostics: Vec<Diagnostic>,
    /// Comparisons left for id suggestions (see [`SUGGESTION_BUDGET`]).
    suggestion_budget: usize,
}

impl<'f> Checker<'f> {
    pub(crate) fn new(files: &'f [SourceFile]) -> Checker<'f> {
        Checker {
            files,
            diagnostics: Vec::new(),
            suggestion_budget: SUGGESTION_BUDGET,
        }
    }

    /// Whether a suggestion among `candidates` candidates is still affordable; spends them.
    pub(crate) fn spend_suggestion_budget(&mut self, candidates: usize) -> bool {
        if candidates > self.suggestion_budget {
            self.suggestion_budget = 0;
            return false;
        }
        self.suggestion_budget -= candidates;
        true
    }

    pub(crate) fn error(
        &mut self,
        location: &Location,
        message: impl Into<String>,
        label: impl Into<String>,
    ) {
        let diagnostic = Diagnostic::at(self.files, location, message, label);
        self.diagnostics.push(diagnostic);
    }

    pub(crate) fn error_with_help(
        &mut self,
        location: &Location,
        message: impl Into<String>,
        label: impl Into<String>,
        help: impl Into<String>,
    ) {
        let diagnostic = Diagnostic::at(self.files, location, message, label).with_help(help);
        self.diagnostics.push(diagnostic);
    }

    /// Where `location` is, as `file:line:column`, for messages that mention a second place.
    pub(crate) fn describe_location(&self, location: &Location) -> String {
        match self.files.get(location.file_index) {
            Some(file) => {
                let (line, column) = file.line_and_column(location.span.start);
                format!("{}:{line}:{column}", file.name)
            }
            None => "an unknown place".to_string(),
        }
    }
}

/// A table being read, with the words that name it in messages (`[scenario]`,
/// `[[station]] "trim-1"`).
#[derive(Clone, Copy)]
pub(crate) struct TableView<'t> {
    pub table: &'t Table,
    pub location: &'t Location,
    pub place: &'t str,
}

impl<'t> TableView<'t> {
    /// Reports every key not in `allowed_keys`, suggesting the closest allowed key.
    pub(crate) fn check_keys(&self, checker: &mut Checker<'_>, allowed_keys: &[&str]) {
        for entry in &self.table.entries {
            if allowed_keys.contains(&entry.key.as_str()) {
                continue;
            }
            let message = format!("unknown key `{}` in {}", entry.key, self.place);
            match suggest(&entry.key, allowed_keys) {
                Some(suggestion) => checker.error(
                    &entry.key_location,
                    message,
                    format!("did you mean `{suggestion}`?"),
                ),
                None => checker.error_with_help(
                    &entry.key_location,
                    message,
                    "unknown key",
                    format!(
                        "the keys of {} are {}",
                        self.place,
                        quoted_list(allowed_keys)
                    ),
                ),
            }
        }
    }

    pub(crate) fn entry(&self, key: &str) -> Option<&'t Entry> {
        self.table.get(key)
    }

    pub(crate) fn node(&self, key: &str) -> Option<&'t Node> {
        self.table.get(key).map(|entry| &entry.value)
    }

    /// The value of a key that must be present; reports it missing otherwise.
    pub(crate) fn required(
        &self,
        checker: &mut Checker<'_>,
        key: &str,
        expected: &str,
    ) -> Option<&'t Node> {
        let node = self.node(key);
        if node.is_none() {
            checker.error(
                self.location,
                format!("missing key `{key}` in {}", self.place),
                format!("add `{key}` ({expected}) to this table"),
            );
        }
        node
    }

    /// The words naming `key` of this table in messages.
    pub(crate) fn describe(&self, key: &str) -> String {
        format!("`{key}` in {}", self.place)
    }
}

/// The most words [`quoted_list`] names before "and N more".
const QUOTED_LIST_LENGTH: usize = 10;

/// `["a", "b"]` as "`a`, `b`"; a long list names its first words and counts the rest.
pub(crate) fn quoted_list(words: &[&str]) -> String {
    let mut list = words
        .iter()
        .take(QUOTED_LIST_LENGTH)
        .map(|word| format!("`{word}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if words.len() > QUOTED_LIST_LENGTH {
        list.push_str(&format!(" and {} more", words.len() - QUOTED_LIST_LENGTH));
    }
    list
}

fn type_error(checker: &mut Checker<'_>, node: &Node, what: &str, expected: &str) {
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
            format!("{what} is {number}, out of range"),
            format!("expected {}", range.description),
        );
        None
    }
}

/// Whether a duration of zero makes sense for a value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zero {
    Allowed,
    Refused,
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

/// The distribution kinds and the keys each takes besides `dist`.
pub(crate) const DISTRIBUTION_KINDS: [(&str, &[&str]); 9] = [
    ("constant", &["value"]),
    ("exponential", &["mean"]),
    ("lognormal", &["mean", "cv"]),
    ("triangular", &["min", "mode", "max"]),
    ("uniform", &["min", "max"]),
    ("normal", &["mean", "sd"]),
    ("gamma", &["mean", "cv"]),
    ("weibull", &["shape", "scale"]),
    ("empirical", &["values"]),
];

/// The simulation clock ticks in milliseconds: a cycle, an arrival interval, a time to failure
/// or a repair must take at least one tick on average.
const MIN_MEAN_SECS: f64 = 0.001;

/// A distribution of durations: a table with `dist`, or a bare duration string (a constant).
/// With `Zero::Refused` its mean must be at least one millisecond.
pub(crate) fn read_distribution(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    zero: Zero,
) -> Option<Dist> {
    read_bounded_distribution(checker, node, what, zero).map(|(dist, _)| dist)
}

/// Like [`read_distribution`], with a bound on its draws in seconds: the largest possible draw
/// when there is one, else the mean plus 20 standard deviations (the one-in-a-billion quantile
/// for a Weibull). See `reach.rs`.
pub(crate) fn read_bounded_distribution(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    zero: Zero,
) -> Option<(Dist, f64)> {
    let (dist, bound) = match &node.value {
        Value::Table(table) => read_distribution_table(checker, node, table, what)?,
        _ => {
            let seconds = read_duration(checker, node, what, zero)?;
            (
                build_distribution(checker, node, what, Dist::constant(seconds))?,
                seconds,
            )
        }
    };
    if zero == Zero::Refused && dist.mean_secs() <= 0.0 {
        checker.error(
            &node.location,
            format!("{what} must have a mean longer than zero"),
            "expected a distribution with a positive mean",
        );
        return None;
    }
    if zero == Zero::Refused && dist.mean_secs() < MIN_MEAN_SECS {
        checker.error(
            &node.location,
            format!(
                "{what} has a mean of {} s, below the clock's resolution",
                dist.mean_secs()
            ),
            "expected a mean of at least 1 ms (\"1ms\" is not a unit: write \"0.001s\")",
        );
        return None;
    }
    Some((dist, bound))
}

/// Standard deviations above the mean taken as the bound of an unbounded distribution.
const UNBOUNDED_SPREAD: f64 = 20.0;

fn build_distribution(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    built: Result<Dist, String>,
) -> Option<Dist> {
    match built {
        Ok(dist) => Some(dist),
        Err(reason) => {
            checker.error(
                &node.location,
                format!("{what} is not a valid distribution: {reason}"),
                "these parameters are refused",
            );
            None
        }
    }
}

fn read_distribution_table(
    checker: &mut Checker<'_>,
    node: &Node,
    table: &Table,
    what: &str,
) -> Option<(Dist, f64)> {
    let place = format!("the distribution of {what}");
    let view = TableView {
        table,
        location: &node.location,
        place: &place,
    };
    let kind_names: Vec<&str> = DISTRIBUTION_KINDS.iter().map(|(name, _)| *name).collect();
    let Some(kind_node) = view.node("dist") else {
        checker.error_with_help(
            &node.location,
            format!("missing key `dist` in {place}"),
            "add `dist` to name the distribution",
            format!(
                "distributions are {}, or a bare duration string such as \"5min\"",
                quoted_list(&kind_names)
            ),
        );
        return None;
    };
    let kind = read_string(checker, kind_node, &view.describe("dist"))?;
    let Some((kind, parameter_keys)) = DISTRIBUTION_KINDS
        .iter()
        .find(|(name, _)| *name == kind)
        .copied()
    else {
        let label = match suggest(kind, &kind_names) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!("expected one of {}", quoted_list(&kind_names)),
        };
        checker.error(
            &kind_node.location,
            format!("unknown distribution `{kind}` in {what}"),
            label,
        );
        return None;
    };
    let mut allowed_keys = vec!["dist"];
    allowed_keys.extend_from_slice(parameter_keys);
    view.check_keys(checker, &allowed_keys);
    let kind_place = format!("the {kind} distribution of {what}");
    let kind_view = TableView {
        place: &kind_place,
        ..view
    };
    let duration = |checker: &mut Checker<'_>, key: &str| -> Option<f64> {
        let node = kind_view.required(checker, key, "a duration like \"5min\"")?;
        read_duration(checker, node, &kind_view.describe(key), Zero::Allowed)
    };
    let (built, bound) = match kind {
        "constant" => {
            let value = duration(checker, "value")?;
            (Dist::constant(value), value)
        }
        "exponential" => {
            let mean = duration(checker, "mean")?;
            (Dist::exponential(mean), mean * (1.0 + UNBOUNDED_SPREAD))
        }
        "lognormal" | "gamma" => {
            let mean = duration(checker, "mean");
            let cv = kind_view
                .required(checker, "cv", "the coefficient of variation, a number")
                .and_then(|cv_node| read_number(checker, cv_node, &kind_view.describe("cv")));
            let (mean, cv) = (mean?, cv?);
            let bound = mean * (1.0 + UNBOUNDED_SPREAD * cv.abs());
            if kind == "lognormal" {
                (Dist::lognormal(mean, cv), bound)
            } else {
                (Dist::gamma(mean, cv), bound)
            }
        }
        "triangular" => {
            let minimum = duration(checker, "min");
            let mode = duration(checker, "mode");
            let maximum = duration(checker, "max");
            let maximum = maximum?;
            (Dist::triangular(minimum?, mode?, maximum), maximum)
        }
        "uniform" => {
            let minimum = duration(checker, "min");
            let maximum = duration(checker, "max");
            let maximum = maximum?;
            (Dist::uniform(minimum?, maximum), maximum)
        }
        "normal" => {
            let mean = duration(checker, "mean");
            let standard_deviation = duration(checker, "sd");
            let (mean, standard_deviation) = (mean?, standard_deviation?);
            (
                Dist::normal(mean, standard_deviation),
                mean + UNBOUNDED_SPREAD * standard_deviation,
            )
        }
        "weibull" => {
            let shape = kind_view
                .required(checker, "shape", "a number")
                .and_then(|shape_node| {
                    read_number(checker, shape_node, &kind_view.describe("shape"))
                });
            let scale = duration(checker, "scale");
            let (shape, scale) = (shape?, scale?);
            // The one-in-a-billion quantile: scale * ln(1e9)^(1/shape).
            let bound = scale * 1e9_f64.ln().powf(1.0 / shape);
            (Dist::weibull(shape, scale), bound)
        }
        _ => {
            let values_node = kind_view.required(checker, "values", "an array of durations")?;
            let values_what = kind_view.describe("values");
            let items = read_array(checker, values_node, &values_what)?;
            let values: Vec<Option<f64>> = items
                .iter()
                .map(|item| read_duration(checker, item, &values_what, Zero::Allowed))
                .collect();
            let values: Option<Vec<f64>> = values.into_iter().collect();
            let values = values?;
            let bound = values.iter().copied().fold(0.0, f64::max);
            (Dist::empirical(values), bound)
        }
    };
    let dist = build_distribution(checker, node, what, built)?;
    // A bound that is not a finite number (a huge spread) is as far as it can be.
    let bound = if bound.is_nan() { f64::INFINITY } else { bound };
    Some((dist, bound))
}

/// The ids of one kind of thing (stations, kits, ...), to find duplicates and resolve
/// references with suggestions.
pub(crate) struct IdRegistry {
    /// "station", "kit", ... for messages.
    kind: &'static str,
    /// Each id in registration order, with where it was first given.
    ids: Vec<(String, Location)>,
    /// The position in `ids` of the first registration of each id.
    index: HashMap<String, usize>,
    /// False when the table holding these ids was malformed; then unknown references are not
    /// reported (they would only repeat that problem).
    pub complete: bool,
}

impl IdRegistry {
    pub(crate) fn new(kind: &'static str) -> IdRegistry {
        IdRegistry {
            kind,
            ids: Vec::new(),
            index: HashMap::new(),
            complete: true,
        }
    }

    /// Registers an id; reports it if it is already taken.
    pub(crate) fn register(&mut self, checker: &mut Checker<'_>, id: &str, location: &Location) {
        if let Some(&first) = self.index.get(id) {
            let first_place = checker.describe_location(&self.ids[first].1);
            checker.error(
                location,
                format!("duplicate {} id `{id}`", self.kind),
                format!(
                    "`{id}` is already the id of the {} at {first_place}",
                    self.kind
                ),
            );
        } else {
            self.index.insert(id.to_string(), self.ids.len());
        }
        self.ids.push((id.to_string(), location.clone()));
    }

    /// The index of `id`, or `None` after reporting an unknown reference.
    pub(crate) fn resolve(
        &self,
        checker: &mut Checker<'_>,
        id: &str,
        location: &Location,
        what: &str,
    ) -> Option<usize> {
        if let Some(&index) = self.index.get(id) {
            return Some(index);
        }
        if !self.complete {
            return None;
        }
        let suggestion = if checker.spend_suggestion_budget(self.ids.len()) {
            let known: Vec<&str> = self.ids.iter().map(|(seen, _)| seen.as_str()).collect();
            suggest(id, &known).map(str::to_string)
        } else {
            None
        };
        let label = match suggestion {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None if self.ids.is_empty() => format!("there is no {} at all", self.kind),
            None => {
                let first: Vec<&str> = self
                    .ids
                    .iter()
                    .take(QUOTED_LIST_LENGTH + 1)
                    .map(|(seen, _)| seen.as_str())
                    .collect();
                let mut list = quoted_list(&first[..first.len().min(QUOTED_LIST_LENGTH)]);
                if self.ids.len() > QUOTED_LIST_LENGTH {
                    list.push_str(&format!(
                        " and {} more",
                        self.ids.len() - QUOTED_LIST_LENGTH
                    ));
                }
                format!("known {}s: {list}", self.kind)
            }
        };
        checker.error(
            location,
            format!("unknown {} `{id}` in {what}", self.kind),
            label,
        );
        None
    }
}

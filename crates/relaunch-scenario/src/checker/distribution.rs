//! The reader of distributions of durations: a bare duration string (a constant) or a table
//! with `dist` and its parameters, each with a bound on its draws (see `reach.rs`).
//!
//! The distribution kinds and their parameter keys come from the wire types (see `keys.rs`).
//! Whether a distribution's mean suits the engine (above zero, at least one clock tick) is a
//! model rule of `relaunch_core::check`, which the reader applies to each value as it reads it.

use relaunch_core::Dist;
use relaunch_core::check::duration_mean_problem;

use crate::checker::values::{read_array, read_duration, read_number, read_string};
use crate::checker::{Checker, TableView, Zero, quoted_list};
use crate::keys::DISTRIBUTION_KINDS;
use crate::text_values::suggest;
use crate::tree::{Node, Table, Value};

/// A distribution of durations: a table with `dist`, or a bare duration string (a constant).
/// With `Zero::Refused` a bare duration must be longer than zero, and the mean must suit the
/// engine (the core's `duration_mean_problem`).
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
    // The core's rule, applied as the value is read so that the problem shows beside the others
    // of its table; a value refused here is not in the model, so `Scenario::check` does not
    // report it again.
    if zero == Zero::Refused
        && let Some(problem) = duration_mean_problem(&dist, String::new(), what)
    {
        checker.error(&node.location, problem.message, problem.label);
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
    let kind_names: Vec<&str> = DISTRIBUTION_KINDS
        .iter()
        .map(|kind| kind.name.as_str())
        .collect();
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
    let Some(distribution_kind) = DISTRIBUTION_KINDS.iter().find(|known| known.name == kind) else {
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
    let kind = distribution_kind.name.as_str();
    let mut allowed_keys = vec!["dist"];
    allowed_keys.extend(distribution_kind.parameter_keys.iter().map(String::as_str));
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

//! `[scenario]`: the name, the first day, the horizon (and the end of the run it reaches), the
//! warm-up, the default seed and replications.

use super::prelude::*;

/// The longest horizon accepted: 50 years of 365.25 days.
pub(crate) const MAXIMUM_HORIZON_SECONDS: f64 = 50.0 * 365.25 * 86_400.0;

pub(super) struct ScenarioHeader {
    pub name: String,
    pub start: Date,
    /// The first day after the horizon (`start` plus the horizon in whole days).
    pub end: Date,
    pub horizon_seconds: f64,
    pub warmup_seconds: f64,
    pub seed: u64,
    pub replications: u32,
}

pub(super) fn read_scenario_header(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
) -> Option<ScenarioHeader> {
    let (table, location) = section(
        checker,
        root,
        "scenario",
        Some("a scenario needs a [scenario] table with `name`, `start` and `horizon`"),
    )?;
    let view = TableView {
        table,
        location,
        place: "[scenario]",
    };
    view.check_keys(checker, KEYS.scenario);
    let name = required(checker, &view, "name", "the scenario's name", |c, n, w| {
        read_name(c, n, w).map(str::to_string)
    });
    let start = required(
        checker,
        &view,
        "start",
        "day 0, a date like \"2024-01-08\"",
        read_date,
    );
    let horizon_node = view.required(checker, "horizon", "a duration like \"450d\"");
    let horizon_seconds = horizon_node.and_then(|node| {
        let seconds = read_duration(checker, node, &view.describe("horizon"), Zero::Refused)?;
        if seconds > MAXIMUM_HORIZON_SECONDS {
            checker.error(
                &node.location,
                format!(
                    "`horizon` in [scenario] is {:.0} days, over 50 years",
                    seconds / SECONDS_PER_DAY
                ),
                "expected at most 50 years (18262d)",
            );
            return None;
        }
        Some(seconds)
    });
    // The run reaches the first day after the horizon: it must be a supported date.
    let end = match (start, horizon_seconds, horizon_node) {
        (Some(start), Some(seconds), Some(node)) => {
            if reach::check_reach(
                checker,
                &node.location,
                &view.describe("horizon"),
                start,
                seconds,
                "the end of the run",
            ) {
                reach::add_days_within_range(start, reach::whole_days(seconds))
            } else {
                None
            }
        }
        _ => None,
    };
    let warmup_seconds = match view.node("warmup") {
        None => Some(0.0),
        Some(node) => read_duration(checker, node, &view.describe("warmup"), Zero::Allowed)
            .and_then(|seconds| {
                if horizon_seconds.is_some_and(|horizon| seconds >= horizon) {
                    checker.error(
                        &node.location,
                        "`warmup` in [scenario] is not shorter than `horizon`",
                        "expected a warm-up shorter than the horizon",
                    );
                    None
                } else {
                    Some(seconds)
                }
            }),
    };
    let seed = optional(checker, &view, "seed", |c, n, w| read_u64(c, n, w, 0));
    let replications = optional(checker, &view, "replications", |c, n, w| {
        read_u32(c, n, w, 1)
    });
    Some(ScenarioHeader {
        name: name?,
        start: start?,
        end: end?,
        horizon_seconds: horizon_seconds?,
        warmup_seconds: warmup_seconds?,
        seed: seed?.unwrap_or(1),
        replications: replications?.unwrap_or(100),
    })
}

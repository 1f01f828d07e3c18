//! The impact of a `[[risk]]`: exactly one of `task` + `delay`, `kit` + `lead_time_delay`
//! (with an optional window `from`..`until`, by default the whole horizon) or `yield_drop` with
//! its window `from`..`until`.

use relaunch_core::model::Impact;

use super::prelude::*;
use super::programme::{Horizon, Tasks};

/// The kinds of impact, each with the keys that name it.
const KINDS: [(&str, &[&str]); 3] = [
    ("`task` + `delay`", &["task", "delay"]),
    ("`kit` + `lead_time_delay`", &["kit", "lead_time_delay"]),
    ("`yield_drop`", &["yield_drop"]),
];

/// What a risk with a wrong combination of keys is told to write.
const EXPECTED: &str = "expected exactly one of `task` + `delay`, `kit` + `lead_time_delay`, or `yield_drop` with `from` and `until`";

pub(super) fn read_impact(
    checker: &mut Checker<'_>,
    view: &TableView<'_>,
    tasks: &Tasks,
    kits: &IdRegistry,
    horizon: &Horizon,
) -> Option<Impact> {
    // Each kind given, with the first of its keys in the file.
    let mut given: Vec<(usize, &crate::tree::Entry)> = KINDS
        .iter()
        .enumerate()
        .filter_map(|(kind, (_, keys))| {
            keys.iter()
                .filter_map(|key| view.entry(key))
                .min_by_key(|entry| entry.key_location.span.start)
                .map(|entry| (kind, entry))
        })
        .collect();
    given.sort_by_key(|(_, entry)| entry.key_location.span.start);
    let kind = match given.as_slice() {
        [] => {
            checker.error(
                view.location,
                format!("{} has no impact", view.place),
                EXPECTED,
            );
            return None;
        }
        [(kind, _)] => *kind,
        [(first, _), (second, entry), ..] => {
            checker.error(
                &entry.key_location,
                format!(
                    "{} has two impacts: {} and {}",
                    view.place, KINDS[*first].0, KINDS[*second].0
                ),
                EXPECTED,
            );
            return None;
        }
    };
    match kind {
        0 => {
            refuse_window(checker, view);
            let task = named(checker, view, "task", "delay", "the task it delays")
                .and_then(|node| tasks_index(checker, tasks, node, &view.describe("task")));
            let delay = required(
                checker,
                view,
                "delay",
                "how much longer the task takes",
                |c, n, w| read_distribution(c, n, w, Zero::Allowed),
            );
            Some(Impact::TaskDelay {
                task: task?,
                delay: delay?,
            })
        }
        1 => {
            let kit = named(
                checker,
                view,
                "kit",
                "lead_time_delay",
                "the kit whose deliveries it delays",
            )
            .and_then(|node| {
                let what = view.describe("kit");
                let id = read_name(checker, node, &what)?;
                kits.resolve(checker, id, &node.location, &what)
            });
            let delay = required(
                checker,
                view,
                "lead_time_delay",
                "how much later the deliveries arrive",
                |c, n, w| read_distribution(c, n, w, Zero::Allowed),
            );
            let (from, until) = window(checker, view, Some(horizon))?;
            Some(Impact::KitDelay {
                kit: kit?,
                delay: delay?,
                from,
                until,
            })
        }
        _ => {
            let drop = required(
                checker,
                view,
                "yield_drop",
                "how much lower the first-pass yield is",
                |c, n, w| {
                    read_number_in(
                        c,
                        n,
                        w,
                        &NumberRange {
                            minimum: 0.0,
                            minimum_included: false,
                            maximum: 1.0,
                            maximum_included: true,
                            description: "a share greater than 0 and at most 1",
                        },
                    )
                },
            );
            let window = window(checker, view, None);
            let (from, until) = window?;
            Some(Impact::YieldDrop {
                drop: drop?,
                from,
                until,
            })
        }
    }
}

/// The value of `key`, which `partner` needs: reported missing at `partner` (which is given).
fn named<'t>(
    checker: &mut Checker<'_>,
    view: &TableView<'t>,
    key: &str,
    partner: &str,
    expected: &str,
) -> Option<&'t Node> {
    if let Some(node) = view.node(key) {
        return Some(node);
    }
    if let Some(entry) = view.entry(partner) {
        checker.error(
            &entry.key_location,
            format!("`{partner}` in {} needs `{key}`", view.place),
            format!("add `{key}` ({expected})"),
        );
    }
    None
}

fn tasks_index(checker: &mut Checker<'_>, tasks: &Tasks, node: &Node, what: &str) -> Option<usize> {
    let id = read_name(checker, node, what)?;
    let index = tasks.registry.resolve(checker, id, &node.location, what)?;
    tasks.usable.then_some(index)
}

/// A task delay has no window.
fn refuse_window(checker: &mut Checker<'_>, view: &TableView<'_>) {
    for key in ["from", "until"] {
        if let Some(entry) = view.entry(key) {
            checker.error(
                &entry.key_location,
                format!(
                    "`{key}` in {} is only for kit and yield-drop risks",
                    view.place
                ),
                "a task delay has no window: remove it",
            );
        }
    }
}

/// `from` and `until`, both days included; with `default`, each may be left out (the horizon's
/// first and last day), else both are required.
fn window(
    checker: &mut Checker<'_>,
    view: &TableView<'_>,
    default: Option<&Horizon>,
) -> Option<(Date, Date)> {
    let (from, until) = match default {
        Some(horizon) => (
            optional(checker, view, "from", read_date).map(|d| d.unwrap_or(horizon.first)),
            optional(checker, view, "until", read_date).map(|d| d.unwrap_or(horizon.last)),
        ),
        None => (
            required(
                checker,
                view,
                "from",
                "the first day of the drop",
                read_date,
            ),
            required(
                checker,
                view,
                "until",
                "the last day of the drop",
                read_date,
            ),
        ),
    };
    let (from, until) = (from?, until?);
    if until < from {
        let location = view
            .node("until")
            .or_else(|| view.node("from"))
            .map_or(view.location, |node| &node.location);
        checker.error(
            location,
            format!("{} ends ({until}) before it starts ({from})", view.place),
            "expected `until` on or after `from`",
        );
        return None;
    }
    Some((from, until))
}

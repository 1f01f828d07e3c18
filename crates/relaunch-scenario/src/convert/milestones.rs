//! `[[milestone]]`: cumulative, rate or task milestones with their due dates.

use super::anchor::Anchoring;
use super::prelude::*;

/// The keys that say what a milestone is; exactly one is given.
const KINDS: [&str; 3] = ["cumulative", "rate_per_day", "task"];

/// Milestones (none is fine). A rate window longer than the horizon (`horizon_seconds`, when
/// known) could never fill, and is refused. A task milestone names a task of `tasks`.
pub(super) fn read_milestones(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    horizon_seconds: Option<f64>,
    tasks: &Anchoring<'_>,
) -> IdTables<Milestone> {
    let shape = IdTablesShape {
        key: "milestone",
        display_name: "milestone",
        registry_kind: "milestone",
        keys: KEYS.milestone,
    };
    read_id_tables(checker, root, &shape, |checker, view, id| {
        let (location, place) = (view.location, view.place);
        let due = optional(checker, view, "due", read_date);
        let mut given: Vec<&crate::tree::Entry> =
            KINDS.iter().filter_map(|key| view.entry(key)).collect();
        given.sort_by_key(|entry| entry.key_location.span.start);
        let kind = match given.as_slice() {
            [first, second, ..] => {
                checker.error(
                    &second.key_location,
                    format!("{place} has both `{}` and `{}`", first.key, second.key),
                    "expected exactly one of `cumulative`, `rate_per_day` or `task`",
                );
                None
            }
            [] => {
                checker.error(
                    location,
                    format!("{place} has none of `cumulative`, `rate_per_day` or `task`"),
                    "add `cumulative = N` good units, `rate_per_day = X` with `window = N`, or \
                     `task = \"id\"`",
                );
                None
            }
            [entry] if entry.key == "cumulative" => {
                refuse_window(checker, view, "cumulative");
                read_u64(checker, &entry.value, &view.describe("cumulative"), 1)
                    .map(|units| MilestoneKind::Cumulative { units })
            }
            [entry] if entry.key == "task" => {
                refuse_window(checker, view, "task");
                tasks
                    .task(checker, &entry.value, &view.describe("task"))
                    .map(|task| MilestoneKind::Task { task })
            }
            [entry] => {
                let node = &entry.value;
                let per_day = read_number_in(
                    checker,
                    node,
                    &view.describe("rate_per_day"),
                    &NumberRange {
                        minimum: 0.0,
                        minimum_included: false,
                        maximum: f64::INFINITY,
                        maximum_included: false,
                        description: "good units per workday, greater than zero",
                    },
                );
                let window = optional(checker, view, "window", |c, n, w| {
                    let window = read_u32(c, n, w, 1)?;
                    let horizon_days = horizon_seconds.map_or(i64::MAX, reach::whole_days);
                    if i64::from(window) > horizon_days {
                        c.error(
                            &n.location,
                            format!("{w} is {window} workdays, longer than the horizon"),
                            format!("expected at most {horizon_days} (the horizon's days)"),
                        );
                        return None;
                    }
                    Some(window)
                });
                match (per_day, window) {
                    (Some(per_day), Some(window)) => Some(MilestoneKind::Rate {
                        per_day,
                        window: window.unwrap_or(5),
                    }),
                    _ => None,
                }
            }
        };
        Some(Milestone {
            id: id?.to_string(),
            kind: kind?,
            due: due?,
        })
    })
}

/// `window` belongs to `rate_per_day` milestones only.
fn refuse_window(checker: &mut Checker<'_>, view: &TableView<'_>, kind: &str) {
    if kind == "rate_per_day" {
        return;
    }
    if let Some(window_entry) = view.entry("window") {
        checker.error(
            &window_entry.key_location,
            format!(
                "`window` in {} is only for `rate_per_day` milestones",
                view.place
            ),
            format!("remove it, or use `rate_per_day` instead of `{kind}`"),
        );
    }
}

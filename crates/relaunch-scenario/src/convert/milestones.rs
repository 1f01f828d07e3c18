//! `[[milestone]]`: cumulative or rate milestones with their due dates.

use super::prelude::*;

/// Milestones (none is fine). A rate window longer than the horizon (`horizon_seconds`, when
/// known) could never fill, and is refused.
pub(super) fn read_milestones(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    horizon_seconds: Option<f64>,
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
        let kind = match (view.node("cumulative"), view.node("rate_per_day")) {
            (Some(_), Some(_)) => {
                let rate_location = view
                    .entry("rate_per_day")
                    .map(|entry| entry.key_location.clone())
                    .unwrap_or_else(|| location.clone());
                checker.error(
                    &rate_location,
                    format!("{place} has both `cumulative` and `rate_per_day`"),
                    "expected exactly one of them",
                );
                None
            }
            (None, None) => {
                checker.error(
                    location,
                    format!("{place} has neither `cumulative` nor `rate_per_day`"),
                    "add `cumulative = N` good units, or `rate_per_day = X` with `window = N`",
                );
                None
            }
            (Some(node), None) => {
                if let Some(window_entry) = view.entry("window") {
                    checker.error(
                        &window_entry.key_location,
                        format!("`window` in {place} is only for `rate_per_day` milestones"),
                        "remove it, or use `rate_per_day`",
                    );
                }
                read_u64(checker, node, &view.describe("cumulative"), 1)
                    .map(|units| MilestoneKind::Cumulative { units })
            }
            (None, Some(node)) => {
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

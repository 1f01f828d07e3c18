//! `[release]`: how units enter the plant, one of a dated plan, an arrival process or a
//! saturated line, with an optional `limit`.

use relaunch_core::model::Slot;

use super::anchor::Anchoring;
use super::prelude::*;

/// Reads `[release]`. Whether the release could stall the engine (a million starts a day, an
/// unlimited flood of units) is a model check of `relaunch_core::check`.
pub(super) fn read_release(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    anchoring: &mut Anchoring<'_>,
) -> Option<Release> {
    let (table, location) = section(
        checker,
        root,
        "release",
        Some("a scenario needs [release] with one of `plan`, `arrivals` or `saturated = true`"),
    )?;
    let view = TableView {
        table,
        location,
        place: "[release]",
    };
    view.check_keys(checker, KEYS.release);
    let limit = optional(checker, &view, "limit", |c, n, w| read_u64(c, n, w, 1));
    let saturated = optional(checker, &view, "saturated", read_bool);
    let mut chosen: Vec<&str> = Vec::new();
    if view.node("plan").is_some() {
        chosen.push("plan");
    }
    if view.node("arrivals").is_some() {
        chosen.push("arrivals");
    }
    if saturated == Some(Some(true)) {
        chosen.push("saturated");
    }
    chosen.sort_by_key(|key| {
        view.entry(key)
            .map_or(usize::MAX, |entry| entry.key_location.span.start)
    });
    if chosen.len() > 1 {
        let second = view
            .entry(chosen[1])
            .map(|entry| entry.key_location.clone())
            .unwrap_or_else(|| location.clone());
        checker.error(
            &second,
            format!("[release] has both `{}` and `{}`", chosen[0], chosen[1]),
            "expected exactly one of `plan`, `arrivals` or `saturated = true`",
        );
        return None;
    }
    let limit = limit?;
    match chosen.first().copied() {
        None => {
            if saturated.is_some() {
                checker.error(
                    location,
                    "[release] has none of `plan`, `arrivals` or `saturated = true`",
                    "add a release plan, an arrival distribution or `saturated = true`",
                );
            }
            None
        }
        Some("plan") => {
            let node = view.node("plan")?;
            let what = view.describe("plan");
            let items = read_array(checker, node, &what)?;
            if items.is_empty() {
                checker.error(
                    &node.location,
                    format!("{what} is empty"),
                    "expected at least one phase { from, per_day }",
                );
                return None;
            }
            let phases = read_dated_steps(
                checker,
                node,
                &what,
                &DatedSteps {
                    keys: KEYS.plan_phase,
                    from_what: "the phase's first day",
                    count_key: "per_day",
                    count_what: "planned starts per workday",
                    order: "expected phases in increasing order of `from`",
                },
                Some((anchoring, Slot::PlanPhase)),
            )
            .map(|steps| {
                steps
                    .into_iter()
                    .map(|(from, per_day)| PlanPhase { from, per_day })
                    .collect()
            });
            Some(Release::Plan {
                phases: phases?,
                limit,
            })
        }
        Some("arrivals") => {
            let node = view.node("arrivals")?;
            let interval =
                read_distribution(checker, node, &view.describe("arrivals"), Zero::Refused)?;
            Some(Release::Arrivals { interval, limit })
        }
        _ => Some(Release::Saturated { limit }),
    }
}

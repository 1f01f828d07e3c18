//! `[localization]`: point thresholds by date and `[[localization.item]]` items.

use relaunch_core::model::Slot;

use super::anchor::{Anchoring, Start};
use super::prelude::*;

/// `Some(None)` when there is no [localization]; `None` after a problem.
pub(super) fn read_localization(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    anchoring: &mut Anchoring<'_>,
) -> Option<Option<Localization>> {
    if root.node("localization").is_none() {
        return Some(None);
    }
    let (table, location) = section(checker, root, "localization", None)?;
    let view = TableView {
        table,
        location,
        place: "[localization]",
    };
    view.check_keys(checker, KEYS.localization);
    let mut thresholds = Some(Vec::new());
    if let Some(node) = view.node("thresholds") {
        let what = view.describe("thresholds");
        thresholds = read_dated_steps(
            checker,
            node,
            &what,
            &DatedSteps {
                keys: KEYS.threshold,
                from_what: "the date the threshold applies from",
                count_key: "points",
                count_what: "the points required",
                order: "expected thresholds in strictly increasing order of `from`",
            },
            None,
        )
        .map(|steps| {
            steps
                .into_iter()
                .map(|(from, points)| Threshold { from, points })
                .collect()
        });
    }
    let shape = IdTablesShape {
        key: "item",
        display_name: "localization.item",
        registry_kind: "localization item",
        keys: KEYS.localization_item,
    };
    let mut kept = 0;
    let items = read_id_tables(checker, &view, &shape, |checker, item, id| {
        let points = required(checker, item, "points", "the item's points", |c, n, w| {
            read_u32(c, n, w, 0)
        });
        let start = anchoring.read_start(checker, item, "from", None);
        let until = optional(checker, item, "until", read_date);
        if let (Some(Some(Start::On(from))), Some(Some(until))) = (start, until)
            && until <= from
        {
            let until_location = item
                .node("until")
                .map(|n| n.location.clone())
                .unwrap_or_else(|| item.location.clone());
            checker.error(
                &until_location,
                format!("{} ends ({until}) before it starts ({from})", item.place),
                "expected `until` after `from`",
            );
            return None;
        }
        let (id, points, start, until) = (id?, points?, start?, until?);
        let from = start.map(|start| anchoring.date(start, Slot::LocalizationItem(kept)));
        kept += 1;
        Some(LocalizationItem {
            id: id.to_string(),
            points,
            from,
            until,
        })
    });
    Some(Some(Localization {
        thresholds: thresholds?,
        items: items.all_read.then_some(items.items)?,
    }))
}

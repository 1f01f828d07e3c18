//! `[localization]`: point thresholds by date and `[[localization.item]]` items.

use super::prelude::*;

/// `Some(None)` when there is no [localization]; `None` after a problem.
pub(super) fn read_localization(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
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
    let items = read_id_tables(checker, &view, &shape, |checker, item, id| {
        let points = required(checker, item, "points", "the item's points", |c, n, w| {
            read_u32(c, n, w, 0)
        });
        let from = optional(checker, item, "from", read_date);
        let until = optional(checker, item, "until", read_date);
        if let (Some(Some(from)), Some(Some(until))) = (from, until)
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
        Some(LocalizationItem {
            id: id?.to_string(),
            points: points?,
            from: from?,
            until: until?,
        })
    });
    Some(Some(Localization {
        thresholds: thresholds?,
        items: items.all_read.then_some(items.items)?,
    }))
}

//! Lists of dated steps `[{ from = "date", <count> = N }, ...]` whose dates increase: release
//! plan phases and localization thresholds.

use super::prelude::*;

/// The shape of a list of dated steps `[{ from = "date", <count_key> = N }, ...]`.
pub(super) struct DatedSteps {
    pub keys: &'static [&'static str],
    pub from_what: &'static str,
    pub count_key: &'static str,
    pub count_what: &'static str,
    /// The expectation shown when `from` dates are not strictly increasing.
    pub order: &'static str,
}

/// Reads a list of dated steps (release plan phases, localization thresholds) whose `from`
/// dates must be strictly increasing. `None` after a problem (every problem is reported).
pub(super) fn read_dated_steps(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    steps: &DatedSteps,
) -> Option<Vec<(Date, u32)>> {
    let mut list = Some(Vec::new());
    let mut previous: Option<Date> = None;
    for (table, item_location, place) in inline_tables(checker, node, what) {
        let item = TableView {
            table,
            location: item_location,
            place: &place,
        };
        item.check_keys(checker, steps.keys);
        let from = required(checker, &item, "from", steps.from_what, read_date);
        let count = required(
            checker,
            &item,
            steps.count_key,
            steps.count_what,
            |c, n, w| read_u32(c, n, w, 0),
        );
        if let (Some(from), Some(before)) = (from, previous)
            && from <= before
        {
            let from_location = item
                .node("from")
                .map(|n| n.location.clone())
                .unwrap_or_else(|| item_location.clone());
            checker.error(
                &from_location,
                format!("{what} is not sorted: {from} is not after {before}"),
                steps.order,
            );
            list = None;
        }
        if from.is_some() {
            previous = from;
        }
        match (from, count, list.as_mut()) {
            (Some(from), Some(count), Some(steps)) => steps.push((from, count)),
            _ => list = None,
        }
    }
    list
}

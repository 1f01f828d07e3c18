//! Lists of dated steps `[{ from = "date", <count> = N }, ...]` whose dates increase: release
//! plan phases, shift phases (both may start `after` a task instead) and localization
//! thresholds.

use relaunch_core::model::Slot;

use super::anchor::{Anchoring, Start};
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

/// The anchors of a list of steps whose elements may start `after` a task, and the slot of
/// its element `i`.
pub(super) type AnchoredSteps<'a, 'r> = (&'a mut Anchoring<'r>, fn(usize) -> Slot);

/// Reads a list of dated steps (release plan phases, shift phases, localization thresholds)
/// whose `from` dates must be strictly increasing. With `anchoring`, a step may start `after` a
/// task instead (its slot is `slot(index)`); the order rule then applies among the dated steps.
/// `None` after a problem (every problem is reported).
pub(super) fn read_dated_steps(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    steps: &DatedSteps,
    mut anchoring: Option<AnchoredSteps<'_, '_>>,
) -> Option<Vec<(Date, u32)>> {
    let mut list = Some(Vec::new());
    let mut previous: Option<Date> = None;
    for (index, (table, item_location, place)) in
        inline_tables(checker, node, what).into_iter().enumerate()
    {
        let item = TableView {
            table,
            location: item_location,
            place: &place,
        };
        item.check_keys(checker, steps.keys);
        let start = match anchoring.as_ref() {
            Some((anchoring, _)) => anchoring
                .read_start(checker, &item, "from", Some(steps.from_what))
                .flatten(),
            None => required(checker, &item, "from", steps.from_what, read_date).map(Start::On),
        };
        let from = match start {
            Some(Start::On(date)) => Some(date),
            _ => None,
        };
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
        match (start, count, list.as_mut(), anchoring.as_mut()) {
            (Some(start), Some(count), Some(steps), Some((anchoring, slot))) => {
                steps.push((anchoring.date(start, slot(index)), count));
            }
            (Some(Start::On(from)), Some(count), Some(steps), None) => steps.push((from, count)),
            _ => list = None,
        }
    }
    list
}

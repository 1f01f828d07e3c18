//! `[workforce]`: hires, training, attrition, replacement of leavers, training places and
//! absenteeism (which need a shift calendar).

use relaunch_core::model::Slot;

use super::anchor::Anchoring;
use super::prelude::*;

/// `Some(None)` when there is no [workforce]; `None` after a problem.
pub(super) fn read_workforce(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    calendar: Option<&Calendar>,
    anchoring: &mut Anchoring<'_>,
) -> Option<Option<Workforce>> {
    if root.node("workforce").is_none() {
        return Some(None);
    }
    let (table, location) = section(checker, root, "workforce", None)?;
    let view = TableView {
        table,
        location,
        place: "[workforce]",
    };
    view.check_keys(checker, KEYS.workforce);
    let calendar_is_always_on = match root.node("calendar") {
        None => true,
        Some(_) => matches!(calendar, Some(Calendar::AlwaysOn)),
    };
    if calendar_is_always_on {
        checker.error(
            location,
            "[workforce] needs a shift calendar, but the calendar is 24/7",
            "staffing limits the shifts that run; add [calendar] with workdays and shifts",
        );
    }
    let mut hires = Some(Vec::new());
    if let Some(node) = view.node("hires") {
        let tables = inline_tables(checker, node, &view.describe("hires"));
        for (index, (table, item_location, place)) in tables.into_iter().enumerate() {
            let item = TableView {
                table,
                location: item_location,
                place: &place,
            };
            item.check_keys(checker, KEYS.hire);
            let start = anchoring
                .read_start(checker, &item, "date", Some("the hiring date"))
                .flatten();
            let count = required(checker, &item, "count", "people hired", |c, n, w| {
                read_u32(c, n, w, 1)
            });
            match (start, count, hires.as_mut()) {
                (Some(start), Some(count), Some(list)) => list.push(Hire {
                    date: anchoring.date(start, Slot::Hire(index)),
                    count,
                }),
                _ => hires = None,
            }
        }
    }
    let training = optional(checker, &view, "training", |c, n, w| {
        read_duration(c, n, w, Zero::Allowed)
    });
    let attrition = optional(checker, &view, "attrition_per_year", |c, n, w| {
        read_number_in(
            c,
            n,
            w,
            &NumberRange {
                minimum: 0.0,
                minimum_included: true,
                maximum: 1.0,
                maximum_included: false,
                description: "a fraction per year from 0 up to (not including) 1",
            },
        )
    });
    let replace_leavers = optional(checker, &view, "replace_leavers", |c, n, w| {
        let table = read_table(c, n, w)?;
        let replace_view = TableView {
            table,
            location: &n.location,
            place: w,
        };
        replace_view.check_keys(c, KEYS.replace_leavers);
        required(
            c,
            &replace_view,
            "lead_time",
            "the recruiting lead time of a replacement",
            |c, n, w| read_distribution(c, n, w, Zero::Allowed),
        )
    });
    let training_capacity = optional(checker, &view, "training_capacity", |c, n, w| {
        read_u32(c, n, w, 1)
    });
    let absenteeism = optional(checker, &view, "absenteeism", |c, n, w| {
        read_number_in(
            c,
            n,
            w,
            &NumberRange {
                minimum: 0.0,
                minimum_included: true,
                maximum: 1.0,
                maximum_included: false,
                description: "a share of trained staff from 0 up to (not including) 1",
            },
        )
    });
    Some(Some(Workforce {
        hires: hires?,
        training_secs: training?.unwrap_or(0.0),
        attrition_per_year: attrition?.unwrap_or(0.0),
        replace_leavers: replace_leavers?,
        training_capacity: training_capacity?,
        absenteeism: absenteeism?.unwrap_or(0.0),
    }))
}

/// Reports a `training` that puts the end of the last hire's training after the last supported
/// date: hires are counted from the day their training ends.
pub(super) fn check_training_reach(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    workforce: &Option<Option<Workforce>>,
) {
    if let (Some(Some(workforce)), Some(training_node)) = (
        workforce,
        root.node("workforce").and_then(|node| match &node.value {
            Value::Table(table) => table.get("training").map(|entry| &entry.value),
            _ => None,
        }),
    ) && let Some(last_hire) = workforce.hires.iter().map(|hire| hire.date).max()
    {
        // Hires are counted from the day their training ends.
        reach::check_reach(
            checker,
            &training_node.location,
            "`training` in [workforce]",
            last_hire,
            workforce.training_secs,
            "the end of the last hire's training",
        );
    }
}

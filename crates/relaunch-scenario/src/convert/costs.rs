//! `[costs]`: labour per head per day, overhead per day and the carrying rate of kits in
//! stock, in one currency (the model check compares it with the kits' currencies).

use relaunch_core::costs::{MAX_AMOUNT, MAX_CARRYING_PER_YEAR};

use super::prelude::*;

/// `Some(None)` when there is no [costs]; `None` after a problem.
pub(super) fn read_costs(checker: &mut Checker<'_>, root: &TableView<'_>) -> Option<Option<Costs>> {
    if root.node("costs").is_none() {
        return Some(None);
    }
    let (table, location) = section(checker, root, "costs", None)?;
    let view = TableView {
        table,
        location,
        place: "[costs]",
    };
    view.check_keys(checker, KEYS.costs);
    let currency = optional(checker, &view, "currency", |c, n, w| {
        read_name(c, n, w).map(str::to_string)
    });
    let mut amount = |key: &str, maximum: f64, description: &'static str| {
        optional(checker, &view, key, |c, n, w| {
            read_number_in(
                c,
                n,
                w,
                &NumberRange {
                    minimum: 0.0,
                    minimum_included: true,
                    maximum,
                    maximum_included: true,
                    description,
                },
            )
        })
    };
    let labour = amount(
        "labour_per_head_day",
        MAX_AMOUNT,
        "an amount per head per day from 0 to 10^12",
    );
    let fixed = amount(
        "fixed_per_day",
        MAX_AMOUNT,
        "an amount per day from 0 to 10^12",
    );
    let carrying = amount(
        "carrying_per_year",
        MAX_CARRYING_PER_YEAR,
        "a share of the kit price per year from 0 to 10, like 0.12",
    );
    Some(Some(Costs {
        currency: currency?,
        labour_per_head_day: labour?.unwrap_or(0.0),
        fixed_per_day: fixed?.unwrap_or(0.0),
        carrying_per_year: carrying?.unwrap_or(0.0),
    }))
}

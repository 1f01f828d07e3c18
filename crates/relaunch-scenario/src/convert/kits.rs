//! `[[kit]]`: kits with their orders, known shipments and lead time; the lead time and the
//! order intervals must keep every arrival and dispatch on a supported date.

use relaunch_core::model::Slot;

use super::anchor::{Anchoring, Start};
use super::prelude::*;

/// Reads `[[kit]]`. `end` is the first day after the horizon, when the header was valid: order
/// intervals and lead times must not push dates past the last supported date from there.
pub(super) fn read_kits(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    end: Option<Date>,
    anchoring: &mut Anchoring<'_>,
) -> IdTables<Kit> {
    let shape = IdTablesShape {
        key: "kit",
        display_name: "kit",
        registry_kind: "kit",
        keys: KEYS.kit,
    };
    let mut kept = 0;
    read_id_tables(checker, root, &shape, |checker, view, id| {
        let kind = optional(checker, view, "kind", |c, n, w| {
            let text = read_string(c, n, w)?;
            match text {
                "SKD" => Some(KitKind::Skd),
                "CKD" => Some(KitKind::Ckd),
                "local" => Some(KitKind::Local),
                _ => {
                    let label = match suggest(text, &["SKD", "CKD", "local"]) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None => "expected \"SKD\", \"CKD\" or \"local\"".to_string(),
                    };
                    c.error(
                        &n.location,
                        format!("unknown kit kind `{text}` in {w}"),
                        label,
                    );
                    None
                }
            }
        });
        let initial_stock = optional(checker, view, "initial_stock", |c, n, w| {
            read_u32(c, n, w, 0)
        });
        // The starts of the orders and shipments, noted as anchors once the kit is kept.
        let mut order_starts = Vec::new();
        let mut shipment_starts = Vec::new();
        let mut orders = Some(Vec::new());
        if let Some(node) = view.node("orders") {
            for (table, item_location, item_place) in
                inline_tables(checker, node, &view.describe("orders"))
            {
                let order =
                    read_kit_order(checker, table, item_location, &item_place, end, anchoring);
                match (order, orders.as_mut()) {
                    (Some((order, start)), Some(list)) => {
                        list.push(order);
                        order_starts.push(start);
                    }
                    _ => orders = None,
                }
            }
        }
        let mut shipments = Some(Vec::new());
        if let Some(node) = view.node("shipments") {
            for (table, item_location, item_place) in
                inline_tables(checker, node, &view.describe("shipments"))
            {
                let item = TableView {
                    table,
                    location: item_location,
                    place: &item_place,
                };
                item.check_keys(checker, KEYS.kit_shipment);
                let start = anchoring
                    .read_start(checker, &item, "arrives", Some("the arrival date"))
                    .flatten();
                let quantity = required(
                    checker,
                    &item,
                    "quantity",
                    "kits in the shipment",
                    |c, n, w| read_u32(c, n, w, 1),
                );
                match (start, quantity, shipments.as_mut()) {
                    (Some(start), Some(quantity), Some(list)) => {
                        list.push(KitShipment {
                            arrives: anchoring.date_of(start),
                            quantity,
                        });
                        shipment_starts.push(start);
                    }
                    _ => shipments = None,
                }
            }
        }
        // Kits arrive a lead time after a dispatch: one before the end of the horizon, or an
        // order's `first` (pre-flight warnings compute that arrival even after the horizon).
        let latest_dispatch = end.map(|end| {
            orders
                .iter()
                .flatten()
                .map(|order| order.first)
                .fold(end, Date::max)
        });
        let lead_time = optional(checker, view, "lead_time", |c, n, w| {
            let (dist, bound) = read_bounded_distribution(c, n, w, Zero::Allowed)?;
            match latest_dispatch {
                Some(from)
                    if !reach::check_reach(c, &n.location, w, from, bound, "a kit arrival") =>
                {
                    None
                }
                _ => Some(dist),
            }
        });
        let price = optional(checker, view, "price", |c, n, w| {
            read_number_in(
                c,
                n,
                w,
                &NumberRange {
                    minimum: 0.0,
                    minimum_included: true,
                    maximum: relaunch_core::costs::MAX_AMOUNT,
                    maximum_included: true,
                    description: "a price from 0 to 10^12",
                },
            )
        });
        let currency = optional(checker, view, "currency", |c, n, w| {
            read_name(c, n, w).map(str::to_string)
        });
        let lead_time = match lead_time? {
            Some(lead_time) => lead_time,
            None => Dist::constant(0.0).ok()?,
        };
        let kit = Kit {
            id: id?.to_string(),
            kind: kind?.unwrap_or(KitKind::Skd),
            initial_stock: initial_stock?.unwrap_or(0),
            orders: orders?,
            shipments: shipments?,
            lead_time,
            unit_price: price?,
            currency: currency?,
        };
        for (order, start) in order_starts.into_iter().enumerate() {
            anchoring.note(start, Slot::KitOrder { kit: kept, order });
        }
        for (shipment, start) in shipment_starts.into_iter().enumerate() {
            anchoring.note(
                start,
                Slot::KitShipment {
                    kit: kept,
                    shipment,
                },
            );
        }
        kept += 1;
        Some(kit)
    })
}

pub(super) fn read_kit_order(
    checker: &mut Checker<'_>,
    table: &Table,
    location: &Location,
    place: &str,
    end: Option<Date>,
    anchoring: &Anchoring<'_>,
) -> Option<(KitOrder, Start)> {
    let view = &TableView {
        table,
        location,
        place,
    };
    view.check_keys(checker, KEYS.kit_order);
    let start = anchoring
        .read_start(checker, view, "first", Some("the first dispatch date"))
        .flatten();
    let first = match start {
        Some(Start::On(date)) => Some(date),
        _ => None,
    };
    let every_days = optional(checker, view, "every", |c, n, w| {
        let seconds = read_duration(c, n, w, Zero::Refused)?;
        let days = seconds / SECONDS_PER_DAY;
        if days.fract() != 0.0 || days < 1.0 || days > f64::from(u32::MAX) {
            c.error(
                &n.location,
                format!("{w} must be a whole number of days"),
                "expected a duration like \"14d\" or \"2w\"",
            );
            return None;
        }
        // The next dispatch is computed after every one inside the horizon.
        if let Some(end) = end
            && !reach::check_reach(c, &n.location, w, end, seconds, "the next dispatch")
        {
            return None;
        }
        Some(days as u32)
    });
    let quantity = required(checker, view, "quantity", "kits per order", |c, n, w| {
        read_u32(c, n, w, 1)
    });
    let until = optional(checker, view, "until", read_date);
    if let (Some(first), Some(Some(until))) = (first, until)
        && until < first
        && let Some(until_node) = view.node("until")
    {
        checker.error(
            &until_node.location,
            format!(
                "{} ends ({until}) before its first dispatch ({first})",
                place
            ),
            "expected `until` on or after `first`",
        );
        return None;
    }
    let start = start?;
    Some((
        KitOrder {
            first: anchoring.date_of(start),
            every_days: every_days?,
            quantity: quantity?,
            until: until?,
        },
        start,
    ))
}

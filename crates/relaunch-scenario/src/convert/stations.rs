//! `[[crew]]` and `[[station]]`: maintenance crews, and stations with their cycle, buffer,
//! operators and breakdowns (whose repairs may need a crew).

use super::prelude::*;

/// Reads `[[crew]]`.
pub(super) fn read_crews(checker: &mut Checker<'_>, root: &TableView<'_>) -> IdTables<Crew> {
    let shape = IdTablesShape {
        key: "crew",
        display_name: "crew",
        registry_kind: "crew",
        keys: KEYS.crew,
    };
    read_id_tables(checker, root, &shape, |checker, view, id| {
        let size = required(
            checker,
            view,
            "size",
            "the number of technicians",
            |c, n, w| read_u32(c, n, w, 1),
        );
        Some(Crew {
            id: id?.to_string(),
            size: size?,
        })
    })
}

/// Reads `[[station]]`; failures name their crew among `crews`.
pub(super) fn read_stations(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    crews: &IdRegistry,
) -> IdTables<Station> {
    let shape = IdTablesShape {
        key: "station",
        display_name: "station",
        registry_kind: "station",
        keys: KEYS.station,
    };
    require_one(checker, root, "station", "`id` and `cycle`");
    let mut first_rework_location: Option<Location> = None;
    read_id_tables(checker, root, &shape, |checker, view, id| {
        let shop = optional(checker, view, "shop", |c, n, w| {
            read_name(c, n, w).map(str::to_string)
        });
        let servers = optional(checker, view, "servers", |c, n, w| read_u32(c, n, w, 1));
        let cycle = required(
            checker,
            view,
            "cycle",
            "the cycle time, a duration or a distribution",
            |c, n, w| read_distribution(c, n, w, Zero::Refused),
        );
        let buffer = optional(checker, view, "buffer", read_buffer);
        let operators = optional(checker, view, "operators", |c, n, w| read_u32(c, n, w, 0));
        let failure = optional(checker, view, "failure", |c, n, w| {
            read_failure(c, n, w, crews)
        });
        let inspection = optional(checker, view, "inspection", read_bool);
        let rework = optional(checker, view, "rework", read_bool);
        if rework == Some(Some(true))
            && let Some(rework_node) = view.node("rework")
        {
            match &first_rework_location {
                Some(first) => {
                    let first_place = checker.describe_location(first);
                    checker.error(
                        &rework_node.location,
                        format!("{} is a second rework station", view.place),
                        format!("at most one station may have rework = true; the first is at {first_place}"),
                    );
                }
                None => first_rework_location = Some(rework_node.location.clone()),
            }
        }
        Some(Station {
            id: id?.to_string(),
            shop: shop?,
            servers: servers?.unwrap_or(1),
            cycle: cycle?,
            buffer: buffer?.unwrap_or(None),
            operators: operators?.unwrap_or(0),
            failure: failure?,
            inspection: inspection?.unwrap_or(false),
            rework: rework?.unwrap_or(false),
        })
    })
}

/// `buffer`: places in front of the station, or "unlimited" (`None`).
pub(super) fn read_buffer(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
) -> Option<Option<u32>> {
    match &node.value {
        Value::String(text) if text == "unlimited" => Some(None),
        Value::Integer(_) | Value::IntegerOutOfRange(_) => {
            read_u32(checker, node, what, 0).map(Some)
        }
        _ => {
            checker.error(
                &node.location,
                format!("{what} must be a whole number of places or \"unlimited\""),
                "expected 0, 1, 2, ... or \"unlimited\"",
            );
            None
        }
    }
}

pub(super) fn read_failure(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    crews: &IdRegistry,
) -> Option<Failure> {
    let table = read_table(checker, node, what)?;
    let view = TableView {
        table,
        location: &node.location,
        place: what,
    };
    view.check_keys(checker, KEYS.failure);
    let ttf = required(
        checker,
        &view,
        "ttf",
        "time to failure, a distribution",
        |c, n, w| read_distribution(c, n, w, Zero::Refused),
    );
    let ttr = required(
        checker,
        &view,
        "ttr",
        "time to repair, a distribution",
        |c, n, w| read_distribution(c, n, w, Zero::Refused),
    );
    let crew = optional(checker, &view, "crew", |c, n, w| {
        let name = read_name(c, n, w)?;
        crews.resolve(c, name, &n.location, w)
    });
    Some(Failure {
        ttf: ttf?,
        ttr: ttr?,
        crew: crew?,
    })
}

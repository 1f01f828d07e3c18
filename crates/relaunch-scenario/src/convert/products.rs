//! `[[product]]`: products with their route through the stations, their share of releases,
//! their kit and their own cycle at some stations.

use super::prelude::*;

/// Reads `[[product]]`; routes name stations among `stations`, kits among `kits`.
pub(super) fn read_products(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    stations: &IdRegistry,
    kits: &IdRegistry,
) -> IdTables<Product> {
    let shape = IdTablesShape {
        key: "product",
        display_name: "product",
        registry_kind: "product",
        keys: KEYS.product,
    };
    require_one(checker, root, "product", "`id` and `route`");
    read_id_tables(checker, root, &shape, |checker, view, id| {
        let place = view.place;
        let route = required(
            checker,
            view,
            "route",
            "the station ids in order",
            |c, n, w| {
                let items = read_array(c, n, w)?;
                if items.is_empty() {
                    c.error(
                        &n.location,
                        format!("{w} is empty"),
                        "expected at least one station id",
                    );
                    return None;
                }
                let indices: Vec<Option<usize>> = items
                    .iter()
                    .map(|item| {
                        let name = read_name(c, item, w)?;
                        stations.resolve(c, name, &item.location, &format!("the route of {place}"))
                    })
                    .collect();
                indices.into_iter().collect::<Option<Vec<usize>>>()
            },
        );
        let mix = optional(checker, view, "mix", |c, n, w| {
            read_number_in(
                c,
                n,
                w,
                &NumberRange {
                    minimum: 0.0,
                    minimum_included: false,
                    maximum: f64::INFINITY,
                    maximum_included: false,
                    description: "a share greater than zero",
                },
            )
        });
        let kit = optional(checker, view, "kit", |c, n, w| {
            let name = read_name(c, n, w)?;
            kits.resolve(c, name, &n.location, w)
        });
        let cycles = optional(checker, view, "cycle", |c, n, w| {
            read_product_cycles(c, n, w, stations, route.as_deref(), place)
        });
        Some(Product {
            id: id?.to_string(),
            route: route?,
            mix: mix?.unwrap_or(1.0),
            kit: kit?,
            cycles: cycles?.unwrap_or_default(),
        })
    })
}

/// `cycle = { "station-id" = <distribution>, ... }`: this product's cycle at stations of its
/// `route` (`route` is `None` when it did not read; then only the ids are checked).
///
/// A station the product never visits is an error, not a warning: its cycle would never be
/// drawn, so it is a typo for another station or a route that forgot the station, and a
/// forecast that silently ignores a number the user wrote misleads.
fn read_product_cycles(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    stations: &IdRegistry,
    route: Option<&[usize]>,
    place: &str,
) -> Option<Vec<(usize, Dist)>> {
    let table = read_table(checker, node, what)?;
    let mut cycles = Vec::with_capacity(table.entries.len());
    let mut all_read = true;
    for entry in &table.entries {
        let station_what = format!("`{}` in {what}", entry.key);
        let station = stations.resolve(
            checker,
            &entry.key,
            &entry.key_location,
            &format!("`cycle` of {place}"),
        );
        let on_route = match (station, route) {
            (Some(station), Some(route)) if !route.contains(&station) => {
                checker.error_with_help(
                    &entry.key_location,
                    format!(
                        "station `{}` in `cycle` of {place} is not on its route",
                        entry.key
                    ),
                    "this product never visits this station",
                    "a product's `cycle` applies only at the stations of its `route`: add the \
                     station to `route`, or remove it from `cycle`",
                );
                false
            }
            _ => true,
        };
        let dist = read_distribution(checker, &entry.value, &station_what, Zero::Refused);
        match (station, dist) {
            (Some(station), Some(dist)) if on_route => cycles.push((station, dist)),
            _ => all_read = false,
        }
    }
    all_read.then_some(cycles)
}

//! `[[product]]`: products with their route through the stations, their share of releases and
//! their kit.

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
        Some(Product {
            id: id?.to_string(),
            route: route?,
            mix: mix?.unwrap_or(1.0),
            kit: kit?,
        })
    })
}

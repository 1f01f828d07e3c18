//! `[[product]] cycle`: a product's own cycle at stations of its route, read into indices, with
//! its problems placed at `file:line:column`.

use relaunch_core::Dist;
use relaunch_scenario::load_str;

use crate::support::{check, diagnostics, minimal_with};

/// The minimal scenario with a second station `final-1` on the route and `cycle` (a line of
/// TOML, line 13) on the product.
fn with_cycle(cycle_line: &str) -> String {
    minimal_with(
        &[(
            12,
            &format!("route = [\"trim-1\", \"final-1\"]\n{cycle_line}"),
        )],
        "[[station]]\nid = \"final-1\"\ncycle = \"4min\"\n[[station]]\nid = \"eol\"\ncycle = \"2min\"\n",
    )
}

#[test]
fn a_product_cycle_is_read_with_its_station_index() {
    let scenario = load_str(
        "good.toml",
        &with_cycle(
            r#"cycle = { "final-1" = "6min", "trim-1" = { dist = "exponential", mean = "3min" } }"#,
        ),
    )
    .expect("loads");
    let product = &scenario.products[0];
    // Stations in file order: trim-1 (0), final-1 (1), eol (2); entries in file order.
    assert_eq!(
        product.cycles,
        vec![
            (1, Dist::constant(360.0).unwrap()),
            (0, Dist::exponential(180.0).unwrap()),
        ]
    );
    assert_eq!(product.cycle_at(1, &scenario.stations).mean_secs(), 360.0);
    assert_eq!(product.cycle_at(0, &scenario.stations).mean_secs(), 180.0);
    assert_eq!(product.cycle_at(2, &scenario.stations).mean_secs(), 120.0);
}

#[test]
fn no_cycle_means_none_overridden() {
    let scenario = load_str("good.toml", &with_cycle("")).expect("loads");
    assert!(scenario.products[0].cycles.is_empty());
}

#[test]
fn an_unknown_station_suggests_the_closest_id() {
    let text = with_cycle(r#"cycle = { "final1" = "6min" }"#);
    let diagnostics = diagnostics(&text);
    assert_eq!(
        diagnostics.short_lines(),
        ["bad.toml:13:11: unknown station `final1` in `cycle` of [[product]] \"car\""]
    );
    assert_eq!(diagnostics.0[0].label, "did you mean `final-1`?");
}

#[test]
fn a_station_off_the_route_is_an_error() {
    let text = with_cycle(r#"cycle = { "eol" = "6min" }"#);
    let diagnostics = diagnostics(&text);
    assert_eq!(
        diagnostics.short_lines(),
        ["bad.toml:13:11: station `eol` in `cycle` of [[product]] \"car\" is not on its route"]
    );
    assert_eq!(
        diagnostics.0[0].label,
        "this product never visits this station"
    );
}

#[test]
fn a_bad_distribution_is_reported_like_a_station_cycle() {
    check(
        &with_cycle(r#"cycle = { "final-1" = { dist = "lognormal", mean = "6min", cv = -1 } }"#),
        &[
            "bad.toml:13:23: `final-1` in `cycle` in [[product]] \"car\" is not a valid distribution: cv must be a finite value of zero or more, got -1",
        ],
    );
    check(
        &with_cycle(r#"cycle = { "final-1" = "0min" }"#),
        &["bad.toml:13:23: `final-1` in `cycle` in [[product]] \"car\" must be longer than zero"],
    );
    check(
        &with_cycle(r#"cycle = { "final-1" = { dist = "exponentail", mean = "6min" } }"#),
        &[
            "bad.toml:13:32: unknown distribution `exponentail` in `final-1` in `cycle` in [[product]] \"car\"",
        ],
    );
}

#[test]
fn cycle_must_be_a_table() {
    check(
        &with_cycle(r#"cycle = "6min""#),
        &["bad.toml:13:9: `cycle` in [[product]] \"car\" must be a table, found a string"],
    );
}

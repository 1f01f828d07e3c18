//! Mixed-model lines end to end: a product's own `cycle` in the capacity warning (the
//! mix-weighted mean cycle) and its mistakes with `file:line:column`, exit 2.

use crate::support::{relaunch, simulate_json};

const FIXTURES: &str = "crates/relaunch/tests/fixtures/mixed";

#[test]
fn the_capacity_warning_uses_the_mix_weighted_cycle() {
    let file = format!("{FIXTURES}/capacity.toml");
    let output = relaunch(&["check", &file]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    // (60 + 90) / 2 = 75 min; 2 shifts × 480 min / 75 = 12.8 starts a workday.
    assert!(
        stderr.starts_with(
            "warning[plan-above-capacity]: from 2024-01-01 the plan asks for 14 starts a \
             workday, but the slowest station, `assembly`, can do at most 12.8 (1 place × 2 \
             shifts of 8 h / 75 min average cycle, at mature speed and before breakdowns)"
        ),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("--> {file}:17:32\n")), "{stderr}");
    assert_eq!(stderr.matches("warning[").count(), 1, "{stderr}");
}

#[test]
fn cycle_mistakes_are_placed_and_exit_2() {
    let file = format!("{FIXTURES}/mistakes.toml");
    let output = relaunch(&["check", &file]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: unknown station `asembly` in `cycle` of [[product]] \"ev\""),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("--> {file}:12:11\n")), "{stderr}");
    assert!(stderr.contains("did you mean `assembly`?"), "{stderr}");
    assert!(
        stderr.contains(
            "error: station `rework` in `cycle` of [[product]] \"ev\" is not on its route"
        ),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("--> {file}:12:32\n")), "{stderr}");
}

#[test]
fn the_result_document_shows_the_weighted_mean_and_each_products_own_cycle() {
    let document = simulate_json(&[&format!("{FIXTURES}/capacity.toml"), "-n", "2"]);
    let stations = &document["inputs"]["stations"];
    assert_eq!(stations[0]["id"], "assembly");
    assert_eq!(stations[0]["cycle_mean_minutes"], 75.0);
    assert_eq!(
        stations[0]["product_cycles"],
        serde_json::json!([{ "product": "ev", "cycle_mean_minutes": 90.0 }])
    );
    // A station without a product's own cycle has no `product_cycles`.
    assert_eq!(stations[1]["cycle_mean_minutes"], 30.0);
    assert!(stations[1].get("product_cycles").is_none());
}

//! The risk tornado on the command line: `simulate` measures each risk by switching it off on
//! the same random numbers, and `--no-tornado` skips it.

use crate::support::{relaunch, simulate_json, stdout_of};

/// The line gated by a deal and a re-tooling that a late press delays by 7 days in half the
/// runs (see the fixture's comments).
const GATED: &str = "crates/relaunch/tests/fixtures/programme.toml";

#[test]
fn the_tornado_is_measured_and_can_be_skipped() {
    let json = simulate_json(&[GATED, "-n", "40"]);
    let risk = &json["programme"]["risks"][0];
    let occurrence = risk["occurrence"].as_f64().unwrap();
    assert!(occurrence > 0.2 && occurrence < 0.8, "{occurrence}");
    // "retooled" (due 28 Jan) finishes on the 24th, or the 31st when the press is late: the
    // press costs exactly the runs it hit, and 7 days at P90 (more than a tenth of the runs).
    let retooled = &risk["effects"][0];
    assert_eq!(retooled["milestone"], "retooled");
    assert_eq!(retooled["p90_days"], 7);
    assert_eq!(retooled["on_time_loss"].as_f64(), Some(occurrence));
    // 100 units, ten days after the line starts: late by a week too, but well before 1 March.
    let first_100 = &risk["effects"][1];
    assert_eq!(first_100["p90_days"], 7);
    assert_eq!(first_100["on_time_loss"].as_f64(), Some(0.0));

    let skipped = simulate_json(&[GATED, "-n", "40", "--no-tornado"]);
    assert_eq!(
        skipped["programme"]["risks"][0]["effects"],
        serde_json::json!([])
    );
    // Everything else is the same forecast.
    let without_effects = |mut json: serde_json::Value| {
        json["programme"]["risks"][0]["effects"] = serde_json::json!([]);
        json.as_object_mut().unwrap().remove("perf");
        json
    };
    assert_eq!(without_effects(json), without_effects(skipped));
}

#[test]
fn help_says_what_the_tornado_costs() {
    let help = stdout_of(&relaunch(&["simulate", "--help"]));
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("--no-tornado Skip the risk tornado.")
            && help.contains("one more forecast per risk"),
        "{help}"
    );
}

//! `--set KEY.PATH=VALUE` as a user types it: the run changes as the file would, a bad value is
//! a user error placed in `--set`, and the tracking commands refuse it.

use crate::support::{relaunch, simulate_json, stdout_of};

fn p50(document: &serde_json::Value, milestone: &str) -> String {
    document["milestones"]
        .as_array()
        .expect("milestones")
        .iter()
        .find(|m| m["id"] == milestone)
        .and_then(|m| m["p50"].as_str())
        .unwrap_or("not reached")
        .to_string()
}

#[test]
fn set_changes_the_run_as_editing_the_file_would() {
    let args = ["examples/kaluga.toml", "-n", "40", "--no-tornado"];
    let plain = simulate_json(&args);
    let same = simulate_json(&[&args[..], &["--set", "station.trim.servers=4"]].concat());
    // Setting a key to its own value changes nothing.
    assert_eq!(plain["milestones"], same["milestones"]);
    // Hiring the second wave three months later holds mass production back.
    let later =
        simulate_json(&[&args[..], &["--set", "workforce.hires.1.date=2024-09-02"]].concat());
    assert!(
        p50(&later, "mass-production") > p50(&plain, "mass-production"),
        "{} vs {}",
        p50(&later, "mass-production"),
        p50(&plain, "mass-production")
    );
    // `check` reads the overrides too.
    let check = relaunch(&[
        "check",
        "examples/kaluga.toml",
        "--set",
        "scenario.replications=10",
    ]);
    assert!(stdout_of(&check).contains("OK"));
}

#[test]
fn a_bad_set_is_a_user_error_placed_in_the_override() {
    let output = relaunch(&[
        "simulate",
        "examples/kaluga.toml",
        "--set",
        "station.trim.servers=many",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--set:1:"), "{stderr}");
    assert!(
        stderr.contains("station.trim.servers = \"many\""),
        "{stderr}"
    );

    let output = relaunch(&["status", "examples/kaluga.toml", "--set", "x=1"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("tracking commands"), "{stderr}");
}

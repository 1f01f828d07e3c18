//! `relaunch plan` as a user runs it: the plan file written and read back, the summary, and the
//! exit code that tells a script whether the plan meets the confidence.

use crate::support::{relaunch, repo_root};

fn fixture(name: &str) -> String {
    format!("crates/relaunch/tests/fixtures/plan/{name}")
}

#[test]
fn a_plan_that_meets_the_confidence_exits_0_and_its_file_runs() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let input = dir.path().join("forty.toml");
    std::fs::copy(repo_root().join(fixture("forty.toml")), &input).expect("copied");
    let out = dir.path().join("forty-plan.toml");
    let output = relaunch(&[
        "plan".as_ref(),
        input.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("every dated milestone"), "{stdout}");
    // The input warns (its people and kits come a week after its first starts) yet makes its 40
    // cars in time, for less: the summary says so rather than sell the plan.
    assert!(stdout.contains("  hires     2024-01-08 ×2"), "{stdout}");
    assert!(stdout.contains("1 order, 45 kits"), "{stdout}");
    assert!(
        stdout.contains("The input itself meets every dated milestone at 90%"),
        "{stdout}"
    );
    let plan = std::fs::read_to_string(&out).expect("the plan file is written");
    assert!(plan.contains("extends = \"forty.toml\""), "{plan}");
    // The file is a scenario that passes the pre-flight checks and runs.
    let check = relaunch(&[
        "check".as_ref(),
        "--deny-warnings".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn a_plan_short_of_the_confidence_exits_3_and_still_writes_the_closest() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let input = dir.path().join("two-hundred.toml");
    std::fs::copy(repo_root().join(fixture("two-hundred.toml")), &input).expect("copied");
    let out = dir.path().join("plan.toml");
    let output = relaunch(&[
        "plan".as_ref(),
        input.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--rounds".as_ref(),
        "2".as_ref(),
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(3), "{stdout}");
    assert!(stdout.contains("NOT every milestone"), "{stdout}");
    assert!(stdout.contains("Short of 90%"), "{stdout}");
    let plan = std::fs::read_to_string(&out).expect("the closest plan is written");
    assert!(plan.contains("NOT met"), "{plan}");

    // --json says the same, with the same exit code.
    let json = relaunch(&[
        "plan".as_ref(),
        input.as_os_str(),
        "--json".as_ref(),
        "--rounds".as_ref(),
        "2".as_ref(),
    ]);
    assert_eq!(json.status.code(), Some(3));
    let document: serde_json::Value =
        serde_json::from_slice(&json.stdout).expect("the document is JSON");
    assert_eq!(document["met"], serde_json::Value::Bool(false));
}

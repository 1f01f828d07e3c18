//! Pre-flight warnings end to end: one fixture per warning (each extends a clean base), the
//! stderr text with `file:line:column`, exit 0, and exit 2 with `--deny-warnings`; the
//! shipped examples' warnings.

use std::process::Output;

use crate::support::relaunch;

const FIXTURES: &str = "crates/relaunch/tests/fixtures/warnings";

fn check(args: &[&str]) -> (Output, String) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    let output = relaunch(&all);
    let stderr = String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8");
    (output, stderr)
}

/// Checks fixture `name`: exactly one warning with `header` (code and message start) at
/// `place` (`file:line:column`), exit 0; then exit 2 with `--deny-warnings`.
fn assert_one_warning(name: &str, header: &str, place: &str) {
    let file = format!("{FIXTURES}/{name}.toml");
    let (output, stderr) = check(&[&file]);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.starts_with(header), "{stderr}");
    assert!(stderr.contains(&format!("--> {place}\n")), "{stderr}");
    assert!(stderr.contains("= help: "), "{stderr}");
    assert!(
        stderr.ends_with(&format!("1 warning in {file}\n")),
        "{stderr}"
    );
    assert_eq!(stderr.matches("warning[").count(), 1, "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.ends_with("OK (Warnings base), 1 warning\n"),
        "{stdout}"
    );

    let (denied, stderr) = check(&["--deny-warnings", &file]);
    assert_eq!(denied.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with(header), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: 1 warning in {file} and --deny-warnings is set"
        )),
        "{stderr}"
    );
}

#[test]
fn the_clean_base_has_no_warnings() {
    let (output, stderr) = check(&["--deny-warnings", &format!("{FIXTURES}/base.toml")]);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn staff_below_one_shift() {
    assert_one_warning(
        "staff",
        "warning[staff-below-one-shift]: the line can never run: one shift needs 15 operators",
        &format!("{FIXTURES}/staff.toml:5:1"),
    );
}

#[test]
fn scrap_without_rework_points_into_the_base_file() {
    assert_one_warning(
        "scrap",
        "warning[scrap-without-rework]: cars that fail inspection are scrapped (20% of the \
         first cars falling to 5% once mature)",
        &format!("{FIXTURES}/base.toml:47:1"),
    );
}

#[test]
fn plan_above_capacity() {
    assert_one_warning(
        "capacity",
        "warning[plan-above-capacity]: from 2024-01-01 the plan asks for 20 starts a workday, \
         but the slowest station, `assembly`, can do at most 16.0",
        &format!("{FIXTURES}/capacity.toml:5:32"),
    );
}

#[test]
fn hires_too_late() {
    assert_one_warning(
        "hires",
        "warning[hires-too-late]: from 2024-01-29 the plan asks for 12 starts a workday, which \
         needs 2 shifts (30 trained operators), but only 15 are trained by then",
        &format!("{FIXTURES}/hires.toml:7:5"),
    );
}

#[test]
fn no_shift_planned_within_the_horizon() {
    assert_one_warning(
        "noshift",
        "warning[no-shift-planned]: the calendar plans no shift within the horizon: the first \
         shift phase starts 2030-01-10, after the horizon ends 2024-02-29, so nothing is built",
        &format!("{FIXTURES}/noshift.toml:5:13"),
    );
}

#[test]
fn a_plan_phase_on_days_without_a_shift() {
    assert_one_warning(
        "weekend",
        "warning[no-shift-planned]: plan phase 1 asks for 9 starts a workday, but none of its \
         days in the horizon, 2024-01-06 to 2024-01-07, has a planned shift, so its starts are \
         dropped",
        &format!("{FIXTURES}/weekend.toml:7:5"),
    );
}

#[test]
fn milestone_beyond_plan() {
    assert_one_warning(
        "milestone",
        "warning[milestone-beyond-plan]: milestone `first-200` needs 200 good cars by \
         2024-01-31, but the release plan starts only 156 by then",
        &format!("{FIXTURES}/milestone.toml:6:1"),
    );
}

#[test]
fn kits_too_late() {
    assert_one_warning(
        "kits",
        "warning[kits-too-late]: `car-kit` kits arrive too late for the plan: starts begin on \
         2024-01-01, no kit is on hand by 2024-01-01",
        &format!("{FIXTURES}/kits.toml:8:13"),
    );
}

#[test]
fn kit_without_price() {
    // The kit comes from the base file, which has no `price`: the warning points at the kit.
    assert_one_warning(
        "price",
        "warning[kit-without-price]: `car-kit` kits have no price, so [costs] counts them as free",
        &format!("{FIXTURES}/base.toml:35:1"),
    );
}

#[test]
fn simulate_prints_warnings_and_runs_unless_denied() {
    let file = format!("{FIXTURES}/capacity.toml");
    let output = relaunch(&["simulate", &file, "--replications", "2"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning[plan-above-capacity]"), "{stderr}");
    assert!(!output.stdout.is_empty());

    let denied = relaunch(&["simulate", &file, "--deny-warnings"]);
    let stderr = String::from_utf8_lossy(&denied.stderr);
    assert_eq!(denied.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("warning[plan-above-capacity]"), "{stderr}");
    assert!(
        stderr.contains("--deny-warnings is set: nothing was run"),
        "{stderr}"
    );
    assert!(denied.stdout.is_empty());
}

#[test]
fn why_and_compare_are_denied_too() {
    let clean = format!("{FIXTURES}/base.toml");
    let warned = format!("{FIXTURES}/kits.toml");
    let why = relaunch(&["why", &warned, "--deny-warnings"]);
    assert_eq!(why.status.code(), Some(2));
    let compare = relaunch(&["compare", &clean, &warned, "--deny-warnings"]);
    let stderr = String::from_utf8_lossy(&compare.stderr);
    assert_eq!(compare.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("warning[kits-too-late]"), "{stderr}");
    assert!(compare.stdout.is_empty());
}

#[test]
fn textbook_examples_have_no_warnings() {
    let directory = crate::support::repo_root().join("examples/textbook");
    let mut files: Vec<String> = std::fs::read_dir(&directory)
        .expect("the textbook examples are there")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| {
            format!(
                "examples/textbook/{}",
                path.file_name().unwrap().to_string_lossy()
            )
        })
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    let mut args = vec!["--deny-warnings"];
    args.extend(files.iter().map(String::as_str));
    let (output, stderr) = check(&args);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn shipped_examples_warn_only_where_the_plan_cannot_work() {
    let (output, stderr) = check(&[
        "--deny-warnings",
        "examples/kaluga.toml",
        "examples/moskvich.toml",
        "examples/moskvich-jac.toml",
        "examples/moskvich-byd.toml",
    ]);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
    // FAW starts in January 2023: the 2022 milestones of the base file, and the 2023 volume
    // that includes them, are lost by construction.
    let (output, stderr) = check(&["examples/moskvich-faw.toml"]);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let codes: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("warning["))
        .map(|line| line.split(':').next().unwrap())
        .collect();
    assert_eq!(codes, vec!["warning[milestone-beyond-plan]"; 3], "{stderr}");
    for milestone in ["`first-160`", "`plan-2022`", "`volume-2023`"] {
        assert!(stderr.contains(milestone), "{stderr}");
    }
    // The first warning points at `first-160`'s `cumulative` in the base file, wherever the
    // file has it.
    let base = std::fs::read_to_string(crate::support::repo_root().join("examples/moskvich.toml"))
        .expect("the base file reads");
    let line = base
        .lines()
        .position(|line| line.starts_with("cumulative = 160"))
        .expect("first-160 has a cumulative")
        + 1;
    assert!(
        stderr.contains(&format!("--> examples/moskvich.toml:{line}:1")),
        "{stderr}"
    );
}

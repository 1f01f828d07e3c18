//! Shift phases end to end on Kaluga as shipped: one shift once the first hires are trained
//! (2023-11-01), two from 2024-07-08. Unstaffed time is only planned shifts that trained staff
//! could not run.

use std::path::PathBuf;

use serde_json::Value;

use crate::exports::scratch;
use crate::support::{repo_root, simulate_json};

/// A variant of Kaluga laying `overrides` over it, written to a scratch directory.
fn kaluga_variant(name: &str, overrides: &str) -> PathBuf {
    let dir = scratch(name);
    let base = repo_root().join("examples/kaluga.toml");
    let base = base.canonicalize().expect("the example exists");
    let path = dir.join("variant.toml");
    let text = format!(
        "extends = {:?}\n\n{overrides}",
        base.to_str().expect("UTF-8")
    );
    std::fs::write(&path, text).expect("variant written");
    path
}

fn run(path: &str) -> Value {
    simulate_json(&[path, "--replications", "20"])
}

fn days(document: &Value) -> &Vec<Value> {
    document["daily"].as_array().expect("daily")
}

fn date(day: &Value) -> &str {
    day["date"].as_str().expect("date")
}

fn planned(day: &Value) -> u64 {
    day["planned_shifts"].as_u64().expect("planned_shifts")
}

#[test]
fn kaluga_plans_one_shift_until_the_second_shift_phase() {
    let document = run("examples/kaluga.toml");
    for day in days(&document) {
        let (date, planned, workday) = (date(day), planned(day), day["workday"] == true);
        let expected = if !workday {
            0
        } else if date < "2024-07-08" {
            1
        } else {
            2
        };
        assert_eq!(planned, expected, "{date}");
        assert!(
            date >= "2023-11-01" || !workday,
            "{date} is before the first phase"
        );
    }
    // Only leavers (12 % a year, not replaced) leave planned shifts unstaffed now: far below
    // the 38.5 % of every station when the second shift was "planned" from day 0.
    for station in document["stations"].as_array().expect("stations") {
        let unstaffed = station["unstaffed"].as_f64().expect("unstaffed");
        assert!(unstaffed < 0.10, "{}: {unstaffed}", station["id"]);
    }
}

#[test]
fn without_leavers_every_planned_shift_of_kaluga_runs() {
    // No leavers and nobody absent (the overrides hold whatever Kaluga later sets).
    let variant = kaluga_variant(
        "shifts-no-leavers",
        "[workforce]\nattrition_per_year = 0.0\nabsenteeism = 0.0\n",
    );
    let document = run(variant.to_str().expect("UTF-8"));
    assert_eq!(document["staffing"]["unstaffed_shifts"]["mean"], 0.0);
    for day in days(&document) {
        assert_eq!(
            day["staffed_shifts"].as_f64(),
            Some(planned(day) as f64),
            "{}",
            date(day)
        );
    }
    for station in document["stations"].as_array().expect("stations") {
        assert_eq!(station["unstaffed"], 0.0, "{}", station["id"]);
    }

    // The same without phases (`shifts = 2` from day 0): every workday in October 2023 (30
    // people in training) loses both shifts, every workday from 1 Nov 2023 to 2 Jul 2024 (30
    // trained, 25 a shift) the second; the June hires are trained from 3 July.
    let variant = kaluga_variant(
        "shifts-two-from-day-0",
        "[calendar]\nshifts = 2\n\n[workforce]\nattrition_per_year = 0.0\nabsenteeism = 0.0\n",
    );
    let document = run(variant.to_str().expect("UTF-8"));
    let workdays = |from: &str, to: &str| {
        days(&document)
            .iter()
            .filter(|day| day["workday"] == true && from <= date(day) && date(day) <= to)
            .count() as f64
    };
    let expected =
        2.0 * workdays("2023-10-02", "2023-10-31") + workdays("2023-11-01", "2024-07-02");
    assert_eq!(workdays("2023-10-02", "2023-10-31"), 22.0);
    assert_eq!(
        document["staffing"]["unstaffed_shifts"]["mean"].as_f64(),
        Some(expected)
    );
}

//! `relaunch why` and `relaunch compare` end to end.

use crate::support::{relaunch, stdout_of};

#[test]
fn why_shares_add_up_to_the_lateness_and_the_lost_probability() {
    let text = stdout_of(&relaunch(&[
        "why",
        "examples/kaluga.toml",
        "-n",
        "8",
        "--json",
    ]));
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    let milestones = document["milestones"].as_array().unwrap();
    assert!(!milestones.is_empty());
    for milestone in milestones {
        let quantiles = milestone["quantiles"].as_array().unwrap();
        let labels: Vec<&str> = quantiles
            .iter()
            .map(|q| q["label"].as_str().unwrap())
            .collect();
        assert_eq!(labels, ["P50", "P90"]);
        for quantile in quantiles {
            let factors = quantile["factors"].as_array().unwrap();
            assert_eq!(factors.len(), 7, "six factors (programme too) and the plan");
            let sum: f64 = factors.iter().map(|f| f["days"].as_f64().unwrap()).sum();
            let late = quantile["late_days"].as_i64().unwrap() as f64;
            assert!(
                (sum - late).abs() < 1e-9,
                "{}: {sum} vs {late}",
                milestone["id"]
            );
        }
        let lost = &milestone["probability_lost"];
        let sum: f64 = lost["factors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["probability"].as_f64().unwrap())
            .sum();
        let total = lost["total"].as_f64().unwrap();
        assert!((sum - total).abs() < 1e-9, "{}", milestone["id"]);
        let probability = milestone["on_time_probability"].as_f64().unwrap();
        assert!((total - (1.0 - probability)).abs() < 1e-9);
        let ci = milestone["on_time_ci95"].as_array().unwrap();
        let (low, high) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
        assert!(low <= probability && probability <= high && high <= 1.0);
    }
    let one = stdout_of(&relaunch(&[
        "why",
        "examples/kaluga.toml",
        "-n",
        "8",
        "--milestone",
        "pilot",
        "--quantile",
        "0.8",
    ]));
    assert!(
        one.contains("pilot — due 2023-12-31")
            && one.contains("  P80 ")
            && !one.contains("P50")
            && one.contains("Verdict:")
            && !one.contains("mass-production —"),
        "{one}"
    );
    let unknown = relaunch(&["why", "examples/kaluga.toml", "--milestone", "pilott"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no milestone `pilott`"));
    let bad = relaunch(&["why", "examples/kaluga.toml", "--quantile", "1.5"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("strictly between 0 and 1"));
}

#[test]
fn an_early_pilot_has_nothing_to_blame() {
    // Kaluga's pilot is due 2023-12-31 and forecast days before it: nothing to blame at P50.
    let text = stdout_of(&relaunch(&[
        "why",
        "examples/kaluga.toml",
        "-n",
        "20",
        "--milestone",
        "pilot",
    ]));
    let p50 = text.lines().find(|l| l.contains("P50 (median)")).unwrap();
    assert!(
        p50.contains("before the due date, nothing to blame at P50"),
        "{text}"
    );
    assert!(!text.contains("causes 100% of the delay"), "{text}");
}

#[test]
fn compare_a_scenario_with_itself_shows_zero_difference() {
    let text = stdout_of(&relaunch(&[
        "compare",
        "examples/kaluga.toml",
        "examples/kaluga.toml",
        "-n",
        "12",
        "--json",
    ]));
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    let second = &document["variants"][1];
    for milestone in second["milestones"].as_array().unwrap() {
        assert_eq!(milestone["difference_days"].as_f64(), Some(0.0));
        assert_eq!(milestone["difference_ci95"], serde_json::json!([0.0, 0.0]));
    }
    assert_eq!(document["ranking"].as_array().unwrap().len(), 2);
}

#[test]
fn compare_partner_variants_prints_the_ranking() {
    let text = stdout_of(&relaunch(&[
        "compare",
        "examples/moskvich-jac.toml",
        "examples/moskvich-byd.toml",
        "-n",
        "8",
    ]));
    assert!(
        text.contains("Ranking") && text.contains("moskvich-byd") && text.contains("paired"),
        "{text}"
    );
}

/// A fresh directory under the target's temporary directory.
fn fresh_dir(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn read(dir: &std::path::Path, name: &str) -> String {
    let path = dir.join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn compare_out_writes_the_comparison_page() {
    let dir = fresh_dir("compare-out");
    stdout_of(&relaunch(&[
        "compare",
        "examples/moskvich-jac.toml",
        "examples/moskvich-byd.toml",
        "-n",
        "6",
        "--out",
        dir.to_str().unwrap(),
    ]));
    let page = read(&dir, "compare.html");
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("class=\"rc-chart\""));
    assert!(page.contains("moskvich-jac") && page.contains("moskvich-byd"));
    assert!(page.contains("Ranking"));
    assert!(
        page.contains(
            "relaunch compare examples/moskvich-jac.toml examples/moskvich-byd.toml --seed"
        )
    );
    assert!(!page.contains("http://") && !page.contains("https://"));
    // Still beside it: the document and every variant's report.
    for name in [
        "compare.json",
        "moskvich-jac.report.html",
        "moskvich-byd.report.html",
    ] {
        assert!(!read(&dir, name).is_empty(), "{name} is empty");
    }
}

#[test]
fn why_out_writes_the_document_and_the_report() {
    let dir = fresh_dir("why-out");
    let text = stdout_of(&relaunch(&[
        "why",
        "examples/kaluga.toml",
        "-n",
        "4",
        "--out",
        dir.to_str().unwrap(),
    ]));
    assert!(text.contains("Verdict:"), "{text}");
    let document: serde_json::Value = serde_json::from_str(&read(&dir, "why.json")).unwrap();
    assert_eq!(document["replications"], 4);
    let report = read(&dir, "report.html");
    assert!(report.contains("Why late"));
    for milestone in document["milestones"].as_array().unwrap() {
        assert!(report.contains(milestone["id"].as_str().unwrap()));
    }
    assert!(
        report.contains("relaunch simulate examples/kaluga.toml --seed 7 --replications 4 --why")
    );
    // The forecast sections are all there too.
    assert!(
        report.contains("<section id=\"cumulative\"")
            && report.contains("<section id=\"stations\"")
    );
}

#[test]
fn simulate_why_adds_the_table_and_the_section() {
    let dir = fresh_dir("simulate-why-out");
    let text = stdout_of(&relaunch(&[
        "simulate",
        "examples/kaluga.toml",
        "-n",
        "4",
        "--why",
        "--out",
        dir.to_str().unwrap(),
    ]));
    let summary = text.find("bottleneck").expect("the summary");
    let table = text.find("Why late").expect("the why table");
    assert!(summary < table, "{text}");
    assert!(read(&dir, "report.html").contains("<section id=\"why\""));
    assert!(read(&dir, "why.json").contains("\"factors\""));
    assert!(!read(&dir, "result.json").is_empty());
}

#[test]
fn quantiles_are_taken_once_in_order_and_a_milestone_beyond_the_plan_blames_the_plan() {
    // Moskvich's break-even rate (163 a day) is above anything its plan asks (110 at most): not
    // reached even with every factor relaxed, which is the plan's, not "on time".
    let text = stdout_of(&relaunch(&[
        "why",
        "examples/moskvich.toml",
        "-n",
        "2",
        "--milestone",
        "break-even-rate",
        "--quantile",
        "0.9",
        "--quantile",
        "0.5",
        "--quantile",
        "0.9",
    ]));
    let p50 = text.find("  P50 (median)").expect("P50");
    let p90 = text.find("  P90 ").expect("P90");
    assert!(p50 < p90, "in increasing order: {text}");
    assert_eq!(text.matches("  P90 ").count(), 1, "once: {text}");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Verdict: P50 and P90 not reached within the horizon even with every factor relaxed: the plan as written never gets there"),
        "{text}"
    );
    assert!(!flat.contains("nothing to blame"), "{text}");
}

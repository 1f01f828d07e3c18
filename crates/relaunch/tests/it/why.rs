//! `relaunch why` and `relaunch compare` end to end.

use crate::support::{relaunch, stdout_of};

#[test]
fn why_shares_add_up_to_the_delay() {
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
        let factors = milestone["factors"].as_array().unwrap();
        assert_eq!(factors.len(), 5);
        let sum: f64 = factors.iter().map(|f| f["days"].as_f64().unwrap()).sum();
        let total = milestone["total_days"].as_i64().unwrap() as f64;
        assert!(
            (sum - total).abs() < 1e-9,
            "{}: {sum} vs {total}",
            milestone["id"]
        );
        assert!(milestone["p50"].is_string() && milestone["ideal_p50"].is_string());
    }
    let one = stdout_of(&relaunch(&[
        "why",
        "examples/kaluga.toml",
        "-n",
        "8",
        "--milestone",
        "pilot",
    ]));
    assert!(
        one.contains("pilot: P50") && one.contains("Verdict:") && !one.contains("mass-production:"),
        "{one}"
    );
    let unknown = relaunch(&["why", "examples/kaluga.toml", "--milestone", "pilott"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no milestone `pilott`"));
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

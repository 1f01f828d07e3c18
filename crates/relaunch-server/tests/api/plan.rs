//! The planner from the programme page: `POST /dashboard/plan` is a job whose result is the
//! plan (`relaunch plan --json`), its summary, the planned scenario as TOML and the fragment the
//! page shows; nothing is stored until the scenario is saved as the next version.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::support::{Harness, programme_url};

#[test]
fn the_programme_page_plans_and_the_plan_saves_as_the_next_version() {
    let harness = Harness::new();
    let name = harness.programme("examples/ramp.toml");
    let page_url = format!("/programmes/{}", urlencoding(&name));
    let page = harness.get(&page_url).text();
    assert!(page.contains("id=\"run-plan\""), "{page}");

    let id = harness.start(
        "/dashboard/plan",
        &json!({ "programme": name, "replications": 40, "rounds": 3 }),
    );
    let job = harness.wait(&id);
    assert_eq!(job["state"], "succeeded", "{job}");
    assert_eq!(job["kind"], "plan", "{job}");
    let result = &job["result"];
    assert_eq!(result["version"], 1);
    let plan = &result["plan"];
    assert_eq!(plan["milestones"][0]["id"], "fleet-order", "{plan}");
    let rounds = plan["rounds"].as_array().unwrap().len();
    assert!((1..=3).contains(&rounds), "{rounds} rounds");
    assert!(result["summary"].as_str().unwrap().contains("Decisions"));
    let fragment = harness
        .get(&format!("/dashboard/jobs/{id}/fragment"))
        .text();
    assert!(
        fragment.contains("plan-banner") && fragment.contains("id=\"save-plan\""),
        "{fragment}"
    );
    // Nothing stored by the run: still one version.
    let versions = harness
        .get(&format!("{}/scenario/versions", programme_url(&name)))
        .json();
    assert_eq!(versions.as_array().unwrap().len(), 1, "{versions}");

    // The planned scenario saves as version 2, through the same endpoint as the editor.
    let toml = result["scenario_toml"].as_str().unwrap();
    assert!(!toml.contains("extends"), "{toml}");
    let saved = harness.write(
        Method::PUT,
        &format!("{}/scenario", programme_url(&name)),
        "application/toml",
        toml.as_bytes().to_vec(),
    );
    assert_eq!(saved.status, StatusCode::CREATED, "{saved:?}");
    let versions = harness
        .get(&format!("{}/scenario/versions", programme_url(&name)))
        .json();
    assert_eq!(versions.as_array().unwrap().len(), 2, "{versions}");
}

#[test]
fn a_plan_that_cannot_be_asked_is_refused_before_any_run() {
    let harness = Harness::new();
    let name = harness.programme("examples/ramp.toml");
    let bad = harness.post_json(
        "/dashboard/plan",
        &json!({ "programme": name, "confidence": 1.5 }),
    );
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
    assert!(bad.text().contains("between 0 and 1"), "{bad:?}");
    let unknown = harness.post_json("/dashboard/plan", &json!({ "programme": "nope" }));
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{unknown:?}");
    let zero = harness.post_json(
        "/dashboard/plan",
        &json!({ "programme": name, "replications": 0 }),
    );
    assert_eq!(zero.status, StatusCode::UNPROCESSABLE_ENTITY, "{zero:?}");
}

/// A programme name in a page address.
fn urlencoding(name: &str) -> String {
    programme_url(name)
        .trim_start_matches("/api/v1/programmes/")
        .to_string()
}

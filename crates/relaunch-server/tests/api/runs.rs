//! Runs as jobs: a forecast from the actuals run to the end and stored (history, the stored
//! document), a what-if simulation with overrides, "why late", a comparison, and the refusals
//! that come before any job (422, 404).

use axum::http::StatusCode;
use serde_json::json;

use crate::support::*;

const KALUGA: &str = "examples/kaluga.toml";

#[test]
fn a_forecast_from_the_actuals_is_a_job_then_stored_on_sqlite() {
    forecast_from_actuals(&Harness::new());
}

#[test]
fn a_forecast_from_the_actuals_is_a_job_then_stored_on_postgres() {
    if let Some(harness) = Harness::on(Backend::Postgres, relaunch_server::JobLimits::default()) {
        forecast_from_actuals(&harness);
    }
}

fn forecast_from_actuals(harness: &Harness) {
    let name = harness.programme(KALUGA);
    let forecasts = format!("{}/forecasts", programme_url(&name));
    // Nothing to forecast from yet: an as-of date or a calibration needs actuals (without
    // them a forecast is the plan's, `a_programme_in_planning_stores_a_plan_forecast`).
    harness
        .post_json(&forecasts, &json!({ "as_of": "2024-03-29" }))
        .error(StatusCode::UNPROCESSABLE_ENTITY, "no_actuals");
    harness
        .post_json(&forecasts, &json!({ "calibrate": true }))
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    harness.import(&name, "examples/actuals/kaluga.csv");
    harness
        .post_json(&forecasts, &json!({ "as_of": "2031-01-01" }))
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    harness
        .post_json(&forecasts, &json!({ "replication": 20 }))
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    harness
        .post_json(&forecasts, &json!({ "replications": 0 }))
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    let empty = harness.get(&forecasts).json();
    assert_eq!(empty["forecasts"], json!([]));

    let id = harness.start(
        &forecasts,
        &json!({ "replications": 30, "as_of": "2024-03-29", "tornado": false }),
    );
    let job = harness.wait(&id);
    assert_eq!(job["state"], "succeeded", "{job}");
    assert_eq!(job["kind"], "forecast");
    assert_eq!(job["done"], job["total"]);
    let result = &job["result"];
    assert_eq!(result["document"]["as_of"], "2024-03-29");
    assert_eq!(result["document"]["replications"], 30);
    assert!(result["summary"].as_str().unwrap().contains("pilot"));
    let stored_id = result["forecast"]["id"].as_i64().unwrap();

    // Stored: in the history and by its id, with the same document.
    let history = harness.get(&forecasts).json();
    assert_eq!(
        history["forecasts"].as_array().unwrap().len(),
        1,
        "{history}"
    );
    assert_eq!(history["forecasts"][0]["id"], stored_id);
    let stored = harness.get(&format!("{forecasts}/{stored_id}")).json();
    let mut document = stored["document"].clone();
    let mut from_job = result["document"].clone();
    document.as_object_mut().unwrap().remove("perf");
    from_job.as_object_mut().unwrap().remove("perf");
    assert_eq!(document, from_job);
    assert!(
        harness
            .get(&format!("{forecasts}?format=text"))
            .text()
            .contains("pilot")
    );
    harness
        .get(&format!("{forecasts}/{}", stored_id + 100))
        .error(StatusCode::NOT_FOUND, "not_found");
    harness
        .get(&format!("{forecasts}/abc"))
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    // The listing shows it as the last forecast.
    let list = harness.get("/api/v1/programmes").json();
    assert_eq!(list[0]["last_forecast"]["id"], stored_id);
    assert!(list[0]["last_import"]["added"].as_u64().unwrap() > 0);
}

#[test]
fn a_what_if_runs_the_changed_scenario() {
    let harness = Harness::new();
    let name = harness.programme(KALUGA);
    let base = harness.start(
        "/api/v1/simulate",
        &json!({ "programme": name, "replications": 20, "tornado": false }),
    );
    let base = harness.wait(&base);
    assert_eq!(base["state"], "succeeded", "{base}");
    assert!(base["result"]["changed_scenario"].is_null());
    // One more shift from the start: the pilot comes no later.
    let more = harness.start(
        "/api/v1/simulate",
        &json!({
            "programme": name,
            "replications": 20,
            "tornado": false,
            "overrides": { "release.plan[0].per_day": 8 },
        }),
    );
    let more = harness.wait(&more);
    assert_eq!(more["state"], "succeeded", "{more}");
    assert!(
        more["result"]["changed_scenario"]
            .as_str()
            .unwrap()
            .contains("per_day = 8")
    );
    assert_ne!(
        base["result"]["document"]["daily"],
        more["result"]["document"]["daily"]
    );

    // A scenario as text, with the "why late" analysis.
    let text = harness.start(
        "/api/v1/simulate",
        &json!({
            "scenario": example("examples/textbook/mm1.toml"),
            "replications": 5,
        }),
    );
    let text = harness.wait(&text);
    assert_eq!(text["state"], "succeeded", "{text}");
    assert!(
        text["result"]["document"]["throughput_per_hour"]["mean"]
            .as_f64()
            .unwrap()
            > 40.0
    );

    // Refused before a job is made.
    let refusals = [
        (
            json!({ "programme": name, "overrides": { "kit[nope].lead_time": "5d" } }),
            "invalid_request",
        ),
        (
            json!({ "programme": name, "overrides": { "scenario.horizon": "soon" } }),
            "invalid_scenario",
        ),
        (
            json!({ "programme": name, "scenario": "x = 1" }),
            "invalid_request",
        ),
        (json!({}), "invalid_request"),
        (json!({ "scenario": "[scenario\n" }), "invalid_scenario"),
        (
            json!({ "programme": name, "replications": 1_000_000_000u64 }),
            "invalid_request",
        ),
        (json!({ "programme": name, "bogus": 1 }), "invalid_request"),
    ];
    for (body, code) in refusals {
        harness
            .post_json("/api/v1/simulate", &body)
            .error(StatusCode::UNPROCESSABLE_ENTITY, code);
    }
    harness
        .post_json("/api/v1/simulate", &json!({ "programme": "nobody" }))
        .error(StatusCode::NOT_FOUND, "not_found");
    // Not JSON.
    harness
        .write(
            axum::http::Method::POST,
            "/api/v1/simulate",
            "application/json",
            b"{".to_vec(),
        )
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    harness
        .write(
            axum::http::Method::POST,
            "/api/v1/simulate",
            "text/plain",
            b"{}".to_vec(),
        )
        .error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
}

#[test]
fn why_and_compare_are_jobs() {
    let harness = Harness::new();
    let name = harness.programme("examples/moskvich.toml");
    let why = harness.start(
        "/api/v1/why",
        &json!({ "programme": name, "replications": 4, "milestone": "first-160" }),
    );
    let why = harness.wait(&why);
    assert_eq!(why["state"], "succeeded", "{why}");
    assert!(why["result"]["document"]["milestones"].is_array(), "{why}");
    assert!(
        why["result"]["text"]
            .as_str()
            .unwrap()
            .contains("first-160")
    );
    harness
        .post_json(
            "/api/v1/why",
            &json!({ "programme": name, "milestone": "nope" }),
        )
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    harness
        .post_json(
            "/api/v1/why",
            &json!({ "programme": name, "quantiles": [1.5] }),
        )
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");

    let compare = harness.start(
        "/api/v1/compare",
        &json!({
            "variants": [
                { "programme": name, "name": "as-planned" },
                { "programme": name, "name": "more-kits",
                  "overrides": { "kit[0].initial_stock": 400 } },
            ],
            "replications": 10,
        }),
    );
    let compare = harness.wait(&compare);
    assert_eq!(compare["state"], "succeeded", "{compare}");
    assert_eq!(compare["subject"], "as-planned vs more-kits");
    let variants = compare["result"]["document"]["variants"]
        .as_array()
        .unwrap();
    assert_eq!(variants.len(), 2);
    harness
        .post_json(
            "/api/v1/compare",
            &json!({ "variants": [{ "programme": name }] }),
        )
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    harness
        .post_json(
            "/api/v1/compare",
            &json!({ "variants": [{ "programme": name }, { "programme": name }], "rank_by": "speed" }),
        )
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    harness
        .post_json(
            "/api/v1/compare",
            &json!({ "variants": [{ "programme": name }, { "scenario": "[scenario]\n" }] }),
        )
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario");
}

//! Jobs: progress over server-sent events up to `done`, cancelling a queued and a running job
//! (it ends `cancelled` and stores nothing), a full queue (503), eviction of old jobs, unknown
//! jobs (404), and the body limit.

use std::time::Duration;

use axum::http::{Method, StatusCode};
use relaunch_server::JobLimits;
use serde_json::{Value, json};

use crate::support::*;

const KALUGA: &str = "examples/kaluga.toml";

/// The events of an event stream: (name, data as JSON).
fn parse_events(text: &str) -> Vec<(String, Value)> {
    text.split("\n\n")
        .filter_map(|block| {
            let mut name = None;
            let mut data = None;
            for line in block.lines() {
                if let Some(value) = line.strip_prefix("event: ") {
                    name = Some(value.to_string());
                } else if let Some(value) = line.strip_prefix("data: ") {
                    data = Some(serde_json::from_str(value).expect("event data is JSON"));
                }
            }
            Some((name?, data?))
        })
        .collect()
}

#[test]
fn progress_events_then_done() {
    let harness = Harness::new();
    let name = harness.programme(KALUGA);
    harness.import(&name, "examples/actuals/kaluga.csv");
    let id = harness.start(
        &format!("{}/forecasts", programme_url(&name)),
        &json!({ "replications": 600, "as_of": "2024-03-29", "tornado": false }),
    );
    // The stream ends when the job does.
    let stream = harness.get(&format!("/api/v1/jobs/{id}/events"));
    assert_eq!(stream.status, StatusCode::OK);
    assert!(
        stream.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    let events = parse_events(&stream.text());
    let (last, data) = events.last().expect("events");
    assert_eq!(last, "done", "{events:?}");
    assert_eq!(data["state"], "succeeded");
    assert!(
        data.get("result").is_none(),
        "the done event carries no result"
    );
    let progress: Vec<&Value> = events
        .iter()
        .filter(|(name, _)| name == "progress")
        .map(|(_, data)| data)
        .collect();
    assert!(!progress.is_empty(), "{events:?}");
    assert!(
        progress
            .iter()
            .any(|p| p["state"] == "running" && p["total"] == 600 && p["phase"] == "forecast"),
        "{progress:?}"
    );
    let done: Vec<u64> = progress
        .iter()
        .map(|p| p["done"].as_u64().unwrap())
        .collect();
    assert!(done.windows(2).all(|w| w[0] <= w[1]), "{done:?}");
    // Afterwards the stream is the final event alone.
    let again = parse_events(&harness.get(&format!("/api/v1/jobs/{id}/events")).text());
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].0, "done");
    let job = harness.get(&format!("/api/v1/jobs/{id}")).json();
    assert_eq!(job["result"]["document"]["replications"], 600);
}

#[test]
fn cancelled_jobs_end_cancelled_and_store_nothing() {
    let limits = JobLimits {
        running: 1,
        queued: 1,
        kept: 10,
    };
    let harness = Harness::on(Backend::Sqlite, limits).unwrap();
    let name = harness.programme(KALUGA);
    harness.import(&name, "examples/actuals/kaluga.csv");
    let forecasts = format!("{}/forecasts", programme_url(&name));
    let long = harness.start(
        &forecasts,
        &json!({ "replications": 20000, "tornado": false }),
    );
    // Once it has started replicating ...
    let mut polls = 0u32;
    loop {
        let job = harness.get(&format!("/api/v1/jobs/{long}")).json();
        if job["state"] == "running" && job["done"].as_u64().unwrap() > 0 {
            break;
        }
        assert!(
            ["queued", "running"].contains(&job["state"].as_str().unwrap()),
            "{job}"
        );
        polls += 1;
        assert!(polls < POLLS, "{job}");
        std::thread::sleep(Duration::from_millis(20));
    }
    // ... the next job waits, and the queue holds one: a third is refused.
    let queued = harness.start(
        "/api/v1/simulate",
        &json!({ "programme": name, "replications": 5 }),
    );
    assert_eq!(
        harness.get(&format!("/api/v1/jobs/{queued}")).json()["state"],
        "queued"
    );
    harness
        .post_json(
            "/api/v1/simulate",
            &json!({ "programme": name, "replications": 5 }),
        )
        .error(StatusCode::SERVICE_UNAVAILABLE, "busy");

    // The queued job is cancelled at once.
    let answer = harness.write(
        Method::DELETE,
        &format!("/api/v1/jobs/{queued}"),
        "text/plain",
        Vec::new(),
    );
    assert_eq!(answer.status, StatusCode::ACCEPTED, "{answer:?}");
    assert_eq!(
        harness.get(&format!("/api/v1/jobs/{queued}")).json()["state"],
        "cancelled"
    );

    // The running one at its next replication (it stops long before its 20,000).
    let answer = harness.write(
        Method::DELETE,
        &format!("/api/v1/jobs/{long}"),
        "text/plain",
        Vec::new(),
    );
    assert_eq!(answer.status, StatusCode::ACCEPTED, "{answer:?}");
    let job = harness.wait(&long);
    assert_eq!(job["state"], "cancelled", "{job}");
    assert!(job["result"].is_null() && job["error"].is_null(), "{job}");
    assert!(job["done"].as_u64().unwrap() < 20000);
    // Nothing stored.
    assert_eq!(harness.get(&forecasts).json()["forecasts"], json!([]));
    // A finished job cannot be cancelled again.
    harness
        .write(
            Method::DELETE,
            &format!("/api/v1/jobs/{long}"),
            "text/plain",
            Vec::new(),
        )
        .error(StatusCode::CONFLICT, "finished");
    // Its events end with `cancelled`.
    let events = parse_events(&harness.get(&format!("/api/v1/jobs/{long}/events")).text());
    assert_eq!(events.last().unwrap().0, "cancelled");
    let listed = harness.get("/api/v1/jobs").json();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[0]["id"], queued, "newest first");
}

#[test]
fn old_jobs_are_evicted_and_unknown_jobs_are_404() {
    let limits = JobLimits {
        running: 2,
        queued: 8,
        kept: 2,
    };
    let harness = Harness::on(Backend::Sqlite, limits).unwrap();
    let mm1 = example("examples/textbook/mm1.toml");
    let mut ids = Vec::new();
    for _ in 0..3 {
        let id = harness.start(
            "/api/v1/simulate",
            &json!({ "scenario": mm1, "replications": 2 }),
        );
        assert_eq!(harness.wait(&id)["state"], "succeeded");
        ids.push(id);
    }
    harness
        .get(&format!("/api/v1/jobs/{}", ids[0]))
        .error(StatusCode::NOT_FOUND, "not_found");
    assert_eq!(
        harness.get(&format!("/api/v1/jobs/{}", ids[2])).status,
        StatusCode::OK
    );
    harness
        .get("/api/v1/jobs/nope/events")
        .error(StatusCode::NOT_FOUND, "not_found");
    harness
        .write(
            Method::DELETE,
            "/api/v1/jobs/nope",
            "text/plain",
            Vec::new(),
        )
        .error(StatusCode::NOT_FOUND, "not_found");
}

#[test]
fn bodies_over_the_limit_are_413() {
    let harness = Harness::new();
    let huge = vec![b'#'; relaunch_server::MAX_BODY_BYTES + 1];
    harness
        .write(Method::POST, "/api/v1/programmes", "application/toml", huge)
        .error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    // Within the limit but over a scenario's.
    let big = vec![b'#'; 2 * 1024 * 1024];
    harness
        .write(Method::POST, "/api/v1/programmes", "application/toml", big)
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario");
}

//! The dashboard's runs through the router: what-if and why late from the stored forecast's
//! as-of state (or the plan from day 0 without actuals), plan forecasts, and comparisons of
//! programmes and of variants of one programme.

use axum::http::StatusCode;
use serde_json::json;

use crate::pages::{KALUGA, html_of, kaluga_with_forecast, page_url};
use crate::support::{Harness, example, programme_url};

/// The milestones of a result as (id, P50, chance on time, actual).
fn milestone_figures(milestones: &serde_json::Value) -> Vec<(String, String, String, String)> {
    milestones
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["id"].to_string(),
                m["p50"].to_string(),
                m["on_time_probability"].to_string(),
                m["actual"].to_string(),
            )
        })
        .collect()
}

#[test]
fn a_what_if_without_changes_is_the_stored_forecast_from_the_actuals() {
    let harness = Harness::new();
    let name = kaluga_with_forecast(&harness);
    let stored = harness
        .get(&format!("{}/forecasts/1", programme_url(&name)))
        .json();
    let as_of = stored["forecast"]["as_of"].as_str().unwrap().to_string();
    let id = harness.start(
        "/dashboard/whatif",
        &json!({ "programme": name, "overrides": {}, "replications": 50 }),
    );
    let job = harness.wait(&id);
    assert_eq!(job["state"], "succeeded", "{job}");
    let result = &job["result"];
    assert_eq!(result["basis"]["kind"], "actuals");
    assert_eq!(result["basis"]["as_of"], as_of.as_str());
    assert_eq!(result["basis"]["forecast"], 1);
    assert_eq!(
        milestone_figures(&result["milestones"]),
        milestone_figures(&stored["document"]["milestones"]),
        "the same seed, replications and as-of state give the stored forecast's figures"
    );
    assert!(
        result["milestones"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["actual"].is_string()),
        "Kaluga's actuals reach a milestone"
    );
    let summary = result["summary"].as_str().unwrap();
    assert!(
        summary.contains("pilot was reached on 2023-") && summary.contains("(actual)"),
        "a milestone the actuals reached is a fact in the summary: {summary}"
    );
    let fragment = html_of(&harness, &format!("/dashboard/jobs/{id}/fragment"));
    assert!(
        fragment.contains(&format!(
            "from the actuals to {as_of}, as stored forecast #1"
        )),
        "{fragment}"
    );
}

#[test]
fn a_what_if_without_actuals_is_the_plan_from_day_0() {
    let harness = Harness::new();
    let name = harness.programme(KALUGA);
    let id = harness.start(
        "/dashboard/whatif",
        &json!({ "programme": name, "overrides": { "calendar.shifts[1].count": 1 }, "replications": 10 }),
    );
    let job = harness.wait(&id);
    assert_eq!(job["result"]["basis"]["kind"], "plan", "{job}");
    let fragment = html_of(&harness, &format!("/dashboard/jobs/{id}/fragment"));
    assert!(
        fragment.contains("the plan from day 0 (no actuals yet), with 1 change"),
        "{fragment}"
    );
}

#[test]
fn why_late_starts_from_the_actuals_and_leaves_out_what_is_reached() {
    let harness = Harness::new();
    let name = kaluga_with_forecast(&harness);
    let id = harness.start(
        "/dashboard/why",
        &json!({ "programme": name, "replications": 4 }),
    );
    let job = harness.wait(&id);
    assert_eq!(job["state"], "succeeded", "{job}");
    assert_eq!(job["result"]["basis"]["kind"], "actuals");
    let fragment = html_of(&harness, &format!("/dashboard/jobs/{id}/fragment"));
    assert!(
        fragment.contains("Why late, from the actuals to "),
        "{fragment}"
    );
    assert!(
        fragment.contains("Left out, already reached: pilot on "),
        "{fragment}"
    );
    let text = job["result"]["text"].as_str().unwrap();
    assert!(
        text.contains("dealer-stock") && !text.contains("\npilot"),
        "a reached milestone is left out: {text}"
    );
}

#[test]
fn a_programme_in_planning_stores_a_plan_forecast() {
    let harness = Harness::new();
    let name = harness.programme("examples/moskvich.toml");
    let forecasts = format!("{}/forecasts", programme_url(&name));
    let id = harness.start(&forecasts, &json!({ "replications": 10 }));
    let job = harness.wait(&id);
    assert_eq!(job["state"], "succeeded", "{job}");
    let stored = &job["result"]["forecast"];
    assert_eq!(stored["kind"], "plan", "{stored}");
    assert!(stored["as_of"].is_null());
    assert!(job["result"]["document"]["as_of"].is_null());
    let history = harness.get(&forecasts).json();
    assert_eq!(history["forecasts"][0]["kind"], "plan", "{history}");
    let page = html_of(&harness, &page_url(&name));
    assert!(page.contains("plan forecast (no actuals yet)"), "{page}");
    assert!(page.contains("id=\"milestones\"") && page.contains("id=\"cumulative\""));
    assert!(!page.contains("No forecast of this programme is stored yet"));
    let index = html_of(&harness, "/");
    assert!(index.contains("plan forecast"), "{index}");
}

#[test]
fn the_dashboard_compares_variants_of_one_programme() {
    let harness = Harness::new();
    let name = harness.programme(KALUGA);
    let id = harness.start(
        "/dashboard/compare",
        &json!({
            "variants": [
                { "name": "as planned", "programme": name, "version": 1 },
                { "name": "slow kits", "programme": name,
                  "overrides": { "kit[crossover-skd4].lead_time": "45d" } },
            ],
            "replications": 10,
        }),
    );
    let job = harness.wait(&id);
    assert_eq!(job["state"], "succeeded", "{job}");
    let fragment = html_of(&harness, &format!("/dashboard/jobs/{id}/fragment"));
    assert!(fragment.contains("id=\"ranking\""), "{fragment}");
    assert!(fragment.contains("slow kits") && fragment.contains("as planned"));
    assert!(
        !fragment.contains(".report.html"),
        "no links to report files the server does not keep"
    );
    for (body, words) in [
        (
            json!({ "variants": [{ "programme": name, "version": 7 }, { "programme": name }] }),
            "has no version 7",
        ),
        (
            json!({ "variants": [{ "programme": name }, { "programme": name, "overrides": { "kit[nope].lead_time": "1d" } }] }),
            "nope",
        ),
        (
            json!({ "programmes": [name, name], "variants": [{ "programme": name }] }),
            "not both",
        ),
    ] {
        let answer = harness.post_json("/dashboard/compare", &body);
        assert!(answer.status.is_client_error(), "{answer:?}");
        assert!(answer.text().contains(words), "{words}: {answer:?}");
    }
    let page = html_of(&harness, "/compare");
    assert!(
        page.contains("Variants of one programme") && page.contains("id=\"variants-programme\"")
    );
}

/// The store of `harness`, opened again, for the application's use cases themselves.
fn store_of(harness: &Harness) -> relaunch_app::tracking::StoreHandle {
    relaunch_app::tracking::StoreHandle::open(&harness._store.url).expect("the store opens")
}

#[test]
fn a_what_if_from_the_actuals_refuses_a_date_moved_into_the_past() {
    let harness = Harness::new();
    let name = kaluga_with_forecast(&harness);
    let stored = harness
        .get(&format!("{}/forecasts/1", programme_url(&name)))
        .json();
    assert_eq!(stored["forecast"]["as_of"], "2024-04-26");
    // Hire wave 2 (26 people on 2024-06-03) moved to the day before the as-of date: refused,
    // with the key path and both dates, and so is a shift phase moved there inside a table.
    for (overrides, words) in [
        (
            json!({ "workforce.hires[1].date": "2024-04-25" }),
            "a what-if from the actuals to 2024-04-26 changes only what is still to come: \
             workforce.hires[1].date = 2024-04-25 is on or before it",
        ),
        (
            json!({ "workforce.hires[1].date": "2024-04-26" }),
            "workforce.hires[1].date = 2024-04-26 is on or before it",
        ),
        (
            json!({ "calendar.shifts[1]": { "from": "2024-03-04", "count": 2 } }),
            "calendar.shifts[1].from = 2024-03-04 is on or before it",
        ),
    ] {
        let answer = harness.post_json(
            "/dashboard/whatif",
            &json!({ "programme": name, "overrides": overrides, "replications": 10 }),
        );
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{answer:?}"
        );
        assert!(answer.text().contains(words), "{words}: {answer:?}");
    }
    // The day after the as-of date is still to come; a past date sent unchanged changes nothing.
    let id = harness.start(
        "/dashboard/whatif",
        &json!({ "programme": name, "replications": 10, "overrides": {
            "workforce.hires[1].date": "2024-04-27",
            "workforce.hires[0].date": "2023-10-02",
        } }),
    );
    assert_eq!(harness.wait(&id)["state"], "succeeded");
    // The page bounds the date inputs: the future wave from the day after, the past one read-only.
    let page = html_of(&harness, &page_url(&name));
    assert!(
        page.contains(
            "type=\"date\" value=\"2024-06-03\" min=\"2024-04-27\" data-path=\"workforce.hires[1].date\""
        ),
        "{page}"
    );
    let past = page
        .split("data-path=\"workforce.hires[0].date\"")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .unwrap();
    assert!(past.contains("readonly"), "{past}");
    // A programme without actuals (the plan from day 0) has no such bound.
    let moskvich = harness.programme("examples/moskvich.toml");
    assert!(!html_of(&harness, &page_url(&moskvich)).contains(" min=\"20"));
}

#[test]
fn a_comparison_of_programmes_with_actuals_says_it_starts_from_day_0() {
    let harness = Harness::new();
    let name = kaluga_with_forecast(&harness);
    let moskvich = harness.programme("examples/moskvich.toml");
    let line = "Each variant is its plan from day 0: the actuals are not used (a comparison does \
                not start from them)";
    let id = harness.start(
        "/dashboard/compare",
        &json!({
            "variants": [
                { "name": "as planned", "programme": name },
                { "name": "one shift", "programme": name, "overrides": { "calendar.shifts[1].count": 1 } },
            ],
            "replications": 10,
        }),
    );
    assert_eq!(harness.wait(&id)["state"], "succeeded");
    let fragment = html_of(&harness, &format!("/dashboard/jobs/{id}/fragment"));
    let top = fragment.split("id=\"ranking\"").next().unwrap();
    assert!(
        top.contains(line) && top.contains(&format!("{name} has actuals stored.")),
        "{fragment}"
    );
    // Two programmes without actuals: nothing to say.
    let other = harness.post_toml(
        "/api/v1/programmes",
        &example("examples/moskvich.toml").replace(
            "name = \"Moskvich restart",
            "name = \"Copy of Moskvich restart",
        ),
    );
    assert_eq!(other.status, StatusCode::CREATED, "{other:?}");
    let copy = other.json()["programme"]["name"]
        .as_str()
        .unwrap()
        .to_string();
    let id = harness.start(
        "/dashboard/compare",
        &json!({ "programmes": [moskvich, copy], "replications": 10 }),
    );
    assert_eq!(harness.wait(&id)["state"], "succeeded");
    let fragment = html_of(&harness, &format!("/dashboard/jobs/{id}/fragment"));
    assert!(!fragment.contains("plan from day 0"), "{fragment}");
}

#[test]
fn why_late_under_a_calibrated_forecast_says_it_is_not_calibrated() {
    let harness = Harness::new();
    let name = harness.programme(KALUGA);
    harness.import(&name, "examples/actuals/kaluga.csv");
    let id = harness.start(
        &format!("{}/forecasts", programme_url(&name)),
        &json!({ "replications": 20, "calibrate": true }),
    );
    assert_eq!(harness.wait(&id)["state"], "succeeded");
    let id = harness.start(
        "/dashboard/why",
        &json!({ "programme": name, "replications": 4 }),
    );
    assert_eq!(harness.wait(&id)["state"], "succeeded");
    let fragment = html_of(&harness, &format!("/dashboard/jobs/{id}/fragment"));
    let first = fragment.split("</p>").next().unwrap();
    assert!(
        first.contains(
            "The forecast above is calibrated from the actuals; this analysis is not (it \
             explains the scenario&#39;s own assumptions from the as-of state), so its dates \
             can differ."
        ) || first.contains(
            "The forecast above is calibrated from the actuals; this analysis is not (it \
             explains the scenario's own assumptions from the as-of state), so its dates can \
             differ."
        ),
        "{fragment}"
    );
    assert!(fragment.contains("4 replications of each of its forecasts"));
    // Both buttons that run a forecast default to calibrated once actuals are stored.
    let page = html_of(&harness, &page_url(&name));
    assert!(
        page.contains("id=\"forecast-calibrate\" type=\"checkbox\" checked"),
        "{page}"
    );
    let tracking = html_of(&harness, &format!("{}/tracking", page_url(&name)));
    assert!(tracking.contains("id=\"reforecast-calibrate\" type=\"checkbox\" checked"));
}

#[test]
fn why_late_and_what_if_default_to_the_stored_forecasts_replications_capped() {
    use relaunch_app::tracking::{whatif, why};
    let harness = Harness::new();
    // Kaluga's scenario asks 200 replications; no forecast stored: why late takes 100, a
    // what-if 200.
    let name = harness.programme(KALUGA);
    let store = store_of(&harness);
    let why_of = |name: &str| {
        why::prepare(
            &store,
            &why::WhyRequest {
                programme: name.to_string(),
                ..why::WhyRequest::default()
            },
        )
        .unwrap()
        .replications()
    };
    assert_eq!(why_of(&name), 100);
    assert_eq!(whatif::defaults(&store, &name).unwrap().replications, 200);
    // A scenario asking 5,000: a what-if takes 1,000, why late 100.
    let big = harness.post_toml(
        "/api/v1/programmes",
        &example(KALUGA)
            .replace("replications = 200", "replications = 5000")
            .replace("name = \"Kaluga restart", "name = \"Big Kaluga restart"),
    );
    assert_eq!(big.status, StatusCode::CREATED, "{big:?}");
    let big = big.json()["programme"]["name"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(whatif::defaults(&store, &big).unwrap().replications, 1000);
    assert_eq!(why_of(&big), 100);
    // With a stored forecast of 50 replications, both take 50, and a what-if that asks for
    // nothing (no change, no replications) gives the stored forecast's figures.
    let name = kaluga_with_forecast(&harness);
    assert_eq!(why_of(&name), 50);
    assert_eq!(whatif::defaults(&store, &name).unwrap().replications, 50);
    let stored = harness
        .get(&format!("{}/forecasts/1", programme_url(&name)))
        .json();
    let id = harness.start("/dashboard/whatif", &json!({ "programme": name }));
    let job = harness.wait(&id);
    assert_eq!(job["state"], "succeeded", "{job}");
    assert_eq!(job["result"]["replications"], 50);
    assert_eq!(
        milestone_figures(&job["result"]["milestones"]),
        milestone_figures(&stored["document"]["milestones"])
    );
    let fragment = html_of(&harness, &format!("/dashboard/jobs/{id}/fragment"));
    assert!(
        fragment.contains("with 0 changes, 50 replications: not the stored forecast"),
        "{fragment}"
    );
    let page = html_of(&harness, &page_url(&name));
    assert!(
        page.contains("id=\"whatif-replications\" type=\"number\" min=\"10\" max=\"2000\" step=\"1\" value=\"50\""),
        "{page}"
    );
}

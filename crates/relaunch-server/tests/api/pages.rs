//! The dashboard through the router: every page answers 200 with its headings on a store with
//! the Kaluga programme and a stored forecast, an unknown programme a 404 page, the assets their
//! content types and cache headers, the dashboard's runs jobs whose fragment is the report's
//! sections, and stored names escaped.

use axum::http::{Method, StatusCode, header};
use serde_json::json;

use crate::support::{Harness, example, programme_url, request};

const KALUGA: &str = "examples/kaluga.toml";

/// The dashboard's address of programme `name`.
fn page_url(name: &str) -> String {
    relaunch_server::pages::programme_page(name)
}

/// Kaluga with its actuals and one stored forecast (50 replications).
fn kaluga_with_forecast(harness: &Harness) -> String {
    let name = harness.programme(KALUGA);
    harness.import(&name, "examples/actuals/kaluga.csv");
    let id = harness.start(
        &format!("{}/forecasts", programme_url(&name)),
        &json!({ "replications": 50 }),
    );
    assert_eq!(harness.wait(&id)["state"], "succeeded");
    // The page reads the stored document back into the report's type.
    let stored = harness
        .get(&format!("{}/forecasts/1", programme_url(&name)))
        .json();
    serde_json::from_value::<relaunch_report::ResultDocument>(stored["document"].clone())
        .unwrap_or_else(|error| panic!("the stored document reads back: {error}"));
    name
}

fn html_of(harness: &Harness, uri: &str) -> String {
    let answer = harness.get(uri);
    assert_eq!(answer.status, StatusCode::OK, "{uri}: {answer:?}");
    assert!(
        answer.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"),
        "{uri}"
    );
    answer.text()
}

#[test]
fn every_page_answers_with_its_headings() {
    let harness = Harness::new();
    let name = kaluga_with_forecast(&harness);
    let page = page_url(&name);

    let index = html_of(&harness, "/");
    assert!(index.contains("<h1>Programmes</h1>"), "{index}");
    assert!(index.contains(&format!("href=\"{page}\"")));
    assert!(
        index.contains("as of 2024-"),
        "the last forecast's as-of date: {index}"
    );
    for asset in [
        "uplot.js",
        "relaunch-charts.js",
        "dashboard.js",
        "report.css",
    ] {
        assert!(index.contains(&format!("/assets/{asset}?v=")), "{asset}");
    }

    let programme = html_of(&harness, &page);
    for expected in [
        "Run a forecast",
        "Why late?",
        "What if?",
        "No time to read?",
        "id=\"milestones\"",
        "id=\"cumulative\"",
        "id=\"programme\"",
        "class=\"rc-chart\"",
        "data-path=\"workforce.hires[1].date\"",
        "data-path=\"kit[crossover-skd4].lead_time\"",
        "data-path=\"calendar.shifts[1].count\"",
        "class=\"cancel\"",
        "on version 1 (the latest)",
    ] {
        assert!(programme.contains(expected), "{expected} missing");
    }

    let tracking = html_of(&harness, &format!("{page}/tracking"));
    for expected in [
        "Upload",
        "Re-forecast",
        "Cumulative good output",
        "Milestone trend",
        "id=\"chart-trend\"",
    ] {
        assert!(tracking.contains(expected), "{expected} missing");
    }

    let scenario = html_of(&harness, &format!("{page}/scenario"));
    assert!(scenario.contains("Save as new version"));
    assert!(
        scenario.contains("name = &quot;Kaluga restart")
            || scenario.contains("name = \"Kaluga restart")
    );

    let compare = html_of(&harness, "/compare");
    assert!(compare.contains("<h1>Compare programmes</h1>"));
    assert!(compare.contains("name=\"programme\""));
    let new = html_of(&harness, "/new");
    assert!(new.contains("Create the programme"));
}

#[test]
fn a_programme_without_a_forecast_says_so() {
    let harness = Harness::new();
    let name = harness.programme(KALUGA);
    let page = html_of(&harness, &page_url(&name));
    assert!(page.contains("No forecast of this programme is stored yet"));
    let tracking = html_of(&harness, &format!("{}/tracking", page_url(&name)));
    assert!(tracking.contains("No actuals are stored yet"));
    assert!(tracking.contains("No forecast is stored yet"));
}

#[test]
fn unknown_pages_are_404_pages_without_internals() {
    let harness = Harness::new();
    for uri in [
        "/programmes/no-such-programme",
        "/programmes/no-such-programme/tracking",
        "/programmes/no-such-programme/scenario",
        "/assets/nothing.js",
        "/dashboard/jobs/abc/fragment",
    ] {
        let answer = harness.get(uri);
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        let text = answer.text();
        assert!(text.contains("<h1>Not found</h1>"), "{uri}: {text}");
        assert!(
            !text.contains(".db") && !text.contains("sqlite"),
            "{uri}: {text}"
        );
    }
}

#[test]
fn assets_have_their_types_and_cache_headers() {
    let harness = Harness::new();
    let version = relaunch_server::pages::asset_version();
    for (file, kind) in [
        ("uplot.js", "text/javascript"),
        ("relaunch-charts.js", "text/javascript"),
        ("dashboard.js", "text/javascript"),
        ("uplot.css", "text/css"),
        ("relaunch-charts.css", "text/css"),
        ("report.css", "text/css"),
        ("dashboard.css", "text/css"),
    ] {
        let answer = harness.get(&format!("/assets/{file}?v={version}"));
        assert_eq!(answer.status, StatusCode::OK, "{file}");
        let content_type = answer.headers[header::CONTENT_TYPE].to_str().unwrap();
        assert!(content_type.starts_with(kind), "{file}: {content_type}");
        assert!(
            answer.headers[header::CACHE_CONTROL]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
        assert!(!answer.body.is_empty());
        let unversioned = harness.get(&format!("/assets/{file}"));
        assert_eq!(unversioned.headers[header::CACHE_CONTROL], "no-cache");
    }
    assert!(harness.get("/assets/uplot.js").text().contains("uPlot"));
}

#[test]
fn the_dashboards_runs_are_jobs_with_fragments() {
    let harness = Harness::new();
    let name = harness.programme(KALUGA);
    let body = json!({
        "programme": name,
        "overrides": { "calendar.shifts[1].count": 1 },
        "replications": 20,
    });
    let unauthorised = harness.send(request(
        Method::POST,
        "/dashboard/whatif",
        None,
        Some("application/json"),
        serde_json::to_vec(&body).unwrap(),
    ));
    assert_eq!(unauthorised.status, StatusCode::UNAUTHORIZED);
    let id = harness.start("/dashboard/whatif", &body);
    assert_eq!(harness.wait(&id)["state"], "succeeded");
    let fragment = html_of(&harness, &format!("/dashboard/jobs/{id}/fragment"));
    assert!(fragment.contains("id=\"cumulative\"") && fragment.contains("id=\"milestones\""));
    assert!(!fragment.contains("<html"), "a fragment, not a page");

    let bad = harness.post_json(
        "/dashboard/whatif",
        &json!({ "programme": name, "overrides": { "calendar.shifts[9].count": 1 } }),
    );
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");

    let moskvich = harness.programme("examples/moskvich.toml");
    let id = harness.start(
        "/dashboard/compare",
        &json!({ "programmes": [name, moskvich], "replications": 10 }),
    );
    assert_eq!(harness.wait(&id)["state"], "succeeded");
    let fragment = html_of(&harness, &format!("/dashboard/jobs/{id}/fragment"));
    assert!(fragment.contains("id=\"ranking\""), "{fragment}");
    let one = harness.post_json("/dashboard/compare", &json!({ "programmes": [name] }));
    assert_eq!(one.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[test]
fn stored_names_are_escaped() {
    let harness = Harness::new();
    let text = example(KALUGA).replace(
        "name = \"Kaluga restart: SKD-4 crossover, pilot then serial production\"",
        "name = \"<script>alert(1)</script> & co\"",
    );
    let answer = harness.post_toml("/api/v1/programmes", &text);
    assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
    let name = "<script>alert(1)</script> & co";
    for uri in [
        "/".to_string(),
        page_url(name),
        format!("{}/scenario", page_url(name)),
    ] {
        let page = html_of(&harness, &uri);
        assert!(!page.contains("<script>alert"), "{uri}");
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
            "{uri}"
        );
    }
}

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
fn bad_queries_of_pages_are_error_pages() {
    let harness = Harness::new();
    let name = harness.programme(KALUGA);
    let scenario = format!("{}/scenario", page_url(&name));
    for (query, status, heading) in [
        (
            "?version=abc",
            StatusCode::BAD_REQUEST,
            "This cannot be shown",
        ),
        ("?version=9", StatusCode::NOT_FOUND, "Not found"),
    ] {
        let answer = harness.get(&format!("{scenario}{query}"));
        assert_eq!(answer.status, status, "{query}: {answer:?}");
        let content_type = answer.headers[header::CONTENT_TYPE].to_str().unwrap();
        assert!(
            content_type.starts_with("text/html"),
            "{query}: {content_type}"
        );
        assert!(
            answer.text().contains(&format!("<h1>{heading}</h1>")),
            "{query}"
        );
    }
    assert!(
        harness
            .get(&format!("{scenario}?version=9"))
            .text()
            .contains("has no version 9")
    );
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

#[test]
fn unknown_paths_methods_and_queries_are_answered_in_words() {
    let harness = Harness::new();
    let name = harness.programme(KALUGA);
    // Outside the API, an unknown path is the dashboard's 404 page; under it, JSON.
    let page = harness.get("/nope");
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(page.text().contains("<h1>Not found</h1>"), "{page:?}");
    let api = harness
        .get("/api/v1/nope")
        .error(StatusCode::NOT_FOUND, "not_found");
    assert!(
        api["message"].as_str().unwrap().contains("/api/v1/docs/"),
        "{api}"
    );
    // A method a path does not take: 405 with the documented JSON body, with or without the token.
    let patch = harness
        .write(
            Method::PATCH,
            "/api/v1/programmes",
            "application/json",
            b"{}".to_vec(),
        )
        .error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    assert!(
        patch["message"]
            .as_str()
            .unwrap()
            .contains("PATCH is not taken at /api/v1/programmes"),
        "{patch}"
    );
    harness
        .get("/dashboard/whatif")
        .error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    // A query a page cannot read says what it takes, not the parser's words.
    let scenario = format!("{}/scenario", page_url(&name));
    for query in ["?version=abc", "?version=1&version=2"] {
        let answer = harness.get(&format!("{scenario}{query}"));
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{query}");
        let text = answer.text();
        assert!(
            text.contains("`?version=` takes one version number of the programme (1, 2, …)"),
            "{query}: {text}"
        );
        assert!(
            !text.contains("deserialize") && !text.contains("duplicate field"),
            "{text}"
        );
    }
}

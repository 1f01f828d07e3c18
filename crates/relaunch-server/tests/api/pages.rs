//! The dashboard through the router: every page answers 200 with its headings on a store with
//! the Kaluga programme and a stored forecast, an unknown programme a 404 page, the assets their
//! content types and cache headers, the dashboard's runs jobs whose fragment is the report's
//! sections, and stored names escaped. The what-if, why-late and compare runs are in
//! `pages_runs.rs`.

use axum::http::{Method, StatusCode, header};
use serde_json::json;

use crate::support::{Harness, example, programme_url, request};

pub(crate) const KALUGA: &str = "examples/kaluga.toml";

/// The dashboard's address of programme `name`.
pub(crate) fn page_url(name: &str) -> String {
    relaunch_server::pages::programme_page(name)
}

/// Kaluga with its actuals and one stored forecast (50 replications).
pub(crate) fn kaluga_with_forecast(harness: &Harness) -> String {
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

pub(crate) fn html_of(harness: &Harness, uri: &str) -> String {
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

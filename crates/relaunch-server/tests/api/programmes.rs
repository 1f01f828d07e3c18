//! Programmes and their versions: save from TOML (201, then 200 for the same scenario), read,
//! list, versions, the TOML back, the localization ledger, and the errors: 401 without the
//! token, 404 for an unknown programme, 422 with placed diagnostics for a bad scenario.

use axum::http::{Method, StatusCode, header};

use crate::support::*;

const KALUGA: &str = "examples/kaluga.toml";

#[test]
fn a_scenario_saved_is_a_programme_with_versions() {
    let harness = Harness::new();
    let text = example(KALUGA);
    let first = harness.post_toml("/api/v1/programmes", &text);
    assert_eq!(first.status, StatusCode::CREATED, "{first:?}");
    let saved = first.json();
    assert_eq!(saved["new_version"], true);
    let name = saved["programme"]["name"].as_str().unwrap().to_string();
    assert!(name.starts_with("Kaluga restart"), "{name}");
    assert_eq!(
        first.headers.get(header::LOCATION).unwrap(),
        &programme_url(&name)
    );
    assert_eq!(saved["programme"]["version"]["version"], 1);
    assert_eq!(saved["programme"]["toml"], text);
    assert_eq!(saved["programme"]["toml_as_saved"], true);

    // The same scenario again: no new version.
    let again = harness.post_toml("/api/v1/programmes", &text);
    assert_eq!(again.status, StatusCode::OK, "{again:?}");
    assert_eq!(again.json()["new_version"], false);

    // Listed, with its latest version and no forecast yet.
    let list = harness.get("/api/v1/programmes").json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["name"], name);
    assert_eq!(list[0]["versions"], 1);
    assert!(list[0]["last_forecast"].is_null());
    assert_eq!(list[0]["links"]["self"], programme_url(&name));

    // Read back: the TOML as sent, the scenario's facts.
    let detail = harness.get(&programme_url(&name)).json();
    assert_eq!(detail["toml"], text);
    assert_eq!(detail["scenario"]["start"], "2023-10-02");
    let milestones: Vec<&str> = detail["scenario"]["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert!(milestones.contains(&"pilot"), "{milestones:?}");
    assert!(detail["warnings"].is_array());

    // A changed scenario under the programme's name is version 2.
    let changed = text.replacen("replications = 200", "replications = 150", 1);
    assert_ne!(changed, text, "the example sets its replications");
    let put = harness.write(
        Method::PUT,
        &format!("{}/scenario", programme_url(&name)),
        "application/toml",
        changed.clone().into_bytes(),
    );
    assert_eq!(put.status, StatusCode::CREATED, "{put:?}");
    assert_eq!(put.json()["programme"]["version"]["version"], 2);
    let versions = harness
        .get(&format!("{}/scenario/versions", programme_url(&name)))
        .json();
    assert_eq!(versions.as_array().unwrap().len(), 2);
    let toml = harness.get(&format!("{}/scenario", programme_url(&name)));
    assert_eq!(toml.status, StatusCode::OK);
    assert!(
        toml.headers
            .get(header::CONTENT_TYPE)
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("application/toml")
    );
    assert_eq!(toml.text(), changed);
    let first_toml = harness.get(&format!("{}/scenario?version=1", programme_url(&name)));
    assert_eq!(first_toml.text(), text);
    harness
        .get(&format!("{}/scenario?version=9", programme_url(&name)))
        .error(StatusCode::NOT_FOUND, "not_found");
    harness
        .get(&format!("{}?version=x", programme_url(&name)))
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
}

#[test]
fn writes_need_the_token() {
    let harness = Harness::new();
    let text = example(KALUGA).into_bytes();
    let without = harness.send(request(
        Method::POST,
        "/api/v1/programmes",
        None,
        Some("application/toml"),
        text.clone(),
    ));
    let body = without.error(StatusCode::UNAUTHORIZED, "unauthorized");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("Authorization: Bearer"),
        "{body}"
    );
    assert_eq!(
        without.headers.get(header::WWW_AUTHENTICATE).unwrap(),
        "Bearer realm=\"relaunch\""
    );
    let wrong = harness.send(request(
        Method::POST,
        "/api/v1/programmes",
        Some("test-token-0123456789abcdeF"),
        Some("application/toml"),
        text,
    ));
    wrong.error(StatusCode::UNAUTHORIZED, "unauthorized");
    // Nothing was saved.
    assert_eq!(
        harness.get("/api/v1/programmes").json(),
        serde_json::json!([])
    );
    for (method, uri) in [
        (Method::PUT, "/api/v1/programmes/x/scenario"),
        (Method::POST, "/api/v1/programmes/x/actuals"),
        (Method::POST, "/api/v1/programmes/x/forecasts"),
        (Method::POST, "/api/v1/simulate"),
        (Method::POST, "/api/v1/why"),
        (Method::POST, "/api/v1/compare"),
        (Method::POST, "/api/v1/check"),
        (Method::DELETE, "/api/v1/jobs/0123"),
    ] {
        harness
            .send(request(method.clone(), uri, None, None, Vec::new()))
            .error(StatusCode::UNAUTHORIZED, "unauthorized");
    }
}

#[test]
fn unknown_programmes_are_404() {
    let harness = Harness::new();
    for uri in [
        "/api/v1/programmes/nobody",
        "/api/v1/programmes/nobody/scenario",
        "/api/v1/programmes/nobody/scenario/versions",
        "/api/v1/programmes/nobody/actuals",
        "/api/v1/programmes/nobody/status",
        "/api/v1/programmes/nobody/forecasts",
        "/api/v1/programmes/nobody/forecasts/1",
        "/api/v1/programmes/nobody/localization",
    ] {
        harness.get(uri).error(StatusCode::NOT_FOUND, "not_found");
    }
    harness
        .write(
            Method::POST,
            "/api/v1/programmes/nobody/actuals",
            "text/csv",
            b"date,metric,item,value\n".to_vec(),
        )
        .error(StatusCode::NOT_FOUND, "not_found");
    harness
        .post_json(
            "/api/v1/programmes/nobody/forecasts",
            &serde_json::json!({}),
        )
        .error(StatusCode::NOT_FOUND, "not_found");
    // Not a route at all: JSON 404 too.
    harness
        .get("/api/v2/nothing")
        .error(StatusCode::NOT_FOUND, "not_found");
}

#[test]
fn a_bad_scenario_is_422_with_the_diagnostics() {
    let harness = Harness::new();
    let text = example(KALUGA).replacen("shift_length = \"8h\"", "shift_length = \"8 hours\"", 1);
    let answer = harness.post_toml("/api/v1/programmes", &text);
    let body = answer.error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario");
    let diagnostic = &body["diagnostics"][0];
    assert_eq!(diagnostic["file"], "scenario.toml");
    let line = text
        .lines()
        .position(|line| line.contains("8 hours"))
        .unwrap()
        + 1;
    assert_eq!(diagnostic["line"], line, "{body}");
    assert!(diagnostic["column"].as_u64().unwrap() > 0);
    assert!(
        diagnostic["source_line"]
            .as_str()
            .unwrap()
            .contains("8 hours")
    );
    assert!(diagnostic["message"].as_str().is_some());
    // Nothing was saved.
    assert_eq!(
        harness.get("/api/v1/programmes").json(),
        serde_json::json!([])
    );

    // TOML that does not parse, `extends`, a body that is not UTF-8.
    let syntax = harness.post_toml("/api/v1/programmes", "[scenario\nname = 1\n");
    let body = syntax.error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario");
    assert_eq!(body["diagnostics"][0]["line"], 1);
    let extends = harness.post_toml(
        "/api/v1/programmes",
        "extends = \"kaluga.toml\"\n[scenario]\nname = \"v\"\n",
    );
    let body = extends.error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario");
    assert!(
        body["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("extends")
    );
    harness
        .write(
            Method::POST,
            "/api/v1/programmes",
            "application/toml",
            vec![b'a', 0xff],
        )
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario");

    // A scenario of another name put under a programme.
    let name = harness.programme(KALUGA);
    let other = example("examples/textbook/mm1.toml");
    let put = harness.write(
        Method::PUT,
        &format!("{}/scenario", programme_url(&name)),
        "application/toml",
        other.into_bytes(),
    );
    let body = put.error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    assert!(
        body["message"].as_str().unwrap().contains("is named"),
        "{body}"
    );
}

#[test]
fn check_reads_without_saving() {
    let harness = Harness::new();
    let good = harness.post_toml("/api/v1/check", &example(KALUGA));
    assert_eq!(good.status, StatusCode::OK, "{good:?}");
    assert_eq!(good.json()["ok"], true);
    harness
        .post_toml("/api/v1/check", "[scenario]\nname = \"x\"\n")
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario");
    assert_eq!(
        harness.get("/api/v1/programmes").json(),
        serde_json::json!([])
    );
}

#[test]
fn the_localization_ledger() {
    let harness = Harness::new();
    let moskvich = harness.programme("examples/moskvich.toml");
    let ledger = harness
        .get(&format!("{}/localization", programme_url(&moskvich)))
        .json();
    assert!(
        !ledger["timeline"].as_array().unwrap().is_empty(),
        "{ledger}"
    );
    let mm1 = harness.programme("examples/textbook/mm1.toml");
    harness
        .get(&format!("{}/localization", programme_url(&mm1)))
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
}

#[test]
fn the_index_page_lists_programmes_escaped() {
    let harness = Harness::new();
    let text = example("examples/textbook/mm1.toml").replacen(
        "name = \"Textbook: M/M/1, rho = 0.8\"",
        "name = \"<b>M/M/1</b> & co\"",
        1,
    );
    let saved = harness.post_toml("/api/v1/programmes", &text);
    assert_eq!(saved.status, StatusCode::CREATED, "{saved:?}");
    let page = harness.get("/");
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("&lt;b&gt;M/M/1&lt;/b&gt; &amp; co"), "{html}");
    assert!(!html.contains("<b>M/M/1"));
    assert!(html.contains("/api/v1/docs/"));
    // The name round-trips through its URL.
    let detail = harness.get(&programme_url("<b>M/M/1</b> & co"));
    assert_eq!(detail.status, StatusCode::OK, "{detail:?}");
}

//! The OpenAPI document: valid JSON (OpenAPI 3.1), every route with every method, each answer
//! described, writes marked as needing the bearer token; the API browser is served.

use axum::http::StatusCode;
use serde_json::Value;

use crate::support::*;

/// Every route of the API with its methods.
const ROUTES: &[(&str, &[&str])] = &[
    ("/api/v1/programmes", &["get", "post"]),
    ("/api/v1/programmes/{name}", &["get"]),
    ("/api/v1/programmes/{name}/scenario", &["get", "put"]),
    ("/api/v1/programmes/{name}/scenario/versions", &["get"]),
    ("/api/v1/programmes/{name}/localization", &["get"]),
    ("/api/v1/programmes/{name}/actuals", &["get", "post"]),
    ("/api/v1/programmes/{name}/status", &["get"]),
    ("/api/v1/programmes/{name}/forecasts", &["get", "post"]),
    ("/api/v1/programmes/{name}/forecasts/{id}", &["get"]),
    ("/api/v1/check", &["post"]),
    ("/api/v1/simulate", &["post"]),
    ("/api/v1/why", &["post"]),
    ("/api/v1/compare", &["post"]),
    ("/api/v1/jobs", &["get"]),
    ("/api/v1/jobs/{id}", &["delete", "get"]),
    ("/api/v1/jobs/{id}/events", &["get"]),
];

#[test]
fn the_document_lists_every_route_described() {
    let harness = Harness::new();
    let answer = harness.get("/api/v1/openapi.json");
    assert_eq!(answer.status, StatusCode::OK);
    let document = answer.json();
    assert!(
        document["openapi"].as_str().unwrap().starts_with("3."),
        "{document}"
    );
    assert_eq!(document["info"]["title"], "relaunch");
    let paths = document["paths"].as_object().unwrap();
    let listed: Vec<(&str, Vec<&str>)> = paths
        .iter()
        .map(|(path, item)| {
            let mut methods: Vec<&str> = item
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .filter(|key| ["get", "post", "put", "delete", "patch"].contains(key))
                .collect();
            methods.sort();
            (path.as_str(), methods)
        })
        .collect();
    let mut expected: Vec<(&str, Vec<&str>)> = ROUTES
        .iter()
        .map(|(path, methods)| (*path, methods.to_vec()))
        .collect();
    expected.sort();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert_eq!(listed_sorted, expected);

    assert_eq!(
        document["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            assert!(!responses.is_empty(), "{method} {path} has no answers");
            for (status, response) in responses {
                assert!(
                    response["description"]
                        .as_str()
                        .is_some_and(|d| !d.is_empty()),
                    "{method} {path} {status} is not described"
                );
            }
            let writes = method != "get";
            let secured = operation
                .get("security")
                .and_then(Value::as_array)
                .is_some_and(|schemes| schemes.iter().any(|s| s.get("bearer").is_some()));
            assert_eq!(secured, writes, "{method} {path}: security {secured}");
            if writes {
                assert!(responses.contains_key("401"), "{method} {path} lacks 401");
            }
        }
    }
    // Every route answers something other than the fallback's 404 for a path of its shape.
    for (path, methods) in ROUTES {
        if methods.contains(&"get") && !path.contains('{') {
            let answer = harness.get(path);
            assert_ne!(
                answer.status,
                StatusCode::NOT_FOUND,
                "GET {path}: {answer:?}"
            );
        }
    }
}

#[test]
fn the_api_browser_is_served() {
    let harness = Harness::new();
    let page = harness.get("/api/v1/docs/");
    assert_eq!(page.status, StatusCode::OK, "{page:?}");
    assert!(page.text().to_lowercase().contains("swagger"), "{page:?}");
    let config = harness.get("/api/v1/docs/swagger-initializer.js");
    assert_eq!(config.status, StatusCode::OK);
    assert!(config.text().contains("/api/v1/openapi.json"));
}

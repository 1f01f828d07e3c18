//! Actuals through the API: CSV and XLSX uploads (added, unchanged, corrections), a bad row
//! refusing the whole upload with each row's diagnostic, what is stored, and the status.

use axum::http::{Method, StatusCode};

use crate::support::*;

const KALUGA: &str = "examples/kaluga.toml";

#[test]
fn uploads_are_imported_all_or_nothing_and_idempotent() {
    let harness = Harness::new();
    let name = harness.programme(KALUGA);
    let url = format!("{}/actuals", programme_url(&name));
    let first = harness.import(&name, "examples/actuals/kaluga.csv");
    let rows = first["rows"].as_u64().unwrap();
    assert!(rows > 100, "{first}");
    assert_eq!(first["added"], rows);
    assert_eq!(first["file"], "upload.csv");
    let text = first["text"].as_str().unwrap();
    assert!(text.contains("added"), "{text}");
    // A client never learns where the store is (the CLI prints it; the server does not).
    assert!(
        !text.contains(" in ") && !text.contains(".db") && !text.contains("sqlite"),
        "{text}"
    );

    // The same file again changes nothing.
    let again = harness.import(&name, "examples/actuals/kaluga.csv");
    assert_eq!(
        (again["added"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(rows))
    );

    // The workbook with the same rows, by ?format=, named.
    let xlsx = harness.write(
        Method::POST,
        &format!("{url}?format=xlsx&name=kaluga.xlsx"),
        "application/octet-stream",
        std::fs::read(repo_root().join("examples/actuals/kaluga.xlsx")).unwrap(),
    );
    assert_eq!(xlsx.status, StatusCode::OK, "{xlsx:?}");
    assert_eq!(xlsx.json()["added"], 0);
    assert_eq!(xlsx.json()["file"], "kaluga.xlsx");

    // A week later, with one correction.
    let week = harness.import(&name, "examples/actuals/kaluga-week-19.csv");
    assert_eq!(week["corrections"].as_array().unwrap().len(), 1, "{week}");
    let correction = &week["corrections"][0];
    assert_ne!(correction["old_value"], correction["new_value"]);

    let stored = harness.get(&url).json();
    assert_eq!(stored["imports"].as_array().unwrap().len(), 4);
    assert_eq!(stored["corrections"].as_array().unwrap().len(), 1);
    let stored_rows = stored["rows"].as_array().unwrap().len() as u64;
    assert!(stored_rows >= rows, "{stored_rows} < {rows}");

    // A bad row refuses the whole upload, saying where.
    let bad = "date,metric,item,value\n2024-05-09,good,crossover,3\n2024-05-10,goood,crossover,3\n2024-05-11,good,no-such-product,3\n";
    let answer = harness.write(
        Method::POST,
        &format!("{url}?name=week20.csv"),
        "text/csv",
        bad.as_bytes().to_vec(),
    );
    let body = answer.error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_actuals");
    let diagnostics = body["diagnostics"].as_array().unwrap();
    assert!(
        diagnostics.iter().all(|d| d["file"] == "week20.csv"),
        "{body}"
    );
    assert!(diagnostics.iter().any(|d| d["line"] == 3), "{body}");
    // A row naming what the scenario does not have, with a suggestion.
    let unknown = "date,metric,item,value\n2024-05-11,good,crosover,3\n";
    let answer = harness.write(Method::POST, &url, "text/csv", unknown.as_bytes().to_vec());
    let body = answer.error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_actuals");
    assert_eq!(body["diagnostics"][0]["line"], 2, "{body}");
    assert!(
        body["diagnostics"][0]["label"]
            .as_str()
            .unwrap()
            .contains("crossover"),
        "{body}"
    );
    assert_eq!(
        harness.get(&url).json()["rows"].as_array().unwrap().len() as u64,
        stored_rows,
        "nothing of the bad upload was imported"
    );

    // Neither CSV nor XLSX.
    harness
        .write(Method::POST, &url, "application/json", b"{}".to_vec())
        .error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    harness
        .write(
            Method::POST,
            &format!("{url}?format=ods"),
            "text/csv",
            Vec::new(),
        )
        .error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
}

#[test]
fn status_needs_actuals_and_a_date_in_the_horizon() {
    let harness = Harness::new();
    let name = harness.programme(KALUGA);
    let status = format!("{}/status", programme_url(&name));
    let body = harness
        .get(&status)
        .error(StatusCode::UNPROCESSABLE_ENTITY, "no_actuals");
    assert!(
        body["message"].as_str().unwrap().contains("/actuals"),
        "{body}"
    );
    harness.import(&name, "examples/actuals/kaluga.csv");
    let document = harness.get(&status).json();
    // The last actuals date by default.
    let last = document["last_actual"].as_str().unwrap().to_string();
    assert_eq!(document["as_of"], last);
    assert!(last.starts_with("2024-04"), "{last}");
    assert!(document["good"]["actual"].as_u64().unwrap() > 0);
    let earlier = harness.get(&format!("{status}?as_of=2024-03-29")).json();
    assert_eq!(earlier["as_of"], "2024-03-29");
    let text = harness.get(&format!("{status}?format=text"));
    assert!(text.text().starts_with(&format!("By {last}")), "{text:?}");
    harness
        .get(&format!("{status}?as_of=2030-01-01"))
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    harness
        .get(&format!("{status}?as_of=29.03.2024"))
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
    harness
        .get(&format!("{status}?format=pdf"))
        .error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request");
}

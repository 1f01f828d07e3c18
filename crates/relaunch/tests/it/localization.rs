//! End-to-end tests of `relaunch localization`: the built binary run on a fixture scenario.

use std::path::{Path, PathBuf};

use crate::support::{relaunch, stdout_of};

/// The fixture scenario with a `[localization]` table.
fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/localization.toml")
}

#[test]
fn json_timeline() {
    let output = relaunch::<&std::ffi::OsStr>(&[
        "localization".as_ref(),
        fixture().as_ref(),
        "--json".as_ref(),
    ]);
    let document: serde_json::Value =
        serde_json::from_str(&stdout_of(&output)).expect("stdout is one JSON document");
    assert_eq!(
        document,
        serde_json::json!({
            "timeline": [
                { "date": "2022-11-23", "points": 200, "threshold": 2000, "meets": false,
                  "items": ["skd-assembly"] },
                { "date": "2023-01-01", "points": 400, "threshold": 2567, "meets": false,
                  "items": ["skd-assembly", "body-metal"] },
                { "date": "2023-06-01", "points": 900, "threshold": 2567, "meets": false,
                  "items": ["skd-assembly", "body-metal", "painting"] },
                { "date": "2024-03-01", "points": 1000, "threshold": 2567, "meets": false,
                  "items": ["skd-assembly", "body-metal", "painting", "ecu"] },
                { "date": "2024-07-01", "points": 2600, "threshold": 2567, "meets": true,
                  "items": ["skd-assembly", "body-metal", "painting", "welding",
                            "engine-assembly"] },
            ],
            "first_meets": "2024-07-01",
        })
    );
}

#[test]
fn human_table() {
    let output = relaunch::<&std::ffi::OsStr>(&["localization".as_ref(), fixture().as_ref()]);
    assert_eq!(
        stdout_of(&output),
        "\
Localization ledger: Moskvich restart (2022-11-23 .. 2025-02-14)
date        points  threshold  meets  items
2022-11-23     200       2000  no     skd-assembly
2023-01-01     400       2567  no     skd-assembly, body-metal
2023-06-01     900       2567  no     skd-assembly, body-metal, painting
2024-03-01    1000       2567  no     skd-assembly, body-metal, painting, ecu
2024-07-01    2600       2567  yes    skd-assembly, body-metal, painting, welding, engine-assembly
First meets the threshold on 2024-07-01 (2,600 of 2,567 points).
"
    );
}

#[test]
fn scenario_without_localization_is_a_user_error() {
    // The fixture with its [localization] tables cut off.
    let text = std::fs::read_to_string(fixture()).expect("the fixture reads");
    let cut = text
        .find("[localization]")
        .expect("the fixture has [localization]");
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("localization-missing.toml");
    std::fs::write(&path, &text[..cut]).expect("the scenario without localization writes");

    let output = relaunch::<&std::ffi::OsStr>(&["localization".as_ref(), path.as_ref()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(2),
        "a missing [localization] table is the user's error (exit 2): {stderr}"
    );
    assert!(output.stdout.is_empty());
    assert!(
        stderr.contains("no [localization] table in scenario \"Moskvich restart\""),
        "{stderr}"
    );
}

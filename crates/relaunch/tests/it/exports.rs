//! `simulate --out` exports: `milestones.csv` and `result.xlsx` agree with the result document,
//! read back as a user's tools read them (the CSV as text, the workbook with calamine), and
//! the same seed gives the same bytes.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use jiff::civil::{Date, date};

use crate::support::{relaunch, stdout_of};

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("relaunch-it-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Runs `simulate examples/kaluga.toml` with a few replications into `dir`.
fn simulate_into(dir: &Path) {
    let dir = dir.to_str().expect("UTF-8 path");
    stdout_of(&relaunch(&[
        "simulate",
        "examples/kaluga.toml",
        "--replications",
        "12",
        "--seed",
        "3",
        "--out",
        dir,
    ]));
}

fn json(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("result.json")).expect("result.json");
    serde_json::from_str(&text).expect("result.json is JSON")
}

/// An Excel date cell as a date (serial days since 1899-12-30).
fn cell_date(cell: &Data) -> Option<Date> {
    match cell {
        Data::DateTime(value) => {
            let serial = value.as_f64();
            assert_eq!(serial.fract(), 0.0, "a date without a time");
            Some(date(1899, 12, 30) + jiff::Span::new().days(serial as i64))
        }
        _ => None,
    }
}

#[test]
fn milestones_csv_equals_the_documents_milestones() {
    let dir = scratch("milestones-csv");
    simulate_into(&dir);
    let document = json(&dir);
    let text = std::fs::read_to_string(dir.join("milestones.csv")).expect("milestones.csv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("id,due,p10,p50,p90,on_time_probability,reached_fraction")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let milestones = document["milestones"].as_array().expect("milestones");
    assert_eq!(rows.len(), milestones.len());
    for (row, m) in rows.iter().zip(milestones) {
        let text_of = |key: &str| m[key].as_str().unwrap_or("").to_string();
        assert_eq!(row[0], text_of("id"));
        for (column, key) in [(1, "due"), (2, "p10"), (3, "p50"), (4, "p90")] {
            assert_eq!(row[column], text_of(key), "{key} of {}", row[0]);
        }
        let number = |text: &str| -> Option<f64> { text.parse().ok() };
        assert_eq!(number(row[5]), m["on_time_probability"].as_f64());
        assert_eq!(number(row[6]), m["reached_fraction"].as_f64());
    }
    // A quantile beyond the horizon is an empty cell, never a placeholder.
    assert!(!text.contains("null") && !text.contains("not"));
}

#[test]
fn workbook_holds_the_documents_values() {
    let dir = scratch("xlsx");
    simulate_into(&dir);
    let document = json(&dir);
    let mut workbook: Xlsx<_> = open_workbook(dir.join("result.xlsx")).expect("an XLSX file");
    assert_eq!(
        workbook.sheet_names(),
        [
            "summary",
            "milestones",
            "daily",
            "stations",
            "kits",
            "costs",
            "localization",
            "tasks",
            "risks"
        ]
    );

    // Milestones: one row per milestone; dates are real dates equal to the document's.
    let milestones = workbook.worksheet_range("milestones").expect("milestones");
    let expected = document["milestones"].as_array().expect("milestones");
    assert_eq!(milestones.height(), expected.len() + 1);
    assert_eq!(
        milestones.get((0, 3)),
        Some(&Data::String("p50".to_string()))
    );
    for (row, m) in expected.iter().enumerate() {
        let row = row + 1;
        assert_eq!(
            milestones.get((row, 0)),
            Some(&Data::String(m["id"].as_str().expect("id").to_string()))
        );
        let p50 = milestones.get((row, 3)).and_then(cell_date);
        assert_eq!(
            p50.map(|d| d.to_string()).as_deref(),
            m["p50"].as_str(),
            "P50 of {}",
            m["id"]
        );
        if let Some(p) = m["on_time_probability"].as_f64() {
            assert_eq!(milestones.get((row, 5)), Some(&Data::Float(p)));
        }
    }

    // The daily fan and the kits: one row per day of the horizon, starting at the start.
    let days = document["daily"].as_array().expect("daily").len();
    assert_eq!(
        days,
        document["horizon_days"].as_u64().expect("days") as usize
    );
    for name in ["daily", "kits"] {
        let sheet = workbook.worksheet_range(name).expect(name);
        assert_eq!(sheet.height(), days + 1, "rows of {name}");
        assert_eq!(
            sheet.get((1, 0)).and_then(cell_date).map(|d| d.to_string()),
            document["start"].as_str().map(str::to_string)
        );
    }
    let daily = workbook.worksheet_range("daily").expect("daily");
    let last = &document["daily"][days - 1];
    assert_eq!(
        daily.get((days, 6)),
        Some(&Data::Float(
            last["cumulative"]["p50"].as_f64().expect("cumulative")
        ))
    );
    let kits = workbook.worksheet_range("kits").expect("kits");
    let kit_ids = document["kits"]["ids"].as_array().expect("kit ids");
    assert_eq!(kits.width(), 1 + 3 * kit_ids.len());

    // Stations: one row each, fractions as numbers.
    let stations = workbook.worksheet_range("stations").expect("stations");
    let expected = document["stations"].as_array().expect("stations");
    assert_eq!(stations.height(), expected.len() + 1);
    assert_eq!(
        stations.get((1, 1)),
        Some(&Data::Float(expected[0]["busy"].as_f64().expect("busy")))
    );

    // Summary: throughput named as in `simulate`, with its value.
    let summary = workbook.worksheet_range("summary").expect("summary");
    let throughput = (0..summary.height())
        .find(|&r| summary.get((r, 0)) == Some(&Data::String("throughput".to_string())))
        .expect("a throughput row");
    assert_eq!(
        summary.get((throughput, 1)),
        Some(&Data::Float(
            document["throughput_per_hour"]["mean"]
                .as_f64()
                .expect("throughput")
        ))
    );
    assert_eq!(
        summary.get((throughput, 4)),
        Some(&Data::String("good units per scheduled hour".to_string()))
    );
}

#[test]
fn same_seed_gives_the_same_bytes() {
    let first = scratch("bytes-1");
    let second = scratch("bytes-2");
    simulate_into(&first);
    simulate_into(&second);
    for name in ["result.xlsx", "milestones.csv", "daily.csv", "stations.csv"] {
        let a = std::fs::read(first.join(name)).expect(name);
        let b = std::fs::read(second.join(name)).expect(name);
        assert!(a == b, "{name} differs between two runs of the same seed");
    }
    // No temporary files are left behind by the atomic writes.
    for entry in std::fs::read_dir(&first).expect("the directory") {
        let name = entry.expect("an entry").file_name();
        assert!(!name.to_string_lossy().ends_with(".tmp"), "{name:?} left");
    }
}

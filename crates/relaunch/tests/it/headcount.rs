//! Headcount by day in every output: the result document, `daily.csv`, the workbook's daily
//! sheet, the report's headcount chart and the summary — on a plan whose dates are computed by
//! hand (two classes and one class's worth of training places), and absent without a
//! `[workforce]`.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::exports::scratch;
use crate::support::{relaunch, stdout_of};

/// Two classes of 10 hired on Monday 2024-01-01, 21 days' training, 10 training places, 10
/// operators a shift: the first class is trained on day 21 (Monday the 22nd), the second on
/// day 42 (Monday 2024-02-12). Nobody leaves, so every run is the same.
fn scenario(workforce: &str) -> String {
    format!(
        "[scenario]\nname = \"two classes\"\nstart = \"2024-01-01\"\nhorizon = \"60d\"\n\
         replications = 3\n\n[calendar]\nshifts = 2\n\n[[station]]\nid = \"assembly\"\n\
         cycle = \"30min\"\noperators = 10\n\n[[product]]\nid = \"car\"\nroute = [\"assembly\"]\n\n\
         [release]\nplan = [{{ from = \"2024-01-01\", per_day = 32 }}]\n\n{workforce}"
    )
}

const TWO_CLASSES: &str = "[workforce]\nhires = [{ date = \"2024-01-01\", count = 10 }, \
     { date = \"2024-01-01\", count = 10 }]\ntraining = \"21d\"\ntraining_capacity = 10\n";

fn simulate(dir: &Path, text: &str) -> String {
    let file = dir.join("scenario.toml");
    std::fs::write(&file, text).expect("scenario written");
    let out = dir.join("out");
    stdout_of(&relaunch(&[
        "simulate",
        file.to_str().expect("UTF-8"),
        "--out",
        out.to_str().expect("UTF-8"),
    ]))
}

#[test]
fn headcount_by_day_reaches_every_output() {
    let dir = scratch("headcount");
    let summary = simulate(&dir, &scenario(TWO_CLASSES));
    let words = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    for sentence in [
        "Staffing gaps cancel 45 planned shifts on average.",
        "On the last day 20 people are trained (P10–P90 20–20) of 20 on the payroll.",
    ] {
        assert!(words.contains(sentence), "{summary}");
    }
    let out = dir.join("out");
    let text = std::fs::read_to_string(out.join("result.json")).expect("result.json");
    let document: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let day = |d: usize, key: &str| document["daily"][d][key]["p50"].as_u64();
    assert_eq!(
        [20, 21, 41, 42].map(|d| day(d, "trained")),
        [Some(0), Some(10), Some(10), Some(20)]
    );
    assert_eq!(day(0, "payroll"), Some(20));
    assert_eq!(document["daily"][21]["trained"]["p90"].as_u64(), Some(10));

    let csv = std::fs::read_to_string(out.join("daily.csv")).expect("daily.csv");
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    let column = |name: &str| rows[0].iter().position(|c| *c == name).expect(name);
    let (payroll, trained) = (column("payroll_p50"), column("trained_p50"));
    assert_eq!(column("trained_p10") + 1, trained);
    // Row d + 1 is day d.
    assert_eq!([rows[21][trained], rows[22][trained]], ["0", "10"]);
    assert_eq!([rows[42][trained], rows[43][trained]], ["10", "20"]);
    assert_eq!(rows[1][payroll], "20");

    let mut workbook: Xlsx<_> = open_workbook(out.join("result.xlsx")).expect("result.xlsx");
    let sheet = workbook.worksheet_range("daily").expect("daily sheet");
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let trained_cell = header
        .iter()
        .position(|c| c == "trained_p50")
        .expect("trained_p50");
    let day_43 = sheet.rows().nth(43).expect("day 42");
    assert_eq!(day_43[trained_cell], Data::Float(20.0));

    let html = std::fs::read_to_string(out.join("report.html")).expect("report.html");
    assert!(html.contains("<section id=\"headcount\">"));
    assert!(html.contains("P50 trained of each day"));
}

#[test]
fn without_a_workforce_there_is_no_headcount_and_no_absence_changes_nothing() {
    let dir = scratch("no-headcount");
    simulate(&dir, &scenario(""));
    let out = dir.join("out");
    let text = std::fs::read_to_string(out.join("result.json")).expect("result.json");
    assert!(!text.contains("\"payroll\"") && !text.contains("\"trained\""));
    let csv = std::fs::read_to_string(out.join("daily.csv")).expect("daily.csv");
    let first_day = csv.lines().nth(1).expect("day 0");
    assert!(first_day.ends_with(",,,,,,"), "{first_day}");
    let html = std::fs::read_to_string(out.join("report.html")).expect("report.html");
    assert!(!html.contains("id=\"headcount\""));

    // `absenteeism = 0` gives the same document as no `absenteeism`.
    let document = |workforce: &str| {
        let text = scenario(&format!(
            "{TWO_CLASSES}attrition_per_year = 0.3\n{workforce}"
        ));
        let file = dir.join("variant.toml");
        std::fs::write(&file, text).expect("scenario written");
        let json = stdout_of(&relaunch(&["simulate", file.to_str().unwrap(), "--json"]));
        let mut value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        value.as_object_mut().unwrap().remove("perf");
        value["inputs"] = serde_json::Value::Null;
        value
    };
    assert_eq!(document("absenteeism = 0\n"), document(""));
    assert_ne!(document("absenteeism = 0.2\n"), document(""));
}

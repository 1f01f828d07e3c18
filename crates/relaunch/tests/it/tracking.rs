//! The tracking commands end to end on the Kaluga example actuals: `actuals import` (idempotent,
//! all or nothing, corrections reported), `status`, `forecast --as-of` (stored), `history` and
//! `backtest`, on SQLite and, with a server, on PostgreSQL (identical forecasts).

use std::path::Path;

use relaunch_store::BlockingStore;
use relaunch_store::testing::{self, TestStore};
use serde_json::Value;

use crate::support::{relaunch, stdout_of};

const KALUGA: &str = "examples/kaluga.toml";
const ACTUALS: &str = "examples/actuals/kaluga.csv";
const WEEK_19: &str = "examples/actuals/kaluga-week-19.csv";
const PROGRAMME: &str = "Kaluga restart: SKD-4 crossover, pilot then serial production";

fn run(db: &str, args: &[&str]) -> std::process::Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--db", db]);
    if matches!(args[0], "forecast" | "backtest") {
        all.extend(["--progress", "none"]);
    }
    relaunch(&all)
}

fn run_ok(db: &str, args: &[&str]) -> String {
    stdout_of(&run(db, args))
}

fn json(db: &str, args: &[&str]) -> Value {
    let mut all: Vec<&str> = args.to_vec();
    all.push("--json");
    serde_json::from_str(&run_ok(db, &all)).expect("JSON on stdout")
}

fn stored_rows(url: &str) -> usize {
    BlockingStore::open(url)
        .expect("the store opens")
        .actuals(PROGRAMME)
        .expect("the actuals read")
        .len()
}

#[test]
fn importing_twice_changes_nothing_and_a_changed_value_is_a_reported_correction() {
    let store = testing::sqlite();
    let db = store.url.as_str();
    let first = run_ok(db, &["actuals", "import", KALUGA, ACTUALS]);
    assert!(
        first.contains("141 rows, 141 added, 0 unchanged, 0 corrections"),
        "{first}"
    );
    assert_eq!(stored_rows(db), 141);

    let again = run_ok(db, &["actuals", "import", KALUGA, ACTUALS]);
    assert!(
        again.contains("0 added, 141 unchanged, 0 corrections"),
        "{again}"
    );
    assert_eq!(stored_rows(db), 141);

    let week = run_ok(db, &["actuals", "import", KALUGA, WEEK_19]);
    assert!(
        week.contains("19 rows, 18 added, 0 unchanged, 1 correction"),
        "{week}"
    );
    assert!(week.contains("2024-04-26 good crossover: 8 → 7"), "{week}");
    assert_eq!(stored_rows(db), 141 + 18);
}

#[test]
fn a_bad_row_anywhere_imports_nothing_and_names_its_line() {
    let store = testing::sqlite();
    let db = store.url.as_str();
    run_ok(db, &["actuals", "import", KALUGA, ACTUALS]);
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("week-19-bad.csv");
    let mut text = std::fs::read_to_string(crate::support::repo_root().join(WEEK_19)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let middle = lines.len() / 2;
    let mut with_bad: Vec<String> = lines.iter().map(|line| line.to_string()).collect();
    with_bad.insert(middle, "2024-05-06,good,crossover,-3,a typo".to_string());
    text = with_bad.join("\n") + "\n";
    std::fs::write(&bad, text).unwrap();

    let output = run(db, &["actuals", "import", KALUGA, bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("week-19-bad.csv:{}:", middle + 1)),
        "the bad row's line is named: {stderr}"
    );
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    assert_eq!(stored_rows(db), 141, "a bad row imports nothing");
    // Nor did the correction among that file's good rows (2024-04-26: 8 → 7 good).
    let status = json(db, &["status", KALUGA, "--as-of", "2024-04-26"]);
    assert_eq!(status["good"]["actual"], 243);
}

#[test]
fn status_adds_up_the_actuals_to_the_as_of_day() {
    let store = testing::sqlite();
    let db = store.url.as_str();
    run_ok(db, &["actuals", "import", KALUGA, ACTUALS]);
    let status = json(db, &["status", KALUGA]);
    // The last day with output (an order placed on 2024-04-29 is left out, saying so).
    assert_eq!(
        status["as_of"], "2024-04-26",
        "the last day with output by default"
    );
    assert_eq!(status["good"]["actual"], 243);
    assert_eq!(
        status["warnings"][0],
        "1 actuals rows dated after the as-of day 2024-04-26 (to 2024-04-29) are left out"
    );
    assert_eq!(
        status["good"]["forecast"],
        Value::Null,
        "no forecast stored yet"
    );
    let product = &status["products"][0];
    assert_eq!(product["good"], 243);
    let released = product["released"].as_u64().unwrap();
    let kit = &status["kits"][0];
    // Kaluga starts with no kits in stock: stock = received − released.
    assert_eq!(
        kit["stock"].as_u64().unwrap(),
        kit["received"].as_u64().unwrap() - released
    );
    let people = &status["headcount"];
    assert_eq!(
        people["payroll"].as_u64().unwrap(),
        people["hired"].as_u64().unwrap() - people["left"].as_u64().unwrap()
    );
    let text = run_ok(db, &["status", KALUGA, "--as-of", "2024-01-31"]);
    assert!(
        text.contains("pilot            2023-12-31  2023-12-29"),
        "{text}"
    );
}

#[test]
fn forecasts_are_stored_and_history_shows_the_milestones_drift() {
    let store = testing::sqlite();
    let db = store.url.as_str();
    run_ok(db, &["actuals", "import", KALUGA, ACTUALS]);
    let first = json(
        db,
        &["forecast", KALUGA, "--as-of", "2024-04-30", "-n", "40"],
    );
    assert_eq!(first["as_of"], "2024-04-30");
    let pilot = &first["milestones"][0];
    assert_eq!(pilot["id"], "pilot");
    assert_eq!(
        pilot["actual"], "2023-12-29",
        "a reached milestone carries its date"
    );
    assert_eq!(pilot["p50"], "2023-12-29");
    run_ok(db, &["actuals", "import", KALUGA, WEEK_19]);
    run_ok(db, &["forecast", KALUGA, "-n", "40"]);

    let history = json(db, &["history", KALUGA]);
    let forecasts = history["forecasts"].as_array().unwrap();
    assert_eq!(forecasts.len(), 2);
    assert_eq!(forecasts[0]["as_of"], "2024-04-30");
    assert_eq!(
        forecasts[1]["as_of"], "2024-05-08",
        "the last actuals date by default"
    );
    let text = run_ok(db, &["history", KALUGA]);
    assert!(text.starts_with("2 forecasts stored"), "{text}");
    assert!(text.contains("dealer-stock (due 2024-05-15)"), "{text}");

    // The status compares the actuals with the last forecast made before them (the one of
    // 2024-05-08 holds them already).
    let status = json(db, &["status", KALUGA]);
    assert_eq!(status["as_of"], "2024-05-08");
    assert_eq!(status["good"]["forecast"]["as_of"], "2024-04-30");
    let status = json(db, &["status", KALUGA, "--as-of", "2024-04-30"]);
    assert_eq!(status["good"]["forecast"], Value::Null);

    // A changed scenario is marked in the history: its forecasts are of another version.
    let dir = tempfile::tempdir().unwrap();
    let changed = dir.path().join("kaluga.toml");
    let text = std::fs::read_to_string(crate::support::repo_root().join(KALUGA)).unwrap();
    std::fs::write(&changed, text.replace("\nrate = 0.85 ", "\nrate = 0.95 ")).unwrap();
    let changed = changed.to_str().unwrap();
    run_ok(db, &["forecast", changed, "-n", "20", "--no-tornado"]);
    let text = run_ok(db, &["history", changed]);
    assert!(
        text.contains("(the scenario changed too, v1 → v2"),
        "{text}"
    );
    assert!(text.contains("       #3       v2*  "), "{text}");
    let history = json(db, &["history", changed]);
    assert_eq!(history["forecasts"][2]["scenario_version"], 2);
}

#[test]
fn a_forecast_outside_the_horizon_or_without_actuals_is_a_user_error() {
    let store = testing::sqlite();
    let db = store.url.as_str();
    let output = run(db, &["status", KALUGA]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("actuals import"),
        "says how to import: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    run_ok(db, &["actuals", "import", KALUGA, ACTUALS]);
    let output = run(db, &["forecast", KALUGA, "--as-of", "2031-01-01"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("2031-01-01"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn rows_outside_the_scenarios_days_are_refused_with_their_place() {
    let store = testing::sqlite();
    let db = store.url.as_str();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typo.csv");
    std::fs::write(
        &file,
        "date,metric,item,value\n2023-10-02,hired,,5\n2030-01-01,good,crossover,1\n",
    )
    .unwrap();
    let output = run(db, &["actuals", "import", KALUGA, file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("2030-01-01 is after the scenario's days (2023-10-02 to 2024-12-24)"),
        "{stderr}"
    );
    assert!(stderr.contains("typo.csv:3:1"), "{stderr}");
    assert_eq!(stored_rows(db), 0);
}

#[test]
fn a_forecast_from_a_line_slower_than_the_scenarios_says_so() {
    let store = testing::sqlite();
    let db = store.url.as_str();
    run_ok(db, &["actuals", "import", KALUGA, ACTUALS]);
    let document = json(db, &["forecast", KALUGA, "-n", "20", "--no-tornado"]);
    let warning = document["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .find(|warning| warning.starts_with("the forecast's line makes"))
        .expect("the pace warning");
    // Kaluga's actuals make 8 cars a workday; the scenario's line, fed its backlog, far more.
    assert!(
        warning.contains("the 8.1 a workday the actuals show over the 10 before"),
        "{warning}"
    );
    assert_eq!(document.get("calibrated"), None);
    let calibrated = json(
        db,
        &[
            "forecast",
            KALUGA,
            "-n",
            "20",
            "--no-tornado",
            "--calibrate",
        ],
    );
    assert_eq!(calibrated["calibrated"], true);
}

#[test]
fn backtest_scores_the_reached_milestones() {
    let store = testing::sqlite();
    let db = store.url.as_str();
    run_ok(db, &["actuals", "import", KALUGA, ACTUALS]);
    let backtest = json(db, &["backtest", KALUGA, "--every", "28d", "-n", "20"]);
    let dates = backtest["as_of"].as_array().unwrap();
    assert_eq!(dates[0], "2023-10-02");
    let pilot = &backtest["milestones"][0];
    assert_eq!(pilot["actual"], "2023-12-29");
    // Scored: the forecasts made before the pilot was reached (2023-10-02 to 2023-12-25).
    let scored = pilot["scored"].as_u64().unwrap();
    let points = pilot["points"].as_array().unwrap();
    let before: Vec<&Value> = points
        .iter()
        .filter(|point| point["as_of"].as_str().unwrap() < "2023-12-29")
        .collect();
    assert_eq!(scored as usize, before.len());
    let inside = before
        .iter()
        .filter(|point| point["inside"] == true)
        .count();
    let coverage = pilot["coverage"].as_f64().unwrap();
    assert!((coverage - inside as f64 / scored as f64).abs() < 1e-12);
    let mae = before
        .iter()
        .map(|point| point["error_days"].as_i64().unwrap().unsigned_abs() as f64)
        .sum::<f64>()
        / scored as f64;
    assert!((pilot["mae_days"].as_f64().unwrap() - mae).abs() < 1e-9);
    assert_eq!(
        backtest["milestones"][2]["scored"], 0,
        "dealer-stock was not reached"
    );
}

fn forecast_on(store: &TestStore) -> Value {
    let db = store.url.as_str();
    run_ok(db, &["actuals", "import", KALUGA, ACTUALS]);
    run_ok(db, &["actuals", "import", KALUGA, WEEK_19]);
    let mut document = json(
        db,
        &[
            "forecast",
            KALUGA,
            "--as-of",
            "2024-05-06",
            "-n",
            "30",
            "--calibrate",
        ],
    );
    document.as_object_mut().unwrap().remove("perf");
    document
}

#[test]
fn sqlite_and_postgresql_give_identical_forecasts() {
    let Some(postgres) = testing::postgres() else {
        return;
    };
    let sqlite = testing::sqlite();
    let on_sqlite = forecast_on(&sqlite);
    let on_postgres = forecast_on(&postgres);
    assert_eq!(on_sqlite, on_postgres);
    let history = |store: &TestStore| {
        let mut history = json(&store.url, &["history", KALUGA]);
        for forecast in history["forecasts"].as_array_mut().unwrap() {
            forecast.as_object_mut().unwrap().remove("created");
        }
        history
    };
    assert_eq!(history(&sqlite), history(&postgres));
    assert!(Path::new(&sqlite.url).exists());
}

//! A forecast of a scenario with a programme hands over `tasks.csv` and `risks.csv` too.

use std::time::Duration;

use relaunch_app::forecast::{FORECAST_ARTEFACTS, ForecastRequest, forecast};
use relaunch_app::{MemorySink, RunSettings};
use relaunch_core::Dist;
use relaunch_core::model::{Impact, Programme, Risk, Task};
use relaunch_report::csv_export::{risks_csv, tasks_csv};

use crate::support::{RecordingProgress, SteppingClock, load, services};

#[test]
fn a_programme_adds_tasks_and_risks_csv() {
    let mut scenario = load("textbook/mm1.toml");
    let days = |n: f64| Dist::constant(n * 86_400.0).unwrap();
    scenario.programme = Programme {
        tasks: vec![Task {
            id: "deal".to_string(),
            duration: days(3.0),
            after: vec![],
            not_before: None,
            workdays: false,
        }],
        risks: vec![Risk {
            id: "talks stall".to_string(),
            probability: 0.25,
            impact: Impact::TaskDelay {
                task: 0,
                delay: days(2.0),
            },
            implies: vec![],
        }],
        anchors: vec![],
    };
    let request = ForecastRequest {
        scenario,
        scenario_file: "mm1-with-a-deal.toml".to_string(),
        settings: RunSettings {
            replications: Some(8),
            seed: Some(3),
            threads: Some(1),
            allow_long_run: false,
        },
        explain: false,
    };
    let progress = RecordingProgress::default();
    let clock = SteppingClock::new(Duration::from_secs(1));
    let mut sink = MemorySink::default();
    let outcome = forecast(&request, &services(&progress, &clock), Some(&mut sink))
        .expect("the forecast runs");
    let mut expected: Vec<&str> = FORECAST_ARTEFACTS.to_vec();
    expected.extend(["tasks.csv", "risks.csv"]);
    expected.sort_unstable();
    let names: Vec<&str> = sink.artefacts.keys().map(String::as_str).collect();
    assert_eq!(names, expected);
    let programme = outcome.document.programme.as_ref().expect("a programme");
    assert_eq!(
        sink.artefacts["tasks.csv"],
        tasks_csv(programme).unwrap().into_bytes()
    );
    assert_eq!(
        sink.artefacts["risks.csv"],
        risks_csv(programme).unwrap().into_bytes()
    );
    // The deal takes its 3 days from the first day: 1 January to the 3rd (the risk adds two
    // in some of the 8 runs, never at P10).
    let tasks = String::from_utf8(sink.artefacts["tasks.csv"].clone()).unwrap();
    let deal = tasks.lines().nth(1).expect("a row for the deal");
    let start = outcome.document.start.clone();
    assert!(
        deal.starts_with(&format!("deal,{start},{start},{start},")),
        "{deal}"
    );
}

//! The forecast and the localization ledger use cases.

use std::time::Duration;

use relaunch_app::forecast::{FORECAST_ARTEFACTS, ForecastRequest, forecast};
use relaunch_app::localization::localization;
use relaunch_app::{MemorySink, RunSettings};
use relaunch_core::schedule::add_days;

use crate::support::{Event, RecordingProgress, SteppingClock, load, services};

/// A milestone's id, P50, P90 and on-time probability.
type MilestoneRow = (String, Option<String>, Option<String>, Option<f64>);

fn kaluga_request(replications: u64) -> ForecastRequest {
    ForecastRequest {
        overrides: Vec::new(),
        scenario: load("kaluga.toml"),
        scenario_file: "examples/kaluga.toml".to_string(),
        settings: RunSettings {
            replications: Some(replications),
            seed: None,
            threads: Some(2),
            allow_long_run: false,
        },
        explain: false,
        tornado: true,
    }
}

#[test]
fn forecast_matches_the_command_line_and_hands_over_every_artefact() {
    let progress = RecordingProgress::default();
    let clock = SteppingClock::new(Duration::from_millis(1500));
    let mut sink = MemorySink::default();
    let outcome = forecast(
        &kaluga_request(12),
        &services(&progress, &clock),
        Some(&mut sink),
    )
    .expect("the forecast runs");

    // The numbers `relaunch simulate examples/kaluga.toml -n 12 --json --threads 2` prints
    // (seed 7 from the scenario), since Kaluga's programme (re-commissioning, kits contract,
    // certification) gates its pilot and serial start.
    let milestones: Vec<MilestoneRow> = outcome
        .document
        .milestones
        .iter()
        .map(|m| {
            (
                m.id.clone(),
                m.p50.clone(),
                m.p90.clone(),
                m.on_time_probability,
            )
        })
        .collect();
    let expected = [
        ("pilot", "2023-12-22", "2024-01-09", 0.75),
        ("certified", "2024-03-29", "2024-04-21", 0.416667),
        ("dealer-stock", "2024-05-06", "2024-05-29", 0.75),
        ("mass-production", "2024-09-02", "2024-09-03", 1.0),
        ("plan-2024", "2024-08-19", "2024-08-28", 1.0),
    ]
    .map(|(id, p50, p90, on_time)| {
        (
            id.to_string(),
            Some(p50.to_string()),
            Some(p90.to_string()),
            Some(on_time),
        )
    });
    assert_eq!(milestones, expected);

    // The clock is read at the start and at the end of the run: one step apart.
    assert_eq!(outcome.perf.wall_seconds, 1.5);
    assert_eq!(outcome.perf.threads, 2);
    let json: serde_json::Value =
        serde_json::from_slice(&sink.artefacts["result.json"]).expect("result.json is JSON");
    assert_eq!(json["perf"]["wall_seconds"], 1.5);
    assert_eq!(json["replications"], 12);

    let names: Vec<&str> = sink.artefacts.keys().map(String::as_str).collect();
    // Kaluga has a programme: its tasks and risks come too.
    let mut expected_names = FORECAST_ARTEFACTS.to_vec();
    expected_names.extend(["tasks.csv", "risks.csv"]);
    expected_names.sort_unstable();
    assert_eq!(names, expected_names);
    assert!(sink.prepared);
    assert!(
        sink.committed,
        "the set is committed after the last artefact"
    );

    // One piece of work of 12 replications and 12 more for each of the three risks' tornado
    // forecasts, advanced to 48, then finished.
    let events = progress.events();
    assert_eq!(
        events.first(),
        Some(&Event::Start {
            work: format!("forecast {}", outcome.document.scenario),
            total: 48
        })
    );
    assert_eq!(events[events.len() - 2], Event::Advance(48));
    assert_eq!(events.last(), Some(&Event::Finish));
}

#[test]
fn forecast_with_explanation_adds_why_json() {
    let progress = RecordingProgress::default();
    let clock = SteppingClock::new(Duration::from_secs(2));
    let mut sink = MemorySink::default();
    let mut request = kaluga_request(2);
    request.explain = true;
    let outcome = forecast(&request, &services(&progress, &clock), Some(&mut sink))
        .expect("the forecast runs");
    assert!(outcome.explanation.is_some());
    assert!(sink.artefacts.contains_key("why.json"));
    // why.json beside the forecast's files, tasks.csv and risks.csv among them.
    assert_eq!(sink.artefacts.len(), FORECAST_ARTEFACTS.len() + 3);
    let starts: Vec<String> = progress
        .events()
        .into_iter()
        .filter_map(|event| match event {
            Event::Start { work, total } => Some(format!("{work}/{total}")),
            _ => None,
        })
        .collect();
    assert_eq!(starts.len(), 2);
    assert_eq!(starts[1], "explain/64");
}

#[test]
fn the_ledger_ends_where_the_forecast_days_end() {
    let scenario = load("moskvich.toml");
    let ledger = localization(&scenario).expect("moskvich has a ledger");
    assert_eq!(ledger.start.to_string(), "2022-10-17");
    assert_eq!(ledger.end.to_string(), "2025-01-01");
    // The one horizon end: the day after the forecast's daily table.
    let progress = RecordingProgress::default();
    let clock = SteppingClock::new(Duration::from_secs(1));
    let request = ForecastRequest {
        overrides: Vec::new(),
        scenario: scenario.clone(),
        scenario_file: "examples/moskvich.toml".to_string(),
        settings: RunSettings {
            replications: Some(1),
            seed: None,
            threads: Some(1),
            allow_long_run: false,
        },
        explain: false,
        tornado: true,
    };
    let outcome =
        forecast(&request, &services(&progress, &clock), None).expect("the forecast runs");
    assert_eq!(
        add_days(scenario.start, outcome.forecast.daily.len() as i64),
        ledger.end
    );
    let document_ledger = outcome
        .document
        .localization
        .as_ref()
        .expect("the document has the ledger");
    assert_eq!(document_ledger.timeline.len(), ledger.ledger.entries.len());
}

//! A forecast of a scenario with a programme hands over `tasks.csv` and `risks.csv` too.

use std::time::Duration;

use relaunch_app::forecast::{FORECAST_ARTEFACTS, ForecastRequest, forecast};
use relaunch_app::{MemorySink, RunSettings};
use relaunch_core::Dist;
use relaunch_core::model::{Impact, Milestone, MilestoneKind, Programme, Risk, Task};
use relaunch_report::csv_export::{risks_csv, tasks_csv};

use crate::support::{Event, RecordingProgress, SteppingClock, load, services};

#[test]
fn a_programme_adds_tasks_and_risks_csv() {
    let mut scenario = load("textbook/mm1.toml");
    scenario.programme = a_deal_with_a_risk();
    let request = ForecastRequest {
        overrides: Vec::new(),
        scenario,
        scenario_file: "mm1-with-a-deal.toml".to_string(),
        settings: RunSettings {
            replications: Some(8),
            seed: Some(3),
            threads: Some(1),
            allow_long_run: false,
        },
        explain: false,
        tornado: true,
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

/// The mm1 example with a 3-day deal, delayed 2 days by a risk with probability 1/4, and a
/// milestone at the deal's finish, due on its third day.
fn mm1_with_a_deal() -> ForecastRequest {
    let mut scenario = load("textbook/mm1.toml");
    scenario.programme = a_deal_with_a_risk();
    // Ten days are enough: the 64 forecasts of the analysis stay quick.
    scenario.horizon_secs = 10.0 * 86_400.0;
    scenario.warmup_secs = 0.0;
    scenario.milestones = vec![Milestone {
        id: "deal".to_string(),
        kind: MilestoneKind::Task { task: 0 },
        due: Some(relaunch_core::schedule::add_days(scenario.start, 2)),
    }];
    ForecastRequest {
        overrides: Vec::new(),
        scenario,
        scenario_file: "mm1-with-a-deal.toml".to_string(),
        settings: RunSettings {
            replications: Some(8),
            seed: Some(3),
            threads: Some(1),
            allow_long_run: false,
        },
        explain: true,
        tornado: true,
    }
}

#[test]
fn the_tornado_counts_in_the_progress_and_can_be_skipped() {
    // One risk: the forecast's progress covers its 8 replications and the tornado's 8; the
    // analysis runs 64 forecasts (a programme is the sixth factor).
    let starts = |request: &ForecastRequest| {
        let progress = RecordingProgress::default();
        let clock = SteppingClock::new(Duration::from_secs(1));
        let outcome = forecast(request, &services(&progress, &clock), None).expect("it runs");
        let events = progress.events();
        let starts: Vec<String> = events
            .iter()
            .filter_map(|event| match event {
                Event::Start { work, total } => Some(format!("{work}/{total}")),
                _ => None,
            })
            .collect();
        (outcome, starts, events)
    };
    let request = mm1_with_a_deal();
    let (outcome, with, events) = starts(&request);
    assert_eq!(with[0], format!("forecast {}/16", request.scenario.name));
    assert_eq!(with[1], "explain/64");
    let first_finish = events.iter().position(|e| *e == Event::Finish).unwrap();
    assert_eq!(events[first_finish - 1], Event::Advance(16));
    // The deal is late exactly when the risk occurs: the on-time chance it costs is its share.
    let risk = &outcome.forecast.programme.as_ref().unwrap().risks[0];
    assert!(risk.occurred > 0);
    assert_eq!(risk.effects.len(), 1);
    let lost = risk.effects[0].on_time_loss.unwrap() * 8.0;
    assert_eq!(lost.round() as u64, risk.occurred);

    let mut skipped = request.clone();
    skipped.tornado = false;
    let (outcome, without, _) = starts(&skipped);
    assert_eq!(without[0], format!("forecast {}/8", request.scenario.name));
    assert!(
        outcome.forecast.programme.unwrap().risks[0]
            .effects
            .is_empty()
    );
}

/// A 3-day deal, delayed 2 days by a risk with probability 1/4.
fn a_deal_with_a_risk() -> Programme {
    let days = |n: f64| Dist::constant(n * 86_400.0).unwrap();
    Programme {
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
        ..Default::default()
    }
}

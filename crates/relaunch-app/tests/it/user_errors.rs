//! User errors are found before any run, before the sink is prepared, and say so.

use std::time::Duration;

use relaunch_app::compare::{CompareRequest, Variant, compare};
use relaunch_app::explain::{ExplainRequest, explain};
use relaunch_app::forecast::{ForecastRequest, forecast};
use relaunch_app::localization::localization;
use relaunch_app::{AppError, MemorySink, RunSettings};
use relaunch_core::ranking::{RankBy, Ranking};

use crate::support::{Event, RecordingProgress, SteppingClock, example, load, services};

#[test]
fn unknown_milestone_is_refused_before_the_run() {
    let progress = RecordingProgress::default();
    let clock = SteppingClock::new(Duration::from_secs(1));
    let mut sink = MemorySink::default();
    let request = ExplainRequest {
        scenario: load("kaluga.toml"),
        scenario_file: "examples/kaluga.toml".to_string(),
        settings: RunSettings::default(),
        milestone: Some("nope".to_string()),
        quantiles: Vec::new(),
    };
    let error = explain(&request, &services(&progress, &clock), Some(&mut sink))
        .expect_err("no such milestone");
    assert!(error.is_user_error());
    assert!(matches!(error, AppError::UnknownMilestone { .. }));
    assert!(
        error.to_string().ends_with(
            "its milestones are: pilot, certified, dealer-stock, mass-production, plan-2024"
        ),
        "{error}"
    );
    assert!(!sink.prepared);
    assert_eq!(progress.events(), Vec::<Event>::new());
}

#[test]
fn reference_and_ranking_milestone_must_exist() {
    let progress = RecordingProgress::default();
    let clock = SteppingClock::new(Duration::from_secs(1));
    let variants: Vec<Variant> = ["moskvich-jac.toml", "moskvich-byd.toml"]
        .into_iter()
        .map(|name| Variant {
            file: example(name),
            scenario: load(name),
        })
        .collect();
    let mut request = CompareRequest {
        variants,
        reference: Some("moskvich-faw".to_string()),
        ranking: Ranking::default(),
        settings: RunSettings::default(),
    };
    let error = compare(&request, &services(&progress, &clock), None).expect_err("no faw");
    assert!(error.is_user_error());
    assert_eq!(
        error.to_string(),
        "error: `--reference moskvich-faw` names no variant; use a file stem (moskvich-jac, \
         moskvich-byd) or a scenario name"
    );
    request.reference = Some("moskvich-byd".to_string());
    request.ranking = Ranking {
        by: RankBy::OnTime,
        milestone: Some("nope".to_string()),
    };
    let error = compare(&request, &services(&progress, &clock), None).expect_err("no nope");
    assert!(matches!(error, AppError::RankingMilestoneMissing { .. }));
    assert!(progress.events().is_empty());
}

#[test]
fn ledger_without_localization_is_a_user_error() {
    let scenario = relaunch_app::check::load(&example("textbook/mm1.toml"))
        .expect("mm1 loads")
        .scenario;
    let error = localization(&scenario).expect_err("mm1 has no ledger");
    assert!(error.is_user_error());
    assert!(matches!(error, AppError::MissingLocalization { .. }));
}

#[test]
fn a_huge_run_needs_allow_long_run_and_says_its_estimate() {
    let progress = RecordingProgress::default();
    let clock = SteppingClock::new(Duration::from_secs(1));
    let mut sink = MemorySink::default();
    let mut request = ForecastRequest {
        overrides: Vec::new(),
        scenario: load("kaluga.toml"),
        scenario_file: "examples/kaluga.toml".to_string(),
        settings: RunSettings {
            replications: Some(1_000_000),
            ..RunSettings::default()
        },
        explain: false,
        tornado: true,
    };
    let error = forecast(&request, &services(&progress, &clock), Some(&mut sink))
        .expect_err("too long a run");
    assert!(error.is_user_error());
    assert!(matches!(error, AppError::LongRun { .. }), "{error}");
    let message = error.to_string();
    assert!(
        // The forecast and one tornado forecast per risk (Kaluga has three).
        message.contains("per replication x 4 forecasts x 1000000 replications"),
        "{message}"
    );
    assert!(message.contains("pass --allow-long-run"), "{message}");
    assert!(!sink.prepared);
    assert!(progress.events().is_empty());
    // With consent the check lets it through (the run itself is not made here).
    request.settings.allow_long_run = true;
    assert!(request.settings.check_work(&request.scenario, 1).is_ok());
    // The shipped example's own default needs no consent.
    assert!(
        RunSettings::default()
            .check_work(&request.scenario, 33)
            .is_ok()
    );
}

#[test]
fn every_shipped_example_runs_and_explains_without_consent() {
    let examples = example("");
    for dir in [examples.clone(), examples.join("textbook")] {
        for entry in std::fs::read_dir(&dir).expect("the examples") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|ext| ext == "toml") {
                let scenario = relaunch_app::check::load(&path)
                    .expect("the example loads")
                    .scenario;
                let checked = RunSettings::default().check_work(&scenario, 33);
                assert!(checked.is_ok(), "{}: {checked:?}", path.display());
            }
        }
    }
}

//! User errors are found before any run, before the sink is prepared, and say so.

use std::time::Duration;

use relaunch_app::compare::{CompareRequest, Variant, compare};
use relaunch_app::explain::{ExplainRequest, explain};
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
        error
            .to_string()
            .ends_with("its milestones are: pilot, dealer-stock, mass-production, plan-2024"),
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

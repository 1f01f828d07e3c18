//! The comparison use case: ranking and kit spend come from the core's rules.

use std::time::Duration;

use relaunch_app::compare::{CompareRequest, Variant, compare};
use relaunch_app::{MemorySink, RunSettings};
use relaunch_core::ranking::Ranking;

use crate::support::{RecordingProgress, SteppingClock, example, load, services};

fn partners() -> Vec<Variant> {
    [
        "moskvich-jac.toml",
        "moskvich-faw.toml",
        "moskvich-byd.toml",
    ]
    .into_iter()
    .map(|name| Variant {
        file: example(name),
        scenario: load(name),
    })
    .collect()
}

#[test]
fn partners_rank_and_spend_as_before() {
    let progress = RecordingProgress::default();
    let clock = SteppingClock::new(Duration::from_secs(1));
    let mut sink = MemorySink::default();
    let request = CompareRequest {
        variants: partners(),
        reference: None,
        ranking: Ranking::default(),
        settings: RunSettings {
            replications: Some(6),
            seed: None,
            threads: Some(2),
            allow_long_run: false,
        },
    };
    let outcome = compare(&request, &services(&progress, &clock), Some(&mut sink))
        .expect("the comparison runs");
    // As `relaunch compare examples/moskvich-{jac,faw,byd}.toml -n 6 --json` printed before.
    let document = &outcome.document;
    assert_eq!(document.reference, "moskvich-jac");
    assert_eq!(
        document.ranking,
        ["moskvich-byd", "moskvich-jac", "moskvich-faw"]
    );
    assert_eq!(document.ranking_milestone.as_deref(), Some("rate-2024"));
    let spend: Vec<Option<f64>> = document.variants.iter().map(|v| v.kit_spend).collect();
    assert_eq!(
        spend,
        [
            Some(523_450_000.0),
            Some(445_380_000.0),
            Some(600_222_667.0)
        ]
    );
    let names: Vec<&str> = sink.artefacts.keys().map(String::as_str).collect();
    let mut expected = vec!["compare.html".to_string(), "compare.json".to_string()];
    for variant in ["moskvich-byd", "moskvich-faw", "moskvich-jac"] {
        for suffix in ["milestones.csv", "report.html", "result.xlsx"] {
            expected.push(format!("{variant}.{suffix}"));
        }
    }
    assert_eq!(names, expected);
    assert_eq!(sink.artefacts["compare.json"], outcome.json.as_bytes());
}

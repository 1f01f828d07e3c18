//! Answering only the question asked: the subsets of "why late" end each replication as soon as
//! the milestones the analysis reads of them are known. The answers must be the very ones of
//! forecasts run to the horizon, only sooner.

use relaunch_core::milestones::Need;
use relaunch_core::montecarlo::{forecast_until, forecast_watching_until};
use relaunch_core::sim::Relaxations;
use relaunch_core::why::{why, why_with};

use crate::support::load;

fn no_progress(_: u64) {}

/// The analysis with every subset run to the horizon (its needs ignored).
fn why_in_full(
    scenario: &relaunch_core::Scenario,
    seed: u64,
    replications: u64,
) -> relaunch_core::why::Why {
    why_with(
        scenario,
        replications,
        &[],
        &no_progress,
        |relax, _needs| -> Result<_, std::convert::Infallible> {
            Ok(
                forecast_until(scenario, seed, replications, relax, &no_progress, &|| false)
                    .expect("never stopped"),
            )
        },
    )
    .expect("infallible")
}

#[test]
fn why_with_early_stops_gives_the_answers_of_runs_to_the_horizon() {
    // Kaluga: a programme (64 subsets), a late pilot; Moskvich: a milestone with no due date
    // never reached, one late at P90 only.
    for (name, replications) in [("kaluga.toml", 60), ("moskvich.toml", 16)] {
        let scenario = load(name);
        let early = why(&scenario, 5, replications, &[], &no_progress);
        let full = why_in_full(&scenario, 5, replications);
        assert_eq!(early, full, "{name}");
    }
}

#[test]
fn a_watched_forecast_stops_early_and_keeps_the_milestones_it_was_asked_for() {
    let scenario = load("moskvich.toml");
    let full = forecast_until(
        &scenario,
        3,
        12,
        Relaxations::default(),
        &no_progress,
        &|| false,
    )
    .expect("never stopped");
    // The first milestone's day only.
    let mut needs = vec![Need::Nothing; scenario.milestones.len()];
    needs[0] = Need::Day;
    let watched = forecast_watching_until(
        &scenario,
        3,
        12,
        Relaxations::default(),
        Some(&needs),
        &no_progress,
        &|| false,
    )
    .expect("never stopped");
    assert_eq!(watched.milestones[0], full.milestones[0]);
    // Moskvich's first milestone falls in its first two months of 27: far fewer events.
    assert!(
        watched.events * 4 < full.events,
        "{} events watched, {} in full",
        watched.events,
        full.events
    );
}

#[test]
fn the_tornado_from_watched_runs_is_the_tornado_of_runs_to_the_horizon() {
    // Kaluga has three risks; each risk-off forecast now ends its replications once every
    // milestone is reached. The effects must be those of forecasts run to the horizon.
    let scenario = load("kaluga.toml");
    let (seed, replications) = (scenario.seed, 40);
    let mut watched = forecast_until(
        &scenario,
        seed,
        replications,
        Relaxations::default(),
        &no_progress,
        &|| false,
    )
    .expect("never stopped");
    relaunch_core::programme::tornado(
        &scenario,
        seed,
        replications,
        Relaxations::default(),
        &mut watched,
        &no_progress,
    );
    let mut full = watched.clone();
    let without: Vec<_> = (0..scenario.programme.risks.len())
        .map(|risk| {
            forecast_until(
                &relaunch_core::programme::without_risk(&scenario, risk),
                seed,
                replications,
                Relaxations::default(),
                &no_progress,
                &|| false,
            )
            .expect("never stopped")
        })
        .collect();
    relaunch_core::programme::fill_effects(&mut full, &without);
    let effects = |forecast: &relaunch_core::montecarlo::Forecast| {
        forecast.programme.as_ref().unwrap().risks.clone()
    };
    assert_eq!(effects(&watched).len(), 3);
    assert!(
        effects(&watched)
            .iter()
            .all(|risk| !risk.effects.is_empty())
    );
    assert_eq!(effects(&watched), effects(&full));
}

//! Shards merge exactly: the replications of a forecast split into N ranges, each folded apart,
//! encoded to words and back, and merged in any order, give the forecast of them all, equal
//! to the unsharded one in every field.

use relaunch_core::codec::{from_words, to_words};
use relaunch_core::montecarlo::{Partial, finish_partials, forecast, partial_until};
use relaunch_core::programme::without_risk;
use relaunch_core::sim::Relaxations;

use crate::programme_crn::busy_programme;

fn no_progress(_: u64) {}

#[test]
fn any_split_in_any_order_merges_into_the_single_run() {
    let scenario = busy_programme();
    let replications = 40;
    let whole = forecast(
        &scenario,
        17,
        replications,
        Relaxations::default(),
        &no_progress,
    );
    assert!(whole.programme.is_some() && whole.costs.is_none());
    for shards in [1u64, 2, 3, 7] {
        let mut words: Vec<Vec<u64>> = (0..shards)
            .map(|k| {
                let range = replications * k / shards..replications * (k + 1) / shards;
                let partial =
                    partial_until(&scenario, 17, range, false, &no_progress, &|| false).unwrap();
                to_words(&partial)
            })
            .collect();
        // Merged in reverse order, after a round trip through words.
        words.reverse();
        let partials: Vec<Partial> = words.iter().map(|w| from_words(w).unwrap()).collect();
        let merged = finish_partials(&scenario, 17, false, &partials).unwrap();
        assert_eq!(merged, whole, "{shards} shards");
    }
}

#[test]
fn milestone_only_shards_of_a_risk_off_forecast_give_its_milestones() {
    let scenario = busy_programme();
    let off = without_risk(&scenario, 0);
    let whole = forecast(&off, 5, 30, Relaxations::default(), &no_progress);
    let partials: Vec<Partial> = [20..30, 0..20]
        .into_iter()
        .map(|range| partial_until(&off, 5, range, true, &no_progress, &|| false).unwrap())
        .collect();
    let merged = finish_partials(&off, 5, true, &partials).unwrap();
    assert_eq!(merged.milestones, whole.milestones);
}

#[test]
fn partials_of_another_seed_or_kind_are_refused() {
    let scenario = busy_programme();
    let partial = partial_until(&scenario, 5, 0..3, false, &no_progress, &|| false).unwrap();
    let other_seed = finish_partials(&scenario, 6, false, std::slice::from_ref(&partial));
    assert!(other_seed.unwrap_err().0.contains("seed 6"));
    assert!(finish_partials(&scenario, 5, true, std::slice::from_ref(&partial)).is_err());
    // Truncated words do not decode, and say so.
    let words = to_words(&partial);
    let error = from_words::<Partial>(&words[..words.len() - 3]).unwrap_err();
    assert!(
        error.0.contains("end early") || error.0.contains("length"),
        "{error}"
    );
}

//! Variants side by side on common random numbers: replication *i* of every variant draws
//! from the same streams, so differences between variants are paired and their confidence
//! intervals are far narrower than those of two independent forecasts.
//!
//! The first variant is the reference the others are paired against; a caller that lets the
//! user choose another reference puts it first.

use crate::model::Scenario;
use crate::montecarlo::{
    Accumulator, Forecast, Replication, StopCheck, Stopped, replicate_until, run_replication,
};
use crate::sim::Prepared;
use crate::stats::{Estimate, Running};

/// Replications per batch of the driver: fewer than a forecast's, as each replication holds
/// every variant's outcome.
const BATCH: usize = 128;

/// The paired difference of one milestone between a variant and the first (reference) variant.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedDifference {
    pub milestone: String,
    /// Mean over replications of (day reached in this variant − day in the first), with a 95%
    /// interval; a replication not reaching it counts the day after the horizon.
    pub days: Estimate,
}

/// One variant's forecast and its differences to the first.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantResult {
    pub forecast: Forecast,
    /// Empty for the first variant.
    pub differences: Vec<PairedDifference>,
}

/// Forecasts every variant on the same seeds and pairs milestone days with the first
/// variant's (milestones are matched by id).
pub fn compare(
    variants: &[&Scenario],
    seed: u64,
    replications: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Vec<VariantResult> {
    compare_until(variants, seed, replications, progress, &|| false)
        .expect("a comparison never asked to stop finishes")
}

/// [`compare`] that stops, returning [`Stopped`], once `stop` says so (checked before each
/// replication); unstopped, its result is [`compare`]'s.
pub fn compare_until(
    variants: &[&Scenario],
    seed: u64,
    replications: u64,
    progress: &(dyn Fn(u64) + Sync),
    stop: StopCheck<'_>,
) -> Result<Vec<VariantResult>, Stopped> {
    let prepared: Vec<Prepared> = variants.iter().map(|s| Prepared::new(s)).collect();
    let mut accumulators: Vec<Accumulator> = variants
        .iter()
        .zip(&prepared)
        .map(|(s, p)| Accumulator::new(s, p, seed))
        .collect();
    // For each variant, for each of its milestones, the index of the same id in the first.
    let first = variants[0];
    let matches: Vec<Vec<(usize, usize)>> = variants
        .iter()
        .map(|variant| {
            variant
                .milestones
                .iter()
                .enumerate()
                .filter_map(|(index, m)| {
                    first
                        .milestones
                        .iter()
                        .position(|f| f.id == m.id)
                        .map(|f| (index, f))
                })
                .collect()
        })
        .collect();
    let mut differences: Vec<Vec<Running>> = matches
        .iter()
        .map(|m| vec![Running::default(); m.len()])
        .collect();
    replicate_until(
        replications,
        BATCH,
        |replication| -> Vec<Replication> {
            variants
                .iter()
                .zip(&prepared)
                .map(|(scenario, prepared)| run_replication(scenario, prepared, seed, replication))
                .collect()
        },
        |per_variant| {
            let day_of = |variant: usize, milestone: usize| -> f64 {
                let scenario = variants[variant];
                let calendar = &prepared[variant].calendar;
                let reached =
                    per_variant[variant].milestone_day(&scenario.milestones[milestone], calendar);
                // Dates are compared, so day indices are shifted to the first variant's start.
                let offset = prepared[0].calendar.day_of(calendar.start) as f64;
                reached.map_or(calendar.n_days as f64, f64::from) + offset
            };
            for (variant, outcome) in per_variant.iter().enumerate() {
                accumulators[variant].add(outcome);
                for (slot, &(index, first_index)) in matches[variant].iter().enumerate() {
                    differences[variant][slot]
                        .push(day_of(variant, index) - day_of(0, first_index));
                }
            }
        },
        progress,
        stop,
    )?;
    Ok(accumulators
        .into_iter()
        .enumerate()
        .map(|(variant, accumulator)| VariantResult {
            forecast: accumulator.finish(),
            differences: if variant == 0 {
                Vec::new()
            } else {
                matches[variant]
                    .iter()
                    .zip(&differences[variant])
                    .map(|(&(index, _), running)| PairedDifference {
                        milestone: variants[variant].milestones[index].id.clone(),
                        days: running.estimate(),
                    })
                    .collect()
            },
        })
        .collect())
}

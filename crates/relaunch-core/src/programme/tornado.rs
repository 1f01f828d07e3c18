//! The risk tornado: what each risk of the register does to each milestone, measured by
//! forecasting again with that risk switched off, on the same random numbers.
//!
//! A risk is switched off by giving it probability 0 and taking it out of every other risk's
//! `implies`, so it never occurs, neither by its own draw nor implied. Its stream is still drawn
//! as before (the uniform and the impact, see [`super::draw`]), so every other draw of every
//! replication is unchanged: the difference between the two forecasts is the risk's alone, not
//! noise. The cost is one more forecast (of the same replications) per risk, each replication of
//! which ends once every milestone is reached: only the milestones are read.

use crate::model::Scenario;
use crate::montecarlo::{
    Forecast, MilestoneForecast, RiskEffect, StopCheck, Stopped, forecast_watching_until,
};
use crate::schedule::days_between;
use crate::sim::Relaxations;

/// The scenario with risk `risk` switched off: probability 0, implied by no other risk.
pub fn without_risk(scenario: &Scenario, risk: usize) -> Scenario {
    let mut off = scenario.clone();
    for (index, other) in off.programme.risks.iter_mut().enumerate() {
        if index == risk {
            other.probability = 0.0;
        }
        other.implies.retain(|&implied| implied != risk);
    }
    off
}

/// Fills `base.programme.risks[r].effects` for every risk `r`, one milestone after another:
/// `base` is the forecast of `scenario` under `seed`, `replications` and `relax`, and each risk
/// is forecast again without it on the same settings. `progress` hears the replications done
/// over all the risks' forecasts (`risks × replications` in all). Nothing happens without a
/// programme.
pub fn tornado(
    scenario: &Scenario,
    seed: u64,
    replications: u64,
    relax: Relaxations,
    base: &mut Forecast,
    progress: &(dyn Fn(u64) + Sync),
) {
    tornado_until(scenario, seed, replications, relax, base, progress, &|| {
        false
    })
    .expect("a tornado never asked to stop finishes")
}

/// [`tornado`] that stops, returning [`Stopped`], once `stop` says so (checked before each
/// replication); the risks measured before then keep their effects.
pub fn tornado_until(
    scenario: &Scenario,
    seed: u64,
    replications: u64,
    relax: Relaxations,
    base: &mut Forecast,
    progress: &(dyn Fn(u64) + Sync),
    stop: StopCheck<'_>,
) -> Result<(), Stopped> {
    let Some(programme) = &mut base.programme else {
        return Ok(());
    };
    let every_day = vec![crate::milestones::Need::Day; scenario.milestones.len()];
    for (index, risk) in programme.risks.iter_mut().enumerate() {
        let done_before = index as u64 * replications;
        // Only the milestones are read: each replication ends once they are all reached.
        let without = forecast_watching_until(
            &without_risk(scenario, index),
            seed,
            replications,
            relax,
            Some(&every_day),
            &|done| progress(done_before + done),
            stop,
        )?;
        risk.effects = effects(&base.milestones, &without);
    }
    Ok(())
}

/// Fills each risk's effects in `base` from `without[r]`, the forecast without risk `r` on the
/// same replications (for forecasts merged from shards, see [`crate::montecarlo::Partial`]).
pub fn fill_effects(base: &mut Forecast, without: &[Forecast]) {
    let milestones = base.milestones.clone();
    if let Some(programme) = &mut base.programme {
        for (risk, without) in programme.risks.iter_mut().zip(without) {
            risk.effects = effects(&milestones, without);
        }
    }
}

fn effects(with: &[MilestoneForecast], without: &Forecast) -> Vec<RiskEffect> {
    with.iter()
        .zip(&without.milestones)
        .map(|(with, without)| effect(with, without))
        .collect()
}

/// The risk's effect on one milestone: forecast `with` it minus forecast `without` it.
fn effect(with: &MilestoneForecast, without: &MilestoneForecast) -> RiskEffect {
    let added = |with: Option<jiff::civil::Date>, without: Option<jiff::civil::Date>| {
        Some(days_between(without?, with?))
    };
    RiskEffect {
        milestone: with.id.clone(),
        p50_days: added(with.p50, without.p50),
        p90_days: added(with.p90, without.p90),
        on_time_loss: without
            .on_time_probability
            .zip(with.on_time_probability)
            .map(|(without, with)| without - with),
    }
}

//! relaunch-plan: the least-cost plan that meets the milestones at a chosen confidence.
//!
//! An optimiser proposes, the simulation checks, the loop tightens:
//!
//! 1. [`inputs`] reads the scenario through a forecast of it (learning position, yield, task
//!    dates) into the linear figures of the [`mip`];
//! 2. [`mip::propose`] finds, with HiGHS, the cheapest hires, kit orders, release rates and
//!    shifts that meet every dated milestone on those figures;
//! 3. the caller's `check` simulates the proposal (the application layer writes it into the
//!    scenario and runs the Monte Carlo on common random numbers);
//! 4. where a milestone's on-time probability is under the confidence, [`tighten`] plans it
//!    earlier, orders kits sooner and derates the line, and the loop goes back to 1 with the
//!    new plan's forecast as the reference.
//!
//! It stops when every dated milestone meets the confidence, when a round changes nothing
//! the optimiser can use, or after the rounds allowed; the result keeps every round. No IO: the
//! crate is pure like the core; HiGHS runs single-threaded, so a plan is the same on any
//! machine.

pub mod inputs;
pub mod kits;
pub mod mip;
pub mod tighten;

use relaunch_core::Scenario;
use relaunch_core::montecarlo::Forecast;

pub use inputs::{PlanInputs, Reference, ReleaseDay};
pub use mip::{Proposal, SolveError, propose};
pub use tighten::{Shortfall, Tightening};

/// What the loop is asked for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanSettings {
    /// The on-time probability every dated milestone must reach, in (0, 1).
    pub confidence: f64,
    /// Proposals checked at most.
    pub max_rounds: u32,
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings {
            confidence: 0.9,
            max_rounds: 8,
        }
    }
}

/// One proposal and what the simulation said of it.
#[derive(Debug, Clone)]
pub struct Round {
    pub inputs: PlanInputs,
    pub proposal: Proposal,
    /// The proposal written into the scenario, as simulated.
    pub scenario: Scenario,
    pub forecast: Forecast,
    pub shortfall: Shortfall,
}

/// The loop's outcome.
#[derive(Debug, Clone)]
pub struct PlanOutcome {
    /// Every round, in order.
    pub rounds: Vec<Round>,
    /// The round chosen: the first that met the confidence, else the closest (most milestones
    /// met, then the smallest total shortfall of probability).
    pub chosen: usize,
    /// Whether the chosen round meets the confidence for every dated milestone.
    pub met: bool,
}

impl PlanOutcome {
    pub fn chosen(&self) -> &Round {
        &self.rounds[self.chosen]
    }
}

/// Why the loop stopped without a plan.
#[derive(Debug, thiserror::Error)]
pub enum PlanError<E> {
    #[error(transparent)]
    Solve(#[from] SolveError),
    /// The caller's check failed.
    #[error("checking a proposal failed: {0}")]
    Check(E),
}

/// Runs the loop from `scenario` and its `forecast`; `check` turns a proposal into the scenario
/// it makes and that scenario's forecast (on the same random numbers every round).
pub fn plan<E, Check>(
    scenario: &Scenario,
    forecast: &Forecast,
    settings: PlanSettings,
    mut check: Check,
) -> Result<PlanOutcome, PlanError<E>>
where
    Check: FnMut(&PlanInputs, &Proposal) -> Result<(Scenario, Forecast), E>,
{
    let mut reference = Reference::of(scenario, forecast, settings.confidence);
    let mut tightening = Tightening::at_confidence(scenario, settings.confidence);
    let mut rounds: Vec<Round> = Vec::new();
    for _ in 0..settings.max_rounds.max(1) {
        let inputs = PlanInputs::derive(scenario, &reference, &tightening);
        let proposal = propose(&inputs)?;
        let (planned, checked) = check(&inputs, &proposal).map_err(PlanError::Check)?;
        let shortfall = Tightening::shortfall(&planned, &checked, settings.confidence);
        let done = shortfall.is_empty();
        let next_reference = Reference::of(&planned, &checked, settings.confidence);
        let round = Round {
            inputs,
            proposal,
            scenario: planned,
            forecast: checked,
            shortfall,
        };
        let planned_short: Vec<(usize, f64)> = round
            .inputs
            .targets
            .iter()
            .zip(&round.proposal.shortfalls)
            .map(|(target, &short)| (target.milestone, short))
            .collect();
        let changed = !done
            && tightening.tighten(
                &round.scenario,
                &round.forecast,
                settings.confidence,
                &round.shortfall,
                &planned_short,
            );
        rounds.push(round);
        if done || !changed {
            break;
        }
        reference = next_reference;
    }
    let chosen = choose(&rounds, settings.confidence);
    let met = rounds[chosen].shortfall.is_empty();
    Ok(PlanOutcome {
        rounds,
        chosen,
        met,
    })
}

/// The first round that met the confidence, else the one with the fewest milestones short,
/// then the smallest total shortfall of probability (Σ confidence − p over those short), then the
/// earliest.
fn choose(rounds: &[Round], confidence: f64) -> usize {
    if let Some(first) = rounds.iter().position(|r| r.shortfall.is_empty()) {
        return first;
    }
    let score = |round: &Round| {
        let deficit: f64 = round
            .shortfall
            .milestones
            .iter()
            .map(|&(_, p)| (confidence - p).max(0.0))
            .sum();
        (round.shortfall.milestones.len(), deficit)
    };
    let mut best = 0;
    for (index, round) in rounds.iter().enumerate().skip(1) {
        let (short, deficit) = score(round);
        let (best_short, best_deficit) = score(&rounds[best]);
        if short < best_short || (short == best_short && deficit < best_deficit - 1e-12) {
            best = index;
        }
    }
    best
}

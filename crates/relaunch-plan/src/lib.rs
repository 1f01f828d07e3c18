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
//!    new plan's forecast as the reference;
//! 5. once a proposal meets the confidence, a milestone met with room to spare is planned
//!    later (halving the way back toward the last plan that met when a looser one fails), so
//!    the plan chosen is the cheapest that met.
//!
//! It stops when every dated milestone meets the confidence without room to spare, when a
//! round changes nothing the optimiser can use, when two rounds in a row come no closer, or
//! after the rounds allowed; the result keeps every round it simulated. No IO: the
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
pub use tighten::{Shortfall, Tightening, movable};

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
    /// The round chosen: the cheapest that met the confidence, else the closest (most
    /// milestones met, then the smallest total shortfall of probability).
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
///
/// It tightens until a proposal meets the confidence; then, while the plan meets a milestone
/// with room to spare, it loosens that milestone's target (and halves the way back toward the
/// last plan that met whenever a looser one does not), so that the plan chosen is the cheapest
/// that met, not the first. A proposal the optimiser already made is not simulated again.
pub fn plan<E, Check>(
    scenario: &Scenario,
    forecast: &Forecast,
    settings: PlanSettings,
    mut check: Check,
) -> Result<PlanOutcome, PlanError<E>>
where
    Check: FnMut(&PlanInputs, &Proposal) -> Result<(Scenario, Forecast), E>,
{
    let confidence = settings.confidence;
    let margin = sampling_margin(confidence, forecast.replications);
    let mut reference = Reference::of(scenario, forecast, confidence);
    let mut tightening = Tightening::at_confidence(scenario, confidence);
    let mut rounds: Vec<Round> = Vec::new();
    // The loosest tightening that met, and the last that did not.
    let mut met: Option<Tightening> = None;
    let mut failed: Option<Tightening> = None;
    // Rounds in a row (while tightening) that came no closer than the best before them.
    let mut stale = 0;
    let max_rounds = settings.max_rounds.max(1) as usize;
    for _ in 0..max_rounds * 4 {
        let inputs = PlanInputs::derive(scenario, &reference, &tightening);
        let proposal = propose(&inputs)?;
        let (planned, checked) = match rounds.iter().find(|round| round.proposal == proposal) {
            Some(same) => (same.scenario.clone(), same.forecast.clone()),
            None if rounds.len() >= max_rounds => break,
            None => {
                let (planned, checked) = check(&inputs, &proposal).map_err(PlanError::Check)?;
                let shortfall = Tightening::shortfall(&planned, &checked, confidence);
                rounds.push(Round {
                    inputs: inputs.clone(),
                    proposal: proposal.clone(),
                    scenario: planned.clone(),
                    forecast: checked.clone(),
                    shortfall,
                });
                (planned, checked)
            }
        };
        let shortfall = Tightening::shortfall(&planned, &checked, confidence);
        reference = Reference::of(&planned, &checked, confidence);
        let next = if shortfall.is_empty() {
            met = Some(tightening.clone());
            if !Tightening::overshoots(&planned, &checked, confidence, margin) {
                break;
            }
            match &failed {
                Some(failed) => tightening.toward(failed),
                None => {
                    let mut looser = tightening.clone();
                    looser
                        .loosen(&planned, &checked, confidence, margin)
                        .then_some(looser)
                }
            }
        } else if let Some(met) = &met {
            failed = Some(tightening.clone());
            met.toward(&tightening)
        } else {
            failed = Some(tightening.clone());
            let planned_short: Vec<(usize, f64)> = inputs
                .targets
                .iter()
                .zip(&proposal.shortfalls)
                .map(|(target, &short)| (target.milestone, short))
                .collect();
            let best = rounds[..rounds.len().saturating_sub(1)]
                .iter()
                .map(|round| score(round, confidence))
                .min_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            let now = (shortfall.milestones.len(), deficit(&shortfall, confidence));
            let closer = best
                .is_none_or(|(short, gap)| now.0 < short || (now.0 == short && now.1 < gap - 1e-9));
            stale = if closer { 0 } else { stale + 1 };
            let mut tighter = tightening.clone();
            let changed =
                tighter.tighten(&planned, &checked, confidence, &shortfall, &planned_short);
            (changed && stale < 2).then_some(tighter)
        };
        match next {
            Some(next) => tightening = next,
            None => break,
        }
    }
    let chosen = choose(&rounds, confidence);
    let met = rounds[chosen].shortfall.is_empty();
    Ok(PlanOutcome {
        rounds,
        chosen,
        met,
    })
}

/// Twice the standard error of an on-time probability at `confidence` over `replications`
/// runs: a plan on time that much more often than asked has room to spare.
fn sampling_margin(confidence: f64, replications: u64) -> f64 {
    2.0 * (confidence * (1.0 - confidence) / replications.max(1) as f64).sqrt()
}

fn deficit(shortfall: &Shortfall, confidence: f64) -> f64 {
    shortfall
        .milestones
        .iter()
        .map(|&(_, p)| (confidence - p).max(0.0))
        .sum()
}

/// Milestones short, then the total shortfall of probability: smaller is closer.
fn score(round: &Round, confidence: f64) -> (usize, f64) {
    (
        round.shortfall.milestones.len(),
        deficit(&round.shortfall, confidence),
    )
}

/// The cheapest round that met the confidence (by the optimiser's cost; the earliest of equals),
/// else the one with the fewest milestones short, then the smallest total shortfall of
/// probability (Σ confidence − p over those short), then the earliest.
fn choose(rounds: &[Round], confidence: f64) -> usize {
    let cheapest_met = rounds
        .iter()
        .enumerate()
        .filter(|(_, round)| round.shortfall.is_empty())
        .min_by(|(_, a), (_, b)| a.proposal.cost.total_cmp(&b.proposal.cost))
        .map(|(index, _)| index);
    if let Some(index) = cheapest_met {
        return index;
    }
    let mut best = 0;
    for (index, round) in rounds.iter().enumerate().skip(1) {
        let (short, gap) = score(round, confidence);
        let (best_short, best_gap) = score(&rounds[best], confidence);
        if short < best_short || (short == best_short && gap < best_gap - 1e-12) {
            best = index;
        }
    }
    best
}

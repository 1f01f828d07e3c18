//! "Why late" of a stored programme (the dashboard's button): with actuals stored, the analysis
//! of the rest of the horizon from the same as-of state as its last stored forecast
//! (`relaunch_core::tracking::why_as_of_until`: each subset of factors relaxed in what is still
//! to come), with that forecast's seed and replications, leaving out the milestones the actuals
//! have reached; without actuals, the plan's analysis from day 0 ([`crate::explain`]).
//!
//! The analysis from actuals is never calibrated: a calibration draws its estimates over the
//! scenario and would undo the relaxations, so it explains the scenario's own assumptions from
//! the as-of state.

use jiff::civil::Date;
use relaunch_core::Scenario;
use relaunch_core::actuals::Actuals;
use relaunch_core::tracking::{state_at, why_as_of_until};
use relaunch_report::why::WhyDocument;

use super::whatif::{Basis, standing};
use super::{StoreHandle, catalogue, tracking_error};
use crate::AppError;
use crate::explain::{Explanation, analyse, check_milestones, subsets};
use crate::ports::{Services, Work};
use crate::run::RunSettings;

/// A "why late" asked for.
#[derive(Debug, Clone, Default)]
pub struct WhyRequest {
    pub programme: String,
    /// Replications default to the stored forecast's, else the scenario's.
    pub settings: RunSettings,
}

/// An analysis read and checked, ready to run.
#[derive(Debug)]
pub struct WhyLate {
    scenario: Scenario,
    settings: RunSettings,
    basis: Basis,
    actuals: Option<Actuals>,
}

/// The outcome of [`WhyLate::run`].
#[derive(Debug)]
pub struct WhyOutcome {
    /// The milestones not yet reached (all of them from day 0).
    pub document: WhyDocument,
    /// The ranked table of the same milestones.
    pub text: String,
    pub basis: Basis,
    /// The milestones the actuals have reached, left out, with the day.
    pub reached: Vec<(String, Date)>,
    pub replications: u64,
}

/// Reads programme `request.programme`'s latest version and where it stands; refuses an
/// unknown programme, one without milestones and a run over the work limit.
pub fn prepare(store: &StoreHandle, request: &WhyRequest) -> Result<WhyLate, AppError> {
    let stored = catalogue::latest(store, &request.programme)?;
    let scenario = stored.programme.scenario.clone();
    check_milestones(&scenario, None)?;
    let mut settings = request.settings;
    let (basis, actuals) = match standing(store, &stored, &scenario)? {
        Some(standing) => {
            settings.seed = settings.seed.or(standing.seed);
            settings.replications = settings.replications.or(standing.replications);
            let basis = match standing.basis {
                Basis::Actuals {
                    as_of, forecast, ..
                } => Basis::Actuals {
                    as_of,
                    calibrated: false,
                    forecast,
                },
                Basis::Plan => Basis::Plan,
            };
            (basis, Some(standing.actuals))
        }
        None => (Basis::Plan, None),
    };
    settings.check_work(&scenario, subsets(&scenario))?;
    Ok(WhyLate {
        scenario,
        settings,
        basis,
        actuals,
    })
}

impl WhyLate {
    /// Where it starts.
    pub fn basis(&self) -> &Basis {
        &self.basis
    }

    /// Runs the analysis (32 forecasts, 64 with a programme), reporting progress by subset.
    pub fn run(&self, services: &Services<'_>) -> Result<WhyOutcome, AppError> {
        let scenario = &self.scenario;
        let explanation = match (&self.basis, &self.actuals) {
            (Basis::Actuals { as_of, .. }, Some(actuals)) => {
                let resolved = self.settings.resolve(scenario);
                let state = state_at(scenario, actuals, *as_of).map_err(tracking_error)?;
                let pool = self.settings.pool()?;
                let progress = services.progress;
                progress.start(Work::Explain, subsets(scenario));
                let result = pool.install(|| {
                    why_as_of_until(
                        scenario,
                        &state,
                        (resolved.seed, resolved.replications),
                        &[],
                        &|done| progress.advance(done),
                        &|| progress.stopped(),
                    )
                });
                progress.finish();
                Explanation {
                    result: result.map_err(tracking_error)?,
                    seed: resolved.seed,
                    replications: resolved.replications,
                }
            }
            _ => analyse(scenario, &self.settings, &[], services)?,
        };
        let reached: Vec<(String, Date)> = explanation
            .result
            .actual
            .milestones
            .iter()
            .filter_map(|milestone| Some((milestone.id.clone(), milestone.actual?)))
            .collect();
        let mut explanation = explanation;
        explanation
            .result
            .milestones
            .retain(|milestone| !reached.iter().any(|(id, _)| *id == milestone.id));
        Ok(WhyOutcome {
            document: explanation.document(scenario, None),
            text: explanation.text(scenario, None),
            basis: self.basis.clone(),
            reached,
            replications: explanation.replications,
        })
    }
}

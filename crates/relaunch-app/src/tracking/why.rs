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

/// The most replications of each of the analysis's forecasts by default (it runs 32 of them,
/// 64 with a programme; the shares settle long before the stored forecast's count).
pub const MAX_DEFAULT_REPLICATIONS: u64 = 100;

/// A "why late" asked for.
#[derive(Debug, Clone, Default)]
pub struct WhyRequest {
    pub programme: String,
    /// Replications default to the stored forecast's, else the scenario's, up to
    /// [`MAX_DEFAULT_REPLICATIONS`].
    pub settings: RunSettings,
}

/// An analysis read and checked, ready to run.
#[derive(Debug)]
pub struct WhyLate {
    scenario: Scenario,
    settings: RunSettings,
    basis: Basis,
    /// The stored forecast it follows was calibrated (the analysis never is).
    forecast_calibrated: bool,
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
    /// The stored forecast the analysis follows was calibrated from the actuals, so its dates
    /// may differ from the analysis's (which is not).
    pub forecast_calibrated: bool,
}

/// Reads programme `request.programme`'s latest version and where it stands; refuses an
/// unknown programme, one without milestones and a run over the work limit.
pub fn prepare(store: &StoreHandle, request: &WhyRequest) -> Result<WhyLate, AppError> {
    let stored = catalogue::latest(store, &request.programme)?;
    let scenario = stored.programme.scenario.clone();
    check_milestones(&scenario, None)?;
    let mut settings = request.settings;
    let mut forecast_calibrated = false;
    let mut stored_replications = None;
    let (basis, actuals) = match standing(store, &stored, &scenario)? {
        Some(standing) => {
            settings.seed = settings.seed.or(standing.seed);
            stored_replications = standing.replications;
            let basis = match standing.basis {
                Basis::Actuals {
                    as_of,
                    forecast,
                    calibrated,
                } => {
                    forecast_calibrated = calibrated;
                    Basis::Actuals {
                        as_of,
                        calibrated: false,
                        forecast,
                    }
                }
                Basis::Plan => Basis::Plan,
            };
            (basis, Some(standing.actuals))
        }
        None => (Basis::Plan, None),
    };
    settings.replications = settings.replications.or(Some(
        stored_replications
            .unwrap_or(u64::from(scenario.replications))
            .min(MAX_DEFAULT_REPLICATIONS),
    ));
    settings.check_work(&scenario, subsets(&scenario))?;
    Ok(WhyLate {
        scenario,
        settings,
        basis,
        forecast_calibrated,
        actuals,
    })
}

impl WhyLate {
    /// Where it starts.
    pub fn basis(&self) -> &Basis {
        &self.basis
    }

    /// The replications of each of its forecasts.
    pub fn replications(&self) -> u64 {
        self.settings.resolve(&self.scenario).replications
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
            forecast_calibrated: self.forecast_calibrated,
        })
    }
}

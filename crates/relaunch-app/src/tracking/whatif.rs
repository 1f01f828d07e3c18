//! A what-if of a stored programme (the dashboard's what-if panel): its latest version with a
//! few values changed ([`crate::whatif`]), forecast from where the programme stands. With
//! actuals stored, that is the state at the end of the as-of day of its last stored forecast
//! from actuals (its seed and calibration too), else of the last actuals date: the core's
//! forecast from actuals, as [`super::forecast::forecast`] makes it, so that a what-if with no
//! change gives the stored forecast's figures. Without actuals it is the plan from day 0
//! (`simulate`). Nothing is stored.
//!
//! ```text
//!   programme ──► latest version ──(overrides)──► changed scenario ─┐
//!   actuals? ──► Basis::Actuals { as_of, .. } ──► run_as_of ────────┼─► ResultDocument
//!            └─► Basis::Plan ─────────────────► forecast (day 0) ───┘
//! ```
//!
//! [`prepare`] reads the store and refuses what can be refused before a run (an unknown
//! programme, a bad override, a run too long); [`WhatIf::run`] runs without the store.

use jiff::civil::Date;
use relaunch_core::Scenario;
use relaunch_core::actuals::Actuals;
use relaunch_report::ResultDocument;
use serde_json::Value;

use super::forecast::{pace_warning, run_as_of};
use super::{StoreHandle, as_of_date, catalogue, stored_actuals};
use crate::AppError;
use crate::forecast::{ForecastRequest, forecast};
use crate::ports::Services;
use crate::run::{RunSettings, forecasts_with_tornado};
use crate::run_input::WHAT_IF_FILE;
use crate::whatif::{Override, apply_and_load};

/// Where a run of a stored programme starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// From the state at the end of `as_of`, read from the stored actuals.
    Actuals {
        as_of: Date,
        /// Calibrated from the actuals (as the stored forecast it follows was).
        calibrated: bool,
        /// The stored forecast whose as-of date, seed and calibration it takes, if any.
        forecast: Option<i64>,
    },
    /// The plan from day 0: no actuals are stored.
    Plan,
}

impl Basis {
    /// The basis in words, for a banner: "from the actuals to 2024-04-26 (as forecast #3)" or
    /// "the plan from day 0 (no actuals yet)".
    pub fn words(&self) -> String {
        match self {
            Basis::Actuals {
                as_of,
                calibrated,
                forecast,
            } => {
                let mut words = format!("from the actuals to {as_of}");
                match forecast {
                    Some(id) => words.push_str(&format!(", as stored forecast #{id}")),
                    None => words.push_str(", the last actuals date"),
                }
                if *calibrated {
                    words.push_str(", calibrated from them");
                }
                words
            }
            Basis::Plan => "the plan from day 0 (no actuals yet)".to_string(),
        }
    }

    /// `"actuals"` or `"plan"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Basis::Actuals { .. } => "actuals",
            Basis::Plan => "plan",
        }
    }
}

/// Where programme `scenario` stands in the store: its actuals resolved against `scenario`
/// (which may be a changed version of the stored one) and the basis they give, the seed and
/// replications of the stored forecast followed, and the as-of warnings; `None` without
/// actuals.
pub(crate) struct Standing {
    pub actuals: Actuals,
    pub basis: Basis,
    pub seed: Option<u64>,
    pub replications: Option<u64>,
    pub warnings: Vec<String>,
}

/// The standing of `stored` (a programme read from the store), its actuals read against
/// `scenario`.
pub(crate) fn standing(
    store: &StoreHandle,
    stored: &catalogue::StoredProgramme,
    scenario: &Scenario,
) -> Result<Option<Standing>, AppError> {
    let name = stored.programme.name().to_string();
    if store.call(|store| store.actuals(&name))?.is_empty() {
        return Ok(None);
    }
    let (rows, _) = stored_actuals(store, &stored.programme)?;
    let actuals = Actuals::resolve(&rows, scenario).map_err(|problems| {
        AppError::Request(format!(
            "the stored actuals no longer fit the changed scenario: {}",
            problems
                .iter()
                .map(|problem| problem.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })?;
    let last = store
        .call(|store| store.forecasts(&name))?
        .into_iter()
        .filter(|forecast| forecast.kind == "forecast" && forecast.as_of.is_some())
        .max_by_key(|forecast| forecast.id);
    let wanted = last.as_ref().and_then(|forecast| forecast.as_of);
    let as_of = as_of_date(scenario, &actuals, wanted)?;
    Ok(Some(Standing {
        actuals,
        basis: Basis::Actuals {
            as_of: as_of.date,
            calibrated: last.as_ref().is_some_and(|forecast| forecast.calibrated),
            forecast: last.as_ref().map(|forecast| forecast.id),
        },
        seed: last.as_ref().map(|forecast| forecast.seed),
        replications: last.as_ref().map(|forecast| forecast.replications),
        warnings: as_of.warnings,
    }))
}

/// A what-if asked for.
#[derive(Debug, Clone, Default)]
pub struct WhatIfRequest {
    /// The stored programme's name.
    pub programme: String,
    /// The changes, applied in order to the latest version.
    pub overrides: Vec<Override>,
    /// Replications and threads; the seed defaults to the stored forecast's, else the
    /// scenario's.
    pub settings: RunSettings,
}

/// A what-if read and checked, ready to run.
#[derive(Debug)]
pub struct WhatIf {
    name: String,
    scenario: Scenario,
    settings: RunSettings,
    basis: Basis,
    /// With actuals: them, and the as-of warnings.
    actuals: Option<(Actuals, Vec<String>)>,
}

/// The outcome of [`WhatIf::run`].
#[derive(Debug)]
pub struct WhatIfOutcome {
    pub document: ResultDocument,
    pub basis: Basis,
}

/// Reads programme `request.programme`'s latest version, applies the overrides and decides the
/// basis; refuses an unknown programme, a bad override and a run over the work limit.
pub fn prepare(store: &StoreHandle, request: &WhatIfRequest) -> Result<WhatIf, AppError> {
    let stored = catalogue::latest(store, &request.programme)?;
    let scenario = if request.overrides.is_empty() {
        stored.programme.scenario.clone()
    } else {
        let resolved: Value = serde_json::from_str(&stored.programme.text)?;
        apply_and_load(WHAT_IF_FILE, &resolved, &request.overrides)?
            .0
            .scenario
    };
    let mut settings = request.settings;
    let (basis, actuals) = match standing(store, &stored, &scenario)? {
        Some(standing) => {
            settings.seed = settings.seed.or(standing.seed);
            (standing.basis, Some((standing.actuals, standing.warnings)))
        }
        None => (Basis::Plan, None),
    };
    settings.check_work(&scenario, forecasts_with_tornado(&scenario, false))?;
    Ok(WhatIf {
        name: request.programme.clone(),
        scenario,
        settings,
        basis,
        actuals,
    })
}

impl WhatIf {
    /// The changed scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Where it starts.
    pub fn basis(&self) -> &Basis {
        &self.basis
    }

    /// Forecasts the changed scenario from its basis, without the risk tornado.
    pub fn run(&self, services: &Services<'_>) -> Result<WhatIfOutcome, AppError> {
        let document = match (&self.basis, &self.actuals) {
            (
                Basis::Actuals {
                    as_of, calibrated, ..
                },
                Some((actuals, warnings)),
            ) => {
                let run = run_as_of(
                    &self.scenario,
                    actuals,
                    *as_of,
                    &self.settings,
                    *calibrated,
                    false,
                    services,
                )?;
                let mut document =
                    ResultDocument::new(&self.scenario, &run.forecast, Some(run.perf));
                let mut warnings = warnings.clone();
                warnings.extend(pace_warning(&document, *as_of));
                document.warnings = warnings;
                document.calibrated = *calibrated;
                document
            }
            _ => {
                let request = ForecastRequest {
                    scenario: self.scenario.clone(),
                    scenario_file: format!("{}.toml", self.name),
                    settings: self.settings,
                    explain: false,
                    tornado: false,
                };
                forecast(&request, services, None)?.document
            }
        };
        Ok(WhatIfOutcome {
            document,
            basis: self.basis.clone(),
        })
    }
}

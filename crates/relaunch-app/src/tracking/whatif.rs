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
    /// scenario's, and the replications to the stored forecast's up to
    /// [`MAX_DEFAULT_REPLICATIONS`].
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

/// The most replications a what-if takes by default: the stored forecast's, up to this many
/// (a what-if wants its answer in seconds; with no change, it then gives the stored forecast's
/// figures whenever that forecast had at most this many).
pub const MAX_DEFAULT_REPLICATIONS: u64 = 1_000;

/// The last stored forecast of `name` of kind `kind` (`"forecast"` from actuals, `"plan"`).
fn last_forecast(
    store: &StoreHandle,
    name: &str,
    kind: &str,
) -> Result<Option<relaunch_store::StoredForecast>, AppError> {
    Ok(store
        .call(|store| store.forecasts(name))?
        .into_iter()
        .filter(|forecast| forecast.kind == kind)
        .max_by_key(|forecast| forecast.id))
}

/// What a what-if of a stored programme starts from when nothing is asked: its basis, and the
/// replications and seed of the stored forecast it follows (replications capped at
/// [`MAX_DEFAULT_REPLICATIONS`]; without a stored forecast, the scenario's, capped alike).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defaults {
    pub basis: Basis,
    pub replications: u64,
    pub seed: Option<u64>,
}

/// The [`Defaults`] of programme `name`'s latest version (for the page's what-if panel).
pub fn defaults(store: &StoreHandle, name: &str) -> Result<Defaults, AppError> {
    let stored = catalogue::latest(store, name)?;
    let scenario = stored.programme.scenario.clone();
    let standing = standing(store, &stored, &scenario)?;
    defaults_of(store, &stored, &scenario, standing.as_ref())
}

fn defaults_of(
    store: &StoreHandle,
    stored: &catalogue::StoredProgramme,
    scenario: &Scenario,
    standing: Option<&Standing>,
) -> Result<Defaults, AppError> {
    let (basis, replications, seed) = match standing {
        Some(standing) => (standing.basis.clone(), standing.replications, standing.seed),
        None => {
            let plan = last_forecast(store, stored.programme.name(), super::plan::PLAN_KIND)?;
            (
                Basis::Plan,
                plan.as_ref().map(|forecast| forecast.replications),
                plan.as_ref().map(|forecast| forecast.seed),
            )
        }
    };
    Ok(Defaults {
        basis,
        replications: replications
            .unwrap_or(u64::from(scenario.replications))
            .min(MAX_DEFAULT_REPLICATIONS),
        seed,
    })
}

/// The first value of `overrides` that is a date (`YYYY-MM-DD`, at any depth of the value) on
/// or before `as_of` and not already there in `resolved` (the scenario before the change): its
/// key path and the date. A what-if from the actuals to `as_of` cannot move an event into the
/// past: the actuals decide what happened up to then, so such an event would be dropped.
pub fn past_date(resolved: &Value, overrides: &[Override], as_of: Date) -> Option<(String, Date)> {
    fn walk(resolved: &Value, path: String, value: &Value, as_of: Date) -> Option<(String, Date)> {
        match value {
            Value::String(text) => {
                let date: Date = (text.len() == 10).then(|| text.parse().ok()).flatten()?;
                let unchanged = crate::whatif::value_at(resolved, &path) == Some(value);
                (date <= as_of && !unchanged).then_some((path, date))
            }
            Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(index, item)| walk(resolved, format!("{path}[{index}]"), item, as_of)),
            Value::Object(table) => table
                .iter()
                .find_map(|(key, item)| walk(resolved, format!("{path}.{key}"), item, as_of)),
            _ => None,
        }
    }
    overrides
        .iter()
        .find_map(|change| walk(resolved, change.path.clone(), &change.value, as_of))
}

/// Reads programme `request.programme`'s latest version, applies the overrides and decides the
/// basis; refuses an unknown programme, a bad override, a date moved to on or before the as-of
/// date of a what-if from the actuals, and a run over the work limit.
pub fn prepare(store: &StoreHandle, request: &WhatIfRequest) -> Result<WhatIf, AppError> {
    let stored = catalogue::latest(store, &request.programme)?;
    let resolved: Value = serde_json::from_str(&stored.programme.text)?;
    let scenario = if request.overrides.is_empty() {
        stored.programme.scenario.clone()
    } else {
        apply_and_load(WHAT_IF_FILE, &resolved, &request.overrides)?
            .0
            .scenario
    };
    let standing = standing(store, &stored, &scenario)?;
    let defaults = defaults_of(store, &stored, &scenario, standing.as_ref())?;
    if let Basis::Actuals { as_of, .. } = defaults.basis
        && let Some((path, date)) = past_date(&resolved, &request.overrides, as_of)
    {
        return Err(AppError::Request(format!(
            "a what-if from the actuals to {as_of} changes only what is still to come: {path} = \
             {date} is on or before it (the actuals say what happened up to then, so that \
             change would be dropped); pick a date after {as_of}"
        )));
    }
    let mut settings = request.settings;
    settings.seed = settings.seed.or(defaults.seed);
    settings.replications = settings.replications.or(Some(defaults.replications));
    let actuals = standing.map(|standing| (standing.actuals, standing.warnings));
    settings.check_work(&scenario, forecasts_with_tornado(&scenario, false))?;
    Ok(WhatIf {
        name: request.programme.clone(),
        scenario,
        settings,
        basis: defaults.basis,
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

    /// The replications it runs.
    pub fn replications(&self) -> u64 {
        self.settings.resolve(&self.scenario).replications
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
                    overrides: Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_date_moved_to_on_or_before_the_as_of_date_is_found_by_its_key_path() {
        let resolved = json!({
            "workforce": {"hires": [{"date": "2023-10-02", "count": 30}, {"date": "2024-06-03", "count": 26}]},
            "calendar": {"shifts": [{"from": "2023-11-01", "count": 1}, {"from": "2024-07-08", "count": 2}]},
        });
        let as_of: Date = "2024-04-26".parse().unwrap();
        let change = |path: &str, value: Value| Override {
            path: path.to_string(),
            value,
        };
        let found = |overrides: &[Override]| {
            past_date(&resolved, overrides, as_of).map(|(path, date)| (path, date.to_string()))
        };
        assert_eq!(
            found(&[change("workforce.hires[1].date", json!("2024-04-25"))]),
            Some((
                "workforce.hires[1].date".to_string(),
                "2024-04-25".to_string()
            ))
        );
        assert_eq!(
            found(&[change(
                "calendar.shifts",
                json!([{"from": "2023-11-01", "count": 1}, {"from": "2024-04-26", "count": 2}])
            )]),
            Some((
                "calendar.shifts[1].from".to_string(),
                "2024-04-26".to_string()
            ))
        );
        // The day after, a past date left as it was, and values that are not dates pass.
        assert_eq!(
            found(&[
                change("workforce.hires[1].date", json!("2024-04-27")),
                change("workforce.hires[0].date", json!("2023-10-02")),
                change("calendar.shifts[1].count", json!(1)),
                change("kit[k].lead_time", json!("2024d")),
            ]),
            None
        );
    }
}

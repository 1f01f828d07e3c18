//! A plan forecast of a stored programme that has no actuals yet (a restart still in planning):
//! `simulate` of its version from day 0 ([`crate::forecast::forecast`], with the risk tornado
//! when asked for), stored as kind `plan` with no as-of date and no actuals hash, so that the
//! programme has a forecast to show and to follow in its history before the plant reports
//! anything. Once actuals are stored, forecasts start from them ([`super::forecast`]).

use relaunch_core::montecarlo::Forecast;
use relaunch_report::ResultDocument;

use super::forecast::{AsOfRequest, new_forecast};
use super::{Programme, StoreHandle};
use crate::AppError;
use crate::forecast::{ForecastRequest, forecast};
use crate::ports::Services;

/// The kind a plan forecast is stored as.
pub const PLAN_KIND: &str = "plan";

/// The outcome of [`plan_forecast`].
#[derive(Debug)]
pub struct PlanOutcome {
    pub forecast: Forecast,
    pub document: ResultDocument,
    /// The stored forecast's id.
    pub id: i64,
}

/// Whether any actuals are stored for `programme`.
pub fn has_actuals(store: &StoreHandle, programme: &Programme) -> Result<bool, AppError> {
    Ok(!store
        .call(|store| store.actuals(programme.name()))?
        .is_empty())
}

/// Of the stored programmes `names`, those with actuals stored, each once, in the order
/// given (a comparison of them runs each from day 0 and says so).
pub fn with_actuals(store: &StoreHandle, names: &[String]) -> Result<Vec<String>, AppError> {
    let mut found: Vec<String> = Vec::new();
    for name in names {
        if !found.contains(name) && !store.call(|store| store.actuals(name))?.is_empty() {
            found.push(name.clone());
        }
    }
    Ok(found)
}

/// Forecasts `programme`'s plan from day 0 and stores it (kind `plan`). An as-of date or a
/// calibration needs actuals: asked for, they are refused as [`AppError::Request`].
pub fn plan_forecast(
    store: &StoreHandle,
    programme: &Programme,
    request: &AsOfRequest,
    services: &Services<'_>,
) -> Result<PlanOutcome, AppError> {
    if request.as_of.is_some() || request.calibrate {
        return Err(AppError::Request(format!(
            "programme \"{}\" has no actuals: an as-of date and a calibration need them (leave \
             both out for a forecast of the plan from day 0)",
            programme.name()
        )));
    }
    programme.register(store, &request.created)?;
    let outcome = forecast(
        &ForecastRequest {
            overrides: Vec::new(),
            scenario: programme.scenario.clone(),
            scenario_file: programme.file.clone(),
            settings: request.settings,
            explain: false,
            tornado: request.tornado,
        },
        services,
        None,
    )?;
    let id = store.call(|store| {
        store.save_forecast(&new_forecast(
            programme,
            &[],
            &outcome.forecast,
            &outcome.document,
            (PLAN_KIND, false),
            &request.created,
        ))
    })?;
    Ok(PlanOutcome {
        forecast: outcome.forecast,
        document: outcome.document,
        id,
    })
}

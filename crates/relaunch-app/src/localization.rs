//! The localization ledger use case (`relaunch localization`): the points a plant scores on each
//! date against the threshold in force, from the scenario start to the horizon's end (the one
//! end every document uses, [`relaunch_core::localization::horizon_end`]).

use jiff::civil::Date;
use relaunch_core::Scenario;
use relaunch_core::localization::{Ledger, horizon_end, ledger};

use crate::AppError;

/// The ledger of a scenario with the dates it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioLedger {
    /// The scenario's name.
    pub name: String,
    /// The scenario start, the first entry's date.
    pub start: Date,
    /// The first day after the horizon.
    pub end: Date,
    pub ledger: Ledger,
}

/// The ledger of `scenario`; a user error when it has no `[localization]` table.
pub fn localization(scenario: &Scenario) -> Result<ScenarioLedger, AppError> {
    let ledger = ledger(scenario).ok_or_else(|| AppError::MissingLocalization {
        scenario: scenario.name.clone(),
    })?;
    Ok(ScenarioLedger {
        name: scenario.name.clone(),
        start: scenario.start,
        end: horizon_end(scenario),
        ledger,
    })
}

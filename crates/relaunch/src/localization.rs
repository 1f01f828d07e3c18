//! `relaunch localization`: prints the localization ledger of a scenario as a table or JSON.
//!
//! The ledger, its JSON document and its table come from the use case
//! ([`relaunch_app::localization`]); this module writes them to stdout.

use relaunch_app::localization::{localization, render_json};
use relaunch_core::Scenario;

use crate::Failure;

/// Prints the ledger of `scenario` as a table, or as JSON with `json`. A scenario without a
/// `[localization]` table is a user error.
pub fn run(scenario: &Scenario, json: bool) -> Result<(), Failure> {
    let ledger = localization(scenario)?;
    if json {
        let mut text = render_json(&ledger.ledger).map_err(relaunch_app::AppError::from)?;
        text.push('\n');
        Ok(crate::output::print(&text)?)
    } else {
        Ok(crate::output::print_text(&ledger.text())?)
    }
}

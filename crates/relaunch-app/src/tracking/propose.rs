//! The planner on a stored programme (the dashboard's "Plan" button): its latest version
//! planned by [`crate::plan::plan_resolved`], the plan returned as the whole scenario in TOML,
//! ready to be saved as the programme's next version ([`super::catalogue::save`]) once a person
//! has read it. Nothing is stored here.

use relaunch_core::Scenario;
use serde_json::Value;

use super::{StoreHandle, catalogue};
use crate::AppError;
use crate::plan::{Asked, Planned, check_confidence, plan_resolved};
use crate::ports::Services;
use crate::run::RunSettings;

/// A plan asked for a stored programme.
#[derive(Debug, Clone)]
pub struct ProposeRequest {
    pub programme: String,
    pub settings: RunSettings,
    /// The on-time probability every dated milestone must reach, in (0, 1).
    pub confidence: f64,
    /// Proposals checked at most.
    pub max_rounds: u32,
}

/// A programme read and checked, ready to plan.
#[derive(Debug)]
pub struct Proposal {
    scenario: Scenario,
    resolved: Value,
    name: String,
    /// The version planned.
    pub version: i64,
    asked: Asked,
}

/// Reads the latest version of `request.programme`; refuses an unknown programme, a
/// confidence outside (0, 1) and a scenario the planner cannot plan (no release plan, no due
/// date) or whose work is over the limit, before any run.
pub fn prepare(store: &StoreHandle, request: &ProposeRequest) -> Result<Proposal, AppError> {
    check_confidence(request.confidence)?;
    let stored = catalogue::latest(store, &request.programme)?;
    let resolved: Value = serde_json::from_str(&stored.programme.text)?;
    let scenario = stored.programme.scenario.clone();
    crate::plan::check_plannable(&scenario, &resolved)?;
    let asked = Asked {
        settings: request.settings,
        confidence: request.confidence,
        max_rounds: request.max_rounds.clamp(1, 50),
    };
    asked
        .settings
        .check_work(&scenario, u64::from(asked.max_rounds) + 3)?;
    Ok(Proposal {
        scenario,
        resolved,
        name: request.programme.clone(),
        version: stored.version.version,
        asked,
    })
}

impl Proposal {
    /// Runs the loop (the input's forecast, each round's, the verification on another seed).
    pub fn run(&self, services: &Services<'_>) -> Result<Planned, AppError> {
        plan_resolved(
            self.scenario.clone(),
            &self.resolved,
            &self.name,
            &self.asked,
            services,
        )
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
}

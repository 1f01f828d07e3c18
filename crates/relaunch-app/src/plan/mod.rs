//! The planning use case (`relaunch plan`): the least-cost hires, kit orders, release rates and
//! shifts that meet every dated milestone at the confidence asked for, proposed by the
//! optimiser of `relaunch-plan` and checked by the Monte Carlo on common random numbers, then
//! verified once more on a seed of its own; written as a scenario that `extends` the input.

mod overlay;
pub mod text;

use std::path::{Path, PathBuf};

use relaunch_core::Scenario;
use relaunch_core::montecarlo::{Forecast, forecast};
use relaunch_core::sim::Relaxations;
use relaunch_plan::{PlanOutcome, PlanSettings};
use serde_json::Value;

use crate::AppError;
use crate::ports::{Services, Work};
use crate::run::RunSettings;

pub use overlay::PlanKeys;

/// What to plan.
#[derive(Debug, Clone)]
pub struct PlanRequest {
    /// The scenario file.
    pub path: PathBuf,
    pub settings: RunSettings,
    /// The on-time probability every dated milestone must reach.
    pub confidence: f64,
    /// Proposals checked at most.
    pub max_rounds: u32,
    /// Where the plan file goes, for its `extends` path; `None`: beside the input.
    pub out: Option<PathBuf>,
}

/// The outcome of [`plan`].
#[derive(Debug)]
pub struct Planned {
    pub scenario: Scenario,
    /// The input's own forecast (the loop's first reference; its cost is the one to beat).
    pub input_forecast: Forecast,
    pub outcome: PlanOutcome,
    /// The chosen plan simulated once more on another seed: the probabilities to trust.
    pub verified: Forecast,
    pub verify_seed: u64,
    pub seed: u64,
    pub replications: u64,
    pub confidence: f64,
    /// The plan file: a scenario that `extends` the input.
    pub plan_toml: String,
    /// The plan file's `[release] plan`, entry by entry (batches as the input has them).
    pub release_plan: Vec<Value>,
    /// Seconds in the optimiser over all rounds, and in the whole loop.
    pub solve_seconds: f64,
    pub loop_seconds: f64,
}

/// The seed of the verification run: another stream family than the loop's.
pub fn verify_seed(seed: u64) -> u64 {
    seed ^ 0x9e37_79b9_7f4a_7c15
}

/// Plans the scenario of `request`.
pub fn plan(request: &PlanRequest, services: &Services<'_>) -> Result<Planned, AppError> {
    if !(request.confidence > 0.0 && request.confidence < 1.0) {
        return Err(AppError::Plan(format!(
            "--confidence must lie between 0 and 1 (exclusive), got {}",
            request.confidence
        )));
    }
    let scenario = relaunch_scenario::load_file(&request.path).map_err(AppError::Scenario)?;
    let resolved = relaunch_scenario::resolve_to_json(&request.path).map_err(AppError::Scenario)?;
    check_plannable(&scenario, &resolved)?;
    let resolved_run = request.settings.resolve(&scenario);
    let (seed, replications) = (resolved_run.seed, resolved_run.replications);
    // The input, each round and the verification: at most max_rounds + 2 forecasts.
    request
        .settings
        .check_work(&scenario, u64::from(request.max_rounds) + 2)?;
    let pool = request.settings.pool()?;
    let progress = services.progress;
    let clock = services.clock;
    let simulating = std::cell::Cell::new(0.0f64);
    let run = |scenario: &Scenario, seed: u64| -> Forecast {
        let began = clock.now();
        progress.start(
            Work::Forecast {
                scenario: &scenario.name,
            },
            replications,
        );
        let result = pool.install(|| {
            forecast(
                scenario,
                seed,
                replications,
                Relaxations::default(),
                &|done| progress.advance(done),
            )
        });
        progress.finish();
        simulating.set(simulating.get() + clock.now().saturating_sub(began).as_secs_f64());
        result
    };
    let started = clock.now();
    let input_forecast = run(&scenario, seed);
    let settings = PlanSettings {
        confidence: request.confidence,
        max_rounds: request.max_rounds.max(1),
    };
    let outcome = relaunch_plan::plan(&scenario, &input_forecast, settings, |inputs, proposal| {
        let keys = overlay::plan_keys(&resolved, inputs, proposal)?;
        let planned = load_plan(&overlay::apply(&resolved, &keys))?;
        let checked = run(&planned, seed);
        Ok::<_, String>((planned, checked))
    });
    let outcome = outcome.map_err(|error| AppError::Planner(error.to_string()))?;
    // Everything in the loop that was not simulating: the optimiser, mostly.
    let solve_seconds =
        (clock.now().saturating_sub(started).as_secs_f64() - simulating.get()).max(0.0);
    let chosen = outcome.chosen();
    let verify = verify_seed(seed);
    let verified = run(&chosen.scenario, verify);
    let loop_seconds = clock.now().saturating_sub(started).as_secs_f64();
    let keys = overlay::plan_keys(&resolved, &chosen.inputs, &chosen.proposal)
        .map_err(AppError::Planner)?;
    let plan_toml = text::plan_file(
        &extends_path(&request.path, request.out.as_deref()),
        &scenario,
        &input_forecast,
        &outcome,
        &verified,
        &keys,
        request.confidence,
    )?;
    Ok(Planned {
        scenario,
        input_forecast,
        outcome,
        verified,
        verify_seed: verify,
        seed,
        replications,
        confidence: request.confidence,
        plan_toml,
        release_plan: keys.plan.as_array().cloned().unwrap_or_default(),
        solve_seconds,
        loop_seconds,
    })
}

/// A scenario the planner can plan: a release plan to set the rates of, a dated milestone.
fn check_plannable(scenario: &Scenario, resolved: &Value) -> Result<(), AppError> {
    if resolved.pointer("/release/plan").is_none() {
        return Err(AppError::Plan(format!(
            "scenario \"{}\" has no `[release] plan`: the planner sets the starts of a release \
             plan's phases (`arrivals` and `saturated` releases are not planned)",
            scenario.name
        )));
    }
    if !scenario.milestones.iter().any(|m| m.due.is_some()) {
        return Err(AppError::Plan(format!(
            "scenario \"{}\" has no milestone with a `due` date: the planner meets due dates",
            scenario.name
        )));
    }
    Ok(())
}

/// The scenario a plan's document makes (it went through the same reader as a file).
fn load_plan(document: &Value) -> Result<Scenario, String> {
    let text = toml::to_string(document).map_err(|error| error.to_string())?;
    relaunch_scenario::load_str("plan.toml", &text).map_err(|diagnostics| {
        format!(
            "the planner wrote a scenario the reader refuses: {}",
            diagnostics.short_lines().join("; ")
        )
    })
}

/// How the plan file names its input: the file name when both are in one folder, else the
/// input's absolute path.
fn extends_path(input: &Path, out: Option<&Path>) -> String {
    let input_dir = input.parent().filter(|p| !p.as_os_str().is_empty());
    let out_dir = out
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty());
    let same = match (input_dir, out_dir) {
        (None, None) => true,
        (Some(a), Some(b)) => a.canonicalize().ok() == b.canonicalize().ok(),
        (Some(a), None) | (None, Some(a)) => a.canonicalize().ok() == std::env::current_dir().ok(),
    };
    let name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if same || out.is_none() {
        name
    } else {
        input
            .canonicalize()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| input.display().to_string())
    }
}

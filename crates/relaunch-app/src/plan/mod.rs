//! The planning use case (`relaunch plan`): the least-cost hires, kit orders, release rates and
//! shifts that meet every dated milestone at the confidence asked for, proposed by the
//! optimiser of `relaunch-plan` and checked by the Monte Carlo on common random numbers, then
//! verified once more on a seed of its own; written as a scenario that `extends` the input.

mod overlay;
pub mod text;

use std::path::{Path, PathBuf};

use relaunch_core::Scenario;
use relaunch_core::montecarlo::{Forecast, forecast_until};
use relaunch_core::sim::Relaxations;
use relaunch_plan::{PlanError, PlanOutcome, PlanSettings};
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
    /// `--set KEY.PATH=VALUE` over the file (the plan file then restates them: it extends
    /// the file as written).
    pub overrides: relaunch_scenario::Overrides,
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
    /// The input simulated on that seed too: what the plan is compared with.
    pub input_verified: Forecast,
    pub verify_seed: u64,
    pub seed: u64,
    pub replications: u64,
    pub confidence: f64,
    /// The plan file: a scenario that `extends` the input.
    pub plan_toml: String,
    /// The whole scenario the plan makes, as TOML without `extends` (to save as a new
    /// version of a stored programme).
    pub scenario_toml: String,
    /// The plan file's `[release] plan`, entry by entry (batches as the input has them).
    pub release_plan: Vec<Value>,
    /// Whether the plan file is the whole scenario (planned with `--set` overrides), not a
    /// variant that `extends` the input.
    pub whole_file: bool,
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
    check_confidence(request.confidence)?;
    let scenario = relaunch_scenario::load_file_set(&request.path, &request.overrides)
        .map_err(AppError::Scenario)?;
    let resolved = relaunch_scenario::resolve_to_json_set(&request.path, &request.overrides)
        .map_err(AppError::Scenario)?;
    let extends = extends_path(&request.path, request.out.as_deref());
    let mut planned = plan_resolved(
        scenario,
        &resolved,
        &extends,
        &Asked {
            settings: request.settings,
            confidence: request.confidence,
            max_rounds: request.max_rounds,
        },
        services,
    )?;
    if !request.overrides.is_empty() {
        // A file that extends the input would lose the overrides: the plan file is then the
        // whole scenario the plan makes, under the plan file's own header (milestones, cost),
        // saying which overrides it was planned with.
        let header: String = planned
            .plan_toml
            .lines()
            .take_while(|line| line.starts_with('#') || line.trim().is_empty())
            .map(|line| format!("{line}\n"))
            .collect();
        let mut text = header;
        text.push_str(&format!(
            "# Planned on {} with{}: the whole scenario follows (an `extends` of the file would\n\
             # lose the overrides).\n\n",
            request.path.display(),
            request
                .overrides
                .items()
                .iter()
                .map(|item| format!(" --set {item}"))
                .collect::<String>()
        ));
        text.push_str(&planned.scenario_toml);
        planned.plan_toml = text;
        planned.whole_file = true;
    }
    Ok(planned)
}

/// What a plan is asked for, whatever the scenario came from.
#[derive(Debug, Clone, Copy)]
pub struct Asked {
    pub settings: RunSettings,
    pub confidence: f64,
    pub max_rounds: u32,
}

/// A confidence the loop can aim at.
pub fn check_confidence(confidence: f64) -> Result<(), AppError> {
    if confidence > 0.0 && confidence < 1.0 {
        Ok(())
    } else {
        Err(AppError::Plan(format!(
            "the confidence must lie between 0 and 1 (exclusive), got {confidence}"
        )))
    }
}

/// Plans `scenario`, whose resolved document is `resolved`; the plan file `extends` the
/// name `extends`. Checks the scenario and the work first; a run asked to stop
/// ([`crate::Progress::stopped`]) ends in [`AppError::Cancelled`].
pub fn plan_resolved(
    scenario: Scenario,
    resolved: &Value,
    extends: &str,
    asked: &Asked,
    services: &Services<'_>,
) -> Result<Planned, AppError> {
    check_confidence(asked.confidence)?;
    check_plannable(&scenario, resolved)?;
    let resolved_run = asked.settings.resolve(&scenario);
    let (seed, replications) = (resolved_run.seed, resolved_run.replications);
    // The input, each round and the verification (plan and input): at most max_rounds + 3.
    asked
        .settings
        .check_work(&scenario, u64::from(asked.max_rounds) + 3)?;
    let pool = asked.settings.pool()?;
    let progress = services.progress;
    let clock = services.clock;
    let simulating = std::cell::Cell::new(0.0f64);
    let run = |scenario: &Scenario, seed: u64| -> Result<Forecast, AppError> {
        let began = clock.now();
        progress.start(
            Work::Forecast {
                scenario: &scenario.name,
            },
            replications,
        );
        let result = pool.install(|| {
            forecast_until(
                scenario,
                seed,
                replications,
                Relaxations::default(),
                &|done| progress.advance(done),
                &|| progress.stopped(),
            )
        });
        progress.finish();
        simulating.set(simulating.get() + clock.now().saturating_sub(began).as_secs_f64());
        result.map_err(|_| AppError::Cancelled)
    };
    let started = clock.now();
    let input_forecast = run(&scenario, seed)?;
    let settings = PlanSettings {
        confidence: asked.confidence,
        max_rounds: asked.max_rounds.max(1),
    };
    let outcome = relaunch_plan::plan(&scenario, &input_forecast, settings, |inputs, proposal| {
        let keys = overlay::plan_keys(resolved, inputs, proposal).map_err(AppError::Planner)?;
        let planned = load_plan(&overlay::apply(resolved, &keys)).map_err(AppError::Planner)?;
        let checked = run(&planned, seed)?;
        Ok::<_, AppError>((planned, checked))
    });
    let outcome = outcome.map_err(|error| match error {
        PlanError::Check(error) => error,
        PlanError::Solve(error) => AppError::Planner(error.to_string()),
    })?;
    // Everything in the loop that was not simulating: the optimiser, mostly.
    let solve_seconds =
        (clock.now().saturating_sub(started).as_secs_f64() - simulating.get()).max(0.0);
    let chosen = outcome.chosen();
    let verify = verify_seed(seed);
    let verified = run(&chosen.scenario, verify)?;
    let input_verified = run(&scenario, verify)?;
    let loop_seconds = clock.now().saturating_sub(started).as_secs_f64();
    let keys = overlay::plan_keys(resolved, &chosen.inputs, &chosen.proposal)
        .map_err(AppError::Planner)?;
    let plan_toml = text::plan_file(
        extends,
        &scenario,
        &input_verified,
        &outcome,
        &verified,
        &keys,
        asked.confidence,
    )?;
    let scenario_toml = toml::to_string(&overlay::apply(resolved, &keys))
        .map_err(|error| AppError::Planner(error.to_string()))?;
    Ok(Planned {
        scenario,
        input_forecast,
        outcome,
        verified,
        input_verified,
        verify_seed: verify,
        seed,
        replications,
        confidence: asked.confidence,
        plan_toml,
        scenario_toml,
        release_plan: keys.plan.as_array().cloned().unwrap_or_default(),
        whole_file: false,
        solve_seconds,
        loop_seconds,
    })
}

/// A scenario the planner can plan: a release plan to set the rates of, a dated milestone.
pub fn check_plannable(scenario: &Scenario, resolved: &Value) -> Result<(), AppError> {
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

//! `relaunch plan`: the least-cost plan that meets the dated milestones at a confidence, from
//! the use case [`relaunch_app::plan`]; this module parses the options, prints the summary (or
//! JSON) and writes the plan file (a temporary file renamed into place: never half-written).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use relaunch_app::AppError;
use relaunch_app::plan::{PlanRequest, plan, text};

use crate::{Failure, options};

/// `relaunch plan`'s arguments.
#[derive(Debug, Clone, clap::Args)]
#[command(
    after_help = "Examples:\n  relaunch plan examples/ramp.toml --out ramp-plan.toml\n  relaunch plan examples/kaluga.toml --confidence 0.8 --out kaluga-plan.toml\n  relaunch plan examples/kaluga.toml --json\n\nThen check the plan yourself on other random numbers:\n  relaunch simulate ramp-plan.toml --seed 11\n\nThe plan file extends the input with the decisions (hires, shifts, release plan, kit orders),\ncommented; see docs/planning.md for the model, the loop and its limits.\n\nExit codes: 0 the plan meets the confidence, on the loop's seed and on the verification seed;\n3 it does not (the closest plan is still printed and written), 2 a user error, 1 an internal failure."
)]
pub struct PlanArgs {
    /// The scenario file.
    pub file: PathBuf,
    /// The on-time probability every milestone with a due date must reach, between 0 and 1.
    #[arg(long, default_value_t = 0.9, value_parser = options::parse_quantile)]
    pub confidence: f64,
    /// Proposals the optimiser makes and the simulation checks, at most.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub rounds: u32,
    /// Write the plan here: a scenario that `extends` FILE with the chosen hires, shifts,
    /// release plan and kit orders, commented (replaced whole, never half-written).
    #[arg(long, value_name = "PLAN.toml")]
    pub out: Option<PathBuf>,
    /// Print the JSON document (decisions, milestones before and after, cost, rounds) instead
    /// of the summary.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub run: options::RunOptions,
}

pub fn run(args: &PlanArgs, overrides: &relaunch_scenario::Overrides) -> Result<(), Failure> {
    let request = PlanRequest {
        path: args.file.clone(),
        settings: args.run.settings(),
        confidence: args.confidence,
        max_rounds: args.rounds,
        out: args.out.clone(),
        overrides: overrides.clone(),
    };
    let planned = crate::services(args.run.progress, |services| plan(&request, services))?;
    if let Some(out) = &args.out {
        write_atomically(out, &planned.plan_toml)?;
    }
    if args.json {
        let text =
            serde_json::to_string_pretty(&text::document(&planned)).map_err(AppError::from)?;
        crate::output::print(&format!("{text}\n"))?;
    } else {
        let shown = args.out.as_ref().map(|p| p.display().to_string());
        crate::output::print_text(&text::summary(&planned, shown.as_deref()))?;
    }
    // A plan short of the confidence, on the loop's seed or on the verification seed, is still
    // written and printed (the closest one found), but a script must not take it for one that
    // holds.
    if text::holds(&planned) {
        Ok(())
    } else {
        Err(Failure::Short)
    }
}

/// Writes `text` to `path` through a temporary file in the same folder, renamed into place.
fn write_atomically(path: &Path, text: &str) -> Result<(), Failure> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file =
        tempfile::NamedTempFile::new_in(dir).map_err(|error| AppError::OutputDirectory {
            dir: dir.to_path_buf(),
            reason: error.to_string(),
        })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
        .map_err(Failure::Internal)?;
    file.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))
        .map_err(Failure::Internal)?;
    Ok(())
}

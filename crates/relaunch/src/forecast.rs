//! `relaunch forecast SCENARIO`: the forecast from the state at the end of the as-of day
//! (default: the last actuals date), stored; prints the summary (or the result document with
//! `--json`), with `--calibrate` the estimates beside the scenario's assumptions; `--out`
//! writes `simulate --out`'s artefacts (and `calibration.json`).

use std::path::PathBuf;

use jiff::civil::Date;
use relaunch_app::tracking::forecast::{AsOfRequest, forecast};
use relaunch_report::summary;

use crate::options::RunOptions;
use crate::output::{self, DirectorySink};
use crate::render;
use crate::tracking::{now, open_store, parse_date, programme};
use crate::{Failure, services};

/// The arguments of `relaunch forecast`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct ForecastArgs {
    /// The scenario file; its `name` is the programme in the store.
    scenario: PathBuf,
    /// Forecast from the end of this day, YYYY-MM-DD, with the actuals known then (default:
    /// the last actuals date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    #[command(flatten)]
    run: RunOptions,
    /// Print the result document as JSON instead of the summary.
    #[arg(long)]
    json: bool,
    /// Also write simulate's artefacts (result.json, report.html, CSVs, result.xlsx) into this
    /// directory, and calibration.json with --calibrate (replaced whole).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Re-estimate from the actuals what they can tell (first-pass yield, kit lead times,
    /// attrition, the learning rate), print the estimates beside the scenario's assumptions,
    /// and forecast with them (drawn per replication, with their uncertainty).
    #[arg(long)]
    calibrate: bool,
    /// Skip the risk tornado (one more forecast per risk).
    #[arg(long)]
    no_tornado: bool,
}

const EXAMPLES: &str = "\
Examples:
  relaunch forecast examples/kaluga.toml
  relaunch forecast examples/kaluga.toml --as-of 2024-03-29 -n 400
  relaunch forecast examples/kaluga.toml --calibrate
  relaunch forecast examples/kaluga.toml --json > forecast.json
  relaunch forecast examples/kaluga.toml --out out/kaluga-2024-03-29";

/// Runs `relaunch forecast`.
pub fn run(args: ForecastArgs, db: Option<&str>, deny_warnings: bool) -> Result<(), Failure> {
    let programme = programme(&args.scenario, deny_warnings)?;
    let store = open_store(db)?;
    let request = AsOfRequest {
        as_of: args.as_of,
        settings: args.run.settings(),
        calibrate: args.calibrate,
        tornado: !args.no_tornado,
        created: now(),
    };
    let mut sink = args.out.as_deref().map(DirectorySink::new);
    let outcome = services(args.run.progress, |services| {
        forecast(
            &store,
            &programme,
            &request,
            services,
            sink.as_mut()
                .map(|sink| sink as &mut dyn relaunch_app::ArtefactSink),
        )
    })?;
    if args.json {
        output::print(&format!("{}\n", outcome.document.to_json()))?;
    } else {
        output::print_text(&summary::text(&outcome.document))?;
        if let Some(calibration) = &outcome.calibration {
            output::print_text(&format!("\n{}", render::calibration(calibration)))?;
        }
    }
    let perf = &outcome.perf;
    eprintln!(
        "{} replications from {} in {:.2} s on {} threads; stored as forecast {} in {}",
        outcome.forecast.replications,
        outcome.as_of,
        perf.wall_seconds,
        perf.threads,
        outcome.id,
        store.url()
    );
    if let Some(dir) = &args.out {
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

//! `relaunch backtest SCENARIO`: forecasts replayed at past dates from the actuals known then,
//! scored against what happened (coverage of P10–P90, mean absolute error of the P50), as
//! text, `--json`, or `backtest.json`, `backtest.csv` and `backtest.html` in `--out DIR`.

use std::path::PathBuf;

use relaunch_app::tracking::backtest::{BacktestRequest, backtest};

use crate::options::RunOptions;
use crate::output::{self, DirectorySink};
use crate::render;
use crate::tracking::{now, open_store, parse_days, programme};
use crate::{Failure, services};

/// The arguments of `relaunch backtest`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct BacktestArgs {
    /// The scenario file; its `name` is the programme in the store.
    scenario: PathBuf,
    /// Days between the as-of dates replayed, from the first actual to the last: `7d` or `7`.
    #[arg(long, value_name = "DAYS", default_value = "7d", value_parser = parse_days)]
    every: u32,
    #[command(flatten)]
    run: RunOptions,
    /// Print the backtest document as JSON instead of the table.
    #[arg(long)]
    json: bool,
    /// Also write backtest.json, backtest.csv and backtest.html into this directory (replaced
    /// whole).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

const EXAMPLES: &str = "\
Examples:
  relaunch backtest examples/kaluga.toml
  relaunch backtest examples/kaluga.toml --every 14d -n 100
  relaunch backtest examples/kaluga.toml --json > backtest.json
  relaunch backtest examples/kaluga.toml --out out/backtest";

/// Runs `relaunch backtest`.
pub fn run(args: BacktestArgs, db: Option<&str>, deny_warnings: bool) -> Result<(), Failure> {
    let programme = programme(&args.scenario, deny_warnings)?;
    let store = open_store(db)?;
    let request = BacktestRequest {
        every_days: args.every,
        settings: args.run.settings(),
        created: now(),
    };
    let mut sink = args.out.as_deref().map(DirectorySink::new);
    let document = services(args.run.progress, |services| {
        backtest(
            &store,
            &programme,
            &request,
            services,
            sink.as_mut()
                .map(|sink| sink as &mut dyn relaunch_app::ArtefactSink),
        )
    })?;
    if args.json {
        output::print(&render::json(&document)?)?;
    } else {
        output::print_text(&render::backtest(&document))?;
    }
    if let Some(dir) = &args.out {
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

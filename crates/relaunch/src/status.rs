//! `relaunch status SCENARIO`: plan vs actual at the end of the as-of day (default: the last
//! actuals date), as text, `--json`, or `status.json` in `--out DIR`.

use std::path::PathBuf;

use jiff::civil::Date;
use relaunch_app::tracking::status::status;

use crate::Failure;
use crate::output::{self, DirectorySink};
use crate::render;
use crate::tracking::{now, open_store, parse_date, programme};

/// The arguments of `relaunch status`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct StatusArgs {
    /// The scenario file; its `name` is the programme in the store.
    scenario: PathBuf,
    /// The day whose end to look at, YYYY-MM-DD (default: the last actuals date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Print the status document as JSON instead of the text.
    #[arg(long)]
    json: bool,
    /// Also write status.json and status.html into this directory (replaced whole).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

const EXAMPLES: &str = "\
Examples:
  relaunch status examples/kaluga.toml
  relaunch status examples/kaluga.toml --as-of 2024-03-29
  relaunch status examples/kaluga.toml --json > status.json
  relaunch status examples/kaluga.toml --out out/status";

/// Runs `relaunch status`.
pub fn run(args: StatusArgs, db: Option<&str>, deny_warnings: bool) -> Result<(), Failure> {
    let programme = programme(&args.scenario, deny_warnings)?;
    let store = open_store(db)?;
    let mut sink = args.out.as_deref().map(DirectorySink::new);
    let document = status(
        &store,
        &programme,
        args.as_of,
        &now(),
        sink.as_mut()
            .map(|sink| sink as &mut dyn relaunch_app::ArtefactSink),
    )?;
    if args.json {
        output::print(&render::json(&document)?)?;
    } else {
        output::print_text(&render::status(&document))?;
    }
    if let Some(dir) = &args.out {
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

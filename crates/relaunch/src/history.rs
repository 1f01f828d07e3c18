//! `relaunch history SCENARIO`: every stored forecast's milestone dates by as-of date (the
//! milestone trend), as text, `--json`, or `history.json`, `history.csv` and `history.html` in
//! `--out DIR`.

use std::path::PathBuf;

use relaunch_app::tracking::history::history;

use crate::Failure;
use crate::output::{self, DirectorySink};
use crate::render;
use crate::tracking::{now, open_store, programme};

/// The arguments of `relaunch history`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct HistoryArgs {
    /// The scenario file; its `name` is the programme in the store.
    scenario: PathBuf,
    /// Print the history document as JSON instead of the table.
    #[arg(long)]
    json: bool,
    /// Also write history.json, history.csv and history.html (the trend chart) into this
    /// directory (replaced whole).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

const EXAMPLES: &str = "\
Examples:
  relaunch history examples/kaluga.toml
  relaunch history examples/kaluga.toml --json > history.json
  relaunch history examples/kaluga.toml --out out/history";

/// Runs `relaunch history`.
pub fn run(args: HistoryArgs, db: Option<&str>, deny_warnings: bool) -> Result<(), Failure> {
    let programme = programme(&args.scenario, deny_warnings)?;
    let store = open_store(db)?;
    let mut sink = args.out.as_deref().map(DirectorySink::new);
    let document = history(
        &store,
        &programme,
        &now(),
        sink.as_mut()
            .map(|sink| sink as &mut dyn relaunch_app::ArtefactSink),
    )?;
    if args.json {
        output::print(&render::json(&document)?)?;
    } else {
        output::print_text(&render::history(&document))?;
    }
    if let Some(dir) = &args.out {
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

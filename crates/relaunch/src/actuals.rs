//! `relaunch actuals import SCENARIO FILE...`: the import use case on the command line; prints a
//! line per file (rows, added, unchanged, corrections), each correction, and the total.

use std::path::PathBuf;

use relaunch_app::tracking::import::import_actuals;

use crate::Failure;
use crate::output;
use crate::tracking::{now, open_store, programme};

/// What `relaunch actuals` does.
#[derive(Debug, clap::Subcommand)]
pub enum ActualsCommand {
    /// Import actuals files (CSV `date,metric,item,value[,note]`, or XLSX with the same
    /// columns) into the programme of the scenario: every row is checked first (file:line,
    /// nothing imported when any row is bad), then all files are imported in one transaction.
    /// Importing the same file again changes nothing; a changed value is reported as a
    /// correction.
    #[command(after_help = IMPORT_EXAMPLES)]
    Import {
        /// The scenario file; its `name` is the programme in the store.
        scenario: PathBuf,
        /// Actuals files (see docs/tracking.md for the columns and metrics).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

const IMPORT_EXAMPLES: &str = "\
Examples:
  relaunch actuals import examples/kaluga.toml examples/actuals/kaluga.csv
  relaunch actuals import examples/kaluga.toml week12.csv week13.xlsx
  relaunch actuals import examples/kaluga.toml week13.csv --db kaluga.db
  # a PostgreSQL store for every command of this shell:
  export RELAUNCH_DB=postgres://relaunch@localhost/relaunch
  relaunch actuals import examples/kaluga.toml week13.csv";

/// Runs `relaunch actuals ...` on the store `db` names (else `RELAUNCH_DB`, else relaunch.db).
pub fn run(command: ActualsCommand, db: Option<&str>, deny_warnings: bool) -> Result<(), Failure> {
    match command {
        ActualsCommand::Import { scenario, files } => {
            let programme = programme(&scenario, deny_warnings)?;
            let store = open_store(db)?;
            let outcome = import_actuals(&store, &programme, &files, &now())?;
            output::print_text(&outcome.text())?;
            Ok(())
        }
    }
}

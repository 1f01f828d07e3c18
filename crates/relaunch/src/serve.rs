//! `relaunch serve`: the JSON API over the store (relaunch-server), on an address of the
//! user's choice, until SIGINT or SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;

use relaunch_server::{JobLimits, ServeError, ServeOptions, TOKEN_VAR};
use relaunch_store::ENV_VAR;

use crate::Failure;

/// The arguments of `relaunch serve`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct ServeArgs {
    /// The address to listen on (only this machine by default; 0.0.0.0:8080 for every
    /// interface).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// A file holding the token that writes (POST, PUT, DELETE) need as `Authorization: Bearer
    /// TOKEN` (default: RELAUNCH_TOKEN; without either, a token is made and printed).
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Runs (forecasts, what-ifs, why, compare) at once; more wait in a queue.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=64))]
    jobs: u16,
    /// Worker threads per run, 1 to 1024; 0 means all cores. Results do not depend on it.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u16).range(0..=1024))]
    threads: u16,
}

const EXAMPLES: &str = "\
Examples:
  relaunch serve
  relaunch serve --db kaluga.db --addr 127.0.0.1:9000
  relaunch serve --token-file /etc/relaunch/token --jobs 4
  # then open the dashboard at http://127.0.0.1:8080/ (the link printed with the token), or
  # the API browser at http://127.0.0.1:8080/api/v1/docs/ (docs/dashboard.md, docs/server.md)";

/// Runs `relaunch serve` on the store `db` names (else `RELAUNCH_DB`, else relaunch.db).
pub fn run(args: ServeArgs, db: Option<&str>) -> Result<(), Failure> {
    let options = ServeOptions {
        db: db.map(str::to_string),
        db_env: std::env::var(ENV_VAR).ok(),
        addr: args.addr,
        token_file: args.token_file,
        token_env: std::env::var(TOKEN_VAR).ok(),
        limits: JobLimits {
            running: usize::from(args.jobs),
            ..JobLimits::default()
        },
        threads: args.threads,
        version: env!("CARGO_PKG_VERSION").to_string(),
    };
    relaunch_server::serve(options).map_err(|error| match error {
        ServeError::User(message) => Failure::User(message),
        ServeError::Internal(message) => Failure::Internal(anyhow::anyhow!(message)),
    })
}

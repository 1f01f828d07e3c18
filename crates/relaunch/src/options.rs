//! Command-line options shared by `simulate`, `why` and `compare`, and the parsers of values
//! that clap cannot check by itself.

use relaunch_app::RunSettings;

pub use crate::progress::ProgressMode;

/// Options of a forecast run, shared by `simulate`, `why` and `compare`.
#[derive(Debug, Clone, clap::Args)]
pub struct RunOptions {
    /// Replications per forecast (default: the (first) scenario's `replications`; `why` runs
    /// 32 forecasts of this many, 64 with tasks or risks, `compare` this many per variant).
    #[arg(long, short = 'n', value_parser = parse_replications)]
    pub replications: Option<u64>,
    /// Seed of the random streams (default: the (first) scenario's `seed`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads, 1 to 1024; 0 or absent means all cores. Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u16).range(0..=1024))]
    pub threads: Option<u16>,
    /// How progress is shown on stderr: auto (the bar on a terminal; otherwise, once a run has
    /// taken 5 seconds, a line per tenth of the work such as `simulate: 400/2000
    /// replications`), bar, lines (the lines from the start) or none.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ProgressMode::Auto)]
    pub progress: ProgressMode,
    /// Run even when the estimated work (events per replication x replications) is huge.
    #[arg(long)]
    pub allow_long_run: bool,
}

impl RunOptions {
    /// The settings of the run, defaults left to the use case.
    pub fn settings(&self) -> RunSettings {
        RunSettings {
            replications: self.replications,
            seed: self.seed,
            threads: self.threads,
            allow_long_run: self.allow_long_run,
        }
    }
}

/// A count of replications, at least 1.
pub fn parse_replications(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(n) if n >= 1 => Ok(n),
        Ok(_) => Err("expected at least 1 replication".to_string()),
        Err(_) => Err(format!(
            "expected a whole number of replications, at least 1, not `{text}`"
        )),
    }
}

/// A quantile strictly between 0 and 1.
pub fn parse_quantile(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(q) if q > 0.0 && q < 1.0 => Ok(q),
        _ => Err(format!(
            "expected a quantile strictly between 0 and 1, such as 0.5 or 0.9, not `{text}`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replications_say_at_least_one() {
        assert_eq!(
            parse_replications("0").unwrap_err(),
            "expected at least 1 replication"
        );
        assert_eq!(parse_replications("12"), Ok(12));
        assert!(parse_replications("-3").unwrap_err().contains("at least 1"));
    }
}

//! The `relaunch` command line: parses arguments, calls the scenario reader and the core, and
//! maps outcomes to exit codes (0 success, 1 internal failure, 2 user error).

mod compare;
mod localization;
mod output;
mod preflight;
mod simulate;
mod why;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Plan, simulate and track the restart of a vehicle assembly plant.
///
/// A scenario is one TOML file: the calendar, the stations, the kits, the crew, the release
/// plan and the milestones (see docs/scenario.md, or `relaunch schema`).
#[derive(Debug, Parser)]
#[command(name = "relaunch", version, about, long_about = None, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Treat pre-flight warnings (plans that cannot work, see docs/warnings.md) as errors:
    /// print them and exit 2 without running anything.
    #[arg(long, global = true)]
    deny_warnings: bool,
}

const EXAMPLES: &str = "\
Examples (each line copies into a shell as it is):
  relaunch simulate examples/kaluga.toml
  relaunch simulate examples/kaluga.toml --replications 1000 --out out/kaluga
  relaunch simulate examples/textbook/mm1.toml --json
  relaunch check examples/kaluga.toml examples/moskvich*.toml
  relaunch check --deny-warnings examples/kaluga.toml
  relaunch schema > scenario.schema.json
  relaunch simulate examples/kaluga.toml --why --out out/kaluga
  relaunch why examples/kaluga.toml --out out/kaluga-why
  relaunch compare examples/moskvich-jac.toml examples/moskvich-byd.toml
  relaunch localization examples/moskvich.toml";

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate scenario files and print every problem with file:line:column, then the
    /// pre-flight warnings (plans that cannot work) on stderr.
    #[command(
        after_help = "Examples:\n  relaunch check examples/kaluga.toml\n  relaunch check examples/*.toml examples/textbook/*.toml\n  # In CI: exit 2 on any pre-flight warning too (moskvich-faw warns on purpose)\n  relaunch check --deny-warnings examples/kaluga.toml examples/moskvich.toml"
    )]
    Check {
        /// Scenario files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Monte Carlo forecast: milestone dates (P10/P50/P90, chance of meeting the due date),
    /// throughput, WIP, flow time, station states and the bottleneck.
    #[command(
        after_help = "Examples:\n  relaunch simulate examples/kaluga.toml\n  relaunch simulate examples/kaluga.toml -n 2000 --seed 11 --threads 2\n  relaunch simulate examples/kaluga.toml --json > result.json\n  # result.json, report.html, daily.csv, stations.csv, milestones.csv and\n  # result.xlsx in out/kaluga:\n  relaunch simulate examples/kaluga.toml --out out/kaluga\n  # also why.json and a \"Why late\" section in the report:\n  relaunch simulate examples/kaluga.toml --why --out out/kaluga\n  # refuse to run a plan with pre-flight warnings:\n  relaunch simulate examples/kaluga.toml --deny-warnings"
    )]
    Simulate {
        /// The scenario file.
        file: PathBuf,
        #[command(flatten)]
        run: simulate::RunOptions,
        /// Print the result document as JSON instead of the summary.
        #[arg(long)]
        json: bool,
        /// Also write result.json, daily.csv, stations.csv, milestones.csv, result.xlsx and
        /// report.html into this directory.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also explain each milestone's delay (as `relaunch why`, 32 more forecasts): the table
        /// after the summary, and with --out why.json and a "Why late" section in report.html.
        #[arg(long)]
        why: bool,
    },
    /// Why late: how late each milestone is against its due date at P50 and P90, and how much
    /// on-time probability it loses, split over supply, staffing, equipment, quality, learning
    /// and the plan itself (Shapley values of 32 forecasts on common random numbers).
    #[command(
        after_help = "Examples:\n  relaunch why examples/kaluga.toml\n  relaunch why examples/kaluga.toml --milestone pilot --replications 400\n  relaunch why examples/moskvich.toml --quantile 0.8\n  relaunch why examples/kaluga.toml --json\n  # why.json, and report.html with a \"Why late\" section:\n  relaunch why examples/kaluga.toml --out out/kaluga-why"
    )]
    Why {
        /// The scenario file.
        file: PathBuf,
        /// Explain only this milestone (default: all).
        #[arg(long)]
        milestone: Option<String>,
        /// Explain the lateness at this quantile of the milestone date, between 0 and 1
        /// (repeatable; default 0.5 and 0.9, the P50 and the P90).
        #[arg(long = "quantile", value_name = "Q", value_parser = parse_quantile)]
        quantiles: Vec<f64>,
        #[command(flatten)]
        run: simulate::RunOptions,
        /// Print JSON instead of the table.
        #[arg(long)]
        json: bool,
        /// Also write why.json and report.html (the forecast with a "Why late" section) into
        /// this directory.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Compare variants (partner options, shift plans ...) side by side on the same random
    /// numbers, with paired differences to a reference variant and a ranking.
    ///
    /// The reference is the first file given unless --reference names another; it is listed
    /// first. Shells expand globs in sorted order: `moskvich-*.toml` gives byd, faw, jac, so
    /// byd would be the reference. The ranking rule is printed with the ranking; by default it
    /// is the P50 date of the last milestone every variant has and at least one reaches (earlier
    /// is better, not reached last), ties by the mean on-time probability.
    #[command(
        after_help = "Examples:\n  relaunch compare examples/moskvich-jac.toml examples/moskvich-byd.toml\n  # a glob is sorted by the shell: byd, faw, jac (byd is the reference\n  # unless --reference names another)\n  relaunch compare examples/moskvich-*.toml --reference moskvich-jac\n  # compare.html, compare.json and per variant its report, milestones CSV\n  # and workbook in out/partners:\n  relaunch compare examples/moskvich-*.toml -n 400 --out out/partners\n  # rank by the chance of meeting a milestone's due date:\n  relaunch compare examples/moskvich-*.toml --rank-by on-time\n  relaunch compare examples/moskvich-*.toml --milestone plan-2022\n  relaunch compare examples/moskvich.toml examples/moskvich-byd.toml --json"
    )]
    Compare {
        /// Scenario files; the first is the reference for differences unless --reference says
        /// otherwise (a shell glob gives them in sorted order).
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        /// The reference variant: a file stem (`moskvich-jac`) or a scenario name that one
        /// variant has (default: the first file).
        #[arg(long, value_name = "ID")]
        reference: Option<String>,
        /// What ranks the variants at --milestone: its P50 date (earlier is better, ties by the
        /// mean on-time probability), its P90 date (likewise), or its on-time probability
        /// (higher is better, ties by P50).
        #[arg(long, value_enum, default_value_t = compare::RankBy::P50)]
        rank_by: compare::RankBy,
        /// The milestone the ranking compares (default: the last milestone of the reference that
        /// every variant has and at least one reaches; with on-time, that has a due date).
        #[arg(long, value_name = "ID")]
        milestone: Option<String>,
        #[command(flatten)]
        run: simulate::RunOptions,
        /// Print JSON instead of the tables.
        #[arg(long)]
        json: bool,
        /// Also write compare.html, compare.json and, per variant, NAME.report.html,
        /// NAME.milestones.csv and NAME.result.xlsx into this directory.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Print the JSON Schema of the scenario format (for editors and CI).
    #[command(after_help = "Example:\n  relaunch schema > scenario.schema.json")]
    Schema,
    /// Localization points by date against the threshold in force.
    #[command(
        after_help = "Examples:\n  relaunch localization examples/moskvich.toml\n  relaunch localization examples/moskvich.toml --json"
    )]
    Localization {
        /// The scenario file.
        file: PathBuf,
        /// Print the timeline as JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// A failure with the exit code it maps to.
enum Failure {
    /// Bad input: a message for the user, exit 2.
    User(String),
    /// A bug or an environment failure, exit 1.
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        if error.downcast_ref::<UserError>().is_some()
            || error
                .downcast_ref::<localization::MissingLocalization>()
                .is_some()
        {
            Failure::User(error.to_string())
        } else {
            Failure::Internal(error)
        }
    }
}

/// A user error raised below `run`, carried through `anyhow` (exit 2).
#[derive(Debug)]
pub struct UserError(pub String);

impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UserError {}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::User(message)) => {
            eprint!("{message}");
            if !message.ends_with('\n') {
                eprintln!();
            }
            ExitCode::from(2)
        }
        Err(Failure::Internal(error)) => {
            eprintln!("relaunch: internal error: {error:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let deny_warnings = cli.deny_warnings;
    match cli.command {
        Command::Check { files } => check(&files, deny_warnings),
        Command::Schema => {
            let schema = relaunch_scenario::json_schema();
            let text = serde_json::to_string_pretty(&schema).map_err(anyhow::Error::from)?;
            output::print(&format!("{text}\n")).map_err(Failure::from)
        }
        Command::Simulate {
            file,
            run,
            json,
            out,
            why,
        } => {
            let scenario = load_with_warnings(&file, deny_warnings)?;
            simulate::run(&file, &scenario, &run, json, out.as_deref(), why).map_err(Failure::from)
        }
        Command::Why {
            file,
            milestone,
            quantiles,
            run,
            json,
            out,
        } => {
            let scenario = load_with_warnings(&file, deny_warnings)?;
            why::run(
                &file,
                &scenario,
                &run,
                milestone.as_deref(),
                &quantiles,
                json,
                out.as_deref(),
            )
            .map_err(Failure::from)
        }
        Command::Compare {
            files,
            reference,
            rank_by,
            milestone,
            run,
            json,
            out,
        } => {
            let mut scenarios = Vec::new();
            let mut problems = String::new();
            for file in &files {
                match preflight::load_and_warn(file) {
                    Ok((_, warnings)) if deny_warnings && warnings > 0 => {
                        problems.push_str(&preflight::denied(file, warnings))
                    }
                    Ok((scenario, _)) => scenarios.push(scenario),
                    Err(diagnostics) => problems.push_str(&diagnostics.to_string()),
                }
            }
            if !problems.is_empty() {
                return Err(Failure::User(problems));
            }
            let choice = compare::Choice {
                reference,
                rank_by,
                milestone,
            };
            compare::run(&files, &scenarios, &choice, &run, json, out.as_deref())
                .map_err(Failure::from)
        }
        Command::Localization { file, json } => {
            let scenario = load(&file)?;
            localization::run(&scenario, json).map_err(Failure::from)
        }
    }
}

/// A count of replications, at least 1.
pub(crate) fn parse_replications(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(n) if n >= 1 => Ok(n),
        Ok(_) => Err("expected at least 1 replication".to_string()),
        Err(_) => Err(format!(
            "expected a whole number of replications, at least 1, not `{text}`"
        )),
    }
}

/// A quantile strictly between 0 and 1.
fn parse_quantile(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(q) if q > 0.0 && q < 1.0 => Ok(q),
        _ => Err(format!(
            "expected a quantile strictly between 0 and 1, such as 0.5 or 0.9, not `{text}`"
        )),
    }
}

/// Loads a scenario, turning diagnostics into a user error.
fn load(path: &std::path::Path) -> Result<relaunch_core::Scenario, Failure> {
    relaunch_scenario::load_file(path).map_err(|diagnostics| Failure::User(diagnostics.to_string()))
}

/// Loads a scenario and prints its pre-flight warnings; with `deny_warnings`, any warning is a
/// user error.
fn load_with_warnings(
    path: &std::path::Path,
    deny_warnings: bool,
) -> Result<relaunch_core::Scenario, Failure> {
    let (scenario, warnings) = preflight::load_and_warn(path)
        .map_err(|diagnostics| Failure::User(diagnostics.to_string()))?;
    if deny_warnings && warnings > 0 {
        return Err(Failure::User(preflight::denied(path, warnings)));
    }
    Ok(scenario)
}

fn check(files: &[PathBuf], deny_warnings: bool) -> Result<(), Failure> {
    let mut report = String::new();
    let mut failed = 0usize;
    for file in files {
        match preflight::load_and_warn(file) {
            Ok((scenario, warnings)) => {
                let suffix = if warnings > 0 {
                    format!(", {}", preflight::count_of_warnings(warnings))
                } else {
                    String::new()
                };
                output::print(&format!(
                    "{}: OK ({}){suffix}\n",
                    file.display(),
                    scenario.name
                ))?;
                if deny_warnings && warnings > 0 {
                    failed += 1;
                    report.push_str(&preflight::denied(file, warnings));
                }
            }
            Err(diagnostics) => {
                failed += 1;
                report.push_str(&diagnostics.to_string());
            }
        }
    }
    if failed > 0 {
        let total = files.len();
        let noun = if total == 1 { "file" } else { "files" };
        let verb = if failed == 1 { "has" } else { "have" };
        report.push_str(&format!("{failed} of {total} {noun} {verb} problems\n"));
        return Err(Failure::User(report));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Every example line of every `--help`, as printed.
    fn example_lines() -> Vec<String> {
        let mut command = Cli::command();
        command.build();
        let mut texts = vec![command.get_after_help().map(|h| h.to_string())];
        texts.extend(
            command
                .get_subcommands()
                .map(|sub| sub.get_after_help().map(|h| h.to_string())),
        );
        texts
            .into_iter()
            .flatten()
            .flat_map(|text| text.lines().map(str::to_string).collect::<Vec<_>>())
            .filter(|line| line.trim_start().starts_with("relaunch "))
            .collect()
    }

    #[test]
    fn help_examples_copy_paste() {
        let lines = example_lines();
        assert!(lines.len() > 20, "{lines:?}");
        for line in lines {
            // Short enough not to wrap on an 80-column terminal, no trailing comment to copy.
            assert!(line.chars().count() <= 78, "too long to copy: {line}");
            assert!(!line.contains('#'), "comment on a command line: {line}");
            // And it parses: the words up to a shell redirection, a glob standing for the
            // several files the shell expands it to.
            let words: Vec<&str> = line
                .split_whitespace()
                .take_while(|word| *word != ">")
                .flat_map(|word| {
                    let copies = if word.contains('*') { 2 } else { 1 };
                    std::iter::repeat_n(word, copies)
                })
                .collect();
            if let Err(error) = Cli::try_parse_from(&words) {
                panic!("`{line}` does not parse: {error}");
            }
        }
    }

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

//! The `relaunch` command line: parses arguments, calls the use cases of relaunch-app with a
//! progress bar, the system clock and a directory for artefacts, prints what they return, and
//! maps outcomes to exit codes (0 success, 1 internal failure, 2 user error).

mod actuals;
mod backtest;
mod compare;
mod forecast;
mod history;
mod localization;
mod options;
mod output;
mod plan;
mod progress;
mod render;
mod serve;
mod shard;
mod simulate;
mod status;
mod study;
mod tracking;
mod why;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use relaunch_app::{AppError, Services, SystemClock, check};
use relaunch_core::Scenario;
use relaunch_scenario::Overrides;

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
    /// The store of the tracking commands (actuals, status, forecast, history, backtest): a
    /// SQLite file (`relaunch.db`, `sqlite://path`) or `postgres://user@host/db`. Default:
    /// RELAUNCH_DB, else relaunch.db in the working directory.
    #[arg(long, global = true, value_name = "URL")]
    db: Option<String>,
    /// Override a key of the scenario without editing the file: KEY.PATH=VALUE, repeatable,
    /// the later winning (check, simulate, why, compare (every file), plan, localization,
    /// sensitivity; in `sweep`, KEY.PATH=V1,V2,... gives the values of a factor; `merge` takes
    /// the shards' own).
    /// The value is TOML, or else a string: `--set workforce.training=20d`,
    /// `--set station.trim.servers=5` (an element of an array of tables by its id or its
    /// position from 0), `--set 'kit.0.lead_time={dist="triangular",min="20d",mode="25d",max="40d"}'`.
    /// A bad value gets the same diagnostics as in the file, placed in `--set`.
    #[arg(long = "set", global = true, value_name = "KEY.PATH=VALUE")]
    sets: Vec<String>,
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
  relaunch localization examples/moskvich.toml
  relaunch actuals import examples/kaluga.toml examples/actuals/kaluga.csv
  relaunch status examples/kaluga.toml
  relaunch forecast examples/kaluga.toml --as-of 2024-03-29
  relaunch history examples/kaluga.toml
  relaunch backtest examples/kaluga.toml --every 14d -n 100
  relaunch serve --db relaunch.db --addr 127.0.0.1:8080";

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
        after_help = "Examples:\n  relaunch simulate examples/kaluga.toml\n  relaunch simulate examples/kaluga.toml -n 2000 --seed 11 --threads 2\n  relaunch simulate examples/kaluga.toml --json > result.json\n  # result.json, report.html, daily.csv, stations.csv, milestones.csv and\n  # result.xlsx in out/kaluga (with tasks or risks, also tasks.csv and risks.csv):\n  relaunch simulate examples/kaluga.toml --out out/kaluga\n  # also why.json and a \"Why late\" section in the report:\n  relaunch simulate examples/kaluga.toml --why --out out/kaluga\n  # refuse to run a plan with pre-flight warnings:\n  relaunch simulate examples/kaluga.toml --deny-warnings"
    )]
    Simulate {
        /// The scenario file.
        file: PathBuf,
        #[command(flatten)]
        run: options::RunOptions,
        /// Print the result document as JSON instead of the summary.
        #[arg(long)]
        json: bool,
        /// Also write result.json, daily.csv, stations.csv, milestones.csv, result.xlsx and
        /// report.html into this directory, and tasks.csv and risks.csv when the scenario has a
        /// programme (tasks or risks).
        ///
        /// DIR is replaced whole when every file is written (the old set or the new one, never
        /// a mix; see docs/analysis.md), so it must be new or hold only relaunch's files.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also explain each milestone's delay (as `relaunch why`, 32 more forecasts, 64 with
        /// tasks or risks): the table after the summary, and with --out why.json and a "Why
        /// late" section in report.html.
        #[arg(long)]
        why: bool,
        /// Skip the risk tornado. With risks in the scenario, each risk is forecast again
        /// switched off, on the same random numbers, to measure what it adds to each milestone's
        /// P50 and P90 and takes from its on-time chance: one more forecast per risk.
        #[arg(long)]
        no_tornado: bool,
        /// Run only the K-th of N equal shares of the replications (K from 1) and write what
        /// they fold into as DIR/shard-K-of-N.json (--out is required); `relaunch merge` joins
        /// the N files into this forecast, byte for byte. Shards are independent processes on
        /// any machines: a Slurm array, a Kubernetes Indexed Job (see docs/scale-out.md).
        #[arg(long, value_name = "K/N", requires = "out", conflicts_with_all = ["why", "json"])]
        shard: Option<relaunch_app::shard::ShardSpec>,
    },
    /// Merge the shard files of `simulate --shard K/N` into the forecast of all their
    /// replications: the same summary, --json and --out files as the unsharded simulate, byte
    /// for byte (but for the times: the perf block, the timing line of report.html). Shards of
    /// `sweep --shard K/N` merge into the sweep's table and files. Shards may come in any
    /// order; a missing, duplicated, altered or foreign shard is an error naming it.
    #[command(
        after_help = "Examples:\n  relaunch simulate examples/kaluga.toml -n 400 --shard 1/2 --out shards\n  relaunch simulate examples/kaluga.toml -n 400 --shard 2/2 --out shards\n  relaunch merge shards --out out/kaluga\n  relaunch merge shards/shard-1-of-2.json shards/shard-2-of-2.json --json\n  # a sweep's points in two shards:\n  relaunch sweep examples/ramp.toml --set workforce.training=10d,20d,40d \\\n    --shard 1/2 --out sweep-shards\n  relaunch sweep examples/ramp.toml --set workforce.training=10d,20d,40d \\\n    --shard 2/2 --out sweep-shards\n  relaunch merge sweep-shards --out out/sweep"
    )]
    Merge {
        /// Shard directories (every shard-K-of-N.json in them) or shard files.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print the result document as JSON instead of the summary.
        #[arg(long)]
        json: bool,
        /// Also write the artefacts of `simulate --out` into this directory.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// A study of the scenario over factors given as `--set KEY=V1,V2,...` (one value: fixed at
    /// every point): the forecast at every combination of the values (or a Latin hypercube of
    /// them), every point on the same replications and seed (common random numbers), one row
    /// per point: the table shows each milestone's P50 with its on-time chance and the mean
    /// cost; --json and the --out files add P90, good units and throughput.
    #[command(
        after_help = "Examples:\n  relaunch sweep examples/kaluga.toml --set station.trim.servers=2,3,4\n  relaunch sweep examples/ramp.toml --set workforce.training=10d,20d,40d\n  # every combination of two factors, 100 replications per point:\n  relaunch sweep examples/ramp.toml -n 100 --set workforce.training=10d,40d \\\n    --set station.0.servers=1,2\n  # a Latin hypercube of 4 points over 3 x 3 values:\n  relaunch sweep examples/ramp.toml --design lhs --points 4 \\\n    --set workforce.training=10d,20d,40d --set station.0.servers=1,2,3\n  # sweep.json, sweep.csv, sweep.xlsx and sweep.html (charts) in out/sweep:\n  relaunch sweep examples/ramp.toml --set workforce.training=10d,40d \\\n    --out out/sweep"
    )]
    Sweep {
        /// The scenario file.
        file: PathBuf,
        /// full: every combination of the values; lhs: a Latin hypercube of --points points,
        /// each value of each factor used as evenly as the points allow.
        #[arg(long, value_enum, default_value_t = DesignArg::Full)]
        design: DesignArg,
        /// Points of a Latin hypercube (--design lhs).
        #[arg(long, value_name = "K")]
        points: Option<usize>,
        #[command(flatten)]
        run: options::RunOptions,
        /// Print the sweep document as JSON instead of the table.
        #[arg(long)]
        json: bool,
        /// Also write sweep.json, sweep.csv, sweep.xlsx and sweep.html (charts) into this
        /// directory (replaced whole).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Run only the K-th of N equal shares of the points (K from 1), each point whole, and
        /// write them as DIR/shard-K-of-N.json (--out is required); `relaunch merge` joins the
        /// N files into the sweep's files (see docs/scale-out.md).
        #[arg(long, value_name = "K/N", requires = "out", conflicts_with = "json")]
        shard: Option<relaunch_app::shard::ShardSpec>,
    },
    /// A tornado of each milestone against the uncertain inputs: every duration drawn from a
    /// distribution (cycle times, breakdowns, kit lead times, tasks, risks' delays) fixed at its
    /// P10 and at its P90, the others left uncertain, paired with the base on the same random
    /// numbers; the inputs that move each milestone's P50 most, first.
    #[command(
        after_help = "Examples:\n  relaunch sensitivity examples/kaluga.toml\n  relaunch sensitivity examples/kaluga.toml -n 100 --json\n  relaunch sensitivity examples/kaluga.toml --out out/kaluga-sensitivity"
    )]
    Sensitivity {
        /// The scenario file.
        file: PathBuf,
        #[command(flatten)]
        run: options::RunOptions,
        /// Print the document as JSON instead of the table.
        #[arg(long)]
        json: bool,
        /// Also write sensitivity.json, .csv, .xlsx and .html (the tornadoes) into this
        /// directory (replaced whole).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Why late: how late each milestone is against its due date at P50 and P90, and how much
    /// on-time probability it loses, split over supply, staffing, equipment, quality, learning,
    /// the programme (with tasks or risks) and the plan itself (Shapley values of 32 forecasts,
    /// 64 with a programme, on common random numbers).
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
        #[arg(long = "quantile", value_name = "Q", value_parser = options::parse_quantile)]
        quantiles: Vec<f64>,
        #[command(flatten)]
        run: options::RunOptions,
        /// Print JSON instead of the table.
        #[arg(long)]
        json: bool,
        /// Also write why.json and report.html (the forecast with a "Why late" section) into
        /// this directory.
        ///
        /// DIR is replaced whole when every file is written (the old set or the new one, never
        /// a mix; see docs/analysis.md), so it must be new or hold only relaunch's files.
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
        after_help = "Examples:\n  relaunch compare examples/moskvich-jac.toml examples/moskvich-byd.toml\n  # a glob is sorted by the shell: byd, faw, jac (byd is the reference\n  # unless --reference names another)\n  relaunch compare examples/moskvich-*.toml --reference moskvich-jac\n  # compare.html, compare.json and per variant its report, milestones CSV\n  # and workbook in out/partners:\n  relaunch compare examples/moskvich-*.toml -n 400 --out out/partners\n  # rank by the chance of meeting a milestone's due date:\n  relaunch compare examples/moskvich-*.toml --rank-by on-time\n  relaunch compare examples/moskvich-*.toml --rank-by cost\n  relaunch compare examples/moskvich-*.toml --milestone plan-2022\n  relaunch compare examples/moskvich.toml examples/moskvich-byd.toml --json"
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
        /// mean on-time probability), its P90 date (likewise), its on-time probability
        /// (higher is better, ties by P50), or the P50 total cost of the horizon (lower is
        /// better, ties by the milestone's P50 date; every variant needs [costs]).
        #[arg(long, value_enum, default_value_t = compare::RankBy::P50)]
        rank_by: compare::RankBy,
        /// The milestone the ranking compares (default: the last milestone of the reference that
        /// every variant has and at least one reaches; with on-time, that has a due date).
        #[arg(long, value_name = "ID")]
        milestone: Option<String>,
        #[command(flatten)]
        run: options::RunOptions,
        /// Print JSON instead of the tables.
        #[arg(long)]
        json: bool,
        /// Also write compare.html, compare.json and, per variant, NAME.report.html,
        /// NAME.milestones.csv and NAME.result.xlsx into this directory.
        ///
        /// DIR is replaced whole when every file is written (the old set or the new one, never
        /// a mix; see docs/analysis.md), so it must be new or hold only relaunch's files.
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
    /// The least-cost plan (hires, kit orders, release rates, shifts) that meets every milestone
    /// with a due date at a chosen confidence: an optimiser (HiGHS) proposes, the simulation
    /// checks on common random numbers, the loop tightens until the check holds; the plan is
    /// verified once more on another seed and written as a scenario that extends the input.
    Plan(plan::PlanArgs),
    /// Actuals, what really happened in the plant day by day: `relaunch actuals import`.
    #[command(subcommand)]
    Actuals(actuals::ActualsCommand),
    /// Plan vs actual at a date: cumulative good units against the plan and the last
    /// forecast's P10–P50–P90, kit stock, headcount, tasks and milestones reached.
    Status(status::StatusArgs),
    /// Re-forecast from the actuals: the simulation starts from the state at the end of the
    /// as-of day (output, units in the line, kit stock, headcount, tasks); milestones already
    /// reached carry their actual date. The forecast is stored for `history`.
    Forecast(forecast::ForecastArgs),
    /// Every stored forecast's milestone dates by as-of date: the milestone trend (dates
    /// drifting right are the early warning).
    History(history::HistoryArgs),
    /// Replay forecasts at past dates from the actuals known then and score them against what
    /// happened: coverage of P10–P90 (ideally about 80%) and the P50's mean absolute error.
    Backtest(backtest::BacktestArgs),
    /// Serve the dashboard at / (programmes, forecasts, what-if, tracking, scenario editor,
    /// comparisons) and the JSON API under /api/v1 over the store (programmes, actuals,
    /// status, forecasts, runs as jobs with progress events), its OpenAPI document and an API
    /// browser at /api/v1/docs/. Writes need `Authorization: Bearer TOKEN`. See
    /// docs/dashboard.md and docs/server.md.
    Serve(serve::ServeArgs),
}

/// A failure with the exit code it maps to.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// A use case failed: the user's fault (exit 2) or an internal one (exit 1), as it says.
    #[error(transparent)]
    App(#[from] AppError),
    /// A failure of the command line itself, such as writing to stdout (exit 1).
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
    /// The command ran, printed its answer, and that answer is a no (exit 3): a plan short of
    /// the confidence asked for. Nothing more to print.
    #[error("the answer is short of what was asked")]
    Short,
    /// The user's fault outside the use cases, in words (exit 2), such as a server address in
    /// use.
    #[error("{0}")]
    User(String),
}

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
        Err(Failure::App(error)) if error.is_user_error() => {
            let message = error.to_string();
            output::eprint_text(&message);
            if !message.ends_with('\n') {
                eprintln!();
            }
            ExitCode::from(2)
        }
        Err(Failure::App(error)) => {
            eprintln!("relaunch: internal error: {:#}", anyhow::Error::from(error));
            ExitCode::from(1)
        }
        Err(Failure::Internal(error)) => {
            eprintln!("relaunch: internal error: {error:#}");
            ExitCode::from(1)
        }
        Err(Failure::Short) => ExitCode::from(3),
        Err(Failure::User(message)) => {
            output::eprint_text(&format!("{message}\n"));
            ExitCode::from(2)
        }
    }
}

/// Runs `work` with the services of the command line: progress as `--progress` chose, the
/// system clock and this release's version.
pub fn services<T>(
    mode: progress::ProgressMode,
    work: impl FnOnce(&Services<'_>) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let progress = progress::for_mode(mode);
    let clock = SystemClock::new();
    work(&Services {
        progress: progress.as_ref(),
        clock: &clock,
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// The designs of `relaunch sweep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DesignArg {
    Full,
    Lhs,
}

fn run(cli: Cli) -> Result<(), Failure> {
    let deny_warnings = cli.deny_warnings;
    let sets = Overrides::new(cli.sets.clone());
    let db = cli.db.as_deref();
    let tracking = matches!(
        cli.command,
        Command::Actuals(_)
            | Command::Status(_)
            | Command::Serve(_)
            | Command::Forecast(_)
            | Command::History(_)
            | Command::Backtest(_)
    );
    if tracking && !sets.is_empty() {
        return Err(Failure::User(
            "error: --set overrides a scenario for check, simulate, why, compare, plan, \
             localization, sweep and sensitivity; the tracking commands and the server keep a programme's scenario as \
             its file says it: edit the file (or save a new version) instead"
                .to_string(),
        ));
    }
    if matches!(cli.command, Command::Merge { .. }) && !sets.is_empty() {
        return Err(Failure::User(
            "error: merge reads the scenario from the shard files, with the --set overrides the \
             shards ran with: give --set to `simulate --shard` instead"
                .to_string(),
        ));
    }
    match cli.command {
        Command::Actuals(command) => actuals::run(command, db, deny_warnings),
        Command::Status(args) => status::run(args, db, deny_warnings),
        Command::Serve(args) => serve::run(args, db),
        Command::Forecast(args) => forecast::run(args, db, deny_warnings),
        Command::History(args) => history::run(args, db, deny_warnings),
        Command::Backtest(args) => backtest::run(args, db, deny_warnings),
        Command::Check { files } => check_files(&files, &sets, deny_warnings),
        Command::Plan(args) => {
            load_with_warnings(&args.file, &sets, deny_warnings)?;
            plan::run(&args, &sets)
        }
        Command::Schema => {
            let schema = relaunch_scenario::json_schema();
            let text = serde_json::to_string_pretty(&schema).map_err(AppError::from)?;
            Ok(output::print(&format!("{text}\n"))?)
        }
        Command::Simulate {
            file,
            run,
            json,
            out,
            why,
            no_tornado,
            shard,
        } => {
            let scenario = load_with_warnings(&file, &sets, deny_warnings)?;
            if let (Some(shard), Some(out)) = (shard, out.as_deref()) {
                return shard::run(shard::ShardArgs {
                    file: &file,
                    sets: &sets,
                    scenario,
                    options: &run,
                    shard,
                    out,
                    tornado: !no_tornado,
                });
            }
            simulate::run(
                (&file, sets.items()),
                scenario,
                &run,
                json,
                out.as_deref(),
                why,
                !no_tornado,
            )
        }
        Command::Why {
            file,
            milestone,
            quantiles,
            run,
            json,
            out,
        } => {
            let scenario = load_with_warnings(&file, &sets, deny_warnings)?;
            let options = why::WhyOptions {
                milestone,
                quantiles,
                run: &run,
                json,
                out: out.as_deref(),
            };
            why::run(&file, scenario, options)
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
            let scenarios =
                check::load_all(&files, &sets, deny_warnings, &mut |file, warnings| {
                    output::eprint_text(&check::render_warnings(file, warnings));
                })?;
            let choice = compare::Choice {
                reference,
                rank_by,
                milestone,
            };
            compare::run(&files, scenarios, &choice, &run, json, out.as_deref())
        }
        Command::Sweep {
            file,
            design,
            points,
            run,
            json,
            out,
            shard,
        } => {
            let design = match (design, points) {
                (DesignArg::Full, None) => relaunch_app::sweep::Design::Full,
                (DesignArg::Full, Some(_)) => {
                    return Err(Failure::User(
                        "error: --points chooses the size of a Latin hypercube: add --design lhs"
                            .to_string(),
                    ));
                }
                (DesignArg::Lhs, Some(points)) => relaunch_app::sweep::Design::Lhs { points },
                (DesignArg::Lhs, None) => {
                    return Err(Failure::User(
                        "error: --design lhs needs --points K, the number of points".to_string(),
                    ));
                }
            };
            // The base (the values that hold at every point) is read first, for its diagnostics
            // and pre-flight warnings.
            let (fixed, _) = relaunch_app::sweep::factors_of(&cli.sets)?;
            load_with_warnings(&file, &Overrides::new(fixed), deny_warnings)?;
            let args = study::SweepArgs {
                file: &file,
                sets: &cli.sets,
                design,
                options: &run,
                shard,
            };
            study::run_sweep(args, json, out.as_deref())
        }
        Command::Sensitivity {
            file,
            run,
            json,
            out,
        } => {
            let scenario = load_with_warnings(&file, &sets, deny_warnings)?;
            study::run_sensitivity(&file, scenario, &run, json, out.as_deref())
        }
        Command::Merge { paths, json, out } => {
            shard::merge_command(&paths, json, out.as_deref(), deny_warnings)
        }
        Command::Localization { file, json } => {
            let scenario = check::load_scenario(&file, &sets)?;
            localization::run(&scenario, json)
        }
    }
}

/// Loads a scenario and prints its pre-flight warnings; with `deny_warnings`, any warning is a
/// user error.
fn load_with_warnings(
    path: &Path,
    sets: &Overrides,
    deny_warnings: bool,
) -> Result<Scenario, AppError> {
    let checked = check::load_set(path, sets)?;
    output::eprint_text(&check::render_warnings(path, &checked.warnings));
    checked.accept(path, deny_warnings)
}

/// `relaunch check FILE...`: per file its warnings on stderr and `OK` on stdout, then every
/// problem at once.
fn check_files(files: &[PathBuf], sets: &Overrides, deny_warnings: bool) -> Result<(), Failure> {
    let checks = check::check_files(files, sets);
    for file_check in &checks {
        if let Ok(checked) = &file_check.outcome {
            output::eprint_text(&check::render_warnings(&file_check.file, &checked.warnings));
        }
        if let Some(line) = file_check.ok_line() {
            output::print_text(&line)?;
        }
    }
    Ok(check::verdict(checks, deny_warnings)?)
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
            .flat_map(|text| {
                // A command continued on the next line (` \`) is one command.
                let mut commands: Vec<String> = Vec::new();
                let mut continued = false;
                for line in text.lines() {
                    match commands.last_mut() {
                        Some(last) if continued => {
                            last.push(' ');
                            last.push_str(line.trim_start());
                        }
                        _ => commands.push(line.to_string()),
                    }
                    continued = line.ends_with(" \\");
                }
                commands
            })
            .filter(|line| line.trim_start().starts_with("relaunch "))
            .collect()
    }

    #[test]
    fn help_examples_copy_paste() {
        let lines = example_lines();
        assert!(lines.len() > 20, "{lines:?}");
        for line in lines {
            // Short enough not to wrap on an 80-column terminal (each line of a command continued
            // with ` \\`), no trailing comment to copy.
            assert!(
                line.split(" \\").all(|part| part.chars().count() <= 78),
                "too long to copy: {line}"
            );
            assert!(!line.contains('#'), "comment on a command line: {line}");
            // And it parses: the words up to a shell redirection, a glob standing for the
            // several files the shell expands it to.
            let words: Vec<&str> = line
                .split_whitespace()
                .take_while(|word| *word != ">")
                .filter(|word| *word != "\\")
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
}

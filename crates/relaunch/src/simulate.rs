//! `relaunch simulate`: runs the Monte Carlo forecast and prints or writes its documents.

use std::path::{Path, PathBuf};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use relaunch_core::Scenario;
use relaunch_core::montecarlo::{Forecast, forecast};
use relaunch_core::sim::Relaxations;
use relaunch_report::why::WhyDocument;
use relaunch_report::{Perf, ResultDocument, csv_export, html, summary, xlsx};

use crate::output;

/// Options of a forecast run, shared by `simulate`, `why` and `compare`.
#[derive(Debug, Clone, clap::Args)]
pub struct RunOptions {
    /// Replications per forecast (default: the (first) scenario's `replications`; `why` runs
    /// 32 forecasts of this many, `compare` this many per variant).
    #[arg(long, short = 'n', value_parser = crate::parse_replications)]
    pub replications: Option<u64>,
    /// Seed of the random streams (default: the (first) scenario's `seed`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads, 1 to 1024; 0 or absent means all cores. Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u16).range(0..=1024))]
    pub threads: Option<u16>,
}

/// Runs the forecast of `scenario` with `options` on a pool of the requested size, with a
/// progress bar on a terminal. Returns the forecast and the run-to-run varying figures.
pub fn run_forecast(
    scenario: &Scenario,
    options: &RunOptions,
    relax: Relaxations,
) -> anyhow::Result<(Forecast, Perf)> {
    let replications = options
        .replications
        .unwrap_or(u64::from(scenario.replications));
    let seed = options.seed.unwrap_or(scenario.seed);
    let pool = pool(options.threads)?;
    let bar = ProgressBar::new(replications);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {msg} [{bar:30}] {pos}/{len} replications, {eta} left",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_message(scenario.name.clone());
    let started = Instant::now();
    let result = pool.install(|| {
        forecast(scenario, seed, replications, relax, &|done| {
            bar.set_position(done)
        })
    });
    bar.finish_and_clear();
    let wall_seconds = started.elapsed().as_secs_f64();
    let perf = Perf {
        wall_seconds,
        threads: pool.current_num_threads(),
        events: result.events,
        events_per_second: result.events as f64 / wall_seconds.max(1e-9),
    };
    Ok((result, perf))
}

/// `relaunch simulate FILE`; with `why`, also the "why late" analysis: its table after the
/// summary, `why.json` and the "Why late" section of `report.html`.
pub fn run(
    file: &Path,
    scenario: &Scenario,
    options: &RunOptions,
    json: bool,
    out: Option<&Path>,
    why: bool,
) -> anyhow::Result<()> {
    if why {
        crate::why::check(scenario, None)?;
    }
    if let Some(dir) = out {
        crate::output::prepare_dir(dir)?;
    }
    let (result, perf) = run_forecast(scenario, options, Relaxations::default())?;
    let document = ResultDocument::new(scenario, &result, Some(perf.clone()));
    if json {
        output::print(&format!("{}\n", document.to_json()))?;
    } else {
        output::print(&summary::text(&document))?;
    }
    eprintln!(
        "{} replications in {:.2} s on {} threads ({:.1} M events/s)",
        result.replications,
        perf.wall_seconds,
        perf.threads,
        perf.events_per_second / 1e6
    );
    let analysis = if why {
        let analysis = crate::why::analyse(scenario, options, &[])?;
        if !json {
            output::print(&format!("\n{}", analysis.text(scenario, None)))?;
        }
        Some(analysis.document(scenario, None))
    } else {
        None
    };
    if let Some(dir) = out {
        write_outputs(dir, file, scenario, &document, analysis.as_ref())?;
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

/// Writes `result.json`, `daily.csv`, `stations.csv`, `milestones.csv`, `result.xlsx` and
/// `report.html` (and `why.json` with an analysis) into `dir`, each atomically.
fn write_outputs(
    dir: &Path,
    file: &Path,
    scenario: &Scenario,
    document: &ResultDocument,
    why: Option<&WhyDocument>,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let path = |name: &str| -> PathBuf { dir.join(name) };
    output::write_atomic(&path("result.json"), document.to_json().as_bytes())?;
    output::write_atomic(
        &path("daily.csv"),
        csv_export::daily_csv(document)?.as_bytes(),
    )?;
    output::write_atomic(
        &path("stations.csv"),
        csv_export::stations_csv(document)?.as_bytes(),
    )?;
    output::write_atomic(
        &path("milestones.csv"),
        csv_export::milestones_csv(document)?.as_bytes(),
    )?;
    output::write_atomic(&path("result.xlsx"), &xlsx::workbook(document)?)?;
    let mut report = html::Report::new(document)
        .scenario(scenario)
        .version(env!("CARGO_PKG_VERSION"))
        .scenario_file(file.display().to_string());
    if let Some(why) = why {
        output::write_atomic(
            &path("why.json"),
            (serde_json::to_string_pretty(why)? + "\n").as_bytes(),
        )?;
        report = report.why(why);
    }
    let report = report.html();
    output::write_atomic(&path("report.html"), report.as_bytes())?;
    Ok(())
}

/// A rayon pool of `threads` workers (all cores when absent or 0).
pub fn pool(threads: Option<u16>) -> anyhow::Result<rayon::ThreadPool> {
    let builder = rayon::ThreadPoolBuilder::new().num_threads(usize::from(threads.unwrap_or(0)));
    Ok(builder.build()?)
}

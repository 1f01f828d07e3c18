//! `relaunch compare`: runs the variants on common random numbers and prints or writes the
//! comparison document; `--out` writes `compare.json`, `compare.html` and every variant's
//! report.

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use relaunch_core::Scenario;
use relaunch_core::compare::compare;
use relaunch_report::comparison::{CompareDocument, render};

use crate::simulate::RunOptions;

/// `relaunch compare A B ...`.
pub fn run(
    files: &[PathBuf],
    scenarios: &[Scenario],
    options: &RunOptions,
    json: bool,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    if let Some(dir) = out {
        crate::output::prepare_dir(dir)?;
    }
    let first = &scenarios[0];
    let replications = options
        .replications
        .unwrap_or(u64::from(first.replications));
    let seed = options.seed.unwrap_or(first.seed);
    let pool = crate::simulate::pool(options.threads)?;
    let bar = ProgressBar::new(replications);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} compare: [{bar:30}] {pos}/{len} replications of every variant, {eta} left",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let refs: Vec<&Scenario> = scenarios.iter().collect();
    let results =
        pool.install(|| compare(&refs, seed, replications, &|done| bar.set_position(done)));
    bar.finish_and_clear();
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let document = CompareDocument::new(&paths, scenarios, &results, seed, replications);
    let text = serde_json::to_string_pretty(&document)? + "\n";
    if json {
        crate::output::print(&text)?;
    } else {
        crate::output::print(&render(&document))?;
    }
    if let Some(dir) = out {
        std::fs::create_dir_all(dir)?;
        crate::output::write_atomic(&dir.join("compare.json"), text.as_bytes())?;
        let page = relaunch_report::html::ComparePage::new(&document)
            .version(env!("CARGO_PKG_VERSION"))
            .html();
        crate::output::write_atomic(&dir.join("compare.html"), page.as_bytes())?;
        for variant in &document.variants {
            if let (Some(result), Some(scenario)) = (
                &variant.document,
                scenarios.iter().find(|s| s.name == variant.scenario),
            ) {
                let html = relaunch_report::html::Report::new(result)
                    .scenario(scenario)
                    .version(env!("CARGO_PKG_VERSION"))
                    .scenario_file(variant.file.clone())
                    .html();
                crate::output::write_atomic(
                    &dir.join(format!("{}.report.html", variant.name)),
                    html.as_bytes(),
                )?;
            }
        }
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

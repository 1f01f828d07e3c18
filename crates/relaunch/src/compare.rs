//! `relaunch compare`: runs the variants on common random numbers and prints or writes the
//! comparison document; `--out` writes `compare.json`, `compare.html` and, per variant, its
//! report, milestones CSV and workbook.
//!
//! The reference variant (the first file, or the one `--reference` names) is moved to the
//! front before the run, so everything downstream pairs against position 0. Variants stay
//! paired with their scenarios by position throughout: names can repeat (a `name` inherited
//! through `extends`).

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use relaunch_core::Scenario;
use relaunch_core::compare::compare;
use relaunch_report::comparison::{self, CompareDocument, Ranking, render};
use relaunch_report::{csv_export, xlsx};

use crate::UserError;
use crate::simulate::RunOptions;

/// What ranks the variants (`--rank-by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RankBy {
    /// The P50 date of the milestone.
    P50,
    /// The P90 date of the milestone.
    P90,
    /// The on-time probability of the milestone.
    OnTime,
}

/// The reference and ranking the user chose.
#[derive(Debug, Clone)]
pub struct Choice {
    pub reference: Option<String>,
    pub rank_by: RankBy,
    pub milestone: Option<String>,
}

impl Choice {
    fn ranking(&self) -> Ranking {
        Ranking {
            by: match self.rank_by {
                RankBy::P50 => comparison::RankBy::P50,
                RankBy::P90 => comparison::RankBy::P90,
                RankBy::OnTime => comparison::RankBy::OnTime,
            },
            milestone: self.milestone.clone(),
        }
    }
}

/// `relaunch compare A B ...`.
pub fn run(
    files: &[PathBuf],
    scenarios: &[Scenario],
    choice: &Choice,
    options: &RunOptions,
    json: bool,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    // Every user error is found before the (long) run.
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let reference = match &choice.reference {
        Some(id) => comparison::find_reference(id, &paths, scenarios).map_err(UserError)?,
        None => 0,
    };
    let ranking = choice.ranking();
    comparison::check_ranking(&ranking, scenarios).map_err(UserError)?;
    if let Some(dir) = out {
        crate::output::prepare_dir(dir)?;
    }
    // The seed and replications default to the first file's, whichever is the reference, so
    // that choosing a reference changes the pairing, not the numbers.
    let replications = options
        .replications
        .unwrap_or(u64::from(scenarios[0].replications));
    let seed = options.seed.unwrap_or(scenarios[0].seed);
    // The reference first, the others in the order given.
    let mut order: Vec<usize> = vec![reference];
    order.extend((0..files.len()).filter(|&i| i != reference));
    let paths: Vec<&Path> = order.iter().map(|&i| paths[i]).collect();
    let scenarios: Vec<Scenario> = order.iter().map(|&i| scenarios[i].clone()).collect();

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
    let mut document =
        CompareDocument::ranked(&paths, &scenarios, &results, seed, replications, &ranking);
    document.reference_chosen = choice.reference.is_some();
    let text = serde_json::to_string_pretty(&document)? + "\n";
    if json {
        crate::output::print(&text)?;
    } else {
        crate::output::print(&render(&document))?;
    }
    for warning in &document.warnings {
        eprintln!("warning: {warning}");
    }
    if let Some(dir) = out {
        write_outputs(dir, &document, &scenarios, &text)?;
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

/// Writes `compare.json`, `compare.html` and every variant's `NAME.report.html`,
/// `NAME.milestones.csv` and `NAME.result.xlsx`, each atomically. `scenarios` are in the
/// order of `document.variants`.
fn write_outputs(
    dir: &Path,
    document: &CompareDocument,
    scenarios: &[Scenario],
    json: &str,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    crate::output::write_atomic(&dir.join("compare.json"), json.as_bytes())?;
    let page = relaunch_report::html::ComparePage::new(document)
        .version(env!("CARGO_PKG_VERSION"))
        .html();
    crate::output::write_atomic(&dir.join("compare.html"), page.as_bytes())?;
    // By position: a variant's scenario is the one at the same index.
    for (variant, scenario) in document.variants.iter().zip(scenarios) {
        let Some(result) = &variant.document else {
            continue;
        };
        let html = relaunch_report::html::Report::new(result)
            .scenario(scenario)
            .version(env!("CARGO_PKG_VERSION"))
            .scenario_file(variant.file.clone())
            .html();
        let path = |suffix: &str| dir.join(format!("{}.{suffix}", variant.name));
        crate::output::write_atomic(&path("report.html"), html.as_bytes())?;
        crate::output::write_atomic(
            &path("milestones.csv"),
            csv_export::milestones_csv(result)?.as_bytes(),
        )?;
        crate::output::write_atomic(&path("result.xlsx"), &xlsx::workbook(result)?)?;
    }
    Ok(())
}

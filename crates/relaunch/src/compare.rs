//! `relaunch compare`: the comparison use case on the command line; prints the tables (or the
//! comparison document with `--json`) and the comparison's warnings; `--out` writes
//! `compare.json`, `compare.html` and, per variant, its report, milestones CSV and workbook.

use std::path::{Path, PathBuf};

use relaunch_app::compare::{CompareRequest, Variant, compare};
use relaunch_core::Scenario;
use relaunch_core::ranking::{self, Ranking};
use relaunch_report::comparison::render;

use crate::options::RunOptions;
use crate::output::{self, DirectorySink};
use crate::{Failure, services};

/// What ranks the variants (`--rank-by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RankBy {
    /// The P50 date of the milestone.
    P50,
    /// The P90 date of the milestone.
    P90,
    /// The on-time probability of the milestone.
    OnTime,
    /// The P50 total cost over the horizon (needs [costs] in every variant).
    Cost,
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
                RankBy::P50 => ranking::RankBy::P50,
                RankBy::P90 => ranking::RankBy::P90,
                RankBy::OnTime => ranking::RankBy::OnTime,
                RankBy::Cost => ranking::RankBy::Cost,
            },
            milestone: self.milestone.clone(),
        }
    }
}

/// `relaunch compare A B ...`; `scenarios` are those of `files`, in order.
pub fn run(
    files: &[PathBuf],
    scenarios: Vec<Scenario>,
    choice: &Choice,
    options: &RunOptions,
    json: bool,
    out: Option<&Path>,
) -> Result<(), Failure> {
    let request = CompareRequest {
        variants: files
            .iter()
            .zip(scenarios)
            .map(|(file, scenario)| Variant {
                file: file.clone(),
                scenario,
            })
            .collect(),
        reference: choice.reference.clone(),
        ranking: choice.ranking(),
        settings: options.settings(),
    };
    let mut sink = out.map(DirectorySink::new);
    let outcome = services(options.progress, |services| {
        compare(
            &request,
            services,
            sink.as_mut()
                .map(|sink| sink as &mut dyn relaunch_app::ArtefactSink),
        )
    })?;
    if json {
        output::print(&outcome.json)?;
    } else {
        output::print_text(&render(&outcome.document))?;
    }
    for warning in &outcome.document.warnings {
        output::eprint_text(&format!("warning: {warning}\n"));
    }
    if let Some(dir) = out {
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

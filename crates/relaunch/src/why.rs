//! `relaunch why`: the "why late" use case on the command line; prints the ranked table (or the
//! JSON document with `--json`); `--out` writes `why.json` and `report.html` into a directory.

use std::path::Path;

use relaunch_app::explain::{ExplainRequest, explain};
use relaunch_core::Scenario;

use crate::options::RunOptions;
use crate::output::{self, DirectorySink};
use crate::{Failure, services};

/// What `relaunch why` explains.
pub struct WhyOptions<'a> {
    pub milestone: Option<String>,
    pub quantiles: Vec<f64>,
    pub run: &'a RunOptions,
    pub json: bool,
    pub out: Option<&'a Path>,
}

/// `relaunch why FILE`.
pub fn run(file: &Path, scenario: Scenario, options: WhyOptions<'_>) -> Result<(), Failure> {
    let request = ExplainRequest {
        scenario,
        scenario_file: file.display().to_string(),
        settings: options.run.settings(),
        milestone: options.milestone,
        quantiles: options.quantiles,
    };
    let mut sink = options.out.map(DirectorySink::new);
    let outcome = services(options.run.progress, |services| {
        explain(
            &request,
            services,
            sink.as_mut()
                .map(|sink| sink as &mut dyn relaunch_app::ArtefactSink),
        )
    })?;
    if options.json {
        output::print(&outcome.json)?;
    } else {
        output::print_text(&outcome.text)?;
    }
    if let Some(dir) = options.out {
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

//! `relaunch sweep` and `relaunch sensitivity`: the study use cases on the command line; print
//! the table (or the document with `--json`); `--out` writes the artefacts into a directory.

use std::path::Path;

use relaunch_app::sensitivity::{SensitivityRequest, sensitivity};
use relaunch_app::sweep::{Design, SweepRequest, sweep};
use relaunch_core::Scenario;
use relaunch_report::study_text::{sensitivity_text, sweep_text};

use crate::options::RunOptions;
use crate::output::{self, DirectorySink};
use crate::{Failure, services};

/// `relaunch sweep FILE --set KEY=V1,V2 ...`.
pub fn run_sweep(
    file: &Path,
    sets: &[String],
    design: Design,
    options: &RunOptions,
    json: bool,
    out: Option<&Path>,
) -> Result<(), Failure> {
    let request = SweepRequest {
        path: file.to_path_buf(),
        sets: sets.to_vec(),
        design,
        settings: options.settings(),
    };
    let mut sink = out.map(DirectorySink::new);
    let outcome = services(options.progress, |services| {
        sweep(
            &request,
            services,
            sink.as_mut()
                .map(|sink| sink as &mut dyn relaunch_app::ArtefactSink),
        )
    })?;
    if json {
        let text = serde_json::to_string_pretty(&outcome.document)
            .map_err(relaunch_app::AppError::from)?;
        output::print(&format!("{text}\n"))?;
    } else {
        output::print_text(&sweep_text(&outcome.document))?;
    }
    if let Some(dir) = out {
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

/// `relaunch sensitivity FILE`.
pub fn run_sensitivity(
    file: &Path,
    scenario: Scenario,
    options: &RunOptions,
    json: bool,
    out: Option<&Path>,
) -> Result<(), Failure> {
    let request = SensitivityRequest {
        scenario,
        scenario_file: file.display().to_string(),
        settings: options.settings(),
    };
    let mut sink = out.map(DirectorySink::new);
    let document = services(options.progress, |services| {
        sensitivity(
            &request,
            services,
            sink.as_mut()
                .map(|sink| sink as &mut dyn relaunch_app::ArtefactSink),
        )
    })?;
    if json {
        let text = serde_json::to_string_pretty(&document).map_err(relaunch_app::AppError::from)?;
        output::print(&format!("{text}\n"))?;
    } else {
        output::print_text(&sensitivity_text(&document))?;
    }
    if let Some(dir) = out {
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

//! `relaunch sweep` and `relaunch sensitivity`: the study use cases on the command line; print
//! the table (or the document with `--json`); `--out` writes the artefacts into a directory.

use std::path::Path;

use relaunch_app::sensitivity::{SensitivityRequest, sensitivity};
use relaunch_app::shard::ShardSpec;
use relaunch_app::sweep::{Design, SweepRequest, sweep};
use relaunch_app::sweep_shard::SweepShardFile;
use relaunch_core::Scenario;
use relaunch_report::study_text::{sensitivity_text, sweep_text};

use crate::options::RunOptions;
use crate::output::{self, DirectorySink};
use crate::{Failure, services};

/// What `relaunch sweep` is asked for.
pub struct SweepArgs<'a> {
    pub file: &'a Path,
    pub sets: &'a [String],
    pub design: Design,
    pub options: &'a RunOptions,
    pub shard: Option<ShardSpec>,
}

/// `relaunch sweep FILE --set KEY=V1,V2 ...`; with `--shard K/N`, writes the shard's file into
/// `out` instead of the artefacts.
pub fn run_sweep(args: SweepArgs<'_>, json: bool, out: Option<&Path>) -> Result<(), Failure> {
    let options = args.options;
    let request = SweepRequest {
        path: args.file.to_path_buf(),
        sets: args.sets.to_vec(),
        design: args.design,
        settings: options.settings(),
        shard: args.shard,
    };
    if let (Some(shard), Some(dir)) = (args.shard, out) {
        let outcome = services(options.progress, |services| sweep(&request, services, None))?;
        let file = SweepShardFile::new(outcome, shard, env!("CARGO_PKG_VERSION"))?;
        let path = dir.join(shard.file_name());
        crate::shard::write_whole(dir, &path, &file.to_bytes()?)?;
        let points = &file.document.points;
        eprintln!(
            "sweep shard {shard}: points {}..{} of {}; wrote {}",
            points.first().map_or(0, |p| p.point),
            points.last().map_or(0, |p| p.point),
            file.total_points,
            path.display()
        );
        return Ok(());
    }
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
    let inputs = document.inputs.len();
    eprintln!(
        "sensitivity: {inputs} uncertain input{}, {} forecasts of {} replications (each input at \
         its low and its high, and the base)",
        if inputs == 1 { "" } else { "s" },
        1 + 2 * inputs,
        document.replications
    );
    if let Some(dir) = out {
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

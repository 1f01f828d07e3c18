//! `relaunch simulate`: the forecast use case on the command line; prints the summary (or the
//! result document with `--json`), the timing line on stderr and, with `--why`, the "why late"
//! table; `--out` writes the artefacts into a directory.

use std::path::Path;

use relaunch_app::forecast::{ForecastRequest, forecast};
use relaunch_core::Scenario;

use crate::options::RunOptions;
use crate::output::{self, DirectorySink};
use crate::{Failure, services};

/// `relaunch simulate FILE`; with `why`, also the "why late" analysis: its table after the
/// summary, `why.json` and the "Why late" section of `report.html`; with `tornado`, each risk's
/// effect on the milestones (no effect without risks).
pub fn run(
    (file, overrides): (&Path, &[String]),
    scenario: Scenario,
    options: &RunOptions,
    json: bool,
    out: Option<&Path>,
    why: bool,
    tornado: bool,
) -> Result<(), Failure> {
    let request = ForecastRequest {
        scenario,
        scenario_file: file.display().to_string(),
        overrides: overrides.to_vec(),
        settings: options.settings(),
        explain: why,
        tornado,
    };
    let mut sink = out.map(DirectorySink::new);
    let outcome = services(options.progress, |services| {
        forecast(
            &request,
            services,
            sink.as_mut()
                .map(|sink| sink as &mut dyn relaunch_app::ArtefactSink),
        )
    })?;
    if json {
        output::print(&format!("{}\n", outcome.document.to_json()))?;
    } else {
        output::print_text(&outcome.summary())?;
    }
    let perf = &outcome.perf;
    eprintln!(
        "{} replications in {:.2} s on {} threads ({:.1} M events/s)",
        outcome.forecast.replications,
        perf.wall_seconds,
        perf.threads,
        perf.events_per_second / 1e6
    );
    if let Some(explanation) = &outcome.explanation
        && !json
    {
        output::print_text(&format!("\n{}", explanation.text(&request.scenario, None)))?;
    }
    if let Some(dir) = out {
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

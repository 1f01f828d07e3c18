//! The forecast use case (`relaunch simulate`): the Monte Carlo forecast of one scenario, its
//! result document with the `perf` block timed on the injected clock, optionally the "why late"
//! analysis, the risk tornado of a scenario with risks (unless switched off), and its artefacts: `result.json`, `daily.csv`, `stations.csv`, `milestones.csv`,
//! `result.xlsx`, `report.html` (and `why.json` with the analysis).

use relaunch_core::Scenario;
use relaunch_core::montecarlo::Forecast;
use relaunch_core::sim::Relaxations;
use relaunch_report::why::WhyDocument;
use relaunch_report::{Perf, ResultDocument, csv_export, html, summary, xlsx};

use crate::AppError;
use crate::explain::{Explanation, analyse, check_milestones, subsets};
use crate::ports::{ArtefactSink, Services};
use crate::run::{RunSettings, forecasts_with_tornado, timed_forecast};

/// What to forecast.
#[derive(Debug, Clone)]
pub struct ForecastRequest {
    pub scenario: Scenario,
    /// The scenario file as the user named it, shown in the report.
    pub scenario_file: String,
    /// The `--set` overrides the scenario was read with, for the report's command that
    /// reproduces the run.
    pub overrides: Vec<String>,
    pub settings: RunSettings,
    /// Also explain each milestone's delay (32 more forecasts, 64 with a programme).
    pub explain: bool,
    /// Measure each risk's effect on the milestones (one more forecast per risk; nothing
    /// without risks). The CLI's `--no-tornado` clears it.
    pub tornado: bool,
}

/// The outcome of [`forecast`].
#[derive(Debug)]
pub struct ForecastOutcome {
    pub forecast: Forecast,
    /// The result document, its `perf` block included.
    pub document: ResultDocument,
    /// The run-to-run varying figures: wall time on the clock, threads, events per second.
    pub perf: Perf,
    /// The "why late" analysis, when asked for.
    pub explanation: Option<Explanation>,
}

impl ForecastOutcome {
    /// The plain-text summary.
    pub fn summary(&self) -> String {
        summary::text(&self.document)
    }
}

/// The names of the artefacts a forecast produces, in the order they are handed over
/// (`why.json` comes before `report.html` when there is an analysis).
pub const FORECAST_ARTEFACTS: [&str; 6] = [
    "result.json",
    "daily.csv",
    "stations.csv",
    "milestones.csv",
    "result.xlsx",
    "report.html",
];

/// Forecasts the scenario (and explains it when asked); with a sink, hands it the artefacts.
pub fn forecast(
    request: &ForecastRequest,
    services: &Services<'_>,
    sink: Option<&mut dyn ArtefactSink>,
) -> Result<ForecastOutcome, AppError> {
    let scenario = &request.scenario;
    if request.explain {
        check_milestones(scenario, None)?;
    }
    // The forecast and its tornado, and the relaxed forecasts of the analysis when asked for.
    let mut forecasts = forecasts_with_tornado(scenario, request.tornado);
    if request.explain {
        forecasts += subsets(scenario);
    }
    request.settings.check_work(scenario, forecasts)?;
    let mut sink = sink;
    if let Some(sink) = sink.as_deref_mut() {
        sink.prepare()?;
    }
    let (result, perf) = timed_forecast(
        scenario,
        &request.settings,
        Relaxations::default(),
        request.tornado,
        services,
    )?;
    let document = ResultDocument::new(scenario, &result, Some(perf.clone()));
    let explanation = if request.explain {
        Some(analyse(scenario, &request.settings, &[], services)?)
    } else {
        None
    };
    if let Some(sink) = sink {
        let why = explanation
            .as_ref()
            .map(|explanation| explanation.document(scenario, None));
        put_artefacts(
            sink,
            scenario,
            (&request.scenario_file, &request.overrides),
            &document,
            why.as_ref(),
            services,
        )?;
        sink.commit()?;
    }
    Ok(ForecastOutcome {
        forecast: result,
        document,
        perf,
        explanation,
    })
}

/// Hands the forecast's artefacts to `sink`: [`FORECAST_ARTEFACTS`], with `tasks.csv` and
/// `risks.csv` after `milestones.csv` when the scenario has a programme, and `why.json` before
/// `report.html` with an analysis. The caller commits the sink.
pub(crate) fn put_artefacts(
    sink: &mut dyn ArtefactSink,
    scenario: &Scenario,
    (scenario_file, overrides): (&str, &[String]),
    document: &ResultDocument,
    why: Option<&WhyDocument>,
    services: &Services<'_>,
) -> Result<(), AppError> {
    sink.put("result.json", document.to_json().as_bytes())?;
    sink.put("daily.csv", csv_export::daily_csv(document)?.as_bytes())?;
    sink.put(
        "stations.csv",
        csv_export::stations_csv(document)?.as_bytes(),
    )?;
    sink.put(
        "milestones.csv",
        csv_export::milestones_csv(document)?.as_bytes(),
    )?;
    if let Some(programme) = &document.programme {
        sink.put("tasks.csv", csv_export::tasks_csv(programme)?.as_bytes())?;
        sink.put("risks.csv", csv_export::risks_csv(programme)?.as_bytes())?;
    }
    sink.put("result.xlsx", &xlsx::workbook(document)?)?;
    let mut report = html::Report::new(document)
        .scenario(scenario)
        .version(services.version)
        .scenario_file(scenario_file.to_string())
        .overrides(overrides);
    if let Some(why) = why {
        sink.put(
            "why.json",
            (serde_json::to_string_pretty(why)? + "\n").as_bytes(),
        )?;
        report = report.why(why);
    }
    sink.put("report.html", report.html().as_bytes())
}

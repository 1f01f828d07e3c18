//! The sensitivity use case (`relaunch sensitivity FILE`): each uncertain input of the scenario
//! (every duration drawn from a distribution, [`relaunch_core::sensitivity::inputs`]) fixed at
//! its low (P10) and at its high (P90), the rest left uncertain, on the same replications and
//! seed as the base: a tornado per milestone of how far each input moves its P50. The paired
//! forecasts are asked only for their milestones, so each replication stops once they are all
//! reached.

use relaunch_core::Scenario;
use relaunch_core::milestones::Need;
use relaunch_core::montecarlo::{Forecast, Stopped, forecast_watching_until};
use relaunch_core::sensitivity::{HIGH, LOW, fixed, inputs};
use relaunch_core::sim::Relaxations;
use relaunch_report::html::study::sensitivity_html;
use relaunch_report::study::{
    InputSwing, MilestoneCell, SensitivityDocument, duration_words, swing, table_csv,
};
use relaunch_report::xlsx::table_workbook;

use crate::AppError;
use crate::ports::{ArtefactSink, Services, Work};
use crate::run::{Resolved, RunSettings};

/// What to study.
#[derive(Debug, Clone)]
pub struct SensitivityRequest {
    pub scenario: Scenario,
    pub scenario_file: String,
    pub settings: RunSettings,
}

/// The artefacts of a sensitivity study, in the order they are handed over.
pub const SENSITIVITY_ARTEFACTS: [&str; 4] = [
    "sensitivity.json",
    "sensitivity.csv",
    "sensitivity.xlsx",
    "sensitivity.html",
];

/// Runs the study; with a sink, hands it [`SENSITIVITY_ARTEFACTS`].
pub fn sensitivity(
    request: &SensitivityRequest,
    services: &Services<'_>,
    sink: Option<&mut dyn ArtefactSink>,
) -> Result<SensitivityDocument, AppError> {
    let scenario = &request.scenario;
    if scenario.milestones.is_empty() {
        return Err(AppError::Request(format!(
            "scenario \"{}\" has no [[milestone]]: a sensitivity study shows how far each \
             uncertain input moves the milestones",
            scenario.name
        )));
    }
    let found = inputs(scenario);
    if found.is_empty() {
        return Err(AppError::Request(format!(
            "scenario \"{}\" has no uncertain input to fix at a low and a high: every duration \
             (cycle times, breakdowns, lead times, tasks, risks' delays) is a constant",
            scenario.name
        )));
    }
    let forecasts = 1 + 2 * found.len() as u64;
    request.settings.check_work(scenario, forecasts)?;
    let Resolved { seed, replications } = request.settings.resolve(scenario);
    let mut sink = sink;
    if let Some(sink) = sink.as_deref_mut() {
        sink.prepare()?;
    }
    let pool = request.settings.pool()?;
    let progress = services.progress;
    progress.start(Work::Study, replications.saturating_mul(forecasts));
    let stop = || progress.stopped();
    let needs = vec![Need::Day; scenario.milestones.len()];
    let mut done_forecasts = 0u64;
    let mut run = |scenario: &Scenario| -> Result<Forecast, AppError> {
        let before = replications * done_forecasts;
        done_forecasts += 1;
        pool.install(|| {
            forecast_watching_until(
                scenario,
                seed,
                replications,
                Relaxations::default(),
                Some(&needs),
                &|done| progress.advance(before + done),
                &stop,
            )
        })
        .map_err(|Stopped| {
            progress.finish();
            AppError::Cancelled
        })
    };
    let base = run(scenario)?;
    let mut rows = Vec::with_capacity(found.len());
    for (index, input) in found.iter().enumerate() {
        let low = run(&fixed(scenario, index, LOW))?;
        let high = run(&fixed(scenario, index, HIGH))?;
        rows.push(InputSwing {
            input: input.label.clone(),
            low_secs: input.low_secs,
            high_secs: input.high_secs,
            low: duration_words(input.low_secs),
            high: duration_words(input.high_secs),
            swings: base
                .milestones
                .iter()
                .zip(&low.milestones)
                .zip(&high.milestones)
                .map(|((base, low), high)| swing(base, low, high))
                .collect(),
        });
    }
    progress.finish();
    let document = SensitivityDocument {
        scenario: scenario.name.clone(),
        scenario_file: request.scenario_file.clone(),
        seed,
        replications,
        low_quantile: LOW,
        high_quantile: HIGH,
        base: base.milestones.iter().map(MilestoneCell::new).collect(),
        inputs: rows,
    };
    if let Some(sink) = sink {
        let table = document.table();
        sink.put(
            "sensitivity.json",
            (serde_json::to_string_pretty(&document)? + "\n").as_bytes(),
        )?;
        sink.put("sensitivity.csv", table_csv(&table)?.as_bytes())?;
        let title = format!("{} — relaunch sensitivity", document.scenario);
        sink.put(
            "sensitivity.xlsx",
            &table_workbook(&title, &[("sensitivity", &table)])?,
        )?;
        sink.put("sensitivity.html", sensitivity_html(&document).as_bytes())?;
        sink.commit()?;
    }
    Ok(document)
}

//! The "why late" use case (`relaunch why`, `simulate --why`): how late each milestone is at
//! its quantiles and how much on-time probability it loses, split over the factors by Shapley
//! value on common random numbers; its artefacts are `why.json` and `report.html` with a "Why
//! late" section.

use relaunch_core::Scenario;
use relaunch_core::why::{MilestoneWhy, Why, factors, why_until};
use relaunch_report::ResultDocument;
use relaunch_report::why::{WhyDocument, render};

use crate::AppError;
use crate::ports::{ArtefactSink, Services, Work};
use crate::run::{Resolved, RunSettings};

/// What to explain.
#[derive(Debug, Clone)]
pub struct ExplainRequest {
    pub scenario: Scenario,
    /// The scenario file as the user named it, shown in the report.
    pub scenario_file: String,
    pub settings: RunSettings,
    /// Explain only this milestone (all when `None`).
    pub milestone: Option<String>,
    /// The quantiles of the milestone dates to explain; empty means P50 and P90.
    pub quantiles: Vec<f64>,
}

/// A finished analysis with the seed and replications it ran with.
#[derive(Debug, Clone)]
pub struct Explanation {
    pub result: Why,
    pub seed: u64,
    pub replications: u64,
}

impl Explanation {
    /// The document of the milestones `chosen` (all when `None`).
    pub fn document(&self, scenario: &Scenario, chosen: Option<&str>) -> WhyDocument {
        WhyDocument::new(scenario, &self.result, chosen, self.seed, self.replications)
    }

    /// The ranked text table of the milestones `chosen` (all when `None`).
    pub fn text(&self, scenario: &Scenario, chosen: Option<&str>) -> String {
        let milestones: Vec<&MilestoneWhy> = self
            .result
            .milestones
            .iter()
            .filter(|m| chosen.is_none_or(|wanted| m.id == wanted))
            .collect();
        render(
            scenario,
            &self.result,
            &milestones,
            self.seed,
            self.replications,
        )
    }
}

/// The outcome of [`explain`].
#[derive(Debug)]
pub struct ExplainOutcome {
    pub explanation: Explanation,
    /// The document of the milestones asked for.
    pub document: WhyDocument,
    /// `document` as pretty JSON with a final newline: what `why.json` holds.
    pub json: String,
    /// The ranked table of the milestones asked for.
    pub text: String,
}

/// Refuses, as a user error, a scenario without milestones or an unknown `milestone`.
pub fn check_milestones(scenario: &Scenario, milestone: Option<&str>) -> Result<(), AppError> {
    if let Some(wanted) = milestone
        && !scenario.milestones.iter().any(|m| m.id == wanted)
    {
        return Err(AppError::UnknownMilestone {
            wanted: wanted.to_string(),
            scenario: scenario.name.clone(),
            known: scenario.milestones.iter().map(|m| m.id.clone()).collect(),
        });
    }
    if scenario.milestones.is_empty() {
        return Err(AppError::NoMilestones {
            scenario: scenario.name.clone(),
        });
    }
    Ok(())
}

/// The forecasts of the analysis of `scenario`: one per subset of its factors (32, or 64 with
/// a programme).
pub fn subsets(scenario: &Scenario) -> u64 {
    1 << factors(scenario).len()
}

/// Runs the forecasts of the analysis, reporting progress by relaxation subset.
pub fn analyse(
    scenario: &Scenario,
    settings: &RunSettings,
    quantiles: &[f64],
    services: &Services<'_>,
) -> Result<Explanation, AppError> {
    let Resolved { seed, replications } = settings.resolve(scenario);
    let pool = settings.pool()?;
    let progress = services.progress;
    progress.start(Work::Explain, subsets(scenario));
    let result = pool.install(|| {
        why_until(
            scenario,
            seed,
            replications,
            quantiles,
            &|done| progress.advance(done),
            &|| progress.stopped(),
        )
    });
    progress.finish();
    let result = result.map_err(|_| AppError::Cancelled)?;
    Ok(Explanation {
        result,
        seed,
        replications,
    })
}

/// Explains the scenario's milestones; with a sink, hands it `why.json` and `report.html`
/// (the forecast with nothing relaxed, with the analysis as its "Why late" section).
pub fn explain(
    request: &ExplainRequest,
    services: &Services<'_>,
    sink: Option<&mut dyn ArtefactSink>,
) -> Result<ExplainOutcome, AppError> {
    let scenario = &request.scenario;
    let chosen = request.milestone.as_deref();
    check_milestones(scenario, chosen)?;
    request.settings.check_work(scenario, subsets(scenario))?;
    let mut sink = sink;
    if let Some(sink) = sink.as_deref_mut() {
        sink.prepare()?;
    }
    let explanation = analyse(scenario, &request.settings, &request.quantiles, services)?;
    let document = explanation.document(scenario, chosen);
    let json = serde_json::to_string_pretty(&document)? + "\n";
    let text = explanation.text(scenario, chosen);
    if let Some(sink) = sink {
        sink.put("why.json", json.as_bytes())?;
        // The forecast with nothing relaxed is the normal forecast.
        let result = ResultDocument::new(scenario, &explanation.result.actual, None);
        let html = relaunch_report::html::Report::new(&result)
            .scenario(scenario)
            .why(&document)
            .version(services.version)
            .scenario_file(request.scenario_file.clone())
            .html();
        sink.put("report.html", html.as_bytes())?;
        sink.commit()?;
    }
    Ok(ExplainOutcome {
        explanation,
        document,
        json,
        text,
    })
}

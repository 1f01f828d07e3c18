//! The comparison use case (`relaunch compare`): variants run on common random numbers, paired
//! differences to a reference variant, a ranking by the rule asked for; its artefacts are
//! `compare.json`, `compare.html` and, per variant, `NAME.report.html`, `NAME.milestones.csv`
//! and `NAME.result.xlsx`.
//!
//! The reference variant (the first file, or the one the request names) is moved to the front
//! before the run, so everything downstream pairs against position 0. Variants stay paired with
//! their scenarios by position throughout: names can repeat (a `name` inherited through
//! `extends`).

use std::path::{Path, PathBuf};

use relaunch_core::Scenario;
use relaunch_core::compare::compare_until as compare_variants;
use relaunch_core::montecarlo::Forecast;
use relaunch_core::ranking::{RankBy, Ranking, rank};
use relaunch_report::comparison::{CompareDocument, CompareInputs, variant_names};
use relaunch_report::{csv_export, html, xlsx};

use crate::AppError;
use crate::ports::{ArtefactSink, Services, Work};
use crate::run::{Resolved, RunSettings};

/// One variant: the file it was read from and its scenario.
#[derive(Debug, Clone)]
pub struct Variant {
    pub file: PathBuf,
    pub scenario: Scenario,
}

/// What to compare.
#[derive(Debug, Clone)]
pub struct CompareRequest {
    /// At least two variants, in the order given.
    pub variants: Vec<Variant>,
    /// The reference: a display name (file stem) or a scenario name that one variant has;
    /// the first variant when `None`.
    pub reference: Option<String>,
    pub ranking: Ranking,
    /// Absent seed and replications default to the first variant's, whichever is the
    /// reference, so that choosing a reference changes the pairing, not the numbers.
    pub settings: RunSettings,
}

/// The outcome of [`compare`].
#[derive(Debug)]
pub struct CompareOutcome {
    pub document: CompareDocument,
    /// `document` as pretty JSON with a final newline: what `compare.json` holds.
    pub json: String,
}

/// The index of the variant `id` names: a display name (file stem), else a scenario name that
/// exactly one variant has.
pub fn find_reference(id: &str, variants: &[Variant]) -> Result<usize, AppError> {
    let files: Vec<&Path> = variants.iter().map(|v| v.file.as_path()).collect();
    let names = variant_names(&files);
    if let Some(index) = names.iter().position(|name| name == id) {
        return Ok(index);
    }
    let by_scenario: Vec<usize> = (0..variants.len())
        .filter(|&index| variants[index].scenario.name == id)
        .collect();
    match by_scenario.as_slice() {
        [index] => Ok(*index),
        [] => Err(AppError::UnknownReference {
            id: id.to_string(),
            names,
        }),
        _ => Err(AppError::AmbiguousReference {
            id: id.to_string(),
            count: by_scenario.len(),
            names,
        }),
    }
}

/// Checks a ranking request before any run: a named milestone must exist in every variant, and
/// have a due date in every variant to rank by on-time probability.
pub fn check_ranking(ranking: &Ranking, variants: &[Variant]) -> Result<(), AppError> {
    let Some(id) = &ranking.milestone else {
        return Ok(());
    };
    for Variant { scenario, .. } in variants {
        match scenario.milestones.iter().find(|m| &m.id == id) {
            None => {
                return Err(AppError::RankingMilestoneMissing {
                    id: id.clone(),
                    scenario: scenario.name.clone(),
                });
            }
            Some(milestone) if ranking.by == RankBy::OnTime && milestone.due.is_none() => {
                return Err(AppError::RankingMilestoneWithoutDue {
                    id: id.clone(),
                    scenario: scenario.name.clone(),
                });
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Compares the variants; with a sink, hands it the artefacts.
pub fn compare(
    request: &CompareRequest,
    services: &Services<'_>,
    sink: Option<&mut dyn ArtefactSink>,
) -> Result<CompareOutcome, AppError> {
    // Every user error is found before the (long) run.
    let reference = match &request.reference {
        Some(id) => find_reference(id, &request.variants)?,
        None => 0,
    };
    check_ranking(&request.ranking, &request.variants)?;
    let mut sink = sink;
    if let Some(sink) = sink.as_deref_mut() {
        sink.prepare()?;
    }
    let Resolved { seed, replications } = request.settings.resolve(&request.variants[0].scenario);
    // The reference first, the others in the order given.
    let mut order: Vec<usize> = vec![reference];
    order.extend((0..request.variants.len()).filter(|&index| index != reference));
    let files: Vec<&Path> = order
        .iter()
        .map(|&index| request.variants[index].file.as_path())
        .collect();
    let scenarios: Vec<Scenario> = order
        .iter()
        .map(|&index| request.variants[index].scenario.clone())
        .collect();

    let pool = request.settings.pool()?;
    let progress = services.progress;
    progress.start(Work::Compare, replications);
    let refs: Vec<&Scenario> = scenarios.iter().collect();
    let results = pool.install(|| {
        compare_variants(
            &refs,
            seed,
            replications,
            &|done| progress.advance(done),
            &|| progress.stopped(),
        )
    });
    progress.finish();
    let results = results.map_err(|_| AppError::Cancelled)?;

    let forecasts: Vec<&Forecast> = results.iter().map(|result| &result.forecast).collect();
    let ranked = rank(&forecasts, &request.ranking);
    let inputs = CompareInputs {
        files: &files,
        names: variant_names(&files),
        scenarios: &scenarios,
        seed,
        replications,
    };
    let mut document = CompareDocument::ranked(&inputs, &results, &request.ranking, ranked);
    document.reference_chosen = request.reference.is_some();
    let json = serde_json::to_string_pretty(&document)? + "\n";
    if let Some(sink) = sink {
        put_artefacts(sink, &document, &scenarios, &json, services)?;
    }
    Ok(CompareOutcome { document, json })
}

/// Hands `compare.json`, `compare.html` and every variant's `NAME.report.html`,
/// `NAME.milestones.csv` and `NAME.result.xlsx` to `sink`. `scenarios` are in the order of
/// `document.variants`.
fn put_artefacts(
    sink: &mut dyn ArtefactSink,
    document: &CompareDocument,
    scenarios: &[Scenario],
    json: &str,
    services: &Services<'_>,
) -> Result<(), AppError> {
    sink.put("compare.json", json.as_bytes())?;
    let page = html::ComparePage::new(document)
        .version(services.version)
        .html();
    sink.put("compare.html", page.as_bytes())?;
    // By position: a variant's scenario is the one at the same index.
    for (variant, scenario) in document.variants.iter().zip(scenarios) {
        let Some(result) = &variant.document else {
            continue;
        };
        let report = html::Report::new(result)
            .scenario(scenario)
            .version(services.version)
            .scenario_file(variant.file.clone())
            .html();
        let name = |suffix: &str| format!("{}.{suffix}", variant.name);
        sink.put(&name("report.html"), report.as_bytes())?;
        sink.put(
            &name("milestones.csv"),
            csv_export::milestones_csv(result)?.as_bytes(),
        )?;
        sink.put(&name("result.xlsx"), &xlsx::workbook(result)?)?;
    }
    sink.commit()
}

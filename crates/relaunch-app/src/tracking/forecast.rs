//! `relaunch forecast SCENARIO --as-of DATE`: the forecast of the rest of the horizon from the
//! state at the end of the as-of day (default: the last actuals date), made by the core from
//! the stored actuals known then; with `--calibrate`, the scenario's assumptions re-estimated
//! from those actuals and drawn per replication. The result document is `simulate`'s with
//! `as_of` and each reached milestone's `actual`; it is stored (kind `forecast`, with the
//! scenario's hash and the hash of the actuals it started from) and its artefacts are
//! `simulate --out`'s, plus `calibration.json` and `calibration.html` when calibrated.

use jiff::civil::Date;
use relaunch_core::Scenario;
use relaunch_core::actuals::{Actuals, Row};
use relaunch_core::montecarlo::{Forecast, MilestoneForecast, RiskEffect, StopCheck};
use relaunch_core::programme::without_risk;
use relaunch_core::schedule::days_between;
use relaunch_core::tracking::{Calibration, State, TrackingError, forecast_as_of_until, state_at};
use relaunch_report::tracking::{CalibrationDocument, CalibrationEstimate, calibration_html};
use relaunch_report::{Perf, ResultDocument};
use relaunch_store::{MilestoneRecord, NewForecast};

use super::programme::actuals_hash;
use super::{AsOf, Programme, StoreHandle, as_of_date, stored_actuals, tracking_error};
use crate::AppError;
use crate::forecast::put_artefacts;
use crate::ports::{ArtefactSink, Services, Work};
use crate::run::{RunSettings, forecasts_with_tornado};

/// What to forecast from the actuals.
#[derive(Debug, Clone, Default)]
pub struct AsOfRequest {
    /// The as-of date; `None`: the last actuals date.
    pub as_of: Option<Date>,
    pub settings: RunSettings,
    /// Re-estimate the assumptions from the actuals and use them.
    pub calibrate: bool,
    /// Measure each risk's effect on the milestones (one more forecast per risk).
    pub tornado: bool,
    /// When the forecast is made (RFC 3339), stored with it.
    pub created: String,
}

/// The outcome of [`forecast`].
#[derive(Debug)]
pub struct AsOfOutcome {
    pub as_of: Date,
    pub forecast: Forecast,
    pub document: ResultDocument,
    pub perf: Perf,
    /// With `calibrate`: what the actuals say beside the scenario's assumptions.
    pub calibration: Option<CalibrationDocument>,
    /// The stored forecast's id.
    pub id: i64,
}

/// Forecasts `programme` from the stored actuals at the request's as-of date, stores the
/// forecast and, with a sink, hands it the artefacts.
pub fn forecast(
    store: &StoreHandle,
    programme: &Programme,
    request: &AsOfRequest,
    services: &Services<'_>,
    sink: Option<&mut dyn ArtefactSink>,
) -> Result<AsOfOutcome, AppError> {
    let scenario = &programme.scenario;
    programme.register(store, &request.created)?;
    let (rows, actuals) = stored_actuals(store, programme)?;
    let AsOf {
        date: as_of,
        mut warnings,
    } = as_of_date(scenario, &actuals, request.as_of)?;
    request
        .settings
        .check_work(scenario, forecasts_with_tornado(scenario, request.tornado))?;
    let mut sink = sink;
    if let Some(sink) = sink.as_deref_mut() {
        sink.prepare()?;
    }
    let run = run_as_of(
        scenario,
        &actuals,
        as_of,
        &request.settings,
        request.calibrate,
        request.tornado,
        services,
    )?;
    let mut document = ResultDocument::new(scenario, &run.forecast, Some(run.perf.clone()));
    warnings.extend(pace_warning(&document, as_of));
    document.warnings = warnings;
    document.calibrated = request.calibrate;
    let calibration = run
        .calibration
        .as_ref()
        .map(|calibration| calibration_document(calibration, as_of));
    let id = store.call(|store| {
        store.save_forecast(&new_forecast(
            programme,
            &rows,
            &run.forecast,
            &document,
            ("forecast", request.calibrate),
            &request.created,
        ))
    })?;
    if let Some(sink) = sink {
        put_artefacts(
            sink,
            scenario,
            (&programme.file, &[]),
            &document,
            None,
            services,
        )?;
        if let Some(calibration) = &calibration {
            sink.put(
                "calibration.json",
                (serde_json::to_string_pretty(calibration)? + "\n").as_bytes(),
            )?;
            sink.put(
                "calibration.html",
                calibration_html(&scenario.name, calibration).as_bytes(),
            )?;
        }
        sink.commit()?;
    }
    Ok(AsOfOutcome {
        as_of,
        forecast: run.forecast,
        document,
        perf: run.perf,
        calibration,
        id,
    })
}

/// A forecast from the actuals, timed.
pub(crate) struct AsOfRun {
    pub forecast: Forecast,
    pub perf: Perf,
    pub calibration: Option<Calibration>,
}

/// The state at the end of `as_of` and the forecast from it on the pool of `settings`
/// (seed and replications defaulting to the scenario's), with the risk tornado when asked for.
pub(crate) fn run_as_of(
    scenario: &Scenario,
    actuals: &Actuals,
    as_of: Date,
    settings: &RunSettings,
    calibrate: bool,
    tornado: bool,
    services: &Services<'_>,
) -> Result<AsOfRun, AppError> {
    let resolved = settings.resolve(scenario);
    let (seed, replications) = (resolved.seed, resolved.replications);
    let state = state_at(scenario, actuals, as_of).map_err(tracking_error)?;
    let calibration = calibrate.then(|| Calibration::estimate(scenario, actuals, as_of));
    let pool = settings.pool()?;
    let progress = services.progress;
    progress.start(
        Work::Forecast {
            scenario: &scenario.name,
        },
        replications.saturating_mul(forecasts_with_tornado(scenario, tornado)),
    );
    let started = services.clock.now();
    let stop = || progress.stopped();
    let result = pool.install(|| {
        forecast_as_of_until(
            scenario,
            &state,
            calibration.as_ref(),
            (seed, replications),
            &|done| progress.advance(done),
            &stop,
        )
    });
    let mut result = match result {
        Ok(result) => result,
        Err(error) => {
            progress.finish();
            return Err(tracking_error(error));
        }
    };
    let wall_seconds = services.clock.now().saturating_sub(started).as_secs_f64();
    let measured = if tornado {
        pool.install(|| {
            tornado_as_of(
                scenario,
                &state,
                calibration.as_ref(),
                (seed, replications),
                &mut result,
                &|done| progress.advance(replications + done),
                &stop,
            )
        })
    } else {
        Ok(())
    };
    progress.finish();
    measured.map_err(tracking_error)?;
    let perf = Perf {
        wall_seconds,
        threads: pool.current_num_threads(),
        events: result.events,
        events_per_second: result.events as f64 / wall_seconds.max(1e-9),
    };
    Ok(AsOfRun {
        forecast: result,
        perf,
        calibration,
    })
}

/// The risk tornado of a forecast from actuals: each risk switched off (as
/// [`relaunch_core::programme::tornado`] does) and the forecast made again from the same
/// state on the same random numbers. A risk whose task is already done changes nothing.
fn tornado_as_of(
    scenario: &Scenario,
    state: &State,
    calibration: Option<&Calibration>,
    (seed, replications): (u64, u64),
    base: &mut Forecast,
    progress: &(dyn Fn(u64) + Sync),
    stop: StopCheck<'_>,
) -> Result<(), TrackingError> {
    let Some(programme) = &mut base.programme else {
        return Ok(());
    };
    for (index, risk) in programme.risks.iter_mut().enumerate() {
        let done_before = index as u64 * replications;
        // The state was accepted for the base forecast, so it is for the same scenario
        // without a risk; were it not, the risk is left without effects.
        let without = match forecast_as_of_until(
            &without_risk(scenario, index),
            state,
            calibration,
            (seed, replications),
            &|done| progress(done_before + done),
            stop,
        ) {
            Ok(without) => without,
            Err(TrackingError::Stopped) => return Err(TrackingError::Stopped),
            Err(_) => continue,
        };
        risk.effects = base
            .milestones
            .iter()
            .zip(&without.milestones)
            .map(|(with, without)| effect(with, without))
            .collect();
    }
    Ok(())
}

/// A risk's effect on one milestone: the forecast `with` it minus the one `without` it.
fn effect(with: &MilestoneForecast, without: &MilestoneForecast) -> RiskEffect {
    let added = |with: Option<Date>, without: Option<Date>| Some(days_between(without?, with?));
    RiskEffect {
        milestone: with.id.clone(),
        p50_days: added(with.p50, without.p50),
        p90_days: added(with.p90, without.p90),
        on_time_loss: without
            .on_time_probability
            .zip(with.on_time_probability)
            .map(|(without, with)| without - with),
    }
}

/// The calibration as the report shows it.
pub fn calibration_document(calibration: &Calibration, as_of: Date) -> CalibrationDocument {
    CalibrationDocument {
        as_of: as_of.to_string(),
        estimates: calibration
            .estimates
            .iter()
            .map(|estimate| CalibrationEstimate {
                parameter: estimate.parameter.clone(),
                assumed: estimate.assumed,
                mean: estimate.mean,
                p05: estimate.p05,
                p95: estimate.p95,
                basis: estimate.basis.clone(),
            })
            .collect(),
    }
}

/// The record the store keeps of a forecast of `programme` made from `rows` (those through
/// its as-of date count in the actuals hash), of `kind` (`forecast`, `simulate`), calibrated
/// or not.
pub(crate) fn new_forecast(
    programme: &Programme,
    rows: &[Row],
    forecast: &Forecast,
    document: &ResultDocument,
    (kind, calibrated): (&str, bool),
    created: &str,
) -> NewForecast {
    NewForecast {
        programme: programme.name().to_string(),
        scenario_hash: programme.hash.clone(),
        actuals_hash: forecast
            .as_of
            .map(|as_of| actuals_hash(rows, as_of))
            .unwrap_or_default(),
        as_of: forecast.as_of,
        seed: forecast.seed,
        replications: forecast.replications,
        calibrated,
        kind: kind.to_string(),
        created: created.to_string(),
        document: document.to_json(),
        milestones: forecast
            .milestones
            .iter()
            .map(|milestone| MilestoneRecord {
                id: milestone.id.clone(),
                due: milestone.due,
                p10: milestone.p10,
                p50: milestone.p50,
                p90: milestone.p90,
                actual: milestone.actual,
                on_time_probability: milestone.on_time_probability,
            })
            .collect(),
    }
}

/// Workdays compared on each side of the as-of day by [`pace_warning`].
pub const PACE_WORKDAYS: usize = 10;

/// A warning when the forecast's line makes far more good units a workday over the
/// [`PACE_WORKDAYS`] workdays after `as_of` (P50 of the cumulative count) than the actuals show
/// over the ones before it (more than 1.5 times and 2 units more): the scenario's line is faster
/// than the real one, or the plan asks for more than it has been given. `None` without output
/// before `as_of` (nothing to compare with) or without workdays on either side.
pub fn pace_warning(document: &ResultDocument, as_of: Date) -> Option<String> {
    let as_of_text = as_of.to_string();
    let split = document
        .daily
        .iter()
        .position(|day| day.date.as_str() > as_of_text.as_str())
        .unwrap_or(document.daily.len());
    let (before, after) = document.daily.split_at(split);
    let cumulative_at = |days: &[relaunch_report::document::DayDoc]| {
        days.last().map_or(0, |day| day.cumulative.p50)
    };
    let worked = |day: &&relaunch_report::document::DayDoc| day.planned_shifts > 0;
    let past: Vec<_> = before
        .iter()
        .filter(worked)
        .rev()
        .take(PACE_WORKDAYS)
        .collect();
    let next: Vec<_> = after.iter().filter(worked).take(PACE_WORKDAYS).collect();
    let (Some(first_past), Some(last_next)) = (past.last(), next.last()) else {
        return None;
    };
    let before_window = before
        .iter()
        .take_while(|day| day.date < first_past.date)
        .last()
        .map_or(0, |day| day.cumulative.p50);
    let shown = cumulative_at(before).saturating_sub(before_window) as f64 / past.len() as f64;
    let forecast = last_next
        .cumulative
        .p50
        .saturating_sub(cumulative_at(before)) as f64
        / next.len() as f64;
    (shown > 0.0 && forecast > 1.5 * shown && forecast - shown >= 2.0).then(|| {
        format!(
            "the forecast's line makes {forecast:.1} good units a workday over the {} workdays \
             after {as_of} (P50), {:.1} times the {shown:.1} a workday the actuals show over the \
             {} before: the scenario's line is faster than the real one, or the plan asks for \
             more than it was given; if the actuals are right, revise the scenario (cycle \
             times, shifts, release plan)",
            next.len(),
            forecast / shown,
            past.len()
        )
    })
}

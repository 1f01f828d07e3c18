//! `relaunch backtest SCENARIO [--every 7d]`: how good would our forecasts have been? At
//! as-of dates every N days from the first actual (first, first + N, ... up to the last
//! actual), the forecast is made again from the actuals known then (the rows dated on or
//! before it), and scored per milestone against the date the actuals (all of them) reached
//! it: the share of forecasts made before that date whose P10–P90 held it (coverage, ideally
//! about 80%) and the mean absolute error of their P50 in days. A forecast whose P90 is beyond
//! the horizon holds any later date; one whose P10 is beyond it holds none.
//!
//! The replayed forecasts are not stored: they are not forecasts anyone made, and `history`
//! must show only those. Artefacts: `backtest.json`, `backtest.csv`, `backtest.html`.

use jiff::civil::Date;
use relaunch_core::montecarlo::Forecast;
use relaunch_core::schedule::{add_days, days_between};
use relaunch_core::tracking::{forecast_as_of_until, state_at};
use relaunch_report::tracking::{
    BacktestDocument, BacktestMilestone, BacktestPoint, backtest_csv, backtest_html,
};

use super::{
    Programme, StoreHandle, horizon_days, reached_milestones, stored_actuals, tracking_error,
};
use crate::AppError;
use crate::ports::{ArtefactSink, Services, Work};
use crate::run::RunSettings;

/// What to replay.
#[derive(Debug, Clone, Default)]
pub struct BacktestRequest {
    /// Days between as-of dates, at least 1.
    pub every_days: u32,
    pub settings: RunSettings,
    /// Now (RFC 3339), kept with the scenario version saved.
    pub created: String,
}

/// The as-of dates of a backtest: `first`, `first + every`, ... up to `last`, within the
/// horizon `[start, end]`.
pub fn as_of_dates(first: Date, last: Date, every_days: u32, start: Date, end: Date) -> Vec<Date> {
    let every = i64::from(every_days.max(1));
    let mut dates = Vec::new();
    let mut date = first.max(start);
    while date <= last.min(end) {
        dates.push(date);
        date = add_days(date, every);
    }
    dates
}

/// Replays the forecasts of `programme` at past dates and scores them.
pub fn backtest(
    store: &StoreHandle,
    programme: &Programme,
    request: &BacktestRequest,
    services: &Services<'_>,
    sink: Option<&mut dyn ArtefactSink>,
) -> Result<BacktestDocument, AppError> {
    let scenario = &programme.scenario;
    if request.every_days == 0 {
        return Err(AppError::Tracking(
            "--every must be at least 1 day, such as 7d".to_string(),
        ));
    }
    programme.register(store, &request.created)?;
    let (_, actuals) = stored_actuals(store, programme)?;
    let first = actuals.records.iter().map(|r| r.date).min();
    let last = actuals.last_date();
    let (start, end) = horizon_days(scenario);
    let dates = match (first, last) {
        (Some(first), Some(last)) => as_of_dates(first, last, request.every_days, start, end),
        _ => Vec::new(),
    };
    if dates.is_empty() {
        return Err(AppError::Tracking(format!(
            "no actuals within the horizon of scenario \"{}\" ({start} to {end}): nothing to replay",
            scenario.name
        )));
    }
    request.settings.check_work(scenario, dates.len() as u64)?;
    let mut sink = sink;
    if let Some(sink) = sink.as_deref_mut() {
        sink.prepare()?;
    }
    let resolved = request.settings.resolve(scenario);
    let (seed, replications) = (resolved.seed, resolved.replications);
    let pool = request.settings.pool()?;
    let progress = services.progress;
    progress.start(
        Work::Backtest,
        replications.saturating_mul(dates.len() as u64),
    );
    let forecasts: Result<Vec<Forecast>, AppError> = dates
        .iter()
        .enumerate()
        .map(|(index, &as_of)| {
            let known = actuals.through(as_of);
            let state = state_at(scenario, &known, as_of).map_err(tracking_error)?;
            let done_before = index as u64 * replications;
            pool.install(|| {
                forecast_as_of_until(
                    scenario,
                    &state,
                    None,
                    (seed, replications),
                    &|done| progress.advance(done_before + done),
                    &|| progress.stopped(),
                )
            })
            .map_err(tracking_error)
        })
        .collect();
    progress.finish();
    let forecasts = forecasts?;
    // The milestones' actual dates from all the actuals, at the last one within the horizon.
    let last = last.expect("dates are not empty").min(end);
    let state = state_at(scenario, &actuals, last).map_err(tracking_error)?;
    let reached = reached_milestones(scenario, &actuals, &state.task_done, last);
    let document = BacktestDocument {
        scenario: scenario.name.clone(),
        every_days: request.every_days,
        replications,
        seed,
        as_of: dates.iter().map(ToString::to_string).collect(),
        milestones: scenario
            .milestones
            .iter()
            .enumerate()
            .map(|(index, milestone)| {
                let fans: Vec<Fan> = dates
                    .iter()
                    .zip(&forecasts)
                    .map(|(&as_of, forecast)| {
                        let m = &forecast.milestones[index];
                        (as_of, m.p10, m.p50, m.p90)
                    })
                    .collect();
                score(&milestone.id, reached[index], &fans)
            })
            .collect(),
    };
    if let Some(sink) = sink {
        sink.put(
            "backtest.json",
            (serde_json::to_string_pretty(&document)? + "\n").as_bytes(),
        )?;
        sink.put("backtest.csv", backtest_csv(&document)?.as_bytes())?;
        sink.put("backtest.html", backtest_html(&document).as_bytes())?;
        sink.commit()?;
    }
    Ok(document)
}

/// One forecast of a milestone: its as-of date, P10, P50 and P90.
pub type Fan = (Date, Option<Date>, Option<Date>, Option<Date>);

/// Scores the forecasts of milestone `id` made before `actual` against it.
pub fn score(id: &str, actual: Option<Date>, fans: &[Fan]) -> BacktestMilestone {
    let points: Vec<BacktestPoint> = fans
        .iter()
        .map(|&(as_of, p10, p50, p90)| {
            let scored = actual.filter(|&actual| as_of < actual);
            BacktestPoint {
                as_of: as_of.to_string(),
                p10: p10.map(|date| date.to_string()),
                p50: p50.map(|date| date.to_string()),
                p90: p90.map(|date| date.to_string()),
                inside: scored.map(|actual| {
                    p10.is_some_and(|p10| p10 <= actual) && p90.is_none_or(|p90| actual <= p90)
                }),
                error_days: scored.and_then(|actual| p50.map(|p50| days_between(actual, p50))),
            }
        })
        .collect();
    let scored: Vec<&BacktestPoint> = points.iter().filter(|p| p.inside.is_some()).collect();
    let inside = scored.iter().filter(|p| p.inside == Some(true)).count();
    let errors: Vec<i64> = scored.iter().filter_map(|p| p.error_days).collect();
    BacktestMilestone {
        id: id.to_string(),
        actual: actual.map(|date| date.to_string()),
        scored: scored.len(),
        coverage: (!scored.is_empty()).then(|| inside as f64 / scored.len() as f64),
        mae_days: (!errors.is_empty())
            .then(|| errors.iter().map(|e| e.abs() as f64).sum::<f64>() / errors.len() as f64),
        points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn as_of_dates_every_n_days_within_the_horizon() {
        let dates = as_of_dates(
            date("2023-12-01"),
            date("2023-12-20"),
            7,
            date("2023-10-02"),
            date("2024-12-24"),
        );
        assert_eq!(
            dates,
            vec![date("2023-12-01"), date("2023-12-08"), date("2023-12-15")]
        );
        // Clipped to the horizon.
        let clipped = as_of_dates(
            date("2023-09-25"),
            date("2023-10-10"),
            7,
            date("2023-10-02"),
            date("2023-10-05"),
        );
        assert_eq!(clipped, vec![date("2023-10-02")]);
    }

    #[test]
    fn coverage_and_mean_absolute_error_of_forecasts_made_before_the_actual() {
        let actual = date("2024-03-27");
        let fans = [
            // Inside, P50 3 days early.
            (
                date("2024-01-01"),
                Some(date("2024-03-10")),
                Some(date("2024-03-24")),
                Some(date("2024-04-15")),
            ),
            // Outside (P90 before the actual), P50 7 days early.
            (
                date("2024-02-01"),
                Some(date("2024-03-01")),
                Some(date("2024-03-20")),
                Some(date("2024-03-26")),
            ),
            // Inside: a P90 beyond the horizon holds it; P50 5 days late.
            (
                date("2024-03-01"),
                Some(date("2024-03-20")),
                Some(date("2024-04-01")),
                None,
            ),
            // Made on the actual day: not scored.
            (date("2024-03-27"), Some(actual), Some(actual), Some(actual)),
        ];
        let scored = score("serial-start", Some(actual), &fans);
        assert_eq!(scored.scored, 3);
        assert_eq!(scored.coverage, Some(2.0 / 3.0));
        assert_eq!(scored.mae_days, Some(5.0)); // (3 + 7 + 5) / 3
        let errors: Vec<Option<i64>> = scored.points.iter().map(|p| p.error_days).collect();
        assert_eq!(errors, vec![Some(-3), Some(-7), Some(5), None]);
        assert_eq!(scored.points[3].inside, None);
        // Not reached: nothing to score.
        let open = score("plan-2024", None, &fans);
        assert_eq!((open.scored, open.coverage, open.mae_days), (0, None, None));
    }
}

//! `relaunch status SCENARIO [--as-of DATE]`: plan vs actual at the end of the as-of day
//! (default: the last actuals date).
//!
//! - *Actual* cumulative good units are the sum of the `good` rows through each day.
//! - *Plan* is the release plan's planned starts, cumulated through each day: what the plan
//!   asks the line to start, taken as the good units it should have finished by then (no yield
//!   loss, no time in the line). It is absent for a scenario without a dated plan (arrivals or
//!   a saturated source).
//! - The *forecast* is the fan of cumulative good units (P10–P50–P90) on each day (its
//!   document's `daily`), and the milestones' P50, of the last stored forecast made before the
//!   as-of day (from actuals through an earlier day, or from the plan): the dates to beat.
//! - Kit stock, headcount and tasks are the core's state at the end of the as-of day
//!   ([`relaunch_core::tracking::state_at`]); the planned trained headcount is the plan's
//!   hires trained by then if nobody left.

use std::collections::BTreeMap;

use jiff::civil::Date;
use relaunch_core::actuals::Actuals;
use relaunch_core::programme::planned;
use relaunch_core::schedule::{PlantCalendar, add_days};
use relaunch_core::staff::planned_ready;
use relaunch_core::tracking::{State, state_at};
use relaunch_report::document::FanDoc;
use relaunch_report::tracking::{
    StatusDay, StatusDocument, StatusForecastRef, StatusGood, StatusHeadcount, StatusKit,
    StatusMilestone, StatusProduct, StatusTask, status_html,
};
use relaunch_store::StoredForecast;
use serde_json::Value;

use super::{
    AsOf, Programme, StoreHandle, as_of_date, good_per_day, reached_milestones, stored_actuals,
    tracking_error,
};
use crate::AppError;
use crate::ports::ArtefactSink;

/// The status of `programme` at the end of `as_of` (default: the last actuals date); `created`
/// is now (RFC 3339), kept with the scenario version saved. With a sink, hands it
/// `status.json` and `status.html`.
pub fn status(
    store: &StoreHandle,
    programme: &Programme,
    as_of: Option<Date>,
    created: &str,
    sink: Option<&mut dyn ArtefactSink>,
) -> Result<StatusDocument, AppError> {
    let scenario = &programme.scenario;
    programme.register(store, created)?;
    let (_, actuals) = stored_actuals(store, programme)?;
    let AsOf {
        date: as_of,
        warnings,
    } = as_of_date(scenario, &actuals, as_of)?;
    let state = state_at(scenario, &actuals, as_of).map_err(tracking_error)?;
    let last = last_forecast(store, programme, as_of)?;
    let mut status = document(programme, &actuals, &state, as_of, last.as_ref());
    status.warnings = warnings;
    if let Some(sink) = sink {
        sink.prepare()?;
        sink.put(
            "status.json",
            (serde_json::to_string_pretty(&status)? + "\n").as_bytes(),
        )?;
        sink.put("status.html", status_html(&status).as_bytes())?;
        sink.commit()?;
    }
    Ok(status)
}

/// The last forecast stored for the programme (not a backtest's), with its document's daily
/// fans of cumulative good units by date.
pub struct LastForecast {
    pub stored: StoredForecast,
    pub cumulative: BTreeMap<String, FanDoc>,
}

/// The last forecast made before `as_of` (from actuals through an earlier day, or from the
/// plan): one made from the actuals through `as_of` or later already holds them, and comparing
/// the actuals with it would say nothing.
fn last_forecast(
    store: &StoreHandle,
    programme: &Programme,
    as_of: Date,
) -> Result<Option<LastForecast>, AppError> {
    let forecasts = store.call(|store| store.forecasts(programme.name()))?;
    let Some(stored) = forecasts
        .into_iter()
        .filter(|forecast| forecast.kind != "backtest")
        .filter(|forecast| forecast.as_of.is_none_or(|made| made < as_of))
        .max_by_key(|forecast| forecast.id)
    else {
        return Ok(None);
    };
    let text = store.call(|store| store.forecast_document(stored.id))?;
    let document: Value = serde_json::from_str(&text)?;
    Ok(Some(LastForecast {
        stored,
        cumulative: daily_cumulative(&document),
    }))
}

/// The `daily[].cumulative` fans of a result document, by date.
pub fn daily_cumulative(document: &Value) -> BTreeMap<String, FanDoc> {
    let fan = |value: &Value| {
        let number = |key: &str| value.get(key).and_then(Value::as_u64);
        Some(FanDoc {
            p10: number("p10")?,
            p50: number("p50")?,
            p90: number("p90")?,
        })
    };
    document
        .get("daily")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|day| {
            let date = day.get("date")?.as_str()?.to_string();
            Some((date, fan(day.get("cumulative")?)?))
        })
        .collect()
}

/// The status document from the state at `as_of` and the last stored forecast.
pub fn document(
    programme: &Programme,
    actuals: &Actuals,
    state: &State,
    as_of: Date,
    last: Option<&LastForecast>,
) -> StatusDocument {
    let scenario = &programme.scenario;
    let calendar = PlantCalendar::new(scenario);
    let days = (calendar.day_of(as_of) + 1).max(0) as usize;
    // Good units per day from the actuals, and the plan's starts, through `as_of`.
    let good = good_per_day(scenario, actuals, as_of);
    let plan = calendar.has_plan.then(|| {
        calendar.planned_starts[..days.min(calendar.planned_starts.len())]
            .iter()
            .scan(0u64, |total, &starts| {
                *total += u64::from(starts);
                Some(*total)
            })
            .collect::<Vec<u64>>()
    });
    let mut actual_total = 0u64;
    let daily: Vec<StatusDay> = (0..days)
        .map(|day| {
            actual_total += u64::from(good[day]);
            let date = add_days(scenario.start, day as i64).to_string();
            StatusDay {
                forecast_cumulative: last.and_then(|last| last.cumulative.get(&date).cloned()),
                date,
                actual_cumulative: actual_total,
                plan_cumulative: plan.as_ref().and_then(|plan| plan.get(day).copied()),
            }
        })
        .collect();
    let as_of_text = as_of.to_string();
    let good_status = StatusGood {
        actual: actual_total,
        plan: plan.as_ref().and_then(|plan| plan.last().copied()),
        forecast: last.map(|last| StatusForecastRef {
            id: last.stored.id,
            as_of: last.stored.as_of.map(|date| date.to_string()),
            created: last.stored.created.clone(),
            cumulative: last.cumulative.get(&as_of_text).cloned().unwrap_or(FanDoc {
                p10: 0,
                p50: 0,
                p90: 0,
            }),
        }),
    };
    let products = scenario
        .products
        .iter()
        .enumerate()
        .map(|(index, product)| {
            let (good, scrapped) = (state.good[index], state.scrapped[index]);
            StatusProduct {
                id: product.id.clone(),
                released: state.released[index],
                good,
                scrapped,
                in_line: state.in_line[index],
                yield_to_date: (good + scrapped > 0)
                    .then(|| good as f64 / (good + scrapped) as f64),
            }
        })
        .collect();
    let kits = scenario
        .kits
        .iter()
        .enumerate()
        .map(|(index, kit)| StatusKit {
            id: kit.id.clone(),
            received: state.kits_received[index],
            stock: state.kit_stock[index],
        })
        .collect();
    let headcount = scenario
        .workforce
        .as_ref()
        .map(|workforce| StatusHeadcount {
            hired: state.hired,
            left: state.left,
            payroll: state.hired.saturating_sub(state.left),
            trained: state.trained,
            in_training: state.in_training,
            planned_trained: planned_ready(workforce, &calendar)
                .iter()
                .filter(|ready| ready.day < days as i64)
                .map(|ready| u64::from(ready.count))
                .sum(),
        });
    let plan_run = planned(scenario);
    let tasks = scenario
        .programme
        .tasks
        .iter()
        .enumerate()
        .map(|(index, task)| StatusTask {
            id: task.id.clone(),
            started: state.task_started[index].map(|date| date.to_string()),
            done: state.task_done[index].map(|date| date.to_string()),
            planned_finish: Some(add_days(scenario.start, plan_run.finish_day(index)).to_string()),
        })
        .collect();
    let reached = reached_milestones(scenario, actuals, &state.task_done, as_of);
    let milestones = scenario
        .milestones
        .iter()
        .zip(reached)
        .map(|(milestone, actual)| StatusMilestone {
            id: milestone.id.clone(),
            due: milestone.due.map(|date| date.to_string()),
            actual: actual.map(|date| date.to_string()),
            forecast_p50: last.and_then(|last| {
                last.stored
                    .milestones
                    .iter()
                    .find(|record| record.id == milestone.id)
                    .and_then(|record| record.p50)
                    .map(|date| date.to_string())
            }),
        })
        .collect();
    StatusDocument {
        scenario: scenario.name.clone(),
        as_of: as_of_text,
        last_actual: actuals
            .through(as_of)
            .last_date()
            .map(|date| date.to_string()),
        good: good_status,
        products,
        kits,
        headcount,
        tasks,
        milestones,
        daily,
        warnings: Vec::new(),
    }
}

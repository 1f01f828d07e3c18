//! Synthetic actuals: what a plant that behaved exactly like one replication of the model would
//! have reported, day by day — so that tests can feed the tracking code actuals whose true
//! parameters are known (the scenario's).
//!
//! From a [`RunOutcome`]: per product and day the units released, good and scrapped; per kit
//! and day the kits received (deliveries of day 0 on, as the outcome counts them) and the kits
//! ordered (the dispatch days of the scenario's orders within the horizon); with a workforce,
//! the people hired and who left, per day, redrawn from the replication's own workforce
//! streams (the same draw as the run's). From a [`Replication`] with a programme, also each
//! task's start and finish, and everything above from the scenario with that run's dates.
//! Nothing is reported as reworked: the outcome does not count rework by day.

use crate::actuals::{Actuals, Metric, Record};
use crate::model::Scenario;
use crate::montecarlo::Replication;
use crate::programme;
use crate::rng;
use crate::schedule::{PlantCalendar, add_days};
use crate::sim::{RunOutcome, streams};
use crate::staff;

/// The actuals a plant behaving like `outcome` (replication `replication` of `scenario` under
/// `seed`, on `calendar`) would have reported, every day of the horizon. Days with nothing to
/// report have no record.
pub fn actuals_from_run(
    scenario: &Scenario,
    calendar: &PlantCalendar,
    outcome: &RunOutcome,
    seed: u64,
    replication: u64,
) -> Actuals {
    let mut records = Vec::new();
    let mut push = |day: i64, metric: Metric, item: usize, value: u64| {
        if value > 0 {
            records.push(Record {
                date: add_days(calendar.start, day),
                metric,
                item,
                value,
            });
        }
    };
    for (metric, per_product) in [
        (Metric::Released, &outcome.released_per_day),
        (Metric::Good, &outcome.good_by_product_per_day),
        (Metric::Scrapped, &outcome.scrapped_per_day),
    ] {
        for (product, days) in per_product.iter().enumerate() {
            for (day, &count) in days.iter().enumerate() {
                push(day as i64, metric, product, u64::from(count));
            }
        }
    }
    for (kit, days) in outcome.kit_arrivals.iter().enumerate() {
        for (day, &count) in days.iter().enumerate() {
            push(day as i64, Metric::KitsReceived, kit, u64::from(count));
        }
    }
    for (kit_index, kit) in scenario.kits.iter().enumerate() {
        for order in &kit.orders {
            for day in order_days(calendar, order) {
                push(
                    day,
                    Metric::KitsOrdered,
                    kit_index,
                    u64::from(order.quantity),
                );
            }
        }
    }
    if let Some(workforce) = &scenario.workforce {
        let mut streams = staff::Streams {
            leavers: rng::stream(seed, replication, streams::WORKFORCE),
            replacements: rng::stream(seed, replication, streams::REPLACEMENTS),
            absence: rng::stream(seed, replication, streams::ABSENCE),
        };
        let n_days = calendar.n_days as i64;
        for person in staff::people(calendar, workforce, &mut streams) {
            if person.hired < n_days {
                push(person.hired, Metric::Hired, 0, 1);
            }
            if person.leaves < n_days {
                push(person.leaves, Metric::Left, 0, 1);
            }
        }
    }
    merged(records)
}

/// Like [`actuals_from_run`] for a replication with its programme: the scenario with that
/// run's dates, its own calendar, and each task's start and last day as `task_started` and
/// `task_done` (within the horizon).
pub fn actuals_from_replication(
    scenario: &Scenario,
    scenario_calendar: &PlantCalendar,
    run: &Replication,
    seed: u64,
    replication: u64,
) -> Actuals {
    let calendar = run.calendar(scenario_calendar);
    let Some(programme_run) = &run.programme else {
        return actuals_from_run(scenario, calendar, &run.outcome, seed, replication);
    };
    let resolved = programme::resolve(scenario, programme_run);
    let mut actuals = actuals_from_run(&resolved, calendar, &run.outcome, seed, replication);
    let n_days = calendar.n_days as i64;
    for task in 0..scenario.programme.tasks.len() {
        for (metric, day) in [
            (Metric::TaskStarted, programme_run.start[task]),
            (Metric::TaskDone, programme_run.finish_day(task)),
        ] {
            if day < n_days {
                actuals.records.push(Record {
                    date: add_days(calendar.start, day),
                    metric,
                    item: task,
                    value: 1,
                });
            }
        }
    }
    merged(actuals.records)
}

/// The records sorted by (date, metric, item), those with the same key added up.
fn merged(mut records: Vec<Record>) -> Actuals {
    records.sort_by_key(|r| (r.date, r.metric, r.item));
    let mut unique: Vec<Record> = Vec::with_capacity(records.len());
    for record in records {
        match unique.last_mut() {
            Some(last)
                if (last.date, last.metric, last.item)
                    == (record.date, record.metric, record.item) =>
            {
                last.value += record.value
            }
            _ => unique.push(record),
        }
    }
    Actuals { records: unique }
}

/// The dispatch days of `order` from day 0 to the end of the horizon.
pub(crate) fn order_days(
    calendar: &PlantCalendar,
    order: &crate::model::KitOrder,
) -> impl Iterator<Item = i64> {
    let first = calendar.day_of(order.first);
    let until = order.until.map_or(i64::MAX, |d| calendar.day_of(d));
    let last = until.min(calendar.n_days as i64 - 1);
    let step = match order.every_days {
        Some(every) if every > 0 => i64::from(every),
        _ => i64::MAX,
    };
    let mut next = Some(first);
    std::iter::from_fn(move || {
        let day = next?;
        if day > last {
            next = None;
            return None;
        }
        next = day.checked_add(step);
        Some(day)
    })
    .filter(|&day| day >= 0)
}

//! The state at the end of the as-of day, from the actuals (see the module notes of
//! [`crate::tracking`] for what is taken as planned when the actuals are silent).

use jiff::civil::Date;

use super::{State, TrackingError};
use crate::actuals::{Actuals, Metric};
use crate::model::{Kit, Scenario, Workforce};
use crate::schedule::{DAY_SECS, PlantCalendar};
use crate::staff;

/// A delivery of a kit the scenario plans, with its dispatch (orders) or arrival (shipments)
/// on or before the as-of day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Due {
    /// The day it is expected: a shipment's date, an order's dispatch plus the lead time's
    /// optimistic value (negative: before the start).
    pub expected: i64,
    /// The order's dispatch day; `None` for a shipment.
    pub dispatch: Option<i64>,
    pub quantity: u64,
}

/// The deliveries of `kit` dispatched (orders) or dated (shipments) on or before `as_of_day`,
/// by expected day (orders before shipments on the same day, then in the scenario's order).
pub(super) fn dispatched(kit: &Kit, calendar: &PlantCalendar, as_of_day: i64) -> Vec<Due> {
    let mut due = Vec::new();
    let optimistic = kit.lead_time.optimistic_secs();
    for order in &kit.orders {
        let mut day = calendar.day_of(order.first);
        let until = order.until.map(|d| calendar.day_of(d));
        loop {
            if until.is_some_and(|last| day > last) || day >= calendar.n_days as i64 {
                break;
            }
            if day > as_of_day {
                break;
            }
            due.push(Due {
                expected: ((day as f64 * DAY_SECS + optimistic) / DAY_SECS).floor() as i64,
                dispatch: Some(day),
                quantity: u64::from(order.quantity),
            });
            match order.every_days {
                Some(every) if every > 0 => day += i64::from(every),
                _ => break,
            }
        }
    }
    for shipment in &kit.shipments {
        let day = calendar.day_of(shipment.arrives);
        if day <= as_of_day {
            due.push(Due {
                expected: day,
                dispatch: None,
                quantity: u64::from(shipment.quantity),
            });
        }
    }
    due.retain(|d| d.quantity > 0);
    due.sort_by_key(|d| (d.expected, d.dispatch.is_none()));
    due
}

/// The day index of `date` clamped to `0..=as_of_day` (records before the start count on day 0).
fn day_index(calendar: &PlantCalendar, date: Date, as_of_day: i64) -> usize {
    calendar.day_of(date).clamp(0, as_of_day) as usize
}

pub(super) fn state_at(
    scenario: &Scenario,
    actuals: &Actuals,
    as_of: Date,
) -> Result<State, TrackingError> {
    let calendar = PlantCalendar::new(scenario);
    let as_of_day = calendar.day_of(as_of);
    if as_of_day < 0 {
        return Err(TrackingError::BeforeStart {
            as_of,
            start: scenario.start,
        });
    }
    if as_of_day >= calendar.n_days as i64 {
        return Err(TrackingError::AfterHorizon {
            as_of,
            last: calendar.date(calendar.n_days - 1),
        });
    }
    let known = actuals.through(as_of);
    let days = as_of_day as usize + 1;
    let n_products = scenario.products.len();
    // Per product, per day: released, good and scrapped.
    let mut released_by_day = vec![vec![0u64; days]; n_products];
    let mut good_by_day = vec![vec![0u64; days]; n_products];
    let mut scrapped_by_day = vec![vec![0u64; days]; n_products];
    let mut has_released = vec![false; n_products];
    let n_kits = scenario.kits.len();
    let mut received_by_day = vec![vec![0u64; days]; n_kits];
    let mut received_before = vec![0u64; n_kits];
    let mut kits_tracked = vec![false; n_kits];
    let n_tasks = scenario.programme.tasks.len();
    let mut task_done: Vec<Option<Date>> = vec![None; n_tasks];
    let mut task_started: Vec<Option<Date>> = vec![None; n_tasks];
    let mut hires: Vec<(Date, u64)> = Vec::new();
    let mut leavers: Vec<(Date, u64)> = Vec::new();
    for record in &known.records {
        let day = day_index(&calendar, record.date, as_of_day);
        let item = record.item;
        match record.metric {
            Metric::Released if item < n_products => {
                has_released[item] = true;
                released_by_day[item][day] += record.value;
            }
            Metric::Good if item < n_products => good_by_day[item][day] += record.value,
            Metric::Scrapped if item < n_products => scrapped_by_day[item][day] += record.value,
            Metric::KitsReceived if item < n_kits => {
                kits_tracked[item] = true;
                if calendar.day_of(record.date) < 0 {
                    received_before[item] += record.value;
                } else {
                    received_by_day[item][day] += record.value;
                }
            }
            Metric::Hired => hires.push((record.date, record.value)),
            Metric::Left => leavers.push((record.date, record.value)),
            Metric::TaskDone if item < n_tasks => {
                task_done[item] = Some(task_done[item].map_or(record.date, |d| d.min(record.date)))
            }
            Metric::TaskStarted if item < n_tasks => {
                task_started[item] =
                    Some(task_started[item].map_or(record.date, |d| d.min(record.date)))
            }
            _ => {}
        }
    }
    // Products without `released` rows: released as they finished (nothing in the line).
    for product in 0..n_products {
        if !has_released[product] {
            for day in 0..days {
                released_by_day[product][day] =
                    good_by_day[product][day] + scrapped_by_day[product][day];
            }
        }
    }
    // Kits without `kits_received` rows: the deliveries due by then, as planned.
    for (index, kit) in scenario.kits.iter().enumerate() {
        if kits_tracked[index] {
            continue;
        }
        for due in dispatched(kit, &calendar, as_of_day) {
            if due.expected < 0 {
                received_before[index] += due.quantity;
            } else if due.expected <= as_of_day {
                received_by_day[index][due.expected as usize] += due.quantity;
            }
        }
    }
    let sum = |rows: &[u64]| rows.iter().sum::<u64>();
    let released: Vec<u64> = released_by_day.iter().map(|r| sum(r)).collect();
    let good: Vec<u64> = good_by_day.iter().map(|r| sum(r)).collect();
    let scrapped: Vec<u64> = scrapped_by_day.iter().map(|r| sum(r)).collect();
    let in_line = (0..n_products)
        .map(|p| released[p].saturating_sub(good[p] + scrapped[p]))
        .collect();
    let good_per_day = (0..days)
        .map(|day| {
            let total: u64 = good_by_day.iter().map(|g| g[day]).sum();
            total.min(u64::from(u32::MAX)) as u32
        })
        .collect();
    // Kit stock day by day: initial + received − released by the products that use the kit.
    let mut kit_stock = Vec::with_capacity(n_kits);
    let mut kit_stock_per_day = Vec::with_capacity(n_kits);
    for (index, kit) in scenario.kits.iter().enumerate() {
        let mut stock = i64::from(kit.initial_stock) + received_before[index] as i64;
        let users: Vec<usize> = (0..n_products)
            .filter(|&p| scenario.products[p].kit == Some(index))
            .collect();
        let mut by_day = Vec::with_capacity(days);
        for day in 0..days {
            stock += received_by_day[index][day] as i64;
            stock -= users
                .iter()
                .map(|&p| released_by_day[p][day] as i64)
                .sum::<i64>();
            by_day.push(stock.clamp(0, i64::from(u32::MAX)) as u32);
        }
        kit_stock.push(stock);
        kit_stock_per_day.push(by_day);
    }
    let kits_received = (0..n_kits)
        .map(|k| received_before[k] + sum(&received_by_day[k]))
        .collect();
    let kit_arrivals_per_day = received_by_day
        .iter()
        .map(|r| {
            r.iter()
                .map(|&v| v.min(u64::from(u32::MAX)) as u32)
                .collect()
        })
        .collect();
    let people = match &scenario.workforce {
        Some(workforce) => workforce_state(workforce, &calendar, as_of_day, hires, &leavers),
        // No staffing limit: the counts as reported, nobody in training, no daily series.
        None => {
            let hired: u64 = hires.iter().map(|&(_, n)| n).sum();
            let left = leavers.iter().map(|&(_, n)| n).sum::<u64>().min(hired);
            People {
                hired,
                left,
                trained: hired - left,
                ..People::default()
            }
        }
    };
    Ok(State {
        as_of,
        as_of_day,
        good_per_day,
        released,
        good,
        scrapped,
        in_line,
        kit_stock,
        kits_received,
        hired: people.hired,
        left: people.left,
        trained: people.trained,
        in_training: people.in_training,
        task_done,
        task_started,
        kits_tracked,
        kit_arrivals_per_day,
        kit_stock_per_day,
        payroll_per_day: people.payroll_per_day,
        trained_per_day: people.trained_per_day,
        training_until: people.training_until,
    })
}

#[derive(Debug, Default)]
struct People {
    hired: u64,
    left: u64,
    trained: u64,
    in_training: u64,
    payroll_per_day: Vec<u32>,
    trained_per_day: Vec<u32>,
    training_until: Vec<(i64, u64)>,
}

/// Headcount from the hires and leavers known (the planned hires up to the as-of day when the
/// actuals have no `hired` row): trained from the hire day plus the training days, through the
/// training places' queue; leavers leave from the earliest hired, so that, hires being trained
/// in hiring order, the trained on a day are those ready less the leavers (never below 0).
fn workforce_state(
    workforce: &Workforce,
    calendar: &PlantCalendar,
    as_of_day: i64,
    hires: Vec<(Date, u64)>,
    leavers: &[(Date, u64)],
) -> People {
    let mut known = workforce.clone();
    if hires.is_empty() {
        known.hires.retain(|h| calendar.day_of(h.date) <= as_of_day);
    } else {
        known.hires = hires
            .iter()
            .map(|&(date, count)| crate::model::Hire {
                date,
                count: count.min(u64::from(u32::MAX)) as u32,
            })
            .collect();
    }
    let ready = staff::planned_ready(&known, calendar);
    let hired_by = |day: i64| -> u64 {
        known
            .hires
            .iter()
            .filter(|h| calendar.day_of(h.date) <= day)
            .map(|h| u64::from(h.count))
            .sum()
    };
    let left_by = |day: i64| -> u64 {
        leavers
            .iter()
            .filter(|(date, _)| calendar.day_of(*date) <= day)
            .map(|&(_, count)| count)
            .sum::<u64>()
            .min(hired_by(day))
    };
    let ready_by = |day: i64| -> u64 {
        ready
            .iter()
            .filter(|r| r.day <= day)
            .map(|r| u64::from(r.count))
            .sum()
    };
    let mut payroll_per_day = Vec::new();
    let mut trained_per_day = Vec::new();
    for day in 0..=as_of_day {
        let payroll = hired_by(day) - left_by(day);
        payroll_per_day.push(payroll.min(u64::from(u32::MAX)) as u32);
        let trained = ready_by(day).saturating_sub(left_by(day)).min(payroll);
        trained_per_day.push(trained.min(u64::from(u32::MAX)) as u32);
    }
    let hired = hired_by(as_of_day);
    let left = left_by(as_of_day);
    let trained = ready_by(as_of_day).saturating_sub(left);
    let in_training = hired - left - trained;
    // The leavers beyond the trained came from the earliest of those still in training.
    let mut skip = left.saturating_sub(ready_by(as_of_day));
    let mut training_until: Vec<(i64, u64)> = Vec::new();
    for part in ready.iter().filter(|r| r.day > as_of_day) {
        let count = u64::from(part.count);
        let gone = skip.min(count);
        skip -= gone;
        if count > gone {
            match training_until.last_mut() {
                Some(last) if last.0 == part.day => last.1 += count - gone,
                _ => training_until.push((part.day, count - gone)),
            }
        }
    }
    People {
        hired,
        left,
        trained,
        in_training,
        payroll_per_day,
        trained_per_day,
        training_until,
    }
}

//! The forecast from the state at the end of the as-of day.
//!
//! Each replication draws its programme from the progress the actuals record (a task done
//! finishes on its actual day; one started keeps its actual start and runs a duration drawn
//! given that it is longer than the days it has run, so it finishes after the as-of day with
//! the odds its distribution gives, see [`programme::draw_from`]; any other starts on the day
//! after the as-of day at the earliest), resolves it
//! into the scenario as `simulate` does, draws the calibration into it when one is given, and
//! then runs a **restart scenario**, a pure transform of that scenario by the state:
//!
//! - it starts on the day after the as-of day and ends where the scenario ends; the calendar,
//!   the release plan's and shift phases' dates, holidays stay as they are (dated);
//! - each kit's stock on day 0 is the state's (never below 0); the deliveries dispatched
//!   (orders) or dated (shipments) by the as-of day are matched first-in first-out, by expected
//!   arrival, against the kits received: what is left of a shipment arrives on day 0; what is
//!   left of an order is an **open order**, dispatched e = as-of day + 1 − its dispatch day
//!   days before day 0 and not received in them, so its lead time L is drawn given L ≥ e
//!   ([`programme::draw_beyond`]: exact, by rejection on the order's stream, with the
//!   documented fallback for an order overdue beyond every lead time the kit's distribution
//!   allows: e plus an exponential residual of the distribution's tail mean, at once for a
//!   constant lead time). It arrives on the day L − e after the start of day 0 falls on, at
//!   the start of that day (as a shipment of that day, so a kit delay of the replication
//!   applies to it by that day as to any delivery). The lead time is the run's (calibrated,
//!   when it is). The open orders of kit `k` draw in dispatch order from the stream
//!   `OPEN_ORDERS_BASE` (2^59) + `k` of the replication, apart from every stream of the line,
//!   the programme and the calibration. Later dispatches of recurring orders and later
//!   shipments are as planned;
//! - the release limit is less the units released; planned starts due by the as-of day and not
//!   released (the plan's starts split by mix, less each product's released) wait in a backlog
//!   that goes first, kits allowing; units in the line enter the first station of their route
//!   at time 0 without a kit ([`crate::sim::Carry`]);
//! - the people on the payroll stay, trained or with their training's end, and leave after an
//!   exponential time from day 0 (attrition is memoryless); planned hires after the as-of day
//!   are as planned;
//! - the learning and first-pass-yield curves continue from the units each station has done
//!   (good and scrapped units of the products whose route passes it).
//!
//! The run draws from the same `(seed, replication)` streams as `simulate`. Its outcome is
//! spliced onto the scenario's calendar — the days up to the as-of day are the actuals (good
//! units, kit arrivals and stock, payroll and trained; planned shifts as staffed, no stock-out
//! known), the later days the run's — and the spliced replications are folded by the
//! `montecarlo` accumulator of the whole scenario, so milestones (rate windows across the
//! as-of day included) and daily fans are computed over the whole horizon by the code of
//! `simulate`. Per-run figures with no daily split (throughput, WIP, flow time, station
//! fractions) are the run's, over the rest of the horizon.

use std::borrow::Cow;

use super::state::dispatched;
use super::{Calibration, State, TrackingError};
use crate::milestones;
use crate::model::{KitOrder, KitShipment, MilestoneKind, Programme, Release, Scenario, Slot};
use crate::montecarlo::{Accumulator, Forecast, Replication, StopCheck, replicate_until};
use crate::programme::{self, Progress};
use crate::rng;
use crate::schedule::{DAY_SECS, PlantCalendar, add_days};
use crate::sim::{self, Carry, Prepared, RunOutcome};
use crate::staff::Carried;

/// Replications run in parallel between two in-order folds (as `montecarlo::forecast`).
const BATCH: usize = 256;

/// The first stream id of the open orders' lead times (kit `k` draws from this + `k`): bit 59
/// alone, above the line's streams (below 2^21 for any plausible station count, or with bit 63
/// set), below the programme's (bit 62) and apart from the calibration's (2^58 + a few).
pub const OPEN_ORDERS_BASE: u64 = 1 << 59;

/// What is left of an order dispatched by the as-of day and not received by then.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OpenOrder {
    pub kit: usize,
    /// Its dispatch day in the scenario's calendar (day 0 is the scenario's start).
    pub dispatch: i64,
    pub quantity: u32,
}

/// A restart scenario, what its run carries over, and the open orders each replication draws
/// the arrival of ([`with_open_orders`]).
#[derive(Debug, Clone)]
pub struct Restart {
    pub scenario: Scenario,
    pub carry: Carry,
    pub open: Vec<OpenOrder>,
}

pub(super) fn forecast_as_of(
    scenario: &Scenario,
    state: &State,
    calibration: Option<&Calibration>,
    (seed, replications): (u64, u64),
    progress: &(dyn Fn(u64) + Sync),
    stop: StopCheck<'_>,
) -> Result<Forecast, TrackingError> {
    let prepared = Prepared::new(scenario);
    let calendar = &prepared.calendar;
    let as_of_day = calendar.day_of(state.as_of);
    if as_of_day < 0 {
        return Err(TrackingError::BeforeStart {
            as_of: state.as_of,
            start: scenario.start,
        });
    }
    if as_of_day >= calendar.n_days as i64 {
        return Err(TrackingError::AfterHorizon {
            as_of: state.as_of,
            last: calendar.date(calendar.n_days - 1),
        });
    }
    let has_programme = !scenario.programme.is_empty();
    let made = Progress {
        as_of_day,
        done: day_indices(calendar, &state.task_done),
        started: day_indices(calendar, &state.task_started),
    };
    let moves_calendar = scenario
        .programme
        .anchors
        .iter()
        .any(|a| matches!(a.slot, Slot::PlanPhase(_) | Slot::ShiftPhase(_)));
    // Without a programme or a calibration every replication restarts the same scenario (but
    // for the arrivals of its open orders, which need no other preparation).
    let shared = (!has_programme && calibration.is_none()).then(|| {
        let restarted = restart(scenario, calendar, state);
        let prepared = Prepared::new(&restarted.scenario);
        (restarted, prepared)
    });
    let one = |replication: u64| -> Replication {
        let mut run_scenario = Cow::Borrowed(scenario);
        let mut run = None;
        if has_programme {
            let drawn = programme::draw_from(scenario, seed, replication, Some(&made));
            run_scenario = Cow::Owned(programme::resolve(scenario, &drawn));
            run = Some(drawn);
        }
        if let Some(calibration) = calibration {
            calibration.draw_into(run_scenario.to_mut(), seed, replication);
        }
        let own_calendar =
            (has_programme && moves_calendar).then(|| PlantCalendar::new(&run_scenario));
        let day_calendar = own_calendar.as_ref().unwrap_or(calendar);
        let outcome = match &shared {
            Some((restarted, prepared)) => {
                let run = with_open_orders(restarted, as_of_day, seed, replication);
                sim::run_from(&run, prepared, seed, replication, &restarted.carry)
            }
            None => {
                let restarted = restart(&run_scenario, day_calendar, state);
                let prepared = Prepared::new(&restarted.scenario);
                let run = with_open_orders(&restarted, as_of_day, seed, replication);
                sim::run_from(&run, &prepared, seed, replication, &restarted.carry)
            }
        };
        Replication {
            outcome: splice(state, day_calendar, outcome),
            programme: run,
            calendar: own_calendar,
        }
    };
    let mut accumulator = Accumulator::new(scenario, &prepared, seed);
    replicate_until(
        replications,
        BATCH,
        one,
        |replication| accumulator.add(&replication),
        progress,
        stop,
    )
    .map_err(|_| TrackingError::Stopped)?;
    let mut forecast = accumulator.finish();
    forecast.as_of = Some(state.as_of);
    for (forecast, milestone) in forecast.milestones.iter_mut().zip(&scenario.milestones) {
        forecast.actual = match milestone.kind {
            MilestoneKind::Task { task } => state.task_done.get(task).copied().flatten(),
            _ => milestones::reached_day(milestone, calendar, &state.good_per_day)
                .map(|day| calendar.date(day as usize)),
        };
    }
    Ok(forecast)
}

fn day_indices(calendar: &PlantCalendar, dates: &[Option<jiff::civil::Date>]) -> Vec<Option<i64>> {
    dates
        .iter()
        .map(|date| date.map(|d| calendar.day_of(d)))
        .collect()
}

/// The restart scenario of replication `replication` under `seed`: `restart`'s, with each
/// open order arriving as a shipment on the day its lead time, drawn given that it is longer
/// than the time since its dispatch, falls on (see the module notes); `restart`'s own when no
/// order is open.
pub fn with_open_orders(
    restart: &Restart,
    as_of_day: i64,
    seed: u64,
    replication: u64,
) -> Cow<'_, Scenario> {
    if restart.open.is_empty() {
        return Cow::Borrowed(&restart.scenario);
    }
    let mut scenario = restart.scenario.clone();
    let days = (scenario.horizon_secs / DAY_SECS).ceil() as i64;
    let mut streams: Vec<Option<rand_pcg::Pcg64Mcg>> = vec![None; scenario.kits.len()];
    for order in &restart.open {
        let Some(kit) = scenario.kits.get_mut(order.kit) else {
            continue;
        };
        let stream = streams[order.kit].get_or_insert_with(|| {
            rng::stream(seed, replication, OPEN_ORDERS_BASE + order.kit as u64)
        });
        let elapsed = (as_of_day + 1 - order.dispatch) as f64 * DAY_SECS;
        let lead = programme::draw_beyond(&kit.lead_time, elapsed, stream);
        let day = ((lead - elapsed).max(0.0) / DAY_SECS).floor();
        if day < days as f64 {
            kit.shipments.push(KitShipment {
                arrives: add_days(scenario.start, day as i64),
                quantity: order.quantity,
            });
        }
    }
    for kit in &mut scenario.kits {
        // Stable: shipments of one day keep their order (the late ones, then the open orders).
        kit.shipments.sort_by_key(|s| s.arrives);
    }
    Cow::Owned(scenario)
}

/// The restart scenario of `scenario` (whose plant calendar is `calendar`) from `state`, what
/// its run carries over and the orders still open (see the module notes).
pub fn restart(scenario: &Scenario, calendar: &PlantCalendar, state: &State) -> Restart {
    let as_of_day = state.as_of_day;
    let shift = as_of_day + 1;
    let mut restarted = scenario.clone();
    restarted.start = add_days(scenario.start, shift);
    restarted.horizon_secs = (scenario.horizon_secs - shift as f64 * DAY_SECS).max(DAY_SECS);
    restarted.warmup_secs = (scenario.warmup_secs - shift as f64 * DAY_SECS).max(0.0);
    restarted.milestones.clear();
    restarted.localization = None;
    restarted.costs = None;
    restarted.programme = Programme::default();
    let released: u64 = state.released.iter().sum();
    match &mut restarted.release {
        Release::Plan { limit, .. }
        | Release::Arrivals { limit, .. }
        | Release::Saturated { limit } => *limit = limit.map(|l| l.saturating_sub(released)),
    }
    let mut open = Vec::new();
    for (index, kit) in restarted.kits.iter_mut().enumerate() {
        let planned = &scenario.kits[index];
        kit.initial_stock = state
            .kit_stock
            .get(index)
            .copied()
            .unwrap_or(0)
            .clamp(0, i64::from(u32::MAX)) as u32;
        let due = dispatched(planned, calendar, as_of_day);
        let mut received = if state.kits_tracked.get(index).copied().unwrap_or(false) {
            state.kits_received[index]
        } else {
            due.iter()
                .filter(|d| d.expected <= as_of_day)
                .map(|d| d.quantity)
                .sum()
        };
        let mut orders = Vec::new();
        let mut late_shipped = 0u64;
        for delivery in due {
            let got = received.min(delivery.quantity);
            received -= got;
            let left = (delivery.quantity - got).min(u64::from(u32::MAX)) as u32;
            if left == 0 {
                continue;
            }
            match delivery.dispatch {
                Some(day) => open.push(OpenOrder {
                    kit: index,
                    dispatch: day,
                    quantity: left,
                }),
                None => late_shipped += u64::from(left),
            }
        }
        for order in &planned.orders {
            if let Some(rest) = later_dispatches(order, calendar, as_of_day) {
                orders.push(rest);
            }
        }
        let mut shipments: Vec<KitShipment> = Vec::new();
        if late_shipped > 0 {
            shipments.push(KitShipment {
                arrives: restarted.start,
                quantity: late_shipped.min(u64::from(u32::MAX)) as u32,
            });
        }
        shipments.extend(
            planned
                .shipments
                .iter()
                .filter(|s| calendar.day_of(s.arrives) > as_of_day)
                .cloned(),
        );
        kit.orders = orders;
        kit.shipments = shipments;
    }
    let mut carry = Carry {
        in_line: state.in_line.clone(),
        ..Carry::default()
    };
    if let Some(workforce) = &mut restarted.workforce {
        workforce
            .hires
            .retain(|hire| calendar.day_of(hire.date) > as_of_day);
        let count = |n: u64| n.min(u64::from(u32::MAX)) as u32;
        if state.trained > 0 {
            carry.people.push(Carried {
                trained: 0,
                count: count(state.trained),
            });
        }
        for &(day, people) in &state.training_until {
            carry.people.push(Carried {
                trained: day - shift,
                count: count(people),
            });
        }
    }
    if let Release::Plan { limit, .. } = &scenario.release {
        let due: u64 = calendar.planned_starts[..=as_of_day as usize]
            .iter()
            .map(|&n| u64::from(n))
            .sum::<u64>()
            .min(limit.unwrap_or(u64::MAX));
        let total_mix: f64 = scenario.products.iter().map(|p| p.mix).sum();
        carry.backlog = scenario
            .products
            .iter()
            .zip(&state.released)
            .map(|(product, &released)| {
                let share = (due as f64 * product.mix / total_mix).round() as u64;
                share.saturating_sub(released)
            })
            .collect();
    }
    let learning = &scenario.learning;
    let curve = crate::learning::Curve::new(learning);
    let explicit = scenario.stations.iter().any(|s| s.inspection);
    if !curve.is_flat() || learning.first_pass_yield.is_some() {
        let n = scenario.stations.len();
        carry.started = vec![0; n];
        carry.inspected = vec![0; n];
        for (index, product) in scenario.products.iter().enumerate() {
            let done = state.good[index] + state.scrapped[index];
            for (position, &station) in product.route.iter().enumerate() {
                carry.started[station] += done;
                let inspects = if explicit {
                    scenario.stations[station].inspection
                } else {
                    position + 1 == product.route.len()
                };
                if inspects {
                    carry.inspected[station] += done;
                }
            }
        }
    }
    Restart {
        scenario: restarted,
        carry,
        open,
    }
}

/// What is left of a recurring `order` after the as-of day: the same order from its first
/// dispatch after it, if any.
fn later_dispatches(
    order: &KitOrder,
    calendar: &PlantCalendar,
    as_of_day: i64,
) -> Option<KitOrder> {
    let first = calendar.day_of(order.first);
    let day = if first > as_of_day {
        first
    } else {
        // The first dispatch on or after the day after the as-of day.
        let every = i64::from(order.every_days.filter(|&e| e > 0)?);
        let steps = (as_of_day + 1 - first + every - 1).div_euclid(every);
        first + steps * every
    };
    if order
        .until
        .is_some_and(|until| calendar.day_of(until) < day)
    {
        return None;
    }
    Some(KitOrder {
        first: add_days(calendar.start, day),
        ..order.clone()
    })
}

/// The outcome of a restarted run put back on the scenario's calendar (`calendar`, of
/// `state`'s scenario): the days up to the as-of day from the state, the rest from the run.
fn splice(state: &State, calendar: &PlantCalendar, run: RunOutcome) -> RunOutcome {
    let days = state.as_of_day as usize + 1;
    let rest = calendar.n_days.saturating_sub(days);
    fn join<T: Copy + Default>(before: &[T], after: &[T], rest: usize) -> Vec<T> {
        let mut joined = before.to_vec();
        joined.extend(
            after
                .iter()
                .copied()
                .chain(std::iter::repeat(T::default()))
                .take(rest),
        );
        joined
    }
    let sum = |values: &[u64]| values.iter().sum::<u64>();
    let people = |before: &[u32], after: &[u32]| {
        if after.is_empty() {
            Vec::new()
        } else {
            join(before, after, rest)
        }
    };
    RunOutcome {
        good_per_day: join(&state.good_per_day, &run.good_per_day, rest),
        released: sum(&state.released) + run.released,
        good: sum(&state.good) + run.good,
        scrapped: sum(&state.scrapped) + run.scrapped,
        kit_stockout_days: join(&vec![false; days], &run.kit_stockout_days, rest),
        kit_stock: state
            .kit_stock_per_day
            .iter()
            .zip(&run.kit_stock)
            .map(|(before, after)| join(before, after, rest))
            .collect(),
        kit_arrivals: state
            .kit_arrivals_per_day
            .iter()
            .zip(&run.kit_arrivals)
            .map(|(before, after)| join(before, after, rest))
            .collect(),
        scrapped_by_product: state
            .scrapped
            .iter()
            .zip(&run.scrapped_by_product)
            .map(|(before, after)| before + after)
            .collect(),
        staffed_shifts: join(
            &calendar.scheduled_shifts[..days],
            &run.staffed_shifts,
            rest,
        ),
        payroll_per_day: people(&state.payroll_per_day, &run.payroll_per_day),
        trained_per_day: people(&state.trained_per_day, &run.trained_per_day),
        ..run
    }
}

//! The work of a run, estimated from the model before it starts: how many units the release can
//! start over the horizon, how many the line can process, how many pile up in front of its
//! bottleneck, and about how many events one replication handles.
//!
//! The estimate is a closed-form upper bound on what the engine does, computed from mean cycle
//! times at full staffing and mature learning, with every workday of the calendar open. The
//! model checks (`check/`) refuse a scenario whose pile-up would not fit in memory; the use
//! cases refuse to start a run whose total work is huge unless the user allows it. The module
//! is pure.

use jiff::civil::Date;

use crate::capacity::mean_cycle_secs;
use crate::model::{Calendar, Release, Scenario, ShiftCalendar};
use crate::schedule::{DAY_SECS, days_between};

/// The most units an estimate may expect to pile up in front of the bottleneck by the end of
/// the horizon: each waiting unit takes memory (a unit in a buffer, or a start waiting for
/// release), and ten million of them take hundreds of megabytes.
pub const MAX_PEAK_WIP: f64 = 1e7;

/// The most events a whole run (every replication) may be expected to handle before it needs
/// the user's consent (`--allow-long-run`): the engine handles a few million (a line with kits,
/// staff and failures) to tens of millions (a bare line) of events a second per core, so such a
/// run takes minutes to about an hour on one core. The shipped examples' `why` (33 forecasts of
/// their default replications) stays below it.
pub const MAX_EVENTS_WITHOUT_CONSENT: f64 = 1e10;

/// The estimated work of one replication of a scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorkEstimate {
    /// Units the release can start over the horizon (planned starts, arrivals, or what a
    /// saturated source can feed its first stations), capped by the release `limit`.
    pub released: f64,
    /// Units the line's bottleneck can process over the horizon (infinite without products).
    pub line_capacity: f64,
    /// The line's bottleneck rate, in units per calendar day (averaged over the week).
    pub line_per_day: f64,
    /// The release's rate in units per calendar day (its busiest plan phase for a plan).
    pub release_per_day: f64,
    /// Units waiting in front of the bottleneck by the end of the horizon: released but not
    /// processed, where nothing stops the release (a plan or arrivals, or a saturated source
    /// feeding an unlimited buffer).
    pub peak_wip: f64,
    /// Events one replication handles, about: a start and two events per station visited for
    /// each unit processed, plus failures and repairs.
    pub events: f64,
}

impl WorkEstimate {
    /// The estimate of one replication of `scenario`.
    pub fn of(scenario: &Scenario) -> WorkEstimate {
        let horizon_days = (scenario.horizon_secs / DAY_SECS).max(0.0);
        let op_secs_per_day = operating_secs_per_day(scenario, horizon_days);
        let op_secs = horizon_days * op_secs_per_day;
        let (line_rate, visits) = line_rate_and_visits(scenario);
        let limit = match &scenario.release {
            Release::Plan { limit, .. }
            | Release::Arrivals { limit, .. }
            | Release::Saturated { limit } => limit.map_or(f64::INFINITY, |l| l as f64),
        };
        let (startable, release_per_day) = match &scenario.release {
            Release::Plan { phases, .. } => {
                let workday_share = workday_share(&scenario.calendar);
                let mut total = 0.0;
                let mut busiest = 0.0_f64;
                for (index, phase) in phases.iter().enumerate() {
                    let begin = days_between(scenario.start, phase.from).max(0) as f64;
                    let end = phases.get(index + 1).map_or(horizon_days, |next| {
                        days_between(scenario.start, next.from).max(0) as f64
                    });
                    let days = (end.min(horizon_days) - begin.min(horizon_days)).max(0.0);
                    let per_day = f64::from(phase.per_day) * workday_share;
                    total += per_day * days.ceil();
                    if days > 0.0 {
                        busiest = busiest.max(per_day);
                    }
                }
                (total, busiest)
            }
            Release::Arrivals { interval, .. } => {
                let mean = interval.mean_secs();
                if mean > 0.0 {
                    (op_secs / mean, op_secs_per_day / mean)
                } else {
                    (f64::INFINITY, f64::INFINITY)
                }
            }
            Release::Saturated { .. } => {
                let rate = first_stations_rate(scenario);
                (op_secs * rate, op_secs_per_day * rate)
            }
        };
        let released = startable.min(limit);
        let line_capacity = if line_rate.is_finite() {
            op_secs * line_rate
        } else {
            f64::INFINITY
        };
        let processed = released.min(line_capacity);
        let piles_up = match &scenario.release {
            Release::Saturated { .. } => feeds_an_unlimited_buffer(scenario),
            _ => true,
        };
        let peak_wip = if piles_up {
            (released - line_capacity).max(0.0)
        } else {
            0.0
        };
        let events = released + processed * 2.0 * visits + failure_events(scenario, op_secs);
        WorkEstimate {
            released,
            line_capacity,
            line_per_day: if line_rate.is_finite() {
                op_secs_per_day * line_rate
            } else {
                f64::INFINITY
            },
            release_per_day,
            peak_wip,
            events,
        }
    }
}

/// Operating seconds of an average calendar day of the horizon: every workday open, every
/// planned shift run.
fn operating_secs_per_day(scenario: &Scenario, horizon_days: f64) -> f64 {
    match &scenario.calendar {
        Calendar::AlwaysOn => DAY_SECS,
        Calendar::Shifts(shifts) => {
            mean_planned_shifts(shifts, scenario.start, horizon_days)
                * shifts.shift_length_secs
                * workday_share(&scenario.calendar)
        }
    }
}

/// Shifts planned on an average workday of the horizon, weighting each shift phase by the days
/// it covers (the one phase of a plain `shifts = N` is exactly N).
fn mean_planned_shifts(calendar: &ShiftCalendar, start: Date, horizon_days: f64) -> f64 {
    if let [phase] = calendar.shifts.as_slice()
        && phase.from.is_none()
    {
        return f64::from(phase.count);
    }
    if horizon_days <= 0.0 {
        return f64::from(calendar.max_shifts());
    }
    let day_of = |from: Option<Date>| {
        from.map_or(0.0, |from| days_between(start, from).max(0) as f64)
            .min(horizon_days)
    };
    let mut shift_days = 0.0;
    for (index, phase) in calendar.shifts.iter().enumerate() {
        let begin = day_of(phase.from);
        let end = calendar
            .shifts
            .get(index + 1)
            .map_or(horizon_days, |next| day_of(next.from));
        shift_days += f64::from(phase.count) * (end - begin).max(0.0);
    }
    shift_days / horizon_days
}

/// The share of calendar days that are workdays.
fn workday_share(calendar: &Calendar) -> f64 {
    match calendar {
        Calendar::AlwaysOn => 1.0,
        Calendar::Shifts(shifts) => {
            shifts.workdays.iter().filter(|&&open| open).count() as f64 / 7.0
        }
    }
}

/// The share of releases each product takes, by its mix.
fn shares(scenario: &Scenario) -> Vec<f64> {
    let total: f64 = scenario.products.iter().map(|p| p.mix.max(0.0)).sum();
    scenario
        .products
        .iter()
        .map(|p| {
            if total > 0.0 {
                p.mix.max(0.0) / total
            } else {
                0.0
            }
        })
        .collect()
}

/// The units per operating second the line's bottleneck can process, given the mix (infinite
/// when no station is visited), and the stations an average unit visits.
fn line_rate_and_visits(scenario: &Scenario) -> (f64, f64) {
    let mut load = vec![0.0; scenario.stations.len()];
    let mut visits = 0.0;
    for (product, share) in scenario.products.iter().zip(shares(scenario)) {
        for &station in &product.route {
            if let Some(slot) = load.get_mut(station) {
                *slot += share;
            }
        }
        visits += share * product.route.len() as f64;
    }
    let means = mean_cycle_secs(scenario);
    let rate = scenario
        .stations
        .iter()
        .zip(&means)
        .zip(&load)
        .filter(|(_, load)| **load > 0.0)
        .map(|((station, &mean), load)| station_rate(station, mean) / load)
        .fold(f64::INFINITY, f64::min);
    (rate, visits)
}

/// Units per operating second a station's servers can process at `mean` cycle (the station's
/// mix-weighted mean, [`mean_cycle_secs`]).
fn station_rate(station: &crate::model::Station, mean: f64) -> f64 {
    if mean > 0.0 {
        f64::from(station.servers) / mean
    } else {
        f64::INFINITY
    }
}

/// Units per operating second a saturated source can start: the first stations of the routes.
fn first_stations_rate(scenario: &Scenario) -> f64 {
    let mut firsts: Vec<usize> = scenario
        .products
        .iter()
        .filter_map(|p| p.route.first().copied())
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    let means = mean_cycle_secs(scenario);
    firsts
        .iter()
        .filter_map(|&index| Some((scenario.stations.get(index)?, means[index])))
        .map(|(station, mean)| station_rate(station, mean))
        .sum()
}

/// Whether a unit started by a saturated source can wait in an unlimited buffer past its first
/// station (a saturated source feeds idle first servers only, so the pile forms downstream).
fn feeds_an_unlimited_buffer(scenario: &Scenario) -> bool {
    scenario.products.iter().any(|product| {
        product.route.iter().skip(1).any(|&index| {
            scenario
                .stations
                .get(index)
                .is_some_and(|station| station.buffer.is_none())
        })
    })
}

/// Failures and repairs over the horizon: two events per failure of each server.
fn failure_events(scenario: &Scenario, op_secs: f64) -> f64 {
    scenario
        .stations
        .iter()
        .filter_map(|station| {
            let failure = station.failure.as_ref()?;
            let mean = failure.ttf.mean_secs();
            (mean > 0.0).then(|| 2.0 * f64::from(station.servers) * op_secs / mean)
        })
        .sum()
}

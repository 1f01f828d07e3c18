//! Monte Carlo: many replications of a scenario, run in parallel and folded in replication
//! order into streaming aggregates, so the result is the same at any thread count and memory
//! does not grow with the number of replications.

use std::ops::Range;

use jiff::civil::Date;
use rayon::prelude::*;

mod partial;
mod programme;
mod replication;

pub use programme::{DateFan, ProgrammeForecast, RiskEffect, RiskForecast, TaskForecast};
pub use replication::{
    Replication, run as run_replication, run_watching as run_replication_watching,
};

use crate::costs::CostForecast;
use crate::model::Scenario;
use crate::sim::{Prepared, Relaxations};
use crate::stats::{Estimate, Histogram, wilson_95};
pub use partial::{MergeError, Partial};

/// Replications run in parallel between two in-order folds.
const BATCH: usize = 256;

/// P10, P50 and P90 of a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fan {
    pub p10: u64,
    pub p50: u64,
    pub p90: u64,
}

/// A milestone across replications.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneForecast {
    pub id: String,
    pub due: Option<Date>,
    /// Quantiles of the date reached; `None` where the quantile falls among replications that
    /// did not reach the milestone within the horizon.
    pub p10: Option<Date>,
    pub p50: Option<Date>,
    pub p90: Option<Date>,
    /// Share of replications reaching it on or before `due`.
    pub on_time_probability: Option<f64>,
    /// Replications reaching it on or before `due`.
    pub on_time: Option<u64>,
    /// The 95% Wilson interval of `on_time_probability`.
    pub on_time_ci95: Option<(f64, f64)>,
    /// Share of replications reaching it within the horizon.
    pub reached_fraction: f64,
    /// Replications reaching it on each day index.
    pub days: Histogram,
    pub not_reached: u64,
    /// In a forecast from actuals ([`crate::tracking`]): the day the actuals reached it, on or
    /// before the as-of date (then P10 = P50 = P90 = this date); `None` otherwise.
    pub actual: Option<Date>,
}

/// A station across replications.
#[derive(Debug, Clone, PartialEq)]
pub struct StationForecast {
    pub id: String,
    pub busy: Estimate,
    pub blocked: Estimate,
    pub starved: Estimate,
    pub down: Estimate,
    pub unstaffed: Estimate,
}

/// One day across replications.
#[derive(Debug, Clone, PartialEq)]
pub struct DayForecast {
    pub date: Date,
    pub workday: bool,
    pub good: Fan,
    pub cumulative: Fan,
    /// Shifts the calendar plans (its shift phase on a workday, else 0).
    pub planned_shifts: u32,
    /// Mean shifts run.
    pub staffed_shifts: f64,
    /// Share of replications with a kit stock-out that day.
    pub stockout_probability: f64,
    /// Kit stock at the end of the day, per kit.
    pub kit_stock: Vec<Fan>,
    /// People on the payroll at the start of the day; `None` without a workforce.
    pub payroll: Option<Fan>,
    /// Trained people at the start of the day; `None` without a workforce.
    pub trained: Option<Fan>,
    /// Money spent from day 0 to the end of the day (whole currency units, three significant
    /// digits); `None` without `[costs]`.
    pub cumulative_spend: Option<Fan>,
}

/// The result of a Monte Carlo forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    pub scenario: String,
    /// In a forecast from actuals ([`crate::tracking`]): the day whose end state the
    /// replications started from; the days up to it are the actuals. `None` in a forecast from
    /// the plan.
    pub as_of: Option<Date>,
    pub seed: u64,
    pub replications: u64,
    pub milestones: Vec<MilestoneForecast>,
    pub throughput_per_hour: Estimate,
    pub wip: Estimate,
    pub flow_time_minutes: Estimate,
    pub stations: Vec<StationForecast>,
    /// Index of the station with the highest mean busy + down fraction.
    pub bottleneck: Option<usize>,
    pub daily: Vec<DayForecast>,
    pub released: Estimate,
    pub good: Estimate,
    pub scrapped: Estimate,
    /// Workdays with a kit stock-out per replication.
    pub kit_stockout_days: Estimate,
    /// Planned shifts not run for lack of staff per replication.
    pub unstaffed_shifts: Estimate,
    /// What the horizon costs; `None` without `[costs]`.
    pub costs: Option<CostForecast>,
    /// The programme's tasks and risks; `None` without a programme.
    pub programme: Option<ProgrammeForecast>,
    /// Events processed over all replications.
    pub events: u64,
}

/// Folds replications, in any order, into the aggregates of a [`Forecast`]: its state is a
/// [`Partial`], which shards run apart hand over and merge exactly.
#[derive(Debug, Clone)]
pub struct Accumulator<'a> {
    scenario: &'a Scenario,
    prepared: &'a Prepared,
    state: Partial,
}

impl<'a> Accumulator<'a> {
    pub fn new(scenario: &'a Scenario, prepared: &'a Prepared, seed: u64) -> Self {
        Accumulator {
            scenario,
            prepared,
            state: Partial::new(scenario, prepared, seed),
        }
    }

    /// Carries on from `state`, a [`Partial`] of `scenario` (see [`Partial::check`]).
    pub fn resume(scenario: &'a Scenario, prepared: &'a Prepared, state: Partial) -> Self {
        Accumulator {
            scenario,
            prepared,
            state,
        }
    }

    /// What it has folded so far, to hand over and merge.
    pub fn into_partial(self) -> Partial {
        self.state
    }

    /// Adds everything `other` folded (replications of the same scenario and seed), as if its
    /// replications had been added here: the result does not depend on the order of merging.
    pub fn merge(&mut self, other: &Partial) {
        self.state.merge(other, &self.prepared.calendar);
    }

    /// Folds only the milestones from now on: the per-day fans, stations, costs and programme
    /// stay empty (for forecasts whose replications end early, read for their milestones).
    pub fn milestones_only(mut self) -> Self {
        self.state = self.state.milestones_only();
        self
    }

    /// Adds one replication, in any order.
    pub fn add(&mut self, replication: &Replication) {
        if self.state.milestones_only {
            self.state.count += 1;
            for (index, milestone) in self.scenario.milestones.iter().enumerate() {
                match replication.milestone_day(milestone, &self.prepared.calendar) {
                    Some(day) => self.state.milestone_days[index].push(u64::from(day)),
                    None => self.state.not_reached[index] += 1,
                }
            }
            self.state.events += replication.outcome.events;
            return;
        }
        let outcome = &replication.outcome;
        let calendar = replication.calendar(&self.prepared.calendar);
        if let Some(own) = &replication.calendar {
            if self.state.planned.is_empty() {
                // The replications before this one ran on the scenario's calendar.
                self.state.planned = self
                    .prepared
                    .calendar
                    .scheduled_shifts
                    .iter()
                    .map(|&shifts| {
                        let mut histogram = Histogram::default();
                        for _ in 0..self.state.count {
                            histogram.push(u64::from(shifts));
                        }
                        histogram
                    })
                    .collect();
            }
            for (histogram, &shifts) in self.state.planned.iter_mut().zip(&own.scheduled_shifts) {
                histogram.push(u64::from(shifts));
            }
        } else if !self.state.planned.is_empty() {
            let scheduled = &self.prepared.calendar.scheduled_shifts;
            for (histogram, &shifts) in self.state.planned.iter_mut().zip(scheduled) {
                histogram.push(u64::from(shifts));
            }
        }
        if let (Some(programme), Some(run)) = (&mut self.state.programme, &replication.programme) {
            programme.add(run);
        }
        self.state.count += 1;
        for (index, milestone) in self.scenario.milestones.iter().enumerate() {
            match replication.milestone_day(milestone, &self.prepared.calendar) {
                Some(day) => self.state.milestone_days[index].push(u64::from(day)),
                None => self.state.not_reached[index] += 1,
            }
        }
        self.state.throughput.push(outcome.throughput_per_hour);
        self.state.wip.push(outcome.wip);
        if let Some(flow) = outcome.flow_minutes {
            self.state.flow.push(flow);
        }
        for (running, fractions) in self.state.stations.iter_mut().zip(&outcome.stations) {
            running[0].push(fractions.busy);
            running[1].push(fractions.blocked);
            running[2].push(fractions.starved);
            running[3].push(fractions.down);
            running[4].push(fractions.unstaffed);
        }
        for (fans, people) in [
            (&mut self.state.payroll, &outcome.payroll_per_day),
            (&mut self.state.trained, &outcome.trained_per_day),
        ] {
            if !people.is_empty() {
                fans.resize(calendar.n_days, Histogram::default());
                for (histogram, &count) in fans.iter_mut().zip(people) {
                    histogram.push(u64::from(count));
                }
            }
        }
        let mut cumulative = 0u64;
        let mut stockout_days = 0u64;
        let mut unstaffed = 0u64;
        for day in 0..calendar.n_days {
            let good = u64::from(outcome.good_per_day[day]);
            cumulative += good;
            self.state.daily_good[day].push(good);
            self.state.daily_cumulative[day].push(cumulative);
            self.state.staffed_sum[day] += u64::from(outcome.staffed_shifts[day]);
            unstaffed += u64::from(
                calendar.scheduled_shifts[day].saturating_sub(outcome.staffed_shifts[day]),
            );
            if outcome.kit_stockout_days[day] {
                self.state.stockouts[day] += 1;
                stockout_days += 1;
            }
            for (kit, stock) in outcome.kit_stock.iter().enumerate() {
                self.state.kit_stock[kit][day].push(u64::from(stock[day]));
            }
        }
        self.state.released.push(outcome.released as f64);
        self.state.good.push(outcome.good as f64);
        self.state.scrapped.push(outcome.scrapped as f64);
        self.state.stockout_days.push(stockout_days as f64);
        self.state.unstaffed_shifts.push(unstaffed as f64);
        if let Some(costs) = &mut self.state.costs {
            costs.add(self.scenario, calendar, outcome);
        }
        self.state.events += outcome.events;
    }

    pub fn finish(self) -> Forecast {
        let calendar = &self.prepared.calendar;
        let count = self.state.count.max(1);
        let fan = |histogram: &Histogram| Fan {
            p10: histogram.quantile(0.1, 0).unwrap_or(0),
            p50: histogram.quantile(0.5, 0).unwrap_or(0),
            p90: histogram.quantile(0.9, 0).unwrap_or(0),
        };
        let milestones = self
            .scenario
            .milestones
            .iter()
            .zip(self.state.milestone_days)
            .zip(&self.state.not_reached)
            .map(|((milestone, days), &not_reached)| {
                let date = |p: f64| {
                    days.quantile(p, not_reached)
                        .map(|day| calendar.date(day as usize))
                };
                let on_time = milestone.due.map(|due| {
                    let due_day = calendar.day_of(due);
                    if due_day < 0 {
                        0
                    } else {
                        days.count_at_most(due_day as u64)
                    }
                });
                let on_time_probability = on_time.map(|n| n as f64 / count as f64);
                let on_time_ci95 = on_time.map(|n| wilson_95(n, self.state.count));
                MilestoneForecast {
                    id: milestone.id.clone(),
                    due: milestone.due,
                    p10: date(0.1),
                    p50: date(0.5),
                    p90: date(0.9),
                    on_time_probability,
                    on_time,
                    on_time_ci95,
                    reached_fraction: days.total() as f64 / count as f64,
                    days,
                    not_reached,
                    actual: None,
                }
            })
            .collect();
        let stations: Vec<StationForecast> = self
            .scenario
            .stations
            .iter()
            .zip(&self.state.stations)
            .map(|(station, running)| StationForecast {
                id: station.id.clone(),
                busy: running[0].estimate(),
                blocked: running[1].estimate(),
                starved: running[2].estimate(),
                down: running[3].estimate(),
                unstaffed: running[4].estimate(),
            })
            .collect();
        // The station most committed to work it cannot give away; none when nothing ran.
        let bottleneck = stations
            .iter()
            .enumerate()
            .map(|(index, s)| (index, s.busy.mean + s.down.mean))
            .filter(|&(_, load)| load > 0.0)
            .max_by(|(_, a), (_, b)| a.total_cmp(b))
            .map(|(index, _)| index);
        let (costs, spend) = match self.state.costs {
            Some(costs) => {
                let (forecast, by_day) = costs.finish(self.scenario);
                (Some(forecast), by_day)
            }
            None => (None, Vec::new()),
        };
        let daily = (0..calendar.n_days)
            .map(|day| DayForecast {
                date: calendar.date(day),
                workday: calendar.is_workday(day),
                good: fan(&self.state.daily_good[day]),
                cumulative: fan(&self.state.daily_cumulative[day]),
                planned_shifts: self
                    .state
                    .planned
                    .get(day)
                    .map_or(calendar.scheduled_shifts[day], |h| {
                        h.quantile(0.5, 0).unwrap_or(0) as u32
                    }),
                staffed_shifts: self.state.staffed_sum[day] as f64 / count as f64,
                stockout_probability: self.state.stockouts[day] as f64 / count as f64,
                kit_stock: self
                    .state
                    .kit_stock
                    .iter()
                    .map(|by_day| fan(&by_day[day]))
                    .collect(),
                payroll: self.state.payroll.get(day).map(fan),
                trained: self.state.trained.get(day).map(fan),
                cumulative_spend: spend.get(day).copied(),
            })
            .collect();
        Forecast {
            scenario: self.scenario.name.clone(),
            as_of: None,
            seed: self.state.seed,
            replications: self.state.count,
            milestones,
            throughput_per_hour: self.state.throughput.estimate(),
            wip: self.state.wip.estimate(),
            flow_time_minutes: self.state.flow.estimate(),
            stations,
            bottleneck,
            daily,
            released: self.state.released.estimate(),
            good: self.state.good.estimate(),
            scrapped: self.state.scrapped.estimate(),
            kit_stockout_days: self.state.stockout_days.estimate(),
            unstaffed_shifts: self.state.unstaffed_shifts.estimate(),
            costs,
            programme: self.state.programme.map(|p| p.finish(self.scenario)),
            events: self.state.events,
        }
    }
}

/// A long run stopped on request before it finished (see [`replicate_until`]); what it had
/// folded so far is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the run was stopped before it finished")
    }
}

impl std::error::Error for Stopped {}

/// Whether a long run should stop now: asked before each replication starts, from the worker
/// threads, so it must be cheap (an atomic load). `&|| false` never stops.
pub type StopCheck<'a> = &'a (dyn Fn() -> bool + Sync);

/// The replicate driver shared by [`forecast`], [`crate::why`] (through `forecast`) and
/// [`crate::compare`]: runs replications `0..replications` in parallel batches of `batch` on the
/// caller's rayon pool, then hands each batch's outcomes to `fold` in replication order, and
/// calls `progress` with the number finished after each batch.
///
/// `run` draws only from replication `i`'s own streams, and `fold` sees the outcomes in index
/// order, so whatever `fold` accumulates is the same at any thread count and any batch size;
/// at most one batch of outcomes is held at a time, so memory stays flat in `replications`.
pub fn replicate<Outcome, Run, Fold>(
    replications: u64,
    batch: usize,
    run: Run,
    fold: Fold,
    progress: &(dyn Fn(u64) + Sync),
) where
    Outcome: Send,
    Run: Fn(u64) -> Outcome + Sync,
    Fold: FnMut(Outcome),
{
    // Never asked to stop, so never stopped.
    let _ = replicate_until(replications, batch, run, fold, progress, &|| false);
}

/// [`replicate`] that asks `stop` before each replication starts and, once it says yes, starts
/// no more and returns [`Stopped`] without folding the batch it was in. A run that is never
/// stopped calls `run`, `fold` and `progress` exactly as [`replicate`] does.
pub fn replicate_until<Outcome, Run, Fold>(
    replications: u64,
    batch: usize,
    run: Run,
    fold: Fold,
    progress: &(dyn Fn(u64) + Sync),
    stop: StopCheck<'_>,
) -> Result<(), Stopped>
where
    Outcome: Send,
    Run: Fn(u64) -> Outcome + Sync,
    Fold: FnMut(Outcome),
{
    replicate_range_until(0..replications, batch, run, fold, progress, stop)
}

/// [`replicate_until`] over the replications `range` only (a shard's share): `progress` hears
/// how many of the range are done.
pub fn replicate_range_until<Outcome, Run, Fold>(
    range: Range<u64>,
    batch: usize,
    run: Run,
    mut fold: Fold,
    progress: &(dyn Fn(u64) + Sync),
    stop: StopCheck<'_>,
) -> Result<(), Stopped>
where
    Outcome: Send,
    Run: Fn(u64) -> Outcome + Sync,
    Fold: FnMut(Outcome),
{
    let batch = batch.max(1) as u64;
    let mut next = range.start;
    while next < range.end {
        let size = (range.end - next).min(batch);
        let outcomes: Option<Vec<Outcome>> = (0..size as usize)
            .into_par_iter()
            .map(|offset| (!stop()).then(|| run(next + offset as u64)))
            .collect();
        let outcomes = outcomes.ok_or(Stopped)?;
        outcomes.into_iter().for_each(&mut fold);
        next += size;
        progress(next - range.start);
    }
    Ok(())
}

/// What replications `range` of `scenario` under `seed` fold into (with `milestones_only`, only
/// their milestones, each replication ending once all are reached, as
/// [`forecast_watching_until`] does): one shard of a forecast, to merge with the others'
/// ([`finish_partials`]). The replications are those of [`forecast`], whatever the range: each
/// draws only from its own streams.
pub fn partial_until(
    scenario: &Scenario,
    seed: u64,
    range: Range<u64>,
    milestones_only: bool,
    progress: &(dyn Fn(u64) + Sync),
    stop: StopCheck<'_>,
) -> Result<Partial, Stopped> {
    let prepared = Prepared::new(scenario);
    let every_day = vec![crate::milestones::Need::Day; scenario.milestones.len()];
    let needs = milestones_only.then_some(every_day.as_slice());
    let run = Run {
        scenario,
        prepared: &prepared,
        seed,
    };
    fold(scenario, &run, range, needs, progress, stop)
}

/// What one forecast runs: the scenario (relaxed or not), prepared, and its seed.
struct Run<'a> {
    scenario: &'a Scenario,
    prepared: &'a Prepared,
    seed: u64,
}

/// Folds replications `range` of `run` into the aggregates of `scenario` (the scenario as
/// given, whose calendar a relaxed run shares); with `needs`, each replication ends once they
/// are known and only the milestones are folded.
fn fold(
    scenario: &Scenario,
    run: &Run<'_>,
    range: Range<u64>,
    needs: Option<&[crate::milestones::Need]>,
    progress: &(dyn Fn(u64) + Sync),
    stop: StopCheck<'_>,
) -> Result<Partial, Stopped> {
    let mut accumulator = Accumulator::new(scenario, run.prepared, run.seed);
    if needs.is_some() {
        accumulator = accumulator.milestones_only();
    }
    replicate_range_until(
        range,
        BATCH,
        |replication| {
            replication::run_watching(run.scenario, run.prepared, run.seed, replication, needs)
        },
        |outcome| accumulator.add(&outcome),
        progress,
        stop,
    )?;
    Ok(accumulator.into_partial())
}

/// The forecast of `scenario` under `seed` from the shards' `partials`, in any order: what
/// [`forecast`] gives for all their replications together, bit for bit. Refuses partials that
/// do not fit the scenario, seed and kind (`milestones_only`).
pub fn finish_partials(
    scenario: &Scenario,
    seed: u64,
    milestones_only: bool,
    partials: &[Partial],
) -> Result<Forecast, MergeError> {
    let prepared = Prepared::new(scenario);
    let mut accumulator = Accumulator::new(scenario, &prepared, seed);
    if milestones_only {
        accumulator = accumulator.milestones_only();
    }
    for partial in partials {
        partial.check(scenario, &prepared, seed, milestones_only)?;
        accumulator.merge(partial);
    }
    Ok(accumulator.finish())
}

/// Runs `replications` replications of `scenario` under `seed`, with the parts of the model in
/// `relax` turned off (see [`Relaxations::apply`]), in parallel on the caller's rayon pool,
/// calling `progress` with the number finished after each batch.
pub fn forecast(
    scenario: &Scenario,
    seed: u64,
    replications: u64,
    relax: Relaxations,
    progress: &(dyn Fn(u64) + Sync),
) -> Forecast {
    forecast_until(scenario, seed, replications, relax, progress, &|| false)
        .expect("a run never asked to stop finishes")
}

/// [`forecast`] that stops, returning [`Stopped`], once `stop` says so (checked before each
/// replication); unstopped, its result is [`forecast`]'s, bit for bit.
pub fn forecast_until(
    scenario: &Scenario,
    seed: u64,
    replications: u64,
    relax: Relaxations,
    progress: &(dyn Fn(u64) + Sync),
    stop: StopCheck<'_>,
) -> Result<Forecast, Stopped> {
    forecast_watching_until(scenario, seed, replications, relax, None, progress, stop)
}

/// [`forecast_until`] whose replications each end as soon as the milestones `needs` asks for
/// are known (one [`crate::milestones::Need`] a milestone; `None`: to the horizon): the
/// milestones asked for come out as [`forecast_until`] gives them, on the same random numbers;
/// every other figure covers only the days run and is not to be read.
pub fn forecast_watching_until(
    scenario: &Scenario,
    seed: u64,
    replications: u64,
    relax: Relaxations,
    needs: Option<&[crate::milestones::Need]>,
    progress: &(dyn Fn(u64) + Sync),
    stop: StopCheck<'_>,
) -> Result<Forecast, Stopped> {
    let relaxed_scenario;
    let run_scenario = if relax.is_none() {
        scenario
    } else {
        relaxed_scenario = relax.apply(scenario);
        &relaxed_scenario
    };
    // Relaxations leave the calendar as it is, so the aggregates read the scenario as given.
    let prepared = Prepared::new(run_scenario);
    let run = Run {
        scenario: run_scenario,
        prepared: &prepared,
        seed,
    };
    let partial = fold(scenario, &run, 0..replications, needs, progress, stop)?;
    Ok(Accumulator::resume(scenario, &prepared, partial).finish())
}

//! Tracking: the plant's state at the end of an as-of day, read from the actuals, and the
//! forecast that starts from it (`relaunch forecast --as-of`).
//!
//! - `state.rs`: [`state_at`], what the actuals say at the end of the as-of day (cumulative
//!   output, units in the line, kit stock and open orders, headcount by training status,
//!   finished and running tasks). What the actuals never mention through the as-of day is
//!   taken **as planned**: no `hired` rows at all, the planned hires dated on or before it
//!   stand; no `released` rows for a product, released = good + scrapped (nothing in the line);
//!   no `kits_received` rows for a kit, its deliveries due by then count as received
//!   (shipments on their date, orders at the lead time's optimistic value). Leavers leave
//!   first-in first-out, from the earliest hired; a hire of day d is trained from d plus the
//!   workforce's training days, queueing for training places as the simulation does.
//! - `restart.rs`: [`forecast_as_of`], the Monte Carlo forecast of the rest of the horizon
//!   from that state, its days up to the as-of date being the actuals (see its notes).
//! - `calibrate.rs`: [`Calibration`], what the actuals can tell about the scenario's
//!   assumptions (first-pass yield, kit lead times, attrition, the learning rate), with its
//!   uncertainty, and the per-replication draw of those estimates into a scenario.
//! - `synthetic.rs`: the actuals one replication of the model would have reported, for tests.
//!
//! [`why_as_of_until`] is "why late" from the same state: each subset of factors relaxed (the
//! transforms of [`crate::sim::Relaxations`]) and forecast from it on the same random numbers.

pub mod calibrate;
mod restart;
mod state;
pub mod synthetic;

use jiff::civil::Date;

use crate::actuals::Actuals;
use crate::model::Scenario;
use crate::montecarlo::{Forecast, StopCheck};
use crate::why::{Why, why_with};

pub use calibrate::Calibration;

/// An as-of date the scenario cannot start a forecast from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrackingError {
    /// The as-of date is before the scenario's first day.
    BeforeStart { as_of: Date, start: Date },
    /// The as-of date is after the scenario's last day.
    AfterHorizon { as_of: Date, last: Date },
    /// The forecast was asked to stop before it finished ([`forecast_as_of_until`]).
    Stopped,
}

impl std::fmt::Display for TrackingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrackingError::BeforeStart { as_of, start } => write!(
                f,
                "the as-of date {as_of} is before the scenario starts on {start}"
            ),
            TrackingError::AfterHorizon { as_of, last } => write!(
                f,
                "the as-of date {as_of} is after the scenario's last day, {last}"
            ),
            TrackingError::Stopped => f.write_str("the forecast was stopped before it finished"),
        }
    }
}

impl std::error::Error for TrackingError {}

/// The state of the plant at the end of `as_of`, from the actuals known then. Per-product,
/// per-kit and per-task vectors are indexed like the scenario's.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub as_of: Date,
    /// The index of `as_of` in the scenario's calendar (day 0 is the scenario's start).
    pub as_of_day: i64,
    /// Good units per day from the scenario's start to `as_of` inclusive (all products).
    pub good_per_day: Vec<u32>,
    /// Cumulative units released, good and scrapped per product.
    pub released: Vec<u64>,
    pub good: Vec<u64>,
    pub scrapped: Vec<u64>,
    /// Units in the line per product: released − good − scrapped (never below 0).
    pub in_line: Vec<u64>,
    /// Kit stock per kit at the end of `as_of`: initial + received − released (of the
    /// products that use it).
    pub kit_stock: Vec<i64>,
    /// Kits received per kit.
    pub kits_received: Vec<u64>,
    /// People hired and left; on the payroll = hired − left.
    pub hired: u64,
    pub left: u64,
    /// On the payroll at the end of `as_of` whose training has ended / is still running.
    pub trained: u64,
    pub in_training: u64,
    /// The day each task finished (actual), or `None`.
    pub task_done: Vec<Option<Date>>,
    /// The day each task started (actual), or `None`.
    pub task_started: Vec<Option<Date>>,
    /// Per kit: whether the actuals have `kits_received` rows for it through `as_of` (else its
    /// deliveries due by then are taken as received, as planned).
    pub kits_tracked: Vec<bool>,
    /// Per kit, per day from the start to `as_of`: kits received, and the stock at the end of
    /// the day (never below 0).
    pub kit_arrivals_per_day: Vec<Vec<u32>>,
    pub kit_stock_per_day: Vec<Vec<u32>>,
    /// Per day from the start to `as_of`, at the start of the day: on the payroll, trained
    /// (empty without a workforce).
    pub payroll_per_day: Vec<u32>,
    pub trained_per_day: Vec<u32>,
    /// People still in training at the end of `as_of`: (day index of their first day at work,
    /// how many), earliest first.
    pub training_until: Vec<(i64, u64)>,
}

/// The state of the plant at the end of `as_of` from `actuals` (the records after `as_of` are
/// ignored).
pub fn state_at(
    scenario: &Scenario,
    actuals: &Actuals,
    as_of: Date,
) -> Result<State, TrackingError> {
    state::state_at(scenario, actuals, as_of)
}

/// The Monte Carlo forecast of `scenario` from `state`: each replication runs the rest of the
/// horizon from the end of the as-of day on the same streams (seed, replication) as
/// `simulate`; the days up to `as_of` are the actuals; a milestone the actuals reached carries
/// its `actual` date. With a `calibration`, each replication first draws the calibrated
/// parameters into its scenario.
pub fn forecast_as_of(
    scenario: &Scenario,
    state: &State,
    calibration: Option<&Calibration>,
    seed: u64,
    replications: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Forecast, TrackingError> {
    restart::forecast_as_of(
        scenario,
        state,
        calibration,
        (seed, replications),
        progress,
        &|| false,
    )
}

/// [`forecast_as_of`] that stops, returning [`TrackingError::Stopped`], once `stop` says so
/// (checked before each replication); unstopped, its result is [`forecast_as_of`]'s.
pub fn forecast_as_of_until(
    scenario: &Scenario,
    state: &State,
    calibration: Option<&Calibration>,
    (seed, replications): (u64, u64),
    progress: &(dyn Fn(u64) + Sync),
    stop: StopCheck<'_>,
) -> Result<Forecast, TrackingError> {
    restart::forecast_as_of(
        scenario,
        state,
        calibration,
        (seed, replications),
        progress,
        stop,
    )
}

/// "Why late" from `state`: the analysis of [`crate::why`] over forecasts from the end of the
/// as-of day ([`forecast_as_of_until`], no calibration: a calibration draws its estimates over
/// the scenario and would undo the relaxations), each subset of factors relaxed as a transform
/// of the scenario. The relaxations only change what is still to come: the days up to the as-of
/// day are the actuals in every subset, so a milestone already reached has nothing to blame.
pub fn why_as_of_until(
    scenario: &Scenario,
    state: &State,
    (seed, replications): (u64, u64),
    quantiles: &[f64],
    progress: &(dyn Fn(u64) + Sync),
    stop: StopCheck<'_>,
) -> Result<Why, TrackingError> {
    // From an as-of state the forecasts run to the horizon (same answers, no early end).
    why_with(
        scenario,
        replications,
        quantiles,
        progress,
        |relax, _needs| {
            if relax.is_none() {
                forecast_as_of_until(scenario, state, None, (seed, replications), &|_| {}, stop)
            } else {
                forecast_as_of_until(
                    &relax.apply(scenario),
                    state,
                    None,
                    (seed, replications),
                    &|_| {},
                    stop,
                )
            }
        },
    )
}

//! The production-line model: one replication of a scenario on the event kernel.
//!
//! Units are released (by plan, by a renewal process, or by a saturated source), consume a kit,
//! travel their product's route through stations with parallel servers and finite or unlimited
//! buffers (blocking after service), may be inspected, reworked or scrapped, and leave. Servers
//! fail after a time counted in busy time and wait for a technician of their crew. Everything
//! runs in operating time (see [`crate::schedule`]); the shift calendar, the staffing and the
//! kit arrivals were mapped onto that axis before the run.
//!
//! This file holds the event loop; each part of the plant has its own room, and every room
//! reports what happens to the recorder, which alone keeps statistics:
//!
//! ```text
//!   release ──► supply ──► stations ──► quality ──► exit        (each room reports to
//!   (plan,      (kits,     (servers,    (inspection,             the recorder, which
//!    arrivals,   stock,     buffers,     rework,                 makes the RunOutcome)
//!    backlog)    stock-     blocking)    scrap)
//!                outs)         ▲ │
//!                              │ ▼ failures, repairs
//!                          maintenance (crews)
//! ```
//!
//! - `release.rs`: the release plan, arrivals and the saturated source; the backlog of starts
//!   waiting for kits or room; units entering the line.
//! - `supply.rs`: kit deliveries (orders with drawn lead times, shipments, late in a shipping
//!   disruption), stock, and what a delivery sets free (a start that finds its kit missing is
//!   a stock-out of the day).
//! - `stations.rs`: servers, buffers, blocking after service, routing, units leaving.
//! - `maintenance.rs`: failures counted in busy time, repairs, technicians of limited crews.
//! - `quality.rs`: inspection against the first-pass yield curve (lowered on the days of a
//!   yield drop), rework or scrap.
//! - `recorder.rs`: the observer of all the above; produces the [`RunOutcome`].
//! - `carry.rs`: what a restarted run starts from (units in the line, a backlog, experience,
//!   people), empty in a plain run.
//! - `relaxations.rs`: parts of the model turned off, as transforms of the scenario.

mod carry;
mod maintenance;
mod quality;
mod recorder;
mod relaxations;
mod release;
mod stations;
mod supply;

use crate::dist::Dist;
use crate::kernel::{EventQueue, Tick, ticks};
use crate::learning::Curve;
use crate::milestones::Watch;
use crate::model::Scenario;
use crate::rng;
use crate::schedule::{DayCursor, PlantCalendar, Schedule};
use crate::staff::{self, Staffing};

pub use carry::Carry;
use maintenance::Maintenance;
use quality::Quality;
use recorder::Recorder;
pub use recorder::{RunOutcome, StationFractions};
pub use relaxations::Relaxations;
use release::Release;
use stations::StationRun;
use supply::Supply;

/// Random streams of a replication, one per purpose, so that changing one part of the model
/// (say, removing breakdowns) leaves the draws of every other part as they were. Outside the
/// line: the programme's tasks and risks (`programme`), and the calibrated parameters of
/// `tracking::calibrate` from `1 << 58` up (`CALIBRATION_BASE` there), far from every id here.
pub(crate) mod streams {
    pub const RELEASE: u64 = 1;
    pub const KITS: u64 = 2;
    pub const QUALITY: u64 = 3;
    pub const WORKFORCE: u64 = 4;
    /// Replacements of leavers: recruiting lead times and the replacements' own leaving.
    pub const REPLACEMENTS: u64 = 5;
    /// Absences of trained staff on workdays.
    pub const ABSENCE: u64 = 6;
    /// Station `i` draws failures from `CYCLE_BASE + 2 i + 1` and the cycle times of product 0
    /// from `CYCLE_BASE + 2 i`.
    pub const CYCLE_BASE: u64 = 1 << 20;
    /// Product `k` ≥ 1 draws its cycle times at station `i` from `PRODUCT_CYCLE_BASE | i << 31
    /// | k`: a stream per (station, product), so that one product's cycles (their kind, an
    /// override added or removed) never shift another product's draws. The top bit keeps these
    /// apart from every id below it (`CYCLE_BASE + 2 i + 1` stays under 2^63 for any station
    /// count that fits in memory).
    pub const PRODUCT_CYCLE_BASE: u64 = 1 << 63;

    /// The stream of the cycle times of `product` at `station`.
    pub fn cycle(station: usize, product: usize) -> u64 {
        if product == 0 {
            CYCLE_BASE + 2 * station as u64
        } else {
            PRODUCT_CYCLE_BASE
                | (station as u64 & 0xFFFF_FFFF) << 31
                | (product as u64 & 0x7FFF_FFFF)
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Event {
    PlannedStart { day: u32 },
    Arrival,
    ServiceEnd { station: u32, server: u32 },
    Failure { station: u32, server: u32 },
    RepairEnd { station: u32, server: u32 },
    KitArrival { kit: u32, quantity: u32 },
}

/// No unit on a server.
const NO_UNIT: u32 = u32::MAX;
/// The station after the last: the unit leaves the line.
const EXIT: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Unit {
    product: u32,
    route_pos: u32,
    /// Station the unit goes to next, or `EXIT`.
    next: u32,
    entered: Tick,
    in_rework: bool,
    good: bool,
}

/// Static, per-scenario facts the run needs, computed once for all replications.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub calendar: PlantCalendar,
    curve: Curve,
    learning_on: bool,
    rework_station: Option<u32>,
    /// Whether some station is marked for inspection (else the last of each route inspects).
    explicit_inspection: bool,
    mix_cumulative: Vec<f64>,
    /// Where the standard cycle of each (product, station) is, at `product * n_stations +
    /// station`: an index into `own_cycles` (the product's `[[product]] cycle`) or
    /// `STATION_CYCLE`, looked up once here so that the hot loop indexes instead of searching
    /// (four bytes a pair, the distributions themselves are not copied).
    cycle_of: Vec<u32>,
    own_cycles: Vec<Dist>,
    /// At `product * n_stations + station`: the index of the pair's cycle stream among the
    /// station's (`visitors`), for the products that can visit it.
    cycle_slot: Vec<u32>,
    /// The products that can visit each station (on their route, or all at the rework station),
    /// in increasing order: the station's cycle streams, one per product, are made for these only.
    visitors: Vec<Vec<u32>>,
    n_stations: usize,
}

/// In [`Prepared::cycle_of`]: the station's own cycle.
const STATION_CYCLE: u32 = u32::MAX;

impl Prepared {
    pub fn new(scenario: &Scenario) -> Prepared {
        let curve = Curve::new(&scenario.learning);
        let mut total = 0.0;
        let mix_cumulative = scenario
            .products
            .iter()
            .map(|p| {
                total += p.mix;
                total
            })
            .collect();
        let n_stations = scenario.stations.len();
        let mut cycle_of = vec![STATION_CYCLE; scenario.products.len() * n_stations];
        let mut own_cycles = Vec::new();
        for (product_index, product) in scenario.products.iter().enumerate() {
            for (station, dist) in &product.cycles {
                if let Some(slot) = cycle_of.get_mut(product_index * n_stations + station)
                    && *station < n_stations
                {
                    *slot = own_cycles.len() as u32;
                    own_cycles.push(dist.clone());
                }
            }
        }
        let rework_station = scenario.stations.iter().position(|s| s.rework);
        let mut visitors = vec![Vec::new(); n_stations];
        let mut cycle_slot = vec![0; scenario.products.len() * n_stations];
        for (product_index, product) in scenario.products.iter().enumerate() {
            for station in 0..n_stations {
                if product.route.contains(&station) || rework_station == Some(station) {
                    cycle_slot[product_index * n_stations + station] =
                        visitors[station].len() as u32;
                    visitors[station].push(product_index as u32);
                }
            }
        }
        Prepared {
            calendar: PlantCalendar::new(scenario),
            learning_on: !curve.is_flat(),
            curve,
            rework_station: rework_station.map(|i| i as u32),
            explicit_inspection: scenario.stations.iter().any(|s| s.inspection),
            mix_cumulative,
            cycle_of,
            own_cycles,
            cycle_slot,
            visitors,
            n_stations,
        }
    }

    /// The standard cycle of `product` at `station` of `scenario`.
    #[inline]
    fn cycle<'s>(&'s self, scenario: &'s Scenario, product: usize, station: usize) -> &'s Dist {
        match self.cycle_of[product * self.n_stations + station] {
            STATION_CYCLE => &scenario.stations[station].cycle,
            own => &self.own_cycles[own as usize],
        }
    }

    /// The index of `product`'s cycle stream among `station`'s.
    #[inline]
    fn cycle_slot(&self, product: usize, station: usize) -> usize {
        self.cycle_slot[product * self.n_stations + station] as usize
    }
}

/// Runs replication `replication` of `scenario` under `seed`.
///
/// `prepared` must be [`Prepared::new`] of this `scenario`; to relax parts of the model, run
/// [`Relaxations::apply`] of the scenario.
pub fn run(scenario: &Scenario, prepared: &Prepared, seed: u64, replication: u64) -> RunOutcome {
    Line::new(scenario, prepared, seed, replication, &Carry::default()).run(u64::MAX)
}

/// Like [`run`], starting from what `carry` holds (units in the line, a backlog, experience,
/// people): the run of a restart scenario ([`crate::tracking`]).
pub fn run_from(
    scenario: &Scenario,
    prepared: &Prepared,
    seed: u64,
    replication: u64,
    carry: &Carry,
) -> RunOutcome {
    Line::new(scenario, prepared, seed, replication, carry).run(u64::MAX)
}

/// Like [`run`], but stops as soon as every milestone `watch` watches is known (see
/// [`Watch`]): its milestone days are [`run`]'s, everything else covers only the days run.
pub fn run_watching(
    scenario: &Scenario,
    prepared: &Prepared,
    seed: u64,
    replication: u64,
    watch: Watch,
) -> RunOutcome {
    let mut line = Line::new(scenario, prepared, seed, replication, &Carry::default());
    line.watch = Some(watch);
    line.run(u64::MAX)
}

/// Like [`run`], but stops after `max_events` events as if the horizon had come: for tests
/// that run arbitrary scenarios (the fuzzer) and must bound their work by a count, not a clock.
pub fn run_with_event_budget(
    scenario: &Scenario,
    prepared: &Prepared,
    seed: u64,
    replication: u64,
    max_events: u64,
) -> RunOutcome {
    Line::new(scenario, prepared, seed, replication, &Carry::default()).run(max_events)
}

/// One replication in progress: the event loop and the rooms it dispatches to.
struct Line<'a> {
    scenario: &'a Scenario,
    prepared: &'a Prepared,
    schedule: Schedule,
    queue: EventQueue<Event>,
    /// Units in the line, and the slots of those that left, for reuse.
    units: Vec<Unit>,
    free_units: Vec<u32>,
    release: Release,
    supply: Supply,
    stations: Vec<StationRun>,
    maintenance: Maintenance,
    quality: Quality,
    recorder: Recorder,
    /// The day of the current operating time.
    day_cursor: DayCursor,
    /// Days whose kit stock has been recorded.
    days_closed: usize,
    /// Headcount by day (empty without a workforce).
    staffing: Staffing,
    /// What a restarted run starts from, until it is put in at time 0.
    carry: Option<Carry>,
    /// The milestones whose answers end the run early, when watched.
    watch: Option<Watch>,
    /// Days whose good output is final (fed to the watch).
    days_final: usize,
}

impl<'a> Line<'a> {
    fn new(
        scenario: &'a Scenario,
        prepared: &'a Prepared,
        seed: u64,
        replication: u64,
        carry: &Carry,
    ) -> Self {
        let calendar = &prepared.calendar;
        let (schedule, staffing) = match &scenario.workforce {
            Some(workforce) => {
                let mut streams = staff::Streams {
                    leavers: rng::stream(seed, replication, streams::WORKFORCE),
                    replacements: rng::stream(seed, replication, streams::REPLACEMENTS),
                    absence: rng::stream(seed, replication, streams::ABSENCE),
                };
                let staffing =
                    staff::draw_carried(calendar, workforce, &mut streams, &carry.people);
                (calendar.staffed(&staffing.present), staffing)
            }
            None => (calendar.fully_staffed(), Staffing::default()),
        };
        let warmup = schedule.calendar_to_op(ticks(scenario.warmup_secs));
        let stations = scenario
            .stations
            .iter()
            .enumerate()
            .map(|(index, station)| {
                StationRun::new(station, index, &prepared.visitors[index], seed, replication)
            })
            .collect();
        let mut line = Line {
            scenario,
            prepared,
            queue: EventQueue::new(),
            units: Vec::new(),
            free_units: Vec::new(),
            release: Release::new(scenario, seed, replication),
            supply: Supply::new(scenario, seed, replication),
            stations,
            maintenance: Maintenance::new(scenario, seed, replication),
            quality: Quality::new(scenario, calendar, seed, replication),
            recorder: Recorder::new(scenario, calendar.n_days, warmup),
            day_cursor: DayCursor::default(),
            days_closed: 0,
            schedule,
            staffing,
            carry: None,
            watch: None,
            days_final: 0,
        };
        line.draw_first_failures();
        if !carry.is_empty() {
            line.apply_carried_experience(carry);
            line.carry = Some(carry.clone());
        }
        line
    }

    fn run(mut self, max_events: u64) -> RunOutcome {
        self.schedule_kits();
        if let Some(carry) = self.carry.take() {
            self.release_carried(&carry);
        }
        self.start_release();
        let op_end = self.schedule.op_end;
        let mut stopped_at = None;
        while let Some(at) = self.queue.peek_time() {
            if at > op_end || self.queue.events_processed() >= max_events {
                break;
            }
            if self.watch.is_some() && self.watched_all_before(at) {
                // Everything watched is known: the run ends here, as if at its horizon.
                stopped_at = Some(self.queue.now());
                break;
            }
            let Some((now, event)) = self.queue.pop() else {
                break;
            };
            self.close_days_before(now);
            match event {
                Event::PlannedStart { day } => self.planned_start(day),
                Event::Arrival => self.arrival(),
                Event::ServiceEnd { station, server } => self.service_end(station, server),
                Event::Failure { station, server } => self.failure(station, server),
                Event::RepairEnd { station, server } => self.repair_end(station, server),
                Event::KitArrival { kit, quantity } => self.kit_arrival(kit, quantity),
            }
        }
        // The run ends at the horizon, or earlier when a release limit let the line run empty.
        let end = if let Some(now) = stopped_at {
            now
        } else if self.queue.is_empty() && self.release.released >= self.release.limit {
            self.queue.now()
        } else {
            op_end
        };
        self.queue.advance_to(end);
        self.finish(end)
    }

    /// The day of work that operating time `now` (the current time or later) falls in; an
    /// instant that ends a day's last shift belongs to that day, not to the next day whose
    /// operating time starts at the same instant.
    #[inline]
    fn day_ending_at(&self, now: Tick) -> usize {
        let mut day = self.day_cursor.day;
        while day > 0 && self.schedule.op_start[day] >= now {
            day -= 1;
        }
        day
    }

    /// Feeds the watch the days whose output is final before an event at `at` (those whose
    /// next day starts strictly earlier: an event at a day's closing instant still counts for
    /// that day); whether every watched milestone is known.
    fn watched_all_before(&mut self, at: Tick) -> bool {
        let Some(watch) = self.watch.as_mut() else {
            return false;
        };
        let n_days = self.schedule.n_days();
        while self.days_final + 1 < n_days && self.schedule.op_start[self.days_final + 1] < at {
            let day = self.days_final;
            watch.close_day(&self.prepared.calendar, day, self.recorder.good_on(day));
            self.days_final += 1;
        }
        watch.done()
    }

    /// Records kit stock for every day that ended before operating time `now`.
    #[inline]
    fn close_days_before(&mut self, now: Tick) {
        let passed = self.day_cursor.advance(&self.schedule, now);
        if !passed.is_empty() {
            self.close_days(passed.end);
        }
    }

    /// Records the end-of-day kit stock of the days not yet closed before day `until`.
    fn close_days(&mut self, until: usize) {
        for day in self.days_closed..until {
            for kit in 0..self.supply.n_kits() {
                let stock = self.supply.end_of_day_stock(kit, day, &self.schedule);
                self.recorder.kit_stock_at_end_of_day(kit, day, stock);
            }
        }
        self.days_closed = self.days_closed.max(until);
    }
}

//! The production-line model: one replication of a scenario on the event kernel.
//!
//! Units are released (by plan, by a renewal process, or by a saturated source), consume a kit,
//! travel their product's route through stations with parallel servers and finite or unlimited
//! buffers (blocking after service), may be inspected, reworked or scrapped, and leave. Servers
//! fail after a time counted in busy time and wait for a technician of their crew. Everything
//! runs in operating time (see [`crate::schedule`]); the shift calendar, the staffing and the
//! kit arrivals were mapped onto that axis before the run.

use std::collections::VecDeque;

use rand::RngExt;
use rand_pcg::Pcg64Mcg;

use crate::kernel::{EventQueue, Tick, ticks};
use crate::learning::Curve;
use crate::model::{LearningModel, Release, Scenario};
use crate::rng;
use crate::schedule::{DAY_SECS, DayCursor, PlantCalendar, Schedule};

/// Random streams of a replication, one per purpose, so that changing one part of the model
/// (say, removing breakdowns) leaves the draws of every other part as they were.
mod streams {
    pub const RELEASE: u64 = 1;
    pub const KITS: u64 = 2;
    pub const QUALITY: u64 = 3;
    pub const WORKFORCE: u64 = 4;
    /// Station `i` draws cycle times from `CYCLE_BASE + 2 i` and failures from `CYCLE_BASE + 2 i + 1`.
    pub const CYCLE_BASE: u64 = 1 << 20;
}

/// What one replication produced.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOutcome {
    /// Good units finished on each day of the horizon.
    pub good_per_day: Vec<u32>,
    /// Units released into the line.
    pub released: u64,
    pub good: u64,
    pub scrapped: u64,
    /// Good units per scheduled hour after warm-up.
    pub throughput_per_hour: f64,
    /// Time-average units in the line after warm-up (operating time).
    pub wip: f64,
    /// Mean operating time from entering the line to leaving it, minutes, of units leaving
    /// after warm-up; `None` if none left.
    pub flow_minutes: Option<f64>,
    /// Integral of WIP over operating time after warm-up, unit-ticks (for Little's law).
    pub wip_area: u128,
    /// Sum of flow times of units leaving after warm-up, ticks.
    pub flow_sum: u128,
    pub stations: Vec<StationFractions>,
    /// Days on which a unit could not start for lack of kits.
    pub kit_stockout_days: Vec<bool>,
    /// Kit stock at the end of each day, per kit.
    pub kit_stock: Vec<Vec<u32>>,
    /// Shifts run on each day.
    pub staffed_shifts: Vec<u32>,
    /// Operating time at which the run ended.
    pub end_tick: Tick,
    pub events: u64,
}

/// Fractions of a station's scheduled time after warm-up (they add up to 1).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StationFractions {
    pub busy: f64,
    pub blocked: f64,
    pub starved: f64,
    pub down: f64,
    /// Planned shifts that did not run for lack of trained staff.
    pub unstaffed: f64,
}

/// The options that turn parts of the model off, for "why late" and for tests.
///
/// Each is applied as a transform of the scenario ([`Relaxations::apply`]) before the run, never
/// as a check in the event loop: every part of the model draws from its own streams, so
/// removing a part leaves every other draw as it was, and the relaxed run is byte-identical to
/// one that switched the part off in the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Relaxations {
    /// Kits unlimited and on hand.
    pub supply: bool,
    /// Every hire on its planned date, trained for the planned time, no attrition.
    pub staffing: bool,
    /// No breakdowns.
    pub equipment: bool,
    /// First-pass yield 1.
    pub quality: bool,
    /// Standard cycle times from the first unit.
    pub learning: bool,
}

impl Relaxations {
    /// Whether nothing is relaxed.
    pub fn is_none(&self) -> bool {
        *self == Relaxations::default()
    }

    /// The scenario with these parts of the model turned off.
    ///
    /// - **supply**: products need no kit, and kits keep their initial stock but lose their
    ///   orders and shipments. Nothing is drawn from the kit stream, no delivery is scheduled, and
    ///   the end-of-day stock reported is the initial stock, as before. (Removing the kits
    ///   themselves would drop their stock from the outcome.)
    /// - **staffing**: no attrition. The workforce stream draws the same hires and training.
    /// - **equipment**: no station fails. Failure draws come from per-station failure streams,
    ///   so cycle times and every other draw are unchanged; crews stay, unused.
    /// - **quality**: no first-pass yield, so nothing is inspected and the quality stream, used
    ///   only there, is not drawn.
    /// - **learning**: no learning model (standard cycle times from the first unit), and a
    ///   yield curve pinned at its mature value: `mature − (mature − mature) · gap` is exactly
    ///   `mature`, as the mature yield of an open gap of 0 was before. The quality stream is
    ///   drawn as before.
    pub fn apply(&self, scenario: &Scenario) -> Scenario {
        let mut relaxed = scenario.clone();
        if self.supply {
            for product in &mut relaxed.products {
                product.kit = None;
            }
            for kit in &mut relaxed.kits {
                kit.orders.clear();
                kit.shipments.clear();
            }
        }
        if self.staffing
            && let Some(workforce) = &mut relaxed.workforce
        {
            // What a manager can achieve: every hire on its planned date, trained for the
            // planned time, and staying. Nobody works before the plan says they can.
            workforce.attrition_per_year = 0.0;
        }
        if self.equipment {
            for station in &mut relaxed.stations {
                station.failure = None;
            }
        }
        if self.quality {
            relaxed.learning.first_pass_yield = None;
        }
        if self.learning {
            relaxed.learning.model = LearningModel::None;
            if let Some(yield_curve) = &mut relaxed.learning.first_pass_yield {
                yield_curve.initial = yield_curve.mature;
            }
        }
        relaxed
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Busy = 0,
    Blocked = 1,
    Idle = 2,
    Down = 3,
}

const NO_UNIT: u32 = u32::MAX;
const EXIT: u32 = u32::MAX;

#[derive(Debug, Clone)]
struct Server {
    state: State,
    since: Tick,
    unit: u32,
    /// Service left when a failure interrupted it.
    remaining: Tick,
    /// Busy time left until the next failure.
    ttf_left: Tick,
    time_in: [Tick; 4],
}

#[derive(Debug, Clone)]
struct StationRun {
    queue: VecDeque<u32>,
    capacity: usize,
    idle: Vec<u32>,
    blocked_upstream: VecDeque<(u32, u32)>,
    servers: Vec<Server>,
    started: u64,
    inspected: u64,
    inspects: bool,
    /// Products whose route starts here.
    source_products: Vec<u32>,
    cycle_rng: Pcg64Mcg,
    failure_rng: Pcg64Mcg,
}

/// A kit delivery: operating time of arrival, calendar day of arrival.
#[derive(Debug, Clone, Copy)]
struct Delivery {
    at: Tick,
    day: usize,
    kit: u32,
    quantity: u32,
}

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
}

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
        Prepared {
            calendar: PlantCalendar::new(scenario),
            learning_on: !curve.is_flat(),
            curve,
            rework_station: scenario
                .stations
                .iter()
                .position(|s| s.rework)
                .map(|i| i as u32),
            explicit_inspection: scenario.stations.iter().any(|s| s.inspection),
            mix_cumulative,
        }
    }
}

/// Runs replication `replication` of `scenario` under `seed`.
///
/// `prepared` must be [`Prepared::new`] of this `scenario`; to relax parts of the model, run
/// [`Relaxations::apply`] of the scenario.
pub fn run(scenario: &Scenario, prepared: &Prepared, seed: u64, replication: u64) -> RunOutcome {
    Line::new(scenario, prepared, seed, replication).run()
}

struct Line<'a> {
    scenario: &'a Scenario,
    prepared: &'a Prepared,
    schedule: Schedule,
    queue: EventQueue<Event>,
    stations: Vec<StationRun>,
    units: Vec<Unit>,
    free_units: Vec<u32>,
    /// Units released by plan or arrival but not yet in the line, per product, as the sequence
    /// numbers of their planned starts: the first station takes the oldest whose kit is on hand.
    backlog: Vec<VecDeque<u64>>,
    backlog_total: u64,
    next_start_seq: u64,
    kit_stock: Vec<u64>,
    technicians_free: Vec<u32>,
    repair_waiting: Vec<VecDeque<(u32, u32)>>,
    release_rng: Pcg64Mcg,
    quality_rng: Pcg64Mcg,
    kit_rng: Pcg64Mcg,
    /// Kit deliveries in arrival order, and how many have arrived.
    deliveries: Vec<Delivery>,
    deliveries_done: usize,
    saturated: bool,
    limit: u64,
    released: u64,
    good: u64,
    scrapped: u64,
    wip: u64,
    wip_since: Tick,
    wip_area: u128,
    flow_sum: u128,
    flow_count: u64,
    good_after_warmup: u64,
    warmup: Tick,
    day_cursor: DayCursor,
    good_per_day: Vec<u32>,
    stockout_days: Vec<bool>,
    kit_stock_by_day: Vec<Vec<u32>>,
    /// Days whose kit stock has been recorded.
    days_closed: usize,
    next_plan_day: usize,
    next_plan_index: u32,
}

impl<'a> Line<'a> {
    fn new(scenario: &'a Scenario, prepared: &'a Prepared, seed: u64, replication: u64) -> Self {
        let calendar = &prepared.calendar;
        let schedule = match &scenario.workforce {
            Some(workforce) => {
                let mut rng = rng::stream(seed, replication, streams::WORKFORCE);
                calendar.staffed(workforce, &mut rng)
            }
            None => calendar.fully_staffed(),
        };
        let warmup = schedule.calendar_to_op(ticks(scenario.warmup_secs));
        let n_days = calendar.n_days;
        let mut stations: Vec<StationRun> = scenario
            .stations
            .iter()
            .enumerate()
            .map(|(index, station)| {
                let base = streams::CYCLE_BASE + 2 * index as u64;
                StationRun {
                    queue: VecDeque::new(),
                    capacity: station.buffer.map_or(usize::MAX, |b| b as usize),
                    idle: (0..station.servers).rev().collect(),
                    blocked_upstream: VecDeque::new(),
                    servers: vec![
                        Server {
                            state: State::Idle,
                            since: 0,
                            unit: NO_UNIT,
                            remaining: 0,
                            ttf_left: 0,
                            time_in: [0; 4]
                        };
                        station.servers as usize
                    ],
                    started: 0,
                    inspected: 0,
                    inspects: station.inspection,
                    source_products: Vec::new(),
                    cycle_rng: rng::stream(seed, replication, base),
                    failure_rng: rng::stream(seed, replication, base + 1),
                }
            })
            .collect();
        for (product_index, product) in scenario.products.iter().enumerate() {
            let first = product.route[0];
            stations[first].source_products.push(product_index as u32);
        }
        // First times to failure.
        for (station, run) in scenario.stations.iter().zip(stations.iter_mut()) {
            if let Some(failure) = &station.failure {
                for server in &mut run.servers {
                    server.ttf_left = ticks(failure.ttf.sample(&mut run.failure_rng)).max(1);
                }
            }
        }
        let (saturated, limit) = match &scenario.release {
            Release::Plan { limit, .. } => (false, limit.unwrap_or(u64::MAX)),
            Release::Arrivals { limit, .. } => (false, limit.unwrap_or(u64::MAX)),
            Release::Saturated { limit } => (true, limit.unwrap_or(u64::MAX)),
        };
        Line {
            scenario,
            prepared,
            queue: EventQueue::new(),
            stations,
            units: Vec::new(),
            free_units: Vec::new(),
            backlog: vec![VecDeque::new(); scenario.products.len()],
            backlog_total: 0,
            next_start_seq: 0,
            kit_stock: scenario
                .kits
                .iter()
                .map(|k| u64::from(k.initial_stock))
                .collect(),
            technicians_free: scenario.crews.iter().map(|c| c.size).collect(),
            repair_waiting: vec![VecDeque::new(); scenario.crews.len()],
            release_rng: rng::stream(seed, replication, streams::RELEASE),
            quality_rng: rng::stream(seed, replication, streams::QUALITY),
            kit_rng: rng::stream(seed, replication, streams::KITS),
            deliveries: Vec::new(),
            deliveries_done: 0,
            saturated,
            limit,
            released: 0,
            good: 0,
            scrapped: 0,
            wip: 0,
            wip_since: 0,
            wip_area: 0,
            flow_sum: 0,
            flow_count: 0,
            good_after_warmup: 0,
            warmup,
            day_cursor: DayCursor::default(),
            good_per_day: vec![0; n_days],
            stockout_days: vec![false; n_days],
            kit_stock_by_day: vec![vec![0; n_days]; scenario.kits.len()],
            days_closed: 0,
            next_plan_day: 0,
            next_plan_index: 0,
            schedule,
        }
    }

    fn run(mut self) -> RunOutcome {
        self.schedule_kits();
        match &self.scenario.release {
            Release::Plan { .. } => self.schedule_next_planned_start(),
            Release::Arrivals { interval, .. } => {
                let first = ticks(interval.sample(&mut self.release_rng));
                if self.limit > 0 && first < self.schedule.op_end {
                    self.queue.schedule(first, Event::Arrival);
                }
            }
            Release::Saturated { .. } => {
                for station in 0..self.stations.len() {
                    self.fill_idle_sources(station as u32);
                }
            }
        }
        let op_end = self.schedule.op_end;
        while let Some(at) = self.queue.peek_time() {
            if at > op_end {
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
        let end = if self.queue.is_empty() && self.released >= self.limit {
            self.queue.now()
        } else {
            op_end
        };
        self.queue.advance_to(end);
        self.finish(end)
    }

    /// Puts every kit delivery of the horizon on the event list, in operating time: orders
    /// arrive a drawn lead time after dispatch, shipments on their date; what arrives before
    /// day 0 is on hand at the start. Deliveries are also kept in arrival order with their
    /// calendar day, so that end-of-day stock counts kits that came on a day off.
    fn schedule_kits(&mut self) {
        let calendar = &self.prepared.calendar;
        let mut deliveries: Vec<Delivery> = Vec::new();
        for (kit_index, kit) in self.scenario.kits.iter().enumerate() {
            let mut deliver = |line: &mut Self, arrival_secs: f64, quantity: u32| {
                if quantity == 0 {
                    return;
                }
                if arrival_secs < 0.0 {
                    line.kit_stock[kit_index] += u64::from(quantity);
                    return;
                }
                let day = (arrival_secs / DAY_SECS).floor() as usize;
                if day >= calendar.n_days {
                    return;
                }
                let at = line.schedule.calendar_to_op(ticks(arrival_secs));
                if at <= line.schedule.op_end {
                    deliveries.push(Delivery {
                        at,
                        day,
                        kit: kit_index as u32,
                        quantity,
                    });
                }
            };
            for order in &kit.orders {
                let mut day = calendar.day_of(order.first);
                let until = order.until.map(|d| calendar.day_of(d));
                loop {
                    if until.is_some_and(|last| day > last) || day >= calendar.n_days as i64 {
                        break;
                    }
                    let lead = kit.lead_time.sample(&mut self.kit_rng);
                    deliver(self, day as f64 * DAY_SECS + lead, order.quantity);
                    match order.every_days {
                        Some(every) if every > 0 => day += i64::from(every),
                        _ => break,
                    }
                }
            }
            for shipment in &kit.shipments {
                let day = calendar.day_of(shipment.arrives);
                deliver(self, day as f64 * DAY_SECS, shipment.quantity);
            }
        }
        // Events at the same tick run in scheduling order, so this order is the arrival order.
        deliveries.sort_by_key(|d| d.at);
        for delivery in &deliveries {
            self.queue.schedule(
                delivery.at,
                Event::KitArrival {
                    kit: delivery.kit,
                    quantity: delivery.quantity,
                },
            );
        }
        self.deliveries = deliveries;
    }

    /// Records kit stock for every day that ended before operating time `now`.
    #[inline]
    fn close_days_before(&mut self, now: Tick) {
        let passed = self.day_cursor.advance(&self.schedule, now);
        if !passed.is_empty() {
            self.close_days(passed.end);
        }
    }

    fn close_days(&mut self, until: usize) {
        for day in self.days_closed..until {
            for (kit, stock) in self.kit_stock.iter().enumerate() {
                // Kits that arrived on this day (or before) but wait in operating time for the
                // next shift are in stock at the end of the day all the same.
                let pending: u64 = self.deliveries[self.deliveries_done..]
                    .iter()
                    .take_while(|d| d.at <= self.schedule.op_start[day + 1])
                    .filter(|d| d.kit as usize == kit && d.day <= day)
                    .map(|d| u64::from(d.quantity))
                    .sum();
                self.kit_stock_by_day[kit][day] =
                    (*stock + pending).min(u64::from(u32::MAX)) as u32;
            }
        }
        self.days_closed = self.days_closed.max(until);
    }

    // ----- Release -------------------------------------------------------------------------

    fn schedule_next_planned_start(&mut self) {
        let calendar = &self.prepared.calendar;
        while self.next_plan_day < calendar.n_days {
            let day = self.next_plan_day;
            let planned = calendar.planned_starts[day];
            if self.next_plan_index < planned {
                let k = Tick::from(self.next_plan_index);
                let at = self.schedule.op_start[day]
                    + k * self.schedule.op_len(day) / Tick::from(planned);
                self.next_plan_index += 1;
                // A start at the very end of operating time would never be worked on: it (and
                // every later one) falls beyond the horizon.
                if at < self.schedule.op_end {
                    self.queue
                        .schedule(at, Event::PlannedStart { day: day as u32 });
                }
                return;
            }
            self.next_plan_day += 1;
            self.next_plan_index = 0;
        }
    }

    fn planned_start(&mut self, day: u32) {
        self.start_requested(day as usize);
        // Stop planning once the release limit is spoken for, so that the run can end when the
        // line is empty.
        if self.released + self.backlog_total < self.limit {
            self.schedule_next_planned_start();
        }
    }

    fn arrival(&mut self) {
        self.start_requested(self.day_cursor.day);
        if self.released + self.backlog_total < self.limit
            && let Release::Arrivals { interval, .. } = &self.scenario.release
        {
            // At least one tick apart, so that a tiny interval cannot stall the clock.
            let gap = ticks(interval.sample(&mut self.release_rng)).max(1);
            let at = self.queue.now().saturating_add(gap);
            if at < self.schedule.op_end {
                self.queue.schedule(at, Event::Arrival);
            }
        }
    }

    /// A planned start (or an arrival) on `day`: a unit of a product drawn by mix joins the
    /// backlog and is released as soon as kits and room allow; a missing kit marks the day.
    fn start_requested(&mut self, day: usize) {
        if self.released + self.backlog_total >= self.limit {
            return;
        }
        let product = self.draw_product();
        self.backlog[product as usize].push_back(self.next_start_seq);
        self.next_start_seq += 1;
        self.backlog_total += 1;
        let first = self.scenario.products[product as usize].route[0] as u32;
        self.release_waiting(first);
        if !self.backlog[product as usize].is_empty() && self.kit_missing(product) {
            self.stockout_days[day] = true;
        }
    }

    fn draw_product(&mut self) -> u32 {
        let mix = &self.prepared.mix_cumulative;
        if mix.len() == 1 {
            return 0;
        }
        let total = mix[mix.len() - 1];
        let draw: f64 = self.release_rng.random::<f64>() * total;
        mix.iter().position(|&c| draw < c).unwrap_or(mix.len() - 1) as u32
    }

    fn kit_missing(&self, product: u32) -> bool {
        self.scenario.products[product as usize]
            .kit
            .is_some_and(|kit| self.kit_stock[kit] == 0)
    }

    /// Creates a unit of `product`, consuming its kit.
    fn new_unit(&mut self, product: u32) -> u32 {
        if let Some(kit) = self.scenario.products[product as usize].kit {
            self.kit_stock[kit] -= 1;
        }
        self.released += 1;
        let now = self.queue.now();
        self.change_wip(now, 1);
        let unit = Unit {
            product,
            route_pos: 0,
            next: EXIT,
            entered: now,
            in_rework: false,
            good: true,
        };
        match self.free_units.pop() {
            Some(index) => {
                self.units[index as usize] = unit;
                index
            }
            None => {
                self.units.push(unit);
                (self.units.len() - 1) as u32
            }
        }
    }

    /// With a saturated release: gives every idle server of `station` a new unit, kits allowing.
    fn fill_idle_sources(&mut self, station: u32) {
        if !self.saturated || self.stations[station as usize].source_products.is_empty() {
            return;
        }
        while !self.stations[station as usize].idle.is_empty() && self.released < self.limit {
            let Some(product) = self.draw_source_product(station) else {
                self.stockout_days[self.day_cursor.day] = true;
                return;
            };
            let unit = self.new_unit(product);
            let server = self.stations[station as usize]
                .idle
                .pop()
                .expect("idle server");
            self.start_service(station, server, unit);
        }
    }

    /// A product starting at `station` whose kit is on hand, drawn by mix.
    fn draw_source_product(&mut self, station: u32) -> Option<u32> {
        let count = self.stations[station as usize].source_products.len();
        let product_at =
            |line: &Self, index: usize| line.stations[station as usize].source_products[index];
        if count == 1 {
            let product = product_at(self, 0);
            return (!self.kit_missing(product)).then_some(product);
        }
        // Two passes over the (few) products starting here, without allocating: the total mix
        // of those whose kit is on hand, then the draw.
        let mut total = 0.0;
        let mut last_available = None;
        for index in 0..count {
            let product = product_at(self, index);
            if !self.kit_missing(product) {
                total += self.scenario.products[product as usize].mix;
                last_available = Some(product);
            }
        }
        last_available?;
        let mut draw = self.release_rng.random::<f64>() * total;
        for index in 0..count {
            let product = product_at(self, index);
            if !self.kit_missing(product) {
                draw -= self.scenario.products[product as usize].mix;
                if draw < 0.0 {
                    return Some(product);
                }
            }
        }
        last_available
    }

    fn kit_arrival(&mut self, kit: u32, quantity: u32) {
        self.deliveries_done += 1;
        self.kit_stock[kit as usize] += u64::from(quantity);
        for product in 0..self.scenario.products.len() {
            if self.scenario.products[product].kit == Some(kit as usize) {
                let first = self.scenario.products[product].route[0] as u32;
                if self.saturated {
                    self.fill_idle_sources(first);
                } else if !self.backlog[product].is_empty() {
                    self.release_waiting(first);
                }
            }
        }
    }

    // ----- Stations ------------------------------------------------------------------------

    #[inline]
    fn can_accept(&self, station: u32) -> bool {
        let run = &self.stations[station as usize];
        !run.idle.is_empty() || run.queue.len() < run.capacity
    }

    /// Unit `unit` enters `station` (which has room): straight to an idle server, else the queue.
    #[inline]
    fn enter(&mut self, station: u32, unit: u32) {
        match self.stations[station as usize].idle.pop() {
            Some(server) => self.start_service(station, server, unit),
            None => self.stations[station as usize].queue.push_back(unit),
        }
    }

    #[inline]
    fn set_state(&mut self, station: u32, server: u32, state: State) {
        let now = self.queue.now();
        let warmup = self.warmup;
        let server = &mut self.stations[station as usize].servers[server as usize];
        if now > warmup {
            server.time_in[server.state as usize] += now - server.since.max(warmup);
        }
        server.state = state;
        server.since = now;
    }

    fn start_service(&mut self, station: u32, server: u32, unit: u32) {
        let learning_on = self.prepared.learning_on;
        let run = &mut self.stations[station as usize];
        run.started += 1;
        let mut secs = self.scenario.stations[station as usize]
            .cycle
            .sample(&mut run.cycle_rng);
        if learning_on {
            secs *= self.prepared.curve.cycle_multiplier(run.started);
        }
        run.servers[server as usize].unit = unit;
        self.set_state(station, server, State::Busy);
        // At least one tick, so that a cycle too short for the clock cannot stall it.
        self.work(station, server, ticks(secs).max(1));
    }

    /// Schedules `duration` of work on a busy server: its end, or the failure that comes first.
    #[inline]
    fn work(&mut self, station: u32, server: u32, duration: Tick) {
        let fails = self.scenario.stations[station as usize].failure.is_some();
        let slot = &mut self.stations[station as usize].servers[server as usize];
        if fails && slot.ttf_left < duration {
            slot.remaining = duration - slot.ttf_left;
            let at = slot.ttf_left;
            slot.ttf_left = 0;
            self.queue
                .schedule_in(at, Event::Failure { station, server });
        } else {
            if fails {
                slot.ttf_left -= duration;
            }
            self.queue
                .schedule_in(duration, Event::ServiceEnd { station, server });
        }
    }

    fn service_end(&mut self, station: u32, server: u32) {
        let unit_index = self.stations[station as usize].servers[server as usize].unit;
        let next = self.route_next(station, unit_index);
        self.units[unit_index as usize].next = next;
        if next == EXIT {
            self.leave(unit_index);
            self.free_server(station, server);
        } else if self.can_accept(next) {
            self.advance_unit(unit_index);
            self.enter(next, unit_index);
            self.free_server(station, server);
        } else {
            self.set_state(station, server, State::Blocked);
            self.stations[next as usize]
                .blocked_upstream
                .push_back((station, server));
        }
    }

    /// Where a unit goes after `station`: inspection, rework or scrap, the next station of its
    /// route, or `EXIT`.
    fn route_next(&mut self, station: u32, unit_index: u32) -> u32 {
        let unit = self.units[unit_index as usize];
        let route = &self.scenario.products[unit.product as usize].route;
        let following = || {
            route
                .get(unit.route_pos as usize + 1)
                .map_or(EXIT, |&s| s as u32)
        };
        if unit.in_rework {
            self.units[unit_index as usize].in_rework = false;
            return following();
        }
        // Without stations marked for inspection, each unit is inspected at the end of its own
        // route (not whenever it passes a station that ends some other product's route).
        let inspects = if self.prepared.explicit_inspection {
            self.stations[station as usize].inspects
        } else {
            unit.route_pos as usize + 1 == route.len()
        };
        if inspects && let Some(yield_curve) = self.scenario.learning.first_pass_yield {
            let run = &mut self.stations[station as usize];
            run.inspected += 1;
            let gap = self.prepared.curve.remaining_gap(run.inspected);
            let pass_probability =
                yield_curve.mature - (yield_curve.mature - yield_curve.initial) * gap;
            if self.quality_rng.random::<f64>() >= pass_probability {
                return match self.prepared.rework_station {
                    Some(rework) => {
                        self.units[unit_index as usize].in_rework = true;
                        rework
                    }
                    None => {
                        self.units[unit_index as usize].good = false;
                        EXIT
                    }
                };
            }
        }
        following()
    }

    /// Moves a unit's route position forward when it goes to its next route station.
    #[inline]
    fn advance_unit(&mut self, unit_index: u32) {
        let unit = &mut self.units[unit_index as usize];
        if !unit.in_rework {
            unit.route_pos += 1;
        }
    }

    fn leave(&mut self, unit_index: u32) {
        let now = self.queue.now();
        let unit = self.units[unit_index as usize];
        self.change_wip(now, -1);
        if now >= self.warmup {
            self.flow_sum += u128::from(now - unit.entered);
            self.flow_count += 1;
        }
        if unit.good {
            self.good += 1;
            // A unit finishing exactly at the end of a day's last shift belongs to that day,
            // not to the next day whose operating time starts at the same instant.
            let mut day = self.day_cursor.day;
            while day > 0 && self.schedule.op_start[day] >= now {
                day -= 1;
            }
            self.good_per_day[day] += 1;
            if now >= self.warmup {
                self.good_after_warmup += 1;
            }
        } else {
            self.scrapped += 1;
        }
        self.free_units.push(unit_index);
    }

    #[inline]
    fn change_wip(&mut self, now: Tick, delta: i64) {
        if now > self.warmup {
            self.wip_area +=
                u128::from(self.wip) * u128::from(now - self.wip_since.max(self.warmup));
        }
        self.wip_since = now;
        self.wip = self.wip.wrapping_add_signed(delta);
    }

    /// Server `server` of `station` has handed its unit on: give it the next unit (from the
    /// queue, from a blocked upstream server, or from the source), else let it idle.
    fn free_server(&mut self, station: u32, server: u32) {
        let run = &mut self.stations[station as usize];
        if let Some(unit) = run.queue.pop_front() {
            run.servers[server as usize].unit = NO_UNIT;
            self.start_service(station, server, unit);
            self.fill_place(station);
        } else if let Some((up_station, up_server)) = run.blocked_upstream.pop_front() {
            let unit = self.stations[up_station as usize].servers[up_server as usize].unit;
            self.advance_unit(unit);
            self.start_service(station, server, unit);
            self.free_server(up_station, up_server);
        } else {
            run.servers[server as usize].unit = NO_UNIT;
            run.idle.push(server);
            self.set_state(station, server, State::Idle);
            if self.saturated {
                self.fill_idle_sources(station);
            } else {
                self.release_waiting(station);
            }
        }
    }

    /// A place opened in `station`'s queue: a blocked upstream server moves in, else a unit
    /// waiting for release.
    fn fill_place(&mut self, station: u32) {
        if let Some((up_station, up_server)) =
            self.stations[station as usize].blocked_upstream.pop_front()
        {
            let unit = self.stations[up_station as usize].servers[up_server as usize].unit;
            self.advance_unit(unit);
            self.stations[station as usize].queue.push_back(unit);
            self.free_server(up_station, up_server);
        } else if !self.saturated {
            self.release_waiting(station);
        }
    }

    /// Releases backlogged units into `station`, the first of their route, oldest planned
    /// start first among the products whose kit is on hand, while the station has room.
    fn release_waiting(&mut self, station: u32) {
        if self.backlog_total == 0 || self.stations[station as usize].source_products.is_empty() {
            return;
        }
        while self.can_accept(station) {
            let mut oldest: Option<(u64, u32)> = None;
            for &product in &self.stations[station as usize].source_products {
                if let Some(&seq) = self.backlog[product as usize].front()
                    && !self.kit_missing(product)
                    && oldest.is_none_or(|(best, _)| seq < best)
                {
                    oldest = Some((seq, product));
                }
            }
            let Some((_, product)) = oldest else { return };
            self.backlog[product as usize].pop_front();
            self.backlog_total -= 1;
            let unit = self.new_unit(product);
            self.enter(station, unit);
        }
    }

    // ----- Breakdowns ----------------------------------------------------------------------

    fn failure(&mut self, station: u32, server: u32) {
        self.set_state(station, server, State::Down);
        let Some(failure) = &self.scenario.stations[station as usize].failure else {
            return;
        };
        match failure.crew {
            Some(crew) if self.technicians_free[crew] == 0 => {
                self.repair_waiting[crew].push_back((station, server))
            }
            Some(crew) => {
                self.technicians_free[crew] -= 1;
                self.start_repair(station, server);
            }
            None => self.start_repair(station, server),
        }
    }

    fn start_repair(&mut self, station: u32, server: u32) {
        let Some(failure) = &self.scenario.stations[station as usize].failure else {
            return;
        };
        let run = &mut self.stations[station as usize];
        let duration = ticks(failure.ttr.sample(&mut run.failure_rng));
        self.queue
            .schedule_in(duration, Event::RepairEnd { station, server });
    }

    fn repair_end(&mut self, station: u32, server: u32) {
        let Some(failure) = &self.scenario.stations[station as usize].failure else {
            return;
        };
        if let Some(crew) = failure.crew {
            match self.repair_waiting[crew].pop_front() {
                Some((next_station, next_server)) => self.start_repair(next_station, next_server),
                None => self.technicians_free[crew] += 1,
            }
        }
        let run = &mut self.stations[station as usize];
        let slot = &mut run.servers[server as usize];
        slot.ttf_left = ticks(failure.ttf.sample(&mut run.failure_rng)).max(1);
        let remaining = slot.remaining;
        self.set_state(station, server, State::Busy);
        self.work(station, server, remaining);
    }

    // ----- End of run ----------------------------------------------------------------------

    fn finish(mut self, end: Tick) -> RunOutcome {
        self.close_days_before(end);
        self.close_days(self.prepared.calendar.n_days);
        self.change_wip(end, 0);
        for station in 0..self.stations.len() {
            for server in 0..self.stations[station].servers.len() {
                let state = self.stations[station].servers[server].state;
                self.set_state(station as u32, server as u32, state);
            }
        }
        let calendar = &self.prepared.calendar;
        let operating = end.saturating_sub(self.warmup);
        // Unstaffed shifts have no operating time, so the days they fall on are chosen by the
        // calendar: from the first whole day after warm-up to the day the run ended.
        let first_day =
            ((self.scenario.warmup_secs / DAY_SECS).ceil() as usize).min(calendar.n_days);
        let end_day = if end >= self.schedule.op_end {
            calendar.n_days
        } else {
            self.day_cursor.day + 1
        };
        let unstaffed: Tick = (first_day..end_day.max(first_day))
            .map(|day| self.schedule.unstaffed_ticks(calendar, day))
            .sum();
        let scheduled = operating + unstaffed;
        let stations = self
            .stations
            .iter()
            .map(|run| {
                let per_server = scheduled as f64 * run.servers.len() as f64;
                let total = |state: State| {
                    run.servers
                        .iter()
                        .map(|s| s.time_in[state as usize])
                        .sum::<Tick>() as f64
                };
                if per_server <= 0.0 {
                    return StationFractions::default();
                }
                StationFractions {
                    busy: total(State::Busy) / per_server,
                    blocked: total(State::Blocked) / per_server,
                    starved: total(State::Idle) / per_server,
                    down: total(State::Down) / per_server,
                    unstaffed: unstaffed as f64 / scheduled as f64,
                }
            })
            .collect();
        let hours = scheduled as f64 / 3_600_000.0;
        RunOutcome {
            good_per_day: self.good_per_day,
            released: self.released,
            good: self.good,
            scrapped: self.scrapped,
            throughput_per_hour: if hours > 0.0 {
                self.good_after_warmup as f64 / hours
            } else {
                0.0
            },
            wip: if operating > 0 {
                self.wip_area as f64 / operating as f64
            } else {
                0.0
            },
            flow_minutes: (self.flow_count > 0)
                .then(|| self.flow_sum as f64 / self.flow_count as f64 / 60_000.0),
            wip_area: self.wip_area,
            flow_sum: self.flow_sum,
            stations,
            kit_stockout_days: self.stockout_days,
            kit_stock: self.kit_stock_by_day,
            staffed_shifts: self.schedule.staffed_shifts,
            end_tick: end,
            events: self.queue.events_processed(),
        }
    }
}

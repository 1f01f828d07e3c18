//! Release: units enter the line by the release plan (planned starts spread over each day's
//! operating time), by a renewal process of arrivals, or from a saturated source that keeps
//! the first stations busy; planned starts wait in a backlog until their kit and room allow.

use std::collections::VecDeque;

use rand::RngExt;
use rand_pcg::Pcg64Mcg;

use super::{EXIT, Event, Line, Unit, streams};
use crate::kernel::{Tick, ticks};
use crate::model::{Release as ReleaseModel, Scenario};
use crate::rng;

/// The release's state in a replication.
#[derive(Debug, Clone)]
pub(super) struct Release {
    /// A saturated source: every idle server of a first station takes a new unit at once.
    saturated: bool,
    /// Units the line may release in all.
    pub(super) limit: u64,
    /// Units released into the line.
    pub(super) released: u64,
    /// Units released by plan or arrival but not yet in the line, per product, as the sequence
    /// numbers of their planned starts: the first station takes the oldest whose kit is on hand.
    backlog: Vec<VecDeque<u64>>,
    backlog_total: u64,
    /// Per product: units carried in the line from before a restart, still to enter (no kit).
    carried: Vec<u64>,
    carried_total: u64,
    next_start_seq: u64,
    /// Products whose route starts at each station.
    source_products: Vec<Vec<u32>>,
    /// The next planned start: its day, and its index among the day's starts.
    next_plan_day: usize,
    next_plan_index: u32,
    rng: Pcg64Mcg,
}

impl Release {
    pub(super) fn new(scenario: &Scenario, seed: u64, replication: u64) -> Release {
        let (saturated, limit) = match &scenario.release {
            ReleaseModel::Plan { limit, .. } => (false, limit.unwrap_or(u64::MAX)),
            ReleaseModel::Arrivals { limit, .. } => (false, limit.unwrap_or(u64::MAX)),
            ReleaseModel::Saturated { limit } => (true, limit.unwrap_or(u64::MAX)),
        };
        let mut source_products = vec![Vec::new(); scenario.stations.len()];
        for (product_index, product) in scenario.products.iter().enumerate() {
            source_products[product.route[0]].push(product_index as u32);
        }
        Release {
            saturated,
            limit,
            released: 0,
            backlog: vec![VecDeque::new(); scenario.products.len()],
            backlog_total: 0,
            carried: vec![0; scenario.products.len()],
            carried_total: 0,
            next_start_seq: 0,
            source_products,
            next_plan_day: 0,
            next_plan_index: 0,
            rng: rng::stream(seed, replication, streams::RELEASE),
        }
    }

    /// A restart's units in the line and its backlog of starts, per product: the backlog's
    /// starts come before any of the run's own (lower sequence numbers), in product order.
    pub(super) fn add_carried(&mut self, in_line: &[u64], backlog: &[u64]) {
        for (carried, &count) in self.carried.iter_mut().zip(in_line) {
            *carried += count;
            self.carried_total += count;
        }
        for (product, &count) in backlog.iter().enumerate().take(self.backlog.len()) {
            for _ in 0..count {
                self.backlog[product].push_back(self.next_start_seq);
                self.next_start_seq += 1;
                self.backlog_total += 1;
            }
        }
    }

    /// Whether the starts released or waiting have reached the release limit.
    #[inline]
    fn limit_spoken_for(&self) -> bool {
        self.released + self.backlog_total >= self.limit
    }
}

impl Line<'_> {
    /// Schedules the first planned start or arrival, or fills the saturated source.
    pub(super) fn start_release(&mut self) {
        match &self.scenario.release {
            ReleaseModel::Plan { .. } => self.schedule_next_planned_start(),
            ReleaseModel::Arrivals { interval, .. } => {
                let first = ticks(interval.sample(&mut self.release.rng));
                if self.release.limit > 0 && first < self.schedule.op_end {
                    self.queue.schedule(first, Event::Arrival);
                }
            }
            ReleaseModel::Saturated { .. } => {
                for station in 0..self.stations.len() {
                    self.fill_idle_sources(station as u32);
                }
            }
        }
    }

    fn schedule_next_planned_start(&mut self) {
        let calendar = &self.prepared.calendar;
        let release = &mut self.release;
        while release.next_plan_day < calendar.n_days {
            let day = release.next_plan_day;
            let planned = calendar.planned_starts[day];
            if release.next_plan_index < planned {
                let k = Tick::from(release.next_plan_index);
                let at = self.schedule.op_start[day]
                    + k * self.schedule.op_len(day) / Tick::from(planned);
                release.next_plan_index += 1;
                // A start at the very end of operating time would never be worked on: it (and
                // every later one) falls beyond the horizon.
                if at < self.schedule.op_end {
                    self.queue
                        .schedule(at, Event::PlannedStart { day: day as u32 });
                }
                return;
            }
            release.next_plan_day += 1;
            release.next_plan_index = 0;
        }
    }

    pub(super) fn planned_start(&mut self, day: u32) {
        self.start_requested(day as usize);
        // Stop planning once the release limit is spoken for, so that the run can end when the
        // line is empty.
        if !self.release.limit_spoken_for() {
            self.schedule_next_planned_start();
        }
    }

    pub(super) fn arrival(&mut self) {
        self.start_requested(self.day_cursor.day);
        if !self.release.limit_spoken_for()
            && let ReleaseModel::Arrivals { interval, .. } = &self.scenario.release
        {
            // At least one tick apart, so that a tiny interval cannot stall the clock.
            let gap = ticks(interval.sample(&mut self.release.rng)).max(1);
            let at = self.queue.now().saturating_add(gap);
            if at < self.schedule.op_end {
                self.queue.schedule(at, Event::Arrival);
            }
        }
    }

    /// A planned start (or an arrival) on `day`: a unit of a product drawn by mix joins the
    /// backlog and is released as soon as kits and room allow; a missing kit marks the day.
    fn start_requested(&mut self, day: usize) {
        if self.release.limit_spoken_for() {
            return;
        }
        let product = self.draw_product();
        let release = &mut self.release;
        release.backlog[product as usize].push_back(release.next_start_seq);
        release.next_start_seq += 1;
        release.backlog_total += 1;
        let first = self.scenario.products[product as usize].route[0] as u32;
        self.release_waiting(first);
        if !self.release.backlog[product as usize].is_empty()
            && self.supply.kit_missing(self.scenario, product)
        {
            self.recorder.kit_stockout(day);
        }
    }

    fn draw_product(&mut self) -> u32 {
        let mix = &self.prepared.mix_cumulative;
        if mix.len() == 1 {
            return 0;
        }
        let total = mix[mix.len() - 1];
        let draw: f64 = self.release.rng.random::<f64>() * total;
        mix.iter().position(|&c| draw < c).unwrap_or(mix.len() - 1) as u32
    }

    /// Kits of `product` arrived: release what waits for them.
    pub(super) fn release_kitted(&mut self, product: u32) {
        let first = self.scenario.products[product as usize].route[0] as u32;
        if self.release.saturated {
            self.fill_idle_sources(first);
        } else if !self.release.backlog[product as usize].is_empty() {
            self.release_waiting(first);
        }
    }

    /// A server of `station` fell idle: with a saturated source it takes a new unit, else units
    /// waiting for release enter.
    #[inline]
    pub(super) fn release_into_idle(&mut self, station: u32) {
        if self.release.saturated {
            if self.release.carried_total > 0 {
                self.enter_carried(station);
            }
            self.fill_idle_sources(station);
        } else {
            self.release_waiting(station);
        }
    }

    /// A place opened in `station`'s queue: units waiting for release enter (a saturated source
    /// feeds idle servers only).
    #[inline]
    pub(super) fn release_into_queue(&mut self, station: u32) {
        if !self.release.saturated {
            self.release_waiting(station);
        } else if self.release.carried_total > 0 {
            self.enter_carried(station);
        }
    }

    /// Releases backlogged units into `station`, the first of their route, oldest planned
    /// start first among the products whose kit is on hand, while the station has room.
    pub(super) fn release_waiting(&mut self, station: u32) {
        if self.release.carried_total > 0 {
            self.enter_carried(station);
        }
        if self.release.backlog_total == 0
            || self.release.source_products[station as usize].is_empty()
        {
            return;
        }
        while self.can_accept(station) {
            let mut oldest: Option<(u64, u32)> = None;
            for &product in &self.release.source_products[station as usize] {
                if let Some(&seq) = self.release.backlog[product as usize].front()
                    && !self.supply.kit_missing(self.scenario, product)
                    && oldest.is_none_or(|(best, _)| seq < best)
                {
                    oldest = Some((seq, product));
                }
            }
            let Some((_, product)) = oldest else { return };
            self.release.backlog[product as usize].pop_front();
            self.release.backlog_total -= 1;
            let unit = self.new_unit(product);
            self.enter(station, unit);
        }
    }

    /// Units carried in the line from before a restart enter `station`, the first of their
    /// route, while it has room: they took their kit before and are not released again.
    fn enter_carried(&mut self, station: u32) {
        for index in 0..self.release.source_products[station as usize].len() {
            let product = self.release.source_products[station as usize][index];
            while self.release.carried[product as usize] > 0 && self.can_accept(station) {
                self.release.carried[product as usize] -= 1;
                self.release.carried_total -= 1;
                let unit = self.add_unit(product);
                self.enter(station, unit);
            }
        }
    }

    /// Creates a unit of `product`, consuming its kit.
    fn new_unit(&mut self, product: u32) -> u32 {
        self.supply.consume(self.scenario, product);
        self.release.released += 1;
        self.recorder.unit_released(product, self.day_cursor.day);
        self.add_unit(product)
    }

    /// A unit of `product` enters the line now.
    fn add_unit(&mut self, product: u32) -> u32 {
        let now = self.queue.now();
        self.recorder.unit_entered(now);
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
        if !self.release.saturated || self.release.source_products[station as usize].is_empty() {
            return;
        }
        while !self.stations[station as usize].idle.is_empty()
            && self.release.released < self.release.limit
        {
            let Some(product) = self.draw_source_product(station) else {
                self.recorder.kit_stockout(self.day_cursor.day);
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
        let scenario = self.scenario;
        let supply = &self.supply;
        let products = &self.release.source_products[station as usize];
        if products.len() == 1 {
            let product = products[0];
            return (!supply.kit_missing(scenario, product)).then_some(product);
        }
        // Two passes over the (few) products starting here, without allocating: the total mix
        // of those whose kit is on hand, then the draw.
        let mut total = 0.0;
        let mut last_available = None;
        for &product in products {
            if !supply.kit_missing(scenario, product) {
                total += scenario.products[product as usize].mix;
                last_available = Some(product);
            }
        }
        last_available?;
        let mut draw = self.release.rng.random::<f64>() * total;
        for &product in products {
            if !supply.kit_missing(scenario, product) {
                draw -= scenario.products[product as usize].mix;
                if draw < 0.0 {
                    return Some(product);
                }
            }
        }
        last_available
    }
}

//! Stations: parallel servers, finite or unlimited buffers, blocking after service, and the
//! route each unit follows until it leaves the line.

use std::collections::VecDeque;

use rand_pcg::Pcg64Mcg;

use super::{EXIT, Event, Line, NO_UNIT, streams};
use crate::kernel::{Tick, ticks};
use crate::model::Station;
use crate::rng;

/// What a server is doing; the recorder adds up the time in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    Busy = 0,
    Blocked = 1,
    Idle = 2,
    Down = 3,
}

/// States, in the order of their values.
pub(super) const N_STATES: usize = 4;

#[derive(Debug, Clone)]
pub(super) struct Server {
    pub(super) state: State,
    /// The unit on the server, or `NO_UNIT`.
    unit: u32,
    /// Service left when a failure interrupted it.
    pub(super) remaining: Tick,
    /// Busy time left until the next failure.
    pub(super) ttf_left: Tick,
}

/// A station in a replication.
#[derive(Debug, Clone)]
pub(super) struct StationRun {
    queue: VecDeque<u32>,
    capacity: usize,
    /// Idle servers; the last is the next to take a unit.
    pub(super) idle: Vec<u32>,
    /// Servers of other stations holding a finished unit for this one, first come first.
    blocked_upstream: VecDeque<(u32, u32)>,
    pub(super) servers: Vec<Server>,
    /// Units started here, for the learning curve.
    pub(super) started: u64,
    /// A cycle stream per product that can visit the station, at `Prepared::cycle_slot`.
    cycle_rngs: Vec<Pcg64Mcg>,
}

impl StationRun {
    pub(super) fn new(
        station: &Station,
        station_idx: usize,
        visitors: &[u32],
        seed: u64,
        replication: u64,
    ) -> StationRun {
        StationRun {
            queue: VecDeque::new(),
            capacity: station.buffer.map_or(usize::MAX, |b| b as usize),
            idle: (0..station.servers).rev().collect(),
            blocked_upstream: VecDeque::new(),
            servers: vec![
                Server {
                    state: State::Idle,
                    unit: NO_UNIT,
                    remaining: 0,
                    ttf_left: 0,
                };
                station.servers as usize
            ],
            started: 0,
            cycle_rngs: visitors
                .iter()
                .map(|&product| {
                    let stream = streams::cycle(station_idx, product as usize);
                    rng::stream(seed, replication, stream)
                })
                .collect(),
        }
    }
}

impl Line<'_> {
    #[inline]
    pub(super) fn can_accept(&self, station: u32) -> bool {
        let run = &self.stations[station as usize];
        !run.idle.is_empty() || run.queue.len() < run.capacity
    }

    /// Unit `unit` enters `station` (which has room): straight to an idle server, else the queue.
    #[inline]
    pub(super) fn enter(&mut self, station: u32, unit: u32) {
        match self.stations[station as usize].idle.pop() {
            Some(server) => self.start_service(station, server, unit),
            None => self.stations[station as usize].queue.push_back(unit),
        }
    }

    #[inline]
    pub(super) fn set_state(&mut self, station: u32, server: u32, state: State) {
        let now = self.queue.now();
        let slot = &mut self.stations[station as usize].servers[server as usize];
        let previous = slot.state;
        slot.state = state;
        self.recorder
            .server_state_changed(station, server, previous, now);
    }

    pub(super) fn start_service(&mut self, station: u32, server: u32, unit: u32) {
        let learning_on = self.prepared.learning_on;
        let product = self.units[unit as usize].product as usize;
        let run = &mut self.stations[station as usize];
        // The learning curve counts every unit started at the station, whatever its product:
        // the crew learns the station's work (see docs/scenario.md, `[[product]] cycle`).
        run.started += 1;
        // The unit's product's cycle here, from the pair's own stream: product 0 keeps the
        // station's stream of old, and no product's draws depend on another's cycles.
        let slot = self.prepared.cycle_slot(product, station as usize);
        let mut secs = self
            .prepared
            .cycle(self.scenario, product, station as usize)
            .sample(&mut run.cycle_rngs[slot]);
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
    pub(super) fn work(&mut self, station: u32, server: u32, duration: Tick) {
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

    pub(super) fn service_end(&mut self, station: u32, server: u32) {
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
        if !self.passes_inspection(station, &unit) {
            return self.defective(unit_index);
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

    /// The unit leaves the line, good or scrapped.
    fn leave(&mut self, unit_index: u32) {
        let now = self.queue.now();
        let unit = self.units[unit_index as usize];
        // A unit finishing exactly at the end of a day's last shift belongs to that day, not to
        // the next day whose operating time starts at the same instant.
        let day = if unit.good {
            self.day_ending_at(now)
        } else {
            self.day_cursor.day
        };
        self.recorder
            .unit_left(now, unit.entered, unit.product, unit.good, day);
        self.free_units.push(unit_index);
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
            self.release_into_idle(station);
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
        } else {
            self.release_into_queue(station);
        }
    }
}

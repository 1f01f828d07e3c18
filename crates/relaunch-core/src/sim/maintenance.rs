//! Maintenance: servers fail after a time to failure counted in busy time, and are repaired at
//! once or when a technician of their station's crew is free (first come, first served).

use std::collections::VecDeque;

use rand_pcg::Pcg64Mcg;

use super::{Event, Line, streams};
use crate::kernel::ticks;
use crate::model::Scenario;
use crate::rng;

use super::stations::State;

/// Repair crews and failure draws in a replication.
#[derive(Debug, Clone)]
pub(super) struct Maintenance {
    /// Per crew: technicians free, and failed servers waiting for one.
    technicians_free: Vec<u32>,
    repair_waiting: Vec<VecDeque<(u32, u32)>>,
    /// Per station: times to failure and to repair, on the station's own stream, so that
    /// removing failures leaves every other draw as it was.
    failure_rngs: Vec<Pcg64Mcg>,
}

impl Maintenance {
    pub(super) fn new(scenario: &Scenario, seed: u64, replication: u64) -> Maintenance {
        Maintenance {
            technicians_free: scenario.crews.iter().map(|crew| crew.size).collect(),
            repair_waiting: vec![VecDeque::new(); scenario.crews.len()],
            failure_rngs: (0..scenario.stations.len())
                .map(|station_idx| {
                    let stream = streams::CYCLE_BASE + 2 * station_idx as u64 + 1;
                    rng::stream(seed, replication, stream)
                })
                .collect(),
        }
    }
}

impl Line<'_> {
    /// Draws every server's first time to failure.
    pub(super) fn draw_first_failures(&mut self) {
        for (station_idx, station) in self.scenario.stations.iter().enumerate() {
            if let Some(failure) = &station.failure {
                let rng = &mut self.maintenance.failure_rngs[station_idx];
                for server in &mut self.stations[station_idx].servers {
                    server.ttf_left = ticks(failure.ttf.sample(rng)).max(1);
                }
            }
        }
    }

    pub(super) fn failure(&mut self, station: u32, server: u32) {
        self.set_state(station, server, State::Down);
        let Some(failure) = &self.scenario.stations[station as usize].failure else {
            return;
        };
        let maintenance = &mut self.maintenance;
        match failure.crew {
            Some(crew) if maintenance.technicians_free[crew] == 0 => {
                maintenance.repair_waiting[crew].push_back((station, server))
            }
            Some(crew) => {
                maintenance.technicians_free[crew] -= 1;
                self.start_repair(station, server);
            }
            None => self.start_repair(station, server),
        }
    }

    fn start_repair(&mut self, station: u32, server: u32) {
        let Some(failure) = &self.scenario.stations[station as usize].failure else {
            return;
        };
        let rng = &mut self.maintenance.failure_rngs[station as usize];
        let duration = ticks(failure.ttr.sample(rng));
        self.queue
            .schedule_in(duration, Event::RepairEnd { station, server });
    }

    pub(super) fn repair_end(&mut self, station: u32, server: u32) {
        let Some(failure) = &self.scenario.stations[station as usize].failure else {
            return;
        };
        if let Some(crew) = failure.crew {
            match self.maintenance.repair_waiting[crew].pop_front() {
                Some((next_station, next_server)) => self.start_repair(next_station, next_server),
                None => self.maintenance.technicians_free[crew] += 1,
            }
        }
        let rng = &mut self.maintenance.failure_rngs[station as usize];
        let slot = &mut self.stations[station as usize].servers[server as usize];
        slot.ttf_left = ticks(failure.ttf.sample(rng)).max(1);
        let remaining = slot.remaining;
        self.set_state(station, server, State::Busy);
        self.work(station, server, remaining);
    }
}

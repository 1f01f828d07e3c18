//! Quality: inspection against the first-pass yield curve, which climbs with the units an
//! inspecting station has seen, lowered on the days of a yield drop (a risk that occurred); a
//! unit that fails goes to rework, or is scrapped.

use rand::RngExt;
use rand_pcg::Pcg64Mcg;

use super::{EXIT, Line, Unit, streams};
use crate::model::Scenario;
use crate::rng;
use crate::schedule::PlantCalendar;

/// Inspection in a replication.
#[derive(Debug, Clone)]
pub(super) struct Quality {
    /// Per station: whether it is marked for inspection.
    marked: Vec<bool>,
    /// Per station: units inspected there, for the yield curve.
    inspected: Vec<u64>,
    /// Per day: how much lower the first-pass yield is (the yield drops of the day added up);
    /// empty without yield drops.
    drop_by_day: Vec<f64>,
    rng: Pcg64Mcg,
}

impl Quality {
    pub(super) fn new(
        scenario: &Scenario,
        calendar: &PlantCalendar,
        seed: u64,
        replication: u64,
    ) -> Quality {
        let drops = &scenario.disruptions.yield_drops;
        let mut drop_by_day = Vec::new();
        if !drops.is_empty() {
            drop_by_day = vec![0.0; calendar.n_days];
            for drop in drops {
                let from = calendar.day_of(drop.from).clamp(0, calendar.n_days as i64);
                let until = (calendar.day_of(drop.until) + 1).clamp(from, calendar.n_days as i64);
                for lower in &mut drop_by_day[from as usize..until as usize] {
                    *lower += drop.drop;
                }
            }
        }
        Quality {
            marked: scenario.stations.iter().map(|s| s.inspection).collect(),
            inspected: vec![0; scenario.stations.len()],
            drop_by_day,
            rng: rng::stream(seed, replication, streams::QUALITY),
        }
    }
}

impl Quality {
    /// Units inspected before the run, per station (a restart's carry).
    pub(super) fn set_inspected(&mut self, inspected: &[u64]) {
        for (count, &before) in self.inspected.iter_mut().zip(inspected) {
            *count = before;
        }
    }
}

impl Line<'_> {
    /// Whether `unit`, finishing `station` (not as rework), passes: true unless it is inspected
    /// here and fails. Nothing is inspected (or drawn) without a first-pass yield, except on the
    /// days of a yield drop, when the yield is 1 less the drop.
    #[inline]
    pub(super) fn passes_inspection(&mut self, station: u32, unit: &Unit) -> bool {
        // Without stations marked for inspection, each unit is inspected at the end of its own
        // route (not whenever it passes a station that ends some other product's route).
        let inspects = if self.prepared.explicit_inspection {
            self.quality.marked[station as usize]
        } else {
            unit.route_pos as usize + 1 == self.scenario.products[unit.product as usize].route.len()
        };
        if !inspects {
            return true;
        }
        let drop = if self.quality.drop_by_day.is_empty() {
            0.0
        } else {
            self.quality.drop_by_day[self.day_ending_at(self.queue.now())]
        };
        let pass_probability = match self.scenario.learning.first_pass_yield {
            Some(yield_curve) => {
                let inspected = &mut self.quality.inspected[station as usize];
                *inspected += 1;
                let gap = self.prepared.curve.remaining_gap(*inspected);
                yield_curve.mature - (yield_curve.mature - yield_curve.initial) * gap
            }
            None if drop > 0.0 => 1.0,
            None => return true,
        };
        let pass_probability = if drop > 0.0 {
            (pass_probability - drop).max(0.0)
        } else {
            pass_probability
        };
        let fails = self.quality.rng.random::<f64>() >= pass_probability;
        !fails
    }

    /// A unit failed inspection: it goes to the rework station (returned), or is scrapped and
    /// leaves (`EXIT`).
    pub(super) fn defective(&mut self, unit_index: u32) -> u32 {
        match self.prepared.rework_station {
            Some(rework) => {
                self.units[unit_index as usize].in_rework = true;
                rework
            }
            None => {
                self.units[unit_index as usize].good = false;
                EXIT
            }
        }
    }
}

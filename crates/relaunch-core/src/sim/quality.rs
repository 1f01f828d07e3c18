//! Quality: inspection against the first-pass yield curve, which climbs with the units an
//! inspecting station has seen; a unit that fails goes to rework, or is scrapped.

use rand::RngExt;
use rand_pcg::Pcg64Mcg;

use super::{EXIT, Line, Unit, streams};
use crate::model::Scenario;
use crate::rng;

/// Inspection in a replication.
#[derive(Debug, Clone)]
pub(super) struct Quality {
    /// Per station: whether it is marked for inspection.
    marked: Vec<bool>,
    /// Per station: units inspected there, for the yield curve.
    inspected: Vec<u64>,
    rng: Pcg64Mcg,
}

impl Quality {
    pub(super) fn new(scenario: &Scenario, seed: u64, replication: u64) -> Quality {
        Quality {
            marked: scenario.stations.iter().map(|s| s.inspection).collect(),
            inspected: vec![0; scenario.stations.len()],
            rng: rng::stream(seed, replication, streams::QUALITY),
        }
    }
}

impl Line<'_> {
    /// Whether `unit`, finishing `station` (not as rework), passes: true unless it is inspected
    /// here and fails. Nothing is inspected (or drawn) without a first-pass yield.
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
        let Some(yield_curve) = self.scenario.learning.first_pass_yield else {
            return true;
        };
        let inspected = &mut self.quality.inspected[station as usize];
        *inspected += 1;
        let gap = self.prepared.curve.remaining_gap(*inspected);
        let pass_probability =
            yield_curve.mature - (yield_curve.mature - yield_curve.initial) * gap;
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

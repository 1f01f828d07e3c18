//! What the line can do at mature speed: visits of each station per started unit (with the
//! scrapped share leaving and the failed share visiting the rework station) and units per
//! shift at the mean standard cycle, before breakdowns. Used by the pre-flight warnings.

use crate::model::{Calendar, Scenario};
use crate::schedule::DAY_SECS;

/// The line's capacity at mature cycle times, without breakdowns.
#[derive(Debug, Clone)]
pub struct LineCapacity {
    /// Visits of each station per started unit at the mature first-pass yield (a rework
    /// station is visited by the failed share; without one, the failed share is scrapped and
    /// skips the stations after inspection).
    pub visits_per_start: Vec<f64>,
    /// Units each station finishes in one shift at its mean standard cycle.
    pub units_per_shift: Vec<f64>,
    /// The most shifts any shift phase plans per workday (1 on a 24/7 calendar, whose one
    /// "shift" is the day). The shifts planned on a given day are the `PlantCalendar`'s.
    pub max_shifts: u32,
    /// Length of one shift, seconds.
    pub shift_secs: f64,
}

impl LineCapacity {
    pub fn new(scenario: &Scenario) -> LineCapacity {
        let (max_shifts, shift_secs) = match &scenario.calendar {
            Calendar::AlwaysOn => (1, DAY_SECS),
            Calendar::Shifts(shifts) => (shifts.max_shifts().max(1), shifts.shift_length_secs),
        };
        let units_per_shift = scenario
            .stations
            .iter()
            .map(|station| {
                let mean = station.cycle.mean_secs();
                if mean > 0.0 {
                    f64::from(station.servers) * shift_secs / mean
                } else {
                    f64::INFINITY
                }
            })
            .collect();
        LineCapacity {
            visits_per_start: visits_per_start(scenario),
            units_per_shift,
            max_shifts,
            shift_secs,
        }
    }

    /// The most starts per workday station `station` allows when `shifts` shifts run.
    pub fn starts_per_day(&self, station: usize, shifts: u32) -> f64 {
        let visits = self.visits_per_start[station];
        if visits <= 0.0 {
            return f64::INFINITY;
        }
        self.units_per_shift[station] * f64::from(shifts) / visits
    }

    /// The station that allows the fewest starts per workday at `shifts` shifts, and that
    /// number; `None` when no station limits the line.
    pub fn bottleneck(&self, shifts: u32) -> Option<(usize, f64)> {
        (0..self.visits_per_start.len())
            .map(|station| (station, self.starts_per_day(station, shifts)))
            .filter(|(_, starts)| starts.is_finite())
            .min_by(|left, right| left.1.total_cmp(&right.1))
    }

    /// The fewest shifts whose capacity covers `per_day` starts, at most `max_shifts`.
    pub fn shifts_needed(&self, per_day: u32) -> u32 {
        (1..=self.max_shifts)
            .find(|&shifts| {
                self.bottleneck(shifts)
                    .is_none_or(|(_, most)| f64::from(per_day) <= most * (1.0 + 1e-9))
            })
            .unwrap_or(self.max_shifts)
    }
}

/// Visits of each station per started unit, at the mature yield, averaged over the mix.
fn visits_per_start(scenario: &Scenario) -> Vec<f64> {
    let mut visits = vec![0.0; scenario.stations.len()];
    let total_mix: f64 = scenario.products.iter().map(|product| product.mix).sum();
    if total_mix <= 0.0 {
        return visits;
    }
    let mature_yield = scenario
        .learning
        .first_pass_yield
        .map_or(1.0, |curve| curve.mature.clamp(0.0, 1.0));
    let rework_station = scenario.stations.iter().position(|station| station.rework);
    let explicit_inspection = scenario.stations.iter().any(|station| station.inspection);
    for product in &scenario.products {
        let share = product.mix / total_mix;
        let mut surviving = 1.0;
        for (position, &station) in product.route.iter().enumerate() {
            visits[station] += share * surviving;
            let inspects = if explicit_inspection {
                scenario.stations[station].inspection
            } else {
                position + 1 == product.route.len()
            };
            if inspects {
                match rework_station {
                    Some(rework) => visits[rework] += share * surviving * (1.0 - mature_yield),
                    None => surviving *= mature_yield,
                }
            }
        }
    }
    visits
}

//! What the line can do at mature speed: visits of each station per started unit (with the
//! scrapped share leaving and the failed share visiting the rework station) and units per
//! shift at the mean standard cycle, before breakdowns. Used by the pre-flight warnings.
//!
//! A station's mean cycle is the mix-weighted mean over the products that visit it
//! ([`mean_cycle_secs`]): each product's own cycle there (`[[product]] cycle`) or the station's,
//! weighted by that product's share of the station's visits.

use crate::model::{Calendar, Scenario};
use crate::schedule::DAY_SECS;

/// The line's capacity at mature cycle times, without breakdowns.
#[derive(Debug, Clone)]
pub struct LineCapacity {
    /// Visits of each station per started unit at the mature first-pass yield (a rework
    /// station is visited by the failed share; without one, the failed share is scrapped and
    /// skips the stations after inspection).
    pub visits_per_start: Vec<f64>,
    /// Mean standard cycle of each station over the mix of units that visit it, seconds.
    pub mean_cycle_secs: Vec<f64>,
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
        let by_product = visits_by_product(scenario);
        let mean_cycle_secs = mean_cycles(scenario, &by_product);
        let units_per_shift = scenario
            .stations
            .iter()
            .zip(&mean_cycle_secs)
            .map(|(station, &mean)| {
                if mean > 0.0 {
                    f64::from(station.servers) * shift_secs / mean
                } else {
                    f64::INFINITY
                }
            })
            .collect();
        LineCapacity {
            visits_per_start: sum_over_products(&by_product, scenario.stations.len()),
            mean_cycle_secs,
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

/// The mean standard cycle of each station over the mix of units that visit it, seconds: each
/// product's cycle there weighted by its visits per start (its share of releases, the mature
/// yield and rework included). A station that no product visits keeps its own mean.
pub fn mean_cycle_secs(scenario: &Scenario) -> Vec<f64> {
    mean_cycles(scenario, &visits_by_product(scenario))
}

fn mean_cycles(scenario: &Scenario, by_product: &[Vec<f64>]) -> Vec<f64> {
    (0..scenario.stations.len())
        .map(|station| {
            let own = scenario.stations[station].cycle.mean_secs();
            let mut visits = 0.0;
            let mut weighted = 0.0;
            let mut overridden = false;
            for (product, product_visits) in scenario.products.iter().zip(by_product) {
                let share = product_visits.get(station).copied().unwrap_or(0.0);
                if share > 0.0 {
                    visits += share;
                    overridden |= product.cycles.iter().any(|(index, _)| *index == station);
                    weighted += share * product.cycle_at(station, &scenario.stations).mean_secs();
                }
            }
            // Without an override the station's own mean, exactly (no rounding of a weighting).
            if overridden && visits > 0.0 {
                weighted / visits
            } else {
                own
            }
        })
        .collect()
}

fn sum_over_products(by_product: &[Vec<f64>], n_stations: usize) -> Vec<f64> {
    let mut visits = vec![0.0; n_stations];
    for product_visits in by_product {
        for (total, visit) in visits.iter_mut().zip(product_visits) {
            *total += visit;
        }
    }
    visits
}

/// Visits of each station per started unit, at the mature yield, for each product (weighted by
/// its share of releases, so that the sum over products is the line's average).
fn visits_by_product(scenario: &Scenario) -> Vec<Vec<f64>> {
    let total_mix: f64 = scenario.products.iter().map(|product| product.mix).sum();
    if total_mix <= 0.0 {
        return vec![vec![0.0; scenario.stations.len()]; scenario.products.len()];
    }
    let mature_yield = scenario
        .learning
        .first_pass_yield
        .map_or(1.0, |curve| curve.mature.clamp(0.0, 1.0));
    let rework_station = scenario.stations.iter().position(|station| station.rework);
    let explicit_inspection = scenario.stations.iter().any(|station| station.inspection);
    scenario
        .products
        .iter()
        .map(|product| {
            let mut visits = vec![0.0; scenario.stations.len()];
            let share = product.mix / total_mix;
            let mut surviving = 1.0;
            for (position, &station) in product.route.iter().enumerate() {
                // A route index out of range (a scenario the reader did not finish, which the
                // model checks' work estimate still reads) visits nothing.
                let Some(slot) = visits.get_mut(station) else {
                    continue;
                };
                *slot += share * surviving;
                let inspects = if explicit_inspection {
                    scenario.stations[station].inspection
                } else {
                    position + 1 == product.route.len()
                };
                if inspects {
                    match rework_station {
                        Some(rework) => {
                            visits[rework] += share * surviving * (1.0 - mature_yield);
                        }
                        None => surviving *= mature_yield,
                    }
                }
            }
            visits
        })
        .collect()
}

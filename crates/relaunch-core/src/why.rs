//! "Why late": the delay of each milestone, from the date it would have with every cause of
//! delay relaxed to the date it has, attributed to five factors by Shapley value.
//!
//! Every subset of factors is relaxed in turn and forecast on the same random numbers (the
//! replication streams are per purpose, so relaxing breakdowns leaves cycle times and kit lead
//! times as they were). The value of a subset is the delay it removes from the milestone's P50;
//! a factor's Shapley value is its marginal effect averaged over all orders of relaxing. The
//! values add up exactly to the total delay: they are computed in integer units of 1/120 day
//! (120 = 5!) and only divided at the end.

use crate::model::Scenario;
use crate::montecarlo::{Forecast, forecast};
use crate::schedule::PlantCalendar;
use crate::sim::Relaxations;

/// The factors, in the order of their bits in a subset mask.
pub const FACTORS: [&str; 5] = ["supply", "staffing", "equipment", "quality", "learning"];
const N: usize = FACTORS.len();
/// 5!: Shapley weights `|S|! (n − |S| − 1)!` are integers summing to n! per factor.
pub const DENOMINATOR: i64 = 120;

/// The relaxations of subset `mask`.
pub fn relaxations(mask: usize) -> Relaxations {
    Relaxations {
        supply: mask & 1 != 0,
        staffing: mask & 2 != 0,
        equipment: mask & 4 != 0,
        quality: mask & 8 != 0,
        learning: mask & 16 != 0,
    }
}

/// Shapley values of the five factors for the game `value[mask]` (with `value[0] = 0`), in
/// units of 1/120. Their sum is exactly `120 · value[31]`.
pub fn shapley(value: &[i64; 1 << N]) -> [i64; N] {
    let factorial = [1i64, 1, 2, 6, 24, 120];
    let mut result = [0i64; N];
    for (factor, slot) in result.iter_mut().enumerate() {
        let bit = 1 << factor;
        for mask in 0..(1usize << N) {
            if mask & bit != 0 {
                continue;
            }
            let size = mask.count_ones() as usize;
            let weight = factorial[size] * factorial[N - size - 1];
            *slot += weight * (value[mask | bit] - value[mask]);
        }
    }
    result
}

/// One factor's share of a milestone's delay.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorDelay {
    pub factor: &'static str,
    /// Days, as the exact fraction `numerator / 120`.
    pub numerator: i64,
}

impl FactorDelay {
    pub fn days(&self) -> f64 {
        self.numerator as f64 / DENOMINATOR as f64
    }
}

/// The attribution of one milestone.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneWhy {
    pub id: String,
    pub due: Option<jiff::civil::Date>,
    /// P50 day index as forecast, and with every factor relaxed. A milestone not reached within
    /// the horizon counts as reached on the day after the horizon.
    pub p50_day: i64,
    pub ideal_p50_day: i64,
    /// Whether the P50 is beyond the horizon (then the delay is a lower bound).
    pub censored: bool,
    /// Factors, largest share first.
    pub factors: Vec<FactorDelay>,
}

impl MilestoneWhy {
    /// Total delay in days.
    pub fn total_days(&self) -> i64 {
        self.p50_day - self.ideal_p50_day
    }
}

/// The whole analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Why {
    pub milestones: Vec<MilestoneWhy>,
    /// The forecast with nothing relaxed.
    pub actual: Forecast,
}

/// Runs the 32 forecasts and attributes every milestone's delay.
pub fn why(
    scenario: &Scenario,
    seed: u64,
    replications: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Why {
    let calendar = PlantCalendar::new(scenario);
    let horizon_day = calendar.n_days as i64;
    let mut p50: Vec<Vec<i64>> = vec![Vec::with_capacity(1 << N); scenario.milestones.len()];
    let mut actual = None;
    for mask in 0..(1usize << N) {
        let result = forecast(scenario, seed, replications, relaxations(mask), &|_| {});
        for (index, milestone) in result.milestones.iter().enumerate() {
            let day = milestone
                .p50
                .map_or(horizon_day, |date| calendar.day_of(date));
            p50[index].push(day);
        }
        if mask == 0 {
            actual = Some(result);
        }
        progress(mask as u64 + 1);
    }
    let actual = actual.expect("mask 0 ran");
    let milestones = scenario
        .milestones
        .iter()
        .enumerate()
        .map(|(index, milestone)| {
            let days = &p50[index];
            let mut value = [0i64; 1 << N];
            for mask in 0..(1usize << N) {
                value[mask] = days[0] - days[mask];
            }
            let shares = shapley(&value);
            let mut factors: Vec<FactorDelay> = FACTORS
                .iter()
                .zip(shares)
                .map(|(&factor, numerator)| FactorDelay { factor, numerator })
                .collect();
            factors.sort_by_key(|f| std::cmp::Reverse(f.numerator));
            MilestoneWhy {
                id: milestone.id.clone(),
                due: milestone.due,
                p50_day: days[0],
                ideal_p50_day: days[(1 << N) - 1],
                censored: days[0] >= horizon_day,
                factors,
            }
        })
        .collect();
    Why { milestones, actual }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn two_factor_game_by_hand() {
        // Only supply (bit 0) and staffing (bit 1) matter: v(supply) = 0, v(staffing) = 5,
        // v(both) = 14. Shapley: supply ½(0 + 9) = 4.5, staffing ½(5 + 14) = 9.5.
        let mut value = [0i64; 32];
        for (mask, slot) in value.iter_mut().enumerate() {
            *slot = match (mask & 1 != 0, mask & 2 != 0) {
                (false, false) => 0,
                (true, false) => 0,
                (false, true) => 5,
                (true, true) => 14,
            };
        }
        let shares = shapley(&value);
        assert_eq!(shares, [540, 1140, 0, 0, 0]);
    }

    proptest! {
        #[test]
        fn shares_add_up_to_the_total(values in proptest::collection::vec(-400i64..400, 31)) {
            let mut value = [0i64; 32];
            value[1..].copy_from_slice(&values);
            let shares = shapley(&value);
            prop_assert_eq!(shares.iter().sum::<i64>(), DENOMINATOR * value[31]);
        }
    }
}

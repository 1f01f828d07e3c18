//! "Why late": how late each milestone is against its due date, at chosen quantiles (P50 and
//! P90 by default), and how much on-time probability it loses, attributed to five factors by
//! Shapley value (six when the scenario has a programme: tasks or risks), with the rest put on
//! the plan itself.
//!
//! Every subset of factors is relaxed in turn and forecast on the same random numbers (the
//! replication streams are per purpose, so relaxing breakdowns leaves cycle times and kit lead
//! times as they were). A relaxation is something a manager could achieve (kits on hand, hires
//! kept, no breakdowns, no defects, mature cycle times), never an ideal the plan does not
//! contain: hires still arrive on their dates and train for the planned time.
//!
//! At a quantile q, the lateness of a subset S is `L(S) = max(0, date_q(S) − due)` in days;
//! the value of S is the lateness it removes, `L(∅) − L(S)`. The factors' Shapley values add up to
//! `L(∅) − L(all)`, and the factor **plan** takes `L(all)`: the lateness that remains with every
//! factor relaxed, which the plan as written (release dates and rates, hiring waves, training)
//! schedules by itself. So the parts add up exactly to the lateness the forecast shows. A
//! milestone on time at the quantile (`L(∅) = 0`) has nothing to blame there.
//!
//! The on-time probability is attributed the same way, in replications: the value of S is the
//! on-time runs it restores, and **plan** takes the runs late even with everything relaxed.
//!
//! Everything is computed in integer units of 1/720 (720 = 6!, a multiple of 5! = 120) and only
//! divided at the end, so the sums are exact and a scenario without a programme gets the very
//! figures of the five-factor analysis. A milestone without a due date is measured against its
//! date with every factor relaxed (then **plan** is 0 by definition).

use crate::milestones::Need;
use crate::model::Scenario;
use crate::montecarlo::{Forecast, MilestoneForecast, StopCheck, Stopped, forecast_watching_until};
use crate::schedule::PlantCalendar;
use crate::sim::Relaxations;

/// The factors that can be relaxed, in the order of their bits in a subset mask. The last,
/// `programme`, is a factor only of a scenario with a programme ([`factors`]).
pub const FACTORS: [&str; 6] = [
    "supply",
    "staffing",
    "equipment",
    "quality",
    "learning",
    "programme",
];
/// The factor that takes what no relaxation removes: the plan as written.
pub const PLAN: &str = "plan";
/// 6!: the unit of every share. Shapley weights `|S|! (n − |S| − 1)!` are integers summing to
/// n! per factor; for n = 5 each is counted six times over.
pub const DENOMINATOR: i64 = 720;

/// The factors of `scenario`'s analysis: the five of the line, and `programme` when it has
/// tasks or risks. Its analysis runs `2^n` forecasts.
pub fn factors(scenario: &Scenario) -> &'static [&'static str] {
    if scenario.programme.is_empty() {
        &FACTORS[..5]
    } else {
        &FACTORS
    }
}
/// The quantiles explained when the caller asks for none.
pub const DEFAULT_QUANTILES: [f64; 2] = [0.5, 0.9];

/// The relaxations of subset `mask`.
pub fn relaxations(mask: usize) -> Relaxations {
    Relaxations {
        supply: mask & 1 != 0,
        staffing: mask & 2 != 0,
        equipment: mask & 4 != 0,
        quality: mask & 8 != 0,
        learning: mask & 16 != 0,
        programme: mask & 32 != 0,
    }
}

/// Shapley values of the `value.len().ilog2()` factors (at most six) for the game
/// `value[mask]` (with `value[0] = 0`), in units of 1/[`DENOMINATOR`]. Their sum is exactly
/// `DENOMINATOR · value[all]`.
pub fn shapley(value: &[i64]) -> Vec<i64> {
    let factorial = [1i64, 1, 2, 6, 24, 120, 720];
    let n = value.len().max(1).ilog2() as usize;
    assert!(
        n < factorial.len() && value.len() == 1 << n,
        "2^n values, n at most 6"
    );
    let scale = DENOMINATOR / factorial[n];
    (0..n)
        .map(|factor| {
            let bit = 1 << factor;
            (0..value.len())
                .filter(|mask| mask & bit == 0)
                .map(|mask| {
                    let size = mask.count_ones() as usize;
                    let weight = factorial[size] * factorial[n - size - 1] * scale;
                    weight * (value[mask | bit] - value[mask])
                })
                .sum()
        })
        .collect()
}

/// One factor's share, as the exact fraction `numerator / 720` of the unit (days, or
/// replications for the on-time probability).
#[derive(Debug, Clone, PartialEq)]
pub struct Share {
    pub factor: &'static str,
    pub numerator: i64,
}

impl Share {
    /// The share in the unit (days or replications).
    pub fn value(&self) -> f64 {
        self.numerator as f64 / DENOMINATOR as f64
    }
}

/// The factors' Shapley values plus the plan's residue, largest first (ties in [`FACTORS`]
/// order, plan last).
fn shares(value: &[i64], residue: i64) -> Vec<Share> {
    let mut shares: Vec<Share> = FACTORS
        .iter()
        .zip(shapley(value))
        .map(|(&factor, numerator)| Share { factor, numerator })
        .chain(std::iter::once(Share {
            factor: PLAN,
            numerator: residue * DENOMINATOR,
        }))
        .collect();
    shares.sort_by_key(|share| std::cmp::Reverse(share.numerator));
    shares
}

/// A milestone's lateness at one quantile, and its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantileWhy {
    /// The quantile, in (0, 1): 0.5 is the median.
    pub quantile: f64,
    /// Day index of the quantile as forecast. A quantile among the replications that did not
    /// reach the milestone is the day after the horizon (`censored`).
    pub day: i64,
    pub censored: bool,
    /// The same quantile with every factor relaxed.
    pub relaxed_day: i64,
    pub relaxed_censored: bool,
    /// What lateness is measured against: the due date, or `relaxed_day` without one.
    pub reference_day: i64,
    /// Shares of the lateness in 1/720 day, the factors and the plan; they add up to
    /// `720 · late_days()`.
    pub shares: Vec<Share>,
}

impl QuantileWhy {
    /// Not reached within the horizon even with every factor relaxed: the plan as written
    /// never gets there, whatever is done about the factors.
    pub fn beyond_the_plan(&self) -> bool {
        self.censored && self.relaxed_censored
    }

    /// Days late at this quantile (0 when on time; a lower bound when `censored`).
    pub fn late_days(&self) -> i64 {
        (self.day - self.reference_day).max(0)
    }

    /// Days before the reference (0 when late).
    pub fn early_days(&self) -> i64 {
        (self.reference_day - self.day).max(0)
    }
}

/// The on-time probability a milestone loses, and its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbabilityWhy {
    pub replications: u64,
    /// Replications on time as forecast.
    pub on_time: u64,
    /// Shares of the replications late, in 1/720 replication; they add up to
    /// `720 · (replications − on_time)`.
    pub shares: Vec<Share>,
}

impl ProbabilityWhy {
    /// The probability lost, in [0, 1].
    pub fn lost(&self) -> f64 {
        (self.replications - self.on_time) as f64 / self.replications.max(1) as f64
    }

    /// A share as probability (points / 100).
    pub fn probability(&self, share: &Share) -> f64 {
        share.value() / self.replications.max(1) as f64
    }
}

/// The attribution of one milestone.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneWhy {
    pub id: String,
    pub due: Option<jiff::civil::Date>,
    /// One entry per quantile asked for, in the order asked.
    pub quantiles: Vec<QuantileWhy>,
    /// `None` without a due date.
    pub probability: Option<ProbabilityWhy>,
}

/// The whole analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Why {
    /// The factors relaxed ([`factors`] of the scenario).
    pub factors: &'static [&'static str],
    pub milestones: Vec<MilestoneWhy>,
    /// The forecast with nothing relaxed.
    pub actual: Forecast,
}

/// The day of quantile `q` of a milestone forecast, the day after the horizon when it falls
/// among the replications that did not reach it.
fn quantile_day(milestone: &MilestoneForecast, q: f64, horizon_day: i64) -> (i64, bool) {
    match milestone.days.quantile(q, milestone.not_reached) {
        Some(day) => (day as i64, false),
        None => (horizon_day, true),
    }
}

/// Runs the `2^n` forecasts (32, or 64 with a programme) and attributes every milestone's lateness at each of `quantiles`
/// (each in (0, 1), taken once each in increasing order; [`DEFAULT_QUANTILES`] when empty)
/// and its lost on-time probability.
pub fn why(
    scenario: &Scenario,
    seed: u64,
    replications: u64,
    quantiles: &[f64],
    progress: &(dyn Fn(u64) + Sync),
) -> Why {
    why_until(scenario, seed, replications, quantiles, progress, &|| false)
        .expect("an analysis never asked to stop finishes")
}

/// [`why`] that stops, returning [`Stopped`], once `stop` says so (checked before each
/// replication of each of its forecasts); unstopped, its result is [`why`]'s.
pub fn why_until(
    scenario: &Scenario,
    seed: u64,
    replications: u64,
    quantiles: &[f64],
    progress: &(dyn Fn(u64) + Sync),
    stop: StopCheck<'_>,
) -> Result<Why, Stopped> {
    why_with(
        scenario,
        replications,
        quantiles,
        progress,
        |relax, needs| {
            forecast_watching_until(scenario, seed, replications, relax, needs, &|_| {}, stop)
        },
    )
}

/// What the analysis reads of a subset's forecast, from the forecasts with nothing relaxed
/// (`actual`) and with everything relaxed (`relaxed`): a milestone's day where it is late at
/// some quantile asked for (against its due date, or, without one, against its date with
/// everything relaxed); whether it is on time where it only lost on-time probability; nothing
/// where it is on time at every quantile and in every run (nothing to blame).
pub fn needs(
    scenario: &Scenario,
    actual: &Forecast,
    relaxed: &Forecast,
    quantiles: &[f64],
    calendar: &PlantCalendar,
) -> Vec<Need> {
    let horizon_day = calendar.n_days as i64;
    scenario
        .milestones
        .iter()
        .zip(actual.milestones.iter().zip(&relaxed.milestones))
        .map(|(milestone, (forecast, all))| {
            let due_day = milestone.due.map(|due| calendar.day_of(due));
            let late = quantiles.iter().any(|&q| {
                let reference = due_day.unwrap_or_else(|| quantile_day(all, q, horizon_day).0);
                quantile_day(forecast, q, horizon_day).0 > reference
            });
            match due_day {
                _ if late => Need::Day,
                Some(due) if forecast.on_time.unwrap_or(0) < actual.replications => {
                    Need::ByDay(due.clamp(0, horizon_day) as usize)
                }
                _ => Need::Nothing,
            }
        })
        .collect()
}

/// The analysis over the forecasts `forecast` makes of `scenario` with each subset of its
/// factors relaxed (each of `replications` replications, on common random numbers): the plan
/// from day 0 for [`why_until`], the rest of the horizon from an as-of state for
/// [`crate::tracking::why_as_of_until`]. A failure of one forecast (a stop) is the analysis's.
///
/// The forecast with nothing relaxed runs in full (`needs` is `None`: it is the analysis's
/// `actual`); each other subset is asked only what the analysis reads of it ([`needs`]), so
/// `forecast` may end its replications as soon as that is known (and gives the same answer
/// whether it does or runs them to the horizon).
pub fn why_with<E>(
    scenario: &Scenario,
    replications: u64,
    quantiles: &[f64],
    progress: &(dyn Fn(u64) + Sync),
    mut forecast: impl FnMut(Relaxations, Option<&[Need]>) -> Result<Forecast, E>,
) -> Result<Why, E> {
    // Each quantile once, in increasing order.
    let mut quantiles: Vec<f64> = if quantiles.is_empty() {
        DEFAULT_QUANTILES.to_vec()
    } else {
        quantiles.to_vec()
    };
    quantiles.sort_by(f64::total_cmp);
    quantiles.dedup();
    let factors = factors(scenario);
    let subsets = 1usize << factors.len();
    let all = subsets - 1;
    let calendar = PlantCalendar::new(scenario);
    let horizon_day = calendar.n_days as i64;
    let n_milestones = scenario.milestones.len();
    // Per milestone, per mask: the quantile days, and the on-time count.
    let mut days: Vec<Vec<Vec<(i64, bool)>>> = vec![vec![Vec::new(); subsets]; n_milestones];
    let mut on_time: Vec<Vec<i64>> = vec![vec![0; subsets]; n_milestones];
    let mut record = |mask: usize, result: &Forecast| {
        for (index, milestone) in result.milestones.iter().enumerate() {
            days[index][mask] = quantiles
                .iter()
                .map(|&q| quantile_day(milestone, q, horizon_day))
                .collect();
            on_time[index][mask] = milestone.on_time.unwrap_or(0) as i64;
        }
    };
    // Nothing relaxed, in full (the analysis's `actual`); then everything relaxed, each
    // milestone's day (the reference of those without a due date); then the rest, asked only
    // what the analysis reads of them.
    let actual = forecast(relaxations(0), None)?;
    record(0, &actual);
    progress(1);
    if all > 0 {
        let every_day = vec![Need::Day; n_milestones];
        let relaxed = forecast(relaxations(all), Some(&every_day))?;
        record(all, &relaxed);
        progress(2);
        let asked = needs(scenario, &actual, &relaxed, &quantiles, &calendar);
        for mask in 1..all {
            let result = forecast(relaxations(mask), Some(&asked))?;
            record(mask, &result);
            progress(mask as u64 + 2);
        }
    }
    let milestones = scenario
        .milestones
        .iter()
        .enumerate()
        .map(|(index, milestone)| {
            let due_day = milestone.due.map(|due| calendar.day_of(due));
            let by_quantile = quantiles
                .iter()
                .enumerate()
                .map(|(qi, &quantile)| {
                    let (day, censored) = days[index][0][qi];
                    let (relaxed_day, relaxed_censored) = days[index][all][qi];
                    let reference_day = due_day.unwrap_or(relaxed_day);
                    let late = |mask: usize| (days[index][mask][qi].0 - reference_day).max(0);
                    let shares = if late(0) == 0 {
                        // On time at this quantile: nothing to blame.
                        shares(&vec![0; subsets], 0)
                    } else {
                        let value: Vec<i64> =
                            (0..subsets).map(|mask| late(0) - late(mask)).collect();
                        shares(&value, late(all))
                    };
                    QuantileWhy {
                        quantile,
                        day,
                        censored,
                        relaxed_day,
                        relaxed_censored,
                        reference_day,
                        shares,
                    }
                })
                .collect();
            let probability = milestone.due.map(|_| {
                let counts = &on_time[index];
                // On time in every run: nothing lost, nothing to blame (as at a quantile).
                let shares = if counts[0] as u64 >= replications {
                    shares(&vec![0; subsets], 0)
                } else {
                    let value: Vec<i64> = counts.iter().map(|&count| count - counts[0]).collect();
                    shares(&value, replications as i64 - counts[all])
                };
                ProbabilityWhy {
                    replications,
                    on_time: counts[0] as u64,
                    shares,
                }
            });
            MilestoneWhy {
                id: milestone.id.clone(),
                due: milestone.due,
                quantiles: by_quantile,
                probability,
            }
        })
        .collect();
    Ok(Why {
        factors,
        milestones,
        actual,
    })
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
        assert_eq!(
            shares,
            [4.5 * 720.0, 9.5 * 720.0, 0.0, 0.0, 0.0].map(|v| v as i64)
        );
    }

    #[test]
    fn the_plan_takes_the_residue() {
        // 20 days late as forecast, 6 days late with everything relaxed: 14 days over the
        // factors (all on staffing here), 6 on the plan.
        let mut value = [0i64; 32];
        for (mask, slot) in value.iter_mut().enumerate() {
            *slot = if mask & 2 != 0 { 14 } else { 0 };
        }
        let parts = shares(&value, 6);
        assert_eq!(parts[0].factor, "staffing");
        assert_eq!(parts[0].value(), 14.0);
        assert_eq!(parts[1].factor, "plan");
        assert_eq!(parts[1].value(), 6.0);
        assert_eq!(
            parts.iter().map(|s| s.numerator).sum::<i64>(),
            20 * DENOMINATOR
        );
    }

    proptest! {
        #[test]
        fn shares_add_up_to_the_total(values in proptest::collection::vec(-400i64..400, 63)) {
            for n in [5, 6] {
                let mut value = vec![0i64; 1 << n];
                value[1..].copy_from_slice(&values[..(1 << n) - 1]);
                let shares = shapley(&value);
                prop_assert_eq!(shares.len(), n);
                prop_assert_eq!(shares.iter().sum::<i64>(), DENOMINATOR * value[(1 << n) - 1]);
            }
        }

        #[test]
        fn a_sixth_factor_that_changes_nothing_leaves_the_five_as_they_were(
            values in proptest::collection::vec(-400i64..400, 31)
        ) {
            let mut five = vec![0i64; 32];
            five[1..].copy_from_slice(&values);
            let six: Vec<i64> = (0..64).map(|mask| five[mask & 31]).collect();
            let with_sixth = shapley(&six);
            prop_assert_eq!(&with_sixth[..5], &shapley(&five)[..]);
            prop_assert_eq!(with_sixth[5], 0);
        }
    }
}

//! Costs: what one replication spent over the horizon, by category and by day, and the
//! aggregates of that spend across replications.
//!
//! With a `[costs]` table, every calendar day of the horizon spends:
//!
//! - **labour**: the people on the payroll that day × `labour_per_head_day`. With a workforce
//!   that is the drawn payroll ([`RunOutcome::payroll_per_day`]: hired and not yet left, in
//!   training or not); without one, the plant's standing crew: the operators one shift needs
//!   × the most shifts the calendar plans on any day of the horizon, employed from day 0.
//! - **fixed**: `fixed_per_day`.
//! - **kits**: the kits arriving that day × their price (kits are paid on arrival). Kits in
//!   stock on day 0, or arriving before it, were paid before the horizon and are not counted.
//! - **carrying**: the end-of-day stock of each kit × its price × `carrying_per_year` / 365.
//!
//! The total is the sum of these four. Scrapped units cost their kit, but that kit was already
//! paid on arrival: the kit value of scrapped units is a memo line *within* kits (what part of
//! the kit spend was wasted), never added to the total a second time. It shows in the cost per
//! good unit, which divides the total by the good units only. Kits without a price cost
//! nothing.
//!
//! Money is `f64` in the scenario's currency. Across replications, means are exact sums;
//! quantiles come from histograms of values rounded to [`TOTAL_DIGITS`] significant digits
//! (totals, categories, cost per good unit) or [`DAILY_DIGITS`] (cumulative spend by day), so
//! the number of distinct values a histogram can hold is bounded by the spread of the values,
//! not by the number of replications: memory stays flat. The model check bounds what a run can
//! spend ([`bound`]), so that every amount is finite and at most [`MAX_TOTAL`]; an amount
//! beyond it (a scenario that skipped the check) counts as [`MAX_TOTAL`] in the means and the
//! quantiles alike.

mod bound;

pub use bound::{MAX_TOTAL, WorstCase, worst_case};

use crate::codec::{Codec, DecodeError, Decoder};
use crate::model::{Costs, Scenario};
use crate::montecarlo::Fan;
use crate::schedule::PlantCalendar;
use crate::sim::RunOutcome;
use crate::stats::{Estimate, Histogram, Running};

/// Significant digits of the quantiles of totals, categories and cost per good unit.
pub const TOTAL_DIGITS: u32 = 4;
/// Significant digits of the quantiles of cumulative spend by day.
pub const DAILY_DIGITS: u32 = 3;

/// The largest price of a kit and the largest daily rate (`labour_per_head_day`,
/// `fixed_per_day`): beyond any plant in any currency, and small enough that a day's amount
/// times a horizon of years stays finite.
pub const MAX_AMOUNT: f64 = 1e12;
/// The largest `carrying_per_year`: ten times the kit's price a year.
pub const MAX_CARRYING_PER_YEAR: f64 = 10.0;

/// Days in the year of `carrying_per_year`.
const DAYS_PER_YEAR: f64 = 365.0;

/// What one replication spent over the horizon.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunCost {
    pub labour: f64,
    pub fixed: f64,
    pub kits: f64,
    pub carrying: f64,
    /// Memo, within `kits`: the kit value of the units scrapped.
    pub scrapped_kits: f64,
    /// Spend on each day of the horizon (the four categories).
    pub by_day: Vec<f64>,
}

impl RunCost {
    /// Labour, fixed, kits and carrying.
    pub fn total(&self) -> f64 {
        self.labour + self.fixed + self.kits + self.carrying
    }
}

/// The price of one kit of `kit`, zero without one.
fn kit_price(scenario: &Scenario, kit: usize) -> f64 {
    scenario.kits[kit].unit_price.unwrap_or(0.0)
}

/// People on the payroll each day without a workforce: the operators one shift needs × the
/// most shifts planned on a day of the horizon.
pub fn standing_crew(calendar: &PlantCalendar) -> u64 {
    let shifts = calendar.scheduled_shifts.iter().copied().max().unwrap_or(0);
    u64::from(calendar.operators_per_shift) * u64::from(shifts)
}

/// The currency of a scenario's costs: `[costs] currency`, else the currency of its priced
/// kits (`Scenario::check` makes sure they agree).
pub fn currency(scenario: &Scenario) -> Option<String> {
    let costs = scenario.costs.as_ref()?;
    costs.currency.clone().or_else(|| {
        scenario
            .kits
            .iter()
            .filter(|kit| kit.unit_price.is_some())
            .find_map(|kit| kit.currency.clone())
    })
}

/// Prices one replication's `outcome` of `scenario` under `costs`.
pub fn price(
    scenario: &Scenario,
    costs: &Costs,
    calendar: &PlantCalendar,
    outcome: &RunOutcome,
) -> RunCost {
    let n_days = calendar.n_days;
    let crew = standing_crew(calendar);
    let carrying_per_day = costs.carrying_per_year / DAYS_PER_YEAR;
    let mut cost = RunCost {
        by_day: Vec::with_capacity(n_days),
        ..RunCost::default()
    };
    for day in 0..n_days {
        let heads = outcome
            .payroll_per_day
            .get(day)
            .map_or(crew, |&people| u64::from(people));
        let labour = heads as f64 * costs.labour_per_head_day;
        let mut kits = 0.0;
        let mut carrying = 0.0;
        for kit in 0..scenario.kits.len() {
            let price = kit_price(scenario, kit);
            let arrived = outcome.kit_arrivals.get(kit).and_then(|days| days.get(day));
            kits += f64::from(arrived.copied().unwrap_or(0)) * price;
            let stock = outcome.kit_stock.get(kit).and_then(|days| days.get(day));
            carrying += f64::from(stock.copied().unwrap_or(0)) * price * carrying_per_day;
        }
        cost.labour += labour;
        cost.fixed += costs.fixed_per_day;
        cost.kits += kits;
        cost.carrying += carrying;
        cost.by_day
            .push(labour + costs.fixed_per_day + kits + carrying);
    }
    cost.scrapped_kits = scenario
        .products
        .iter()
        .zip(&outcome.scrapped_by_product)
        .filter_map(|(product, &scrapped)| {
            product
                .kit
                .map(|kit| scrapped as f64 * kit_price(scenario, kit))
        })
        .sum();
    cost
}

/// `value` within what a run can spend: zero for negative or not-a-number values, at most
/// [`MAX_TOTAL`].
pub fn within_bounds(value: f64) -> f64 {
    if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, MAX_TOTAL)
    }
}

/// `value` (taken [`within_bounds`]) rounded to whole currency units and then to `digits`
/// significant digits (half up).
pub fn round_significant(value: f64, digits: u32) -> u64 {
    // At most 10^18 whole units: the cast is exact enough and adding half a scale (at most
    // 5 · 10^17) stays far below `u64::MAX`.
    let whole = within_bounds(value).round() as u64;
    let limit = 10u64.saturating_pow(digits.clamp(1, 18));
    let mut scale = 1u64;
    while whole / scale >= limit {
        scale *= 10;
    }
    (whole + scale / 2) / scale * scale
}

/// A sum of money across replications: the exact mean with its interval, and P10/P50/P90 in
/// whole currency units to [`TOTAL_DIGITS`] significant digits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Money {
    pub mean: Estimate,
    pub fan: Fan,
}

/// The cost of a good unit across replications: quantiles are `None` where they fall among the
/// replications that made no good unit (which count as dearer than any other).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitCost {
    /// Over the replications that made a good unit.
    pub mean: Estimate,
    pub p10: Option<u64>,
    pub p50: Option<u64>,
    pub p90: Option<u64>,
    /// Replications with no good unit in the horizon.
    pub without_good: u64,
}

/// Costs across replications.
#[derive(Debug, Clone, PartialEq)]
pub struct CostForecast {
    pub currency: Option<String>,
    pub total: Money,
    pub labour: Money,
    pub fixed: Money,
    pub kits: Money,
    pub carrying: Money,
    /// Memo, within `kits`.
    pub scrapped_kits: Money,
    pub per_good_unit: UnitCost,
}

/// One sum of money folded over replications.
#[derive(Debug, Clone, Default, PartialEq)]
struct MoneyAccumulator {
    running: Running,
    histogram: Histogram,
}

impl MoneyAccumulator {
    fn push(&mut self, value: f64) {
        let value = within_bounds(value);
        self.running.push(value);
        self.histogram.push(round_significant(value, TOTAL_DIGITS));
    }

    fn merge(&mut self, other: &MoneyAccumulator) {
        self.running.merge(&other.running);
        self.histogram.merge(&other.histogram);
    }

    fn finish(&self) -> Money {
        let at = |p: f64| self.histogram.quantile(p, 0).unwrap_or(0);
        Money {
            mean: self.running.estimate(),
            fan: Fan {
                p10: at(0.1),
                p50: at(0.5),
                p90: at(0.9),
            },
        }
    }
}

/// Folds replications, in any order, into a [`CostForecast`] and the cumulative spend by day.
#[derive(Debug, Clone, PartialEq)]
pub struct CostAccumulator {
    /// Total, labour, fixed, kits, carrying, scrapped kits.
    sums: [MoneyAccumulator; 6],
    per_good_unit: MoneyAccumulator,
    without_good: u64,
    /// Per day, cumulative spend to [`DAILY_DIGITS`] significant digits.
    cumulative: Vec<Histogram>,
}

impl CostAccumulator {
    /// `None` when `scenario` has no `[costs]`.
    pub fn new(scenario: &Scenario, calendar: &PlantCalendar) -> Option<CostAccumulator> {
        scenario.costs.as_ref()?;
        Some(CostAccumulator {
            sums: Default::default(),
            per_good_unit: MoneyAccumulator::default(),
            without_good: 0,
            cumulative: vec![Histogram::default(); calendar.n_days],
        })
    }

    /// Adds one replication of `scenario` (the one it was made for).
    pub fn add(&mut self, scenario: &Scenario, calendar: &PlantCalendar, outcome: &RunOutcome) {
        let Some(costs) = &scenario.costs else {
            return;
        };
        let cost = price(scenario, costs, calendar, outcome);
        let total = cost.total();
        let values = [
            total,
            cost.labour,
            cost.fixed,
            cost.kits,
            cost.carrying,
            cost.scrapped_kits,
        ];
        for (sum, value) in self.sums.iter_mut().zip(values) {
            sum.push(value);
        }
        if outcome.good > 0 {
            self.per_good_unit.push(total / outcome.good as f64);
        } else {
            self.without_good += 1;
        }
        let mut spent = 0.0;
        for (histogram, day) in self.cumulative.iter_mut().zip(&cost.by_day) {
            spent += day;
            histogram.push(round_significant(spent, DAILY_DIGITS));
        }
    }

    /// Days of cumulative spend it holds.
    pub fn days(&self) -> usize {
        self.cumulative.len()
    }

    /// Adds everything `other` folded, as if its replications had been added here.
    pub fn merge(&mut self, other: &CostAccumulator) {
        for (sum, theirs) in self.sums.iter_mut().zip(&other.sums) {
            sum.merge(theirs);
        }
        self.per_good_unit.merge(&other.per_good_unit);
        self.without_good += other.without_good;
        for (histogram, theirs) in self.cumulative.iter_mut().zip(&other.cumulative) {
            histogram.merge(theirs);
        }
    }

    /// The costs of `scenario` (the one it was made for), and the cumulative spend fan of each
    /// day.
    pub fn finish(self, scenario: &Scenario) -> (CostForecast, Vec<Fan>) {
        let [total, labour, fixed, kits, carrying, scrapped_kits] =
            self.sums.each_ref().map(MoneyAccumulator::finish);
        let per_unit = &self.per_good_unit.histogram;
        let at = |p: f64| per_unit.quantile(p, self.without_good);
        let forecast = CostForecast {
            currency: currency(scenario),
            total,
            labour,
            fixed,
            kits,
            carrying,
            scrapped_kits,
            per_good_unit: UnitCost {
                mean: self.per_good_unit.running.estimate(),
                p10: at(0.1),
                p50: at(0.5),
                p90: at(0.9),
                without_good: self.without_good,
            },
        };
        let by_day = self
            .cumulative
            .iter()
            .map(|histogram| Fan {
                p10: histogram.quantile(0.1, 0).unwrap_or(0),
                p50: histogram.quantile(0.5, 0).unwrap_or(0),
                p90: histogram.quantile(0.9, 0).unwrap_or(0),
            })
            .collect();
        (forecast, by_day)
    }
}

impl Codec for MoneyAccumulator {
    fn encode(&self, out: &mut Vec<u64>) {
        self.running.encode(out);
        self.histogram.encode(out);
    }
    fn decode(input: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        Ok(MoneyAccumulator {
            running: Running::decode(input)?,
            histogram: Histogram::decode(input)?,
        })
    }
}

impl Codec for CostAccumulator {
    fn encode(&self, out: &mut Vec<u64>) {
        self.sums.encode(out);
        self.per_good_unit.encode(out);
        self.without_good.encode(out);
        self.cumulative.encode(out);
    }
    fn decode(input: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        Ok(CostAccumulator {
            sums: Codec::decode(input)?,
            per_good_unit: Codec::decode(input)?,
            without_good: Codec::decode(input)?,
            cumulative: Codec::decode(input)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::round_significant;

    #[test]
    fn money_is_rounded_to_significant_digits() {
        assert_eq!(round_significant(1234.4, 4), 1234);
        assert_eq!(round_significant(1234.5, 4), 1235);
        assert_eq!(round_significant(123_456_789.0, 4), 123_500_000);
        assert_eq!(round_significant(123_449_999.0, 3), 123_000_000);
        assert_eq!(round_significant(99_999.0, 3), 100_000);
        assert_eq!(round_significant(0.4, 4), 0);
        assert_eq!(round_significant(-5.0, 4), 0);
        assert_eq!(round_significant(f64::NAN, 4), 0);
        // Beyond what the model check lets a run spend, an amount counts as the bound.
        assert_eq!(round_significant(1e30, 4), 1_000_000_000_000_000_000);
        assert_eq!(
            round_significant(f64::INFINITY, 4),
            1_000_000_000_000_000_000
        );
        assert_eq!(
            round_significant(999_999_999_999_999_999.0, 4),
            1_000_000_000_000_000_000
        );
    }
}

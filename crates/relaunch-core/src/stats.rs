//! Streaming statistics across replications: running means with Student-t confidence
//! intervals from exact sums, and exact quantiles from integer histograms. Everything adds up
//! exactly, in any order, so results depend neither on how replications were spread over
//! threads nor on how they were split into shards and merged.

use std::collections::BTreeMap;

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use crate::codec::{Codec, DecodeError, Decoder};
use statrs::distribution::{ContinuousCDF, StudentsT};

/// Running mean and variance from exact sums of the values and of their squares
/// ([`ExactSum`]): the result depends only on the values, never on their order or on how they
/// were split and merged, so shards of replications run anywhere merge into the single run's
/// figures bit for bit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Running {
    count: u64,
    sum: ExactSum,
    squares: ExactSum,
}

/// A mean with its 95% confidence interval across replications.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub mean: f64,
    /// Half-width of the 95% confidence interval (Student t, n − 1 degrees of freedom);
    /// zero with one replication.
    pub half_width: f64,
    /// Standard error of the mean.
    pub std_error: f64,
    pub count: u64,
}

impl Estimate {
    pub fn low(&self) -> f64 {
        self.mean - self.half_width
    }
    pub fn high(&self) -> f64 {
        self.mean + self.half_width
    }
}

impl Running {
    pub fn push(&mut self, value: f64) {
        self.count += 1;
        self.sum.add(value);
        // x² exactly, as the rounded product and its rounding error (an FMA is exact).
        let square = value * value;
        self.squares.add(square);
        self.squares.add(value.mul_add(value, -square));
    }

    /// Adds everything `other` holds, as if its values had been pushed here.
    pub fn merge(&mut self, other: &Running) {
        self.count += other.count;
        self.sum.merge(&other.sum);
        self.squares.merge(&other.squares);
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// Mean, standard error and 95% interval.
    pub fn estimate(&self) -> Estimate {
        let mean = if self.count == 0 {
            0.0
        } else {
            self.sum.value() / self.count as f64
        };
        if self.count < 2 {
            return Estimate {
                mean,
                half_width: 0.0,
                std_error: 0.0,
                count: self.count,
            };
        }
        let n = self.count as f64;
        // n·Σx² − (Σx)², exactly, then divided by n(n − 1).
        let variance = (self.sum.spread(&self.squares, self.count) / (n * (n - 1.0))).max(0.0);
        let std_error = (variance / n).sqrt();
        let t = t_quantile_975(self.count - 1);
        Estimate {
            mean,
            half_width: t * std_error,
            std_error,
            count: self.count,
        }
    }
}

/// The exact sum of any number of finite `f64` values: an integer count of 2⁻¹⁰⁷⁴ (the
/// smallest subnormal), so every addition is exact and the sum is the same in any order.
/// Rounded to `f64` once, when read. A non-finite value makes the sum NaN.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExactSum {
    units: BigInt,
    non_finite: bool,
}

/// The exponent of the unit of an [`ExactSum`].
const UNIT_EXPONENT: i64 = -1074;

impl ExactSum {
    pub fn add(&mut self, value: f64) {
        if !value.is_finite() {
            self.non_finite = true;
            return;
        }
        if value == 0.0 {
            return;
        }
        let bits = value.to_bits();
        let exponent = (bits >> 52) & 0x7ff;
        let fraction = bits & ((1 << 52) - 1);
        let (mantissa, shift) = if exponent == 0 {
            (fraction, 0)
        } else {
            (fraction | (1 << 52), exponent - 1)
        };
        let units = BigInt::from(mantissa) << shift;
        if bits >> 63 == 1 {
            self.units -= units;
        } else {
            self.units += units;
        }
    }

    pub fn merge(&mut self, other: &ExactSum) {
        self.units += &other.units;
        self.non_finite |= other.non_finite;
    }

    /// The sum, correctly rounded to the nearest `f64`.
    pub fn value(&self) -> f64 {
        if self.non_finite {
            return f64::NAN;
        }
        scaled(&self.units, UNIT_EXPONENT)
    }

    /// `count`·Σx² − (Σx)² with `self` the sum of the values and `squares` that of their
    /// squares: exact, then rounded to `f64`.
    fn spread(&self, squares: &ExactSum, count: u64) -> f64 {
        if self.non_finite || squares.non_finite {
            return f64::NAN;
        }
        let spread =
            ((&squares.units * count) << (-UNIT_EXPONENT) as usize) - &self.units * &self.units;
        scaled(&spread, 2 * UNIT_EXPONENT)
    }
}

/// `units` × 2^`exponent`, correctly rounded to `f64`.
fn scaled(units: &BigInt, exponent: i64) -> f64 {
    let magnitude = units.magnitude();
    let bits = magnitude.bits();
    if bits == 0 {
        return 0.0;
    }
    // The top 64 bits, with a sticky lowest bit for anything below them: `as f64` then rounds
    // as the whole number would round (64 bits > 53 + 2).
    let (top, dropped) = if bits > 64 {
        let dropped = bits - 64;
        let mut top = (magnitude >> dropped).to_u64().unwrap_or(u64::MAX);
        if magnitude.trailing_zeros().unwrap_or(0) < dropped {
            top |= 1;
        }
        (top, dropped as i64)
    } else {
        (magnitude.to_u64().unwrap_or(0), 0)
    };
    let mut value = top as f64;
    let mut power = dropped + exponent;
    // Multiply by 2^power in steps that stay within the normal range.
    while power > 1000 {
        value *= 2f64.powi(1000);
        power -= 1000;
    }
    while power < -1000 {
        value *= 2f64.powi(-1000);
        power += 1000;
    }
    value *= 2f64.powi(power as i32);
    if units.sign() == Sign::Minus {
        -value
    } else {
        value
    }
}

impl Codec for ExactSum {
    /// Its sign (0 zero or positive, 1 negative, 2 non-finite), then its magnitude's words.
    fn encode(&self, out: &mut Vec<u64>) {
        let sign = if self.non_finite {
            2
        } else {
            u64::from(self.units.sign() == Sign::Minus)
        };
        out.push(sign);
        self.units.magnitude().to_u64_digits().encode(out);
    }
    fn decode(input: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        let sign = input.word()?;
        let digits = Vec::<u64>::decode(input)?;
        let magnitude = num_bigint::BigUint::new(
            digits
                .iter()
                .flat_map(|&d| [d as u32, (d >> 32) as u32])
                .collect(),
        );
        let units = match sign {
            0 | 2 => BigInt::from_biguint(Sign::Plus, magnitude),
            1 => BigInt::from_biguint(Sign::Minus, magnitude),
            other => return Err(DecodeError(format!("{other} is not the sign of a sum"))),
        };
        Ok(ExactSum {
            units,
            non_finite: sign == 2,
        })
    }
}

impl Codec for Running {
    fn encode(&self, out: &mut Vec<u64>) {
        self.count.encode(out);
        self.sum.encode(out);
        self.squares.encode(out);
    }
    fn decode(input: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        Ok(Running {
            count: u64::decode(input)?,
            sum: ExactSum::decode(input)?,
            squares: ExactSum::decode(input)?,
        })
    }
}

impl Codec for Histogram {
    /// The number of distinct values, then each value and its count.
    fn encode(&self, out: &mut Vec<u64>) {
        out.push(self.counts.len() as u64);
        for (&value, &count) in &self.counts {
            out.push(value);
            out.push(count);
        }
    }
    fn decode(input: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        let length = input.length()?;
        let mut histogram = Histogram::default();
        for _ in 0..length {
            let value = input.word()?;
            let count = input.word()?;
            if count == 0 || histogram.counts.insert(value, count).is_some() {
                return Err(DecodeError(format!(
                    "a histogram with value {value} repeated or counted 0 times"
                )));
            }
            histogram.total = histogram
                .total
                .checked_add(count)
                .ok_or_else(|| DecodeError("a histogram's total overflows".to_string()))?;
        }
        Ok(histogram)
    }
}

/// The 97.5% quantile of Student's t with `degrees` degrees of freedom.
pub fn t_quantile_975(degrees: u64) -> f64 {
    match StudentsT::new(0.0, 1.0, degrees as f64) {
        Ok(t) => t.inverse_cdf(0.975),
        Err(_) => f64::NAN,
    }
}

/// The 95% Wilson score interval of a proportion of `successes` in `trials`: unlike the normal
/// approximation it stays inside [0, 1] and is honest at 0% and 100% (where the plain interval
/// collapses to a point). `(0, 1)` without trials.
pub fn wilson_95(successes: u64, trials: u64) -> (f64, f64) {
    if trials == 0 {
        return (0.0, 1.0);
    }
    const Z: f64 = 1.959_963_984_540_054;
    let n = trials as f64;
    let p = successes.min(trials) as f64 / n;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// A histogram of non-negative integers, for exact quantiles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Histogram {
    counts: BTreeMap<u64, u64>,
    total: u64,
}

impl Histogram {
    pub fn push(&mut self, value: u64) {
        *self.counts.entry(value).or_insert(0) += 1;
        self.total += 1;
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// Adds every observation of `other`.
    pub fn merge(&mut self, other: &Histogram) {
        for (&value, &count) in &other.counts {
            *self.counts.entry(value).or_insert(0) += count;
        }
        self.total += other.total;
    }

    /// The nearest-rank quantile: the smallest value `v` such that at least `ceil(p·n)`
    /// observations are ≤ `v` (p in (0, 1]). With `extra_above` observations known to lie above
    /// every recorded value (milestones not reached within the horizon), `None` when the rank
    /// falls among those.
    pub fn quantile(&self, p: f64, extra_above: u64) -> Option<u64> {
        let n = self.total + extra_above;
        if n == 0 {
            return None;
        }
        let rank = ((p * n as f64).ceil() as u64).clamp(1, n);
        let mut seen = 0;
        for (&value, &count) in &self.counts {
            seen += count;
            if seen >= rank {
                return Some(value);
            }
        }
        None
    }

    /// Number of observations ≤ `value`.
    pub fn count_at_most(&self, value: u64) -> u64 {
        self.counts.range(..=value).map(|(_, count)| count).sum()
    }

    /// (value, count) pairs in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.counts.iter().map(|(&v, &c)| (v, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_matches_two_pass() {
        let values = [3.0, 5.0, 4.0, 8.0, 10.0];
        let mut running = Running::default();
        values.iter().for_each(|&v| running.push(v));
        let estimate = running.estimate();
        assert!((estimate.mean - 6.0).abs() < 1e-12);
        // Sample variance 8.5, standard error sqrt(8.5 / 5); t(4) 97.5% = 2.776445.
        assert!((estimate.std_error - (8.5f64 / 5.0).sqrt()).abs() < 1e-12);
        assert!((estimate.half_width - 2.776_445_105 * (8.5f64 / 5.0).sqrt()).abs() < 1e-6);
    }

    #[test]
    fn wilson_interval_by_hand() {
        // 92 of 100: centre (0.92 + 3.84146/200) / (1 + 3.84146/100) = 0.90446, half-width
        // 1.95996 / 1.0384146 · sqrt(0.0736/100 + 3.84146/40000) = 0.05445.
        let (low, high) = wilson_95(92, 100);
        assert!((low - 0.850_02).abs() < 5e-5, "{low}");
        assert!((high - 0.958_91).abs() < 5e-5, "{high}");
        // All successes: the upper end is 1, the lower end n / (n + z²).
        let (low, high) = wilson_95(200, 200);
        assert_eq!(high, 1.0);
        assert!((low - 200.0 / (200.0 + 3.841_459)).abs() < 1e-6, "{low}");
        assert_eq!(wilson_95(0, 0), (0.0, 1.0));
    }

    #[test]
    fn nearest_rank_quantiles() {
        let mut histogram = Histogram::default();
        for v in 1..=10 {
            histogram.push(v);
        }
        assert_eq!(histogram.quantile(0.1, 0), Some(1));
        assert_eq!(histogram.quantile(0.5, 0), Some(5));
        assert_eq!(histogram.quantile(0.9, 0), Some(9));
        assert_eq!(histogram.quantile(1.0, 0), Some(10));
        // Ten more beyond the horizon: the median is the 10th of 20, still recorded.
        assert_eq!(histogram.quantile(0.5, 10), Some(10));
        assert_eq!(histogram.quantile(0.9, 10), None);
    }

    #[test]
    fn exact_sums_do_not_depend_on_order() {
        let values = [1e100, 1.0, -1e100, 0.1, 0.2, 0.3, -5e-324, 3.5e-310, 7.25];
        let mut forward = ExactSum::default();
        values.iter().for_each(|&v| forward.add(v));
        let mut backward = ExactSum::default();
        values.iter().rev().for_each(|&v| backward.add(v));
        assert_eq!(forward, backward);
        // 1 + 0.1 + 0.2 + 0.3 + 7.25 + two subnormals, rounded once.
        assert_eq!(forward.value(), 8.85);
        let mut cancel = ExactSum::default();
        [1e100, 1.0, -1e100].iter().for_each(|&v| cancel.add(v));
        assert_eq!(cancel.value(), 1.0);
        let mut negative = ExactSum::default();
        negative.add(-2.5);
        assert_eq!(negative.value(), -2.5);
    }

    #[test]
    fn running_merges_exactly_and_round_trips() {
        let values: Vec<f64> = (0..50).map(|i| (i as f64 * 0.37).sin() * 1e6).collect();
        let mut whole = Running::default();
        values.iter().for_each(|&v| whole.push(v));
        let mut parts = [Running::default(), Running::default(), Running::default()];
        for (i, &v) in values.iter().enumerate() {
            parts[i % 3].push(v);
        }
        let mut merged = Running::default();
        for part in parts.iter().rev() {
            merged.merge(part);
        }
        assert_eq!(merged, whole);
        assert_eq!(merged.estimate(), whole.estimate());
        let back: Running = crate::codec::from_words(&crate::codec::to_words(&whole)).unwrap();
        assert_eq!(back, whole);
        let mut negative = Running::default();
        [-1e300, 2.5, -3e-310]
            .iter()
            .for_each(|&v| negative.push(v));
        let back: Running = crate::codec::from_words(&crate::codec::to_words(&negative)).unwrap();
        assert_eq!(back, negative);
        // The same value every time: no spread at all.
        let mut constant = Running::default();
        (0..7).for_each(|_| constant.push(0.1));
        assert_eq!(constant.estimate().half_width, 0.0);
        assert_eq!(constant.estimate().mean, 0.1);
    }
}

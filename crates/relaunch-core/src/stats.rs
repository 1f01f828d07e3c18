//! Streaming statistics across replications: running means with Student-t confidence
//! intervals, and exact quantiles from integer histograms. Everything merges in replication
//! order, so results do not depend on how replications were spread over threads.

use std::collections::BTreeMap;

use statrs::distribution::{ContinuousCDF, StudentsT};

/// Running mean and variance (Welford).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Running {
    count: u64,
    mean: f64,
    m2: f64,
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
        let delta = value - self.mean;
        self.mean += delta / self.count as f64;
        self.m2 += delta * (value - self.mean);
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// Mean, standard error and 95% interval.
    pub fn estimate(&self) -> Estimate {
        if self.count < 2 {
            return Estimate {
                mean: self.mean,
                half_width: 0.0,
                std_error: 0.0,
                count: self.count,
            };
        }
        let n = self.count as f64;
        let variance = self.m2 / (n - 1.0);
        let std_error = (variance / n).sqrt();
        let t = t_quantile_975(self.count - 1);
        Estimate {
            mean: self.mean,
            half_width: t * std_error,
            std_error,
            count: self.count,
        }
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
    fn welford_matches_two_pass() {
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
}

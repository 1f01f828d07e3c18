//! Draws of a duration given that it is longer than the time already spent: the rest of a task
//! running at the as-of day, the lead time of a kit order dispatched and not yet received.
//!
//! The rule, for a duration D of distribution `dist` known to be at least `threshold`:
//!
//! - a first draw from `dist`; if it is at least `threshold` it is the draw (so a replication
//!   whose draw already lay beyond the time spent keeps it, exactly as it drew it without
//!   the condition);
//! - otherwise draws again, on the same stream, up to [`MAX_TRIES`] draws in all, and takes the
//!   first that is at least `threshold`. This is rejection sampling: the draw taken has exactly
//!   the distribution of D given D ≥ `threshold`, for every kind of distribution, whatever its
//!   shape, with no formula of its own (the distributions expose no quantile function);
//! - when none of the [`MAX_TRIES`] draws reaches `threshold` (the condition has a chance
//!   below about 1 in 200, or none: the time spent exceeds every duration the distribution
//!   allows, an **overdue** task or order), the model no longer says when it ends. The draw is
//!   then `threshold` plus an exponential residual whose mean is the distribution's tail
//!   mean: the mean excess of the longest tenth of those draws over the shortest of them (for
//!   an exponential distribution its mean, so that the draw stays exact; for a bounded one a
//!   few days; 0 for a constant, when the draw is `threshold` itself: the overdue item ends at
//!   once, the day after the as-of day). The residual is drawn on the same stream.
//!
//! Every try comes from the caller's stream, in order, so the draw depends on the seed, the
//! replication and the stream's id only: the same at any thread count.

use rand::Rng;
use rand_distr::Distribution;

use crate::dist::Dist;

/// The most draws taken to find one beyond the threshold before the tail-mean fallback.
pub const MAX_TRIES: usize = 1_000;

/// A draw of `dist` (seconds) given that it is at least `threshold_secs` (see the module
/// notes). A threshold of 0 or less is no condition: one plain draw.
pub fn draw_beyond<R: Rng + ?Sized>(dist: &Dist, threshold_secs: f64, rng: &mut R) -> f64 {
    let first = dist.sample(rng);
    if first >= threshold_secs || threshold_secs.is_nan() {
        return first;
    }
    let mut tries = Vec::with_capacity(MAX_TRIES);
    tries.push(first);
    while tries.len() < MAX_TRIES {
        let draw = dist.sample(rng);
        if draw >= threshold_secs {
            return draw;
        }
        tries.push(draw);
    }
    let mean = tail_mean(&mut tries);
    if !(mean > 0.0 && mean.is_finite()) {
        return threshold_secs;
    }
    match rand_distr::Exp::new(1.0 / mean) {
        Ok(exp) => threshold_secs + exp.sample(rng),
        Err(_) => threshold_secs,
    }
}

/// The mean excess of the longest tenth of `draws` over the shortest of that tenth.
fn tail_mean(draws: &mut [f64]) -> f64 {
    draws.sort_by(f64::total_cmp);
    let tail = &draws[draws.len() - (draws.len() / 10).max(1)..];
    let floor = tail[0];
    tail.iter().map(|d| d - floor).sum::<f64>() / tail.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    const DAY: f64 = 86_400.0;

    #[test]
    fn a_constant_beyond_its_value_ends_at_the_threshold() {
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(1);
        let dist = Dist::constant(10.0 * DAY).unwrap();
        assert_eq!(draw_beyond(&dist, 5.0 * DAY, &mut rng), 10.0 * DAY);
        assert_eq!(draw_beyond(&dist, 12.0 * DAY, &mut rng), 12.0 * DAY);
    }

    #[test]
    fn an_exponential_beyond_the_threshold_is_memoryless() {
        // D ~ Exp(mean 10 d) given D ≥ 20 d: D − 20 d ~ Exp(mean 10 d).
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(2);
        let dist = Dist::exponential(10.0 * DAY).unwrap();
        let n = 20_000;
        let excess: Vec<f64> = (0..n)
            .map(|_| draw_beyond(&dist, 20.0 * DAY, &mut rng) - 20.0 * DAY)
            .collect();
        assert!(excess.iter().all(|&e| e >= 0.0));
        let mean = excess.iter().sum::<f64>() / n as f64 / DAY;
        assert!((mean - 10.0).abs() < 0.3, "{mean}");
        // Far in the tail (e^-100): the fallback's residual, of mean about the tail mean.
        let far: Vec<f64> = (0..2_000)
            .map(|_| draw_beyond(&dist, 1_000.0 * DAY, &mut rng) - 1_000.0 * DAY)
            .collect();
        let mean = far.iter().sum::<f64>() / far.len() as f64 / DAY;
        assert!((5.0..20.0).contains(&mean), "{mean}");
    }

    #[test]
    fn an_overdue_bounded_duration_ends_within_days() {
        // Triangular 23 / 28 / 50 days, 55 days spent: the tail mean of the longest tenth is
        // (50 − 42.3) / 3 ≈ 2.6 days.
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(3);
        let dist = Dist::triangular(23.0 * DAY, 28.0 * DAY, 50.0 * DAY).unwrap();
        let n = 2_000;
        let excess: Vec<f64> = (0..n)
            .map(|_| (draw_beyond(&dist, 55.0 * DAY, &mut rng) - 55.0 * DAY) / DAY)
            .collect();
        assert!(excess.iter().all(|&e| e >= 0.0));
        let mean = excess.iter().sum::<f64>() / n as f64;
        assert!((1.5..4.0).contains(&mean), "{mean}");
    }
}

//! Probability distributions of durations (seconds), built once and sampled in the hot loop.
//!
//! Parameters are given the way the scenario file gives them (mean and coefficient of
//! variation, min/mode/max, ...) and turned into the sampler's own parameters at
//! construction, so sampling does no arithmetic beyond the draw itself.

use rand::Rng;
use rand_distr::Distribution;
use statrs::distribution::ContinuousCDF;

/// A distribution of non-negative durations in seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Dist {
    kind: Kind,
    /// The mean in seconds, kept for reports.
    mean_secs: f64,
    /// See [`Dist::optimistic_secs`], computed once at construction.
    optimistic_secs: f64,
    /// The law's parameters as the quantile function needs them.
    law: Law,
}

/// A law's parameters in closed form, for [`Dist::quantile_secs`].
#[derive(Debug, Clone, PartialEq)]
enum Law {
    Constant(f64),
    Exponential {
        mean: f64,
    },
    LogNormal {
        mu: f64,
        sigma: f64,
    },
    Triangular {
        min: f64,
        mode: f64,
        max: f64,
    },
    Uniform {
        min: f64,
        max: f64,
    },
    Normal {
        mean: f64,
        sd: f64,
    },
    Gamma {
        shape: f64,
        scale: f64,
    },
    Weibull {
        shape: f64,
        scale: f64,
    },
    /// The values, sorted.
    Empirical(Vec<f64>),
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Constant(f64),
    Exponential(rand_distr::Exp<f64>),
    LogNormal(rand_distr::LogNormal<f64>),
    Triangular {
        sampler: rand_distr::Triangular<f64>,
        min: f64,
    },
    Uniform {
        min: f64,
        width: f64,
    },
    Normal(rand_distr::Normal<f64>),
    Gamma(rand_distr::Gamma<f64>),
    Weibull(rand_distr::Weibull<f64>),
    Empirical(Vec<f64>),
}

/// Why a distribution's parameters were refused.
pub type ParamError = String;

/// The quantile an unbounded distribution's optimistic duration is taken at.
const OPTIMISTIC: f64 = 0.05;

/// The standard normal's quantile at `p`.
fn standard_normal_quantile(p: f64) -> f64 {
    statrs::distribution::Normal::standard().inverse_cdf(p)
}

/// The quantile at `p` of the normal (`mean`, `sd` > 0) truncated at zero: the untruncated
/// quantile at `p0 + p · (1 − p0)`, with `p0` the mass below zero.
fn truncated_normal_quantile(mean: f64, sd: f64, p: f64) -> f64 {
    let below = statrs::distribution::Normal::standard().cdf(-mean / sd);
    (mean + sd * standard_normal_quantile(below + p * (1.0 - below))).max(0.0)
}

fn check_non_negative(name: &str, value: f64) -> Result<(), ParamError> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(format!(
            "{name} must be a finite value of zero or more, got {value}"
        ))
    }
}

fn check_positive(name: &str, value: f64) -> Result<(), ParamError> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(format!("{name} must be greater than zero, got {value}"))
    }
}

impl Dist {
    /// Always `secs`.
    pub fn constant(secs: f64) -> Result<Dist, ParamError> {
        check_non_negative("a constant duration", secs)?;
        Ok(Dist {
            kind: Kind::Constant(secs),
            mean_secs: secs,
            optimistic_secs: secs,
            law: Law::Constant(secs),
        })
    }

    /// Exponential with the given mean.
    pub fn exponential(mean: f64) -> Result<Dist, ParamError> {
        check_positive("mean", mean)?;
        let exp = rand_distr::Exp::new(1.0 / mean).map_err(|e| e.to_string())?;
        Ok(Dist {
            kind: Kind::Exponential(exp),
            mean_secs: mean,
            optimistic_secs: -mean * (1.0 - OPTIMISTIC).ln(),
            law: Law::Exponential { mean },
        })
    }

    /// Lognormal with the given mean and coefficient of variation (sd / mean).
    pub fn lognormal(mean: f64, cv: f64) -> Result<Dist, ParamError> {
        check_positive("mean", mean)?;
        check_non_negative("cv", cv)?;
        if cv == 0.0 {
            return Ok(Dist {
                kind: Kind::Constant(mean),
                mean_secs: mean,
                optimistic_secs: mean,
                law: Law::Constant(mean),
            });
        }
        let sigma2 = (1.0 + cv * cv).ln();
        let mu = mean.ln() - sigma2 / 2.0;
        let ln = rand_distr::LogNormal::new(mu, sigma2.sqrt()).map_err(|e| e.to_string())?;
        Ok(Dist {
            kind: Kind::LogNormal(ln),
            mean_secs: mean,
            optimistic_secs: (mu + sigma2.sqrt() * standard_normal_quantile(OPTIMISTIC)).exp(),
            law: Law::LogNormal {
                mu,
                sigma: sigma2.sqrt(),
            },
        })
    }

    /// Triangular on [min, max] with the given mode.
    pub fn triangular(min: f64, mode: f64, max: f64) -> Result<Dist, ParamError> {
        check_non_negative("min", min)?;
        if !(min <= mode && mode <= max) {
            return Err(format!(
                "need min <= mode <= max, got {min} / {mode} / {max}"
            ));
        }
        if min == max {
            return Ok(Dist {
                kind: Kind::Constant(min),
                mean_secs: min,
                optimistic_secs: min,
                law: Law::Constant(min),
            });
        }
        let tri = rand_distr::Triangular::new(min, max, mode).map_err(|e| e.to_string())?;
        Ok(Dist {
            kind: Kind::Triangular { sampler: tri, min },
            mean_secs: (min + mode + max) / 3.0,
            optimistic_secs: min,
            law: Law::Triangular { min, mode, max },
        })
    }

    /// Uniform on [min, max].
    pub fn uniform(min: f64, max: f64) -> Result<Dist, ParamError> {
        check_non_negative("min", min)?;
        check_non_negative("max", max)?;
        if min > max {
            return Err(format!("need min <= max, got {min} > {max}"));
        }
        Ok(Dist {
            kind: Kind::Uniform {
                min,
                width: max - min,
            },
            mean_secs: (min + max) / 2.0,
            optimistic_secs: min,
            law: Law::Uniform { min, max },
        })
    }

    /// Normal with the given mean and standard deviation, truncated at zero (negative draws
    /// are redrawn).
    pub fn normal(mean: f64, sd: f64) -> Result<Dist, ParamError> {
        check_positive("mean", mean)?;
        check_non_negative("sd", sd)?;
        if sd == 0.0 {
            return Ok(Dist {
                kind: Kind::Constant(mean),
                mean_secs: mean,
                optimistic_secs: mean,
                law: Law::Constant(mean),
            });
        }
        let normal = rand_distr::Normal::new(mean, sd).map_err(|e| e.to_string())?;
        Ok(Dist {
            kind: Kind::Normal(normal),
            mean_secs: mean,
            optimistic_secs: truncated_normal_quantile(mean, sd, OPTIMISTIC),
            law: Law::Normal { mean, sd },
        })
    }

    /// Gamma with the given mean and coefficient of variation.
    pub fn gamma(mean: f64, cv: f64) -> Result<Dist, ParamError> {
        check_positive("mean", mean)?;
        check_positive("cv", cv)?;
        let shape = 1.0 / (cv * cv);
        let scale = mean / shape;
        let gamma = rand_distr::Gamma::new(shape, scale).map_err(|e| e.to_string())?;
        // The quantile of the unit-scale law, times the scale (statrs brackets from 1).
        let unit = statrs::distribution::Gamma::new(shape, 1.0).map_err(|e| e.to_string())?;
        Ok(Dist {
            kind: Kind::Gamma(gamma),
            mean_secs: mean,
            optimistic_secs: unit.inverse_cdf(OPTIMISTIC) * scale,
            law: Law::Gamma { shape, scale },
        })
    }

    /// Weibull with dimensionless `shape` and `scale` in seconds.
    pub fn weibull(shape: f64, scale: f64) -> Result<Dist, ParamError> {
        check_positive("shape", shape)?;
        check_positive("scale", scale)?;
        let weibull = rand_distr::Weibull::new(scale, shape).map_err(|e| e.to_string())?;
        let mean = scale * statrs::function::gamma::gamma(1.0 + 1.0 / shape);
        Ok(Dist {
            kind: Kind::Weibull(weibull),
            mean_secs: mean,
            optimistic_secs: scale * (-(1.0 - OPTIMISTIC).ln()).powf(1.0 / shape),
            law: Law::Weibull { shape, scale },
        })
    }

    /// Each of `values` equally likely.
    pub fn empirical(values: Vec<f64>) -> Result<Dist, ParamError> {
        if values.is_empty() {
            return Err("an empirical distribution needs at least one value".to_string());
        }
        for &value in &values {
            check_non_negative("every value", value)?;
        }
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        Ok(Dist {
            kind: Kind::Empirical(values),
            mean_secs: mean,
            optimistic_secs: min,
            law: Law::Empirical(sorted),
        })
    }

    /// The mean in seconds (for the truncated normal, the untruncated mean).
    pub fn mean_secs(&self) -> f64 {
        self.mean_secs
    }

    /// The shortest duration a draw can take, in seconds: the minimum of a bounded
    /// distribution, 0 for one whose support reaches down to zero (the truncated normal too).
    pub fn lower_bound_secs(&self) -> f64 {
        match &self.kind {
            Kind::Constant(value) => *value,
            Kind::Triangular { min, .. } | Kind::Uniform { min, .. } => *min,
            Kind::Empirical(values) => values.iter().copied().fold(f64::INFINITY, f64::min),
            Kind::Exponential(_)
            | Kind::LogNormal(_)
            | Kind::Normal(_)
            | Kind::Gamma(_)
            | Kind::Weibull(_) => 0.0,
        }
    }

    /// The duration a manager could plan on, in seconds: the minimum of a bounded distribution
    /// (constant, uniform, triangular, empirical), the 5th percentile of an unbounded one
    /// (exponential, lognormal, gamma, Weibull, and the normal truncated at zero as it is
    /// sampled), where [`Dist::lower_bound_secs`] would be an ideal of 0.
    pub fn optimistic_secs(&self) -> f64 {
        self.optimistic_secs
    }

    /// The duration, in seconds, that a draw stays within with probability `p` (clamped to
    /// [0, 1]): the law's quantile in closed form (the normal truncated at zero as it is
    /// sampled; the empirical law's smallest value with at least that share at or below it).
    pub fn quantile_secs(&self, p: f64) -> f64 {
        let p = p.clamp(0.0, 1.0);
        match &self.law {
            Law::Constant(value) => *value,
            Law::Exponential { mean } => -mean * (1.0 - p).ln(),
            Law::LogNormal { mu, sigma } => (mu + sigma * standard_normal_quantile(p)).exp(),
            Law::Triangular { min, mode, max } => {
                let split = (mode - min) / (max - min);
                if p <= split {
                    min + (p * (max - min) * (mode - min)).sqrt()
                } else {
                    max - ((1.0 - p) * (max - min) * (max - mode)).sqrt()
                }
            }
            Law::Uniform { min, max } => min + p * (max - min),
            Law::Normal { mean, sd } => truncated_normal_quantile(*mean, *sd, p),
            Law::Gamma { shape, scale } => statrs::distribution::Gamma::new(*shape, 1.0)
                .map_or(self.mean_secs, |unit| unit.inverse_cdf(p) * scale),
            Law::Weibull { shape, scale } => scale * (-(1.0 - p).ln()).powf(1.0 / shape),
            Law::Empirical(sorted) => {
                let rank = (p * sorted.len() as f64).ceil() as usize;
                sorted[rank.clamp(1, sorted.len()) - 1]
            }
        }
    }

    /// One draw, in seconds.
    #[inline]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match &self.kind {
            Kind::Constant(value) => *value,
            Kind::Exponential(d) => d.sample(rng),
            Kind::LogNormal(d) => d.sample(rng),
            Kind::Triangular { sampler, .. } => sampler.sample(rng),
            Kind::Uniform { min, width } => {
                let unit: f64 = rand_distr::StandardUniform.sample(rng);
                min + width * unit
            }
            Kind::Normal(d) => loop {
                let value = d.sample(rng);
                if value >= 0.0 {
                    break value;
                }
            },
            Kind::Gamma(d) => d.sample(rng),
            Kind::Weibull(d) => d.sample(rng),
            Kind::Empirical(values) => {
                let index = (rng.next_u64() % values.len() as u64) as usize;
                values[index]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn sample_mean(dist: &Dist, n: usize) -> f64 {
        let mut rng = rand_pcg::Pcg64::seed_from_u64(11);
        (0..n).map(|_| dist.sample(&mut rng)).sum::<f64>() / n as f64
    }

    #[test]
    fn means_match_parameters() {
        let cases = [
            (Dist::exponential(60.0).unwrap(), 60.0),
            (Dist::lognormal(180.0, 0.15).unwrap(), 180.0),
            (Dist::triangular(35.0, 45.0, 70.0).unwrap(), 50.0),
            (Dist::uniform(10.0, 20.0).unwrap(), 15.0),
            (Dist::gamma(100.0, 0.5).unwrap(), 100.0),
            (Dist::weibull(2.0, 100.0).unwrap(), 88.622_692_545_275_8),
            (Dist::empirical(vec![1.0, 2.0, 6.0]).unwrap(), 3.0),
        ];
        for (dist, mean) in cases {
            assert!((dist.mean_secs() - mean).abs() < 1e-9, "{dist:?}");
            let got = sample_mean(&dist, 200_000);
            assert!(
                (got - mean).abs() / mean < 0.01,
                "{dist:?}: sample mean {got}, want {mean}"
            );
        }
    }

    #[test]
    fn truncated_normal_never_negative() {
        let dist = Dist::normal(1.0, 2.0).unwrap();
        let mut rng = rand_pcg::Pcg64::seed_from_u64(3);
        assert!((0..10_000).all(|_| dist.sample(&mut rng) >= 0.0));
    }

    #[test]
    fn optimistic_is_the_minimum_or_the_5th_percentile() {
        let cases = [
            (Dist::constant(7.0).unwrap(), 7.0),
            (Dist::uniform(10.0, 20.0).unwrap(), 10.0),
            (Dist::triangular(35.0, 45.0, 70.0).unwrap(), 35.0),
            (Dist::empirical(vec![4.0, 2.0, 6.0]).unwrap(), 2.0),
            // -100 · ln 0.95
            (Dist::exponential(100.0).unwrap(), 5.129_329_438_755_057),
            // σ² = ln 1.25, μ = ln 100 − σ²/2: exp(μ − 1.644854 σ)
            (Dist::lognormal(100.0, 0.5).unwrap(), 41.124_385_145_138_845),
            // Φ(−5) below zero is negligible: 10 + 2 · Φ⁻¹(0.05 + 0.95 Φ(−5))
            (Dist::normal(10.0, 2.0).unwrap(), 6.710_298_026_878_77),
            // Φ(−0.5) = 0.308538 below zero: 1 + 2 · Φ⁻¹(0.308538 + 0.05 · 0.691462)
            (Dist::normal(1.0, 2.0).unwrap(), 0.192_023_401_923_713_4),
            // shape 4, scale 25: 25 × the root of 1 − e^−x (1 + x + x²/2 + x³/6) = 0.05
            (Dist::gamma(100.0, 0.5).unwrap(), 34.157_959_918_745_775),
            // 100 · (−ln 0.95)^(1/2)
            (Dist::weibull(2.0, 100.0).unwrap(), 22.648_022_957_324_68),
        ];
        for (dist, want) in cases {
            let got = dist.optimistic_secs();
            assert!(
                (got - want).abs() < 1e-6 * want,
                "{dist:?}: {got}, want {want}"
            );
        }
    }

    #[test]
    fn quantiles_leave_their_share_of_draws_below() {
        let laws = [
            Dist::exponential(60.0).unwrap(),
            Dist::lognormal(180.0, 0.3).unwrap(),
            Dist::triangular(35.0, 45.0, 70.0).unwrap(),
            Dist::uniform(10.0, 20.0).unwrap(),
            Dist::normal(1.0, 2.0).unwrap(),
            Dist::gamma(100.0, 0.5).unwrap(),
            Dist::weibull(2.0, 100.0).unwrap(),
        ];
        for dist in laws {
            let mut rng = rand_pcg::Pcg64::seed_from_u64(5);
            let draws: Vec<f64> = (0..100_000).map(|_| dist.sample(&mut rng)).collect();
            for p in [0.1, 0.5, 0.9, 0.95] {
                let q = dist.quantile_secs(p);
                let below = draws.iter().filter(|&&x| x <= q).count() as f64 / 1e5;
                assert!(
                    (below - p).abs() < 0.005,
                    "{dist:?} at {p}: {below} below {q}"
                );
            }
        }
        // By hand: the exponential's 90th percentile is −60 ln 0.1; the empirical law's is its
        // 9th smallest of 10; a constant's any quantile is itself.
        let exp = Dist::exponential(60.0).unwrap().quantile_secs(0.9);
        assert!((exp - 138.155_105_579_642_7).abs() < 1e-9, "{exp}");
        let values = (1..=10).rev().map(f64::from).collect();
        assert_eq!(Dist::empirical(values).unwrap().quantile_secs(0.9), 9.0);
        assert_eq!(Dist::constant(7.0).unwrap().quantile_secs(0.99), 7.0);
    }

    #[test]
    fn bad_parameters_are_refused() {
        assert!(Dist::exponential(0.0).is_err());
        assert!(Dist::triangular(5.0, 4.0, 6.0).is_err());
        assert!(Dist::uniform(3.0, 2.0).is_err());
        assert!(Dist::empirical(vec![]).is_err());
        assert!(Dist::constant(-1.0).is_err());
        assert!(Dist::weibull(0.0, 1.0).is_err());
    }
}

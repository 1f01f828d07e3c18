//! Closed-form results of queueing theory that the engine is validated against: the oracles
//! of the test suites, kept in one place.

/// M/M/1 with arrival rate `lambda` and service rate `mu` (same time unit, `lambda < mu`):
/// mean time in system `W = 1/(μ − λ)`.
pub fn mm1_time_in_system(lambda: f64, mu: f64) -> f64 {
    1.0 / (mu - lambda)
}

/// M/G/1 whose service time is a mixture: with probability `share` a unit's service has mean
/// `mean` and second moment `second_moment` (one `(share, mean, second_moment)` per class, shares
/// summing to 1). The Pollaczek–Khinchine mean wait from the mixture's moments,
/// `Wq = λ E[S²] / (2 (1 − ρ))` with `E[S] = Σ pᵢ E[Sᵢ]`, `E[S²] = Σ pᵢ E[Sᵢ²]`, `ρ = λ E[S]`;
/// returns the mean time in system `W = Wq + E[S]`.
pub fn mg1_mixture_time_in_system(lambda: f64, classes: &[(f64, f64, f64)]) -> f64 {
    let mean: f64 = classes.iter().map(|(share, mean, _)| share * mean).sum();
    let second: f64 = classes
        .iter()
        .map(|(share, _, second)| share * second)
        .sum();
    let rho = lambda * mean;
    lambda * second / (2.0 * (1.0 - rho)) + mean
}

/// Erlang C: the probability that an arrival waits in an M/M/c queue with offered load
/// `a = λ/μ` erlangs (`a < c`).
pub fn erlang_c(c: u32, a: f64) -> f64 {
    let rho = a / f64::from(c);
    let mut term = 1.0;
    let mut sum = 1.0;
    for k in 1..c {
        term *= a / f64::from(k);
        sum += term;
    }
    let top = term * a / f64::from(c) / (1.0 - rho);
    top / (sum + top)
}

/// M/M/c mean time in system: `C(c, a)/(cμ − λ) + 1/μ`.
pub fn mmc_time_in_system(c: u32, lambda: f64, mu: f64) -> f64 {
    erlang_c(c, lambda / mu) / (f64::from(c) * mu - lambda) + 1.0 / mu
}

/// A Jackson tandem line of single exponential servers with unlimited buffers:
/// `W = Σ 1/(μᵢ − λ)`.
pub fn jackson_tandem_time_in_system(lambda: f64, mus: &[f64]) -> f64 {
    mus.iter().map(|mu| 1.0 / (mu - lambda)).sum()
}

/// Two exponential machines, the first never starved, `places` buffer places between them and
/// blocking after service. Units between the machines (held by a blocked first machine, queued,
/// in service at the second) form a birth–death chain on `0..=places+2` with
/// `π_k ∝ (μ1/μ2)^k`. Returns (throughput, π_0 = second machine starved, π_last = first
/// machine blocked).
pub fn two_machine_line(mu1: f64, mu2: f64, places: u32) -> (f64, f64, f64) {
    let rho = mu1 / mu2;
    let states = places as i32 + 3;
    let weights: Vec<f64> = (0..states).map(|k| rho.powi(k)).collect();
    let total: f64 = weights.iter().sum();
    let starved = weights[0] / total;
    let blocked = weights[states as usize - 1] / total;
    (mu2 * (1.0 - starved), starved, blocked)
}

/// The machine-repair model: `machines` machines failing at rate `lambda` each while up,
/// `technicians` repairers at rate `mu` each. Returns the long-run fraction of time a machine
/// is up.
pub fn machine_repair_up_fraction(machines: u32, technicians: u32, lambda: f64, mu: f64) -> f64 {
    // Birth–death on the number of machines down.
    let mut weights = vec![1.0];
    for down in 0..machines {
        let fail_rate = f64::from(machines - down) * lambda;
        let repair_rate = f64::from((down + 1).min(technicians)) * mu;
        let last = *weights.last().unwrap_or(&1.0);
        weights.push(last * fail_rate / repair_rate);
    }
    let total: f64 = weights.iter().sum();
    let mean_up: f64 = weights
        .iter()
        .enumerate()
        .map(|(down, w)| f64::from(machines - down as u32) * w)
        .sum::<f64>()
        / total;
    mean_up / f64::from(machines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_values() {
        assert!((mm1_time_in_system(0.8, 1.0) - 5.0).abs() < 1e-12);
        assert!((erlang_c(3, 2.4) - 0.647_191).abs() < 1e-6);
        assert!(
            (jackson_tandem_time_in_system(0.8, &[1.0, 1.2, 1.1]) - (5.0 + 2.5 + 10.0 / 3.0)).abs()
                < 1e-12
        );
        // One class of exponential service is M/M/1: E[S²] = 2/μ².
        assert!((mg1_mixture_time_in_system(0.8, &[(1.0, 1.0, 2.0)]) - 5.0).abs() < 1e-12);
        // 30 % constant 2, 70 % exponential mean 0.4 at λ = 1: E[S] = 0.88, E[S²] = 1.424,
        // Wq = 1.424 / (2 × 0.12).
        assert!(
            (mg1_mixture_time_in_system(1.0, &[(0.3, 2.0, 4.0), (0.7, 0.4, 0.32)])
                - (1.424 / 0.24 + 0.88))
                .abs()
                < 1e-12
        );
        // Two machines, TTF mean 1, TTR mean 0.5, one technician: each up 60% of the time.
        assert!((machine_repair_up_fraction(2, 1, 1.0, 2.0) - 0.6).abs() < 1e-12);
        // Equal rates, no buffer: three states, throughput 2/3 of μ.
        let (throughput, starved, blocked) = two_machine_line(1.0, 1.0, 0);
        assert!(
            (throughput - 2.0 / 3.0).abs() < 1e-12
                && (starved - 1.0 / 3.0).abs() < 1e-12
                && (blocked - 1.0 / 3.0).abs() < 1e-12
        );
    }
}

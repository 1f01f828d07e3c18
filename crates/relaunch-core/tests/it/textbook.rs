//! The engine against closed-form queueing results. Each check asserts that the exact value
//! lies within three standard errors of the mean across replications; seeds are fixed, so a
//! test fails the same way every time if the engine is wrong, and never flakes.

use relaunch_core::model::{Crew, Failure, Release};
use relaunch_core::montecarlo::{Forecast, forecast};
use relaunch_core::sim::{self, Prepared, Relaxations};
use relaunch_core::stats::Estimate;
use relaunch_core::theory;

use crate::build::*;

fn no_progress(_: u64) {}

fn run(scenario: &relaunch_core::Scenario, replications: u64) -> Forecast {
    forecast(
        scenario,
        20_231_219,
        replications,
        Relaxations::default(),
        &no_progress,
    )
}

/// Asserts `exact` is within three standard errors of `estimate`.
#[track_caller]
pub fn within_3se(what: &str, estimate: Estimate, exact: f64) {
    let distance = (estimate.mean - exact).abs();
    assert!(
        distance <= 3.0 * estimate.std_error,
        "{what}: simulated {:.5} ± {:.5} (se), exact {exact:.5}, {:.1} standard errors apart",
        estimate.mean,
        estimate.std_error,
        distance / estimate.std_error
    );
    // The interval must also be informative: a test with a huge standard error cannot fail.
    assert!(
        estimate.std_error < 0.02 * exact.abs().max(0.05),
        "{what}: standard error {} too large",
        estimate.std_error
    );
}

#[test]
fn mm1_matches_closed_form() {
    // λ = 0.8/min, μ = 1/min: ρ = 0.8, L = ρ/(1−ρ) = 4, W = 1/(μ−λ) = 5 min.
    let scenario = line(
        vec![station("server", exp(60.0))],
        poisson(75.0),
        2000.0 * HOUR,
        50.0 * HOUR,
    );
    let result = run(&scenario, 12);
    within_3se(
        "M/M/1 W (min)",
        result.flow_time_minutes,
        theory::mm1_time_in_system(0.8, 1.0),
    );
    within_3se("M/M/1 L", result.wip, 4.0);
    within_3se("M/M/1 utilisation", result.stations[0].busy, 0.8);
    within_3se("M/M/1 throughput (/h)", result.throughput_per_hour, 48.0);
}

#[test]
fn mmc_matches_erlang_c() {
    // c = 3, λ = 2.4/min, μ = 1/min: a = 2.4, ρ = 0.8.
    let mut server = station("servers", exp(60.0));
    server.servers = 3;
    let scenario = line(vec![server], poisson(25.0), 1500.0 * HOUR, 50.0 * HOUR);
    let result = run(&scenario, 12);
    let w = theory::mmc_time_in_system(3, 2.4, 1.0);
    within_3se("M/M/3 W (min)", result.flow_time_minutes, w);
    within_3se("M/M/3 L", result.wip, 2.4 * w);
    within_3se("M/M/3 utilisation", result.stations[0].busy, 0.8);
}

#[test]
fn jackson_tandem_line() {
    // λ = 0.8/min through μ = 1, 1.2, 1.1 /min with unlimited buffers: W = Σ 1/(μᵢ − λ).
    let mus = [1.0, 1.2, 1.1];
    let stations = mus
        .iter()
        .enumerate()
        .map(|(i, mu)| station(&format!("s{i}"), exp(60.0 / mu)))
        .collect();
    let scenario = line(stations, poisson(75.0), 2000.0 * HOUR, 50.0 * HOUR);
    let result = run(&scenario, 12);
    let exact = theory::jackson_tandem_time_in_system(0.8, &mus);
    within_3se("tandem W (min)", result.flow_time_minutes, exact);
    for (i, mu) in mus.iter().enumerate() {
        within_3se("tandem utilisation", result.stations[i].busy, 0.8 / mu);
    }
}

#[test]
fn two_machines_with_a_finite_buffer() {
    // m1 never starved (μ1 = 1/min), m2 μ2 = 1.2/min, B = 2 places between, blocking after
    // service. Units between the machines (held by a blocked m1, queued, at m2) form a
    // birth–death chain on 0..=B+2 with π_k ∝ (μ1/μ2)^k, and throughput = μ2 (1 − π_0).
    let (mu1, mu2, places) = (1.0, 1.2, 2);
    let mut m2 = station("m2", exp(60.0 / mu2));
    m2.buffer = Some(places);
    let mut scenario = line(
        vec![station("m1", exp(60.0 / mu1)), m2],
        Release::Saturated { limit: None },
        2000.0 * HOUR,
        20.0 * HOUR,
    );
    scenario.products[0].route = vec![0, 1];
    let result = run(&scenario, 12);
    let rho: f64 = mu1 / mu2;
    let states = places + 3;
    let pi0 = (1.0 - rho) / (1.0 - rho.powi(states as i32));
    let throughput_per_min = mu2 * (1.0 - pi0);
    within_3se(
        "two-machine throughput (/h)",
        result.throughput_per_hour,
        60.0 * throughput_per_min,
    );
    let pi_blocked = pi0 * rho.powi(states as i32 - 1);
    within_3se(
        "m1 blocked fraction",
        result.stations[0].blocked,
        pi_blocked,
    );
    within_3se("m2 starved fraction", result.stations[1].starved, pi0);
}

#[test]
fn machine_repair_with_one_technician() {
    // Two machines, time to failure exponential mean 1 h (busy time; a saturated machine is
    // busy whenever it is up), repair exponential mean 0.5 h, one technician. Down machines
    // form a birth–death chain with rates 2λ, λ down and μ up: π = (0.4, 0.4, 0.2), so each
    // machine is up (1.2 of 2) 60% of the time.
    let mut machines = station("machines", constant(60.0));
    machines.servers = 2;
    machines.failure = Some(Failure {
        ttf: exp(HOUR),
        ttr: exp(0.5 * HOUR),
        crew: Some(0),
    });
    let mut scenario = line(
        vec![machines],
        Release::Saturated { limit: None },
        4000.0 * HOUR,
        20.0 * HOUR,
    );
    scenario.crews = vec![Crew {
        id: "technician".to_string(),
        size: 1,
    }];
    let result = run(&scenario, 12);
    let up = theory::machine_repair_up_fraction(2, 1, 1.0, 2.0);
    within_3se("machine up fraction", result.stations[0].busy, up);
    within_3se("machine down fraction", result.stations[0].down, 1.0 - up);
    within_3se(
        "repair-model throughput (/h)",
        result.throughput_per_hour,
        2.0 * 0.6 * 60.0,
    );
}

#[test]
fn littles_law_holds_on_the_sample_path() {
    // A run that starts empty and, with a release limit, ends empty: the area under WIP equals
    // the sum of flow times exactly, tick for tick.
    let mut second = station("s2", exp(50.0));
    second.buffer = Some(1);
    let mut scenario = line(
        vec![station("s1", exp(55.0)), second, station("s3", exp(58.0))],
        poisson(60.0),
        1000.0 * HOUR,
        0.0,
    );
    scenario.release = Release::Arrivals {
        interval: exp(60.0),
        limit: Some(5_000),
    };
    let prepared = Prepared::new(&scenario);
    for replication in 0..4 {
        let outcome = sim::run(&scenario, &prepared, 99, replication);
        assert_eq!(outcome.released, 5_000);
        assert_eq!(outcome.good, 5_000);
        assert!(outcome.wip_area > 0);
        assert_eq!(
            outcome.wip_area, outcome.flow_sum,
            "replication {replication}"
        );
    }
}

#[test]
fn same_result_at_one_and_two_threads() {
    let mut scenario = line(
        vec![station("a", exp(50.0)), station("b", exp(55.0))],
        poisson(60.0),
        200.0 * HOUR,
        10.0 * HOUR,
    );
    scenario.stations[1].buffer = Some(2);
    scenario.stations[1].failure = Some(Failure {
        ttf: exp(5.0 * HOUR),
        ttr: exp(600.0),
        crew: None,
    });
    let at = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            format!(
                "{:?}",
                forecast(&scenario, 5, 300, Relaxations::default(), &no_progress)
            )
        })
    };
    assert_eq!(at(1), at(2));
}

//! Micro-benchmarks of the engine: the event kernel on its own, and the line model on the
//! benchmark tandem line of `bench/tandem5.toml` built from core types.
//!
//! Run with `cargo bench -p relaunch-core --bench kernel`. Criterion prints the throughput as
//! elements per second: events for the kernel, jobs (and events) for the line model.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiff::civil::date;
use relaunch_core::Dist;
use relaunch_core::kernel::{EventQueue, Tick};
use relaunch_core::model::{Calendar, Learning, Product, Release, Scenario, Station};
use relaunch_core::sim::{self, Prepared};

/// Events pending in the queue while it churns.
const PENDING: usize = 1000;
/// Pop/schedule pairs per measured iteration.
const CHURN: u64 = 100_000;
/// Jobs through the line per measured iteration.
const JOBS: u64 = 100_000;

/// A small, fast generator of delays, so the benchmark measures the queue and not the RNG.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Exponential-looking delays (mean about 60 s in ticks), drawn up front.
fn delays(n: usize) -> Vec<Tick> {
    let mut rng = SplitMix(42);
    (0..n)
        .map(|_| {
            let u = ((rng.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
            (-u.ln() * 60_000.0) as Tick
        })
        .collect()
}

/// The model's event is two `u32`s: the same size as `sim`'s `ServiceEnd { station, server }`.
type Payload = (u32, u32);

fn kernel(c: &mut Criterion) {
    let table = delays(1 << 16);
    let mask = table.len() - 1;
    let mut queue: EventQueue<Payload> = EventQueue::new();
    for (i, &delay) in table.iter().take(PENDING).enumerate() {
        queue.schedule(delay, (i as u32, 0));
    }
    let mut cursor = PENDING;
    let mut group = c.benchmark_group("kernel");
    group.throughput(Throughput::Elements(CHURN));
    group.bench_function("pop+schedule, 1000 pending", |b| {
        b.iter(|| {
            for _ in 0..CHURN {
                let (_, event) = queue.pop().expect("the queue never runs empty");
                let delay = table[cursor & mask];
                cursor = cursor.wrapping_add(1);
                queue.schedule_in(delay, black_box(event));
            }
        })
    });
    group.finish();
    assert_eq!(queue.len(), PENDING);
}

fn exp(mean_secs: f64) -> Dist {
    Dist::exponential(mean_secs).expect("a positive mean")
}

fn station(id: &str, mean_secs: f64, buffer: Option<u32>) -> Station {
    Station {
        id: id.to_string(),
        shop: None,
        servers: 1,
        cycle: exp(mean_secs),
        buffer,
        operators: 0,
        failure: None,
        inspection: false,
        rework: false,
    }
}

/// `bench/tandem5.toml` with `jobs` jobs: Poisson arrivals at 0.8/min into five exponential
/// stations (mu = 1, 1.1, 1.2, 1.1, 1.0 per min), buffers unlimited, 5, 5, 5, 5, blocking after
/// service, a 24/7 clock, no warm-up.
fn tandem5(jobs: u64) -> Scenario {
    let stations = vec![
        station("s1", 60.0, None),
        station("s2", 60.0 / 1.1, Some(5)),
        station("s3", 50.0, Some(5)),
        station("s4", 60.0 / 1.1, Some(5)),
        station("s5", 60.0, Some(5)),
    ];
    Scenario {
        name: "bench: tandem5".to_string(),
        start: date(2024, 1, 1),
        // 100k jobs take ~87 days; room to spare so that every job leaves.
        horizon_secs: 86_400.0 * (jobs as f64 * 75.0 / 86_400.0 * 2.0 + 30.0),
        warmup_secs: 0.0,
        seed: 1,
        replications: 1,
        calendar: Calendar::AlwaysOn,
        products: vec![Product {
            id: "job".to_string(),
            route: (0..stations.len()).collect(),
            mix: 1.0,
            kit: None,
            cycles: Vec::new(),
        }],
        stations,
        crews: vec![],
        kits: vec![],
        workforce: None,
        learning: Learning::default(),
        release: Release::Arrivals {
            interval: exp(75.0),
            limit: Some(jobs),
        },
        milestones: vec![],
        localization: None,
        costs: None,
        programme: Default::default(),
        disruptions: Default::default(),
    }
}

fn line(c: &mut Criterion) {
    let scenario = tandem5(JOBS);
    let prepared = Prepared::new(&scenario);
    let once = sim::run(&scenario, &prepared, 1, 0);
    assert_eq!(once.good, JOBS, "every job leaves within the horizon");
    eprintln!(
        "line/tandem5: {} jobs, {} events per run, mean time in system {:.3} min",
        once.good,
        once.events,
        once.flow_minutes.unwrap_or(f64::NAN)
    );
    let mut group = c.benchmark_group("line");
    group.sample_size(20);
    group.throughput(Throughput::Elements(JOBS));
    group.bench_function("tandem5 100k jobs (jobs/s)", |b| {
        b.iter(|| sim::run(black_box(&scenario), &prepared, 1, 0))
    });
    group.throughput(Throughput::Elements(once.events));
    group.bench_function("tandem5 100k jobs (events/s)", |b| {
        b.iter(|| sim::run(black_box(&scenario), &prepared, 1, 0))
    });
    group.finish();
}

criterion_group!(benches, kernel, line);
criterion_main!(benches);

//! The engine against closed-form queueing results.

use relaunch_core::montecarlo::forecast;
use relaunch_core::sim::Relaxations;

use crate::build::*;

fn no_progress(_: u64) {}

#[test]
fn mm1_smoke() {
    let scenario = line(
        vec![station("s", exp(60.0))],
        poisson(75.0),
        2000.0 * HOUR,
        50.0 * HOUR,
    );
    let result = forecast(&scenario, 1, 8, Relaxations::default(), &no_progress);
    eprintln!(
        "{:?} {:?} {:?}",
        result.throughput_per_hour, result.wip, result.flow_time_minutes
    );
    eprintln!("{:?}", result.stations[0]);
}

//! The shipped textbook examples against closed-form queueing theory, through the whole tool:
//! file, reader, engine and result document. Each exact value must lie within three standard
//! errors of the simulated mean (seeds are the files' own, so the tests never flake).

use relaunch_core::theory;

use crate::support::simulate_json;

#[track_caller]
fn within_3se(document: &serde_json::Value, pointer: &str, exact: f64) {
    let mean = document
        .pointer(&format!("{pointer}/mean"))
        .and_then(|v| v.as_f64())
        .unwrap_or_else(|| panic!("{pointer}"));
    let std_error = document
        .pointer(&format!("{pointer}/std_error"))
        .and_then(|v| v.as_f64())
        .unwrap();
    assert!(
        std_error > 0.0 && std_error < 0.02 * exact.abs().max(0.05),
        "{pointer}: standard error {std_error}"
    );
    assert!(
        (mean - exact).abs() <= 3.0 * std_error,
        "{pointer}: simulated {mean} ± {std_error}, exact {exact}"
    );
}

/// A station fraction, which the document gives as a mean with an interval.
#[track_caller]
fn station_near(document: &serde_json::Value, station: usize, key: &str, exact: f64) {
    let value = document["stations"][station][key].as_f64().unwrap();
    assert!(
        (value - exact).abs() < 0.01,
        "station {station} {key}: {value}, exact {exact}"
    );
}

#[test]
fn mm1() {
    let d = simulate_json(&["examples/textbook/mm1.toml"]);
    within_3se(
        &d,
        "/flow_time_minutes",
        theory::mm1_time_in_system(0.8, 1.0),
    );
    within_3se(&d, "/wip", 4.0);
    within_3se(&d, "/throughput_per_hour", 48.0);
    station_near(&d, 0, "utilisation", 0.8);
}

#[test]
fn mmc() {
    let d = simulate_json(&["examples/textbook/mmc.toml"]);
    let w = theory::mmc_time_in_system(3, 2.4, 1.0);
    within_3se(&d, "/flow_time_minutes", w);
    within_3se(&d, "/wip", 2.4 * w);
    station_near(&d, 0, "utilisation", 0.8);
}

#[test]
fn tandem() {
    let d = simulate_json(&["examples/textbook/tandem.toml"]);
    within_3se(
        &d,
        "/flow_time_minutes",
        theory::jackson_tandem_time_in_system(0.8, &[1.0, 1.2, 1.1]),
    );
}

#[test]
fn two_machines_with_a_buffer() {
    let d = simulate_json(&["examples/textbook/two-machines-buffer.toml"]);
    let (throughput, starved, blocked) = theory::two_machine_line(1.0, 1.2, 2);
    within_3se(&d, "/throughput_per_hour", 60.0 * throughput);
    station_near(&d, 1, "starved", starved);
    station_near(&d, 0, "blocked", blocked);
}

#[test]
fn machine_repair() {
    let d = simulate_json(&["examples/textbook/machine-repair.toml"]);
    let up = theory::machine_repair_up_fraction(2, 1, 1.0, 2.0);
    station_near(&d, 0, "busy", up);
    station_near(&d, 0, "down", 1.0 - up);
    within_3se(&d, "/throughput_per_hour", 2.0 * up * 60.0);
}

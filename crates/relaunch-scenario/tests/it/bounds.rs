//! A typed fuzzer of the model's bounds: scenarios built from typed values with every count at
//! and beyond its limits (0, 1, the cap, huge), empty and long arrays, written as TOML. Each is
//! either refused with diagnostics (never a panic) or run for two replications on a bounded
//! event budget, which must finish. The work is bounded by a case count (256, or
//! `RELAUNCH_FUZZ_CASES`) and the event budget, never by time.
//!
//! Beside it, one test per class of bound the checker enforces, through the file so that each
//! refusal is seen at its `file:line:column`.

use proptest::prelude::*;
use relaunch_core::sim::{Prepared, run_with_event_budget};
use relaunch_scenario::load_str;

/// Events one fuzzed replication may handle before it stops as if at the horizon.
const EVENT_BUDGET: u64 = 20_000;

/// A count at or beyond the limits of its key: mostly plausible, one in four at an edge.
fn any_count() -> impl Strategy<Value = u64> {
    let edge = prop_oneof![
        Just(0u64),
        Just(1),
        Just(10_000),
        Just(10_001),
        Just(1_000_000),
        Just(1_000_001),
        Just(u64::from(u32::MAX)),
        Just(1u64 << 31),
        Just(u64::from(u32::MAX) + 1),
    ];
    prop_oneof![6 => 1u64..=50, 2 => edge]
}

/// A duration in seconds, from below the clock's tick to centuries, mostly plausible.
fn any_secs() -> impl Strategy<Value = f64> {
    let edge = prop_oneof![
        Just(0.0005),
        Just(0.001),
        Just(0.002),
        Just(1.0),
        Just(86_400.0 * 365.0),
        Just(1e12),
    ];
    prop_oneof![3 => Just(60.0), 3 => Just(3_600.0), 2 => edge]
}

/// A horizon in days: one day to fifty years.
fn any_horizon() -> impl Strategy<Value = u64> {
    prop_oneof![Just(1u64), 1u64..=60, Just(365), Just(18_262)]
}

#[derive(Debug, Clone)]
struct StationSpec {
    servers: u64,
    cycle_secs: f64,
    /// `None` is "unlimited".
    buffer: Option<u64>,
    operators: u64,
    failure: Option<(f64, f64, bool)>,
}

#[derive(Debug, Clone)]
enum ReleaseSpec {
    Plan(Vec<u64>),
    Arrivals(f64),
    Saturated,
}

#[derive(Debug, Clone)]
struct ScenarioSpec {
    horizon_days: u64,
    replications: u64,
    shifts: Option<u64>,
    stations: Vec<StationSpec>,
    crew_size: u64,
    products: usize,
    kit: Option<(u64, u64, u64)>,
    hires: Vec<u64>,
    release: ReleaseSpec,
    limit: Option<u64>,
}

fn station() -> impl Strategy<Value = StationSpec> {
    (
        any_count(),
        any_secs(),
        prop::option::of(any_count()),
        any_count(),
        prop::option::of((any_secs(), any_secs(), any::<bool>())),
    )
        .prop_map(
            |(servers, cycle_secs, buffer, operators, failure)| StationSpec {
                servers,
                cycle_secs,
                buffer,
                operators,
                failure,
            },
        )
}

fn release() -> impl Strategy<Value = ReleaseSpec> {
    prop_oneof![
        prop::collection::vec(any_count(), 0..4).prop_map(ReleaseSpec::Plan),
        any_secs().prop_map(ReleaseSpec::Arrivals),
        Just(ReleaseSpec::Saturated),
    ]
}

fn scenario_spec() -> impl Strategy<Value = ScenarioSpec> {
    (
        (
            any_horizon(),
            any_count(),
            prop::option::of(0u64..=4),
            prop::collection::vec(station(), 0..5),
            any_count(),
        ),
        (
            0usize..3,
            prop::option::of((any_count(), any_count(), any_count())),
            prop::collection::vec(any_count(), 0..4),
            release(),
            prop::option::of(any_count()),
        ),
    )
        .prop_map(
            |(
                (horizon_days, replications, shifts, stations, crew_size),
                (products, kit, hires, release, limit),
            )| ScenarioSpec {
                horizon_days,
                replications,
                shifts,
                stations,
                crew_size,
                products,
                kit,
                hires,
                release,
                limit,
            },
        )
}

/// The spec as a scenario file. A workforce needs a shift calendar, so hires are written only
/// with one; every product visits every station.
fn to_toml(spec: &ScenarioSpec) -> String {
    let mut text = format!(
        "[scenario]\nname = \"bounds\"\nstart = \"2024-01-01\"\nhorizon = \"{}d\"\n\
         replications = {}\n\n",
        spec.horizon_days, spec.replications
    );
    if let Some(shifts) = spec.shifts {
        text += &format!("[calendar]\nshifts = {shifts}\nshift_length = \"6h\"\n\n");
    }
    text += &format!("[[crew]]\nid = \"crew\"\nsize = {}\n\n", spec.crew_size);
    for (index, station) in spec.stations.iter().enumerate() {
        text += &format!(
            "[[station]]\nid = \"s{index}\"\nservers = {}\ncycle = \"{}s\"\noperators = {}\n",
            station.servers, station.cycle_secs, station.operators
        );
        text += &match station.buffer {
            Some(buffer) => format!("buffer = {buffer}\n"),
            None => "buffer = \"unlimited\"\n".to_string(),
        };
        if let Some((ttf, ttr, crew)) = station.failure {
            let crew = if crew { ", crew = \"crew\"" } else { "" };
            text += &format!("failure = {{ ttf = \"{ttf}s\", ttr = \"{ttr}s\"{crew} }}\n");
        }
        text += "\n";
    }
    let route: Vec<String> = (0..spec.stations.len())
        .map(|index| format!("\"s{index}\""))
        .collect();
    for product in 0..spec.products {
        text += &format!(
            "[[product]]\nid = \"p{product}\"\nroute = [{}]\n",
            route.join(", ")
        );
        if spec.kit.is_some() {
            text += "kit = \"k\"\n";
        }
        text += "\n";
    }
    if let Some((stock, quantity, shipment)) = spec.kit {
        text += &format!(
            "[[kit]]\nid = \"k\"\ninitial_stock = {stock}\n\
             orders = [{{ first = \"2024-01-05\", every = \"7d\", quantity = {quantity} }}]\n\
             shipments = [{{ arrives = \"2024-01-10\", quantity = {shipment} }}]\n\
             lead_time = \"10d\"\n\n"
        );
    }
    if spec.shifts.is_some() && !spec.hires.is_empty() {
        let hires: Vec<String> = spec
            .hires
            .iter()
            .map(|count| format!("{{ date = \"2024-01-01\", count = {count} }}"))
            .collect();
        text += &format!(
            "[workforce]\nhires = [{}]\nattrition_per_year = 0.1\n\n",
            hires.join(", ")
        );
    }
    text += "[release]\n";
    text += &match &spec.release {
        ReleaseSpec::Plan(per_day) => {
            let phases: Vec<String> = per_day
                .iter()
                .enumerate()
                .map(|(index, per_day)| {
                    format!(
                        "{{ from = \"2024-01-{:02}\", per_day = {per_day} }}",
                        index + 1
                    )
                })
                .collect();
            format!("plan = [{}]\n", phases.join(", "))
        }
        ReleaseSpec::Arrivals(mean) => {
            format!("arrivals = {{ dist = \"exponential\", mean = \"{mean}s\" }}\n")
        }
        ReleaseSpec::Saturated => "saturated = true\n".to_string(),
    };
    if let Some(limit) = spec.limit {
        text += &format!("limit = {limit}\n");
    }
    text
}

/// Loads `text`: a refusal must be diagnostics that render; an accepted scenario runs two
/// replications on the event budget. Returns whether it was accepted.
fn refuse_or_run(text: &str) -> bool {
    match load_str("bounds.toml", text) {
        Err(diagnostics) => {
            assert!(!diagnostics.0.is_empty());
            let _ = diagnostics.to_string();
            false
        }
        Ok(scenario) => {
            let prepared = Prepared::new(&scenario);
            for replication in 0..2 {
                let outcome =
                    run_with_event_budget(&scenario, &prepared, 7, replication, EVENT_BUDGET);
                assert!(outcome.events <= EVENT_BUDGET, "{}", outcome.events);
            }
            true
        }
    }
}

/// The case count: 256, or `RELAUNCH_FUZZ_CASES` for a longer run.
fn cases() -> u32 {
    std::env::var("RELAUNCH_FUZZ_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_scenario_at_its_limits_is_refused_or_runs(spec in scenario_spec()) {
        refuse_or_run(&to_toml(&spec));
    }
}

/// A plausible line of one station, with `station`, `workforce` and `release` lines appended.
fn line(station: &str, rest: &str) -> String {
    format!(
        "[scenario]\nname = \"bounds\"\nstart = \"2024-01-01\"\nhorizon = \"120d\"\n\n\
         [[station]]\nid = \"s\"\ncycle = \"60s\"\n{station}\n\
         [[product]]\nid = \"car\"\nroute = [\"s\"]\n\n{rest}"
    )
}

/// The diagnostics of a refused `text`, rendered.
fn refused(text: &str) -> String {
    match load_str("bounds.toml", text) {
        Err(diagnostics) => diagnostics.to_string(),
        Ok(_) => panic!("accepted:\n{text}"),
    }
}

#[test]
fn huge_servers_are_refused_at_servers() {
    let text = line(
        "servers = 2147483648\n",
        "[release]\nsaturated = true\nlimit = 10\n",
    );
    let shown = refused(&text);
    assert!(shown.contains("bounds.toml:9:11"), "{shown}");
    assert!(shown.contains("expected at most 10000"), "{shown}");
    assert!(refuse_or_run(&line(
        "servers = 10000\n",
        "[release]\nsaturated = true\nlimit = 10\n"
    )));
}

#[test]
fn huge_hires_are_refused_at_the_hire_crossing_the_total() {
    let text = line(
        "operators = 1\n",
        "[calendar]\nshifts = 1\n\n[workforce]\nhires = [{ date = \"2024-01-01\", count = 5 }, \
         { date = \"2024-02-01\", count = 4000000000 }]\n\n[release]\nsaturated = true\nlimit = 10\n",
    );
    let shown = refused(&text);
    assert!(
        shown.contains("expected at most 1000000 people hired in all"),
        "{shown}"
    );
    assert!(shown.contains("bounds.toml:19:77"), "{shown}");
}

#[test]
fn huge_replications_are_refused_in_the_file() {
    let text = line("", "[release]\nsaturated = true\nlimit = 10\n").replace(
        "horizon = \"120d\"\n",
        "horizon = \"120d\"\nreplications = 1000000000\n",
    );
    let shown = refused(&text);
    assert!(shown.contains("bounds.toml:5:16"), "{shown}");
    assert!(shown.contains("expected at most 1000000"), "{shown}");
}

#[test]
fn a_million_a_day_into_an_unlimited_buffer_is_refused_with_the_numbers() {
    let text = line(
        "",
        "[release]\nplan = [{ from = \"2024-01-01\", per_day = 1000000 }]\n",
    );
    let shown = refused(&text);
    assert!(shown.contains("bounds.toml:15:42"), "{shown}");
    assert!(shown.contains("about 1440 units a day"), "{shown}");
    assert!(shown.contains("about 1000000 a day"), "{shown}");
    assert!(
        shown.contains("1.2e8 units by the horizon's end"),
        "{shown}"
    );
}

#[test]
fn a_limit_does_not_switch_the_flood_guard_off() {
    let text = line("", "[release]\narrivals = \"0.002s\"\nlimit = 2000000000\n");
    let shown = refused(&text);
    assert!(shown.contains("would release about 2.0e9 units"), "{shown}");
    assert!(shown.contains("bounds.toml:15:12"), "{shown}");
}

//! Regression tests from a methodology review of the engine: each reproduces a bug that was
//! found and fixed (hangs on sub-tick durations, overflow, per-route inspection, fair release
//! of shared first stations, kit orders before the start, night shifts past the horizon,
//! unstaffed time around warm-up and at the end, plan limits, kit stock on days off, and the
//! staffing relaxation keeping the headcount).

use jiff::civil::date;
use relaunch_core::model::*;
use relaunch_core::schedule::PlantCalendar;
use relaunch_core::sim::{self, Prepared, Relaxations, RunOutcome};

use crate::build::*;

fn run(scenario: &Scenario, relax: Relaxations) -> RunOutcome {
    let relaxed = relax.apply(scenario);
    sim::run(&relaxed, &Prepared::new(&relaxed), 3, 0)
}

/// Runs one replication that once never ended, and checks that simulated time ran to the
/// horizon with at most a few events per millisecond tick: a hang is bounded by the count of
/// events, not by a wall-clock limit (so the test means the same on a busy machine).
fn assert_runs_to_the_horizon(scenario: &Scenario) {
    let outcome = run(scenario, Relaxations::default());
    let horizon_ticks = (scenario.horizon_secs * 1000.0) as u64;
    assert_eq!(outcome.end_tick, horizon_ticks, "time reached the horizon");
    assert!(
        outcome.events <= 4 * horizon_ticks,
        "{} events for {horizon_ticks} ticks",
        outcome.events
    );
}

/// Every day of the week a workday, `shifts` shifts of 8 h from 06:00.
fn every_day(shifts: u32) -> Calendar {
    Calendar::Shifts(ShiftCalendar {
        workdays: [true; 7],
        shift_length_secs: 8.0 * HOUR,
        shifts: vec![ShiftPhase::always(shifts)],
        first_shift_start_secs: 6.0 * HOUR,
        holidays: vec![],
        shutdowns: vec![],
    })
}

fn fraction_sum(fractions: &sim::StationFractions) -> f64 {
    fractions.busy + fractions.blocked + fractions.starved + fractions.down + fractions.unstaffed
}

// ----- Station fractions ------------------------------------------------------------------------------

#[test]
fn unstaffed_time_before_warmup_is_excluded() {
    // Every day one 8-hour shift; the only hires finish training on day 10, so days 0–9 are
    // unstaffed. Warm-up 5 days, horizon 20 days: after warm-up, 5 unstaffed shifts (days 5–9)
    // and 10 staffed ones, so the unstaffed fraction is 5 / 15.
    let mut scenario = line(
        vec![station("s", constant(MIN))],
        plan(8, None),
        20.0 * DAY,
        5.0 * DAY,
    );
    scenario.calendar = every_day(1);
    scenario.stations[0].operators = 1;
    scenario.workforce = Some(hired_on_day_0(5, 10.0));
    let outcome = run(&scenario, Relaxations::default());
    assert_eq!(&outcome.staffed_shifts[9..11], &[0, 1]);
    let unstaffed = outcome.stations[0].unstaffed;
    assert!(
        (unstaffed - 5.0 / 15.0).abs() < 1e-9,
        "unstaffed fraction {unstaffed}, want 1/3 (10/20 counts days 0–4 before warm-up)"
    );
}

#[test]
fn fully_unstaffed_horizon_is_all_unstaffed() {
    // Training outlasts the horizon: no shift ever runs. Every scheduled hour is unstaffed, so the
    // station's fractions should be unstaffed = 1 (they are documented to add up to 1).
    let mut scenario = line(
        vec![station("s", constant(MIN))],
        plan(8, None),
        20.0 * DAY,
        0.0,
    );
    scenario.calendar = every_day(1);
    scenario.stations[0].operators = 1;
    scenario.workforce = Some(hired_on_day_0(5, 30.0));
    let outcome = run(&scenario, Relaxations::default());
    let fractions = outcome.stations[0];
    assert!(
        (fraction_sum(&fractions) - 1.0).abs() < 1e-9 && (fractions.unstaffed - 1.0).abs() < 1e-9,
        "fractions {fractions:?} should be unstaffed = 1"
    );
}

// ----- Release and buffers ---------------------------------------------------------------------

#[test]
fn shared_first_station_serves_backlogs_of_every_product() {
    // Products a (s0 → s1) and b (s0 → s2), mix 1 : 1, share s0 (10 min, no buffer). The plan asks
    // far more than s0 can take, so both backlogs grow; the releases should still follow the mix,
    // so s1 and s2 should each get about half of s0's units.
    let mut scenario = line(
        vec![
            station("s0", constant(10.0 * MIN)),
            station("s1", constant(MIN)),
            station("s2", constant(MIN)),
        ],
        plan(1000, None),
        5.0 * DAY,
        0.0,
    );
    scenario.stations[0].buffer = Some(0);
    scenario.products = vec![
        Product {
            id: "a".to_string(),
            route: vec![0, 1],
            mix: 1.0,
            kit: None,
            cycles: Vec::new(),
        },
        Product {
            id: "b".to_string(),
            route: vec![0, 2],
            mix: 1.0,
            kit: None,
            cycles: Vec::new(),
        },
    ];
    let outcome = run(&scenario, Relaxations::default());
    let (a, b) = (outcome.stations[1].busy, outcome.stations[2].busy);
    assert!(
        b > 0.5 * a,
        "product b is starved: s1 busy {a:.4}, s2 busy {b:.4}"
    );
}

// ----- Kits ------------------------------------------------------------------------------------

#[test]
fn order_arriving_before_the_start_is_on_hand() {
    // 10 kits dispatched 60 days before day 0 with a 30-day lead time arrived 30 days before the
    // start: they are on hand on day 0 (a shipment dated before the start is; so should this be).
    let mut scenario = line(
        vec![station("s", constant(MIN))],
        plan(10, None),
        5.0 * DAY,
        0.0,
    );
    scenario.kits = vec![Kit {
        id: "kit".to_string(),
        kind: KitKind::Skd,
        initial_stock: 0,
        orders: vec![KitOrder {
            first: date(2023, 11, 2),
            every_days: None,
            quantity: 10,
            until: None,
        }],
        shipments: vec![],
        lead_time: constant(30.0 * DAY),
        unit_price: None,
        currency: None,
    }];
    scenario.products[0].kit = Some(0);
    let outcome = run(&scenario, Relaxations::default());
    assert_eq!(
        outcome.released, 10,
        "the 10 kits that arrived before day 0 were lost"
    );
}

#[test]
fn weekend_shipment_counts_in_that_days_stock() {
    // Weekday calendar; 5 kits arrive on Saturday 2024-01-06 (day 5) and nothing is planned.
    // The stock at the end of Saturday and Sunday is 5.
    let mut scenario = line(
        vec![station("s", constant(MIN))],
        plan(0, None),
        10.0 * DAY,
        0.0,
    );
    scenario.calendar = weekdays(1);
    scenario.kits = vec![Kit {
        id: "kit".to_string(),
        kind: KitKind::Skd,
        initial_stock: 0,
        orders: vec![],
        shipments: vec![KitShipment {
            arrives: date(2024, 1, 6),
            quantity: 5,
        }],
        lead_time: constant(0.0),
        unit_price: None,
        currency: None,
    }];
    scenario.products[0].kit = Some(0);
    let outcome = run(&scenario, Relaxations::default());
    assert_eq!(&outcome.kit_stock[0][4..8], &[0, 5, 5, 5]);
}

// ----- Calendar --------------------------------------------------------------------------------

#[test]
fn night_shift_past_the_horizon_is_not_simulated() {
    // Three 8-hour shifts from 06:00 every day; horizon 1 day. From 06:00 to 24:00 the line works
    // 18 h; the third shift's 00:00–06:00 part is after the horizon. A saturated 1-hour station
    // makes 18 units, not 24.
    let mut scenario = line(
        vec![station("s", constant(HOUR))],
        Release::Saturated { limit: None },
        DAY,
        0.0,
    );
    scenario.calendar = every_day(3);
    let outcome = run(&scenario, Relaxations::default());
    assert_eq!(
        outcome.end_tick,
        18 * 3_600_000,
        "operating time at the horizon"
    );
    assert_eq!(outcome.good, 18);
}

// ----- Release limit ---------------------------------------------------------------------------

#[test]
fn plan_with_limit_ends_when_the_line_is_empty() {
    // One unit allowed, 1-hour cycle, 24/7: the line is empty after 1 h. The docs say the run ends
    // there (as it does with `arrivals`); the plan's later PlannedStart events keep it open to
    // the last planned start of the horizon, diluting throughput per scheduled hour.
    let scenario = line(
        vec![station("s", constant(HOUR))],
        plan(1, Some(1)),
        10.0 * DAY,
        0.0,
    );
    let outcome = run(&scenario, Relaxations::default());
    assert_eq!(outcome.good, 1);
    assert_eq!(outcome.end_tick, 3_600_000);
    assert!((outcome.throughput_per_hour - 1.0).abs() < 1e-9);
}

// ----- Inspection --------------------------------------------------------------------------------

#[test]
fn default_inspection_is_per_route() {
    // No explicit inspection: "the last station of each route inspects". Product a ends at s0;
    // product b (almost every release) goes s0 → s1 and should be inspected once, at s1. With a
    // flat yield of 0.5 and no rework station half of b's units are scrapped, not three quarters.
    let mut scenario = line(
        vec![station("s0", constant(MIN)), station("s1", constant(MIN))],
        Release::Saturated { limit: Some(4000) },
        30.0 * DAY,
        0.0,
    );
    scenario.products = vec![
        Product {
            id: "a".to_string(),
            route: vec![0],
            mix: 1e-9,
            kit: None,
            cycles: Vec::new(),
        },
        Product {
            id: "b".to_string(),
            route: vec![0, 1],
            mix: 1.0,
            kit: None,
            cycles: Vec::new(),
        },
    ];
    scenario.learning.first_pass_yield = Some(Yield {
        initial: 0.5,
        mature: 0.5,
    });
    let outcome = run(&scenario, Relaxations::default());
    let good = outcome.good as f64 / outcome.released as f64;
    assert_eq!(outcome.released, 4000);
    assert!(
        (good - 0.5).abs() < 0.05,
        "good share {good:.3}: product b is inspected at s0 and again at s1 (0.5² = 0.25)"
    );
}

// ----- Hangs and panics ------------------------------------------------------------------------

#[test]
fn saturated_zero_cycle_terminates() {
    // `cycle = "0.0001s"` passes validation (longer than zero) but `ticks()` rounds it to 0 ms.
    // With a saturated release and no limit, every ServiceEnd at tick 0 releases a new unit
    // ending at tick 0: time never moves (`relaunch simulate` hangs on such a file).
    let scenario = line(
        vec![station("s", constant(0.0001))],
        Release::Saturated { limit: None },
        HOUR,
        0.0,
    );
    assert_runs_to_the_horizon(&scenario);
}

#[test]
fn zero_interarrival_terminates() {
    // `arrivals = "0.0001s"` passes validation and rounds to 0 ticks: Arrival events at tick 0
    // forever, the backlog counter growing without bound.
    let scenario = line(
        vec![station("s", constant(MIN))],
        Release::Arrivals {
            interval: constant(0.0001),
            limit: None,
        },
        HOUR,
        0.0,
    );
    assert_runs_to_the_horizon(&scenario);
}

#[test]
fn operators_sum_does_not_overflow() {
    // Two stations of 2^31 operators each: validation accepts any u32. The sum must not wrap to
    // 0 ("no staffing limit") nor panic.
    let mut scenario = line(
        vec![station("a", constant(MIN)), station("b", constant(MIN))],
        plan(1, None),
        5.0 * DAY,
        0.0,
    );
    scenario.calendar = weekdays(1);
    scenario.stations[0].operators = 1 << 31;
    scenario.stations[1].operators = 1 << 31;
    let calendar = PlantCalendar::new(&scenario);
    assert!(calendar.operators_per_shift >= 1 << 31);
}

// ----- Why late --------------------------------------------------------------------------------

#[test]
fn staffing_relaxation_keeps_the_headcount() {
    // One person hired, 10 operators needed per shift: even with the hire kept and nobody
    // leaving (docs/analysis.md), no shift can run.
    let mut scenario = line(
        vec![station("s", constant(MIN))],
        plan(8, None),
        5.0 * DAY,
        0.0,
    );
    scenario.calendar = weekdays(1);
    scenario.stations[0].operators = 10;
    scenario.workforce = Some(hired_on_day_0(1, 20.0));
    let relax = Relaxations {
        staffing: true,
        ..Relaxations::default()
    };
    let outcome = run(&scenario, relax);
    assert_eq!(
        outcome.staffed_shifts[0], 0,
        "1 person cannot man 10 places"
    );
    assert_eq!(outcome.good, 0);
}

#[test]
fn absurdly_long_durations_do_not_overflow_the_clock() {
    // A repair of 10^20 weeks saturates at the end of time instead of wrapping around.
    let mut machine = station("machine", constant(MIN));
    machine.failure = Some(Failure {
        ttf: constant(HOUR),
        ttr: constant(1e20 * 7.0 * DAY),
        crew: None,
    });
    let scenario = line(
        vec![machine],
        Release::Saturated { limit: None },
        2.0 * DAY,
        0.0,
    );
    let outcome = run(&scenario, Relaxations::default());
    // One hour of work (60 units, the last finishing as the failure clock runs out), then the
    // machine is down for the remaining 47 of the 48 hours.
    assert_eq!(outcome.good, 60);
    assert!((outcome.stations[0].busy - 1.0 / 48.0).abs() < 1e-9);
    assert!((outcome.stations[0].down - 47.0 / 48.0).abs() < 1e-9);
}

#[test]
fn no_release_when_no_shift_ever_runs() {
    // Nobody is trained within the horizon: planned starts pile up at the end of operating time
    // and must not count as released units (nor consume kits).
    let mut scenario = line(
        vec![station("s", constant(MIN))],
        plan(16, None),
        20.0 * DAY,
        0.0,
    );
    scenario.calendar = weekdays(1);
    scenario.stations[0].operators = 5;
    scenario.workforce = Some(hired_on_day_0(30, 1000.0));
    let outcome = run(&scenario, Relaxations::default());
    assert_eq!((outcome.released, outcome.good), (0, 0));
    assert!((outcome.stations[0].unstaffed - 1.0).abs() < 1e-12);
    let forecast =
        relaunch_core::montecarlo::forecast(&scenario, 1, 2, Relaxations::default(), &|_| {});
    assert_eq!(
        forecast.bottleneck, None,
        "no station worked, so none is the bottleneck"
    );
}

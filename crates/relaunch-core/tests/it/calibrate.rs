//! Calibration: posteriors checked against closed forms on hand-made actuals, and the
//! parameters of the model recovered from actuals the model itself generated
//! (`tracking::synthetic`); the draws are reproducible and leave the line's streams alone.

use jiff::civil::{Date, date};
use relaunch_core::Dist;
use relaunch_core::actuals::{Actuals, Metric, Record};
use relaunch_core::model::*;
use relaunch_core::schedule::PlantCalendar;
use relaunch_core::sim::{self, Prepared};
use relaunch_core::tracking::calibrate::{
    Calibration, Estimate, MIN_CAPACITY_BOUND_DAYS, Posterior,
};
use relaunch_core::tracking::synthetic::actuals_from_run;

use crate::build::*;

pub(crate) fn record(date: Date, metric: Metric, item: usize, value: u64) -> Record {
    Record {
        date,
        metric,
        item,
        value,
    }
}

pub(crate) fn actuals(mut records: Vec<Record>) -> Actuals {
    records.sort_by_key(|r| (r.date, r.metric, r.item));
    Actuals { records }
}

pub(crate) fn find<'a>(calibration: &'a Calibration, parameter: &str) -> Option<&'a Estimate> {
    calibration
        .estimates
        .iter()
        .find(|e| e.parameter == parameter)
}

/// A plant of one constant-cycle station (24/7, 20 starts a day), one kit ordered every
/// fortnight with a lognormal lead time of mean 20 days (cv 0.15), a first-pass yield of 0.9
/// at every unit, 200 people hired on day 0 leaving at 30% a year, a year long.
fn plant() -> Scenario {
    let mut scenario = line(
        vec![station("assembly", constant(30.0 * MIN))],
        plan(20, None),
        365.0 * DAY,
        0.0,
    );
    scenario.products[0].kit = Some(0);
    scenario.kits = vec![Kit {
        id: "skd".to_string(),
        kind: KitKind::Skd,
        initial_stock: 600,
        orders: vec![KitOrder {
            first: start(),
            every_days: Some(14),
            quantity: 300,
            until: None,
        }],
        shipments: vec![],
        lead_time: Dist::lognormal(20.0 * DAY, 0.15).unwrap(),
        unit_price: None,
        currency: None,
    }];
    scenario.learning.first_pass_yield = Some(Yield {
        initial: 0.9,
        mature: 0.9,
    });
    scenario.workforce = Some(Workforce {
        hires: vec![Hire {
            date: start(),
            count: 200,
        }],
        training_secs: 0.0,
        attrition_per_year: 0.3,
        ..Workforce::default()
    });
    scenario
}

pub(crate) fn synthetic(scenario: &Scenario, seed: u64) -> Actuals {
    let prepared = Prepared::new(scenario);
    let outcome = sim::run(scenario, &prepared, seed, 0);
    actuals_from_run(scenario, &prepared.calendar, &outcome, seed, 0)
}

#[test]
fn yield_is_the_beta_posterior_of_good_and_scrapped() {
    let scenario = plant();
    let day = date(2024, 3, 1);
    let known = actuals(vec![
        record(day, Metric::Good, 0, 412),
        record(day, Metric::Scrapped, 0, 19),
    ]);
    let calibration = Calibration::estimate(&scenario, &known, day);
    let estimate = find(&calibration, "first_pass_yield").expect("a yield");
    // Beta(1 + 412, 1 + 19): mean 413/433.
    assert!((estimate.mean - 413.0 / 433.0).abs() < 1e-12);
    assert_eq!(estimate.assumed, Some(0.9));
    assert_eq!(estimate.basis, "412 good of 431 finished");
    // The interval of a Beta this peaked is the normal's to within a few per cent: sd =
    // √(ab / ((a+b)²(a+b+1))) = 0.010086, half-width 1.645 sd = 0.01659.
    let (a, b) = (413.0f64, 20.0f64);
    let sd = (a * b / ((a + b) * (a + b) * (a + b + 1.0))).sqrt();
    assert!((sd - 0.010075).abs() < 1e-5);
    let width = estimate.p95 - estimate.p05;
    assert!(
        (width / (2.0 * 1.644_854 * sd) - 1.0).abs() < 0.03,
        "{width}"
    );
    // Skewed toward 0 as a Beta near 1 is.
    assert!(estimate.mean - estimate.p05 > estimate.p95 - estimate.mean);
    // Reworked units are no first-pass good: 400 + 12 reworked + 19 scrapped.
    let with_rework = actuals(vec![
        record(day, Metric::Good, 0, 412),
        record(day, Metric::Reworked, 0, 12),
        record(day, Metric::Scrapped, 0, 19),
    ]);
    let estimate = Calibration::estimate(&scenario, &with_rework, day).estimates[0].clone();
    assert!((estimate.mean - 401.0 / 433.0).abs() < 1e-12);
}

#[test]
fn attrition_is_leavers_over_person_years() {
    let scenario = plant();
    // 10 hired on 2024-01-01, one leaves on 2024-07-01 (day 182): 10 · 182 + 9 · 184 person-days
    // through 2024-12-31 (day 365) = 3476 = 9.5168 person-years.
    let known = actuals(vec![
        record(date(2024, 1, 1), Metric::Hired, 0, 10),
        record(date(2024, 7, 1), Metric::Left, 0, 1),
    ]);
    let calibration = Calibration::estimate(&scenario, &known, date(2024, 12, 31));
    let estimate = find(&calibration, "attrition_per_year").expect("attrition");
    let person_years = 3476.0f64 / 365.25;
    assert_eq!(estimate.basis, "1 leaver over 9.5 person-years");
    // Hazard ~ Gamma(1.5, 9.5168): E[1 − e^(−λ)] = 1 − (py / (py + 1))^1.5 = 0.13918.
    let mean = 1.0 - (person_years / (person_years + 1.0)).powf(1.5);
    assert!((estimate.mean - mean).abs() < 1e-12);
    assert!((estimate.mean - 0.139_18).abs() < 1e-4, "{}", estimate.mean);
    assert!(estimate.p05 < estimate.mean && estimate.mean < estimate.p95);
    // Without hired rows the plan's hires (200 on day 0) are the payroll: 200 · 182 + 199 · 184.
    let leaver_only = actuals(vec![record(date(2024, 7, 1), Metric::Left, 0, 1)]);
    let estimate = Calibration::estimate(&scenario, &leaver_only, date(2024, 12, 31));
    let estimate = find(&estimate, "attrition_per_year").expect("attrition");
    let person_years = (200.0f64 * 182.0 + 199.0 * 184.0) / 365.25;
    assert!(
        (estimate.mean - (1.0 - (person_years / (person_years + 1.0)).powf(1.5))).abs() < 1e-12
    );
    assert!(estimate.basis.ends_with("(hires from the plan)"));
}

#[test]
fn lead_times_match_orders_to_receipts_first_in_first_out() {
    let scenario = plant();
    // Orders of 300 on days 0, 14, 28; receipts of 300 on days 20 and 35, then 200 and 100 on
    // days 48 and 50: lead times 20, 21, 20 and 22 days.
    let d = |day: i64| relaunch_core::schedule::add_days(start(), day);
    let known = actuals(vec![
        record(d(0), Metric::KitsOrdered, 0, 300),
        record(d(14), Metric::KitsOrdered, 0, 300),
        record(d(28), Metric::KitsOrdered, 0, 300),
        record(d(20), Metric::KitsReceived, 0, 300),
        record(d(35), Metric::KitsReceived, 0, 300),
        record(d(48), Metric::KitsReceived, 0, 200),
        record(d(50), Metric::KitsReceived, 0, 100),
    ]);
    let calibration = Calibration::estimate(&scenario, &known, d(60));
    let estimate = find(&calibration, "kit skd lead_time_days").expect("a lead time");
    // The prior is the scenario's lead time, lognormal of mean 20 days and cv 0.15: log-mean
    // μ₀ = ln 20 − σ₀²/2, log-sd σ₀ = √ln 1.0225 (read from 4,096 draws, so to about 1%).
    // Weights κ₀ = 1 delivery, ν₀ = 2: κ = 5, ν = 6, μₙ = (μ₀ + 4 m)/5,
    // 6 σₙ² = 2 σ₀² + 3 s² + 4/5 (m − μ₀)².
    let logs = [20.5f64, 21.5, 20.5, 22.5].map(f64::ln);
    let m = logs.iter().sum::<f64>() / 4.0;
    let s2 = logs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / 3.0;
    let sd0_2 = 1.0225f64.ln();
    let mu0 = 20.0f64.ln() - sd0_2 / 2.0;
    let mu = (mu0 + 4.0 * m) / 5.0;
    let scale2 = (2.0 * sd0_2 + 3.0 * s2 + 0.8 * (m - mu0).powi(2)) / 6.0;
    let want = (mu + scale2 / 2.0).exp();
    assert!(
        (estimate.mean - want).abs() < 0.05,
        "{} vs {want}",
        estimate.mean
    );
    assert!((estimate.mean - 21.0).abs() < 0.1, "{}", estimate.mean);
    // t(6) at 95% = 1.9432: the interval of μ is μₙ ± 1.9432 σₙ/√5.
    let half = 1.943_180 * (scale2 / 5.0).sqrt();
    let p95 = (mu + half + scale2 / 2.0).exp();
    assert!(
        (estimate.p95 - p95).abs() < 0.1,
        "{} vs {p95}",
        estimate.p95
    );
    assert_eq!(estimate.assumed, Some(20.0));
    assert_eq!(estimate.basis, "4 deliveries of 900 kits");
    // Without order rows, the scenario's fortnightly orders of 300 stand in: the same matches.
    let receipts_only = Actuals {
        records: known
            .records
            .iter()
            .filter(|r| r.metric == Metric::KitsReceived)
            .copied()
            .collect(),
    };
    let fallback = Calibration::estimate(&scenario, &receipts_only, d(60));
    let fallback = find(&fallback, "kit skd lead_time_days").expect("a lead time");
    assert_eq!(fallback.mean, estimate.mean);
    assert_eq!(
        fallback.basis,
        "4 deliveries of 900 kits, from the scenario's order dates"
    );
}

#[test]
fn nothing_observed_is_nothing_estimated() {
    let calibration = Calibration::estimate(&plant(), &Actuals::default(), date(2024, 6, 1));
    assert_eq!(calibration.estimates, vec![]);
}

#[test]
fn calibration_recovers_the_models_own_parameters() {
    let scenario = plant();
    let as_of = date(2024, 12, 31);
    let (mut yield_in, mut lead_in, mut attrition_in) = (0, 0, 0);
    for seed in [1, 2, 3] {
        let known = synthetic(&scenario, seed);
        let calibration = Calibration::estimate(&scenario, &known, as_of);
        let inside = |parameter: &str, truth: f64| {
            let e = find(&calibration, parameter).expect(parameter);
            assert!(e.p05 < e.mean && e.mean < e.p95, "{e:?}");
            (e.p05 <= truth && truth <= e.p95) as u32
        };
        yield_in += inside("first_pass_yield", 0.9);
        // The lognormal's mean; receipts are read as d + ½ days.
        lead_in += inside("kit skd lead_time_days", 20.0);
        attrition_in += inside("attrition_per_year", 0.3);
        // 7,300 starts, about 6,570 good: the yield is known to about ±0.6 points.
        let y = find(&calibration, "first_pass_yield").unwrap();
        assert!(y.p95 - y.p05 < 0.015, "{y:?}");
        let lead = find(&calibration, "kit skd lead_time_days").unwrap();
        assert!(lead.basis.starts_with("2"), "{lead:?}"); // 25 or 26 fortnightly orders arrive
    }
    assert!(yield_in >= 2, "yield inside {yield_in} of 3");
    assert!(lead_in >= 2, "lead time inside {lead_in} of 3");
    assert!(attrition_in >= 2, "attrition inside {attrition_in} of 3");
}

/// One station, constant 6-minute cycle, Crawford learning at 85% from 10× the cycle (unit x
/// takes 60 x^b minutes until some 18,300 units, far beyond the 60 days' 9,400), fed without
/// pause: on every day the line is the constraint.
fn learning_line(days: f64) -> Scenario {
    let mut scenario = line(
        vec![station("assembly", constant(6.0 * MIN))],
        Release::Saturated { limit: None },
        days * DAY,
        0.0,
    );
    scenario.learning = Learning {
        model: LearningModel::Crawford,
        rate: 0.85,
        first_unit_factor: 10.0,
        first_pass_yield: None,
    };
    scenario
}

#[test]
fn the_learning_rate_is_fitted_on_capacity_bound_days() {
    let scenario = learning_line(60.0);
    let known = synthetic(&scenario, 1);
    let calibration = Calibration::estimate(&scenario, &known, date(2024, 2, 29));
    let estimate = find(&calibration, "learning.rate").expect("a learning rate");
    assert_eq!(estimate.basis, "60 capacity-bound days");
    assert!((estimate.mean - 0.85).abs() < 0.01, "{estimate:?}");
    // Constant cycles: the curve is all there is to the hours, and the posterior is as narrow
    // as the grid of exponents.
    assert!(estimate.p05 <= estimate.mean && estimate.mean <= estimate.p95);
    assert!(estimate.p95 - estimate.p05 < 0.01, "{estimate:?}");
    // And the line is as fast as the scenario's.
    let pace = find(&calibration, "line.pace").expect("a pace");
    assert!((pace.mean - 1.0).abs() < 0.01, "{pace:?}");
    // Fewer than the minimum of days tells nothing.
    let early = add_days_to_start(MIN_CAPACITY_BOUND_DAYS as i64 - 2);
    let calibration = Calibration::estimate(&scenario, &known, early);
    assert!(find(&calibration, "learning.rate").is_none());
}

fn add_days_to_start(days: i64) -> Date {
    relaunch_core::schedule::add_days(start(), days)
}

#[test]
fn draws_are_reproducible_and_leave_the_lines_streams_alone() {
    let scenario = plant();
    let calibration =
        Calibration::estimate(&scenario, &synthetic(&scenario, 1), date(2024, 12, 31));
    let draw = |replication: u64| {
        let mut copy = scenario.clone();
        calibration.draw_into(&mut copy, 7, replication);
        copy
    };
    assert_eq!(draw(3), draw(3));
    assert_ne!(draw(3), draw(4));
    let drawn = draw(3);
    let drawn_yield = drawn.learning.first_pass_yield.unwrap();
    assert_eq!(drawn_yield.initial, drawn_yield.mature);
    assert!((drawn_yield.mature - 0.9).abs() < 0.02);
    let attrition = drawn.workforce.as_ref().unwrap().attrition_per_year;
    assert!((attrition - 0.3).abs() < 0.15, "{attrition}");
    // With kits that never run short and nobody needed at the stations, a drawn lead time and
    // attrition change no unit: the cycles and the quality draws are those of the plan.
    let mut plenty = scenario.clone();
    plenty.kits[0].initial_stock = 100_000;
    let only_supply_and_staff = Calibration {
        estimates: calibration
            .estimates
            .iter()
            .filter(|e| e.parameter != "first_pass_yield")
            .cloned()
            .collect(),
    };
    let mut calibrated = plenty.clone();
    only_supply_and_staff.draw_into(&mut calibrated, 7, 3);
    assert_ne!(calibrated.kits[0].lead_time, plenty.kits[0].lead_time);
    let calendar = PlantCalendar::new(&plenty);
    let run = |s: &Scenario| sim::run(s, &Prepared::new(s), 7, 3);
    let (before, after) = (run(&plenty), run(&calibrated));
    assert_eq!(calendar.n_days, before.good_per_day.len());
    assert_eq!(before.good_per_day, after.good_per_day);
    assert_eq!(before.scrapped_per_day, after.scrapped_per_day);
    assert_ne!(before.kit_arrivals, after.kit_arrivals);
}

#[test]
fn synthetic_actuals_add_up_to_the_run() {
    let scenario = plant();
    let prepared = Prepared::new(&scenario);
    let outcome = sim::run(&scenario, &prepared, 5, 0);
    let known = actuals_from_run(&scenario, &prepared.calendar, &outcome, 5, 0);
    let end = date(2024, 12, 30);
    assert_eq!(known.total(Metric::Good, 0, end), outcome.good);
    assert_eq!(known.total(Metric::Scrapped, 0, end), outcome.scrapped);
    assert_eq!(known.total(Metric::Released, 0, end), outcome.released);
    let arrived: u64 = outcome.kit_arrivals[0].iter().map(|&n| u64::from(n)).sum();
    assert_eq!(known.total(Metric::KitsReceived, 0, end), arrived);
    // 27 fortnightly orders of 300 from day 0 to day 364.
    assert_eq!(known.total(Metric::KitsOrdered, 0, end), 27 * 300);
    assert_eq!(known.total_all(Metric::Hired, end), 200);
    // Payroll at the start of the last day = hired − left before it.
    let last = *outcome.payroll_per_day.last().unwrap();
    let left_before = known.total_all(Metric::Left, date(2024, 12, 29));
    assert_eq!(u64::from(last), 200 - left_before);
}

#[test]
fn synthetic_actuals_of_a_replication_report_its_tasks() {
    // Task a takes 10 days from day 0 (last day: day 9); b follows for 5 days (days 10–14).
    let mut scenario = plant();
    scenario.programme.tasks = vec![
        task("a", constant(10.0 * DAY), &[]),
        task("b", constant(5.0 * DAY), &[0]),
    ];
    let prepared = Prepared::new(&scenario);
    let run = relaunch_core::montecarlo::run_replication(&scenario, &prepared, 5, 0);
    let known = relaunch_core::tracking::synthetic::actuals_from_replication(
        &scenario,
        &prepared.calendar,
        &run,
        5,
        0,
    );
    let tasks: Vec<(Date, Metric, usize)> = known
        .records
        .iter()
        .filter(|r| matches!(r.metric, Metric::TaskStarted | Metric::TaskDone))
        .map(|r| (r.date, r.metric, r.item))
        .collect();
    assert_eq!(
        tasks,
        vec![
            (date(2024, 1, 1), Metric::TaskStarted, 0),
            (date(2024, 1, 10), Metric::TaskDone, 0),
            (date(2024, 1, 11), Metric::TaskStarted, 1),
            (date(2024, 1, 15), Metric::TaskDone, 1),
        ]
    );
    // The line's rows are those of the run.
    assert_eq!(
        known.total(Metric::Good, 0, date(2024, 12, 30)),
        run.outcome.good
    );
}

/// The plant's kit with orders of 300 on days 0 and 14 and the receipts given (day, kits), as
/// of day 60.
fn lead_time_of(scenario: &Scenario, receipts: &[(i64, u64)]) -> Option<Estimate> {
    let d = |day: i64| relaunch_core::schedule::add_days(start(), day);
    let mut records = vec![
        record(d(0), Metric::KitsOrdered, 0, 300),
        record(d(14), Metric::KitsOrdered, 0, 300),
    ];
    for &(day, kits) in receipts {
        records.push(record(d(day), Metric::KitsReceived, 0, kits));
    }
    let calibration = Calibration::estimate(scenario, &actuals(records), d(60));
    find(&calibration, "kit skd lead_time_days").cloned()
}

#[test]
fn two_identical_deliveries_are_too_few_to_estimate_a_lead_time() {
    // Both orders took 20 days: one lead time seen, no spread to read. The estimate says so,
    // shows the scenario's own 5–95% range (lognormal of mean 20 days, cv 0.15: about
    // 15.4–25.3 days) and draws nothing: the scenario's lead time stands.
    let scenario = plant();
    let estimate = lead_time_of(&scenario, &[(20, 300), (34, 300)]).expect("reported");
    assert!(
        estimate
            .basis
            .starts_with("too few deliveries: 2 deliveries of 600 kits, all of 20 d;"),
        "{}",
        estimate.basis
    );
    assert_eq!(estimate.posterior, Posterior::Assumed);
    assert_eq!(estimate.mean, 20.5);
    assert!((15.0..16.0).contains(&estimate.p05), "{estimate:?}");
    assert!((24.8..25.8).contains(&estimate.p95), "{estimate:?}");
    let calibration = Calibration {
        estimates: vec![estimate],
    };
    let mut drawn = scenario.clone();
    calibration.draw_into(&mut drawn, 7, 3);
    assert_eq!(drawn, scenario);
}

#[test]
fn few_deliveries_give_a_wide_interval_and_draws_that_keep_their_spread() {
    // 20 and 23 days: the prior (the scenario's lead time) and ν = 4 degrees of freedom keep
    // the interval of the mean about ±16% wide, holding both deliveries and the assumption.
    let scenario = plant();
    let estimate = lead_time_of(&scenario, &[(20, 300), (37, 300)]).expect("estimated");
    assert_eq!(estimate.basis, "2 deliveries of 600 kits");
    assert!(estimate.p05 < 20.0 && 23.5 < estimate.p95, "{estimate:?}");
    assert!(estimate.p95 / estimate.p05 > 1.25, "{estimate:?}");
    // Every draw is a lognormal with some spread (a constant's lower bound is its value), and
    // the draws differ.
    let calibration = Calibration {
        estimates: vec![estimate],
    };
    let mut means = Vec::new();
    for replication in 0..50 {
        let mut drawn = scenario.clone();
        calibration.draw_into(&mut drawn, 7, replication);
        let lead = &drawn.kits[0].lead_time;
        assert_eq!(lead.lower_bound_secs(), 0.0, "{lead:?}");
        means.push(lead.mean_secs() / DAY);
    }
    let spread = means.iter().copied().fold(f64::MIN, f64::max)
        - means.iter().copied().fold(f64::MAX, f64::min);
    assert!(spread > 2.0, "{means:?}");
}

#[test]
fn a_known_shipment_is_set_aside_by_its_quantity_near_its_date() {
    // A shipment of 42 due on day 10 arrives on day 18 (not on its date): it is the receipt of
    // 42 within 30 days of it, set aside, so the orders of days 0 and 14 are the receipts of
    // days 20 and 36: 20 and 22 days (not 18 days for 42 of the first order's kits).
    let mut scenario = plant();
    scenario.kits[0].shipments = vec![KitShipment {
        arrives: relaunch_core::schedule::add_days(start(), 10),
        quantity: 42,
    }];
    let estimate = lead_time_of(&scenario, &[(18, 42), (20, 300), (36, 300)]).expect("estimated");
    assert_eq!(
        estimate.basis,
        "2 deliveries of 600 kits, 42 shipped kits set aside"
    );
    let Posterior::LeadTime { posterior, .. } = estimate.posterior else {
        panic!("{estimate:?}")
    };
    // The posterior's log-mean lies between the prior's (ln 20 − 0.011) and the data's.
    let data = (20.5f64.ln() + 22.5f64.ln()) / 2.0;
    assert!(posterior.mu > 2.98 && posterior.mu < data, "{posterior:?}");
    // Beyond the window (day 45, 35 days after) a receipt of 42 is a delivery of an order.
    let far = lead_time_of(&scenario, &[(20, 300), (36, 258), (45, 42)]).expect("estimated");
    assert_eq!(far.basis, "3 deliveries of 600 kits");
}

//! The workforce as it is managed: replacement of leavers (Little's law on vacancies, no run
//! stalling for good), training places (dates by hand) and absenteeism (the binomial
//! expectation of the shifts that run).

use rand_pcg::Pcg64Mcg;
use relaunch_core::model::*;
use relaunch_core::montecarlo::{Forecast, forecast};
use relaunch_core::rng;
use relaunch_core::schedule::PlantCalendar;
use relaunch_core::sim::{self, Prepared, Relaxations};
use relaunch_core::staff::{self, Staffing, Streams};

use crate::build::*;
use crate::ramp::plant;

fn no_progress(_: u64) {}

fn run_forecast(scenario: &Scenario, replications: u64) -> Forecast {
    forecast(
        scenario,
        3,
        replications,
        Relaxations::default(),
        &no_progress,
    )
}

fn streams(replication: u64) -> Streams<Pcg64Mcg> {
    Streams {
        leavers: rng::stream(11, replication, 4),
        replacements: rng::stream(11, replication, 5),
        absence: rng::stream(11, replication, 6),
    }
}

/// The staffing of replication `replication` of `scenario`'s workforce.
fn staffing(scenario: &Scenario, replication: u64) -> Staffing {
    let calendar = PlantCalendar::new(scenario);
    let workforce = scenario.workforce.as_ref().expect("a workforce");
    staff::draw(&calendar, workforce, &mut streams(replication))
}

/// Mean and standard error of `values`.
fn mean_and_error(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, (variance / n).sqrt())
}

/// Two shifts of 10 operators (one station), a plan of 32 a day, 60 days from Monday
/// 2024-01-01.
fn two_shift_plant(workforce: Workforce) -> Scenario {
    let mut scenario = plant(30.0, 2, 32, 100);
    scenario.stations[0].operators = 10;
    scenario.workforce = Some(workforce);
    scenario
}

fn two_classes(training_capacity: Option<u32>) -> Workforce {
    let class = Hire {
        date: start(),
        count: 10,
    };
    Workforce {
        hires: vec![class.clone(), class],
        training_secs: 21.0 * DAY,
        training_capacity,
        ..Workforce::default()
    }
}

#[test]
fn a_training_place_for_one_class_delays_the_second_by_its_training() {
    // Two classes of 10 hired on Monday 2024-01-01 (day 0), 21 days' training, 10 places: the
    // first class trains on days 0–20 and works from Monday the 22nd (day 21); the second
    // waits on the payroll and trains on days 21–41, at work from Monday 2024-02-12 (day 42).
    // Ten operators a shift: no shift for three weeks, one for three, then two.
    let result = run_forecast(&two_shift_plant(two_classes(Some(10))), 2);
    let trained = |day: usize| result.daily[day].trained.as_ref().expect("a workforce").p50;
    let payroll = |day: usize| result.daily[day].payroll.as_ref().expect("a workforce").p50;
    assert_eq!(
        [
            trained(0),
            trained(20),
            trained(21),
            trained(41),
            trained(42)
        ],
        [0, 0, 10, 10, 20]
    );
    assert_eq!([payroll(0), payroll(41), payroll(59)], [20, 20, 20]);
    let shifts = |day: usize| result.daily[day].staffed_shifts;
    assert_eq!(
        [shifts(18), shifts(21), shifts(39), shifts(42)],
        [0.0, 1.0, 1.0, 2.0]
    );
    // Unstaffed: 15 workdays × 2 shifts in weeks 1–3, 15 × 1 in weeks 4–6.
    assert_eq!(result.unstaffed_shifts.mean, 45.0);
    // Training places are the plan's: relaxing staffing keeps them, and the same 45.
    let relaxed = forecast(
        &two_shift_plant(two_classes(Some(10))),
        3,
        2,
        Relaxations {
            staffing: true,
            ..Relaxations::default()
        },
        &no_progress,
    );
    assert_eq!(relaxed.unstaffed_shifts.mean, 45.0);
    // With 20 places (or none), both classes work from day 21: 30 unstaffed shifts.
    for places in [Some(20), None] {
        let result = run_forecast(&two_shift_plant(two_classes(places)), 2);
        assert_eq!(result.daily[21].staffed_shifts, 2.0);
        assert_eq!(result.unstaffed_shifts.mean, 30.0);
    }
}

#[test]
fn a_class_hired_later_waits_for_the_places_and_a_leaver_frees_one() {
    // 10 hired on day 0, 10 on day 5, 7 days' training, 10 places: the second class waits
    // until the first finishes on day 7, and is at work from day 14 instead of day 12.
    let mut workforce = two_classes(Some(10));
    workforce.hires[1].date = jiff::civil::date(2024, 1, 6);
    workforce.training_secs = 7.0 * DAY;
    let s = staffing(&two_shift_plant(workforce), 0);
    assert_eq!(&s.trained[6..8], &[0, 10]);
    assert_eq!(&s.trained[12..15], &[10, 10, 20]);
    assert_eq!(&s.payroll[4..6], &[10, 20]);
}

#[test]
fn replacement_keeps_the_trained_headcount_within_the_recruiting_and_training_lag() {
    // N = 1000 hired on day 0, 10 days' training, 10% attrition a year, each leaver replaced
    // after a recruiting lead time of 20 days. Daily hazard λ = −ln(0.9)/365.25 = 2.885e-4.
    // Little's law on vacancies: the trained headcount falls short of N by λ·N·(L + T) =
    // 8.654 on average in steady state.
    //
    // Exactly, in whole days: a person stays D = ⌈Exp(λ)⌉ days, geometric with q = e^{−λ}
    // (E[D] = 1/(1 − q)), is trained for (D − T)⁺ of them (E = q^T/(1 − q)), and the place is
    // empty for L days after; the renewal-reward share of trained time is q^T/(1 + L(1 − q)),
    // so the shortfall is N·(1 − q^T/(1 + L(1 − q))) = 8.599. Little's figure is its first
    // order; they differ by less than N·(λ(L + T))² = 0.075.
    let n = 1000.0;
    let (training, lead) = (10.0, 20.0);
    let attrition: f64 = 0.10;
    let lambda = -(1.0 - attrition).ln() / 365.25;
    let q = (-lambda).exp();
    let exact = n * (1.0 - q.powf(training) / (1.0 + lead * (1.0 - q)));
    let little = lambda * n * (lead + training);
    assert!((exact - 8.599).abs() < 0.001 && (little - 8.654).abs() < 0.001);
    assert!((little - exact).abs() < n * (lambda * (lead + training)).powi(2));

    let mut scenario = line(
        vec![station("assembly", constant(MIN))],
        plan(1, None),
        3100.0 * DAY,
        0.0,
    );
    scenario.calendar = weekdays(1);
    scenario.workforce = Some(Workforce {
        attrition_per_year: attrition,
        replace_leavers: Some(constant(lead * DAY)),
        ..hired_on_day_0(1000, training)
    });
    // Steady state after 100 days (the first people are trained on day 10 and a vacancy lasts
    // 30 days); one mean shortfall per replication, independent across replications.
    let shortfalls: Vec<f64> = (0..200)
        .map(|replication| {
            let trained = &staffing(&scenario, replication).trained[100..];
            trained.iter().map(|&t| n - f64::from(t)).sum::<f64>() / trained.len() as f64
        })
        .collect();
    let (mean, error) = mean_and_error(&shortfalls);
    assert!(
        (mean - exact).abs() < 3.0 * error,
        "shortfall {mean} ± {error}, expected {exact}"
    );
    assert!(
        (mean - little).abs() < 3.0 * error + n * (lambda * (lead + training)).powi(2),
        "shortfall {mean} ± {error}, Little's law {little}"
    );
    // Without replacement the shortfall grows without bound: 1 − 0.9^(3100/365.25) = 59% gone.
    scenario.workforce.as_mut().unwrap().replace_leavers = None;
    let last = *staffing(&scenario, 0).trained.last().unwrap();
    assert!((350..470).contains(&last), "{last} of 1000 left");
}

#[test]
fn replacing_leavers_keeps_the_planned_hires_leaving_days() {
    // Common random numbers: the planned hires draw their leaving days from their own stream,
    // so turning replacement on only adds people.
    let mut scenario = two_shift_plant(Workforce {
        attrition_per_year: 0.9,
        ..hired_on_day_0(50, 5.0)
    });
    scenario.horizon_secs = 400.0 * DAY;
    let calendar = PlantCalendar::new(&scenario);
    let mut workforce = scenario.workforce.clone().unwrap();
    let without = staff::people(&calendar, &workforce, &mut streams(3));
    workforce.replace_leavers = Some(constant(14.0 * DAY));
    let with = staff::people(&calendar, &workforce, &mut streams(3));
    assert_eq!(without.len(), 50);
    assert_eq!(&with[..50], &without[..]);
    // 90% a year leave: about 50 · 0.92 · (400/365) ≈ 45 leave within the horizon, and are
    // replaced 14 days later (those who leave in the last 14 days are not).
    assert!(with.len() > 80, "{} people", with.len());
    for replacement in &with[50..] {
        assert!(replacement.hired > 14 && replacement.hired < 400);
        assert!(
            with.iter().any(|p| p.leaves + 14 == replacement.hired),
            "someone left 14 days before {replacement:?}"
        );
    }
}

#[test]
fn with_replacement_no_run_stalls_for_good() {
    // One shift needs all 10 people hired; half of them leave within a year. Without
    // replacement a run whose crew fell below 10 never runs a shift again: in the last 100 days
    // of two years nothing is made. With leavers replaced after 14 days (and 5 days' training),
    // every run keeps producing to the end.
    let mut scenario = plant(30.0, 1, 16, 1);
    scenario.horizon_secs = 730.0 * DAY;
    scenario.stations[0].operators = 10;
    scenario.workforce = Some(Workforce {
        attrition_per_year: 0.5,
        ..hired_on_day_0(10, 5.0)
    });
    let late_output = |scenario: &Scenario| -> Vec<u32> {
        let prepared = Prepared::new(scenario);
        (0..40)
            .map(|replication| {
                let outcome = sim::run(scenario, &prepared, 5, replication);
                outcome.good_per_day[630..].iter().sum()
            })
            .collect()
    };
    let stalled = late_output(&scenario)
        .iter()
        .filter(|&&good| good == 0)
        .count();
    assert!(stalled > 30, "{stalled} of 40 runs stalled");
    scenario.workforce.as_mut().unwrap().replace_leavers = Some(constant(14.0 * DAY));
    let output = late_output(&scenario);
    assert!(output.iter().all(|&good| good > 0), "{output:?}");
}

/// P(X ≥ k) for X ~ Binomial(n, p).
fn binomial_at_least(n: u32, p: f64, k: u32) -> f64 {
    (k..=n)
        .map(|x| {
            let choose = (0..x).fold(1.0, |c, i| c * f64::from(n - i) / f64::from(i + 1));
            choose * p.powi(x as i32) * (1.0 - p).powi((n - x) as i32)
        })
        .sum()
}

#[test]
fn absenteeism_runs_the_shifts_the_people_present_can_staff() {
    // Exactly the 2 × 5 people two shifts need, 10% absent on a workday: present ~ Bin(10, 0.9);
    // both shifts run when all 10 come (0.9^10 = 0.34868), one when at least 5 do (0.99985):
    // E[shifts] = 1.34853 a workday.
    let mut scenario = two_shift_plant(Workforce {
        absenteeism: 0.1,
        ..hired_on_day_0(10, 0.0)
    });
    scenario.stations[0].operators = 5;
    scenario.horizon_secs = 200.0 * DAY;
    let expected = binomial_at_least(10, 0.9, 5) + binomial_at_least(10, 0.9, 10);
    assert!((expected - 1.34853).abs() < 1e-5, "{expected}");
    let calendar = PlantCalendar::new(&scenario);
    let mut shifts = Vec::new();
    for replication in 0..100 {
        let staffing = staffing(&scenario, replication);
        assert_eq!(staffing.trained, vec![10; calendar.n_days]);
        let schedule = calendar.staffed(&staffing.present);
        for day in (0..calendar.n_days).filter(|&day| calendar.is_workday(day)) {
            shifts.push(f64::from(schedule.staffed_shifts[day]));
        }
        // Weekends: nobody is drawn absent.
        assert_eq!(staffing.present[5], 10);
    }
    let (mean, error) = mean_and_error(&shifts);
    assert!(
        (mean - expected).abs() < 3.0 * error,
        "{mean} ± {error}, expected {expected}"
    );
}

#[test]
fn absenteeism_zero_is_no_absenteeism_and_staffing_relaxed_removes_it() {
    let workforce = Workforce {
        attrition_per_year: 0.3,
        ..hired_on_day_0(20, 3.0)
    };
    let mut scenario = two_shift_plant(workforce.clone());
    let none = run_forecast(&scenario, 20);
    scenario.workforce.as_mut().unwrap().absenteeism = 0.0;
    assert_eq!(run_forecast(&scenario, 20), none);
    // 20% absent: shifts are lost; with staffing relaxed, none are (nobody leaves or is absent).
    scenario.workforce.as_mut().unwrap().absenteeism = 0.2;
    let absent = run_forecast(&scenario, 20);
    assert!(absent.unstaffed_shifts.mean > none.unstaffed_shifts.mean + 10.0);
    let relaxed = forecast(
        &scenario,
        3,
        20,
        Relaxations {
            staffing: true,
            ..Relaxations::default()
        },
        &no_progress,
    );
    // Day 0 to 2 (Monday to Wednesday) in training: 3 workdays × 2 shifts.
    assert_eq!(relaxed.unstaffed_shifts.mean, 6.0);
}

//! The programme against closed forms: task durations in series and in parallel, risks and
//! what they imply, the tornado, dates anchored after tasks on a calendar with weekends and
//! holidays, and why with a programme. Figures within 3 standard errors (and a day of
//! rounding), or exact.

use jiff::civil::date;
use relaunch_core::Dist;
use relaunch_core::model::*;
use relaunch_core::montecarlo::forecast;
use relaunch_core::programme::{self, draw};
use relaunch_core::sim::Relaxations;
use relaunch_core::why::{DENOMINATOR, FACTORS, why};

use crate::build::*;
use crate::ramp::plant;

fn no_progress(_: u64) {}

/// A line of no interest (one unit, one station), for the programme's own figures.
fn idle_line() -> Scenario {
    line(
        vec![station("s", constant(HOUR))],
        Release::Saturated { limit: Some(1) },
        2.0 * DAY,
        0.0,
    )
}

pub fn uniform_days(min: f64, max: f64) -> Dist {
    Dist::uniform(min * DAY, max * DAY).unwrap()
}

/// The continuous quantile `p` of the sum of two independent U[lo, hi]: triangular on
/// [2 lo, 2 hi] with its mode in the middle.
fn triangular_sum_quantile(lo: f64, hi: f64, p: f64) -> f64 {
    let width = hi - lo;
    if p <= 0.5 {
        2.0 * lo + width * (2.0 * p).sqrt()
    } else {
        2.0 * hi - width * (2.0 * (1.0 - p)).sqrt()
    }
}

#[test]
fn two_tasks_in_series_finish_at_the_triangular_quantiles() {
    // Deal U[10 d, 30 d], then re-tooling U[10 d, 30 d]: the re-tooling's end (the day after its
    // last) is the sum, triangular on [20, 60]. P10 = 20 + 20 √0.2 ≈ 28.94, P50 = 40,
    // P90 ≈ 51.06. The standard error of a quantile is √(p(1−p)/n) / f(q): with n = 4000, at
    // P10 and P90 f = 0.0224 a day, SE 0.21 d; at P50 f = 0.05, SE 0.16 d. Durations are rounded
    // to whole days, so each may be off by a day besides.
    let mut scenario = idle_line();
    scenario.programme.tasks = vec![
        task("deal", uniform_days(10.0, 30.0), &[]),
        task("retooling", uniform_days(10.0, 30.0), &[0]),
    ];
    let n = 4000;
    let result = forecast(&scenario, 7, n, Relaxations::default(), &no_progress);
    let programme = result.programme.expect("a programme");
    let finish = &programme.tasks[1].finish;
    for (p, date, density) in [
        (0.1, finish.p10, 0.02236),
        (0.5, finish.p50, 0.05),
        (0.9, finish.p90, 0.02236),
    ] {
        // The finish date is the last day, the day before the end.
        let end = relaunch_core::schedule::days_between(start(), date) + 1;
        let expected = triangular_sum_quantile(10.0, 30.0, p);
        let standard_error = (p * (1.0 - p) / n as f64).sqrt() / density;
        assert!(
            (end as f64 - expected).abs() <= 1.0 + 3.0 * standard_error,
            "P{}: end on day {end}, expected {expected:.2}",
            p * 100.0
        );
    }
    // Every run has the deal first: both tasks on the chain that sets the latest end.
    assert_eq!(programme.tasks[0].criticality, 1.0);
    assert_eq!(programme.tasks[1].criticality, 1.0);
    // The mean duration of the deal is 20 days (rounding is symmetric), SD 20/√12 ≈ 5.77.
    let mean = programme.tasks[0].duration_days.mean;
    assert!(
        (mean - 20.0).abs() < 3.0 * 5.774 / (n as f64).sqrt(),
        "{mean}"
    );
}

#[test]
fn parallel_exponential_tasks_set_their_successor_by_the_closed_form() {
    // A ~ Exp(rate a = 1/200 per day) and B ~ Exp(rate b = 1/400) in parallel, then C (10 days).
    // A is on C's chain when it ends last: P(A > B) = b / (a + b) = 1/3. C starts at the max,
    // of mean 1/a + 1/b − 1/(a+b) = 200 + 400 − 133.3 = 466.7 days and variance
    // 2/a² + 2/b² − 2/(a+b)² − mean² = 146,667 (SD 383). Rounding to whole days ties A and B
    // with probability about ab/(a+b) = 1/600, a tenth of the tolerance.
    let mut scenario = idle_line();
    scenario.programme.tasks = vec![
        task("a", Dist::exponential(200.0 * DAY).unwrap(), &[]),
        task("b", Dist::exponential(400.0 * DAY).unwrap(), &[]),
        task("c", constant(10.0 * DAY), &[0, 1]),
    ];
    let n = 4000u64;
    let mut critical_a = 0u64;
    let mut start_sum = 0.0;
    for replication in 0..n {
        let run = draw(&scenario, 11, replication);
        assert_eq!(run.start[2], run.end[0].max(run.end[1]));
        assert!(run.critical[2] && run.critical[0] != run.critical[1]);
        critical_a += u64::from(run.critical[0]);
        start_sum += run.start[2] as f64;
    }
    let criticality = critical_a as f64 / n as f64;
    let se = (1.0 / 3.0 * 2.0 / 3.0 / n as f64).sqrt();
    assert!((criticality - 1.0 / 3.0).abs() < 3.0 * se, "{criticality}");
    let mean = start_sum / n as f64;
    let expected = 200.0 + 400.0 - 400.0 / 3.0;
    let se = 146_667f64.sqrt() / (n as f64).sqrt();
    assert!((mean - expected).abs() < 3.0 * se, "{mean} vs {expected}");
}

#[test]
fn a_risk_implied_by_another_occurs_with_the_union_probability() {
    // A (p 0.3) implies B (p 0.2): B occurs with probability 0.2 + 0.3 − 0.06 = 0.44, and
    // whenever A does. C (p 0.5) implies A: then A occurs with 0.3 + 0.5 − 0.15 = 0.65 and B
    // with 1 − 0.8 · 0.35 = 0.72 (implication is transitive).
    let mut scenario = idle_line();
    scenario.programme.tasks = vec![task("t", constant(DAY), &[])];
    scenario.programme.risks = vec![
        Risk {
            implies: vec![1],
            ..task_risk("a", 0.3, 0, 1.0)
        },
        task_risk("b", 0.2, 0, 1.0),
    ];
    let n = 20_000u64;
    let share = |scenario: &Scenario, risk: usize| {
        let mut count = 0u64;
        for replication in 0..n {
            let run = draw(scenario, 3, replication);
            assert!(!run.occurred[0] || run.occurred[1], "A implies B");
            count += u64::from(run.occurred[risk]);
        }
        count as f64 / n as f64
    };
    let within = |share: f64, p: f64| (share - p).abs() < 3.0 * (p * (1.0 - p) / n as f64).sqrt();
    let b = share(&scenario, 1);
    assert!(within(b, 0.44), "{b}");
    scenario.programme.risks.push(Risk {
        implies: vec![0],
        ..task_risk("c", 0.5, 0, 1.0)
    });
    let (a, b) = (share(&scenario, 0), share(&scenario, 1));
    assert!(within(a, 0.65) && within(b, 0.72), "{a} {b}");
}

/// The plant of the ramp tests (Monday 2024-01-01, weekdays, one 8-hour shift, 12 units a day)
/// whose plan starts after a 10-day task; 12 units due on Friday 2024-01-12. The task ends on
/// day 10 (Thursday 2024-01-11), when the plan starts: the 12 units come that day, on time.
/// A risk of `probability` delays the task by 30 days (more than any slack): the plan then
/// starts on day 40, Saturday 2024-02-10, and the units come on Monday 2024-02-12.
pub fn gated_plant(probability: f64) -> Scenario {
    let mut scenario = plant(40.0, 1, 16, 12);
    scenario.horizon_secs = 70.0 * DAY;
    scenario.milestones[0].due = Some(date(2024, 1, 12));
    scenario.programme.tasks = vec![task("certification", constant(10.0 * DAY), &[])];
    scenario.programme.risks = vec![task_risk("rework", probability, 0, 30.0)];
    scenario.programme.anchors = vec![Anchor {
        slot: Slot::PlanPhase(0),
        task: 0,
        lag_days: 0,
        not_before: None,
    }];
    programme::settle(&mut scenario);
    scenario
}

#[test]
fn a_risk_beyond_the_slack_takes_its_probability_off_the_on_time_chance() {
    let scenario = gated_plant(0.3);
    // As read, the plan carries its planned date: the task at its shortest, no risk.
    let Release::Plan { phases, .. } = &scenario.release else {
        panic!("a plan");
    };
    assert_eq!(phases[0].from, date(2024, 1, 11));
    let n = 2000;
    let with = forecast(&scenario, 5, n, Relaxations::default(), &no_progress);
    let occurred = with.programme.as_ref().unwrap().risks[0].occurred;
    // Exactly the runs without the risk are on time; the share is 1 − p within 3 SE.
    let milestone = &with.milestones[0];
    assert_eq!(milestone.on_time, Some(n - occurred));
    let p = milestone.on_time_probability.unwrap();
    assert!((p - 0.7).abs() < 3.0 * (0.21 / n as f64).sqrt(), "{p}");
    assert_eq!(milestone.p50, Some(date(2024, 1, 11)));
    assert_eq!(milestone.p90, Some(date(2024, 2, 12)));
    // Without the risk, always on time.
    let certain = forecast(
        &gated_plant(0.0),
        5,
        n,
        Relaxations::default(),
        &no_progress,
    );
    assert_eq!(certain.milestones[0].on_time_probability, Some(1.0));
}

#[test]
fn the_tornado_measures_each_risk_on_common_random_numbers() {
    // The gated plant with a second risk that never matters (a 1-day delay with probability 1
    // on a task nothing follows). Switching the rework off restores exactly the runs it made
    // late: its on-time loss is its occurrence, it adds nothing at P50 and 32 days at P90
    // (Monday 2024-02-12 instead of Thursday 2024-01-11).
    let mut scenario = gated_plant(0.3);
    scenario
        .programme
        .tasks
        .push(task("paperwork", constant(DAY), &[]));
    scenario
        .programme
        .risks
        .push(task_risk("stamp", 1.0, 1, 1.0));
    let n = 500;
    let mut result = forecast(&scenario, 5, n, Relaxations::default(), &no_progress);
    let before = result.clone();
    let heard = std::sync::Mutex::new(Vec::new());
    programme::tornado(
        &scenario,
        5,
        n,
        Relaxations::default(),
        &mut result,
        &|done| heard.lock().unwrap().push(done),
    );
    let risks = &result.programme.as_ref().unwrap().risks;
    let rework = &risks[0].effects[0];
    assert_eq!(rework.milestone, "pilot");
    assert_eq!((rework.p50_days, rework.p90_days), (Some(0), Some(32)));
    // On-time runs lost, counted: exactly the runs in which the rework occurred.
    let lost_runs = rework.on_time_loss.unwrap() * n as f64;
    assert_eq!(lost_runs.round() as u64, risks[0].occurred);
    assert!((lost_runs - lost_runs.round()).abs() < 1e-9);
    let stamp = &risks[1].effects[0];
    assert_eq!(
        (stamp.p50_days, stamp.p90_days, stamp.on_time_loss),
        (Some(0), Some(0), Some(0.0))
    );
    // Progress counts the replications of both risks' forecasts, in two batches each.
    assert_eq!(*heard.lock().unwrap(), [256, 500, 756, 1000]);
    // Nothing else of the forecast changed.
    let mut cleared = result.clone();
    for risk in &mut cleared.programme.as_mut().unwrap().risks {
        risk.effects.clear();
    }
    assert_eq!(cleared, before);
}

#[test]
fn tasks_on_workdays_and_dates_after_them_fall_on_the_days_by_hand() {
    // Monday 2024-01-01, Monday to Friday, a holiday on Wednesday 2024-01-03. "deal" takes 2
    // calendar days (days 0 and 1), so "retooling" (5 workdays) could start on day 2, the
    // holiday: it starts Thursday 01-04 and works 4, 5, 8, 9 and 10 January, its finish date
    // Wednesday 01-10 (day 9), its end day 10. The plan starts 2 days after: Saturday 01-13, so
    // the first units come on Monday 01-15 (day 14). A milestone on "retooling" is reached on
    // its finish date.
    let mut scenario = plant(40.0, 1, 16, 12);
    let Calendar::Shifts(calendar) = &mut scenario.calendar else {
        panic!("shifts");
    };
    calendar.holidays = vec![date(2024, 1, 3)];
    let mut retooling = task("retooling", constant(5.0 * DAY), &[0]);
    retooling.workdays = true;
    scenario.programme.tasks = vec![task("deal", constant(2.0 * DAY), &[]), retooling];
    scenario.programme.anchors = vec![Anchor {
        slot: Slot::PlanPhase(0),
        task: 1,
        lag_days: 2,
        not_before: None,
    }];
    scenario.milestones.push(Milestone {
        id: "retooled".to_string(),
        kind: MilestoneKind::Task { task: 1 },
        due: Some(date(2024, 1, 10)),
    });
    programme::settle(&mut scenario);
    let run = draw(&scenario, 1, 0);
    assert_eq!((run.start[1], run.end[1], run.finish_day(1)), (3, 10, 9));
    let resolved = programme::resolve(&scenario, &run);
    let Release::Plan { phases, .. } = &resolved.release else {
        panic!("a plan");
    };
    assert_eq!(phases[0].from, date(2024, 1, 13));
    let result = forecast(&scenario, 1, 2, Relaxations::default(), &no_progress);
    let first_good = result.daily.iter().find(|day| day.good.p50 > 0).unwrap();
    assert_eq!(first_good.date, date(2024, 1, 15));
    assert_eq!(result.milestones[0].p50, Some(date(2024, 1, 15)));
    assert_eq!(result.milestones[1].p50, Some(date(2024, 1, 10)));
    assert_eq!(result.milestones[1].on_time_probability, Some(1.0));
    let tasks = &result.programme.unwrap().tasks;
    assert_eq!(tasks[1].start.p50, date(2024, 1, 4));
    assert_eq!(tasks[1].finish.p50, date(2024, 1, 10));
    // A workday task of no days takes none: it starts and finishes on the day it may start.
    let mut instant = scenario.clone();
    instant.programme.tasks[1].duration = constant(0.0);
    let run = draw(&instant, 1, 0);
    assert_eq!((run.start[1], run.end[1], run.finish_day(1)), (2, 2, 2));
}

#[test]
fn lateness_from_a_long_task_is_all_the_programmes() {
    // The gated plant without its risk, the certification U[10 d, 40 d]: at its shortest the
    // plan starts on day 10 and the 12 units come on time, so every day late at P50 and P90 and
    // every late run is the programme's; the line's five factors and the plan take nothing.
    let mut scenario = gated_plant(0.0);
    scenario.programme.risks.clear();
    scenario.programme.tasks[0].duration = uniform_days(10.0, 40.0);
    programme::settle(&mut scenario);
    let result = why(&scenario, 3, 40, &[], &no_progress);
    assert_eq!(result.factors, FACTORS);
    let pilot = &result.milestones[0];
    for quantile in &pilot.quantiles {
        assert!(quantile.late_days() > 5, "{quantile:?}");
        assert_eq!(quantile.relaxed_day, 10);
        let shares: Vec<(&str, i64)> = quantile
            .shares
            .iter()
            .map(|s| (s.factor, s.numerator))
            .collect();
        assert_eq!(shares[0], ("programme", quantile.late_days() * DENOMINATOR));
        assert!(shares[1..].iter().all(|&(_, numerator)| numerator == 0));
        assert_eq!(shares.len(), 7);
    }
    let probability = pilot.probability.as_ref().unwrap();
    let late = (probability.replications - probability.on_time) as i64;
    assert!(late > 0);
    assert_eq!(probability.shares[0].factor, "programme");
    assert_eq!(probability.shares[0].numerator, late * DENOMINATOR);
}

//! Stopping a long run: every driver (forecast, why, compare, the risk tornado, the forecast from
//! actuals) asks its stop check before each replication, returns `Stopped` once it says so, and
//! gives the very result of the unstoppable call when it never does.

use std::sync::atomic::{AtomicU64, Ordering};

use jiff::civil::date;
use relaunch_core::compare::{compare, compare_until};
use relaunch_core::model::*;
use relaunch_core::montecarlo::{Stopped, forecast, forecast_until};
use relaunch_core::programme::{tornado, tornado_until};
use relaunch_core::sim::Relaxations;
use relaunch_core::tracking::{TrackingError, forecast_as_of, forecast_as_of_until, state_at};
use relaunch_core::why::{why, why_until};

use crate::build::*;

/// A small line with a milestone, a task and a risk, so that every driver has work.
fn plant() -> Scenario {
    let mut scenario = line(
        vec![station("assembly", exp(40.0 * MIN))],
        plan(8, None),
        60.0 * DAY,
        0.0,
    );
    scenario.calendar = weekdays(1);
    scenario.milestones = vec![Milestone {
        id: "100-cars".to_string(),
        kind: MilestoneKind::Cumulative { units: 100 },
        due: Some(date(2024, 1, 31)),
    }];
    scenario.programme.tasks = vec![task("deal", uniform(5.0, 15.0), &[])];
    scenario.programme.risks = vec![task_risk("late-deal", 0.5, 0, 7.0)];
    relaunch_core::programme::settle(&mut scenario);
    scenario
}

fn uniform(min_days: f64, max_days: f64) -> relaunch_core::Dist {
    relaunch_core::Dist::uniform(min_days * DAY, max_days * DAY).unwrap()
}

fn quiet(_: u64) {}

/// A stop check that says yes from its `after`-th question on, counting the questions.
struct StopAfter {
    asked: AtomicU64,
    after: u64,
}

impl StopAfter {
    fn new(after: u64) -> StopAfter {
        StopAfter {
            asked: AtomicU64::new(0),
            after,
        }
    }

    fn check(&self) -> bool {
        self.asked.fetch_add(1, Ordering::Relaxed) >= self.after
    }
}

#[test]
fn a_run_never_stopped_is_the_unstoppable_run() {
    let scenario = plant();
    let plain = forecast(&scenario, 5, 300, Relaxations::default(), &quiet);
    let until = forecast_until(&scenario, 5, 300, Relaxations::default(), &quiet, &|| false);
    assert_eq!(until, Ok(plain.clone()));

    let mut with = plain.clone();
    tornado(&scenario, 5, 300, Relaxations::default(), &mut with, &quiet);
    let mut with_until = plain;
    tornado_until(
        &scenario,
        5,
        300,
        Relaxations::default(),
        &mut with_until,
        &quiet,
        &|| false,
    )
    .unwrap();
    assert_eq!(with, with_until);

    assert_eq!(
        why_until(&scenario, 5, 20, &[], &quiet, &|| false),
        Ok(why(&scenario, 5, 20, &[], &quiet))
    );
    let other = {
        let mut other = scenario.clone();
        other.stations[0].servers = 2;
        other
    };
    assert_eq!(
        compare_until(&[&scenario, &other], 5, 50, &quiet, &|| false),
        Ok(compare(&[&scenario, &other], 5, 50, &quiet))
    );
}

#[test]
fn a_forecast_stops_within_the_batch_it_was_asked_in() {
    let scenario = plant();
    let stop = StopAfter::new(300);
    let heard = AtomicU64::new(0);
    let result = forecast_until(
        &scenario,
        5,
        10_000,
        Relaxations::default(),
        &|done| heard.store(done, Ordering::Relaxed),
        &|| stop.check(),
    );
    assert_eq!(result, Err(Stopped));
    // The first batch (256) finished and was reported; the second was not folded.
    assert_eq!(heard.load(Ordering::Relaxed), 256);
    // No replication started after the stop, beyond those already asking at the time.
    assert!(stop.asked.load(Ordering::Relaxed) <= 512);
}

#[test]
fn every_driver_stops() {
    let scenario = plant();
    let never_started = || true;
    assert_eq!(
        why_until(&scenario, 5, 20, &[], &quiet, &never_started),
        Err(Stopped)
    );
    assert_eq!(
        compare_until(&[&scenario, &scenario], 5, 20, &quiet, &never_started).map(|_| ()),
        Err(Stopped)
    );
    let mut base = forecast(&scenario, 5, 20, Relaxations::default(), &quiet);
    assert_eq!(
        tornado_until(
            &scenario,
            5,
            20,
            Relaxations::default(),
            &mut base,
            &quiet,
            &never_started
        ),
        Err(Stopped)
    );
    // The forecast from actuals: none yet, as of the first day.
    let actuals = relaunch_core::actuals::Actuals::resolve(&[], &scenario).unwrap();
    let state = state_at(&scenario, &actuals, start()).unwrap();
    assert_eq!(
        forecast_as_of_until(&scenario, &state, None, (5, 20), &quiet, &never_started).map(|_| ()),
        Err(TrackingError::Stopped)
    );
    assert_eq!(
        forecast_as_of_until(&scenario, &state, None, (5, 20), &quiet, &|| false),
        Ok(forecast_as_of(&scenario, &state, None, 5, 20, &quiet).unwrap())
    );
    // A stop asked for in the middle of the analysis (after its first forecasts) stops it too.
    let late = StopAfter::new(50);
    assert_eq!(
        why_until(&scenario, 5, 20, &[], &quiet, &|| late.check()),
        Err(Stopped)
    );
}

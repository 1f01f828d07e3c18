//! Tracking: the people at the end of an as-of day from the actuals (hires, leavers, who is
//! trained and who is in training, the queue for training places) and in the forecast that
//! restarts from it. The plant is `tracking::plant`'s, with a workforce.

use jiff::civil::date;
use relaunch_core::actuals::{Actuals, Metric, Row};
use relaunch_core::model::*;
use relaunch_core::tracking::state_at;

use crate::build::*;
use crate::tracking::{from_actuals, plan_actuals, plant, resolve, row, state};

fn staffed(training_capacity: Option<u32>) -> Scenario {
    let mut scenario = plant();
    scenario.workforce = Some(Workforce {
        hires: vec![Hire {
            date: date(2024, 1, 1),
            count: 12,
        }],
        training_secs: 10.0 * DAY,
        training_capacity,
        ..Workforce::default()
    });
    scenario
}

/// Hired 10 on 2024-01-01 and 5 on 2024-01-12, 3 left on 2024-01-15.
fn people_rows() -> Vec<Row> {
    vec![
        row(date(2024, 1, 1), Metric::Hired, "", 10),
        row(date(2024, 1, 12), Metric::Hired, "", 5),
        row(date(2024, 1, 15), Metric::Left, "", 3),
    ]
}

#[test]
fn headcount_is_hires_less_leavers() {
    let scenario = staffed(None);
    let state = state(&scenario, &people_rows(), date(2024, 1, 17));
    assert_eq!((state.hired, state.left), (15, 3));
    assert_eq!(state.trained + state.in_training, 12);
    assert_eq!(state.payroll_per_day[10], 10);
    assert_eq!(state.payroll_per_day[11], 15);
    assert_eq!(state.payroll_per_day[14], 12);
    // Without a workforce in the scenario the counts are as reported, nobody in training.
    let plant = plant();
    let unlimited = state_at(&plant, &resolve(&plant, &people_rows()), date(2024, 1, 17)).unwrap();
    assert_eq!(
        (
            unlimited.hired,
            unlimited.left,
            unlimited.trained,
            unlimited.in_training
        ),
        (15, 3, 12, 0)
    );
    // No `hired` rows: the planned hire of 12 stands.
    let planned = state_at(&scenario, &Actuals::default(), date(2024, 1, 17)).unwrap();
    assert_eq!((planned.hired, planned.left, planned.trained), (12, 0, 12));
}

#[test]
fn trained_and_in_training_follow_the_training_days() {
    // Ten days of training: the 10 hired on day 0 work from day 10, the 5 hired on day 11
    // from day 21. The 3 leavers are of the earliest hired: at day 16, 10 - 3 = 7 trained,
    // the 5 of day 11 in training until day 21.
    let scenario = staffed(None);
    let state = state(&scenario, &people_rows(), date(2024, 1, 17));
    assert_eq!((state.trained, state.in_training), (7, 5));
    assert_eq!(state.training_until, vec![(21, 5)]);
    assert_eq!(state.trained_per_day[9], 0);
    assert_eq!(state.trained_per_day[10], 10);
    assert_eq!(state.trained_per_day[14], 7);
}

#[test]
fn training_places_queue_the_hires() {
    // Four places: of the 10 of day 0, 4 train from day 0 (work from day 10), 4 from day 10
    // (day 20), 2 from day 20 with 2 of the 5 of day 11 (day 30), the last 3 from day 30
    // (day 40). At day 16: 4 trained less 3 leavers = 1; 15 - 3 - 1 = 11 in training.
    let scenario = staffed(Some(4));
    let state = state(&scenario, &people_rows(), date(2024, 1, 17));
    assert_eq!((state.trained, state.in_training), (1, 11));
    assert_eq!(state.training_until, vec![(20, 4), (30, 4), (40, 3)]);
}

#[test]
fn people_carry_into_the_forecast() {
    // One operator a shift: the shift runs with at least one trained person present.
    let mut scenario = staffed(None);
    scenario.stations[0].operators = 1;
    let as_of = date(2024, 1, 17);
    let mut rows = plan_actuals(as_of, &[]);
    rows.extend(people_rows());
    let tracked = from_actuals(&scenario, &rows, as_of, 2);
    let day = |d: usize| &tracked.daily[d];
    // The actuals' days, then the 12 on the payroll stay (no attrition): 7 trained until the
    // 5 in training start work on day 21.
    assert_eq!(day(14).payroll.unwrap().p50, 12);
    assert_eq!(day(17).payroll.unwrap().p50, 12);
    assert_eq!(day(17).trained.unwrap().p50, 7);
    assert_eq!(day(20).trained.unwrap().p50, 7);
    assert_eq!(day(21).trained.unwrap().p50, 12);
    // Nobody trained in the first ten days of the plan, but the as-of forecast's line runs on.
    assert_eq!(day(18).good.p50, 4);
}

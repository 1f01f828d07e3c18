//! "Why late" from an as-of state (`tracking::why_as_of_until`): the analysis of the rest of the
//! horizon from the actuals, whose unrelaxed forecast is the forecast from actuals itself.

use jiff::civil::date;
use relaunch_core::tracking::{state_at, why_as_of_until};
use relaunch_core::why::{DENOMINATOR, PLAN, why};

use crate::tracking::{from_actuals, no_progress, plan_actuals, plant, resolve};

#[test]
fn why_from_the_actuals_explains_the_forecast_from_them() {
    let scenario = plant();
    let as_of = date(2024, 1, 17);
    // 6 cars scrapped before the as-of day: 100 cars a workday late (2024-02-06 for 2024-02-05),
    // which no relaxation of what is still to come undoes: all on the plan as it now stands.
    let rows = plan_actuals(as_of, &[(date(2024, 1, 10), 4), (date(2024, 1, 11), 2)]);
    let state = state_at(&scenario, &resolve(&scenario, &rows), as_of).unwrap();
    let analysis =
        why_as_of_until(&scenario, &state, (7, 4), &[], &no_progress, &|| false).unwrap();
    let tracked = from_actuals(&scenario, &rows, as_of, 4);
    assert_eq!(analysis.actual.milestones, tracked.milestones);
    assert_eq!(analysis.actual.daily, tracked.daily);
    let hundred = &analysis.milestones[0];
    assert_eq!(hundred.id, "100-cars");
    let median = &hundred.quantiles[0];
    assert_eq!(median.late_days(), 1);
    let plan = median.shares.iter().find(|s| s.factor == PLAN).unwrap();
    assert_eq!(plan.numerator, DENOMINATOR);
    assert_eq!(
        median.shares.iter().map(|s| s.numerator).sum::<i64>(),
        DENOMINATOR
    );
    // The rate milestone was reached on 2024-01-05, on time: nothing to blame.
    let rate = &analysis.milestones[1];
    assert!(rate.quantiles.iter().all(|q| q.late_days() == 0));
    // From day 0 the plan is on time: the analysis of the plan cannot see the scrap.
    let planned = why(&scenario, 7, 4, &[], &no_progress);
    assert_eq!(planned.milestones[0].quantiles[0].late_days(), 0);
}

#[test]
fn why_from_the_actuals_stops_when_asked() {
    let scenario = plant();
    let as_of = date(2024, 1, 17);
    let rows = plan_actuals(as_of, &[]);
    let state = state_at(&scenario, &resolve(&scenario, &rows), as_of).unwrap();
    let stopped = why_as_of_until(&scenario, &state, (7, 4), &[], &no_progress, &|| true);
    assert_eq!(
        stopped.err(),
        Some(relaunch_core::tracking::TrackingError::Stopped)
    );
}

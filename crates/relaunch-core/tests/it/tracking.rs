//! Tracking: the state at the end of an as-of day from actuals, and the forecast that restarts
//! from it — the acceptance tests of issue 12, with figures worked by hand.
//!
//! The plant of most tests is deterministic: one station of one server with a constant cycle
//! of an hour, one 8-hour shift Monday to Friday, a plan of 4 starts a workday from Monday
//! 2024-01-01 (spread over the shift at 0, 2, 4 and 6 hours, so the line is empty at the end of
//! every day), yield 1, no failures; the product takes a kit (100 in stock, 100 more shipped on
//! 2024-01-15). Its milestones: 100 good units (the 25th workday at 4 a day: Friday
//! 2024-02-02), due 2024-02-05, and 4 a day over 5 workdays (Friday 2024-01-05), due
//! 2024-01-12.

use jiff::civil::{Date, date};
use relaunch_core::actuals::{Actuals, Metric, Row};
use relaunch_core::model::*;
use relaunch_core::montecarlo::{Forecast, forecast};
use relaunch_core::schedule::add_days;
use relaunch_core::sim::Relaxations;
use relaunch_core::tracking::{State, TrackingError, forecast_as_of, state_at};

use crate::build::*;

pub(crate) fn no_progress(_: u64) {}

pub(crate) fn plant() -> Scenario {
    let mut scenario = line(
        vec![station("assembly", constant(HOUR))],
        Release::Plan {
            phases: vec![PlanPhase {
                from: start(),
                per_day: 4,
            }],
            limit: None,
        },
        60.0 * DAY,
        0.0,
    );
    scenario.calendar = weekdays(1);
    scenario.products[0].id = "car".to_string();
    scenario.products[0].kit = Some(0);
    scenario.kits = vec![Kit {
        id: "skd".to_string(),
        kind: KitKind::Skd,
        initial_stock: 100,
        orders: vec![],
        shipments: vec![KitShipment {
            arrives: date(2024, 1, 15),
            quantity: 100,
        }],
        lead_time: constant(7.0 * DAY),
        unit_price: None,
        currency: None,
    }];
    scenario.milestones = vec![
        Milestone {
            id: "100-cars".to_string(),
            kind: MilestoneKind::Cumulative { units: 100 },
            due: Some(date(2024, 2, 5)),
        },
        Milestone {
            id: "rate-4".to_string(),
            kind: MilestoneKind::Rate {
                per_day: 4.0,
                window: 5,
            },
            due: Some(date(2024, 1, 12)),
        },
    ];
    scenario
}

pub(crate) fn row(date: Date, metric: Metric, item: &str, value: u64) -> Row {
    Row {
        date,
        metric,
        item: item.to_string(),
        value,
        note: String::new(),
    }
}

pub(crate) fn resolve(scenario: &Scenario, rows: &[Row]) -> Actuals {
    Actuals::resolve(rows, scenario).expect("rows resolve")
}

fn is_workday(date: Date) -> bool {
    date.weekday().to_monday_zero_offset() < 5
}

/// The plan as actuals from the start through `as_of`: 4 released and 4 good each workday
/// (less `scrapped` on the days given, which are scrapped instead), and the shipment received.
pub(crate) fn plan_actuals(as_of: Date, scrapped: &[(Date, u64)]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut day = start();
    while day <= as_of {
        if is_workday(day) {
            let lost = scrapped
                .iter()
                .find(|(d, _)| *d == day)
                .map_or(0, |(_, n)| *n);
            rows.push(row(day, Metric::Released, "car", 4));
            rows.push(row(day, Metric::Good, "car", 4 - lost));
            rows.push(row(day, Metric::Scrapped, "car", lost));
        }
        day = day.tomorrow().unwrap();
    }
    if as_of >= date(2024, 1, 15) {
        rows.push(row(date(2024, 1, 15), Metric::KitsReceived, "skd", 100));
    }
    rows
}

fn plan_forecast(scenario: &Scenario, replications: u64) -> Forecast {
    forecast(
        scenario,
        7,
        replications,
        Relaxations::default(),
        &no_progress,
    )
}

pub(crate) fn from_actuals(
    scenario: &Scenario,
    rows: &[Row],
    as_of: Date,
    replications: u64,
) -> Forecast {
    let state = state_at(scenario, &resolve(scenario, rows), as_of).unwrap();
    forecast_as_of(scenario, &state, None, 7, replications, &no_progress).unwrap()
}

fn dates(forecast: &Forecast, milestone: usize) -> [Option<Date>; 3] {
    let m = &forecast.milestones[milestone];
    [m.p10, m.p50, m.p90]
}

#[test]
fn actuals_as_planned_give_the_plans_forecast() {
    let scenario = plant();
    let planned = plan_forecast(&scenario, 4);
    assert_eq!(dates(&planned, 0), [Some(date(2024, 2, 2)); 3]);
    assert_eq!(dates(&planned, 1), [Some(date(2024, 1, 5)); 3]);
    // As of Wednesday 2024-01-03 the rate window of the week straddles the as-of day, and
    // the shipment is still to come: the same forecast.
    let as_of = date(2024, 1, 3);
    let early = from_actuals(&scenario, &plan_actuals(as_of, &[]), as_of, 4);
    assert_eq!(early.daily, planned.daily);
    assert_eq!(dates(&early, 1), [Some(date(2024, 1, 5)); 3]);
    assert_eq!(early.milestones[1].actual, None);
    // As of Wednesday 2024-01-17 (day 16): 13 workdays, 52 cars, the shipment in.
    let as_of = date(2024, 1, 17);
    let tracked = from_actuals(&scenario, &plan_actuals(as_of, &[]), as_of, 4);
    assert_eq!(tracked.as_of, Some(as_of));
    for index in 0..2 {
        assert_eq!(dates(&tracked, index), dates(&planned, index));
        assert_eq!(
            tracked.milestones[index].on_time_probability,
            planned.milestones[index].on_time_probability
        );
    }
    // The daily fans are the plan's day for day: output, cumulative, kit stock, shifts.
    assert_eq!(tracked.daily, planned.daily);
    assert_eq!(tracked.daily[16].cumulative.p50, 52);
    assert_eq!(tracked.daily[16].kit_stock[0].p50, 100 + 100 - 52);
    assert_eq!(tracked.good.mean, planned.good.mean);
    assert_eq!(tracked.released.mean, planned.released.mean);
}

#[test]
fn a_shortfall_moves_the_milestone_by_the_workdays_it_takes_to_make_up() {
    let scenario = plant();
    let as_of = date(2024, 1, 17);
    // 6 cars scrapped: all 4 on Wednesday 2024-01-10, 2 on Thursday 2024-01-11. Released as
    // planned (the kits were used), so nothing is owed to the plan: 52 - 6 = 46 good by the
    // as-of day, then 4 a workday. The plan reaches 100 on Friday 2024-02-02 (25 workdays);
    // short of 6, there are 94 then, 98 on Monday 2024-02-05 and 102 on Tuesday 2024-02-06:
    // ceil(6 / 4) = 2 workdays later, a day past the due date.
    let rows = plan_actuals(as_of, &[(date(2024, 1, 10), 4), (date(2024, 1, 11), 2)]);
    let tracked = from_actuals(&scenario, &rows, as_of, 4);
    assert_eq!(dates(&tracked, 0), [Some(date(2024, 2, 6)); 3]);
    assert_eq!(tracked.milestones[0].on_time_probability, Some(0.0));
    assert_eq!(tracked.milestones[0].actual, None);
    assert_eq!(tracked.daily[16].cumulative.p50, 46);
    // 4 a day over 5 workdays was first reached on Friday 2024-01-05, before the scrap.
    assert_eq!(tracked.milestones[1].actual, Some(date(2024, 1, 5)));
    // The kits scrapped were used: the stock is the plan's, 200 - 52 at the as-of day.
    assert_eq!(tracked.daily[16].kit_stock[0].p50, 148);
}

#[test]
fn a_milestone_reached_by_the_actuals_carries_its_date() {
    let scenario = plant();
    let as_of = date(2024, 1, 17);
    // Monday 2024-01-01 to Friday 2024-01-05 made 3, 4, 5, 6, 6: four a day over five
    // workdays (24 / 5 = 4.8) first on Friday 2024-01-05 — and the plan asked for 20.
    let mut rows = plan_actuals(as_of, &[]);
    for (day, good) in [(1, 3), (2, 4), (3, 5), (4, 6), (5, 6)] {
        rows.push(row(date(2024, 1, day), Metric::Good, "car", good));
    }
    let tracked = from_actuals(&scenario, &rows, as_of, 4);
    let rate = &tracked.milestones[1];
    assert_eq!(rate.actual, Some(date(2024, 1, 5)));
    assert_eq!([rate.p10, rate.p50, rate.p90], [Some(date(2024, 1, 5)); 3]);
    assert_eq!(rate.on_time_probability, Some(1.0));
    // The cumulative milestone is not reached yet: no actual date.
    assert_eq!(tracked.milestones[0].actual, None);
    // 4 more than planned in the first week (24 for 20): 100 is reached a day sooner, on
    // Thursday 2024-02-01 (56 by the as-of day, then 4 a workday: 56 + 11 × 4 = 100).
    assert_eq!(tracked.daily[16].cumulative.p50, 56);
    assert_eq!(dates(&tracked, 0), [Some(date(2024, 2, 1)); 3]);
}

#[test]
fn an_as_of_day_outside_the_horizon_is_an_error() {
    let scenario = plant();
    let actuals = Actuals::default();
    assert_eq!(
        state_at(&scenario, &actuals, date(2023, 12, 31)),
        Err(TrackingError::BeforeStart {
            as_of: date(2023, 12, 31),
            start: start()
        })
    );
    // 60 days from 2024-01-01: the last is 2024-02-29.
    let error = state_at(&scenario, &actuals, date(2024, 3, 1)).unwrap_err();
    assert_eq!(
        error,
        TrackingError::AfterHorizon {
            as_of: date(2024, 3, 1),
            last: date(2024, 2, 29)
        }
    );
    assert!(error.to_string().contains("2024-02-29"));
    let state = state_at(&scenario, &actuals, date(2024, 2, 29)).unwrap();
    let mut shifted = state.clone();
    shifted.as_of = date(2024, 3, 1);
    assert!(forecast_as_of(&scenario, &shifted, None, 1, 1, &no_progress).is_err());
    // The last day itself is a valid as-of day: nothing left to run.
    let last = forecast_as_of(&scenario, &state, None, 1, 2, &no_progress).unwrap();
    assert_eq!(last.daily.len(), 60);
    assert_eq!(last.daily[59].cumulative.p50, 0);
}

pub(crate) fn state(scenario: &Scenario, rows: &[Row], as_of: Date) -> State {
    state_at(scenario, &resolve(scenario, rows), as_of).unwrap()
}

#[test]
fn kit_stock_is_initial_plus_receipts_less_releases() {
    let scenario = plant();
    let as_of = date(2024, 1, 17);
    // 12 releases of 4 (one workday short of the plan: none on 2024-01-16), 60 kits received
    // of the 100 shipped: 100 + 60 - 48 = 112.
    let mut rows: Vec<Row> = plan_actuals(as_of, &[])
        .into_iter()
        .filter(|r| r.date != date(2024, 1, 16) && r.metric != Metric::KitsReceived)
        .collect();
    rows.push(row(date(2024, 1, 15), Metric::KitsReceived, "skd", 60));
    let state = state(&scenario, &rows, as_of);
    assert_eq!(state.as_of_day, 16);
    assert_eq!(state.released, vec![48]);
    assert_eq!(state.kits_received, vec![60]);
    assert_eq!(state.kit_stock, vec![112]);
    assert_eq!(state.kit_stock_per_day[0][13], 100 - 40);
    assert_eq!(state.kit_stock_per_day[0][14], 60 + 60 - 4);
    assert_eq!(state.kit_arrivals_per_day[0][14], 60);
    assert!(state.kits_tracked[0]);
    // Without `kits_received` rows the shipment due by then counts as received: 152.
    let silent: Vec<Row> = rows
        .iter()
        .filter(|r| r.metric != Metric::KitsReceived)
        .cloned()
        .collect();
    let planned = state_at(&scenario, &resolve(&scenario, &silent), as_of).unwrap();
    assert_eq!(planned.kit_stock, vec![152]);
    assert!(!planned.kits_tracked[0]);
    // An order dispatched on 2024-01-02 with a lead time of 7 days is due on 2024-01-09: in
    // by 2024-01-10 (8 workdays released: 100 + 30 - 32), not by 2024-01-08 (6 workdays:
    // 100 - 24, no shipment yet).
    let mut ordered = scenario.clone();
    ordered.kits[0].orders = vec![KitOrder {
        first: date(2024, 1, 2),
        every_days: None,
        quantity: 30,
        until: None,
    }];
    let by = |as_of: Date| {
        let rows: Vec<Row> = silent.iter().filter(|r| r.date <= as_of).cloned().collect();
        state_at(&ordered, &resolve(&ordered, &rows), as_of)
            .unwrap()
            .kit_stock[0]
    };
    assert_eq!(by(date(2024, 1, 8)), 76);
    assert_eq!(by(date(2024, 1, 10)), 98);
}

#[test]
fn units_released_and_not_finished_are_in_the_line() {
    let scenario = plant();
    let as_of = date(2024, 1, 3);
    let rows = vec![
        row(date(2024, 1, 1), Metric::Released, "car", 4),
        row(date(2024, 1, 1), Metric::Good, "car", 3),
        row(date(2024, 1, 2), Metric::Released, "car", 5),
        row(date(2024, 1, 2), Metric::Good, "car", 4),
        row(date(2024, 1, 2), Metric::Scrapped, "car", 1),
        // After the as-of day: ignored.
        row(date(2024, 1, 4), Metric::Good, "car", 9),
    ];
    let state = state(&scenario, &rows, as_of);
    assert_eq!(state.released, vec![9]);
    assert_eq!(state.good, vec![7]);
    assert_eq!(state.scrapped, vec![1]);
    assert_eq!(state.in_line, vec![1]);
    assert_eq!(state.good_per_day, vec![3, 4, 0]);
    // No `released` rows: released as finished, nothing in the line.
    let finished: Vec<Row> = rows
        .into_iter()
        .filter(|r| r.metric != Metric::Released)
        .collect();
    let state = state_at(&scenario, &resolve(&scenario, &finished), as_of).unwrap();
    assert_eq!(state.released, vec![8]);
    assert_eq!(state.in_line, vec![0]);
}

#[test]
fn tasks_done_and_started_are_read_with_their_dates() {
    let mut scenario = plant();
    scenario.programme.tasks = ["deal", "tooling"]
        .iter()
        .map(|id| Task {
            id: id.to_string(),
            duration: constant(10.0 * DAY),
            after: vec![],
            not_before: None,
            workdays: false,
        })
        .collect();
    let rows = vec![
        row(date(2024, 1, 3), Metric::TaskStarted, "deal", 1),
        row(date(2024, 1, 9), Metric::TaskDone, "deal", 1),
        row(date(2024, 1, 4), Metric::TaskStarted, "tooling", 1),
    ];
    let state = state(&scenario, &rows, date(2024, 1, 10));
    assert_eq!(state.task_done, vec![Some(date(2024, 1, 9)), None]);
    assert_eq!(
        state.task_started,
        vec![Some(date(2024, 1, 3)), Some(date(2024, 1, 4))]
    );
}

/// Three tasks of 10 calendar days in a chain, deal → tooling → certification, from the start,
/// a task milestone on certification; the plan (2024-01-01 +10 +10 +10) finishes certification
/// on 2024-01-30.
fn programme_plant() -> Scenario {
    let mut scenario = plant();
    scenario.programme.tasks = ["deal", "tooling", "certification"]
        .iter()
        .enumerate()
        .map(|(index, id)| Task {
            id: id.to_string(),
            duration: constant(10.0 * DAY),
            after: if index == 0 {
                vec![]
            } else {
                vec![Predecessor {
                    task: index - 1,
                    lag_days: 0,
                }]
            },
            not_before: None,
            workdays: false,
        })
        .collect();
    scenario.milestones.push(Milestone {
        id: "certified".to_string(),
        kind: MilestoneKind::Task { task: 2 },
        due: Some(date(2024, 2, 5)),
    });
    scenario
}

#[test]
fn tasks_finish_from_their_actual_dates() {
    let scenario = programme_plant();
    let planned = plan_forecast(&scenario, 2);
    assert_eq!(dates(&planned, 2), [Some(date(2024, 1, 30)); 3]);
    // The deal took 14 days (done 2024-01-14), tooling started on 2024-01-16: as of
    // 2024-01-20 it runs its 10 days to 2024-01-25, certification then to 2024-02-04.
    let rows = vec![
        row(date(2024, 1, 14), Metric::TaskDone, "deal", 1),
        row(date(2024, 1, 16), Metric::TaskStarted, "tooling", 1),
    ];
    let as_of = date(2024, 1, 20);
    let tracked = from_actuals(&scenario, &rows, as_of, 2);
    let programme = tracked.programme.as_ref().unwrap();
    assert_eq!(dates(&tracked, 2), [Some(date(2024, 2, 4)); 3]);
    assert_eq!(programme.tasks[0].finish.p50, date(2024, 1, 14));
    assert_eq!(programme.tasks[1].start.p50, date(2024, 1, 16));
    assert_eq!(programme.tasks[1].finish.p50, date(2024, 1, 25));
    // Certification done on 2024-01-31: its milestone carries that date.
    let mut rows = rows;
    rows.push(row(date(2024, 1, 31), Metric::TaskDone, "certification", 1));
    let done = from_actuals(&scenario, &rows, date(2024, 2, 1), 2);
    assert_eq!(done.milestones[2].actual, Some(date(2024, 1, 31)));
    assert_eq!(dates(&done, 2), [Some(date(2024, 1, 31)); 3]);
    // Tooling, not started by 2024-01-28 though the deal is done (the plan had it on
    // 2024-01-15): it starts on 2024-01-29 at the earliest, runs to 2024-02-07, certification
    // then to 2024-02-17.
    let late = vec![row(date(2024, 1, 14), Metric::TaskDone, "deal", 1)];
    let stalled = from_actuals(&scenario, &late, date(2024, 1, 28), 2);
    assert_eq!(dates(&stalled, 2), [Some(date(2024, 2, 17)); 3]);
    // A task started and overdue (12 days run of a constant 10) finishes the day after the
    // as-of day: the documented fallback of a draw beyond every duration the task allows.
    let overrun = from_actuals(&scenario, &rows[..2], date(2024, 1, 27), 2);
    let tooling = &overrun.programme.as_ref().unwrap().tasks[1];
    assert_eq!(tooling.finish.p50, date(2024, 1, 28));
}

/// The plant with exponential cycles of 1.8 hours (a load of 0.9: queues carry over from day to
/// day) and a first-pass yield of 0.95 (scrap).
fn stochastic_plant() -> Scenario {
    let mut scenario = plant();
    scenario.stations[0].cycle = exp(1.8 * HOUR);
    scenario.learning.first_pass_yield = Some(Yield {
        initial: 0.95,
        mature: 0.95,
    });
    scenario.kits[0].shipments[0].quantity = 200;
    scenario
}

/// Replication `replication`'s good units through `as_of` as actuals (no `released` rows:
/// released as finished; the units scrapped or in the line then are owed to the plan again).
fn replication_actuals(
    scenario: &Scenario,
    replication: u64,
    as_of: Date,
) -> (Vec<Row>, Option<u32>) {
    use relaunch_core::montecarlo::run_replication;
    use relaunch_core::sim::Prepared;
    let prepared = Prepared::new(scenario);
    let run = run_replication(scenario, &prepared, 7, replication);
    let mut rows = Vec::new();
    let mut day = start();
    let mut index = 0;
    while day <= as_of {
        rows.push(row(
            day,
            Metric::Good,
            "car",
            u64::from(run.outcome.good_per_day[index]),
        ));
        day = day.tomorrow().unwrap();
        index += 1;
    }
    let reached = run.milestone_day(&scenario.milestones[0], &prepared.calendar);
    (rows, reached)
}

#[test]
fn a_replications_own_past_forecasts_its_own_date() {
    // The plan: 100 cars between 2024-02-05 and 2024-02-08 (P10, P50 2024-02-06, P90).
    let scenario = stochastic_plant();
    let planned = plan_forecast(&scenario, 200);
    let fan = |f: &Forecast| dates(f, 0).map(Option::unwrap);
    assert_eq!(
        fan(&planned),
        [date(2024, 2, 5), date(2024, 2, 6), date(2024, 2, 8)]
    );
    // Each of 20 replications, taken as the actuals through Friday 2024-01-19 (14 workdays of
    // 25), reaches 100 within the P10-P90 of the forecast from its own past.
    let as_of = date(2024, 1, 19);
    let mut inside = 0;
    for replication in 0..20 {
        let (rows, reached) = replication_actuals(&scenario, replication, as_of);
        let own = add_days(start(), i64::from(reached.unwrap()));
        let [p10, _, p90] = fan(&from_actuals(&scenario, &rows, as_of, 200));
        if p10 <= own && own <= p90 {
            inside += 1;
        }
    }
    assert_eq!(inside, 20);
    // Replication 11 is late (2024-02-08, the plan's P90): from its past, the median moves
    // there, two days past the plan's.
    let (rows, reached) = replication_actuals(&scenario, 11, as_of);
    assert_eq!(
        add_days(start(), i64::from(reached.unwrap())),
        date(2024, 2, 8)
    );
    let tracked = from_actuals(&scenario, &rows, as_of, 200);
    assert_eq!(tracked.milestones[0].p50, Some(date(2024, 2, 8)));
}

#[test]
fn the_forecast_from_actuals_is_the_same_at_any_thread_count() {
    let scenario = stochastic_plant();
    let as_of = date(2024, 1, 19);
    let (rows, _) = replication_actuals(&scenario, 11, as_of);
    let state = state(&scenario, &rows, as_of);
    // 300 replications: two batches.
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| forecast_as_of(&scenario, &state, None, 7, 300, &no_progress).unwrap())
    };
    let one = run(1);
    let four = run(4);
    assert_eq!(format!("{one:?}"), format!("{four:?}"));
    assert_eq!(one.replications, 300);
}

#[test]
fn units_in_the_line_and_starts_owed_go_first() {
    let scenario = plant();
    let as_of = date(2024, 1, 2);
    // 8 released, 6 good: 2 in the line, which enter at the start of 2024-01-03 without a
    // kit, ahead of the day's 4 planned starts (at 0, 2, 4 and 6 hours): they run 0-1 h and
    // 1-2 h, the planned ones 2-3, 3-4, 4-5 and 6-7 h: 6 good that day, 12 in all, and the
    // kit stock 100 - 8 - 4 = 88.
    let rows = vec![
        row(date(2024, 1, 1), Metric::Released, "car", 4),
        row(date(2024, 1, 1), Metric::Good, "car", 3),
        row(date(2024, 1, 2), Metric::Released, "car", 4),
        row(date(2024, 1, 2), Metric::Good, "car", 3),
    ];
    let tracked = from_actuals(&scenario, &rows, as_of, 2);
    assert_eq!(tracked.daily[2].good.p50, 6);
    assert_eq!(tracked.daily[2].cumulative.p50, 12);
    assert_eq!(tracked.daily[2].kit_stock[0].p50, 88);
    // 6 released of the 8 planned, all good: the 2 owed start first on 2024-01-03, with a
    // kit each: 6 good that day, the stock 100 - 6 - 6 = 88.
    let rows = vec![
        row(date(2024, 1, 1), Metric::Released, "car", 4),
        row(date(2024, 1, 1), Metric::Good, "car", 4),
        row(date(2024, 1, 2), Metric::Released, "car", 2),
        row(date(2024, 1, 2), Metric::Good, "car", 2),
    ];
    let tracked = from_actuals(&scenario, &rows, as_of, 2);
    assert_eq!(tracked.daily[2].good.p50, 6);
    assert_eq!(tracked.daily[2].cumulative.p50, 12);
    assert_eq!(tracked.daily[2].kit_stock[0].p50, 88);
}

#[test]
fn the_learning_curve_continues_from_the_units_done() {
    // Half-hour standard cycles, a Crawford curve of 90% from 3 times standard: unit x takes
    // 0.5 h × 3 x^b (b = log2 0.9), 1.5 h for the first, so each car is done before the next
    // starts and the line is empty every evening: the plan's days, as before.
    let mut scenario = plant();
    scenario.stations[0].cycle = constant(0.5 * HOUR);
    scenario.learning = Learning {
        model: LearningModel::Crawford,
        rate: 0.9,
        first_unit_factor: 3.0,
        first_pass_yield: None,
    };
    let as_of = date(2024, 1, 17);
    let planned = plan_forecast(&scenario, 2);
    let tracked = from_actuals(&scenario, &plan_actuals(as_of, &[]), as_of, 2);
    assert_eq!(tracked.daily, planned.daily);
    // After the 52 cars of the actuals, the run makes 4 a workday on the 31 workdays from
    // 2024-01-18 to 2024-02-29, cars 53 to 176: each flows through in its own cycle.
    let b = 0.9f64.log2();
    let mean: f64 = (53..=176)
        .map(|x| 30.0 * 3.0 * (x as f64).powf(b))
        .sum::<f64>()
        / 124.0;
    let got = tracked.flow_time_minutes.mean;
    assert!((got - mean).abs() < 1e-3, "flow {got} minutes, want {mean}");
    assert_eq!(tracked.released.mean, 176.0);
}

#[test]
fn open_orders_and_later_dispatches_arrive_as_planned() {
    // Beside the shipment of 100 on 2024-01-15, lead times of 7 days: 40 dispatched on
    // 2024-01-10 (in on 2024-01-17), 50 on 2024-01-15 (in on 2024-01-22), and 10 every 14 days
    // from 2024-01-08 to 2024-02-20 (in on 2024-01-15, 01-29, 02-12 and 02-26).
    let mut scenario = plant();
    let once = |first: Date, quantity: u32| KitOrder {
        first,
        every_days: None,
        quantity,
        until: None,
    };
    scenario.kits[0].orders = vec![
        once(date(2024, 1, 10), 40),
        once(date(2024, 1, 15), 50),
        KitOrder {
            first: date(2024, 1, 8),
            every_days: Some(14),
            quantity: 10,
            until: Some(date(2024, 2, 20)),
        },
    ];
    let as_of = date(2024, 1, 17);
    // Received by then: 110 on 2024-01-15, 40 on 2024-01-17; the 50 are still on their way.
    let mut rows = plan_actuals(as_of, &[]);
    rows.retain(|r| r.metric != Metric::KitsReceived);
    rows.push(row(date(2024, 1, 15), Metric::KitsReceived, "skd", 110));
    rows.push(row(date(2024, 1, 17), Metric::KitsReceived, "skd", 40));
    let planned = plan_forecast(&scenario, 2);
    let tracked = from_actuals(&scenario, &rows, as_of, 2);
    assert_eq!(tracked.daily, planned.daily);
    let stock = |day: usize| tracked.daily[day].kit_stock[0].p50;
    // 100 + 150 - 52 at the as-of day; 2024-01-22 (day 21): + 50 - 4 × 3 workdays.
    assert_eq!(stock(16), 198);
    assert_eq!(stock(21), 198 + 50 - 12);
    // Had only the shipment come (110 of 150 received, first-in first-out: the 10 of
    // 2024-01-15 and the 100), the 40 dispatched on 2024-01-10 are late: they arrive on the
    // first day of the restart, 2024-01-18.
    rows.retain(|r| !(r.metric == Metric::KitsReceived && r.date == date(2024, 1, 17)));
    let late = from_actuals(&scenario, &rows, as_of, 2);
    assert_eq!(late.daily[16].kit_stock[0].p50, 158);
    assert_eq!(late.daily[17].kit_stock[0].p50, 158 + 40 - 4);
}

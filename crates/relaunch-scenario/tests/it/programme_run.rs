//! End to end: a scenario whose plan and shifts start after a task, read from text and run
//! through the Monte Carlo engine, starts exactly on the hand-computed day.

use relaunch_core::montecarlo::forecast;
use relaunch_core::sim::Relaxations;
use relaunch_scenario::load_str;

/// Day 0 is Monday 2024-01-08; Wednesday 2024-01-17 is a holiday. Task `prep` takes 10
/// workdays: Mon 8 to Fri 12 (5), Mon 15, Tue 16, Thu 18, Fri 19 (9; the 17th is the holiday,
/// the 13th, 14th, 20th and 21st a weekend), Mon 22 (10). Its last day is Monday 2024-01-22;
/// what follows it starts the day after, Tuesday 2024-01-23, plus the lag of 2 days: Thursday
/// 2024-01-25. The line's one shift and the plan both start then; a unit of a 1-minute cycle
/// started at the first shift is good the same day.
const GATED: &str = r#"[scenario]
name = "gated"
start = "2024-01-08"
horizon = "40d"
replications = 4

[calendar]
holidays = ["2024-01-17"]
shifts = [{ after = "prep", lag = "2d", count = 1 }]

[[station]]
id = "line"
cycle = "1min"

[[product]]
id = "car"
route = ["line"]

[release]
plan = [{ after = "prep", lag = "2d", per_day = 2 }]

[[task]]
id = "prep"
duration = "10d"
workdays = true

[[milestone]]
id = "first-car"
cumulative = 1

[[milestone]]
id = "prepared"
task = "prep"
"#;

#[test]
fn a_plan_after_a_task_of_workdays_starts_on_the_hand_computed_day() {
    let scenario = load_str("gated.toml", GATED).expect("reads");
    let result = forecast(&scenario, 7, 4, Relaxations::default(), &|_| {});
    let first_shift = result
        .daily
        .iter()
        .find(|day| day.planned_shifts > 0)
        .map(|day| day.date.to_string());
    assert_eq!(first_shift.as_deref(), Some("2024-01-25"));
    let dates = |id: &str| {
        let milestone = result
            .milestones
            .iter()
            .find(|m| m.id == id)
            .expect("the milestone");
        [milestone.p10, milestone.p50, milestone.p90].map(|d| d.map(|d| d.to_string()))
    };
    let on = |text: &str| Some(text.to_string());
    assert_eq!(
        dates("first-car"),
        [on("2024-01-25"), on("2024-01-25"), on("2024-01-25")]
    );
    // A task milestone is reached on the task's last day.
    assert_eq!(
        dates("prepared"),
        [on("2024-01-22"), on("2024-01-22"), on("2024-01-22")]
    );
    // Nothing was made before the line's first day.
    let made_before: Vec<u64> = result
        .daily
        .iter()
        .filter(|day| day.date.to_string().as_str() < "2024-01-25")
        .map(|day| day.cumulative.p90)
        .collect();
    assert_eq!(made_before, [0; 17]);
}

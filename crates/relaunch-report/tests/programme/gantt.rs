//! The Gantt chart's edges: a task far past the horizon is cut at the chart's right edge with a
//! mark, the axis spans the horizon and a tenth more, and the days before the first planned
//! shift are not shaded as the plant's closures.

use jiff::civil::{Date, date};
use relaunch_core::model::*;
use relaunch_report::ResultDocument;
use relaunch_report::charts::ChartSpec;
use relaunch_report::html::report_html;

use super::pages::spec;
use super::{days, forecast_with_effects, scenario};

/// The Gantt chart of `scenario`'s report, after `edit` of its document.
fn gantt(scenario: &Scenario, edit: impl Fn(&mut ResultDocument)) -> ChartSpec {
    let mut document = ResultDocument::new(scenario, &forecast_with_effects(scenario), None);
    edit(&mut document);
    spec(&report_html(&document), "gantt")
}

fn day(date: Date) -> f64 {
    (date - jiff::civil::date(1970, 1, 1)).get_days() as f64
}

#[test]
fn a_task_far_past_the_horizon_is_cut_at_the_edge_with_a_mark() {
    // `huge` takes 100,000 days from 1 Jan 2024: its last day is day 99,999, 15 Oct 2297.
    let mut scenario = scenario();
    scenario
        .programme
        .tasks
        .push(super::task("huge", days(100_000.0), &[]));
    // certify's finish P90 moved by hand to 2300: its whisker runs into the edge.
    let chart = gantt(&scenario, |document| {
        let tasks = &mut document.programme.as_mut().unwrap().tasks;
        assert_eq!(tasks[4].finish.p90, "2297-10-15");
        tasks[2].finish.p90 = "2300-01-01".to_string();
    });
    // The axis runs from the horizon's first day, 1 Jan 2024, over its 90 days and 9 more
    // (a tenth): to 9 Apr.
    assert_eq!(chart.x.min, Some(day(date(2024, 1, 1))));
    assert_eq!(chart.x.max, Some(day(date(2024, 4, 9))));
    assert!(
        chart.to_json().len() < 12_000,
        "{} bytes",
        chart.to_json().len()
    );
    // huge's bar runs past the edge, where the page cuts it.
    let huge = chart.rows.iter().find(|r| r.label == "huge").unwrap();
    assert!(huge.finish[1] > chart.x.max.unwrap());
    // Two rows run past the edge, marked with the dates they reach and the criticality.
    let clipped: Vec<&str> = chart
        .rows
        .iter()
        .filter(|r| r.finish[2] > chart.x.max.unwrap())
        .map(|r| r.end_label.as_str())
        .collect();
    assert_eq!(clipped.len(), 2);
    assert!(clipped.contains(&"0% · finish P90 15 Oct 2297 →"));
    assert!(
        clipped
            .iter()
            .any(|l| l.ends_with("· finish P90 1 Jan 2300 →"))
    );
    // The others end inside with their criticality only.
    assert!(
        chart
            .rows
            .iter()
            .filter(|r| r.finish[2] <= chart.x.max.unwrap())
            .all(|r| r.end_label.ends_with('%'))
    );
}

#[test]
fn the_days_before_the_first_shift_are_not_shaded_as_closed() {
    // Every day a workday, one shift from the day after launch's planned finish: every task at
    // its shortest, launch ends day 25 (26 Jan), the shift phase starts 27 Jan. A shutdown
    // 29 Jan – 2 Feb closes the plant.
    let mut scenario = scenario();
    scenario.calendar = Calendar::Shifts(ShiftCalendar {
        workdays: [true; 7],
        shift_length_secs: 8.0 * 3600.0,
        shifts: vec![ShiftPhase {
            from: Some(date(2024, 1, 1)),
            count: 1,
        }],
        first_shift_start_secs: 6.0 * 3600.0,
        holidays: vec![],
        shutdowns: vec![Shutdown {
            from: date(2024, 1, 29),
            to: date(2024, 2, 2),
            reason: None,
        }],
    });
    scenario.programme.anchors.push(Anchor {
        slot: Slot::ShiftPhase(0),
        task: 3,
        lag_days: 0,
        not_before: None,
    });
    relaunch_core::programme::settle(&mut scenario);
    let chart = gantt(&scenario, |_| {});
    let keys: Vec<&str> = chart.keys.iter().map(|k| k.label.as_str()).collect();
    assert!(keys.contains(&"no shift planned yet") && keys.contains(&"plant closed"));
    let spans: Vec<&str> = chart.spans.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        spans,
        [
            "no shift planned yet 1 Jan 2024 – 26 Jan 2024",
            "plant closed 29 Jan 2024 – 2 Feb 2024"
        ]
    );
}

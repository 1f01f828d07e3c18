//! The Gantt chart's edges: a task far past the horizon is cut at the chart's right edge with a
//! mark, the axis spans the horizon and a tenth more, and the days before the first planned
//! shift are not shaded as the plant's closures.

use jiff::civil::date;
use relaunch_core::model::*;
use relaunch_report::ResultDocument;
use relaunch_report::html::report_html;

use super::{days, forecast_with_effects, scenario, section};

/// The Gantt chart of `scenario`'s report, after `edit` of its document.
fn gantt(scenario: &Scenario, edit: impl Fn(&mut ResultDocument)) -> String {
    let mut document = ResultDocument::new(scenario, &forecast_with_effects(scenario), None);
    edit(&mut document);
    let html = report_html(&document);
    let programme = section(&html, "programme");
    let from = programme.find("<svg").expect("a Gantt chart");
    let to = programme[from..].find("</svg>").expect("closed") + from;
    programme[from..to].to_string()
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
    // (a tenth): to 9 Apr. Weekly ticks on the Mondays 1 Jan … 8 Apr: 15 grid lines.
    assert_eq!(chart.matches("class=\"vgrid\"").count(), 15);
    assert!(chart.contains(">1 Jan</text>") && chart.contains(">8 Apr</text>"));
    assert!(!chart.contains(">15 Apr</text>") && !chart.contains("2025"));
    assert!(chart.len() < 12_000, "{} bytes", chart.len());
    // The plot spans x 66 (the labels of seven letters) to 944: huge's bar fills it.
    assert!(chart.contains("<rect x=\"66.0\" y=\"191.0\" width=\"878.0\" height=\"14\""));
    // Two marks on the edge, with the dates they reach and the criticality.
    assert_eq!(chart.matches("class=\"clipped\"").count(), 2);
    assert!(chart.contains(">0% · finish P90 15 Oct 2297 →</text>"));
    assert!(chart.contains("· finish P90 1 Jan 2300 →</text>"));
    // certify's finish whisker ends on the edge without a cap; the others keep both caps.
    assert_eq!(chart.matches("class=\"whisker finish\"").count(), 3);
    assert_eq!(chart.matches(" H944.0\" fill=\"none\"").count(), 1);
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
    assert!(chart.contains(">no shift planned yet</text>"));
    assert!(chart.contains("<title>no shift planned 1 Jan 2024 – 26 Jan 2024</title>"));
    assert!(chart.contains(">plant closed</text>"));
    assert_eq!(chart.matches("<title>plant closed").count(), 1);
    assert!(chart.contains("<title>plant closed 29 Jan 2024 – 2 Feb 2024</title>"));
}

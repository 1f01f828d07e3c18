//! The template of the report's "Programme" section, with a programme: the Gantt chart and the
//! task table, then the risk tornado (one chart per milestone with a due date) and the risk
//! table.

use maud::{Markup, html};

use super::layout::{chart, chart_or};
use crate::charts::ChartSpec;
use crate::charts::gantt::gantt;
use crate::charts::why_bars::{self, Unit};
use crate::summary::programme::{added_days, due_effects, lost_points};
use crate::view::format::{long_date, optional_date, pct, trim_float};
use crate::view::programme::{ProgrammeView, Tornado};
use crate::view::report::ReportView;

/// The Gantt chart of the programme, when a task has dates.
pub fn gantt_chart(programme: &ProgrammeView, view: &ReportView) -> Option<ChartSpec> {
    gantt(programme, &view.closed_periods, view.start.zip(view.end))
}

/// One tornado per milestone with a due date that a risk affects.
pub fn tornadoes<'a>(programme: &'a ProgrammeView) -> Vec<(&'a Tornado, ChartSpec)> {
    programme
        .tornadoes
        .iter()
        .enumerate()
        .map(|(index, tornado)| {
            let rows: Vec<(&str, f64)> = tornado
                .rows
                .iter()
                .map(|(id, days)| (id.as_str(), *days))
                .collect();
            let spec = why_bars::chart(
                &format!("tornado-{index}"),
                tornado.milestone.as_str(),
                &rows,
                Unit::DaysAdded,
            );
            (tornado, spec)
        })
        .collect()
}

/// `<section id="programme">`, when the report has a programme.
pub fn section(view: &ReportView) -> Markup {
    html! {
        @if let Some(programme) = &view.programme {
            section #programme {
                h2 { "Programme" }
                @if !programme.tasks.is_empty() {
                    (tasks(programme, view))
                }
                @if !programme.risks.is_empty() {
                    (risks(programme))
                }
            }
        }
    }
}

/// The Gantt chart and the task table.
fn tasks(programme: &ProgrammeView, view: &ReportView) -> Markup {
    let sets = if programme.document.gates_the_line {
        "the latest date of the plan that follows a task"
    } else {
        "the programme's end"
    };
    html! {
        p.note {
            "The tasks before the line, in the order of the scenario file. A bar runs from the \
             task's start to its finish at the median (P50); the solid whisker spans its finish \
             from P10 to P90, the dashed one its start. The darker the bar, the more often the \
             task lies on the critical chain — the tasks that set " (sets) ". Red lines are the \
             due dates of milestones that are a task's finish."
        }
        (chart_or(gantt_chart(programme, view).as_ref(), "No task dates to draw."))
        (task_table(programme))
    }
}

fn task_table(programme: &ProgrammeView) -> Markup {
    html! {
        table.programme {
            thead { tr {
                th { "Task" } th { "Start P50" } th { "Finish P10" } th { "Finish P50" }
                th { "Finish P90" } th.num { "Mean duration" } th.num { "Critical" }
            } }
            tbody {
                @for task in &programme.tasks {
                    tr {
                        td { b { (task.id) } }
                        td { (optional_date(task.start.map(|s| s.p50), "—")) }
                        td { (optional_date(task.finish.map(|f| f.p10), "—")) }
                        td { (optional_date(task.finish.map(|f| f.p50), "—")) }
                        td { (optional_date(task.finish.map(|f| f.p90), "—")) }
                        td.num { (trim_float(task.document.duration_days.mean)) " d" }
                        td.num { (pct(task.document.criticality)) }
                    }
                }
            }
        }
    }
}

fn risks(programme: &ProgrammeView) -> Markup {
    html! {
        h3 { "Risks" }
        p.note {
            "Each risk occurs in a run with its probability. Its effect on a milestone is the \
             forecast minus the same forecast with the risk switched off, on the same random \
             numbers: the days it adds to the milestone's P90 and the chance of meeting the due \
             date it costs. Risks are listed by their effect, largest first."
        }
        @if !programme.tornadoes.is_empty() {
            div.hist-grid.why {
                @for (tornado, spec) in tornadoes(programme) {
                    figure.why {
                        figcaption {
                            b { (tornado.milestone) }
                            @if let Some(due) = tornado.due { " · due " (long_date(due)) }
                            " · days each risk adds to its P90"
                        }
                        (chart(&spec))
                    }
                }
            }
        }
        table.risks {
            thead { tr {
                th { "Risk" } th.num { "Probability" } th.num { "Occurred" } th { "Milestone" }
                th.num { "P90 added" } th.num { "On time lost" }
            } }
            tbody {
                @for risk in &programme.risks {
                    @let effects: Vec<_> = due_effects(risk.document).collect();
                    @if effects.is_empty() {
                        tr {
                            td { b { (risk.id) } }
                            td.num { (pct(risk.document.probability)) }
                            td.num { (pct(risk.document.occurrence)) }
                            td { "—" } td.num { "—" } td.num { "—" }
                        }
                    }
                    @for (index, effect) in effects.iter().enumerate() {
                        tr {
                            @if index == 0 {
                                td { b { (risk.id) } }
                                td.num { (pct(risk.document.probability)) }
                                td.num { (pct(risk.document.occurrence)) }
                            } @else {
                                td {} td {} td {}
                            }
                            td { (crate::html::escape::shown(&effect.milestone)) }
                            td.num { (added_days(effect.p90_days)) }
                            td.num { (lost_points(effect.on_time_loss)) }
                        }
                    }
                }
            }
        }
    }
}

//! The template of the forecast report (`report.html`), section by section, read from the
//! [`ReportView`]. The key inputs and the footer are in `report_inputs`.

use maud::{Markup, html};

use super::escape::shown;
use super::layout::{chart, chart_or, chart_page, grade_legend, on_time_cell};
use super::{Target, cost_section, programme_section, report_inputs, why_section};
use crate::charts;
use crate::charts::ChartSpec;
use crate::view::format::{
    format_date, grade, long_date, optional_date, pct, thousands, trim_float,
};
use crate::view::report::{MilestoneView, ReportView};

/// The whole report.
pub fn render(view: &ReportView) -> String {
    let title = format!("{} — relaunch forecast", view.document.scenario);
    chart_page(&title, body(view))
}

/// The report's sections, the content of its `<main>`, for a page that has its own shell.
pub fn body(view: &ReportView) -> Markup {
    html! {
        (header(view))
        (key_figures(view))
        (milestone_table(view))
        @if let Some(why) = &view.why {
            (why_section::section(why))
        }
        (programme_section::section(view))
        (cumulative_section(view))
        (distributions_section(view))
        (stations_section(view))
        (kits_section(view))
        (daily_section(view))
        (headcount_section(view))
        (cost_section::section(view))
        (localization_section(view))
        (report_inputs::inputs_section(view))
        (report_inputs::footer(view))
    }
}

/// Every chart of the report in page order, as the page draws them.
pub fn charts(view: &ReportView) -> Vec<ChartSpec> {
    let mut specs = Vec::new();
    if let Some(why) = &view.why {
        specs.extend(why_section::charts(why).into_iter().map(|c| c.spec));
    }
    if let Some(programme) = &view.programme {
        specs.extend(programme_section::gantt_chart(programme, view));
        specs.extend(
            programme_section::tornadoes(programme)
                .into_iter()
                .map(|t| t.1),
        );
    }
    specs.extend(charts::forecast::cumulative(view));
    specs.extend(charts::forecast::close_ups(view));
    let bin = charts::histogram::bin_days(view);
    specs.extend(
        view.milestones
            .iter()
            .enumerate()
            .filter_map(|(i, m)| charts::histogram::histogram(view, m, i, bin)),
    );
    specs.extend(charts::stations::stations(view.document));
    specs.extend(charts::forecast::kits(view));
    specs.extend(charts::forecast::stockouts(view));
    specs.extend(charts::forecast::daily(view));
    specs.extend(charts::people::headcount(view));
    specs.extend(charts::people::cumulative_spend(view));
    specs
}

fn header(view: &ReportView) -> Markup {
    let d = view.document;
    html! {
        header {
            div.kicker { "relaunch · Monte Carlo forecast" }
            h1 { (view.scenario_name) }
            p.meta {
                (thousands(d.replications)) " replications · seed " (d.seed) " · "
                @match view.start {
                    Some(start) => (long_date(start)),
                    None => (shown(&d.start)),
                }
                " to " (view.end.map_or_else(|| "?".to_string(), long_date))
                " (" (d.horizon_days) " days)"
                @if let Some(as_of) = &d.as_of {
                    " · from the actuals through " (shown(as_of))
                }
            }
        }
        section id="summary" class="summary" {
            span.label { "No time to read?" }
            p { (view.summary) }
            // What the reader should know before trusting the figures (a forecast from actuals:
            // rows left out, a line forecast much faster than the actuals show).
            @for warning in &view.document.warnings {
                p.note.late.warning { "Warning: " (warning) }
            }
        }
    }
}

fn key_figures(view: &ReportView) -> Markup {
    let d = view.document;
    let mut cards = vec![
        (
            format!("{:.2}", d.throughput_per_hour.mean),
            match d.throughput_per_hour.ci95 {
                Some([low, high]) => {
                    format!("good units per scheduled hour (95% CI {low:.2}–{high:.2})")
                }
                None => "good units per scheduled hour (one run: no interval)".to_string(),
            },
        ),
        (
            thousands(d.units.good.mean.round().max(0.0) as u64),
            format!(
                "good units in the horizon (mean; {} released, {} scrapped)",
                thousands(d.units.released.mean.round().max(0.0) as u64),
                thousands(d.units.scrapped.mean.round().max(0.0) as u64)
            ),
        ),
        (
            format!("{:.1}", d.wip.mean),
            "units in progress (mean WIP)".to_string(),
        ),
        (
            format!("{:.0} min", d.flow_time_minutes.mean),
            "flow time, operating minutes".to_string(),
        ),
    ];
    if !d.kits.ids.is_empty() {
        cards.push((
            format!("{:.1}", d.kits.stockout_days.mean),
            "workdays with a kit stock-out (mean)".to_string(),
        ));
    }
    if d.inputs.workforce.is_some() {
        cards.push((
            format!("{:.1}", d.staffing.unstaffed_shifts.mean),
            "planned shifts lost for lack of trained staff (mean)".to_string(),
        ));
    }
    html! {
        section id="figures" class="cards" {
            @for (value, label) in &cards {
                div.card { div.v { (value) } div.k { (label) } }
            }
        }
    }
}

/// What a milestone asks for, as the table shows it.
fn target_text(target: Option<&Target>) -> String {
    match target {
        Some(Target::Cumulative(units)) => format!("{} units", thousands(*units)),
        Some(Target::Rate { per_day, window }) => {
            format!("{}/workday over {window} workdays", trim_float(*per_day))
        }
        None => "—".to_string(),
    }
}

/// How the median date stands against the due date.
fn slack(m: &MilestoneView) -> Markup {
    html! {
        @match (m.due, m.p50) {
            (Some(due), Some(p50)) => {
                @let days = (p50 - due).get_days();
                @if days > 0 {
                    span.late { (days) " d late" }
                } @else if days < 0 {
                    span.early { (-days) " d early" }
                } @else {
                    "on the day"
                }
            },
            (Some(_), None) => span.late { "beyond horizon" },
            _ => "—",
        }
    }
}

fn milestone_table(view: &ReportView) -> Markup {
    html! {
        section #milestones {
            h2 { "Milestones" }
            @if view.milestones.is_empty() {
                p.note { "The scenario defines no milestones." }
            } @else {
                p.note {
                    "P10/P50/P90: the date by which 10%, 50% and 90% of the simulated runs reach \
                     the milestone. On time: share of runs reaching it on or before the due date, \
                     with its 95% interval below it (it narrows with more replications)."
                }
                @if let Some(note) = &view.precision_note {
                    p.note.late { (note) }
                }
                table.milestones {
                    thead { tr {
                        th { "Milestone" } th { "Target" } th { "Due" } th { "P10" } th { "P50" }
                        th { "P90" } th { "P50 vs due" } th.num { "On time" } th.num { "Reached" }
                    } }
                    tbody {
                        @for m in &view.milestones {
                            tr {
                                td { b { (m.id) } }
                                td {
                                    @match &m.document.task {
                                        Some(task) => { "finish of " (shown(task)) },
                                        None => (target_text(m.target.as_ref())),
                                    }
                                }
                                td { (optional_date(m.due, "—")) }
                                td { (optional_date(m.p10, "not reached")) }
                                td { (optional_date(m.p50, "not reached")) }
                                td { (optional_date(m.p90, "not reached")) }
                                td { (slack(m)) }
                                (on_time_cell(m.document.on_time_probability, m.document.on_time_ci95))
                                td.num { (pct(m.document.reached_fraction)) }
                            }
                        }
                    }
                }
                (grade_legend())
            }
        }
    }
}

fn cumulative_section(view: &ReportView) -> Markup {
    let close_ups = charts::forecast::close_ups(view);
    html! {
        section #cumulative {
            h2 { "Cumulative good output" }
            p.note {
                "Good units built since the start, by the end of each day. The band holds 80% of \
                 the runs on each day (P10–P90 of each day); the line is the P50 of each day, the \
                 median over the runs day by day (a pointwise quantile, not one run). Red lines \
                 are due dates; dashed lines the milestones' cumulative targets, with a dot where \
                 the P50 of the milestone's date meets its target. Hover for the values."
            }
            (chart_or(charts::forecast::cumulative(view).as_ref(), "No dates to draw."))
            @if !close_ups.is_empty() {
                h3 { "Close-up on the early milestones" }
                p.note {
                    "The same band and line from the start, on the scale of a target too small to \
                     see above."
                }
                div.hist-grid {
                    @for spec in &close_ups { div { (chart(spec)) } }
                }
            }
        }
    }
}

fn distributions_section(view: &ReportView) -> Markup {
    let d = view.document;
    let bin = charts::histogram::bin_days(view);
    let per = match bin {
        1 => "day",
        7 => "week",
        _ => "four weeks",
    };
    html! {
        @if !view.milestones.is_empty() {
            section #distributions {
                h2 { "When each milestone is reached" }
                p.note {
                    "Share of runs reaching the milestone in each " (per) " (the same bins for \
                     every milestone). Green bars are on or before the due date (red line), \
                     orange after it; the shaded span holds P10–P90 and the dashed line is the \
                     P50."
                }
                div.hist-grid {
                    @for (index, m) in view.milestones.iter().enumerate() {
                        figure.hist {
                            figcaption {
                                b { (m.id) }
                                @if let Some(due) = m.due { " · due " (long_date(due)) }
                                @if let Some(p) = m.document.on_time_probability {
                                    " · " span class={ "chip " (grade(p)) } { (pct(p)) " on time" }
                                }
                            }
                            (chart_or(
                                charts::histogram::histogram(view, m, index, bin).as_ref(),
                                "Not reached in any run.",
                            ))
                            @if m.document.not_reached > 0 {
                                p.note.small {
                                    (pct(m.document.not_reached as f64 / d.replications.max(1) as f64))
                                    " of runs (" (thousands(m.document.not_reached)) " of "
                                    (thousands(d.replications)) ") do not reach it within the horizon."
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn stations_section(view: &ReportView) -> Markup {
    let d = view.document;
    html! {
        section #stations {
            h2 { "Where the time goes at each station" }
            p.note {
                "Share of scheduled time (mean over runs): busy working, blocked by a full buffer \
                 downstream, starved waiting for work, down for repair, unstaffed for lack of \
                 trained staff. The bottleneck (highest busy + down) is outlined."
            }
            (chart_or(charts::stations::stations(d).as_ref(), "No stations."))
        }
    }
}

fn kits_section(view: &ReportView) -> Markup {
    let d = view.document;
    let any_stockout = d.daily.iter().any(|day| day.stockout_probability > 0.0);
    html! {
        @if !d.kits.ids.is_empty() {
            section #kits {
                h2 { "Kit stock" }
                p.note {
                    "Kits in stock at the end of each day: P50 of each day (line) and P10–P90 of \
                     each day (band)."
                    @if any_stockout {
                        " The chart below it gives the share of runs waiting for kits on each day."
                    } @else {
                        " No run ran out of kits."
                    }
                }
                @if let Some(spec) = charts::forecast::kits(view) { (chart(&spec)) }
                @if let Some(spec) = charts::forecast::stockouts(view) { (chart(&spec)) }
            }
        }
    }
}

fn daily_section(view: &ReportView) -> Markup {
    html! {
        @if let Some(spec) = charts::forecast::daily(view) {
            section #daily {
                h2 { "Good output per workday" }
                p.note {
                    "Good units finished on each workday (days off are left out): P50 of each day \
                     (line) and P10–P90 of each day (band). Dashed lines are rate milestones."
                }
                (chart(&spec))
            }
        }
    }
}

/// People on the payroll and trained people by day, with a workforce.
fn headcount_section(view: &ReportView) -> Markup {
    html! {
        @if let Some(spec) = charts::people::headcount(view) {
            section #headcount {
                h2 { "Headcount" }
                p.note {
                    "People on the payroll (hired and not yet left: in training, waiting for a \
                     training place, or trained) and trained people at the start of each day: P50 \
                     of each day (line) and P10–P90 of each day (band)."
                }
                (chart(&spec))
            }
        }
    }
}

/// The localization path beside the production forecast: points by date against the
/// threshold in force.
fn localization_section(view: &ReportView) -> Markup {
    html! {
        @if let Some(localization) = &view.localization {
            section #localization {
                h2 { "Localization points" }
                p.note {
                    @match localization.first_meets {
                        Some(date) => { "The threshold is first met on " (format_date(date, true)) "." },
                        None => "The threshold is not met within the horizon.",
                    }
                }
                table {
                    thead { tr {
                        th { "From" } th.num { "Points" } th.num { "Threshold" } th { "Meets" }
                        th { "Items counted" }
                    } }
                    tbody {
                        @for (date, entry) in &localization.timeline {
                            tr {
                                td { (optional_date(*date, "—")) }
                                td.num { (thousands(u64::from(entry.points))) }
                                td.num { (entry.threshold.map_or("—".to_string(), |t| thousands(u64::from(t)))) }
                                td { (if entry.meets { "✔ yes" } else { "no" }) }
                                td { (shown(&entry.items.join(", "))) }
                            }
                        }
                    }
                }
            }
        }
    }
}

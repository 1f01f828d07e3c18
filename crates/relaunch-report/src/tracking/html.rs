//! The HTML pages of the tracking documents, in the layout of every page (`html::layout`): the
//! news sentence first, then the charts (`charts::trend`) and the tables. Self-contained:
//! inline style, chart specs and scripts, nothing loaded.

use maud::{Markup, html};

use super::text::{
    as_of_label, backtest_news, calibration_news, history_news, outside, status_news, value,
};
use super::{BacktestDocument, CalibrationDocument, HistoryDocument, StatusDocument};
use crate::charts::ChartSpec;
use crate::charts::trend::{CumulativeDay, TrendPoint, TrendSeries, plan_vs_actual, trend};
use crate::html::escape::shown;
use crate::html::layout::{chart_or, chart_page, page};
use crate::view::format::{read_date, thousands};
use crate::words::percent;

fn header(kicker: &str, scenario: &str, news: &str) -> Markup {
    html! {
        header {
            div.kicker { (kicker) }
            h1 { (shown(scenario)) }
        }
        section id="summary" class="summary" {
            span.label { "The news" }
            p { (shown(news)) }
        }
    }
}

fn or_dash(text: &Option<String>) -> String {
    text.clone().unwrap_or_else(|| "—".to_string())
}

/// The plan-vs-actual chart of `status`, as its page draws it.
pub fn status_chart(doc: &StatusDocument) -> Option<ChartSpec> {
    let days: Vec<CumulativeDay> = doc
        .daily
        .iter()
        .filter_map(|d| {
            Some(CumulativeDay {
                date: read_date(&d.date)?,
                actual: d.actual_cumulative,
                plan: d.plan_cumulative,
                forecast: d.forecast_cumulative.clone(),
            })
        })
        .collect();
    plan_vs_actual(&days)
}

/// `status` as a page: the news, plan vs actual, then output, kits, headcount, tasks and
/// milestones.
pub fn status_html(doc: &StatusDocument) -> String {
    chart_page(
        &format!("{} — relaunch status", doc.scenario),
        status_body(doc),
    )
}

/// The sections of [`status_html`] without the page around them.
pub fn status_body(doc: &StatusDocument) -> Markup {
    html! {
        (header("relaunch · status", &doc.scenario, &status_news(doc)))
        h2 { "Cumulative good output" }
        (chart_or(status_chart(doc).as_ref(), "No actuals to draw."))
        @if !doc.products.is_empty() {
            h2 { "Output" }
            table {
                tr { th { "product" } th.num { "released" } th.num { "good" } th.num { "scrapped" } th.num { "in line" } th.num { "yield" } }
                @for p in &doc.products {
                    tr {
                        td { (shown(&p.id)) }
                        td.num { (thousands(p.released)) }
                        td.num { (thousands(p.good)) }
                        td.num { (thousands(p.scrapped)) }
                        td.num { (thousands(p.in_line)) }
                        td.num { (p.yield_to_date.map_or("—".to_string(), |y| format!("{:.1}%", y * 100.0))) }
                    }
                }
            }
        }
        @if !doc.kits.is_empty() {
            h2 { "Kits" }
            table {
                tr { th { "kit" } th.num { "received" } th.num { "in stock" } }
                @for k in &doc.kits {
                    tr { td { (shown(&k.id)) } td.num { (thousands(k.received)) } td.num { (k.stock) } }
                }
            }
        }
        @if let Some(h) = &doc.headcount {
            h2 { "Headcount" }
            table.kv {
                tr { th { "on the payroll" } td.num { (h.payroll) } }
                tr { th { "hired / left" } td.num { (h.hired) " / " (h.left) } }
                tr { th { "trained" } td.num { (h.trained) } }
                tr { th { "in training" } td.num { (h.in_training) } }
                tr { th { "plan: trained" } td.num { (h.planned_trained) } }
            }
        }
        @if !doc.tasks.is_empty() {
            h2 { "Tasks" }
            table {
                tr { th { "task" } th { "started" } th { "done" } th { "planned finish" } }
                @for t in &doc.tasks {
                    tr { td { (shown(&t.id)) } td { (or_dash(&t.started)) } td { (or_dash(&t.done)) } td { (or_dash(&t.planned_finish)) } }
                }
            }
        }
        @if !doc.milestones.is_empty() {
            h2 { "Milestones" }
            table {
                tr { th { "milestone" } th { "due" } th { "reached" } th { "forecast P50" } }
                @for m in &doc.milestones {
                    tr { td { (shown(&m.id)) } td { (or_dash(&m.due)) } td { (or_dash(&m.actual)) } td { (or_dash(&m.forecast_p50)) } }
                }
            }
        }
    }
}

/// The milestone trend of every stored forecast (forecasts from the plan at their creation
/// date).
pub fn history_series(doc: &HistoryDocument) -> Vec<TrendSeries> {
    let mut series: Vec<TrendSeries> = Vec::new();
    for f in &doc.forecasts {
        let as_of = f
            .as_of
            .as_deref()
            .or(f.created.get(..10))
            .and_then(read_date);
        let Some(as_of) = as_of else { continue };
        for m in &f.milestones {
            let index = match series.iter().position(|s| s.label == m.id) {
                Some(index) => index,
                None => {
                    series.push(TrendSeries {
                        label: m.id.clone(),
                        points: Vec::new(),
                        due: m.due.as_deref().and_then(read_date),
                        actual: None,
                    });
                    series.len() - 1
                }
            };
            let s = &mut series[index];
            let actual = m.actual.as_deref().and_then(read_date);
            s.actual = actual.or(s.actual);
            let date = |d: &Option<String>| actual.or_else(|| d.as_deref().and_then(read_date));
            s.points.push(TrendPoint {
                as_of,
                p10: date(&m.p10),
                p50: date(&m.p50),
                p90: date(&m.p90),
            });
        }
    }
    series
}

/// The milestone trend chart of `history`, as its page draws it.
pub fn history_chart(doc: &HistoryDocument) -> Option<ChartSpec> {
    trend(
        "trend",
        "Milestone trend: each stored forecast's dates by its as-of date",
        &history_series(doc),
    )
}

/// `history` as a page: the news, the milestone trend chart and every forecast's dates.
pub fn history_html(doc: &HistoryDocument) -> String {
    chart_page(
        &format!("{} — relaunch history", doc.scenario),
        history_body(doc),
    )
}

/// The sections of [`history_html`] without the page around them.
pub fn history_body(doc: &HistoryDocument) -> Markup {
    html! {
        (header("relaunch · milestone trend", &doc.scenario, &history_news(doc)))
        h2 { "Milestone trend" }
        p.note { "Each point is a stored forecast's P50, placed at its as-of date (a forecast from the plan at the day it was made), in the band of its P10–P90. A line drifting up is a milestone slipping; one reaching the dashed diagonal is forecast for the day of the forecast itself." }
        (chart_or(history_chart(doc).as_ref(), "No stored forecast has a date to draw."))
        h2 { "Forecasts" }
        table {
            tr { th { "as of" } th.num { "forecast" } th { "milestone" } th { "P10" } th { "P50" } th { "P90" } th.num { "on time" } }
            @for f in &doc.forecasts {
                @for m in &f.milestones {
                    tr {
                        td { (as_of_label(f.as_of.as_deref(), &f.created)) }
                        td.num { "#" (f.id) @if f.calibrated { " cal." } }
                        td { (shown(&m.id)) }
                        td { (or_dash(&m.p10)) }
                        td { @if let Some(a) = &m.actual { (a) " (actual)" } @else { (or_dash(&m.p50)) } }
                        td { (or_dash(&m.p90)) }
                        td.num { (m.on_time_probability.map_or(String::new(), percent)) }
                    }
                }
            }
        }
    }
}

/// The charts of `backtest`, one per milestone: its replayed forecasts against the date it was
/// reached (`None` for a milestone without a forecast date).
pub fn backtest_charts(doc: &BacktestDocument) -> Vec<Option<ChartSpec>> {
    doc.milestones
        .iter()
        .enumerate()
        .map(|(index, m)| {
            trend(
                &format!("backtest-{index}"),
                &format!(
                    "Backtest of {}: forecast dates by as-of date against the actual date",
                    m.id
                ),
                &[TrendSeries {
                    label: m.id.clone(),
                    points: m
                        .points
                        .iter()
                        .filter_map(|p| {
                            Some(TrendPoint {
                                as_of: read_date(&p.as_of)?,
                                p10: p.p10.as_deref().and_then(read_date),
                                p50: p.p50.as_deref().and_then(read_date),
                                p90: p.p90.as_deref().and_then(read_date),
                            })
                        })
                        .collect(),
                    due: None,
                    actual: m.actual.as_deref().and_then(read_date),
                }],
            )
        })
        .collect()
}

/// `backtest` as a page: the news, coverage and error per milestone, and a chart per
/// milestone of its replayed forecasts against the date it was reached.
pub fn backtest_html(doc: &BacktestDocument) -> String {
    let charts = backtest_charts(doc);
    let body = html! {
        (header("relaunch · backtest", &doc.scenario, &backtest_news(doc)))
        h2 { "Coverage" }
        table {
            tr { th { "milestone" } th { "reached" } th.num { "scored" } th.num { "inside P10–P90" } th.num { "mean abs. error of P50" } }
            @for m in &doc.milestones {
                tr {
                    td { (shown(&m.id)) }
                    td { (m.actual.clone().unwrap_or_else(|| "not yet".to_string())) }
                    td.num { (m.scored) }
                    td.num { (m.coverage.map_or("—".to_string(), percent)) }
                    td.num { (m.mae_days.map_or("—".to_string(), |d| format!("{d:.1} days"))) }
                }
            }
        }
        p.note { "A well-calibrated forecast holds the actual date inside its P10–P90 about 80% of the time." }
        @for (m, spec) in doc.milestones.iter().zip(&charts) {
            h3 { (shown(&m.id)) }
            (chart_or(spec.as_ref(), "No replayed forecast has a date to draw."))
        }
    };
    chart_page(&format!("{} — relaunch backtest", doc.scenario), body)
}

/// The calibration table as a section of a page.
pub fn calibration_section(doc: &CalibrationDocument) -> Markup {
    html! {
        section id="calibration" {
            h2 { "What the actuals say" }
            p { (shown(&calibration_news(doc))) }
            @if !doc.estimates.is_empty() {
                table {
                    tr { th { "parameter" } th.num { "assumed" } th.num { "actuals say" } th.num { "90% interval" } th { "from" } }
                    @for e in &doc.estimates {
                        tr {
                            td { (shown(&e.parameter)) }
                            td.num { (e.assumed.map_or("—".to_string(), |a| value(&e.parameter, a))) }
                            td class={ "num" @if outside(e) { " late" } } { (value(&e.parameter, e.mean)) }
                            td.num { (value(&e.parameter, e.p05)) "–" (value(&e.parameter, e.p95)) }
                            td { (shown(&e.basis)) }
                        }
                    }
                }
            }
        }
    }
}

/// The calibration as a page of its own.
pub fn calibration_html(scenario: &str, doc: &CalibrationDocument) -> String {
    let body = html! {
        header {
            div.kicker { "relaunch · calibration" }
            h1 { (shown(scenario)) }
        }
        (calibration_section(doc))
    };
    page(&format!("{scenario} — relaunch calibration"), body)
}

//! The pages of the studies: `sweep.html` (a chart per milestone of its P50 against the due
//! date at every point, the cost at every point, and the table) and `sensitivity.html` (a
//! tornado per milestone: the inputs by how far their low and high move its P50, and the table).

use maud::{Markup, html};

use super::layout::{chart, chart_page};
use crate::charts::{Axis, ChartKind, ChartSpec, Series, Style};
use crate::study::{SensitivityDocument, SweepDocument, Table, TableCell};
use crate::view::format::{pct, thousands};
use crate::words::number;

/// Bars that make a milestone later.
const LATER: &str = "#e8833a";
/// Bars that make it earlier.
const EARLIER: &str = "#3a7bd5";
/// The most inputs a tornado shows.
const TORNADO_ROWS: usize = 15;

fn table_markup(table: &Table) -> Markup {
    html! {
        div.scroll { table {
            thead { tr { @for title in &table.header { th { (title) } } } }
            tbody {
                @for row in &table.rows { tr {
                    @for cell in row { td.nowrap { (match cell {
                        TableCell::Percent(share) => pct(*share),
                        TableCell::Number(value) if value.abs() >= 1000.0 => {
                            thousands(value.round().abs() as u64)
                        }
                        TableCell::Number(value) => format!("{}", (value * 100.0).round() / 100.0),
                        TableCell::Date(None) => "not reached".to_string(),
                        other => other.csv(),
                    }) } }
                } }
            }
        } }
    }
}

/// Horizontal bars, one per category, coloured by sign.
fn bars(
    id: &str,
    kind: ChartKind,
    title: &str,
    axis: &str,
    rows: &[(String, Option<f64>)],
) -> ChartSpec {
    let mut spec = ChartSpec::new(
        id,
        kind,
        title,
        Axis::category(),
        Axis::count(axis).unit(" d").range(None, None),
    )
    .height(80 + 26 * rows.len().max(2) as u32);
    spec.x_values = (0..rows.len()).map(|i| i as f64).collect();
    spec.categories = rows.iter().map(|(label, _)| label.clone()).collect();
    let later = rows.iter().map(|(_, v)| v.filter(|v| *v >= 0.0)).collect();
    let earlier = rows.iter().map(|(_, v)| v.filter(|v| *v < 0.0)).collect();
    spec.push(Series::new("later", LATER, Style::Bars, later).with_value_labels());
    spec.push(Series::new("earlier", EARLIER, Style::Bars, earlier).with_value_labels());
    spec
}

/// The charts of a sweep: per milestone with a due date, its P50 in days after the due date at
/// each point; the mean cost at each point when there are costs.
pub fn sweep_charts(document: &SweepDocument) -> Vec<ChartSpec> {
    let label = |point: &crate::study::SweepPoint| {
        let values: Vec<String> = document
            .factors
            .iter()
            .zip(&point.values)
            .map(|(factor, value)| format!("{}={value}", factor.key))
            .collect();
        format!("{}: {}", point.point, values.join(", "))
    };
    let mut charts = Vec::new();
    let Some(first) = document.points.first() else {
        return charts;
    };
    for (index, milestone) in first.milestones.iter().enumerate() {
        if milestone.due.is_none() {
            continue;
        }
        let rows: Vec<(String, Option<f64>)> = document
            .points
            .iter()
            .map(|p| {
                (
                    label(p),
                    p.milestones[index].p50_late_days().map(|d| d as f64),
                )
            })
            .collect();
        charts.push(bars(
            &format!("sweep-{index}"),
            ChartKind::Sweep,
            &format!("{}: P50 against its due date, by point", milestone.id),
            "days after the due date (P50)",
            &rows,
        ));
    }
    if first.cost.is_some() {
        let mut spec = ChartSpec::new(
            "sweep-cost",
            ChartKind::Sweep,
            "mean cost over the horizon, by point",
            Axis::category(),
            Axis::count(&format!(
                "mean cost, millions{}",
                document
                    .currency
                    .as_deref()
                    .map_or(String::new(), |c| format!(" of {c}"))
            ))
            .unit(" M")
            .range(None, None),
        )
        .height(80 + 26 * document.points.len().max(2) as u32);
        spec.x_values = (0..document.points.len()).map(|i| i as f64).collect();
        spec.categories = document.points.iter().map(label).collect();
        let costs = document
            .points
            .iter()
            .map(|p| p.cost.map(|c| (c / 1e4).round() / 100.0))
            .collect();
        spec.push(Series::new("mean cost", EARLIER, Style::Bars, costs));
        charts.push(spec);
    }
    charts
}

/// `sweep.html`.
pub fn sweep_html(document: &SweepDocument) -> String {
    let title = format!("{} — sweep", document.scenario);
    let body = html! {
        h1 { (title) }
        p.note {
            (document.points.len()) " points (" (if document.design == "lhs" { "a Latin hypercube" } else { "every combination" })
            ") of " (document.scenario_file) ", " (thousands(document.replications))
            " replications each on the same random numbers (seed " (document.seed) "): differences \
             between points are the inputs' alone, not noise."
            @if !document.fixed.is_empty() { " Fixed at every point: " (document.fixed.join(", ")) "." }
        }
        @for spec in sweep_charts(document) { h3 { (spec.title) } (chart(&spec)) }
        (table_markup(&document.table()))
    };
    chart_page(&title, body)
}

/// The tornado of milestone `index`: the inputs that move its P50, widest first.
pub fn tornado(document: &SensitivityDocument, index: usize) -> Option<ChartSpec> {
    let milestone = document.base.get(index)?;
    let ranked: Vec<_> = document
        .ranked(index)
        .into_iter()
        .filter(|(_, swing)| swing.p50_width() > 0)
        .take(TORNADO_ROWS)
        .collect();
    if ranked.is_empty() {
        return None;
    }
    let mut spec = ChartSpec::new(
        &format!("tornado-{index}"),
        ChartKind::Sensitivity,
        &format!(
            "{}: days its P50 moves with each input at its low and its high",
            milestone.id
        ),
        Axis::category(),
        Axis::count("days from the base P50")
            .unit(" d")
            .range(None, None),
    )
    .height(80 + 30 * ranked.len().max(2) as u32);
    spec.x_values = (0..ranked.len()).map(|i| i as f64).collect();
    spec.categories = ranked
        .iter()
        .map(|(input, _)| input.input.clone())
        .collect();
    let low = ranked
        .iter()
        .map(|(_, s)| s.low_p50_days.map(|d| d as f64))
        .collect();
    let high = ranked
        .iter()
        .map(|(_, s)| s.high_p50_days.map(|d| d as f64))
        .collect();
    spec.push(Series::new("input at its low (P10)", EARLIER, Style::Bars, low).with_value_labels());
    spec.push(Series::new("input at its high (P90)", LATER, Style::Bars, high).with_value_labels());
    Some(spec)
}

/// `sensitivity.html`.
pub fn sensitivity_html(document: &SensitivityDocument) -> String {
    let title = format!("{} — sensitivity", document.scenario);
    let body = html! {
        h1 { (title) }
        p.note {
            "Each of the " (number(document.inputs.len() as u64)) " uncertain inputs of "
            (document.scenario_file) " fixed at its low (P" (document.low_quantile * 100.0) ") and at \
             its high (P" (document.high_quantile * 100.0) "), the others left uncertain, "
            (thousands(document.replications)) " replications each on the same random numbers as \
             the base (seed " (document.seed) "). A bar is the days the milestone's P50 moves from \
             the base's; the widest bars are the inputs to pin down first."
        }
        @for index in 0..document.base.len() {
            @match tornado(document, index) {
                Some(spec) => { h3 { (spec.title) } (chart(&spec)) }
                None => p.note { (document.base[index].id) ": no input moves its P50." },
            }
        }
        (table_markup(&document.table()))
    };
    chart_page(&title, body)
}

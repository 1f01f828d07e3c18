//! The charts of the forecast report over dates: cumulative good output against due dates and
//! targets, kit stock with its stock-out strip, and good output per workday.

use super::{
    BLUE, BLUE_BAND, CLOSED, DUE, DueLine, GREEN, GREEN_BAND, GREY, Legend, PALETTE, Plot, band_of,
    date_of_day, day_frame, day_number, empty_svg, esc, nice_axis, text_width, write_svg,
};
use crate::document::FanDoc;
use crate::html::Target;
use crate::view::format::{format_date, pct, thousands, thousands_f, trim_float};
use crate::view::report::{MilestoneView, ReportView};

/// The fan of cumulative good output with due dates, cumulative targets and the median run's
/// arrival at each target.
pub fn cumulative(view: &ReportView) -> String {
    let d = view.document;
    let mut svg = String::new();
    let Some(start) = view.start.map(day_number) else {
        return empty_svg("no dates");
    };
    let n = d.daily.len() as i64;
    let mut x0 = start;
    let mut x1 = start + n.max(1);
    for due in view.milestones.iter().filter_map(|m| m.due) {
        x0 = x0.min(day_number(due));
        x1 = x1.max(day_number(due) + 1);
    }
    let cumulative_targets: Vec<(&MilestoneView, u64)> = view
        .milestones
        .iter()
        .filter_map(|m| match m.target {
            Some(Target::Cumulative(units)) => Some((m, units)),
            _ => None,
        })
        .collect();
    let data_max = d
        .daily
        .iter()
        .map(|day| day.cumulative.p90)
        .max()
        .unwrap_or(0);
    let target_max = cumulative_targets
        .iter()
        .map(|(_, u)| *u)
        .max()
        .unwrap_or(0);
    let (y_top, y_step) = nice_axis(data_max.max(target_max) as f64 * 1.05);
    let mut legend = Legend::new(64.0, 14.0, 944.0);
    legend.band(BLUE_BAND, "P10–P90 of runs");
    legend.line(BLUE, "P50 (median run)", false);
    if view.milestones.iter().any(|m| m.due.is_some()) {
        legend.line(DUE, "due date", false);
    }
    if !cumulative_targets.is_empty() {
        legend.line(GREY, "cumulative target", true);
        legend.dot("median run reaches target");
    }
    if !view.closed_periods.is_empty() {
        legend.band(CLOSED, "plant closed");
    }
    let top = legend.bottom() + 12.0;
    let plot = Plot {
        w: 960.0,
        h: 380.0 + top,
        left: 64.0,
        right: 16.0,
        top,
        bottom: 44.0,
        x0: x0 as f64,
        x1: x1 as f64,
        y0: 0.0,
        y1: y_top,
    };
    plot.open(
        &mut svg,
        "Cumulative good output over time, P10 to P90 band and median",
    );
    svg.push_str(&legend.svg);
    plot.closed_periods(&mut svg, &view.closed_periods);
    plot.y_grid(&mut svg, y_step, "good units, cumulative", thousands_f);
    plot.time_axis(&mut svg);
    let mut points = vec![(
        start as f64,
        FanDoc {
            p10: 0,
            p50: 0,
            p90: 0,
        },
    )];
    points.extend(
        d.daily
            .iter()
            .enumerate()
            .map(|(i, day)| ((start + i as i64 + 1) as f64, day.cumulative.clone())),
    );
    plot.fan(&mut svg, &points, BLUE, BLUE_BAND, None);
    // Targets: dashed horizontals with a label at the right end, shifted left past the
    // labels of targets drawn at nearly the same height.
    let mut labels: Vec<(f64, f64)> = Vec::new();
    let mut sorted = cumulative_targets.clone();
    sorted.sort_by_key(|(_, units)| std::cmp::Reverse(*units));
    for (m, units) in &sorted {
        let y = plot.y(*units as f64);
        let text = format!("{}: {}", m.id.as_str(), thousands(*units));
        let mut end = plot.w - plot.right - 4.0;
        while labels
            .iter()
            .any(|&(ly, lx)| (ly - y).abs() < 13.0 && (lx - end).abs() < text_width(&text) + 10.0)
        {
            end -= 12.0;
        }
        labels.push((y, end));
        write_svg(
            &mut svg,
            format_args!(
                "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" class=\"target\"/>\
                 <text x=\"{end:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"tlabel halo\">{}</text>\n",
                plot.left,
                plot.w - plot.right,
                y - 4.0,
                esc(&text)
            ),
        );
        if let Some(p50) = m.p50 {
            write_svg(
                &mut svg,
                format_args!(
                    "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"4.5\" class=\"p50dot\"><title>{} median date {}</title></circle>\n",
                    plot.x((day_number(p50) + 1) as f64),
                    esc(m.id.as_str()),
                    format_date(p50, true)
                ),
            );
        }
    }
    plot.due_lines(&mut svg, &due_lines(&view.milestones));
    svg.push_str("</svg>\n");
    svg
}

/// The due dates of `milestones` as lines.
pub fn due_lines(milestones: &[MilestoneView]) -> Vec<DueLine> {
    milestones
        .iter()
        .filter_map(|m| Some(DueLine::new(m.id.as_str(), m.due?)))
        .collect()
}

/// Kits in stock at the end of each day per kit, with the stock-out strip below when any run
/// ran out. `None` without dates.
pub fn kits(view: &ReportView, any_stockout: bool) -> Option<String> {
    let d = view.document;
    let start = day_number(view.start?);
    let n = d.daily.len() as i64;
    let max = d
        .daily
        .iter()
        .flat_map(|day| day.kit_stock.iter().map(|f| f.p90))
        .max()
        .unwrap_or(0);
    let (y_top, y_step) = nice_axis((max as f64 * 1.05).max(1.0));
    let strip = if any_stockout { 34.0 } else { 0.0 };
    let mut legend = Legend::new(64.0, 14.0, 944.0);
    for (k, id) in d.kits.ids.iter().enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        legend.series(color, &band_of(color), &format!("{id}: P50 and P10–P90"));
    }
    legend.plant_closed(&view.closed_periods);
    let plot = day_frame(&legend, start, start + n, y_top, 270.0, strip);
    let mut svg = String::new();
    plot.open_days(
        &mut svg,
        "Kit stock at the end of each day",
        &legend,
        &view.closed_periods,
        y_step,
        "kits in stock",
        thousands_f,
    );
    for (k, _) in d.kits.ids.iter().enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        let points: Vec<(f64, FanDoc)> = d
            .daily
            .iter()
            .enumerate()
            .filter_map(|(i, day)| {
                day.kit_stock
                    .get(k)
                    .map(|f| ((start + i as i64 + 1) as f64, f.clone()))
            })
            .collect();
        plot.fan(&mut svg, &points, color, &band_of(color), None);
    }
    if any_stockout {
        let y = plot.h - strip + 2.0;
        let h = 16.0;
        write_svg(
            &mut svg,
            format_args!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"small\">stock-out</text>\
                 <rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" class=\"stripbg\"/>\n",
                plot.left - 6.0,
                y + 12.0,
                plot.left,
                plot.w - plot.left - plot.right
            ),
        );
        for (i, day) in d.daily.iter().enumerate() {
            let p = day.stockout_probability;
            if p <= 0.0 {
                continue;
            }
            let e = start + i as i64;
            let xa = plot.x(e as f64);
            let xb = plot.x((e + 1) as f64);
            write_svg(
                &mut svg,
                format_args!(
                    "<rect x=\"{xa:.2}\" y=\"{y:.1}\" width=\"{:.2}\" height=\"{h:.1}\" fill=\"{DUE}\" fill-opacity=\"{:.3}\"><title>{}: stock-out in {} of runs</title></rect>\n",
                    (xb - xa).max(0.8),
                    (0.25 + 0.75 * p).min(1.0),
                    format_date(date_of_day(e), true),
                    pct(p)
                ),
            );
        }
        let peak = d
            .daily
            .iter()
            .map(|day| day.stockout_probability)
            .fold(0.0, f64::max);
        write_svg(
            &mut svg,
            format_args!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"small muted\">peak {}</text>\n",
                plot.w - plot.right,
                y - 4.0,
                pct(peak)
            ),
        );
    }
    svg.push_str("</svg>\n");
    Some(svg)
}

/// Good units per workday with the rate targets. `None` without dates.
pub fn daily(view: &ReportView) -> Option<String> {
    let d = view.document;
    let start = day_number(view.start?);
    let rates: Vec<(&str, f64, u32)> = view
        .milestones
        .iter()
        .filter_map(|m| match m.target {
            Some(Target::Rate { per_day, window }) => Some((m.id.as_str(), per_day, window)),
            _ => None,
        })
        .collect();
    let points: Vec<(f64, FanDoc)> = d
        .daily
        .iter()
        .enumerate()
        .filter(|(_, day)| day.workday)
        .map(|(i, day)| ((start + i as i64) as f64 + 0.5, day.good.clone()))
        .collect();
    let max = points.iter().map(|(_, f)| f.p90).max().unwrap_or(0) as f64;
    let rate_max = rates.iter().map(|r| r.1).fold(0.0, f64::max);
    let (y_top, y_step) = nice_axis((max.max(rate_max) * 1.08).max(1.0));
    let mut legend = Legend::new(64.0, 14.0, 944.0);
    legend.band(GREEN_BAND, "P10–P90 of runs");
    legend.line(GREEN, "P50 (median run)", false);
    if !rates.is_empty() {
        legend.line(GREY, "rate target", true);
    }
    legend.plant_closed(&view.closed_periods);
    let days = d.daily.len() as i64;
    let plot = day_frame(&legend, start, start + days, y_top, 270.0, 0.0);
    let mut svg = String::new();
    plot.open_days(
        &mut svg,
        "Good units per workday, P10 to P90 band and median",
        &legend,
        &view.closed_periods,
        y_step,
        "good units per workday",
        thousands_f,
    );
    plot.fan(&mut svg, &points, GREEN, GREEN_BAND, Some(4.5));
    for (id, per_day, window) in &rates {
        let y = plot.y(*per_day);
        write_svg(
            &mut svg,
            format_args!(
                "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" class=\"target\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" class=\"tlabel halo\">{}: {} a workday over {window} workdays</text>\n",
                plot.left,
                plot.w - plot.right,
                plot.left + 6.0,
                y - 4.0,
                esc(id),
                trim_float(*per_day)
            ),
        );
    }
    svg.push_str("</svg>\n");
    Some(svg)
}

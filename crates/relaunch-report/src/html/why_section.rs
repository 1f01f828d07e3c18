//! The "Why late" section of the report: per milestone, the lateness at each quantile and the
//! lost on-time probability, with a bar chart of each factor's share (Shapley values from
//! `relaunch why`), and the verdict.

use super::{Plot, esc, long_date, nice_axis, text_width, thousands, trim_float, w};
use crate::why::{MEANINGS, WhyDocument, points};
use crate::words::{days, percent};

/// Bars of factors that add delay.
const ADDS: &str = "#e8833a";
/// Bars of factors whose removal would make the milestone later.
const SAVES: &str = "#3a7bd5";

/// Writes `<section id="why">`.
pub(super) fn section(out: &mut String, why: &WhyDocument) {
    out.push_str("<section id=\"why\">\n<h2>Why late</h2>\n");
    let meanings: Vec<String> = MEANINGS
        .iter()
        .map(|(factor, meaning)| format!("<b>{}</b>: {}", esc(factor), esc(meaning)))
        .collect();
    w(
        out,
        format_args!(
            "<p class=\"note\">How late each milestone is against its due date at P50 (the median) \
             and P90, and how much chance of meeting it is lost — and which factor causes it. The \
             forecast is rerun for all 32 subsets of the five relaxations on common random numbers \
             ({} replications each, seed {}); a factor's share is its Shapley value, what relaxing \
             it removes averaged over every order of relaxing, and the <b>plan</b> takes what is \
             left with all five relaxed, so the bars add up exactly to the lateness shown. \
             <span class=\"chip adds\">adds lateness</span> <span class=\"chip saves\">negative: \
             relaxing it makes things worse</span></p>\n\
             <p class=\"note small\">Relaxed means — {}.</p>\n",
            thousands(why.replications),
            why.seed,
            meanings.join(" · ")
        ),
    );
    if why.milestones.is_empty() {
        out.push_str("<p class=\"note\">No milestone to explain.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table class=\"why\">\n<thead><tr><th>Milestone</th><th>Due</th><th>On time</th>",
    );
    let labels: Vec<&str> = why.milestones[0]
        .quantiles
        .iter()
        .map(|q| q.label.as_str())
        .collect();
    for label in &labels {
        w(
            out,
            format_args!("<th>{}</th><th class=\"num\">Late</th>", esc(label)),
        );
    }
    out.push_str("<th>Verdict</th></tr></thead>\n<tbody>\n");
    for m in &why.milestones {
        let on_time = match (m.on_time_probability, m.on_time_ci95) {
            (Some(p), Some([low, high])) => format!(
                "{} <span class=\"small\">({}–{})</span>",
                percent(p),
                percent(low),
                percent(high)
            ),
            _ => "—".to_string(),
        };
        w(
            out,
            format_args!(
                "<tr><td><b>{}</b></td><td>{}</td><td>{}</td>",
                esc(&m.id),
                m.due.as_deref().map_or("—".to_string(), long_date),
                on_time
            ),
        );
        for q in &m.quantiles {
            let date = if q.beyond_horizon {
                "<span class=\"late\">not reached</span>".to_string()
            } else {
                long_date(&q.date)
            };
            let late = match q.late_days {
                0 => "on time".to_string(),
                days => format!(
                    "<span class=\"late\">{}{} d</span>",
                    if q.beyond_horizon { "≥ " } else { "" },
                    thousands(days.unsigned_abs())
                ),
            };
            w(
                out,
                format_args!("<td>{date}</td><td class=\"num\">{late}</td>"),
            );
        }
        w(out, format_args!("<td>{}</td></tr>\n", esc(&m.verdict)));
    }
    out.push_str("</tbody>\n</table>\n");
    // A chart for every lateness and every lost probability there is.
    let mut figures = String::new();
    for m in &why.milestones {
        for q in m.quantiles.iter().filter(|q| q.late_days > 0) {
            let rows: Vec<(&str, f64)> = q.factors.iter().map(|f| (f.factor, f.days)).collect();
            let caption = format!(
                "{} {}{} late",
                q.label,
                if q.beyond_horizon { "at least " } else { "" },
                days(q.late_days)
            );
            figure(&mut figures, &m.id, &caption, &rows, Unit::Days);
        }
        if let Some(lost) = m.probability_lost.as_ref().filter(|p| p.total > 0.0) {
            let rows: Vec<(&str, f64)> = lost
                .factors
                .iter()
                .map(|f| (f.factor, f.probability * 100.0))
                .collect();
            let caption = format!("{} of on-time probability lost", points(lost.total));
            figure(&mut figures, &m.id, &caption, &rows, Unit::Points);
        }
    }
    if figures.is_empty() {
        out.push_str(
            "<p class=\"note\">Every milestone is on time at every quantile shown, in every run: \
             nothing to blame.</p>\n",
        );
    } else {
        out.push_str("<div class=\"hist-grid why\">\n");
        out.push_str(&figures);
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

/// What a chart's bars measure.
#[derive(Clone, Copy)]
enum Unit {
    Days,
    Points,
}

impl Unit {
    fn suffix(self) -> &'static str {
        match self {
            Unit::Days => "d",
            Unit::Points => "pts",
        }
    }

    fn axis(self) -> &'static str {
        match self {
            Unit::Days => "days late",
            Unit::Points => "points of on-time probability lost",
        }
    }
}

fn figure(out: &mut String, id: &str, caption: &str, rows: &[(&str, f64)], unit: Unit) {
    w(
        out,
        format_args!(
            "<figure class=\"why\">\n<figcaption><b>{}</b> · {}</figcaption>\n{}</figure>\n",
            esc(id),
            esc(caption),
            chart(id, rows, unit)
        ),
    );
}

/// Horizontal bars of factor shares around a zero line, largest first.
fn chart(id: &str, rows: &[(&str, f64)], unit: Unit) -> String {
    let row = 26.0;
    let max = rows.iter().map(|r| r.1).fold(0.0, f64::max);
    let min = rows.iter().map(|r| r.1).fold(0.0, f64::min);
    let (_, step) = nice_axis((max - min).max(1.0));
    let x1 = ((max / step).ceil() * step).max(step);
    let x0 = if min < 0.0 {
        (min / step).floor() * step
    } else {
        0.0
    };
    let plot = Plot {
        w: 470.0,
        h: 20.0 + row * rows.len() as f64 + 40.0,
        left: 84.0,
        right: 56.0,
        top: 14.0,
        bottom: 40.0,
        x0,
        x1,
        y0: 0.0,
        y1: 1.0,
    };
    let mut svg = String::new();
    plot.open(&mut svg, &format!("{} of {id} by factor", unit.axis()));
    // Ticks and grid.
    let base = plot.h - plot.bottom;
    let mut v = x0;
    while v <= x1 + step * 1e-6 {
        let x = plot.x(v);
        w(
            &mut svg,
            format_args!(
                "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{base:.1}\" class=\"{}\"/>\
                 <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"tick\">{}</text>\n",
                plot.top - 4.0,
                if v.abs() < step * 1e-6 {
                    "axis"
                } else {
                    "grid"
                },
                base + 16.0,
                trim_float(v)
            ),
        );
        v += step;
    }
    w(
        &mut svg,
        format_args!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"axislabel\">{}</text>\n",
            plot.x((x0 + x1) / 2.0),
            plot.h - 6.0,
            unit.axis()
        ),
    );
    let zero = plot.x(0.0);
    for (i, &(factor, value)) in rows.iter().enumerate() {
        let y = plot.top + 6.0 + i as f64 * row;
        let h = row - 8.0;
        let end = plot.x(value);
        let (from, to) = if value >= 0.0 {
            (zero, end)
        } else {
            (end, zero)
        };
        let color = if value >= 0.0 { ADDS } else { SAVES };
        let label = format!("{} {}", trim_float(value), unit.suffix());
        w(
            &mut svg,
            format_args!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"station\">{}</text>\
                 <rect x=\"{from:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{color}\"><title>{}: {} {}</title></rect>\n",
                plot.left - 8.0,
                y + h / 2.0 + 4.5,
                esc(factor),
                (to - from).max(1.0),
                esc(factor),
                trim_float(value),
                unit.suffix()
            ),
        );
        // The value beside the bar's end, or inside it when there is no room outside.
        let (x, anchor, class) = if value >= 0.0 {
            if to + 6.0 + text_width(&label) <= plot.w {
                (to + 5.0, "start", "small")
            } else {
                (to - 5.0, "end", "inbar white")
            }
        } else if from - 6.0 - text_width(&label) >= plot.left {
            (from - 5.0, "end", "small")
        } else {
            (from + 5.0, "start", "inbar white")
        };
        w(
            &mut svg,
            format_args!(
                "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" class=\"{class}\">{}</text>\n",
                y + h / 2.0 + 4.0,
                esc(&label)
            ),
        );
    }
    svg.push_str("</svg>\n");
    svg
}

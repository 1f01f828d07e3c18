//! The "Why late" section of the report: per milestone, a bar chart of the days each factor
//! adds to the delay (Shapley values from `relaunch why`), the dates and the verdict.

use super::{Plot, esc, long_date, nice_axis, text_width, thousands, trim_float, w};
use crate::why::{MEANINGS, MilestoneDocument, WhyDocument};

/// Bars of factors that add delay.
const ADDS: &str = "#e8833a";
/// Bars of factors whose removal would make the milestone later.
const SAVES: &str = "#3a7bd5";

/// Writes `<section id="why">`.
pub(super) fn section(out: &mut String, why: &WhyDocument) {
    out.push_str("<section id=\"why\">\n<h2>Why late</h2>\n");
    let negative = why
        .milestones
        .iter()
        .any(|m| m.factors.iter().any(|f| f.days < 0.0));
    let meanings: Vec<String> = MEANINGS
        .iter()
        .map(|(factor, meaning)| format!("<b>{}</b>: {}", esc(factor), esc(meaning)))
        .collect();
    w(
        out,
        format_args!(
            "<p class=\"note\">How many days of each milestone's delay — from its <i>ideal</i> P50, \
             with every cause relaxed, to its forecast P50 — each factor causes. The forecast is rerun \
             for all 32 subsets of the five relaxations on common random numbers ({} replications \
             each, seed {}); a factor's days are its Shapley value, the days its relaxation saves \
             averaged over every order of relaxing, so the bars add up exactly to the delay. \
             <span class=\"chip adds\">adds delay</span>{}</p>\n\
             <p class=\"note small\">Relaxed means — {}.</p>\n",
            thousands(why.replications),
            why.seed,
            if negative {
                "<span class=\"chip saves\">negative: relaxing it makes the milestone later</span>"
            } else {
                ""
            },
            meanings.join(" · ")
        ),
    );
    if why.milestones.is_empty() {
        out.push_str("<p class=\"note\">No milestone to explain.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table class=\"why\">\n<thead><tr><th>Milestone</th><th>P50</th><th>Ideal P50</th><th>Due</th>\
         <th class=\"num\">Delay</th><th>Verdict</th></tr></thead>\n<tbody>\n",
    );
    for m in &why.milestones {
        let delay = match m.total_days {
            days if days > 0 => format!(
                "<span class=\"late\">{}{} d</span>",
                if m.beyond_horizon { "≥ " } else { "" },
                thousands(days.unsigned_abs())
            ),
            0 => "none".to_string(),
            days => format!("−{} d", thousands(days.unsigned_abs())),
        };
        w(
            out,
            format_args!(
                "<tr><td><b>{}</b></td><td>{}{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                esc(&m.id),
                long_date(&m.p50),
                if m.beyond_horizon {
                    " <span class=\"late\">(beyond the horizon)</span>"
                } else {
                    ""
                },
                long_date(&m.ideal_p50),
                m.due.as_deref().map_or("—".to_string(), long_date),
                delay,
                esc(&m.verdict())
            ),
        );
    }
    out.push_str("</tbody>\n</table>\n");
    // A chart for every milestone with something to draw.
    let (drawn, quiet): (Vec<&MilestoneDocument>, Vec<&MilestoneDocument>) = why
        .milestones
        .iter()
        .partition(|m| m.factors.iter().any(|f| f.days != 0.0));
    if !drawn.is_empty() {
        out.push_str("<div class=\"hist-grid why\">\n");
        for m in drawn {
            let at_least = if m.beyond_horizon { "at least " } else { "" };
            let delay = match m.total_days {
                1 => format!("{at_least}1 day of delay"),
                days => format!("{at_least}{} days of delay", days),
            };
            w(
                out,
                format_args!(
                    "<figure class=\"why\">\n<figcaption><b>{}</b> · {}</figcaption>\n{}</figure>\n",
                    esc(&m.id),
                    esc(&delay),
                    chart(m)
                ),
            );
        }
        out.push_str("</div>\n");
    }
    if !quiet.is_empty() {
        let ids: Vec<String> = quiet
            .iter()
            .map(|m| format!("<b>{}</b>", esc(&m.id)))
            .collect();
        w(
            out,
            format_args!(
                "<p class=\"note\">No chart for {}: no factor moves {} P50.</p>\n",
                ids.join(", "),
                if quiet.len() == 1 { "its" } else { "their" }
            ),
        );
    }
    out.push_str("</section>\n");
}

/// Horizontal bars of factor days around a zero line, largest first.
fn chart(m: &MilestoneDocument) -> String {
    let row = 26.0;
    let max = m.factors.iter().map(|f| f.days).fold(0.0, f64::max);
    let min = m.factors.iter().map(|f| f.days).fold(0.0, f64::min);
    let (_, step) = nice_axis((max - min).max(1.0));
    let x1 = ((max / step).ceil() * step).max(step);
    let x0 = if min < 0.0 {
        (min / step).floor() * step
    } else {
        0.0
    };
    let plot = Plot {
        w: 470.0,
        h: 20.0 + row * m.factors.len() as f64 + 40.0,
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
    plot.open(&mut svg, &format!("Days of delay of {} by factor", m.id));
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
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"axislabel\">days of delay (P50)</text>\n",
            plot.x((x0 + x1) / 2.0),
            plot.h - 6.0
        ),
    );
    let zero = plot.x(0.0);
    for (i, f) in m.factors.iter().enumerate() {
        let y = plot.top + 6.0 + i as f64 * row;
        let h = row - 8.0;
        let end = plot.x(f.days);
        let (from, to) = if f.days >= 0.0 {
            (zero, end)
        } else {
            (end, zero)
        };
        let color = if f.days >= 0.0 { ADDS } else { SAVES };
        let value = format!("{} d", trim_float(f.days));
        w(
            &mut svg,
            format_args!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"station\">{}</text>\
                 <rect x=\"{from:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{color}\"><title>{}: {} days</title></rect>\n",
                plot.left - 8.0,
                y + h / 2.0 + 4.5,
                esc(&f.factor),
                (to - from).max(1.0),
                esc(&f.factor),
                trim_float(f.days)
            ),
        );
        // The value beside the bar's end, or inside it when there is no room outside.
        let (x, anchor, class) = if f.days >= 0.0 {
            if to + 6.0 + text_width(&value) <= plot.w {
                (to + 5.0, "start", "small")
            } else {
                (to - 5.0, "end", "inbar white")
            }
        } else if from - 6.0 - text_width(&value) >= plot.left {
            (from - 5.0, "end", "small")
        } else {
            (from + 5.0, "start", "inbar white")
        };
        w(
            &mut svg,
            format_args!(
                "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" class=\"{class}\">{}</text>\n",
                y + h / 2.0 + 4.0,
                esc(&value)
            ),
        );
    }
    svg.push_str("</svg>\n");
    svg
}

//! The "why late" bars: each factor's share of a milestone's lateness (or of its lost on-time
//! probability) as a horizontal bar around a zero line; the same bars draw the programme's risk
//! tornado (the days each risk adds to a milestone's P90).

use super::{Plot, esc, fit, nice_axis, text_width, write_svg};
use crate::view::format::trim_float;

/// Bars of factors that add delay.
const ADDS: &str = "#e8833a";
/// Bars of factors whose removal would make the milestone later.
const SAVES: &str = "#3a7bd5";

/// What a chart's bars measure.
#[derive(Clone, Copy)]
pub enum Unit {
    Days,
    Points,
    /// Days a risk adds to a milestone's P90 (the tornado).
    DaysAdded,
}

impl Unit {
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::Days | Unit::DaysAdded => "d",
            Unit::Points => "pts",
        }
    }

    pub fn axis(self) -> &'static str {
        match self {
            Unit::Days => "days late",
            Unit::Points => "points of on-time probability lost",
            Unit::DaysAdded => "days added to the P90",
        }
    }

    /// What the bars are: factors, or risks.
    fn by(self) -> &'static str {
        match self {
            Unit::DaysAdded => "risk",
            _ => "factor",
        }
    }
}

/// Horizontal bars of factor shares (or risks' effects) around a zero line, in the order given.
pub fn chart(id: &str, rows: &[(&str, f64)], unit: Unit) -> String {
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
    // Room for the longest label (13 px type), between the factors' 84 px and 200.
    let widest = rows
        .iter()
        .map(|r| text_width(r.0) * 13.0 / 12.0)
        .fold(0.0, f64::max);
    let left = (widest + 14.0).clamp(84.0, 200.0);
    let plot = Plot {
        w: 470.0,
        h: 20.0 + row * rows.len() as f64 + 40.0,
        left,
        right: 56.0,
        top: 14.0,
        bottom: 40.0,
        x0,
        x1,
        y0: 0.0,
        y1: 1.0,
    };
    let mut svg = String::new();
    plot.open(
        &mut svg,
        &format!("{} of {id} by {}", unit.axis(), unit.by()),
    );
    // Ticks and grid.
    let base = plot.h - plot.bottom;
    let mut v = x0;
    while v <= x1 + step * 1e-6 {
        let x = plot.x(v);
        write_svg(
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
    write_svg(
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
        write_svg(
            &mut svg,
            format_args!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"station\">{}</text>\
                 <rect x=\"{from:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{color}\"><title>{}: {} {}</title></rect>\n",
                plot.left - 8.0,
                y + h / 2.0 + 4.5,
                esc(&fit(factor, plot.left - 12.0, 13.0)),
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
        write_svg(
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

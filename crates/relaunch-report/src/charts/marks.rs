//! Marks drawn inside a [`Plot`]: shaded closed periods, due-date lines with labels that keep
//! out of each other's way, P10–P90 fans and plain lines.

use jiff::civil::Date;

use super::{CLOSED, Plot, day_number, esc, text_width, write_svg};
use crate::document::FanDoc;
use crate::view::format::format_date;

/// A due date drawn as a red vertical line at the end of its day, with its label.
#[derive(Debug, Clone, PartialEq)]
pub struct DueLine {
    pub date: Date,
    pub label: String,
}

impl DueLine {
    /// The line of milestone `id` due on `date`: "pilot due 19 Jan".
    pub fn new(id: &str, date: Date) -> DueLine {
        DueLine {
            date,
            label: format!("{id} due {}", format_date(date, false)),
        }
    }
}

impl Plot {
    /// Light bands over runs of days off (half-open date ranges), with their dates.
    pub fn closed_periods(&self, svg: &mut String, periods: &[(Date, Date)]) {
        self.shaded_periods(svg, periods, CLOSED, "plant closed");
    }

    /// Bands of `fill` over `periods` (half-open date ranges), titled `what` and their dates.
    pub fn shaded_periods(
        &self,
        svg: &mut String,
        periods: &[(Date, Date)],
        fill: &str,
        what: &str,
    ) {
        for &(from, to) in periods {
            let xa = self.x(day_number(from) as f64);
            let xb = self.x(day_number(to) as f64);
            let last = to.yesterday().unwrap_or(to);
            write_svg(
                svg,
                format_args!(
                    "<rect x=\"{xa:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\"><title>{} {} – {}</title></rect>\n",
                    self.top,
                    (xb - xa).max(1.0),
                    self.h - self.bottom - self.top,
                    esc(what),
                    format_date(from, true),
                    format_date(last, true)
                ),
            );
        }
    }

    /// Due dates as vertical red lines at the end of the day, labels staggered into rows so
    /// that they do not overlap.
    pub fn due_lines(&self, svg: &mut String, dues: &[DueLine]) {
        let plot = self;
        let mut placed: Vec<(f64, f64, usize)> = Vec::new();
        for DueLine { date, label } in dues {
            let x = plot.x((day_number(*date) + 1) as f64);
            let width = text_width(label);
            let span = |right: bool| {
                if right {
                    (x + 4.0, x + 4.0 + width)
                } else {
                    (x - 4.0 - width, x - 4.0)
                }
            };
            let fits = |right: bool| {
                let (from, to) = span(right);
                from >= plot.left && to <= plot.w - plot.right
            };
            let free = |right: bool, row: usize| {
                let (from, to) = span(right);
                !placed
                    .iter()
                    .any(|&(a, b, r)| r == row && from < b + 6.0 && a < to + 6.0)
            };
            // The preferred side, else the other side on the same row, else a lower row.
            let preferred = fits(true)
                && (!fits(false) || x < plot.left + (plot.w - plot.left - plot.right) * 0.6);
            let mut row = 0;
            let right_side = loop {
                if free(preferred, row) {
                    break preferred;
                }
                if fits(!preferred) && free(!preferred, row) {
                    break !preferred;
                }
                row += 1;
            };
            let (from, to) = span(right_side);
            placed.push((from, to, row));
            let ty = plot.top + 14.0 + row as f64 * 15.0;
            write_svg(
                svg,
                format_args!(
                    "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"due\"/>\
                     <text x=\"{:.1}\" y=\"{ty:.1}\" text-anchor=\"{}\" class=\"duelabel halo\">{}</text>\n",
                    plot.top,
                    plot.h - plot.bottom,
                    if right_side { x + 4.0 } else { x - 4.0 },
                    if right_side { "start" } else { "end" },
                    esc(label)
                ),
            );
        }
    }

    /// A P10–P90 band and a P50 line; a gap wider than `break_gap` (data units) starts a new piece.
    pub fn fan(
        &self,
        svg: &mut String,
        points: &[(f64, FanDoc)],
        color: &str,
        band: &str,
        break_gap: Option<f64>,
    ) {
        self.fan_band(svg, points, band, 0.75, break_gap);
        self.fan_median(svg, points, color, break_gap);
    }

    /// `points` split where the gap between neighbours exceeds `break_gap`.
    pub fn pieces<T>(points: &[(f64, T)], break_gap: Option<f64>) -> Vec<&[(f64, T)]> {
        let mut pieces: Vec<&[(f64, T)]> = Vec::new();
        let mut from = 0;
        for i in 1..=points.len() {
            let split = i == points.len()
                || break_gap.is_some_and(|gap| points[i].0 - points[i - 1].0 > gap);
            if split {
                pieces.push(&points[from..i]);
                from = i;
            }
        }
        pieces.retain(|p| !p.is_empty());
        pieces
    }

    /// The P10–P90 band of a fan, filled with `band` at `opacity`.
    pub fn fan_band(
        &self,
        svg: &mut String,
        points: &[(f64, FanDoc)],
        band: &str,
        opacity: f64,
        break_gap: Option<f64>,
    ) {
        for piece in Plot::pieces(points, break_gap) {
            let mut band_path = String::new();
            for (k, (x, f)) in piece.iter().enumerate() {
                let cmd = if k == 0 { 'M' } else { 'L' };
                write_svg(
                    &mut band_path,
                    format_args!("{cmd}{:.1} {:.1}", self.x(*x), self.y(f.p90 as f64)),
                );
            }
            for (x, f) in piece.iter().rev() {
                write_svg(
                    &mut band_path,
                    format_args!("L{:.1} {:.1}", self.x(*x), self.y(f.p10 as f64)),
                );
            }
            band_path.push('Z');
            write_svg(
                svg,
                format_args!(
                    "<path d=\"{band_path}\" fill=\"{band}\" fill-opacity=\"{opacity}\" stroke=\"{band}\" stroke-width=\"0.6\"/>\n"
                ),
            );
        }
    }

    /// The P50 line of a fan.
    pub fn fan_median(
        &self,
        svg: &mut String,
        points: &[(f64, FanDoc)],
        color: &str,
        break_gap: Option<f64>,
    ) {
        let medians: Vec<(f64, f64)> = points.iter().map(|(x, f)| (*x, f.p50 as f64)).collect();
        self.line(svg, &medians, color, break_gap);
    }

    /// A 2 px line through `points` (data units); a piece of one point is drawn as a dot.
    pub fn line(
        &self,
        svg: &mut String,
        points: &[(f64, f64)],
        color: &str,
        break_gap: Option<f64>,
    ) {
        for piece in Plot::pieces(points, break_gap) {
            if let [(x, y)] = piece {
                write_svg(
                    svg,
                    format_args!(
                        "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"1.6\" fill=\"{color}\"/>\n",
                        self.x(*x),
                        self.y(*y)
                    ),
                );
                continue;
            }
            let mut line = String::new();
            for (k, (x, y)) in piece.iter().enumerate() {
                let cmd = if k == 0 { 'M' } else { 'L' };
                write_svg(
                    &mut line,
                    format_args!("{cmd}{:.1} {:.1}", self.x(*x), self.y(*y)),
                );
            }
            write_svg(
                svg,
                format_args!(
                    "<path d=\"{line}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n"
                ),
            );
        }
    }
}

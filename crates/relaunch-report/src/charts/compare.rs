//! The comparison page's charts over dates: every variant's cumulative fan overlaid, and each
//! variant's median output ahead of or behind the reference, on one shared date frame.

use std::collections::BTreeMap;

use super::{
    DUE, DueLine, Legend, PALETTE, Plot, band_of, day_number, empty_svg, esc, nice_axis,
    text_width, write_svg,
};
use crate::document::FanDoc;
use crate::view::compare::{CompareView, VariantView};
use crate::view::format::{signed_thousands, thousands_f};

/// The colour of variant `index`: the report's palette without the red of due dates.
pub fn color(index: usize) -> &'static str {
    let colors: Vec<&str> = PALETTE.iter().copied().filter(|c| *c != DUE).collect();
    colors[index % colors.len()]
}

/// The first and last day (day numbers, half-open) of a variant's daily fan.
fn span(v: &VariantView) -> Option<(i64, i64)> {
    let doc = v.document.document.as_ref()?;
    let start = day_number(v.start?);
    Some((start, start + doc.daily.len() as i64))
}

/// What the charts over dates share, so that they line up one under the other: the first
/// variant's due dates, the dates covered by any variant or due date, every variant's
/// cumulative fan from zero at its start, and the names at the lines' right ends.
pub struct Frame {
    dues: Vec<DueLine>,
    x0: i64,
    x1: i64,
    /// Per variant: (end of day, cumulative good output), empty without daily figures.
    fans: Vec<Vec<(f64, FanDoc)>>,
    labels: Vec<String>,
    /// The right margin the end labels need.
    right: f64,
}

impl Frame {
    pub fn new(view: &CompareView) -> Option<Frame> {
        let first = view.variants.first()?;
        let spans: Vec<Option<(i64, i64)>> = view.variants.iter().map(span).collect();
        let dues: Vec<DueLine> = first
            .milestones
            .iter()
            .filter_map(|m| Some(DueLine::new(m.id.as_str(), m.due?)))
            .collect();
        let x0 = spans
            .iter()
            .flatten()
            .map(|s| s.0)
            .chain(dues.iter().map(|d| day_number(d.date)))
            .min()?;
        let x1 = spans
            .iter()
            .flatten()
            .map(|s| s.1)
            .chain(dues.iter().map(|d| day_number(d.date) + 1))
            .max()?;
        let fans =
            view.variants
                .iter()
                .zip(&spans)
                .map(|(v, span)| {
                    let (Some(doc), Some((start, _))) = (&v.document.document, span) else {
                        return Vec::new();
                    };
                    let mut points = vec![(
                        *start as f64,
                        FanDoc {
                            p10: 0,
                            p50: 0,
                            p90: 0,
                        },
                    )];
                    points.extend(
                        doc.daily.iter().enumerate().map(|(i, day)| {
                            ((start + i as i64 + 1) as f64, day.cumulative.clone())
                        }),
                    );
                    points
                })
                .collect();
        // Each line is labelled at its right end; names longer than the margin are cut short.
        let labels: Vec<String> = view
            .variants
            .iter()
            .map(|v| {
                let name: String = v.name.as_str().chars().take(22).collect();
                if name.len() < v.name.as_str().len() {
                    format!("{name}…")
                } else {
                    name
                }
            })
            .collect();
        // The labels are bold and a little larger than the width estimate assumes.
        let right = labels
            .iter()
            .map(|l| text_width(l) * 1.2)
            .fold(0.0, f64::max)
            + 16.0;
        Some(Frame {
            dues,
            x0,
            x1,
            fans,
            labels,
            right,
        })
    }

    /// A chart over the frame's dates with `height` of plot below a legend ending at `top`.
    pub fn plot(&self, top: f64, height: f64, y0: f64, y1: f64) -> Plot {
        Plot {
            w: 960.0,
            h: height + top,
            left: 64.0,
            right: self.right,
            top,
            bottom: 44.0,
            x0: self.x0 as f64,
            x1: self.x1 as f64,
            y0,
            y1,
        }
    }

    /// Variant names at the lines' right ends (canvas coordinates), nudged apart vertically.
    pub fn end_labels(&self, svg: &mut String, mut ends: Vec<(f64, f64, usize)>) {
        ends.sort_by(|a, b| a.1.total_cmp(&b.1));
        let mut last_y = f64::NEG_INFINITY;
        for (x, y, index) in ends {
            let y = y.max(last_y + 14.0);
            last_y = y;
            write_svg(
                svg,
                format_args!(
                    "<text x=\"{:.1}\" y=\"{:.1}\" class=\"endlabel halo\" fill=\"{}\">{}</text>\n",
                    x + 5.0,
                    y + 4.0,
                    color(index),
                    esc(&self.labels[index])
                ),
            );
        }
    }
}

/// Every variant's cumulative output, bands under medians, on the frame; a message without
/// daily figures.
pub fn cumulative(view: &CompareView, frame: Option<&Frame>) -> String {
    let Some(frame) = frame else {
        return empty_svg("no daily figures in this comparison");
    };
    let d = view.document;
    let max = d
        .variants
        .iter()
        .filter_map(|v| v.document.as_ref())
        .flat_map(|doc| doc.daily.iter().map(|day| day.cumulative.p90))
        .max()
        .unwrap_or(0);
    let (y_top, y_step) = nice_axis(max as f64 * 1.05);
    let mut legend = Legend::new(64.0, 14.0, 944.0);
    for (index, v) in d.variants.iter().enumerate() {
        let color = color(index);
        legend.series(color, &band_of(color), &v.name);
    }
    legend.line(DUE, "due date", false);
    let plot = frame.plot(legend.bottom() + 12.0, 400.0, 0.0, y_top);
    let mut svg = String::new();
    plot.open(
        &mut svg,
        "Cumulative good output of every variant over time, P10 to P90 bands and medians",
    );
    svg.push_str(&legend.svg);
    plot.y_grid(&mut svg, y_step, "good units, cumulative", thousands_f);
    plot.time_axis(&mut svg);
    // Bands first, lightly, then every median on top of all bands.
    for (index, points) in frame.fans.iter().enumerate() {
        plot.fan_band(&mut svg, points, &band_of(color(index)), 0.4, None);
    }
    for (index, points) in frame.fans.iter().enumerate() {
        plot.fan_median(&mut svg, points, color(index), None);
    }
    plot.due_lines(&mut svg, &frame.dues);
    let ends = frame
        .fans
        .iter()
        .enumerate()
        .filter_map(|(index, points)| {
            let (x, f) = points.last()?;
            Some((plot.x(*x), plot.y(f.p50 as f64), index))
        })
        .collect();
    frame.end_labels(&mut svg, ends);
    svg.push_str("</svg>\n");
    svg
}

/// Each variant's median cumulative output minus the first variant's, on the dates both have
/// a figure for: the gap the overlaid fans are too coarse to show.
pub fn ahead(view: &CompareView, frame: &Frame) -> String {
    let d = view.document;
    let first = &d.variants[0];
    let reference: BTreeMap<i64, f64> = frame.fans[0]
        .iter()
        .map(|(x, f)| (*x as i64, f.p50 as f64))
        .collect();
    let lines: Vec<Vec<(f64, f64)>> = frame
        .fans
        .iter()
        .map(|points| {
            points
                .iter()
                .filter_map(|(x, f)| {
                    let r = reference.get(&(*x as i64))?;
                    Some((*x, f.p50 as f64 - r))
                })
                .collect()
        })
        .collect();
    let values = || lines[1..].iter().flatten().map(|p| p.1);
    let low = values().fold(0.0, f64::min);
    let high = values().fold(0.0, f64::max);
    // A round step, and at least one step of room beyond the furthest line on either side.
    let range = (high - low).max(10.0);
    let (_, step) = nice_axis(range);
    let y0 = ((low - range * 0.05) / step).floor() * step;
    let y1 = ((high + range * 0.05) / step).ceil() * step;
    let mut legend = Legend::new(64.0, 14.0, 944.0);
    legend.line(
        color(0),
        &format!("{} (reference, zero)", first.name),
        false,
    );
    for (index, v) in d.variants.iter().enumerate().skip(1) {
        legend.line(color(index), &v.name, false);
    }
    legend.line(DUE, "due date", false);
    let plot = frame.plot(legend.bottom() + 12.0, 280.0, y0, y1);
    let mut svg = String::new();
    plot.open(
        &mut svg,
        &format!(
            "Median cumulative good output of each variant minus {}'s, by date",
            first.name
        ),
    );
    svg.push_str(&legend.svg);
    plot.y_grid(
        &mut svg,
        step,
        "units ahead (+) / behind (−)",
        signed_thousands,
    );
    plot.time_axis(&mut svg);
    // The zero line across the chart; the reference on it, thick, over the dates it covers.
    let zero = plot.y(0.0);
    write_svg(
        &mut svg,
        format_args!(
            "<line x1=\"{:.1}\" y1=\"{zero:.1}\" x2=\"{:.1}\" y2=\"{zero:.1}\" class=\"zero\"/>\n",
            plot.left,
            plot.w - plot.right
        ),
    );
    let reference_end = match (lines[0].first(), lines[0].last()) {
        (Some((from, _)), Some((to, _))) => {
            write_svg(
                &mut svg,
                format_args!(
                    "<line x1=\"{:.1}\" y1=\"{zero:.1}\" x2=\"{:.1}\" y2=\"{zero:.1}\" stroke=\"{}\" stroke-width=\"4\"/>\n",
                    plot.x(*from),
                    plot.x(*to),
                    color(0)
                ),
            );
            plot.x(*to)
        }
        _ => plot.w - plot.right,
    };
    plot.due_lines(&mut svg, &frame.dues);
    for (index, points) in lines.iter().enumerate().skip(1) {
        plot.line(&mut svg, points, color(index), Some(1.5));
    }
    let mut ends = vec![(reference_end, zero, 0)];
    ends.extend(
        lines
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(index, points)| {
                let (x, y) = points.last()?;
                Some((plot.x(*x), plot.y(*y), index))
            }),
    );
    frame.end_labels(&mut svg, ends);
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_colours_avoid_the_due_red() {
        for i in 0..12 {
            assert_ne!(color(i), DUE);
        }
    }
}

//! Where the time goes at each station: one stacked bar of state shares per station, the
//! bottleneck outlined.

use super::{Legend, Plot, STATE_COLORS, esc, write_svg};
use crate::document::ResultDocument;

/// The station states chart of `d` (which has at least one station).
pub fn stations(d: &ResultDocument) -> String {
    let row = 34.0;
    let states: [(&str, &str, &str); 5] = [
        ("busy", STATE_COLORS[0], "#fff"),
        ("blocked", STATE_COLORS[1], "#1f2328"),
        ("starved", STATE_COLORS[2], "#1f2328"),
        ("down", STATE_COLORS[3], "#fff"),
        ("unstaffed", STATE_COLORS[4], "#fff"),
    ];
    let mut legend = Legend::new(150.0, 16.0, 850.0);
    for (name, color, _) in &states {
        legend.swatch(color, name);
    }
    let top = legend.bottom() + 16.0;
    let plot = Plot {
        w: 960.0,
        h: top + row * d.stations.len() as f64 + 34.0,
        left: 150.0,
        right: 110.0,
        top,
        bottom: 34.0,
        x0: 0.0,
        x1: 1.0,
        y0: 0.0,
        y1: 1.0,
    };
    let mut svg = String::new();
    plot.open(&mut svg, "Station states as shares of scheduled time");
    svg.push_str(&legend.svg);
    for i in 0..=4 {
        let f = i as f64 / 4.0;
        let x = plot.x(f);
        write_svg(
            &mut svg,
            format_args!(
                "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"grid\"/>\
                 <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"tick\">{:.0}%</text>\n",
                plot.top - 4.0,
                plot.h - plot.bottom + 4.0,
                plot.h - plot.bottom + 18.0,
                f * 100.0
            ),
        );
    }
    write_svg(
        &mut svg,
        format_args!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"axislabel\">share of scheduled time</text>\n",
            plot.x(0.5),
            plot.h - 4.0
        ),
    );
    for (i, s) in d.stations.iter().enumerate() {
        let y = plot.top + i as f64 * row + 5.0;
        let h = row - 10.0;
        let is_bottleneck = d.bottleneck.as_deref() == Some(s.id.as_str());
        write_svg(
            &mut svg,
            format_args!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"{}\">{}</text>\n",
                plot.left - 10.0,
                y + h / 2.0 + 4.5,
                if is_bottleneck {
                    "station bold"
                } else {
                    "station"
                },
                esc(&s.id)
            ),
        );
        let values = [s.busy, s.blocked, s.starved, s.down, s.unstaffed];
        let total: f64 = values.iter().sum::<f64>().max(1.0);
        let mut acc = 0.0;
        for ((name, color, ink), value) in states.iter().zip(values) {
            if value <= 0.0 {
                continue;
            }
            let xa = plot.x(acc / total);
            let xb = plot.x((acc + value) / total);
            write_svg(
                &mut svg,
                format_args!(
                    "<rect x=\"{xa:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{color}\"><title>{}: {name} {:.1}%</title></rect>\n",
                    (xb - xa).max(0.3),
                    esc(&s.id),
                    value * 100.0
                ),
            );
            if xb - xa >= 34.0 {
                write_svg(
                    &mut svg,
                    format_args!(
                        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"inbar\" fill=\"{ink}\">{:.0}%</text>\n",
                        (xa + xb) / 2.0,
                        y + h / 2.0 + 4.0,
                        value * 100.0
                    ),
                );
            }
            acc += value;
        }
        if is_bottleneck {
            write_svg(
                &mut svg,
                format_args!(
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" class=\"bottleneck\"/>\
                     <text x=\"{:.1}\" y=\"{:.1}\" class=\"bottlenecklabel\">◀ bottleneck</text>\n",
                    plot.left - 2.0,
                    y - 2.0,
                    plot.w - plot.left - plot.right + 4.0,
                    h + 4.0,
                    plot.w - plot.right + 8.0,
                    y + h / 2.0 + 4.5
                ),
            );
        }
    }
    svg.push_str("</svg>\n");
    svg
}

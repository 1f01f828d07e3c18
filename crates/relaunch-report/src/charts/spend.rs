//! Cumulative spend by day: the median run's line and its P10–P90 band, with `[costs]`.

use super::{BLUE, BLUE_BAND, CLOSED, Legend, Plot, day_number, nice_axis};
use crate::document::FanDoc;
use crate::view::format::trim_float;
use crate::view::report::ReportView;

/// The cumulative spend chart; `None` without dates or without costs.
pub fn cumulative_spend(view: &ReportView) -> Option<String> {
    let d = view.document;
    let costs = d.costs.as_ref()?;
    let start = day_number(view.start?);
    let points: Vec<(f64, FanDoc)> = costs
        .cumulative_by_day
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let fan = FanDoc {
                p10: day.p10,
                p50: day.p50,
                p90: day.p90,
            };
            ((start + i as i64) as f64, fan)
        })
        .collect();
    let max = points.iter().map(|(_, f)| f.p90).max()?;
    // Millions of the currency on the axis once the spend reaches ten million.
    let (scale, unit) = if max >= 10_000_000 {
        (1e6, "M ")
    } else {
        (1.0, "")
    };
    let currency = costs.currency.as_deref().unwrap_or("(currency not given)");
    let (y_top, y_step) = nice_axis((max as f64 / scale * 1.05).max(1.0));
    let mut legend = Legend::new(64.0, 14.0, 944.0);
    legend.series(BLUE, BLUE_BAND, "spent to date: P50 and P10–P90");
    if !view.closed_periods.is_empty() {
        legend.band(CLOSED, "plant closed");
    }
    let top = legend.bottom() + 10.0;
    let plot = Plot {
        w: 960.0,
        h: 270.0 + top,
        left: 64.0,
        right: 16.0,
        top,
        bottom: 44.0,
        x0: start as f64,
        x1: (start + (points.len() as i64).max(1)) as f64,
        y0: 0.0,
        y1: y_top * scale,
    };
    let mut svg = String::new();
    plot.open(
        &mut svg,
        "Money spent from the start to the end of each day, P10 to P90 band and median",
    );
    svg.push_str(&legend.svg);
    plot.closed_periods(&mut svg, &view.closed_periods);
    plot.y_grid(
        &mut svg,
        y_step * scale,
        &format!("{unit}{currency}"),
        |value| trim_float(value / scale),
    );
    plot.time_axis(&mut svg);
    plot.fan(&mut svg, &points, BLUE, BLUE_BAND, None);
    svg.push_str("</svg>\n");
    Some(svg)
}

//! Cumulative spend by day: the median run's line and its P10–P90 band, with `[costs]`.

use super::{BLUE, BLUE_BAND, Legend, day_frame, day_number, nice_axis};
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
    legend.plant_closed(&view.closed_periods);
    let days = points.len() as i64;
    let plot = day_frame(&legend, start, start + days, y_top * scale, 270.0, 0.0);
    let mut svg = String::new();
    plot.open_days(
        &mut svg,
        "Money spent from the start to the end of each day, P10 to P90 band and median",
        &legend,
        &view.closed_periods,
        y_step * scale,
        &format!("{unit}{currency}"),
        |value| trim_float(value / scale),
    );
    plot.fan(&mut svg, &points, BLUE, BLUE_BAND, None);
    svg.push_str("</svg>\n");
    Some(svg)
}

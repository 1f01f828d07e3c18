//! Headcount by day: people on the payroll and trained people, each as the median run's line
//! and its P10–P90 band.

use super::{BLUE, BLUE_BAND, GREEN, GREEN_BAND, Legend, day_frame, day_number, nice_axis};
use crate::document::FanDoc;
use crate::view::format::thousands_f;
use crate::view::report::ReportView;

/// The headcount chart; `None` without dates or without a workforce.
pub fn headcount(view: &ReportView) -> Option<String> {
    let d = view.document;
    let start = day_number(view.start?);
    let series = |pick: fn(&crate::document::DayDoc) -> Option<&FanDoc>| -> Vec<(f64, FanDoc)> {
        d.daily
            .iter()
            .enumerate()
            .filter_map(|(i, day)| Some(((start + i as i64) as f64, pick(day)?.clone())))
            .collect()
    };
    let payroll = series(|day| day.payroll.as_ref());
    let trained = series(|day| day.trained.as_ref());
    if payroll.is_empty() {
        return None;
    }
    let max = payroll
        .iter()
        .chain(&trained)
        .map(|(_, f)| f.p90)
        .max()
        .unwrap_or(0);
    let (y_top, y_step) = nice_axis((max as f64 * 1.05).max(1.0));
    let mut legend = Legend::new(64.0, 14.0, 944.0);
    legend.series(BLUE, BLUE_BAND, "on the payroll: P50 and P10–P90");
    legend.series(GREEN, GREEN_BAND, "trained: P50 and P10–P90");
    legend.plant_closed(&view.closed_periods);
    let days = d.daily.len() as i64;
    let plot = day_frame(&legend, start, start + days, y_top, 270.0, 0.0);
    let mut svg = String::new();
    plot.open_days(
        &mut svg,
        "Headcount on the payroll and trained at the start of each day, P10 to P90 band and median",
        &legend,
        &view.closed_periods,
        y_step,
        "people",
        thousands_f,
    );
    plot.fan(&mut svg, &payroll, BLUE, BLUE_BAND, None);
    plot.fan(&mut svg, &trained, GREEN, GREEN_BAND, None);
    svg.push_str("</svg>\n");
    Some(svg)
}

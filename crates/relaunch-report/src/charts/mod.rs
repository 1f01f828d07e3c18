//! The charts of the pages as specifications ([`ChartSpec`]): one builder per kind of chart,
//! each reading the typed views (`crate::view`) or the tracking documents, and none drawing
//! anything. `assets/relaunch-charts.js` draws a spec with uPlot in the browser; the report
//! inlines both, the dashboard serves them (`crate::assets`).
//!
//! Dates become day numbers (days since 1970-01-01, [`day_number`], by jiff) only as x or y
//! values; the value at a date is the figure at the end of that day. Every label passes
//! through [`ChartSpec::to_json`], which shows invisible characters and escapes for the page.

use jiff::civil::Date;

use crate::document::FanDoc;
use crate::view::format::format_date;

pub(crate) mod compare;
pub(crate) mod forecast;
pub(crate) mod gantt;
pub(crate) mod histogram;
pub(crate) mod people;
pub mod spec;
pub(crate) mod stations;
#[cfg(test)]
mod test_support;
pub(crate) mod trend;
pub(crate) mod why_bars;

pub use spec::{
    Axis, AxisKind, Band, ChartKind, ChartSpec, Format, GanttRow, Key, KeyShape, Marker, Point,
    Rule, Series, Span, Style,
};

pub const BLUE: &str = "#0b5cad";
pub const BLUE_BAND: &str = "#b3d1ee";
pub const GREEN: &str = "#1a7f37";
pub const GREEN_BAND: &str = "#b5e0c0";
pub const DUE: &str = "#c62828";
pub const GREY: &str = "#57606a";
pub const CLOSED: &str = "#eceff3";
pub const STATE_COLORS: [&str; 5] = ["#1f6fb2", "#f2a93b", "#d0d7de", "#c62828", "#7b5ea7"];
pub const PALETTE: [&str; 6] = [
    "#0b5cad", "#b35c00", "#6f42c1", "#1a7f37", "#c62828", "#00838f",
];

/// The first day of the day numbering.
const EPOCH: Date = Date::constant(1970, 1, 1);

/// Days since 1970-01-01 of `date`: its value on a date axis.
pub fn day_number(date: Date) -> f64 {
    date.duration_since(EPOCH).as_secs().div_euclid(86_400) as f64
}

/// A lighter tint of a `#rrggbb` colour, for bands.
pub fn band_of(color: &str) -> String {
    let hex = color.trim_start_matches('#');
    if hex.len() != 6 {
        return color.to_string();
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0) as f64;
    let tint = |c: f64| (c + (255.0 - c) * 0.6).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        tint(channel(0)),
        tint(channel(2)),
        tint(channel(4))
    )
}

/// The P10, P50 and P90 of `fans` as three series of values.
pub fn fan_values<'a>(fans: impl Iterator<Item = Option<&'a FanDoc>>) -> [Vec<Option<f64>>; 3] {
    quantiles(fans.map(|fan| fan.map(|f| [f.p10 as f64, f.p50 as f64, f.p90 as f64])))
}

/// Triples of values as three series.
pub fn quantiles(triples: impl Iterator<Item = Option<[f64; 3]>>) -> [Vec<Option<f64>>; 3] {
    let mut out: [Vec<Option<f64>>; 3] = Default::default();
    for triple in triples {
        for (series, value) in out.iter_mut().zip(0..3) {
            series.push(triple.map(|t| t[value]));
        }
    }
    out
}

/// The red marker of a due date: "pilot due 19 Jan".
pub fn due_marker(id: &str, due: Date) -> Marker {
    Marker {
        at: day_number(due),
        label: format!("{id} due {}", format_date(due, false)),
        color: DUE.to_string(),
        dashed: false,
    }
}

/// The plant's closed periods (half-open date ranges) as shaded spans, with their key.
pub fn closed_spans(spec: &mut ChartSpec, closed: &[(Date, Date)]) {
    shaded(spec, closed, CLOSED, "plant closed");
}

/// `periods` (half-open date ranges) shaded in `color`, with a key when there are any.
pub fn shaded(spec: &mut ChartSpec, periods: &[(Date, Date)], color: &str, what: &str) {
    for &(from, to) in periods {
        let last = to.yesterday().unwrap_or(to);
        spec.spans.push(Span {
            from: day_number(from),
            to: day_number(to),
            label: format!(
                "{what} {} – {}",
                format_date(from, true),
                format_date(last, true)
            ),
            color: color.to_string(),
        });
    }
    if !periods.is_empty() {
        spec.keys.push(Key {
            label: what.to_string(),
            color: color.to_string(),
            shape: KeyShape::Box,
        });
    }
}

/// A round number at or above `max` (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten).
pub fn nice_ceiling(max: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= max * (1.0 - 1e-12))
        .unwrap_or(10.0 * magnitude)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn day_numbers() {
        assert_eq!(day_number(date(1970, 1, 1)), 0.0);
        assert_eq!(day_number(date(2024, 1, 1)), 19_723.0);
        assert_eq!(day_number(date(1969, 12, 31)), -1.0);
    }

    #[test]
    fn round_ceilings() {
        assert_eq!(nice_ceiling(48.0 * 1.5), 80.0);
        assert_eq!(nice_ceiling(504.0), 600.0);
        assert_eq!(nice_ceiling(7.0), 8.0);
        assert_eq!(nice_ceiling(2.4), 2.5);
        assert_eq!(nice_ceiling(0.0), 1.0);
    }
}

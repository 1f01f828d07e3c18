//! The inline SVG charts of the pages, drawn by hand: a plot frame mapping data onto the
//! canvas ([`Plot`]), its axes (`axes`), marks such as fans, lines and due dates (`marks`), a
//! wrapping legend (`legend`), and one module per kind of chart. The forecast report, its
//! "why late" section and the comparison page all draw through this API.
//!
//! Charts are built as strings; every text in them goes through [`esc`], the pages' one
//! escaping path outside the template engine. Dates arrive as `jiff::civil::Date` and become
//! day numbers (days since 1970-01-01) only as x coordinates.

use std::fmt::Write;

use jiff::SignedDuration;
use jiff::civil::Date;

pub use crate::html::escape::esc;

mod axes;
pub mod compare;
pub mod forecast;
pub mod gantt;
pub mod headcount;
pub mod histogram;
mod legend;
mod marks;
pub mod spend;
pub mod stations;
pub mod trend;
pub mod why_bars;

pub use legend::Legend;
pub use marks::DueLine;

pub const BLUE: &str = "#0b5cad";
pub const BLUE_BAND: &str = "#9cc3ea";
pub const GREEN: &str = "#1a7f37";
pub const GREEN_BAND: &str = "#a8dcb5";
pub const DUE: &str = "#c62828";
pub const GREY: &str = "#57606a";
pub const CLOSED: &str = "#eceff3";
pub const STATE_COLORS: [&str; 5] = ["#1f6fb2", "#f2a93b", "#d0d7de", "#c62828", "#7b5ea7"];
pub const PALETTE: [&str; 6] = [
    "#0b5cad", "#b35c00", "#6f42c1", "#1a7f37", "#c62828", "#00838f",
];

/// The first day of the day numbering.
const EPOCH: Date = Date::constant(1970, 1, 1);

/// Days since 1970-01-01 of `date`: its x coordinate on a date axis.
pub fn day_number(date: Date) -> i64 {
    date.duration_since(EPOCH).as_secs().div_euclid(86_400)
}

/// The date `days` after 1970-01-01.
pub fn date_of_day(days: i64) -> Date {
    EPOCH.saturating_add(SignedDuration::from_secs(days.saturating_mul(86_400)))
}

/// Monday 0 … Sunday 6 of a day number.
pub fn weekday_of_day(days: i64) -> i64 {
    i64::from(date_of_day(days).weekday().to_monday_zero_offset())
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

/// A rectangle of data coordinates mapped onto an SVG canvas.
#[derive(Debug, Clone)]
pub struct Plot {
    pub w: f64,
    pub h: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
}

impl Plot {
    /// The canvas x of a data x.
    pub fn x(&self, v: f64) -> f64 {
        let span = (self.x1 - self.x0).max(1e-9);
        self.left + (v - self.x0) / span * (self.w - self.left - self.right)
    }

    /// The canvas y of a data y.
    pub fn y(&self, v: f64) -> f64 {
        let span = (self.y1 - self.y0).max(1e-9);
        self.h - self.bottom - (v - self.y0) / span * (self.h - self.top - self.bottom)
    }

    /// Opens the `<svg>` element with its accessible label.
    pub fn open(&self, svg: &mut String, label: &str) {
        write_svg(
            svg,
            format_args!(
                "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n",
                self.w,
                self.h,
                esc(label)
            ),
        );
    }
}

/// The frame of a chart over days, 960 wide: the plot under `legend`, from day number `x0` to
/// `x1`, y from 0 to `y_top`, `height` high (the plot area plus its axes), with `strip` more
/// pixels below the date axis for marks under it.
pub fn day_frame(legend: &Legend, x0: i64, x1: i64, y_top: f64, height: f64, strip: f64) -> Plot {
    let top = legend.bottom() + 10.0;
    Plot {
        w: 960.0,
        h: height + top + strip,
        left: 64.0,
        right: 16.0,
        top,
        bottom: 44.0 + strip,
        x0: x0 as f64,
        x1: x1.max(x0 + 1) as f64,
        y0: 0.0,
        y1: y_top,
    }
}

impl Plot {
    /// Opens a chart over days: the `<svg>` element with its accessible `label`, the legend,
    /// the plant's `closed` periods, the y grid every `y_step` (labelled `y_label`, values
    /// written by `format`) and the date axis.
    #[allow(clippy::too_many_arguments)]
    pub fn open_days(
        &self,
        svg: &mut String,
        label: &str,
        legend: &Legend,
        closed: &[(Date, Date)],
        y_step: f64,
        y_label: &str,
        format: impl Fn(f64) -> String,
    ) {
        self.open(svg, label);
        svg.push_str(&legend.svg);
        self.closed_periods(svg, closed);
        self.y_grid(svg, y_step, y_label, format);
        self.time_axis(svg);
    }
}

/// A chart-sized message in place of a chart that has nothing to draw.
pub fn empty_svg(message: &str) -> String {
    format!(
        "<svg class=\"chart\" viewBox=\"0 0 960 60\" role=\"img\" aria-label=\"{m}\"><text x=\"480\" y=\"34\" text-anchor=\"middle\" class=\"muted\">{m}</text></svg>\n",
        m = esc(message)
    )
}

/// A round axis top at or above `max` and a step giving about five ticks.
pub fn nice_axis(max: f64) -> (f64, f64) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let step = if max >= 5.0 { step.max(1.0) } else { step };
    ((max / step).ceil() * step, step)
}

/// Approximate width of a label in the 12 px system font.
pub fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * 6.6
}

/// `text` cut with "…" to fit `width` pixels in a font of `font_px` (12 px is the charts'
/// usual size).
pub fn fit(text: &str, width: f64, font_px: f64) -> String {
    let per_char = text_width("x") * font_px / 12.0;
    let room = (width / per_char).floor().max(1.0) as usize;
    if text.chars().count() <= room {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(room.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Appends formatted SVG to `svg`.
pub fn write_svg(svg: &mut String, args: std::fmt::Arguments<'_>) {
    svg.write_fmt(args).ok();
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn day_numbers() {
        assert_eq!(day_number(date(1970, 1, 1)), 0);
        assert_eq!(day_number(date(2024, 1, 1)), 19_723);
        assert_eq!(day_number(date(1969, 12, 31)), -1);
        assert_eq!(date_of_day(19_722), date(2023, 12, 31));
        assert_eq!(weekday_of_day(19_723), 0, "2024-01-01 is a Monday");
    }

    #[test]
    fn long_labels_are_cut_to_fit() {
        assert_eq!(fit("retooling", 100.0, 12.0), "retooling");
        // 66 px hold ten characters of 6.6 px: nine and the ellipsis.
        assert_eq!(fit("certification-rework", 66.0, 12.0), "certifica…");
    }

    #[test]
    fn axes() {
        assert_eq!(nice_axis(1548.0 * 1.05), (2000.0, 500.0));
        assert_eq!(nice_axis(7.0), (8.0, 2.0));
    }
}

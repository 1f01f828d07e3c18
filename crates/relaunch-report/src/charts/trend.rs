//! Charts of dates against dates, for tracking: the milestone trend (x = the as-of date of each
//! stored forecast, y = the date it forecast; per milestone its P50 line in its P10–P90 band,
//! its due date as a horizontal line, the diagonal y = x where a forecast would say "today";
//! dates drifting up are slipping), the same for one milestone of a backtest with the date it
//! was actually reached, and the plan-vs-actual chart of cumulative good output for `status`.

use jiff::civil::Date;

use super::{
    BLUE, DUE, GREEN, GREEN_BAND, GREY, Legend, PALETTE, Plot, band_of, date_of_day, day_frame,
    day_number, empty_svg, esc, nice_axis, write_svg,
};
use crate::document::FanDoc;
use crate::view::format::{format_date, thousands_f};

/// One stored forecast of a milestone: made as of `as_of`, its P10/P50/P90 dates (`None`: not
/// reached within the horizon at that quantile).
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    pub as_of: Date,
    pub p10: Option<Date>,
    pub p50: Option<Date>,
    pub p90: Option<Date>,
}

/// One milestone's forecasts by as-of date, with its due date and the date it was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendSeries {
    pub label: String,
    pub points: Vec<TrendPoint>,
    pub due: Option<Date>,
    pub actual: Option<Date>,
}

/// The milestone trend of `series` (colours in their order), or a message when no forecast
/// has a date. Each forecast's P50 is a circle of class `trendpt`.
pub fn trend(label: &str, series: &[TrendSeries]) -> String {
    let xs: Vec<i64> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| day_number(p.as_of)))
        .collect();
    let ys: Vec<i64> = series
        .iter()
        .flat_map(|s| {
            s.points
                .iter()
                .flat_map(|p| [p.p10, p.p50, p.p90])
                .chain([s.due, s.actual])
                .flatten()
                .map(day_number)
        })
        .collect();
    let (Some(&x_min), Some(&x_max)) = (xs.iter().min(), xs.iter().max()) else {
        return empty_svg("no stored forecast to draw");
    };
    let (Some(&y_min), Some(&y_max)) = (ys.iter().min(), ys.iter().max()) else {
        return empty_svg("no forecast date to draw");
    };
    let pad_x = ((x_max - x_min) / 20).max(1);
    let pad_y = ((y_max - y_min) / 20).max(1);
    let mut legend = Legend::new(64.0, 14.0, 944.0);
    for (i, s) in series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        legend.series(
            color,
            &band_of(color),
            &format!("{}: P50 and P10–P90", s.label),
        );
    }
    if series.iter().any(|s| s.due.is_some()) {
        legend.line(DUE, "due date", true);
    }
    if series.iter().any(|s| s.actual.is_some()) {
        legend.line(GREY, "reached (actual)", false);
    }
    legend.line("#8c959f", "forecast = as-of date", true);
    let top = legend.bottom() + 12.0;
    let plot = Plot {
        w: 960.0,
        h: 380.0 + top,
        left: 96.0,
        right: 16.0,
        top,
        bottom: 44.0,
        x0: (x_min - pad_x) as f64,
        x1: (x_max + pad_x) as f64,
        y0: (y_min - pad_y) as f64,
        y1: (y_max + pad_y) as f64,
    };
    let mut svg = String::new();
    plot.open(&mut svg, label);
    svg.push_str(&legend.svg);
    date_grid(&plot, &mut svg);
    plot.time_axis(&mut svg);
    diagonal(&plot, &mut svg);
    for (i, s) in series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        if let Some(due) = s.due {
            horizontal(
                &plot,
                &mut svg,
                due,
                DUE,
                true,
                &format!("{} due {}", s.label, format_date(due, true)),
            );
        }
        if let Some(actual) = s.actual {
            horizontal(
                &plot,
                &mut svg,
                actual,
                GREY,
                false,
                &format!("{} reached {}", s.label, format_date(actual, true)),
            );
        }
        draw_series(&plot, &mut svg, s, color);
    }
    svg.push_str("</svg>\n");
    svg
}

/// The band, P50 line and P50 circles of one milestone.
fn draw_series(plot: &Plot, svg: &mut String, series: &TrendSeries, color: &str) {
    let mut points: Vec<&TrendPoint> = series.points.iter().collect();
    points.sort_by_key(|p| p.as_of);
    let banded: Vec<(f64, FanDoc)> = points
        .iter()
        .filter_map(|p| {
            Some((
                day_number(p.as_of) as f64,
                FanDoc {
                    p10: shifted(p.p10?),
                    p50: shifted(p.p50.or(p.p10)?),
                    p90: shifted(p.p90?),
                },
            ))
        })
        .collect();
    // The band's values are day numbers moved up by `SHIFT` to fit `FanDoc`'s unsigned
    // counts; the frame below takes them back.
    let shifted_plot = Plot {
        y0: plot.y0 + SHIFT as f64,
        y1: plot.y1 + SHIFT as f64,
        ..plot.clone()
    };
    if banded.len() > 1 {
        shifted_plot.fan_band(svg, &banded, &band_of(color), 0.6, None);
    }
    let medians: Vec<(f64, f64, Date, Date)> = points
        .iter()
        .filter_map(|p| {
            let p50 = p.p50?;
            Some((
                day_number(p.as_of) as f64,
                day_number(p50) as f64,
                p.as_of,
                p50,
            ))
        })
        .collect();
    let line: Vec<(f64, f64)> = medians.iter().map(|m| (m.0, m.1)).collect();
    if line.len() > 1 {
        plot.line(svg, &line, color, None);
    }
    for (x, y, as_of, p50) in medians {
        write_svg(
            svg,
            format_args!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" class=\"trendpt\" fill=\"#fff\" stroke=\"{color}\" stroke-width=\"2\"><title>{}: as of {} P50 {}</title></circle>\n",
                plot.x(x),
                plot.y(y),
                esc(&series.label),
                format_date(as_of, true),
                format_date(p50, true)
            ),
        );
    }
}

/// Day numbers are moved up by this to be held as unsigned counts.
const SHIFT: i64 = 1 << 40;

fn shifted(date: Date) -> u64 {
    (day_number(date) + SHIFT) as u64
}

/// A horizontal line at `date` across the plot, labelled at its left end.
fn horizontal(plot: &Plot, svg: &mut String, date: Date, color: &str, dashed: bool, label: &str) {
    let y = plot.y(day_number(date) as f64);
    write_svg(
        svg,
        format_args!(
            "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{color}\" stroke-width=\"1.5\"{}/>\
             <text x=\"{:.1}\" y=\"{:.1}\" class=\"small halo\" fill=\"{color}\">{}</text>\n",
            plot.left,
            plot.w - plot.right,
            if dashed {
                " stroke-dasharray=\"6 4\""
            } else {
                ""
            },
            plot.left + 6.0,
            y - 4.0,
            esc(label)
        ),
    );
}

/// The diagonal y = x within the plot: a forecast on it says "reached today".
fn diagonal(plot: &Plot, svg: &mut String) {
    let from = plot.x0.max(plot.y0);
    let to = plot.x1.min(plot.y1);
    if from >= to {
        return;
    }
    write_svg(
        svg,
        format_args!(
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" class=\"diagonal\" stroke=\"#8c959f\" stroke-width=\"1.2\" stroke-dasharray=\"3 4\"><title>forecast date = as-of date</title></line>\n",
            plot.x(from),
            plot.y(from),
            plot.x(to),
            plot.y(to)
        ),
    );
}

/// Horizontal grid lines at round dates on the y axis, labelled with the date.
fn date_grid(plot: &Plot, svg: &mut String) {
    let span = plot.y1 - plot.y0;
    let step = [1i64, 2, 7, 14, 28, 56, 91, 182, 364, 728]
        .into_iter()
        .find(|s| span / *s as f64 <= 8.0)
        .unwrap_or(1456);
    let first = (plot.y0 / step as f64).ceil() as i64 * step;
    let mut day = first;
    while day as f64 <= plot.y1 {
        let y = plot.y(day as f64);
        write_svg(
            svg,
            format_args!(
                "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" class=\"grid\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"tick\">{}</text>\n",
                plot.left,
                plot.w - plot.right,
                plot.left - 6.0,
                y + 4.0,
                format_date(date_of_day(day), true)
            ),
        );
        day += step;
    }
    let cy = (plot.top + plot.h - plot.bottom) / 2.0;
    write_svg(
        svg,
        format_args!(
            "<text transform=\"translate(14 {cy:.1}) rotate(-90)\" text-anchor=\"middle\" class=\"axislabel\">forecast date</text>\n"
        ),
    );
}

/// One day of the plan-vs-actual chart.
#[derive(Debug, Clone)]
pub struct CumulativeDay {
    pub date: Date,
    pub actual: u64,
    pub plan: Option<u64>,
    pub forecast: Option<FanDoc>,
}

/// Cumulative good output to date: the actual line, the plan's line and the last forecast's
/// P10–P90 fan over the days it covers. Values are at the end of each day.
pub fn plan_vs_actual(days: &[CumulativeDay]) -> String {
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return empty_svg("no actuals to draw");
    };
    let start = day_number(first.date);
    let end = day_number(last.date) + 1;
    let max = days
        .iter()
        .map(|d| {
            d.actual
                .max(d.plan.unwrap_or(0))
                .max(d.forecast.as_ref().map_or(0, |f| f.p90))
        })
        .max()
        .unwrap_or(0);
    let (y_top, y_step) = nice_axis((max as f64 * 1.05).max(1.0));
    let fan: Vec<(f64, FanDoc)> = days
        .iter()
        .filter_map(|d| Some(((day_number(d.date) + 1) as f64, d.forecast.clone()?)))
        .collect();
    let plan: Vec<(f64, f64)> = days
        .iter()
        .filter_map(|d| Some(((day_number(d.date) + 1) as f64, d.plan? as f64)))
        .collect();
    let actual: Vec<(f64, f64)> = days
        .iter()
        .map(|d| ((day_number(d.date) + 1) as f64, d.actual as f64))
        .collect();
    let mut legend = Legend::new(64.0, 14.0, 944.0);
    legend.line(BLUE, "actual", false);
    if !plan.is_empty() {
        legend.line(GREY, "plan", true);
    }
    if !fan.is_empty() {
        legend.series(GREEN, GREEN_BAND, "last forecast: P50 and P10–P90");
    }
    let plot = day_frame(&legend, start, end, y_top, 300.0, 0.0);
    let mut svg = String::new();
    plot.open_days(
        &mut svg,
        "Cumulative good output: actual against plan and the last forecast",
        &legend,
        &[],
        y_step,
        "good units, cumulative",
        thousands_f,
    );
    if !fan.is_empty() {
        plot.fan(&mut svg, &fan, GREEN, GREEN_BAND, Some(1.5));
    }
    if !plan.is_empty() {
        let mut path = String::new();
        for (k, (x, y)) in plan.iter().enumerate() {
            let cmd = if k == 0 { 'M' } else { 'L' };
            write_svg(
                &mut path,
                format_args!("{cmd}{:.1} {:.1}", plot.x(*x), plot.y(*y)),
            );
        }
        write_svg(
            &mut svg,
            format_args!(
                "<path d=\"{path}\" class=\"planline\" fill=\"none\" stroke=\"{GREY}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n"
            ),
        );
    }
    plot.line(&mut svg, &actual, BLUE, None);
    svg.push_str("</svg>\n");
    svg
}

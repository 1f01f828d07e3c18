//! Charts of tracking: the milestone trend (x = the as-of date of each stored forecast, y = the
//! date it forecast; per milestone its P50 with points in its P10–P90 band, its due date and
//! the date it was reached as horizontal rules, the diagonal y = x where a forecast would say
//! "today"; a line drifting up is a milestone slipping), the same for one milestone of a
//! backtest, and the plan-vs-actual chart of cumulative good output for `status`.

use jiff::civil::Date;

use super::{
    Axis, BLUE, ChartKind, ChartSpec, DUE, GREEN, GREEN_BAND, GREY, PALETTE, Rule, Series, Style,
    band_of, day_number, fan_values, quantiles,
};
use crate::document::FanDoc;
use crate::view::format::format_date;

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

/// The label of the diagonal.
pub const DIAGONAL: &str = "forecast = as-of date";

/// The milestone trend of `series` (colours in their order), titled `title`; `None` when no
/// forecast has a date.
pub fn trend(id: &str, title: &str, series: &[TrendSeries]) -> Option<ChartSpec> {
    let mut as_of: Vec<Date> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.as_of))
        .collect();
    as_of.sort();
    as_of.dedup();
    let any_date = series.iter().any(|s| {
        s.due.is_some()
            || s.actual.is_some()
            || s.points.iter().any(|p| p.p10.or(p.p50).or(p.p90).is_some())
    });
    if as_of.is_empty() || !any_date {
        return None;
    }
    let mut spec = ChartSpec::new(
        id,
        ChartKind::MilestoneTrend,
        title,
        Axis::date("as-of date of the forecast"),
        Axis::date("forecast date"),
    )
    .height(380);
    spec.x_values = as_of.iter().map(|&d| day_number(d)).collect();
    for (i, s) in series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let at = |date: &Date| {
            s.points
                .iter()
                .filter(|p| p.as_of == *date)
                .map(|p| [p.p10, p.p50, p.p90])
                .next_back()
        };
        let day = |date: Option<Date>| date.map(day_number);
        let [p10, mut p50, p90] = quantiles(as_of.iter().map(|date| {
            let [p10, p50, p90] = at(date)?;
            // A band needs both ends; a missing P50 inside it is drawn at its P10.
            Some([day(p10)?, day(p50.or(p10))?, day(p90)?])
        }));
        // P50 points whose band is missing (P90 beyond the horizon) still show.
        for (value, date) in p50.iter_mut().zip(&as_of) {
            if value.is_none() {
                *value = at(date).and_then(|[_, p50, _]| day(p50));
            }
        }
        spec.fan(&s.label, color, &band_of(color), [p10, p50, p90]);
        let median = spec.series.len() - 2;
        spec.series[median].style = Style::LinePoints;
        if let Some(due) = s.due {
            spec.rules.push(Rule {
                at: day_number(due),
                label: format!("{} due {}", s.label, format_date(due, true)),
                color: DUE.to_string(),
                dashed: true,
            });
        }
        if let Some(actual) = s.actual {
            spec.rules.push(Rule {
                at: day_number(actual),
                label: format!("{} reached {}", s.label, format_date(actual, true)),
                color: GREY.to_string(),
                dashed: false,
            });
        }
    }
    spec.push(Series::new(
        DIAGONAL,
        "#8c959f",
        Style::Dashed,
        spec.x_values.iter().map(|&x| Some(x)).collect(),
    ));
    Some(spec)
}

/// One day of the plan-vs-actual chart.
#[derive(Debug, Clone)]
pub struct CumulativeDay {
    pub date: Date,
    pub actual: u64,
    pub plan: Option<u64>,
    pub forecast: Option<FanDoc>,
}

/// Cumulative good output at the end of each day: the actual line, the plan's dashed line and
/// the last forecast's P50 in its P10–P90 band over the days it covers. `None` without days.
pub fn plan_vs_actual(days: &[CumulativeDay]) -> Option<ChartSpec> {
    if days.is_empty() {
        return None;
    }
    let mut spec = ChartSpec::new(
        "plan-vs-actual",
        ChartKind::PlanVsActual,
        "Cumulative good output: actual against plan and the last forecast",
        Axis::date("date"),
        Axis::count("good units, cumulative"),
    )
    .height(320);
    spec.x_values = days.iter().map(|d| day_number(d.date)).collect();
    if days.iter().any(|d| d.forecast.is_some()) {
        spec.fan(
            "of each day, last forecast",
            GREEN,
            GREEN_BAND,
            fan_values(days.iter().map(|d| d.forecast.as_ref())),
        );
    }
    if days.iter().any(|d| d.plan.is_some()) {
        spec.push(Series::new(
            "plan",
            GREY,
            Style::Dashed,
            days.iter().map(|d| d.plan.map(|p| p as f64)).collect(),
        ));
    }
    spec.push(Series::new(
        "actual",
        BLUE,
        Style::Line,
        days.iter().map(|d| Some(d.actual as f64)).collect(),
    ));
    Some(spec)
}

//! The charts of the forecast report over the horizon's days: the fan of cumulative good output
//! with due dates and cumulative targets, its close-ups on early milestones, kit stock with the
//! probability of a stock-out, and good output per workday.

use jiff::ToSpan;
use jiff::civil::Date;

use super::{
    Axis, BLUE, BLUE_BAND, ChartKind, ChartSpec, DUE, GREEN, GREEN_BAND, GREY, Key, KeyShape,
    Marker, PALETTE, Point, Rule, Series, Style, band_of, closed_spans, day_number, due_marker,
    fan_values, nice_ceiling,
};
use crate::html::Target;
use crate::view::format::{format_date, thousands, trim_float};
use crate::view::report::{MilestoneView, ReportView};

/// The cursor group of the charts over the horizon's days.
pub const HORIZON: &str = "horizon";

/// What the P10, P50 and P90 lines are: quantiles of each day over the runs, not runs.
pub const OF_EACH_DAY: &str = "of each day";

/// A close-up is drawn for a cumulative target below this share of the fan's top.
const SMALL_TARGET: f64 = 0.2;

/// The horizon's dates, or `None` without a start date.
fn days(view: &ReportView) -> Option<Vec<Date>> {
    let start = view.start?;
    (0..view.document.daily.len())
        .map(|i| start.checked_add((i as i64).days()).ok())
        .collect()
}

/// The cumulative targets of the report's milestones.
fn cumulative_targets<'a>(view: &'a ReportView) -> Vec<(&'a MilestoneView<'a>, u64)> {
    view.milestones
        .iter()
        .filter_map(|m| match m.target {
            Some(Target::Cumulative(units)) => Some((m, units)),
            _ => None,
        })
        .collect()
}

/// A target as a dashed rule, and the day its P50 reaches it as a point.
fn target_marks(spec: &mut ChartSpec, m: &MilestoneView, units: u64) {
    spec.rules.push(Rule {
        at: units as f64,
        label: format!("{}: {}", m.id.as_str(), thousands(units)),
        color: GREY.to_string(),
        dashed: true,
    });
    if let Some(p50) = m.p50 {
        spec.points.push(Point {
            x: day_number(p50),
            y: units as f64,
            label: format!("{} P50 {}", m.id.as_str(), format_date(p50, true)),
            color: BLUE.to_string(),
        });
    }
}

/// The fan of cumulative good output with due dates, cumulative targets and the day each
/// target's P50 is reached. `None` without dates.
pub fn cumulative(view: &ReportView) -> Option<ChartSpec> {
    let d = view.document;
    let dates = days(view)?;
    let mut spec = ChartSpec::new(
        "cumulative",
        ChartKind::ForecastFan,
        "Cumulative good output over time: P10 to P90 band and P50 of each day, with due dates",
        Axis::date("date"),
        Axis::count("good units, cumulative"),
    )
    .height(360);
    spec.sync = Some(HORIZON.to_string());
    spec.x_values = dates.iter().map(|&date| day_number(date)).collect();
    spec.fan(
        OF_EACH_DAY,
        BLUE,
        BLUE_BAND,
        fan_values(d.daily.iter().map(|day| Some(&day.cumulative))),
    );
    for m in &view.milestones {
        if let Some(due) = m.due {
            spec.markers.push(due_marker(m.id.as_str(), due));
        }
    }
    if let Some(as_of) = view.as_of {
        spec.markers.push(Marker {
            at: day_number(as_of),
            label: format!("actuals to {}", format_date(as_of, false)),
            color: GREY.to_string(),
            dashed: true,
        });
    }
    for (m, units) in cumulative_targets(view) {
        target_marks(&mut spec, m, units);
    }
    closed_spans(&mut spec, &view.closed_periods);
    Some(spec)
}

/// Close-ups of the fan on the cumulative targets too small to see on the whole horizon's
/// scale (the 48-car pilot under a 5,000-car ramp): from the start to a little past the
/// target's due date and P90, with the target at about two thirds of the height.
pub fn close_ups(view: &ReportView) -> Vec<ChartSpec> {
    let d = view.document;
    let Some(dates) = days(view) else {
        return Vec::new();
    };
    let top = d
        .daily
        .iter()
        .map(|day| day.cumulative.p90)
        .max()
        .unwrap_or(0) as f64;
    let mut specs = Vec::new();
    for (index, (m, units)) in cumulative_targets(view).into_iter().enumerate() {
        if units as f64 >= top * SMALL_TARGET || units == 0 {
            continue;
        }
        // To the latest of its due date, P90 and the day the P90 line reaches it, plus a fifth.
        let reached = d.daily.iter().position(|day| day.cumulative.p10 >= units);
        let last = [m.due, m.p90]
            .into_iter()
            .flatten()
            .map(|date| (date - dates[0]).get_days().max(0) as usize)
            .chain(reached)
            .max()
            .unwrap_or(dates.len() / 4);
        let end = (last + last / 5 + 7).min(dates.len());
        let mut spec = ChartSpec::new(
            &format!("close-up-{index}"),
            ChartKind::FanCloseUp,
            &format!(
                "Close-up of cumulative good output on {} ({} units)",
                m.id.as_str(),
                thousands(units)
            ),
            Axis::date("date"),
            Axis::count("good units, cumulative")
                .range(Some(0.0), Some(nice_ceiling(units as f64 * 1.5))),
        )
        .height(260);
        spec.x_values = dates[..end].iter().map(|&date| day_number(date)).collect();
        spec.fan(
            OF_EACH_DAY,
            BLUE,
            BLUE_BAND,
            fan_values(d.daily[..end].iter().map(|day| Some(&day.cumulative))),
        );
        if let Some(due) = m
            .due
            .filter(|due| (*due - dates[0]).get_days() < end as i32)
        {
            spec.markers.push(due_marker(m.id.as_str(), due));
        }
        target_marks(&mut spec, m, units);
        closed_spans(&mut spec, &clip(&view.closed_periods, dates[end - 1]));
        specs.push(spec);
    }
    specs
}

/// `periods` cut at the end of `last`.
fn clip(periods: &[(Date, Date)], last: Date) -> Vec<(Date, Date)> {
    let after = last.tomorrow().unwrap_or(last);
    periods
        .iter()
        .filter(|(from, _)| *from <= last)
        .map(|&(from, to)| (from, to.min(after)))
        .collect()
}

/// Kits in stock at the end of each day: per kit its P50 and P10–P90 band. `None` without
/// dates or kits.
pub fn kits(view: &ReportView) -> Option<ChartSpec> {
    let d = view.document;
    if d.kits.ids.is_empty() {
        return None;
    }
    let dates = days(view)?;
    let mut spec = ChartSpec::new(
        "kits",
        ChartKind::KitStock,
        "Kits in stock at the end of each day: P10 to P90 band and P50 of each day per kit",
        Axis::date("date"),
        Axis::count("kits in stock"),
    )
    .height(280);
    spec.sync = Some(HORIZON.to_string());
    spec.x_values = dates.iter().map(|&date| day_number(date)).collect();
    for (k, id) in d.kits.ids.iter().enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        spec.fan(
            &format!("{id} {OF_EACH_DAY}"),
            color,
            &band_of(color),
            fan_values(d.daily.iter().map(|day| day.kit_stock.get(k))),
        );
    }
    closed_spans(&mut spec, &view.closed_periods);
    Some(spec)
}

/// The share of runs waiting for kits on each day, on a scale of its own. `None` when no run
/// ran out, or without dates.
pub fn stockouts(view: &ReportView) -> Option<ChartSpec> {
    let d = view.document;
    if !d.daily.iter().any(|day| day.stockout_probability > 0.0) {
        return None;
    }
    let dates = days(view)?;
    let mut spec = ChartSpec::new(
        "stockouts",
        ChartKind::Stockout,
        "Share of runs with a kit stock-out on each day",
        Axis::date("date"),
        Axis::count("% of runs").unit("%").range(Some(0.0), None),
    )
    .height(160);
    spec.sync = Some(HORIZON.to_string());
    spec.x_values = dates.iter().map(|&date| day_number(date)).collect();
    spec.push(Series::new(
        "runs waiting for kits",
        DUE,
        Style::Bars,
        d.daily
            .iter()
            .map(|day| Some((day.stockout_probability * 1000.0).round() / 10.0))
            .collect(),
    ));
    Some(spec)
}

/// Good units per workday (days off left out) with the rate targets. `None` without dates.
pub fn daily(view: &ReportView) -> Option<ChartSpec> {
    let d = view.document;
    let dates = days(view)?;
    let mut spec = ChartSpec::new(
        "daily",
        ChartKind::DailyOutput,
        "Good units per workday: P10 to P90 band and P50 of each day",
        Axis::date("date"),
        Axis::count("good units per workday"),
    )
    .height(280);
    spec.sync = Some(HORIZON.to_string());
    let workdays: Vec<usize> = (0..d.daily.len()).filter(|&i| d.daily[i].workday).collect();
    spec.x_values = workdays.iter().map(|&i| day_number(dates[i])).collect();
    spec.fan(
        OF_EACH_DAY,
        GREEN,
        GREEN_BAND,
        fan_values(workdays.iter().map(|&i| Some(&d.daily[i].good))),
    );
    for m in &view.milestones {
        if let Some(Target::Rate { per_day, window }) = m.target {
            spec.rules.push(Rule {
                at: per_day,
                label: format!(
                    "{}: {} a workday over {window} workdays",
                    m.id.as_str(),
                    trim_float(per_day)
                ),
                color: GREY.to_string(),
                dashed: true,
            });
        }
    }
    if !spec.rules.is_empty() {
        spec.keys.push(Key {
            label: "rate target".to_string(),
            color: GREY.to_string(),
            shape: KeyShape::Dashed,
        });
    }
    closed_spans(&mut spec, &view.closed_periods);
    Some(spec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::test_support::{document, targets, view};
    use jiff::civil::date;

    #[test]
    fn the_fan_is_ordered_and_its_due_marker_stands_at_the_due_date() {
        let d = document();
        let targets = targets();
        let view = view(&d, &targets);
        let spec = cumulative(&view).unwrap();
        assert_eq!(spec.x_values.len(), d.daily.len());
        assert_eq!(spec.x_values[0], day_number(date(2024, 1, 1)));
        let p10 = &spec.series_named("P10 of each day").unwrap().values;
        let p50 = &spec.series_named("P50 of each day").unwrap().values;
        let p90 = &spec.series_named("P90 of each day").unwrap().values;
        for i in 0..spec.x_values.len() {
            let (a, b, c) = (p10[i].unwrap(), p50[i].unwrap(), p90[i].unwrap());
            assert!(a <= b && b <= c, "day {i}: {a} {b} {c}");
        }
        // The output grows: the last day's P50 is the document's.
        assert_eq!(
            p50.last().unwrap().unwrap(),
            d.daily.last().unwrap().cumulative.p50 as f64
        );
        assert!(p50.last().unwrap().unwrap() > 400.0);
        assert_eq!(spec.bands.len(), 1);
        assert_eq!(spec.series[spec.bands[0].lower].label, "P10 of each day");
        // Due markers at the due dates, labelled.
        let pilot = spec
            .markers
            .iter()
            .find(|m| m.label == "pilot due 19 Jan")
            .unwrap();
        assert_eq!(pilot.at, day_number(date(2024, 1, 19)));
        assert_eq!(pilot.color, DUE);
        assert!(spec.markers.iter().any(|m| m.label == "rate due 29 Feb"));
        // The pilot's target, and the day its P50 is reached on it.
        assert_eq!(spec.rules.len(), 1);
        assert_eq!(spec.rules[0].at, 48.0);
        assert_eq!(spec.rules[0].label, "pilot: 48");
        let p50_date = view.milestones[0].p50.unwrap();
        assert_eq!(spec.points[0].x, day_number(p50_date));
        // The shutdown of 12–18 Feb is shaded (with the weekends around it).
        assert!(
            spec.spans
                .iter()
                .any(|s| s.from <= day_number(date(2024, 2, 12))
                    && s.to >= day_number(date(2024, 2, 19)))
        );
        assert_eq!(spec.sync.as_deref(), Some(HORIZON));
    }

    #[test]
    fn a_small_target_gets_a_close_up_on_its_own_scale() {
        let d = document();
        let targets = targets();
        let view = view(&d, &targets);
        let close_ups = close_ups(&view);
        assert_eq!(
            close_ups.len(),
            1,
            "48 units under a fan of several hundred"
        );
        let spec = &close_ups[0];
        assert_eq!(spec.y.max, Some(80.0), "48 × 1.5 rounded up");
        assert!(spec.title.contains("pilot (48 units)"));
        // It ends a little past the due date and the P90, well before the horizon's end.
        let last = *spec.x_values.last().unwrap();
        let p90 = day_number(view.milestones[0].p90.unwrap());
        assert!(last > p90 && last > day_number(date(2024, 1, 19)));
        assert!(spec.x_values.len() < d.daily.len() / 2);
        assert_eq!(spec.markers.len(), 1);
        // Without targets there is nothing to close in on.
        assert!(super::close_ups(&super::super::test_support::view(&d, &[])).is_empty());
    }

    #[test]
    fn daily_output_leaves_days_off_out_and_draws_the_rate_target() {
        let d = document();
        let targets = targets();
        let view = view(&d, &targets);
        let spec = daily(&view).unwrap();
        let workdays = d.daily.iter().filter(|day| day.workday).count();
        assert_eq!(spec.x_values.len(), workdays);
        assert_eq!(spec.rules[0].at, 10.0);
        assert_eq!(spec.rules[0].label, "rate: 10 a workday over 5 workdays");
        let kits = kits(&view).unwrap();
        assert_eq!(kits.series.len(), 3);
        assert_eq!(kits.series[1].label, "P50 skd of each day");
    }
}

//! The distribution of the date each milestone is reached: bars of the share of runs reaching
//! it in each day, week or four weeks (one bin width for every milestone of a report, so their
//! bars read alike), stacked on time and late, with the due date and the P10–P90 span.

use jiff::ToSpan;
use jiff::civil::Date;

use super::{Axis, ChartKind, ChartSpec, GREY, Key, KeyShape, Marker, Series, Span, Style};
use super::{day_number, due_marker};
use crate::view::format::format_date;
use crate::view::report::{MilestoneView, ReportView};

const ON_TIME: &str = "#2da44e";
const LATE: &str = "#e8833a";
const SPREAD: &str = "#e3ecf7";

/// The bin width in days shared by the report's histograms: a day while every milestone's
/// dates (and due date) lie within six weeks, else a week, else four weeks past 420 days.
pub fn bin_days(view: &ReportView) -> i64 {
    let widest = view
        .milestones
        .iter()
        .filter_map(|m| {
            let dates = || m.distribution.iter().map(|(date, _)| *date).chain(m.due);
            Some((dates().max()? - dates().min()?).get_days())
        })
        .max()
        .unwrap_or(0);
    match widest {
        0..=42 => 1,
        43..=420 => 7,
        _ => 28,
    }
}

/// What a bin is called on the axis.
fn per(bin: i64) -> &'static str {
    match bin {
        1 => "day",
        7 => "week",
        _ => "4 weeks",
    }
}

/// The first day of the bin holding `date`: weeks start on Mondays.
fn bin_start(date: Date, bin: i64) -> Date {
    if bin == 1 {
        return date;
    }
    let monday = date
        .checked_sub(i64::from(date.weekday().to_monday_zero_offset()).days())
        .unwrap_or(date);
    if bin == 7 {
        return monday;
    }
    // Four-week bins count from the Monday of 5 January 1970's week.
    let weeks = (day_number(monday) as i64 - 4).div_euclid(7);
    monday
        .checked_sub((weeks.rem_euclid(4) * 7).days())
        .unwrap_or(monday)
}

/// The histogram of milestone `m` (number `index` of the report) with bins of `bin` days;
/// `None` when no run reaches it.
pub fn histogram(
    view: &ReportView,
    m: &MilestoneView,
    index: usize,
    bin: i64,
) -> Option<ChartSpec> {
    let runs = view.document.replications.max(1) as f64;
    let first = m
        .distribution
        .iter()
        .map(|(date, _)| *date)
        .chain(m.due)
        .min()?;
    let last = m
        .distribution
        .iter()
        .map(|(date, _)| *date)
        .chain(m.due)
        .max()?;
    if m.distribution.is_empty() {
        return None;
    }
    // One bin of room either side.
    let base = bin_start(first, bin).checked_sub(bin.days()).ok()?;
    let n_bins = ((last - base).get_days() as i64).div_euclid(bin) as usize + 2;
    let mut on_time = vec![0u64; n_bins];
    let mut late = vec![0u64; n_bins];
    for &(date, count) in &m.distribution {
        let i = ((date - base).get_days() as i64).div_euclid(bin) as usize;
        if m.due.is_none_or(|due| date <= due) {
            on_time[i] += count;
        } else {
            late[i] += count;
        }
    }
    let unit = per(bin);
    let mut spec = ChartSpec::new(
        &format!("histogram-{index}"),
        ChartKind::Histogram,
        &format!(
            "Distribution of the date {} is reached: share of runs per {unit}",
            m.id.as_str()
        ),
        Axis::date(match bin {
            1 => "date",
            _ => "date (bars start on Mondays)",
        }),
        Axis::count(&format!("% of runs per {unit}")).unit("%"),
    )
    .height(230);
    spec.x_values = (0..n_bins)
        .map(|i| day_number(base) + (i as i64 * bin) as f64)
        .collect();
    let share = |counts: &[u64]| -> Vec<Option<f64>> {
        counts
            .iter()
            .map(|&c| Some((c as f64 / runs * 1000.0).round() / 10.0))
            .collect()
    };
    spec.push(Series::new("on time", ON_TIME, Style::Bars, share(&on_time)).stacked("runs"));
    if m.due.is_some() {
        spec.push(Series::new("late", LATE, Style::Bars, share(&late)).stacked("runs"));
    }
    if let Some(due) = m.due {
        // The due day's bar ends with it: the marker stands at the start of the next day.
        let mut marker = due_marker(m.id.as_str(), due);
        marker.at += 1.0;
        spec.markers.push(marker);
    }
    if let Some(p50) = m.p50 {
        spec.markers.push(Marker {
            at: day_number(p50) + 0.5,
            label: format!("P50 {}", format_date(p50, false)),
            color: GREY.to_string(),
            dashed: true,
        });
    }
    if let (Some(p10), Some(p90)) = (m.p10, m.p90) {
        spec.spans.push(Span {
            from: day_number(p10),
            to: day_number(p90) + 1.0,
            label: format!(
                "P10–P90 {} – {}",
                format_date(p10, true),
                format_date(p90, true)
            ),
            color: SPREAD.to_string(),
        });
        spec.keys.push(Key {
            label: "P10–P90".to_string(),
            color: SPREAD.to_string(),
            shape: KeyShape::Box,
        });
    }
    Some(spec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weeks_start_on_mondays() {
        // 3 January 2024 is a Wednesday.
        assert_eq!(bin_start(date(2024, 1, 3), 7), date(2024, 1, 1));
        assert_eq!(bin_start(date(2024, 1, 1), 7), date(2024, 1, 1));
        assert_eq!(bin_start(date(2024, 1, 3), 1), date(2024, 1, 3));
        let four = bin_start(date(2024, 1, 3), 28);
        assert_eq!(four.weekday(), jiff::civil::Weekday::Monday);
        assert!(four <= date(2024, 1, 3) && (date(2024, 1, 3) - four).get_days() < 28);
        assert_eq!(bin_start(four, 28), four);
    }
}

#[cfg(test)]
mod report_tests {
    use super::*;
    use crate::charts::test_support::{document, targets, view};

    #[test]
    fn bars_add_up_to_the_runs_that_reach_the_milestone() {
        let d = document();
        let targets = targets();
        let view = view(&d, &targets);
        let bin = bin_days(&view);
        assert_eq!(
            bin, 7,
            "the rate milestone's dates span more than six weeks"
        );
        for (index, m) in view.milestones.iter().enumerate() {
            let spec = histogram(&view, m, index, bin).unwrap();
            let total: f64 = spec
                .series
                .iter()
                .flat_map(|s| s.values.iter().flatten())
                .sum();
            let reached = m.document.reached_fraction * 100.0;
            assert!((total - reached).abs() < 0.6, "{total} vs {reached}");
            // Weekly bins start on Mondays.
            for &x in &spec.x_values {
                assert_eq!((x as i64 - 4).rem_euclid(7), 0, "day {x} is not a Monday");
            }
            assert_eq!(spec.y.label, "% of runs per week");
            // The due marker at the end of the due day, the P10–P90 span around the P50.
            let due = day_number(m.due.unwrap()) + 1.0;
            assert!(
                spec.markers
                    .iter()
                    .any(|k| k.at == due && k.color == super::super::DUE)
            );
            let span = &spec.spans[0];
            assert!(
                span.from <= day_number(m.p50.unwrap()) && span.to > day_number(m.p50.unwrap())
            );
        }
    }
}

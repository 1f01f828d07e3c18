//! The distribution of the date a milestone is reached: stacked bars of runs on time and late
//! per day, week or fortnight, the due date, and the P10–P90 bracket with the median.

use super::{Plot, date_of_day, day_number, empty_svg, nice_axis, weekday_of_day, write_svg};
use crate::view::format::{format_date, thousands, trim_float};
use crate::view::report::{MilestoneView, ReportView};

/// The histogram of milestone `m`.
pub fn histogram(view: &ReportView, m: &MilestoneView) -> String {
    let d = view.document;
    let runs = d.replications.max(1) as f64;
    let days: Vec<(i64, u64)> = m
        .distribution
        .iter()
        .map(|&(date, count)| (day_number(date), count))
        .collect();
    let due = m.due.map(day_number);
    let mut lo = days.iter().map(|(e, _)| *e).chain(due).min();
    let mut hi = days.iter().map(|(e, _)| *e).chain(due).max();
    if lo.is_none() {
        lo = view.start.map(day_number);
        hi = lo.map(|s| s + d.horizon_days as i64);
    }
    let (Some(lo), Some(hi)) = (lo, hi) else {
        return empty_svg("no dates");
    };
    let span = hi - lo;
    let bin: i64 = if span <= 42 {
        1
    } else if span <= 210 {
        7
    } else {
        14
    };
    let base = if bin == 1 {
        lo
    } else {
        lo - weekday_of_day(lo)
    };
    let n_bins = ((hi - base).div_euclid(bin) + 1) as usize;
    let mut on_time = vec![0u64; n_bins];
    let mut late = vec![0u64; n_bins];
    for &(e, count) in &days {
        let i = (e - base).div_euclid(bin) as usize;
        if due.is_none_or(|due| e <= due) {
            on_time[i] += count;
        } else {
            late[i] += count;
        }
    }
    let max_share = (0..n_bins)
        .map(|i| (on_time[i] + late[i]) as f64 / runs)
        .fold(0.0, f64::max);
    let (y_top, y_step) = if days.is_empty() {
        (100.0, 20.0)
    } else {
        nice_axis((max_share * 100.0 * 1.1).clamp(1.0, 100.0))
    };
    let plot = Plot {
        w: 470.0,
        h: 250.0,
        left: 48.0,
        right: 14.0,
        top: 48.0,
        bottom: 44.0,
        x0: (base - bin) as f64,
        x1: (base + (n_bins as i64 + 1) * bin) as f64,
        y0: 0.0,
        y1: y_top,
    };
    let mut svg = String::new();
    plot.open(
        &mut svg,
        &format!("Distribution of the date {} is reached", m.id.as_str()),
    );
    let unit = match bin {
        1 => "% of runs per day",
        7 => "% of runs per week",
        _ => "% of runs per 2 weeks",
    };
    plot.y_grid(&mut svg, y_step, unit, trim_float);
    if span <= 70 {
        plot.week_axis(&mut svg, bin == 1);
    } else {
        plot.month_axis(&mut svg);
    }
    if days.is_empty() {
        write_svg(
            &mut svg,
            format_args!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"muted\">not reached in any run</text>\n",
                (plot.left + plot.w - plot.right) / 2.0,
                (plot.top + plot.h - plot.bottom) / 2.0
            ),
        );
    }
    for i in 0..n_bins {
        let from = (base + i as i64 * bin) as f64;
        let x = plot.x(from) + 0.5;
        let width = (plot.x(from + bin as f64) - plot.x(from) - 1.0).max(1.0);
        let mut level = 0.0;
        for (count, class, what) in [
            (on_time[i], "ontime", "on time"),
            (late[i], "latebar", "late"),
        ] {
            if count == 0 {
                continue;
            }
            let share = count as f64 / runs * 100.0;
            let y_hi = plot.y(level + share);
            let y_lo = plot.y(level);
            write_svg(
                &mut svg,
                format_args!(
                    "<rect x=\"{x:.1}\" y=\"{y_hi:.1}\" width=\"{width:.1}\" height=\"{:.1}\" class=\"{class}\"><title>{}{}: {} runs ({share:.1}%) {what}</title></rect>\n",
                    (y_lo - y_hi).max(0.5),
                    format_date(date_of_day(base + i as i64 * bin), true),
                    if bin > 1 {
                        format!(
                            " – {}",
                            format_date(date_of_day(base + (i as i64 + 1) * bin - 1), true)
                        )
                    } else {
                        String::new()
                    },
                    thousands(count)
                ),
            );
            level += share;
        }
    }
    if let Some(due) = due {
        let x = plot.x((due + 1) as f64);
        let right_side = x < plot.left + (plot.w - plot.left - plot.right) * 0.6;
        write_svg(
            &mut svg,
            format_args!(
                "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"due\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\" class=\"duelabel halo\">due {}</text>\n",
                plot.top - 16.0,
                plot.h - plot.bottom,
                if right_side { x + 4.0 } else { x - 4.0 },
                plot.top - 6.0,
                if right_side { "start" } else { "end" },
                format_date(date_of_day(due), false)
            ),
        );
    }
    // P10–P90 bracket with the median dot, above the bars.
    if let Some(p50) = m.p50.map(day_number) {
        let y = 14.0;
        let x10 = m
            .p10
            .map_or(plot.left, |e| plot.x(day_number(e) as f64 + 0.5));
        let x90 = m
            .p90
            .map_or(plot.w - plot.right, |e| plot.x(day_number(e) as f64 + 0.5));
        let x50 = plot.x(p50 as f64 + 0.5);
        write_svg(
            &mut svg,
            format_args!(
                "<path d=\"M{x10:.1} {:.1}V{:.1}M{x10:.1} {y:.1}H{x90:.1}M{x90:.1} {:.1}V{:.1}\" class=\"bracket\"/>\
                 <circle cx=\"{x50:.1}\" cy=\"{y:.1}\" r=\"4\" class=\"p50dot\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" class=\"small\">P50 {}</text>\n",
                y - 4.0,
                y + 4.0,
                y - 4.0,
                y + 4.0,
                x90 + 6.0,
                y + 4.0,
                format_date(date_of_day(p50), false)
            ),
        );
    }
    svg.push_str("</svg>\n");
    svg
}

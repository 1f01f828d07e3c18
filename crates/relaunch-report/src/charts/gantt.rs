//! The programme's Gantt chart: one row per task in file order, a bar from its start P50 to its
//! finish P50 shaded by criticality, whiskers to its finish P10 and P90 (and its start P10 and
//! P90 when they differ), the due dates of task milestones as red lines with a mark on their
//! task's row, over the date axis of the other charts.

use jiff::civil::Date;

use super::{DUE, DueLine, GREY, Legend, date_of_day, day_frame, day_number, esc, fit, write_svg};
use crate::view::format::long_date;
use crate::view::programme::{DateFan, ProgrammeView, TaskDue, TaskView};
use crate::words::percent;

/// Height of a task's row and of its bar.
const ROW: f64 = 28.0;
const BAR: f64 = 14.0;
/// The colours criticality is shaded between: never critical … always critical.
const CALM: (f64, f64, f64) = (200.0, 214.0, 229.0);
const CRITICAL: (f64, f64, f64) = (179.0, 38.0, 30.0);
/// Half-open date ranges.
type Periods = Vec<(Date, Date)>;
/// The fill of the days before the first planned shift.
const IDLE: &str = "#f6f1e4";

/// The fill of a bar critical in `share` of the runs.
pub fn shade(share: f64) -> String {
    let t = share.clamp(0.0, 1.0);
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(CALM.0, CRITICAL.0),
        mix(CALM.1, CRITICAL.1),
        mix(CALM.2, CRITICAL.2)
    )
}

/// The Gantt chart of `programme`; `closed` are the plant's closed periods, `horizon` the
/// first and last days of the forecast.
pub fn gantt(
    programme: &ProgrammeView,
    closed: &[(Date, Date)],
    horizon: Option<(Date, Date)>,
) -> String {
    let drawn: Vec<(usize, &TaskView, DateFan, DateFan)> = programme
        .tasks
        .iter()
        .enumerate()
        .filter_map(|(row, task)| Some((row, task, task.start?, task.finish?)))
        .collect();
    if drawn.is_empty() {
        return super::empty_svg("No task dates to draw.");
    }
    let (x0, x1) = span(&drawn, programme, horizon);
    // A due date is drawn at the end of its day.
    let dues: Vec<&TaskDue> = programme
        .dues
        .iter()
        .filter(|d| (x0..x1).contains(&day_number(d.due)))
        .collect();
    let (idle, closed) = periods(closed, horizon.map(|h| h.0), x0, x1);

    let mut legend = Legend::new(64.0, 14.0, 944.0);
    if !idle.is_empty() {
        legend.band(IDLE, "no shift planned yet");
    }
    legend.plant_closed(&closed);
    legend.band(&shade(0.0), "never critical");
    legend.band(&shade(0.5), "critical in half the runs");
    legend.band(&shade(1.0), "always critical");
    legend.line("#1f2328", "finish P10–P90", false);
    legend.line(GREY, "start P10–P90", true);
    if !dues.is_empty() {
        legend.line(DUE, "due date of a task milestone", false);
    }
    // Room above the rows for the due dates' labels.
    let labels = if dues.is_empty() {
        0.0
    } else {
        8.0 + 15.0 * dues.len().min(3) as f64
    };
    let rows = programme.tasks.len() as f64;
    let mut plot = day_frame(&legend, x0, x1, rows, labels + rows * ROW + 44.0, 0.0);
    let widest = programme
        .tasks
        .iter()
        .map(|t| super::text_width(t.id.as_str()) * 13.0 / 12.0)
        .fold(0.0, f64::max);
    plot.left = (widest + 16.0).clamp(64.0, 240.0);
    let mut svg = String::new();
    plot.open(
        &mut svg,
        "Gantt chart of the programme: each task from its start P50 to its finish P50, whiskers to \
         P10 and P90, shaded by criticality",
    );
    svg.push_str(&legend.svg);
    plot.shaded_periods(&mut svg, &idle, IDLE, "no shift planned");
    plot.closed_periods(&mut svg, &closed);
    plot.time_axis(&mut svg);
    // Dates past the right edge are drawn on it.
    let right = plot.w - plot.right;
    let at = |day: i64| plot.x(day.clamp(x0, x1) as f64);
    let start_of = |date: Date| at(day_number(date));
    let end_of = |date: Date| at(day_number(date) + 1);
    let centre = |row: usize| plot.top + labels + row as f64 * ROW + ROW / 2.0;
    for &(row, task, start, finish) in &drawn {
        let y = centre(row);
        let criticality = task.document.criticality;
        write_svg(
            &mut svg,
            format_args!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"station\">{}</text>\n",
                plot.left - 8.0,
                y + 4.5,
                esc(&fit(task.id.as_str(), plot.left - 14.0, 13.0))
            ),
        );
        let (xa, xb) = (start_of(start.p50).min(right - 2.0), end_of(finish.p50));
        write_svg(
            &mut svg,
            format_args!(
                "<rect x=\"{xa:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{BAR}\" fill=\"{}\" \
                 stroke=\"#57606a\" stroke-width=\"0.6\" class=\"task\"><title>{}</title></rect>\n",
                y - BAR / 2.0,
                (xb - xa).max(2.0),
                shade(criticality),
                esc(&title(task, start, finish))
            ),
        );
        if start.p10 != start.p90 {
            let open = day_number(start.p90) > x1;
            let (from, to) = (start_of(start.p10), start_of(start.p90));
            whisker(&mut svg, "start", (from, to), open, y, GREY);
        }
        if finish.p10 != finish.p90 {
            let open = day_number(finish.p90) >= x1;
            let (from, to) = (end_of(finish.p10), end_of(finish.p90));
            whisker(&mut svg, "finish", (from, to), open, y, "#1f2328");
        }
        if day_number(finish.p90) < x1 {
            write_svg(
                &mut svg,
                format_args!(
                    "<text x=\"{:.1}\" y=\"{:.1}\" class=\"small\">{}</text>\n",
                    end_of(finish.p90).max(xb) + 6.0,
                    y + 4.0,
                    esc(&percent(criticality))
                ),
            );
        } else {
            clipped(&mut svg, task, start, finish, right, y);
        }
    }
    let lines: Vec<DueLine> = dues
        .iter()
        .map(|d| DueLine::new(&d.milestone, d.due))
        .collect();
    plot.due_lines(&mut svg, &lines);
    for due in &dues {
        let (x, y) = (end_of(due.due), centre(due.task));
        write_svg(
            &mut svg,
            format_args!(
                "<path d=\"M{x:.1} {:.1} L{:.1} {y:.1} L{x:.1} {:.1} L{:.1} {y:.1} Z\" fill=\"{DUE}\" \
                 class=\"duemark\"><title>{} due {}</title></path>\n",
                y - 6.0,
                x + 6.0,
                y + 6.0,
                x - 6.0,
                esc(&due.milestone),
                long_date(due.due)
            ),
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// The chart's days as day numbers `[x0, x1)`: from the horizon's first day to the day after
/// the latest finish P90 or due date, with a margin, but at most a tenth of the horizon past its
/// end, where later dates are cut; without a horizon (a malformed document), the dates' span.
fn span(
    drawn: &[(usize, &TaskView, DateFan, DateFan)],
    programme: &ProgrammeView,
    horizon: Option<(Date, Date)>,
) -> (i64, i64) {
    let dues = || programme.dues.iter().map(|d| day_number(d.due));
    let first = drawn
        .iter()
        .map(|(_, _, start, _)| day_number(start.p10))
        .chain(dues())
        .min()
        .unwrap_or(0);
    let last = drawn
        .iter()
        .map(|(_, _, _, finish)| day_number(finish.p90) + 1)
        .chain(dues().map(|due| due + 1))
        .max()
        .unwrap_or(first + 1);
    let Some((start, end)) = horizon else {
        let pad = ((last - first) / 40).max(1);
        return (first - pad, last + pad);
    };
    let x0 = day_number(start);
    let after_end = day_number(end) + 1;
    let limit = after_end + ((after_end - x0) / 10).max(1);
    let last = last.clamp(x0 + 1, limit);
    (x0, (last + ((last - x0) / 40).max(1)).min(limit))
}

/// The plant's `closed` periods cut to the chart's days `[x0, x1)`: the one that begins on the
/// horizon's `first` day apart (the days before the first planned shift, when the programme
/// runs and the line has not started), then the others.
fn periods(closed: &[(Date, Date)], first: Option<Date>, x0: i64, x1: i64) -> (Periods, Periods) {
    let cut = |&(from, to): &(Date, Date)| {
        let (from, to) = (day_number(from).max(x0), day_number(to).min(x1));
        (from < to).then(|| (date_of_day(from), date_of_day(to)))
    };
    let leading = closed.first().filter(|p| Some(p.0) == first);
    let others = &closed[usize::from(leading.is_some())..];
    (
        leading.and_then(cut).into_iter().collect(),
        others.iter().filter_map(cut).collect(),
    )
}

/// The mark of a task whose finish P90 lies past the chart's right edge at `right`: an arrow
/// head on the edge and the date it reaches, with its criticality.
fn clipped(svg: &mut String, task: &TaskView, start: DateFan, finish: DateFan, right: f64, y: f64) {
    write_svg(
        svg,
        format_args!(
            "<path d=\"M{:.1} {:.1} L{right:.1} {y:.1} L{:.1} {:.1} Z\" fill=\"#1f2328\" \
             class=\"clipped\"><title>{}</title></path>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"small halo\">{} · finish P90 \
             {} →</text>\n",
            right - 8.0,
            y - 6.0,
            right - 8.0,
            y + 6.0,
            esc(&title(task, start, finish)),
            right - 12.0,
            y + 4.0,
            esc(&percent(task.document.criticality)),
            long_date(finish.p90)
        ),
    );
}

/// A horizontal line from `from` to `to` at `y` with end caps, but none at an `open` end cut
/// at the chart's edge; nothing when it lies wholly past the edge.
fn whisker(svg: &mut String, kind: &str, (from, to): (f64, f64), open: bool, y: f64, color: &str) {
    if from >= to {
        return;
    }
    let dash = if kind == "start" {
        " stroke-dasharray=\"3 2\""
    } else {
        ""
    };
    let cap = |x: f64| format!(" M{x:.1} {:.1} V{:.1}", y - 5.0, y + 5.0);
    let end_cap = if open { String::new() } else { cap(to) };
    write_svg(
        svg,
        format_args!(
            "<path d=\"{} M{from:.1} {y:.1} H{to:.1}{end_cap}\" fill=\"none\" stroke=\"{color}\" \
             stroke-width=\"1.4\"{dash} class=\"whisker {kind}\"/>\n",
            cap(from).trim_start(),
        ),
    );
}

/// The tooltip of a task's bar.
fn title(task: &TaskView, start: DateFan, finish: DateFan) -> String {
    format!(
        "{}: starts {} (P10–P90 {} to {}), finishes {} (P10–P90 {} to {}), on the critical \
         chain in {} of runs",
        task.id.as_str(),
        long_date(start.p50),
        long_date(start.p10),
        long_date(start.p90),
        long_date(finish.p50),
        long_date(finish.p10),
        long_date(finish.p90),
        percent(task.document.criticality)
    )
}

//! The programme's Gantt chart: one row per task in file order, a bar from its start P50 to its
//! finish P50 shaded by criticality, whiskers to its finish P10 and P90 (and its start P10 and
//! P90 when they differ), the due dates of task milestones as red lines with a mark on their
//! task's row, over the date axis of the other charts.

use jiff::civil::Date;

use super::{DUE, DueLine, GREY, Legend, day_frame, day_number, esc, fit, write_svg};
use crate::view::format::long_date;
use crate::view::programme::{DateFan, ProgrammeView, TaskView};
use crate::words::percent;

/// Height of a task's row and of its bar.
const ROW: f64 = 28.0;
const BAR: f64 = 14.0;
/// The colours criticality is shaded between: never critical … always critical.
const CALM: (f64, f64, f64) = (200.0, 214.0, 229.0);
const CRITICAL: (f64, f64, f64) = (179.0, 38.0, 30.0);

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

/// The Gantt chart of `programme`; `closed` are the plant's closed periods.
pub fn gantt(programme: &ProgrammeView, closed: &[(Date, Date)]) -> String {
    let drawn: Vec<(usize, &TaskView, DateFan, DateFan)> = programme
        .tasks
        .iter()
        .enumerate()
        .filter_map(|(row, task)| Some((row, task, task.start?, task.finish?)))
        .collect();
    if drawn.is_empty() {
        return super::empty_svg("No task dates to draw.");
    }
    // From the earliest start P10 to the day after the latest finish P90 or due date.
    let first = drawn
        .iter()
        .map(|(_, _, start, _)| day_number(start.p10))
        .chain(programme.dues.iter().map(|d| day_number(d.due)))
        .min()
        .unwrap_or(0);
    let last = drawn
        .iter()
        .map(|(_, _, _, finish)| day_number(finish.p90) + 1)
        .chain(programme.dues.iter().map(|d| day_number(d.due) + 1))
        .max()
        .unwrap_or(first + 1);
    let pad = ((last - first) / 40).max(1);

    let mut legend = Legend::new(64.0, 14.0, 944.0);
    legend.plant_closed(closed);
    legend.band(&shade(0.0), "never critical");
    legend.band(&shade(0.5), "critical in half the runs");
    legend.band(&shade(1.0), "always critical");
    legend.line("#1f2328", "finish P10–P90", false);
    legend.line(GREY, "start P10–P90", true);
    if !programme.dues.is_empty() {
        legend.line(DUE, "due date of a task milestone", false);
    }
    // Room above the rows for the due dates' labels.
    let labels = if programme.dues.is_empty() {
        0.0
    } else {
        8.0 + 15.0 * programme.dues.len().min(3) as f64
    };
    let rows = programme.tasks.len() as f64;
    let mut plot = day_frame(
        &legend,
        first - pad,
        last + pad,
        rows,
        labels + rows * ROW + 44.0,
        0.0,
    );
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
    plot.closed_periods(&mut svg, closed);
    plot.time_axis(&mut svg);
    let end_of = |date: Date| plot.x((day_number(date) + 1) as f64);
    let start_of = |date: Date| plot.x(day_number(date) as f64);
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
        let (xa, xb) = (start_of(start.p50), end_of(finish.p50));
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
            whisker(
                &mut svg,
                "start",
                start_of(start.p10),
                start_of(start.p90),
                y,
                GREY,
            );
        }
        if finish.p10 != finish.p90 {
            whisker(
                &mut svg,
                "finish",
                end_of(finish.p10),
                end_of(finish.p90),
                y,
                "#1f2328",
            );
        }
        write_svg(
            &mut svg,
            format_args!(
                "<text x=\"{:.1}\" y=\"{:.1}\" class=\"small\">{}</text>\n",
                end_of(finish.p90).max(xb) + 6.0,
                y + 4.0,
                esc(&percent(criticality))
            ),
        );
    }
    let lines: Vec<DueLine> = programme
        .dues
        .iter()
        .map(|d| DueLine::new(&d.milestone, d.due))
        .collect();
    plot.due_lines(&mut svg, &lines);
    for due in &programme.dues {
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

/// A horizontal line from `from` to `to` at `y` with end caps.
fn whisker(svg: &mut String, kind: &str, from: f64, to: f64, y: f64, color: &str) {
    let dash = if kind == "start" {
        " stroke-dasharray=\"3 2\""
    } else {
        ""
    };
    write_svg(
        svg,
        format_args!(
            "<path d=\"M{from:.1} {:.1} V{:.1} M{from:.1} {y:.1} H{to:.1} M{to:.1} {:.1} V{:.1}\" \
             fill=\"none\" stroke=\"{color}\" stroke-width=\"1.4\"{dash} class=\"whisker {kind}\"/>\n",
            y - 5.0,
            y + 5.0,
            y - 5.0,
            y + 5.0
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

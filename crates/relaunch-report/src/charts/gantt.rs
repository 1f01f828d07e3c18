//! The programme's Gantt chart: one row per task in file order, a bar from its start P50 to its
//! finish P50 shaded by criticality, whiskers over its finish P10–P90 (and its start P10–P90
//! when they differ), the due dates of task milestones as red markers with a mark on their
//! task's row, over the horizon's dates cut a tenth past its end.
//!
//! Drawn by uPlot like every chart rather than by frappe-gantt: the chart is a forecast, not a
//! plan to edit (frappe-gantt draws one date per end, for dragging and progress), its whiskers,
//! criticality shading and due dates are a few lines of drawing, and one library keeps one date
//! axis, one cursor and one look on every page.

use jiff::civil::Date;

use super::{
    Axis, ChartKind, ChartSpec, DUE, GanttRow, Key, KeyShape, closed_spans, day_number, shaded,
};
use crate::view::format::long_date;
use crate::view::programme::{DateFan, ProgrammeView, TaskView};
use crate::words::percent;

/// The colours criticality is shaded between: never critical … always critical.
const CALM: (f64, f64, f64) = (200.0, 214.0, 229.0);
const CRITICAL: (f64, f64, f64) = (179.0, 38.0, 30.0);
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
/// first and last days of the forecast. `None` without task dates.
pub fn gantt(
    programme: &ProgrammeView,
    closed: &[(Date, Date)],
    horizon: Option<(Date, Date)>,
) -> Option<ChartSpec> {
    let drawn: Vec<(&TaskView, DateFan, DateFan)> = programme
        .tasks
        .iter()
        .filter_map(|task| Some((task, task.start?, task.finish?)))
        .collect();
    if drawn.is_empty() {
        return None;
    }
    let (x0, x1) = span(&drawn, programme, horizon);
    let mut spec = ChartSpec::new(
        "gantt",
        ChartKind::Gantt,
        "Gantt chart of the programme: each task from its start P50 to its finish P50, whiskers \
         to P10 and P90, shaded by criticality",
        Axis::date("date").range(Some(x0), Some(x1)),
        Axis::category(),
    )
    .height(70 + 30 * drawn.len() as u32);
    spec.x_values = vec![x0, x1];
    let (idle, closed) = periods(closed, horizon.map(|h| h.0), x0, x1);
    shaded(&mut spec, &idle, IDLE, "no shift planned yet");
    closed_spans(&mut spec, &closed);
    for (share, label) in [
        (0.0, "never critical"),
        (0.5, "critical in half the runs"),
        (1.0, "always critical"),
    ] {
        spec.keys.push(Key {
            label: label.to_string(),
            color: shade(share),
            shape: KeyShape::Box,
        });
    }
    spec.keys.push(Key {
        label: "finish P10–P90".to_string(),
        color: "#1f2328".to_string(),
        shape: KeyShape::Line,
    });
    spec.keys.push(Key {
        label: "start P10–P90".to_string(),
        color: "#57606a".to_string(),
        shape: KeyShape::Dashed,
    });
    for &(task, start, finish) in &drawn {
        let index = programme
            .tasks
            .iter()
            .position(|t| std::ptr::eq(t, task))
            .unwrap_or(0);
        let criticality = percent(task.document.criticality);
        // A bar runs from the start of its first day to the end of its last.
        let end = |date: Date| day_number(date) + 1.0;
        let end_label = if end(finish.p90) > x1 {
            format!("{criticality} · finish P90 {} →", long_date(finish.p90))
        } else {
            criticality
        };
        spec.rows.push(GanttRow {
            label: task.id.as_str().to_string(),
            start: [start.p10, start.p50, start.p90].map(day_number),
            finish: [finish.p10, finish.p50, finish.p90].map(end),
            color: shade(task.document.criticality),
            due: programme
                .dues
                .iter()
                .filter(|d| d.task == index)
                .map(|d| end(d.due))
                .collect(),
            end_label,
            note: title(task, start, finish),
        });
    }
    for due in &programme.dues {
        let at = day_number(due.due) + 1.0;
        if (x0..=x1).contains(&at) {
            let mut marker = super::due_marker(&due.milestone, due.due);
            marker.at = at;
            spec.markers.push(marker);
        }
    }
    if !spec.markers.is_empty() {
        spec.keys.push(Key {
            label: "due date of a task milestone".to_string(),
            color: DUE.to_string(),
            shape: KeyShape::Line,
        });
    }
    Some(spec)
}

/// The chart's days as day numbers `[x0, x1]`: from the horizon's first day to the day after
/// the latest finish P90 or due date, with a margin, but at most a tenth of the horizon past its
/// end, where later dates are cut; without a horizon (a malformed document), the dates' span.
fn span(
    drawn: &[(&TaskView, DateFan, DateFan)],
    programme: &ProgrammeView,
    horizon: Option<(Date, Date)>,
) -> (f64, f64) {
    let dues = || programme.dues.iter().map(|d| day_number(d.due));
    let first = drawn
        .iter()
        .map(|(_, start, _)| day_number(start.p10))
        .chain(dues())
        .fold(f64::INFINITY, f64::min);
    let last = drawn
        .iter()
        .map(|(_, _, finish)| day_number(finish.p90) + 1.0)
        .chain(dues().map(|due| due + 1.0))
        .fold(first + 1.0, f64::max);
    let Some((start, end)) = horizon else {
        let pad = ((last - first) / 40.0).floor().max(1.0);
        return (first - pad, last + pad);
    };
    let x0 = day_number(start);
    let after_end = day_number(end) + 1.0;
    let limit = after_end + ((after_end - x0) / 10.0).floor().max(1.0);
    let last = last.clamp(x0 + 1.0, limit);
    (
        x0,
        (last + ((last - x0) / 40.0).floor().max(1.0)).min(limit),
    )
}

/// The plant's `closed` periods cut to the chart's days: the one that begins on the horizon's
/// `first` day apart (the days before the first planned shift, when the programme runs and the
/// line has not started), then the others.
type Periods = Vec<(Date, Date)>;
fn periods(closed: &[(Date, Date)], first: Option<Date>, x0: f64, x1: f64) -> (Periods, Periods) {
    let inside = |&(from, to): &(Date, Date)| day_number(from) < x1 && day_number(to) > x0;
    let leading = closed.first().filter(|p| Some(p.0) == first);
    let others = &closed[usize::from(leading.is_some())..];
    (
        leading.filter(|p| inside(p)).copied().into_iter().collect(),
        others.iter().filter(|p| inside(p)).copied().collect(),
    )
}

/// What a row says when hovered.
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

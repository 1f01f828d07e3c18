//! The plain-text summary: first a paragraph a programme manager can paste into an email,
//! then the milestone table, the flow figures and the station table.

use std::fmt::Write;

use crate::document::{EstimateDoc, ResultDocument};

/// "71%" style percentages.
fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

fn date_or(value: &Option<String>, missing: &str) -> String {
    value.clone().unwrap_or_else(|| missing.to_string())
}

/// The "no time to read?" paragraph.
pub fn paragraph(document: &ResultDocument) -> String {
    let mut sentences = Vec::new();
    for milestone in &document.milestones {
        let mut sentence = match &milestone.p50 {
            Some(p50) => format!(
                "{} is most likely reached on {} (P10–P90: {} to {})",
                milestone.id,
                p50,
                date_or(&milestone.p10, "?"),
                date_or(&milestone.p90, "beyond the horizon"),
            ),
            None => format!(
                "{} is not reached within the horizon in most runs ({} of runs reach it)",
                milestone.id,
                percent(milestone.reached_fraction)
            ),
        };
        if let (Some(due), Some(probability)) = (&milestone.due, milestone.on_time_probability) {
            write!(
                sentence,
                ", with a {} chance of meeting its due date {}",
                percent(probability),
                due
            )
            .ok();
        }
        sentence.push('.');
        sentences.push(sentence);
    }
    if let Some(bottleneck) = &document.bottleneck
        && let Some(station) = document.stations.iter().find(|s| &s.id == bottleneck)
    {
        sentences.push(format!(
            "The bottleneck is {} (busy {}, down {} of scheduled time).",
            bottleneck,
            percent(station.busy),
            percent(station.down)
        ));
    }
    if !document.kits.ids.is_empty() {
        let stockouts = document.kits.stockout_days.mean;
        sentences.push(if stockouts >= 0.05 {
            format!("Kits run out on {stockouts:.1} workdays on average.")
        } else {
            "Kits never run short.".to_string()
        });
    }
    if let Some(localization) = &document.localization
        && let Some(last) = localization.timeline.last()
    {
        sentences.push(match (&localization.first_meets, last.threshold) {
            (Some(date), _) => format!("Localization meets its threshold from {date} ({} points at the end).", last.points),
            (None, Some(threshold)) => format!(
                "Localization does not meet its threshold within the horizon ({} of {} points at the end).",
                last.points, threshold
            ),
            (None, None) => format!("Localization reaches {} points; no threshold is in force.", last.points),
        });
    }
    let unstaffed = document.staffing.unstaffed_shifts.mean;
    if unstaffed >= 0.05 {
        sentences.push(format!(
            "Staffing gaps cancel {unstaffed:.1} planned shifts on average."
        ));
    }
    sentences.join(" ")
}

/// A mean with its interval; one replication has no interval to show.
fn estimate(value: &EstimateDoc, replications: u64, decimals: usize) -> String {
    if replications < 2 {
        return format!(
            "{:.*} (one replication: no confidence interval)",
            decimals, value.mean
        );
    }
    format!(
        "{:.*} (95% CI {:.*} – {:.*})",
        decimals, value.mean, decimals, value.ci95[0], decimals, value.ci95[1]
    )
}

/// The full text summary printed by `relaunch simulate`.
pub fn text(document: &ResultDocument) -> String {
    let mut out = String::new();
    writeln!(
        out,
        "{} — {} replications, seed {}",
        document.scenario, document.replications, document.seed
    )
    .ok();
    writeln!(out).ok();
    writeln!(out, "{}", wrap(&paragraph(document), 92)).ok();
    if !document.milestones.is_empty() {
        writeln!(out).ok();
        writeln!(
            out,
            "{:<20} {:>10} {:>10} {:>10} {:>10} {:>8} {:>8}",
            "milestone", "due", "P10", "P50", "P90", "on time", "reached"
        )
        .ok();
        for m in &document.milestones {
            writeln!(
                out,
                "{:<20} {:>10} {:>10} {:>10} {:>10} {:>8} {:>8}",
                m.id,
                date_or(&m.due, "-"),
                date_or(&m.p10, "not yet"),
                date_or(&m.p50, "not yet"),
                date_or(&m.p90, "not yet"),
                m.on_time_probability.map_or("-".to_string(), percent),
                percent(m.reached_fraction),
            )
            .ok();
        }
    }
    writeln!(out).ok();
    writeln!(
        out,
        "throughput  {} good units per scheduled hour",
        estimate(&document.throughput_per_hour, document.replications, 3)
    )
    .ok();
    writeln!(
        out,
        "WIP         {} units",
        estimate(&document.wip, document.replications, 2)
    )
    .ok();
    writeln!(
        out,
        "flow time   {} operating minutes",
        estimate(&document.flow_time_minutes, document.replications, 1)
    )
    .ok();
    writeln!(
        out,
        "units       {:.1} released, {:.1} good, {:.1} scrapped (means per replication)",
        document.units.released.mean, document.units.good.mean, document.units.scrapped.mean
    )
    .ok();
    writeln!(out).ok();
    writeln!(
        out,
        "{:<20} {:>7} {:>8} {:>8} {:>7} {:>10}",
        "station", "busy", "blocked", "starved", "down", "unstaffed"
    )
    .ok();
    for s in &document.stations {
        let marker = if document.bottleneck.as_deref() == Some(s.id.as_str()) {
            "  ← bottleneck"
        } else {
            ""
        };
        writeln!(
            out,
            "{:<20} {:>7} {:>8} {:>8} {:>7} {:>10}{}",
            s.id,
            format!("{:.1}%", s.busy * 100.0),
            format!("{:.1}%", s.blocked * 100.0),
            format!("{:.1}%", s.starved * 100.0),
            format!("{:.1}%", s.down * 100.0),
            format!("{:.1}%", s.unstaffed * 100.0),
            marker
        )
        .ok();
    }
    out
}

/// Wraps text at `width` columns on spaces.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}

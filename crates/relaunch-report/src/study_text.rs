//! The plain-text answers of the studies, as `relaunch sweep` and `relaunch sensitivity` print
//! them: a row per point, and per milestone the inputs that move it most.

use std::fmt::Write;

use crate::study::{SensitivityDocument, SweepDocument};
use crate::view::format::{pct, thousands};
use crate::words::shown;

/// The most inputs listed per milestone.
const LISTED: usize = 10;

fn date(date: Option<jiff::civil::Date>) -> String {
    date.map_or("not reached".to_string(), |d| d.to_string())
}

/// A shift of the P50 in days; "not reached" where that end does not reach it within the
/// horizon.
fn signed(days: Option<i64>, reached: bool) -> String {
    match days {
        Some(0) => "0 d".to_string(),
        Some(days) => format!("{days:+} d"),
        None if !reached => "not reached".to_string(),
        None => "-".to_string(),
    }
}

/// Left-aligned columns, two spaces apart.
fn columns(rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..rows.first().map_or(0, Vec::len))
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &width)| format!("{cell:<width$}"))
            .collect();
        let _ = writeln!(out, "{}", line.join("  ").trim_end());
    }
    out
}

/// The sweep's table: each point's values, each milestone's P50 (and on-time share), the cost.
pub fn sweep_text(document: &SweepDocument) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Sweep of {}: {} ({}), {} replications each on the same random numbers (seed {}).",
        shown(&document.scenario_file),
        match document.points.len() {
            1 => "1 point".to_string(),
            n => format!("{n} points"),
        },
        if document.design == "lhs" {
            "a Latin hypercube"
        } else {
            "every combination"
        },
        thousands(document.replications),
        document.seed
    );
    if !document.fixed.is_empty() {
        let _ = writeln!(out, "Fixed at every point: {}.", document.fixed.join(", "));
    }
    let mut header = vec!["point".to_string()];
    header.extend(document.factors.iter().map(|f| f.key.clone()));
    if let Some(first) = document.points.first() {
        header.extend(first.milestones.iter().map(|m| format!("{} P50", m.id)));
        if first.cost.is_some() {
            header.push(format!(
                "mean cost{}",
                document
                    .currency
                    .as_ref()
                    .map_or(String::new(), |c| format!(" ({c})"))
            ));
        }
    }
    let mut rows = vec![header];
    for point in &document.points {
        let mut row = vec![point.point.to_string()];
        row.extend(point.values.iter().cloned());
        for milestone in &point.milestones {
            row.push(match milestone.on_time {
                Some(share) => format!("{} ({} on time)", date(milestone.p50), pct(share)),
                None => date(milestone.p50),
            });
        }
        if let Some(cost) = point.cost {
            row.push(thousands(cost.round().max(0.0) as u64));
        }
        rows.push(row);
    }
    out.push('\n');
    out.push_str(&columns(&rows));
    out
}

/// Per milestone, the inputs that move its P50 most, with their low and high.
pub fn sensitivity_text(document: &SensitivityDocument) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Sensitivity of {}: {} uncertain inputs, each fixed at its P{:.0} and its P{:.0}, {} \
         replications each on the same random numbers as the base (seed {}).",
        shown(&document.scenario_file),
        document.inputs.len(),
        document.low_quantile * 100.0,
        document.high_quantile * 100.0,
        thousands(document.replications),
        document.seed
    );
    for (index, base) in document.base.iter().enumerate() {
        let _ = write!(out, "\n{} — base P50 {}", shown(&base.id), date(base.p50));
        if let Some(share) = base.on_time {
            let _ = write!(out, ", {} on time", pct(share));
        }
        out.push('\n');
        let ranked: Vec<_> = document
            .ranked(index)
            .into_iter()
            .filter(|(_, s)| s.p50_width() > 0 || s.on_time_width() > 0.0)
            .take(LISTED)
            .collect();
        if ranked.is_empty() {
            out.push_str("  no input moves it\n");
            continue;
        }
        let mut rows = vec![
            [
                "input",
                "low",
                "high",
                "P50 at low",
                "P50 at high",
                "on time low/high",
            ]
            .map(str::to_string)
            .to_vec(),
        ];
        for (input, swing) in ranked {
            rows.push(vec![
                input.input.clone(),
                input.low.clone(),
                input.high.clone(),
                signed(swing.low_p50_days, swing.low.p50.is_some()),
                signed(swing.high_p50_days, swing.high.p50.is_some()),
                match (swing.low.on_time, swing.high.on_time) {
                    (Some(low), Some(high)) => format!("{} / {}", pct(low), pct(high)),
                    _ => "-".to_string(),
                },
            ]);
        }
        for line in columns(&rows).lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

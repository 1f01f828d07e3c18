//! The text rendering of the comparison document: a table per milestone against the reference,
//! the other figures, and the ranking with its rule (or the warning why there is none).

use std::fmt::Write;

use super::{CompareDocument, CostColumn};
use crate::words::{NOT_REACHED, THROUGHPUT_UNIT, count, percent, shown};

/// A signed number with one decimal, never "-0.0".
fn signed1(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0 + 0.0;
    format!("{rounded:+.1}")
}

/// The comparison as text, for a terminal or an email.
pub fn render(document: &CompareDocument) -> String {
    let mut out = String::new();
    writeln!(
        out,
        "Compare — {} variants, {} replications each, seed {} (common random numbers: replication i of every variant draws the same streams)",
        document.variants.len(),
        document.replications,
        document.seed
    )
    .ok();
    let how = if document.reference_chosen {
        "chosen with --reference, listed first"
    } else {
        "the first file given; --reference ID picks another"
    };
    wrap(
        &mut out,
        "",
        &format!(
            "Reference: {} ({how}). Δ: days after the reference, paired run by run.",
            document.reference
        ),
    );
    for warning in &document.warnings {
        wrap(&mut out, "", &format!("warning: {warning}"));
    }
    let Some(reference) = document.variants.first() else {
        return out;
    };
    let mut ids: Vec<&str> = Vec::new();
    for v in &document.variants {
        for m in &v.milestones {
            if !ids.contains(&m.id.as_str()) {
                ids.push(&m.id);
            }
        }
    }
    let mut censored = false;
    for id in ids {
        writeln!(out).ok();
        let due = reference
            .milestones
            .iter()
            .find(|m| m.id == id)
            .and_then(|m| m.due.clone());
        writeln!(
            out,
            "{}{}",
            shown(id),
            due.map_or(String::new(), |d| format!(" (due {d})"))
        )
        .ok();
        writeln!(
            out,
            "  {:<22} {:>11} {:>11} {:>8}   Δ vs {}, days (95% CI)",
            "variant",
            "P50",
            "P90",
            "on time",
            shown(&reference.name)
        )
        .ok();
        let reference_reach = reference
            .milestones
            .iter()
            .find(|m| m.id == id)
            .map_or(0.0, |m| m.reached_fraction);
        for (index, v) in document.variants.iter().enumerate() {
            let Some(m) = v.milestones.iter().find(|m| m.id == id) else {
                writeln!(
                    out,
                    "  {:<22} has no milestone {}",
                    shown(&v.name),
                    shown(id)
                )
                .ok();
                continue;
            };
            let difference = match (index, m.difference_days, m.difference_ci95) {
                (0, _, _) => "reference".to_string(),
                (_, Some(_), Some([low, high])) if low == 0.0 && high == 0.0 => {
                    "0 (the same day in every run)".to_string()
                }
                (_, Some(mean), Some([low, high])) => {
                    let mark = if m.reached_fraction < 1.0 || reference_reach < 1.0 {
                        censored = true;
                        " *"
                    } else {
                        ""
                    };
                    if low.abs() < 0.05 && high.abs() < 0.05 {
                        // Every figure would print as "+0.0": say what that means instead.
                        format!("≈0 (95% CI within ±0.05){mark}")
                    } else {
                        format!(
                            "{} ({} … {}){mark}",
                            signed1(mean),
                            signed1(low),
                            signed1(high)
                        )
                    }
                }
                _ => "—".to_string(),
            };
            writeln!(
                out,
                "  {:<22} {:>11} {:>11} {:>8}   {}",
                shown(&v.name),
                m.p50.as_deref().unwrap_or(NOT_REACHED),
                m.p90.as_deref().unwrap_or(NOT_REACHED),
                m.on_time_probability.map_or("—".to_string(), percent),
                difference
            )
            .ok();
        }
    }
    writeln!(out).ok();
    wrap(
        &mut out,
        "  ",
        "— : no value: no due date (on time), or a difference where neither variant reaches the \
         milestone in any run (Δ).",
    );
    if censored {
        wrap(
            &mut out,
            "  ",
            "* : some runs do not reach the milestone within the horizon; they count as the day \
             after it.",
        );
    }
    writeln!(out).ok();
    let column = CostColumn::of(&document.variants);
    writeln!(
        out,
        "  {:<22} {:>10} {:>12} {:>14} {:>22}",
        "variant",
        "throughput",
        "kit-out days",
        "localization",
        column.heading()
    )
    .ok();
    for v in &document.variants {
        writeln!(
            out,
            "  {:<22} {:>10.2} {:>12} {:>14} {:>22}",
            shown(&v.name),
            v.throughput_per_hour,
            count(v.kit_stockout_days),
            match (&v.localization_first_meets, v.has_localization) {
                (Some(date), _) => date.clone(),
                (None, true) => "never".to_string(),
                (None, false) => "—".to_string(),
            },
            column.cell(v),
        )
        .ok();
    }
    wrap(
        &mut out,
        "  ",
        &format!(
            "throughput: {THROUGHPUT_UNIT}. kit-out days: workdays on which a planned start \
             waited for a kit. localization: first date the threshold is met. {} The others \
             are means over the runs.",
            column.meaning()
        ),
    );
    writeln!(out).ok();
    if document.ranking.is_empty() {
        writeln!(out, "No ranking (see the warning above).").ok();
    } else {
        wrap(
            &mut out,
            "",
            &format!(
                "Ranking, best first, {} (--rank-by {}; choose with --rank-by p50|p90|on-time|cost \
                 and --milestone ID):",
                document.ranking_rule, document.rank_by
            ),
        );
        for (place, name) in document.ranking.iter().enumerate() {
            writeln!(out, "  {}. {}", place + 1, shown(name)).ok();
        }
    }
    out
}

/// Appends `text` wrapped at 96 columns, every line starting with `indent`.
fn wrap(out: &mut String, indent: &str, text: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.chars().count() + 1 + word.chars().count() > 96 {
            writeln!(out, "{indent}{line}").ok();
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        writeln!(out, "{indent}{line}").ok();
    }
}

//! The programme in the text summary: the sentence naming the task most often critical, the
//! "Programme" table of tasks and the "Risks" table with each risk's effect on the milestones
//! that have a due date (the tornado in numbers).

use std::fmt::Write;

use crate::document::{ProgrammeDoc, RiskDoc, RiskEffectDoc};
use crate::words::percent;

/// "The critical chain runs through retooling in 78% of runs.": the task most often critical
/// among those critical in some runs only, with "; in 12% of runs a fixed date sets it" when in
/// some runs an entry's own date, not a task, sets the latest date following a task; when every
/// critical task is critical in every run, the chain itself ("The critical chain is
/// partner-deal, retooling and certification in every run."). `None` without a task.
pub fn sentence(programme: &ProgrammeDoc) -> Option<String> {
    if programme.tasks.is_empty() {
        return None;
    }
    let fixed = programme.fixed_date_share;
    if let Some(task) = programme.most_critical() {
        let dates = if fixed > 0.0 {
            format!("; in {} of runs a fixed date sets it", percent(fixed))
        } else {
            String::new()
        };
        return Some(format!(
            "The critical chain runs through {} in {} of runs{dates}.",
            task.id,
            percent(task.criticality)
        ));
    }
    let chain: Vec<&str> = programme
        .always_critical()
        .iter()
        .map(|task| task.id.as_str())
        .collect();
    let named = match chain.as_slice() {
        [] if fixed > 0.0 => {
            return Some(
                "No task is critical: in every run a fixed date sets the latest date after a task."
                    .to_string(),
            );
        }
        [] => return None,
        [one] => one.to_string(),
        [first @ .., last] => format!("{} and {last}", first.join(", ")),
    };
    Some(format!("The critical chain is {named} in every run."))
}

/// Days a risk adds to a quantile: "+21 d", "0 d", "-2 d"; "-" where it is not reached.
pub fn added_days(days: Option<i64>) -> String {
    match days {
        Some(days) if days > 0 => format!("+{days} d"),
        Some(days) => format!("{days} d"),
        None => "-".to_string(),
    }
}

/// On-time probability lost, in points: "27.5 pts".
pub fn lost_points(loss: Option<f64>) -> String {
    loss.map_or("-".to_string(), |loss| format!("{:.1} pts", loss * 100.0))
}

/// A risk's effects on the milestones with a due date (those with an on-time loss).
pub fn due_effects(risk: &RiskDoc) -> impl Iterator<Item = &RiskEffectDoc> {
    risk.effects.iter().filter(|e| e.on_time_loss.is_some())
}

/// Whether a risk's effect on a milestone shows at all: days added at P50 or P90, or on-time
/// probability lost (at least 0.05 points, the precision printed).
fn tells(effect: &RiskEffectDoc) -> bool {
    effect.p50_days.unwrap_or(0) != 0
        || effect.p90_days.unwrap_or(0) != 0
        || effect.on_time_loss.is_some_and(|loss| loss.abs() >= 0.0005)
}

/// The "Programme" and "Risks" tables, each after a blank line. A risk's rows show the
/// milestones it moves; one that moves none says so on its own row.
pub fn tables(programme: &ProgrammeDoc) -> String {
    let mut out = String::new();
    if !programme.tasks.is_empty() {
        writeln!(out).ok();
        writeln!(
            out,
            "{:<20} {:>11} {:>11} {:>11} {:>11} {:>9}",
            "task", "start P50", "finish P10", "finish P50", "finish P90", "critical"
        )
        .ok();
        for task in &programme.tasks {
            writeln!(
                out,
                "{:<20} {:>11} {:>11} {:>11} {:>11} {:>9}",
                task.id,
                task.start.p50,
                task.finish.p10,
                task.finish.p50,
                task.finish.p90,
                percent(task.criticality)
            )
            .ok();
        }
    }
    if !programme.risks.is_empty() {
        writeln!(out).ok();
        let with_effects = programme.risks.iter().any(|r| due_effects(r).count() > 0);
        let mut header = format!("{:<20} {:>11} {:>9}", "risk", "probability", "occurred");
        if with_effects {
            write!(
                header,
                "  {:<20} {:>9} {:>12}",
                "milestone", "P90 added", "on time lost"
            )
            .ok();
        }
        writeln!(out, "{}", header.trim_end()).ok();
        for risk in programme.risks_by_effect() {
            let head = format!(
                "{:<20} {:>11} {:>9}",
                risk.id,
                percent(risk.probability),
                percent(risk.occurrence)
            );
            let mut effects = due_effects(risk).filter(|e| tells(e)).peekable();
            if effects.peek().is_none() {
                if due_effects(risk).next().is_some() {
                    writeln!(out, "{head}  (no effect on any milestone due)").ok();
                } else {
                    writeln!(out, "{head}").ok();
                }
            }
            for (index, effect) in effects.enumerate() {
                let lead = if index == 0 {
                    head.clone()
                } else {
                    " ".repeat(head.chars().count())
                };
                writeln!(
                    out,
                    "{lead}  {:<20} {:>9} {:>12}",
                    effect.milestone,
                    added_days(effect.p90_days),
                    lost_points(effect.on_time_loss)
                )
                .ok();
            }
        }
    }
    out
}

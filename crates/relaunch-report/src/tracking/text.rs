//! The plain-text renderings of the tracking documents: a first sentence that says the news
//! (ready to paste into an email), then aligned tables a manager can read.

use jiff::civil::Date;

use super::table::Table;
use super::{
    BacktestDocument, CalibrationDocument, CalibrationEstimate, HistoryDocument, StatusDocument,
};
use crate::view::format::{read_date, thousands};
use crate::words::{percent, shown};

/// `status`: "By 2024-04-30: 612 good units, 88 behind plan, inside the last forecast's
/// P10–P90 (560–701)." then products, kits, headcount, tasks and milestones.
pub fn status_text(doc: &StatusDocument) -> String {
    let mut out = format!("{}\n\n", status_news(doc));
    for warning in &doc.warnings {
        out.push_str(&format!("Warning: {}\n", shown(warning)));
    }
    if !doc.warnings.is_empty() {
        out.push('\n');
    }
    let mut products = Table::new(&[
        ("product", false),
        ("released", true),
        ("good", true),
        ("scrapped", true),
        ("in line", true),
        ("yield", true),
    ]);
    for p in &doc.products {
        products.row(vec![
            p.id.clone(),
            thousands(p.released),
            thousands(p.good),
            thousands(p.scrapped),
            thousands(p.in_line),
            p.yield_to_date.map_or("—".to_string(), percent_1),
        ]);
    }
    section(&mut out, "Output", &products);
    let mut kits = Table::new(&[("kit", false), ("received", true), ("in stock", true)]);
    for k in &doc.kits {
        kits.row(vec![
            k.id.clone(),
            thousands(k.received),
            k.stock.to_string(),
        ]);
    }
    section(&mut out, "Kits", &kits);
    if let Some(h) = &doc.headcount {
        out.push_str(&format!(
            "Headcount: {} on the payroll ({} hired, {} left), {} trained and {} in training; the plan has {} trained by now if nobody left.\n\n",
            h.payroll, h.hired, h.left, h.trained, h.in_training, h.planned_trained
        ));
    }
    let mut tasks = Table::new(&[
        ("task", false),
        ("started", false),
        ("done", false),
        ("planned finish", false),
    ]);
    for t in &doc.tasks {
        tasks.row(vec![
            t.id.clone(),
            dash(&t.started),
            dash(&t.done),
            dash(&t.planned_finish),
        ]);
    }
    section(&mut out, "Tasks", &tasks);
    let mut milestones = Table::new(&[
        ("milestone", false),
        ("due", false),
        ("reached", false),
        ("forecast P50", false),
    ]);
    for m in &doc.milestones {
        milestones.row(vec![
            m.id.clone(),
            dash(&m.due),
            dash(&m.actual),
            dash(&m.forecast_p50),
        ]);
    }
    section(&mut out, "Milestones", &milestones);
    out.trim_end().to_string() + "\n"
}

/// The first sentence of `status`.
pub fn status_news(doc: &StatusDocument) -> String {
    let good = &doc.good;
    let mut parts = vec![format!("{} good units", thousands(good.actual))];
    if let Some(plan) = good.plan {
        let gap = good.actual as i64 - plan as i64;
        parts.push(match gap {
            0 => "on plan".to_string(),
            g if g < 0 => format!("{} behind plan", thousands(g.unsigned_abs())),
            g => format!("{} ahead of plan", thousands(g as u64)),
        });
    }
    if let Some(forecast) = &good.forecast {
        let fan = &forecast.cumulative;
        let place = if good.actual < fan.p10 {
            "below"
        } else if good.actual > fan.p90 {
            "above"
        } else {
            "inside"
        };
        parts.push(format!(
            "{place} the last forecast's P10–P90 ({}–{})",
            thousands(fan.p10),
            thousands(fan.p90)
        ));
    }
    format!("By {}: {}.", doc.as_of, parts.join(", "))
}

/// `history`: what the latest forecast moved, then per milestone its dates by as-of date.
pub fn history_text(doc: &HistoryDocument) -> String {
    let mut out = format!("{}\n\n", history_news(doc));
    let ids: Vec<&str> = doc
        .forecasts
        .iter()
        .flat_map(|f| f.milestones.iter().map(|m| m.id.as_str()))
        .fold(Vec::new(), |mut ids, id| {
            if !ids.contains(&id) {
                ids.push(id);
            }
            ids
        });
    for id in ids {
        let mut table = Table::new(&[
            ("as of", false),
            ("forecast", true),
            ("scenario", true),
            ("P10", false),
            ("P50", false),
            ("P90", false),
            ("on time", true),
            ("P50 moved", true),
        ]);
        let mut previous: Option<Date> = None;
        let mut previous_version = None;
        let mut due = None;
        for f in &doc.forecasts {
            let Some(m) = f.milestones.iter().find(|m| m.id == id) else {
                continue;
            };
            due = due.or(m.due.clone());
            let p50 = m.actual.as_deref().or(m.p50.as_deref()).and_then(read_date);
            let moved = match (previous, p50) {
                (Some(before), Some(now)) => signed_days(days_between(before, now)),
                _ => String::new(),
            };
            previous = p50.or(previous);
            // A changed scenario moves dates as much as new actuals do: marked with `*`.
            let changed = previous_version.is_some_and(|v| v != f.scenario_version);
            let version = format!("v{}{}", f.scenario_version, if changed { "*" } else { "" });
            previous_version = Some(f.scenario_version);
            let p50_text = match &m.actual {
                Some(actual) => format!("{actual} (actual)"),
                None => dash(&m.p50),
            };
            table.row(vec![
                as_of_label(f.as_of.as_deref(), &f.created),
                format!("#{}{}", f.id, if f.calibrated { " cal." } else { "" }),
                version,
                dash(&m.p10),
                p50_text,
                dash(&m.p90),
                m.on_time_probability.map_or(String::new(), percent),
                moved,
            ]);
        }
        let title = match due {
            Some(due) => format!("{} (due {due})", shown(id)),
            None => shown(id).into_owned(),
        };
        section(&mut out, &title, &table);
    }
    out.trim_end().to_string() + "\n"
}

/// The first sentence of `history`: how the latest forecast moved each milestone's P50 against
/// the one before.
pub fn history_news(doc: &HistoryDocument) -> String {
    let n = doc.forecasts.len();
    let Some(last) = doc.forecasts.last() else {
        return "No forecast is stored yet.".to_string();
    };
    let when = as_of_label(last.as_of.as_deref(), &last.created);
    let Some(before) = n.checked_sub(2).map(|i| &doc.forecasts[i]) else {
        return format!("One forecast is stored (as of {when}).");
    };
    let moves: Vec<String> = last
        .milestones
        .iter()
        .filter_map(|m| {
            if let Some(actual) = &m.actual {
                return Some(format!("{} reached on {actual}", shown(&m.id)));
            }
            // A milestone with no P50 is not reached within the horizon in half the runs or
            // more: said as such, not left out.
            let now = m.p50.as_deref().and_then(read_date);
            let old = before.milestones.iter().find(|b| b.id == m.id)?;
            let old = old
                .actual
                .as_deref()
                .or(old.p50.as_deref())
                .and_then(read_date);
            const NEVER: &str = "not reached within the horizon";
            Some(match (old, now) {
                (Some(old), Some(now)) => match days_between(old, now) {
                    0 => format!("{} unchanged ({})", shown(&m.id), now),
                    d if d > 0 => {
                        format!("{} {} later ({})", shown(&m.id), crate::words::days(d), now)
                    }
                    d => format!(
                        "{} {} earlier ({})",
                        shown(&m.id),
                        crate::words::days(-d),
                        now
                    ),
                },
                (Some(old), None) => format!("{}: from {old} to {NEVER}", shown(&m.id)),
                (None, Some(now)) => format!("{}: from {NEVER} to {now}", shown(&m.id)),
                (None, None) => format!("{} still {NEVER}", shown(&m.id)),
            })
        })
        .collect();
    if moves.is_empty() {
        return format!("{n} forecasts stored; the latest is as of {when}.");
    }
    // What else changed between the two, which moves dates as much as new actuals do.
    let mut also = Vec::new();
    if last.scenario_version != before.scenario_version {
        also.push(format!(
            "the scenario changed too, v{} → v{}",
            before.scenario_version, last.scenario_version
        ));
    }
    if last.calibrated != before.calibrated {
        also.push(
            if last.calibrated {
                "the latest is calibrated from the actuals, the one before was not"
            } else {
                "the latest is not calibrated, the one before was"
            }
            .to_string(),
        );
    }
    let scenario = if also.is_empty() {
        String::new()
    } else {
        format!(
            " ({}: not only the actuals moved the dates)",
            also.join("; ")
        )
    };
    format!(
        "{n} forecasts stored; the latest (as of {when}) against the one before: {}{scenario}.",
        moves.join(", ")
    )
}

/// `backtest`: coverage and the P50's error per milestone, then every replayed forecast.
pub fn backtest_text(doc: &BacktestDocument) -> String {
    let mut out = format!("{}\n\n", backtest_news(doc));
    let mut summary = Table::new(&[
        ("milestone", false),
        ("actual", false),
        ("scored", true),
        ("inside P10–P90", true),
        ("mean abs. error of P50", true),
    ]);
    for m in &doc.milestones {
        summary.row(vec![
            m.id.clone(),
            m.actual
                .clone()
                .unwrap_or_else(|| "not reached".to_string()),
            m.scored.to_string(),
            m.coverage.map_or("—".to_string(), percent),
            m.mae_days.map_or("—".to_string(), |d| format!("{d:.1} d")),
        ]);
    }
    section(&mut out, "Coverage", &summary);
    for m in &doc.milestones {
        let mut table = Table::new(&[
            ("as of", false),
            ("P10", false),
            ("P50", false),
            ("P90", false),
            ("inside", false),
            ("P50 error", true),
        ]);
        for p in &m.points {
            table.row(vec![
                p.as_of.clone(),
                dash(&p.p10),
                dash(&p.p50),
                dash(&p.p90),
                p.inside
                    .map_or(String::new(), |i| if i { "yes" } else { "no" }.to_string()),
                p.error_days.map_or(String::new(), signed_days),
            ]);
        }
        let title = match &m.actual {
            Some(actual) => format!("{} (reached {actual})", shown(&m.id)),
            None => format!("{} (not reached yet)", shown(&m.id)),
        };
        section(&mut out, &title, &table);
    }
    out.trim_end().to_string() + "\n"
}

/// The first sentence of `backtest`.
pub fn backtest_news(doc: &BacktestDocument) -> String {
    let scored: Vec<String> = doc
        .milestones
        .iter()
        .filter_map(|m| {
            let coverage = m.coverage?;
            let inside = m.points.iter().filter(|p| p.inside == Some(true)).count();
            Some(format!(
                "{} {} of {} ({}{})",
                shown(&m.id),
                inside,
                m.scored,
                percent(coverage),
                m.mae_days.map_or(String::new(), |d| format!(
                    ", P50 off by {d:.1} days on average"
                ))
            ))
        })
        .collect();
    let replayed = format!(
        "Replayed {} forecast{} every {} days ({} runs each)",
        doc.as_of.len(),
        if doc.as_of.len() == 1 { "" } else { "s" },
        doc.every_days,
        doc.replications
    );
    if scored.is_empty() {
        return format!("{replayed}; no milestone has been reached yet, so none can be scored.");
    }
    format!(
        "{replayed}: the actual date fell inside P10–P90 for {}.",
        scored.join("; ")
    )
}

/// `forecast --calibrate`: the estimates beside the scenario's assumptions.
pub fn calibration_text(doc: &CalibrationDocument) -> String {
    let mut out = format!("{}\n\n", calibration_news(doc));
    let mut table = Table::new(&[
        ("parameter", false),
        ("assumed", true),
        ("actuals say", true),
        ("90% interval", true),
        ("from", false),
    ]);
    for e in &doc.estimates {
        table.row(vec![
            e.parameter.clone(),
            e.assumed
                .map_or("—".to_string(), |a| value(&e.parameter, a)),
            value(&e.parameter, e.mean),
            format!(
                "{}–{}",
                value(&e.parameter, e.p05),
                value(&e.parameter, e.p95)
            ),
            e.basis.clone(),
        ]);
    }
    if !table.is_empty() {
        table.render(&mut out);
    }
    out.trim_end().to_string() + "\n"
}

/// The first sentence of the calibration: which assumptions the actuals contradict.
pub fn calibration_news(doc: &CalibrationDocument) -> String {
    if doc.estimates.is_empty() {
        return format!(
            "The actuals through {} tell nothing yet about the scenario's assumptions.",
            doc.as_of
        );
    }
    let off: Vec<String> = doc
        .estimates
        .iter()
        .filter(|e| outside(e))
        .map(|e| {
            format!(
                "{} is {} (assumed {})",
                shown(&e.parameter),
                value(&e.parameter, e.mean),
                e.assumed
                    .map_or("—".to_string(), |a| value(&e.parameter, a))
            )
        })
        .collect();
    let n = doc.estimates.len();
    let told = format!(
        "The actuals through {} tell {n} parameter{}",
        doc.as_of,
        if n == 1 { "" } else { "s" }
    );
    if off.is_empty() {
        format!("{told}; every assumption lies inside its 90% interval.")
    } else {
        format!(
            "{told}; {} outside its 90% interval: {}.",
            if off.len() == 1 {
                "one assumption lies"
            } else {
                "these assumptions lie"
            },
            off.join("; ")
        )
    }
}

/// Whether the scenario's assumption lies outside the estimate's 90% interval.
pub fn outside(e: &CalibrationEstimate) -> bool {
    e.assumed.is_some_and(|a| a < e.p05 || a > e.p95)
}

/// A parameter's value as it reads: days for lead times, a factor for the line's pace (hours
/// per unit against the scenario's), else a percentage to one decimal.
pub fn value(parameter: &str, v: f64) -> String {
    if parameter.ends_with("_days") {
        format!("{v:.1} d")
    } else if parameter == "line.pace" {
        format!("×{v:.2}")
    } else {
        percent_1(v)
    }
}

fn percent_1(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

fn section(out: &mut String, title: &str, table: &Table) {
    if table.is_empty() {
        return;
    }
    out.push_str(title);
    out.push('\n');
    table.render(out);
    out.push('\n');
}

fn dash(date: &Option<String>) -> String {
    date.clone().unwrap_or_else(|| "—".to_string())
}

/// "2024-04-30", or "plan (made 2024-03-01)" for a forecast from the plan.
pub(super) fn as_of_label(as_of: Option<&str>, created: &str) -> String {
    match as_of {
        Some(as_of) => as_of.to_string(),
        None => format!("plan (made {})", created.get(..10).unwrap_or(created)),
    }
}

pub(super) fn days_between(from: Date, to: Date) -> i64 {
    (to - from).get_days().into()
}

fn signed_days(days: i64) -> String {
    match days {
        0 => "0 d".to_string(),
        d if d > 0 => format!("+{d} d"),
        d => format!("−{} d", -d),
    }
}

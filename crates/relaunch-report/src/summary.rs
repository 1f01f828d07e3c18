//! The plain-text summary: first a paragraph a programme manager can paste into an email,
//! then the milestone table, the programme's tasks and risks (with a programme), the flow
//! figures and the station table.

use std::fmt::Write;

use crate::cost_document::CostsDoc;
use crate::document::{EstimateDoc, MilestoneDoc, ResultDocument};
use crate::words::{
    NOT_REACHED, THROUGHPUT_UNIT, chance, count, money, percent, percent_range, replications,
};

pub mod programme;

/// Half-width of an on-time interval, in points, above which the summary says that more
/// replications are needed for the precision shown.
const PRECISION_POINTS: f64 = 5.0;

fn date_or(value: &Option<String>, missing: &str) -> String {
    value.clone().unwrap_or_else(|| missing.to_string())
}

/// The "no time to read?" paragraph, with ISO dates (the text medium's format).
pub fn paragraph(document: &ResultDocument) -> String {
    paragraph_with_dates(document, &|iso| iso.to_string())
}

/// The paragraph with every date written by `date` (given the ISO date), so that each medium
/// keeps one date format: ISO in text, "25 Dec 2023" in the HTML report.
pub fn paragraph_with_dates(document: &ResultDocument, date: &dyn Fn(&str) -> String) -> String {
    let date_or = |value: &Option<String>, missing: &str| {
        value.as_deref().map_or_else(|| missing.to_string(), date)
    };
    let mut sentences = Vec::new();
    for milestone in &document.milestones {
        // In a forecast from actuals, a milestone they reached is a fact, not a forecast.
        if let Some(actual) = &milestone.actual {
            let mut sentence = format!("{} was reached on {} (actual)", milestone.id, date(actual));
            if let Some(due) = &milestone.due {
                write!(sentence, ", due {}", date(due)).ok();
            }
            sentence.push('.');
            sentences.push(sentence);
            continue;
        }
        let mut sentence = match &milestone.p50 {
            Some(p50) => {
                let (p10, p90) = (
                    date_or(&milestone.p10, "?"),
                    date_or(&milestone.p90, NOT_REACHED),
                );
                let range = if p10 == p90 {
                    format!("P10 and P90 alike: {p10}")
                } else {
                    format!("P10–P90: {p10} to {p90}")
                };
                format!(
                    "{} is reached by {} at the median ({range})",
                    milestone.id,
                    date(p50)
                )
            }
            None if milestone.reached_fraction == 0.0 => {
                format!(
                    "{} is {NOT_REACHED} within the horizon in any run",
                    milestone.id
                )
            }
            None => format!(
                "{} is {NOT_REACHED} within the horizon in most runs (only {} of runs reach it)",
                milestone.id,
                percent(milestone.reached_fraction)
            ),
        };
        if let (Some(due), Some(probability)) = (&milestone.due, milestone.on_time_probability) {
            write!(
                sentence,
                ", with {}{} of meeting its due date {}",
                chance(probability),
                milestone
                    .on_time_ci95
                    .map_or(String::new(), |[low, high]| format!(
                        " (95% CI {})",
                        percent_range(low, high)
                    )),
                date(due)
            )
            .ok();
        }
        sentence.push('.');
        sentences.push(sentence);
    }
    if let Some(sentence) = document.programme.as_ref().and_then(programme::sentence) {
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
            format!("Kits run out on {} workdays on average.", count(stockouts))
        } else {
            "Kits never run short.".to_string()
        });
    }
    if let Some(localization) = &document.localization
        && let Some(last) = localization.timeline.last()
    {
        sentences.push(match (&localization.first_meets, last.threshold) {
            (Some(first), _) => format!("Localization meets its threshold from {} ({} points at the end).", date(first), last.points),
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
            "Staffing gaps cancel {} planned shifts on average.",
            count(unstaffed)
        ));
    }
    if let Some(last) = document.daily.last()
        && let (Some(trained), Some(payroll)) = (&last.trained, &last.payroll)
    {
        sentences.push(format!(
            "On the last day {} people are trained (P10–P90 {}–{}) of {} on the payroll.",
            trained.p50, trained.p10, trained.p90, payroll.p50
        ));
    }
    if let Some(costs) = &document.costs {
        sentences.push(cost_sentence(costs));
    }
    sentences.join(" ")
}

/// What the horizon costs, in one sentence: the median total with its P10–P90, the categories'
/// means and the median cost of a good unit.
fn cost_sentence(costs: &CostsDoc) -> String {
    let currency = costs.currency.as_deref();
    let total = &costs.total;
    let range = if total.p10 == total.p90 {
        "the same in every run".to_string()
    } else {
        format!(
            "P10–P90 {} to {}",
            money(total.p10 as f64, currency),
            money(total.p90 as f64, currency)
        )
    };
    let mut sentence = format!(
        "The horizon costs {} at the median ({range}): labour {}, fixed {}, kits {}, carrying {} \
         on average",
        money(total.p50 as f64, currency),
        money(costs.labour.mean, currency),
        money(costs.fixed.mean, currency),
        money(costs.kits.mean, currency),
        money(costs.carrying.mean, currency),
    );
    if costs.scrapped_kits.mean >= 0.5 {
        write!(
            sentence,
            ", of which {} in kits of scrapped units",
            money(costs.scrapped_kits.mean, currency)
        )
        .ok();
    }
    match costs.per_good_unit.p50 {
        Some(unit) => write!(
            sentence,
            "; a good unit costs {} at the median.",
            money(unit as f64, currency)
        ),
        None => write!(sentence, "; most runs make no good unit."),
    }
    .ok();
    sentence
}

/// When an on-time chance is less precise than ±5 points, which one and how many replications
/// would make it so (the Wilson half-width shrinks with the square root of the count).
pub fn precision_note(document: &ResultDocument) -> Option<String> {
    let half = |m: &MilestoneDoc| m.on_time_ci95.map(|[low, high]| (high - low) / 2.0 * 100.0);
    let (widest, points) = document
        .milestones
        .iter()
        .filter_map(|m| half(m).map(|h| (m, h)))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    if points <= PRECISION_POINTS {
        return None;
    }
    let p = widest.on_time_probability.unwrap_or(0.5).clamp(0.05, 0.95);
    let needed =
        (1.959_964f64.powi(2) * p * (1.0 - p) / (PRECISION_POINTS / 100.0).powi(2)).ceil() as u64;
    let needed = needed.div_ceil(100) * 100;
    Some(format!(
        "Few replications: {}'s on-time chance is known only to ±{:.0} \
         points from {}; about {} (-n {}) bring every chance within ±{:.0}.",
        widest.id,
        points,
        replications(document.replications),
        needed,
        needed,
        PRECISION_POINTS
    ))
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
        decimals,
        value.mean,
        decimals,
        value.ci95.map_or(value.mean, |ci| ci[0]),
        decimals,
        value.ci95.map_or(value.mean, |ci| ci[1])
    )
}

/// The full text summary printed by `relaunch simulate`.
pub fn text(document: &ResultDocument) -> String {
    let mut out = String::new();
    let as_of = document.as_of.as_ref().map_or_else(String::new, |as_of| {
        format!(" — from the actuals through {}", crate::words::shown(as_of))
    });
    writeln!(
        out,
        "{} — {}, seed {}{as_of}",
        crate::words::shown(&document.scenario),
        replications(document.replications),
        document.seed
    )
    .ok();
    writeln!(out).ok();
    for warning in &document.warnings {
        writeln!(
            out,
            "{}",
            wrap(&format!("Warning: {}", crate::words::shown(warning)), 92)
        )
        .ok();
    }
    if document.calibrated {
        writeln!(
            out,
            "Calibrated: the assumptions the actuals tell are re-estimated from them and drawn per replication."
        )
        .ok();
    }
    if !document.warnings.is_empty() || document.calibrated {
        writeln!(out).ok();
    }
    writeln!(out, "{}", wrap(&paragraph(document), 92)).ok();
    if !document.milestones.is_empty() {
        writeln!(out).ok();
        writeln!(
            out,
            "{:<20} {:>10} {:>11} {:>11} {:>11} {:>8} {:>9} {:>8}",
            "milestone", "due", "P10", "P50", "P90", "on time", "(95% CI)", "reached"
        )
        .ok();
        for m in &document.milestones {
            writeln!(
                out,
                "{:<20} {:>10} {:>11} {:>11} {:>11} {:>8} {:>9} {:>8}",
                m.id,
                date_or(&m.due, "-"),
                date_or(&m.p10, NOT_REACHED),
                date_or(&m.p50, NOT_REACHED),
                date_or(&m.p90, NOT_REACHED),
                m.on_time_probability.map_or("-".to_string(), percent),
                m.on_time_ci95
                    .map_or("-".to_string(), |[low, high]| { percent_range(low, high) }),
                percent(m.reached_fraction),
            )
            .ok();
        }
        if let Some(note) = precision_note(document) {
            writeln!(out, "{}", wrap(&note, 92)).ok();
        }
    }
    if let Some(programme) = &document.programme {
        out.push_str(&programme::tables(programme));
    }
    writeln!(out).ok();
    writeln!(
        out,
        "throughput  {} {THROUGHPUT_UNIT}",
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
        "units       {} released, {} good, {} scrapped (means per replication)",
        count(document.units.released.mean),
        count(document.units.good.mean),
        count(document.units.scrapped.mean)
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

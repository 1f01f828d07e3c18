//! The "why late" document: each milestone's lateness against its due date at P50 and P90 (or
//! the quantiles asked for) and its lost on-time probability, split over the factors (five, and
//! the programme when the scenario has one) and the plan, as JSON and as a text table with a
//! verdict that names the factor and the action.

use std::fmt::Write;

use relaunch_core::Scenario;
use relaunch_core::schedule::add_days;
use relaunch_core::why::{
    DENOMINATOR, MilestoneWhy, PLAN, ProbabilityWhy, QuantileWhy, Share, Why,
};
use serde::Serialize;

use crate::words::{percent, percent_range, quantile_label};

/// What each factor's relaxation means, for the footnote, and the plan's residue; an analysis
/// lists those of its own factors ([`analysed`]).
pub const MEANINGS: [(&str, &str); 7] = [
    ("supply", "every kit on hand when a unit is released"),
    (
        "staffing",
        "hires on their planned dates, trained for the planned time, nobody leaving or absent",
    ),
    ("equipment", "no breakdowns"),
    ("quality", "first-pass yield 1: no rework, no scrap"),
    (
        "learning",
        "standard cycle times and mature first-pass yield from the first unit",
    ),
    (
        "programme",
        "every task at its optimistic duration (its minimum, or its 5th percentile when unbounded) \
         and no risk occurring: the tasks and risks before the line — partner deal, \
         re-tooling, certification — as fast as the plan can hope for",
    ),
    (
        "plan",
        "what is left with every factor relaxed: the lateness the plan as written (release dates \
         and rates, hiring waves, training) schedules by itself",
    ),
];

/// What a manager can do about each factor.
pub fn action(factor: &str) -> &'static str {
    match factor {
        "supply" => "order kits earlier or hold more safety stock",
        "staffing" => {
            "keep the crew at work: replace leavers sooner, hire a margin over leavers and absences"
        }
        "equipment" => "cut breakdowns: preventive maintenance or a larger maintenance crew",
        "quality" => "raise first-pass yield at the source or add rework capacity",
        "learning" => "shorten the learning curve: pre-series training, experienced team leads",
        "programme" => {
            "shorten the programme: start its tasks earlier or side by side, and buy down the \
             risks on the critical chain"
        }
        _ => "move the plan itself: start earlier, plan more starts a day or hire earlier",
    }
}

/// The factors `result` was split over, in the order of [`MEANINGS`] (the plan not included):
/// those its shares name, or without a milestone those of `scenario` (the five, and the
/// programme when it has one).
pub fn analysed(scenario: &Scenario, result: &Why) -> Vec<&'static str> {
    let named: Option<Vec<&str>> = result
        .milestones
        .iter()
        .flat_map(|m| &m.quantiles)
        .next()
        .map(|q| q.shares.iter().map(|s| s.factor).collect());
    MEANINGS
        .iter()
        .map(|&(factor, _)| factor)
        .filter(|&factor| factor != PLAN)
        .filter(|factor| match &named {
            Some(named) => named.contains(factor),
            None => *factor != "programme" || !scenario.programme.is_empty(),
        })
        .collect()
}

/// The meanings of `factors` and the plan's, in the order of [`MEANINGS`].
pub fn meanings(factors: &[&str]) -> Vec<(&'static str, &'static str)> {
    MEANINGS
        .into_iter()
        .filter(|(factor, _)| *factor == PLAN || factors.contains(factor))
        .collect()
}

/// "32 subsets of the five relaxations": how an analysis of `factors` factors ran.
pub fn subsets_phrase(factors: usize) -> String {
    format!(
        "{} subsets of the {} relaxations",
        1u64 << factors.min(63),
        crate::words::number(factors as u64)
    )
}

#[derive(Debug, Serialize)]
pub struct WhyDocument {
    pub scenario: String,
    pub seed: u64,
    pub replications: u64,
    pub milestones: Vec<MilestoneDocument>,
    /// What each factor's relaxation means.
    pub relaxations: Vec<RelaxationDocument>,
}

#[derive(Debug, Serialize)]
pub struct RelaxationDocument {
    pub factor: &'static str,
    pub relaxed: &'static str,
    pub action: &'static str,
}

#[derive(Debug, Serialize)]
pub struct MilestoneDocument {
    pub id: String,
    pub due: Option<String>,
    /// Share of replications on time, with its 95% Wilson interval.
    pub on_time_probability: Option<f64>,
    pub on_time_ci95: Option<[f64; 2]>,
    pub quantiles: Vec<QuantileDocument>,
    /// The on-time probability lost and its parts; `null` without a due date.
    pub probability_lost: Option<ProbabilityDocument>,
    pub verdict: String,
}

#[derive(Debug, Serialize)]
pub struct QuantileDocument {
    pub quantile: f64,
    /// "P50", "P90" ...
    pub label: String,
    /// The quantile's date as forecast; `null` when it is not reached within the horizon
    /// (`beyond_horizon`), as in the result document of `simulate`.
    pub date: Option<String>,
    pub beyond_horizon: bool,
    /// The same quantile with every factor relaxed (`null` beyond the horizon).
    pub relaxed_date: Option<String>,
    pub relaxed_beyond_horizon: bool,
    /// Days late against the due date (without one: against `relaxed_date`); a lower bound
    /// when `beyond_horizon`. The factors' days add up to it exactly.
    pub late_days: i64,
    pub early_days: i64,
    pub factors: Vec<FactorDocument>,
}

#[derive(Debug, Serialize)]
pub struct FactorDocument {
    pub factor: &'static str,
    pub days: f64,
}

#[derive(Debug, Serialize)]
pub struct ProbabilityDocument {
    /// 1 − on-time probability; the factors' probabilities add up to it exactly.
    pub total: f64,
    pub factors: Vec<FactorProbabilityDocument>,
}

#[derive(Debug, Serialize)]
pub struct FactorProbabilityDocument {
    pub factor: &'static str,
    pub probability: f64,
}

fn date(scenario: &Scenario, day: i64) -> String {
    add_days(scenario.start, day).to_string()
}

/// The largest positive share and its fraction of `total` (same unit), if any.
fn top_shares(shares: &[Share], total: i64) -> Vec<(&'static str, f64)> {
    shares
        .iter()
        .filter(|s| s.numerator > 0)
        .take(2)
        .map(|s| {
            let whole = total as f64 * DENOMINATOR as f64;
            (s.factor, s.numerator as f64 / whole)
        })
        .collect()
}

/// "supply (80%): order kits earlier …" or "supply (55%) and staffing (40%): …", naming each
/// factor's action the first time only (`said` remembers).
fn blame(tops: &[(&'static str, f64)], said: &mut Vec<&'static str>) -> String {
    let named: Vec<(&'static str, f64)> = match tops {
        [] => return "no factor to blame".to_string(),
        [first, second, ..] if first.1 < 0.6 => vec![*first, *second],
        [first, ..] => vec![*first],
    };
    let who: Vec<String> = named
        .iter()
        .map(|(factor, share)| format!("{factor} ({})", percent(*share)))
        .collect();
    let actions: Vec<&str> = named
        .iter()
        .filter(|(factor, _)| !said.contains(factor))
        .map(|(factor, _)| action(factor))
        .collect();
    said.extend(named.iter().map(|(factor, _)| *factor));
    if actions.is_empty() {
        who.join(" and ")
    } else {
        format!("{}: {}", who.join(" and "), actions.join("; "))
    }
}

/// The one-paragraph verdict of a milestone: the lateness at each quantile, then the lost
/// probability, each with the factor that takes most of it and what to do.
pub fn verdict(m: &MilestoneWhy) -> String {
    let mut parts = Vec::new();
    let mut said = Vec::new();
    let late: Vec<&QuantileWhy> = m.quantiles.iter().filter(|q| q.late_days() > 0).collect();
    let beyond: Vec<String> = m
        .quantiles
        .iter()
        .filter(|q| q.beyond_the_plan() && q.late_days() == 0)
        .map(|q| quantile_label(q.quantile))
        .collect();
    if !beyond.is_empty() {
        parts.push(format!(
            "{} not reached within the horizon even with every factor relaxed: the plan as \
             written never gets there, so {}.",
            beyond.join(" and "),
            action(PLAN)
        ));
        said.push(PLAN);
    }
    let on_time: Vec<String> = m
        .quantiles
        .iter()
        .filter(|q| q.late_days() == 0 && !q.beyond_the_plan())
        .map(|q| quantile_label(q.quantile))
        .collect();
    let against = if m.due.is_some() {
        "its due date"
    } else {
        "its date with every factor relaxed"
    };
    if !on_time.is_empty() {
        parts.push(format!(
            "on time at {} against {against}: nothing to blame there.",
            on_time.join(" and ")
        ));
    }
    for q in late {
        parts.push(format!(
            "{} is {}{} day{} late; the lateness is {}.",
            quantile_label(q.quantile),
            if q.censored { "at least " } else { "" },
            q.late_days(),
            if q.late_days() == 1 { "" } else { "s" },
            blame(&top_shares(&q.shares, q.late_days()), &mut said)
        ));
    }
    if let Some(p) = &m.probability {
        let late_runs = (p.replications - p.on_time) as i64;
        if late_runs > 0 {
            parts.push(format!(
                "{} of on-time probability lost: {}.",
                points(p.lost()),
                blame(&top_shares(&p.shares, late_runs), &mut said)
            ));
        }
    }
    let mut text = parts.join(" ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text
}

/// Percentage points to one decimal, as in the bars: "4.0 points", "0.5 points".
pub fn points(probability: f64) -> String {
    format!("{:.1} points", probability * 100.0)
}

fn quantile_document(scenario: &Scenario, q: &QuantileWhy) -> QuantileDocument {
    QuantileDocument {
        quantile: q.quantile,
        label: quantile_label(q.quantile),
        date: (!q.censored).then(|| date(scenario, q.day)),
        beyond_horizon: q.censored,
        relaxed_date: (!q.relaxed_censored).then(|| date(scenario, q.relaxed_day)),
        relaxed_beyond_horizon: q.relaxed_censored,
        late_days: q.late_days(),
        early_days: q.early_days(),
        factors: q
            .shares
            .iter()
            .map(|s| FactorDocument {
                factor: s.factor,
                days: s.value(),
            })
            .collect(),
    }
}

fn probability_document(p: &ProbabilityWhy) -> ProbabilityDocument {
    ProbabilityDocument {
        total: p.lost(),
        factors: p
            .shares
            .iter()
            .map(|s| FactorProbabilityDocument {
                factor: s.factor,
                probability: p.probability(s),
            })
            .collect(),
    }
}

pub fn milestone_document(
    scenario: &Scenario,
    result: &Why,
    m: &MilestoneWhy,
) -> MilestoneDocument {
    let forecast = result.actual.milestones.iter().find(|f| f.id == m.id);
    MilestoneDocument {
        id: m.id.clone(),
        due: m.due.map(|d| d.to_string()),
        on_time_probability: forecast.and_then(|f| f.on_time_probability),
        on_time_ci95: forecast.and_then(|f| f.on_time_ci95.map(|(low, high)| [low, high])),
        quantiles: m
            .quantiles
            .iter()
            .map(|q| quantile_document(scenario, q))
            .collect(),
        probability_lost: m.probability.as_ref().map(probability_document),
        verdict: verdict(m),
    }
}

/// A bar of `value` against `longest`, 24 cells wide at most.
fn bar(value: f64, longest: f64) -> String {
    "█".repeat(((value.max(0.0) / longest.max(1e-9)) * 24.0).round() as usize)
}

fn render_quantile(out: &mut String, scenario: &Scenario, m: &MilestoneWhy, q: &QuantileWhy) {
    let label = quantile_label(q.quantile);
    let median = if q.quantile == 0.5 { " (median)" } else { "" };
    let reached = if q.censored {
        format!(
            "not reached by the horizon's end {}",
            date(scenario, q.day - 1)
        )
    } else {
        date(scenario, q.day)
    };
    let against = if m.due.is_some() {
        "the due date"
    } else {
        "its date with every factor relaxed"
    };
    if q.censored && q.relaxed_censored && m.due.is_none() {
        let line = format!(
            "{label}{median} {reached}, even with every factor relaxed: the plan as written \
             does not get there within the horizon."
        );
        writeln!(out, "{}", hanging(&line, "  ", "    ")).ok();
        return;
    }
    if q.late_days() == 0 {
        let line = format!(
            "{label}{median} {reached}: {}, nothing to blame at {label}.",
            match q.early_days() {
                0 => format!("on {against}"),
                1 => format!("1 day before {against}"),
                days => format!("{days} days before {against}"),
            }
        );
        writeln!(out, "{}", hanging(&line, "  ", "    ")).ok();
        return;
    }
    let relaxed = if q.relaxed_censored {
        "still not reached".to_string()
    } else {
        date(scenario, q.relaxed_day)
    };
    let line = format!(
        "{label}{median} {reached}: {}{} day{} late (every factor relaxed: {relaxed})",
        if q.censored { "at least " } else { "" },
        q.late_days(),
        if q.late_days() == 1 { "" } else { "s" },
    );
    writeln!(out, "{}", hanging(&line, "  ", "    ")).ok();
    let longest = q.shares.iter().map(Share::value).fold(0.0, f64::max);
    for s in q.shares.iter().filter(|s| s.numerator != 0) {
        writeln!(
            out,
            "    {:<10} {:>6.1} d  {}",
            s.factor,
            s.value(),
            bar(s.value(), longest)
        )
        .ok();
    }
    no_share(out, &q.shares);
}

/// The factors without a share, on one line.
fn no_share(out: &mut String, shares: &[Share]) {
    let zero: Vec<&str> = shares
        .iter()
        .filter(|s| s.numerator == 0)
        .map(|s| s.factor)
        .collect();
    if !zero.is_empty() {
        writeln!(out, "    (none from {})", zero.join(", ")).ok();
    }
}

fn render_probability(out: &mut String, p: &ProbabilityWhy) {
    if p.on_time == p.replications {
        return;
    }
    writeln!(out, "  On-time probability lost: {}", points(p.lost())).ok();
    let longest = p
        .shares
        .iter()
        .map(|s| p.probability(s))
        .fold(0.0, f64::max);
    for s in p.shares.iter().filter(|s| s.numerator != 0) {
        let value = p.probability(s);
        writeln!(
            out,
            "    {:<10} {:>6.1} pts  {}",
            s.factor,
            value * 100.0,
            bar(value, longest)
        )
        .ok();
    }
    no_share(out, &p.shares);
}

pub fn render(
    scenario: &Scenario,
    result: &Why,
    chosen: &[&MilestoneWhy],
    seed: u64,
    replications: u64,
) -> String {
    let mut out = String::new();
    writeln!(
        out,
        "Why late — {} ({} per subset, seed {seed})",
        crate::words::shown(&scenario.name),
        crate::words::replications(replications)
    )
    .ok();
    for m in chosen {
        writeln!(out).ok();
        let forecast = result.actual.milestones.iter().find(|f| f.id == m.id);
        let heading = match (m.due, forecast.and_then(|f| f.on_time_probability)) {
            (Some(due), Some(probability)) => {
                let interval = forecast
                    .and_then(|f| f.on_time_ci95)
                    .map_or(String::new(), |(low, high)| {
                        format!(" (95% CI {})", percent_range(low, high))
                    });
                format!(
                    "due {due}; on time in {} of runs{interval}",
                    percent(probability)
                )
            }
            _ => "no due date: lateness against its date with every factor relaxed".to_string(),
        };
        writeln!(out, "{} — {heading}", crate::words::shown(&m.id)).ok();
        for q in &m.quantiles {
            render_quantile(&mut out, scenario, m, q);
        }
        if let Some(p) = &m.probability {
            render_probability(&mut out, p);
        }
        writeln!(
            out,
            "{}",
            hanging(&format!("Verdict: {}", verdict(m)), "  ", "           ")
        )
        .ok();
    }
    writeln!(out).ok();
    let factors = analysed(scenario, result);
    let footnote = format!(
        "Days and points are Shapley values over the {}, run on common random numbers: a factor's \
         share is what relaxing it removes, averaged over every order of relaxing; the plan takes \
         what remains with all {} relaxed. They add up exactly.",
        subsets_phrase(factors.len()),
        crate::words::number(factors.len() as u64)
    );
    writeln!(out, "{}", crate::summary::wrap(&footnote, 92)).ok();
    for (factor, meaning) in meanings(&factors) {
        let verb = if factor == "plan" { "=" } else { "relaxed =" };
        let first = format!("  {factor:<10} ");
        let line = format!("{verb} {meaning}");
        writeln!(out, "{}", hanging(&line, &first, &" ".repeat(first.len()))).ok();
    }
    out
}

/// `text` wrapped at 92 columns, the first line after `first`, the others after `rest`.
fn hanging(text: &str, first: &str, rest: &str) -> String {
    let wrapped = crate::summary::wrap(text, 92 - rest.chars().count());
    let mut out = String::new();
    for (index, line) in wrapped.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(if index == 0 { first } else { rest });
        out.push_str(line);
    }
    out
}

impl WhyDocument {
    /// The document of `result`, for the milestones `chosen` (all when `None`).
    pub fn new(
        scenario: &Scenario,
        result: &Why,
        chosen: Option<&str>,
        seed: u64,
        replications: u64,
    ) -> Self {
        WhyDocument {
            scenario: scenario.name.clone(),
            seed,
            replications,
            milestones: result
                .milestones
                .iter()
                .filter(|m| chosen.is_none_or(|wanted| m.id == wanted))
                .map(|m| milestone_document(scenario, result, m))
                .collect(),
            relaxations: meanings(&analysed(scenario, result))
                .into_iter()
                .map(|(factor, relaxed)| RelaxationDocument {
                    factor,
                    relaxed,
                    action: action(factor),
                })
                .collect(),
        }
    }
}

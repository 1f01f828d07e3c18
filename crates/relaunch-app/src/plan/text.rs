//! What `relaunch plan` shows: the plan file (TOML that `extends` the input, commented), the
//! terminal summary (decisions, milestones before and after, cost, rounds) and the JSON
//! document of `--json`.

use std::fmt::Write as _;

use relaunch_core::Scenario;
use relaunch_core::montecarlo::Forecast;
use relaunch_plan::PlanOutcome;
use serde_json::{Value, json};

use super::{PlanKeys, Planned};
use crate::AppError;

fn percent(p: Option<f64>) -> String {
    p.map_or("—".to_string(), |p| format!("{:.0}%", p * 100.0))
}

fn date(d: Option<jiff::civil::Date>) -> String {
    d.map_or("—".to_string(), |d| d.to_string())
}

/// The mean total cost of a forecast, if the scenario has `[costs]`.
fn mean_cost(forecast: &Forecast) -> Option<f64> {
    forecast.costs.as_ref().map(|c| c.total.mean.mean)
}

fn currency(forecast: &Forecast) -> String {
    forecast
        .costs
        .as_ref()
        .and_then(|c| c.currency.clone())
        .unwrap_or_default()
}

/// `1234567.8` as `1,234,568`.
fn grouped(value: f64) -> String {
    let whole = value.round() as i128;
    let digits = whole.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if whole < 0 { format!("-{out}") } else { out }
}

/// One line per dated milestone: due, the input's P50 and on-time, the plan's as verified.
/// A task's finish is marked "(task)": the plan cannot move it.
fn milestone_rows(scenario: &Scenario, input: &Forecast, verified: &Forecast) -> Vec<[String; 6]> {
    input
        .milestones
        .iter()
        .zip(&verified.milestones)
        .enumerate()
        .filter(|(_, (m, _))| m.due.is_some())
        .map(|(index, (before, after))| {
            let task = scenario.milestones.get(index).is_some_and(|m| {
                matches!(m.kind, relaunch_core::model::MilestoneKind::Task { .. })
            });
            [
                if task {
                    format!("{} (task)", before.id)
                } else {
                    before.id.clone()
                },
                date(before.due),
                date(before.p50),
                percent(before.on_time_probability),
                date(after.p50),
                percent(after.on_time_probability),
            ]
        })
        .collect()
}

/// A JSON value as TOML: strings and numbers as they are, objects as inline tables.
fn inline(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let fields: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{} = {}", key(k), inline(v)))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Null => "\"\"".to_string(),
        other => other.to_string(),
    }
}

fn key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        Value::String(k.to_string()).to_string()
    }
}

/// `name = [` one inline table a line `]`.
fn list(out: &mut String, name: &str, items: &Value) {
    let items = items.as_array().map(Vec::as_slice).unwrap_or(&[]);
    if items.is_empty() {
        let _ = writeln!(out, "{name} = []");
        return;
    }
    let _ = writeln!(out, "{name} = [");
    for item in items {
        let _ = writeln!(out, "  {},", inline(item));
    }
    let _ = writeln!(out, "]");
}

/// The plan file.
pub fn plan_file(
    extends: &str,
    scenario: &Scenario,
    input: &Forecast,
    outcome: &PlanOutcome,
    verified: &Forecast,
    keys: &PlanKeys,
    confidence: f64,
) -> Result<String, AppError> {
    let chosen = outcome.chosen();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# A plan made by `relaunch plan` for \"{}\": the least-cost hires, kit orders,\n\
         # release rates and shifts the optimiser found for every dated milestone to be met\n\
         # with probability {} or more, checked by simulation ({} replications, seed {}) and\n\
         # verified on another seed ({}). {}",
        scenario.name.replace('\n', " "),
        percent(Some(confidence)),
        chosen.forecast.replications,
        chosen.forecast.seed,
        verified.seed,
        if outcome.met && verified_meets_forecast(scenario, verified, confidence) {
            format!(
                "Met in round {} of {}, and on the verification seed.",
                outcome.chosen + 1,
                outcome.rounds.len()
            )
        } else if outcome.met {
            "Met on the loop's seed but NOT on the verification seed: see the milestones below."
                .to_string()
        } else {
            "NOT met: the closest round is written; see the milestones below.".to_string()
        }
    );
    let _ = writeln!(
        out,
        "#\n#   milestone            due          input P50   on time  plan P50    on time"
    );
    for row in milestone_rows(scenario, input, verified) {
        let _ = writeln!(
            out,
            "#   {:<20} {:<12} {:<11} {:>7}  {:<11} {:>7}",
            row[0], row[1], row[2], row[3], row[4], row[5]
        );
    }
    if let (Some(before), Some(after)) = (mean_cost(input), mean_cost(verified)) {
        let _ = writeln!(
            out,
            "#\n#   mean cost over the horizon: input {} {cur}, plan {} {cur}",
            grouped(before),
            grouped(after),
            cur = currency(input)
        );
    }
    let _ = writeln!(
        out,
        "#\n# Only the keys below change; everything else is the input's. The planner plans on\n\
         # a line derated to {:.0}% of its mean capacity, and orders kits {} days ahead (the\n\
         # longest planning lead time).",
        100.0 * chosen.inputs.derate,
        chosen
            .inputs
            .kits
            .iter()
            .map(|k| k.lead_days)
            .max()
            .unwrap_or(0)
    );
    let _ = writeln!(out, "extends = {}\n", Value::String(extends.to_string()));
    if let Some(hires) = &keys.hires {
        let _ = writeln!(
            out,
            "[workforce]\n# hires of the plan; each is trained {} days later",
            chosen.inputs.training_days
        );
        list(&mut out, "hires", hires);
        out.push('\n');
    }
    if let Some(shifts) = &keys.shifts {
        let _ = writeln!(
            out,
            "[calendar]\n# shifts planned a workday (trained staff permitting)"
        );
        list(&mut out, "shifts", shifts);
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "[release]\n# starts a workday; phases held at zero are the input's, anchored phases keep\n\
         # their task (the later of the date and the task's finish holds)"
    );
    list(&mut out, "plan", &keys.plan);
    for kit in keys.kits.as_array().map(Vec::as_slice).unwrap_or(&[]) {
        let _ = writeln!(
            out,
            "\n[[kit]]   # restated whole (a variant's [[kit]] list replaces the base's); orders are the plan's"
        );
        if let Some(table) = kit.as_object() {
            for (k, v) in table {
                if v.as_array().is_some_and(|a| a.iter().any(Value::is_object)) {
                    list(&mut out, &key(k), v);
                } else {
                    let _ = writeln!(out, "{} = {}", key(k), inline(v));
                }
            }
        }
    }
    Ok(out)
}

/// The terminal summary.
pub fn summary(planned: &Planned, plan_file: Option<&str>) -> String {
    let outcome = &planned.outcome;
    let chosen = outcome.chosen();
    let mut out = String::new();
    let held = held_milestones(planned);
    let _ = writeln!(
        out,
        "Plan for \"{}\" at {} confidence: {} ({} round{}, {} replications each, seed {}; verified on seed {}).",
        planned.scenario.name,
        percent(Some(planned.confidence)),
        match (outcome.met, held.is_empty()) {
            (true, true) => format!(
                "every dated milestone the plan can move met in round {}, and on the verification seed",
                outcome.chosen + 1
            ),
            (true, false) => format!(
                "met in round {} on the loop's seed but NOT on the verification seed (sampling: \
                 try more replications)",
                outcome.chosen + 1
            ),
            _ => "NOT every milestone can be met; the closest plan is shown".to_string(),
        },
        outcome.rounds.len(),
        if outcome.rounds.len() == 1 { "" } else { "s" },
        planned.replications,
        planned.seed,
        planned.verify_seed,
    );
    let p = &chosen.proposal;
    let inputs = &chosen.inputs;
    let _ = writeln!(out, "\nDecisions");
    if inputs.has_workforce {
        let hires: Vec<String> = p
            .hires
            .iter()
            .map(|&(day, n)| format!("{} ×{n}", inputs.date(day)))
            .collect();
        let _ = writeln!(out, "  hires     {}", or_none(&hires));
    }
    let shifts: Vec<String> = p
        .shifts
        .iter()
        .map(|&(day, n)| format!("from {}: {n}", inputs.date(day)))
        .collect();
    let _ = writeln!(out, "  shifts    {}", or_none(&shifts));
    let release: Vec<String> = planned.release_plan.iter().map(release_entry).collect();
    let _ = writeln!(out, "  release   {}", or_none(&release));
    for (kit, orders) in inputs.kits.iter().zip(&p.orders) {
        let total: u32 = orders.iter().map(|&(_, q)| q).sum();
        let first = orders
            .first()
            .map(|&(d, q)| format!("first {} ×{q}", inputs.date(d)));
        let _ = writeln!(
            out,
            "  kit {}   {} order{}, {} kits{} (planning lead time {} d)",
            kit.id,
            orders.len(),
            if orders.len() == 1 { "" } else { "s" },
            total,
            first.map_or(String::new(), |f| format!(", {f}")),
            kit.lead_days
        );
    }
    let _ = writeln!(
        out,
        "\n  {:<20} {:<11} {:<11} {:>7}  {:<11} {:>8}",
        "milestone", "due", "input P50", "on time", "plan P50", "verified"
    );
    for row in milestone_rows(
        &planned.scenario,
        &planned.input_verified,
        &planned.verified,
    ) {
        let _ = writeln!(
            out,
            "  {:<20} {:<11} {:<11} {:>7}  {:<11} {:>8}",
            row[0], row[1], row[2], row[3], row[4], row[5]
        );
    }
    let short = held_milestones(planned);
    if !short.is_empty() {
        let _ = writeln!(
            out,
            "\nShort of {}: {}.",
            percent(Some(planned.confidence)),
            short.join("; ")
        );
    }
    match (
        mean_cost(&planned.input_verified),
        mean_cost(&planned.verified),
    ) {
        (Some(before), Some(after)) => {
            let change = if before > 0.0 {
                (after - before) / before * 100.0
            } else {
                0.0
            };
            let _ = writeln!(
                out,
                "\nMean cost over the horizon: input {} {cur}, plan {} {cur} ({change:+.1}%).",
                grouped(before),
                grouped(after),
                cur = currency(&planned.input_verified)
            );
            let (made_before, made_after) =
                (planned.input_verified.good.mean, planned.verified.good.mean);
            if made_before > 0.0 && made_after > 0.0 {
                let _ = writeln!(
                    out,
                    "Good units made over the horizon: input {}, plan {}; a good unit costs {} {cur} \
                     in the input, {} {cur} in the plan.",
                    grouped(made_before),
                    grouped(made_after),
                    grouped(before / made_before),
                    grouped(after / made_after),
                    cur = currency(&planned.input_verified)
                );
            }
        }
        _ => {
            let _ = writeln!(
                out,
                "\nThe scenario has no [costs]: the plan uses the fewest person-days and kits."
            );
        }
    }
    if input_meets_for_less(planned) {
        let _ = writeln!(
            out,
            "The input itself meets every dated milestone at {} on the verification seed, and \
             costs less: for the dates alone, keep it.",
            percent(Some(planned.confidence))
        );
    }
    let _ = writeln!(
        out,
        "Optimiser {:.2} s, whole loop {:.1} s.",
        planned.solve_seconds, planned.loop_seconds
    );
    if let Some(file) = plan_file {
        let _ = writeln!(
            out,
            "Wrote {file}: {}",
            if planned.whole_file {
                "the whole scenario the plan makes (planned with --set overrides)."
            } else {
                "a scenario that extends the input with these decisions."
            }
        );
    }
    out
}

/// Whether the plan holds: the loop met the confidence on its seed and the verification run
/// on another seed meets it too (for every dated milestone the plan can move). What `relaunch
/// plan`'s exit code and the page's verdict say.
pub fn holds(planned: &Planned) -> bool {
    planned.outcome.met
        && verified_meets_forecast(&planned.scenario, &planned.verified, planned.confidence)
}

/// Whether `forecast` meets `confidence` for every dated milestone that is not a task's.
fn verified_meets_forecast(scenario: &Scenario, forecast: &Forecast, confidence: f64) -> bool {
    forecast
        .milestones
        .iter()
        .enumerate()
        .filter(|(index, _)| relaunch_plan::movable(scenario, *index))
        .all(|(_, m)| {
            m.on_time_probability
                .is_none_or(|p| p + 1e-12 >= confidence)
        })
}

/// Whether the input, simulated on the verification seed, meets the confidence for every dated
/// milestone (not a task's) at a mean cost below the plan's.
pub fn input_meets_for_less(planned: &Planned) -> bool {
    let meets = verified_meets_forecast(
        &planned.scenario,
        &planned.input_verified,
        planned.confidence,
    );
    let cheaper = match (
        mean_cost(&planned.input_verified),
        mean_cost(&planned.verified),
    ) {
        (Some(input), Some(plan)) => input < plan,
        _ => false,
    };
    meets && cheaper
}

/// Each dated milestone (not a task's) that the verified plan meets less often than the
/// confidence: its probability and the date it is reached by at the confidence, the earliest due
/// date this plan could promise.
fn held_milestones(planned: &Planned) -> Vec<String> {
    planned
        .verified
        .milestones
        .iter()
        .enumerate()
        .filter(|(index, _)| relaunch_plan::movable(&planned.scenario, *index))
        .filter_map(|(_, milestone)| {
            let probability = milestone.on_time_probability?;
            if probability + 1e-12 >= planned.confidence {
                return None;
            }
            let by = milestone
                .days
                .quantile(planned.confidence, milestone.not_reached)
                .map_or_else(
                    || "not within the horizon".to_string(),
                    |day| {
                        format!(
                            "by {} at {}",
                            relaunch_core::schedule::add_days(planned.scenario.start, day as i64),
                            percent(Some(planned.confidence))
                        )
                    },
                );
            Some(format!(
                "{} on time in {} of the runs, reached {by}",
                milestone.id,
                percent(Some(probability))
            ))
        })
        .collect()
}

/// A release entry as the summary shows it: "from 2024-03-26 after certification: 32/day".
fn release_entry(entry: &Value) -> String {
    let mut when = Vec::new();
    if let Some(from) = entry.get("from").and_then(Value::as_str) {
        when.push(format!("from {from}"));
    }
    if let Some(after) = entry.get("after").and_then(Value::as_str) {
        match entry.get("lag").and_then(Value::as_str) {
            Some(lag) => when.push(format!("after {after} +{lag}")),
            None => when.push(format!("after {after}")),
        }
    }
    let per_day = entry.get("per_day").and_then(Value::as_u64).unwrap_or(0);
    format!("{}: {per_day}/day", when.join(" "))
}

fn or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

/// A proposal's decisions as JSON, with dates.
fn decisions(inputs: &relaunch_plan::PlanInputs, p: &relaunch_plan::Proposal) -> Value {
    json!({
        "hires": p.hires.iter().map(|&(d, n)| json!({"date": inputs.date(d).to_string(), "count": n})).collect::<Vec<_>>(),
        "shifts": p.shifts.iter().map(|&(d, n)| json!({"from": inputs.date(d).to_string(), "count": n})).collect::<Vec<_>>(),
        "release": p.release.iter().map(|&(d, n)| json!({"from": inputs.date(d).to_string(), "per_day": n})).collect::<Vec<_>>(),
        "kits": inputs.kits.iter().zip(&p.orders).map(|(k, orders)| json!({
            "id": k.id,
            "lead_days": k.lead_days,
            "cover_days": k.cover_days,
            "orders": orders.iter().map(|&(d, q)| json!({"date": inputs.date(d).to_string(), "quantity": q})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// The `--json` document.
pub fn document(planned: &Planned) -> Value {
    let outcome = &planned.outcome;
    let chosen = outcome.chosen();
    let inputs = &chosen.inputs;
    let p = &chosen.proposal;
    // Input and plan on the same (verification) seed, as the summary shows them.
    let milestones: Vec<Value> = planned
        .input_verified
        .milestones
        .iter()
        .zip(&planned.verified.milestones)
        .filter(|(m, _)| m.due.is_some())
        .map(|(before, after)| {
            json!({
                "id": before.id,
                "due": before.due.map(|d| d.to_string()),
                "input": { "p50": before.p50.map(|d| d.to_string()), "on_time_probability": before.on_time_probability },
                "plan": { "p50": after.p50.map(|d| d.to_string()), "p90": after.p90.map(|d| d.to_string()), "on_time_probability": after.on_time_probability },
                "meets_confidence": after.on_time_probability.is_some_and(|q| q + 1e-12 >= planned.confidence),
            })
        })
        .collect();
    let rounds: Vec<Value> = outcome
        .rounds
        .iter()
        .map(|round| {
            let inputs = &round.inputs;
            json!({
                "planned_cost": round.proposal.cost,
                "decisions": decisions(inputs, &round.proposal),
                "derate": inputs.derate,
                "targets": inputs.targets.iter().zip(&round.proposal.shortfalls).map(|(t, &short)| json!({
                    "milestone": t.id,
                    "planned_by": inputs.date(t.day).to_string(),
                    "planned_shortfall": short,
                })).collect::<Vec<_>>(),
                "short": round.shortfall.milestones.iter().map(|&(i, q)| json!({
                    "milestone": round.forecast.milestones[i].id, "on_time_probability": q
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "scenario": planned.scenario.name,
        "confidence": planned.confidence,
        "met": holds(planned),
        "met_on_loop_seed": outcome.met,
        "input_meets_for_less": input_meets_for_less(planned),
        "seed": planned.seed,
        "verify_seed": planned.verify_seed,
        "replications": planned.replications,
        "decisions": decisions(inputs, p),
        "milestones": milestones,
        "cost": {
            "currency": planned.input_verified.costs.as_ref().and_then(|c| c.currency.clone()),
            "input_mean": mean_cost(&planned.input_verified),
            "plan_mean": mean_cost(&planned.verified),
        },
        "rounds": rounds,
        "chosen_round": outcome.chosen + 1,
        "perf": {
            "optimiser_seconds": planned.solve_seconds,
            "loop_seconds": planned.loop_seconds,
        },
        "plan_file": planned.plan_toml,
    })
}

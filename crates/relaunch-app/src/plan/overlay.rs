//! A proposal written into a scenario: the resolved scenario's document with the planner's hires,
//! shifts, release plan and kit orders in place of the scenario's (to simulate it), and the
//! plan file a user reads: a scenario that `extends` the input with those keys only, each entry
//! commented with what it is for.

use jiff::civil::Date;
use relaunch_plan::{PlanInputs, Proposal, ReleaseDay};
use serde_json::{Map, Value, json};

/// Why a proposal could not be written.
pub type OverlayError = String;

/// The keys the plan sets, as JSON values of the scenario format.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanKeys {
    /// `[workforce] hires`, when the scenario has a workforce.
    pub hires: Option<Value>,
    /// `[calendar] shifts`, when the calendar has shifts.
    pub shifts: Option<Value>,
    /// `[release] plan`.
    pub plan: Value,
    /// Every `[[kit]]`, restated whole (arrays of tables replace the base's), orders replaced.
    pub kits: Value,
}

fn date(inputs: &PlanInputs, day: usize) -> String {
    let date: Date = inputs.date(day);
    date.to_string()
}

/// The plan's keys for `proposal` on the scenario document `resolved`.
pub fn plan_keys(
    resolved: &Value,
    inputs: &PlanInputs,
    proposal: &Proposal,
) -> Result<PlanKeys, OverlayError> {
    let hires = resolved.pointer("/workforce").map(|_| {
        Value::Array(
            proposal
                .hires
                .iter()
                .map(|&(day, count)| json!({ "date": date(inputs, day), "count": count }))
                .collect(),
        )
    });
    let has_shifts = resolved
        .pointer("/calendar")
        .is_some_and(|calendar| calendar.get("always_on") != Some(&Value::Bool(true)));
    let shifts = has_shifts.then(|| {
        Value::Array(
            proposal
                .shifts
                .iter()
                .map(|&(day, count)| json!({ "from": date(inputs, day), "count": count }))
                .collect(),
        )
    });
    let written = resolved
        .pointer("/release/plan")
        .and_then(Value::as_array)
        .ok_or("the planner needs a `[release] plan` to set the starts of")?;
    let plan = Value::Array(release_entries(inputs, proposal, written, has_shifts));
    let kits = kit_tables(resolved, inputs, proposal)?;
    Ok(PlanKeys {
        hires,
        shifts,
        plan,
        kits,
    })
}

/// The release plan: the scenario's phases of zero starts kept as written, at their place; the
/// proposal's rates on the phases with starts. A phase's first entry keeps its own start as
/// written (`from`, or `after` and `lag`) with the plan's rate; a change of rate within a
/// phase is a dated entry carrying its phase's anchor (the later of the two holds); a phase
/// that starts at the rate already running, on a date of its own, is left out. An anchored
/// phase whose task may finish before the plan's shifts can make its rate opens at what they
/// make and takes its rate from the day the shift that makes it starts.
fn release_entries(
    inputs: &PlanInputs,
    proposal: &Proposal,
    written: &[Value],
    has_shifts: bool,
) -> Vec<Value> {
    let mut entries = Vec::new();
    let mut rates = proposal.release.iter().peekable();
    let mut rate_now: Option<u32> = None;
    let mut last: Option<(Option<usize>, Option<u32>)> = None;
    let mut last_written: Option<u64> = None;
    for day in 0..inputs.n_days {
        while rates.peek().is_some_and(|&&(from, _)| from <= day) {
            rate_now = rates.next().map(|&(_, per_day)| per_day);
        }
        let phase = inputs.phase_of_day[day];
        let state = match inputs.release[day] {
            ReleaseDay::Open { phase } => (Some(phase), rate_now),
            ReleaseDay::Closed => match phase {
                // A held phase (zero starts) is written as the scenario has it.
                Some(held) if per_day_of(&written[held]) == Some(0) => (Some(held), Some(0)),
                _ => continue,
            },
        };
        if last == Some(state) {
            continue;
        }
        let phase_begins = last.is_none_or(|(before, _)| before != state.0);
        last = Some(state);
        let (Some(phase), Some(per_day)) = state else {
            continue;
        };
        let source = &written[phase];
        let anchored = source.get("after").is_some();
        if inputs.phase_batch.get(phase).copied().flatten().is_some() {
            // A batch is the programme's: written as the scenario has it.
            if phase_begins {
                entries.push(source.clone());
                last_written = per_day_of(source);
            }
            continue;
        }
        let mut entry = Map::new();
        if phase_begins {
            if !anchored && last_written == Some(u64::from(per_day)) {
                continue;
            }
            for key in ["from", "after", "lag"] {
                if let Some(value) = source.get(key) {
                    entry.insert(key.into(), value.clone());
                }
            }
            if anchored
                && has_shifts
                && let Some(early) = early_opening(inputs, proposal, phase, per_day)
            {
                // The task may finish before the plan's shifts can make the rate: the phase
                // opens at what they make, and takes the rate when the shift that makes it
                // starts (or waits for it when they make nothing).
                match early.most {
                    0 => {
                        entry.insert("from".into(), Value::String(date(inputs, early.full_from)));
                    }
                    most => {
                        let mut first = entry.clone();
                        first.insert("per_day".into(), json!(most));
                        entries.push(Value::Object(first));
                        entry.insert("from".into(), Value::String(date(inputs, early.full_from)));
                    }
                }
            }
        } else {
            entry.insert("from".into(), Value::String(date(inputs, day)));
            for key in ["after", "lag"] {
                if let Some(value) = source.get(key) {
                    entry.insert(key.into(), value.clone());
                }
            }
        }
        entry.insert("per_day".into(), json!(per_day));
        entries.push(Value::Object(entry));
        last_written = Some(u64::from(per_day));
    }
    entries
}

/// A phase that may open before the plan's shifts can make its rate.
struct EarlyOpening {
    /// Starts a workday the shifts in force on its earliest day make at most.
    most: u32,
    /// The first day from then on whose shifts make the rate.
    full_from: usize,
}

/// Whether anchored phase `phase`, planned at `per_day`, may open (its task finishing early, or
/// on the scenario's planned date) on a day whose shifts in the proposal cannot make that rate
/// even at mature speed (what the pre-flight check would flag).
fn early_opening(
    inputs: &PlanInputs,
    proposal: &Proposal,
    phase: usize,
    per_day: u32,
) -> Option<EarlyOpening> {
    let earliest = *inputs.phase_earliest.get(phase)?;
    let most_on = |day: usize| -> f64 {
        let shifts = proposal
            .shifts
            .iter()
            .take_while(|&&(from, _)| from <= day)
            .last()
            .map_or(0, |&(_, count)| count);
        inputs
            .mature_per_shifts
            .get(shifts as usize)
            .copied()
            .unwrap_or(f64::INFINITY)
    };
    let makes = |day: usize| f64::from(per_day) <= most_on(day) * (1.0 + 1e-9);
    if makes(earliest) {
        return None;
    }
    let full_from = (earliest..inputs.n_days).find(|&day| makes(day))?;
    Some(EarlyOpening {
        most: (most_on(earliest) * (1.0 + 1e-9))
            .floor()
            .min(f64::from(per_day)) as u32,
        full_from,
    })
}

fn per_day_of(entry: &Value) -> Option<u64> {
    entry.get("per_day").and_then(Value::as_u64)
}

fn kit_tables(
    resolved: &Value,
    inputs: &PlanInputs,
    proposal: &Proposal,
) -> Result<Value, OverlayError> {
    let Some(kits) = resolved.get("kit").and_then(Value::as_array) else {
        return Ok(Value::Array(Vec::new()));
    };
    let mut tables = Vec::with_capacity(kits.len());
    for (index, kit) in kits.iter().enumerate() {
        let mut table = kit
            .as_object()
            .cloned()
            .ok_or("a [[kit]] that is not a table")?;
        // The scenario's orders follow a task (the partner's contract): so do the plan's.
        let anchor = kit
            .get("orders")
            .and_then(Value::as_array)
            .and_then(|orders| orders.iter().find(|order| order.get("after").is_some()))
            .map(|order| (order["after"].clone(), order.get("lag").cloned()));
        let orders = proposal.orders.get(index).map_or_else(Vec::new, |orders| {
            orders
                .iter()
                .map(|&(day, quantity)| {
                    let mut order = Map::new();
                    // An order placed as soon as its task allows goes out with the task, as
                    // the input's: no date of its own to hold it back.
                    let with_task = anchor.is_some()
                        && inputs
                            .kits
                            .get(index)
                            .is_some_and(|k| k.first_order_day == day);
                    if !with_task {
                        order.insert("first".into(), Value::String(date(inputs, day)));
                    }
                    if let Some((after, lag)) = &anchor {
                        order.insert("after".into(), after.clone());
                        if let Some(lag) = lag {
                            order.insert("lag".into(), lag.clone());
                        }
                    }
                    order.insert("quantity".into(), json!(quantity));
                    Value::Object(order)
                })
                .collect()
        });
        table.insert("orders".into(), Value::Array(orders));
        tables.push(Value::Object(table));
    }
    Ok(Value::Array(tables))
}

/// `resolved` with the plan's keys in place: the whole scenario the plan makes.
pub fn apply(resolved: &Value, keys: &PlanKeys) -> Value {
    let mut document = resolved.clone();
    if let (Some(hires), Some(workforce)) = (&keys.hires, document.pointer_mut("/workforce")) {
        workforce["hires"] = hires.clone();
    }
    if let (Some(shifts), Some(calendar)) = (&keys.shifts, document.pointer_mut("/calendar")) {
        calendar["shifts"] = shifts.clone();
    }
    if let Some(release) = document.pointer_mut("/release") {
        release["plan"] = keys.plan.clone();
    }
    if document.get("kit").is_some() {
        document["kit"] = keys.kits.clone();
    }
    document
}

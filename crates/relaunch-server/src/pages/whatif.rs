//! The what-if panel of a programme page: a few inputs read from the latest version (each hire
//! wave's date, each kit's lead time, the planned shifts), each naming the key path it
//! overrides (`data-path`), sent by the script to `/dashboard/whatif` as `overrides`.

use jiff::civil::Date;
use maud::{Markup, html};
use relaunch_app::tracking::whatif::{Basis, Defaults};
use serde_json::Value;

/// One input of the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIfInput {
    /// The key path it overrides, such as `workforce.hires[1].date`.
    pub path: String,
    pub label: String,
    pub kind: InputKind,
}

/// What an input holds, and how the script turns it into an override's value.
#[derive(Debug, Clone, PartialEq)]
pub enum InputKind {
    /// A date `YYYY-MM-DD`.
    Date(String),
    /// A whole number.
    Count(i64),
    /// Days of a lead time written `"Nd"`.
    Days(i64),
    /// The mode of a triangular lead time in days; the script moves min and max with it.
    TriangularDays { min: i64, mode: i64, max: i64 },
}

/// `"23d"` as 23.
fn days(value: &Value) -> Option<i64> {
    value.as_str()?.strip_suffix('d')?.parse().ok()
}

/// The inputs of the panel for the resolved scenario `scenario`.
pub fn inputs(scenario: &Value) -> Vec<WhatIfInput> {
    let mut inputs = Vec::new();
    if let Some(hires) = scenario
        .pointer("/workforce/hires")
        .and_then(Value::as_array)
    {
        for (index, hire) in hires.iter().enumerate() {
            if let Some(date) = hire.get("date").and_then(Value::as_str) {
                let count = hire.get("count").and_then(Value::as_i64).unwrap_or(0);
                inputs.push(WhatIfInput {
                    path: format!("workforce.hires[{index}].date"),
                    label: format!("Hire wave {} ({count} people) on", index + 1),
                    kind: InputKind::Date(date.to_string()),
                });
            }
        }
    }
    if let Some(kits) = scenario.get("kit").and_then(Value::as_array) {
        for kit in kits {
            let (Some(id), Some(lead)) =
                (kit.get("id").and_then(Value::as_str), kit.get("lead_time"))
            else {
                continue;
            };
            let kind = match lead {
                Value::String(_) => days(lead).map(InputKind::Days),
                Value::Object(dist)
                    if dist.get("dist").and_then(Value::as_str) == Some("triangular") =>
                {
                    match (
                        dist.get("min").and_then(days),
                        dist.get("mode").and_then(days),
                        dist.get("max").and_then(days),
                    ) {
                        (Some(min), Some(mode), Some(max)) => {
                            Some(InputKind::TriangularDays { min, mode, max })
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            if let Some(kind) = kind {
                inputs.push(WhatIfInput {
                    path: format!("kit[{id}].lead_time"),
                    label: format!("Lead time of kit {id}, days (most likely)"),
                    kind,
                });
            }
        }
    }
    match scenario.pointer("/calendar/shifts") {
        Some(Value::Number(count)) => inputs.push(WhatIfInput {
            path: "calendar.shifts".to_string(),
            label: "Shifts a day".to_string(),
            kind: InputKind::Count(count.as_i64().unwrap_or(1)),
        }),
        Some(Value::Array(phases)) => {
            for (index, phase) in phases.iter().enumerate() {
                let from = phase
                    .get("from")
                    .and_then(Value::as_str)
                    .unwrap_or("the start");
                if let Some(count) = phase.get("count").and_then(Value::as_i64) {
                    inputs.push(WhatIfInput {
                        path: format!("calendar.shifts[{index}].count"),
                        label: format!("Shifts a day from {from}"),
                        kind: InputKind::Count(count),
                    });
                }
            }
        }
        _ => {}
    }
    inputs
}

/// One input; `as_of` (a what-if from the actuals to that day) bounds the dates: a date after
/// it may move only to after it (`min`), a date on or before it is what already happened and
/// cannot be changed here (read-only).
fn input(item: &WhatIfInput, index: usize, as_of: Option<Date>) -> Markup {
    let id = format!("whatif-{index}");
    html! {
        label for=(id) { (item.label) }
        @match &item.kind {
            InputKind::Date(date) => {
                @let past = as_of.zip(date.parse::<Date>().ok()).filter(|(as_of, date)| date <= as_of).map(|(as_of, _)| as_of);
                @let min = as_of.and_then(|as_of| as_of.tomorrow().ok()).map(|day| day.to_string());
                @match past {
                    Some(as_of) => input id=(id) type="date" value=(date) data-path=(item.path) data-kind="date" data-original=(date) readonly
                        title={ "already past: the actuals to " (as_of) " say what happened" };,
                    None => input id=(id) type="date" value=(date) min=[min] data-path=(item.path) data-kind="date" data-original=(date);,
                }
            }
            InputKind::Count(count) => input id=(id) type="number" min="0" max="4" step="1" value=(count) data-path=(item.path) data-kind="count" data-original=(count);,
            InputKind::Days(days) => input id=(id) type="number" min="0" step="1" value=(days) data-path=(item.path) data-kind="days" data-original=(days);,
            InputKind::TriangularDays { min, mode, max } => input id=(id) type="number" min="0" step="1" value=(mode)
                data-path=(item.path) data-kind="triangular-days" data-original=(mode)
                data-min=(min) data-mode=(mode) data-max=(max)
                title={ "triangular " (min) "–" (mode) "–" (max) " days; min and max move with it" };,
        }
    }
}

/// The panel: the inputs, the replications and the button; `defaults` say where the what-if
/// starts (the stored forecast's as-of state, else the plan from day 0) and its replications.
pub fn panel(inputs: &[WhatIfInput], defaults: &Defaults) -> Markup {
    let as_of = match defaults.basis {
        Basis::Actuals { as_of, .. } => Some(as_of),
        Basis::Plan => None,
    };
    html! {
        section #whatif-panel.panel {
            h2 { "What if?" }
            p.note {
                "Change a few inputs and run the changed scenario (nothing is stored) "
                @match as_of {
                    Some(as_of) => {
                        "from the actuals, at the stored forecast's as-of date, " (as_of.to_string())
                        " (the plant as it stood then: only what is still to come can change, so a \
                         date moves to after it at the earliest)"
                    }
                    None => "as a plan from day 0 (no actuals yet)",
                }
                ": the milestone table and the fan of cumulative output below are replaced by \
                 the what-if's. Only the inputs you change are sent. It runs "
                (defaults.replications) " replications unless you say otherwise (the stored \
                 forecast's, up to 1,000: with no change it gives the stored forecast's figures)."
            }
            form #whatif.whatif {
                @for (index, item) in inputs.iter().enumerate() { (input(item, index, as_of)) }
                label for="whatif-replications" { "Replications" }
                input #whatif-replications type="number" min="10" max="2000" step="1" value=(defaults.replications);
                div.buttons {
                    button type="submit" { "Run the what-if" }
                    button #whatif-reset type="button" { "Back to the stored forecast" }
                }
            }
            (super::layout::progress("whatif-progress"))
            p #whatif-status.small {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn hires_kits_and_shifts_become_inputs() {
        let scenario = json!({
            "workforce": {"hires": [{"date": "2023-10-02", "count": 30}]},
            "kit": [{"id": "k", "lead_time": {"dist": "triangular", "min": "23d", "mode": "28d", "max": "50d"}},
                    {"id": "j", "lead_time": "10d"}, {"id": "x", "lead_time": "3w"}],
            "calendar": {"shifts": [{"from": "2023-11-01", "count": 1}]},
        });
        let found = inputs(&scenario);
        let paths: Vec<&str> = found.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "workforce.hires[0].date",
                "kit[k].lead_time",
                "kit[j].lead_time",
                "calendar.shifts[0].count"
            ]
        );
        assert_eq!(
            found[1].kind,
            InputKind::TriangularDays {
                min: 23,
                mode: 28,
                max: 50
            }
        );
        assert_eq!(
            inputs(&json!({"calendar": {"shifts": 2}}))[0].kind,
            InputKind::Count(2)
        );
    }
}

//! Wire types of the programme: `[[task]]`, `[[risk]]`, and the lag of the dates that start
//! after a task.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use super::{WireDate, WireDistribution};

/// A lag: whole days, with a unit, possibly negative (a lead), like `"3d"`, `"2w"`, `"-5d"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WireLag(pub String);

impl JsonSchema for WireLag {
    fn schema_name() -> Cow<'static, str> {
        "Lag".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^\s*-?\s*([0-9]+\.?[0-9]*|\.[0-9]+)\s*(s|min|h|d|w)\s*$",
            "description": "A lag: a whole number of days written as a duration (\"3d\", \"2w\"), negative for a lead (\"-5d\"), from -3650 to 3650 days. \"3h\" is refused: a lag is whole days.",
            "examples": ["3d", "2w", "-5d"]
        })
    }
}

/// `[[task]]`: a task of the programme. It takes whole days (a drawn duration is rounded to the
/// nearest day) and starts when its predecessors have finished (finish-to-start, plus a lag),
/// not before `from` and not before the scenario start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("dependentRequired" = { "lag": ["after"] }))]
pub struct WireTask {
    /// Unique task id, used in `after`, `[[risk]] task` and `[[milestone]] task`.
    pub id: String,
    /// How long it takes: any distribution of durations, like a cycle time ("0d" is a task of
    /// no days).
    pub duration: WireDistribution,
    /// The tasks it follows (finish-to-start): one id, or a list of ids and
    /// `{ task = "id", lag = "3d" }` links. Default: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<WireAfter>,
    /// Whole days between each predecessor's finish and this task's start, negative for a
    /// lead (a link's own `lag` wins). Default "0d".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<WireLag>,
    /// Starts no earlier than this date (on or after the scenario start). Default: the
    /// scenario start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<WireDate>,
    /// Count the duration in workdays of the plant calendar (its weekdays, not holidays or
    /// shutdowns) instead of calendar days. Default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workdays: Option<bool>,
}

/// `after` of a [[task]]: one task id, or a list of predecessors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum WireAfter {
    /// One predecessor's id.
    One(String),
    /// Predecessors: ids or links with their own lag.
    Many(Vec<WirePredecessor>),
}

/// One predecessor of a task: its id, or a link with its own lag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum WirePredecessor {
    /// The predecessor's id (the task's `lag` applies).
    Id(String),
    /// A predecessor with its own lag.
    Link(WireLink),
}

/// A finish-to-start link with its own lag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireLink {
    /// The predecessor's id.
    pub task: String,
    /// Whole days from its finish to this task's start, negative for a lead. Default: the
    /// task's `lag`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<WireLag>,
}

/// `[[risk]]`: a risk of the register, drawn once per replication, with exactly one impact:
/// `task` + `delay` (the task takes longer), `kit` + `lead_time_delay` (the kit's deliveries
/// due in the window `from`..`until` arrive later: a shipping disruption), or `yield_drop`
/// with `from` and `until` (first-pass yield lower for a period).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [
    {
        "required": ["task", "delay"],
        "not": { "anyOf": [
            { "required": ["kit"] }, { "required": ["lead_time_delay"] },
            { "required": ["yield_drop"] }, { "required": ["from"] }, { "required": ["until"] }
        ] }
    },
    {
        "required": ["kit", "lead_time_delay"],
        "not": { "anyOf": [
            { "required": ["task"] }, { "required": ["delay"] }, { "required": ["yield_drop"] }
        ] }
    },
    {
        "required": ["yield_drop", "from", "until"],
        "not": { "anyOf": [
            { "required": ["task"] }, { "required": ["delay"] },
            { "required": ["kit"] }, { "required": ["lead_time_delay"] }
        ] }
    }
]))]
pub struct WireRisk {
    /// Unique risk id, used in `imply`.
    pub id: String,
    /// Chance it occurs in a replication, from 0 to 1.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub probability: f64,
    /// Id of the [[task]] it delays (with `delay`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    /// How much longer the task takes when the risk occurs (rounded to whole days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay: Option<WireDistribution>,
    /// Id of the [[kit]] whose deliveries it delays (with `lead_time_delay`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kit: Option<String>,
    /// How much later the kit's deliveries due in the window arrive (one draw per replication,
    /// rounded to whole days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_time_delay: Option<WireDistribution>,
    /// How much lower the first-pass yield is in the window, greater than 0 and at most 1 (not
    /// below 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 1.0), extend("exclusiveMinimum" = 0.0))]
    pub yield_drop: Option<f64>,
    /// First day of the window (kit and yield risks; required for a yield drop). Default for
    /// a kit: the scenario start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<WireDate>,
    /// Last day of the window, on or after `from` (kit and yield risks; required for a yield
    /// drop). Default for a kit: the horizon's last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<WireDate>,
    /// Ids of risks that occur whenever this one does (correlated risks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imply: Option<Vec<String>>,
}

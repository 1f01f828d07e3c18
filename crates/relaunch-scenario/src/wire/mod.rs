//! Wire types of the scenario file: the TOML shape as serde and JSON Schema see it.
//!
//! These types are the one description of the format: they generate [`crate::json_schema`],
//! and the keys the reader accepts are read from them (`keys.rs`: serde's field names, and the
//! distribution kinds from the schema). They are not the validated model: the reader in
//! `convert/` walks the spanned tree directly (so that it reports every problem with its line
//! and column) and builds `relaunch_core` types. Add a key here and the reader accepts it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

mod programme;

pub use programme::{WireAfter, WireLag, WireLink, WirePredecessor, WireRisk, WireTask};

/// A duration: a string with a unit, `"90s"`, `"4.5min"`, `"8h"`, `"45d"` or `"2w"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WireDuration(pub String);

impl JsonSchema for WireDuration {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^\s*([0-9]+\.?[0-9]*|\.[0-9]+)\s*(s|min|h|d|w)\s*$",
            "description": "A duration: a number and a unit, s (seconds), min (minutes), h (hours), d (days) or w (weeks), like \"90s\", \"4.5min\", \"8h\", \"45d\", \"2w\". A bare number is refused.",
            "examples": ["90s", "4.5min", "8h", "45d", "2w"]
        })
    }
}

/// A plant-local civil date `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WireDate(pub String);

impl JsonSchema for WireDate {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "An ISO date YYYY-MM-DD, plant-local, written as a quoted string (\"2024-03-25\"); impossible dates such as 2024-02-30 are refused.",
            "examples": ["2024-03-25"]
        })
    }
}

/// A distribution of durations: a bare duration string (a constant) or a table with `dist`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum WireDistribution {
    /// A constant duration.
    Constant(WireDuration),
    /// A random duration.
    Table(WireDistributionTable),
}

/// A random duration, named by `dist`. Every parameter except `cv` and `shape` is a duration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "dist", rename_all = "lowercase", deny_unknown_fields)]
pub enum WireDistributionTable {
    /// Always `value`.
    Constant { value: WireDuration },
    /// Exponential with the given mean (must be greater than zero).
    Exponential { mean: WireDuration },
    /// Lognormal with the given mean and coefficient of variation (sd / mean, a number).
    Lognormal { mean: WireDuration, cv: f64 },
    /// Triangular on [min, max] with the given mode.
    Triangular {
        min: WireDuration,
        mode: WireDuration,
        max: WireDuration,
    },
    /// Uniform on [min, max].
    Uniform {
        min: WireDuration,
        max: WireDuration,
    },
    /// Normal with the given mean and standard deviation, truncated at zero.
    Normal {
        mean: WireDuration,
        sd: WireDuration,
    },
    /// Gamma with the given mean and coefficient of variation (a number greater than zero).
    Gamma { mean: WireDuration, cv: f64 },
    /// Weibull with a dimensionless `shape` and a `scale` duration.
    Weibull { shape: f64, scale: WireDuration },
    /// Each of `values` equally likely.
    Empirical { values: Vec<WireDuration> },
}

/// A whole scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "relaunch scenario")]
pub struct WireScenarioFile {
    /// Path of a base scenario, relative to this file. This file overrides the base table by
    /// table and key by key; arrays (such as `[[station]]`) replace the base's array whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    pub scenario: WireScenario,
    /// The shift calendar; omit it (or set `always_on = true`) for a 24/7 clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<WireCalendar>,
    /// The stations of the plant (at least one).
    pub station: Vec<WireStation>,
    /// Maintenance crews that repair failed stations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub crew: Vec<WireCrew>,
    /// The products (at least one).
    pub product: Vec<WireProduct>,
    /// Kit supplies; none means no kit limit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kit: Vec<WireKit>,
    /// Hires, training and attrition; none means no staffing limit. Needs a shift calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workforce: Option<WireWorkforce>,
    /// Learning curves; none means no learning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learning: Option<WireLearning>,
    pub release: WireRelease,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestone: Vec<WireMilestone>,
    /// The localization ledger: points per item against thresholds by date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localization: Option<WireLocalization>,
    /// What the plant costs to run (labour, overhead, carrying kits), beside the kit prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub costs: Option<WireCosts>,
    /// `[[task]]`: the programme's tasks (partner deal, re-tooling, certification, ...), whose
    /// uncertain durations gate the dates that start `after` them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub task: Vec<WireTask>,
    /// `[[risk]]`: the risk register; each risk occurs in a replication with its probability.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risk: Vec<WireRisk>,
}

/// `[scenario]`: name, day 0, horizon and Monte Carlo defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireScenario {
    /// Human-readable name.
    pub name: String,
    /// Day 0 of the simulation, plant-local.
    pub start: WireDate,
    /// Length of the simulated period: greater than zero and at most 50 years.
    pub horizon: WireDuration,
    /// Time at the start excluded from throughput, WIP, flow time and utilisation; shorter
    /// than the horizon. Default "0d".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warmup: Option<WireDuration>,
    /// Default seed (the CLI's --seed overrides it). Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub seed: Option<u64>,
    /// Default number of replications, at least 1 (the CLI's --replications overrides it).
    /// Default 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub replications: Option<u32>,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WireWeekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

/// `[calendar]`: when the plant works.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireCalendar {
    /// `true` for a 24/7 clock; then no other calendar key is allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub always_on: Option<bool>,
    /// Workdays, each once. Default mon to fri.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workdays: Option<Vec<WireWeekday>>,
    /// Length of one shift. Default "8h". Each phase's `shifts` x `shift_length` is at most
    /// 24 h.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift_length: Option<WireDuration>,
    /// Shifts planned per workday: a number (at least 1) for the whole horizon, or a list of
    /// phases `{ from, count }` sorted by `from`. Planned shifts are exactly these; trained
    /// staff may run fewer. Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shifts: Option<WireShifts>,
    /// Time of day the first shift starts, "HH:MM". Default "06:00".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"))]
    pub first_shift_start: Option<String>,
    /// Days off that would otherwise be workdays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holidays: Option<Vec<WireDate>>,
    /// Closed periods, both ends inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shutdowns: Option<Vec<WireShutdown>>,
}

/// A closed period, `from` and `to` inclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireShutdown {
    pub from: WireDate,
    /// On or after `from`.
    pub to: WireDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `shifts` in `[calendar]`: one number for every workday, or phases that change it over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum WireShifts {
    /// Shifts on every workday of the horizon, at least 1.
    Count(#[schemars(range(min = 1))] u32),
    /// Shift phases, sorted by `from` (strictly increasing). Before the first phase's `from`
    /// no shift is planned.
    Phases(Vec<WireShiftPhase>),
}

/// From `from` (or the day after task `after` finishes, plus `lag`) on, `count` shifts on each
/// workday; 0 closes the plant until the next phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("anyOf" = [{ "required": ["from"] }, { "required": ["after"] }]))]
#[schemars(extend("dependentRequired" = { "lag": ["after"] }))]
pub struct WireShiftPhase {
    /// The phase's first day; or give `after` instead (with both, the later of the two).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<WireDate>,
    pub count: u32,
    /// Id of the [[task]] after whose finish the phase starts (instead of `from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Whole days between the task's finish and the phase's first day (only with `after`;
    /// negative for a lead). Default "0d".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<WireLag>,
}

/// The word "unlimited".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub enum WireUnlimited {
    #[serde(rename = "unlimited")]
    Unlimited,
}

/// Places in front of a station: a whole number of 0 or more, or "unlimited".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum WireBuffer {
    Places(u32),
    Unlimited(WireUnlimited),
}

/// `[[station]]`: one or more identical parallel servers with a buffer in front.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireStation {
    /// Unique station id, used in product routes.
    pub id: String,
    /// Optional grouping (body, paint, assembly, eol ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shop: Option<String>,
    /// Parallel capacity, at least 1. Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub servers: Option<u32>,
    /// Standard cycle time before learning; its mean must be greater than zero.
    pub cycle: WireDistribution,
    /// Places in front of the station. Default "unlimited".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buffer: Option<WireBuffer>,
    /// Operators per shift needed to run this station. Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operators: Option<u32>,
    /// Breakdowns; none means the station never fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<WireFailure>,
    /// Units are inspected (first-pass yield applied) when they leave this station.
    /// Default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspection: Option<bool>,
    /// Units that fail inspection are sent here (at most one rework station). Default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rework: Option<bool>,
}

/// Breakdowns of each server; time to failure counts operating time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireFailure {
    /// Time to failure (operating time), mean greater than zero.
    pub ttf: WireDistribution,
    /// Time to repair, mean greater than zero.
    pub ttr: WireDistribution,
    /// Id of the [[crew]] that repairs it; none means repair starts at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crew: Option<String>,
}

/// `[[crew]]`: a maintenance crew of limited size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireCrew {
    pub id: String,
    /// Number of technicians, at least 1.
    #[schemars(range(min = 1))]
    pub size: u32,
}

/// `[[product]]`: a route through stations, a share of releases, optionally a kit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireProduct {
    pub id: String,
    /// Station ids in order, at least one.
    #[schemars(length(min = 1))]
    pub route: Vec<String>,
    /// Relative share of releases, greater than zero. Default 1.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mix: Option<f64>,
    /// Id of the [[kit]] consumed at release, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kit: Option<String>,
    /// This product's cycle at some stations of its route, over the station's own `cycle`:
    /// a table from station id to a distribution, e.g.
    /// `{ "final-1" = { dist = "lognormal", mean = "32min", cv = 0.15 } }`. Each station must
    /// be on this product's `route`. Draws come from the product's own stream at the station
    /// (one product's cycles never shift another's draws), and the learning curve counts
    /// every unit the station starts, whatever its product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle: Option<BTreeMap<String, WireDistribution>>,
}

/// Kit level.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub enum WireKitKind {
    #[serde(rename = "SKD")]
    Skd,
    #[serde(rename = "CKD")]
    Ckd,
    #[serde(rename = "local")]
    Local,
}

/// `[[kit]]`: stock on day 0, recurring orders and known shipments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireKit {
    pub id: String,
    /// SKD, CKD or local. Default SKD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<WireKitKind>,
    /// Kits in stock on day 0. Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_stock: Option<u32>,
    /// Recurring orders; each arrives a lead time after dispatch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orders: Option<Vec<WireKitOrder>>,
    /// Shipments already in transit, with known arrival dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipments: Option<Vec<WireKitShipment>>,
    /// Time from dispatch to arrival. Default "0d" (zero is allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_time: Option<WireDistribution>,
    /// Price of one kit, from 0 to 10^12, in `currency`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1e12))]
    pub price: Option<f64>,
    /// Currency of `price`, like "RUB" or "CNY".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// `quantity` kits dispatched on `first` (or the day after task `after` finishes, plus `lag`),
/// then every `every` while on or before `until`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("anyOf" = [{ "required": ["first"] }, { "required": ["after"] }]))]
#[schemars(extend("dependentRequired" = { "lag": ["after"] }))]
pub struct WireKitOrder {
    /// The first dispatch date; or give `after` instead (with both, the later of the two).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<WireDate>,
    /// Whole days between dispatches (like "14d" or "2w"); none means a single order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<WireDuration>,
    /// Kits per order, at least 1.
    #[schemars(range(min = 1))]
    pub quantity: u32,
    /// Last possible dispatch date, on or after `first`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<WireDate>,
    /// Id of the [[task]] after whose finish the first order is dispatched (instead of
    /// `first`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Whole days between the task's finish and the first dispatch (only with `after`;
    /// negative for a lead). Default "0d".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<WireLag>,
}

/// A shipment whose arrival date is known, or that arrives after a task (`after`, `lag`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("anyOf" = [{ "required": ["arrives"] }, { "required": ["after"] }]))]
#[schemars(extend("dependentRequired" = { "lag": ["after"] }))]
pub struct WireKitShipment {
    /// The arrival date; or give `after` instead (with both, the later of the two).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrives: Option<WireDate>,
    /// Kits in the shipment, at least 1.
    #[schemars(range(min = 1))]
    pub quantity: u32,
    /// Id of the [[task]] after whose finish the shipment arrives (instead of `arrives`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Whole days between the task's finish and the arrival (only with `after`; negative for
    /// a lead). Default "0d".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<WireLag>,
}

/// `[workforce]`: hires, training, attrition, replacement of leavers, training places and
/// absenteeism; the trained staff present limit the shifts that run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireWorkforce {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hires: Option<Vec<WireHire>>,
    /// Time from hire until the person can work. Default "0d".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<WireDuration>,
    /// Fraction of staff leaving per year, in [0, 1). Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0), extend("exclusiveMaximum" = 1.0))]
    pub attrition_per_year: Option<f64>,
    /// Leavers are replaced: a new hire arrives the recruiting lead time after a person left
    /// (rounded up to whole days), then trains, and may leave and be replaced in turn.
    /// Default: leavers are not replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replace_leavers: Option<WireReplaceLeavers>,
    /// People in training at once, at least 1; the rest wait on the payroll, first hired
    /// first trained. Default: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub training_capacity: Option<u32>,
    /// Share of trained staff absent on a workday, in [0, 1): each trained person is at work
    /// on a workday with probability 1 − absenteeism. Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0), extend("exclusiveMaximum" = 1.0))]
    pub absenteeism: Option<f64>,
}

/// `replace_leavers` in `[workforce]`: how leavers are replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireReplaceLeavers {
    /// Time from a person leaving to the replacement's hiring day ("0d" for at once).
    pub lead_time: WireDistribution,
}

/// People hired on a date, or after a task (`after`, `lag`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("anyOf" = [{ "required": ["date"] }, { "required": ["after"] }]))]
#[schemars(extend("dependentRequired" = { "lag": ["after"] }))]
pub struct WireHire {
    /// The hiring date; or give `after` instead (with both, the later of the two).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<WireDate>,
    /// At least 1.
    #[schemars(range(min = 1))]
    pub count: u32,
    /// Id of the [[task]] after whose finish they are hired (instead of `date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Whole days between the task's finish and the hiring day (only with `after`; negative
    /// for a lead). Default "0d".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<WireLag>,
}

/// A learning-curve model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WireLearningModel {
    /// No learning.
    None,
    /// Unit time T_x = T_1 x^b.
    Crawford,
    /// Cumulative average avg(N) = T_1 N^b.
    Wright,
    /// T_x = a (x + B)^b, B = `prior_units`.
    StanfordB,
    /// T_x = T_1 (M + (1 - M) x^b), M = `incompressible`.
    Dejong,
}

/// `[learning]`: learning curves on cycle time and first-pass yield.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireLearning {
    /// Default none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<WireLearningModel>,
    /// Learning rate in (0, 1]; 0.85 is an 85% curve. Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 1.0), extend("exclusiveMinimum" = 0.0))]
    pub rate: Option<f64>,
    /// Unit 1 takes this multiple of the standard cycle, at least 1. Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1.0))]
    pub first_unit_factor: Option<f64>,
    /// Stanford-B's B: units of prior experience, 0 or more (only with model = "stanford-b").
    /// Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub prior_units: Option<f64>,
    /// DeJong's M: the incompressible fraction in [0, 1] (only with model = "dejong").
    /// Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub incompressible: Option<f64>,
    /// First-pass yield climbing from `initial` to `mature` along the same curve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_pass_yield: Option<WireYield>,
}

/// First-pass yield probabilities, `initial` <= `mature`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireYield {
    #[schemars(range(min = 0.0, max = 1.0))]
    pub initial: f64,
    #[schemars(range(min = 0.0, max = 1.0))]
    pub mature: f64,
}

/// `[release]` (required): exactly one of `plan`, `arrivals` or `saturated = true`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireRelease {
    /// Planned starts per workday by phase, sorted by `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Vec<WirePlanPhase>>,
    /// Time between releases (a renewal process in operating time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrivals: Option<WireDistribution>,
    /// The first station of every route never waits for work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saturated: Option<bool>,
    /// Total units released, at least 1. Default: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub limit: Option<u64>,
}

/// From `from` (or the day after task `after` finishes, plus `lag`) on, `per_day` planned
/// starts per workday.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("anyOf" = [{ "required": ["from"] }, { "required": ["after"] }]))]
#[schemars(extend("dependentRequired" = { "lag": ["after"] }))]
pub struct WirePlanPhase {
    /// The phase's first day; or give `after` instead (with both, the later of the two).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<WireDate>,
    pub per_day: u32,
    /// Id of the [[task]] after whose finish the phase starts (instead of `from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Whole days between the task's finish and the phase's first day (only with `after`;
    /// negative for a lead). Default "0d".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<WireLag>,
}

/// `[[milestone]]`: exactly one of `cumulative`, `rate_per_day` with `window`, or `task`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireMilestone {
    pub id: String,
    /// Reached on the day cumulative good units reach this number (at least 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub cumulative: Option<u64>,
    /// Reached when the mean good units per workday over `window` workdays is at least this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_per_day: Option<f64>,
    /// Workdays in the rolling window of `rate_per_day`, at least 1. Default 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub window: Option<u32>,
    /// Reached on the finish date (the last day) of this [[task]].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    /// The date it is due, for the on-time probability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<WireDate>,
}

/// `[localization]`: points per item over time against thresholds by date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireLocalization {
    /// Points required from a date on, strictly increasing by `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<Vec<WireThreshold>>,
    /// `[[localization.item]]`: localized parts or operations and their points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<Vec<WireLocalizationItem>>,
}

/// Points required from `from` on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireThreshold {
    pub from: WireDate,
    pub points: u32,
}

/// A localized item: its points count from `from` (default the scenario start; or the day
/// after task `after` finishes, plus `lag`) until the day before `until` (default never).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("not" = { "required": ["from", "after"] }))]
#[schemars(extend("dependentRequired" = { "lag": ["after"] }))]
pub struct WireLocalizationItem {
    /// Unique item id.
    pub id: String,
    pub points: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<WireDate>,
    /// After `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<WireDate>,
    /// Id of the [[task]] after whose finish the item counts (instead of `from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Whole days between the task's finish and the item's first day (only with `after`;
    /// negative for a lead). Default "0d".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<WireLag>,
}

/// `[costs]`: what the plant costs to run, all optional, in one currency. Kit prices stay on
/// `[[kit]]` (`price`): kits are paid on arrival; scrapped units cost their kit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WireCosts {
    /// The scenario's currency, like "RUB"; every priced kit's `currency` must be the same.
    /// Default: the priced kits' currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Cost of every person on the payroll (in training or not) per calendar day, from 0
    /// to 10^12. Without `[workforce]`, the payroll is the operators one shift needs times the
    /// most shifts planned on a day. Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1e12))]
    pub labour_per_head_day: Option<f64>,
    /// Plant overhead per calendar day, from 0 to 10^12. Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1e12))]
    pub fixed_per_day: Option<f64>,
    /// Cost of holding kits, as a share of a kit's price per year (0.12 is 12%), charged on
    /// the end-of-day stock of every kit, from 0 to 10. Default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 10.0))]
    pub carrying_per_year: Option<f64>,
}

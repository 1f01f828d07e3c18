//! The keys the reader accepts, taken from the wire types of [`crate::wire`]: the one
//! description of the scenario format, which also generates the JSON Schema.
//!
//! A table's keys are the serde field names of its wire struct, in declaration order (the
//! order "the keys of ... are" messages list them in). They are read with a tiny deserializer
//! that only records the field list serde hands to `deserialize_struct`, then stops; serde's
//! derive passes the renamed, serialized names there, so they are exactly the keys that
//! `deny_unknown_fields` accepts. The distribution kinds and their parameters come from the
//! JSON Schema of [`crate::wire::WireDistributionTable`] (an internally tagged enum, whose
//! variants' fields serde does not hand over): each variant's `dist` constant and its
//! `required` list, which keeps declaration order.

use std::fmt;
use std::sync::LazyLock;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::wire;

/// The keys of the table described by the wire struct `T`, in declaration order.
pub(crate) fn table_keys<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    let mut recorder = FieldRecorder { fields: &[] };
    // The recorder always refuses to produce a value; only the recorded fields matter.
    let _ = T::deserialize(&mut recorder);
    recorder.fields
}

/// The keys of every table of the format, read once from the wire types.
pub(crate) struct FormatKeys {
    pub top_level: &'static [&'static str],
    pub scenario: &'static [&'static str],
    pub calendar: &'static [&'static str],
    pub shutdown: &'static [&'static str],
    pub shift_phase: &'static [&'static str],
    pub station: &'static [&'static str],
    pub failure: &'static [&'static str],
    pub crew: &'static [&'static str],
    pub product: &'static [&'static str],
    pub kit: &'static [&'static str],
    pub kit_order: &'static [&'static str],
    pub kit_shipment: &'static [&'static str],
    pub workforce: &'static [&'static str],
    pub hire: &'static [&'static str],
    pub replace_leavers: &'static [&'static str],
    pub learning: &'static [&'static str],
    pub first_pass_yield: &'static [&'static str],
    pub release: &'static [&'static str],
    pub plan_phase: &'static [&'static str],
    pub milestone: &'static [&'static str],
    pub localization: &'static [&'static str],
    pub threshold: &'static [&'static str],
    pub localization_item: &'static [&'static str],
    pub costs: &'static [&'static str],
    pub task: &'static [&'static str],
    pub task_link: &'static [&'static str],
    pub risk: &'static [&'static str],
}

/// The keys of every table (see [`FormatKeys`]).
pub(crate) static KEYS: LazyLock<FormatKeys> = LazyLock::new(|| FormatKeys {
    top_level: table_keys::<wire::WireScenarioFile>(),
    scenario: table_keys::<wire::WireScenario>(),
    calendar: table_keys::<wire::WireCalendar>(),
    shutdown: table_keys::<wire::WireShutdown>(),
    shift_phase: table_keys::<wire::WireShiftPhase>(),
    station: table_keys::<wire::WireStation>(),
    failure: table_keys::<wire::WireFailure>(),
    crew: table_keys::<wire::WireCrew>(),
    product: table_keys::<wire::WireProduct>(),
    kit: table_keys::<wire::WireKit>(),
    kit_order: table_keys::<wire::WireKitOrder>(),
    kit_shipment: table_keys::<wire::WireKitShipment>(),
    workforce: table_keys::<wire::WireWorkforce>(),
    hire: table_keys::<wire::WireHire>(),
    replace_leavers: table_keys::<wire::WireReplaceLeavers>(),
    learning: table_keys::<wire::WireLearning>(),
    first_pass_yield: table_keys::<wire::WireYield>(),
    release: table_keys::<wire::WireRelease>(),
    plan_phase: table_keys::<wire::WirePlanPhase>(),
    milestone: table_keys::<wire::WireMilestone>(),
    localization: table_keys::<wire::WireLocalization>(),
    threshold: table_keys::<wire::WireThreshold>(),
    localization_item: table_keys::<wire::WireLocalizationItem>(),
    costs: table_keys::<wire::WireCosts>(),
    task: table_keys::<wire::WireTask>(),
    task_link: table_keys::<wire::WireLink>(),
    risk: table_keys::<wire::WireRisk>(),
});

/// One kind of distribution: its `dist` name and the keys it takes besides `dist`, in order.
pub(crate) struct DistributionKind {
    pub name: String,
    pub parameter_keys: Vec<String>,
}

/// The distribution kinds, in the order of the wire enum's variants.
pub(crate) static DISTRIBUTION_KINDS: LazyLock<Vec<DistributionKind>> =
    LazyLock::new(distribution_kinds_from_schema);

fn distribution_kinds_from_schema() -> Vec<DistributionKind> {
    let schema = schemars::schema_for!(wire::WireDistributionTable).to_value();
    let variants = schema
        .get("oneOf")
        .and_then(serde_json::Value::as_array)
        .cloned()
        .unwrap_or_default();
    variants
        .iter()
        .filter_map(|variant| {
            let name = variant.pointer("/properties/dist/const")?.as_str()?;
            let parameter_keys = variant
                .get("required")?
                .as_array()?
                .iter()
                .filter_map(serde_json::Value::as_str)
                .filter(|key| *key != "dist")
                .map(str::to_string)
                .collect();
            Some(DistributionKind {
                name: name.to_string(),
                parameter_keys,
            })
        })
        .collect()
}

/// A deserializer that records the field list of the struct asked for and produces nothing.
struct FieldRecorder {
    fields: &'static [&'static str],
}

/// The recorder's only error: "stopped after reading the field list".
#[derive(Debug)]
struct Recorded;

impl fmt::Display for Recorded {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("field list recorded")
    }
}

impl std::error::Error for Recorded {}

impl de::Error for Recorded {
    fn custom<T: fmt::Display>(_message: T) -> Recorded {
        Recorded
    }
}

impl<'de> Deserializer<'de> for &mut FieldRecorder {
    type Error = Recorded;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Recorded> {
        self.fields = fields;
        Err(Recorded)
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Recorded> {
        Err(Recorded)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_keys_follow_the_wire_structs_in_declaration_order() {
        assert_eq!(
            KEYS.scenario,
            ["name", "start", "horizon", "warmup", "seed", "replications"]
        );
        assert_eq!(KEYS.top_level.first(), Some(&"extends"));
        assert_eq!(KEYS.crew, ["id", "size"]);
    }

    #[test]
    fn distribution_kinds_come_from_the_schema_with_their_parameters() {
        let names: Vec<&str> = DISTRIBUTION_KINDS
            .iter()
            .map(|kind| kind.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "constant",
                "exponential",
                "lognormal",
                "triangular",
                "uniform",
                "normal",
                "gamma",
                "weibull",
                "empirical"
            ]
        );
        let triangular = &DISTRIBUTION_KINDS[3];
        assert_eq!(triangular.parameter_keys, ["min", "mode", "max"]);
    }
}

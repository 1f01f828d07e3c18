//! The documents of the studies over one scenario: a sweep (`relaunch sweep`: one row per
//! point of a design, its inputs and outcomes) and a sensitivity tornado (`relaunch
//! sensitivity`: each uncertain input at its low and its high). Each is JSON as written, a
//! [`Table`] for CSV and the workbook, and a page with charts ([`crate::html::study`]).

use jiff::civil::Date;
use relaunch_core::montecarlo::{Forecast, MilestoneForecast};
use relaunch_core::schedule::days_between;
use serde::{Deserialize, Serialize};

/// A milestone of one forecast of a study.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MilestoneCell {
    pub id: String,
    #[serde(serialize_with = "iso", deserialize_with = "iso_in")]
    pub due: Option<Date>,
    #[serde(serialize_with = "iso", deserialize_with = "iso_in")]
    pub p10: Option<Date>,
    #[serde(serialize_with = "iso", deserialize_with = "iso_in")]
    pub p50: Option<Date>,
    #[serde(serialize_with = "iso", deserialize_with = "iso_in")]
    pub p90: Option<Date>,
    /// Share of the replications on time; `None` without a due date.
    pub on_time: Option<f64>,
}

/// A date as ISO text (`null` for none).
fn iso<S: serde::Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.serialize_str(&date.to_string()),
        None => serializer.serialize_none(),
    }
}

/// A date from ISO text (`null` for none).
fn iso_in<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
    let text: Option<String> = Option::deserialize(deserializer)?;
    text.map(|text| text.parse().map_err(serde::de::Error::custom))
        .transpose()
}

impl MilestoneCell {
    pub fn new(milestone: &MilestoneForecast) -> MilestoneCell {
        MilestoneCell {
            id: milestone.id.clone(),
            due: milestone.due,
            p10: milestone.p10,
            p50: milestone.p50,
            p90: milestone.p90,
            on_time: milestone.on_time_probability,
        }
    }

    /// Days from its due date to its P50 (positive: late); `None` without either.
    pub fn p50_late_days(&self) -> Option<i64> {
        Some(days_between(self.due?, self.p50?))
    }
}

/// One point of a sweep: the factors' values and what the forecast gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepPoint {
    /// From 1, in the design's order.
    pub point: usize,
    /// One value per factor, as given on the command line.
    pub values: Vec<String>,
    pub milestones: Vec<MilestoneCell>,
    /// Mean good units over the horizon.
    pub good: f64,
    pub throughput_per_hour: f64,
    /// Mean total cost over the horizon; `None` without `[costs]`.
    pub cost: Option<f64>,
}

impl SweepPoint {
    pub fn new(point: usize, values: Vec<String>, forecast: &Forecast) -> SweepPoint {
        SweepPoint {
            point,
            values,
            milestones: forecast.milestones.iter().map(MilestoneCell::new).collect(),
            good: forecast.good.mean,
            throughput_per_hour: forecast.throughput_per_hour.mean,
            cost: forecast.costs.as_ref().map(|costs| costs.total.mean.mean),
        }
    }
}

/// A factor of a sweep: a key of the scenario and the values it takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepFactor {
    pub key: String,
    pub values: Vec<String>,
}

/// `sweep.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepDocument {
    pub scenario: String,
    pub scenario_file: String,
    pub seed: u64,
    /// Replications of every point (the same replications: common random numbers).
    pub replications: u64,
    /// `full` (every combination) or `lhs` (a Latin hypercube of `points.len()` points).
    pub design: String,
    pub factors: Vec<SweepFactor>,
    /// The `--set` overrides that hold at every point.
    pub fixed: Vec<String>,
    pub currency: Option<String>,
    pub points: Vec<SweepPoint>,
}

/// One cell of a [`Table`].
#[derive(Debug, Clone, PartialEq)]
pub enum TableCell {
    Text(String),
    Number(f64),
    Percent(f64),
    Date(Option<Date>),
    Empty,
}

impl TableCell {
    /// As written in a CSV file: dates ISO, shares as fractions, numbers as Rust prints them.
    pub fn csv(&self) -> String {
        match self {
            TableCell::Text(text) => text.clone(),
            TableCell::Number(number) | TableCell::Percent(number) => format!("{number}"),
            TableCell::Date(date) => date.map(|d| d.to_string()).unwrap_or_default(),
            TableCell::Empty => String::new(),
        }
    }
}

/// A table of a study, for CSV and the workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<TableCell>>,
}

fn optional(number: Option<f64>, cell: fn(f64) -> TableCell) -> TableCell {
    number.map_or(TableCell::Empty, cell)
}

impl SweepDocument {
    /// One row per point: the point, each factor's value, each milestone's P50, P90 and
    /// on-time share, the good units, throughput and cost.
    pub fn table(&self) -> Table {
        let mut header = vec!["point".to_string()];
        header.extend(self.factors.iter().map(|f| f.key.clone()));
        if let Some(first) = self.points.first() {
            for milestone in &first.milestones {
                header.extend(["p50", "p90", "on_time"].map(|q| format!("{} {q}", milestone.id)));
            }
        }
        header.extend(["good_units", "throughput_per_hour"].map(str::to_string));
        header.push(match &self.currency {
            Some(currency) => format!("cost ({currency})"),
            None => "cost".to_string(),
        });
        let rows = self
            .points
            .iter()
            .map(|point| {
                let mut row = vec![TableCell::Number(point.point as f64)];
                row.extend(point.values.iter().cloned().map(TableCell::Text));
                for milestone in &point.milestones {
                    row.push(TableCell::Date(milestone.p50));
                    row.push(TableCell::Date(milestone.p90));
                    row.push(optional(milestone.on_time, TableCell::Percent));
                }
                row.push(TableCell::Number(point.good));
                row.push(TableCell::Number(point.throughput_per_hour));
                row.push(optional(point.cost, TableCell::Number));
                row
            })
            .collect();
        Table { header, rows }
    }
}

/// What fixing one input at its low or high does to one milestone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swing {
    pub milestone: String,
    /// The base forecast's P50.
    #[serde(serialize_with = "iso")]
    pub base_p50: Option<Date>,
    pub low: MilestoneCell,
    pub high: MilestoneCell,
    /// Days the P50 moves from the base's with the input at its low (and at its high);
    /// `None` where a P50 is not reached within the horizon.
    pub low_p50_days: Option<i64>,
    pub high_p50_days: Option<i64>,
}

impl Swing {
    /// Whether an end (or the base) reaches the milestone within the horizon and another does
    /// not: the widest swing of all.
    pub fn changes_reach(&self) -> bool {
        let reached = [self.base_p50, self.low.p50, self.high.p50].map(|p| p.is_some());
        reached.contains(&true) && reached.contains(&false)
    }

    /// The width of the tornado's bar: how far apart the two ends put the P50, in days (the
    /// largest there is when an end does not reach it within the horizon).
    pub fn p50_width(&self) -> i64 {
        if self.changes_reach() {
            return i64::MAX;
        }
        match (self.low_p50_days, self.high_p50_days) {
            (Some(low), Some(high)) => (high - low).abs(),
            (Some(days), None) | (None, Some(days)) => days.abs(),
            (None, None) => 0,
        }
    }

    /// How far apart the two ends put the on-time share.
    pub fn on_time_width(&self) -> f64 {
        match (self.low.on_time, self.high.on_time) {
            (Some(low), Some(high)) => (high - low).abs(),
            _ => 0.0,
        }
    }
}

/// An uncertain input of a sensitivity study.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputSwing {
    pub input: String,
    /// Its low and high (the quantiles), in seconds, and in words.
    pub low_secs: f64,
    pub high_secs: f64,
    pub low: String,
    pub high: String,
    pub swings: Vec<Swing>,
}

/// `sensitivity.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityDocument {
    pub scenario: String,
    pub scenario_file: String,
    pub seed: u64,
    pub replications: u64,
    /// The quantiles of each input's distribution taken as its low and its high.
    pub low_quantile: f64,
    pub high_quantile: f64,
    pub base: Vec<MilestoneCell>,
    /// In the scenario's order.
    pub inputs: Vec<InputSwing>,
}

impl SensitivityDocument {
    /// The inputs by how much they move `milestone`'s P50 (widest first; then by on-time share,
    /// then in the scenario's order), with their swing on it.
    pub fn ranked(&self, milestone: usize) -> Vec<(&InputSwing, &Swing)> {
        let mut ranked: Vec<(usize, &InputSwing, &Swing)> = self
            .inputs
            .iter()
            .enumerate()
            .filter_map(|(index, input)| Some((index, input, input.swings.get(milestone)?)))
            .collect();
        ranked.sort_by(|a, b| {
            b.2.p50_width()
                .cmp(&a.2.p50_width())
                .then(b.2.on_time_width().total_cmp(&a.2.on_time_width()))
                .then(a.0.cmp(&b.0))
        });
        ranked
            .into_iter()
            .map(|(_, input, swing)| (input, swing))
            .collect()
    }

    /// One row per input and milestone.
    pub fn table(&self) -> Table {
        let header = [
            "input",
            "low",
            "high",
            "milestone",
            "base p50",
            "low p50",
            "high p50",
            "low p50 shift (days)",
            "high p50 shift (days)",
            "base on_time",
            "low on_time",
            "high on_time",
        ]
        .map(str::to_string)
        .to_vec();
        let mut rows = Vec::new();
        for input in &self.inputs {
            for (swing, base) in input.swings.iter().zip(&self.base) {
                let days = |days: Option<i64>| optional(days.map(|d| d as f64), TableCell::Number);
                rows.push(vec![
                    TableCell::Text(input.input.clone()),
                    TableCell::Text(input.low.clone()),
                    TableCell::Text(input.high.clone()),
                    TableCell::Text(swing.milestone.clone()),
                    TableCell::Date(base.p50),
                    TableCell::Date(swing.low.p50),
                    TableCell::Date(swing.high.p50),
                    days(swing.low_p50_days),
                    days(swing.high_p50_days),
                    optional(base.on_time, TableCell::Percent),
                    optional(swing.low.on_time, TableCell::Percent),
                    optional(swing.high.on_time, TableCell::Percent),
                ]);
            }
        }
        Table { header, rows }
    }
}

/// The swing of `with` against `base`, one milestone.
pub fn swing(base: &MilestoneForecast, low: &MilestoneForecast, high: &MilestoneForecast) -> Swing {
    let shift = |other: &MilestoneForecast| Some(days_between(base.p50?, other.p50?));
    Swing {
        milestone: base.id.clone(),
        base_p50: base.p50,
        low: MilestoneCell::new(low),
        high: MilestoneCell::new(high),
        low_p50_days: shift(low),
        high_p50_days: shift(high),
    }
}

/// A duration in seconds in words: seconds, minutes, hours or days, three significant digits.
pub fn duration_words(secs: f64) -> String {
    let (value, unit) = if secs >= 86_400.0 {
        (secs / 86_400.0, "d")
    } else if secs >= 3_600.0 {
        (secs / 3_600.0, "h")
    } else if secs >= 60.0 {
        (secs / 60.0, "min")
    } else {
        (secs, "s")
    };
    let digits = if value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else {
        2
    };
    format!("{value:.digits$} {unit}")
}

/// The table as CSV, every cell escaped for spreadsheets.
pub fn table_csv(table: &Table) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(table.header.iter().map(|h| crate::csv_export::cell(h)))?;
    for row in &table.rows {
        writer.write_record(row.iter().map(|c| crate::csv_export::cell(&c.csv())))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn cell(p50: Option<Date>) -> MilestoneCell {
        MilestoneCell {
            id: "m".to_string(),
            due: None,
            p10: None,
            p50,
            p90: None,
            on_time: None,
        }
    }

    fn input(name: &str, low: Option<Date>, high: Option<Date>) -> InputSwing {
        let base = Some(date(2024, 3, 1));
        let shift = |end: Option<Date>| Some(days_between(base?, end?));
        InputSwing {
            input: name.to_string(),
            low_secs: 1.0,
            high_secs: 2.0,
            low: "1 s".to_string(),
            high: "2 s".to_string(),
            swings: vec![Swing {
                milestone: "m".to_string(),
                base_p50: base,
                low_p50_days: shift(low),
                high_p50_days: shift(high),
                low: cell(low),
                high: cell(high),
            }],
        }
    }

    #[test]
    fn an_input_that_loses_the_milestone_ranks_first() {
        let document = SensitivityDocument {
            scenario: "s".to_string(),
            scenario_file: "s.toml".to_string(),
            seed: 1,
            replications: 10,
            low_quantile: 0.1,
            high_quantile: 0.9,
            base: vec![cell(Some(date(2024, 3, 1)))],
            inputs: vec![
                input("small", Some(date(2024, 2, 28)), Some(date(2024, 3, 3))),
                input("lost", Some(date(2024, 3, 1)), None),
                input("large", Some(date(2024, 2, 1)), Some(date(2024, 4, 1))),
            ],
        };
        let order: Vec<&str> = document
            .ranked(0)
            .iter()
            .map(|(input, _)| input.input.as_str())
            .collect();
        assert_eq!(order, ["lost", "large", "small"]);
    }
}

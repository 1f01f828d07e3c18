//! The result document of `relaunch simulate --json` (DESIGN.md, "Result document").
//!
//! Everything in it is a function of the scenario, the seed and the number of replications;
//! what varies between runs (wall time, events per second) lives only under `perf`.

use jiff::civil::Date;
use relaunch_core::Scenario;
use relaunch_core::montecarlo::{Fan, Forecast};
use relaunch_core::stats::Estimate;
use serde::Serialize;

/// The whole document.
#[derive(Debug, Clone, Serialize)]
pub struct ResultDocument {
    pub scenario: String,
    pub seed: u64,
    pub replications: u64,
    pub start: String,
    pub horizon_days: usize,
    pub milestones: Vec<MilestoneDoc>,
    pub throughput_per_hour: EstimateDoc,
    pub wip: EstimateDoc,
    pub flow_time_minutes: EstimateDoc,
    pub stations: Vec<StationDoc>,
    pub bottleneck: Option<String>,
    pub units: UnitsDoc,
    pub kits: KitsDoc,
    pub staffing: StaffingDoc,
    pub daily: Vec<DayDoc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub perf: Option<Perf>,
}

/// Figures that vary from run to run of the same seed.
#[derive(Debug, Clone, Serialize)]
pub struct Perf {
    pub wall_seconds: f64,
    pub threads: usize,
    pub events: u64,
    pub events_per_second: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct MilestoneDoc {
    pub id: String,
    pub due: Option<String>,
    pub p10: Option<String>,
    pub p50: Option<String>,
    pub p90: Option<String>,
    pub on_time_probability: Option<f64>,
    pub reached_fraction: f64,
}

/// A mean with its 95% confidence interval across replications.
#[derive(Debug, Clone, Serialize)]
pub struct EstimateDoc {
    pub mean: f64,
    pub ci95: [f64; 2],
}

#[derive(Debug, Clone, Serialize)]
pub struct StationDoc {
    pub id: String,
    pub busy: f64,
    pub blocked: f64,
    pub starved: f64,
    pub down: f64,
    pub unstaffed: f64,
    pub utilisation: f64,
    pub busy_ci95: [f64; 2],
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitsDoc {
    pub released: EstimateDoc,
    pub good: EstimateDoc,
    pub scrapped: EstimateDoc,
}

#[derive(Debug, Clone, Serialize)]
pub struct KitsDoc {
    /// Mean workdays per replication on which a unit could not start for lack of kits.
    pub stockout_days: EstimateDoc,
    pub ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StaffingDoc {
    /// Mean planned shifts per replication that did not run for lack of trained staff.
    pub unstaffed_shifts: EstimateDoc,
}

#[derive(Debug, Clone, Serialize)]
pub struct FanDoc {
    pub p10: u64,
    pub p50: u64,
    pub p90: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DayDoc {
    pub date: String,
    pub workday: bool,
    pub good: FanDoc,
    pub cumulative: FanDoc,
    pub staffed_shifts: f64,
    pub stockout_probability: f64,
    /// End-of-day stock per kit, in the order of `kits.ids`.
    pub kit_stock: Vec<FanDoc>,
}

/// Rounds to six significant decimals, so that documents stay readable and stable.
pub fn round6(value: f64) -> f64 {
    if !value.is_finite() {
        return 0.0;
    }
    (value * 1e6).round() / 1e6
}

fn estimate(estimate: &Estimate) -> EstimateDoc {
    EstimateDoc {
        mean: round6(estimate.mean),
        ci95: [round6(estimate.low()), round6(estimate.high())],
    }
}

fn fan(fan: &Fan) -> FanDoc {
    FanDoc {
        p10: fan.p10,
        p50: fan.p50,
        p90: fan.p90,
    }
}

/// An ISO date.
pub fn iso(date: Date) -> String {
    date.to_string()
}

impl ResultDocument {
    pub fn new(scenario: &Scenario, forecast: &Forecast, perf: Option<Perf>) -> ResultDocument {
        ResultDocument {
            scenario: forecast.scenario.clone(),
            seed: forecast.seed,
            replications: forecast.replications,
            start: iso(scenario.start),
            horizon_days: forecast.daily.len(),
            milestones: forecast
                .milestones
                .iter()
                .map(|m| MilestoneDoc {
                    id: m.id.clone(),
                    due: m.due.map(iso),
                    p10: m.p10.map(iso),
                    p50: m.p50.map(iso),
                    p90: m.p90.map(iso),
                    on_time_probability: m.on_time_probability.map(round6),
                    reached_fraction: round6(m.reached_fraction),
                })
                .collect(),
            throughput_per_hour: estimate(&forecast.throughput_per_hour),
            wip: estimate(&forecast.wip),
            flow_time_minutes: estimate(&forecast.flow_time_minutes),
            stations: forecast
                .stations
                .iter()
                .map(|s| StationDoc {
                    id: s.id.clone(),
                    busy: round6(s.busy.mean),
                    blocked: round6(s.blocked.mean),
                    starved: round6(s.starved.mean),
                    down: round6(s.down.mean),
                    unstaffed: round6(s.unstaffed.mean),
                    utilisation: round6(s.busy.mean),
                    busy_ci95: [round6(s.busy.low()), round6(s.busy.high())],
                })
                .collect(),
            bottleneck: forecast.bottleneck.map(|i| forecast.stations[i].id.clone()),
            units: UnitsDoc {
                released: estimate(&forecast.released),
                good: estimate(&forecast.good),
                scrapped: estimate(&forecast.scrapped),
            },
            kits: KitsDoc {
                stockout_days: estimate(&forecast.kit_stockout_days),
                ids: scenario.kits.iter().map(|k| k.id.clone()).collect(),
            },
            staffing: StaffingDoc {
                unstaffed_shifts: estimate(&forecast.unstaffed_shifts),
            },
            daily: forecast
                .daily
                .iter()
                .map(|d| DayDoc {
                    date: iso(d.date),
                    workday: d.workday,
                    good: fan(&d.good),
                    cumulative: fan(&d.cumulative),
                    staffed_shifts: round6(d.staffed_shifts),
                    stockout_probability: round6(d.stockout_probability),
                    kit_stock: d.kit_stock.iter().map(fan).collect(),
                })
                .collect(),
            perf,
        }
    }

    /// The document as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self)
            .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
    }
}

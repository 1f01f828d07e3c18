//! The result document of `relaunch simulate --json` (DESIGN.md, "Result document").
//!
//! Everything in it is a function of the scenario, the seed and the number of replications;
//! what varies between runs (wall time, events per second) lives only under `perf`.

use jiff::civil::Date;
use relaunch_core::Scenario;
use relaunch_core::capacity::mean_cycle_secs;
use relaunch_core::model::{Calendar, KitKind, LearningModel, MilestoneKind, Release};
use relaunch_core::montecarlo::{Fan, Forecast};
use relaunch_core::schedule::{DAY_SECS, add_days};
use relaunch_core::stats::Estimate;
use serde::{Deserialize, Serialize};

use crate::cost_document::CostsDoc;

mod programme;

pub use programme::{DateFanDoc, ProgrammeDoc, RiskDoc, RiskEffectDoc, TaskDoc};

/// The whole document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResultDocument {
    pub scenario: String,
    /// In a forecast from actuals: the day whose end state the runs started from (the days up
    /// to it are the actuals); absent in a forecast from the plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// In a forecast from actuals with `--calibrate`: the assumptions the actuals tell were
    /// re-estimated and drawn per replication (the estimates are in `calibration.json`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub calibrated: bool,
    /// What the reader should know before trusting the figures (a forecast from actuals: days
    /// without output, a line forecast much faster than it has been).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
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
    /// The localization path beside the production forecast, when the scenario has a ledger.
    pub localization: Option<LocalizationDoc>,
    /// What the horizon costs, when the scenario has `[costs]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub costs: Option<CostsDoc>,
    /// The programme's tasks and risks, when the scenario has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub programme: Option<ProgrammeDoc>,
    /// The scenario's key inputs, for reports.
    pub inputs: InputsDoc,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub perf: Option<Perf>,
}

/// Figures that vary from run to run of the same seed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Perf {
    pub wall_seconds: f64,
    pub threads: usize,
    pub events: u64,
    pub events_per_second: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MilestoneDoc {
    pub id: String,
    /// The task whose finish the milestone is; absent for a milestone of the line's output.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    pub due: Option<String>,
    pub p10: Option<String>,
    pub p50: Option<String>,
    pub p90: Option<String>,
    pub on_time_probability: Option<f64>,
    /// The 95% Wilson score interval of `on_time_probability`: how far the estimate from this
    /// many replications may be from the true chance.
    pub on_time_ci95: Option<[f64; 2]>,
    pub reached_fraction: f64,
    /// Replications reaching the milestone on each date (dates with none are left out).
    pub distribution: Vec<DateCount>,
    /// Replications not reaching it within the horizon.
    pub not_reached: u64,
    /// In a forecast from actuals: the day the actuals reached it (then P10 = P50 = P90 =
    /// this date); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DateCount {
    pub date: String,
    pub count: u64,
}

/// The localization ledger over the horizon.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LocalizationDoc {
    pub timeline: Vec<LocalizationEntryDoc>,
    pub first_meets: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LocalizationEntryDoc {
    pub date: String,
    pub points: u32,
    pub threshold: Option<u32>,
    pub meets: bool,
    pub items: Vec<String>,
}

/// The scenario's key inputs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InputsDoc {
    pub calendar: String,
    pub release: String,
    pub learning: String,
    pub workforce: Option<String>,
    pub stations: Vec<StationInput>,
    pub kits: Vec<KitInput>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StationInput {
    pub id: String,
    pub shop: Option<String>,
    pub servers: u32,
    /// Mean standard cycle over the mix of units that visit the station.
    pub cycle_mean_minutes: f64,
    /// Products with their own cycle here (`[[product]] cycle`), and its mean.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub product_cycles: Vec<ProductCycleInput>,
    pub buffer: Option<u32>,
    pub operators: u32,
    pub mean_time_to_failure_hours: Option<f64>,
    pub mean_time_to_repair_minutes: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProductCycleInput {
    pub product: String,
    pub cycle_mean_minutes: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KitInput {
    pub id: String,
    pub kind: String,
    pub initial_stock: u32,
    pub lead_time_mean_days: f64,
    pub ordered_within_horizon: u64,
    pub unit_price: Option<f64>,
    pub currency: Option<String>,
}

/// A mean with its 95% confidence interval across replications.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EstimateDoc {
    pub mean: f64,
    /// `null` with fewer than two replications: one run gives no interval.
    pub ci95: Option<[f64; 2]>,
    /// Standard error of the mean across replications.
    pub std_error: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitsDoc {
    pub released: EstimateDoc,
    pub good: EstimateDoc,
    pub scrapped: EstimateDoc,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KitsDoc {
    /// Mean workdays per replication on which a unit could not start for lack of kits.
    pub stockout_days: EstimateDoc,
    pub ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StaffingDoc {
    /// Mean planned shifts per replication that did not run for lack of trained staff.
    pub unstaffed_shifts: EstimateDoc,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FanDoc {
    pub p10: u64,
    pub p50: u64,
    pub p90: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DayDoc {
    pub date: String,
    pub workday: bool,
    pub good: FanDoc,
    pub cumulative: FanDoc,
    /// Shifts the calendar plans that day (its shift phase on a workday, else 0).
    pub planned_shifts: u32,
    /// Shifts run, mean over the runs: the planned shifts that trained staff could run.
    pub staffed_shifts: f64,
    pub stockout_probability: f64,
    /// End-of-day stock per kit, in the order of `kits.ids`.
    pub kit_stock: Vec<FanDoc>,
    /// People on the payroll at the start of the day (hired and not yet left: in training,
    /// waiting for a training place, or trained); absent without a `[workforce]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payroll: Option<FanDoc>,
    /// Trained people at the start of the day (absent ones included); absent without a
    /// `[workforce]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trained: Option<FanDoc>,
}

/// Rounds to six significant decimals, so that documents stay readable and stable.
/// The products with their own cycle at station `station`, in product order.
fn product_cycles(scenario: &Scenario, station: usize) -> Vec<ProductCycleInput> {
    scenario
        .products
        .iter()
        .filter_map(|product| {
            let (_, dist) = product.cycles.iter().find(|(index, _)| *index == station)?;
            Some(ProductCycleInput {
                product: product.id.clone(),
                cycle_mean_minutes: round6(dist.mean_secs() / 60.0),
            })
        })
        .collect()
}

pub fn round6(value: f64) -> f64 {
    if !value.is_finite() {
        return 0.0;
    }
    (value * 1e6).round() / 1e6
}

fn estimate(estimate: &Estimate) -> EstimateDoc {
    EstimateDoc {
        mean: round6(estimate.mean),
        ci95: (estimate.count >= 2).then(|| [round6(estimate.low()), round6(estimate.high())]),
        std_error: round6(estimate.std_error),
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
            as_of: forecast.as_of.map(iso),
            calibrated: false,
            warnings: Vec::new(),
            seed: forecast.seed,
            replications: forecast.replications,
            start: iso(scenario.start),
            horizon_days: forecast.daily.len(),
            milestones: forecast
                .milestones
                .iter()
                .map(|m| MilestoneDoc {
                    id: m.id.clone(),
                    task: milestone_task(scenario, &m.id),
                    due: m.due.map(iso),
                    p10: m.p10.map(iso),
                    p50: m.p50.map(iso),
                    p90: m.p90.map(iso),
                    on_time_probability: m.on_time_probability.map(round6),
                    on_time_ci95: m
                        .on_time_ci95
                        .map(|(low, high)| [round6(low), round6(high)]),
                    reached_fraction: round6(m.reached_fraction),
                    distribution: m
                        .days
                        .iter()
                        .map(|(day, count)| DateCount {
                            date: iso(add_days(scenario.start, day as i64)),
                            count,
                        })
                        .collect(),
                    not_reached: m.not_reached,
                    actual: m.actual.map(iso),
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
                    planned_shifts: d.planned_shifts,
                    staffed_shifts: round6(d.staffed_shifts),
                    stockout_probability: round6(d.stockout_probability),
                    kit_stock: d.kit_stock.iter().map(fan).collect(),
                    payroll: d.payroll.as_ref().map(fan),
                    trained: d.trained.as_ref().map(fan),
                })
                .collect(),
            localization: relaunch_core::localization::ledger(scenario).map(|ledger| {
                LocalizationDoc {
                    timeline: ledger
                        .entries
                        .iter()
                        .map(|e| LocalizationEntryDoc {
                            date: iso(e.date),
                            points: e.points,
                            threshold: e.threshold,
                            meets: e.meets,
                            items: e.items.clone(),
                        })
                        .collect(),
                    first_meets: ledger.first_meets.map(iso),
                }
            }),
            costs: CostsDoc::new(forecast),
            programme: forecast
                .programme
                .as_ref()
                .map(|programme| ProgrammeDoc::new(scenario, programme)),
            inputs: inputs(scenario, forecast.daily.len()),
            perf,
        }
    }

    /// The document as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self)
            .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
    }
}

/// The id of the task whose finish milestone `id` is, if it is one.
fn milestone_task(scenario: &Scenario, id: &str) -> Option<String> {
    let milestone = scenario.milestones.iter().find(|m| m.id == id)?;
    match milestone.kind {
        MilestoneKind::Task { task } => scenario.programme.tasks.get(task).map(|t| t.id.clone()),
        _ => None,
    }
}

/// A short description of a scenario's key inputs.
fn inputs(scenario: &Scenario, n_days: usize) -> InputsDoc {
    let calendar = match &scenario.calendar {
        Calendar::AlwaysOn => "24/7".to_string(),
        Calendar::Shifts(c) => {
            let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
            let days: Vec<&str> = names
                .iter()
                .zip(c.workdays)
                .filter(|(_, on)| *on)
                .map(|(n, _)| *n)
                .collect();
            let shifts = match c.shifts.as_slice() {
                [phase] if phase.from.is_none() => format!("up to {} shift(s)", phase.count),
                phases => {
                    let listed: Vec<String> = phases
                        .iter()
                        .map(|phase| match phase.from {
                            Some(from) => format!("{} from {from}", phase.count),
                            None => phase.count.to_string(),
                        })
                        .collect();
                    format!("shifts by phase ({})", listed.join(", "))
                }
            };
            format!(
                "{}; {shifts} of {:.1} h; {} holiday(s), {} shutdown(s)",
                days.join(" "),
                c.shift_length_secs / 3600.0,
                c.holidays.len(),
                c.shutdowns.len()
            )
        }
    };
    let release = match &scenario.release {
        Release::Plan { phases, .. } => phases
            .iter()
            .map(|p| format!("{} per workday from {}", p.per_day, p.from))
            .collect::<Vec<_>>()
            .join(", "),
        Release::Arrivals { interval, .. } => format!(
            "arrivals every {:.2} min on average",
            interval.mean_secs() / 60.0
        ),
        Release::Saturated { .. } => "saturated (the first station never waits)".to_string(),
    };
    let learning = {
        let l = &scenario.learning;
        let model = match l.model {
            LearningModel::None => "none".to_string(),
            LearningModel::Crawford => "Crawford".to_string(),
            LearningModel::Wright => "Wright".to_string(),
            LearningModel::StanfordB { prior_units } => format!("Stanford-B (B = {prior_units})"),
            LearningModel::DeJong { incompressible } => format!("DeJong (M = {incompressible})"),
        };
        let mut text = format!(
            "{model}, rate {:.0}%, first unit ×{}",
            l.rate * 100.0,
            l.first_unit_factor
        );
        if let Some(y) = l.first_pass_yield {
            text.push_str(&format!(
                ", first-pass yield {:.0}% → {:.0}%",
                y.initial * 100.0,
                y.mature * 100.0
            ));
        }
        text
    };
    let workforce = scenario.workforce.as_ref().map(|w| {
        let hired: u32 = w.hires.iter().map(|h| h.count).sum();
        let mut text = format!(
            "{hired} hires in {} wave(s), {:.0} days' training, {:.0}% attrition a year",
            w.hires.len(),
            w.training_secs / DAY_SECS,
            w.attrition_per_year * 100.0
        );
        if let Some(lead_time) = &w.replace_leavers {
            let days = lead_time.mean_secs() / DAY_SECS;
            text += &format!(", leavers replaced after {days:.0} days on average");
        }
        if let Some(places) = w.training_capacity {
            text += &format!(", {places} training places");
        }
        if w.absenteeism > 0.0 {
            text += &format!(", {:.1}% absent a workday", w.absenteeism * 100.0);
        }
        text
    });
    let end = add_days(scenario.start, n_days as i64);
    let mean_cycles = mean_cycle_secs(scenario);
    InputsDoc {
        calendar,
        release,
        learning,
        workforce,
        stations: scenario
            .stations
            .iter()
            .zip(&mean_cycles)
            .enumerate()
            .map(|(index, (s, mean_cycle))| StationInput {
                id: s.id.clone(),
                shop: s.shop.clone(),
                servers: s.servers,
                cycle_mean_minutes: round6(mean_cycle / 60.0),
                product_cycles: product_cycles(scenario, index),
                buffer: s.buffer,
                operators: s.operators,
                mean_time_to_failure_hours: s
                    .failure
                    .as_ref()
                    .map(|f| round6(f.ttf.mean_secs() / 3600.0)),
                mean_time_to_repair_minutes: s
                    .failure
                    .as_ref()
                    .map(|f| round6(f.ttr.mean_secs() / 60.0)),
            })
            .collect(),
        kits: scenario
            .kits
            .iter()
            .map(|k| {
                let ordered: u64 = k
                    .orders
                    .iter()
                    .map(|o| {
                        let last = o.until.map_or(end, |u| u.min(end));
                        let mut count = 0u64;
                        let mut day = o.first;
                        while day <= last && day < end {
                            count += u64::from(o.quantity);
                            match o.every_days {
                                Some(every) if every > 0 => day = add_days(day, i64::from(every)),
                                _ => break,
                            }
                        }
                        count
                    })
                    .sum::<u64>()
                    + k.shipments
                        .iter()
                        .filter(|s| s.arrives < end)
                        .map(|s| u64::from(s.quantity))
                        .sum::<u64>();
                KitInput {
                    id: k.id.clone(),
                    kind: match k.kind {
                        KitKind::Skd => "SKD",
                        KitKind::Ckd => "CKD",
                        KitKind::Local => "local",
                    }
                    .to_string(),
                    initial_stock: k.initial_stock,
                    lead_time_mean_days: round6(k.lead_time.mean_secs() / DAY_SECS),
                    ordered_within_horizon: ordered,
                    unit_price: k.unit_price,
                    currency: k.currency.clone(),
                }
            })
            .collect(),
    }
}

//! The `programme` object of the result document: each task's start and finish dates
//! (P10/P50/P90), mean duration and criticality, and each risk's probability, occurrence and
//! effect on every milestone (the tornado). Absent for a scenario without a programme, so such
//! a document is byte for byte what it was before programmes existed.

use relaunch_core::Scenario;
use relaunch_core::montecarlo::{DateFan, ProgrammeForecast, RiskEffect};
use serde::{Deserialize, Serialize};

use super::{EstimateDoc, estimate, iso, round6};

/// The programme across the runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProgrammeDoc {
    /// In the order of the scenario file.
    pub tasks: Vec<TaskDoc>,
    /// In the order of the scenario file.
    pub risks: Vec<RiskDoc>,
    /// Share of runs in which no task is critical: a date given beside `after`, later than
    /// the task's, sets the latest date that follows a task.
    pub fixed_date_share: f64,
    /// Whether something of the line (a plan or shift phase, a hire, a kit order or shipment,
    /// a localization item) starts after a task: then the critical chain is the one that sets
    /// the latest such date, else the one that sets the programme's end. Not in the JSON: readers
    /// of the document see it in the scenario.
    #[serde(skip)]
    pub gates_the_line: bool,
}

/// A task across the runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskDoc {
    pub id: String,
    /// Its first day.
    pub start: DateFanDoc,
    /// Its last day.
    pub finish: DateFanDoc,
    /// Mean days from its first day to its last, both counted, with the 95% interval.
    pub duration_days: EstimateDoc,
    /// Share of runs in which it lies on the chain of tasks that sets the latest date following
    /// a task (the programme's end when nothing follows a task).
    pub criticality: f64,
}

/// P10, P50 and P90 of a date (ISO).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateFanDoc {
    pub p10: String,
    pub p50: String,
    pub p90: String,
}

/// A risk of the register across the runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RiskDoc {
    pub id: String,
    /// Its probability of occurring in a run, as the scenario gives it (before what other
    /// risks imply).
    pub probability: f64,
    /// Share of runs in which it occurred (by its own draw or implied by another).
    pub occurrence: f64,
    /// What it does to each milestone, from the same runs with the risk switched off; empty
    /// when that was not computed.
    pub effects: Vec<RiskEffectDoc>,
}

/// What a risk does to one milestone: the forecast with it minus the forecast without it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RiskEffectDoc {
    pub milestone: String,
    /// Days it adds to the milestone's P50 and P90 dates; `null` where the quantile is not
    /// reached within the horizon.
    pub p50_days: Option<i64>,
    pub p90_days: Option<i64>,
    /// On-time probability it costs (without the risk minus with it); `null` without a due
    /// date.
    pub on_time_loss: Option<f64>,
}

fn date_fan(fan: &DateFan) -> DateFanDoc {
    DateFanDoc {
        p10: iso(fan.p10),
        p50: iso(fan.p50),
        p90: iso(fan.p90),
    }
}

fn effect(effect: &RiskEffect) -> RiskEffectDoc {
    RiskEffectDoc {
        milestone: effect.milestone.clone(),
        p50_days: effect.p50_days,
        p90_days: effect.p90_days,
        on_time_loss: effect.on_time_loss.map(round6),
    }
}

impl ProgrammeDoc {
    /// The programme of `forecast`, its probabilities read from `scenario`.
    pub fn new(scenario: &Scenario, forecast: &ProgrammeForecast) -> ProgrammeDoc {
        let programme = &scenario.programme;
        ProgrammeDoc {
            tasks: forecast
                .tasks
                .iter()
                .map(|task| TaskDoc {
                    id: task.id.clone(),
                    start: date_fan(&task.start),
                    finish: date_fan(&task.finish),
                    duration_days: estimate(&task.duration_days),
                    criticality: round6(task.criticality),
                })
                .collect(),
            risks: forecast
                .risks
                .iter()
                .map(|risk| RiskDoc {
                    id: risk.id.clone(),
                    probability: programme
                        .risks
                        .iter()
                        .find(|r| r.id == risk.id)
                        .map_or(0.0, |r| round6(r.probability)),
                    occurrence: round6(risk.occurrence),
                    effects: risk.effects.iter().map(effect).collect(),
                })
                .collect(),
            fixed_date_share: round6(forecast.fixed_date_share),
            gates_the_line: !programme.anchors.is_empty(),
        }
    }

    /// The task most often critical among those that are critical in some runs only (ties: the
    /// one finishing last at the median, then the first in the file): the branch that most
    /// often decides. `None` when every critical task is critical in every run.
    pub fn most_critical(&self) -> Option<&TaskDoc> {
        self.tasks
            .iter()
            .filter(|task| task.criticality > 0.0 && task.criticality < 1.0)
            .reduce(|best, task| {
                let better = task.criticality > best.criticality
                    || (task.criticality == best.criticality && task.finish.p50 > best.finish.p50);
                if better { task } else { best }
            })
    }

    /// The tasks critical in every run, in the order they finish at the median (file order on
    /// ties).
    pub fn always_critical(&self) -> Vec<&TaskDoc> {
        let mut tasks: Vec<&TaskDoc> = self
            .tasks
            .iter()
            .filter(|task| task.criticality >= 1.0)
            .collect();
        tasks.sort_by(|a, b| a.finish.p50.cmp(&b.finish.p50));
        tasks
    }

    /// The milestone the risks are ranked by: the first with an on-time loss (it has a due
    /// date) among the risks' effects, else the first any effect names.
    pub fn ranking_milestone(&self) -> Option<&str> {
        let effects = || self.risks.iter().flat_map(|risk| &risk.effects);
        effects()
            .find(|e| e.on_time_loss.is_some())
            .or_else(|| effects().next())
            .map(|e| e.milestone.as_str())
    }

    /// The risks by their effect on [`Self::ranking_milestone`], largest first: the days they
    /// add to its P90, then the on-time probability they cost, then the most days they add to
    /// any milestone's P90 and the most on-time probability they cost any, then their
    /// occurrence; ties in file order.
    pub fn risks_by_effect(&self) -> Vec<&RiskDoc> {
        let milestone = self.ranking_milestone();
        // Then, for risks that leave that milestone alone, their largest effect on any other.
        let key = |risk: &RiskDoc| {
            let effect = milestone.and_then(|m| risk.effect_on(m));
            let most_days = risk.effects.iter().filter_map(|e| e.p90_days).max();
            let most_lost = risk
                .effects
                .iter()
                .filter_map(|e| e.on_time_loss)
                .fold(0.0, f64::max);
            (
                effect.and_then(|e| e.p90_days).unwrap_or(0),
                effect.and_then(|e| e.on_time_loss).unwrap_or(0.0),
                most_days.unwrap_or(0),
                most_lost,
                risk.occurrence,
            )
        };
        let mut risks: Vec<&RiskDoc> = self.risks.iter().collect();
        risks.sort_by(|a, b| {
            let (a, b) = (key(a), key(b));
            b.0.cmp(&a.0)
                .then(b.1.total_cmp(&a.1))
                .then(b.2.cmp(&a.2))
                .then(b.3.total_cmp(&a.3))
                .then(b.4.total_cmp(&a.4))
        });
        risks
    }
}

impl RiskDoc {
    /// Its effect on milestone `id`, if computed.
    pub fn effect_on(&self, id: &str) -> Option<&RiskEffectDoc> {
        self.effects.iter().find(|e| e.milestone == id)
    }
}

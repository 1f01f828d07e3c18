//! The programme across replications: each task's start and finish dates and its criticality,
//! each risk's occurrence.

use jiff::civil::Date;

use crate::codec::{Codec, DecodeError, Decoder};
use crate::model::Scenario;
use crate::programme::ProgrammeRun;
use crate::schedule::add_days;
use crate::stats::{Histogram, Running};

/// P10, P50 and P90 of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateFan {
    pub p10: Date,
    pub p50: Date,
    pub p90: Date,
}

/// A task across replications.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskForecast {
    pub id: String,
    /// Its first day.
    pub start: DateFan,
    /// Its last day (its start for a task of no days).
    pub finish: DateFan,
    /// Mean duration in days, with its 95% interval (the finish's day minus the start's, plus 1
    /// for a task of at least one day: whole days worked on, weekends included).
    pub duration_days: crate::stats::Estimate,
    /// Share of replications in which it lies on the chain that sets the latest anchored date.
    pub criticality: f64,
    /// Finish day indices from the scenario start.
    pub finish_days: Histogram,
}

/// A risk across replications; `effects` are filled by the tornado (see
/// [`crate::programme::tornado`]), empty until then.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskForecast {
    pub id: String,
    /// Share of replications in which it occurred.
    pub occurrence: f64,
    pub occurred: u64,
    /// Its effect on each milestone, from a run with the risk switched off on the same random
    /// numbers; empty when not computed.
    pub effects: Vec<RiskEffect>,
}

/// What switching a risk off does to a milestone: the risk's effect is the forecast with it
/// minus the forecast without it.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskEffect {
    pub milestone: String,
    /// Days the risk adds to the P50 and P90 dates; `None` where a quantile is not reached
    /// within the horizon in either run.
    pub p50_days: Option<i64>,
    pub p90_days: Option<i64>,
    /// On-time probability lost to the risk (without − with); `None` without a due date.
    pub on_time_loss: Option<f64>,
}

/// The programme of a forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeForecast {
    pub tasks: Vec<TaskForecast>,
    pub risks: Vec<RiskForecast>,
    /// Share of replications in which no task is critical: an entry's own date, later than
    /// the task it follows, sets the latest date following a task (0 without tasks).
    pub fixed_date_share: f64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct ProgrammeAccumulator {
    start: Vec<Histogram>,
    finish: Vec<Histogram>,
    duration: Vec<Running>,
    critical: Vec<u64>,
    occurred: Vec<u64>,
    /// Runs with tasks but none critical.
    fixed_date: u64,
    count: u64,
}

impl ProgrammeAccumulator {
    /// `None` for a scenario without a programme.
    pub(super) fn new(scenario: &Scenario) -> Option<Self> {
        let programme = &scenario.programme;
        (!programme.is_empty()).then(|| {
            let tasks = programme.tasks.len();
            ProgrammeAccumulator {
                start: vec![Histogram::default(); tasks],
                finish: vec![Histogram::default(); tasks],
                duration: vec![Running::default(); tasks],
                critical: vec![0; tasks],
                occurred: vec![0; programme.risks.len()],
                fixed_date: 0,
                count: 0,
            }
        })
    }

    pub(super) fn add(&mut self, run: &ProgrammeRun) {
        self.count += 1;
        for task in 0..self.start.len() {
            let start = run.start[task].max(0) as u64;
            let finish = run.finish_day(task).max(0) as u64;
            self.start[task].push(start);
            self.finish[task].push(finish);
            self.duration[task].push((run.end[task] - run.start[task]) as f64);
            if run.critical[task] {
                self.critical[task] += 1;
            }
        }
        if !run.critical.is_empty() && !run.critical.contains(&true) {
            self.fixed_date += 1;
        }
        for (count, &occurred) in self.occurred.iter_mut().zip(&run.occurred) {
            if occurred {
                *count += 1;
            }
        }
    }

    /// Tasks and risks it holds.
    pub(super) fn shape(&self) -> (usize, usize) {
        (self.start.len(), self.occurred.len())
    }

    /// Adds everything `other` folded, as if its runs had been added here.
    pub(super) fn merge(&mut self, other: &ProgrammeAccumulator) {
        self.count += other.count;
        self.fixed_date += other.fixed_date;
        for (ours, theirs) in self.start.iter_mut().zip(&other.start) {
            ours.merge(theirs);
        }
        for (ours, theirs) in self.finish.iter_mut().zip(&other.finish) {
            ours.merge(theirs);
        }
        for (ours, theirs) in self.duration.iter_mut().zip(&other.duration) {
            ours.merge(theirs);
        }
        for (ours, theirs) in self.critical.iter_mut().zip(&other.critical) {
            *ours += theirs;
        }
        for (ours, theirs) in self.occurred.iter_mut().zip(&other.occurred) {
            *ours += theirs;
        }
    }

    pub(super) fn finish(self, scenario: &Scenario) -> ProgrammeForecast {
        let count = self.count.max(1) as f64;
        let fan = |histogram: &Histogram| {
            let date =
                |p: f64| add_days(scenario.start, histogram.quantile(p, 0).unwrap_or(0) as i64);
            DateFan {
                p10: date(0.1),
                p50: date(0.5),
                p90: date(0.9),
            }
        };
        let tasks = scenario
            .programme
            .tasks
            .iter()
            .enumerate()
            .map(|(index, task)| TaskForecast {
                id: task.id.clone(),
                start: fan(&self.start[index]),
                finish: fan(&self.finish[index]),
                duration_days: self.duration[index].estimate(),
                criticality: self.critical[index] as f64 / count,
                finish_days: self.finish[index].clone(),
            })
            .collect();
        let risks = scenario
            .programme
            .risks
            .iter()
            .zip(&self.occurred)
            .map(|(risk, &occurred)| RiskForecast {
                id: risk.id.clone(),
                occurrence: occurred as f64 / count,
                occurred,
                effects: Vec::new(),
            })
            .collect();
        ProgrammeForecast {
            tasks,
            risks,
            fixed_date_share: self.fixed_date as f64 / count,
        }
    }
}

impl Codec for ProgrammeAccumulator {
    fn encode(&self, out: &mut Vec<u64>) {
        self.start.encode(out);
        self.finish.encode(out);
        self.duration.encode(out);
        self.critical.encode(out);
        self.occurred.encode(out);
        self.fixed_date.encode(out);
        self.count.encode(out);
    }
    fn decode(input: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        Ok(ProgrammeAccumulator {
            start: Codec::decode(input)?,
            finish: Codec::decode(input)?,
            duration: Codec::decode(input)?,
            critical: Codec::decode(input)?,
            occurred: Codec::decode(input)?,
            fixed_date: Codec::decode(input)?,
            count: Codec::decode(input)?,
        })
    }
}

//! The programme's exports, written only for a scenario with a programme: `tasks.csv` (one row
//! per task, in file order) and `risks.csv` (one row per risk and milestone it was measured
//! against; a risk whose effects were not computed has one row with the milestone cells empty).

use super::{finish, record};
use crate::document::ProgrammeDoc;

/// The columns of `tasks.csv` and of the workbook's `tasks` sheet.
pub const TASK_COLUMNS: [&str; 9] = [
    "id",
    "start_p10",
    "start_p50",
    "start_p90",
    "finish_p10",
    "finish_p50",
    "finish_p90",
    "duration_mean",
    "criticality",
];

/// The columns of `risks.csv` and of the workbook's `risks` sheet.
pub const RISK_COLUMNS: [&str; 7] = [
    "risk",
    "milestone",
    "probability",
    "occurrence",
    "p50_days",
    "p90_days",
    "on_time_loss",
];

/// `tasks.csv`: each task's start and finish dates (ISO) at P10/P50/P90, its mean duration in
/// days and its criticality (a share of runs), as in the result document.
pub fn tasks_csv(programme: &ProgrammeDoc) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    record(&mut writer, TASK_COLUMNS)?;
    for task in &programme.tasks {
        record(
            &mut writer,
            [
                task.id.clone(),
                task.start.p10.clone(),
                task.start.p50.clone(),
                task.start.p90.clone(),
                task.finish.p10.clone(),
                task.finish.p50.clone(),
                task.finish.p90.clone(),
                task.duration_days.mean.to_string(),
                task.criticality.to_string(),
            ],
        )?;
    }
    finish(writer)
}

/// `risks.csv`: per risk (in file order) and milestone, the risk's probability and occurrence,
/// the days it adds to the milestone's P50 and P90 and the on-time probability it costs (empty
/// where not reached or without a due date).
pub fn risks_csv(programme: &ProgrammeDoc) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    record(&mut writer, RISK_COLUMNS)?;
    let number = |value: Option<String>| value.unwrap_or_default();
    for risk in &programme.risks {
        let row = |milestone: &str, p50: String, p90: String, loss: String| {
            [
                risk.id.clone(),
                milestone.to_string(),
                risk.probability.to_string(),
                risk.occurrence.to_string(),
                p50,
                p90,
                loss,
            ]
        };
        if risk.effects.is_empty() {
            record(
                &mut writer,
                row("", String::new(), String::new(), String::new()),
            )?;
        }
        for effect in &risk.effects {
            record(
                &mut writer,
                row(
                    &effect.milestone,
                    number(effect.p50_days.map(|d| d.to_string())),
                    number(effect.p90_days.map(|d| d.to_string())),
                    number(effect.on_time_loss.map(|l| l.to_string())),
                ),
            )?;
        }
    }
    finish(writer)
}

//! The view of the report's "Programme" section: the tasks with their dates read once, the due
//! dates of task milestones on their task's row, and the risks ranked by their effect with one
//! tornado per milestone that has a due date.

use jiff::civil::Date;

use super::format::read_date;
use crate::document::{DateFanDoc, MilestoneDoc, ProgrammeDoc, RiskDoc, TaskDoc};
use crate::html::escape::UserText;

/// The programme of a report.
#[derive(Debug, Clone)]
pub struct ProgrammeView<'a> {
    pub document: &'a ProgrammeDoc,
    /// In file order.
    pub tasks: Vec<TaskView<'a>>,
    /// Due dates of the milestones that are a task's finish.
    pub dues: Vec<TaskDue>,
    /// Largest effect first (see [`ProgrammeDoc::risks_by_effect`]).
    pub risks: Vec<RiskView<'a>>,
    /// The milestones with a due date the risks were measured against, in document order.
    pub tornadoes: Vec<Tornado>,
}

/// A task of the programme.
#[derive(Debug, Clone)]
pub struct TaskView<'a> {
    pub document: &'a TaskDoc,
    pub id: UserText,
    /// `None` only for a malformed document.
    pub start: Option<DateFan>,
    pub finish: Option<DateFan>,
}

/// P10, P50 and P90 of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateFan {
    pub p10: Date,
    pub p50: Date,
    pub p90: Date,
}

/// A task milestone's due date, on the row of its task.
#[derive(Debug, Clone)]
pub struct TaskDue {
    /// Index into [`ProgrammeView::tasks`].
    pub task: usize,
    /// The milestone's id, as the chart labels it.
    pub milestone: String,
    pub due: Date,
}

/// A risk of the register.
#[derive(Debug, Clone)]
pub struct RiskView<'a> {
    pub document: &'a RiskDoc,
    pub id: UserText,
}

/// The risks' effects on one milestone with a due date: the days each adds to its P90.
#[derive(Debug, Clone)]
pub struct Tornado {
    pub milestone: UserText,
    pub due: Option<Date>,
    /// Risk id and days added, largest first; risks whose P90 is not reached are left out.
    pub rows: Vec<(String, f64)>,
}

fn date_fan(fan: &DateFanDoc) -> Option<DateFan> {
    Some(DateFan {
        p10: read_date(&fan.p10)?,
        p50: read_date(&fan.p50)?,
        p90: read_date(&fan.p90)?,
    })
}

impl<'a> ProgrammeView<'a> {
    pub fn new(document: &'a ProgrammeDoc, milestones: &[MilestoneDoc]) -> ProgrammeView<'a> {
        let tasks: Vec<TaskView<'a>> = document
            .tasks
            .iter()
            .map(|task| TaskView {
                document: task,
                id: UserText::new(&task.id),
                start: date_fan(&task.start),
                finish: date_fan(&task.finish),
            })
            .collect();
        let dues = milestones
            .iter()
            .filter_map(|m| {
                let task = document
                    .tasks
                    .iter()
                    .position(|t| Some(&t.id) == m.task.as_ref())?;
                Some(TaskDue {
                    task,
                    milestone: m.id.clone(),
                    due: read_date(m.due.as_deref()?)?,
                })
            })
            .collect();
        let risks: Vec<RiskView<'a>> = document
            .risks_by_effect()
            .into_iter()
            .map(|risk| RiskView {
                document: risk,
                id: UserText::new(&risk.id),
            })
            .collect();
        let tornadoes = milestones
            .iter()
            .filter(|m| m.due.is_some())
            .filter_map(|m| {
                let mut rows: Vec<(String, f64)> = risks
                    .iter()
                    .filter_map(|risk| {
                        let effect = risk.document.effect_on(&m.id)?;
                        Some((risk.document.id.clone(), effect.p90_days? as f64))
                    })
                    .collect();
                rows.sort_by(|a, b| b.1.total_cmp(&a.1));
                (!rows.is_empty()).then(|| Tornado {
                    milestone: UserText::new(&m.id),
                    due: m.due.as_deref().and_then(read_date),
                    rows,
                })
            })
            .collect();
        ProgrammeView {
            document,
            tasks,
            dues,
            risks,
            tornadoes,
        }
    }
}

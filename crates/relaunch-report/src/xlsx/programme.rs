//! The `tasks` and `risks` sheets, when the scenario has a programme: the same columns as
//! `tasks.csv` and `risks.csv`, with dates as Excel dates and shares as percentages.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::{Cell, Formats, Sheet, strings};
use crate::csv_export::{RISK_COLUMNS, TASK_COLUMNS};
use crate::document::ResultDocument;

fn date(iso: &str) -> Cell<'_> {
    Cell::Date(Some(iso))
}

pub(super) fn programme(
    workbook: &mut Workbook,
    formats: &Formats,
    d: &ResultDocument,
) -> Result<(), XlsxError> {
    let Some(programme) = &d.programme else {
        return Ok(());
    };
    let mut sheet = Sheet::new(workbook, formats, "tasks", &strings(&TASK_COLUMNS))?;
    for task in &programme.tasks {
        sheet.row(&[
            Cell::Text(&task.id),
            date(&task.start.p10),
            date(&task.start.p50),
            date(&task.start.p90),
            date(&task.finish.p10),
            date(&task.finish.p50),
            date(&task.finish.p90),
            Cell::Number(task.duration_days.mean),
            Cell::Percent(task.criticality),
        ])?;
    }
    let mut sheet = Sheet::new(workbook, formats, "risks", &strings(&RISK_COLUMNS))?;
    let days = |days: Option<i64>| days.map_or(Cell::Empty, |d| Cell::Number(d as f64));
    for risk in &programme.risks {
        let head = |milestone| {
            [
                Cell::Text(&risk.id),
                milestone,
                Cell::Percent(risk.probability),
                Cell::Percent(risk.occurrence),
            ]
        };
        if risk.effects.is_empty() {
            sheet.row(&head(Cell::Empty))?;
        }
        for effect in &risk.effects {
            let mut cells = head(Cell::Text(&effect.milestone))
                .into_iter()
                .collect::<Vec<_>>();
            cells.extend([
                days(effect.p50_days),
                days(effect.p90_days),
                effect.on_time_loss.map_or(Cell::Empty, Cell::Percent),
            ]);
            sheet.row(&cells)?;
        }
    }
    Ok(())
}

//! The `costs` sheet, when the scenario has `[costs]`: one row per category (the total, its
//! four parts, the memo of scrapped kits within kits) and the cost of a good unit, each with
//! its mean, 95% interval, P10/P50/P90 (whole units to four significant digits) and currency.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::{Cell, Formats, Sheet, strings};
use crate::cost_document::MoneyDoc;
use crate::document::ResultDocument;

/// The header of the sheet.
pub const COLUMNS: [&str; 9] = [
    "category",
    "mean",
    "ci95_low",
    "ci95_high",
    "p10",
    "p50",
    "p90",
    "currency",
    "note",
];

pub(super) fn costs(
    workbook: &mut Workbook,
    formats: &Formats,
    d: &ResultDocument,
) -> Result<(), XlsxError> {
    let Some(costs) = &d.costs else {
        return Ok(());
    };
    let mut sheet = Sheet::new(workbook, formats, "costs", &strings(&COLUMNS))?;
    let currency = || costs.currency.as_deref().map_or(Cell::Empty, Cell::Text);
    let categories: [(&str, &MoneyDoc, &str); 6] = [
        ("total", &costs.total, "labour + fixed + kits + carrying"),
        ("labour", &costs.labour, ""),
        ("fixed", &costs.fixed, ""),
        ("kits", &costs.kits, "paid on arrival"),
        ("carrying", &costs.carrying, ""),
        (
            "scrapped kits",
            &costs.scrapped_kits,
            "memo: within kits, not added to the total again",
        ),
    ];
    for (category, money, note) in categories {
        sheet.row(&[
            Cell::Text(category),
            Cell::Number(money.mean),
            money.ci95.map_or(Cell::Empty, |ci| Cell::Number(ci[0])),
            money.ci95.map_or(Cell::Empty, |ci| Cell::Number(ci[1])),
            Cell::Number(money.p10 as f64),
            Cell::Number(money.p50 as f64),
            Cell::Number(money.p90 as f64),
            currency(),
            if note.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(note)
            },
        ])?;
    }
    let unit = &costs.per_good_unit;
    let quantile = |value: Option<u64>| value.map_or(Cell::Empty, |v| Cell::Number(v as f64));
    let note = format!(
        "total / good units of the same run; {} runs without a good unit count as dearer \
         than any (an empty quantile falls among them)",
        unit.replications_without_good
    );
    sheet.row(&[
        Cell::Text("per good unit"),
        unit.mean.map_or(Cell::Empty, Cell::Number),
        unit.ci95.map_or(Cell::Empty, |ci| Cell::Number(ci[0])),
        unit.ci95.map_or(Cell::Empty, |ci| Cell::Number(ci[1])),
        quantile(unit.p10),
        quantile(unit.p50),
        quantile(unit.p90),
        currency(),
        Cell::Text(&note),
    ])?;
    Ok(())
}

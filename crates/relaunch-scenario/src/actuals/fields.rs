//! The checks of an actuals file's header and of each row's fields, the same for CSV and XLSX.
//! Each returns every problem it finds, placed at a field.

use relaunch_core::actuals::{ItemKind, Metric, Row};

use super::raw::Problem;
use crate::text_values::{parse_date, suggest};

/// The columns, in order; the last (`note`) is optional.
pub(super) const COLUMNS: [&str; 5] = ["date", "metric", "item", "value", "note"];

/// The columns a file must have.
const REQUIRED_COLUMNS: usize = 4;

/// The largest value of one row: far above any plant's daily figure, and small enough that the
/// sum of a billion rows still fits in 64 bits.
pub(super) const MAXIMUM_VALUE: u64 = 1_000_000_000;

const HEADER_TEXT: &str = "the header is date,metric,item,value and optionally note, in this order";

/// Checks the header's fields: `Ok(true)` when it has the `note` column.
pub(super) fn check_header(fields: &[String]) -> Result<bool, Vec<Problem>> {
    let mut problems = Vec::new();
    for (index, field) in fields.iter().enumerate() {
        let name = field.trim();
        if index < COLUMNS.len() && name == COLUMNS[index] {
            continue;
        }
        if index >= COLUMNS.len() {
            problems.push(Problem::new(
                index,
                format!("unexpected column `{name}` after `note`"),
                format!("remove it: {HEADER_TEXT}"),
            ));
        } else if COLUMNS.contains(&name) {
            problems.push(Problem::new(
                index,
                format!("column `{name}` is out of place"),
                format!(
                    "expected `{}` as column {}: {HEADER_TEXT}",
                    COLUMNS[index],
                    index + 1
                ),
            ));
        } else {
            let label = match suggest(name, &COLUMNS) {
                Some(suggestion) => format!("did you mean `{suggestion}`? {HEADER_TEXT}"),
                None => format!("expected `{}` here: {HEADER_TEXT}", COLUMNS[index]),
            };
            problems.push(Problem::new(
                index,
                format!("unknown column `{name}`"),
                label,
            ));
        }
    }
    if fields.len() < REQUIRED_COLUMNS {
        let missing: Vec<String> = COLUMNS[fields.len()..REQUIRED_COLUMNS]
            .iter()
            .map(|name| format!("`{name}`"))
            .collect();
        let noun = if missing.len() == 1 {
            "column"
        } else {
            "columns"
        };
        problems.push(Problem::new(
            fields.len(),
            format!("missing {noun} {}", missing.join(", ")),
            HEADER_TEXT,
        ));
    }
    if problems.is_empty() {
        Ok(fields.len() == COLUMNS.len())
    } else {
        Err(problems)
    }
}

/// Checks one row's fields under a header with (`has_note`) or without the `note` column.
pub(super) fn check_row(fields: &[String], has_note: bool) -> Result<Row, Vec<Problem>> {
    let columns = if has_note {
        COLUMNS.len()
    } else {
        REQUIRED_COLUMNS
    };
    if fields.len() < REQUIRED_COLUMNS {
        return Err(vec![Problem::new(
            fields.len(),
            format!(
                "the row has {} field{}, expected {REQUIRED_COLUMNS}: date,metric,item,value",
                fields.len(),
                if fields.len() == 1 { "" } else { "s" }
            ),
            format!("missing `{}`", COLUMNS[fields.len()]),
        )]);
    }
    let mut problems = Vec::new();
    if fields.len() > columns {
        let label = if has_note {
            "a note with a comma must be in double quotes".to_string()
        } else {
            "add `note` to the header to keep a note with each row".to_string()
        };
        problems.push(Problem::new(
            columns,
            format!(
                "the row has {} fields, but the header has {columns} columns",
                fields.len()
            ),
            label,
        ));
    }
    let date = parse_date(fields[0].trim())
        .map_err(|error| problems.push(Problem::new(0, error.message, error.label)))
        .ok();
    let metric = check_metric(fields[1].trim())
        .map_err(|problem| problems.push(problem))
        .ok();
    let item = fields[2].trim();
    if let Some(metric) = metric
        && let Err(problem) = check_item(metric, item)
    {
        problems.push(problem);
    }
    let value = check_value(fields[3].trim(), metric)
        .map_err(|problem| problems.push(problem))
        .ok();
    match (date, metric, value) {
        (Some(date), Some(metric), Some(value)) if problems.is_empty() => Ok(Row {
            date,
            metric,
            item: item.to_string(),
            value,
            note: fields.get(4).cloned().unwrap_or_default(),
        }),
        _ => Err(problems),
    }
}

fn metric_list() -> String {
    Metric::ALL.map(Metric::name).join(", ")
}

fn check_metric(text: &str) -> Result<Metric, Problem> {
    if let Some(metric) = Metric::from_name(text) {
        return Ok(metric);
    }
    let names = Metric::ALL.map(Metric::name);
    let label = match suggest(text, &names) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => format!("expected one of {}", metric_list()),
    };
    let message = if text.is_empty() {
        "missing metric".to_string()
    } else {
        format!("unknown metric `{text}`")
    };
    Err(Problem::new(1, message, label))
}

fn check_item(metric: Metric, item: &str) -> Result<(), Problem> {
    let kind = match metric.item_kind() {
        ItemKind::None if item.is_empty() => return Ok(()),
        ItemKind::None => {
            return Err(Problem::new(
                2,
                format!(
                    "`{}` counts people and takes no item, found `{item}`",
                    metric.name()
                ),
                "leave the item empty",
            ));
        }
        _ if !item.is_empty() => return Ok(()),
        ItemKind::Product => "product",
        ItemKind::Kit => "kit",
        ItemKind::Task => "task",
    };
    Err(Problem::new(
        2,
        format!("`{}` needs an item: the {kind} it counts", metric.name()),
        format!("expected the id of a {kind} of the scenario"),
    ))
}

fn check_value(text: &str, metric: Option<Metric>) -> Result<u64, Problem> {
    let whole = |message: String| {
        Problem::new(
            3,
            message,
            "expected a whole number of zero or more, like 6",
        )
    };
    if text.is_empty() {
        return Err(whole("missing value".to_string()));
    }
    if let Some(rest) = text.strip_prefix('-')
        && !rest.is_empty()
        && rest
            .bytes()
            .all(|byte| byte.is_ascii_digit() || byte == b'.')
    {
        return Err(whole(format!("negative value `{text}`")));
    }
    if !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(whole(format!("`{text}` is not a whole number")));
    }
    let value = text
        .parse::<u64>()
        .ok()
        .filter(|value| *value <= MAXIMUM_VALUE)
        .ok_or_else(|| {
            Problem::new(
                3,
                format!("value `{text}` is too large"),
                format!("expected at most {MAXIMUM_VALUE} in one row"),
            )
        })?;
    if let Some(metric @ (Metric::TaskDone | Metric::TaskStarted)) = metric
        && value != 1
    {
        return Err(Problem::new(
            3,
            format!(
                "`{}` marks a task once: its value must be 1, found {value}",
                metric.name()
            ),
            "expected 1",
        ));
    }
    Ok(value)
}

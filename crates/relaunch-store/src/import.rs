//! Importing actuals: one transaction, idempotent, corrections kept.

use std::collections::HashMap;

use jiff::civil::Date;
use relaunch_core::actuals::{Metric, Row};
use sqlx::Row as _;

use crate::scenarios::lock_programme;
use crate::value::{
    count, date_text, parse_date, parse_metric, query_error, text, timestamp, to_i64, to_u64,
    to_usize, values_list,
};
use crate::{Correction, ImportRecord, ImportReport, Result, Store, StoredCorrection};

/// New rows written per statement. Measured on SQLite through sqlx: 200,000 rows took 30 s
/// in statements of 1,000 rows (the time per statement grows faster than its rows), 3.8 s in
/// statements of 100 and 3.0 s in statements of 30.
const BATCH: usize = 50;

type Key = (Date, Metric, String);

fn key(row: &Row) -> Key {
    (row.date, row.metric, row.item.clone())
}

fn check(programme: &str, source: &str, rows: &[Row], created: &str) -> Result<()> {
    text(programme, "the programme")?;
    text(source, "the import's source")?;
    timestamp(created, "the import")?;
    for row in rows {
        let what = || format!("{},{},{}", row.date, row.metric.name(), row.item);
        text(&row.item, "the item")?;
        text(&row.note, "the note")?;
        to_i64(row.value, what)?;
    }
    Ok(())
}

pub(crate) async fn import_actuals(
    store: &Store,
    programme: &str,
    source: &str,
    rows: &[Row],
    created: &str,
    progress: &mut (dyn FnMut(usize) + Send),
) -> Result<ImportReport> {
    check(programme, source, rows, created)?;
    let mut transaction = store.pool.begin().await.map_err(query_error)?;
    let programme_id = lock_programme(&mut transaction, programme, created).await?;

    let mut stored: HashMap<Key, (i64, u64)> = HashMap::new();
    for row in
        sqlx::query("SELECT id, date, metric, item, value FROM actuals WHERE programme_id = $1")
            .bind(programme_id)
            .fetch_all(&mut *transaction)
            .await
            .map_err(query_error)?
    {
        let date: String = row.try_get("date").map_err(query_error)?;
        let metric: String = row.try_get("metric").map_err(query_error)?;
        let value: i64 = row.try_get("value").map_err(query_error)?;
        stored.insert(
            (
                parse_date(&date, "an actual's date")?,
                parse_metric(&metric)?,
                row.try_get("item").map_err(query_error)?,
            ),
            (
                row.try_get("id").map_err(query_error)?,
                to_u64(value, "an actual's value")?,
            ),
        );
    }

    // The rows in file order, each against the value its key holds by then.
    let mut report = ImportReport {
        rows: rows.len(),
        ..ImportReport::default()
    };
    let mut current: HashMap<Key, u64> = HashMap::new();
    // The row that last set each key's value (added or corrected it).
    let mut setter: HashMap<Key, usize> = HashMap::new();
    for (index, row) in rows.iter().enumerate() {
        let key = key(row);
        let before = current
            .get(&key)
            .copied()
            .or_else(|| stored.get(&key).map(|&(_, value)| value));
        match before {
            Some(value) if value == row.value => {
                report.unchanged += 1;
                continue;
            }
            Some(old_value) => report.corrections.push(Correction {
                row: row.clone(),
                old_value,
            }),
            None => report.added += 1,
        }
        current.insert(key.clone(), row.value);
        setter.insert(key, index);
    }

    let import_id: i64 = sqlx::query_scalar(
        "INSERT INTO imports (programme_id, source, created, row_count, added, unchanged, corrected) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(programme_id)
    .bind(source)
    .bind(created)
    .bind(count(report.rows))
    .bind(count(report.added))
    .bind(count(report.unchanged))
    .bind(count(report.corrections.len()))
    .fetch_one(&mut *transaction)
    .await
    .map_err(query_error)?;

    let last_setters = rows
        .iter()
        .enumerate()
        .filter(|(index, row)| setter.get(&key(row)) == Some(index));
    let (updates, inserts): (Vec<_>, Vec<_>) =
        last_setters.partition(|(_, row)| stored.contains_key(&key(row)));

    let mut written = 0;
    for batch in inserts.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO actuals (programme_id, date, metric, item, value, note, import_id) \
             VALUES {}",
            values_list(batch.len(), 7)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (_, row) in batch {
            query = query
                .bind(programme_id)
                .bind(date_text(row.date))
                .bind(row.metric.name())
                .bind(row.item.as_str())
                .bind(row.value as i64)
                .bind(row.note.as_str())
                .bind(import_id);
        }
        query
            .execute(&mut *transaction)
            .await
            .map_err(query_error)?;
        written += batch.len();
        progress(written);
    }
    for (_, row) in &updates {
        let (id, _) = stored[&key(row)];
        sqlx::query("UPDATE actuals SET value = $1, note = $2, import_id = $3 WHERE id = $4")
            .bind(row.value as i64)
            .bind(row.note.as_str())
            .bind(import_id)
            .bind(id)
            .execute(&mut *transaction)
            .await
            .map_err(query_error)?;
    }
    for correction in &report.corrections {
        let row = &correction.row;
        sqlx::query(
            "INSERT INTO corrections \
             (programme_id, import_id, date, metric, item, old_value, new_value) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(programme_id)
        .bind(import_id)
        .bind(date_text(row.date))
        .bind(row.metric.name())
        .bind(row.item.as_str())
        .bind(correction.old_value as i64)
        .bind(row.value as i64)
        .execute(&mut *transaction)
        .await
        .map_err(query_error)?;
    }
    transaction.commit().await.map_err(query_error)?;
    Ok(report)
}

pub(crate) async fn actuals(store: &Store, programme: &str) -> Result<Vec<Row>> {
    let rows = sqlx::query(
        "SELECT a.date, a.metric, a.item, a.value, a.note FROM actuals a \
         JOIN programmes p ON p.id = a.programme_id WHERE p.name = $1",
    )
    .bind(programme)
    .fetch_all(&store.pool)
    .await
    .map_err(query_error)?;
    let mut actuals = rows
        .iter()
        .map(|row| {
            let date: String = row.try_get("date").map_err(query_error)?;
            let metric: String = row.try_get("metric").map_err(query_error)?;
            let value: i64 = row.try_get("value").map_err(query_error)?;
            Ok(Row {
                date: parse_date(&date, "an actual's date")?,
                metric: parse_metric(&metric)?,
                item: row.try_get("item").map_err(query_error)?,
                value: to_u64(value, "an actual's value")?,
                note: row.try_get("note").map_err(query_error)?,
            })
        })
        .collect::<Result<Vec<Row>>>()?;
    // Sorted here: the metric's order is the core's, and the backends collate items apart.
    actuals.sort_by(|a, b| a.key().cmp(&b.key()));
    Ok(actuals)
}

pub(crate) async fn imports(store: &Store, programme: &str) -> Result<Vec<ImportRecord>> {
    let rows = sqlx::query(
        "SELECT i.id, i.source, i.created, i.row_count, i.added, i.unchanged, i.corrected \
         FROM imports i JOIN programmes p ON p.id = i.programme_id WHERE p.name = $1 \
         ORDER BY i.id",
    )
    .bind(programme)
    .fetch_all(&store.pool)
    .await
    .map_err(query_error)?;
    rows.iter()
        .map(|row| {
            let number = |column: &str| -> Result<usize> {
                to_usize(row.try_get(column).map_err(query_error)?, column)
            };
            Ok(ImportRecord {
                id: row.try_get("id").map_err(query_error)?,
                source: row.try_get("source").map_err(query_error)?,
                created: row.try_get("created").map_err(query_error)?,
                rows: number("row_count")?,
                added: number("added")?,
                unchanged: number("unchanged")?,
                corrected: number("corrected")?,
            })
        })
        .collect()
}

pub(crate) async fn corrections(store: &Store, programme: &str) -> Result<Vec<StoredCorrection>> {
    let rows = sqlx::query(
        "SELECT c.import_id, c.date, c.metric, c.item, c.old_value, c.new_value \
         FROM corrections c JOIN programmes p ON p.id = c.programme_id WHERE p.name = $1 \
         ORDER BY c.id",
    )
    .bind(programme)
    .fetch_all(&store.pool)
    .await
    .map_err(query_error)?;
    rows.iter()
        .map(|row| {
            let date: String = row.try_get("date").map_err(query_error)?;
            let metric: String = row.try_get("metric").map_err(query_error)?;
            let value = |column: &str| -> Result<u64> {
                to_u64(row.try_get(column).map_err(query_error)?, column)
            };
            Ok(StoredCorrection {
                import_id: row.try_get("import_id").map_err(query_error)?,
                date: parse_date(&date, "a correction's date")?,
                metric: parse_metric(&metric)?,
                item: row.try_get("item").map_err(query_error)?,
                old_value: value("old_value")?,
                new_value: value("new_value")?,
            })
        })
        .collect()
}

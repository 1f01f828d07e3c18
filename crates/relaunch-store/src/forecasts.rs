//! Forecasts and their milestones: written in one transaction, read for the history.

use std::collections::HashMap;

use sqlx::Row as _;

use crate::scenarios::lock_programme;
use crate::value::{
    optional_date_text, parse_optional_date, query_error, text, timestamp, to_i64, to_u64,
    values_list,
};
use crate::{MilestoneRecord, NewForecast, Result, Store, StoreError, StoredForecast};

/// Milestones written per statement (9 parameters each).
const BATCH: usize = 50;

fn check(forecast: &NewForecast) -> Result<(i64, i64)> {
    text(&forecast.programme, "the programme")?;
    text(&forecast.scenario_hash, "the scenario's hash")?;
    text(&forecast.actuals_hash, "the actuals' hash")?;
    text(&forecast.kind, "the forecast's kind")?;
    text(&forecast.document, "the forecast's document")?;
    timestamp(&forecast.created, "the forecast")?;
    let seed = to_i64(forecast.seed, || "the seed".to_owned())?;
    let replications = to_i64(forecast.replications, || "the replications".to_owned())?;
    for milestone in &forecast.milestones {
        text(&milestone.id, "the milestone")?;
        if let Some(p) = milestone.on_time_probability
            && !(0.0..=1.0).contains(&p)
        {
            return Err(StoreError::Invalid(format!(
                "the on-time probability {p} of milestone `{}`: expected a number from 0 to 1",
                milestone.id
            )));
        }
    }
    Ok((seed, replications))
}

pub(crate) async fn save_forecast(store: &Store, forecast: &NewForecast) -> Result<i64> {
    let (seed, replications) = check(forecast)?;
    let mut transaction = store.pool.begin().await.map_err(query_error)?;
    let programme_id =
        lock_programme(&mut transaction, &forecast.programme, &forecast.created).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO forecasts (programme_id, scenario_hash, actuals_hash, as_of, seed, \
         replications, calibrated, kind, created, document) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(programme_id)
    .bind(forecast.scenario_hash.as_str())
    .bind(forecast.actuals_hash.as_str())
    .bind(optional_date_text(forecast.as_of))
    .bind(seed)
    .bind(replications)
    .bind(i64::from(forecast.calibrated))
    .bind(forecast.kind.as_str())
    .bind(forecast.created.as_str())
    .bind(forecast.document.as_str())
    .fetch_one(&mut *transaction)
    .await
    .map_err(query_error)?;
    for (chunk, batch) in forecast.milestones.chunks(BATCH).enumerate() {
        let sql = format!(
            "INSERT INTO forecast_milestones (forecast_id, ordinal, milestone, due, p10, p50, \
             p90, actual, on_time_probability) VALUES {}",
            values_list(batch.len(), 9)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (i, milestone) in batch.iter().enumerate() {
            query = query
                .bind(id)
                .bind(crate::value::count(chunk * BATCH + i))
                .bind(milestone.id.as_str())
                .bind(optional_date_text(milestone.due))
                .bind(optional_date_text(milestone.p10))
                .bind(optional_date_text(milestone.p50))
                .bind(optional_date_text(milestone.p90))
                .bind(optional_date_text(milestone.actual))
                .bind(milestone.on_time_probability);
        }
        query
            .execute(&mut *transaction)
            .await
            .map_err(query_error)?;
    }
    transaction.commit().await.map_err(query_error)?;
    Ok(id)
}

pub(crate) async fn forecasts(store: &Store, programme: &str) -> Result<Vec<StoredForecast>> {
    let rows = sqlx::query(
        "SELECT f.id, f.scenario_hash, f.actuals_hash, f.as_of, f.seed, f.replications, \
         f.calibrated, f.kind, f.created FROM forecasts f \
         JOIN programmes p ON p.id = f.programme_id WHERE p.name = $1",
    )
    .bind(programme)
    .fetch_all(&store.pool)
    .await
    .map_err(query_error)?;
    let mut milestones: HashMap<i64, Vec<MilestoneRecord>> = HashMap::new();
    for row in sqlx::query(
        "SELECT m.forecast_id, m.milestone, m.due, m.p10, m.p50, m.p90, m.actual, \
         m.on_time_probability FROM forecast_milestones m \
         JOIN forecasts f ON f.id = m.forecast_id JOIN programmes p ON p.id = f.programme_id \
         WHERE p.name = $1 ORDER BY m.forecast_id, m.ordinal",
    )
    .bind(programme)
    .fetch_all(&store.pool)
    .await
    .map_err(query_error)?
    {
        let date = |column: &str| -> Result<Option<jiff::civil::Date>> {
            parse_optional_date(row.try_get(column).map_err(query_error)?, column)
        };
        let record = MilestoneRecord {
            id: row.try_get("milestone").map_err(query_error)?,
            due: date("due")?,
            p10: date("p10")?,
            p50: date("p50")?,
            p90: date("p90")?,
            actual: date("actual")?,
            on_time_probability: row.try_get("on_time_probability").map_err(query_error)?,
        };
        let forecast: i64 = row.try_get("forecast_id").map_err(query_error)?;
        milestones.entry(forecast).or_default().push(record);
    }
    let mut forecasts = rows
        .iter()
        .map(|row| {
            let id: i64 = row.try_get("id").map_err(query_error)?;
            let calibrated: i64 = row.try_get("calibrated").map_err(query_error)?;
            Ok(StoredForecast {
                id,
                programme: programme.to_owned(),
                scenario_hash: row.try_get("scenario_hash").map_err(query_error)?,
                actuals_hash: row.try_get("actuals_hash").map_err(query_error)?,
                as_of: parse_optional_date(row.try_get("as_of").map_err(query_error)?, "as_of")?,
                seed: to_u64(row.try_get("seed").map_err(query_error)?, "a seed")?,
                replications: to_u64(
                    row.try_get("replications").map_err(query_error)?,
                    "the replications",
                )?,
                calibrated: calibrated != 0,
                kind: row.try_get("kind").map_err(query_error)?,
                created: row.try_get("created").map_err(query_error)?,
                milestones: milestones.remove(&id).unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<StoredForecast>>>()?;
    // Sorted here: the backends put NULLs (no as-of) at opposite ends.
    forecasts.sort_by_key(|forecast| (forecast.as_of, forecast.id));
    Ok(forecasts)
}

pub(crate) async fn forecast_document(store: &Store, id: i64) -> Result<String> {
    sqlx::query_scalar("SELECT document FROM forecasts WHERE id = $1")
        .bind(id)
        .fetch_optional(&store.pool)
        .await
        .map_err(query_error)?
        .ok_or_else(|| StoreError::NotFound(format!("forecast with id {id}")))
}

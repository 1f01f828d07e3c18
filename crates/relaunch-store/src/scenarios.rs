//! Programmes and the versions of their scenario.

use sqlx::AnyConnection;
use sqlx::Row as _;

use crate::value::{query_error, text, timestamp};
use crate::{Result, ScenarioVersion, Store, StoreError};

/// The id of programme `name`, created when missing, with its row taken for writing until the
/// transaction ends: writers into one programme wait for each other on both backends (and
/// SQLite takes its write lock here, before anything is read).
pub(crate) async fn lock_programme(
    connection: &mut AnyConnection,
    name: &str,
    created: &str,
) -> Result<i64> {
    sqlx::query(
        "INSERT INTO programmes (name, created) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(created)
    .execute(&mut *connection)
    .await
    .map_err(query_error)?;
    sqlx::query_scalar::<_, i64>("UPDATE programmes SET name = name WHERE name = $1 RETURNING id")
        .bind(name)
        .fetch_one(&mut *connection)
        .await
        .map_err(query_error)
}

pub(crate) async fn save_scenario(
    store: &Store,
    programme: &str,
    (content, source): (&str, Option<&str>),
    hash: &str,
    created: &str,
) -> Result<ScenarioVersion> {
    text(programme, "the programme")?;
    text(content, "the scenario")?;
    if let Some(source) = source {
        text(source, "the scenario's source")?;
    }
    text(hash, "the scenario's hash")?;
    timestamp(created, "the scenario version")?;
    let mut transaction = store.pool.begin().await.map_err(query_error)?;
    let programme_id = lock_programme(&mut transaction, programme, created).await?;
    let stored = sqlx::query(
        "SELECT version, created FROM scenario_versions WHERE programme_id = $1 AND hash = $2",
    )
    .bind(programme_id)
    .bind(hash)
    .fetch_optional(&mut *transaction)
    .await
    .map_err(query_error)?;
    if let Some(row) = stored {
        if let Some(source) = source {
            // The first source sent for a version is kept; one saved from a file has none yet.
            sqlx::query(
                "UPDATE scenario_versions SET source = $1 \
                 WHERE programme_id = $2 AND hash = $3 AND source IS NULL",
            )
            .bind(source)
            .bind(programme_id)
            .bind(hash)
            .execute(&mut *transaction)
            .await
            .map_err(query_error)?;
        }
        transaction.commit().await.map_err(query_error)?;
        return Ok(ScenarioVersion {
            programme: programme.to_owned(),
            version: row.try_get("version").map_err(query_error)?,
            hash: hash.to_owned(),
            created: row.try_get("created").map_err(query_error)?,
            new: false,
        });
    }
    let last: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(version), 0) FROM scenario_versions WHERE programme_id = $1",
    )
    .bind(programme_id)
    .fetch_one(&mut *transaction)
    .await
    .map_err(query_error)?;
    let version = last + 1;
    sqlx::query(
        "INSERT INTO scenario_versions (programme_id, version, hash, content, source, created) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(programme_id)
    .bind(version)
    .bind(hash)
    .bind(content)
    .bind(source)
    .bind(created)
    .execute(&mut *transaction)
    .await
    .map_err(query_error)?;
    transaction.commit().await.map_err(query_error)?;
    Ok(ScenarioVersion {
        programme: programme.to_owned(),
        version,
        hash: hash.to_owned(),
        created: created.to_owned(),
        new: true,
    })
}

pub(crate) async fn programmes(store: &Store) -> Result<Vec<String>> {
    let mut names: Vec<String> = sqlx::query_scalar("SELECT name FROM programmes")
        .fetch_all(&store.pool)
        .await
        .map_err(query_error)?;
    // Sorted here, by bytes: PostgreSQL's collation would order them otherwise.
    names.sort();
    Ok(names)
}

pub(crate) async fn scenario_versions(
    store: &Store,
    programme: &str,
) -> Result<Vec<ScenarioVersion>> {
    let rows = sqlx::query(
        "SELECT v.version, v.hash, v.created FROM scenario_versions v \
         JOIN programmes p ON p.id = v.programme_id WHERE p.name = $1 ORDER BY v.version",
    )
    .bind(programme)
    .fetch_all(&store.pool)
    .await
    .map_err(query_error)?;
    rows.iter()
        .map(|row| {
            Ok(ScenarioVersion {
                programme: programme.to_owned(),
                version: row.try_get("version").map_err(query_error)?,
                hash: row.try_get("hash").map_err(query_error)?,
                created: row.try_get("created").map_err(query_error)?,
                new: false,
            })
        })
        .collect()
}

pub(crate) async fn scenario_text(store: &Store, programme: &str, version: i64) -> Result<String> {
    sqlx::query_scalar(
        "SELECT v.content FROM scenario_versions v JOIN programmes p ON p.id = v.programme_id \
         WHERE p.name = $1 AND v.version = $2",
    )
    .bind(programme)
    .bind(version)
    .fetch_optional(&store.pool)
    .await
    .map_err(query_error)?
    .ok_or_else(|| StoreError::NotFound(format!("version {version} of programme `{programme}`")))
}

pub(crate) async fn scenario_source(
    store: &Store,
    programme: &str,
    version: i64,
) -> Result<Option<String>> {
    let row = sqlx::query(
        "SELECT v.source FROM scenario_versions v JOIN programmes p ON p.id = v.programme_id \
         WHERE p.name = $1 AND v.version = $2",
    )
    .bind(programme)
    .bind(version)
    .fetch_optional(&store.pool)
    .await
    .map_err(query_error)?
    .ok_or_else(|| StoreError::NotFound(format!("version {version} of programme `{programme}`")))?;
    row.try_get::<Option<String>, _>("source")
        .map_err(query_error)
}

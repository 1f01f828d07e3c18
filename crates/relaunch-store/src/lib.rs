//! relaunch-store: the memory of a restart — programmes (a scenario and its versions, by
//! content hash), the actuals imported into them, and every forecast made with the hashes of
//! its inputs. An embedded SQLite file by default (`relaunch.db`), PostgreSQL by URL; one
//! schema with migrations for both. Every write is one transaction: a killed process leaves
//! either all of an import (or a forecast) or none of it.
//!
//! [`Store`] is async (sqlx); [`BlockingStore`] wraps it with a runtime of its own for
//! synchronous callers (the CLI and the application layer's use cases).
//!
//! # Backends
//! One binary talks to both through sqlx's `Any` driver, picked by the URL's scheme
//! (`sqlite:`/`sqlite://`, `postgres://`/`postgresql://`; a plain path is a SQLite file,
//! created when missing, see [`Store::url_from`]). The queries are written once, in the SQL
//! both accept (`$1` placeholders, `INSERT ... ON CONFLICT DO NOTHING`, `RETURNING`); what the
//! two order differently (NULLs, string collation) is sorted in Rust, so both backends read
//! back the same values in the same order. The `Any` driver carries integers, floats and text
//! only, so dates are `YYYY-MM-DD` text, timestamps RFC 3339 text (checked on the way in),
//! `u64` counts are `i64` (a value above `i64::MAX` is refused, never wrapped) and flags are
//! 0/1. Text with a NUL character is refused (PostgreSQL cannot keep it).
//!
//! # Schema and migrations
//! `migrations/sqlite` and `migrations/postgres` hold the same tables, columns and indexes,
//! one directory per backend because the identity columns and integer types are written
//! differently (`INTEGER PRIMARY KEY` against `BIGINT GENERATED ALWAYS AS IDENTITY`); a test
//! compares the two schemas column by column. They are embedded with `sqlx::migrate!` and
//! applied by [`Store::open`]. Tables: `programmes` (name unique), `scenario_versions`
//! (version number and content hash unique per programme), `imports` (the log of every import,
//! a no-op one too, with its counts), `actuals` (one row per programme, date, metric and item,
//! with the import that last set it), `corrections` (old and new value, the import),
//! `forecasts` (inputs' hashes, as-of, seed, replications, calibrated, kind, the document) and
//! `forecast_milestones` (due, P10, P50, P90, actual, on-time probability, in the order given).
//!
//! # Transactions
//! [`Store::import_actuals`] is one transaction: it first takes the programme's row for
//! writing (an `UPDATE`, which serialises imports into one programme on both backends and makes
//! SQLite take its write lock at once), reads the stored values, classifies the rows in file
//! order (a key not stored: added; the same value: unchanged and not touched, its note kept; a
//! new value: a correction, stored with the old value, the row updated with the new value and
//! note), logs the import, and writes the new rows in batches. The same file twice adds no
//! actual and no correction, only a line in the import log that says so. [`Store::save_forecast`]
//! writes the forecast and its milestones in one transaction. SQLite runs in WAL mode with a
//! busy timeout of five seconds and foreign keys on.

use jiff::civil::Date;
use relaunch_core::actuals::Row;

mod forecasts;
mod import;
mod open;
mod scenarios;
#[cfg(feature = "testing")]
pub mod testing;
mod url;
mod value;

/// The URL used when neither `--db` nor `RELAUNCH_DB` names one: `relaunch.db` in the working
/// directory, created when missing.
pub const DEFAULT_URL: &str = "sqlite://relaunch.db?mode=rwc";

/// The environment variable that names the store.
pub const ENV_VAR: &str = "RELAUNCH_DB";

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names no backend we know, or the database cannot be opened.
    #[error("cannot open the store `{url}`: {message}")]
    Open { url: String, message: String },
    #[error("the store's schema could not be brought up to date: {0}")]
    Migrate(String),
    #[error("the store failed: {0}")]
    Query(String),
    /// A value in the store that this version cannot read.
    #[error("the store holds a value this version cannot read: {0}")]
    Corrupt(String),
    /// A value given that the store cannot keep (too large, a NUL character, not RFC 3339).
    #[error("cannot store {0}")]
    Invalid(String),
    /// Nothing stored under the name or id asked for.
    #[error("the store has no {0}")]
    NotFound(String),
}

impl StoreError {
    /// Whether the user can fix it (a bad URL, an unreachable database, a value out of
    /// range, a missing id) rather than a failure of the store itself.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            StoreError::Open { .. } | StoreError::Invalid(_) | StoreError::NotFound(_)
        )
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// One version of a programme's scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioVersion {
    pub programme: String,
    /// 1 for the first version saved, then 2, 3, ...
    pub version: i64,
    /// The hex SHA-256 (or other stable hash the caller chose) of the scenario text.
    pub hash: String,
    /// When it was first saved (RFC 3339, from the caller's clock).
    pub created: String,
    /// Whether this call saved it (false: that text was already stored).
    pub new: bool,
}

/// A changed value for a (date, metric, item) already stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub row: Row,
    pub old_value: u64,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// Rows given.
    pub rows: usize,
    /// Rows whose key was not stored yet.
    pub added: usize,
    /// Rows already stored with the same value.
    pub unchanged: usize,
    /// Rows that changed a stored value.
    pub corrections: Vec<Correction>,
}

/// A milestone of a stored forecast, kept beside the document for the history.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneRecord {
    pub id: String,
    pub due: Option<Date>,
    pub p10: Option<Date>,
    pub p50: Option<Date>,
    pub p90: Option<Date>,
    pub actual: Option<Date>,
    pub on_time_probability: Option<f64>,
}

/// A forecast to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewForecast {
    pub programme: String,
    pub scenario_hash: String,
    /// The hash of the actuals the forecast started from (empty for a forecast from the plan).
    pub actuals_hash: String,
    pub as_of: Option<Date>,
    pub seed: u64,
    pub replications: u64,
    pub calibrated: bool,
    /// `forecast`, `simulate` or `backtest`.
    pub kind: String,
    /// When it was made (RFC 3339, from the caller's clock).
    pub created: String,
    /// The result document (JSON), as printed by `--json`.
    pub document: String,
    pub milestones: Vec<MilestoneRecord>,
}

/// A stored forecast (without its document; see [`Store::forecast_document`]).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredForecast {
    pub id: i64,
    pub programme: String,
    pub scenario_hash: String,
    pub actuals_hash: String,
    pub as_of: Option<Date>,
    pub seed: u64,
    pub replications: u64,
    pub calibrated: bool,
    pub kind: String,
    pub created: String,
    pub milestones: Vec<MilestoneRecord>,
}

/// An import as logged (every call of [`Store::import_actuals`], a no-op one too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    pub id: i64,
    pub source: String,
    pub created: String,
    pub rows: usize,
    pub added: usize,
    pub unchanged: usize,
    pub corrected: usize,
}

/// A correction as stored: the key, the value it replaced and the import that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCorrection {
    pub import_id: i64,
    pub date: Date,
    pub metric: relaunch_core::actuals::Metric,
    pub item: String,
    pub old_value: u64,
    pub new_value: u64,
}

/// The database behind a [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The store, on SQLite or PostgreSQL.
#[derive(Debug, Clone)]
pub struct Store {
    pool: sqlx::AnyPool,
    backend: Backend,
}

impl Store {
    /// The URL to use: `flag` (`--db`), else `env` (`RELAUNCH_DB`), else [`DEFAULT_URL`]. A
    /// plain path is taken as a SQLite file.
    pub fn url_from(flag: Option<&str>, env: Option<&str>) -> String {
        url::url_from(flag, env)
    }

    /// Opens (creating a SQLite file when missing) and migrates the store at `url`.
    pub async fn open(url: &str) -> Result<Store> {
        open::open(url).await
    }

    /// Which database the store is in.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Saves `text` as a version of `programme` unless a version with `hash` is stored.
    pub async fn save_scenario(
        &self,
        programme: &str,
        text: &str,
        hash: &str,
        created: &str,
    ) -> Result<ScenarioVersion> {
        scenarios::save_scenario(self, programme, (text, None), hash, created).await
    }

    /// [`Store::save_scenario`], also keeping `source`, the scenario as the user wrote it (its
    /// TOML with comments), beside the version. A version stored without a source takes this
    /// one; one stored with a source keeps its own.
    pub async fn save_scenario_with_source(
        &self,
        programme: &str,
        (text, source): (&str, &str),
        hash: &str,
        created: &str,
    ) -> Result<ScenarioVersion> {
        scenarios::save_scenario(self, programme, (text, Some(source)), hash, created).await
    }

    /// The source kept with version `version` of `programme`, if any (see
    /// [`Store::save_scenario_with_source`]).
    pub async fn scenario_source(&self, programme: &str, version: i64) -> Result<Option<String>> {
        scenarios::scenario_source(self, programme, version).await
    }

    /// The stored programmes' names, sorted.
    pub async fn programmes(&self) -> Result<Vec<String>> {
        scenarios::programmes(self).await
    }

    /// The versions of `programme`, oldest first.
    pub async fn scenario_versions(&self, programme: &str) -> Result<Vec<ScenarioVersion>> {
        scenarios::scenario_versions(self, programme).await
    }

    /// The text of version `version` of `programme`.
    pub async fn scenario_text(&self, programme: &str, version: i64) -> Result<String> {
        scenarios::scenario_text(self, programme, version).await
    }

    /// Imports `rows` (from `source`, e.g. a file name) into `programme` in one transaction.
    pub async fn import_actuals(
        &self,
        programme: &str,
        source: &str,
        rows: &[Row],
        created: &str,
    ) -> Result<ImportReport> {
        import::import_actuals(self, programme, source, rows, created, &mut |_| {}).await
    }

    /// [`Store::import_actuals`], calling `progress` with the number of new rows written so far
    /// after each batch (inside the transaction: nothing is visible to others before the end).
    pub async fn import_actuals_with_progress(
        &self,
        programme: &str,
        source: &str,
        rows: &[Row],
        created: &str,
        progress: &mut (dyn FnMut(usize) + Send),
    ) -> Result<ImportReport> {
        import::import_actuals(self, programme, source, rows, created, progress).await
    }

    /// Every actual row of `programme`, sorted by (date, metric, item).
    pub async fn actuals(&self, programme: &str) -> Result<Vec<Row>> {
        import::actuals(self, programme).await
    }

    /// Every import of `programme`, oldest first.
    pub async fn imports(&self, programme: &str) -> Result<Vec<ImportRecord>> {
        import::imports(self, programme).await
    }

    /// Every correction made to `programme`'s actuals, oldest first.
    pub async fn corrections(&self, programme: &str) -> Result<Vec<StoredCorrection>> {
        import::corrections(self, programme).await
    }

    /// Stores a forecast with its milestones in one transaction; returns its id.
    pub async fn save_forecast(&self, forecast: &NewForecast) -> Result<i64> {
        forecasts::save_forecast(self, forecast).await
    }

    /// The stored forecasts of `programme`, by as-of date (none first) then id.
    pub async fn forecasts(&self, programme: &str) -> Result<Vec<StoredForecast>> {
        forecasts::forecasts(self, programme).await
    }

    /// The result document of stored forecast `id`.
    pub async fn forecast_document(&self, id: i64) -> Result<String> {
        forecasts::forecast_document(self, id).await
    }

    /// Closes the pool's connections (a SQLite file is checkpointed and left tidy).
    pub async fn close(&self) {
        self.pool.close().await
    }
}

/// [`Store`] with a runtime of its own, for synchronous callers. Do not use from inside an
/// async runtime's worker thread.
#[derive(Debug)]
pub struct BlockingStore {
    runtime: tokio::runtime::Runtime,
    store: Store,
}

impl BlockingStore {
    pub fn open(url: &str) -> Result<BlockingStore> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| StoreError::Open {
                url: url.to_owned(),
                message: error.to_string(),
            })?;
        let store = runtime.block_on(Store::open(url))?;
        Ok(BlockingStore { runtime, store })
    }

    /// The async store inside.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Which database the store is in.
    pub fn backend(&self) -> Backend {
        self.store.backend()
    }

    pub fn save_scenario(
        &self,
        programme: &str,
        text: &str,
        hash: &str,
        created: &str,
    ) -> Result<ScenarioVersion> {
        self.runtime
            .block_on(self.store.save_scenario(programme, text, hash, created))
    }

    pub fn save_scenario_with_source(
        &self,
        programme: &str,
        (text, source): (&str, &str),
        hash: &str,
        created: &str,
    ) -> Result<ScenarioVersion> {
        self.runtime.block_on(self.store.save_scenario_with_source(
            programme,
            (text, source),
            hash,
            created,
        ))
    }

    pub fn scenario_source(&self, programme: &str, version: i64) -> Result<Option<String>> {
        self.runtime
            .block_on(self.store.scenario_source(programme, version))
    }

    pub fn programmes(&self) -> Result<Vec<String>> {
        self.runtime.block_on(self.store.programmes())
    }

    pub fn scenario_versions(&self, programme: &str) -> Result<Vec<ScenarioVersion>> {
        self.runtime
            .block_on(self.store.scenario_versions(programme))
    }

    pub fn import_actuals(
        &self,
        programme: &str,
        source: &str,
        rows: &[Row],
        created: &str,
    ) -> Result<ImportReport> {
        self.runtime
            .block_on(self.store.import_actuals(programme, source, rows, created))
    }

    pub fn actuals(&self, programme: &str) -> Result<Vec<Row>> {
        self.runtime.block_on(self.store.actuals(programme))
    }

    pub fn import_actuals_with_progress(
        &self,
        programme: &str,
        source: &str,
        rows: &[Row],
        created: &str,
        progress: &mut (dyn FnMut(usize) + Send),
    ) -> Result<ImportReport> {
        self.runtime.block_on(
            self.store
                .import_actuals_with_progress(programme, source, rows, created, progress),
        )
    }

    pub fn imports(&self, programme: &str) -> Result<Vec<ImportRecord>> {
        self.runtime.block_on(self.store.imports(programme))
    }

    pub fn corrections(&self, programme: &str) -> Result<Vec<StoredCorrection>> {
        self.runtime.block_on(self.store.corrections(programme))
    }

    pub fn scenario_text(&self, programme: &str, version: i64) -> Result<String> {
        self.runtime
            .block_on(self.store.scenario_text(programme, version))
    }

    pub fn save_forecast(&self, forecast: &NewForecast) -> Result<i64> {
        self.runtime.block_on(self.store.save_forecast(forecast))
    }

    pub fn forecasts(&self, programme: &str) -> Result<Vec<StoredForecast>> {
        self.runtime.block_on(self.store.forecasts(programme))
    }

    pub fn forecast_document(&self, id: i64) -> Result<String> {
        self.runtime.block_on(self.store.forecast_document(id))
    }

    /// Closes the store's connections.
    pub fn close(&self) {
        self.runtime.block_on(self.store.close())
    }
}

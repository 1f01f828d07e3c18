//! relaunch-store: the memory of a restart — programmes (a scenario and its versions, by
//! content hash), the actuals imported into them, and every forecast made with the hashes of
//! its inputs. An embedded SQLite file by default (`relaunch.db`), PostgreSQL by URL; one
//! schema with migrations for both. Every write is one transaction: a killed process leaves
//! either all of an import (or a forecast) or none of it.
//!
//! [`Store`] is async (sqlx); [`BlockingStore`] wraps it with a runtime of its own for
//! synchronous callers (the CLI and the application layer's use cases).

use jiff::civil::Date;
use relaunch_core::actuals::Row;

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

/// The store, on SQLite or PostgreSQL.
#[derive(Debug, Clone)]
pub struct Store {
    _private: (),
}

impl Store {
    /// The URL to use: `flag` (`--db`), else `env` (`RELAUNCH_DB`), else [`DEFAULT_URL`]. A
    /// plain path is taken as a SQLite file.
    pub fn url_from(flag: Option<&str>, env: Option<&str>) -> String {
        let _ = (flag, env);
        todo!()
    }

    /// Opens (creating a SQLite file when missing) and migrates the store at `url`.
    pub async fn open(url: &str) -> Result<Store> {
        let _ = url;
        todo!()
    }

    /// Saves `text` as a version of `programme` unless a version with `hash` is stored.
    pub async fn save_scenario(
        &self,
        programme: &str,
        text: &str,
        hash: &str,
        created: &str,
    ) -> Result<ScenarioVersion> {
        let _ = (programme, text, hash, created);
        todo!()
    }

    /// The stored programmes' names, sorted.
    pub async fn programmes(&self) -> Result<Vec<String>> {
        todo!()
    }

    /// The versions of `programme`, oldest first.
    pub async fn scenario_versions(&self, programme: &str) -> Result<Vec<ScenarioVersion>> {
        let _ = programme;
        todo!()
    }

    /// Imports `rows` (from `source`, e.g. a file name) into `programme` in one transaction.
    pub async fn import_actuals(
        &self,
        programme: &str,
        source: &str,
        rows: &[Row],
        created: &str,
    ) -> Result<ImportReport> {
        let _ = (programme, source, rows, created);
        todo!()
    }

    /// Every actual row of `programme`, sorted by (date, metric, item).
    pub async fn actuals(&self, programme: &str) -> Result<Vec<Row>> {
        let _ = programme;
        todo!()
    }

    /// Stores a forecast with its milestones in one transaction; returns its id.
    pub async fn save_forecast(&self, forecast: &NewForecast) -> Result<i64> {
        let _ = forecast;
        todo!()
    }

    /// The stored forecasts of `programme`, by as-of date (none first) then id.
    pub async fn forecasts(&self, programme: &str) -> Result<Vec<StoredForecast>> {
        let _ = programme;
        todo!()
    }

    /// The result document of stored forecast `id`.
    pub async fn forecast_document(&self, id: i64) -> Result<String> {
        let _ = id;
        todo!()
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

    pub fn save_forecast(&self, forecast: &NewForecast) -> Result<i64> {
        self.runtime.block_on(self.store.save_forecast(forecast))
    }

    pub fn forecasts(&self, programme: &str) -> Result<Vec<StoredForecast>> {
        self.runtime.block_on(self.store.forecasts(programme))
    }

    pub fn forecast_document(&self, id: i64) -> Result<String> {
        self.runtime.block_on(self.store.forecast_document(id))
    }
}

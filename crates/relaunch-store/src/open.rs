//! Opening a store: the pool, SQLite's journal mode, the migrations.

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;

use crate::url::{backend_of, normalise, redact};
use crate::{Backend, Result, Store, StoreError};

static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");

pub(crate) async fn open(url: &str) -> Result<Store> {
    let url = normalise(url);
    let backend = backend_of(&url)?;
    sqlx::any::install_default_drivers();
    let open_error = |error: sqlx::Error| StoreError::Open {
        url: redact(&url),
        message: error.to_string(),
    };
    // sqlx's SQLite connections have foreign keys on and a busy timeout of 5 s by default.
    // A server that refuses or does not answer is reported after 10 s, not sqlx's 30.
    let pool = AnyPoolOptions::new()
        .max_connections(4)
        .acquire_timeout(std::time::Duration::from_secs(10))
        .connect(&url)
        .await
        .map_err(open_error)?;
    let migrator = match backend {
        Backend::Sqlite => {
            // WAL is kept in the file: set once, every later connection reads in it.
            sqlx::query("PRAGMA journal_mode = WAL")
                .fetch_all(&pool)
                .await
                .map_err(open_error)?;
            &SQLITE
        }
        Backend::Postgres => &POSTGRES,
    };
    migrator
        .run(&pool)
        .await
        .map_err(|error| StoreError::Migrate(error.to_string()))?;
    Ok(Store { pool, backend })
}

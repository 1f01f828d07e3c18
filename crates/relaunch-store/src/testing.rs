//! Test support (feature `testing`, for this crate's tests and those of the crates above it):
//! a fresh store per test — a SQLite file in a temporary directory, or a PostgreSQL database
//! of its own (created from the server in `RELAUNCH_TEST_POSTGRES`, dropped after), so tests
//! run in parallel and again. Without a server a PostgreSQL test prints a visible `SKIPPED`
//! line on a developer's machine and fails under CI (`CI` set), which must provide one.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::BlockingStore;
use sqlx::migrate::MigrateDatabase;

/// The variable that names the PostgreSQL server of the tests.
pub const POSTGRES_VAR: &str = "RELAUNCH_TEST_POSTGRES";

/// A store of a test, removed (file or database) on drop.
pub struct TestStore {
    pub store: BlockingStore,
    pub url: String,
    _place: Place,
}

impl std::ops::Deref for TestStore {
    type Target = BlockingStore;
    fn deref(&self) -> &BlockingStore {
        &self.store
    }
}

/// Where a test store lives; removed on drop (after the store, declared before it).
pub enum Place {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres(String),
}

impl Drop for Place {
    fn drop(&mut self) {
        if let Place::Postgres(url) = self {
            let _ = runtime().block_on(sqlx::Postgres::force_drop_database(url));
        }
    }
}

/// A current-thread runtime for a test's async calls.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// A store in a new SQLite file.
pub fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = dir.path().join("relaunch.db").to_str().unwrap().to_owned();
    TestStore {
        store: BlockingStore::open(&url).expect("the store opens"),
        url,
        _place: Place::Sqlite(dir),
    }
}

/// The server to test PostgreSQL on: `None` (with a visible SKIPPED line) on a developer's
/// machine without one; a failure under CI, which must provide it.
pub fn postgres_server() -> Option<String> {
    match std::env::var(POSTGRES_VAR) {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!(
                "CI must provide PostgreSQL: set {POSTGRES_VAR}=postgres://user:password@host:port/database"
            )
        }
        _ => {
            // Straight to the stream: the test harness captures `eprintln!` of passing tests.
            let line = format!("SKIPPED: set {POSTGRES_VAR}=postgres://... to test PostgreSQL\n");
            let _ = std::io::stderr().write_all(line.as_bytes());
            None
        }
    }
}

/// A new, empty database on the server, and its URL.
pub fn postgres_database() -> Option<(String, Place)> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let server = postgres_server()?;
    let name = format!(
        "relaunch_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let url = with_database(&server, &name);
    runtime().block_on(async {
        // A database left by an earlier run under the same process id goes first.
        sqlx::Postgres::force_drop_database(&url).await.ok();
        sqlx::Postgres::create_database(&url)
            .await
            .unwrap_or_else(|error| panic!("cannot create database {name} on {server}: {error}"));
    });
    Some((url.clone(), Place::Postgres(url)))
}

/// A store in a new PostgreSQL database; `None` when no server is named (see
/// [`postgres_server`]).
pub fn postgres() -> Option<TestStore> {
    let (url, place) = postgres_database()?;
    Some(TestStore {
        store: BlockingStore::open(&url).expect("the store opens"),
        url,
        _place: place,
    })
}

/// `server` with its database replaced by `name` (its query kept).
fn with_database(server: &str, name: &str) -> String {
    let (scheme, rest) = server.split_once("://").expect("a postgres:// URL");
    let (before_query, query) = match rest.split_once('?') {
        Some((before, query)) => (before, format!("?{query}")),
        None => (rest, String::new()),
    };
    let authority = before_query.split('/').next().unwrap_or_default();
    format!("{scheme}://{authority}/{name}{query}")
}

#[cfg(test)]
#[test]
fn the_database_of_a_server_url_is_replaced() {
    assert_eq!(
        with_database("postgres://u:p@h:5/relaunch?sslmode=disable", "t_1"),
        "postgres://u:p@h:5/t_1?sslmode=disable"
    );
    assert_eq!(with_database("postgresql://h", "t_2"), "postgresql://h/t_2");
}

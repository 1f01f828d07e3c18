//! Opening: URLs and paths, WAL, reopening.

use relaunch_store::{BlockingStore, DEFAULT_URL, Store, StoreError};

use crate::row;
use relaunch_core::actuals::Metric::Good;

#[test]
fn a_plain_path_is_a_sqlite_file_created_where_it_says() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("a b?#%");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("..").join("a b?#%").join("store.db");
    let url = Store::url_from(Some(path.to_str().unwrap()), Some("ignored.db"));
    let store = BlockingStore::open(&url).unwrap();
    store
        .import_actuals(
            "kaluga",
            "f.csv",
            &[row("2024-01-10", Good, "x", 3, "")],
            "2026-12-07T08:00:00Z",
        )
        .unwrap();
    store.close();
    drop(store);
    assert!(folder.join("store.db").is_file());

    // Reopened (the migrations already applied), the row is there.
    let again = BlockingStore::open(path.to_str().unwrap()).unwrap();
    assert_eq!(again.actuals("kaluga").unwrap()[0].value, 3);

    // The file is in WAL mode.
    let mode: String = crate::backend::runtime().block_on(async {
        use sqlx::Connection;
        let mut connection = sqlx::SqliteConnection::connect_with(
            &sqlx::sqlite::SqliteConnectOptions::new().filename(folder.join("store.db")),
        )
        .await
        .unwrap();
        sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut connection)
            .await
            .unwrap()
    });
    assert_eq!(mode, "wal");
}

#[test]
fn an_unknown_scheme_is_a_user_error_naming_what_is_expected() {
    assert_eq!(Store::url_from(None, None), DEFAULT_URL);
    let error = BlockingStore::open("mysql://root:secret@localhost/relaunch").unwrap_err();
    assert!(matches!(error, StoreError::Open { .. }) && error.is_user_error());
    let message = error.to_string();
    assert!(message.contains("`sqlite:` or `postgres://`"), "{message}");
    assert!(!message.contains("secret"), "{message}");
}

#[test]
fn a_missing_directory_is_an_open_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no such directory").join("store.db");
    let error = BlockingStore::open(path.to_str().unwrap()).unwrap_err();
    assert!(matches!(error, StoreError::Open { .. }), "{error}");
}

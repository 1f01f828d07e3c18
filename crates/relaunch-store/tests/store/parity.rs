//! The same writes read back the same on SQLite and PostgreSQL; the two schemas match.

use std::collections::BTreeSet;

use relaunch_core::actuals::Metric::{Good, Left, TaskDone};
use sqlx::Connection;

use crate::backend::{self, TestStore};
use crate::forecasts::forecast;
use crate::row;

fn write_everything(store: &TestStore) {
    store
        .save_scenario("kaluga", "v1", "h1", "2026-12-01T09:00:00Z")
        .unwrap();
    store
        .save_scenario("kaluga", "v2", "h2", "2026-12-02T09:00:00Z")
        .unwrap();
    store
        .save_scenario("Ärger", "v1", "h1", "2026-12-02T09:00:00Z")
        .unwrap();
    let rows = vec![
        row("2023-11-14", TaskDone, "partner-deal", 1, ""),
        row(
            "2023-12-20",
            Good,
            "crossover",
            6,
            "interpolated, ümlaut, 'quoted'",
        ),
        row("2024-02-01", Left, "", 2, ""),
        row("2023-12-20", Good, "Z", 1, ""),
    ];
    store
        .import_actuals("kaluga", "a.csv", &rows, "2026-12-07T08:00:00Z")
        .unwrap();
    let revised = [row("2023-12-20", Good, "crossover", 5, "revised")];
    store
        .import_actuals("kaluga", "b.csv", &revised, "2026-12-08T08:00:00Z")
        .unwrap();
    store
        .import_actuals("kaluga", "b.csv", &revised, "2026-12-09T08:00:00Z")
        .unwrap();
    store
        .save_forecast(&forecast(Some("2024-01-01"), 1, "{\"a\": [1, 2.5]}"))
        .unwrap();
    store.save_forecast(&forecast(None, 2, "{}")).unwrap();
}

fn read_everything(store: &TestStore) -> String {
    let mut out = format!("{:?}\n", store.programmes().unwrap());
    for programme in store.programmes().unwrap() {
        out += &format!("{:?}\n", store.scenario_versions(&programme).unwrap());
        out += &format!("{:?}\n", store.actuals(&programme).unwrap());
        out += &format!("{:?}\n", store.imports(&programme).unwrap());
        out += &format!("{:?}\n", store.corrections(&programme).unwrap());
        for forecast in store.forecasts(&programme).unwrap() {
            out += &format!(
                "{forecast:?}\n{}\n",
                store.forecast_document(forecast.id).unwrap()
            );
        }
    }
    out
}

#[test]
fn the_same_writes_read_back_the_same_on_both_backends() {
    let Some(postgres) = backend::postgres() else {
        return;
    };
    let sqlite = backend::sqlite();
    write_everything(&sqlite);
    write_everything(&postgres);
    let read = read_everything(&sqlite);
    assert!(read.contains("revised") && read.contains("Ärger"), "{read}");
    assert_eq!(read, read_everything(&postgres));
}

#[test]
fn both_migrations_make_the_same_tables_columns_and_indexes() {
    let Some(postgres) = backend::postgres() else {
        return;
    };
    let sqlite = backend::sqlite();
    let (sqlite_columns, sqlite_indexes) = backend::runtime().block_on(async {
        let mut c = sqlx::SqliteConnection::connect_with(
            &sqlx::sqlite::SqliteConnectOptions::new().filename(&sqlite.url),
        )
        .await
        .unwrap();
        let columns: Vec<(String, String)> = sqlx::query_as(
            "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE '\\_sqlx%' ESCAPE '\\' \
             AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )
        .fetch_all(&mut c)
        .await
        .unwrap();
        let indexes: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'index' \
             AND name NOT LIKE 'sqlite\\_autoindex%' ESCAPE '\\'",
        )
        .fetch_all(&mut c)
        .await
        .unwrap();
        (columns, indexes)
    });
    let (postgres_columns, postgres_indexes) = backend::runtime().block_on(async {
        let mut c = sqlx::PgConnection::connect(&postgres.url).await.unwrap();
        let columns: Vec<(String, String)> = sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%'",
        )
        .fetch_all(&mut c)
        .await
        .unwrap();
        let indexes: Vec<String> = sqlx::query_scalar(
            "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public' \
             AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'",
        )
        .fetch_all(&mut c)
        .await
        .unwrap();
        (columns, indexes)
    });
    let set = |v: Vec<(String, String)>| v.into_iter().collect::<BTreeSet<_>>();
    let sqlite_columns = set(sqlite_columns);
    assert_eq!(sqlite_columns.len(), 54, "{sqlite_columns:?}");
    assert_eq!(sqlite_columns, set(postgres_columns));
    let names = |v: Vec<String>| v.into_iter().collect::<BTreeSet<_>>();
    let sqlite_indexes = names(sqlite_indexes);
    assert_eq!(sqlite_indexes.len(), 4, "{sqlite_indexes:?}");
    assert_eq!(sqlite_indexes, names(postgres_indexes));
}

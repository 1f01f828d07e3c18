//! Importing actuals: counts, idempotence, corrections, order, limits.

use relaunch_core::actuals::Metric::{Good, Hired, KitsReceived, Released, Scrapped};
use relaunch_store::{Correction, StoreError};

use crate::backend::TestStore;
use crate::row;

crate::both!(
    the_same_rows_twice_change_nothing,
    a_changed_value_is_a_correction_reported_and_stored,
    rows_in_one_import_are_taken_in_file_order,
    rows_come_back_in_the_cores_order,
    values_above_i64_are_refused_and_nothing_is_written,
    a_large_import_is_written_in_batches,
    two_processes_importing_at_once_queue_up,
);

const MONDAY: &str = "2026-12-07T08:00:00Z";
const NEXT_MONDAY: &str = "2026-12-14T08:00:00Z";

fn week() -> Vec<relaunch_core::actuals::Row> {
    vec![
        row("2023-12-18", KitsReceived, "c5-skd", 42, ""),
        row(
            "2023-12-20",
            Good,
            "crossover",
            6,
            "interpolated between reported points",
        ),
        row("2023-10-02", Hired, "", 40, ""),
    ]
}

fn the_same_rows_twice_change_nothing(store: &TestStore) {
    let first = store
        .import_actuals("kaluga", "week.csv", &week(), MONDAY)
        .unwrap();
    assert_eq!((first.rows, first.added, first.unchanged), (3, 3, 0));
    assert!(first.corrections.is_empty());
    let before = store.actuals("kaluga").unwrap();

    let second = store
        .import_actuals("kaluga", "week.csv", &week(), NEXT_MONDAY)
        .unwrap();
    assert_eq!((second.rows, second.added, second.unchanged), (3, 0, 3));
    assert!(second.corrections.is_empty());
    assert_eq!(store.actuals("kaluga").unwrap(), before);
    assert_eq!(before.len(), 3);
    assert!(store.corrections("kaluga").unwrap().is_empty());
    // The no-op import is logged, and says it did nothing.
    let log: Vec<_> = store
        .imports("kaluga")
        .unwrap()
        .into_iter()
        .map(|i| {
            (
                i.source,
                i.created,
                i.rows,
                i.added,
                i.unchanged,
                i.corrected,
            )
        })
        .collect();
    assert_eq!(
        log,
        [
            ("week.csv".to_owned(), MONDAY.to_owned(), 3, 3, 0, 0),
            ("week.csv".to_owned(), NEXT_MONDAY.to_owned(), 3, 0, 3, 0),
        ]
    );
}

fn a_changed_value_is_a_correction_reported_and_stored(store: &TestStore) {
    store
        .import_actuals("kaluga", "week.csv", &week(), MONDAY)
        .unwrap();
    let revised = vec![
        row(
            "2023-12-18",
            KitsReceived,
            "c5-skd",
            42,
            "a note alone is no correction",
        ),
        row("2023-12-20", Good, "crossover", 7, "revised by the plant"),
    ];
    let report = store
        .import_actuals("kaluga", "revised.csv", &revised, NEXT_MONDAY)
        .unwrap();
    assert_eq!((report.rows, report.added, report.unchanged), (2, 0, 1));
    assert_eq!(
        report.corrections,
        [Correction {
            row: revised[1].clone(),
            old_value: 6
        }]
    );
    let stored = store.actuals("kaluga").unwrap();
    let good = stored.iter().find(|r| r.metric == Good).unwrap();
    assert_eq!(
        (good.value, good.note.as_str()),
        (7, "revised by the plant")
    );
    // An unchanged row keeps the note it was stored with.
    let kits = stored.iter().find(|r| r.metric == KitsReceived).unwrap();
    assert_eq!(kits.note, "");

    let imports = store.imports("kaluga").unwrap();
    let corrections = store.corrections("kaluga").unwrap();
    assert_eq!(corrections.len(), 1);
    let c = &corrections[0];
    assert_eq!(
        (
            c.import_id,
            c.date,
            c.metric,
            c.item.as_str(),
            c.old_value,
            c.new_value
        ),
        (
            imports[1].id,
            crate::date("2023-12-20"),
            Good,
            "crossover",
            6,
            7
        )
    );
    assert_eq!(imports[1].corrected, 1);
}

fn rows_in_one_import_are_taken_in_file_order(store: &TestStore) {
    let rows = vec![
        row("2024-01-10", Good, "crossover", 1, "first"),
        row("2024-01-10", Good, "crossover", 1, "same again"),
        row("2024-01-10", Good, "crossover", 2, "then two"),
    ];
    let report = store
        .import_actuals("kaluga", "dup.csv", &rows, MONDAY)
        .unwrap();
    assert_eq!((report.added, report.unchanged), (1, 1));
    assert_eq!(
        report.corrections,
        [Correction {
            row: rows[2].clone(),
            old_value: 1
        }]
    );
    assert_eq!(store.actuals("kaluga").unwrap(), [rows[2].clone()]);
    let stored = store.corrections("kaluga").unwrap();
    assert_eq!((stored[0].old_value, stored[0].new_value), (1, 2));
}

fn rows_come_back_in_the_cores_order(store: &TestStore) {
    // By date, then metric in the core's order (released before good, though `good` < `released`
    // by name), then item by bytes (`Z` before `a`, which a collation would put after).
    let rows = vec![
        row("2024-01-11", Good, "a", 1, ""),
        row("2024-01-10", Good, "a", 2, ""),
        row("2024-01-10", Good, "Z", 3, ""),
        row("2024-01-10", Released, "a", 4, ""),
        row("2024-01-10", Scrapped, "a", 5, ""),
    ];
    store
        .import_actuals("kaluga", "order.csv", &rows, MONDAY)
        .unwrap();
    let values: Vec<u64> = store
        .actuals("kaluga")
        .unwrap()
        .iter()
        .map(|r| r.value)
        .collect();
    assert_eq!(values, [4, 3, 2, 5, 1]);
    assert!(store.actuals("moskvich").unwrap().is_empty());
}

fn values_above_i64_are_refused_and_nothing_is_written(store: &TestStore) {
    let largest = i64::MAX as u64;
    let rows = vec![
        row("2024-01-10", Good, "crossover", largest, ""),
        row("2024-01-11", Good, "crossover", largest + 1, ""),
    ];
    let error = store
        .import_actuals("kaluga", "big.csv", &rows, MONDAY)
        .unwrap_err();
    assert!(matches!(error, StoreError::Invalid(_)), "{error}");
    assert!(error.is_user_error());
    let message = error.to_string();
    assert!(
        message.contains("2024-01-11,good,crossover")
            && message.contains("9223372036854775808")
            && message.contains("9223372036854775807"),
        "{message}"
    );
    assert!(store.programmes().unwrap().is_empty());
    assert!(store.imports("kaluga").unwrap().is_empty());

    // The largest value the store keeps comes back exact.
    store
        .import_actuals("kaluga", "big.csv", &rows[..1], MONDAY)
        .unwrap();
    assert_eq!(store.actuals("kaluga").unwrap()[0].value, largest);
}

fn a_large_import_is_written_in_batches(store: &TestStore) {
    let rows = crate::kill::many_rows(2_500);
    let mut seen = Vec::new();
    let report = store
        .import_actuals_with_progress("kaluga", "big.csv", &rows, MONDAY, &mut |n| seen.push(n))
        .unwrap();
    // Statements of 50 rows, each reported.
    assert_eq!(seen, (1..=50).map(|k| 50 * k).collect::<Vec<usize>>());
    assert_eq!((report.added, report.unchanged), (2_500, 0));
    let mut stored = store.actuals("kaluga").unwrap();
    let mut given = rows.clone();
    given.sort_by(|a, b| a.key().cmp(&b.key()));
    stored.sort_by(|a, b| a.key().cmp(&b.key()));
    assert_eq!(stored, given);
}

fn two_processes_importing_at_once_queue_up(store: &TestStore) {
    // Two stores on one database (as two processes would be), importing into one programme at
    // once: 1,000 rows each, 200 of them the same. The second starts while the first is inside
    // its transaction (on PostgreSQL the first goes on only once the second waits for a lock).
    // Each sees the other's rows whole or not at all: the shared rows are added once and
    // found unchanged once, and neither import fails on the other's rows.
    store.save_scenario("kaluga", "x", "h", MONDAY).unwrap();
    let all = crate::kill::many_rows(1_800);
    let (first, second) = (all[..1_000].to_vec(), all[800..].to_vec());
    let url = store.url.clone();
    let mut other = None;
    let mut start_the_other = |_written: usize| {
        if other.is_some() {
            return;
        }
        let url = url.clone();
        let second = second.clone();
        other = Some(std::thread::spawn(move || {
            let store = relaunch_store::BlockingStore::open(&url).unwrap();
            store.import_actuals("kaluga", "b.csv", &second, NEXT_MONDAY)
        }));
        if store.backend() == relaunch_store::Backend::Postgres {
            let url = store.url.clone();
            std::thread::spawn(move || crate::backend::wait_for_a_lock_wait(&url))
                .join()
                .unwrap();
        }
    };
    let mine = store
        .import_actuals_with_progress("kaluga", "a.csv", &first, MONDAY, &mut start_the_other)
        .unwrap();
    let theirs = other.unwrap().join().unwrap().unwrap();
    assert_eq!((mine.added, mine.unchanged), (1_000, 0));
    assert_eq!((theirs.added, theirs.unchanged), (800, 200));
    assert_eq!(store.actuals("kaluga").unwrap().len(), 1_800);
    assert_eq!(store.imports("kaluga").unwrap().len(), 2);
}

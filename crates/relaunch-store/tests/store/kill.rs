//! kill -9 during an import: the store holds all of it or none of it, and imports again.
//!
//! The test re-runs its own binary (`child_import`, ignored in ordinary runs) with the store's
//! URL in an environment variable. The child imports `ROWS` rows and prints `begun` from
//! inside the transaction once half of them are written (then waits there), or `committed`
//! after the import returned (then waits); the parent reads that line and sends SIGKILL. No
//! sleeps: the child is known to be where the line says when it dies.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use relaunch_core::actuals::{Metric, Row};
use relaunch_store::BlockingStore;

use crate::backend::TestStore;

const ROWS: usize = 200_000;
const URL_VAR: &str = "RELAUNCH_STORE_KILL_CHILD_URL";
const AT_VAR: &str = "RELAUNCH_STORE_KILL_CHILD_AT";
const CREATED: &str = "2026-12-07T08:00:00Z";

/// `n` rows of distinct keys: 400 products a day from 2023-01-01.
pub fn many_rows(n: usize) -> Vec<Row> {
    let start: jiff::civil::Date = "2023-01-01".parse().unwrap();
    (0..n)
        .map(|i| Row {
            date: start
                .checked_add(jiff::Span::new().days(i64::try_from(i / 400).unwrap()))
                .unwrap(),
            metric: Metric::Good,
            item: format!("p{}", i % 400),
            value: u64::try_from(i).unwrap(),
            note: String::new(),
        })
        .collect()
}

#[test]
#[ignore = "the child process of the kill tests"]
fn child_import() {
    let url = std::env::var(URL_VAR).expect("run by the kill tests");
    let at = std::env::var(AT_VAR).expect("run by the kill tests");
    let store = BlockingStore::open(&url).unwrap();
    let rows = many_rows(ROWS);
    let mut progress = |written: usize| {
        if at == "begun" && written >= ROWS / 2 {
            announce_and_wait("begun");
        }
    };
    store
        .import_actuals_with_progress("kaluga", "big.csv", &rows, CREATED, &mut progress)
        .unwrap();
    announce_and_wait("committed");
}

fn announce_and_wait(line: &str) -> ! {
    let mut stdout = std::io::stdout();
    writeln!(stdout, "{line}").unwrap();
    stdout.flush().unwrap();
    loop {
        std::thread::park();
    }
}

/// Runs the child on `store` until it prints `at`, kills it, and returns the rows stored.
fn kill_child_at(store: &TestStore, at: &str) -> usize {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "kill::child_import", "--ignored", "--nocapture"])
        .env(URL_VAR, &store.url)
        .env(AT_VAR, at)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut reached = false;
    for line in stdout.lines() {
        if line.unwrap() == at {
            reached = true;
            break;
        }
    }
    if !reached {
        let status = child.wait().unwrap();
        panic!("the child ended ({status}) without printing `{at}`");
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success(), "{status}");
    store.actuals("kaluga").unwrap().len()
}

fn killed_inside_the_transaction(store: &TestStore) {
    assert_eq!(kill_child_at(store, "begun"), 0);
    assert!(store.imports("kaluga").unwrap().is_empty());
    // A new process (a new store) imports the file whole.
    let again = BlockingStore::open(&store.url).unwrap();
    let report = again
        .import_actuals("kaluga", "big.csv", &many_rows(ROWS), CREATED)
        .unwrap();
    assert_eq!(report.added, ROWS);
    assert_eq!(again.actuals("kaluga").unwrap().len(), ROWS);
}

fn killed_after_the_commit(store: &TestStore) {
    assert_eq!(kill_child_at(store, "committed"), ROWS);
    let report = store
        .import_actuals("kaluga", "big.csv", &many_rows(ROWS), CREATED)
        .unwrap();
    assert_eq!((report.added, report.unchanged), (0, ROWS));
}

crate::both!(killed_inside_the_transaction, killed_after_the_commit);

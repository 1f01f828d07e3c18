//! Hostile text in a scenario (ANSI escapes, NUL, tabs, line feeds, zero-width and bidi
//! characters in its name and ids) is shown escaped, `\u{1b}`, in every text output and file:
//! `check`, `simulate`, `why`, `compare`, the CSV files and the workbook.

use std::path::{Path, PathBuf};

use calamine::{Reader, Xlsx, open_workbook};

use crate::exports::scratch;
use crate::support::relaunch;

/// The M/M/1 scenario with a hostile name, station id and milestone id.
const HOSTILE: &str = r#"
[scenario]
name = "Evil\u001b[2J\u0000\u200b\u202e\tname\nline"
start = "2024-01-01"
horizon = "200h"
seed = 1
replications = 4

[calendar]
always_on = true

[[station]]
id = "srv\u001b[31m\u200b"
cycle = { dist = "exponential", mean = "60s" }

[[product]]
id = "job"
route = ["srv\u001b[31m\u200b"]

[release]
arrivals = { dist = "exponential", mean = "75s" }

[[milestone]]
id = "m\u0007\u2066ile"
cumulative = 100
due = "2024-01-02"
"#;

/// True when `text` holds a character that must never reach a terminal or a file raw.
fn has_raw_hostile(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{200b}' | '\u{202e}' | '\u{2066}' | '\u{feff}')
    })
}

/// The hostile fixture written into a fresh scratch directory (twice, for `compare`).
fn fixture(name: &str) -> (PathBuf, PathBuf, PathBuf) {
    let root = scratch(name);
    let a = root.join("evil-a.toml");
    let b = root.join("evil-b.toml");
    std::fs::write(&a, HOSTILE).unwrap();
    std::fs::write(&b, HOSTILE.replace("seed = 1", "seed = 2")).unwrap();
    (root, a, b)
}

/// Runs relaunch, asserts success, and returns stdout and stderr, neither with a raw hostile
/// character.
fn clean_run(args: &[&str]) -> String {
    let output = relaunch(args);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{args:?} failed: {stderr}");
    assert!(!has_raw_hostile(&stdout), "{args:?} stdout: {stdout:?}");
    assert!(!has_raw_hostile(&stderr), "{args:?} stderr: {stderr:?}");
    stdout
}

fn path(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

#[test]
fn text_outputs_show_hostile_names_escaped() {
    let (root, a, b) = fixture("hostile-text");
    let check = clean_run(&["check", path(&a)]);
    assert!(
        check.contains(r"OK (Evil\u{1b}[2J\u{0}\u{200b}\u{202e}\u{9}name\u{a}line)"),
        "{check}"
    );
    let summary = clean_run(&["simulate", path(&a), "-n", "2"]);
    assert!(summary.contains(r"Evil\u{1b}[2J"), "{summary}");
    assert!(summary.contains(r"srv\u{1b}[31m\u{200b}"), "{summary}");
    let why = clean_run(&["why", path(&a), "-n", "2"]);
    assert!(why.contains(r"m\u{7}\u{2066}ile"), "{why}");
    let compare = clean_run(&["compare", path(&a), path(&b), "-n", "2"]);
    assert!(compare.contains(r"m\u{7}\u{2066}ile"), "{compare}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn files_hold_no_raw_control_characters() {
    let (root, a, _) = fixture("hostile-files");
    let out = root.join("out");
    clean_run(&["simulate", path(&a), "-n", "2", "--out", path(&out)]);
    for name in ["stations.csv", "milestones.csv", "daily.csv"] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        let cells = text.replace(['\n', '\r'], "");
        assert!(!has_raw_hostile(&cells), "{name}: {text:?}");
    }
    let stations = std::fs::read_to_string(out.join("stations.csv")).unwrap();
    assert!(stations.contains(r"srv\u{1b}[31m\u{200b}"), "{stations}");
    let mut workbook: Xlsx<_> = open_workbook(out.join("result.xlsx")).expect("the workbook");
    for sheet in workbook.sheet_names() {
        let range = workbook.worksheet_range(&sheet).expect("a sheet");
        for cell in range.used_cells() {
            let text = cell.2.to_string();
            assert!(!has_raw_hostile(&text), "{sheet}: {text:?}");
        }
    }
    let _ = std::fs::remove_dir_all(&root);
}

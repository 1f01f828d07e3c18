//! Helpers shared by the end-to-end tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the `relaunch` binary with `args` from the repository root.
pub fn relaunch<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_relaunch"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("the relaunch binary runs")
}

/// The repository root (examples are named relative to it).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Asserts the run succeeded and returns its stdout.
pub fn stdout_of(output: &Output) -> String {
    assert!(
        output.status.success(),
        "relaunch failed with {}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// Runs `relaunch simulate` with `args` and `--json` and parses the document.
pub fn simulate_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["simulate"];
    all.extend_from_slice(args);
    all.push("--json");
    let text = stdout_of(&relaunch(&all));
    serde_json::from_str(&text).expect("the result document is JSON")
}

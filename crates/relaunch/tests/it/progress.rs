//! `--progress`: with `lines`, one line per tenth of the work on stderr (counted, not timed);
//! with `none`, no progress at all.

use crate::support::relaunch;

/// The stderr lines of a run that report progress (`COMMAND: DONE/TOTAL ...`).
fn progress_lines(args: &[&str], command: &str) -> Vec<String> {
    let output = relaunch(args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{args:?}: {stderr}");
    stderr
        .lines()
        .filter(|line| line.starts_with(&format!("{command}: ")))
        .map(str::to_string)
        .collect()
}

#[test]
fn lines_report_every_tenth_of_the_work() {
    let args = [
        "why",
        "examples/kaluga.toml",
        "-n",
        "1",
        "--progress",
        "lines",
    ];
    let lines = progress_lines(&args, "why");
    // 32 subsets: the first done in each tenth (4, 7, 10, ... 32), in order; a line more may
    // come from a long silence on a busy machine, never fewer.
    let expected: Vec<String> = [4, 7, 10, 13, 16, 20, 23, 26, 29, 32]
        .iter()
        .map(|done| format!("why: {done}/32 relaxation subsets"))
        .collect();
    let mut rest = lines.iter();
    for line in &expected {
        assert!(rest.any(|seen| seen == line), "{line} missing in {lines:?}");
    }
    assert!(lines.len() <= 32, "{lines:?}");
    assert_eq!(lines.last(), expected.last(), "{lines:?}");

    // One batch of 20 replications: one line, at the end.
    let args = [
        "simulate",
        "examples/kaluga.toml",
        "-n",
        "20",
        "--progress=lines",
    ];
    let lines = progress_lines(&args, "simulate");
    assert_eq!(lines, ["simulate: 20/20 replications"]);
}

#[test]
fn none_prints_no_progress() {
    let args = [
        "why",
        "examples/kaluga.toml",
        "-n",
        "1",
        "--progress",
        "none",
    ];
    assert_eq!(progress_lines(&args, "why"), Vec::<String>::new());
}

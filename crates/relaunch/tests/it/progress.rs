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
    // 64 subsets (Kaluga has a programme, the sixth factor): the first done in each tenth
    // (7, 13, 20, ... 64), in order; a line more may come from a long silence on a busy
    // machine, never fewer.
    let expected: Vec<String> = [7, 13, 20, 26, 32, 39, 45, 52, 58, 64]
        .iter()
        .map(|done| format!("why: {done}/64 relaxation subsets"))
        .collect();
    let mut rest = lines.iter();
    for line in &expected {
        assert!(rest.any(|seen| seen == line), "{line} missing in {lines:?}");
    }
    assert!(lines.len() <= 64, "{lines:?}");
    assert_eq!(lines.last(), expected.last(), "{lines:?}");

    // One batch of 20 replications: one line, at the end.
    let args = [
        "simulate",
        "examples/kaluga.toml",
        "-n",
        "20",
        "--no-tornado",
        "--progress=lines",
    ];
    let lines = progress_lines(&args, "simulate");
    assert_eq!(lines, ["simulate: 20/20 replications"]);
    // With the risk tornado (Kaluga has three risks), one more forecast per risk counts in.
    let args = [
        "simulate",
        "examples/kaluga.toml",
        "-n",
        "20",
        "--progress=lines",
    ];
    let lines = progress_lines(&args, "simulate");
    assert_eq!(
        lines,
        [
            "simulate: 20/80 replications",
            "simulate: 40/80 replications",
            "simulate: 60/80 replications",
            "simulate: 80/80 replications"
        ]
    );
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

//! `simulate --shard K/N` and `merge`: for N in {1, 2, 3, 7} shards of 100 replications of
//! Kaluga (programme, risks and their tornado, workforce, costs), the merged files equal the
//! single run's byte for byte (result.json once its perf block is removed), whatever the order
//! the shards are given in; a missing, duplicated or foreign shard is an error naming it.

use std::path::{Path, PathBuf};

use crate::support::{relaunch, stdout_of};

const SCENARIO: &str = "examples/kaluga.toml";

fn run_ok(args: &[&str]) -> String {
    stdout_of(&relaunch(args))
}

fn without_perf(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let mut document: serde_json::Value = serde_json::from_str(&text).unwrap();
    document.as_object_mut().unwrap().remove("perf");
    document
}

/// Runs the N shards of 100 replications into `dir`, the last first.
fn shards(dir: &Path, count: u32, extra: &[&str]) {
    for index in (1..=count).rev() {
        let shard = format!("{index}/{count}");
        let out = dir.to_str().unwrap();
        let mut args = vec!["simulate", SCENARIO, "-n", "100", "--progress", "none"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--shard", &shard, "--out", out]);
        run_ok(&args);
    }
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn merged_shards_equal_the_single_run_byte_for_byte() {
    let temp = tempfile::tempdir().unwrap();
    let single = temp.path().join("single");
    let single_text = run_ok(&[
        "simulate",
        SCENARIO,
        "-n",
        "100",
        "--progress",
        "none",
        "--out",
        single.to_str().unwrap(),
    ]);
    for count in [1u32, 2, 3, 7] {
        let dir = temp.path().join(format!("shards-{count}"));
        shards(&dir, count, &[]);
        let merged = temp.path().join(format!("merged-{count}"));
        // The files named one by one, in reverse order.
        let mut args = vec!["merge".to_string()];
        let mut files = files_in(&dir);
        files.reverse();
        args.extend(files.iter().map(|f| f.display().to_string()));
        args.extend(["--out".to_string(), merged.display().to_string()]);
        let text = stdout_of(&relaunch(&args));
        assert_eq!(text, single_text, "{count} shards: the summary");
        for name in [
            "daily.csv",
            "stations.csv",
            "milestones.csv",
            "tasks.csv",
            "risks.csv",
            "result.xlsx",
        ] {
            let a = std::fs::read(single.join(name)).unwrap();
            let b = std::fs::read(merged.join(name)).unwrap();
            assert!(a == b, "{count} shards: {name} differs");
        }
        assert_eq!(
            without_perf(&single.join("result.json")),
            without_perf(&merged.join("result.json")),
            "{count} shards: result.json"
        );
    }
    // The risks' effects came through: the tornado is in the merged forecast.
    let risks = std::fs::read_to_string(single.join("risks.csv")).unwrap();
    assert!(risks.lines().count() > 3, "{risks}");
}

#[test]
fn a_missing_duplicated_or_foreign_shard_is_named() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("shards");
    shards(&dir, 3, &["--no-tornado"]);
    let one = dir.join("shard-1-of-3.json");
    let two = dir.join("shard-2-of-3.json");
    let three = dir.join("shard-3-of-3.json");
    let stderr_of = |args: &[&Path]| {
        let mut all = vec![Path::new("merge")];
        all.extend_from_slice(args);
        let output = relaunch(&all);
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        String::from_utf8(output.stderr).unwrap()
    };
    let missing = stderr_of(&[&one, &three]);
    assert!(
        missing.contains("2/3 (shard-2-of-3.json)") && missing.contains("--array=2"),
        "{missing}"
    );
    // The same shard in two places (the same path twice is one file, and merges).
    let elsewhere = temp.path().join("copy");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::copy(&two, elsewhere.join("shard-2-of-3.json")).unwrap();
    let twice = stderr_of(&[&dir, &elsewhere]);
    assert!(
        twice.contains("shard 2/3 is given twice") && twice.contains("copy/shard-2-of-3.json"),
        "{twice}"
    );
    // A shard altered after it was written: a number of its aggregates changed.
    let text = std::fs::read_to_string(&two).unwrap();
    let at = text.find("\"forecast\":[1,").unwrap() + "\"forecast\":[1,".len();
    let digit = text[at..].chars().next().unwrap();
    let changed = if digit == '9' {
        '8'
    } else {
        char::from(digit as u8 + 1)
    };
    let altered = temp.path().join("altered");
    std::fs::create_dir_all(&altered).unwrap();
    let mut edited = text.clone();
    edited.replace_range(at..at + 1, &changed.to_string());
    std::fs::write(altered.join("shard-2-of-3.json"), edited).unwrap();
    let tampered = stderr_of(&[&one, &altered.join("shard-2-of-3.json"), &three]);
    assert!(
        tampered.contains("altered/shard-2-of-3.json") && tampered.contains("was altered"),
        "{tampered}"
    );
    // --out into the shards' directory would replace them: refused, the shards kept.
    let into_shards = relaunch(&[Path::new("merge"), &dir, Path::new("--out"), &dir]);
    assert_eq!(into_shards.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&into_shards.stderr).contains("holds the shard file"));
    assert!(two.exists());
    // A shard of another seed does not mix in.
    let other = temp.path().join("other");
    let out = other.to_str().unwrap();
    run_ok(&[
        "simulate",
        SCENARIO,
        "-n",
        "100",
        "--seed",
        "99",
        "--no-tornado",
        "--progress",
        "none",
        "--shard",
        "2/3",
        "--out",
        out,
    ]);
    let foreign = stderr_of(&[&one, &other.join("shard-2-of-3.json"), &three]);
    assert!(
        foreign.contains("shard-2-of-3.json") && foreign.contains("seeds differ: 99 and"),
        "{foreign}"
    );
    // Not a shard at all.
    let bogus = temp.path().join("shard-9-of-9.json");
    std::fs::write(&bogus, "{\"format\": 1}").unwrap();
    let garbage = stderr_of(&[&bogus]);
    assert!(garbage.contains("is not a shard file"), "{garbage}");
}

#[test]
fn shard_options_are_checked() {
    let bad = relaunch(&["simulate", SCENARIO, "--shard", "4/3", "--out", "x"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("1 <= K <= N"));
    let no_out = relaunch(&["simulate", SCENARIO, "--shard", "1/3"]);
    assert_eq!(no_out.status.code(), Some(2));
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().to_str().unwrap();
    let too_many = relaunch(&[
        "simulate", SCENARIO, "-n", "2", "--shard", "1/3", "--out", out,
    ]);
    assert_eq!(too_many.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&too_many.stderr).contains("at most 2 shards"));
}

#[test]
fn a_sweep_in_shards_merges_into_the_single_sweep() {
    let temp = tempfile::tempdir().unwrap();
    let sweep = |extra: &[&str]| {
        let mut args = vec![
            "sweep",
            "examples/ramp.toml",
            "-n",
            "8",
            "--progress",
            "none",
            "--set",
            "workforce.training=10d,20d,40d",
            "--set",
            "station.0.servers=1,2",
        ];
        args.extend_from_slice(extra);
        relaunch(&args)
    };
    let single = temp.path().join("single");
    let single_text = stdout_of(&sweep(&["--out", single.to_str().unwrap()]));
    let shards = temp.path().join("shards");
    for shard in ["3/4", "1/4", "4/4", "2/4"] {
        stdout_of(&sweep(&[
            "--shard",
            shard,
            "--out",
            shards.to_str().unwrap(),
        ]));
    }
    let merged = temp.path().join("merged");
    let text = run_ok(&[
        "merge",
        shards.to_str().unwrap(),
        "--out",
        merged.to_str().unwrap(),
    ]);
    assert_eq!(text, single_text);
    for name in ["sweep.json", "sweep.csv", "sweep.xlsx", "sweep.html"] {
        let a = std::fs::read(single.join(name)).unwrap();
        let b = std::fs::read(merged.join(name)).unwrap();
        assert!(a == b, "{name} differs");
    }
    // An altered sweep shard is refused, naming it.
    let text = std::fs::read_to_string(shards.join("shard-2-of-4.json")).unwrap();
    assert!(
        text.contains("\"seed\":3"),
        "the ramp's seed is in the shard"
    );
    let altered = temp.path().join("altered");
    std::fs::create_dir_all(&altered).unwrap();
    std::fs::write(
        altered.join("shard-2-of-4.json"),
        text.replacen("\"seed\":3", "\"seed\":4", 1),
    )
    .unwrap();
    let tampered = relaunch(&[
        Path::new("merge"),
        &shards.join("shard-1-of-4.json"),
        &altered.join("shard-2-of-4.json"),
    ]);
    assert_eq!(tampered.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&tampered.stderr).contains("was altered"),
        "{}",
        String::from_utf8_lossy(&tampered.stderr)
    );
    // A forecast shard does not mix with a sweep's.
    let forecast = temp.path().join("forecast");
    run_ok(&[
        "simulate",
        "examples/ramp.toml",
        "-n",
        "8",
        "--progress",
        "none",
        "--shard",
        "1/4",
        "--out",
        forecast.to_str().unwrap(),
    ]);
    let mixed = relaunch(&[
        Path::new("merge"),
        &shards.join("shard-2-of-4.json"),
        &forecast.join("shard-1-of-4.json"),
    ]);
    assert_eq!(mixed.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&mixed.stderr).contains("not a sweep shard"),
        "{}",
        String::from_utf8_lossy(&mixed.stderr)
    );
}

//! `--out DIR` lands whole: a run killed at any point leaves the previous complete set, the next
//! run removes what the killed one left behind, and path problems stop a run before it starts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::exports::scratch;
use crate::support::{relaunch, repo_root, stdout_of};

/// The files of `relaunch simulate --out DIR`.
const FILES: [&str; 6] = [
    "daily.csv",
    "milestones.csv",
    "report.html",
    "result.json",
    "result.xlsx",
    "stations.csv",
];

/// A run into `dir` that the test waits for.
fn simulate(dir: &Path, replications: &str, seed: &str) {
    stdout_of(&relaunch(&[
        "simulate",
        "examples/textbook/mm1.toml",
        "-n",
        replications,
        "--seed",
        seed,
        "--out",
        dir.to_str().expect("UTF-8 path"),
    ]));
}

/// Every file of `dir`, by name.
fn read_set(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("the output directory exists")
        .map(|entry| {
            let entry = entry.expect("a directory entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(entry.path()).expect("a readable file"))
        })
        .collect()
}

/// The seed a complete set was made with, after checking that it is complete: the file names of
/// a run, a result document that parses, a report that ends. Every file that does not carry
/// the run's timing must be byte for byte the file of a reference run with that seed.
fn seed_of_complete_set(dir: &Path, references: &BTreeMap<u64, BTreeMap<String, Vec<u8>>>) -> u64 {
    let set = read_set(dir);
    let names: Vec<&str> = set.keys().map(String::as_str).collect();
    assert_eq!(names, FILES, "the files of {}", dir.display());
    let document: serde_json::Value =
        serde_json::from_slice(&set["result.json"]).expect("result.json parses");
    let seed = document["run"]["seed"]
        .as_u64()
        .or_else(|| document["seed"].as_u64())
        .expect("result.json names its seed");
    let report = String::from_utf8_lossy(&set["report.html"]);
    assert!(
        report.trim_end().ends_with("</html>"),
        "report.html is whole"
    );
    assert!(
        report.contains(&format!("seed {seed} ")),
        "report.html is of seed {seed}"
    );
    let reference = &references[&seed];
    for name in ["daily.csv", "milestones.csv", "result.xlsx", "stations.csv"] {
        assert!(
            set[name] == reference[name],
            "{name} is not of the run of seed {seed}: a mix of two runs"
        );
    }
    seed
}

/// The staging directories beside `dir` (`.relaunch-tmp-*`).
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let parent = dir.parent().expect("a parent");
    std::fs::read_dir(parent)
        .expect("the parent exists")
        .filter_map(Result::ok)
        .filter(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .starts_with(".relaunch-")
        })
        .map(|entry| entry.path())
        .collect()
}

/// How many files the staging directory of the run `pid` beside `dir` holds.
fn staged_files(dir: &Path, pid: u32) -> usize {
    let prefix = format!(".relaunch-tmp-out-{pid}-");
    leftovers(dir)
        .iter()
        .filter(|staging| {
            staging
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(&prefix))
        })
        .filter_map(|staging| std::fs::read_dir(staging).ok())
        .map(Iterator::count)
        .sum()
}

/// Kills 30 runs at increasing points, measured in polls: the first ten after a growing number
/// of polls from the start (loading, the simulation), the others once a growing number of
/// artefacts is staged (writing, the swap). After each kill the directory holds one complete
/// set; after the next complete run nothing is left beside it.
#[test]
fn a_killed_run_leaves_the_old_set_or_the_new_one() {
    let root = scratch("killed");
    let out = root.join("out");
    let seeds = ["2", "3"];
    let mut references = BTreeMap::new();
    for seed in seeds {
        let reference = root.join(format!("reference-{seed}"));
        simulate(&reference, "2", seed);
        references.insert(seed.parse::<u64>().unwrap(), read_set(&reference));
    }
    // The first complete run, the one the kill interrupted.
    simulate(&out, "200", "1");
    let first = root.join("first");
    std::fs::rename(&out, &first).unwrap();
    references.insert(1, read_set(&first));
    std::fs::rename(&first, &out).unwrap();
    assert_eq!(seed_of_complete_set(&out, &references), 1);

    let poll = Duration::from_millis(3);
    let mut seen = BTreeMap::new();
    for kill in 0..30usize {
        let seed = seeds[kill % 2];
        let mut child = Command::new(env!("CARGO_BIN_EXE_relaunch"))
            .args(["simulate", "examples/textbook/mm1.toml", "-n", "2"])
            .args(["--seed", seed, "--out"])
            .arg(&out)
            .current_dir(repo_root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("relaunch starts");
        let exited = |child: &mut std::process::Child| child.try_wait().ok().flatten().is_some();
        if kill < 10 {
            for _ in 0..kill * 4 {
                if exited(&mut child) {
                    break;
                }
                std::thread::sleep(poll);
            }
        } else {
            let staged = (kill - 10) % 6 + 1;
            while staged_files(&out, child.id()) < staged && !exited(&mut child) {
                std::thread::sleep(poll);
            }
            for _ in 0..(kill - 10) / 6 {
                std::thread::sleep(poll);
            }
        }
        let _ = child.kill();
        child.wait().expect("the killed run is reaped");
        let seed = seed_of_complete_set(&out, &references);
        *seen.entry(seed).or_insert(0) += 1;
    }
    // Whatever the kills left, the next complete run lands whole and leaves nothing beside.
    simulate(&out, "2", "3");
    assert_eq!(seed_of_complete_set(&out, &references), 3);
    assert_eq!(leftovers(&out), Vec::<PathBuf>::new());
    assert!(!seen.is_empty());
    let _ = std::fs::remove_dir_all(&root);
}

/// Runs `simulate` into `out` and returns its exit code and stderr.
fn refused(out: &Path) -> (Option<i32>, String) {
    let output = relaunch(&[
        "simulate",
        "examples/textbook/mm1.toml",
        "-n",
        "2",
        "--out",
        out.to_str().expect("UTF-8 path"),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !stderr.contains("replications in"),
        "the run started: {stderr}"
    );
    (output.status.code(), stderr)
}

#[test]
fn path_problems_stop_the_run_before_it_starts() {
    let root = scratch("paths");
    let file = root.join("a-file");
    std::fs::write(&file, "mine").unwrap();
    let (code, stderr) = refused(&file);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("not a directory"), "{stderr}");

    let (code, stderr) = refused(&file.join("below"));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("a-file"), "{stderr}");

    // A directory with files relaunch did not write is not replaced.
    let theirs = root.join("theirs");
    std::fs::create_dir_all(&theirs).unwrap();
    std::fs::write(theirs.join("notes.txt"), "mine").unwrap();
    let (code, stderr) = refused(&theirs);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("notes.txt"), "{stderr}");
    assert_eq!(std::fs::read(theirs.join("notes.txt")).unwrap(), b"mine");

    // A read-only parent (which root may write anyway, so only when it is refused to us).
    let locked = root.join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    set_mode(&locked, 0o555);
    if std::fs::write(locked.join("probe"), "").is_err() {
        let (code, stderr) = refused(&locked.join("out"));
        assert_eq!(code, Some(2), "{stderr}");
        assert!(stderr.contains("locked"), "{stderr}");
    }
    set_mode(&locked, 0o755);
    let _ = std::fs::remove_dir_all(&root);
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) {}

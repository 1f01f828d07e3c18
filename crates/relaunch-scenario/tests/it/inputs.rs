//! Inputs that are not regular files: directories, devices and FIFOs are refused before they
//! are opened (so nothing blocks or reads forever), as the scenario and as an `extends` base;
//! files over 16 MiB are refused without being read.

use std::path::{Path, PathBuf};

use relaunch_scenario::{Diagnostics, load_file, load_str};

/// A fresh directory for one test.
fn scratch_directory(test: &str) -> PathBuf {
    let directory = std::env::temp_dir().join(format!(
        "relaunch-scenario-inputs-{}-{test}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).expect("a temporary directory");
    directory
}

/// The single diagnostic of a failed load.
fn only_problem(result: Result<relaunch_core::Scenario, Diagnostics>) -> String {
    let diagnostics = result.expect_err("the input is refused");
    let lines = diagnostics.short_lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    lines[0].clone()
}

/// A variant of the extends fixtures' base, named next to `base`, extending it.
fn variant_of(base: &Path) -> String {
    format!("extends = \"{}\"\n[scenario]\nseed = 5\n", base.display())
}

#[test]
fn a_directory_is_refused() {
    let directory = scratch_directory("directory");
    let line = only_problem(load_file(&directory));
    assert_eq!(
        line,
        format!(
            "{}: cannot read the scenario: it is a directory, not a file",
            directory.display()
        )
    );
    let variant = directory.join("variant.toml");
    let line = only_problem(load_str(
        &variant.display().to_string(),
        &variant_of(&directory),
    ));
    assert!(line.ends_with("it is a directory, not a file"), "{line}");
    assert!(
        line.contains("variant.toml:1:11: cannot read the base scenario"),
        "{line}"
    );
    let _ = std::fs::remove_dir_all(&directory);
}

#[cfg(unix)]
#[test]
fn dev_zero_is_refused_as_scenario_and_as_base() {
    let line = only_problem(load_file(Path::new("/dev/zero")));
    assert_eq!(
        line,
        "/dev/zero: cannot read the scenario: it is not a regular file (a FIFO, socket or device is not read)"
    );
    let directory = scratch_directory("dev-zero");
    let variant = directory.join("variant.toml");
    let line = only_problem(load_str(
        &variant.display().to_string(),
        &variant_of(Path::new("/dev/zero")),
    ));
    assert!(
        line.ends_with(
            "cannot read the base scenario `/dev/zero`: it is not a regular file (a FIFO, socket or device is not read)"
        ),
        "{line}"
    );
    let _ = std::fs::remove_dir_all(&directory);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let directory = scratch_directory("fifo");
    let fifo = directory.join("pipe.toml");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    // Opening a FIFO with no writer would block this test forever: it must not be opened.
    let line = only_problem(load_file(&fifo));
    assert!(
        line.ends_with("cannot read the scenario: it is not a regular file (a FIFO, socket or device is not read)"),
        "{line}"
    );
    let variant = directory.join("variant.toml");
    std::fs::write(&variant, "extends = \"pipe.toml\"\n").expect("write the variant");
    let line = only_problem(load_file(&variant));
    assert!(
        line.contains("variant.toml:1:11: cannot read the base scenario"),
        "{line}"
    );
    assert!(line.ends_with("it is not a regular file (a FIFO, socket or device is not read)"));
    let _ = std::fs::remove_dir_all(&directory);
}

#[test]
fn a_file_over_16_mib_is_refused_unread() {
    let directory = scratch_directory("huge");
    let huge = directory.join("huge.toml");
    let file = std::fs::File::create(&huge).expect("create");
    // A sparse file: nothing is written, and nothing is read.
    file.set_len(16 * 1024 * 1024 + 1).expect("set the length");
    let line = only_problem(load_file(&huge));
    assert!(
        line.ends_with(
            "cannot read the scenario: it is 16777217 bytes, over the limit of 16777216 bytes (16 MiB)"
        ),
        "{line}"
    );
    let variant = directory.join("variant.toml");
    std::fs::write(&variant, "extends = \"huge.toml\"\n").expect("write the variant");
    let line = only_problem(load_file(&variant));
    assert!(
        line.contains("variant.toml:1:11: cannot read the base scenario"),
        "{line}"
    );
    let _ = std::fs::remove_dir_all(&directory);
}

#[test]
fn a_missing_base_or_scenario_has_no_zero_position() {
    let directory = scratch_directory("missing");
    let missing = directory.join("absent.toml");
    let line = only_problem(load_file(&missing));
    assert!(
        line.starts_with(&format!(
            "{}: cannot read the scenario: ",
            missing.display()
        )),
        "{line}"
    );
    assert!(line.contains("No such file"), "{line}");
    assert!(!line.contains(":0:0"), "{line}");
    let diagnostics = load_file(&missing).expect_err("missing");
    assert!(!diagnostics.to_string().contains(":0:0"));
    let _ = std::fs::remove_dir_all(&directory);
}

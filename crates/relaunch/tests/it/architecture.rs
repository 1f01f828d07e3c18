//! The architecture invariants, checked mechanically: relaunch-core depends on no IO,
//! serialisation, database, HTTP or async crate, relaunch-app on no front end's crate, and
//! the server on no crate of the command line
//! (like rust-analyzer's `cargo tree -i` check).

use std::collections::BTreeSet;
use std::process::Command;

use crate::support::repo_root;

/// The names of the crates `package` depends on at run time, itself included.
fn dependencies_of(package: &str) -> BTreeSet<String> {
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            package,
            "-e",
            "normal",
            "--prefix",
            "none",
            "--offline",
        ])
        .current_dir(repo_root())
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn core_depends_on_no_io_crate() {
    let names = dependencies_of("relaunch-core");
    assert!(
        names.contains("rand"),
        "the tree lists the core's dependencies: {names:?}"
    );
    let forbidden = [
        "tokio",
        "async-std",
        "mio",
        "hyper",
        "axum",
        "reqwest",
        "sqlx",
        "rusqlite",
        "libsqlite3-sys",
        "postgres",
        "serde",
        "serde_json",
        "toml",
        "csv",
        "indicatif",
        "clap",
        "anyhow",
        "tempfile",
        "rust_xlsxwriter",
        "relaunch-scenario",
        "relaunch-report",
        "relaunch-app",
    ];
    for name in forbidden {
        assert!(
            !names.contains(name),
            "relaunch-core depends on {name}: {names:?}"
        );
    }
}

#[test]
fn app_depends_on_no_front_end_crate() {
    let names = dependencies_of("relaunch-app");
    assert!(
        names.contains("relaunch-core") && names.contains("relaunch-report"),
        "the tree lists the app's dependencies: {names:?}"
    );
    // The command line's, the terminal's and the web's crates belong to the front ends.
    for name in [
        "clap",
        "indicatif",
        "anyhow",
        "console",
        "relaunch",
        "relaunch-server",
        "axum",
        "hyper",
        "utoipa",
        "tower-http",
    ] {
        assert!(
            !names.contains(name),
            "relaunch-app depends on {name}: {names:?}"
        );
    }
}

#[test]
fn server_depends_on_no_command_line_crate() {
    let names = dependencies_of("relaunch-server");
    assert!(
        names.contains("relaunch-app") && names.contains("axum"),
        "the tree lists the server's dependencies: {names:?}"
    );
    for name in ["clap", "indicatif", "console", "relaunch"] {
        assert!(
            !names.contains(name),
            "relaunch-server depends on {name}: {names:?}"
        );
    }
}

//! The architecture invariant, checked mechanically: relaunch-core depends on no IO,
//! serialisation, database, HTTP or async crate (like rust-analyzer's `cargo tree -i` check).

use std::collections::BTreeSet;
use std::process::Command;

use crate::support::repo_root;

#[test]
fn core_depends_on_no_io_crate() {
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            "relaunch-core",
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
    let names: BTreeSet<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .collect();
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
    ];
    for name in forbidden {
        assert!(
            !names.contains(name),
            "relaunch-core depends on {name}: {names:?}"
        );
    }
}

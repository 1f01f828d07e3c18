//! Writing files so that nothing a user saved is ever half-written: write a temporary file
//! beside the target, flush it to disk, then rename it over the target.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> anyhow::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.with_context(|| format!("cannot write {}", path.display()))
}

/// Prints `text` to stdout. A closed pipe (`relaunch ... | head`) ends the output quietly
/// instead of panicking.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

/// Makes sure `dir` can take output files before any work is done: creates it and writes a
/// probe file in it. A problem here is the user's (exit 2), and names the directory.
pub fn prepare_dir(dir: &Path) -> anyhow::Result<()> {
    let fail = |why: String| {
        anyhow::Error::new(crate::UserError(format!(
            "error: cannot write into `--out {}`: {why}",
            dir.display()
        )))
    };
    if dir.exists() && !dir.is_dir() {
        return Err(fail("it exists and is not a directory".to_string()));
    }
    std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
    let probe = dir.join(format!(".relaunch-probe-{}", std::process::id()));
    std::fs::write(&probe, b"").map_err(|e| fail(e.to_string()))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

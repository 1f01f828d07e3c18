//! Output of the command line: stdout that ends quietly on a closed pipe, and the artefact sink
//! that writes files into the `--out` directory so that nothing a user saved is ever
//! half-written (a temporary file beside the target, flushed, then renamed over it).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use relaunch_app::{AppError, ArtefactSink};

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

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, synced, then
/// persisted over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".relaunch-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// The `--out DIR` directory as the use cases' artefact sink: each artefact becomes the file of
/// its name, written atomically.
pub struct DirectorySink {
    dir: PathBuf,
}

impl DirectorySink {
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
        }
    }
}

impl ArtefactSink for DirectorySink {
    /// Makes sure the directory can take files before any work is done: creates it and writes
    /// a probe file in it. A problem here is the user's, and names the directory.
    fn prepare(&mut self) -> Result<(), AppError> {
        let dir = &self.dir;
        let fail = |reason: String| AppError::OutputDirectory {
            dir: dir.clone(),
            reason,
        };
        if dir.exists() && !dir.is_dir() {
            return Err(fail("it exists and is not a directory".to_string()));
        }
        std::fs::create_dir_all(dir).map_err(|error| fail(error.to_string()))?;
        let probe = dir.join(format!(".relaunch-probe-{}", std::process::id()));
        std::fs::write(&probe, b"").map_err(|error| fail(error.to_string()))?;
        let _ = std::fs::remove_file(&probe);
        Ok(())
    }

    fn put(&mut self, name: &str, bytes: &[u8]) -> Result<(), AppError> {
        let path = self.dir.join(name);
        std::fs::create_dir_all(&self.dir)
            .and_then(|()| write_atomic(&path, bytes))
            .map_err(|source| AppError::Write { path, source })
    }
}

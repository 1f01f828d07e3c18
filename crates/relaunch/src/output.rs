//! Output of the command line: stdout that ends quietly on a closed pipe, and the artefact sink
//! that fills the `--out` directory as one set. Every artefact is written into a staging
//! directory beside the target (`.relaunch-tmp-NAME-PID-XXXXXX`, on the same file system), and
//! only when the last one is written is the staging directory swapped with the target in one
//! step, so the target holds either the old complete set or the new one, never a mix. Staging
//! directories that a killed run left behind are removed by the next run into the same target.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use relaunch_app::{AppError, ArtefactSink};

/// Prints a rendered text (a summary, a table, an `OK` line) to stdout with every control,
/// zero-width and bidirectional character escaped but its line feeds (the last guard: user
/// names are escaped where they are rendered). JSON goes through [`print`], escaped by serde.
pub fn print_text(text: &str) -> anyhow::Result<()> {
    print(&relaunch_report::words::shown_lines(text))
}

/// Writes a rendered text (warnings, messages) to stderr, escaped as by [`print_text`].
pub fn eprint_text(text: &str) {
    eprint!("{}", relaunch_report::words::shown_lines(text));
}

/// The prefix of every staging directory beside a target.
const STAGING_PREFIX: &str = ".relaunch-tmp-";

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

/// The `--out DIR` directory as the use cases' artefact sink: artefacts go into a staging
/// directory, which [`ArtefactSink::commit`] swaps in for `DIR` as a whole.
pub struct DirectorySink {
    /// The directory as the user wrote it, for messages.
    dir: PathBuf,
    /// The target, resolved to an absolute path whose last component is a name.
    target: PathBuf,
    /// The staging directory beside the target, once prepared.
    staging: Option<tempfile::TempDir>,
}

impl DirectorySink {
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            target: dir.to_path_buf(),
            staging: None,
        }
    }

    fn fail(&self, reason: impl Into<String>) -> AppError {
        AppError::OutputDirectory {
            dir: self.dir.clone(),
            reason: reason.into(),
        }
    }
}

/// Whether an entry of an existing target may be replaced: a file relaunch writes (JSON, CSV,
/// HTML, XLSX) or a leftover of its own (`.relaunch-*`). Anything else means the directory is
/// not relaunch's, and replacing it whole would lose the user's files.
fn is_replaceable(entry: &std::fs::DirEntry) -> bool {
    let name = entry.file_name();
    let name = name.to_string_lossy();
    if name.starts_with(".relaunch-") {
        return true;
    }
    let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
    let known = [".json", ".csv", ".html", ".xlsx"]
        .iter()
        .any(|suffix| name.ends_with(suffix));
    is_file && known
}

/// Whether the process of `pid` is still running (on Linux, by `/proc`; elsewhere assumed not,
/// so a leftover is always removed).
fn is_running(pid: &str) -> bool {
    if pid == std::process::id().to_string() {
        return true;
    }
    // The directory of a process is visible whoever owns it (its `exe` link is not).
    cfg!(target_os = "linux") && Path::new("/proc").join(pid).is_dir()
}

/// Removes the staging directories of `name` in `parent` that runs no longer alive left behind.
fn remove_stale(parent: &Path, name: &str) {
    let prefix = format!("{STAGING_PREFIX}{name}-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name
            .to_str()
            .and_then(|text| text.strip_prefix(&prefix))
        else {
            continue;
        };
        // The name after the prefix is `PID-XXXXXX` (or `PID-old`); a name with a hyphen of
        // its own could match another target's prefix, so the pid must be a number.
        let Some((pid, _)) = rest.split_once('-') else {
            continue;
        };
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) || is_running(pid) {
            continue;
        }
        let path = entry.path();
        let _ = if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
    }
}

/// Swaps two directories in one step (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// Swapping in one step is not available here: the caller falls back to two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Flushes a directory's entries to disk (where a directory can be opened as a file).
fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

impl ArtefactSink for DirectorySink {
    /// Checks the target before any work is done and makes the staging directory beside it:
    /// the target must be a directory or not exist, hold only files relaunch writes, and its
    /// parent must take a new directory. A problem here is the user's, and names the target.
    fn prepare(&mut self) -> Result<(), AppError> {
        let dir = self.dir.clone();
        let target = match std::fs::metadata(&dir) {
            Ok(meta) if !meta.is_dir() => {
                return Err(self.fail("it exists and is not a directory"));
            }
            Ok(_) => {
                let target = dir
                    .canonicalize()
                    .map_err(|error| self.fail(error.to_string()))?;
                let entries =
                    std::fs::read_dir(&target).map_err(|error| self.fail(error.to_string()))?;
                for entry in entries.flatten() {
                    let name = entry.file_name();
                    if crate::shard::is_shard_name(&name.to_string_lossy()) {
                        return Err(self.fail(format!(
                            "it holds the shard file `{}`, and the run replaces the directory \
                             whole: write the result into a directory of its own (e.g. --out \
                             out/merged beside the shards)",
                            name.to_string_lossy().escape_debug()
                        )));
                    }
                    if !is_replaceable(&entry) {
                        return Err(self.fail(format!(
                            "it holds `{}`, which relaunch did not write, and the run replaces \
                             the directory whole; give a new directory, or one only relaunch \
                             writes into",
                            entry.file_name().to_string_lossy().escape_debug()
                        )));
                    }
                }
                target
            }
            Err(_) => {
                let absolute =
                    std::path::absolute(&dir).map_err(|error| self.fail(error.to_string()))?;
                let (Some(parent), Some(name)) = (absolute.parent(), absolute.file_name()) else {
                    return Err(self.fail("it does not name a directory"));
                };
                std::fs::create_dir_all(parent).map_err(|error| {
                    self.fail(format!("cannot create `{}`: {error}", parent.display()))
                })?;
                let parent = parent
                    .canonicalize()
                    .map_err(|error| self.fail(error.to_string()))?;
                parent.join(name)
            }
        };
        let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
            return Err(self.fail("the root directory cannot be replaced"));
        };
        let name = name.to_string_lossy().into_owned();
        remove_stale(parent, &name);
        let staging = tempfile::Builder::new()
            .prefix(&format!("{STAGING_PREFIX}{name}-{}-", std::process::id()))
            .tempdir_in(parent)
            .map_err(|error| {
                self.fail(format!(
                    "cannot make a directory in `{}`: {error}",
                    parent.display()
                ))
            })?;
        self.target = target;
        self.staging = Some(staging);
        Ok(())
    }

    fn put(&mut self, name: &str, bytes: &[u8]) -> Result<(), AppError> {
        let Some(staging) = &self.staging else {
            return Err(AppError::Write {
                path: self.dir.join(name),
                source: std::io::Error::other("the output directory was not prepared"),
            });
        };
        let path = staging.path().join(name);
        std::fs::File::create(&path)
            .and_then(|mut file| {
                file.write_all(bytes)?;
                file.sync_all()
            })
            .map_err(|source| AppError::Write {
                path: self.dir.join(name),
                source,
            })
    }

    /// Swaps the staging directory in for the target: in one step where the system can
    /// exchange two directories, else by renaming the old target aside (a name the next run
    /// removes), the new one in, and removing the old.
    fn commit(&mut self) -> Result<(), AppError> {
        let Some(staging) = self.staging.take() else {
            return Ok(());
        };
        let target = self.target.clone();
        let write_error = |source: std::io::Error| AppError::Write {
            path: self.dir.clone(),
            source,
        };
        sync_dir(staging.path());
        let parent = target.parent().unwrap_or(Path::new("."));
        if target.exists() {
            if exchange(staging.path(), &target).is_ok() {
                // The staging directory now holds the old set, which dropping it removes.
                drop(staging);
            } else {
                let name = target.file_name().unwrap_or_default().to_string_lossy();
                let aside =
                    parent.join(format!("{STAGING_PREFIX}{name}-{}-old", std::process::id()));
                std::fs::rename(&target, &aside).map_err(write_error)?;
                let fresh = staging.keep();
                std::fs::rename(&fresh, &target).map_err(write_error)?;
                let _ = std::fs::remove_dir_all(&aside);
            }
        } else {
            let fresh = staging.keep();
            std::fs::rename(&fresh, &target).map_err(write_error)?;
        }
        sync_dir(parent);
        Ok(())
    }
}

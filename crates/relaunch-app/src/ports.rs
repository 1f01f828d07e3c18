//! The ports of the use cases: what a front end supplies to run one. [`Progress`] hears how far
//! a run is, [`Clock`] tells the time for the `perf` block, and [`ArtefactSink`] takes the
//! files a run produces (the CLI writes them into a directory, a server stores them).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::AppError;

/// The long work a use case reports progress on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work<'a> {
    /// The replications of one forecast of the scenario named.
    Forecast { scenario: &'a str },
    /// The relaxation subsets of a "why late" analysis (32 forecasts, 64 with a programme).
    Explain,
    /// The replications of every variant of a comparison, run side by side.
    Compare,
    /// The replications of every forecast a backtest replays (one per as-of date).
    Backtest,
    /// The replications of every forecast of a study (the points of a sweep, the low and high
    /// of each input of a sensitivity study).
    Study,
}

/// Hears how far a run is. Called from the worker threads, hence `Sync`.
pub trait Progress: Sync {
    /// A piece of work of `total` steps starts.
    fn start(&self, work: Work<'_>, total: u64);
    /// `done` of the `total` steps are done (not an increment).
    fn advance(&self, done: u64);
    /// The piece of work is over.
    fn finish(&self);
    /// Whether the front end wants the run to stop (a server's job cancelled). Asked before
    /// each replication from the worker threads, so it must be cheap; a use case asked to stop
    /// returns [`AppError::Cancelled`] and stores nothing. Never, unless overridden.
    fn stopped(&self) -> bool {
        false
    }
}

/// Progress nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _work: Work<'_>, _total: u64) {}
    fn advance(&self, _done: u64) {}
    fn finish(&self) {}
}

/// A monotonic clock: the time since an origin of its own. Only differences are meaningful.
pub trait Clock: Sync {
    /// The time elapsed since the clock's origin.
    fn now(&self) -> Duration;
}

/// The machine's monotonic clock, its origin when it was made.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock {
    origin: Instant,
}

impl SystemClock {
    /// A clock starting now.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
        }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }
}

/// Takes the artefacts a use case produces, each a name (`result.json`, `NAME.report.html`)
/// and its bytes.
pub trait ArtefactSink {
    /// Makes sure artefacts can be taken, before the long run: a sink that cannot take them
    /// fails here (for the CLI, a user error naming the directory).
    fn prepare(&mut self) -> Result<(), AppError>;
    /// Takes one artefact. A name is given at most once per run. What is put is not yet seen
    /// by readers of the sink: the set becomes visible, whole, at [`ArtefactSink::commit`].
    fn put(&mut self, name: &str, bytes: &[u8]) -> Result<(), AppError>;
    /// Every artefact of the run is put: make the set visible at once, replacing the previous
    /// run's whole (for the CLI, the staging directory swapped in for `--out DIR`). A run that
    /// fails or is killed before this leaves the previous set untouched.
    fn commit(&mut self) -> Result<(), AppError>;
}

/// Keeps the artefacts in memory, by name: for tests, and for a server that stores them later.
#[derive(Debug, Clone, Default)]
pub struct MemorySink {
    pub artefacts: BTreeMap<String, Vec<u8>>,
    /// Whether `prepare` was called.
    pub prepared: bool,
    /// Whether `commit` was called.
    pub committed: bool,
}

impl ArtefactSink for MemorySink {
    fn prepare(&mut self) -> Result<(), AppError> {
        self.prepared = true;
        Ok(())
    }

    fn put(&mut self, name: &str, bytes: &[u8]) -> Result<(), AppError> {
        self.artefacts.insert(name.to_string(), bytes.to_vec());
        Ok(())
    }

    fn commit(&mut self) -> Result<(), AppError> {
        self.committed = true;
        Ok(())
    }
}

/// What the front end lends a use case for one run.
#[derive(Clone, Copy)]
pub struct Services<'a> {
    pub progress: &'a dyn Progress,
    pub clock: &'a dyn Clock,
    /// The product version written into reports (the front end's release).
    pub version: &'a str,
}

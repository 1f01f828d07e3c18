//! Test doubles of the ports (a clock that steps, progress that records) and example loading.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use relaunch_app::{Clock, Progress, Services, Work};
use relaunch_core::Scenario;

/// A clock that moves on by a fixed step each time it is read.
pub struct SteppingClock {
    step_millis: u64,
    reads: AtomicU64,
}

impl SteppingClock {
    pub fn new(step: Duration) -> Self {
        Self {
            step_millis: u64::try_from(step.as_millis()).expect("a short step"),
            reads: AtomicU64::new(0),
        }
    }
}

impl Clock for SteppingClock {
    fn now(&self) -> Duration {
        let reads = self.reads.fetch_add(1, Ordering::SeqCst);
        Duration::from_millis(reads * self.step_millis)
    }
}

/// One call a use case made on its progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Start { work: String, total: u64 },
    Advance(u64),
    Finish,
}

/// Progress that records every call.
#[derive(Default)]
pub struct RecordingProgress {
    pub events: Mutex<Vec<Event>>,
}

impl RecordingProgress {
    pub fn events(&self) -> Vec<Event> {
        self.events.lock().expect("not poisoned").clone()
    }
}

impl Progress for RecordingProgress {
    fn start(&self, work: Work<'_>, total: u64) {
        let work = match work {
            Work::Forecast { scenario } => format!("forecast {scenario}"),
            Work::Explain => "explain".to_string(),
            Work::Compare => "compare".to_string(),
            Work::Backtest => "backtest".to_string(),
            Work::Study => "study".to_string(),
        };
        self.events
            .lock()
            .expect("not poisoned")
            .push(Event::Start { work, total });
    }

    fn advance(&self, done: u64) {
        self.events
            .lock()
            .expect("not poisoned")
            .push(Event::Advance(done));
    }

    fn finish(&self) {
        self.events
            .lock()
            .expect("not poisoned")
            .push(Event::Finish);
    }
}

/// The services of a test run.
pub fn services<'a>(progress: &'a RecordingProgress, clock: &'a SteppingClock) -> Services<'a> {
    Services {
        progress,
        clock,
        version: "0.0.0-test",
    }
}

/// The path of an example scenario, relative to the repository.
pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}

/// Loads an example scenario.
pub fn load(name: &str) -> Scenario {
    relaunch_app::check::load(&example(name))
        .expect("the example loads")
        .scenario
}

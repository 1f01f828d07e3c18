//! Jobs: the long runs (forecasts, what-ifs, "why late", comparisons) the API starts and
//! answers 202 for. A job waits in a queue for one of a bounded number of run slots, runs its
//! use case on tokio's blocking thread pool (the use case runs the replications on its own
//! rayon pool), and reports progress through the app's `Progress` port into a watch channel
//! that `GET /jobs/{id}` reads and `GET /jobs/{id}/events` streams.
//!
//! ```text
//!   POST ──► queued ──(a run slot)──► running ──► succeeded (result)
//!              │                         │    └─► failed (error)
//!              └──── DELETE ─────────────┴──────► cancelled
//! ```
//!
//! Cancelling sets the job's stop flag, which the use case's replication loop asks before each
//! replication (`Progress::stopped`); the use case then returns `AppError::Cancelled` and
//! stores nothing. Jobs and their results live in memory only: at most
//! [`JobLimits::kept`] jobs are kept, the oldest finished evicted first, and they are gone when
//! the server stops. Forecasts of a programme are also stored in the store, as the CLI stores
//! them.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::StatusCode;
use axum::response::sse::Event;
use futures_util::Stream;
use relaunch_app::{AppError, Progress, Services, SystemClock, Work};
use serde::Serialize;
use serde_json::Value;
use tokio::sync::{Semaphore, watch};
use utoipa::ToSchema;

use crate::error::{ApiError, ErrorBody};

/// How many jobs run at once, wait, and are kept.
#[derive(Debug, Clone, Copy)]
pub struct JobLimits {
    /// Jobs running at once; the others wait in the queue.
    pub running: usize,
    /// Jobs waiting at most; more are refused with 503 until some start.
    pub queued: usize,
    /// Jobs kept in memory, finished or not; the oldest finished ones go first.
    pub kept: usize,
}

impl Default for JobLimits {
    fn default() -> Self {
        JobLimits {
            running: 2,
            queued: 64,
            kept: 200,
        }
    }
}

/// What a job runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum JobKind {
    /// A programme's forecast from its actuals, stored.
    Forecast,
    /// A forecast of a scenario or a what-if (not stored).
    Simulate,
    /// The "why late" analysis.
    Why,
    /// A comparison of variants.
    Compare,
    /// The planner's loop on a programme (not stored).
    Plan,
}

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum JobState {
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

impl JobState {
    pub fn is_final(self) -> bool {
        matches!(
            self,
            JobState::Succeeded | JobState::Failed | JobState::Cancelled
        )
    }
}

/// A job's state at one moment.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub state: JobState,
    /// The piece of work running: `forecast`, `why`, `compare`, `backtest`.
    pub phase: Option<&'static str>,
    pub done: u64,
    pub total: u64,
    pub started: Option<String>,
    pub finished: Option<String>,
    pub result: Option<Arc<Value>>,
    pub error: Option<ErrorBody>,
}

/// One job.
pub struct Job {
    pub id: String,
    pub kind: JobKind,
    /// What it runs on: a programme's or scenario's name.
    pub subject: String,
    pub created: String,
    stop: AtomicBool,
    status: watch::Sender<Snapshot>,
}

impl Job {
    pub fn snapshot(&self) -> Snapshot {
        self.status.borrow().clone()
    }

    /// Asks the job to stop: a queued job is cancelled at once, a running one at its next
    /// replication. Returns the state it was in.
    pub fn cancel(&self) -> JobState {
        self.stop.store(true, Ordering::Relaxed);
        let mut before = JobState::Queued;
        self.status.send_modify(|snapshot| {
            before = snapshot.state;
            if snapshot.state == JobState::Queued {
                snapshot.state = JobState::Cancelled;
                snapshot.finished = Some(now());
            }
        });
        before
    }

    fn update(&self, change: impl FnOnce(&mut Snapshot)) {
        self.status.send_modify(change);
    }
}

/// The job as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JobView {
    pub id: String,
    pub kind: JobKind,
    pub subject: String,
    pub state: JobState,
    /// The piece of work running or last run (`forecast`, `why`, `compare`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// Steps done of `total` in the current piece of work (replications, or forecasts of a
    /// "why late" analysis).
    pub done: u64,
    pub total: u64,
    /// RFC 3339 times.
    pub created: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished: Option<String>,
    /// The job's result once it succeeded (left out of the events stream and the list).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub result: Option<Arc<Value>>,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBody>,
    /// `self`: this job; `events`: its server-sent events.
    pub links: JobLinks,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JobLinks {
    #[serde(rename = "self")]
    pub this: String,
    pub events: String,
}

impl JobView {
    pub fn of(job: &Job, with_result: bool) -> JobView {
        let snapshot = job.snapshot();
        JobView {
            id: job.id.clone(),
            kind: job.kind,
            subject: job.subject.clone(),
            state: snapshot.state,
            phase: snapshot.phase.map(str::to_string),
            done: snapshot.done,
            total: snapshot.total,
            created: job.created.clone(),
            started: snapshot.started,
            finished: snapshot.finished,
            result: if with_result { snapshot.result } else { None },
            error: snapshot.error,
            links: JobLinks {
                this: format!("/api/v1/jobs/{}", job.id),
                events: format!("/api/v1/jobs/{}/events", job.id),
            },
        }
    }
}

/// The work of a job: a use case run with the job's services, its result as JSON.
pub type JobWork = Box<dyn FnOnce(&Services<'_>) -> Result<Value, AppError> + Send>;

/// `work` as a job's work (the bound gives the closure its signature for any services).
pub fn work<F>(work: F) -> JobWork
where
    F: FnOnce(&Services<'_>) -> Result<Value, AppError> + Send + 'static,
{
    Box::new(work)
}

/// Every job of the server.
pub struct Jobs {
    limits: JobLimits,
    slots: Arc<Semaphore>,
    inner: Mutex<Registry>,
    closed: AtomicBool,
    version: String,
}

#[derive(Default)]
struct Registry {
    jobs: HashMap<String, Arc<Job>>,
    /// Ids in the order the jobs were made.
    order: VecDeque<String>,
}

impl Jobs {
    pub fn new(limits: JobLimits, version: &str) -> Jobs {
        let limits = JobLimits {
            running: limits.running.max(1),
            queued: limits.queued,
            kept: limits.kept.max(1),
        };
        Jobs {
            slots: Arc::new(Semaphore::new(limits.running)),
            limits,
            inner: Mutex::new(Registry::default()),
            closed: AtomicBool::new(false),
            version: version.to_string(),
        }
    }

    pub fn get(&self, id: &str) -> Option<Arc<Job>> {
        self.registry().jobs.get(id).cloned()
    }

    /// Every job kept, newest first.
    pub fn list(&self) -> Vec<Arc<Job>> {
        let registry = self.registry();
        registry
            .order
            .iter()
            .rev()
            .filter_map(|id| registry.jobs.get(id).cloned())
            .collect()
    }

    fn registry(&self) -> std::sync::MutexGuard<'_, Registry> {
        // A panic while the lock was held leaves the registry consistent (every change is one
        // insert or remove), so a poisoned lock is taken as it is.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Queues `work` as a new job; refused (503) when the queue is full or the server is
    /// stopping.
    pub fn submit(
        self: &Arc<Self>,
        kind: JobKind,
        subject: &str,
        work: JobWork,
    ) -> Result<Arc<Job>, ApiError> {
        if self.closed.load(Ordering::Relaxed) {
            return Err(busy("the server is stopping: no new jobs are started"));
        }
        let job = {
            let mut registry = self.registry();
            let waiting = registry
                .jobs
                .values()
                .filter(|job| job.snapshot().state == JobState::Queued)
                .count();
            if waiting >= self.limits.queued {
                return Err(busy(&format!(
                    "{waiting} jobs are waiting already: try again when some have run"
                )));
            }
            let (status, _) = watch::channel(Snapshot {
                state: JobState::Queued,
                phase: None,
                done: 0,
                total: 0,
                started: None,
                finished: None,
                result: None,
                error: None,
            });
            let job = Arc::new(Job {
                id: crate::auth::random_hex(8),
                kind,
                subject: subject.to_string(),
                created: now(),
                stop: AtomicBool::new(false),
                status,
            });
            registry.jobs.insert(job.id.clone(), job.clone());
            registry.order.push_back(job.id.clone());
            evict(&mut registry, self.limits.kept);
            job
        };
        tokio::spawn(run(self.clone(), job.clone(), work));
        Ok(job)
    }

    /// Stops taking jobs and cancels every job queued or running.
    pub fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
        for job in self.list() {
            job.cancel();
        }
    }

    /// Waits until no job runs, at most `timeout`; whether none does.
    pub async fn idle(&self, timeout: Duration) -> bool {
        let all = u32::try_from(self.limits.running).unwrap_or(u32::MAX);
        tokio::time::timeout(timeout, self.slots.acquire_many(all))
            .await
            .is_ok()
    }
}

/// Removes the oldest finished jobs while more than `kept` are kept.
fn evict(registry: &mut Registry, kept: usize) {
    while registry.jobs.len() > kept {
        let oldest_finished = registry.order.iter().position(|id| {
            registry
                .jobs
                .get(id)
                .is_none_or(|job| job.snapshot().state.is_final())
        });
        let Some(position) = oldest_finished else {
            return;
        };
        if let Some(id) = registry.order.remove(position) {
            registry.jobs.remove(&id);
        }
    }
}

fn busy(message: &str) -> ApiError {
    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "busy", message)
}

/// Runs a job: waits for a slot, runs the work on the blocking pool, records the outcome.
async fn run(jobs: Arc<Jobs>, job: Arc<Job>, work: JobWork) {
    let Ok(slot) = jobs.slots.clone().acquire_owned().await else {
        return;
    };
    if job.stop.load(Ordering::Relaxed) {
        // Cancelled while it waited (its state says so already).
        job.update(|snapshot| {
            if !snapshot.state.is_final() {
                snapshot.state = JobState::Cancelled;
                snapshot.finished = Some(now());
            }
        });
        return;
    }
    job.update(|snapshot| {
        snapshot.state = JobState::Running;
        snapshot.started = Some(now());
    });
    let runner = job.clone();
    let version = jobs.version.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        let progress = JobProgress(runner);
        let clock = SystemClock::new();
        work(&Services {
            progress: &progress,
            clock: &clock,
            version: &version,
        })
    })
    .await;
    drop(slot);
    job.update(|snapshot| {
        snapshot.finished = Some(now());
        match outcome {
            Ok(Ok(result)) => {
                snapshot.state = JobState::Succeeded;
                snapshot.result = Some(Arc::new(result));
            }
            Ok(Err(AppError::Cancelled)) => snapshot.state = JobState::Cancelled,
            Ok(Err(error)) => {
                snapshot.state = JobState::Failed;
                snapshot.error = Some(ApiError::from(error).body);
            }
            Err(join) => {
                snapshot.state = JobState::Failed;
                snapshot.error = Some(ApiError::internal(&join).body);
            }
        }
    });
}

/// The app's progress port, into the job's watch channel; `stopped` reads its stop flag.
struct JobProgress(Arc<Job>);

impl Progress for JobProgress {
    fn start(&self, work: Work<'_>, total: u64) {
        let phase = match work {
            Work::Forecast { .. } => "forecast",
            Work::Explain => "why",
            Work::Compare => "compare",
            Work::Backtest => "backtest",
            Work::Study => "study",
        };
        self.0.update(|snapshot| {
            snapshot.phase = Some(phase);
            snapshot.done = 0;
            snapshot.total = total;
        });
    }

    fn advance(&self, done: u64) {
        self.0.update(|snapshot| snapshot.done = done);
    }

    fn finish(&self) {}

    fn stopped(&self) -> bool {
        self.0.stop.load(Ordering::Relaxed)
    }
}

/// The job's events: `progress` (state, phase, done, total) at once and on every change, then
/// one of `done`, `failed` or `cancelled` (the job without its result), and the end.
pub fn events(job: Arc<Job>) -> impl Stream<Item = Result<Event, Infallible>> {
    let receiver = job.status.subscribe();
    futures_util::stream::unfold(
        (job, receiver, true, false),
        |(job, mut receiver, first, ended)| async move {
            if ended {
                return None;
            }
            if !first && receiver.changed().await.is_err() {
                // The job was evicted: nothing more will happen to it.
                return None;
            }
            let snapshot = receiver.borrow_and_update().clone();
            let event = if snapshot.state.is_final() {
                let name = match snapshot.state {
                    JobState::Succeeded => "done",
                    JobState::Failed => "failed",
                    _ => "cancelled",
                };
                Event::default()
                    .event(name)
                    .json_data(JobView::of(&job, false))
            } else {
                Event::default().event("progress").json_data(ProgressEvent {
                    state: snapshot.state,
                    phase: snapshot.phase,
                    done: snapshot.done,
                    total: snapshot.total,
                })
            };
            let event = event.unwrap_or_else(|_| Event::default().event("progress"));
            let ended = snapshot.state.is_final();
            Some((Ok(event), (job, receiver, false, ended)))
        },
    )
}

/// The data of a `progress` event.
#[derive(Serialize)]
struct ProgressEvent {
    state: JobState,
    phase: Option<&'static str>,
    done: u64,
    total: u64,
}

/// Now, RFC 3339 in UTC to the second (as the CLI writes it into the store).
pub fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

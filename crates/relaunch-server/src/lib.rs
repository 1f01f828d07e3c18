//! relaunch-server: `relaunch serve`, the JSON API over the store and the use cases of
//! relaunch-app, for the dashboard, spreadsheets and scripts.
//!
//! ```text
//!   client ──HTTP──► axum router ──► handler ──spawn_blocking──► relaunch-app use case ──► store
//!                     │  (auth: writes need the bearer token)      │ (forecast, why, compare,
//!                     │                                             │  import, status, history)
//!                     └─ 202 + job ──► Jobs (queue, run slots) ─────┘
//!                                        └─ progress ──► GET /jobs/{id}, SSE /jobs/{id}/events
//! ```
//!
//! The router is built by [`app`] from a [`Server`] (the store, the jobs, the token) and can be
//! driven without a socket (`tower::ServiceExt::oneshot`), as the tests do; [`serve`] binds it
//! to an address and runs it until SIGINT or SIGTERM, then cancels the running jobs, waits for
//! them and closes the store. Handlers hold no logic of their own beyond HTTP: reading the
//! request, calling a use case on the blocking pool (the store is synchronous, the simulations
//! CPU-bound), and writing its outcome or error as JSON ([`error`]).

pub mod api;
pub mod auth;
pub mod error;
mod extract;
pub mod jobs;
pub mod pages;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use relaunch_app::tracking::StoreHandle;

pub use auth::{TOKEN_VAR, Token, TokenOrigin};
pub use jobs::JobLimits;

/// The largest request body read (an XLSX of actuals is the largest thing sent): 32 MiB.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// How long a stopping server waits for cancelled jobs to end.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

/// What the handlers share.
#[derive(Clone)]
pub struct Server {
    pub store: Arc<StoreHandle>,
    pub jobs: Arc<jobs::Jobs>,
    pub token: Token,
    /// Worker threads per run (0: all cores).
    pub threads: u16,
    /// The product version written into reports.
    pub version: Arc<str>,
}

impl Server {
    pub fn new(store: StoreHandle, token: Token, limits: JobLimits, version: &str) -> Server {
        Server {
            store: Arc::new(store),
            jobs: Arc::new(jobs::Jobs::new(limits, version)),
            token,
            threads: 0,
            version: Arc::from(version),
        }
    }
}

/// The whole application: the API, its OpenAPI document and browser, the dashboard.
pub fn app(server: Server) -> Router {
    api::router(server)
}

/// How `relaunch serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// `--db`; `None`: `RELAUNCH_DB`, else `relaunch.db`.
    pub db: Option<String>,
    /// The value of `RELAUNCH_DB`, read by the caller.
    pub db_env: Option<String>,
    pub addr: SocketAddr,
    pub token_file: Option<PathBuf>,
    /// The value of `RELAUNCH_TOKEN`, read by the caller.
    pub token_env: Option<String>,
    pub limits: JobLimits,
    /// Worker threads per run (0: all cores).
    pub threads: u16,
    pub version: String,
}

/// Why `relaunch serve` could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The user's: a bad token, a store that cannot be opened, an address in use.
    #[error("{0}")]
    User(String),
    /// The machine's.
    #[error("{0}")]
    Internal(String),
}

/// Runs the server until SIGINT or SIGTERM (blocking the calling thread on a runtime of its
/// own). Prints where it listens, and the token when it made one, on stderr.
pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    init_logging();
    let (secret, origin) =
        auth::resolve_token(options.token_file.as_deref(), options.token_env.clone())
            .map_err(|message| ServeError::User(format!("error: {message}")))?;
    // The store is opened outside the server's runtime: its blocking handle has a runtime of
    // its own.
    let store = StoreHandle::open_chosen(options.db.as_deref(), options.db_env.as_deref())
        .map_err(|error| ServeError::User(error.to_string()))?;
    let shown_store = store.url().to_string();
    let mut server = Server::new(store, Token::new(&secret), options.limits, &options.version);
    server.threads = options.threads;
    // The store's blocking handle owns a runtime, which must not be dropped inside the
    // server's: this clone keeps it alive until the server's runtime is gone.
    let kept_store = server.store.clone();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| ServeError::Internal(format!("cannot start the runtime: {error}")))?;
    let outcome = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|error| {
                ServeError::User(format!("error: cannot listen on {}: {error}", options.addr))
            })?;
        let addr = listener
            .local_addr()
            .map_err(|error| ServeError::Internal(error.to_string()))?;
        eprintln!(
            "relaunch serve: listening on http://{addr}/ (the dashboard; API \
             http://{addr}/api/v1, browser http://{addr}/api/v1/docs/), store {shown_store}"
        );
        match origin {
            TokenOrigin::Generated => eprintln!(
                "writes need `Authorization: Bearer {secret}` (a token made for this run; set \
                 {TOKEN_VAR} or --token-file to choose one); the dashboard with it: \
                 http://{addr}/#token={secret}"
            ),
            TokenOrigin::Environment => eprintln!(
                "writes need `Authorization: Bearer` with the token in {TOKEN_VAR}; the \
                 dashboard at http://{addr}/ asks for it in its Token field"
            ),
            TokenOrigin::File => eprintln!(
                "writes need `Authorization: Bearer` with the token in {}; the dashboard at \
                 http://{addr}/ asks for it in its Token field",
                options
                    .token_file
                    .as_deref()
                    .map(|path| path.display().to_string())
                    .unwrap_or_default()
            ),
        }
        run_until_signal(listener, server).await
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
    drop(kept_store);
    outcome
}

/// Serves `server` on `listener` until SIGINT or SIGTERM; then refuses new jobs, cancels the
/// queued and running ones, waits for them (at most [`SHUTDOWN_GRACE`]), stops taking
/// connections and closes the store.
pub async fn run_until_signal(
    listener: tokio::net::TcpListener,
    server: Server,
) -> Result<(), ServeError> {
    let jobs = server.jobs.clone();
    let store = server.store.clone();
    let (stopping, mut stopped) = tokio::sync::watch::channel(false);
    let router = app(server);
    let shutdown = async move {
        let _ = stopped.wait_for(|stopping| *stopping).await;
    };
    let serving = tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(shutdown)
            .await
    });
    shutdown_signal().await;
    eprintln!("relaunch serve: stopping: cancelling the jobs still running");
    jobs.close();
    if !jobs.idle(SHUTDOWN_GRACE).await {
        tracing::warn!("jobs still running after {SHUTDOWN_GRACE:?}; stopping anyway");
    }
    let _ = stopping.send(true);
    // Open event streams end with their jobs; a connection still open after the grace period
    // is dropped with the runtime.
    let served = tokio::time::timeout(SHUTDOWN_GRACE, serving).await;
    tokio::task::spawn_blocking(move || store.close())
        .await
        .map_err(|error| ServeError::Internal(error.to_string()))?;
    eprintln!("relaunch serve: stopped");
    match served {
        Ok(Ok(Ok(()))) | Err(_) => Ok(()),
        Ok(Ok(Err(error))) => Err(ServeError::Internal(format!("the server failed: {error}"))),
        Ok(Err(error)) => Err(ServeError::Internal(format!("the server failed: {error}"))),
    }
}

/// SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// Logs to stderr: warnings and errors by default, more with `RUST_LOG` (such as
/// `RUST_LOG=relaunch_server=info,tower_http=debug`).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

//! relaunch-app: the use cases of relaunch, written once for every front end (the CLI today, the
//! server next).
//!
//! Each use case takes a resolved request (scenarios, seed, replications, threads, options),
//! reports progress through [`Progress`], reads the time from an injected [`Clock`] and hands
//! its artefacts (result.json, CSVs, the workbook, HTML pages ...) to an [`ArtefactSink`]. It
//! returns the documents for the front end to print, or an [`AppError`] that says whether the
//! user or the program is at fault.
//!
//! ```text
//!   front end ──request──► use case ──► relaunch-core (pure: forecast, why, compare, ledger)
//!       ▲                     │   └───► relaunch-report (documents)
//!       └──outcome/AppError───┤
//!                Progress ◄───┤ Clock ◄──┘ (perf wall time)
//!            ArtefactSink ◄───┘ (named bytes)
//! ```
//!
//! Defaults (seed and replications from the scenario), the thread pool and the domain checks
//! that need no run ("the milestone exists", "the reference exists") live here, once.

pub mod check;
pub mod compare;
pub mod error;
pub mod explain;
pub mod forecast;
pub mod localization;
pub mod merge;
pub mod plan;
pub mod ports;
pub mod run;
pub mod run_input;
pub mod scenario_text;
pub mod sensitivity;
pub mod shard;
pub mod sweep;
pub mod sweep_shard;
pub mod tracking;
pub mod whatif;

pub use error::AppError;
pub use ports::{
    ArtefactSink, Clock, MemorySink, NoProgress, Progress, Services, SystemClock, Work,
};
pub use run::RunSettings;

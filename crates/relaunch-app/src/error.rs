//! The errors of the use cases. Each variant says whose fault it is: the user's (a bad file, a
//! bad option; the CLI exits 2, a server answers 422) or the program's and its environment's
//! (the CLI exits 1, a server answers 500). Messages of user errors are written for the user,
//! in the diagnostics' style, and end where the user should read on.

use std::path::PathBuf;

use relaunch_scenario::Diagnostics;

/// A use case failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// User error: the scenario file has problems (each with file:line:column).
    #[error("{0}")]
    Scenario(Diagnostics),
    /// User error: pre-flight warnings were printed and warnings are denied.
    #[error(
        "error: {} in {} and --deny-warnings is set: nothing was run\n",
        count_of_warnings(*count),
        file.display()
    )]
    WarningsDenied { file: PathBuf, count: usize },
    /// User error: several files have problems (the variants of a comparison); each problem in
    /// file order.
    #[error("{}", concatenated(.0))]
    Several(Vec<AppError>),
    /// User error: `check` found problems in `failed` of `total` files.
    #[error(
        "{}{failed} of {total} {} {} problems\n",
        concatenated(problems),
        if *total == 1 { "file" } else { "files" },
        if *failed == 1 { "has" } else { "have" }
    )]
    CheckFailed {
        problems: Vec<AppError>,
        failed: usize,
        total: usize,
    },
    /// User error: the milestone asked for is not in the scenario.
    #[error(
        "error: no milestone `{wanted}` in scenario \"{scenario}\"; its milestones are: {}",
        if known.is_empty() { "none".to_string() } else { known.join(", ") }
    )]
    UnknownMilestone {
        wanted: String,
        scenario: String,
        known: Vec<String>,
    },
    /// User error: "why late" needs milestones and the scenario has none.
    #[error(
        "error: scenario \"{scenario}\" has no [[milestone]]: `why` explains the delay of milestones"
    )]
    NoMilestones { scenario: String },
    /// User error: the reference of a comparison names no variant.
    #[error(
        "error: `--reference {id}` names no variant; use a file stem ({}) or a scenario name",
        names.join(", ")
    )]
    UnknownReference { id: String, names: Vec<String> },
    /// User error: the reference of a comparison is a scenario name several variants share.
    #[error(
        "error: `--reference {id}`: {count} variants have this scenario name; use a file stem ({})",
        names.join(", ")
    )]
    AmbiguousReference {
        id: String,
        count: usize,
        names: Vec<String>,
    },
    /// User error: the ranking milestone is missing from a variant.
    #[error("error: `--milestone {id}`: scenario \"{scenario}\" has no such milestone")]
    RankingMilestoneMissing { id: String, scenario: String },
    /// User error: ranking by on-time probability at a milestone without a due date.
    #[error(
        "error: `--rank-by on-time --milestone {id}`: in scenario \"{scenario}\" the milestone has \
         no due date, so it has no on-time probability"
    )]
    RankingMilestoneWithoutDue { id: String, scenario: String },
    /// User error: the localization ledger of a scenario without a `[localization]` table.
    #[error(
        "no [localization] table in scenario \"{scenario}\": add `[localization] thresholds = \
         [...]` and `[[localization.item]]` entries to see its points"
    )]
    MissingLocalization { scenario: String },
    /// User error: the run's estimated work is huge and the user has not allowed a long run.
    #[error(
        "error: scenario \"{scenario}\" would handle about {events:.1e} events ({per_replication:.1e} \
         per replication x {forecasts} x {replications} replications), more than the {limit:.0e} \
         events of a run that needs no consent (minutes to an hour on one core): nothing was run; \
         pass --allow-long-run to run it anyway, or lower --replications, the horizon or the release",
        forecasts = if *forecasts == 1 { "1 forecast".to_string() } else { format!("{forecasts} forecasts") }
    )]
    LongRun {
        scenario: String,
        events: f64,
        per_replication: f64,
        forecasts: u64,
        replications: u64,
        limit: f64,
    },
    /// User error: the directory given for the artefacts cannot take them.
    #[error("error: cannot write into `--out {}`: {reason}", dir.display())]
    OutputDirectory { dir: PathBuf, reason: String },
    /// User error: an actuals file has problems (each at file:line, or file:sheet:row), or the
    /// stored actuals no longer fit the scenario.
    #[error("{0}")]
    Actuals(Diagnostics),
    /// User error: `actuals import` refused its files, each problem at file:line (or
    /// file:sheet:row); nothing of them was imported.
    #[error(
        "{0}\nnothing was imported (a bad row anywhere refuses every file given): fix the rows \
         above and import again"
    )]
    ImportRefused(Diagnostics),
    /// User error: a tracking command on a programme with no actuals stored.
    #[error(
        "error: no actuals stored for programme \"{programme}\" in the store `{url}`: import actuals \
         first: relaunch actuals import {scenario_file} FILE.csv"
    )]
    NoActuals {
        programme: String,
        url: String,
        scenario_file: String,
    },
    /// User error: `history` of a programme with no stored forecast.
    #[error(
        "error: no forecast stored for programme \"{programme}\" in the store `{url}`: make one \
         first: relaunch forecast {scenario_file}"
    )]
    NoForecasts {
        programme: String,
        url: String,
        scenario_file: String,
    },
    /// User error: an as-of date outside the scenario's days.
    #[error(
        "error: --as-of {as_of} is outside scenario \"{scenario}\": give a date from {first} (its \
         start) to {last} (the last day of its horizon)"
    )]
    AsOfOutOfRange {
        as_of: String,
        scenario: String,
        first: String,
        last: String,
    },
    /// User error: a tracking option that cannot work, in words.
    #[error("error: {0}")]
    Tracking(String),
    /// User error: a scenario or option the planner cannot plan, in words.
    #[error("error: {0}")]
    Plan(String),
    /// Internal failure: the optimiser failed, or wrote a plan the reader refuses.
    #[error("the planner failed: {0}")]
    Planner(String),
    /// User error: the store cannot be opened (a URL of no known backend, a missing
    /// directory, a server that refuses or does not answer), or refuses a value.
    #[error(
        "error: {message}\n  help: --db (or RELAUNCH_DB) names the store: a SQLite file such as \
         relaunch.db or sqlite://path/to.db, or postgres://user:password@host/database"
    )]
    StoreUnavailable { url: String, message: String },
    /// User error: no programme of this name is stored (a server answers 404).
    #[error("error: no programme \"{programme}\" in the store `{url}`")]
    UnknownProgramme { programme: String, url: String },
    /// User error: the programme has no stored forecast of this id (a server answers 404).
    #[error("error: programme \"{programme}\" has no stored forecast {id}")]
    UnknownForecast { programme: String, id: i64 },
    /// User error: the programme has no stored version of this number (a server answers 404).
    #[error("error: programme \"{programme}\" has no version {version}")]
    UnknownVersion { programme: String, version: i64 },
    /// User error: a request that cannot work, in words (a what-if override naming no key, a
    /// scenario saved under another programme's name ...).
    #[error("error: {0}")]
    Request(String),
    /// Neither's fault: the front end asked the run to stop ([`crate::Progress::stopped`])
    /// before it finished; nothing was stored.
    #[error("the run was cancelled before it finished: nothing was stored")]
    Cancelled,
    /// Internal failure: the store failed (its URL with any password masked).
    #[error("the store `{url}` failed: {message}")]
    Store { url: String, message: String },
    /// Internal failure: a stored value this version cannot read back.
    #[error("the store holds a value this version cannot read: {0}")]
    Corrupt(String),
    /// Internal failure: the worker threads could not be started.
    #[error("cannot start the worker threads")]
    ThreadPool(#[from] rayon::ThreadPoolBuildError),
    /// Internal failure: an artefact could not be stored.
    #[error("cannot write {}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Internal failure: a document could not be serialised.
    #[error("cannot serialise a document")]
    Json(#[from] serde_json::Error),
    /// Internal failure: a CSV export could not be made.
    #[error("cannot make a CSV export")]
    Csv(#[from] csv::Error),
    /// Internal failure: the workbook could not be made.
    #[error("cannot make the workbook")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
}

impl AppError {
    /// Whether the user is at fault (bad input or options) rather than the program or its
    /// environment.
    pub fn is_user_error(&self) -> bool {
        match self {
            AppError::Scenario(_)
            | AppError::WarningsDenied { .. }
            | AppError::Several(_)
            | AppError::CheckFailed { .. }
            | AppError::UnknownMilestone { .. }
            | AppError::NoMilestones { .. }
            | AppError::UnknownReference { .. }
            | AppError::AmbiguousReference { .. }
            | AppError::RankingMilestoneMissing { .. }
            | AppError::RankingMilestoneWithoutDue { .. }
            | AppError::MissingLocalization { .. }
            | AppError::OutputDirectory { .. }
            | AppError::LongRun { .. }
            | AppError::Actuals(_)
            | AppError::ImportRefused(_)
            | AppError::NoActuals { .. }
            | AppError::NoForecasts { .. }
            | AppError::AsOfOutOfRange { .. }
            | AppError::Tracking(_)
            | AppError::UnknownProgramme { .. }
            | AppError::UnknownForecast { .. }
            | AppError::UnknownVersion { .. }
            | AppError::Request(_)
            | AppError::Plan(_) => true,
            AppError::Planner(_) => false,
            AppError::StoreUnavailable { .. } => true,
            AppError::Store { .. } | AppError::Cancelled => false,
            AppError::ThreadPool(_)
            | AppError::Corrupt(_)
            | AppError::Write { .. }
            | AppError::Json(_)
            | AppError::Csv(_)
            | AppError::Workbook(_) => false,
        }
    }
}

/// "1 warning", "3 warnings".
pub fn count_of_warnings(count: usize) -> String {
    if count == 1 {
        "1 warning".to_string()
    } else {
        format!("{count} warnings")
    }
}

/// The messages of `errors` one after another, as printed.
fn concatenated(errors: &[AppError]) -> String {
    errors.iter().map(ToString::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_errors_and_internal_failures() {
        let missing = AppError::MissingLocalization {
            scenario: "Kaluga".to_string(),
        };
        assert!(missing.is_user_error());
        assert!(
            missing
                .to_string()
                .starts_with("no [localization] table in scenario \"Kaluga\"")
        );
        let write = AppError::Write {
            path: PathBuf::from("out/result.json"),
            source: std::io::Error::other("disk full"),
        };
        assert!(!write.is_user_error());
        assert_eq!(write.to_string(), "cannot write out/result.json");
    }

    #[test]
    fn check_failures_count_files() {
        let error = AppError::CheckFailed {
            problems: vec![AppError::WarningsDenied {
                file: PathBuf::from("a.toml"),
                count: 1,
            }],
            failed: 1,
            total: 2,
        };
        assert_eq!(
            error.to_string(),
            "error: 1 warning in a.toml and --deny-warnings is set: nothing was run\n\
             1 of 2 files has problems\n"
        );
    }
}

//! Tracking a restart week by week: the use cases over the store (`relaunch-store`), the
//! actuals files (`relaunch-scenario`), the core's state and forecast from actuals
//! (`relaunch_core::tracking`) and the report's tracking documents.
//!
//! - `catalogue.rs`: the stored programmes as a front end lists, reads and edits them.
//! - `programme.rs`: a programme's identity in the store (the scenario's `name`) and its
//!   version (the SHA-256 of the resolved scenario, serialised canonically), saved by every
//!   tracking command; the actuals hash of a forecast.
//! - `import.rs`: `relaunch actuals import`, every file checked before one write.
//! - `status.rs`: plan vs actual at an as-of date.
//! - `forecast.rs`: the forecast from the state at the end of an as-of day, stored.
//! - `plan.rs`: before any actuals, the plan's forecast from day 0, stored as kind `plan`.
//! - `history.rs`: every stored forecast's milestone dates by as-of date.
//! - `backtest.rs`: forecasts replayed at past dates against what happened.
//! - `whatif.rs`: a what-if of a stored programme from where it stands (the as-of state of its
//!   stored forecast when it has actuals, else the plan from day 0), not stored.
//! - `why.rs`: "why late" of a stored programme from the same standing, the milestones already
//!   reached left out.
//!
//! The store comes in as a [`StoreHandle`], which remembers its URL (password masked) for the
//! messages of its failures; times of creation (`created`) come from the front end as RFC 3339
//! text, so the use cases read no clock.

pub mod backtest;
pub mod catalogue;
pub mod forecast;
pub mod history;
pub mod import;
pub mod plan;
pub mod programme;
pub mod propose;
pub mod status;
pub mod whatif;
pub mod why;

use jiff::civil::Date;
use relaunch_core::Scenario;
use relaunch_core::actuals::{Actuals, Metric, Row};
use relaunch_core::milestones::reached_day;
use relaunch_core::model::MilestoneKind;
use relaunch_core::schedule::{PlantCalendar, add_days, days_between};
use relaunch_scenario::{Diagnostic, Diagnostics};
use relaunch_store::{BlockingStore, StoreError};

use crate::AppError;

pub use programme::Programme;

/// The store a tracking use case works on, with its URL for messages.
#[derive(Debug)]
pub struct StoreHandle {
    store: BlockingStore,
    /// The URL with any password replaced by `***`.
    url: String,
}

impl StoreHandle {
    /// Opens (creating a SQLite file when missing) the store at `url`.
    pub fn open(url: &str) -> Result<StoreHandle, AppError> {
        StoreHandle::open_shown(url, url)
    }

    /// Opens the store at `url`, naming it `shown` in messages (password masked): what the
    /// user wrote, such as a plain path, rather than the URL made of it.
    pub fn open_shown(url: &str, shown: &str) -> Result<StoreHandle, AppError> {
        let masked = mask_password(shown);
        let store = BlockingStore::open(url).map_err(|error| store_error(&masked, url, error))?;
        Ok(StoreHandle { store, url: masked })
    }

    /// Opens the store a front end was given: `flag` (`--db`), else `env` (the value of
    /// `RELAUNCH_DB`, ignored when empty), else `relaunch.db` in the working directory, named in
    /// messages as the user wrote it.
    pub fn open_chosen(flag: Option<&str>, env: Option<&str>) -> Result<StoreHandle, AppError> {
        let env = env.filter(|url| !url.is_empty());
        let url = relaunch_store::Store::url_from(flag, env);
        let shown = flag.or(env).unwrap_or("relaunch.db");
        StoreHandle::open_shown(&url, shown)
    }

    /// Closes the store's connections (a SQLite file is left tidy).
    pub fn close(&self) {
        self.store.close()
    }

    /// The URL, password masked.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Runs `call` on the store, a failure becoming [`AppError::Store`].
    pub fn call<T>(
        &self,
        call: impl FnOnce(&BlockingStore) -> relaunch_store::Result<T>,
    ) -> Result<T, AppError> {
        call(&self.store).map_err(|error| store_error(&self.url, "", error))
    }
}

/// The store's failure as an [`AppError`], the raw URL (when given) masked in its message.
fn store_error(masked: &str, raw: &str, error: StoreError) -> AppError {
    let mut message = error.to_string();
    if !raw.is_empty() && raw != masked {
        message = message.replace(raw, masked);
    }
    let url = masked.to_string();
    if error.is_user_error() {
        AppError::StoreUnavailable { url, message }
    } else {
        AppError::Store { url, message }
    }
}

/// `url` with the password of its user info (`scheme://user:password@host`) replaced by `***`.
pub fn mask_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return url.to_string();
    };
    let user_info = &authority[..at];
    let Some(colon) = user_info.find(':') else {
        return url.to_string();
    };
    format!(
        "{}{}:***{}",
        &url[..scheme_end + 3],
        &user_info[..colon],
        &rest[at..]
    )
}

/// The actuals stored for `programme`, resolved against its scenario; a user error when none
/// are stored (import them first) or when a stored row no longer fits the scenario.
pub fn stored_actuals(
    store: &StoreHandle,
    programme: &Programme,
) -> Result<(Vec<Row>, Actuals), AppError> {
    let rows = store.call(|store| store.actuals(programme.name()))?;
    if rows.is_empty() {
        return Err(AppError::NoActuals {
            programme: programme.name().to_string(),
            url: store.url().to_string(),
            scenario_file: programme.file.clone(),
        });
    }
    let actuals = Actuals::resolve(&rows, &programme.scenario).map_err(|problems| {
        AppError::Actuals(Diagnostics(
            problems
                .into_iter()
                .map(|problem| {
                    let row = &rows[problem.row];
                    Diagnostic {
                        file: store.url().to_string(),
                        line: 0,
                        column: 0,
                        message: format!(
                            "the stored row {},{},{},{} does not fit scenario \"{}\": {}",
                            row.date,
                            row.metric.name(),
                            row.item,
                            row.value,
                            programme.name(),
                            problem.message
                        ),
                        source_line: String::new(),
                        snippet_offset: 0,
                        underline_length: 0,
                        label: String::new(),
                        help: Some(
                            "a new version of the scenario renamed or removed what the row names"
                                .to_string(),
                        ),
                    }
                })
                .collect(),
        ))
    })?;
    Ok((rows, actuals))
}

/// Good units per day from the scenario's start through `as_of`, from the `good` rows.
pub fn good_per_day(scenario: &Scenario, actuals: &Actuals, as_of: Date) -> Vec<u32> {
    let calendar_start = scenario.start;
    let days = (days_between(calendar_start, as_of) + 1).max(0) as usize;
    let mut good = vec![0u32; days];
    for record in &actuals.records {
        let day = days_between(calendar_start, record.date);
        if record.metric == Metric::Good && (0..days as i64).contains(&day) {
            let value = u32::try_from(record.value).unwrap_or(u32::MAX);
            good[day as usize] = good[day as usize].saturating_add(value);
        }
    }
    good
}

/// The day the actuals through `as_of` reached each milestone of the scenario: a task
/// milestone when its task was done (`task_done`), one of output when the good units per day
/// reached it by the core's rule ([`relaunch_core::milestones::reached_day`]).
pub fn reached_milestones(
    scenario: &Scenario,
    actuals: &Actuals,
    task_done: &[Option<Date>],
    as_of: Date,
) -> Vec<Option<Date>> {
    let calendar = PlantCalendar::new(scenario);
    let good = good_per_day(scenario, actuals, as_of);
    scenario
        .milestones
        .iter()
        .map(|milestone| match milestone.kind {
            MilestoneKind::Task { task } => task_done.get(task).copied().flatten(),
            _ => reached_day(milestone, &calendar, &good)
                .map(|day| add_days(scenario.start, i64::from(day))),
        })
        .collect()
}

/// The core's refusal of a state or forecast (an as-of day outside the horizon) as a user
/// error.
pub fn tracking_error(error: relaunch_core::tracking::TrackingError) -> AppError {
    match error {
        relaunch_core::tracking::TrackingError::Stopped => AppError::Cancelled,
        error => AppError::Tracking(error.to_string()),
    }
}

/// The first and last day of the scenario's horizon.
pub fn horizon_days(scenario: &Scenario) -> (Date, Date) {
    let calendar = PlantCalendar::new(scenario);
    (
        scenario.start,
        add_days(scenario.start, calendar.n_days as i64 - 1),
    )
}

/// The as-of day of a tracking command, and what the user should know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsOf {
    pub date: Date,
    /// Warnings in words: days without reported output counted as none, rows after the day
    /// left out.
    pub warnings: Vec<String>,
}

/// The as-of date to use: `wanted`, else the last day with output reported (`good`,
/// `released` or `scrapped` rows), else the last actuals date; a user error outside the
/// scenario's days, saying the range. Warns when the day is after the last output reported
/// (the days between count as days without output) and when rows after it are left out.
pub fn as_of_date(
    scenario: &Scenario,
    actuals: &Actuals,
    wanted: Option<Date>,
) -> Result<AsOf, AppError> {
    let (first, last) = horizon_days(scenario);
    let is_output =
        |metric: Metric| matches!(metric, Metric::Good | Metric::Released | Metric::Scrapped);
    let last_output = actuals
        .records
        .iter()
        .filter(|record| is_output(record.metric))
        .map(|record| record.date)
        .max();
    let date = wanted
        .or(last_output)
        .or(actuals.last_date())
        .unwrap_or(first);
    if date < first || date > last {
        return Err(AppError::AsOfOutOfRange {
            as_of: date.to_string(),
            scenario: scenario.name.clone(),
            first: first.to_string(),
            last: last.to_string(),
        });
    }
    let mut warnings = Vec::new();
    match last_output {
        Some(output) if output < date => warnings.push(format!(
            "no output is reported after {output}: the {} days from then to the as-of day \
             {date} count as days without output (import the missing days, or give an earlier \
             --as-of)",
            days_between(output, date)
        )),
        None => warnings.push(
            "the actuals report no output yet (no good, released or scrapped rows): the line \
             starts from none"
                .to_string(),
        ),
        _ => {}
    }
    let later: Vec<Date> = actuals
        .records
        .iter()
        .filter(|record| record.date > date)
        .map(|record| record.date)
        .collect();
    if let Some(latest) = later.iter().max() {
        warnings.push(format!(
            "{} actuals rows dated after the as-of day {date} (to {latest}) are left out",
            later.len()
        ));
    }
    Ok(AsOf { date, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_masked() {
        assert_eq!(
            mask_password("postgres://relaunch:s3cret@db:5432/relaunch"),
            "postgres://relaunch:***@db:5432/relaunch"
        );
        assert_eq!(
            mask_password("postgres://relaunch@db/relaunch"),
            "postgres://relaunch@db/relaunch"
        );
        assert_eq!(
            mask_password("sqlite://relaunch.db?mode=rwc"),
            "sqlite://relaunch.db?mode=rwc"
        );
        assert_eq!(mask_password("relaunch.db"), "relaunch.db");
    }
}

//! The view of the forecast report and of its "why late" section.

use jiff::ToSpan;
use jiff::civil::Date;

use super::format::{long_date, read_date, shell_word};
use super::programme::ProgrammeView;
use crate::document::{LocalizationEntryDoc, MilestoneDoc, ResultDocument};
use crate::html::Target;
use crate::html::escape::UserText;
use crate::summary;
use crate::why::{MilestoneDocument as WhyMilestoneDocument, QuantileDocument, WhyDocument};

/// Everything the forecast report shows.
#[derive(Debug, Clone)]
pub struct ReportView<'a> {
    /// The document, for the figures that are neither dates nor user strings.
    pub document: &'a ResultDocument,
    pub scenario_name: UserText,
    /// The first day of the horizon (`None` only for a malformed document).
    pub start: Option<Date>,
    /// The last day of the horizon.
    pub end: Option<Date>,
    /// In a forecast from actuals, the day whose end state the runs started from.
    pub as_of: Option<Date>,
    pub summary: UserText,
    pub precision_note: Option<UserText>,
    pub milestones: Vec<MilestoneView<'a>>,
    /// Runs of five or more days off as half-open date ranges.
    pub closed_periods: Vec<(Date, Date)>,
    pub localization: Option<LocalizationView<'a>>,
    /// The programme's tasks and risks, when the scenario has any.
    pub programme: Option<ProgrammeView<'a>>,
    pub why: Option<WhyView<'a>>,
    pub version: UserText,
    /// The command that reproduces the run.
    pub reproduce: UserText,
}

/// One milestone of the report.
#[derive(Debug, Clone)]
pub struct MilestoneView<'a> {
    pub document: &'a MilestoneDoc,
    pub id: UserText,
    pub target: Option<Target>,
    pub due: Option<Date>,
    pub p10: Option<Date>,
    pub p50: Option<Date>,
    pub p90: Option<Date>,
    /// Runs reaching the milestone on each date.
    pub distribution: Vec<(Date, u64)>,
}

/// The localization ledger.
#[derive(Debug, Clone)]
pub struct LocalizationView<'a> {
    pub first_meets: Option<Date>,
    pub timeline: Vec<(Option<Date>, &'a LocalizationEntryDoc)>,
}

/// The "why late" analysis.
#[derive(Debug, Clone)]
pub struct WhyView<'a> {
    pub document: &'a WhyDocument,
    pub milestones: Vec<WhyMilestoneView<'a>>,
}

/// One milestone of the "why late" analysis.
#[derive(Debug, Clone)]
pub struct WhyMilestoneView<'a> {
    pub document: &'a WhyMilestoneDocument,
    pub id: UserText,
    pub due: Option<Date>,
    /// Each quantile with its date.
    pub quantiles: Vec<(Option<Date>, &'a QuantileDocument)>,
    pub verdict: UserText,
}

impl<'a> ReportView<'a> {
    pub fn new(
        document: &'a ResultDocument,
        targets: &[(String, Target)],
        why: Option<&'a WhyDocument>,
        version: &str,
        scenario_file: Option<&str>,
        overrides: &[String],
    ) -> ReportView<'a> {
        let start = read_date(&document.start);
        let end = start.and_then(|s| {
            s.checked_add((document.horizon_days as i64 - 1).days())
                .ok()
        });
        let milestones = document
            .milestones
            .iter()
            .map(|m| MilestoneView {
                document: m,
                id: UserText::new(&m.id),
                target: targets
                    .iter()
                    .find(|(id, _)| *id == m.id)
                    .map(|(_, target)| target.clone()),
                due: m.due.as_deref().and_then(read_date),
                p10: m.p10.as_deref().and_then(read_date),
                p50: m.p50.as_deref().and_then(read_date),
                p90: m.p90.as_deref().and_then(read_date),
                distribution: m
                    .distribution
                    .iter()
                    .filter_map(|c| read_date(&c.date).map(|date| (date, c.count)))
                    .collect(),
            })
            .collect();
        let closed_periods = match start {
            Some(start) => closed_runs(document)
                .into_iter()
                .filter_map(|(from, to)| {
                    Some((
                        start.checked_add((from as i64).days()).ok()?,
                        start.checked_add((to as i64).days()).ok()?,
                    ))
                })
                .collect(),
            None => Vec::new(),
        };
        let localization = document.localization.as_ref().map(|l| LocalizationView {
            first_meets: l.first_meets.as_deref().and_then(read_date),
            timeline: l
                .timeline
                .iter()
                .map(|entry| (read_date(&entry.date), entry))
                .collect(),
        });
        let file = scenario_file.unwrap_or("SCENARIO.toml");
        let sets: String = overrides
            .iter()
            .map(|item| format!(" --set {}", shell_word(item)))
            .collect();
        let reproduce = format!(
            "relaunch simulate {}{sets} --seed {} --replications {}{} --out DIR",
            shell_word(file),
            document.seed,
            document.replications,
            if why.is_some() { " --why" } else { "" }
        );
        ReportView {
            document,
            scenario_name: UserText::new(&document.scenario),
            start,
            end,
            as_of: document.as_of.as_deref().and_then(read_date),
            summary: UserText::new(&summary::paragraph_with_dates(document, &|iso| {
                read_date(iso).map_or_else(|| iso.to_string(), long_date)
            })),
            precision_note: summary::precision_note(document).map(|n| UserText::new(&n)),
            milestones,
            closed_periods,
            localization,
            programme: document
                .programme
                .as_ref()
                .map(|programme| ProgrammeView::new(programme, &document.milestones)),
            why: why.map(WhyView::new),
            version: UserText::new(version),
            reproduce: UserText::new(&reproduce),
        }
    }
}

impl<'a> WhyView<'a> {
    pub fn new(document: &'a WhyDocument) -> WhyView<'a> {
        WhyView {
            document,
            milestones: document
                .milestones
                .iter()
                .map(|m| WhyMilestoneView {
                    document: m,
                    id: UserText::new(&m.id),
                    due: m.due.as_deref().and_then(read_date),
                    quantiles: m
                        .quantiles
                        .iter()
                        .map(|q| (q.date.as_deref().and_then(read_date), q))
                        .collect(),
                    verdict: UserText::new(&m.verdict),
                })
                .collect(),
        }
    }
}

/// Runs of at least five consecutive days off, as half-open day-index ranges.
fn closed_runs(d: &ResultDocument) -> Vec<(usize, usize)> {
    let all_off = d.daily.iter().all(|day| !day.workday);
    if all_off {
        return Vec::new();
    }
    let mut runs = Vec::new();
    let mut i = 0;
    while i < d.daily.len() {
        if d.daily[i].workday {
            i += 1;
            continue;
        }
        let from = i;
        while i < d.daily.len() && !d.daily[i].workday {
            i += 1;
        }
        if i - from >= 5 {
            runs.push((from, i));
        }
    }
    runs
}

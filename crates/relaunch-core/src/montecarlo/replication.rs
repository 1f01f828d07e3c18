//! One replication of a scenario with its programme: the programme drawn first, its dates
//! written into the scenario, then the line run on that.

use crate::milestones::{self, Need, Watch};
use crate::model::{Milestone, MilestoneKind, Scenario, Slot};
use crate::programme::{self, ProgrammeRun};
use crate::schedule::PlantCalendar;
use crate::sim::{self, Prepared, RunOutcome};

/// What one replication produced.
#[derive(Debug, Clone)]
pub struct Replication {
    pub outcome: RunOutcome,
    /// `None` for a scenario without a programme.
    pub programme: Option<ProgrammeRun>,
    /// The replication's own plant calendar, when its programme moved a plan or shift phase;
    /// `None`: the scenario's.
    pub calendar: Option<PlantCalendar>,
}

impl Replication {
    /// The calendar this replication ran on: its own, else `scenario_calendar`.
    pub fn calendar<'a>(&'a self, scenario_calendar: &'a PlantCalendar) -> &'a PlantCalendar {
        self.calendar.as_ref().unwrap_or(scenario_calendar)
    }

    /// The day index on which `milestone` is reached in this replication, or `None` within
    /// the horizon. A task milestone is reached on the task's last day.
    pub fn milestone_day(
        &self,
        milestone: &Milestone,
        scenario_calendar: &PlantCalendar,
    ) -> Option<u32> {
        let calendar = self.calendar(scenario_calendar);
        match milestone.kind {
            MilestoneKind::Task { task } => {
                let day = self.programme.as_ref()?.finish_day(task);
                (day < calendar.n_days as i64).then_some(day as u32)
            }
            _ => milestones::reached_day(milestone, calendar, &self.outcome.good_per_day),
        }
    }
}

/// Runs replication `replication` of `scenario` under `seed`; `prepared` is
/// [`Prepared::new`] of `scenario`.
pub fn run(scenario: &Scenario, prepared: &Prepared, seed: u64, replication: u64) -> Replication {
    run_watching(scenario, prepared, seed, replication, None)
}

/// [`run`] that ends the line's run as soon as the milestones `needs` asks for are known (one
/// [`Need`] a milestone of `scenario`; `None`: to the horizon). The milestone days asked for
/// are [`run`]'s; everything else covers only the days run.
pub fn run_watching(
    scenario: &Scenario,
    prepared: &Prepared,
    seed: u64,
    replication: u64,
    needs: Option<&[Need]>,
) -> Replication {
    let line = |scenario: &Scenario, prepared: &Prepared| match needs {
        Some(needs) => sim::run_watching(
            scenario,
            prepared,
            seed,
            replication,
            Watch::new(&scenario.milestones, needs),
        ),
        None => sim::run(scenario, prepared, seed, replication),
    };
    if scenario.programme.is_empty() {
        return Replication {
            outcome: line(scenario, prepared),
            programme: None,
            calendar: None,
        };
    }
    let run = programme::draw(scenario, seed, replication);
    let resolved = programme::resolve(scenario, &run);
    let moves_calendar = scenario
        .programme
        .anchors
        .iter()
        .any(|a| matches!(a.slot, Slot::PlanPhase(_) | Slot::ShiftPhase(_)));
    if moves_calendar {
        let own = Prepared::new(&resolved);
        let outcome = line(&resolved, &own);
        Replication {
            outcome,
            programme: Some(run),
            calendar: Some(own.calendar),
        }
    } else {
        Replication {
            outcome: line(&resolved, prepared),
            programme: Some(run),
            calendar: None,
        }
    }
}

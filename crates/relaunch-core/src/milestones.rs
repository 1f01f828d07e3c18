//! Milestones of one replication: the day cumulative good output reaches a count, or the day
//! a sustained rate of good units per workday is first reached.
//!
//! A rate is *sustained* on a day when the good units of the last `window` workdays average at
//! least the rate **and**, under a release plan, the plan itself asked for at least that rate
//! over the same workdays. The second condition keeps a catch-up burst from counting: after a
//! kit delay the line may release a backlog at full speed and briefly produce more than the
//! plan asks for, but it has not reached the plan's rate until the plan is at that rate. With
//! arrivals or a saturated source there is no plan, and the rolling mean alone decides.

use crate::model::{Milestone, MilestoneKind};
use crate::schedule::PlantCalendar;

/// The day index on which `milestone` is reached, or `None` within the horizon. A task
/// milestone is reached with its task (see `montecarlo::Replication::milestone_day`), never
/// by output: `None` here.
pub fn reached_day(
    milestone: &Milestone,
    calendar: &PlantCalendar,
    good_per_day: &[u32],
) -> Option<u32> {
    match milestone.kind {
        MilestoneKind::Cumulative { units } => {
            let mut total = 0u64;
            good_per_day.iter().position(|&good| {
                total += u64::from(good);
                total >= units
            })
        }
        MilestoneKind::Rate { per_day, window } => {
            sustained_rate_day(calendar, good_per_day, per_day, window)
        }
        MilestoneKind::Task { .. } => None,
    }
    .map(|day| day as u32)
}

/// The first day on which the rolling mean of good units per workday over `window` workdays
/// reaches `per_day`, with the plan (when there is one) asking for as much over those workdays.
fn sustained_rate_day(
    calendar: &PlantCalendar,
    good_per_day: &[u32],
    per_day: f64,
    window: u32,
) -> Option<usize> {
    if window.max(1) as usize > good_per_day.len() {
        // Fewer days than the window has workdays: never reached (and no ring to allocate).
        return None;
    }
    let mut rate = RateTracker::new(per_day, window);
    good_per_day
        .iter()
        .enumerate()
        .position(|(day, &good)| rate.push(calendar, day, good))
}

/// The sustained rate of one milestone, fed day by day.
#[derive(Debug, Clone)]
struct RateTracker {
    needed: f64,
    /// Good units and planned starts over the last `window` workdays, as rings of workdays.
    good_ring: Vec<u64>,
    plan_ring: Vec<u64>,
    good_sum: u64,
    plan_sum: u64,
    workdays_seen: usize,
    /// Output on days off, counted toward the next workday.
    carried: u64,
}

impl RateTracker {
    fn new(per_day: f64, window: u32) -> RateTracker {
        let window = window.max(1) as usize;
        RateTracker {
            needed: per_day * window as f64,
            good_ring: vec![0; window],
            plan_ring: vec![0; window],
            good_sum: 0,
            plan_sum: 0,
            workdays_seen: 0,
            carried: 0,
        }
    }

    /// Adds day `day`'s good units; whether the rate is sustained on it.
    fn push(&mut self, calendar: &PlantCalendar, day: usize, good: u32) -> bool {
        if !calendar.is_workday(day) {
            // Output on a day off (a 24/7 run never has one) counts toward the next workday.
            self.carried += u64::from(good);
            return false;
        }
        let window = self.good_ring.len();
        let planned = calendar.has_plan.then_some(&calendar.planned_starts);
        let today = u64::from(good) + self.carried;
        self.carried = 0;
        let planned_today = planned.map_or(0, |plan| u64::from(plan[day]));
        let slot = self.workdays_seen % window;
        self.good_sum = self.good_sum - self.good_ring[slot] + today;
        self.plan_sum = self.plan_sum - self.plan_ring[slot] + planned_today;
        self.good_ring[slot] = today;
        self.plan_ring[slot] = planned_today;
        self.workdays_seen += 1;
        let plan_supports = planned.is_none() || self.plan_sum as f64 >= self.needed - 1e-9;
        self.workdays_seen >= window && self.good_sum as f64 >= self.needed - 1e-9 && plan_supports
    }
}

/// What a run must learn of a milestone before it may stop early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Nothing: the caller does not read it.
    Nothing,
    /// Whether it is reached by this day index (its due day): known once reached, or once the
    /// day has passed without it.
    ByDay(usize),
    /// The day it is reached: known once reached.
    Day,
}

/// The milestones a run watches, fed its closed days in order: says when every one of them is
/// known as [`Need`] asks, so the run can stop there and give the same milestone days (and
/// on-time answers) as a run to the horizon. A task's milestone is the programme's, known
/// before the line runs.
#[derive(Debug, Clone)]
pub struct Watch {
    watched: Vec<Watched>,
    pending: usize,
}

#[derive(Debug, Clone)]
struct Watched {
    need: Need,
    tracker: Tracker,
    known: bool,
}

#[derive(Debug, Clone)]
enum Tracker {
    Cumulative { units: u64, total: u64 },
    Rate(RateTracker),
}

impl Watch {
    /// A watch of `milestones` as `needs` asks (one need a milestone).
    pub fn new(milestones: &[Milestone], needs: &[Need]) -> Watch {
        let watched: Vec<Watched> = milestones
            .iter()
            .zip(needs)
            .filter(|(_, need)| **need != Need::Nothing)
            .filter_map(|(milestone, &need)| {
                let tracker = match milestone.kind {
                    MilestoneKind::Cumulative { units } => Tracker::Cumulative { units, total: 0 },
                    MilestoneKind::Rate { per_day, window } => {
                        Tracker::Rate(RateTracker::new(per_day, window))
                    }
                    MilestoneKind::Task { .. } => return None,
                };
                Some(Watched {
                    need,
                    tracker,
                    known: false,
                })
            })
            .collect();
        let pending = watched.len();
        Watch { watched, pending }
    }

    /// Whether every watched milestone is known.
    pub fn done(&self) -> bool {
        self.pending == 0
    }

    /// Adds closed day `day` (each day once, in order) with its good units.
    pub fn close_day(&mut self, calendar: &PlantCalendar, day: usize, good: u32) {
        for watched in self.watched.iter_mut().filter(|w| !w.known) {
            let reached = match &mut watched.tracker {
                Tracker::Cumulative { units, total } => {
                    *total += u64::from(good);
                    *total >= *units
                }
                Tracker::Rate(rate) => rate.push(calendar, day, good),
            };
            let known = reached
                || match watched.need {
                    Need::ByDay(due) => day >= due,
                    _ => false,
                };
            if known {
                watched.known = true;
                self.pending -= 1;
            }
        }
    }
}

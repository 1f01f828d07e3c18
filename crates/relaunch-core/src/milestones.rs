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
    let window = window.max(1) as usize;
    if window > good_per_day.len() {
        // Fewer days than the window has workdays: never reached (and no ring to allocate).
        return None;
    }
    let needed = per_day * window as f64;
    let planned = calendar.has_plan.then_some(&calendar.planned_starts);
    // Good units and planned starts over the last `window` workdays, as rings of workdays.
    let mut good_ring = vec![0u64; window];
    let mut plan_ring = vec![0u64; window];
    let mut good_sum = 0u64;
    let mut plan_sum = 0u64;
    let mut workdays_seen = 0usize;
    let mut carried = 0u64;
    for (day, &good) in good_per_day.iter().enumerate() {
        if !calendar.is_workday(day) {
            // Output on a day off (a 24/7 run never has one) counts toward the next workday.
            carried += u64::from(good);
            continue;
        }
        let today = u64::from(good) + carried;
        carried = 0;
        let planned_today = planned.map_or(0, |plan| u64::from(plan[day]));
        let slot = workdays_seen % window;
        good_sum = good_sum - good_ring[slot] + today;
        plan_sum = plan_sum - plan_ring[slot] + planned_today;
        good_ring[slot] = today;
        plan_ring[slot] = planned_today;
        workdays_seen += 1;
        let plan_supports = planned.is_none() || plan_sum as f64 >= needed - 1e-9;
        if workdays_seen >= window && good_sum as f64 >= needed - 1e-9 && plan_supports {
            return Some(day);
        }
    }
    None
}

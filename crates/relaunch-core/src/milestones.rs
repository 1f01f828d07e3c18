//! Milestones of one replication: the day cumulative good output reaches a count, or the day
//! a rolling mean of good units per workday first reaches a rate.

use crate::model::{Milestone, MilestoneKind};
use crate::schedule::PlantCalendar;

/// The day index on which `milestone` is reached, or `None` within the horizon.
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
            let window = window.max(1) as usize;
            let needed = per_day * window as f64;
            // Good units over the last `window` workdays, as a ring of workday outputs.
            let mut ring = vec![0u64; window];
            let mut sum = 0u64;
            let mut workdays_seen = 0usize;
            let mut carried = 0u64;
            let mut found = None;
            for (day, &good) in good_per_day.iter().enumerate() {
                if !calendar.is_workday(day) {
                    // Output on a day off (a 24/7 run never has one) counts toward the next workday.
                    carried += u64::from(good);
                    continue;
                }
                let today = u64::from(good) + carried;
                carried = 0;
                let slot = workdays_seen % window;
                sum = sum - ring[slot] + today;
                ring[slot] = today;
                workdays_seen += 1;
                if workdays_seen >= window && sum as f64 >= needed - 1e-9 {
                    found = Some(day);
                    break;
                }
            }
            found
        }
    }
    .map(|day| day as u32)
}

//! When the planned hires are trained if nobody leaves: the best case the pre-flight warnings
//! reason about. With training places (`training_capacity`), a hire waits for a place in hiring
//! order, as in the simulation, so a hire may be trained in parts on different days.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::model::Workforce;
use crate::schedule::{DAY_SECS, PlantCalendar};

/// People of one hire trained from one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ready {
    /// The first working day (index into the horizon, at least 0, possibly beyond it).
    pub day: i64,
    /// Index of the hire in `hires`.
    pub hire: usize,
    pub count: u32,
}

/// Whole days of training, as the schedule counts them.
pub fn training_days(workforce: &Workforce) -> i64 {
    (workforce.training_secs / DAY_SECS).ceil() as i64
}

/// When each planned hire (or each part of it) is trained if nobody leaves, earliest first.
pub fn planned_ready(workforce: &Workforce, calendar: &PlantCalendar) -> Vec<Ready> {
    let training = training_days(workforce);
    let mut order: Vec<(i64, usize)> = workforce
        .hires
        .iter()
        .enumerate()
        .map(|(index, hire)| (calendar.day_of(hire.date), index))
        .collect();
    order.sort();
    let mut ready = Vec::new();
    let mut push = |start: i64, hire: usize, count: u32| {
        ready.push(Ready {
            day: start.saturating_add(training).max(0),
            hire,
            count,
        });
    };
    match workforce.training_capacity {
        None => {
            for (day, index) in order {
                push(day, index, workforce.hires[index].count);
            }
        }
        Some(capacity) => {
            // Places free now, and the places taken with the day they free again.
            let mut free = u64::from(capacity.max(1));
            let mut taken: BinaryHeap<Reverse<(i64, u64)>> = BinaryHeap::new();
            let mut last_start = i64::MIN;
            for (day, index) in order {
                let mut waiting = u64::from(workforce.hires[index].count);
                let mut at = day.max(last_start);
                while waiting > 0 {
                    while let Some(&Reverse((until, places))) = taken.peek()
                        && until <= at
                    {
                        taken.pop();
                        free += places;
                    }
                    if free == 0 {
                        // Some place is taken, so the heap is not empty.
                        at = taken.peek().map_or(at, |&Reverse((until, _))| until);
                        continue;
                    }
                    let starting = free.min(waiting);
                    free -= starting;
                    waiting -= starting;
                    taken.push(Reverse((at.saturating_add(training), starting)));
                    push(at, index, starting as u32);
                    last_start = at;
                }
            }
        }
    }
    ready.sort();
    ready
}

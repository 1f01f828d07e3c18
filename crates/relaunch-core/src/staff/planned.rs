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

/// How many of the planned hires are trained by day `day` if nobody leaves.
pub fn trained_by(workforce: &Workforce, calendar: &PlantCalendar, day: i64) -> u64 {
    planned_ready(workforce, calendar)
        .iter()
        .filter(|ready| ready.day <= day)
        .map(|ready| u64::from(ready.count))
        .sum()
}

/// The fewest training places (more than `workforce`'s) with which `needed` people are
/// trained by day `day`, if some number up to everybody hired does it.
pub fn places_needed(
    workforce: &Workforce,
    calendar: &PlantCalendar,
    needed: u64,
    day: i64,
) -> Option<u32> {
    let current = workforce.training_capacity?;
    let hired: u64 = workforce.hires.iter().map(|h| u64::from(h.count)).sum();
    let most = u32::try_from(hired).unwrap_or(u32::MAX);
    let enough = |places: u32| {
        let with = Workforce {
            training_capacity: Some(places),
            ..workforce.clone()
        };
        trained_by(&with, calendar, day) >= needed
    };
    // More places never train anybody later (first hired, first trained): search the fewest.
    least(i64::from(current) + 1, i64::from(most), |places| {
        enough(places as u32)
    })
    .map(|places| places as u32)
}

/// The least value in `low..=high` for which `ok` holds, where `ok` holds from some value on
/// (a binary search); `None` when it does not hold at `high` (or the range is empty).
fn least(mut low: i64, mut high: i64, ok: impl Fn(i64) -> bool) -> Option<i64> {
    if low > high || !ok(high) {
        return None;
    }
    while low < high {
        let middle = low + (high - low) / 2;
        if ok(middle) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    Some(high)
}

/// The hires ahead of hire `hire` in the queue for training places (hired before it, or on the
/// same day and listed before it), and the fewest days all of them would have to be hired
/// sooner for `needed` people to be trained by day `day`; `None` when no such move does it.
pub fn earlier_classes_sooner(
    workforce: &Workforce,
    calendar: &PlantCalendar,
    hire: usize,
    needed: u64,
    day: i64,
) -> Option<(Vec<usize>, i64)> {
    let key = |index: usize| (workforce.hires[index].date, index);
    let ahead: Vec<usize> = (0..workforce.hires.len())
        .filter(|&index| key(index) < key(hire))
        .collect();
    if ahead.is_empty() {
        return None;
    }
    let enough = |days: i64| {
        let mut with = workforce.clone();
        for &index in &ahead {
            with.hires[index].date = crate::schedule::add_days(with.hires[index].date, -days);
        }
        trained_by(&with, calendar, day) >= needed
    };
    // Once the classes ahead finish training before the hire's own date, sooner does not help.
    let own = calendar.day_of(workforce.hires[hire].date);
    let last_ahead = planned_ready(workforce, calendar)
        .iter()
        .filter(|ready| ahead.contains(&ready.hire))
        .map(|ready| ready.day)
        .max()?;
    let days = least(1, (last_ahead - own).max(1), enough)?;
    Some((ahead, days))
}

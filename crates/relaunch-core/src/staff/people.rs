//! Each person of one replication: the day they are hired, the day their training ends (if it
//! does before they leave) and the day they leave. Days are indices into the horizon (negative
//! before the start; `i64::MAX` for never).
//!
//! - **Planned hires** leave after an exponential time with the attrition hazard, drawn from the
//!   leavers' stream in the order of `hires` (the draws are the same whatever else is set).
//! - **Replacements** (`replace_leavers`): a person leaving on day `d` is replaced by a hire on
//!   day `d + ⌈lead time⌉`, who trains and may leave in turn (and is replaced again). Leavers
//!   are taken in the order of their leaving day (ties: in the order people were hired); each
//!   draws the lead time of its replacement, then the replacement's own time to leave, from the
//!   replacements' stream. Only hires within the horizon are made.
//! - **Training places** (`training_capacity`): at most that many people train at once; the
//!   rest wait on the payroll, first hired first trained, and a place frees when its trainee
//!   finishes or leaves. Someone who leaves while waiting never trains.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rand::Rng;
use rand_distr::{Distribution, Exp};

use super::Streams;
use crate::model::Workforce;
use crate::schedule::{DAY_SECS, PlantCalendar};

/// One person's days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person {
    pub hired: i64,
    /// The first day at work after training; `None` when the person leaves before.
    pub trained: Option<i64>,
    /// The day the person is no longer on the payroll.
    pub leaves: i64,
}

/// People on the payroll at day 0 of a restarted run: `count` of them work from day
/// `trained` on (0 or before: trained already), whatever the training places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Carried {
    pub trained: i64,
    pub count: u32,
}

/// Everybody hired in one replication, planned hires first (in the order of `hires`), then
/// replacements in the order they were hired.
pub fn people<R: Rng>(
    calendar: &PlantCalendar,
    workforce: &Workforce,
    streams: &mut Streams<R>,
) -> Vec<Person> {
    people_carried(calendar, workforce, streams, &[])
}

/// Like [`people`], with `carried` people on the payroll at day 0, listed first: each leaves
/// after an exponential time from day 0 (attrition is memoryless), drawn from the leavers'
/// stream before the planned hires', and is replaced like anybody else; their training days
/// are given, and they take no training place (only the planned hires queue for places).
pub fn people_carried<R: Rng>(
    calendar: &PlantCalendar,
    workforce: &Workforce,
    streams: &mut Streams<R>,
    carried: &[Carried],
) -> Vec<Person> {
    let hazard_per_day = if workforce.attrition_per_year > 0.0 {
        -(1.0 - workforce.attrition_per_year).ln() / 365.25
    } else {
        0.0
    };
    let leave = Exp::new(hazard_per_day)
        .ok()
        .filter(|_| hazard_per_day > 0.0);
    // Leaves at the start of day `hired + ceil(time to leave)`.
    let leave_day = |hired: i64, rng: &mut R| match &leave {
        Some(exp) => hired.saturating_add(exp.sample(rng).ceil().min(1e12) as i64),
        None => i64::MAX,
    };
    let mut hired = Vec::new();
    let mut carried_people = Vec::new();
    for group in carried {
        for _ in 0..group.count {
            let leaves = leave_day(0, &mut streams.leavers);
            hired.push((0, leaves));
            carried_people.push(Person {
                hired: 0,
                trained: (group.trained < leaves).then_some(group.trained),
                leaves,
            });
        }
    }
    let n_carried = hired.len();
    for hire in &workforce.hires {
        let day = calendar.day_of(hire.date);
        for _ in 0..hire.count {
            hired.push((day, leave_day(day, &mut streams.leavers)));
        }
    }
    if let Some(lead_time) = &workforce.replace_leavers {
        let n_days = calendar.n_days as i64;
        let rng = &mut streams.replacements;
        // Leavers within the horizon, earliest first (ties in hiring order).
        let mut leavers: BinaryHeap<Reverse<(i64, usize)>> = hired
            .iter()
            .enumerate()
            .filter(|(_, (_, leaves))| *leaves < n_days)
            .map(|(index, &(_, leaves))| Reverse((leaves, index)))
            .collect();
        while let Some(Reverse((left, _))) = leavers.pop() {
            let lead_days = (lead_time.sample(rng) / DAY_SECS).ceil().min(1e12) as i64;
            let day = left.saturating_add(lead_days);
            if day >= n_days {
                continue;
            }
            // A replacement stays at least a day, so a chain of replacements always ends.
            let leaves = leave_day(day, rng).max(day + 1);
            if leaves < n_days {
                leavers.push(Reverse((leaves, hired.len())));
            }
            hired.push((day, leaves));
        }
    }
    let training_days = (workforce.training_secs / DAY_SECS).ceil() as i64;
    if n_carried == 0 {
        return train(&hired, training_days, workforce.training_capacity);
    }
    carried_people.extend(train(
        &hired[n_carried..],
        training_days,
        workforce.training_capacity,
    ));
    carried_people
}

/// Each person's days from `(hiring day, leaving day)`: training starts on the hiring day, or,
/// with a `capacity`, when a place is free and everybody hired before has started (or left).
fn train(hired: &[(i64, i64)], training_days: i64, capacity: Option<u32>) -> Vec<Person> {
    let person = |(hired, leaves): (i64, i64), start: i64| {
        let ready = start.saturating_add(training_days);
        Person {
            hired,
            trained: (ready < leaves).then_some(ready),
            leaves,
        }
    };
    let Some(capacity) = capacity else {
        return hired.iter().map(|&h| person(h, h.0)).collect();
    };
    let capacity = capacity.max(1) as usize;
    let mut order: Vec<usize> = (0..hired.len()).collect();
    order.sort_by_key(|&index| (hired[index].0, index));
    let mut starts = vec![i64::MAX; hired.len()];
    // The days the places taken free again.
    let mut taken: BinaryHeap<Reverse<i64>> = BinaryHeap::new();
    let mut last_start = i64::MIN;
    for index in order {
        let (day, leaves) = hired[index];
        let earliest = day.max(last_start);
        while taken.peek().is_some_and(|&Reverse(free)| free <= earliest) {
            taken.pop();
        }
        let start = if taken.len() < capacity {
            earliest
        } else {
            taken.peek().map_or(earliest, |&Reverse(free)| free)
        };
        if start >= leaves {
            // Left while waiting: takes no place, and whoever is next may start as early.
            continue;
        }
        if taken.len() >= capacity {
            taken.pop();
        }
        taken.push(Reverse(start.saturating_add(training_days).min(leaves)));
        starts[index] = start;
        last_start = start;
    }
    hired
        .iter()
        .zip(starts)
        .map(|(&h, start)| person(h, start))
        .collect()
}

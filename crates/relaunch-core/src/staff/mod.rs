//! The workforce of one replication, day by day: who is on the payroll, who is trained, who
//! is present. Drawn before the run from the workforce's own random streams, so the line's
//! other streams never see it:
//!
//! - `people.rs`: each person's hiring, training and leaving days — the planned hires, the
//!   replacements of leavers (`replace_leavers`) and the queue for training places
//!   (`training_capacity`);
//! - `absence.rs`: who of the trained staff is at work on a workday (`absenteeism`);
//! - `planned.rs`: when the planned hires are trained if nobody leaves (for pre-flight).
//!
//! Each random part has its own stream ([`Streams`]): leavers among the planned hires, the
//! replacements (their recruiting lead times and their own leaving), absences. A scenario
//! without replacement or absenteeism draws exactly what it drew before they existed, and
//! turning replacement on leaves the planned hires' leaving days as they were.
//!
//! The [`Staffing`] feeds the [`crate::schedule::Schedule`] (the shifts that present staff can
//! run) and the outputs (headcount fans, labour cost).

mod absence;
mod people;
mod planned;

use rand::Rng;

use crate::model::Workforce;
use crate::schedule::PlantCalendar;

pub use people::{Carried, Person, people, people_carried};
pub use planned::{
    Ready, earlier_classes_sooner, places_needed, planned_ready, trained_by, training_days,
};

/// Headcount of one replication at the start of each day of the horizon.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Staffing {
    /// People on the payroll (hired and not yet left), in training, waiting for it or trained.
    pub payroll: Vec<u32>,
    /// People whose training has ended and who have not left.
    pub trained: Vec<u32>,
    /// Trained people at work that day (all of them on days the calendar plans no shift).
    pub present: Vec<u32>,
}

/// The random streams of the workforce, one per part.
#[derive(Debug, Clone)]
pub struct Streams<R> {
    /// When each planned hire leaves.
    pub leavers: R,
    /// Recruiting lead times of replacements, and when each replacement leaves.
    pub replacements: R,
    /// Absences on workdays.
    pub absence: R,
}

/// The staffing of one replication: hires count on the payroll from their hiring day and as
/// trained from the day their training ends; each person leaves after an exponential time
/// with the yearly attrition rate (and is replaced when `replace_leavers` says so); trained
/// people are present on a workday with probability `1 − absenteeism` each.
pub fn draw<R: Rng>(
    calendar: &PlantCalendar,
    workforce: &Workforce,
    streams: &mut Streams<R>,
) -> Staffing {
    draw_carried(calendar, workforce, streams, &[])
}

/// Like [`draw`], with people already on the payroll at day 0 (a restart, see
/// [`crate::tracking`]); with none carried it is [`draw`].
pub fn draw_carried<R: Rng>(
    calendar: &PlantCalendar,
    workforce: &Workforce,
    streams: &mut Streams<R>,
    carried: &[Carried],
) -> Staffing {
    let n_days = calendar.n_days;
    let everyone = people_carried(calendar, workforce, streams, carried);
    let mut payroll_change = vec![0i64; n_days + 1];
    let mut trained_change = vec![0i64; n_days + 1];
    let span = |change: &mut [i64], from: i64, until: i64| {
        let (from, until) = (from.clamp(0, n_days as i64), until.clamp(0, n_days as i64));
        if from < until {
            change[from as usize] += 1;
            change[until as usize] -= 1;
        }
    };
    for person in &everyone {
        span(&mut payroll_change, person.hired, person.leaves);
        if let Some(trained) = person.trained {
            span(&mut trained_change, trained, person.leaves);
        }
    }
    let trained = running_sum(&trained_change[..n_days]);
    let present = absence::present(
        calendar,
        &trained,
        workforce.absenteeism,
        &mut streams.absence,
    );
    Staffing {
        payroll: running_sum(&payroll_change[..n_days]),
        present,
        trained,
    }
}

fn running_sum(changes: &[i64]) -> Vec<u32> {
    let mut people = 0i64;
    changes
        .iter()
        .map(|delta| {
            people += delta;
            people.max(0) as u32
        })
        .collect()
}

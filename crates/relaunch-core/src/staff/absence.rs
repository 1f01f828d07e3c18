//! Absences: on each workday, each trained person is at work with probability
//! `1 − absenteeism`, independently of the others and of other days, so the people present
//! are Binomial(trained, 1 − absenteeism). Drawn in day order, on workdays with someone
//! trained only; with `absenteeism = 0` nothing is drawn and everybody trained is present.

use rand::Rng;
use rand_distr::{Binomial, Distribution};

use crate::schedule::PlantCalendar;

/// Trained people present on each day.
pub(super) fn present<R: Rng>(
    calendar: &PlantCalendar,
    trained: &[u32],
    absenteeism: f64,
    rng: &mut R,
) -> Vec<u32> {
    if absenteeism <= 0.0 {
        return trained.to_vec();
    }
    trained
        .iter()
        .enumerate()
        .map(|(day, &people)| {
            if people == 0 || !calendar.is_workday(day) {
                return people;
            }
            match Binomial::new(u64::from(people), 1.0 - absenteeism) {
                Ok(binomial) => binomial.sample(rng) as u32,
                // Only an absenteeism outside [0, 1), which the checks refuse.
                Err(_) => people,
            }
        })
        .collect()
}

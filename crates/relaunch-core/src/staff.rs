//! The workforce of one replication, day by day: who is on the payroll, who is trained, who
//! is present. Drawn before the run from the workforce's own random stream (hires, training,
//! leavers), so the line's other streams never see it.
//!
//! The [`Staffing`] feeds the [`crate::schedule::Schedule`] (the shifts that present staff can
//! run) and the outputs (headcount fans, labour cost).

use rand::Rng;
use rand_distr::{Distribution, Exp};

use crate::model::Workforce;
use crate::schedule::{DAY_SECS, PlantCalendar};

/// Headcount of one replication at the start of each day of the horizon.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Staffing {
    /// People on the payroll (hired and not yet left), in training or not.
    pub payroll: Vec<u32>,
    /// People whose training has ended and who have not left.
    pub trained: Vec<u32>,
    /// Trained people at work that day.
    pub present: Vec<u32>,
}

/// The staffing of one replication: hires count on the payroll from their hiring day and as
/// trained from the day their training ends; each person leaves after an exponential time
/// with the yearly attrition rate.
pub fn draw<R: Rng + ?Sized>(
    calendar: &PlantCalendar,
    workforce: &Workforce,
    rng: &mut R,
) -> Staffing {
    let n_days = calendar.n_days as i64;
    let mut payroll_change = vec![0i64; calendar.n_days + 1];
    let mut trained_change = vec![0i64; calendar.n_days + 1];
    let training_days = (workforce.training_secs / DAY_SECS).ceil() as i64;
    let hazard_per_day = if workforce.attrition_per_year > 0.0 {
        -(1.0 - workforce.attrition_per_year).ln() / 365.25
    } else {
        0.0
    };
    let leave = Exp::new(hazard_per_day)
        .ok()
        .filter(|_| hazard_per_day > 0.0);
    let span = |change: &mut [i64], from: i64, until: i64| {
        let (from, until) = (from.clamp(0, n_days), until.clamp(0, n_days));
        if from < until {
            change[from as usize] += 1;
            change[until as usize] -= 1;
        }
    };
    for hire in &workforce.hires {
        let hire_day = calendar.day_of(hire.date);
        // Training is bounded by the scenario checker (the end of it is a supported date);
        // the saturation only keeps an unchecked scenario from overflowing.
        let first_day = hire_day.saturating_add(training_days);
        for _ in 0..hire.count {
            // Leaves at the start of day `hire_day + ceil(time to leave)`.
            let leave_day = match &leave {
                Some(exp) => hire_day.saturating_add(exp.sample(rng).ceil().min(1e12) as i64),
                None => i64::MAX,
            };
            span(&mut payroll_change, hire_day, leave_day);
            span(&mut trained_change, first_day, leave_day);
        }
    }
    let trained = running_sum(&trained_change[..calendar.n_days]);
    Staffing {
        payroll: running_sum(&payroll_change[..calendar.n_days]),
        present: trained.clone(),
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

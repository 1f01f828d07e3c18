//! `hires-too-late`: a plan phase whose workdays need more trained staff than the hires (and
//! the training places) have ready by then, with help that names what would work.

use super::{LineCapacity, Warning, WarningKind, active_phases, people};
use crate::model::Scenario;
use crate::schedule::{PlantCalendar, add_days};
use crate::staff::{Ready, earlier_classes_sooner, places_needed, planned_ready, training_days};

pub(super) fn check_hires_too_late(
    scenario: &Scenario,
    calendar: &PlantCalendar,
    capacity: &LineCapacity,
    warnings: &mut Vec<Warning>,
) {
    let Some(workforce) = &scenario.workforce else {
        return;
    };
    let per_shift = u64::from(calendar.operators_per_shift);
    if per_shift == 0 {
        return;
    }
    let ready = planned_ready(workforce, calendar);
    let training = training_days(workforce);
    let hired: u64 = workforce
        .hires
        .iter()
        .map(|hire| u64::from(hire.count))
        .sum();
    // Each staff level is reported once, at the first phase that lacks it.
    let mut reported_levels: Vec<u64> = Vec::new();
    for phase in active_phases(scenario, calendar) {
        // More shifts than the calendar plans are the plan-above-capacity warning's concern.
        let shifts = capacity.shifts_needed(phase.per_day).min(phase.shifts);
        let needed = u64::from(shifts) * per_shift;
        let trained_then: u64 = ready
            .iter()
            .filter(|ready| ready.day <= phase.first_day as i64)
            .map(|ready| u64::from(ready.count))
            .sum();
        if trained_then >= needed || reported_levels.contains(&needed) {
            continue;
        }
        reported_levels.push(needed);
        let phase_date = calendar.date(phase.first_day);
        let shift_words = format!(
            "{shifts} shift{} ({needed} trained operators)",
            if shifts == 1 { "" } else { "s" }
        );
        let hire_by = add_days(phase_date, -training);
        let mut cumulative = 0u64;
        let enough = ready.iter().find(|ready| {
            cumulative += u64::from(ready.count);
            cumulative >= needed
        });
        match enough {
            Some(&Ready {
                day: ready_day,
                hire: index,
                ..
            }) => {
                let hire = &workforce.hires[index];
                let ready_date = calendar.date(ready_day.max(0) as usize);
                // With training places, part of a hire may wait for one.
                let waited = workforce.training_capacity.is_some()
                    && ready_day > calendar.day_of(hire.date) + training;
                let waits = match workforce.training_capacity {
                    Some(places) if waited => format!(
                        " after waiting for one of the {places} training places \
                         (`training_capacity`)"
                    ),
                    _ => String::new(),
                };
                let first_day = phase.first_day as i64;
                let mut remedies = Vec::new();
                if waited {
                    // Hiring it sooner cannot help: more places, or the classes ahead of it
                    // hired sooner so that their places free in time.
                    if let Some(places) = places_needed(workforce, calendar, needed, first_day) {
                        remedies.push(format!(
                            "raise `training_capacity` to {places} (then {needed} are trained \
                             by {phase_date})"
                        ));
                    }
                    if let Some((ahead, days)) =
                        earlier_classes_sooner(workforce, calendar, index, needed, first_day)
                    {
                        remedies.push(match ahead.as_slice() {
                            [one] => format!(
                                "hire `hires[{one}]` by {} so that its training places free in \
                                 time",
                                add_days(workforce.hires[*one].date, -days)
                            ),
                            _ => format!(
                                "hire the {} hires ahead of it {days} days sooner so that their \
                                 training places free in time",
                                ahead.len()
                            ),
                        });
                    }
                }
                if remedies.is_empty() {
                    let place_free = if workforce.training_capacity.is_some() {
                        " with a training place free"
                    } else {
                        ""
                    };
                    remedies.push(format!(
                        "hire by {hire_by}{place_free} ({training} days' training before \
                         {phase_date})"
                    ));
                }
                remedies.push(format!(
                    "move plan phase `release.plan[{}]` to {ready_date} or later",
                    phase.index
                ));
                warnings.push(Warning::new(
                    WarningKind::HiresTooLate,
                    format!("workforce.hires[{index}].date"),
                    format!(
                        "from {phase_date} the plan asks for {} starts a workday, which needs \
                         {shift_words}, but only {trained_then} are trained by then; this hire \
                         of {} on {} finishes its training{waits} on {ready_date}, {} day{} \
                         late",
                        phase.per_day,
                        hire.count,
                        hire.date,
                        ready_day - phase.first_day as i64,
                        if ready_day - phase.first_day as i64 == 1 {
                            ""
                        } else {
                            "s"
                        },
                    ),
                    format!("trained only from {ready_date}"),
                    remedies.join(", or "),
                ));
            }
            None => {
                let one_shift_most = capacity
                    .bottleneck(shifts.saturating_sub(1).max(1))
                    .map_or(0, |(_, most)| most.floor() as u64);
                warnings.push(Warning::new(
                    WarningKind::HiresTooLate,
                    format!("release.plan[{}].per_day", phase.index),
                    format!(
                        "from {phase_date} the plan asks for {} starts a workday, which needs \
                         {shift_words}, but all the hires together are {hired} people",
                        phase.per_day
                    ),
                    format!("needs {needed} trained operators"),
                    format!(
                        "hire {} by {hire_by}, or lower `per_day` to what fewer \
                         shifts can do ({one_shift_most} a workday)",
                        people(needed - hired)
                    ),
                ));
            }
        }
    }
}

//! `no-shift-planned`: a calendar that plans no shift within the horizon, or a release plan
//! phase whose days all lack one, so that its starts are dropped.

use super::{Warning, WarningKind};
use crate::model::{Calendar, Release, Scenario};
use crate::schedule::PlantCalendar;

/// Warns when the calendar plans no shift on any day of the horizon; returns whether it did
/// (then nothing runs, and the plan's own checks would only repeat it).
pub(super) fn check_no_shift_in_horizon(
    scenario: &Scenario,
    calendar: &PlantCalendar,
    warnings: &mut Vec<Warning>,
) -> bool {
    let Calendar::Shifts(shifts) = &scenario.calendar else {
        return false;
    };
    if calendar.scheduled_shifts.iter().any(|&count| count > 0) {
        return false;
    }
    let first = calendar.start;
    let last = calendar.date(calendar.n_days.saturating_sub(1));
    let later_phase = shifts
        .shifts
        .iter()
        .enumerate()
        .find(|(_, phase)| phase.count > 0)
        .and_then(|(index, phase)| Some((index, phase.from?)))
        .filter(|&(_, from)| from > last);
    let warning = match later_phase {
        Some((index, from)) => Warning::new(
            WarningKind::NoShiftPlanned,
            format!("calendar.shifts[{index}].from"),
            format!(
                "the calendar plans no shift within the horizon: the first shift phase starts \
                 {from}, after the horizon ends {last}, so nothing is built"
            ),
            "after the horizon",
            format!(
                "start the shift phase by {last}, or lengthen the horizon (`scenario.horizon`) \
                 past {from}"
            ),
        ),
        None => Warning::new(
            WarningKind::NoShiftPlanned,
            "calendar.shifts".to_string(),
            format!(
                "the calendar plans no shift within the horizon ({first} to {last}): every day \
                 is off (not in `workdays`, a holiday or a shutdown) or its shift phase plans 0 \
                 shifts, so nothing is built"
            ),
            "no shift in the horizon",
            "plan shifts on some day of the horizon: check `workdays`, `holidays`, `shutdowns` \
             and `shifts`"
                .to_string(),
        ),
    };
    warnings.push(warning);
    true
}

/// Warns for each release plan phase that plans starts on days of the horizon, none of which
/// has a planned shift: the phase's starts are dropped.
pub(super) fn check_plan_phases_without_shifts(
    scenario: &Scenario,
    calendar: &PlantCalendar,
    warnings: &mut Vec<Warning>,
) {
    let Release::Plan { phases, .. } = &scenario.release else {
        return;
    };
    let days = |from: i64, until: i64| from.max(0)..until.min(calendar.n_days as i64);
    for (index, phase) in phases.iter().enumerate() {
        let next = phases.get(index + 1).map(|next| next.from);
        let until = next.map_or(calendar.n_days as i64, |next| calendar.day_of(next));
        let span = days(calendar.day_of(phase.from), until);
        if phase.per_day == 0
            || span.is_empty()
            || span.clone().any(|day| calendar.is_workday(day as usize))
        {
            continue;
        }
        let (first, last) = (
            calendar.date(span.start as usize),
            calendar.date(span.end as usize - 1),
        );
        let period = if first == last {
            format!("its one day in the horizon, {first}, has no")
        } else {
            format!("none of its days in the horizon, {first} to {last}, has")
        };
        let help = "plan shifts on some of those days (`workdays`, `holidays`, `shutdowns`, \
                    `shifts`), or move the phase to when the line works"
            .to_string();
        warnings.push(Warning::new(
            WarningKind::NoShiftPlanned,
            format!("release.plan[{index}].from"),
            format!(
                "plan phase {index} asks for {} starts a workday, but {period} a planned shift, \
                 so its starts are dropped",
                phase.per_day
            ),
            "no shift during this phase",
            help,
        ));
    }
}

//! Calendars in operating time.
//!
//! The whole plant works or freezes together, so the line is simulated on an *operating-time*
//! axis that only runs while a shift is on: a cycle in progress at the end of a shift simply
//! resumes at the next one, and a failure clock counts operating time only. A [`Schedule`]
//! maps between calendar time (ticks since day 0, 00:00) and operating time, day by day, from
//! the calendar and from the shifts that trained staff can run on each day.

use crate::kernel::{Tick, ticks};
use crate::model::{Calendar, Scenario};
use jiff::civil::Date;

/// Seconds in a day.
pub const DAY_SECS: f64 = 86_400.0;
/// Ticks in a day.
pub const DAY_TICKS: Tick = 86_400_000;

/// The calendar of a scenario, the same in every replication.
#[derive(Debug, Clone, PartialEq)]
pub struct PlantCalendar {
    pub start: Date,
    /// Days in the horizon (the last one possibly partial).
    pub n_days: usize,
    /// Calendar time at which the run ends.
    pub horizon_ticks: Tick,
    /// Shifts the calendar plans on each day: its shift phase's count on workdays, 0 on
    /// weekends, holidays, shutdowns and before the first shift phase.
    pub scheduled_shifts: Vec<u32>,
    /// Planned starts on each day (0 outside workdays and before the first plan phase).
    pub planned_starts: Vec<u32>,
    /// Whether the release is a plan (then `planned_starts` is what it asks for).
    pub has_plan: bool,
    pub shift_ticks: Tick,
    pub first_shift_offset: Tick,
    pub always_on: bool,
    /// Operators one shift needs (the sum of the stations' operators); 0 means no limit.
    pub operators_per_shift: u32,
}

impl PlantCalendar {
    pub fn new(scenario: &Scenario) -> PlantCalendar {
        let n_days = ((scenario.horizon_secs / DAY_SECS).ceil() as usize).max(1);
        let horizon_ticks = ticks(scenario.horizon_secs);
        let (scheduled_shifts, shift_ticks, first_shift_offset, always_on) =
            match &scenario.calendar {
                Calendar::AlwaysOn => (vec![1; n_days], DAY_TICKS, 0, true),
                Calendar::Shifts(calendar) => {
                    let shifts = (0..n_days)
                        .map(|day| {
                            let date = add_days(scenario.start, day as i64);
                            let weekday = date.weekday().to_monday_zero_offset() as usize;
                            let open = calendar.workdays[weekday]
                                && calendar.holidays.binary_search(&date).is_err()
                                && !calendar
                                    .shutdowns
                                    .iter()
                                    .any(|s| s.from <= date && date <= s.to);
                            if open { calendar.shifts_on(date) } else { 0 }
                        })
                        .collect();
                    (
                        shifts,
                        ticks(calendar.shift_length_secs),
                        ticks(calendar.first_shift_start_secs),
                        false,
                    )
                }
            };
        let planned_starts = match &scenario.release {
            crate::model::Release::Plan { phases, .. } => (0..n_days)
                .map(|day| {
                    if scheduled_shifts[day] == 0 {
                        return 0;
                    }
                    let date = add_days(scenario.start, day as i64);
                    phases
                        .iter()
                        .rev()
                        .find(|phase| phase.from <= date)
                        .map_or(0, |phase| phase.per_day)
                })
                .collect(),
            _ => vec![0; n_days],
        };
        let operators_per_shift = scenario
            .stations
            .iter()
            .map(|s| s.operators)
            .fold(0u32, u32::saturating_add);
        PlantCalendar {
            start: scenario.start,
            n_days,
            horizon_ticks,
            scheduled_shifts,
            planned_starts,
            has_plan: matches!(scenario.release, crate::model::Release::Plan { .. }),
            shift_ticks,
            first_shift_offset,
            always_on,
            operators_per_shift,
        }
    }

    /// The date of day `day`.
    pub fn date(&self, day: usize) -> Date {
        add_days(self.start, day as i64)
    }

    /// Whether the calendar plans work on `day` (staffed or not).
    pub fn is_workday(&self, day: usize) -> bool {
        self.scheduled_shifts[day] > 0
    }

    /// Day index of `date` (negative before the start).
    pub fn day_of(&self, date: Date) -> i64 {
        days_between(self.start, date)
    }

    /// The schedule when every planned shift is staffed.
    pub fn fully_staffed(&self) -> Schedule {
        Schedule::new(self, self.scheduled_shifts.clone())
    }

    /// Shifts that run each day when `present[day]` trained people are at work: as many of
    /// the planned shifts as they can staff.
    pub fn staffed(&self, present: &[u32]) -> Schedule {
        let shifts = self
            .scheduled_shifts
            .iter()
            .zip(present)
            .map(|(&planned, &people)| {
                people
                    .checked_div(self.operators_per_shift)
                    .map_or(planned, |runnable| planned.min(runnable))
            })
            .collect();
        Schedule::new(self, shifts)
    }
}

/// One replication's mapping between calendar time and operating time.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Shifts that run on each day.
    pub staffed_shifts: Vec<u32>,
    /// Operating time at the start of each day; one more entry for the end of the horizon.
    pub op_start: Vec<Tick>,
    shift_ticks: Tick,
    first_shift_offset: Tick,
    /// Operating time at the calendar horizon.
    pub op_end: Tick,
}

impl Schedule {
    fn new(calendar: &PlantCalendar, staffed_shifts: Vec<u32>) -> Schedule {
        let mut op_start = Vec::with_capacity(calendar.n_days + 1);
        let mut at = 0;
        for &shifts in &staffed_shifts {
            op_start.push(at);
            at += Tick::from(shifts) * calendar.shift_ticks;
        }
        op_start.push(at);
        let mut schedule = Schedule {
            staffed_shifts,
            op_start,
            shift_ticks: calendar.shift_ticks,
            first_shift_offset: calendar.first_shift_offset,
            op_end: 0,
        };
        schedule.op_end = schedule.calendar_to_op(calendar.horizon_ticks);
        schedule
    }

    pub fn n_days(&self) -> usize {
        self.staffed_shifts.len()
    }

    /// Operating time on day `day`.
    #[inline]
    pub fn op_len(&self, day: usize) -> Tick {
        self.op_start[day + 1] - self.op_start[day]
    }

    /// The operating time of calendar instant `at`: the instant itself if a shift is on, else
    /// the start of the next shift that runs.
    pub fn calendar_to_op(&self, at: Tick) -> Tick {
        let day = ((at / DAY_TICKS) as usize).min(self.n_days());
        // A shift of the previous day may run past midnight (also past the last midnight).
        if day > 0 {
            let previous_begin = (day as Tick - 1) * DAY_TICKS + self.first_shift_offset;
            let offset = at - previous_begin;
            if offset < self.op_len(day - 1) {
                return self.op_start[day - 1] + offset;
            }
        }
        if day == self.n_days() {
            return self.op_start[day];
        }
        let begin = day as Tick * DAY_TICKS + self.first_shift_offset;
        if at <= begin {
            self.op_start[day]
        } else {
            self.op_start[day] + (at - begin).min(self.op_len(day))
        }
    }

    /// Calendar ticks planned but not run for lack of staff on `day`.
    pub fn unstaffed_ticks(&self, calendar: &PlantCalendar, day: usize) -> Tick {
        Tick::from(calendar.scheduled_shifts[day].saturating_sub(self.staffed_shifts[day]))
            * self.shift_ticks
    }
}

/// Follows operating time forward and tells which day it falls on: the last day whose
/// operating period starts at or before it (days without operating time are skipped).
#[derive(Debug, Clone, Default)]
pub struct DayCursor {
    pub day: usize,
}

impl DayCursor {
    /// Advances to the day of `op` (which must not be earlier than the last call's) and returns
    /// the days passed over, so the caller can close them.
    #[inline]
    pub fn advance(&mut self, schedule: &Schedule, op: Tick) -> std::ops::Range<usize> {
        let from = self.day;
        let last = schedule.n_days() - 1;
        while self.day < last && op >= schedule.op_start[self.day + 1] {
            self.day += 1;
        }
        from..self.day
    }
}

/// `date` plus `days` days, clamped to jiff's range (`Date::MIN` to `Date::MAX`).
///
/// The scenario checker keeps every date a run computes at least a year inside that range,
/// so the clamp is never reached from a checked scenario. It is there so that a loop that
/// steps a date forward towards an end date always ends: a clamped date does not go back,
/// and no end date lies beyond `Date::MAX`. (It used to return `date` unchanged, which could
/// stall such a loop.)
pub fn add_days(date: Date, days: i64) -> Date {
    // A span holds at most about 7.3 million days: anything longer leaves the range anyway.
    let span = jiff::Span::new().try_days(days.clamp(-7_000_000, 7_000_000));
    match span.and_then(|span| date.checked_add(span)) {
        Ok(later) => later,
        Err(_) if days < 0 => Date::MIN,
        Err(_) => Date::MAX,
    }
}

/// Whole days from `from` to `to`.
pub fn days_between(from: Date, to: Date) -> i64 {
    let span = to.since((jiff::Unit::Day, from)).unwrap_or_default();
    i64::from(span.get_days())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn adding_days_past_the_range_clamps_instead_of_standing_still() {
        assert_eq!(add_days(date(2024, 1, 30), 2), date(2024, 2, 1));
        assert_eq!(add_days(date(9999, 12, 1), 100), Date::MAX);
        assert_eq!(add_days(date(2024, 1, 1), i64::MAX), Date::MAX);
        assert_eq!(add_days(date(2024, 1, 1), i64::MIN), Date::MIN);
        assert_eq!(days_between(date(2024, 1, 1), date(2024, 3, 1)), 60);
    }
}

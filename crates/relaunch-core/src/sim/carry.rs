//! What a restarted run carries over from before its day 0 ([`crate::tracking`]): units
//! already in the line, planned starts not yet released (the backlog), the experience of each
//! station (units started and inspected, for the learning and yield curves) and the people on
//! the payroll. A plain run carries nothing ([`Carry::default`]) and draws exactly what it drew
//! before this existed: every hook below is a no-op on an empty carry.

use super::Line;

/// The state a run starts from, beside its scenario. Vectors are indexed like the scenario's
/// products or stations; empty means none.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Carry {
    /// Per product: units in the line, which enter the first station of their route at time 0
    /// without taking a kit (they took theirs when released) and before any new start.
    pub in_line: Vec<u64>,
    /// Per product: planned starts that were due but not released; they join the backlog at
    /// time 0, ahead of the run's own planned starts, and take a kit when they enter.
    pub backlog: Vec<u64>,
    /// Per station: units started there before, where the learning curve continues from.
    pub started: Vec<u64>,
    /// Per station: units inspected there before, where the yield curve continues from.
    pub inspected: Vec<u64>,
    /// People on the payroll at day 0, with the first day they work after training (0 or
    /// earlier for trained people).
    pub people: Vec<crate::staff::Carried>,
}

impl Carry {
    pub fn is_empty(&self) -> bool {
        self == &Carry::default()
    }
}

impl Line<'_> {
    /// Sets the stations' and inspections' counters from the carry.
    pub(super) fn apply_carried_experience(&mut self, carry: &Carry) {
        for (run, &started) in self.stations.iter_mut().zip(&carry.started) {
            run.started = started;
        }
        self.quality.set_inspected(&carry.inspected);
    }

    /// Puts the carried units into the line and the backlog into the release: called once at
    /// time 0, before the first planned start.
    pub(super) fn release_carried(&mut self, carry: &Carry) {
        self.release.add_carried(&carry.in_line, &carry.backlog);
        for station in 0..self.stations.len() {
            self.release_waiting(station as u32);
        }
    }
}

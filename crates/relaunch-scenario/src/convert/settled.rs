//! Settling the dates that start after a task: `relaunch_core::programme::settle` gives them
//! their planned values and sorts the dated lists with them. A model problem found afterwards
//! names an entry by its sorted index (`release.plan[2].per_day`); this keeps where each sorted
//! entry stands in the file, so that the problem is placed at the entry the file wrote.

use std::collections::BTreeMap;

use relaunch_core::model::{Calendar, Release, Scenario, Slot};
use relaunch_core::programme::{anchored_date, planned, settle};

/// Per sorted list (`release.plan`, `calendar.shifts`, `workforce.hires`), the file position
/// of each entry in sorted order.
pub(super) type FilePositions = Vec<(&'static str, Vec<usize>)>;

/// Settles `scenario` and returns the file positions of the entries of its sorted lists.
pub(super) fn settle_anchored(scenario: &mut Scenario) -> FilePositions {
    if scenario.programme.anchors.is_empty() {
        return Vec::new();
    }
    let run = planned(scenario);
    let dates: BTreeMap<Slot, _> = scenario
        .programme
        .anchors
        .iter()
        .map(|anchor| (anchor.slot, anchored_date(scenario.start, &run, anchor)))
        .collect();
    let mut positions = Vec::new();
    if let Release::Plan { phases, .. } = &scenario.release {
        let keys = phases.iter().enumerate().map(|(index, phase)| {
            dates
                .get(&Slot::PlanPhase(index))
                .copied()
                .unwrap_or(phase.from)
        });
        positions.push(("release.plan", sorted_positions(keys.collect())));
    }
    if let Calendar::Shifts(calendar) = &scenario.calendar {
        let keys = calendar.shifts.iter().enumerate().map(|(index, phase)| {
            dates
                .get(&Slot::ShiftPhase(index))
                .copied()
                .map_or(phase.from, Some)
        });
        positions.push(("calendar.shifts", sorted_positions(keys.collect())));
    }
    if let Some(workforce) = &scenario.workforce {
        let keys = workforce
            .hires
            .iter()
            .enumerate()
            .map(|(index, hire)| dates.get(&Slot::Hire(index)).copied().unwrap_or(hire.date));
        positions.push(("workforce.hires", sorted_positions(keys.collect())));
    }
    settle(scenario);
    positions
}

/// The positions of `keys` in a stable sort by key, as `settle` sorts them: element `i` is the
/// position in `keys` of the `i`-th smallest.
fn sorted_positions<K: Ord>(keys: Vec<K>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&left, &right| keys[left].cmp(&keys[right]));
    order
}

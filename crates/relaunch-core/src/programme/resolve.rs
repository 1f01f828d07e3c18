//! Writing a programme run's dates into the scenario: the planned dates of a scenario as read
//! ([`settle`]) and each replication's own ([`resolve`]).

use jiff::civil::Date;

use super::{ProgrammeRun, anchored_date, planned};
use crate::model::{Calendar, Disruptions, Impact, KitDelay, Release, Scenario, Slot, YieldDrop};

/// Gives every anchored date of `scenario` its planned value (every task at its shortest
/// duration, no risk) and sorts the dated lists by date, keeping the anchors pointing at their
/// entries. A reader calls it once after building a scenario with anchors; the result is what
/// the static analyses (pre-flight, capacity, run-time estimates) and the reports' plan read.
pub fn settle(scenario: &mut Scenario) {
    if scenario.programme.anchors.is_empty() {
        return;
    }
    let run = planned(scenario);
    write_dates(scenario, &run);
}

/// The scenario as replication `run` sees it: its anchored dates, the dated lists sorted again
/// (entries of one date keep their file order), and the disruptions of the risks that occurred.
pub fn resolve(scenario: &Scenario, run: &ProgrammeRun) -> Scenario {
    let mut resolved = scenario.clone();
    write_dates(&mut resolved, run);
    let mut disruptions = Disruptions::default();
    for (index, risk) in scenario.programme.risks.iter().enumerate() {
        if !run.occurred.get(index).copied().unwrap_or(false) {
            continue;
        }
        match &risk.impact {
            Impact::TaskDelay { .. } => {}
            Impact::KitDelay {
                kit, from, until, ..
            } => {
                let days = run.delay_days.get(index).copied().unwrap_or(0);
                disruptions.kit_delays.push(KitDelay {
                    kit: *kit,
                    from: *from,
                    until: *until,
                    delay_secs: days as f64 * 86_400.0,
                });
            }
            Impact::YieldDrop { drop, from, until } => disruptions.yield_drops.push(YieldDrop {
                from: *from,
                until: *until,
                drop: *drop,
            }),
        }
    }
    resolved.disruptions = disruptions;
    resolved
}

/// Writes the run's anchored dates and re-sorts what they may have put out of order.
fn write_dates(scenario: &mut Scenario, run: &ProgrammeRun) {
    let start = scenario.start;
    let anchors = scenario.programme.anchors.clone();
    for anchor in &anchors {
        let date = anchored_date(start, run, anchor);
        set(scenario, anchor.slot, date);
    }
    sort_dated_lists(scenario);
}

fn set(scenario: &mut Scenario, slot: Slot, date: Date) {
    match slot {
        Slot::PlanPhase(i) => {
            if let Release::Plan { phases, .. } = &mut scenario.release
                && let Some(phase) = phases.get_mut(i)
            {
                phase.from = date;
            }
        }
        Slot::ShiftPhase(i) => {
            if let Calendar::Shifts(calendar) = &mut scenario.calendar
                && let Some(phase) = calendar.shifts.get_mut(i)
            {
                phase.from = Some(date);
            }
        }
        Slot::Hire(i) => {
            if let Some(hire) = scenario.workforce.as_mut().and_then(|w| w.hires.get_mut(i)) {
                hire.date = date;
            }
        }
        Slot::KitOrder { kit, order } => {
            if let Some(order) = scenario
                .kits
                .get_mut(kit)
                .and_then(|k| k.orders.get_mut(order))
            {
                order.first = date;
            }
        }
        Slot::KitShipment { kit, shipment } => {
            if let Some(shipment) = scenario
                .kits
                .get_mut(kit)
                .and_then(|k| k.shipments.get_mut(shipment))
            {
                shipment.arrives = date;
            }
        }
        Slot::LocalizationItem(i) => {
            if let Some(item) = scenario
                .localization
                .as_mut()
                .and_then(|l| l.items.get_mut(i))
            {
                item.from = Some(date);
            }
        }
    }
}

/// Sorts plan phases, shift phases, hires and shipments by date (stable), and points the
/// anchors at their entries' new places.
fn sort_dated_lists(scenario: &mut Scenario) {
    let anchors = &mut scenario.programme.anchors;
    if let Release::Plan { phases, .. } = &mut scenario.release {
        let moved = sort_by_key(phases, |p| p.from);
        remap(anchors, &moved, |slot| match slot {
            Slot::PlanPhase(i) => Some((i, Box::new(Slot::PlanPhase))),
            _ => None,
        });
    }
    if let Calendar::Shifts(calendar) = &mut scenario.calendar {
        let moved = sort_by_key(&mut calendar.shifts, |p| p.from);
        remap(anchors, &moved, |slot| match slot {
            Slot::ShiftPhase(i) => Some((i, Box::new(Slot::ShiftPhase))),
            _ => None,
        });
    }
    if let Some(workforce) = &mut scenario.workforce {
        let moved = sort_by_key(&mut workforce.hires, |h| h.date);
        remap(anchors, &moved, |slot| match slot {
            Slot::Hire(i) => Some((i, Box::new(Slot::Hire))),
            _ => None,
        });
    }
    for (kit_index, kit) in scenario.kits.iter_mut().enumerate() {
        let moved = sort_by_key(&mut kit.shipments, |s| s.arrives);
        remap(anchors, &moved, |slot| match slot {
            Slot::KitShipment { kit, shipment } if kit == kit_index => Some((
                shipment,
                Box::new(move |shipment| Slot::KitShipment {
                    kit: kit_index,
                    shipment,
                }),
            )),
            _ => None,
        });
    }
}

/// Sorts `items` by `key` (stable) and returns, for each old index, its new index.
fn sort_by_key<T: Clone, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| key(&items[i]));
    let mut moved = vec![0; items.len()];
    let sorted: Vec<T> = order.iter().map(|&i| items[i].clone()).collect();
    for (new, &old) in order.iter().enumerate() {
        moved[old] = new;
    }
    items.clone_from_slice(&sorted);
    moved
}

type Rebuild = Box<dyn Fn(usize) -> Slot>;

/// Points the anchors of one list (those `select` recognises, giving their index and how to
/// rebuild the slot) at their entries' new indices.
fn remap(
    anchors: &mut [crate::model::Anchor],
    moved: &[usize],
    select: impl Fn(Slot) -> Option<(usize, Rebuild)>,
) {
    for anchor in anchors {
        if let Some((old, rebuild)) = select(anchor.slot)
            && let Some(&new) = moved.get(old)
        {
            anchor.slot = rebuild(new);
        }
    }
}

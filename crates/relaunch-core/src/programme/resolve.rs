//! Writing a programme run's dates into the scenario: the planned dates of a scenario as read
//! ([`settle`]) and each replication's own ([`resolve`]).

use jiff::civil::Date;

use super::{ProgrammeRun, anchored_date, planned};
use crate::model::{
    Calendar, Disruptions, Impact, KitDelay, Release, Scenario, Slot, WrittenSteps, YieldDrop,
};

/// Gives every anchored date of `scenario` its planned value (every task at its optimistic
/// duration, no risk), holds each plan and shift phase back to the one above it and sorts hires
/// and shipments by date, keeping the anchors pointing at their entries. A reader calls it once
/// after building a scenario with anchors; the result is what the static analyses (pre-flight,
/// capacity, run-time estimates) and the reports' plan read. Returns where the sorted entries
/// stood before.
pub fn settle(scenario: &mut Scenario) -> Sorted {
    if scenario.programme.anchors.is_empty() {
        return Sorted::default();
    }
    scenario.programme.written = written_steps(scenario);
    let run = planned(scenario);
    write_dates(scenario, &run)
}

/// Where the entries of the lists [`settle`] sorts by date stood before: for each entry in
/// sorted order, its index before (`hires`; `shipments` per kit).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sorted {
    pub hires: Vec<usize>,
    pub shipments: Vec<Vec<usize>>,
}

/// The scenario as replication `run` sees it: its anchored dates, plan and shift phases held
/// back to the phase above them, hires and shipments sorted again (entries of one date keep
/// their order), and the disruptions of the risks that occurred.
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

/// Writes the run's anchored dates over the phases' written ones, holds the phases back and
/// re-sorts hires and shipments.
fn write_dates(scenario: &mut Scenario, run: &ProgrammeRun) -> Sorted {
    let written = written_steps(scenario);
    if let Release::Plan { phases, .. } = &mut scenario.release {
        for (phase, &from) in phases.iter_mut().zip(&written.plan) {
            phase.from = from;
        }
    }
    if let Calendar::Shifts(calendar) = &mut scenario.calendar {
        for (phase, &from) in calendar.shifts.iter_mut().zip(&written.shifts) {
            phase.from = from;
        }
    }
    let start = scenario.start;
    let anchors = scenario.programme.anchors.clone();
    for anchor in &anchors {
        let date = anchored_date(start, run, anchor);
        set(scenario, anchor.slot, date);
    }
    hold_phases_back(scenario);
    sort_dated_lists(scenario)
}

/// The phases' dates as given: those kept by [`settle`], or the scenario's own when it was not
/// settled (or its lists changed since).
fn written_steps(scenario: &Scenario) -> WrittenSteps {
    let plan: Vec<Date> = match &scenario.release {
        Release::Plan { phases, .. } => phases.iter().map(|phase| phase.from).collect(),
        _ => Vec::new(),
    };
    let shifts: Vec<Option<Date>> = match &scenario.calendar {
        Calendar::Shifts(calendar) => calendar.shifts.iter().map(|phase| phase.from).collect(),
        Calendar::AlwaysOn => Vec::new(),
    };
    let kept = &scenario.programme.written;
    WrittenSteps {
        plan: if kept.plan.len() == plan.len() {
            kept.plan.clone()
        } else {
            plan
        },
        shifts: if kept.shifts.len() == shifts.len() {
            kept.shifts.clone()
        } else {
            shifts
        },
    }
}

/// Plan and shift phases are steps in file order: each starts on its own date but never before
/// the phase above it, so a phase that starts the same day as a later one gives way to it.
fn hold_phases_back(scenario: &mut Scenario) {
    if let Release::Plan { phases, .. } = &mut scenario.release {
        for index in 1..phases.len() {
            phases[index].from = phases[index].from.max(phases[index - 1].from);
        }
    }
    if let Calendar::Shifts(calendar) = &mut scenario.calendar {
        let phases = &mut calendar.shifts;
        for index in 1..phases.len() {
            phases[index].from = phases[index].from.max(phases[index - 1].from);
        }
    }
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

/// Sorts hires and shipments by date (stable), points the anchors at their entries' new places
/// and returns where the entries stood.
fn sort_dated_lists(scenario: &mut Scenario) -> Sorted {
    let anchors = &mut scenario.programme.anchors;
    let mut sorted = Sorted::default();
    if let Some(workforce) = &mut scenario.workforce {
        sorted.hires = sort_by_key(&mut workforce.hires, |h| h.date);
        remap(anchors, &sorted.hires, |slot| match slot {
            Slot::Hire(i) => Some((i, Box::new(Slot::Hire))),
            _ => None,
        });
    }
    for (kit_index, kit) in scenario.kits.iter_mut().enumerate() {
        let order = sort_by_key(&mut kit.shipments, |s| s.arrives);
        remap(anchors, &order, |slot| match slot {
            Slot::KitShipment { kit, shipment } if kit == kit_index => Some((
                shipment,
                Box::new(move |shipment| Slot::KitShipment {
                    kit: kit_index,
                    shipment,
                }),
            )),
            _ => None,
        });
        sorted.shipments.push(order);
    }
    sorted
}

/// Sorts `items` by `key` (stable) and returns, for each new index, the old one.
fn sort_by_key<T: Clone, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| key(&items[i]));
    let sorted: Vec<T> = order.iter().map(|&i| items[i].clone()).collect();
    items.clone_from_slice(&sorted);
    order
}

type Rebuild = Box<dyn Fn(usize) -> Slot>;

/// Points the anchors of one list (those `select` recognises, giving their index and how to
/// rebuild the slot) at their entries' new indices (`order`: the old index of each new one).
fn remap(
    anchors: &mut [crate::model::Anchor],
    order: &[usize],
    select: impl Fn(Slot) -> Option<(usize, Rebuild)>,
) {
    for anchor in anchors {
        if let Some((old, rebuild)) = select(anchor.slot)
            && let Some(new) = order.iter().position(|&before| before == old)
        {
            anchor.slot = rebuild(new);
        }
    }
}

//! Pre-flight warnings: plans that cannot work, found by arithmetic on the scenario before a run.
//!
//! Each check is a best case that the simulation can only fall short of: no breakdowns, no
//! attrition, mature cycle times, the shortest kit lead time. When even the best case fails,
//! the forecast will show a late or missed milestone whose cause is a planning mistake rather
//! than risk, and a manager wants to hear about it before reading the forecast. Each warning
//! names the key responsible as a key path into the scenario file (`release.plan[1].per_day`,
//! `workforce.hires[0].date`); the scenario reader turns that path into `file:line:column`.
//!
//! The module is pure: it reads the validated [`Scenario`] and returns values.

use jiff::civil::Date;

mod hires;
mod shifts;

pub use crate::capacity::LineCapacity;
use crate::model::{Calendar, MilestoneKind, Release, Scenario};
use crate::schedule::{DAY_SECS, PlantCalendar, add_days};
use crate::staff::planned_ready;

/// What a warning is about. The codes are stable: documentation and scripts refer to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningKind {
    /// All the trained staff together cannot run a single shift.
    StaffBelowOneShift,
    /// A first-pass yield below 1 without a rework station: failed cars are scrapped.
    ScrapWithoutRework,
    /// A plan phase asks for more starts a workday than the slowest station can do.
    PlanAboveCapacity,
    /// A plan phase needs more shifts than the staff trained by its first day can run.
    HiresTooLate,
    /// A cumulative milestone needs more cars than the plan starts by its due date.
    MilestoneBeyondPlan,
    /// The plan starts before the first kits can arrive.
    KitsTooLate,
    /// With `[costs]`, a kit some product uses has no price: its kits cost nothing.
    KitWithoutPrice,
    /// The calendar plans no shift within the horizon, or a plan phase has no day with one.
    NoShiftPlanned,
}

impl WarningKind {
    /// The warning's short code, shown as `warning[code]`.
    pub fn code(self) -> &'static str {
        match self {
            WarningKind::StaffBelowOneShift => "staff-below-one-shift",
            WarningKind::ScrapWithoutRework => "scrap-without-rework",
            WarningKind::PlanAboveCapacity => "plan-above-capacity",
            WarningKind::HiresTooLate => "hires-too-late",
            WarningKind::MilestoneBeyondPlan => "milestone-beyond-plan",
            WarningKind::KitsTooLate => "kits-too-late",
            WarningKind::KitWithoutPrice => "kit-without-price",
            WarningKind::NoShiftPlanned => "no-shift-planned",
        }
    }
}

/// One pre-flight warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub kind: WarningKind,
    /// The key responsible, as a path into the scenario file: dotted table keys, `[i]` for the
    /// i-th element (0-based) of an array or array of tables, e.g. `release.plan[1].per_day`.
    pub key_path: String,
    /// What is wrong, in one sentence a plant manager reads without the manual.
    pub message: String,
    /// A few words shown beside the key.
    pub label: String,
    /// What to do about it.
    pub help: String,
}

impl Warning {
    fn new(
        kind: WarningKind,
        key_path: String,
        message: String,
        label: impl Into<String>,
        help: String,
    ) -> Warning {
        Warning {
            kind,
            key_path,
            message,
            label: label.into(),
            help,
        }
    }
}

/// Every pre-flight warning of `scenario`, in the order of the checks (shifts in the horizon,
/// staff, quality, capacity, hiring dates, milestones, kits, kit prices).
pub fn preflight_warnings(scenario: &Scenario) -> Vec<Warning> {
    let calendar = PlantCalendar::new(scenario);
    let capacity = LineCapacity::new(scenario);
    let mut warnings = Vec::new();
    let no_shift = shifts::check_no_shift_in_horizon(scenario, &calendar, &mut warnings);
    if !no_shift {
        shifts::check_plan_phases_without_shifts(scenario, &calendar, &mut warnings);
    }
    let staff_below_one_shift = check_staff_below_one_shift(scenario, &calendar, &mut warnings);
    check_scrap_without_rework(scenario, &mut warnings);
    check_plan_above_capacity(scenario, &calendar, &capacity, &mut warnings);
    if !staff_below_one_shift {
        hires::check_hires_too_late(scenario, &calendar, &capacity, &mut warnings);
    }
    // Without any shift the plan starts nothing: the milestones' warnings would only repeat it.
    if !no_shift {
        check_milestones_beyond_plan(scenario, &calendar, &mut warnings);
    }
    check_kits_too_late(scenario, &calendar, &mut warnings);
    check_kits_without_price(scenario, &mut warnings);
    warnings
}

// ----- Plan phases ------------------------------------------------------------------------

/// One phase of the release plan as it falls in the horizon.
struct ActivePhase {
    index: usize,
    per_day: u32,
    /// The first workday of the horizon on which the phase plans starts.
    first_day: usize,
    /// The fewest shifts the calendar plans on a workday of the phase in the horizon (its
    /// shift phases may change within the plan phase).
    shifts: u32,
}

/// The plan phases that plan starts on some workday of the horizon.
fn active_phases(scenario: &Scenario, calendar: &PlantCalendar) -> Vec<ActivePhase> {
    let Release::Plan { phases, .. } = &scenario.release else {
        return Vec::new();
    };
    phases
        .iter()
        .enumerate()
        .filter(|(_, phase)| phase.per_day > 0)
        .filter_map(|(index, phase)| {
            let next_from = phases.get(index + 1).map(|next| next.from);
            let in_phase = |day: usize| {
                let date = calendar.date(day);
                calendar.is_workday(day)
                    && phase.from <= date
                    && next_from.is_none_or(|next| date < next)
            };
            let first_day = (0..calendar.n_days).find(|&day| in_phase(day))?;
            let shifts = (first_day..calendar.n_days)
                .filter(|&day| in_phase(day))
                .map(|day| calendar.scheduled_shifts[day])
                .min()
                .unwrap_or(1);
            Some(ActivePhase {
                index,
                per_day: phase.per_day,
                first_day,
                shifts,
            })
        })
        .collect()
}

// ----- 1. Staff below one shift -----------------------------------------------------------

fn check_staff_below_one_shift(
    scenario: &Scenario,
    calendar: &PlantCalendar,
    warnings: &mut Vec<Warning>,
) -> bool {
    let Some(workforce) = &scenario.workforce else {
        return false;
    };
    let needed = u64::from(calendar.operators_per_shift);
    if needed == 0 {
        return false;
    }
    let hired: u64 = workforce
        .hires
        .iter()
        .map(|hire| u64::from(hire.count))
        .sum();
    let trained_in_horizon: u64 = planned_ready(workforce, calendar)
        .iter()
        .filter(|ready| ready.day < calendar.n_days as i64)
        .map(|ready| u64::from(ready.count))
        .sum();
    if trained_in_horizon >= needed {
        return false;
    }
    let message = if hired < needed {
        format!(
            "the line can never run: one shift needs {needed} operators (the stations' \
             `operators` added up), but all the hires together are {hired} people"
        )
    } else {
        format!(
            "the line can never run within the horizon: one shift needs {needed} operators, \
             but only {trained_in_horizon} of the {hired} hires finish training before it ends"
        )
    };
    warnings.push(Warning::new(
        WarningKind::StaffBelowOneShift,
        "workforce.hires".to_string(),
        message,
        format!("fewer than {needed} trained people"),
        format!(
            "hire at least {} early enough to finish training, or lower the \
             stations' `operators` if fewer people can run a shift",
            people(needed - trained_in_horizon)
        ),
    ));
    true
}

// ----- 2. Scrap without rework ------------------------------------------------------------

fn check_scrap_without_rework(scenario: &Scenario, warnings: &mut Vec<Warning>) {
    let Some(curve) = scenario.learning.first_pass_yield else {
        return;
    };
    if scenario.stations.iter().any(|station| station.rework) {
        return;
    }
    if curve.initial >= 1.0 && curve.mature >= 1.0 {
        return;
    }
    let (low, high) = (1.0 - curve.mature, 1.0 - curve.initial);
    let scrapped = if (high - low).abs() < 1e-12 {
        percent(high)
    } else {
        format!(
            "{} of the first cars falling to {} once mature",
            percent(high),
            percent(low)
        )
    };
    warnings.push(Warning::new(
        WarningKind::ScrapWithoutRework,
        "learning.first_pass_yield".to_string(),
        format!(
            "cars that fail inspection are scrapped ({scrapped}): no station has \
             `rework = true`, so fewer good cars come out than the plan starts"
        ),
        "a first-pass yield below 1",
        "mark the repair bay as a station with `rework = true` if failed cars are repaired, \
         or raise the release plan to cover the scrap"
            .to_string(),
    ));
}

/// With `[costs]`, every kit a product uses should have a price, or the costs leave it out.
fn check_kits_without_price(scenario: &Scenario, warnings: &mut Vec<Warning>) {
    if scenario.costs.is_none() {
        return;
    }
    for (index, kit) in scenario.kits.iter().enumerate() {
        let used = scenario.products.iter().any(|p| p.kit == Some(index));
        if used && kit.unit_price.is_none() {
            warnings.push(Warning::new(
                WarningKind::KitWithoutPrice,
                format!("kit[{index}].price"),
                format!(
                    "`{}` kits have no price, so [costs] counts them as free: the kit spend, \
                     carrying and cost per car leave them out",
                    kit.id
                ),
                "a kit without `price`",
                "give the kit a `price` (and its `currency`), or leave [costs] out".to_string(),
            ));
        }
    }
}

fn percent(fraction: f64) -> String {
    format!("{:.0}%", fraction * 100.0)
}

/// "1 more person", "3 more people".
fn people(count: u64) -> String {
    if count == 1 {
        "1 more person".to_string()
    } else {
        format!("{count} more people")
    }
}

// ----- 3. Plan above capacity -------------------------------------------------------------

fn check_plan_above_capacity(
    scenario: &Scenario,
    calendar: &PlantCalendar,
    capacity: &LineCapacity,
    warnings: &mut Vec<Warning>,
) {
    for phase in active_phases(scenario, calendar) {
        // The shifts the calendar plans during the phase, not the most of any shift phase.
        let shifts = phase.shifts;
        let Some((station, most)) = capacity.bottleneck(shifts) else {
            return;
        };
        if f64::from(phase.per_day) <= most * (1.0 + 1e-9) {
            continue;
        }
        let definition = &scenario.stations[station];
        let shift_text = match scenario.calendar {
            Calendar::AlwaysOn => "24 h".to_string(),
            Calendar::Shifts(_) => format!(
                "{shifts} shift{} of {}",
                if shifts == 1 { "" } else { "s" },
                hours(capacity.shift_secs)
            ),
        };
        let visits = capacity.visits_per_start[station];
        let visits_text = if (visits - 1.0).abs() > 1e-9 {
            format!(", visited by {visits:.2} units per start")
        } else {
            String::new()
        };
        warnings.push(Warning::new(
            WarningKind::PlanAboveCapacity,
            format!("release.plan[{}].per_day", phase.index),
            format!(
                "from {} the plan asks for {} starts a workday, but the slowest station, `{}`, \
                 can do at most {:.1} ({} place{} × {} / {} average cycle{}, at mature speed \
                 and before breakdowns)",
                calendar.date(phase.first_day),
                phase.per_day,
                definition.id,
                most,
                definition.servers,
                if definition.servers == 1 { "" } else { "s" },
                shift_text,
                minutes(capacity.mean_cycle_secs[station]),
                visits_text,
            ),
            format!("more than `{}` can do", definition.id),
            format!(
                "lower `per_day` to {} or less, or give `{}` more capacity (more `servers`, a \
                 shorter `cycle`, or more shifts)",
                most.floor() as u64,
                definition.id
            ),
        ));
    }
}

fn hours(secs: f64) -> String {
    format!("{} h", trim_number(secs / 3600.0))
}

fn minutes(secs: f64) -> String {
    format!("{} min", trim_number(secs / 60.0))
}

/// A number with at most two decimals and no trailing zeros.
fn trim_number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

// ----- 5. Milestones beyond the plan ------------------------------------------------------

fn check_milestones_beyond_plan(
    scenario: &Scenario,
    calendar: &PlantCalendar,
    warnings: &mut Vec<Warning>,
) {
    let Release::Plan { limit, .. } = &scenario.release else {
        return;
    };
    let horizon_last = calendar.date(calendar.n_days - 1);
    for (index, milestone) in scenario.milestones.iter().enumerate() {
        let (MilestoneKind::Cumulative { units }, Some(due)) = (&milestone.kind, milestone.due)
        else {
            continue;
        };
        let due_day = calendar.day_of(due);
        let planned: u64 = calendar
            .planned_starts
            .iter()
            .take((due_day + 1).clamp(0, calendar.n_days as i64) as usize)
            .map(|&starts| u64::from(starts))
            .sum();
        let planned = limit.map_or(planned, |limit| planned.min(limit));
        if planned >= *units {
            continue;
        }
        let planned_text = match planned {
            0 => "has no starts before then".to_string(),
            some => format!("starts only {some} by then"),
        };
        let beyond = if due > horizon_last {
            format!(" (counting to the end of the horizon, {horizon_last})")
        } else {
            String::new()
        };
        warnings.push(Warning::new(
            WarningKind::MilestoneBeyondPlan,
            format!("milestone[{index}].cumulative"),
            format!(
                "milestone `{}` needs {} good cars by {due}, but the release plan \
                 {planned_text}{beyond}: it cannot be met even if every car passes inspection \
                 the first time",
                milestone.id, units,
            ),
            format!("more than the {planned} planned starts"),
            format!(
                "plan at least {} more starts before {due} (a higher `per_day` or an earlier \
                 phase), or move `due` later",
                units - planned
            ),
        ));
    }
}

// ----- 6. Kits too late -------------------------------------------------------------------

fn check_kits_too_late(scenario: &Scenario, calendar: &PlantCalendar, warnings: &mut Vec<Warning>) {
    let total_mix: f64 = scenario.products.iter().map(|product| product.mix).sum();
    if total_mix <= 0.0 {
        return;
    }
    let planned = matches!(scenario.release, Release::Plan { .. });
    // The first day units are released: the first planned start, or the first workday.
    let first_release = if planned {
        calendar
            .planned_starts
            .iter()
            .position(|&starts| starts > 0)
    } else {
        (0..calendar.n_days).find(|&day| calendar.is_workday(day))
    };
    let Some(first_release) = first_release else {
        return;
    };
    for (kit_index, kit) in scenario.kits.iter().enumerate() {
        let share: f64 = scenario
            .products
            .iter()
            .filter(|product| product.kit == Some(kit_index))
            .map(|product| product.mix / total_mix)
            .sum();
        if share <= 0.0 {
            continue;
        }
        let shortest_lead_days = kit.lead_time.lower_bound_secs() / DAY_SECS;
        // The earliest an order can arrive: its first dispatch plus the shortest lead time.
        let first_order = kit
            .orders
            .iter()
            .enumerate()
            .map(|(index, order)| {
                let arrival = calendar.day_of(order.first) as f64 + shortest_lead_days;
                (arrival.floor() as i64, index)
            })
            .min();
        let order_day = first_order.map_or(i64::MAX, |(day, _)| day);
        if order_day <= first_release as i64 {
            continue;
        }
        // Kits on hand before the first order can arrive: initial stock and known shipments.
        let on_hand_by = |day: usize| -> f64 {
            let shipped: u64 = kit
                .shipments
                .iter()
                .filter(|shipment| calendar.day_of(shipment.arrives) <= day as i64)
                .map(|shipment| u64::from(shipment.quantity))
                .sum();
            (u64::from(kit.initial_stock) + shipped) as f64
        };
        // With a plan, the first day on which the expected starts needing this kit exceed the
        // kits on hand; with arrivals or a saturated source, the first release day if no kit
        // is on hand then.
        let short_day = if planned {
            let last_checked = order_day.min(calendar.n_days as i64) as usize;
            let mut demand = 0.0;
            (first_release..last_checked).find(|&day| {
                demand += f64::from(calendar.planned_starts[day]) * share;
                calendar.planned_starts[day] > 0 && on_hand_by(day) + 1e-9 < demand
            })
        } else {
            (on_hand_by(first_release) < 1.0).then_some(first_release)
        };
        let Some(short_day) = short_day else {
            continue;
        };
        let short_date = calendar.date(short_day);
        let (key_path, arrival_text, help) = match first_order {
            Some((day, index)) => {
                let order = &kit.orders[index];
                let arrival = add_days(calendar.start, day);
                let dispatch_by = latest_dispatch(short_date, shortest_lead_days);
                (
                    format!("kit[{kit_index}].orders[{index}].first"),
                    format!(
                        "the first order, dispatched {}, can arrive on {arrival} at the \
                         earliest ({} days' shortest lead time)",
                        order.first,
                        trim_number(shortest_lead_days)
                    ),
                    format!(
                        "dispatch the first order by {dispatch_by}, add `initial_stock` or a \
                         known shipment to cover the first starts, or start the plan later"
                    ),
                )
            }
            None => match kit
                .shipments
                .iter()
                .enumerate()
                .filter(|(_, shipment)| calendar.day_of(shipment.arrives) > short_day as i64)
                .min_by_key(|(_, shipment)| shipment.arrives)
            {
                Some((index, shipment)) => (
                    format!("kit[{kit_index}].shipments[{index}].arrives"),
                    format!(
                        "the next shipment ({} kits) arrives only on {}",
                        shipment.quantity, shipment.arrives
                    ),
                    format!(
                        "bring that shipment forward to {short_date}, add `initial_stock` or \
                         an earlier shipment, or start the plan later"
                    ),
                ),
                None => (
                    format!("kit[{kit_index}]"),
                    "no order or shipment ever brings more".to_string(),
                    "add `orders`, `initial_stock` or a known shipment".to_string(),
                ),
            },
        };
        let stock_text = match on_hand_by(short_day) as u64 {
            0 => "no kit is on hand".to_string(),
            stock => format!("the {stock} kits on hand run out"),
        };
        warnings.push(Warning::new(
            WarningKind::KitsTooLate,
            key_path,
            format!(
                "`{}` kits arrive too late for the plan: starts begin on {}, {stock_text} by \
                 {short_date}, and {arrival_text}",
                kit.id,
                calendar.date(first_release),
            ),
            "too late for the first starts",
            help,
        ));
    }
}

/// The last dispatch date whose order arrives by `needed` at the shortest lead time.
fn latest_dispatch(needed: Date, shortest_lead_days: f64) -> Date {
    add_days(needed, -(shortest_lead_days.ceil() as i64))
}

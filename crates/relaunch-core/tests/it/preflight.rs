//! Pre-flight warnings computed on small scenarios with numbers worked out by hand: one test
//! per warning, each with the case that warns and the nearest case that does not.

use jiff::civil::date;
use relaunch_core::model::*;
use relaunch_core::preflight::{LineCapacity, Warning, WarningKind, preflight_warnings};

use crate::build::{DAY, HOUR, MIN, constant, hired_on_day_0, line, plan, station, weekdays};

/// Two stations on Mon–Fri with `shifts` shifts of 8 h: `assembly` (1 place, 60 min, 10
/// operators) and `eol` (1 place, 30 min, 5 operators): 8 starts a shift at most.
fn small_line(shifts: u32, release: Release) -> Scenario {
    let mut assembly = station("assembly", constant(60.0 * MIN));
    assembly.operators = 10;
    let mut eol = station("eol", constant(30.0 * MIN));
    eol.operators = 5;
    let mut scenario = line(vec![assembly, eol], release, 60.0 * DAY, 0.0);
    scenario.calendar = weekdays(shifts);
    scenario
}

fn of_kind(warnings: &[Warning], kind: WarningKind) -> Vec<&Warning> {
    warnings.iter().filter(|w| w.kind == kind).collect()
}

fn phases(list: &[(jiff::civil::Date, u32)]) -> Release {
    Release::Plan {
        phases: list
            .iter()
            .map(|&(from, per_day)| PlanPhase { from, per_day })
            .collect(),
        limit: None,
    }
}

#[test]
fn a_clean_plan_has_no_warnings() {
    let mut scenario = small_line(2, plan(12, None));
    scenario.workforce = Some(hired_on_day_0(30, 0.0));
    assert_eq!(preflight_warnings(&scenario), vec![]);
}

#[test]
fn staff_below_one_shift() {
    // One shift needs 10 + 5 = 15 operators; 12 are hired.
    let mut scenario = small_line(1, plan(4, None));
    scenario.workforce = Some(hired_on_day_0(12, 5.0));
    let warnings = preflight_warnings(&scenario);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let warning = &warnings[0];
    assert_eq!(warning.kind, WarningKind::StaffBelowOneShift);
    assert_eq!(warning.key_path, "workforce.hires");
    assert!(
        warning.message.contains("needs 15 operators"),
        "{}",
        warning.message
    );
    assert!(
        warning.message.contains("are 12 people"),
        "{}",
        warning.message
    );
    assert!(warning.help.contains("at least 3 more"), "{}", warning.help);

    // Fifteen trained by the first start are enough, and no one needs to be hired when no
    // station needs operators.
    scenario.workforce = Some(hired_on_day_0(15, 0.0));
    assert_eq!(preflight_warnings(&scenario), vec![]);
    scenario.workforce = Some(hired_on_day_0(0, 5.0));
    for station in &mut scenario.stations {
        station.operators = 0;
    }
    assert_eq!(preflight_warnings(&scenario), vec![]);
}

#[test]
fn staff_trained_only_after_the_horizon() {
    // Fifteen hired, but their training (90 days) ends after the 60-day horizon.
    let mut scenario = small_line(1, plan(4, None));
    scenario.workforce = Some(hired_on_day_0(15, 90.0));
    let all = preflight_warnings(&scenario);
    let warnings = of_kind(&all, WarningKind::StaffBelowOneShift);
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].message.contains("only 0 of the 15 hires"),
        "{}",
        warnings[0].message
    );
}

#[test]
fn scrap_without_rework() {
    let mut scenario = small_line(1, plan(4, None));
    scenario.learning.first_pass_yield = Some(Yield {
        initial: 0.8,
        mature: 0.9,
    });
    let warnings = preflight_warnings(&scenario);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].kind, WarningKind::ScrapWithoutRework);
    assert_eq!(warnings[0].key_path, "learning.first_pass_yield");
    assert!(
        warnings[0]
            .message
            .contains("20% of the first cars falling to 10% once mature"),
        "{}",
        warnings[0].message
    );

    // With a rework station nothing is scrapped; a yield of 1 scraps nothing either.
    let mut with_rework = scenario.clone();
    let mut rework = station("rework", constant(30.0 * MIN));
    rework.rework = true;
    with_rework.stations.push(rework);
    assert_eq!(preflight_warnings(&with_rework), vec![]);
    scenario.learning.first_pass_yield = Some(Yield {
        initial: 1.0,
        mature: 1.0,
    });
    assert_eq!(preflight_warnings(&scenario), vec![]);
}

#[test]
fn scrap_and_rework_change_the_visits_per_start() {
    // Inspection at `assembly`, mature yield 0.9: without rework 10 % never reach `eol`.
    let mut scenario = small_line(2, plan(4, None));
    scenario.stations[0].inspection = true;
    scenario.learning.first_pass_yield = Some(Yield {
        initial: 0.5,
        mature: 0.9,
    });
    let capacity = LineCapacity::new(&scenario);
    assert!((capacity.visits_per_start[0] - 1.0).abs() < 1e-12);
    assert!((capacity.visits_per_start[1] - 0.9).abs() < 1e-12);
    // With a rework station every unit goes on, and 10 % visit the rework station too.
    let mut rework = station("rework", constant(30.0 * MIN));
    rework.rework = true;
    scenario.stations.push(rework);
    let capacity = LineCapacity::new(&scenario);
    assert!((capacity.visits_per_start[1] - 1.0).abs() < 1e-12);
    assert!((capacity.visits_per_start[2] - 0.1).abs() < 1e-12);
    // 8 h / 60 min = 8 units a shift at `assembly`, the bottleneck.
    assert_eq!(capacity.bottleneck(2), Some((0, 16.0)));
    assert_eq!(capacity.shifts_needed(8), 1);
    assert_eq!(capacity.shifts_needed(9), 2);
}

#[test]
fn plan_above_capacity() {
    // Two shifts of 8 h at 60 min a car, one place: at most 16 starts a workday.
    let scenario = small_line(
        2,
        phases(&[(date(2024, 1, 1), 16), (date(2024, 1, 15), 17)]),
    );
    let warnings = preflight_warnings(&scenario);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let warning = &warnings[0];
    assert_eq!(warning.kind, WarningKind::PlanAboveCapacity);
    assert_eq!(warning.key_path, "release.plan[1].per_day");
    assert!(
        warning.message.contains(
            "from 2024-01-15 the plan asks for 17 starts a workday, but the slowest station, \
             `assembly`, can do at most 16.0 (1 place × 2 shifts of 8 h / 60 min average cycle"
        ),
        "{}",
        warning.message
    );
    assert!(
        warning.help.contains("lower `per_day` to 16 or less"),
        "{}",
        warning.help
    );
}

#[test]
fn plan_above_capacity_counts_the_scrapped_share_out() {
    // `eol` after an inspecting `assembly` with a 0.5 yield sees half the starts, so with a
    // 120-minute `eol` (8 a day on two shifts) it allows 16 starts a day, not 8.
    let mut scenario = small_line(2, plan(16, None));
    scenario.stations[0].inspection = true;
    scenario.stations[1].cycle = constant(2.0 * HOUR);
    scenario.learning.first_pass_yield = Some(Yield {
        initial: 0.5,
        mature: 0.5,
    });
    let warnings = preflight_warnings(&scenario);
    assert!(
        of_kind(&warnings, WarningKind::PlanAboveCapacity).is_empty(),
        "{warnings:#?}"
    );
    scenario.release = plan(17, None);
    let warnings = preflight_warnings(&scenario);
    assert_eq!(of_kind(&warnings, WarningKind::PlanAboveCapacity).len(), 1);
}

#[test]
fn hires_too_late() {
    // From Monday 2024-01-29 (day 28) the plan asks for 12 a day: two shifts, 30 operators.
    // The second 15 are hired on day 20 with 14 days' training: at work from day 34.
    let mut scenario = small_line(2, phases(&[(date(2024, 1, 1), 6), (date(2024, 1, 29), 12)]));
    let mut workforce = hired_on_day_0(15, 14.0);
    workforce.hires.push(Hire {
        date: date(2024, 1, 21),
        count: 15,
    });
    scenario.workforce = Some(workforce.clone());
    let warnings = preflight_warnings(&scenario);
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    // The first phase itself waits for the first hires' training (day 14).
    assert_eq!(warnings[0].key_path, "workforce.hires[0].date");
    assert!(
        warnings[0].message.contains(
            "from 2024-01-01 the plan asks for 6 starts a workday, \
             which needs 1 shift (15 trained operators), but only 0 are trained by then"
        ),
        "{}",
        warnings[0].message
    );
    let late = &warnings[1];
    assert_eq!(late.kind, WarningKind::HiresTooLate);
    assert_eq!(late.key_path, "workforce.hires[1].date");
    assert!(
        late.message.contains(
            "which needs 2 shifts (30 trained operators), but only 15 are trained by then; \
             this hire of 15 on 2024-01-21 finishes its training on 2024-02-04, 6 days late"
        ),
        "{}",
        late.message
    );
    assert!(late.help.contains("hire by 2024-01-15"), "{}", late.help);

    // Hired a week earlier, with the first hires trained before the start: no warning.
    workforce.hires[0].date = date(2023, 12, 1);
    workforce.hires[1].date = date(2024, 1, 14);
    scenario.workforce = Some(workforce.clone());
    assert_eq!(preflight_warnings(&scenario), vec![]);

    // Never enough people for two shifts: the plan phase is the key to change.
    workforce.hires.truncate(1);
    scenario.workforce = Some(workforce);
    let warnings = preflight_warnings(&scenario);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].key_path, "release.plan[1].per_day");
    assert!(
        warnings[0]
            .message
            .contains("all the hires together are 15 people")
    );
    assert!(
        warnings[0].help.contains("(8 a workday)"),
        "{}",
        warnings[0].help
    );
}

fn cumulative(id: &str, units: u64, due: jiff::civil::Date) -> Milestone {
    Milestone {
        id: id.to_string(),
        kind: MilestoneKind::Cumulative { units },
        due: Some(due),
    }
}

#[test]
fn milestone_beyond_plan() {
    // 4 a workday from Monday 2024-01-01: 10 workdays to Friday 2024-01-12 plan 40 starts.
    let mut scenario = small_line(1, plan(4, None));
    scenario.milestones = vec![
        cumulative("forty", 40, date(2024, 1, 12)),
        cumulative("fifty", 50, date(2024, 1, 12)),
        Milestone {
            id: "rate".to_string(),
            kind: MilestoneKind::Rate {
                per_day: 100.0,
                window: 5,
            },
            due: Some(date(2024, 1, 12)),
        },
    ];
    let warnings = preflight_warnings(&scenario);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].kind, WarningKind::MilestoneBeyondPlan);
    assert_eq!(warnings[0].key_path, "milestone[1].cumulative");
    assert!(
        warnings[0]
            .message
            .contains("milestone `fifty` needs 50 good cars by 2024-01-12, but the release plan starts only 40 by then"),
        "{}",
        warnings[0].message
    );
    assert!(warnings[0].help.contains("at least 10 more starts"));

    // A release limit caps the planned starts.
    scenario.milestones.truncate(1);
    scenario.release = plan(4, Some(39));
    assert_eq!(preflight_warnings(&scenario).len(), 1);
}

fn kit(initial_stock: u32, first_order: jiff::civil::Date) -> Kit {
    Kit {
        id: "car-kit".to_string(),
        kind: KitKind::Skd,
        initial_stock,
        orders: vec![KitOrder {
            first: first_order,
            every_days: Some(7),
            quantity: 40,
            until: None,
        }],
        shipments: vec![],
        lead_time: relaunch_core::Dist::triangular(10.0 * DAY, 14.0 * DAY, 20.0 * DAY).unwrap(),
        unit_price: None,
        currency: None,
    }
}

#[test]
fn kits_too_late() {
    // Ordered 2023-12-25, 10 days at the shortest: the first kits arrive 2024-01-04 (day 3),
    // but 4 starts a workday are planned from 2024-01-01.
    let mut scenario = small_line(1, plan(4, None));
    scenario.kits = vec![kit(0, date(2023, 12, 25))];
    scenario.products[0].kit = Some(0);
    let warnings = preflight_warnings(&scenario);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let warning = &warnings[0];
    assert_eq!(warning.kind, WarningKind::KitsTooLate);
    assert_eq!(warning.key_path, "kit[0].orders[0].first");
    assert!(
        warning.message.contains(
            "starts begin on 2024-01-01, no kit is on hand by 2024-01-01, and the first order, \
             dispatched 2023-12-25, can arrive on 2024-01-04 at the earliest (10 days' shortest \
             lead time)"
        ),
        "{}",
        warning.message
    );
    assert!(
        warning
            .help
            .contains("dispatch the first order by 2023-12-22")
    );

    // 8 kits in stock cover two days of 4, not the third (2024-01-03).
    scenario.kits = vec![kit(8, date(2023, 12, 25))];
    let warnings = preflight_warnings(&scenario);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0]
            .message
            .contains("the 8 kits on hand run out by 2024-01-03")
    );

    // 12 kits cover the three workdays before the order arrives; an order a week earlier
    // arrives in time.
    scenario.kits = vec![kit(12, date(2023, 12, 25))];
    assert_eq!(preflight_warnings(&scenario), vec![]);
    scenario.kits = vec![kit(0, date(2023, 12, 18))];
    assert_eq!(preflight_warnings(&scenario), vec![]);
}

#[test]
fn bad_numbers_do_not_panic() {
    // Empty routes of stations, zero-length cycles and no products at all.
    let mut scenario = small_line(1, plan(u32::MAX, Some(u64::MAX)));
    scenario.stations[0].cycle = constant(0.0);
    scenario.milestones = vec![cumulative("far", u64::MAX, date(9999, 12, 31))];
    let _ = preflight_warnings(&scenario);
    scenario.products.clear();
    let _ = preflight_warnings(&scenario);
}

#[test]
fn kits_too_late_names_the_late_shipment() {
    // No orders, no stock, one shipment of 3000 arriving 2024-01-22 (day 21) while 4 starts a
    // workday are planned from 2024-01-01: the warning points at the shipment's date.
    let mut scenario = small_line(1, plan(4, None));
    let mut late = kit(0, date(2023, 12, 25));
    late.orders.clear();
    late.shipments = vec![KitShipment {
        arrives: date(2024, 1, 22),
        quantity: 3000,
    }];
    scenario.kits = vec![late];
    scenario.products[0].kit = Some(0);
    let warnings = preflight_warnings(&scenario);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let warning = &warnings[0];
    assert_eq!(warning.key_path, "kit[0].shipments[0].arrives");
    assert!(
        warning
            .message
            .contains("the next shipment (3000 kits) arrives only on 2024-01-22"),
        "{}",
        warning.message
    );
    assert!(
        warning
            .help
            .contains("bring that shipment forward to 2024-01-01"),
        "{}",
        warning.help
    );
}

#[test]
fn training_places_make_hires_late() {
    // As in `hires_too_late`: from Monday 2024-01-29 (day 28) two shifts need 30 operators.
    // 15 hired on 2023-12-01 and 15 on 2024-01-14 (day 13), 14 days' training: all at work
    // by day 27, no warning. With 10 training places the first hire trains 10 then 5 (by
    // 2023-12-29); of the second, 10 are at work from day 27 and 5 wait for those places
    // until day 27: at work from day 41 (2024-02-11), 13 days late, 25 trained on day 28.
    let mut scenario = small_line(2, phases(&[(date(2024, 1, 1), 6), (date(2024, 1, 29), 12)]));
    let mut workforce = hired_on_day_0(15, 14.0);
    workforce.hires[0].date = date(2023, 12, 1);
    workforce.hires.push(Hire {
        date: date(2024, 1, 14),
        count: 15,
    });
    scenario.workforce = Some(workforce.clone());
    assert_eq!(preflight_warnings(&scenario), vec![]);
    workforce.training_capacity = Some(10);
    scenario.workforce = Some(workforce.clone());
    let warnings = preflight_warnings(&scenario);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].key_path, "workforce.hires[1].date");
    assert!(
        warnings[0].message.contains(
            "but only 25 are trained by then; this hire of 15 on 2024-01-14 finishes its \
             training after waiting for one of the 10 training places (`training_capacity`) on \
             2024-02-11, 13 days late"
        ),
        "{}",
        warnings[0].message
    );
    // The hire waits for places its own size needs, not for the earlier hire: more places
    // help, an earlier first hire does not.
    assert_eq!(
        warnings[0].help,
        "raise `training_capacity` to 15 (then 30 are trained by 2024-01-29), or move plan \
         phase `release.plan[1]` to 2024-02-11 or later"
    );
    // 15 places train everybody at once again.
    workforce.training_capacity = Some(15);
    scenario.workforce = Some(workforce);
    assert_eq!(preflight_warnings(&scenario), vec![]);
}

#[test]
fn training_places_can_leave_a_shift_untrained_in_the_horizon() {
    // 15 hired on day 0, 14 days' training, one shift of 15 operators, 60 days. With 4 places
    // the classes are trained on days 14, 28, 42 and 56 (4 + 4 + 4 + 3): all within the
    // horizon. With 3 places the fifth class is trained on day 70: only 12 in the horizon.
    let mut scenario = small_line(1, plan(4, None));
    scenario.workforce = Some(Workforce {
        training_capacity: Some(4),
        ..hired_on_day_0(15, 14.0)
    });
    assert_eq!(
        of_kind(
            &preflight_warnings(&scenario),
            WarningKind::StaffBelowOneShift
        ),
        Vec::<&Warning>::new()
    );
    scenario.workforce.as_mut().unwrap().training_capacity = Some(3);
    let warnings = preflight_warnings(&scenario);
    let below = of_kind(&warnings, WarningKind::StaffBelowOneShift);
    assert_eq!(below.len(), 1, "{warnings:#?}");
    assert!(
        below[0]
            .message
            .contains("only 12 of the 15 hires finish training before it ends"),
        "{}",
        below[0].message
    );
}

#[test]
fn waiting_for_a_training_place_asks_for_places_or_an_earlier_class() {
    // 20 hired on Monday 2024-01-01 (day 0) as two hires of 10, 10 training places, 14 days'
    // training; one station of 10 operators (60 min, 8 h shifts: 8 starts a shift), two
    // shifts from 2024-01-16 for 16 starts a workday: 20 operators. The first hire is at work
    // from day 14; the second waits for its places until day 14 and is at work from day 28
    // (2024-01-29), 13 days late. Hiring it earlier cannot help: 20 places train both at
    // once (by day 14), or the first hire 13 days sooner (2023-12-19) frees its places on day
    // 1, trains the second by day 15, the phase's first day.
    let mut assembly = station("assembly", constant(60.0 * MIN));
    assembly.operators = 10;
    let mut scenario = line(
        vec![assembly],
        phases(&[(date(2024, 1, 16), 16)]),
        60.0 * DAY,
        0.0,
    );
    scenario.calendar = weekdays(2);
    let mut workforce = hired_on_day_0(10, 14.0);
    workforce.hires.push(workforce.hires[0].clone());
    workforce.training_capacity = Some(10);
    scenario.workforce = Some(workforce);
    let warnings = preflight_warnings(&scenario);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].key_path, "workforce.hires[1].date");
    assert_eq!(
        warnings[0].message,
        "from 2024-01-16 the plan asks for 16 starts a workday, which needs 2 shifts (20 \
         trained operators), but only 10 are trained by then; this hire of 10 on 2024-01-01 \
         finishes its training after waiting for one of the 10 training places \
         (`training_capacity`) on 2024-01-29, 13 days late"
    );
    assert_eq!(
        warnings[0].help,
        "raise `training_capacity` to 20 (then 20 are trained by 2024-01-16), or hire \
         `hires[0]` by 2023-12-19 so that its training places free in time, or move plan phase \
         `release.plan[0]` to 2024-01-29 or later"
    );
}

#[test]
fn no_shift_planned_when_a_shutdown_covers_the_horizon() {
    // A shutdown over the whole 60 days: no day has a shift, the key is the calendar's shifts,
    // and the milestone the plan cannot reach is not repeated. A shutdown over the first week
    // only leaves the second plan phase (Monday 2024-01-08 on) with shifts, and the first
    // phase, 2024-01-01 to 2024-01-07, warns at its `from`.
    let shutdown = |to| Shutdown {
        from: date(2024, 1, 1),
        to,
        reason: None,
    };
    let mut scenario = small_line(1, phases(&[(date(2024, 1, 1), 4), (date(2024, 1, 8), 6)]));
    scenario.milestones = vec![cumulative("first-10", 10, date(2024, 1, 31))];
    let Calendar::Shifts(calendar) = &mut scenario.calendar else {
        unreachable!("small_line has shifts")
    };
    calendar.shutdowns = vec![shutdown(date(2024, 3, 31))];
    let warnings = preflight_warnings(&scenario);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].kind, WarningKind::NoShiftPlanned);
    assert_eq!(warnings[0].key_path, "calendar.shifts");
    assert!(
        warnings[0].message.starts_with(
            "the calendar plans no shift within the horizon (2024-01-01 to 2024-02-29)"
        ),
        "{}",
        warnings[0].message
    );
    let Calendar::Shifts(calendar) = &mut scenario.calendar else {
        unreachable!("small_line has shifts")
    };
    calendar.shutdowns = vec![shutdown(date(2024, 1, 7))];
    let warnings = preflight_warnings(&scenario);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].key_path, "release.plan[0].from");
    assert_eq!(
        warnings[0].message,
        "plan phase 0 asks for 4 starts a workday, but none of its days in the horizon, \
         2024-01-01 to 2024-01-07, has a planned shift, so its starts are dropped"
    );
}

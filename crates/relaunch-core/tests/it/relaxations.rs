//! Relaxations as scenario transforms: they leave the calendar alone, and removing a part of
//! the model that had no effect leaves the run exactly as it was (common random numbers).

use relaunch_core::Dist;
use relaunch_core::model::*;
use relaunch_core::schedule::PlantCalendar;
use relaunch_core::sim::{self, Prepared, Relaxations, RunOutcome};

use crate::build::*;

/// Every combination of the five relaxations.
fn every_relaxation() -> impl Iterator<Item = Relaxations> {
    (0..32usize).map(|mask| Relaxations {
        supply: mask & 1 != 0,
        staffing: mask & 2 != 0,
        equipment: mask & 4 != 0,
        quality: mask & 8 != 0,
        learning: mask & 16 != 0,
        programme: false,
    })
}

/// Replication 1 of `scenario` with `relax` applied (in replication 0 of seed 5 nobody
/// happens to leave the full plant within the horizon).
fn run(scenario: &Scenario, relax: Relaxations) -> RunOutcome {
    let relaxed = relax.apply(scenario);
    sim::run(&relaxed, &Prepared::new(&relaxed), 5, 1)
}

/// Four weeks of two shifts on a three-station line with every part of the model in play: a kit
/// with an initial stock, orders and a shipment; hires with attrition; failures repaired by a
/// crew of one; an inspecting last station with rework; a learning curve on cycle times and
/// yield.
fn full_plant() -> Scenario {
    let mut stations = vec![
        station("body", exp(5.0 * MIN)),
        station("paint", exp(4.0 * MIN)),
        station("final", exp(4.5 * MIN)),
        station("rework", exp(10.0 * MIN)),
    ];
    stations[1].failure = Some(Failure {
        ttf: exp(3.0 * HOUR),
        ttr: exp(20.0 * MIN),
        crew: Some(0),
    });
    stations[2].inspection = true;
    stations[3].rework = true;
    stations[0].operators = 2;
    let mut scenario = line(stations, plan(120, None), 28.0 * DAY, 0.0);
    scenario.products[0].route = vec![0, 1, 2];
    scenario.calendar = weekdays(2);
    scenario.crews = vec![Crew {
        id: "crew".to_string(),
        size: 1,
    }];
    scenario.kits = vec![Kit {
        id: "ckd".to_string(),
        kind: KitKind::Ckd,
        initial_stock: 50,
        orders: vec![KitOrder {
            first: start(),
            every_days: Some(2),
            quantity: 150,
            until: None,
        }],
        shipments: vec![KitShipment {
            arrives: start(),
            quantity: 20,
        }],
        lead_time: exp(2.0 * DAY),
        unit_price: None,
        currency: None,
    }];
    scenario.products[0].kit = Some(0);
    scenario.workforce = Some(Workforce {
        // Exactly the four people two shifts of two places need, 99.9% leaving within a year.
        attrition_per_year: 0.999,
        ..hired_on_day_0(4, 1.0)
    });
    scenario.learning = Learning {
        model: LearningModel::Crawford,
        rate: 0.85,
        first_unit_factor: 2.0,
        first_pass_yield: Some(Yield {
            initial: 0.6,
            mature: 0.95,
        }),
    };
    scenario
}

#[test]
fn nothing_relaxed_is_the_scenario_itself() {
    let scenario = full_plant();
    assert!(Relaxations::default().is_none());
    assert_eq!(Relaxations::default().apply(&scenario), scenario);
}

#[test]
fn relaxations_leave_the_calendar_alone() {
    // The aggregates read the calendar of the scenario as given, and the run the relaxed one.
    let scenario = full_plant();
    let calendar = PlantCalendar::new(&scenario);
    for relax in every_relaxation() {
        assert_eq!(
            PlantCalendar::new(&relax.apply(&scenario)),
            calendar,
            "{relax:?}"
        );
    }
}

#[test]
fn every_relaxation_changes_the_full_plant() {
    // Each part matters in this plant, so a relaxation that silently did nothing would show.
    let scenario = full_plant();
    let actual = run(&scenario, Relaxations::default());
    for relax in every_relaxation().skip(1) {
        assert_ne!(run(&scenario, relax), actual, "{relax:?}");
    }
}

#[test]
fn removing_failures_that_never_come_changes_nothing() {
    // The failure draws have their own stream per station: without them, every cycle time,
    // kit lead time and inspection draw is the one it was.
    let mut scenario = full_plant();
    scenario.stations[1].failure = Some(Failure {
        ttf: constant(1000.0 * DAY),
        ttr: exp(20.0 * MIN),
        crew: Some(0),
    });
    let equipment = Relaxations {
        equipment: true,
        ..Relaxations::default()
    };
    assert_eq!(
        run(&scenario, equipment),
        run(&scenario, Relaxations::default())
    );
}

#[test]
fn removing_a_yield_of_one_changes_nothing() {
    // Without a yield nothing is inspected, and the quality stream serves nothing else.
    let mut scenario = full_plant();
    scenario.learning.first_pass_yield = Some(Yield {
        initial: 1.0,
        mature: 1.0,
    });
    let quality = Relaxations {
        quality: true,
        ..Relaxations::default()
    };
    assert_eq!(
        run(&scenario, quality),
        run(&scenario, Relaxations::default())
    );
}

#[test]
fn kits_on_hand_change_nothing_but_the_stock() {
    // With more kits than the line can use, relaxing supply changes only the kits reported:
    // the initial stock, untouched, instead of the stock the line used up, and no arrivals.
    let mut scenario = full_plant();
    scenario.kits[0].initial_stock = 1_000_000;
    let supply = Relaxations {
        supply: true,
        ..Relaxations::default()
    };
    let relaxed = run(&scenario, supply);
    let actual = run(&scenario, Relaxations::default());
    assert!(relaxed.kit_stock[0].iter().all(|&stock| stock == 1_000_000));
    assert!(relaxed.kit_arrivals[0].iter().all(|&arrived| arrived == 0));
    assert!(actual.kit_arrivals[0].iter().any(|&arrived| arrived > 0));
    assert_eq!(
        RunOutcome {
            kit_stock: vec![],
            kit_arrivals: vec![],
            events: 0,
            ..relaxed
        },
        RunOutcome {
            kit_stock: vec![],
            kit_arrivals: vec![],
            events: 0,
            ..actual
        }
    );
}

#[test]
fn the_programme_is_planned_and_relaxed_at_its_optimistic_durations() {
    // A lognormal "two weeks" deal (cv 0.5): its 5th percentile is 14 d · exp(−ln 1.25 / 2 −
    // 1.644854 √ln 1.25) = 5.757 d, 6 whole days, not the 0 of its lower bound. Then an
    // exponential re-tooling of mean 20 d: −20 d · ln 0.95 = 1.026 d, 1 day. Planned and
    // relaxed, the re-tooling ends on day 7 in every run.
    let mut scenario = line(
        vec![station("s", constant(HOUR))],
        Release::Saturated { limit: Some(1) },
        2.0 * DAY,
        0.0,
    );
    scenario.programme.tasks = vec![
        task("deal", Dist::lognormal(14.0 * DAY, 0.5).unwrap(), &[]),
        task("retooling", exp(20.0 * DAY), &[0]),
    ];
    assert_eq!(relaunch_core::programme::planned(&scenario).end, [6, 7]);
    let relaxed = Relaxations {
        programme: true,
        ..Relaxations::default()
    }
    .apply(&scenario);
    for replication in 0..20 {
        assert_eq!(
            relaunch_core::programme::draw(&relaxed, 3, replication).end,
            [6, 7]
        );
    }
}

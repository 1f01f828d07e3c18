//! The programme and common random numbers: results with tasks and risks that do not depend
//! on the thread count, and a task added that changes no other draw.

use jiff::civil::date;
use relaunch_core::Dist;
use relaunch_core::model::*;
use relaunch_core::montecarlo::{Forecast, forecast, run_replication};
use relaunch_core::programme;
use relaunch_core::sim::{Prepared, Relaxations};

use crate::build::*;
use crate::programme::uniform_days;
use crate::ramp::plant;

fn no_progress(_: u64) {}

/// A plant whose plan and one kit shipment follow uncertain tasks, with a task delay, a
/// shipping disruption and a yield drop in the register, learning and breakdowns on the line.
pub fn busy_programme() -> Scenario {
    let mut scenario = plant(40.0, 2, 24, 200);
    scenario.horizon_secs = 90.0 * DAY;
    scenario.stations[0].cycle = Dist::exponential(40.0 * MIN).unwrap();
    scenario.learning.first_pass_yield = Some(Yield {
        initial: 0.9,
        mature: 0.95,
    });
    scenario.kits = vec![Kit {
        id: "skd".to_string(),
        kind: KitKind::Skd,
        initial_stock: 50,
        orders: vec![KitOrder {
            first: date(2024, 1, 5),
            every_days: Some(7),
            quantity: 90,
            until: None,
        }],
        shipments: vec![KitShipment {
            arrives: date(2024, 1, 20),
            quantity: 100,
        }],
        lead_time: uniform_days(5.0, 15.0),
        unit_price: None,
        currency: None,
    }];
    scenario.products[0].kit = Some(0);
    scenario.programme.tasks = vec![
        task("deal", uniform_days(3.0, 20.0), &[]),
        task(
            "retooling",
            Dist::triangular(5.0 * DAY, 8.0 * DAY, 20.0 * DAY).unwrap(),
            &[0],
        ),
        task("customs", Dist::exponential(6.0 * DAY).unwrap(), &[0]),
    ];
    scenario.programme.risks = vec![
        task_risk("rework", 0.4, 1, 9.0),
        Risk {
            id: "strike".to_string(),
            probability: 0.3,
            impact: Impact::KitDelay {
                kit: 0,
                delay: uniform_days(2.0, 10.0),
                from: date(2024, 1, 10),
                until: date(2024, 2, 20),
            },
            implies: vec![2],
        },
        Risk {
            id: "dip".to_string(),
            probability: 0.2,
            impact: Impact::YieldDrop {
                drop: 0.3,
                from: date(2024, 2, 1),
                until: date(2024, 2, 14),
            },
            implies: vec![],
        },
    ];
    scenario.programme.anchors = vec![
        Anchor {
            slot: Slot::PlanPhase(0),
            task: 1,
            lag_days: 0,
            not_before: None,
        },
        Anchor {
            slot: Slot::KitShipment {
                kit: 0,
                shipment: 0,
            },
            task: 2,
            lag_days: 3,
            not_before: None,
        },
    ];
    programme::settle(&mut scenario);
    scenario
}

#[test]
fn results_with_a_programme_do_not_depend_on_the_thread_count() {
    let scenario = busy_programme();
    let at = |threads: usize| -> Forecast {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let mut result = forecast(&scenario, 9, 300, Relaxations::default(), &no_progress);
            programme::tornado(
                &scenario,
                9,
                300,
                Relaxations::default(),
                &mut result,
                &no_progress,
            );
            result
        })
    };
    let one = at(1);
    assert_eq!(format!("{one:?}"), format!("{:?}", at(2)));
    // Every risk occurred in some runs and not in others, and had an effect measured.
    for risk in &one.programme.as_ref().unwrap().risks {
        assert!(
            risk.occurrence > 0.0 && risk.occurrence < 1.0,
            "{}",
            risk.id
        );
        assert_eq!(risk.effects.len(), 1);
    }
}

#[test]
fn an_unrelated_task_changes_no_other_draw() {
    // Adding a task nothing follows leaves every other task's dates, every risk, the critical
    // chain (which follows the anchored tasks) and the line, replication by replication.
    let scenario = busy_programme();
    let mut more = scenario.clone();
    more.programme
        .tasks
        .insert(1, task("audit", uniform_days(1.0, 90.0), &[0]));
    for anchor in &mut more.programme.anchors {
        anchor.task += usize::from(anchor.task >= 1);
    }
    for risk in &mut more.programme.risks {
        if let Impact::TaskDelay { task, .. } = &mut risk.impact {
            *task += usize::from(*task >= 1);
        }
    }
    let (prepared, prepared_more) = (Prepared::new(&scenario), Prepared::new(&more));
    let mut retooling_ends = std::collections::BTreeSet::new();
    for replication in 0..40 {
        let base = run_replication(&scenario, &prepared, 2, replication);
        let other = run_replication(&more, &prepared_more, 2, replication);
        let (a, b) = (base.programme.unwrap(), other.programme.unwrap());
        let kept = |v: &[i64]| vec![v[0], v[2], v[3]];
        assert_eq!((&a.start, &a.end), (&kept(&b.start), &kept(&b.end)));
        assert_eq!(a.critical, [b.critical[0], b.critical[2], b.critical[3]]);
        assert_eq!((&a.occurred, &a.delay_days), (&b.occurred, &b.delay_days));
        assert_eq!(
            format!("{:?}", base.outcome),
            format!("{:?}", other.outcome)
        );
        retooling_ends.insert(a.end[1]);
    }
    // The dates did move from run to run: the comparison was not of constants.
    assert!(retooling_ends.len() > 5);
}

//! A small forecast for the chart builders' tests: two stations on a Mon–Fri two-shift
//! calendar with a holiday and a shutdown, fed from one kit supply, with a 48-unit pilot and a
//! rate milestone; and its report view.

use jiff::civil::{Date, date};
use relaunch_core::Dist;
use relaunch_core::model::*;
use relaunch_core::montecarlo::forecast;
use relaunch_core::sim::Relaxations;

use crate::ResultDocument;
use crate::html::Target;
use crate::view::report::ReportView;

const MIN: f64 = 60.0;
const HOUR: f64 = 3600.0;
const DAY: f64 = 86_400.0;

pub fn start() -> Date {
    date(2024, 1, 1)
}

pub fn scenario() -> Scenario {
    let station = |id: &str, cycle: Dist, failure: Option<Failure>| Station {
        id: id.to_string(),
        shop: None,
        servers: 1,
        cycle,
        buffer: Some(2),
        operators: 2,
        failure,
        inspection: false,
        rework: false,
    };
    Scenario {
        name: "charts".to_string(),
        start: start(),
        horizon_secs: 120.0 * DAY,
        warmup_secs: 0.0,
        seed: 11,
        replications: 40,
        calendar: Calendar::Shifts(ShiftCalendar {
            workdays: [true, true, true, true, true, false, false],
            shift_length_secs: 8.0 * HOUR,
            shifts: vec![ShiftPhase::always(2)],
            first_shift_start_secs: 6.0 * HOUR,
            holidays: vec![date(2024, 1, 8)],
            shutdowns: vec![Shutdown {
                from: date(2024, 2, 12),
                to: date(2024, 2, 18),
                reason: Some("winter".to_string()),
            }],
        }),
        stations: vec![
            station("body", Dist::lognormal(40.0 * MIN, 0.2).unwrap(), None),
            station(
                "final",
                Dist::exponential(55.0 * MIN).unwrap(),
                Some(Failure {
                    ttf: Dist::exponential(20.0 * HOUR).unwrap(),
                    ttr: Dist::exponential(30.0 * MIN).unwrap(),
                    crew: None,
                }),
            ),
        ],
        crews: vec![],
        products: vec![Product {
            id: "car".to_string(),
            route: vec![0, 1],
            mix: 1.0,
            kit: Some(0),
            cycles: Vec::new(),
        }],
        kits: vec![Kit {
            id: "skd".to_string(),
            kind: KitKind::Skd,
            initial_stock: 20,
            orders: vec![KitOrder {
                first: start(),
                every_days: Some(7),
                quantity: 60,
                until: None,
            }],
            shipments: vec![],
            lead_time: Dist::triangular(10.0 * DAY, 14.0 * DAY, 25.0 * DAY).unwrap(),
            unit_price: None,
            currency: None,
        }],
        workforce: None,
        learning: Learning {
            model: LearningModel::Crawford,
            rate: 0.85,
            first_unit_factor: 2.0,
            first_pass_yield: Some(Yield {
                initial: 0.8,
                mature: 0.95,
            }),
        },
        release: Release::Plan {
            phases: vec![PlanPhase {
                from: date(2024, 1, 3),
                per_day: 12,
            }],
            limit: None,
        },
        milestones: vec![
            Milestone {
                id: "pilot".to_string(),
                kind: MilestoneKind::Cumulative { units: 48 },
                due: Some(date(2024, 1, 19)),
            },
            Milestone {
                id: "rate".to_string(),
                kind: MilestoneKind::Rate {
                    per_day: 10.0,
                    window: 5,
                },
                due: Some(date(2024, 2, 29)),
            },
        ],
        localization: None,
        costs: None,
        programme: Default::default(),
        disruptions: Default::default(),
    }
}

/// The forecast of [`scenario`], 40 runs.
pub fn document() -> ResultDocument {
    let scenario = scenario();
    let result = forecast(&scenario, 11, 40, Relaxations::default(), &|_| {});
    ResultDocument::new(&scenario, &result, None)
}

/// The targets of [`scenario`]'s milestones.
pub fn targets() -> Vec<(String, Target)> {
    vec![
        ("pilot".to_string(), Target::Cumulative(48)),
        (
            "rate".to_string(),
            Target::Rate {
                per_day: 10.0,
                window: 5,
            },
        ),
    ]
}

/// The report view of `document` with [`targets`].
pub fn view<'a>(document: &'a ResultDocument, targets: &[(String, Target)]) -> ReportView<'a> {
    ReportView::new(document, targets, None, "0.0.0", None, &[])
}

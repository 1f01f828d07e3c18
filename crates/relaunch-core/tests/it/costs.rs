//! Costs priced by hand: a line with constant cycles, known shipments and known hires, whose
//! spend by category is computed to the unit.

use jiff::civil::date;
use relaunch_core::costs::{round_significant, standing_crew};
use relaunch_core::model::*;
use relaunch_core::montecarlo::{Forecast, forecast};
use relaunch_core::schedule::PlantCalendar;
use relaunch_core::sim::Relaxations;

use crate::build::*;

const PRICE: f64 = 1_200_000.0;

fn no_progress(_: u64) {}

fn run(scenario: &Scenario, replications: u64) -> Forecast {
    forecast(
        scenario,
        11,
        replications,
        Relaxations::default(),
        &no_progress,
    )
}

/// Two weeks from Monday 2024-01-01, Mon–Fri, one 8-hour shift; one station of 5 operators
/// with a constant 60-minute cycle; 2 planned starts a workday; 10 kits at 1,200,000 RUB arrive
/// on day 0 and 10 more on day 7; 5 people hired on day 0 and 3 on day 7, trained at once,
/// nobody leaving.
fn priced_line() -> Scenario {
    let mut station = station("assembly", constant(60.0 * MIN));
    station.operators = 5;
    let mut scenario = line(vec![station], plan(2, None), 14.0 * DAY, 0.0);
    scenario.calendar = weekdays(1);
    scenario.kits = vec![Kit {
        id: "skd".to_string(),
        kind: KitKind::Skd,
        initial_stock: 0,
        orders: vec![],
        shipments: vec![
            KitShipment {
                arrives: date(2024, 1, 1),
                quantity: 10,
            },
            KitShipment {
                arrives: date(2024, 1, 8),
                quantity: 10,
            },
        ],
        lead_time: constant(0.0),
        unit_price: Some(PRICE),
        currency: Some("RUB".to_string()),
    }];
    scenario.products[0].kit = Some(0);
    scenario.workforce = Some(Workforce {
        hires: vec![
            Hire {
                date: date(2024, 1, 1),
                count: 5,
            },
            Hire {
                date: date(2024, 1, 8),
                count: 3,
            },
        ],
        training_secs: 0.0,
        attrition_per_year: 0.0,
        ..Workforce::default()
    });
    scenario.costs = Some(Costs {
        currency: Some("RUB".to_string()),
        labour_per_head_day: 6_500.0,
        fixed_per_day: 2_000_000.0,
        carrying_per_year: 0.365,
    });
    scenario
}

#[test]
fn a_deterministic_line_costs_what_is_computed_by_hand() {
    // labour:   payroll 5 on days 0–6, 8 on days 7–13 (calendar days, weekends too):
    //           (7·5 + 7·8) · 6,500 = 91 · 6,500                       =    591,500
    // fixed:    14 days · 2,000,000                                     = 28,000,000
    // kits:     20 arrive in the horizon · 1,200,000                    = 24,000,000
    // carrying: 2 starts a workday take a kit each, so the end-of-day stock is 8, 6, 4, 2, 0
    //           Mon–Fri of each week and 0 at the weekend: 40 kit-days ·
    //           1,200,000 · 0.365 / 365 = 40 · 1,200                     =     48,000
    // total                                                             = 52,639,500
    // scrap:    none (no inspection), so the memo line is 0.
    // per good unit: 20 good units (2 a workday, 10 workdays): 52,639,500 / 20 = 2,631,975.
    let result = run(&priced_line(), 4);
    assert_eq!(result.good.mean, 20.0);
    let costs = result.costs.as_ref().expect("costs");
    assert_eq!(costs.currency.as_deref(), Some("RUB"));
    let exact = |value: f64, expected: f64| {
        assert_eq!(value.round(), expected, "{value}");
    };
    exact(costs.labour.mean.mean, 591_500.0);
    exact(costs.fixed.mean.mean, 28_000_000.0);
    exact(costs.kits.mean.mean, 24_000_000.0);
    exact(costs.carrying.mean.mean, 48_000.0);
    exact(costs.scrapped_kits.mean.mean, 0.0);
    exact(costs.total.mean.mean, 52_639_500.0);
    exact(costs.per_good_unit.mean.mean, 2_631_975.0);
    // Every replication is the same: the fan is the total to four significant digits.
    assert_eq!(costs.total.fan.p10, 52_640_000);
    assert_eq!(costs.total.fan.p90, 52_640_000);
    assert_eq!(costs.per_good_unit.p50, Some(2_632_000));
    assert_eq!(costs.per_good_unit.without_good, 0);
    // Day 0 spends 5 · 6,500 + 2,000,000 + 10 · 1,200,000 + 8 · 1,200 = 14,042,100, shown to
    // three significant digits; the last day's cumulative spend is the total.
    let spend = |day: usize| result.daily[day].cumulative_spend.expect("spend").p50;
    assert_eq!(spend(0), 14_000_000);
    assert_eq!(spend(13), round_significant(52_639_500.0, 3));
    assert_eq!(spend(13), 52_600_000);
}

#[test]
fn scrapped_units_cost_their_kit_within_the_kit_spend() {
    // A first-pass yield of 0 scraps every unit: the 20 units released scrap 20 kits,
    // 20 · 1,200,000 = 24,000,000, a memo within the kit spend, which stays as it was (the kits
    // were paid on arrival), and so does the total; no good unit, so no cost per good unit.
    let mut scenario = priced_line();
    scenario.learning.first_pass_yield = Some(Yield {
        initial: 0.0,
        mature: 0.0,
    });
    let result = run(&scenario, 3);
    assert_eq!(result.scrapped.mean, 20.0);
    let costs = result.costs.as_ref().expect("costs");
    assert_eq!(costs.scrapped_kits.mean.mean, 24_000_000.0);
    assert_eq!(costs.kits.mean.mean, 24_000_000.0);
    assert_eq!(costs.total.mean.mean.round(), 52_639_500.0);
    assert_eq!(costs.per_good_unit.p50, None);
    assert_eq!(costs.per_good_unit.without_good, 3);
}

#[test]
fn without_a_workforce_labour_pays_the_standing_crew() {
    // No [workforce]: the payroll is the operators of one shift (5) × the most shifts planned
    // on a day (2): 10 people every day, 14 · 10 · 6,500 = 910,000.
    let mut scenario = priced_line();
    scenario.workforce = None;
    scenario.calendar = weekdays(2);
    assert_eq!(standing_crew(&PlantCalendar::new(&scenario)), 10);
    let result = run(&scenario, 2);
    let costs = result.costs.as_ref().expect("costs");
    assert_eq!(costs.labour.mean.mean, 910_000.0);
}

#[test]
fn a_scenario_without_costs_has_none() {
    let mut scenario = priced_line();
    scenario.costs = None;
    let result = run(&scenario, 2);
    assert!(result.costs.is_none());
    assert!(
        result
            .daily
            .iter()
            .all(|day| day.cumulative_spend.is_none())
    );
}

#[test]
fn a_kit_priced_in_another_currency_is_a_model_problem() {
    let mut scenario = priced_line();
    scenario.kits[0].currency = Some("USD".to_string());
    let problems = scenario.check();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].key_path, "kit[0].currency");
    assert!(
        problems[0].message.contains("USD"),
        "{}",
        problems[0].message
    );
    assert!(
        problems[0].label.contains("\"RUB\""),
        "{}",
        problems[0].label
    );
    // A negative rate, from a way in that skipped the reader.
    let mut scenario = priced_line();
    if let Some(costs) = scenario.costs.as_mut() {
        costs.fixed_per_day = -1.0;
    }
    let paths: Vec<String> = scenario.check().into_iter().map(|p| p.key_path).collect();
    assert_eq!(paths, vec!["costs.fixed_per_day".to_string()]);
}

#[test]
fn ranking_by_cost_orders_by_the_p50_total_and_needs_costs_everywhere() {
    use relaunch_core::ranking::{RankBy, Ranking, Unrankable, rank};
    // The same line with 1,000,000 more overhead a day costs 14,000,000 more: it ranks second
    // though given first.
    let mut dear = priced_line();
    if let Some(costs) = dear.costs.as_mut() {
        costs.fixed_per_day = 3_000_000.0;
    }
    dear.milestones = vec![Milestone {
        id: "ten".to_string(),
        kind: MilestoneKind::Cumulative { units: 10 },
        due: None,
    }];
    let mut cheap = priced_line();
    cheap.milestones = dear.milestones.clone();
    let (dear, cheap) = (run(&dear, 2), run(&cheap, 2));
    assert_eq!(
        dear.costs.as_ref().expect("costs").total.mean.mean
            - cheap.costs.as_ref().expect("costs").total.mean.mean,
        14_000_000.0
    );
    let by_cost = Ranking {
        by: RankBy::Cost,
        milestone: None,
    };
    let ranked = rank(&[&dear, &cheap], &by_cost).expect("ranked");
    assert_eq!(ranked.order, vec![1, 0]);
    assert_eq!(ranked.milestone.as_deref(), Some("ten"));
    // A variant without costs, or in another currency, cannot be ranked by cost.
    let mut without = cheap.clone();
    without.costs = None;
    assert_eq!(rank(&[&dear, &without], &by_cost), Err(Unrankable::NoCosts));
    let mut dollars = cheap.clone();
    if let Some(costs) = dollars.costs.as_mut() {
        costs.currency = Some("USD".to_string());
    }
    assert_eq!(
        rank(&[&dear, &dollars], &by_cost),
        Err(Unrankable::CostCurrenciesDiffer)
    );
}

#[test]
fn ranking_by_cost_needs_no_shared_milestone() {
    use relaunch_core::ranking::{RankBy, Ranking, Unrankable, rank};
    // `dear` (14,000,000 more overhead over the horizon) has no milestone, `cheap` has "ten":
    // they share none, and the cost alone orders them.
    let mut dear = priced_line();
    if let Some(costs) = dear.costs.as_mut() {
        costs.fixed_per_day = 3_000_000.0;
    }
    dear.milestones = Vec::new();
    let mut cheap = priced_line();
    cheap.milestones = vec![Milestone {
        id: "ten".to_string(),
        kind: MilestoneKind::Cumulative { units: 10 },
        due: None,
    }];
    let (dear, cheap) = (run(&dear, 2), run(&cheap, 2));
    let by_cost = Ranking {
        by: RankBy::Cost,
        milestone: None,
    };
    let ranked = rank(&[&dear, &cheap], &by_cost).expect("ranked by cost alone");
    assert_eq!(ranked.order, vec![1, 0]);
    assert_eq!(ranked.milestone, None);
    // Equal costs keep the order given, whichever comes first.
    let twin = cheap.clone();
    let mut plain = cheap.clone();
    plain.milestones = Vec::new();
    assert_eq!(
        rank(&[&plain, &twin], &by_cost).expect("ranked").order,
        vec![0, 1]
    );
    assert_eq!(
        rank(&[&twin, &plain], &by_cost).expect("ranked").order,
        vec![0, 1]
    );
    // By date, a shared milestone is still needed.
    let by_date = Ranking::default();
    assert_eq!(
        rank(&[&dear, &cheap], &by_date),
        Err(Unrankable::NoSharedMilestone)
    );
}

#[test]
fn the_worst_case_takes_every_hire_every_kit_and_every_day() {
    use relaunch_core::costs::worst_case;
    let mut scenario = priced_line();
    // Orders of 4 kits every 7 days from the first day: dispatched on days 0 and 7 within the
    // 14 days (day 14 is past the horizon).
    scenario.kits[0].orders = vec![KitOrder {
        first: date(2024, 1, 1),
        every_days: Some(7),
        quantity: 4,
        until: None,
    }];
    let costs = scenario.costs.clone().expect("costs");
    let worst = worst_case(&scenario, &costs);
    // 8 people hired in all, on every one of the 14 days: 14 · 8 · 6,500.
    assert_eq!(worst.labour, 728_000.0);
    assert_eq!(worst.fixed, 28_000_000.0);
    // 20 shipped + 2 · 4 ordered = 28 kits at 1,200,000.
    assert_eq!(worst.kits, vec![33_600_000.0]);
    // All 28 in stock every day: 28 · 1,200,000 · 0.365 / 365 · 14 = 28 · 1,200 · 14.
    assert!(
        (worst.carrying - 470_400.0).abs() < 1e-6,
        "{}",
        worst.carrying
    );
    // Without a workforce, the standing crew: 5 operators at the one shift a day.
    scenario.workforce = None;
    assert_eq!(worst_case(&scenario, &costs).labour, 14.0 * 5.0 * 6_500.0);
    assert!(scenario.check().is_empty());
    // A million people (999,997 + 3) at 10^12 a day for 14 days is 1.4 · 10^19: refused at
    // the labour rate.
    let mut crowded = priced_line();
    if let Some(workforce) = crowded.workforce.as_mut() {
        workforce.hires[0].count = 999_997;
    }
    if let Some(costs) = crowded.costs.as_mut() {
        costs.labour_per_head_day = 1e12;
    }
    let problems = crowded.check();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].key_path, "costs.labour_per_head_day");
    assert!(
        problems[0].message.contains("1.400e19"),
        "{}",
        problems[0].message
    );
}

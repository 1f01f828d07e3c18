//! The optimiser against optima worked out by hand on small instances with no variance: one
//! kit, one wave of hires, constant cycles.

use relaunch_core::montecarlo::forecast;
use relaunch_core::sim::Relaxations;
use relaunch_plan::{PlanInputs, Reference, Tightening, propose};

/// Four weeks from Monday 1 January 2024; one station of one server with a constant 60-minute
/// cycle (8 a shift of 8 h), 2 operators a shift; kits 1,000 each with a 7-day lead time;
/// people 100 a day, trained in 7 days; 40 good cars due on Friday 26 January (day 25).
const HAND: &str = r#"
[scenario]
name = "hand"
start = "2024-01-01"
horizon = "28d"
seed = 1
replications = 20

[calendar]
workdays = ["mon", "tue", "wed", "thu", "fri"]
shift_length = "8h"
shifts = 1

[[station]]
id = "assembly"
servers = 1
cycle = "60min"
operators = 2

[[product]]
id = "car"
route = ["assembly"]
kit = "k"

[[kit]]
id = "k"
kind = "SKD"
initial_stock = 0
orders = [{ first = "2024-01-01", quantity = 40 }]
lead_time = "7d"
price = 1000
currency = "EUR"

[workforce]
hires = [{ date = "2024-01-01", count = 2 }]
training = "7d"
attrition_per_year = 0

[release]
plan = [{ from = "2024-01-01", per_day = 8 }]

[costs]
currency = "EUR"
labour_per_head_day = 100

[[milestone]]
id = "forty"
cumulative = 40
due = "2024-01-26"
"#;

fn exact_reference() -> Reference {
    Reference {
        cumulative_starts: vec![0.0; 28],
        good_per_start: 1.0,
        flow_days: 0,
        task_finish: Vec::new(),
        task_early: Vec::new(),
        task_late: Vec::new(),
    }
}

/// By hand: 40 cars at 8 a day need the 5 workdays of the last week (days 21–25), so the
/// 2 operators must be trained by day 21: hired on day 14 at the latest (the cheapest), paid
/// 14 days to the horizon: 2 × 100 × 14 = 2,800; and 40 kits: 40,000. Total 42,800.
#[test]
fn the_cost_of_the_proposal_is_the_hand_optimum() {
    let scenario = relaunch_scenario::load_str("hand.toml", HAND).expect("valid");
    let inputs = PlanInputs::derive(&scenario, &exact_reference(), &Tightening::none(&scenario));
    assert_eq!(inputs.staff_per_shift, 2);
    assert!((inputs.starts_per_shift[21] - 8.0).abs() < 1e-9);
    let proposal = propose(&inputs).expect("solved");
    assert!(
        (proposal.cost - 42_800.0).abs() < 1e-6,
        "cost {} (proposal {proposal:?})",
        proposal.cost
    );
    assert_eq!(proposal.hires, vec![(14, 2)]);
    assert_eq!(proposal.release, vec![(0, 0), (21, 8)]);
    let kits: u32 = proposal.orders[0].iter().map(|&(_, q)| q).sum();
    assert_eq!(kits, 40);
    assert!(proposal.orders[0].iter().all(|&(day, _)| day + 7 <= 21));
    assert_eq!(proposal.shortfalls, vec![0.0]);
}

/// Asking for the same 40 cars a week earlier (by day 18), and 60 by day 25. Up to the last
/// due date the release never steps down (a ramp), so every week after the first with starts
/// runs at least its rate to day 25, and each start costs a kit. Starting in week 1 (hires on
/// day 0, paid 28 days: 5,600) at 4 a day makes 40 by day 18 and 60 by day 25 (60,000):
/// 65,600. Starting in week 2 (hires on day 7: 4,200) needs 8 a day, 80 kits by day 25:
/// 84,200. So the first.
#[test]
fn an_earlier_due_date_starts_sooner_at_a_slower_rate() {
    let text = HAND.replace("due = \"2024-01-26\"", "due = \"2024-01-19\"")
        + "\n[[milestone]]\nid = \"sixty\"\ncumulative = 60\ndue = \"2024-01-26\"\n";
    let scenario = relaunch_scenario::load_str("hand.toml", &text).expect("valid");
    let inputs = PlanInputs::derive(&scenario, &exact_reference(), &Tightening::none(&scenario));
    let proposal = propose(&inputs).expect("solved");
    assert!(
        (proposal.cost - 65_600.0).abs() < 1e-6,
        "cost {} {proposal:?}",
        proposal.cost
    );
    assert_eq!(proposal.hires, vec![(0, 2)]);
    assert_eq!(proposal.release, vec![(0, 0), (7, 4)]);
}

/// The 40 cars by day 18 and nothing else due: after its last due date the plan makes what the
/// input planned (8 a day), no more. Starting in week 1 at 4 a day (hires on day 0: 5,600) makes
/// the 40 by day 18, then 8 a day in week 3: 80 kits, 85,600. Starting in week 2 at 8 a day
/// (hires on day 7: 4,200) makes 40 by day 18 and 40 in week 3: 80 kits, 84,200. So the second:
/// beyond the milestones the rate may change, and the input's is kept.
#[test]
fn after_the_last_due_date_the_plan_keeps_the_inputs_rate() {
    let text = HAND.replace("due = \"2024-01-26\"", "due = \"2024-01-19\"");
    let scenario = relaunch_scenario::load_str("hand.toml", &text).expect("valid");
    let inputs = PlanInputs::derive(&scenario, &exact_reference(), &Tightening::none(&scenario));
    let proposal = propose(&inputs).expect("solved");
    assert!(
        (proposal.cost - 84_200.0).abs() < 1e-6,
        "cost {} {proposal:?}",
        proposal.cost
    );
    assert_eq!(proposal.hires, vec![(7, 2)]);
    assert_eq!(proposal.release, vec![(0, 0), (14, 8)]);
    let kits: u32 = proposal.orders[0].iter().map(|&(_, q)| q).sum();
    assert_eq!(kits, 80);
}

/// 60 cars by day 25 cannot be made at 8 a day on one shift in the days the kits and the
/// training allow (at most 8 × 10 = 80 from day 14, but the kits of the first order arrive on
/// day 7 and people hired on day 0 are trained on day 7: 8 × 15 = 120 is the bound, so 60 is
/// possible); 200 is not: the shortfall says by how much.
#[test]
fn an_impossible_target_is_met_as_far_as_possible_and_its_shortfall_given() {
    let text = HAND.replace("cumulative = 40", "cumulative = 200");
    let scenario = relaunch_scenario::load_str("hand.toml", &text).expect("valid");
    let inputs = PlanInputs::derive(&scenario, &exact_reference(), &Tightening::none(&scenario));
    let proposal = propose(&inputs).expect("solved");
    // Workdays from day 7 (trained, kits in) to day 25: 3 weeks × 5 = 15, × 8 = 120.
    assert!(
        (proposal.shortfalls[0] - 80.0).abs() < 1e-6,
        "{:?}",
        proposal.shortfalls
    );
}

/// The simulation of the hand instance's input meets the milestone (the proposal's check has
/// nothing to tighten on a line without variance).
#[test]
fn the_plan_loop_meets_the_hand_instance_in_one_round() {
    let scenario = relaunch_scenario::load_str("hand.toml", HAND).expect("valid");
    let input = forecast(&scenario, 1, 20, Relaxations::default(), &|_| {});
    let inputs = PlanInputs::derive(
        &scenario,
        &Reference::of(&scenario, &input, 0.9),
        &Tightening::none(&scenario),
    );
    let proposal = propose(&inputs).expect("solved");
    assert!(proposal.shortfalls.iter().all(|&s| s == 0.0));
}

/// By hand (the binomial tail): 25 people a shift, each present with 0.98 — 26 hires have all
/// 25 there with P = 0.9052, 25 hires only 0.6035; two shifts (50) need 52 (0.9141; 51: 0.7283).
/// On the means, 25 / 0.98.
#[test]
fn shifts_are_staffed_at_the_confidence_by_the_binomial_tail() {
    use relaunch_plan::inputs::heads_needed;
    assert_eq!(heads_needed(25.0, 0.98, Some(0.9)), 26.0);
    assert_eq!(heads_needed(25.0, 0.98, Some(0.95)), 27.0);
    assert_eq!(heads_needed(50.0, 0.98, Some(0.9)), 52.0);
    assert_eq!(heads_needed(25.0, 1.0, Some(0.99)), 25.0);
    assert!((heads_needed(25.0, 0.98, None) - 25.0 / 0.98).abs() < 1e-12);
    assert_eq!(heads_needed(0.0, 0.98, Some(0.9)), 0.0);
}

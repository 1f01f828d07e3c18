//! Dates that start `after` a task: every anchored key reads into its `Anchor` and slot, holds
//! its planned date once read (hand-computed below); plan and shift phases stay in file order,
//! each held back to the one above it, and hires and shipments are sorted by date.

use relaunch_core::model::{Anchor, Calendar, Release, Slot};
use relaunch_scenario::load_str;

use crate::support::check;

/// Day 0 is Monday 2024-01-08. Task `deal` takes 10 days (days 0..=9): what follows it starts
/// on day 10, 2024-01-18, plus its lag.
const ANCHORED: &str = r#"[scenario]
name = "anchored"
start = "2024-01-08"
horizon = "200d"

[calendar]
shifts = [{ from = "2024-01-08", count = 1 }, { after = "deal", lag = "-2d", count = 2 }]

[[station]]
id = "line"
cycle = "1h"
operators = 1

[[product]]
id = "car"
route = ["line"]
kit = "k"

[[kit]]
id = "k"
orders = [{ after = "deal", every = "7d", quantity = 5 }]
shipments = [{ arrives = "2024-03-01", quantity = 3 }, { after = "deal", lag = "1w", quantity = 4 }]

[workforce]
hires = [{ after = "deal", count = 3 }, { date = "2024-01-08", count = 2 }]

[release]
plan = [
  { from = "2024-01-08", per_day = 1 },
  { after = "deal", lag = "3d", per_day = 4 },
  { from = "2024-01-15", per_day = 2 },
]

[localization]
item = [{ id = "seats", points = 10, after = "deal", lag = "30d" }, { id = "glass", points = 5 }]

[[task]]
id = "deal"
duration = { dist = "uniform", min = "10d", max = "40d" }
"#;

fn date(text: &str) -> jiff::civil::Date {
    text.parse().expect("a date")
}

#[test]
fn every_anchored_key_holds_its_planned_date_and_its_slot() {
    let scenario = load_str("anchored.toml", ANCHORED).expect("reads");
    let anchor = |slot, lag_days| Anchor {
        slot,
        task: 0,
        lag_days,
        not_before: None,
    };
    let mut anchors = scenario.programme.anchors.clone();
    anchors.sort_by_key(|a| a.slot);
    assert_eq!(
        anchors,
        [
            // Plan: in file order, the anchored phase second.
            anchor(Slot::PlanPhase(1), 3),
            // Shifts: 01-08, then the anchored 01-16 (day 10 - 2).
            anchor(Slot::ShiftPhase(1), -2),
            // Hires: the dated 01-08 first, then the anchored 01-18.
            anchor(Slot::Hire(1), 0),
            anchor(Slot::KitOrder { kit: 0, order: 0 }, 0),
            // Shipments: the anchored 01-25 (day 10 + 7) before the dated 03-01.
            anchor(
                Slot::KitShipment {
                    kit: 0,
                    shipment: 0
                },
                7
            ),
            anchor(Slot::LocalizationItem(0), 30),
        ]
    );
    let Release::Plan { phases, .. } = &scenario.release else {
        panic!("a plan");
    };
    // The anchored phase starts on 01-21 (day 10 + 3); the dated 01-15 below it waits for it
    // and, starting the same day, holds from then on (the anchored one gives way).
    let plan: Vec<(jiff::civil::Date, u32)> = phases.iter().map(|p| (p.from, p.per_day)).collect();
    assert_eq!(
        plan,
        [
            (date("2024-01-08"), 1),
            (date("2024-01-21"), 4),
            (date("2024-01-21"), 2)
        ]
    );
    let Calendar::Shifts(calendar) = &scenario.calendar else {
        panic!("shifts");
    };
    let shifts: Vec<(Option<jiff::civil::Date>, u32)> =
        calendar.shifts.iter().map(|p| (p.from, p.count)).collect();
    assert_eq!(
        shifts,
        [(Some(date("2024-01-08")), 1), (Some(date("2024-01-16")), 2)]
    );
    let workforce = scenario.workforce.as_ref().expect("a workforce");
    let hires: Vec<(jiff::civil::Date, u32)> =
        workforce.hires.iter().map(|h| (h.date, h.count)).collect();
    assert_eq!(hires, [(date("2024-01-08"), 2), (date("2024-01-18"), 3)]);
    let kit = &scenario.kits[0];
    assert_eq!(kit.orders[0].first, date("2024-01-18"));
    assert_eq!(kit.orders[0].every_days, Some(7));
    let shipments: Vec<(jiff::civil::Date, u32)> = kit
        .shipments
        .iter()
        .map(|s| (s.arrives, s.quantity))
        .collect();
    assert_eq!(
        shipments,
        [(date("2024-01-25"), 4), (date("2024-03-01"), 3)]
    );
    let items = &scenario.localization.as_ref().expect("localization").items;
    // Day 10 + 30 = day 40, 2024-02-17.
    assert_eq!(items[0].from, Some(date("2024-02-17")));
    assert_eq!(items[1].from, None);
}

/// `ANCHORED` with one line replaced (1-based).
fn anchored_with(line: usize, replacement: &str) -> String {
    let mut lines: Vec<&str> = ANCHORED.lines().collect();
    lines[line - 1] = replacement;
    lines.join("\n") + "\n"
}

/// A date beside `after` is a floor: the entry starts on the later of the two. `deal` ends on
/// day 10 (2024-01-18) at its shortest, so a hire dated 2024-02-01 keeps its date, one dated
/// 2024-01-10 moves to 2024-01-18 with the task, and a phase dated 2024-01-09 with a 3-day lag
/// moves to 2024-01-21; in each replication the later of the two holds again.
#[test]
fn a_date_beside_after_is_the_earliest_the_entry_may_start() {
    let text = anchored_with(
        25,
        "hires = [{ date = \"2024-02-01\", after = \"deal\", count = 3 }, \
         { date = \"2024-01-10\", after = \"deal\", count = 2 }]",
    );
    let scenario = load_str("floor.toml", &text).expect("reads");
    let workforce = scenario.workforce.as_ref().expect("a workforce");
    let hires: Vec<(jiff::civil::Date, u32)> =
        workforce.hires.iter().map(|h| (h.date, h.count)).collect();
    assert_eq!(hires, [(date("2024-01-18"), 2), (date("2024-02-01"), 3)]);
    let floors: Vec<Option<jiff::civil::Date>> = scenario
        .programme
        .anchors
        .iter()
        .filter(|a| matches!(a.slot, Slot::Hire(_)))
        .map(|a| a.not_before)
        .collect();
    assert_eq!(floors, [Some(date("2024-02-01")), Some(date("2024-01-10"))]);
    let text = anchored_with(
        30,
        "  { from = \"2024-01-09\", after = \"deal\", lag = \"3d\", per_day = 4 },",
    );
    let scenario = load_str("floor.toml", &text).expect("reads");
    let Release::Plan { phases, .. } = &scenario.release else {
        panic!("a plan");
    };
    assert_eq!(phases[1].from, date("2024-01-21"));
    assert_eq!(phases[1].per_day, 4);
}

#[test]
fn a_date_or_after_and_a_known_task() {
    check(
        &anchored_with(25, "hires = [{ count = 3 }]"),
        &["bad.toml:25:10: missing key `date` in element 1 of `hires` in [workforce]"],
    );
    check(
        &anchored_with(
            25,
            "hires = [{ date = \"2024-01-08\", lag = \"2d\", count = 3 }]",
        ),
        &["bad.toml:25:33: `lag` in element 1 of `hires` in [workforce] is only for `after`"],
    );
    check(
        &anchored_with(
            21,
            "orders = [{ after = \"dael\", every = \"7d\", quantity = 5 }]",
        ),
        &[
            "bad.toml:21:21: unknown task `dael` in `after` in element 1 of `orders` in [[kit]] \"k\"",
        ],
    );
    check(
        &anchored_with(
            22,
            "shipments = [{ after = \"deal\", lag = \"12h\", quantity = 4 }]",
        ),
        &[
            "bad.toml:22:38: `lag` in element 1 of `shipments` in [[kit]] \"k\" is \"12h\": a lag is whole days",
        ],
    );
    // The order rule holds among the dated phases only: 01-15 after 01-08 is fine above, and
    // a dated phase before an earlier dated one is still refused.
    check(
        &anchored_with(31, "  { from = \"2024-01-07\", per_day = 2 },"),
        &["bad.toml:31:12: `plan` in [release] is not sorted: 2024-01-07 is not after 2024-01-08"],
    );
}

#[test]
fn a_model_problem_on_a_phase_after_an_anchored_one_is_placed_at_the_entry_written() {
    // Phases keep their file order: the model's `release.plan[2]` is the file's third phase,
    // on line 31, though the anchored one above it (planned 2024-01-21) holds it back.
    let text = ANCHORED.replace(
        "  { from = \"2024-01-15\", per_day = 2 },",
        "  { from = \"2024-01-15\", per_day = 2000000 },",
    );
    check(
        &text,
        &["bad.toml:31:36: `per_day` in element 3 of `plan` in [release] is 2000000, out of range"],
    );
}

#[test]
fn a_warning_on_a_phase_held_back_is_placed_at_the_entry_written() {
    // One shift of 8 h at 1 h a car: at most 8 starts a day. The dated phase of 2024-01-09 asks
    // for 50; the anchored one above it (planned 2024-01-18, day 10) holds it back to 01-18,
    // where it takes over: the model's `release.plan[1]`, the file's second phase, line 24.
    let text = crate::support::minimal_with(
        &[(8, "cycle = \"1h\""), (14, ""), (15, "")],
        "[calendar]\nshifts = 1\n[[task]]\nid = \"deal\"\nduration = \"10d\"\n\
         [release]\nplan = [\n  { after = \"deal\", per_day = 1 },\n  { from = \"2024-01-09\", per_day = 50 },\n]\n",
    );
    let (scenario, places) =
        relaunch_scenario::load_str_with_places("anchored.toml", &text).expect("reads");
    let placed: Vec<(usize, usize, &'static str)> =
        relaunch_core::preflight::preflight_warnings(&scenario)
            .iter()
            .map(|warning| places.place(warning))
            .map(|placed| {
                (
                    placed.diagnostic.line,
                    placed.diagnostic.column,
                    placed.code,
                )
            })
            .collect();
    assert!(
        placed.contains(&(24, 26, "plan-above-capacity")),
        "{placed:?}\n{text}"
    );
}

#[test]
fn a_warning_on_a_sorted_shipment_is_placed_at_the_entry_written() {
    // Starts begin Monday 2024-01-08 with no kit on hand. The anchored shipment arrives on day
    // 1 + 2 = 2024-01-11 and sorts before the dated one of 2024-01-15: the model's
    // `kit[0].shipments[0]` is the file's second shipment, line 25 from column 59.
    let text = crate::support::minimal_with(
        &[
            (12, "route = [\"trim-1\"]\nkit = \"k\""),
            (14, ""),
            (15, ""),
        ],
        "[calendar]\nshifts = 1\n[[task]]\nid = \"t\"\nduration = \"1d\"\n\
         [[kit]]\nid = \"k\"\ninitial_stock = 0\nshipments = [{ arrives = \"2024-01-15\", \
         quantity = 1000 }, { after = \"t\", lag = \"2d\", quantity = 1000 }]\n\
         [release]\nplan = [{ from = \"2024-01-08\", per_day = 12 }]\n",
    );
    let (scenario, places) =
        relaunch_scenario::load_str_with_places("kits.toml", &text).expect("reads");
    let arrives: Vec<jiff::civil::Date> = scenario.kits[0]
        .shipments
        .iter()
        .map(|s| s.arrives)
        .collect();
    assert_eq!(arrives, [date("2024-01-11"), date("2024-01-15")]);
    let placed: Vec<(usize, usize, &'static str)> =
        relaunch_core::preflight::preflight_warnings(&scenario)
            .iter()
            .map(|warning| places.place(warning))
            .map(|placed| {
                let d = placed.diagnostic;
                (d.line, d.column, placed.code)
            })
            .collect();
    assert_eq!(placed, [(25, 59, "kits-too-late")], "{text}");
}

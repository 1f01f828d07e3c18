//! The programme in the outputs: the `programme` object of the result document, the text
//! tables, `tasks.csv`, `risks.csv`, the workbook's sheets and the report's Gantt chart and
//! risk tornado, on a small scenario whose programme dates are hand-computed.
//!
//! The programme (start Monday 1 January 2024, calendar days): `deal` takes 14 days (days 0–13,
//! last day 14 Jan), `retool` follows it and takes 10 (days 14–23, last day 24 Jan) or 17 when
//! the risk `late-press` (probability ½) adds 7 (last day 31 Jan); `certify` runs beside them
//! from day 0 for a whole number of days rounded from uniform(20, 30): 20 and 30 with
//! probability 0.05 each, 21 … 29 with 0.1 each. `launch` (2 days) follows both, and the line's
//! release plan starts after `launch`. `retool` sets `launch`'s start (and so is critical) when
//! it ends no earlier than `certify` (a tie goes to the first predecessor, `retool`): always
//! with the risk, else when `certify` takes at most 24 days (0.45): 0.5 · 1 + 0.5 · 0.45 =
//! 0.725.
//!
//! `gantt`: the Gantt chart's time axis, cut after the horizon, and its shaded days.

mod gantt;
#[path = "../pages/mod.rs"]
mod pages;

use calamine::{Data, Reader, Xlsx};
use jiff::civil::date;
use relaunch_core::Dist;
use relaunch_core::model::*;
use relaunch_core::montecarlo::{Forecast, RiskEffect, forecast};
use relaunch_core::sim::Relaxations;
use relaunch_report::ResultDocument;
use relaunch_report::csv_export::{risks_csv, tasks_csv};
use relaunch_report::html::{esc, report_html};
use relaunch_report::{summary, xlsx};

const DAY: f64 = 86_400.0;
const REPLICATIONS: u64 = 400;

fn task(id: &str, duration: Dist, after: &[usize]) -> Task {
    Task {
        id: id.to_string(),
        duration,
        after: after
            .iter()
            .map(|&task| Predecessor { task, lag_days: 0 })
            .collect(),
        not_before: None,
        workdays: false,
    }
}

fn days(n: f64) -> Dist {
    Dist::constant(n * DAY).unwrap()
}

/// One station fed by a plan that starts after `launch`; the programme of the module's notes.
pub fn scenario() -> Scenario {
    let mut scenario = Scenario {
        name: "gated line".to_string(),
        start: date(2024, 1, 1),
        horizon_secs: 90.0 * DAY,
        warmup_secs: 0.0,
        seed: 5,
        replications: REPLICATIONS as u32,
        calendar: Calendar::AlwaysOn,
        stations: vec![Station {
            id: "final".to_string(),
            shop: None,
            servers: 1,
            cycle: Dist::constant(600.0).unwrap(),
            buffer: None,
            operators: 0,
            failure: None,
            inspection: false,
            rework: false,
        }],
        crews: vec![],
        products: vec![Product {
            id: "car".to_string(),
            route: vec![0],
            mix: 1.0,
            kit: None,
            cycles: Vec::new(),
        }],
        kits: vec![],
        workforce: None,
        learning: Learning::default(),
        release: Release::Plan {
            phases: vec![PlanPhase {
                from: date(2024, 1, 1),
                per_day: 10,
            }],
            limit: None,
        },
        milestones: vec![
            Milestone {
                id: "retooled".to_string(),
                kind: MilestoneKind::Task { task: 1 },
                due: Some(date(2024, 1, 28)),
            },
            Milestone {
                id: "first-100".to_string(),
                kind: MilestoneKind::Cumulative { units: 100 },
                due: Some(date(2024, 3, 1)),
            },
        ],
        localization: None,
        costs: None,
        programme: Programme {
            tasks: vec![
                task("deal", days(14.0), &[]),
                task("retool", days(10.0), &[0]),
                task(
                    "certify",
                    Dist::uniform(20.0 * DAY, 30.0 * DAY).unwrap(),
                    &[],
                ),
                task("launch", days(2.0), &[1, 2]),
            ],
            risks: vec![Risk {
                id: "late-press".to_string(),
                probability: 0.5,
                impact: Impact::TaskDelay {
                    task: 1,
                    delay: days(7.0),
                },
                implies: vec![],
            }],
            anchors: vec![Anchor {
                slot: Slot::PlanPhase(0),
                task: 3,
                lag_days: 0,
                not_before: None,
            }],
            ..Default::default()
        },
        disruptions: Default::default(),
    };
    relaunch_core::programme::settle(&mut scenario);
    scenario
}

/// The forecast, with the risk's effects filled in by hand as the tornado would (its own tests
/// are the core's): 7 days on `retooled`'s P90 and half its on-time chance.
pub fn forecast_with_effects(scenario: &Scenario) -> Forecast {
    let mut result = forecast(scenario, 5, REPLICATIONS, Relaxations::default(), &|_| {});
    let programme = result.programme.as_mut().expect("a programme");
    programme.risks[0].effects = vec![
        RiskEffect {
            milestone: "retooled".to_string(),
            p50_days: Some(0),
            p90_days: Some(7),
            on_time_loss: Some(0.5),
        },
        RiskEffect {
            milestone: "first-100".to_string(),
            p50_days: Some(-1),
            p90_days: Some(7),
            on_time_loss: Some(0.0),
        },
    ];
    result
}

fn document() -> ResultDocument {
    let scenario = scenario();
    ResultDocument::new(&scenario, &forecast_with_effects(&scenario), None)
}

/// `|x − expected| ≤ 3` standard errors of a share of `REPLICATIONS` runs.
fn assert_share(x: f64, expected: f64, what: &str) {
    let se = (expected * (1.0 - expected) / REPLICATIONS as f64).sqrt();
    assert!(
        (x - expected).abs() <= 3.0 * se,
        "{what}: {x} is not within 3 standard errors ({se}) of {expected}"
    );
}

#[test]
fn the_json_section_holds_the_forecasts_numbers() {
    let scenario = scenario();
    let result = forecast_with_effects(&scenario);
    let document = ResultDocument::new(&scenario, &result, None);
    let programme = document.programme.as_ref().expect("a programme section");
    let forecast = result.programme.as_ref().unwrap();
    assert_eq!(programme.tasks.len(), 4);
    for (doc, task) in programme.tasks.iter().zip(&forecast.tasks) {
        assert_eq!(doc.id, task.id);
        assert_eq!(doc.start.p10, task.start.p10.to_string());
        assert_eq!(doc.start.p90, task.start.p90.to_string());
        assert_eq!(doc.finish.p50, task.finish.p50.to_string());
        assert_eq!(doc.criticality, task.criticality);
        assert!((doc.duration_days.mean - task.duration_days.mean).abs() < 1e-6);
    }
    // Hand-computed dates: deal 1–14 Jan always; retool from 15 Jan, its last day 24 Jan
    // without the risk (P10) and 31 Jan with it (P90).
    let [deal, retool, certify, launch] = &programme.tasks[..] else {
        panic!("four tasks")
    };
    assert_eq!(
        (deal.start.p50.as_str(), deal.finish.p90.as_str()),
        ("2024-01-01", "2024-01-14")
    );
    assert_eq!(deal.duration_days.mean, 14.0);
    assert_eq!(retool.start.p10, "2024-01-15");
    assert_eq!(retool.finish.p10, "2024-01-24");
    assert_eq!(retool.finish.p90, "2024-01-31");
    assert_eq!(certify.start.p50, "2024-01-01");
    // Critical chains: launch always, certify when retool is not, retool 0.725.
    assert_eq!(launch.criticality, 1.0);
    assert_share(retool.criticality, 0.725, "retool's criticality");
    assert_eq!(deal.criticality, retool.criticality, "deal drives retool");
    assert!((certify.criticality + retool.criticality - 1.0).abs() < 1e-9);
    // The risk: its probability from the scenario, its occurrence from the runs, the effects.
    let risk = &programme.risks[0];
    assert_eq!((risk.id.as_str(), risk.probability), ("late-press", 0.5));
    assert_eq!(risk.occurrence, forecast.risks[0].occurrence);
    assert_share(risk.occurrence, 0.5, "late-press's occurrence");
    assert_eq!(risk.effects.len(), 2);
    assert_eq!(risk.effects[0].p90_days, Some(7));
    // The task milestone is a milestone as any other, naming its task; on time without the
    // risk only.
    let retooled = &document.milestones[0];
    assert_eq!(retooled.task.as_deref(), Some("retool"));
    assert_eq!(document.milestones[1].task, None);
    assert_eq!(
        retooled.on_time_probability,
        Some(1.0 - risk.occurrence),
        "late exactly when the risk occurred"
    );
    let json: serde_json::Value = serde_json::from_str(&document.to_json()).unwrap();
    assert_eq!(json["programme"]["tasks"][1]["finish"]["p90"], "2024-01-31");
    assert_eq!(json["programme"]["tasks"][0]["duration_days"]["mean"], 14.0);
    assert_eq!(json["programme"]["risks"][0]["probability"], 0.5);
    assert_eq!(
        json["programme"]["risks"][0]["effects"][0]["on_time_loss"],
        0.5
    );
    assert_eq!(json["milestones"][0]["task"], "retool");
    assert!(json["milestones"][1].get("task").is_none());
}

#[test]
fn a_scenario_without_a_programme_has_no_programme_anywhere() {
    let mut scenario = scenario();
    scenario.programme = Programme::default();
    scenario.milestones.remove(0);
    let result = forecast(&scenario, 5, 20, Relaxations::default(), &|_| {});
    let document = ResultDocument::new(&scenario, &result, None);
    assert!(document.programme.is_none());
    let json = document.to_json();
    for key in ["\"programme\"", "\"task\"", "\"tasks\"", "\"risks\""] {
        assert!(
            !json.contains(key),
            "{key} in a document without a programme"
        );
    }
    let text = summary::text(&document);
    assert!(!text.contains("critical") && !text.contains("fixed date"));
    assert!(!xlsx::sheet_names(&document).contains(&"tasks"));
    assert!(!report_html(&document).contains("<section id=\"programme\""));
}

#[test]
fn the_text_summary_has_the_programme_and_risk_tables() {
    let document = document();
    let text = summary::text(&document);
    if let Ok(path) = std::env::var("RELAUNCH_PROGRAMME_TEXT_OUT") {
        std::fs::write(path, &text).unwrap();
    }
    let programme = document.programme.as_ref().unwrap();
    let critical = |i: usize| relaunch_report::words::percent(programme.tasks[i].criticality);
    // The paragraph names the task most often critical among those that are not always:
    // deal and retool (0.725), retool finishing later.
    assert!(summary::paragraph(&document).contains(&format!(
        "The critical chain runs through retool in {} of runs.",
        critical(1)
    )));
    // Runs where an entry's own date, later than its task's, sets it are said.
    let mut floored = programme.clone();
    floored.fixed_date_share = 0.25;
    assert_eq!(
        summary::programme::sentence(&floored),
        Some(format!(
            "The critical chain runs through retool in {} of runs; in 25% of runs a fixed \
             date sets it.",
            critical(1)
        ))
    );
    for task in &mut floored.tasks {
        task.criticality = 0.0;
    }
    floored.fixed_date_share = 1.0;
    assert_eq!(
        summary::programme::sentence(&floored).as_deref(),
        Some("No task is critical: in every run a fixed date sets the latest date after a task.")
    );
    // With certify always shorter, one chain sets it in every run.
    let mut single = programme.clone();
    for (task, share) in single.tasks.iter_mut().zip([1.0, 1.0, 0.0, 1.0]) {
        task.criticality = share;
    }
    assert_eq!(
        summary::programme::sentence(&single).as_deref(),
        Some("The critical chain is deal, retool and launch in every run.")
    );
    let table = [
        "task                   start P50  finish P10  finish P50  finish P90  critical"
            .to_string(),
        format!(
            "deal                  2024-01-01  2024-01-14  2024-01-14  2024-01-14 {:>9}",
            critical(0)
        ),
        format!(
            "retool                2024-01-15  2024-01-24  {}  2024-01-31 {:>9}",
            programme.tasks[1].finish.p50,
            critical(1)
        ),
    ]
    .join("\n");
    assert!(text.contains(&table), "no programme table in\n{text}");
    // The milestone table comes first, then the programme, then the risks.
    let at = |needle: &str| text.find(needle).unwrap();
    assert!(at("milestone ") < at("task ") && at("task ") < at("risk "));
    let risks = [
        "risk                 probability  occurred  milestone            P90 added on time lost"
            .to_string(),
        format!(
            "late-press                   50% {:>9}  retooled                  +7 d     50.0 pts",
            relaunch_report::words::percent(programme.risks[0].occurrence)
        ),
        format!(
            "{}  first-100                 +7 d      0.0 pts",
            " ".repeat(42)
        ),
    ]
    .join("\n");
    assert!(text.contains(&risks), "no risk table in\n{text}");
}

#[test]
fn tasks_and_risks_csv_have_their_columns() {
    let document = document();
    let programme = document.programme.as_ref().unwrap();
    let tasks = tasks_csv(programme).unwrap();
    let lines: Vec<&str> = tasks.lines().collect();
    assert_eq!(
        lines[0],
        "id,start_p10,start_p50,start_p90,finish_p10,finish_p50,finish_p90,duration_mean,criticality"
    );
    assert_eq!(lines.len(), 5);
    assert_eq!(
        lines[1],
        format!(
            "deal,2024-01-01,2024-01-01,2024-01-01,2024-01-14,2024-01-14,2024-01-14,14,{}",
            programme.tasks[0].criticality
        )
    );
    let risks = risks_csv(programme).unwrap();
    let occurrence = programme.risks[0].occurrence;
    assert_eq!(
        risks,
        format!(
            "risk,milestone,probability,occurrence,p50_days,p90_days,on_time_loss\n\
             late-press,retooled,0.5,{occurrence},0,7,0.5\n\
             late-press,first-100,0.5,{occurrence},-1,7,0\n"
        ),
        "one row per milestone; a negative number stays a number"
    );
    // A risk whose effects were not computed has one row, its milestone cells empty; ids that
    // look like formulas are escaped as in every CSV.
    let mut programme = programme.clone();
    programme.risks[0].effects.clear();
    programme.risks[0].id = "=cmd()".to_string();
    assert_eq!(
        risks_csv(&programme).unwrap().lines().nth(1),
        Some(format!("'=cmd(),,0.5,{occurrence},,,").as_str())
    );
}

#[test]
fn the_workbook_has_tasks_and_risks_sheets() {
    let document = document();
    let names = xlsx::sheet_names(&document);
    assert_eq!(names[names.len() - 2..], ["tasks", "risks"]);
    let bytes = xlsx::workbook(&document).unwrap();
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), names);
    let tasks = workbook.worksheet_range("tasks").unwrap();
    assert_eq!(tasks.height(), 5);
    assert_eq!(tasks.get((0, 8)), Some(&Data::String("criticality".into())));
    assert_eq!(tasks.get((2, 0)), Some(&Data::String("retool".into())));
    assert_eq!(tasks.get((1, 7)), Some(&Data::Float(14.0)));
    let risks = workbook.worksheet_range("risks").unwrap();
    assert_eq!(risks.height(), 3);
    assert_eq!(risks.get((2, 1)), Some(&Data::String("first-100".into())));
    assert_eq!(risks.get((2, 4)), Some(&Data::Float(-1.0)));
    assert_eq!(risks.get((1, 6)), Some(&Data::Float(0.5)));
}

/// The text of `<section id="ID"> … </section>`.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let open = format!("<section id=\"{id}\"");
    let from = html
        .find(&open)
        .unwrap_or_else(|| panic!("no section {id}"));
    let to = html[from..].find("</section>").expect("section closed") + from;
    &html[from..to]
}

#[test]
fn the_report_draws_a_gantt_chart_and_the_risk_tornado() {
    let document = document();
    let html = report_html(&document);
    if let Ok(path) = std::env::var("RELAUNCH_PROGRAMME_HTML_OUT") {
        std::fs::write(path, &html).unwrap();
    }
    // After the milestone table, before the fan chart.
    let at = |id: &str| html.find(&format!("<section id=\"{id}\"")).unwrap();
    assert!(at("milestones") < at("programme") && at("programme") < at("cumulative"));
    let programme = section(&html, "programme");
    let charts = pages::specs(programme);
    assert_eq!(
        charts.len(),
        3,
        "the Gantt chart and a tornado per milestone with a due date"
    );
    let gantt = &charts[0];
    assert_eq!(gantt.kind, relaunch_report::charts::ChartKind::Gantt);
    // One row per task, in file order. Retool's finish spreads (24 to 31 Jan), its start does
    // not (15 Jan); certify's finish spreads, and launch's start and finish.
    let labels: Vec<&str> = gantt.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["deal", "retool", "certify", "launch"]);
    let day = |y, m, d| (date(y, m, d) - date(1970, 1, 1)).get_days() as f64;
    let retool = &gantt.rows[1];
    assert_eq!(retool.start, [day(2024, 1, 15); 3]);
    // A finish is drawn at the end of its day.
    assert_eq!(retool.finish[0], day(2024, 1, 24) + 1.0);
    assert_eq!(retool.finish[2], day(2024, 1, 31) + 1.0);
    let spreads = |f: [f64; 3]| f[0] != f[2];
    assert_eq!(gantt.rows.iter().filter(|r| spreads(r.finish)).count(), 3);
    assert_eq!(gantt.rows.iter().filter(|r| spreads(r.start)).count(), 1);
    // Shading by criticality: launch, always critical, in the darkest colour of the keys.
    assert!(
        gantt
            .keys
            .iter()
            .any(|k| k.label == "always critical" && k.color == "#b3261e")
    );
    assert_eq!(gantt.rows[3].color, "#b3261e");
    assert!(gantt.rows[3].note.starts_with("launch: starts"));
    assert_eq!(gantt.rows[3].end_label, "100%");
    // The due date of the task milestone: a red marker with its label and a mark on retool's
    // row, at the end of the due day.
    assert_eq!(gantt.markers.len(), 1);
    assert_eq!(gantt.markers[0].label, "retooled due 28 Jan");
    assert_eq!(retool.due, [day(2024, 1, 28) + 1.0]);
    assert!(gantt.rows.iter().filter(|r| !r.due.is_empty()).count() == 1);
    // The date axis starts on the horizon's first day.
    assert_eq!(gantt.x.min, Some(day(2024, 1, 1)));
    // The tornadoes: late-press adds 7 days to each milestone's P90.
    let tornado = &charts[1];
    assert_eq!(tornado.title, "days added to the P90 of retooled by risk");
    assert_eq!(tornado.categories, ["late-press"]);
    assert_eq!(tornado.series[0].values, [Some(7.0)]);
    assert_eq!(tornado.y.unit, " d");
    assert_eq!(
        charts[2].title,
        "days added to the P90 of first-100 by risk"
    );
    // The tables.
    assert!(programme.contains("<td><b>retool</b></td><td>15 Jan 2024</td><td>24 Jan 2024</td>"));
    assert!(
        programme.contains(
            "<td>retooled</td><td class=\"num\">+7 d</td><td class=\"num\">50.0 pts</td>"
        )
    );
    assert!(section(&html, "milestones").contains("finish of retool"));

    // A register of risks without tasks (a shipping disruption, say): no Gantt chart, the risks.
    let mut risks_only = document.clone();
    let programme = risks_only.programme.as_mut().unwrap();
    programme.tasks.clear();
    let html = report_html(&risks_only);
    let programme = section(&html, "programme");
    assert!(pages::specs(programme).iter().all(|s| s.rows.is_empty()));
    assert!(!programme.contains("Gantt"));
    assert!(programme.contains("<td><b>late-press</b></td>"));
}

#[test]
fn hostile_task_and_risk_ids_are_escaped_in_the_report() {
    const HOSTILE: &str = "<b>x</b>\u{0}\u{200B}";
    let mut scenario = scenario();
    scenario.programme.tasks[1].id = HOSTILE.to_string();
    scenario.programme.risks[0].id = format!("{HOSTILE} risk");
    let mut result = forecast_with_effects(&scenario);
    result.programme.as_mut().unwrap().risks[0].id = format!("{HOSTILE} risk");
    let document = ResultDocument::new(&scenario, &result, None);
    let html = report_html(&document);
    assert!(!html.contains("<b>x</b>") && !html.contains('\u{0}') && !html.contains('\u{200B}'));
    let programme = section(&html, "programme");
    assert!(programme.contains(&esc("<b>x</b>[U+0000][U+200B]")));
    assert!(programme.contains(&esc("<b>x</b>[U+0000][U+200B] risk")));
}

#[test]
fn why_names_and_explains_the_programme_factor() {
    use relaunch_core::why::{DENOMINATOR, MilestoneWhy, QuantileWhy, Share, why};
    use relaunch_report::why::{WhyDocument, render};
    let scenario = scenario();
    let mut analysis = why(&scenario, 5, 2, &[0.5], &|_| {});
    // A made-up split of 10 days late: the programme 8, supply 2 (the six factors of a
    // scenario with a programme, and the plan).
    let share = |factor, days: i64| Share {
        factor,
        numerator: days * DENOMINATOR,
    };
    analysis.milestones[0] = MilestoneWhy {
        id: "retooled".to_string(),
        due: Some(date(2024, 1, 28)),
        quantiles: vec![QuantileWhy {
            quantile: 0.5,
            day: 37,
            censored: false,
            relaxed_day: 27,
            relaxed_censored: false,
            reference_day: 27,
            shares: vec![
                share("programme", 8),
                share("supply", 2),
                share("staffing", 0),
                share("equipment", 0),
                share("quality", 0),
                share("learning", 0),
                share("plan", 0),
            ],
        }],
        probability: None,
    };
    let document = WhyDocument::new(&scenario, &analysis, Some("retooled"), 5, 2);
    let factors: Vec<&str> = document.relaxations.iter().map(|r| r.factor).collect();
    assert_eq!(
        factors,
        [
            "supply",
            "staffing",
            "equipment",
            "quality",
            "learning",
            "programme",
            "plan"
        ]
    );
    let programme = &document.relaxations[5];
    assert!(
        programme
            .relaxed
            .contains("every task at its optimistic duration (its minimum, or its 5th percentile")
    );
    assert!(programme.action.starts_with("shorten the programme"));
    assert_eq!(
        document.milestones[0].verdict,
        "P50 is 10 days late; the lateness is programme (80%): shorten the programme: start its \
         tasks earlier or side by side, and buy down the risks on the critical chain."
    );
    let chosen = [&analysis.milestones[0]];
    let text = render(&scenario, &analysis, &chosen, 5, 2);
    assert!(text.contains("    programme     8.0 d  ████"), "{text}");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("over the 64 subsets of the six relaxations"),
        "{text}"
    );
    assert!(text.contains("with all six relaxed"));
    assert!(text.contains("programme relaxed = every task at its optimistic duration"));
    // The report's "Why late" section counts and explains the same six.
    let result = ResultDocument::new(&scenario, &analysis.actual, None);
    let html = relaunch_report::html::Report::new(&result)
        .why(&document)
        .html();
    let why = section(&html, "why");
    assert!(why.contains("all 64 subsets of the six relaxations"));
    assert!(why.contains("with all six relaxed"));
    assert!(why.contains(&esc(programme.relaxed)));
}

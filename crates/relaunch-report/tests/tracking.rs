//! The tracking documents rendered: the news sentence with its figures, aligned tables, the
//! CSV exports escaped, and self-contained HTML whose charts have a point per forecast.

mod pages;

use pages::{assert_offline, spec};
use relaunch_report::document::FanDoc;
use relaunch_report::tracking::*;

fn fan(p10: u64, p50: u64, p90: u64) -> FanDoc {
    FanDoc { p10, p50, p90 }
}

fn s(text: &str) -> String {
    text.to_string()
}

fn status() -> StatusDocument {
    StatusDocument {
        scenario: s("Kaluga <restart>"),
        as_of: s("2024-04-30"),
        last_actual: Some(s("2024-04-30")),
        good: StatusGood {
            actual: 612,
            plan: Some(700),
            forecast: Some(StatusForecastRef {
                id: 3,
                as_of: Some(s("2024-03-31")),
                created: s("2024-04-01T09:00:00Z"),
                cumulative: fan(560, 630, 701),
            }),
        },
        products: vec![StatusProduct {
            id: s("crossover"),
            released: 640,
            good: 612,
            scrapped: 18,
            in_line: 10,
            yield_to_date: Some(612.0 / 630.0),
        }],
        kits: vec![StatusKit {
            id: s("c5-skd"),
            received: 700,
            stock: 160,
        }],
        headcount: Some(StatusHeadcount {
            hired: 120,
            left: 7,
            payroll: 113,
            trained: 100,
            in_training: 13,
            planned_trained: 110,
        }),
        tasks: vec![StatusTask {
            id: s("certification"),
            started: Some(s("2024-01-10")),
            done: None,
            planned_finish: Some(s("2024-03-20")),
        }],
        milestones: vec![StatusMilestone {
            id: s("serial-start"),
            due: Some(s("2024-03-27")),
            actual: Some(s("2024-03-26")),
            forecast_p50: None,
        }],
        daily: (1..=3)
            .map(|d| StatusDay {
                date: format!("2024-04-{:02}", 27 + d),
                actual_cumulative: 600 + 6 * d,
                plan_cumulative: Some(680 + 10 * d),
                forecast_cumulative: (d > 1).then(|| fan(550 + d, 620 + d, 690 + d)),
            })
            .collect(),
        warnings: Vec::new(),
    }
}

#[test]
fn status_says_the_news_first_and_aligns_its_tables() {
    let text = status_text(&status());
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "By 2024-04-30: 612 good units, 88 behind plan, inside the last forecast's P10–P90 (560–701)."
    );
    // 612 / 630 = 97.1%; numbers right-aligned under their headers.
    assert!(text.contains(
        "  product    released  good  scrapped  in line  yield\n  ---------  --------  ----  --------  -------  -----\n  crossover       640   612        18       10  97.1%\n"
    ), "{text}");
    assert!(text.contains(
        "Headcount: 113 on the payroll (120 hired, 7 left), 100 trained and 13 in training"
    ));
    assert!(text.contains("  serial-start  2024-03-27  2024-03-26  —"));
    // Below and above the fan, ahead of plan.
    let mut ahead = status();
    ahead.good.actual = 720;
    assert_eq!(
        status_news(&ahead),
        "By 2024-04-30: 720 good units, 20 ahead of plan, above the last forecast's P10–P90 (560–701)."
    );
    ahead.good.plan = None;
    ahead.good.forecast = None;
    assert_eq!(status_news(&ahead), "By 2024-04-30: 720 good units.");
}

#[test]
fn status_page_draws_actual_plan_and_fan() {
    let html = status_html(&status());
    if let Ok(path) = std::env::var("RELAUNCH_STATUS_HTML_OUT") {
        std::fs::write(path, &html).unwrap();
    }
    assert_offline(&html);
    assert!(html.contains("Kaluga &lt;restart&gt;"));
    assert!(html.contains("88 behind plan"));
    // The actual line through three days, the plan dashed likewise, the forecast's fan.
    let chart = spec(&html, "plan-vs-actual");
    assert_eq!(chart.x_values.len(), 3);
    let actual = chart.series_named("actual").unwrap();
    assert!(actual.values.iter().all(Option::is_some));
    let plan = chart.series_named("plan").unwrap();
    assert_eq!(plan.style, relaunch_report::charts::Style::Dashed);
    assert_eq!(Some(&chart), status_chart(&status()).as_ref());
}

fn milestone(id: &str, p10: &str, p50: &str, p90: &str, actual: Option<&str>) -> HistoryMilestone {
    HistoryMilestone {
        id: s(id),
        due: Some(s("2024-06-30")),
        p10: Some(s(p10)),
        p50: Some(s(p50)),
        p90: Some(s(p90)),
        actual: actual.map(s),
        on_time_probability: Some(0.5),
    }
}

fn forecast(id: i64, as_of: Option<&str>, milestones: Vec<HistoryMilestone>) -> HistoryForecast {
    HistoryForecast {
        id,
        as_of: as_of.map(s),
        created: s("2024-02-01T10:00:00Z"),
        kind: s(if as_of.is_some() { "as_of" } else { "plan" }),
        scenario_hash: s("abc123"),
        scenario_version: 1,
        actuals_hash: String::new(),
        replications: 200,
        calibrated: id == 3,
        milestones,
    }
}

fn history() -> HistoryDocument {
    HistoryDocument {
        scenario: s("Kaluga"),
        forecasts: vec![
            forecast(
                1,
                None,
                vec![
                    milestone("pilot", "2024-03-01", "2024-03-10", "2024-03-25", None),
                    milestone("=serial", "2024-05-20", "2024-06-01", "2024-06-20", None),
                ],
            ),
            forecast(
                2,
                Some("2024-03-01"),
                vec![
                    milestone("pilot", "2024-03-05", "2024-03-12", "2024-03-20", None),
                    milestone("=serial", "2024-05-25", "2024-06-07", "2024-06-25", None),
                ],
            ),
            forecast(
                3,
                Some("2024-04-01"),
                vec![
                    milestone(
                        "pilot",
                        "2024-03-14",
                        "2024-03-14",
                        "2024-03-14",
                        Some("2024-03-14"),
                    ),
                    milestone("=serial", "2024-06-01", "2024-06-12", "2024-07-02", None),
                ],
            ),
        ],
    }
}

#[test]
fn history_tells_how_the_latest_forecast_moved() {
    let text = history_text(&history());
    assert_eq!(
        text.lines().next().unwrap(),
        "3 forecasts stored; the latest (as of 2024-04-01) against the one before: pilot reached on 2024-03-14, =serial 5 days later (2024-06-12) (the latest is calibrated from the actuals, the one before was not: not only the actuals moved the dates)."
    );
    // The trend of =serial: +6 days, then +5 days; the plan's forecast at its creation date.
    assert!(text.contains("plan (made 2024-02-01)"), "{text}");
    assert!(text.contains("2024-06-07"));
    let serial: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("=serial"))
        .collect();
    assert_eq!(
        serial[3],
        "  plan (made 2024-02-01)        #1        v1  2024-05-20  2024-06-01  2024-06-20      50%"
    );
    assert!(serial[4].ends_with("+6 d"), "{serial:?}");
    assert_eq!(
        serial[5],
        "  2024-04-01               #3 cal.        v1  2024-06-01  2024-06-12  2024-07-02      50%       +5 d"
    );
}

#[test]
fn history_news_says_a_milestone_falls_out_of_the_horizon_and_back() {
    let unreached = |id: &str| HistoryMilestone {
        p10: None,
        p50: None,
        p90: None,
        on_time_probability: Some(0.0),
        ..milestone(id, "2024-01-01", "2024-01-01", "2024-01-01", None)
    };
    let two = |before: Vec<HistoryMilestone>, after: Vec<HistoryMilestone>| HistoryDocument {
        scenario: s("Kaluga"),
        forecasts: vec![
            forecast(1, Some("2024-04-26"), before),
            forecast(2, Some("2024-04-26"), after),
        ],
    };
    let lost = two(
        vec![
            milestone(
                "mass-production",
                "2024-08-30",
                "2024-09-02",
                "2024-09-04",
                None,
            ),
            milestone("plan-2024", "2024-07-20", "2024-07-31", "2024-08-15", None),
            unreached("export"),
        ],
        vec![
            unreached("mass-production"),
            milestone("plan-2024", "2024-10-01", "2024-10-11", "2024-10-14", None),
            unreached("export"),
        ],
    );
    assert_eq!(
        history_text(&lost).lines().next().unwrap(),
        "2 forecasts stored; the latest (as of 2024-04-26) against the one before: \
         mass-production: from 2024-09-02 to not reached within the horizon, \
         plan-2024 72 days later (2024-10-11), export still not reached within the horizon."
    );
    let found = two(
        vec![unreached("mass-production")],
        vec![milestone(
            "mass-production",
            "2024-08-30",
            "2024-09-02",
            "2024-09-04",
            None,
        )],
    );
    assert_eq!(
        history_text(&found).lines().next().unwrap(),
        "2 forecasts stored; the latest (as of 2024-04-26) against the one before: \
         mass-production: from not reached within the horizon to 2024-09-02."
    );
}

#[test]
fn history_csv_has_a_row_per_forecast_and_milestone_escaped() {
    let csv = history_csv(&history()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 3 * 2);
    assert_eq!(
        lines[0],
        "forecast_id,as_of,created,kind,scenario_hash,scenario_version,actuals_hash,replications,calibrated,milestone,due,p10,p50,p90,actual,on_time_probability"
    );
    assert_eq!(
        lines[2],
        "1,,2024-02-01T10:00:00Z,plan,abc123,1,,200,false,'=serial,2024-06-30,2024-05-20,2024-06-01,2024-06-20,,0.5000"
    );
}

#[test]
fn history_page_has_the_trend_chart_with_a_point_per_forecast() {
    let html = history_html(&history());
    if let Ok(path) = std::env::var("RELAUNCH_HISTORY_HTML_OUT") {
        std::fs::write(path, &html).unwrap();
    }
    assert_offline(&html);
    // Two milestones × three forecasts: a P50 with points per milestone, one per forecast.
    let chart = spec(&html, "trend");
    let day = |iso: &str| {
        (iso.parse::<jiff::civil::Date>().unwrap() - jiff::civil::date(1970, 1, 1)).get_days()
            as f64
    };
    assert_eq!(chart.x_values.len(), 3);
    let points: usize = chart
        .series
        .iter()
        .filter(|s| s.style == relaunch_report::charts::Style::LinePoints)
        .map(|s| s.values.iter().flatten().count())
        .sum();
    assert_eq!(points, 6);
    assert!(chart.series_named("forecast = as-of date").is_some());
    let rules: Vec<&str> = chart.rules.iter().map(|r| r.label.as_str()).collect();
    assert!(rules.contains(&"=serial due 30 Jun 2024"));
    assert!(rules.contains(&"pilot reached 14 Mar 2024"));
    assert!(html.contains("5 days later"));
    // The first forecast (from the plan) sits at its creation date, 1 Feb, with its P50.
    assert_eq!(chart.x_values[0], day("2024-02-01"));
    let serial = chart.series_named("P50 =serial").unwrap();
    assert_eq!(serial.values[0], Some(day("2024-06-01")));
}

fn backtest() -> BacktestDocument {
    let point =
        |as_of: &str, p10: &str, p50: &str, p90: &str, inside: bool, error: i64| BacktestPoint {
            as_of: s(as_of),
            p10: Some(s(p10)),
            p50: Some(s(p50)),
            p90: Some(s(p90)),
            inside: Some(inside),
            error_days: Some(error),
        };
    BacktestDocument {
        scenario: s("Kaluga"),
        every_days: 7,
        replications: 100,
        seed: 1,
        as_of: vec![s("2024-01-01"), s("2024-01-08"), s("2024-01-15")],
        milestones: vec![
            BacktestMilestone {
                id: s("pilot"),
                actual: Some(s("2024-02-10")),
                scored: 3,
                coverage: Some(2.0 / 3.0),
                mae_days: Some(4.0),
                points: vec![
                    point(
                        "2024-01-01",
                        "2024-02-01",
                        "2024-02-08",
                        "2024-02-20",
                        true,
                        -2,
                    ),
                    point(
                        "2024-01-08",
                        "2024-02-12",
                        "2024-02-18",
                        "2024-02-25",
                        false,
                        8,
                    ),
                    point(
                        "2024-01-15",
                        "2024-02-05",
                        "2024-02-12",
                        "2024-02-15",
                        true,
                        2,
                    ),
                ],
            },
            BacktestMilestone {
                id: s("serial"),
                actual: None,
                scored: 0,
                coverage: None,
                mae_days: None,
                points: vec![],
            },
        ],
    }
}

#[test]
fn backtest_reports_coverage_and_error() {
    let text = backtest_text(&backtest());
    assert_eq!(
        text.lines().next().unwrap(),
        "Replayed 3 forecasts every 7 days (100 runs each): the actual date fell inside P10–P90 for pilot 2 of 3 (67%, P50 off by 4.0 days on average)."
    );
    assert!(
        text.contains("  pilot      2024-02-10        3             67%                   4.0 d"),
        "{text}"
    );
    assert!(
        text.contains("  serial     not reached       0               —                       —")
    );
    assert!(text.contains("  2024-01-08  2024-02-12  2024-02-18  2024-02-25  no           +8 d"));
    assert!(text.contains("  2024-01-01  2024-02-01  2024-02-08  2024-02-20  yes          −2 d"));
    let csv = backtest_csv(&backtest()).unwrap();
    assert_eq!(csv.lines().count(), 1 + 3);
    assert!(csv.contains("pilot,2024-02-10,2024-01-01,2024-02-01,2024-02-08,2024-02-20,true,-2\n"));
    let html = backtest_html(&backtest());
    if let Ok(path) = std::env::var("RELAUNCH_BACKTEST_HTML_OUT") {
        std::fs::write(path, &html).unwrap();
    }
    assert_offline(&html);
    let chart = spec(&html, "backtest-0");
    assert_eq!(
        chart
            .series_named("P50 pilot")
            .unwrap()
            .values
            .iter()
            .flatten()
            .count(),
        3
    );
    assert!(
        chart
            .rules
            .iter()
            .any(|r| r.label == "pilot reached 10 Feb 2024")
    );
    assert!(html.contains("67%"));
}

#[test]
fn calibration_puts_estimates_beside_assumptions() {
    let doc = CalibrationDocument {
        as_of: s("2024-04-30"),
        estimates: vec![
            CalibrationEstimate {
                parameter: s("first_pass_yield"),
                assumed: Some(0.9),
                mean: 413.0 / 433.0,
                p05: 0.9371,
                p95: 0.9701,
                basis: s("412 good of 431 finished"),
            },
            CalibrationEstimate {
                parameter: s("kit c5-skd lead_time_days"),
                assumed: Some(20.0),
                mean: 21.25,
                p05: 19.8,
                p95: 22.8,
                basis: s("4 deliveries of 900 kits"),
            },
        ],
    };
    let text = calibration_text(&doc);
    assert_eq!(
        text.lines().next().unwrap(),
        "The actuals through 2024-04-30 tell 2 parameters; one assumption lies outside its 90% interval: first_pass_yield is 95.4% (assumed 90.0%)."
    );
    assert!(text.contains("  first_pass_yield             90.0%        95.4%    93.7%–97.0%  412 good of 431 finished"), "{text}");
    assert!(text.contains("  kit c5-skd lead_time_days   20.0 d       21.2 d  19.8 d–22.8 d  4 deliveries of 900 kits"), "{text}");
    let html = calibration_html("Kaluga", &doc);
    assert!(html.contains("class=\"num late\""));
    assert!(html.contains("95.4%"));
}

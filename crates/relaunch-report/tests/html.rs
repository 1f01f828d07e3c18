//! The HTML report of a small forecast: every section is there, each chart an inline spec drawn
//! by the inline uPlot, nothing is loaded from the network and user strings are escaped.

mod pages;

use jiff::civil::{Date, date};
use relaunch_core::Dist;
use relaunch_core::compare::compare;
use relaunch_core::model::*;
use relaunch_core::montecarlo::forecast;
use relaunch_core::sim::Relaxations;
use relaunch_core::why::{DENOMINATOR, MilestoneWhy, QuantileWhy, Share, why};
use relaunch_report::ResultDocument;
use relaunch_report::comparison::CompareDocument;
use relaunch_report::html::{ComparePage, Report, compare_html, esc, report_html};
use relaunch_report::summary;
use relaunch_report::why::WhyDocument;
use std::path::Path;

use pages::{assert_offline, spec, specs};
use relaunch_report::charts::{AxisKind, ChartKind, Format};

const MIN: f64 = 60.0;
const HOUR: f64 = 3600.0;
const DAY: f64 = 86_400.0;

const NAME: &str = "<script>alert(\"x\")</script> & Kaluga's line";

fn start() -> Date {
    date(2024, 1, 1)
}

fn station(id: &str, cycle: Dist, failure: Option<Failure>) -> Station {
    Station {
        id: id.to_string(),
        shop: Some("assembly".to_string()),
        servers: 1,
        cycle,
        buffer: Some(2),
        operators: 2,
        failure,
        inspection: false,
        rework: false,
    }
}

/// Two stations on a Mon–Fri two-shift calendar, fed by a release plan from one kit supply.
fn scenario() -> Scenario {
    Scenario {
        name: NAME.to_string(),
        start: start(),
        horizon_secs: 70.0 * DAY,
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
            station("body <in>", Dist::lognormal(40.0 * MIN, 0.2).unwrap(), None),
            station(
                "final & eol",
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
            id: "skd-<kit>".to_string(),
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
            unit_price: Some(14_000.0),
            currency: Some("USD".to_string()),
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
                id: "rate <10>".to_string(),
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

fn document() -> ResultDocument {
    let scenario = scenario();
    let result = forecast(&scenario, 11, 40, Relaxations::default(), &|_| {});
    ResultDocument::new(&scenario, &result, None)
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
fn report_has_every_part_and_nothing_from_the_network() {
    let document = document();
    let html = report_html(&document);
    if let Ok(path) = std::env::var("RELAUNCH_HTML_OUT") {
        std::fs::write(path, &html).unwrap();
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));

    // The summary paragraph, escaped like every other text, with the page's one date format
    // ("25 Dec 2023", as in the tables) where the text summary has ISO dates.
    let long = |iso: &str| {
        let date: Date = iso.parse().unwrap();
        date.strftime("%-d %b %Y").to_string()
    };
    let paragraph = summary::paragraph_with_dates(&document, &long);
    assert!(!paragraph.is_empty());
    assert_ne!(paragraph, summary::paragraph(&document), "it has dates");
    let summary_section = section(&html, "summary");
    assert!(
        summary_section.contains(&esc(&paragraph)),
        "summary paragraph missing"
    );
    let iso = summary_section.as_bytes().windows(10).any(|w| {
        w[4] == b'-'
            && w[7] == b'-'
            && w.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    });
    assert!(!iso, "an ISO date in the page's summary");

    // Every milestone, in the table and with its own histogram.
    let milestones = section(&html, "milestones");
    for m in &document.milestones {
        assert!(
            milestones.contains(&esc(&m.id)),
            "milestone {} missing",
            m.id
        );
        assert!(
            section(&html, "distributions").contains(&esc(&m.id)),
            "no distribution for {}",
            m.id
        );
    }
    let histograms = specs(section(&html, "distributions"));
    assert_eq!(histograms.len(), document.milestones.len());
    // One bin width and one unit for every milestone.
    assert!(histograms.iter().all(|h| h.kind == ChartKind::Histogram));
    assert!(
        histograms
            .iter()
            .all(|h| h.y.label == histograms[0].y.label)
    );

    // A chart in each chart section, its spec inline.
    for id in ["cumulative", "distributions", "stations", "kits", "daily"] {
        assert!(
            section(&html, id).contains("<div class=\"rc-chart\""),
            "no chart in {id}"
        );
    }
    let kits = spec(&html, "kits");
    assert_eq!(kits.series[1].label, "P50 skd-<kit> of each day");
    assert!(section(&html, "kits").contains("skd-\\u003ckit\\u003e"));
    assert!(section(&html, "inputs").contains("body &lt;in&gt;"));
    assert!(section(&html, "inputs").contains("14,000 USD"));

    // The fan over dates: P50 of each day (not a "median run") between P10 and P90 of each day.
    let fan = spec(&html, "cumulative");
    assert_eq!(fan.x.kind, AxisKind::Date);
    assert_eq!(fan.x_values.len(), document.daily.len());
    for label in ["P10 of each day", "P50 of each day", "P90 of each day"] {
        assert!(fan.series_named(label).is_some(), "{label}");
    }
    assert!(!html.contains("median run"));
    assert!(html.contains("not one run"));
    // Stations as stacked shares of 100%.
    let stations = spec(&html, "stations");
    assert_eq!(stations.x.kind, AxisKind::Category);
    assert_eq!(stations.categories.len(), 2);
    assert_eq!(stations.y.max, Some(100.0));

    // Self-contained: every script inline, nothing named on the network.
    assert_offline(&html);
    assert!(html.contains("<noscript>"));

    // User strings are escaped.
    assert!(!html.contains(NAME));
    assert!(
        html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Kaluga&#39;s line")
    );
    assert!(!html.contains("rate <10>"));
    assert!(!html.contains("final & eol"));

    // The reproduce line names the seed and the replications.
    assert!(html.contains("--seed 11 --replications 40"));
}

#[test]
fn report_with_scenario_draws_targets() {
    let document = document();
    let scenario = scenario();
    let html = Report::new(&document)
        .scenario(&scenario)
        .version("9.9.9")
        .scenario_file("plants/my plant.toml")
        .html();
    // The cumulative target as a dashed rule with its label, the rate target in the daily chart.
    let fan = spec(&html, "cumulative");
    assert_eq!(fan.rules.len(), 1);
    assert_eq!(
        (fan.rules[0].at, fan.rules[0].label.as_str()),
        (48.0, "pilot: 48")
    );
    assert!(fan.rules[0].dashed);
    assert_eq!(
        spec(&html, "daily").rules[0].label,
        "rate <10>: 10 a workday over 5 workdays"
    );
    // The 48-unit pilot under a fan of hundreds gets a close-up of its own scale.
    let close_up = spec(&html, "close-up-0");
    assert_eq!(close_up.kind, ChartKind::FanCloseUp);
    assert_eq!(close_up.y.max, Some(80.0));
    assert!(section(&html, "cumulative").contains("Close-up on the early milestones"));
    assert!(section(&html, "milestones").contains("48 units"));
    assert!(html.contains("relaunch 9.9.9"));
    assert!(html.contains("relaunch simulate &#39;plants/my plant.toml&#39; --seed 11"));
}

#[test]
fn report_without_kits_or_milestones_skips_their_sections() {
    let mut scenario = scenario();
    scenario.kits.clear();
    scenario.products[0].kit = None;
    scenario.milestones.clear();
    scenario.calendar = Calendar::AlwaysOn;
    let result = forecast(&scenario, 3, 5, Relaxations::default(), &|_| {});
    let document = ResultDocument::new(&scenario, &result, None);
    let html = report_html(&document);
    assert!(!html.contains("<section id=\"kits\""));
    assert!(!html.contains("<section id=\"distributions\""));
    assert_eq!(specs(section(&html, "cumulative")).len(), 1);
    assert_eq!(specs(section(&html, "stations")).len(), 1);
    assert!(section(&html, "milestones").contains("no milestones"));
}

#[test]
fn compare_page_overlays_every_variant() {
    let first = scenario();
    // A second variant starting a week later with a bigger first stock.
    let mut second = scenario();
    second.name = "later & bigger".to_string();
    second.start = date(2024, 1, 8);
    second.kits[0].initial_stock = 60;
    second.milestones[0].due = Some(date(2024, 1, 26));
    let files = [
        Path::new("plants/base.toml"),
        Path::new("plants/<late> & 'B'.toml"),
    ];
    let scenarios = [first, second];
    let refs: Vec<&Scenario> = scenarios.iter().collect();
    let results = compare(&refs, 5, 6, &|_| {});
    let document = CompareDocument::new(&files, &scenarios, &results, 5, 6);
    let html = compare_html(&document);
    if let Ok(path) = std::env::var("RELAUNCH_COMPARE_HTML_OUT") {
        std::fs::write(path, &html).unwrap();
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert_offline(&html);

    // Every variant by its escaped name, never raw.
    for v in &document.variants {
        assert!(html.contains(&esc(&v.name)), "variant {} missing", v.name);
    }
    assert!(!html.contains("<late>"));
    assert!(html.contains("&lt;late&gt; &amp; &#39;B&#39;"));

    // The ranking in order, with its rule.
    let ranking = section(&html, "ranking");
    let places: Vec<usize> = document
        .ranking
        .iter()
        .map(|name| ranking.find(&esc(name)).expect("ranked variant listed"))
        .collect();
    assert!(
        places.windows(2).all(|p| p[0] < p[1]),
        "ranking out of order"
    );
    assert!(ranking.contains(&esc(&document.ranking_rule)));

    // A table per milestone with the reference and a paired difference.
    let milestones = section(&html, "milestones");
    for m in &document.variants[0].milestones {
        assert!(
            milestones.contains(&esc(&m.id)),
            "milestone {} missing",
            m.id
        );
    }
    assert!(milestones.contains("reference"));
    assert!(
        milestones.contains("class=\"num good\"")
            || milestones.contains("class=\"num poor\"")
            || milestones.contains("class=\"num fair\"")
    );

    // One small chart per variant on the same scales, sharing the cursor: its fan, the
    // reference's P50 beside the others, the first variant's due dates.
    let multiples = specs(section(&html, "cumulative"));
    assert_eq!(multiples.len(), document.variants.len());
    for (index, chart) in multiples.iter().enumerate() {
        assert_eq!(chart.kind, ChartKind::Compare);
        assert_eq!(chart.x_values, multiples[0].x_values, "one date frame");
        assert_eq!(chart.y.max, multiples[0].y.max, "one y scale");
        assert_eq!(chart.sync.as_deref(), Some("compare"));
        assert_eq!(chart.bands.len(), 1);
        assert!(chart.markers.iter().any(|m| m.label == "pilot due 19 Jan"));
        let reference = format!("P50 of each day, {} (reference)", document.variants[0].name);
        assert_eq!(chart.series_named(&reference).is_some(), index > 0);
    }
    // The frame covers both starts: the first variant starts on 1 January, the second a week
    // later, with no figures before.
    let first_day = (date(2024, 1, 1) - date(1970, 1, 1)).get_days() as f64;
    assert_eq!(multiples[0].x_values[0], first_day);
    assert_eq!(multiples[1].series[1].values[0], None);
    assert!(multiples[1].series[1].values[7].is_some());

    // Right below, each other variant's output minus the first's: the P50s' gap as a line in
    // the band of the P10s' and P90s' gaps, zero as the reference's rule, signed units.
    let at = |id: &str| html.find(&format!("<section id=\"{id}\"")).unwrap();
    assert!(at("cumulative") < at("ahead") && at("ahead") < at("figures"));
    let ahead = section(&html, "ahead");
    assert!(ahead.contains(&format!(
        "Units ahead (+) or behind (−) <b>{}</b> on each date",
        esc(&document.variants[0].name)
    )));
    let difference = specs(ahead);
    assert_eq!(difference.len(), 1);
    let difference = &difference[0];
    assert_eq!(difference.kind, ChartKind::CompareDifference);
    assert_eq!(difference.y.format, Format::Signed);
    assert_eq!(difference.series.len(), 3 * (document.variants.len() - 1));
    assert_eq!(difference.bands.len(), document.variants.len() - 1);
    assert_eq!(difference.series[1].color, "#b35c00");
    assert_eq!(difference.rules.len(), 1);
    assert_eq!(difference.rules[0].at, 0.0);
    assert!(
        difference
            .markers
            .iter()
            .any(|m| m.label == "pilot due 19 Jan")
    );
    for day in 0..difference.x_values.len() {
        let [low, mid, high] = [0, 1, 2].map(|s| difference.series[s].values[day]);
        if let (Some(low), Some(mid), Some(high)) = (low, mid, high) {
            assert!(low <= high, "a band from the lower gap to the higher");
            let _ = mid;
        }
    }

    // The other figures and the reproduce line.
    let figures = section(&html, "figures");
    assert!(figures.contains("USD"));
    assert!(figures.contains("href=\"%3Clate%3E%20%26%20%27B%27.report.html\""));
    assert!(html.contains(
        "relaunch compare plants/base.toml &#39;plants/&lt;late&gt; &amp; &#39;\\&#39;&#39;B&#39;\\&#39;&#39;.toml&#39; --seed 5 --replications 6"
    ));
    assert!(
        ComparePage::new(&document)
            .version("9.9.9")
            .html()
            .contains("relaunch 9.9.9")
    );
}

#[test]
fn report_with_why_explains_each_milestone() {
    let scenario = scenario();
    let analysis = why(&scenario, 11, 4, &[], &|_| {});
    let why_document = WhyDocument::new(&scenario, &analysis, None, 11, 4);
    let document = ResultDocument::new(&scenario, &analysis.actual, None);
    let html = Report::new(&document)
        .scenario(&scenario)
        .why(&why_document)
        .html();
    if let Ok(path) = std::env::var("RELAUNCH_WHY_HTML_OUT") {
        std::fs::write(path, &html).unwrap();
    }
    assert_offline(&html);
    // After the milestone table, before the cumulative chart.
    let at = |id: &str| html.find(&format!("<section id=\"{id}\"")).unwrap();
    assert!(at("milestones") < at("why") && at("why") < at("cumulative"));
    let section = section(&html, "why");
    assert!(section.contains("Why late"));
    assert!(section.contains("Shapley"));
    // The five factors of a scenario without a programme, and the plan.
    let factors: Vec<&str> = why_document.relaxations.iter().map(|r| r.factor).collect();
    assert_eq!(
        factors,
        [
            "supply",
            "staffing",
            "equipment",
            "quality",
            "learning",
            "plan"
        ]
    );
    assert!(section.contains("all 32 subsets of the five relaxations"));
    for relaxation in &why_document.relaxations {
        let (factor, meaning) = (relaxation.factor, relaxation.relaxed);
        assert!(section.contains(factor), "factor {factor} missing");
        assert!(
            section.contains(&esc(meaning)),
            "meaning of {factor} missing"
        );
    }
    // One chart per late quantile and per lost probability.
    let charts: usize = why_document
        .milestones
        .iter()
        .map(|m| {
            m.quantiles.iter().filter(|q| q.late_days > 0).count()
                + usize::from(m.probability_lost.as_ref().is_some_and(|p| p.total > 0.0))
        })
        .sum();
    let bars = specs(section);
    assert_eq!(bars.len(), charts);
    for m in &why_document.milestones {
        assert!(section.contains(&esc(&m.id)), "milestone {} missing", m.id);
        assert!(
            section.contains(&esc(&m.verdict)),
            "verdict of {} missing",
            m.id
        );
        for q in m.quantiles.iter().filter(|q| q.late_days > 0) {
            for f in &q.factors {
                assert!(
                    bars.iter()
                        .any(|b| b.categories.iter().any(|c| c == f.factor)),
                    "factor {} has a bar",
                    f.factor
                );
            }
        }
    }
    assert!(html.contains("--seed 11 --replications 4 --why --out DIR"));
    // Without an analysis there is no such section.
    assert!(!report_html(&document).contains("<section id=\"why\""));
}

#[test]
fn why_section_draws_negative_shares_to_the_left() {
    let scenario = scenario();
    let mut analysis = why(&scenario, 11, 2, &[0.5], &|_| {});
    // A made-up split of 10 days late (day 30, due day 20): supply 9, staffing 3, the plan 0.5,
    // and quality −2.5 (relaxing it would make the milestone later). 9 + 3 + 0.5 − 2.5 = 10.
    let share = |factor, numerator| Share { factor, numerator };
    analysis.milestones[0] = MilestoneWhy {
        id: "pilot".to_string(),
        due: Some(date(2024, 1, 21)),
        quantiles: vec![QuantileWhy {
            quantile: 0.5,
            day: 30,
            censored: false,
            relaxed_day: 20,
            relaxed_censored: false,
            reference_day: 20,
            shares: vec![
                share("supply", 9 * DENOMINATOR),
                share("staffing", 3 * DENOMINATOR),
                share("plan", DENOMINATOR / 2),
                share("equipment", 0),
                share("learning", 0),
                share("quality", -5 * DENOMINATOR / 2),
            ],
        }],
        probability: None,
    };
    let total: i64 = analysis.milestones[0].quantiles[0]
        .shares
        .iter()
        .map(|s| s.numerator)
        .sum();
    assert_eq!(total, 10 * DENOMINATOR, "the fixture adds up");
    let why_document = WhyDocument::new(&scenario, &analysis, Some("pilot"), 11, 2);
    let document = ResultDocument::new(&scenario, &analysis.actual, None);
    let html = Report::new(&document).why(&why_document).html();
    if let Ok(path) = std::env::var("RELAUNCH_WHY_NEGATIVE_HTML_OUT") {
        std::fs::write(path, &html).unwrap();
    }
    let section = section(&html, "why");
    assert!(section.contains("relaxing it makes things worse"));
    assert!(section.contains("P50 10 days late"));
    let bars = &specs(section)[0];
    assert_eq!(bars.y.unit, " d");
    let quality = bars.categories.iter().position(|c| c == "quality").unwrap();
    let worse = bars
        .series_named("relaxing it makes things worse")
        .expect("negative bars");
    assert_eq!(worse.values[quality], Some(-2.5));
    assert!(section.contains(&esc(&why_document.milestones[0].verdict)));
    assert_eq!(
        why_document.milestones[0].verdict,
        "P50 is 10 days late; the lateness is supply (90%): order kits earlier or hold more \
         safety stock."
    );
    // Only the chosen milestone.
    assert!(!section.contains("rate &lt;10&gt;"));
}

/// An id no page may carry raw: markup, a NUL byte and a zero-width space.
const HOSTILE: &str = "<script>alert(1)</script>\u{0}pilot\u{200B}";

/// Nothing of `HOSTILE` reaches `html` raw; it is there escaped, its invisible characters shown.
fn assert_hostile_id_is_neutralised(html: &str) {
    assert!(!html.contains("<script>alert"), "raw markup");
    assert!(!html.contains('\u{0}'), "raw NUL");
    assert!(!html.contains('\u{200B}'), "raw zero-width space");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;[U+0000]pilot[U+200B]"),
        "the id is shown escaped, invisible characters visible"
    );
    assert!(html.contains(&esc(HOSTILE)));
}

#[test]
fn hostile_ids_never_reach_the_page_raw() {
    let mut scenario = scenario();
    scenario.name = HOSTILE.to_string();
    scenario.milestones[0].id = HOSTILE.to_string();
    scenario.stations[0].id = HOSTILE.to_string();
    scenario.kits[0].id = HOSTILE.to_string();
    let analysis = why(&scenario, 11, 2, &[0.5, 0.9], &|_| {});
    let why_document = WhyDocument::new(&scenario, &analysis, None, 11, 2);
    let document = ResultDocument::new(&scenario, &analysis.actual, None);
    let html = Report::new(&document)
        .scenario(&scenario)
        .why(&why_document)
        .scenario_file(HOSTILE)
        .html();
    assert_hostile_id_is_neutralised(&html);
    for id in [
        "milestones",
        "cumulative",
        "distributions",
        "stations",
        "kits",
        "inputs",
    ] {
        assert!(
            section(&html, id).contains("[U+0000]pilot[U+200B]"),
            "the id is missing from {id}"
        );
    }

    let files = [
        Path::new("plants/base.toml"),
        Path::new("plants/other.toml"),
    ];
    let mut other = scenario.clone();
    other.name = format!("{HOSTILE} 2");
    let scenarios = [scenario, other];
    let refs: Vec<&Scenario> = scenarios.iter().collect();
    let results = compare(&refs, 5, 4, &|_| {});
    let document = CompareDocument::new(&files, &scenarios, &results, 5, 4);
    let html = ComparePage::new(&document).version(HOSTILE).html();
    assert_hostile_id_is_neutralised(&html);
}

#[test]
fn a_forecasts_warnings_stand_under_its_summary() {
    let mut document = document();
    let plain = report_html(&document);
    assert!(!section(&plain, "summary").contains("Warning:"));
    document.warnings =
        vec!["1 actuals rows dated after the as-of day <b> are left out".to_string()];
    let html = report_html(&document);
    let summary = section(&html, "summary");
    assert!(
        summary
            .contains("Warning: 1 actuals rows dated after the as-of day &lt;b&gt; are left out"),
        "{summary}"
    );
}

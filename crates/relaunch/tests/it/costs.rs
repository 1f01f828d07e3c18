//! Costs end to end on the shipped Kaluga example: the result document's `costs` adds up, the
//! summary says what the horizon costs, the report has its section and chart, `daily.csv` its
//! spend column; a scenario without `[costs]` shows none of it.

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::exports::scratch;
use crate::support::{relaunch, simulate_json, stdout_of};

#[test]
fn kaluga_costs_add_up_and_show_everywhere() {
    let document = simulate_json(&["examples/kaluga.toml", "-n", "8", "--seed", "3"]);
    let costs = &document["costs"];
    assert_eq!(costs["currency"], "RUB");
    let mean = |key: &str| costs[key]["mean"].as_f64().expect(key);
    // The four categories add up to the total (means, to the cent).
    let sum = mean("labour") + mean("fixed") + mean("kits") + mean("carrying");
    assert!(
        (sum - mean("total")).abs() < 0.05,
        "{sum} vs {}",
        mean("total")
    );
    // Fixed: 1,500,000 RUB a day over the 450 days of the horizon, in every run.
    assert_eq!(mean("fixed"), 675_000_000.0);
    assert_eq!(costs["fixed"]["p10"], 675_000_000);
    // Kits are paid on arrival at 1,290,000 RUB each: a whole number of kits.
    let kits = mean("kits") * 8.0 / 1_290_000.0;
    assert!((kits - kits.round()).abs() < 1e-6, "{kits}");
    let days = costs["cumulative_by_day"].as_array().expect("days");
    assert_eq!(days.len(), 450);
    assert_eq!(days[0]["date"], "2023-10-02");

    let dir = scratch("costs");
    let out = dir.to_str().expect("UTF-8");
    let text = stdout_of(&relaunch(&[
        "simulate",
        "examples/kaluga.toml",
        "-n",
        "8",
        "--seed",
        "3",
        "--out",
        out,
    ]));
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("The horizon costs "), "{text}");
    assert!(words.contains("fixed 675 M RUB"), "{text}");
    assert!(words.contains("a good unit costs "), "{text}");
    let report = std::fs::read_to_string(dir.join("report.html")).expect("report");
    let section = &report[report
        .find("<section id=\"costs\"")
        .expect("a costs section")..];
    let section = &section[..section.find("</section>").expect("closed")];
    assert!(section.contains("675 M RUB"), "{section}");
    assert!(
        section.contains("class=\"rc-chart\""),
        "no chart: {section}"
    );
    let daily = std::fs::read_to_string(dir.join("daily.csv")).expect("daily.csv");
    let mut lines = daily.lines();
    assert!(lines.next().expect("header").ends_with(",spend_p50"));
    // Day 0 spends the fixed overhead and the labour of the 30 people hired that day:
    // 1,500,000 + 30 · 3,400 = 1,602,000, shown to three significant digits.
    assert!(
        lines.next().expect("day 0").ends_with(",1600000"),
        "{daily}"
    );
    // The workbook's daily sheet ends with the same column.
    let mut workbook: Xlsx<_> = open_workbook(dir.join("result.xlsx")).expect("result.xlsx");
    let sheet = workbook.worksheet_range("daily").expect("daily sheet");
    let mut rows = sheet.rows();
    let header = rows.next().expect("header");
    assert_eq!(header.last(), Some(&Data::String("spend_p50".to_string())));
    assert_eq!(
        rows.next().expect("day 0").last(),
        Some(&Data::Float(1_600_000.0))
    );
    // The costs sheet: every category of the document, with its currency.
    let sheet = workbook.worksheet_range("costs").expect("costs sheet");
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let text = |cell: &Data| cell.to_string();
    assert_eq!(
        rows[0].iter().map(text).collect::<Vec<_>>(),
        [
            "category",
            "mean",
            "ci95_low",
            "ci95_high",
            "p10",
            "p50",
            "p90",
            "currency",
            "note"
        ]
    );
    let categories: Vec<String> = rows[1..].iter().map(|row| text(&row[0])).collect();
    assert_eq!(
        categories,
        [
            "total",
            "labour",
            "fixed",
            "kits",
            "carrying",
            "scrapped kits",
            "per good unit"
        ]
    );
    let number = |cell: &Data| match cell {
        Data::Float(value) => *value,
        other => panic!("not a number: {other:?}"),
    };
    for (row, key) in rows[1..7]
        .iter()
        .zip(["total", "labour", "fixed", "kits", "carrying"])
    {
        assert_eq!(number(&row[1]), mean(key), "{key}");
        for (column, quantile) in [(4, "p10"), (5, "p50"), (6, "p90")] {
            assert_eq!(
                number(&row[column]),
                costs[key][quantile].as_u64().expect("a quantile") as f64,
                "{key} {quantile}"
            );
        }
        assert_eq!(text(&row[7]), "RUB");
    }
    // Fixed: 675,000,000 RUB in every run, so its interval is that amount too.
    assert_eq!(number(&rows[3][2]), 675_000_000.0);
    assert_eq!(number(&rows[3][3]), 675_000_000.0);
    let unit = rows[7];
    assert_eq!(
        number(&unit[1]),
        costs["per_good_unit"]["mean"].as_f64().expect("mean")
    );
    assert_eq!(
        number(&unit[5]),
        costs["per_good_unit"]["p50"].as_u64().expect("p50") as f64
    );
    assert_eq!(text(&unit[7]), "RUB");
}

#[test]
fn a_scenario_without_costs_says_nothing_of_them() {
    let document = simulate_json(&["examples/textbook/mm1.toml", "-n", "2"]);
    assert!(document.get("costs").is_none(), "{}", document["costs"]);
    let dir = scratch("no-costs");
    let out = dir.to_str().expect("UTF-8");
    stdout_of(&relaunch(&[
        "simulate",
        "examples/textbook/mm1.toml",
        "-n",
        "2",
        "--out",
        out,
    ]));
    let workbook: Xlsx<_> = open_workbook(dir.join("result.xlsx")).expect("result.xlsx");
    assert!(!workbook.sheet_names().contains(&"costs".to_string()));
}

#[test]
fn huge_amounts_are_refused_with_their_line_and_column() {
    let dir = scratch("huge-costs");
    let path = dir.join("huge.toml");
    let scenario = "[scenario]\nname = \"huge\"\nstart = \"2024-01-08\"\nhorizon = \"30d\"\n\n\
                    [[station]]\nid = \"trim\"\ncycle = \"5min\"\noperators = 4\n\n\
                    [[product]]\nid = \"car\"\nroute = [\"trim\"]\nkit = \"body\"\n\n\
                    [[kit]]\nid = \"body\"\nprice = 1e300\ninitial_stock = 100\n\n\
                    [release]\nsaturated = true\n\n\
                    [costs]\nlabour_per_head_day = 1e308\ncarrying_per_year = 1e300\n";
    std::fs::write(&path, scenario).expect("scenario");
    let path = path.to_str().expect("UTF-8");
    for command in ["check", "simulate"] {
        let output = relaunch(&[command, path]);
        assert_eq!(output.status.code(), Some(2), "{command}: {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        for (at, expected) in [
            ("huge.toml:18:9", "expected a price from 0 to 10^12"),
            (
                "huge.toml:25:23",
                "expected an amount per head per day from 0 to 10^12",
            ),
            (
                "huge.toml:26:21",
                "expected a share of the kit price per year from 0 to 10",
            ),
        ] {
            assert!(stderr.contains(at), "{command}: no {at} in {stderr}");
            assert!(
                stderr.contains(expected),
                "{command}: no {expected} in {stderr}"
            );
        }
    }
    // At the largest amounts in range, a month of 4 people stays far below the bound: the
    // run's money is finite, its quantiles beside its means (the 100 kits in stock were paid
    // before the horizon and are used up on day 0, before any end-of-day stock is carried).
    let fine = scenario
        .replace("1e300\ninitial", "1e12\ninitial")
        .replace("= 1e308", "= 1e12")
        .replace("= 1e300\n", "= 10\n");
    let fine_path = dir.join("fine.toml");
    std::fs::write(&fine_path, fine).expect("scenario");
    let document = simulate_json(&["-n", "2", fine_path.to_str().expect("UTF-8")]);
    let costs = &document["costs"];
    // Labour: 4 heads x 30 days x 10^12 = 1.2 · 10^14 in both runs.
    assert_eq!(costs["labour"]["mean"].as_f64(), Some(1.2e14));
    assert_eq!(costs["labour"]["p50"], 120_000_000_000_000u64);
    let total = costs["total"]["mean"].as_f64().expect("total");
    let p50 = costs["total"]["p50"].as_u64().expect("p50") as f64;
    assert_eq!(costs["carrying"]["mean"].as_f64(), Some(0.0));
    assert_eq!(total, 1.2e14);
    assert_eq!(p50, 1.2e14);
}

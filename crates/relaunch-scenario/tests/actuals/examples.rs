//! The example actuals (`examples/actuals/`, written by `generate.py`): they read without a
//! problem, resolve against their scenarios, stay plausible (dates within the scenario, kit
//! stock never negative, units started before they are finished), say where every figure comes
//! from, and hit the reported figures. The XLSX holds the same rows as its CSV.

use jiff::civil::{Date, Weekday, date};
use relaunch_core::Scenario;
use relaunch_core::actuals::{Actuals, Metric, Row};
use relaunch_scenario::{ActualsFile, read_actuals, resolve_actuals};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use crate::resolve::{example, kaluga, moskvich};

fn read(name: &str) -> ActualsFile {
    let path = example(&format!("actuals/{name}"));
    read_actuals(&path).unwrap_or_else(|problems| panic!("{name}:\n{problems}"))
}

fn resolved(name: &str, scenario: &Scenario) -> (ActualsFile, Actuals) {
    let file = read(name);
    let actuals =
        resolve_actuals(&file, scenario).unwrap_or_else(|problems| panic!("{name}:\n{problems}"));
    (file, actuals)
}

/// Dates from the scenario's start to `last`, production on weekdays only, a note of a known
/// kind on every row, kit stock never negative and no more units finished than started.
fn check_plausible(name: &str, rows: &[Row], scenario: &Scenario, last: Date) {
    let actuals = Actuals::resolve(rows, scenario).expect("the rows resolve");
    assert!(!rows.is_empty(), "{name} has rows");
    for row in rows {
        assert!(
            row.date >= scenario.start && row.date <= last,
            "{name}: {row:?} outside {} to {last}",
            scenario.start
        );
        let production = matches!(
            row.metric,
            Metric::Released | Metric::Good | Metric::Scrapped | Metric::Reworked
        );
        assert!(
            !production || !matches!(row.date.weekday(), Weekday::Saturday | Weekday::Sunday),
            "{name}: production on a weekend: {row:?}"
        );
        assert!(
            [
                "reported: ",
                "interpolated between ",
                "estimate: ",
                "corrected: "
            ]
            .iter()
            .any(|kind| row.note.starts_with(kind)),
            "{name}: a note must say where the figure comes from: {row:?}"
        );
    }
    let days: std::collections::BTreeSet<Date> = actuals.records.iter().map(|r| r.date).collect();
    for day in days {
        for (index, kit) in scenario.kits.iter().enumerate() {
            let released: u64 = scenario
                .products
                .iter()
                .enumerate()
                .filter(|(_, product)| product.kit == Some(index))
                .map(|(product, _)| actuals.total(Metric::Released, product, day))
                .sum();
            let stock =
                u64::from(kit.initial_stock) + actuals.total(Metric::KitsReceived, index, day);
            assert!(
                released <= stock,
                "{name}: kit {} short on {day}: {released} started, {stock} in",
                kit.id
            );
        }
        for (index, product) in scenario.products.iter().enumerate() {
            let finished = actuals.total(Metric::Good, index, day)
                + actuals.total(Metric::Scrapped, index, day);
            let started = actuals.total(Metric::Released, index, day);
            assert!(
                finished <= started,
                "{name}: {} on {day}: {finished} finished of {started} started",
                product.id
            );
        }
    }
}

#[test]
fn kaluga_actuals_are_plausible_and_hit_the_reported_figures() {
    check_plausible(
        "kaluga.csv",
        &read("kaluga.csv").rows,
        kaluga(),
        date(2024, 4, 30),
    );
    let (_, actuals) = resolved("kaluga.csv", kaluga());
    // 48 pilot cars by the end of December 2023, 50 started, 2 scrapped.
    assert_eq!(actuals.total(Metric::Good, 0, date(2023, 12, 31)), 48);
    assert_eq!(actuals.total(Metric::Released, 0, date(2023, 12, 31)), 50);
    assert_eq!(actuals.total(Metric::Scrapped, 0, date(2023, 12, 31)), 2);
    // Serial production from 26 March: nothing more before it, then 1,500 over the 184
    // workdays of the scenario's calendar to the end of 2024 (4 in March, 20 in April less
    // the 29th and 30th, ..., August less its two-week shutdown), 24 of them by 30 April:
    // floor(1500 * 24 / 184) = 195.
    assert_eq!(actuals.total(Metric::Good, 0, date(2024, 3, 25)), 48);
    assert_eq!(actuals.total(Metric::Good, 0, date(2024, 4, 30)), 48 + 195);
    // The 100 kits of the serial start arrive before it; 54 for the pilot.
    assert_eq!(
        actuals.total(Metric::KitsReceived, 0, date(2024, 3, 25)),
        54 + 100
    );
    // Certification finished the day before serial production.
    let certification = kaluga()
        .programme
        .tasks
        .iter()
        .position(|task| task.id == "certification")
        .expect("the task");
    let done: Vec<Date> = actuals
        .records
        .iter()
        .filter(|r| r.metric == Metric::TaskDone && r.item == certification)
        .map(|r| r.date)
        .collect();
    assert_eq!(done, vec![date(2024, 3, 25)]);
    assert_eq!(actuals.total_all(Metric::Hired, date(2024, 4, 30)), 31);
    assert_eq!(actuals.total_all(Metric::Left, date(2024, 4, 30)), 2);
}

#[test]
fn the_kaluga_week_19_report_adds_a_week_and_corrects_one_figure() {
    let before = read("kaluga.csv");
    let week = read("kaluga-week-19.csv");
    resolved("kaluga-week-19.csv", kaluga());
    // Imported after the last report (a later row with the same key replaces the earlier).
    let both: Vec<Row> = before.rows.iter().chain(&week.rows).cloned().collect();
    check_plausible(
        "kaluga.csv then kaluga-week-19.csv",
        &both,
        kaluga(),
        date(2024, 5, 8),
    );
    let actuals = Actuals::resolve(&both, kaluga()).expect("the rows resolve");
    // The correction moves one car from 26 April to 2 May; by 8 May, 29 serial workdays:
    // floor(1500 * 29 / 184) = 236.
    assert_eq!(
        actuals.total(Metric::Good, 0, date(2024, 4, 30)),
        48 + 195 - 1
    );
    assert_eq!(actuals.total(Metric::Good, 0, date(2024, 5, 8)), 48 + 236);
    let corrections: Vec<(&Row, &Row)> = week
        .rows
        .iter()
        .filter_map(|row| {
            let old = before.rows.iter().find(|old| old.key() == row.key())?;
            Some((old, row))
        })
        .collect();
    assert_eq!(corrections.len(), 1);
    let (old, new) = corrections[0];
    assert_eq!(
        (old.date, old.metric, old.value, new.value),
        (date(2024, 4, 26), Metric::Good, 8, 7)
    );
    assert!(new.note.starts_with("corrected: "), "{new:?}");
    // Everything else is after the last report.
    assert!(
        week.rows
            .iter()
            .filter(|row| row.key() != new.key())
            .all(|row| row.date > date(2024, 4, 30))
    );
}

#[test]
fn moskvich_actuals_are_plausible_and_hit_the_reported_figures() {
    check_plausible(
        "moskvich.csv",
        &read("moskvich.csv").rows,
        moskvich(),
        date(2022, 12, 9),
    );
    let (_, actuals) = resolved("moskvich.csv", moskvich());
    let good = |through| actuals.total_all(Metric::Good, through);
    // Assembly from 23 November; over 160 (161) by 7 December, two petrol cars to one electric.
    assert_eq!(good(date(2022, 11, 22)), 0);
    assert_eq!(good(date(2022, 12, 7)), 161);
    assert_eq!(actuals.total(Metric::Good, 0, date(2022, 12, 7)), 107);
    assert_eq!(actuals.total(Metric::Good, 1, date(2022, 12, 7)), 54);
    // Then toward the 600 of 2022: 439 more over the 17 workdays to 30 December,
    // floor(439 * 2 / 17) = 51 by 9 December.
    assert_eq!(good(date(2022, 12, 9)), 161 + 51);
}

#[test]
fn the_kaluga_workbook_holds_the_rows_of_its_csv() {
    let csv = read("kaluga.csv");
    let workbook = read("kaluga.xlsx");
    assert_eq!(workbook.rows, csv.rows);
    assert!(
        workbook
            .places
            .iter()
            .all(|place| place.sheet.as_deref() == Some("Actuals"))
    );
}

/// Writes `examples/actuals/kaluga.xlsx` from `kaluga.csv`: dates as date cells, values as
/// numbers, the notes as text, the same bytes every time (a fixed creation time).
#[test]
#[ignore = "regenerates examples/actuals/kaluga.xlsx; run after generate.py"]
fn regenerate_kaluga_xlsx() {
    let csv = read("kaluga.csv");
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 5, 1).expect("a date");
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = workbook.add_worksheet();
    sheet.set_name("Actuals").expect("a name");
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (column, name) in ["date", "metric", "item", "value", "note"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, column as u16, *name).expect("a cell");
    }
    for (index, row) in csv.rows.iter().enumerate() {
        let line = index as u32 + 1;
        let day = ExcelDateTime::from_ymd(
            row.date.year() as u16,
            row.date.month() as u8,
            row.date.day() as u8,
        )
        .expect("a date");
        sheet
            .write_datetime_with_format(line, 0, &day, &date_format)
            .expect("a cell");
        sheet
            .write_string(line, 1, row.metric.name())
            .expect("a cell");
        if !row.item.is_empty() {
            sheet.write_string(line, 2, &row.item).expect("a cell");
        }
        sheet
            .write_number(line, 3, row.value as f64)
            .expect("a cell");
        sheet.write_string(line, 4, &row.note).expect("a cell");
    }
    sheet.set_column_width(0, 11).expect("a width");
    sheet.set_column_width(1, 14).expect("a width");
    sheet.set_column_width(2, 16).expect("a width");
    workbook
        .save(example("actuals/kaluga.xlsx"))
        .expect("save the workbook");
}

//! The CSV form: what is accepted, and one test per diagnostic with its line, column, message
//! and label.

use jiff::civil::date;
use relaunch_core::actuals::{Metric, Row};
use relaunch_scenario::read_actuals;

use crate::support::{Files, csv_problem, csv_problems, read_csv, summary};

fn row(date: jiff::civil::Date, metric: Metric, item: &str, value: u64, note: &str) -> Row {
    Row {
        date,
        metric,
        item: item.to_string(),
        value,
        note: note.to_string(),
    }
}

#[test]
fn rows_with_notes_comments_a_byte_order_mark_and_crlf_are_read() {
    let text = "\u{feff}date,metric,item,value,note\r\n\
                # the first week of the pilot\r\n\
                2023-12-18,kits_received,c5-skd,42,\"reported: 42 kits, Kommersant\"\r\n\
                \r\n\
                2023-12-20,good,crossover,6\r\n\
                2023-10-02,hired,,40,reported\r\n\
                2023-11-14,task_done,partner-deal,1,\"two\r\nlines\"\r\n\
                2024-02-01, left , ,2,\r\n";
    let file = read_csv(text);
    assert_eq!(
        file.rows,
        vec![
            row(
                date(2023, 12, 18),
                Metric::KitsReceived,
                "c5-skd",
                42,
                "reported: 42 kits, Kommersant"
            ),
            row(date(2023, 12, 20), Metric::Good, "crossover", 6, ""),
            row(date(2023, 10, 2), Metric::Hired, "", 40, "reported"),
            row(
                date(2023, 11, 14),
                Metric::TaskDone,
                "partner-deal",
                1,
                "two\r\nlines"
            ),
            row(date(2024, 2, 1), Metric::Left, "", 2, ""),
        ]
    );
    let lines: Vec<usize> = file.places.iter().map(|place| place.line).collect();
    assert_eq!(lines, vec![3, 5, 6, 7, 9]);
    assert_eq!(file.places[1].text, "2023-12-20,good,crossover,6");
    assert_eq!(
        &file.places[1].text[file.places[1].item_span.clone()],
        "crossover"
    );
    assert!(file.places.iter().all(|place| place.sheet.is_none()));
}

#[test]
fn a_header_alone_is_an_empty_file() {
    assert!(read_csv("date,metric,item,value\n").rows.is_empty());
    assert!(
        read_csv("# nothing yet\ndate,metric,item,value,note\n")
            .rows
            .is_empty()
    );
}

#[test]
fn a_file_without_a_header_is_refused() {
    let problem = csv_problem("");
    assert_eq!(problem.line, 0);
    assert_eq!(
        problem.message,
        "the file has no header: expected the line date,metric,item,value (and optionally note)"
    );
    assert_eq!(csv_problem("# only a comment\n\n").line, 0);
}

#[test]
fn an_unknown_column_is_named_with_a_suggestion() {
    let problem = csv_problem("dat,metric,item,value\n2024-01-02,good,crossover,6\n");
    assert_eq!(
        summary(&problem),
        (
            1,
            1,
            "unknown column `dat`",
            "did you mean `date`? the header is date,metric,item,value and optionally note, in this order"
        )
    );
}

#[test]
fn columns_out_of_order_are_named() {
    let problems = csv_problems("date,item,metric,value\n");
    let found: Vec<_> = problems.iter().map(summary).collect();
    assert_eq!(
        found,
        vec![
            (
                1,
                6,
                "column `item` is out of place",
                "expected `metric` as column 2: the header is date,metric,item,value and optionally note, in this order"
            ),
            (
                1,
                11,
                "column `metric` is out of place",
                "expected `item` as column 3: the header is date,metric,item,value and optionally note, in this order"
            ),
        ]
    );
}

#[test]
fn a_missing_column_is_named_at_the_end_of_the_header() {
    let problem = csv_problem("date,metric,item\n");
    assert_eq!((problem.line, problem.column), (1, 17));
    assert_eq!(problem.message, "missing column `value`");
    let problem = csv_problem("date,metric\n");
    assert_eq!(problem.message, "missing columns `item`, `value`");
}

#[test]
fn a_column_after_note_is_refused() {
    let problem = csv_problem("date,metric,item,value,note,source\n");
    assert_eq!((problem.line, problem.column), (1, 29));
    assert_eq!(problem.message, "unexpected column `source` after `note`");
}

#[test]
fn an_impossible_date_is_refused() {
    let problem = csv_problem("date,metric,item,value\n2024-02-30,good,crossover,6\n");
    assert_eq!(
        summary(&problem),
        (
            2,
            1,
            "impossible date `2024-02-30`",
            "February 2024 has 29 days"
        )
    );
}

#[test]
fn a_date_in_another_form_is_refused() {
    let problem = csv_problem("date,metric,item,value\n02.01.2024,good,crossover,6\n");
    assert_eq!(
        summary(&problem),
        (
            2,
            1,
            "`02.01.2024` is not a date",
            "expected an ISO date YYYY-MM-DD, like \"2024-03-25\""
        )
    );
}

#[test]
fn an_unknown_metric_gets_a_suggestion() {
    let problem = csv_problem("date,metric,item,value\n2024-01-02,godo,crossover,6\n");
    assert_eq!(
        summary(&problem),
        (2, 12, "unknown metric `godo`", "did you mean `good`?")
    );
    let problem = csv_problem("date,metric,item,value\n2024-01-02,output,crossover,6\n");
    assert_eq!(
        problem.label,
        "expected one of released, good, scrapped, reworked, kits_received, kits_ordered, \
         hired, left, task_done, task_started"
    );
}

#[test]
fn a_product_metric_needs_an_item() {
    let problem = csv_problem("date,metric,item,value\n2024-01-02,good,,6\n");
    assert_eq!(
        summary(&problem),
        (
            2,
            17,
            "`good` needs an item: the product it counts",
            "expected the id of a product of the scenario"
        )
    );
    let problem = csv_problem("date,metric,item,value\n2024-01-02,kits_ordered,,6\n");
    assert_eq!(
        problem.message,
        "`kits_ordered` needs an item: the kit it counts"
    );
}

#[test]
fn people_take_no_item() {
    let problem = csv_problem("date,metric,item,value\n2024-01-02,hired,crossover,3\n");
    assert_eq!(
        summary(&problem),
        (
            2,
            18,
            "`hired` counts people and takes no item, found `crossover`",
            "leave the item empty"
        )
    );
}

#[test]
fn a_negative_value_is_refused() {
    let problem = csv_problem("date,metric,item,value\n2024-01-02,good,crossover,-2\n");
    assert_eq!(
        summary(&problem),
        (
            2,
            27,
            "negative value `-2`",
            "expected a whole number of zero or more, like 6"
        )
    );
}

#[test]
fn a_fraction_or_a_word_is_not_a_value() {
    let problem = csv_problem("date,metric,item,value\n2024-01-02,good,crossover,6.5\n");
    assert_eq!(problem.message, "`6.5` is not a whole number");
    let problem = csv_problem("date,metric,item,value\n2024-01-02,good,crossover,six\n");
    assert_eq!(problem.message, "`six` is not a whole number");
    let problem = csv_problem("date,metric,item,value\n2024-01-02,good,crossover,\n");
    assert_eq!((problem.line, problem.column), (2, 27));
    assert_eq!(problem.message, "missing value");
}

#[test]
fn a_value_above_a_billion_is_refused() {
    assert_eq!(
        read_csv("date,metric,item,value\n2024-01-02,good,crossover,1000000000\n").rows[0].value,
        1_000_000_000
    );
    let problem = csv_problem("date,metric,item,value\n2024-01-02,good,crossover,1000000001\n");
    assert_eq!(
        summary(&problem),
        (
            2,
            27,
            "value `1000000001` is too large",
            "expected at most 1000000000 in one row"
        )
    );
    let problem =
        csv_problem("date,metric,item,value\n2024-01-02,good,crossover,99999999999999999999999\n");
    assert_eq!(
        problem.message,
        "value `99999999999999999999999` is too large"
    );
}

#[test]
fn a_task_is_done_once() {
    let problem = csv_problem("date,metric,item,value\n2024-01-02,task_done,certification,2\n");
    assert_eq!(
        summary(&problem),
        (
            2,
            36,
            "`task_done` marks a task once: its value must be 1, found 2",
            "expected 1"
        )
    );
    let problem = csv_problem("date,metric,item,value\n2024-01-02,task_started,certification,0\n");
    assert_eq!(
        problem.message,
        "`task_started` marks a task once: its value must be 1, found 0"
    );
}

#[test]
fn the_same_date_metric_and_item_twice_names_the_first_line() {
    let problem = csv_problem(
        "date,metric,item,value\n2024-01-02,good,crossover,6\n2024-01-02,scrapped,crossover,1\n\
         2024-01-02,good,crossover,7\n",
    );
    assert_eq!(
        summary(&problem),
        (
            4,
            1,
            "`2024-01-02,good,crossover` is given twice",
            "already given on line 2: give each date, metric and item once"
        )
    );
}

#[test]
fn a_short_row_says_what_is_missing() {
    let problem = csv_problem("date,metric,item,value\n2024-01-02,good,crossover\n");
    assert_eq!(
        summary(&problem),
        (
            2,
            26,
            "the row has 3 fields, expected 4: date,metric,item,value",
            "missing `value`"
        )
    );
}

#[test]
fn a_long_row_says_how_to_keep_a_note() {
    let problem = csv_problem("date,metric,item,value\n2024-01-02,good,crossover,6,reported\n");
    assert_eq!(
        summary(&problem),
        (
            2,
            29,
            "the row has 5 fields, but the header has 4 columns",
            "add `note` to the header to keep a note with each row"
        )
    );
    let problem =
        csv_problem("date,metric,item,value,note\n2024-01-02,good,crossover,6,reported, by TASS\n");
    assert_eq!((problem.line, problem.column), (2, 39));
    assert_eq!(
        problem.label,
        "a note with a comma must be in double quotes"
    );
}

#[test]
fn every_problem_is_reported_at_once_in_file_order() {
    let problems = csv_problems(
        "date,metric,item,value\n2024-01-02,godo,crossover,6\n2024-01-03,good,crossover,6\n\
         2024-13-01,good,crossover,-1\n",
    );
    let places: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.column)).collect();
    assert_eq!(places, vec![(2, 12), (4, 1), (4, 27)]);
}

#[test]
fn bytes_that_are_not_utf8_are_placed() {
    let files = Files::new();
    let mut bytes = b"date,metric,item,value\n2024-01-02,good,cr".to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice(b"ossover,6\n");
    let path = files.write("latin.csv", &bytes);
    let problem = read_actuals(&path).expect_err("refused").0.remove(0);
    assert_eq!(
        (problem.line, problem.column, problem.message.as_str()),
        (2, 19, "the file is not UTF-8 text")
    );
}

#[test]
fn a_file_of_another_kind_or_missing_is_refused() {
    let files = Files::new();
    let path = files.write("actuals.txt", b"date,metric,item,value\n");
    let problem = read_actuals(&path).expect_err("refused").0.remove(0);
    assert_eq!(
        problem.message,
        "an actuals file must be a .csv or .xlsx file (by its extension)"
    );
    let problem = read_actuals(&files.path("absent.csv"))
        .expect_err("refused")
        .0
        .remove(0);
    assert!(
        problem
            .message
            .starts_with("cannot read the actuals file: "),
        "{problem:?}"
    );
    assert_eq!(problem.line, 0);
}

#[test]
fn a_diagnostic_prints_like_the_scenario_readers() {
    let problem = csv_problem("date,metric,item,value\n2024-01-02,godo,crossover,6\n");
    assert_eq!(
        problem.to_string(),
        "error: unknown metric `godo`\n \
         --> actuals.csv:2:12\n  \
         |\n\
         2 | 2024-01-02,godo,crossover,6\n  \
         |            ^^^^ did you mean `good`?\n"
    );
}

#[test]
fn bytes_read_like_a_file_of_that_name() {
    let text = "date,metric,item,value\n2024-01-02,good,crossover,6\n";
    let from_bytes = relaunch_scenario::read_actuals_bytes("upload.csv", text.as_bytes().to_vec())
        .expect("reads");
    assert_eq!(from_bytes.rows, read_csv(text).rows);
    assert_eq!(from_bytes.places[0].file, "upload.csv");
    let problems = relaunch_scenario::read_actuals_bytes(
        "upload.csv",
        b"date,metric,item,value\n2024-01-02,godo,crossover,6\n".to_vec(),
    )
    .expect_err("refused");
    assert_eq!(
        problems.short_lines(),
        vec!["upload.csv:2:12: unknown metric `godo`".to_string()]
    );
    let problems =
        relaunch_scenario::read_actuals_bytes("upload.ods", Vec::new()).expect_err("refused");
    assert_eq!(
        problems.short_lines(),
        vec![
            "upload.ods: an actuals file must be a .csv or .xlsx file (by its extension)"
                .to_string()
        ]
    );
}

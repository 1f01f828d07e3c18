//! Files with very many problems, very long lines and invisible characters: the diagnostics
//! stay bounded in size (the first 50 are printed, the rest counted), every problem is still
//! found, and nothing invisible or able to drive a terminal is echoed as is. Work is bounded
//! by sizes asserted here, never by a clock.

use relaunch_scenario::load_str;

use crate::support::{MINIMAL, diagnostics, minimal_with};

/// The longest a printed diagnostic may be: a message and label of at most 400 characters
/// each, a source window of about 100, and the frame around them (bytes, escapes included).
const MAXIMUM_DIAGNOSTIC_BYTES: usize = 2_000;

/// `count` stations, each with an unknown key: one problem per station, one per line group.
fn many_unknown_keys(count: usize) -> String {
    let mut text = MINIMAL.to_string();
    for index in 0..count {
        text.push_str(&format!(
            "\n[[station]]\nid = \"s{index}\"\ncycle = \"5min\"\ncycel{index} = 1\n"
        ));
    }
    text
}

#[test]
fn ten_thousand_problems_are_all_counted_and_fifty_are_printed() {
    let found = diagnostics(&many_unknown_keys(10_000));
    assert_eq!(found.0.len(), 10_000);
    let shown = found.to_string();
    assert_eq!(shown.matches("error: ").count(), 50);
    assert!(shown.contains("\n... and 9950 more problems\n"), "{shown}");
    assert!(shown.ends_with("\n10000 problems found\n"), "{shown}");
    assert!(
        shown.len() < 50 * MAXIMUM_DIAGNOSTIC_BYTES,
        "{}",
        shown.len()
    );
    // The first printed problem is the first in the file.
    assert!(
        shown.starts_with(
            "error: unknown key `cycel0` in [[station]] \"s0\"\n  --> bad.toml:20:1\n"
        ),
        "{shown}"
    );
}

#[test]
fn twenty_thousand_problems_on_one_line_stay_bounded() {
    let dates: Vec<String> = (0..20_000).map(|index| format!("\"x{index}\"")).collect();
    let text = minimal_with(
        &[(
            14,
            &format!("[calendar]\nholidays = [{}]\n\n[release]", dates.join(", ")),
        )],
        "",
    );
    let found = diagnostics(&text);
    assert_eq!(found.0.len(), 20_000);
    for diagnostic in &found.0 {
        assert_eq!(diagnostic.line, 15);
        assert!(
            diagnostic.source_line.chars().count() <= 102,
            "{}",
            diagnostic.source_line
        );
    }
    // The column is exact however far along the line the problem is.
    let last = &found.0[19_999];
    let line = text.lines().nth(14).expect("line 15");
    assert_eq!(last.column, line.find("\"x19999\"").expect("last date") + 1);
    assert!(last.source_line.starts_with('…'));
    let underlined: String = last
        .source_line
        .chars()
        .skip(last.snippet_offset)
        .take(last.underline_length)
        .collect();
    assert_eq!(underlined, "\"x19999\"");
    let shown = found.to_string();
    assert!(
        shown.len() < 50 * MAXIMUM_DIAGNOSTIC_BYTES,
        "{}",
        shown.len()
    );
    assert!(shown.contains("... and 19950 more problems"));
}

#[test]
fn thousands_of_unknown_references_among_thousands_of_ids_are_all_reported() {
    let mut text = MINIMAL.replace("route = [\"trim-1\"]", "route = [\"nowhere\"]");
    for index in 0..3_000 {
        text.push_str(&format!(
            "\n[[station]]\nid = \"st{index}\"\ncycle = \"5min\"\n"
        ));
    }
    for index in 0..3_000 {
        text.push_str(&format!(
            "\n[[product]]\nid = \"p{index}\"\nroute = [\"st{index}x\"]\n"
        ));
    }
    let found = diagnostics(&text);
    assert_eq!(found.0.len(), 3_001);
    // Labels name at most ten known ids.
    assert!(
        found.0[0].label.ends_with("and 2991 more"),
        "{}",
        found.0[0].label
    );
    assert!(
        found.0[1].label.starts_with("did you mean `st0`?"),
        "{}",
        found.0[1].label
    );
}

#[test]
fn invisible_and_control_characters_are_escaped_in_every_echo() {
    // A zero-width space in a key and an ANSI escape in a route's station id.
    let text = minimal_with(
        &[
            (8, "cycle = \"5min\"\n\"cyc\u{200b}le\" = \"6min\""),
            (12, "route = [\"trim-1\\u001b[31m\"]"),
        ],
        "",
    );
    let found = diagnostics(&text);
    let lines = found.short_lines();
    assert_eq!(
        lines,
        [
            "bad.toml:9:1: unknown key `cyc\\u{200b}le` in [[station]] \"trim-1\"",
            "bad.toml:13:10: unknown station `trim-1\\u{1b}[31m` in the route of [[product]] \"car\"",
        ]
    );
    assert_eq!(found.0[0].label, "did you mean `cycle`?");
    let shown = found.to_string();
    assert!(
        !shown.contains('\u{200b}') && !shown.contains('\u{1b}'),
        "{shown}"
    );
    assert!(
        shown.contains("9 | \"cyc\\u{200b}le\" = \"6min\"\n"),
        "{shown}"
    );
    // The underline covers the quoted key as shown: `"cyc\u{200b}le"` is 15 characters wide.
    assert!(
        shown.contains("  | ^^^^^^^^^^^^^^^ did you mean `cycle`?\n"),
        "{shown}"
    );
}

#[test]
fn a_huge_id_is_cut_in_messages() {
    let id = "x".repeat(100_000);
    let text = MINIMAL.replace("route = [\"trim-1\"]", &format!("route = [\"{id}\"]"));
    let found = diagnostics(&text);
    assert_eq!(found.0.len(), 1);
    assert!(found.0[0].message.chars().count() <= 401);
    assert!(found.0[0].message.ends_with('…'));
    assert!(found.to_string().len() < MAXIMUM_DIAGNOSTIC_BYTES);
}

#[test]
fn a_valid_scenario_with_many_holidays_loads() {
    let holidays: Vec<String> = (0..2_000)
        .map(|day| {
            let date = jiff::civil::date(2024, 1, 1)
                .checked_add(jiff::Span::new().days(day))
                .expect("a date");
            format!("\"{date}\"")
        })
        .collect();
    let text = minimal_with(
        &[(
            14,
            &format!(
                "[calendar]\nholidays = [{}]\n\n[release]",
                holidays.join(", ")
            ),
        )],
        "",
    );
    let scenario = load_str("many.toml", &text).expect("valid");
    assert_eq!(scenario.name, "test");
}

//! One test per class of mistake: each asserts the exact file:line:column and message.

use relaunch_scenario::{load_file, load_str};

use crate::support::{MINIMAL, check, diagnostics, fixture_path, minimal_with, problems};

#[test]
fn the_minimal_fixture_is_valid() {
    let scenario = load_str("minimal.toml", MINIMAL).expect("minimal.toml is valid");
    assert_eq!(scenario.name, "test");
    assert_eq!(scenario.seed, 1);
    assert_eq!(scenario.replications, 100);
    assert_eq!(scenario.stations[0].servers, 1);
    assert_eq!(scenario.stations[0].buffer, None);
}

#[test]
fn toml_syntax_error() {
    let found = problems(&minimal_with(&[(2, "name = \"test")], ""));
    assert!(!found.is_empty());
    assert!(
        found[0].starts_with("bad.toml:2:") && found[0].contains("TOML syntax error"),
        "{found:?}"
    );
}

#[test]
fn unknown_key_with_suggestion() {
    let text = minimal_with(&[(8, "cycel = \"5min\"")], "");
    let diagnostics = diagnostics(&text);
    assert_eq!(
        diagnostics.short_lines(),
        [
            "bad.toml:6:1: missing key `cycle` in [[station]] \"trim-1\"",
            "bad.toml:8:1: unknown key `cycel` in [[station]] \"trim-1\"",
        ]
    );
    assert_eq!(diagnostics.0[1].label, "did you mean `cycle`?");
}

#[test]
fn unknown_table_with_suggestion() {
    let text = minimal_with(&[], "[senario]\nseed = 3\n");
    let diagnostics = diagnostics(&text);
    assert_eq!(
        diagnostics.short_lines(),
        ["bad.toml:16:2: unknown key `senario` in the top level"]
    );
    assert_eq!(diagnostics.0[0].label, "did you mean `scenario`?");
}

#[test]
fn unknown_key_in_a_distribution() {
    let text = minimal_with(
        &[(
            8,
            "cycle = { dist = \"exponential\", mean = \"5min\", cv = 0.2 }",
        )],
        "",
    );
    check(
        &text,
        &[
            "bad.toml:8:48: unknown key `cv` in the distribution of `cycle` in [[station]] \"trim-1\"",
        ],
    );
}

#[test]
fn rendered_diagnostic_looks_like_a_compiler() {
    let text = minimal_with(&[(8, "cycel = \"5min\"")], "");
    let rendered = diagnostics(&text).0[1].to_string();
    assert_eq!(
        rendered,
        "error: unknown key `cycel` in [[station]] \"trim-1\"\n \
         --> bad.toml:8:1\n  |\n8 | cycel = \"5min\"\n  | ^^^^^ did you mean `cycle`?\n"
    );
}

#[test]
fn missing_required_key() {
    check(
        &minimal_with(&[(3, "")], ""),
        &["bad.toml:1:1: missing key `start` in [scenario]"],
    );
}

#[test]
fn missing_required_tables() {
    check(
        &minimal_with(&[(14, ""), (15, "")], ""),
        &["bad.toml:1:1: missing [release]"],
    );
    check(
        "[release]\nsaturated = true\n",
        &[
            "bad.toml:1:1: missing [scenario]",
            "bad.toml:1:1: missing [[station]]",
            "bad.toml:1:1: missing [[product]]",
        ],
    );
}

#[test]
fn unknown_references_with_suggestions() {
    check(
        &minimal_with(&[(12, "route = [\"trim1\"]")], ""),
        &["bad.toml:12:10: unknown station `trim1` in the route of [[product]] \"car\""],
    );
    let unknown_kit = minimal_with(
        &[(12, "route = [\"trim-1\"]\nkit = \"skd-kit\"")],
        "[[kit]]\nid = \"skd-kits\"\n",
    );
    let diagnostics = diagnostics(&unknown_kit);
    assert_eq!(
        diagnostics.short_lines(),
        ["bad.toml:13:7: unknown kit `skd-kit` in `kit` in [[product]] \"car\""]
    );
    assert_eq!(diagnostics.0[0].label, "did you mean `skd-kits`?");
    check(
        &minimal_with(
            &[(
                8,
                "cycle = \"5min\"\nfailure = { ttf = \"20h\", ttr = \"20min\", crew = \"maintenance\" }",
            )],
            "[[crew]]\nid = \"repair\"\nsize = 1\n",
        ),
        &[
            "bad.toml:9:48: unknown crew `maintenance` in `crew` in `failure` in [[station]] \"trim-1\"",
        ],
    );
}

#[test]
fn duplicate_ids_of_every_kind() {
    let text = minimal_with(
        &[],
        "[[station]]\nid = \"trim-1\"\ncycle = \"1min\"\n\
         [[product]]\nid = \"car\"\nroute = [\"trim-1\"]\n\
         [[kit]]\nid = \"k\"\n[[kit]]\nid = \"k\"\n\
         [[crew]]\nid = \"c\"\nsize = 1\n[[crew]]\nid = \"c\"\nsize = 1\n\
         [[milestone]]\nid = \"m\"\ncumulative = 1\n[[milestone]]\nid = \"m\"\ncumulative = 2\n\
         [[localization.item]]\nid = \"i\"\npoints = 1\n[[localization.item]]\nid = \"i\"\npoints = 2\n",
    );
    check(
        &text,
        &[
            "bad.toml:17:6: duplicate station id `trim-1`",
            "bad.toml:20:6: duplicate product id `car`",
            "bad.toml:25:6: duplicate kit id `k`",
            "bad.toml:30:6: duplicate crew id `c`",
            "bad.toml:36:6: duplicate milestone id `m`",
            "bad.toml:42:6: duplicate localization item id `i`",
        ],
    );
}

#[test]
fn zero_durations_where_they_make_no_sense() {
    check(
        &minimal_with(&[(4, "horizon = \"0d\""), (8, "cycle = \"0s\"")], ""),
        &[
            "bad.toml:4:11: `horizon` in [scenario] must be longer than zero",
            "bad.toml:8:9: `cycle` in [[station]] \"trim-1\" must be longer than zero",
        ],
    );
    check(
        &minimal_with(
            &[(
                8,
                "cycle = \"5min\"\nfailure = { ttf = \"0h\", ttr = { dist = \"uniform\", min = \"0s\", max = \"0s\" } }",
            )],
            "",
        ),
        &[
            "bad.toml:9:19: `ttf` in `failure` in [[station]] \"trim-1\" must be longer than zero",
            "bad.toml:9:31: `ttr` in `failure` in [[station]] \"trim-1\" must have a mean longer than zero",
        ],
    );
    let zero_lead_time = minimal_with(
        &[(12, "route = [\"trim-1\"]\nkit = \"k\"")],
        "[[kit]]\nid = \"k\"\nlead_time = \"0d\"\n",
    );
    assert!(load_str("ok.toml", &zero_lead_time).is_ok());
}

#[test]
fn durations_without_unit() {
    let diagnostics = diagnostics(&minimal_with(&[(8, "cycle = 5")], ""));
    assert_eq!(
        diagnostics.short_lines(),
        ["bad.toml:8:9: `cycle` in [[station]] \"trim-1\": duration 5 has no unit"]
    );
    assert!(diagnostics.0[0].label.contains("s, min, h, d or w"));
    check(
        &minimal_with(&[(4, "horizon = \"30\"")], ""),
        &["bad.toml:4:11: `horizon` in [scenario]: duration `30` has no unit"],
    );
    check(
        &minimal_with(&[(4, "horizon = \"30m\"")], ""),
        &["bad.toml:4:11: `horizon` in [scenario]: unknown unit `m` in duration `30m`"],
    );
}

#[test]
fn probabilities_outside_zero_to_one() {
    check(
        &minimal_with(
            &[],
            "[learning]\nfirst_pass_yield = { initial = 1.2, mature = 0.9 }\n",
        ),
        &["bad.toml:17:32: `initial` in `first_pass_yield` in [learning] is 1.2, out of range"],
    );
    check(
        &minimal_with(
            &[],
            "[learning]\nfirst_pass_yield = { initial = 0.9, mature = 0.8 }\n",
        ),
        &[
            "bad.toml:17:20: `first_pass_yield` in [learning] starts above its mature value (0.9 > 0.8)",
        ],
    );
}

#[test]
fn learning_rate_outside_zero_to_one() {
    check(
        &minimal_with(&[], "[learning]\nmodel = \"wright\"\nrate = 0\n"),
        &["bad.toml:18:8: `rate` in [learning] is 0, out of range"],
    );
    check(
        &minimal_with(&[], "[learning]\nmodel = \"crawford\"\nrate = 1.5\n"),
        &["bad.toml:18:8: `rate` in [learning] is 1.5, out of range"],
    );
    check(
        &minimal_with(&[], "[learning]\nmodel = \"crawford\"\nprior_units = 3\n"),
        &["bad.toml:18:1: `prior_units` in [learning] is only for model = \"stanford-b\""],
    );
    check(
        &minimal_with(&[], "[learning]\nmodel = \"crawfrod\"\n"),
        &["bad.toml:17:9: unknown learning model `crawfrod` in `model` in [learning]"],
    );
}

#[test]
fn servers_below_one() {
    check(
        &minimal_with(&[(8, "cycle = \"5min\"\nservers = 0")], ""),
        &["bad.toml:9:11: `servers` in [[station]] \"trim-1\" is 0, out of range"],
    );
}

#[test]
fn horizon_over_fifty_years() {
    check(
        &minimal_with(&[(4, "horizon = \"3000w\"")], ""),
        &["bad.toml:4:11: `horizon` in [scenario] is 21000 days, over 50 years"],
    );
}

#[test]
fn impossible_dates() {
    let diagnostics = diagnostics(&minimal_with(&[(3, "start = \"2024-02-30\"")], ""));
    assert_eq!(
        diagnostics.short_lines(),
        ["bad.toml:3:9: `start` in [scenario]: impossible date `2024-02-30`"]
    );
    assert_eq!(diagnostics.0[0].label, "February 2024 has 29 days");
    check(
        &minimal_with(&[(3, "start = 2024-01-08")], ""),
        &["bad.toml:3:9: `start` in [scenario]: write the date as a quoted string"],
    );
}

#[test]
fn unsorted_localization_thresholds() {
    check(
        &minimal_with(
            &[],
            "[localization]\nthresholds = [{ from = \"2025-01-01\", points = 10 }, { from = \"2024-01-01\", points = 20 }]\n",
        ),
        &[
            "bad.toml:17:62: `thresholds` in [localization] is not sorted: 2024-01-01 is not after 2025-01-01",
        ],
    );
    check(
        &minimal_with(
            &[],
            "[[localization.item]]\nid = \"paint\"\npoints = 5\nfrom = \"2025-01-01\"\nuntil = \"2024-01-01\"\n",
        ),
        &[
            "bad.toml:20:9: [[localization.item]] \"paint\" ends (2024-01-01) before it starts (2025-01-01)",
        ],
    );
}

#[test]
fn calendar_mistakes() {
    check(
        &minimal_with(&[], "[calendar]\nalways_on = true\nshifts = 2\n"),
        &["bad.toml:18:1: `shifts` in [calendar] cannot be combined with `always_on = true`"],
    );
    check(
        &minimal_with(&[], "[calendar]\nshifts = 4\nshift_length = \"8h\"\n"),
        &["bad.toml:17:10: [calendar] has 4 shifts of 8 h, more than 24 h a day"],
    );
    check(
        &minimal_with(&[], "[calendar]\nworkdays = [\"mon\", \"tues\"]\n"),
        &["bad.toml:17:20: unknown day `tues` in `workdays` in [calendar]"],
    );
    check(
        &minimal_with(&[], "[workforce]\ntraining = \"5d\"\n"),
        &["bad.toml:16:1: [workforce] needs a shift calendar, but the calendar is 24/7"],
    );
}

#[test]
fn workforce_management_mistakes() {
    let workforce = |keys: &str| {
        minimal_with(
            &[],
            &format!("[calendar]\nshifts = 1\n\n[workforce]\n{keys}"),
        )
    };
    check(
        &workforce(
            "replace_leavers = { lead_tme = \"5d\" }\ntraining_capacity = 0\nabsenteeism = 1.2\n",
        ),
        &[
            "bad.toml:20:19: missing key `lead_time` in `replace_leavers` in [workforce]",
            "bad.toml:20:21: unknown key `lead_tme` in `replace_leavers` in [workforce]",
            "bad.toml:21:21: `training_capacity` in [workforce] is 0, out of range",
            "bad.toml:22:15: `absenteeism` in [workforce] is 1.2, out of range",
        ],
    );
    check(
        &workforce("replace_leavers = true\ntraining_capacity = 2.5\nabsenteeism = \"4%\"\n"),
        &[
            "bad.toml:20:19: `replace_leavers` in [workforce] must be a table, found a boolean",
            "bad.toml:21:21: `training_capacity` in [workforce] must be a whole number of 1 or more, found a number with a fraction",
            "bad.toml:22:15: `absenteeism` in [workforce] must be a number, found a string",
        ],
    );
    check(
        &workforce(
            "replace_leavers = { lead_time = { dist = \"uniform\", min = \"5d\", max = \"2d\" } }\n",
        ),
        &[
            "bad.toml:20:33: `lead_time` in `replace_leavers` in [workforce] is not a valid distribution: need min <= max, got 432000 > 172800",
        ],
    );
    let scenario = relaunch_scenario::load_str(
        "good.toml",
        &workforce(
            "replace_leavers = { lead_time = { dist = \"triangular\", min = \"14d\", mode = \"21d\", max = \"43d\" } }\ntraining_capacity = 20\nabsenteeism = 0.04\n",
        ),
    )
    .expect("valid");
    let read = scenario.workforce.expect("a workforce");
    assert_eq!(read.training_capacity, Some(20));
    assert_eq!(read.absenteeism, 0.04);
    assert_eq!(
        read.replace_leavers.map(|lead| lead.mean_secs()),
        Some(26.0 * 86_400.0)
    );
}

#[test]
fn release_and_milestone_choices() {
    check(
        &minimal_with(&[(15, "saturated = true\narrivals = \"1min\"")], ""),
        &["bad.toml:16:1: [release] has both `saturated` and `arrivals`"],
    );
    check(
        &minimal_with(
            &[],
            "[[milestone]]\nid = \"m\"\ncumulative = 5\nrate_per_day = 2\n",
        ),
        &["bad.toml:19:1: [[milestone]] \"m\" has both `cumulative` and `rate_per_day`"],
    );
    check(
        &minimal_with(
            &[(
                15,
                "plan = [{ from = \"2024-03-01\", per_day = 4 }, { from = \"2024-02-01\", per_day = 8 }]",
            )],
            "",
        ),
        &["bad.toml:15:56: `plan` in [release] is not sorted: 2024-02-01 is not after 2024-03-01"],
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = "[scenario]\nname = 3\nstart = \"2024-02-30\"\nhorizon = 450\n\n\
                [[station]]\nid = \"a\"\ncycel = \"5min\"\n\n\
                [[station]]\nid = \"a\"\ncycle = { dist = \"expo\", mean = \"1min\" }\n\n\
                [[product]]\nid = \"p\"\nroute = [\"b\"]\n";
    check(
        text,
        &[
            "bad.toml:1:1: missing [release]",
            "bad.toml:2:8: `name` in [scenario] must be a string, found an integer",
            "bad.toml:3:9: `start` in [scenario]: impossible date `2024-02-30`",
            "bad.toml:4:11: `horizon` in [scenario]: duration 450 has no unit",
            "bad.toml:6:1: missing key `cycle` in [[station]] \"a\"",
            "bad.toml:8:1: unknown key `cycel` in [[station]] \"a\"",
            "bad.toml:11:6: duplicate station id `a`",
            "bad.toml:12:18: unknown distribution `expo` in `cycle` in [[station]] \"a\"",
            "bad.toml:16:10: unknown station `b` in the route of [[product]] \"p\"",
        ],
    );
}

#[test]
fn empty_files() {
    check(
        "",
        &["bad.toml:1:1: the file is empty; a scenario needs at least [scenario]"],
    );
    check(
        "\n  \n# only a comment\n",
        &["bad.toml:1:1: the file is empty; a scenario needs at least [scenario]"],
    );
}

#[test]
fn missing_file() {
    let path = fixture_path("no-such-file.toml");
    let diagnostics = load_file(&path).expect_err("the file does not exist");
    assert_eq!(diagnostics.0.len(), 1);
    assert_eq!((diagnostics.0[0].line, diagnostics.0[0].column), (0, 0));
    assert!(
        diagnostics.0[0]
            .message
            .starts_with("cannot read the scenario: "),
        "{diagnostics}"
    );
    let shown = diagnostics.to_string();
    assert!(
        shown.starts_with("error: cannot read the scenario: No such file")
            && shown.contains(&format!("\n --> {}\n", path.display())),
        "{shown}"
    );
    assert!(!shown.contains(":0:0"), "{shown}");
    assert_eq!(
        diagnostics.short_lines()[0],
        format!("{}: {}", path.display(), diagnostics.0[0].message)
    );
}

#[test]
fn non_utf8_file() {
    let directory = std::env::temp_dir().join(format!("relaunch-scenario-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("temporary directory");
    let path = directory.join("latin1.toml");
    let mut bytes = b"[scenario]\nname = \"caf".to_vec();
    bytes.extend_from_slice(&[0xe9, b'"', b'\n']);
    std::fs::write(&path, bytes).expect("write the file");
    let diagnostics = load_file(&path).expect_err("the file is not UTF-8");
    let _ = std::fs::remove_dir_all(&directory);
    assert_eq!(diagnostics.0.len(), 1);
    assert_eq!((diagnostics.0[0].line, diagnostics.0[0].column), (2, 12));
    assert_eq!(
        diagnostics.0[0].message,
        "the file is not UTF-8 text (byte 0xe9 at byte offset 22)"
    );
}

#[test]
fn wrong_types_and_shapes() {
    check(
        &minimal_with(&[(6, "[station]")], ""),
        &["bad.toml:6:1: `station` must be an array of tables, found a table"],
    );
    check(
        &minimal_with(&[(8, "cycle = \"5min\"\nbuffer = \"lots\"")], ""),
        &[
            "bad.toml:9:10: `buffer` in [[station]] \"trim-1\" must be a whole number of places or \"unlimited\"",
        ],
    );
}

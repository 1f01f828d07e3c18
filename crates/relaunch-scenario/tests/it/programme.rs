//! `[[task]]`, `[[risk]]` and task milestones: what reads into the programme, and every
//! problem with its line and column.

use relaunch_core::model::{Impact, MilestoneKind, Predecessor};
use relaunch_scenario::load_str;

use crate::support::{check, minimal_with};

/// `MINIMAL` (15 lines, start 2024-01-08, 30 days) with `appended` from line 16 on.
fn with(appended: &str) -> String {
    minimal_with(&[], appended)
}

/// The text of `DESIGN.md`'s programme section, with the scenario around it.
const DESIGN_SNIPPET: &str = r#"[scenario]
name = "design"
start = "2023-09-01"
horizon = "300d"

[[station]]
id = "line"
cycle = "1h"

[[product]]
id = "car"
route = ["line"]

[[task]]
id = "partner-deal"
duration = { dist = "triangular", min = "10d", mode = "14d", max = "45d" }
[[task]]
id = "retooling"
after = ["partner-deal"]    # finish-to-start; `lag = "3d"` optional
duration = { dist = "triangular", min = "35d", mode = "49d", max = "90d" }
[[task]]
id = "certification"
after = "retooling"
duration = "20d"

[[risk]]
id = "certification-rework"
probability = 0.3           # drawn once per replication
task = "certification"      # what it hits ...
delay = { dist = "uniform", min = "14d", max = "45d" }   # ... and by how much

[release]
plan = [{ after = "certification", per_day = 4 }, { from = "2024-03-25", per_day = 16 }]

[[milestone]]
id = "certified"
task = "certification"      # a milestone can be a task's finish
due = "2023-12-15"
"#;

#[test]
fn the_design_snippet_reads_with_its_planned_dates() {
    let scenario = load_str("design.toml", DESIGN_SNIPPET).expect("the snippet reads");
    let programme = &scenario.programme;
    let ids: Vec<&str> = programme.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["partner-deal", "retooling", "certification"]);
    assert_eq!(
        programme.tasks[1].after,
        [Predecessor {
            task: 0,
            lag_days: 0
        }]
    );
    assert_eq!(
        programme.tasks[2].after,
        [Predecessor {
            task: 1,
            lag_days: 0
        }]
    );
    assert_eq!(programme.risks.len(), 1);
    assert_eq!(programme.risks[0].probability, 0.3);
    assert!(matches!(
        programme.risks[0].impact,
        Impact::TaskDelay { task: 2, .. }
    ));
    assert_eq!(scenario.milestones[0].kind, MilestoneKind::Task { task: 2 });
    // Planned: 10 + 35 + 20 = 65 days from 2023-09-01: the plan's first phase starts on
    // 2023-11-05 (day 65), before the dated phase of 2024-03-25.
    let relaunch_core::model::Release::Plan { phases, .. } = &scenario.release else {
        panic!("a plan");
    };
    let starts: Vec<String> = phases.iter().map(|p| p.from.to_string()).collect();
    assert_eq!(starts, ["2023-11-05", "2024-03-25"]);
    assert_eq!(phases[0].per_day, 4);
}

#[test]
fn links_take_the_tasks_lag_or_their_own() {
    let scenario = load_str(
        "links.toml",
        &with(
            "[[task]]\nid = \"c\"\nduration = \"1d\"\nafter = [\"a\", { task = \"b\", lag = \"-2d\" }]\n\
             lag = \"1w\"\nfrom = \"2024-01-10\"\nworkdays = true\n\
             [[task]]\nid = \"a\"\nduration = { dist = \"uniform\", min = \"1d\", max = \"3d\" }\n\
             [[task]]\nid = \"b\"\nduration = \"0d\"\n",
        ),
    )
    .expect("reads");
    let c = &scenario.programme.tasks[0];
    assert_eq!(
        c.after,
        [
            Predecessor {
                task: 1,
                lag_days: 7
            },
            Predecessor {
                task: 2,
                lag_days: -2
            }
        ]
    );
    assert_eq!(
        c.not_before.map(|d| d.to_string()).as_deref(),
        Some("2024-01-10")
    );
    assert!(c.workdays);
    assert!(!scenario.programme.tasks[1].workdays);
}

#[test]
fn risks_read_each_impact_with_its_window() {
    let scenario = load_str(
        "risks.toml",
        &minimal_with(
            &[(12, "route = [\"trim-1\"]\nkit = \"k\"")],
            "[[kit]]\nid = \"k\"\ninitial_stock = 10\n\
             [[task]]\nid = \"t\"\nduration = \"5d\"\n\
             [[risk]]\nid = \"late\"\nprobability = 0.25\ntask = \"t\"\ndelay = \"3d\"\nimply = [\"port\"]\n\
             [[risk]]\nid = \"port\"\nprobability = 0\nkit = \"k\"\nlead_time_delay = \"10d\"\n\
             [[risk]]\nid = \"strike\"\nprobability = 1\nkit = \"k\"\nlead_time_delay = \"2d\"\n\
             from = \"2024-01-15\"\n\
             [[risk]]\nid = \"paint\"\nprobability = 0.5\nyield_drop = 0.2\nfrom = \"2024-01-20\"\nuntil = \"2024-01-21\"\n",
        ),
    )
    .expect("reads");
    let risks = &scenario.programme.risks;
    assert_eq!(risks[0].implies, [1]);
    let date = |text: &str| text.parse::<jiff::civil::Date>().expect("a date");
    // The whole horizon by default: 2024-01-08 to its 30th day, 2024-02-06.
    match &risks[1].impact {
        Impact::KitDelay {
            kit, from, until, ..
        } => assert_eq!(
            (*kit, *from, *until),
            (0, date("2024-01-08"), date("2024-02-06"))
        ),
        other => panic!("{other:?}"),
    }
    match &risks[2].impact {
        Impact::KitDelay { from, until, .. } => {
            assert_eq!((*from, *until), (date("2024-01-15"), date("2024-02-06")))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        risks[3].impact,
        Impact::YieldDrop {
            drop: 0.2,
            from: date("2024-01-20"),
            until: date("2024-01-21")
        }
    );
}

#[test]
fn task_problems_are_placed_at_their_values() {
    check(
        &with(
            "[[task]]\nid = \"a\"\nduration = \"1d\"\nafter = [\"retoling\"]\n[[task]]\nid = \"retooling\"\nduration = \"2d\"\n",
        ),
        &["bad.toml:19:10: unknown task `retoling` in `after` in [[task]] \"a\""],
    );
    check(
        &with("[[task]]\nid = \"a\"\nduration = \"1d\"\nafter = \"a\"\n"),
        &["bad.toml:19:9: [[task]] \"a\" is after itself"],
    );
    check(
        &with(
            "[[task]]\nid = \"a\"\nduration = \"1d\"\nafter = \"c\"\n\
             [[task]]\nid = \"b\"\nduration = \"1d\"\nafter = [\"a\"]\n\
             [[task]]\nid = \"c\"\nduration = \"1d\"\nafter = [{ task = \"b\" }]\n",
        ),
        &["bad.toml:19:9: the tasks' `after` links form a cycle: `a` → `b` → `c` → `a`"],
    );
    // Two cycles, each reported once at the `after` of its first task.
    check(
        &with(
            "[[task]]\nid = \"a\"\nduration = \"1d\"\nafter = \"b\"\n\
             [[task]]\nid = \"b\"\nduration = \"1d\"\nafter = \"a\"\n\
             [[task]]\nid = \"c\"\nduration = \"1d\"\nafter = [\"d\", \"a\"]\n\
             [[task]]\nid = \"d\"\nduration = \"1d\"\nafter = \"c\"\n",
        ),
        &[
            "bad.toml:19:9: the tasks' `after` links form a cycle: `a` → `b` → `a`",
            "bad.toml:27:9: the tasks' `after` links form a cycle: `c` → `d` → `c`",
        ],
    );
    check(
        &with("[[task]]\nid = \"a\"\nduration = \"1d\"\n[[task]]\nid = \"a\"\nduration = \"2d\"\n"),
        &["bad.toml:20:6: duplicate task id `a`"],
    );
    check(
        &with("[[task]]\nid = \"a\"\nduration = \"1d\"\nlag = \"3d\"\n"),
        &["bad.toml:19:1: `lag` in [[task]] \"a\" is only for `after`"],
    );
    check(
        &with("[[task]]\nid = \"a\"\nduration = \"1d\"\nafter = []\nlag = \"3h\"\n"),
        &["bad.toml:20:7: `lag` in [[task]] \"a\" is \"3h\": a lag is whole days"],
    );
    check(
        &with("[[task]]\nid = \"a\"\nduration = \"1d\"\nafter = []\nlag = \"-3651d\"\n"),
        &["bad.toml:20:7: `lag` in [[task]] \"a\" is \"-3651d\", out of range"],
    );
    check(
        &with("[[task]]\nid = \"a\"\nduration = \"1d\"\nfrom = \"2024-01-07\"\n"),
        &[
            "bad.toml:19:8: `from` in [[task]] \"a\" (2024-01-07) is before the scenario start (2024-01-08)",
        ],
    );
    check(
        &with("[[task]]\nid = \"a\"\nafter = 3\n"),
        &[
            "bad.toml:16:1: missing key `duration` in [[task]] \"a\"",
            "bad.toml:18:9: `after` in [[task]] \"a\" must be a task id or a list of them, found an integer",
        ],
    );
}

#[test]
fn risk_problems_name_what_is_expected() {
    let task = "[[task]]\nid = \"t\"\nduration = \"1d\"\n";
    // Lines 16-18 are the task; the risk starts on line 19.
    check(
        &with(&format!(
            "{task}[[risk]]\nid = \"r\"\nprobability = 1.5\ntask = \"t\"\ndelay = \"1d\"\n"
        )),
        &["bad.toml:21:15: `probability` in [[risk]] \"r\" is 1.5, out of range"],
    );
    check(
        &with(&format!("{task}[[risk]]\nid = \"r\"\nprobability = 0.5\n")),
        &["bad.toml:19:1: [[risk]] \"r\" has no impact"],
    );
    check(
        &with(&format!(
            "{task}[[risk]]\nid = \"r\"\nprobability = 0.5\ntask = \"t\"\ndelay = \"1d\"\nyield_drop = 0.1\n"
        )),
        &["bad.toml:24:1: [[risk]] \"r\" has two impacts: `task` + `delay` and `yield_drop`"],
    );
    check(
        &with(&format!(
            "{task}[[risk]]\nid = \"r\"\nprobability = 0.5\ndelay = \"1d\"\n"
        )),
        &["bad.toml:22:1: `delay` in [[risk]] \"r\" needs `task`"],
    );
    check(
        &with(&format!(
            "{task}[[risk]]\nid = \"r\"\nprobability = 0.5\ntask = \"tt\"\ndelay = \"1d\"\nfrom = \"2024-01-09\"\n"
        )),
        &[
            "bad.toml:22:8: unknown task `tt` in `task` in [[risk]] \"r\"",
            "bad.toml:24:1: `from` in [[risk]] \"r\" is only for kit and yield-drop risks",
        ],
    );
    check(
        &with(&format!(
            "{task}[[risk]]\nid = \"r\"\nprobability = 0.5\nyield_drop = 0\nfrom = \"2024-01-09\"\n"
        )),
        &[
            "bad.toml:19:1: missing key `until` in [[risk]] \"r\"",
            "bad.toml:22:14: `yield_drop` in [[risk]] \"r\" is 0, out of range",
        ],
    );
    check(
        &with(&format!(
            "{task}[[risk]]\nid = \"r\"\nprobability = 0.5\nkit = \"k\"\nlead_time_delay = \"1d\"\nuntil = \"2024-01-01\"\nfrom = \"2024-01-02\"\n"
        )),
        &[
            "bad.toml:22:7: unknown kit `k` in `kit` in [[risk]] \"r\"",
            "bad.toml:24:9: [[risk]] \"r\" ends (2024-01-01) before it starts (2024-01-02)",
        ],
    );
    check(
        &with(&format!(
            "{task}[[risk]]\nid = \"r\"\nprobability = 0.5\ntask = \"t\"\ndelay = \"1d\"\nimply = [\"r\", \"s\"]\n"
        )),
        &[
            "bad.toml:24:10: [[risk]] \"r\" implies itself",
            "bad.toml:24:15: unknown risk `s` in `imply` in [[risk]] \"r\"",
        ],
    );
}

#[test]
fn task_milestones_exclude_the_other_kinds() {
    let task = "[[task]]\nid = \"cert\"\nduration = \"1d\"\n";
    check(
        &with(&format!(
            "{task}[[milestone]]\nid = \"m\"\ntask = \"cert\"\ncumulative = 5\n"
        )),
        &["bad.toml:22:1: [[milestone]] \"m\" has both `task` and `cumulative`"],
    );
    check(
        &with(&format!(
            "{task}[[milestone]]\nid = \"m\"\ntask = \"cret\"\nwindow = 3\n"
        )),
        &[
            "bad.toml:21:8: unknown task `cret` in `task` in [[milestone]] \"m\"",
            "bad.toml:22:1: `window` in [[milestone]] \"m\" is only for `rate_per_day` milestones",
        ],
    );
}

/// The example of docs/scenario.md's section "Programme: tasks and risks", with a scenario
/// around it (its kit `c5-skd` and a line), written where `resolve_to_json` can read it.
fn docs_example_path() -> std::path::PathBuf {
    let docs = std::fs::read_to_string(crate::support::workspace_root().join("docs/scenario.md"))
        .expect("docs/scenario.md");
    let section = docs
        .split("## Programme: tasks and risks")
        .nth(1)
        .expect("the section");
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("its first TOML example");
    let text = format!(
        "[scenario]\nname = \"docs\"\nstart = \"2023-09-01\"\nhorizon = \"300d\"\n\n\
         [[station]]\nid = \"line\"\ncycle = \"1h\"\n\n\
         [[product]]\nid = \"car\"\nroute = [\"line\"]\nkit = \"c5-skd\"\n\n\
         [[kit]]\nid = \"c5-skd\"\ninitial_stock = 100\n\n{example}"
    );
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("programme-docs.toml");
    std::fs::write(&path, text).expect("written");
    path
}

#[test]
fn the_docs_example_validates_against_the_schema_and_reads() {
    let path = docs_example_path();
    let validator =
        jsonschema::validator_for(&relaunch_scenario::json_schema()).expect("the schema compiles");
    let document = relaunch_scenario::resolve_to_json(&path).expect("TOML");
    let errors: Vec<String> = validator
        .iter_errors(&document)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let scenario = relaunch_scenario::load_file(&path).expect("reads");
    assert_eq!(scenario.programme.tasks.len(), 3);
    assert_eq!(scenario.programme.risks.len(), 3);
    assert_eq!(scenario.programme.risks[1].implies, [2]);
    // The schema says what the reader says: two impacts are refused; an anchored date may give
    // its date too (the later of the two holds), but not a lag without `after`.
    let refused = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut changed = document.clone();
        edit(&mut changed);
        !validator.is_valid(&changed)
    };
    assert!(refused(
        &|d| d["risk"][0]["yield_drop"] = serde_json::json!(0.1)
    ));
    assert!(!refused(
        &|d| d["release"]["plan"][0]["from"] = serde_json::json!("2024-01-01")
    ));
    assert!(refused(
        &|d| d["release"]["plan"][1]["lag"] = serde_json::json!("2d")
    ));
    assert!(refused(
        &|d| d["task"][0]["lag"] = serde_json::json!("3 days")
    ));
    assert!(refused(&|d| d["task"][0]["lag"] = serde_json::json!("-3d")));
    assert!(!refused(&|d| d["task"][1]["lag"] = serde_json::json!("-3d")));
}

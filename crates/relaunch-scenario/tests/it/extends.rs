//! `extends`: a variant overrides its base table by table and key by key; arrays of tables are
//! replaced whole; cycles, missing bases and problems inside a base are reported.

use relaunch_core::model::{LearningModel, Release};
use relaunch_scenario::load_file;

use crate::support::fixture_path;

#[test]
fn child_overrides_keys_and_base_keys_survive() {
    let base = load_file(&fixture_path("extends/base.toml")).expect("base is valid");
    let child = load_file(&fixture_path("extends/child.toml")).expect("child is valid");

    // The child's own keys win.
    assert_eq!(child.horizon_secs, 120.0 * 86_400.0);
    assert_eq!(child.stations[0].cycle.mean_secs(), 300.0);
    assert_ne!(child.stations[0].cycle, base.stations[0].cycle);
    // Keys the child does not mention keep the base's values.
    assert_eq!(child.name, "base line");
    assert_eq!(child.seed, 11);
    assert_eq!(child.start, base.start);
    assert_eq!(child.calendar, base.calendar);
    assert_eq!(child.stations[1], base.stations[1]);
    assert_eq!(child.products, base.products);
    assert_eq!(child.milestones, base.milestones);
    // Inline tables merge key by key: the base's initial yield survives.
    let yield_curve = child.learning.first_pass_yield.expect("yield is inherited");
    assert_eq!((yield_curve.initial, yield_curve.mature), (0.7, 0.98));
    assert_eq!(child.learning.rate, 0.9);
    // Setting `model` drops the base's stanford-b `prior_units`.
    assert_eq!(child.learning.model, LearningModel::Crawford);
    // Setting `arrivals` drops the base's `plan`; `limit` is inherited.
    match child.release {
        Release::Arrivals { interval, limit } => {
            assert_eq!(interval.mean_secs(), 480.0);
            assert_eq!(limit, Some(1000));
        }
        other => panic!("expected arrivals, got {other:?}"),
    }
}

#[test]
fn extends_chains_through_several_files() {
    let grandchild = load_file(&fixture_path("extends/grandchild.toml")).expect("valid");
    assert_eq!(grandchild.seed, 99);
    assert_eq!(grandchild.horizon_secs, 120.0 * 86_400.0);
    assert_eq!(grandchild.name, "base line");
}

#[test]
fn arrays_of_tables_are_replaced_whole() {
    let child = load_file(&fixture_path("extends/child.toml")).expect("child is valid");
    assert_eq!(child.stations.len(), 2);
    assert_eq!(child.stations[0].buffer, Some(4));
}

#[test]
fn extends_cycle_is_reported_at_the_extends_value() {
    let path = fixture_path("extends/cycle-a.toml");
    let diagnostics = load_file(&path).expect_err("a cycle");
    let lines = diagnostics.short_lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].ends_with(
            "cycle-b.toml:1:11: `extends` makes a cycle: cycle-a.toml -> cycle-b.toml -> cycle-a.toml"
        ),
        "{lines:?}"
    );
}

#[test]
fn missing_base_is_reported_at_the_extends_value() {
    let path = fixture_path("extends/missing-base.toml");
    let diagnostics = load_file(&path).expect_err("a missing base");
    assert_eq!(diagnostics.0.len(), 1, "{diagnostics}");
    let diagnostic = &diagnostics.0[0];
    assert!(diagnostic.file.ends_with("missing-base.toml"));
    assert_eq!((diagnostic.line, diagnostic.column), (2, 11));
    assert!(
        diagnostic
            .message
            .starts_with("cannot read the base scenario `"),
        "{diagnostic:?}"
    );
    assert!(diagnostic.message.contains("no-such-base.toml"));
}

#[test]
fn problems_in_the_base_name_the_base_file() {
    let path = fixture_path("extends/child-of-broken.toml");
    let diagnostics = load_file(&path).expect_err("the base is broken");
    let lines = diagnostics.short_lines();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].contains("broken-base.toml:7:1: missing key `cycle`"),
        "{lines:?}"
    );
    assert!(
        lines[1].contains("broken-base.toml:9:1: unknown key `cycel`"),
        "{lines:?}"
    );
}

#[test]
fn load_str_resolves_extends_next_to_the_named_file() {
    let child_name = fixture_path("extends/virtual-child.toml");
    let text = "extends = \"base.toml\"\n[scenario]\nseed = 5\n";
    let scenario = relaunch_scenario::load_str(&child_name.display().to_string(), text)
        .expect("the base is found next to the named file");
    assert_eq!(scenario.seed, 5);
    assert_eq!(scenario.name, "base line");
}

//! `--set KEY.PATH=VALUE`: keys overridden without editing the file, with the file's
//! diagnostics.

use relaunch_scenario::{Overrides, load_file, load_file_set};

use crate::support::workspace_root;

fn kaluga() -> std::path::PathBuf {
    workspace_root().join("examples/kaluga.toml")
}

fn set(items: &[&str]) -> Overrides {
    Overrides::new(items.iter().map(|item| item.to_string()).collect())
}

#[test]
fn overrides_reach_tables_arrays_of_tables_and_distributions() {
    let base = load_file(&kaluga()).expect("valid");
    let scenario = load_file_set(
        &kaluga(),
        &set(&[
            "workforce.training=20d",
            "station.trim.servers=5",
            "station.1.servers=4",
            "kit.crossover-skd4.lead_time={ dist = \"triangular\", min = \"20d\", mode = \"25d\", max = \"40d\" }",
            "workforce.hires.1.date=2024-05-06",
            "scenario.replications=50",
        ]),
    )
    .expect("valid with the overrides");
    let workforce = scenario.workforce.as_ref().expect("a workforce");
    assert_eq!(workforce.training_secs, 20.0 * 86_400.0);
    assert_eq!(scenario.stations[0].servers, 5);
    assert_eq!(scenario.stations[1].servers, 4);
    assert_eq!(
        scenario.kits[0].lead_time.mean_secs(),
        85.0 / 3.0 * 86_400.0
    );
    assert_eq!(
        workforce.hires[1].date,
        jiff::civil::date(2024, 5, 6),
        "{:?}",
        workforce.hires
    );
    assert_eq!(scenario.replications, 50);
    // Everything else as the file has it.
    assert_eq!(scenario.stations[2], base.stations[2]);
    assert_eq!(scenario.milestones, base.milestones);
    // A later override wins over an earlier one.
    let twice = load_file_set(
        &kaluga(),
        &set(&["station.trim.servers=5", "station.trim.servers=6"]),
    )
    .expect("valid");
    assert_eq!(twice.stations[0].servers, 6);
}

#[test]
fn a_bad_override_gets_the_diagnostics_of_a_bad_file_naming_the_override() {
    let errors = |items: &[&str]| -> String {
        load_file_set(&kaluga(), &set(items))
            .expect_err("refused")
            .to_string()
    };
    // A value of the wrong kind: the reader's own message, placed in the `--set` source.
    let text = errors(&["station.trim.servers=many"]);
    assert!(text.contains("--set:1:"), "{text}");
    assert!(text.contains("servers"), "{text}");
    // An unknown key, with the reader's suggestion.
    let text = errors(&["workforce.trainning=20d"]);
    assert!(text.contains("--set:1:"), "{text}");
    assert!(text.contains("trainning"), "{text}");
    // An element that is not there names those that are.
    let text = errors(&["station.paint.servers=2"]);
    assert!(text.contains("no element `paint`"), "{text}");
    assert!(text.contains("trim, chassis"), "{text}");
    // No `=`.
    let text = errors(&["station.trim.servers"]);
    assert!(text.contains("has no `=`"), "{text}");
}

#[test]
fn an_id_that_looks_like_a_number_wins_over_a_position() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("numbered.toml");
    let text = crate::support::minimal_with(
        &[(7, "id = \"2\""), (12, "route = [\"2\", \"1\"]")],
        "\n[[station]]\nid = \"1\"\ncycle = \"5min\"\n",
    );
    // Stations "2" (position 0) and "1" (position 1).
    std::fs::write(&path, text).expect("written");
    let scenario = load_file_set(&path, &set(&["station.1.servers=3"])).expect("valid");
    assert_eq!(scenario.stations[1].id, "1");
    assert_eq!(scenario.stations[1].servers, 3, "the station whose id is 1");
    assert_eq!(scenario.stations[0].servers, 1);
}

#[test]
fn extends_and_malformed_toml_values_are_refused_not_guessed() {
    let errors = |items: &[&str]| -> String {
        load_file_set(&kaluga(), &set(items))
            .expect_err("refused")
            .to_string()
    };
    assert!(errors(&["extends=base.toml"]).contains("`extends` is resolved before"));
    // An inline table with a syntax error is a TOML error, not a string of that text.
    let text = errors(&["kit.0.lead_time={ dist = \"triangular\", min = 20d }"]);
    assert!(text.contains("is not valid TOML"), "{text}");
}

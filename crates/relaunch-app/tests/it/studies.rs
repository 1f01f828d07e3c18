//! The studies: a sweep point that is the file itself reproduces the forecast of `simulate`
//! exactly (common random numbers), a Latin hypercube uses every value, and a sensitivity
//! tornado measures an input's low and high on the same random numbers.

use relaunch_app::sensitivity::{SensitivityRequest, sensitivity};
use relaunch_app::sweep::{Design, SweepRequest, sweep};
use relaunch_app::{MemorySink, RunSettings};
use relaunch_core::montecarlo::forecast;
use relaunch_core::sim::Relaxations;
use relaunch_report::study::SweepPoint;
use relaunch_scenario::Overrides;

use crate::support::{RecordingProgress, SteppingClock, example, load, services};

fn settings(replications: u64) -> RunSettings {
    RunSettings {
        replications: Some(replications),
        ..RunSettings::default()
    }
}

#[test]
fn a_sweep_point_equal_to_the_file_is_simulate_exactly() {
    let progress = RecordingProgress::default();
    let clock = SteppingClock::new(std::time::Duration::from_millis(1));
    let request = SweepRequest {
        shard: None,
        path: example("kaluga.toml"),
        // Kaluga's trim has 4 places: the first point is the file as it is.
        sets: vec!["station.trim.servers=4,5".to_string()],
        design: Design::Full,
        settings: settings(30),
    };
    let mut sink = MemorySink::default();
    let outcome = sweep(&request, &services(&progress, &clock), Some(&mut sink)).unwrap();
    let document = outcome.document;
    assert_eq!(document.points.len(), 2);
    let scenario = load("kaluga.toml");
    let simulate = forecast(
        &scenario,
        scenario.seed,
        30,
        Relaxations::default(),
        &|_| {},
    );
    let expected = SweepPoint::new(1, vec!["4".to_string()], &simulate);
    assert_eq!(document.points[0], expected);
    assert!(expected.cost.is_some());
    // The other point differs (a fifth place at trim) and is its own scenario's forecast.
    let five = relaunch_app::check::load_scenario(
        &example("kaluga.toml"),
        &Overrides::new(vec!["station.trim.servers=5".to_string()]),
    )
    .unwrap();
    let simulate_five = forecast(&five, scenario.seed, 30, Relaxations::default(), &|_| {});
    assert_eq!(
        document.points[1],
        SweepPoint::new(2, vec!["5".to_string()], &simulate_five)
    );
    let names: Vec<&str> = sink.artefacts.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["sweep.csv", "sweep.html", "sweep.json", "sweep.xlsx"]
    );
    let csv = String::from_utf8(sink.artefacts["sweep.csv"].clone()).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(
        csv.starts_with("point,station.trim.servers,pilot p50,"),
        "{csv}"
    );
}

#[test]
fn a_latin_hypercube_uses_every_value_of_every_factor() {
    let progress = RecordingProgress::default();
    let clock = SteppingClock::new(std::time::Duration::from_millis(1));
    let request = SweepRequest {
        shard: None,
        path: example("ramp.toml"),
        sets: vec![
            "workforce.training=10d,20d,30d,40d".to_string(),
            "station.0.servers=1,2".to_string(),
            "scenario.seed=5".to_string(),
        ],
        design: Design::Lhs { points: 4 },
        settings: settings(5),
    };
    let document = sweep(&request, &services(&progress, &clock), None)
        .unwrap()
        .document;
    assert_eq!(document.design, "lhs");
    assert_eq!(document.fixed, ["scenario.seed=5"]);
    assert_eq!(
        document.seed, 5,
        "the fixed overrides hold for the base too"
    );
    let mut training: Vec<&str> = document
        .points
        .iter()
        .map(|p| p.values[0].as_str())
        .collect();
    training.sort();
    assert_eq!(training, ["10d", "20d", "30d", "40d"]);
    let servers = document
        .points
        .iter()
        .filter(|p| p.values[1] == "2")
        .count();
    assert_eq!(servers, 2);
}

#[test]
fn an_inputs_low_and_high_move_the_milestones_by_its_quantiles() {
    // The deal takes 10 to 30 days (uniform): its P10 is 12 days and its P90 28. The risk's
    // draws are the same in both runs, so both milestones move by 16 days between them.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../relaunch/tests/fixtures/programme.toml");
    let overrides = Overrides::new(vec![
        r#"task.deal.duration={dist="uniform",min="10d",max="30d"}"#.to_string(),
    ]);
    let scenario = relaunch_app::check::load_scenario(&path, &overrides).unwrap();
    let progress = RecordingProgress::default();
    let clock = SteppingClock::new(std::time::Duration::from_millis(1));
    let request = SensitivityRequest {
        scenario,
        scenario_file: "programme.toml".to_string(),
        settings: settings(40),
    };
    let mut sink = MemorySink::default();
    let document = sensitivity(&request, &services(&progress, &clock), Some(&mut sink)).unwrap();
    assert_eq!(document.inputs.len(), 1, "{:?}", document.inputs);
    let input = &document.inputs[0];
    assert_eq!(input.input, "duration of task deal");
    assert_eq!(
        (input.low.as_str(), input.high.as_str()),
        ("12.0 d", "28.0 d")
    );
    for swing in &input.swings {
        let (low, high) = (swing.low_p50_days.unwrap(), swing.high_p50_days.unwrap());
        assert_eq!(high - low, 16, "{}: {low} .. {high}", swing.milestone);
        assert!(low < 0 && high > 0, "{}: {low} .. {high}", swing.milestone);
    }
    assert!(sink.artefacts.contains_key("sensitivity.html"));
}

#[test]
fn a_key_given_twice_and_too_many_hypercube_points_are_refused() {
    let twice = relaunch_app::sweep::factors_of(&[
        "station.0.servers=1,2".to_string(),
        "station.0.servers=3,4".to_string(),
    ]);
    assert!(twice.unwrap_err().to_string().contains("given twice"));
    let progress = RecordingProgress::default();
    let clock = SteppingClock::new(std::time::Duration::from_millis(1));
    let mut request = SweepRequest {
        shard: None,
        path: example("ramp.toml"),
        sets: vec![
            "workforce.training=10d,20d,40d".to_string(),
            "station.0.servers=1,2,3".to_string(),
        ],
        design: Design::Lhs { points: 10 },
        settings: settings(3),
    };
    let too_many = sweep(&request, &services(&progress, &clock), None).unwrap_err();
    assert!(too_many.to_string().contains("1 to 9 points"), "{too_many}");
    // Four points of nine combinations: all different.
    request.design = Design::Lhs { points: 4 };
    let document = sweep(&request, &services(&progress, &clock), None)
        .unwrap()
        .document;
    let mut values: Vec<Vec<String>> = document.points.iter().map(|p| p.values.clone()).collect();
    values.sort();
    values.dedup();
    assert_eq!(values.len(), 4, "{values:?}");
}

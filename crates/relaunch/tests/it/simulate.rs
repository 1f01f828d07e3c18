//! `relaunch simulate` end to end: determinism across thread counts, the result document's
//! shape, the files of `--out`, and errors.

use crate::support::{relaunch, simulate_json, stdout_of};

fn without_perf(mut document: serde_json::Value) -> String {
    document.as_object_mut().unwrap().remove("perf");
    serde_json::to_string(&document).unwrap()
}

#[test]
fn same_json_at_one_and_two_threads() {
    let args = [
        "examples/kaluga.toml",
        "--replications",
        "40",
        "--seed",
        "11",
    ];
    let one = without_perf(simulate_json(&[&args[..], &["--threads", "1"]].concat()));
    let two = without_perf(simulate_json(&[&args[..], &["--threads", "2"]].concat()));
    assert_eq!(one, two);
    // And a different seed gives a different forecast.
    let other = without_perf(simulate_json(&[
        "examples/kaluga.toml",
        "--replications",
        "40",
        "--seed",
        "12",
    ]));
    assert_ne!(one, other);
}

#[test]
fn result_document_has_the_documented_keys() {
    let document = simulate_json(&["examples/kaluga.toml", "--replications", "20"]);
    for key in [
        "scenario",
        "seed",
        "replications",
        "milestones",
        "throughput_per_hour",
        "wip",
        "flow_time_minutes",
        "stations",
        "bottleneck",
        "daily",
        "perf",
    ] {
        assert!(document.get(key).is_some(), "missing {key}");
    }
    assert_eq!(document["replications"], 20);
    let milestone = &document["milestones"][0];
    for key in [
        "id",
        "due",
        "p10",
        "p50",
        "p90",
        "on_time_probability",
        "reached_fraction",
    ] {
        assert!(milestone.get(key).is_some(), "milestone lacks {key}");
    }
    // The on-time probability with its 95% Wilson interval, which holds it.
    for milestone in document["milestones"].as_array().unwrap() {
        let p = milestone["on_time_probability"].as_f64().unwrap();
        let ci = milestone["on_time_ci95"].as_array().unwrap();
        let (low, high) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
        assert!(
            0.0 <= low && low <= p && p <= high && high <= 1.0,
            "{milestone}"
        );
        assert!(high - low > 0.05, "20 replications leave a wide interval");
    }
    let station = &document["stations"][0];
    for key in ["id", "busy", "blocked", "starved", "down", "utilisation"] {
        assert!(station.get(key).is_some(), "station lacks {key}");
    }
    let fractions: f64 = ["busy", "blocked", "starved", "down", "unstaffed"]
        .iter()
        .map(|k| station[k].as_f64().unwrap())
        .sum();
    assert!(
        (fractions - 1.0).abs() < 1e-5,
        "station fractions add up to {fractions}"
    );
    let day = &document["daily"][0];
    assert!(day["good"]["p50"].is_u64() && day["cumulative"]["p90"].is_u64());
    // Cumulative quantiles never fall.
    let daily = document["daily"].as_array().unwrap();
    for band in ["p10", "p50", "p90"] {
        let values: Vec<u64> = daily
            .iter()
            .map(|d| d["cumulative"][band].as_u64().unwrap())
            .collect();
        assert!(
            values.windows(2).all(|w| w[0] <= w[1]),
            "cumulative {band} falls"
        );
    }
    assert!(
        document["throughput_per_hour"]["ci95"][0].as_f64().unwrap()
            <= document["throughput_per_hour"]["mean"].as_f64().unwrap()
    );
}

#[test]
fn summary_opens_with_the_paragraph_and_the_milestone_table() {
    let text = stdout_of(&relaunch(&[
        "simulate",
        "examples/kaluga.toml",
        "--replications",
        "20",
    ]));
    // The paragraph is wrapped: compare it with single spaces.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("pilot is reached by "), "{text}");
    assert!(text.contains(" at the median (P10"), "{text}");
    assert!(!text.contains("most likely"), "P50 is the median: {text}");
    assert!(
        text.contains("chance (95% CI ") && text.contains("of meeting its due date 2023-12-31"),
        "{text}"
    );
    // Counts without ".0"; 20 replications are too few for whole percentages, and it says so.
    let means = text.find("(means").unwrap();
    let units = &text[text[..means].rfind("units ").unwrap()..means];
    assert!(!units.contains(".0 "), "{units}");
    assert!(text.contains("Few replications: "), "{text}");
    assert!(text.contains("from 20 replications; about "), "{text}");
    assert!(
        text.contains("milestone") && text.contains("P50") && text.contains("bottleneck"),
        "{text}"
    );
}

#[test]
fn out_writes_every_file() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("simulate-out");
    let _ = std::fs::remove_dir_all(&dir);
    let output = relaunch(&[
        "simulate",
        "examples/kaluga.toml",
        "--replications",
        "10",
        "--out",
        dir.to_str().unwrap(),
    ]);
    stdout_of(&output);
    for name in ["result.json", "daily.csv", "stations.csv", "report.html"] {
        let path = dir.join(name);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(!text.is_empty(), "{name} is empty");
    }
    let daily = std::fs::read_to_string(dir.join("daily.csv")).unwrap();
    assert!(daily.starts_with("date,workday,good_p10"));
    // One row per day of the horizon plus the header.
    let document: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("result.json")).unwrap()).unwrap();
    assert_eq!(
        daily.lines().count(),
        document["daily"].as_array().unwrap().len() + 1
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn bad_input_exits_2_with_a_located_message() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let bad = dir.join("bad-scenario.toml");
    std::fs::write(
        &bad,
        "[scenario]\nname = \"x\"\nstart = \"2024-01-01\"\nhorizon = \"10\"\n",
    )
    .unwrap();
    let output = relaunch(&["simulate", bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad-scenario.toml:4:11"), "{stderr}");
    let missing = relaunch(&["simulate", "no/such/file.toml"]);
    assert_eq!(missing.status.code(), Some(2));
    let flag = relaunch(&["simulate", "examples/kaluga.toml", "--replications", "many"]);
    assert_eq!(flag.status.code(), Some(2));
    let check = relaunch(&["check", bad.to_str().unwrap(), "examples/kaluga.toml"]);
    assert_eq!(check.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&check.stdout).contains("examples/kaluga.toml: OK"));
}

#[test]
fn flags_and_output_directories_are_checked_before_any_work() {
    let zero = relaunch(&["simulate", "examples/kaluga.toml", "-n", "0"]);
    assert_eq!(zero.status.code(), Some(2));
    let threads = relaunch(&[
        "simulate",
        "examples/kaluga.toml",
        "-n",
        "2",
        "--threads",
        "100000",
    ]);
    assert_eq!(threads.status.code(), Some(2));
    // --threads 0 means all cores.
    stdout_of(&relaunch(&[
        "simulate",
        "examples/textbook/mm1.toml",
        "-n",
        "2",
        "--threads",
        "0",
    ]));
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("out-is-a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let output = relaunch(&[
        "simulate",
        "examples/kaluga.toml",
        "-n",
        "2",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("out-is-a-file") && stderr.contains("not a directory"),
        "{stderr}"
    );
    assert!(
        output.stdout.is_empty(),
        "nothing is simulated before the directory is known to be usable"
    );
}

#[test]
fn compare_gives_same_named_files_distinct_names() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("same-names");
    let _ = std::fs::remove_dir_all(&dir);
    let text = stdout_of(&relaunch(&[
        "compare",
        "examples/textbook/mm1.toml",
        "examples/textbook/mm1.toml",
        "-n",
        "2",
        "--json",
        "--out",
        dir.to_str().unwrap(),
    ]));
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(document["variants"][0]["name"], "mm1");
    assert_eq!(document["variants"][1]["name"], "mm1-2");
    assert!(dir.join("mm1.report.html").exists() && dir.join("mm1-2.report.html").exists());
}

#[test]
fn values_that_would_stall_the_engine_are_refused() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let scenario = |release: &str, cycle: &str| {
        format!(
            "[scenario]\nname = \"x\"\nstart = \"2024-01-01\"\nhorizon = \"120d\"\n\n\
             [[station]]\nid = \"s\"\ncycle = \"{cycle}\"\n\n[[product]]\nid = \"p\"\nroute = [\"s\"]\n\n\
             [release]\n{release}\n"
        )
    };
    let cases = [
        (
            "tiny-cycle",
            scenario("saturated = true", "0.0001s"),
            "below the clock's resolution",
        ),
        (
            "huge-plan",
            scenario(
                "plan = [{ from = \"2024-01-01\", per_day = 4000000000 }]",
                "1min",
            ),
            "expected at most 1000000",
        ),
        (
            "flood",
            scenario("arrivals = \"0.002s\"", "1min"),
            "would release about",
        ),
        (
            "fast-saturated",
            scenario("saturated = true", "0.002s"),
            "a saturated line could start about",
        ),
    ];
    for (name, text, expected) in cases {
        let path = dir.join(format!("{name}.toml"));
        std::fs::write(&path, text).unwrap();
        let output = relaunch(&["check", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
}

#[test]
fn one_replication_has_no_interval_anywhere() {
    // One run gives no confidence interval: null in JSON, said in words in the text.
    let document = simulate_json(&["examples/textbook/mm1.toml", "-n", "1"]);
    assert!(
        document["throughput_per_hour"]["ci95"].is_null(),
        "{document}"
    );
    assert!(document["wip"]["ci95"].is_null());
    let text = stdout_of(&relaunch(&[
        "simulate",
        "examples/textbook/mm1.toml",
        "-n",
        "1",
    ]));
    assert!(text.contains("— 1 replication, seed"), "{text}");
    assert!(
        text.contains("(one replication: no confidence interval)"),
        "{text}"
    );
}

//! Fuzzing the programme's reader with proptest: random programmes of tasks, risks and dates
//! that follow tasks are either refused with diagnostics or run through the engine without a
//! panic. The work is bounded by case counts and input sizes, never by time.

use proptest::prelude::*;
use relaunch_scenario::load_str;

use crate::edges::run_two_replications;

/// A scenario with a random programme: tasks whose ids, links, lags and durations are drawn
/// from small pools (mostly a valid graph; sometimes duplicates, unknown ids, self links and
/// cycles), risks with a random set of impact keys, and dates of every kind that start after
/// a task.
fn programme_scenario() -> impl Strategy<Value = String> {
    const IDS: [&str; 4] = ["a", "b", "c", "d"];
    // Mostly `a`, the first task; sometimes another, or one that does not exist.
    let anchor = prop::sample::select(vec!["a", "a", "a", "a", "a", "b", "x"]);
    let lag = || {
        prop::sample::select(vec![
            "",
            "",
            "",
            "lag = \"3d\"",
            "lag = \"-2d\"",
            "lag = \"-3650d\"",
            "lag = \"3650d\"",
            "lag = \"3h\"",
        ])
    };
    let duration = prop::sample::select(vec![
        "\"0d\"",
        "\"5d\"",
        "{ dist = \"exponential\", mean = \"10d\" }",
        "{ dist = \"uniform\", min = \"1d\", max = \"3000000d\" }",
        "\"-1d\"",
    ]);
    let task = (
        prop::sample::subsequence(IDS.to_vec(), 0..3),
        prop::option::weighted(0.15, prop::sample::select(vec!["a", "b", "c", "d", "x"])),
        prop::option::weighted(0.1, prop::sample::select(vec!["a", "b", "x"])),
        lag(),
        duration,
        any::<bool>(),
    );
    let tasks = prop::collection::vec(task, 1..5).prop_map(move |tasks| {
        let mut text = String::new();
        for (index, (earlier, odd_link, odd_id, lag, duration, workdays)) in
            tasks.into_iter().enumerate()
        {
            // Links to earlier tasks make a valid graph; an odd link may close a cycle or
            // name nothing, an odd id repeat one.
            let mut after: Vec<String> = earlier
                .iter()
                .filter(|id| IDS[..index].contains(id))
                .map(|id| format!("\"{id}\""))
                .collect();
            after.extend(odd_link.map(|id| format!("\"{id}\"")));
            let id = odd_id.unwrap_or(IDS[index]);
            text.push_str(&format!(
                "[[task]]\nid = \"{id}\"\nduration = {duration}\nafter = [{}]\n{lag}\nworkdays = {workdays}\n\n",
                after.join(", ")
            ));
        }
        text
    });
    let risk_keys = [
        "task = \"a\"\ndelay = \"4d\"",
        "kit = \"k\"\nlead_time_delay = { dist = \"exponential\", mean = \"9d\" }",
        "yield_drop = 0.5\nfrom = \"2024-01-10\"\nuntil = \"2024-01-20\"",
        "delay = \"4d\"",
        "until = \"2024-01-09\"",
        "imply = [\"r0\", \"r1\"]",
    ];
    let risk = (
        prop::sample::select(vec!["0", "0.5", "1", "2"]),
        prop::sample::select(vec![
            vec![0],
            vec![1],
            vec![2],
            vec![0, 5],
            vec![1, 4],
            vec![3],
            vec![0, 2],
            vec![],
        ]),
    )
        .prop_map(move |(probability, chosen)| {
            let lines: Vec<&str> = chosen.iter().map(|&i| risk_keys[i]).collect();
            (probability, lines.join("\n"))
        });
    (
        tasks,
        prop::collection::vec(risk, 0..3),
        (anchor, lag(), lag()),
    )
        .prop_map(|(tasks, risks, (anchor, plan_lag, shift_lag))| {
            let (plan, shift, hire, item) = (anchor, anchor, anchor, anchor);
            let risks: Vec<String> = risks
                .iter()
                .enumerate()
                .map(|(number, (probability, lines))| {
                    format!("[[risk]]\nid = \"r{number}\"\nprobability = {probability}\n{lines}\n")
                })
                .collect();
            format!(
                "[scenario]\nname = \"fuzz\"\nstart = \"2024-01-08\"\nhorizon = \"60d\"\n\n\
                 [calendar]\nshifts = [{{ from = \"2023-01-02\", count = 1 }}, {{ after = \"{shift}\", {}count = 2 }}]\n\n\
                 [[station]]\nid = \"line\"\ncycle = \"1h\"\noperators = 1\n\n\
                 [[product]]\nid = \"car\"\nroute = [\"line\"]\nkit = \"k\"\n\n\
                 [[kit]]\nid = \"k\"\ninitial_stock = 5\n\
                 orders = [{{ after = \"{plan}\", every = \"7d\", quantity = 3 }}]\n\
                 shipments = [{{ after = \"{hire}\", quantity = 2 }}]\n\n\
                 [workforce]\nhires = [{{ after = \"{hire}\", count = 2 }}]\n\n\
                 [release]\nplan = [{{ after = \"{plan}\", {}per_day = 2 }}]\n\n\
                 [[milestone]]\nid = \"done\"\ntask = \"{item}\"\n\n\
                 [localization]\nitem = [{{ id = \"seats\", points = 1, after = \"{item}\" }}]\n\n{tasks}\n{}",
                inline_lag(shift_lag),
                inline_lag(plan_lag),
                risks.join("\n"),
            )
        })
}

/// A `lag = ...` line as the start of an inline table's entries.
fn inline_lag(line: &str) -> String {
    if line.is_empty() {
        String::new()
    } else {
        format!("{line}, ")
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_201),
        ..ProptestConfig::default()
    })]

    /// Random programmes are refused with diagnostics, or run without a panic.
    #[test]
    fn random_programmes_are_refused_or_run(text in programme_scenario()) {
        match load_str("programme.toml", &text) {
            Ok(scenario) => {
                run_two_replications(&scenario);
            }
            Err(diagnostics) => {
                prop_assert!(!diagnostics.0.is_empty());
                let _ = diagnostics.to_string();
            }
        }
    }
}

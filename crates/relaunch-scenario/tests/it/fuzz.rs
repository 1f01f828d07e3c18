//! Fuzzing the reader with proptest: random bytes and mutations of a valid scenario must never
//! panic, and scenarios with extreme dates and intervals are either refused or run through the
//! engine without a panic (random programmes: `fuzz_programme.rs`). The work is bounded by case counts and input sizes, never by time.

use proptest::prelude::*;
use relaunch_scenario::load_str;

use crate::edges::run_two_replications;

const VALID: &str = include_str!("../fixtures/full.toml");

fn load_and_render(text: &str) {
    if let Err(diagnostics) = load_str("fuzz.toml", text) {
        assert!(!diagnostics.0.is_empty());
        // Rendering must not panic either.
        let _ = diagnostics.to_string();
    }
}

/// A date anywhere in the years 0001 to 9999, one in five in its last ten years.
fn any_date() -> impl Strategy<Value = String> {
    let year = prop_oneof![4 => 1i16..=9989, 1 => 9990i16..=9999];
    (year, 1i8..=12, 1i8..=28)
        .prop_map(|(year, month, day)| format!("{year:04}-{month:02}-{day:02}"))
}

/// A whole number of days from 1 to billions, mostly plausible, one in eight absurd.
fn any_days() -> impl Strategy<Value = u64> {
    prop_oneof![5 => 1u64..=400, 2 => 1u64..=18_000, 1 => 1_000_000u64..=4_000_000_000]
}

/// A horizon in days, mostly a few years, sometimes up to the 50-year limit.
fn any_horizon() -> impl Strategy<Value = u64> {
    prop_oneof![4 => 1u64..=1_000, 1 => 1u64..=18_262]
}

/// A scenario with one station, one kit order, a shipment, a hire (its leavers replaced, one
/// training place, absences) and a milestone, whose dates and intervals are drawn from the whole
/// calendar. The release is small (one unit a day) so that the engine's work stays bounded even
/// over fifty years.
fn extreme_scenario() -> impl Strategy<Value = String> {
    (
        (any_date(), any_horizon(), any_date(), any_days()),
        (any_days(), any_date(), any_date(), any_days(), any_date()),
    )
        .prop_map(
            |((start, horizon, first, every), (lead, shipment, hire, training, due))| {
                format!(
                    "[scenario]\nname = \"fuzz\"\nstart = \"{start}\"\nhorizon = \"{horizon}d\"\n\n\
                     [calendar]\nshifts = 1\nholidays = [\"{shipment}\"]\n\
                     shutdowns = [{{ from = \"{hire}\", to = \"{hire}\" }}]\n\n\
                     [[station]]\nid = \"line\"\ncycle = \"1h\"\noperators = 1\n\n\
                     [[product]]\nid = \"car\"\nroute = [\"line\"]\nkit = \"k\"\n\n\
                     [[kit]]\nid = \"k\"\ninitial_stock = 1\n\
                     orders = [{{ first = \"{first}\", every = \"{every}d\", quantity = 3 }}]\n\
                     shipments = [{{ arrives = \"{shipment}\", quantity = 2 }}]\n\
                     lead_time = {{ dist = \"exponential\", mean = \"{lead}d\" }}\n\n\
                     [workforce]\nhires = [{{ date = \"{hire}\", count = 2 }}]\ntraining = \"{training}d\"\n\
                     attrition_per_year = 0.5\nreplace_leavers = {{ lead_time = \"{every}d\" }}\n\
                     training_capacity = 1\nabsenteeism = 0.3\n\n\
                     [release]\nplan = [{{ from = \"{start}\", per_day = 1 }}]\n\n\
                     [[milestone]]\nid = \"first\"\ncumulative = 1\ndue = \"{due}\"\n\n\
                     [localization]\nthresholds = [{{ from = \"{due}\", points = 1 }}]\n\
                     item = [{{ id = \"weld\", points = 1, from = \"{first}\" }}]\n"
                )
            },
        )
}

/// One edit of the valid text's lines or characters.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    ReplaceCharacter(usize, char),
    InsertCharacter(usize, char),
    DeleteCharacter(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting_character = prop_oneof![
        Just('"'),
        Just('['),
        Just(']'),
        Just('{'),
        Just('}'),
        Just('='),
        Just(','),
        Just('\n'),
        Just('0'),
        Just('-'),
        Just('.'),
        Just('#'),
        any::<char>(),
    ];
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), interesting_character.clone())
            .prop_map(|(at, character)| Mutation::ReplaceCharacter(at, character)),
        (any::<usize>(), interesting_character)
            .prop_map(|(at, character)| Mutation::InsertCharacter(at, character)),
        any::<usize>().prop_map(Mutation::DeleteCharacter),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut characters: Vec<char> = text.chars().collect();
    match *mutation {
        Mutation::DeleteLine(at) => {
            lines.remove(at % lines.len());
        }
        Mutation::DuplicateLine(at) => {
            let line = lines[at % lines.len()].clone();
            lines.insert(at % lines.len(), line);
        }
        Mutation::SwapLines(first, second) => {
            let length = lines.len();
            lines.swap(first % length, second % length);
        }
        Mutation::ReplaceCharacter(at, character) => {
            let length = characters.len();
            characters[at % length] = character;
            return characters.into_iter().collect();
        }
        Mutation::InsertCharacter(at, character) => {
            let length = characters.len();
            characters.insert(at % (length + 1), character);
            return characters.into_iter().collect();
        }
        Mutation::DeleteCharacter(at) => {
            let length = characters.len();
            characters.remove(at % length);
            return characters.into_iter().collect();
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        load_and_render(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn random_toml_like_text_never_panics(
        text in "[\\[\\]{}=\",.a-z0-9_\\- \n#]{0,300}"
    ) {
        load_and_render(&text);
    }

    #[test]
    fn mutations_of_a_valid_scenario_never_panic(
        mutations in proptest::collection::vec(mutation(), 1..6)
    ) {
        let mut text = VALID.to_string();
        for mutation in &mutations {
            if text.is_empty() {
                break;
            }
            text = apply(&text, mutation);
        }
        load_and_render(&text);
    }
}

proptest! {
    // A fixed seed: the same cases in every run, so that a failure reproduces.
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(20_251_201),
        ..ProptestConfig::default()
    })]

    /// Extreme dates and intervals are refused with diagnostics, or run without a panic.
    #[test]
    fn extreme_dates_are_refused_or_run(text in extreme_scenario()) {
        match load_str("extreme.toml", &text) {
            Ok(scenario) => {
                let last_day = run_two_replications(&scenario);
                prop_assert!(last_day.as_str() <= "9998-12-31", "{last_day}");
            }
            Err(diagnostics) => {
                prop_assert!(!diagnostics.0.is_empty());
                let shown = diagnostics.to_string();
                prop_assert!(shown.contains("error: "), "{shown}");
            }
        }
    }
}

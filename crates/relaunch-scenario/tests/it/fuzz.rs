//! Fuzzing the reader with proptest: random bytes and mutations of a valid scenario must never
//! panic and must return quickly.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use relaunch_scenario::load_str;

const VALID: &str = include_str!("../fixtures/full.toml");

/// The longest one call may take (generous for debug builds on a loaded machine).
const TIME_LIMIT: Duration = Duration::from_secs(2);

fn load_quickly(text: &str) {
    let started = Instant::now();
    let result = load_str("fuzz.toml", text);
    let elapsed = started.elapsed();
    assert!(elapsed < TIME_LIMIT, "took {elapsed:?}");
    if let Err(diagnostics) = result {
        assert!(!diagnostics.0.is_empty());
        // Rendering must not panic either.
        let _ = diagnostics.to_string();
    }
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
        load_quickly(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn random_toml_like_text_never_panics(
        text in "[\\[\\]{}=\",.a-z0-9_\\- \n#]{0,300}"
    ) {
        load_quickly(&text);
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
        load_quickly(&text);
    }
}

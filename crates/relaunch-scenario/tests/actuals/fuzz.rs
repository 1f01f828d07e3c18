//! No input makes the reader panic: arbitrary bytes, and text made of the pieces of an actuals
//! file, as CSV and as XLSX; whatever reads is resolved against an example scenario. The work
//! is bounded by case counts and input sizes.

use proptest::prelude::*;
use relaunch_scenario::{read_actuals, resolve_actuals};

use crate::resolve::kaluga;
use crate::support::Files;

fn read_and_render(files: &Files, name: &str, bytes: &[u8]) {
    let path = files.write(name, bytes);
    match read_actuals(&path) {
        Ok(file) => {
            assert_eq!(file.rows.len(), file.places.len());
            if let Err(problems) = resolve_actuals(&file, kaluga()) {
                assert!(!problems.0.is_empty());
                let _ = problems.to_string();
            }
        }
        Err(problems) => {
            assert!(!problems.0.is_empty());
            let _ = problems.to_string();
        }
    }
}

/// Text from the pieces an actuals file is made of, mixed with stray quotes, commas and breaks.
fn actuals_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("date,metric,item,value,note\n".to_string()),
        Just("date,metric,item,value\r\n".to_string()),
        Just("2024-01-02".to_string()),
        Just("2024-02-30".to_string()),
        Just("good".to_string()),
        Just("task_done".to_string()),
        Just("hired".to_string()),
        Just("crossover".to_string()),
        Just("crossover-skd4".to_string()),
        Just("certification".to_string()),
        Just(",".to_string()),
        Just("\"".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("#".to_string()),
        Just("\u{feff}".to_string()),
        "[0-9]{1,25}",
        "-?[0-9]{1,3}\\.[0-9]",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let files = Files::new();
        read_and_render(&files, "fuzz.csv", &bytes);
        read_and_render(&files, "fuzz.xlsx", &bytes);
    }

    #[test]
    fn text_like_actuals_never_panics(text in actuals_like()) {
        let files = Files::new();
        read_and_render(&files, "fuzz.csv", text.as_bytes());
    }
}

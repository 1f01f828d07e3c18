//! The words every text output shares, so that a figure reads the same in `simulate`, `why`,
//! `compare` and the report: percentages, quantile labels, counts, articles and the name of an
//! unreached milestone; and [`shown`], the one escaping of user text (scenario names, ids) in
//! every text output.

use std::borrow::Cow;

/// What a milestone date is called when the quantile falls among the runs that never reach it.
pub const NOT_REACHED: &str = "not reached";

/// The one name of throughput in every command and page.
pub const THROUGHPUT_UNIT: &str = "good units per scheduled hour";

/// True for a character that must not reach a terminal or a text file as itself (the one list,
/// in `relaunch_core::text`).
pub use relaunch_core::text::is_hostile;

/// User text as every text output shows it: each hostile character (see [`is_hostile`]) as its
/// Rust escape, `\u{1b}`, `\u{200b}`, so that no escape sequence reaches a terminal and two ids
/// that look alike read alike. Text without such characters is returned as it is.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hostile) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        if is_hostile(character) {
            out.extend(character.escape_unicode());
        } else {
            out.push(character);
        }
    }
    Cow::Owned(out)
}

/// A whole rendered text with the hostile characters of [`shown`] escaped, except the line
/// feeds that lay it out: the last guard before a text reaches a terminal or a file.
pub fn shown_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_hostile(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(shown).collect();
    Cow::Owned(lines.join("\n"))
}

/// "71%"; never rounds a share that is not 0 or 1 to "0%" or "100%" ("<1%", ">99%").
pub fn percent(value: f64) -> String {
    if value > 0.0 && value < 0.005 {
        "<1%".to_string()
    } else if (0.995..1.0).contains(&value) {
        ">99%".to_string()
    } else {
        format!("{:.0}%", value * 100.0)
    }
}

/// An interval of shares, "84–93%", rounded plainly at both ends.
pub fn percent_range(low: f64, high: f64) -> String {
    format!("{:.0}–{:.0}%", low * 100.0, high * 100.0)
}

/// "a 71% chance", "an 89% chance", "an 8% chance": the article a percentage takes when read
/// aloud ("eight", "eleven", "eighteen", "eighty-…" start with a vowel sound).
pub fn chance(value: f64) -> String {
    let text = percent(value);
    let article = if text.starts_with('8') || text == "11%" || text == "18%" {
        "an"
    } else {
        "a"
    };
    format!("{article} {text} chance")
}

/// "P50", "P90", "P97.5" for a quantile in (0, 1).
pub fn quantile_label(quantile: f64) -> String {
    let percent = (quantile * 1000.0).round() / 10.0;
    if (percent - percent.round()).abs() < 1e-9 {
        format!("P{}", percent.round() as i64)
    } else {
        format!("P{percent}")
    }
}

/// A mean count: "4530" when it is whole to one decimal, else "228.2"; thousands unseparated
/// so that scripts reading the text can parse it.
pub fn count(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if (rounded - rounded.round()).abs() < 1e-9 {
        format!("{}", rounded.round() as i64)
    } else {
        format!("{rounded:.1}")
    }
}

/// An amount of money with its currency: "523.5 M RUB", "12,400 USD".
pub fn money(amount: f64, currency: Option<&str>) -> String {
    let number = if amount.abs() >= 1e6 {
        format!("{} M", count(amount / 1e6))
    } else {
        let whole = format!("{:.0}", amount.abs());
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if amount < -0.5 {
            format!("-{grouped}")
        } else {
            grouped
        }
    };
    format!("{number} {}", currency.unwrap_or("(currency not given)"))
}

/// A small count in words, "five", "six"; digits from ten on.
pub fn number(count: u64) -> String {
    const WORDS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS
        .get(count as usize)
        .map_or_else(|| count.to_string(), |word| word.to_string())
}

/// "1 replication", "200 replications".
pub fn replications(count: u64) -> String {
    format!("{count} replication{}", if count == 1 { "" } else { "s" })
}

/// "1 day", "3 days".
pub fn days(count: i64) -> String {
    format!("{count} day{}", if count.abs() == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_never_round_to_certainty() {
        assert_eq!(percent(0.71), "71%");
        assert_eq!(percent(0.996), ">99%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.002), "<1%");
        assert_eq!(percent(0.0), "0%");
    }

    #[test]
    fn articles_follow_the_sound() {
        assert_eq!(chance(0.89), "an 89% chance");
        assert_eq!(chance(0.08), "an 8% chance");
        assert_eq!(chance(0.11), "an 11% chance");
        assert_eq!(chance(0.18), "an 18% chance");
        assert_eq!(chance(0.71), "a 71% chance");
        assert_eq!(chance(0.1), "a 10% chance");
        assert_eq!(chance(1.0), "a 100% chance");
    }

    #[test]
    fn labels_and_counts() {
        assert_eq!(quantile_label(0.5), "P50");
        assert_eq!(quantile_label(0.9), "P90");
        assert_eq!(quantile_label(0.975), "P97.5");
        assert_eq!(count(4530.0), "4530");
        assert_eq!(count(228.24), "228.2");
        assert_eq!(count(2.96), "3");
        assert_eq!(days(1), "1 day");
        assert_eq!(days(6), "6 days");
        assert_eq!(number(5), "five");
        assert_eq!(number(6), "six");
        assert_eq!(number(12), "12");
    }
}

#[cfg(test)]
mod hostile_tests {
    use super::*;

    #[test]
    fn hostile_characters_are_shown_escaped() {
        assert_eq!(shown("plain name"), "plain name");
        assert_eq!(
            shown("a\u{1b}[2Jb\u{0}c\u{200b}d\u{202e}e\nf"),
            "a\\u{1b}[2Jb\\u{0}c\\u{200b}d\\u{202e}e\\u{a}f"
        );
        assert_eq!(shown_lines("x\u{7}\ny\n"), "x\\u{7}\ny\n");
    }
}

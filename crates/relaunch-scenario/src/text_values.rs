//! Parsing of the text forms inside scenario values: durations with units, ISO dates, times of
//! day, and "did you mean" suggestions.

use jiff::civil::Date;

/// The duration units the scenario format allows, for messages.
pub(crate) const DURATION_UNITS: &str = "s, min, h, d or w";

const SECONDS_PER_UNIT: [(&str, f64); 5] = [
    ("s", 1.0),
    ("min", 60.0),
    ("h", 3_600.0),
    ("d", 86_400.0),
    ("w", 604_800.0),
];

/// Why a text value was refused: a one-line message and the text for the underline.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextValueError {
    pub message: String,
    pub label: String,
}

fn text_error(message: String, label: String) -> TextValueError {
    TextValueError { message, label }
}

/// Parses `"90s"`, `"4.5min"`, `"8h"`, `"45d"` or `"2w"` into seconds.
pub(crate) fn parse_duration(text: &str) -> Result<f64, TextValueError> {
    let trimmed = text.trim();
    let unit_start = trimmed
        .find(|character: char| character.is_alphabetic())
        .unwrap_or(trimmed.len());
    let number_text = trimmed[..unit_start].trim();
    let unit_text = trimmed[unit_start..].trim();
    if trimmed.is_empty() {
        return Err(text_error(
            "empty duration".to_string(),
            format!("expected a number and a unit ({DURATION_UNITS}), like \"8h\""),
        ));
    }
    if unit_text.is_empty() {
        return Err(text_error(
            format!("duration `{text}` has no unit"),
            format!("add a unit: {DURATION_UNITS} (like \"{number_text}min\")"),
        ));
    }
    if number_text.is_empty() {
        return Err(text_error(
            format!("duration `{text}` has no number"),
            "expected a number before the unit, like \"8h\"".to_string(),
        ));
    }
    let Some(&(_, seconds_per_unit)) = SECONDS_PER_UNIT.iter().find(|(unit, _)| *unit == unit_text)
    else {
        let known_units: Vec<&str> = SECONDS_PER_UNIT.iter().map(|(unit, _)| *unit).collect();
        // "m" and "minutes" mean `min`, "hours" means `h`, and so on: a unit that starts the
        // written one, or that the written one starts, is the likely meaning.
        let lowercase_unit = unit_text.to_lowercase();
        let prefix_match = known_units
            .iter()
            .filter(|unit| lowercase_unit.starts_with(**unit) || unit.starts_with(&lowercase_unit))
            .max_by_key(|unit| unit.len())
            .copied();
        let label = match prefix_match.or_else(|| suggest(unit_text, &known_units)) {
            Some(suggestion) => format!("did you mean `{suggestion}`? units are {DURATION_UNITS}"),
            None => format!("units are {DURATION_UNITS}"),
        };
        return Err(text_error(
            format!("unknown unit `{unit_text}` in duration `{text}`"),
            label,
        ));
    };
    let number: f64 = number_text.parse().map_err(|_| {
        text_error(
            format!("`{number_text}` in duration `{text}` is not a number"),
            "expected a number like 8 or 4.5 before the unit".to_string(),
        )
    })?;
    if number < 0.0 {
        return Err(text_error(
            format!("duration `{text}` is negative"),
            "expected a duration of zero or more".to_string(),
        ));
    }
    let seconds = number * seconds_per_unit;
    if !seconds.is_finite() {
        return Err(text_error(
            format!("duration `{text}` is too large"),
            "expected a finite duration".to_string(),
        ));
    }
    Ok(seconds)
}

/// Parses an ISO date `YYYY-MM-DD`, refusing impossible dates such as `2024-02-30`.
pub(crate) fn parse_date(text: &str) -> Result<Date, TextValueError> {
    let bytes = text.as_bytes();
    let shape_is_right = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(index, byte)| index == 4 || index == 7 || byte.is_ascii_digit());
    if !shape_is_right {
        return Err(text_error(
            format!("`{text}` is not a date"),
            "expected an ISO date YYYY-MM-DD, like \"2024-03-25\"".to_string(),
        ));
    }
    let year: i16 = text[0..4].parse().unwrap_or(0);
    let month: i8 = text[5..7].parse().unwrap_or(0);
    let day: i8 = text[8..10].parse().unwrap_or(0);
    if !(1..=12).contains(&month) {
        return Err(text_error(
            format!("impossible date `{text}`"),
            format!("there is no month {month}; months run from 01 to 12"),
        ));
    }
    let first_of_month = Date::new(year, month, 1).map_err(|error| {
        text_error(
            format!("impossible date `{text}`"),
            format!("expected a real date: {error}"),
        )
    })?;
    let days_in_month = first_of_month.days_in_month();
    if day < 1 || day > days_in_month {
        return Err(text_error(
            format!("impossible date `{text}`"),
            format!(
                "{} {year} has {days_in_month} days",
                MONTH_NAMES[(month - 1) as usize]
            ),
        ));
    }
    Date::new(year, month, day).map_err(|error| {
        text_error(
            format!("impossible date `{text}`"),
            format!("expected a real date: {error}"),
        )
    })
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Parses a time of day `HH:MM` into seconds after midnight.
pub(crate) fn parse_time_of_day(text: &str) -> Result<f64, TextValueError> {
    let refuse = || {
        text_error(
            format!("`{text}` is not a time of day"),
            "expected HH:MM from 00:00 to 23:59, like \"06:00\"".to_string(),
        )
    };
    let (hours_text, minutes_text) = text.split_once(':').ok_or_else(refuse)?;
    if hours_text.len() != 2 || minutes_text.len() != 2 {
        return Err(refuse());
    }
    let hours: u32 = hours_text.parse().map_err(|_| refuse())?;
    let minutes: u32 = minutes_text.parse().map_err(|_| refuse())?;
    if hours > 23 || minutes > 59 {
        return Err(refuse());
    }
    Ok(f64::from(hours * 3_600 + minutes * 60))
}

/// The candidate closest to `typo` by edit distance (a swap of two letters counts as one
/// edit), if it is close enough to be a likely typo.
pub(crate) fn suggest<'a>(typo: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let typo_lowercase = typo.to_lowercase();
    candidates
        .iter()
        .map(|candidate| {
            let distance = strsim::osa_distance(&typo_lowercase, &candidate.to_lowercase());
            (distance, *candidate)
        })
        .filter(|(distance, candidate)| {
            let longest = typo.chars().count().max(candidate.chars().count());
            *distance <= longest.div_ceil(3) && *distance < longest
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
        .or_else(|| {
            // A long enough start of a candidate ("expo" for "exponential") is a likely typo too.
            if typo.chars().count() < 3 {
                return None;
            }
            candidates
                .iter()
                .find(|candidate| candidate.to_lowercase().starts_with(&typo_lowercase))
                .copied()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_with_every_unit() {
        assert_eq!(parse_duration("90s"), Ok(90.0));
        assert_eq!(parse_duration("4.5min"), Ok(270.0));
        assert_eq!(parse_duration("8h"), Ok(28_800.0));
        assert_eq!(parse_duration("45d"), Ok(3_888_000.0));
        assert_eq!(parse_duration("2w"), Ok(1_209_600.0));
        assert_eq!(parse_duration(" 2 w "), Ok(1_209_600.0));
        assert_eq!(parse_duration("0d"), Ok(0.0));
    }

    #[test]
    fn durations_without_unit_or_with_unknown_unit_are_refused() {
        let no_unit = parse_duration("450").unwrap_err();
        assert_eq!(no_unit.message, "duration `450` has no unit");
        let unknown = parse_duration("5m").unwrap_err();
        assert_eq!(unknown.message, "unknown unit `m` in duration `5m`");
        assert!(
            unknown.label.starts_with("did you mean `min`?"),
            "{unknown:?}"
        );
        assert!(parse_duration("-5min").is_err());
        assert!(parse_duration("min").is_err());
        assert!(parse_duration("").is_err());
        assert!(parse_duration("1e999d").is_err());
        assert!(parse_duration("1.2.3h").is_err());
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(
            parse_date("2024-02-29"),
            Ok(Date::new(2024, 2, 29).unwrap())
        );
        let leap = parse_date("2024-02-30").unwrap_err();
        assert_eq!(leap.message, "impossible date `2024-02-30`");
        assert_eq!(leap.label, "February 2024 has 29 days");
        assert!(parse_date("2023-13-01").is_err());
        assert!(parse_date("2023-1-01").is_err());
        assert!(parse_date("2023-01-01T00:00").is_err());
        assert!(parse_date("0000-00-00").is_err());
    }

    #[test]
    fn times_of_day() {
        assert_eq!(parse_time_of_day("06:00"), Ok(21_600.0));
        assert_eq!(parse_time_of_day("23:59"), Ok(86_340.0));
        assert!(parse_time_of_day("24:00").is_err());
        assert!(parse_time_of_day("6:00").is_err());
    }

    #[test]
    fn suggestions_find_typos_only() {
        assert_eq!(suggest("cycel", &["cycle", "servers"]), Some("cycle"));
        assert_eq!(suggest("trim1", &["trim-1", "final-1"]), Some("trim-1"));
        assert_eq!(suggest("zzzzzz", &["cycle", "servers"]), None);
        assert_eq!(suggest("b", &["a"]), None);
        assert_eq!(suggest("expo", &["exponential"]), Some("exponential"));
    }
}

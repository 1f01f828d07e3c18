//! How numbers and dates read on the pages: "1,548", "2.5", "28 Dec 2023", "62%".

use jiff::civil::Date;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The short English name of a month, 1 = "Jan".
pub fn month_name(month: i8) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

/// A date of a result document (ISO `YYYY-MM-DD`), read once when the view is built.
pub fn read_date(text: &str) -> Option<Date> {
    text.trim().parse::<Date>().ok()
}

/// "28 Dec 2023", or "28 Dec" without the year.
pub fn format_date(date: Date, with_year: bool) -> String {
    if with_year {
        format!(
            "{} {} {}",
            date.day(),
            month_name(date.month()),
            date.year()
        )
    } else {
        format!("{} {}", date.day(), month_name(date.month()))
    }
}

/// "28 Dec 2023".
pub fn long_date(date: Date) -> String {
    format_date(date, true)
}

/// A date, or `missing` when there is none.
pub fn optional_date(date: Option<Date>, missing: &str) -> String {
    date.map_or_else(|| missing.to_string(), long_date)
}

/// A share as a percentage, as the other documents write it.
pub fn pct(value: f64) -> String {
    crate::words::percent(value)
}

/// The class of an on-time probability.
pub fn grade(probability: f64) -> &'static str {
    if probability >= 0.8 {
        "good"
    } else if probability >= 0.5 {
        "fair"
    } else {
        "poor"
    }
}

/// 1548 → "1,548".
pub fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (index, character) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(character);
    }
    out
}

/// Thousands separators for whole values, else up to two decimals.
pub fn thousands_f(value: f64) -> String {
    if value >= 0.0 && (value - value.round()).abs() < 1e-9 {
        thousands(value.round() as u64)
    } else {
        trim_float(value)
    }
}

/// 2.50 → "2.5", 30.0 → "30".
pub fn trim_float(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_string()
}

/// A file name quoted for a POSIX shell when it needs it.
pub fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./+:=@%".contains(c))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates() {
        assert_eq!(read_date("2024-01-01"), Some(date(2024, 1, 1)));
        assert_eq!(read_date("2024-02-31"), None, "jiff knows February");
        assert_eq!(format_date(date(2023, 12, 31), true), "31 Dec 2023");
        assert_eq!(format_date(date(2023, 12, 31), false), "31 Dec");
    }

    #[test]
    fn numbers() {
        assert_eq!(thousands(1548), "1,548");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(trim_float(2.5), "2.5");
        assert_eq!(trim_float(30.0), "30");
        assert_eq!(shell_word("examples/kaluga.toml"), "examples/kaluga.toml");
        assert_eq!(shell_word("my plant.toml"), "'my plant.toml'");
    }
}

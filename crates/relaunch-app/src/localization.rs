//! The localization ledger use case (`relaunch localization`): the points a plant scores on each
//! date against the threshold in force, from the scenario start to the horizon's end (the one
//! end every document uses, [`relaunch_core::localization::horizon_end`]); its JSON document and
//! its table.

use jiff::civil::Date;
use relaunch_core::Scenario;
use relaunch_core::localization::{Ledger, horizon_end, ledger};

use serde::Serialize;

use crate::AppError;

/// The ledger of a scenario with the dates it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioLedger {
    /// The scenario's name.
    pub name: String,
    /// The scenario start, the first entry's date.
    pub start: Date,
    /// The first day after the horizon.
    pub end: Date,
    pub ledger: Ledger,
}

/// The ledger of `scenario`; a user error when it has no `[localization]` table.
pub fn localization(scenario: &Scenario) -> Result<ScenarioLedger, AppError> {
    let ledger = ledger(scenario).ok_or_else(|| AppError::MissingLocalization {
        scenario: scenario.name.clone(),
    })?;
    Ok(ScenarioLedger {
        name: scenario.name.clone(),
        start: scenario.start,
        end: horizon_end(scenario),
        ledger,
    })
}

impl ScenarioLedger {
    /// The JSON document.
    pub fn document(&self) -> LedgerDocument {
        document(&self.ledger)
    }

    /// The table as printed, with its closing line.
    pub fn text(&self) -> String {
        render_table(&self.name, self.start, self.end, &self.ledger)
    }
}

/// The ledger as JSON (`relaunch localization --json`, the server's localization resource).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LedgerDocument {
    pub timeline: Vec<EntryDocument>,
    /// `YYYY-MM-DD`, or null when the threshold is never met within the horizon.
    pub first_meets: Option<String>,
}

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryDocument {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub points: u32,
    /// Null before the first threshold starts.
    pub threshold: Option<u32>,
    pub meets: bool,
    pub items: Vec<String>,
}

/// The JSON document of `ledger`.
pub fn document(ledger: &Ledger) -> LedgerDocument {
    LedgerDocument {
        timeline: ledger
            .entries
            .iter()
            .map(|entry| EntryDocument {
                date: entry.date.to_string(),
                points: entry.points,
                threshold: entry.threshold,
                meets: entry.meets,
                items: entry.items.clone(),
            })
            .collect(),
        first_meets: ledger.first_meets.map(|date| date.to_string()),
    }
}

/// The JSON document of `ledger`, pretty, without a final line break.
pub fn render_json(ledger: &Ledger) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&document(ledger))
}

/// The human table, with a closing line on when (or how nearly) the threshold is met.
pub fn render_table(name: &str, start: Date, end: Date, ledger: &Ledger) -> String {
    let mut text = format!("Localization ledger: {name} ({start} .. {end})\n");
    text.push_str("date        points  threshold  meets  items\n");
    for entry in &ledger.entries {
        let threshold = entry
            .threshold
            .map_or_else(|| "-".to_string(), |threshold| threshold.to_string());
        let meets = if entry.meets { "yes" } else { "no" };
        let items = if entry.items.is_empty() {
            "-".to_string()
        } else {
            entry.items.join(", ")
        };
        text.push_str(&format!(
            "{date}  {points:>6}  {threshold:>9}  {meets:<5}  {items}\n",
            date = entry.date,
            points = entry.points,
        ));
    }
    text.push_str(&summary_line(ledger, end));
    text.push('\n');
    text
}

/// "First meets ..." or "Never meets ...", one sentence.
fn summary_line(ledger: &Ledger, end: Date) -> String {
    if let Some(first_meets) = ledger.first_meets {
        let entry = ledger
            .entries
            .iter()
            .find(|entry| entry.date == first_meets);
        return match entry {
            Some(entry) => format!(
                "First meets the threshold on {first_meets} ({} of {} points).",
                thousands(entry.points),
                thousands(entry.threshold.unwrap_or(0)),
            ),
            None => format!("First meets the threshold on {first_meets}."),
        };
    }
    // The entry closest to its threshold; the earliest one on a tie.
    let closest = ledger
        .entries
        .iter()
        .filter_map(|entry| {
            let threshold = entry.threshold?;
            Some((threshold.saturating_sub(entry.points), entry, threshold))
        })
        .min_by_key(|(shortfall, _, _)| *shortfall);
    match closest {
        Some((shortfall, entry, threshold)) => format!(
            "Never meets the threshold within the horizon; best {} points short on {} \
             ({} of {} points).",
            thousands(shortfall),
            entry.date,
            thousands(entry.points),
            thousands(threshold),
        ),
        None => format!(
            "Never meets the threshold within the horizon; no threshold is in force before {end}."
        ),
    }
}

/// `3150` as `3,150`.
fn thousands(value: u32) -> String {
    let digits = value.to_string();
    let mut groups: Vec<&str> = Vec::new();
    let mut group_end = digits.len();
    while group_end > 3 {
        groups.push(&digits[group_end - 3..group_end]);
        group_end -= 3;
    }
    groups.push(&digits[..group_end]);
    groups.reverse();
    groups.join(",")
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use relaunch_core::localization::timeline;
    use relaunch_core::model::{Localization, LocalizationItem, Threshold};

    use super::*;

    fn item(id: &str, points: u32, from: Option<Date>, until: Option<Date>) -> LocalizationItem {
        LocalizationItem {
            id: id.to_string(),
            points,
            from,
            until,
        }
    }

    fn moskvich() -> Localization {
        Localization {
            thresholds: vec![
                Threshold {
                    from: date(2022, 1, 1),
                    points: 2000,
                },
                Threshold {
                    from: date(2023, 1, 1),
                    points: 2567,
                },
            ],
            items: vec![
                item("skd-assembly", 200, None, None),
                item("body-metal", 200, Some(date(2023, 1, 1)), None),
                item("painting", 500, Some(date(2023, 6, 1)), None),
                item("welding", 400, Some(date(2024, 7, 1)), None),
                item("engine-assembly", 1300, Some(date(2024, 7, 1)), None),
            ],
        }
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(2567), "2,567");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn table_when_the_threshold_is_met() {
        let start = date(2022, 11, 23);
        let end = date(2025, 2, 14);
        let ledger = timeline(&moskvich(), start, end);
        assert_eq!(
            render_table("Moskvich restart", start, end, &ledger),
            "\
Localization ledger: Moskvich restart (2022-11-23 .. 2025-02-14)
date        points  threshold  meets  items
2022-11-23     200       2000  no     skd-assembly
2023-01-01     400       2567  no     skd-assembly, body-metal
2023-06-01     900       2567  no     skd-assembly, body-metal, painting
2024-07-01    2600       2567  yes    skd-assembly, body-metal, painting, welding, engine-assembly
First meets the threshold on 2024-07-01 (2,600 of 2,567 points).
"
        );
    }

    #[test]
    fn table_when_the_threshold_is_never_met() {
        let start = date(2022, 11, 23);
        let end = date(2024, 1, 1);
        let ledger = timeline(&moskvich(), start, end);
        assert_eq!(
            render_table("Moskvich restart", start, end, &ledger),
            "\
Localization ledger: Moskvich restart (2022-11-23 .. 2024-01-01)
date        points  threshold  meets  items
2022-11-23     200       2000  no     skd-assembly
2023-01-01     400       2567  no     skd-assembly, body-metal
2023-06-01     900       2567  no     skd-assembly, body-metal, painting
Never meets the threshold within the horizon; best 1,667 points short on 2023-06-01 (900 of 2,567 points).
"
        );
    }

    #[test]
    fn table_without_any_threshold_in_force() {
        let localization = Localization {
            thresholds: vec![],
            items: vec![item("welding", 400, Some(date(2023, 3, 1)), None)],
        };
        let start = date(2023, 1, 1);
        let end = date(2024, 1, 1);
        let ledger = timeline(&localization, start, end);
        assert_eq!(
            render_table("Bare", start, end, &ledger),
            "\
Localization ledger: Bare (2023-01-01 .. 2024-01-01)
date        points  threshold  meets  items
2023-01-01       0          -  no     -
2023-03-01     400          -  no     welding
Never meets the threshold within the horizon; no threshold is in force before 2024-01-01.
"
        );
    }

    #[test]
    fn json_document() {
        let start = date(2022, 11, 23);
        let ledger = timeline(&moskvich(), start, date(2023, 3, 1));
        let value: serde_json::Value =
            serde_json::from_str(&render_json(&ledger).expect("serialises")).expect("parses");
        assert_eq!(
            value,
            serde_json::json!({
                "timeline": [
                    { "date": "2022-11-23", "points": 200, "threshold": 2000, "meets": false,
                      "items": ["skd-assembly"] },
                    { "date": "2023-01-01", "points": 400, "threshold": 2567, "meets": false,
                      "items": ["skd-assembly", "body-metal"] },
                ],
                "first_meets": null,
            })
        );
    }

    #[test]
    fn json_null_threshold_and_first_meets_date() {
        let localization = Localization {
            thresholds: vec![Threshold {
                from: date(2023, 2, 1),
                points: 100,
            }],
            items: vec![item("welding", 400, None, None)],
        };
        let ledger = timeline(&localization, date(2023, 1, 1), date(2024, 1, 1));
        let value: serde_json::Value =
            serde_json::from_str(&render_json(&ledger).expect("serialises")).expect("parses");
        assert_eq!(
            value,
            serde_json::json!({
                "timeline": [
                    { "date": "2023-01-01", "points": 400, "threshold": null, "meets": false,
                      "items": ["welding"] },
                    { "date": "2023-02-01", "points": 400, "threshold": 100, "meets": true,
                      "items": ["welding"] },
                ],
                "first_meets": "2023-02-01",
            })
        );
    }
}

//! CSV exports: one row per day (`daily.csv`) and one row per station (`stations.csv`).

use crate::document::ResultDocument;

/// `daily.csv`: date, workday, good and cumulative good P10/P50/P90, shifts run, stock-out
/// probability, and the P50 end-of-day stock of each kit.
pub fn daily_csv(document: &ResultDocument) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "date",
        "workday",
        "good_p10",
        "good_p50",
        "good_p90",
        "cumulative_p10",
        "cumulative_p50",
        "cumulative_p90",
        "staffed_shifts",
        "stockout_probability",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(
        document
            .kits
            .ids
            .iter()
            .map(|id| format!("kit_stock_p50_{id}")),
    );
    writer.write_record(&header)?;
    for day in &document.daily {
        let mut row = vec![
            day.date.clone(),
            day.workday.to_string(),
            day.good.p10.to_string(),
            day.good.p50.to_string(),
            day.good.p90.to_string(),
            day.cumulative.p10.to_string(),
            day.cumulative.p50.to_string(),
            day.cumulative.p90.to_string(),
            day.staffed_shifts.to_string(),
            day.stockout_probability.to_string(),
        ];
        row.extend(day.kit_stock.iter().map(|fan| fan.p50.to_string()));
        writer.write_record(&row)?;
    }
    finish(writer)
}

/// `stations.csv`: the state fractions of every station.
pub fn stations_csv(document: &ResultDocument) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "station",
        "busy",
        "blocked",
        "starved",
        "down",
        "unstaffed",
        "utilisation",
        "bottleneck",
    ])?;
    for station in &document.stations {
        writer.write_record([
            station.id.clone(),
            station.busy.to_string(),
            station.blocked.to_string(),
            station.starved.to_string(),
            station.down.to_string(),
            station.unstaffed.to_string(),
            station.utilisation.to_string(),
            (document.bottleneck.as_deref() == Some(station.id.as_str())).to_string(),
        ])?;
    }
    finish(writer)
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<String, csv::Error> {
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

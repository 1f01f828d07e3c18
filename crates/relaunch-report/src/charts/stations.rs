//! Where the time goes at each station: one bar of stacked state shares per station, the
//! bottleneck named in its label.

use super::{Axis, ChartKind, ChartSpec, STATE_COLORS, Series, Style};
use crate::document::{ResultDocument, StationDoc};

/// A station state: its name and its share of a station's time.
type State = (&'static str, fn(&StationDoc) -> f64);

/// The station states chart of `d`; `None` without stations.
pub fn stations(d: &ResultDocument) -> Option<ChartSpec> {
    if d.stations.is_empty() {
        return None;
    }
    let mut spec = ChartSpec::new(
        "stations",
        ChartKind::Stations,
        "Station states as shares of scheduled time",
        Axis::category(),
        Axis::count("share of scheduled time, %")
            .unit("%")
            .range(Some(0.0), Some(100.0)),
    )
    .height(80 + 36 * d.stations.len().max(2) as u32);
    spec.x_values = (0..d.stations.len()).map(|i| i as f64).collect();
    spec.categories = d
        .stations
        .iter()
        .map(|s| {
            if d.bottleneck.as_deref() == Some(s.id.as_str()) {
                format!("{} (bottleneck)", s.id)
            } else {
                s.id.clone()
            }
        })
        .collect();
    let states: [State; 5] = [
        ("busy", |s| s.busy),
        ("blocked", |s| s.blocked),
        ("starved", |s| s.starved),
        ("down", |s| s.down),
        ("unstaffed", |s| s.unstaffed),
    ];
    for ((name, share), color) in states.iter().zip(STATE_COLORS) {
        let values = d
            .stations
            .iter()
            .map(|s| {
                // Shares of the station's own total, which rounding may put a hair off 1.
                let total = (s.busy + s.blocked + s.starved + s.down + s.unstaffed).max(1.0);
                Some((share(s) / total * 1000.0).round() / 10.0)
            })
            .collect();
        spec.push(
            Series::new(name, color, Style::Bars, values)
                .stacked("states")
                .with_value_labels(),
        );
    }
    Some(spec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::test_support::document;

    #[test]
    fn shares_add_up_to_a_hundred_percent() {
        let d = document();
        let spec = stations(&d).unwrap();
        assert_eq!(spec.categories.len(), 2);
        let bottleneck = d.bottleneck.clone().unwrap();
        assert!(
            spec.categories
                .contains(&format!("{bottleneck} (bottleneck)"))
        );
        for station in 0..2 {
            let sum: f64 = spec.series.iter().map(|s| s.values[station].unwrap()).sum();
            assert!((sum - 100.0).abs() < 0.3, "{sum}");
        }
        let busy = spec.series_named("busy").unwrap().values[1].unwrap();
        assert!((busy - d.stations[1].busy * 100.0).abs() < 0.3);
        assert!(
            spec.series
                .iter()
                .all(|s| s.stack.as_deref() == Some("states"))
        );
    }
}

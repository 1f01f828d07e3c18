//! The "why late" bars: each factor's share of a milestone's lateness (or of its lost on-time
//! probability) as a horizontal bar from zero, orange where it adds lateness and blue where
//! relaxing the factor would make things worse; the same bars draw the programme's risk tornado
//! (the days each risk adds to a milestone's P90).

use super::{Axis, ChartKind, ChartSpec, Series, Style};

/// Bars of factors that add delay.
const ADDS: &str = "#e8833a";
/// Bars of factors whose removal would make the milestone later.
const SAVES: &str = "#3a7bd5";

/// What a chart's bars measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Days,
    Points,
    /// Days a risk adds to a milestone's P90 (the tornado).
    DaysAdded,
}

impl Unit {
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::Days | Unit::DaysAdded => " d",
            Unit::Points => " pts",
        }
    }

    pub fn axis(self) -> &'static str {
        match self {
            Unit::Days => "days late",
            Unit::Points => "points of on-time probability lost",
            Unit::DaysAdded => "days added to the P90",
        }
    }

    /// What the bars are: factors, or risks.
    fn by(self) -> &'static str {
        match self {
            Unit::DaysAdded => "risk",
            _ => "factor",
        }
    }
}

/// Horizontal bars of `rows` (name, value) for `milestone` in the order given; `spec_id` is
/// unique on the page.
pub fn chart(spec_id: &str, milestone: &str, rows: &[(&str, f64)], unit: Unit) -> ChartSpec {
    let kind = match unit {
        Unit::DaysAdded => ChartKind::Tornado,
        _ => ChartKind::WhyBars,
    };
    let mut spec = ChartSpec::new(
        spec_id,
        kind,
        &format!("{} of {milestone} by {}", unit.axis(), unit.by()),
        Axis::category(),
        Axis::count(unit.axis())
            .unit(unit.suffix())
            .range(None, None),
    )
    .height(80 + 30 * rows.len().max(2) as u32);
    spec.x_values = (0..rows.len()).map(|i| i as f64).collect();
    spec.categories = rows.iter().map(|(name, _)| name.to_string()).collect();
    let round = |v: f64| (v * 100.0).round() / 100.0;
    let adds: Vec<Option<f64>> = rows
        .iter()
        .map(|&(_, v)| (v >= 0.0).then(|| round(v)))
        .collect();
    let saves: Vec<Option<f64>> = rows
        .iter()
        .map(|&(_, v)| (v < 0.0).then(|| round(v)))
        .collect();
    let adds_label = match unit {
        Unit::DaysAdded => "adds to the P90",
        _ => "adds lateness",
    };
    spec.push(Series::new(adds_label, ADDS, Style::Bars, adds).with_value_labels());
    if rows.iter().any(|&(_, v)| v < 0.0) {
        spec.push(
            Series::new("relaxing it makes things worse", SAVES, Style::Bars, saves)
                .with_value_labels(),
        );
    }
    spec
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_shares_are_a_series_of_their_own() {
        let rows = [("supply", 9.0), ("staffing", 3.0), ("quality", -2.5)];
        let spec = chart("why-0", "pilot", &rows, Unit::Days);
        assert_eq!(spec.categories, ["supply", "staffing", "quality"]);
        assert_eq!(spec.series[0].values, [Some(9.0), Some(3.0), None]);
        assert_eq!(spec.series[1].values, [None, None, Some(-2.5)]);
        assert_eq!(spec.y.unit, " d");
        assert_eq!(spec.title, "days late of pilot by factor");
        let tornado = chart(
            "risk-0",
            "retooled",
            &[("late-press", 7.0)],
            Unit::DaysAdded,
        );
        assert_eq!(tornado.series.len(), 1, "no negative bar");
        assert_eq!(tornado.kind, ChartKind::Tornado);
        assert_eq!(tornado.title, "days added to the P90 of retooled by risk");
    }
}

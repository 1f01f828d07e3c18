//! The comparison page's charts over dates, on one shared date frame so that they line up and
//! share the cursor: one small chart per variant (its own fan, with the reference's P50 of each
//! day for comparison, all on one y scale), and each variant's output minus the reference's
//! (the gap between the P50s, in the band of the gaps between the P10s and between the P90s).

use jiff::civil::Date;

use super::{
    Axis, ChartKind, ChartSpec, DUE, Format, Key, KeyShape, PALETTE, Rule, Series, Style, band_of,
    day_number, due_marker, nice_ceiling, quantiles,
};
use crate::document::FanDoc;
use crate::view::compare::CompareView;

/// The cursor group of the comparison's charts.
const SYNC: &str = "compare";

/// The colour of variant `index`: the report's palette without the red of due dates.
pub fn color(index: usize) -> &'static str {
    let colors: Vec<&str> = PALETTE.iter().copied().filter(|c| *c != DUE).collect();
    colors[index % colors.len()]
}

/// What the charts share: every date any variant or due date covers, and each variant's
/// cumulative fan on those dates (`None` outside its horizon).
pub struct Frame {
    days: Vec<f64>,
    fans: Vec<Vec<Option<FanDoc>>>,
    dues: Vec<(String, Date)>,
}

impl Frame {
    /// `None` when no variant has daily figures.
    pub fn new(view: &CompareView) -> Option<Frame> {
        let first = view.variants.first()?;
        let dues: Vec<(String, Date)> = first
            .milestones
            .iter()
            .filter_map(|m| Some((m.id.as_str().to_string(), m.due?)))
            .collect();
        let spans: Vec<Option<(i64, &Vec<crate::document::DayDoc>)>> = view
            .variants
            .iter()
            .map(|v| {
                Some((
                    day_number(v.start?) as i64,
                    &v.document.document.as_ref()?.daily,
                ))
            })
            .collect();
        let from = spans
            .iter()
            .flatten()
            .map(|s| s.0)
            .chain(dues.iter().map(|d| day_number(d.1) as i64))
            .min()?;
        let to = spans
            .iter()
            .flatten()
            .map(|s| s.0 + s.1.len() as i64)
            .chain(dues.iter().map(|d| day_number(d.1) as i64 + 1))
            .max()?;
        if spans.iter().all(Option::is_none) {
            return None;
        }
        let fans = spans
            .iter()
            .map(|span| {
                (from..to)
                    .map(|day| {
                        let (start, daily) = (*span)?;
                        let i = usize::try_from(day - start).ok()?;
                        daily.get(i).map(|d| d.cumulative.clone())
                    })
                    .collect()
            })
            .collect();
        Some(Frame {
            days: (from..to).map(|d| d as f64).collect(),
            fans,
            dues,
        })
    }

    fn chart(&self, id: &str, kind: ChartKind, title: &str, y: Axis) -> ChartSpec {
        let mut spec = ChartSpec::new(id, kind, title, Axis::date("date"), y);
        spec.x_values = self.days.clone();
        spec.sync = Some(SYNC.to_string());
        for (id, due) in &self.dues {
            spec.markers.push(due_marker(id, *due));
        }
        spec
    }

    fn p50(&self, variant: usize) -> Vec<Option<f64>> {
        self.fans[variant]
            .iter()
            .map(|f| f.as_ref().map(|f| f.p50 as f64))
            .collect()
    }
}

/// One chart per variant: its cumulative fan, with the reference's P50 beside the others, all
/// on the same y scale.
pub fn small_multiples(view: &CompareView, frame: &Frame) -> Vec<ChartSpec> {
    let top = frame
        .fans
        .iter()
        .flatten()
        .flatten()
        .map(|f| f.p90)
        .max()
        .unwrap_or(0);
    let y_max = nice_ceiling((top as f64 * 1.05).max(1.0));
    let reference = view.variants[0].name.as_str();
    view.variants
        .iter()
        .enumerate()
        .map(|(index, v)| {
            let mut spec = frame
                .chart(
                    &format!("variant-{index}"),
                    ChartKind::Compare,
                    &format!(
                        "Cumulative good output of {}: P10 to P90 band and P50 of each day",
                        v.name.as_str()
                    ),
                    Axis::count("good units, cumulative").range(Some(0.0), Some(y_max)),
                )
                .height(220);
            let color = color(index);
            spec.fan(
                &format!("of each day, {}", v.name.as_str()),
                color,
                &band_of(color),
                quantiles(frame.fans[index].iter().map(|f| {
                    f.as_ref()
                        .map(|f| [f.p10 as f64, f.p50 as f64, f.p90 as f64])
                })),
            );
            if index > 0 {
                spec.push(Series::new(
                    &format!("P50 of each day, {reference} (reference)"),
                    "#24292f",
                    Style::Dashed,
                    frame.p50(0),
                ));
            }
            spec
        })
        .collect()
}

/// Each other variant's cumulative output minus the reference's, on the dates both have: the
/// P50s' gap as a line, in a band from the P10s' gap to the P90s' gap. `None` with one variant.
pub fn difference(view: &CompareView, frame: &Frame) -> Option<ChartSpec> {
    if view.variants.len() < 2 {
        return None;
    }
    let reference = view.variants[0].name.as_str();
    let mut spec = frame
        .chart(
            "difference",
            ChartKind::CompareDifference,
            &format!("Cumulative good output of each variant minus {reference}'s, by date"),
            Axis::count(&format!("units ahead (+) / behind (−) {reference}"))
                .format(Format::Signed)
                .range(None, None),
        )
        .height(300);
    for (index, v) in view.variants.iter().enumerate().skip(1) {
        let gaps = quantiles(frame.fans[index].iter().zip(&frame.fans[0]).map(|(f, r)| {
            let (f, r) = (f.as_ref()?, r.as_ref()?);
            let gap = |a: u64, b: u64| a as f64 - b as f64;
            let (low, high) = (gap(f.p10, r.p10), gap(f.p90, r.p90));
            Some([low.min(high), gap(f.p50, r.p50), low.max(high)])
        }));
        let color = color(index);
        spec.fan(
            &format!("gap, {}", v.name.as_str()),
            color,
            &band_of(color),
            gaps,
        );
    }
    spec.rules.push(Rule {
        at: 0.0,
        label: format!("{reference} (reference)"),
        color: "#24292f".to_string(),
        dashed: false,
    });
    spec.keys.push(Key {
        label: format!("{reference}, the reference: zero"),
        color: "#24292f".to_string(),
        shape: KeyShape::Line,
    });
    Some(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_colours_avoid_the_due_red() {
        for i in 0..12 {
            assert_ne!(color(i), DUE);
        }
    }
}

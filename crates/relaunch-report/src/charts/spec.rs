//! The chart specification: what one chart shows, as data, for `assets/relaunch-charts.js` to
//! draw with uPlot. The report pages inline it as JSON; the dashboard can serve the same JSON.
//!
//! A spec is plain data: values on x (day numbers for dates, positions for categories), series
//! of values on y, bands filled between two series, and marks over them (vertical markers such
//! as due dates, horizontal rules such as targets, shaded spans such as plant closures, labelled
//! points). Every text in it is user-visible; [`ChartSpec::to_json`] neutralises invisible
//! characters and makes the JSON safe inside a `<script>` element.

use serde::{Deserialize, Serialize};

use crate::html::escape::neutralise_invisible;

/// What the chart is, for readers of the JSON (the drawing follows from the axes and marks;
/// only [`ChartKind::Gantt`] is drawn differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Cumulative good output: P10–P90 band, P50, due dates, cumulative targets.
    ForecastFan,
    /// A close-up of the fan on an early milestone.
    FanCloseUp,
    /// Good output per workday.
    DailyOutput,
    /// Kits in stock.
    KitStock,
    /// Probability of a kit stock-out by day.
    Stockout,
    /// The distribution of a milestone's date.
    Histogram,
    /// Station states as stacked bars.
    Stations,
    /// People on the payroll and trained.
    Headcount,
    /// Money spent to date.
    Spend,
    /// "Why late": each factor's share.
    WhyBars,
    /// The risks' effect on a milestone.
    Tornado,
    /// One variant of a comparison against the reference.
    Compare,
    /// Each variant's output minus the reference's.
    CompareDifference,
    /// Forecast dates by as-of date.
    MilestoneTrend,
    /// Cumulative output: actual, plan and the last forecast.
    PlanVsActual,
    /// The programme's tasks.
    Gantt,
    /// A milestone (or the cost) at each point of a sweep.
    Sweep,
    /// Each uncertain input at its low and its high: the shift of a milestone's P50.
    Sensitivity,
}

/// How values along an axis are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AxisKind {
    /// Days since 1970-01-01; drawn as dates.
    Date,
    /// Plain numbers.
    Number,
    /// Positions 0, 1, … of [`ChartSpec::categories`]; bars run horizontally.
    Category,
}

/// How values are written on an axis and in the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Thousands separators, up to two decimals: 1,548.
    Count,
    /// A sign on every value, a true minus: +2,000, −1,000.
    Signed,
    /// Day numbers written as dates: 28 Dec 2023.
    Date,
}

/// One axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Axis {
    pub kind: AxisKind,
    /// The axis title ("good units, cumulative").
    pub label: String,
    pub format: Format,
    /// Written after each value in the legend and on bars (" d", "%").
    pub unit: String,
    /// Fixed ends of the axis; `None` lets the data decide.
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Axis {
    /// A date axis titled `label`.
    pub fn date(label: &str) -> Axis {
        Axis {
            kind: AxisKind::Date,
            label: label.to_string(),
            format: Format::Date,
            unit: String::new(),
            min: None,
            max: None,
        }
    }

    /// A count axis titled `label` starting at zero.
    pub fn count(label: &str) -> Axis {
        Axis {
            kind: AxisKind::Number,
            label: label.to_string(),
            format: Format::Count,
            unit: String::new(),
            min: Some(0.0),
            max: None,
        }
    }

    /// A category axis (the bars' labels are [`ChartSpec::categories`]).
    pub fn category() -> Axis {
        Axis {
            kind: AxisKind::Category,
            label: String::new(),
            format: Format::Count,
            unit: String::new(),
            min: None,
            max: None,
        }
    }

    pub fn unit(mut self, unit: &str) -> Axis {
        self.unit = unit.to_string();
        self
    }

    pub fn range(mut self, min: Option<f64>, max: Option<f64>) -> Axis {
        self.min = min;
        self.max = max;
        self
    }

    pub fn format(mut self, format: Format) -> Axis {
        self.format = format;
        self
    }
}

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    Line,
    Dashed,
    /// A thin line, for the edges of a band.
    Edge,
    /// Bars from zero; series with the same [`Series::stack`] are stacked in order.
    Bars,
    /// Points joined by a line.
    LinePoints,
}

/// A series of values on y, one per x value (`None`: no value there).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub label: String,
    pub color: String,
    pub style: Style,
    pub values: Vec<Option<f64>>,
    /// Bars of the same stack are drawn on top of each other.
    pub stack: Option<String>,
    /// Writes each bar's value on it.
    pub value_labels: bool,
}

impl Series {
    pub fn new(label: &str, color: &str, style: Style, values: Vec<Option<f64>>) -> Series {
        Series {
            label: label.to_string(),
            color: color.to_string(),
            style,
            values,
            stack: None,
            value_labels: false,
        }
    }

    /// Stacked bars of `stack`.
    pub fn stacked(mut self, stack: &str) -> Series {
        self.stack = Some(stack.to_string());
        self
    }

    pub fn with_value_labels(mut self) -> Series {
        self.value_labels = true;
        self
    }
}

/// The area between two series (indices into [`ChartSpec::series`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub lower: usize,
    pub upper: usize,
    pub color: String,
}

/// A vertical line at `at` on x (a due date, the as-of day) with its label at the top.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    pub at: f64,
    pub label: String,
    pub color: String,
    pub dashed: bool,
}

/// A horizontal line at `at` on y (a target, a due date on a date axis) labelled at its end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub at: f64,
    pub label: String,
    pub color: String,
    pub dashed: bool,
}

/// A shaded range of x, `from` inclusive to `to` exclusive (a plant closure).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub from: f64,
    pub to: f64,
    pub label: String,
    pub color: String,
}

/// A labelled point (the day the P50 reaches a target).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub label: String,
    pub color: String,
}

/// A legend entry for what is not a series (spans, markers, shades).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Key {
    pub label: String,
    pub color: String,
    pub shape: KeyShape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyShape {
    Box,
    Line,
    Dashed,
}

/// One task of a Gantt chart: dates as day numbers, P10/P50/P90 of its start and finish.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GanttRow {
    pub label: String,
    pub start: [f64; 3],
    pub finish: [f64; 3],
    /// The bar's fill.
    pub color: String,
    /// Due dates of task milestones marked on this row.
    pub due: Vec<f64>,
    /// Written right of the finish whisker (its criticality).
    pub end_label: String,
    /// Shown when the row is hovered.
    pub note: String,
}

/// One chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartSpec {
    /// Unique on its page; the chart's element is `chart-{id}`.
    pub id: String,
    pub kind: ChartKind,
    /// The chart in words: its accessible name.
    pub title: String,
    /// Height of the chart in CSS pixels; the width follows its container.
    pub height: u32,
    pub x: Axis,
    pub y: Axis,
    /// The x of every value of every series.
    pub x_values: Vec<f64>,
    pub series: Vec<Series>,
    pub bands: Vec<Band>,
    pub markers: Vec<Marker>,
    pub rules: Vec<Rule>,
    pub spans: Vec<Span>,
    pub points: Vec<Point>,
    pub keys: Vec<Key>,
    /// Labels of a category axis, one per x value.
    pub categories: Vec<String>,
    /// The tasks of a Gantt chart, top to bottom.
    pub rows: Vec<GanttRow>,
    /// Charts with the same key share the cursor (same dates under the pointer).
    pub sync: Option<String>,
}

impl ChartSpec {
    /// An empty chart of `kind` over `x` and `y`.
    pub fn new(id: &str, kind: ChartKind, title: &str, x: Axis, y: Axis) -> ChartSpec {
        ChartSpec {
            id: id.to_string(),
            kind,
            title: title.to_string(),
            height: 300,
            x,
            y,
            x_values: Vec::new(),
            series: Vec::new(),
            bands: Vec::new(),
            markers: Vec::new(),
            rules: Vec::new(),
            spans: Vec::new(),
            points: Vec::new(),
            keys: Vec::new(),
            categories: Vec::new(),
            rows: Vec::new(),
            sync: None,
        }
    }

    pub fn height(mut self, height: u32) -> ChartSpec {
        self.height = height;
        self
    }

    /// Adds a series and returns its index.
    pub fn push(&mut self, series: Series) -> usize {
        self.series.push(series);
        self.series.len() - 1
    }

    /// Adds P10, P50 and P90 series named `what` with the band between P10 and P90.
    pub fn fan(&mut self, what: &str, color: &str, band: &str, fan: [Vec<Option<f64>>; 3]) {
        let [p10, p50, p90] = fan;
        let lower = self.push(Series::new(&format!("P10 {what}"), band, Style::Edge, p10));
        self.push(Series::new(&format!("P50 {what}"), color, Style::Line, p50));
        let upper = self.push(Series::new(&format!("P90 {what}"), band, Style::Edge, p90));
        self.bands.push(Band {
            lower,
            upper,
            color: band.to_string(),
        });
    }

    /// The series labelled `label`.
    pub fn series_named(&self, label: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.label == label)
    }

    /// The JSON of the spec, ready for a `<script type="application/json">` element: every
    /// text with its invisible characters shown (`[U+200B]`), and `<`, `>` and `&` written as
    /// `\u003c`, `\u003e` and `\u0026`, so no text can close the element or open a comment.
    pub fn to_json(&self) -> String {
        let mut value = serde_json::to_value(self).expect("a chart spec is plain data");
        neutralise(&mut value);
        let json = serde_json::to_string(&value).expect("a JSON value serialises");
        let mut out = String::with_capacity(json.len() + 16);
        for character in json.chars() {
            match character {
                '<' => out.push_str("\\u003c"),
                '>' => out.push_str("\\u003e"),
                '&' => out.push_str("\\u0026"),
                '\u{2028}' => out.push_str("\\u2028"),
                '\u{2029}' => out.push_str("\\u2029"),
                other => out.push(other),
            }
        }
        out
    }
}

/// Shows the invisible characters of every string in `value`.
fn neutralise(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) => {
            if let std::borrow::Cow::Owned(shown) = neutralise_invisible(text) {
                *text = shown;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(neutralise),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(neutralise),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_close_its_script_element() {
        let mut spec = ChartSpec::new(
            "x",
            ChartKind::Stations,
            "</script><!-- & \u{0}\u{200B}",
            Axis::category(),
            Axis::count("share"),
        );
        spec.categories.push("<b>final & eol</b>".to_string());
        let json = spec.to_json();
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        assert!(json.contains("\\u003c/script\\u003e\\u003c!-- \\u0026 [U+0000][U+200B]"));
        let back: ChartSpec = serde_json::from_str(&json).unwrap();
        assert_eq!(back.title, "</script><!-- & [U+0000][U+200B]");
        assert_eq!(back.categories, ["<b>final & eol</b>"]);
    }
}

//! What every page shares: the HTML shell with its inline style sheet (and, on pages with
//! charts, the inline chart scripts), the element that holds a chart's spec, and the small pieces
//! of markup both the report and the comparison use (the on-time cell, the grade legend).

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::assets;
use crate::charts::ChartSpec;
use crate::view::format::{grade, pct};

/// The one style sheet of every page, inlined: no page loads anything.
pub(crate) const CSS: &str = include_str!("page.css");

/// A whole page titled `title` around `body`, without charts.
pub fn page(title: &str, body: Markup) -> String {
    shell(title, body, false)
}

/// A whole page titled `title` around `body`, whose charts ([`chart`]) are drawn by the inline
/// uPlot and `relaunch-charts.js` once the page has loaded. Without JavaScript a note says so
/// and the tables still hold the figures.
pub fn chart_page(title: &str, body: Markup) -> String {
    shell(title, body, true)
}

fn shell(title: &str, body: Markup, charts: bool) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (crate::html::escape::shown(title)) }
                style { (PreEscaped(CSS)) }
                @if charts {
                    style { (PreEscaped(assets::UPLOT_CSS)) "\n" (PreEscaped(assets::CHARTS_CSS)) }
                }
            }
            body {
                main {
                    @if charts {
                        noscript {
                            p.note.late {
                                "The charts of this page are drawn by its inline script, which is \
                                 switched off: the tables hold the figures."
                            }
                        }
                    }
                    (body)
                }
                @if charts {
                    script { (PreEscaped(assets::uplot_js_inline())) }
                    script { (PreEscaped(assets::CHARTS_JS)) }
                    script { "RelaunchCharts.renderAll(document);" }
                }
            }
        }
    }
    .into_string()
        + "\n"
}

/// The element of one chart: its spec as JSON, drawn in place by `relaunch-charts.js`.
pub fn chart(spec: &ChartSpec) -> Markup {
    html! {
        div.rc-chart id={ "chart-" (spec.id) } role="figure" aria-label=(spec.title)
            style={ "min-height:" (spec.height + 40) "px" } {
            script type="application/json" class="rc-spec" { (PreEscaped(spec.to_json())) }
        }
    }
}

/// [`chart`] of `spec`, or a note saying `missing` when there is none.
pub fn chart_or(spec: Option<&ChartSpec>, missing: &str) -> Markup {
    html! {
        @match spec {
            Some(spec) => (chart(spec)),
            None => p.note { (missing) },
        }
    }
}

/// A table cell with an on-time probability, coloured by its grade, with a small bar.
pub fn on_time_cell(probability: Option<f64>, ci95: Option<[f64; 2]>) -> Markup {
    html! {
        @match probability {
            Some(p) => td class={ "num " (grade(p)) } {
                span.bar { span style={ "width:" (format!("{:.0}", p * 100.0)) "%" } {} }
                (pct(p))
                @if let Some([low, high]) = ci95 {
                    br;
                    span.small title="95% Wilson interval" { (crate::words::percent_range(low, high)) }
                }
            },
            None => td.num { "—" },
        }
    }
}

/// The legend of the on-time grades under a milestone table.
pub fn grade_legend() -> Markup {
    html! {
        p.legend-row {
            span.chip.good { "≥ 80% on time" }
            span.chip.fair { "50–80%" }
            span.chip.poor { "< 50%" }
        }
    }
}

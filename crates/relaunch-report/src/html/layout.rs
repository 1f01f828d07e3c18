//! What every page shares: the HTML shell with its inline style sheet, and the small pieces of
//! markup both the report and the comparison use (the on-time cell, the grade legend).

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::view::format::{grade, pct};

/// The one style sheet of every page, inlined: no page loads anything.
const CSS: &str = include_str!("page.css");

/// A whole page titled `title` around `body`.
pub fn page(title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (crate::html::escape::shown(title)) }
                style { (PreEscaped(CSS)) }
            }
            body {
                main { (body) }
            }
        }
    }
    .into_string()
        + "\n"
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

//! The template of the page of `relaunch compare` (`compare.html`): the ranking, each
//! milestone side by side with paired differences to the reference (the first variant), the
//! cumulative output of every variant in one chart, the other figures and how to reproduce the
//! run. Same style and shell as the report.

use maud::{Markup, html};

use super::escape::shown;
use super::layout::{chart, chart_page, grade_legend, on_time_cell};
use crate::charts::ChartSpec;
use crate::charts::compare::{self, Frame, color, small_multiples};
use crate::comparison::{CostColumn, MilestoneDocument};
use crate::view::compare::{CompareView, VariantView};
use crate::view::format::{long_date, optional_date, pct, thousands};

/// The whole comparison page.
pub fn render(view: &CompareView) -> String {
    let names: Vec<&str> = view
        .document
        .variants
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    chart_page(
        &format!("{} — relaunch comparison", names.join(" vs ")),
        body(view),
    )
}

/// The page's sections, the content of its `<main>`, for a page that has its own shell.
pub fn body(view: &CompareView) -> Markup {
    let frame = Frame::new(view);
    html! {
        (header(view))
        (ranking(view))
        (milestones(view))
        (cumulative_section(view, frame.as_ref()))
        @if let Some(frame) = &frame {
            (difference_section(view, frame))
        }
        (figures(view))
        (footer(view))
    }
}

/// Every chart of the page in page order.
pub fn charts(view: &CompareView) -> Vec<ChartSpec> {
    let Some(frame) = Frame::new(view) else {
        return Vec::new();
    };
    let mut specs = small_multiples(view, &frame);
    specs.extend(compare::difference(view, &frame));
    specs
}

/// A small square of the variant's colour, as in the chart's legend.
fn swatch(index: usize) -> Markup {
    html! { span.swatch style={ "background:" (color(index)) } {} }
}

fn header(view: &CompareView) -> Markup {
    let d = view.document;
    let count = view.variants.len();
    html! {
        header {
            div.kicker { "relaunch · comparison of variants" }
            h1 {
                @for (index, v) in view.variants.iter().enumerate() {
                    @if index > 0 && index + 1 == count { " and " } @else if index > 0 { ", " }
                    (v.name)
                }
            }
            p.meta {
                (count) " variants · " (thousands(d.replications)) " replications each · seed "
                (d.seed) " · common random numbers: replication " i { "i" } " of every variant \
                 draws the same random streams, so differences are the variants', not chance's"
            }
        }
    }
}

fn ranking(view: &CompareView) -> Markup {
    let d = view.document;
    html! {
        section id="ranking" class="summary" {
            span.label { "Ranking, best first" }
            ol.ranking {
                @for warning in &view.warnings {
                    p.rule { (warning) }
                }
                @for name in &d.ranking {
                    @if let Some((index, v)) = view.variants.iter().enumerate().find(|(_, v)| &v.document.name == name) {
                        li { (swatch(index)) b { (v.name) } (ranking_facts(view, v)) }
                    }
                }
            }
            p.rule {
                "Reference: " b { (view.reference) } " (the first file given, unless "
                code { "--reference" } " chose another). Rule: " (view.ranking_rule) "."
            }
        }
    }
}

/// The scenario name when it differs from the variant's, and the facts the ranking went by.
fn ranking_facts(view: &CompareView, v: &VariantView) -> Markup {
    let rank_by = view.document.rank_by.as_str();
    let shared = view
        .ranking_milestone
        .as_ref()
        .and_then(|id| Some((id, v.milestone(id)?)));
    let mean_on_time = v.document.mean_on_time();
    html! {
        @if v.document.scenario != v.document.name {
            " " span.muted { "(" (v.scenario) ")" }
        }
        @if shared.is_some() || mean_on_time.is_some() { " — " }
        @if let Some((id, m)) = shared {
            @let (label, date) = if rank_by == "p90" { ("P90", m.p90) } else { ("P50", m.p50) };
            (id) " " (label) " " b { (optional_date(date, "not reached")) }
            @if rank_by == "on-time" && let Some(p) = m.document.on_time_probability {
                " · " (id) " on time " (pct(p))
            }
            @if mean_on_time.is_some() { " · " }
        }
        @if let Some(p) = mean_on_time {
            "mean on-time chance " (pct(p))
        }
    }
}

fn milestones(view: &CompareView) -> Markup {
    html! {
        section #milestones {
            h2 { "Milestones" }
            @if view.milestone_ids.is_empty() {
                p.note { "The variants define no milestones." }
            } @else if let Some(first) = view.variants.first() {
                p.note {
                    "P50/P90: the date by which half and 90% of the runs reach the milestone. On \
                     time: share of runs reaching it by its due date. Difference: the mean, run by \
                     run, of the days this variant reaches the milestone after "
                    b { (first.name) }
                    " (negative = earlier), with its 95% confidence interval; \"unclear\" when the \
                     interval holds zero: the variants cannot be told apart with this many \
                     replications."
                }
                @for id in &view.milestone_ids {
                    h3 {
                        (id)
                        @if let Some(due) = first.milestone(id).and_then(|m| m.due) {
                            " " span.muted { "· due " (long_date(due)) }
                        }
                    }
                    table.milestones.compare {
                        thead { tr {
                            th { "Variant" } th { "Due" } th { "P50" } th { "P90" }
                            th.num { "On time" } th { "Paired difference (95% CI)" }
                        } }
                        tbody {
                            @for (index, v) in view.variants.iter().enumerate() {
                                @match v.milestone(id) {
                                    None => tr {
                                        td { (swatch(index)) (v.name) }
                                        td.muted colspan="5" { "has no milestone " (id) }
                                    },
                                    Some(m) => tr {
                                        td { (swatch(index)) b { (v.name) } }
                                        td { (optional_date(m.due, "—")) }
                                        td { (optional_date(m.p50, "not reached")) }
                                        td { (optional_date(m.p90, "not reached")) }
                                        (on_time_cell(m.document.on_time_probability, None))
                                        td { (difference(index, m.document)) }
                                    },
                                }
                            }
                        }
                    }
                }
                (grade_legend())
            }
        }
    }
}

/// The paired difference cell of variant `index`.
fn difference(index: usize, m: &MilestoneDocument) -> Markup {
    if index == 0 {
        return html! { span.muted { "reference" } };
    }
    let (Some(mean), Some([low, high])) = (m.difference_days, m.difference_ci95) else {
        return html! { "—" };
    };
    if low == 0.0 && high == 0.0 {
        return html! { "same in every run" };
    }
    html! {
        @if high < 0.0 {
            span.early { (signed(-mean).trim_start_matches('+')) " d earlier" }
        } @else if low > 0.0 {
            span.late { (signed(mean).trim_start_matches('+')) " d later" }
        } @else {
            (signed(mean)) " d, unclear"
        }
        " " span.muted { "(" (signed(low)) " … " (signed(high)) ")" }
    }
}

/// Days with a sign and one decimal; values that round to zero print as "0.0".
fn signed(days: f64) -> String {
    let text = format!("{days:+.1}");
    if text == "+0.0" || text == "-0.0" {
        "0.0".to_string()
    } else {
        text
    }
}

fn cumulative_section(view: &CompareView, frame: Option<&Frame>) -> Markup {
    html! {
        section #cumulative {
            h2 { "Cumulative good output" }
            @if let (Some(first), Some(frame)) = (view.variants.first(), frame) {
                p.note {
                    "Good units built since each variant's start, by the end of each day, one \
                     chart per variant on the same scales: the band holds 80% of the runs on each \
                     day (P10–P90 of each day), the line is the P50 of each day (the median over \
                     the runs day by day, not one run), the dashed black line "
                    b { (first.name) } "'s P50 for comparison. Red lines are the due dates of "
                    b { (first.name) } "'s milestones. The charts share the pointer: hover one \
                     to read every variant on that date."
                }
                // One under the other, full width: due-date labels need the room.
                @for (index, spec) in small_multiples(view, frame).iter().enumerate() {
                    figure.hist {
                        figcaption { (swatch(index)) b { (view.variants[index].name) } }
                        (chart(spec))
                    }
                }
            } @else {
                p.note { "No daily figures in this comparison." }
            }
        }
    }
}

/// Each variant's cumulative output minus the first variant's.
fn difference_section(view: &CompareView, frame: &Frame) -> Markup {
    html! {
        @if let Some(spec) = compare::difference(view, frame) {
            @let name = &view.variants[0].name;
            section #ahead {
                h3 { "Ahead of or behind " (name) }
                p.note {
                    "Units ahead (+) or behind (−) " b { (name) } " on each date: the line is a \
                     variant's P50 of each day minus " b { (name) } "'s, the band runs from the \
                     gap between their P10s to the gap between their P90s (the slow runs against \
                     the slow, the fast against the fast). On the dates both have figures for."
                }
                (chart(&spec))
            }
        }
    }
}

/// `text` with its first letter in upper case.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn figures(view: &CompareView) -> Markup {
    let column = CostColumn::of(&view.document.variants);
    let heading = capitalized(column.heading());
    html! {
        section #figures {
            h2 { "Other figures" }
            p.note {
                "Means over the runs. Throughput: " (crate::words::THROUGHPUT_UNIT) ". Kit \
                 stock-out days: workdays on which a planned start waited for a kit. Localization: \
                 the first date the localization threshold is met. " (capitalized(column.meaning()))
            }
            table.figures {
                thead { tr {
                    th { "Variant" } th { "Starts" } th.num { "Good units per scheduled hour" }
                    th.num { "Kit stock-out days" } th { "Localization threshold met" }
                    th.num { (heading) }
                    @if view.report_links { th { "Report" } }
                } }
                tbody {
                    @for (index, v) in view.variants.iter().enumerate() {
                        @let doc = v.document;
                        tr {
                            td { (swatch(index)) b { (v.name) } }
                            td {
                                @match (&doc.document, v.start) {
                                    (Some(_), Some(start)) => (long_date(start)),
                                    (Some(result), None) => (shown(&result.start)),
                                    (None, _) => "—",
                                }
                            }
                            td.num { (format!("{:.2}", doc.throughput_per_hour)) }
                            td.num { (crate::words::count(doc.kit_stockout_days)) }
                            td {
                                @if doc.has_localization {
                                    (optional_date(v.localization_first_meets, "not within the horizon"))
                                } @else {
                                    "—"
                                }
                            }
                            td.num {
                                (shown(&column.cell(doc)))
                            }
                            @if view.report_links {
                                td {
                                    @if doc.document.is_some() {
                                        a href=(href(&format!("{}.report.html", doc.name))) { "open" }
                                    } @else {
                                        "—"
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p.note.small {
                "Each variant's full report is written beside this page by " code { "--out" } "."
            }
        }
    }
}

/// Every byte but the unreserved characters of RFC 3986 is percent-encoded in a link.
const NOT_UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A relative link to a file name: percent-encodes everything but unreserved characters.
fn href(name: &str) -> String {
    percent_encoding::utf8_percent_encode(name, NOT_UNRESERVED).to_string()
}

fn footer(view: &CompareView) -> Markup {
    html! {
        footer {
            p {
                "relaunch"
                @if let Some(version) = &view.version { " " (version) }
                " · The same scenarios, seed and number of replications give the same figures on \
                 any machine and at any thread count. To reproduce:"
            }
            p { code { (view.reproduce) } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_percent_encoded() {
        assert_eq!(href("moskvich-jac.report.html"), "moskvich-jac.report.html");
        assert_eq!(href("my plant#2.report.html"), "my%20plant%232.report.html");
    }

    #[test]
    fn no_negative_zero() {
        assert_eq!(signed(-0.004), "0.0");
        assert_eq!(signed(0.04), "0.0");
        assert_eq!(signed(1.26), "+1.3");
        assert_eq!(signed(-2.0), "-2.0");
    }
}

//! The template of the "Why late" section of the report: per milestone, the lateness at each
//! quantile and the lost on-time probability, with a bar chart of each factor's share (Shapley
//! values from `relaunch why`), and the verdict.

use maud::{Markup, html};

use super::layout::chart;
use crate::charts::ChartSpec;
use crate::charts::why_bars::{self, Unit};
use crate::view::format::{optional_date, thousands};
use crate::view::report::{WhyMilestoneView, WhyView};
use crate::why::{points, subsets_phrase};
use crate::words::number;
use crate::words::{days, percent, percent_range};

/// `<section id="why">`.
pub fn section(why: &WhyView) -> Markup {
    let document = why.document;
    // The plan is listed with the factors, but is not one.
    let factors = document.relaxations.len().saturating_sub(1);
    html! {
        section #why {
            h2 { "Why late" }
            p.note {
                "How late each milestone is against its due date at P50 (the median) and P90, and \
                 how much chance of meeting it is lost — and which factor causes it. The forecast \
                 is rerun for all " (subsets_phrase(factors)) " on common random numbers ("
                (thousands(document.replications)) " replications each, seed " (document.seed)
                "); a factor's share is its Shapley value, what relaxing it removes averaged over \
                 every order of relaxing, and the "
                b { "plan" }
                " takes what is left with all " (number(factors as u64)) " relaxed, so the bars \
                 add up exactly to the lateness shown. "
                span.chip.adds { "adds lateness" }
                " "
                span.chip.saves { "negative: relaxing it makes things worse" }
            }
            p.note.small {
                "Relaxed means — "
                @for (index, relaxation) in document.relaxations.iter().enumerate() {
                    @if index > 0 { " · " }
                    b { (relaxation.factor) } ": " (relaxation.relaxed)
                }
                "."
            }
            @if why.milestones.is_empty() {
                p.note { "No milestone to explain." }
            } @else {
                (table(why))
                (figures(why))
            }
        }
    }
}

fn table(why: &WhyView) -> Markup {
    html! {
        table.why {
            thead { tr {
                th { "Milestone" } th { "Due" } th { "On time" }
                @for q in &why.milestones[0].document.quantiles {
                    th { (q.label) } th.num { "Late" }
                }
                th { "Verdict" }
            } }
            tbody {
                @for m in &why.milestones {
                    tr {
                        td { b { (m.id) } }
                        td { (optional_date(m.due, "—")) }
                        td {
                            @match (m.document.on_time_probability, m.document.on_time_ci95) {
                                (Some(p), Some([low, high])) => {
                                    (percent(p)) " "
                                    span.small { "(" (percent_range(low, high)) ")" }
                                },
                                _ => "—",
                            }
                        }
                        @for (date, q) in &m.quantiles {
                            td {
                                @if q.beyond_horizon {
                                    span.late { "not reached" }
                                } @else {
                                    (optional_date(*date, "—"))
                                }
                            }
                            td.num {
                                @match q.late_days {
                                    0 => "on time",
                                    late => span.late {
                                        (if q.beyond_horizon { "≥ " } else { "" })
                                        (thousands(late.unsigned_abs())) " d"
                                    },
                                }
                            }
                        }
                        td { (m.verdict) }
                    }
                }
            }
        }
    }
}

/// One bar chart of factor shares with its caption.
pub struct FactorChart<'a> {
    pub milestone: &'a WhyMilestoneView<'a>,
    pub caption: String,
    pub spec: ChartSpec,
}

/// A chart for every lateness and every lost probability there is.
pub fn charts<'a>(why: &'a WhyView<'a>) -> Vec<FactorChart<'a>> {
    let mut charts: Vec<FactorChart<'a>> = Vec::new();
    let mut add = |m: &'a WhyMilestoneView<'a>, caption: String, rows: Vec<(&str, f64)>, unit| {
        let spec = why_bars::chart(&format!("why-{}", charts.len()), m.id.as_str(), &rows, unit);
        charts.push(FactorChart {
            milestone: m,
            caption,
            spec,
        });
    };
    for m in &why.milestones {
        for q in m.document.quantiles.iter().filter(|q| q.late_days > 0) {
            let rows: Vec<(&str, f64)> = q.factors.iter().map(|f| (f.factor, f.days)).collect();
            let caption = format!(
                "{} {}{} late",
                q.label,
                if q.beyond_horizon { "at least " } else { "" },
                days(q.late_days)
            );
            add(m, caption, rows, Unit::Days);
        }
        if let Some(lost) = m
            .document
            .probability_lost
            .as_ref()
            .filter(|p| p.total > 0.0)
        {
            let rows: Vec<(&str, f64)> = lost
                .factors
                .iter()
                .map(|f| (f.factor, f.probability * 100.0))
                .collect();
            let caption = format!("{} of on-time probability lost", points(lost.total));
            add(m, caption, rows, Unit::Points);
        }
    }
    charts
}

fn figures(why: &WhyView) -> Markup {
    let charts = charts(why);
    html! {
        @if charts.is_empty() {
            p.note {
                "Every milestone is on time at every quantile shown, in every run: nothing to blame."
            }
        } @else {
            div.hist-grid.why {
                @for c in &charts {
                    figure.why {
                        figcaption { b { (c.milestone.id) } " · " (c.caption) }
                        (chart(&c.spec))
                    }
                }
            }
        }
    }
}

//! The costs section of the forecast report: each category and the total (mean, P10, P50,
//! P90), the memo of scrapped kits, the cost of a good unit, and the cumulative spend chart.

use maud::{Markup, html};

use super::escape::shown;
use crate::charts;
use crate::cost_document::MoneyDoc;
use crate::view::report::ReportView;
use crate::words::money;

/// The section; empty without `[costs]`.
pub fn section(view: &ReportView) -> Markup {
    let Some(costs) = &view.document.costs else {
        return html! {};
    };
    let currency = costs.currency.as_deref();
    let amount = |value: f64| money(value, currency);
    let row = |name: &str, doc: &MoneyDoc| {
        html! {
            tr {
                td { (name) }
                td.num { (shown(&amount(doc.mean))) }
                td.num { (shown(&amount(doc.p10 as f64))) }
                td.num { (shown(&amount(doc.p50 as f64))) }
                td.num { (shown(&amount(doc.p90 as f64))) }
            }
        }
    };
    let unit = &costs.per_good_unit;
    let unit_quantile = |q: Option<u64>| q.map_or("—".to_string(), |v| amount(v as f64));
    html! {
        section #costs {
            h2 { "Costs" }
            p.note {
                "Over the horizon, per run: labour (payroll × rate per calendar day), fixed \
                 overhead per day, kits paid on arrival and carrying on the end-of-day kit stock \
                 add up to the total. Scrapped units' kits are already in kits (a memo line, not \
                 counted twice). Quantiles to four significant digits."
            }
            table {
                thead { tr {
                    th { "Category" } th.num { "Mean" } th.num { "P10" } th.num { "P50" }
                    th.num { "P90" }
                } }
                tbody {
                    (row("Labour", &costs.labour))
                    (row("Fixed", &costs.fixed))
                    (row("Kits", &costs.kits))
                    (row("Carrying", &costs.carrying))
                    (row("Total", &costs.total))
                    (row("of kits: scrapped units", &costs.scrapped_kits))
                    tr {
                        td { "Per good unit" }
                        td.num { (shown(&unit.mean.map_or("—".to_string(), amount))) }
                        td.num { (shown(&unit_quantile(unit.p10))) }
                        td.num { (shown(&unit_quantile(unit.p50))) }
                        td.num { (shown(&unit_quantile(unit.p90))) }
                    }
                }
            }
            @if let Some(spec) = charts::people::cumulative_spend(view) {
                (super::layout::chart(&spec))
            }
        }
    }
}

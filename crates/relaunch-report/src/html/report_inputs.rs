//! The end of the forecast report: the key inputs (calendar, release, learning, workforce,
//! stations, kits) and the footer with the line that reproduces the run.

use maud::{Markup, html};

use super::escape::shown;
use crate::view::format::{thousands, thousands_f, trim_float};
use crate::view::report::ReportView;

pub fn inputs_section(view: &ReportView) -> Markup {
    let i = &view.document.inputs;
    let rows = [
        ("Calendar", i.calendar.as_str()),
        ("Release", i.release.as_str()),
        ("Learning", i.learning.as_str()),
        (
            "Workforce",
            i.workforce.as_deref().unwrap_or("no staffing limit"),
        ),
    ];
    html! {
        section #inputs {
            h2 { "Key inputs" }
            table.kv { tbody {
                @for (key, value) in rows {
                    tr { th { (key) } td { (shown(value)) } }
                }
            } }
            @if !i.stations.is_empty() {
                h3 { "Stations" }
                table {
                    thead { tr {
                        th { "Station" } th { "Shop" } th.num { "Servers" } th.num { "Mean cycle" }
                        th.num { "Buffer" } th.num { "Operators / shift" } th.num { "MTTF" }
                        th.num { "MTTR" }
                    } }
                    tbody {
                        @for s in &i.stations {
                            tr {
                                td { (shown(&s.id)) }
                                td { (shown(s.shop.as_deref().unwrap_or("—"))) }
                                td.num { (s.servers) }
                                td.num {
                                    (trim_float(s.cycle_mean_minutes)) " min"
                                    @for p in &s.product_cycles {
                                        br;
                                        small { (shown(&p.product)) ": " (trim_float(p.cycle_mean_minutes)) " min" }
                                    }
                                }
                                td.num { (s.buffer.map_or("unlimited".to_string(), |b| b.to_string())) }
                                td.num { (s.operators) }
                                td.num {
                                    (s.mean_time_to_failure_hours.map_or(
                                        "never fails".to_string(),
                                        |h| format!("{} h", trim_float(h))
                                    ))
                                }
                                td.num {
                                    (s.mean_time_to_repair_minutes
                                        .map_or("—".to_string(), |m| format!("{} min", trim_float(m))))
                                }
                            }
                        }
                    }
                }
            }
            @if !i.kits.is_empty() {
                h3 { "Kits" }
                table {
                    thead { tr {
                        th { "Kit" } th { "Kind" } th.num { "Initial stock" }
                        th.num { "Mean lead time" } th.num { "Ordered in horizon" }
                        th.num { "Unit price" }
                    } }
                    tbody {
                        @for k in &i.kits {
                            @let price = match (k.unit_price, &k.currency) {
                                (Some(p), Some(c)) => format!("{} {}", thousands_f(p), c),
                                (Some(p), None) => thousands_f(p),
                                _ => "—".to_string(),
                            };
                            tr {
                                td { (shown(&k.id)) }
                                td { (shown(&k.kind)) }
                                td.num { (thousands(u64::from(k.initial_stock))) }
                                td.num { (trim_float(k.lead_time_mean_days)) " d" }
                                td.num { (thousands(k.ordered_within_horizon)) }
                                td.num { (shown(&price)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn footer(view: &ReportView) -> Markup {
    html! {
        footer {
            p {
                "relaunch " (view.version) " · The same scenario, seed and number of replications \
                 give the same figures on any machine and at any thread count. To reproduce:"
            }
            p { code { (view.reproduce) } }
            @if let Some(perf) = &view.document.perf {
                p.small {
                    "This run: " (format!("{:.2}", perf.wall_seconds)) " s on " (perf.threads)
                    " threads, " (format!("{:.1}", perf.events_per_second / 1e6)) " M events/s."
                }
            }
        }
    }
}

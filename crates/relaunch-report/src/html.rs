//! The self-contained HTML report (`report.html`): one file, inline CSS, charts as inline SVG
//! drawn here, no scripts and no network access needed — for a programme manager who would
//! rather look than read, and for the printer.
//!
//! Top to bottom: title and the "no time to read?" paragraph, key figures, the milestone
//! table, the fan of cumulative good output with due dates and targets, the distribution of
//! each milestone's date, station states, kit stock, the daily output fan, the key inputs and
//! how to reproduce the run.
//!
//! [`report_html`] needs only the result document. [`Report`] can be told more: the scenario
//! (then cumulative targets and rate targets are drawn), a "why late" analysis (then a section
//! splits each milestone's delay over its causes), the program version and the scenario file
//! for the reproduce line.
//!
//! [`compare_html`] is the page of `relaunch compare`, drawn with the same helpers and style.

use std::fmt::Write;

use relaunch_core::Scenario;
use relaunch_core::model::MilestoneKind;

use crate::document::{FanDoc, MilestoneDoc, ResultDocument};
use crate::summary;
use crate::why::WhyDocument;

mod compare_page;
mod why_section;

pub use compare_page::{ComparePage, compare_html};

/// The report of `document` with what the document alone tells.
pub fn report_html(document: &ResultDocument) -> String {
    Report::new(document).html()
}

/// What a milestone asks for; known only when the report is given the scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Cumulative good units.
    Cumulative(u64),
    /// Rolling mean of good units per workday over `window` workdays.
    Rate { per_day: f64, window: u32 },
}

/// A report under construction: the document plus optional context.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    document: &'a ResultDocument,
    targets: Vec<(String, Target)>,
    version: String,
    scenario_file: Option<String>,
    why: Option<&'a WhyDocument>,
}

impl<'a> Report<'a> {
    pub fn new(document: &'a ResultDocument) -> Report<'a> {
        Report {
            document,
            targets: Vec::new(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            scenario_file: None,
            why: None,
        }
    }

    /// Takes the milestones' targets from the scenario the document was made from.
    pub fn scenario(mut self, scenario: &Scenario) -> Report<'a> {
        self.targets = scenario
            .milestones
            .iter()
            .map(|m| {
                let target = match m.kind {
                    MilestoneKind::Cumulative { units } => Target::Cumulative(units),
                    MilestoneKind::Rate { per_day, window } => Target::Rate { per_day, window },
                };
                (m.id.clone(), target)
            })
            .collect();
        self
    }

    /// Sets one milestone's target by hand.
    pub fn target(mut self, milestone: &str, target: Target) -> Report<'a> {
        self.targets.retain(|(id, _)| id != milestone);
        self.targets.push((milestone.to_string(), target));
        self
    }

    /// The version of relaunch shown in the footer (default: this crate's version).
    pub fn version(mut self, version: impl Into<String>) -> Report<'a> {
        self.version = version.into();
        self
    }

    /// The scenario file named in the reproduce line (default: a placeholder).
    pub fn scenario_file(mut self, path: impl Into<String>) -> Report<'a> {
        self.scenario_file = Some(path.into());
        self
    }

    /// Adds the "Why late" section (after the milestone table) from a `relaunch why` analysis
    /// of the same scenario.
    pub fn why(mut self, why: &'a WhyDocument) -> Report<'a> {
        self.why = Some(why);
        self
    }

    fn target_of(&self, milestone: &str) -> Option<&Target> {
        self.targets
            .iter()
            .find(|(id, _)| id == milestone)
            .map(|(_, t)| t)
    }

    /// The whole HTML file.
    pub fn html(&self) -> String {
        let d = self.document;
        let mut out = String::with_capacity(256 * 1024);
        open_page(&mut out, &format!("{} — relaunch forecast", d.scenario));
        self.header(&mut out);
        self.key_figures(&mut out);
        self.milestone_table(&mut out);
        if let Some(why) = self.why {
            why_section::section(&mut out, why);
        }
        self.cumulative_section(&mut out);
        self.distributions_section(&mut out);
        self.stations_section(&mut out);
        self.kits_section(&mut out);
        self.daily_section(&mut out);
        self.localization_section(&mut out);
        self.inputs_section(&mut out);
        self.footer(&mut out);
        close_page(&mut out);
        out
    }

    fn header(&self, out: &mut String) {
        let d = self.document;
        let end = parse_date(&d.start).map(|s| s + d.horizon_days as i64 - 1);
        w(
            out,
            format_args!(
                "<header>\n<div class=\"kicker\">relaunch · Monte Carlo forecast</div>\n<h1>{}</h1>\n\
                 <p class=\"meta\">{} replications · seed {} · {} to {} ({} days)</p>\n</header>\n",
                esc(&d.scenario),
                thousands(d.replications),
                d.seed,
                long_date(&d.start),
                end.map_or_else(|| "?".to_string(), |e| fmt_epoch(e, true)),
                d.horizon_days
            ),
        );
        w(
            out,
            format_args!(
                "<section id=\"summary\" class=\"summary\"><span class=\"label\">No time to read?</span>\n<p>{}</p></section>\n",
                esc(&summary::paragraph(d))
            ),
        );
    }

    fn key_figures(&self, out: &mut String) {
        let d = self.document;
        let mut cards = vec![
            (
                format!("{:.2}", d.throughput_per_hour.mean),
                format!(
                    "good units per scheduled hour (95% CI {:.2}–{:.2})",
                    d.throughput_per_hour.ci95[0], d.throughput_per_hour.ci95[1]
                ),
            ),
            (
                thousands(d.units.good.mean.round().max(0.0) as u64),
                format!(
                    "good units in the horizon (mean; {} released, {} scrapped)",
                    thousands(d.units.released.mean.round().max(0.0) as u64),
                    thousands(d.units.scrapped.mean.round().max(0.0) as u64)
                ),
            ),
            (
                format!("{:.1}", d.wip.mean),
                "units in progress (mean WIP)".to_string(),
            ),
            (
                format!("{:.0} min", d.flow_time_minutes.mean),
                "flow time, operating minutes".to_string(),
            ),
        ];
        if !d.kits.ids.is_empty() {
            cards.push((
                format!("{:.1}", d.kits.stockout_days.mean),
                "workdays with a kit stock-out (mean)".to_string(),
            ));
        }
        if d.inputs.workforce.is_some() {
            cards.push((
                format!("{:.1}", d.staffing.unstaffed_shifts.mean),
                "planned shifts lost for lack of trained staff (mean)".to_string(),
            ));
        }
        out.push_str("<section id=\"figures\" class=\"cards\">\n");
        for (value, label) in cards {
            w(
                out,
                format_args!(
                    "<div class=\"card\"><div class=\"v\">{}</div><div class=\"k\">{}</div></div>\n",
                    esc(&value),
                    esc(&label)
                ),
            );
        }
        out.push_str("</section>\n");
    }

    fn milestone_table(&self, out: &mut String) {
        let d = self.document;
        out.push_str("<section id=\"milestones\">\n<h2>Milestones</h2>\n");
        if d.milestones.is_empty() {
            out.push_str("<p class=\"note\">The scenario defines no milestones.</p></section>\n");
            return;
        }
        out.push_str(
            "<p class=\"note\">P10/P50/P90: the date by which 10%, 50% and 90% of the simulated \
             runs reach the milestone. On time: share of runs reaching it on or before the due date, \
             with its 95% interval below it (it narrows with more replications).</p>\n",
        );
        if let Some(note) = crate::summary::precision_note(d) {
            w(
                out,
                format_args!("<p class=\"note late\">{}</p>\n", esc(&note)),
            );
        }
        out.push_str(
            "<table class=\"milestones\">\n<thead><tr><th>Milestone</th><th>Target</th><th>Due</th>\
             <th>P10</th><th>P50</th><th>P90</th><th>P50 vs due</th><th class=\"num\">On time</th>\
             <th class=\"num\">Reached</th></tr></thead>\n<tbody>\n",
        );
        for m in &d.milestones {
            let target = match self.target_of(&m.id) {
                Some(Target::Cumulative(units)) => format!("{} units", thousands(*units)),
                Some(Target::Rate { per_day, window }) => {
                    format!("{}/workday over {window} workdays", trim_float(*per_day))
                }
                None => "—".to_string(),
            };
            let slack = match (
                m.due.as_deref().and_then(parse_date),
                m.p50.as_deref().and_then(parse_date),
            ) {
                (Some(due), Some(p50)) => {
                    let days = p50 - due;
                    if days > 0 {
                        format!("<span class=\"late\">{days} d late</span>")
                    } else if days < 0 {
                        format!("<span class=\"early\">{} d early</span>", -days)
                    } else {
                        "on the day".to_string()
                    }
                }
                (Some(_), None) => "<span class=\"late\">beyond horizon</span>".to_string(),
                _ => "—".to_string(),
            };
            let on_time = on_time_cell(m.on_time_probability, m.on_time_ci95);
            w(
                out,
                format_args!(
                    "<tr><td><b>{}</b></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
                     <td>{}</td>{}<td class=\"num\">{}</td></tr>\n",
                    esc(&m.id),
                    esc(&target),
                    opt_date(&m.due, "—"),
                    opt_date(&m.p10, "not reached"),
                    opt_date(&m.p50, "not reached"),
                    opt_date(&m.p90, "not reached"),
                    slack,
                    on_time,
                    pct(m.reached_fraction)
                ),
            );
        }
        out.push_str("</tbody>\n</table>\n");
        out.push_str(
            "<p class=\"legend-row\"><span class=\"chip good\">≥ 80% on time</span>\
             <span class=\"chip fair\">50–80%</span><span class=\"chip poor\">&lt; 50%</span></p>\n",
        );
        out.push_str("</section>\n");
    }

    fn cumulative_section(&self, out: &mut String) {
        out.push_str("<section id=\"cumulative\">\n<h2>Cumulative good output</h2>\n");
        out.push_str(
            "<p class=\"note\">Good units built since the start, at the end of each day. The band \
             holds 80% of the runs (P10–P90), the line is the median run. Red lines are due dates; \
             dashed lines the milestones' cumulative targets.</p>\n",
        );
        out.push_str(&self.cumulative_chart());
        out.push_str("</section>\n");
    }

    fn cumulative_chart(&self) -> String {
        let d = self.document;
        let mut svg = String::new();
        let Some(start) = parse_date(&d.start) else {
            return empty_svg("no dates");
        };
        let n = d.daily.len() as i64;
        let mut x0 = start;
        let mut x1 = start + n.max(1);
        for m in &d.milestones {
            if let Some(due) = m.due.as_deref().and_then(parse_date) {
                x0 = x0.min(due);
                x1 = x1.max(due + 1);
            }
        }
        let cumulative_targets: Vec<(&MilestoneDoc, u64)> = d
            .milestones
            .iter()
            .filter_map(|m| match self.target_of(&m.id) {
                Some(Target::Cumulative(units)) => Some((m, *units)),
                _ => None,
            })
            .collect();
        let data_max = d
            .daily
            .iter()
            .map(|day| day.cumulative.p90)
            .max()
            .unwrap_or(0);
        let target_max = cumulative_targets
            .iter()
            .map(|(_, u)| *u)
            .max()
            .unwrap_or(0);
        let (y_top, y_step) = nice_axis(data_max.max(target_max) as f64 * 1.05);
        let mut legend = Legend::new(64.0, 14.0, 944.0);
        legend.band(BLUE_BAND, "P10–P90 of runs");
        legend.line(BLUE, "P50 (median run)", false);
        if d.milestones.iter().any(|m| m.due.is_some()) {
            legend.line(DUE, "due date", false);
        }
        if !cumulative_targets.is_empty() {
            legend.line(GREY, "cumulative target", true);
            legend.dot("median run reaches target");
        }
        if has_closed_periods(d) {
            legend.band(CLOSED, "plant closed");
        }
        let top = legend.bottom() + 12.0;
        let plot = Plot {
            w: 960.0,
            h: 380.0 + top,
            left: 64.0,
            right: 16.0,
            top,
            bottom: 44.0,
            x0: x0 as f64,
            x1: x1 as f64,
            y0: 0.0,
            y1: y_top,
        };
        plot.open(
            &mut svg,
            "Cumulative good output over time, P10 to P90 band and median",
        );
        svg.push_str(&legend.svg);
        plot.closed_periods(&mut svg, d, start);
        plot.y_grid(&mut svg, y_step, "good units, cumulative", thousands_f);
        plot.time_axis(&mut svg);
        let points: Vec<(f64, FanDoc)> = d
            .daily
            .iter()
            .enumerate()
            .map(|(i, day)| ((start + i as i64 + 1) as f64, day.cumulative.clone()))
            .collect();
        let mut with_origin = vec![(
            start as f64,
            FanDoc {
                p10: 0,
                p50: 0,
                p90: 0,
            },
        )];
        with_origin.extend(points);
        plot.fan(&mut svg, &with_origin, BLUE, BLUE_BAND, None);
        // Targets: dashed horizontals with a label at the right end, shifted left past the
        // labels of targets drawn at nearly the same height.
        let mut labels: Vec<(f64, f64)> = Vec::new();
        let mut sorted = cumulative_targets.clone();
        sorted.sort_by_key(|(_, units)| std::cmp::Reverse(*units));
        for (m, units) in &sorted {
            let y = plot.y(*units as f64);
            let text = format!("{}: {}", m.id, thousands(*units));
            let mut end = plot.w - plot.right - 4.0;
            while labels.iter().any(|&(ly, lx)| {
                (ly - y).abs() < 13.0 && (lx - end).abs() < text_width(&text) + 10.0
            }) {
                end -= 12.0;
            }
            labels.push((y, end));
            w(
                &mut svg,
                format_args!(
                    "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" class=\"target\"/>\
                     <text x=\"{end:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"tlabel halo\">{}</text>\n",
                    plot.left,
                    plot.w - plot.right,
                    y - 4.0,
                    esc(&text)
                ),
            );
            if let Some(p50) = m.p50.as_deref().and_then(parse_date) {
                w(
                    &mut svg,
                    format_args!(
                        "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"4.5\" class=\"p50dot\"><title>{} median date {}</title></circle>\n",
                        plot.x((p50 + 1) as f64),
                        esc(&m.id),
                        fmt_epoch(p50, true)
                    ),
                );
            }
        }
        let dues = due_labels(
            d.milestones
                .iter()
                .map(|m| (m.id.as_str(), m.due.as_deref())),
        );
        plot.due_lines(&mut svg, &dues);
        svg.push_str("</svg>\n");
        svg
    }

    fn distributions_section(&self, out: &mut String) {
        let d = self.document;
        if d.milestones.is_empty() {
            return;
        }
        out.push_str("<section id=\"distributions\">\n<h2>When each milestone is reached</h2>\n");
        out.push_str(
            "<p class=\"note\">Share of runs reaching the milestone in each period. Green bars are \
             on or before the due date (red line), orange after it. The bracket above shows P10–P90 \
             with the median as a dot.</p>\n<div class=\"hist-grid\">\n",
        );
        for m in &d.milestones {
            out.push_str("<figure class=\"hist\">\n");
            let on_time = m.on_time_probability.map_or(String::new(), |p| {
                format!(
                    " · <span class=\"chip {}\">{} on time</span>",
                    grade(p),
                    pct(p)
                )
            });
            w(
                out,
                format_args!(
                    "<figcaption><b>{}</b>{}{}</figcaption>\n",
                    esc(&m.id),
                    m.due
                        .as_deref()
                        .map_or(String::new(), |due| format!(" · due {}", long_date(due))),
                    on_time
                ),
            );
            out.push_str(&self.histogram(m));
            if m.not_reached > 0 {
                w(
                    out,
                    format_args!(
                        "<p class=\"note small\">{} of runs ({} of {}) do not reach it within the horizon.</p>\n",
                        pct(m.not_reached as f64 / d.replications.max(1) as f64),
                        thousands(m.not_reached),
                        thousands(d.replications)
                    ),
                );
            }
            out.push_str("</figure>\n");
        }
        out.push_str("</div>\n</section>\n");
    }

    fn histogram(&self, m: &MilestoneDoc) -> String {
        let d = self.document;
        let runs = d.replications.max(1) as f64;
        let days: Vec<(i64, u64)> = m
            .distribution
            .iter()
            .filter_map(|c| parse_date(&c.date).map(|e| (e, c.count)))
            .collect();
        let due = m.due.as_deref().and_then(parse_date);
        let mut lo = days.iter().map(|(e, _)| *e).chain(due).min();
        let mut hi = days.iter().map(|(e, _)| *e).chain(due).max();
        if lo.is_none() {
            lo = parse_date(&d.start);
            hi = lo.map(|s| s + d.horizon_days as i64);
        }
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return empty_svg("no dates");
        };
        let span = hi - lo;
        let bin: i64 = if span <= 42 {
            1
        } else if span <= 210 {
            7
        } else {
            14
        };
        let base = if bin == 1 { lo } else { lo - weekday(lo) };
        let n_bins = ((hi - base).div_euclid(bin) + 1) as usize;
        let mut on_time = vec![0u64; n_bins];
        let mut late = vec![0u64; n_bins];
        for &(e, count) in &days {
            let i = (e - base).div_euclid(bin) as usize;
            if due.is_none_or(|due| e <= due) {
                on_time[i] += count;
            } else {
                late[i] += count;
            }
        }
        let max_share = (0..n_bins)
            .map(|i| (on_time[i] + late[i]) as f64 / runs)
            .fold(0.0, f64::max);
        let (y_top, y_step) = if days.is_empty() {
            (100.0, 20.0)
        } else {
            nice_axis((max_share * 100.0 * 1.1).clamp(1.0, 100.0))
        };
        let plot = Plot {
            w: 470.0,
            h: 250.0,
            left: 48.0,
            right: 14.0,
            top: 48.0,
            bottom: 44.0,
            x0: (base - bin) as f64,
            x1: (base + (n_bins as i64 + 1) * bin) as f64,
            y0: 0.0,
            y1: y_top,
        };
        let mut svg = String::new();
        plot.open(
            &mut svg,
            &format!("Distribution of the date {} is reached", m.id),
        );
        let unit = match bin {
            1 => "% of runs per day",
            7 => "% of runs per week",
            _ => "% of runs per 2 weeks",
        };
        plot.y_grid(&mut svg, y_step, unit, trim_float);
        if span <= 70 {
            plot.week_axis(&mut svg, bin == 1);
        } else {
            plot.month_axis(&mut svg);
        }
        if days.is_empty() {
            w(
                &mut svg,
                format_args!(
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"muted\">not reached in any run</text>\n",
                    (plot.left + plot.w - plot.right) / 2.0,
                    (plot.top + plot.h - plot.bottom) / 2.0
                ),
            );
        }
        for i in 0..n_bins {
            let from = (base + i as i64 * bin) as f64;
            let x = plot.x(from) + 0.5;
            let width = (plot.x(from + bin as f64) - plot.x(from) - 1.0).max(1.0);
            let mut level = 0.0;
            for (count, class, what) in [
                (on_time[i], "ontime", "on time"),
                (late[i], "latebar", "late"),
            ] {
                if count == 0 {
                    continue;
                }
                let share = count as f64 / runs * 100.0;
                let y_hi = plot.y(level + share);
                let y_lo = plot.y(level);
                w(
                    &mut svg,
                    format_args!(
                        "<rect x=\"{x:.1}\" y=\"{y_hi:.1}\" width=\"{width:.1}\" height=\"{:.1}\" class=\"{class}\"><title>{}{}: {} runs ({share:.1}%) {what}</title></rect>\n",
                        (y_lo - y_hi).max(0.5),
                        fmt_epoch(base + i as i64 * bin, true),
                        if bin > 1 {
                            format!(" – {}", fmt_epoch(base + (i as i64 + 1) * bin - 1, true))
                        } else {
                            String::new()
                        },
                        thousands(count)
                    ),
                );
                level += share;
            }
        }
        if let Some(due) = due {
            let x = plot.x((due + 1) as f64);
            let right_side = x < plot.left + (plot.w - plot.left - plot.right) * 0.6;
            w(
                &mut svg,
                format_args!(
                    "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"due\"/>\
                     <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\" class=\"duelabel halo\">due {}</text>\n",
                    plot.top - 16.0,
                    plot.h - plot.bottom,
                    if right_side { x + 4.0 } else { x - 4.0 },
                    plot.top - 6.0,
                    if right_side { "start" } else { "end" },
                    fmt_epoch(due, false)
                ),
            );
        }
        // P10–P90 bracket with the median dot, above the bars.
        let q = |s: &Option<String>| s.as_deref().and_then(parse_date);
        if let Some(p50) = q(&m.p50) {
            let y = 14.0;
            let x10 = q(&m.p10).map_or(plot.left, |e| plot.x(e as f64 + 0.5));
            let x90 = q(&m.p90).map_or(plot.w - plot.right, |e| plot.x(e as f64 + 0.5));
            let x50 = plot.x(p50 as f64 + 0.5);
            w(
                &mut svg,
                format_args!(
                    "<path d=\"M{x10:.1} {:.1}V{:.1}M{x10:.1} {y:.1}H{x90:.1}M{x90:.1} {:.1}V{:.1}\" class=\"bracket\"/>\
                     <circle cx=\"{x50:.1}\" cy=\"{y:.1}\" r=\"4\" class=\"p50dot\"/>\
                     <text x=\"{:.1}\" y=\"{:.1}\" class=\"small\">P50 {}</text>\n",
                    y - 4.0,
                    y + 4.0,
                    y - 4.0,
                    y + 4.0,
                    x90 + 6.0,
                    y + 4.0,
                    fmt_epoch(p50, false)
                ),
            );
        }
        svg.push_str("</svg>\n");
        svg
    }

    fn stations_section(&self, out: &mut String) {
        let d = self.document;
        out.push_str("<section id=\"stations\">\n<h2>Where the time goes at each station</h2>\n");
        out.push_str(
            "<p class=\"note\">Share of scheduled time (mean over runs): busy working, blocked by a \
             full buffer downstream, starved waiting for work, down for repair, unstaffed for lack of \
             trained staff. The bottleneck (highest busy + down) is outlined.</p>\n",
        );
        if d.stations.is_empty() {
            out.push_str("<p class=\"note\">No stations.</p></section>\n");
            return;
        }
        let row = 34.0;
        let states: [(&str, &str, &str); 5] = [
            ("busy", STATE_COLORS[0], "#fff"),
            ("blocked", STATE_COLORS[1], "#1f2328"),
            ("starved", STATE_COLORS[2], "#1f2328"),
            ("down", STATE_COLORS[3], "#fff"),
            ("unstaffed", STATE_COLORS[4], "#fff"),
        ];
        let mut legend = Legend::new(150.0, 16.0, 850.0);
        for (name, color, _) in &states {
            legend.swatch(color, name);
        }
        let top = legend.bottom() + 16.0;
        let plot = Plot {
            w: 960.0,
            h: top + row * d.stations.len() as f64 + 34.0,
            left: 150.0,
            right: 110.0,
            top,
            bottom: 34.0,
            x0: 0.0,
            x1: 1.0,
            y0: 0.0,
            y1: 1.0,
        };
        let mut svg = String::new();
        plot.open(&mut svg, "Station states as shares of scheduled time");
        svg.push_str(&legend.svg);
        for i in 0..=4 {
            let f = i as f64 / 4.0;
            let x = plot.x(f);
            w(
                &mut svg,
                format_args!(
                    "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"grid\"/>\
                     <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"tick\">{:.0}%</text>\n",
                    plot.top - 4.0,
                    plot.h - plot.bottom + 4.0,
                    plot.h - plot.bottom + 18.0,
                    f * 100.0
                ),
            );
        }
        w(
            &mut svg,
            format_args!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"axislabel\">share of scheduled time</text>\n",
                plot.x(0.5),
                plot.h - 4.0
            ),
        );
        for (i, s) in d.stations.iter().enumerate() {
            let y = plot.top + i as f64 * row + 5.0;
            let h = row - 10.0;
            let is_bottleneck = d.bottleneck.as_deref() == Some(s.id.as_str());
            w(
                &mut svg,
                format_args!(
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"{}\">{}</text>\n",
                    plot.left - 10.0,
                    y + h / 2.0 + 4.5,
                    if is_bottleneck {
                        "station bold"
                    } else {
                        "station"
                    },
                    esc(&s.id)
                ),
            );
            let values = [s.busy, s.blocked, s.starved, s.down, s.unstaffed];
            let total: f64 = values.iter().sum::<f64>().max(1.0);
            let mut acc = 0.0;
            for ((name, color, ink), value) in states.iter().zip(values) {
                if value <= 0.0 {
                    continue;
                }
                let xa = plot.x(acc / total);
                let xb = plot.x((acc + value) / total);
                w(
                    &mut svg,
                    format_args!(
                        "<rect x=\"{xa:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{color}\"><title>{}: {name} {:.1}%</title></rect>\n",
                        (xb - xa).max(0.3),
                        esc(&s.id),
                        value * 100.0
                    ),
                );
                if xb - xa >= 34.0 {
                    w(
                        &mut svg,
                        format_args!(
                            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"inbar\" fill=\"{ink}\">{:.0}%</text>\n",
                            (xa + xb) / 2.0,
                            y + h / 2.0 + 4.0,
                            value * 100.0
                        ),
                    );
                }
                acc += value;
            }
            if is_bottleneck {
                w(
                    &mut svg,
                    format_args!(
                        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" class=\"bottleneck\"/>\
                         <text x=\"{:.1}\" y=\"{:.1}\" class=\"bottlenecklabel\">◀ bottleneck</text>\n",
                        plot.left - 2.0,
                        y - 2.0,
                        plot.w - plot.left - plot.right + 4.0,
                        h + 4.0,
                        plot.w - plot.right + 8.0,
                        y + h / 2.0 + 4.5
                    ),
                );
            }
        }
        svg.push_str("</svg>\n");
        out.push_str(&svg);
        out.push_str("</section>\n");
    }

    fn kits_section(&self, out: &mut String) {
        let d = self.document;
        if d.kits.ids.is_empty() {
            return;
        }
        out.push_str("<section id=\"kits\">\n<h2>Kit stock</h2>\n");
        let any_stockout = d.daily.iter().any(|day| day.stockout_probability > 0.0);
        w(
            out,
            format_args!(
                "<p class=\"note\">Kits in stock at the end of each day: median run (line) and P10–P90 \
                 (band).{}</p>\n",
                if any_stockout {
                    " The strip below shows the probability of a stock-out on each day (darker = more runs \
                     waiting for kits)."
                } else {
                    " No run ran out of kits."
                }
            ),
        );
        let Some(start) = parse_date(&d.start) else {
            return;
        };
        let n = d.daily.len() as i64;
        let max = d
            .daily
            .iter()
            .flat_map(|day| day.kit_stock.iter().map(|f| f.p90))
            .max()
            .unwrap_or(0);
        let (y_top, y_step) = nice_axis((max as f64 * 1.05).max(1.0));
        let strip = if any_stockout { 34.0 } else { 0.0 };
        let mut legend = Legend::new(64.0, 14.0, 944.0);
        for (k, id) in d.kits.ids.iter().enumerate() {
            let color = PALETTE[k % PALETTE.len()];
            legend.series(color, &band_of(color), &format!("{id}: P50 and P10–P90"));
        }
        if has_closed_periods(d) {
            legend.band(CLOSED, "plant closed");
        }
        let top = legend.bottom() + 10.0;
        let plot = Plot {
            w: 960.0,
            h: 270.0 + top + strip,
            left: 64.0,
            right: 16.0,
            top,
            bottom: 44.0 + strip,
            x0: start as f64,
            x1: (start + n.max(1)) as f64,
            y0: 0.0,
            y1: y_top,
        };
        let mut svg = String::new();
        plot.open(&mut svg, "Kit stock at the end of each day");
        svg.push_str(&legend.svg);
        plot.closed_periods(&mut svg, d, start);
        plot.y_grid(&mut svg, y_step, "kits in stock", thousands_f);
        plot.time_axis(&mut svg);
        for (k, _) in d.kits.ids.iter().enumerate() {
            let color = PALETTE[k % PALETTE.len()];
            let points: Vec<(f64, FanDoc)> = d
                .daily
                .iter()
                .enumerate()
                .filter_map(|(i, day)| {
                    day.kit_stock
                        .get(k)
                        .map(|f| ((start + i as i64 + 1) as f64, f.clone()))
                })
                .collect();
            plot.fan(&mut svg, &points, color, &band_of(color), None);
        }
        if any_stockout {
            let y = plot.h - strip + 2.0;
            let h = 16.0;
            w(
                &mut svg,
                format_args!(
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"small\">stock-out</text>\
                     <rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\" class=\"stripbg\"/>\n",
                    plot.left - 6.0,
                    y + 12.0,
                    plot.left,
                    plot.w - plot.left - plot.right
                ),
            );
            for (i, day) in d.daily.iter().enumerate() {
                let p = day.stockout_probability;
                if p <= 0.0 {
                    continue;
                }
                let e = start + i as i64;
                let xa = plot.x(e as f64);
                let xb = plot.x((e + 1) as f64);
                w(
                    &mut svg,
                    format_args!(
                        "<rect x=\"{xa:.2}\" y=\"{y:.1}\" width=\"{:.2}\" height=\"{h:.1}\" fill=\"{DUE}\" fill-opacity=\"{:.3}\"><title>{}: stock-out in {} of runs</title></rect>\n",
                        (xb - xa).max(0.8),
                        (0.25 + 0.75 * p).min(1.0),
                        fmt_epoch(e, true),
                        pct(p)
                    ),
                );
            }
            let peak = d
                .daily
                .iter()
                .map(|day| day.stockout_probability)
                .fold(0.0, f64::max);
            w(
                &mut svg,
                format_args!(
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"small muted\">peak {}</text>\n",
                    plot.w - plot.right,
                    y - 4.0,
                    pct(peak)
                ),
            );
        }
        svg.push_str("</svg>\n");
        out.push_str(&svg);
        out.push_str("</section>\n");
    }

    fn daily_section(&self, out: &mut String) {
        let d = self.document;
        let Some(start) = parse_date(&d.start) else {
            return;
        };
        out.push_str("<section id=\"daily\">\n<h2>Good output per workday</h2>\n");
        out.push_str(
            "<p class=\"note\">Good units finished on each workday (days off are left out): median \
             run and P10–P90 band. Dashed lines are rate milestones.</p>\n",
        );
        let rates: Vec<(&str, f64, u32)> = d
            .milestones
            .iter()
            .filter_map(|m| match self.target_of(&m.id) {
                Some(Target::Rate { per_day, window }) => Some((m.id.as_str(), *per_day, *window)),
                _ => None,
            })
            .collect();
        let points: Vec<(f64, FanDoc)> = d
            .daily
            .iter()
            .enumerate()
            .filter(|(_, day)| day.workday)
            .map(|(i, day)| ((start + i as i64) as f64 + 0.5, day.good.clone()))
            .collect();
        let max = points.iter().map(|(_, f)| f.p90).max().unwrap_or(0) as f64;
        let rate_max = rates.iter().map(|r| r.1).fold(0.0, f64::max);
        let (y_top, y_step) = nice_axis((max.max(rate_max) * 1.08).max(1.0));
        let mut legend = Legend::new(64.0, 14.0, 944.0);
        legend.band(GREEN_BAND, "P10–P90 of runs");
        legend.line(GREEN, "P50 (median run)", false);
        if !rates.is_empty() {
            legend.line(GREY, "rate target", true);
        }
        if has_closed_periods(d) {
            legend.band(CLOSED, "plant closed");
        }
        let top = legend.bottom() + 10.0;
        let plot = Plot {
            w: 960.0,
            h: 270.0 + top,
            left: 64.0,
            right: 16.0,
            top,
            bottom: 44.0,
            x0: start as f64,
            x1: (start + (d.daily.len() as i64).max(1)) as f64,
            y0: 0.0,
            y1: y_top,
        };
        let mut svg = String::new();
        plot.open(
            &mut svg,
            "Good units per workday, P10 to P90 band and median",
        );
        svg.push_str(&legend.svg);
        plot.closed_periods(&mut svg, d, start);
        plot.y_grid(&mut svg, y_step, "good units per workday", thousands_f);
        plot.time_axis(&mut svg);
        plot.fan(&mut svg, &points, GREEN, GREEN_BAND, Some(4.5));
        for (id, per_day, window) in &rates {
            let y = plot.y(*per_day);
            w(
                &mut svg,
                format_args!(
                    "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" class=\"target\"/>\
                     <text x=\"{:.1}\" y=\"{:.1}\" class=\"tlabel halo\">{}: {} a workday over {window} workdays</text>\n",
                    plot.left,
                    plot.w - plot.right,
                    plot.left + 6.0,
                    y - 4.0,
                    esc(id),
                    trim_float(*per_day)
                ),
            );
        }
        svg.push_str("</svg>\n");
        out.push_str(&svg);
        out.push_str("</section>\n");
    }

    /// The localization path beside the production forecast: points by date against the
    /// threshold in force.
    fn localization_section(&self, out: &mut String) {
        let Some(localization) = &self.document.localization else {
            return;
        };
        out.push_str("<section id=\"localization\">\n<h2>Localization points</h2>\n");
        let verdict = match &localization.first_meets {
            Some(date) => format!("The threshold is first met on {}.", long_date(date)),
            None => "The threshold is not met within the horizon.".to_string(),
        };
        w(
            out,
            format_args!("<p class=\"note\">{}</p>\n", esc(&verdict)),
        );
        out.push_str(
            "<table>\n<thead><tr><th>From</th><th class=\"num\">Points</th><th class=\"num\">Threshold</th>\
             <th>Meets</th><th>Items counted</th></tr></thead>\n<tbody>\n",
        );
        for entry in &localization.timeline {
            w(
                out,
                format_args!(
                    "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n",
                    long_date(&entry.date),
                    thousands(u64::from(entry.points)),
                    entry
                        .threshold
                        .map_or("—".to_string(), |t| thousands(u64::from(t))),
                    if entry.meets { "✔ yes" } else { "no" },
                    esc(&entry.items.join(", ")),
                ),
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }

    fn inputs_section(&self, out: &mut String) {
        let i = &self.document.inputs;
        out.push_str(
            "<section id=\"inputs\">\n<h2>Key inputs</h2>\n<table class=\"kv\">\n<tbody>\n",
        );
        let mut rows = vec![
            ("Calendar", i.calendar.clone()),
            ("Release", i.release.clone()),
            ("Learning", i.learning.clone()),
        ];
        rows.push((
            "Workforce",
            i.workforce
                .clone()
                .unwrap_or_else(|| "no staffing limit".to_string()),
        ));
        for (key, value) in rows {
            w(
                out,
                format_args!("<tr><th>{key}</th><td>{}</td></tr>\n", esc(&value)),
            );
        }
        out.push_str("</tbody>\n</table>\n");
        if !i.stations.is_empty() {
            out.push_str(
                "<h3>Stations</h3>\n<table>\n<thead><tr><th>Station</th><th>Shop</th>\
                 <th class=\"num\">Servers</th><th class=\"num\">Mean cycle</th>\
                 <th class=\"num\">Buffer</th><th class=\"num\">Operators / shift</th>\
                 <th class=\"num\">MTTF</th><th class=\"num\">MTTR</th></tr></thead>\n<tbody>\n",
            );
            for s in &i.stations {
                w(
                    out,
                    format_args!(
                        "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{} min</td>\
                         <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                         <td class=\"num\">{}</td></tr>\n",
                        esc(&s.id),
                        s.shop.as_deref().map_or("—".to_string(), esc),
                        s.servers,
                        trim_float(s.cycle_mean_minutes),
                        s.buffer.map_or("unlimited".to_string(), |b| b.to_string()),
                        s.operators,
                        s.mean_time_to_failure_hours.map_or(
                            "never fails".to_string(),
                            |h| format!("{} h", trim_float(h))
                        ),
                        s.mean_time_to_repair_minutes
                            .map_or("—".to_string(), |m| format!("{} min", trim_float(m))),
                    ),
                );
            }
            out.push_str("</tbody>\n</table>\n");
        }
        if !i.kits.is_empty() {
            out.push_str(
                "<h3>Kits</h3>\n<table>\n<thead><tr><th>Kit</th><th>Kind</th>\
                 <th class=\"num\">Initial stock</th><th class=\"num\">Mean lead time</th>\
                 <th class=\"num\">Ordered in horizon</th><th class=\"num\">Unit price</th></tr></thead>\n<tbody>\n",
            );
            for k in &i.kits {
                let price = match (k.unit_price, &k.currency) {
                    (Some(p), Some(c)) => format!("{} {}", thousands_f(p), c),
                    (Some(p), None) => thousands_f(p),
                    _ => "—".to_string(),
                };
                w(
                    out,
                    format_args!(
                        "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{} d</td>\
                         <td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                        esc(&k.id),
                        esc(&k.kind),
                        thousands(u64::from(k.initial_stock)),
                        trim_float(k.lead_time_mean_days),
                        thousands(k.ordered_within_horizon),
                        esc(&price)
                    ),
                );
            }
            out.push_str("</tbody>\n</table>\n");
        }
        out.push_str("</section>\n");
    }

    fn footer(&self, out: &mut String) {
        let d = self.document;
        let file = self.scenario_file.as_deref().unwrap_or("SCENARIO.toml");
        let command = format!(
            "relaunch simulate {} --seed {} --replications {}{} --out DIR",
            shell_word(file),
            d.seed,
            d.replications,
            if self.why.is_some() { " --why" } else { "" }
        );
        w(
            out,
            format_args!(
                "<footer>\n<p>relaunch {} · The same scenario, seed and number of replications give \
                 the same figures on any machine and at any thread count. To reproduce:</p>\n\
                 <p><code>{}</code></p>\n",
                esc(&self.version),
                esc(&command)
            ),
        );
        if let Some(perf) = &d.perf {
            w(
                out,
                format_args!(
                    "<p class=\"small\">This run: {:.2} s on {} threads, {:.1} M events/s.</p>\n",
                    perf.wall_seconds,
                    perf.threads,
                    perf.events_per_second / 1e6
                ),
            );
        }
        out.push_str("</footer>\n");
    }
}

// ---------------------------------------------------------------------------------------------
// Plotting helpers.

const BLUE: &str = "#0b5cad";
const BLUE_BAND: &str = "#9cc3ea";
const GREEN: &str = "#1a7f37";
const GREEN_BAND: &str = "#a8dcb5";
const DUE: &str = "#c62828";
const GREY: &str = "#57606a";
const CLOSED: &str = "#eceff3";
const STATE_COLORS: [&str; 5] = ["#1f6fb2", "#f2a93b", "#d0d7de", "#c62828", "#7b5ea7"];
const PALETTE: [&str; 6] = [
    "#0b5cad", "#b35c00", "#6f42c1", "#1a7f37", "#c62828", "#00838f",
];

/// A lighter tint of a `#rrggbb` colour, for bands.
fn band_of(color: &str) -> String {
    let hex = color.trim_start_matches('#');
    if hex.len() != 6 {
        return color.to_string();
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0) as f64;
    let tint = |c: f64| (c + (255.0 - c) * 0.6).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        tint(channel(0)),
        tint(channel(2)),
        tint(channel(4))
    )
}

/// A rectangle of data coordinates mapped onto an SVG canvas.
struct Plot {
    w: f64,
    h: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

impl Plot {
    fn x(&self, v: f64) -> f64 {
        let span = (self.x1 - self.x0).max(1e-9);
        self.left + (v - self.x0) / span * (self.w - self.left - self.right)
    }

    fn y(&self, v: f64) -> f64 {
        let span = (self.y1 - self.y0).max(1e-9);
        self.h - self.bottom - (v - self.y0) / span * (self.h - self.top - self.bottom)
    }

    fn open(&self, svg: &mut String, label: &str) {
        w(
            svg,
            format_args!(
                "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n",
                self.w,
                self.h,
                esc(label)
            ),
        );
    }

    /// Horizontal grid lines every `step`, tick labels and a rotated axis label.
    fn y_grid(&self, svg: &mut String, step: f64, label: &str, format: impl Fn(f64) -> String) {
        let mut v = self.y0;
        while v <= self.y1 + step * 1e-6 {
            let y = self.y(v);
            w(
                svg,
                format_args!(
                    "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" class=\"{}\"/>\
                     <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"tick\">{}</text>\n",
                    self.left,
                    self.w - self.right,
                    if v == self.y0 { "axis" } else { "grid" },
                    self.left - 6.0,
                    y + 4.0,
                    format(v)
                ),
            );
            v += step;
        }
        let cy = (self.top + self.h - self.bottom) / 2.0;
        w(
            svg,
            format_args!(
                "<text transform=\"translate(14 {cy:.1}) rotate(-90)\" text-anchor=\"middle\" class=\"axislabel\">{}</text>\n",
                esc(label)
            ),
        );
    }

    /// A date axis: weekly ticks when months would be too few, else month ticks.
    fn time_axis(&self, svg: &mut String) {
        let px_per_week = (self.w - self.left - self.right) / (self.x1 - self.x0).max(1.0) * 7.0;
        if self.x1 - self.x0 <= 120.0 && px_per_week >= 24.0 {
            self.week_axis(svg, false);
        } else {
            self.month_axis(svg);
        }
    }

    /// Month ticks on an axis of epoch days; the year under January and the first label.
    fn month_axis(&self, svg: &mut String) {
        let first = self.x0.ceil() as i64;
        let last = self.x1.floor() as i64;
        let (mut y, mut m, _) = civil_from_days(first);
        let mut months = Vec::new();
        loop {
            let e = days_from_civil(y, m, 1);
            if e > last {
                break;
            }
            if e >= first {
                months.push((e, y, m));
            }
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
        let px_per_month =
            (self.w - self.left - self.right) / ((self.x1 - self.x0) / 30.44).max(1.0);
        let step = [1, 2, 3, 6, 12]
            .into_iter()
            .find(|s| *s as f64 * px_per_month >= 40.0)
            .unwrap_or(12);
        let base = self.h - self.bottom;
        let mut labelled_year = false;
        for &(e, year, month) in &months {
            let x = self.x(e as f64);
            w(
                svg,
                format_args!(
                    "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"vgrid\"/>\
                     <line x1=\"{x:.1}\" y1=\"{base:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"axis\"/>\n",
                    self.top,
                    base,
                    base + 5.0
                ),
            );
            if (month - 1) % step != 0 {
                continue;
            }
            w(
                svg,
                format_args!(
                    "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"tick\">{}</text>\n",
                    base + 18.0,
                    MONTHS[(month - 1) as usize]
                ),
            );
            if month == 1 || !labelled_year {
                labelled_year = true;
                w(
                    svg,
                    format_args!(
                        "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"tick year\">{year}</text>\n",
                        base + 32.0
                    ),
                );
            }
        }
    }

    /// Ticks on days (short spans) or Mondays, labelled with day and month at least 50 px apart;
    /// `centre` puts each tick in the middle of its day (under a day's bar).
    fn week_axis(&self, svg: &mut String, centre: bool) {
        let shift = if centre { 0.5 } else { 0.0 };
        let first = self.x0.ceil() as i64;
        let last = self.x1.floor() as i64;
        let px_per_day = (self.w - self.left - self.right) / (self.x1 - self.x0).max(1.0);
        let tick_days = if px_per_day * 7.0 < 60.0 || last - first > 21 {
            7
        } else {
            1
        };
        let mut e = if tick_days == 7 {
            first + (7 - weekday(first)) % 7
        } else {
            first
        };
        let base = self.h - self.bottom;
        let step = (50.0 / (px_per_day * tick_days as f64)).ceil().max(1.0) as i64;
        let mut k = 0;
        let mut labelled_year = false;
        while e <= last {
            let x = self.x(e as f64 + shift);
            if x > self.w - self.right {
                break;
            }
            w(
                svg,
                format_args!(
                    "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"vgrid\"/>\
                     <line x1=\"{x:.1}\" y1=\"{base:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"axis\"/>\n",
                    self.top,
                    base,
                    base + 5.0
                ),
            );
            if k % step == 0 && x + 22.0 <= self.w && x - 22.0 >= 0.0 {
                let (year, month, day) = civil_from_days(e);
                w(
                    svg,
                    format_args!(
                        "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"tick\">{day} {}</text>\n",
                        base + 18.0,
                        MONTHS[(month - 1) as usize]
                    ),
                );
                if !labelled_year || (month == 1 && day as i64 <= tick_days * step) {
                    labelled_year = true;
                    w(
                        svg,
                        format_args!(
                            "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"tick year\">{year}</text>\n",
                            base + 32.0
                        ),
                    );
                }
            }
            k += 1;
            e += tick_days;
        }
    }

    /// Light bands over runs of five or more days off (shutdowns, long holidays).
    fn closed_periods(&self, svg: &mut String, d: &ResultDocument, start: i64) {
        for (from, to) in closed_runs(d) {
            let xa = self.x((start + from as i64) as f64);
            let xb = self.x((start + to as i64) as f64);
            w(
                svg,
                format_args!(
                    "<rect x=\"{xa:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{CLOSED}\"><title>plant closed {} – {}</title></rect>\n",
                    self.top,
                    (xb - xa).max(1.0),
                    self.h - self.bottom - self.top,
                    fmt_epoch(start + from as i64, true),
                    fmt_epoch(start + to as i64 - 1, true)
                ),
            );
        }
    }

    /// Due dates as vertical red lines at the end of the day, labels staggered into rows so
    /// that they do not overlap.
    fn due_lines(&self, svg: &mut String, dues: &[(i64, String)]) {
        let plot = self;
        let mut placed: Vec<(f64, f64, usize)> = Vec::new();
        for (due, label) in dues {
            let x = plot.x((due + 1) as f64);
            let width = text_width(label);
            let span = |right: bool| {
                if right {
                    (x + 4.0, x + 4.0 + width)
                } else {
                    (x - 4.0 - width, x - 4.0)
                }
            };
            let fits = |right: bool| {
                let (from, to) = span(right);
                from >= plot.left && to <= plot.w - plot.right
            };
            let free = |right: bool, row: usize| {
                let (from, to) = span(right);
                !placed
                    .iter()
                    .any(|&(a, b, r)| r == row && from < b + 6.0 && a < to + 6.0)
            };
            // The preferred side, else the other side on the same row, else a lower row.
            let preferred = fits(true)
                && (!fits(false) || x < plot.left + (plot.w - plot.left - plot.right) * 0.6);
            let mut row = 0;
            let right_side = loop {
                if free(preferred, row) {
                    break preferred;
                }
                if fits(!preferred) && free(!preferred, row) {
                    break !preferred;
                }
                row += 1;
            };
            let (from, to) = span(right_side);
            placed.push((from, to, row));
            let ty = plot.top + 14.0 + row as f64 * 15.0;
            w(
                svg,
                format_args!(
                    "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"due\"/>\
                     <text x=\"{:.1}\" y=\"{ty:.1}\" text-anchor=\"{}\" class=\"duelabel halo\">{}</text>\n",
                    plot.top,
                    plot.h - plot.bottom,
                    if right_side { x + 4.0 } else { x - 4.0 },
                    if right_side { "start" } else { "end" },
                    esc(label)
                ),
            );
        }
    }

    /// A P10–P90 band and a P50 line; a gap wider than `break_gap` (data units) starts a new piece.
    fn fan(
        &self,
        svg: &mut String,
        points: &[(f64, FanDoc)],
        color: &str,
        band: &str,
        break_gap: Option<f64>,
    ) {
        self.fan_band(svg, points, band, 0.75, break_gap);
        self.fan_median(svg, points, color, break_gap);
    }

    /// `points` split where the gap between neighbours exceeds `break_gap`.
    fn pieces<T>(points: &[(f64, T)], break_gap: Option<f64>) -> Vec<&[(f64, T)]> {
        let mut pieces: Vec<&[(f64, T)]> = Vec::new();
        let mut from = 0;
        for i in 1..=points.len() {
            let split = i == points.len()
                || break_gap.is_some_and(|gap| points[i].0 - points[i - 1].0 > gap);
            if split {
                pieces.push(&points[from..i]);
                from = i;
            }
        }
        pieces.retain(|p| !p.is_empty());
        pieces
    }

    /// The P10–P90 band of a fan, filled with `band` at `opacity`.
    fn fan_band(
        &self,
        svg: &mut String,
        points: &[(f64, FanDoc)],
        band: &str,
        opacity: f64,
        break_gap: Option<f64>,
    ) {
        for piece in Plot::pieces(points, break_gap) {
            let mut band_path = String::new();
            for (k, (x, f)) in piece.iter().enumerate() {
                let cmd = if k == 0 { 'M' } else { 'L' };
                w(
                    &mut band_path,
                    format_args!("{cmd}{:.1} {:.1}", self.x(*x), self.y(f.p90 as f64)),
                );
            }
            for (x, f) in piece.iter().rev() {
                w(
                    &mut band_path,
                    format_args!("L{:.1} {:.1}", self.x(*x), self.y(f.p10 as f64)),
                );
            }
            band_path.push('Z');
            w(
                svg,
                format_args!(
                    "<path d=\"{band_path}\" fill=\"{band}\" fill-opacity=\"{opacity}\" stroke=\"{band}\" stroke-width=\"0.6\"/>\n"
                ),
            );
        }
    }

    /// The P50 line of a fan.
    fn fan_median(
        &self,
        svg: &mut String,
        points: &[(f64, FanDoc)],
        color: &str,
        break_gap: Option<f64>,
    ) {
        let medians: Vec<(f64, f64)> = points.iter().map(|(x, f)| (*x, f.p50 as f64)).collect();
        self.line(svg, &medians, color, break_gap);
    }

    /// A 2 px line through `points` (data units); a piece of one point is drawn as a dot.
    fn line(&self, svg: &mut String, points: &[(f64, f64)], color: &str, break_gap: Option<f64>) {
        for piece in Plot::pieces(points, break_gap) {
            if let [(x, y)] = piece {
                w(
                    svg,
                    format_args!(
                        "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"1.6\" fill=\"{color}\"/>\n",
                        self.x(*x),
                        self.y(*y)
                    ),
                );
                continue;
            }
            let mut line = String::new();
            for (k, (x, y)) in piece.iter().enumerate() {
                let cmd = if k == 0 { 'M' } else { 'L' };
                w(
                    &mut line,
                    format_args!("{cmd}{:.1} {:.1}", self.x(*x), self.y(*y)),
                );
            }
            w(
                svg,
                format_args!(
                    "<path d=\"{line}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n"
                ),
            );
        }
    }
}

/// Legend entries laid out left to right, wrapping onto new rows at `max_x`.
struct Legend {
    x0: f64,
    x: f64,
    y: f64,
    max_x: f64,
    svg: String,
}

impl Legend {
    /// A legend whose first row is centred on `y`, between `x` and `max_x`.
    fn new(x: f64, y: f64, max_x: f64) -> Legend {
        Legend {
            x0: x,
            x,
            y,
            max_x,
            svg: String::new(),
        }
    }

    /// Moves to the next row when an entry `width` wide would not fit.
    fn room(&mut self, width: f64) {
        if self.x > self.x0 && self.x + width > self.max_x {
            self.x = self.x0;
            self.y += 17.0;
        }
    }

    /// The bottom of the last row.
    fn bottom(&self) -> f64 {
        self.y + 8.0
    }

    fn text(&mut self, offset: f64, label: &str) {
        w(
            &mut self.svg,
            format_args!(
                "<text x=\"{:.1}\" y=\"{:.1}\" class=\"legend\">{}</text>\n",
                self.x + offset,
                self.y + 4.0,
                esc(label)
            ),
        );
        self.x += offset + text_width(label) + 18.0;
    }

    fn band(&mut self, color: &str, label: &str) {
        self.room(24.0 + text_width(label));
        w(
            &mut self.svg,
            format_args!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"18\" height=\"10\" fill=\"{color}\" stroke=\"#8c959f\" stroke-width=\"0.5\"/>\n",
                self.x,
                self.y - 5.0
            ),
        );
        self.text(24.0, label);
    }

    fn swatch(&mut self, color: &str, label: &str) {
        self.room(20.0 + text_width(label));
        w(
            &mut self.svg,
            format_args!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"14\" height=\"12\" fill=\"{color}\"/>\n",
                self.x,
                self.y - 6.0
            ),
        );
        self.text(20.0, label);
    }

    fn line(&mut self, color: &str, label: &str, dashed: bool) {
        self.room(26.0 + text_width(label));
        w(
            &mut self.svg,
            format_args!(
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{color}\" stroke-width=\"2\"{}/>\n",
                self.x,
                self.y,
                self.x + 20.0,
                self.y,
                if dashed {
                    " stroke-dasharray=\"6 4\""
                } else {
                    ""
                }
            ),
        );
        self.text(26.0, label);
    }

    /// A band with its median line, for one of several series.
    fn series(&mut self, color: &str, band: &str, label: &str) {
        self.room(26.0 + text_width(label));
        w(
            &mut self.svg,
            format_args!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"20\" height=\"10\" fill=\"{band}\"/>\
                 <line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{color}\" stroke-width=\"2\"/>\n",
                self.x,
                self.y - 5.0,
                self.x,
                self.y,
                self.x + 20.0,
                self.y
            ),
        );
        self.text(26.0, label);
    }

    fn dot(&mut self, label: &str) {
        self.room(16.0 + text_width(label));
        w(
            &mut self.svg,
            format_args!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4.5\" class=\"p50dot\"/>\n",
                self.x + 6.0,
                self.y
            ),
        );
        self.text(16.0, label);
    }
}

/// The start of a page titled `title`, up to the opening `<main>`; [`close_page`] ends it.
fn open_page(out: &mut String, title: &str) {
    w(
        out,
        format_args!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
            esc(title)
        ),
    );
}

fn close_page(out: &mut String) {
    out.push_str("</main>\n</body>\n</html>\n");
}

/// Runs of at least five consecutive days off, as half-open day-index ranges.
fn closed_runs(d: &ResultDocument) -> Vec<(usize, usize)> {
    let all_off = d.daily.iter().all(|day| !day.workday);
    if all_off {
        return Vec::new();
    }
    let mut runs = Vec::new();
    let mut i = 0;
    while i < d.daily.len() {
        if d.daily[i].workday {
            i += 1;
            continue;
        }
        let from = i;
        while i < d.daily.len() && !d.daily[i].workday {
            i += 1;
        }
        if i - from >= 5 {
            runs.push((from, i));
        }
    }
    runs
}

fn has_closed_periods(d: &ResultDocument) -> bool {
    !closed_runs(d).is_empty()
}

/// Due dates as (epoch day, label) for the red vertical lines of date charts.
fn due_labels<'a>(
    milestones: impl Iterator<Item = (&'a str, Option<&'a str>)>,
) -> Vec<(i64, String)> {
    milestones
        .filter_map(|(id, due)| {
            let due = due.and_then(parse_date)?;
            Some((due, format!("{id} due {}", fmt_epoch(due, false))))
        })
        .collect()
}

fn empty_svg(message: &str) -> String {
    format!(
        "<svg class=\"chart\" viewBox=\"0 0 960 60\" role=\"img\" aria-label=\"{m}\"><text x=\"480\" y=\"34\" text-anchor=\"middle\" class=\"muted\">{m}</text></svg>\n",
        m = esc(message)
    )
}

/// A round axis top at or above `max` and a step giving about five ticks.
fn nice_axis(max: f64) -> (f64, f64) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let step = if max >= 5.0 { step.max(1.0) } else { step };
    ((max / step).ceil() * step, step)
}

/// Approximate width of a label in the 12 px system font.
fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * 6.6
}

// ---------------------------------------------------------------------------------------------
// Dates, numbers and text.

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Monday 0 … Sunday 6.
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// An ISO `YYYY-MM-DD` date as days since 1970-01-01.
fn parse_date(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(days_from_civil(year, month, day))
}

/// "28 Dec 2023", or "28 Dec" without the year.
fn fmt_epoch(days: i64, with_year: bool) -> String {
    let (year, month, day) = civil_from_days(days);
    if with_year {
        format!("{day} {} {year}", MONTHS[(month - 1) as usize])
    } else {
        format!("{day} {}", MONTHS[(month - 1) as usize])
    }
}

/// An ISO date as "28 Dec 2023" (escaped as is when it does not parse).
fn long_date(iso: &str) -> String {
    parse_date(iso).map_or_else(|| esc(iso), |e| fmt_epoch(e, true))
}

fn opt_date(value: &Option<String>, missing: &str) -> String {
    value.as_deref().map_or(missing.to_string(), long_date)
}

fn pct(value: f64) -> String {
    crate::words::percent(value)
}

/// A table cell with an on-time probability, coloured by its grade, with a small bar.
fn on_time_cell(probability: Option<f64>, ci95: Option<[f64; 2]>) -> String {
    match probability {
        Some(p) => format!(
            "<td class=\"num {}\"><span class=\"bar\"><span style=\"width:{:.0}%\"></span></span>{}{}</td>",
            grade(p),
            p * 100.0,
            pct(p),
            ci95.map_or(String::new(), |[low, high]| format!(
                "<br><span class=\"small\" title=\"95% Wilson interval\">{}</span>",
                crate::words::percent_range(low, high)
            ))
        ),
        None => "<td class=\"num\">—</td>".to_string(),
    }
}

/// The class of an on-time probability.
fn grade(p: f64) -> &'static str {
    if p >= 0.8 {
        "good"
    } else if p >= 0.5 {
        "fair"
    } else {
        "poor"
    }
}

/// 1548 → "1,548".
fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Thousands separators for whole values, else up to two decimals.
fn thousands_f(value: f64) -> String {
    if value >= 0.0 && (value - value.round()).abs() < 1e-9 {
        thousands(value.round() as u64)
    } else {
        trim_float(value)
    }
}

/// Whole values with thousands separators and a sign: "+2,000", "−1,000" (a minus sign), "0".
fn signed_thousands(value: f64) -> String {
    let rounded = value.round();
    let digits = thousands(rounded.abs() as u64);
    if rounded > 0.0 {
        format!("+{digits}")
    } else if rounded < 0.0 {
        format!("\u{2212}{digits}")
    } else {
        digits
    }
}

/// 2.50 → "2.5", 30.0 → "30".
fn trim_float(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_string()
}

/// A file name quoted for a POSIX shell when it needs it.
fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./+:=@%".contains(c))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn w(out: &mut String, args: std::fmt::Arguments<'_>) {
    out.write_fmt(args).ok();
}

const CSS: &str = r#"
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f5f7; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 28px 36px 36px; background: #fff; }
.kicker { font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
h1 { font-size: 26px; line-height: 1.25; margin: 2px 0 4px; }
h2 { font-size: 19px; margin: 34px 0 4px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta { color: var(--muted); margin: 0; }
.summary { margin: 18px 0 16px; padding: 14px 18px; background: #eaf3fc; border-left: 5px solid var(--accent);
  border-radius: 4px; font-size: 16.5px; }
.summary p { margin: 0; }
.summary .label { display: block; margin-bottom: 4px; font-size: 12px; font-weight: 600; letter-spacing: .06em;
  text-transform: uppercase; color: var(--accent); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.card .v { font-size: 21px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .k { font-size: 12.5px; line-height: 1.3; color: var(--muted); }
.note { color: var(--muted); font-size: 13.5px; margin: 2px 0 10px; }
.small { font-size: 12.5px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; text-align: left; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
th.num, td.num { text-align: right; white-space: nowrap; }
table.kv th { width: 130px; }
table.milestones th, table.milestones td { padding: 6px 8px; }
table.milestones td:nth-child(n+3), table.milestones td:first-child { white-space: nowrap; }
.good { background: #d8f5df; color: #0f5323; }
.fair { background: #fff0c2; color: #5c4400; }
.poor { background: #ffdede; color: #8a1020; }
td.good, td.fair, td.poor { font-weight: 600; }
.bar { display: inline-block; width: 48px; height: 7px; margin-right: 8px; vertical-align: middle;
  background: rgba(0,0,0,.1); border-radius: 4px; overflow: hidden; }
.bar span { display: block; height: 100%; background: currentColor; }
.late { color: #a40e26; font-weight: 600; }
.early { color: #0f5323; }
.chip { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12.5px; margin-right: 6px; }
.legend-row { margin: 8px 0 0; }
.muted { color: var(--muted); }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 7px; border-radius: 2px; vertical-align: -1px; }
ol.ranking { margin: 4px 0 6px; padding-left: 22px; }
ol.ranking li { margin: 2px 0; }
.summary .rule { margin: 0; font-size: 13px; color: var(--muted); }
table.compare { table-layout: fixed; }
table.compare th:nth-child(1) { width: 20%; } table.compare th:nth-child(2),
table.compare th:nth-child(3), table.compare th:nth-child(4) { width: 12%; }
table.compare th:nth-child(5) { width: 13%; }
table.compare td { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
table.figures td:nth-child(-n+2) { white-space: nowrap; }
.chip.adds { background: #fbe0cc; color: #7a3a06; }
.chip.saves { background: #dbe7f8; color: #173f75; }
figure.why { margin: 0; }
figure.why figcaption { font-size: 14px; }
table.why { margin-bottom: 14px; }
table.why td:nth-child(-n+5) { white-space: nowrap; }
svg .endlabel { font-size: 12.5px; font-weight: 700; }
svg .white { fill: #fff; }
svg.chart { display: block; width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 12px; fill: #24292f; }
svg .tick { fill: #57606a; font-size: 11.5px; }
svg .tick.year { font-weight: 600; fill: #24292f; }
svg .axislabel { fill: #57606a; font-size: 12px; }
svg .legend { font-size: 12px; }
svg .muted { fill: #8c959f; }
svg .small { font-size: 11px; }
svg .grid { stroke: #e6e9ed; stroke-width: 1; }
svg .vgrid { stroke: #f0f2f4; stroke-width: 1; }
svg .axis { stroke: #8c959f; stroke-width: 1; }
svg .due { stroke: #c62828; stroke-width: 1.5; }
svg .zero { stroke: #24292f; stroke-width: 1.5; }
svg .duelabel { fill: #a31515; font-size: 11.5px; font-weight: 600; }
svg .target { stroke: #57606a; stroke-width: 1.2; stroke-dasharray: 6 4; }
svg .tlabel { fill: #3d444d; font-size: 11.5px; }
svg .halo { paint-order: stroke; stroke: #fff; stroke-width: 3.5px; stroke-linejoin: round; }
svg .p50dot { fill: #fff; stroke: #0b3d73; stroke-width: 2; }
svg .bracket { stroke: #24292f; stroke-width: 1.3; fill: none; }
svg .ontime { fill: #2da44e; }
svg .latebar { fill: #e8833a; }
svg .station { font-size: 13px; }
svg .bold { font-weight: 700; }
svg .inbar { font-size: 11.5px; font-weight: 600; }
svg .bottleneck { fill: none; stroke: #24292f; stroke-width: 2; }
svg .bottlenecklabel { font-weight: 700; font-size: 12.5px; }
svg .stripbg { fill: #f6f8fa; stroke: #d0d7de; stroke-width: .5; }
.hist-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px 24px; }
figure.hist { margin: 0; }
figure.hist figcaption { font-size: 14px; margin-bottom: 2px; }
footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; }
footer p { margin: 4px 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; background: #f6f8fa;
  padding: 2px 6px; border-radius: 3px; color: var(--ink); }
@media screen and (max-width: 760px) { .hist-grid { grid-template-columns: 1fr; } main { padding: 16px; } }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  section, figure { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in [-800_000, -1, 0, 1, 19_723, 20_000, 60_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2024-01-01"), Some(19_723));
        assert_eq!(weekday(19_723), 0, "2024-01-01 is a Monday");
        assert_eq!(fmt_epoch(19_722, true), "31 Dec 2023");
    }

    #[test]
    fn numbers() {
        assert_eq!(thousands(1548), "1,548");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(signed_thousands(2000.0), "+2,000");
        assert_eq!(signed_thousands(-1000.0), "\u{2212}1,000");
        assert_eq!(signed_thousands(-0.2), "0");
        assert_eq!(trim_float(2.5), "2.5");
        assert_eq!(trim_float(30.0), "30");
        assert_eq!(nice_axis(1548.0 * 1.05), (2000.0, 500.0));
        assert_eq!(nice_axis(7.0), (8.0, 2.0));
        assert_eq!(esc("<a href='x'>&"), "&lt;a href=&#39;x&#39;&gt;&amp;");
        assert_eq!(shell_word("examples/kaluga.toml"), "examples/kaluga.toml");
        assert_eq!(shell_word("my plant.toml"), "'my plant.toml'");
    }
}

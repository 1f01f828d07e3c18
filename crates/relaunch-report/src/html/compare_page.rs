//! The page of `relaunch compare` (`compare.html`): the ranking, each milestone side by side
//! with paired differences to the reference (the first variant), the cumulative output of every
//! variant in one chart, the other figures and how to reproduce the run. Same style and helpers
//! as the report.

use super::{
    DUE, Legend, PALETTE, Plot, band_of, close_page, due_labels, esc, long_date, nice_axis,
    on_time_cell, open_page, opt_date, parse_date, pct, shell_word, signed_thousands, text_width,
    thousands, thousands_f, w,
};
use crate::comparison::{CompareDocument, MilestoneDocument, VariantDocument, money};
use crate::document::FanDoc;
use std::collections::BTreeMap;

/// The comparison as a self-contained HTML page.
pub fn compare_html(document: &CompareDocument) -> String {
    ComparePage::new(document).html()
}

/// The comparison page under construction: the document plus the program version.
#[derive(Debug, Clone)]
pub struct ComparePage<'a> {
    document: &'a CompareDocument,
    version: Option<String>,
}

impl<'a> ComparePage<'a> {
    pub fn new(document: &'a CompareDocument) -> ComparePage<'a> {
        ComparePage {
            document,
            version: None,
        }
    }

    /// The version of relaunch shown in the footer.
    pub fn version(mut self, version: impl Into<String>) -> ComparePage<'a> {
        self.version = Some(version.into());
        self
    }

    /// The whole HTML file.
    pub fn html(&self) -> String {
        page(self.document, self.version.as_deref())
    }
}

fn page(document: &CompareDocument, version: Option<&str>) -> String {
    let mut out = String::with_capacity(128 * 1024);
    let names: Vec<&str> = document.variants.iter().map(|v| v.name.as_str()).collect();
    open_page(
        &mut out,
        &format!("{} — relaunch comparison", names.join(" vs ")),
    );
    header(&mut out, document);
    ranking(&mut out, document);
    milestones(&mut out, document);
    let frame = Frame::new(document);
    cumulative(&mut out, document, frame.as_ref());
    ahead(&mut out, document, frame.as_ref());
    figures(&mut out, document);
    footer(&mut out, document, version);
    close_page(&mut out);
    out
}

/// The colour of variant `index`: the report's palette without the red of due dates.
fn color(index: usize) -> &'static str {
    let colors: Vec<&str> = PALETTE.iter().copied().filter(|c| *c != DUE).collect();
    colors[index % colors.len()]
}

/// A small square of the variant's colour, as in the chart's legend.
fn swatch(index: usize) -> String {
    format!(
        "<span class=\"swatch\" style=\"background:{}\"></span>",
        color(index)
    )
}

fn header(out: &mut String, d: &CompareDocument) {
    let names: Vec<String> = d.variants.iter().map(|v| esc(&v.name)).collect();
    let title = match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    };
    w(
        out,
        format_args!(
            "<header>\n<div class=\"kicker\">relaunch · comparison of variants</div>\n\
             <h1>{title}</h1>\n<p class=\"meta\">{} variants · {} replications each · seed {} · \
             common random numbers: replication <i>i</i> of every variant draws the same random \
             streams, so differences are the variants', not chance's</p>\n</header>\n",
            d.variants.len(),
            thousands(d.replications),
            d.seed
        ),
    );
}

fn ranking(out: &mut String, d: &CompareDocument) {
    let shared = d.ranking_milestone.as_deref();
    out.push_str(
        "<section id=\"ranking\" class=\"summary\"><span class=\"label\">Ranking, best first</span>\n<ol class=\"ranking\">\n",
    );
    for warning in &d.warnings {
        w(
            out,
            format_args!("<p class=\"rule\">{}</p>\n", esc(warning)),
        );
    }
    for name in &d.ranking {
        let Some((index, v)) = d.variants.iter().enumerate().find(|(_, v)| &v.name == name) else {
            continue;
        };
        let mut facts = Vec::new();
        if let Some(id) = shared
            && let Some(m) = v.milestones.iter().find(|m| m.id == id)
        {
            let (label, date) = if d.rank_by == "p90" {
                ("P90", &m.p90)
            } else {
                ("P50", &m.p50)
            };
            facts.push(format!(
                "{} {label} <b>{}</b>",
                esc(id),
                opt_date(date, "not reached")
            ));
            if d.rank_by == "on-time"
                && let Some(p) = m.on_time_probability
            {
                facts.push(format!("{} on time {}", esc(id), pct(p)));
            }
        }
        if let Some(p) = v.mean_on_time() {
            facts.push(format!("mean on-time chance {}", pct(p)));
        }
        w(
            out,
            format_args!(
                "<li>{}<b>{}</b>{}{}</li>\n",
                swatch(index),
                esc(&v.name),
                if v.scenario != v.name {
                    format!(" <span class=\"muted\">({})</span>", esc(&v.scenario))
                } else {
                    String::new()
                },
                if facts.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", facts.join(" · "))
                }
            ),
        );
    }
    w(
        out,
        format_args!(
            "</ol>\n<p class=\"rule\">Reference: <b>{}</b> (the first file given, unless \
             <code>--reference</code> chose another). Rule: {}.</p></section>\n",
            esc(&d.reference),
            esc(&d.ranking_rule)
        ),
    );
}

/// Milestone ids: the first variant's, then any others in order of appearance.
fn milestone_ids(d: &CompareDocument) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for v in &d.variants {
        for m in &v.milestones {
            if !ids.contains(&m.id.as_str()) {
                ids.push(&m.id);
            }
        }
    }
    ids
}

fn milestones(out: &mut String, d: &CompareDocument) {
    out.push_str("<section id=\"milestones\">\n<h2>Milestones</h2>\n");
    let ids = milestone_ids(d);
    if ids.is_empty() {
        out.push_str("<p class=\"note\">The variants define no milestones.</p></section>\n");
        return;
    }
    let Some(first) = d.variants.first() else {
        out.push_str("</section>\n");
        return;
    };
    w(
        out,
        format_args!(
            "<p class=\"note\">P50/P90: the date by which half and 90% of the runs reach the \
             milestone. On time: share of runs reaching it by its due date. Difference: the mean, \
             run by run, of the days this variant reaches the milestone after <b>{}</b> (negative \
             = earlier), with its 95% confidence interval; \"unclear\" when the interval holds \
             zero: the variants cannot be told apart with this many replications.</p>\n",
            esc(&first.name)
        ),
    );
    for id in ids {
        let due = first
            .milestones
            .iter()
            .find(|m| m.id == id)
            .and_then(|m| m.due.as_deref());
        w(
            out,
            format_args!(
                "<h3>{}{}</h3>\n",
                esc(id),
                due.map_or(String::new(), |due| format!(
                    " <span class=\"muted\">· due {}</span>",
                    long_date(due)
                ))
            ),
        );
        out.push_str(
            "<table class=\"milestones compare\">\n<thead><tr><th>Variant</th><th>Due</th><th>P50</th>\
             <th>P90</th><th class=\"num\">On time</th><th>Paired difference (95% CI)</th>\
             </tr></thead>\n<tbody>\n",
        );
        for (index, v) in d.variants.iter().enumerate() {
            let Some(m) = v.milestones.iter().find(|m| m.id == id) else {
                w(
                    out,
                    format_args!(
                        "<tr><td>{}{}</td><td colspan=\"5\" class=\"muted\">has no milestone {}</td></tr>\n",
                        swatch(index),
                        esc(&v.name),
                        esc(id)
                    ),
                );
                continue;
            };
            w(
                out,
                format_args!(
                    "<tr><td>{}<b>{}</b></td><td>{}</td><td>{}</td><td>{}</td>{}<td>{}</td></tr>\n",
                    swatch(index),
                    esc(&v.name),
                    opt_date(&m.due, "—"),
                    opt_date(&m.p50, "not reached"),
                    opt_date(&m.p90, "not reached"),
                    on_time_cell(m.on_time_probability, None),
                    difference(index, m)
                ),
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str(
        "<p class=\"legend-row\"><span class=\"chip good\">≥ 80% on time</span>\
         <span class=\"chip fair\">50–80%</span><span class=\"chip poor\">&lt; 50%</span></p>\n",
    );
    out.push_str("</section>\n");
}

/// The paired difference cell of variant `index`.
fn difference(index: usize, m: &MilestoneDocument) -> String {
    if index == 0 {
        return "<span class=\"muted\">reference</span>".to_string();
    }
    let (Some(mean), Some([low, high])) = (m.difference_days, m.difference_ci95) else {
        return "—".to_string();
    };
    if low == 0.0 && high == 0.0 {
        return "same in every run".to_string();
    }
    let words = if high < 0.0 {
        format!(
            "<span class=\"early\">{} d earlier</span>",
            signed(-mean).trim_start_matches('+')
        )
    } else if low > 0.0 {
        format!(
            "<span class=\"late\">{} d later</span>",
            signed(mean).trim_start_matches('+')
        )
    } else {
        format!("{} d, unclear", signed(mean))
    };
    format!(
        "{words} <span class=\"muted\">({} … {})</span>",
        signed(low),
        signed(high)
    )
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

/// The first and last day (epoch days, half-open) of a variant's daily fan.
fn span(v: &VariantDocument) -> Option<(i64, i64)> {
    let doc = v.document.as_ref()?;
    let start = parse_date(&doc.start)?;
    Some((start, start + doc.daily.len() as i64))
}

/// What the charts over dates share, so that they line up one under the other: the first
/// variant's due dates, the dates covered by any variant or due date, every variant's
/// cumulative fan from zero at its start, and the names at the lines' right ends.
struct Frame {
    dues: Vec<(i64, String)>,
    x0: i64,
    x1: i64,
    /// Per variant: (end of day, cumulative good output), empty without daily figures.
    fans: Vec<Vec<(f64, FanDoc)>>,
    labels: Vec<String>,
    /// The right margin the end labels need.
    right: f64,
}

impl Frame {
    fn new(d: &CompareDocument) -> Option<Frame> {
        let first = d.variants.first()?;
        let spans: Vec<Option<(i64, i64)>> = d.variants.iter().map(span).collect();
        let dues = due_labels(
            first
                .milestones
                .iter()
                .map(|m| (m.id.as_str(), m.due.as_deref())),
        );
        let x0 = spans
            .iter()
            .flatten()
            .map(|s| s.0)
            .chain(dues.iter().map(|d| d.0))
            .min()?;
        let x1 = spans
            .iter()
            .flatten()
            .map(|s| s.1)
            .chain(dues.iter().map(|d| d.0 + 1))
            .max()?;
        let fans =
            d.variants
                .iter()
                .zip(&spans)
                .map(|(v, span)| {
                    let (Some(doc), Some((start, _))) = (&v.document, span) else {
                        return Vec::new();
                    };
                    let mut points = vec![(
                        *start as f64,
                        FanDoc {
                            p10: 0,
                            p50: 0,
                            p90: 0,
                        },
                    )];
                    points.extend(
                        doc.daily.iter().enumerate().map(|(i, day)| {
                            ((start + i as i64 + 1) as f64, day.cumulative.clone())
                        }),
                    );
                    points
                })
                .collect();
        // Each line is labelled at its right end; names longer than the margin are cut short.
        let labels: Vec<String> = d
            .variants
            .iter()
            .map(|v| {
                let name: String = v.name.chars().take(22).collect();
                if name.len() < v.name.len() {
                    format!("{name}…")
                } else {
                    name
                }
            })
            .collect();
        // The labels are bold and a little larger than the width estimate assumes.
        let right = labels
            .iter()
            .map(|l| text_width(l) * 1.2)
            .fold(0.0, f64::max)
            + 16.0;
        Some(Frame {
            dues,
            x0,
            x1,
            fans,
            labels,
            right,
        })
    }

    /// A chart over the frame's dates with `height` of plot below a legend ending at `top`.
    fn plot(&self, top: f64, height: f64, y0: f64, y1: f64) -> Plot {
        Plot {
            w: 960.0,
            h: height + top,
            left: 64.0,
            right: self.right,
            top,
            bottom: 44.0,
            x0: self.x0 as f64,
            x1: self.x1 as f64,
            y0,
            y1,
        }
    }

    /// Variant names at the lines' right ends (canvas coordinates), nudged apart vertically.
    fn end_labels(&self, svg: &mut String, mut ends: Vec<(f64, f64, usize)>) {
        ends.sort_by(|a, b| a.1.total_cmp(&b.1));
        let mut last_y = f64::NEG_INFINITY;
        for (x, y, index) in ends {
            let y = y.max(last_y + 14.0);
            last_y = y;
            w(
                svg,
                format_args!(
                    "<text x=\"{:.1}\" y=\"{:.1}\" class=\"endlabel halo\" fill=\"{}\">{}</text>\n",
                    x + 5.0,
                    y + 4.0,
                    color(index),
                    esc(&self.labels[index])
                ),
            );
        }
    }
}

fn cumulative(out: &mut String, d: &CompareDocument, frame: Option<&Frame>) {
    out.push_str("<section id=\"cumulative\">\n<h2>Cumulative good output</h2>\n");
    let Some(first) = d.variants.first() else {
        out.push_str("</section>\n");
        return;
    };
    w(
        out,
        format_args!(
            "<p class=\"note\">Good units built since each variant's start, at the end of each day: \
             the line is the median run, the light band holds 80% of the runs (P10–P90). Red lines \
             are the due dates of <b>{}</b>'s milestones.</p>\n",
            esc(&first.name)
        ),
    );
    let Some(frame) = frame else {
        out.push_str(&super::empty_svg("no daily figures in this comparison"));
        out.push_str("</section>\n");
        return;
    };
    let max = d
        .variants
        .iter()
        .filter_map(|v| v.document.as_ref())
        .flat_map(|doc| doc.daily.iter().map(|day| day.cumulative.p90))
        .max()
        .unwrap_or(0);
    let (y_top, y_step) = nice_axis(max as f64 * 1.05);
    let mut legend = Legend::new(64.0, 14.0, 944.0);
    for (index, v) in d.variants.iter().enumerate() {
        let color = color(index);
        legend.series(color, &band_of(color), &v.name);
    }
    legend.line(DUE, "due date", false);
    let plot = frame.plot(legend.bottom() + 12.0, 400.0, 0.0, y_top);
    let mut svg = String::new();
    plot.open(
        &mut svg,
        "Cumulative good output of every variant over time, P10 to P90 bands and medians",
    );
    svg.push_str(&legend.svg);
    plot.y_grid(&mut svg, y_step, "good units, cumulative", thousands_f);
    plot.time_axis(&mut svg);
    // Bands first, lightly, then every median on top of all bands.
    for (index, points) in frame.fans.iter().enumerate() {
        plot.fan_band(&mut svg, points, &band_of(color(index)), 0.4, None);
    }
    for (index, points) in frame.fans.iter().enumerate() {
        plot.fan_median(&mut svg, points, color(index), None);
    }
    plot.due_lines(&mut svg, &frame.dues);
    let ends = frame
        .fans
        .iter()
        .enumerate()
        .filter_map(|(index, points)| {
            let (x, f) = points.last()?;
            Some((plot.x(*x), plot.y(f.p50 as f64), index))
        })
        .collect();
    frame.end_labels(&mut svg, ends);
    svg.push_str("</svg>\n");
    out.push_str(&svg);
    out.push_str("</section>\n");
}

/// Each variant's median cumulative output minus the first variant's, on the dates both have
/// a figure for: the gap the overlaid fans are too coarse to show.
fn ahead(out: &mut String, d: &CompareDocument, frame: Option<&Frame>) {
    let (Some(first), Some(frame)) = (d.variants.first(), frame) else {
        return;
    };
    if d.variants.len() < 2 {
        return;
    }
    let name = esc(&first.name);
    w(
        out,
        format_args!(
            "<section id=\"ahead\">\n<h3>Ahead of or behind {name}</h3>\n\
             <p class=\"note\">Units ahead (+) or behind (−) <b>{name}</b> on each date, median \
             runs: a variant's P50 cumulative good output minus <b>{name}</b>'s, on the dates both \
             have figures for.</p>\n"
        ),
    );
    let reference: BTreeMap<i64, f64> = frame.fans[0]
        .iter()
        .map(|(x, f)| (*x as i64, f.p50 as f64))
        .collect();
    let lines: Vec<Vec<(f64, f64)>> = frame
        .fans
        .iter()
        .map(|points| {
            points
                .iter()
                .filter_map(|(x, f)| {
                    let r = reference.get(&(*x as i64))?;
                    Some((*x, f.p50 as f64 - r))
                })
                .collect()
        })
        .collect();
    let values = || lines[1..].iter().flatten().map(|p| p.1);
    let low = values().fold(0.0, f64::min);
    let high = values().fold(0.0, f64::max);
    // A round step, and at least one step of room beyond the furthest line on either side.
    let range = (high - low).max(10.0);
    let (_, step) = nice_axis(range);
    let y0 = ((low - range * 0.05) / step).floor() * step;
    let y1 = ((high + range * 0.05) / step).ceil() * step;
    let mut legend = Legend::new(64.0, 14.0, 944.0);
    legend.line(
        color(0),
        &format!("{} (reference, zero)", first.name),
        false,
    );
    for (index, v) in d.variants.iter().enumerate().skip(1) {
        legend.line(color(index), &v.name, false);
    }
    legend.line(DUE, "due date", false);
    let plot = frame.plot(legend.bottom() + 12.0, 280.0, y0, y1);
    let mut svg = String::new();
    plot.open(
        &mut svg,
        &format!(
            "Median cumulative good output of each variant minus {}'s, by date",
            first.name
        ),
    );
    svg.push_str(&legend.svg);
    plot.y_grid(
        &mut svg,
        step,
        "units ahead (+) / behind (−)",
        signed_thousands,
    );
    plot.time_axis(&mut svg);
    // The zero line across the chart; the reference on it, thick, over the dates it covers.
    let zero = plot.y(0.0);
    w(
        &mut svg,
        format_args!(
            "<line x1=\"{:.1}\" y1=\"{zero:.1}\" x2=\"{:.1}\" y2=\"{zero:.1}\" class=\"zero\"/>\n",
            plot.left,
            plot.w - plot.right
        ),
    );
    let reference_end = match (lines[0].first(), lines[0].last()) {
        (Some((from, _)), Some((to, _))) => {
            w(
                &mut svg,
                format_args!(
                    "<line x1=\"{:.1}\" y1=\"{zero:.1}\" x2=\"{:.1}\" y2=\"{zero:.1}\" stroke=\"{}\" stroke-width=\"4\"/>\n",
                    plot.x(*from),
                    plot.x(*to),
                    color(0)
                ),
            );
            plot.x(*to)
        }
        _ => plot.w - plot.right,
    };
    plot.due_lines(&mut svg, &frame.dues);
    for (index, points) in lines.iter().enumerate().skip(1) {
        plot.line(&mut svg, points, color(index), Some(1.5));
    }
    let mut ends = vec![(reference_end, zero, 0)];
    ends.extend(
        lines
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(index, points)| {
                let (x, y) = points.last()?;
                Some((plot.x(*x), plot.y(*y), index))
            }),
    );
    frame.end_labels(&mut svg, ends);
    svg.push_str("</svg>\n</section>\n");
    out.push_str(&svg);
}

fn figures(out: &mut String, d: &CompareDocument) {
    out.push_str("<section id=\"figures\">\n<h2>Other figures</h2>\n");
    w(
        out,
        format_args!(
            "<p class=\"note\">Means over the runs. Throughput: {}. Kit \
             stock-out days: workdays on which a planned start waited for a kit. Localization: \
             the first date the localization threshold is met. Kit spend: units released × kit \
             price within the horizon.</p>\n",
            crate::words::THROUGHPUT_UNIT
        ),
    );
    out.push_str(
        "<table class=\"figures\">\n<thead><tr><th>Variant</th><th>Starts</th><th class=\"num\">Good units per scheduled hour</th>\
         <th class=\"num\">Kit stock-out days</th><th>Localization threshold met</th>\
         <th class=\"num\">Kit spend</th><th>Report</th></tr></thead>\n<tbody>\n",
    );
    for (index, v) in d.variants.iter().enumerate() {
        let start = v
            .document
            .as_ref()
            .map_or("—".to_string(), |doc| long_date(&doc.start));
        let spend = v.kit_spend.map_or("—".to_string(), |spend| {
            esc(&money(spend, v.kit_spend_currency.as_deref()))
        });
        let report = if v.document.is_some() {
            format!(
                "<a href=\"{}\">open</a>",
                esc(&href(&format!("{}.report.html", v.name)))
            )
        } else {
            "—".to_string()
        };
        w(
            out,
            format_args!(
                "<tr><td>{}<b>{}</b></td><td>{}</td><td class=\"num\">{:.2}</td><td class=\"num\">{}</td>\
                 <td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                swatch(index),
                esc(&v.name),
                start,
                v.throughput_per_hour,
                crate::words::count(v.kit_stockout_days),
                if v.has_localization {
                    opt_date(&v.localization_first_meets, "not within the horizon")
                } else {
                    "—".to_string()
                },
                spend,
                report
            ),
        );
    }
    out.push_str("</tbody>\n</table>\n");
    out.push_str(
        "<p class=\"note small\">Each variant's full report is written beside this page by \
         <code>--out</code>.</p>\n</section>\n",
    );
}

/// A relative link to a file name: percent-encodes everything but unreserved characters.
fn href(name: &str) -> String {
    let mut out = String::new();
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn footer(out: &mut String, d: &CompareDocument, version: Option<&str>) {
    let files: Vec<String> = d.variants.iter().map(|v| shell_word(&v.file)).collect();
    let command = format!(
        "relaunch compare {} --seed {} --replications {} --out DIR",
        files.join(" "),
        d.seed,
        d.replications
    );
    w(
        out,
        format_args!(
            "<footer>\n<p>relaunch{} · The same scenarios, seed and number of replications give \
             the same figures on any machine and at any thread count. To reproduce:</p>\n\
             <p><code>{}</code></p>\n</footer>\n",
            version.map_or(String::new(), |v| format!(" {}", esc(v))),
            esc(&command)
        ),
    );
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

    #[test]
    fn variant_colours_avoid_the_due_red() {
        for i in 0..12 {
            assert_ne!(color(i), DUE);
        }
    }
}

//! The files the charts are drawn with in the browser, for every page that shows a chart: the
//! report inlines them (one self-contained offline file), the dashboard serves them as static
//! files. `CHARTS_JS` draws a [`crate::charts::ChartSpec`] with uPlot: call
//! `RelaunchCharts.renderAll(document)` once the page is loaded (it finds every element of class
//! `rc-chart` holding a `<script type="application/json" class="rc-spec">`), or
//! `RelaunchCharts.render(element, spec)` with a spec fetched as JSON.

/// uPlot's script (an IIFE defining the global `uPlot`), vendored from npm.
pub const UPLOT_JS: &str = include_str!("../assets/vendor/uplot/uPlot.iife.min.js");

/// uPlot's style sheet.
pub const UPLOT_CSS: &str = include_str!("../assets/vendor/uplot/uPlot.min.css");

/// uPlot's licence (MIT), to serve beside it.
pub const UPLOT_LICENSE: &str = include_str!("../assets/vendor/uplot/LICENSE");

/// The vendored uPlot's version.
pub const UPLOT_VERSION: &str = "1.6.32";

/// uPlot's script as a page inlines it: its first line, a banner naming its repository by
/// address, replaced by its copyright and licence, so that a page names no address at all.
pub fn uplot_js_inline() -> String {
    let body = UPLOT_JS.split_once('\n').map_or(UPLOT_JS, |(_, body)| body);
    format!("/*! uPlot {UPLOT_VERSION}, (c) 2022 Leon Sorokin, MIT License */\n{body}")
}

/// The one hand-written script that draws chart specs (global `RelaunchCharts`).
pub const CHARTS_JS: &str = include_str!("../assets/relaunch-charts.js");

/// The style of the charts' containers, legends and hover readouts.
pub const CHARTS_CSS: &str = include_str!("../assets/relaunch-charts.css");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scripts_can_be_inlined() {
        // Inside a <script> element, "</script" or "<!--" would end or confuse it.
        for script in [UPLOT_JS, CHARTS_JS] {
            let lower = script.to_ascii_lowercase();
            assert!(!lower.contains("</script") && !lower.contains("<!--"));
        }
        assert!(UPLOT_JS.contains(&format!("(v{UPLOT_VERSION})")));
        let inline = uplot_js_inline();
        assert!(!inline.contains("http") && inline.contains("MIT License"));
        assert!(inline.ends_with(UPLOT_JS.split_once('\n').unwrap().1));
        for css in [UPLOT_CSS, CHARTS_CSS] {
            assert!(!css.to_ascii_lowercase().contains("</style"));
            assert!(!css.contains("@import") && !css.contains("url("));
        }
    }
}

//! What the page tests share: reading the chart specs back out of a page, and the check that a
//! page loads nothing from the network.

#![allow(dead_code)]

use relaunch_report::assets;
use relaunch_report::charts::ChartSpec;

const SPEC_OPEN: &str = "<script type=\"application/json\" class=\"rc-spec\">";

/// Every chart spec in `html`, in page order.
pub fn specs(html: &str) -> Vec<ChartSpec> {
    html.split(SPEC_OPEN)
        .skip(1)
        .map(|rest| {
            let json = &rest[..rest.find("</script>").expect("spec closed")];
            serde_json::from_str(json).unwrap_or_else(|e| panic!("a spec that reads back: {e}"))
        })
        .collect()
}

/// The spec of id `id` in `html`.
pub fn spec(html: &str, id: &str) -> ChartSpec {
    specs(html)
        .into_iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no chart {id}"))
}

/// Self-contained and offline: the only scripts are inline (uPlot, the chart script, the call
/// that draws, and the specs as JSON data), no element or style sheet names another resource,
/// and no script opens a connection.
pub fn assert_offline(html: &str) {
    assert!(html.contains("<style>"));
    let mut inline = 0;
    for tag in html.split("<script").skip(1) {
        let head = &tag[..tag.find('>').expect("tag closed")];
        assert!(
            head.is_empty() || head == " type=\"application/json\" class=\"rc-spec\"",
            "a script with attributes: <script{head}>"
        );
        inline += usize::from(head.is_empty());
    }
    if html.contains(SPEC_OPEN) {
        assert_eq!(
            inline, 3,
            "uPlot, relaunch-charts.js and the call that draws"
        );
        assert!(html.contains(&assets::uplot_js_inline()) && html.contains(assets::CHARTS_JS));
        assert!(html.contains(assets::UPLOT_CSS));
    } else {
        assert_eq!(inline, 0, "no scripts on a page without charts");
    }
    for bad in [
        "<link",
        "<iframe",
        "<img",
        "<object",
        "<embed",
        "<audio",
        "<video",
        "@import",
        "url(",
        " src=",
        " srcset=",
        "fetch(",
        "XMLHttpRequest",
        "WebSocket",
        "EventSource",
        "sendBeacon",
        "import(",
    ] {
        assert!(!html.contains(bad), "found {bad}");
    }
    for bad in ["http://", "https://", "href=\"//"] {
        assert!(!html.contains(bad), "found {bad}");
    }
}

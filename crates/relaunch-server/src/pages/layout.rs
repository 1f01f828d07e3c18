//! The shell of every dashboard page: the navigation (Programmes · Compare · New programme ·
//! API · API browser, and the token field), the style sheets and scripts served under
//! `/assets/`, and the message area the script writes to.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde::Serialize;

use super::assets::url;

/// The navigation entry of the page shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Programmes,
    Compare,
    New,
    None,
}

/// A whole page titled `title` around `body`. Its charts (elements of class `rc-chart`) are
/// drawn by `relaunch-charts.js` once the page has loaded.
pub fn shell(title: &str, nav: Nav, body: Markup) -> String {
    let link = |target: Nav, href: &str, text: &str| {
        html! {
            a href=(href) class=[(nav == target).then_some("active")] { (text) }
        }
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — relaunch" }
                // No icon: the browser asks for none (a /favicon.ico would be a 404).
                link rel="icon" href="data:,";
                @for file in ["report.css", "uplot.css", "relaunch-charts.css", "dashboard.css"] {
                    link rel="stylesheet" href=(url(file));
                }
            }
            body {
                nav.topnav {
                    a.brand href="/" { "relaunch" }
                    (link(Nav::Programmes, "/", "Programmes"))
                    (link(Nav::Compare, "/compare", "Compare"))
                    (link(Nav::New, "/new", "New programme"))
                    a href="/api/v1/programmes" { "API" }
                    a href="/api/v1/docs/" { "API browser" }
                    form #token-form.token autocomplete="off" {
                        label for="token" { "Token" }
                        input #token type="password" name="token" size="18"
                            placeholder="for changes and runs";
                        button type="submit" { "Save" }
                        span #token-state.small {}
                    }
                }
                div #message.message hidden {}
                main {
                    noscript {
                        p.note.late {
                            "The charts and buttons of this page need JavaScript, which is \
                             switched off: the tables hold the figures."
                        }
                    }
                    (body)
                }
                @for file in ["uplot.js", "relaunch-charts.js", "dashboard.js"] {
                    script src=(url(file)) {}
                }
            }
        }
    }
    .into_string()
        + "\n"
}

/// What the script needs to know of a page, as JSON in `<script id="page-data">`.
pub fn page_data(data: &impl Serialize) -> Markup {
    let json = serde_json::to_string(data)
        .unwrap_or_else(|_| "{}".to_string())
        // Inside <script>, "</" or "<!--" could end or confuse the element; `<` appears in
        // JSON only inside strings, where `\u003c` means the same.
        .replace('<', "\\u003c");
    html! {
        script #page-data type="application/json" { (PreEscaped(json)) }
    }
}

/// A progress bar with its label, driven by the script from a job's events.
pub fn progress(id: &str) -> Markup {
    html! {
        div.progress id=(id) hidden {
            progress max="1" value="0" {}
            span.small.progress-label {}
            button.cancel type="button" title="Stop the run (DELETE the job): nothing is stored" { "Cancel" }
        }
    }
}

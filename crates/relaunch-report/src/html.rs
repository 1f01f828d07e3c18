//! The self-contained HTML pages: the forecast report (`report.html`) and the comparison page
//! (`compare.html`). One file each, with everything inline: the style sheet, the chart
//! specifications as JSON, uPlot and `relaunch-charts.js` (`crate::assets`) that draw them.
//! Nothing is loaded from the network; without JavaScript the tables still hold the figures.
//!
//! A page is rendered in three steps: a typed view (`crate::view`) is built from the documents,
//! the chart builders (`crate::charts`) turn it into [`ChartSpec`]s, and maud templates
//! (`report_page`, `report_inputs`, `why_section`, `compare_page`) write the page, each chart as
//! an element holding its spec (`layout::chart`). maud escapes every text it writes; user
//! strings reach it as [`escape::UserText`], their invisible characters shown, and the specs'
//! JSON is made safe by [`ChartSpec::to_json`]. [`Report::charts`] and [`ComparePage::charts`]
//! give the same specs to a server that draws them elsewhere.
//!
//! Top to bottom the report has: title and the "no time to read?" paragraph, key figures, the
//! milestone table, with a programme its Gantt chart, task table and risk tornado, the fan of
//! cumulative good output with due dates and targets, the distribution of each milestone's
//! date, station states, kit stock, the daily output fan, the key inputs and how to reproduce
//! the run.
//!
//! [`report_html`] needs only the result document. [`Report`] can be told more: the scenario
//! (then cumulative targets and rate targets are drawn), a "why late" analysis (then a section
//! splits each milestone's delay over its causes), the program version and the scenario file
//! for the reproduce line.

use maud::Markup;
use relaunch_core::Scenario;
use relaunch_core::model::MilestoneKind;

use crate::charts::ChartSpec;
use crate::comparison::CompareDocument;
use crate::document::ResultDocument;
use crate::view::compare::CompareView;
use crate::view::report::{ReportView, WhyView};
use crate::why::WhyDocument;

mod compare_page;
mod cost_section;
pub mod escape;
pub(crate) mod layout;
mod programme_section;
mod report_inputs;
mod report_page;
pub mod study;
mod why_section;

pub use escape::esc;

/// The report of `document` with what the document alone tells.
pub fn report_html(document: &ResultDocument) -> String {
    Report::new(document).html()
}

/// The comparison as a self-contained HTML page.
pub fn compare_html(document: &CompareDocument) -> String {
    ComparePage::new(document).html()
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
    overrides: Vec<String>,
    why: Option<&'a WhyDocument>,
}

impl<'a> Report<'a> {
    pub fn new(document: &'a ResultDocument) -> Report<'a> {
        Report {
            document,
            targets: Vec::new(),
            version: env!("CARGO_PKG_VERSION").to_string(),
            scenario_file: None,
            overrides: Vec::new(),
            why: None,
        }
    }

    /// Takes the milestones' targets from the scenario the document was made from.
    pub fn scenario(mut self, scenario: &Scenario) -> Report<'a> {
        self.targets = scenario
            .milestones
            .iter()
            .filter_map(|m| {
                let target = match m.kind {
                    MilestoneKind::Cumulative { units } => Target::Cumulative(units),
                    MilestoneKind::Rate { per_day, window } => Target::Rate { per_day, window },
                    // A task's finish has no output target to draw on the fan.
                    MilestoneKind::Task { .. } => return None,
                };
                Some((m.id.clone(), target))
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
    /// The `--set` overrides the run was made with, for the command that reproduces it.
    pub fn overrides(mut self, items: &[String]) -> Report<'a> {
        self.overrides = items.to_vec();
        self
    }

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

    fn view(&self) -> ReportView<'_> {
        ReportView::new(
            self.document,
            &self.targets,
            self.why,
            &self.version,
            self.scenario_file.as_deref(),
            &self.overrides,
        )
    }

    /// The whole HTML file.
    pub fn html(&self) -> String {
        report_page::render(&self.view())
    }

    /// The report's charts in page order, as the page draws them.
    pub fn charts(&self) -> Vec<ChartSpec> {
        report_page::charts(&self.view())
    }

    /// The report's sections without the page around them (the content of its `<main>`), for
    /// a page with a shell of its own that loads [`PAGE_CSS`] and the chart scripts.
    pub fn body(&self) -> Markup {
        report_page::body(&self.view())
    }
}

/// The style sheet every page inlines, for a page that serves it as a file.
pub const PAGE_CSS: &str = layout::CSS;

/// The "Why late" section of `why` alone, as the report shows it after its milestone table.
pub fn why_section(why: &WhyDocument) -> Markup {
    why_section::section(&WhyView::new(why))
}

/// The comparison page under construction: the document plus the program version.
#[derive(Debug, Clone)]
pub struct ComparePage<'a> {
    document: &'a CompareDocument,
    version: Option<String>,
    report_links: bool,
}

impl<'a> ComparePage<'a> {
    pub fn new(document: &'a CompareDocument) -> ComparePage<'a> {
        ComparePage {
            document,
            version: None,
            report_links: true,
        }
    }

    /// Leaves out the links to each variant's `NAME.report.html` (which `compare --out` writes
    /// beside the page): for a page shown where those files are not.
    pub fn without_report_links(mut self) -> ComparePage<'a> {
        self.report_links = false;
        self
    }

    fn view(&self) -> CompareView<'a> {
        let mut view = CompareView::new(self.document, self.version.as_deref());
        view.report_links = self.report_links;
        view
    }

    /// The version of relaunch shown in the footer.
    pub fn version(mut self, version: impl Into<String>) -> ComparePage<'a> {
        self.version = Some(version.into());
        self
    }

    /// The whole HTML file.
    pub fn html(&self) -> String {
        compare_page::render(&self.view())
    }

    /// The page's charts in page order, as the page draws them.
    pub fn charts(&self) -> Vec<ChartSpec> {
        compare_page::charts(&self.view())
    }

    /// The page's sections without the page around them (the content of its `<main>`).
    pub fn body(&self) -> Markup {
        compare_page::body(&self.view())
    }
}

//! The view of the comparison page.

use jiff::civil::Date;

use super::format::{read_date, shell_word};
use crate::comparison::{CompareDocument, MilestoneDocument, VariantDocument};
use crate::html::escape::UserText;

/// Everything the comparison page shows.
#[derive(Debug, Clone)]
pub struct CompareView<'a> {
    pub document: &'a CompareDocument,
    pub variants: Vec<VariantView<'a>>,
    /// Milestone ids: the first variant's, then any others in order of appearance.
    pub milestone_ids: Vec<UserText>,
    pub reference: UserText,
    pub ranking_rule: UserText,
    pub ranking_milestone: Option<UserText>,
    pub warnings: Vec<UserText>,
    pub version: Option<UserText>,
    /// The command that reproduces the comparison.
    pub reproduce: UserText,
    /// Whether each variant links its `NAME.report.html` (beside the page in `compare --out`;
    /// a server that keeps no such files leaves them out).
    pub report_links: bool,
}

/// One variant.
#[derive(Debug, Clone)]
pub struct VariantView<'a> {
    pub document: &'a VariantDocument,
    pub name: UserText,
    pub scenario: UserText,
    /// The first day of its horizon, when its daily figures are there.
    pub start: Option<Date>,
    pub localization_first_meets: Option<Date>,
    pub milestones: Vec<CompareMilestoneView<'a>>,
}

/// One milestone of one variant.
#[derive(Debug, Clone)]
pub struct CompareMilestoneView<'a> {
    pub document: &'a MilestoneDocument,
    pub id: UserText,
    pub due: Option<Date>,
    pub p50: Option<Date>,
    pub p90: Option<Date>,
}

impl<'a> CompareView<'a> {
    pub fn new(document: &'a CompareDocument, version: Option<&str>) -> CompareView<'a> {
        let variants: Vec<VariantView> = document
            .variants
            .iter()
            .map(|v| VariantView {
                document: v,
                name: UserText::new(&v.name),
                scenario: UserText::new(&v.scenario),
                start: v.document.as_ref().and_then(|doc| read_date(&doc.start)),
                localization_first_meets: v.localization_first_meets.as_deref().and_then(read_date),
                milestones: v
                    .milestones
                    .iter()
                    .map(|m| CompareMilestoneView {
                        document: m,
                        id: UserText::new(&m.id),
                        due: m.due.as_deref().and_then(read_date),
                        p50: m.p50.as_deref().and_then(read_date),
                        p90: m.p90.as_deref().and_then(read_date),
                    })
                    .collect(),
            })
            .collect();
        let mut milestone_ids: Vec<UserText> = Vec::new();
        for v in &variants {
            for m in &v.milestones {
                if !milestone_ids.contains(&m.id) {
                    milestone_ids.push(m.id.clone());
                }
            }
        }
        let files: Vec<String> = document
            .variants
            .iter()
            .map(|v| shell_word(&v.file))
            .collect();
        let reproduce = format!(
            "relaunch compare {} --seed {} --replications {} --out DIR",
            files.join(" "),
            document.seed,
            document.replications
        );
        CompareView {
            document,
            variants,
            milestone_ids,
            reference: UserText::new(&document.reference),
            ranking_rule: UserText::new(&document.ranking_rule),
            ranking_milestone: document.ranking_milestone.as_deref().map(UserText::new),
            warnings: document.warnings.iter().map(|w| UserText::new(w)).collect(),
            version: version.map(UserText::new),
            reproduce: UserText::new(&reproduce),
            report_links: true,
        }
    }
}

impl VariantView<'_> {
    /// Its milestone `id`, if it has one.
    pub fn milestone(&self, id: &UserText) -> Option<&CompareMilestoneView<'_>> {
        self.milestones.iter().find(|m| m.id == *id)
    }
}

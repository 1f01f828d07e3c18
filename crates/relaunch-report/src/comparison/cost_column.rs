//! The cost column of the compared variants: headed for what it holds. "cost" when every
//! variant has `[costs]` (the P50 total), "kit spend" when none has (units released × kit
//! price), and in a mixed table "cost or (kit spend)" with the kit spends in brackets, so that
//! no figure can be taken for the other.

use super::{VariantDocument, money};

/// What the cost column of a comparison holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostColumn {
    /// Every variant has `[costs]`: P50 totals.
    Cost,
    /// No variant has `[costs]`: kit spends.
    KitSpend,
    /// Some have: totals, and kit spends in brackets.
    Mixed,
}

impl CostColumn {
    /// The column of `variants`.
    pub fn of(variants: &[VariantDocument]) -> CostColumn {
        let with_costs = variants.iter().filter(|v| v.cost.is_some()).count();
        if with_costs == variants.len() {
            CostColumn::Cost
        } else if with_costs == 0 {
            CostColumn::KitSpend
        } else {
            CostColumn::Mixed
        }
    }

    /// The heading, in lower case.
    pub fn heading(self) -> &'static str {
        match self {
            CostColumn::Cost => "cost",
            CostColumn::KitSpend => "kit spend",
            CostColumn::Mixed => "cost or (kit spend)",
        }
    }

    /// The cell of `variant`: its P50 total cost, else its kit spend (in brackets in a mixed
    /// table), else "—".
    pub fn cell(self, variant: &VariantDocument) -> String {
        match (&variant.cost, variant.kit_spend) {
            (Some(cost), _) => money(cost.total_p50 as f64, cost.currency.as_deref()),
            (None, Some(spend)) => {
                let spend = money(spend, variant.kit_spend_currency.as_deref());
                if self == CostColumn::Mixed {
                    format!("({spend})")
                } else {
                    spend
                }
            }
            (None, None) => "—".to_string(),
        }
    }

    /// What the column means, as a sentence for the note under the table.
    pub fn meaning(self) -> &'static str {
        match self {
            CostColumn::Cost => {
                "cost: the P50 total cost over the horizon (labour, fixed, kits paid on \
                 arrival, carrying) under every variant's [costs]."
            }
            CostColumn::KitSpend => {
                "kit spend: no variant has [costs]; units released × kit price within the \
                 horizon."
            }
            CostColumn::Mixed => {
                "cost or (kit spend): the P50 total cost over the horizon (labour, fixed, kits \
                 paid on arrival, carrying) where the variant has [costs]; in brackets, where \
                 it has none, only its kit spend (units released × kit price within the \
                 horizon), which is not comparable with a total cost."
            }
        }
    }
}

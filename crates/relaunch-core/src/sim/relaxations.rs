//! Relaxations: parts of the model turned off ("why late", tests), each as a transform of the
//! scenario applied before the run rather than as a check in the event loop.

use crate::model::{LearningModel, Scenario};

/// The options that turn parts of the model off, for "why late" and for tests.
///
/// Each is applied as a transform of the scenario ([`Relaxations::apply`]) before the run, never
/// as a check in the event loop: every part of the model draws from its own streams, so
/// removing a part leaves every other draw as it was, and the relaxed run is byte-identical to
/// one that switched the part off in the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Relaxations {
    /// Kits unlimited and on hand.
    pub supply: bool,
    /// Every hire on its planned date, trained for the planned time (within the training
    /// places), no attrition, no absence.
    pub staffing: bool,
    /// No breakdowns.
    pub equipment: bool,
    /// First-pass yield 1.
    pub quality: bool,
    /// Standard cycle times from the first unit.
    pub learning: bool,
    /// Every task at its optimistic duration ([`crate::dist::Dist::optimistic_secs`]), no risk.
    pub programme: bool,
}

impl Relaxations {
    /// Whether nothing is relaxed.
    pub fn is_none(&self) -> bool {
        *self == Relaxations::default()
    }

    /// The scenario with these parts of the model turned off.
    ///
    /// - **supply**: products need no kit, and kits keep their initial stock but lose their
    ///   orders and shipments. Nothing is drawn from the kit stream, no delivery is scheduled, and
    ///   the end-of-day stock reported is the initial stock, as before. (Removing the kits
    ///   themselves would drop their stock from the outcome.)
    /// - **staffing**: no attrition and no absenteeism. Hires, training, the training places
    ///   and the replacement lead time are the plan's and stay; without leavers nobody is
    ///   replaced, so nothing is drawn from the replacements' or the absence stream.
    ///   The calendar's shift phases are the plan and are never relaxed: staffing relaxed runs
    ///   the planned shifts, never more.
    /// - **equipment**: no station fails. Failure draws come from per-station failure streams,
    ///   so cycle times and every other draw are unchanged; crews stay, unused.
    /// - **quality**: no first-pass yield, so nothing is inspected and the quality stream, used
    ///   only there, is not drawn. A yield drop of a risk that occurred still lowers the yield
    ///   (from 1) on its days: risks are the programme's.
    /// - **learning**: no learning model (standard cycle times from the first unit), and a
    ///   yield curve pinned at its mature value: `mature − (mature − mature) · gap` is exactly
    ///   `mature`, as the mature yield of an open gap of 0 was before. The quality stream is
    ///   drawn as before.
    /// - **programme**: every task takes its optimistic duration, a constant (the minimum of a
    ///   bounded distribution, the 5th percentile of an unbounded one: what a manager could
    ///   achieve, not the ideal of 0 days), and the risk register is empty, so no risk occurs;
    ///   the anchored dates follow the tasks in each replication as before.
    pub fn apply(&self, scenario: &Scenario) -> Scenario {
        let mut relaxed = scenario.clone();
        if self.supply {
            for product in &mut relaxed.products {
                product.kit = None;
            }
            for kit in &mut relaxed.kits {
                kit.orders.clear();
                kit.shipments.clear();
            }
        }
        if self.staffing
            && let Some(workforce) = &mut relaxed.workforce
        {
            // What a manager can achieve: every hire on its planned date, trained for the
            // planned time, staying and at work. Nobody works before the plan says they can
            // (training places and recruiting lead times are plan decisions).
            workforce.attrition_per_year = 0.0;
            workforce.absenteeism = 0.0;
        }
        if self.equipment {
            for station in &mut relaxed.stations {
                station.failure = None;
            }
        }
        if self.quality {
            relaxed.learning.first_pass_yield = None;
        }
        if self.learning {
            relaxed.learning.model = LearningModel::None;
            if let Some(yield_curve) = &mut relaxed.learning.first_pass_yield {
                yield_curve.initial = yield_curve.mature;
            }
        }
        if self.programme {
            for task in &mut relaxed.programme.tasks {
                if let Ok(optimistic) = crate::dist::Dist::constant(task.duration.optimistic_secs())
                {
                    task.duration = optimistic;
                }
            }
            relaxed.programme.risks.clear();
        }
        relaxed
    }
}

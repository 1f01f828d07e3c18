//! Calibration: what the actuals can tell about the scenario's assumptions, with its
//! uncertainty — the first-pass yield (a Beta posterior from good and scrapped/reworked
//! counts), each kit's lead time (from `kits_ordered` to `kits_received`), attrition (leavers
//! over person-time, a Gamma posterior), the learning rate where output was capacity-bound —
//! and the draw of those estimates into one replication's scenario.

use jiff::civil::Date;

use crate::actuals::Actuals;
use crate::model::Scenario;

/// One estimated parameter beside the scenario's assumption.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// What is estimated, e.g. `first_pass_yield`, `kit c5-skd lead_time_days`,
    /// `attrition_per_year`, `learning.rate`.
    pub parameter: String,
    /// The scenario's value (its mean for a distribution), if it has one.
    pub assumed: Option<f64>,
    /// The posterior mean (or point estimate) and its 90% interval.
    pub mean: f64,
    pub p05: f64,
    pub p95: f64,
    /// The observations behind it, in words: "412 good of 431 inspected", "6 deliveries".
    pub basis: String,
}

/// What the actuals through `as_of` say, parameter by parameter; parameters the actuals cannot
/// tell (no observations) are left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Calibration {
    pub estimates: Vec<Estimate>,
}

impl Calibration {
    /// Estimates what `actuals` (through `as_of`) can tell about `scenario`.
    pub fn estimate(scenario: &Scenario, actuals: &Actuals, as_of: Date) -> Calibration {
        let _ = (scenario, actuals, as_of);
        todo!("issue 12: calibration")
    }

    /// Writes one draw of the calibrated parameters into `scenario` for `replication` under
    /// `seed`, on a stream of its own (so the line's draws stay paired with `simulate`).
    pub fn draw_into(&self, scenario: &mut Scenario, seed: u64, replication: u64) {
        let _ = (scenario, seed, replication);
        todo!("issue 12: calibration draws")
    }
}

//! Attrition: leavers over person-time on the payroll.
//!
//! On the payroll on day d: the people hired on or before d less those who left on or before d
//! (who leaves on a day is off the payroll that day, as in the model). The exposure is the sum
//! of that from the first hire to the as-of day, in person-years of 365.25 days; hires are the
//! `hired` rows, or the scenario's planned hires (through as-of) when there are none; without
//! any `hired` or `left` row nothing is estimated (no row is no news, not "nobody left"). With the
//! Jeffreys prior the leaving hazard per year has the posterior Gamma(½ + leavers, rate =
//! person-years); the scenario's `attrition_per_year` is the fraction leaving in a year,
//! 1 − e^(−hazard), and is reported on that scale: mean 1 − (py / (py + 1))^shape, quantiles
//! mapped through 1 − e^(−q). A draw writes 1 − e^(−hazard), at most 0.999.

use jiff::civil::Date;
use rand_distr::Distribution;
use rand_pcg::Pcg64Mcg;
use statrs::distribution::{ContinuousCDF, Gamma};

use super::{Estimate, Posterior};
use crate::actuals::{Actuals, Metric};
use crate::model::Scenario;
use crate::schedule::days_between;

const PRIOR_SHAPE: f64 = 0.5;
const DAYS_PER_YEAR: f64 = 365.25;

pub(super) fn estimate(scenario: &Scenario, actuals: &Actuals, as_of: Date) -> Option<Estimate> {
    let workforce = scenario.workforce.as_ref()?;
    let rows = |metric: Metric| -> Vec<(Date, i64)> {
        actuals
            .records
            .iter()
            .filter(|r| r.metric == metric && r.date <= as_of)
            .map(|r| (r.date, r.value as i64))
            .collect()
    };
    let mut hires = rows(Metric::Hired);
    let leavers = rows(Metric::Left);
    if hires.is_empty() && leavers.is_empty() {
        // No row about people: the actuals say nothing (not that nobody left).
        return None;
    }
    let from_plan = hires.is_empty();
    if from_plan {
        hires = workforce
            .hires
            .iter()
            .filter(|h| h.date <= as_of)
            .map(|h| (h.date, i64::from(h.count)))
            .collect();
    }
    let person_days = exposure_days(&hires, &leavers, as_of);
    if person_days <= 0 {
        return None;
    }
    let left: i64 = leavers.iter().map(|(_, n)| n).sum();
    let person_years = person_days as f64 / DAYS_PER_YEAR;
    let shape = PRIOR_SHAPE + left as f64;
    let gamma = Gamma::new(shape, person_years).ok()?;
    let fraction = |hazard: f64| 1.0 - (-hazard).exp();
    let source = if from_plan {
        " (hires from the plan)"
    } else {
        ""
    };
    Some(Estimate {
        parameter: "attrition_per_year".to_string(),
        assumed: Some(workforce.attrition_per_year),
        mean: 1.0 - (person_years / (person_years + 1.0)).powf(shape),
        p05: fraction(gamma.inverse_cdf(0.05)),
        p95: fraction(gamma.inverse_cdf(0.95)),
        basis: format!(
            "{left} leaver{} over {person_years:.1} person-years{source}",
            if left == 1 { "" } else { "s" }
        ),
        posterior: Posterior::Attrition {
            shape,
            person_years,
        },
    })
}

/// Person-days on the payroll from the first hire through `as_of` (changes after it ignored).
pub(crate) fn exposure_days(hires: &[(Date, i64)], leavers: &[(Date, i64)], as_of: Date) -> i64 {
    let mut changes: Vec<(Date, i64)> = hires.iter().copied().filter(|c| c.0 <= as_of).collect();
    changes.extend(
        leavers
            .iter()
            .filter(|c| c.0 <= as_of)
            .map(|&(date, n)| (date, -n)),
    );
    changes.sort();
    let mut total = 0;
    let mut payroll = 0i64;
    let mut index = 0;
    while index < changes.len() {
        let day = changes[index].0;
        while index < changes.len() && changes[index].0 == day {
            payroll += changes[index].1;
            index += 1;
        }
        // `payroll` people from `day` up to the next change, or through `as_of`.
        let days = match changes.get(index) {
            Some(next) => days_between(day, next.0),
            None => days_between(day, as_of) + 1,
        };
        total += payroll.max(0) * days;
    }
    total
}

pub(super) fn draw_into(
    scenario: &mut Scenario,
    shape: f64,
    person_years: f64,
    rng: &mut Pcg64Mcg,
) {
    let Some(workforce) = scenario.workforce.as_mut() else {
        return;
    };
    let Ok(gamma) = rand_distr::Gamma::new(shape, 1.0 / person_years) else {
        return;
    };
    let hazard: f64 = gamma.sample(rng);
    workforce.attrition_per_year = (1.0 - (-hazard).exp()).clamp(0.0, 0.999);
}

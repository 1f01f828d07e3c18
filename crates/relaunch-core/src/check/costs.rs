//! `[costs]`: amounts in range, a worst-case total the aggregates can count, one currency.

use super::ModelProblem;
use crate::costs::{MAX_AMOUNT, MAX_CARRYING_PER_YEAR, MAX_TOTAL, worst_case};
use crate::model::{Costs, Scenario};

/// `[costs]`: rates and kit prices in range (amounts up to [`MAX_AMOUNT`], carrying up to
/// [`MAX_CARRYING_PER_YEAR`]), a largest possible total of at most [`MAX_TOTAL`], and one currency: every priced kit's `currency` is the
/// one of `[costs]` (or, without it, the first priced kit's), since amounts in different
/// currencies are not added up.
pub(super) fn check_costs(scenario: &Scenario, problems: &mut Vec<ModelProblem>) {
    let Some(costs) = &scenario.costs else {
        return;
    };
    let mut in_range = true;
    for (key, rate, maximum, expected) in [
        (
            "labour_per_head_day",
            costs.labour_per_head_day,
            MAX_AMOUNT,
            "an amount per head per day from 0 to 10^12",
        ),
        (
            "fixed_per_day",
            costs.fixed_per_day,
            MAX_AMOUNT,
            "an amount per day from 0 to 10^12",
        ),
        (
            "carrying_per_year",
            costs.carrying_per_year,
            MAX_CARRYING_PER_YEAR,
            "a share of the kit price per year from 0 to 10, like 0.12",
        ),
    ] {
        if !(rate.is_finite() && (0.0..=maximum).contains(&rate)) {
            in_range = false;
            problems.push(ModelProblem {
                key_path: format!("costs.{key}"),
                message: format!("`{key}` in [costs] is {rate}, out of range"),
                label: format!("expected {expected}"),
            });
        }
    }
    for (index, kit) in scenario.kits.iter().enumerate() {
        let Some(price) = kit.unit_price else {
            continue;
        };
        if !(price.is_finite() && (0.0..=MAX_AMOUNT).contains(&price)) {
            in_range = false;
            problems.push(ModelProblem {
                key_path: format!("kit[{index}].price"),
                message: format!("`price` in [[kit]] \"{}\" is {price}, out of range", kit.id),
                label: "expected a price from 0 to 10^12".to_string(),
            });
        }
    }
    if in_range {
        check_cost_bound(scenario, costs, problems);
    }
    let mut expected: Option<(&str, String)> = costs
        .currency
        .as_deref()
        .map(|currency| (currency, "[costs]".to_string()));
    for (index, kit) in scenario.kits.iter().enumerate() {
        let (Some(_), Some(currency)) = (kit.unit_price, kit.currency.as_deref()) else {
            continue;
        };
        match &expected {
            None => expected = Some((currency, format!("[[kit]] \"{}\"", kit.id))),
            Some((wanted, from)) if *wanted != currency => problems.push(ModelProblem {
                key_path: format!("kit[{index}].currency"),
                message: format!(
                    "[[kit]] \"{}\" is priced in {currency}, but {from} is in {wanted}",
                    kit.id
                ),
                label: format!("expected \"{wanted}\": a scenario's costs are in one currency"),
            }),
            Some(_) => {}
        }
    }
}

/// The largest total the costs could reach over the horizon: at most [`MAX_TOTAL`], reported
/// at the rate (or kit price) behind the largest part of it.
fn check_cost_bound(scenario: &Scenario, costs: &Costs, problems: &mut Vec<ModelProblem>) {
    let worst = worst_case(scenario, costs);
    let total = worst.total();
    if total <= MAX_TOTAL {
        return;
    }
    let mut parts = vec![
        (
            "costs.labour_per_head_day".to_string(),
            "labour",
            worst.labour,
        ),
        (
            "costs.fixed_per_day".to_string(),
            "the overhead",
            worst.fixed,
        ),
        (
            "costs.carrying_per_year".to_string(),
            "carrying",
            worst.carrying,
        ),
    ];
    for (index, spend) in worst.kits.iter().enumerate() {
        parts.push((format!("kit[{index}].price"), "kits of this price", *spend));
    }
    let Some((key_path, what, part)) = parts.into_iter().max_by(|a, b| a.2.total_cmp(&b.2)) else {
        return;
    };
    problems.push(ModelProblem {
        key_path,
        message: format!(
            "[costs] could add up to {total:.3e} over the horizon ({what} alone {part:.3e}), \
             more than a run can count"
        ),
        label: "expected costs over the horizon of at most 10^18; lower this amount".to_string(),
    });
}

//! The learning rate, from the days on which output was capacity-bound.
//!
//! **Capacity-bound days.** The plan the days are judged against is the scenario **with the
//! actual task dates** (the plan as it stands at the as-of day: the tasks done on their actual
//! days, those running from their actual start, [`crate::programme::planned_from`]), as the
//! forecast's backlog is: plan and shift phases that follow a task start when it actually
//! finished, not when the optimistic plan had it finish. A day through as-of is capacity-bound
//! when the line, not its inputs, set its output: that plan's calendar plans shifts on it,
//! some good unit was finished, work was waiting at its end (a release plan whose planned
//! starts through the day exceed the units released through it; a saturated source always;
//! or, whatever the release, more units in the line — released less good and scrapped through
//! the day — than its stations have places, servers and finite buffers, so that some unit
//! queued in an unlimited buffer), and every kit some product uses was in stock at its end
//! (initial stock + received − released by its products). A product without `released` rows
//! is taken as released when it finished (good + scrapped), as the state does. A release of
//! random arrivals never tells. So a day on which the line started exactly what the plan
//! asked (a pilot of 5 a day, say) is not capacity-bound, however slow it was: it waited for
//! nothing.
//!
//! **The rate, with the level.** On day i the line made good units x₀ᵢ + 1 … x₁ᵢ in hᵢ hours of
//! planned shifts; the scenario's line takes Sᵢ standard hours for them (`pace.rs`) times the
//! mean cycle multiplier m̄ᵢ(b) of its learning curve at exponent b (the scenario's model and
//! first-unit factor, rate 2^b; units counted over the whole line). The model is
//! ln hᵢ = ℓ + ln Sᵢ + ln m̄ᵢ(b) + εᵢ, εᵢ ~ N(0, σ²), with ℓ the log pace: the curve's shape
//! is the scenario's, floor at standard included, so a stretch of days on which the scenario
//! is already at standard says nothing of the rate, and the level is not mistaken for learning.
//! With a flat prior on ℓ, 1/σ on σ and a normal prior on b centred on the scenario's own
//! exponent with standard deviation [`PRIOR_EXPONENT_SD`], ℓ and σ integrate out: the
//! posterior of b is proportional to the prior times SSE(b)^(−(n − 1)/2), SSE(b) the sum of
//! squares of ln hᵢ − ln Sᵢ − ln m̄ᵢ(b) about their mean. It is computed on a grid of
//! [`GRID`] exponents over rates 50% to 100%; the rate reported is its posterior mean with
//! the 5% and 95% quantiles (each grid point's probability spread evenly over its cell).
//! Fewer than [`MIN_CAPACITY_BOUND_DAYS`] such days tell nothing,
//! nor do they when the scenario's curve does not learn (no model, or a first unit at
//! standard). A draw takes b from the grid by its cumulative probability (linear between grid
//! points) and writes 2^b as the rate of the scenario's own learning model; the pace is then
//! drawn given that curve (`pace.rs`).
use jiff::civil::Date;
use rand::RngExt;
use rand_pcg::Pcg64Mcg;

use super::pace::{PaceDay, mean_multiplier};
use super::{Estimate, Posterior};
use crate::actuals::{Actuals, Metric};
use crate::kernel::TICKS_PER_SECOND;
use crate::learning::Curve;
use crate::model::{Release, Scenario};
use crate::schedule::PlantCalendar;

/// The fewest capacity-bound days a learning rate (or a pace) is fitted on.
pub const MIN_CAPACITY_BOUND_DAYS: usize = 10;
/// The prior's standard deviation of the learning exponent b = log₂ rate about the
/// scenario's (0.15: a rate of 85% give or take about 9 points).
pub const PRIOR_EXPONENT_SD: f64 = 0.15;
/// Exponents on the posterior's grid, from −1 (a rate of 50%) to 0 (100%).
pub const GRID: usize = 401;

/// A capacity-bound day: the good units before it (all products), the good units made on it,
/// and the hours its planned shifts lasted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundDay {
    pub before: u64,
    pub made: u64,
    pub hours: f64,
}

/// The capacity-bound days through `as_of` of `plan` (the scenario with the actual task
/// dates), in date order (see the module notes); `None` for a release of random arrivals.
pub(super) fn capacity_bound_days(
    plan: &Scenario,
    actuals: &Actuals,
    as_of: Date,
) -> Option<Vec<BoundDay>> {
    let saturated = match plan.release {
        Release::Plan { .. } => false,
        Release::Saturated { .. } => true,
        Release::Arrivals { .. } => return None,
    };
    let places: u64 = plan
        .stations
        .iter()
        .map(|s| u64::from(s.servers) + u64::from(s.buffer.unwrap_or(0)))
        .sum();
    let calendar = PlantCalendar::new(plan);
    let last = calendar.day_of(as_of).min(calendar.n_days as i64 - 1);
    if last < 0 {
        return Some(Vec::new());
    }
    let days = last as usize + 1;
    let per_day = |metric: Metric, width: usize| -> (Vec<Vec<u64>>, Vec<bool>) {
        let mut table = vec![vec![0u64; days]; width];
        let mut seen = vec![false; width];
        for r in actuals.records.iter().filter(|r| r.metric == metric) {
            let day = calendar.day_of(r.date);
            if (0..days as i64).contains(&day) && r.item < width {
                table[r.item][day as usize] += r.value;
                seen[r.item] = true;
            }
        }
        (table, seen)
    };
    let n_products = plan.products.len();
    let (good, _) = per_day(Metric::Good, n_products);
    let (scrapped, _) = per_day(Metric::Scrapped, n_products);
    let (mut released, reported) = per_day(Metric::Released, n_products);
    for product in 0..n_products {
        if !reported[product] {
            for day in 0..days {
                released[product][day] = good[product][day] + scrapped[product][day];
            }
        }
    }
    let (received, _) = per_day(Metric::KitsReceived, plan.kits.len());
    let shift_hours = calendar.shift_ticks as f64 / TICKS_PER_SECOND / 3600.0;
    let mut stock: Vec<i64> = plan
        .kits
        .iter()
        .map(|k| i64::from(k.initial_stock))
        .collect();
    let (mut planned, mut started, mut cumulative, mut finished) = (0u64, 0u64, 0u64, 0u64);
    let mut bound = Vec::new();
    for day in 0..days {
        let made: u64 = good.iter().map(|p| p[day]).sum();
        let released_today: u64 = released.iter().map(|p| p[day]).sum();
        planned += u64::from(calendar.planned_starts[day]);
        started += released_today;
        finished += made + scrapped.iter().map(|p| p[day]).sum::<u64>();
        for (kit, kit_stock) in stock.iter_mut().enumerate() {
            *kit_stock += received[kit][day] as i64;
        }
        for (product, spec) in plan.products.iter().enumerate() {
            if let Some(kit) = spec.kit {
                stock[kit] -= released[product][day] as i64;
            }
        }
        let kits_in_stock = plan
            .products
            .iter()
            .filter_map(|p| p.kit)
            .all(|kit| stock[kit] > 0);
        let queued = started.saturating_sub(finished) > places;
        let waiting = saturated || planned > started || queued;
        let hours = f64::from(calendar.scheduled_shifts[day]) * shift_hours;
        if made > 0 && hours > 0.0 && waiting && kits_in_stock {
            bound.push(BoundDay {
                before: cumulative,
                made,
                hours,
            });
        }
        cumulative += made;
    }
    Some(bound)
}

pub(super) fn estimate(scenario: &Scenario, days: &[PaceDay]) -> Option<Estimate> {
    let n = days.len();
    let learning = &scenario.learning;
    if n < MIN_CAPACITY_BOUND_DAYS || Curve::new(learning).is_flat() {
        return None;
    }
    let prior = learning.rate.clamp(0.5, 1.0).log2();
    let exponents: Vec<f64> = (0..GRID)
        .map(|k| -1.0 + k as f64 / (GRID - 1) as f64)
        .collect();
    let logs: Vec<f64> = exponents
        .iter()
        .map(|&b| {
            let mut curve = learning.clone();
            curve.rate = b.exp2();
            let sse = squares(days, &Curve::new(&curve)).max(1e-12);
            -(b - prior).powi(2) / (2.0 * PRIOR_EXPONENT_SD * PRIOR_EXPONENT_SD)
                - (n as f64 - 1.0) / 2.0 * sse.ln()
        })
        .collect();
    let top = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let weights: Vec<f64> = logs.iter().map(|l| (l - top).exp()).collect();
    let total: f64 = weights.iter().sum();
    // Each grid point's probability spread evenly over its cell: the cumulative probability at
    // the cells' edges, from the first cell's lower edge.
    let half = 0.5 / (GRID - 1) as f64;
    let mut cumulative = 0.0;
    let mut grid = vec![(exponents[0] - half, 0.0)];
    grid.extend(exponents.iter().zip(&weights).map(|(&b, &w)| {
        cumulative += w / total;
        (b + half, cumulative)
    }));
    let mean = exponents
        .iter()
        .zip(&weights)
        .map(|(&b, &w)| b.exp2() * w / total)
        .sum();
    Some(Estimate {
        parameter: "learning.rate".to_string(),
        assumed: Some(learning.rate),
        mean,
        p05: quantile(&grid, 0.05).exp2().clamp(0.5, 1.0),
        p95: quantile(&grid, 0.95).exp2().clamp(0.5, 1.0),
        basis: format!("{n} capacity-bound days"),
        posterior: Posterior::Learning { grid },
    })
}

/// SSE(b) of the module notes for the curve `curve`.
fn squares(days: &[PaceDay], curve: &Curve) -> f64 {
    let residuals: Vec<f64> = days
        .iter()
        .map(|d| (d.hours / (d.standard_hours * mean_multiplier(curve, d.before, d.made))).ln())
        .collect();
    let mean = residuals.iter().sum::<f64>() / residuals.len() as f64;
    residuals.iter().map(|r| (r - mean).powi(2)).sum()
}

/// The exponent at cumulative probability `p` of `grid` ((exponent, cumulative probability)
/// in increasing order), linear between grid points.
fn quantile(grid: &[(f64, f64)], p: f64) -> f64 {
    let above = grid.partition_point(|g| g.1 < p).min(grid.len() - 1);
    if above == 0 {
        return grid[0].0;
    }
    let (b0, c0) = grid[above - 1];
    let (b1, c1) = grid[above];
    if c1 > c0 {
        b0 + (b1 - b0) * (p - c0) / (c1 - c0)
    } else {
        b1
    }
}

pub(super) fn draw_into(scenario: &mut Scenario, grid: &[(f64, f64)], rng: &mut Pcg64Mcg) {
    if grid.is_empty() {
        return;
    }
    let unit: f64 = rng.random();
    scenario.learning.rate = quantile(grid, unit).exp2().clamp(0.5, 1.0);
}

//! The learning rate, from the days on which output was capacity-bound.
//!
//! A day through as-of is capacity-bound when the line, not its inputs, set its output: the
//! calendar plans shifts on it, some good unit was finished, work was waiting at its end (a
//! release plan whose planned starts through the day exceed the units released through it; a
//! saturated source always), and every kit some product uses was in stock at its end (initial
//! stock + received − released by its products). A release of random arrivals never tells.
//!
//! On those days the hours per unit, h = (planned shifts × shift length) / good units, follow
//! the curve: ln h = c + b · ln x with x the cumulative good units at the middle of the day
//! (before it + half of it). A least-squares fit gives b and its standard error; the rate is
//! 2^b, with the 90% interval 2^(b ± t(n − 2) · se). Fewer than
//! [`MIN_CAPACITY_BOUND_DAYS`] such days tell nothing. A draw writes 2^(b + se · t(n − 2)),
//! within [0.5, 1], as the rate of the scenario's own learning model.

use jiff::civil::Date;
use rand_pcg::Pcg64Mcg;

use super::{Estimate, Posterior, t_draw, t_quantile};
use crate::actuals::{Actuals, Metric};
use crate::kernel::TICKS_PER_SECOND;
use crate::model::{Release, Scenario};
use crate::schedule::PlantCalendar;

/// The fewest capacity-bound days a learning rate is fitted on.
pub const MIN_CAPACITY_BOUND_DAYS: usize = 10;

pub(super) fn estimate(scenario: &Scenario, actuals: &Actuals, as_of: Date) -> Option<Estimate> {
    let saturated = match scenario.release {
        Release::Plan { .. } => false,
        Release::Saturated { .. } => true,
        Release::Arrivals { .. } => return None,
    };
    let calendar = PlantCalendar::new(scenario);
    let last = calendar.day_of(as_of).min(calendar.n_days as i64 - 1);
    if last < 0 {
        return None;
    }
    let days = last as usize + 1;
    let per_day = |metric: Metric| -> Vec<Vec<u64>> {
        let width = match metric {
            Metric::KitsReceived => scenario.kits.len(),
            _ => scenario.products.len(),
        };
        let mut table = vec![vec![0u64; days]; width];
        for r in actuals.records.iter().filter(|r| r.metric == metric) {
            let day = calendar.day_of(r.date);
            if (0..days as i64).contains(&day) && r.item < width {
                table[r.item][day as usize] += r.value;
            }
        }
        table
    };
    let good = per_day(Metric::Good);
    let released = per_day(Metric::Released);
    let received = per_day(Metric::KitsReceived);
    let shift_hours = calendar.shift_ticks as f64 / TICKS_PER_SECOND / 3600.0;
    let mut stock: Vec<i64> = scenario
        .kits
        .iter()
        .map(|k| i64::from(k.initial_stock))
        .collect();
    let (mut planned, mut started, mut cumulative) = (0u64, 0u64, 0u64);
    let mut points = Vec::new();
    for day in 0..days {
        let made: u64 = good.iter().map(|p| p[day]).sum();
        let released_today: u64 = released.iter().map(|p| p[day]).sum();
        planned += u64::from(calendar.planned_starts[day]);
        started += released_today;
        for (kit, kit_stock) in stock.iter_mut().enumerate() {
            *kit_stock += received[kit][day] as i64;
        }
        for (product, spec) in scenario.products.iter().enumerate() {
            if let Some(kit) = spec.kit {
                stock[kit] -= released[product][day] as i64;
            }
        }
        let kits_in_stock = scenario
            .products
            .iter()
            .filter_map(|p| p.kit)
            .all(|kit| stock[kit] > 0);
        let waiting = saturated || planned > started;
        let hours = f64::from(calendar.scheduled_shifts[day]) * shift_hours;
        if made > 0 && hours > 0.0 && waiting && kits_in_stock {
            let x = cumulative as f64 + made as f64 / 2.0;
            points.push((x.ln(), (hours / made as f64).ln()));
        }
        cumulative += made;
    }
    let n = points.len();
    if n < MIN_CAPACITY_BOUND_DAYS {
        return None;
    }
    let (slope, se) = least_squares(&points)?;
    let df = n as f64 - 2.0;
    let half = t_quantile(0.95, df) * se;
    Some(Estimate {
        parameter: "learning.rate".to_string(),
        assumed: Some(scenario.learning.rate),
        mean: slope.exp2(),
        p05: (slope - half).exp2(),
        p95: (slope + half).exp2(),
        basis: format!("{n} capacity-bound days"),
        posterior: Posterior::Learning { slope, se, df },
    })
}

/// The slope of y on x and its standard error, if x varies.
pub(crate) fn least_squares(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    if sxx <= 0.0 || n < 3.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let slope = sxy / sxx;
    let intercept = mean_y - slope * mean_x;
    let residuals: f64 = points
        .iter()
        .map(|p| (p.1 - intercept - slope * p.0).powi(2))
        .sum();
    let se = (residuals / (n - 2.0) / sxx).sqrt();
    Some((slope, se))
}

pub(super) fn draw_into(scenario: &mut Scenario, slope: f64, se: f64, df: f64, rng: &mut Pcg64Mcg) {
    let b = slope + se * t_draw(df, rng);
    scenario.learning.rate = b.exp2().clamp(0.5, 1.0);
}

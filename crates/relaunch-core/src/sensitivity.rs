//! Sensitivity: the uncertain inputs of a scenario (every duration drawn from a distribution
//! that is not a constant) and the scenario with one of them fixed at a quantile of its
//! distribution. A tornado forecasts the scenario with each input at its low (P10) and at its
//! high (P90), on the same random numbers as the base, and shows how far each moves the
//! milestones.

use crate::dist::Dist;
use crate::model::{Impact, Release, Scenario};

/// The quantile an input is fixed at for its low end.
pub const LOW: f64 = 0.1;
/// The quantile an input is fixed at for its high end.
pub const HIGH: f64 = 0.9;

/// One uncertain input.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// What it is, in words ("cycle time of station trim").
    pub label: String,
    /// Its [`LOW`] and [`HIGH`] quantiles, in seconds.
    pub low_secs: f64,
    pub high_secs: f64,
    pub mean_secs: f64,
}

/// Calls `visit` with each distribution of `scenario` and its label, in a fixed order: the
/// stations' cycle times, breakdowns (time to failure, time to repair), the products' own
/// cycle times, the kits' lead times, the recruiting lead time of replacements, the release's
/// interval, the tasks' durations and the risks' delays.
fn visit_dists(scenario: &mut Scenario, visit: &mut dyn FnMut(String, &mut Dist)) {
    let station_ids: Vec<String> = scenario.stations.iter().map(|s| s.id.clone()).collect();
    for station in &mut scenario.stations {
        visit(
            format!("cycle time of station {}", station.id),
            &mut station.cycle,
        );
        if let Some(failure) = &mut station.failure {
            visit(
                format!("time to failure of station {}", station.id),
                &mut failure.ttf,
            );
            visit(
                format!("time to repair of station {}", station.id),
                &mut failure.ttr,
            );
        }
    }
    for product in &mut scenario.products {
        for (station, cycle) in &mut product.cycles {
            let at = station_ids.get(*station).map_or("?", String::as_str);
            visit(
                format!("cycle time of {} at station {at}", product.id),
                cycle,
            );
        }
    }
    for kit in &mut scenario.kits {
        visit(format!("lead time of kit {}", kit.id), &mut kit.lead_time);
    }
    if let Some(workforce) = &mut scenario.workforce
        && let Some(lead) = &mut workforce.replace_leavers
    {
        visit("recruiting lead time of replacements".to_string(), lead);
    }
    if let Release::Arrivals { interval, .. } = &mut scenario.release {
        visit("release interval".to_string(), interval);
    }
    let task_ids: Vec<String> = scenario
        .programme
        .tasks
        .iter()
        .map(|t| t.id.clone())
        .collect();
    for task in &mut scenario.programme.tasks {
        visit(format!("duration of task {}", task.id), &mut task.duration);
    }
    let kit_ids: Vec<String> = scenario.kits.iter().map(|k| k.id.clone()).collect();
    for risk in &mut scenario.programme.risks {
        match &mut risk.impact {
            Impact::TaskDelay { task, delay } => {
                let of = task_ids.get(*task).map_or("?", String::as_str);
                visit(format!("delay of risk {} (task {of})", risk.id), delay);
            }
            Impact::KitDelay { kit, delay, .. } => {
                let of = kit_ids.get(*kit).map_or("?", String::as_str);
                visit(format!("delay of risk {} (kit {of})", risk.id), delay);
            }
            Impact::YieldDrop { .. } => {}
        }
    }
}

/// The uncertain inputs of `scenario`: every distribution whose [`LOW`] and [`HIGH`] quantiles
/// differ, in [`visit_dists`]' order.
pub fn inputs(scenario: &Scenario) -> Vec<Input> {
    let mut copy = scenario.clone();
    let mut found = Vec::new();
    visit_dists(&mut copy, &mut |label, dist| {
        let (low_secs, high_secs) = (dist.quantile_secs(LOW), dist.quantile_secs(HIGH));
        if low_secs != high_secs {
            found.push(Input {
                label,
                low_secs,
                high_secs,
                mean_secs: dist.mean_secs(),
            });
        }
    });
    found
}

/// `scenario` with uncertain input `index` (of [`inputs`]) fixed at its quantile `p`: the
/// distribution replaced by that constant, every other draw unchanged.
pub fn fixed(scenario: &Scenario, index: usize, p: f64) -> Scenario {
    let mut copy = scenario.clone();
    let mut seen = 0;
    visit_dists(&mut copy, &mut |_, dist| {
        if dist.quantile_secs(LOW) == dist.quantile_secs(HIGH) {
            return;
        }
        if seen == index
            && let Ok(constant) = Dist::constant(dist.quantile_secs(p).max(0.0))
        {
            *dist = constant;
        }
        seen += 1;
    });
    copy
}

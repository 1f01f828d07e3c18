//! Builders of core scenarios for tests, without going through the TOML reader.

use jiff::civil::{Date, date};
use relaunch_core::Dist;
use relaunch_core::model::*;

pub const MIN: f64 = 60.0;
pub const HOUR: f64 = 3600.0;
pub const DAY: f64 = 86_400.0;

pub fn start() -> Date {
    date(2024, 1, 1)
}

/// A station with exponential or constant service.
pub fn station(id: &str, cycle: Dist) -> Station {
    Station {
        id: id.to_string(),
        shop: None,
        servers: 1,
        cycle,
        buffer: None,
        operators: 0,
        failure: None,
        inspection: false,
        rework: false,
    }
}

pub fn exp(mean_secs: f64) -> Dist {
    Dist::exponential(mean_secs).unwrap()
}

pub fn constant(secs: f64) -> Dist {
    Dist::constant(secs).unwrap()
}

/// A 24/7 line of `stations` in series fed by `release`, one product.
pub fn line(
    stations: Vec<Station>,
    release: Release,
    horizon_secs: f64,
    warmup_secs: f64,
) -> Scenario {
    let route = (0..stations.len()).collect();
    Scenario {
        name: "test".to_string(),
        start: start(),
        horizon_secs,
        warmup_secs,
        seed: 1,
        replications: 10,
        calendar: Calendar::AlwaysOn,
        stations,
        crews: vec![],
        products: vec![Product {
            id: "unit".to_string(),
            route,
            mix: 1.0,
            kit: None,
            cycles: Vec::new(),
        }],
        kits: vec![],
        workforce: None,
        learning: Learning::default(),
        release,
        milestones: vec![],
        localization: None,
        costs: None,
        programme: Default::default(),
        disruptions: Default::default(),
    }
}

pub fn poisson(mean_secs: f64) -> Release {
    Release::Arrivals {
        interval: exp(mean_secs),
        limit: None,
    }
}

/// Mon–Fri, `shifts` shifts of 8 h from 06:00, no holidays.
pub fn weekdays(shifts: u32) -> Calendar {
    Calendar::Shifts(ShiftCalendar {
        workdays: [true, true, true, true, true, false, false],
        shift_length_secs: 8.0 * HOUR,
        shifts: vec![ShiftPhase::always(shifts)],
        first_shift_start_secs: 6.0 * HOUR,
        holidays: vec![],
        shutdowns: vec![],
    })
}

/// `per_day` planned starts per workday from the start, optionally up to `limit` units.
pub fn plan(per_day: u32, limit: Option<u64>) -> Release {
    Release::Plan {
        phases: vec![PlanPhase {
            from: start(),
            per_day,
        }],
        limit,
    }
}

/// `count` people hired on day 0, at work after `training_days`, nobody leaving.
pub fn hired_on_day_0(count: u32, training_days: f64) -> Workforce {
    Workforce {
        hires: vec![Hire {
            date: start(),
            count,
        }],
        training_secs: training_days * DAY,
        attrition_per_year: 0.0,
        ..Workforce::default()
    }
}

/// A task of calendar days taking `duration`, after the tasks `after` (lag 0).
pub fn task(id: &str, duration: Dist, after: &[usize]) -> Task {
    Task {
        id: id.to_string(),
        duration,
        after: after
            .iter()
            .map(|&task| Predecessor { task, lag_days: 0 })
            .collect(),
        not_before: None,
        workdays: false,
    }
}

/// A risk of `probability` delaying `task` by a constant `days` days.
pub fn task_risk(id: &str, probability: f64, task: usize, days: f64) -> Risk {
    Risk {
        id: id.to_string(),
        probability,
        impact: Impact::TaskDelay {
            task,
            delay: constant(days * DAY),
        },
        implies: vec![],
    }
}

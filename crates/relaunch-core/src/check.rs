//! Model checks: problems of a [`Scenario`] that are about the plant model itself, whatever
//! format the scenario came from (a TOML file today, JSON over HTTP later).
//!
//! The scenario reader checks the text (types, units, ranges of single values, names and the
//! references between them) while it builds the model; the rules here need the model's values
//! together and would stall or mislead the engine: distribution means below the clock's
//! millisecond, arrival processes or saturated lines that would release billions of units,
//! more than a million planned starts a day, a first-pass yield that falls as staff learn.
//!
//! Each problem names the key responsible as a key path into the scenario format
//! (`release.plan[1].per_day`, `station[0].failure.ttr`), like pre-flight warnings; the reader
//! turns the path into `file:line:column`. The module is pure: it reads the scenario and
//! returns values.

use crate::dist::Dist;
use crate::model::{Release, Scenario};

/// The simulation clock ticks in milliseconds: a cycle, an arrival interval, a time to failure
/// or a repair must take at least one tick on average.
pub const MIN_MEAN_SECS: f64 = 0.001;

/// The most units an unlimited arrival process, or a saturated line, may be expected to
/// release over the horizon: more is a typo, not a plant, and would run for hours.
pub const MAX_EXPECTED_RELEASES: f64 = 1e9;

/// The most planned starts a workday of a plan phase (a plant starts no million cars a day).
pub const MAX_PLANNED_STARTS_PER_DAY: u32 = 1_000_000;

/// One problem of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelProblem {
    /// The key responsible, as a path into the scenario format: dotted table keys, `[i]` for
    /// the i-th element (0-based) of an array or array of tables, e.g. `release.plan[1].per_day`.
    pub key_path: String,
    /// What is wrong, naming the key as the scenario file writes it.
    pub message: String,
    /// A few words shown beside the key: what was expected.
    pub label: String,
}

impl Scenario {
    /// Every model problem of the scenario, in the order of its parts. Empty when the model
    /// can be simulated.
    pub fn check(&self) -> Vec<ModelProblem> {
        let mut problems = Vec::new();
        check_stations(self, &mut problems);
        check_learning(self, &mut problems);
        check_release(self, &mut problems);
        problems
    }
}

/// The durations of every station: cycle, time to failure and time to repair.
fn check_stations(scenario: &Scenario, problems: &mut Vec<ModelProblem>) {
    for (station_index, station) in scenario.stations.iter().enumerate() {
        let place = format!("[[station]] \"{}\"", station.id);
        check_mean(
            &station.cycle,
            format!("station[{station_index}].cycle"),
            &format!("`cycle` in {place}"),
            problems,
        );
        if let Some(failure) = &station.failure {
            for (key, dist) in [("ttf", &failure.ttf), ("ttr", &failure.ttr)] {
                check_mean(
                    dist,
                    format!("station[{station_index}].failure.{key}"),
                    &format!("`{key}` in `failure` in {place}"),
                    problems,
                );
            }
        }
    }
}

/// Whether a duration's mean is a whole number of clock ticks or more.
fn mean_is_on_the_clock(dist: &Dist) -> bool {
    dist.mean_secs() >= MIN_MEAN_SECS
}

/// Reports a distribution of durations whose mean is zero or below one clock tick.
fn check_mean(dist: &Dist, key_path: String, what: &str, problems: &mut Vec<ModelProblem>) {
    problems.extend(duration_mean_problem(dist, key_path, what));
}

/// The problem of a distribution of durations whose mean is zero or below one clock tick, if
/// any. `what` names the key in messages ("`cycle` in [[station]] \"trim\""). A reader may
/// apply this rule to each value as it reads it, so that the problem shows beside the other
/// problems of the same table.
pub fn duration_mean_problem(dist: &Dist, key_path: String, what: &str) -> Option<ModelProblem> {
    let mean = dist.mean_secs();
    if mean <= 0.0 {
        Some(ModelProblem {
            key_path,
            message: format!("{what} must have a mean longer than zero"),
            label: "expected a distribution with a positive mean".to_string(),
        })
    } else if !mean_is_on_the_clock(dist) {
        Some(ModelProblem {
            key_path,
            message: format!("{what} has a mean of {mean} s, below the clock's resolution"),
            label: "expected a mean of at least 1 ms (\"1ms\" is not a unit: write \"0.001s\")"
                .to_string(),
        })
    } else {
        None
    }
}

/// A first-pass yield must not fall as the line learns.
fn check_learning(scenario: &Scenario, problems: &mut Vec<ModelProblem>) {
    if let Some(first_pass_yield) = &scenario.learning.first_pass_yield
        && first_pass_yield.initial > first_pass_yield.mature
    {
        problems.push(ModelProblem {
            key_path: "learning.first_pass_yield".to_string(),
            message: format!(
                "`first_pass_yield` in [learning] starts above its mature value ({} > {})",
                first_pass_yield.initial, first_pass_yield.mature
            ),
            label: "expected initial <= mature".to_string(),
        });
    }
}

/// The release must not stall the engine: at most a million planned starts a workday, and an
/// unlimited arrival process or saturated line must not release billions of units.
fn check_release(scenario: &Scenario, problems: &mut Vec<ModelProblem>) {
    match &scenario.release {
        Release::Plan { phases, .. } => {
            for (phase_index, phase) in phases.iter().enumerate() {
                if phase.per_day > MAX_PLANNED_STARTS_PER_DAY {
                    problems.push(ModelProblem {
                        key_path: format!("release.plan[{phase_index}].per_day"),
                        message: format!(
                            "`per_day` in element {} of `plan` in [release] is {}, out of range",
                            phase_index + 1,
                            phase.per_day
                        ),
                        label: format!("expected at most {MAX_PLANNED_STARTS_PER_DAY}"),
                    });
                }
            }
        }
        Release::Arrivals { interval, limit } => {
            let what = "`arrivals` in [release]";
            let problems_before = problems.len();
            check_mean(interval, "release.arrivals".to_string(), what, problems);
            if problems.len() > problems_before {
                return;
            }
            let expected = scenario.horizon_secs / interval.mean_secs();
            if limit.is_none() && expected > MAX_EXPECTED_RELEASES {
                problems.push(ModelProblem {
                    key_path: "release.arrivals".to_string(),
                    message: format!(
                        "{what} would release about {expected:.1e} units over the horizon"
                    ),
                    label: "expected a longer mean interval, or a `limit` on the units released"
                        .to_string(),
                });
            }
        }
        Release::Saturated { limit } => {
            // The fastest any station could start units: what a saturated source could
            // release. Stations whose cycle is off the clock are reported above instead.
            let fastest_rate = scenario
                .stations
                .iter()
                .filter(|station| mean_is_on_the_clock(&station.cycle))
                .map(|station| f64::from(station.servers) / station.cycle.mean_secs())
                .fold(0.0, f64::max);
            let expected = scenario.horizon_secs * fastest_rate;
            if limit.is_none() && expected > MAX_EXPECTED_RELEASES {
                problems.push(ModelProblem {
                    key_path: "release.saturated".to_string(),
                    message: format!(
                        "a saturated line could start about {expected:.1e} units over the horizon"
                    ),
                    label: "expected a `limit` on the units released, or a shorter horizon"
                        .to_string(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::model::{Calendar, Learning, PlanPhase, Station, Yield};

    fn scenario(cycle_secs: f64, release: Release) -> Scenario {
        Scenario {
            name: "check".to_string(),
            start: date(2024, 1, 1),
            horizon_secs: 120.0 * 86_400.0,
            warmup_secs: 0.0,
            seed: 1,
            replications: 1,
            calendar: Calendar::AlwaysOn,
            stations: vec![Station {
                id: "s".to_string(),
                shop: None,
                servers: 1,
                cycle: Dist::constant(cycle_secs).expect("a constant"),
                buffer: None,
                operators: 0,
                failure: None,
                inspection: false,
                rework: false,
            }],
            crews: Vec::new(),
            products: Vec::new(),
            kits: Vec::new(),
            workforce: None,
            learning: Learning::default(),
            release,
            milestones: Vec::new(),
            localization: None,
        }
    }

    fn key_paths(scenario: &Scenario) -> Vec<String> {
        scenario
            .check()
            .into_iter()
            .map(|problem| problem.key_path)
            .collect()
    }

    #[test]
    fn a_sound_scenario_has_no_problems() {
        assert!(key_paths(&scenario(60.0, Release::Saturated { limit: None })).is_empty());
    }

    #[test]
    fn a_cycle_below_the_clock_is_reported_once_not_also_as_a_flood() {
        let problems = scenario(0.0001, Release::Saturated { limit: None }).check();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].key_path, "station[0].cycle");
        assert!(problems[0].message.contains("below the clock's resolution"));
    }

    #[test]
    fn floods_need_a_limit() {
        let saturated = scenario(0.002, Release::Saturated { limit: None });
        assert_eq!(key_paths(&saturated), ["release.saturated"]);
        let limited = scenario(0.002, Release::Saturated { limit: Some(10) });
        assert!(key_paths(&limited).is_empty());
        let arrivals = Release::Arrivals {
            interval: Dist::constant(0.002).expect("a constant"),
            limit: None,
        };
        assert_eq!(key_paths(&scenario(60.0, arrivals)), ["release.arrivals"]);
    }

    #[test]
    fn a_million_starts_a_day_is_the_most() {
        let plan = |per_day| Release::Plan {
            phases: vec![
                PlanPhase {
                    from: date(2024, 1, 1),
                    per_day: 4,
                },
                PlanPhase {
                    from: date(2024, 2, 1),
                    per_day,
                },
            ],
            limit: None,
        };
        assert!(key_paths(&scenario(60.0, plan(MAX_PLANNED_STARTS_PER_DAY))).is_empty());
        assert_eq!(
            key_paths(&scenario(60.0, plan(MAX_PLANNED_STARTS_PER_DAY + 1))),
            ["release.plan[1].per_day"]
        );
    }

    #[test]
    fn a_falling_yield_is_reported() {
        let mut falling = scenario(60.0, Release::Saturated { limit: None });
        falling.learning.first_pass_yield = Some(Yield {
            initial: 0.9,
            mature: 0.8,
        });
        assert_eq!(key_paths(&falling), ["learning.first_pass_yield"]);
    }
}

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

mod costs;
mod programme;

pub use programme::{MAX_CYCLES, MAX_LAG_DAYS, cycles};

use crate::budget::{MAX_PEAK_WIP, WorkEstimate};
use crate::capacity::mean_cycle_secs;
use crate::dist::Dist;
use crate::model::{Calendar, Release, Scenario, Slot};
use crate::schedule::DAY_SECS;

/// The simulation clock ticks in milliseconds: a cycle, an arrival interval, a time to failure
/// or a repair must take at least one tick on average.
pub const MIN_MEAN_SECS: f64 = 0.001;

/// The most units an unlimited arrival process, or a saturated line, may be expected to
/// release over the horizon: more is a typo, not a plant, and would run for hours.
pub const MAX_EXPECTED_RELEASES: f64 = 1e9;

/// The most planned starts a workday of a plan phase (a plant starts no million cars a day).
pub const MAX_PLANNED_STARTS_PER_DAY: u32 = 1_000_000;

/// The most parallel servers of one station: each is a slot the engine allocates in every
/// replication; no station of a vehicle plant has ten thousand identical machines.
pub const MAX_SERVERS: u32 = 10_000;

/// The most people hired in all: each hire is drawn (attrition) in every replication.
pub const MAX_HIRES: u64 = 1_000_000;

/// The most replications a scenario file may ask for by default: aggregates stream, but the
/// work grows with each one, and a million already narrows any interval far below its use.
pub const MAX_REPLICATIONS: u32 = 1_000_000;

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
        check_replications(self, &mut problems);
        check_calendar(self, &mut problems);
        check_stations(self, &mut problems);
        check_product_cycles(self, &mut problems);
        check_hires(self, &mut problems);
        check_workforce_policy(self, &mut problems);
        check_learning(self, &mut problems);
        check_release(self, &mut problems);
        costs::check_costs(self, &mut problems);
        programme::check_programme(self, &mut problems);
        if problems.is_empty() {
            check_pile_up(self, &mut problems);
        }
        problems
    }
}

/// The default replications a file asks for: at most [`MAX_REPLICATIONS`].
fn check_replications(scenario: &Scenario, problems: &mut Vec<ModelProblem>) {
    if scenario.replications > MAX_REPLICATIONS {
        problems.push(ModelProblem {
            key_path: "scenario.replications".to_string(),
            message: format!(
                "`replications` in [scenario] is {}, more than a run can usefully do",
                scenario.replications
            ),
            label: format!("expected at most {MAX_REPLICATIONS}"),
        });
    }
}

/// Shift phases: at least one, starting on strictly increasing dates, at least one with a
/// shift, and no phase planning more than 24 h of shifts a day. A plain `shifts = N` is the one
/// phase `calendar.shifts`; a list's elements are `calendar.shifts[i]`.
fn check_calendar(scenario: &Scenario, problems: &mut Vec<ModelProblem>) {
    let Calendar::Shifts(calendar) = &scenario.calendar else {
        return;
    };
    let phases = &calendar.shifts;
    let plain = matches!(phases.as_slice(), [phase] if phase.from.is_none());
    let path = |index: usize, key: &str| {
        if plain {
            "calendar.shifts".to_string()
        } else {
            format!("calendar.shifts[{index}].{key}")
        }
    };
    if phases.iter().all(|phase| phase.count == 0) {
        problems.push(ModelProblem {
            key_path: "calendar.shifts".to_string(),
            message: "`shifts` in [calendar] plans no shift at all".to_string(),
            label: "expected a phase with `count` of at least 1".to_string(),
        });
    }
    // Phases anchored after a task are held back to the phase above them, so they may start
    // the same day (the later one then holds); dated phases strictly follow each other.
    let anchored = scenario
        .programme
        .anchors
        .iter()
        .any(|anchor| matches!(anchor.slot, Slot::ShiftPhase(_)));
    for (index, pair) in phases.windows(2).enumerate() {
        let ordered = match (pair[0].from, pair[1].from) {
            (Some(before), Some(after)) => before < after || (anchored && before == after),
            (None, Some(_)) => true,
            _ => false,
        };
        if !ordered {
            problems.push(ModelProblem {
                key_path: path(index + 1, "from"),
                message: format!(
                    "`shifts` in [calendar] is not sorted: element {} does not start after \
                     element {}",
                    index + 2,
                    index + 1
                ),
                label: "expected shift phases in increasing order of `from`".to_string(),
            });
        }
    }
    let length = calendar.shift_length_secs;
    if let Some((index, phase)) = phases
        .iter()
        .enumerate()
        .find(|(_, phase)| f64::from(phase.count) * length > DAY_SECS + 1e-9)
    {
        // One shift longer than a day is the length's fault, more shifts the count's.
        let key_path = if phase.count <= 1 {
            "calendar.shift_length".to_string()
        } else {
            path(index, "count")
        };
        problems.push(ModelProblem {
            key_path,
            message: format!(
                "[calendar] has {} shift{} of {} h, more than 24 h a day",
                phase.count,
                if phase.count == 1 { "" } else { "s" },
                length / 3_600.0
            ),
            label: "expected shifts x shift_length of at most 24h".to_string(),
        });
    }
}

/// People hired in all: at most [`MAX_HIRES`]; reported at the hire that crosses the cap.
fn check_hires(scenario: &Scenario, problems: &mut Vec<ModelProblem>) {
    let Some(workforce) = &scenario.workforce else {
        return;
    };
    let mut total = 0u64;
    for (index, hire) in workforce.hires.iter().enumerate() {
        total += u64::from(hire.count);
        if total > MAX_HIRES {
            problems.push(ModelProblem {
                key_path: format!("workforce.hires[{index}].count"),
                message: format!(
                    "`hires` in [workforce] hire {total} people up to element {}, out of range",
                    index + 1
                ),
                label: format!("expected at most {MAX_HIRES} people hired in all"),
            });
            return;
        }
    }
}

/// How the workforce is managed: a training place at least (with none, nobody would ever
/// be trained), an absenteeism in [0, 1) (with 1, nobody would ever be at work).
fn check_workforce_policy(scenario: &Scenario, problems: &mut Vec<ModelProblem>) {
    let Some(workforce) = &scenario.workforce else {
        return;
    };
    if workforce.training_capacity == Some(0) {
        problems.push(ModelProblem {
            key_path: "workforce.training_capacity".to_string(),
            message: "`training_capacity` in [workforce] is 0: nobody could ever be trained"
                .to_string(),
            label: "expected at least 1 person in training at once".to_string(),
        });
    }
    let absenteeism = workforce.absenteeism;
    if !(absenteeism.is_finite() && (0.0..1.0).contains(&absenteeism)) {
        problems.push(ModelProblem {
            key_path: "workforce.absenteeism".to_string(),
            message: format!("`absenteeism` in [workforce] is {absenteeism}, out of range"),
            label: "expected a share from 0 up to (not including) 1".to_string(),
        });
    }
}

/// The servers and durations of every station: cycle, time to failure and time to repair.
fn check_stations(scenario: &Scenario, problems: &mut Vec<ModelProblem>) {
    for (station_index, station) in scenario.stations.iter().enumerate() {
        let place = format!("[[station]] \"{}\"", station.id);
        if station.servers > MAX_SERVERS {
            problems.push(ModelProblem {
                key_path: format!("station[{station_index}].servers"),
                message: format!(
                    "`servers` in {place} is {}, more than a station can have",
                    station.servers
                ),
                label: format!("expected at most {MAX_SERVERS}"),
            });
        }
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

/// Each product's own cycle at a station (`[[product]] cycle`): a mean on the clock, like the
/// station's.
fn check_product_cycles(scenario: &Scenario, problems: &mut Vec<ModelProblem>) {
    for (product_index, product) in scenario.products.iter().enumerate() {
        for (station, dist) in &product.cycles {
            let station_id = scenario
                .stations
                .get(*station)
                .map_or("?", |station| station.id.as_str());
            check_mean(
                dist,
                format!("product[{product_index}].cycle.{station_id}"),
                &format!(
                    "`{station_id}` in `cycle` in [[product]] \"{}\"",
                    product.id
                ),
                problems,
            );
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
            // A limit lowers what is released, but never switches the guard off.
            let expected = capped(scenario.horizon_secs / interval.mean_secs(), *limit);
            if expected > MAX_EXPECTED_RELEASES {
                problems.push(ModelProblem {
                    key_path: "release.arrivals".to_string(),
                    message: format!(
                        "{what} would release about {expected:.1e} units over the horizon"
                    ),
                    label: format!(
                        "expected a longer mean interval, or a `limit` of at most {MAX_EXPECTED_RELEASES:.0e} units"
                    ),
                });
            }
        }
        Release::Saturated { limit } => {
            // The fastest any station could start units: what a saturated source could
            // release. Stations whose cycle is off the clock are reported above instead.
            let fastest_rate = scenario
                .stations
                .iter()
                .zip(mean_cycle_secs(scenario))
                .filter(|(station, mean)| {
                    mean_is_on_the_clock(&station.cycle) && *mean >= MIN_MEAN_SECS
                })
                .map(|(station, mean)| f64::from(station.servers) / mean)
                .fold(0.0, f64::max);
            let expected = capped(scenario.horizon_secs * fastest_rate, *limit);
            if expected > MAX_EXPECTED_RELEASES {
                problems.push(ModelProblem {
                    key_path: "release.saturated".to_string(),
                    message: format!(
                        "a saturated line could start about {expected:.1e} units over the horizon"
                    ),
                    label: format!(
                        "expected a `limit` of at most {MAX_EXPECTED_RELEASES:.0e} units, or a shorter horizon"
                    ),
                });
            }
        }
    }
}

/// `expected` units, or the release `limit` when it is lower.
fn capped(expected: f64, limit: Option<u64>) -> f64 {
    limit.map_or(expected, |limit| expected.min(limit as f64))
}

/// Units that pile up in front of the bottleneck by the horizon's end must fit in memory: at
/// most [`MAX_PEAK_WIP`]. Run only on a model without other problems, whose estimate means
/// something.
fn check_pile_up(scenario: &Scenario, problems: &mut Vec<ModelProblem>) {
    let estimate = WorkEstimate::of(scenario);
    if estimate.peak_wip <= MAX_PEAK_WIP {
        return;
    }
    let key_path = match &scenario.release {
        Release::Plan { phases, .. } => {
            // The busiest phase is the one to lower.
            let busiest = (0..phases.len())
                .max_by_key(|&index| phases[index].per_day)
                .unwrap_or(0);
            format!("release.plan[{busiest}].per_day")
        }
        Release::Arrivals { .. } => "release.arrivals".to_string(),
        Release::Saturated { .. } => "release.saturated".to_string(),
    };
    problems.push(ModelProblem {
        key_path,
        message: format!(
            "the line can only make about {:.0} units a day; the release starts about {:.0} a day, \
             which piles up about {:.1e} units by the horizon's end",
            estimate.line_per_day, estimate.release_per_day, estimate.peak_wip
        ),
        label: format!(
            "expected at most {MAX_PEAK_WIP:.0e} units waiting (in the first buffer or for \
             release): lower the release, add servers at the bottleneck, or give a `limit`"
        ),
    });
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::model::{Calendar, Hire, Learning, PlanPhase, Product, Station, Workforce, Yield};

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
            costs: None,
            programme: Default::default(),
            disruptions: Default::default(),
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
    fn a_product_cycle_below_the_clock_is_reported_at_its_key() {
        let mut line = scenario(60.0, Release::Saturated { limit: Some(10) });
        line.products.push(Product {
            id: "ev".to_string(),
            route: vec![0],
            mix: 1.0,
            kit: None,
            cycles: vec![(0, Dist::constant(0.0001).expect("a constant"))],
        });
        let problems = line.check();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].key_path, "product[0].cycle.s");
        assert_eq!(
            problems[0].message,
            "`s` in `cycle` in [[product]] \"ev\" has a mean of 0.0001 s, below the clock's resolution"
        );
    }

    #[test]
    fn the_saturated_flood_rule_reads_the_mix_weighted_cycle() {
        // A 60 s station where the only product takes 2 ms: 43 million starts in 120 days.
        let mut line = scenario(60.0, Release::Saturated { limit: None });
        line.products.push(Product {
            id: "fast".to_string(),
            route: vec![0],
            mix: 1.0,
            kit: None,
            cycles: vec![(0, Dist::constant(0.002).expect("a constant"))],
        });
        assert_eq!(key_paths(&line), ["release.saturated"]);
        line.products[0].cycles.clear();
        assert!(key_paths(&line).is_empty());
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

    #[test]
    fn ten_thousand_servers_is_the_most() {
        let mut huge = scenario(60.0, Release::Saturated { limit: Some(10) });
        huge.stations[0].servers = MAX_SERVERS;
        assert!(key_paths(&huge).is_empty());
        huge.stations[0].servers = 1 << 31;
        assert_eq!(key_paths(&huge), ["station[0].servers"]);
    }

    #[test]
    fn no_training_place_and_everybody_absent_are_reported() {
        let mut managed = scenario(60.0, Release::Saturated { limit: Some(10) });
        managed.workforce = Some(Workforce {
            training_capacity: Some(1),
            absenteeism: 0.999,
            ..Workforce::default()
        });
        assert!(key_paths(&managed).is_empty());
        managed.workforce = Some(Workforce {
            training_capacity: Some(0),
            absenteeism: 1.0,
            ..Workforce::default()
        });
        assert_eq!(
            key_paths(&managed),
            ["workforce.training_capacity", "workforce.absenteeism"]
        );
    }

    #[test]
    fn a_million_hires_in_all_is_the_most() {
        let mut hiring = scenario(60.0, Release::Saturated { limit: Some(10) });
        let hire = |count| Hire {
            date: date(2024, 1, 1),
            count,
        };
        hiring.workforce = Some(Workforce {
            hires: vec![hire(600_000), hire(400_000)],
            training_secs: 0.0,
            attrition_per_year: 0.0,
            ..Workforce::default()
        });
        assert!(key_paths(&hiring).is_empty());
        if let Some(workforce) = &mut hiring.workforce {
            workforce.hires.push(hire(1));
            workforce.hires.push(hire(u32::MAX));
        }
        assert_eq!(key_paths(&hiring), ["workforce.hires[2].count"]);
    }

    #[test]
    fn a_million_replications_is_the_most() {
        let mut many = scenario(60.0, Release::Saturated { limit: None });
        many.replications = MAX_REPLICATIONS;
        assert!(key_paths(&many).is_empty());
        many.replications = 1_000_000_000;
        assert_eq!(key_paths(&many), ["scenario.replications"]);
    }

    #[test]
    fn a_limit_no_longer_switches_the_flood_guard_off() {
        let limited = scenario(
            0.002,
            Release::Saturated {
                limit: Some(u64::MAX),
            },
        );
        assert_eq!(key_paths(&limited), ["release.saturated"]);
        let arrivals = Release::Arrivals {
            interval: Dist::constant(0.002).expect("a constant"),
            limit: Some(2_000_000_000),
        };
        assert_eq!(key_paths(&scenario(60.0, arrivals)), ["release.arrivals"]);
        // A limit below the guard is what a user gives to run such a line.
        let small = scenario(0.002, Release::Saturated { limit: Some(1_000) });
        assert!(key_paths(&small).is_empty());
    }

    #[test]
    fn a_million_a_day_into_a_slow_line_is_refused_with_the_numbers() {
        let plan = |limit| Release::Plan {
            phases: vec![PlanPhase {
                from: date(2024, 1, 1),
                per_day: 1_000_000,
            }],
            limit,
        };
        let with_product = |release| {
            let mut line = scenario(60.0, release);
            line.products.push(Product {
                id: "car".to_string(),
                route: vec![0],
                mix: 1.0,
                kit: None,
                cycles: Vec::new(),
            });
            line
        };
        // One server of 60 s makes 1,440 units a day; 120 days pile up about 1.2e8 units.
        let problems = with_product(plan(None)).check();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].key_path, "release.plan[0].per_day");
        assert!(
            problems[0].message.contains("about 1440 units a day"),
            "{problems:?}"
        );
        assert!(
            problems[0].message.contains("about 1000000 a day"),
            "{problems:?}"
        );
        assert!(problems[0].message.contains("1.2e8 units"), "{problems:?}");
        // A limit bounds the pile: the guard uses the smaller of the limit and the plan.
        assert!(key_paths(&with_product(plan(Some(5_000_000)))).is_empty());
        assert_eq!(
            key_paths(&with_product(plan(Some(50_000_000)))),
            ["release.plan[0].per_day"]
        );
    }
}

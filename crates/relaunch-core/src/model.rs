//! The validated scenario: the plant, its supply, its crew and its plan, as the core sees them.
//!
//! These types are built by `relaunch-scenario` from the TOML wire types after every
//! cross-reference has been checked, so the core can index with `usize` and never has to
//! report a user error. Durations are seconds (`f64`), dates are plant-local civil dates.

use jiff::civil::Date;

use crate::dist::Dist;

/// A whole scenario, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Human-readable name from `[scenario] name`.
    pub name: String,
    /// Day 0 of the simulation, plant-local.
    pub start: Date,
    /// Length of the simulated period, in seconds of calendar time.
    pub horizon_secs: f64,
    /// Calendar time at the start excluded from throughput, WIP, flow time and station fractions.
    pub warmup_secs: f64,
    /// Default seed (the CLI's `--seed` overrides it).
    pub seed: u64,
    /// Default number of replications (the CLI's `--replications` overrides it).
    pub replications: u32,
    pub calendar: Calendar,
    pub stations: Vec<Station>,
    pub crews: Vec<Crew>,
    pub products: Vec<Product>,
    pub kits: Vec<Kit>,
    /// `None` means no staffing limit.
    pub workforce: Option<Workforce>,
    pub learning: Learning,
    pub release: Release,
    pub milestones: Vec<Milestone>,
    /// `None` when the scenario has no `[localization]` table.
    pub localization: Option<Localization>,
    /// `None` when the scenario has no `[costs]` table.
    pub costs: Option<Costs>,
    /// The programme's tasks and risks, and what starts after a task (empty: none).
    pub programme: Programme,
    /// What the risks that occurred in one replication do to the line: filled per replication
    /// by [`crate::programme::resolve`], always empty in a scenario as read.
    pub disruptions: Disruptions,
}

/// When the plant works.
#[derive(Debug, Clone, PartialEq)]
pub enum Calendar {
    /// A 24/7 clock: every day is a workday of 24 hours, no holidays.
    AlwaysOn,
    Shifts(ShiftCalendar),
}

/// A calendar of workdays and shifts.
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftCalendar {
    /// Index 0 is Monday, 6 is Sunday.
    pub workdays: [bool; 7],
    /// Length of one shift, seconds (at most 24 h / the most shifts of a phase).
    pub shift_length_secs: f64,
    /// Shifts planned per workday, by phase (sorted by start, at least one). Before the first
    /// phase's start no shift is planned; a plain number is one phase from the first day.
    pub shifts: Vec<ShiftPhase>,
    /// Time of day the first shift starts, seconds after midnight (default 06:00).
    pub first_shift_start_secs: f64,
    /// Days off that would otherwise be workdays, sorted, without duplicates.
    pub holidays: Vec<Date>,
    /// Closed periods, both ends inclusive.
    pub shutdowns: Vec<Shutdown>,
}

/// From its start on, `count` shifts are planned on each workday (0: the plant is closed).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShiftPhase {
    /// The phase's first day; `None` for a plain `shifts = N`, which holds from the first day.
    pub from: Option<Date>,
    pub count: u32,
}

impl ShiftPhase {
    /// `count` shifts on every workday from the first day (a plain `shifts = N`).
    pub fn always(count: u32) -> ShiftPhase {
        ShiftPhase { from: None, count }
    }
}

impl ShiftCalendar {
    /// Shifts planned on a workday `date`: the count of the last phase started by then, 0 before
    /// the first phase.
    pub fn shifts_on(&self, date: Date) -> u32 {
        self.shifts
            .iter()
            .rev()
            .find(|phase| phase.from.is_none_or(|from| from <= date))
            .map_or(0, |phase| phase.count)
    }

    /// The most shifts any phase plans on a workday.
    pub fn max_shifts(&self) -> u32 {
        self.shifts
            .iter()
            .map(|phase| phase.count)
            .max()
            .unwrap_or(0)
    }
}

/// A closed period of the plant, `from` and `to` inclusive.
#[derive(Debug, Clone, PartialEq)]
pub struct Shutdown {
    pub from: Date,
    pub to: Date,
    pub reason: Option<String>,
}

/// A station: one or more identical parallel servers with a buffer in front.
#[derive(Debug, Clone, PartialEq)]
pub struct Station {
    pub id: String,
    pub shop: Option<String>,
    /// Parallel capacity, at least 1.
    pub servers: u32,
    /// Standard cycle time (before learning), seconds.
    pub cycle: Dist,
    /// Places in front of the station; `None` is unlimited.
    pub buffer: Option<u32>,
    /// Operators per shift needed to run this station.
    pub operators: u32,
    /// Breakdowns of each server; `None` means it never fails.
    pub failure: Option<Failure>,
    /// Units are inspected (first-pass yield applied) when they leave this station.
    pub inspection: bool,
    /// Units that fail inspection are sent here; after rework they count as good.
    pub rework: bool,
}

/// Breakdowns of a server: time to failure counted in the server's busy time.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub ttf: Dist,
    pub ttr: Dist,
    /// Index into [`Scenario::crews`]; `None` means repair starts at once.
    pub crew: Option<usize>,
}

/// A maintenance crew of limited size.
#[derive(Debug, Clone, PartialEq)]
pub struct Crew {
    pub id: String,
    /// Number of technicians, at least 1.
    pub size: u32,
}

/// A product: a route through stations, a share of releases, optionally a kit.
#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    pub id: String,
    /// Indices into [`Scenario::stations`], in order; not empty.
    pub route: Vec<usize>,
    /// Relative share of releases (positive; normalised over products).
    pub mix: f64,
    /// Index into [`Scenario::kits`]; one kit is consumed at release.
    pub kit: Option<usize>,
    /// This product's cycle at some stations of its route, over the station's own `cycle`:
    /// (index into [`Scenario::stations`], distribution), at most one per station.
    pub cycles: Vec<(usize, Dist)>,
}

impl Product {
    /// This product's standard cycle at `station`: its own, else the station's.
    pub fn cycle_at<'s>(&'s self, station: usize, stations: &'s [Station]) -> &'s Dist {
        self.cycles
            .iter()
            .find(|(index, _)| *index == station)
            .map_or(&stations[station].cycle, |(_, dist)| dist)
    }
}

/// Kit level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KitKind {
    Skd,
    Ckd,
    Local,
}

/// A kit supply: stock on day 0, recurring orders and known shipments.
#[derive(Debug, Clone, PartialEq)]
pub struct Kit {
    pub id: String,
    pub kind: KitKind,
    pub initial_stock: u32,
    pub orders: Vec<KitOrder>,
    pub shipments: Vec<KitShipment>,
    /// Time from an order's dispatch date to its arrival at the plant, seconds.
    pub lead_time: Dist,
    /// Price of one kit, in `currency`, if the scenario gives it.
    pub unit_price: Option<f64>,
    pub currency: Option<String>,
}

/// A recurring order: `quantity` kits dispatched on `first`, then every `every_days`
/// days while the dispatch date is on or before `until` (or one order when `every_days` is `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct KitOrder {
    pub first: Date,
    pub every_days: Option<u32>,
    pub quantity: u32,
    pub until: Option<Date>,
}

/// A shipment whose arrival date is known (already in transit): no lead time is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct KitShipment {
    pub arrives: Date,
    pub quantity: u32,
}

/// Hires, training and attrition, replacement of leavers, training capacity and absenteeism.
/// The shifts that run on a day are limited by the trained staff present.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workforce {
    pub hires: Vec<Hire>,
    /// Time from hire until the person can work, seconds.
    pub training_secs: f64,
    /// Fraction of staff leaving per year, in [0, 1).
    pub attrition_per_year: f64,
    /// Recruiting lead time of a leaver's replacement (hired that long after the person
    /// left, then trained); `None`: leavers are not replaced.
    pub replace_leavers: Option<Dist>,
    /// People in training at once; the rest wait, on the payroll, in hiring order. `None`:
    /// no limit.
    pub training_capacity: Option<u32>,
    /// Share of trained staff absent on a workday, in [0, 1).
    pub absenteeism: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hire {
    pub date: Date,
    pub count: u32,
}

/// Learning-curve model of cycle time (and of first-pass yield).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LearningModel {
    None,
    /// Unit time `T_x = T_1 x^b`.
    Crawford,
    /// Cumulative average `avg(N) = T_1 N^b`; unit time `T_1 (N^(b+1) - (N-1)^(b+1))`.
    Wright,
    /// `T_x = a (x + B)^b` with `a = T_1 / (1 + B)^b`; `prior_units` is B.
    StanfordB {
        prior_units: f64,
    },
    /// `T_x = T_1 (M + (1 - M) x^b)`; `incompressible` is M in [0, 1].
    DeJong {
        incompressible: f64,
    },
}

/// The learning table.
#[derive(Debug, Clone, PartialEq)]
pub struct Learning {
    pub model: LearningModel,
    /// Learning rate in (0, 1]; `b = log2(rate)`.
    pub rate: f64,
    /// Unit 1 takes this multiple of the standard cycle (at least 1).
    pub first_unit_factor: f64,
    /// First-pass yield climbing from `initial` to `mature` with the same curve.
    pub first_pass_yield: Option<Yield>,
}

impl Default for Learning {
    fn default() -> Self {
        Learning {
            model: LearningModel::None,
            rate: 1.0,
            first_unit_factor: 1.0,
            first_pass_yield: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Yield {
    pub initial: f64,
    pub mature: f64,
}

/// How units enter the plant.
#[derive(Debug, Clone, PartialEq)]
pub enum Release {
    /// Planned starts per workday, by phase (sorted by `from`).
    Plan {
        phases: Vec<PlanPhase>,
        limit: Option<u64>,
    },
    /// A renewal process: inter-release times drawn from `interval` (seconds of operating time).
    Arrivals { interval: Dist, limit: Option<u64> },
    /// The first station of every route never waits for work.
    Saturated { limit: Option<u64> },
}

/// From `from` on, `per_day` planned starts per workday.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanPhase {
    pub from: Date,
    pub per_day: u32,
}

/// A milestone of the ramp.
#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub id: String,
    pub kind: MilestoneKind,
    pub due: Option<Date>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MilestoneKind {
    /// Reached on the day cumulative good units reach `units`.
    Cumulative { units: u64 },
    /// Reached on the last day of the first window of `window` workdays whose mean good units
    /// per workday is at least `per_day`.
    Rate { per_day: f64, window: u32 },
    /// Reached on the last day of task `task` (an index into [`Programme::tasks`]).
    Task { task: usize },
}

/// The localization ledger: points per item over time against thresholds by date.
#[derive(Debug, Clone, PartialEq)]
pub struct Localization {
    /// Sorted by `from`, strictly increasing.
    pub thresholds: Vec<Threshold>,
    pub items: Vec<LocalizationItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    pub from: Date,
    pub points: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LocalizationItem {
    pub id: String,
    pub points: u32,
    /// Counted from this date; `None` is the scenario start.
    pub from: Option<Date>,
    /// The first day it no longer counts; `None` is never.
    pub until: Option<Date>,
}

/// What the plant costs to run, beside the kit prices of [`Kit::unit_price`]: every rate is
/// zero or more, in `currency` (one currency per scenario; see [`crate::costs`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Costs {
    /// The scenario's currency; kits with a price must be in it. `None` takes the kits' own.
    pub currency: Option<String>,
    /// Per person on the payroll per calendar day.
    pub labour_per_head_day: f64,
    /// Plant overhead per calendar day.
    pub fixed_per_day: f64,
    /// Share of a kit's price per year for each kit in stock (at the end of each day).
    pub carrying_per_year: f64,
}

/// The programme around the line: tasks with uncertain durations, a risk register, and the
/// dated things of the scenario that start after a task instead (see [`crate::programme`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Programme {
    /// In file order; `after` may point forward, the graph is acyclic.
    pub tasks: Vec<Task>,
    pub risks: Vec<Risk>,
    /// The dates of the scenario that follow a task. In a scenario as read, each such date
    /// holds its *planned* value (every task at its optimistic duration, no risk), plan and
    /// shift phases are held back to the phase above them and hires and shipments sorted by
    /// date ([`crate::programme::settle`]); each replication replaces them with its own
    /// ([`crate::programme::resolve`]).
    pub anchors: Vec<Anchor>,
    /// The plan and shift phases' dates as given, before being held back: what each
    /// replication steps from again. Empty in a scenario not settled.
    pub written: WrittenSteps,
}

/// The dates plan and shift phases start on as given, in file order (an anchored phase's
/// entry is replaced by its anchor's date in each run).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WrittenSteps {
    pub plan: Vec<Date>,
    pub shifts: Vec<Option<Date>>,
}

impl Programme {
    /// Whether the scenario has no programme at all.
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty() && self.risks.is_empty()
    }
}

/// A task of the programme. It takes whole days: a drawn duration is rounded to the nearest
/// day (`workdays`: that many workdays of the plant calendar).
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: String,
    pub duration: Dist,
    /// Finish-to-start predecessors.
    pub after: Vec<Predecessor>,
    /// Starts no earlier than this date; `None` is the scenario start.
    pub not_before: Option<Date>,
    /// Count the duration in workdays of the calendar (weekdays it works, not a holiday, not in
    /// a shutdown) instead of calendar days.
    pub workdays: bool,
}

/// A finish-to-start link: the task starts `lag_days` days after `task` finishes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Predecessor {
    /// Index into [`Programme::tasks`].
    pub task: usize,
    pub lag_days: i32,
}

/// A risk of the register: occurs in a replication with `probability`, then has its impact.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub id: String,
    pub probability: f64,
    pub impact: Impact,
    /// Risks (indices into [`Programme::risks`]) that occur whenever this one does.
    pub implies: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Impact {
    /// The task takes this much longer (rounded to whole days).
    TaskDelay { task: usize, delay: Dist },
    /// Deliveries of the kit due to arrive from `from` to `until` (inclusive) arrive this much
    /// later (one draw per replication: a shipping disruption).
    KitDelay {
        kit: usize,
        delay: Dist,
        from: Date,
        until: Date,
    },
    /// First-pass yield is `drop` lower (not below 0) on the days from `from` to `until`.
    YieldDrop { drop: f64, from: Date, until: Date },
}

/// A date of the scenario that follows a task: the day after the task's last day, plus
/// `lag_days`, not before `not_before` (when the entry also gives a date) nor the scenario
/// start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    pub slot: Slot,
    /// Index into [`Programme::tasks`].
    pub task: usize,
    pub lag_days: i32,
    /// The entry's own date, when it gives one beside `after`: the later of the two holds.
    pub not_before: Option<Date>,
}

/// Which date of the scenario an [`Anchor`] sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Slot {
    /// `release.plan[i].from` (a `Release::Plan` phase).
    PlanPhase(usize),
    /// `calendar.shifts[i].from`.
    ShiftPhase(usize),
    /// `workforce.hires[i].date`.
    Hire(usize),
    /// `kits[kit].orders[order].first` (its `until`, if any, moves with it).
    KitOrder { kit: usize, order: usize },
    /// `kits[kit].shipments[shipment].arrives`.
    KitShipment { kit: usize, shipment: usize },
    /// `localization.items[i].from`.
    LocalizationItem(usize),
}

/// What the risks that occurred do to one replication's line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Disruptions {
    pub kit_delays: Vec<KitDelay>,
    pub yield_drops: Vec<YieldDrop>,
}

impl Disruptions {
    pub fn is_empty(&self) -> bool {
        self.kit_delays.is_empty() && self.yield_drops.is_empty()
    }
}

/// Deliveries of `kit` due from `from` to `until` arrive `delay_secs` later.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KitDelay {
    pub kit: usize,
    pub from: Date,
    pub until: Date,
    pub delay_secs: f64,
}

/// First-pass yield lower by `drop` from `from` to `until`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YieldDrop {
    pub from: Date,
    pub until: Date,
    pub drop: f64,
}

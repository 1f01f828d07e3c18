//! Validation of the merged tree into the core [`Scenario`], one file per table of the format:
//! every key, every cross-reference, every range of a single value. Problems are collected, not
//! returned early, so one run reports them all.
//!
//! Problems of the model itself (stall guards, means below the clock's millisecond, ...) are
//! not checked here but by [`Scenario::check`] in the core, on the scenario read so far: every
//! part that read is checked, parts that did not are left out, and each problem's key path is
//! placed at its `file:line:column` by `locate.rs`.
//!
//! The programme (`programme.rs`: `[[task]]`, `[[risk]]` with `impact.rs`) is read around the
//! rest: tasks first, since every date that may start `after` a task (`anchor.rs`, one reader
//! for plan and shift phases, hires, kit orders and shipments, localization items) names one;
//! risks last, since they name kits. Anchored dates hold a placeholder until the scenario is
//! built, then get their planned values (`settled.rs`).

mod anchor;
mod calendar;
mod costs;
mod dated_steps;
mod header;
mod impact;
mod kits;
mod learning;
mod localization;
mod milestones;
mod products;
mod programme;
mod release;
mod settled;
mod shape;
mod stations;
mod workforce;

use relaunch_core::model::{Calendar, Programme, Release, Scenario};

use crate::checker::{Checker, TableView};
use crate::keys::KEYS;
use crate::reach;
use crate::source::Location;
use crate::tree::Table;

/// What every table reader uses.
mod prelude {
    pub(super) use jiff::civil::Date;
    pub(super) use relaunch_core::Dist;
    pub(super) use relaunch_core::model::{
        Calendar, Costs, Crew, Failure, Hire, Kit, KitKind, KitOrder, KitShipment, Learning,
        LearningModel, Localization, LocalizationItem, Milestone, MilestoneKind, PlanPhase,
        Product, Release, ShiftCalendar, ShiftPhase, Shutdown, Station, Threshold, Workforce,
        Yield,
    };

    pub(super) use super::dated_steps::{DatedSteps, read_dated_steps};
    pub(super) use super::shape::{
        IdTables, IdTablesShape, inline_tables, optional, read_id_tables, require_one, required,
        section,
    };
    pub(super) use crate::checker::{
        Checker, IdRegistry, NumberRange, PROBABILITY, TableView, Zero, quoted_list, read_array,
        read_bool, read_bounded_distribution, read_date, read_distribution, read_duration,
        read_name, read_number_in, read_string, read_table, read_u32, read_u64,
    };
    pub(super) use crate::keys::KEYS;
    pub(super) use crate::reach;
    pub(super) use crate::source::Location;
    pub(super) use crate::text_values::{parse_time_of_day, suggest};
    pub(super) use crate::tree::{Node, Table, Value};

    /// Seconds in a day.
    pub(super) const SECONDS_PER_DAY: f64 = 86_400.0;
}

/// The scenario read from the merged tree.
pub(crate) struct ConvertedScenario {
    /// Every part that read, with neutral stand-ins for the parts that did not (no stations'
    /// worth of problems, a horizon of zero): what the model checks run on.
    pub scenario: Scenario,
    /// Whether every part read; only then is `scenario` the file's scenario.
    pub complete: bool,
    /// For each array of tables whose elements can be left out (`station`, `milestone`, ...),
    /// the position in the file of each element kept, and for each list sorted with its
    /// anchored dates (`workforce.hires`, `kit[k].shipments`) the position of each sorted
    /// element, to place model problems and warnings.
    pub source_indices: SourceIndices,
}

/// Per array (`station`, `kit[2].shipments`, ...), the position in the file of each element of
/// the model's list. A nested array is named by its parent's place in the file, and comes after
/// the parent's array.
pub(crate) type SourceIndices = Vec<(String, Vec<usize>)>;

impl ConvertedScenario {
    pub(crate) fn key_path_in_file(&self, key_path: &str) -> String {
        key_path_in_file(&self.source_indices, key_path)
    }
}

/// `key_path` (which counts the elements of the model's lists) with each index into an array
/// turned into the element's position in the file: `station[1]` when the file's first station
/// did not read is the file's `station[2]`. The arrays are taken in order, so a nested one
/// (`kit[2].shipments`) applies once its parent (`kit`) has been.
pub(crate) fn key_path_in_file(source_indices: &SourceIndices, key_path: &str) -> String {
    let mut key_path = key_path.to_string();
    for (array_key, indices) in source_indices {
        let Some(rest) = key_path
            .strip_prefix(array_key)
            .and_then(|rest| rest.strip_prefix('['))
        else {
            continue;
        };
        let Some((number, after)) = rest.split_once(']') else {
            continue;
        };
        if let Some(position) = number
            .parse::<usize>()
            .ok()
            .and_then(|index| indices.get(index))
        {
            key_path = format!("{array_key}[{position}]{after}");
        }
    }
    key_path
}

/// Reads the whole merged tree; problems go to `checker.diagnostics`.
pub(crate) fn convert_scenario(checker: &mut Checker<'_>, root: &Table) -> ConvertedScenario {
    let start_of_file = Location::new(0, 0..0);
    let root_view = TableView {
        table: root,
        location: &start_of_file,
        place: "the top level",
    };
    root_view.check_keys(checker, KEYS.top_level);

    let header = header::read_scenario_header(checker, &root_view);
    let end = header.as_ref().map(|header| header.end);
    let start = header.as_ref().map(|header| header.start);
    // Tasks first: every table that starts `after` a task names it by id.
    let tasks = programme::read_tasks(checker, &root_view, start);
    let placeholder = start.unwrap_or(reach::LAST_SUPPORTED_DATE);
    let mut anchoring = anchor::Anchoring::new(&tasks.registry, tasks.usable, placeholder);
    let calendar = calendar::read_calendar(checker, &root_view, &mut anchoring);
    let crews = stations::read_crews(checker, &root_view);
    let stations = stations::read_stations(checker, &root_view, &crews.registry);
    let kits = kits::read_kits(checker, &root_view, end, &mut anchoring);
    let products = products::read_products(checker, &root_view, &stations.registry, &kits.registry);
    let workforce =
        workforce::read_workforce(checker, &root_view, calendar.as_ref(), &mut anchoring);
    workforce::check_training_reach(checker, &root_view, &workforce);
    let learning = learning::read_learning(checker, &root_view);
    let horizon_seconds = header.as_ref().map(|header| header.horizon_seconds);
    let release = release::read_release(checker, &root_view, &mut anchoring);
    let milestones = milestones::read_milestones(checker, &root_view, horizon_seconds, &anchoring);
    let localization = localization::read_localization(checker, &root_view, &mut anchoring);
    let costs = costs::read_costs(checker, &root_view);
    let horizon = programme::Horizon {
        first: placeholder,
        last: end.map_or(placeholder, |end| end.yesterday().unwrap_or(end)),
    };
    let risks = programme::read_risks(checker, &root_view, &tasks, &kits.registry, &horizon);
    let anchors = anchoring.anchors;

    let complete = header.is_some()
        && calendar.is_some()
        && workforce.is_some()
        && learning.is_some()
        && release.is_some()
        && localization.is_some()
        && costs.is_some()
        && tasks.usable
        && risks.is_some();
    let mut source_indices: SourceIndices = vec![
        ("station".to_string(), stations.source_indices),
        ("milestone".to_string(), milestones.source_indices),
        ("product".to_string(), products.source_indices),
        ("kit".to_string(), kits.source_indices),
    ];
    // Stand-ins for what did not read: a horizon of zero releases nothing, an empty plan
    // starts nothing, so no model problem is found in a part that is not there.
    let mut scenario = Scenario {
        name: header.as_ref().map_or_else(String::new, |h| h.name.clone()),
        start: header
            .as_ref()
            .map_or(reach::LAST_SUPPORTED_DATE, |h| h.start),
        horizon_secs: horizon_seconds.unwrap_or(0.0),
        warmup_secs: header.as_ref().map_or(0.0, |h| h.warmup_seconds),
        seed: header.as_ref().map_or(1, |h| h.seed),
        replications: header.as_ref().map_or(1, |h| h.replications),
        calendar: calendar.unwrap_or(Calendar::AlwaysOn),
        stations: stations.items,
        crews: crews.items,
        products: products.items,
        kits: kits.items,
        workforce: workforce.flatten(),
        learning: learning.unwrap_or_default(),
        release: release.unwrap_or(Release::Plan {
            phases: Vec::new(),
            limit: None,
        }),
        milestones: milestones.items,
        localization: localization.flatten(),
        costs: costs.flatten(),
        programme: Programme {
            tasks: tasks.items,
            risks: risks.unwrap_or_default(),
            anchors,
            written: Default::default(),
        },
        disruptions: Default::default(),
    };
    // An entry that did not read is not in its stand-in: an anchor on it would send the model
    // checks after an entry that is not there, over a problem already reported.
    if !complete {
        let anchors = std::mem::take(&mut scenario.programme.anchors);
        scenario.programme.anchors = anchors
            .into_iter()
            .filter(|anchor| relaunch_core::programme::slot_exists(&scenario, anchor.slot))
            .collect();
    }
    // Anchored dates hold a placeholder until here: give them their planned values, hold the
    // phases back and sort hires and shipments (every anchor names a task that read, see
    // `anchor.rs`).
    settled::settle_anchored(&mut scenario, &mut source_indices);
    ConvertedScenario {
        scenario,
        complete,
        source_indices,
    }
}

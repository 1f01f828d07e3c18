//! Validation of the merged tree into the core [`Scenario`]: every table and key of the
//! scenario format, every cross-reference, every range. Problems are collected, not returned
//! early, so one run reports them all.

use jiff::civil::Date;
use relaunch_core::Dist;
use relaunch_core::model::{
    Calendar, Crew, Failure, Hire, Kit, KitKind, KitOrder, KitShipment, Learning, LearningModel,
    Localization, LocalizationItem, Milestone, MilestoneKind, PlanPhase, Product, Release,
    Scenario, ShiftCalendar, Shutdown, Station, Threshold, Workforce, Yield,
};

use crate::checker::{
    Checker, IdRegistry, NumberRange, PROBABILITY, TableView, Zero, read_array, read_bool,
    read_bounded_distribution, read_date, read_distribution, read_duration, read_name,
    read_number_in, read_string, read_table, read_u32, read_u64,
};
use crate::reach;
use crate::source::Location;
use crate::text_values::{parse_time_of_day, suggest};
use crate::tree::{Node, Table, Value};

/// The keys of every table, as the reader accepts them (a test checks they match the JSON
/// Schema's properties).
pub(crate) const TOP_LEVEL_KEYS: &[&str] = &[
    "extends",
    "scenario",
    "calendar",
    "station",
    "crew",
    "product",
    "kit",
    "workforce",
    "learning",
    "release",
    "milestone",
    "localization",
];
pub(crate) const SCENARIO_KEYS: &[&str] =
    &["name", "start", "horizon", "warmup", "seed", "replications"];
pub(crate) const CALENDAR_KEYS: &[&str] = &[
    "always_on",
    "workdays",
    "shift_length",
    "shifts",
    "first_shift_start",
    "holidays",
    "shutdowns",
];
pub(crate) const SHUTDOWN_KEYS: &[&str] = &["from", "to", "reason"];
pub(crate) const STATION_KEYS: &[&str] = &[
    "id",
    "shop",
    "servers",
    "cycle",
    "buffer",
    "operators",
    "failure",
    "inspection",
    "rework",
];
pub(crate) const FAILURE_KEYS: &[&str] = &["ttf", "ttr", "crew"];
pub(crate) const CREW_KEYS: &[&str] = &["id", "size"];
pub(crate) const PRODUCT_KEYS: &[&str] = &["id", "route", "mix", "kit"];
pub(crate) const KIT_KEYS: &[&str] = &[
    "id",
    "kind",
    "initial_stock",
    "orders",
    "shipments",
    "lead_time",
    "price",
    "currency",
];
pub(crate) const KIT_ORDER_KEYS: &[&str] = &["first", "every", "quantity", "until"];
pub(crate) const KIT_SHIPMENT_KEYS: &[&str] = &["arrives", "quantity"];
pub(crate) const WORKFORCE_KEYS: &[&str] = &["hires", "training", "attrition_per_year"];
pub(crate) const HIRE_KEYS: &[&str] = &["date", "count"];
pub(crate) const LEARNING_KEYS: &[&str] = &[
    "model",
    "rate",
    "first_unit_factor",
    "prior_units",
    "incompressible",
    "first_pass_yield",
];
pub(crate) const YIELD_KEYS: &[&str] = &["initial", "mature"];
pub(crate) const RELEASE_KEYS: &[&str] = &["plan", "arrivals", "saturated", "limit"];
/// The most units an unlimited arrival process may be expected to release over the horizon.
const MAX_EXPECTED_ARRIVALS: f64 = 1e9;

pub(crate) const PLAN_PHASE_KEYS: &[&str] = &["from", "per_day"];
pub(crate) const MILESTONE_KEYS: &[&str] = &["id", "cumulative", "rate_per_day", "window", "due"];
pub(crate) const LOCALIZATION_KEYS: &[&str] = &["thresholds", "item"];
pub(crate) const THRESHOLD_KEYS: &[&str] = &["from", "points"];
pub(crate) const LOCALIZATION_ITEM_KEYS: &[&str] = &["id", "points", "from", "until"];

/// The longest horizon accepted: 50 years of 365.25 days.
pub(crate) const MAXIMUM_HORIZON_SECONDS: f64 = 50.0 * 365.25 * 86_400.0;

const SECONDS_PER_DAY: f64 = 86_400.0;

/// Reads the whole merged tree; `None` when anything was wrong (see `checker.diagnostics`).
pub(crate) fn convert_scenario(checker: &mut Checker<'_>, root: &Table) -> Option<Scenario> {
    let start_of_file = Location::new(0, 0..0);
    let root_view = TableView {
        table: root,
        location: &start_of_file,
        place: "the top level",
    };
    root_view.check_keys(checker, TOP_LEVEL_KEYS);

    let header = read_scenario_header(checker, &root_view);
    let end = header.as_ref().map(|header| header.end);
    let calendar = read_calendar(checker, &root_view);
    let crew_section = read_crews(checker, &root_view);
    let station_section = read_stations(checker, &root_view, &crew_section.registry);
    let kit_section = read_kits(checker, &root_view, end);
    let products = read_products(
        checker,
        &root_view,
        &station_section.registry,
        &kit_section.registry,
    );
    let workforce = read_workforce(checker, &root_view, calendar.as_ref());
    if let (Some(Some(workforce)), Some(training_node)) = (
        &workforce,
        root_view
            .node("workforce")
            .and_then(|node| match &node.value {
                Value::Table(table) => table.get("training").map(|entry| &entry.value),
                _ => None,
            }),
    ) && let Some(last_hire) = workforce.hires.iter().map(|hire| hire.date).max()
    {
        // Hires are counted from the day their training ends.
        reach::check_reach(
            checker,
            &training_node.location,
            "`training` in [workforce]",
            last_hire,
            workforce.training_secs,
            "the end of the last hire's training",
        );
    }
    let learning = read_learning(checker, &root_view);
    let horizon_seconds = header.as_ref().map(|h| h.horizon_seconds);
    // The fastest any station could start units: what a saturated source could release.
    let fastest_rate = station_section
        .stations
        .iter()
        .map(|station| f64::from(station.servers) / station.cycle.mean_secs())
        .fold(0.0, f64::max);
    let release = read_release(checker, &root_view, horizon_seconds, fastest_rate);
    let milestones = read_milestones(checker, &root_view, horizon_seconds);
    let localization = read_localization(checker, &root_view);

    if !checker.diagnostics.is_empty() {
        return None;
    }
    let header = header?;
    Some(Scenario {
        name: header.name,
        start: header.start,
        horizon_secs: header.horizon_seconds,
        warmup_secs: header.warmup_seconds,
        seed: header.seed,
        replications: header.replications,
        calendar: calendar?,
        stations: station_section.stations,
        crews: crew_section.crews,
        products,
        kits: kit_section.kits,
        workforce: workforce?,
        learning: learning?,
        release: release?,
        milestones,
        localization: localization?,
    })
}

/// A table under the root, or `None` (reported when `required`) when absent or not a table.
fn section<'t>(
    checker: &mut Checker<'_>,
    root: &TableView<'t>,
    key: &str,
    required_message: Option<&str>,
) -> Option<(&'t Table, &'t Location)> {
    let Some(node) = root.node(key) else {
        if let Some(label) = required_message {
            checker.error(root.location, format!("missing [{key}]"), label.to_string());
        }
        return None;
    };
    if let Value::Array(_) = node.value {
        checker.error(
            &node.location,
            format!("`{key}` must be a single table [{key}], found an array"),
            format!("write [{key}] once"),
        );
        return None;
    }
    let table = read_table(checker, node, &format!("[{key}]"))?;
    Some((table, &node.location))
}

/// The tables of an array of tables such as `[[station]]`, each with its place name.
fn array_of_tables<'t>(
    checker: &mut Checker<'_>,
    parent: &TableView<'t>,
    key: &str,
    display_name: &str,
    malformed: &mut bool,
) -> Vec<(&'t Table, &'t Location, String)> {
    let Some(node) = parent.node(key) else {
        return Vec::new();
    };
    let Value::Array(items) = &node.value else {
        checker.error(
            &node.location,
            format!(
                "`{key}` must be an array of tables, found {}",
                node.value.kind_name()
            ),
            format!("write each one as [[{display_name}]]"),
        );
        *malformed = true;
        return Vec::new();
    };
    let mut tables = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let Value::Table(table) = &item.value else {
            checker.error(
                &item.location,
                format!(
                    "each [[{display_name}]] must be a table, found {}",
                    item.value.kind_name()
                ),
                "expected a table",
            );
            continue;
        };
        let place = match table.get("id").map(|entry| &entry.value.value) {
            Some(Value::String(id)) => format!("[[{display_name}]] \"{id}\""),
            _ => format!("[[{display_name}]] number {}", index + 1),
        };
        tables.push((table, &item.location, place));
    }
    tables
}

/// Reports an array of tables the engine needs (`[[station]]`, `[[product]]`) that is missing
/// or empty (`product = []`, also when a variant replaces its base's array by an empty one).
fn require_one(checker: &mut Checker<'_>, root: &TableView<'_>, key: &str, keys: &str) {
    match root.node(key).map(|node| (node, &node.value)) {
        None => checker.error(
            root.location,
            format!("missing [[{key}]]"),
            format!("a scenario needs at least one [[{key}]] with {keys}"),
        ),
        Some((node, Value::Array(items))) if items.is_empty() => checker.error(
            &node.location,
            format!("`{key}` is empty: at least one [[{key}]] is needed"),
            format!("expected at least one [[{key}]] with {keys}"),
        ),
        Some(_) => {}
    }
}

/// The elements of an inline array of tables such as `orders = [{ ... }]`.
fn inline_tables<'t>(
    checker: &mut Checker<'_>,
    node: &'t Node,
    what: &str,
) -> Vec<(&'t Table, &'t Location, String)> {
    let Some(items) = read_array(checker, node, what) else {
        return Vec::new();
    };
    let mut tables = Vec::new();
    for (index, item) in items.iter().enumerate() {
        if let Some(table) = read_table(checker, item, &format!("element {} of {what}", index + 1))
        {
            tables.push((
                table,
                &item.location,
                format!("element {} of {what}", index + 1),
            ));
        }
    }
    tables
}

fn optional<T>(
    checker: &mut Checker<'_>,
    view: &TableView<'_>,
    key: &str,
    read: impl FnOnce(&mut Checker<'_>, &Node, &str) -> Option<T>,
) -> Option<Option<T>> {
    match view.node(key) {
        None => Some(None),
        Some(node) => read(checker, node, &view.describe(key)).map(Some),
    }
}

fn required<T>(
    checker: &mut Checker<'_>,
    view: &TableView<'_>,
    key: &str,
    expected: &str,
    read: impl FnOnce(&mut Checker<'_>, &Node, &str) -> Option<T>,
) -> Option<T> {
    let node = view.required(checker, key, expected)?;
    read(checker, node, &view.describe(key))
}

fn registered_id<'t>(
    checker: &mut Checker<'_>,
    view: &TableView<'t>,
    registry: &mut IdRegistry,
) -> Option<&'t str> {
    let node = view.required(checker, "id", "a unique name")?;
    let id = read_name(checker, node, &view.describe("id"))?;
    registry.register(checker, id, &node.location);
    Some(id)
}

struct ScenarioHeader {
    name: String,
    start: Date,
    /// The first day after the horizon (`start` plus the horizon in whole days).
    end: Date,
    horizon_seconds: f64,
    warmup_seconds: f64,
    seed: u64,
    replications: u32,
}

fn read_scenario_header(checker: &mut Checker<'_>, root: &TableView<'_>) -> Option<ScenarioHeader> {
    let (table, location) = section(
        checker,
        root,
        "scenario",
        Some("a scenario needs a [scenario] table with `name`, `start` and `horizon`"),
    )?;
    let view = TableView {
        table,
        location,
        place: "[scenario]",
    };
    view.check_keys(checker, SCENARIO_KEYS);
    let name = required(checker, &view, "name", "the scenario's name", |c, n, w| {
        read_name(c, n, w).map(str::to_string)
    });
    let start = required(
        checker,
        &view,
        "start",
        "day 0, a date like \"2024-01-08\"",
        read_date,
    );
    let horizon_node = view.required(checker, "horizon", "a duration like \"450d\"");
    let horizon_seconds = horizon_node.and_then(|node| {
        let seconds = read_duration(checker, node, &view.describe("horizon"), Zero::Refused)?;
        if seconds > MAXIMUM_HORIZON_SECONDS {
            checker.error(
                &node.location,
                format!(
                    "`horizon` in [scenario] is {:.0} days, over 50 years",
                    seconds / SECONDS_PER_DAY
                ),
                "expected at most 50 years (18262d)",
            );
            return None;
        }
        Some(seconds)
    });
    // The run reaches the first day after the horizon: it must be a supported date.
    let end = match (start, horizon_seconds, horizon_node) {
        (Some(start), Some(seconds), Some(node)) => {
            if reach::check_reach(
                checker,
                &node.location,
                &view.describe("horizon"),
                start,
                seconds,
                "the end of the run",
            ) {
                reach::add_days_within_range(start, reach::whole_days(seconds))
            } else {
                None
            }
        }
        _ => None,
    };
    let warmup_seconds = match view.node("warmup") {
        None => Some(0.0),
        Some(node) => read_duration(checker, node, &view.describe("warmup"), Zero::Allowed)
            .and_then(|seconds| {
                if horizon_seconds.is_some_and(|horizon| seconds >= horizon) {
                    checker.error(
                        &node.location,
                        "`warmup` in [scenario] is not shorter than `horizon`",
                        "expected a warm-up shorter than the horizon",
                    );
                    None
                } else {
                    Some(seconds)
                }
            }),
    };
    let seed = optional(checker, &view, "seed", |c, n, w| read_u64(c, n, w, 0));
    let replications = optional(checker, &view, "replications", |c, n, w| {
        read_u32(c, n, w, 1)
    });
    Some(ScenarioHeader {
        name: name?,
        start: start?,
        end: end?,
        horizon_seconds: horizon_seconds?,
        warmup_seconds: warmup_seconds?,
        seed: seed?.unwrap_or(1),
        replications: replications?.unwrap_or(100),
    })
}

const WEEKDAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn read_calendar(checker: &mut Checker<'_>, root: &TableView<'_>) -> Option<Calendar> {
    let Some(node) = root.node("calendar") else {
        return Some(Calendar::AlwaysOn);
    };
    let (table, location) = section(checker, root, "calendar", None)?;
    let view = TableView {
        table,
        location,
        place: "[calendar]",
    };
    view.check_keys(checker, CALENDAR_KEYS);
    let always_on = optional(checker, &view, "always_on", read_bool)?;
    if always_on == Some(true) {
        for entry in &table.entries {
            if entry.key != "always_on" && CALENDAR_KEYS.contains(&entry.key.as_str()) {
                checker.error(
                    &entry.key_location,
                    format!(
                        "`{}` in [calendar] cannot be combined with `always_on = true`",
                        entry.key
                    ),
                    "a 24/7 calendar has no workdays, shifts, holidays or shutdowns",
                );
            }
        }
        return Some(Calendar::AlwaysOn);
    }
    let _ = node;

    let workdays = match view.node("workdays") {
        None => Some([true, true, true, true, true, false, false]),
        Some(node) => read_workdays(checker, node, &view.describe("workdays")),
    };
    let shifts = optional(checker, &view, "shifts", |c, n, w| read_u32(c, n, w, 1));
    let shift_length = optional(checker, &view, "shift_length", |c, n, w| {
        read_duration(c, n, w, Zero::Refused)
    });
    let first_shift_start = optional(checker, &view, "first_shift_start", |c, n, w| {
        let text = read_string(c, n, w)?;
        match parse_time_of_day(text) {
            Ok(seconds) => Some(seconds),
            Err(error) => {
                c.error(&n.location, format!("{w}: {}", error.message), error.label);
                None
            }
        }
    });
    let shifts = shifts.map(|shifts| shifts.unwrap_or(1));
    let shift_length = shift_length.map(|length| length.unwrap_or(8.0 * 3_600.0));
    if let (Some(shifts), Some(shift_length)) = (shifts, shift_length)
        && f64::from(shifts) * shift_length > SECONDS_PER_DAY + 1e-9
    {
        let place = view
            .entry("shifts")
            .or_else(|| view.entry("shift_length"))
            .map(|entry| entry.value.location.clone())
            .unwrap_or_else(|| location.clone());
        checker.error(
            &place,
            format!(
                "[calendar] has {shifts} shifts of {} h, more than 24 h a day",
                shift_length / 3_600.0
            ),
            "expected shifts x shift_length of at most 24h",
        );
    }
    let holidays = match view.node("holidays") {
        None => Some(Vec::new()),
        Some(node) => read_array(checker, node, &view.describe("holidays")).and_then(|items| {
            let dates: Option<Vec<Date>> = items
                .iter()
                .map(|item| read_date(checker, item, &view.describe("holidays")))
                .collect::<Vec<_>>()
                .into_iter()
                .collect();
            dates.map(|mut dates| {
                dates.sort();
                dates.dedup();
                dates
            })
        }),
    };
    let mut shutdowns = Some(Vec::new());
    if let Some(node) = view.node("shutdowns") {
        for (table, item_location, place) in
            inline_tables(checker, node, &view.describe("shutdowns"))
        {
            let item = TableView {
                table,
                location: item_location,
                place: &place,
            };
            item.check_keys(checker, SHUTDOWN_KEYS);
            let from = required(checker, &item, "from", "the first closed day", read_date);
            let to = required(checker, &item, "to", "the last closed day", read_date);
            let reason = optional(checker, &item, "reason", |c, n, w| {
                read_string(c, n, w).map(str::to_string)
            });
            if let (Some(from), Some(to)) = (from, to)
                && to < from
                && let Some(to_node) = item.node("to")
            {
                checker.error(
                    &to_node.location,
                    format!("the shutdown ends ({to}) before it starts ({from})"),
                    "expected `to` on or after `from`",
                );
                shutdowns = None;
                continue;
            }
            match (from, to, reason, shutdowns.as_mut()) {
                (Some(from), Some(to), Some(reason), Some(list)) => {
                    list.push(Shutdown { from, to, reason })
                }
                _ => shutdowns = None,
            }
        }
    }
    Some(Calendar::Shifts(ShiftCalendar {
        workdays: workdays?,
        shift_length_secs: shift_length?,
        shifts: shifts?,
        first_shift_start_secs: first_shift_start?.unwrap_or(6.0 * 3_600.0),
        holidays: holidays?,
        shutdowns: shutdowns?,
    }))
}

fn read_workdays(checker: &mut Checker<'_>, node: &Node, what: &str) -> Option<[bool; 7]> {
    let items = read_array(checker, node, what)?;
    let mut workdays = [false; 7];
    let mut valid = true;
    for item in items {
        let Some(name) = read_string(checker, item, what) else {
            valid = false;
            continue;
        };
        match WEEKDAY_NAMES.iter().position(|day| *day == name) {
            Some(index) if workdays[index] => {
                checker.error(
                    &item.location,
                    format!("{what} names `{name}` twice"),
                    "expected each day once",
                );
                valid = false;
            }
            Some(index) => workdays[index] = true,
            None => {
                let label = match suggest(name, &WEEKDAY_NAMES) {
                    Some(suggestion) => format!("did you mean `{suggestion}`?"),
                    None => "expected one of mon, tue, wed, thu, fri, sat, sun".to_string(),
                };
                checker.error(
                    &item.location,
                    format!("unknown day `{name}` in {what}"),
                    label,
                );
                valid = false;
            }
        }
    }
    if valid && !workdays.contains(&true) {
        checker.error(
            &node.location,
            format!("{what} is empty"),
            "expected at least one workday",
        );
        return None;
    }
    valid.then_some(workdays)
}

struct CrewSection {
    crews: Vec<Crew>,
    registry: IdRegistry,
}

fn read_crews(checker: &mut Checker<'_>, root: &TableView<'_>) -> CrewSection {
    let mut section = CrewSection {
        crews: Vec::new(),
        registry: IdRegistry::new("crew"),
    };
    let mut malformed = false;
    let tables = array_of_tables(checker, root, "crew", "crew", &mut malformed);
    section.registry.complete = !malformed;
    for (table, location, place) in tables {
        let view = TableView {
            table,
            location,
            place: &place,
        };
        view.check_keys(checker, CREW_KEYS);
        let id = registered_id(checker, &view, &mut section.registry);
        let size = required(
            checker,
            &view,
            "size",
            "the number of technicians",
            |c, n, w| read_u32(c, n, w, 1),
        );
        if let (Some(id), Some(size)) = (id, size) {
            section.crews.push(Crew {
                id: id.to_string(),
                size,
            });
        }
    }
    section
}

struct StationSection {
    stations: Vec<Station>,
    registry: IdRegistry,
}

fn read_stations(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    crews: &IdRegistry,
) -> StationSection {
    let mut section = StationSection {
        stations: Vec::new(),
        registry: IdRegistry::new("station"),
    };
    let mut malformed = false;
    let tables = array_of_tables(checker, root, "station", "station", &mut malformed);
    section.registry.complete = !malformed;
    require_one(checker, root, "station", "`id` and `cycle`");
    let mut first_rework_location: Option<Location> = None;
    for (table, location, place) in tables {
        let view = TableView {
            table,
            location,
            place: &place,
        };
        view.check_keys(checker, STATION_KEYS);
        let id = registered_id(checker, &view, &mut section.registry);
        let shop = optional(checker, &view, "shop", |c, n, w| {
            read_name(c, n, w).map(str::to_string)
        });
        let servers = optional(checker, &view, "servers", |c, n, w| read_u32(c, n, w, 1));
        let cycle = required(
            checker,
            &view,
            "cycle",
            "the cycle time, a duration or a distribution",
            |c, n, w| read_distribution(c, n, w, Zero::Refused),
        );
        let buffer = optional(checker, &view, "buffer", read_buffer);
        let operators = optional(checker, &view, "operators", |c, n, w| read_u32(c, n, w, 0));
        let failure = optional(checker, &view, "failure", |c, n, w| {
            read_failure(c, n, w, crews)
        });
        let inspection = optional(checker, &view, "inspection", read_bool);
        let rework = optional(checker, &view, "rework", read_bool);
        if rework == Some(Some(true))
            && let Some(rework_node) = view.node("rework")
        {
            match &first_rework_location {
                Some(first) => {
                    let first_place = checker.describe_location(first);
                    checker.error(
                        &rework_node.location,
                        format!("{} is a second rework station", place),
                        format!("at most one station may have rework = true; the first is at {first_place}"),
                    );
                }
                None => first_rework_location = Some(rework_node.location.clone()),
            }
        }
        if let (
            Some(id),
            Some(shop),
            Some(servers),
            Some(cycle),
            Some(buffer),
            Some(operators),
            Some(failure),
            Some(inspection),
            Some(rework),
        ) = (
            id, shop, servers, cycle, buffer, operators, failure, inspection, rework,
        ) {
            section.stations.push(Station {
                id: id.to_string(),
                shop,
                servers: servers.unwrap_or(1),
                cycle,
                buffer: buffer.unwrap_or(None),
                operators: operators.unwrap_or(0),
                failure,
                inspection: inspection.unwrap_or(false),
                rework: rework.unwrap_or(false),
            });
        }
    }
    section
}

/// `buffer`: places in front of the station, or "unlimited" (`None`).
fn read_buffer(checker: &mut Checker<'_>, node: &Node, what: &str) -> Option<Option<u32>> {
    match &node.value {
        Value::String(text) if text == "unlimited" => Some(None),
        Value::Integer(_) | Value::IntegerOutOfRange(_) => {
            read_u32(checker, node, what, 0).map(Some)
        }
        _ => {
            checker.error(
                &node.location,
                format!("{what} must be a whole number of places or \"unlimited\""),
                "expected 0, 1, 2, ... or \"unlimited\"",
            );
            None
        }
    }
}

fn read_failure(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    crews: &IdRegistry,
) -> Option<Failure> {
    let table = read_table(checker, node, what)?;
    let view = TableView {
        table,
        location: &node.location,
        place: what,
    };
    view.check_keys(checker, FAILURE_KEYS);
    let ttf = required(
        checker,
        &view,
        "ttf",
        "time to failure, a distribution",
        |c, n, w| read_distribution(c, n, w, Zero::Refused),
    );
    let ttr = required(
        checker,
        &view,
        "ttr",
        "time to repair, a distribution",
        |c, n, w| read_distribution(c, n, w, Zero::Refused),
    );
    let crew = optional(checker, &view, "crew", |c, n, w| {
        let name = read_name(c, n, w)?;
        crews.resolve(c, name, &n.location, w)
    });
    Some(Failure {
        ttf: ttf?,
        ttr: ttr?,
        crew: crew?,
    })
}

struct KitSection {
    kits: Vec<Kit>,
    registry: IdRegistry,
}

/// `end` is the first day after the horizon, when the header was valid: order intervals and
/// lead times must not push dates past the last supported date from there.
fn read_kits(checker: &mut Checker<'_>, root: &TableView<'_>, end: Option<Date>) -> KitSection {
    let mut section = KitSection {
        kits: Vec::new(),
        registry: IdRegistry::new("kit"),
    };
    let mut malformed = false;
    let tables = array_of_tables(checker, root, "kit", "kit", &mut malformed);
    section.registry.complete = !malformed;
    for (table, location, place) in tables {
        let view = TableView {
            table,
            location,
            place: &place,
        };
        view.check_keys(checker, KIT_KEYS);
        let id = registered_id(checker, &view, &mut section.registry);
        let kind = optional(checker, &view, "kind", |c, n, w| {
            let text = read_string(c, n, w)?;
            match text {
                "SKD" => Some(KitKind::Skd),
                "CKD" => Some(KitKind::Ckd),
                "local" => Some(KitKind::Local),
                _ => {
                    let label = match suggest(text, &["SKD", "CKD", "local"]) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None => "expected \"SKD\", \"CKD\" or \"local\"".to_string(),
                    };
                    c.error(
                        &n.location,
                        format!("unknown kit kind `{text}` in {w}"),
                        label,
                    );
                    None
                }
            }
        });
        let initial_stock = optional(checker, &view, "initial_stock", |c, n, w| {
            read_u32(c, n, w, 0)
        });
        let mut orders = Some(Vec::new());
        if let Some(node) = view.node("orders") {
            for (table, item_location, item_place) in
                inline_tables(checker, node, &view.describe("orders"))
            {
                let order = read_kit_order(checker, table, item_location, &item_place, end);
                match (order, orders.as_mut()) {
                    (Some(order), Some(list)) => list.push(order),
                    _ => orders = None,
                }
            }
        }
        let mut shipments = Some(Vec::new());
        if let Some(node) = view.node("shipments") {
            for (table, item_location, item_place) in
                inline_tables(checker, node, &view.describe("shipments"))
            {
                let item = TableView {
                    table,
                    location: item_location,
                    place: &item_place,
                };
                item.check_keys(checker, KIT_SHIPMENT_KEYS);
                let arrives = required(checker, &item, "arrives", "the arrival date", read_date);
                let quantity = required(
                    checker,
                    &item,
                    "quantity",
                    "kits in the shipment",
                    |c, n, w| read_u32(c, n, w, 1),
                );
                match (arrives, quantity, shipments.as_mut()) {
                    (Some(arrives), Some(quantity), Some(list)) => {
                        list.push(KitShipment { arrives, quantity })
                    }
                    _ => shipments = None,
                }
            }
        }
        // Kits arrive a lead time after a dispatch: one before the end of the horizon, or an
        // order's `first` (pre-flight warnings compute that arrival even after the horizon).
        let latest_dispatch = end.map(|end| {
            orders
                .iter()
                .flatten()
                .map(|order| order.first)
                .fold(end, Date::max)
        });
        let lead_time = optional(checker, &view, "lead_time", |c, n, w| {
            let (dist, bound) = read_bounded_distribution(c, n, w, Zero::Allowed)?;
            match latest_dispatch {
                Some(from)
                    if !reach::check_reach(c, &n.location, w, from, bound, "a kit arrival") =>
                {
                    None
                }
                _ => Some(dist),
            }
        });
        let price = optional(checker, &view, "price", |c, n, w| {
            read_number_in(
                c,
                n,
                w,
                &NumberRange {
                    minimum: 0.0,
                    minimum_included: true,
                    maximum: f64::INFINITY,
                    maximum_included: false,
                    description: "a price of zero or more",
                },
            )
        });
        let currency = optional(checker, &view, "currency", |c, n, w| {
            read_name(c, n, w).map(str::to_string)
        });
        if let (
            Some(id),
            Some(kind),
            Some(initial_stock),
            Some(orders),
            Some(shipments),
            Some(lead_time),
            Some(price),
            Some(currency),
        ) = (
            id,
            kind,
            initial_stock,
            orders,
            shipments,
            lead_time,
            price,
            currency,
        ) {
            let lead_time = match lead_time {
                Some(lead_time) => lead_time,
                None => match Dist::constant(0.0) {
                    Ok(zero) => zero,
                    Err(_) => continue,
                },
            };
            section.kits.push(Kit {
                id: id.to_string(),
                kind: kind.unwrap_or(KitKind::Skd),
                initial_stock: initial_stock.unwrap_or(0),
                orders,
                shipments,
                lead_time,
                unit_price: price,
                currency,
            });
        }
    }
    section
}

fn read_kit_order(
    checker: &mut Checker<'_>,
    table: &Table,
    location: &Location,
    place: &str,
    end: Option<Date>,
) -> Option<KitOrder> {
    let view = TableView {
        table,
        location,
        place,
    };
    view.check_keys(checker, KIT_ORDER_KEYS);
    let first = required(
        checker,
        &view,
        "first",
        "the first dispatch date",
        read_date,
    );
    let every_days = optional(checker, &view, "every", |c, n, w| {
        let seconds = read_duration(c, n, w, Zero::Refused)?;
        let days = seconds / SECONDS_PER_DAY;
        if days.fract() != 0.0 || days < 1.0 || days > f64::from(u32::MAX) {
            c.error(
                &n.location,
                format!("{w} must be a whole number of days"),
                "expected a duration like \"14d\" or \"2w\"",
            );
            return None;
        }
        // The next dispatch is computed after every one inside the horizon.
        if let Some(end) = end
            && !reach::check_reach(c, &n.location, w, end, seconds, "the next dispatch")
        {
            return None;
        }
        Some(days as u32)
    });
    let quantity = required(checker, &view, "quantity", "kits per order", |c, n, w| {
        read_u32(c, n, w, 1)
    });
    let until = optional(checker, &view, "until", read_date);
    if let (Some(first), Some(Some(until))) = (first, until)
        && until < first
        && let Some(until_node) = view.node("until")
    {
        checker.error(
            &until_node.location,
            format!(
                "{} ends ({until}) before its first dispatch ({first})",
                place
            ),
            "expected `until` on or after `first`",
        );
        return None;
    }
    Some(KitOrder {
        first: first?,
        every_days: every_days?,
        quantity: quantity?,
        until: until?,
    })
}

fn read_products(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    stations: &IdRegistry,
    kits: &IdRegistry,
) -> Vec<Product> {
    let mut products = Vec::new();
    let mut registry = IdRegistry::new("product");
    let tables = array_of_tables(checker, root, "product", "product", &mut false);
    require_one(checker, root, "product", "`id` and `route`");
    for (table, location, place) in tables {
        let view = TableView {
            table,
            location,
            place: &place,
        };
        view.check_keys(checker, PRODUCT_KEYS);
        let id = registered_id(checker, &view, &mut registry);
        let route = required(
            checker,
            &view,
            "route",
            "the station ids in order",
            |c, n, w| {
                let items = read_array(c, n, w)?;
                if items.is_empty() {
                    c.error(
                        &n.location,
                        format!("{w} is empty"),
                        "expected at least one station id",
                    );
                    return None;
                }
                let indices: Vec<Option<usize>> = items
                    .iter()
                    .map(|item| {
                        let name = read_name(c, item, w)?;
                        stations.resolve(c, name, &item.location, &format!("the route of {place}"))
                    })
                    .collect();
                indices.into_iter().collect::<Option<Vec<usize>>>()
            },
        );
        let mix = optional(checker, &view, "mix", |c, n, w| {
            read_number_in(
                c,
                n,
                w,
                &NumberRange {
                    minimum: 0.0,
                    minimum_included: false,
                    maximum: f64::INFINITY,
                    maximum_included: false,
                    description: "a share greater than zero",
                },
            )
        });
        let kit = optional(checker, &view, "kit", |c, n, w| {
            let name = read_name(c, n, w)?;
            kits.resolve(c, name, &n.location, w)
        });
        if let (Some(id), Some(route), Some(mix), Some(kit)) = (id, route, mix, kit) {
            products.push(Product {
                id: id.to_string(),
                route,
                mix: mix.unwrap_or(1.0),
                kit,
            });
        }
    }
    products
}

/// `Some(None)` when there is no [workforce]; `None` after a problem.
fn read_workforce(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    calendar: Option<&Calendar>,
) -> Option<Option<Workforce>> {
    if root.node("workforce").is_none() {
        return Some(None);
    }
    let (table, location) = section(checker, root, "workforce", None)?;
    let view = TableView {
        table,
        location,
        place: "[workforce]",
    };
    view.check_keys(checker, WORKFORCE_KEYS);
    let calendar_is_always_on = match root.node("calendar") {
        None => true,
        Some(_) => matches!(calendar, Some(Calendar::AlwaysOn)),
    };
    if calendar_is_always_on {
        checker.error(
            location,
            "[workforce] needs a shift calendar, but the calendar is 24/7",
            "staffing limits the shifts that run; add [calendar] with workdays and shifts",
        );
    }
    let mut hires = Some(Vec::new());
    if let Some(node) = view.node("hires") {
        for (table, item_location, place) in inline_tables(checker, node, &view.describe("hires")) {
            let item = TableView {
                table,
                location: item_location,
                place: &place,
            };
            item.check_keys(checker, HIRE_KEYS);
            let date = required(checker, &item, "date", "the hiring date", read_date);
            let count = required(checker, &item, "count", "people hired", |c, n, w| {
                read_u32(c, n, w, 1)
            });
            match (date, count, hires.as_mut()) {
                (Some(date), Some(count), Some(list)) => list.push(Hire { date, count }),
                _ => hires = None,
            }
        }
    }
    let training = optional(checker, &view, "training", |c, n, w| {
        read_duration(c, n, w, Zero::Allowed)
    });
    let attrition = optional(checker, &view, "attrition_per_year", |c, n, w| {
        read_number_in(
            c,
            n,
            w,
            &NumberRange {
                minimum: 0.0,
                minimum_included: true,
                maximum: 1.0,
                maximum_included: false,
                description: "a fraction per year from 0 up to (not including) 1",
            },
        )
    });
    Some(Some(Workforce {
        hires: hires?,
        training_secs: training?.unwrap_or(0.0),
        attrition_per_year: attrition?.unwrap_or(0.0),
    }))
}

const LEARNING_MODELS: [&str; 5] = ["none", "crawford", "wright", "stanford-b", "dejong"];

fn read_learning(checker: &mut Checker<'_>, root: &TableView<'_>) -> Option<Learning> {
    if root.node("learning").is_none() {
        return Some(Learning::default());
    }
    let (table, location) = section(checker, root, "learning", None)?;
    let view = TableView {
        table,
        location,
        place: "[learning]",
    };
    view.check_keys(checker, LEARNING_KEYS);
    let model_name = optional(checker, &view, "model", |c, n, w| {
        let text = read_string(c, n, w)?;
        if LEARNING_MODELS.contains(&text) {
            return Some(text.to_string());
        }
        let label = match suggest(text, &LEARNING_MODELS) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!(
                "expected one of {}",
                crate::checker::quoted_list(&LEARNING_MODELS)
            ),
        };
        c.error(
            &n.location,
            format!("unknown learning model `{text}` in {w}"),
            label,
        );
        None
    });
    let rate = optional(checker, &view, "rate", |c, n, w| {
        read_number_in(
            c,
            n,
            w,
            &NumberRange {
                minimum: 0.0,
                minimum_included: false,
                maximum: 1.0,
                maximum_included: true,
                description: "a learning rate greater than 0 and at most 1 (0.85 is an 85% curve)",
            },
        )
    });
    let first_unit_factor = optional(checker, &view, "first_unit_factor", |c, n, w| {
        read_number_in(
            c,
            n,
            w,
            &NumberRange {
                minimum: 1.0,
                minimum_included: true,
                maximum: f64::INFINITY,
                maximum_included: false,
                description: "a factor of 1 or more",
            },
        )
    });
    let model_name = model_name.map(|name| name.unwrap_or_else(|| "none".to_string()));
    let mut model_specific = |key: &str, model: &str, range: NumberRange| -> Option<f64> {
        let node = view.node(key)?;
        if model_name.as_deref().is_some_and(|name| name != model) {
            checker.error(
                &view
                    .entry(key)
                    .map(|entry| entry.key_location.clone())
                    .unwrap_or_else(|| node.location.clone()),
                format!("`{key}` in [learning] is only for model = \"{model}\""),
                format!("remove it, or set model = \"{model}\""),
            );
            return None;
        }
        read_number_in(checker, node, &view.describe(key), &range)
    };
    let prior_units = model_specific(
        "prior_units",
        "stanford-b",
        NumberRange {
            minimum: 0.0,
            minimum_included: true,
            maximum: f64::INFINITY,
            maximum_included: false,
            description: "a number of prior units, 0 or more",
        },
    );
    let incompressible = model_specific(
        "incompressible",
        "dejong",
        NumberRange {
            description: "an incompressible fraction from 0 to 1",
            ..PROBABILITY
        },
    );
    let first_pass_yield = optional(checker, &view, "first_pass_yield", |c, n, w| {
        let table = read_table(c, n, w)?;
        let yield_view = TableView {
            table,
            location: &n.location,
            place: w,
        };
        yield_view.check_keys(c, YIELD_KEYS);
        let initial = required(
            c,
            &yield_view,
            "initial",
            "the first-pass yield of unit 1",
            |c, n, w| read_number_in(c, n, w, &PROBABILITY),
        );
        let mature = required(
            c,
            &yield_view,
            "mature",
            "the yield once learned",
            |c, n, w| read_number_in(c, n, w, &PROBABILITY),
        );
        let (initial, mature) = (initial?, mature?);
        if initial > mature {
            c.error(
                &n.location,
                format!("{w} starts above its mature value ({initial} > {mature})"),
                "expected initial <= mature",
            );
            return None;
        }
        Some(Yield { initial, mature })
    });
    let model = match model_name?.as_str() {
        "crawford" => LearningModel::Crawford,
        "wright" => LearningModel::Wright,
        "stanford-b" => LearningModel::StanfordB {
            prior_units: prior_units.unwrap_or(0.0),
        },
        "dejong" => LearningModel::DeJong {
            incompressible: incompressible.unwrap_or(0.0),
        },
        _ => LearningModel::None,
    };
    if (view.node("prior_units").is_some() && prior_units.is_none())
        || (view.node("incompressible").is_some() && incompressible.is_none())
    {
        return None;
    }
    Some(Learning {
        model,
        rate: rate?.unwrap_or(1.0),
        first_unit_factor: first_unit_factor?.unwrap_or(1.0),
        first_pass_yield: first_pass_yield?,
    })
}

fn read_release(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    horizon_seconds: Option<f64>,
    fastest_rate: f64,
) -> Option<Release> {
    let (table, location) = section(
        checker,
        root,
        "release",
        Some("a scenario needs [release] with one of `plan`, `arrivals` or `saturated = true`"),
    )?;
    let view = TableView {
        table,
        location,
        place: "[release]",
    };
    view.check_keys(checker, RELEASE_KEYS);
    let limit = optional(checker, &view, "limit", |c, n, w| read_u64(c, n, w, 1));
    let saturated = optional(checker, &view, "saturated", read_bool);
    let mut chosen: Vec<&str> = Vec::new();
    if view.node("plan").is_some() {
        chosen.push("plan");
    }
    if view.node("arrivals").is_some() {
        chosen.push("arrivals");
    }
    if saturated == Some(Some(true)) {
        chosen.push("saturated");
    }
    chosen.sort_by_key(|key| {
        view.entry(key)
            .map_or(usize::MAX, |entry| entry.key_location.span.start)
    });
    if chosen.len() > 1 {
        let second = view
            .entry(chosen[1])
            .map(|entry| entry.key_location.clone())
            .unwrap_or_else(|| location.clone());
        checker.error(
            &second,
            format!("[release] has both `{}` and `{}`", chosen[0], chosen[1]),
            "expected exactly one of `plan`, `arrivals` or `saturated = true`",
        );
        return None;
    }
    let limit = limit?;
    match chosen.first().copied() {
        None => {
            if saturated.is_some() {
                checker.error(
                    location,
                    "[release] has none of `plan`, `arrivals` or `saturated = true`",
                    "add a release plan, an arrival distribution or `saturated = true`",
                );
            }
            None
        }
        Some("plan") => {
            let node = view.node("plan")?;
            let what = view.describe("plan");
            let items = read_array(checker, node, &what)?;
            if items.is_empty() {
                checker.error(
                    &node.location,
                    format!("{what} is empty"),
                    "expected at least one phase { from, per_day }",
                );
                return None;
            }
            let phases = read_dated_steps(
                checker,
                node,
                &what,
                &DatedSteps {
                    keys: PLAN_PHASE_KEYS,
                    from_what: "the phase's first day",
                    count_key: "per_day",
                    count_what: "planned starts per workday",
                    count_max: 1_000_000,
                    order: "expected phases in increasing order of `from`",
                },
            )
            .map(|steps| {
                steps
                    .into_iter()
                    .map(|(from, per_day)| PlanPhase { from, per_day })
                    .collect()
            });
            Some(Release::Plan {
                phases: phases?,
                limit,
            })
        }
        Some("arrivals") => {
            let node = view.node("arrivals")?;
            let interval =
                read_distribution(checker, node, &view.describe("arrivals"), Zero::Refused)?;
            // An arrival process that would release billions of units is a typo, not a plant,
            // and would run for hours: ask for a `limit` instead.
            let expected = horizon_seconds.map_or(0.0, |h| h / interval.mean_secs());
            if limit.is_none() && expected > MAX_EXPECTED_ARRIVALS {
                checker.error(
                    &node.location,
                    format!(
                        "{} would release about {expected:.1e} units over the horizon",
                        view.describe("arrivals")
                    ),
                    "expected a longer mean interval, or a `limit` on the units released",
                );
                return None;
            }
            Some(Release::Arrivals { interval, limit })
        }
        _ => {
            let expected = horizon_seconds.map_or(0.0, |h| h * fastest_rate);
            if limit.is_none() && expected > MAX_EXPECTED_ARRIVALS {
                let location = view.node("saturated").map_or(location, |n| &n.location);
                checker.error(
                    location,
                    format!(
                        "a saturated line could start about {expected:.1e} units over the horizon"
                    ),
                    "expected a `limit` on the units released, or a shorter horizon",
                );
                return None;
            }
            Some(Release::Saturated { limit })
        }
    }
}

/// Milestones (none is fine). A rate window longer than the horizon (`horizon_seconds`, when
/// known) could never fill, and is refused.
fn read_milestones(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    horizon_seconds: Option<f64>,
) -> Vec<Milestone> {
    let mut milestones = Vec::new();
    let mut registry = IdRegistry::new("milestone");
    for (table, location, place) in
        array_of_tables(checker, root, "milestone", "milestone", &mut false)
    {
        let view = TableView {
            table,
            location,
            place: &place,
        };
        view.check_keys(checker, MILESTONE_KEYS);
        let id = registered_id(checker, &view, &mut registry);
        let due = optional(checker, &view, "due", read_date);
        let kind = match (view.node("cumulative"), view.node("rate_per_day")) {
            (Some(_), Some(_)) => {
                let rate_location = view
                    .entry("rate_per_day")
                    .map(|entry| entry.key_location.clone())
                    .unwrap_or_else(|| location.clone());
                checker.error(
                    &rate_location,
                    format!("{place} has both `cumulative` and `rate_per_day`"),
                    "expected exactly one of them",
                );
                None
            }
            (None, None) => {
                checker.error(
                    location,
                    format!("{place} has neither `cumulative` nor `rate_per_day`"),
                    "add `cumulative = N` good units, or `rate_per_day = X` with `window = N`",
                );
                None
            }
            (Some(node), None) => {
                if let Some(window_entry) = view.entry("window") {
                    checker.error(
                        &window_entry.key_location,
                        format!("`window` in {place} is only for `rate_per_day` milestones"),
                        "remove it, or use `rate_per_day`",
                    );
                }
                read_u64(checker, node, &view.describe("cumulative"), 1)
                    .map(|units| MilestoneKind::Cumulative { units })
            }
            (None, Some(node)) => {
                let per_day = read_number_in(
                    checker,
                    node,
                    &view.describe("rate_per_day"),
                    &NumberRange {
                        minimum: 0.0,
                        minimum_included: false,
                        maximum: f64::INFINITY,
                        maximum_included: false,
                        description: "good units per workday, greater than zero",
                    },
                );
                let window = optional(checker, &view, "window", |c, n, w| {
                    let window = read_u32(c, n, w, 1)?;
                    let horizon_days = horizon_seconds.map_or(i64::MAX, reach::whole_days);
                    if i64::from(window) > horizon_days {
                        c.error(
                            &n.location,
                            format!("{w} is {window} workdays, longer than the horizon"),
                            format!("expected at most {horizon_days} (the horizon's days)"),
                        );
                        return None;
                    }
                    Some(window)
                });
                match (per_day, window) {
                    (Some(per_day), Some(window)) => Some(MilestoneKind::Rate {
                        per_day,
                        window: window.unwrap_or(5),
                    }),
                    _ => None,
                }
            }
        };
        if let (Some(id), Some(kind), Some(due)) = (id, kind, due) {
            milestones.push(Milestone {
                id: id.to_string(),
                kind,
                due,
            });
        }
    }
    milestones
}

/// `Some(None)` when there is no [localization]; `None` after a problem.
fn read_localization(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
) -> Option<Option<Localization>> {
    if root.node("localization").is_none() {
        return Some(None);
    }
    let (table, location) = section(checker, root, "localization", None)?;
    let view = TableView {
        table,
        location,
        place: "[localization]",
    };
    view.check_keys(checker, LOCALIZATION_KEYS);
    let mut thresholds = Some(Vec::new());
    if let Some(node) = view.node("thresholds") {
        let what = view.describe("thresholds");
        thresholds = read_dated_steps(
            checker,
            node,
            &what,
            &DatedSteps {
                keys: THRESHOLD_KEYS,
                from_what: "the date the threshold applies from",
                count_key: "points",
                count_what: "the points required",
                count_max: u32::MAX,
                order: "expected thresholds in strictly increasing order of `from`",
            },
        )
        .map(|steps| {
            steps
                .into_iter()
                .map(|(from, points)| Threshold { from, points })
                .collect()
        });
    }
    let mut items = Some(Vec::new());
    let mut registry = IdRegistry::new("localization item");
    for (table, item_location, place) in
        array_of_tables(checker, &view, "item", "localization.item", &mut false)
    {
        let item = TableView {
            table,
            location: item_location,
            place: &place,
        };
        item.check_keys(checker, LOCALIZATION_ITEM_KEYS);
        let id = registered_id(checker, &item, &mut registry);
        let points = required(checker, &item, "points", "the item's points", |c, n, w| {
            read_u32(c, n, w, 0)
        });
        let from = optional(checker, &item, "from", read_date);
        let until = optional(checker, &item, "until", read_date);
        if let (Some(Some(from)), Some(Some(until))) = (from, until)
            && until <= from
        {
            let until_location = item
                .node("until")
                .map(|n| n.location.clone())
                .unwrap_or_else(|| item_location.clone());
            checker.error(
                &until_location,
                format!("{place} ends ({until}) before it starts ({from})"),
                "expected `until` after `from`",
            );
            items = None;
            continue;
        }
        match (id, points, from, until, items.as_mut()) {
            (Some(id), Some(points), Some(from), Some(until), Some(list)) => {
                list.push(LocalizationItem {
                    id: id.to_string(),
                    points,
                    from,
                    until,
                })
            }
            _ => items = None,
        }
    }
    Some(Some(Localization {
        thresholds: thresholds?,
        items: items?,
    }))
}

/// The shape of a list of dated steps `[{ from = "date", <count_key> = N }, ...]`.
struct DatedSteps {
    keys: &'static [&'static str],
    from_what: &'static str,
    count_key: &'static str,
    count_what: &'static str,
    /// The largest sensible count (a plant starts no million cars a day).
    count_max: u32,
    /// The expectation shown when `from` dates are not strictly increasing.
    order: &'static str,
}

/// Reads a list of dated steps (release plan phases, localization thresholds) whose `from`
/// dates must be strictly increasing. `None` after a problem (every problem is reported).
fn read_dated_steps(
    checker: &mut Checker<'_>,
    node: &Node,
    what: &str,
    steps: &DatedSteps,
) -> Option<Vec<(Date, u32)>> {
    let mut list = Some(Vec::new());
    let mut previous: Option<Date> = None;
    for (table, item_location, place) in inline_tables(checker, node, what) {
        let item = TableView {
            table,
            location: item_location,
            place: &place,
        };
        item.check_keys(checker, steps.keys);
        let from = required(checker, &item, "from", steps.from_what, read_date);
        let count = required(
            checker,
            &item,
            steps.count_key,
            steps.count_what,
            |c, n, w| {
                let count = read_u32(c, n, w, 0)?;
                if count > steps.count_max {
                    c.error(
                        &n.location,
                        format!("{w} is {count}, out of range"),
                        format!("expected at most {}", steps.count_max),
                    );
                    return None;
                }
                Some(count)
            },
        );
        if let (Some(from), Some(before)) = (from, previous)
            && from <= before
        {
            let from_location = item
                .node("from")
                .map(|n| n.location.clone())
                .unwrap_or_else(|| item_location.clone());
            checker.error(
                &from_location,
                format!("{what} is not sorted: {from} is not after {before}"),
                steps.order,
            );
            list = None;
        }
        if from.is_some() {
            previous = from;
        }
        match (from, count, list.as_mut()) {
            (Some(from), Some(count), Some(steps)) => steps.push((from, count)),
            _ => list = None,
        }
    }
    list
}

//! `[[task]]` and `[[risk]]`: the programme around the line. Tasks are read first (the tables
//! that start `after` a task resolve its id to an index); their `after` links may point forward,
//! so they are resolved once every id is known, and the graph must have no cycle. Risks are
//! read after the kits, whose ids their shipping disruptions name.

use relaunch_core::model::{Predecessor, Risk, Task};

use super::prelude::*;
use crate::checker::read_lag;

/// The tasks read, with what the rest of the file needs of them.
pub(super) struct Tasks {
    /// The tasks, their links resolved (empty when `usable` is false).
    pub items: Vec<Task>,
    pub registry: IdRegistry,
    /// Whether every task and every link read: only then is an id's index in `registry` the
    /// task's index in `items`, and may other tables refer to tasks by index.
    pub usable: bool,
}

/// A link as written: the predecessor's id and where, and its lag (`None`: the task's).
struct WrittenLink {
    id: String,
    location: Location,
    lag_days: Option<i32>,
}

/// A task read but for its links, which need every id.
struct WrittenTask {
    task: Task,
    links: Vec<WrittenLink>,
    lag_days: i32,
    /// Where `after` is, to report a cycle through this task.
    after: Option<Location>,
}

/// Reads `[[task]]`. `start` is the scenario start, when the header read (a task's `from` must
/// not be before it).
pub(super) fn read_tasks(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    start: Option<Date>,
) -> Tasks {
    let shape = IdTablesShape {
        key: "task",
        display_name: "task",
        registry_kind: "task",
        keys: KEYS.task,
    };
    let written = read_id_tables(checker, root, &shape, |checker, view, id| {
        read_task(checker, view, id, start)
    });
    let mut usable = written.all_read;
    let mut items = Vec::with_capacity(written.items.len());
    let mut after_nodes = Vec::with_capacity(written.items.len());
    for (index, written_task) in written.items.into_iter().enumerate() {
        let mut task = written_task.task;
        for link in &written_task.links {
            let what = format!("`after` in [[task]] \"{}\"", task.id);
            let Some(predecessor) =
                written
                    .registry
                    .resolve(checker, &link.id, &link.location, &what)
            else {
                usable = false;
                continue;
            };
            if predecessor == index && written.all_read {
                checker.error(
                    &link.location,
                    format!("[[task]] \"{}\" is after itself", task.id),
                    "expected other tasks' ids",
                );
                usable = false;
                continue;
            }
            task.after.push(Predecessor {
                task: predecessor,
                lag_days: link.lag_days.unwrap_or(written_task.lag_days),
            });
        }
        after_nodes.push(written_task.after);
        items.push(task);
    }
    if usable {
        report_cycles(checker, &items, &after_nodes);
    }
    Tasks {
        items: if usable { items } else { Vec::new() },
        registry: written.registry,
        usable,
    }
}

fn read_task(
    checker: &mut Checker<'_>,
    view: &TableView<'_>,
    id: Option<&str>,
    start: Option<Date>,
) -> Option<WrittenTask> {
    let duration = required(checker, view, "duration", "how long it takes", |c, n, w| {
        read_distribution(c, n, w, Zero::Allowed)
    });
    let lag = optional(checker, view, "lag", read_lag);
    let not_before = optional(checker, view, "from", |c, n, w| {
        let date = read_date(c, n, w)?;
        match start {
            Some(start) if date < start => {
                c.error(
                    &n.location,
                    format!("{w} ({date}) is before the scenario start ({start})"),
                    format!("expected {start} or later"),
                );
                None
            }
            _ => Some(date),
        }
    });
    let workdays = optional(checker, view, "workdays", read_bool);
    let after = view.node("after");
    let links = match after {
        None => Some(Vec::new()),
        Some(node) => read_links(checker, node, &view.describe("after")),
    };
    if let (None, Some(lag_entry)) = (after, view.entry("lag")) {
        checker.error(
            &lag_entry.key_location,
            format!("`lag` in {} is only for `after`", view.place),
            "add `after`, the tasks it follows, or remove `lag`",
        );
        return None;
    }
    Some(WrittenTask {
        task: Task {
            id: id?.to_string(),
            duration: duration?,
            after: Vec::new(),
            not_before: not_before?,
            workdays: workdays?.unwrap_or(false),
        },
        links: links?,
        lag_days: lag?.unwrap_or(0),
        after: after.map(|node| node.location.clone()),
    })
}

/// `after`: one id, or a list of ids and `{ task = "id", lag = "3d" }` links.
fn read_links(checker: &mut Checker<'_>, node: &Node, what: &str) -> Option<Vec<WrittenLink>> {
    let items = match &node.value {
        Value::String(_) => std::slice::from_ref(node),
        Value::Array(items) => items.as_slice(),
        _ => {
            checker.error(
                &node.location,
                format!(
                    "{what} must be a task id or a list of them, found {}",
                    node.value.kind_name()
                ),
                "expected \"task\", or [\"task\", { task = \"other\", lag = \"3d\" }]",
            );
            return None;
        }
    };
    let mut links = Some(Vec::new());
    for (index, item) in items.iter().enumerate() {
        let link = match &item.value {
            Value::Table(table) => {
                let place = format!("element {} of {what}", index + 1);
                let view = TableView {
                    table,
                    location: &item.location,
                    place: &place,
                };
                view.check_keys(checker, KEYS.task_link);
                let id_node = view.required(checker, "task", "the predecessor's id");
                let id = id_node.and_then(|n| read_name(checker, n, &view.describe("task")));
                let lag = optional(checker, &view, "lag", read_lag);
                match (id_node, id, lag) {
                    (Some(node), Some(id), Some(lag_days)) => Some(WrittenLink {
                        id: id.to_string(),
                        location: node.location.clone(),
                        lag_days,
                    }),
                    _ => None,
                }
            }
            _ => read_name(checker, item, what).map(|id| WrittenLink {
                id: id.to_string(),
                location: item.location.clone(),
                lag_days: None,
            }),
        };
        match (link, links.as_mut()) {
            (Some(link), Some(list)) => list.push(link),
            _ => links = None,
        }
    }
    links
}

/// Reports every cycle of `after` links once, at the `after` of its first task in the file:
/// "`a` → `b` → `c` → `a`" (each arrow reads "comes before").
fn report_cycles(checker: &mut Checker<'_>, tasks: &[Task], after_nodes: &[Option<Location>]) {
    // The core's search, the same that `Scenario::check` runs, so both report the same cycles.
    for cycle in relaunch_core::check::cycles(tasks) {
        let Some(&first) = cycle.first() else {
            continue;
        };
        let mut names: Vec<String> = cycle
            .iter()
            .map(|&task| format!("`{}`", tasks[task].id))
            .collect();
        names.push(format!("`{}`", tasks[first].id));
        let Some(location) = &after_nodes[first] else {
            continue;
        };
        checker.error(
            location,
            format!(
                "the tasks' `after` links form a cycle: {}",
                names.join(" → ")
            ),
            format!(
                "`{}` cannot wait for a task that waits for it",
                tasks[first].id
            ),
        );
    }
}

/// Where a risk's window defaults to: the scenario start and the horizon's last day.
pub(super) struct Horizon {
    pub first: Date,
    pub last: Date,
}

/// Reads `[[risk]]`: each with its probability and exactly one impact; `imply` may name risks
/// further down the file.
pub(super) fn read_risks(
    checker: &mut Checker<'_>,
    root: &TableView<'_>,
    tasks: &Tasks,
    kits: &IdRegistry,
    horizon: &Horizon,
) -> Option<Vec<Risk>> {
    let shape = IdTablesShape {
        key: "risk",
        display_name: "risk",
        registry_kind: "risk",
        keys: KEYS.risk,
    };
    let read = read_id_tables(checker, root, &shape, |checker, view, id| {
        let probability = required(
            checker,
            view,
            "probability",
            "the chance it occurs in a replication, from 0 to 1",
            |c, n, w| read_number_in(c, n, w, &PROBABILITY),
        );
        let impact = super::impact::read_impact(checker, view, tasks, kits, horizon);
        let implied: Option<Vec<Node>> = match view.node("imply") {
            None => Some(Vec::new()),
            Some(node) => read_array(checker, node, &view.describe("imply")).map(<[Node]>::to_vec),
        };
        Some((id?.to_string(), probability?, impact?, implied?))
    });
    let mut risks = Some(Vec::with_capacity(read.items.len()));
    for (index, (id, probability, impact, implied)) in read.items.into_iter().enumerate() {
        let mut implies = Some(Vec::with_capacity(implied.len()));
        let what = format!("`imply` in [[risk]] \"{id}\"");
        for node in &implied {
            let other = read_name(checker, node, &what)
                .and_then(|other| read.registry.resolve(checker, other, &node.location, &what));
            match other {
                Some(other) if other == index && read.all_read => {
                    checker.error(
                        &node.location,
                        format!("[[risk]] \"{id}\" implies itself"),
                        "expected other risks' ids",
                    );
                    implies = None;
                }
                Some(other) => {
                    if let Some(list) = implies.as_mut() {
                        list.push(other);
                    }
                }
                None => implies = None,
            }
        }
        match (implies, risks.as_mut()) {
            (Some(implies), Some(list)) => list.push(Risk {
                id,
                probability,
                impact,
                implies,
            }),
            _ => risks = None,
        }
    }
    risks.filter(|_| read.all_read)
}

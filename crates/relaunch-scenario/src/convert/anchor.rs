//! "A date, or `after` a task": the one reader of every key that starts something on a date and
//! may follow a task of the programme instead (plan and shift phases, hires, kit orders and
//! shipments, localization items).
//!
//! An entry gives its date key, or `after = "task"` (with an optional `lag`, whole days,
//! negative for a lead), or both: then it starts on the later of its date and the task's
//! finish plus the lag ("not before"). An entry that follows a task gets a placeholder date (the
//! scenario start) and an [`Anchor`] naming its slot; once the scenario is built,
//! `relaunch_core::programme::settle` gives it its planned date (holding phases back, sorting
//! hires and shipments).

use relaunch_core::model::{Anchor, Slot};

use super::prelude::*;
use crate::checker::read_lag;

/// When an entry starts: on a date, or after a task (an index into the tasks) plus a lag.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Start {
    On(Date),
    /// After a task, and not before `not_before` when the entry also gives its date.
    After {
        task: usize,
        lag_days: i32,
        not_before: Option<Date>,
    },
}

/// The task ids anchored entries may name, and the anchors read so far.
pub(super) struct Anchoring<'r> {
    tasks: &'r IdRegistry,
    /// Whether every task read, so that an id's index is the task's index in the programme;
    /// otherwise a known id is accepted without a value (its task's problem is reported).
    usable: bool,
    /// The date an anchored entry holds until it is settled.
    placeholder: Date,
    pub anchors: Vec<Anchor>,
}

impl<'r> Anchoring<'r> {
    pub(super) fn new(tasks: &'r IdRegistry, usable: bool, placeholder: Date) -> Anchoring<'r> {
        Anchoring {
            tasks,
            usable,
            placeholder,
            anchors: Vec::new(),
        }
    }

    /// The index of the task named at `node` (a string), `None` after a problem.
    pub(super) fn task(&self, checker: &mut Checker<'_>, node: &Node, what: &str) -> Option<usize> {
        let id = read_name(checker, node, what)?;
        let index = self.tasks.resolve(checker, id, &node.location, what)?;
        self.usable.then_some(index)
    }

    /// Reads `date_key` or `after` (+ `lag`) of `item`. `Some(None)` when neither is given and
    /// `date_what` is `None` (the date is optional); `None` after a problem.
    pub(super) fn read_start(
        &self,
        checker: &mut Checker<'_>,
        item: &TableView<'_>,
        date_key: &str,
        date_what: Option<&str>,
    ) -> Option<Option<Start>> {
        let date = item.entry(date_key);
        let after = item.entry("after");
        let lag = optional(checker, item, "lag", read_lag);
        match (date, after) {
            (Some(date), Some(after)) => {
                // Both: the later of the date and the task's finish plus the lag.
                let floor = read_date(checker, &date.value, &item.describe(date_key));
                let task = self.task(checker, &after.value, &item.describe("after"));
                Some(Some(Start::After {
                    task: task?,
                    lag_days: lag?.unwrap_or(0),
                    not_before: Some(floor?),
                }))
            }
            (Some(date), None) => {
                if let Some(lag) = item.entry("lag") {
                    checker.error(
                        &lag.key_location,
                        format!("`lag` in {} is only for `after`", item.place),
                        format!("remove it, or replace `{date_key}` by `after = \"task\"`"),
                    );
                    return None;
                }
                read_date(checker, &date.value, &item.describe(date_key))
                    .map(|date| Some(Start::On(date)))
            }
            (None, Some(after)) => {
                let task = self.task(checker, &after.value, &item.describe("after"));
                Some(Some(Start::After {
                    task: task?,
                    lag_days: lag?.unwrap_or(0),
                    not_before: None,
                }))
            }
            (None, None) => {
                if let Some(lag) = item.entry("lag") {
                    checker.error(
                        &lag.key_location,
                        format!("`lag` in {} is only for `after`", item.place),
                        "add `after = \"task\"`, the task it follows",
                    );
                    return None;
                }
                match date_what {
                    None => Some(None),
                    Some(expected) => {
                        checker.error(
                            item.location,
                            format!("missing key `{date_key}` in {}", item.place),
                            format!(
                                "add `{date_key}` ({expected}), or `after = \"task\"` to start \
                                 after a task"
                            ),
                        );
                        None
                    }
                }
            }
        }
    }

    /// The date to write for `start` in the entry at `slot`, noting the anchor of an entry that
    /// follows a task.
    pub(super) fn date(&mut self, start: Start, slot: Slot) -> Date {
        self.note(start, slot);
        self.date_of(start)
    }

    /// The date to write for `start`: its date, or the placeholder of an anchored entry.
    pub(super) fn date_of(&self, start: Start) -> Date {
        match start {
            Start::On(date) => date,
            Start::After { .. } => self.placeholder,
        }
    }

    /// Notes the anchor of the entry at `slot` when it follows a task.
    pub(super) fn note(&mut self, start: Start, slot: Slot) {
        if let Start::After {
            task,
            lag_days,
            not_before,
        } = start
        {
            self.anchors.push(Anchor {
                slot,
                task,
                lag_days,
                not_before,
            });
        }
    }
}

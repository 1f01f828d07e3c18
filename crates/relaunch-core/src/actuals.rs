//! Actuals: what really happened in the plant, day by day — data, not scenario.
//!
//! A [`Row`] is one line of an actuals file (or one row of the store) with its item still a
//! name: `2023-12-20,good,crossover,6`. [`Actuals::resolve`] checks the rows against a scenario
//! (the item names a product, kit or task of the right kind) and turns them into [`Record`]s
//! whose items are indices, sorted by date, which the tracking code
//! ([`crate::tracking`]) reads. Rows are kept by name so that actuals outlive scenario
//! versions: a product renamed in a new version makes its old rows unresolvable, with a message,
//! never silently counted under another item.

use jiff::civil::Date;

/// What a row counts. The item each metric names is in [`Metric::item_kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Metric {
    /// Units started (kits taken from stock) of a product.
    Released,
    /// Good units finished of a product (first pass or after rework).
    Good,
    /// Units scrapped of a product.
    Scrapped,
    /// Units sent to rework of a product (they may still end good).
    Reworked,
    /// Kits received of a kit.
    KitsReceived,
    /// Kits ordered of a kit (the order's dispatch day): lead times are measured from these.
    KitsOrdered,
    /// People hired (no item).
    Hired,
    /// People who left (no item).
    Left,
    /// A task finished on that day (item = task, value 1).
    TaskDone,
    /// A task started on that day (item = task, value 1).
    TaskStarted,
}

/// What the item of a metric names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Product,
    Kit,
    Task,
    /// The item must be empty.
    None,
}

impl Metric {
    /// Every metric, in the order of the file format's documentation.
    pub const ALL: [Metric; 10] = [
        Metric::Released,
        Metric::Good,
        Metric::Scrapped,
        Metric::Reworked,
        Metric::KitsReceived,
        Metric::KitsOrdered,
        Metric::Hired,
        Metric::Left,
        Metric::TaskDone,
        Metric::TaskStarted,
    ];

    /// The name in files and in the store.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Released => "released",
            Metric::Good => "good",
            Metric::Scrapped => "scrapped",
            Metric::Reworked => "reworked",
            Metric::KitsReceived => "kits_received",
            Metric::KitsOrdered => "kits_ordered",
            Metric::Hired => "hired",
            Metric::Left => "left",
            Metric::TaskDone => "task_done",
            Metric::TaskStarted => "task_started",
        }
    }

    /// The metric called `name`, if any.
    pub fn from_name(name: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|metric| metric.name() == name)
    }

    pub fn item_kind(self) -> ItemKind {
        match self {
            Metric::Released | Metric::Good | Metric::Scrapped | Metric::Reworked => {
                ItemKind::Product
            }
            Metric::KitsReceived | Metric::KitsOrdered => ItemKind::Kit,
            Metric::Hired | Metric::Left => ItemKind::None,
            Metric::TaskDone | Metric::TaskStarted => ItemKind::Task,
        }
    }
}

/// One row of actuals with its item by name (empty for metrics without an item).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Row {
    pub date: Date,
    pub metric: Metric,
    pub item: String,
    pub value: u64,
    /// Free text kept with the row: where the figure comes from, e.g. `interpolated between
    /// reported points`. Not part of the key; a changed note alone is no correction.
    pub note: String,
}

impl Row {
    /// The key under which a later row with another value is a correction.
    pub fn key(&self) -> (Date, Metric, &str) {
        (self.date, self.metric, &self.item)
    }
}

/// One resolved row: its item is an index into the scenario's products, kits or tasks
/// (0 for metrics without an item).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Record {
    pub date: Date,
    pub metric: Metric,
    pub item: usize,
    pub value: u64,
}

/// A row whose item the scenario does not have: its index among the rows given to
/// [`Actuals::resolve`] and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub row: usize,
    pub message: String,
    /// The names the item could have been (for a "did you mean"); empty when it must be empty.
    pub candidates: Vec<String>,
    /// The problem is the row's date (outside the scenario's days), not its item.
    pub on_date: bool,
}

/// The actuals of a programme, resolved against one scenario; sorted by (date, metric, item),
/// one record per key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Actuals {
    pub records: Vec<Record>,
}

impl Actuals {
    /// Resolves `rows` against `scenario`: every item must name a product, kit or task as its
    /// metric says (and be empty for `hired` and `left`). All problems are returned at once.
    /// Rows with the same key keep the last one given.
    pub fn resolve(rows: &[Row], scenario: &crate::Scenario) -> Result<Actuals, Vec<Unresolved>> {
        let mut records = Vec::with_capacity(rows.len());
        let mut problems = Vec::new();
        let first = scenario.start;
        let days = crate::schedule::PlantCalendar::new(scenario).n_days;
        let last = crate::schedule::add_days(first, days as i64 - 1);
        for (index, row) in rows.iter().enumerate() {
            // A row outside the scenario's days would count nowhere (or on a day it does not
            // belong to) and would move the as-of day out of the horizon: refused.
            if row.date < first || row.date > last {
                problems.push(Unresolved {
                    row: index,
                    message: format!(
                        "{} is {} the scenario's days ({first} to {last}): {}",
                        row.date,
                        if row.date < first { "before" } else { "after" },
                        if row.date < first {
                            "what was there at the start belongs in the scenario (initial kit \
                             stock, hires dated on the start day)"
                        } else {
                            "a typo in the year? otherwise lengthen the scenario's `horizon`"
                        }
                    ),
                    candidates: Vec::new(),
                    on_date: true,
                });
                continue;
            }
            let names: Vec<&str> = match row.metric.item_kind() {
                ItemKind::Product => scenario.products.iter().map(|p| p.id.as_str()).collect(),
                ItemKind::Kit => scenario.kits.iter().map(|k| k.id.as_str()).collect(),
                ItemKind::Task => scenario
                    .programme
                    .tasks
                    .iter()
                    .map(|t| t.id.as_str())
                    .collect(),
                ItemKind::None => {
                    if row.item.is_empty() {
                        records.push(Record {
                            date: row.date,
                            metric: row.metric,
                            item: 0,
                            value: row.value,
                        });
                    } else {
                        problems.push(Unresolved {
                            row: index,
                            message: format!(
                                "`{}` counts people and takes no item, found `{}`",
                                row.metric.name(),
                                row.item
                            ),
                            candidates: Vec::new(),
                            on_date: false,
                        });
                    }
                    continue;
                }
            };
            match names.iter().position(|name| *name == row.item) {
                Some(item) => records.push(Record {
                    date: row.date,
                    metric: row.metric,
                    item,
                    value: row.value,
                }),
                None => problems.push(Unresolved {
                    row: index,
                    message: format!(
                        "`{}` needs a {} of the scenario as its item, found `{}`",
                        row.metric.name(),
                        kind_word(row.metric.item_kind()),
                        row.item
                    ),
                    candidates: names.iter().map(|name| name.to_string()).collect(),
                    on_date: false,
                }),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        // Sort by key; for equal keys the later row wins (a stable sort keeps row order).
        records.sort_by_key(|r| (r.date, r.metric, r.item));
        let mut unique: Vec<Record> = Vec::with_capacity(records.len());
        for record in records {
            match unique.last_mut() {
                Some(last)
                    if (last.date, last.metric, last.item)
                        == (record.date, record.metric, record.item) =>
                {
                    *last = record
                }
                _ => unique.push(record),
            }
        }
        Ok(Actuals { records: unique })
    }

    /// The actuals known at the end of `date`: the records dated on or before it.
    pub fn through(&self, date: Date) -> Actuals {
        Actuals {
            records: self
                .records
                .iter()
                .filter(|r| r.date <= date)
                .copied()
                .collect(),
        }
    }

    /// The date of the last record, if any.
    pub fn last_date(&self) -> Option<Date> {
        self.records.iter().map(|r| r.date).max()
    }

    /// The sum of `metric` for `item` over the records dated on or before `through`.
    pub fn total(&self, metric: Metric, item: usize, through: Date) -> u64 {
        self.records
            .iter()
            .filter(|r| r.metric == metric && r.item == item && r.date <= through)
            .map(|r| r.value)
            .sum()
    }

    /// The sum of `metric` over every item, for the records dated on or before `through`.
    pub fn total_all(&self, metric: Metric, through: Date) -> u64 {
        self.records
            .iter()
            .filter(|r| r.metric == metric && r.date <= through)
            .map(|r| r.value)
            .sum()
    }
}

fn kind_word(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Product => "product",
        ItemKind::Kit => "kit",
        ItemKind::Task => "task",
        ItemKind::None => "nothing",
    }
}

//! The shapes the format repeats: a single table under the root (`[calendar]`), an array of
//! tables with an `id` (`[[station]]`, `[[kit]]`, ...) read by one generic reader, inline arrays
//! of tables (`orders = [{ ... }]`), and optional or required keys.

use super::prelude::*;

/// A table under the root, or `None` (reported when `required`) when absent or not a table.
pub(super) fn section<'t>(
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

/// The shape of an array of tables whose elements have an `id`: `[[station]]`, `[[crew]]`,
/// `[[kit]]`, `[[product]]`, `[[milestone]]`, `[[localization.item]]`.
pub(super) struct IdTablesShape {
    /// The key under the parent table (`station`, `item`).
    pub key: &'static str,
    /// How one element is named in messages, without brackets (`station`, `localization.item`).
    pub display_name: &'static str,
    /// What the ids name, for duplicate and unknown-reference messages (`localization item`).
    pub registry_kind: &'static str,
    /// The keys an element accepts.
    pub keys: &'static [&'static str],
}

/// The elements read from an array of tables with ids.
pub(super) struct IdTables<T> {
    /// The elements that read without a problem, in file order.
    pub items: Vec<T>,
    /// For each element of `items`, the position of its table in the array (elements that did
    /// not read are skipped), to place model problems found later.
    pub source_indices: Vec<usize>,
    /// Every id given, for duplicates and references.
    pub registry: IdRegistry,
    /// Whether every table of the array became an element.
    pub all_read: bool,
}

/// Reads an array of tables with ids: checks the array's shape, each table's keys and its
/// unique `id`, then hands each table to `read_element` with its id (`None` after a problem
/// with the id, so the rest of the table is still checked). An element is kept when its id
/// and `read_element` both succeed.
pub(super) fn read_id_tables<T>(
    checker: &mut Checker<'_>,
    parent: &TableView<'_>,
    shape: &IdTablesShape,
    mut read_element: impl FnMut(&mut Checker<'_>, &TableView<'_>, Option<&str>) -> Option<T>,
) -> IdTables<T> {
    let mut tables = IdTables {
        items: Vec::new(),
        source_indices: Vec::new(),
        registry: IdRegistry::new(shape.registry_kind),
        all_read: true,
    };
    let Some(node) = parent.node(shape.key) else {
        return tables;
    };
    let Value::Array(elements) = &node.value else {
        checker.error(
            &node.location,
            format!(
                "`{}` must be an array of tables, found {}",
                shape.key,
                node.value.kind_name()
            ),
            format!("write each one as [[{}]]", shape.display_name),
        );
        // Unknown references to these ids would only repeat this problem.
        tables.registry.complete = false;
        tables.all_read = false;
        return tables;
    };
    for (index, element) in elements.iter().enumerate() {
        let Value::Table(table) = &element.value else {
            checker.error(
                &element.location,
                format!(
                    "each [[{}]] must be a table, found {}",
                    shape.display_name,
                    element.value.kind_name()
                ),
                "expected a table",
            );
            continue;
        };
        let place = match table.get("id").map(|entry| &entry.value.value) {
            Some(Value::String(id)) => format!("[[{}]] \"{id}\"", shape.display_name),
            _ => format!("[[{}]] number {}", shape.display_name, index + 1),
        };
        let view = TableView {
            table,
            location: &element.location,
            place: &place,
        };
        view.check_keys(checker, shape.keys);
        let id = registered_id(checker, &view, &mut tables.registry);
        match read_element(checker, &view, id) {
            Some(item) if id.is_some() => {
                tables.items.push(item);
                tables.source_indices.push(index);
            }
            _ => tables.all_read = false,
        }
    }
    tables
}

/// Reports an array of tables the engine needs (`[[station]]`, `[[product]]`) that is missing
/// or empty (`product = []`, also when a variant replaces its base's array by an empty one).
pub(super) fn require_one(checker: &mut Checker<'_>, root: &TableView<'_>, key: &str, keys: &str) {
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
pub(super) fn inline_tables<'t>(
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

pub(super) fn optional<T>(
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

pub(super) fn required<T>(
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

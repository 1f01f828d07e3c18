//! The ids of one kind of thing (stations, kits, ...): duplicates are reported, references are
//! resolved to indices with "did you mean" suggestions.

use std::collections::HashMap;

use crate::checker::{Checker, QUOTED_LIST_LENGTH, quoted_list};
use crate::source::Location;
use crate::text_values::suggest;

/// The ids of one kind of thing (stations, kits, ...), to find duplicates and resolve
/// references with suggestions.
pub(crate) struct IdRegistry {
    /// "station", "kit", ... for messages.
    kind: &'static str,
    /// Each id in registration order, with where it was first given.
    ids: Vec<(String, Location)>,
    /// The position in `ids` of the first registration of each id.
    index: HashMap<String, usize>,
    /// False when the table holding these ids was malformed; then unknown references are not
    /// reported (they would only repeat that problem).
    pub complete: bool,
}

impl IdRegistry {
    pub(crate) fn new(kind: &'static str) -> IdRegistry {
        IdRegistry {
            kind,
            ids: Vec::new(),
            index: HashMap::new(),
            complete: true,
        }
    }

    /// Registers an id; reports it if it is already taken.
    pub(crate) fn register(&mut self, checker: &mut Checker<'_>, id: &str, location: &Location) {
        if let Some(&first) = self.index.get(id) {
            let first_place = checker.describe_location(&self.ids[first].1);
            checker.error(
                location,
                format!("duplicate {} id `{id}`", self.kind),
                format!(
                    "`{id}` is already the id of the {} at {first_place}",
                    self.kind
                ),
            );
        } else {
            self.index.insert(id.to_string(), self.ids.len());
        }
        self.ids.push((id.to_string(), location.clone()));
    }

    /// The index of `id`, or `None` after reporting an unknown reference.
    pub(crate) fn resolve(
        &self,
        checker: &mut Checker<'_>,
        id: &str,
        location: &Location,
        what: &str,
    ) -> Option<usize> {
        if let Some(&index) = self.index.get(id) {
            return Some(index);
        }
        if !self.complete {
            return None;
        }
        let suggestion = if checker.spend_suggestion_budget(self.ids.len()) {
            let known: Vec<&str> = self.ids.iter().map(|(seen, _)| seen.as_str()).collect();
            suggest(id, &known).map(str::to_string)
        } else {
            None
        };
        let label = match suggestion {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None if self.ids.is_empty() => format!("there is no {} at all", self.kind),
            None => {
                let first: Vec<&str> = self
                    .ids
                    .iter()
                    .take(QUOTED_LIST_LENGTH + 1)
                    .map(|(seen, _)| seen.as_str())
                    .collect();
                let mut list = quoted_list(&first[..first.len().min(QUOTED_LIST_LENGTH)]);
                if self.ids.len() > QUOTED_LIST_LENGTH {
                    list.push_str(&format!(
                        " and {} more",
                        self.ids.len() - QUOTED_LIST_LENGTH
                    ));
                }
                format!("known {}s: {list}", self.kind)
            }
        };
        checker.error(
            location,
            format!("unknown {} `{id}` in {what}", self.kind),
            label,
        );
        None
    }
}

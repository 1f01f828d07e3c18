//! Settling the dates that start after a task: `relaunch_core::programme::settle` gives them
//! their planned values, holds plan and shift phases back in file order (their indices stay
//! the file's) and sorts hires and shipments by date. A model problem or warning found
//! afterwards names a sorted entry by its sorted index (`kit[0].shipments[1].arrives`); this
//! keeps where each stands in the file, so that it is placed at the entry the file wrote.

use relaunch_core::model::Scenario;
use relaunch_core::programme::settle;

use super::SourceIndices;

/// Settles `scenario` and adds to `source_indices` the file positions of the entries of its
/// sorted lists (`workforce.hires`, each kit's `shipments` under the kit's place in the file,
/// which the `kit` entry already in `source_indices` gives).
pub(super) fn settle_anchored(scenario: &mut Scenario, source_indices: &mut SourceIndices) {
    let sorted = settle(scenario);
    let kit_in_file = |kit: usize| {
        source_indices
            .iter()
            .find(|(key, _)| key == "kit")
            .and_then(|(_, indices)| indices.get(kit).copied())
            .unwrap_or(kit)
    };
    let mut positions: SourceIndices = sorted
        .shipments
        .into_iter()
        .enumerate()
        .map(|(kit, order)| (format!("kit[{}].shipments", kit_in_file(kit)), order))
        .collect();
    positions.push(("workforce.hires".to_string(), sorted.hires));
    source_indices.extend(positions.into_iter().filter(|(_, order)| !order.is_empty()));
}

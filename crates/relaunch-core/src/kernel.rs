//! The event kernel: a binary heap of events keyed by (time, sequence number), so that events
//! at the same tick run in the order they were scheduled, on every machine.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Simulation time in ticks of one millisecond.
pub type Tick = u64;

/// Ticks per second.
pub const TICKS_PER_SECOND: f64 = 1000.0;

/// Converts seconds to the nearest tick (negative and NaN become 0).
#[inline]
pub fn ticks(secs: f64) -> Tick {
    let t = (secs * TICKS_PER_SECOND).round();
    if t > 0.0 { t as Tick } else { 0 }
}

/// An entry of the queue: ordered by time, then by sequence number.
#[derive(Debug, Clone, Copy)]
struct Entry<E> {
    key: u128,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap and we pop the earliest.
        other.key.cmp(&self.key)
    }
}

/// A future-event list. `E` is the model's event type; keep it small and `Copy`.
#[derive(Debug, Clone)]
pub struct EventQueue<E> {
    heap: BinaryHeap<Entry<E>>,
    next_seq: u64,
    now: Tick,
    popped: u64,
}

impl<E: Copy> Default for EventQueue<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E: Copy> EventQueue<E> {
    pub fn new() -> Self {
        EventQueue {
            heap: BinaryHeap::with_capacity(64),
            next_seq: 0,
            now: 0,
            popped: 0,
        }
    }

    /// Current time: the time of the last event popped.
    #[inline]
    pub fn now(&self) -> Tick {
        self.now
    }

    /// Schedules `event` at absolute time `at` (not before now).
    #[inline]
    pub fn schedule(&mut self, at: Tick, event: E) {
        debug_assert!(at >= self.now, "event scheduled in the past");
        let key = (u128::from(at) << 64) | u128::from(self.next_seq);
        self.next_seq += 1;
        self.heap.push(Entry { key, event });
    }

    /// Schedules `event` `delay` ticks from now (saturating: an absurdly long delay lands at
    /// the end of time, beyond any horizon, instead of wrapping around).
    #[inline]
    pub fn schedule_in(&mut self, delay: Tick, event: E) {
        self.schedule(self.now.saturating_add(delay), event);
    }

    /// Time of the next event, if any.
    #[inline]
    pub fn peek_time(&self) -> Option<Tick> {
        self.heap.peek().map(|entry| (entry.key >> 64) as Tick)
    }

    /// Removes the next event and advances the clock to its time.
    #[inline]
    pub fn pop(&mut self) -> Option<(Tick, E)> {
        let entry = self.heap.pop()?;
        let at = (entry.key >> 64) as Tick;
        self.now = at;
        self.popped += 1;
        Some((at, entry.event))
    }

    /// Advances the clock without an event (to close the run at the horizon).
    pub fn advance_to(&mut self, at: Tick) {
        if at > self.now {
            self.now = at;
        }
    }

    /// Events popped so far.
    pub fn events_processed(&self) -> u64 {
        self.popped
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_break_by_scheduling_order() {
        let mut queue = EventQueue::new();
        queue.schedule(10, 'b');
        queue.schedule(5, 'a');
        queue.schedule(10, 'c');
        queue.schedule(10, 'd');
        let order: Vec<char> = std::iter::from_fn(|| queue.pop().map(|(_, e)| e)).collect();
        assert_eq!(order, vec!['a', 'b', 'c', 'd']);
        assert_eq!(queue.now(), 10);
        assert_eq!(queue.events_processed(), 4);
    }

    #[test]
    fn tick_conversion_rounds() {
        assert_eq!(ticks(1.0), 1000);
        assert_eq!(ticks(0.0004), 0);
        assert_eq!(ticks(0.0006), 1);
        assert_eq!(ticks(-3.0), 0);
    }
}

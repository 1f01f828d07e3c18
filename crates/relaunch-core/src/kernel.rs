//! The event kernel: a binary heap of events keyed by (time, sequence number), so that events
//! at the same tick run in the order they were scheduled, on every machine. Events known in
//! advance and in time order (the kit deliveries of the whole horizon) wait apart, on a
//! timeline read from its front, instead of weighing on every operation of the heap; the next
//! event is the earlier of the heap's and the timeline's by the same key, so the order is the
//! one a single heap would give.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Simulation time in ticks of one millisecond.
pub type Tick = u64;

/// Ticks per second.
pub const TICKS_PER_SECOND: f64 = 1000.0;

/// Converts seconds to the nearest tick (negative and NaN become 0).
#[inline]
pub fn ticks(secs: f64) -> Tick {
    let t = secs * TICKS_PER_SECOND;
    if t.is_nan() || t <= 0.0 {
        return 0;
    }
    // `t.round()` (half away from zero) without a call into libm: the cast truncates, and the
    // fraction it drops is exact (below 2^53 the difference of a float and its integer part is
    // a float; above, a float has no fraction).
    if t >= 9_007_199_254_740_992.0 {
        // 2^53 and above: whole already (and the cast saturates at the end of time).
        return t as Tick;
    }
    let whole = t as Tick;
    whole + Tick::from(t - whole as f64 >= 0.5)
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
    /// Events scheduled by [`EventQueue::schedule_timeline`], by key; the next at `next_timeline`.
    timeline: Vec<Entry<E>>,
    next_timeline: usize,
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
            timeline: Vec::new(),
            next_timeline: 0,
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

    /// Schedules `events` (each at an absolute time, not before now) as [`EventQueue::schedule`]
    /// would one after the other, kept apart from the heap on the timeline. Only once, before
    /// the first [`EventQueue::pop`].
    pub fn schedule_timeline(&mut self, events: impl IntoIterator<Item = (Tick, E)>) {
        debug_assert!(self.timeline.is_empty() && self.popped == 0);
        for (at, event) in events {
            let key = (u128::from(at) << 64) | u128::from(self.next_seq);
            self.next_seq += 1;
            self.timeline.push(Entry { key, event });
        }
        self.timeline.sort_unstable_by_key(|entry| entry.key);
    }

    /// The key of the next event of the timeline.
    #[inline]
    fn timeline_key(&self) -> Option<u128> {
        self.timeline.get(self.next_timeline).map(|entry| entry.key)
    }

    /// Time of the next event, if any.
    #[inline]
    pub fn peek_time(&self) -> Option<Tick> {
        let heap = self.heap.peek().map(|entry| entry.key);
        let key = match (heap, self.timeline_key()) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        Some((key >> 64) as Tick)
    }

    /// Removes the next event and advances the clock to its time.
    #[inline]
    pub fn pop(&mut self) -> Option<(Tick, E)> {
        let from_timeline = match (self.heap.peek(), self.timeline_key()) {
            (Some(top), Some(key)) => key < top.key,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        let entry = if from_timeline {
            self.next_timeline += 1;
            self.timeline[self.next_timeline - 1]
        } else {
            self.heap.pop()?
        };
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
        self.heap.len() + self.timeline.len() - self.next_timeline
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
    fn the_timeline_interleaves_as_one_heap_would() {
        let mut split = EventQueue::new();
        let mut single = EventQueue::new();
        split.schedule(7, 'x');
        single.schedule(7, 'x');
        split.schedule_timeline([(5, 'a'), (7, 'b'), (3, 'c'), (20, 'd')]);
        for (at, event) in [(5, 'a'), (7, 'b'), (3, 'c'), (20, 'd')] {
            single.schedule(at, event);
        }
        let mut order = Vec::new();
        while let Some((at, event)) = split.pop() {
            assert_eq!(single.peek_time(), Some(at));
            assert_eq!(single.pop(), Some((at, event)));
            order.push(event);
            if event == 'a' {
                // Scheduled later at the same tick as `b`: after it.
                split.schedule(7, 'y');
                single.schedule(7, 'y');
            }
        }
        assert_eq!(order, ['c', 'a', 'x', 'b', 'y', 'd']);
        assert!(split.is_empty() && single.pop().is_none());
    }

    #[test]
    fn tick_conversion_rounds() {
        assert_eq!(ticks(1.0), 1000);
        assert_eq!(ticks(0.0004), 0);
        assert_eq!(ticks(0.0006), 1);
        assert_eq!(ticks(-3.0), 0);
        assert_eq!(ticks(f64::NAN), 0);
        assert_eq!(ticks(1e30), Tick::MAX);
        assert_eq!(ticks(f64::INFINITY), Tick::MAX);
        for secs in [
            0.0005,
            0.0015,
            2.4995,
            1e9 + 0.0005,
            f64::from_bits(0.0005f64.to_bits() - 1),
        ] {
            assert_eq!(
                ticks(secs),
                (secs * TICKS_PER_SECOND).round() as Tick,
                "{secs}"
            );
        }
    }
}

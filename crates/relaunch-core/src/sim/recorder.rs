//! The recorder: the observer the line reports to (units entering and leaving, server states,
//! stock-outs, end-of-day kit stock), which alone keeps the run's statistics and makes its
//! [`RunOutcome`]. The rooms of the line keep only what they need to run.

use super::Line;
use super::stations::{N_STATES, State};
use crate::kernel::Tick;
use crate::model::Scenario;
use crate::schedule::DAY_SECS;

/// What one replication produced.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOutcome {
    /// Good units finished on each day of the horizon.
    pub good_per_day: Vec<u32>,
    /// Units released into the line.
    pub released: u64,
    pub good: u64,
    pub scrapped: u64,
    /// Good units per scheduled hour after warm-up.
    pub throughput_per_hour: f64,
    /// Time-average units in the line after warm-up (operating time).
    pub wip: f64,
    /// Mean operating time from entering the line to leaving it, minutes, of units leaving
    /// after warm-up; `None` if none left.
    pub flow_minutes: Option<f64>,
    /// Integral of WIP over operating time after warm-up, unit-ticks (for Little's law).
    pub wip_area: u128,
    /// Sum of flow times of units leaving after warm-up, ticks.
    pub flow_sum: u128,
    pub stations: Vec<StationFractions>,
    /// Days on which a unit could not start for lack of kits.
    pub kit_stockout_days: Vec<bool>,
    /// Kit stock at the end of each day, per kit.
    pub kit_stock: Vec<Vec<u32>>,
    /// Kits arriving on each day of the horizon, per kit (what was in stock on day 0, or
    /// arrived before it, is not counted).
    pub kit_arrivals: Vec<Vec<u32>>,
    /// Units scrapped, per product.
    pub scrapped_by_product: Vec<u64>,
    /// Per product, per day: units released into the line (kits taken), good units finished and
    /// units scrapped — what a plant's daily actuals count (`tracking::synthetic`).
    pub released_per_day: Vec<Vec<u32>>,
    pub good_by_product_per_day: Vec<Vec<u32>>,
    pub scrapped_per_day: Vec<Vec<u32>>,
    /// Shifts run on each day.
    pub staffed_shifts: Vec<u32>,
    /// People on the payroll at the start of each day (empty without a workforce).
    pub payroll_per_day: Vec<u32>,
    /// Trained people at the start of each day (empty without a workforce).
    pub trained_per_day: Vec<u32>,
    /// Operating time at which the run ended.
    pub end_tick: Tick,
    pub events: u64,
}

/// Fractions of a station's scheduled time after warm-up (they add up to 1).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StationFractions {
    pub busy: f64,
    pub blocked: f64,
    pub starved: f64,
    pub down: f64,
    /// Planned shifts that did not run for lack of trained staff.
    pub unstaffed: f64,
}

/// A server's clock: when it entered its current state, and its time in each state after
/// warm-up.
#[derive(Debug, Clone, Copy, Default)]
struct ServerClock {
    since: Tick,
    time_in: [Tick; N_STATES],
}

/// The statistics of a replication in progress. Operating time before `warmup` is not counted.
#[derive(Debug, Clone)]
pub(super) struct Recorder {
    warmup: Tick,
    good: u64,
    scrapped: u64,
    good_after_warmup: u64,
    /// Units in the line, since when, and the integral of that count over operating time.
    wip: u64,
    wip_since: Tick,
    wip_area: u128,
    flow_sum: u128,
    flow_count: u64,
    good_per_day: Vec<u32>,
    stockout_days: Vec<bool>,
    /// Per kit, per day.
    kit_stock_by_day: Vec<Vec<u32>>,
    /// Per kit, per day.
    kit_arrivals: Vec<Vec<u32>>,
    scrapped_by_product: Vec<u64>,
    /// Per product, per day.
    released_per_day: Vec<Vec<u32>>,
    good_by_product_per_day: Vec<Vec<u32>>,
    scrapped_per_day: Vec<Vec<u32>>,
    /// Per station, per server.
    server_clocks: Vec<Vec<ServerClock>>,
}

impl Recorder {
    pub(super) fn new(scenario: &Scenario, n_days: usize, warmup: Tick) -> Recorder {
        Recorder {
            warmup,
            good: 0,
            scrapped: 0,
            good_after_warmup: 0,
            wip: 0,
            wip_since: 0,
            wip_area: 0,
            flow_sum: 0,
            flow_count: 0,
            good_per_day: vec![0; n_days],
            stockout_days: vec![false; n_days],
            kit_stock_by_day: vec![vec![0; n_days]; scenario.kits.len()],
            kit_arrivals: vec![vec![0; n_days]; scenario.kits.len()],
            scrapped_by_product: vec![0; scenario.products.len()],
            released_per_day: vec![vec![0; n_days]; scenario.products.len()],
            good_by_product_per_day: vec![vec![0; n_days]; scenario.products.len()],
            scrapped_per_day: vec![vec![0; n_days]; scenario.products.len()],
            server_clocks: scenario
                .stations
                .iter()
                .map(|station| vec![ServerClock::default(); station.servers as usize])
                .collect(),
        }
    }

    /// A unit entered the line at `now`.
    #[inline]
    pub(super) fn unit_entered(&mut self, now: Tick) {
        self.change_wip(now, 1);
    }

    /// A unit of `product` was released (took its kit) on `day`; units carried into a restarted
    /// run were released before it and are not counted.
    #[inline]
    pub(super) fn unit_released(&mut self, product: u32, day: usize) {
        if let Some(count) = self.released_per_day[product as usize].get_mut(day) {
            *count = count.saturating_add(1);
        }
    }

    /// Good units so far on day `day`.
    pub(super) fn good_on(&self, day: usize) -> u32 {
        self.good_per_day.get(day).copied().unwrap_or(0)
    }

    /// A unit of `product` that entered at `entered` left the line at `now`, good (finished on
    /// `day`) or scrapped.
    #[inline]
    pub(super) fn unit_left(
        &mut self,
        now: Tick,
        entered: Tick,
        product: u32,
        good: bool,
        day: usize,
    ) {
        self.change_wip(now, -1);
        if now >= self.warmup {
            self.flow_sum += u128::from(now - entered);
            self.flow_count += 1;
        }
        if good {
            self.good += 1;
            self.good_per_day[day] += 1;
            self.good_by_product_per_day[product as usize][day] += 1;
            if now >= self.warmup {
                self.good_after_warmup += 1;
            }
        } else {
            self.scrapped += 1;
            self.scrapped_by_product[product as usize] += 1;
            if let Some(count) = self.scrapped_per_day[product as usize].get_mut(day) {
                *count = count.saturating_add(1);
            }
        }
    }

    #[inline]
    fn change_wip(&mut self, now: Tick, delta: i64) {
        if now > self.warmup {
            self.wip_area +=
                u128::from(self.wip) * u128::from(now - self.wip_since.max(self.warmup));
        }
        self.wip_since = now;
        self.wip = self.wip.wrapping_add_signed(delta);
    }

    /// A server of `station` left state `previous` at `now`.
    #[inline]
    pub(super) fn server_state_changed(
        &mut self,
        station: u32,
        server: u32,
        previous: State,
        now: Tick,
    ) {
        let clock = &mut self.server_clocks[station as usize][server as usize];
        if now > self.warmup {
            clock.time_in[previous as usize] += now - clock.since.max(self.warmup);
        }
        clock.since = now;
    }

    /// A unit could not start on `day` for lack of kits.
    #[inline]
    pub(super) fn kit_stockout(&mut self, day: usize) {
        self.stockout_days[day] = true;
    }

    /// `quantity` kits of `kit` arrive on `day` of the horizon.
    pub(super) fn kits_arrive(&mut self, kit: usize, day: usize, quantity: u32) {
        let arrivals = &mut self.kit_arrivals[kit][day];
        *arrivals = arrivals.saturating_add(quantity);
    }

    pub(super) fn kit_stock_at_end_of_day(&mut self, kit: usize, day: usize, stock: u32) {
        self.kit_stock_by_day[kit][day] = stock;
    }

    /// Fractions of a station's scheduled time (`scheduled` ticks per server, of which
    /// `unstaffed` had no staff).
    fn station_fractions(
        &self,
        station_idx: usize,
        scheduled: Tick,
        unstaffed: Tick,
    ) -> StationFractions {
        let clocks = &self.server_clocks[station_idx];
        let per_server = scheduled as f64 * clocks.len() as f64;
        let total = |state: State| {
            clocks
                .iter()
                .map(|clock| clock.time_in[state as usize])
                .sum::<Tick>() as f64
        };
        if per_server <= 0.0 {
            return StationFractions::default();
        }
        StationFractions {
            busy: total(State::Busy) / per_server,
            blocked: total(State::Blocked) / per_server,
            starved: total(State::Idle) / per_server,
            down: total(State::Down) / per_server,
            unstaffed: unstaffed as f64 / scheduled as f64,
        }
    }
}

impl Line<'_> {
    /// Ends the run at operating time `end`: closes the days, the WIP integral and the server
    /// clocks, and makes the outcome.
    pub(super) fn finish(mut self, end: Tick) -> RunOutcome {
        self.close_days_before(end);
        self.close_days(self.prepared.calendar.n_days);
        self.recorder.change_wip(end, 0);
        for (station_idx, run) in self.stations.iter().enumerate() {
            for (server_idx, server) in run.servers.iter().enumerate() {
                self.recorder.server_state_changed(
                    station_idx as u32,
                    server_idx as u32,
                    server.state,
                    end,
                );
            }
        }
        let recorder = &self.recorder;
        let calendar = &self.prepared.calendar;
        let operating = end.saturating_sub(recorder.warmup);
        // Unstaffed shifts have no operating time, so the days they fall on are chosen by the
        // calendar: from the first whole day after warm-up to the day the run ended.
        let first_day =
            ((self.scenario.warmup_secs / DAY_SECS).ceil() as usize).min(calendar.n_days);
        let end_day = if end >= self.schedule.op_end {
            calendar.n_days
        } else {
            self.day_cursor.day + 1
        };
        let unstaffed: Tick = (first_day..end_day.max(first_day))
            .map(|day| self.schedule.unstaffed_ticks(calendar, day))
            .sum();
        let scheduled = operating + unstaffed;
        let stations = (0..self.stations.len())
            .map(|station_idx| recorder.station_fractions(station_idx, scheduled, unstaffed))
            .collect();
        let hours = scheduled as f64 / 3_600_000.0;
        let events = self.queue.events_processed();
        let recorder = self.recorder;
        RunOutcome {
            good_per_day: recorder.good_per_day,
            released: self.release.released,
            good: recorder.good,
            scrapped: recorder.scrapped,
            throughput_per_hour: if hours > 0.0 {
                recorder.good_after_warmup as f64 / hours
            } else {
                0.0
            },
            wip: if operating > 0 {
                recorder.wip_area as f64 / operating as f64
            } else {
                0.0
            },
            flow_minutes: (recorder.flow_count > 0)
                .then(|| recorder.flow_sum as f64 / recorder.flow_count as f64 / 60_000.0),
            wip_area: recorder.wip_area,
            flow_sum: recorder.flow_sum,
            stations,
            kit_stockout_days: recorder.stockout_days,
            kit_stock: recorder.kit_stock_by_day,
            kit_arrivals: recorder.kit_arrivals,
            scrapped_by_product: recorder.scrapped_by_product,
            released_per_day: recorder.released_per_day,
            good_by_product_per_day: recorder.good_by_product_per_day,
            scrapped_per_day: recorder.scrapped_per_day,
            staffed_shifts: self.schedule.staffed_shifts,
            payroll_per_day: self.staffing.payroll,
            trained_per_day: self.staffing.trained,
            end_tick: end,
            events,
        }
    }
}

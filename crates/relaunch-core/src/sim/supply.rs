//! Kit supply: deliveries (orders with drawn lead times, shipments on their dates, later in a
//! shipping disruption), the stock they fill and units consume, and what a kit's arrival sets
//! free.

use rand_pcg::Pcg64Mcg;

use super::{Event, Line, streams};
use crate::kernel::{Tick, ticks};
use crate::model::Scenario;
use crate::rng;
use crate::schedule::{DAY_SECS, PlantCalendar, Schedule};

/// A kit delivery: operating time of arrival, calendar day of arrival.
#[derive(Debug, Clone, Copy)]
struct Delivery {
    at: Tick,
    day: usize,
    kit: u32,
    quantity: u32,
}

/// Kit stock and the deliveries of the horizon.
#[derive(Debug, Clone)]
pub(super) struct Supply {
    kit_stock: Vec<u64>,
    /// Kit deliveries in arrival order, and how many have arrived.
    deliveries: Vec<Delivery>,
    deliveries_done: usize,
    lead_time_rng: Pcg64Mcg,
}

impl Supply {
    pub(super) fn new(scenario: &Scenario, seed: u64, replication: u64) -> Supply {
        Supply {
            kit_stock: scenario
                .kits
                .iter()
                .map(|kit| u64::from(kit.initial_stock))
                .collect(),
            deliveries: Vec::new(),
            deliveries_done: 0,
            lead_time_rng: rng::stream(seed, replication, streams::KITS),
        }
    }

    pub(super) fn n_kits(&self) -> usize {
        self.kit_stock.len()
    }

    /// Whether `product` needs a kit that is out of stock.
    #[inline]
    pub(super) fn kit_missing(&self, scenario: &Scenario, product: u32) -> bool {
        scenario.products[product as usize]
            .kit
            .is_some_and(|kit| self.kit_stock[kit] == 0)
    }

    /// Takes the kit of a unit of `product` (which is on hand) from stock.
    #[inline]
    pub(super) fn consume(&mut self, scenario: &Scenario, product: u32) {
        if let Some(kit) = scenario.products[product as usize].kit {
            self.kit_stock[kit] -= 1;
        }
    }

    /// The stock of `kit` at the end of `day`, which ended before the current operating time.
    pub(super) fn end_of_day_stock(&self, kit: usize, day: usize, schedule: &Schedule) -> u32 {
        // Kits that arrived on this day (or before) but wait in operating time for the next
        // shift are in stock at the end of the day all the same.
        let pending: u64 = self.deliveries[self.deliveries_done..]
            .iter()
            .take_while(|d| d.at <= schedule.op_start[day + 1])
            .filter(|d| d.kit as usize == kit && d.day <= day)
            .map(|d| u64::from(d.quantity))
            .sum();
        (self.kit_stock[kit] + pending).min(u64::from(u32::MAX)) as u32
    }

    /// Every kit delivery of the horizon, in arrival order, in operating time: orders arrive a
    /// drawn lead time after dispatch, shipments on their date; what arrives before day 0 is put
    /// in stock at once. A delivery due (on that date) within the window of a kit delay of the
    /// replication ([`crate::model::Disruptions`]) arrives that much later; no extra draw.
    fn plan_deliveries(
        &mut self,
        scenario: &Scenario,
        calendar: &PlantCalendar,
        schedule: &Schedule,
    ) -> Vec<Delivery> {
        let mut deliveries: Vec<Delivery> = Vec::new();
        for (kit_index, kit) in scenario.kits.iter().enumerate() {
            // This kit's delays: (first day, last day, seconds late).
            let delays: Vec<(i64, i64, f64)> = scenario
                .disruptions
                .kit_delays
                .iter()
                .filter(|delay| delay.kit == kit_index)
                .map(|delay| {
                    let from = calendar.day_of(delay.from);
                    (from, calendar.day_of(delay.until), delay.delay_secs)
                })
                .collect();
            let mut deliver = |kit_stock: &mut Vec<u64>, due_secs: f64, quantity: u32| {
                if quantity == 0 {
                    return;
                }
                if due_secs < 0.0 {
                    kit_stock[kit_index] += u64::from(quantity);
                    return;
                }
                let mut arrival_secs = due_secs;
                if !delays.is_empty() {
                    let due_day = (due_secs / DAY_SECS).floor() as i64;
                    for &(from, until, late) in &delays {
                        if from <= due_day && due_day <= until {
                            arrival_secs += late;
                        }
                    }
                }
                let day = (arrival_secs / DAY_SECS).floor() as usize;
                if day >= calendar.n_days {
                    return;
                }
                let at = schedule.calendar_to_op(ticks(arrival_secs));
                if at <= schedule.op_end {
                    deliveries.push(Delivery {
                        at,
                        day,
                        kit: kit_index as u32,
                        quantity,
                    });
                }
            };
            for order in &kit.orders {
                let mut day = calendar.day_of(order.first);
                let until = order.until.map(|d| calendar.day_of(d));
                loop {
                    if until.is_some_and(|last| day > last) || day >= calendar.n_days as i64 {
                        break;
                    }
                    let lead = kit.lead_time.sample(&mut self.lead_time_rng);
                    deliver(
                        &mut self.kit_stock,
                        day as f64 * DAY_SECS + lead,
                        order.quantity,
                    );
                    match order.every_days {
                        Some(every) if every > 0 => day += i64::from(every),
                        _ => break,
                    }
                }
            }
            for shipment in &kit.shipments {
                let day = calendar.day_of(shipment.arrives);
                deliver(
                    &mut self.kit_stock,
                    day as f64 * DAY_SECS,
                    shipment.quantity,
                );
            }
        }
        // A stable sort: deliveries at the same tick keep the order above.
        deliveries.sort_by_key(|d| d.at);
        deliveries
    }
}

impl Line<'_> {
    /// Puts every kit delivery of the horizon on the event list. Deliveries are also kept in
    /// arrival order with their calendar day, so that end-of-day stock counts kits that came
    /// on a day off.
    pub(super) fn schedule_kits(&mut self) {
        let deliveries =
            self.supply
                .plan_deliveries(self.scenario, &self.prepared.calendar, &self.schedule);
        // Events at the same tick run in scheduling order, so this order is the arrival order.
        for delivery in &deliveries {
            self.recorder
                .kits_arrive(delivery.kit as usize, delivery.day, delivery.quantity);
        }
        self.queue
            .schedule_timeline(deliveries.iter().map(|delivery| {
                (
                    delivery.at,
                    Event::KitArrival {
                        kit: delivery.kit,
                        quantity: delivery.quantity,
                    },
                )
            }));
        self.supply.deliveries = deliveries;
    }

    /// Kits arrive: units waiting for them are released.
    pub(super) fn kit_arrival(&mut self, kit: u32, quantity: u32) {
        self.supply.deliveries_done += 1;
        self.supply.kit_stock[kit as usize] += u64::from(quantity);
        for product in 0..self.scenario.products.len() {
            if self.scenario.products[product].kit == Some(kit as usize) {
                self.release_kitted(product as u32);
            }
        }
    }
}

//! The state of an [`super::Accumulator`]: everything a forecast has folded, as plain data that
//! serializes and merges exactly (integer histograms and counts add, means come from exact
//! sums), so replications run in shards on any machines merge into the single run's figures.

use super::programme::ProgrammeAccumulator;
use crate::codec::{Codec, DecodeError, Decoder};
use crate::costs::CostAccumulator;
use crate::model::Scenario;
use crate::schedule::PlantCalendar;
use crate::sim::Prepared;
use crate::stats::{Histogram, Running};

/// What a forecast has folded so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Partial {
    pub(super) seed: u64,
    pub(super) count: u64,
    pub(super) milestone_days: Vec<Histogram>,
    pub(super) not_reached: Vec<u64>,
    pub(super) throughput: Running,
    pub(super) wip: Running,
    pub(super) flow: Running,
    pub(super) stations: Vec<[Running; 5]>,
    pub(super) daily_good: Vec<Histogram>,
    pub(super) daily_cumulative: Vec<Histogram>,
    pub(super) staffed_sum: Vec<u64>,
    pub(super) stockouts: Vec<u64>,
    pub(super) kit_stock: Vec<Vec<Histogram>>,
    /// Per day; empty without a workforce.
    pub(super) payroll: Vec<Histogram>,
    pub(super) trained: Vec<Histogram>,
    pub(super) released: Running,
    pub(super) good: Running,
    pub(super) scrapped: Running,
    pub(super) stockout_days: Running,
    pub(super) unstaffed_shifts: Running,
    /// `None` without `[costs]`.
    pub(super) costs: Option<CostAccumulator>,
    /// `None` without a programme.
    pub(super) programme: Option<ProgrammeAccumulator>,
    /// Planned shifts per day, when some replication's programme moved a shift or plan phase
    /// (else the scenario's calendar says); empty until then.
    pub(super) planned: Vec<Histogram>,
    pub(super) events: u64,
    /// Whether only the milestones are folded (a watched forecast, whose other figures cover
    /// only the days its replications ran and are not to be read).
    pub(super) milestones_only: bool,
}

/// Why two [`Partial`]s cannot merge, or a [`Partial`] does not fit a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeError(pub String);

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MergeError {}

impl Partial {
    /// Nothing folded yet, for `scenario` run under `seed`.
    pub fn new(scenario: &Scenario, prepared: &Prepared, seed: u64) -> Partial {
        let n_days = prepared.calendar.n_days;
        let milestones = scenario.milestones.len();
        Partial {
            seed,
            count: 0,
            milestone_days: vec![Histogram::default(); milestones],
            not_reached: vec![0; milestones],
            throughput: Running::default(),
            wip: Running::default(),
            flow: Running::default(),
            stations: vec![Default::default(); scenario.stations.len()],
            daily_good: vec![Histogram::default(); n_days],
            daily_cumulative: vec![Histogram::default(); n_days],
            staffed_sum: vec![0; n_days],
            stockouts: vec![0; n_days],
            kit_stock: vec![vec![Histogram::default(); n_days]; scenario.kits.len()],
            payroll: Vec::new(),
            trained: Vec::new(),
            released: Running::default(),
            good: Running::default(),
            scrapped: Running::default(),
            stockout_days: Running::default(),
            unstaffed_shifts: Running::default(),
            costs: CostAccumulator::new(scenario, &prepared.calendar),
            programme: ProgrammeAccumulator::new(scenario),
            planned: Vec::new(),
            events: 0,
            milestones_only: false,
        }
    }

    /// The same, folding only the milestones from now on.
    pub(super) fn milestones_only(mut self) -> Partial {
        self.milestones_only = true;
        self.costs = None;
        self.programme = None;
        self
    }

    /// Replications folded.
    pub fn count(&self) -> u64 {
        self.count
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Whether it has the shape of a partial of `scenario` under `seed` (one read from a file
    /// may come from another scenario).
    pub fn check(
        &self,
        scenario: &Scenario,
        prepared: &Prepared,
        seed: u64,
        milestones_only: bool,
    ) -> Result<(), MergeError> {
        let mut blank = Partial::new(scenario, prepared, seed);
        if milestones_only {
            blank = blank.milestones_only();
        }
        let shape = |p: &Partial| {
            (
                p.seed,
                p.milestone_days.len(),
                p.stations.len(),
                p.daily_good.len(),
                p.kit_stock.iter().map(Vec::len).collect::<Vec<_>>(),
                p.costs.as_ref().map(CostAccumulator::days),
                p.programme.as_ref().map(ProgrammeAccumulator::shape),
                p.milestones_only,
            )
        };
        if shape(self) != shape(&blank) {
            return Err(MergeError(format!(
                "the aggregates do not fit scenario \"{}\" under seed {seed}: they were run \
                 from another scenario, seed or version",
                scenario.name
            )));
        }
        let days = prepared.calendar.n_days;
        for (what, len) in [
            ("payroll", self.payroll.len()),
            ("trained", self.trained.len()),
        ] {
            if len != 0 && len != days {
                return Err(MergeError(format!(
                    "the {what} by day covers {len} days, the scenario {days}"
                )));
            }
        }
        if !self.planned.is_empty() && self.planned.len() != days {
            return Err(MergeError(format!(
                "the planned shifts cover {} days, the scenario {days}",
                self.planned.len()
            )));
        }
        Ok(())
    }

    /// Adds everything `other` folded; `calendar` is the scenario's (for the planned shifts of
    /// replications that ran on it).
    pub(super) fn merge(&mut self, other: &Partial, calendar: &PlantCalendar) {
        if self.planned.is_empty() != other.planned.is_empty() {
            // One side's replications all ran on the scenario's calendar.
            let backfill = |count: u64| -> Vec<Histogram> {
                calendar
                    .scheduled_shifts
                    .iter()
                    .map(|&shifts| {
                        let mut histogram = Histogram::default();
                        for _ in 0..count {
                            histogram.push(u64::from(shifts));
                        }
                        histogram
                    })
                    .collect()
            };
            if self.planned.is_empty() {
                self.planned = backfill(self.count);
                merge_all(&mut self.planned, &other.planned);
            } else {
                merge_all(&mut self.planned, &backfill(other.count));
            }
        } else {
            merge_all(&mut self.planned, &other.planned);
        }
        self.count += other.count;
        for (ours, theirs) in self.milestone_days.iter_mut().zip(&other.milestone_days) {
            ours.merge(theirs);
        }
        add_all(&mut self.not_reached, &other.not_reached);
        self.throughput.merge(&other.throughput);
        self.wip.merge(&other.wip);
        self.flow.merge(&other.flow);
        for (ours, theirs) in self.stations.iter_mut().zip(&other.stations) {
            for (ours, theirs) in ours.iter_mut().zip(theirs) {
                ours.merge(theirs);
            }
        }
        merge_all(&mut self.daily_good, &other.daily_good);
        merge_all(&mut self.daily_cumulative, &other.daily_cumulative);
        add_all(&mut self.staffed_sum, &other.staffed_sum);
        add_all(&mut self.stockouts, &other.stockouts);
        for (ours, theirs) in self.kit_stock.iter_mut().zip(&other.kit_stock) {
            merge_all(ours, theirs);
        }
        for (ours, theirs) in [
            (&mut self.payroll, &other.payroll),
            (&mut self.trained, &other.trained),
        ] {
            if ours.is_empty() {
                ours.resize(theirs.len(), Histogram::default());
            }
            merge_all(ours, theirs);
        }
        self.released.merge(&other.released);
        self.good.merge(&other.good);
        self.scrapped.merge(&other.scrapped);
        self.stockout_days.merge(&other.stockout_days);
        self.unstaffed_shifts.merge(&other.unstaffed_shifts);
        if let (Some(ours), Some(theirs)) = (&mut self.costs, &other.costs) {
            ours.merge(theirs);
        }
        if let (Some(ours), Some(theirs)) = (&mut self.programme, &other.programme) {
            ours.merge(theirs);
        }
        self.events += other.events;
    }
}

fn merge_all(ours: &mut [Histogram], theirs: &[Histogram]) {
    for (ours, theirs) in ours.iter_mut().zip(theirs) {
        ours.merge(theirs);
    }
}

fn add_all(ours: &mut [u64], theirs: &[u64]) {
    for (ours, theirs) in ours.iter_mut().zip(theirs) {
        *ours += theirs;
    }
}

/// The version of [`Partial`]'s words: a partial encoded by another layout does not decode.
const PARTIAL_LAYOUT: u64 = 1;

impl Codec for Partial {
    fn encode(&self, out: &mut Vec<u64>) {
        out.push(PARTIAL_LAYOUT);
        self.seed.encode(out);
        self.count.encode(out);
        self.milestone_days.encode(out);
        self.not_reached.encode(out);
        self.throughput.encode(out);
        self.wip.encode(out);
        self.flow.encode(out);
        self.stations.encode(out);
        self.daily_good.encode(out);
        self.daily_cumulative.encode(out);
        self.staffed_sum.encode(out);
        self.stockouts.encode(out);
        self.kit_stock.encode(out);
        self.payroll.encode(out);
        self.trained.encode(out);
        self.released.encode(out);
        self.good.encode(out);
        self.scrapped.encode(out);
        self.stockout_days.encode(out);
        self.unstaffed_shifts.encode(out);
        self.costs.encode(out);
        self.programme.encode(out);
        self.planned.encode(out);
        self.events.encode(out);
        self.milestones_only.encode(out);
    }
    fn decode(input: &mut Decoder<'_>) -> Result<Self, DecodeError> {
        let layout = input.word()?;
        if layout != PARTIAL_LAYOUT {
            return Err(DecodeError(format!(
                "aggregates of layout {layout}, this release reads layout {PARTIAL_LAYOUT}"
            )));
        }
        Ok(Partial {
            seed: Codec::decode(input)?,
            count: Codec::decode(input)?,
            milestone_days: Codec::decode(input)?,
            not_reached: Codec::decode(input)?,
            throughput: Codec::decode(input)?,
            wip: Codec::decode(input)?,
            flow: Codec::decode(input)?,
            stations: Codec::decode(input)?,
            daily_good: Codec::decode(input)?,
            daily_cumulative: Codec::decode(input)?,
            staffed_sum: Codec::decode(input)?,
            stockouts: Codec::decode(input)?,
            kit_stock: Codec::decode(input)?,
            payroll: Codec::decode(input)?,
            trained: Codec::decode(input)?,
            released: Codec::decode(input)?,
            good: Codec::decode(input)?,
            scrapped: Codec::decode(input)?,
            stockout_days: Codec::decode(input)?,
            unstaffed_shifts: Codec::decode(input)?,
            costs: Codec::decode(input)?,
            programme: Codec::decode(input)?,
            planned: Codec::decode(input)?,
            events: Codec::decode(input)?,
            milestones_only: Codec::decode(input)?,
        })
    }
}

//! The proposal: a mixed-integer programme over the horizon's days, solved by HiGHS (good_lp).
//!
//! Decisions change at most weekly (weeks count from the scenario's start): hires `h_w` on the
//! first day of week `w`, starts per release day `r_w`, shifts `s_w`, orders `q_kw` of each kit
//! (placed on the week's first day, or on the first day orders may go out when that falls in
//! the week).
//! Starts on day `d` are `x_d = r_w(d)` on the release days ([`ReleaseDay::Open`]), 0 otherwise.
//!
//! ```text
//! minimise  Σ_w c_L·(H − 7w)·h_w + Σ_k p_k·Σ_w q_kw + Σ_k c_k·Σ_d S_kd + ε·(changes) + M·Σ_m u_m
//! staff     N(s_w) ≤ Σ_{w': 7w' + τ ≤ d_w} h_w'   first workday d_w of week w; N(s) the hires
//!           s shifts need: at the confidence, P(Binomial(N, ρ) ≥ P·s) ≥ it (else P·s/ρ)
//! ready     s_w ≥ 1 and Σ_{w'} h_w' ≥ N_b in a week a batch opens in when its task finishes
//!           early; N_b the hires for one shift present on each of the batch's D days with
//!           probability confidence^(1/D)
//! batch kits S_k,b−1 + a_kb ≥ κ_k·B   a batch's starts B (its P50 window) in stock before it opens
//!           S_k,e + κ_k·Σ_{d≤e} x_d ≥ max(κ_k·B, the input's kits arrived by its end e)
//! capacity  r_w ≤ min_{d ∈ w, release day} C_d·s_w,   r_w = the scenario's rate in a batch
//! ramp      r_w ≥ r_w'                  w' the release week before w, up to the last due date
//! after     r_w ≤ R_w,  r_w + v_w ≥ R_w   R_w the input's rate, in weeks after the last due date
//! kits      S_kd = S_k,d−1 + a_kd + Σ_{w: 7w + L_k = d} q_kw − κ_k·x_d,  S_kd ≥ σ_k·κ_k·x_d, ≥ 0
//! cumul.    g·Σ_{d ≤ T_m − f} x_d + u_m ≥ N_m
//! rate      g·Σ_{last W_m workdays ≤ T_m − f} x_d + u_m ≥ R_m·W_m
//! ```
//!
//! `c_L` labour per head-day, `H` the horizon's days (a hire is paid to its end), `p_k` the kit
//! price, `c_k` its carrying cost a day, `P` people per shift, `ρ` present per hire, `τ`
//! training days, `C_d` starts a shift can make on day `d`, `a_kd` known arrivals, `L_k` the
//! planning lead time, `κ_k` kits per start, `σ_k` days of cover, `g` good per start, `f` days
//! from start to good, `T_m` the target day. The shortfall `u_m ≥ 0` costs `M`, far above any
//! plan's cost, so a plan meets every target it can and says by how much it misses the others.
//! The slack `v_w` costs more than the kits of a week's starts (`after_penalty`), so beyond
//! its milestones the plan makes what the input planned, no more, and less only where its staff
//! or line cannot.
//! `ε` is below any real cost difference: among plans of equal cost the one with the fewest
//! changes (hire waves, orders, rate and shift steps) wins.

use good_lp::solvers::highs::{HighsParallelType, highs};
use good_lp::{
    Expression, ProblemVariables, Solution, SolverModel, Variable, constraint, variable,
};

use crate::inputs::{PlanInputs, ReleaseDay, TargetKind, week};

/// Seconds HiGHS may take for one proposal.
const TIME_LIMIT_SECS: f64 = 60.0;

/// The decisions of one proposal, by day index.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// Hires: (day, people).
    pub hires: Vec<(usize, u32)>,
    /// Shifts a workday from each day on (at changes, the first from day 0).
    pub shifts: Vec<(usize, u32)>,
    /// Starts per release day from each day on (at changes); days the scenario holds at zero
    /// stay as the scenario has them.
    pub release: Vec<(usize, u32)>,
    /// Orders of each kit: (dispatch day, kits).
    pub orders: Vec<Vec<(usize, u32)>>,
    /// Each target's shortfall (good units) in the proposal; all zero when it meets them all.
    pub shortfalls: Vec<f64>,
    /// The objective without the tie-breaks and shortfalls: labour, kits and their carrying.
    pub cost: f64,
}

/// Why no proposal came.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SolveError {
    #[error("the optimiser (HiGHS) failed: {0}")]
    Solver(String),
}

struct Vars {
    hires: Vec<Option<Variable>>,
    shifts: Vec<Variable>,
    rate: Vec<Option<Variable>>,
    orders: Vec<Vec<Option<Variable>>>,
    shortfall: Vec<Variable>,
}

/// The cheapest proposal that meets the targets of `inputs` (or comes closest).
pub fn propose(inputs: &PlanInputs) -> Result<Proposal, SolveError> {
    let weeks = inputs.n_weeks();
    let last_target = inputs.targets.iter().map(|t| t.day).max().unwrap_or(0);
    let release_week: Vec<bool> = (0..weeks)
        .map(|w| {
            days_of(w, inputs.n_days).any(|d| matches!(inputs.release[d], ReleaseDay::Open { .. }))
        })
        .collect();
    let most_hires = f64::from(inputs.staff_per_shift.max(1) * inputs.max_shifts) * 3.0;
    let most_order = inputs.max_per_day as f64 * 7.0 * 8.0 + 1.0;
    let mut problem = ProblemVariables::new();
    let vars = Vars {
        hires: (0..weeks)
            .map(|w| {
                (inputs.has_workforce && inputs.staff_per_shift > 0 && 7 * w <= last_target)
                    .then(|| problem.add(variable().integer().min(0).max(most_hires)))
            })
            .collect(),
        shifts: (0..weeks)
            .map(|_| problem.add(variable().integer().min(0).max(inputs.max_shifts)))
            .collect(),
        rate: release_week
            .iter()
            .map(|&open| {
                open.then(|| problem.add(variable().integer().min(0).max(inputs.max_per_day)))
            })
            .collect(),
        orders: inputs
            .kits
            .iter()
            .map(|kit| {
                (0..weeks)
                    .map(|w| {
                        (7 * w + 6 >= kit.first_order_day
                            && dispatch_day(w, kit.first_order_day) + kit.lead_days < inputs.n_days)
                            .then(|| problem.add(variable().integer().min(0).max(most_order)))
                    })
                    .collect()
            })
            .collect(),
        shortfall: inputs
            .targets
            .iter()
            .map(|_| problem.add(variable().min(0)))
            .collect(),
    };
    let starts = |day: usize| -> Expression {
        match (inputs.release[day], vars.rate[week(day)]) {
            (ReleaseDay::Open { .. }, Some(rate)) => rate.into(),
            _ => Expression::from(0.0),
        }
    };
    let mut constraints: Vec<good_lp::Constraint> = Vec::new();
    let mut cost = Expression::from(0.0);
    let mut changes = Expression::from(0.0);

    // Staff: the shifts of a week need their people trained by its first workday.
    let mut hired_by = Expression::from(0.0);
    let mut hired_weeks = 0;
    let mut unready_heads = Expression::from(0.0);
    for w in 0..weeks {
        if let Some(hire) = vars.hires[w] {
            cost += inputs.labour_per_head_day * (inputs.n_days - 7 * w) as f64 * hire;
            change(
                &mut problem,
                &mut constraints,
                &mut changes,
                hire.into(),
                most_hires,
            );
        }
        if inputs.staff_per_shift == 0 || !inputs.has_workforce {
            continue;
        }
        let Some(first_workday) = days_of(w, inputs.n_days).find(|&d| inputs.workday[d]) else {
            continue;
        };
        while hired_weeks < weeks && 7 * hired_weeks + inputs.training_days <= first_workday {
            if let Some(hire) = vars.hires[hired_weeks] {
                hired_by += hire;
            }
            hired_weeks += 1;
        }
        // One binary a shift level, taken in order: the hires cover the heads that many shifts
        // need (a step function of the shifts, see `PlanInputs::heads_for_shifts`).
        let levels: Vec<Variable> = (1..inputs.heads_for_shifts.len())
            .map(|_| problem.add(variable().binary()))
            .collect();
        let on: Expression = levels.iter().copied().sum();
        constraints.push(constraint!(vars.shifts[w] == on));
        let mut covered = Expression::from(0.0);
        for (level, &y) in levels.iter().enumerate() {
            let step = inputs.heads_for_shifts[level + 1] - inputs.heads_for_shifts[level];
            covered += step * y;
            if let Some(&next) = levels.get(level + 1) {
                constraints.push(constraint!(y >= next));
            }
        }
        constraints.push(constraint!(covered <= hired_by.clone()));
        // A batch's week: its shift's people present every day of its window.
        if inputs.batch_heads > 0.0
            && days_of(w, inputs.n_days).any(|d| inputs.staff_ready[d] && inputs.workday[d])
        {
            let short = problem.add(variable().min(0));
            unready_heads += short;
            constraints.push(constraint!(hired_by.clone() + short >= inputs.batch_heads));
        }
    }
    // A batch's shift runs from its early opening: the line is staffed when its task finishes
    // early (short of it costs like a milestone, so it is never given up to save money).
    let mut unready = Expression::from(0.0);
    for w in 0..weeks {
        if inputs.max_shifts > 0 && days_of(w, inputs.n_days).any(|d| inputs.staff_ready[d]) {
            let short = problem.add(variable().min(0).max(1));
            unready += short;
            constraints.push(constraint!(vars.shifts[w] + short >= 1));
        }
    }
    for w in 1..weeks {
        let up = vars.shifts[w] - vars.shifts[w - 1];
        let down = vars.shifts[w - 1] - vars.shifts[w];
        let most = f64::from(inputs.max_shifts);
        let indicator = problem.add(variable().binary());
        constraints.push(constraint!(up <= most * indicator));
        constraints.push(constraint!(down <= most * indicator));
        changes += indicator;
    }

    // Capacity and the ramp.
    let mut previous: Option<Variable> = None;
    let mut batch_short = Expression::from(0.0);
    let mut after_short = Expression::from(0.0);
    let last_due = inputs.targets.iter().map(|t| t.due_day).max().unwrap_or(0);
    for w in 0..weeks {
        let Some(rate) = vars.rate[w] else { continue };
        let least = days_of(w, inputs.n_days)
            .filter(|&d| matches!(inputs.release[d], ReleaseDay::Open { .. }))
            .map(|d| inputs.starts_per_shift[d])
            .fold(f64::INFINITY, f64::min);
        constraints.push(constraint!(rate <= least * vars.shifts[w]));
        // A batch keeps the scenario's rate on every one of its days.
        let batch = days_of(w, inputs.n_days)
            .filter_map(|d| match inputs.release[d] {
                ReleaseDay::Open { phase } => inputs.phase_batch.get(phase).copied().flatten(),
                ReleaseDay::Closed => None,
            })
            .min();
        // (A week the staff or the line cannot make it is short by a slack that costs as much
        // as a milestone's, so a batch is never cut to save money.)
        if let Some(batch) = batch {
            let short = problem.add(variable().min(0));
            batch_short += short;
            constraints.push(constraint!(rate <= f64::from(batch)));
            constraints.push(constraint!(rate + short >= f64::from(batch)));
        }
        // After the last due date the plan makes what the input's plan asks for, no more
        // (a fall in rate is allowed then), and less only where its staff and line cannot: a
        // unit short a day costs more than the kits it would use.
        if 7 * w > last_due {
            let asked = days_of(w, inputs.n_days)
                .filter_map(|d| match inputs.release[d] {
                    ReleaseDay::Open { phase } => inputs.phase_rate.get(phase).copied(),
                    ReleaseDay::Closed => None,
                })
                .max()
                .unwrap_or(0);
            let short = problem.add(variable().min(0));
            after_short += short;
            constraints.push(constraint!(rate <= f64::from(asked)));
            constraints.push(constraint!(rate + short >= f64::from(asked)));
            previous = Some(rate);
            continue;
        }
        match previous {
            Some(before) => {
                constraints.push(constraint!(rate >= before));
                change(
                    &mut problem,
                    &mut constraints,
                    &mut changes,
                    rate - before,
                    f64::from(inputs.max_per_day),
                );
            }
            None => change(
                &mut problem,
                &mut constraints,
                &mut changes,
                rate.into(),
                f64::from(inputs.max_per_day),
            ),
        }
        previous = Some(rate);
    }

    // Kits: the stock of each day, never below zero, nor below its days of cover on days with
    // starts.
    for (k, kit) in inputs.kits.iter().enumerate() {
        for order in vars.orders[k].iter().flatten() {
            cost += kit.price * *order;
            change(
                &mut problem,
                &mut constraints,
                &mut changes,
                (*order).into(),
                most_order,
            );
        }
        if kit.per_start <= 0.0 {
            continue;
        }
        let mut stock = Expression::from(0.0);
        let mut levels: Vec<Variable> = Vec::with_capacity(inputs.n_days);
        for day in 0..inputs.n_days {
            stock += kit.arrivals[day];
            if day >= kit.lead_days {
                let dispatched = day - kit.lead_days;
                let w = week(dispatched);
                if dispatched == dispatch_day(w, kit.first_order_day)
                    && let Some(Some(order)) = vars.orders[k].get(w)
                {
                    stock += *order;
                }
            }
            stock -= kit.per_start * starts(day);
            let level = problem.add(variable().min(0));
            constraints.push(constraint!(level == stock.clone()));
            cost += kit.carrying_per_day * level;
            if kit.cover_days > 0.0 {
                let cover = kit.cover_days * kit.per_start * starts(day);
                constraints.push(constraint!(level >= cover));
            }
            stock = level.into();
            levels.push(level);
        }
        // A batch's kits are in stock the day before it opens (short of it costs like a
        // milestone: the pilot cars are not cut to save kits).
        for (batch, floor) in inputs.batches.iter().zip(&kit.batch_floor) {
            if let Some(&before) = batch.first.checked_sub(1).and_then(|d| levels.get(d)) {
                let arriving = kit.arrivals.get(batch.first).copied().unwrap_or(0.0);
                let short = problem.add(variable().min(0));
                batch_short += short;
                constraints.push(constraint!(
                    before + arriving + short >= kit.per_start * batch.starts
                ));
            }
            // By its last day, as many kits as the input had arrived by then (and at least the
            // batch's own): stock plus what the starts so far used.
            if let Some(&end) = levels.get(batch.last) {
                let used: Expression = (0..=batch.last).map(&starts).sum();
                let short = problem.add(variable().min(0));
                batch_short += short;
                let need = floor.max(kit.per_start * batch.starts);
                constraints.push(constraint!(end + kit.per_start * used + short >= need));
            }
        }
    }

    // The targets.
    let penalty = big_penalty(inputs);
    let mut objective = cost.clone()
        + penalty * batch_short
        + penalty * unready
        + penalty * unready_heads
        + after_penalty(inputs) * after_short;
    for (target, &short) in inputs.targets.iter().zip(&vars.shortfall) {
        objective += penalty * short;
        constraints.push(target_met(inputs, &starts, target.kind, target.day, short));
        // The due day itself stays a target, dearer than the advanced one: an advance the plan
        // cannot make never costs the due date.
        if target.day < target.due_day {
            let due_short = problem.add(variable().min(0));
            objective += 10.0 * penalty * due_short;
            constraints.push(target_met(
                inputs,
                &starts,
                target.kind,
                target.due_day,
                due_short,
            ));
        }
    }
    objective += tie_break(inputs) * changes;

    let mut model = problem
        .minimise(objective)
        .using(highs)
        .set_parallel(HighsParallelType::Off)
        .set_threads(1)
        .set_time_limit(TIME_LIMIT_SECS);
    for c in constraints {
        model.add_constraint(c);
    }
    let solution = model
        .solve()
        .map_err(|error| SolveError::Solver(error.to_string()))?;
    Ok(read(inputs, &vars, &solution, solution.eval(&cost)))
}

/// The constraint that `kind` is met by `day`, short by `short` good units.
fn target_met(
    inputs: &PlanInputs,
    starts: &impl Fn(usize) -> Expression,
    kind: TargetKind,
    day: usize,
    short: Variable,
) -> good_lp::Constraint {
    let end = day.saturating_sub(inputs.flow_days).min(inputs.n_days - 1);
    match kind {
        TargetKind::Cumulative(units) => {
            let made: Expression = (0..=end).map(starts).sum();
            constraint!(inputs.good_per_start * made + short >= units)
        }
        TargetKind::Rate { per_day, window } => {
            let made: Expression = (0..=end)
                .rev()
                .filter(|&d| inputs.workday[d])
                .take(window as usize)
                .map(starts)
                .sum();
            constraint!(inputs.good_per_start * made + short >= per_day * f64::from(window))
        }
    }
}

/// A binary that is 1 when `step` is above zero (at most `most`), counted in `changes`.
fn change(
    problem: &mut ProblemVariables,
    constraints: &mut Vec<good_lp::Constraint>,
    changes: &mut Expression,
    step: Expression,
    most: f64,
) {
    let indicator = problem.add(variable().binary());
    constraints.push(constraint!(step <= most * indicator));
    *changes += indicator;
}

/// The day an order of week `w` is placed: the week's first day, or the first day an order may
/// be placed when that falls within the week (an order that follows a task goes out with it).
pub fn dispatch_day(w: usize, first_order_day: usize) -> usize {
    (7 * w).max(first_order_day)
}

fn days_of(w: usize, n_days: usize) -> std::ops::Range<usize> {
    (7 * w).min(n_days)..(7 * w + 7).min(n_days)
}

/// A unit of shortfall costs more than any plan could.
fn big_penalty(inputs: &PlanInputs) -> f64 {
    let dearest_kit = inputs.kits.iter().map(|k| k.price).fold(1.0, f64::max);
    1e3 * (inputs.labour_per_head_day * inputs.n_days as f64 + dearest_kit).max(1.0)
}

/// A start a day short of the input's rate after the last due date, for a week: more than the
/// kits of that week's starts, far less than a milestone.
fn after_penalty(inputs: &PlanInputs) -> f64 {
    let kits: f64 = inputs
        .kits
        .iter()
        .map(|k| k.price * k.per_start * (1.0 + k.cover_days))
        .sum();
    14.0 * kits.max(1.0)
}

/// A change costs less than the cheapest real difference between two plans.
fn tie_break(inputs: &PlanInputs) -> f64 {
    let cheapest = inputs
        .kits
        .iter()
        .map(|k| k.price)
        .filter(|&p| p > 0.0)
        .fold(inputs.labour_per_head_day.max(0.0), |a, b| {
            if a > 0.0 { a.min(b) } else { b }
        });
    if cheapest > 0.0 {
        cheapest * 1e-3
    } else {
        1e-3
    }
}

fn whole(value: f64) -> u32 {
    value.round().max(0.0) as u32
}

fn read(inputs: &PlanInputs, vars: &Vars, solution: &impl Solution, cost: f64) -> Proposal {
    let hires = vars
        .hires
        .iter()
        .enumerate()
        .filter_map(|(w, hire)| hire.map(|h| (7 * w, whole(solution.value(h)))))
        .filter(|&(_, count)| count > 0)
        .collect();
    // A week without release days (nor a batch to be staffed for) keeps the shifts of the week
    // before: they make nothing then, and a change the optimiser left in (within its gap) would
    // be noise in the plan.
    let mut shifts: Vec<(usize, u32)> = Vec::new();
    let mut before = 0;
    for (w, &s) in vars.shifts.iter().enumerate() {
        let releases = days_of(w, inputs.n_days)
            .any(|d| matches!(inputs.release[d], ReleaseDay::Open { .. }) || inputs.staff_ready[d]);
        let count = if releases || w == 0 {
            whole(solution.value(s))
        } else {
            before
        };
        before = count;
        if shifts.last().is_none_or(|&(_, last)| last != count) {
            shifts.push((7 * w, count));
        }
    }
    let mut release: Vec<(usize, u32)> = Vec::new();
    for (w, rate) in vars.rate.iter().enumerate() {
        let Some(rate) = rate else { continue };
        let per_day = whole(solution.value(*rate));
        let first = days_of(w, inputs.n_days)
            .find(|&d| matches!(inputs.release[d], ReleaseDay::Open { .. }))
            .unwrap_or(7 * w);
        if release.last().is_none_or(|&(_, last)| last != per_day) {
            release.push((first, per_day));
        }
    }
    let orders = vars
        .orders
        .iter()
        .zip(&inputs.kits)
        .map(|(orders, kit)| {
            orders
                .iter()
                .enumerate()
                .filter_map(|(w, order)| {
                    order.map(|q| {
                        (
                            dispatch_day(w, kit.first_order_day),
                            whole(solution.value(q)),
                        )
                    })
                })
                .filter(|&(_, count)| count > 0)
                .collect()
        })
        .collect();
    let shortfalls = vars
        .shortfall
        .iter()
        .map(|&u| {
            let short = solution.value(u);
            if short > 1e-6 { short } else { 0.0 }
        })
        .collect();
    Proposal {
        hires,
        shifts,
        release,
        orders,
        shortfalls,
        cost,
    }
}

//! The settings every simulating use case shares, resolved once: the seed and replications
//! default to the scenario's, and the thread pool is built here.

use relaunch_core::Scenario;
use relaunch_core::budget::{MAX_EVENTS_WITHOUT_CONSENT, WorkEstimate};
use relaunch_core::montecarlo::{Forecast, Stopped, forecast_until};
use relaunch_core::programme::tornado_until;
use relaunch_core::sim::Relaxations;
use relaunch_report::Perf;

use crate::AppError;
use crate::ports::{Services, Work};

/// The run settings a user may give; absent ones default to the (first) scenario's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunSettings {
    /// Replications per forecast (`why` runs 32 forecasts of this many, 64 with a programme,
    /// `compare` this many per variant; the risk tornado one more per risk).
    pub replications: Option<u64>,
    /// The seed of the random streams.
    pub seed: Option<u64>,
    /// Worker threads; 0 or absent means all cores. Results do not depend on it.
    pub threads: Option<u16>,
    /// Run even when the estimated work is huge (`--allow-long-run`).
    pub allow_long_run: bool,
}

/// The seed and replications a run uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub seed: u64,
    pub replications: u64,
}

impl RunSettings {
    /// The seed and replications, defaulting to those of `scenario`.
    pub fn resolve(&self, scenario: &Scenario) -> Resolved {
        Resolved {
            seed: self.seed.unwrap_or(scenario.seed),
            replications: self
                .replications
                .unwrap_or(u64::from(scenario.replications)),
        }
    }

    /// Refuses, before anything runs, `forecasts` forecasts of `scenario` whose estimated events
    /// (per replication, times replications) exceed what a run may do without the user's
    /// consent, unless a long run is allowed.
    pub fn check_work(&self, scenario: &Scenario, forecasts: u64) -> Result<(), AppError> {
        let replications = self.resolve(scenario).replications;
        let per_replication = WorkEstimate::of(scenario).events;
        let events = per_replication * replications as f64 * forecasts as f64;
        if self.allow_long_run || events <= MAX_EVENTS_WITHOUT_CONSENT {
            return Ok(());
        }
        Err(AppError::LongRun {
            scenario: scenario.name.clone(),
            events,
            per_replication,
            forecasts,
            replications,
            limit: MAX_EVENTS_WITHOUT_CONSENT,
        })
    }

    /// A rayon pool of the requested number of workers (all cores when absent or 0).
    pub fn pool(&self) -> Result<rayon::ThreadPool, AppError> {
        let threads = usize::from(self.threads.unwrap_or(0));
        Ok(rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?)
    }
}

/// The forecasts a forecast of `scenario` runs: itself, and with `with_tornado` one more per
/// risk (the risk tornado, [`relaunch_core::programme::tornado`]).
pub fn forecasts_with_tornado(scenario: &Scenario, with_tornado: bool) -> u64 {
    1 + if with_tornado {
        scenario.programme.risks.len() as u64
    } else {
        0
    }
}

/// Runs the forecast of `scenario` on the pool of `settings`, reporting progress, and measures
/// it with the services' clock; with `with_tornado`, then fills each risk's effects on the
/// milestones (one more forecast per risk, counted in the progress but not in the `perf`
/// block, which times the forecast itself).
pub fn timed_forecast(
    scenario: &Scenario,
    settings: &RunSettings,
    relax: Relaxations,
    with_tornado: bool,
    services: &Services<'_>,
) -> Result<(Forecast, Perf), AppError> {
    let Resolved { seed, replications } = settings.resolve(scenario);
    let pool = settings.pool()?;
    let progress = services.progress;
    let forecasts = forecasts_with_tornado(scenario, with_tornado);
    progress.start(
        Work::Forecast {
            scenario: &scenario.name,
        },
        replications.saturating_mul(forecasts),
    );
    let stop = || progress.stopped();
    let started = services.clock.now();
    let result = pool.install(|| {
        forecast_until(
            scenario,
            seed,
            replications,
            relax,
            &|done| progress.advance(done),
            &stop,
        )
    });
    let mut result = match result {
        Ok(result) => result,
        Err(Stopped) => {
            progress.finish();
            return Err(AppError::Cancelled);
        }
    };
    let wall_seconds = services.clock.now().saturating_sub(started).as_secs_f64();
    let tornado = if forecasts > 1 {
        pool.install(|| {
            tornado_until(
                scenario,
                seed,
                replications,
                relax,
                &mut result,
                &|done| progress.advance(replications + done),
                &stop,
            )
        })
    } else {
        Ok(())
    };
    progress.finish();
    tornado.map_err(|Stopped| AppError::Cancelled)?;
    let perf = Perf {
        wall_seconds,
        threads: pool.current_num_threads(),
        events: result.events,
        events_per_second: result.events as f64 / wall_seconds.max(1e-9),
    };
    Ok((result, perf))
}

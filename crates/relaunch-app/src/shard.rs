//! Shards of a forecast (`relaunch simulate --shard K/N`): one process runs the K-th of N
//! equal ranges of the replications and hands over what they fold into, as a shard file
//! ([`ShardFile`]); [`crate::merge`] joins the N files into the forecast of all the
//! replications, byte for byte the unsharded run's (its `perf` block aside).
//!
//! This works because replication `i` draws only from its own random streams (whatever ran
//! before it, on whichever machine), and every aggregate adds up exactly in any order: integer
//! histograms and counts add, means and variances come from exact sums
//! ([`relaunch_core::stats::ExactSum`]). The scheduler (a Slurm array, a Kubernetes Indexed
//! Job, a shell loop) is the user's; see docs/scale-out.md.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use relaunch_core::Scenario;
use relaunch_core::codec::to_words;
use relaunch_core::montecarlo::{Partial, Stopped, partial_until};
use relaunch_core::programme::without_risk;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::AppError;
use crate::ports::{Services, Work};
use crate::run::{Resolved, RunSettings, forecasts_with_tornado};
use crate::tracking::programme::{canonical_json, sha256_hex};

/// What a shard file says it is.
pub const SHARD_FORMAT: &str = "relaunch-shard";
/// The version of the shard file's layout; merge refuses files of another.
pub const SHARD_FORMAT_VERSION: u32 = 1;

/// The K-th of N shards (K from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ShardSpec {
    pub index: u32,
    pub count: u32,
}

impl ShardSpec {
    /// Its share of `replications`: the K-th of N ranges as equal as whole replications allow.
    pub fn range(&self, replications: u64) -> Range<u64> {
        let count = u64::from(self.count);
        let index = u64::from(self.index);
        let at = |k: u64| (u128::from(replications) * u128::from(k) / u128::from(count)) as u64;
        at(index - 1)..at(index)
    }

    /// The name of its file: `shard-K-of-N.json`.
    pub fn file_name(&self) -> String {
        format!("shard-{}-of-{}.json", self.index, self.count)
    }
}

impl fmt::Display for ShardSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for ShardSpec {
    type Err = String;

    /// `K/N` with 1 ≤ K ≤ N.
    fn from_str(text: &str) -> Result<ShardSpec, String> {
        let wrong = || {
            format!(
                "`{text}` is not a shard: write K/N, the K-th of N shards, with 1 <= K <= N \
                 (e.g. 3/8; a Slurm array task: $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT \
                 with --array=1-N)"
            )
        };
        let (index, count) = text.split_once('/').ok_or_else(wrong)?;
        let index: u32 = index.trim().parse().map_err(|_| wrong())?;
        let count: u32 = count.trim().parse().map_err(|_| wrong())?;
        if index == 0 || index > count {
            return Err(wrong());
        }
        Ok(ShardSpec { index, count })
    }
}

/// One shard's file: where it belongs and what its replications folded into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardFile {
    /// [`SHARD_FORMAT`].
    pub format: String,
    /// [`SHARD_FORMAT_VERSION`].
    pub format_version: u32,
    /// The relaunch release that ran it.
    pub relaunch: String,
    pub shard: ShardSpec,
    /// Replications of the whole forecast (all shards).
    pub replications: u64,
    /// This shard's replications, `[from, to)`.
    pub range: [u64; 2],
    pub seed: u64,
    /// The scenario file as the user named it (shown in the merged report).
    pub scenario_file: String,
    /// The `--set` overrides it was read with (already in `scenario`; for the merged report's
    /// command that reproduces the run).
    pub overrides: Vec<String>,
    /// The hex SHA-256 of the scenario's canonical JSON: shards of different scenarios (or
    /// `--set` overrides) do not merge.
    pub scenario_hash: String,
    /// The scenario, resolved (extends and overrides applied), as JSON: merge reads it back.
    pub scenario: Value,
    /// Whether the risk tornado was run (then `without_risks` holds one partial per risk).
    pub tornado: bool,
    /// Wall time of the shard's run, seconds.
    pub wall_seconds: f64,
    pub threads: usize,
    /// The forecast's aggregates over `range`, as the core encodes them
    /// ([`relaunch_core::codec`]).
    pub forecast: Vec<u64>,
    /// The milestones of the forecast without each risk, over `range` (the tornado), encoded.
    pub without_risks: Vec<Vec<u64>>,
    /// The hex SHA-256 of the file's canonical JSON without this field: a file altered after it
    /// was written (by hand, or by a tool that rounds large numbers) does not merge.
    pub checksum: String,
}

/// What a shard run is asked for.
#[derive(Debug, Clone)]
pub struct ShardRequest {
    pub scenario: Scenario,
    /// The scenario resolved as JSON ([`relaunch_scenario::resolve_to_json_set`]).
    pub resolved: Value,
    pub scenario_file: String,
    pub overrides: Vec<String>,
    pub settings: RunSettings,
    pub shard: ShardSpec,
    /// Also run the risk tornado's forecasts (one per risk) over the shard's range.
    pub tornado: bool,
}

/// Runs one shard: the shard's file, to be written as [`ShardSpec::file_name`].
pub fn run_shard(request: &ShardRequest, services: &Services<'_>) -> Result<ShardFile, AppError> {
    let scenario = &request.scenario;
    let Resolved { seed, replications } = request.settings.resolve(scenario);
    if u64::from(request.shard.count) > replications {
        return Err(AppError::Request(format!(
            "--shard {}: {} shards of {replications} replications would leave some empty; use \
             at most {replications} shards",
            request.shard, request.shard.count
        )));
    }
    let forecasts = forecasts_with_tornado(scenario, request.tornado);
    let range = request.shard.range(replications);
    let size = range.end - range.start;
    // The work asked of this process: its share of the replications.
    let share = RunSettings {
        replications: Some(size),
        ..request.settings
    };
    share.check_work(scenario, forecasts)?;
    let pool = request.settings.pool()?;
    let progress = services.progress;
    progress.start(
        Work::Forecast {
            scenario: &scenario.name,
        },
        size.saturating_mul(forecasts),
    );
    let stop = || progress.stopped();
    let started = services.clock.now();
    let run = |scenario: &Scenario, milestones_only: bool, before: u64| {
        pool.install(|| {
            partial_until(
                scenario,
                seed,
                range.clone(),
                milestones_only,
                &|done| progress.advance(before + done),
                &stop,
            )
        })
    };
    let result = (|| -> Result<(Partial, Vec<Partial>), Stopped> {
        let forecast = run(scenario, false, 0)?;
        let mut without_risks = Vec::new();
        if forecasts > 1 {
            for risk in 0..scenario.programme.risks.len() {
                let before = size * (1 + risk as u64);
                without_risks.push(run(&without_risk(scenario, risk), true, before)?);
            }
        }
        Ok((forecast, without_risks))
    })();
    progress.finish();
    let (forecast, without_risks) = result.map_err(|Stopped| AppError::Cancelled)?;
    let wall_seconds = services.clock.now().saturating_sub(started).as_secs_f64();
    let text = canonical_json(&request.resolved);
    let mut file = ShardFile {
        format: SHARD_FORMAT.to_string(),
        format_version: SHARD_FORMAT_VERSION,
        relaunch: services.version.to_string(),
        shard: request.shard,
        replications,
        range: [range.start, range.end],
        seed,
        scenario_file: request.scenario_file.clone(),
        overrides: request.overrides.clone(),
        scenario_hash: sha256_hex(text.as_bytes()),
        scenario: request.resolved.clone(),
        tornado: forecasts > 1,
        wall_seconds,
        threads: pool.current_num_threads(),
        forecast: to_words(&forecast),
        without_risks: without_risks.iter().map(to_words).collect(),
        checksum: String::new(),
    };
    file.checksum = file.computed_checksum()?;
    Ok(file)
}

/// The checksum of a shard file: the hex SHA-256 of its canonical JSON without its `checksum`.
pub(crate) fn checksum_of<T: Serialize>(file: &T) -> Result<String, AppError> {
    let mut value = serde_json::to_value(file)?;
    if let Some(object) = value.as_object_mut() {
        object.remove("checksum");
    }
    Ok(sha256_hex(canonical_json(&value).as_bytes()))
}

impl ShardFile {
    /// The checksum of everything else in the file.
    pub fn computed_checksum(&self) -> Result<String, AppError> {
        checksum_of(self)
    }

    /// Whether the file is as written: its checksum, and its scenario's hash.
    pub fn verify(&self) -> Result<(), String> {
        let checksum = self
            .computed_checksum()
            .map_err(|error| error.to_string())?;
        if checksum != self.checksum {
            return Err("its checksum does not match its content".to_string());
        }
        if sha256_hex(canonical_json(&self.scenario).as_bytes()) != self.scenario_hash {
            return Err("its scenario does not match the scenario's hash".to_string());
        }
        Ok(())
    }

    /// The file's bytes: compact JSON and a final newline.
    pub fn to_bytes(&self) -> Result<Vec<u8>, AppError> {
        let mut bytes = serde_json::to_vec(self)?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::ShardSpec;

    #[test]
    fn ranges_cover_the_replications_once() {
        for count in [1u32, 2, 3, 7] {
            let mut next = 0;
            for index in 1..=count {
                let range = ShardSpec { index, count }.range(100);
                assert_eq!(range.start, next);
                assert!(range.end - range.start >= 100 / u64::from(count));
                next = range.end;
            }
            assert_eq!(next, 100);
        }
        assert_eq!("3/7".parse(), Ok(ShardSpec { index: 3, count: 7 }));
        for bad in ["0/3", "4/3", "3", "a/b", "1/0"] {
            assert!(bad.parse::<ShardSpec>().is_err(), "{bad}");
        }
    }
}

//! `relaunch merge`: the forecast of all the replications from the N shard files of
//! [`crate::shard`], in any order, with the same documents and artefacts as the unsharded
//! `relaunch simulate` (its `perf` block aside: the shards' times summed).

use std::collections::BTreeMap;

use relaunch_core::Scenario;
use relaunch_core::codec::from_words;
use relaunch_core::montecarlo::{Forecast, Partial, finish_partials};
use relaunch_core::programme::{fill_effects, without_risk};
use relaunch_report::{Perf, ResultDocument, summary};

use crate::AppError;
use crate::forecast::put_artefacts;
use crate::ports::{ArtefactSink, Services};
use crate::scenario_text::{load_text, toml_from_json};
use crate::shard::{SHARD_FORMAT, SHARD_FORMAT_VERSION, ShardFile};

/// One shard file as read: its name for messages (the path), and its bytes.
#[derive(Debug, Clone)]
pub struct ShardInput {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The outcome of [`merge`].
#[derive(Debug)]
pub struct MergeOutcome {
    pub scenario: Scenario,
    pub scenario_file: String,
    pub forecast: Forecast,
    /// The result document, as `relaunch simulate` makes it.
    pub document: ResultDocument,
    /// The shards' wall times summed, their largest thread count, the events of all.
    pub perf: Perf,
    /// Shards merged.
    pub shards: u32,
}

impl MergeOutcome {
    /// The plain-text summary, as `relaunch simulate` prints it.
    pub fn summary(&self) -> String {
        summary::text(&self.document)
    }
}

/// Merges the shard files `inputs` (all N shards of one run, in any order); with a sink, hands
/// it the artefacts of `relaunch simulate --out`.
/// How the scenario's pre-flight warnings are handled: they go to `on_warnings` (placed in the
/// scenario as the shards carry it, resolved, not in the user's file), and with `deny` any
/// warning refuses the merge before anything is written.
pub struct WarningPolicy<'a> {
    pub deny: bool,
    pub on_warnings: &'a mut dyn FnMut(&[relaunch_scenario::PlacedWarning]),
}

pub fn merge(
    inputs: &[ShardInput],
    services: &Services<'_>,
    warnings: WarningPolicy<'_>,
    sink: Option<&mut dyn ArtefactSink>,
) -> Result<MergeOutcome, AppError> {
    let shards = read_shards(inputs)?;
    let first = &shards[0].1;
    let text = toml_from_json(&first.scenario)?;
    let checked = load_text(&first.scenario_file, &text).map_err(|error| {
        AppError::Request(format!(
            "the scenario inside `{}` does not read back ({error}); was it written by another \
             relaunch release?",
            shards[0].0
        ))
    })?;
    let file = std::path::PathBuf::from(&first.scenario_file);
    (warnings.on_warnings)(&checked.warnings);
    let scenario = checked.accept(&file, warnings.deny)?;
    let refused = |name: &str, error: relaunch_core::montecarlo::MergeError| {
        AppError::Request(format!("`{name}`: {error}"))
    };
    let mut sink = sink;
    if let Some(sink) = sink.as_deref_mut() {
        sink.prepare()?;
    }
    let decode = |name: &str, words: &[u64]| {
        from_words::<Partial>(words).map_err(|error| {
            AppError::Request(format!(
                "`{name}`: its aggregates do not read ({error}): the file was altered or \
                 written by another relaunch release"
            ))
        })
    };
    let partials = shards
        .iter()
        .map(|(name, s)| {
            let partial = decode(name, &s.forecast)?;
            let expected = s.range[1] - s.range[0];
            if partial.count() != expected {
                return Err(AppError::Request(format!(
                    "`{name}` folded {} replications for a range of {expected}: the file was \
                     altered",
                    partial.count()
                )));
            }
            Ok(partial)
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let mut forecast = finish_partials(&scenario, first.seed, false, &partials)
        .map_err(|error| refused(&shards[0].0, error))?;
    if first.tornado {
        let mut without = Vec::new();
        for risk in 0..scenario.programme.risks.len() {
            let mut partials = Vec::new();
            for (name, shard) in &shards {
                let partial = shard.without_risks.get(risk).ok_or_else(|| {
                    AppError::Request(format!(
                        "`{name}` lacks the tornado's forecast without risk {}",
                        risk + 1
                    ))
                })?;
                partials.push(decode(name, partial)?);
            }
            let off = without_risk(&scenario, risk);
            without.push(
                finish_partials(&off, first.seed, true, &partials)
                    .map_err(|error| refused(&shards[0].0, error))?,
            );
        }
        fill_effects(&mut forecast, &without);
    }
    let wall_seconds = shards.iter().map(|(_, s)| s.wall_seconds).sum::<f64>();
    let perf = Perf {
        wall_seconds,
        threads: shards.iter().map(|(_, s)| s.threads).max().unwrap_or(1),
        events: forecast.events,
        events_per_second: forecast.events as f64 / wall_seconds.max(1e-9),
    };
    let document = ResultDocument::new(&scenario, &forecast, Some(perf.clone()));
    if let Some(sink) = sink {
        put_artefacts(
            sink,
            &scenario,
            (&first.scenario_file, &first.overrides),
            &document,
            None,
            services,
        )?;
        sink.commit()?;
    }
    Ok(MergeOutcome {
        shards: first.shard.count,
        scenario_file: first.scenario_file.clone(),
        scenario,
        forecast,
        document,
        perf,
    })
}

/// What a shard file says it is (its `format`), without reading the rest; `None` for a file
/// that is not JSON with a `format`.
pub fn format_of(bytes: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Head {
        format: String,
    }
    serde_json::from_slice::<Head>(bytes)
        .ok()
        .map(|head| head.format)
}

/// Fails, naming them as a Slurm array range, unless shards 1 to `count` are all there.
pub(crate) fn require_all(count: u32, present: impl Fn(u32) -> bool) -> Result<(), AppError> {
    let missing: Vec<u32> = (1..=count).filter(|&index| !present(index)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let named: Vec<String> = missing
        .iter()
        .take(5)
        .map(|index| format!("{index}/{count} (shard-{index}-of-{count}.json)"))
        .collect();
    let more = if missing.len() > named.len() {
        ", ..."
    } else {
        ""
    };
    Err(AppError::Request(format!(
        "{} of {count} shards {} missing: {}{more}; run shards {} (a Slurm array: --array={}) \
         again, then merge again",
        missing.len(),
        if missing.len() == 1 { "is" } else { "are" },
        named.join(", "),
        ranges(&missing),
        ranges(&missing)
    )))
}

/// The first 12 hex digits of a hash.
pub(crate) fn short(hash: &str) -> String {
    format!("sha256 {}…", &hash[..hash.len().min(12)])
}

/// Sorted indices as ranges: `2-6,8,10-20`.
fn ranges(indices: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut iter = indices.iter().copied().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&(end + 1)) {
            end += 1;
            iter.next();
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
    }
    parts.join(",")
}

/// The shard files parsed and checked to be all N shards of one run, each once, ordered by
/// shard.
fn read_shards(inputs: &[ShardInput]) -> Result<Vec<(String, ShardFile)>, AppError> {
    if inputs.is_empty() {
        return Err(AppError::Request(
            "no shard files to merge: give the directories (or files) that `relaunch simulate \
             --shard K/N --out DIR` wrote"
                .to_string(),
        ));
    }
    let mut by_index: BTreeMap<u32, (String, ShardFile)> = BTreeMap::new();
    let mut first: Option<(String, ShardFile)> = None;
    for input in inputs {
        let shard: ShardFile = serde_json::from_slice(&input.bytes).map_err(|error| {
            AppError::Request(format!(
                "`{}` is not a shard file of relaunch ({error})",
                input.name
            ))
        })?;
        if shard.format != SHARD_FORMAT || shard.format_version != SHARD_FORMAT_VERSION {
            return Err(AppError::Request(format!(
                "`{}` is a {} file of version {}; this relaunch merges {SHARD_FORMAT} files of \
                 version {SHARD_FORMAT_VERSION}",
                input.name, shard.format, shard.format_version
            )));
        }
        shard.verify().map_err(|why| {
            AppError::Request(format!(
                "`{}` was altered after its shard wrote it ({why}): run that shard again",
                input.name
            ))
        })?;
        if let Some((first_name, first)) = &first {
            let differs = [
                (
                    "scenarios",
                    short(&shard.scenario_hash),
                    short(&first.scenario_hash),
                ),
                ("seeds", shard.seed.to_string(), first.seed.to_string()),
                (
                    "replications",
                    shard.replications.to_string(),
                    first.replications.to_string(),
                ),
                (
                    "shard counts",
                    shard.shard.count.to_string(),
                    first.shard.count.to_string(),
                ),
                (
                    "tornadoes",
                    shard.tornado.to_string(),
                    first.tornado.to_string(),
                ),
            ];
            if let Some((what, theirs, ours)) = differs.iter().find(|(_, a, b)| a != b) {
                return Err(AppError::Request(format!(
                    "`{}` and `{first_name}` are shards of different runs (their {what} differ: \
                     {theirs} and {ours}): merge the shards of one run",
                    input.name
                )));
            }
        } else {
            first = Some((input.name.clone(), shard.clone()));
        }
        let expected = shard.shard.range(shard.replications);
        if shard.range != [expected.start, expected.end] {
            return Err(AppError::Request(format!(
                "`{}` says it is shard {} of {} replications but holds replications {}..{}: the \
                 file was altered",
                input.name, shard.shard, shard.replications, shard.range[0], shard.range[1],
            )));
        }
        let index = shard.shard.index;
        if let Some((other, _)) = by_index.get(&index)
            && other != &input.name
        {
            return Err(AppError::Request(format!(
                "shard {} is given twice: `{other}` and `{}`",
                shard.shard, input.name
            )));
        }
        by_index.insert(index, (input.name.clone(), shard));
    }
    let count = by_index.values().next().map_or(0, |(_, s)| s.shard.count);
    require_all(count, |index| by_index.contains_key(&index))?;
    Ok(by_index.into_values().collect())
}

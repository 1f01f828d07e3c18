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
pub fn merge(
    inputs: &[ShardInput],
    services: &Services<'_>,
    sink: Option<&mut dyn ArtefactSink>,
) -> Result<MergeOutcome, AppError> {
    let shards = read_shards(inputs)?;
    let first = &shards[0].1;
    let text = toml_from_json(&first.scenario)?;
    let scenario = load_text(&first.scenario_file, &text)
        .map_err(|error| {
            AppError::Request(format!(
                "the scenario inside `{}` does not read back ({error}); was it written by \
                 another relaunch release?",
                shards[0].0
            ))
        })?
        .scenario;
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
            &first.scenario_file,
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
        if let Some((first_name, first)) = &first {
            let differs = [
                ("scenario", shard.scenario_hash != first.scenario_hash),
                ("seed", shard.seed != first.seed),
                ("replications", shard.replications != first.replications),
                ("shard count", shard.shard.count != first.shard.count),
                ("tornado", shard.tornado != first.tornado),
            ];
            if let Some((what, _)) = differs.iter().find(|(_, differs)| *differs) {
                return Err(AppError::Request(format!(
                    "`{}` and `{first_name}` are shards of different runs (their {what} \
                     differs): merge the shards of one run",
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
        if let Some((other, _)) = by_index.get(&index) {
            return Err(AppError::Request(format!(
                "shard {} is given twice: `{other}` and `{}`",
                shard.shard, input.name
            )));
        }
        by_index.insert(index, (input.name.clone(), shard));
    }
    let count = by_index.values().next().map_or(0, |(_, s)| s.shard.count);
    let missing: Vec<String> = (1..=count)
        .filter(|index| !by_index.contains_key(index))
        .map(|index| format!("{index}/{count} (shard-{index}-of-{count}.json)"))
        .collect();
    if !missing.is_empty() {
        return Err(AppError::Request(format!(
            "{} of {count} shards missing: {}; run them (`relaunch simulate FILE --shard K/{count} \
             --out DIR`) and merge again",
            missing.len(),
            missing.join(", ")
        )));
    }
    Ok(by_index.into_values().collect())
}

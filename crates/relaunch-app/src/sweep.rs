//! The sweep use case (`relaunch sweep FILE --set KEY=V1,V2 ...`): the scenario forecast at
//! every point of a design over the factors given, each point on the same replications and
//! seed (common random numbers), so that the differences between points are the factors'
//! alone. A `--set` with one value holds at every point; one with several values is a factor.
//! A point whose values are the file's own gives `simulate`'s numbers exactly.

use std::path::PathBuf;

use relaunch_core::Scenario;
use relaunch_core::design::{full_factorial, full_factorial_size, latin_hypercube};
use relaunch_core::montecarlo::{Stopped, forecast_until};
use relaunch_core::sim::Relaxations;
use relaunch_report::html::study::sweep_html;
use relaunch_report::study::{SweepDocument, SweepFactor, SweepPoint, table_csv};
use relaunch_report::xlsx::table_workbook;
use relaunch_scenario::Overrides;

use crate::AppError;
use crate::check::load_scenario;
use crate::ports::{ArtefactSink, Services, Work};
use crate::run::{Resolved, RunSettings};
use crate::shard::ShardSpec;
use crate::tracking::programme::{canonical_json, sha256_hex};

/// The most points a sweep runs.
pub const MAX_POINTS: usize = 10_000;

/// How the points are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Design {
    /// Every combination of the factors' values.
    Full,
    /// A Latin hypercube of this many points.
    Lhs { points: usize },
}

/// What to sweep.
#[derive(Debug, Clone)]
pub struct SweepRequest {
    pub path: PathBuf,
    /// Every `--set KEY=VALUE[,VALUE...]` given, in order.
    pub sets: Vec<String>,
    pub design: Design,
    pub settings: RunSettings,
    /// Run only the K-th of N equal shares of the points (`sweep --shard K/N`); the outcome's
    /// document then holds those points, numbered as in the whole sweep.
    pub shard: Option<ShardSpec>,
}

/// The artefacts of a sweep, in the order they are handed over.
pub const SWEEP_ARTEFACTS: [&str; 4] = ["sweep.json", "sweep.csv", "sweep.xlsx", "sweep.html"];

/// Splits `KEY=V1,V2,...` at the `=` and its value at the commas outside brackets, braces and
/// quotes (`{dist="uniform",min="2d",max="4d"}` is one value).
pub fn split_set(item: &str) -> Result<(String, Vec<String>), AppError> {
    let (key, value) = item.split_once('=').ok_or_else(|| {
        AppError::Request(format!(
            "--set `{item}`: expected KEY.PATH=VALUE[,VALUE...], such as \
             --set station.trim.servers=2,3,4"
        ))
    })?;
    let mut values = Vec::new();
    let (mut depth, mut quote, mut current) = (0i32, None, String::new());
    for c in value.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth -= 1,
            (None, ',') if depth == 0 => {
                values.push(std::mem::take(&mut current).trim().to_string());
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    values.push(current.trim().to_string());
    if values.iter().any(String::is_empty) {
        return Err(AppError::Request(format!(
            "--set `{item}`: an empty value among the commas"
        )));
    }
    Ok((key.trim().to_string(), values))
}

/// The outcome of [`sweep`].
#[derive(Debug)]
pub struct SweepOutcome {
    pub document: SweepDocument,
    /// Points of the whole sweep (more than the document holds when it is a shard's).
    pub total_points: usize,
    /// The hex SHA-256 of the base scenario (the file with the one-value overrides), resolved:
    /// shards of different files do not merge.
    pub scenario_hash: String,
}

/// Runs the sweep; with a sink, hands it [`SWEEP_ARTEFACTS`].
pub fn sweep(
    request: &SweepRequest,
    services: &Services<'_>,
    sink: Option<&mut dyn ArtefactSink>,
) -> Result<SweepOutcome, AppError> {
    let (fixed, factors) = factors_of(&request.sets)?;
    // The base (the fixed values) first: its diagnostics come before any word on factors.
    let base = load_scenario(&request.path, &Overrides::new(fixed.clone()))?;
    if factors.is_empty() {
        return Err(AppError::Request(
            "a sweep needs a factor: a --set with several values, such as \
             --set station.trim.servers=2,3,4 (a --set of one value holds at every point)"
                .to_string(),
        ));
    }
    let levels: Vec<usize> = factors.iter().map(|f| f.values.len()).collect();
    let Resolved { seed, replications } = request.settings.resolve(&base);
    let (design, designed) = match request.design {
        Design::Full => {
            let size = full_factorial_size(&levels);
            if size > MAX_POINTS {
                return Err(AppError::Request(format!(
                    "a full factorial of these factors has {size} points, more than {MAX_POINTS}: \
                     take fewer values, or a Latin hypercube (--design lhs --points K)"
                )));
            }
            ("full", full_factorial(&levels))
        }
        Design::Lhs { points } => {
            let combinations = full_factorial_size(&levels);
            if points == 0 || points > MAX_POINTS.min(combinations) {
                return Err(AppError::Request(format!(
                    "--points {points}: a Latin hypercube of these factors takes 1 to {} points \
                     (they have {combinations} combinations{}",
                    MAX_POINTS.min(combinations),
                    if combinations <= MAX_POINTS {
                        "; for all of them, leave out --design lhs)"
                    } else {
                        ")"
                    }
                )));
            }
            ("lhs", distinct_hypercube(&levels, points, seed))
        }
    };
    // Every point is read (and any bad value reported, naming its point) before any runs.
    let mut points: Vec<(Vec<String>, Scenario)> = Vec::new();
    for (index, levels) in designed.iter().enumerate() {
        let values: Vec<String> = factors
            .iter()
            .zip(levels)
            .map(|(factor, &level)| factor.values[level].clone())
            .collect();
        let mut items = fixed.clone();
        items.extend(
            factors
                .iter()
                .zip(&values)
                .map(|(factor, value)| format!("{}={value}", factor.key)),
        );
        let scenario = load_scenario(&request.path, &Overrides::new(items)).map_err(|error| {
            AppError::Request(format!(
                "point {} ({}) does not read:\n{error}",
                index + 1,
                point_words(&factors, &values)
            ))
        })?;
        points.push((values, scenario));
    }
    let total_points = points.len();
    if let Some(shard) = request.shard
        && u64::from(shard.count) > total_points as u64
    {
        return Err(AppError::Request(format!(
            "--shard {shard}: {} shards of {total_points} points would leave some empty; use \
                 at most {total_points} shards",
            shard.count
        )));
    }
    let range = match request.shard {
        Some(shard) => shard.range(total_points as u64),
        None => 0..total_points as u64,
    };
    let first_point = range.start as usize;
    let points: Vec<(Vec<String>, Scenario)> = points
        .into_iter()
        .skip(first_point)
        .take((range.end - range.start) as usize)
        .collect();
    for (_, scenario) in &points {
        request.settings.check_work(scenario, points.len() as u64)?;
    }
    let mut sink = sink;
    if let Some(sink) = sink.as_deref_mut() {
        sink.prepare()?;
    }
    let pool = request.settings.pool()?;
    let progress = services.progress;
    progress.start(
        Work::Study,
        replications.saturating_mul(points.len() as u64),
    );
    let stop = || progress.stopped();
    let mut rows = Vec::with_capacity(points.len());
    for (index, (values, scenario)) in points.into_iter().enumerate() {
        let before = replications * index as u64;
        let forecast = pool.install(|| {
            forecast_until(
                &scenario,
                seed,
                replications,
                Relaxations::default(),
                &|done| progress.advance(before + done),
                &stop,
            )
        });
        let forecast = match forecast {
            Ok(forecast) => forecast,
            Err(Stopped) => {
                progress.finish();
                return Err(AppError::Cancelled);
            }
        };
        rows.push(SweepPoint::new(first_point + index + 1, values, &forecast));
    }
    progress.finish();
    let document = SweepDocument {
        scenario: base.name.clone(),
        scenario_file: request.path.display().to_string(),
        seed,
        replications,
        design: design.to_string(),
        factors,
        fixed,
        currency: relaunch_core::costs::currency(&base),
        points: rows,
    };
    if let Some(sink) = sink {
        put_sweep_artefacts(sink, &document)?;
    }
    let resolved = relaunch_scenario::resolve_to_json_set(
        &request.path,
        &Overrides::new(document.fixed.clone()),
    )
    .map_err(AppError::Scenario)?;
    Ok(SweepOutcome {
        document,
        total_points,
        scenario_hash: sha256_hex(canonical_json(&resolved).as_bytes()),
    })
}

/// Hands `sink` the [`SWEEP_ARTEFACTS`] of `document` and commits it.
pub(crate) fn put_sweep_artefacts(
    sink: &mut dyn ArtefactSink,
    document: &SweepDocument,
) -> Result<(), AppError> {
    let table = document.table();
    sink.put(
        "sweep.json",
        (serde_json::to_string_pretty(document)? + "\n").as_bytes(),
    )?;
    sink.put("sweep.csv", table_csv(&table)?.as_bytes())?;
    let title = format!("{} — relaunch sweep", document.scenario);
    sink.put("sweep.xlsx", &table_workbook(&title, &[("sweep", &table)])?)?;
    sink.put("sweep.html", sweep_html(document).as_bytes())?;
    sink.commit()
}

/// The fixed overrides (one value) and the factors (several) of `sets`, in order; a key given
/// twice is refused (only the later would hold, and the table would show the other).
pub fn factors_of(sets: &[String]) -> Result<(Vec<String>, Vec<SweepFactor>), AppError> {
    let mut fixed = Vec::new();
    let mut factors: Vec<SweepFactor> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for item in sets {
        let (key, values) = split_set(item)?;
        if keys.contains(&key) {
            return Err(AppError::Request(format!(
                "--set {key} is given twice: give all its values in one --set {key}=V1,V2,..."
            )));
        }
        keys.push(key.clone());
        if values.len() == 1 {
            fixed.push(item.clone());
        } else {
            factors.push(SweepFactor { key, values });
        }
    }
    Ok((fixed, factors))
}

/// A Latin hypercube whose points are all different where the shuffles allow: of the first
/// hundred shuffles (seeds `seed`, `seed + 1`, …), the first with no point repeated, else the
/// one with the fewest repeats.
fn distinct_hypercube(levels: &[usize], points: usize, seed: u64) -> Vec<Vec<usize>> {
    let repeats = |design: &[Vec<usize>]| {
        let mut sorted = design.to_vec();
        sorted.sort();
        sorted.windows(2).filter(|pair| pair[0] == pair[1]).count()
    };
    let mut best = latin_hypercube(levels, points, seed);
    let mut fewest = repeats(&best);
    for attempt in 1..100u64 {
        if fewest == 0 {
            break;
        }
        let design = latin_hypercube(levels, points, seed.wrapping_add(attempt));
        let count = repeats(&design);
        if count < fewest {
            (best, fewest) = (design, count);
        }
    }
    best
}

/// `key=value, key=value`.
fn point_words(factors: &[SweepFactor], values: &[String]) -> String {
    factors
        .iter()
        .zip(values)
        .map(|(factor, value)| format!("{}={value}", factor.key))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::split_set;

    #[test]
    fn values_split_at_top_level_commas() {
        let (key, values) = split_set("station.trim.servers=2, 3,4").unwrap();
        assert_eq!(key, "station.trim.servers");
        assert_eq!(values, ["2", "3", "4"]);
        let (_, values) =
            split_set(r#"kit.0.lead_time={dist="uniform",min="2d",max="4d"},"30d""#).unwrap();
        assert_eq!(
            values,
            [r#"{dist="uniform",min="2d",max="4d"}"#, r#""30d""#]
        );
        assert!(split_set("no-equals").is_err());
        assert!(split_set("a=1,,2").is_err());
    }
}

//! Shards of a sweep (`relaunch sweep ... --shard K/N --out DIR`): the K-th of N equal shares of
//! the points, each point's forecast whole (every point runs all the replications, on the same
//! seed), written as `DIR/shard-K-of-N.json`; `relaunch merge` puts the points back in order
//! and writes the sweep's artefacts, the same as the unsharded sweep's.

use serde::{Deserialize, Serialize};

use relaunch_report::study::SweepDocument;

use crate::AppError;
use crate::merge::{ShardInput, require_all, short};
use crate::ports::ArtefactSink;
use crate::shard::{ShardSpec, checksum_of};
use crate::sweep::{SweepOutcome, put_sweep_artefacts};

/// What a sweep's shard file says it is.
pub const SWEEP_SHARD_FORMAT: &str = "relaunch-sweep-shard";
/// The version of its layout.
pub const SWEEP_SHARD_FORMAT_VERSION: u32 = 1;

/// One sweep shard's file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepShardFile {
    pub format: String,
    pub format_version: u32,
    pub relaunch: String,
    pub shard: ShardSpec,
    /// Points of the whole sweep.
    pub total_points: usize,
    /// The hex SHA-256 of the base scenario, resolved.
    pub scenario_hash: String,
    /// The sweep with this shard's points (numbered as in the whole sweep).
    pub document: SweepDocument,
    /// The hex SHA-256 of the file's canonical JSON without this field.
    pub checksum: String,
}

impl SweepShardFile {
    /// The file of shard `shard`'s `outcome`.
    pub fn new(
        outcome: SweepOutcome,
        shard: ShardSpec,
        version: &str,
    ) -> Result<SweepShardFile, AppError> {
        let mut file = SweepShardFile {
            format: SWEEP_SHARD_FORMAT.to_string(),
            format_version: SWEEP_SHARD_FORMAT_VERSION,
            relaunch: version.to_string(),
            shard,
            total_points: outcome.total_points,
            scenario_hash: outcome.scenario_hash,
            document: outcome.document,
            checksum: String::new(),
        };
        file.checksum = file.computed_checksum()?;
        Ok(file)
    }

    fn computed_checksum(&self) -> Result<String, AppError> {
        checksum_of(self)
    }

    /// The file's bytes: compact JSON and a final newline.
    pub fn to_bytes(&self) -> Result<Vec<u8>, AppError> {
        let mut bytes = serde_json::to_vec(self)?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// What must be equal in every shard of one sweep, in words and values.
    fn identity(&self) -> Vec<(&'static str, String)> {
        let document = &self.document;
        vec![
            ("scenarios", short(&self.scenario_hash)),
            ("seeds", document.seed.to_string()),
            ("replications", document.replications.to_string()),
            ("designs", document.design.clone()),
            (
                "factors",
                serde_json::to_string(&document.factors).unwrap_or_default(),
            ),
            ("fixed overrides", document.fixed.join(" ")),
            ("point counts", self.total_points.to_string()),
            ("shard counts", self.shard.count.to_string()),
        ]
    }
}

/// Merges the shard files of one sweep, in any order; with a sink, hands it the sweep's
/// artefacts.
pub fn merge_sweep(
    inputs: &[ShardInput],
    sink: Option<&mut dyn ArtefactSink>,
) -> Result<SweepDocument, AppError> {
    let mut shards: Vec<(String, SweepShardFile)> = Vec::new();
    for input in inputs {
        let file: SweepShardFile = serde_json::from_slice(&input.bytes).map_err(|error| {
            AppError::Request(format!(
                "`{}` is not a sweep shard file of relaunch ({error})",
                input.name
            ))
        })?;
        if file.format != SWEEP_SHARD_FORMAT || file.format_version != SWEEP_SHARD_FORMAT_VERSION {
            return Err(AppError::Request(format!(
                "`{}` is a {} file of version {}, not a sweep shard of version \
                 {SWEEP_SHARD_FORMAT_VERSION}: merge the shards of one run",
                input.name, file.format, file.format_version
            )));
        }
        if file.computed_checksum()? != file.checksum {
            return Err(AppError::Request(format!(
                "`{}` was altered after its shard wrote it (its checksum does not match its \
                 content): run that shard again",
                input.name
            )));
        }
        if let Some((first_name, first)) = shards.first() {
            let ours = first.identity();
            for ((what, theirs), (_, mine)) in file.identity().into_iter().zip(ours) {
                if theirs != mine {
                    return Err(AppError::Request(format!(
                        "`{}` and `{first_name}` are shards of different sweeps (their {what} \
                         differ: {theirs} and {mine}): merge the shards of one sweep",
                        input.name
                    )));
                }
            }
        }
        if let Some((other, _)) = shards
            .iter()
            .find(|(name, s)| s.shard == file.shard && name != &input.name)
        {
            return Err(AppError::Request(format!(
                "shard {} is given twice: `{other}` and `{}`",
                file.shard, input.name
            )));
        }
        if !shards.iter().any(|(_, s)| s.shard == file.shard) {
            shards.push((input.name.clone(), file));
        }
    }
    let Some((_, first)) = shards.first() else {
        return Err(AppError::Request("no shard files to merge".to_string()));
    };
    let count = first.shard.count;
    require_all(count, |index| {
        shards.iter().any(|(_, s)| s.shard.index == index)
    })?;
    shards.sort_by_key(|(_, s)| s.shard.index);
    let mut document = shards[0].1.document.clone();
    document.points = shards
        .iter()
        .flat_map(|(_, s)| s.document.points.iter().cloned())
        .collect();
    let numbered = document
        .points
        .iter()
        .enumerate()
        .all(|(index, point)| point.point == index + 1);
    if document.points.len() != shards[0].1.total_points || !numbered {
        return Err(AppError::Request(format!(
            "the shards hold {} points for a sweep of {}: a file was altered",
            document.points.len(),
            shards[0].1.total_points
        )));
    }
    if let Some(sink) = sink {
        sink.prepare()?;
        put_sweep_artefacts(sink, &document)?;
    }
    Ok(document)
}

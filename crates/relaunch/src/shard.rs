//! `relaunch simulate --shard K/N --out DIR` and `relaunch merge PATH...`: the shard and merge
//! use cases on the command line. A shard's file is written whole (a temporary file renamed
//! into place), so a killed shard leaves no half file for a merge to read.

use std::io::Write;
use std::path::{Path, PathBuf};

use relaunch_app::AppError;
use relaunch_app::merge::{ShardInput, WarningPolicy, format_of, merge};
use relaunch_app::shard::{ShardRequest, ShardSpec, run_shard};
use relaunch_app::sweep_shard::{SWEEP_SHARD_FORMAT, merge_sweep};
use relaunch_core::Scenario;
use relaunch_scenario::Overrides;

use crate::options::RunOptions;
use crate::output::{self, DirectorySink};
use crate::{Failure, services};

/// What `simulate --shard` is asked for.
pub struct ShardArgs<'a> {
    pub file: &'a Path,
    pub sets: &'a Overrides,
    pub scenario: Scenario,
    pub options: &'a RunOptions,
    pub shard: ShardSpec,
    pub out: &'a Path,
    pub tornado: bool,
}

/// Runs one shard and writes `OUT/shard-K-of-N.json`.
pub fn run(args: ShardArgs<'_>) -> Result<(), Failure> {
    let resolved =
        relaunch_scenario::resolve_to_json_set(args.file, args.sets).map_err(AppError::Scenario)?;
    let request = ShardRequest {
        scenario: args.scenario,
        resolved,
        scenario_file: args.file.display().to_string(),
        overrides: args.sets.items().to_vec(),
        settings: args.options.settings(),
        shard: args.shard,
        tornado: args.tornado,
    };
    let file = services(args.options.progress, |services| {
        run_shard(&request, services)
    })?;
    let bytes = file.to_bytes()?;
    let path = args.out.join(args.shard.file_name());
    write_whole(args.out, &path, &bytes)?;
    eprintln!(
        "shard {}: replications {}..{} of {} in {:.2} s on {} threads; wrote {}",
        args.shard,
        file.range[0],
        file.range[1],
        file.replications,
        file.wall_seconds,
        file.threads,
        path.display()
    );
    Ok(())
}

/// Writes `bytes` as `path` inside `dir` (made if missing): into a temporary file in `dir`,
/// then renamed over `path`.
pub fn write_whole(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let refused = |reason: String| AppError::OutputDirectory {
        dir: dir.to_path_buf(),
        reason,
    };
    std::fs::create_dir_all(dir).map_err(|error| refused(error.to_string()))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".relaunch-shard-");
    // Readable by the merge job, which may run as another user of the cluster.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut temporary = builder
        .tempfile_in(dir)
        .map_err(|error| refused(error.to_string()))?;
    temporary
        .write_all(bytes)
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(|error| refused(error.to_string()))?;
    temporary
        .persist(path)
        .map_err(|error| refused(error.error.to_string()))?;
    Ok(())
}

/// `relaunch merge PATH... [--out DIR] [--json]`.
pub fn merge_command(
    paths: &[PathBuf],
    json: bool,
    out: Option<&Path>,
    deny_warnings: bool,
) -> Result<(), Failure> {
    let inputs = read_inputs(paths)?;
    let mut sink = out.map(DirectorySink::new);
    let sweep = inputs.first().and_then(|input| format_of(&input.bytes))
        == Some(SWEEP_SHARD_FORMAT.to_string());
    if sweep {
        let document = merge_sweep(
            &inputs,
            sink.as_mut()
                .map(|sink| sink as &mut dyn relaunch_app::ArtefactSink),
        )?;
        if json {
            let text =
                serde_json::to_string_pretty(&document).map_err(relaunch_app::AppError::from)?;
            output::print(&format!("{text}\n"))?;
        } else {
            output::print_text(&relaunch_report::study_text::sweep_text(&document))?;
        }
        eprintln!("merged {} sweep points", document.points.len());
        if let Some(dir) = out {
            eprintln!("wrote {}", dir.display());
        }
        return Ok(());
    }
    let mut on_warnings = |warnings: &[relaunch_scenario::PlacedWarning]| {
        for warning in warnings {
            output::eprint_text(&format!(
                "warning[{}]: {}\n",
                warning.code, warning.diagnostic.message
            ));
        }
        if !warnings.is_empty() {
            eprintln!(
                "({} in the shards' scenario; `relaunch check FILE` shows each at its line)",
                if warnings.len() == 1 {
                    "1 pre-flight warning".to_string()
                } else {
                    format!("{} pre-flight warnings", warnings.len())
                }
            );
        }
    };
    let outcome = services(crate::options::ProgressMode::Auto, |services| {
        merge(
            &inputs,
            services,
            WarningPolicy {
                deny: deny_warnings,
                on_warnings: &mut on_warnings,
            },
            sink.as_mut()
                .map(|sink| sink as &mut dyn relaunch_app::ArtefactSink),
        )
    })?;
    if json {
        output::print(&format!("{}\n", outcome.document.to_json()))?;
    } else {
        output::print_text(&outcome.summary())?;
    }
    eprintln!(
        "merged {} shards: {} replications ({:.2} s of shard time)",
        outcome.shards, outcome.forecast.replications, outcome.perf.wall_seconds
    );
    if let Some(dir) = out {
        eprintln!("wrote {}", dir.display());
    }
    Ok(())
}

/// Whether `name` is a shard file's name: `shard-K-of-N.json`.
pub fn is_shard_name(name: &str) -> bool {
    name.strip_prefix("shard-")
        .and_then(|rest| rest.strip_suffix(".json"))
        .and_then(|rest| rest.split_once("-of-"))
        .is_some_and(|(k, n)| k.parse::<u32>().is_ok() && n.parse::<u32>().is_ok())
}

/// The shard files of `paths`: a directory gives every `shard-K-of-N.json` in it, a file
/// itself.
fn read_inputs(paths: &[PathBuf]) -> Result<Vec<ShardInput>, AppError> {
    let unreadable = |path: &Path, error: std::io::Error| {
        AppError::Request(format!("cannot read `{}`: {error}", path.display()))
    };
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|error| unreadable(path, error))?
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|file| {
                    file.file_name()
                        .and_then(|name| name.to_str())
                        .is_some_and(is_shard_name)
                })
                .collect();
            if found.is_empty() {
                return Err(AppError::Request(format!(
                    "no shard files (shard-K-of-N.json) in `{}`",
                    path.display()
                )));
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files
        .into_iter()
        .map(|file| {
            let bytes = std::fs::read(&file).map_err(|error| unreadable(&file, error))?;
            Ok(ShardInput {
                name: file.display().to_string(),
                bytes,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::is_shard_name;

    #[test]
    fn shard_names() {
        assert!(is_shard_name("shard-3-of-7.json"));
        assert!(!is_shard_name("shard-3-of-7.json.tmp"));
        assert!(!is_shard_name("result.json"));
        assert!(!is_shard_name(".relaunch-shard-abc"));
    }
}

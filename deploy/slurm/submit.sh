#!/usr/bin/env bash
# Submit a sharded relaunch forecast to Slurm: an array of SHARDS tasks (one shard each) and a
# merge job that starts when every task has succeeded. See docs/scale-out.md.
#
#   SCENARIO=examples/kaluga.toml REPLICATIONS=10000 SHARDS=8 bash deploy/slurm/submit.sh
#   WORK_DIR=/shared/kaluga RELAUNCH=/shared/bin/relaunch bash deploy/slurm/submit.sh -p batch
#
# Arguments after the script are passed to both sbatch calls (partition, account, time...).
# Prints, on stdout, lines a shell can eval:
#   array_job=<id>  merge_job=<id>  shards_dir=<dir>  out_dir=<dir>  log_dir=<dir>
# then wait with `squeue -j <merge id>` and read OUT_DIR.
#
# Environment:
#   SCENARIO      scenario file                            (default: examples/kaluga.toml)
#   SHARDS        N, the number of array tasks / shards    (default: 4)
#   REPLICATIONS  replications in all                      (default: the scenario's)
#   SEED          seed of the random streams               (default: the scenario's)
#   RELAUNCH      the relaunch binary, visible on every node (default: relaunch on PATH)
#   WORK_DIR      shared directory for the run            (default: relaunch-run/<scenario name>)
#   SHARDS_DIR    the shards                               (default: WORK_DIR/shards)
#   OUT_DIR       the merged forecast                      (default: WORK_DIR/out)
#   LOG_DIR       the jobs' output files                   (default: WORK_DIR/logs)
#   THREADS       worker threads per task; also asked of Slurm as --cpus-per-task (default: 1)
#   COMMAND       simulate (default) or sweep: what each shard runs
#   RELAUNCH_ARGS more options for every shard's `relaunch simulate` (--no-tornado, --set ...)
#   CLEAN=1       delete old shard-*.json in SHARDS_DIR first (otherwise they are refused)
# Paths are made absolute here, so the jobs do not depend on their working directory.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
scenario=${SCENARIO:-examples/kaluga.toml}
shards=${SHARDS:-4}
threads=${THREADS:-1}
stem=$(basename "$scenario" .toml)
work_dir=${WORK_DIR:-relaunch-run/$stem}
shards_dir=${SHARDS_DIR:-$work_dir/shards}
out_dir=${OUT_DIR:-$work_dir/out}
log_dir=${LOG_DIR:-$work_dir/logs}

if ! [[ "$shards" =~ ^[1-9][0-9]*$ ]]; then
  echo "submit: SHARDS must be a positive whole number, not '$shards'" >&2
  exit 2
fi
if [ ! -f "$scenario" ]; then
  echo "submit: no scenario file '$scenario' (set SCENARIO)" >&2
  exit 2
fi
if [ -n "${RELAUNCH:-}" ]; then
  relaunch=$RELAUNCH
elif ! relaunch=$(command -v relaunch); then
  echo "submit: relaunch is not on PATH: set RELAUNCH to the binary" >&2
  exit 2
fi
[ -x "$relaunch" ] || { echo "submit: '$relaunch' is not an executable" >&2; exit 2; }

mkdir -p "$shards_dir" "$log_dir"
abs() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
scenario=$(abs "$scenario")
relaunch=$(abs "$relaunch")
shards_dir=$(cd "$shards_dir" && pwd)
log_dir=$(cd "$log_dir" && pwd)
mkdir -p "$(dirname "$out_dir")"
out_dir=$(abs "$out_dir")

shopt -s nullglob
old=("$shards_dir"/shard-*.json)
shopt -u nullglob
if [ "${#old[@]}" -gt 0 ]; then
  if [ "${CLEAN:-0}" = 1 ]; then
    rm -f -- "${old[@]}"
  else
    echo "submit: $shards_dir already holds ${#old[@]} shard file(s) of an earlier run;" \
      "merge would read them too. Remove them or set CLEAN=1." >&2
    exit 2
  fi
fi

export SCENARIO=$scenario SHARDS=$shards SHARDS_DIR=$shards_dir OUT_DIR=$out_dir \
  RELAUNCH=$relaunch THREADS=$threads
[ -n "${REPLICATIONS:-}" ] && export REPLICATIONS
[ -n "${SEED:-}" ] && export SEED

# --parsable prints "<id>" or "<id>;<cluster>".
array_job=$(sbatch --parsable --export=ALL --array="1-$shards" --cpus-per-task="$threads" \
  --output="$log_dir/shard-%A_%a.out" "$@" "$here/relaunch-array.sbatch")
array_job=${array_job%%;*}
if ! merge_job=$(sbatch --parsable --export=ALL --dependency="afterok:$array_job" \
  --kill-on-invalid-dep=yes --output="$log_dir/merge-%j.out" "$@" "$here/merge.sbatch"); then
  echo "submit: the merge job was refused; array job $array_job is queued (scancel $array_job)" >&2
  exit 1
fi
merge_job=${merge_job%%;*}

echo "submit: $shards shards of $scenario: array job $array_job, merge job $merge_job" >&2
printf 'array_job=%q\nmerge_job=%q\nshards_dir=%q\nout_dir=%q\nlog_dir=%q\n' \
  "$array_job" "$merge_job" "$shards_dir" "$out_dir" "$log_dir"

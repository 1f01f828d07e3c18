#!/usr/bin/env bash
# The scale-out check (docs/scale-out.md): a one-node Slurm cluster on this machine runs a
# forecast as an array of shards (deploy/slurm/submit.sh), its merge job writes the artefacts,
# and they must equal an unsharded run byte for byte (result.json without its "perf" key).
#
#   bash .ci/slurm.sh target/release/relaunch
#
# Installs Debian's slurm-wlm and munge when missing, starts munged (its own socket) and
# slurmctld + slurmd (root, no systemd, no cgroups) with every state, spool, log and pid file
# under /tmp/relaunch-ci-slurm.XXXXXX, and stops them and removes that directory on exit.
# Daemons left by an earlier run that was killed are stopped first, by their pid files.
# Exit 0 only when the cluster ran every job and every compared file is identical.
#
# Environment: RELAUNCH_CI_SLURM_SCENARIO (default examples/kaluga.toml),
# RELAUNCH_CI_SLURM_SHARDS (3), RELAUNCH_CI_SLURM_REPLICATIONS (100),
# RELAUNCH_CI_SLURM_PORT (6917: slurmctld; slurmd uses the next port),
# RELAUNCH_CI_SLURM_TIMEOUT (600 s for the jobs).
set -euo pipefail

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
  echo "usage: bash .ci/slurm.sh PATH/TO/relaunch (an executable; got '${1:-}')" >&2
  exit 2
fi
relaunch=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
scenario=${RELAUNCH_CI_SLURM_SCENARIO:-examples/kaluga.toml}
shards=${RELAUNCH_CI_SLURM_SHARDS:-3}
replications=${RELAUNCH_CI_SLURM_REPLICATIONS:-100}
port=${RELAUNCH_CI_SLURM_PORT:-6917}
timeout=${RELAUNCH_CI_SLURM_TIMEOUT:-600}
tmp_prefix=/tmp/relaunch-ci-slurm.

log() { echo "slurm: $*"; }
fail() {
  echo "slurm: FAILED: $*" >&2
  exit 1
}

# --- packages ---------------------------------------------------------------------------------
missing=()
command -v slurmctld >/dev/null 2>&1 || missing+=(slurm-wlm)
command -v munged >/dev/null 2>&1 || missing+=(munge)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- daemons left by an earlier run that died before its trap ----------------------------------
# Only processes named slurmctld, slurmd or munged whose pid is in one of our pid files, or
# whose command line names one of our directories; then the directories themselves.
is_ours() { # pid -> true when it is one of our daemons
  local comm
  comm=$(cat "/proc/$1/comm" 2>/dev/null) || return 1
  case $comm in slurmctld | slurmd | munged) ;; *) return 1 ;; esac
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF "$tmp_prefix"
}
stop_pids() { # pid... : TERM, wait up to 10 s, then KILL
  local pid
  [ $# -gt 0 ] || return 0
  kill "$@" 2>/dev/null || true
  for _ in $(seq 1 50); do
    for pid in "$@"; do
      if kill -0 "$pid" 2>/dev/null; then
        sleep 0.2
        continue 2
      fi
    done
    return 0
  done
  kill -9 "$@" 2>/dev/null || true
}
stale=()
for f in "$tmp_prefix"*/*.pid "$tmp_prefix"*/munge/*.pid; do
  [ -f "$f" ] || continue
  pid=$(cat "$f" 2>/dev/null || true)
  [[ "$pid" =~ ^[0-9]+$ ]] && is_ours "$pid" && stale+=("$pid")
done
for p in /proc/[0-9]*; do
  pid=${p#/proc/}
  is_ours "$pid" && [[ " ${stale[*]} " != *" $pid "* ]] && stale+=("$pid")
done
if [ "${#stale[@]}" -gt 0 ]; then
  log "stopping daemons left by an earlier run: pids ${stale[*]}"
  stop_pids "${stale[@]}"
fi
for d in "$tmp_prefix"*; do
  [ -d "$d" ] && rm -rf "$d"
done

# --- the cluster's directory and cleanup -------------------------------------------------------
dir=$(mktemp -d "${tmp_prefix}XXXXXX")
chmod 755 "$dir" # munged runs as munge and must reach its socket directory
cleanup() {
  local rc=$? pids=() f pid
  for f in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    pid=$(cat "$f" 2>/dev/null || true)
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && pids+=("$pid")
  done
  stop_pids "${pids[@]}"
  rm -rf "$dir"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_logs() {
  local f
  for f in "$dir/slurmctld.log" "$dir/slurmd.log" "$dir/munge/munged.log"; do
    [ -f "$f" ] || continue
    echo "----- $f (last 40 lines)" >&2
    tail -n 40 "$f" >&2
  done
}

# --- munge -------------------------------------------------------------------------------------
key=/etc/munge/munge.key
if [ ! -s "$key" ]; then
  log "writing $key"
  install -d -o munge -g munge -m 700 /etc/munge
  dd if=/dev/urandom bs=1 count=1024 of="$key" status=none
fi
chown munge:munge "$key"
chmod 400 "$key"
install -d -o munge -g munge -m 755 "$dir/munge"
socket=$dir/munge/munge.socket
runuser -u munge -- /usr/sbin/munged --key-file="$key" --socket="$socket" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" \
  --seed-file="$dir/munge/munged.seed" ||
  { show_logs; fail "munged did not start"; }
for _ in $(seq 1 50); do
  [ -S "$socket" ] && break
  sleep 0.2
done
munge -n -S "$socket" | unmunge -S "$socket" >/dev/null ||
  { show_logs; fail "munge cannot encode and decode a credential"; }

# --- slurm.conf and the daemons ----------------------------------------------------------------
node=$(hostname -s)
mkdir -p "$dir/state" "$dir/spool" "$dir/work"
export SLURM_CONF=$dir/slurm.conf
cat >"$SLURM_CONF" <<EOF
# One-node cluster for relaunch's CI (.ci/slurm.sh); no cgroup.conf on purpose.
ClusterName=relaunchci
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=3600
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=ci Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
log "$(slurmctld -V), $(munged --version 2>&1 | head -n 1), node $node with $(nproc) CPUs, $dir"
slurmctld -f "$SLURM_CONF" || { show_logs; fail "slurmctld did not start"; }
slurmd -f "$SLURM_CONF" || { show_logs; fail "slurmd did not start"; }
state=""
for _ in $(seq 1 60); do
  state=$(sinfo -h -N -n "$node" -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 1
done
if [ "$state" != idle ]; then
  sinfo -N -l >&2 || true
  show_logs
  fail "node $node is '${state:-not reported}' after 60 s, not idle"
fi
log "node $node is idle"

# --- the unsharded forecast --------------------------------------------------------------------
single=$dir/work/single
t0=$(date +%s)
"$relaunch" simulate "$scenario" --replications "$replications" --progress none \
  --out "$single" >"$dir/work/single.txt"
log "unsharded: $scenario, $replications replications in $(($(date +%s) - t0)) s -> $single"

# --- the same forecast as shards on the cluster ------------------------------------------------
t0=$(date +%s)
submitted=$(SCENARIO=$scenario SHARDS=$shards REPLICATIONS=$replications RELAUNCH=$relaunch \
  WORK_DIR=$dir/work/sharded bash deploy/slurm/submit.sh)
array_job=$(sed -n 's/^array_job=//p' <<<"$submitted")
merge_job=$(sed -n 's/^merge_job=//p' <<<"$submitted")
[[ "$array_job" =~ ^[0-9]+$ && "$merge_job" =~ ^[0-9]+$ ]] ||
  fail "submit.sh printed no job ids: $submitted"
log "submitted: array job $array_job ($shards tasks), merge job $merge_job (afterok:$array_job)"

job_states() { # array job id -> "task1=STATE task2=STATE ..."
  scontrol -o show job "$1" 2>/dev/null |
    sed -n 's/.*ArrayTaskId=\([0-9-]*\) .*JobState=\([A-Z_]*\).*/task\1=\2/p' | sort -V | tr '\n' ' '
}
job_times() { # job id -> one line per record: task, run time, start and end
  scontrol -o show job "$1" 2>/dev/null | while read -r line; do
    local id task run start end
    id=$(sed -n 's/^JobId=\([0-9]*\) .*/\1/p' <<<"$line")
    task=$(sed -n 's/.* ArrayTaskId=\([0-9-]*\) .*/ task \1/p' <<<"$line")
    run=$(sed -n 's/.* RunTime=\([^ ]*\) .*/\1/p' <<<"$line")
    start=$(sed -n 's/.* StartTime=\([^ ]*\) .*/\1/p' <<<"$line")
    end=$(sed -n 's/.* EndTime=\([^ ]*\) .*/\1/p' <<<"$line")
    echo "  job $id$task: ran $run, $start to $end"
  done | sort -V
}
show_job_outputs() {
  local f
  scontrol -o show job "$array_job" >&2 || true
  scontrol -o show job "$merge_job" >&2 || true
  for f in "$dir/work/sharded/logs"/*; do
    [ -f "$f" ] || continue
    echo "----- $f" >&2
    cat "$f" >&2
  done
  show_logs
}
merge_state=""
deadline=$(($(date +%s) + timeout))
while :; do
  merge_state=$(scontrol -o show job "$merge_job" 2>/dev/null |
    sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
  case $merge_state in
    COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY | BOOT_FAIL | DEADLINE | PREEMPTED) break ;;
    "")
      show_job_outputs
      fail "merge job $merge_job is unknown to slurmctld"
      ;;
  esac
  if [ "$(date +%s)" -ge "$deadline" ]; then
    squeue >&2 || true
    show_job_outputs
    fail "merge job $merge_job is still $merge_state after $timeout s"
  fi
  sleep 1
done
elapsed=$(($(date +%s) - t0))
array_states=$(job_states "$array_job")
log "array job $array_job: $array_states"
log "merge job $merge_job: $merge_state, $elapsed s from submission to the end of the merge"
job_times "$array_job"
job_times "$merge_job"
bad=()
for s in $array_states; do
  [ "${s#*=}" = COMPLETED ] || bad+=("array $s")
done
[ "$(wc -w <<<"$array_states")" -eq "$shards" ] || bad+=("array job has not $shards tasks")
[ "$merge_state" = COMPLETED ] || bad+=("merge job $merge_job=$merge_state")
if [ "${#bad[@]}" -gt 0 ]; then
  show_job_outputs
  fail "the jobs did not all complete: ${bad[*]}"
fi

# --- the comparison ----------------------------------------------------------------------------
shards_dir=$dir/work/sharded/shards
merged=$dir/work/sharded/out
names() { (cd "$1" && shopt -s nullglob && for f in *; do echo "$f"; done | sort); }
log "shard files: $(names "$shards_dir" | tr '\n' ' ')"
expected=$(for k in $(seq 1 "$shards"); do echo "shard-$k-of-$shards.json"; done | sort)
[ "$(names "$shards_dir")" = "$expected" ] ||
  fail "the shard directory does not hold exactly shard-1..$shards-of-$shards.json"
log "merge job's output (head and tail):"
merge_out=$dir/work/sharded/logs/merge-$merge_job.out
if [ "$(wc -l <"$merge_out")" -le 16 ]; then
  sed 's/^/  | /' "$merge_out"
else
  { head -n 10 "$merge_out"; echo "..."; tail -n 4 "$merge_out"; } | sed 's/^/  | /'
fi

[ "$(names "$single")" = "$(names "$merged")" ] ||
  fail "merged files ($(names "$merged" | tr '\n' ' ')) differ from the unsharded run's ($(names "$single" | tr '\n' ' '))"
differ=()
compared=()
for f in daily.csv stations.csv milestones.csv; do
  [ -f "$single/$f" ] || fail "the unsharded run wrote no $f"
done
for f in "$single"/*.csv; do
  f=$(basename "$f")
  compared+=("$f")
  cmp "$single/$f" "$merged/$f" || differ+=("$f")
done
# result.json: equal after `jq 'del(.perf)'`, and stricter, as text: the same keys in the same
# order and every number written the same (a parse that keeps numbers as their text).
compared+=("result.json without perf")
jq 'del(.perf)' "$single/result.json" >"$dir/work/single.json"
jq 'del(.perf)' "$merged/result.json" >"$dir/work/merged.json"
if ! cmp -s "$dir/work/single.json" "$dir/work/merged.json" || ! python3 - "$single/result.json" \
  "$merged/result.json" <<'PY'; then
import json, sys
def load(path):
    pairs = json.load(open(path), object_pairs_hook=list, parse_float=str, parse_int=str)
    return [pair for pair in pairs if pair[0] != "perf"]
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    keys = [x[0] for x in a], [y[0] for y in b]
    first = next((x[0] for x, y in zip(a, b) if x != y), None)
    print(f"result.json: keys {keys[0]} vs {keys[1]}; first differing key: {first}", file=sys.stderr)
sys.exit(a != b)
PY
  diff -u "$dir/work/single.json" "$dir/work/merged.json" | head -n 40 >&2 || true
  differ+=(result.json)
fi
if [ "${#differ[@]}" -gt 0 ]; then
  fail "the merge of $shards shards differs from the unsharded run in: ${differ[*]}"
fi
log "identical: ${compared[*]} ($shards shards merged vs one run of $replications replications)"

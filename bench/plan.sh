#!/usr/bin/env bash
# The planner's speed on the shipped examples (issue 14): the optimiser's seconds over all rounds
# and the whole loop's, beside one `simulate` of the same replications measured in the same run.
# Not a test: the figures are printed, never asserted. From the repository root:
#   bash bench/plan.sh            # Kaluga and the ramp example, 200 replications a forecast
#   BENCH_N=100 bash bench/plan.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p relaunch --locked >/dev/null
bin="${CARGO_TARGET_DIR:-target}/release/relaunch"
n="${BENCH_N:-200}"
for example in examples/kaluga.toml examples/ramp.toml; do
  sim_start=$(date +%s.%N)
  "$bin" simulate "$example" -n "$n" --no-tornado --json >/dev/null 2>&1
  sim_end=$(date +%s.%N)
  out=$(mktemp)
  # Exit 3: the closest plan found is short of the confidence; it is still the figure to time.
  "$bin" plan "$example" -n "$n" --json >"$out" || [ $? -eq 3 ]
  python3 - "$example" "$out" "$sim_start" "$sim_end" <<'PY'
import json, sys
example, path, start, end = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
doc = json.load(open(path))
simulate = end - start
perf = doc["perf"]
rounds = len(doc["rounds"])
plural = "" if rounds == 1 else "s"
print(f"{example}: {rounds} round{plural}, met={doc['met']}; optimiser {perf['optimiser_seconds']:.2f} s "
      f"({perf['optimiser_seconds'] / rounds:.2f} s a proposal), loop {perf['loop_seconds']:.1f} s; "
      f"simulate alone {simulate:.2f} s, loop/simulate {perf['loop_seconds'] / simulate:.1f}x")
PY
  rm -f "$out"
done

#!/usr/bin/env bash
# Answering only the question asked (issue 15): `why` and `compare` against one `simulate` of the
# same replications, measured in the same run on this machine. Not a test: the figures and their
# ratios are printed, never asserted. From the repository root:
#   bash bench/scale.sh             # Moskvich and Kaluga, the scenarios' own replications
#   BENCH_N=200 bash bench/scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p relaunch --locked >/dev/null
bin="${CARGO_TARGET_DIR:-target}/release/relaunch"
n_args=()
[ -n "${BENCH_N:-}" ] && n_args=(--replications "$BENCH_N")
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.2f}')"
}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for example in examples/moskvich.toml examples/kaluga.toml; do
  sim=$(seconds "$bin" simulate "$example" "${n_args[@]}" --no-tornado --progress none --out "$out/sim")
  why=$(seconds "$bin" why "$example" "${n_args[@]}" --progress none)
  python3 -c "print(f'$example: simulate {$sim:.2f} s, why {$why:.2f} s, why/simulate {$why / $sim:.1f}x')"
done
# The three Moskvich partners at 200 replications (the issue's target: 10 s on 2 cores).
sim=$(seconds "$bin" simulate examples/moskvich-jac.toml --replications 200 --no-tornado --progress none --out "$out/sim")
cmp=$(seconds "$bin" compare examples/moskvich-jac.toml examples/moskvich-byd.toml examples/moskvich-faw.toml \
  --replications 200 --progress none --out "$out/cmp")
python3 -c "print(f'compare of 3 Moskvich partners, 200 replications: {$cmp:.2f} s; one simulate {$sim:.2f} s, compare/simulate {$cmp / $sim:.1f}x')"
# Studies against one simulate of the same replications (sensitivity runs 1 + 2 x inputs watched
# forecasts, a sweep one forecast per point).
sim=$(seconds "$bin" simulate examples/kaluga.toml --replications 100 --no-tornado --progress none --out "$out/sim")
sens=$(seconds "$bin" sensitivity examples/kaluga.toml --replications 100 --progress none)
sweep=$(seconds "$bin" sweep examples/kaluga.toml --replications 100 --progress none --set station.trim.servers=3,4,5)
python3 -c "print(f'kaluga, 100 replications: simulate {$sim:.2f} s, sensitivity {$sens:.2f} s ({$sens / $sim:.1f}x), sweep of 3 points {$sweep:.2f} s ({$sweep / $sim:.1f}x)')"
# Shards: 4 shards run one after the other, then merged, against the single run (on one machine
# the shards only add their start-up and the merge; on N machines they divide the wall time).
single=$(seconds "$bin" simulate examples/kaluga.toml --replications 400 --progress none --out "$out/single")
start=$(date +%s.%N)
for k in 1 2 3 4; do
  "$bin" simulate examples/kaluga.toml --replications 400 --progress none --shard "$k/4" --out "$out/shards" >/dev/null 2>&1
done
shards_end=$(date +%s.%N)
"$bin" merge "$out/shards" --out "$out/merged" >/dev/null 2>&1
end=$(date +%s.%N)
python3 -c "print(f'kaluga, 400 replications: single {$single:.2f} s; 4 shards in a row {$shards_end - $start:.2f} s, merge {$end - $shards_end:.2f} s')"
for f in daily.csv milestones.csv stations.csv tasks.csv risks.csv; do
  cmp -s "$out/single/$f" "$out/merged/$f" || { echo "merged $f differs from the single run" >&2; exit 1; }
done
echo "merged files identical to the single run's"

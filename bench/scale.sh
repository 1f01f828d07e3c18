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

#!/usr/bin/env bash
# The dashboard's browser check: starts the release `relaunch serve` on 127.0.0.1 (a free port)
# with a fresh SQLite store and a known token, installs playwright-core from the report's
# pinned lockfile (no browser is downloaded: Debian's chromium drives the pages), runs
# dashboard.mjs against it, and stops the server on exit, whatever happens.
#
#   bash crates/relaunch-server/tests/browser/run.sh RELAUNCH_BINARY SHOTS_DIR
set -euo pipefail
relaunch=$(realpath "$1")
shots=$(realpath -m "$2")
repo=$(cd "$(dirname "$0")/../../../.." && pwd)
work=$(mktemp -d /tmp/relaunch-dashboard.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
RELAUNCH_TOKEN="$token" "$relaunch" serve --db "$work/relaunch.db" --addr 127.0.0.1:0 \
  2>"$work/server.log" &
server_pid=$!
base=""
for _ in $(seq 1 600); do   # up to a minute on a busy machine
  base=$(grep -o 'listening on http://[0-9.:]*' "$work/server.log" | head -n 1 | sed 's/listening on //') || true
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "the server did not start"; cat "$work/server.log"; exit 1; }
echo "relaunch serve at $base"

cp "$repo"/crates/relaunch-report/tests/browser/{package.json,package-lock.json} "$work"
cp "$repo"/crates/relaunch-server/tests/browser/dashboard.mjs "$work"
(cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
status=0
(cd "$work" && node dashboard.mjs --base "$base" --token "$token" --repo "$repo" --shots "$shots") \
  || status=$?
if [ "$status" != 0 ]; then
  echo "--- the server's log"
  cat "$work/server.log"
fi
exit "$status"

#!/usr/bin/env bash
# Launch time and idle memory of the desktop app on a 10,000-post history.
# Starts the debug (or MILLE_APP_BIN) app under Xvfb on a temporary database filled by
# `mille sample --rows 10000`, waits for the UI's first interactive paint (the app logs
# "first interactive paint N ms after launch": process start to the first
# requestAnimationFrame after the Overview's data is drawn), lets it idle, then sums
# Rss and Pss from /proc/PID/smaps_rollup over the app and all its WebKit children.
#   benches/app-footprint.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-10000}"
target="${CARGO_TARGET_DIR:-target}"
bin="${MILLE_APP_BIN:-$target/debug/mille-app}"
cargo build --quiet --bin mille
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$target/debug/mille" sample --rows "$rows" --seed 7 --out "$tmp/sample.csv"
"$target/debug/mille" --db "$tmp/mille.db" import "$tmp/sample.csv" >/dev/null
log="$tmp/app.log"
MILLE_DB="$tmp/mille.db" xvfb-run -a -s "-screen 0 1280x800x24" "$bin" >"$log" 2>&1 &
runner=$!
for _ in $(seq 1 600); do
  grep -q "first interactive paint" "$log" && break
  sleep 0.1
done
grep "first interactive paint" "$log" || { echo "the app did not report its first paint" >&2; cat "$log" >&2; kill "$runner"; exit 1; }
sleep "${IDLE_SECONDS:-10}"
app=$(pgrep -n -f "^$bin\$" || pgrep -n -x "$(basename "$bin")")
pids() { echo "$1"; for c in $(pgrep -P "$1"); do pids "$c"; done; }
total_rss=0; total_pss=0
for p in $(pids "$app"); do
  rss=$(awk '/^Rss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
  pss=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
  printf '%-8s %-28s Rss %7s kB  Pss %7s kB\n' "$p" "$(cat /proc/$p/comm)" "$rss" "$pss"
  total_rss=$((total_rss + rss)); total_pss=$((total_pss + pss))
done
echo "total ($rows posts, idle): Rss $((total_rss / 1024)) MB, Pss $((total_pss / 1024)) MB"
kill "$app" 2>/dev/null || true
wait "$runner" 2>/dev/null || true

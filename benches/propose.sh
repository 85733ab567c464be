#!/usr/bin/env bash
# Whole-process benchmark of `mille propose` over a 10,000-post history (a very
# prolific creator), loading included. Prints the median wall and user time of 11 runs.
#   benches/propose.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000}
cargo build --release --quiet --bin mille
bin=${CARGO_TARGET_DIR:-target}/release/mille
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" sample --rows "$rows" --seed 9 --out "$work/h.csv"
"$bin" --db "$work/h.db" import "$work/h.csv" >/dev/null
for i in $(seq 11); do
  /usr/bin/time -f "%e %U" -o "$work/t" "$bin" --db "$work/h.db" propose \
    --deliverable instagram/reel --deliverable tiktok/video:2 --date 2026-12-05 --as-of 2026-11-22 >/dev/null
  cat "$work/t"
done | sort -n | awk '{w[NR]=$1; u[NR]=$2} END {printf "propose over '"$rows"' posts: median wall %.3f s, median user %.3f s\n", w[6], u[6]}'

#!/usr/bin/env bash
# Whole-process benchmark of import and report over a generated history, beside
# sqlite3's `.import` of the same CSV into a plain table (the physical ceiling).
#   benches/import_report.sh [ROWS] [RUNS]      (default 1000000 rows, 3 runs)
# Prints medians in seconds and the ratio mille/sqlite3. Needs sqlite3 and bc
# (scripts/deps test installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-3}
cargo build --release --quiet --bin mille
bin=target/release/mille
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv="$work/history.csv"
t0=$(date +%s.%N)
"$bin" sample --rows "$rows" --seed 7 --out "$csv"
t1=$(date +%s.%N)
echo "generated $rows rows ($(du -h "$csv" | cut -f1)) in $(echo "$t1 - $t0" | bc) s"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timeit() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }

imp=(); sq=(); rep=()
for i in $(seq "$runs"); do
  rm -f "$work"/m.db* "$work"/s.db*
  imp+=("$(timeit "$bin" --db "$work/m.db" import "$csv")")
  sq+=("$(timeit sqlite3 "$work/s.db" -cmd '.mode csv' ".import $csv posts")")
  rep+=("$(timeit "$bin" --db "$work/m.db" report --json)")
done
mi=$(printf '%s\n' "${imp[@]}" | median)
ms=$(printf '%s\n' "${sq[@]}" | median)
mr=$(printf '%s\n' "${rep[@]}" | median)
printf '%-28s %10s\n' "step ($rows rows)" "median s"
printf '%-28s %10.3f\n' "mille import" "$mi" "sqlite3 .import" "$ms" "mille report --json" "$mr"
printf 'import ratio mille/sqlite3: %.2f\n' "$(echo "$mi / $ms" | bc -l)"

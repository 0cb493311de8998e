#!/usr/bin/env bash
# Screening benchmark: generates rolls and foreigner lists with `dpt-screen synth`, screens
# each RUNS times, and prints wall time (median), roll rows/s, CPU seconds (user + system,
# median), peak RSS, candidates per row, and - measured on the same file in the same run - the
# time of a bare csv parse of the roll (examples/bare_parse.rs) and the ratio screening / bare
# parse.
#
# Usage: bench/screen.sh [SIZES...]     SIZE = ROLL_ROWSxFOREIGN_ROWS, e.g. 1000000x20000
# Default sizes: 1000000x20000 1000000x200000 10000000x20000 10000000x200000
# Env: RUNS (default 3), THREADS (default: all cores), OUT (default bench/out), KEEP=1 keeps data.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
OUT=${OUT:-bench/out}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000000x20000 1000000x200000 10000000x20000 10000000x200000)
THREAD_ARGS=()
[ -n "${THREADS:-}" ] && THREAD_ARGS=(--threads "$THREADS")

cargo build --release --quiet
cargo build --release --quiet --example bare_parse
BIN=target/release/dpt-screen
PARSE=target/release/examples/bare_parse
mkdir -p "$OUT"

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '%-18s %9s %11s %7s %9s %10s %9s %9s %8s\n' size screen_s rows_per_s cpu_s rss_mib cand_per_row parse_s ratio flagged
for size in "${SIZES[@]}"; do
  rows=${size%x*}; foreign=${size#*x}
  dir="$OUT/$size"
  if [ ! -f "$dir/dpt.csv" ]; then
    "$BIN" synth --dpt-rows "$rows" --foreign-rows "$foreign" --planted 50 --seed 1 --out "$dir" 2>/dev/null
  fi
  : > "$dir/times"; : > "$dir/rss"; : > "$dir/parse"; : > "$dir/cpu"
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M %U %S' -o "$dir/time1" "$BIN" screen --dpt "$dir/dpt.csv" --foreign "$dir/foreign.csv" \
      -o "$dir/flags.csv" "${THREAD_ARGS[@]}" 2> "$dir/summary.txt"
    read -r secs kib user sys < "$dir/time1"
    echo "$secs" >> "$dir/times"; echo "$kib" >> "$dir/rss"
    awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }' >> "$dir/cpu"
    "$PARSE" "$dir/dpt.csv" | sed -n 's/.*seconds=//p' >> "$dir/parse"
  done
  t=$(median < "$dir/times"); p=$(median < "$dir/parse"); cpu=$(median < "$dir/cpu")
  rss=$(sort -n "$dir/rss" | tail -1)
  cand=$(sed -n 's/.*candidate pairs compared: [0-9,]* (\([0-9.]*\) per roll row).*/\1/p' "$dir/summary.txt")
  flagged=$(($(wc -l < "$dir/flags.csv") - 1))
  awk -v s="$size" -v t="$t" -v r="$rows" -v u="$cpu" -v m="$rss" -v c="$cand" -v p="$p" -v f="$flagged" \
    'BEGIN { printf "%-18s %9.2f %11.0f %7.1f %9.0f %10s %9.2f %9.2f %8d\n", s, t, r/t, u, m/1024, c, p, t/p, f }'
  [ -n "${KEEP:-}" ] || rm -f "$dir/dpt.csv"
done
echo "(median of $RUNS runs; rss = highest peak over the runs; ratio = screening time / bare csv parse time)"

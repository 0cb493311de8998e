#!/usr/bin/env bash
# Where screening time goes, stage by stage. Builds a copy of the checked-out source with
# bench/stages.patch applied (with DPT_STOP=N every batch of roll rows ends after stage N;
# 0 = before stage 1, see src/screen/chunk.rs), screens one generated roll once per stop
# point, and prints the CPU seconds of each run and what each stage adds. A measuring tool
# only: the shipped binary never stops early, and the outputs of the stopped runs mean nothing.
#
# Usage: bench/stages.sh [SIZE]     SIZE = ROLL_ROWSxFOREIGN_ROWS (default 10000000x200000)
# Env: RUNS (default 2; the median is printed), OUT (default bench/out, shared with screen.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-10000000x200000}
RUNS=${RUNS:-2}
OUT=${OUT:-bench/out}
rows=${SIZE%x*}; foreign=${SIZE#*x}
dir="$OUT/$SIZE"
src=target/stages/src
rm -rf "$src"; mkdir -p "$src"
git ls-files -z | tar --null -cf - -T - | tar -xf - -C "$src"
patch -s -d "$src" -p1 < bench/stages.patch
# A target dir of its own: cargo fingerprints a path package by its path relative to its
# workspace root, so the copy built in the project's target dir would pass for the project
# itself and later builds of the real source would be taken as fresh.
CARGO_TARGET_DIR="$PWD/target/stages/target" cargo build --quiet --profile fast \
  --manifest-path "$src/Cargo.toml"
BIN=target/stages/target/fast/dpt-screen
mkdir -p "$dir"
if [ ! -f "$dir/dpt.csv" ]; then
  "$BIN" synth --dpt-rows "$rows" --foreign-rows "$foreign" --planted 50 --seed 1 --out "$dir" 2>/dev/null
fi

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
labels=("read + foreign list" "1 fields, normalise" "2 vocabulary lookup" "3 blocking"
  "4 values, fields but name" "5 names (whole run)")
printf '%-28s %8s %8s %12s\n' "run stops after" cpu_s added us_per_row
prev=0
for stop in 0 1 2 3 4 9; do
  : > "$dir/stage-cpu"
  for _ in $(seq "$RUNS"); do
    DPT_STOP=$stop /usr/bin/time -f '%U %S' -o "$dir/time1" "$BIN" screen --dpt "$dir/dpt.csv" \
      --foreign "$dir/foreign.csv" -o "$dir/stage-flags.csv" 2>/dev/null >/dev/null
    awk '{print $1 + $2}' "$dir/time1" >> "$dir/stage-cpu"
  done
  cpu=$(median < "$dir/stage-cpu")
  i=$((stop == 9 ? 5 : stop))
  awk -v l="${labels[$i]}" -v c="$cpu" -v p="$prev" -v r="$rows" \
    'BEGIN { printf "%-28s %8.1f %8.1f %12.2f\n", l, c, c - p, (c - p) / r * 1e6 }'
  prev=$cpu
done
rm -f "$dir/stage-flags.csv" "$dir/stage-flags.rejects.csv" "$dir/stage-cpu" "$dir/time1"
echo "(CPU = user + system seconds, median of $RUNS runs; added = this run minus the one before)"

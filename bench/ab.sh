#!/usr/bin/env bash
# A/B comparison of two builds (or two option sets) on a noisy machine: each round runs A and
# B at the same time, one worker each, so both see the same neighbours, frequency and cache
# pressure; the start order alternates. Prints every round and the totals of CPU seconds
# (user + system) and wall seconds, with the ratio B / A.
#
# On the 2-core machines here, runs of one binary vary by 30% or more from minute to minute
# (CPU time too: the host's other tenants), so sequential before/after timings cannot resolve
# a 5% change; paired rounds can (the same binary against itself: totals within ~1-2% over
# 4-6 rounds). Use it to decide whether a change pays; quote bench/screen.sh for the figures.
#
# Usage: bench/ab.sh BIN_A BIN_B [ROUNDS] -- SCREEN_ARGS...
#        bench/ab.sh BIN BIN [ROUNDS] -- SCREEN_ARGS... ::: "OPTS_A" "OPTS_B"
# Example (phase-2 rows dominate, as in a 10M-row roll):
#   bench/ab.sh /tmp/before target/release/dpt-screen 6 -- screen --dpt bench/out/1000000x200000/dpt.csv \
#     --foreign bench/out/1000000x200000/foreign.csv --learn-rows 65536
# Outputs go to a temporary directory; the two worksheets are compared at the end.
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,17p "$0"; exit 2; }
A=$1; B=$2; shift 2
ROUNDS=6
if [ "$1" != "--" ]; then ROUNDS=$1; shift; fi
[ "$1" = "--" ] || { echo "expected -- before the screen arguments" >&2; exit 2; }
shift
ARGS=(); OPTS_A=""; OPTS_B=""
while [ $# -gt 0 ]; do
  if [ "$1" = ":::" ]; then OPTS_A=${2:-}; OPTS_B=${3:-}; break; fi
  ARGS+=("$1"); shift
done
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

run() { # label bin opts out
  # shellcheck disable=SC2086
  /usr/bin/time -f "$1 %e %U %S" -o "$TMP/$1.time" "$2" "${ARGS[@]}" $3 --threads 1 -q -o "$4" 2>/dev/null
}
for i in $(seq "$ROUNDS"); do
  if [ $((i % 2)) = 1 ]; then
    run A "$A" "$OPTS_A" "$TMP/a.csv" & run B "$B" "$OPTS_B" "$TMP/b.csv" & wait
  else
    run B "$B" "$OPTS_B" "$TMP/b.csv" & run A "$A" "$OPTS_A" "$TMP/a.csv" & wait
  fi
  echo "round $i: $(cat "$TMP/A.time") | $(cat "$TMP/B.time")"
  cat "$TMP/A.time" "$TMP/B.time" >> "$TMP/all"
done
awk '{ cpu[$1] += $3 + $4; wall[$1] += $2 }
  END { printf "A: %.2f CPU s, %.2f wall s   B: %.2f CPU s, %.2f wall s   B/A CPU %.3f wall %.3f\n",
        cpu["A"], wall["A"], cpu["B"], wall["B"], cpu["B"] / cpu["A"], wall["B"] / wall["A"] }' "$TMP/all"
if cmp -s "$TMP/a.csv" "$TMP/b.csv"; then echo "worksheets: identical"; else echo "worksheets: DIFFER"; fi

#!/usr/bin/env bash
# Accuracy benchmark: generate synthetic rolls with planted foreigners and hard negatives
# (`dpt-screen synth`), screen them with default options (weights learned from the input),
# and evaluate against the truth (`dpt-screen evaluate`).
#
#   bench/accuracy.sh            the standard form, every --variant, and realistic prevalence
#   bench/accuracy.sh quick      the standard form only
#   bench/accuracy.sh defaults   the standard form and realistic prevalence screened with the
#                                hand-set v1 weights (examples/default_model.rs) instead of
#                                learned ones, for the comparison in the README
#
# Env: SEED (default 7), OUT (default bench/out/accuracy), KEEP=1 keeps the generated files.
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-7}
OUT=${OUT:-bench/out/accuracy}
cargo build --release --quiet
BIN=target/release/dpt-screen
mkdir -p "$OUT"

# run NAME ROLL FOREIGN PLANTED [VARIANT...]
run() {
  local name=$1 rows=$2 foreign=$3 planted=$4; shift 4
  local dir="$OUT/$name" vargs=()
  for v in "$@"; do vargs+=(--variant "$v"); done
  rm -rf "$dir"
  "$BIN" synth --dpt-rows "$rows" --foreign-rows "$foreign" --planted "$planted" --seed "$SEED" \
    "${vargs[@]}" --out "$dir" 2>/dev/null
  "$BIN" screen --dpt "$dir/dpt.csv" --foreign "$dir/foreign.csv" -o "$dir/flags.csv" \
    "${MODEL_ARGS[@]}" 2> "$dir/summary.txt"
  echo "== $name: $rows roll rows, $foreign foreigners, $planted planted${*:+, variant $*} (seed $SEED)"
  grep -E "weights:|own estimate" "$dir/summary.txt" | sed 's/^ */   /'
  "$BIN" evaluate --truth "$dir/truth.csv" --flags "$dir/flags.csv" --negatives "$dir/negatives.csv"
  [ -n "${KEEP:-}" ] || rm -f "$dir/dpt.csv" "$dir/foreign.csv"
  echo
}

MODEL_ARGS=()
if [ "${1:-}" = defaults ]; then
  cargo build --release --quiet --example default_model
  target/release/examples/default_model > "$OUT/v1-model.json"
  MODEL_ARGS=(--model "$OUT/v1-model.json")
  run standard-v1 1000000 20000 1000
  run prevalence-v1 1000000 200000 50
  exit 0
fi

run standard 1000000 20000 1000
[ "${1:-}" = quick ] && exit 0
for v in semicolon cp1252 mixed-dates masked-nik alt-headers; do
  run "variant-$v" 1000000 20000 1000 "$v"
done
run prevalence 1000000 200000 50

#!/usr/bin/env bash
# Compares Marsad's times/quantities with dateparser and pyarabic on the gold
# set of real SaudiNewsNet sentences. Installs both into a throwaway venv
# (bench/.venv-values, git-ignored) on first use.
#   bash bench/values_compare.sh            # prints JSON, keeps bench/out/values/
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=bench/.venv-values
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q dateparser==1.5.* pyarabic==0.6.*
fi
# EVAL_BIN=path/to/values_eval skips the build (e.g. when another build holds cargo's lock)
EVAL_BIN=${EVAL_BIN:-}
if [ -z "$EVAL_BIN" ]; then
  cargo build -q --release -p marsad-values --example values_eval
  EVAL_BIN=target/release/examples/values_eval
fi
mkdir -p bench/out/values
"$VENV/bin/python" bench/values_compare.py crates/marsad-values/tests/data/values_gold.jsonl \
  bench/out/values "$EVAL_BIN" | tee bench/out/values/compare.json

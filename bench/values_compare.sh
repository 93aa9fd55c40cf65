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
cargo build -q --release -p marsad-values --example values_eval
mkdir -p bench/out/values
"$VENV/bin/python" bench/values_compare.py crates/marsad-values/tests/data/values_gold.jsonl \
  bench/out/values target/release/examples/values_eval | tee bench/out/values/compare.json

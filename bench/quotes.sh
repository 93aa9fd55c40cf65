#!/usr/bin/env bash
# Quote detection and speaker accuracy on the hand-annotated SaudiNewsNet sets.
# Usage: bench/quotes.sh            (quote finder on the article bodies)
#        bench/quotes.sh --pipeline (the whole marsad pipeline per article)
# Needs ../shared/data/corpus/saudinewsnet and a built ./target/{release,debug}/marsad.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=./target/release/marsad
[ -x "$bin" ] || bin=./target/debug/marsad
for set in quotes-gold quotes-heldout; do
  echo "== $set"
  "$bin" eval quotes --gold "crates/marsad-quotes/tests/data/$set.jsonl" \
    --corpus ../shared/data/corpus/saudinewsnet "$@"
done
# Throughput: quotes over one whole archive (2,972 articles).
if [ "${1:-}" != "--pipeline" ]; then
  cargo run -q --release -p marsad-quotes --example quotes_throughput -- \
    ../shared/data/corpus/saudinewsnet/2015-07-21.zip
fi

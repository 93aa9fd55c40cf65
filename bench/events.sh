#!/usr/bin/env bash
# Event coding benchmarks (docs/events.md, BENCHMARKS):
#   bench/events.sh          # GSR scores (full pipeline and coder alone) + timing on SaudiNewsNet
# Writes target/events/*.json.
set -euo pipefail
cd "$(dirname "$0")/.."
D=../shared/data
mkdir -p target/events
cargo build --release -p marsad
M=./target/release/marsad
echo "== full pipeline on the GSR (dev half), with timing on one SaudiNewsNet day"
time $M eval events --gsr $D/events/arabic-event-gsr --errors \
  --timing $D/corpus/saudinewsnet/2015-07-21.zip --timing-limit 500 > target/events/gsr-full.json
echo "== coder alone (earlier layers empty)"
time $M eval events --gsr $D/events/arabic-event-gsr --coder-only > target/events/gsr-coder-only.json
python3 - <<'PY'
import json
for f in ["target/events/gsr-full.json", "target/events/gsr-coder-only.json"]:
    d = json.load(open(f))
    print(f)
    for k, t in sorted(d["types"].items()):
        det = t["detection"]
        print(f"  {k}: P={det['precision']:.3f} R={det['recall']:.3f} F1={det['f1']:.3f} "
              f"source={t['source_code']['accuracy']:.3f} target={t['target_code']['accuracy']:.3f}")
    print(f"  actor-code accuracy {d['actor_code_accuracy']:.3f}")
    if "timing" in d:
        print("  timing", json.dumps(d["timing"], ensure_ascii=False))
PY

#!/usr/bin/env bash
# Throughput of `marsad analyze` (release build) over all 27,644 SaudiNewsNet
# articles (the 16 daily zips in ../shared/data/corpus/saudinewsnet), on ONE
# core (taskset -c 0). Prints articles/s and MB/s (of article text), with
# the date and commit, as one Markdown table row for docs/foundation.md.
#
#   bench/analyze_throughput.sh            # builds release first
#   MARSAD_BIN=target/release/marsad bench/analyze_throughput.sh   # no build
#
# Output documents go to /dev/null; failures are counted from stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/data/corpus/saudinewsnet}
BIN=${MARSAD_BIN:-target/release/marsad}
if [[ -z "${MARSAD_BIN:-}" ]]; then
  cargo build --release -p marsad >&2
fi
zips=("$CORPUS"/*.zip)
[[ ${#zips[@]} -gt 0 ]] || { echo "no zips in $CORPUS" >&2; exit 2; }
# article text volume (content fields), measured once with Python's json
mb=$(python3 - "$CORPUS" <<'PY'
import json, sys, zipfile, glob
n = 0; b = 0
for z in sorted(glob.glob(sys.argv[1] + "/*.zip")):
    with zipfile.ZipFile(z) as f:
        for m in f.namelist():
            for a in json.loads(f.read(m)):
                n += 1; b += len((a.get("content") or "").encode())
print(f"{n} {b/1e6:.2f}")
PY
)
read -r articles megabytes <<<"$mb"
err=$(mktemp)
cpu=$(mktemp)
start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$cpu" taskset -c 0 "$BIN" analyze "${zips[@]}" > /dev/null 2> "$err" || true
end=$(date +%s.%N)
wall=$(echo "$end - $start" | bc -l)
# CPU seconds (user + system) of the pinned process: on a shared machine the
# wall clock includes time the core spent on other work
# (time writes "Command exited with non-zero status 1" first when a record failed)
read -r user sys < <(tail -n 1 "$cpu")
secs=$(echo "$user + $sys" | bc -l)
failed=$(grep -c '^marsad: ' "$err" || true)
commit=$(git rev-parse --short HEAD)
printf '| %s | %s | %s | %d | %.1f s | %.1f s | %.1f | %.3f |\n' \
  "$(date -u +%Y-%m-%d)" "$commit" "$articles" "$failed" "$wall" "$secs" \
  "$(echo "$articles / $secs" | bc -l)" "$(echo "$megabytes / $secs" | bc -l)"
echo "(date | commit | articles | stderr lines | wall | CPU s | articles per CPU-second | MB of article text per CPU-second; 1 core)" >&2
rm -f "$cpu"
rm -f "$err"

#!/usr/bin/env bash
# Side-by-side article extraction on the 181 pages of
# ../shared/data/extract/scrapinghub-aeb, one extractor after another, each
# in its own process, single-threaded: marsad, trafilatura (Python, in a
# throwaway venv bench/.venv-extract), and the Rust dom_smoothie and
# trafilatura crates (built outside the repo, in $WORK).
# Prints F1 / precision / recall (scored by ../shared/tools/extract_score.py
# for every tool), pages/s (extraction only, files preloaded) and peak RSS
# (/usr/bin/time -v) for each.
#
# usage: bash bench/extract_compare.sh          (from the repository root)
# env:   MARSAD=path/to/marsad (default target/release/marsad, built if absent)
#        WORK=/tmp/marsad-extract-bench (scratch dir for the Rust baselines)
# takes: ~3 min with everything built; first run adds pip + cargo builds.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$ROOT/../shared"
DATA="$SHARED/data/extract/scrapinghub-aeb"
GOLD="$DATA/ground-truth.json"
PAGES="$DATA/html"
SCORE="$SHARED/tools/extract_score.py"
WORK="${WORK:-/tmp/marsad-extract-bench}"
MARSAD="${MARSAD:-$ROOT/target/release/marsad}"
mkdir -p "$WORK"

peak() { grep "Maximum resident set size" "$1" | awk '{printf "%.1f", $NF/1024}'; }
report() { # name predictions.json time.log pages_per_s
  local f1
  f1=$(python3 "$SCORE" "$GOLD" "$2")
  printf '%-22s %s  pages/s=%s  peak_MB=%s\n' "$1" "$f1" "$4" "$(peak "$3")"
}

# --- marsad ---------------------------------------------------------------
if [ ! -x "$MARSAD" ]; then
  (cd "$ROOT" && cargo build --release -p marsad)
fi
/usr/bin/time -v "$MARSAD" eval extract --gold "$GOLD" --pages "$PAGES" \
  --predictions "$WORK/pred_marsad.json" > "$WORK/marsad.json" 2> "$WORK/time_marsad.log"
pps=$(python3 -c "import json;print(json.load(open('$WORK/marsad.json'))['pages_per_s'])")
report marsad "$WORK/pred_marsad.json" "$WORK/time_marsad.log" "$pps"

# --- trafilatura (Python) -------------------------------------------------
VENV="$ROOT/bench/.venv-extract"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q trafilatura lxml_html_clean
fi
cat > "$WORK/run_trafilatura.py" <<'PY'
import gzip, json, os, sys, time
import trafilatura
pages_dir, out = sys.argv[1], sys.argv[2]
pages = {}
for f in sorted(os.listdir(pages_dir)):
    if f.endswith(".html.gz"):
        pages[f[:-8]] = gzip.open(os.path.join(pages_dir, f)).read()
t = time.perf_counter()
pred = {}
for k, html in pages.items():
    pred[k] = {"articleBody": trafilatura.extract(html) or ""}
dt = time.perf_counter() - t
json.dump(pred, open(out, "w"))
print(round(len(pages) / dt, 1))
PY
pps=$(/usr/bin/time -v "$VENV/bin/python" "$WORK/run_trafilatura.py" "$PAGES" "$WORK/pred_trafilatura.json" 2> "$WORK/time_trafilatura.log")
report "trafilatura (python)" "$WORK/pred_trafilatura.json" "$WORK/time_trafilatura.log" "$pps"

# --- dom_smoothie and trafilatura-rs (Rust crates, built in $WORK) -------
RB="$WORK/rust-baselines"
mkdir -p "$RB/src"
cat > "$RB/Cargo.toml" <<'TOML'
[package]
name = "rust-baselines"
version = "0.1.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
dom_smoothie = "0.19"
trafilatura = "0.6"
flate2 = "1"
serde_json = "1"

[profile.release]
lto = "thin"
TOML
cat > "$RB/src/main.rs" <<'RS'
use std::io::Read;
use std::time::Instant;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (which, dir, out) = (&a[1], &a[2], &a[3]);
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    files.sort();
    let mut pages = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".html.gz") { continue; }
        let mut buf = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(f).unwrap()).read_to_end(&mut buf).unwrap();
        pages.push((name.trim_end_matches(".html.gz").to_string(), String::from_utf8_lossy(&buf).into_owned()));
    }
    let t = Instant::now();
    let mut preds = serde_json::Map::new();
    for (id, html) in &pages {
        let text = match which.as_str() {
            "dom_smoothie" => {
                let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
                dom_smoothie::Readability::new(html.as_str(), None, Some(cfg))
                    .and_then(|mut r| r.parse()).map(|a| a.text_content.to_string()).unwrap_or_default()
            }
            _ => trafilatura::extract(html, &trafilatura::Options::default()).map(|r| r.content_text).unwrap_or_default(),
        };
        preds.insert(id.clone(), serde_json::json!({"articleBody": text}));
    }
    let pps = pages.len() as f64 / t.elapsed().as_secs_f64();
    std::fs::write(out, serde_json::to_string(&serde_json::Value::Object(preds)).unwrap()).unwrap();
    println!("{:.1}", pps);
}
RS
(cd "$RB" && CARGO_TARGET_DIR="$RB/target" cargo build --release -q)
for which in dom_smoothie trafilatura-rs; do
  pps=$(/usr/bin/time -v "$RB/target/release/rust-baselines" "$which" "$PAGES" "$WORK/pred_$which.json" 2> "$WORK/time_$which.log")
  report "$which" "$WORK/pred_$which.json" "$WORK/time_$which.log" "$pps"
done

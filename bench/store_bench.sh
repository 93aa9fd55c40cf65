#!/usr/bin/env bash
# Store benchmarks (issue #7):
#  1. `marsad ingest` of the SaudiNewsNet corpus (27,644 articles in
#     ../shared/data/corpus/saudinewsnet/*.zip): documents/s and database size;
#  2. search and events API latency (p50/p99) under wrk, 50 connections,
#     bounded in time, on loopback only.
#
# Usage: bench/store_bench.sh [DB]
#   MARSAD=target/release/marsad  the binary (build: cargo build --release -p marsad)
#   CORPUS=../shared/data/corpus/saudinewsnet
#   DURATION=20s                  per wrk run
#   SKIP_INGEST=1                 reuse an existing DB
#   INGEST_SECONDS=N              stop the ingest with SIGKILL after N seconds
#                                 (the full pipeline runs ~5 docs/s on 2 busy
#                                 cores: all 27,644 articles take ~1.5 h); the
#                                 rate is then documents committed / N, and the
#                                 kill doubles as a crash test (verify below)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${MARSAD:-target/release/marsad}
CORPUS=${CORPUS:-../shared/data/corpus/saudinewsnet}
DURATION=${DURATION:-20s}
DB=${1:-/tmp/marsad-bench/saudinewsnet.db}
mkdir -p "$(dirname "$DB")"
command -v wrk >/dev/null || { echo "wrk is not installed: scripts/ci-setup.sh or apt-get install wrk" >&2; exit 2; }
[ -x "$BIN" ] || { echo "$BIN not built: cargo build --release -p marsad" >&2; exit 2; }

echo "# commit $(git rev-parse --short HEAD)  $(date -u +%Y-%m-%dT%H:%MZ)  $(nproc) cores"
if [ -z "${SKIP_INGEST:-}" ]; then
  rm -f "$DB" "$DB-wal" "$DB-shm"
  start=$(date +%s%N)
  # exit status 1 is expected: the corpus has empty articles, each logged
  if [ -n "${INGEST_SECONDS:-}" ]; then
    timeout -s KILL "$INGEST_SECONDS" "$BIN" ingest "$CORPUS" --db "$DB" 2> /tmp/marsad-bench/ingest.log || true
  else
    "$BIN" ingest "$CORPUS" --db "$DB" 2> /tmp/marsad-bench/ingest.log || true
  fi
  end=$(date +%s%N)
  tail -n 2 /tmp/marsad-bench/ingest.log
  echo "ingest wall time: $(( (end - start) / 1000000 )) ms"
  python3 - "$DB" "$(( (end - start) / 1000000 ))" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
n, ev, me, qu = c.execute("SELECT count(*), sum(n_events), sum(n_mentions), sum(n_quotes) FROM documents").fetchone()
ms = int(sys.argv[2])
print(f"documents committed: {n} ({n / (ms / 1000):.2f} docs/s); events {ev}, mentions {me}, quotes {qu}")
fts = c.execute("SELECT count(*) FROM doc_fts_docsize").fetchone()[0]
print(f"integrity: {c.execute('PRAGMA integrity_check').fetchone()[0]}; full-text rows {fts} for {n} documents")
PY
fi
# fold the WAL into the main file so the size is the database's
python3 - "$DB" <<'PY' 2>/dev/null || true
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()
PY
echo "database size: $(du -b "$DB" | cut -f1) bytes ($(du -h "$DB" | cut -f1))"

PORT=${PORT:-18731}
"$BIN" serve --db "$DB" --addr "127.0.0.1:$PORT" 2>/tmp/marsad-bench/serve.log &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/api/stats" >/dev/null && break; sleep 0.2; done
curl -s "http://127.0.0.1:$PORT/api/stats"; echo
for script in store_search store_events; do
  echo "## $script (wrk -t2 -c50 -d$DURATION)"
  wrk -t2 -c50 -d"$DURATION" --timeout 10s --latency -s "bench/$script.lua" "http://127.0.0.1:$PORT" \
    | grep -E "Requests/sec|Latency  |50%|90%|99%|requests in|Non-2xx|Socket errors"
done

#!/usr/bin/env bash
# The link-acceptance model's training documents from a *frozen* linker: session 4's end
# (d457dd4), whose output on held-out 3, 4 and 5 was clean (those sets' errors had not been
# read yet), so its wrong links look like the current linker's on unseen data (P .77-.79) rather
# than the few residual errors the rules left on the studied sets (4 % of links).
# Builds d457dd4 in a git worktree with a dump hook in `marsad eval linking` (its own target
# dir: 11.5 min on the 2-core sandbox), then writes OUT/<set>.docs.jsonl for the six studied sets,
# one marsad/1 document per gold article, for `marsad train link-accept --frozen-docs OUT`.
# Never held-out 6 or 7.
#   bash bench/kb_accept_frozen.sh [OUT]        (default /tmp/kb-accept-frozen)
set -euo pipefail
OUT=${1:-/tmp/kb-accept-frozen}
WT=${WT:-/tmp/marsad-d457dd4}
TARGET=${TARGET:-/tmp/marsad-d457dd4-target}
ROOT=$(pwd)
[ -d "$WT" ] || git worktree add --detach "$WT" d457dd4
python3 - "$WT/crates/marsad/src/cmd/kb.rs" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
old = '''            if let Err(e) = pipeline.annotate(doc) {
                eprintln!("warning: {e}");
            }
        })'''
new = '''            if let Err(e) = pipeline.annotate(doc) {
                eprintln!("warning: {e}");
            }
            if let Ok(p) = std::env::var("MARSAD_DUMP_DOCS") {
                use std::io::Write as _;
                let mut f = std::fs::OpenOptions::new().create(true).append(true).open(p).expect("dump");
                writeln!(f, "{}", serde_json::to_string(doc).expect("json")).expect("write");
            }
        })'''
if 'MARSAD_DUMP_DOCS' not in s:
    assert old in s, "d457dd4's eval linking changed"
    s = s.replace(old, new, 1)
    open(p, 'w').write(s)
PY
(cd "$WT" && CARGO_TARGET_DIR="$TARGET" cargo build --release -p marsad)
mkdir -p "$OUT"
for s in linking_gold linking_heldout linking_heldout2 linking_heldout3 linking_heldout4 linking_heldout5; do
  rm -f "$OUT/$s.docs.jsonl"
  MARSAD_DUMP_DOCS="$OUT/$s.docs.jsonl" "$TARGET/release/marsad" eval linking --pipeline \
    --corpus "$ROOT/../shared/data/corpus/saudinewsnet" \
    --gold "$ROOT/crates/marsad-kb/tests/data/$s.jsonl" | grep -E '"(precision|recall)"'
done
ls -l "$OUT"

#!/usr/bin/env bash
# Rebuilds the NER model from scratch and measures it (docs/ner.md, BENCHMARKS).
#   bench/ner.sh            # clusters + model + test scores + speed
#   bench/ner.sh cv         # 5-fold CV over ANERcorp train, full recipe (~25 min on 2 cores)
#   bench/ner.sh cv3 [FLAGS] # the session-4 selection signal: 3-fold CV, first stage only (~4 min);
#                            # FLAGS are added to the recipe (e.g. --self-train 5000, ~11 min)
#   bench/ner.sh cv3-full [FLAGS] # the same 3 folds, two stages (~20 min; session 8)
#     MARSAD_NER_STAGE1_CACHE=DIR bash bench/ner.sh cv3-full  # keeps each fold's first
#     stage and jackknife in DIR (150 MB a fold): a second-stage change then reruns in ~5 min
#     with JOBS=3 (session 9; same numbers as without the cache)
#   bench/ner.sh dev        # the old tuning run: 10 % of ANERcorp train held out
# Uses the `marsad` CLI when it builds, else the crate's own driver
# (cargo run -p marsad-ner --example ner), which runs the same code.
set -euo pipefail
cd "$(dirname "$0")/.."
D=../shared/data
mkdir -p target/ner
if cargo build --release -p marsad >/dev/null 2>&1; then
  TRAIN_NER="./target/release/marsad train ner"; EVAL_NER="./target/release/marsad eval ner"
  CLUSTERS="./target/release/marsad train clusters"
else
  cargo build --release -p marsad-ner --example ner
  TRAIN_NER="./target/release/examples/ner train"; EVAL_NER="./target/release/examples/ner eval"
  CLUSTERS="./target/release/examples/ner clusters --in"
fi
TRAIN="$D/ner/anercorp-camel/ANERCorp_CamelLab_train.txt $D/ner/wikifane-gold/WikiFANE_Gold_2014_500K.txt"
# words seen after titles / head nouns / inside «» in unlabeled news join the lexicon
NAMES="--names-corpus $D/corpus/saudinewsnet"
if [ "${1:-}" = cv3 ]; then
  [ -f target/ner/clusters.tsv ] || $CLUSTERS $D/corpus/saudinewsnet --out target/ner/clusters.tsv
  time $TRAIN_NER --train $TRAIN --gazetteers $D --clusters target/ner/clusters.tsv $NAMES \
    --out target/ner/cv-unused.bin --cv 3 --folds 0 --jobs "${JOBS:-2}" "${@:2}"
  exit 0
fi
if [ "${1:-}" = cv3-full ]; then
  # the same 3 folds, each trained with the whole two-stage recipe (the
  # shipped model's): confirms a first-stage gain (~20 min at load 4;
  # --jobs 1: the jackknife inside each fold already uses 2 threads)
  [ -f target/ner/clusters.tsv ] || $CLUSTERS $D/corpus/saudinewsnet --out target/ner/clusters.tsv
  time $TRAIN_NER --train $TRAIN --gazetteers $D --clusters target/ner/clusters.tsv $NAMES \
    --out target/ner/cv-unused.bin --cv 3 --jobs "${JOBS:-1}" "${@:2}"
  exit 0
fi
if [ "${1:-}" = cv ]; then
  [ -f target/ner/clusters.tsv ] || $CLUSTERS $D/corpus/saudinewsnet --out target/ner/clusters.tsv
  # each fold ~1.2 GB of memory; --jobs folds train at once
  time $TRAIN_NER --train $TRAIN --gazetteers $D --clusters target/ner/clusters.tsv $NAMES \
    --out target/ner/cv-unused.bin --cv 5 --jobs "${JOBS:-2}"
  exit 0
fi
if [ "${1:-}" = dev ]; then
  [ -f target/ner/clusters.tsv ] || $CLUSTERS $D/corpus/saudinewsnet --out target/ner/clusters.tsv
  # defaults: --bits 22 --cost 1 --repeat 3 --crf 0.03 (the shipped recipe)
  time $TRAIN_NER --train $TRAIN --holdout 0.1 --gazetteers $D --clusters target/ner/clusters.tsv $NAMES \
    --out target/ner/dev-model.bin --epochs 15
  exit 0
fi
echo "== clusters"; time $CLUSTERS $D/corpus/saudinewsnet --out target/ner/clusters.tsv
echo "== model"; time $TRAIN_NER --train $TRAIN --gazetteers $D --clusters target/ner/clusters.tsv $NAMES \
  --out assets/ner/model.bin --epochs 9 --crf 0.03
ls -l assets/ner/model.bin
for g in anercorp-camel/ANERCorp_CamelLab_test.txt cleananercorp/cleananercorp_TEST.txt; do
  echo "== $g"
  $EVAL_NER --gold $D/ner/$g --model assets/ner/model.bin --predictions target/ner/pred.txt
  python3 ../shared/tools/conlleval.py $D/ner/$g target/ner/pred.txt
done
echo "== speed (ANERcorp train file, 125k tokens, tagged 3 times)"
for i in 1 2 3; do
  $EVAL_NER --gold $D/ner/anercorp-camel/ANERCorp_CamelLab_train.txt --model assets/ner/model.bin 2>&1 >/dev/null | tail -1
done
echo "== speed, 10 passes in one process (finer CPU clock than one eval)"
cargo build --release -p marsad-ner --example ner_speed >/dev/null 2>&1 && \
  ./target/release/examples/ner_speed assets/ner/model.bin $D/ner/anercorp-camel/ANERCorp_CamelLab_train.txt 10

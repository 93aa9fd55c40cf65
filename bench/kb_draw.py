#!/usr/bin/env python3
"""Draws SaudiNewsNet articles at random (fixed seed) for hand annotation of the linking gold.

Only zips (extraction dates) that the given annotation files do not use are drawn from
(default: the dev set linking_gold.src; pass several .src files joined by commas to exclude the
held-out sets too), so no new article shares a day of news with an existing gold set. "Political/world" articles are
those whose text contains at least 3 distinct words of a fixed list of political words;
the others are "other sections". Articles of 600-2600 characters only (annotation time).

usage: bench/kb_draw.py [--zip ZIP[,ZIP…]] SEED N_POLITICAL N_OTHER [SRC[,SRC…]] [CORPUS_DIR]
  e.g. the second held-out set: bench/kb_draw.py 20261125 9 3 \
       crates/marsad-kb/tests/data/linking_gold.src,crates/marsad-kb/tests/data/linking_heldout.src
  --zip: draw from these zips only, even if a .src file uses them, leaving out the articles (URLs)
       the .src files already hold. Needed once every zip is used by some set (the third held-out
       set: all 16 zips were used, so it came from 2015-08-09, which holds one dev article).
prints one `@ ZIP URL` line per drawn article (paste into the .src file and annotate).
"""
import json, os, random, re, sys, zipfile

POLITICAL = ['رئيس', 'وزير', 'حكومة', 'الحكومة', 'الأمم المتحدة', 'مجلس الأمن', 'داعش', 'إيران',
             'سوريا', 'سورية', 'اليمن', 'العراق', 'الحوثي', 'التحالف', 'المعارضة', 'الرئيس',
             'البرلمان', 'الخارجية', 'واشنطن', 'موسكو', 'طهران', 'إسرائيل', 'مصر', 'تركيا',
             'ليبيا', 'الاتفاق النووي', 'الإرهاب', 'مفاوضات', 'الانتخابات']

def main():
    args = sys.argv[1:]
    only = None
    if args and args[0] == '--zip':
        only = set(args[1].split(','))
        args = args[2:]
    sys.argv = [sys.argv[0]] + args
    seed, n_pol, n_oth = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    here = os.path.dirname(os.path.abspath(__file__))
    dev = sys.argv[4] if len(sys.argv) > 4 else os.path.join(here, '../crates/marsad-kb/tests/data/linking_gold.src')
    corpus = sys.argv[5] if len(sys.argv) > 5 else os.path.join(here, '../../shared/data/corpus/saudinewsnet')
    lines = [l.split() for src in dev.split(',') for l in open(src, encoding='utf-8')
             if l.startswith('@ ')]
    used = {l[1] for l in lines}
    used_urls = {l[2] for l in lines if len(l) > 2}
    if only is not None:
        zips = sorted(only)
    else:
        zips = sorted(z for z in os.listdir(corpus) if z.endswith('.zip') and z not in used)
    if not zips:
        sys.exit('kb_draw: every zip is used by the given .src files; name one with --zip ZIP')
    pol, oth = [], []
    for zn in zips:
        z = zipfile.ZipFile(os.path.join(corpus, zn))
        for n in sorted(z.namelist()):
            for a in json.loads(z.read(n)):
                t = a.get('content') or ''
                if not 600 <= len(t.strip()) <= 2600 or a['url'] in used_urls:
                    continue
                hits = sum(1 for w in POLITICAL if w in t)
                (pol if hits >= 3 else oth).append((zn, a['url']))
    rng = random.Random(seed)
    print(f'# drawn from {", ".join(zips)}: {len(pol)} political, {len(oth)} other candidates', file=sys.stderr)
    for zn, url in rng.sample(pol, n_pol) + rng.sample(oth, n_oth):
        print(f'@ {zn} {url}')

main()

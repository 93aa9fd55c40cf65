#!/usr/bin/env python3
"""Converts the hand annotation source (crates/marsad-kb/tests/data/linking_gold.src)
into the JSON Lines gold file read by `marsad eval linking`.

Source format: a line `@ ZIP URL` opens an article of ../shared/data/corpus/saudinewsnet;
each following line is `surface<TAB>referent`, in reading order. The occurrence
index is computed as the next exact occurrence of the surface after the previous
mention, so the annotator writes mentions in order and never counts.

usage: bench/kb_gold.py SRC OUT [CORPUS_DIR]
"""
import json, sys, zipfile, glob, os

def find(t, surf, start):
    """Next occurrence of surf at or after start that ends a word."""
    while True:
        pos = t.find(surf, start)
        if pos < 0:
            return -1
        end = pos + len(surf)
        if end >= len(t) or not t[end].isalpha():
            return pos
        start = pos + 1

src, out = sys.argv[1], sys.argv[2]
corpus = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), '../../shared/data/corpus/saudinewsnet')
cache = {}
def article(zipname, url):
    if zipname not in cache:
        z = zipfile.ZipFile(os.path.join(corpus, zipname))
        cache[zipname] = {a['url']: a for n in z.namelist() for a in json.loads(z.read(n))}
    return cache[zipname][url]

docs = []
cur = None
for ln, line in enumerate(open(src, encoding='utf-8'), 1):
    line = line.rstrip('\n')
    if not line.strip() or line.startswith('#'):
        continue
    if line.startswith('@ '):
        _, z, url = line.split(' ', 2)
        cur = {'zip': z, 'url': url, 'mentions': [], '_text': article(z, url)['content'], '_cursor': 0}
        docs.append(cur)
        continue
    surf, ref = line.split('\t')
    t = cur['_text']
    pos = find(t, surf, cur['_cursor'])
    if pos >= 0 and surf.startswith('ال'):
        # the same name after ل (لل + name without its article) earlier than the next full
        # form: the annotator most likely meant that one and wrote the article (a mention
        # silently moved to a later occurrence); say so, the .src line should drop the article
        early = find(t, 'لل' + surf[2:], cur['_cursor'])
        if 0 <= early < pos:
            print(f'{src}:{ln}: warning: `{surf}` taken at {pos}, but `لل{surf[2:]}` comes first at '
                  f'{early}; write `{surf[2:]}` if that one is meant', file=sys.stderr)
    if pos < 0 and surf.startswith('ال'):
        # ل + ال is written لل: the mention is the word without the article
        surf = surf[2:]
        pos = find(t, surf, cur['_cursor'])
    if pos < 0:
        sys.exit(f'{src}:{ln}: `{surf}` not found after position {cur["_cursor"]} in {cur["url"]}')
    occ = sum(1 for i in range(pos) if t.startswith(surf, i))
    cur['mentions'].append([surf, occ, ref])
    cur['_cursor'] = pos + len(surf)
with open(out, 'w', encoding='utf-8') as f:
    for d in docs:
        f.write(json.dumps({k: v for k, v in d.items() if not k.startswith('_')}, ensure_ascii=False) + '\n')
n = sum(len(d['mentions']) for d in docs)
print(f'{len(docs)} articles, {n} mentions, {sum(1 for d in docs for m in d["mentions"] if m[2] != "NIL")} with a KB referent')

#!/usr/bin/env python3
"""Writes fixture.jsonl: hand-built marsad/1 documents with every layer
filled (spans are code-point offsets, as Python string indices are), one of
them hostile (markup and event handlers in every text field).
Rebuild: python3 make_fixture.py > fixture.jsonl"""
import json

def span(text, s, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(s, i + 1)
    return [i, i + len(s)]

def doc(id_, title, text, published, site, url):
    paras, pos = [], 0
    for p in text.split("\n\n"):
        paras.append([pos, pos + len(p)])
        pos += len(p) + 2
    return {"schema": "marsad/1", "id": id_,
            "source": {"path": None, "url": url, "encoding": "UTF-8", "format": "html", "record": None},
            "language": "ar", "title": title, "byline": [], "published": published, "site": site,
            "text": text, "removed": [], "paragraphs": paras, "sentences": paras, "mentions": [],
            "entities": [], "quotes": [], "times": [], "quantities": [], "events": [], "warnings": []}

def mention(d, s, typ, ent, nth=0):
    d["mentions"].append({"span": span(d["text"], s, nth), "text": s, "type": typ, "entity": ent, "confidence": 0.9})
    return len(d["mentions"]) - 1

def actor(text, ent, code, d=None):
    a = {"text": text, "entity": ent, "code": code, "span": None, "members": []}
    if d: a["span"] = span(d["text"], text)
    return a

# 1. a clean article with every layer
t = ("كَتَبَ الرئيسُ الروسي فلاديمير بوتين رسالة إلى فرنسا يوم 26 نوفمبر 2015.\n\n"
     "وقال بوتين إن روسيا ستدعم التحالف ضد الإرهاب في سوريا.\n\n"
     "وقصفت طائرات روسية مواقع في مدينة حلب السورية، ما أسفر عن مقتل 12 شخصا.")
a = doc("fx-putin", "بوتين يكتب إلى فرنسا", t, "2015-11-26T10:00:00", "Example News", "https://example.invalid/putin")
m1 = mention(a, "فلاديمير بوتين", "PER", "e1")
m2 = mention(a, "فرنسا", "GPE", "e2")
m3 = mention(a, "بوتين", "PER", "e1", 1)
m4 = mention(a, "روسيا", "GPE", "e3")
m5 = mention(a, "سوريا", "GPE", "e4")
m6 = mention(a, "حلب", "GPE", "e5")
a["entities"] = [
    {"id": "e1", "type": "PER", "name": "Vladimir Putin", "name_ar": "فلاديمير بوتين", "aliases": ["بوتين"],
     "kb": {"id": "mk:RUSGOV-putin", "wikidata": "Q7747", "cameo": "RUSGOV", "country": "RUS", "geonames": None, "lat": None, "lon": None},
     "mentions": [m1, m3], "roles": ["الرئيس الروسي"], "reading": None},
    {"id": "e2", "type": "GPE", "name": "France", "name_ar": "فرنسا", "aliases": [],
     "kb": {"id": "mk:FRA", "wikidata": "Q142", "cameo": "FRA", "country": "FRA", "geonames": 3017382, "lat": 46.0, "lon": 2.0},
     "mentions": [m2], "roles": [], "reading": None},
    {"id": "e3", "type": "GPE", "name": "Russia", "name_ar": "روسيا", "aliases": [],
     "kb": {"id": "mk:RUS", "wikidata": "Q159", "cameo": "RUS", "country": "RUS", "geonames": 2017370, "lat": 60.0, "lon": 100.0},
     "mentions": [m4], "roles": [], "reading": None},
    {"id": "e4", "type": "GPE", "name": "Syria", "name_ar": "سوريا", "aliases": [],
     "kb": {"id": "mk:SYR", "wikidata": "Q858", "cameo": "SYR", "country": "SYR", "geonames": 163843, "lat": 35.0, "lon": 38.0},
     "mentions": [m5], "roles": [], "reading": None},
    {"id": "e5", "type": "GPE", "name": "Aleppo", "name_ar": "حلب", "aliases": [],
     "kb": {"id": "mk:aleppo", "wikidata": "Q41183", "cameo": "SYR", "country": "SYR", "geonames": 170063, "lat": 36.2, "lon": 37.16},
     "mentions": [m6], "roles": [], "reading": None},
]
q = "روسيا ستدعم التحالف ضد الإرهاب في سوريا"
a["quotes"] = [{"span": span(t, q), "text": q, "kind": "indirect",
                "speaker": {"text": "بوتين", "entity": "e1", "span": span(t, "بوتين", 1)}, "cue": span(t, "وقال")}]
a["times"] = [{"span": span(t, "26 نوفمبر 2015"), "text": "26 نوفمبر 2015", "value": "2015-11-26", "kind": "date", "hijri": None, "anchored": False}]
a["quantities"] = [{"span": span(t, "12 شخصا"), "text": "12 شخصا", "value": 12.0, "unit": "شخص", "approximate": False, "range": None}]
s1 = a["paragraphs"][0]; s3 = a["paragraphs"][2]
a["events"] = [
    {"span": s1, "trigger": span(t, "كَتَبَ"), "cameo": "036", "plover": {"type": "CONSULT", "mode": None}, "quad_class": 1, "goldstein": 4.0,
     "source": actor("فلاديمير بوتين", "e1", "RUSGOV", a), "target": actor("فرنسا", "e2", "FRA", a),
     "location": None, "date": "2015-11-26", "fatalities": None, "modality": "asserted", "quote": None,
     "injured": None, "date_basis": "text", "sentences": [s1], "triggers": [span(t, "كَتَبَ")]},
    {"span": s3, "trigger": span(t, "وقصفت"), "cameo": "195", "plover": {"type": "ASSAULT", "mode": "aerial"}, "quad_class": 4, "goldstein": -10.0,
     "source": actor("طائرات روسية", None, "RUSMIL", a), "target": actor("حلب", "e5", "SYR", a),
     "location": {"text": "حلب", "entity": "e5", "lat": None, "lon": None, "country": None, "span": span(t, "حلب")},
     "date": "2015-11-27", "fatalities": 12, "modality": "asserted", "quote": None,
     "injured": None, "date_basis": "published", "sentences": [s3], "triggers": [span(t, "وقصفت")]},
]
a["removed"] = [{"text": "شارك على تويتر", "reason": "share-widget"}]

# 2. a hostile page: markup in every text field must stay text
h = ("نص عادي عن الرئيس <script>window.__pwned=1</script> ثم صورة <img src=x onerror=\"window.__pwned=2\"> "
     "وذكر <b onmouseover=alert(1)>المعهد</b> في بيان.")
b = doc("fx-hostile", "<script>window.__pwned=3</script>عنوان <img src=x onerror=window.__pwned=4>", h,
        "2015-11-25", "<i>site</i>", "javascript:window.__pwned=5")
hm = mention(b, "<b onmouseover=alert(1)>المعهد</b>", "ORG", "e1")
b["entities"] = [{"id": "e1", "type": "ORG", "name": "<img src=x onerror=window.__pwned=6>", "name_ar": "المعهد",
                  "aliases": ["<svg onload=window.__pwned=7>"], "kb": None, "mentions": [hm], "roles": [], "reading": None}]
b["removed"] = [{"text": "<script>window.__pwned=8</script><img src=x onerror=window.__pwned=9>", "reason": "advertisement"}]
b["quotes"] = [{"span": span(h, "<script>window.__pwned=1</script>"), "text": "<script>window.__pwned=1</script>", "kind": "direct",
                "speaker": {"text": "<img src=x onerror=window.__pwned=10>", "entity": None, "span": None}, "cue": None}]

# 3. a second article (ranking, co-actors, pairs)
t3 = "أكد وزير الخارجية الفرنسي أن فرنسا تدين الهجوم على حلب.\n\nوقالت روسيا إن العملية مستمرة."
c = doc("fx-france", "فرنسا تدين", t3, "2015-11-28", "Example News", "https://example.invalid/france")
c1 = mention(c, "فرنسا", "GPE", "e1"); c2 = mention(c, "حلب", "GPE", "e2"); c3 = mention(c, "روسيا", "GPE", "e3")
c["entities"] = [
    dict(a["entities"][1], id="e1", mentions=[c1]),
    dict(a["entities"][4], id="e2", mentions=[c2]),
    dict(a["entities"][2], id="e3", mentions=[c3]),
]
c["events"] = [{"span": c["paragraphs"][0], "trigger": span(t3, "تدين"), "cameo": "122", "plover": {"type": "ACCUSE", "mode": None},
                "quad_class": 3, "goldstein": -2.0, "source": actor("فرنسا", "e1", "FRA", c), "target": actor("روسيا", "e3", "RUS", c),
                "location": None, "date": None, "fatalities": None, "modality": "asserted", "quote": None,
                "injured": None, "date_basis": "published", "sentences": [], "triggers": []}]

for d in (a, b, c):
    print(json.dumps(d, ensure_ascii=False))

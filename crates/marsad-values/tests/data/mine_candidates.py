#!/usr/bin/env python3
"""Mine candidate sentences for the values gold set from SaudiNewsNet.

Reads ../shared/data/corpus/saudinewsnet/*.zip (JSON arrays with content,
url, date_extracted), splits sentences, and for each category takes a
deterministic sample of sentences whose text matches the category's regex.
The regexes are deliberately independent of marsad-values: they only find
where to look; the expected values are set by reading (see README in this
folder).

    python3 mine_candidates.py ../../../../../shared/data/corpus/saudinewsnet > candidates.jsonl
"""
import glob, hashlib, json, os, random, re, sys, zipfile

AR = "\u0600-\u06FF"
def W(p):  # a whole word with optional proclitics
    return rf"(?<![{AR}])(?:و|ف|ب|ل)?(?:{p})(?![{AR}])"

GM = "يناير|فبراير|مارس|أبريل|إبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر"
LM = "كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول"
MG = "جانفي|فيفري|أفريل|جوان|جويلية|أوت|يوليوز|غشت|شتنبر|نونبر|دجنبر"
HM = "محرم|صفر|ربيع الأول|ربيع الآخر|ربيع الثاني|جمادى الأولى|جمادى الآخرة|جمادى الثانية|رجب|شعبان|رمضان|شوال|ذو القعدة|ذي القعدة|ذو الحجة|ذي الحجة"
WD = "الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت"
UNITW = "واحد|اثنان|اثنين|ثلاث|ثلاثة|أربع|أربعة|خمس|خمسة|ست|ستة|سبع|سبعة|ثماني|ثمانية|تسع|تسعة|عشر|عشرة"
TENS = "عشرون|عشرين|ثلاثون|ثلاثين|أربعون|أربعين|خمسون|خمسين|ستون|ستين|سبعون|سبعين|ثمانون|ثمانين|تسعون|تسعين"
HUND = "مئة|مائة|مئتان|مئتين|مائتان|مائتين|ثلاثمائة|أربعمائة|خمسمائة|ستمائة|سبعمائة|ثمانمائة|تسعمائة|ثلاثمئة|أربعمئة|خمسمئة"
THOU = "ألف|ألفا|ألفان|ألفين|ألفي|آلاف"

TIME = {
    "greg_month_gulf": rf"\d{{1,2}}\s+{W(GM)}|{W(GM)}\s+\d{{4}}",
    "greg_month_levant": rf"\d{{1,2}}\s+(?:{LM})|(?<![{AR}])(?:{LM})(?![{AR}])\s+\d{{4}}",
    "greg_month_maghreb": rf"(?:\d{{1,2}}\s+|شهر\s+)(?:{MG})(?![{AR}])|(?<![{AR}])(?:{MG})\s+\d{{4}}",
    "greg_paired": rf"(?:{GM}|{LM})\s*[/(]\s*(?:{GM}|{LM})",
    "hijri": rf"(?:\d{{1,2}}\s+)?(?<![{AR}])(?:{HM})(?![{AR}])(?:\s+(?:من\s+)?(?:عام\s+)?\d{{4}})?|\d{{4}}\s*هـ",
    "numeric_date": r"\b\d{1,4}/\d{1,2}/\d{1,4}\b",
    "weekday": rf"(?:يوم\s+)?(?<![{AR}])(?:{WD})(?![{AR}])(?:\s+(?:الماضي|المقبل|القادم|المنصرم))?",
    "relative_day": W("اليوم|أمس|غدا|غداً|أمس الأول|أول أمس|البارحة"),
    "relative_period": rf"(?<![{AR}])(?:و|ف|ب|ل)?(?:الأسبوع|الشهر|العام|السنة|هذا العام|هذا الشهر)\s+(?:الماضي|الماضية|المقبل|المقبلة|القادم|القادمة|الجاري|الحالي|الحالية|المنصرم)",
    "ago_after": rf"(?<![{AR}])(?:و)?(?:منذ|قبل|بعد)\s+(?:(?:أقل|أكثر) من\s+)?(?:\d+|[{AR}]+)?\s*(?:يوم|يومين|أيام|أسبوع|أسبوعين|أسابيع|شهر|شهرين|أشهر|شهور|عام|عامين|أعوام|سنة|سنتين|سنوات)(?![{AR}])",
    "ordinal_day": rf"(?<![{AR}])(?:و|ف|ب|ل|في\s+)?(?:الأول|الثاني|الثالث|الرابع|الخامس|السادس|السابع|الثامن|التاسع|العاشر|الحادي|العشرين|الثلاثين)(?:\s+عشر|\s+والعشرين|\s+والثلاثين)?\s+من\s+(?:شهر\s+)?(?:الشهر|{GM}|{HM})",
    "part_of_period": W("مطلع|منتصف|أواخر|أوائل|نهاية|بداية") + rf"\s+(?:الشهر|العام|شهر|عام|{GM}|{HM})",
    "year": rf"(?<![{AR}])(?:و|ف|ب|ل)?(?:عام|العام|سنة)\s+\d{{4}}|\d{{4}}\s*م(?![{AR}])",
    "clock": rf"الساعة\s+(?:\d{{1,2}}(?::\d{{2}})?|الواحدة|الثانية|الثالثة|الرابعة|الخامسة|السادسة|السابعة|الثامنة|التاسعة|العاشرة|الحادية عشرة|الثانية عشرة)|\d{{1,2}}:\d{{2}}",
    "interval": rf"(?:من|بين)\s+(?:عام\s+|عامي\s+)?\d{{1,4}}\s+(?:إلى|الى|حتى|و)\s*(?:عام\s+)?\d{{1,4}}|\d{{4}}\s*[-/]\s*\d{{4}}",
    "duration": rf"(?:\d+|{W(UNITW+'|'+TENS)})\s+(?:يوما|أيام|أسابيع|أشهر|شهور|شهرا|سنوات|أعوام|عاما|ساعة|ساعات|دقيقة|دقائق)(?![{AR}])|{W('يومين|أسبوعين|شهرين|عامين|سنتين|ساعتين')}",
}
QTY = {
    "digits_unit": rf"(?<![\d.,/:-])\d{{1,3}}\s+[{AR}]{{3,}}",
    "digits_thousands": r"\d{1,3}(?:[,٬]\d{3})+",
    "digits_indic": r"[٠-٩]+(?:[٫٬.,][٠-٩]+)?",
    "decimal": r"\d+[.٫]\d+",
    "percent": rf"\d+(?:[.,٫]\d+)?\s*(?:%|٪|في المئة|في المائة|بالمئة|بالمائة)",
    "digits_scale": rf"\d+(?:[.,٫]\d+)?\s+(?:ألف|آلاف|مليون|ملايين|مليار|مليارات)",
    "range": rf"(?:بين\s+\d+\s+و\s*\d+|\d+\s*(?:-|إلى|الى)\s*\d+)\s+[{AR}]+",
    "words_units": rf"{W(UNITW)}\s+[{AR}]{{3,}}|{W('اثنا عشر|اثني عشر|اثنتا عشرة|اثنتي عشرة|أحد عشر|إحدى عشرة')}",
    "words_tens_hundreds": W(TENS + "|" + HUND),
    "words_thousands": W(THOU + "|مليون|مليونين|ملايين|مليار"),
    "approx": rf"(?<![{AR}])(?:و|ف|ب|ل)?(?:نحو|حوالي|حوالى|قرابة|زهاء|أكثر من|ما يقارب|ما يزيد على|ما يزيد عن|أقل من)\s+(?:\d|[{AR}]+\s)",
    "vague": W("عشرات|العشرات|مئات|المئات|آلاف|الآلاف|بضعة|بضع"),
    "casualties": rf"(?:\d+|[{AR}]+)\s+(?:قتيلا|قتيلاً|جنديا|جندياً|شخصا|شخصاً|مدنيين|مدنيا|غارة|غارات|قتلى|جرحى|مصابين|أشخاص|جنود)(?![{AR}])",
}

def sentences(text):
    for para in re.split(r"\n+", text):
        for s in re.split(r"(?<=[.!؟])\s+", para):
            s = s.strip()
            if 25 <= len(s) <= 320:
                yield s

def main():
    root = sys.argv[1]
    per = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    rng = random.Random(int(os.environ.get("SEED", "4")))
    pools = {("time", k): [] for k in TIME} | {("quantity", k): [] for k in QTY}
    pats = {("time", k): re.compile(p) for k, p in TIME.items()} | {("quantity", k): re.compile(p) for k, p in QTY.items()}
    for f in sorted(glob.glob(os.path.join(root, "*.zip"))):
        z = zipfile.ZipFile(f)
        for name in z.namelist():
            for art in json.loads(z.read(name)):
                url = art.get("url") or ""
                aid = hashlib.sha256(url.encode()).hexdigest()[:16]
                for s in sentences(art.get("content") or ""):
                    for key, p in pats.items():
                        m = p.search(s)
                        if m:
                            pools[key].append({"id": aid, "url": url, "source": art.get("source"),
                                               "anchor": art.get("date_extracted"), "sentence": s,
                                               "layer": key[0], "category": key[1],
                                               "hint": m.group(0), "hint_start": m.start()})
    seen = set()
    for key, pool in pools.items():
        rng.shuffle(pool)
        n = 0
        for c in pool:
            if c["sentence"] in seen:
                continue
            seen.add(c["sentence"])
            print(json.dumps(c, ensure_ascii=False))
            n += 1
            if n >= per:
                break
        print(f"{key}: {len(pool)} in corpus, {n} taken", file=sys.stderr)

if __name__ == "__main__":
    main()

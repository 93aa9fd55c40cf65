//! The words both layers know: month names of every region, Hijri months,
//! weekdays, number words in their gender and case forms, ordinals, units of
//! time, relative words and approximators.
//!
//! Entries are written as newspapers spell them and normalized once with
//! `marsad_arabic::normalize_str`, the folding the token view uses, so one
//! entry matches its hamza, alef-maqsura and ta-marbuta variants.

use crate::scan::View;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// Unit of a length of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// Minute.
    Minute,
    /// Hour.
    Hour,
    /// Day.
    Day,
    /// Week.
    Week,
    /// Month.
    Month,
    /// Year.
    Year,
    /// Decade.
    Decade,
    /// Century.
    Century,
}

/// Part of a day named next to a clock time or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    /// صباحا، صباح، فجرا.
    Morning,
    /// ظهرا، ظهر.
    Noon,
    /// عصرا، مساء، مساء.
    Evening,
    /// ليلا، ليلة.
    Night,
}

/// Which part of a period (مطلع، منتصف، أواخر).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// مطلع، أوائل، بداية، مستهل.
    Start,
    /// منتصف، أواسط.
    Middle,
    /// أواخر، نهاية، ختام.
    End,
}

/// Kind of approximation a word marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approx {
    /// نحو، حوالي، قرابة، زهاء: about.
    About,
    /// أكثر من، ما يزيد على: more than.
    MoreThan,
    /// أقل من: less than.
    LessThan,
}

/// What a word (or a fixed phrase) means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lex {
    /// A Gregorian month; `strong` when the name is not also a common word.
    GMonth {
        /// 1–12.
        m: u32,
        /// Unambiguous without context.
        strong: bool,
    },
    /// A Hijri month; `strong` as for [`Lex::GMonth`].
    HMonth {
        /// 1–12.
        m: u32,
        /// Unambiguous without context.
        strong: bool,
    },
    /// A weekday with its definite article (ISO number, Monday = 1).
    Weekday(u32),
    /// Cardinal 1–10 (any gender or case).
    Unit(u32),
    /// Tens 20–90.
    Ten(u32),
    /// Hundreds 100–900 (including the duals مئتان/مئتين).
    Hundred(u32),
    /// ألف، مليون، مليار…: `mult` the scale; `count` 2 for duals, 0 for
    /// plurals (which need a count before them), 1 otherwise.
    Scale {
        /// The multiplier.
        mult: f64,
        /// 1 singular, 2 dual, 0 plural.
        count: u32,
    },
    /// A vague plural count (عشرات، مئات، بضعة) with its bounds.
    Vague {
        /// Lower bound.
        lo: f64,
        /// Upper bound.
        hi: f64,
    },
    /// A masculine ordinal used for days (الخامس, العشرين): the day number.
    Ordinal(u32),
    /// A feminine ordinal used for hours (السادسة): the hour.
    Hour(u32),
    /// اليوم، أمس، غدا: offset in days.
    RelDay(i64),
    /// الأسبوع، الشهر، العام/السنة: a calendar period.
    Period(TimeUnit),
    /// الماضي، المقبل، الجاري: offset of a period.
    PeriodMod(i64),
    /// A unit of time with how many it counts (dual 2, singular 1, plural 0).
    Dur {
        /// Unit.
        unit: TimeUnit,
        /// 1 singular, 2 dual, 0 plural.
        count: u32,
    },
    /// صباحا، مساء…
    DayPart(DayPart),
    /// مطلع، منتصف، أواخر…
    Part(Part),
    /// نحو، أكثر من…
    Approx(Approx),
    /// The per-cent words (بالمئة, في المئة's المئة).
    Percent,
}

type Table = HashMap<String, Vec<(Vec<String>, Lex)>>;

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(build)
}

fn build() -> Table {
    use Lex::*;
    let mut t: Table = HashMap::default();
    let mut add = |phrase: &str, lex: Lex| {
        let norm = marsad_arabic::normalize_str(phrase);
        let mut words = norm.split_whitespace().map(str::to_string);
        let Some(first) = words.next() else { return };
        let rest: Vec<String> = words.collect();
        let e = t.entry(first).or_default();
        if !e.iter().any(|(r, l)| *r == rest && *l == lex) {
            e.push((rest, lex));
        }
    };
    // Gregorian months. Levantine/Iraqi, Egyptian/Gulf, Maghrebi (Tunisia,
    // Algeria: French-derived; Morocco: يوليوز غشت شتنبر نونبر دجنبر).
    let months: [(u32, &[&str], &[&str]); 12] = [
        (
            1,
            &["يناير", "كانون الثاني", "جانفي", "جانفييه", "ينّاير", "ينير"],
            &[],
        ),
        (2, &["فبراير", "شباط", "فيفري", "فبراير", "فبرير"], &[]),
        (3, &["آذار"], &["مارس"]),
        (
            4,
            &["أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "ابريل"],
            &[],
        ),
        (5, &["مايو", "أيار"], &["ماي"]),
        (6, &["يونيو", "يونيه", "حزيران", "جوان"], &[]),
        (
            7,
            &["يوليو", "يوليه", "تموز", "جويلية", "جويلييه", "يوليوز"],
            &[],
        ),
        (8, &["أغسطس", "اغسطس", "أوت", "غشت", "أغسطس"], &["آب"]),
        (9, &["سبتمبر", "أيلول", "شتنبر", "سيبتمبر"], &[]),
        (10, &["أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"], &[]),
        (11, &["نوفمبر", "تشرين الثاني", "نونبر", "نوفمير"], &[]),
        (12, &["ديسمبر", "كانون الأول", "دجنبر", "دسمبر"], &[]),
    ];
    for (m, strong, weak) in months {
        for w in strong {
            add(w, GMonth { m, strong: true });
        }
        for w in weak {
            add(w, GMonth { m, strong: false });
        }
    }
    // "نيسان" is also a car make: weak.
    add(
        "نيسان",
        GMonth {
            m: 4,
            strong: false,
        },
    );
    let hijri: [(u32, &[&str], &[&str]); 12] = [
        (1, &[], &["محرم", "المحرم"]),
        (2, &[], &["صفر"]),
        (3, &["ربيع الأول", "ربيع الاول"], &[]),
        (4, &["ربيع الآخر", "ربيع الثاني", "ربيع الاخر"], &[]),
        (5, &["جمادى الأولى", "جمادى الأول", "جمادى الاولى"], &[]),
        (
            6,
            &["جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الاخرة"],
            &[],
        ),
        (7, &[], &["رجب"]),
        (8, &[], &["شعبان"]),
        (9, &["رمضان"], &[]),
        (10, &["شوال"], &[]),
        (11, &["ذو القعدة", "ذي القعدة", "ذا القعدة"], &[]),
        (12, &["ذو الحجة", "ذي الحجة", "ذا الحجة"], &[]),
    ];
    for (m, strong, weak) in hijri {
        for w in strong {
            add(w, HMonth { m, strong: true });
        }
        for w in weak {
            add(w, HMonth { m, strong: false });
        }
    }
    for (d, ws) in [
        (1, &["الاثنين", "الإثنين"][..]),
        (2, &["الثلاثاء"]),
        (3, &["الأربعاء", "الاربعاء"]),
        (4, &["الخميس"]),
        (5, &["الجمعة"]),
        (6, &["السبت"]),
        (7, &["الأحد"]),
    ] {
        for w in ws {
            add(w, Weekday(d));
        }
    }
    // Cardinals 1–10: masculine and feminine, nominative, accusative/genitive.
    for (v, ws) in [
        (1, &["واحد", "واحدة", "واحدا"][..]),
        (
            2,
            &[
                "اثنان",
                "اثنين",
                "اثنتان",
                "اثنتين",
                "اثنا",
                "اثنتا",
                "اثني",
                "اثنتي",
                "إثنين",
                "إثنان",
            ],
        ),
        (3, &["ثلاث", "ثلاثة"]),
        (4, &["أربع", "أربعة"]),
        (5, &["خمس", "خمسة"]),
        (6, &["ست", "ستة"]),
        (7, &["سبع", "سبعة"]),
        (8, &["ثمان", "ثماني", "ثمانية", "ثمانى"]),
        (9, &["تسع", "تسعة"]),
        (10, &["عشر", "عشرة"]),
    ] {
        for w in ws {
            add(w, Unit(v));
        }
    }
    // أحد/إحدى only as the first part of 11 (handled by the teen rule).
    add("أحد عشر", Unit(11));
    add("إحدى عشرة", Unit(11));
    add("احدى عشرة", Unit(11));
    add("إحدى عشر", Unit(11));
    for (v, stem) in [
        (20, "عشر"),
        (30, "ثلاث"),
        (40, "أربع"),
        (50, "خمس"),
        (60, "ست"),
        (70, "سبع"),
        (80, "ثمان"),
        (90, "تسع"),
    ] {
        add(&format!("{stem}ون"), Ten(v));
        add(&format!("{stem}ين"), Ten(v));
    }
    add("مئة", Hundred(100));
    add("مائة", Hundred(100));
    add("مئه", Hundred(100));
    for w in [
        "مئتان",
        "مئتين",
        "مائتان",
        "مائتين",
        "مئتا",
        "مائتا",
        "مئتي",
        "مائتي",
    ] {
        add(w, Hundred(200));
    }
    for (v, stems) in [
        (300, &["ثلاث"][..]),
        (400, &["أربع"]),
        (500, &["خمس"]),
        (600, &["ست"]),
        (700, &["سبع"]),
        (800, &["ثمان", "ثماني"]),
        (900, &["تسع"]),
    ] {
        for s in stems {
            add(&format!("{s}مئة"), Hundred(v));
            add(&format!("{s}مائة"), Hundred(v));
        }
    }
    for (w, mult, count) in [
        ("ألف", 1e3, 1),
        ("ألفا", 1e3, 1),
        ("ألفان", 1e3, 2),
        ("ألفين", 1e3, 2),
        ("ألفي", 1e3, 2),
        ("آلاف", 1e3, 0),
        ("مليون", 1e6, 1),
        ("مليونا", 1e6, 1),
        ("مليونان", 1e6, 2),
        ("مليوني", 1e6, 2),
        ("مليونين", 1e6, 2),
        ("ملايين", 1e6, 0),
        ("مليار", 1e9, 1),
        ("مليارا", 1e9, 1),
        ("ملياران", 1e9, 2),
        ("مليارين", 1e9, 2),
        ("مليارات", 1e9, 0),
        ("بليون", 1e9, 1),
        ("تريليون", 1e12, 1),
        ("ترليون", 1e12, 1),
    ] {
        add(w, Scale { mult, count });
    }
    for (w, lo, hi) in [
        ("عشرات", 20.0, 99.0),
        ("العشرات", 20.0, 99.0),
        ("مئات", 200.0, 999.0),
        ("المئات", 200.0, 999.0),
        ("مئات", 200.0, 999.0),
        ("الآلاف", 2000.0, 9999.0),
        ("ألوف", 2000.0, 9999.0),
        ("الملايين", 2e6, 9_999_999.0),
        ("بضعة", 3.0, 9.0),
        ("بضع", 3.0, 9.0),
    ] {
        add(w, Vague { lo, hi });
    }
    // Day ordinals (masculine, with the article).
    for (v, w) in [
        (1, "الأول"),
        (2, "الثاني"),
        (3, "الثالث"),
        (4, "الرابع"),
        (5, "الخامس"),
        (6, "السادس"),
        (7, "السابع"),
        (8, "الثامن"),
        (9, "التاسع"),
        (10, "العاشر"),
        (11, "الحادي"),
        (20, "العشرين"),
        (30, "الثلاثين"),
    ] {
        add(w, Ordinal(v));
    }
    // Hour ordinals (feminine).
    for (v, w) in [
        (1, "الواحدة"),
        (2, "الثانية"),
        (3, "الثالثة"),
        (4, "الرابعة"),
        (5, "الخامسة"),
        (6, "السادسة"),
        (7, "السابعة"),
        (8, "الثامنة"),
        (9, "التاسعة"),
        (10, "العاشرة"),
        (11, "الحادية عشرة"),
        (12, "الثانية عشرة"),
        (11, "الحادية عشر"),
        (12, "الثانية عشر"),
    ] {
        add(w, Hour(v));
    }
    for (w, d) in [
        ("اليوم", 0),
        ("أمس", -1),
        ("الأمس", -1),
        ("البارحة", -1),
        ("أمس الأول", -2),
        ("أول أمس", -2),
        ("أول من أمس", -2),
        ("غدا", 1),
        ("غداً", 1),
        ("بعد غد", 2),
        ("يوم غد", 1),
        ("الغد", 1),
        ("الليلة", 0),
    ] {
        add(w, RelDay(d));
    }
    for (w, u) in [
        ("الأسبوع", TimeUnit::Week),
        ("الشهر", TimeUnit::Month),
        ("العام", TimeUnit::Year),
        ("السنة", TimeUnit::Year),
    ] {
        add(w, Period(u));
    }
    for (w, d) in [
        ("الماضي", -1),
        ("الماضية", -1),
        ("المنصرم", -1),
        ("المنصرمة", -1),
        ("الفائت", -1),
        ("الفائتة", -1),
        ("السابق", -1),
        ("المقبل", 1),
        ("المقبلة", 1),
        ("القادم", 1),
        ("القادمة", 1),
        ("الجاري", 0),
        ("الجارية", 0),
        ("الحالي", 0),
        ("الحالية", 0),
    ] {
        add(w, PeriodMod(d));
    }
    use TimeUnit::{Century, Day, Decade, Minute, Month, Week, Year};
    let hour = TimeUnit::Hour;
    for (w, unit, count) in [
        ("دقيقة", Minute, 1),
        ("دقائق", Minute, 0),
        ("دقيقتين", Minute, 2),
        ("دقيقتان", Minute, 2),
        ("ساعة", hour, 1),
        ("ساعات", hour, 0),
        ("ساعتين", hour, 2),
        ("ساعتان", hour, 2),
        ("يوم", Day, 1),
        ("يوما", Day, 1),
        ("أيام", Day, 0),
        ("يومين", Day, 2),
        ("يومان", Day, 2),
        ("أسبوع", Week, 1),
        ("أسبوعا", Week, 1),
        ("أسابيع", Week, 0),
        ("أسبوعين", Week, 2),
        ("أسبوعان", Week, 2),
        ("شهر", Month, 1),
        ("شهرا", Month, 1),
        ("أشهر", Month, 0),
        ("شهور", Month, 0),
        ("شهرين", Month, 2),
        ("شهران", Month, 2),
        ("عام", Year, 1),
        ("عاما", Year, 1),
        ("أعوام", Year, 0),
        ("عامين", Year, 2),
        ("عامان", Year, 2),
        ("سنة", Year, 1),
        ("سنوات", Year, 0),
        ("سنين", Year, 0),
        ("سنتين", Year, 2),
        ("سنتان", Year, 2),
        ("عقود", Decade, 0),
        ("عقدين", Decade, 2),
        ("عقدان", Decade, 2),
        ("قرن", Century, 1),
        ("قرون", Century, 0),
        ("قرنين", Century, 2),
    ] {
        add(w, Dur { unit, count });
    }
    for (w, p) in [
        ("صباحا", self::DayPart::Morning),
        ("صباح", self::DayPart::Morning),
        ("صباحاً", self::DayPart::Morning),
        ("فجرا", self::DayPart::Morning),
        ("فجر", self::DayPart::Morning),
        ("صبيحة", self::DayPart::Morning),
        ("ضحى", self::DayPart::Morning),
        ("ظهرا", self::DayPart::Noon),
        ("ظهر", self::DayPart::Noon),
        ("ظهيرة", self::DayPart::Noon),
        ("عصرا", self::DayPart::Evening),
        ("عصر", self::DayPart::Evening),
        ("مساء", self::DayPart::Evening),
        ("مساءً", self::DayPart::Evening),
        ("ليلا", self::DayPart::Night),
        ("ليل", self::DayPart::Night),
        ("ليلة", self::DayPart::Night),
    ] {
        add(w, DayPart(p));
    }
    for (w, p) in [
        ("مطلع", self::Part::Start),
        ("أوائل", self::Part::Start),
        ("بداية", self::Part::Start),
        ("مستهل", self::Part::Start),
        ("بدايات", self::Part::Start),
        ("منتصف", self::Part::Middle),
        ("أواسط", self::Part::Middle),
        ("أواخر", self::Part::End),
        ("نهاية", self::Part::End),
        ("ختام", self::Part::End),
        ("أواخر", self::Part::End),
    ] {
        add(w, Part(p));
    }
    for (w, a) in [
        ("نحو", self::Approx::About),
        ("حوالي", self::Approx::About),
        ("حوالى", self::Approx::About),
        ("قرابة", self::Approx::About),
        ("زهاء", self::Approx::About),
        ("ما يقارب", self::Approx::About),
        ("ما يناهز", self::Approx::About),
        ("يناهز", self::Approx::About),
        ("يقارب", self::Approx::About),
        ("ما يقرب من", self::Approx::About),
        ("ما يربو على", self::Approx::MoreThan),
        ("أكثر من", self::Approx::MoreThan),
        ("ما يزيد على", self::Approx::MoreThan),
        ("ما يزيد عن", self::Approx::MoreThan),
        ("يزيد على", self::Approx::MoreThan),
        ("يزيد عن", self::Approx::MoreThan),
        ("أزيد من", self::Approx::MoreThan),
        ("ما لا يقل عن", self::Approx::MoreThan),
        ("لا يقل عن", self::Approx::MoreThan),
        ("أقل من", self::Approx::LessThan),
        ("ما دون", self::Approx::LessThan),
    ] {
        add(w, Approx(a));
    }
    add("بالمئة", Percent);
    add("بالمائة", Percent);
    add("في المئة", Percent);
    add("في المائة", Percent);
    add("بالمائه", Percent);
    t
}

/// Up to two proclitics a word may carry before a lexicon word: و/ف, then
/// ب/ل/ك. Yields `(letters stripped, stem)`, the bare word first.
pub(crate) fn stems(w: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out: [(usize, &str); 4] = [(0, w); 4];
    let mut n = 1;
    let mut rest = w;
    let mut k = 0;
    if let Some(r) = rest.strip_prefix('و').or_else(|| rest.strip_prefix('ف')) {
        if r.chars().count() >= 3 {
            k = 1;
            rest = r;
            out[n] = (k, rest);
            n += 1;
        }
    }
    if let Some(r) = rest
        .strip_prefix('ب')
        .or_else(|| rest.strip_prefix('ل'))
        .or_else(|| rest.strip_prefix('ك'))
    {
        // stems of two letters are too often whole words (لست، وست);
        // "لما يقرب من" is the exception worth keeping
        if r.chars().count() >= 3 || r == "ما" {
            out[n] = (k + 1, r);
            n += 1;
        }
    }
    out.into_iter().take(n)
}

/// A lexicon match at a token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Match {
    /// Token after the match.
    pub end: usize,
    /// Letters of proclitics left out at the start.
    pub skip: usize,
    /// Meaning.
    pub lex: Lex,
}

/// The longest lexicon entry starting at token `i` whose meaning satisfies
/// `want`; proclitics are tried only when `clitics` is true.
pub(crate) fn at(v: &View, i: usize, clitics: bool, want: impl Fn(&Lex) -> bool) -> Option<Match> {
    let w = v.w(i);
    if w.is_empty() {
        return None;
    }
    let t = table();
    let mut best: Option<Match> = None;
    let consider = |skip: usize, stem: &str, best: &mut Option<Match>| {
        if let Some(es) = t.get(stem) {
            for (rest, lex) in es {
                if !want(lex) {
                    continue;
                }
                if rest.iter().enumerate().all(|(k, r)| v.w(i + 1 + k) == r) {
                    let end = i + 1 + rest.len();
                    if best.is_none_or(|b| end > b.end || (end == b.end && skip < b.skip)) {
                        *best = Some(Match {
                            end,
                            skip,
                            lex: *lex,
                        });
                    }
                }
            }
        }
    };
    for (skip, stem) in stems(w) {
        if skip > 0 && !clitics {
            break;
        }
        consider(skip, stem, &mut best);
    }
    // ل + ال is written لل: "للعام" is ل + "العام".
    if clitics {
        if let Some(r) = w.strip_prefix("لل") {
            let owned = format!("ال{r}");
            if let Some(es) = t.get(owned.as_str()) {
                for (rest, lex) in es {
                    if want(lex) && rest.iter().enumerate().all(|(k, r)| v.w(i + 1 + k) == r) {
                        let end = i + 1 + rest.len();
                        if best.is_none_or(|b| end > b.end) {
                            best = Some(Match {
                                end,
                                skip: 1,
                                lex: *lex,
                            });
                        }
                    }
                }
            }
        }
    }
    best
}

/// True when `w` is in the lexicon at all (any meaning).
pub(crate) fn known(w: &str) -> bool {
    table().contains_key(w)
}

/// Words that open a pattern without being lexicon entries themselves.
const TRIGGERS: &[&str] = &[
    "الساعه",
    "منذ",
    "قبل",
    "بعد",
    "هذا",
    "هذه",
    "عامي",
    "كل",
    "يوميا",
    "اسبوعيا",
    "شهريا",
    "سنويا",
    "عاميا",
    "ربيع",
    "صيف",
    "خريف",
    "شتاء",
    "بين",
    "عده",
    "ربع",
    "نصف",
    "شهري",
    "الموافق",
];

/// True when a token may open a time expression or a quantity: a lexicon
/// word or a trigger, with or without proclitics. Everything else is
/// skipped at once, which keeps the layers fast.
pub(crate) fn may_open(w: &str) -> bool {
    let t = table();
    for (skip, stem) in stems(w) {
        if t.contains_key(stem) || TRIGGERS.contains(&stem) {
            return true;
        }
        if skip > 0 && stem.starts_with('ل') {
            // لل + X
            if let Some(r) = w.strip_prefix("لل") {
                if t.contains_key(format!("ال{r}").as_str()) {
                    return true;
                }
            }
        }
    }
    false
}

//! The cue lexicon: verbs and participles that introduce speech, the
//! complementizers that open reported clauses, and the words that stop a
//! speaker's noun phrase.
//!
//! Every form is stored normalized with [`marsad_arabic::normalize_str`]
//! (alef forms → ا, ى → ي, ة → ه, no tashkeel), so "أكّد", "اكد" and "أكد"
//! meet the same entry. Tense, person, gender and number forms are generated
//! from three stems per verb (past, imperfect stem, participle base) rather
//! than listed by hand.

use std::collections::HashMap;
use std::sync::OnceLock;

/// How strongly a cue word signals speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// A verb of saying: licenses direct quotes, even one-word ones right
    /// after it ("قال: "لا"").
    Say,
    /// A verb that reports speech only with a complementizer, a colon or a
    /// quotation right after its subject (أكد، أوضح، أعلن …).
    Report,
    /// A verb that is speech only with a complementizer (اعتبر، رأى، كشف، بين …);
    /// never licenses a short (scare) quote.
    Weak,
}

/// What kind of word the cue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A finite verb (قال، يقول، أكدت): a subject may follow.
    Verb,
    /// An active participle (قائلا، مضيفا): the subject is the clause's.
    Participle,
    /// A verbal noun with a pronoun (بقوله، قوله).
    Noun,
}

/// One cue-lexicon entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// Strength.
    pub strength: Strength,
    /// Form.
    pub form: Form,
    /// The preposition the verb governs before its complementizer
    /// (أشار إلى أن، شدد على أن، حذر من أن), normalized, or "".
    pub prep: &'static str,
}

/// (past 3ms, imperfect stem without the person prefix, participle base,
/// strength, governed preposition).
const VERBS: &[(&str, &str, &str, Strength, &str)] = &[
    ("قال", "قول", "قائل", Strength::Say, ""),
    ("أضاف", "ضيف", "مضيف", Strength::Say, ""),
    ("تابع", "تابع", "متابع", Strength::Say, ""),
    ("استطرد", "ستطرد", "مستطرد", Strength::Say, ""),
    ("أردف", "ردف", "مردف", Strength::Say, ""),
    ("صرح", "صرح", "مصرح", Strength::Say, ""),
    ("تساءل", "تساءل", "متسائل", Strength::Say, ""),
    ("أجاب", "جيب", "مجيب", Strength::Say, ""),
    ("أكد", "ؤكد", "مؤكد", Strength::Report, ""),
    ("أوضح", "وضح", "موضح", Strength::Report, ""),
    ("أعلن", "علن", "معلن", Strength::Report, ""),
    ("شدد", "شدد", "مشدد", Strength::Report, "على"),
    ("أفاد", "فيد", "مفيد", Strength::Report, ""),
    ("حذر", "حذر", "محذر", Strength::Report, "من"),
    ("أشار", "شير", "مشير", Strength::Report, "إلى"),
    ("لفت", "لفت", "لافت", Strength::Report, "إلى"),
    ("نوه", "نوه", "منوه", Strength::Report, "إلى"),
    ("ذكر", "ذكر", "ذاكر", Strength::Report, ""),
    ("علق", "علق", "معلق", Strength::Report, ""),
    ("اختتم", "ختتم", "مختتم", Strength::Report, ""),
    ("أبلغ", "بلغ", "مبلغ", Strength::Report, ""),
    ("اعتبر", "عتبر", "معتبر", Strength::Weak, ""),
    ("رأى", "رى", "رائي", Strength::Weak, ""),
    ("كشف", "كشف", "كاشف", Strength::Weak, "عن"),
    ("بين", "بين", "مبين", Strength::Weak, ""),
    ("زعم", "زعم", "زاعم", Strength::Weak, ""),
    ("نفى", "نفي", "نافي", Strength::Weak, ""),
    ("أوضح", "وضح", "موضح", Strength::Report, ""),
    ("أعرب", "عرب", "معرب", Strength::Weak, "عن"),
    ("أبان", "بين", "مبين", Strength::Report, ""),
    ("أصر", "صر", "مصر", Strength::Report, "على"),
    ("استدرك", "ستدرك", "مستدرك", Strength::Say, ""),
];

/// Word forms that look like cue verbs but are impersonal or passive in use
/// ("يذكر أن" = "it is worth mentioning that"; "يشار إلى أن").
const NOT_CUES: &[&str] = &[
    "يذكر",
    "ويذكر",
    "يشار",
    "ويشار",
    "يقال",
    "قيل",
    "يبين",
    "تبين",
    "مصري",
    "مصريه",
    "مصرين",
];

fn lexicon() -> &'static HashMap<String, Cue> {
    static LEX: OnceLock<HashMap<String, Cue>> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut m = HashMap::new();
        let n = marsad_arabic::normalize_str;
        for &(past, imp, part, strength, prep) in VERBS {
            let prep = if prep.is_empty() {
                ""
            } else {
                // leaked once per entry into a static: the lexicon lives for the
                // whole process.
                Box::leak(n(prep).into_boxed_str())
            };
            let verb = Cue {
                strength,
                form: Form::Verb,
                prep,
            };
            let p = n(past);
            let past_stem = p.strip_suffix('ي').unwrap_or(&p).to_string();
            // رأى → رأت، رأوا ; نفى → نفت، نفوا
            let weak_final = p.ends_with('ي');
            for f in [
                p.clone(),
                format!("{}ت", if weak_final { &past_stem } else { &p }),
                format!("{}وا", if weak_final { &past_stem } else { &p }),
                format!("{p}ا"),
                format!("{}تا", if weak_final { &past_stem } else { &p }),
            ] {
                m.entry(f).or_insert(verb);
            }
            let i = n(imp);
            for pre in ["ي", "ت"] {
                for suf in ["", "ون", "ان"] {
                    m.entry(format!("{pre}{i}{suf}")).or_insert(verb);
                }
            }
            let pa = n(part);
            let participle = Cue {
                strength,
                form: Form::Participle,
                prep,
            };
            for suf in ["ا", "ه", "ين", "ون"] {
                m.entry(format!("{pa}{suf}")).or_insert(participle);
            }
        }
        let noun = Cue {
            strength: Strength::Say,
            form: Form::Noun,
            prep: "",
        };
        for f in [
            "قوله",
            "قولها",
            "قولهم",
            "قوله",
            "بقوله",
            "بقولها",
            "بقولهم",
        ] {
            m.insert(n(f), noun);
        }
        for f in NOT_CUES {
            m.remove(&n(f));
        }
        m
    })
}

fn not_cue(norm: &str) -> bool {
    static SET: OnceLock<Vec<String>> = OnceLock::new();
    SET.get_or_init(|| {
        NOT_CUES
            .iter()
            .map(|w| marsad_arabic::normalize_str(w))
            .collect()
    })
    .iter()
    .any(|w| w == norm)
}

/// The cue a (normalized) word is, trying the word as written and then its
/// clitic analyses (وقال → و + قال، فأكد، ويعتبره → و + يعتبر + ه).
pub fn cue_of(word: &str, norm: &str) -> Option<Cue> {
    let lex = lexicon();
    if not_cue(norm) {
        return None;
    }
    if let Some(c) = lex.get(norm) {
        return Some(*c);
    }
    if norm.chars().count() > 12 {
        return None;
    }
    for a in marsad_arabic::analyses(word) {
        // only conjunction proclitics (و، ف) and the preposition ب before
        // a verbal noun; never the article: "المؤكد" is not a cue.
        if a.article {
            continue;
        }
        let pre = marsad_arabic::normalize_str(&a.prefix);
        if !matches!(pre.as_str(), "" | "و" | "ف" | "وب" | "ب") {
            continue;
        }
        let stem = marsad_arabic::normalize_str(&a.stem);
        if pre.is_empty() && a.suffix.is_empty() {
            continue;
        }
        let full = format!("{stem}{}", marsad_arabic::normalize_str(&a.suffix));
        let probe = if pre.contains('ب') { &full } else { &stem };
        if not_cue(probe) {
            return None;
        }
        if let Some(c) = lex.get(probe.as_str()) {
            if pre.contains('ب') && c.form != Form::Noun {
                continue;
            }
            return Some(*c);
        }
        // a pronoun object on the verb itself: يعتبره، اعتبرها
        if let Some(c) = lex.get(stem.as_str()) {
            if c.form != Form::Noun && !pre.contains('ب') {
                return Some(*c);
            }
        }
    }
    None
}

/// Complementizers (normalized) that open a reported clause; the bool says
/// whether the word carries a pronoun subject (إنه، أنها) and so belongs to
/// the clause.
pub fn complementizer(norm: &str) -> Option<bool> {
    match norm {
        "ان" | "بان" => Some(false),
        "انه" | "انها" | "انهم" | "انهما" | "انني" | "اننا" | "انهن" | "بانه" | "بانها"
        | "بانهم" | "بانهما" | "بانني" | "باننا" | "انكم" | "انك" | "لان" => {
            Some(true)
        }
        _ => None,
    }
}

/// Words that end a speaker's noun phrase: prepositions, time words,
/// relative pronouns, adverbs, verbs of the clause.
pub fn stops_np(norm: &str) -> bool {
    const STOP: &[&str] = &[
        "في",
        "فى",
        "خلال",
        "عن",
        "علي",
        "الي",
        "مع",
        "من",
        "عبر",
        "امام",
        "لدي",
        "بعد",
        "قبل",
        "عقب",
        "اثناء",
        "حول",
        "ضمن",
        "منذ",
        "حتي",
        "امس",
        "اليوم",
        "الليله",
        "مساء",
        "صباح",
        "يوم",
        "ايضا",
        "كذلك",
        "بدوره",
        "بدورها",
        "الذي",
        "التي",
        "الذين",
        "اللذين",
        "اللتين",
        "اللواتي",
        "انه",
        "ان",
        "انها",
        "بان",
        "لقد",
        "قد",
        "ما",
        "لا",
        "لم",
        "لن",
        "هو",
        "هي",
        "هم",
        "وهو",
        "وهي",
        "او",
        "ثم",
        "كما",
        "اذ",
        "حيث",
        "بينما",
        "فيما",
        "ل",
        "له",
        "لها",
        "لهم",
        "به",
        "بها",
        "فيه",
        "فيها",
        "عليه",
        "اليه",
        "منه",
        "الاحد",
        "الاثنين",
        "الثلاثاء",
        "الاربعاء",
        "الخميس",
        "الجمعه",
        "السبت",
        "صباحا",
        "الاسبوع",
        "مؤخرا",
        "تصريحه",
        "حديثه",
        "كلمته",
        "رده",
        "ردا",
        "تعليقا",
        "تعليقه",
        "وفق",
        "وفقا",
        "بحسب",
        "حسب",
        "نقلا",
        "ولكن",
        "لكن",
        "الا",
        "عندما",
        "اذا",
        "وذلك",
        "اول",
        "لوسائل",
        "للصحافيين",
        "للصحفيين",
        "للصحيفه",
        "للوكاله",
        "للقناه",
        "بعدم",
        "عدم",
        "ضروره",
        "اهميه",
    ];
    STOP.contains(&norm)
}

/// Words that, right before an opening quotation mark, make the quoted
/// words a name (a campaign, a newspaper, a programme) rather than speech.
pub fn names_a_title(norm: &str) -> bool {
    const T: &[&str] = &[
        "حمله",
        "صحيفه",
        "جريده",
        "مجله",
        "وكاله",
        "قناه",
        "برنامج",
        "مبادره",
        "هاشتاق",
        "هاشتاج",
        "وسم",
        "كتاب",
        "كتابه",
        "فيلم",
        "مسلسل",
        "تنظيم",
        "جماعه",
        "حزب",
        "جبهه",
        "عمليه",
        "مشروع",
        "شركه",
        "موقع",
        "تطبيق",
        "مسابقه",
        "جائزه",
        "مهرجان",
        "ملتقي",
        "مؤتمر",
        "ندوه",
        "معرض",
        "شعار",
        "عنوان",
        "بعنوان",
        "تحت",
        "اسم",
        "باسم",
        "مسمي",
        "لقب",
        "بلقب",
        "مركز",
        "جمعيه",
        "فرقه",
        "منتدي",
        "رابطه",
        "نادي",
        "مجموعه",
        "ميليشيا",
        "ميليشيات",
        "قصيده",
        "روايه",
        "اغنيه",
        "مقال",
        "تقرير",
        "دراسه",
        "خطه",
        "نظام",
        "لائحه",
        "قانون",
        "مصطلح",
        "كلمه",
        "عباره",
        "لفظ",
        "وصف",
        "تسميه",
        "سمي",
        "يسمي",
        "بـ",
        "لـ",
        "المسمي",
        "المسماه",
        "يدعي",
        "المعروف",
        "المعروفه",
        "الملقب",
        "هيئه",
        "الهاشتاق",
        "الوسم",
        "لصحيفه",
        "لجريده",
        "لوكاله",
        "لقناه",
        "لموقع",
        "لبرنامج",
        "بصحيفه",
        "بجريده",
        "بموقع",
        "ببرنامج",
        "بقناه",
        "عبر",
        "فندق",
        "مطعم",
        "سوق",
        "مول",
        "بطوله",
        "دوري",
        "كاس",
        "ماركه",
        "منتج",
        "برج",
        "شارع",
        "حي",
        "عنونها",
        "عنوانها",
    ];
    T.contains(&norm)
}

/// Honorifics that introduce a person's name (الدكتور محمد الفايدي).
pub fn is_honorific(norm: &str) -> bool {
    const H: &[&str] = &[
        "الدكتور",
        "الدكتوره",
        "د",
        "المهندس",
        "المهندسه",
        "الشيخ",
        "اللواء",
        "العميد",
        "العقيد",
        "المقدم",
        "النقيب",
        "الاستاذ",
        "الاستاذه",
        "الكابتن",
        "السيد",
        "السيده",
        "الامير",
        "الاميره",
        "المستشار",
        "البروفيسور",
        "البروفسور",
        "المحامي",
        "القاضي",
    ];
    H.contains(&norm)
}

/// Words that open a person's or body's title ("الرئيس الروسي",
/// "وزير الخارجية الأميركي"): used to find an antecedent when a cue has no
/// subject and no earlier speaker is known.
pub fn is_title(norm: &str) -> bool {
    const T: &[&str] = &[
        "الرئيس",
        "رئيس",
        "رئيسه",
        "الوزير",
        "وزير",
        "وزيره",
        "الملك",
        "الامير",
        "امير",
        "ولي",
        "المتحدث",
        "متحدث",
        "الناطق",
        "ناطق",
        "مدير",
        "المدير",
        "الامين",
        "امين",
        "نائب",
        "سفير",
        "السفير",
        "قائد",
        "القائد",
        "اللواء",
        "العقيد",
        "العميد",
        "الدكتور",
        "الشيخ",
        "المستشار",
        "مستشار",
        "عضو",
        "المفتي",
        "مفتي",
        "محافظ",
        "المحافظ",
        "رئيسه",
        "المتحدثه",
        "الناطقه",
        "المدرب",
        "مدرب",
        "اللاعب",
        "النائب",
        "زعيم",
        "الزعيم",
        "مسؤول",
        "المسؤول",
        "مصدر",
        "مصادر",
        "المصدر",
        "الخبير",
        "خبير",
        "الخبراء",
        "خبراء",
        "المحلل",
        "محلل",
        "الباحث",
        "باحث",
        "البروفيسور",
        "الاستاذ",
        "المهندس",
        "الفريق",
        "المشير",
        "رئيس",
        "وكيل",
        "الوكيل",
        "مساعد",
        "المساعد",
        "المندوب",
        "مندوب",
        "المبعوث",
        "مبعوث",
    ];
    T.contains(&norm)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(w: &str) -> Option<Cue> {
        cue_of(w, &marsad_arabic::normalize_str(w))
    }

    #[test]
    fn forms_and_clitics() {
        for w in [
            "قال",
            "وقال",
            "قالت",
            "يقول",
            "ويقول",
            "تقول",
            "قالوا",
            "أكد",
            "وأكد",
            "أكدت",
            "يؤكد",
            "مؤكدا",
            "مؤكدة",
            "وأضاف",
            "مضيفا",
            "أوضح",
            "موضحا",
            "صرح",
            "أعلن",
            "اعتبر",
            "حذر",
            "محذرا",
            "تابع",
            "مشيرا",
            "وأشار",
            "لافتا",
            "بقوله",
            "قائلا",
            "ويعتبره",
            "اعتبرها",
            "رأى",
            "يرى",
            "فقال",
        ] {
            assert!(cue(w).is_some(), "{w} should be a cue");
        }
        for w in [
            "المؤكد",
            "يذكر",
            "ويذكر",
            "قيل",
            "الرئيس",
            "بوتين",
            "وزير",
            "قالب",
        ] {
            assert!(cue(w).is_none(), "{w} should not be a cue");
        }
        assert_eq!(cue("مضيفا").map(|c| c.form), Some(Form::Participle));
        assert_eq!(cue("وأشار").map(|c| c.prep), Some("الي"));
    }

    #[test]
    fn complementizers() {
        assert_eq!(complementizer("ان"), Some(false));
        assert_eq!(complementizer("انه"), Some(true));
        assert_eq!(complementizer("الان"), None);
    }
}

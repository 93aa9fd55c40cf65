//! Gazetteers and trigger words, compiled from the project's data into a
//! phrase table that lives inside the model file.
//!
//! Keys are token sequences in the normalized matching view
//! ([`marsad_arabic::normalize_str`]) joined by one space. Each entry carries a
//! bit set of [`bits`]; a phrase may have several (ولاية is a trigger; جورجيا is
//! a country and a US state).

use crate::hash::{FxMap, FxSet};
use crate::NerError;
use std::path::Path;

/// The kinds of lexicon membership a phrase can have.
pub mod bits {
    /// A person name or name part (ANERGazet persons).
    pub const PER: u16 = 1 << 0;
    /// An organization (ANERGazet organizations).
    pub const ORG: u16 = 1 << 1;
    /// A location (ANERGazet locations, countries, cities).
    pub const LOC: u16 = 1 << 2;
    /// A country name (the Arabic country-name table).
    pub const COUNTRY: u16 = 1 << 3;
    /// A city (GeoNames cities of 15,000+ people).
    pub const CITY: u16 = 1 << 4;
    /// A political actor of the UniversalPetrarch Arabic actor dictionary.
    pub const ACTOR: u16 = 1 << 5;
    /// A generic agent noun of UniversalPetrarch (شرطة، جيش، متظاهرين).
    pub const AGENT: u16 = 1 << 6;
    /// A title or role word that precedes person names (الرئيس، وزير).
    pub const TRIG_PER: u16 = 1 << 7;
    /// A word that precedes or heads organization names (حركة، وكالة).
    pub const TRIG_ORG: u16 = 1 << 8;
    /// A word that precedes place names (مدينة، محافظة، نهر).
    pub const TRIG_LOC: u16 = 1 << 9;
    /// A word often seen right after a person title in unlabeled news
    /// ([`crate::context`]).
    pub const CTX_PER: u16 = 1 << 10;
    /// A word often seen right after an organization head noun (نادي، شركة).
    pub const CTX_ORG: u16 = 1 << 11;
    /// A word often seen right after a place head noun (مدينة، محافظة).
    pub const CTX_LOC: u16 = 1 << 12;
    /// A word often seen inside «guillemets».
    pub const CTX_QUOTE: u16 = 1 << 13;
    /// One of the `CTX_*` contexts holds a large share of the word's uses.
    pub const CTX_STRONG: u16 = 1 << 14;
    /// Number of bits in use.
    pub const COUNT: u32 = 15;
    /// Bits that make a LOC mention a geo-political entity (GPE).
    pub const GPE: u16 = COUNTRY | CITY;
}

/// Title and trigger words, written as they appear (normalized on load).
const TRIGGERS_PER: &[&str] = &[
    "الرئيس",
    "رئيس",
    "الرئيسة",
    "رئيسة",
    "وزير",
    "الوزير",
    "وزيرة",
    "الوزيرة",
    "الناطق باسم",
    "الناطق",
    "المتحدث باسم",
    "المتحدث",
    "متحدث باسم",
    "نائب رئيس",
    "نائب",
    "النائب",
    "الملك",
    "الأمير",
    "الأميرة",
    "الشيخ",
    "السيد",
    "السيدة",
    "الدكتور",
    "د.",
    "الجنرال",
    "العقيد",
    "اللواء",
    "العميد",
    "المشير",
    "الفريق",
    "المستشار",
    "السفير",
    "الأمين العام",
    "أمين عام",
    "الزعيم",
    "زعيم",
    "قائد",
    "القائد",
    "المدرب",
    "اللاعب",
    "الفنان",
    "الفنانة",
    "الكاتب",
    "الشاعر",
    "المطرب",
    "المطربة",
    "الممثل",
    "الممثلة",
    "الإمام",
    "آية الله",
    "البابا",
    "الحاخام",
    "القس",
    "المفتي",
    "القاضي",
    "المحامي",
    "البروفيسور",
    "الأستاذ",
    "المهندس",
    "الصحفي",
    "المراسل",
    "مراسل",
    "النجم",
    "المخرج",
    "الموسيقار",
    "عاهل",
    "ولي العهد",
    "خادم الحرمين الشريفين",
    "مستشار",
    "سفير",
    "مدير",
    "المدير",
    "محافظ",
    "المحافظ",
    "حاكم",
    "الحاكم",
    "رئيس وزراء",
    "رئيس الوزراء",
    "قال",
    "وقال",
    "أعلن",
    "وأعلن",
    "أكد",
    "وأكد",
    "صرح",
    "أوضح",
    "السيناتور",
    "النائبة",
    "عضو",
];
const TRIGGERS_ORG: &[&str] = &[
    "حركة",
    "تنظيم",
    "وكالة",
    "وكالة أنباء",
    "منظمة",
    "جمعية",
    "شركة",
    "حزب",
    "جامعة",
    "مؤسسة",
    "هيئة",
    "مجلس",
    "اتحاد",
    "جبهة",
    "جماعة",
    "بنك",
    "مصرف",
    "صندوق",
    "نادي",
    "فريق",
    "صحيفة",
    "جريدة",
    "مجلة",
    "قناة",
    "إذاعة",
    "تلفزيون",
    "معهد",
    "مركز",
    "لجنة",
    "المنظمة",
    "الحركة",
    "الحزب",
    "الشركة",
    "الجامعة",
    "الاتحاد",
    "جيش",
    "كتائب",
    "ائتلاف",
    "تحالف",
    "رابطة",
    "نقابة",
    "محكمة",
    "وزارة",
    "مكتب",
    "مجموعة",
    "بورصة",
    "سوق",
    "أكاديمية",
    "مستشفى",
    "دار",
];
const TRIGGERS_LOC: &[&str] = &[
    "مدينة",
    "محافظة",
    "ولاية",
    "إقليم",
    "منطقة",
    "نهر",
    "بحر",
    "جزيرة",
    "جزر",
    "جبل",
    "جبال",
    "صحراء",
    "قرية",
    "بلدة",
    "عاصمة",
    "العاصمة",
    "مخيم",
    "حي",
    "شارع",
    "ميناء",
    "مطار",
    "خليج",
    "بحيرة",
    "وادي",
    "سهل",
    "قضاء",
    "ناحية",
    "دولة",
    "جمهورية",
    "مملكة",
    "إمارة",
    "في",
    "إلى",
    "من",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
];

/// A phrase table: normalized token sequences with membership bits.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    phrases: FxMap<String, u16>,
    /// Every proper token-prefix of a phrase, so matching stops early.
    prefixes: FxSet<String>,
    /// Longest phrase, in tokens.
    max_len: usize,
}

impl Lexicon {
    /// An empty lexicon that holds only the built-in trigger words.
    pub fn with_triggers() -> Lexicon {
        let mut lx = Lexicon::default();
        for (list, b) in [
            (TRIGGERS_PER, bits::TRIG_PER),
            (TRIGGERS_ORG, bits::TRIG_ORG),
            (TRIGGERS_LOC, bits::TRIG_LOC),
        ] {
            for w in list {
                lx.add(w, b);
            }
        }
        lx
    }

    /// Adds a phrase (any spelling: it is tokenized on spaces, `_` and `-` and
    /// normalized) with the given bits.
    pub fn add(&mut self, phrase: &str, b: u16) {
        let toks: Vec<String> = phrase
            .split(|c: char| c.is_whitespace() || c == '_')
            .filter(|t| !t.is_empty())
            .map(marsad_arabic::normalize_str)
            .filter(|t| !t.is_empty())
            .collect();
        if toks.is_empty() || toks.len() > 8 {
            return;
        }
        // very short single "names" (one or two letters) only add noise
        if toks.len() == 1 && toks[0].chars().count() < 2 {
            return;
        }
        for k in 1..toks.len() {
            self.prefixes.insert(toks[..k].join(" "));
        }
        self.max_len = self.max_len.max(toks.len());
        *self.phrases.entry(toks.join(" ")).or_insert(0) |= b;
    }

    /// The bits of a normalized phrase (tokens joined by one space), 0 if absent.
    pub fn get(&self, key: &str) -> u16 {
        self.phrases.get(key).copied().unwrap_or(0)
    }

    /// True when `key` is a proper prefix of some phrase.
    pub fn is_prefix(&self, key: &str) -> bool {
        self.prefixes.contains(key)
    }

    /// Longest phrase in tokens.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// True when there are no phrases.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Every phrase and its bits, sorted (for serialization).
    pub fn entries(&self) -> Vec<(&str, u16)> {
        let mut v: Vec<(&str, u16)> = self.phrases.iter().map(|(k, &b)| (k.as_str(), b)).collect();
        v.sort_unstable();
        v
    }

    /// Compiles the gazetteers found under the project's data directory
    /// (`../shared/data`): ANERGazet (`ner/anergazet`), the Arabic country
    /// names and GeoNames cities (`gazetteers/`) and the UniversalPetrarch
    /// Arabic actor and agent dictionaries (`events/universalpetrarch-ar`),
    /// plus the built-in trigger words.
    pub fn compile(data: &Path) -> Result<Lexicon, NerError> {
        let mut lx = Lexicon::with_triggers();
        let read = |rel: &str| -> Result<String, NerError> {
            let p = data.join(rel);
            std::fs::read_to_string(&p).map_err(|e| NerError::Input {
                path: p.display().to_string(),
                line: 0,
                detail: format!(
                    "{e}; pass --gazetteers the shared data directory (../shared/data)"
                ),
            })
        };
        for (f, b) in [
            ("ner/anergazet/ANERGazet_Pers.txt", bits::PER),
            ("ner/anergazet/ANERGazet_Org.txt", bits::ORG),
            ("ner/anergazet/ANERGazet_Loc.txt", bits::LOC),
        ] {
            for line in read(f)?.lines() {
                let l = line.trim().trim_start_matches('\u{feff}');
                if l.is_empty() || l.starts_with("==") {
                    continue;
                }
                lx.add(l, b);
            }
        }
        let countries = read("gazetteers/countries_arabic_names.tsv")?;
        for line in countries.lines().skip(1) {
            for name in line.split('\t').skip(3) {
                if !name.trim().is_empty() {
                    lx.add(name.trim(), bits::COUNTRY | bits::LOC);
                }
            }
        }
        let cities = read("gazetteers/geonames_cities15000_arabic_names.tsv")?;
        for line in cities.lines().skip(1) {
            if let Some(name) = line.split('\t').nth(4) {
                for n in name.split([',', ';', '|']) {
                    let n = n.trim();
                    if !n.is_empty() {
                        lx.add(&n.replace('-', " "), bits::CITY | bits::LOC);
                    }
                }
            }
        }
        let actors = read("events/universalpetrarch-ar/actor_dict_ar_v4.txt")?;
        for line in actors.lines() {
            if line.starts_with(|c: char| c.is_whitespace() || c == '#') || line.trim().is_empty() {
                continue;
            }
            let name = line.split(['[', '#']).next().unwrap_or("").trim();
            let name = name.trim_matches('_').replace('_', " ");
            if !name.is_empty() {
                lx.add(&name, bits::ACTOR);
            }
        }
        let agents = read("events/universalpetrarch-ar/agents.all.ar.txt")?;
        for line in agents.lines() {
            if line.starts_with('#') {
                continue;
            }
            if let Some((_, ar)) = line.split_once(']') {
                let ar = ar.split('#').next().unwrap_or("").trim();
                if !ar.is_empty() && ar.chars().any(marsad_arabic::is_arabic_letter) {
                    lx.add(ar, bits::AGENT);
                }
            }
        }
        Ok(lx)
    }

    /// Rebuilds a lexicon from serialized entries.
    pub fn from_entries(entries: Vec<(String, u16)>) -> Lexicon {
        let mut lx = Lexicon::default();
        for (k, b) in entries {
            let n = k.split(' ').count();
            let toks: Vec<&str> = k.split(' ').collect();
            for i in 1..n {
                lx.prefixes.insert(toks[..i].join(" "));
            }
            lx.max_len = lx.max_len.max(n);
            *lx.phrases.entry(k).or_insert(0) |= b;
        }
        lx
    }
}

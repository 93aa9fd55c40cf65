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
    /// A word of a closed class that ANERcorp tags MISC: currencies
    /// (دولار، ريال، دينار), religions and scriptures (الإسلام، القرآن).
    pub const MISC_CLASS: u16 = 1 << 15;
    /// Number of bits in use.
    pub const COUNT: u32 = 16;
    /// Bits that make a LOC mention a geo-political entity (GPE).
    pub const GPE: u16 = COUNTRY | CITY;
}

// Title and trigger words, written as they appear (normalized on load).
// The first four lists are shared with the context harvest
// ([`crate::context`]), which reads a name right after them; the lexicon's
// trigger bits are their union with the `TRIGGERS_*` lists.

/// Person titles written with the article that directly precede a person's name
/// (optionally after a nisba adjective: الرئيس الأمريكي باراك أوباما).
pub(crate) const PER_TITLES: &[&str] = &[
    "الرئيس",
    "الرئيسة",
    "الأمير",
    "الأميرة",
    "الملك",
    "الملكة",
    "الشيخ",
    "السيد",
    "السيدة",
    "الدكتور",
    "الدكتورة",
    "د",
    "المهندس",
    "الأستاذ",
    "اللاعب",
    "اللاعبة",
    "المدرب",
    "المهاجم",
    "الحارس",
    "المدافع",
    "النجم",
    "النجمة",
    "الفنان",
    "الفنانة",
    "الممثل",
    "الممثلة",
    "المطرب",
    "المطربة",
    "المخرج",
    "الكاتب",
    "الكاتبة",
    "الشاعر",
    "الروائي",
    "الجنرال",
    "العقيد",
    "اللواء",
    "العميد",
    "المشير",
    "النقيب",
    "الوزير",
    "الوزيرة",
    "السفير",
    "المستشار",
    "المستشارة",
    "الإمام",
    "المفتي",
    "القاضي",
    "البابا",
    "الناشط",
    "الناشطة",
    "الصحفي",
    "الإعلامي",
    "الزعيم",
    "السيناتور",
    "المرشح",
    "المرشحة",
    "الداعية",
    "المحامي",
    "البروفيسور",
];

/// Construct titles: the name follows their complement (وزير الخارجية
/// الأمريكي جون كيري، رئيس الوزراء ديفيد كاميرون).
pub(crate) const PER_CONSTRUCT: &[&str] = &[
    "وزير",
    "وزيرة",
    "رئيس",
    "رئيسة",
    "نائب",
    "مدير",
    "مديرة",
    "سفير",
    "أمين",
    "قائد",
    "زعيم",
    "مدرب",
    "لاعب",
    "محافظ",
    "أمير",
    "ملك",
    "عاهل",
    "مستشار",
];

/// Head nouns of organization names (نادي الهلال، شركة أرامكو).
pub(crate) const ORG_HEADS: &[&str] = &[
    "نادي",
    "فريق",
    "شركة",
    "صحيفة",
    "جريدة",
    "مجلة",
    "قناة",
    "وكالة",
    "حزب",
    "حركة",
    "جماعة",
    "تنظيم",
    "جامعة",
    "مؤسسة",
    "بنك",
    "مصرف",
    "مجموعة",
    "منظمة",
    "جمعية",
    "ائتلاف",
    "تحالف",
    "مستشفى",
    "موقع",
    "إذاعة",
    "مليشيا",
    "ميليشيا",
    "كتائب",
    "منتخب",
];

/// Head nouns of place names (مدينة الرياض، محافظة جدة).
pub(crate) const LOC_HEADS: &[&str] = &[
    "مدينة",
    "محافظة",
    "منطقة",
    "ولاية",
    "إقليم",
    "قرية",
    "بلدة",
    "عاصمة",
    "العاصمة",
    "جزيرة",
    "نهر",
    "بحر",
    "حي",
    "مخيم",
    "ميناء",
    "مطار",
    "جبل",
    "بلاد",
    "دولة",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "وسط",
];

/// Person triggers beyond [`PER_TITLES`] and [`PER_CONSTRUCT`]: multi-word
/// titles, speech verbs and titles that are not read before a name by the
/// context harvest.
const TRIGGERS_PER: &[&str] = &[
    "الناطق باسم",
    "الناطق",
    "المتحدث باسم",
    "المتحدث",
    "متحدث باسم",
    "نائب رئيس",
    "النائب",
    "د.",
    "الفريق",
    "الأمين العام",
    "أمين عام",
    "القائد",
    "آية الله",
    "الحاخام",
    "القس",
    "المراسل",
    "مراسل",
    "الموسيقار",
    "ولي العهد",
    "خادم الحرمين الشريفين",
    "المدير",
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
    "النائبة",
    "عضو",
];
/// Organization triggers beyond [`ORG_HEADS`].
const TRIGGERS_ORG: &[&str] = &[
    "وكالة أنباء",
    "هيئة",
    "مجلس",
    "اتحاد",
    "جبهة",
    "صندوق",
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
    "رابطة",
    "نقابة",
    "محكمة",
    "وزارة",
    "مكتب",
    "بورصة",
    "سوق",
    "أكاديمية",
    "دار",
];
/// Place triggers beyond [`LOC_HEADS`] (prepositions, adjectives of direction).
const TRIGGERS_LOC: &[&str] = &[
    "جزر",
    "جبال",
    "صحراء",
    "شارع",
    "خليج",
    "بحيرة",
    "وادي",
    "سهل",
    "قضاء",
    "ناحية",
    "جمهورية",
    "مملكة",
    "إمارة",
    "في",
    "إلى",
    "من",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
];

/// Closed-class words tagged MISC in ANERcorp ([`bits::MISC_CLASS`]):
/// currency names in their common written forms (a closed class, so unseen
/// currencies are covered too), religions and scriptures.
const MISC_CLASS: &[&str] = &[
    "دولار",
    "دولارا",
    "دولارات",
    "الدولار",
    "يورو",
    "اليورو",
    "جنيه",
    "جنيها",
    "جنيهات",
    "الجنيه",
    "إسترليني",
    "استرليني",
    "الإسترليني",
    "درهم",
    "درهما",
    "دراهم",
    "الدرهم",
    "دينار",
    "دينارا",
    "دنانير",
    "الدينار",
    "ريال",
    "ريالا",
    "ريالات",
    "الريال",
    "ليرة",
    "ليرات",
    "الليرة",
    "شيكل",
    "شيكلا",
    "الشيكل",
    "روبية",
    "روبيات",
    "الروبية",
    "يوان",
    "اليوان",
    "روبل",
    "روبلا",
    "الروبل",
    "فرنك",
    "فرنكا",
    "فرنكات",
    "الفرنك",
    "كرونة",
    "كرونات",
    "الكرونة",
    "بيزو",
    "البيزو",
    "الين",
    "الإسلام",
    "الاسلام",
    "المسيحية",
    "اليهودية",
    "البوذية",
    "الهندوسية",
    "القرآن",
    "الإنجيل",
    "التوراة",
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
            (PER_TITLES, bits::TRIG_PER),
            (PER_CONSTRUCT, bits::TRIG_PER),
            (TRIGGERS_PER, bits::TRIG_PER),
            (ORG_HEADS, bits::TRIG_ORG),
            (TRIGGERS_ORG, bits::TRIG_ORG),
            (LOC_HEADS, bits::TRIG_LOC),
            (TRIGGERS_LOC, bits::TRIG_LOC),
            (MISC_CLASS, bits::MISC_CLASS),
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
        self.add_key(phrase, b);
    }

    /// [`Lexicon::add`], returning the normalized key the phrase was filed
    /// under (`None` when it was skipped: empty, longer than 8 words, or a
    /// single word of fewer than 2 letters).
    fn add_key(&mut self, phrase: &str, b: u16) -> Option<String> {
        let toks: Vec<String> = phrase
            .split(|c: char| c.is_whitespace() || c == '_')
            .filter(|t| !t.is_empty())
            .map(marsad_arabic::normalize_str)
            .filter(|t| !t.is_empty())
            .collect();
        if toks.is_empty() || toks.len() > 8 {
            return None;
        }
        // very short single "names" (one or two letters) only add noise
        if toks.len() == 1 && toks[0].chars().count() < 2 {
            return None;
        }
        for k in 1..toks.len() {
            self.prefixes.insert(toks[..k].join(" "));
        }
        self.max_len = self.max_len.max(toks.len());
        let key = toks.join(" ");
        *self.phrases.entry(key.clone()).or_insert(0) |= b;
        Some(key)
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

    /// Adds the Arabic names and aliases of a compiled Marsad KB
    /// (`assets/kb/kb.json.gz`, format `marsad-kb/1`, gzip or plain JSON):
    /// persons get [`bits::PER`], organizations [`bits::ORG`], places
    /// (GPE, LOC) [`bits::LOC`]; other kinds are skipped. Returns the number
    /// of distinct names added (after normalization; a name listed by two
    /// entries, or as a name and an alias, counts once).
    pub fn add_kb(&mut self, path: &Path) -> Result<usize, NerError> {
        use std::io::Read;
        // the whole file is at fault (line 0: no line number is printed)
        let err = |detail: String| NerError::Input {
            path: path.display().to_string(),
            line: 0,
            detail: format!(
                "{detail}; rebuild the KB with `marsad kb build --from ../shared/data` \
                 (it writes assets/kb/kb.json.gz) and pass that file to --kb"
            ),
        };
        let raw = std::fs::read(path).map_err(|e| err(format!("cannot read: {e}")))?;
        let mut text = String::new();
        if raw.starts_with(&[0x1f, 0x8b]) {
            flate2::read::GzDecoder::new(&raw[..])
                .read_to_string(&mut text)
                .map_err(|e| err(format!("not a readable gzip stream: {e}")))?;
        } else {
            text = String::from_utf8(raw).map_err(|e| err(format!("not UTF-8: {e}")))?;
        }
        let v: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| err(format!("not a marsad-kb JSON file: {e}")))?;
        let entries = v
            .get("entries")
            .and_then(|e| e.as_array())
            .ok_or_else(|| err("no `entries` array: not a marsad-kb/1 file".to_string()))?;
        let mut distinct = std::collections::HashSet::new();
        for e in entries {
            let b = match e.get("kind").and_then(|k| k.as_str()) {
                Some("PER") => bits::PER,
                Some("ORG") => bits::ORG,
                Some("GPE") | Some("LOC") => bits::LOC,
                _ => continue,
            };
            let names = e.get("name_ar").into_iter().chain(
                e.get("aliases_ar")
                    .and_then(|a| a.as_array())
                    .into_iter()
                    .flatten(),
            );
            for name in names.filter_map(|x| x.as_str()) {
                if name.chars().any(marsad_arabic::is_arabic_letter) {
                    if let Some(k) = self.add_key(name, b) {
                        distinct.insert(k);
                    }
                }
            }
        }
        Ok(distinct.len())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(w: &str) -> String {
        w.split(' ')
            .map(marsad_arabic::normalize_str)
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn trigger_bits_cover_the_shared_lists() {
        let lx = Lexicon::with_triggers();
        // the lists the context harvest reads are trigger words too
        for w in PER_TITLES.iter().chain(PER_CONSTRUCT) {
            if w.chars().count() >= 2 {
                assert_ne!(lx.get(&key(w)) & bits::TRIG_PER, 0, "{w}");
            }
        }
        for w in ORG_HEADS {
            assert_ne!(lx.get(&key(w)) & bits::TRIG_ORG, 0, "{w}");
        }
        for w in LOC_HEADS {
            assert_ne!(lx.get(&key(w)) & bits::TRIG_LOC, 0, "{w}");
        }
        assert_ne!(lx.get(&key("الناطق باسم")) & bits::TRIG_PER, 0);
        assert_ne!(lx.get(&key("دينار")) & bits::MISC_CLASS, 0);
        assert_ne!(lx.get(&key("الإسلام")) & bits::MISC_CLASS, 0);
        assert_eq!(lx.get(&key("الرئيس")) & bits::MISC_CLASS, 0);
    }

    #[test]
    fn kb_names_get_their_type_bits() {
        let dir = std::env::temp_dir().join(format!("marsad-ner-kb-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("kb.json");
        std::fs::write(
            &f,
            r#"{"format":"marsad-kb/1","entries":[
              {"kind":"PER","name_ar":"فلاديمير بوتين","aliases_ar":["بوتين"]},
              {"kind":"ORG","name_ar":"حركة حماس","aliases_ar":["Hamas"]},
              {"kind":"GPE","name_ar":"الرياض","aliases_ar":[]},
              {"kind":"PER","name_ar":"بوتين","aliases_ar":["فلاديمير  بوتين"]},
              {"kind":"NORP","name_ar":"سعودي","aliases_ar":[]}]}"#,
        )
        .unwrap();
        let mut lx = Lexicon::default();
        assert_eq!(
            lx.add_kb(&f).unwrap(),
            4,
            "Latin aliases and NORP are skipped; a name given twice counts once"
        );
        assert_eq!(lx.get(&key("بوتين")), bits::PER);
        assert_eq!(lx.get(&key("فلاديمير بوتين")), bits::PER);
        assert_eq!(lx.get(&key("حركة حماس")), bits::ORG);
        assert_eq!(lx.get(&key("الرياض")), bits::LOC);
        assert_eq!(lx.get(&key("سعودي")), 0);
        std::fs::write(&f, "{\"entries\": 3}").unwrap();
        let e = lx.add_kb(&f).unwrap_err().to_string();
        assert!(e.contains("kb.json") && e.contains("entries"), "{e}");
        // a whole-file error names the file without a line 0, and says how
        // to rebuild the KB
        assert!(!e.contains(":0:"), "{e}");
        assert!(e.contains("marsad kb build --from"), "{e}");
        let e = lx
            .add_kb(&dir.join("missing.json"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing.json: cannot read"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

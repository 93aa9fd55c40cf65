//! The compiled knowledge base: its serialized form and the matching keys.
//!
//! The asset is `serde_json` of [`KbAsset`], gzip-compressed
//! (`assets/kb/kb.json.gz`). JSON rather than a binary format so that the
//! asset can be inspected with `zcat | jq`; loading the few MB takes well
//! under a second.

use marsad_core::EntityType;
use serde::{Deserialize, Serialize};

/// Format tag stored in the asset; a reader refuses any other.
pub const FORMAT: &str = "marsad-kb/1";

/// A CAMEO actor code valid over an optional date range (`yyyymmdd`, both
/// ends inclusive; `None` = open).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatedCode {
    /// The CAMEO actor code (`RUSGOV`).
    pub code: String,
    /// First day it applies.
    pub from: Option<u32>,
    /// Last day it applies.
    pub to: Option<u32>,
}

impl DatedCode {
    /// True when the code has a date range.
    pub fn dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// True when `date` lies in the range.
    pub fn covers(&self, date: u32) -> bool {
        self.from.is_none_or(|f| date >= f) && self.to.is_none_or(|t| date <= t)
    }
}

/// A role (title) a referent holds over a date range, as a matching key
/// ("رئيس روسي").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatedRole {
    /// Matching key of the title (see [`key_of_phrase`]).
    pub key: String,
    /// First day.
    pub from: Option<u32>,
    /// Last day.
    pub to: Option<u32>,
}

/// One referent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Stable id: `mk:c:ISO3` for countries, `gn:ID` for GeoNames cities,
    /// `wd:Q…` where the supplement gives a QID, `mk:s:…` other supplement
    /// entries, `mk:ar:…` Arabic dictionary actors, `mk:px:…` Phoenix actors.
    pub id: String,
    /// Canonical name (English when known).
    pub name: String,
    /// Arabic canonical name.
    pub name_ar: Option<String>,
    /// Type.
    pub kind: EntityType,
    /// Arabic names (display forms; dictionary lemmas with spaces for `_`).
    pub aliases_ar: Vec<String>,
    /// English names.
    pub aliases_en: Vec<String>,
    /// CAMEO codes, dated where the source dates them.
    pub codes: Vec<DatedCode>,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
    /// Wikidata QID.
    pub wikidata: Option<String>,
    /// English Wikipedia title.
    pub wiki: Option<String>,
    /// GeoNames id.
    pub geonames: Option<u64>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Population (cities; ranks homonyms).
    pub population: u64,
    /// For capitals and seats of government: the country (ISO3) whose
    /// government the name can stand for.
    pub capital_of: Option<String>,
    /// Titles held, dated.
    pub roles: Vec<DatedRole>,
    /// Whether dictionary mention detection may find this entry in text.
    pub detect: bool,
    /// Prior rank among homonyms (higher wins).
    pub rank: i32,
    /// The source files (and curated lines) that contributed.
    pub sources: Vec<String>,
    /// A finer category than [`Entry::kind`] where the supplement gives one
    /// (`club`: a sports club, whose bare name is often a common word).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Arabic names that are common words elsewhere and name this entry only
    /// in its category's context (a club's bare name in a sports text:
    /// الاتفاق، الفتح، الأهلي). Never detected on their own and not in the
    /// alias index: a context rule of the linker reads them
    /// ([`Entry::category`] says which context).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context_aliases_ar: Vec<String>,
}

impl Entry {
    /// A new entry with empty fields.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: EntityType) -> Entry {
        Entry {
            id: id.into(),
            name: name.into(),
            name_ar: None,
            kind,
            aliases_ar: Vec::new(),
            aliases_en: Vec::new(),
            codes: Vec::new(),
            country: None,
            wikidata: None,
            wiki: None,
            geonames: None,
            lat: None,
            lon: None,
            population: 0,
            capital_of: None,
            roles: Vec::new(),
            detect: false,
            rank: 0,
            sources: Vec::new(),
            category: None,
            context_aliases_ar: Vec::new(),
        }
    }

    /// The CAMEO code valid at `date` (`yyyymmdd`): a dated code covering
    /// the date wins; else an undated code; else, with no date given, the
    /// dated code that ends last.
    pub fn code_at(&self, date: Option<u32>) -> Option<&str> {
        if let Some(d) = date {
            if let Some(c) = self.codes.iter().find(|c| c.dated() && c.covers(d)) {
                return Some(&c.code);
            }
        }
        if let Some(c) = self.codes.iter().find(|c| !c.dated()) {
            return Some(&c.code);
        }
        if date.is_none() {
            return self
                .codes
                .iter()
                .max_by_key(|c| c.to.unwrap_or(u32::MAX))
                .map(|c| c.code.as_str());
        }
        // Dated codes only, none covering the date: the country part of the
        // nearest one still tells whose actor this is.
        let d = date.unwrap_or(0);
        self.codes
            .iter()
            .min_by_key(|c| {
                let a = c.from.unwrap_or(0);
                let b = c.to.unwrap_or(u32::MAX);
                if d < a {
                    a - d
                } else {
                    d.saturating_sub(b)
                }
            })
            .map(|c| &c.code[..c.code.len().min(3)])
    }

    /// True when the entry holds the role `key` at `date`.
    pub fn holds(&self, key: &str, date: Option<u32>) -> bool {
        self.roles.iter().any(|r| {
            r.key == key
                && date.is_none_or(|d| r.from.is_none_or(|f| d >= f) && r.to.is_none_or(|t| d <= t))
        })
    }
}

/// An agent phrase of the CAMEO agent dictionary ("جيش" → `MIL`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    /// Matching keys of its words.
    pub keys: Vec<String>,
    /// The agent code (`MIL`, `GOV`, `REB` …).
    pub code: String,
}

/// Counts reported by a build.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BuildStats {
    /// Entries read per source file.
    pub read: Vec<(String, usize)>,
    /// Lines skipped, with file, line and reason.
    pub skipped: Vec<String>,
    /// Entries after merging.
    pub entries: usize,
}

/// The whole compiled knowledge base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KbAsset {
    /// Always [`FORMAT`].
    pub format: String,
    /// Referents.
    pub entries: Vec<Entry>,
    /// Agent phrases.
    pub agents: Vec<Agent>,
    /// Demonym keys (masculine singular, folded) → ISO3.
    pub demonyms: Vec<(String, String)>,
    /// Build counts.
    pub stats: BuildStats,
    /// Word keys never detected as one-word names (`kb/stoplist.txt`).
    #[serde(default)]
    pub stop: Vec<String>,
}

/// The matching key of one word as a dictionary writes it: normalized
/// (`normalize_str`), the article ال removed, nisba endings folded to the
/// masculine singular (ية/يون/يين/يات → ي), Latin lowercased.
pub fn key_of_word(w: &str) -> String {
    let n = marsad_arabic::normalize_str(w);
    let n = n.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let chars: Vec<char> = n.chars().collect();
    let mut s: &[char] = &chars;
    if s.len() >= 4 && s[0] == 'ا' && s[1] == 'ل' {
        s = &s[2..];
    }
    let k = fold_nisba(s);
    // The Arabic actor dictionary is lemmatized: the few broken plurals that
    // head actor phrases map to their singular lemma.
    match BROKEN_PLURALS.iter().find(|(p, _)| *p == k) {
        Some((_, sg)) => sg.to_string(),
        None => k,
    }
}

/// Broken plurals of actor nouns → lemma (normalized forms).
const BROKEN_PLURALS: &[(&str, &str)] = &[
    ("قوات", "قوه"),
    ("عناصر", "عنصر"),
    ("رجال", "رجل"),
    ("جنود", "جندي"),
    ("اجهزه", "جهاز"),
    ("قاده", "قائد"),
    ("مسلحون", "مسلح"),
    ("مسلحين", "مسلح"),
    ("متظاهرون", "متظاهر"),
    ("متظاهرين", "متظاهر"),
    ("مواطنون", "مواطن"),
    ("مواطنين", "مواطن"),
    ("مسؤولون", "مسؤول"),
    ("مسؤولين", "مسؤول"),
    ("محتجون", "محتج"),
    ("محتجين", "محتج"),
    ("طلاب", "طالب"),
    ("شباب", "شاب"),
    ("عمال", "عامل"),
    ("ميليشيات", "ميليشيا"),
];

/// Title heads: a word that starts a role phrase before a name ("الرئيس",
/// "وزير", "نائب" …).
pub const TITLE_HEADS: &[&str] = &[
    "رئيس",
    "رئيسة",
    "نائب",
    "وزير",
    "وزيرة",
    "أمين",
    "مدير",
    "مديرة",
    "ملك",
    "أمير",
    "ولي",
    "سفير",
    "سفيرة",
    "مستشار",
    "مستشارة",
    "قائد",
    "زعيم",
    "متحدث",
    "ناطق",
    "عاهل",
    "مبعوث",
    "مندوب",
    "ممثل",
    "عضو",
    "محافظ",
    "حاكم",
    "جنرال",
    "لواء",
    "عقيد",
    "عميد",
    "مشير",
    "مرشد",
    "مفتي",
    "بابا",
    "نائبة",
    "متحدثة",
    "منسق",
    "مساعد",
    "وكيل",
    "قاضي",
    "خادم",
    "شيخ",
    "سيناتور",
    "مسؤول",
    "الرئيس",
    "المتحدث",
    "الناطق",
];

/// True when `key` (a word key) is a title head.
pub fn is_title_key(key: &str) -> bool {
    TITLE_HEADS.iter().any(|t| key_of_word(t) == key)
}

/// Folds nisba endings of an article-less stem.
pub fn fold_nisba(s: &[char]) -> String {
    let n = s.len();
    let ends = |suf: &str| {
        let sc: Vec<char> = suf.chars().collect();
        n > sc.len() + 2 && s[n - sc.len()..] == sc[..]
    };
    if ends("يون") || ends("يين") || ends("يات") {
        return s[..n - 2].iter().collect();
    }
    if ends("يه") {
        return s[..n - 1].iter().collect();
    }
    s.iter().collect()
}

/// Keys of a dictionary phrase (words separated by `_` or spaces); one-letter
/// words (the split-off ل، و، ب of lemmatized entries) are dropped. A
/// standalone `آل`/`ال` is kept: in names it is the family word (تميم بن حمد
/// آل ثاني, often written ال ثاني), which the text layer keys as `ال` too.
pub fn keys_of_phrase(p: &str) -> Vec<String> {
    p.split(|c: char| c == '_' || c.is_whitespace())
        .map(key_of_word)
        .filter(|k| k.chars().count() >= 2)
        .collect()
}

/// The keys of a phrase joined by spaces.
pub fn key_of_phrase(p: &str) -> String {
    keys_of_phrase(p).join(" ")
}

/// Parses `yyyymmdd`, `yymmdd` (Phoenix; ≥ 30 is 19xx) or ISO `yyyy-mm-dd…`.
pub fn parse_date(s: &str) -> Option<u32> {
    let s = s.trim();
    let digits: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let d: String = digits.chars().filter(|c| c.is_ascii_digit()).collect();
    match d.len() {
        8 => d.parse().ok(),
        6 if !digits.contains('-') => {
            let v: u32 = d.parse().ok()?;
            let yy = v / 10000;
            Some(if yy >= 30 {
                19_000_000 + v
            } else {
                20_000_000 + v
            })
        }
        n if n >= 8 => d[..8].parse().ok(),
        4 => d.parse::<u32>().ok().map(|y| y * 10000 + 101),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_article_and_nisba() {
        assert_eq!(key_of_word("الفرنسية"), key_of_word("فرنسي"));
        assert_eq!(key_of_word("الفرنسيون"), key_of_word("فرنسي"));
        assert_eq!(key_of_word("الفرنسيين"), key_of_word("فرنسي"));
        assert_eq!(key_of_phrase("وزارة_دفاع_أميركي_"), "وزاره دفاع اميركي");
        assert_eq!(
            key_of_phrase("أمين_عام_ل_أمة_المتحدة_"),
            "امين عام امه متحده"
        );
        assert_eq!(key_of_word("فلسطين"), "فلسطين");
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("20150721"), Some(20150721));
        assert_eq!(parse_date("991231"), Some(19991231));
        assert_eq!(parse_date("080507"), Some(20080507));
        assert_eq!(parse_date("2015-07-21 02:51:32"), Some(20150721));
        assert_eq!(parse_date("x"), None);
    }

    #[test]
    fn code_at_prefers_covering_range() {
        let mut e = Entry::new("x", "x", EntityType::PER);
        e.codes = vec![
            DatedCode {
                code: "RUSELI".into(),
                from: None,
                to: None,
            },
            DatedCode {
                code: "RUSGOV".into(),
                from: Some(20120507),
                to: None,
            },
        ];
        assert_eq!(e.code_at(Some(20150701)), Some("RUSGOV"));
        assert_eq!(e.code_at(Some(19950101)), Some("RUSELI"));
    }
}

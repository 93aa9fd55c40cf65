//! The trigger lexicon (verbs and verbal nouns → CAMEO codes), the CAMEO code
//! table and the actor phrase table, loaded from the TSV assets.
//!
//! Surface forms are generated at load time: a verb lemma (3rd person
//! masculine singular past, as UniversalPetrarch lists it) yields its past
//! and present inflections (ي ت ن أ prefixes, ون وا ت تم ن ا … suffixes) and,
//! for the derived forms whose verbal noun is regular (IV إفعال, VII/VIII
//! انفعال/افتعال, X استفعال, V/VI تفعّل/تفاعل, III مفاعلة, II تفعيل), its
//! verbal noun and that noun's ات plural. Proclitics (و ف ب ل س ال) and
//! enclitic pronouns are stripped at match time by the text layer's
//! [`marsad_arabic::analyses`].

use crate::EventsError;
use rustc_hash::{FxHashMap, FxHashSet};

/// Part of speech of a trigger form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// A finite verb (its subject usually follows it).
    Verb,
    /// A noun (verbal noun, event noun: غارة، مظاهرة).
    Noun,
}

/// One trigger lexicon entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The lemma as listed (normalized).
    pub lemma: String,
    /// Default CAMEO code; `None` means the word triggers nothing on its own
    /// (only through a pattern), `Some("-")` never.
    pub code: Option<String>,
    /// Words that must follow the trigger (within a short window) for the
    /// entry to apply (`أطلق+نار`, `ضربة جوية`).
    pub follow: Vec<String>,
    /// Patterns: object words that, when found after the trigger, select a
    /// more specific code.
    pub patterns: Vec<(Vec<String>, String)>,
    /// From our curated file (wins over the dictionary).
    pub curated: bool,
}

/// A surface form's reading.
#[derive(Debug, Clone, Copy)]
pub struct Reading {
    /// Index into [`Lexicon::entries`].
    pub entry: usize,
    /// Verb or noun reading.
    pub pos: Pos,
}

/// CAMEO code facts.
#[derive(Debug, Clone)]
pub struct CameoInfo {
    /// GDELT name.
    pub name: String,
    /// Goldstein score.
    pub goldstein: f64,
    /// Quad class.
    pub quad: u8,
    /// PLOVER type.
    pub plover: String,
    /// PLOVER mode (empty when none).
    pub mode: String,
}

/// Everything the coder looks words up in. The maps use FxHash: they are
/// probed with every candidate stem of every word (the coder's hottest
/// lookups), and their keys come from our own assets, not from the page.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Trigger entries.
    pub entries: Vec<Entry>,
    /// Normalized surface form → readings (curated first).
    pub forms: FxHashMap<String, Vec<Reading>>,
    /// CAMEO event code → facts.
    pub cameo: FxHashMap<String, CameoInfo>,
    /// Normalized lemma phrase → CAMEO actor code.
    pub actors: FxHashMap<String, String>,
    /// Marsad's curated actor phrases, consulted before [`Lexicon::actors`].
    pub actors_curated: FxHashMap<String, String>,
    /// Longest actor phrase, in words.
    pub actor_max_words: usize,
    /// Every proper word prefix of a multi-word phrase of [`Lexicon::actors`]
    /// and [`Lexicon::actors_curated`] ("قوات", "قوات حلف" for "قوات حلف
    /// الاطلسي"): lets the phrase lookup stop extending a combination early.
    pub actor_prefixes: FxHashSet<String>,
    /// This lexicon's identity (from [`Lexicon::load`]; 0 for a default
    /// one): the coder keeps each word's lookups in this lexicon per thread
    /// (`annotate::WordCache`) and starts that cache over for another
    /// lexicon. Its tables are not meant to change after loading.
    pub(crate) id: u64,
    /// Per entry, its patterns by first word (as written and without its
    /// article), built by [`Lexicon::load`]: the trigger finder tests only
    /// the patterns whose first word is near the trigger, not all of them
    /// (a common verb carries hundreds). Empty for a default lexicon.
    pub(crate) pattern_index: Vec<FxHashMap<String, Vec<u32>>>,
}

/// An entry's patterns by their first word, as written and without its
/// article (a window key matches a pattern word either way).
fn index_patterns(e: &Entry) -> FxHashMap<String, Vec<u32>> {
    let mut index: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    for (i, (words, _)) in e.patterns.iter().enumerate() {
        let Some(w) = words.first() else { continue };
        let i = i as u32;
        index.entry(w.clone()).or_default().push(i);
        let bare = crate::annotate::without_article(w);
        if bare != w {
            index.entry(bare.to_string()).or_default().push(i);
        }
    }
    index
}

/// The next [`Lexicon::id`].
fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

fn err(path: &str, line: usize, detail: impl Into<String>) -> EventsError {
    EventsError::File {
        path: format!("{path}:{line}"),
        detail: detail.into(),
    }
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Inflected verb forms of a normalized past-tense lemma.
pub fn verb_forms(lemma: &str) -> Vec<String> {
    let c = chars(lemma);
    let n = c.len();
    let mut out = Vec::new();
    if n < 2 {
        return out;
    }
    let weak = c[n - 1] == 'ي';
    let base: String = if weak {
        c[..n - 1].iter().collect()
    } else {
        lemma.to_string()
    };
    for suf in ["", "ت", "وا", "ا", "تا", "ن", "نا", "تم", "ته", "تها"] {
        out.push(format!("{lemma}{suf}"));
    }
    if weak {
        for suf in ["وا", "ت", "تا"] {
            out.push(format!("{base}{suf}"));
        }
    }
    // present stem: forms IV, VII, VIII, X drop their initial alef
    let pres: String = if c[0] == 'ا' && n >= 4 {
        c[1..].iter().collect()
    } else {
        lemma.to_string()
    };
    let pres_base: String = if weak {
        let p = chars(&pres);
        p[..p.len() - 1].iter().collect()
    } else {
        pres.clone()
    };
    // hollow verbs: زار → يزور، باع → يبيع
    let mut stems = vec![pres.clone()];
    if n == 3 && c[1] == 'ا' {
        stems = vec![format!("{}و{}", c[0], c[2]), format!("{}ي{}", c[0], c[2])];
    }
    for pre in ["ي", "ت", "ن", "ا"] {
        for st in &stems {
            for suf in ["", "ون", "ان", "ين", "وا", "ن", "ا"] {
                out.push(format!("{pre}{st}{suf}"));
            }
        }
        if weak {
            for suf in ["ون", "وا", "ن"] {
                out.push(format!("{pre}{pres_base}{suf}"));
            }
        }
    }
    out
}

/// Regular verbal nouns (masdar) of a normalized past-tense lemma, with
/// their ات plurals. Form I verbal nouns are irregular and come from the
/// curated list instead.
pub fn masdar_forms(lemma: &str) -> Vec<String> {
    let c = chars(lemma);
    let n = c.len();
    let s = |v: &[char]| v.iter().collect::<String>();
    let mut m = Vec::new();
    if c.last() == Some(&'ي') {
        return m;
    }
    if n == 6 && lemma.starts_with("است") {
        m.push(format!("{}ا{}", s(&c[..5]), c[5]));
    } else if n == 5 && c[0] == 'ا' {
        m.push(format!("{}ا{}", s(&c[..4]), c[4]));
    } else if n == 4 && c[0] == 'ا' && c[2] == 'ت' {
        // form VIII of a doubled root (احتجّ، اختطّ): افتعال writes the
        // doubled letter twice (احتجاج). Read as form IV it gave احتاج
        // ("needed"), which coded «احتاج إلى» as a protest.
        m.push(format!("{}ا{}", s(&c[..4]), c[3]));
    } else if n == 4 && c[0] == 'ا' {
        m.push(format!("{}ا{}", s(&c[..3]), c[3]));
    } else if n == 5 && c[0] == 'ت' {
        m.push(lemma.to_string());
    } else if n == 4 && c[1] == 'ا' {
        m.push(format!("م{lemma}ه"));
    } else if n == 3 {
        m.push(format!("ت{}{}ي{}", c[0], c[1], c[2]));
    }
    let plurals: Vec<String> = m
        .iter()
        .map(|w| format!("{}ات", w.trim_end_matches('ه')))
        .collect();
    m.extend(plurals);
    m
}

impl Lexicon {
    /// Loads the lexicon from the text of the four asset files.
    pub fn load(
        curated: &str,
        verbs: &str,
        cameo: &str,
        actors: &str,
        actors_extra: &str,
    ) -> Result<Lexicon, EventsError> {
        let mut lx = Lexicon {
            id: next_id(),
            ..Lexicon::default()
        };
        // curated triggers: form \t code \t pos [\t following words]
        for (i, line) in curated.lines().enumerate() {
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = t.split('\t').collect();
            if f.len() < 3 {
                return Err(err(
                    "assets/events/triggers.tsv",
                    i + 1,
                    "expected `form<TAB>code<TAB>verb|noun`",
                ));
            }
            let words: Vec<String> = crate::build::norm_phrase(f[0])
                .split(' ')
                .map(str::to_string)
                .collect();
            let pos = match f[2].trim() {
                "verb" => Pos::Verb,
                "noun" => Pos::Noun,
                other => {
                    return Err(err(
                        "assets/events/triggers.tsv",
                        i + 1,
                        format!("part of speech `{other}` is not verb or noun"),
                    ))
                }
            };
            let code = f[1].trim();
            let idx = lx.entries.len();
            lx.entries.push(Entry {
                lemma: words[0].clone(),
                code: Some(code.to_string()),
                follow: words[1..].to_vec(),
                patterns: Vec::new(),
                curated: true,
            });
            match pos {
                Pos::Verb => {
                    for form in verb_forms(&words[0]) {
                        lx.add(form, idx, Pos::Verb);
                    }
                    if words.len() == 1 {
                        for form in masdar_forms(&words[0]) {
                            lx.add_if_absent(form, idx, Pos::Noun);
                        }
                    }
                }
                Pos::Noun => lx.add(words[0].clone(), idx, Pos::Noun),
            }
        }
        for (i, line) in verbs.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                return Err(err("assets/events/verbs.tsv", i + 1, "expected 3 columns"));
            }
            let words: Vec<String> = f[0].split(' ').map(str::to_string).collect();
            // Protest and violence (CAMEO 14, 18–20) come from the curated
            // list only: checked on the gold standard, the dictionary's
            // machine-translated synonyms coded بدأ، عبر، علم، أخذ as attacks.
            let reserved = |c: &str| matches!(c.get(..2), Some("14" | "18" | "19" | "20"));
            let code = (!f[1].is_empty() && !reserved(f[1])).then(|| f[1].to_string());
            let patterns: Vec<(Vec<String>, String)> = f[2]
                .split(';')
                .filter_map(|p| p.split_once('='))
                .filter(|(_, c)| !reserved(c))
                .map(|(w, c)| (w.split(' ').map(str::to_string).collect(), c.to_string()))
                .collect();
            if code.is_none() && patterns.is_empty() {
                continue;
            }
            let idx = lx.entries.len();
            lx.entries.push(Entry {
                lemma: words[0].clone(),
                code: code.clone(),
                follow: words[1..].to_vec(),
                patterns,
                curated: false,
            });
            for form in verb_forms(&words[0]) {
                lx.add_if_absent(form, idx, Pos::Verb);
            }
            if code.is_some() && words.len() == 1 {
                for form in masdar_forms(&words[0]) {
                    lx.add_if_absent(form, idx, Pos::Noun);
                }
            }
        }
        for (i, line) in cameo.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 6 {
                return Err(err("assets/events/cameo.tsv", i + 1, "expected 6 columns"));
            }
            lx.cameo.insert(
                f[0].to_string(),
                CameoInfo {
                    name: f[1].to_string(),
                    goldstein: f[2].parse().unwrap_or(0.0),
                    quad: f[3].parse().unwrap_or(0),
                    plover: f[4].to_string(),
                    mode: f[5].to_string(),
                },
            );
        }
        for (name, text) in [
            ("assets/events/actors.tsv", actors),
            ("assets/events/actors-extra.tsv", actors_extra),
        ] {
            for (i, line) in text.lines().enumerate() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let Some((p, c)) = line.split_once('\t') else {
                    return Err(err(name, i + 1, "expected `phrase<TAB>code`"));
                };
                let p = crate::build::norm_phrase(p);
                let words = p.split(' ').count();
                lx.actor_max_words = lx.actor_max_words.max(words);
                let mut prefix = String::new();
                for w in p.split(' ').take(words.saturating_sub(1)) {
                    if !prefix.is_empty() {
                        prefix.push(' ');
                    }
                    prefix.push_str(w);
                    lx.actor_prefixes.insert(prefix.clone());
                }
                if name.ends_with("extra.tsv") {
                    lx.actors_curated.insert(p, c.trim().to_string());
                } else {
                    lx.actors.insert(p, c.trim().to_string());
                }
            }
        }
        lx.pattern_index = lx.entries.iter().map(index_patterns).collect();
        Ok(lx)
    }

    /// The indices of `entry`'s patterns whose first word is one of `keys`
    /// (a window's keys, see `annotate::WindowKeys`), ascending; `None` when
    /// the lexicon has no index (not loaded by [`Lexicon::load`]).
    pub(crate) fn patterns_starting<'k>(
        &self,
        entry: usize,
        keys: impl Iterator<Item = &'k str>,
    ) -> Option<Vec<u32>> {
        let index = self.pattern_index.get(entry)?;
        let mut out: Vec<u32> = keys
            .filter_map(|k| index.get(k))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        Some(out)
    }

    fn add(&mut self, form: String, entry: usize, pos: Pos) {
        let v = self.forms.entry(form).or_default();
        if !v.iter().any(|r| r.entry == entry) {
            v.push(Reading { entry, pos });
        }
    }

    /// Adds a dictionary form unless a curated entry already owns it.
    fn add_if_absent(&mut self, form: String, entry: usize, pos: Pos) {
        if let Some(v) = self.forms.get(&form) {
            if v.iter().any(|r| self.entries[r.entry].curated) {
                return;
            }
        }
        self.add(form, entry, pos);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_derived_forms() {
        let f = verb_forms("اجتمع");
        assert!(f.contains(&"يجتمع".to_string()));
        assert!(f.contains(&"اجتمعوا".to_string()));
        let f = verb_forms("التقي");
        assert!(f.contains(&"يلتقي".to_string()));
        assert!(f.contains(&"التقوا".to_string()));
        assert!(verb_forms("زار").contains(&"يزور".to_string()));
        assert!(masdar_forms("ارسل").contains(&"ارسال".to_string()));
        assert!(masdar_forms("اجتمع").contains(&"اجتماعات".to_string()));
        assert!(masdar_forms("هاجم").contains(&"مهاجمه".to_string()));
        assert!(masdar_forms("فجر").contains(&"تفجيرات".to_string()));
        // a doubled form VIII: احتج → احتجاج, never احتاج (needed)
        assert!(masdar_forms("احتج").contains(&"احتجاج".to_string()));
        assert!(!masdar_forms("احتج").contains(&"احتاج".to_string()));
    }
}

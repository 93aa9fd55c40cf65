//! Coding one document: triggers → arguments → modality → merged events.

use crate::lexicon::{Lexicon, Pos, Reading};
use marsad_core::{Actor, Document, EntityType, Event, Location, Modality, Plover, Span};
use marsad_kb::Kb;
use std::collections::HashMap;
use std::rc::Rc;

/// The lookup keys of one distinct word: computed once per thread (see
/// [`WORDS`]) and shared by every token of that word, so a token costs a
/// reference count, not a copy of its strings.
#[derive(Debug)]
pub(crate) struct WordKeys {
    /// Normalized whole word.
    pub norm: String,
    /// Normalized candidate stems (clitics stripped), best first; the
    /// normalized whole word first.
    pub cands: Vec<String>,
    /// Normalized proclitics of the best split ("و", "وب", "بال" …).
    pub prefix: String,
    /// Lemma-like keys for the actor table ([`actor_keys`]).
    pub actor: Vec<String>,
    /// A month, weekday or time word (أيار، الاثنين، أمس), with or
    /// without the article, among the candidates.
    pub time_word: bool,
    /// A function word that is never a trigger or an actor (في، التي …).
    pub stopword: bool,
    /// A participant noun of protests (متظاهرون، محتجين …), among the
    /// candidates ([`participant`]).
    pub participant: bool,
    /// The word's lookups in a lexicon, made on first use.
    lex: LexKeys,
}

/// What one word finds in one [`Lexicon`], kept with its [`WordKeys`] so
/// that a word seen again costs no lookup: each cell holds the id of the
/// lexicon it was made with and is recomputed, not trusted, for another
/// one (a lexicon of id 0 is never kept).
#[derive(Debug, Default)]
struct LexKeys {
    /// Trigger readings of the candidates ([`trigger_readings`]).
    readings: std::cell::OnceCell<(u64, Vec<Reading>)>,
    /// Whether the first actor keys begin a multi-word actor phrase.
    head: std::cell::OnceCell<(u64, bool)>,
    /// The actor code of the word alone ([`lookup_exact`] of its keys).
    alone: std::cell::OnceCell<(u64, Option<String>)>,
}

/// `cell`'s value for lexicon `lx`, computed by `f` (and kept if the cell
/// is still empty and the lexicon has an id).
fn lex_cached<'t, T: Clone>(
    cell: &'t std::cell::OnceCell<(u64, T)>,
    lx: &Lexicon,
    f: impl FnOnce() -> T,
) -> std::borrow::Cow<'t, T> {
    if lx.id == 0 {
        return std::borrow::Cow::Owned(f());
    }
    match cell.get() {
        Some((id, v)) if *id == lx.id => std::borrow::Cow::Borrowed(v),
        Some(_) => std::borrow::Cow::Owned(f()),
        None => std::borrow::Cow::Borrowed(&cell.get_or_init(|| (lx.id, f())).1),
    }
}

/// The trigger readings of a token's candidate stems, each entry once, in
/// the order [`triggers`] tries them: specific (multi-word) readings
/// first, curated before dictionary.
fn trigger_readings<'t>(lx: &Lexicon, t: &'t Tok) -> std::borrow::Cow<'t, [Reading]> {
    let readings = lex_cached(&t.keys.lex.readings, lx, || {
        let mut readings: Vec<Reading> = Vec::new();
        for c in &t.cands {
            if let Some(v) = lx.forms.get(c) {
                for r in v {
                    if !readings.iter().any(|x| x.entry == r.entry) {
                        readings.push(*r);
                    }
                }
            }
        }
        readings.sort_by_key(|r| {
            let e = &lx.entries[r.entry];
            (std::cmp::Reverse(e.follow.len()), !e.curated)
        });
        readings
    });
    match readings {
        std::borrow::Cow::Borrowed(v) => std::borrow::Cow::Borrowed(v.as_slice()),
        std::borrow::Cow::Owned(v) => std::borrow::Cow::Owned(v),
    }
}

/// Whether one of the token's first four actor keys begins a multi-word
/// actor phrase ([`Lexicon::actor_prefixes`]).
fn actor_head(lx: &Lexicon, t: &Tok) -> bool {
    *lex_cached(&t.keys.lex.head, lx, || {
        t.actor
            .iter()
            .take(4)
            .any(|w| lx.actor_prefixes.contains(w.as_str()))
    })
}

/// [`lookup_exact`] of the token's actor keys alone.
fn actor_alone(lx: &Lexicon, t: &Tok) -> Option<String> {
    lex_cached(&t.keys.lex.alone, lx, || {
        lookup_exact(lx, std::slice::from_ref(&actor_keys(t)))
    })
    .into_owned()
}

/// One word of a sentence with its lookup keys (reached through `Deref`:
/// `tok.norm`, `tok.cands`, `tok.prefix`).
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub span: Span,
    /// The word's keys, shared with every other token of the same word.
    pub keys: Rc<WordKeys>,
    /// An Arabic word (not a number or punctuation).
    pub word: bool,
    /// A number token.
    pub number: bool,
    /// Punctuation that ends a clause (، ؛ : …).
    pub stop: bool,
}

impl std::ops::Deref for Tok {
    type Target = WordKeys;
    fn deref(&self) -> &WordKeys {
        &self.keys
    }
}

fn strip_prefix_str<'a>(s: &'a str, p: &str) -> Option<&'a str> {
    s.strip_prefix(p).filter(|r| r.chars().count() >= 2)
}

/// Lookup keys of the words already seen (normalized form, candidate
/// stems, proclitics, actor keys), by surface form: a news article repeats
/// most of its words, and the clitic analysis is the costliest part of
/// [`tokens`]. FxHash: the keys are short words hashed once per token, where
/// SipHash showed in the coder's profile; the cache holds no attacker-chosen
/// collisions that matter beyond one document's own words.
pub(crate) type WordCache = rustc_hash::FxHashMap<String, Rc<WordKeys>>;

pub(crate) fn tokens(text: &str, sent: Span, ix: &marsad_core::CharIndex) -> Vec<Tok> {
    WORDS.with(|c| match c.try_borrow_mut() {
        Ok(mut words) => tokens_cached(text, sent, ix, &mut words),
        Err(_) => tokens_cached(text, sent, ix, &mut WordCache::default()),
    })
}

/// [`tokens`] with a given [`WordCache`].
pub(crate) fn tokens_cached(
    text: &str,
    sent: Span,
    ix: &marsad_core::CharIndex,
    cache: &mut WordCache,
) -> Vec<Tok> {
    let slice = ix.slice(text, sent);
    let mut out = Vec::new();
    for t in marsad_arabic::tokenize(slice) {
        let raw = t.text(slice);
        let span = Span::new(sent.start + t.span.start, sent.start + t.span.end);
        let kind = t.kind;
        let word = kind == marsad_arabic::TokenKind::Arabic;
        let keys = match cache.get(raw) {
            Some(v) => Rc::clone(v),
            None => {
                let v = Rc::new(word_keys(raw, word));
                cache.insert(raw.to_string(), Rc::clone(&v));
                v
            }
        };
        let stop = kind == marsad_arabic::TokenKind::Punct
            && matches!(
                raw,
                "،" | "," | "؛" | ";" | ":" | "." | "؟" | "?" | "!" | "(" | ")" | "«" | "»" | "\""
            );
        out.push(Tok {
            span,
            keys,
            word,
            number: kind == marsad_arabic::TokenKind::Number,
            stop,
        });
    }
    out
}

/// The normalized form, candidate stems, proclitics and actor keys of one
/// word.
fn word_keys(raw: &str, word: bool) -> WordKeys {
    let norm = marsad_arabic::normalize_str(raw);
    let mut cands = vec![norm.clone()];
    let mut prefix = String::new();
    if word {
        let an = marsad_arabic::analyses(raw);
        for (i, a) in an.iter().enumerate().take(8) {
            let s = marsad_arabic::normalize_str(&a.stem);
            if i == 0 || prefix.is_empty() && a.prefix_chars > 0 && cands.len() == 1 {
                prefix = marsad_arabic::normalize_str(&a.prefix);
            }
            if !cands.contains(&s) {
                cands.push(s);
            }
        }
        // future سـ on a present verb (سيقتل، وستعقد)
        let bare = strip_prefix_str(&norm, "و")
            .or_else(|| strip_prefix_str(&norm, "ف"))
            .unwrap_or(&norm);
        if let Some(r) = strip_prefix_str(bare, "س") {
            if r.starts_with(['ي', 'ت', 'ن', 'ا']) && !cands.iter().any(|c| c == r) {
                cands.push(r.to_string());
            }
        }
    }
    let actor = lemma_keys(&cands);
    let time_word = cands
        .iter()
        .any(|c| is_time_word(c) || is_time_word(&format!("ال{c}")));
    WordKeys {
        stopword: is_stop(&norm),
        participant: cands.iter().any(|c| PARTICIPANTS.contains(&c.as_str())),
        norm,
        cands,
        prefix,
        actor,
        time_word,
        lex: LexKeys::default(),
    }
}

/// Lemma-like keys of a word for the actor table: clitics stripped, then
/// the nisba and plural endings (ة ون ين ات ان) removed (computed once per
/// word, in [`word_keys`]).
pub(crate) fn actor_keys(t: &Tok) -> &[String] {
    &t.actor
}

/// The actor keys of a word's candidate stems (see [`actor_keys`]).
fn lemma_keys(cands: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if s.chars().count() >= 2 && !out.contains(&s) {
            out.push(s);
        }
    };
    for c in cands {
        push(c.clone());
        let ch: Vec<char> = c.chars().collect();
        let n = ch.len();
        let cut = |k: usize| ch[..n - k].iter().collect::<String>();
        if n >= 5 && (c.ends_with("ون") || c.ends_with("ين")) {
            push(cut(2));
        }
        if n >= 4 && c.ends_with("يه") {
            push(cut(1));
        }
        if n >= 4 && c.ends_with('ه') {
            push(cut(1));
        }
        if n >= 5 && c.ends_with("ات") {
            push(format!("{}ه", cut(2)));
            push(cut(2));
        }
        if n >= 5 && c.ends_with('و') && !c.ends_with("وو") {
            // construct plural (مسلحو داعش، مقاتلو الطوارق)
            push(cut(1));
        }
        if n >= 4 && c.ends_with('ا') {
            // accusative tanween alef: متطوعا، هجوما
            push(cut(1));
        }
    }
    out
}

const STOPWORDS: &[&str] = &[
    "في",
    "من",
    "الي",
    "علي",
    "عن",
    "مع",
    "ان",
    "او",
    "ما",
    "لا",
    "لم",
    "لن",
    "قد",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "التي",
    "الذي",
    "الذين",
    "كان",
    "كانت",
    "بين",
    "بعد",
    "قبل",
    "حتي",
    "عند",
    "كل",
    "بعض",
    "غير",
    "امس",
    "اليوم",
    "منذ",
    "خلال",
    "ضد",
    "نحو",
    "حول",
    "فيما",
    "كما",
    "وقد",
    "اي",
];

fn is_stop(w: &str) -> bool {
    STOPWORDS.contains(&w)
}

const ROLES: &[&str] = &[
    "GOV", "MIL", "COP", "REB", "OPP", "CVL", "UAF", "JUD", "LEG", "BUS", "MED", "EDU", "REL",
    "HLH", "LAB", "ELI", "SPY", "CRM", "REF", "INS", "AGR", "ENV", "HRI", "PTY", "SET", "RAD",
    "MOD", "DEV",
];

fn is_role(c: &str) -> bool {
    ROLES.contains(&c)
}

/// Combines the codes found along an actor phrase: the first country or
/// group code, then the first role code (الجيش العراقي → IRQMIL).
pub fn combine_codes(codes: &[String]) -> Option<String> {
    let mut head: Option<String> = None;
    let mut role: Option<String> = None;
    for c in codes {
        if c.len() < 3 {
            continue;
        }
        let first = &c[..3];
        if is_role(first) {
            if role.is_none() {
                role = Some(first.to_string());
            }
            continue;
        }
        if head.is_none() {
            head = Some(c.clone());
        } else if role.is_none() && c.len() >= 6 && is_role(&c[3..6]) {
            role = Some(c[3..6].to_string());
        }
    }
    match (head, role) {
        (Some(h), Some(r)) => {
            let has_role = h.len() >= 6
                && (3..h.len())
                    .step_by(3)
                    .any(|i| is_role(&h[i..(i + 3).min(h.len())]));
            Some(if has_role { h } else { format!("{h}{r}") })
        }
        (Some(h), None) => Some(h),
        (None, Some(r)) => Some(r),
        (None, None) => None,
    }
}

/// Coordinates and country of a place.
type Place = (Option<f64>, Option<f64>, Option<String>);

/// A matched piece of an actor phrase: token range, code, entity, from
/// NER, place.
type Unit = (
    usize,
    usize,
    Option<String>,
    Option<String>,
    bool,
    Option<Place>,
);

/// An actor phrase found in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    /// Token range `[a, b)` in the sentence.
    pub a: usize,
    pub b: usize,
    /// Combined code.
    pub code: Option<String>,
    /// Entity id when a mention is part of it.
    pub entity: Option<String>,
    /// Preposition governing it (separate word or proclitic ب/ل).
    pub prep: Option<String>,
    /// Member phrases of a coordination (empty for a simple phrase).
    pub members: Vec<Phrase>,
    /// A place (GPE/LOC/FAC mention or KB place).
    pub place: Option<Place>,
}

/// Words after which a clause puts its subject first.
const SVO_OPENERS: &[&str] = &[
    "كان",
    "كانت",
    "ان",
    "انه",
    "لكن",
    "لان",
    "بعدما",
    "حيث",
    "فيما",
    "بينما",
    "قد",
    "كما",
    "ثم",
];

/// Nouns of a unit taken from a group (قوة من الشرطة العراقية، عناصر من
/// الجيش): من after them is partitive, so the group is the head's code.
const UNIT_NOUNS: &[&str] = &[
    "قوه",
    "قوات",
    "عناصر",
    "عنصر",
    "عنصرا",
    "فردا",
    "افراد",
    "فرد",
    "دوريه",
    "وحده",
    "فرقه",
    "كتيبه",
    "خليه",
];

/// Describing words of a unit that are no nisba (قوة خاصة، قوات كبيرة،
/// قوات معززة), normalized, without the article.
const UNIT_ADJECTIVES: &[&str] = &[
    "خاصه",
    "كبيره",
    "صغيره",
    "معززه",
    "مشتركه",
    "مسلحه",
    "اضافيه",
];

const QUANTIFIERS: &[&str] = &[
    "عشرات",
    "الاف",
    "الف",
    "مئات",
    "عدد",
    "عددا",
    "بعض",
    "احد",
    "احدي",
    "مجموعه",
    "مجموعات",
    "العديد",
    "عديد",
    "كثير",
    "اغلب",
    "معظم",
    "جميع",
    "كل",
];

const PREPS: &[&str] = &[
    "علي",
    "ضد",
    "في",
    "من",
    "الي",
    "مع",
    "عن",
    "بين",
    "لدي",
    "عند",
    "تجاه",
    "باتجاه",
    // في اتجاه X (rockets fired towards X)
    "اتجاه",
    "نحو",
    "حول",
    "قرب",
    "قبالة",
    "قباله",
    "داخل",
    "امام",
    "لصالح",
];

/// Compass words that stand between a preposition and a place name.
const DIRECTIONS: &[&str] = &[
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
];

fn prep_before(toks: &[Tok], a: usize) -> Option<String> {
    let t = &toks[a];
    // proclitics: (و|ف)? (ب|ل|ك)? (ال)? ; لل is ل + ال
    let p = t.prefix.trim_start_matches(['و', 'ف']);
    let p = if p == "لل" {
        "ل"
    } else {
        p.strip_suffix("ال").unwrap_or(p)
    };
    if p == "ب" || p == "ل" {
        return Some(p.to_string());
    }
    // a compass word between a preposition and a place passes the
    // preposition on: «في اتجاه شمال اسرائيل»، «بشمال أفغانستان»، «على
    // جنوب لبنان» (the place is what the preposition governs)
    if a > 0
        && toks[a - 1].word
        && toks[a - 1]
            .cands
            .iter()
            .any(|c| DIRECTIONS.contains(&c.as_str()))
    {
        let d = &toks[a - 1];
        let dp = d.prefix.trim_start_matches(['و', 'ف']);
        let dp = dp.strip_suffix("ال").unwrap_or(dp);
        if dp == "ب" || dp == "ل" || dp == "لل" {
            return Some(if dp == "لل" { "ل" } else { dp }.to_string());
        }
        if a > 1 && toks[a - 2].word {
            let w = toks[a - 2].norm.trim_start_matches('و');
            if PREPS.contains(&w) && w != "من" {
                return Some(w.to_string());
            }
        }
    }
    if a > 0 && toks[a - 1].word {
        let w = toks[a - 1].norm.trim_start_matches('و');
        if PREPS.contains(&w) || PREPS.contains(&toks[a - 1].norm.as_str()) {
            // partitive من after a quantifier or a count: عشرات من أعضاء
            // الحزب، ثلاثة من عناصر الشرطة، 23 من الكوريين
            if w == "من"
                && a > 1
                && (toks[a - 2].number
                    || toks[a - 2].cands.iter().any(|c| {
                        QUANTIFIERS.contains(&c.as_str())
                            || UNIT_NOUNS.contains(&c.as_str())
                            || small_number(c).is_some()
                    }))
            {
                return None;
            }
            // a unit with its describing word: «فرقة مظلية من قوات مكافحة
            // الإرهاب»، «قوات كبيرة من الجيش الإسرائيلي» (the unit is part
            // of the force). Not أفراد / فرد, which are family members as
            // often («أفراد الأسرة من …»)
            if w == "من"
                && a > 2
                && toks[a - 2].word
                && (nisba_shaped(&toks[a - 2])
                    || UNIT_ADJECTIVES.contains(&toks[a - 2].norm.trim_start_matches("ال")))
                && toks[a - 3].cands.iter().any(|c| {
                    UNIT_NOUNS.contains(&c.as_str())
                        && !matches!(c.as_str(), "افراد" | "فرد" | "فردا")
                })
            {
                return None;
            }
            return Some(w.to_string());
        }
    }
    None
}

/// [`prep_before`], except that a ب / ل the actor tables know as part of
/// the word (بريطاني، لبناني) is no preposition.
fn prep_of(lx: &Lexicon, toks: &[Tok], a: usize) -> Option<String> {
    let t = &toks[a];
    let p = t.prefix.trim_start_matches(['و', 'ف']);
    if matches!(p, "ب" | "ل") {
        let whole = t.norm.trim_start_matches(['و', 'ف']);
        let own = [whole.to_string(), whole.trim_end_matches('ه').to_string()]
            .into_iter()
            .any(|w| lx.actors_curated.contains_key(&w) || lx.actors.contains_key(&w));
        if own {
            return None;
        }
    }
    prep_before(toks, a)
}

pub(crate) struct Ctx<'a> {
    pub lx: &'a Lexicon,
    pub kb: &'a Kb,
    pub doc: &'a Document,
    pub date: Option<&'a str>,
    /// Code points of `doc.text` (slicing without rescanning the text).
    pub ix: marsad_core::CharIndex,
    /// The document's layers by start offset.
    pub layers: LayerIndex<'a>,
    /// [`Kb::lookup`] answers for this knowledge base and date, by text
    /// (taken from the thread's [`LOOKUPS`] and given back on drop).
    lookups: std::cell::RefCell<LookupMemo>,
}

/// Remembered [`Kb::lookup`] answers of one knowledge base at one date: an
/// article names the same actors sentence after sentence, a news day's
/// articles name the same ones again, and the lookup (tokens, clitic keys,
/// dictionary scan) is a pure function of the text, the date and the KB.
#[derive(Default)]
pub(crate) struct LookupMemo {
    kb: u64,
    date: Option<String>,
    hits: rustc_hash::FxHashMap<String, Option<marsad_kb::KbMatch>>,
    /// [`Ctx::office_code`] answers by KB id and code (`id\tcode`).
    offices: rustc_hash::FxHashMap<String, Option<String>>,
}

/// How many answers a thread's [`LOOKUPS`] keeps before it starts over.
const LOOKUPS_KEPT: usize = 50_000;

thread_local! {
    /// The last document's [`LookupMemo`], reused by the next document of
    /// the same knowledge base and date (a corpus comes day by day).
    static LOOKUPS: std::cell::RefCell<LookupMemo> = std::cell::RefCell::new(LookupMemo::default());
}

impl Drop for Ctx<'_> {
    fn drop(&mut self) {
        let memo = std::mem::take(self.lookups.get_mut());
        if memo.hits.len() <= LOOKUPS_KEPT {
            LOOKUPS.with(|c| {
                if let Ok(mut slot) = c.try_borrow_mut() {
                    *slot = memo;
                }
            });
        }
    }
}

impl<'a> Ctx<'a> {
    /// A context over `doc`, with its layers indexed once.
    pub fn new(lx: &'a Lexicon, kb: &'a Kb, doc: &'a Document, date: Option<&'a str>) -> Ctx<'a> {
        Ctx {
            lx,
            kb,
            doc,
            date,
            ix: doc.char_index(),
            layers: LayerIndex::new(doc),
            lookups: std::cell::RefCell::new(Self::memo(kb, date)),
        }
    }

    /// The thread's memo if it holds answers of `kb` at `date`, else an
    /// empty one for them.
    fn memo(kb: &Kb, date: Option<&str>) -> LookupMemo {
        let memo = LOOKUPS.with(|c| match c.try_borrow_mut() {
            Ok(mut slot) => std::mem::take(&mut *slot),
            Err(_) => LookupMemo::default(),
        });
        if memo.kb == kb.instance_id() && memo.date.as_deref() == date {
            memo
        } else {
            LookupMemo {
                kb: kb.instance_id(),
                date: date.map(str::to_string),
                hits: Default::default(),
                offices: Default::default(),
            }
        }
    }

    /// [`Kb::lookup`] of `text` at the document's date, remembered for the
    /// rest of the document and the next documents of the same date.
    pub fn kb_lookup(&self, text: &str) -> Option<marsad_kb::KbMatch> {
        if let Some(hit) = self.lookups.borrow().hits.get(text) {
            return hit.clone();
        }
        let hit = self.kb.lookup(text, self.date);
        self.lookups
            .borrow_mut()
            .hits
            .insert(text.to_string(), hit.clone());
        hit
    }

    /// The code of a person in office for the KB entry `id` when the KB
    /// gave it `code`, an elite code (`USAELI`), at the document's date
    /// while one of its dated government terms (`USAGOV` 2001-01-20 …
    /// 2009-01-20) also covers that date: CAMEO's `ELI` is for elites out
    /// of office (former officials, notables), a sitting head of state or
    /// minister is `GOV`. The dictionary gives many leaders an `ELI` range
    /// spanning their whole public life beside the term, and the KB's
    /// first-covering-range rule then codes a president in office as an
    /// elite (بوش in 2008 `USAELI`, مبارك in 2008 `EGYELI`). Only a term
    /// with both ends counts: an open range (`GOV` from 2008 on) is the
    /// dictionary's guess, not a term. `None` leaves the KB's code.
    pub fn office_code(&self, id: &str, code: &str) -> Option<String> {
        let country = code.strip_suffix("ELI").filter(|c| c.len() == 3)?;
        let memo_key = format!("{id}\t{code}");
        if let Some(hit) = self.lookups.borrow().offices.get(&memo_key) {
            return hit.clone();
        }
        let date = self.date.and_then(marsad_kb::model::parse_date);
        let gov = format!("{country}GOV");
        let hit = date.zip(self.kb.entry(id)).and_then(|(d, e)| {
            e.codes
                .iter()
                .any(|c| c.code == gov && c.from.is_some() && c.to.is_some() && c.covers(d))
                .then_some(gov)
        });
        self.lookups
            .borrow_mut()
            .offices
            .insert(memo_key, hit.clone());
        hit
    }
}

/// A document's mentions, quantities, times and quotes sorted by start
/// offset, and its entities by id, built once per document so that each
/// sentence touches only the items that start inside it (binary search,
/// then a walk to the sentence end) instead of every item of the document:
/// coding is O(sentences × log items + items), not O(sentences × items).
pub(crate) struct LayerIndex<'a> {
    mentions: Vec<(usize, usize)>,
    quantities: Vec<(usize, usize)>,
    times: Vec<(usize, usize)>,
    /// Quotes by start (a quote may span several sentences: see
    /// [`QuoteSweep`]).
    quotes: Vec<(usize, usize)>,
    entities: HashMap<&'a str, usize>,
}

fn by_start(spans: impl Iterator<Item = Span>) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = spans.enumerate().map(|(i, s)| (s.start, i)).collect();
    v.sort_unstable();
    v
}

fn starting_in(v: &[(usize, usize)], span: Span) -> impl Iterator<Item = usize> + '_ {
    let a = v.partition_point(|x| x.0 < span.start);
    v[a..]
        .iter()
        .take_while(move |x| x.0 < span.end)
        .map(|x| x.1)
}

impl<'a> LayerIndex<'a> {
    /// Indexes `doc`'s layers.
    pub fn new(doc: &'a Document) -> LayerIndex<'a> {
        LayerIndex {
            mentions: by_start(doc.mentions.iter().map(|m| m.span)),
            quantities: by_start(doc.quantities.iter().map(|q| q.span)),
            times: by_start(doc.times.iter().map(|t| t.span)),
            quotes: by_start(doc.quotes.iter().map(|q| q.span)),
            entities: doc
                .entities
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.as_str(), i))
                .collect(),
        }
    }

    /// Indexes into `doc.mentions` of the mentions starting inside `span`.
    pub fn mentions_in(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        starting_in(&self.mentions, span)
    }

    /// Indexes into `doc.quantities` of those starting inside `span`.
    pub fn quantities_in(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        starting_in(&self.quantities, span)
    }

    /// Indexes into `doc.times` of those starting inside `span`.
    pub fn times_in(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        starting_in(&self.times, span)
    }

    /// Index into `doc.entities` of the entity with this id.
    pub fn entity(&self, id: &str) -> Option<usize> {
        self.entities.get(id).copied()
    }
}

/// The quotes open in each sentence, swept in sentence order: a quote
/// enters when the sweep reaches its start and leaves once a sentence
/// starts after its end, so a long quote costs once, not once per sentence
/// (a prefix-maximum walk back over quotes would be O(quotes) per trigger
/// behind one long early quote).
#[derive(Default)]
pub(crate) struct QuoteSweep {
    next: usize,
    open: Vec<usize>,
    last_start: usize,
}

impl QuoteSweep {
    /// Indexes into `doc.quotes` of the quotes overlapping `sent`, in start
    /// order. Sentences are expected in text order; an earlier one restarts
    /// the sweep.
    pub fn advance(&mut self, layers: &LayerIndex, doc: &Document, sent: Span) -> &[usize] {
        if sent.start < self.last_start {
            self.next = 0;
            self.open.clear();
        }
        self.last_start = sent.start;
        while self.next < layers.quotes.len() && layers.quotes[self.next].0 < sent.end {
            self.open.push(layers.quotes[self.next].1);
            self.next += 1;
        }
        self.open.retain(|&q| doc.quotes[q].span.end > sent.start);
        &self.open
    }
}

/// Finds actor phrases in a sentence.
pub(crate) fn phrases(cx: &Ctx, toks: &[Tok]) -> Vec<Phrase> {
    let n = toks.len();
    // units: (a, b, code, entity, place)
    let mut units: Vec<Unit> = Vec::new();
    let keys: Vec<&[String]> = toks
        .iter()
        .enumerate()
        .map(|(k, t)| {
            // month and weekday names (نيسان، أيار) are dates, not actors;
            // a word after بدون / بلا / دون is something absent («طائرة
            // بدون طيار»: a drone, no pilot)
            let absent = k > 0 && matches!(toks[k - 1].norm.as_str(), "بدون" | "بلا" | "دون");
            // أعلام "flags" (raised, carried, burnt) is no إعلام "media"
            // once the hamza is folded: «أحرق متظاهرون أعلام اسرائيل»
            let flags = t.cands.iter().any(|c| c == "اعلام" || c == "اعلاما")
                && toks[k.saturating_sub(4)..k]
                    .iter()
                    .any(|x| x.cands.iter().any(|c| FLAG_VERBS.contains(&c.as_str())));
            // تحت لواء / راية X "under the banner of X": no brigade
            // («المتظاهرين المنضوين تحت لواء «تحالف الشعب»»)
            let banner = k > 0
                && toks[k - 1].norm == "تحت"
                && t.cands.iter().any(|c| c == "لواء" || c == "راية");
            let absent = absent || flags || banner;
            if t.word && !absent && !t.stopword && !t.time_word {
                actor_keys(t)
            } else {
                &[]
            }
        })
        .collect();
    // NER mentions first
    let mut covered = vec![false; n];
    let sent = match (toks.first(), toks.last()) {
        (Some(f), Some(l)) => Span::new(f.span.start, l.span.end),
        _ => return Vec::new(),
    };
    for mi in cx.layers.mentions_in(sent) {
        let m = &cx.doc.mentions[mi];
        let a = toks
            .iter()
            .position(|t| t.span.end > m.span.start && t.span.start < m.span.end);
        let Some(a) = a else { continue };
        let mut b = a;
        while b < n && toks[b].span.start < m.span.end {
            b += 1;
        }
        if covered[a..b].iter().any(|c| *c) {
            continue;
        }
        let ent = m
            .entity
            .as_ref()
            .and_then(|id| cx.layers.entity(id))
            .map(|k| &cx.doc.entities[k]);
        // the curated table's conventions (طالبان → IMGREB, docs/events.md)
        // win over the KB's dictionary code for the same words
        let mut code = curated_exact(cx.lx, &keys[a..b]).or_else(|| {
            ent.and_then(|e| e.kb.as_ref()).and_then(|k| {
                let c = k.cameo.as_deref()?;
                k.id.as_deref()
                    .and_then(|id| cx.office_code(id, c))
                    .or_else(|| Some(c.to_string()))
            })
        });
        let mut place = None;
        if let Some(k) = ent.and_then(|e| e.kb.as_ref()) {
            if matches!(m.kind, EntityType::GPE | EntityType::LOC | EntityType::FAC) {
                place = Some((k.lat, k.lon, k.country.clone()));
            }
        }
        if code.is_none() {
            if let Some(km) = cx.kb_lookup(&m.text) {
                code = km
                    .cameo
                    .as_deref()
                    .and_then(|c| cx.office_code(&km.id, c))
                    .or_else(|| km.cameo.clone());
                if km.lat.is_some() {
                    place = Some((km.lat, km.lon, km.country.clone()));
                }
            }
        }
        if place.is_none() && matches!(m.kind, EntityType::GPE | EntityType::LOC | EntityType::FAC)
        {
            place = Some((None, None, None));
        }
        if code.is_none() {
            code = lookup_phrase(cx.lx, &keys[a..b]);
        }
        for c in &mut covered[a..b] {
            *c = true;
        }
        units.push((a, b, code, ent.map(|e| e.id.clone()), true, place));
    }
    // dictionary phrases, longest first
    let maxw = cx.lx.actor_max_words.clamp(1, 4);
    // whether a word can begin a multi-word actor phrase: one test of its
    // first keys here instead of one per window length and table in
    // `phrase_rec` (same answers: a longer window is only tried through a
    // first word in `actor_prefixes`)
    let heads: Vec<bool> = keys
        .iter()
        .zip(toks)
        .map(|(k, t)| !k.is_empty() && actor_head(cx.lx, t))
        .collect();
    let mut i = 0;
    while i < n {
        if covered[i] || keys[i].is_empty() {
            i += 1;
            continue;
        }
        let mut found = None;
        let longest = if heads[i] { maxw.min(n - i) } else { 1 };
        for len in (1..=longest).rev() {
            if covered[i..i + len].iter().any(|c| *c)
                || keys[i..i + len].iter().any(|k| k.is_empty())
            {
                continue;
            }
            if len > 1
                && toks[i + 1..i + len]
                    .iter()
                    .any(|t| t.prefix.starts_with('و'))
            {
                continue;
            }
            let code = if len == 1 {
                // keys[i] is the word's own actor keys (not empty here)
                actor_alone(cx.lx, &toks[i])
            } else {
                lookup_exact(cx.lx, &keys[i..i + len])
            };
            if let Some(c) = code {
                found = Some((len, c));
                break;
            }
        }
        if let Some((len, code)) = found {
            units.push((i, i + len, Some(code), None, false, None));
            for c in &mut covered[i..i + len] {
                *c = true;
            }
            i += len;
        } else {
            i += 1;
        }
    }
    units.sort_by_key(|u| u.0);
    // glue adjacent units into phrases (الجيش + العراقي، قوات + حلف الأطلسي)
    let mut out: Vec<Phrase> = Vec::new();
    for u in units {
        let conj = conjunction(cx.lx, &toks[u.0]);
        if let Some(last) = out.last_mut() {
            // الجيش العراقي; أعضاء حزب الغد المصري (a nisba closes a short
            // genitive chain)
            let gap_ok = last.b == u.0
                || (u.0 > last.b
                    && u.0 - last.b <= 2
                    && u.2.as_ref().is_some_and(|c| c.len() == 3 && !is_role(c))
                    // a nisba, not a place name (المتظاهرون مدخل مدينة
                    // القدس is no "Israeli protesters")
                    && nisba_shaped(&toks[u.1 - 1])
                    // (no accusative in the gap: «المتظاهرون اعلاما تركية»,
                    // the flags are Turkish, not the protesters)
                    && !toks[last.b..u.0].iter().any(|t| t.norm.ends_with('ا'))
                    && toks[last.b..u.0].iter().all(|t| {
                        t.word && !t.stopword && t.prefix.is_empty()
                            || t.word && t.prefix == "ال"
                    }));
            let gap_clear = toks[last.b..u.0]
                .iter()
                .all(|t| !t.cands.iter().any(|c| cx.lx.forms.contains_key(c)));
            let has_country = |c: &Option<String>| {
                c.as_ref()
                    .is_some_and(|c| c.len() >= 3 && !is_role(&c[..3]))
            };
            let two_countries = has_country(&last.code) && has_country(&u.2);
            // two role nouns side by side are two phrases (المتظاهرين قوات
            // مكافحة الشغب), not one
            let bare_role =
                |c: &Option<String>| c.as_ref().is_some_and(|c| c.len() == 3 && is_role(c));
            let two_roles = bare_role(&last.code) && bare_role(&u.2);
            // a unit taken from a group is the group: قوة من الشرطة
            // العراقية → IRQCOP, عناصر من الجيش → MIL
            let partitive = u.0 == last.b + 1
                && last.b == last.a + 1
                && toks[last.b].norm == "من"
                && u.2.is_some()
                && toks[last.a]
                    .cands
                    .iter()
                    .any(|c| UNIT_NOUNS.contains(&c.as_str()));
            if partitive && !conj {
                last.b = u.1;
                last.code =
                    u.2.as_ref()
                        .and_then(|c| combine_codes(std::slice::from_ref(c)));
                if last.entity.is_none() {
                    last.entity = u.3.clone();
                }
                continue;
            }
            if gap_ok
                && gap_clear
                && !two_countries
                && !two_roles
                && !conj
                && prep_of(cx.lx, toks, u.0).is_none()
            {
                last.b = u.1;
                let mut codes: Vec<String> = last.code.iter().cloned().collect();
                codes.extend(u.2.iter().cloned());
                last.code = combine_codes(&codes);
                if last.entity.is_none() {
                    last.entity = u.3.clone();
                }
                if u.5.is_some() && last.place.is_none() {
                    last.place = u.5.clone();
                }
                continue;
            }
        }
        out.push(Phrase {
            a: u.0,
            b: u.1,
            code: u
                .2
                .as_ref()
                .and_then(|c| combine_codes(std::slice::from_ref(c))),
            entity: u.3,
            prep: prep_of(cx.lx, toks, u.0),
            members: Vec::new(),
            place: u.5,
        });
    }
    // places the dictionary knows as countries
    for p in &mut out {
        if p.place.is_none() {
            if let Some(c) = &p.code {
                if c.len() == 3
                    && !is_role(c)
                    && !matches!(c.as_str(), "IGO" | "NGO" | "IMG" | "MNC")
                {
                    let text = slice_text(cx, toks, p.a, p.b);
                    let km = cx.kb_lookup(&text);
                    p.place = Some(match km {
                        Some(k) => (k.lat, k.lon, k.country.or_else(|| Some(c.clone()))),
                        None => (None, None, Some(c.clone())),
                    });
                }
            }
        } else if let Some((_, _, country @ None)) = &mut p.place {
            // a NER place the KB did not link (سورية) whose words the
            // actor tables code as a country: that is its country
            if let Some(c) = p.code.as_ref().filter(|c| {
                c.len() == 3 && !is_role(c) && !matches!(c.as_str(), "IGO" | "NGO" | "IMG" | "MNC")
            }) {
                *country = Some(c.clone());
            }
        }
    }
    quoted_names(cx.lx, toks, &mut out);
    // X تابع(ة) لـ Y: X belongs to Y and is coded as Y («طائرة بدون طيار
    // تابعة لوكالة المخابرات المركزية الاميركية»، «قاعدة تابعة للجيش»)
    let mut k = 0;
    while k + 1 < out.len() {
        let (p, q) = (&out[k], &out[k + 1]);
        let owned_by = (p.b..q.a.min(p.b + 4)).any(|x| {
            toks[x]
                .cands
                .iter()
                .any(|c| matches!(c.as_str(), "تابع" | "تابعه" | "تابعين" | "تابعون"))
        }) && q.prep.as_deref() == Some("ل")
            && q.code.is_some()
            && q.place.is_none()
            && !toks[p.b..q.a].iter().any(hard_stop);
        // the wing of a group is the group in that role: «الجناح العسكري
        // لحركة حماس» → PSEREB (the group's code, the wing's role when
        // the group has none)
        let wing = q.a == p.b
            && q.prep.as_deref() == Some("ل")
            && q.code.is_some()
            && q.place.is_none()
            && toks[p.a..p.b]
                .iter()
                .any(|t| t.cands.iter().any(|c| c == "جناح"));
        if owned_by || wing {
            let code = if wing {
                let codes: Vec<String> =
                    [&q.code, &p.code].into_iter().flatten().cloned().collect();
                combine_codes(&codes)
            } else {
                q.code.clone()
            };
            let merged = Phrase {
                a: p.a,
                b: q.b,
                code,
                entity: q.entity.clone(),
                prep: p.prep.clone(),
                members: Vec::new(),
                place: None,
            };
            out[k] = merged;
            out.remove(k + 1);
        }
        k += 1;
    }
    // a lone place noun (المدينة "the city", which the dictionary reads as
    // Medina) is a place without a country, and no actor
    for p in &mut out {
        if p.b == p.a + 1
            && toks[p.a]
                .cands
                .iter()
                .any(|c| PLACE_NOUNS.contains(&c.as_str()))
        {
            p.code = None;
            p.place = Some((None, None, None));
        }
    }
    // membership: a person named by a bare role, then في / من + an
    // organization, belongs to it («ضابطا في الشرطة» → COP, «متطوعا في
    // الجيش العراقي» → IRQMIL, «جنود من الجيش الأميركي» → USAMIL); a place
    // after في is where, not whose
    let mut k = 0;
    while k + 1 < out.len() {
        let (p, q) = (&out[k], &out[k + 1]);
        let role_only = p
            .code
            .as_deref()
            .is_some_and(|c| c.len() == 3 && is_role(c));
        // (or ب + an organization right after the role: «وزيرة الدولة
        // بوزارة الطاقة السودانية» → SDNGOV)
        let with_ba = q.a == p.b && q.prep.as_deref() == Some("ب") && q.place.is_none();
        let member = role_only
            && p.place.is_none()
            && (with_ba
                || (q.a == p.b + 1 || q.a == p.b + 2 && opening_quote_at(toks, p.b + 1))
                    && matches!(toks[p.b].norm.as_str(), "في" | "من")
                    && q.prep.as_deref().is_some_and(|x| x == "في" || x == "من"))
            && q.code.is_some()
            && !toks[q.a]
                .cands
                .iter()
                .any(|c| PLACE_NOUNS.contains(&c.as_str()))
            && (q.place.is_none() || q.code.as_deref().is_some_and(|c| c.len() > 3));
        // origin: من + a country, through one describing word («23
        // متطوعا مسيحيا من كوريا الجنوبية» → KORCVL)
        let origin = role_only
            && p.place.is_none()
            && (q.a == p.b + 1 || q.a == p.b + 2 && toks[p.b].word)
            && toks[q.a - 1].norm == "من"
            && q.place.is_some()
            && q.code
                .as_deref()
                .is_some_and(|c| c.len() == 3 && !is_role(c));
        let member = member || origin;
        if member {
            let codes: Vec<String> = [&q.code, &p.code].into_iter().flatten().cloned().collect();
            let merged = Phrase {
                a: p.a,
                b: q.b,
                code: combine_codes(&codes),
                entity: q.entity.clone().or_else(|| p.entity.clone()),
                prep: p.prep.clone(),
                members: Vec::new(),
                place: None,
            };
            out[k] = merged;
            out.remove(k + 1);
        }
        k += 1;
    }
    member_nouns(toks, &mut out);
    placed_roles(toks, &mut out);
    // coordination: A وB → one compound actor
    let mut merged: Vec<Phrase> = Vec::new();
    for p in out {
        if let Some(last) = merged.last_mut() {
            // A وB, or A و + count + B (ضابط وثلاثة جنود مصريين)
            let counted_conj = p.a == last.b + 1
                && toks[last.b].prefix.starts_with('و')
                && counted(&toks[last.b..p.a]);
            if (last.b == p.a && toks[p.a].prefix.starts_with('و') || counted_conj)
                && p.prep.is_none()
            {
                if last.members.is_empty() {
                    let first = last.clone();
                    last.members.push(first);
                }
                last.members.push(p.clone());
                last.b = p.b;
                let codes: Vec<&Option<String>> = last.members.iter().map(|m| &m.code).collect();
                last.code = if codes.iter().all(|c| *c == codes[0]) {
                    codes[0].clone()
                } else {
                    last.members[0].code.clone()
                };
                last.place = None;
                continue;
            }
        }
        merged.push(p);
    }
    // a role noun with a possessive pronoun (جنوده، عناصرها) belongs to the
    // country or group named before it in the sentence (الجيش الاميركي …
    // مقتل أحد جنوده → USAMIL)
    for k in 1..merged.len() {
        let role = merged[k]
            .code
            .clone()
            .filter(|c| c.len() == 3 && is_role(c));
        let Some(role) = role else { continue };
        if !possessive(&toks[merged[k].a]) || owned_target(&toks[merged[k].a]) {
            continue;
        }
        let owner = merged[..k].iter().rev().find_map(|p| {
            p.code
                .as_ref()
                .filter(|c| c.len() >= 3 && !is_role(&c[..3]) && c.is_char_boundary(3))
                .map(|c| c[..3].to_string())
        });
        if let Some(o) = owner {
            merged[k].code = Some(format!("{o}{role}"));
        }
    }
    // a possessed convoy, motorcade, house, car, office or patrol (قافلته،
    // موكبه، منزله، دوريتهم) stands for its owner, the nearest person or
    // group named before it: an attack on it is an attack on them («أصيب
    // سفير بولندا عندما تعرضت قافلته الدبلوماسية لهجوم» → POLGOV)
    for k in 0..toks.len() {
        let t = &toks[k];
        if !t.word || !possessive(t) || !owned_target(t) {
            continue;
        }
        // a phrase of its own word alone (قافلة is MIL in the dictionary)
        // takes the owner's code; one of more words is left alone
        let own = merged.iter().position(|p| p.a == k && p.b == k + 1);
        if own.is_none() && merged.iter().any(|p| p.a <= k && k < p.b) {
            continue;
        }
        // «his» (ـه) is one person, not a crowd of people
        let singular = !["هم", "ها", "هما"].iter().any(|x| t.norm.ends_with(x));
        let owner = merged
            .iter()
            .rev()
            .filter(|p| p.b <= k && k - p.b <= 15 && p.place.is_none())
            .filter(|p| !(singular && generic_people(p)))
            .find(|p| p.code.is_some())
            .cloned();
        let Some(o) = owner else { continue };
        if let Some(i) = own {
            merged[i].code = o.code.clone();
            if merged[i].entity.is_none() {
                merged[i].entity = o.entity.clone();
            }
            continue;
        }
        let at = merged.partition_point(|p| p.a < k);
        let ph = Phrase {
            a: k,
            b: k + 1,
            code: o.code.clone(),
            entity: o.entity.clone(),
            prep: prep_of(cx.lx, toks, k),
            members: Vec::new(),
            place: None,
        };
        merged.insert(at, ph);
    }
    led_by(toks, &mut merged);
    former_officials(toks, &mut merged);
    merged
}

/// Generic nouns that name a kind of organization before its quoted
/// name (تنظيم «القاعدة»، حركة «حماس»، جماعة «بوكو حرام»), as actor keys.
const ORG_NOUNS: &[&str] = &[
    "تنظيم",
    "حركه",
    "جماعه",
    "حزب",
    "جبهه",
    "منظمه",
    "ميليشيا",
    "ميليشيات",
    "مليشيا",
    "مليشيات",
    "كتائب",
    "الويه",
    "فصيل",
    "تيار",
    "مجموعه",
];

/// An opening quotation mark at `i`: « or “, or a straight " with an even
/// number of straight marks before it in the span (an odd count makes it
/// the closing one: «وقال "…" لوكالة» must not read لوكالة as a quoted name).
fn opening_quote_at(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if t.word {
        return false;
    }
    match t.norm.as_str() {
        "«" | "“" => true,
        "\"" => {
            toks[..i]
                .iter()
                .filter(|q| !q.word && q.norm == "\"")
                .count()
                % 2
                == 0
        }
        _ => false,
    }
}

/// A name in quotation marks is read with the marks and the kind noun
/// before them: «مقتل عناصر من تنظيم «القاعدة»» had the phrase start at
/// القاعدة, after the mark, so no preposition governed it (it became the
/// killing's subject) and the من / في before it tied it to nothing
/// («ضابط في «حزب الله»» is no member). Newspapers quote group names
/// more often than not; the phrase now starts at the kind noun (تنظيم،
/// حركة، جماعة …, absorbing a phrase of that noun alone: the tables code
/// جماعة as `CVL`) or at the mark, and takes the preposition before it.
fn quoted_names(lx: &Lexicon, toks: &[Tok], out: &mut Vec<Phrase>) {
    let mut k = 0;
    while k < out.len() {
        let a = out[k].a;
        if a == 0 || !opening_quote_at(toks, a - 1) {
            k += 1;
            continue;
        }
        let floor = if k > 0 { out[k - 1].b } else { 0 };
        if a - 1 < floor {
            k += 1;
            continue;
        }
        let kind = |t: &Tok| {
            t.word
                && (t.actor.iter().chain(t.cands.iter())).any(|c| ORG_NOUNS.contains(&c.as_str()))
        };
        let mut start = a - 1;
        if start > 0 && kind(&toks[start - 1]) {
            if start > floor {
                start -= 1;
            } else if k > 0 && out[k - 1].a + 1 == start && out[k - 1].b == start {
                // a phrase of the kind noun alone joins the name
                start -= 1;
                out.remove(k - 1);
                k -= 1;
            }
        }
        if start + 1 < a {
            // the kind noun, the marks and the name are one phrase
            let b = out[k].b;
            let next = out.get(k + 1).map_or(toks.len(), |q| q.a);
            if b < next && !toks[b].word && matches!(toks[b].norm.as_str(), "»" | "\"" | "”") {
                out[k].b = b + 1;
            }
            out[k].a = start;
        }
        // (a name in marks alone keeps its span: the preposition is the
        // one before the mark)
        // (kept when nothing governs the mark: the phrase's own clitic)
        out[k].prep = prep_of(lx, toks, start).or(out[k].prep.take());
        // a word phrase right before the kind noun governs it as a
        // genitive («مسلحي تنظيم "داعش"», like «مسلحي تنظيم داعش» without
        // the marks): one phrase, the group's code with the role
        if start + 1 < a && k > 0 && out[k - 1].b == start && out[k - 1].members.is_empty() {
            let q = out.remove(k);
            let p = &mut out[k - 1];
            let codes: Vec<String> = [&q.code, &p.code].into_iter().flatten().cloned().collect();
            p.code = combine_codes(&codes);
            p.b = q.b;
            if q.entity.is_some() {
                p.entity = q.entity;
            }
            p.place = None;
            continue;
        }
        k += 1;
    }
}

/// Nouns of a member of a group that the actor tables do not code
/// (قيادي "a leader", عضو "a member", ناشط "an activist", كادر "a cadre"),
/// as actor keys.
const MEMBER_NOUNS: &[&str] = &[
    "قيادي",
    "قيادات",
    "قياديه",
    "عضو",
    "عضوا",
    "اعضاء",
    "ناشط",
    "ناشطه",
    "كادر",
    "كوادر",
];

/// A member noun before في / من + a coded organization belongs to it:
/// «قيادي في حركة حماس» → `PSEREB`, «أحد القيادات البارزة في تنظيم
/// القاعدة» → `IMG`, «عضو في حزب الله». The membership pass above does
/// this for a role the tables code («ضابطا في الشرطة»); these nouns have
/// no code of their own, so the organization's phrase is widened back to
/// the noun (one describing word may stand between: القيادات البارزة),
/// and a CAMEO member is coded as the group it belongs to. Not for a
/// place after في (a member "in" Baghdad is where, not whose) nor a
/// phrase of a role only («عضو في البرلمان» is what the role tables say).
fn member_nouns(toks: &[Tok], out: &mut [Phrase]) {
    for k in 0..out.len() {
        let q = &out[k];
        // في / من right before the organization or before its opening mark
        let Some(fi) = [1, 2]
            .into_iter()
            .filter(|&d| q.a > d)
            .map(|d| q.a - d)
            .find(|&i| matches!(toks[i].norm.as_str(), "في" | "من"))
            .filter(|&i| i + 1 == q.a || opening_quote_at(toks, i + 1))
        else {
            continue;
        };
        let org = q.place.is_none()
            && q.code
                .as_deref()
                .is_some_and(|c| c.len() >= 3 && !is_role(c))
            && !toks[q.a]
                .cands
                .iter()
                .any(|c| PLACE_NOUNS.contains(&c.as_str()));
        if !org {
            continue;
        }
        let floor = if k > 0 { out[k - 1].b } else { 0 };
        let member = |i: usize| {
            toks[i].word
                && toks[i]
                    .actor
                    .iter()
                    .any(|c| MEMBER_NOUNS.contains(&c.as_str()))
        };
        // the noun, or the noun and one describing word (البارزة، الكبار)
        let m = [fi.checked_sub(1), fi.checked_sub(2)]
            .into_iter()
            .flatten()
            .filter(|&i| i >= floor)
            .find(|&i| member(i) && (i + 1 == fi || toks[i + 1].word && !toks[i + 1].stopword));
        let Some(m) = m else { continue };
        // «الدول الأعضاء في …»، «البلد العضو في أوبك»: an attribute of a
        // state, which stays the state
        if m > 0
            && toks[m - 1]
                .actor
                .iter()
                .any(|c| matches!(c.as_str(), "دول" | "دوله" | "بلد" | "بلدان"))
        {
            continue;
        }
        let prep = prep_before(toks, m);
        let q = &mut out[k];
        q.a = m;
        q.prep = prep;
    }
}

/// Diplomatic missions and envoys: placed abroad, they stay their
/// sender's (see [`placed_roles`]).
const DIPLOMATIC: &[&str] = &[
    "سفاره",
    "سفارات",
    "سفير",
    "سفراء",
    "قنصل",
    "قنصليه",
    "قنصليات",
    "بعثه",
    "بعثات",
    "دبلوماسي",
    "دبلوماسيه",
    "دبلوماسيين",
    "مندوب",
    "ممثليه",
];

/// Words that may stand between في and a named place inside an actor's
/// own place phrase («في مدينة دلس»، «في ضواحي نابولي»، «في شمال العراق»).
const PLACE_FILLERS: &[&str] = &["ضواحي", "احياء", "اطراف"];

/// A state institution placed by its own في-phrase is that place's
/// country's: «الحكومة في تايلاند» → `THAGOV`, «البرلمان في كابول» →
/// `AFGLEG`. A government or parliament "in" a country or its city is the
/// national one there (CAMEO codes the state the institution belongs to;
/// a court is left out: «المحكمة في لاهاي» is the international one),
/// unlike people placed the same way: protesters, gunmen or
/// victims «في بغداد» keep their bare role, as the dev gold codes them
/// (tried for every role on 2026-11-24: 3 sides fixed, 7 broken — `CVL`
/// protesters «في وسط دنفر»، «مسلحين في رام الله» `UAF`). Only the
/// phrase's own place counts: في must follow it directly, with at most
/// two place nouns (مدينة، ضواحي، شمال) before a place of known country;
/// the event's place elsewhere in the sentence is no evidence (a rule on
/// it was rejected in session 3).
fn placed_roles(toks: &[Tok], out: &mut [Phrase]) {
    for k in 0..out.len().saturating_sub(1) {
        let (p, q) = (&out[k], &out[k + 1]);
        let role = match p.code.as_deref() {
            Some(c) if matches!(c, "GOV" | "LEG") => c,
            _ => continue,
        };
        if p.place.is_some() || p.b >= toks.len() || toks[p.b].norm != "في" || q.a <= p.b {
            continue;
        }
        // a mission abroad is its sender's, not its host's: «سفارتها في
        // كوالالمبور»، «القنصل العام في لوس أنجلوس»، «سفارات أجنبية في
        // طرابلس», and so is the state that owns it («سفارة المملكة في
        // غانا»، «القنصل العام للمملكة في لوس أنجلوس») (SaudiNewsNet,
        // 2015-07/08)
        if toks[p.a.saturating_sub(2)..p.b]
            .iter()
            .any(|t| t.cands.iter().any(|c| DIPLOMATIC.contains(&c.as_str())))
        {
            continue;
        }
        let fillers = &toks[p.b + 1..q.a];
        let fill_ok = fillers.len() <= 2
            && fillers.iter().all(|t| {
                t.word
                    && matches!(t.prefix.as_str(), "" | "ال")
                    && t.cands.iter().any(|c| {
                        PLACE_NOUNS.contains(&c.as_str())
                            || PLACE_FILLERS.contains(&c.as_str())
                            || DIRECTIONS.contains(&c.as_str())
                    })
            });
        let country = q
            .place
            .as_ref()
            .and_then(|pl| pl.2.as_deref())
            .filter(|c| c.len() == 3 && !is_role(c));
        if let (true, Some(c)) = (fill_ok, country) {
            let code = format!("{c}{role}");
            out[k].code = Some(code);
        }
    }
}

/// Former office holders are elites (`ELI`), not the government: «الرئيس
/// السابق سيدي محمد ولد الشيخ عبد الله»، «رئيسة الوزراء الباكستانية السابقة
/// بي نظير بوتو»، «الأمين العام السابق للحزب الشيوعي» — CAMEO's `ELI` is
/// "former government officials" (the gold coders: `MRTELI`, `PAKELI`,
/// `LBNELI`, 3 of 3). A phrase coded `GOV` (or a country's `GOV`) with
/// السابق / السابقة (or الأسبق / الأسبقة, "the one before the former")
/// inside it or right after it takes `ELI` for `GOV`.
fn former_officials(toks: &[Tok], ph: &mut [Phrase]) {
    let former = |t: &Tok| {
        t.word
            && matches!(
                t.norm.trim_start_matches('و'),
                "السابق" | "السابقه" | "سابق" | "سابقه" | "الاسبق" | "الاسبقه"
            )
    };
    for p in ph.iter_mut() {
        let Some(code) = p.code.as_deref() else {
            continue;
        };
        let Some(country) = code
            .strip_suffix("GOV")
            .filter(|c| c.is_empty() || c.len() == 3)
        else {
            continue;
        };
        let end = (p.b + 1).min(toks.len());
        if toks[p.a..end].iter().any(former) {
            p.code = Some(format!("{country}ELI"));
        }
    }
}

/// Words that say who leads a force: بقيادة، تقودها، يقودها، بزعامة. Not
/// the bare verb: after a force, «القوات تقود حملة …» says what the force
/// leads, and a country after it would be read as its leader.
fn leads(t: &Tok) -> bool {
    t.word
        && t.cands.iter().any(|c| {
            matches!(
                c.as_str(),
                "قياده" | "زعامه" | "تقودها" | "يقودها" | "تقوده" | "يقوده"
            )
        })
}

/// A force led by a country is coded as that country's («قافلة لقوات
/// التحالف بقيادة اميركية»، «قوات التحالف التي تقودها الولايات المتحدة» →
/// `USAMIL`): CAMEO codes a multinational force by the state that commands
/// it, as the gold coders do (2 of 2). The leader is a country phrase or
/// nisba right after بقيادة / تقودها, within three words of the force
/// (its genitive and التي may stand between); the force keeps its role.
fn led_by(toks: &[Tok], ph: &mut [Phrase]) {
    for k in 0..ph.len() {
        let Some(code) = ph[k].code.as_deref() else {
            continue;
        };
        let role = if code.len() == 3 && is_role(code) {
            code
        } else if code.len() == 6 && code.is_char_boundary(3) && !is_role(&code[..3]) {
            &code[3..]
        } else {
            continue;
        };
        if !matches!(role, "MIL" | "COP") || ph[k].place.is_some() {
            continue;
        }
        let b = ph[k].b;
        let Some(l) = (b..toks.len().min(b + 3))
            .take_while(|&x| !toks[x].stop)
            .find(|&x| leads(&toks[x]))
        else {
            continue;
        };
        let leader = ph[k + 1..]
            .iter()
            .take_while(|q| q.a <= l + 2)
            .find(|q| q.a > l)
            .and_then(|q| q.code.as_deref())
            .filter(|c| c.len() == 3 && !is_role(c));
        if let Some(c) = leader {
            ph[k].code = Some(format!("{c}{role}"));
        }
    }
}

/// Verbs done to flags (raise, carry, burn, wave), 3rd person past and
/// present, singular and plural, and their participles.
const FLAG_VERBS: &[&str] = &[
    "رفع",
    "رفعوا",
    "يرفع",
    "يرفعون",
    "رافعين",
    "رافعا",
    "حمل",
    "حملوا",
    "يحمل",
    "يحملون",
    "حاملين",
    "حاملا",
    "احرق",
    "احرقوا",
    "يحرق",
    "يحرقون",
    "محرقين",
    "لوح",
    "لوحوا",
    "يلوح",
    "يلوحون",
    "ملوحين",
    "داس",
    "داسوا",
];

/// A word shaped like a nisba adjective (عراقي، العراقية، الأميركيين،
/// أفغان is not: the tables know it).
fn nisba_shaped(t: &Tok) -> bool {
    ["ي", "يه", "يين", "يون", "يات"]
        .iter()
        .any(|s| t.norm.ends_with(s))
}

/// A possessed word whose stem is one of [`OWNED_TARGETS`].
fn owned_target(t: &Tok) -> bool {
    t.cands.iter().any(|c| {
        ["ه", "ها", "هم", "هما"].iter().any(|suf| {
            c.strip_suffix(suf)
                .is_some_and(|stem| OWNED_TARGETS.contains(&stem.trim_end_matches('ت')))
        }) || OWNED_TARGETS.contains(&c.as_str())
    })
}

/// Things an attack hits that stand for their owner when possessed
/// (normalized stems; a ة before the pronoun is written ت: دوريتهم).
const OWNED_TARGETS: &[&str] = &[
    "قافل",
    "قافله",
    "موكب",
    "منزل",
    "بيت",
    "سيار",
    "سياره",
    "مكتب",
    "مقر",
    "دوري",
    "دوريه",
    "مركب",
    "مركبه",
    "مركبات",
    "طائر",
    "طائره",
];

/// A word that begins with the conjunction و / ف — unless that letter is
/// part of the word the actor tables know (فلسطينيون is not ف + لسطينيون).
fn conjunction(lx: &Lexicon, t: &Tok) -> bool {
    let Some(c) = t.prefix.chars().next().filter(|c| matches!(c, 'و' | 'ف')) else {
        return false;
    };
    !actor_keys(t).iter().any(|k| {
        k.starts_with(c) && (lx.actors_curated.contains_key(k) || lx.actors.contains_key(k))
    })
}

/// A word ending in a possessive pronoun (ـه، ـها، ـهم) whose stem the
/// clitic analysis also gives.
fn possessive(t: &Tok) -> bool {
    ["هم", "ها", "ه"].iter().any(|suf| {
        t.norm
            .strip_suffix(suf)
            .is_some_and(|stem| stem.chars().count() >= 3 && t.cands.iter().any(|c| c == stem))
    })
}

/// The curated table's code for exactly these words (a `-` there means
/// "not an actor" and gives `None` here too).
fn curated_exact(lx: &Lexicon, keys: &[&[String]]) -> Option<String> {
    if keys.is_empty() || keys.iter().any(|k| k.is_empty()) {
        return None;
    }
    phrase_rec(&lx.actors_curated, lx, keys, 4).filter(|c| c != "-")
}

fn lookup_exact(lx: &Lexicon, keys: &[&[String]]) -> Option<String> {
    if keys.len() == 1 && keys[0].iter().all(|k| k.chars().count() < 3) {
        return None;
    }
    // try the combinations of the first keys of each word, in the curated
    // table first, then in the dictionary's
    let lim = if keys.len() == 1 { 8 } else { 4 };
    // a curated `-` marks words the dictionary codes wrongly as actors
    // (عمل، تجمع، ناسفة): not an actor at all
    match phrase_rec(&lx.actors_curated, lx, keys, lim) {
        Some(c) if c == "-" => None,
        Some(c) => Some(c),
        None => phrase_rec(&lx.actors, lx, keys, lim),
    }
}

/// The code of the first combination of candidate keys (at most `lim` per
/// word, in order) that `map` holds as a phrase. A combination is extended
/// only while its words begin some actor phrase ([`Lexicon::actor_prefixes`]):
/// without that cut a 4-word window tried 4⁴ joined strings per position,
/// which made the dictionary scan the coder's largest cost.
fn phrase_rec(
    map: &rustc_hash::FxHashMap<String, String>,
    lx: &Lexicon,
    keys: &[&[String]],
    lim: usize,
) -> Option<String> {
    fn rec(
        map: &rustc_hash::FxHashMap<String, String>,
        lx: &Lexicon,
        keys: &[&[String]],
        i: usize,
        lim: usize,
        buf: &mut String,
    ) -> Option<String> {
        let last = i + 1 == keys.len();
        for k in keys[i].iter().take(lim) {
            let len = buf.len();
            if i > 0 {
                buf.push(' ');
            }
            buf.push_str(k);
            if last {
                if let Some(c) = map.get(buf.as_str()) {
                    return Some(c.clone());
                }
            } else if lx.actor_prefixes.contains(buf.as_str()) {
                if let Some(c) = rec(map, lx, keys, i + 1, lim, buf) {
                    return Some(c);
                }
            }
            buf.truncate(len);
        }
        None
    }
    if keys.is_empty() {
        return None;
    }
    rec(map, lx, keys, 0, lim, &mut String::new())
}

fn lookup_phrase(lx: &Lexicon, keys: &[&[String]]) -> Option<String> {
    if let Some(c) = lookup_exact(lx, keys) {
        return Some(c);
    }
    let mut codes = Vec::new();
    for k in keys {
        if let Some(c) = lookup_exact(lx, std::slice::from_ref(k)) {
            codes.push(c);
        }
    }
    combine_codes(&codes)
}

pub(crate) fn slice_text(cx: &Ctx, toks: &[Tok], a: usize, b: usize) -> String {
    let s = Span::new(toks[a].span.start, toks[b - 1].span.end);
    cx.ix.slice(&cx.doc.text, s).to_string()
}

/// A trigger found in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Trig {
    pub i: usize,
    /// Last token of the trigger (multi-word triggers).
    pub j: usize,
    pub code: String,
    pub pos: Pos,
}

impl Trig {
    /// A violent event (CAMEO 18 assault, 19 fight, 20 mass violence: the
    /// ASSAULT family), the kind the attack-argument rules apply to.
    fn violent(&self) -> bool {
        matches!(self.code.get(..2), Some("18" | "19" | "20"))
    }
}

/// A dictionary word without its article (الجيش → جيش), for matching a
/// token's clitic-stripped candidates; the word itself when too short.
pub(crate) fn without_article(w: &str) -> &str {
    w.strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(w)
}

fn word_matches(t: &Tok, w: &str) -> bool {
    let w2 = without_article(w);
    t.norm == w || t.cands.iter().any(|c| c == w || c == w2)
}

/// The normalized forms and candidate stems of a few words, for testing
/// many pattern words against them at once.
#[derive(Default)]
struct WindowKeys<'t>(rustc_hash::FxHashSet<&'t str>);

impl<'t> WindowKeys<'t> {
    fn new(toks: &'t [Tok]) -> WindowKeys<'t> {
        WindowKeys(
            toks.iter()
                .flat_map(|t| {
                    std::iter::once(t.norm.as_str()).chain(t.cands.iter().map(String::as_str))
                })
                .collect(),
        )
    }

    /// [`word_matches`] against any word of the window.
    fn matches(&self, w: &str) -> bool {
        self.0.contains(w) || self.0.contains(without_article(w))
    }
}

/// Finds the triggers of a sentence.
pub(crate) fn triggers(lx: &Lexicon, toks: &[Tok]) -> Vec<Trig> {
    let mut out = Vec::new();
    let n = toks.len();
    let mut skip_until = 0;
    for i in 0..n {
        if i < skip_until || !toks[i].word || toks[i].stopword {
            continue;
        }
        let readings = trigger_readings(lx, &toks[i]);
        if readings.is_empty() {
            continue;
        }
        let mut chosen: Option<(String, usize, Pos)> = None;
        let nominal = nominal_slot(lx, toks, i);
        for r in readings.iter() {
            let e = &lx.entries[r.entry];
            if r.pos == Pos::Verb && nominal {
                continue;
            }
            // follow words within the next three words, in order
            let mut j = i;
            let mut ok = true;
            for f in &e.follow {
                let hit = (j + 1..(j + 4).min(n)).find(|&k| word_matches(&toks[k], f));
                match hit {
                    Some(k) => j = k,
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if !ok {
                continue;
            }
            // a pattern's object words after the trigger select a code
            let mut code = e.code.clone();
            let mut best = 0;
            // the keys of the next seven words, gathered once: a common verb
            // carries hundreds of patterns (same result as `word_matches`
            // on each word of the window)
            let window = if e.patterns.is_empty() {
                WindowKeys::default()
            } else {
                WindowKeys::new(&toks[j + 1..(j + 8).min(n)])
            };
            // only patterns whose first word is in the window can match
            // (ascending, so the first longest one wins as in a full scan)
            let near = lx
                .patterns_starting(r.entry, window.0.iter().copied())
                .unwrap_or_else(|| (0..e.patterns.len() as u32).collect());
            for &k in &near {
                let (ws, c) = &e.patterns[k as usize];
                if ws.len() <= best {
                    continue;
                }
                let all = ws.iter().all(|w| window.matches(w));
                if all {
                    best = ws.len();
                    code = Some(c.clone());
                }
            }
            match code {
                Some(c) => {
                    chosen = Some((c, j, r.pos));
                    break;
                }
                None => continue,
            }
        }
        if let Some((mut code, j, pos)) = chosen {
            if code.starts_with("143") && pos == Pos::Verb {
                code = strike_or_hit(toks, i, j, code);
            }
            // an event noun named as a topic (قضية اغتيال، محاكمة المتهمين
            // بالهجوم، ذكرى المذبحة) refers to an event; it does not report one
            let reference = pos == Pos::Noun
                && (i.saturating_sub(3)..i).any(|k| {
                    toks[k]
                        .cands
                        .iter()
                        .any(|c| REFERENCE.contains(&c.as_str()))
                });
            let career = code.starts_with("14") && other_sense(toks, i, j, pos);
            let seized = pos == Pos::Noun && code.starts_with("183") && seized_device(toks, i);
            if code != "-" && !reference && !career && !seized {
                out.push(Trig { i, j, code, pos });
            }
            skip_until = j + 1;
        }
    }
    participant_triggers(toks, &mut out);
    gathering_triggers(toks, &mut out);
    out
}

/// Adjectives that make تظاهرة a festival or a fair, not a demonstration
/// (تظاهرة ثقافية، أكبر تظاهرة اقتصادية), normalized without the article.
const FAIR_ADJ: &[&str] = &[
    "ثقافيه",
    "علميه",
    "رياضيه",
    "اقتصاديه",
    "موسيقيه",
    "فنيه",
    "سياحيه",
    "تراثيه",
    "احتفاليه",
    "ادبيه",
    "ترفيهيه",
    "قرانيه",
    "تسويقيه",
    "تجاريه",
    "اعلاميه",
    "فكريه",
    "مسرحيه",
    "سينمائيه",
    "هادفه",
];

/// What the word after تظاهر must be for «pretend» (تظاهر بأنه نائم،
/// يتظاهر بعدم وجود شقق), normalized.
const PRETEND_NEXT: &[&str] = &[
    "بان",
    "بانه",
    "بانها",
    "بانهم",
    "بانني",
    "بانك",
    "بانكم",
    "بانا",
    "بعدم",
];

/// A protest word in another sense: مسيرة as a career
/// ([`career_not_march`]), تظاهرة as a festival or fair (followed by an
/// adjective of [`FAIR_ADJ`]), and تظاهر as «pretend» (followed by بأن or
/// بعدم). Each was a class of false protest candidates on SaudiNewsNet.
fn other_sense(toks: &[Tok], i: usize, j: usize, pos: Pos) -> bool {
    let next = toks.get(j + 1).filter(|n| n.word);
    match pos {
        Pos::Noun => {
            career_not_march(toks, i)
                || toks[i]
                    .cands
                    .iter()
                    .any(|c| c == "تظاهره" || c == "تظاهرات")
                    && next.is_some_and(|n| FAIR_ADJ.contains(&without_article(&n.norm)))
        }
        Pos::Verb => {
            toks[i].cands.iter().any(|c| c.contains("تظاهر"))
                && next.is_some_and(|n| PRETEND_NEXT.contains(&n.norm.as_str()))
        }
    }
}

/// Verbs of finding, defusing or seizing (3rd masc. sg. past, normalized).
const SEIZE_VERBS: &[&str] = &["ابطل", "فكك", "ضبط", "عثر", "صادر", "حجز", "اكتشف"];
/// Their verbal nouns, and مفعول of «أبطل مفعول».
const SEIZE_NOUNS: &[&str] = &[
    "ابطال",
    "مفعول",
    "تفكيك",
    "ضبط",
    "عثور",
    "مصادره",
    "حجز",
    "اكتشاف",
    "ضبطيه",
];

/// A bomb (عبوة ناسفة، سيارة مفخخة: CAMEO 183x nouns) that was found,
/// defused or seized — a find verb or noun within the four words before it
/// («فككت قوات الأمن أمس سيارة مفخخة»، «أبطل خبراء متفجرات مفعول عبوة
/// ناسفة»، «ضبط عشرات العبوات») — is no attack.
fn seized_device(toks: &[Tok], i: usize) -> bool {
    static FORMS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        SEIZE_VERBS
            .iter()
            .flat_map(|l| crate::lexicon::verb_forms(l))
            .chain(SEIZE_NOUNS.iter().map(|w| w.to_string()))
            .collect()
    });
    (i.saturating_sub(4)..i)
        .rev()
        .take_while(|&k| !toks[k].stop)
        .any(|k| toks[k].word && toks[k].cands.iter().any(|c| forms.contains(c)))
}

/// Abstract adjectives of a career or a course (المسيرة التعليمية،
/// المسيرة الفنية الحافلة), normalized.
const CAREER_ADJ: &[&str] = &[
    "التعليميه",
    "التربويه",
    "التنمويه",
    "العلميه",
    "الفنيه",
    "الرياضيه",
    "المهنيه",
    "الكرويه",
    "الاحترافيه",
    "الحافله",
    "الادبيه",
    "الاكاديميه",
    "الوظيفيه",
    "الابداعيه",
    "الاقتصاديه",
    "الاصلاحيه",
    "الطويله",
    "الناجحه",
    "المظفره",
    "المباركه",
];

/// Definite genitives after an indefinite مسيرة that make it a march, not
/// a career: the marchers as a broken plural (العمال، الطلاب …) and the
/// names protest marches go by (مسيرة الغضب، مسيرة المليون، مسيرة الشموع،
/// مسيرة العودة …), without their ال.
const MARCH_GENITIVES: &[&str] = &[
    "عمال",
    "طلاب",
    "طلبه",
    "شباب",
    "نساء",
    "اطباء",
    "معلمين",
    "فلاحين",
    "اهالي",
    "سكان",
    "انصار",
    "اسري",
    "غضب",
    "مليون",
    "شموع",
    "عوده",
    "كرامه",
    "رحيل",
    "احرار",
    "زحف",
];

/// مسيرة read as a career or a course, not a march: an indefinite مسيرة
/// followed by a definite genitive (مسيرة التنمية، مسيرة النادي، مسيرة
/// اللاعب — a march takes an indefinite adjective, مسيرة احتجاجية, a verb
/// or preposition, مسيرة تنطلق، مسيرة إلى, or its marchers in the plural,
/// مسيرة المثليين، مسيرة العمال), or the definite one with an
/// abstract adjective ([`CAREER_ADJ`]: المسيرة التعليمية). On the gold
/// standard every such مسيرة is in a sentence labelled no; on SaudiNewsNet
/// they were a tenth of the kept PROTEST events.
fn career_not_march(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if !t.cands.iter().any(|c| c == "مسيره") {
        return false;
    }
    let Some(next) = toks.get(i + 1).filter(|n| n.word) else {
        return false;
    };
    // ال, or لل (ل + ال: للمسيرة)
    let definite = t.prefix.contains("ال") || t.prefix.ends_with("لل");
    if !definite {
        let genitive = next.prefix == "ال" || next.norm.starts_with("ال");
        // a march of people (مسيرة المثليين، مسيرة العمال) stays a march:
        // a sound plural, or one of the broken plurals and names that
        // protest marches take ([`MARCH_GENITIVES`])
        let bare = next.norm.strip_prefix("ال").unwrap_or(&next.norm);
        let people = next.norm.ends_with("ين")
            || next.norm.ends_with("ون")
            || MARCH_GENITIVES.contains(&bare);
        return genitive && !next.stopword && !people;
    }
    CAREER_ADJ.contains(&next.norm.as_str())
}

/// A slot where a verb cannot stand, so a verb reading of the word there
/// is wrong: with the article or a preposition attached (الفجر، بالقتل),
/// right after a preposition (طلوع الفجر، منذ فجر), or فجر before a time
/// word (فجر اليوم، فجر أمس: dawn, not «detonated»).
fn nominal_slot(lx: &Lexicon, toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    let p = t.prefix.trim_start_matches(['و', 'ف']);
    let bare = t.norm.trim_start_matches(['و', 'ف']);
    // a word that is itself a verb form (التقى، التحق) has no article
    let whole_verb = [t.norm.as_str(), bare].iter().any(|w| {
        lx.forms
            .get(*w)
            .is_some_and(|v| v.iter().any(|r| r.pos == Pos::Verb))
    });
    if !whole_verb && (p.contains("ال") || p.starts_with('ب') || p == "ك") {
        return true;
    }
    const PREP: &[&str] = &[
        "في", "من", "الي", "علي", "عن", "منذ", "حتي", "قبيل", "عند", "طلوع", "بعيد",
    ];
    if i > 0 && toks[i - 1].word && PREP.contains(&toks[i - 1].norm.as_str()) {
        return true;
    }
    if t.cands.iter().any(|c| c == "فجر") {
        if let Some(n) = toks.get(i + 1) {
            const TIME: &[&str] = &["اليوم", "امس", "يوم", "اول", "غد", "الغد"];
            if TIME.contains(&n.norm.as_str()) || marsad_arabic::calendar::is_weekday(&n.norm) {
                return true;
            }
        }
    }
    false
}

/// Undiacritized يضرب is both يُضرب (goes on strike, form IV أضرب, CAMEO
/// 143) and يَضرب (hits, form I ضرب). Present forms read as a strike only
/// with the strike's عن (عن العمل، عن الطعام) or a labour word nearby;
/// otherwise they hit (CAMEO 190, «التحالف لا يزال يضرب مواقع»), unless an
/// idiom follows (يضرب مثلا، يضرب موعدا، يضرب بعرض الحائط): no event.
/// Past forms (أضرب، أضربوا) and the noun إضراب stay strikes.
fn strike_or_hit(toks: &[Tok], i: usize, j: usize, code: String) -> String {
    let w = strip_prefix_str(&toks[i].norm, "و")
        .or_else(|| strip_prefix_str(&toks[i].norm, "ف"))
        .unwrap_or(&toks[i].norm);
    let w = strip_prefix_str(w, "س")
        .or_else(|| strip_prefix_str(w, "ل"))
        .unwrap_or(w);
    let near = |range: std::ops::Range<usize>, words: &[&str]| {
        toks.get(range.start.min(toks.len())..range.end.min(toks.len()))
            .into_iter()
            .flatten()
            .any(|t| t.cands.iter().any(|c| words.contains(&c.as_str())))
    };
    const LABOUR: &[&str] = &[
        "عمال",
        "العمال",
        "موظفين",
        "موظفون",
        "نقابه",
        "اضراب",
        "مضربين",
        "عمل",
        "العمل",
        "الطعام",
        "طعام",
        "رواتب",
        "اجور",
    ];
    const IDIOM: &[&str] = &[
        "مثلا",
        "مثل",
        "مثال",
        "مثالا",
        "مثالين",
        "موعدا",
        "موعد",
        "عرض",
        "رقما",
        "رقم",
        "اطنابه",
        "جذوره",
    ];
    if near(j + 1..j + 3, IDIOM) {
        return "-".into();
    }
    if !w.starts_with(['ي', 'ت', 'ن'])
        || toks[j + 1..toks.len().min(j + 4)]
            .iter()
            .any(|t| t.norm == "عن")
        || near(i.saturating_sub(6)..i + 7, LABOUR)
    {
        return code;
    }
    "190".into()
}

/// Words before an event noun that make it a reference to an event (a
/// trial, an anniversary, an inquiry, a threat) rather than its report.
const REFERENCE: &[&str] = &[
    "قضيه",
    "محاكمه",
    "ذكري",
    "تحقيق",
    "تحقيقات",
    "متهم",
    "متهمين",
    "اتهام",
    "اتهامات",
    "مكافحه",
    "منع",
    "خطر",
    "مخاطر",
    "تهديد",
    "تهديدات",
    "احتمال",
    "مخاوف",
    "ملف",
    "محكمه",
    "دوافع",
];

const NEG: &[&str] = &[
    "لم", "لن", "لا", "ما", "عدم", "دون", "بدون", "ليس", "ليست", "لما",
];
const FUT: &[&str] = &[
    "سوف",
    "المقرر",
    "يعتزم",
    "تعتزم",
    "يعتزمون",
    "ينوي",
    "تنوي",
    "يخطط",
    "تخطط",
    "يزمع",
    "تزمع",
    "مزمع",
    "المزمع",
    "المرتقب",
    "مرتقب",
    "المتوقع",
    "يتوقع",
];
const HYP: &[&str] = &["اذا", "لو", "حال", "لولا", "ان", "اذ"];
const DENY: &[&str] = &["نفي", "نفت", "ينفي", "تنفي", "نفوا", "ينفون", "نفى"];
/// Speech and report verbs (and "according to"): a trigger after one is
/// reported speech; the filter reads the same list.
pub(crate) const SAY: &[&str] = &[
    "قال",
    "قالت",
    "قالوا",
    "يقول",
    "تقول",
    "اكد",
    "اكدت",
    "اكدوا",
    "افاد",
    "افادت",
    "ذكر",
    "ذكرت",
    "اوضح",
    "اوضحت",
    "اشار",
    "اشارت",
    "صرح",
    "صرحت",
    "زعم",
    "زعمت",
    "اعلن",
    "اعلنت",
    "اضاف",
    "اضافت",
    "نقلت",
    "بحسب",
    "وفقا",
    "حسب",
    "ادعي",
    "ادعت",
];

/// Modality of the trigger at token `i` (and the quote it sits in).
pub(crate) fn modality(
    doc: &Document,
    open_quotes: &[usize],
    toks: &[Tok],
    i: usize,
    code: &str,
    pos: Pos,
) -> (Modality, Option<usize>) {
    let bare = |t: &Tok| -> String {
        let w = t.norm.as_str();
        let w = w
            .strip_prefix('و')
            .filter(|r| r.chars().count() >= 2)
            .unwrap_or(w);
        let w = w
            .strip_prefix('ف')
            .filter(|r| r.chars().count() >= 2)
            .unwrap_or(w);
        w.to_string()
    };
    // clause start: the last stop before i
    let start = (0..i)
        .rev()
        .find(|&k| toks[k].stop)
        .map(|k| k + 1)
        .unwrap_or(0);
    let window = i.saturating_sub(3).max(start)..i;
    // ما negates only right before its verb and not as a relative after a
    // comma (ما أسفر عن مقتل … = "which led to")
    let mut negated = window.clone().any(|k| {
        let w = bare(&toks[k]);
        if w == "ما" {
            return k + 1 == i && k > 0 && !toks[k - 1].stop && toks[k - 1].norm != "مما";
        }
        NEG.contains(&w.as_str())
    });
    if !negated && !code.starts_with("01") {
        negated = (start..i).any(|k| DENY.contains(&bare(&toks[k]).as_str()));
    }
    if negated {
        return (Modality::Negated, None);
    }
    if (start..i).any(|k| HYP.contains(&bare(&toks[k]).as_str()) && bare(&toks[k]) != "ان")
        || (start..i).any(|k| bare(&toks[k]) == "حال" && k > 0 && toks[k - 1].norm == "في")
    {
        return (Modality::Hypothetical, None);
    }
    let t = &toks[i];
    // the future سـ is a verb's prefix (سيارة is a noun, not س + يارة)
    let fut_prefix = pos == Pos::Verb && {
        let w = bare(t);
        w.starts_with('س')
            && !t.cands.iter().skip(1).any(|c| c.starts_with('س'))
            && t.cands
                .iter()
                .any(|c| Some(c.as_str()) == w.strip_prefix('س'))
    };
    if fut_prefix || (i.saturating_sub(5)..i).any(|k| FUT.contains(&bare(&toks[k]).as_str())) {
        return (Modality::Future, None);
    }
    if let Some(&qi) = open_quotes
        .iter()
        .find(|&&q| doc.quotes[q].span.contains(&t.span))
    {
        return (Modality::Reported, Some(qi));
    }
    if !code.starts_with("01") {
        let said = (0..i).any(|k| SAY.contains(&bare(&toks[k]).as_str()));
        if said {
            return (Modality::Reported, None);
        }
    }
    (Modality::Asserted, None)
}

const DEATH_NOUNS: &[&str] = &[
    "قتيل",
    "قتيلا",
    "قتلي",
    "شهيد",
    "شهيدا",
    "شهداء",
    "ضحيه",
    "ضحايا",
    "جثه",
    "جثث",
];
const INJ_NOUNS: &[&str] = &["جريح", "جريحا", "جرحي", "مصاب", "مصابا", "مصابين", "مصابون"];
const PEOPLE: &[&str] = &[
    "شخص",
    "شخصا",
    "اشخاص",
    "مدني",
    "مدنيا",
    "مدنيين",
    "جندي",
    "جنديا",
    "جنود",
    "عسكري",
    "عسكريا",
    "عسكريين",
    "مسلح",
    "مسلحا",
    "مسلحين",
    "شرطي",
    "شرطيا",
    "عناصر",
    "عنصرا",
    "فلسطينيا",
    "فلسطينيين",
    "طفل",
    "طفلا",
    "اطفال",
    "امراه",
    "نساء",
    "متظاهر",
    "متظاهرا",
    "متظاهرين",
    "مواطن",
    "مواطنا",
    "مواطنين",
    "رجل",
    "رجلا",
    "رجال",
    "متطوعا",
    "مقاتل",
    "مقاتلا",
    "مقاتلين",
];
const KILL_CUES: &[&str] = &[
    "مقتل",
    "قتل",
    "مصرع",
    "وفاه",
    "استشهاد",
    "قتلوا",
    "قتلت",
    "لقي",
    "لقوا",
    "سقوط",
];
const INJ_CUES: &[&str] = &["اصابه", "جرح", "اصيب", "اصيبوا", "جرحت", "جرحوا"];

fn small_number(w: &str) -> Option<u64> {
    const WORDS: &[(&str, u64)] = &[
        ("اثنين", 2),
        ("اثنان", 2),
        ("ثلاثه", 3),
        ("اربعه", 4),
        ("خمسه", 5),
        ("سته", 6),
        ("سبعه", 7),
        ("ثمانيه", 8),
        ("تسعه", 9),
        ("عشره", 10),
        ("عشرين", 20),
        ("ثلاثين", 30),
        ("اثنتين", 2),
        ("اثنتان", 2),
        ("ثلاث", 3),
        ("اربع", 4),
        ("خمس", 5),
        ("سبع", 7),
        ("ثماني", 8),
        ("تسع", 9),
        ("اربعين", 40),
        ("خمسين", 50),
        ("مائه", 100),
        ("مئه", 100),
    ];
    WORDS.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// Deaths and injured reported in a sentence.
pub(crate) fn toll(
    doc: &Document,
    layers: &LayerIndex,
    toks: &[Tok],
    sent: Span,
) -> (Option<u64>, Option<u64>) {
    let mut dead: Option<u64> = None;
    let mut hurt: Option<u64> = None;
    let bare = |t: &Tok| t.cands.get(1).cloned().unwrap_or_else(|| t.norm.clone());
    let cls = |k: usize, unit: &str| -> Option<bool> {
        let u = marsad_arabic::normalize_str(unit);
        let u = u.strip_prefix("ال").unwrap_or(&u).to_string();
        if DEATH_NOUNS.contains(&u.as_str()) {
            return Some(true);
        }
        if INJ_NOUNS.contains(&u.as_str()) {
            return Some(false);
        }
        if PEOPLE.contains(&u.as_str()) {
            for b in (k.saturating_sub(4)..k).rev() {
                let w = toks[b].norm.trim_start_matches('و').to_string();
                let w2 = bare(&toks[b]);
                if KILL_CUES.contains(&w.as_str()) || KILL_CUES.contains(&w2.as_str()) {
                    return Some(true);
                }
                if INJ_CUES.contains(&w.as_str()) || INJ_CUES.contains(&w2.as_str()) {
                    return Some(false);
                }
            }
        }
        None
    };
    let mut add = |is_dead: bool, v: u64| {
        let slot = if is_dead { &mut dead } else { &mut hurt };
        *slot = Some(slot.map_or(v, |x| x.max(v)));
    };
    let mut used_quantities = false;
    for qi in layers.quantities_in(sent) {
        let q = &doc.quantities[qi];
        if !sent.contains(&q.span) {
            continue;
        }
        let (Some(v), Some(unit)) = (q.value, q.unit.as_ref()) else {
            continue;
        };
        if !(0.0..=1e7).contains(&v) {
            continue;
        }
        let k = toks
            .iter()
            .position(|t| t.span.start >= q.span.start)
            .unwrap_or(0);
        if let Some(d) = cls(k, unit) {
            used_quantities = true;
            add(d, v.round() as u64);
        }
    }
    if !used_quantities {
        for k in 0..toks.len() {
            let v = if toks[k].number {
                toks[k].norm.replace([',', '٬'], "").parse::<u64>().ok()
            } else if toks[k].word {
                small_number(&toks[k].norm)
            } else {
                None
            };
            let Some(v) = v else { continue };
            if let Some(next) = toks.get(k + 1) {
                if let Some(d) = cls(k, &next.norm) {
                    add(d, v);
                }
            }
        }
    }
    (dead, hurt)
}

pub(crate) fn actor_of(cx: &Ctx, toks: &[Tok], p: &Phrase) -> Actor {
    let text = slice_text(cx, toks, p.a, p.b);
    let span = Some(Span::new(toks[p.a].span.start, toks[p.b - 1].span.end));
    Actor {
        text,
        entity: p.entity.clone(),
        code: p.code.clone(),
        span,
        members: p.members.iter().map(|m| actor_of(cx, toks, m)).collect(),
    }
}

/// Punctuation that ends a clause for argument finding: full stops,
/// semicolons, colons, question and exclamation marks. Commas, quotation
/// marks and parentheses do not (they enclose names, adverbials and
/// appositions: جنود «المارينز»، الطيران الاسرائيلي، بعد ظهر امس، …).
fn hard_stop(t: &Tok) -> bool {
    t.stop && !is_comma(t) && !matches!(t.norm.as_str(), "«" | "»" | "\"" | "(" | ")")
}

fn is_comma(t: &Tok) -> bool {
    t.norm == "،" || t.norm == ","
}

/// Words that may stand between a verb and its subject or object without
/// ending the clause: time adverbials (أمس، بعد ظهر، منتصف يوليو) and
/// hedges (على الأقل).
const ADVERBIAL: &[&str] = &[
    "بعد",
    "قبل",
    "اول",
    "يوم",
    "يومي",
    "ايضا",
    "مجددا",
    "كذلك",
    "اخيرا",
    "منتصف",
    "مطلع",
    "اواخر",
    "اوائل",
    "نهايه",
    "بدايه",
    "الاقل",
    "اقل",
    "نحو",
    "حوالي",
    "قرابه",
    "زهاء",
    "قد",
];

fn adverbial(t: &Tok) -> bool {
    !t.word && !t.stop
        || t.number
        || matches!(t.norm.as_str(), "(" | ")" | "«" | "»" | "\"")
        || t.time_word
        || t.cands.iter().any(|c| ADVERBIAL.contains(&c.as_str()))
}

/// A count or quantifier (28، عشرات، ثلاثة) among `toks`.
fn counted(toks: &[Tok]) -> bool {
    toks.iter().any(|x| {
        x.number
            || x.cands
                .iter()
                .any(|c| QUANTIFIERS.contains(&c.as_str()) || small_number(c).is_some())
    })
}

/// Past-tense forms that are passive without diacritics (اغتيل، أصيب)
/// or whose subject undergoes the event (لقي حتفه، استشهد): their subject is
/// the target. These have no active reading in undiacritized text.
const PASSIVE_ONLY: &[&str] = &[
    "اغتيل",
    "اغتيلت",
    "اصيب",
    "اصيبت",
    "اصيبوا",
    "لقي",
    "لقيت",
    "لقوا",
    "استشهد",
    "استشهدت",
    "استشهدوا",
    "قضي",
];

/// Forms that read as passive or active without diacritics (قتل is قَتَلَ
/// "killed" or قُتِلَ "was killed"; اختطف, اعتقلوا …): passive only when the
/// clause says so (a harm verb whose subject precedes it as the victim).
const PASSIVE_OR_ACTIVE: &[&str] = &[
    "اختطف",
    "يقتل",
    "تقتل",
    "قتل",
    "قتلوا",
    "جرح",
    "جرحوا",
    "اعتقل",
    "اعتقلوا",
    "اختطفوا",
    "خطف",
    "خطفوا",
    // duals (ضابط شرطة وجنديا اختطفا … على يد مسلحين)
    "اختطفا",
    "خطفا",
    "قتلا",
    "اعتقلا",
    "جرحا",
];

fn bare_word(t: &Tok) -> &str {
    let w = t.norm.as_str();
    let w = w
        .strip_prefix('و')
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(w);
    w.strip_prefix('ف')
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(w)
}

/// A phrase that reports rather than acts: the subject of a speech verb
/// (مسؤول … قد أعلن مقتل، أعلن الجيش مقتل) or the phrase after "according
/// to" (بحسب الجيش). CAMEO's source is who carried the action out; the
/// speaker who reports a death or an attack is not, unless the text says
/// so («أعلن الجيش أنه قتل …» reads the resumed subject, «أعلنت حركة طالبان
/// مسؤوليتها» the claim).
fn speaker(toks: &[Tok], p: &Phrase) -> bool {
    let say = |t: &Tok| SAY.contains(&bare_word(t));
    (p.a > 0 && say(&toks[p.a - 1]))
        || (p.a > 1 && toks[p.a - 1].stop && say(&toks[p.a - 2]))
        || toks[p.b..toks.len().min(p.b + 2)].iter().any(say)
}

/// The group a casualty count fell among: «أوقع أكثر من ألف قتيل بين
/// المتمردين»، «قتلى في صفوف الجيش» — the first coded phrase (no place)
/// within four words after `from` that follows بين or صفوف. The dead and
/// wounded of an attack are its target (CAMEO's target is the actor the
/// action is done to).
fn among_ranks<'p>(toks: &[Tok], after: &[&'p Phrase], from: usize) -> Option<&'p Phrase> {
    after.iter().copied().find(|p| {
        p.a > from
            && p.a <= from + 4
            && p.code.is_some()
            && p.place.is_none()
            && (p.prep.as_deref() == Some("بين") || toks[p.a - 1].cands.iter().any(|c| c == "صفوف"))
            && !toks[from..p.a].iter().any(hard_stop)
    })
}

/// A casualty noun (قتيل، قتلى، جرحى، ضحايا).
fn casualty_noun(t: &Tok) -> bool {
    t.cands
        .iter()
        .any(|c| DEATH_NOUNS.contains(&c.as_str()) || INJ_NOUNS.contains(&c.as_str()))
}

/// Chooses source and target phrases for a trigger.
pub(crate) fn arguments<'p>(
    toks: &[Tok],
    ph: &'p [Phrase],
    t: &Trig,
    trig_mask: &[bool],
) -> (Option<&'p Phrase>, Option<&'p Phrase>) {
    let n = toks.len();
    // clause bounds: hard stops; a comma ends the clause on the right
    // unless it comes right after the trigger or opens an adverbial
    // (اغتال الطيران الاسرائيلي، بعد ظهر امس خمسة فلسطينيين)
    let lo = (0..t.i)
        .rev()
        .find(|&k| hard_stop(&toks[k]))
        .map(|k| k + 1)
        .unwrap_or(0);
    let hi = (t.j + 1..n)
        .find(|&k| {
            hard_stop(&toks[k])
                || is_comma(&toks[k])
                    && k > t.j + 1
                    && !toks.get(k + 1).is_some_and(|x| adverbial(x) && x.word)
        })
        .unwrap_or(n);
    // only adverbials (and the words of other phrases' gaps) between
    let gap_ok = |from: usize, to: usize, limit: usize| {
        let plain = toks[from..to]
            .iter()
            .filter(|x| x.word && !adverbial(x) && !x.stopword && !counted(std::slice::from_ref(x)))
            .count();
        plain <= limit
    };
    let inside = |p: &Phrase| p.a <= t.j && p.b > t.i;
    let after: Vec<&Phrase> = ph
        .iter()
        .filter(|p| p.a > t.j && p.a < hi && gap_ok(t.j + 1, p.a, 6))
        .collect();
    let before: Vec<&Phrase> = ph
        .iter()
        .filter(|p| p.b <= t.i && p.a >= lo && !inside(p))
        .collect();
    let is_target_prep = |p: &Phrase| {
        let loc = p.place.is_some();
        match p.prep.as_deref() {
            // ب and ل before a place mark where, not whom (بإسلام أباد)
            Some("ب" | "ل") => !loc,
            Some("علي" | "ضد" | "الي" | "مع" | "تجاه" | "باتجاه" | "اتجاه" | "نحو" | "لدي") => {
                true
            }
            _ => false,
        }
    };
    let bare_np = |p: &Phrase| p.prep.is_none() && (p.place.is_none() || p.code.is_some());
    let src: Option<&'p Phrase>;
    let mut tgt: Option<&'p Phrase>;
    let violent = t.violent();
    // a verb form with a preposition or the article is a verbal noun
    // (قام مسلحون بخطف …، عمليات الخطف)
    let clitic = toks[t.i].prefix.trim_start_matches(['و', 'ف']);
    // so is one right after a temporal preposition (لدى خطفهم "when they
    // were kidnapped", بعد اغتياله)
    let after_prep = t.i > 0
        && matches!(
            toks[t.i - 1].norm.as_str(),
            "لدي" | "عند" | "بعد" | "قبل" | "اثناء" | "خلال" | "منذ" | "اثر"
        );
    let pos = if t.pos == Pos::Verb && (!clitic.is_empty() || after_prep) {
        Pos::Noun
    } else {
        t.pos
    };
    // a trigger that spans تعرض / نجا and its event noun («تعرضت قافلته
    // الدبلوماسية لهجوم»): the phrase inside it, else the subject before
    // the verb, undergoes the event; the agent comes with على يد / من قبل
    if t.j > t.i
        && toks[t.i]
            .cands
            .iter()
            .any(|c| UNDERGO.contains(&c.as_str()))
    {
        let inside_subject = ph
            .iter()
            .find(|p| p.a > t.i && p.b <= t.j && p.prep.is_none() && p.code.is_some());
        let before_subject = before
            .iter()
            .rev()
            .copied()
            .find(|p| bare_np(p) && gap_ok(p.b, t.i, 3));
        let tgt = inside_subject.or(before_subject);
        let src = agent_phrase(toks, &after).filter(|s| tgt.is_none_or(|g| g.a != s.a));
        return (src, tgt);
    }
    match pos {
        Pos::Verb => {
            // verb-first: the first bare phrase after the verb (adverbials
            // and counts may stand between); a verb with plural agreement
            // (قتلوا، يتظاهرون) follows its subject (SVO); a singular one
            // usually precedes it (VSO)
            let w = bare_word(&toks[t.i]).to_string();
            let dual =
                w.ends_with('ا') && PASSIVE_OR_ACTIVE.contains(&w.as_str()) && !w.ends_with("وا");
            let plural = w.ends_with("وا") || w.ends_with("ون") || dual;
            let pre = before
                .iter()
                .rev()
                .copied()
                .find(|p| bare_np(p) && gap_ok(p.b, t.i, 3) && !after_place_noun(toks, p));
            let post = after
                .iter()
                .copied()
                .find(|p| p.prep.is_none() && gap_ok(t.j + 1, p.a, 1) && !trig_mask[p.a]);
            let post_counted = post.is_some_and(|p| counted(&toks[t.j + 1..p.a]));
            let pre_counted =
                pre.is_some_and(|p| counted(&toks[p.a.saturating_sub(3).max(lo)..p.a]));
            let passive_only = PASSIVE_ONLY.contains(&w.as_str());
            // violence and coercion (arrests): the verbs that news reports
            // in the passive
            let harm = violent || t.code.starts_with("17");
            let may_be_passive = harm && (passive_only || PASSIVE_OR_ACTIVE.contains(&w.as_str()));
            // a count between a violent verb and its phrase marks victims
            // of a passive (قتل 28 شخصا): the phrase is the target; so does
            // a counted subject before a plural verb (ستة اشخاص قتلوا)
            // an agent named with على يد / من قبل marks a passive: the
            // phrase before the verb is the victim («ضابط شرطة وجنديا
            // اختطفا من منزليهما على يد مسلحين»)
            let marked_agent = explicit_agent(toks, &after);
            // أنهم + verb: the pronoun resumes the subject named before it
            // («إن ثمانية جنود أميركيين نفذوا الغارة وانهم اختطفوا مواطنا
            // سوريا»): active, whatever the count before
            let resumed = t.i > 0 && RESUMING.contains(&toks[t.i - 1].norm.trim_start_matches('و'));
            if resumed && pre.is_some() {
                src = pre;
                tgt = post.or_else(|| after.iter().copied().find(|p| is_target_prep(p)));
            } else if may_be_passive && pre.is_some() && marked_agent.is_some() {
                tgt = pre;
                src = marked_agent;
            } else if passive_only || (harm && post_counted && !pre_counted && post.is_some()) {
                tgt = if passive_only && !post_counted && pre.is_some() && plural {
                    pre
                } else {
                    post.or(pre)
                };
                src = agent_phrase(toks, &after).or_else(|| {
                    pre.filter(|p| !passive_only && tgt.is_none_or(|g| !std::ptr::eq(*p, g)))
                });
            } else if may_be_passive
                && pre.is_some()
                && (plural && pre_counted && !post_counted || post.is_none())
            {
                // ستة اشخاص قتلوا …; ان جنديا أميركيا قتل وأصيب 10 …
                tgt = pre;
                src = agent_phrase(toks, &after);
            } else if may_be_passive
                && pre.is_none()
                && post.is_some_and(|p| {
                    // nothing else bare after the subject, and the attack
                    // named in a في / جراء / ب phrase: a passive (جرح وزير
                    // الدفاع في تفجير سيارة مفخخة)
                    !after.iter().any(|q| q.a >= p.b && q.prep.is_none())
                        && (p.b..hi).any(|k| {
                            trig_mask[k]
                                && k > 0
                                && (matches!(
                                    toks[k - 1].norm.as_str(),
                                    "في" | "جراء" | "اثر" | "بسبب" | "نتيجه"
                                ) || toks[k]
                                    .prefix
                                    .trim_start_matches(['و', 'ف'])
                                    .starts_with('ب'))
                        })
                })
            {
                tgt = post;
                src = agent_phrase(toks, &after);
            } else if may_be_passive
                && pre.is_none()
                && post.is_some_and(|p| {
                    unarmed(p) && !after.iter().any(|q| q.a >= p.b && q.prep.is_none())
                })
            {
                // a harm verb with one phrase after it, an unarmed one:
                // the headline passive («خطف موظف بريطاني يعمل في …»);
                // an armed one is the agent (خطف مسلحون …)
                tgt = post;
                src = agent_phrase(toks, &after);
            } else {
                // كان / أن / إن + subject + verb: a subject-first clause
                // (through one head word no phrase covers: إن حركة | طالبان,
                // when NER named only the name)
                let opens = |k: usize| {
                    SVO_OPENERS.contains(&toks[k].norm.trim_start_matches('و'))
                        || matches!(toks[k].norm.as_str(), "«" | "\"")
                };
                let opener = pre.is_some_and(|p| {
                    p.a == lo
                        || (p.a > 0 && opens(p.a - 1))
                        || (p.a > 1
                            && opens(p.a - 2)
                            && toks[p.a - 1].word
                            && !ph.iter().any(|q| q.a < p.a && q.b >= p.a))
                });
                // after إن / أن / كان the subject comes first, whatever
                // follows the verb (إن حركة طالبان اختطفت حاكم منطقة)
                // an indefinite common noun right before the verb is the
                // subject of a relative clause («انفجار عبوة ناسفة
                // استهدفت حافلة مدنية»: a device that targeted a bus)
                let relative = pre.is_some_and(|p| {
                    p.b == t.i
                        && p.entity.is_none()
                        && p.place.is_none()
                        && !toks[p.a].prefix.ends_with("ال")
                        && p.code
                            .as_deref()
                            .is_some_and(|c| c.len() == 3 && is_role(c))
                });
                let svo = opener || relative;
                src = if (plural || svo) && pre.is_some() {
                    pre
                } else {
                    post.or_else(|| {
                        // (not a word of another trigger: «فتح النار ثم
                        // فجر الشحنة» — فتح is an act, not Fatah; and
                        // none when the nearest is a place after a place
                        // noun, which ends an earlier clause: «في مطار
                        // اسلام اباد الدولي، فتح النار»; after و / ف the
                        // coordination pass reads it, شرق الرمادي وقتلت)
                        let conj_verb = toks[t.i].prefix.starts_with(['و', 'ف']);
                        before
                            .iter()
                            .rev()
                            .copied()
                            .find(|p| bare_np(p) && gap_ok(p.b, t.i, 5) && !trig_mask[p.a])
                            .filter(|p| conj_verb || !after_place_noun(toks, p))
                    })
                    .or_else(|| {
                        // a subject-first clause opened by إن / أن far
                        // before its verb («إن قوة من الشرطة العراقية
                        // قامت بمداهمة جامع … واعتدت على المصلين»)
                        before.iter().rev().copied().find(|p| {
                            bare_np(p)
                                && p.a > 0
                                && t.i - p.b <= 15
                                && matches!(
                                    toks[p.a - 1].norm.trim_start_matches('و'),
                                    "ان" | "انه" | "بان"
                                )
                        })
                    })
                };
                // (a phrase inside another trigger is that event's: «قتلوا
                // في هجوم انتحاري» does not make the bomber the victim)
                tgt = after.iter().copied().find(|p| {
                    src.is_none_or(|s| !std::ptr::eq(*p, s))
                        && !trig_mask[p.a]
                        && (is_target_prep(p)
                            || (p.prep.is_none()
                                && src.is_some_and(|s| s.b <= p.a)
                                && !nisba_of_a_noun(toks, ph, p)))
                });
            }
        }
        Pos::Noun if patient_noun(&toks[t.i]) => {
            // مقتل / اغتيال / اختطاف X: the genitive is the victim; the
            // agent comes with على يد / من قبل, or is the clause subject.
            // With a pronoun for its genitive (لدى خطفهم، اغتياله) the
            // victim is the nearest coded phrase before it in the clause
            // (a singular ـه never a crowd of people)
            let resumed = pronoun_victim(toks, &before, t.i);
            tgt = resumed
                .or_else(|| {
                    after
                        .iter()
                        .copied()
                        .find(|p| p.prep.is_none() && gap_ok(t.j + 1, p.a, 1) && !trig_mask[p.a])
                })
                .or_else(|| undergoer(toks, ph, t));
            // (a place before the noun is where, not who: … مدينة الموصل
            // … ما أسفر عن مقتل 42 منهم)
            // (the phrase a pronoun resumes is the victim, so the agent is
            // only one named with على يد / من قبل)
            src = agent_phrase(toks, &after).or_else(|| {
                before.iter().rev().copied().find(|p| {
                    resumed.is_none()
                        && bare_np(p)
                        && !after_place_noun(toks, p)
                        && t.i - p.b <= 8
                        && !speaker(toks, p)
                })
            });
        }
        Pos::Noun => {
            // a nisba inside the trigger (هجوم انتحاري) or right after the
            // noun (غارات روسية، هجوم المسلحين), else a subject before it
            let undergo = undergoer(toks, ph, t);
            // the named subject of a light verb (نفذ، شن …) carried the
            // attack out, whatever its adjective says: «12 امرأة نفذت
            // عمليات انتحارية» → the women, not "suicide" (UAF)
            let light = (t.i.saturating_sub(4)..t.i)
                .rev()
                .find(|&k| toks[k].cands.iter().any(|c| agentive_light(c)));
            let light_subject = light.and_then(|k| {
                before
                    .iter()
                    .copied()
                    .find(|p| p.a > k && bare_np(p) && p.code.is_some())
                    .or_else(|| {
                        before.iter().rev().copied().find(|p| {
                            p.b <= k
                                && k - p.b <= 2
                                && bare_np(p)
                                && p.code.is_some()
                                && !speaker(toks, p)
                        })
                    })
            });
            src = ph
                .iter()
                .find(|p| inside(p) && p.a > t.i && p.code.is_some())
                .filter(|p| p.code.as_deref() != Some("UAF") || light_subject.is_none())
                .or(light_subject.filter(|_| {
                    ph.iter()
                        .any(|p| inside(p) && p.a > t.i && p.code.as_deref() == Some("UAF"))
                }))
                .or_else(|| {
                    after
                        .iter()
                        .copied()
                        .find(|p| p.prep.is_none() && p.a <= t.j + 2)
                })
                .or_else(|| agent_phrase(toks, &after))
                .or_else(|| {
                    // a phrase before the noun (not its undergoer, not
                    // the one who reports it)
                    before.iter().rev().copied().find(|p| {
                        bare_np(p)
                            && t.i - p.b <= 8
                            && undergo.is_none_or(|u| u.a != p.a)
                            && !speaker(toks, p)
                    })
                });
            tgt = undergoer(toks, ph, t)
                .or_else(|| {
                    casualty_noun(&toks[t.i])
                        .then(|| among_ranks(toks, &after, t.j))
                        .flatten()
                })
                .or_else(|| {
                    after
                        .iter()
                        .copied()
                        .find(|p| is_target_prep(p) && src.is_none_or(|s| !std::ptr::eq(*p, s)))
                });
        }
    }
    // an agent named with على يد / من قبل / برصاص when nothing else was
    let src = src.or_else(|| agent_phrase(toks, &after));
    if let (Some(s), Some(g)) = (src, tgt) {
        if std::ptr::eq(s, g) {
            tgt = None;
        }
    }
    (src, tgt)
}

/// Nouns that introduce a place name (مدينة الموصل، قرية بلعين).
const PLACE_NOUNS: &[&str] = &[
    "مدينه",
    "منطقه",
    "بلده",
    "قريه",
    "محافظه",
    "ولايه",
    "اقليم",
    "حي",
    "مخيم",
    "قطاع",
    "ناحيه",
    "قضاء",
    "بوابه",
    "شارع",
    "ساحه",
    // (an airport or a port named after its city: «مطار اسلام اباد»)
    "مطار",
    "ميناء",
    "عاصمه",
    "شرق",
    "غرب",
    "شمال",
    "جنوب",
    "وسط",
];

/// A place phrase named after a place noun (مدينة الموصل): a where.
fn after_place_noun(toks: &[Tok], p: &Phrase) -> bool {
    p.place.is_some()
        && p.a > 0
        && toks[p.a - 1]
            .cands
            .iter()
            .any(|c| PLACE_NOUNS.contains(&c.as_str()))
}

/// A one-word country nisba (باكستانية) after a word no phrase covers
/// describes that noun («في عدة مدن باكستانية»، «حافلة مدنية»): it is no
/// actor of its own, so it is no object either.
fn nisba_of_a_noun(toks: &[Tok], ph: &[Phrase], p: &Phrase) -> bool {
    let w = &toks[p.a].norm;
    p.b == p.a + 1
        && p.a > 0
        && p.place.is_some()
        && ["ي", "يه", "يين", "يون", "يات"]
            .iter()
            .any(|e| w.ends_with(e))
        && toks[p.a - 1].word
        && !adverbial(&toks[p.a - 1])
        && !counted(&toks[p.a - 1..p.a])
        && !ph.iter().any(|q| q.a < p.a && q.b >= p.a)
}

/// CAMEO sectors of people who do not carry arms: as the only phrase
/// after a harm verb they are its victims.
const UNARMED: &[&str] = &[
    "CVL", "EDU", "LAB", "HLH", "MED", "REL", "BUS", "GOV", "LEG", "JUD", "ELI", "AGR", "REF",
];

/// A phrase whose code is only an unarmed sector, with or without a
/// country (موظف بريطاني → `GBRCVL`).
fn unarmed(p: &Phrase) -> bool {
    p.code.as_deref().is_some_and(|c| {
        let role = if c.len() == 3 {
            c
        } else {
            c.get(3..6).unwrap_or("")
        };
        c.len() <= 6 && UNARMED.contains(&role)
    })
}

/// Air strikes and shelling (CAMEO 194, 195) attributed to a country by a
/// nisba are its military's (غارة اسرائيلية، ضربة جوية اميركية →
/// `ISRMIL`, `USAMIL`): a bare country code on their source gets `MIL`. A
/// country named as a noun stays as named (إسرائيل نفذت ضربة جوية → `ISR`).
fn military_platforms(toks: &[Tok], trigs: &[Trig], args: &mut [(Option<Phrase>, Option<Phrase>)]) {
    for (t, (s, _)) in trigs.iter().zip(args.iter_mut()) {
        if !matches!(t.code.get(..3), Some("194" | "195")) {
            continue;
        }
        if let Some(p) = s {
            // a country named as a noun is coded as named (إسرائيل نفذت
            // ضربة جوية → ISR); a nisba describes the strike's arm
            let last = &toks[p.b - 1].norm;
            let nisba = ["ي", "يه", "يين", "يون"].iter().any(|e| last.ends_with(e));
            if let Some(c) = &p.code {
                if nisba
                    && c.len() == 3
                    && !is_role(c)
                    && !matches!(c.as_str(), "IGO" | "NGO" | "IMG" | "MNC")
                {
                    p.code = Some(format!("{c}MIL"));
                }
            }
        }
    }
}

/// Pronouns and complementizers with a pronoun that resume the subject of
/// an earlier clause (وانهم اختطفوا).
const RESUMING: &[&str] = &["انه", "انها", "انهم", "انهما", "لانه", "لانهم"];

/// A verb coordinated with an earlier conflict verb of the sentence (a
/// verb with و / ف, or after أنهم) has that verb's subject, which Arabic does not
/// repeat: «اطلقت القوات الاسرائيلية صاروخا … فقتلت المدرس» — the phrase
/// after the second verb is its object, not its subject; «قوة من الشرطة
/// العراقية قامت بمداهمة جامع … واعتدت على المصلين». Only between
/// material-conflict codes (CAMEO 13–20), with no full stop between and
/// at most 25 words apart; a verb read as passive (no source) takes the
/// earlier source as its agent.
fn shared_subjects(
    lx: &Lexicon,
    toks: &[Tok],
    ph: &[Phrase],
    trigs: &[Trig],
    args: &mut [(Option<Phrase>, Option<Phrase>)],
) {
    let conflict = |t: &Trig| t.code.get(..2).is_some_and(|r| ("13"..="20").contains(&r));
    for b in 0..trigs.len() {
        let tb = &trigs[b];
        if tb.pos != Pos::Verb || !conflict(tb) {
            continue;
        }
        // و / ف that begin the verb itself (فتحت النار) are no conjunction
        let clitic = if lx.forms.contains_key(&toks[tb.i].norm) {
            ""
        } else {
            toks[tb.i].prefix.as_str()
        };
        let resumed = tb.i > 0 && RESUMING.contains(&toks[tb.i - 1].norm.trim_start_matches('و'));
        if !(matches!(clitic, "و" | "ف") || resumed) {
            continue;
        }
        let from_trigger = (0..b).rev().find(|&a| {
            let ta = &trigs[a];
            conflict(ta)
                && ta.j < tb.i
                && tb.i - ta.j <= 25
                && !toks[ta.j + 1..tb.i].iter().any(hard_stop)
                && args[a].0.as_ref().is_some_and(|p| p.b <= tb.i)
        });
        // else the subject of the nearest verb-first clause before it,
        // when that verb is no trigger (اطلقت القوات الاسرائيلية صاروخا
        // … فقتلت المدرس)
        let earlier = match from_trigger {
            Some(a) => args[a].0.clone(),
            // the clause's first such subject (the main clause's), not a
            // phrase after a noun that looks like a verb (شرق القطاع)
            // (or a subject-first clause: «إن قوات الأمن دخلت جامعة الانبار
            // في جنوب مدينة الرمادي … واشتبكت مع مسلحي داعش», the subject
            // right after إن / كان and right before its verb)
            None => ph
                .iter()
                .find(|p| {
                    p.b <= tb.i
                        && tb.i - p.b <= 25
                        && p.a >= 1
                        && p.prep.is_none()
                        && p.code.is_some()
                        && p.place.is_none()
                        && (verb_shaped(&toks[p.a - 1])
                            || SVO_OPENERS.contains(&toks[p.a - 1].norm.trim_start_matches('و'))
                                && p.b < tb.i
                                && perfect_shaped(&toks[p.b]))
                        && !toks[p.a..tb.i].iter().any(hard_stop)
                })
                .cloned(),
        };
        if earlier.is_none() {
            continue;
        }
        // the earlier clause's target: its event's, or the first على / ضد
        // phrase between its subject and this verb (أطلق مسلحو داعش النار
        // على المواطنين فقتلوا اثنين منهم)
        let earlier_target = from_trigger.and_then(|a| args[a].1.clone()).or_else(|| {
            let from = earlier.as_ref().map_or(0, |e| e.b);
            ph.iter()
                .find(|p| {
                    p.a >= from && p.b <= tb.i && matches!(p.prep.as_deref(), Some("علي" | "ضد"))
                })
                .cloned()
        });
        // N منهم after the verb: some of that target (وقتلت 31 منهم)
        let of_them = (tb.j + 1..toks.len().min(tb.j + 4))
            .any(|k| matches!(toks[k].norm.as_str(), "منهم" | "منهن" | "منها"));
        let conj = !resumed;
        let passive_only = PASSIVE_ONLY.contains(&bare_word(&toks[tb.i]));
        let after = |p: &Option<Phrase>| p.as_ref().is_some_and(|p| p.a > tb.j);
        let before = |p: &Option<Phrase>| p.as_ref().is_some_and(|p| p.b <= tb.i);
        let (s, g) = (&args[b].0, &args[b].1);
        let (new_s, new_g) = if passive_only {
            // اغتيل / أصيب: the earlier subject is at most the agent
            (s.clone().or(earlier), g.clone())
        } else if after(s) && g.is_none() {
            // فقتلت المدرس: the phrase after the verb is its object
            (earlier, s.clone())
        } else if after(s) {
            // a subject and an object of its own after the verb
            continue;
        } else if s.is_none()
            || conj && s.as_ref().is_some_and(|p| p.b <= tb.i && p.place.is_some())
        {
            // nothing, or a phrase before و + verb, which ends the
            // previous clause (… شرق الرمادي وقتلت 31 منهم); a target
            // read from before the verb (a passive reading) gives way to
            // the earlier clause's
            let g = if before(g) {
                earlier_target.clone()
            } else {
                g.clone()
            };
            (earlier, g)
        } else {
            continue;
        };
        let new_g = if new_g.is_none() && of_them {
            earlier_target
        } else {
            new_g
        };
        if let (Some(x), Some(y)) = (&new_s, &new_g) {
            if x.a == y.a {
                continue;
            }
        }
        args[b] = (new_s, new_g);
    }
}

/// Words that name what an attack was aimed at: استهدف X، مستهدفا X;
/// لدى / عند / أثناء مرور X (a patrol, a convoy).
const AIM: &[&str] = &[
    "استهدف",
    "استهدفت",
    "استهدفا",
    "استهدفتا",
    "يستهدف",
    "تستهدف",
    "مستهدفا",
    "مستهدفه",
    "مستهدفين",
    "مرور",
];

/// Words after a casualty count that name a group among the victims:
/// بينهم، من بينهم، منهم.
const AMONG: &[&str] = &["بينهم", "بينهن", "منهم"];

/// A target that is only "people" (اشخاص، مدنيين: code `CVL`, no entity).
fn generic_people(p: &Phrase) -> bool {
    p.code.as_deref() == Some("CVL") && p.entity.is_none() && p.members.is_empty()
}

/// A site (موقع، مواقع) that an attack hit is a position or a place, not
/// the "website" the dictionary reads (موقع → `MED`): «وأطلقوا قذائفهم
/// باتجاه موقع فلسطيني» is an attack on a Palestinian position, gold `PSE`
/// (3 annotators of 3), not on Palestinian media. The `MED` part of a
/// violent event's target headed by موقع is dropped; a site left with no
/// code is its owner's when a ل-genitive follows («موقعا للجيش» → `MIL`),
/// else no target, so that the place rules can fill it.
fn attacked_sites(
    toks: &[Tok],
    ph: &[Phrase],
    trigs: &[Trig],
    args: &mut [(Option<Phrase>, Option<Phrase>)],
) {
    for (t, (_, g)) in trigs.iter().zip(args.iter_mut()) {
        if !t.violent() {
            continue;
        }
        let Some(p) = g.as_mut() else { continue };
        let site = toks[p.a]
            .cands
            .iter()
            .any(|c| matches!(c.as_str(), "موقع" | "مواقع" | "موقعا"));
        let Some(code) = p.code.as_deref().filter(|c| site && c.len() % 3 == 0) else {
            continue;
        };
        let kept: String = (0..code.len())
            .step_by(3)
            .filter_map(|i| code.get(i..i + 3))
            .filter(|part| *part != "MED")
            .collect();
        if kept.len() == code.len() {
            continue;
        }
        if !kept.is_empty() {
            p.code = Some(kept);
            continue;
        }
        // a bare site is its owner's when a ل-genitive names one right
        // after it, past one describing word («موقعا للجيش»، «موقع متقدم
        // للجيش التركي» → TURMIL); else no target
        let b = p.b;
        *g = ph
            .iter()
            .find(|q| {
                (q.a == b || q.a == b + 1 && toks[b].word && toks[b].prefix.is_empty())
                    && q.prep.as_deref() == Some("ل")
                    && q.code.is_some()
                    && q.place.is_none()
            })
            .cloned();
    }
}

/// Attack nouns whose object takes على (هجوم على، غارة على): a ل-genitive
/// right after them is their possessor, the attacker. (Not ضربة: «توجيه
/// ضربات للمتشددين»، «ضربة جديدة للرئيس» are blows *to* them.)
const POSSESSED_ATTACKS: &[&str] = &[
    "هجوم",
    "هجمات",
    "هجوما",
    "غاره",
    "غارات",
    "اعتداء",
    "اعتداءات",
];

/// «هجوم لداعش على الحدود»، «غارة جوية لطيران التحالف»: the ل-genitive
/// right after an attack noun that takes its object with على is the
/// attack's owner, i.e. its agent (CAMEO's source), not its target, which
/// the ل-phrase had become (ل marks objects after verbal nouns such as
/// قصف or استهداف, which are left alone). One adjective may stand between
/// (جوية، انتحاري). Only a coded phrase that is no place counts; the
/// target it leaves is filled by the later rules (what the attack aimed
/// at, its victims).
fn possessor_agents(
    toks: &[Tok],
    ph: &[Phrase],
    trigs: &[Trig],
    args: &mut [(Option<Phrase>, Option<Phrase>)],
) {
    for (t, (s, g)) in trigs.iter().zip(args.iter_mut()) {
        if !t.violent()
            || t.pos != Pos::Noun
            || !toks[t.j]
                .cands
                .iter()
                .any(|c| POSSESSED_ATTACKS.contains(&c.as_str()))
        {
            continue;
        }
        let owner = ph.iter().find(|p| {
            p.prep.as_deref() == Some("ل")
                && toks[p.a]
                    .prefix
                    .trim_start_matches(['و', 'ف'])
                    .starts_with('ل')
                && (p.a == t.j + 1
                    || p.a == t.j + 2
                        && toks[t.j + 1].word
                        && toks[t.j + 1].prefix.trim_start_matches('و').is_empty()
                        && !ph.iter().any(|q| q.a <= t.j + 1 && q.b > t.j + 1))
                && p.code.is_some()
                && p.place.is_none()
        });
        let Some(owner) = owner else { continue };
        if g.as_ref().is_some_and(|x| x.a == owner.a) {
            *g = None;
        }
        *s = Some(owner.clone());
    }
}

/// The casualties of a passive verb (أصيب، اغتيل، استشهد، لقي حتفه) named
/// before an attack noun are its target, not its agent: «أصيب فجر أمس
/// ثلاثة من عناصر القوة التنفيذية … برئاسة إسماعيل هنية، في انفجار عبوة
/// جانبية» had the wounded (or a name inside their phrase) as the
/// explosion's source (the phrase before an event noun). CAMEO's target of
/// an assault is who suffered it, and a verb that is only passive leaves
/// no doubt that its subject suffered. The victim is the first phrase
/// after the passive verb, with only time adverbials, counts and a
/// partitive between («أصيب فجر أمس ثلاثة من عناصر»); it must end at most
/// twelve words before the event noun, in one clause, with no verb
/// between, and the noun must be the casualties' circumstance (في، بـ،
/// إثر، جراء، خلال right before it). It takes the target when the event
/// has none or only generic people, and it (or a phrase of its own words
/// up to the noun: برئاسة X) is no source of the event.
/// (The session-7 victims rule did this for generic people only; this one
/// reads the verb, so it holds for police or soldiers hurt as well.)
fn passive_casualties(
    toks: &[Tok],
    ph: &[Phrase],
    trigs: &[Trig],
    args: &mut [(Option<Phrase>, Option<Phrase>)],
) {
    // only adverbials, counts and a partitive between the verb and the
    // victims
    let filler = |x: &Tok| {
        adverbial(x)
            || counted(std::slice::from_ref(x))
            || x.norm == "من"
            || x.cands.iter().any(|c| UNIT_NOUNS.contains(&c.as_str()))
    };
    for (t, (s, g)) in trigs.iter().zip(args.iter_mut()) {
        if !t.violent() || t.pos != Pos::Noun {
            continue;
        }
        // the attack is the circumstance of the casualties: «في انفجار»،
        // «بانفجار»، «إثر هجوم»، «جراء قصف» (not «منعته من تفجير نفسه»)
        let circumstance = toks[t.i]
            .prefix
            .trim_start_matches(['و', 'ف'])
            .starts_with('ب')
            || t.i > 0 && matches!(toks[t.i - 1].norm.as_str(), "في" | "اثر" | "جراء" | "خلال");
        if !circumstance {
            continue;
        }
        let from = t.i.saturating_sub(24);
        let Some(v) = (from..t.i)
            .rev()
            .find(|&x| PASSIVE_ONLY.contains(&bare_word(&toks[x])))
        else {
            continue;
        };
        let Some(victim) = ph.iter().find(|p| p.a > v && p.code.is_some()) else {
            continue;
        };
        let ok = victim.b <= t.i
            && victim.place.is_none()
            && t.i - victim.b <= 12
            && victim.a - v <= 7
            && toks[v + 1..victim.a].iter().all(filler)
            && !toks[v..t.i].iter().any(hard_stop)
            && !toks[victim.b..t.i].iter().any(verb_shaped);
        if !ok {
            continue;
        }
        if s.as_ref().is_some_and(|p| p.a >= victim.a && p.b <= t.i) {
            *s = None;
        }
        if g.as_ref().is_none_or(generic_people) {
            *g = Some(victim.clone());
        }
    }
}

/// The target of an attack is what it was aimed at when the sentence says
/// so: «هجوم انتحاري … استهدف نقطة تفتيش للشرطة، وأدى الى مقتل 15
/// شخصا» → the police, not "persons"; «لدى مرور دورية للجيش الأميركي» →
/// the US army. Among victims named only as people, a group singled out
/// with بينهم is the target («مقتل 15 شخصا بينهم سبعة من الشرطة»). Only
/// replaces a missing target or one that is generic people; the aimed-at
/// phrase is the first coded phrase within five words of the cue (a ل
/// genitive counts: دورية للشرطة), in the same clause.
fn aimed_targets(
    toks: &[Tok],
    ph: &[Phrase],
    trigs: &[Trig],
    args: &mut [(Option<Phrase>, Option<Phrase>)],
) {
    let cue_at =
        |k: usize, words: &[&str]| toks[k].cands.iter().any(|c| words.contains(&c.as_str()));
    let object_after = |k: usize| {
        ph.iter().find(|p| {
            p.a > k
                && p.a <= k + 5
                && p.code.is_some()
                && p.place.is_none()
                && matches!(p.prep.as_deref(), None | Some("ل"))
                && !toks[k + 1..p.a].iter().any(hard_stop)
        })
    };
    for (t, (s, g)) in trigs.iter().zip(args.iter_mut()) {
        if !t.violent() {
            continue;
        }
        if g.as_ref().is_some_and(|p| !generic_people(p)) {
            continue;
        }
        // victims named first, as the clause's topic («ستة اشخاص قتلوا في
        // هجوم … استهدف نقطة تفتيش») stay the target
        if g.as_ref().is_some_and(|p| p.b <= t.i) {
            continue;
        }
        // بينهم + a group, right after the victims (or after a bare count
        // of them: «إصابة عشرة بينهم ثلاثة من رجال الشرطة»)
        let from = g.as_ref().map_or(t.j + 1, |v| v.b);
        let reach = if g.is_some() { 3 } else { 12 };
        let among = (from..toks.len().min(from + reach))
            .take_while(|&k| !hard_stop(&toks[k]))
            .find(|&k| cue_at(k, AMONG));
        if let Some(p) = among.and_then(object_after) {
            if !generic_people(p) {
                *g = Some(p.clone());
                continue;
            }
        }
        // استهدف X / لدى مرور X, nearest the trigger in its sentence
        let cue = (0..toks.len())
            .filter(|&k| cue_at(k, AIM) && k.abs_diff(t.i) <= 20)
            .filter(|&k| {
                let (x, y) = if k < t.i { (k, t.i) } else { (t.j, k) };
                !toks[x..y].iter().any(hard_stop)
            })
            .min_by_key(|&k| k.abs_diff(t.i));
        // a cue right before the trigger names what comes after the
        // trigger's own words («استهدف آخر هجوم انتحاري في كابل أيضا
        // القوات الأجنبية»: not the bomber inside the trigger)
        let object = |k: usize| {
            if k < t.i && t.i - k <= 3 {
                object_after(t.j).filter(|p| !toks[k + 1..p.a].iter().any(hard_stop))
            } else {
                object_after(k)
            }
        };
        let Some(p) = cue.and_then(object) else {
            continue;
        };
        if s.as_ref().is_some_and(|s| s.a == p.a) {
            continue;
        }
        *g = Some(p.clone());
    }
}

/// Words that tie a result to the attack before it: أدى إلى، أسفر عن،
/// أوقع، خلف، تسبب في، مما.
const RESULT_LINKS: &[&str] = &[
    "ادي",
    "ادت",
    "اسفر",
    "اسفرت",
    "اوقع",
    "اوقعت",
    "خلف",
    "خلفت",
    "تسبب",
    "تسببت",
    "مما",
    "اودي",
    "اودت",
    "حصد",
    "حصدت",
];

/// Links the arguments of the events of one sentence: a result noun's
/// victims are the target of the attack that caused them (هجوم … أدى إلى
/// مقتل 71 شخصا), and the attack's source is the result's; an attack named
/// in a في / ب phrase (قتل 12 شخصا في هجوم انتحاري) shares the killing's
/// arguments the same way. A violent event still without a source takes an
/// unidentified attacker when the sentence names one (مسلحون مجهولون، هجوم
/// انتحاري، سيارة مفخخة): code UAF.
pub(crate) fn link_arguments(
    toks: &[Tok],
    ph: &[Phrase],
    trigs: &[Trig],
    args: &mut [(Option<Phrase>, Option<Phrase>)],
) {
    let violent = Trig::violent;
    // an attack or device noun right before استهدف is its subject (a
    // relative clause on it: «انفجار عبوة ناسفة استهدفت حافلة مدنية»،
    // «سيارة مفخخة استهدفت دورية للشرطة»), so the phrase after the verb is
    // what was targeted, not who targeted (the verb is left without a
    // source of its own)
    for b in 1..trigs.len() {
        let tb = &trigs[b];
        if tb.pos != Pos::Verb
            || !violent(tb)
            || !toks[tb.i].cands.iter().any(|c| AIM.contains(&c.as_str()))
        {
            continue;
        }
        let noun_before = (0..b).rev().any(|a| {
            let ta = &trigs[a];
            ta.pos == Pos::Noun
                && violent(ta)
                && ta.j < tb.i
                && tb.i - ta.j <= 3
                && !toks[ta.j + 1..tb.i].iter().any(hard_stop)
        });
        if !noun_before {
            continue;
        }
        // (a target read after that subject, often its adjective split
        // off — «استهدف قافلة عسكرية» — gives way to it)
        let Some(s) = args[b].0.as_ref().filter(|s| s.a > tb.j) else {
            continue;
        };
        if args[b].1.as_ref().is_none_or(|g| g.a >= s.b) {
            args[b].1 = args[b].0.take();
        }
    }
    for b in 0..trigs.len() {
        for a in 0..b {
            let (ta, tb) = (&trigs[a], &trigs[b]);
            if !violent(ta) || !violent(tb) || tb.i <= ta.j {
                continue;
            }
            let between = &toks[ta.j + 1..tb.i];
            if between.iter().any(hard_stop) {
                continue;
            }
            let link_word = |x: &Tok| x.cands.iter().any(|c| RESULT_LINKS.contains(&c.as_str()));
            let linked = between.iter().any(link_word)
                || patient_noun(&toks[tb.i])
                    && toks[ta.i.saturating_sub(3)..ta.i].iter().any(link_word)
                    && tb.i > 0
                    && matches!(toks[tb.i - 1].norm.as_str(), "الي" | "عن");
            // the later one is an attack in an adverbial phrase of the earlier
            let nested = tb.pos == Pos::Noun
                && !patient_noun(&toks[tb.i])
                && tb.i > 0
                && (matches!(
                    toks[tb.i - 1].norm.as_str(),
                    "في" | "جراء" | "اثر" | "بسبب" | "نتيجه" | "بفعل"
                ) || toks[tb.i]
                    .prefix
                    .trim_start_matches(['و', 'ف'])
                    .starts_with('ب'));
            // an attack noun as the subject of a killing verb right after
            // it («تفجير انتحاري في فندق ماريوت … يقتل 60 شخصا»)
            let subject_of = ta.pos == Pos::Noun
                && tb.pos == Pos::Verb
                && (ta.j + 1..tb.i).all(|k| !trigs.iter().any(|t| t.i == k))
                && args[a].1.is_none()
                && args[b].0.is_none();
            if subject_of {
                args[a].1 = args[b].1.clone();
                continue;
            }
            if linked {
                // attack (a) → result (b): the attack's agent is the
                // result's, whatever phrase stood before the result noun
                if args[a].1.is_none() {
                    args[a].1 = args[b].1.clone();
                }
                if args[a].0.is_some() {
                    args[b].0 = args[a].0.clone();
                } else if args[b]
                    .0
                    .as_ref()
                    .zip(args[a].1.as_ref())
                    .is_some_and(|(s, g)| s.a == g.a)
                {
                    // what the attack struck is no agent of its result
                    // («تعرضت ثكنة … لاعتداء أسفر عن مقتل ثلاثة جنود»:
                    // the barracks did not kill the soldiers)
                    args[b].0 = None;
                }
            } else if nested {
                // killing (a) … في هجوم (b)
                if args[b].1.is_none() {
                    args[b].1 = args[a].1.clone();
                }
                if args[a].0.is_none() {
                    args[a].0 = args[b].0.clone();
                }
                if args[b].0.is_none() {
                    args[b].0 = args[a].0.clone();
                }
            }
        }
    }
    // a source copied over that is the event's own target is no source
    for (s, g) in args.iter_mut() {
        if s.as_ref().zip(g.as_ref()).is_some_and(|(s, g)| s.a == g.a) {
            *s = None;
        }
    }
    // people a violent event of the sentence hurt are no agent of another
    // violent event of it: «قتل 6 من المدنيين … في قصف مدفعي للحوثيين»،
    // «أصيب 25 مدنيًا بجروح في هجوم استهدف مسجدًا» (the phrase before an
    // event noun, read as its agent, is the victims of the killing that
    // names it); only victims named as people (CVL, no entity), who are
    // not a party to a clash the way soldiers or militants are; people
    // counted right after an injury verb (أصيب 25 مدنيًا) are victims too
    possessor_agents(toks, ph, trigs, args);
    attacked_sites(toks, ph, trigs, args);
    passive_casualties(toks, ph, trigs, args);
    let mut victims: Vec<usize> = trigs
        .iter()
        .zip(args.iter())
        .filter(|(t, _)| violent(t))
        .filter_map(|(_, (_, g))| g.as_ref().filter(|g| generic_people(g)).map(|g| g.a))
        .collect();
    victims.extend(
        ph.iter()
            .filter(|p| {
                generic_people(p)
                    && toks[p.a.saturating_sub(2)..p.a]
                        .iter()
                        .any(|x| x.cands.iter().any(|c| INJ_CUES.contains(&c.as_str())))
            })
            .map(|p| p.a),
    );
    if !victims.is_empty() {
        for (t, (s, _)) in trigs.iter().zip(args.iter_mut()) {
            if violent(t)
                && s.as_ref()
                    .is_some_and(|s| victims.contains(&s.a) && generic_people(s))
            {
                *s = None;
            }
        }
    }
    for (k, t) in trigs.iter().enumerate() {
        if t.code.starts_with("14") {
            // the clause's own source stands when it is a participant or
            // a group that protests (the opposition, a party, workers,
            // students, clergy: احتجاجات المعارضة، أعضاء حزب الغد)
            let own = args[k].0.as_ref().is_some_and(|p| {
                (p.a..p.b).any(|x| participant(&toks[x]))
                    || p.code.as_deref().is_some_and(|c| {
                        c.len() >= 3
                            && c.is_char_boundary(c.len() - 3)
                            && matches!(&c[c.len() - 3..], "OPP" | "PTY" | "LAB" | "EDU" | "REL")
                    })
            });
            if !own {
                if let Some(p) = protest_source(toks, ph, t) {
                    args[k].0 = Some(p);
                }
            }
            let strong = args[k]
                .1
                .as_ref()
                .is_some_and(|p| matches!(p.prep.as_deref(), Some("ضد" | "علي")));
            // what the protest is about (ضد، احتجاجا على، مطالبين، يسقط)
            // wins over the clause's object unless that came with ضد / على
            // («خرج المتظاهرون الى الشوارع … لولاية جامو» is no target)
            if args[k].1.is_none() || !strong {
                if let Some(p) = protest_target(toks, ph, t, args[k].0.as_ref()) {
                    args[k].1 = Some(p);
                }
            }
            // a protest against nobody named is coded against the country
            // where it happened, as an attack on a place is (CAMEO codes
            // the target as the actor the protest is aimed at; with none
            // named, the gold coders give the country: «وحمل المتظاهرون في
            // اسطنبول الاعلام التركية» → TUR): the nearest place after
            // في / ب whose country is known
            if args[k].1.is_none() {
                args[k].1 = country_place(toks, ph, t);
            }
            // with neither a target nor a place, the police the sentence
            // sets against the protesters are the target (CAMEO 14: the
            // actor the protest confronts; «احتشد متظاهرون امام السجن
            // وبدأوا في القاء مقذوفات … على قوات الشرطة»، «مواجهات بين
            // المتظاهرين والشرطة» → COP): the nearest phrase coded only as
            // police, or as a country's police
            if args[k].1.is_none() {
                args[k].1 = ph
                    .iter()
                    .filter(|p| {
                        p.code
                            .as_deref()
                            .is_some_and(|c| c == "COP" || c.len() == 6 && c.ends_with("COP"))
                            && args[k].0.as_ref().is_none_or(|s| s.a != p.a)
                    })
                    .min_by_key(|p| p.a.abs_diff(t.i))
                    .cloned();
            }
        }
        if violent(t) && args[k].1.is_none() {
            args[k].1 = result_victims(toks, ph, t).or_else(|| claimed_victims(toks, ph, t));
        }
        // a claim of responsibility names the attacker: it replaces a
        // missing or unidentified source
        if violent(t)
            && args[k]
                .0
                .as_ref()
                .is_none_or(|p| p.code.as_deref() == Some("UAF"))
        {
            if let Some(p) = claimant(toks, ph) {
                if args[k].1.as_ref().is_none_or(|g| g.a != p.a) {
                    args[k].0 = Some(p);
                }
            }
        }
        // X after its fire (رصاص / برصاص / نيران X) shot, it was not shot:
        // «وكان رصاص الجيش الإسرائيلي قد قتل أمس محمد علاونة» → the army
        // is the source, as برصاص X names the agent of a passive killing
        if violent(t) && args[k].0.is_none() {
            let fire = args[k].1.as_ref().is_some_and(|g| {
                g.a > 0
                    && toks[g.a - 1]
                        .cands
                        .iter()
                        .any(|c| c == "رصاص" || c == "نيران")
            });
            if fire {
                args[k].0 = args[k].1.take();
            }
        }
        // projectiles fired from a place named after them, with no one
        // named as firing them, are coded as fired by that place's country
        // («باطلاق صواريخ كاتيوشا من جنوب لبنان على مستوطنة» → LBN), as an
        // attack on a place is coded against its country
        if violent(t) && args[k].0.is_none() {
            if let Some(p) = fired_by(toks, ph, t).or_else(|| launched_from(toks, ph, t)) {
                if args[k].1.as_ref().is_none_or(|g| g.a != p.a) {
                    args[k].0 = Some(p);
                }
            }
        }
        // torture with no torturer named is done by those who hold the
        // victim: the state where it happened («تعرض خلال الاستجواب في
        // مصر للتعذيب» → EGY; the CAMEO codebook's examples of 1822 and
        // 1823 are torture by security forces and in police custody),
        // which is then no target of its own
        if t.code == "1822" && args[k].0.is_none() {
            args[k].0 = country_place(toks, ph, t)
                .filter(|p| args[k].1.as_ref().is_none_or(|g| g.a != p.a));
        }
        if !violent(t) || args[k].0.is_some() {
            continue;
        }
        if let Some(p) = unknown_agent(toks, ph, t, args[k].1.as_ref()) {
            args[k].0 = Some(p);
        }
    }
    detonated_devices(toks, trigs, args);
}

/// A device noun that is the object of a detonation verb («فجر انتحاري
/// سيارة مفخخة أمام مطعم يقصده رجال شرطة»: 183 فجر and 1832 سيارة
/// مفخخة) names the same attack: the noun event takes the sides the verb
/// found where it has none (the bomber, the policemen), instead of standing
/// with no target. The noun must follow the verb within four words (the
/// subject between), in one clause, and both be bombings (CAMEO 183x): a
/// raid after «استهدفت تلك التعزيزات» is the verb's subject, not its
/// device.
fn detonated_devices(toks: &[Tok], trigs: &[Trig], args: &mut [(Option<Phrase>, Option<Phrase>)]) {
    let bombing = |t: &Trig| t.code.starts_with("183");
    for n in 0..trigs.len() {
        let t = &trigs[n];
        if !bombing(t) || t.pos != Pos::Noun {
            continue;
        }
        let verb = (0..n).rev().find(|&v| {
            let u = &trigs[v];
            bombing(u)
                && u.pos == Pos::Verb
                && u.j < t.i
                && t.i - u.j <= 4
                && !toks[u.j..t.i].iter().any(hard_stop)
        });
        let Some(v) = verb else { continue };
        let (vs, vt) = args[v].clone();
        let (s, g) = &mut args[n];
        if s.is_none() {
            *s = vs.filter(|p| p.b <= t.i || p.a > t.j);
        }
        if g.is_none() {
            *g = vt.filter(|p| s.as_ref().is_none_or(|x| x.a != p.a));
        }
    }
}

/// The nearest place after في / ب (or after a compass word with no
/// preposition: «في العديد من المدن جنوب باكستان») whose country is known,
/// as a phrase coded with that country: where an event happened, for the
/// rules that code an unnamed actor by it.
fn country_place(toks: &[Tok], ph: &[Phrase], t: &Trig) -> Option<Phrase> {
    ph.iter()
        .filter(|p| {
            matches!(p.prep.as_deref(), Some("في" | "ب"))
                || p.prep.is_none()
                    && p.a > 0
                    && toks[p.a - 1]
                        .cands
                        .iter()
                        .any(|c| DIRECTIONS.contains(&c.as_str()))
        })
        .filter(|p| {
            p.place
                .as_ref()
                .is_some_and(|pl| pl.2.as_ref().is_some_and(|c| c.len() == 3 && !is_role(c)))
        })
        .min_by_key(|p| p.a.abs_diff(t.i))
        .map(|p| {
            let mut q = p.clone();
            q.code = p.place.as_ref().and_then(|pl| pl.2.clone());
            q
        })
}

/// Projectile words (صاروخ، صواريخ، قذيفة، قذائف).
const PROJECTILES: &[&str] = &["صاروخ", "صواريخ", "قذيفه", "قذائف"];

/// The country a projectile trigger's fire came from: a place with a known
/// country after من within four words of a trigger that names a rocket or
/// a shell, in the same clause; the place's country as the actor.
fn launched_from(toks: &[Tok], ph: &[Phrase], t: &Trig) -> Option<Phrase> {
    let projectile = toks[t.i..=t.j]
        .iter()
        .chain(toks.get(t.j + 1))
        .any(|x| x.cands.iter().any(|c| PROJECTILES.contains(&c.as_str())));
    if !projectile {
        return None;
    }
    let p = ph.iter().find(|p| {
        p.a > t.j
            && p.a <= t.j + 5
            && (p.prep.as_deref() == Some("من")
                // من جنوب لبنان: the compass word between
                || p.a >= t.j + 3
                    && toks[p.a - 2].norm == "من"
                    && toks[p.a - 1]
                        .cands
                        .iter()
                        .any(|c| DIRECTIONS.contains(&c.as_str())))
            && !toks[t.j + 1..p.a].iter().any(hard_stop)
    })?;
    let country = p.place.as_ref()?.2.clone()?;
    if country.len() != 3 || is_role(&country) {
        return None;
    }
    let mut q = p.clone();
    q.code = Some(country);
    Some(q)
}

/// A relative أطلق with the projectile as its object pronoun: «بصاروخ
/// أطلقته قوة إيساف»، «قذائف أطلقها الجيش».
const FIRED: &[&str] = &[
    "اطلقته",
    "اطلقها",
    "اطلقتها",
    "اطلقوه",
    "اطلقوها",
    "يطلقها",
    "تطلقها",
];

/// Who fired the projectile that did a violent event: «قتل خمسة جنود أفغان
/// وأصيب ثمانية آخرون بصاروخ أطلقته قوة إيساف» → the ISAF force, as a
/// claim names the attacker. The relative verb must follow a projectile
/// word, within twelve words after the trigger and in its clause; the
/// agent is the first coded phrase (no place, no preposition) within three
/// words after the verb.
fn fired_by(toks: &[Tok], ph: &[Phrase], t: &Trig) -> Option<Phrase> {
    let end = toks.len().min(t.j + 13);
    let v = (t.j + 1..end)
        .take_while(|&k| !hard_stop(&toks[k]))
        .find(|&k| {
            toks[k].cands.iter().any(|c| FIRED.contains(&c.as_str()))
                && toks[k - 1]
                    .cands
                    .iter()
                    .any(|c| PROJECTILES.contains(&c.as_str()))
        })?;
    ph.iter()
        .find(|p| {
            p.a > v
                && p.a <= v + 3
                && p.code.is_some()
                && p.place.is_none()
                && p.prep.is_none()
                && !toks[v + 1..p.a].iter().any(hard_stop)
        })
        .cloned()
}

/// Words that claim or attribute an attack: تبنى (تبنت، تبناه)، نسب إلى،
/// أعلن مسؤوليته.
const CLAIM: &[&str] = &[
    "تبني",
    "تبنت",
    "تبناه",
    "تبنته",
    "تبنوا",
    "يتبني",
    "نسب",
    "نسبت",
    "مسووليته",
    "مسووليتها",
];

/// The group that claims the sentence's attack, or to which it is
/// attributed: «هجوم انتحاري، نسب الى المتمردين التاميل»، «وقد تبناه تنظيم
/// القاعدة»، «أعلنت حركة طالبان مسؤوليتها»: the first coded phrase within
/// four words after the claim word (through الى), else the subject right
/// before مسؤوليته.
fn claimant(toks: &[Tok], ph: &[Phrase]) -> Option<Phrase> {
    let k = (0..toks.len()).find(|&k| {
        toks[k].cands.iter().any(|c| {
            CLAIM.contains(&c.as_str()) || c.starts_with("مسوول") && c.len() > 12 || c == "وراء"
        })
    })?;
    // (X وراء the attacks: «كان متشددو طالبان وراء سلسلة من أعمال الخطف»,
    // X was behind them: the subject right before the word)
    let responsibility = toks[k]
        .cands
        .iter()
        .any(|c| c.starts_with("مسوول") || c == "وراء");
    let armed = |p: &&Phrase| p.code.as_deref().is_some_and(|c| c != "CVL") && p.place.is_none();
    if responsibility {
        // «أعلنت حركة طالبان مسؤوليتها»: the subject before the noun
        return ph
            .iter()
            .rev()
            .filter(|p| p.b <= k && k - p.b <= 2 && p.prep.is_none())
            .find(armed)
            .cloned();
    }
    ph.iter()
        .filter(|p| p.a > k && p.a <= k + 4 && matches!(p.prep.as_deref(), None | Some("الي")))
        .find(armed)
        .cloned()
}

/// The victims an attack "claimed" (راح ضحيته / ضحيتها / ضحية X): «وراح
/// ضحية اعتداءاتها امس 7 فلسطينيين»، «الهجوم الذي راح ضحيته 20 شخصا».
/// The first coded phrase with no preposition within five words after
/// ضحية (or after the trigger, when the trigger follows ضحية; a people's
/// nisba is the people: 7 فلسطينيين → PSE), where
/// راح / ذهب / سقط ضحية stands right after the trigger's words or right
/// before them, in the trigger's clause.
fn claimed_victims(toks: &[Tok], ph: &[Phrase], t: &Trig) -> Option<Phrase> {
    let victim_word = |k: usize| {
        k > 0
            && toks[k].cands.iter().any(|c| c == "ضحيه")
            && toks[k - 1]
                .cands
                .iter()
                .any(|c| matches!(c.as_str(), "راح" | "ذهب" | "سقط" | "راحوا"))
    };
    let after = (t.j + 1..toks.len().min(t.j + 6))
        .take_while(|&k| !hard_stop(&toks[k]))
        .find(|&k| victim_word(k));
    let before = (t.i > 0 && victim_word(t.i - 1)).then_some(t.j);
    let from = after.or(before)?;
    ph.iter()
        .find(|p| {
            p.a > from
                && p.a <= from + 5
                && p.code.is_some()
                && p.prep.is_none()
                && !toks[from + 1..p.a].iter().any(hard_stop)
        })
        .cloned()
}

/// The victims of an attack named after a result link and a casualty
/// noun that is no trigger of its own («فجرا نفسيهما قرب القوة … ما اسفر
/// عن اصابة ثلاثة من عناصر الجيش»): the first coded phrase within five
/// words of the noun, through counts and a partitive من.
fn result_victims(toks: &[Tok], ph: &[Phrase], t: &Trig) -> Option<Phrase> {
    let end = (t.j + 1..toks.len())
        .find(|&k| hard_stop(&toks[k]))
        .unwrap_or(toks.len());
    let link = (t.j + 1..end.min(t.j + 13)).find(|&k| {
        toks[k]
            .cands
            .iter()
            .any(|c| RESULT_LINKS.contains(&c.as_str()))
    })?;
    let noun = (link + 1..end.min(link + 5)).find(|&k| {
        toks[k]
            .cands
            .iter()
            .any(|c| PATIENT_NOUNS.contains(&c.as_str()) || c == "جرح" || c == "سقوط")
    })?;
    ph.iter()
        .find(|p| {
            p.a > noun
                && p.a <= noun + 5
                && p.b <= end
                && p.code.is_some()
                && p.place.is_none()
                && (p.prep.is_none()
                    || p.prep.as_deref() == Some("بين")
                    || toks[p.a - 1].cands.iter().any(|c| c == "صفوف"))
        })
        .cloned()
}

/// Words naming an unidentified attacker or the device of one (normalized
/// stems).
const UNKNOWN_AGENT: &[&str] = &[
    "انتحاري",
    "انتحاريه",
    "انتحاريا",
    "انتحاريين",
    "انتحاريون",
    "انتحاريان",
    "مفخخه",
    "مفخخات",
    "ناسفه",
    "ناسفا",
    "ناسف",
    "ناسفين",
    "مجهول",
    "مجهولين",
    "مجهولون",
    "مجهوله",
    "ملثمين",
    "ملثمون",
    "مقنعين",
    "مقنعون",
    "انتحار",
];

fn unknown_agent(toks: &[Tok], ph: &[Phrase], t: &Trig, tgt: Option<&Phrase>) -> Option<Phrase> {
    let not_target = |p: &Phrase| tgt.is_none_or(|g| g.a != p.a);
    // a phrase the tables code as unidentified armed men, in the clause
    if let Some(p) = ph.iter().find(|p| {
        p.code.as_deref().is_some_and(|c| c.ends_with("UAF"))
            && not_target(p)
            && p.a.abs_diff(t.i) <= 15
    }) {
        return Some(p.clone());
    }
    let k = (0..toks.len())
        .filter(|&k| {
            toks[k]
                .cands
                .iter()
                .any(|c| UNKNOWN_AGENT.contains(&c.as_str()))
        })
        .min_by_key(|&k| k.abs_diff(t.i))?;
    if k.abs_diff(t.i) > 15 {
        return None;
    }
    Some(Phrase {
        a: k,
        b: k + 1,
        code: Some("UAF".into()),
        entity: None,
        prep: None,
        members: Vec::new(),
        place: None,
    })
}

/// Participant nouns of a protest (normalized stems).
const PARTICIPANTS: &[&str] = &[
    "متظاهر",
    "متظاهرا",
    "متظاهره",
    "متظاهرون",
    "متظاهرين",
    "متظاهرات",
    "محتج",
    "محتجا",
    "محتجون",
    "محتجين",
    "معتصم",
    "معتصمون",
    "معتصمين",
];

fn participant(t: &Tok) -> bool {
    t.word && t.participant
}

/// [`verb_shaped`], or a four-letter perfect with the feminine ت (دخلت،
/// قتلت), which that test leaves out.
fn perfect_shaped(t: &Tok) -> bool {
    verb_shaped(t)
        || t.word
            && t.prefix.is_empty()
            && bare_word(t).chars().count() == 4
            && bare_word(t).ends_with('ت')
            && !bare_word(t).starts_with('م')
}

/// The shape of a finite verb in undiacritized text: three to six
/// letters, no article, not a participle (مـ), not a verbal noun (تفعيل،
/// افتعال) and not a feminine noun (ـة). Good enough to tell «ورفع
/// المتظاهرون» from «صفوف المتظاهرين»; wrong on some nouns, which the
/// caller's case test (subject ون, or a counted ين) then filters.
fn verb_shaped(t: &Tok) -> bool {
    if !t.word || !t.prefix.trim_start_matches(['و', 'ف']).is_empty() {
        return false;
    }
    let w: Vec<char> = bare_word(t).chars().collect();
    let n = w.len();
    if !(3..=6).contains(&n) || w[0] == 'م' || w[n - 1] == 'ه' || w[n - 1] == 'ي' && n > 3 {
        return false;
    }
    if w.ends_with(&['و', 'ا']) {
        return true;
    }
    if n >= 4 && (w[n - 2] == 'ي' || w[n - 2] == 'ا' && n >= 5) {
        return false;
    }
    match n {
        3 => true,
        4 => matches!(w[0], 'ا' | 'ت' | 'ي' | 'ن') || w[1] == 'ا',
        _ => matches!(w[0], 'ا' | 'ت' | 'ي' | 'ن'),
    }
}

/// Verbs of protest activity (3rd masc. sg. past, normalized): gathering,
/// marching, occupying, blocking, chanting, carrying banners, burning,
/// throwing, denouncing. Done by protesters, they report a protest; other
/// verbs with protesters as subject (كتب، وصف، حث، وزع، قال) do not.
const PROTEST_ACTIVITY: &[&str] = &[
    "تجمع",
    "تجمهر",
    "احتشد",
    "خرج",
    "نزل",
    "سار",
    "زحف",
    "توجه",
    "تدفق",
    "اعتصم",
    "رفع",
    "حمل",
    "ردد",
    "هتف",
    "لوح",
    "اغلق",
    "قطع",
    "احرق",
    "اضرم",
    "رشق",
    "رمي",
    "حاصر",
    "احتل",
    "اقتحم",
    "اعاق",
    "سد",
    "شكل",
    "ندد",
    "طالب",
    "تظاهر",
    "احتج",
    "اضرب",
    "جاب",
    "طاف",
    "تضامن",
    "اشتبك",
    "اصطدم",
    "حطم",
    "كسر",
    "نصب",
    "اقام",
    "قام",
    "رشقوا",
    "جاؤوا",
    "جاءوا",
];

fn protest_activity(t: &Tok) -> bool {
    static FORMS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        PROTEST_ACTIVITY
            .iter()
            .flat_map(|l| {
                let mut v = crate::lexicon::verb_forms(l);
                v.push(l.to_string());
                v
            })
            .collect()
    });
    forms.contains(bare_word(t)) || t.cands.iter().any(|c| forms.contains(c))
}

/// A finite protest-activity verb ([`PROTEST_ACTIVITY`]). Besides the
/// shapes [`verb_shaped`] accepts, an exact inflection of a listed verb
/// counts even when it ends in ه (توجه، نوه) or has two letters (سد، صد):
/// undiacritized, those shapes are nouns for most words but not for these.
fn activity_verb(t: &Tok) -> bool {
    if verb_shaped(t) && protest_activity(t) {
        return true;
    }
    // the clitic analyser keeps no stem under three letters: وسد stays وسد
    let w = t
        .norm
        .strip_prefix('و')
        .or_else(|| t.norm.strip_prefix('ف'))
        .unwrap_or(&t.norm);
    t.word
        && t.prefix.trim_start_matches(['و', 'ف']).is_empty()
        && w.chars().count() >= 2
        && !w.starts_with('م')
        && PROTEST_ACTIVITY
            .iter()
            .any(|l| *l == w || crate::lexicon::verb_forms(l).iter().any(|f| f == w))
}

/// Gathering verbs that report a protest when the sentence carries its
/// signs ([`PROTEST_SIGNS`]): «وتجمع عشرات الفلسطينيين … يحملون لافتات».
const GATHERING: &[&str] = &["تجمع", "تجمهر", "احتشد", "اعتصم", "تظاهر", "سار"];

/// Signs of a protest around a gathering: banners, slogans, chants, and
/// the adverbial accusatives of protest (احتجاجا، تنديدا، مطالبين).
const PROTEST_SIGNS: &[&str] = &[
    "لافتات",
    "لافته",
    "شعارات",
    "هتافات",
    "هاتفين",
    "مرددين",
    "رافعين",
    "احتجاجا",
    "تنديدا",
    "منددين",
    "مطالبين",
    "للمطالبه",
    "للاحتجاج",
    "استنكارا",
];

/// A gathering verb ([`GATHERING`]) in a sentence with a sign of protest
/// ([`PROTEST_SIGNS`], or a protest noun the trigger pass found) is a
/// demonstration (CAMEO 141), when no protest verb was found. The crowd
/// verbs احتشد and تجمهر are triggers only this way (or with protesters
/// as their subject, [`participant_triggers`]): alone they coded festival
/// and stadium crowds.
fn gathering_triggers(toks: &[Tok], out: &mut Vec<Trig>) {
    if out
        .iter()
        .any(|t| t.code.starts_with("14") && t.pos == Pos::Verb)
    {
        return;
    }
    // a protest noun of the sentence is a sign too («مسيرات سيارة … حيث
    // احتشد عدد من الشبان»): unanchored, the noun alone codes no event
    let sign = out.iter().any(|t| t.code.starts_with("14"))
        || toks
            .iter()
            .any(|t| t.word && t.cands.iter().any(|c| PROTEST_SIGNS.contains(&c.as_str())));
    if !sign {
        return;
    }
    static FORMS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        GATHERING
            .iter()
            .flat_map(|l| crate::lexicon::verb_forms(l))
            .collect()
    });
    let Some(v) = toks
        .iter()
        .position(|t| verb_shaped(t) && forms.contains(bare_word(t)))
    else {
        return;
    };
    protest_verb_at(out, v);
}

/// Codes the verb at `v` as a demonstration (141): a trigger already there
/// takes that reading unless it is violence (18–20); else a new one.
fn protest_verb_at(out: &mut Vec<Trig>, v: usize) {
    if let Some(t) = out.iter_mut().find(|t| t.i <= v && v <= t.j) {
        if !t.violent() {
            t.code = "141".into();
            t.pos = Pos::Verb;
        }
        return;
    }
    out.push(Trig {
        i: v,
        j: v,
        code: "141".into(),
        pos: Pos::Verb,
    });
    out.sort_by_key(|t| t.i);
}

/// A protest reported through its participants: «ورفع المتظاهرون لافتات»،
/// «وتجمع مئات المتظاهرين»، «ونزل آلاف المتظاهرين الى الشوارع». A
/// participant noun that is the subject of a protest-activity verb
/// ([`PROTEST_ACTIVITY`]) — nominative (ون), or
/// counted (the count is the subject, the noun its genitive) — makes the
/// verb a protest trigger (CAMEO 141, demonstrate) when the sentence has no
/// protest trigger of its own. The oblique form right after a verb is its
/// object (فرق المتظاهرين) and does not count; nor do speech verbs.
fn participant_triggers(toks: &[Tok], out: &mut Vec<Trig>) {
    if out
        .iter()
        .any(|t| t.code.starts_with("14") && t.pos == Pos::Verb)
    {
        return;
    }
    let n = toks.len();
    for k in 0..n {
        if !participant(&toks[k]) || prep_before(toks, k).is_some() {
            continue;
        }
        let nominative = toks[k].norm.ends_with("ون");
        // back over a count (آلاف، 700، عدد من) to the governing word
        let mut g = k;
        let mut count = false;
        let is_count = |p: &Tok| {
            p.number
                || p.cands.iter().any(|c| {
                    QUANTIFIERS.contains(&c.as_str()) || c == "عده" || small_number(c).is_some()
                })
        };
        while g > 0 && k - g < 5 {
            let p = &toks[g - 1];
            // «عشرات من المتظاهرين»: the من of a count, seen before the count
            let q = is_count(p) || p.norm == "من" && (count || g >= 2 && is_count(&toks[g - 2]));
            if q {
                count = true;
                g -= 1;
            } else if p.word && adverbial(p) {
                g -= 1;
            } else {
                break;
            }
        }
        let subject = nominative || count || toks[k].norm.ends_with('ر');
        let verb = if g > 0 && subject && activity_verb(&toks[g - 1]) {
            Some(g - 1)
        } else {
            // subject-first: «متظاهرون يحاولون …»، «مليون متظاهر خرجوا»
            toks.get(k + 1)
                .filter(|v| {
                    let w = bare_word(v);
                    activity_verb(v)
                        && (w.ends_with("وا") || w.ends_with("ون") && w.starts_with(['ي', 'ت']))
                })
                .map(|_| k + 1)
        };
        let Some(v) = verb else { continue };
        // حمّل X مسؤولية: blame, not banners
        if toks[v + 1..n.min(v + 5)]
            .iter()
            .any(|x| x.cands.iter().any(|c| c == "مسووليه" || c == "مسؤوليه"))
        {
            continue;
        }
        let w = bare_word(&toks[v]);
        if SAY.contains(&w) || DENY.contains(&w) {
            continue;
        }
        // the verb may already have another reading (خرج، تجمع in the
        // dictionary): with protesters as subject it is the protest
        protest_verb_at(out, v);
        return;
    }
}

/// Words after which a protest names what or whom it is against:
/// احتجاجا على، ضد، مطالبين، أمام (مقر) …
const PROTEST_TARGET_CUES: &[&str] = &[
    "ضد",
    "احتجاجا",
    "احتجاج",
    "للاحتجاج",
    "مطالبين",
    "مطالبا",
    "مطالبه",
    "للمطالبه",
    "يطالبون",
    "طالبوا",
    "تطالب",
    "يطالب",
    "امام",
    "منددين",
    "تندد",
    "منددا",
    "مناهضه",
    "مناهض",
    "مناهضين",
    "مناوئه",
    "معارضه",
    "رفضا",
    "لمطالبه",
    "حول",
    "قبالة",
    "قباله",
    "مندده",
    "تنديدا",
    "تنديد",
    "غضب",
    // what the protesters demand of X: his resignation, departure or
    // fall (مطالبين باستقالة الحكومة، «ليستقيل كيباكي»، برحيل باقييف)
    "استقاله",
    "يستقيل",
    "ليستقيل",
    "رحيل",
    "اسقاط",
    // "down with X" (يسقط بوش)
    "يسقط",
    "تسقط",
    "ليسقط",
    "فليسقط",
];

/// Cues that name where a protest stood, not what it was against (أمام مقر
/// البرلمان، حول السفارة): tried only after the cues of [`PROTEST_TARGET_CUES`]
/// that name what it is about (ضد، احتجاجا على، مطالبين، يسقط).
const PROTEST_PLACE_CUES: &[&str] = &["امام", "حول", "قبالة", "قباله"];

/// The target of a protest: the first coded phrase after a cue
/// (احتجاجا على قرار الحكومة، أمام سفارة استونيا، مطالبين الحكومة).
/// Cues of what the protest is about (ضد، احتجاجا، تنديدا، مطالبين، يسقط،
/// الموت لـ) come before cues of where it stood (أمام، حول), as CAMEO codes
/// the target of a protest as "the actor the protest is against"; a place
/// after في is where, not whom.
fn protest_target(toks: &[Tok], ph: &[Phrase], t: &Trig, src: Option<&Phrase>) -> Option<Phrase> {
    let end = (t.j + 1..toks.len())
        .find(|&k| hard_stop(&toks[k]))
        .unwrap_or(toks.len());
    // the cue may stand before the trigger too («المظاهرات الاحتجاجية ضد
    // وجود القوات الإثيوبية … حيث أغلق المتظاهرون»), within its clause
    let start = (0..t.i)
        .rev()
        .find(|&k| hard_stop(&toks[k]))
        .map_or(0, |k| k + 1);
    let is_cue = |k: &usize| {
        toks[*k]
            .cands
            .iter()
            .any(|c| PROTEST_TARGET_CUES.contains(&c.as_str()))
            // «الموت لأميركا»: death to X
            || toks[*k].norm == "الموت"
                && toks.get(*k + 1).is_some_and(|x| x.prefix.starts_with('ل'))
    };
    let place_cue = |k: &usize| {
        toks[*k]
            .cands
            .iter()
            .any(|c| PROTEST_PLACE_CUES.contains(&c.as_str()))
    };
    // cues of what it is about after the trigger, then before it (nearest
    // first); then cues of where it stood, in the same order
    let about = |k: &usize| is_cue(k) && !place_cue(k);
    let cues = (t.i..end)
        .filter(about)
        .chain((start..t.i).rev().filter(about))
        .chain((t.i..end).filter(place_cue))
        .chain((start..t.i).rev().filter(place_cue));
    let hand = |t: &Tok| {
        t.cands
            .iter()
            .any(|c| c == "يد" || c == "ايدي" || c == "قبل")
    };
    if let Some(p) = embassy_site(toks, ph, t, (start, end), &place_cue) {
        return Some(p);
    }
    for cue in cues {
        // six words, or ten when the protested act names its agent
        // (احتجاجا على مقتل ثلاثة مدنيين على يد قوات التحالف)
        let reach = if toks[cue..end.min(cue + 8)].iter().any(hand) {
            10
        } else {
            6
        };
        // (a phrase may begin with the cue when NER took the whole chant
        // as one name: «الموت لاميركا»)
        let found = ph.iter().find(|p| {
            (p.a > cue || p.a == cue && p.b > cue + 1)
                && p.a <= cue + reach
                && p.a < end
                && p.code.is_some()
                && p.prep.as_deref() != Some("في")
                && !p.code.as_deref().is_some_and(|c| c.ends_with("CVL"))
                && src.is_none_or(|s| s.a != p.a)
        });
        if let Some(p) = found {
            return Some(p.clone());
        }
    }
    None
}

/// A protest held at a country's embassy or consulate (أمام السفارة
/// الأميركية، حول مقر سفارة استونيا) or storming it (اقتحم متظاهرون قنصلية
/// تايلاند) is against that country's government: the embassy is the
/// state's seat abroad, coded `XXXGOV` as the dictionary codes it, and the
/// crowd addresses the state there whatever else the sentence names as the
/// grievance («… احتجاجا على رفع نصب «الجندي البرونزي»» is the Estonian
/// government's act: gold `ESTGOV`). So an embassy after a place cue
/// (within three words: مقر may stand between) or right after the trigger
/// (its object) wins over the cues of what the protest is about; of
/// several, the nearest the trigger. Only an embassy with a country in its
/// code counts; a bare «السفارة» leaves the cue order.
fn embassy_site(
    toks: &[Tok],
    ph: &[Phrase],
    t: &Trig,
    (start, end): (usize, usize),
    place_cue: &dyn Fn(&usize) -> bool,
) -> Option<Phrase> {
    let embassy = |x: &Tok| {
        x.cands
            .iter()
            .any(|c| matches!(c.as_str(), "سفاره" | "قنصليه"))
    };
    ph.iter()
        .filter(|p| p.a >= start && p.a < end && (p.a > t.j || p.b <= t.i))
        .filter(|p| {
            toks[p.a..p.b].iter().any(embassy)
                && p.code.as_deref().is_some_and(|c| {
                    c.len() == 6 && c.is_char_boundary(3) && !is_role(&c[..3]) && &c[3..] == "GOV"
                })
        })
        .filter(|p| {
            let object = p.a > t.j && p.a <= t.j + 3;
            object || (p.a.saturating_sub(3)..p.a).any(|k| k >= start && place_cue(&k))
        })
        .min_by_key(|p| p.a.abs_diff(t.i))
        .cloned()
}

/// The source of a protest: a participant phrase (المتظاهرون، محتجون
/// أفغان) in the sentence wins over other subjects, nearest the trigger.
fn protest_source(toks: &[Tok], ph: &[Phrase], t: &Trig) -> Option<Phrase> {
    ph.iter()
        .filter(|p| (p.a..p.b).any(|k| participant(&toks[k])) && p.code.is_some())
        .min_by_key(|p| p.a.abs_diff(t.i))
        .cloned()
}

/// Event nouns whose genitive is the patient (مقتل الجنود، اغتيال الحريري).
const PATIENT_NOUNS: &[&str] = &[
    "مقتل",
    "مصرع",
    "اغتيال",
    "اختطاف",
    "خطف",
    "قتل",
    "اعتقال",
    "احتجاز",
    "تعذيب",
    "استهداف",
    "اصابه",
    "اغتيالات",
    "ذبح",
];

fn patient_noun(t: &Tok) -> bool {
    t.cands.iter().any(|c| PATIENT_NOUNS.contains(&c.as_str()))
}

/// The agent after an explicit passive marker only (على يد / على أيدي /
/// من قبل X, the first phrase within four words): unlike
/// [`agent_phrase`], not برصاص X, which an active clause may also have.
fn explicit_agent<'p>(toks: &[Tok], after: &[&'p Phrase]) -> Option<&'p Phrase> {
    let hand = |t: &Tok| t.cands.iter().any(|c| c == "يد" || c == "ايدي");
    let k = (1..toks.len()).find(|&k| {
        (hand(&toks[k]) && toks[k - 1].norm == "علي")
            || (toks[k].cands.iter().any(|c| c == "قبل") && toks[k - 1].norm == "من")
    })?;
    after.iter().copied().find(|p| p.a > k && p.a <= k + 4)
}

/// The agent of a passive or nominal event: على يد X، من قبل X.
fn agent_phrase<'p>(toks: &[Tok], after: &[&'p Phrase]) -> Option<&'p Phrase> {
    let hand = |t: &Tok| t.cands.iter().any(|c| c == "يد" || c == "ايدي");
    // على يد / على أيدي / من قبل, then the first phrase within four words
    // (على يد أفراد من قوة شرطة حرس الحدود)
    let marker = (1..toks.len()).find(|&k| {
        (hand(&toks[k]) && toks[k - 1].norm == "علي")
            || (toks[k].cands.iter().any(|c| c == "قبل") && toks[k - 1].norm == "من")
    });
    marker
        .and_then(|k| after.iter().copied().find(|p| p.a > k && p.a <= k + 4))
        .or_else(|| {
            // يد X with the phrase right after (على يد مسلحين، بأيدي …);
            // برصاص / بنيران X: killed by X's fire
            after.iter().copied().find(|p| {
                p.a >= 1
                    && (hand(&toks[p.a - 1])
                        || toks[p.a - 1]
                            .cands
                            .iter()
                            .any(|c| c == "رصاص" || c == "نيران"))
            })
        })
}

/// The victim a patient noun's pronoun stands for («وبلغ عدد الكوريين
/// الجنوبيين لدى خطفهم» → the South Koreans): the nearest coded phrase
/// before the noun, within twelve words, that is no place; a singular ـه
/// or ـها is never people in general. `None` when the noun has no pronoun.
fn pronoun_victim<'p>(toks: &[Tok], before: &[&'p Phrase], i: usize) -> Option<&'p Phrase> {
    let t = &toks[i];
    let w = t.norm.strip_prefix(t.prefix.as_str()).unwrap_or(&t.norm);
    if PATIENT_NOUNS.contains(&w) {
        return None;
    }
    let suf = ["هما", "هم", "ها", "ه"].into_iter().find(|suf| {
        w.strip_suffix(suf)
            .is_some_and(|st| PATIENT_NOUNS.contains(&st))
    })?;
    let singular = suf == "ه" || suf == "ها";
    before
        .iter()
        .rev()
        .copied()
        .filter(|p| i - p.b <= 12 && p.code.is_some() && !(p.place.is_some() && p.prep.is_some()))
        .find(|p| !(singular && generic_people(p)))
}

/// Verbs whose subject undergoes the event named by a later noun: تعرض
/// لهجوم، نجا من محاولة اغتيال.
const UNDERGO: &[&str] = &[
    "تعرض",
    "تعرضت",
    "يتعرض",
    "تتعرض",
    "تعرضوا",
    "يتعرضون",
    "نجا",
    "نجت",
    "نجوا",
    "ينجو",
    "تنجو",
];

/// The subject of تعرض / نجا before an event noun: the event's target.
fn undergoer<'p>(toks: &[Tok], ph: &'p [Phrase], t: &Trig) -> Option<&'p Phrase> {
    // (an undergoer may carry a long apposition: «تعرضت وزيرة الدولة
    // بوزارة الطاقة السودانية، انجلينا مانج، حرم …، لمحاولة اغتيال»)
    let v = (t.i.saturating_sub(20)..t.i).rev().find(|&k| {
        toks[k].cands.iter().any(|c| {
            UNDERGO.contains(&c.as_str())
                || c.strip_prefix('ب').is_some_and(|r| UNDERGO.contains(&r))
        })
    })?;
    if toks[v..t.i].iter().any(hard_stop) {
        return None;
    }
    // the subject after the verb (VSO), else the one before it
    ph.iter()
        .find(|p| p.a > v && p.b <= t.i && p.prep.is_none())
        .or_else(|| {
            ph.iter()
                .rev()
                .find(|p| p.b <= v && v - p.b <= 2 && p.prep.is_none())
        })
}

/// The place of an event: في / قرب / قبالة / ب + a place.
pub(crate) fn location(cx: &Ctx, toks: &[Tok], ph: &[Phrase], t: &Trig) -> Option<Location> {
    let loc_preps = [
        "في",
        "قرب",
        "قبالة",
        "قباله",
        "بالقرب",
        "داخل",
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "ب",
    ];
    let mut best: Option<&Phrase> = None;
    for p in ph {
        if p.place.is_none() {
            continue;
        }
        let Some(pr) = p.prep.as_deref() else {
            continue;
        };
        if !loc_preps.contains(&pr) {
            continue;
        }
        let d = if p.a > t.j {
            p.a - t.j
        } else {
            t.i.saturating_sub(p.b) + 20
        };
        if best.is_none_or(|b| {
            let db = if b.a > t.j {
                b.a - t.j
            } else {
                t.i.saturating_sub(b.b) + 20
            };
            d < db
        }) {
            best = Some(p);
        }
    }
    let p = best?;
    let (lat, lon, country) = p.place.clone().unwrap_or((None, None, None));
    Some(Location {
        text: slice_text(cx, toks, p.a, p.b),
        entity: p.entity.clone(),
        lat,
        lon,
        country,
        span: Some(Span::new(toks[p.a].span.start, toks[p.b - 1].span.end)),
    })
}

/// An attack that names no target is coded against the country where it
/// happened, as CAMEO codes an attack on a place (إسرائيل نفذت ضربة جوية
/// في سورية → `SYR`; هجوم انتحاري في ولاية قندهار → `AFG`), unless that is
/// the attacker's own country (a domestic raid is not an attack on the
/// state). The actor keeps the place's words and span.
fn place_as_target(place: Option<&Location>, source: &Actor) -> Option<Actor> {
    let p = place?;
    let c = p.country.as_ref().filter(|c| c.len() == 3 && !is_role(c))?;
    if source
        .code
        .as_deref()
        .is_some_and(|s| s.starts_with(c.as_str()))
    {
        return None;
    }
    Some(Actor {
        text: p.text.clone(),
        entity: p.entity.clone(),
        code: Some(c.clone()),
        span: p.span,
        members: Vec::new(),
    })
}

/// Time words besides month and weekday names (which come from
/// `marsad_arabic::calendar`), normalized.
const TIME_WORDS: &[&str] = &[
    "امس",
    "اليوم",
    "الليله",
    "صباح",
    "مساء",
    "ظهر",
    "فجر",
    "ليل",
    "ليله",
    "الماضي",
    "الحالي",
    "الجاري",
];

fn is_time_word(w: &str) -> bool {
    use marsad_arabic::calendar::{is_gregorian_month, is_weekday};
    is_gregorian_month(w) || is_weekday(w) || TIME_WORDS.contains(&w)
}

/// Does the sentence tie its events to a time, a place or a toll?
fn anchored(toks: &[Tok], ph: &[Phrase], toll: bool) -> bool {
    toll || toks.iter().any(|t| t.number || t.time_word)
        || ph.iter().any(|p| {
            p.place.is_some()
                && matches!(
                    p.prep.as_deref(),
                    Some("في" | "قرب" | "قباله" | "قبالة" | "ب" | "داخل")
                )
        })
}

/// Light verbs, one table for both uses: `(verb, anchors, agentive)`.
/// `anchors`: an event noun up to four words after it names an event that
/// happened (تم، شن، وقع، تعرض، أسفر …; [`light_verb_before`]).
/// `agentive`: its subject carries out the event named by its object (نفذ
/// هجوما، شن غارة، قام بـ، ارتكب; [`agentive_light`]), unlike the verbs of
/// happening or suffering (وقع، تعرض، قتل، أصيب).
const LIGHT_VERBS: &[(&str, bool, bool)] = &[
    ("تم", true, false),
    ("تمت", true, false),
    ("شن", true, true),
    ("شنت", true, true),
    ("شنوا", true, true),
    ("يشن", true, true),
    ("تشن", true, true),
    ("نفذ", true, true),
    ("نفذت", true, true),
    ("نفذوا", true, true),
    ("ينفذ", true, true),
    ("تنفذ", true, true),
    ("نظم", true, false),
    ("نظمت", true, false),
    ("نظموا", true, false),
    ("ينظم", true, false),
    ("تنظم", true, false),
    ("شارك", true, false),
    ("شاركت", true, false),
    ("شاركوا", true, false),
    ("يشارك", true, false),
    ("تشارك", true, false),
    ("خرج", true, false),
    ("خرجت", true, false),
    ("خرجوا", true, false),
    ("اندلع", true, false),
    ("اندلعت", true, false),
    ("وقع", true, false),
    ("وقعت", true, false),
    ("جري", true, false),
    ("جرت", true, false),
    ("شهد", true, false),
    ("شهدت", true, false),
    ("تعرض", true, false),
    ("تعرضت", true, false),
    ("اسفر", true, false),
    ("اسفرت", true, false),
    ("انطلق", true, false),
    ("انطلقت", true, false),
    ("قام", true, true),
    ("قامت", true, true),
    ("اطلق", true, false),
    ("اطلقت", true, false),
    ("ادي", true, false),
    ("ادت", true, false),
    ("استهدف", true, false),
    ("استهدفت", true, false),
    ("لقي", true, false),
    ("لقوا", true, false),
    ("قتل", true, false),
    ("قتلوا", true, false),
    ("اصيب", true, false),
    ("اصيبوا", true, false),
    ("سقط", true, false),
    ("سقطت", true, false),
    ("قاموا", false, true),
    ("ارتكب", false, true),
    ("ارتكبت", false, true),
    ("ارتكبوا", false, true),
];

/// A light verb that anchors an event noun after it (`anchors` in
/// [`LIGHT_VERBS`]).
fn anchoring_light(w: &str) -> bool {
    LIGHT_VERBS.iter().any(|&(v, anchors, _)| anchors && v == w)
}

/// A light verb whose subject carries out the event (`agentive` in
/// [`LIGHT_VERBS`]).
fn agentive_light(w: &str) -> bool {
    LIGHT_VERBS
        .iter()
        .any(|&(v, _, agentive)| agentive && v == w)
}

fn light_verb_before(toks: &[Tok], i: usize) -> bool {
    (i.saturating_sub(4)..i).any(|k| toks[k].cands.iter().any(|c| anchoring_light(c)))
}

fn actor_key(a: &Actor) -> String {
    a.code
        .clone()
        .unwrap_or_else(|| marsad_arabic::normalize_str(&a.text))
}

/// Codes the whole document.
pub(crate) fn annotate(lx: &Lexicon, doc: &mut Document, kb: &Kb) {
    let sentences = if doc.sentences.is_empty() {
        marsad_arabic::sentences(&doc.text)
    } else {
        doc.sentences.clone()
    };
    let published: Option<String> = doc.published.as_ref().map(|p| p.chars().take(10).collect());
    let mut events: Vec<Event> = Vec::new();
    let mut index: HashMap<(String, String, String, String), usize> = HashMap::new();
    {
        let cx = Ctx::new(lx, kb, doc, published.as_deref());
        let ix = &cx.ix;
        let mut sweep = QuoteSweep::default();
        // the thread's cache of word keys, kept across documents (word_keys
        // is a pure function of the word, so output does not depend on it)
        let mut words = WORDS.with(|c| std::mem::take(&mut *c.borrow_mut()));
        let ordered = sentences.windows(2).all(|w| w[0].start <= w[1].start);
        for &sent in &sentences {
            if sent.end > ix.char_len() || sent.is_empty() {
                continue;
            }
            let open_quotes = sweep.advance(&cx.layers, doc, sent).to_vec();
            let toks = tokens_cached(&doc.text, sent, ix, &mut words);
            let trigs = triggers(lx, &toks);
            if trigs.is_empty() {
                continue;
            }
            let ph = phrases(&cx, &toks);
            let (dead, hurt) = toll(doc, &cx.layers, &toks, sent);
            // date: the sentence's first resolved date
            let text_date = cx
                .layers
                .times_in(sent)
                .map(|k| &doc.times[k])
                .filter(|t| sent.contains(&t.span))
                .filter(|t| {
                    matches!(
                        t.kind,
                        marsad_core::TimeKind::Date | marsad_core::TimeKind::Interval
                    )
                })
                .find_map(|t| t.value.clone().filter(|v| !v.starts_with('X')));
            let anchored_sentence = anchored(&toks, &ph, dead.is_some() || hurt.is_some());
            let mut trig_mask = vec![false; toks.len()];
            for t in &trigs {
                for m in &mut trig_mask[t.i..=t.j] {
                    *m = true;
                }
            }
            let mut args: Vec<(Option<Phrase>, Option<Phrase>)> = trigs
                .iter()
                .map(|t| {
                    let (s, g) = arguments(&toks, &ph, t, &trig_mask);
                    (s.cloned(), g.cloned())
                })
                .collect();
            military_platforms(&toks, &trigs, &mut args);
            shared_subjects(lx, &toks, &ph, &trigs, &mut args);
            aimed_targets(&toks, &ph, &trigs, &mut args);
            link_arguments(&toks, &ph, &trigs, &mut args);
            for (t, (s, g)) in trigs.iter().zip(&args) {
                let Some(info) = lx.cameo.get(&t.code) else {
                    continue;
                };
                if t.pos == Pos::Noun && !anchored_sentence && !light_verb_before(&toks, t.i) {
                    // an event noun with no time, place, toll or light verb
                    // names a kind of event, not one that happened
                    continue;
                }
                let source = s
                    .as_ref()
                    .map(|p| actor_of(&cx, &toks, p))
                    .unwrap_or_default();
                let mut target = g.as_ref().map(|p| actor_of(&cx, &toks, p));
                let place = location(&cx, &toks, &ph, t);
                if target.is_none() && t.violent() {
                    target = place_as_target(place.as_ref(), &source);
                }
                let (modality, quote) = modality(doc, &open_quotes, &toks, t.i, &t.code, t.pos);
                let violent = matches!(&t.code[..2], "18" | "19" | "20");
                let (date, basis) = match (&text_date, &published) {
                    (Some(d), _) => (Some(d.clone()), Some("text".to_string())),
                    (None, Some(p)) => (Some(p.clone()), Some("published".to_string())),
                    _ => (None, None),
                };
                let trig = Span::new(toks[t.i].span.start, toks[t.j].span.end);
                let key = (
                    actor_key(&source),
                    t.code.clone(),
                    target.as_ref().map(actor_key).unwrap_or_default(),
                    date.clone().unwrap_or_default(),
                );
                if let Some(&k) = index.get(&key) {
                    let e: &mut Event = &mut events[k];
                    // sentences come in order: a repeat in this sentence
                    // is the last one recorded (no scan of a long list)
                    let seen = if ordered {
                        e.sentences.last() == Some(&sent)
                    } else {
                        e.sentences.contains(&sent)
                    };
                    if !seen {
                        e.sentences.push(sent);
                    }
                    e.triggers.push(trig);
                    if violent {
                        e.fatalities = e.fatalities.max(dead);
                        e.injured = e.injured.max(hurt);
                    }
                    if e.location.is_none() {
                        e.location = place;
                    }
                    continue;
                }
                index.insert(key, events.len());
                events.push(Event {
                    span: sent,
                    trigger: trig,
                    cameo: t.code.clone(),
                    plover: (!info.plover.is_empty()).then(|| Plover {
                        kind: info.plover.clone(),
                        mode: (!info.mode.is_empty()).then(|| info.mode.clone()),
                    }),
                    quad_class: info.quad,
                    goldstein: info.goldstein,
                    source,
                    target,
                    location: place,
                    date,
                    fatalities: if violent { dead } else { None },
                    modality,
                    quote,
                    injured: if violent { hurt } else { None },
                    date_basis: basis,
                    sentences: vec![sent],
                    triggers: vec![trig],
                    confidence: None,
                });
            }
        }
        if words.len() > WORDS_KEPT {
            words.clear();
        }
        WORDS.with(|c| *c.borrow_mut() = words);
    }
    doc.events = events;
}

/// How many distinct words a thread's [`WORDS`] cache holds before it
/// starts over (≈ 15 MB; a news day has about 150,000 distinct forms).
const WORDS_KEPT: usize = 100_000;

thread_local! {
    /// Word keys of the words this thread has coded: the clitic analysis of
    /// each distinct word was the coder's largest cost after the phrase
    /// lookup, and newspaper vocabulary repeats across articles.
    static WORDS: std::cell::RefCell<WordCache> = std::cell::RefCell::new(WordCache::default());
}

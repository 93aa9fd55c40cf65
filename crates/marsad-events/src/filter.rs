//! The learned report-vs-mention filter: for each coded event of a family it
//! has a model for, the probability that the sentence **reports** an actual
//! event of that kind ("gunmen killed 5 people in X yesterday") rather than
//! **mentioning** one (a trial, an anniversary, a topic, a wish, a generic
//! statement, an event that is the object of another action).
//!
//! * Families: ASSAULT (CAMEO roots 18–20) and PROTEST (root 14), one L2
//!   logistic regression each, trained on the dev half of the Arabic event
//!   gold standard. Events of every other root are left unfiltered and get
//!   no `confidence`: the gold standard has no labels for them, its
//!   negatives were sampled by attack/protest keywords, and a threshold that
//!   cannot be validated should not delete data.
//! * Features ([`features`]): the trigger (code, stem, proclitics, definite
//!   or not, verb or noun reading, perfect or imperfect, plural), the words
//!   right before and after it (bigram with the previous word: ذكرى
//!   الاغتيال، محاكمة، ادان الهجوم), a clitic-stripped bag of words in a
//!   ±5 window, the modality, whether the coder found a
//!   source, a target, a place, a toll and a date in the text, numbers, time
//!   expressions and mentions near the trigger, the trigger's position,
//!   sentence length and shape; and sentence-level groups (the sentence's
//!   words and word pairs, its position in the article) that only the
//!   families of [`TrainOptions::sentence_families`] train on.
//! * Scoring ([`Filter::apply`]): an event's confidence is the best score of
//!   its supporting (sentence, trigger) pairs; an event below its family's
//!   threshold is dropped unless the caller keeps everything.
//! * Training ([`fit`]): full-batch AdaGrad on the regularized log loss,
//!   deterministic (no random numbers; folds come from a hash of the article
//!   id). The L2 strength (by default one, 3), the soft target of `difficult no` sentences (the
//!   annotators were split) and the threshold are chosen by cross-validation
//!   inside the training data; [`cross_validate`] wraps that in an outer
//!   k-fold loop (folds by article, so sentences of one article never
//!   straddle folds) to give an honest estimate.
//!
//! Hand-written rather than a crate: the learner is 60 lines, and the
//! linear-model crates (linfa, smartcore) pull in ndarray/BLAS stacks and
//! dense matrices for what is a sparse problem of a few thousand rows.

use crate::annotate::{tokens, LayerIndex, Tok};
use crate::lexicon::{Lexicon, Pos};
use crate::EventsError;
use marsad_core::{Document, Event, Modality, Span};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The model file format this code reads and writes.
pub const FORMAT: &str = "marsad-events-filter/1";

/// The event family of a CAMEO code that the filter knows: `ASSAULT`
/// (roots 18–20) or `PROTEST` (root 14).
pub fn family(cameo: &str) -> Option<&'static str> {
    match cameo.get(..2) {
        Some("18" | "19" | "20") => Some("ASSAULT"),
        Some("14") => Some("PROTEST"),
        _ => None,
    }
}

/// One family's model.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FamilyModel {
    /// `ASSAULT` or `PROTEST`.
    pub family: String,
    /// Intercept.
    pub bias: f64,
    /// Events scoring below this probability are mentions.
    pub threshold: f64,
    /// The L2 strength the model was trained with (chosen by CV; -1: the
    /// weights are the average of models at every strength of the grid,
    /// [`TrainOptions::l2_average`]).
    pub l2: f64,
    /// The training target of `difficult no` sentences (chosen by CV).
    #[serde(default)]
    pub difficult_target: f64,
    /// Trained jointly with the other family: features are scored as
    /// shared and family-prefixed copies ([`expand`]).
    #[serde(default)]
    pub joint: bool,
    /// The model selection on all the training data: every candidate's
    /// (L2, `difficult no` target, threshold, inner out-of-fold F1), so a
    /// near tie shows in the model file.
    #[serde(default)]
    pub selection: Vec<[f64; 4]>,
    /// Feature name → weight (features absent here weigh 0). Sorted, so the
    /// model file is stable. Private to the crate and never changed after
    /// construction or loading: scoring reads a hash copy made on first use
    /// ([`FamilyModel::weights`] reads it).
    pub(crate) weights: BTreeMap<String, f64>,
    /// `weights` as a hash map, built on the first [`FamilyModel::probability`]:
    /// a sorted-map search per feature (about 15 string comparisons over
    /// 19,000 weights) was a third of the filter's time.
    #[serde(skip)]
    lookup: std::sync::OnceLock<Lookup>,
}

/// A model's weights as scoring reads them.
#[derive(Debug, Clone)]
struct Lookup {
    /// Feature name → the weight scoring adds for it: for a joint model the
    /// shared weight plus the family-prefixed one (`t:هجوم` and
    /// `ASSAULT|t:هجوم` folded into one entry), so that scoring formats no
    /// prefixed name per feature.
    weights: rustc_hash::FxHashMap<String, f64>,
    /// The intercept: the bias, plus a joint model's family intercept
    /// ([`JOINT_BIAS`]), computed once.
    intercept: f64,
    /// Some weight is on a sentence-wide word or word pair (`sw:` / `sb:`):
    /// only then are those features built for this family's events.
    sentence_words: bool,
}

impl FamilyModel {
    /// Feature name → weight (sorted; features absent here weigh 0).
    pub fn weights(&self) -> &BTreeMap<String, f64> {
        &self.weights
    }

    fn lookup(&self) -> &Lookup {
        self.lookup.get_or_init(|| {
            let own = format!("{}|", self.family);
            let mut weights = rustc_hash::FxHashMap::default();
            let mut intercept = self.bias;
            for (k, v) in &self.weights {
                let base = if self.joint {
                    match k.strip_prefix(own.as_str()) {
                        Some(JOINT_BIAS) => {
                            intercept += v;
                            continue;
                        }
                        Some(b) => b,
                        // another family's copy: never scored here
                        None if k.contains('|') => continue,
                        None => k.as_str(),
                    }
                } else {
                    k.as_str()
                };
                *weights.entry(base.to_string()).or_insert(0.0) += v;
            }
            let sentence_words = weights
                .keys()
                .any(|k: &String| k.starts_with("sw:") || k.starts_with("sb:"));
            Lookup {
                weights,
                intercept,
                sentence_words,
            }
        })
    }

    /// Whether the model reads the sentence-wide words and word pairs.
    pub fn uses_sentence_words(&self) -> bool {
        self.lookup().sentence_words
    }

    /// The sum of the weights of `feats` (no bias).
    fn sum(&self, feats: &[String]) -> f64 {
        let lookup = &self.lookup().weights;
        feats.iter().filter_map(|f| lookup.get(f)).sum()
    }

    /// The intercept: the bias, plus a joint model's family intercept.
    fn intercept(&self) -> f64 {
        self.lookup().intercept
    }

    /// The probability for one set of features (each counted once:
    /// callers pass them deduplicated, as [`features_at`] returns them).
    pub fn probability(&self, feats: &[String]) -> f64 {
        sigmoid(self.intercept() + self.sum(feats))
    }
}

/// The filter: one model per family, plus the report of the run that built
/// it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Filter {
    /// Always [`FORMAT`].
    pub format: String,
    /// The command that rebuilds this file.
    #[serde(default)]
    pub command: String,
    /// The models.
    pub families: Vec<FamilyModel>,
    /// The training report (cross-validation estimate, in-sample scores).
    #[serde(default)]
    pub report: serde_json::Value,
}

impl Filter {
    /// Parses a model file's text; `name` is used in errors.
    pub fn from_json(text: &str, name: &str) -> Result<Filter, EventsError> {
        let f: Filter = serde_json::from_str(text).map_err(|e| EventsError::File {
            path: name.to_string(),
            detail: format!(
                "not a report-vs-mention filter model: {e} (rebuild it with `marsad train events-filter`)"
            ),
        })?;
        if f.format != FORMAT {
            return Err(EventsError::File {
                path: name.to_string(),
                detail: format!(
                    "format {:?}, expected {FORMAT:?} (rebuild it with `marsad train events-filter`)",
                    f.format
                ),
            });
        }
        for m in &f.families {
            if !(0.0..=1.0).contains(&m.threshold)
                || !m.bias.is_finite()
                || m.weights.values().any(|w| !w.is_finite())
            {
                return Err(EventsError::File {
                    path: name.to_string(),
                    detail: format!(
                        "family {}: threshold outside 0–1 or a weight that is not a finite number",
                        m.family
                    ),
                });
            }
        }
        Ok(f)
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<Filter, EventsError> {
        let text = std::fs::read_to_string(path).map_err(|e| EventsError::File {
            path: path.display().to_string(),
            detail: format!("{e} (build one with `marsad train events-filter --out PATH`)"),
        })?;
        Filter::from_json(&text, &path.display().to_string())
    }

    /// The model of a family, if any.
    pub fn model(&self, family: &str) -> Option<&FamilyModel> {
        self.model_index(family).map(|i| &self.families[i])
    }

    /// The index in `families` of a family's model, if any.
    fn model_index(&self, family: &str) -> Option<usize> {
        self.families.iter().position(|m| m.family == family)
    }

    /// Sets `confidence` on every event of a family with a model and, unless
    /// `keep_all`, drops those under their family's threshold. Events of
    /// other families are left as they are. The position of a sentence in
    /// its article (a feature) is its ordinal among `doc.sentences`.
    pub fn apply(&self, lx: &Lexicon, doc: &mut Document, keep_all: bool) {
        self.apply_at(lx, doc, keep_all, None);
    }

    /// [`Filter::apply`] for a document that is one sentence cut out of an
    /// article (the gold standard's sentences): `position` is that
    /// sentence's 0-based ordinal in its article, as training reads it from
    /// the gold id ([`position_of_id`]), and stands for every
    /// sentence of the document. `None`: the ordinal among `doc.sentences`.
    pub fn apply_at(
        &self,
        lx: &Lexicon,
        doc: &mut Document,
        keep_all: bool,
        position: Option<usize>,
    ) {
        let mut keep = Vec::with_capacity(doc.events.len());
        {
            let mut cache: Option<DocCache> = None;
            for ev in &doc.events {
                let Some(mi) = family(&ev.cameo).and_then(|f| self.model_index(f)) else {
                    keep.push((true, None));
                    continue;
                };
                let m = &self.families[mi];
                let cache = cache.get_or_insert_with(|| {
                    let mut c = DocCache::new(doc);
                    c.position = position;
                    c
                });
                let p = occurrences_within(cache.len, ev)
                    .into_iter()
                    .map(|(sent, trig)| {
                        let feats = cache.features(lx, doc, ev, sent, trig);
                        let mut z = m.intercept() + m.sum(&feats);
                        if m.uses_sentence_words() {
                            z += cache.sentence_sum(doc, mi, m, sent);
                        }
                        sigmoid(z)
                    })
                    .fold(None, |a: Option<f64>, p| Some(a.map_or(p, |a| a.max(p))));
                let p = p.unwrap_or(0.0);
                keep.push((keep_all || p >= m.threshold, Some(round6(p))));
            }
        }
        let mut it = keep.into_iter();
        doc.events.retain_mut(|e| {
            let (k, c) = it.next().unwrap_or((true, None));
            e.confidence = c;
            k
        });
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// The (sentence, trigger) pairs supporting an event: every trigger in
/// `triggers` with the sentence of `sentences` (else `span`) that holds it.
pub fn occurrences(doc: &Document, ev: &Event) -> Vec<(Span, Span)> {
    occurrences_within(doc.text.chars().count(), ev)
}

/// [`occurrences`] for a text of `len` characters (counted once per
/// document, not once per event).
fn occurrences_within(len: usize, ev: &Event) -> Vec<(Span, Span)> {
    let trigs: Vec<Span> = if ev.triggers.is_empty() {
        vec![ev.trigger]
    } else {
        ev.triggers.clone()
    };
    let mut out: Vec<(Span, Span)> = Vec::new();
    for t in trigs {
        let sent = ev
            .sentences
            .iter()
            .copied()
            .find(|s| s.contains(&t))
            .unwrap_or(ev.span);
        if sent.end > len || sent.start > sent.end || !out.iter().all(|o| *o != (sent, t)) {
            continue;
        }
        out.push((sent, t));
    }
    out
}

/// What scoring one document's events needs, built once per document: the
/// character index, the layers indexed by start offset (the coder's
/// [`LayerIndex`]: each sentence reads only the mentions, times and
/// quantities that start inside it, by binary search), the events of each
/// sentence, and each sentence's tokens once. Scoring is then linear in the
/// document's size, not events × layers.
struct DocCache<'d> {
    ix: marsad_core::CharIndex,
    layers: LayerIndex<'d>,
    /// The text's length in characters.
    len: usize,
    /// Indexes into `doc.events` by event span (the sentence).
    by_span: HashMap<Span, Vec<usize>>,
    toks: HashMap<Span, Vec<Tok>>,
    /// Per (sentence, model index): the summed weights of the sentence's
    /// words and pairs ([`sentence_words`]), built once per sentence.
    sums: HashMap<(Span, usize), f64>,
    /// The sentence's ordinal in its article when the document is one
    /// sentence cut out of it (the gold standard's sentence number).
    position: Option<usize>,
}

impl<'d> DocCache<'d> {
    fn new(doc: &'d Document) -> DocCache<'d> {
        let ix = doc.char_index();
        let mut by_span: HashMap<Span, Vec<usize>> = HashMap::new();
        for (k, e) in doc.events.iter().enumerate() {
            by_span.entry(e.span).or_default().push(k);
        }
        DocCache {
            len: ix.char_len(),
            ix,
            layers: LayerIndex::new(doc),
            by_span,
            toks: HashMap::new(),
            sums: HashMap::new(),
            position: None,
        }
    }

    /// The tokens of sentence `sent`, made once.
    fn toks(&mut self, doc: &Document, sent: Span) -> &Vec<Tok> {
        let ix = &self.ix;
        self.toks
            .entry(sent)
            .or_insert_with(|| tokens(&doc.text, sent, ix))
    }

    /// Model `mi`'s summed weights of the sentence-wide words and pairs of
    /// `sent`, computed once per (sentence, model).
    fn sentence_sum(&mut self, doc: &Document, mi: usize, m: &FamilyModel, sent: Span) -> f64 {
        if let Some(z) = self.sums.get(&(sent, mi)) {
            return *z;
        }
        let z = m.sum(&sentence_words(self.toks(doc, sent)));
        self.sums.insert((sent, mi), z);
        z
    }

    /// [`DocCache::features`] and the sentence's words and pairs, merged
    /// (what training reads; the model's options decide which it uses).
    fn all_features(
        &mut self,
        lx: &Lexicon,
        doc: &Document,
        ev: &Event,
        sent: Span,
        trig: Span,
    ) -> Vec<String> {
        let mut f = self.features(lx, doc, ev, sent, trig);
        f.extend(sentence_words(self.toks(doc, sent)));
        f.sort();
        f
    }

    /// The 0-based ordinal of the sentence starting at `sent` among the
    /// document's sentences (the given position for a cut-out sentence).
    fn position_of(&self, doc: &Document, sent: Span) -> Option<usize> {
        if self.position.is_some() {
            return self.position;
        }
        if doc.sentences.is_empty() {
            return None;
        }
        Some(
            doc.sentences
                .partition_point(|s| s.start <= sent.start)
                .saturating_sub(1),
        )
    }

    fn features(
        &mut self,
        lx: &Lexicon,
        doc: &Document,
        ev: &Event,
        sent: Span,
        trig: Span,
    ) -> Vec<String> {
        let position = self.position_of(doc, sent);
        self.toks(doc, sent);
        let toks = &self.toks[&sent];
        let others: Vec<&Event> = self
            .by_span
            .get(&ev.span)
            .into_iter()
            .flatten()
            .map(|&k| &doc.events[k])
            .filter(|e| !std::ptr::eq(*e, ev))
            .collect();
        let layers = Layers {
            times: self
                .layers
                .times_in(sent)
                .map(|k| doc.times[k].span)
                .filter(|s| sent.contains(s))
                .collect(),
            quantities: self
                .layers
                .quantities_in(sent)
                .filter(|&k| sent.contains(&doc.quantities[k].span))
                .count(),
            mentions: self
                .layers
                .mentions_in(sent)
                .map(|k| &doc.mentions[k])
                .filter(|m| sent.contains(&m.span))
                .map(|m| (m.span, m.kind.as_str()))
                .collect(),
            others,
            position,
        };
        features(lx, ev, trig, toks, &layers)
    }
}

/// The layer items of one sentence that the features read.
pub(crate) struct Layers<'a> {
    /// Spans of the time expressions inside the sentence.
    pub times: Vec<Span>,
    /// Quantities inside the sentence.
    pub quantities: usize,
    /// Mentions inside the sentence: span and type name.
    pub mentions: Vec<(Span, &'a str)>,
    /// The other events of the sentence.
    pub others: Vec<&'a Event>,
    /// The sentence's 0-based ordinal in its article, when known.
    pub position: Option<usize>,
}

/// The features of one event at one (sentence, trigger) pair, for a
/// caller that has no tokens at hand (training).
pub fn features_at(
    lx: &Lexicon,
    doc: &Document,
    ev: &Event,
    sent: Span,
    trig: Span,
) -> Vec<String> {
    DocCache::new(doc).all_features(lx, doc, ev, sent, trig)
}

/// Strips `p` from the start of `s` when at least two letters remain.
fn strip<'a>(s: &'a str, p: &str) -> &'a str {
    match s.strip_prefix(p) {
        Some(r) if r.chars().count() >= 2 => r,
        _ => s,
    }
}

/// A lemma-like key of a word: normalized, the best split's proclitics and
/// the article removed.
fn key(t: &Tok) -> String {
    if t.number {
        return "#".into();
    }
    if !t.word {
        return if t.stop { ",".into() } else { "_".into() };
    }
    let w = strip(&t.norm, &t.prefix);
    strip(w, "ال").to_string()
}

fn modality_name(m: Modality) -> &'static str {
    match m {
        Modality::Asserted => "asserted",
        Modality::Negated => "negated",
        Modality::Future => "future",
        Modality::Hypothetical => "hypothetical",
        Modality::Reported => "reported",
    }
}

/// Words that make an event noun after them a reference to an event (a
/// trial, an anniversary, an inquiry, a topic), normalized, without ال.
const REFERENCE_HEADS: &[&str] = &[
    "ذكري",
    "محاكمه",
    "قضيه",
    "تحقيق",
    "تحقيقات",
    "ملف",
    "متهم",
    "متهمين",
    "اتهام",
    "ضحايا",
    "تفاصيل",
    "صور",
    "تقرير",
    "دراسه",
    "ظاهره",
    "موجه",
    "سلسله",
    "تاريخ",
    "منفذي",
    "منفذ",
    "مسؤوليه",
    "مكافحه",
    "محاربه",
    "خطر",
    "مخاطر",
    "تهديد",
    "احتمال",
    "امكانيه",
    "خشيه",
    "مخاوف",
    "حمله",
    "ثقافه",
    "حاله",
    "اعمال",
    "عمليات",
    "جرائم",
    "جريمه",
    "ارتكاب",
];

/// Verbs and nouns of condemning or judging an event.
const CONDEMN: &[&str] = &[
    "ادان",
    "ادانت",
    "يدين",
    "تدين",
    "ادانه",
    "ندد",
    "نددت",
    "تنديد",
    "استنكر",
    "استنكرت",
    "استنكار",
    "شجب",
    "شجبت",
    "انتقد",
    "انتقدت",
    "وصف",
    "وصفت",
    "اعتبر",
    "اعتبرت",
];

/// Words that stop, prevent or wish an event (it has not happened).
const PREVENT: &[&str] = &[
    "منع",
    "وقف",
    "ايقاف",
    "انهاء",
    "تجنب",
    "لمنع",
    "يجب",
    "ينبغي",
    "يمكن",
    "قد",
    "ربما",
    "يحاول",
    "حاول",
    "محاوله",
    "تهدد",
    "هدد",
    "يهدد",
    "حذر",
    "تحذير",
    "دعا",
    "طالب",
    "رفض",
    "عدم",
    "بدون",
    "دون",
];

/// Prepositions and adverbs that make the event a topic or a time
/// reference (عن الهجوم، حول المظاهرات، بعد الانفجار، منذ الغزو).
const TOPIC_PREPS: &[&str] = &["عن", "حول", "بشان", "ازاء", "تجاه"];
const TIME_PREPS: &[&str] = &[
    "بعد",
    "قبل",
    "منذ",
    "عقب",
    "اثر",
    "خلال",
    "اثناء",
    "اعقاب",
    "اثناء",
];

const PAST_WORDS: &[&str] = &[
    "امس",
    "الماضي",
    "الماضيه",
    "اليوم",
    "صباح",
    "مساء",
    "ليله",
    "فجر",
];
const FUTURE_WORDS: &[&str] = &[
    "غدا",
    "المقبل",
    "المقبله",
    "القادم",
    "القادمه",
    "سوف",
    "المرتقب",
    "المزمع",
    "المقرر",
];

fn is_weekday_word(w: &str) -> bool {
    marsad_arabic::calendar::is_weekday(w) || marsad_arabic::calendar::is_weekday(&format!("ال{w}"))
}

/// `def`, `count` or `indef`: how an actor phrase starts.
fn definiteness(text: &str) -> Option<&'static str> {
    let first = text.split_whitespace().next()?;
    let w = marsad_arabic::normalize_str(first);
    let w = w.trim_start_matches(['و', 'ف']);
    if w.chars().next().is_some_and(|c| c.is_ascii_digit())
        || [
            "عشرات",
            "مئات",
            "الاف",
            "الف",
            "عده",
            "عدد",
            "مجموعه",
            "بعض",
            "نحو",
            "حوالي",
            "قرابه",
            "اكثر",
        ]
        .contains(&w)
    {
        Some("count")
    } else if w.starts_with("ال") || w.starts_with("لل") {
        Some("def")
    } else {
        Some("indef")
    }
}

/// The classes of a word that matter for the role of an event word after
/// it (several may apply).
fn word_classes(t: &Tok) -> Vec<&'static str> {
    let mut out = Vec::new();
    if t.number {
        out.push("num");
        return out;
    }
    if !t.word {
        out.push("punct");
        return out;
    }
    let k = key(t);
    let bare = strip(strip(&t.norm, "و"), "ف");
    let has = |list: &[&str]| list.contains(&k.as_str()) || list.contains(&bare);
    // speech and report verbs are the coder's own list (its reported modality)
    for (list, class) in [
        (REFERENCE_HEADS, "ref"),
        (CONDEMN, "condemn"),
        (PREVENT, "prevent"),
        (TOPIC_PREPS, "topic"),
        (TIME_PREPS, "timeprep"),
        (crate::annotate::SAY, "say"),
    ] {
        if has(list) {
            out.push(class);
        }
    }
    if matches!(bare, "ان" | "انه" | "انها" | "انهم" | "بان" | "بانه") {
        out.push("that");
    }
    if out.is_empty() {
        out.push(
            if t.prefix.ends_with("ال") || k.len() < t.norm.len() && t.norm.contains("ال") {
                "noun"
            } else {
                "other"
            },
        );
    }
    out
}

/// The features of `ev` at one (sentence, trigger) pair, given the
/// sentence's tokens. Binary features, by name; never panics (an empty or
/// odd sentence gives the event-level features only).
pub(crate) fn features(
    lx: &Lexicon,
    ev: &Event,
    trig: Span,
    toks: &[Tok],
    layers: &Layers,
) -> Vec<String> {
    let mut f: Vec<String> = Vec::with_capacity(96);
    let mut add = |s: String| f.push(s);
    let root = ev.cameo.get(..2).unwrap_or("");
    add(format!("code:{}", ev.cameo));
    add(format!("root:{root}"));
    add(format!("mod:{}", modality_name(ev.modality)));
    let before = |s: &Option<Span>| s.map(|s| s.start < trig.start);
    if !ev.source.text.is_empty() {
        add("src".into());
        if ev.source.code.is_some() || ev.source.members.iter().any(|m| m.code.is_some()) {
            add("src:code".into());
        }
        match before(&ev.source.span) {
            Some(true) => add("src:before".into()),
            Some(false) => add("src:after".into()),
            None => {}
        }
    }
    // a definite actor (المتظاهرون، المسلحون) is one the article has
    // already introduced: the sentence adds a detail to an event told
    // before; an indefinite or counted one (متظاهرون، مئات المتظاهرين)
    // introduces it
    if let Some(d) = definiteness(&ev.source.text) {
        add(format!("src:{d}"));
    }
    if let Some(d) = ev.target.as_ref().and_then(|t| definiteness(&t.text)) {
        add(format!("tgt:{d}"));
    }
    if let Some(t) = &ev.target {
        add("tgt".into());
        if t.code.is_some() {
            add("tgt:code".into());
        }
    }
    if let Some(l) = &ev.location {
        add("loc".into());
        if l.lat.is_some() {
            add("loc:geo".into());
        }
    }
    if ev.fatalities.is_some() {
        add("dead".into());
    }
    if ev.injured.is_some() {
        add("hurt".into());
    }
    if ev.date_basis.as_deref() == Some("text") {
        add("date:text".into());
    }
    if ev.quote.is_some() {
        add("quote".into());
    }
    let n = toks.len();
    let Some(ti) = toks.iter().position(|t| t.span.end > trig.start) else {
        add("t:none".into());
        return f;
    };
    let tj = toks
        .iter()
        .rposition(|t| t.span.start < trig.end)
        .unwrap_or(ti)
        .max(ti);
    let t = &toks[ti];
    let tk = key(t);
    add(format!("t:{tk}"));
    if tj > ti {
        add("t:multi".into());
        add(format!("t2:{}", key(&toks[tj])));
    }
    add(format!(
        "tp:{}",
        if t.prefix.is_empty() { "-" } else { &t.prefix }
    ));
    if t.prefix.ends_with("ال") || strip(&t.norm, &t.prefix).starts_with("ال") {
        add("t:def".into());
    }
    if tk.ends_with("ات") {
        add("t:pl".into());
    }
    // the lexicon's reading of the trigger for this root: verb or noun
    let pos = t.cands.iter().find_map(|c| {
        lx.forms.get(c).and_then(|rs| {
            rs.iter()
                .find(|r| {
                    lx.entries
                        .get(r.entry)
                        .and_then(|e| e.code.as_deref())
                        .is_some_and(|c| c.get(..2) == Some(root))
                })
                .map(|r| r.pos)
        })
    });
    match pos {
        Some(Pos::Verb) => {
            add("pos:verb".into());
            let w = strip(&t.norm, &t.prefix);
            let w = strip(w, "س");
            if w.starts_with(['ي', 'ت', 'ن']) && w.chars().count() >= 4 {
                add("vf:imperf".into());
            } else {
                add("vf:perf".into());
            }
        }
        Some(Pos::Noun) => add("pos:noun".into()),
        None => add("pos:-".into()),
    }
    // the words around the trigger
    for k in 1..=3 {
        let w = ti
            .checked_sub(k)
            .map(|i| key(&toks[i]))
            .unwrap_or_else(|| "^".into());
        if k == 1 {
            add(format!("p1t:{w}_{tk}"));
        }
        add(format!("p{k}:{w}"));
    }
    for k in 1..=2 {
        let w = toks.get(tj + k).map(key).unwrap_or_else(|| "$".into());
        add(format!("n{k}:{w}"));
    }
    let lo = ti.saturating_sub(5);
    let hi = (tj + 6).min(n);
    let mut seen: HashSet<String> = HashSet::new();
    for (i, w) in toks.iter().enumerate().take(hi).skip(lo) {
        if (ti..=tj).contains(&i) || !w.word {
            continue;
        }
        let k = key(w);
        if seen.insert(k.clone()) {
            add(format!("w:{k}"));
        }
    }
    // the trigger's syntactic role: the class of the word that governs it
    // (genitive of ذكرى / محاكمة, object of إدانة / منع, after عن / حول,
    // a complement of a speech verb) and of the three words before it
    if let Some(g) = toks[..ti].iter().rposition(|t| t.word || t.number) {
        for c in word_classes(&toks[g]) {
            add(format!("g1:{c}"));
        }
    } else {
        add("g1:^".into());
    }
    let mut g3: Vec<&str> = toks[ti.saturating_sub(4)..ti]
        .iter()
        .flat_map(word_classes)
        .collect();
    g3.sort_unstable();
    g3.dedup();
    for c in g3 {
        add(format!("g3:{c}"));
    }
    // a relative clause or a demonstrative after a noun trigger points back
    // to an event told elsewhere (الهجوم الذي، هذا الهجوم)
    if let Some(nx) = toks.get(tj + 1) {
        if matches!(nx.norm.as_str(), "الذي" | "التي" | "الذين") {
            add("n:rel".into());
        }
    }
    if ti > 0 && matches!(toks[ti - 1].norm.as_str(), "هذا" | "هذه" | "ذلك" | "تلك") {
        add("p:dem".into());
    }
    // the sentence's tense: past-time words (امس، الماضي، a weekday) and
    // future or habitual ones
    let mut past = false;
    let mut future = false;
    for t in toks.iter().filter(|t| t.word) {
        let w = strip(strip(&t.norm, "و"), "ال");
        past |= PAST_WORDS.contains(&w) || is_weekday_word(w);
        future |= FUTURE_WORDS.contains(&w);
    }
    if past {
        add("s:past".into());
    }
    if future {
        add("s:future".into());
    }
    // concrete anchors of a report: place, toll, dated in the text, a
    // named source or target, a number near the trigger
    let anchors = [
        ev.location.is_some(),
        ev.fatalities.is_some() || ev.injured.is_some(),
        ev.date_basis.as_deref() == Some("text") || past,
        ev.source.code.is_some() || ev.source.members.iter().any(|m| m.code.is_some()),
        ev.target.as_ref().is_some_and(|t| t.code.is_some()),
        toks[ti.saturating_sub(5)..(tj + 6).min(n)]
            .iter()
            .any(|t| t.number),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    add(format!("anch:{}", anchors.min(4)));
    // shape and position
    let words = toks.iter().filter(|t| t.word || t.number).count();
    let len = match words {
        0..=9 => "10",
        10..=19 => "20",
        20..=34 => "35",
        35..=59 => "60",
        _ => "more",
    };
    add(format!("len:{len}"));
    add(format!("at:{}", ti * 4 / n.max(1)));
    if toks[..ti].iter().filter(|t| t.word).count() <= 1 {
        add("at:start".into());
    }
    let clause_start = toks[..ti].iter().rposition(|t| t.stop).map_or(0, |k| k + 1);
    if ti - clause_start <= 1 {
        add("at:clause".into());
    }
    if toks.iter().any(|t| t.norm == "؟" || t.norm == "?") {
        add("s:question".into());
    }
    let near = |s: Span| -> bool {
        let a = toks[lo].span.start;
        let b = toks[hi.saturating_sub(1).max(lo)].span.end;
        s.start < b && s.end > a
    };
    if toks.iter().any(|t| t.number) {
        add("num".into());
    }
    if toks[lo..hi].iter().any(|t| t.number) {
        add("num:near".into());
    }
    for &te in &layers.times {
        add("time".into());
        if near(te) {
            add("time:near".into());
        }
    }
    if layers.quantities > 0 {
        add("qty".into());
    }
    for &(span, kind) in &layers.mentions {
        add(format!("m:{kind}"));
        if near(span) {
            add(format!("mn:{kind}"));
        }
    }
    // other events coded in the same sentence
    let others = &layers.others;
    add(format!("nev:{}", others.len().min(3)));
    for o in others {
        if let Some(r) = o.cameo.get(..2) {
            add(format!("also:{r}"));
        }
    }
    // where the sentence stands in its article: the lead (first sentences)
    // reports the news, later ones more often give background
    if let Some(p) = layers.position {
        add(format!(
            "spos:{}",
            match p {
                0 => "0",
                1 => "1",
                2..=4 => "2",
                5..=9 => "5",
                10..=19 => "10",
                _ => "20",
            }
        ));
    }
    f.sort();
    f.dedup();
    f
}

/// The sentence's words and word pairs, wherever they stand (`sw:`, `sb:`;
/// trained under [`TrainOptions::bow_l2`]): the topic of the whole sentence
/// (a trial, a commemoration, an analysis). They do not depend on the event,
/// so they are built once per sentence, and only for a model that reads
/// them ([`FamilyModel::uses_sentence_words`]); sorted, deduplicated, and
/// disjoint from [`features`] (their own prefixes).
pub(crate) fn sentence_words(toks: &[Tok]) -> Vec<String> {
    let mut f: Vec<String> = Vec::with_capacity(2 * toks.len());
    let mut prev: Option<String> = None;
    for t in toks {
        if !t.word {
            prev = None;
            continue;
        }
        let k = key(t);
        if k.chars().count() < 2 {
            prev = None;
            continue;
        }
        if let Some(p) = prev.take() {
            f.push(format!("sb:{p}_{k}"));
        }
        f.push(format!("sw:{k}"));
        prev = Some(k);
    }
    f.sort();
    f.dedup();
    f
}

// ---------------------------------------------------------------- training

/// One training instance: an event occurrence with its sentence.
#[derive(Debug, Clone)]
pub struct Instance {
    /// Index of the labelled sentence in the [`Dataset`].
    pub sentence: usize,
    /// The features.
    pub feats: Vec<String>,
}

/// A family's labelled sentences and the event occurrences the coder found
/// in them.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// `ASSAULT` or `PROTEST`.
    pub family: String,
    /// Per labelled sentence: its article id (the fold unit).
    pub article: Vec<String>,
    /// Per labelled sentence: its gold id (for error reading: `--oof`).
    pub ids: Vec<String>,
    /// Per labelled sentence: gold label (reports an event of the family).
    pub label: Vec<bool>,
    /// Per labelled sentence: a negative on which the annotators were split
    /// (`difficult no`: mostly reject, one accept).
    pub difficult: Vec<bool>,
    /// The coder's (non-negated) event occurrences of the family.
    pub instances: Vec<Instance>,
}

impl Dataset {
    /// An empty dataset for a family.
    pub fn new(family: &str) -> Dataset {
        Dataset {
            family: family.to_string(),
            ..Dataset::default()
        }
    }

    /// Adds a labelled sentence and the coder's document for it: one
    /// instance per (event, trigger) of the family that is not negated.
    pub fn add(&mut self, lx: &Lexicon, id: &str, label: bool, doc: &Document) {
        self.add_graded(lx, id, label, false, doc);
    }

    /// [`Dataset::add`] for a negative the annotators were split on
    /// (`difficult`), which [`TrainOptions::difficult_target`] may train
    /// towards a soft target.
    pub fn add_graded(
        &mut self,
        lx: &Lexicon,
        id: &str,
        label: bool,
        difficult: bool,
        doc: &Document,
    ) {
        let s = self.label.len();
        self.label.push(label);
        self.difficult.push(difficult && !label);
        self.article.push(article_of(id).to_string());
        self.ids.push(id.to_string());
        let mut cache: Option<DocCache> = None;
        for ev in &doc.events {
            if family(&ev.cameo) != Some(self.family.as_str()) || ev.modality == Modality::Negated {
                continue;
            }
            let cache = cache.get_or_insert_with(|| {
                let mut c = DocCache::new(doc);
                c.position = position_of_id(id);
                c
            });
            for (sent, trig) in occurrences_within(cache.len, ev) {
                self.instances.push(Instance {
                    sentence: s,
                    feats: cache.all_features(lx, doc, ev, sent, trig),
                });
            }
        }
    }
}

/// Each family's labelled sentences of the gold standard in `dir` (`yes`
/// positive, `easy no` / `difficult no` negative, `ambiguous` left out)
/// with the events `code(text, published)` finds in them: the filter's
/// training data. `code` should run the coder without a filter.
pub fn gsr_datasets(
    dir: &Path,
    lx: &Lexicon,
    code: &mut dyn FnMut(&str, Option<&str>) -> Document,
) -> Result<Vec<Dataset>, EventsError> {
    let mut out = Vec::new();
    for kind in crate::gsr::TYPES {
        let mut d = Dataset::new(kind);
        for l in crate::gsr::read_labels(dir, kind)? {
            let label = match l.label.as_str() {
                "yes" => true,
                "easy no" | "difficult no" => false,
                _ => continue,
            };
            let doc = code(&l.text, crate::gsr::date_of_id(&l.id).as_deref());
            d.add_graded(lx, &l.id, label, l.label == "difficult no", &doc);
        }
        out.push(d);
    }
    Ok(out)
}

/// The article of a gold sentence id: the id without its trailing `-N` or
/// `_N` sentence number (`AAW_ARB_20080913.0007-59` → `AAW_ARB_20080913.0007`).
pub fn article_of(id: &str) -> &str {
    match id.rfind(['-', '_']) {
        Some(k) if k > 0 && id[k + 1..].bytes().all(|b| b.is_ascii_digit()) => &id[..k],
        _ => id,
    }
}

/// The 1-based sentence number at the end of a gold sentence id
/// (`AAW_ARB_20080913.0007-59` → 59), if it has one.
pub fn sentence_number_of(id: &str) -> Option<usize> {
    let a = article_of(id);
    if a.len() >= id.len() {
        return None;
    }
    id.get(a.len() + 1..)?.parse().ok()
}

/// The 0-based position in its article of a gold sentence, from its id's
/// 1-based sentence number (`…-12` → 11); `None` without a number or for
/// a number 0, which no 1-based count gives. Training
/// ([`Dataset::add_graded`]) and `marsad eval events` read it alike.
pub fn position_of_id(id: &str) -> Option<usize> {
    sentence_number_of(id).and_then(|n| n.checked_sub(1))
}

fn fnv(s: &str, seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // final avalanche so that close ids spread over the folds
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// The fold of an article: a seeded hash of its id, so that one article's
/// sentences (in either family's file) always share a fold.
fn fold_of(article: &str, k: usize, seed: u64) -> usize {
    (fnv(article, seed) % k.max(1) as u64) as usize
}

/// Features as a model sees them: with a joint model, each feature once as
/// shared and once prefixed with its family (`PROTEST|t:مظاهره`), so the
/// families share what generalizes (modality, toll, position) and keep
/// what does not (trigger words).
pub fn expand(family: &str, feats: &[String], joint: bool) -> Vec<String> {
    expand_shared(family, feats, joint, &[])
}

/// [`expand`] where only the features starting with one of `shared` get a
/// shared copy (every feature when `shared` is empty); the others are
/// family-prefixed only. A joint model with a `shared` list also gets a
/// family intercept ([`JOINT_BIAS`]).
fn expand_shared(family: &str, feats: &[String], joint: bool, shared: &[String]) -> Vec<String> {
    if !joint {
        return feats.to_vec();
    }
    let mut out = Vec::with_capacity(feats.len() * 2 + 1);
    if !shared.is_empty() {
        out.push(format!("{family}|{JOINT_BIAS}"));
    }
    for f in feats {
        if shared.is_empty() || shared.iter().any(|p| f.starts_with(p.as_str())) {
            out.push(f.clone());
        }
        out.push(format!("{family}|{f}"));
    }
    out
}

/// The feature every instance of a joint model with a shared list carries
/// (family-prefixed): the family's own intercept.
const JOINT_BIAS: &str = "bias";

/// Training settings.
#[derive(Debug, Clone, Serialize)]
pub struct TrainOptions {
    /// Folds of the outer (estimate) and inner (model selection) CV.
    pub folds: usize,
    /// Seed of the fold assignment.
    pub seed: u64,
    /// L2 strengths tried.
    pub l2_grid: Vec<f64>,
    /// A feature must occur in at least this many training instances.
    pub min_count: usize,
    /// AdaGrad iterations.
    pub iterations: usize,
    /// Feature groups left out (name prefixes such as `s:`), for ablations.
    pub exclude: Vec<String>,
    /// Train each family's model on both families' sentences, with shared
    /// and family-specific copies of every feature ([`expand`]).
    pub joint: bool,
    /// Multiple-instance rounds: a positive sentence with several events
    /// keeps only its best-scoring one as a positive (the others may be
    /// mentions beside the report) and the model is retrained.
    pub mi_rounds: usize,
    /// Training targets tried (chosen by the inner CV, like the L2
    /// strength) for a `difficult no` sentence: 0 is a plain negative, 0.5
    /// says "the annotators were split".
    pub difficult_grid: Vec<f64>,
    /// The L2 strength of the sentence-wide words and word pairs (`sw:`,
    /// `sb:`) as a multiple of the model's: they are many and each is rare,
    /// so they are held back harder than the trigger's own features.
    pub bow_l2: f64,
    /// Instead of choosing one L2 strength, train one model per strength
    /// of `l2_grid` and average their weights (a linear model again): the
    /// inner CV's choice of L2 swings between folds (0.3 to 30), and the
    /// average does not depend on that choice.
    pub l2_average: bool,
    /// The families whose models read the sentence-level features (the
    /// sentence-wide words and pairs `sw:` / `sb:` and the sentence's
    /// position `spos:`); the others' models leave them out. PROTEST (57
    /// positives) overfits them: on the session-4 pipeline its CV F1 was
    /// about 0.04 lower with them (mean of fold seeds) while ASSAULT's
    /// rose by about 0.03.
    pub sentence_families: Vec<String>,
    /// The families whose models read the sentence's position in its
    /// article (`spos:`) even when they leave out the sentence's words
    /// ([`TrainOptions::sentence_families`] gives both).
    pub position_families: Vec<String>,
    /// With [`TrainOptions::joint`]: the feature prefixes both families
    /// share (the event-independent signs of a report: modality, anchors,
    /// tense, position, definiteness); the rest stay family-specific.
    /// Empty: every feature is shared too.
    pub joint_shared: Vec<String>,
    /// Repeats of the inner cross-validation (each with its own fold
    /// assignment) whose out-of-fold scores are pooled to choose the
    /// `difficult no` target and the threshold: one 5-fold split of ~60
    /// positives makes a noisy choice.
    pub inner_repeats: usize,
    /// Model selection's tie margin ([`choose`]): among the candidates
    /// whose inner out-of-fold F1 is within this of the best, the softest
    /// (highest `difficult no` target, then strongest L2) is chosen; 0:
    /// the plain best.
    pub tie_margin: f64,
    /// The families whose models read the types of the sentence's entity
    /// mentions (`m:` anywhere, `mn:` near the trigger); the others' models
    /// leave them out. PROTEST (57 positives) fits them to its training
    /// folds: without them its nested CV F1 rose on four of five fold seeds
    /// (mean +0.027, BENCHMARKS "Session 8: detection"); ASSAULT's fell.
    pub mention_families: Vec<String>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            folds: 5,
            seed: 17,
            // one strength: over four fold seeds a fixed L2 of 3 scored
            // higher than choosing among 0.3–30 in the inner CV (the choice
            // swung between folds), BENCHMARKS "Session 4: detection"
            l2_grid: vec![3.0],
            min_count: 2,
            iterations: 300,
            exclude: Vec::new(),
            joint: false,
            mi_rounds: 0,
            difficult_grid: vec![0.0, 0.25, 0.5],
            bow_l2: 1.0,
            l2_average: false,
            sentence_families: vec!["ASSAULT".to_string()],
            position_families: Vec::new(),
            joint_shared: Vec::new(),
            // three pooled inner splits: with one, the full-data threshold
            // moved 0.60-0.80 (ASSAULT) and 0.38-0.55 (PROTEST) between fold
            // seeds on one tree; with three, 0.71-0.79 and 0.52-0.54
            // (BENCHMARKS "Session 7: detection")
            inner_repeats: 3,
            // a near tie between `difficult no` targets goes to the softer
            // one: with 0 the ASSAULT target flipped 0.25 / 0.5 between
            // fold seeds and between trees one feature apart
            // (BENCHMARKS "Session 6: detection")
            tie_margin: 0.02,
            mention_families: vec!["ASSAULT".to_string()],
        }
    }
}

/// Sentence-level counts and scores.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Counts {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives (including positives the coder found no event in).
    pub fn_: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Counts {
    fn finish(mut self) -> Counts {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        self.precision = round6(p);
        self.recall = round6(r);
        self.f1 = round6(if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        });
        self
    }
}

/// The sentence-level feature groups ([`TrainOptions::sentence_families`]).
const SENTENCE_GROUPS: [&str; 3] = ["sw:", "sb:", "spos:"];

/// The feature groups of the sentence's entity mentions
/// ([`TrainOptions::mention_families`]).
const MENTION_GROUPS: [&str; 2] = ["m:", "mn:"];

/// Every family's sentences in one numbering, features expanded.
struct Pool {
    fam: Vec<usize>,
    article: Vec<String>,
    label: Vec<bool>,
    /// A `difficult no` sentence.
    difficult: Vec<bool>,
    /// (sentence, features)
    rows: Vec<(usize, Vec<String>)>,
}

impl Pool {
    fn new(data: &[Dataset], opts: &TrainOptions) -> Pool {
        let mut p = Pool {
            fam: Vec::new(),
            article: Vec::new(),
            label: Vec::new(),
            difficult: Vec::new(),
            rows: Vec::new(),
        };
        for (fi, d) in data.iter().enumerate() {
            let base = p.label.len();
            p.fam.extend(std::iter::repeat_n(fi, d.label.len()));
            p.article.extend(d.article.iter().cloned());
            p.label.extend(d.label.iter().copied());
            p.difficult
                .extend((0..d.label.len()).map(|i| d.difficult.get(i).copied().unwrap_or(false)));
            let sentence = opts.sentence_families.contains(&d.family);
            let position = opts.position_families.contains(&d.family);
            let mentions = opts.mention_families.contains(&d.family);
            for i in &d.instances {
                let kept: Vec<String> = i
                    .feats
                    .iter()
                    .filter(|f| {
                        (sentence
                            || position && f.starts_with("spos:")
                            || !SENTENCE_GROUPS.iter().any(|g| f.starts_with(g)))
                            && (mentions || !MENTION_GROUPS.iter().any(|g| f.starts_with(g)))
                            && !opts
                                .exclude
                                .iter()
                                .any(|x| !x.is_empty() && f.starts_with(x.as_str()))
                    })
                    .cloned()
                    .collect();
                p.rows.push((
                    base + i.sentence,
                    expand_shared(&d.family, &kept, opts.joint, &opts.joint_shared),
                ));
            }
        }
        p
    }

    /// Sentences of family `fam` that `ok` accepts.
    fn sentences(&self, fam: usize, ok: &dyn Fn(usize) -> bool) -> Vec<usize> {
        (0..self.label.len())
            .filter(|&s| self.fam[s] == fam && ok(s))
            .collect()
    }

    /// Rows a model of family `fam` trains on, among sentences `ok` accepts.
    fn train_rows(&self, fam: usize, joint: bool, ok: &dyn Fn(usize) -> bool) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&r| {
                let s = self.rows[r].0;
                (joint || self.fam[s] == fam) && ok(s)
            })
            .collect()
    }
}

/// A trained linear model: bias and weights by feature name.
type Linear = (f64, HashMap<String, f64>);

/// Hyperparameters: L2 strength, target of `difficult no` sentences.
type Hyper = (f64, f64);

fn grid(opts: &TrainOptions) -> Vec<Hyper> {
    let dg = if opts.difficult_grid.is_empty() {
        vec![0.0]
    } else {
        opts.difficult_grid.clone()
    };
    let mut out = Vec::new();
    if opts.l2_average && !opts.l2_grid.is_empty() {
        // a negative strength stands for "the average over the grid"
        return dg.iter().map(|&d| (-1.0, d)).collect();
    }
    for &l2 in &opts.l2_grid {
        for &d in &dg {
            out.push((l2, d));
        }
    }
    if out.is_empty() {
        out.push((1.0, 0.0));
    }
    out
}

fn score(m: &Linear, feats: &[String]) -> f64 {
    sigmoid(m.0 + feats.iter().filter_map(|f| m.1.get(f)).sum::<f64>())
}

/// L2-regularized logistic regression on `rows` (labels: the sentence's),
/// full-batch AdaGrad; deterministic.
fn train_once(pool: &Pool, rows: &[usize], hp: Hyper, opts: &TrainOptions) -> Linear {
    let l2 = hp.0;
    let mut count: HashMap<&str, usize> = HashMap::new();
    for &r in rows {
        for f in &pool.rows[r].1 {
            *count.entry(f.as_str()).or_default() += 1;
        }
    }
    let mut names: Vec<&str> = count
        .iter()
        .filter(|(_, c)| **c >= opts.min_count)
        .map(|(f, _)| *f)
        .collect();
    names.sort_unstable();
    let id: HashMap<&str, usize> = names.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let xs: Vec<(Vec<usize>, f64)> = rows
        .iter()
        .map(|&r| {
            let (s, feats) = &pool.rows[r];
            let x = feats
                .iter()
                .filter_map(|f| id.get(f.as_str()).copied())
                .collect();
            let y = if pool.label[*s] {
                1.0
            } else if pool.difficult[*s] {
                hp.1
            } else {
                0.0
            };
            (x, y)
        })
        .collect();
    let d = names.len();
    // per-feature L2: the sentence-wide bag of words is held back harder
    let reg: Vec<f64> = names
        .iter()
        .map(|f| {
            let base = f.split_once('|').map_or(*f, |(_, b)| b);
            if base.starts_with("sw:") || base.starts_with("sb:") {
                l2 * opts.bow_l2
            } else {
                l2
            }
        })
        .collect();
    let mut w = vec![0f64; d];
    let mut b = 0f64;
    let (mut gw2, mut gb2) = (vec![1e-8f64; d], 1e-8f64);
    let lr = 0.5;
    let mut g = vec![0f64; d];
    for _ in 0..opts.iterations {
        for ((gj, wj), rj) in g.iter_mut().zip(&w).zip(&reg) {
            *gj = rj * wj;
        }
        let mut gb = 0.0;
        for (x, y) in &xs {
            let z = b + x.iter().map(|&j| w[j]).sum::<f64>();
            let e = sigmoid(z) - y;
            gb += e;
            for &j in x {
                g[j] += e;
            }
        }
        for j in 0..d {
            gw2[j] += g[j] * g[j];
            w[j] -= lr * g[j] / gw2[j].sqrt();
        }
        gb2 += gb * gb;
        b -= lr * gb / gb2.sqrt();
    }
    let weights = names
        .iter()
        .zip(&w)
        .filter(|(_, w)| w.abs() >= 1e-4)
        .map(|(f, w)| (f.to_string(), *w))
        .collect();
    (b, weights)
}

/// [`train_one`] at one L2 strength, or (a negative strength,
/// [`TrainOptions::l2_average`]) at every strength of the grid with the
/// weights averaged.
fn train(pool: &Pool, rows: &[usize], hp: Hyper, opts: &TrainOptions) -> Linear {
    if hp.0 >= 0.0 || opts.l2_grid.is_empty() {
        return train_one(pool, rows, (hp.0.max(0.0), hp.1), opts);
    }
    let n = opts.l2_grid.len() as f64;
    let mut bias = 0.0;
    let mut weights: HashMap<String, f64> = HashMap::new();
    for &l2 in &opts.l2_grid {
        let (b, w) = train_one(pool, rows, (l2, hp.1), opts);
        bias += b / n;
        for (f, x) in w {
            *weights.entry(f).or_default() += x / n;
        }
    }
    (bias, weights)
}

/// [`train_once`], then the multiple-instance rounds.
fn train_one(pool: &Pool, rows: &[usize], hp: Hyper, opts: &TrainOptions) -> Linear {
    let mut m = train_once(pool, rows, hp, opts);
    for _ in 0..opts.mi_rounds {
        let mut best: HashMap<usize, (f64, usize)> = HashMap::new();
        for &r in rows {
            let s = pool.rows[r].0;
            if pool.label[s] {
                let p = score(&m, &pool.rows[r].1);
                let e = best.entry(s).or_insert((p, r));
                if p > e.0 {
                    *e = (p, r);
                }
            }
        }
        let kept: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&r| {
                let s = pool.rows[r].0;
                !pool.label[s] || best.get(&s).is_some_and(|b| b.1 == r)
            })
            .collect();
        m = train_once(pool, &kept, hp, opts);
    }
    m
}

/// Sentence scores (max over the sentence's rows) of the sentences `sents`.
fn sentence_scores(pool: &Pool, m: &Linear, sents: &[usize]) -> HashMap<usize, f64> {
    let want: HashSet<usize> = sents.iter().copied().collect();
    let mut out: HashMap<usize, f64> = HashMap::new();
    for (s, feats) in pool.rows.iter().filter(|r| want.contains(&r.0)) {
        let p = score(m, feats);
        let e = out.entry(*s).or_insert(p);
        *e = e.max(p);
    }
    out
}

fn count_at(pool: &Pool, sents: &[usize], scores: &HashMap<usize, f64>, thr: f64) -> Counts {
    let mut c = Counts::default();
    for &s in sents {
        let hit = scores.get(&s).is_some_and(|p| *p >= thr);
        match (pool.label[s], hit) {
            (true, true) => c.tp += 1,
            (true, false) => c.fn_ += 1,
            (false, true) => c.fp += 1,
            (false, false) => {}
        }
    }
    c.finish()
}

/// What model selection saw and chose.
struct Selection {
    /// The chosen hyperparameters.
    hp: Hyper,
    /// The threshold chosen with them.
    threshold: f64,
    /// Every candidate's (L2, `difficult no` target, threshold, inner
    /// out-of-fold F1), in grid order.
    curve: Vec<[f64; 4]>,
}

/// Model selection for family `fam` among the sentences `ok` accepts: the
/// inner k-fold CV's out-of-fold F1 of every candidate (its best
/// threshold), then [`choose`].
fn select(
    pool: &Pool,
    fam: usize,
    ok: &dyn Fn(usize) -> bool,
    opts: &TrainOptions,
    seed: u64,
) -> Selection {
    let k = opts.folds.max(2);
    let sents = pool.sentences(fam, ok);
    let hps = grid(opts);
    // out-of-fold (label, score) of every sentence, once per repeat of the
    // inner CV (each with its own fold assignment)
    let mut pairs: Vec<Vec<(bool, Option<f64>)>> = vec![Vec::new(); hps.len()];
    for rep in 0..opts.inner_repeats.max(1) {
        let rseed = seed.wrapping_add(0x51_7cc1_b727_220a_u64.wrapping_mul(rep as u64));
        let inner = |s: usize| fold_of(&pool.article[s], k, rseed);
        let mut scores = vec![HashMap::new(); hps.len()];
        for g in 0..k {
            let rows = pool.train_rows(fam, opts.joint, &|s| ok(s) && inner(s) != g);
            let test: Vec<usize> = sents.iter().copied().filter(|&s| inner(s) == g).collect();
            for (hi, hp) in hps.iter().enumerate() {
                let m = train(pool, &rows, *hp, opts);
                scores[hi].extend(sentence_scores(pool, &m, &test));
            }
        }
        for (hi, sc) in scores.iter().enumerate() {
            pairs[hi].extend(sents.iter().map(|s| (pool.label[*s], sc.get(s).copied())));
        }
    }
    let curve: Vec<[f64; 4]> = hps
        .iter()
        .zip(&pairs)
        .map(|(hp, pr)| {
            let (thr, f1) = best_threshold_of(pr);
            [hp.0, hp.1, thr, f1]
        })
        .collect();
    let c = choose(&curve, opts.tie_margin);
    Selection {
        hp: (curve[c][0], curve[c][1]),
        threshold: curve[c][2],
        curve,
    }
}

/// The index of the chosen candidate of a selection curve (rows of L2,
/// `difficult no` target, threshold, F1): among the candidates whose F1 is
/// within `margin` of the best, the softest — the highest `difficult no`
/// target, then the strongest L2 (the first in grid order on a full tie).
/// A margin of 0 is the plain best F1 (the first on a tie). With a margin,
/// a near tie between targets (two F1 a few sentences apart, which a
/// one-feature change of the coder or another fold seed can swap) no
/// longer decides the model.
fn choose(curve: &[[f64; 4]], margin: f64) -> usize {
    let best = curve.iter().map(|c| c[3]).fold(f64::NEG_INFINITY, f64::max);
    let mut pick: Option<usize> = None;
    for (i, c) in curve.iter().enumerate() {
        let eligible = if margin > 0.0 {
            c[3] >= best - margin - 1e-12
        } else {
            c[3] >= best - 1e-12
        };
        if !eligible {
            continue;
        }
        pick = match pick {
            Some(p) if margin > 0.0 && (c[1], c[0]) > (curve[p][1], curve[p][0]) => Some(i),
            None => Some(i),
            keep => keep,
        };
    }
    pick.unwrap_or(0)
}

/// The threshold with the best F1 over (label, score) pairs (a pair
/// without a score is a sentence with no event: a miss when positive),
/// midway between the chosen score and the next lower one, and that F1.
fn best_threshold_of(pairs: &[(bool, Option<f64>)]) -> (f64, f64) {
    let positives = pairs.iter().filter(|p| p.0).count();
    let mut scored: Vec<(f64, bool)> = pairs
        .iter()
        .filter_map(|(l, s)| s.map(|s| (s, *l)))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut best = (0.5, -1.0);
    let (mut tp, mut fp) = (0usize, 0usize);
    let mut k = 0;
    while k < scored.len() {
        let p = scored[k].0;
        // every pair at this score is in
        while k < scored.len() && scored[k].0 == p {
            if scored[k].1 {
                tp += 1;
            } else {
                fp += 1;
            }
            k += 1;
        }
        // rounded as [`Counts`] rounds (ties go to the higher threshold)
        let f1 = if tp == 0 {
            0.0
        } else {
            round6(2.0 * tp as f64 / (2 * tp + fp + (positives - tp)) as f64)
        };
        if f1 > best.1 + 1e-12 {
            let lower = scored.get(k).map_or(0.0, |x| x.0);
            best = ((p + lower) / 2.0, f1);
        }
    }
    (best.0, best.1.max(0.0))
}

/// The honest estimate: outer k-fold CV by article; in each fold, L2 and
/// threshold are chosen by an inner CV on the training folds only.
#[derive(Debug, Clone, Serialize)]
pub struct CvReport {
    /// Family.
    pub family: String,
    /// Outer folds.
    pub folds: usize,
    /// Labelled sentences of the family.
    pub sentences: usize,
    /// Gold positives.
    pub positives: usize,
    /// Gold positives in which the coder found no event of the family (the
    /// filter cannot recover them; they count as false negatives).
    pub positives_without_event: usize,
    /// Pooled counts over the outer test folds.
    pub pooled: Counts,
    /// F1 of each outer fold.
    pub fold_f1: Vec<f64>,
    /// (L2, `difficult no` target, threshold) chosen in each outer fold.
    pub fold_choice: Vec<(f64, f64, f64)>,
    /// Per outer fold, the inner selection curve: every candidate's (L2,
    /// `difficult no` target, threshold, inner out-of-fold F1).
    pub fold_curves: Vec<Vec<[f64; 4]>>,
    /// The coder without the filter on the same sentences.
    pub unfiltered: Counts,
    /// Per labelled sentence of the family (in [`Dataset`] order): its
    /// out-of-fold score (`None`: no event) and its outer fold's threshold,
    /// for reading the errors by cause (`marsad train events-filter --oof`).
    #[serde(skip)]
    pub out_of_fold: Vec<(Option<f64>, f64)>,
}

fn family_index(data: &[Dataset], family: &str) -> Option<usize> {
    data.iter().position(|d| d.family == family)
}

/// Cross-validates the whole training procedure for `family` (see
/// [`CvReport`]); `None` when `data` has no such family.
pub fn cross_validate(data: &[Dataset], family: &str, opts: &TrainOptions) -> Option<CvReport> {
    let fam = family_index(data, family)?;
    let pool = Pool::new(data, opts);
    let k = opts.folds.max(2);
    let outer = |s: usize| fold_of(&pool.article[s], k, opts.seed);
    let all = pool.sentences(fam, &|_| true);
    let mut pooled = Counts::default();
    let mut fold_f1 = Vec::new();
    let mut fold_choice = Vec::new();
    let mut fold_curves = Vec::new();
    // a family's sentences are one contiguous block of the pool (`Pool::new`
    // appends each dataset's sentences in order): `s - base` is a position
    let base = all.first().copied().unwrap_or(0);
    debug_assert!(all.windows(2).all(|w| w[1] == w[0] + 1));
    let mut out_of_fold = vec![(None, 0.0); all.len()];
    for f in 0..k {
        let ok = |s: usize| outer(s) != f;
        let sel = select(&pool, fam, &ok, opts, opts.seed.wrapping_add(1 + f as u64));
        let (hp, thr) = (sel.hp, sel.threshold);
        fold_curves.push(sel.curve.iter().map(|c| c.map(round6)).collect());
        let m = train(&pool, &pool.train_rows(fam, opts.joint, &ok), hp, opts);
        let test: Vec<usize> = all.iter().copied().filter(|&s| outer(s) == f).collect();
        let scores = sentence_scores(&pool, &m, &test);
        for &s in &test {
            if let Some(slot) = s.checked_sub(base).and_then(|i| out_of_fold.get_mut(i)) {
                *slot = (scores.get(&s).copied(), thr);
            }
        }
        let c = count_at(&pool, &test, &scores, thr);
        fold_f1.push(c.f1);
        fold_choice.push((hp.0, hp.1, round6(thr)));
        pooled.tp += c.tp;
        pooled.fp += c.fp;
        pooled.fn_ += c.fn_;
    }
    let with_event: HashSet<usize> = pool.rows.iter().map(|r| r.0).collect();
    let unfiltered = {
        let sc: HashMap<usize, f64> = with_event.iter().map(|s| (*s, 1.0)).collect();
        count_at(&pool, &all, &sc, 0.5)
    };
    Some(CvReport {
        family: family.to_string(),
        folds: k,
        sentences: all.len(),
        positives: all.iter().filter(|s| pool.label[**s]).count(),
        positives_without_event: all
            .iter()
            .filter(|s| pool.label[**s] && !with_event.contains(s))
            .count(),
        pooled: pooled.finish(),
        fold_f1,
        fold_choice,
        fold_curves,
        unfiltered,
        out_of_fold,
    })
}

/// Trains the shipped model of `family` on all sentences (L2 and threshold
/// chosen by k-fold CV over all of them) and returns it with its in-sample
/// counts (labelled as such: they are not an estimate); `None` when `data`
/// has no such family.
pub fn fit(data: &[Dataset], family: &str, opts: &TrainOptions) -> Option<(FamilyModel, Counts)> {
    let fam = family_index(data, family)?;
    let pool = Pool::new(data, opts);
    let sel = select(&pool, fam, &|_| true, opts, opts.seed);
    let (hp, thr) = (sel.hp, sel.threshold);
    let m = train(
        &pool,
        &pool.train_rows(fam, opts.joint, &|_| true),
        hp,
        opts,
    );
    let all = pool.sentences(fam, &|_| true);
    let in_sample = count_at(&pool, &all, &sentence_scores(&pool, &m, &all), thr);
    // a joint model keeps the shared features and its own family's
    let mine = format!("{family}|");
    let weights =
        m.1.into_iter()
            .filter(|(f, _)| !opts.joint || !f.contains('|') || f.starts_with(&mine))
            .map(|(f, w)| (f, round6(w)))
            .collect();
    Some((
        FamilyModel {
            family: family.to_string(),
            bias: round6(m.0),
            threshold: round6(thr),
            l2: hp.0,
            difficult_target: hp.1,
            joint: opts.joint,
            selection: sel.curve.iter().map(|c| c.map(round6)).collect(),
            weights,
            lookup: Default::default(),
        },
        in_sample,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_ids() {
        assert_eq!(
            article_of("AAW_ARB_20080913.0007-59"),
            "AAW_ARB_20080913.0007"
        );
        assert_eq!(article_of("e6874d_38"), "e6874d");
        assert_eq!(article_of("plain"), "plain");
        assert_eq!(article_of("-"), "-");
        assert_eq!(article_of(""), "");
        assert_eq!(sentence_number_of("AAW_ARB_20080913.0007-59"), Some(59));
        assert_eq!(sentence_number_of("e6874d_38"), Some(38));
        assert_eq!(sentence_number_of("plain"), None);
        assert_eq!(sentence_number_of("x-"), None);
        assert_eq!(position_of_id("AAW_ARB_20080913.0007-59"), Some(58));
        assert_eq!(position_of_id("AAW_ARB_20080913.0007-1"), Some(0));
        assert_eq!(position_of_id("AAW_ARB_20080913.0007-0"), None);
        assert_eq!(position_of_id("plain"), None);
    }

    #[test]
    fn bad_model_files_are_named() {
        let e = Filter::from_json("{", "x/filter.json")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x/filter.json:"), "{e}");
        let e = Filter::from_json(r#"{"format":"other/1","families":[]}"#, "f.json")
            .unwrap_err()
            .to_string();
        assert!(e.contains("f.json") && e.contains("format"), "{e}");
        let e = Filter::load(Path::new("/nonexistent/filter.json"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("/nonexistent/filter.json"), "{e}");
    }

    #[test]
    fn threshold_sweep() {
        // scores 0.9 (yes), 0.8 (no), 0.7 (yes), 0.2 (no), a positive with
        // no event: best F1 at 0.7 (tp 2, fp 1, fn 1 → 0.667), midway to 0.2
        let pairs = [
            (true, Some(0.9)),
            (false, Some(0.8)),
            (true, Some(0.7)),
            (false, Some(0.2)),
            (true, None),
        ];
        let (thr, f1) = best_threshold_of(&pairs);
        assert!((thr - 0.45).abs() < 1e-9, "{thr}");
        assert!((f1 - 0.666667).abs() < 1e-6, "{f1}");
        assert_eq!(best_threshold_of(&[]), (0.5, 0.0));
        assert_eq!(best_threshold_of(&[(false, Some(0.3))]).1, 0.0);
    }

    #[test]
    fn selection_breaks_near_ties_toward_the_softer_target() {
        // rows: (L2, difficult target, threshold, inner F1)
        let curve = [
            [3.0, 0.0, 0.4, 0.600],
            [3.0, 0.25, 0.5, 0.650],
            [3.0, 0.5, 0.7, 0.640],
            [10.0, 0.5, 0.6, 0.635],
        ];
        // plain best: the 0.25 target
        assert_eq!(choose(&curve, 0.0), 1);
        // within 0.02 of the best: 0.25 and both 0.5 rows; the softest
        // target, then the strongest L2
        assert_eq!(choose(&curve, 0.02), 3);
        // a margin too small to reach the 0.5 rows keeps the best
        assert_eq!(choose(&curve, 0.005), 1);
        // a full tie at margin 0: the first in grid order
        let tie = [[3.0, 0.0, 0.4, 0.6], [3.0, 0.5, 0.4, 0.6]];
        assert_eq!(choose(&tie, 0.0), 0);
        assert_eq!(choose(&tie, 0.02), 1);
    }

    #[test]
    fn joint_features_shared_by_prefix() {
        let f = vec!["mod:asserted".to_string(), "t:هجوم".to_string()];
        assert_eq!(expand("PROTEST", &f, false), f);
        assert_eq!(expand("PROTEST", &f, true).len(), 4);
        let e = expand_shared("PROTEST", &f, true, &["mod:".to_string()]);
        assert_eq!(
            e,
            [
                "PROTEST|bias",
                "mod:asserted",
                "PROTEST|mod:asserted",
                "PROTEST|t:هجوم"
            ]
        );
    }

    #[test]
    fn learner_separates_a_toy_problem() {
        // sentences 0..40: label = has feature "a"; "b" is noise
        let mut d = Dataset::new("ASSAULT");
        let other = Dataset::new("PROTEST");
        for s in 0..40 {
            let lab = s % 3 == 0;
            d.label.push(lab);
            d.article.push(format!("art{}", s / 2));
            let mut feats = vec![if s % 2 == 0 { "b" } else { "c" }.to_string()];
            if lab {
                feats.push("a".into());
            }
            d.instances.push(Instance { sentence: s, feats });
        }
        let opts = TrainOptions {
            l2_grid: vec![0.1],
            min_count: 1,
            joint: true,
            ..TrainOptions::default()
        };
        let data = [d, other];
        let (m, c) = fit(&data, "ASSAULT", &opts).unwrap();
        assert_eq!(c.f1, 1.0, "{c:?}");
        assert!(m.weights()["a"] + m.weights()["ASSAULT|a"] > 1.0);
        assert!(m.probability(&["a".into()]) > m.threshold);
        assert!(m.probability(&["b".into()]) < m.threshold);
        let cv = cross_validate(&data, "ASSAULT", &opts).unwrap();
        assert_eq!(cv.pooled.f1, 1.0, "{cv:?}");
        assert_eq!(cv.positives, 14);
        // one out-of-fold score per sentence, each under its fold's threshold
        assert_eq!(cv.out_of_fold.len(), 40);
        assert!(cv.out_of_fold.iter().all(|(p, _)| p.is_some()));
    }

    #[test]
    fn mention_features_only_for_the_mention_families() {
        let mut data = Vec::new();
        for fam in ["ASSAULT", "PROTEST"] {
            let mut d = Dataset::new(fam);
            d.label.push(true);
            d.article.push("a".into());
            d.instances.push(Instance {
                sentence: 0,
                feats: vec!["m:LOC".into(), "mn:PERS".into(), "mod:asserted".into()],
            });
            data.push(d);
        }
        let feats = |opts: &TrainOptions| -> Vec<Vec<String>> {
            Pool::new(&data, opts)
                .rows
                .into_iter()
                .map(|r| r.1)
                .collect()
        };
        // the default: ASSAULT reads them, PROTEST does not
        let rows = feats(&TrainOptions::default());
        assert_eq!(rows[0], ["m:LOC", "mn:PERS", "mod:asserted"]);
        assert_eq!(rows[1], ["mod:asserted"]);
        let rows = feats(&TrainOptions {
            mention_families: vec!["PROTEST".into()],
            ..TrainOptions::default()
        });
        assert_eq!(rows[0], ["mod:asserted"]);
        assert_eq!(rows[1].len(), 3);
    }
}

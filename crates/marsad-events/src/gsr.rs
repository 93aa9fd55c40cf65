//! Scoring against the Arabic event gold standard
//! (`../shared/data/events/arabic-event-gsr`): sentence-level detection of
//! ASSAULT (CAMEO roots 18–20) and PROTEST (root 14) events, and source and
//! target CAMEO actor codes on the span records.
//!
//! Detection: a sentence labelled `yes` is positive; `easy no` and
//! `difficult no` are negative; `ambiguous` is left out. A sentence is
//! predicted positive when the coder finds an event of the type (any
//! modality but `negated`).
//!
//! Actor codes: each span record has three to four annotators' spans, each
//! with a `{main, role}` code (`IRQ` + `MIL` → `IRQMIL`; `None` parts
//! dropped). The gold code of a side is the most frequent non-empty code
//! (ties: the first annotator's); a side with no non-empty code is not
//! scored. The prediction is the event of the record's type whose trigger
//! shares a word with the annotators' verb spans (most votes wins; ties: the
//! first such event), else the first event of the type; no event, or no
//! code, counts as wrong. The predicted code is compared as the annotators
//! could have written it, main part and first role ([`in_gold_scheme`]:
//! NATO's `IGOWSTNAT` is `IGO`; since session 8). The older definition (always the first event of
//! the type) is reported beside it as `actor_code_accuracy_first_event` so
//! that the change of metric stays visible.

use crate::EventsError;
use marsad_core::{Document, Event, Modality};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// The two event types of the gold standard.
pub const TYPES: [&str; 2] = ["ASSAULT", "PROTEST"];

/// True when a CAMEO code belongs to the gold type.
pub fn code_is(kind: &str, cameo: &str) -> bool {
    match kind {
        "ASSAULT" => matches!(cameo.get(..2), Some("18" | "19" | "20")),
        "PROTEST" => cameo.get(..2) == Some("14"),
        _ => false,
    }
}

/// True when `e` counts as a detection of `kind`.
pub fn detects(kind: &str, e: &Event) -> bool {
    code_is(kind, &e.cameo) && e.modality != Modality::Negated
}

/// One labelled sentence.
#[derive(Debug, Clone)]
pub struct Labelled {
    /// Sentence id.
    pub id: String,
    /// The text.
    pub text: String,
    /// `yes`, `easy no`, `difficult no`.
    pub label: String,
}

/// One span record: a sentence with gold source and target codes.
#[derive(Debug, Clone)]
pub struct SpanRecord {
    /// The source id (often with a date: `AAW_ARB_20071208.0036-23`).
    pub id: String,
    /// The text.
    pub text: String,
    /// Gold source code, when annotators gave one.
    pub source: Option<String>,
    /// Gold target code, when annotators gave one.
    pub target: Option<String>,
    /// The annotators' verb-span words, normalized, with how many
    /// annotators marked each.
    pub verbs: Vec<(String, usize)>,
}

/// Parses CSV text (RFC 4180, quoted fields may hold newlines) into rows.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cur = String::new();
    let mut q = false;
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '"' if q && it.peek() == Some(&'"') => {
                cur.push('"');
                it.next();
            }
            '"' => q = !q,
            ',' if !q => row.push(std::mem::take(&mut cur)),
            '\n' if !q => {
                row.push(std::mem::take(&mut cur));
                rows.push(std::mem::take(&mut row));
            }
            '\r' if !q => {}
            c => cur.push(c),
        }
    }
    if !cur.is_empty() || !row.is_empty() {
        row.push(cur);
        rows.push(row);
    }
    rows
}

fn read(p: &Path) -> Result<String, EventsError> {
    std::fs::read_to_string(p).map_err(|e| EventsError::File {
        path: p.display().to_string(),
        detail: format!("{e} (expected the arabic-event-gsr directory: assault_gsr.csv, protest_gsr.csv, *_spans.json)"),
    })
}

/// Reads `{assault,protest}_gsr.csv`: the labelled sentences of `kind`.
pub fn read_labels(dir: &Path, kind: &str) -> Result<Vec<Labelled>, EventsError> {
    let p = dir.join(format!("{}_gsr.csv", kind.to_lowercase()));
    let rows = parse_csv(&read(&p)?);
    let Some(head) = rows.first() else {
        return Ok(Vec::new());
    };
    let col = |name: &str| {
        head.iter()
            .position(|h| h == name)
            .ok_or_else(|| EventsError::File {
                path: p.display().to_string(),
                detail: format!("no `{name}` column in the header"),
            })
    };
    let (ci, ct, cl) = (col("id")?, col("text")?, col("label")?);
    Ok(rows[1..]
        .iter()
        .filter(|r| r.len() > ci.max(ct).max(cl))
        .map(|r| Labelled {
            id: r[ci].clone(),
            text: r[ct].clone(),
            label: r[cl].clone(),
        })
        .collect())
}

fn role_code(v: &serde_json::Value) -> Option<String> {
    let o = v.as_object()?;
    let part = |k: &str| {
        o.get(k)
            .and_then(|x| x.as_str())
            .filter(|s| *s != "None" && !s.is_empty())
            .unwrap_or("")
            .to_string()
    };
    let c = format!("{}{}", part("main"), part("role"));
    (!c.is_empty()).then_some(c)
}

/// Reads `{assault,protest}_spans.json`.
pub fn read_spans(dir: &Path, kind: &str) -> Result<Vec<SpanRecord>, EventsError> {
    let p = dir.join(format!("{}_spans.json", kind.to_lowercase()));
    let v: serde_json::Value = serde_json::from_str(&read(&p)?).map_err(|e| EventsError::File {
        path: p.display().to_string(),
        detail: format!("not JSON: {e}"),
    })?;
    let mut out = Vec::new();
    for r in v.as_array().into_iter().flatten() {
        let text = r
            .get("text")
            .and_then(|t| t.as_str())
            .unwrap_or("")
            .to_string();
        let id = r
            .get("source")
            .and_then(|t| t.as_str())
            .unwrap_or("")
            .to_string();
        let mut gold = [None, None];
        for (k, side) in ["source_role", "target_role"].iter().enumerate() {
            let mut votes: Vec<(String, usize)> = Vec::new();
            for s in r
                .get("spans")
                .and_then(|s| s.as_array())
                .into_iter()
                .flatten()
            {
                if let Some(c) = s.get(*side).and_then(role_code) {
                    match votes.iter_mut().find(|(x, _)| *x == c) {
                        Some(v) => v.1 += 1,
                        None => votes.push((c, 1)),
                    }
                }
            }
            let best = votes.iter().map(|v| v.1).max().unwrap_or(0);
            gold[k] = votes.into_iter().find(|v| v.1 == best).map(|v| v.0);
        }
        let [source, target] = gold;
        let mut verbs: Vec<(String, usize)> = Vec::new();
        for s in r
            .get("spans")
            .and_then(|s| s.as_array())
            .into_iter()
            .flatten()
        {
            let mut seen: Vec<String> = Vec::new();
            for w in s
                .get("verb")
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
                .filter_map(|w| w.as_str())
            {
                let w = marsad_arabic::normalize_str(w);
                if w.chars().count() < 2 || seen.contains(&w) {
                    continue;
                }
                seen.push(w.clone());
                match verbs.iter_mut().find(|(x, _)| *x == w) {
                    Some(v) => v.1 += 1,
                    None => verbs.push((w, 1)),
                }
            }
        }
        out.push(SpanRecord {
            id,
            text,
            source,
            target,
            verbs,
        });
    }
    Ok(out)
}

/// A publication date hidden in a gold id (`AAW_ARB_20071208.0036-23`).
pub fn date_of_id(id: &str) -> Option<String> {
    let b = id.as_bytes();
    (0..b.len().saturating_sub(7)).find_map(|i| {
        let s = id.get(i..i + 8)?;
        if !s.bytes().all(|c| c.is_ascii_digit()) || (i > 0 && b[i - 1].is_ascii_digit()) {
            return None;
        }
        let (y, m, d): (u32, u32, u32) = (
            s[..4].parse().ok()?,
            s[4..6].parse().ok()?,
            s[6..].parse().ok()?,
        );
        ((1990..2030).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
            .then(|| format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..]))
    })
}

/// Precision, recall and F1 with their counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Prf {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// True negatives.
    pub tn: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    fn finish(&mut self) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        self.precision = p;
        self.recall = r;
        self.f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
    }
}

/// Actor-code accuracy.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Accuracy {
    /// Sides scored.
    pub n: usize,
    /// Exact code matches.
    pub correct: usize,
    /// `correct / n`.
    pub accuracy: f64,
    /// Sides where the chosen event had no actor with a code (or there was
    /// no event of the type at all).
    pub no_actor: usize,
    /// Exact matches when the prediction is always the first event of the
    /// type (the definition before 2026-11-24).
    pub correct_first_event: usize,
    /// Wrong sides by cause ([`cause`]): what an error analysis needs
    /// first (no event, no actor, swapped sides, country or role parts).
    pub causes: std::collections::BTreeMap<String, usize>,
}

/// Records with both sides gold-coded, scored on both at once.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BothSides {
    /// Records with a gold source and a gold target code.
    pub n: usize,
    /// Records whose source and target codes both match.
    pub correct: usize,
    /// `correct / n`.
    pub accuracy: f64,
}

/// The scores of one event type.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TypeScores {
    /// Sentence-level detection.
    pub detection: Prf,
    /// Detection on `difficult no` negatives only: false positives among them.
    pub difficult_no_false_positives: usize,
    /// Source actor codes.
    pub source_code: Accuracy,
    /// Target actor codes.
    pub target_code: Accuracy,
    /// Source and target right together.
    pub both_sides: BothSides,
    /// Span records whose event was picked by its trigger (the rest fell
    /// back to the first event of the type, or had none).
    pub matched_by_trigger: usize,
}

/// A labelled sentence the coder got wrong (for error analysis).
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// Event type.
    pub kind: String,
    /// `fp`, `fn`, `source`, `target`.
    pub what: String,
    /// Sentence id.
    pub id: String,
    /// Gold label or code.
    pub gold: String,
    /// What the coder said.
    pub got: String,
    /// For actor-code errors, the cause ([`cause`]); empty otherwise.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cause: String,
    /// The sentence.
    pub text: String,
}

/// All scores.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    /// Per type.
    pub types: HashMap<String, TypeScores>,
    /// Actor-code accuracy over both sides and both types.
    pub actor_code_accuracy: f64,
    /// Source-side accuracy over both types.
    pub source_accuracy: f64,
    /// Target-side accuracy over both types.
    pub target_accuracy: f64,
    /// Sides with no coded actor in the chosen event, over both types.
    pub sides_without_actor: usize,
    /// The same accuracy with the older choice of event (always the first
    /// event of the type in the sentence).
    pub actor_code_accuracy_first_event: f64,
    /// Errors, when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Miss>,
}

/// Scores a coder given as `code(text, published) -> Document`.
pub fn evaluate(
    dir: &Path,
    keep_errors: bool,
    code: &mut dyn FnMut(&str, Option<&str>) -> Document,
) -> Result<Scores, EventsError> {
    evaluate_by_id(dir, keep_errors, &mut |_, text, date| code(text, date))
}

/// [`evaluate`] with a coder that also gets the gold id
/// (`code(id, text, published)`), e.g. to read the sentence's number in its
/// article ([`crate::filter::sentence_number_of`]).
pub fn evaluate_by_id(
    dir: &Path,
    keep_errors: bool,
    code: &mut dyn FnMut(&str, &str, Option<&str>) -> Document,
) -> Result<Scores, EventsError> {
    let mut scores = Scores::default();
    let (mut all_n, mut all_ok, mut first_ok) = (0usize, 0usize, 0usize);
    let (mut side_n, mut side_ok) = ([0usize; 2], [0usize; 2]);
    for kind in TYPES {
        let mut ts = TypeScores::default();
        for l in read_labels(dir, kind)? {
            let gold = match l.label.as_str() {
                "yes" => true,
                "easy no" | "difficult no" => false,
                _ => continue,
            };
            let doc = code(&l.id, &l.text, date_of_id(&l.id).as_deref());
            let hit = doc.events.iter().find(|e| detects(kind, e));
            let d = &mut ts.detection;
            match (gold, hit.is_some()) {
                (true, true) => d.tp += 1,
                (true, false) => d.fn_ += 1,
                (false, true) => {
                    d.fp += 1;
                    if l.label == "difficult no" {
                        ts.difficult_no_false_positives += 1;
                    }
                }
                (false, false) => d.tn += 1,
            }
            if keep_errors && gold != hit.is_some() {
                let got = hit
                    .map(|e| format!("{} «{}»", e.cameo, slice(&doc.text, e.trigger)))
                    .unwrap_or_else(|| "-".into());
                scores.errors.push(Miss {
                    kind: kind.into(),
                    what: if gold { "fn" } else { "fp" }.into(),
                    id: l.id.clone(),
                    gold: l.label.clone(),
                    got,
                    cause: String::new(),
                    text: l.text.clone(),
                });
            }
        }
        ts.detection.finish();
        for r in read_spans(dir, kind)? {
            let doc = code(&r.id, &r.text, date_of_id(&r.id).as_deref());
            let first = doc.events.iter().find(|e| code_is(kind, &e.cameo));
            let by_trigger = pick_by_trigger(&doc, kind, &r.verbs);
            ts.matched_by_trigger += by_trigger.is_some() as usize;
            let ev = by_trigger.or(first);
            let mut both = (0, 0);
            for (side, gold) in [("source", &r.source), ("target", &r.target)] {
                let Some(gold) = gold else { continue };
                let got = ev.and_then(|e| side_code(e, side));
                let ok = got.as_deref().map(in_gold_scheme).as_deref() == Some(gold.as_str());
                let ok_first = first
                    .and_then(|e| side_code(e, side))
                    .as_deref()
                    .map(in_gold_scheme)
                    .as_deref()
                    == Some(gold.as_str());
                both.0 += 1;
                both.1 += ok as usize;
                let acc = if side == "source" {
                    &mut ts.source_code
                } else {
                    &mut ts.target_code
                };
                acc.n += 1;
                acc.correct += ok as usize;
                acc.correct_first_event += ok_first as usize;
                acc.no_actor += got.is_none() as usize;
                let why = if ok {
                    String::new()
                } else {
                    let other = ev.and_then(|e| {
                        side_code(e, if side == "source" { "target" } else { "source" })
                    });
                    cause(ev.is_some(), got.as_deref(), other.as_deref(), gold).to_string()
                };
                if !ok {
                    *acc.causes.entry(why.clone()).or_default() += 1;
                }
                if keep_errors && !ok {
                    let who = ev
                        .and_then(|e| {
                            if side == "source" {
                                Some(e.source.text.clone())
                            } else {
                                e.target.as_ref().map(|a| a.text.clone())
                            }
                        })
                        .unwrap_or_default();
                    let trig = ev
                        .map(|e| format!(" {} «{}»", e.cameo, slice(&doc.text, e.trigger)))
                        .unwrap_or_default();
                    scores.errors.push(Miss {
                        kind: kind.into(),
                        what: side.into(),
                        id: r.id.clone(),
                        gold: gold.clone(),
                        got: format!("{} «{}»{trig}", got.unwrap_or_else(|| "-".into()), who),
                        cause: why,
                        text: r.text.clone(),
                    });
                }
            }
            if both.0 == 2 {
                ts.both_sides.n += 1;
                ts.both_sides.correct += (both.1 == 2) as usize;
            }
        }
        ts.both_sides.accuracy = ts.both_sides.correct as f64 / ts.both_sides.n.max(1) as f64;
        for (k, a) in [&mut ts.source_code, &mut ts.target_code]
            .into_iter()
            .enumerate()
        {
            a.accuracy = a.correct as f64 / a.n.max(1) as f64;
            all_n += a.n;
            all_ok += a.correct;
            first_ok += a.correct_first_event;
            side_n[k] += a.n;
            side_ok[k] += a.correct;
            scores.sides_without_actor += a.no_actor;
        }
        scores.types.insert(kind.to_string(), ts);
    }
    scores.actor_code_accuracy = all_ok as f64 / all_n.max(1) as f64;
    scores.actor_code_accuracy_first_event = first_ok as f64 / all_n.max(1) as f64;
    scores.source_accuracy = side_ok[0] as f64 / side_n[0].max(1) as f64;
    scores.target_accuracy = side_ok[1] as f64 / side_n[1].max(1) as f64;
    Ok(scores)
}

/// CAMEO sector (role) codes, for splitting an actor code into its country
/// or group part and its role part.
const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "REB", "OPP", "CVL", "UAF", "JUD", "LEG", "BUS", "MED", "EDU", "REL",
    "HLH", "LAB", "ELI", "SPY", "CRM", "REF", "INS", "AGR", "ENV", "HRI", "PTY", "SET", "RAD",
    "MOD", "DEV", "UNK",
];

/// `(country or group, first role)` of a code: `IRQMIL` → (`IRQ`, `MIL`),
/// `CVL` → (``, `CVL`), `AFG` → (`AFG`, ``).
fn code_parts(c: &str) -> (&str, &str) {
    let part = |i: usize| c.get(i..i + 3).unwrap_or("");
    if SECTORS.contains(&part(0)) {
        return ("", part(0));
    }
    let role = (3..c.len())
        .step_by(3)
        .map(part)
        .find(|p| SECTORS.contains(p))
        .unwrap_or("");
    (part(0), role)
}

/// A code as the gold standard's annotators could have written it: one
/// `main` part (a country, `IGO`, `IMG` …) and one `role`, so a longer
/// CAMEO code is compared by its first part and first role (`IGOWSTNAT`,
/// NATO, → `IGO`; `USAGOVLEG` → `USAGOV`; `IRQMIL` and `CVL` unchanged).
/// Without this a code the annotation scheme cannot express could never
/// match (session 8: 1 side of 412, NATO's `IGOWSTNAT` against `IGO`).
pub fn in_gold_scheme(code: &str) -> String {
    let (main, role) = code_parts(code);
    format!("{main}{role}")
}

/// Why a side's code is wrong: `no event of the type`, `no actor on the
/// side`, `sides swapped` (the other side holds the gold code), `country
/// missing` / `country extra` / `country differs` (same role), `role
/// missing` / `role extra` / `role differs` (same country), else `other
/// actor`.
pub fn cause(has_event: bool, got: Option<&str>, other: Option<&str>, gold: &str) -> &'static str {
    let Some(got) = got else {
        return if has_event {
            "no actor on the side"
        } else {
            "no event of the type"
        };
    };
    if other == Some(gold) {
        return "sides swapped";
    }
    let ((gc, gr), (pc, pr)) = (code_parts(gold), code_parts(got));
    match (gc == pc, gr == pr) {
        (false, true) if pc.is_empty() => "country missing",
        (false, true) if gc.is_empty() => "country extra",
        (false, true) => "country differs",
        (true, false) if !gc.is_empty() && pr.is_empty() => "role missing",
        (true, false) if !gc.is_empty() && gr.is_empty() => "role extra",
        (true, false) if !gc.is_empty() => "role differs",
        _ => "other actor",
    }
}

/// The code of one side of an event (a compound actor without a code of
/// its own gives its first member's).
fn side_code(e: &Event, side: &str) -> Option<String> {
    let a = if side == "source" {
        Some(&e.source)
    } else {
        e.target.as_ref()
    };
    a.and_then(|a| {
        a.code
            .clone()
            .or_else(|| a.members.first().and_then(|m| m.code.clone()))
    })
}

/// The event of `kind` whose trigger words the annotators marked as the
/// verb most often (ties: the first event); `None` when no trigger shares a
/// word with the verb spans. Words compare normalized, and a trigger word
/// also matches a verb word it contains or is contained in with at most a
/// proclitic of difference (وقتل / قتل).
pub fn pick_by_trigger<'d>(
    doc: &'d Document,
    kind: &str,
    verbs: &[(String, usize)],
) -> Option<&'d Event> {
    let mut best: Option<(&Event, usize)> = None;
    for e in doc.events.iter().filter(|e| code_is(kind, &e.cameo)) {
        let trig = slice(&doc.text, e.trigger);
        let mut score = 0;
        for w in trig.split_whitespace() {
            let w = marsad_arabic::normalize_str(w);
            if let Some((_, n)) = verbs.iter().find(|(v, _)| same_word(v, &w)) {
                score += n;
            }
        }
        if score > 0 && best.is_none_or(|(_, b)| score > b) {
            best = Some((e, score));
        }
    }
    best.map(|(e, _)| e)
}

fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= 3
        && long
            .strip_suffix(short)
            .is_some_and(|p| matches!(p, "و" | "ف" | "ب" | "ل" | "وب" | "ول" | "فب"))
}

fn slice(text: &str, s: marsad_core::Span) -> String {
    text.chars().skip(s.start).take(s.len()).collect()
}

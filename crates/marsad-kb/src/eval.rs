//! Linking evaluation on real SaudiNewsNet articles, and CAMEO actor-code
//! accuracy on the Arabic event gold standard's span records.
//!
//! Gold file (JSON Lines), one article per line:
//! `{"zip": "2015-07-21.zip", "url": "…", "mentions": [["بوتين", 0, "wiki:Vladimir_Putin"], …]}`
//! Each mention is `[surface, occurrence, referent]`: the `occurrence`-th
//! (0-based) exact occurrence of `surface` in the article's `content`. The
//! referent is `c:ISO3` (a country, or its people for a plural demonym),
//! `gov:ISO3` (a capital or seat standing for the government), `gn:ID` (a
//! GeoNames place), `wiki:Title` (English Wikipedia title) or `NIL` (no KB
//! referent). The article text is read from the shared corpus, never copied.

use crate::Kb;
use marsad_core::{Document, Source, Span};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// One gold article.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    /// The corpus zip (file name in `data/corpus/saudinewsnet`).
    pub zip: String,
    /// The article's URL (its key inside the zip).
    pub url: String,
    /// `[surface, occurrence, referent]`.
    pub mentions: Vec<(String, usize, String)>,
}

/// Linking scores.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LinkingScore {
    /// Articles.
    pub docs: usize,
    /// Gold mentions (all).
    pub gold_mentions: usize,
    /// Gold mentions with a KB referent.
    pub gold_linked: usize,
    /// System mentions linked to the KB.
    pub system_linked: usize,
    /// System links that agree with an overlapping gold mention.
    pub correct: usize,
    /// Gold KB mentions found with the right referent.
    pub found: usize,
    /// Precision = correct / system_linked.
    pub precision: f64,
    /// Recall = found / gold_linked.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Up to 40 disagreements, for inspection.
    pub errors: Vec<String>,
    /// Gold KB mentions whose referent the KB has (in-KB recall denominator).
    pub gold_in_kb: usize,
    /// Recall over referents the KB has.
    pub recall_in_kb: f64,
}

/// An article of the corpus (SaudiNewsNet JSON).
#[derive(Debug, Clone, Deserialize)]
pub struct Article {
    /// The page's address.
    pub url: String,
    /// Publication date as extracted (`yyyy-mm-dd…`).
    pub date_extracted: Option<String>,
    /// The article's text.
    pub content: String,
}

impl Article {
    /// A fresh document of the article: its text, publication date and URL
    /// (as `marsad analyze` reads a SaudiNewsNet record), as the scorers
    /// give it to the linker.
    pub fn document(&self) -> Document {
        let source = Source {
            url: Some(self.url.clone()),
            ..Source::default()
        };
        let mut doc = Document::new(self.url.clone(), source, self.content.clone());
        doc.published = self.date_extracted.clone();
        doc
    }
}

/// Opens a SaudiNewsNet zip and calls `f` with the articles of each member
/// in the zip's order, until `f` returns `false`. Errors name the zip and
/// the member (its number when it cannot be opened).
fn each_member(zip: &Path, f: &mut dyn FnMut(Vec<Article>) -> bool) -> Result<(), crate::KbError> {
    let err = |d: String| crate::KbError::File {
        path: zip.display().to_string(),
        detail: d,
    };
    let file = std::fs::File::open(zip).map_err(|e| err(format!("cannot open ({e})")))?;
    let mut z = zip::ZipArchive::new(file).map_err(|e| err(format!("not a zip ({e})")))?;
    for i in 0..z.len() {
        let mut member = z
            .by_index(i)
            .map_err(|e| err(format!("bad member #{i} ({e})")))?;
        let name = member.name().to_string();
        let mut s = String::new();
        member
            .read_to_string(&mut s)
            .map_err(|e| err(format!("member {name}: unreadable ({e})")))?;
        let arts: Vec<Article> = serde_json::from_str(&s).map_err(|e| {
            err(format!(
                "member {name}: not SaudiNewsNet JSON (a list of articles with \
                 `url` and `content`) ({e})"
            ))
        })?;
        if !f(arts) {
            break;
        }
    }
    Ok(())
}

/// Calls `f` with the first `n` articles of a SaudiNewsNet zip (1-based
/// number, article), in the zip's order; returns how many were read.
pub fn each_article(
    zip: &Path,
    n: usize,
    f: &mut dyn FnMut(usize, &Article),
) -> Result<usize, crate::KbError> {
    let mut done = 0;
    each_member(zip, &mut |arts| {
        for a in &arts {
            if done >= n {
                return false;
            }
            done += 1;
            f(done, a);
        }
        true
    })?;
    Ok(done)
}

/// Reads the gold file.
pub fn read_gold(path: &Path) -> Result<Vec<GoldDoc>, crate::KbError> {
    let text = std::fs::read_to_string(path).map_err(|e| crate::KbError::File {
        path: path.display().to_string(),
        detail: format!("cannot read gold file ({e})"),
    })?;
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(l).map_err(|e| crate::KbError::File {
            path: format!("{}:{}", path.display(), i + 1),
            detail: format!("not a gold line ({e})"),
        })?);
    }
    Ok(out)
}

/// Reads the articles named by `gold` from the corpus directory, by URL.
pub fn articles(
    corpus: &Path,
    gold: &[GoldDoc],
) -> Result<HashMap<String, Article>, crate::KbError> {
    let mut want: HashMap<&str, Vec<&str>> = HashMap::new();
    for g in gold {
        want.entry(g.zip.as_str()).or_default().push(g.url.as_str());
    }
    let mut out = HashMap::new();
    for (zip, urls) in want {
        each_member(&corpus.join(zip), &mut |arts| {
            for a in arts {
                if urls.contains(&a.url.as_str()) {
                    out.insert(a.url.clone(), a);
                }
            }
            true
        })?;
    }
    Ok(out)
}

/// The referent string of linked system mention `mi`, in gold notation
/// (`c:ISO3`, `gov:ISO3`, `gn:ID`, `wiki:Title`, else the KB id); `None`
/// for an unlinked mention or a nominal one (not scored).
pub fn system_ref(kb: &Kb, doc: &Document, mi: usize) -> Option<String> {
    let m = &doc.mentions[mi];
    let e = doc
        .entities
        .iter()
        .find(|e| Some(&e.id) == m.entity.as_ref())?;
    // nominal mentions of a country's institution (الجيش العراقي → IRQMIL)
    // are outside the gold's guidelines (nominals are not annotated): not
    // scored
    if e.reading.as_deref() == Some("nominal") {
        return None;
    }
    let r = e.kb.as_ref()?;
    if e.reading.as_deref() == Some("capital-as-government") {
        return Some(format!("gov:{}", r.country.clone().unwrap_or_default()));
    }
    let id = r.id.clone()?;
    if let Some(c) = id.strip_prefix("mk:c:") {
        return Some(format!("c:{c}"));
    }
    if id.starts_with("gn:") {
        return Some(id);
    }
    match kb.entry(&id).and_then(|x| x.wiki.clone()) {
        Some(w) => Some(format!("wiki:{}", w.replace(' ', "_"))),
        None => Some(id),
    }
}

/// The text around code-point span `sp` on one line, the span in `[[ ]]`
/// (for the error list).
pub fn context(text: &str, sp: Span) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (a, b) = (sp.start.min(chars.len()), sp.end.min(chars.len()));
    let lo = a.saturating_sub(40);
    let hi = (b + 40).min(chars.len());
    let s: String = chars[lo..a].iter().collect();
    let m: String = chars[a..b].iter().collect();
    let e: String = chars[b..hi].iter().collect();
    format!("| {s}[[{m}]]{e}").replace('\n', " ")
}

/// True when the KB has the gold referent `r`.
fn in_kb(kb: &Kb, r: &str) -> bool {
    if let Some(c) = r.strip_prefix("c:").or_else(|| r.strip_prefix("gov:")) {
        return kb.countries.contains_key(c);
    }
    if r.starts_with("gn:") {
        return kb.entry(r).is_some();
    }
    if let Some(t) = r.strip_prefix("wiki:") {
        let t = t.replace('_', " ");
        return kb
            .entries
            .iter()
            .any(|e| e.rank >= 0 && e.wiki.as_deref() == Some(t.as_str()));
    }
    false
}

/// Runs the linker over every gold article and scores it. The linker sees
/// the bare text (no sentences, no NER mentions): this scores what the KB
/// and its rules find on their own; [`score_linking_with`] scores a fuller
/// pipeline.
pub fn score_linking(
    kb: &Kb,
    gold: &[GoldDoc],
    corpus: &Path,
) -> Result<LinkingScore, crate::KbError> {
    score_linking_with(kb, gold, corpus, &mut |doc| kb.link(doc))
}

/// [`score_linking`] with `annotate` in place of the bare linker: it gets
/// each gold article as a fresh document (text and publication date) and
/// must leave its mentions and entities linked, e.g. the whole `marsad
/// analyze` pipeline (sentences, NER, values, then KB linking). System
/// references are read through `kb`.
pub fn score_linking_with(
    kb: &Kb,
    gold: &[GoldDoc],
    corpus: &Path,
    annotate: &mut dyn FnMut(&mut Document),
) -> Result<LinkingScore, crate::KbError> {
    let arts = articles(corpus, gold)?;
    let mut docs = Vec::with_capacity(gold.len());
    for g in gold {
        let Some(a) = arts.get(&g.url) else {
            return Err(crate::KbError::File {
                path: corpus.join(&g.zip).display().to_string(),
                detail: format!("article {} not found", g.url),
            });
        };
        let mut doc = a.document();
        annotate(&mut doc);
        docs.push(doc);
    }
    score_documents(kb, gold, &docs)
}

/// The gold mentions of `g` in its annotated article `doc`: `(span,
/// referent, surface)`.
fn gold_spans(g: &GoldDoc, doc: &Document) -> Result<Vec<(Span, String, String)>, crate::KbError> {
    let ix = doc.char_index();
    let mut out = Vec::new();
    for (surf, occ, r) in &g.mentions {
        let Some((b, _)) = doc.text.match_indices(surf.as_str()).nth(*occ) else {
            return Err(crate::KbError::File {
                path: g.url.clone(),
                detail: format!("gold mention `{surf}` #{occ} is not in the article"),
            });
        };
        let start = ix.char_of(b);
        let span = Span::new(start, start + surf.chars().count());
        out.push((span, r.clone(), surf.clone()));
    }
    Ok(out)
}

/// Each scored KB link of `doc` (gold article `g`, annotated) with whether
/// it agrees with an overlapping gold mention, as [`score_documents`]
/// counts it: `(mention index, right)`.
pub fn judge_links(
    kb: &Kb,
    g: &GoldDoc,
    doc: &Document,
) -> Result<Vec<(usize, bool)>, crate::KbError> {
    let gold = gold_spans(g, doc)?;
    Ok((0..doc.mentions.len())
        .filter_map(|mi| {
            let r = system_ref(kb, doc, mi)?;
            let sp = doc.mentions[mi].span;
            Some((
                mi,
                gold.iter().any(|(g, gr, _)| g.overlaps(&sp) && *gr == r),
            ))
        })
        .collect())
}

/// Scores documents already annotated, one per gold article in `gold`'s
/// order (their text is the article's content).
pub fn score_documents(
    kb: &Kb,
    gold: &[GoldDoc],
    docs: &[Document],
) -> Result<LinkingScore, crate::KbError> {
    if gold.len() != docs.len() {
        return Err(crate::KbError::File {
            path: "linking gold".into(),
            detail: format!(
                "{} gold documents but {} annotated documents: score the documents annotated from this gold set",
                gold.len(),
                docs.len()
            ),
        });
    }
    let mut s = LinkingScore::default();
    for (g, doc) in gold.iter().zip(docs) {
        s.docs += 1;
        // gold spans
        let gold_spans = gold_spans(g, doc)?;
        s.gold_mentions += gold_spans.len();
        let sys: Vec<(Span, String, String)> = (0..doc.mentions.len())
            .filter_map(|mi| {
                system_ref(kb, doc, mi)
                    .map(|r| (doc.mentions[mi].span, r, doc.mentions[mi].text.clone()))
            })
            .collect();
        s.system_linked += sys.len();
        for (sp, r, t) in &sys {
            let ok = gold_spans
                .iter()
                .any(|(g, gr, _)| g.overlaps(sp) && gr == r);
            if ok {
                s.correct += 1;
            } else if s.errors.len() < 400 {
                let gr = gold_spans
                    .iter()
                    .find(|(g, _, _)| g.overlaps(sp))
                    .map(|x| x.1.as_str())
                    .unwrap_or("(no gold mention)");
                s.errors.push(format!(
                    "FP {t} → {r}, gold {gr} [{}] {}",
                    g.url,
                    context(&doc.text, *sp)
                ));
            }
        }
        for (gs, gr, surf) in &gold_spans {
            if gr == "NIL" {
                continue;
            }
            s.gold_linked += 1;
            if in_kb(kb, gr) {
                s.gold_in_kb += 1;
            }
            if sys.iter().any(|(sp, r, _)| sp.overlaps(gs) && r == gr) {
                s.found += 1;
            } else if s.errors.len() < 400 {
                s.errors.push(format!(
                    "FN {surf} → {gr} [{}] {}",
                    g.url,
                    context(&doc.text, *gs)
                ));
            }
        }
    }
    s.precision = if s.system_linked > 0 {
        s.correct as f64 / s.system_linked as f64
    } else {
        0.0
    };
    s.recall = if s.gold_linked > 0 {
        s.found as f64 / s.gold_linked as f64
    } else {
        0.0
    };
    s.recall_in_kb = if s.gold_in_kb > 0 {
        s.found as f64 / s.gold_in_kb as f64
    } else {
        0.0
    };
    s.f1 = if s.precision + s.recall > 0.0 {
        2.0 * s.precision * s.recall / (s.precision + s.recall)
    } else {
        0.0
    };
    Ok(s)
}

/// CAMEO actor-code accuracy on the GSR span records.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ActorScore {
    /// Actor spans scored (source and target, with a gold role record).
    pub spans: usize,
    /// Predicted code equals the gold code (both empty counts).
    pub exact: usize,
    /// Gold spans that carry a code.
    pub gold_coded: usize,
    /// Of those, the predicted country part (first 3 letters) is right.
    pub country_ok: usize,
    /// Exact accuracy.
    pub accuracy: f64,
    /// Country-part accuracy on coded spans.
    pub country_accuracy: f64,
    /// Exact accuracy on spans whose gold code is non-empty.
    pub coded_accuracy: f64,
    /// Exact matches among coded spans.
    pub coded_exact: usize,
}

#[derive(Deserialize)]
struct GsrRecord {
    source: String,
    spans: Vec<GsrSpan>,
}

#[derive(Deserialize)]
struct GsrSpan {
    source_actor: Vec<String>,
    target_actor: Vec<String>,
    #[serde(default)]
    source_role: serde_json::Value,
    #[serde(default)]
    target_role: serde_json::Value,
}

/// The gold code of a role record `{"main": "IRQ", "role": "MIL"}`
/// ("None" parts dropped); `None` for an empty or unreadable record
/// (e.g. the string "UNKNOWN").
fn gold_code(r: &serde_json::Value) -> Option<String> {
    let o = r.as_object().filter(|o| !o.is_empty())?;
    let part = |k: &str| {
        o.get(k)
            .and_then(|v| v.as_str())
            .filter(|v| *v != "None" && !v.is_empty())
            .unwrap_or_default()
            .to_string()
    };
    Some(format!("{}{}", part("main"), part("role")))
}

/// Scores [`Kb::lookup`] on the span files (`assault_spans.json`,
/// `protest_spans.json`): every source and target actor span with a role
/// record; the date is read from the record id (`AAW_ARB_20071208…`).
pub fn score_actors(kb: &Kb, files: &[&Path]) -> Result<ActorScore, crate::KbError> {
    let mut s = ActorScore::default();
    for f in files {
        let text = std::fs::read_to_string(f).map_err(|e| crate::KbError::File {
            path: f.display().to_string(),
            detail: format!("cannot read ({e})"),
        })?;
        let recs: Vec<GsrRecord> =
            serde_json::from_str(&text).map_err(|e| crate::KbError::File {
                path: f.display().to_string(),
                detail: format!("not a GSR span file ({e})"),
            })?;
        for r in recs {
            let date: String = r
                .source
                .split('_')
                .nth(2)
                .map(|x| x.chars().take(8).collect())
                .unwrap_or_default();
            for sp in &r.spans {
                for (toks, role) in [
                    (&sp.source_actor, &sp.source_role),
                    (&sp.target_actor, &sp.target_role),
                ] {
                    if toks.is_empty() {
                        continue;
                    }
                    let Some(gold) = gold_code(role) else {
                        continue;
                    };
                    let text = toks.join(" ");
                    let pred = kb
                        .lookup(&text, Some(&date))
                        .and_then(|m| m.cameo)
                        .unwrap_or_default();
                    s.spans += 1;
                    if pred == gold {
                        s.exact += 1;
                    }
                    if !gold.is_empty() {
                        s.gold_coded += 1;
                        if pred == gold {
                            s.coded_exact += 1;
                        }
                        if gold.len() >= 3 && pred.len() >= 3 && gold[..3] == pred[..3] {
                            s.country_ok += 1;
                        }
                    }
                }
            }
        }
    }
    let div = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    s.accuracy = div(s.exact, s.spans);
    s.country_accuracy = div(s.country_ok, s.gold_coded);
    s.coded_accuracy = div(s.coded_exact, s.gold_coded);
    Ok(s)
}

/// Result of [`curated_names_selfcheck`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SelfCheck {
    /// Name forms tried.
    pub forms: usize,
    /// Forms found in text and linked to their own entry.
    pub linked: usize,
    /// `id \`form\` -> what was found`, for each form that was not.
    pub misses: Vec<String>,
}

/// Spelling variants of a curated name that the text layer must fold: ى/ي,
/// ة/ه and hamza-less alef.
fn spelling_variants(a: &str) -> Vec<String> {
    let mut v = vec![a.to_string()];
    let folded: String = a
        .chars()
        .map(|c| match c {
            'ى' => 'ي',
            'ة' => 'ه',
            'أ' | 'إ' | 'آ' => 'ا',
            c => c,
        })
        .collect();
    if folded != a {
        v.push(folded);
    }
    v
}

/// Per source file, how many names of entries the KB detects in text are
/// found and linked back to their entry when written in a neutral sentence
/// (bare and after و): `(source, linked, tried)`. At most `per_source`
/// entries of each source are tried (the first ones, in KB order).
pub fn detected_names_by_source(kb: &Kb, per_source: usize) -> Vec<(String, usize, usize)> {
    let mut by: std::collections::BTreeMap<String, (usize, usize, usize)> = Default::default();
    for e in &kb.entries {
        if !e.detect || e.rank < 0 {
            continue;
        }
        let src = e
            .sources
            .first()
            .map(|s| {
                if s.starts_with("supplement") {
                    "supplement.tsv".to_string()
                } else {
                    s.clone()
                }
            })
            .unwrap_or_default();
        let slot = by.entry(src).or_default();
        if slot.2 >= per_source {
            continue;
        }
        slot.2 += 1;
        for alias in e.aliases_ar.iter().take(3) {
            for pre in ["", "و"] {
                let sentence = if pre.is_empty() {
                    format!("تحدث التقرير عن {alias} في صفحته الأولى.")
                } else {
                    format!("تحدث التقرير عن الوفد {pre}{alias} في صفحته الأولى.")
                };
                let mut d = Document::new("t", marsad_core::Source::default(), &sentence);
                d.published = Some("2015-07-25".into());
                kb.link(&mut d);
                slot.1 += 1;
                let last = alias.split(' ').next_back().unwrap_or("");
                let hit = d.mentions.iter().any(|m| {
                    m.text.contains(last)
                        && d.entities.iter().any(|x| {
                            Some(&x.id) == m.entity.as_ref()
                                && x.kb.as_ref().and_then(|k| k.id.as_deref())
                                    == Some(e.id.as_str())
                        })
                });
                if hit {
                    slot.0 += 1;
                }
            }
        }
    }
    by.into_iter().map(|(s, (ok, n, _))| (s, ok, n)).collect()
}

/// Checks the KB through the text layer: every Arabic name of every curated
/// entry of `supplement` (the text of `kb/supplement.tsv`), written in a
/// neutral sentence bare and after و, as written and with ى/ي, ة/ه and
/// hamza folded, must be found by [`Kb::link`] and linked to that entry (or
/// to one with the same Wikipedia title).
pub fn curated_names_selfcheck(kb: &Kb, supplement: &str) -> SelfCheck {
    let mut out = SelfCheck::default();
    for line in supplement.lines() {
        if line.starts_with('#') || line.starts_with("id\t") || line.trim().is_empty() {
            continue;
        }
        let Ok(e) = crate::build::parse_supplement_line(line) else {
            continue;
        };
        for alias in &e.aliases_ar {
            for (pre, form) in spelling_variants(alias)
                .into_iter()
                .flat_map(|f| [("", f.clone()), ("و", f)])
            {
                // a neutral context: no political verb (a capital stays a place)
                let sentence = if pre.is_empty() {
                    format!("تحدث التقرير عن {form} في صفحته الأولى.")
                } else {
                    format!("تحدث التقرير عن الوفد {pre}{form} في صفحته الأولى.")
                };
                let mut d = Document::new("t", marsad_core::Source::default(), &sentence);
                d.published = Some("2015-07-25".into());
                kb.link(&mut d);
                out.forms += 1;
                let last = form.split(' ').next_back().unwrap_or("");
                let kb_id = |m: &marsad_core::Mention| {
                    d.entities
                        .iter()
                        .find(|x| Some(&x.id) == m.entity.as_ref())
                        .and_then(|x| x.kb.as_ref())
                        .and_then(|k| k.id.clone())
                };
                let hit = d.mentions.iter().any(|m| {
                    m.text.contains(last)
                        && kb_id(m).is_some_and(|id| {
                            id == e.id
                                || (e.wiki.is_some()
                                    && kb.entry(&id).and_then(|y| y.wiki.as_deref())
                                        == e.wiki.as_deref())
                        })
                });
                if hit {
                    out.linked += 1;
                } else {
                    let got: Vec<String> = d
                        .mentions
                        .iter()
                        .map(|m| format!("{}={}", m.text, kb_id(m).unwrap_or_default()))
                        .collect();
                    out.misses
                        .push(format!("{} `{pre}{form}` -> {}", e.id, got.join(", ")));
                }
            }
        }
    }
    out
}

//! Scoring quotes against a hand-annotated gold set.
//!
//! The gold set is JSON Lines, one article a line:
//!
//! ```json
//! {"file": "2015-07-22.zip", "url": "http://…", "quotes": [
//!   {"kind": "direct", "head": "عندما تسعى", "tail": "في الداخل",
//!    "speaker": ["كاميرون", "رئيس الوزراء البريطاني"]}]}
//! ```
//!
//! The article text is not copied into the gold file: `file` names a
//! SaudiNewsNet archive (a ZIP holding one JSON array of articles) and `url`
//! the article inside it. A gold quote is located by its first words
//! (`head`) and last words (`tail`), searched in annotation order, so the
//! gold span is `head … tail`. `speaker` lists the acceptable ways to name
//! the speaker (a surname, a title); a predicted speaker is right when its
//! normalized text contains one of them. `optional: true` marks a quote
//! the annotator found debatable (a two-word attributed term): a prediction
//! on it is neither rewarded nor penalized.
//!
//! Matching is one-to-one by largest overlap of spans; quote kind is
//! reported separately and does not affect detection.

use marsad_core::{CharIndex, Quote, QuoteKind, Span};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// One article of the gold set.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldArticle {
    /// Archive file name inside the corpus directory (`2015-07-22.zip`).
    pub file: String,
    /// The article's URL, its key inside the archive.
    pub url: String,
    /// Every quote of the article, in text order.
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
}

/// One annotated quote.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldQuote {
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The first words of the quoted content.
    pub head: String,
    /// The last words of the quoted content ("" when `head` is all of it).
    #[serde(default)]
    pub tail: String,
    /// Acceptable names of the speaker.
    pub speaker: Vec<String>,
    /// A debatable quote: ignored by the scores.
    #[serde(default)]
    pub optional: bool,
}

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A gold line did not parse.
    #[error("{path}:{line}: not a gold article ({msg}); fix the line or remove it")]
    Gold {
        /// The gold file.
        path: String,
        /// 1-based line.
        line: usize,
        /// The parser's message.
        msg: String,
    },
    /// An archive was not a ZIP holding a JSON array of articles.
    #[error("{path}: not a SaudiNewsNet archive ({msg})")]
    Archive {
        /// The archive.
        path: String,
        /// Why.
        msg: String,
    },
    /// A gold article is missing from its archive.
    #[error("{file}: no article with url {url} (is the corpus directory right?)")]
    MissingArticle {
        /// The archive.
        file: String,
        /// The URL.
        url: String,
    },
    /// A gold quote's head/tail was not found in its article.
    #[error(
        "{url}: gold quote {head:?} … {tail:?} not found in the article text; fix the gold line"
    )]
    Unlocated {
        /// The article.
        url: String,
        /// Head.
        head: String,
        /// Tail.
        tail: String,
    },
}

/// Reads a gold file (JSON Lines; blank lines and lines starting with `#`
/// are skipped).
pub fn load_gold(path: &Path) -> Result<Vec<GoldArticle>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|e| EvalError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let a: GoldArticle = serde_json::from_str(l).map_err(|e| EvalError::Gold {
            path: path.display().to_string(),
            line: i + 1,
            msg: e.to_string(),
        })?;
        out.push(a);
    }
    Ok(out)
}

/// An article of the corpus.
#[derive(Debug, Clone, Deserialize)]
pub struct Article {
    /// URL.
    #[serde(default)]
    pub url: String,
    /// Body text.
    #[serde(default)]
    pub content: String,
    /// Headline.
    #[serde(default)]
    pub title: String,
    /// When it was crawled (`YYYY-MM-DD hh:mm:ss`).
    #[serde(default)]
    pub date_extracted: String,
}

/// Loads the articles the gold set names, reading each archive once.
/// Returns them keyed by URL.
pub fn load_articles(
    corpus_dir: &Path,
    gold: &[GoldArticle],
) -> Result<HashMap<String, Article>, EvalError> {
    let mut files: Vec<&str> = gold.iter().map(|g| g.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    let mut out = HashMap::new();
    for f in files {
        let path = corpus_dir.join(f);
        let arts = read_archive(&path)?;
        let wanted: Vec<&str> = gold
            .iter()
            .filter(|g| g.file == f)
            .map(|g| g.url.as_str())
            .collect();
        for a in arts {
            if wanted.contains(&a.url.as_str()) {
                out.insert(a.url.clone(), a);
            }
        }
        for g in gold.iter().filter(|g| g.file == f) {
            if !out.contains_key(&g.url) {
                return Err(EvalError::MissingArticle {
                    file: path.display().to_string(),
                    url: g.url.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// Reads every article of one SaudiNewsNet ZIP archive.
pub fn read_archive(path: &Path) -> Result<Vec<Article>, EvalError> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| EvalError::Io {
        path: name.clone(),
        source: e,
    })?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| EvalError::Archive {
        path: name.clone(),
        msg: e.to_string(),
    })?;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| EvalError::Archive {
            path: name.clone(),
            msg: e.to_string(),
        })?;
        if !entry.name().ends_with(".json") {
            continue;
        }
        let mut s = String::new();
        entry
            .read_to_string(&mut s)
            .map_err(|e| EvalError::Archive {
                path: name.clone(),
                msg: e.to_string(),
            })?;
        let arts: Vec<Article> = serde_json::from_str(&s).map_err(|e| EvalError::Archive {
            path: name.clone(),
            msg: format!("{}: {e}", entry.name()),
        })?;
        out.extend(arts);
    }
    Ok(out)
}

/// Locates the gold quotes of one article in `text` (code-point spans), in
/// annotation order.
pub fn locate(text: &str, url: &str, quotes: &[GoldQuote]) -> Result<Vec<Span>, EvalError> {
    let ix = CharIndex::new(text);
    let mut from = 0usize; // byte offset
    let mut out = Vec::new();
    for q in quotes {
        let err = || EvalError::Unlocated {
            url: url.to_string(),
            head: q.head.clone(),
            tail: q.tail.clone(),
        };
        let h = text
            .get(from..)
            .and_then(|t| t.find(&q.head))
            .ok_or_else(err)?
            + from;
        let end = if q.tail.is_empty() {
            h + q.head.len()
        } else {
            let t = text[h..].find(&q.tail).ok_or_else(err)? + h;
            t + q.tail.len()
        };
        out.push(ix.span_of_bytes(h, end));
        from = h;
    }
    Ok(out)
}

/// Counts over a gold set.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Metrics {
    /// Articles scored.
    pub articles: usize,
    /// Articles skipped because a gold quote was not found in the analysed
    /// text (only when not strict).
    pub skipped: usize,
    /// Gold quotes (not optional).
    pub gold: usize,
    /// Of which direct.
    pub gold_direct: usize,
    /// Of which indirect.
    pub gold_indirect: usize,
    /// Predicted quotes (those matched to optional gold quotes excluded).
    pub predicted: usize,
    /// Gold quotes matched by a prediction.
    pub matched: usize,
    /// Matched direct gold quotes.
    pub matched_direct: usize,
    /// Matched indirect gold quotes.
    pub matched_indirect: usize,
    /// Matched quotes whose speaker is right.
    pub speaker_correct: usize,
    /// Matched quotes whose kind is right.
    pub kind_correct: usize,
    /// matched / predicted.
    pub precision: f64,
    /// matched / gold.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
    /// speaker_correct / matched.
    pub speaker_accuracy: f64,
    /// speaker_correct / gold: a quote found with the right speaker.
    pub end_to_end: f64,
    /// kind_correct / matched.
    pub kind_accuracy: f64,
    /// Readable list of misses, false alarms and wrong speakers.
    pub errors: Vec<String>,
}

impl Metrics {
    fn finish(&mut self) {
        let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        self.precision = div(self.matched, self.predicted);
        self.recall = div(self.matched, self.gold);
        self.f1 = if self.precision + self.recall > 0.0 {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        } else {
            0.0
        };
        self.speaker_accuracy = div(self.speaker_correct, self.matched);
        self.end_to_end = div(self.speaker_correct, self.gold);
        self.kind_accuracy = div(self.kind_correct, self.matched);
    }
}

/// True when the predicted speaker names one of the acceptable names.
pub fn speaker_matches(predicted: &str, acceptable: &[String]) -> bool {
    let p = marsad_arabic::normalize_str(predicted);
    !p.is_empty()
        && acceptable
            .iter()
            .map(|a| marsad_arabic::normalize_str(a))
            .any(|a| !a.is_empty() && p.contains(&a))
}

/// Adds one article's comparison to `m`.
pub fn score_article(
    m: &mut Metrics,
    url: &str,
    text: &str,
    gold: &[GoldQuote],
    gold_spans: &[Span],
    predicted: &[Quote],
) {
    m.articles += 1;
    // candidate pairs by overlap
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, gs) in gold_spans.iter().enumerate() {
        for (pi, p) in predicted.iter().enumerate() {
            let ov = gs
                .end
                .min(p.span.end)
                .saturating_sub(gs.start.max(p.span.start));
            if ov > 0 {
                pairs.push((ov, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut g_used = vec![None; gold.len()];
    let mut p_used = vec![false; predicted.len()];
    for (_, gi, pi) in pairs {
        if g_used[gi].is_none() && !p_used[pi] {
            g_used[gi] = Some(pi);
            p_used[pi] = true;
        }
    }
    let ix = CharIndex::new(text);
    let short = |s: Span| {
        let t: String = ix.slice(text, s).chars().take(60).collect();
        t.replace('\n', " ")
    };
    for (gi, g) in gold.iter().enumerate() {
        if g.optional {
            continue;
        }
        m.gold += 1;
        match g.kind {
            QuoteKind::Direct => m.gold_direct += 1,
            QuoteKind::Indirect => m.gold_indirect += 1,
        }
        match g_used[gi] {
            None => m.errors.push(format!(
                "MISS {url} [{:?}] {:?} — {}",
                g.kind,
                g.speaker.first().cloned().unwrap_or_default(),
                short(gold_spans[gi])
            )),
            Some(pi) => {
                m.matched += 1;
                match g.kind {
                    QuoteKind::Direct => m.matched_direct += 1,
                    QuoteKind::Indirect => m.matched_indirect += 1,
                }
                let p = &predicted[pi];
                if p.kind == g.kind {
                    m.kind_correct += 1;
                }
                if speaker_matches(&p.speaker.text, &g.speaker) {
                    m.speaker_correct += 1;
                } else {
                    m.errors.push(format!(
                        "SPEAKER {url} got {:?} want {:?} — {}",
                        p.speaker.text,
                        g.speaker,
                        short(gold_spans[gi])
                    ));
                }
            }
        }
    }
    for (pi, p) in predicted.iter().enumerate() {
        let on_optional = g_used
            .iter()
            .enumerate()
            .any(|(gi, u)| *u == Some(pi) && gold[gi].optional);
        if on_optional {
            continue;
        }
        m.predicted += 1;
        if !p_used[pi] {
            m.errors.push(format!(
                "FALSE {url} [{:?}] {:?} — {}",
                p.kind,
                p.speaker.text,
                short(p.span)
            ));
        }
    }
}

/// Scores a quote finder on a gold set. `find` receives each article (its
/// body as the document text) and returns the document text it analysed
/// together with its quotes; gold quotes are located in that text.
///
/// With `strict`, a gold quote that cannot be located is an error (the
/// gold file is wrong); without it (a pipeline whose extraction rewrites the
/// text), the article is skipped and counted in [`Metrics::skipped`].
pub fn evaluate(
    gold: &[GoldArticle],
    articles: &HashMap<String, Article>,
    strict: bool,
    mut find: impl FnMut(&Article) -> (String, Vec<Quote>),
) -> Result<Metrics, EvalError> {
    let mut m = Metrics::default();
    for g in gold {
        let a = articles
            .get(&g.url)
            .ok_or_else(|| EvalError::MissingArticle {
                file: g.file.clone(),
                url: g.url.clone(),
            })?;
        let (text, quotes) = find(a);
        let spans = match locate(&text, &g.url, &g.quotes) {
            Ok(s) => s,
            Err(e) if !strict => {
                m.skipped += 1;
                m.errors.push(format!("SKIPPED {e}"));
                continue;
            }
            Err(e) => return Err(e),
        };
        score_article(&mut m, &g.url, &text, &g.quotes, &spans, &quotes);
    }
    m.finish();
    Ok(m)
}

/// The quotes [`crate::annotate`] finds on an article's body alone (no
/// mentions or entities: the speaker comes from the text).
pub fn quotes_of_article(a: &Article) -> (String, Vec<Quote>) {
    let mut doc = marsad_core::Document::new(
        marsad_core::stable_id(a.url.as_bytes()),
        marsad_core::Source {
            url: Some(a.url.clone()),
            encoding: "UTF-8".into(),
            format: "jsonl".into(),
            ..Default::default()
        },
        a.content.clone(),
    );
    doc.paragraphs = marsad_arabic::paragraphs(&doc.text);
    doc.sentences = marsad_arabic::sentences(&doc.text);
    crate::annotate(&mut doc);
    (doc.text, doc.quotes)
}

/// Loads the gold file and its articles and scores [`quotes_of_article`].
pub fn evaluate_files(gold_path: &Path, corpus_dir: &Path) -> Result<Metrics, EvalError> {
    let gold = load_gold(gold_path)?;
    let arts = load_articles(corpus_dir, &gold)?;
    evaluate(&gold, &arts, true, quotes_of_article)
}

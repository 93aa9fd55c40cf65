//! Arabic named-entity recognition: a sequence labeler trained from scratch
//! in pure Rust.
//!
//! * [`train`]: an averaged structured perceptron over BIO labels
//!   (PERS / ORG / LOC / MISC) with constrained first-order Viterbi.
//! * [`features`]: hashed features that carry Arabic — word, normalized form,
//!   clitic-stripped stems, affixes, shape, neighbours, gazetteer and trigger
//!   membership ([`lexicon`]), and word clusters learned from unlabeled news
//!   by [`clusters`].
//! * [`model`]: the compact versioned binary format; [`Tagger::bundled`]
//!   embeds `assets/ner/model.bin`.
//! * [`conll`], [`score`]: reading training data and conlleval-exact scoring.
//!
//! [`Tagger::annotate`] turns a document's sentences into
//! [`marsad_core::Mention`]s on the document's own text, proclitics
//! excluded (وبوتين → بوتين), typed PER / ORG / LOC / GPE / MISC.

pub mod cli;
pub mod clusters;
pub mod conll;
pub mod context;
pub mod features;
pub mod hash;
pub mod lexicon;
pub mod model;
pub mod score;
pub mod train;

use marsad_core::{Document, EntityType, Mention, Span};
use model::Model;
use std::path::Path;

/// Errors loading a model or reading training data.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// A model file could not be read or is not a Marsad model.
    #[error("{path}: {detail}")]
    Model {
        /// The file.
        path: String,
        /// What is wrong.
        detail: String,
    },
    /// An input file (training data, gold data, clusters) is unreadable or malformed.
    #[error("{}: {detail}", at_line(.path, .line))]
    Input {
        /// The file.
        path: String,
        /// 1-based line number (0 when the whole file is at fault).
        line: usize,
        /// What is wrong and what to do.
        detail: String,
    },
}

/// `path:line`, or the path alone when the whole file is at fault (line 0).
fn at_line(path: &str, line: &usize) -> String {
    if *line == 0 {
        path.to_string()
    } else {
        format!("{path}:{line}")
    }
}

/// The model that ships with Marsad (built by `marsad train ner`, see docs/ner.md).
static BUNDLED: &[u8] = include_bytes!("../../../assets/ner/model.bin");

/// A loaded tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Model,
}

/// A sentence after the first stage: feature hashes, their offsets, labels,
/// margins.
type FirstStage = (Vec<u64>, Vec<usize>, Vec<usize>, Vec<f32>);

/// A tagged token sequence: labels and per-token confidences.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    /// One BIO label per token.
    pub labels: Vec<String>,
    /// Confidence in `[0, 1]` that each token's label is right.
    pub confidence: Vec<f32>,
}

impl Tagger {
    /// The model that ships in `assets/ner/model.bin` (embedded in the binary).
    /// A build without a trained model (an empty `assets/ner/model.bin`)
    /// gets a tagger that finds nothing.
    pub fn bundled() -> Result<Tagger, NerError> {
        if BUNDLED.is_empty() {
            let res = features::Resources::default();
            return Ok(Tagger::from_model(Model::new(vec!["O".into()], 8, res)));
        }
        Tagger::from_bytes(BUNDLED, "assets/ner/model.bin (bundled)")
    }

    /// Loads a model file written by `marsad train ner`.
    pub fn load(path: &Path) -> Result<Tagger, NerError> {
        let bytes = std::fs::read(path).map_err(|e| NerError::Model {
            path: path.display().to_string(),
            detail: e.to_string(),
        })?;
        Tagger::from_bytes(&bytes, &path.display().to_string())
    }

    /// Reads a model from bytes; `name` appears in errors.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Tagger, NerError> {
        Ok(Tagger {
            model: Model::from_bytes(bytes, name)?,
        })
    }

    /// Wraps a model (e.g. one just trained).
    pub fn from_model(model: Model) -> Tagger {
        Tagger { model }
    }

    /// The underlying model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags one sentence's tokens with BIO labels.
    pub fn tag<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<String> {
        self.tag_scored(tokens, false).labels
    }

    /// Tags one sentence's tokens; with `confidence`, also computes each
    /// token's confidence from the max-marginal margin (two extra passes).
    pub fn tag_scored<S: AsRef<str>>(&self, tokens: &[S], confidence: bool) -> Tagged {
        let m = &self.model;
        let (path, margins) = self.decode(tokens, confidence);
        let m = m.next.as_deref().unwrap_or(m);
        Tagged {
            labels: path.iter().map(|&i| m.labels[i].clone()).collect(),
            confidence: margins
                .iter()
                .map(|&x| 1.0 / (1.0 + (-x / m.temperature).exp()))
                .collect(),
        }
    }

    fn decode<S: AsRef<str>>(&self, tokens: &[S], margins: bool) -> (Vec<usize>, Vec<f32>) {
        self.decode_document(std::slice::from_ref(&tokens), margins)
            .pop()
            .unwrap_or_default()
    }

    /// Tags the sentences of one document together: the second stage reads
    /// what the first said about the same words in nearby sentences.
    pub fn tag_document<S: AsRef<str>>(
        &self,
        sentences: &[Vec<S>],
        confidence: bool,
    ) -> Vec<Tagged> {
        let m = self.model.next.as_deref().unwrap_or(&self.model);
        self.decode_document(sentences, confidence)
            .into_iter()
            .map(|(path, margins)| Tagged {
                labels: path.iter().map(|&i| m.labels[i].clone()).collect(),
                confidence: margins
                    .iter()
                    .map(|&x| 1.0 / (1.0 + (-x / m.temperature).exp()))
                    .collect(),
            })
            .collect()
    }

    fn decode_document<T: AsRef<[S]>, S: AsRef<str>>(
        &self,
        sentences: &[T],
        margins: bool,
    ) -> Vec<(Vec<usize>, Vec<f32>)> {
        let m = &self.model;
        if std::env::var_os("NER_SLOW").is_none()
            && m.packed.is_some()
            && m.next.as_ref().is_none_or(|n| n.packed.is_some())
        {
            return self.decode_packed(sentences, margins);
        }
        self.decode_reference(sentences, margins)
    }

    /// Labels of a document's sentences computed the plain way (every
    /// feature of every token summed, no per-word sums, no shared look-ups):
    /// the reference the fast path must equal (tests compare them).
    pub fn tag_document_reference<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<String>> {
        let m = self.model.next.as_deref().unwrap_or(&self.model);
        self.decode_reference(sentences, false)
            .into_iter()
            .map(|(p, _)| p.iter().map(|&i| m.labels[i].clone()).collect())
            .collect()
    }

    fn decode_reference<T: AsRef<[S]>, S: AsRef<str>>(
        &self,
        sentences: &[T],
        margins: bool,
    ) -> Vec<(Vec<usize>, Vec<f32>)> {
        let m = &self.model;
        let mut cache = hash::FxMap::default();
        let words: Vec<Vec<features::WordInfo>> = sentences
            .iter()
            .map(|s| features::describe_cached(s.as_ref(), &m.res, &mut cache))
            .collect();
        let mut offsets = Vec::new();
        let mut rows: Vec<u32> = Vec::new();
        let second = m.next.as_deref();
        let mut em = Vec::new();
        // first stage; its feature hashes are kept for the second
        let first: Vec<FirstStage> = words
            .iter()
            .map(|w| {
                if w.is_empty() {
                    return Default::default();
                }
                let mut hashes = Vec::with_capacity(w.len() * 64);
                let mut offsets = Vec::with_capacity(w.len() + 1);
                features::extract(w, &m.res, &mut hashes, &mut offsets);
                let mask = m.mask();
                rows.clear();
                rows.extend(hashes.iter().map(|h| (h & mask) as u32));
                m.emissions(&rows, &offsets, &mut em);
                let (p, mg) = m.decode(&em, w.len(), margins && second.is_none());
                (hashes, offsets, p, mg)
            })
            .collect();
        let Some(second) = second else {
            return first.into_iter().map(|(_, _, p, mg)| (p, mg)).collect();
        };
        let labels: Vec<Vec<usize>> = first.iter().map(|x| x.2.clone()).collect();
        let hints = features::hints(&words, &labels, &train::type_of(&m.labels), train::WINDOW);
        let (mut hh, mut ho) = (Vec::new(), Vec::new());
        let mask = second.mask();
        words
            .iter()
            .zip(&hints)
            .zip(first)
            .map(|((w, h), (fh, fo, _, _))| {
                if w.is_empty() {
                    return (Vec::new(), Vec::new());
                }
                // the same features as features::extract_stage2, reusing the
                // first stage's hashes
                features::extract_hints(w, h, &mut hh, &mut ho);
                rows.clear();
                offsets.clear();
                offsets.push(0);
                for i in 0..w.len() {
                    rows.extend(fh[fo[i]..fo[i + 1]].iter().map(|h| (h & mask) as u32));
                    rows.extend(hh[ho[i]..ho[i + 1]].iter().map(|h| (h & mask) as u32));
                    offsets.push(rows.len());
                }
                second.emissions(&rows, &offsets, &mut em);
                second.decode(&em, w.len(), margins)
            })
            .collect()
    }

    /// The fast path for a loaded model: the weights of the features that
    /// depend on one word alone ([`features::unary`]) are summed once per
    /// distinct word and offset, so a position costs five row additions plus
    /// its few combined features. Integer sums make it exactly equal to
    /// summing every feature. When the two stages share one table
    /// ([`model::Packed::shares_table`]), every sentence feature is looked
    /// up once for both stages: the first stage's pass also keeps the second
    /// stage's sums, and the second adds only its document features.
    fn decode_packed<T: AsRef<[S]>, S: AsRef<str>>(
        &self,
        sentences: &[T],
        margins: bool,
    ) -> Vec<(Vec<usize>, Vec<f32>)> {
        let m = &self.model;
        let l = m.labels.len();
        let no = features::OFFSETS.len();
        let mut ids: hash::FxMap<&str, u32> = hash::FxMap::default();
        let mut types: Vec<features::WordInfo> = Vec::new();
        let sent_ids: Vec<Vec<u32>> = sentences
            .iter()
            .map(|s| {
                s.as_ref()
                    .iter()
                    .map(|t| {
                        let t = t.as_ref();
                        *ids.entry(t).or_insert_with(|| {
                            types.push(features::WordInfo::new(t, &m.res));
                            (types.len() - 1) as u32
                        })
                    })
                    .collect()
            })
            .collect();
        let words: Vec<Vec<&features::WordInfo>> = sent_ids
            .iter()
            .map(|s| s.iter().map(|&i| &types[i as usize]).collect())
            .collect();
        let second = m.next.as_deref();
        let (Some(p1), mask) = (m.packed.as_ref(), m.mask()) else {
            return vec![Default::default(); sentences.len()];
        };
        let p2 = second.and_then(|s| s.packed.as_ref());
        // both stages in one table, with the same buckets
        let joint = p2.filter(|p2| p1.shares_table(p2) && second.is_some_and(|s| s.bits == m.bits));
        // unary sums per stage: sums[type][offset][label], edge[offset][label]
        let mut buf = Vec::new();
        let mut u1 = vec![0i32; types.len() * no * l];
        let mut e1 = vec![0i32; no * l];
        let mut u2 = vec![
            0i32;
            if p2.is_some() {
                types.len() * no * l
            } else {
                0
            }
        ];
        let mut e2 = vec![0i32; no * l];
        let mask2 = second.map(|s| s.mask()).unwrap_or(mask);
        for (k, &o) in features::OFFSETS.iter().enumerate() {
            for ti in 0..=types.len() {
                buf.clear();
                features::unary(types.get(ti), o, &mut buf);
                let (a1, a2) = if ti < types.len() {
                    let at = (ti * no + k) * l;
                    (&mut u1[at..at + l], u2.get_mut(at..at + l))
                } else {
                    (&mut e1[k * l..k * l + l], Some(&mut e2[k * l..k * l + l]))
                };
                match (joint, a2) {
                    (Some(q), Some(a2)) => p1.add_both(q, &buf, mask, a1, a2),
                    (None, a2) => {
                        p1.add(&buf, mask, a1);
                        if let (Some(q), Some(a2)) = (p2, a2) {
                            q.add(&buf, mask2, a2);
                        }
                    }
                    (Some(_), None) => {}
                }
            }
        }
        let row_sums = |u: &[i32], e: &[i32], ids: &[u32], i: usize, acc: &mut [i32]| {
            acc.iter_mut().for_each(|a| *a = 0);
            let n = ids.len();
            for (k, &o) in features::OFFSETS.iter().enumerate() {
                let j = i as isize + o;
                let row = if j >= 0 && (j as usize) < n {
                    &u[(ids[j as usize] as usize * no + k) * l..][..l]
                } else {
                    &e[k * l..k * l + l]
                };
                for (a, b) in acc.iter_mut().zip(row) {
                    *a += b;
                }
            }
        };
        // first stage; with a joint table it also keeps, per token, the
        // second stage's sums of the same (sentence) features
        let mut kept: Vec<Vec<i32>> = Vec::with_capacity(sent_ids.len());
        let mut acc = vec![0i32; l];
        let mut em = Vec::new();
        let first: Vec<(Vec<usize>, Vec<f32>)> = sent_ids
            .iter()
            .zip(&words)
            .map(|(ids, w)| {
                let n = ids.len();
                let mut k2 = vec![0i32; if joint.is_some() { n * l } else { 0 }];
                if n == 0 {
                    kept.push(k2);
                    return Default::default();
                }
                let marks = features::phrase_marks(w, &m.res.lexicon);
                em.clear();
                em.resize(n * l, 0f32);
                for i in 0..n {
                    row_sums(&u1, &e1, ids, i, &mut acc);
                    buf.clear();
                    features::pairwise(w, &marks, i, &mut buf);
                    match joint {
                        Some(q) => {
                            let a2 = &mut k2[i * l..(i + 1) * l];
                            row_sums(&u2, &e2, ids, i, a2);
                            p1.add_both(q, &buf, mask, &mut acc, a2);
                        }
                        None => p1.add(&buf, mask, &mut acc),
                    }
                    for (x, a) in em[i * l..(i + 1) * l].iter_mut().zip(&acc) {
                        *x = *a as f32 * p1.scale;
                    }
                }
                kept.push(k2);
                m.decode(&em, n, margins && second.is_none())
            })
            .collect();
        let (Some(second), Some(p2)) = (second, p2) else {
            return first;
        };
        let labels: Vec<Vec<usize>> = first.into_iter().map(|x| x.0).collect();
        let hints = features::hints(&words, &labels, &train::type_of(&m.labels), train::WINDOW);
        let (mut hh, mut ho) = (Vec::new(), Vec::new());
        sent_ids
            .iter()
            .zip(&words)
            .zip(&hints)
            .zip(kept)
            .map(|(((ids, w), h), k2)| {
                let n = ids.len();
                if n == 0 {
                    return Default::default();
                }
                features::extract_hints(w, h, &mut hh, &mut ho);
                let marks = if joint.is_none() {
                    features::phrase_marks(w, &m.res.lexicon)
                } else {
                    Vec::new()
                };
                em.clear();
                em.resize(n * l, 0f32);
                for i in 0..n {
                    if joint.is_some() {
                        acc.copy_from_slice(&k2[i * l..(i + 1) * l]);
                    } else {
                        row_sums(&u2, &e2, ids, i, &mut acc);
                        buf.clear();
                        features::pairwise(w, &marks, i, &mut buf);
                        p2.add(&buf, mask2, &mut acc);
                    }
                    p2.add(&hh[ho[i]..ho[i + 1]], mask2, &mut acc);
                    for (x, a) in em[i * l..(i + 1) * l].iter_mut().zip(&acc) {
                        *x = *a as f32 * p2.scale;
                    }
                }
                second.decode(&em, n, margins)
            })
            .collect()
    }

    /// Adds `mentions` to `doc` (its `text` must be set; when `sentences` is
    /// empty they are computed). Spans are code-point offsets into `text`;
    /// a mention's first word loses its proclitics (و، ف، ب، ل، ك and the
    /// ل of لل; the article ال stays where it is written whole).
    pub fn annotate(&self, doc: &mut Document) {
        let sentences = if doc.sentences.is_empty() {
            marsad_arabic::sentences(&doc.text)
        } else {
            doc.sentences.clone()
        };
        let ix = doc.char_index();
        // tokens of every sentence, with code-point spans on the document
        let mut sents: Vec<(Vec<Span>, Vec<&str>)> = Vec::new();
        for s in &sentences {
            let range = ix.bytes_of(*s);
            let Some(stext) = doc.text.get(range) else {
                continue;
            };
            let toks = marsad_arabic::tokenize(stext);
            sents.push((
                toks.iter()
                    .map(|t| Span::new(s.start + t.span.start, s.start + t.span.end))
                    .collect(),
                toks.iter().map(|t| t.text(stext)).collect(),
            ));
        }
        let words: Vec<Vec<&str>> = sents.iter().map(|s| s.1.clone()).collect();
        let tagged = self.tag_document(&words, true);
        let mut mentions = Vec::new();
        for ((spans, words), tagged) in sents.iter().zip(&tagged) {
            for (a, b, ty) in score::spans(&tagged.labels) {
                let conf = tagged.confidence[a..b]
                    .iter()
                    .fold(1.0f32, |x, &y| x.min(y));
                let mut start = spans[a].start;
                let end = spans[b - 1].end;
                let cut = self.proclitic_chars(words[a]);
                if cut > 0 && start + cut < end {
                    start += cut;
                }
                let span = Span::new(start, end);
                let text = ix.slice(&doc.text, span).to_string();
                let kind = self.entity_type(&ty, &text);
                mentions.push(Mention {
                    span,
                    text,
                    kind,
                    entity: None,
                    confidence: (conf * 1000.0).round() / 1000.0,
                });
            }
        }
        doc.mentions = mentions;
    }

    /// How many code points of a mention's first word are proclitics to
    /// leave out of the mention. A word that is itself a known name
    /// (gazetteer: واشنطن، وليد، بيروت) keeps its letters; otherwise the
    /// best-ranked clitic analysis whose stem is a known word (gazetteer or
    /// the cluster vocabulary learned from news) is taken: وبوتين → بوتين,
    /// والقاهرة → القاهرة (the article stays where it is written whole), and
    /// للأمم → أمم (ل + ال written لل: no whole article to keep).
    fn proclitic_chars(&self, word: &str) -> usize {
        let res = &self.model.res;
        let name = |s: &str| {
            let n = marsad_arabic::normalize_str(s);
            res.lexicon.get(&n)
                & (lexicon::bits::PER
                    | lexicon::bits::ORG
                    | lexicon::bits::LOC
                    | lexicon::bits::ACTOR)
                != 0
        };
        if name(word) {
            return 0;
        }
        let vocab = |s: &str| {
            name(s)
                || res
                    .clusters
                    .map
                    .contains_key(&marsad_arabic::normalize_str(s))
        };
        let mut an = marsad_arabic::clitics::analyses_with(word, &name);
        an.retain(|a| features::is_literal(word, a) && a.prefix_chars > 0 && a.suffix_chars == 0);
        for a in &an {
            if a.stem.chars().count() >= 2 && vocab(&a.with_article()) {
                return if a.article && !a.prefix.ends_with("لل") {
                    a.prefix_chars.saturating_sub(2)
                } else {
                    a.prefix_chars
                };
            }
        }
        0
    }

    /// Maps a BIO type to a marsad/1 type. LOC becomes GPE when the mention
    /// (or its clitic-stripped form) is a country or a GeoNames city.
    fn entity_type(&self, ty: &str, text: &str) -> EntityType {
        match ty {
            "PERS" | "PER" => EntityType::PER,
            "ORG" => EntityType::ORG,
            "LOC" | "GPE" => {
                let lx = &self.model.res.lexicon;
                let n = marsad_arabic::normalize_str(text);
                let mut b = lx.get(&n);
                if b == 0 {
                    if let Some(rest) = n.strip_prefix("ال") {
                        b = lx.get(rest);
                    } else {
                        b = lx.get(&format!("ال{n}"));
                    }
                }
                if b & lexicon::bits::GPE != 0 {
                    EntityType::GPE
                } else {
                    EntityType::LOC
                }
            }
            _ => EntityType::MISC,
        }
    }
}

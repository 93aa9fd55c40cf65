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
    #[error("{path}:{line}: {detail}")]
    Input {
        /// The file.
        path: String,
        /// 1-based line number (0 when the whole file is at fault).
        line: usize,
        /// What is wrong and what to do.
        detail: String,
    },
}

/// The model that ships with Marsad (built by `marsad train ner`, see docs/ner.md).
static BUNDLED: &[u8] = include_bytes!("../../../assets/ner/model.bin");

/// A loaded tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Model,
}

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
        Tagged {
            labels: path.iter().map(|&i| m.labels[i].clone()).collect(),
            confidence: margins
                .iter()
                .map(|&x| 1.0 / (1.0 + (-x / m.temperature).exp()))
                .collect(),
        }
    }

    fn decode<S: AsRef<str>>(&self, tokens: &[S], margins: bool) -> (Vec<usize>, Vec<f32>) {
        let m = &self.model;
        if tokens.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let words = features::describe(tokens, &m.res);
        let mut hashes = Vec::with_capacity(tokens.len() * 64);
        let mut offsets = Vec::with_capacity(tokens.len() + 1);
        features::extract(&words, &m.res, &mut hashes, &mut offsets);
        let mask = m.mask();
        let rows: Vec<u32> = hashes.iter().map(|h| (h & mask) as u32).collect();
        let mut em = Vec::new();
        m.emissions(&rows, &offsets, &mut em);
        m.decode(&em, tokens.len(), margins)
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
        let mut mentions = Vec::new();
        for s in sentences {
            let range = ix.bytes_of(s);
            let Some(stext) = doc.text.get(range.clone()) else {
                continue;
            };
            let toks = marsad_arabic::tokenize(stext);
            let words: Vec<&str> = toks.iter().map(|t| t.text(stext)).collect();
            let tagged = self.tag_scored(&words, true);
            for (a, b, ty) in score::spans(&tagged.labels) {
                let conf = tagged.confidence[a..b].iter().fold(1.0f32, |x, &y| x.min(y));
                let mut start = s.start + toks[a].span.start;
                let end = s.start + toks[b - 1].span.end;
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
    /// leave out of the mention: the prefix of the best clitic analysis when
    /// the rest is a known word (gazetteer or cluster vocabulary: وبوتين),
    /// or a conjunction/preposition before the article (والقاهرة → القاهرة;
    /// للسلام → سلام, since the article's alef is not written there).
    fn proclitic_chars(&self, word: &str) -> usize {
        let res = &self.model.res;
        let known = |s: &str| {
            let n = marsad_arabic::normalize_str(s);
            res.lexicon.get(&n) & (lexicon::bits::PER | lexicon::bits::ORG | lexicon::bits::LOC | lexicon::bits::ACTOR)
                != 0
                || res.clusters.map.contains_key(&n)
        };
        let an = marsad_arabic::clitics::analyses_with(word, &known);
        let Some(top) = an.first() else {
            return 0;
        };
        let keep_article = |a: &marsad_arabic::Analysis| {
            if a.article && !a.prefix.ends_with("لل") {
                a.prefix_chars.saturating_sub(2)
            } else {
                a.prefix_chars
            }
        };
        if top.prefix_chars > 0 && !known(word) {
            return keep_article(top);
        }
        if top.prefix_chars == 0 {
            // an article after a proclitic is reliable without a lexicon
            if let Some(a) = an.iter().find(|a| a.article && a.prefix_chars > 2 && a.suffix_chars == 0) {
                return keep_article(a);
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

//! Link acceptance: a small logistic-regression model over every KB link
//! the rule linker ([`crate::link::link`]) makes, trained on the studied
//! linking gold sets (`marsad train link-accept`, see docs/kb.md "Link
//! acceptance model").
//!
//! Each linked mention is described by features of the decision (mention
//! length, NER type against the entry's type, how many entries the name
//! could be, the entry's source and rank, whether the name is the entry's
//! full name or a part of it, the reading that produced the link, the
//! entity's other mentions, a title before the name, the NER confidence, and
//! how often the name was linked to the entry across a SaudiNewsNet day —
//! the *field prior*, computed offline into the asset). No feature names an
//! entry's id: the prior is keyed by the stable KB id string, and the
//! weights only by kinds, sources and buckets, so a rebuilt KB keeps them
//! meaningful.
//!
//! A link the model scores under its threshold is undone: the mention stays
//! and becomes a document-local entity with `reading = "kb-rejected"` (the
//! marsad/1 `reading` extension field). Without the asset the linker's
//! output is unchanged.

use crate::Kb;
use marsad_core::{Document, Entity, EntityType};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Format tag of the asset.
pub const FORMAT: &str = "marsad-link-accept/1";

/// The reading a rejected link's local entity carries.
pub const REJECTED: &str = "kb-rejected";

/// The asset `assets/kb/accept.json` as it stood at build time (empty when
/// the file was missing: see the crate's build script).
static BUNDLED: &str = include_str!(concat!(env!("OUT_DIR"), "/accept.json"));

/// How often a name was linked to an entry across a field day.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Prior {
    /// Where it was counted (zip and the pipeline that ran).
    pub source: String,
    /// Name key (see [`crate::model::key_of_phrase`]) → mentions of it.
    pub mentions: BTreeMap<String, u32>,
    /// `"key\tkb id"` → links of the name to that entry.
    pub links: BTreeMap<String, u32>,
}

impl Prior {
    /// Counts the mentions and KB links of an annotated document.
    pub fn add(&mut self, doc: &Document) {
        for (mi, m) in doc.mentions.iter().enumerate() {
            let key = crate::model::key_of_phrase(&m.text);
            if key.is_empty() {
                continue;
            }
            *self.mentions.entry(key.clone()).or_default() += 1;
            if let Some(id) = linked_id(doc, mi) {
                *self.links.entry(format!("{key}\t{id}")).or_default() += 1;
            }
        }
    }

    /// Drops the names never linked (they carry no information for a link).
    pub fn prune(&mut self) {
        let linked: std::collections::HashSet<&str> = self
            .links
            .keys()
            .filter_map(|k| k.split('\t').next())
            .collect();
        let keep: BTreeMap<String, u32> = self
            .mentions
            .iter()
            .filter(|(k, _)| linked.contains(k.as_str()))
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        self.mentions = keep;
    }
}

/// One row of the model's cross-validation report, kept in the asset.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CvRow {
    /// Gold set.
    pub set: String,
    /// Rule linker alone: precision, recall.
    pub before: (f64, f64),
    /// With the model trained on the other sets: precision, recall.
    pub after: (f64, f64),
}

/// The acceptance model.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Model {
    /// [`FORMAT`].
    pub format: String,
    /// How it was trained (the command line).
    pub trained_with: String,
    /// L2 penalty the training used.
    pub l2: f64,
    /// Links scored under this probability are rejected.
    pub threshold: f64,
    /// Intercept.
    pub bias: f64,
    /// Feature → weight (binary features).
    pub weights: BTreeMap<String, f64>,
    /// The field prior.
    pub prior: Prior,
    /// Leave-one-set-out CV at the chosen settings.
    #[serde(default)]
    pub cv: Vec<CvRow>,
}

impl Model {
    /// The bundled model, or `None` when `assets/kb/accept.json` was missing
    /// at build time or does not parse (the linker then works without it).
    pub fn bundled() -> Option<Model> {
        if BUNDLED.trim().is_empty() {
            return None;
        }
        Model::from_json(BUNDLED, "assets/kb/accept.json (embedded)").ok()
    }

    /// Reads a model file.
    pub fn load(path: &std::path::Path) -> Result<Model, crate::KbError> {
        let text = std::fs::read_to_string(path).map_err(|e| crate::KbError::File {
            path: path.display().to_string(),
            detail: format!("cannot read ({e})"),
        })?;
        Model::from_json(&text, &path.display().to_string())
    }

    /// Parses a model from its JSON text; `name` names it in errors.
    pub fn from_json(text: &str, name: &str) -> Result<Model, crate::KbError> {
        let m: Model = serde_json::from_str(text).map_err(|e| crate::KbError::File {
            path: name.to_string(),
            detail: format!(
                "not a link-acceptance model ({e}); rebuild it with `marsad train link-accept`"
            ),
        })?;
        if m.format != FORMAT {
            return Err(crate::KbError::File {
                path: name.to_string(),
                detail: format!(
                    "format {} but this build reads {FORMAT}; rebuild it with `marsad train link-accept`",
                    m.format
                ),
            });
        }
        Ok(m)
    }

    /// Probability that a link with these features is right.
    pub fn score(&self, features: &[String]) -> f64 {
        let z = self.bias
            + features
                .iter()
                .filter_map(|f| self.weights.get(f))
                .sum::<f64>();
        sigmoid(z)
    }

    /// Scores every KB link of a linked document and undoes those under the
    /// threshold (see [`reject`]); returns how many were rejected.
    pub fn apply(&self, kb: &Kb, doc: &mut Document) -> usize {
        if self.threshold <= 0.0 {
            return 0; // keeps every link: nothing to score
        }
        let out: Vec<usize> = links(kb, doc, Some(&self.prior))
            .into_iter()
            .filter(|(_, f)| self.score(f) < self.threshold)
            .map(|(mi, _)| mi)
            .collect();
        reject(doc, &out);
        out.len()
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The entity of mention `mi` when it is a scored KB link (not a nominal
/// mention, whose reading the gold does not annotate).
fn linked_entity(doc: &Document, mi: usize) -> Option<&Entity> {
    let m = doc.mentions.get(mi)?;
    let e = doc
        .entities
        .iter()
        .find(|e| Some(&e.id) == m.entity.as_ref())?;
    if e.reading.as_deref() == Some("nominal") {
        return None;
    }
    e.kb.as_ref()?;
    Some(e)
}

/// The KB id mention `mi` is linked to (a government reading is keyed
/// `gov:` + its id).
fn linked_id(doc: &Document, mi: usize) -> Option<String> {
    let e = linked_entity(doc, mi)?;
    let id = e.kb.as_ref()?.id.clone()?;
    Some(match e.reading.as_deref() {
        Some("capital-as-government") => format!("gov:{id}"),
        _ => id,
    })
}

fn bucket(n: usize, edges: &[usize]) -> String {
    for w in edges.windows(2) {
        if n >= w[0] && n < w[1] {
            return if w[1] - w[0] == 1 {
                format!("{}", w[0])
            } else {
                format!("{}-{}", w[0], w[1] - 1)
            };
        }
    }
    format!("{}+", edges.last().copied().unwrap_or(0))
}

/// The entry's main source: `supplement`, or the source file's name.
fn source_of(e: &crate::model::Entry) -> String {
    let s = e.sources.first().map(String::as_str).unwrap_or("");
    if s.starts_with("supplement") {
        return "supplement".into();
    }
    let s = s.split(" (").next().unwrap_or(s);
    s.rsplit(['/', '\\']).next().unwrap_or(s).to_string()
}

/// The words before char offset `at` (nearest first), at most `n`.
fn words_before(chars: &[char], at: usize, n: usize) -> Vec<String> {
    let head: String = chars[..at.min(chars.len())].iter().collect();
    head.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(n)
        .map(str::to_string)
        .collect()
}

/// Features of every KB link of a linked document: `(mention, features)`.
/// `prior` adds the field-prior features.
pub fn links(kb: &Kb, doc: &Document, prior: Option<&Prior>) -> Vec<(usize, Vec<String>)> {
    let chars: Vec<char> = doc.text.chars().collect();
    let first_sentence_end = doc.sentences.first().map(|s| s.end).unwrap_or(0);
    let keys: Vec<String> = doc
        .mentions
        .iter()
        .map(|m| crate::model::key_of_phrase(&m.text))
        .collect();
    let mut out = Vec::new();
    for mi in 0..doc.mentions.len() {
        let Some(ent) = linked_entity(doc, mi) else {
            continue;
        };
        let Some(id) = ent.kb.as_ref().and_then(|r| r.id.clone()) else {
            continue;
        };
        let m = &doc.mentions[mi];
        let mut f: Vec<String> = Vec::new();
        let key = &keys[mi];
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        let nw = words.len();
        let wb = bucket(nw, &[0, 1, 2, 3]);
        f.push(format!("words:{wb}"));
        let nc = key.chars().filter(|c| *c != ' ').count();
        f.push(format!("chars:{}", bucket(nc, &[0, 3, 4, 5, 6, 8, 11])));
        f.push(format!("ner:{}", m.kind.as_str()));
        let entry = kb.entry(&id);
        let etype = entry.map(|x| x.kind).unwrap_or(ent.kind);
        f.push(format!("etype:{}", etype.as_str()));
        f.push(format!("ner|etype:{}|{}", m.kind.as_str(), etype.as_str()));
        f.push(format!("words|etype:{wb}|{}", etype.as_str()));
        if m.text.starts_with("ال") {
            f.push("definite".into());
        }
        // how many entries the name could be
        let cands = crate::link::candidates_for(kb, &m.text).len();
        let amb = bucket(cands, &[0, 1, 2, 3, 5]);
        f.push(format!("cands:{amb}"));
        f.push(format!("cands|words:{amb}|{wb}"));
        // a one-word common word or stoplisted key
        if nw == 1
            && (kb.stop.contains(key.as_str())
                || crate::link::common_words().contains(&marsad_arabic::normalize_str(&m.text)))
        {
            f.push("common-word".into());
        }
        // the reading that produced the link
        f.push(format!(
            "reading:{}",
            ent.reading.as_deref().unwrap_or("literal")
        ));
        if let Some(x) = entry {
            let src = source_of(x);
            f.push(format!("source:{src}"));
            f.push(format!("source|words:{src}|{wb}"));
            f.push(format!("sources:{}", bucket(x.sources.len(), &[1, 2, 3])));
            let prefix = if x.id.starts_with("mk:c:") {
                "country"
            } else if x.id.starts_with("gn:") {
                "geonames"
            } else if x.id.starts_with('Q') {
                "wikidata"
            } else {
                "marsad"
            };
            f.push(format!("id:{prefix}"));
            if let Some(c) = &x.category {
                f.push(format!("category:{c}"));
            }
            let rank = match x.rank {
                r if r < 0 => "neg",
                0 => "0",
                1..=99 => "1-99",
                _ => "100+",
            };
            f.push(format!("rank:{rank}"));
            f.push(if x.wiki.is_some() { "wiki" } else { "no-wiki" }.into());
            if !x.codes.is_empty() {
                f.push("cameo".into());
            }
            if x.geonames.is_some() {
                let p = x.population;
                let pb = if p < 15_000 {
                    "<15k"
                } else if p < 100_000 {
                    "<100k"
                } else if p < 1_000_000 {
                    "<1M"
                } else {
                    "1M+"
                };
                f.push(format!("population:{pb}"));
            }
            // the name against the entry's names
            let full = x
                .name_ar
                .as_deref()
                .or(x.aliases_ar.first().map(String::as_str))
                .map(crate::model::key_of_phrase)
                .unwrap_or_default();
            let full_words: Vec<&str> = full.split(' ').filter(|w| !w.is_empty()).collect();
            let alias_keys: Vec<String> = x
                .aliases_ar
                .iter()
                .map(|a| crate::model::key_of_phrase(a))
                .collect();
            let rel = if *key == full {
                "full"
            } else if alias_keys.iter().any(|a| a == key) {
                if nw < full_words.len() {
                    "short-alias"
                } else {
                    "alias"
                }
            } else if nw == 1 && full_words.len() > 1 && full_words.last() == words.first() {
                "surname"
            } else if nw == 1 && full_words.len() > 1 && full_words.first() == words.first() {
                "given-name"
            } else if nw > 0
                && full_words.len() > nw
                && words.iter().all(|w| full_words.contains(w))
            {
                "part"
            } else {
                "other"
            };
            f.push(format!("name:{rel}"));
            f.push(format!("name|etype:{rel}|{}", etype.as_str()));
        }
        // the entity's other mentions
        let n = ent.mentions.len();
        f.push(format!("mentions:{}", bucket(n, &[1, 2, 3, 6])));
        let longer_same = ent.mentions.iter().any(|&o| {
            o != mi
                && keys
                    .get(o)
                    .is_some_and(|k| k.split(' ').count() > nw && k.contains(key.as_str()))
        });
        if longer_same {
            f.push("longer-form-same-entity".into());
        }
        // a longer name containing this one, linked elsewhere or local
        let longer_other = doc.mentions.iter().enumerate().any(|(o, om)| {
            o != mi
                && om.entity != m.entity
                && keys[o].split(' ').count() > nw
                && !key.is_empty()
                && keys[o]
                    .split(' ')
                    .collect::<Vec<_>>()
                    .windows(nw)
                    .any(|w| w == words.as_slice())
        });
        if longer_other {
            f.push("longer-form-other-entity".into());
        }
        let distinct: std::collections::HashSet<&str> = ent
            .mentions
            .iter()
            .filter_map(|&o| keys.get(o).map(String::as_str))
            .collect();
        f.push(format!("surfaces:{}", bucket(distinct.len(), &[1, 2, 3])));
        if m.span.start < first_sentence_end {
            f.push("first-sentence".into());
        }
        // a title word before the name
        let before = words_before(&chars, m.span.start, 3);
        let title_at = before
            .iter()
            .position(|w| crate::model::is_title_key(&crate::model::key_of_word(w)));
        f.push(match title_at {
            Some(0) => "title:prev".into(),
            Some(_) => "title:near".into(),
            None => "title:none".into(),
        });
        // NER confidence (the linker's own mentions carry 0.7 / 0.8 / 0.9)
        let c = m.confidence;
        let cb = if [0.7f32, 0.8, 0.9].contains(&c) {
            format!("dict{c}")
        } else if c < 0.6 {
            "<0.6".into()
        } else if c < 0.8 {
            "<0.8".into()
        } else if c < 0.95 {
            "<0.95".into()
        } else {
            "0.95+".into()
        };
        f.push(format!("conf:{cb}"));
        // the field prior
        if let Some(p) = prior {
            let lid = linked_id(doc, mi).unwrap_or(id.clone());
            let total = p.mentions.get(key.as_str()).copied().unwrap_or(0) as usize;
            let here = p.links.get(&format!("{key}\t{lid}")).copied().unwrap_or(0) as usize;
            if total == 0 {
                f.push("prior:unseen".into());
            } else {
                f.push(format!("prior-count:{}", bucket(total, &[1, 2, 5, 20])));
                let rate = here as f64 / total as f64;
                let rb = if here == 0 {
                    "0"
                } else if rate < 0.5 {
                    "<.5"
                } else if rate < 0.9 {
                    "<.9"
                } else {
                    ".9+"
                };
                f.push(format!("prior-rate:{rb}"));
            }
        }
        out.push((mi, f));
    }
    out
}

/// Undoes the KB links of mentions `rejected`: each keeps its place and
/// becomes part of a document-local entity (one per former entity) with
/// `reading = "kb-rejected"`. An entity all of whose mentions are rejected
/// is turned local in place (its id stays).
pub fn reject(doc: &mut Document, rejected: &[usize]) {
    if rejected.is_empty() {
        return;
    }
    let mut by_entity: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &mi in rejected {
        if let Some(e) = doc.mentions.get(mi).and_then(|m| m.entity.clone()) {
            by_entity.entry(e).or_default().push(mi);
        }
    }
    let mut next = doc
        .entities
        .iter()
        .filter_map(|e| e.id.strip_prefix('e').and_then(|n| n.parse::<usize>().ok()))
        .max()
        .unwrap_or(0)
        + 1;
    for (eid, mut ms) in by_entity {
        ms.sort_unstable();
        ms.dedup();
        let Some(ei) = doc.entities.iter().position(|e| e.id == eid) else {
            continue;
        };
        let local_name = |doc: &Document, ms: &[usize]| {
            ms.first()
                .and_then(|&mi| doc.mentions.get(mi))
                .map(|m| m.text.clone())
                .unwrap_or_default()
        };
        if doc.entities[ei].mentions.iter().all(|m| ms.contains(m)) {
            let name = local_name(doc, &ms);
            let e = &mut doc.entities[ei];
            e.kb = None;
            e.reading = Some(REJECTED.into());
            e.name_ar = Some(name.clone());
            e.name = name;
            e.aliases.clear();
            continue;
        }
        doc.entities[ei].mentions.retain(|m| !ms.contains(m));
        let name = local_name(doc, &ms);
        let kind: EntityType = ms
            .first()
            .and_then(|&mi| doc.mentions.get(mi))
            .map(|m| m.kind)
            .unwrap_or(doc.entities[ei].kind);
        let id = format!("e{next}");
        next += 1;
        for &mi in &ms {
            doc.mentions[mi].entity = Some(id.clone());
        }
        doc.entities.push(Entity {
            id,
            kind,
            name: name.clone(),
            name_ar: Some(name),
            aliases: Vec::new(),
            kb: None,
            mentions: ms,
            roles: Vec::new(),
            reading: Some(REJECTED.into()),
        });
    }
}

/// One training example: the set it comes from, its features and whether
/// the link was right.
#[derive(Debug, Clone)]
pub struct Example {
    /// Index of its gold set.
    pub set: usize,
    /// Features (see [`links`]).
    pub features: Vec<String>,
    /// The link agrees with the gold.
    pub right: bool,
}

/// Trains an L2-regularised logistic regression on `examples` (full-batch
/// gradient descent with AdaGrad steps, a fixed number of rounds:
/// deterministic). Returns `(bias, weights)`.
pub fn train(examples: &[&Example], l2: f64, rounds: usize) -> (f64, BTreeMap<String, f64>) {
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for e in examples {
        for f in &e.features {
            let n = index.len();
            index.entry(f.as_str()).or_insert(n);
        }
    }
    let rows: Vec<(Vec<usize>, f64)> = examples
        .iter()
        .map(|e| {
            let mut v: Vec<usize> = e.features.iter().map(|f| index[f.as_str()]).collect();
            v.sort_unstable();
            v.dedup();
            (v, if e.right { 1.0 } else { 0.0 })
        })
        .collect();
    let d = index.len();
    let n = rows.len().max(1) as f64;
    let mut w = vec![0.0f64; d];
    let mut b = 0.0f64;
    let mut gw2 = vec![1e-8f64; d];
    let mut gb2 = 1e-8f64;
    let eta = 0.5;
    for _ in 0..rounds {
        let mut g = vec![0.0f64; d];
        let mut gb = 0.0;
        for (v, y) in &rows {
            let z: f64 = b + v.iter().map(|&j| w[j]).sum::<f64>();
            let r = sigmoid(z) - y;
            gb += r;
            for &j in v {
                g[j] += r;
            }
        }
        gb /= n;
        gb2 += gb * gb;
        b -= eta * gb / gb2.sqrt();
        for j in 0..d {
            let gj = g[j] / n + l2 * w[j];
            gw2[j] += gj * gj;
            w[j] -= eta * gj / gw2[j].sqrt();
        }
    }
    let weights = index
        .into_iter()
        .map(|(f, j)| (f.to_string(), (w[j] * 1e6).round() / 1e6))
        .filter(|(_, x)| *x != 0.0)
        .collect();
    ((b * 1e6).round() / 1e6, weights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn training_separates_a_feature_and_is_deterministic() {
        let ex: Vec<Example> = (0..40)
            .map(|i| Example {
                set: 0,
                features: vec![if i % 4 == 0 { "bad" } else { "good" }.to_string()],
                right: i % 4 != 0,
            })
            .collect();
        let refs: Vec<&Example> = ex.iter().collect();
        let (b, w) = train(&refs, 0.01, 300);
        let m = Model {
            format: FORMAT.into(),
            trained_with: String::new(),
            l2: 0.01,
            threshold: 0.5,
            bias: b,
            weights: w.clone(),
            prior: Prior::default(),
            cv: Vec::new(),
        };
        assert!(m.score(&["bad".into()]) < 0.5);
        assert!(m.score(&["good".into()]) > 0.5);
        assert_eq!(train(&refs, 0.01, 300), (b, w));
    }

    #[test]
    fn rejected_mentions_become_local_entities() {
        let kb = Kb::bundled().expect("bundled KB");
        let mut d = Document::new(
            "t",
            marsad_core::Source::default(),
            "قال الرئيس الروسي فلاديمير بوتين إن بوتين لن يزور باريس.",
        );
        d.published = Some("2015-07-25".into());
        kb.link(&mut d);
        let putin: Vec<usize> = d
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.text.contains("بوتين"))
            .map(|(i, _)| i)
            .collect();
        assert!(!putin.is_empty(), "{:?}", d.mentions);
        let n_ent = d.entities.len();
        reject(&mut d, &putin[..1]);
        let m = &d.mentions[putin[0]];
        let e = d
            .entities
            .iter()
            .find(|e| Some(&e.id) == m.entity.as_ref())
            .expect("entity");
        assert!(e.kb.is_none());
        assert_eq!(e.reading.as_deref(), Some(REJECTED));
        assert!(d.entities.len() >= n_ent);
        for e in &d.entities {
            for &mi in &e.mentions {
                assert_eq!(d.mentions[mi].entity.as_ref(), Some(&e.id));
            }
        }
        assert!(d.validate().is_ok());
    }
}

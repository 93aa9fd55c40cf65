//! Feature extraction: from the tokens of one sentence to, for each token,
//! the list of hashed feature indices into the model's weight table.
//!
//! Two passes keep it fast: every token is described once ([`WordInfo`]:
//! hashes of its forms, shape, clusters, lexicon bits), then each position
//! combines its own and its neighbours' descriptions by mixing hashes, with
//! no string work.

use crate::hash::FxMap;
use crate::hash::{feat, hash_bytes, pair};
use crate::lexicon::{bits, Lexicon};
use std::sync::Arc;

/// Number of cluster granularities per word.
pub const LEVELS: usize = 3;

/// Word clusters learned from unlabeled text by `marsad train clusters`:
/// normalized word → cluster id at each granularity (coarse to fine).
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    /// The map.
    pub map: FxMap<String, [u16; LEVELS]>,
}

impl Clusters {
    /// Parses the text format written by `marsad train clusters`:
    /// `word<TAB>c1<TAB>c2<TAB>c3` per line.
    pub fn parse(text: &str, path: &str) -> Result<Clusters, crate::NerError> {
        let mut map = FxMap::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = || {
                crate::NerError::Input {
                path: path.to_string(),
                line: i + 1,
                detail: format!("expected `word<TAB>c1<TAB>c2<TAB>c3`, found {line:?}; rebuild it with `marsad train clusters`"),
            }
            };
            if f.len() != LEVELS + 1 {
                return Err(bad());
            }
            let mut ids = [0u16; LEVELS];
            for (k, id) in ids.iter_mut().enumerate() {
                *id = f[k + 1].parse().map_err(|_| bad())?;
            }
            map.insert(f[0].to_string(), ids);
        }
        Ok(Clusters { map })
    }
}

/// The resources features consult, stored inside the model file.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    /// Gazetteers and trigger words.
    pub lexicon: Lexicon,
    /// Word clusters.
    pub clusters: Clusters,
}

/// Shape classes of a token.
fn shape(w: &str) -> u8 {
    let mut ar = false;
    let mut lat = false;
    let mut dig = false;
    let mut up = false;
    let mut other = false;
    for c in w.chars() {
        if marsad_arabic::is_arabic_letter(c) {
            ar = true
        } else if marsad_arabic::digit_value(c).is_some() {
            dig = true
        } else if c.is_alphabetic() {
            lat = true;
            up |= c.is_uppercase();
        } else if !marsad_arabic::is_tashkeel(c) && c != marsad_arabic::TATWEEL {
            other = true
        }
    }
    match (ar, lat, dig, other) {
        (true, false, false, false) => 1,
        (false, true, false, false) => {
            if up {
                2
            } else {
                3
            }
        }
        (false, false, true, false) => 4,
        (false, false, true, true) => 5,
        (false, false, false, true) => 6,
        (true, _, _, true) => 7,
        _ => 8,
    }
}

/// Everything a position needs to know about one token.
#[derive(Debug, Clone)]
pub struct WordInfo {
    /// Normalized form.
    pub norm: Arc<str>,
    /// Top clitic analysis' stem, article restored (normalized).
    pub stem: Arc<str>,
    h_raw: u64,
    h_norm: u64,
    h_stem: u64,
    h_alt: u64,
    h_clitic: u64,
    h_pre: [u64; 3],
    h_suf: [u64; 3],
    shape: u8,
    len: u8,
    clus: [u32; LEVELS],
    /// Hashes of the character trigrams of `^stem$` (transliterated foreign
    /// names have telltale letter sequences).
    h_tri: Arc<[u64]>,
    /// Lexicon bits of the word alone (its normalized form or stem).
    pub lex: u16,
    /// Whether a lexicon phrase can begin with the normalized form (bit 0)
    /// or the stem (bit 1): an entry or a proper prefix of one. Phrase
    /// matching skips the other tokens without building keys. Bit 2: the
    /// stem is the normalized form.
    starts: u8,
}

const NONE: u32 = u32::MAX;

impl WordInfo {
    /// Describes one token.
    pub fn new(raw: &str, res: &Resources) -> WordInfo {
        let norm = marsad_arabic::normalize_str(raw);
        let lex = &res.lexicon;
        let mut an = marsad_arabic::clitics::analyses_with(&norm, &|s: &str| {
            lex.get(s) & (bits::PER | bits::ORG | bits::LOC | bits::ACTOR) != 0
        });
        // keep the splits whose stem is written letter for letter in the
        // word (a stem with a restored letter, e.g. ة for ت, reads as another
        // word to the features)
        an.retain(|a| is_literal(&norm, a));
        let (stem, clitic) = match an.first() {
            Some(a) => (a.with_article(), a.prefix.clone()),
            None => (norm.clone(), String::new()),
        };
        // the best real split, whatever the lexicon says: a general
        // clitic-stripped form (والحكومة → الحكومة)
        let alt = an
            .iter()
            .find(|a| a.prefix_chars > 0 || a.suffix_chars > 0)
            .map(|a| a.with_article())
            .unwrap_or_else(|| norm.clone());
        let chars: Vec<char> = norm.chars().collect();
        let n = chars.len();
        let mut h_pre = [0u64; 3];
        let mut h_suf = [0u64; 3];
        let mut buf = String::new();
        for k in 1..=3 {
            buf.clear();
            buf.extend(chars.iter().take(k));
            h_pre[k - 1] = hash_bytes(buf.as_bytes());
            buf.clear();
            buf.extend(chars[n.saturating_sub(k)..].iter());
            h_suf[k - 1] = hash_bytes(buf.as_bytes());
        }
        let mut clus = [NONE; LEVELS];
        let c = res
            .clusters
            .map
            .get(&norm)
            .or_else(|| res.clusters.map.get(&stem))
            .or_else(|| res.clusters.map.get(&alt));
        if let Some(c) = c {
            for k in 0..LEVELS {
                clus[k] = c[k] as u32;
            }
        }
        let mut lb = lex.get(&norm);
        if stem != norm {
            lb |= lex.get(&stem);
        }
        let sc: Vec<char> = std::iter::once('^')
            .chain(stem.chars())
            .chain(std::iter::once('$'))
            .collect();
        let h_tri = if sc.len() > 5 {
            sc.windows(3)
                .map(|w| {
                    let mut b = [0u8; 12];
                    let mut k = 0;
                    for c in w {
                        k += c.encode_utf8(&mut b[k..]).len();
                    }
                    hash_bytes(&b[..k])
                })
                .collect()
        } else {
            Vec::new()
        };
        let can_start = |k: &str| lex.get(k) != 0 || lex.is_prefix(k);
        let starts = can_start(&norm) as u8
            | ((can_start(&stem) as u8) << 1)
            | (((stem == norm) as u8) << 2);
        WordInfo {
            starts,
            h_tri: h_tri.into(),
            h_raw: hash_bytes(raw.as_bytes()),
            h_norm: hash_bytes(norm.as_bytes()),
            h_stem: hash_bytes(stem.as_bytes()),
            h_alt: hash_bytes(alt.as_bytes()),
            h_clitic: hash_bytes(clitic.as_bytes()),
            h_pre,
            h_suf,
            shape: shape(raw),
            len: n.min(12) as u8,
            clus,
            lex: lb,
            norm: norm.into(),
            stem: stem.into(),
        }
    }
}

impl AsRef<WordInfo> for WordInfo {
    fn as_ref(&self) -> &WordInfo {
        self
    }
}

/// True when `a.stem` is the word's letters between its clitics.
pub fn is_literal(word: &str, a: &marsad_arabic::Analysis) -> bool {
    let n = word.chars().count();
    let Some(len) = n.checked_sub(a.prefix_chars + a.suffix_chars) else {
        return false;
    };
    word.chars()
        .skip(a.prefix_chars)
        .take(len)
        .eq(a.stem.chars())
}

/// Lexicon phrase matches over a sentence: for each token, per bit, whether
/// it begins (1) or continues (2) the longest phrase carrying that bit.
pub fn phrase_marks<W: AsRef<WordInfo>>(
    words: &[W],
    lex: &Lexicon,
) -> Vec<[u8; bits::COUNT as usize]> {
    let n = words.len();
    let mut marks = vec![[0u8; bits::COUNT as usize]; n];
    let max = lex.max_len().max(1);
    let mut key = String::new();
    for i in 0..n {
        let wi = words[i].as_ref();
        // the first token may carry clitics: try its stem too
        for (f, first) in [&wi.norm, &wi.stem].into_iter().enumerate() {
            // neither an entry nor a prefix of one: no phrase starts here
            // with this form (the loop below would stop at its first key)
            if first.is_empty() || wi.starts & (1 << f) == 0 {
                if wi.starts & 4 != 0 {
                    break;
                }
                continue;
            }
            key.clear();
            key.push_str(first);
            let mut best = [0usize; bits::COUNT as usize];
            for len in 1..=max.min(n - i) {
                if len > 1 {
                    key.push(' ');
                    key.push_str(&words[i + len - 1].as_ref().norm);
                }
                let b = lex.get(&key);
                if b != 0 {
                    for (k, slot) in best.iter_mut().enumerate() {
                        if b & (1 << k) != 0 {
                            *slot = len;
                        }
                    }
                }
                if !lex.is_prefix(&key) {
                    break;
                }
            }
            for (k, &len) in best.iter().enumerate() {
                if len > 0 {
                    marks[i][k] = marks[i][k].max(1);
                    for m in marks.iter_mut().skip(i + 1).take(len - 1) {
                        if m[k] == 0 {
                            m[k] = 2;
                        }
                    }
                }
            }
            if wi.starts & 4 != 0 {
                break;
            }
        }
    }
    marks
}

/// Feature templates (ids are part of the model format: append, never renumber).
mod t {
    pub const BIAS: u32 = 0;
    pub const RAW: u32 = 1;
    pub const NORM: u32 = 2;
    pub const STEM: u32 = 3;
    pub const ALT: u32 = 4;
    pub const CLITIC: u32 = 5;
    pub const PRE: u32 = 6; // +0..3
    pub const SUF: u32 = 9; // +0..3
    pub const SHAPE: u32 = 12;
    pub const LEN: u32 = 13;
    pub const NORM_M1: u32 = 14;
    pub const NORM_P1: u32 = 15;
    pub const NORM_M2: u32 = 16;
    pub const NORM_P2: u32 = 17;
    pub const STEM_M1: u32 = 18;
    pub const STEM_P1: u32 = 19;
    pub const BI_M1: u32 = 20;
    pub const BI_P1: u32 = 21;
    pub const CLUS: u32 = 22; // +level
    pub const CLUS_M1: u32 = 25; // +level
    pub const CLUS_P1: u32 = 28; // +level
    pub const LEXW: u32 = 31;
    pub const LEXP: u32 = 32;
    pub const LEX_M1: u32 = 33;
    pub const LEX_M2: u32 = 34;
    pub const LEX_P1: u32 = 35;
    pub const SHAPE_CTX: u32 = 36;
    pub const FIRST: u32 = 37;
    pub const SUF_STEM: u32 = 38;
    pub const CLUS_M2: u32 = 39;
    pub const CLUS_P2: u32 = 40;
    pub const LEXP_M1: u32 = 41;
    pub const LEXP_P1: u32 = 42;
    pub const ALT_M1: u32 = 43;
    pub const ALT_P1: u32 = 44;
    pub const TRI: u32 = 54;
    pub const S1: u32 = 45;
    pub const S1_M1: u32 = 46;
    pub const S1_P1: u32 = 47;
    pub const S1_W: u32 = 48;
    pub const DOC_TYPE: u32 = 49;
    pub const DOC_BEGIN: u32 = 50;
    pub const DOC_MAJOR: u32 = 51;
    pub const DOC_MAJOR_S1: u32 = 52;
    pub const DOC_MAJOR_M1: u32 = 53;
}

/// Describes every token of a sentence.
pub fn describe<S: AsRef<str>>(tokens: &[S], res: &Resources) -> Vec<WordInfo> {
    tokens
        .iter()
        .map(|t| WordInfo::new(t.as_ref(), res))
        .collect()
}

/// Describes every token, reusing descriptions of words already seen in
/// `cache` (a document repeats its words: this is most of the tagging cost).
pub fn describe_cached<S: AsRef<str>>(
    tokens: &[S],
    res: &Resources,
    cache: &mut FxMap<String, WordInfo>,
) -> Vec<WordInfo> {
    tokens
        .iter()
        .map(|t| {
            let t = t.as_ref();
            if let Some(w) = cache.get(t) {
                return w.clone();
            }
            let w = WordInfo::new(t, res);
            if cache.len() < 200_000 {
                cache.insert(t.to_string(), w.clone());
            }
            w
        })
        .collect()
}

/// Hashed features of every position: `out` receives, for token `i`, the
/// feature hashes in `out[offsets[i]..offsets[i + 1]]`.
pub fn extract(words: &[WordInfo], res: &Resources, out: &mut Vec<u64>, offsets: &mut Vec<usize>) {
    extract_with(words, res, out, offsets)
}

/// The second stage's features: the first stage's labels around each token
/// and what it said about the token's word in nearby sentences. The second
/// stage sees them together with the sentence features
/// ([`extract_stage2`]).
pub fn extract_hints<W: AsRef<WordInfo>>(
    words: &[W],
    h: &[Hint],
    out: &mut Vec<u64>,
    offsets: &mut Vec<usize>,
) {
    out.clear();
    offsets.clear();
    offsets.push(0);
    let n = words.len();
    for i in 0..n {
        let w = words[i].as_ref();
        let ii = i as isize;
        out.push(feat(t::BIAS, 1));
        let lab = |j: isize| -> u64 {
            if j < 0 || j as usize >= n {
                0xFF
            } else {
                h[j as usize].label as u64
            }
        };
        let x = h[i];
        out.push(feat(t::S1, lab(ii)));
        out.push(feat(t::S1_M1, lab(ii - 1) << 8 | lab(ii)));
        out.push(feat(t::S1_P1, lab(ii) << 8 | lab(ii + 1)));
        out.push(feat(t::S1_W, pair(lab(ii), w.h_norm)));
        for k in 0..8u64 {
            if x.types & (1 << k) != 0 {
                out.push(feat(t::DOC_TYPE, k));
            }
            if x.begins & (1 << k) != 0 {
                out.push(feat(t::DOC_BEGIN, k));
            }
        }
        out.push(feat(t::DOC_MAJOR, x.major as u64));
        out.push(feat(t::DOC_MAJOR_S1, (x.major as u64) << 8 | lab(ii)));
        let prev_major = if i > 0 { h[i - 1].major as u64 } else { 0xFF };
        out.push(feat(t::DOC_MAJOR_M1, prev_major << 8 | x.major as u64));
        offsets.push(out.len());
    }
}

/// The second stage's full feature set: sentence features plus hint
/// features, position by position.
pub fn extract_stage2(
    words: &[WordInfo],
    res: &Resources,
    h: &[Hint],
    out: &mut Vec<u64>,
    offsets: &mut Vec<usize>,
) {
    let mut a = Vec::new();
    let mut ao = Vec::new();
    let mut b = Vec::new();
    let mut bo = Vec::new();
    extract(words, res, &mut a, &mut ao);
    extract_hints(words, h, &mut b, &mut bo);
    out.clear();
    offsets.clear();
    offsets.push(0);
    for i in 0..words.len() {
        out.extend_from_slice(&a[ao[i]..ao[i + 1]]);
        out.extend_from_slice(&b[bo[i]..bo[i + 1]]);
        offsets.push(out.len());
    }
}

/// What the first stage said about a token and about its word elsewhere in
/// the document (the second stage's features).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hint {
    /// The first stage's label index at this token.
    pub label: u8,
    /// Types (bit per type index) the first stage gave this word's stem in
    /// the surrounding sentences.
    pub types: u8,
    /// The most frequent of those types plus one (0: none).
    pub major: u8,
    /// Types the first stage gave this word when it began a span.
    pub begins: u8,
}

/// Document-level hints: for each sentence and token, the first stage's
/// label and what it said about the same stem within `window` sentences on
/// either side. `type_of[label]` is the type index of a label (`None` for O).
pub fn hints<W: AsRef<WordInfo>>(
    words: &[Vec<W>],
    labels: &[Vec<usize>],
    type_of: &[Option<u8>],
    window: usize,
) -> Vec<Vec<Hint>> {
    let ns = words.len();
    // per sentence: (stem, type, begins) of every token inside a predicted span
    // (stems shorter than 2 letters are left out; stems are keyed by their
    // 64-bit hash)
    let per: Vec<Vec<(u64, u8, bool)>> = words
        .iter()
        .zip(labels)
        .map(|(ws, ls)| {
            ws.iter()
                .zip(ls)
                .filter_map(|(w, &l)| {
                    let w = w.as_ref();
                    let t = type_of.get(l).copied().flatten()?;
                    (w.stem.chars().nth(1).is_some()).then_some((w.h_stem, t, l % 2 == 1))
                })
                .collect()
        })
        .collect();
    let mut out = Vec::with_capacity(ns);
    // per stem over the window: counts per type, and per type the count of
    // span starts; the window slides one sentence at a time (add the one
    // entering, remove the one leaving), so each sentence is counted twice
    // in all instead of once per neighbour
    let mut counts: FxMap<u64, [u16; 16]> = FxMap::default();
    fn apply(counts: &mut FxMap<u64, [u16; 16]>, sent: &[(u64, u8, bool)], add: bool) {
        for &(stem, t, b) in sent {
            let c = counts.entry(stem).or_insert([0; 16]);
            let t = (t as usize).min(7);
            let upd = |x: &mut u16| {
                if add {
                    *x += 1
                } else {
                    *x -= 1
                }
            };
            upd(&mut c[t]);
            if b {
                upd(&mut c[8 + t]);
            }
        }
    }
    for s in &per[..(window + 1).min(ns)] {
        apply(&mut counts, s, true);
    }
    for si in 0..ns {
        if si > window {
            apply(&mut counts, &per[si - window - 1], false);
        }
        if si > 0 && si + window < ns {
            apply(&mut counts, &per[si + window], true);
        }
        out.push(
            words[si]
                .iter()
                .zip(&labels[si])
                .map(|(w, &l)| {
                    let mut h = Hint {
                        label: l as u8,
                        ..Default::default()
                    };
                    if let Some(c) = counts.get(&w.as_ref().h_stem) {
                        let mut best = (0u16, 0u8);
                        for (t, &n) in c[..8].iter().enumerate() {
                            if n > 0 {
                                h.types |= 1 << t;
                                if n > best.0 {
                                    best = (n, t as u8 + 1);
                                }
                            }
                            if c[8 + t] > 0 {
                                h.begins |= 1 << t;
                            }
                        }
                        h.major = best.1;
                    }
                    h
                })
                .collect(),
        );
    }
    out
}

/// Sentence features (see [`extract`]).
fn extract_with(words: &[WordInfo], res: &Resources, out: &mut Vec<u64>, offsets: &mut Vec<usize>) {
    out.clear();
    offsets.clear();
    offsets.push(0);
    let marks = phrase_marks(words, &res.lexicon);
    let n = words.len();
    for i in 0..n {
        for o in OFFSETS {
            let j = i as isize + o;
            unary(
                (j >= 0 && (j as usize) < n).then(|| &words[j as usize]),
                o,
                out,
            );
        }
        pairwise(words, &marks, i, out);
        offsets.push(out.len());
    }
}

/// The relative positions whose words' own features a position reads.
pub const OFFSETS: [isize; 5] = [-2, -1, 0, 1, 2];

const BOS: u64 = 0x5157_4f53;
const EOS: u64 = 0x4551_5353;
const NO_CLUSTER: u64 = 0xFFFF_0000;

/// The features a position gets from the word at relative offset `o`
/// alone (`None`: outside the sentence). They depend on nothing else, so a
/// tagger can sum their weights once per distinct word and offset.
pub fn unary(w: Option<&WordInfo>, o: isize, out: &mut Vec<u64>) {
    let edge = if o < 0 { BOS } else { EOS };
    let norm = w.map(|x| x.h_norm).unwrap_or(edge);
    let clus = |k: usize| w.map(|x| x.clus[k] as u64).unwrap_or(NO_CLUSTER);
    let lex = w.map(|x| x.lex).unwrap_or(0);
    let lex_feats = |tpl: u32, out: &mut Vec<u64>| {
        for k in 0..bits::COUNT {
            if lex & (1u16 << k) != 0 {
                out.push(feat(tpl, k as u64));
            }
        }
    };
    match o {
        0 => {
            let Some(w) = w else { return };
            out.push(feat(t::RAW, w.h_raw));
            out.push(feat(t::NORM, w.h_norm));
            out.push(feat(t::STEM, w.h_stem));
            out.push(feat(t::ALT, w.h_alt));
            out.push(feat(t::CLITIC, w.h_clitic));
            for k in 0..3 {
                out.push(feat(t::PRE + k as u32, w.h_pre[k]));
                out.push(feat(t::SUF + k as u32, w.h_suf[k]));
            }
            out.push(feat(t::SHAPE, w.shape as u64));
            out.push(feat(t::LEN, w.len as u64));
            out.push(feat(t::SUF_STEM, pair(w.h_suf[1], w.h_clitic)));
            for k in 0..LEVELS {
                out.push(feat(t::CLUS + k as u32, clus(k)));
            }
            lex_feats(t::LEXW, out);
            for &h in w.h_tri.iter() {
                out.push(feat(t::TRI, h));
            }
        }
        -1 | 1 => {
            let (tn, ts, ta, tc, tl) = if o < 0 {
                (t::NORM_M1, t::STEM_M1, t::ALT_M1, t::CLUS_M1, t::LEX_M1)
            } else {
                (t::NORM_P1, t::STEM_P1, t::ALT_P1, t::CLUS_P1, t::LEX_P1)
            };
            out.push(feat(tn, norm));
            out.push(feat(ts, w.map(|x| x.h_stem).unwrap_or(edge)));
            out.push(feat(ta, w.map(|x| x.h_alt).unwrap_or(edge)));
            for k in 0..LEVELS {
                out.push(feat(tc + k as u32, clus(k)));
            }
            lex_feats(tl, out);
        }
        -2 => {
            out.push(feat(t::NORM_M2, norm));
            out.push(feat(t::CLUS_M2, clus(1)));
            lex_feats(t::LEX_M2, out);
        }
        2 => {
            out.push(feat(t::NORM_P2, norm));
            out.push(feat(t::CLUS_P2, clus(1)));
        }
        _ => {}
    }
}

/// The features of position `i` that combine several words (bigrams,
/// phrase matches, shapes around it) or depend on the position itself.
pub fn pairwise<W: AsRef<WordInfo>>(
    words: &[W],
    marks: &[[u8; bits::COUNT as usize]],
    i: usize,
    out: &mut Vec<u64>,
) {
    let n = words.len();
    let w = words[i].as_ref();
    let at = |j: isize| -> Option<&WordInfo> {
        if j < 0 || j as usize >= n {
            None
        } else {
            Some(words[j as usize].as_ref())
        }
    };
    let ii = i as isize;
    let nh = |j: isize| {
        at(j)
            .map(|w| w.h_norm)
            .unwrap_or(if j < 0 { BOS } else { EOS })
    };
    out.push(feat(t::BIAS, 0));
    out.push(feat(t::BI_M1, pair(nh(ii - 1), w.h_norm)));
    out.push(feat(t::BI_P1, pair(w.h_norm, nh(ii + 1))));
    for k in 0..bits::COUNT {
        let m = marks[i][k as usize];
        if m != 0 {
            out.push(feat(t::LEXP, (k as u64) << 2 | m as u64));
            // a phrase match together with the word before it (a title)
            out.push(feat(
                t::LEXP_M1,
                pair((k as u64) << 2 | m as u64, nh(ii - 1)),
            ));
        }
        if i + 1 < n {
            let m = marks[i + 1][k as usize];
            if m != 0 {
                out.push(feat(t::LEXP_P1, (k as u64) << 2 | m as u64));
            }
        }
    }
    let sh = |x: Option<&WordInfo>| x.map(|x| x.shape as u64).unwrap_or(0);
    out.push(feat(
        t::SHAPE_CTX,
        sh(at(ii - 1)) << 8 | (w.shape as u64) << 4 | sh(at(ii + 1)),
    ));
    if i == 0 {
        out.push(feat(t::FIRST, 1));
    }
}

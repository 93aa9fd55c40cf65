//! Feature extraction: from the tokens of one sentence to, for each token,
//! the list of hashed feature indices into the model's weight table.
//!
//! Two passes keep it fast: every token is described once ([`WordInfo`]:
//! hashes of its forms, shape, clusters, lexicon bits), then each position
//! combines its own and its neighbours' descriptions by mixing hashes, with
//! no string work.

use crate::hash::{feat, hash_bytes, pair};
use crate::lexicon::{bits, Lexicon};
use std::collections::HashMap;

/// Number of cluster granularities per word.
pub const LEVELS: usize = 3;

/// Word clusters learned from unlabeled text by `marsad train clusters`:
/// normalized word → cluster id at each granularity (coarse to fine).
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    /// The map.
    pub map: HashMap<String, [u16; LEVELS]>,
}

impl Clusters {
    /// Parses the text format written by `marsad train clusters`:
    /// `word<TAB>c1<TAB>c2<TAB>c3` per line.
    pub fn parse(text: &str, path: &str) -> Result<Clusters, crate::NerError> {
        let mut map = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = || crate::NerError::Input {
                path: path.to_string(),
                line: i + 1,
                detail: format!("expected `word<TAB>c1<TAB>c2<TAB>c3`, found {line:?}; rebuild it with `marsad train clusters`"),
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
    pub norm: String,
    /// Top clitic analysis' stem, article restored (normalized).
    pub stem: String,
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
    /// Lexicon bits of the word alone (its normalized form or stem).
    pub lex: u16,
}

const NONE: u32 = u32::MAX;

impl WordInfo {
    /// Describes one token.
    pub fn new(raw: &str, res: &Resources) -> WordInfo {
        let norm = marsad_arabic::normalize_str(raw);
        let lex = &res.lexicon;
        let an = marsad_arabic::clitics::analyses_with(&norm, &|s: &str| lex.get(s) & (bits::PER | bits::ORG | bits::LOC | bits::ACTOR) != 0);
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
        WordInfo {
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
            norm,
            stem,
        }
    }
}

/// Lexicon phrase matches over a sentence: for each token, per bit, whether
/// it begins (1) or continues (2) the longest phrase carrying that bit.
fn phrase_marks(words: &[WordInfo], lex: &Lexicon) -> Vec<[u8; bits::COUNT as usize]> {
    let n = words.len();
    let mut marks = vec![[0u8; bits::COUNT as usize]; n];
    let max = lex.max_len().max(1);
    let mut key = String::new();
    for i in 0..n {
        // the first token may carry clitics: try its stem too
        for first in [&words[i].norm, &words[i].stem] {
            if first.is_empty() {
                continue;
            }
            key.clear();
            key.push_str(first);
            let mut best = [0usize; bits::COUNT as usize];
            for len in 1..=max.min(n - i) {
                if len > 1 {
                    key.push(' ');
                    key.push_str(&words[i + len - 1].norm);
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
            if words[i].stem == words[i].norm {
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
}

/// Describes every token of a sentence.
pub fn describe<S: AsRef<str>>(tokens: &[S], res: &Resources) -> Vec<WordInfo> {
    tokens.iter().map(|t| WordInfo::new(t.as_ref(), res)).collect()
}

/// Hashed features of every position: `out` receives, for token `i`, the
/// feature hashes in `out[offsets[i]..offsets[i + 1]]`.
pub fn extract(words: &[WordInfo], res: &Resources, out: &mut Vec<u64>, offsets: &mut Vec<usize>) {
    out.clear();
    offsets.clear();
    offsets.push(0);
    let marks = phrase_marks(words, &res.lexicon);
    let n = words.len();
    const BOS: u64 = 0x5157_4f53;
    const EOS: u64 = 0x4551_5353;
    let at = |j: isize| -> Option<&WordInfo> {
        if j < 0 || j as usize >= n {
            None
        } else {
            Some(&words[j as usize])
        }
    };
    let nh = |j: isize| at(j).map(|w| w.h_norm).unwrap_or(if j < 0 { BOS } else { EOS });
    for i in 0..n {
        let w = &words[i];
        let ii = i as isize;
        out.push(feat(t::BIAS, 0));
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
        out.push(feat(t::NORM_M1, nh(ii - 1)));
        out.push(feat(t::NORM_P1, nh(ii + 1)));
        out.push(feat(t::NORM_M2, nh(ii - 2)));
        out.push(feat(t::NORM_P2, nh(ii + 2)));
        out.push(feat(t::STEM_M1, at(ii - 1).map(|x| x.h_stem).unwrap_or(BOS)));
        out.push(feat(t::STEM_P1, at(ii + 1).map(|x| x.h_stem).unwrap_or(EOS)));
        out.push(feat(t::ALT_M1, at(ii - 1).map(|x| x.h_alt).unwrap_or(BOS)));
        out.push(feat(t::ALT_P1, at(ii + 1).map(|x| x.h_alt).unwrap_or(EOS)));
        out.push(feat(t::BI_M1, pair(nh(ii - 1), w.h_norm)));
        out.push(feat(t::BI_P1, pair(w.h_norm, nh(ii + 1))));
        out.push(feat(t::SUF_STEM, pair(w.h_suf[1], w.h_clitic)));
        for k in 0..LEVELS {
            let c = |x: Option<&WordInfo>| x.map(|x| x.clus[k] as u64).unwrap_or(0xFFFF_0000);
            out.push(feat(t::CLUS + k as u32, c(Some(w))));
            out.push(feat(t::CLUS_M1 + k as u32, c(at(ii - 1))));
            out.push(feat(t::CLUS_P1 + k as u32, c(at(ii + 1))));
        }
        let c1 = |x: Option<&WordInfo>| x.map(|x| x.clus[1] as u64).unwrap_or(0xFFFF_0000);
        out.push(feat(t::CLUS_M2, c1(at(ii - 2))));
        out.push(feat(t::CLUS_P2, c1(at(ii + 2))));
        for k in 0..bits::COUNT {
            let b = 1u16 << k;
            if w.lex & b != 0 {
                out.push(feat(t::LEXW, k as u64));
            }
            if let Some(x) = at(ii - 1) {
                if x.lex & b != 0 {
                    out.push(feat(t::LEX_M1, k as u64));
                }
            }
            if let Some(x) = at(ii - 2) {
                if x.lex & b != 0 {
                    out.push(feat(t::LEX_M2, k as u64));
                }
            }
            if let Some(x) = at(ii + 1) {
                if x.lex & b != 0 {
                    out.push(feat(t::LEX_P1, k as u64));
                }
            }
            let m = marks[i][k as usize];
            if m != 0 {
                out.push(feat(t::LEXP, (k as u64) << 2 | m as u64));
                // a phrase match together with the word before it (a title)
                out.push(feat(t::LEXP_M1, pair((k as u64) << 2 | m as u64, nh(ii - 1))));
            }
            if i + 1 < n {
                let m = marks[i + 1][k as usize];
                if m != 0 {
                    out.push(feat(t::LEXP_P1, (k as u64) << 2 | m as u64));
                }
            }
        }
        let sh = |x: Option<&WordInfo>| x.map(|x| x.shape as u64).unwrap_or(0);
        out.push(feat(t::SHAPE_CTX, sh(at(ii - 1)) << 8 | (w.shape as u64) << 4 | sh(at(ii + 1))));
        if i == 0 {
            out.push(feat(t::FIRST, 1));
        }
        offsets.push(out.len());
    }
}

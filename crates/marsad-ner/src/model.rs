//! The model: label set, hashed emission weights, label transitions and the
//! resources its features read; Viterbi decoding; the binary file format.
//!
//! File format (version 1): the 8 bytes `MRSDNER\0`, a little-endian `u32`
//! version, then a gzip stream holding, little-endian:
//! labels (`u32` count, each `u32` length + UTF-8), hash bits (`u32`),
//! temperature (`f32`), weight scale (`f32`), emission weights as `i16`
//! (`2^bits × labels`, row-major by feature bucket; weight = q × scale),
//! transitions (`f32`, labels × labels, then labels start scores),
//! lexicon (`u32` count, each string + `u16` bits), clusters (`u32` count,
//! each string + 3 × `u16`).

use crate::features::{Clusters, Resources, LEVELS};
use crate::lexicon::Lexicon;
use crate::NerError;
use std::io::{Read, Write};

/// The file's magic bytes.
pub const MAGIC: &[u8; 8] = b"MRSDNER\0";
/// The format version this build reads and writes.
pub const VERSION: u32 = 1;

/// A trained sequence labeler.
#[derive(Debug, Clone)]
pub struct Model {
    /// BIO labels; index 0 is `O`.
    pub labels: Vec<String>,
    /// log2 of the number of feature buckets.
    pub bits: u32,
    /// Emission weights, `bucket * labels.len() + label`.
    pub weights: Vec<f32>,
    /// Transition scores, `prev * labels.len() + cur`.
    pub trans: Vec<f32>,
    /// Scores of each label at the start of a sentence.
    pub start: Vec<f32>,
    /// Margin scale for confidences: confidence = sigmoid(margin / temperature).
    pub temperature: f32,
    /// Gazetteers and clusters.
    pub res: Resources,
    allowed: Vec<bool>,
    allowed_start: Vec<bool>,
}

/// BIO well-formedness: may `cur` follow `prev`?
fn allowed_pair(prev: Option<&str>, cur: &str) -> bool {
    match cur.strip_prefix("I-") {
        None => true,
        Some(t) => match prev {
            None => false,
            Some(p) => p.strip_prefix("B-") == Some(t) || p.strip_prefix("I-") == Some(t),
        },
    }
}

impl Model {
    /// A zero model over `labels` (index 0 must be `O`).
    pub fn new(labels: Vec<String>, bits: u32, res: Resources) -> Model {
        let l = labels.len();
        let mut m = Model {
            weights: vec![0.0; (1usize << bits) * l],
            trans: vec![0.0; l * l],
            start: vec![0.0; l],
            temperature: 1.0,
            labels,
            bits,
            res,
            allowed: Vec::new(),
            allowed_start: Vec::new(),
        };
        m.build_constraints();
        m
    }

    fn build_constraints(&mut self) {
        let l = self.labels.len();
        self.allowed = (0..l * l)
            .map(|k| allowed_pair(Some(&self.labels[k / l]), &self.labels[k % l]))
            .collect();
        self.allowed_start = self.labels.iter().map(|c| allowed_pair(None, c)).collect();
    }

    /// Bucket mask for feature hashes.
    #[inline]
    pub fn mask(&self) -> u64 {
        (1u64 << self.bits) - 1
    }

    /// Emission scores of every position (`n × labels`), from bucket indices.
    pub fn emissions(&self, rows: &[u32], offsets: &[usize], out: &mut Vec<f32>) {
        let l = self.labels.len();
        let n = offsets.len().saturating_sub(1);
        out.clear();
        out.resize(n * l, 0.0);
        for i in 0..n {
            let e = &mut out[i * l..(i + 1) * l];
            for &r in &rows[offsets[i]..offsets[i + 1]] {
                let w = &self.weights[r as usize * l..r as usize * l + l];
                for (a, b) in e.iter_mut().zip(w) {
                    *a += *b;
                }
            }
        }
    }

    /// Best label sequence under BIO constraints.
    pub fn viterbi(&self, em: &[f32], n: usize) -> Vec<usize> {
        self.decode(em, n, false).0
    }

    /// Best label sequence and, for each position, the margin between the
    /// best path and the best path that gives that position another label
    /// (max-marginals from a forward and a backward Viterbi pass).
    pub fn decode(&self, em: &[f32], n: usize, margins: bool) -> (Vec<usize>, Vec<f32>) {
        let l = self.labels.len();
        if n == 0 {
            return (Vec::new(), Vec::new());
        }
        const NEG: f32 = f32::NEG_INFINITY;
        let mut alpha = vec![NEG; n * l];
        let mut back = vec![0u8; n * l];
        for c in 0..l {
            if self.allowed_start[c] {
                alpha[c] = self.start[c] + em[c];
            }
        }
        for i in 1..n {
            for c in 0..l {
                let mut best = NEG;
                let mut arg = 0usize;
                for p in 0..l {
                    if !self.allowed[p * l + c] {
                        continue;
                    }
                    let s = alpha[(i - 1) * l + p] + self.trans[p * l + c];
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
                alpha[i * l + c] = best + em[i * l + c];
                back[i * l + c] = arg as u8;
            }
        }
        let mut path = vec![0usize; n];
        let mut best = NEG;
        for c in 0..l {
            if alpha[(n - 1) * l + c] > best {
                best = alpha[(n - 1) * l + c];
                path[n - 1] = c;
            }
        }
        for i in (1..n).rev() {
            path[i - 1] = back[i * l + path[i]] as usize;
        }
        if !margins {
            return (path, Vec::new());
        }
        // beta[i][c]: best score of positions after i given label c at i
        let mut beta = vec![NEG; n * l];
        for c in 0..l {
            beta[(n - 1) * l + c] = 0.0;
        }
        for i in (0..n - 1).rev() {
            for c in 0..l {
                let mut b = NEG;
                for d in 0..l {
                    if !self.allowed[c * l + d] {
                        continue;
                    }
                    let s = self.trans[c * l + d] + em[(i + 1) * l + d] + beta[(i + 1) * l + d];
                    if s > b {
                        b = s;
                    }
                }
                beta[i * l + c] = b;
            }
        }
        let mut m = vec![0f32; n];
        for i in 0..n {
            let mut other = NEG;
            for c in 0..l {
                if c != path[i] {
                    other = other.max(alpha[i * l + c] + beta[i * l + c]);
                }
            }
            m[i] = if other == NEG { f32::INFINITY } else { best - other };
        }
        (path, m)
    }

    /// Serializes the model (see the module docs for the format).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::new();
        put_u32(&mut b, self.labels.len() as u32);
        for s in &self.labels {
            put_str(&mut b, s);
        }
        put_u32(&mut b, self.bits);
        b.extend_from_slice(&self.temperature.to_le_bytes());
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        b.extend_from_slice(&scale.to_le_bytes());
        for w in &self.weights {
            let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
            b.extend_from_slice(&q.to_le_bytes());
        }
        for w in self.trans.iter().chain(&self.start) {
            b.extend_from_slice(&w.to_le_bytes());
        }
        let lex = self.res.lexicon.entries();
        put_u32(&mut b, lex.len() as u32);
        for (k, v) in lex {
            put_str(&mut b, k);
            b.extend_from_slice(&v.to_le_bytes());
        }
        let mut cl: Vec<(&String, &[u16; LEVELS])> = self.res.clusters.map.iter().collect();
        cl.sort_unstable();
        put_u32(&mut b, cl.len() as u32);
        for (k, v) in cl {
            put_str(&mut b, k);
            for x in v {
                b.extend_from_slice(&x.to_le_bytes());
            }
        }
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        let mut gz = flate2::write::GzEncoder::new(out, flate2::Compression::best());
        // writing into a Vec cannot fail
        let _ = gz.write_all(&b);
        gz.finish().unwrap_or_default()
    }

    /// Reads a model; `name` (a path) is used in error messages.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Model, NerError> {
        let err = |detail: String| NerError::Model {
            path: name.to_string(),
            detail,
        };
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err(err("not a Marsad NER model (bad magic); build one with `marsad train ner`".into()));
        }
        let v = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if v != VERSION {
            return Err(err(format!(
                "model format version {v}, this build reads version {VERSION}; retrain with `marsad train ner`"
            )));
        }
        let mut body = Vec::new();
        flate2::read::GzDecoder::new(&bytes[12..])
            .read_to_end(&mut body)
            .map_err(|e| err(format!("corrupt model ({e}); retrain with `marsad train ner`")))?;
        let mut r = Reader { b: &body, pos: 0 };
        let trunc = || err("truncated model; retrain with `marsad train ner`".into());
        let nl = r.u32().ok_or_else(trunc)? as usize;
        if nl == 0 || nl > 64 {
            return Err(err(format!("implausible label count {nl}")));
        }
        let mut labels = Vec::with_capacity(nl);
        for _ in 0..nl {
            labels.push(r.str().ok_or_else(trunc)?);
        }
        let bits = r.u32().ok_or_else(trunc)?;
        if !(8..=26).contains(&bits) {
            return Err(err(format!("implausible hash size 2^{bits}")));
        }
        let temperature = r.f32().ok_or_else(trunc)?;
        let scale = r.f32().ok_or_else(trunc)?;
        let nw = (1usize << bits) * nl;
        let raw = r.take(nw * 2).ok_or_else(trunc)?;
        let weights: Vec<f32> = raw
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]) as f32 * scale)
            .collect();
        let mut trans = Vec::with_capacity(nl * nl);
        for _ in 0..nl * nl {
            trans.push(r.f32().ok_or_else(trunc)?);
        }
        let mut start = Vec::with_capacity(nl);
        for _ in 0..nl {
            start.push(r.f32().ok_or_else(trunc)?);
        }
        let n = r.u32().ok_or_else(trunc)? as usize;
        let mut entries = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let k = r.str().ok_or_else(trunc)?;
            let v = r.u16().ok_or_else(trunc)?;
            entries.push((k, v));
        }
        let n = r.u32().ok_or_else(trunc)? as usize;
        let mut clusters = Clusters::default();
        for _ in 0..n {
            let k = r.str().ok_or_else(trunc)?;
            let mut ids = [0u16; LEVELS];
            for id in ids.iter_mut() {
                *id = r.u16().ok_or_else(trunc)?;
            }
            clusters.map.insert(k, ids);
        }
        if labels.first().map(String::as_str) != Some("O") {
            return Err(err("first label must be O".into()));
        }
        let mut m = Model {
            labels,
            bits,
            weights,
            trans,
            start,
            temperature,
            res: Resources {
                lexicon: Lexicon::from_entries(entries),
                clusters,
            },
            allowed: Vec::new(),
            allowed_start: Vec::new(),
        };
        m.build_constraints();
        Ok(m)
    }
}

fn put_u32(b: &mut Vec<u8>, v: u32) {
    b.extend_from_slice(&v.to_le_bytes());
}

fn put_str(b: &mut Vec<u8>, s: &str) {
    put_u32(b, s.len() as u32);
    b.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.b.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|s| u16::from_le_bytes([s[0], s[1]]))
    }
    fn f32(&mut self) -> Option<f32> {
        self.take(4).map(|s| f32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).ok()
    }
}

//! The model: label set, hashed emission weights, label transitions and the
//! resources its features read; Viterbi decoding; the binary file format.
//!
//! File format (version 2): the 8 bytes `MRSDNER\0`, a little-endian `u32`
//! version, then a gzip stream holding, little-endian:
//! labels (`u32` count, each `u32` length + UTF-8), hash bits (`u32`),
//! temperature (`f32`), weight scale (`f32`), the number of non-zero weight
//! rows (`u32`), their feature buckets (`u32` each), their weights as `i16`
//! (labels per row; weight = q × scale),
//! transitions (`f32`, labels × labels, then labels start scores),
//! lexicon (`u32` count, each string + `u16` bits), clusters (`u32` count,
//! each string + 3 × `u16`), then `1` and a second stage's labels, weights
//! and transitions as above, or `0`.

use crate::features::{Clusters, Resources, LEVELS};
use crate::lexicon::Lexicon;
use crate::NerError;
use std::io::{Read, Write};

/// The file's magic bytes.
pub const MAGIC: &[u8; 8] = b"MRSDNER\0";
/// The format version this build reads and writes.
pub const VERSION: u32 = 3;

/// A trained sequence labeler.
#[derive(Debug, Clone)]
pub struct Model {
    /// BIO labels; index 0 is `O`.
    pub labels: Vec<String>,
    /// log2 of the number of feature buckets.
    pub bits: u32,
    /// Emission weights, `row * labels.len() + label`; the row of a bucket is
    /// the bucket itself for a dense (training) model, or found through
    /// `index` for a loaded one, which keeps only non-zero rows.
    pub weights: Vec<f32>,
    /// A loaded model's weights: non-zero rows packed with their buckets
    /// (then `weights` is empty).
    pub packed: Option<Packed>,
    /// Transition scores, `prev * labels.len() + cur`.
    pub trans: Vec<f32>,
    /// Scores of each label at the start of a sentence.
    pub start: Vec<f32>,
    /// Margin scale for confidences: confidence = sigmoid(margin / temperature).
    pub temperature: f32,
    /// Gazetteers and clusters.
    pub res: Resources,
    /// The second stage, which also reads this stage's labels over the
    /// whole document (its `res` is unused: features read this model's).
    pub next: Option<Box<Model>>,
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
            packed: None,
            trans: vec![0.0; l * l],
            start: vec![0.0; l],
            temperature: 1.0,
            labels,
            bits,
            res,
            next: None,
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
            let fs = &rows[offsets[i]..offsets[i + 1]];
            match &self.packed {
                None => {
                    for &r in fs {
                        let r = r as usize;
                        let w = &self.weights[r * l..r * l + l];
                        for (a, b) in e.iter_mut().zip(w) {
                            *a += *b;
                        }
                    }
                }
                Some(p) => {
                    let mut acc = [0i32; 64];
                    for &b in fs {
                        if let Some(w) = p.get(b) {
                            for (a, &q) in acc.iter_mut().zip(w) {
                                *a += q as i16 as i32;
                            }
                        }
                    }
                    for (a, q) in e.iter_mut().zip(acc) {
                        *a = q as f32 * p.scale;
                    }
                }
            }
        }
    }

    /// Posterior marginals of a linear-chain CRF whose scores are `em`
    /// (`n × labels`), the transitions and the start scores, under the BIO
    /// constraints (forward-backward in log space). `node[i * l + c]`
    /// receives P(label c at i); `edge[p * l + c]` the expected number of
    /// p → c transitions; `first[c]` P(label c at 0). Returns log Z.
    pub fn marginals(
        &self,
        em: &[f32],
        n: usize,
        node: &mut Vec<f32>,
        edge: &mut [f32],
        first: &mut [f32],
    ) -> f32 {
        let l = self.labels.len();
        node.clear();
        node.resize(n * l, 0.0);
        edge.iter_mut().for_each(|x| *x = 0.0);
        first.iter_mut().for_each(|x| *x = 0.0);
        if n == 0 {
            return 0.0;
        }
        const NEG: f32 = f32::NEG_INFINITY;
        fn lse(xs: impl Iterator<Item = f32> + Clone) -> f32 {
            let m = xs.clone().fold(f32::NEG_INFINITY, f32::max);
            if m == f32::NEG_INFINITY {
                return m;
            }
            m + xs.map(|x| (x - m).exp()).sum::<f32>().ln()
        }
        let tr = |p: usize, c: usize| {
            if self.allowed[p * l + c] {
                self.trans[p * l + c]
            } else {
                NEG
            }
        };
        let mut alpha = vec![NEG; n * l];
        let mut beta = vec![NEG; n * l];
        for c in 0..l {
            if self.allowed_start[c] {
                alpha[c] = self.start[c] + em[c];
            }
        }
        for i in 1..n {
            for c in 0..l {
                let s = lse((0..l).map(|p| alpha[(i - 1) * l + p] + tr(p, c)));
                alpha[i * l + c] = s + em[i * l + c];
            }
        }
        for c in 0..l {
            beta[(n - 1) * l + c] = 0.0;
        }
        for i in (0..n - 1).rev() {
            for p in 0..l {
                beta[i * l + p] =
                    lse((0..l).map(|c| tr(p, c) + em[(i + 1) * l + c] + beta[(i + 1) * l + c]));
            }
        }
        let z = lse((0..l).map(|c| alpha[(n - 1) * l + c]));
        if !z.is_finite() {
            return z;
        }
        for i in 0..n {
            for c in 0..l {
                node[i * l + c] = (alpha[i * l + c] + beta[i * l + c] - z).exp();
            }
        }
        first.copy_from_slice(&node[..l]);
        for i in 1..n {
            for p in 0..l {
                let a = alpha[(i - 1) * l + p];
                if a == NEG {
                    continue;
                }
                for c in 0..l {
                    let t = tr(p, c);
                    if t == NEG {
                        continue;
                    }
                    edge[p * l + c] += (a + t + em[i * l + c] + beta[i * l + c] - z).exp();
                }
            }
        }
        z
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
        // transitions with the forbidden ones at -inf, so that the inner
        // loop has no branch on the constraints (a -inf sum never beats the
        // running best, as a skipped one would not). Up to 16 labels, the
        // loop runs over the previous label outside and all 16 (padded)
        // current labels inside, which vectorizes; ties keep the lowest
        // previous label, as before.
        const W: usize = 16;
        if l <= W {
            let mut tp = [[NEG; W]; W];
            for (p, row) in tp.iter_mut().enumerate().take(l) {
                for (c, t) in row.iter_mut().enumerate().take(l) {
                    if self.allowed[p * l + c] {
                        *t = self.trans[p * l + c];
                    }
                }
            }
            for i in 1..n {
                let mut best = [NEG; W];
                let mut arg = [0u8; W];
                for (p, row) in tp.iter().enumerate().take(l) {
                    let a = alpha[(i - 1) * l + p];
                    for c in 0..W {
                        let s = a + row[c];
                        if s > best[c] {
                            best[c] = s;
                            arg[c] = p as u8;
                        }
                    }
                }
                for c in 0..l {
                    alpha[i * l + c] = best[c] + em[i * l + c];
                    back[i * l + c] = arg[c];
                }
            }
        } else {
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
            m[i] = if other == NEG {
                f32::INFINITY
            } else {
                best - other
            };
        }
        (path, m)
    }

    /// `(bucket, weights)` of every row, by bucket.
    fn row_weights(&self) -> Vec<(u32, Vec<f32>)> {
        let l = self.labels.len();
        match &self.packed {
            None => (0..self.weights.len() / l)
                .map(|r| (r as u32, self.weights[r * l..r * l + l].to_vec()))
                .collect(),
            Some(p) => {
                let mut v: Vec<(u32, Vec<f32>)> = p
                    .iter()
                    .map(|(b, w)| (b, w.iter().map(|&q| q as i16 as f32 * p.scale).collect()))
                    .collect();
                v.sort_unstable_by_key(|x| x.0);
                v
            }
        }
    }

    /// Writes labels, weights and transitions (not the resources).
    fn write_core(&self, b: &mut Vec<u8>) {
        put_u32(b, self.labels.len() as u32);
        for s in &self.labels {
            put_str(b, s);
        }
        put_u32(b, self.bits);
        b.extend_from_slice(&self.temperature.to_le_bytes());
        let all = self.row_weights();
        let max = all
            .iter()
            .flat_map(|r| r.1.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        b.extend_from_slice(&scale.to_le_bytes());
        let quant = |w: f32| (w / scale).round().clamp(-32767.0, 32767.0) as i16;
        let rows: Vec<&(u32, Vec<f32>)> = all
            .iter()
            .filter(|r| r.1.iter().any(|&w| quant(w) != 0))
            .collect();
        put_u32(b, rows.len() as u32);
        for r in &rows {
            put_u32(b, r.0);
        }
        for r in &rows {
            for &w in &r.1 {
                b.extend_from_slice(&quant(w).to_le_bytes());
            }
        }
        for w in self.trans.iter().chain(&self.start) {
            b.extend_from_slice(&w.to_le_bytes());
        }
    }

    /// Serializes the model (see the module docs for the format).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::new();
        self.write_core(&mut b);
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
        match &self.next {
            Some(n) => {
                b.push(1);
                n.write_core(&mut b);
            }
            None => b.push(0),
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
            return Err(err(
                "not a Marsad NER model (bad magic); build one with `marsad train ner`".into(),
            ));
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
            .map_err(|e| {
                err(format!(
                    "corrupt model ({e}); retrain with `marsad train ner`"
                ))
            })?;
        let mut r = Reader { b: &body, pos: 0 };
        let trunc = || err("truncated model; retrain with `marsad train ner`".into());
        let mut m = Model::read_core(&mut r, &err)?;
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
        m.res = Resources {
            lexicon: Lexicon::from_entries(entries),
            clusters,
        };
        if r.take(1).ok_or_else(trunc)? == [1] {
            let mut next = Model::read_core(&mut r, &err)?;
            if next.labels != m.labels {
                return Err(err("the two stages disagree on labels".into()));
            }
            next.build_constraints();
            if next.bits == m.bits {
                // one table for both stages: a feature both read costs one
                // memory access
                if let (Some(a), Some(b)) = (&m.packed, &next.packed) {
                    let (ra, rb) = (a.raw_rows(), b.raw_rows());
                    let va: Vec<(u32, &[u8])> =
                        ra.iter().map(|(k, v)| (*k, v.as_slice())).collect();
                    let vb: Vec<(u32, &[u8])> =
                        rb.iter().map(|(k, v)| (*k, v.as_slice())).collect();
                    let mut v = Packed::build(&[&va, &vb], m.labels.len(), &[a.scale, b.scale]);
                    next.packed = v.pop();
                    m.packed = v.pop();
                }
            }
            m.next = Some(Box::new(next));
        }
        m.build_constraints();
        Ok(m)
    }

    fn read_core(r: &mut Reader, err: &dyn Fn(String) -> NerError) -> Result<Model, NerError> {
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
        let nrows = r.u32().ok_or_else(trunc)? as usize;
        if nrows > 1usize << bits {
            return Err(err(format!("implausible row count {nrows}")));
        }
        let mut buckets = Vec::with_capacity(nrows);
        for _ in 0..nrows {
            buckets.push(r.u32().ok_or_else(trunc)?);
        }
        let raw = r.take(nrows * nl * 2).ok_or_else(trunc)?;
        let rows: Vec<(u32, &[u8])> = buckets
            .iter()
            .enumerate()
            .map(|(k, &bucket)| (bucket, &raw[k * nl * 2..(k + 1) * nl * 2]))
            .collect();
        let packed = Packed::build(&[&rows], nl, &[scale]).pop();
        let mut trans = Vec::with_capacity(nl * nl);
        for _ in 0..nl * nl {
            trans.push(r.f32().ok_or_else(trunc)?);
        }
        let mut start = Vec::with_capacity(nl);
        for _ in 0..nl {
            start.push(r.f32().ok_or_else(trunc)?);
        }
        if labels.first().map(String::as_str) != Some("O") {
            return Err(err("first label must be O".into()));
        }
        Ok(Model {
            labels,
            bits,
            weights: Vec::new(),
            packed,
            trans,
            start,
            temperature,
            res: Resources::default(),
            next: None,
            allowed: Vec::new(),
            allowed_start: Vec::new(),
        })
    }
}

/// An open-addressing table from feature bucket to its quantized weight
/// row, key and row side by side (`[key lo, key hi, w0, w1, …]` as `u16`)
/// so that one feature costs one memory access. One table may hold the
/// rows of both stages side by side (`[key, stage 1 row, stage 2 row]`);
/// each stage then reads its columns through its own `Packed` (`col`), and
/// [`Packed::add_both`] sums both stages' rows with one look-up.
#[derive(Debug, Clone)]
pub struct Packed {
    table: std::sync::Arc<Vec<u16>>,
    stride: usize,
    mask: usize,
    /// First weight column of this view (after the two key cells).
    col: usize,
    /// Weights per row in this view (the labels).
    width: usize,
    /// Weight of one quantization step.
    pub scale: f32,
}

const EMPTY: u32 = u32::MAX;

impl Packed {
    /// Builds one table holding the rows of every part (`(bucket, little-endian
    /// i16 × width)`), the parts side by side, and returns a view per part.
    fn build(parts: &[&[(u32, &[u8])]], width: usize, scales: &[f32]) -> Vec<Packed> {
        let mut keys: Vec<u32> = parts
            .iter()
            .flat_map(|p| p.iter().map(|r| r.0))
            .filter(|&k| k != EMPTY)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let stride = 2 + width * parts.len();
        let mut table = vec![0u16; cap * stride];
        for i in 0..cap {
            table[i * stride] = 0xFFFF;
            table[i * stride + 1] = 0xFFFF;
        }
        let mask = cap - 1;
        let find = |table: &[u16], k: u32| -> usize {
            let mut i = Self::slot(k) & mask;
            loop {
                let key = table[i * stride] as u32 | (table[i * stride + 1] as u32) << 16;
                if key == k || key == EMPTY {
                    return i;
                }
                i = (i + 1) & mask;
            }
        };
        for (pi, part) in parts.iter().enumerate() {
            for &(k, row) in part.iter() {
                if k == EMPTY {
                    continue;
                }
                let i = find(&table, k);
                let s = i * stride;
                table[s] = k as u16;
                table[s + 1] = (k >> 16) as u16;
                for (j, c) in row.chunks_exact(2).take(width).enumerate() {
                    table[s + 2 + pi * width + j] = u16::from_le_bytes([c[0], c[1]]);
                }
            }
        }
        let table = std::sync::Arc::new(table);
        (0..parts.len())
            .map(|pi| Packed {
                table: table.clone(),
                stride,
                mask,
                col: 2 + pi * width,
                width,
                scale: scales.get(pi).copied().unwrap_or(1.0),
            })
            .collect()
    }
    /// This view's rows as `(bucket, little-endian bytes)`.
    fn raw_rows(&self) -> Vec<(u32, Vec<u8>)> {
        self.iter()
            .map(|(k, w)| (k, w.iter().flat_map(|q| q.to_le_bytes()).collect()))
            .collect()
    }
    #[inline]
    fn key(&self, i: usize) -> u32 {
        self.table[i * self.stride] as u32 | (self.table[i * self.stride + 1] as u32) << 16
    }
    #[inline]
    fn slot(k: u32) -> usize {
        (k as usize).wrapping_mul(0x9E37_79B9)
    }
    #[inline]
    fn prefetch(&self, hashes: &[u64], mask: u64) {
        // The table is tens of MB, so nearly every look-up misses the cache:
        // ask for all the slots first so that the misses overlap.
        #[cfg(target_arch = "x86_64")]
        for &h in hashes {
            let i = Self::slot((h & mask) as u32) & self.mask;
            // SAFETY: `_mm_prefetch` is a hint that never faults, and the
            // pointer is in bounds (`i <= mask`, the table has mask + 1 slots).
            unsafe {
                use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
                _mm_prefetch::<_MM_HINT_T0>(self.table.as_ptr().add(i * self.stride) as *const i8);
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = (hashes, mask);
    }
    /// The slot holding bucket `k`, if any.
    #[inline]
    fn find(&self, k: u32) -> Option<usize> {
        let mut i = Self::slot(k) & self.mask;
        loop {
            let key = self.key(i);
            if key == k {
                return Some(i * self.stride);
            }
            if key == EMPTY {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
    /// Adds the quantized weights of every feature hash (masked to a bucket
    /// with `mask`) into `acc`.
    #[inline]
    pub fn add(&self, hashes: &[u64], mask: u64, acc: &mut [i32]) {
        self.prefetch(hashes, mask);
        for &h in hashes {
            if let Some(w) = self.get((h & mask) as u32) {
                for (a, &q) in acc.iter_mut().zip(w) {
                    *a += q as i16 as i32;
                }
            }
        }
    }

    /// True when `other` reads the same table (the two stages of a model
    /// whose rows were joined).
    pub fn shares_table(&self, other: &Packed) -> bool {
        std::sync::Arc::ptr_eq(&self.table, &other.table) && self.col != other.col
    }

    /// Like [`Packed::add`] for this view into `acc` and, with the same
    /// look-ups, for `other` (a view of the same table, see
    /// [`Packed::shares_table`]) into `acc2`.
    #[inline]
    pub fn add_both(
        &self,
        other: &Packed,
        hashes: &[u64],
        mask: u64,
        acc: &mut [i32],
        acc2: &mut [i32],
    ) {
        self.prefetch(hashes, mask);
        for &h in hashes {
            if let Some(s) = self.find((h & mask) as u32) {
                let w = &self.table[s + self.col..s + self.col + self.width];
                for (a, &q) in acc.iter_mut().zip(w) {
                    *a += q as i16 as i32;
                }
                let w = &self.table[s + other.col..s + other.col + other.width];
                for (a, &q) in acc2.iter_mut().zip(w) {
                    *a += q as i16 as i32;
                }
            }
        }
    }

    /// The quantized weights (as `u16` bit patterns of `i16`) of bucket `k`.
    #[inline]
    pub fn get(&self, k: u32) -> Option<&[u16]> {
        self.find(k)
            .map(|s| &self.table[s + self.col..s + self.col + self.width])
    }
    fn iter(&self) -> impl Iterator<Item = (u32, &[u16])> + '_ {
        (0..=self.mask).filter(|&i| self.key(i) != EMPTY).map(|i| {
            (
                self.key(i),
                &self.table[i * self.stride + self.col..i * self.stride + self.col + self.width],
            )
        })
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
        self.take(4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|s| u16::from_le_bytes([s[0], s[1]]))
    }
    fn f32(&mut self) -> Option<f32> {
        self.take(4)
            .map(|s| f32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).ok()
    }
}

//! Distributional word classes from unlabeled text (`marsad train clusters`).
//!
//! Brown clustering is the classic choice but its exact algorithm is slow;
//! this module gets classes of the same use in a minute or two:
//!
//! 1. tokenize the corpus with the text layer ([`marsad_arabic::tokenize`]),
//!    normalize every token, keep the `vocab` most frequent Arabic words;
//! 2. count, for each of them, the `contexts` most frequent tokens at
//!    offsets −2, −1, +1, +2 (a dense `vocab × 4·contexts` count table);
//! 3. weight counts by positive PMI, project each row to `dims` dimensions
//!    with a fixed-seed Gaussian random projection, L2-normalize;
//! 4. spherical k-means at three granularities (`ks`), k-means++-free
//!    deterministic initialisation from evenly spaced frequent words.
//!
//! Output: `word<TAB>c1<TAB>c2<TAB>c3`, most frequent word first.

use crate::hash::FxMap;
use crate::hash::Rng;
use crate::NerError;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Settings of the cluster learner.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Number of words that get clusters (the most frequent Arabic words).
    pub vocab: usize,
    /// Number of context tokens (the most frequent tokens of any kind).
    pub contexts: usize,
    /// Dimensions of the random projection.
    pub dims: usize,
    /// Cluster counts, coarse to fine.
    pub ks: [usize; 3],
    /// k-means iterations.
    pub iters: usize,
    /// Minimum count for a word to get a cluster.
    pub min_count: u32,
    /// Seed.
    pub seed: u64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            vocab: 50_000,
            contexts: 600,
            dims: 128,
            ks: [64, 256, 1024],
            iters: 10,
            min_count: 5,
            seed: 0x636c_7573,
        }
    }
}

fn input_err(path: &Path, detail: String) -> NerError {
    NerError::Input {
        path: path.display().to_string(),
        line: 0,
        detail,
    }
}

fn texts_of_json(v: serde_json::Value, out: &mut dyn FnMut(&str)) {
    match v {
        serde_json::Value::Array(a) => {
            for x in a {
                texts_of_json(x, out)
            }
        }
        serde_json::Value::Object(o) => {
            for k in ["title", "content", "text"] {
                if let Some(serde_json::Value::String(s)) = o.get(k) {
                    out(s);
                }
            }
        }
        _ => {}
    }
}

fn read_one(
    path: &Path,
    name: &str,
    data: &str,
    out: &mut dyn FnMut(&str),
) -> Result<(), NerError> {
    if name.ends_with(".json") {
        let v: serde_json::Value = serde_json::from_str(data)
            .map_err(|e| input_err(path, format!("{name}: not JSON ({e})")))?;
        texts_of_json(v, out);
    } else if name.ends_with(".jsonl") {
        for line in data.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                texts_of_json(v, out);
            }
        }
    } else {
        out(data);
    }
    Ok(())
}

/// Calls `out` with every document text found in `paths`: directories
/// (recursively, sorted), zip archives of JSON / JSON Lines / text files,
/// JSON arrays of objects with `content` (or `text`, `title`), JSON Lines,
/// plain text.
pub fn read_corpus(paths: &[PathBuf], out: &mut dyn FnMut(&str)) -> Result<(), NerError> {
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| input_err(p, e.to_string()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|x| {
                    x.is_dir()
                        || x.extension().is_some_and(|e| {
                            matches!(e.to_str(), Some("zip" | "json" | "jsonl" | "txt"))
                        })
                })
                .collect();
            entries.sort();
            read_corpus(&entries, out)?;
            continue;
        }
        let name = p.display().to_string();
        if name.ends_with(".zip") {
            let f = std::fs::File::open(p).map_err(|e| input_err(p, e.to_string()))?;
            let mut z = zip::ZipArchive::new(f)
                .map_err(|e| input_err(p, format!("not a zip archive ({e})")))?;
            for i in 0..z.len() {
                let mut entry = z.by_index(i).map_err(|e| input_err(p, e.to_string()))?;
                if entry.is_dir() {
                    continue;
                }
                let inner = entry.name().to_string();
                let mut bytes = Vec::new();
                entry
                    .read_to_end(&mut bytes)
                    .map_err(|e| input_err(p, format!("{inner}: {e}")))?;
                read_one(p, &inner, &String::from_utf8_lossy(&bytes), out)?;
            }
        } else {
            let bytes = std::fs::read(p).map_err(|e| input_err(p, e.to_string()))?;
            read_one(p, &name, &String::from_utf8_lossy(&bytes), out)?;
        }
    }
    Ok(())
}

/// A source of document texts: called once with a sink for every text.
pub type DocSource<'a> = dyn FnMut(&mut dyn FnMut(&str)) -> Result<(), NerError> + 'a;

/// Learned clusters: words (most frequent first) with their three ids.
pub type ClusterTable = Vec<(String, [u16; 3])>;

/// Learns clusters from document texts. `log` receives progress lines.
pub fn learn(
    docs: &mut DocSource<'_>,
    opts: &ClusterOptions,
    log: &mut dyn FnMut(String),
) -> Result<ClusterTable, NerError> {
    // 1. token stream as ids; u32::MAX marks a document boundary
    let mut ids: FxMap<String, u32> = FxMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut arabic: Vec<bool> = Vec::new();
    let mut stream: Vec<u32> = Vec::new();
    let mut ndocs = 0usize;
    docs(&mut |text: &str| {
        ndocs += 1;
        for t in marsad_arabic::tokenize(text) {
            let w = t.text(text);
            let n = marsad_arabic::normalize_str(w);
            if n.is_empty() {
                continue;
            }
            let id = match ids.get(&n) {
                Some(&id) => id,
                None => {
                    let id = names.len() as u32;
                    arabic.push(t.kind == marsad_arabic::TokenKind::Arabic);
                    names.push(n.clone());
                    ids.insert(n, id);
                    id
                }
            };
            stream.push(id);
        }
        stream.push(u32::MAX);
    })?;
    log(format!(
        "read {ndocs} documents, {} tokens, {} types",
        stream.len() - ndocs,
        names.len()
    ));
    let mut counts = vec![0u32; names.len()];
    for &t in &stream {
        if t != u32::MAX {
            counts[t as usize] += 1;
        }
    }
    let mut by_freq: Vec<u32> = (0..names.len() as u32).collect();
    by_freq.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then(names[a as usize].cmp(&names[b as usize]))
    });
    let vocab: Vec<u32> = by_freq
        .iter()
        .copied()
        .filter(|&i| arabic[i as usize] && counts[i as usize] >= opts.min_count)
        .take(opts.vocab)
        .collect();
    let ctx: Vec<u32> = by_freq.iter().copied().take(opts.contexts).collect();
    let mut vrow = vec![u32::MAX; names.len()];
    for (r, &i) in vocab.iter().enumerate() {
        vrow[i as usize] = r as u32;
    }
    let mut ccol = vec![u32::MAX; names.len()];
    for (c, &i) in ctx.iter().enumerate() {
        ccol[i as usize] = c as u32;
    }
    // 2. co-occurrence counts at offsets -2, -1, +1, +2
    let nc = ctx.len();
    let width = 4 * nc;
    let nv = vocab.len();
    let mut table = vec![0u32; nv * width];
    let offs: [isize; 4] = [-2, -1, 1, 2];
    for (pos, &t) in stream.iter().enumerate() {
        if t == u32::MAX {
            continue;
        }
        let r = vrow[t as usize];
        if r == u32::MAX {
            continue;
        }
        for (k, &o) in offs.iter().enumerate() {
            let q = pos as isize + o;
            if q < 0 || q as usize >= stream.len() {
                continue;
            }
            // do not look across a document boundary
            let (lo, hi) = if o < 0 {
                (q as usize, pos)
            } else {
                (pos, q as usize)
            };
            if stream[lo..=hi].contains(&u32::MAX) {
                continue;
            }
            let c = ccol[stream[q as usize] as usize];
            if c != u32::MAX {
                table[r as usize * width + k * nc + c as usize] += 1;
            }
        }
    }
    drop(stream);
    log(format!(
        "counted contexts of {nv} words over {nc} context tokens"
    ));
    // 3. PPMI and random projection
    let mut col_sum = vec![0f64; width];
    let mut total = 0f64;
    let mut row_sum = vec![0f64; nv];
    for r in 0..nv {
        for j in 0..width {
            let v = table[r * width + j] as f64;
            col_sum[j] += v;
            row_sum[r] += v;
            total += v;
        }
    }
    let d = opts.dims;
    let mut rng = Rng::new(opts.seed);
    let proj: Vec<f32> = (0..width * d)
        .map(|_| {
            // Box–Muller
            let u1 = rng.unit().max(1e-7);
            let u2 = rng.unit();
            (-2.0 * u1.ln()).sqrt() * (2.0 * std::f32::consts::PI * u2).cos()
        })
        .collect();
    let mut vecs = vec![0f32; nv * d];
    for r in 0..nv {
        let out = &mut vecs[r * d..(r + 1) * d];
        for j in 0..width {
            let v = table[r * width + j];
            if v == 0 {
                continue;
            }
            // context-distribution smoothing (cs^0.75) as in Levy et al. 2015
            let pmi =
                ((v as f64 * total) / (row_sum[r] * col_sum[j].powf(0.75) * total.powf(0.25))).ln();
            if pmi <= 0.0 {
                continue;
            }
            let w = pmi as f32;
            for (o, p) in out.iter_mut().zip(&proj[j * d..(j + 1) * d]) {
                *o += w * p;
            }
        }
        let norm = out.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            out.iter_mut().for_each(|x| *x /= norm);
        }
    }
    drop(table);
    log("projected PPMI vectors".to_string());
    // 4. spherical k-means per granularity
    let mut assign = vec![[0u16; 3]; nv];
    for (level, &k) in opts.ks.iter().enumerate() {
        let k = k.min(nv.max(1)).min(u16::MAX as usize);
        let a = kmeans(&vecs, nv, d, k, opts.iters);
        for (r, c) in a.into_iter().enumerate() {
            assign[r][level] = c;
        }
        log(format!("k-means k={k} done"));
    }
    Ok(vocab
        .iter()
        .enumerate()
        .map(|(r, &i)| (names[i as usize].clone(), assign[r]))
        .collect())
}

/// Dot product with eight independent accumulators so that it vectorizes.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s: f32 = acc.iter().sum();
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

fn kmeans(x: &[f32], n: usize, d: usize, k: usize, iters: usize) -> Vec<u16> {
    if n == 0 || k == 0 {
        return vec![0; n];
    }
    // deterministic init: evenly spaced rows of the frequency-sorted vocabulary
    let mut cent: Vec<f32> = (0..k)
        .flat_map(|c| {
            let r = c * n / k;
            x[r * d..(r + 1) * d].to_vec()
        })
        .collect();
    let mut assign = vec![0u16; n];
    for _ in 0..iters {
        let mut changed = 0usize;
        for r in 0..n {
            let v = &x[r * d..(r + 1) * d];
            let mut best = (f32::NEG_INFINITY, 0usize);
            for c in 0..k {
                let s = dot(v, &cent[c * d..(c + 1) * d]);
                if s > best.0 {
                    best = (s, c);
                }
            }
            if assign[r] as usize != best.1 {
                changed += 1;
                assign[r] = best.1 as u16;
            }
        }
        let mut sum = vec![0f32; k * d];
        for r in 0..n {
            let c = assign[r] as usize;
            for (s, v) in sum[c * d..(c + 1) * d]
                .iter_mut()
                .zip(&x[r * d..(r + 1) * d])
            {
                *s += v;
            }
        }
        for c in 0..k {
            let s = &mut sum[c * d..(c + 1) * d];
            let norm = s.iter().map(|v| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                s.iter_mut().for_each(|v| *v /= norm);
                cent[c * d..(c + 1) * d].copy_from_slice(s);
            }
        }
        if changed == 0 {
            break;
        }
    }
    assign
}

/// Writes a cluster table in the text format [`crate::features::Clusters::parse`] reads.
pub fn to_text(table: &ClusterTable) -> String {
    let mut s = String::with_capacity(table.len() * 24);
    for (w, c) in table {
        s.push_str(&format!("{w}\t{}\t{}\t{}\n", c[0], c[1], c[2]));
    }
    s
}

//! Training: an averaged structured perceptron over first-order label
//! sequences (Collins 2002), decoded with constrained Viterbi.
//!
//! Deterministic: sentences are visited in an order drawn from a fixed-seed
//! generator, and everything else is sequential arithmetic.

use crate::conll::Sentence;
use crate::features::{describe, extract, Resources};
use crate::hash::Rng;
use crate::model::Model;
use crate::score::score;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training data. With a dev set, the best pass's
    /// averaged weights are kept.
    pub epochs: usize,
    /// log2 of the number of hashed feature buckets.
    pub bits: u32,
    /// Seed of the visiting order.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            bits: 20,
            seed: 0x6d61_7273_6164,
        }
    }
}

/// A sentence ready for training: bucket rows per position and gold labels.
struct Prepared {
    rows: Vec<u32>,
    offsets: Vec<usize>,
    gold: Vec<usize>,
}

fn prepare(model: &Model, s: &Sentence, label_of: &dyn Fn(&str) -> usize) -> Prepared {
    let words = describe(&s.tokens, &model.res);
    let mut hashes = Vec::new();
    let mut offsets = Vec::new();
    extract(&words, &model.res, &mut hashes, &mut offsets);
    let mask = model.mask();
    Prepared {
        rows: hashes.iter().map(|h| (h & mask) as u32).collect(),
        offsets,
        gold: s.tags.iter().map(|t| label_of(t)).collect(),
    }
}

/// The label set of some sentences: `O`, then `B-`/`I-` of each type, sorted.
pub fn label_set(sents: &[Sentence]) -> Vec<String> {
    let mut types: Vec<&str> = sents
        .iter()
        .flat_map(|s| s.tags.iter())
        .filter_map(|t| t.get(2..).filter(|_| t != "O"))
        .collect();
    types.sort_unstable();
    types.dedup();
    let mut labels = vec!["O".to_string()];
    for t in types {
        labels.push(format!("B-{t}"));
        labels.push(format!("I-{t}"));
    }
    labels
}

/// Progress of one epoch.
#[derive(Debug, Clone)]
pub struct EpochReport {
    /// Epoch number (1-based).
    pub epoch: usize,
    /// Sentences whose prediction was wrong during the pass.
    pub mistakes: usize,
    /// Dev micro F1 of the averaged weights, when a dev set was given.
    pub dev_f1: Option<f64>,
}

/// Trains a model. `log` receives one report per epoch.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    res: Resources,
    opts: &TrainOptions,
    log: &mut dyn FnMut(&EpochReport),
) -> Model {
    let labels = label_set(train);
    let l = labels.len();
    let mut model = Model::new(labels.clone(), opts.bits, res);
    let label_of = |t: &str| labels.iter().position(|x| x == t).unwrap_or(0);
    let data: Vec<Prepared> = train
        .iter()
        .filter(|s| !s.tokens.is_empty())
        .map(|s| prepare(&model, s, &label_of))
        .collect();
    let dev_data: Vec<Prepared> = dev.iter().map(|s| prepare(&model, s, &label_of)).collect();
    // averaging: avg = w - acc / c, acc accumulating c × each update
    let nw = model.weights.len();
    let mut acc = vec![0f64; nw];
    let mut acc_t = vec![0f64; l * l + l];
    let mut c: f64 = 1.0;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(opts.seed);
    let mut em = Vec::new();
    let mut best: Option<(f64, Model)> = None;
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        let mut mistakes = 0;
        for &k in &order {
            let s = &data[k];
            let n = s.gold.len();
            model.emissions(&s.rows, &s.offsets, &mut em);
            let pred = model.viterbi(&em, n);
            if pred != s.gold {
                mistakes += 1;
                for i in 0..n {
                    let (g, p) = (s.gold[i], pred[i]);
                    if g != p {
                        for &r in &s.rows[s.offsets[i]..s.offsets[i + 1]] {
                            let base = r as usize * l;
                            model.weights[base + g] += 1.0;
                            model.weights[base + p] -= 1.0;
                            acc[base + g] += c;
                            acc[base + p] -= c;
                        }
                    }
                    let (gi, pi) = if i == 0 {
                        (l * l + g, l * l + p)
                    } else {
                        (s.gold[i - 1] * l + g, pred[i - 1] * l + p)
                    };
                    if gi != pi {
                        bump(&mut model, gi, 1.0);
                        bump(&mut model, pi, -1.0);
                        acc_t[gi] += c;
                        acc_t[pi] -= c;
                    }
                }
            }
            c += 1.0;
        }
        let averaged = average(&model, &acc, &acc_t, c);
        let dev_f1 = if dev_data.is_empty() {
            None
        } else {
            Some(evaluate(&averaged, &dev_data))
        };
        log(&EpochReport {
            epoch,
            mistakes,
            dev_f1,
        });
        match (dev_f1, &best) {
            (Some(f), Some((bf, _))) if f <= *bf => {}
            (Some(f), _) => best = Some((f, averaged)),
            (None, _) => best = Some((0.0, averaged)),
        }
    }
    let mut out = match best {
        Some((_, m)) => m,
        None => model,
    };
    let cal = if dev_data.is_empty() { &data } else { &dev_data };
    out.temperature = calibrate(&out, cal);
    out
}

fn bump(model: &mut Model, idx: usize, d: f32) {
    let l = model.labels.len();
    if idx < l * l {
        model.trans[idx] += d;
    } else {
        model.start[idx - l * l] += d;
    }
}

fn average(model: &Model, acc: &[f64], acc_t: &[f64], c: f64) -> Model {
    let mut m = model.clone();
    for (w, a) in m.weights.iter_mut().zip(acc) {
        *w = (*w as f64 - a / c) as f32;
    }
    let l = m.labels.len();
    for (i, a) in acc_t.iter().enumerate() {
        if i < l * l {
            m.trans[i] = (m.trans[i] as f64 - a / c) as f32;
        } else {
            m.start[i - l * l] = (m.start[i - l * l] as f64 - a / c) as f32;
        }
    }
    m
}

fn evaluate(model: &Model, data: &[Prepared]) -> f64 {
    let mut em = Vec::new();
    let mut gold = Vec::new();
    let mut pred = Vec::new();
    for s in data {
        model.emissions(&s.rows, &s.offsets, &mut em);
        let p = model.viterbi(&em, s.gold.len());
        gold.push(s.gold.iter().map(|&g| model.labels[g].as_str()).collect::<Vec<_>>());
        pred.push(p.iter().map(|&g| model.labels[g].as_str()).collect::<Vec<_>>());
    }
    score(&gold, &pred).f1
}

/// Picks the temperature that makes sigmoid(margin / T) the best
/// (log-loss) estimate of "this token's label is right" on `data`.
fn calibrate(model: &Model, data: &[Prepared]) -> f32 {
    let mut em = Vec::new();
    let mut obs: Vec<(f32, bool)> = Vec::new();
    for s in data.iter().take(2000) {
        model.emissions(&s.rows, &s.offsets, &mut em);
        let (p, m) = model.decode(&em, s.gold.len(), true);
        for i in 0..p.len() {
            if p[i] != 0 || s.gold[i] != 0 {
                obs.push((m[i].min(1e4), p[i] == s.gold[i]));
            }
        }
    }
    let mut best = (f64::INFINITY, 1.0f32);
    let mut t = 0.05f32;
    while t < 1000.0 {
        let mut loss = 0.0f64;
        for &(m, ok) in &obs {
            let q = (1.0 / (1.0 + (-(m / t) as f64).exp())).clamp(1e-6, 1.0 - 1e-6);
            loss -= if ok { q.ln() } else { (1.0 - q).ln() };
        }
        if loss < best.0 {
            best = (loss, t);
        }
        t *= 1.25;
    }
    best.1
}

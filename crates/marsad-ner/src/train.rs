//! Training: an averaged structured perceptron over first-order label
//! sequences (Collins 2002), decoded with constrained Viterbi.
//!
//! Deterministic: sentences are visited in an order drawn from a fixed-seed
//! generator, and everything else is sequential arithmetic.

use crate::conll::Sentence;
use crate::features::{describe, extract, extract_stage2, hints, Hint, Resources, WordInfo};
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
    /// Folds of the jackknife that gives the second (document-level) stage
    /// its training input; below 2, a single-stage model is trained.
    pub folds: usize,
    /// Cost-augmented training: the margin (in update units) a wrong label
    /// must lose by at each token before no update happens (0: plain
    /// perceptron).
    pub cost: f32,
    /// Visits per epoch of each in-domain (news, domain 0) sentence; the
    /// out-of-domain ones (WikiFANE) are visited once.
    pub repeat: usize,
    /// Objective: 0 for the (cost-augmented) perceptron; above 0, a
    /// linear-chain CRF (softmax-margin when `cost > 0`) trained by
    /// averaged SGD with this learning rate.
    pub crf_lr: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 9,
            bits: 20,
            seed: 0x6d61_7273_6164,
            folds: 5,
            cost: 0.0,
            repeat: 1,
            crf_lr: 0.0,
        }
    }
}

/// A sentence ready for training: bucket rows per position and gold labels.
struct Prepared {
    rows: Vec<u32>,
    offsets: Vec<usize>,
    gold: Vec<usize>,
}

/// Sentences per side whose first-stage labels inform the second stage.
pub const WINDOW: usize = 20;

/// The type index of each label (`None` for O): labels are O, B-T0, I-T0, B-T1, …
pub fn type_of(labels: &[String]) -> Vec<Option<u8>> {
    (0..labels.len())
        .map(|l| {
            if l == 0 {
                None
            } else {
                Some(((l - 1) / 2) as u8)
            }
        })
        .collect()
}

fn prepare(
    model: &Model,
    res: &Resources,
    words: &[WordInfo],
    s: &Sentence,
    stage2: Option<&[Hint]>,
    label_of: &dyn Fn(&str) -> usize,
) -> Prepared {
    let mut hashes = Vec::new();
    let mut offsets = Vec::new();
    match stage2 {
        None => extract(words, res, &mut hashes, &mut offsets),
        // the second stage sees all sentence features plus the hints (a
        // residual stage over hints alone, added to the first stage's
        // scores, measured 3 points lower on dev)
        Some(h) => extract_stage2(words, res, h, &mut hashes, &mut offsets),
    }
    if s.domain != 0 && s.domain != crate::conll::SHARED_ONCE {
        // frustratingly easy domain adaptation (Daumé 2007), one-sided: an
        // out-of-domain sentence fires each feature twice, as itself and as
        // a domain-specific copy that soaks up what holds only there; news
        // text (and tagging) fires only the shared features.
        let mut aug = Vec::with_capacity(hashes.len() * 2);
        let mut aoff = vec![0];
        for i in 0..offsets.len() - 1 {
            for &h in &hashes[offsets[i]..offsets[i + 1]] {
                aug.push(h);
                aug.push(crate::hash::pair(h, 0xd0_0a1e + s.domain as u64));
            }
            aoff.push(aug.len());
        }
        hashes = aug;
        offsets = aoff;
    }
    let mask = model.mask();
    Prepared {
        rows: hashes.iter().map(|h| (h & mask) as u32).collect(),
        offsets,
        gold: s.tags.iter().map(|t| label_of(t)).collect(),
    }
}

impl Prepared {
    fn emissions(&self, model: &Model, em: &mut Vec<f32>) {
        model.emissions(&self.rows, &self.offsets, em);
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

/// First-stage labels of sentences (each sentence alone).
fn predict(model: &Model, res: &Resources, words: &[Vec<WordInfo>]) -> Vec<Vec<usize>> {
    let mut hashes = Vec::new();
    let mut offsets = Vec::new();
    let mask = model.mask();
    words
        .iter()
        .map(|w| {
            let mut em = Vec::new();
            extract(w, res, &mut hashes, &mut offsets);
            let rows: Vec<u32> = hashes.iter().map(|h| (h & mask) as u32).collect();
            model.emissions(&rows, &offsets, &mut em);
            model.viterbi(&em, w.len())
        })
        .collect()
}

/// The fold of each sentence: `k` contiguous blocks within each domain
/// (the news sentences and the WikiFANE ones are each cut into `k` parts,
/// so every fold holds news text: one block over all sentences would put
/// all the news in the first fold).
pub fn folds_by_domain(sents: &[Sentence], k: usize) -> Vec<usize> {
    let k = k.max(1);
    let mut total = [0usize; 256];
    for s in sents {
        total[s.domain as usize] += 1;
    }
    let mut seen = [0usize; 256];
    sents
        .iter()
        .map(|s| {
            let d = s.domain as usize;
            let f = seen[d] * k / total[d];
            seen[d] += 1;
            f
        })
        .collect()
}

/// Trains a model: a first stage on sentence features, then, unless
/// `opts.folds < 2`, a second stage that also sees the first stage's labels
/// over the surrounding sentences ([`WINDOW`]), trained on jackknifed
/// first-stage output so that it learns how far to trust it. `log`
/// receives one report per epoch.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    res: Resources,
    opts: &TrainOptions,
    log: &mut dyn FnMut(&EpochReport),
) -> Model {
    let train: Vec<Sentence> = train
        .iter()
        .filter(|s| !s.tokens.is_empty())
        .cloned()
        .collect();
    let dev: Vec<Sentence> = dev
        .iter()
        .filter(|s| !s.tokens.is_empty())
        .cloned()
        .collect();
    let labels = label_set(&train);
    let nf = opts.folds.max(2);
    let fold = folds_by_domain(&train, nf);
    let tw: Vec<Vec<WordInfo>> = train.iter().map(|s| describe(&s.tokens, &res)).collect();
    let dw: Vec<Vec<WordInfo>> = dev.iter().map(|s| describe(&s.tokens, &res)).collect();
    let single = opts.folds < 2 || train.len() < opts.folds;
    // without a dev set the first stage's epoch count is fixed
    // (`opts.epochs`), so it needs nothing from the jackknife nor the
    // jackknife from it: it trains as one more job beside the folds (on
    // 2 threads, 6 jobs in 3 rounds instead of 1 + 3; the bytes are the
    // same, each job being deterministic on its own)
    let beside = !single && dev.is_empty();
    // an experiment's shortcut (`MARSAD_NER_STAGE1_CACHE=DIR`): the first
    // stage and the jackknife depend only on the sentence features, the
    // labels and the options, so a second-stage change re-trains only the
    // second stage (same bytes as without the cache)
    let cache = std::env::var_os("MARSAD_NER_STAGE1_CACHE")
        .filter(|_| beside)
        .map(|d| {
            std::path::PathBuf::from(d)
                .join(format!("{:016x}.s1", stage1_key(&train, &tw, &res, opts)))
        });
    if let Some(hit) = cache
        .as_deref()
        .and_then(|p| load_stage1(p, &labels, opts, train.len()))
    {
        let (first, cv) = hit;
        return second_stage(&labels, &train, &tw, &dev, &dw, res, opts, log, first, cv);
    }
    let mut first: Option<(Model, usize)> = if beside {
        None
    } else {
        Some(train_stage(
            &labels, &train, &tw, None, &dev, &dw, None, &res, opts, log,
        ))
    };
    if single {
        // trained just above (`beside` is false when `single`)
        let (mut m, _) = first.unwrap_or_else(|| {
            train_stage(&labels, &train, &tw, None, &dev, &dw, None, &res, opts, log)
        });
        m.res = res;
        return m;
    }
    // what train_stage returns as its epoch without a dev set
    let best_epoch = first.as_ref().map_or(opts.epochs.max(1), |(_, e)| *e);
    // jackknife: each fold labelled by a model trained without it; the
    // folds are independent, so they train on parallel threads (as many as
    // the machine has cores) and the result does not depend on the order
    let n = train.len();
    let mut cv: Vec<Vec<usize>> = vec![Vec::new(); n];
    let fixed = TrainOptions {
        epochs: best_epoch,
        ..opts.clone()
    };
    let run = |f: usize| -> (Vec<usize>, Vec<Vec<usize>>) {
        let (inside, outside): (Vec<usize>, Vec<usize>) = (0..n).partition(|&i| fold[i] == f);
        if inside.is_empty() {
            return (inside, Vec::new());
        }
        let part: Vec<Sentence> = outside.iter().map(|&i| train[i].clone()).collect();
        let pw: Vec<Vec<WordInfo>> = outside.iter().map(|&i| tw[i].clone()).collect();
        let (m, _) = train_stage(
            &labels,
            &part,
            &pw,
            None,
            &[],
            &[],
            None,
            &res,
            &fixed,
            &mut |_| {},
        );
        let hw: Vec<Vec<WordInfo>> = inside.iter().map(|&i| tw[i].clone()).collect();
        let p = predict(&m, &res, &hw);
        (inside, p)
    };
    let threads = std::thread::available_parallelism()
        .map(|x| x.get())
        .unwrap_or(1)
        .clamp(1, nf + beside as usize);
    // jobs: None is the first stage (run on this thread, which owns `log`)
    let jobs: Vec<Option<usize>> = beside
        .then_some(None)
        .into_iter()
        .chain((0..nf).map(Some))
        .collect();
    for batch in jobs.chunks(threads) {
        let done: Vec<(Vec<usize>, Vec<Vec<usize>>)> = std::thread::scope(|sc| {
            let hs: Vec<_> = batch
                .iter()
                .flatten()
                .map(|&f| sc.spawn(move || run(f)))
                .collect();
            if batch.contains(&None) {
                first = Some(train_stage(
                    &labels, &train, &tw, None, &dev, &dw, None, &res, opts, log,
                ));
            }
            // a fold's thread only panics on a bug: surface it
            hs.into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for (inside, p) in done {
            for (k, lab) in p.into_iter().enumerate() {
                cv[inside[k]] = lab;
            }
        }
    }
    // trained above or as one of the jobs; never None here
    let (first, _) = first.unwrap_or_else(|| {
        train_stage(&labels, &train, &tw, None, &dev, &dw, None, &res, opts, log)
    });
    if let Some(p) = &cache {
        save_stage1(p, &first, &cv);
    }
    second_stage(&labels, &train, &tw, &dev, &dw, res, opts, log, first, cv)
}

/// The second stage on the jackknifed first-stage labels `cv`; returns the
/// two-stage model.
#[allow(clippy::too_many_arguments)]
fn second_stage(
    labels: &[String],
    train: &[Sentence],
    tw: &[Vec<WordInfo>],
    dev: &[Sentence],
    dw: &[Vec<WordInfo>],
    res: Resources,
    opts: &TrainOptions,
    log: &mut dyn FnMut(&EpochReport),
    mut first: Model,
    cv: Vec<Vec<usize>>,
) -> Model {
    let (labels, train, tw, dev, dw) = (labels.to_vec(), train, tw, dev, dw);
    // experiment: another visiting order for the second stage alone
    // (`MARSAD_NER_S2_SEED`), to measure its training noise on a cached
    // first stage
    let s2 = std::env::var("MARSAD_NER_S2_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(|seed| TrainOptions {
            seed,
            ..opts.clone()
        });
    let opts = s2.as_ref().unwrap_or(opts);
    let tof = type_of(&labels);
    let th = hints(tw, &cv, &tof, WINDOW);
    let dev_lab = predict(&first, &res, dw);
    let dh = hints(dw, &dev_lab, &tof, WINDOW);
    let (second, _) = train_stage(
        &labels,
        train,
        tw,
        Some(&th),
        dev,
        dw,
        Some(&dh),
        &res,
        opts,
        log,
    );
    first.res = res;
    first.next = Some(Box::new(second));
    first
}

/// The stage-1 cache's key: every first-stage feature of every training
/// sentence, its labels and domain, and the options.
fn stage1_key(
    train: &[Sentence],
    tw: &[Vec<WordInfo>],
    res: &Resources,
    opts: &TrainOptions,
) -> u64 {
    use crate::hash::{hash_bytes, pair};
    let mut k = hash_bytes(
        format!(
            "{} {} {} {} {} {} {}",
            opts.epochs, opts.bits, opts.seed, opts.folds, opts.cost, opts.repeat, opts.crf_lr
        )
        .as_bytes(),
    );
    let (mut hs, mut os) = (Vec::new(), Vec::new());
    for (s, w) in train.iter().zip(tw) {
        extract(w, res, &mut hs, &mut os);
        for &h in &hs {
            k = pair(k, h);
        }
        for t in &s.tags {
            k = pair(k, hash_bytes(t.as_bytes()));
        }
        k = pair(k, s.domain as u64 + 1);
    }
    k
}

/// Writes the first stage's weights and the jackknifed labels (a failure
/// only costs the shortcut, so it is reported and ignored).
fn save_stage1(path: &std::path::Path, first: &Model, cv: &[Vec<usize>]) {
    let mut b: Vec<u8> = Vec::new();
    b.extend((cv.len() as u64).to_le_bytes());
    for s in cv {
        b.extend((s.len() as u32).to_le_bytes());
        b.extend(s.iter().map(|&l| l as u8));
    }
    b.extend(first.temperature.to_le_bytes());
    for v in [&first.trans, &first.start, &first.weights] {
        b.extend((v.len() as u64).to_le_bytes());
        for x in v.iter() {
            b.extend(x.to_le_bytes());
        }
    }
    if let Err(e) = std::fs::write(path, b) {
        eprintln!("{}: stage-1 cache not written: {e}", path.display());
    }
}

/// Reads what [`save_stage1`] wrote (`None`: absent or unreadable).
fn load_stage1(
    path: &std::path::Path,
    labels: &[String],
    opts: &TrainOptions,
    n: usize,
) -> Option<(Model, Vec<Vec<usize>>)> {
    let b = std::fs::read(path).ok()?;
    let mut at = 0usize;
    let mut take = |k: usize| -> Option<&[u8]> {
        let s = b.get(at..at + k)?;
        at += k;
        Some(s)
    };
    let u64_ = |x: &[u8]| u64::from_le_bytes(x.try_into().unwrap_or([0; 8]));
    let ns = u64_(take(8)?) as usize;
    if ns != n {
        return None;
    }
    let mut cv = Vec::with_capacity(ns);
    for _ in 0..ns {
        let k = u32::from_le_bytes(take(4)?.try_into().ok()?) as usize;
        cv.push(take(k)?.iter().map(|&l| l as usize).collect());
    }
    let mut m = Model::new(labels.to_vec(), opts.bits, Resources::default());
    m.temperature = f32::from_le_bytes(take(4)?.try_into().ok()?);
    for v in [&mut m.trans, &mut m.start, &mut m.weights] {
        let k = u64_(take(8)?) as usize;
        if k != v.len() {
            return None;
        }
        let raw = take(4 * k)?;
        for (x, c) in v.iter_mut().zip(raw.chunks_exact(4)) {
            *x = f32::from_le_bytes(c.try_into().ok()?);
        }
    }
    eprintln!(
        "{}: first stage and jackknife from the cache",
        path.display()
    );
    Some((m, cv))
}

/// The second stage's input: hints per sentence.
type Stage2<'a> = Option<&'a [Vec<Hint>]>;

/// One stage of training; returns the model (the best epoch's averaged
/// weights when there is a dev set) and that epoch.
#[allow(clippy::too_many_arguments)]
fn train_stage(
    labels: &[String],
    train: &[Sentence],
    tw: &[Vec<WordInfo>],
    th: Stage2<'_>,
    dev: &[Sentence],
    dw: &[Vec<WordInfo>],
    dh: Stage2<'_>,
    res: &Resources,
    opts: &TrainOptions,
    log: &mut dyn FnMut(&EpochReport),
) -> (Model, usize) {
    let l = labels.len();
    let mut model = Model::new(labels.to_vec(), opts.bits, Resources::default());
    let label_of = |t: &str| labels.iter().position(|x| x == t).unwrap_or(0);
    let data: Vec<Prepared> = train
        .iter()
        .enumerate()
        .map(|(i, s)| {
            prepare(
                &model,
                res,
                &tw[i],
                s,
                th.map(|h| h[i].as_slice()),
                &label_of,
            )
        })
        .collect();
    let dev_data: Vec<Prepared> = dev
        .iter()
        .enumerate()
        .map(|(i, s)| {
            prepare(
                &model,
                res,
                &dw[i],
                s,
                dh.map(|h| h[i].as_slice()),
                &label_of,
            )
        })
        .collect();
    // averaging: avg = w - acc / c, acc accumulating c × each update
    let nw = model.weights.len();
    let mut acc = vec![0f64; nw];
    let mut acc_t = vec![0f64; l * l + l];
    let mut c: f64 = 1.0;
    // in-domain (news) sentences may be visited more than once per epoch
    let reps = opts.repeat;
    let mut order: Vec<usize> = (0..data.len())
        .flat_map(|k| std::iter::repeat_n(k, if train[k].domain == 0 { reps.max(1) } else { 1 }))
        .collect();
    let mut rng = Rng::new(opts.seed);
    let mut em = Vec::new();
    let (mut node, mut edge, mut first_m) = (Vec::new(), vec![0f32; l * l], vec![0f32; l]);
    let mut best: Option<(f64, Model, usize)> = None;
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        let mut mistakes = 0;
        for &k in &order {
            let s = &data[k];
            let n = s.gold.len();
            s.emissions(&model, &mut em);
            if opts.crf_lr > 0.0 {
                if opts.cost > 0.0 {
                    for (i, &g) in s.gold.iter().enumerate() {
                        for c in 0..l {
                            if c != g {
                                em[i * l + c] += opts.cost;
                            }
                        }
                    }
                }
                let z = model.marginals(&em, n, &mut node, &mut edge, &mut first_m);
                let pred = model.viterbi(&em, n);
                if pred != s.gold {
                    mistakes += 1;
                }
                if !z.is_finite() {
                    c += 1.0;
                    continue;
                }
                let eta = opts.crf_lr;
                for i in 0..n {
                    let g = s.gold[i];
                    let mut grad = [0f32; 16];
                    let mut any = false;
                    for y in 0..l {
                        let d = (y == g) as u8 as f32 - node[i * l + y];
                        if d.abs() > 1e-4 {
                            grad[y] = eta * d;
                            any = true;
                        }
                    }
                    if !any {
                        continue;
                    }
                    for &r in &s.rows[s.offsets[i]..s.offsets[i + 1]] {
                        let base = r as usize * l;
                        for y in 0..l {
                            if grad[y] != 0.0 {
                                model.weights[base + y] += grad[y];
                                acc[base + y] += c * grad[y] as f64;
                            }
                        }
                    }
                }
                // transitions and start scores
                for x in 0..l * l {
                    let mut d = -edge[x];
                    for i in 1..n {
                        if s.gold[i - 1] * l + s.gold[i] == x {
                            d += 1.0;
                        }
                    }
                    if d.abs() > 1e-4 {
                        bump(&mut model, x, eta * d);
                        acc_t[x] += c * (eta * d) as f64;
                    }
                }
                for y in 0..l {
                    let d = (s.gold[0] == y) as u8 as f32 - first_m[y];
                    if d.abs() > 1e-4 {
                        bump(&mut model, l * l + y, eta * d);
                        acc_t[l * l + y] += c * (eta * d) as f64;
                    }
                }
                c += 1.0;
                continue;
            }
            if opts.cost > 0.0 {
                // cost-augmented decoding: every wrong label gets a head
                // start, so an update also happens when the gold path wins
                // by less than its Hamming distance (a margin perceptron)
                for (i, &g) in s.gold.iter().enumerate() {
                    for c in 0..l {
                        if c != g {
                            em[i * l + c] += opts.cost;
                        }
                    }
                }
            }
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
            (Some(f), Some((bf, _, _))) if f <= *bf => {}
            (Some(f), _) => best = Some((f, averaged, epoch)),
            (None, _) => best = Some((0.0, averaged, epoch)),
        }
    }
    let (mut out, epoch) = match best {
        Some((_, m, e)) => (m, e),
        None => (model, 0),
    };
    let cal = if dev_data.is_empty() {
        &data
    } else {
        &dev_data
    };
    out.temperature = calibrate(&out, cal);
    (out, epoch.max(1))
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
        s.emissions(model, &mut em);
        let p = model.viterbi(&em, s.gold.len());
        gold.push(
            s.gold
                .iter()
                .map(|&g| model.labels[g].as_str())
                .collect::<Vec<_>>(),
        );
        pred.push(
            p.iter()
                .map(|&g| model.labels[g].as_str())
                .collect::<Vec<_>>(),
        );
    }
    score(&gold, &pred).f1
}

/// Picks the temperature that makes sigmoid(margin / T) the best
/// (log-loss) estimate of "this token's label is right" on `data`.
fn calibrate(model: &Model, data: &[Prepared]) -> f32 {
    let mut em = Vec::new();
    let mut obs: Vec<(f32, bool)> = Vec::new();
    for s in data.iter().take(2000) {
        s.emissions(model, &mut em);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The stage-1 cache gives back the weights and labels it was given,
    /// and refuses a file written for another number of sentences.
    #[test]
    fn stage1_cache_round_trip() {
        let labels: Vec<String> = ["O", "B-PERS", "I-PERS"].map(String::from).to_vec();
        let opts = TrainOptions {
            bits: 4,
            ..Default::default()
        };
        let mut m = Model::new(labels.clone(), opts.bits, Resources::default());
        for (i, w) in m.weights.iter_mut().enumerate() {
            *w = i as f32 * 0.25 - 3.0;
        }
        m.trans[4] = -1.5;
        m.start[1] = 0.75;
        m.temperature = 2.5;
        let cv = vec![vec![0, 1, 2], vec![], vec![1]];
        let p = std::env::temp_dir().join(format!("marsad-ner-s1-{}.s1", std::process::id()));
        save_stage1(&p, &m, &cv);
        let got = load_stage1(&p, &labels, &opts, cv.len());
        let wrong = load_stage1(&p, &labels, &opts, cv.len() + 1);
        let _ = std::fs::remove_file(&p);
        let (g, gcv) = got.expect("cache readable");
        assert_eq!(gcv, cv);
        assert_eq!(g.weights, m.weights);
        assert_eq!(g.trans, m.trans);
        assert_eq!(g.start, m.start);
        assert_eq!(g.temperature, m.temperature);
        assert!(wrong.is_none());
    }
}

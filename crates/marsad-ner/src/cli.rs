//! The work behind `marsad train ner`, `marsad eval ner` and `marsad train
//! clusters`, kept here (not in the CLI crate) so that the crate's own
//! example `ner` runs them without building the whole CLI.

use crate::{clusters, conll, context, features, lexicon::Lexicon, score, train, Tagger};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Any error of these commands, as a message.
pub type CliResult<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Options of `marsad train ner` (see the CLI's help).
#[derive(Debug, Clone)]
pub struct TrainNer {
    /// Training files.
    pub train: Vec<String>,
    /// Development file.
    pub dev: Option<String>,
    /// Fraction of the first training file held out (its last sentences) as dev.
    pub holdout: Option<f64>,
    /// Output model path.
    pub out: String,
    /// Shared data directory with the gazetteers.
    pub gazetteers: Option<String>,
    /// Clusters file.
    pub clusters: Option<String>,
    /// A compiled KB (`assets/kb/kb.json.gz`) whose typed Arabic names join
    /// the lexicon ([`Lexicon::add_kb`]).
    pub kb: Option<String>,
    /// Unlabeled corpus (files or directories) whose words seen after
    /// titles and head nouns join the lexicon ([`crate::context`]).
    pub names_corpus: Vec<String>,
    /// Thresholds of the harvest from `names_corpus`.
    pub names_opts: context::HarvestOptions,
    /// Epochs.
    pub epochs: usize,
    /// Hash bits.
    pub bits: u32,
    /// Seed.
    pub seed: u64,
    /// Jackknife folds for the document-level second stage (below 2: none).
    pub folds: usize,
    /// Cost-augmented training margin ([`train::TrainOptions::cost`]).
    pub cost: f32,
    /// Cross-validation instead of one model: with `cv >= 2`, the FIRST
    /// training file is cut into `cv` contiguous blocks; each block is
    /// tagged by a model trained on everything else (the other blocks and
    /// the other files), and the pooled score is printed as JSON (no model
    /// is written).
    pub cv: usize,
    /// Folds of the cross-validation trained at the same time (threads).
    pub jobs: usize,
    /// CRF learning rate ([`train::TrainOptions::crf_lr`]; 0: the
    /// perceptron).
    pub crf_lr: f32,
    /// Visits of each news sentence per epoch ([`train::TrainOptions::repeat`]).
    pub repeat: usize,
    /// Self-training: this many sentences of `names_corpus`, tagged by a
    /// first-stage teacher trained on the training data (in
    /// cross-validation: on the fold's training part only), join the
    /// training data as a third domain ([`silver`]); 0: off.
    pub self_train: usize,
    /// The lowest per-token confidence a tagged sentence may have to be
    /// kept as self-training data.
    pub self_min_conf: f32,
    /// Self-training sentences are trained like news (no domain-specific
    /// feature copies; still visited once per epoch).
    pub self_shared: bool,
}

/// Options of `marsad eval ner`.
#[derive(Debug, Clone)]
pub struct EvalNer {
    /// Gold CoNLL file.
    pub gold: String,
    /// Model file (None: bundled).
    pub model: Option<String>,
    /// Where to write predictions.
    pub predictions: Option<String>,
}

/// Options of `marsad train clusters`.
#[derive(Debug, Clone)]
pub struct TrainClusters {
    /// Corpus paths.
    pub inputs: Vec<String>,
    /// Output path.
    pub out: String,
    /// Learner settings.
    pub opts: clusters::ClusterOptions,
}

/// Runs `marsad train clusters`.
pub fn train_clusters(a: &TrainClusters) -> CliResult<()> {
    let t0 = Instant::now();
    let paths: Vec<PathBuf> = a.inputs.iter().map(PathBuf::from).collect();
    let table = clusters::learn(
        &mut |out| clusters::read_corpus(&paths, out),
        &a.opts,
        &mut |msg| eprintln!("[{:.1}s] {msg}", t0.elapsed().as_secs_f64()),
    )?;
    write_file(&a.out, clusters::to_text(&table).as_bytes())?;
    eprintln!(
        "wrote {} word clusters to {} in {:.1}s",
        table.len(),
        a.out,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

fn write_file(path: &str, bytes: &[u8]) -> CliResult<()> {
    if let Some(dir) = Path::new(path).parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("{}: cannot create the directory: {e}", dir.display()))?;
        }
    }
    std::fs::write(path, bytes).map_err(|e| format!("{path}: cannot write: {e}"))?;
    Ok(())
}

/// Runs `marsad train ner`.
pub fn train_ner(a: &TrainNer) -> CliResult<()> {
    let t0 = Instant::now();
    let mut train_sents: Vec<conll::Sentence> = Vec::new();
    let mut dev = Vec::new();
    let mut first_len = 0;
    for (k, f) in a.train.iter().enumerate() {
        let mut s = conll::read(Path::new(f))?;
        if k == 0 {
            if let Some(h) = a.holdout {
                if !(0.0..1.0).contains(&h) {
                    return Err("--holdout must be a fraction in [0, 1)".into());
                }
                let cut = s.len() - ((s.len() as f64) * h).round() as usize;
                dev = s.split_off(cut);
            }
        }
        eprintln!("{f}: {} sentences", s.len());
        if k == 0 {
            first_len = s.len();
        }
        train_sents.extend(s);
    }
    if let Some(d) = &a.dev {
        dev.extend(conll::read(Path::new(d))?);
    }
    let mut lexicon = match &a.gazetteers {
        Some(dir) => Lexicon::compile(Path::new(dir))?,
        None => Lexicon::with_triggers(),
    };
    if let Some(kb) = &a.kb {
        let n = lexicon.add_kb(Path::new(kb))?;
        eprintln!("KB names: {n} from {kb}");
    }
    if !a.names_corpus.is_empty() {
        let paths: Vec<PathBuf> = a.names_corpus.iter().map(PathBuf::from).collect();
        let names = context::harvest(&paths, &a.names_opts, &mut |m| {
            eprintln!("[{:.1}s] {m}", t0.elapsed().as_secs_f64())
        })?;
        for (w, b) in names {
            lexicon.add(&w, b);
        }
    }
    let clusters = match &a.clusters {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("{p}: cannot read the clusters file: {e}"))?;
            features::Clusters::parse(&text, p)?
        }
        None => features::Clusters::default(),
    };
    eprintln!(
        "lexicon: {} phrases; clusters: {} words; train {} sentences, dev {} sentences",
        lexicon.len(),
        clusters.map.len(),
        train_sents.len(),
        dev.len()
    );
    let opts = train::TrainOptions {
        epochs: a.epochs,
        bits: a.bits,
        seed: a.seed,
        folds: a.folds,
        cost: a.cost,
        repeat: a.repeat,
        crf_lr: a.crf_lr,
    };
    let res = features::Resources { lexicon, clusters };
    let self_train = if a.self_train > 0 {
        let paths: Vec<PathBuf> = a.names_corpus.iter().map(PathBuf::from).collect();
        if paths.is_empty() {
            return Err("--self-train needs --names-corpus (the unlabeled text it tags)".into());
        }
        let cands = silver_candidates(&paths, 4 * a.self_train)?;
        eprintln!(
            "[{:.1}s] self-training: {} candidate sentences from the unlabeled corpus",
            t0.elapsed().as_secs_f64(),
            cands.len()
        );
        Some(SelfTrain {
            candidates: cands,
            count: a.self_train,
            min_conf: a.self_min_conf,
            domain: if a.self_shared { conll::SHARED_ONCE } else { 2 },
        })
    } else {
        None
    };
    if a.cv >= 2 {
        let s = cross_validate(
            &train_sents,
            first_len,
            res,
            &opts,
            a.cv,
            a.jobs,
            self_train.as_ref(),
        )?;
        println!("{}", serde_json::to_string(&s)?);
        return Ok(());
    }
    if let Some(st) = &self_train {
        let extra = silver(&train_sents, &res, &opts, st)?;
        eprintln!(
            "[{:.1}s] self-training: {} sentences tagged by the teacher join the training data",
            t0.elapsed().as_secs_f64(),
            extra.len()
        );
        train_sents.extend(extra);
    }
    let model = train::train(&train_sents, &dev, res, &opts, &mut |r| {
        eprintln!(
            "[{:.1}s] epoch {}: {} sentences wrong{}",
            t0.elapsed().as_secs_f64(),
            r.epoch,
            r.mistakes,
            r.dev_f1
                .map(|f| format!(", dev F1 {f:.4}"))
                .unwrap_or_default()
        )
    });
    let bytes = model.to_bytes();
    write_file(&a.out, &bytes)?;
    eprintln!(
        "wrote {} ({:.1} MB) in {:.1}s",
        a.out,
        bytes.len() as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `marsad train ner --cv K`: cuts the first `first_len` sentences (the
/// first training file) into `k` contiguous blocks (ANERcorp's sentences
/// run in document order, so a block is a run of whole articles but for its
/// edges); each block is tagged, as one document, by a model trained on all
/// the other sentences, with the model's own file round trip (the weights
/// shipped are quantized). Returns the pooled score (conlleval rules) and
/// reports each fold's F1 on stderr. Folds are independent and
/// deterministic, so running `jobs` of them at once gives the same numbers.
pub fn cross_validate(
    sents: &[conll::Sentence],
    first_len: usize,
    res: features::Resources,
    opts: &train::TrainOptions,
    k: usize,
    jobs: usize,
    self_train: Option<&SelfTrain>,
) -> CliResult<score::Score> {
    let t0 = Instant::now();
    type Preds = Vec<Vec<String>>;
    let run_fold = |f: usize| -> CliResult<Preds> {
        let (lo, hi) = (f * first_len / k, (f + 1) * first_len / k);
        let mut rest: Vec<conll::Sentence> =
            sents[..lo].iter().chain(&sents[hi..]).cloned().collect();
        if let Some(st) = self_train {
            // the teacher never sees the held-out block
            let extra = silver(&rest, &res, opts, st)?;
            eprintln!(
                "[{:.1}s] fold {}/{k}: {} self-training sentences",
                t0.elapsed().as_secs_f64(),
                f + 1,
                extra.len()
            );
            rest.extend(extra);
        }
        let model = train::train(&rest, &[], res.clone(), opts, &mut |_| {});
        let toks: Vec<Vec<String>> = sents[lo..hi].iter().map(|s| s.tokens.clone()).collect();
        // through the file format: the weights shipped are quantized
        let tagger = Tagger::from_bytes(&model.to_bytes(), "cross-validation model")?;
        Ok(tagger
            .tag_document(&toks, false)
            .into_iter()
            .map(|t| t.labels)
            .collect())
    };
    let mut preds: Vec<Option<Preds>> = vec![None; k];
    let mut unseen = score::Counts::default();
    let mut unseen_gold = 0usize;
    let jobs = jobs.max(1);
    let mut f0 = 0;
    while f0 < k {
        let batch: Vec<usize> = (f0..(f0 + jobs).min(k)).collect();
        let out: Vec<(usize, Result<Preds, String>)> = std::thread::scope(|sc| {
            let hs: Vec<_> = batch
                .iter()
                .map(|&f| (f, sc.spawn(move || run_fold(f).map_err(|e| e.to_string()))))
                .collect();
            hs.into_iter()
                .map(|(f, h)| {
                    (
                        f,
                        h.join()
                            .unwrap_or_else(|_| Err("a fold's thread panicked".into())),
                    )
                })
                .collect()
        });
        for (f, r) in out {
            let p = r?;
            let (lo, hi) = (f * first_len / k, (f + 1) * first_len / k);
            let gold: Vec<Vec<String>> = sents[lo..hi].iter().map(|s| s.tags.clone()).collect();
            eprintln!(
                "[{:.1}s] fold {}/{k}: sentences {lo}..{hi}, F1 {:.4}",
                t0.elapsed().as_secs_f64(),
                f + 1,
                score::score(&gold, &p).f1
            );
            // the score of unseen names: those none of whose words occurs
            // in a name of this fold's training part
            let seen = name_words(sents[..lo].iter().chain(&sents[hi..]));
            let toks: Vec<&[String]> = sents[lo..hi].iter().map(|s| &s.tokens[..]).collect();
            let keep = |w: &[&String]| !w.iter().any(|t| seen.contains(&name_key(t)));
            let toks: Vec<Vec<&String>> = toks.iter().map(|t| t.iter().collect()).collect();
            let c = score::count_where(&toks, &gold, &p, &keep);
            let all = score::count_where(&toks, &gold, &gold, &keep);
            unseen_gold += all.tp;
            unseen.tp += c.tp;
            unseen.fp += c.fp;
            unseen.fn_ += c.fn_;
            preds[f] = Some(p);
        }
        f0 += jobs;
    }
    let pred: Vec<Vec<String>> = preds.into_iter().flatten().flatten().collect();
    let gold: Vec<Vec<String>> = sents[..first_len].iter().map(|s| s.tags.clone()).collect();
    let s = score::score(&gold, &pred);
    eprintln!(
        "{k}-fold cross-validation over {first_len} sentences: micro F1 {:.4} ({:.1}s)",
        s.f1,
        t0.elapsed().as_secs_f64()
    );
    let u = unseen.prf();
    let total = score::count_where(
        &sents[..first_len]
            .iter()
            .map(|s| s.tokens.iter().collect::<Vec<_>>())
            .collect::<Vec<_>>(),
        &gold,
        &gold,
        &|_: &[&String]| true,
    )
    .tp;
    eprintln!(
        "unseen names ({unseen_gold} of {total} gold names: no word of them in a name of the fold's \
         training part): P {:.4} R {:.4} F1 {:.4}",
        u.precision, u.recall, u.f1
    );
    Ok(s)
}

/// Self-training settings and the unlabeled sentences they draw from.
#[derive(Debug, Clone)]
pub struct SelfTrain {
    /// Tokenized sentences of the unlabeled corpus, in corpus order.
    pub candidates: Vec<Vec<String>>,
    /// Sentences to keep.
    pub count: usize,
    /// Lowest per-token confidence of a kept sentence.
    pub min_conf: f32,
    /// The domain the kept sentences get (2: their own feature copies;
    /// [`conll::SHARED_ONCE`]: none).
    pub domain: u8,
}

/// Unlabeled sentences for self-training: the corpus's texts tokenized by
/// the text layer and cut after sentence-final punctuation; sentences of
/// 6–50 tokens, most of them Arabic words; every `stride`-th such sentence
/// so that up to about `max` of them come from the whole corpus (two passes
/// over the corpus: one counts, one keeps).
pub fn silver_candidates(paths: &[PathBuf], max: usize) -> CliResult<Vec<Vec<String>>> {
    let each = |keep: &mut dyn FnMut(Vec<String>)| -> CliResult<()> {
        clusters::read_corpus(paths, &mut |text: &str| {
            let mut cur: Vec<String> = Vec::new();
            let toks = marsad_arabic::tokenize(text);
            for (i, t) in toks.iter().enumerate() {
                let w = t.text(text);
                cur.push(w.to_string());
                let end = matches!(w, "." | "!" | "?" | "؟") || i + 1 == toks.len();
                if end {
                    let arabic = cur
                        .iter()
                        .filter(|w| w.chars().any(marsad_arabic::is_arabic_letter))
                        .count();
                    if (6..=50).contains(&cur.len()) && arabic * 2 > cur.len() {
                        keep(std::mem::take(&mut cur));
                    } else {
                        cur.clear();
                    }
                }
            }
        })?;
        Ok(())
    };
    let mut total = 0usize;
    each(&mut |_| total += 1)?;
    let stride = total.div_ceil(max.max(1)).max(1);
    let mut out = Vec::new();
    let mut k = 0usize;
    each(&mut |s| {
        if k.is_multiple_of(stride) {
            out.push(s);
        }
        k += 1;
    })?;
    Ok(out)
}

/// Self-training data: a first-stage teacher trained on `train` tags the
/// candidates (each sentence alone); sentences with at least one name whose
/// every token has confidence `st.min_conf` or more are kept, `st.count` of
/// them spread evenly over the corpus, as domain `st.domain` (2: their
/// features get domain-specific copies, as WikiFANE's do, which soak up
/// what holds only for the teacher's labels).
pub fn silver(
    train: &[conll::Sentence],
    res: &features::Resources,
    opts: &train::TrainOptions,
    st: &SelfTrain,
) -> CliResult<Vec<conll::Sentence>> {
    let teacher_opts = train::TrainOptions {
        folds: 0,
        ..opts.clone()
    };
    let model = train::train(train, &[], res.clone(), &teacher_opts, &mut |_| {});
    let tagger = Tagger::from_bytes(&model.to_bytes(), "self-training teacher")?;
    let mut kept = Vec::new();
    for toks in &st.candidates {
        let t = tagger.tag_scored(toks, true);
        let named = t.labels.iter().any(|l| l != "O");
        if named && t.confidence.iter().all(|&c| c >= st.min_conf) {
            kept.push(conll::Sentence {
                tokens: toks.clone(),
                tags: t.labels,
                domain: st.domain,
            });
        }
    }
    let stride = kept.len().div_ceil(st.count.max(1)).max(1);
    Ok(kept
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i.is_multiple_of(stride))
        .map(|(_, s)| s)
        .take(st.count)
        .collect())
}

/// The key under which a word counts as seen in a name: normalized, without
/// a leading conjunction و (so وبوتين is بوتين).
fn name_key(w: &str) -> String {
    let n = marsad_arabic::normalize_str(w);
    match n.strip_prefix('و') {
        Some(rest) if rest.chars().count() >= 3 => rest.to_string(),
        _ => n,
    }
}

/// The keys ([`name_key`]) of every word inside a gold name of `sents`.
fn name_words<'a>(
    sents: impl Iterator<Item = &'a conll::Sentence>,
) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for s in sents {
        for (a, b, _) in score::spans(&s.tags) {
            for w in &s.tokens[a..b.min(s.tokens.len())] {
                out.insert(name_key(w));
            }
        }
    }
    out
}

/// Runs `marsad eval ner`: returns the score (also printed as JSON on stdout).
pub fn eval_ner(a: &EvalNer) -> CliResult<score::Score> {
    let tagger = match &a.model {
        Some(m) => Tagger::load(Path::new(m))?,
        None => Tagger::bundled()?,
    };
    let gold = conll::read(Path::new(&a.gold))?;
    let t0 = Instant::now();
    let c0 = cpu_seconds();
    // the gold file is a stream of news sentences: tag it as one document
    let sents: Vec<Vec<String>> = gold.iter().map(|s| s.tokens.clone()).collect();
    let pred: Vec<Vec<String>> = tagger
        .tag_document(&sents, false)
        .into_iter()
        .map(|t| t.labels)
        .collect();
    let secs = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(c0).map(|(a, b)| a - b);
    let ntok: usize = gold.iter().map(|s| s.tokens.len()).sum();
    if let Some(p) = &a.predictions {
        let rows: Vec<(Vec<String>, Vec<String>)> = gold
            .iter()
            .zip(&pred)
            .map(|(g, p)| (g.tokens.clone(), p.clone()))
            .collect();
        write_file(p, conll::write(&rows).as_bytes())?;
    }
    let gold_tags: Vec<Vec<String>> = gold.iter().map(|s| s.tags.clone()).collect();
    let s = score::score(&gold_tags, &pred);
    println!("{}", serde_json::to_string(&s)?);
    eprintln!(
        "tagged {ntok} tokens in {:.3}s wall ({:.0} tokens/s, features included, one thread){}",
        secs,
        ntok as f64 / secs.max(1e-9),
        cpu.map(|c| format!(
            "; {c:.2}s of CPU time ({:.0} tokens per CPU-second)",
            ntok as f64 / c.max(1e-9)
        ))
        .unwrap_or_default()
    );
    Ok(s)
}

/// CPU time (user + system) this process has used, from /proc (Linux);
/// on a shared machine it measures the tagger's own work where wall-clock
/// time also counts other processes' turns.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // fields after the parenthesised command name; utime and stime are the
    // 12th and 13th of them, in clock ticks (100 per second on Linux)
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silver_candidates_are_cut_sentences_of_arabic_words() {
        let dir = std::env::temp_dir().join(format!("marsad-ner-silver-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.txt");
        std::fs::write(
            &f,
            "قال الرئيس الفرنسي فرانسوا هولاند في باريس أمس . قصير جدا . \
             This is an English sentence of many words here . \
             وأكد وزير الخارجية أن المحادثات مستمرة مع الجانب الروسي",
        )
        .unwrap();
        let c = silver_candidates(std::slice::from_ref(&f), 10).unwrap();
        // the short sentence and the English one are skipped; the last one
        // needs no final full stop
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].first().map(String::as_str), Some("قال"));
        assert_eq!(c[0].last().map(String::as_str), Some("."));
        assert_eq!(c[1].last().map(String::as_str), Some("الروسي"));
        // a cap keeps every k-th sentence
        assert_eq!(
            silver_candidates(std::slice::from_ref(&f), 1)
                .unwrap()
                .len(),
            1
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn name_keys_drop_a_conjunction() {
        assert_eq!(name_key("وبوتين"), name_key("بوتين"));
        // too short to lose a letter
        assert_eq!(name_key("ولد"), marsad_arabic::normalize_str("ولد"));
    }
}

//! The work behind `marsad train ner`, `marsad eval ner` and `marsad train
//! clusters`, kept here (not in the CLI crate) so that the crate's own
//! example `ner` runs them without building the whole CLI.

use crate::{clusters, conll, features, lexicon::Lexicon, score, train, Tagger};
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
    /// Epochs.
    pub epochs: usize,
    /// Hash bits.
    pub bits: u32,
    /// Seed.
    pub seed: u64,
    /// Jackknife folds for the document-level second stage (below 2: none).
    pub folds: usize,
    /// An automatically derived lexicon (`marsad train autolex`) to compile
    /// in beside the gazetteers.
    pub auto: Option<String>,
    /// Cost-augmented training margin ([`train::TrainOptions::cost`]).
    pub cost: f32,
    /// Models averaged per stage ([`train::TrainOptions::bags`]).
    pub bags: usize,
    /// Visits of each news sentence per epoch ([`train::TrainOptions::repeat`]).
    pub repeat: usize,
}

/// Options of `marsad train autolex`.
#[derive(Debug, Clone)]
pub struct TrainAutolex {
    /// The model that tags the corpus.
    pub model: String,
    /// Corpus paths (as for `marsad train clusters`).
    pub inputs: Vec<String>,
    /// Output path (TSV).
    pub out: String,
    /// Least number of tagged occurrences of a kept name.
    pub min_count: usize,
}

/// Runs `marsad train autolex`: tags unlabeled news with a model and keeps
/// the names it tags often and consistently (at least `min_count` times,
/// 80 % of them with one type; a single word must also be tagged in at
/// least half of its un-prefixed occurrences, which drops common words).
/// Writes `phrase<TAB>TYPE<TAB>tagged<TAB>occurrences` lines, most tagged
/// first.
pub fn train_autolex(a: &TrainAutolex) -> CliResult<()> {
    use marsad_core::{Document, EntityType, Source};
    let t0 = Instant::now();
    let tagger = Tagger::load(Path::new(&a.model))?;
    let paths: Vec<PathBuf> = a.inputs.iter().map(PathBuf::from).collect();
    let mut tagged: crate::hash::FxMap<String, [u32; 4]> = Default::default();
    let mut words: crate::hash::FxMap<String, u32> = Default::default();
    let mut ndocs = 0usize;
    clusters::read_corpus(&paths, &mut |text: &str| {
        ndocs += 1;
        if ndocs.is_multiple_of(5000) {
            eprintln!("[{:.1}s] {ndocs} documents", t0.elapsed().as_secs_f64());
        }
        for t in marsad_arabic::tokenize(text) {
            let n = marsad_arabic::normalize_str(t.text(text));
            if !n.is_empty() {
                *words.entry(n).or_insert(0) += 1;
            }
        }
        let mut doc = Document::new("autolex", Source::default(), text);
        tagger.annotate(&mut doc);
        for m in &doc.mentions {
            let k = match m.kind {
                EntityType::PER => 0,
                EntityType::ORG => 1,
                EntityType::LOC | EntityType::GPE => 2,
                _ => 3,
            };
            let key: Vec<String> = m
                .text
                .split_whitespace()
                .map(marsad_arabic::normalize_str)
                .filter(|t| !t.is_empty())
                .collect();
            if !key.is_empty() && key.len() <= 6 {
                tagged.entry(key.join(" ")).or_insert([0; 4])[k] += 1;
            }
        }
    })?;
    const TYPES: [&str; 4] = ["PERS", "ORG", "LOC", "MISC"];
    let mut keep: Vec<(u32, &str, &str, u32)> = Vec::new();
    for (k, c) in &tagged {
        let n: u32 = c.iter().sum();
        let (t, &best) = c
            .iter()
            .enumerate()
            .max_by_key(|x| (*x.1, std::cmp::Reverse(x.0)))
            .unwrap_or((0, &0));
        if (n as usize) < a.min_count || best * 5 < n * 4 {
            continue;
        }
        let occ = words.get(k.as_str()).copied().unwrap_or(0);
        if !k.contains(' ') && n * 2 < occ {
            continue;
        }
        keep.push((n, k, TYPES[t], occ));
    }
    keep.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(y.1)));
    let mut out = String::new();
    for (n, k, t, occ) in &keep {
        out.push_str(&format!("{k}\t{t}\t{n}\t{occ}\n"));
    }
    write_file(&a.out, out.as_bytes())?;
    eprintln!(
        "tagged {ndocs} documents; kept {} of {} names in {} ({:.1}s)",
        keep.len(),
        tagged.len(),
        a.out,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
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
    let mut train_sents = Vec::new();
    let mut dev = Vec::new();
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
        train_sents.extend(s);
    }
    if let Some(d) = &a.dev {
        dev.extend(conll::read(Path::new(d))?);
    }
    let mut lexicon = match &a.gazetteers {
        Some(dir) => Lexicon::compile(Path::new(dir))?,
        None => Lexicon::with_triggers(),
    };
    if let Some(p) = &a.auto {
        let n = lexicon.add_auto(Path::new(p))?;
        eprintln!("{p}: {n} automatically derived names");
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
        bags: a.bags,
        repeat: a.repeat,
    };
    let model = train::train(
        &train_sents,
        &dev,
        features::Resources { lexicon, clusters },
        &opts,
        &mut |r| {
            eprintln!(
                "[{:.1}s] epoch {}: {} sentences wrong{}",
                t0.elapsed().as_secs_f64(),
                r.epoch,
                r.mistakes,
                r.dev_f1
                    .map(|f| format!(", dev F1 {f:.4}"))
                    .unwrap_or_default()
            )
        },
    );
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

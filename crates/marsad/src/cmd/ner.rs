//! `marsad train ner`, `marsad eval ner`, `marsad train clusters`.

use clap::Args;
use marsad_ner::{cli, clusters};
use std::process::ExitCode;

/// Arguments of `marsad train ner`.
#[derive(Args)]
pub struct TrainNerArgs {
    /// Training file(s): CoNLL `token TAG` or WikiFANE `token<TAB>FineTag`.
    #[arg(long, required = true, num_args = 1..)]
    pub train: Vec<String>,
    /// Development file (the best epoch on it is kept).
    #[arg(long)]
    pub dev: Option<String>,
    /// Hold out this fraction of the FIRST training file's sentences (its
    /// last ones) as the development set, e.g. 0.1.
    #[arg(long)]
    pub holdout: Option<f64>,
    /// Where to write the model.
    #[arg(long)]
    pub out: String,
    /// The shared data directory whose gazetteers are compiled into the
    /// model (ANERGazet, country names, GeoNames cities, UniversalPetrarch
    /// actors), e.g. ../shared/data. Without it only trigger words are used.
    #[arg(long)]
    pub gazetteers: Option<String>,
    /// Word clusters written by `marsad train clusters`.
    #[arg(long)]
    pub clusters: Option<String>,
    /// A compiled KB (assets/kb/kb.json.gz): its Arabic person,
    /// organization and place names join the lexicon with those types' bits.
    #[arg(long)]
    pub kb: Option<String>,
    /// Unlabeled corpus (files or directories, e.g.
    /// ../shared/data/corpus/saudinewsnet): words it shows after person
    /// titles, organization and place head nouns, or inside «», join the
    /// lexicon with their context's bit.
    #[arg(long, num_args = 1..)]
    pub names_corpus: Vec<String>,
    /// A harvested word needs this many occurrences in one kind of context…
    #[arg(long, default_value_t = 3)]
    pub names_min_count: u32,
    /// … making at least this share of all its occurrences.
    #[arg(long, default_value_t = 0.03)]
    pub names_min_share: f64,
    /// Passes over the training data.
    #[arg(long, default_value_t = 9)]
    pub epochs: usize,
    /// log2 of the number of hashed feature buckets.
    #[arg(long, default_value_t = 22)]
    pub bits: u32,
    /// Seed of the visiting order.
    #[arg(long, default_value_t = 0x6d61_7273_6164)]
    pub seed: u64,
    /// Jackknife folds for the document-level second stage (0: one stage only).
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Cost-augmented training: the margin (in perceptron updates) by which
    /// every wrong label of a token must lose before a sentence counts as
    /// learned (0: the plain perceptron).
    #[arg(long, default_value_t = 1.0)]
    pub cost: f32,
    /// Cross-validate instead of writing a model: cut the FIRST training
    /// file into this many contiguous blocks, tag each with a model trained
    /// on everything else, print the pooled score as JSON.
    #[arg(long, default_value_t = 0)]
    pub cv: usize,
    /// Cross-validation folds trained at the same time (threads).
    #[arg(long, default_value_t = 1)]
    pub jobs: usize,
    /// Training objective: a linear-chain CRF (softmax-margin with
    /// `--cost`) by averaged SGD with this learning rate; 0 trains the
    /// averaged (cost-augmented) perceptron instead.
    #[arg(long, default_value_t = 0.03)]
    pub crf: f32,
    /// Visits per epoch of each news sentence (domain 0: ANERcorp,
    /// CLEANANERCorp); WikiFANE sentences are visited once.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Self-training (experiment, off by default): this many sentences of
    /// --names-corpus, tagged by a first-stage teacher trained on the
    /// training data (in --cv, on the fold's training part), join it.
    #[arg(long, default_value_t = 0)]
    pub self_train: usize,
    /// Lowest per-token confidence of a self-training sentence.
    #[arg(long, default_value_t = 0.9)]
    pub self_min_conf: f32,
    /// Self-training sentences are trained like news (no domain-specific
    /// feature copies).
    #[arg(long)]
    pub self_shared: bool,
}

/// Arguments of `marsad eval ner`.
#[derive(Args)]
pub struct EvalNerArgs {
    /// Gold CoNLL file.
    #[arg(long)]
    pub gold: String,
    /// Model file (default: the bundled model).
    #[arg(long)]
    pub model: Option<String>,
    /// Write the predictions here as `token TAG` lines aligned with the gold.
    #[arg(long)]
    pub predictions: Option<String>,
}

/// Arguments of `marsad train clusters`.
#[derive(Args)]
pub struct TrainClustersArgs {
    /// Unlabeled corpus files or directories (JSON Lines, zip of JSON arrays, text).
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Where to write the clusters.
    #[arg(long)]
    pub out: String,
    /// Number of (most frequent) words to cluster.
    #[arg(long, default_value_t = 50_000)]
    pub vocab: usize,
    /// Number of context tokens.
    #[arg(long, default_value_t = 600)]
    pub contexts: usize,
    /// Projection dimensions.
    #[arg(long, default_value_t = 128)]
    pub dims: usize,
}

/// Runs `marsad train clusters`.
pub fn train_clusters(a: TrainClustersArgs) -> anyhow::Result<ExitCode> {
    let opts = clusters::ClusterOptions {
        vocab: a.vocab,
        contexts: a.contexts,
        dims: a.dims,
        ..Default::default()
    };
    cli::train_clusters(&cli::TrainClusters {
        inputs: a.inputs,
        out: a.out,
        opts,
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(super::EXIT_OK)
}

/// Runs `marsad train ner`.
pub fn train(a: TrainNerArgs) -> anyhow::Result<ExitCode> {
    if !a.self_min_conf.is_finite() || !(0.0..=1.0).contains(&a.self_min_conf) {
        return super::usage(
            "--self-min-conf needs a number between 0 and 1 (a per-token confidence)",
        );
    }
    cli::train_ner(&cli::TrainNer {
        train: a.train,
        dev: a.dev,
        holdout: a.holdout,
        out: a.out,
        gazetteers: a.gazetteers,
        clusters: a.clusters,
        kb: a.kb,
        names_corpus: a.names_corpus,
        names_opts: marsad_ner::context::HarvestOptions {
            min_count: a.names_min_count,
            min_share: a.names_min_share,
            ..Default::default()
        },
        epochs: a.epochs,
        bits: a.bits,
        seed: a.seed,
        folds: a.folds,
        cost: a.cost,
        cv: a.cv,
        jobs: a.jobs,
        crf_lr: a.crf,
        repeat: a.repeat,
        self_train: a.self_train,
        self_min_conf: a.self_min_conf,
        self_shared: a.self_shared,
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(super::EXIT_OK)
}

/// Runs `marsad eval ner`.
pub fn eval(a: EvalNerArgs) -> anyhow::Result<ExitCode> {
    cli::eval_ner(&cli::EvalNer {
        gold: a.gold,
        model: a.model,
        predictions: a.predictions,
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(super::EXIT_OK)
}

//! `marsad train ner`, `marsad eval ner`. (Issue #3 builds them.)

use clap::Args;
use std::process::ExitCode;

/// Arguments of `marsad train ner`.
#[derive(Args)]
pub struct TrainNerArgs {
    /// Training file(s).
    #[arg(long, required = true)]
    pub train: Vec<String>,
    /// Development file.
    #[arg(long)]
    pub dev: Option<String>,
    /// Where to write the model.
    #[arg(long)]
    pub out: String,
}

/// Arguments of `marsad eval ner`.
#[derive(Args)]
pub struct EvalNerArgs {
    /// Gold CoNLL file.
    #[arg(long)]
    pub gold: String,
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
}

/// Runs `marsad train clusters`.
pub fn train_clusters(_a: TrainClustersArgs) -> anyhow::Result<ExitCode> {
    super::not_built("marsad train clusters", 3)
}

/// Runs `marsad train ner`.
pub fn train(_a: TrainNerArgs) -> anyhow::Result<ExitCode> {
    super::not_built("marsad train ner", 3)
}
/// Runs `marsad eval ner`.
pub fn eval(_a: EvalNerArgs) -> anyhow::Result<ExitCode> {
    super::not_built("marsad eval ner", 3)
}

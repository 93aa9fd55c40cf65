//! `marsad eval extract`. (Issue #8 builds it.)

use clap::Args;
use std::process::ExitCode;

/// Arguments of `marsad eval extract`.
#[derive(Args)]
pub struct EvalExtractArgs {
    /// ground-truth.json of the benchmark.
    #[arg(long)]
    pub gold: String,
    /// Directory of the benchmark's pages.
    #[arg(long)]
    pub pages: String,
}

/// Runs `marsad eval extract`.
pub fn eval(_a: EvalExtractArgs) -> anyhow::Result<ExitCode> {
    super::not_built("marsad eval extract", 8)
}

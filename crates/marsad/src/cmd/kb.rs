//! `marsad kb build`, `marsad eval linking`. (Issue #5 builds them.)

use clap::Args;
use std::process::ExitCode;

/// Arguments of `marsad kb build`.
#[derive(Args)]
pub struct KbBuildArgs {
    /// The shared data directory.
    #[arg(long)]
    pub from: String,
}

/// Arguments of `marsad eval linking`.
#[derive(Args)]
pub struct EvalLinkingArgs {
    /// Gold set file.
    #[arg(long)]
    pub gold: String,
}

/// Runs `marsad kb build`.
pub fn build(_a: KbBuildArgs) -> anyhow::Result<ExitCode> {
    super::not_built("marsad kb build", 5)
}
/// Runs `marsad eval linking`.
pub fn eval_linking(_a: EvalLinkingArgs) -> anyhow::Result<ExitCode> {
    super::not_built("marsad eval linking", 5)
}

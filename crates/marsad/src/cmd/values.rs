//! `marsad eval values`. (Issue #4 builds it.)

use clap::Args;
use std::process::ExitCode;

/// Arguments of `marsad eval values`.
#[derive(Args)]
pub struct EvalValuesArgs {
    /// Gold set file.
    #[arg(long)]
    pub gold: String,
}

/// Runs `marsad eval values`.
pub fn eval(_a: EvalValuesArgs) -> anyhow::Result<ExitCode> {
    super::not_built("marsad eval values", 4)
}

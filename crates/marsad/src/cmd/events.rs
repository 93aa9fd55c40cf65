//! `marsad eval events`. (Issue #6 builds it.)

use clap::Args;
use std::process::ExitCode;

/// Arguments of `marsad eval events`.
#[derive(Args)]
pub struct EvalEventsArgs {
    /// Directory of the Arabic event gold standard.
    #[arg(long)]
    pub gsr: String,
}

/// Runs `marsad eval events`.
pub fn eval(_a: EvalEventsArgs) -> anyhow::Result<ExitCode> {
    super::not_built("marsad eval events", 6)
}

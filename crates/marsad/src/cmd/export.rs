//! `marsad export`. (Issue #6 builds it.)

use clap::Args;
use std::process::ExitCode;

/// Arguments of `marsad export`.
#[derive(Args)]
pub struct ExportArgs {
    /// marsad/1 JSON Lines files to export from.
    pub inputs: Vec<String>,
    /// Output format: jsonl, csv or gdelt.
    #[arg(long, default_value = "jsonl")]
    pub to: String,
}

/// Runs `marsad export`.
pub fn run(_a: ExportArgs) -> anyhow::Result<ExitCode> {
    super::not_built("marsad export", 6)
}

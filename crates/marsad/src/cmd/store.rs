//! `marsad ingest`, `serve`, `search`, `events`. (Issue #7 builds them.)

use clap::Args;
use std::process::ExitCode;

/// Arguments of `marsad ingest`.
#[derive(Args)]
pub struct IngestArgs {
    /// Files, directories, archives or `-`.
    pub inputs: Vec<String>,
    /// The database file.
    #[arg(long)]
    pub db: String,
}

/// Arguments of `marsad serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// The database file.
    #[arg(long)]
    pub db: String,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
}

/// Arguments of `marsad search`.
#[derive(Args)]
pub struct SearchArgs {
    /// The database file.
    #[arg(long)]
    pub db: String,
    /// The query.
    pub query: String,
}

/// Arguments of `marsad events`.
#[derive(Args)]
pub struct EventsArgs {
    /// The database file.
    #[arg(long)]
    pub db: String,
}

/// Runs `marsad ingest`.
pub fn ingest(_a: IngestArgs) -> anyhow::Result<ExitCode> {
    super::not_built("marsad ingest", 7)
}
/// Runs `marsad serve`.
pub fn serve(_a: ServeArgs) -> anyhow::Result<ExitCode> {
    super::not_built("marsad serve", 7)
}
/// Runs `marsad search`.
pub fn search(_a: SearchArgs) -> anyhow::Result<ExitCode> {
    super::not_built("marsad search", 7)
}
/// Runs `marsad events`.
pub fn events(_a: EventsArgs) -> anyhow::Result<ExitCode> {
    super::not_built("marsad events", 7)
}

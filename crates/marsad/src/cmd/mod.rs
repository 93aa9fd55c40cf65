//! One module per subcommand family. Each `run`-like function returns the
//! exit status: [`EXIT_OK`], [`EXIT_FAILED`] (some documents failed) or
//! [`exit_usage`] (the command itself was wrong).

use std::process::ExitCode;

pub mod analyze;
pub mod events;
pub mod export;
pub mod extract;
pub mod kb;
pub mod ner;
pub mod quotes;
pub mod store;
pub mod values;

/// Everything done.
pub const EXIT_OK: ExitCode = ExitCode::SUCCESS;
/// Some documents failed; each was named on stderr and the rest written.
pub const EXIT_FAILED: ExitCode = ExitCode::FAILURE;
/// The command itself was wrong (bad flag, missing file it cannot do without).
pub fn exit_usage() -> ExitCode {
    ExitCode::from(2)
}

/// Prints a usage error and returns [`exit_usage`].
pub fn usage(msg: impl std::fmt::Display) -> anyhow::Result<ExitCode> {
    eprintln!("marsad: {msg}");
    Ok(exit_usage())
}

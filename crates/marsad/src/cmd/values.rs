//! `marsad eval values`: scores the time and quantity layers on a gold set
//! of real sentences and prints JSON metrics.

use clap::Args;
use std::process::ExitCode;

/// Arguments of `marsad eval values`.
#[derive(Args)]
pub struct EvalValuesArgs {
    /// Gold set file (JSON Lines; see `crates/marsad-values/tests/data/`).
    #[arg(long)]
    pub gold: String,
    /// Also list every miss (`category | text | expected | got`).
    #[arg(long)]
    pub errors: bool,
}

/// Runs `marsad eval values`.
pub fn eval(a: EvalValuesArgs) -> anyhow::Result<ExitCode> {
    let text = match std::fs::read_to_string(&a.gold) {
        Ok(t) => t,
        Err(e) => {
            return super::usage(format!(
                "cannot read the gold file {}: {e} (pass --gold crates/marsad-values/tests/data/values_gold.jsonl)",
                a.gold
            ))
        }
    };
    let gold = match marsad_values::eval::read_gold(&text) {
        Ok(g) => g,
        Err(e) => return super::usage(format!("{}: {e}", a.gold)),
    };
    let mut rep = marsad_values::eval::score(&gold);
    if !a.errors {
        rep.errors.clear();
    }
    println!("{}", serde_json::to_string_pretty(&rep)?);
    Ok(super::EXIT_OK)
}

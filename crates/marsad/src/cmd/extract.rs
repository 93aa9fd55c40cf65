//! `marsad eval extract`: the article-extraction benchmark's metric
//! (exactly `../shared/tools/extract_score.py`) and pages/s.

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `marsad eval extract`.
#[derive(Args)]
pub struct EvalExtractArgs {
    /// ground-truth.json of the benchmark: {id: {"articleBody": …}}.
    #[arg(long)]
    pub gold: PathBuf,
    /// Directory of the benchmark's pages (`<id>.html.gz` or `<id>.html`).
    #[arg(long)]
    pub pages: PathBuf,
    /// Also write the predictions ({id: {"articleBody": …}}) to this file,
    /// in the form extract_score.py reads.
    #[arg(long)]
    pub predictions: Option<PathBuf>,
}

/// Runs `marsad eval extract`: prints one JSON object with `f1`,
/// `precision`, `recall`, `pages`, `missing`, `pages_per_s`, `seconds`,
/// `errors`.
pub fn eval(a: EvalExtractArgs) -> anyhow::Result<ExitCode> {
    let pages = match marsad_extract::eval::load_benchmark(&a.gold, &a.pages) {
        Ok(p) => p,
        Err(e) => return super::usage(e),
    };
    if pages.iter().all(|p| p.html.is_none()) {
        return super::usage(format!(
            "{}: none of the {} pages named in {} is there (expected <id>.html.gz or <id>.html)",
            a.pages.display(),
            pages.len(),
            a.gold.display()
        ));
    }
    let (result, preds) = marsad_extract::eval::run_benchmark(&pages);
    if let Some(path) = &a.predictions {
        let obj: serde_json::Map<String, serde_json::Value> = preds
            .into_iter()
            .map(|(k, v)| (k, serde_json::json!({ "articleBody": v })))
            .collect();
        std::fs::write(path, serde_json::to_string(&obj)?)
            .map_err(|e| anyhow::anyhow!("{}: cannot write predictions: {e}", path.display()))?;
    }
    println!("{}", serde_json::to_string(&result)?);
    Ok(super::EXIT_OK)
}

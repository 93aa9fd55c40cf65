//! `marsad eval quotes`: quote detection and speaker accuracy on a gold set
//! of SaudiNewsNet articles (see `marsad_quotes::eval` for the format).

use clap::Args;
use marsad::{AnalyzeOptions, Pipeline};
use marsad_core::Source;
use std::path::Path;
use std::process::ExitCode;

/// Arguments of `marsad eval quotes`.
#[derive(Args)]
pub struct EvalQuotesArgs {
    /// Gold set (JSON Lines: archive, article URL, quotes with head/tail and
    /// acceptable speaker names).
    #[arg(
        long,
        default_value = "crates/marsad-quotes/tests/data/quotes-gold.jsonl"
    )]
    pub gold: String,
    /// Directory holding the SaudiNewsNet ZIP archives the gold set names.
    #[arg(long, default_value = "../shared/data/corpus/saudinewsnet")]
    pub corpus: String,
    /// Run the whole pipeline (extraction, NER, KB linking) on each article
    /// instead of the quote finder alone on its body.
    #[arg(long)]
    pub pipeline: bool,
    /// Also list every miss, false alarm and wrong speaker.
    #[arg(long)]
    pub errors: bool,
}

/// Runs `marsad eval quotes`: prints the metrics as JSON.
pub fn eval(a: EvalQuotesArgs) -> anyhow::Result<ExitCode> {
    use marsad_quotes::eval;
    let gold = match eval::load_gold(Path::new(&a.gold)) {
        Ok(g) => g,
        Err(e) => return super::usage(e),
    };
    let arts = match eval::load_articles(Path::new(&a.corpus), &gold) {
        Ok(x) => x,
        Err(e) => return super::usage(e),
    };
    let mut m = if a.pipeline {
        let p = Pipeline::bundled()?;
        let opts = AnalyzeOptions::default();
        eval::evaluate(&gold, &arts, false, |art| {
            let mut raw = marsad::RawDoc::new(
                art.content.clone().into_bytes(),
                marsad_extract::PageFormat::Text,
                Source {
                    url: Some(art.url.clone()),
                    format: "text".into(),
                    ..Default::default()
                },
            );
            raw.title = (!art.title.is_empty()).then(|| art.title.clone());
            match p.analyze(&raw, &opts) {
                Ok(d) => (d.text, d.quotes),
                Err(e) => {
                    eprintln!("marsad: {e}");
                    (String::new(), Vec::new())
                }
            }
        })?
    } else {
        eval::evaluate(&gold, &arts, true, eval::quotes_of_article)?
    };
    if !a.errors {
        m.errors.clear();
    }
    println!("{}", serde_json::to_string_pretty(&m)?);
    Ok(super::EXIT_OK)
}

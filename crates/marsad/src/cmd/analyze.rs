//! `marsad analyze`.

use super::{EXIT_FAILED, EXIT_OK};
use clap::Args;
use marsad::{AnalyzeOptions, InputFormat, Pipeline};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Arguments of `marsad analyze`.
#[derive(Args)]
pub struct AnalyzeArgs {
    /// Files or directories (recursed) to analyse; `-` reads stdin. `.gz` and
    /// `.zip` are read transparently.
    #[arg(default_value = "-")]
    pub inputs: Vec<String>,
    /// Publication date (ISO 8601) for pages that give none; anchors relative dates.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// URL to record for pages that give none.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Input format: auto, html, text, jsonl or warc.
    #[arg(long, default_value = "auto", value_name = "FORMAT")]
    pub format: InputFormat,
    /// Pretty-print each document (multi-line JSON) instead of JSON Lines.
    #[arg(long)]
    pub pretty: bool,
}

/// Runs `marsad analyze`.
pub fn run(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    if let Some(p) = &args.published {
        if !looks_like_iso_date(p) {
            return super::usage(format!("--published {p:?} is not an ISO 8601 date (e.g. 2015-11-23 or 2015-11-23T10:00:00Z)"));
        }
    }
    let pipeline = Pipeline::bundled()?;
    let opts = AnalyzeOptions {
        published: args.published.clone(),
        url: args.url.clone(),
    };
    let inputs = marsad::read_inputs(&args.inputs, args.format);
    let bar = progress_bar(inputs.len());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut ok, mut failed) = (0usize, 0usize);
    for item in inputs {
        let result = match item {
            Ok(raw) => pipeline.analyze(&raw, &opts).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        match result {
            Ok(doc) => {
                for w in &doc.warnings {
                    tracing::warn!("{}: {w}", doc.source.path.as_deref().unwrap_or("<stdin>"));
                }
                let line = if args.pretty {
                    serde_json::to_string_pretty(&doc)
                } else {
                    serde_json::to_string(&doc)
                }?;
                if writeln!(out, "{line}").is_err() {
                    // stdout closed (e.g. piped into `head`): stop quietly
                    return Ok(EXIT_OK);
                }
                ok += 1;
            }
            Err(e) => {
                if let Some(b) = &bar {
                    b.suspend(|| eprintln!("marsad: {e}"));
                } else {
                    eprintln!("marsad: {e}");
                }
                failed += 1;
            }
        }
        if let Some(b) = &bar {
            b.inc(1);
        }
    }
    let _ = out.flush();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    tracing::info!("{ok} documents written, {failed} failed");
    if failed > 0 {
        eprintln!("marsad: {failed} of {} documents failed", ok + failed);
        Ok(EXIT_FAILED)
    } else {
        Ok(EXIT_OK)
    }
}

fn progress_bar(n: usize) -> Option<indicatif::ProgressBar> {
    if n < 20 || !std::io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new(n as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} docs  {per_sec}  eta {eta}")
    {
        b.set_style(style);
    }
    Some(b)
}

/// YYYY, YYYY-MM, YYYY-MM-DD, optionally followed by a `T` time.
pub fn looks_like_iso_date(s: &str) -> bool {
    let date = s.split('T').next().unwrap_or("");
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

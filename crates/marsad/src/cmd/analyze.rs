//! `marsad analyze`.

use super::{EXIT_FAILED, EXIT_OK};
use clap::Args;
use marsad::{AnalyzeOptions, InputFormat, Pipeline, RawDoc};
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
    /// Analyser threads (default: one per core). Output keeps the input order.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Keep the attack and protest events the report-vs-mention filter
    /// scores as mentions (a trial, an anniversary, a topic); by default
    /// they are dropped. Kept or not, they carry their `confidence`.
    #[arg(long)]
    pub all_events: bool,
}

/// What an analyser thread hands back for one input, in input order.
struct Done {
    /// The serialized document, or the error naming the input.
    result: Result<String, String>,
    /// The document's name and warnings, logged when it is written.
    warnings: Option<(String, Vec<String>)>,
}

/// Runs `marsad analyze`.
///
/// Inputs are read lazily, one file at a time ([`marsad::inputs`]); `--jobs`
/// analyser threads work on the pages while the main thread writes them in
/// input order. At most `8 × jobs` pages are in flight (read, being analysed
/// or waiting for an earlier slow page), so memory stays bounded on an
/// archive of any size.
pub fn run(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    if let Some(p) = &args.published {
        if !looks_like_iso_date(p) {
            return super::usage(format!("--published {p:?} is not an ISO 8601 date (e.g. 2015-11-23 or 2015-11-23T10:00:00Z)"));
        }
    }
    if args.jobs == Some(0) {
        return super::usage("--jobs must be at least 1");
    }
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut pipeline = Pipeline::bundled()?;
    pipeline.keep_all_events(args.all_events);
    let opts = AnalyzeOptions {
        published: args.published.clone(),
        url: args.url.clone(),
    };
    let window = 8 * jobs;
    let bar = progress_bar();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut ok, mut failed) = (0usize, 0usize);
    let mut closed = false;
    let (work_tx, work_rx) = crossbeam_channel::bounded::<(usize, Result<RawDoc, String>)>(window);
    let (done_tx, done_rx) = crossbeam_channel::bounded::<(usize, Done)>(window);
    // credits bound the pages in flight, the reorder buffer included
    let (credit_tx, credit_rx) = crossbeam_channel::bounded::<()>(window);
    for _ in 0..window {
        let _ = credit_tx.send(());
    }
    let (pipeline, opts, pretty) = (&pipeline, &opts, args.pretty);
    let inputs = args.inputs.clone();
    let format = args.format;
    std::thread::scope(|s| {
        s.spawn(move || {
            for (i, item) in marsad::inputs(&inputs, format).enumerate() {
                if credit_rx.recv().is_err() {
                    break; // the writer stopped
                }
                if work_tx.send((i, item.map_err(|e| e.to_string()))).is_err() {
                    break;
                }
            }
        });
        for _ in 0..jobs {
            let (rx, tx) = (work_rx.clone(), done_tx.clone());
            s.spawn(move || {
                for (i, item) in rx {
                    let done = analyze_one(pipeline, opts, pretty, item);
                    if tx.send((i, done)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((work_rx, done_tx));
        let mut next = 0usize;
        let mut waiting = std::collections::BTreeMap::new();
        for (i, done) in &done_rx {
            waiting.insert(i, done);
            while let Some(done) = waiting.remove(&next) {
                next += 1;
                let _ = credit_tx.send(());
                if closed {
                    continue;
                }
                if let Some((name, warnings)) = &done.warnings {
                    for w in warnings {
                        tracing::warn!("{name}: {w}");
                    }
                }
                match done.result {
                    Ok(line) => {
                        if writeln!(out, "{line}").is_err() {
                            // stdout closed (e.g. piped into `head`): stop quietly
                            closed = true;
                            continue;
                        }
                        ok += 1;
                    }
                    Err(e) => {
                        say(&bar, &e);
                        failed += 1;
                    }
                }
                if let Some(b) = &bar {
                    b.inc(1);
                }
            }
            if closed {
                break;
            }
        }
        // unblock the reader and the analysers if the writer stopped early
        drop(done_rx);
        drop(credit_tx);
    });
    if closed {
        return Ok(EXIT_OK);
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

fn analyze_one(
    pipeline: &Pipeline,
    opts: &AnalyzeOptions,
    pretty: bool,
    item: Result<RawDoc, String>,
) -> Done {
    let doc = match item.and_then(|raw| pipeline.analyze(&raw, opts).map_err(|e| e.to_string())) {
        Ok(doc) => doc,
        Err(e) => {
            return Done {
                result: Err(e),
                warnings: None,
            }
        }
    };
    let json = if pretty {
        serde_json::to_string_pretty(&doc)
    } else {
        serde_json::to_string(&doc)
    };
    let name = doc
        .source
        .path
        .clone()
        .unwrap_or_else(|| "<stdin>".to_string());
    Done {
        result: json.map_err(|e| format!("{name}: cannot serialize the document: {e}")),
        warnings: Some((name, doc.warnings)),
    }
}

fn say(bar: &Option<indicatif::ProgressBar>, msg: &str) {
    match bar {
        Some(b) => b.suspend(|| eprintln!("marsad: {msg}")),
        None => eprintln!("marsad: {msg}"),
    }
}

fn progress_bar() -> Option<indicatif::ProgressBar> {
    // the number of pages is unknown until the last file is read: count them
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new_spinner();
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {pos} docs  {per_sec}  {elapsed}")
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

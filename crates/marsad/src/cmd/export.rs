//! `marsad export`: events (or documents) out of marsad/1 JSON Lines as
//! JSON Lines, CSV or GDELT 2.0 event rows.
//!
//! Reading documents is one function, [`read_documents`], so that a store
//! (`--db`) can become a second source without touching the writers.

use super::{EXIT_FAILED, EXIT_OK};
use clap::Args;
use marsad_core::Document;
use marsad_events::export;
use std::io::{BufRead, Write};
use std::process::ExitCode;

/// Arguments of `marsad export`.
#[derive(Args)]
pub struct ExportArgs {
    /// marsad/1 JSON Lines files to export from (`-` or nothing: stdin), as
    /// `marsad analyze` writes them.
    pub inputs: Vec<String>,
    /// Output format: jsonl (one full event per line, with its document's id,
    /// URL and sentence), csv (one event per row, with a header) or gdelt
    /// (GDELT 2.0 event rows: 61 tab-separated columns, no header).
    #[arg(long, default_value = "jsonl")]
    pub to: String,
    /// Only events dated on or after DATE (ISO 8601).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Read the documents from this database (written by `marsad ingest`)
    /// instead of JSON Lines.
    #[arg(long, value_name = "DB")]
    pub db: Option<String>,
}

/// Where documents come from, and what went wrong reading them.
pub struct Documents {
    /// The documents read.
    pub docs: Vec<Document>,
    /// One message per unreadable line or file (file:line: why).
    pub problems: Vec<String>,
}

/// Reads marsad/1 documents from JSON Lines files (or stdin for `-` or no
/// input). A bad line is reported and skipped; the rest are read.
pub fn read_documents(inputs: &[String]) -> Documents {
    let mut out = Documents {
        docs: Vec::new(),
        problems: Vec::new(),
    };
    let stdin_only = vec!["-".to_string()];
    let inputs = if inputs.is_empty() {
        &stdin_only
    } else {
        inputs
    };
    for name in inputs {
        let reader: Box<dyn BufRead> = if name == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            match std::fs::File::open(name) {
                Ok(f) => Box::new(std::io::BufReader::new(f)),
                Err(e) => {
                    out.problems.push(format!("{name}: {e}"));
                    continue;
                }
            }
        };
        let shown = if name == "-" {
            "<stdin>"
        } else {
            name.as_str()
        };
        for (i, line) in reader.lines().enumerate() {
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    out.problems.push(format!("{shown}:{}: {e}", i + 1));
                    break;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Document>(&line) {
                Ok(d) => out.docs.push(d),
                Err(e) => out.problems.push(format!(
                    "{shown}:{}: not a marsad/1 document ({e}); export reads what `marsad analyze` writes",
                    i + 1
                )),
            }
        }
    }
    out
}

/// Runs `marsad export`.
pub fn run(a: ExportArgs) -> anyhow::Result<ExitCode> {
    if !matches!(a.to.as_str(), "jsonl" | "csv" | "gdelt") {
        return super::usage(format!("--to {:?}: expected jsonl, csv or gdelt", a.to));
    }
    if let Some(s) = &a.since {
        if export::ymd(s).is_none() {
            return super::usage(format!(
                "--since {s:?} is not an ISO 8601 date (YYYY-MM-DD)"
            ));
        }
    }
    let read = match &a.db {
        Some(_) if !a.inputs.is_empty() => {
            return super::usage("give either --db or JSON Lines inputs, not both")
        }
        Some(db) => super::store::read_store_documents(db)?,
        None => read_documents(&a.inputs),
    };
    for p in &read.problems {
        eprintln!("marsad: {p}");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let added = export::now_stamp();
    if a.to == "csv" {
        writeln!(out, "{}", export::CSV_HEADER.join(","))?;
    }
    let since = a.since.as_deref().map(|s| &s[..s.len().min(10)]);
    for doc in &read.docs {
        for (i, e) in doc.events.iter().enumerate() {
            if let Some(s) = since {
                if e.date
                    .as_deref()
                    .is_none_or(|d| d.get(..10).unwrap_or(d) < s)
                {
                    continue;
                }
            }
            let line = match a.to.as_str() {
                "gdelt" => export::gdelt_row(doc, i, e, &added),
                "csv" => export::csv_row(doc, i, e),
                _ => serde_json::to_string(&export::jsonl_record(doc, i, e))?,
            };
            if writeln!(out, "{line}").is_err() {
                return Ok(EXIT_OK); // stdout closed (| head)
            }
        }
    }
    out.flush().ok();
    Ok(if read.problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_FAILED
    })
}

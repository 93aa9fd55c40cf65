//! `marsad ingest`, `serve`, `search`, `events`: the database side.
//!
//! Ingest runs three kinds of threads: one reader (files → raw pages, or
//! already-analysed marsad/1 documents), a pool of analysers (one per core)
//! and the caller as the single writer (SQLite has one writer; each document
//! is its own transaction, so a killed ingest loses nothing it committed and
//! a restart skips what is stored without analysing it again).

use super::{EXIT_FAILED, EXIT_OK};
use clap::Args;
use marsad::{AnalyzeOptions, InputFormat, Pipeline, RawDoc};
use marsad_core::Document;
use marsad_store::{EventFilter, Page, Put, SqliteStore, Store};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Instant;

/// Arguments of `marsad ingest`.
#[derive(Args)]
pub struct IngestArgs {
    /// Files, directories (recursed), `.zip`/`.gz` archives, JSON Lines, or
    /// `-` for stdin. JSON Lines of marsad/1 documents (the output of `marsad
    /// analyze`) are stored as they are, without analysing them again.
    #[arg(default_value = "-")]
    pub inputs: Vec<String>,
    /// The database file (created when missing).
    #[arg(long)]
    pub db: String,
    /// Input format: auto, html, text, jsonl or warc.
    #[arg(long, default_value = "auto", value_name = "FORMAT")]
    pub format: InputFormat,
    /// Publication date (ISO 8601) for pages that give none.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Analyser threads (default: one per core).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
}

/// Arguments of `marsad reanalyze`.
#[derive(Args)]
pub struct ReanalyzeArgs {
    /// The database file (must exist).
    #[arg(long)]
    pub db: String,
    /// Analyser threads (default: one per core).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
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
    /// The query: words (each must match; كتب finds كَتَبَ, رئيس finds
    /// الرئيس) and "quoted phrases".
    pub query: String,
    /// Number of hits.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print JSON Lines (one hit per line) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `marsad events`.
#[derive(Args)]
pub struct EventsArgs {
    /// The database file.
    #[arg(long)]
    pub db: String,
    /// Actor as source or target: entity key (mk:…), CAMEO code prefix (RUS) or name.
    #[arg(long)]
    pub actor: Option<String>,
    /// CAMEO event code prefix (19 = fight, 042 = make a visit).
    #[arg(long)]
    pub code: Option<String>,
    /// First day (YYYY-MM-DD), inclusive.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Last day (YYYY-MM-DD or a prefix such as YYYY-MM), inclusive.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Place: ISO 3166-1 alpha-3 country, entity key, or name.
    #[arg(long)]
    pub place: Option<String>,
    /// Maximum rows.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// Print JSON Lines instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// What the reader hands the analysers.
enum Work {
    /// A page to analyse.
    Raw(Box<RawDoc>),
    /// An already-analysed document.
    Ready(Box<Document>),
    /// An input that could not be read.
    Bad(String),
}

/// What the analysers hand the writer.
type Outcome = Result<Box<Document>, String>;

/// Runs `marsad ingest`.
pub fn ingest(a: IngestArgs) -> anyhow::Result<ExitCode> {
    if let Some(p) = &a.published {
        if !super::analyze::looks_like_iso_date(p) {
            return super::usage(format!(
                "--published {p:?} is not an ISO 8601 date (e.g. 2015-11-23)"
            ));
        }
    }
    let mut files = Vec::new();
    for i in &a.inputs {
        if i == "-" {
            files.push(None);
            continue;
        }
        let p = Path::new(i);
        if !p.exists() {
            return super::usage(format!("{i}: no such file or directory"));
        }
        files.extend(marsad_extract::list_files(p).into_iter().map(Some));
    }
    let mut store = SqliteStore::open(&a.db)
        .map_err(|e| anyhow::anyhow!("{}: cannot open the database: {e}", a.db))?;
    let known = store.ids()?;
    let total_bytes: u64 = files
        .iter()
        .flatten()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let bar = progress_bar(total_bytes);
    let jobs = a
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let opts = AnalyzeOptions {
        published: a.published.clone(),
        url: None,
    };
    let pipeline: OnceLock<Result<Pipeline, String>> = OnceLock::new();
    let (work_tx, work_rx) = crossbeam_channel::bounded::<Work>(jobs * 8);
    let (out_tx, out_rx) = crossbeam_channel::bounded::<Outcome>(jobs * 8);
    let start = Instant::now();
    let (mut inserted, mut existed, mut failed) = (0usize, 0usize, 0usize);
    let mut skipped = 0usize;
    let format = a.format;
    std::thread::scope(|s| {
        // reader
        let bar_r = bar.clone();
        let known = &known;
        let reader = s.spawn(move || {
            let mut skipped = 0usize;
            'files: for f in &files {
                // the bar moves by the file's bytes, spread over its documents
                let works = read_one(f.as_deref(), format);
                let size = f
                    .as_deref()
                    .and_then(|p| std::fs::metadata(p).ok())
                    .map_or(0, |m| m.len());
                let per = size / (works.len().max(1) as u64);
                let mut moved = 0;
                for w in works {
                    if let Some(b) = &bar_r {
                        b.inc(per);
                        moved += per;
                    }
                    let w = match w {
                        Work::Raw(r) if known.contains(&raw_id(&r)) => {
                            skipped += 1;
                            continue;
                        }
                        Work::Ready(d) if known.contains(&d.id) => {
                            skipped += 1;
                            continue;
                        }
                        w => w,
                    };
                    if work_tx.send(w).is_err() {
                        break 'files;
                    }
                }
                if let Some(b) = &bar_r {
                    b.inc(size.saturating_sub(moved));
                }
            }
            skipped
        });
        // analysers
        for _ in 0..jobs {
            let rx = work_rx.clone();
            let tx = out_tx.clone();
            let (pipeline, opts) = (&pipeline, &opts);
            s.spawn(move || {
                for w in rx {
                    let out = match w {
                        Work::Bad(e) => Err(e),
                        Work::Ready(d) => Ok(d),
                        Work::Raw(raw) => {
                            match pipeline
                                .get_or_init(|| Pipeline::bundled().map_err(|e| format!("{e:#}")))
                            {
                                Ok(p) => p
                                    .analyze(&raw, opts)
                                    .map(Box::new)
                                    .map_err(|e| e.to_string()),
                                Err(e) => Err(format!(
                                    "{}: cannot load the pipeline's models: {e}",
                                    raw.name()
                                )),
                            }
                        }
                    };
                    if tx.send(out).is_err() {
                        break;
                    }
                }
            });
        }
        drop(work_rx);
        drop(out_tx);
        // writer (this thread)
        let mut last_msg = Instant::now();
        for out in out_rx {
            match out {
                Ok(doc) => match store.put(&doc) {
                    Ok(Put::Inserted) => inserted += 1,
                    Ok(Put::Existed) => existed += 1,
                    Err(e) => {
                        failed += 1;
                        say(&bar, &format!("{}: not stored: {e}", doc_name(&doc)));
                    }
                },
                Err(e) => {
                    failed += 1;
                    say(&bar, &e);
                }
            }
            if let Some(b) = &bar {
                if last_msg.elapsed().as_millis() > 250 {
                    last_msg = Instant::now();
                    let n = inserted + existed;
                    let rate = n as f64 / start.elapsed().as_secs_f64().max(1e-3);
                    b.set_message(format!("{n} docs  {rate:.1} docs/s  {failed} failed"));
                }
            }
        }
        skipped = reader.join().unwrap_or(0);
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let secs = start.elapsed().as_secs_f64();
    let done = inserted + existed;
    eprintln!(
        "marsad: {inserted} stored, {} already stored, {failed} failed; {done} analysed in {secs:.1}s ({:.1} docs/s) into {}",
        existed + skipped,
        done as f64 / secs.max(1e-3),
        a.db
    );
    if failed > 0 {
        eprintln!(
            "marsad: {failed} of {} documents failed (each named above)",
            done + failed
        );
        return Ok(EXIT_FAILED);
    }
    Ok(EXIT_OK)
}

/// Runs `marsad reanalyze`: every stored document goes through the current
/// pipeline again from its stored text (sentences → NER → values → KB →
/// quotes → events) and its layers are replaced, one transaction per
/// document. Text, title, dates and the search index are unchanged, so the
/// run can be stopped and started again; each restart redoes every document.
pub fn reanalyze(a: ReanalyzeArgs) -> anyhow::Result<ExitCode> {
    if !Path::new(&a.db).is_file() {
        return super::usage(format!(
            "{}: no such database (create one with `marsad ingest`)",
            a.db
        ));
    }
    if a.jobs == Some(0) {
        return super::usage("--jobs must be at least 1");
    }
    let jobs = a
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut store = SqliteStore::open(&a.db)
        .map_err(|e| anyhow::anyhow!("{}: cannot open the database: {e}", a.db))?;
    let mut ids: Vec<String> = store.ids()?.into_iter().collect();
    ids.sort();
    let total = ids.len();
    let pipeline = Pipeline::bundled()?;
    let bar = count_bar(total as u64);
    let start = Instant::now();
    let (mut done, mut failed) = (0usize, 0usize);
    let (work_tx, work_rx) = crossbeam_channel::bounded::<Outcome>(jobs * 8);
    let (out_tx, out_rx) = crossbeam_channel::bounded::<Outcome>(jobs * 8);
    let db = a.db.clone();
    std::thread::scope(|s| {
        // reader: its own read-only connection, one short read per document
        s.spawn(move || {
            let reader = match SqliteStore::open_read_only(&db) {
                Ok(r) => r,
                Err(e) => {
                    let _ = work_tx.send(Err(format!("{db}: cannot open for reading: {e}")));
                    return;
                }
            };
            for id in ids {
                let item = match reader.document(&id) {
                    Ok(Some(d)) => Ok(Box::new(d)),
                    Ok(None) => continue, // removed meanwhile
                    Err(e) => Err(format!("document {id}: cannot be read back: {e}")),
                };
                if work_tx.send(item).is_err() {
                    break;
                }
            }
        });
        for _ in 0..jobs {
            let (rx, tx, pipeline) = (work_rx.clone(), out_tx.clone(), &pipeline);
            s.spawn(move || {
                for item in rx {
                    let out = item.and_then(|mut d| {
                        pipeline.annotate(&mut d).map_err(|e| e.to_string())?;
                        Ok(d)
                    });
                    if tx.send(out).is_err() {
                        break;
                    }
                }
            });
        }
        drop((work_rx, out_tx));
        for out in out_rx {
            match out.and_then(|d| {
                store
                    .replace_layers(&d)
                    .map_err(|e| format!("{}: not updated: {e}", doc_name(&d)))
            }) {
                Ok(()) => done += 1,
                Err(e) => {
                    failed += 1;
                    say(&bar, &e);
                }
            }
            if let Some(b) = &bar {
                b.inc(1);
            }
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "marsad: {done} of {total} documents re-analysed in {secs:.1}s ({:.1} docs/s), {failed} failed, in {}",
        done as f64 / secs.max(1e-3),
        a.db
    );
    Ok(if failed > 0 { EXIT_FAILED } else { EXIT_OK })
}

fn count_bar(n: u64) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new(n.max(1));
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} docs  {per_sec}  eta {eta}")
    {
        b.set_style(style);
    }
    Some(b)
}

fn say(bar: &Option<indicatif::ProgressBar>, msg: &str) {
    match bar {
        Some(b) => b.suspend(|| eprintln!("marsad: {msg}")),
        None => eprintln!("marsad: {msg}"),
    }
}

fn doc_name(d: &Document) -> String {
    d.source
        .path
        .clone()
        .or_else(|| d.source.url.clone())
        .unwrap_or_else(|| d.id.clone())
}

/// The id [`Pipeline::analyze`] will give a page (the id given beside it,
/// else the hash of its bytes), known before analysing it so that a restart
/// skips stored pages.
fn raw_id(raw: &RawDoc) -> String {
    raw.id
        .clone()
        .unwrap_or_else(|| marsad_core::stable_id(&raw.body))
}

/// Reads one input: marsad/1 JSON Lines become ready documents, anything
/// else goes through the pipeline's reader.
fn read_one(path: Option<&Path>, format: InputFormat) -> Vec<Work> {
    let name = path.map_or("<stdin>".to_string(), |p| p.display().to_string());
    let lower = name.to_lowercase();
    let jsonish = path.is_none()
        || [
            ".jsonl",
            ".json",
            ".ndjson",
            ".jsonl.gz",
            ".json.gz",
            ".ndjson.gz",
        ]
        .iter()
        .any(|e| lower.ends_with(e));
    let mut bytes = None;
    if jsonish && matches!(format, InputFormat::Auto | InputFormat::Jsonl) {
        let mut b = Vec::new();
        let r = match path {
            Some(p) => std::fs::File::open(p).and_then(|mut f| f.read_to_end(&mut b)),
            None => std::io::stdin().read_to_end(&mut b),
        };
        if let Err(e) = r {
            return vec![Work::Bad(format!("{name}: cannot read: {e}"))];
        }
        if b.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            if let Err(e) = flate2_read(&b, &mut out) {
                return vec![Work::Bad(format!("{name}: corrupt gzip data: {e}"))];
            }
            b = out;
        }
        if is_marsad_jsonl(&b) {
            return marsad_docs(&name, &b);
        }
        bytes = Some(b);
    }
    let items = match (path, bytes) {
        (Some(p), _) => marsad_extract_read(p, format),
        (None, Some(b)) => {
            let head = String::from_utf8_lossy(&b[..b.len().min(64)])
                .trim_start()
                .to_string();
            if head.starts_with('{') || head.starts_with('[') {
                marsad_extract::input::json_records("<stdin>", &b)
                    .into_iter()
                    .map(|r| r.map_err(|e| e.to_string()))
                    .collect()
            } else {
                // stdin was consumed: let the reader sniff its bytes from a file
                match tempfile_with(&b) {
                    Ok(t) => {
                        let v = marsad_extract_read(&t, format);
                        let _ = std::fs::remove_file(&t);
                        v
                    }
                    Err(e) => return vec![Work::Bad(format!("<stdin>: {e}"))],
                }
            }
        }
        (None, None) => marsad::read_inputs(&["-".to_string()], format)
            .into_iter()
            .map(|r| r.map_err(|e| e.to_string()))
            .collect(),
    };
    items
        .into_iter()
        .map(|r| match r {
            Ok(raw) => Work::Raw(Box::new(raw)),
            Err(e) => Work::Bad(e),
        })
        .collect()
}

fn marsad_extract_read(p: &Path, format: InputFormat) -> Vec<Result<RawDoc, String>> {
    marsad::read_inputs(&[p.display().to_string()], format)
        .into_iter()
        .map(|r| r.map_err(|e| e.to_string()))
        .collect()
}

fn tempfile_with(b: &[u8]) -> std::io::Result<PathBuf> {
    let p = std::env::temp_dir().join(format!("marsad-stdin-{}", std::process::id()));
    std::fs::write(&p, b)?;
    Ok(p)
}

fn flate2_read(b: &[u8], out: &mut Vec<u8>) -> std::io::Result<usize> {
    flate2::read::MultiGzDecoder::new(b).read_to_end(out)
}

/// True when the first non-blank line is a JSON object with
/// `"schema": "marsad/1"`.
fn is_marsad_jsonl(b: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&b[..b.len().min(1 << 20)]);
    let Some(first) = text.lines().map(str::trim).find(|l| !l.is_empty()) else {
        return false;
    };
    if !first.starts_with('{') || !first.contains(marsad_core::SCHEMA) {
        return false;
    }
    // a complete first line parses; a huge one (cut at 1 MiB) is checked by key
    match serde_json::from_str::<serde_json::Value>(first) {
        Ok(v) => v.get("schema").and_then(|s| s.as_str()) == Some(marsad_core::SCHEMA),
        Err(_) => {
            first.contains(&format!("\"schema\":\"{}\"", marsad_core::SCHEMA))
                || first.contains(&format!("\"schema\": \"{}\"", marsad_core::SCHEMA))
        }
    }
}

fn marsad_docs(name: &str, b: &[u8]) -> Vec<Work> {
    let text = String::from_utf8_lossy(b);
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Document>(line) {
            Ok(d) => match d.validate() {
                Ok(()) => out.push(Work::Ready(Box::new(d))),
                Err(e) => out.push(Work::Bad(format!(
                    "{name}: line {}: invalid marsad/1 document: {e}",
                    i + 1
                ))),
            },
            Err(e) => out.push(Work::Bad(format!(
                "{name}: line {}: not a marsad/1 document: {e}",
                i + 1
            ))),
        }
    }
    out
}

fn progress_bar(total_bytes: u64) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new(total_bytes.max(1));
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes}  {msg}  eta {eta}")
    {
        b.set_style(style);
    }
    b.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(b)
}

/// Runs `marsad serve`.
pub fn serve(a: ServeArgs) -> anyhow::Result<ExitCode> {
    if !Path::new(&a.db).exists() {
        return super::usage(format!(
            "{}: no such database; create it with `marsad ingest PAGES --db {}`",
            a.db, a.db
        ));
    }
    // make sure the schema is current before readers open it read-only
    drop(SqliteStore::open(&a.db).map_err(|e| anyhow::anyhow!("{}: {e}", a.db))?);
    let addr: std::net::SocketAddr = match a.addr.parse() {
        Ok(x) => x,
        Err(e) => {
            return super::usage(format!(
                "--addr {:?}: {e} (use e.g. 127.0.0.1:8080)",
                a.addr
            ))
        }
    };
    marsad_server::serve_blocking(&a.db, addr, |bound| {
        eprintln!("marsad: serving {} on http://{bound}/ (Ctrl-C stops)", a.db);
    })?;
    Ok(EXIT_OK)
}

/// Runs `marsad search`.
pub fn search(a: SearchArgs) -> anyhow::Result<ExitCode> {
    let s = open_existing(&a.db)?;
    let r = s.search(
        &a.query,
        Page {
            limit: a.limit,
            offset: 0,
        },
    )?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if a.json {
        for h in &r.hits {
            writeln!(out, "{}", serde_json::to_string(h)?)?;
        }
        return Ok(EXIT_OK);
    }
    let bold = std::io::stdout().is_terminal();
    writeln!(out, "{} documents match {:?}", r.total, a.query)?;
    for (i, h) in r.hits.iter().enumerate() {
        writeln!(
            out,
            "\n{}. {}  [{}]  {}  score {:.2}",
            i + 1,
            h.doc.title.as_deref().unwrap_or("(no title)"),
            h.doc.id,
            h.doc.published.as_deref().unwrap_or(""),
            h.score
        )?;
        writeln!(out, "   {}", marked(&h.snippet, bold))?;
    }
    Ok(EXIT_OK)
}

/// The snippet with hits in bold (terminal) or between `**` (pipes).
fn marked(s: &marsad_store::Snippet, bold: bool) -> String {
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    let chars: Vec<char> = s.text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for [a, b] in &s.highlights {
        let (a, b) = ((*a).min(chars.len()), (*b).min(chars.len()));
        if a < at {
            continue;
        }
        out.extend(&chars[at..a]);
        out.push_str(open);
        out.extend(&chars[a..b]);
        out.push_str(close);
        at = b;
    }
    out.extend(&chars[at.min(chars.len())..]);
    out
}

fn open_existing(db: &str) -> anyhow::Result<SqliteStore> {
    if !Path::new(db).exists() {
        anyhow::bail!("{db}: no such database; create it with `marsad ingest PAGES --db {db}`");
    }
    SqliteStore::open(db).map_err(|e| anyhow::anyhow!("{db}: {e}"))
}

/// Runs `marsad events`.
pub fn events(a: EventsArgs) -> anyhow::Result<ExitCode> {
    for d in [&a.since, &a.until].into_iter().flatten() {
        if !super::analyze::looks_like_iso_date(d) {
            return super::usage(format!("{d:?} is not a date: use YYYY-MM-DD (or YYYY-MM)"));
        }
    }
    let s = open_existing(&a.db)?;
    let f = EventFilter {
        actor: a.actor,
        code: a.code,
        since: a.since,
        until: a.until,
        place: a.place,
        doc: None,
        limit: a.limit,
        offset: 0,
    };
    let rows = s.events(&f)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for r in &rows {
        if a.json {
            writeln!(out, "{}", serde_json::to_string(r)?)?;
        } else {
            writeln!(
                out,
                "{}\t{}\t{}\t{} -> {}\t{}\t{}",
                r.day.as_deref().unwrap_or("-"),
                r.cameo,
                r.plover,
                r.source,
                r.target.as_deref().unwrap_or("-"),
                r.place.as_deref().unwrap_or("-"),
                r.doc
            )?;
        }
    }
    if !a.json {
        eprintln!("marsad: {} events", rows.len());
    }
    Ok(EXIT_OK)
}

/// Every document of a database, for `marsad export --db` (documents that
/// cannot be read back are reported as problems, the rest exported).
pub fn read_store_documents(db: &str) -> anyhow::Result<super::export::Documents> {
    let s = open_existing(db)?;
    let mut out = super::export::Documents {
        docs: Vec::new(),
        problems: Vec::new(),
    };
    s.for_each_document(&mut |d| {
        out.docs.push(d);
        true
    })
    .map_err(|e| anyhow::anyhow!("{db}: {e}"))?;
    Ok(out)
}

//! Inputs: paths, directories, stdin, `.gz`, `.zip`, JSON Lines and JSON
//! arrays, archives, each turned into [`RawDoc`]s.
//!
//! Every failure is per document ([`InputError`] names the file, the line or
//! record, and the problem), so one bad file never stops a batch.

use crate::{PageFormat, RawDoc};
use marsad_core::Source;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The `--format` of the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Decide per file from its name, then its first bytes.
    #[default]
    Auto,
    /// HTML pages.
    Html,
    /// Scraped text pages.
    Text,
    /// JSON Lines (or one JSON array) of objects with `text`/`content` or `html`.
    Jsonl,
    /// WARC or ARC archives.
    Warc,
}

impl std::str::FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "auto" => InputFormat::Auto,
            "html" => InputFormat::Html,
            "text" | "txt" => InputFormat::Text,
            "jsonl" | "json" => InputFormat::Jsonl,
            "warc" | "arc" => InputFormat::Warc,
            _ => {
                return Err(format!(
                    "unknown format {s:?}: use auto, html, text, jsonl or warc"
                ))
            }
        })
    }
}

/// Why an input yielded no page.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// A compressed file is corrupt.
    #[error("{path}: corrupt {what} data: {detail}")]
    Corrupt {
        /// The file.
        path: String,
        /// gzip, zip …
        what: &'static str,
        /// Decoder message.
        detail: String,
    },
    /// One record (JSON line, array element, archive record) is bad.
    #[error("{path}: {record}: {detail}")]
    Record {
        /// The file.
        path: String,
        /// Which record ("line 12", "element 3", a WARC record id).
        record: String,
        /// What is wrong and what to do.
        detail: String,
    },
}

/// Reads every page under `path` (a file or a directory, recursed in sorted
/// order). `url` and `published` are applied to every page that has none.
pub fn read_path(path: &Path, format: InputFormat) -> Vec<Result<RawDoc, InputError>> {
    let mut out = Vec::new();
    for f in list_files(path) {
        out.extend(read_file(&f, format));
    }
    out
}

/// The files [`read_path`] would read, in its order: `path` itself, or every
/// file under the directory `path` (recursed, hidden entries skipped, sorted).
/// Listing first and reading each file when it is reached keeps a batch over a
/// large archive at one file in memory (see `marsad::inputs`). A directory
/// that cannot be listed is returned as itself, so reading it reports the error.
pub fn list_files(path: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if path.is_dir() {
        collect_files(path, &mut files);
        files.sort();
    } else {
        files.push(path.to_path_buf());
    }
    files
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf()); // reading it later reports the error
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if p.is_dir() {
            collect_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Reads pages from standard input.
pub fn read_stdin(format: InputFormat) -> Vec<Result<RawDoc, InputError>> {
    let mut buf = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut buf) {
        return vec![Err(InputError::Io {
            path: "<stdin>".into(),
            source: e,
        })];
    }
    let buf = match gunzip_if_needed("<stdin>", buf) {
        Ok(b) => b,
        Err(e) => return vec![Err(e)],
    };
    from_bytes("<stdin>", None, buf, format)
}

fn read_file(path: &Path, format: InputFormat) -> Vec<Result<RawDoc, InputError>> {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return vec![Err(InputError::Io {
                path: name,
                source: e,
            })]
        }
    };
    let lower = name.to_lowercase();
    if lower.ends_with(".zip") {
        return read_zip(&name, bytes, format);
    }
    let is_archive = lower.ends_with(".warc.gz")
        || lower.ends_with(".warc")
        || lower.ends_with(".arc.gz")
        || lower.ends_with(".arc");
    if format == InputFormat::Warc || (format == InputFormat::Auto && is_archive) {
        // archives keep per-record gzip members: the reader handles them
        return crate::input::warc_records(&name, &bytes);
    }
    let bytes = match gunzip_if_needed(&name, bytes) {
        Ok(b) => b,
        Err(e) => return vec![Err(e)],
    };
    let inner = lower.trim_end_matches(".gz");
    from_bytes(&name, Some(inner), bytes, format)
}

fn read_zip(name: &str, bytes: Vec<u8>, format: InputFormat) -> Vec<Result<RawDoc, InputError>> {
    let mut zip = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => {
            return vec![Err(InputError::Corrupt {
                path: name.into(),
                what: "zip",
                detail: e.to_string(),
            })]
        }
    };
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = match zip.by_index(i) {
            Ok(f) => f,
            Err(e) => {
                out.push(Err(InputError::Corrupt {
                    path: name.into(),
                    what: "zip",
                    detail: format!("member {i}: {e}"),
                }));
                continue;
            }
        };
        if f.is_dir() {
            continue;
        }
        let member = format!("{name}!{}", f.name());
        let mut buf = Vec::new();
        if let Err(e) = f.read_to_end(&mut buf) {
            out.push(Err(InputError::Corrupt {
                path: member,
                what: "zip",
                detail: e.to_string(),
            }));
            continue;
        }
        let lower = member.to_lowercase();
        out.extend(from_bytes(
            &member,
            Some(lower.trim_end_matches(".gz")),
            buf,
            format,
        ));
    }
    out
}

/// Gunzips `bytes` when they start with the gzip magic (any file name).
fn gunzip_if_needed(name: &str, bytes: Vec<u8>) -> Result<Vec<u8>, InputError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        let mut d = flate2::read::MultiGzDecoder::new(&bytes[..]);
        d.read_to_end(&mut out).map_err(|e| InputError::Corrupt {
            path: name.into(),
            what: "gzip",
            detail: e.to_string(),
        })?;
        Ok(out)
    } else {
        Ok(bytes)
    }
}

/// Decides the format of one file from its name, then its first bytes.
fn sniff(name: Option<&str>, bytes: &[u8]) -> InputFormat {
    if let Some(n) = name {
        for (ext, f) in [
            (".html", InputFormat::Html),
            (".htm", InputFormat::Html),
            (".xhtml", InputFormat::Html),
            (".txt", InputFormat::Text),
            (".text", InputFormat::Text),
            (".jsonl", InputFormat::Jsonl),
            (".ndjson", InputFormat::Jsonl),
            (".json", InputFormat::Jsonl),
            (".warc", InputFormat::Warc),
            (".arc", InputFormat::Warc),
        ] {
            if n.ends_with(ext) {
                return f;
            }
        }
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("warc/") || t.starts_with("filedesc://") {
        InputFormat::Warc
    } else if t.starts_with('{') || t.starts_with('[') {
        InputFormat::Jsonl
    } else if t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || head.contains("<body")
        || head.contains("<head")
        || (t.starts_with('<') && head.contains("</"))
    {
        InputFormat::Html
    } else {
        InputFormat::Text
    }
}

fn file_source(name: &str, format: &str) -> Source {
    Source {
        path: Some(name.to_string()),
        url: None,
        encoding: String::new(),
        format: format.to_string(),
        record: None,
    }
}

fn from_bytes(
    name: &str,
    lower: Option<&str>,
    bytes: Vec<u8>,
    format: InputFormat,
) -> Vec<Result<RawDoc, InputError>> {
    let format = if format == InputFormat::Auto {
        sniff(lower, &bytes)
    } else {
        format
    };
    match format {
        InputFormat::Html | InputFormat::Auto => vec![Ok(RawDoc::new(
            bytes,
            PageFormat::Html,
            file_source(name, "html"),
        ))],
        InputFormat::Text => vec![Ok(RawDoc::new(
            bytes,
            PageFormat::Text,
            file_source(name, "text"),
        ))],
        InputFormat::Jsonl => json_records(name, &bytes),
        InputFormat::Warc => warc_records(name, &bytes),
    }
}

/// Reads JSON Lines, or one JSON array of objects (the SaudiNewsNet files).
/// Each object needs `html`, `text` or `content`; `title`, `url`,
/// `published` (or `date_extracted`, `date`) and `id` are optional.
pub fn json_records(name: &str, bytes: &[u8]) -> Vec<Result<RawDoc, InputError>> {
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        Ok(t) => t,
        Err(e) => {
            return vec![Err(InputError::Record {
                path: name.into(),
                record: format!("byte {}", e.valid_up_to()),
                detail: "JSON input is not valid UTF-8; re-encode the file as UTF-8".into(),
            })]
        }
    };
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        return match serde_json::from_str::<Vec<serde_json::Value>>(trimmed) {
            Ok(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| json_doc(name, &format!("element {}", i + 1), v))
                .collect(),
            Err(e) => vec![Err(InputError::Record {
                path: name.into(),
                record: format!("line {}", e.line()),
                detail: format!("not a valid JSON array: {e}"),
            })],
        };
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let rec = format!("line {}", i + 1);
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(v) => out.push(json_doc(name, &rec, v)),
            Err(e) => out.push(Err(InputError::Record {
                path: name.into(),
                record: rec,
                detail: format!("not valid JSON: {e}"),
            })),
        }
    }
    out
}

fn json_doc(name: &str, rec: &str, v: serde_json::Value) -> Result<RawDoc, InputError> {
    let err = |detail: String| InputError::Record {
        path: name.into(),
        record: rec.into(),
        detail,
    };
    let obj = v.as_object().ok_or_else(|| {
        err("expected a JSON object with a `text`, `content` or `html` field".into())
    })?;
    let get = |k: &str| {
        obj.get(k)
            .and_then(|x| x.as_str())
            .map(str::to_string)
            .filter(|s| !s.trim().is_empty())
    };
    let (body, format) = if let Some(h) = get("html") {
        (h, PageFormat::Html)
    } else if let Some(t) = get("text").or_else(|| get("content")) {
        (t, PageFormat::Text)
    } else {
        return Err(err(
            "no `text`, `content` or `html` field with text in it".into()
        ));
    };
    let mut source = file_source(name, "jsonl");
    source.url = get("url");
    source.record = Some(rec.to_string());
    let mut raw = RawDoc::new(body.into_bytes(), format, source);
    raw.title = get("title");
    raw.published = get("published")
        .or_else(|| get("date_published"))
        .or_else(|| get("date"))
        .or_else(|| get("date_extracted"))
        .map(|d| iso_date(&d));
    raw.id = get("id");
    if raw.id.is_none() {
        if let Some(u) = &raw.source.url {
            raw.id = Some(marsad_core::stable_id(u.as_bytes()));
        }
    }
    Ok(raw)
}

/// "2015-07-21 02:51:32" → "2015-07-21T02:51:32"; anything else unchanged.
fn iso_date(s: &str) -> String {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() == 19 && b[10] == b' ' && b[4] == b'-' && b[7] == b'-' {
        format!("{}T{}", &s[..10], &s[11..])
    } else {
        s.to_string()
    }
}

/// Reads the HTML response records of a WARC or ARC archive (see
/// [`crate::warc`]): one page per record, one error per damaged record.
pub fn warc_records(name: &str, bytes: &[u8]) -> Vec<Result<RawDoc, InputError>> {
    crate::warc::read_archive(name, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json_arrays_and_lines_with_per_record_errors() {
        let arr = br#"[{"content":"\u0646\u0635","title":"t","url":"u","date_extracted":"2015-07-21 02:51:32"},{"title":"no body"}]"#;
        let docs = json_records("a.json", arr);
        assert_eq!(docs.len(), 2);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.published.as_deref(), Some("2015-07-21T02:51:32"));
        assert_eq!(d.format, PageFormat::Text);
        let e = docs[1].as_ref().unwrap_err().to_string();
        assert!(e.contains("a.json") && e.contains("element 2"), "{e}");

        let lines = b"{\"html\":\"<p>x</p>\"}\nnot json\n";
        let docs = json_records("b.jsonl", lines);
        assert!(docs[0].is_ok());
        assert!(docs[1].as_ref().unwrap_err().to_string().contains("line 2"));
    }

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff(None, b"<!DOCTYPE html><html>"), InputFormat::Html);
        assert_eq!(sniff(None, "عنوان\nنص".as_bytes()), InputFormat::Text);
        assert_eq!(sniff(None, b"WARC/1.0\r\n"), InputFormat::Warc);
        assert_eq!(sniff(Some("x.jsonl"), b"{}"), InputFormat::Jsonl);
    }
}

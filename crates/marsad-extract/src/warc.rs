//! WARC (1.0/1.1) and ARC (v1/v2) archives, plain or gzipped per record.
//!
//! Only HTTP responses that carry HTML become [`RawDoc`]s: `response` (and
//! `resource`) records with a 2xx status and an HTML content type (or HTML
//! bytes when the type is missing). `request`, `metadata`, `warcinfo`,
//! `revisit` records, redirects and non-HTML payloads are skipped silently.
//! From each record the page keeps: the target URI (`source.url`), the
//! `WARC-Record-ID` (`source.record`), the HTTP `Content-Type` charset
//! (`http_charset`) and the `WARC-Date` (`published`, used only when the page
//! itself names no date).
//!
//! Damage is per record: a corrupt gzip member, a truncated record, a bad
//! header is one [`InputError`] naming the archive and the record, and
//! reading resumes at the next member or the next `WARC/` line.
//!
//! Hand-written rather than a crate: it must read ARC as well as WARC,
//! resynchronise after damage, and report per record; the format is small.

use crate::input::InputError;
use crate::{PageFormat, RawDoc};
use marsad_core::Source;
use std::io::Read;

/// Archive records larger than this are skipped with an error (a page is
/// refused over [`crate::MAX_PAGE_BYTES`] anyway).
const MAX_RECORD: usize = 256 << 20;

/// Reads the HTML responses of a WARC or ARC archive (`bytes` as stored:
/// gzipped per record, gzipped whole, or plain).
pub fn read_archive(name: &str, bytes: &[u8]) -> Vec<Result<RawDoc, InputError>> {
    let mut out = Vec::new();
    for seg in segments(name, bytes, &mut out) {
        parse_segment(name, &seg, &mut out);
    }
    out
}

/// Decompresses gzip members one by one. Consecutive good members are
/// joined into one segment; a bad member is an error and starts a new
/// segment after it (at the next gzip magic).
fn segments(name: &str, bytes: &[u8], out: &mut Vec<Result<RawDoc, InputError>>) -> Vec<Vec<u8>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return vec![bytes.to_vec()];
    }
    let mut segs = Vec::new();
    let mut cur = Vec::new();
    let mut pos = 0usize;
    let mut member = 0usize;
    while pos < bytes.len() {
        member += 1;
        let mut dec = flate2::bufread::GzDecoder::new(&bytes[pos..]);
        let mut buf = Vec::new();
        let res = (&mut dec).take(MAX_RECORD as u64 + 1).read_to_end(&mut buf);
        let rest = dec.into_inner().len();
        let consumed = bytes.len() - pos - rest;
        match res {
            Ok(_) if buf.len() <= MAX_RECORD && consumed > 0 => {
                cur.extend_from_slice(&buf);
                pos += consumed;
            }
            other => {
                let detail = match other {
                    Err(e) => e.to_string(),
                    Ok(_) => format!("member over {MAX_RECORD} bytes"),
                };
                out.push(Err(InputError::Corrupt {
                    path: name.into(),
                    what: "gzip",
                    detail: format!("member {member} at byte {pos}: {detail}; skipped"),
                }));
                if !cur.is_empty() {
                    segs.push(std::mem::take(&mut cur));
                }
                // resync at the next gzip header
                match find(&bytes[pos + 1..], &[0x1f, 0x8b, 0x08]) {
                    Some(p) => pos = pos + 1 + p,
                    None => break,
                }
            }
        }
        // skip zero padding between members
        while pos < bytes.len() && bytes[pos] == 0 {
            pos += 1;
        }
    }
    if !cur.is_empty() {
        segs.push(cur);
    }
    segs
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

/// Index just after the end of the header block starting at `from` (blank
/// line, CRLF or LF), and the header text.
fn header_block(b: &[u8], from: usize) -> Option<(usize, &[u8])> {
    let rest = &b[from..];
    let crlf = find(rest, b"\r\n\r\n").map(|p| (p, 4));
    let lf = find(rest, b"\n\n").map(|p| (p, 2));
    let (p, l) = match (crlf, lf) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => return None,
    };
    Some((from + p + l, &rest[..p]))
}

fn header_value<'a>(head: &'a str, key: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case(key).then(|| v.trim())
    })
}

fn parse_segment(name: &str, b: &[u8], out: &mut Vec<Result<RawDoc, InputError>>) {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    if b[start..].starts_with(b"filedesc://") {
        parse_arc(name, b, start, out);
    } else {
        parse_warc(name, b, start, out);
    }
}

fn parse_warc(name: &str, b: &[u8], mut pos: usize, out: &mut Vec<Result<RawDoc, InputError>>) {
    let mut n = 0usize;
    while pos < b.len() {
        // skip blank lines between records
        while pos < b.len() && (b[pos] == b'\r' || b[pos] == b'\n') {
            pos += 1;
        }
        if pos >= b.len() {
            break;
        }
        n += 1;
        let rec_name = format!("record {n} at byte {pos}");
        let resync = |pos: usize| find(&b[pos + 1..], b"\nWARC/").map(|p| pos + 1 + p + 1);
        if !b[pos..].starts_with(b"WARC/") {
            out.push(Err(InputError::Record {
                path: name.into(),
                record: rec_name,
                detail: "expected a `WARC/` record header; skipped to the next record".into(),
            }));
            match resync(pos) {
                Some(p) => {
                    pos = p;
                    continue;
                }
                None => break,
            }
        }
        let Some((body_start, head)) = header_block(b, pos) else {
            out.push(Err(InputError::Record {
                path: name.into(),
                record: rec_name,
                detail: "truncated WARC header (no blank line after it)".into(),
            }));
            break;
        };
        let head = String::from_utf8_lossy(head).into_owned();
        let id = header_value(&head, "WARC-Record-ID").map(str::to_string);
        let rec_label = id.clone().unwrap_or(rec_name);
        let Some(len) = header_value(&head, "Content-Length").and_then(|v| v.parse::<usize>().ok())
        else {
            out.push(Err(InputError::Record {
                path: name.into(),
                record: rec_label,
                detail: "WARC record without a valid Content-Length; skipped".into(),
            }));
            match resync(pos) {
                Some(p) => {
                    pos = p;
                    continue;
                }
                None => break,
            }
        };
        let end = body_start.saturating_add(len);
        if end > b.len() {
            out.push(Err(InputError::Record {
                path: name.into(),
                record: rec_label,
                detail: format!(
                    "truncated: Content-Length says {len} bytes, {} are there",
                    b.len() - body_start
                ),
            }));
            break;
        }
        let kind = header_value(&head, "WARC-Type")
            .unwrap_or("")
            .to_ascii_lowercase();
        if kind == "response" || kind == "resource" {
            let uri = header_value(&head, "WARC-Target-URI")
                .map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string());
            let date = header_value(&head, "WARC-Date").map(str::to_string);
            let ctype = header_value(&head, "Content-Type")
                .unwrap_or("")
                .to_ascii_lowercase();
            let block = &b[body_start..end];
            let payload = if kind == "response" || ctype.starts_with("application/http") {
                http_payload(block)
            } else {
                Ok(Some(Payload {
                    body: block.to_vec(),
                    charset: charset_of(&ctype),
                    html: is_html_type(&ctype) || looks_html(block),
                }))
            };
            match payload {
                Ok(Some(p)) if p.html => {
                    out.push(Ok(raw_doc(name, "warc", p, uri, id, date)));
                }
                Ok(_) => {}
                Err(detail) => out.push(Err(InputError::Record {
                    path: name.into(),
                    record: rec_label,
                    detail,
                })),
            }
        }
        pos = end;
    }
}

fn parse_arc(name: &str, b: &[u8], mut pos: usize, out: &mut Vec<Result<RawDoc, InputError>>) {
    let mut n = 0usize;
    while pos < b.len() {
        while pos < b.len() && b[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= b.len() {
            break;
        }
        n += 1;
        let line_end = b[pos..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |p| pos + p);
        let line = String::from_utf8_lossy(&b[pos..line_end])
            .trim()
            .to_string();
        let fields: Vec<&str> = line.split(' ').filter(|f| !f.is_empty()).collect();
        let len = fields.last().and_then(|f| f.parse::<usize>().ok());
        let label = format!("ARC record {n} at byte {pos}");
        let Some(len) = len.filter(|_| fields.len() >= 5) else {
            out.push(Err(InputError::Record {
                path: name.into(),
                record: label,
                detail: format!("bad ARC record header {:?}; skipped", cut(&line, 120)),
            }));
            // resync: next line that starts with a URL
            let next = find(&b[line_end..], b"\nhttp").map(|p| line_end + p + 1);
            match next {
                Some(p) => {
                    pos = p;
                    continue;
                }
                None => break,
            }
        };
        let body_start = (line_end + 1).min(b.len());
        let mut end = body_start.saturating_add(len);
        // Some ARC writers count CRLF line ends that were later stored as LF:
        // a last record short by under 2% is read as it is.
        if end > b.len() && (end - b.len()) * 50 < len {
            end = b.len();
        }
        if end > b.len() {
            out.push(Err(InputError::Record {
                path: name.into(),
                record: label,
                detail: format!(
                    "truncated: the header says {len} bytes, {} are there",
                    b.len() - body_start
                ),
            }));
            break;
        }
        // URL (may hold spaces), IP, 14-digit date, mime …, length
        let date_idx = fields
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, f)| f.len() == 14 && f.bytes().all(|c| c.is_ascii_digit()))
            .map(|(i, _)| i);
        let url = match date_idx {
            Some(i) if i >= 2 => fields[..i - 1].join(" "),
            _ => fields[0].to_string(),
        };
        let date = date_idx.map(|i| {
            let d = fields[i];
            format!(
                "{}-{}-{}T{}:{}:{}Z",
                &d[0..4],
                &d[4..6],
                &d[6..8],
                &d[8..10],
                &d[10..12],
                &d[12..14]
            )
        });
        if !url.starts_with("filedesc:") && !url.starts_with("dns:") {
            match http_payload(&b[body_start..end]) {
                Ok(Some(p)) if p.html => {
                    let rec = Some(format!("ARC record {n}"));
                    out.push(Ok(raw_doc(name, "arc", p, Some(url), rec, date)));
                }
                Ok(_) => {}
                Err(detail) => out.push(Err(InputError::Record {
                    path: name.into(),
                    record: label,
                    detail,
                })),
            }
        }
        pos = end;
    }
}

fn cut(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

struct Payload {
    body: Vec<u8>,
    charset: Option<String>,
    html: bool,
}

fn raw_doc(
    name: &str,
    format: &str,
    p: Payload,
    url: Option<String>,
    record: Option<String>,
    date: Option<String>,
) -> RawDoc {
    let source = Source {
        path: Some(name.to_string()),
        url,
        encoding: String::new(),
        format: format.into(),
        record,
    };
    let mut raw = RawDoc::new(p.body, PageFormat::Html, source);
    raw.http_charset = p.charset;
    raw.published = date;
    if let Some(u) = &raw.source.url {
        raw.id = Some(marsad_core::stable_id(u.as_bytes()));
    }
    raw
}

fn is_html_type(ct: &str) -> bool {
    ct.contains("text/html") || ct.contains("application/xhtml")
}

fn looks_html(b: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&b[..b.len().min(1024)]).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<body")
}

/// `charset=…` of a Content-Type value.
fn charset_of(ct: &str) -> Option<String> {
    let i = ct.find("charset=")?;
    let v = ct[i + 8..]
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches(|c| c == '"' || c == '\'');
    (!v.is_empty()).then(|| v.to_string())
}

/// The HTML payload of an HTTP response block: `Ok(None)` when it is not a
/// 2xx HTML response.
fn http_payload(block: &[u8]) -> Result<Option<Payload>, String> {
    if !block.starts_with(b"HTTP/") {
        // some crawlers store the bare payload
        return Ok(looks_html(block).then(|| Payload {
            body: block.to_vec(),
            charset: None,
            html: true,
        }));
    }
    let Some((body_start, head)) = header_block(block, 0) else {
        return Err("HTTP headers not terminated by a blank line".into());
    };
    let head = String::from_utf8_lossy(head).into_owned();
    let status: u16 = head
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            format!(
                "bad HTTP status line {:?}",
                cut(head.lines().next().unwrap_or(""), 80)
            )
        })?;
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let ctype = header_value(&head, "Content-Type")
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut body = block[body_start..].to_vec();
    if header_value(&head, "Transfer-Encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"))
    {
        if let Some(d) = dechunk(&body) {
            body = d;
        }
    }
    if let Some(enc) = header_value(&head, "Content-Encoding") {
        let enc = enc.to_ascii_lowercase();
        if enc.contains("gzip") && body.starts_with(&[0x1f, 0x8b]) {
            let mut d = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(MAX_RECORD as u64)
                .read_to_end(&mut d)
                .map_err(|e| format!("corrupt gzip Content-Encoding: {e}"))?;
            body = d;
        } else if enc.contains("deflate") {
            let mut d = Vec::new();
            if flate2::read::ZlibDecoder::new(&body[..])
                .take(MAX_RECORD as u64)
                .read_to_end(&mut d)
                .is_ok()
            {
                body = d;
            }
        }
    }
    let html = if ctype.is_empty() {
        looks_html(&body)
    } else {
        is_html_type(&ctype)
    };
    Ok(Some(Payload {
        body,
        charset: charset_of(&ctype),
        html,
    }))
}

/// Undoes HTTP chunked transfer coding; `None` when the body is not chunked
/// after all (some archives store it already decoded).
fn dechunk(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let le = pos + b[pos..].iter().position(|&c| c == b'\n')?;
        let size_s = String::from_utf8_lossy(&b[pos..le]);
        let size_s = size_s
            .trim()
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let size = usize::from_str_radix(&size_s, 16).ok()?;
        pos = le + 1;
        if size == 0 {
            return Some(out);
        }
        let end = pos.checked_add(size)?;
        if end > b.len() {
            out.extend_from_slice(&b[pos..]);
            return Some(out);
        }
        out.extend_from_slice(&b[pos..end]);
        pos = end;
        while pos < b.len() && (b[pos] == b'\r' || b[pos] == b'\n') {
            pos += 1;
        }
        if pos >= b.len() {
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_plain_warc_response() {
        let page = b"<html><body><p>hi</p></body></html>";
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1256\r\n\r\n{}",
            String::from_utf8_lossy(page)
        );
        let rec = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.test/a\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Date: 2020-01-02T03:04:05Z\r\nContent-Length: {}\r\n\r\n{}\r\n\r\n",
            http.len(),
            http
        );
        let req = "WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 3\r\n\r\nGET\r\n\r\n";
        let all = format!("{req}{rec}");
        let docs = read_archive("t.warc", all.as_bytes());
        assert_eq!(docs.len(), 1);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.source.url.as_deref(), Some("http://x.test/a"));
        assert_eq!(d.source.record.as_deref(), Some("<urn:uuid:1>"));
        assert_eq!(d.http_charset.as_deref(), Some("windows-1256"));
        assert_eq!(d.published.as_deref(), Some("2020-01-02T03:04:05Z"));
        assert_eq!(d.body, page);
    }

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(dechunk(b"<html>").is_none());
    }
}

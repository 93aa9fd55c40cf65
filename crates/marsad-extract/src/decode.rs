//! Bytes to text: BOM, then the HTTP `Content-Type` charset, then the
//! page's own `<meta charset>` / `http-equiv` declaration, then detection
//! (chardetng), decoded with encoding_rs (UTF-8, windows-1256, ISO-8859-6,
//! UTF-16 and every other WHATWG encoding).
//!
//! A declaration is checked against the bytes: a page that declares a legacy
//! charset but is valid multi-byte UTF-8, or declares UTF-8 but is mostly
//! invalid UTF-8, is decoded by what the bytes are, with a warning naming
//! both. Scraped text pages keep the project's rule for invalid UTF-8:
//! replaced with U+FFFD and a warning, unless the bytes are plainly another
//! encoding (then detection decodes them, also with a warning).

use crate::PageFormat;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Decoded page text and how it was decoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// WHATWG encoding name used.
    pub encoding: &'static str,
    /// Problems met (invalid sequences replaced …).
    pub warnings: Vec<String>,
}

impl Decoded {
    /// Why [`looks_binary`] said so, in words.
    pub fn why_binary(&self) -> String {
        let nul = self.text.chars().filter(|&c| c == '\0').count();
        let ctl = self
            .text
            .chars()
            .filter(|c| c.is_control() && !c.is_whitespace())
            .count();
        format!(
            "{nul} NUL and {ctl} control characters in {} characters",
            self.text.chars().count()
        )
    }
}

/// How many bytes detection looks at (bounds the work on huge pages).
const DETECT_BYTES: usize = 256 * 1024;
/// How far into an HTML page to look for a `<meta charset>`.
const PRESCAN_BYTES: usize = 8 * 1024;

/// Decodes `bytes`: BOM, `http_charset`, the page's declaration (HTML),
/// then detection. Never fails: undecodable sequences become U+FFFD and a
/// warning says how many.
pub fn decode(bytes: &[u8], format: PageFormat, http_charset: Option<&str>) -> Decoded {
    let mut warnings = Vec::new();
    // 1. BOM
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[len..], "byte-order mark", warnings);
    }
    let utf8_ok = std::str::from_utf8(bytes).is_ok();
    let has_multibyte = !bytes.is_ascii();
    // 2. HTTP header, 3. the page's own declaration
    let declared = http_charset
        .and_then(|l| label(l).map(|e| (e, "HTTP Content-Type header")))
        .or_else(|| {
            if format == PageFormat::Html {
                prescan_meta(&bytes[..bytes.len().min(PRESCAN_BYTES)])
                    .map(|e| (e, "<meta> charset declaration"))
            } else {
                None
            }
        });
    if let Some((enc, how)) = declared {
        if enc == UTF_8 {
            if utf8_ok || !mostly_invalid(bytes) {
                return finish(UTF_8, bytes, how, warnings);
            }
            let guess = detect(bytes);
            warnings.push(format!(
                "the {how} says UTF-8 but the bytes are not; decoded as {} by detection",
                guess.name()
            ));
            return finish(guess, bytes, "detection", warnings);
        }
        if utf8_ok && has_multibyte && enc != UTF_16LE && enc != UTF_16BE {
            warnings.push(format!(
                "the {how} says {} but the bytes are valid UTF-8; decoded as UTF-8",
                enc.name()
            ));
            return finish(UTF_8, bytes, "validation", warnings);
        }
        return finish(enc, bytes, how, warnings);
    }
    // 4. detection
    if utf8_ok {
        return finish(UTF_8, bytes, "validation", warnings);
    }
    let mostly_text = !bytes[..bytes.len().min(DETECT_BYTES)].contains(&0);
    if format == PageFormat::Text && (!mostly_text || !mostly_invalid(bytes)) {
        // The project's rule for scraped text: replace and warn.
        return finish(UTF_8, bytes, "validation", warnings);
    }
    let guess = detect(bytes);
    if format == PageFormat::Text && guess != UTF_8 {
        warnings.push(format!(
            "the text is not UTF-8; decoded as {} by detection",
            guess.name()
        ));
    }
    finish(guess, bytes, "detection", warnings)
}

fn finish(enc: &'static Encoding, bytes: &[u8], _how: &str, mut warnings: Vec<String>) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let text = text.into_owned();
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        warnings.push(format!(
            "invalid {}: {bad} byte sequence(s) replaced with U+FFFD",
            enc.name()
        ));
    }
    Decoded {
        text,
        encoding: enc.name(),
        warnings,
    }
}

/// The encoding a charset label names (WHATWG labels: `utf-8`, `cp1256`,
/// `iso-8859-6`, `arabic` …). A `<meta>` that names UTF-16 means UTF-8 (the
/// HTML spec's rule: the bytes could not have been read as ASCII otherwise).
pub fn label(l: &str) -> Option<&'static Encoding> {
    let l = l.trim().trim_matches(|c| c == '"' || c == '\'');
    Encoding::for_label(l.as_bytes())
}

/// The encoding chardetng guesses for `bytes` (first 256 KiB).
pub fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut d = chardetng::EncodingDetector::new();
    let head = &bytes[..bytes.len().min(DETECT_BYTES)];
    d.feed(head, head.len() == bytes.len());
    d.guess(None, true)
}

/// True when the bytes are plainly not UTF-8: at least 8 invalid sequences
/// making up over a fifth of the non-ASCII bytes (one stray byte in a UTF-8
/// article is not enough).
fn mostly_invalid(bytes: &[u8]) -> bool {
    let (bad, non_ascii) = invalid_utf8(bytes);
    bad >= 8 && bad * 5 > non_ascii
}

/// Invalid UTF-8 sequences and non-ASCII bytes in the first 256 KiB.
fn invalid_utf8(bytes: &[u8]) -> (usize, usize) {
    let head = &bytes[..bytes.len().min(DETECT_BYTES)];
    let non_ascii = head.iter().filter(|b| !b.is_ascii()).count();
    let mut bad = 0usize;
    let mut rest = head;
    loop {
        match std::str::from_utf8(rest) {
            Ok(_) => break,
            Err(e) => {
                bad += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                if skip >= rest.len() {
                    break;
                }
                rest = &rest[skip..];
            }
        }
    }
    (bad, non_ascii)
}

/// Finds `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` in the first bytes of a page (a simplified form
/// of the HTML spec's prescan: attribute order and quoting are free).
pub fn prescan_meta(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut i = 0;
    while let Some(p) = find(&lower[i..], b"<meta") {
        let start = i + p + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cs) = find(tag, b"charset") {
            let mut j = cs + 7;
            while j < tag.len() && (tag[j] == b' ' || tag[j] == b'=') {
                j += 1;
            }
            while j < tag.len() && (tag[j] == b'"' || tag[j] == b'\'') {
                j += 1;
            }
            let k = tag[j..]
                .iter()
                .position(|&b| b == b'"' || b == b'\'' || b == b';' || b == b' ' || b == b'/')
                .map_or(tag.len(), |e| j + e);
            if let Ok(name) = std::str::from_utf8(&tag[j..k]) {
                if let Some(enc) = label(name) {
                    return Some(if enc == UTF_16LE || enc == UTF_16BE {
                        UTF_8
                    } else {
                        enc
                    });
                }
            }
        }
        i = end;
        if i >= lower.len() {
            break;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// True when text is mostly not text: NUL bytes or many control characters.
pub fn looks_binary(text: &str) -> bool {
    let mut n = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(65536) {
        n += 1;
        if c == '\0' || (c.is_control() && !c.is_whitespace()) || c == '\u{FFFD}' {
            bad += 1;
        }
    }
    n > 0 && (bad * 10 > n || text.contains('\0') && bad * 100 > n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_win() {
        let mut b = vec![0xFF, 0xFE];
        for u in "سلام".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b, PageFormat::Html, Some("windows-1256"));
        assert_eq!(d.text, "سلام");
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn http_then_meta_then_detection() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("<p>مرحبا بالعالم</p>");
        let d = decode(&bytes, PageFormat::Html, Some("text/html; charset=cp1256"));
        assert_eq!(d.encoding, "windows-1256");
        assert!(d.text.contains("مرحبا"));
        let mut page = b"<html><head><meta charset=\"windows-1256\"></head>".to_vec();
        page.extend_from_slice(&bytes);
        let d = decode(&page, PageFormat::Html, None);
        assert_eq!(d.encoding, "windows-1256");
        assert!(d.text.contains("مرحبا"));
        let (iso, _, _) = encoding_rs::ISO_8859_6.encode("<p>مرحبا</p>");
        let mut page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-6\">"
                .to_vec();
        page.extend_from_slice(&iso);
        let d = decode(&page, PageFormat::Html, None);
        assert_eq!(d.encoding, "ISO-8859-6");
        assert!(d.text.contains("مرحبا"));
    }

    #[test]
    fn wrong_declaration_is_overruled_with_a_warning() {
        let page = "<meta charset=iso-8859-1><p>مرحبا بالعالم</p>".as_bytes();
        let d = decode(page, PageFormat::Html, None);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings[0].contains("valid UTF-8"), "{:?}", d.warnings);
        let long =
            "<p>الحكومة العراقية تعلن عن خطة جديدة لإعادة الإعمار في المدن المحررة</p>".repeat(20);
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&long);
        let mut page = b"<meta charset=utf-8>".to_vec();
        page.extend_from_slice(&bytes);
        let d = decode(&page, PageFormat::Html, None);
        assert_eq!(d.encoding, "windows-1256", "{:?}", d.warnings);
        assert!(d.text.contains("الحكومة"));
    }

    #[test]
    fn text_pages_keep_replacement_rule() {
        let d = decode(b"abc \xff def", PageFormat::Text, None);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains('\u{FFFD}'));
        assert!(d.warnings[0].contains("replaced"));
    }
}

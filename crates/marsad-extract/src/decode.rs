//! Bytes to text.

use crate::PageFormat;

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

/// Decodes `bytes`. Invalid UTF-8 is *replaced* (U+FFFD) with a warning
/// rather than rejected: scraped pages often carry one bad byte in an
/// otherwise good article, and losing the article is worse than one marked
/// character. The warning says how many sequences were replaced.
pub fn decode(bytes: &[u8], _format: PageFormat, _http_charset: Option<&str>) -> Decoded {
    let (bytes, bom) = if let Some(b) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (b, true)
    } else {
        (bytes, false)
    };
    let _ = bom;
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            warnings: Vec::new(),
        },
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
            Decoded {
                text,
                encoding: "UTF-8",
                warnings: vec![format!(
                    "invalid UTF-8: {bad} byte sequence(s) replaced with U+FFFD"
                )],
            }
        }
    }
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

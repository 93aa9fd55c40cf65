//! Tokens with code-point spans.
//!
//! Hand-written rather than a Unicode word-segmentation crate: UAX #29 keeps
//! "26/11/2015" apart and glues Arabic punctuation differently than Arabic
//! newspapers need, and we want dates, times, URLs and e-mails whole.

use crate::{digit_value, is_arabic_letter, is_tashkeel, TATWEEL};
use marsad_core::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word in Arabic script (clitics still attached).
    Arabic,
    /// A word in Latin (or another non-Arabic) script.
    Latin,
    /// A number: integer, decimal, with thousands separators (any digit set).
    Number,
    /// A numeric date such as 26/11/2015 or 2015-11-26.
    Date,
    /// A clock time such as 13:30.
    Time,
    /// A URL.
    Url,
    /// An e-mail address.
    Email,
    /// A punctuation mark (، ؛ ؟ « » “ ” / : … and ASCII).
    Punct,
    /// Anything else (symbols, emoji).
    Symbol,
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Code-point span into the tokenized text.
    pub span: Span,
    /// Byte range into the tokenized text.
    pub bytes: (usize, usize),
    /// Kind.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text, given the text it was cut from.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.bytes.0..self.bytes.1]
    }
}

fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

fn is_word_char(c: char) -> bool {
    is_arabic_letter(c) || is_tashkeel(c) || c == TATWEEL || c == '\u{200C}' || c == '\u{200D}'
}

fn is_latin_char(c: char) -> bool {
    c.is_alphabetic() && !is_word_char(c)
}

/// Splits `text` into tokens. Whitespace is dropped; every other character
/// belongs to exactly one token.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut out = Vec::with_capacity(n / 5 + 1);
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if let Some(end) = url_at(&chars, i) {
            i = end;
            kind = TokenKind::Url;
        } else if let Some(end) = email_at(&chars, i) {
            i = end;
            kind = TokenKind::Email;
        } else if is_digit(c) {
            let (end, k) = number_at(&chars, i);
            i = end;
            kind = k;
        } else if is_word_char(c) {
            while i < n && is_word_char(chars[i].1) {
                i += 1;
            }
            kind = TokenKind::Arabic;
        } else if is_latin_char(c) {
            while i < n {
                let d = chars[i].1;
                if is_latin_char(d) || d.is_ascii_digit() {
                    i += 1;
                } else if (d == '\'' || d == '’' || d == '-' || d == '.')
                    && i + 1 < n
                    && is_latin_char(chars[i + 1].1)
                    && (d != '.' || i + 2 < n && chars[i + 2].1 == '.')
                {
                    // O'Brien, al-Assad, U.S.
                    i += 1;
                } else {
                    break;
                }
            }
            kind = TokenKind::Latin;
        } else if c == '.' && i + 2 < n && chars[i + 1].1 == '.' && chars[i + 2].1 == '.' {
            i += 3;
            while i < n && chars[i].1 == '.' {
                i += 1;
            }
            kind = TokenKind::Punct;
        } else if is_punct(c) {
            i += 1;
            kind = TokenKind::Punct;
        } else {
            i += 1;
            kind = TokenKind::Symbol;
        }
        out.push(Token {
            span: Span::new(start, i),
            bytes: (byte_at(start), byte_at(i)),
            kind,
        });
    }
    out
}

/// Punctuation, Arabic and general.
pub fn is_punct(c: char) -> bool {
    matches!(
        c,
        '،' | '؛' | '؟' | '«' | '»' | '“' | '”' | '‘' | '’' | '…' | '٪' | '٫' | '٬' | '۔'
    ) || c.is_ascii_punctuation()
        || matches!(c, '\u{2010}'..='\u{2027}')
}

fn starts_with(chars: &[(usize, char)], i: usize, pat: &str) -> bool {
    for (j, p) in (i..).zip(pat.chars()) {
        if j >= chars.len() || chars[j].1.to_ascii_lowercase() != p {
            return false;
        }
    }
    true
}

fn url_at(chars: &[(usize, char)], i: usize) -> Option<usize> {
    if !(starts_with(chars, i, "http://")
        || starts_with(chars, i, "https://")
        || starts_with(chars, i, "www."))
    {
        return None;
    }
    let mut j = i;
    while j < chars.len()
        && !chars[j].1.is_whitespace()
        && !matches!(chars[j].1, '«' | '»' | '“' | '”' | '"' | '<' | '>' | '،')
    {
        j += 1;
    }
    while j > i
        && matches!(
            chars[j - 1].1,
            '.' | ',' | ')' | ';' | ':' | '!' | '?' | '\''
        )
    {
        j -= 1;
    }
    (j > i + 4).then_some(j)
}

fn email_at(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+');
    if !chars[i].1.is_ascii_alphanumeric() {
        return None;
    }
    // a local part is at most 64 characters (RFC 5321); the bound keeps
    // long runs of letters and dots linear
    let mut j = i;
    while j < chars.len() && j - i <= 64 && local(chars[j].1) {
        j += 1;
    }
    if j >= chars.len() || chars[j].1 != '@' {
        return None;
    }
    j += 1;
    let dom_start = j;
    let mut dots = 0;
    while j < chars.len()
        && (chars[j].1.is_ascii_alphanumeric()
            || chars[j].1 == '-'
            || (chars[j].1 == '.' && j + 1 < chars.len() && chars[j + 1].1.is_ascii_alphanumeric()))
    {
        if chars[j].1 == '.' {
            dots += 1;
        }
        j += 1;
    }
    (j > dom_start && dots > 0).then_some(j)
}

/// Reads a number, date or time starting at `i`.
fn number_at(chars: &[(usize, char)], i: usize) -> (usize, TokenKind) {
    let n = chars.len();
    let mut j = i;
    let mut groups = 1;
    let mut seps: Vec<char> = Vec::new();
    while j < n && is_digit(chars[j].1) {
        j += 1;
    }
    loop {
        // a date or a time has at most three groups: stop there so that
        // "1-2-3-4-…" is not re-scanned from every number (quadratic)
        if groups >= 4 && seps.iter().any(|&s| matches!(s, '/' | '-' | ':')) {
            break;
        }
        if j + 1 < n
            && matches!(chars[j].1, '.' | ',' | '٫' | '٬' | '/' | '-' | ':')
            && is_digit(chars[j + 1].1)
        {
            seps.push(chars[j].1);
            j += 1;
            while j < n && is_digit(chars[j].1) {
                j += 1;
            }
            groups += 1;
        } else {
            break;
        }
    }
    let kind = if groups >= 2 && seps.iter().all(|&s| s == ':') && groups <= 3 {
        TokenKind::Time
    } else if groups == 3
        && (seps.iter().all(|&s| s == '/')
            || seps.iter().all(|&s| s == '-')
            || seps == ['.', '.'] && j - i >= 8)
    {
        TokenKind::Date
    } else if seps.iter().any(|&s| s == '/' || s == '-' || s == ':') {
        // "2015/2016" or "3-4": a range or pair; keep the first number only
        let mut k = i;
        while k < n && is_digit(chars[k].1) {
            k += 1;
        }
        return (k, TokenKind::Number);
    } else {
        TokenKind::Number
    };
    (j, kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<(String, TokenKind)> {
        tokenize(t)
            .iter()
            .map(|k| (k.text(t).to_string(), k.kind))
            .collect()
    }

    #[test]
    fn splits_arabic_punctuation_and_keeps_numbers_whole() {
        let t = "قال «نعم»، في 26/11/2015 الساعة 13:30 نحو 1,500.5 جندي؟";
        let got = toks(t);
        let words: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            words,
            [
                "قال",
                "«",
                "نعم",
                "»",
                "،",
                "في",
                "26/11/2015",
                "الساعة",
                "13:30",
                "نحو",
                "1,500.5",
                "جندي",
                "؟"
            ]
        );
        assert_eq!(got[6].1, TokenKind::Date);
        assert_eq!(got[8].1, TokenKind::Time);
        assert_eq!(got[10].1, TokenKind::Number);
    }

    #[test]
    fn keeps_urls_emails_latin() {
        let got = toks("راجع https://example.com/a?b=1. أو news@site.org Close Button");
        assert_eq!(got[1], ("https://example.com/a?b=1".into(), TokenKind::Url));
        assert_eq!(got[2].1, TokenKind::Punct);
        assert_eq!(got[4], ("news@site.org".into(), TokenKind::Email));
        assert_eq!(got[5], ("Close".into(), TokenKind::Latin));
    }

    #[test]
    fn spans_are_code_points() {
        let t = "الروس، ٢٠١٥";
        let ts = tokenize(t);
        assert_eq!(ts[0].span, Span::new(0, 5));
        assert_eq!(ts[1].span, Span::new(5, 6));
        assert_eq!(ts[2].span, Span::new(7, 11));
        assert_eq!(ts[2].kind, TokenKind::Number);
    }
}

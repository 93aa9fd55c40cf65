//! Paragraph and sentence spans.

use crate::{digit_value, is_arabic_letter};
use marsad_core::Span;

/// Paragraph spans: runs of text separated by blank lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let n = chars.len();
    while i < n {
        // find the end of this paragraph: "\n" followed by optional spaces and "\n"
        let start = i;
        let mut j = i;
        let end;
        loop {
            if j >= n {
                end = n;
                break;
            }
            if chars[j] == '\n' {
                let mut k = j + 1;
                while k < n && chars[k] != '\n' && chars[k].is_whitespace() {
                    k += 1;
                }
                if k >= n || chars[k] == '\n' {
                    end = j;
                    break;
                }
            }
            j += 1;
        }
        if let Some(s) = trim(&chars, start, end) {
            out.push(s);
        }
        i = end + 1;
        while i < n && chars[i].is_whitespace() {
            i += 1;
        }
    }
    out
}

fn trim(chars: &[char], mut s: usize, mut e: usize) -> Option<Span> {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (e > s).then(|| Span::new(s, e))
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '«' | '“' | '„')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '»' | '”')
}

/// Quotation regions (open..=close, as char offsets) within `[s, e)`, pairing
/// «» and “” (and ASCII " by alternation). Unclosed quotes within 1,000
/// characters are ignored, so one stray mark cannot swallow a paragraph.
fn quote_regions(chars: &[char], s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = s;
    while i < e {
        let c = chars[i];
        let close: Option<fn(char) -> bool> = if is_open_quote(c) {
            Some(is_close_quote)
        } else if c == '"' {
            Some(|d| d == '"')
        } else {
            None
        };
        if let Some(is_close) = close {
            let limit = e.min(i + 1000);
            if let Some(j) = (i + 1..limit).find(|&j| is_close(chars[j])) {
                out.push((i, j));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Sentence spans over the whole text.
///
/// A sentence ends at `. ! ? ؟ …` (and runs of them, plus closing quotes or
/// brackets that follow), at a paragraph break, and at a line break unless the
/// line ends in a colon (an introducer such as "ويقول بوتين:" keeps its quote).
/// No split happens inside a quotation, after a one-letter abbreviation
/// (د. أ. م.), inside ق.م or similar dotted initials, or between digits.
pub fn sentences(text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for p in paragraphs(text) {
        split_paragraph(&chars, p, &mut out);
    }
    out
}

fn split_paragraph(chars: &[char], p: Span, out: &mut Vec<Span>) {
    let quotes = quote_regions(chars, p.start, p.end);
    let in_quote = |i: usize| quotes.iter().any(|&(a, b)| a < i && i < b);
    let mut start = p.start;
    let mut i = p.start;
    while i < p.end {
        let c = chars[i];
        let mut cut: Option<usize> = None;
        if c == '\n' {
            let prev = (start..i)
                .rev()
                .find(|&k| !chars[k].is_whitespace())
                .map(|k| chars[k]);
            if prev != Some(':') && !in_quote(i) {
                cut = Some(i);
            }
        } else if matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
            && !in_quote(i)
            && !is_abbreviation(chars, p.start, i)
        {
            let mut j = i + 1;
            while j < p.end
                && (matches!(chars[j], '.' | '!' | '?' | '؟' | '…')
                    || is_close_quote(chars[j])
                    || matches!(chars[j], ')' | ']' | '"'))
            {
                j += 1;
            }
            cut = Some(j);
        }
        if let Some(end) = cut {
            if let Some(s) = trim(chars, start, end) {
                out.push(s);
            }
            start = end;
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    if let Some(s) = trim(chars, start, p.end) {
        out.push(s);
    }
}

/// Is the '.' at `i` part of an abbreviation or number rather than a full stop?
fn is_abbreviation(chars: &[char], para_start: usize, i: usize) -> bool {
    if chars[i] != '.' {
        return false;
    }
    let prev = if i > para_start {
        Some(chars[i - 1])
    } else {
        None
    };
    let next = chars.get(i + 1).copied();
    // inside a number: 3.5
    if prev.and_then(digit_value).is_some() && next.and_then(digit_value).is_some() {
        return true;
    }
    // inside a URL, an e-mail address or a Latin abbreviation: www.spa.gov.sa
    if prev.is_some_and(|c| c.is_ascii_alphanumeric())
        && next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '/')
    {
        return true;
    }
    // a one-letter word before the dot: د. أ. م. (also ق.م. → "ق" then "م")
    if let Some(p) = prev {
        if p.is_alphabetic() {
            let before = if i >= para_start + 2 {
                Some(chars[i - 2])
            } else {
                None
            };
            let single = before.is_none_or(|b| !b.is_alphabetic() || b == '.');
            if single && (is_arabic_letter(p) || p.is_uppercase()) {
                return true;
            }
        }
    }
    // dots between letters with no space ("U.S.") followed by a letter
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<String> {
        let ix = marsad_core::CharIndex::new(t);
        sentences(t)
            .iter()
            .map(|s| ix.slice(t, *s).to_string())
            .collect()
    }

    #[test]
    fn splits_on_arabic_and_latin_terminators() {
        assert_eq!(
            sents("قال د. أحمد إن 3.5 مليون نزحوا. هل هذا صحيح؟ نعم!"),
            ["قال د. أحمد إن 3.5 مليون نزحوا.", "هل هذا صحيح؟", "نعم!"]
        );
    }

    #[test]
    fn keeps_quotes_and_colon_introducers_whole() {
        let t = "ويقول بوتين:\n“ينبغي عليكم. أن تجروا اتصالا” لكن هل موسكو مستعدة؟\n\nفقرة ثانية.";
        assert_eq!(
            sents(t),
            [
                "ويقول بوتين:\n“ينبغي عليكم. أن تجروا اتصالا” لكن هل موسكو مستعدة؟",
                "فقرة ثانية."
            ]
        );
    }

    #[test]
    fn urls_emails_dates_and_abbreviations_do_not_split() {
        assert_eq!(
            sents("زوروا www.spa.gov.sa أو راسلوا info@spa.gov.sa للمزيد. وفي 26.11.2015 قال أ. محمد إن المدينة بنيت في القرن الثالث ق.م. تقريبا."),
            [
                "زوروا www.spa.gov.sa أو راسلوا info@spa.gov.sa للمزيد.",
                "وفي 26.11.2015 قال أ. محمد إن المدينة بنيت في القرن الثالث ق.م. تقريبا."
            ]
        );
        // a real sentence of SaudiNewsNet with a time and "ت غ"
        assert_eq!(
            sents("وقال ان \"مروحيتين اميركيتين هاجمتا في الساعة 6:00 صباح اليوم (1:30 ت غ) حاجزا للجيش الافغاني\" مضيفا ان النيران اندلعت. كما اكد المتحدث الحصيلة."),
            [
                "وقال ان \"مروحيتين اميركيتين هاجمتا في الساعة 6:00 صباح اليوم (1:30 ت غ) حاجزا للجيش الافغاني\" مضيفا ان النيران اندلعت.",
                "كما اكد المتحدث الحصيلة."
            ]
        );
        // an ellipsis ends a sentence; a question inside a quotation does not
        assert_eq!(
            sents("قال: «هل نقبل؟ لا» ثم صمت… وانتهى اللقاء"),
            ["قال: «هل نقبل؟ لا» ثم صمت…", "وانتهى اللقاء"]
        );
    }

    #[test]
    fn missing_space_after_stop_still_splits() {
        assert_eq!(
            sents("ضبط التحويلات المالية.فإن التحالف يضرب."),
            ["ضبط التحويلات المالية.", "فإن التحالف يضرب."]
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let t = "أ ب\nج\n\n  \n د ه ";
        let ix = marsad_core::CharIndex::new(t);
        let ps: Vec<&str> = paragraphs(t).iter().map(|s| ix.slice(t, *s)).collect();
        assert_eq!(ps, ["أ ب\nج", "د ه"]);
    }
}

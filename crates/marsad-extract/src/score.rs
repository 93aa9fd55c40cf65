//! The article-extraction benchmark's metric, exactly as
//! `../shared/tools/extract_score.py` computes it.
//!
//! Tokens are Python `re` `\w+` runs (letters, numbers and `_` by Unicode
//! category: Arabic letters and digits are word characters, Arabic
//! punctuation such as ، ؛ ؟ is not, and neither are combining marks such as
//! tashkeel); 4-token shingles are counted as a multiset; per page, true
//! positives, false positives and false negatives are normalised by their
//! sum; precision is averaged over pages whose prediction has any shingle,
//! recall over pages whose truth has any shingle, and F1 is taken of the two
//! averages. Values are rounded to 4 decimals like the Python script.

use crate::score_table::WORD_RANGES;
use std::collections::HashMap;

/// True for the characters Python's `re` matches with `\w`.
pub fn is_word_char(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    WORD_RANGES
        .binary_search_by(|&(a, b)| {
            if cp < a {
                std::cmp::Ordering::Greater
            } else if cp > b {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The `\w+` tokens of `text`.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The multiset of `n`-token shingles (a text shorter than `n` tokens is one
/// shingle of all its tokens; an empty text has none).
fn shingles<'a>(toks: &'a [&'a str], n: usize) -> HashMap<&'a [&'a str], u32> {
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    let count = toks.len().saturating_sub(n - 1).max(1);
    for i in 0..count {
        let end = (i + n).min(toks.len());
        *m.entry(&toks[i..end]).or_insert(0) += 1;
    }
    m
}

/// Normalised (tp, fp, fn) of one page, as the benchmark's `counts`.
pub fn counts(truth: &str, pred: &str) -> (f64, f64, f64) {
    let tt = tokens(truth);
    let pt = tokens(pred);
    let t = shingles(&tt, 4);
    let p = shingles(&pt, 4);
    let mut tp = 0u64;
    for (k, &a) in &t {
        if let Some(&b) = p.get(k) {
            tp += u64::from(a.min(b));
        }
    }
    let psum: u64 = p.values().map(|&v| u64::from(v)).sum();
    let tsum: u64 = t.values().map(|&v| u64::from(v)).sum();
    let fp = psum - tp;
    let fnn = tsum - tp;
    let s = tp + fp + fnn;
    if s == 0 {
        (0.0, 0.0, 0.0)
    } else {
        let s = s as f64;
        (tp as f64 / s, fp as f64 / s, fnn as f64 / s)
    }
}

fn precision(tp: f64, fp: f64, fnn: f64) -> f64 {
    if fp == 0.0 && fnn == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

fn recall(tp: f64, fp: f64, fnn: f64) -> f64 {
    if fp == 0.0 && fnn == 0.0 {
        1.0
    } else if tp == 0.0 && fnn == 0.0 {
        0.0
    } else {
        tp / (tp + fnn)
    }
}

/// Exactly rounded sum (Shewchuk's algorithm, as Python's `math.fsum`).
fn fsum(xs: &[f64]) -> f64 {
    let mut partials: Vec<f64> = Vec::new();
    for &x0 in xs {
        let mut x = x0;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    // Round the partials as Python does (half-even correction at the top).
    let mut n = partials.len();
    if n == 0 {
        return 0.0;
    }
    n -= 1;
    let mut hi = partials[n];
    let mut lo = 0.0;
    while n > 0 {
        let x = hi;
        n -= 1;
        let y = partials[n];
        hi = x + y;
        let yr = hi - x;
        lo = y - yr;
        if lo != 0.0 {
            break;
        }
    }
    if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
        let y = lo * 2.0;
        let x = hi + y;
        let yr = x - hi;
        if y == yr {
            hi = x;
        }
    }
    hi
}

/// `statistics.fmean`, with the script's `or [0.0]` for an empty list.
fn fmean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        fsum(xs) / xs.len() as f64
    }
}

/// Python's `round(x, 4)` for the values this metric produces.
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// The benchmark's result over a set of pages.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Score {
    /// F1 of the averaged precision and recall, rounded to 4 decimals.
    pub f1: f64,
    /// Mean precision over pages with a non-empty prediction.
    pub precision: f64,
    /// Mean recall over pages with a non-empty truth.
    pub recall: f64,
    /// Pages in the ground truth.
    pub pages: usize,
    /// Ground-truth pages with no prediction at all.
    pub missing: usize,
}

/// Scores `(truth, prediction)` pairs, one per ground-truth page (`None`
/// for a page with no prediction, which counts as empty and as missing).
pub fn score<'a, I>(pairs: I) -> Score
where
    I: IntoIterator<Item = (&'a str, Option<&'a str>)>,
{
    let mut ps = Vec::new();
    let mut rs = Vec::new();
    let mut pages = 0;
    let mut missing = 0;
    for (t, p) in pairs {
        pages += 1;
        if p.is_none() {
            missing += 1;
        }
        let (tp, fp, fnn) = counts(t, p.unwrap_or(""));
        if tp + fp > 0.0 {
            ps.push(precision(tp, fp, fnn));
        }
        if tp + fnn > 0.0 {
            rs.push(recall(tp, fp, fnn));
        }
    }
    let p = fmean(&ps);
    let r = fmean(&rs);
    let f1 = if p + r > 0.0 {
        round4(2.0 * p * r / (p + r))
    } else {
        0.0
    };
    Score {
        f1,
        precision: round4(p),
        recall: round4(r),
        pages,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_python_word_class() {
        // Arabic comma and question mark split; tashkeel (Mn) splits too, as in Python.
        assert_eq!(tokens("قال، هل؟ a_b 12"), vec!["قال", "هل", "a_b", "12"]);
        assert_eq!(tokens("كَتب"), vec!["ك", "تب"]);
        assert_eq!(tokens("٣٤ ۵"), vec!["٣٤", "۵"]);
    }

    #[test]
    fn counts_match_hand_computation() {
        // truth: 5 tokens -> 2 shingles; pred: 4 tokens -> 1 shingle, shared.
        let (tp, fp, fnn) = counts("a b c d e", "a b c d");
        assert!((tp - 0.5).abs() < 1e-12 && fp == 0.0 && (fnn - 0.5).abs() < 1e-12);
        // short texts are one shingle of all their tokens
        assert_eq!(counts("a b", "a b"), (1.0, 0.0, 0.0));
        assert_eq!(counts("", ""), (0.0, 0.0, 0.0));
    }

    #[test]
    fn aggregate_skips_empty_sides() {
        let s = score([("a b c d", Some("a b c d")), ("x y z w", None)]);
        // page 2: no prediction shingles -> not in precision; recall 0.
        assert_eq!(s.precision, 1.0);
        assert_eq!(s.recall, 0.5);
        assert_eq!(s.missing, 1);
        assert!((s.f1 - 0.6667).abs() < 1e-9);
    }

    #[test]
    fn fsum_is_exact() {
        assert_eq!(fsum(&[0.1; 10]), 1.0);
        assert_eq!(fsum(&[1e100, 1.0, -1e100]), 1.0);
    }
}

//! The search view of Arabic text: what the full-text index stores for a
//! document, how a query becomes an FTS5 expression, and how a snippet is cut
//! from the ORIGINAL text with highlights in code points.
//!
//! Every word goes through [`marsad_arabic::normalize_str`] (tashkeel,
//! tatweel, alef forms, ى/ي, ة/ه, digits), so كتب finds كَتَبَ. Clitics are
//! handled by indexing, beside each normalized word, the stems of its
//! proclitic/article/enclitic analyses ([`marsad_arabic::clitics`]), in a
//! separate column so that phrases still match on the surface words: رئيس finds
//! الرئيس and وللرئيس. A query word matches its own normalized form or any of
//! its stems. A dictionary-free stemmer over-generates (ب+يروت); that costs a
//! little precision on rare strings, never recall, and ranking (BM25, surface
//! column weighted higher) puts exact words first.

use marsad_arabic::{tokenize, TokenKind};
use std::collections::{BTreeSet, HashMap};

/// Whether a token takes part in search.
fn is_word(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Arabic
            | TokenKind::Latin
            | TokenKind::Number
            | TokenKind::Date
            | TokenKind::Time
    )
}

/// The normalized form of one word and its clitic-stripped stems (normalized,
/// the form itself excluded).
pub fn forms(word: &str) -> (String, Vec<String>) {
    let norm = marsad_arabic::normalize_str(word);
    let mut stems = BTreeSet::new();
    // No lexicon guard here: the built-in guard costs a normalization of its
    // whole list per candidate, too slow for indexing a corpus; the extra
    // candidate stems only add recall.
    for a in marsad_arabic::clitics::analyses_with(&norm, &|_| false) {
        if a.prefix_chars == 0 && a.suffix_chars == 0 {
            continue;
        }
        if a.stem.chars().count() >= 2 {
            stems.insert(a.stem.clone());
        }
        if a.article && a.prefix_chars > 2 {
            // و+ال+رئيس: also index الرئيس, so the query "الرئيس" finds it
            stems.insert(a.with_article());
        }
    }
    stems.remove(&norm);
    (norm, stems.into_iter().collect())
}

/// The two columns the index stores for a text: the normalized words in
/// order, and the stems of every word.
pub fn index_columns(text: &str) -> (String, String) {
    let mut surface = String::with_capacity(text.len());
    let mut stems = String::new();
    let mut cache: HashMap<&str, (String, Vec<String>)> = HashMap::new();
    for t in tokenize(text) {
        if !is_word(t.kind) {
            continue;
        }
        let w = t.text(text);
        let (norm, st) = cache.entry(w).or_insert_with(|| forms(w));
        if !surface.is_empty() {
            surface.push(' ');
        }
        surface.push_str(norm);
        for s in st.iter() {
            if !stems.is_empty() {
                stems.push(' ');
            }
            stems.push_str(s);
        }
    }
    (surface, stems)
}

/// One part of a parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryPart {
    /// A word: matches its normalized form or any of its stems.
    Word {
        /// Normalized form.
        norm: String,
        /// Stems.
        stems: Vec<String>,
    },
    /// A quoted phrase: the normalized words, adjacent.
    Phrase(Vec<String>),
}

/// A parsed query: every part must match.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// The parts (ANDed).
    pub parts: Vec<QueryPart>,
}

impl Query {
    /// Parses user input: words, and phrases in double quotes (ASCII or « »
    /// or “ ”). Punctuation and FTS5 syntax characters are ignored, so any
    /// input is safe.
    pub fn parse(input: &str) -> Query {
        let mut parts = Vec::new();
        let mut rest = input;
        let is_open = |c: char| matches!(c, '"' | '«' | '“');
        while let Some(pos) = rest.find(is_open) {
            let (before, after) = rest.split_at(pos);
            words_into(before, &mut parts);
            let open = after.chars().next().unwrap_or('"');
            let after = &after[open.len_utf8()..];
            let close = after.find(['"', '»', '”']).unwrap_or(after.len());
            let phrase: Vec<String> = tokenize(&after[..close])
                .iter()
                .filter(|t| is_word(t.kind))
                .map(|t| marsad_arabic::normalize_str(t.text(&after[..close])))
                .collect();
            match phrase.len() {
                0 => {}
                1 => words_into(&after[..close], &mut parts),
                _ => parts.push(QueryPart::Phrase(phrase)),
            }
            rest = after.get(close..).unwrap_or("");
            if let Some(c) = rest.chars().next() {
                rest = &rest[c.len_utf8()..];
            }
        }
        words_into(rest, &mut parts);
        Query { parts }
    }

    /// True when nothing searchable is left.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The FTS5 MATCH expression (every term a quoted string, so no input
    /// can inject FTS5 syntax).
    pub fn fts_expr(&self) -> String {
        let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        self.parts
            .iter()
            .map(|p| match p {
                QueryPart::Word { norm, stems } => {
                    let mut alts = vec![q(norm)];
                    alts.extend(stems.iter().map(|s| q(s)));
                    format!("({})", alts.join(" OR "))
                }
                QueryPart::Phrase(ws) => q(&ws.join(" ")),
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// Every form a document word may have to count as a hit (for snippets).
    fn match_forms(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for p in &self.parts {
            match p {
                QueryPart::Word { norm, stems } => {
                    out.insert(norm.clone());
                    out.extend(stems.iter().cloned());
                }
                QueryPart::Phrase(ws) => out.extend(ws.iter().cloned()),
            }
        }
        out
    }
}

fn words_into(s: &str, parts: &mut Vec<QueryPart>) {
    for t in tokenize(s) {
        if !is_word(t.kind) {
            continue;
        }
        let (norm, stems) = forms(t.text(s));
        if norm.is_empty() {
            continue;
        }
        // a query word's stems that are a prefix-stripped form only (no
        // article restored) keep recall; duplicates are harmless
        parts.push(QueryPart::Word { norm, stems });
    }
}

/// A snippet of the original text with highlighted hits.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Snippet {
    /// The excerpt, exactly as in the document (an ellipsis "…" is added
    /// at a cut end).
    pub text: String,
    /// Highlighted ranges: `[start, end)` CODE-POINT offsets into
    /// [`Snippet::text`].
    pub highlights: Vec<[usize; 2]>,
}

/// Cuts the window of about `width` words of `text` with the most distinct
/// query hits, and marks every hit in it.
pub fn snippet(text: &str, query: &Query, width: usize) -> Snippet {
    let forms_wanted = query.match_forms();
    let toks: Vec<_> = tokenize(text)
        .into_iter()
        .filter(|t| is_word(t.kind))
        .collect();
    let mut cache: HashMap<&str, bool> = HashMap::new();
    let hit: Vec<bool> = toks
        .iter()
        .map(|t| {
            let w = t.text(text);
            *cache.entry(w).or_insert_with(|| {
                let (n, st) = forms(w);
                forms_wanted.contains(&n) || st.iter().any(|s| forms_wanted.contains(s))
            })
        })
        .collect();
    let width = width.max(4);
    // best window start: most hits (sliding count)
    let (mut best, mut best_n, mut cur) = (0usize, 0usize, 0usize);
    for i in 0..toks.len() {
        if hit[i] {
            cur += 1;
        }
        if i >= width && hit[i - width] {
            cur -= 1;
        }
        if cur > best_n {
            best_n = cur;
            best = (i + 1).saturating_sub(width);
        }
    }
    // centre the first hit a little when the window starts at it
    if best_n > 0 && best > 0 {
        best = best.saturating_sub(width / 4);
    }
    let total_chars = text.chars().count();
    if toks.is_empty() {
        let t: String = text.chars().take(200).collect();
        return Snippet {
            text: t,
            highlights: Vec::new(),
        };
    }
    let last = (best + width).min(toks.len()) - 1;
    let start = if best == 0 { 0 } else { toks[best].span.start };
    let end = if last + 1 == toks.len() {
        total_chars
    } else {
        toks[last].span.end
    };
    let mut out = String::new();
    let mut off = 0usize;
    if start > 0 {
        out.push('…');
        off = 1;
    }
    let body: String = text
        .chars()
        .skip(start)
        .take(end - start)
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    out.push_str(&body);
    if end < total_chars {
        out.push('…');
    }
    let highlights = (best..=last)
        .filter(|&i| hit[i])
        .map(|i| {
            [
                toks[i].span.start - start + off,
                toks[i].span.end - start + off,
            ]
        })
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_and_tashkeel_fold_into_the_index() {
        let (surface, stems) = index_columns("كَتَبَ الرئيسُ ووزيرُه");
        assert!(surface.starts_with("كتب الرييس") || surface.contains("كتب"));
        assert!(stems.split(' ').any(|s| s == "رئيس"), "{stems}");
        assert!(stems.split(' ').any(|s| s == "وزير"), "{stems}");
    }

    #[test]
    fn queries_are_quoted_and_safe() {
        let q = Query::parse("رئيس \"الأمم المتحدة\" OR) NEAR(* -x");
        let e = q.fts_expr();
        assert!(e.contains("\"رئيس\""));
        assert!(e.contains("\"الامم المتحده\""), "{e}");
        assert!(!e.contains("NEAR("));
        assert!(Query::parse("  ، ؟ ").is_empty());
    }

    #[test]
    fn snippet_highlights_original_code_points() {
        let text = "قال الرئيسُ الفرنسي إن باريس تدعم الحل.\n\nوأضاف الرئيس أن الوقت ضيق.";
        let s = snippet(text, &Query::parse("رئيس"), 30);
        assert_eq!(s.highlights.len(), 2);
        let chars: Vec<char> = s.text.chars().collect();
        let first: String = chars[s.highlights[0][0]..s.highlights[0][1]]
            .iter()
            .collect();
        assert_eq!(first, "الرئيسُ");
    }
}

//! Reading labelled sentences: CoNLL `token TAG` files (ANERcorp,
//! CLEANANERCorp) and WikiFANE's TAB-separated format with its fine types
//! mapped to the coarse PERS / ORG / LOC / MISC set.

use crate::NerError;
use std::path::Path;

/// One labelled sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Tokens as written.
    pub tokens: Vec<String>,
    /// One BIO tag per token (`O`, `B-PERS`, `I-LOC`, …).
    pub tags: Vec<String>,
    /// 0 for news text in ANERcorp's conventions; 1 for text from another
    /// domain (WikiFANE's Wikipedia, clitics split), whose sentences get
    /// domain-specific copies of their features in training; 2 for
    /// self-training sentences with their own copies; [`SHARED_ONCE`] for
    /// self-training sentences without copies.
    pub domain: u8,
}

/// The domain of sentences trained like news (no domain-specific feature
/// copies) but visited once per epoch, not `--repeat` times.
pub const SHARED_ONCE: u8 = 255;

/// WikiFANE's fine classes → ANERcorp's coarse types (`None`: not an entity
/// in ANERcorp's scheme, read as `O`).
///
/// Persons → PERS; organizations → ORG; geo-political entities, natural
/// locations and facilities → LOC (ANERcorp tags countries, cities, seas and
/// buildings alike as LOC); products, vehicles, weapons and works → MISC;
/// `Group` (nationalities, peoples) → `None`, since ANERcorp leaves most such
/// words untagged.
pub fn wikifane_coarse(fine: &str) -> Option<&'static str> {
    Some(match fine {
        "Politician" | "Artist" | "Scientist" | "Religious_PER" | "Other_PER" | "Athlete"
        | "Businessperson" | "Engineer" | "Police" | "Lawyer" | "Journalist" | "Military" => "PERS",
        "Government" | "Commercial" | "Non-Governmental" | "Educational" | "Media"
        | "Religious_ORG" | "Sports" | "Medical-Science" | "Entertainment" => "ORG",
        "Nation"
        | "Population-Center"
        | "State-or-Province"
        | "County-or-District"
        | "GPE-Cluster"
        | "Continent"
        | "Water-Body"
        | "Land-Region-Natural"
        | "Celestial"
        | "Region-General"
        | "Region-International"
        | "Address"
        | "Boundary"
        | "Building-Grounds"
        | "Airport"
        | "Path"
        | "Subarea-Facility"
        | "Plant" => "LOC",
        "Group" => return None,
        _ => "MISC",
    })
}

fn valid_tag(tag: &str) -> bool {
    tag == "O"
        || ((tag.starts_with("B-") || tag.starts_with("I-"))
            && tag.len() > 2
            && !tag[2..].contains(char::is_whitespace))
}

/// Parses CoNLL text: one `token TAG` per line (the tag is the last
/// whitespace-separated field), a blank line between sentences. Lines of
/// WikiFANE's format (`token<TAB>TAG`, fine types) are recognised by their
/// fine types and mapped with [`wikifane_coarse`]. A line that is not of that
/// shape is an error naming `name` and the line number.
pub fn parse(text: &str, name: &str) -> Result<Vec<Sentence>, NerError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut fine = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        // WikiFANE prefixes tokens with LRM marks and starts with a BOM
        let clean: String = line
            .chars()
            .filter(|c| !matches!(c, '\u{feff}' | '\u{200e}' | '\u{200f}'))
            .collect();
        if clean.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let t = clean.trim();
        let (tok, tag) = match t.rsplit_once(char::is_whitespace) {
            Some((a, b)) if !a.trim().is_empty() => (a.trim(), b),
            _ => {
                return Err(NerError::Input {
                    path: name.to_string(),
                    line: i + 1,
                    detail: format!("expected `token TAG`, found {t:?}"),
                })
            }
        };
        let tag = if valid_tag(tag) {
            match (tag.get(..2), tag.get(2..)) {
                (Some(p), Some(ty))
                    if tag != "O" && !matches!(ty, "PERS" | "PER" | "ORG" | "LOC" | "MISC") =>
                {
                    fine = true;
                    match wikifane_coarse(ty) {
                        Some(c) => format!("{p}{c}"),
                        None => "O".to_string(),
                    }
                }
                (Some(p), Some("PER")) => format!("{p}PERS"),
                _ => tag.to_string(),
            }
        } else {
            return Err(NerError::Input {
                path: name.to_string(),
                line: i + 1,
                detail: format!("{tag:?} is not a BIO tag (O, B-TYPE or I-TYPE)"),
            });
        };
        cur.tokens.push(tok.to_string());
        cur.tags.push(tag);
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    if fine {
        for s in &mut out {
            s.domain = 1;
        }
    }
    Ok(out)
}

/// Reads and parses a file (see [`parse`]).
pub fn read(path: &Path) -> Result<Vec<Sentence>, NerError> {
    let bytes = std::fs::read(path).map_err(|e| NerError::Input {
        path: path.display().to_string(),
        line: 0,
        detail: e.to_string(),
    })?;
    let text = String::from_utf8_lossy(&bytes);
    parse(&text, &path.display().to_string())
}

/// Writes sentences as `token TAG` lines with blank lines between sentences.
pub fn write(sents: &[(Vec<String>, Vec<String>)]) -> String {
    let mut s = String::new();
    for (toks, tags) in sents {
        for (t, g) in toks.iter().zip(tags) {
            s.push_str(t);
            s.push(' ');
            s.push_str(g);
            s.push('\n');
        }
        s.push('\n');
    }
    s
}

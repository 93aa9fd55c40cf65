//! Names harvested from unlabeled news by their contexts: the words that
//! follow a person title (الرئيس، الأمير، اللاعب، وزير الخارجية …), an
//! organization head noun (نادي، شركة، صحيفة …), a place head noun (مدينة،
//! محافظة …), or that stand inside «guillemets». Each word gets the
//! lexicon bits of the contexts it is seen in often enough
//! ([`crate::lexicon::bits::CTX_PER`] …), so the tagger learns from training
//! names how far to trust each kind, and the same bits then fire on names
//! that never occur in the labelled data (the test split's clubs, companies
//! and foreign persons). The list is learned without labels, from the same
//! corpus as the clusters; training names are not excluded (a bit that never
//! fires in training would learn nothing).

use crate::hash::FxMap;
use crate::lexicon::{bits, LOC_HEADS, ORG_HEADS, PER_CONSTRUCT, PER_TITLES};
use crate::NerError;
use marsad_arabic::TokenKind;
use std::path::PathBuf;

/// Function words that end a candidate run.
const STOP: &[&str] = &[
    "في",
    "من",
    "على",
    "الى",
    "إلى",
    "عن",
    "ان",
    "أن",
    "إن",
    "التي",
    "الذي",
    "الذين",
    "و",
    "او",
    "أو",
    "ثم",
    "مع",
    "بعد",
    "قبل",
    "خلال",
    "عند",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "كان",
    "كانت",
    "قد",
    "لقد",
    "لم",
    "لن",
    "لا",
    "ما",
    "بين",
    "حول",
    "منذ",
    "حتى",
    "كما",
    "إنه",
    "انه",
    "أنه",
    "يوم",
    "امس",
    "أمس",
    "اليوم",
    "بن",
    "ابن",
    "بنت",
    "أبو",
    "ابو",
    "عبد",
    "آل",
];

/// Settings of [`harvest`].
#[derive(Debug, Clone)]
pub struct HarvestOptions {
    /// A word needs at least this many occurrences in one kind of context.
    pub min_count: u32,
    /// … and that many occurrences must be at least this share of all its
    /// occurrences.
    pub min_share: f64,
    /// Share above which [`bits::CTX_STRONG`] is set too.
    pub strong_share: f64,
}

impl Default for HarvestOptions {
    fn default() -> Self {
        HarvestOptions {
            min_count: 3,
            min_share: 0.03,
            strong_share: 0.25,
        }
    }
}

/// Kinds of context, indices into the per-word counts.
const K_PER: usize = 0;
const K_ORG: usize = 1;
const K_LOC: usize = 2;
const K_QUOTE: usize = 3;
const KINDS: usize = 4;
const KIND_BITS: [u16; KINDS] = [bits::CTX_PER, bits::CTX_ORG, bits::CTX_LOC, bits::CTX_QUOTE];

/// The normalized key set of a list.
fn set(list: &[&str]) -> crate::hash::FxSet<String> {
    list.iter()
        .map(|w| marsad_arabic::normalize_str(w))
        .collect()
}

/// Strips one leading conjunction (و، ف) when at least three letters remain,
/// so that والرئيس reads as الرئيس (the caller turns لل into ال).
fn bare(w: &str) -> &str {
    let mut s = w;
    for p in ["و", "ف"] {
        if let Some(r) = s.strip_prefix(p) {
            if r.chars().count() >= 3 {
                s = r;
                break;
            }
        }
    }
    s
}

/// True for a nisba adjective written with the article (الأمريكي، السعودية).
fn is_nisba(w: &str) -> bool {
    w.starts_with("ال")
        && w.chars().count() >= 5
        && (w.ends_with('ي') || w.ends_with("يه") || w.ends_with("ية"))
}

/// Counts, over the corpus, how often each word stands in each kind of
/// context, and returns the words (normalized) with the bits of the kinds
/// that pass `opts`, sorted. Deterministic.
pub fn harvest(
    paths: &[PathBuf],
    opts: &HarvestOptions,
    log: &mut dyn FnMut(String),
) -> Result<Vec<(String, u16)>, NerError> {
    let per = set(PER_TITLES);
    let per_c = set(PER_CONSTRUCT);
    let org = set(ORG_HEADS);
    let loc = set(LOC_HEADS);
    let stop = set(STOP);
    let mut total: FxMap<String, u32> = FxMap::default();
    let mut ctx: FxMap<String, [u32; KINDS]> = FxMap::default();
    let mut ndocs = 0usize;
    let mut toks: Vec<(String, bool)> = Vec::new();
    crate::clusters::read_corpus(paths, &mut |text: &str| {
        ndocs += 1;
        toks.clear();
        for t in marsad_arabic::tokenize(text) {
            let w = t.text(text);
            let n = marsad_arabic::normalize_str(w);
            if n.is_empty() {
                continue;
            }
            let word = t.kind == TokenKind::Arabic || t.kind == TokenKind::Latin;
            toks.push((n, word));
        }
        for (w, ok) in &toks {
            if *ok {
                *total.entry(w.clone()).or_insert(0) += 1;
            }
        }
        let n = toks.len();
        let cand = |j: usize| -> bool {
            j < n && toks[j].1 && !stop.contains(&toks[j].0) && toks[j].0.chars().count() >= 2
        };
        let mut hit = |w: &str, k: usize| {
            ctx.entry(w.to_string()).or_insert([0; KINDS])[k] += 1;
        };
        let mut i = 0;
        while i < n {
            let (w, ok) = (&toks[i].0, toks[i].1);
            if w == "«" {
                // a short run of words inside guillemets
                let end = (i + 1..n.min(i + 6)).find(|&j| toks[j].0 == "»");
                if let Some(e) = end {
                    if e > i + 1 && (i + 1..e).all(|j| toks[j].1) {
                        for t in &toks[i + 1..e] {
                            hit(&t.0, K_QUOTE);
                        }
                    }
                }
                i += 1;
                continue;
            }
            if !ok {
                i += 1;
                continue;
            }
            // the word as written, else without a leading conjunction
            // (والرئيس), else with لل read as ال (للرئيس)
            let known = |k: &str| {
                per.contains(k) || per_c.contains(k) || org.contains(k) || loc.contains(k)
            };
            let key = if known(w) {
                w.to_string()
            } else {
                let b = bare(w);
                match b.strip_prefix("لل") {
                    Some(r) => format!("ال{r}"),
                    None => b.to_string(),
                }
            };
            if per.contains(&key) || per_c.contains(&key) {
                let mut j = i + 1;
                if per_c.contains(&key)
                    && j < n
                    && toks[j].0.starts_with("ال")
                    && !is_nisba(&toks[j].0)
                {
                    // the complement of a construct title (وزير الخارجية)
                    j += 1;
                }
                while j < n && is_nisba(&toks[j].0) {
                    j += 1;
                }
                for k in 0..2 {
                    if !cand(j + k)
                        || per.contains(&toks[j + k].0)
                        || per_c.contains(&toks[j + k].0)
                    {
                        break;
                    }
                    hit(&toks[j + k].0, K_PER);
                }
            } else if org.contains(&key) {
                if cand(i + 1) {
                    hit(&toks[i + 1].0, K_ORG);
                }
            } else if loc.contains(&key) && cand(i + 1) && !is_nisba(&toks[i + 1].0) {
                hit(&toks[i + 1].0, K_LOC);
            }
            i += 1;
        }
    })?;
    let mut out: Vec<(String, u16)> = Vec::new();
    for (w, c) in &ctx {
        let tot = total.get(w).copied().unwrap_or(0).max(1) as f64;
        let mut b = 0u16;
        let mut best = 0.0f64;
        for k in 0..KINDS {
            let share = c[k] as f64 / tot;
            if c[k] >= opts.min_count && share >= opts.min_share {
                b |= KIND_BITS[k];
                best = best.max(share);
            }
        }
        if b != 0 {
            if best >= opts.strong_share {
                b |= bits::CTX_STRONG;
            }
            out.push((w.clone(), b));
        }
    }
    out.sort_unstable();
    let count = |bit: u16| out.iter().filter(|(_, b)| b & bit != 0).count();
    log(format!(
        "context names from {ndocs} documents: {} words (person {}, organization {}, place {}, quoted {}, strong {})",
        out.len(),
        count(bits::CTX_PER),
        count(bits::CTX_ORG),
        count(bits::CTX_LOC),
        count(bits::CTX_QUOTE),
        count(bits::CTX_STRONG)
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harvests_names_after_titles_and_heads() {
        let dir = std::env::temp_dir().join(format!("marsad-ner-ctx-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("c.txt");
        let text = "قال الرئيس الأمريكي باراك أوباما إن نادي الهلال فاز في مدينة الرياض. \
                    وزير الخارجية جون كيري زار «ستاربكس» اليوم. ";
        std::fs::write(&f, text.repeat(3)).unwrap();
        let opts = HarvestOptions {
            min_count: 3,
            min_share: 0.5,
            strong_share: 0.9,
        };
        let got = harvest(&[f], &opts, &mut |_| {}).unwrap();
        let get = |w: &str| {
            let n = marsad_arabic::normalize_str(w);
            got.iter().find(|(k, _)| *k == n).map(|x| x.1).unwrap_or(0)
        };
        assert_ne!(get("باراك") & bits::CTX_PER, 0, "{got:?}");
        assert_ne!(get("أوباما") & bits::CTX_PER, 0);
        assert_ne!(get("كيري") & bits::CTX_PER, 0);
        assert_ne!(get("الهلال") & bits::CTX_ORG, 0);
        assert_ne!(get("الرياض") & bits::CTX_LOC, 0);
        assert_ne!(get("ستاربكس") & bits::CTX_QUOTE, 0);
        assert_eq!(get("الأمريكي"), 0, "a nisba adjective is skipped");
        assert_eq!(
            get("الخارجية"),
            0,
            "a construct title's complement is skipped"
        );
        assert_eq!(get("إن"), 0);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

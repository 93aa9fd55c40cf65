//! Exact-span scoring under conlleval's rules, matching
//! `../shared/tools/conlleval.py`: a span is a maximal run of `B-X`/`I-X`
//! tokens; an `I-X` that does not continue an `X` span starts a new one; a
//! `B-X` always starts one. Micro precision, recall and F1 over all types,
//! then per type, each rounded to 4 decimals.

use std::collections::{BTreeMap, BTreeSet};

/// Spans `(start, end, type)` of a tag sequence.
pub fn spans<S: AsRef<str>>(tags: &[S]) -> BTreeSet<(usize, usize, String)> {
    let mut out = BTreeSet::new();
    let mut start: Option<usize> = None;
    let mut kind: Option<String> = None;
    for i in 0..=tags.len() {
        let tag = if i < tags.len() {
            tags[i].as_ref()
        } else {
            "O"
        };
        let (pre, typ) = match tag.split_once('-') {
            Some((p, t)) => (p, t),
            None => (tag, ""),
        };
        let cont = pre == "I" && kind.as_deref() == Some(typ);
        if let (Some(s), false) = (start, cont) {
            out.insert((s, i, kind.take().unwrap_or_default()));
            start = None;
        }
        if (pre == "B" || pre == "I") && !cont {
            start = Some(i);
            kind = Some(typ.to_string());
        }
    }
    out
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

fn prf(tp: usize, fp: usize, fn_: usize) -> Prf {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        round4(2.0 * p * r / (p + r))
    } else {
        0.0
    };
    Prf {
        precision: round4(p),
        recall: round4(r),
        f1: f,
    }
}

/// Span counts for micro precision / recall / F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Spans in both gold and prediction.
    pub tp: usize,
    /// Predicted spans not in gold.
    pub fp: usize,
    /// Gold spans not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Micro precision, recall and F1 of the counts.
    pub fn prf(&self) -> Prf {
        prf(self.tp, self.fp, self.fn_)
    }
}

/// Counts over the spans (gold or predicted) that `keep` accepts, given the
/// sentence's tokens and the span's token range: e.g. only the names none
/// of whose words the model saw in a name during training (the score of
/// unseen names, where held-out text differs most from training text).
pub fn count_where<S: AsRef<str>, T: AsRef<str>, W: AsRef<str>>(
    tokens: &[Vec<W>],
    gold: &[Vec<S>],
    pred: &[Vec<T>],
    keep: &dyn Fn(&[W]) -> bool,
) -> Counts {
    let mut c = Counts::default();
    for ((w, g), p) in tokens.iter().zip(gold).zip(pred) {
        let ok = |s: &(usize, usize, String)| s.1 <= w.len() && keep(&w[s.0..s.1]);
        let g: BTreeSet<_> = spans(g).into_iter().filter(|s| ok(s)).collect();
        let p: BTreeSet<_> = spans(p).into_iter().filter(|s| ok(s)).collect();
        c.tp += g.intersection(&p).count();
        c.fp += p.difference(&g).count();
        c.fn_ += g.difference(&p).count();
    }
    c
}

/// Micro and per-type scores.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Score {
    /// Micro precision.
    pub precision: f64,
    /// Micro recall.
    pub recall: f64,
    /// Micro F1.
    pub f1: f64,
    /// Per type.
    pub types: BTreeMap<String, Prf>,
}

/// Scores predicted tag sequences against gold ones, sentence by sentence
/// (the two must have the same shape).
pub fn score<S: AsRef<str>, T: AsRef<str>>(gold: &[Vec<S>], pred: &[Vec<T>]) -> Score {
    let mut tp: BTreeMap<String, usize> = BTreeMap::new();
    let mut fp: BTreeMap<String, usize> = BTreeMap::new();
    let mut fn_: BTreeMap<String, usize> = BTreeMap::new();
    for (g, p) in gold.iter().zip(pred) {
        let g = spans(g);
        let p = spans(p);
        for s in g.intersection(&p) {
            *tp.entry(s.2.clone()).or_default() += 1;
        }
        for s in p.difference(&g) {
            *fp.entry(s.2.clone()).or_default() += 1;
        }
        for s in g.difference(&p) {
            *fn_.entry(s.2.clone()).or_default() += 1;
        }
    }
    let types: BTreeSet<&String> = tp.keys().chain(fp.keys()).chain(fn_.keys()).collect();
    let get = |m: &BTreeMap<String, usize>, t: &str| m.get(t).copied().unwrap_or(0);
    let micro = prf(tp.values().sum(), fp.values().sum(), fn_.values().sum());
    Score {
        precision: micro.precision,
        recall: micro.recall,
        f1: micro.f1,
        types: types
            .into_iter()
            .map(|t| (t.clone(), prf(get(&tp, t), get(&fp, t), get(&fn_, t))))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_only_the_spans_kept() {
        let words = vec![vec!["قال", "بوتين", "في", "موسكو", "أمس"]];
        let gold = vec![vec!["O", "B-PERS", "O", "B-LOC", "O"]];
        // the person found, the place missed, a wrong span on the last word
        let pred = vec![vec!["O", "B-PERS", "O", "O", "B-ORG"]];
        let all = count_where(&words, &gold, &pred, &|_: &[&str]| true);
        assert_eq!((all.tp, all.fp, all.fn_), (1, 1, 1));
        // only names without the word بوتين: the missed place and the wrong span
        let unseen = count_where(&words, &gold, &pred, &|w: &[&str]| !w.contains(&"بوتين"));
        assert_eq!((unseen.tp, unseen.fp, unseen.fn_), (0, 1, 1));
        assert_eq!(unseen.prf().f1, 0.0);
        assert_eq!(all.prf().f1, 0.5);
    }
}

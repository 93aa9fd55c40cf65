//! Scoring against a gold set of real sentences (`marsad eval values`).
//!
//! The gold file is JSON Lines, one expected expression per line:
//! `{id, url, anchor, sentence, layer: "time"|"quantity", category, text,
//! start, value, hijri?, unit?, approximate?, range?, expect_none?}` where
//! `start` is the code-point offset of `text` in `sentence`. Each sentence
//! is analysed with its anchor; the system expression of the same layer that
//! overlaps the gold span most is compared with it. `expect_none` lines are
//! places where there is no expression of that layer (a name such as «رجب
//! طيب إردوغان», a newspaper «عين اليوم»): they score when nothing is found.

use crate::{analyze, parse_anchor};
use marsad_core::{Quantity, TimeExpr};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One gold line.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldItem {
    /// Source article id (first 16 hex digits of SHA-256 of its URL).
    pub id: String,
    /// Source article URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication (crawl) date used as the anchor.
    #[serde(default)]
    pub anchor: Option<String>,
    /// The sentence, verbatim.
    pub sentence: String,
    /// `time` or `quantity`.
    pub layer: String,
    /// Category of the expression (for the breakdown).
    pub category: String,
    /// The expression as written.
    pub text: String,
    /// Code-point offset of `text` in `sentence`.
    pub start: usize,
    /// Expected value: an ISO 8601 string for times, a number for
    /// quantities, or null.
    #[serde(default)]
    pub value: serde_json::Value,
    /// Expected Hijri date (times).
    #[serde(default)]
    pub hijri: Option<String>,
    /// Expected unit (quantities).
    #[serde(default)]
    pub unit: Option<String>,
    /// Expected approximation flag (quantities).
    #[serde(default)]
    pub approximate: Option<bool>,
    /// Expected range (quantities).
    #[serde(default)]
    pub range: Option<[f64; 2]>,
    /// No expression of this layer should be found here.
    #[serde(default)]
    pub expect_none: bool,
}

/// Scores of one layer or category.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    /// Gold expressions with a value to check.
    pub items: usize,
    /// Of those, how many the system found (overlapping span).
    pub found: usize,
    /// Of those, how many have exactly the expected value.
    pub exact: usize,
    /// `exact / items`.
    pub accuracy: f64,
    /// Found with exactly the gold span.
    pub exact_span: usize,
    /// Places where nothing should be found.
    pub negatives: usize,
    /// Of those, how many were left alone.
    pub negatives_ok: usize,
    /// Quantities whose gold gives a unit or none: units that agree.
    pub unit_ok: usize,
}

impl Score {
    fn finish(&mut self) {
        self.accuracy = if self.items == 0 {
            0.0
        } else {
            self.exact as f64 / self.items as f64
        };
    }
}

/// The whole report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Time expressions.
    pub time: Score,
    /// Quantities.
    pub quantity: Score,
    /// Per `layer/category`.
    pub categories: BTreeMap<String, Score>,
    /// Misses, for reading: `category | text | expected | got`.
    pub errors: Vec<String>,
}

/// Reads a gold file; errors name the line.
pub fn read_gold(text: &str) -> Result<Vec<GoldItem>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", n + 1)))
        .collect()
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn same_unit(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => marsad_arabic::normalize_str(x) == marsad_arabic::normalize_str(y),
        _ => false,
    }
}

/// Analyses per (sentence, anchor), computed once.
type Cache = HashMap<(String, Option<String>), (Vec<TimeExpr>, Vec<Quantity>)>;

/// Scores `gold` against the analyser.
pub fn score(gold: &[GoldItem]) -> Report {
    let mut cache: Cache = HashMap::new();
    let mut rep = Report::default();
    for g in gold {
        let key = (g.sentence.clone(), g.anchor.clone());
        let (times, qs) = cache
            .entry(key)
            .or_insert_with(|| analyze(&g.sentence, g.anchor.as_deref().and_then(parse_anchor)));
        let span = (g.start, g.start + g.text.chars().count());
        let is_time = g.layer == "time";
        let cat = rep
            .categories
            .entry(format!("{}/{}", g.layer, g.category))
            .or_default();
        let layer = if is_time {
            &mut rep.time
        } else {
            &mut rep.quantity
        };
        // the overlapping system expression, most overlap first
        let hit_t = times
            .iter()
            .filter(|t| overlap((t.span.start, t.span.end), span) > 0)
            .max_by_key(|t| overlap((t.span.start, t.span.end), span));
        let hit_q = qs
            .iter()
            .filter(|q| overlap((q.span.start, q.span.end), span) > 0)
            .max_by_key(|q| overlap((q.span.start, q.span.end), span));
        let found = if is_time {
            hit_t.is_some()
        } else {
            hit_q.is_some()
        };
        if g.expect_none {
            layer.negatives += 1;
            cat.negatives += 1;
            if !found {
                layer.negatives_ok += 1;
                cat.negatives_ok += 1;
            } else {
                let got = if is_time {
                    hit_t.map(|t| t.text.clone())
                } else {
                    hit_q.map(|q| q.text.clone())
                };
                rep.errors.push(format!(
                    "{}/{} | {} | none | {:?}",
                    g.layer, g.category, g.text, got
                ));
            }
            continue;
        }
        layer.items += 1;
        cat.items += 1;
        if found {
            layer.found += 1;
            cat.found += 1;
        }
        let (ok, span_ok, unit_ok, got) = if is_time {
            let want = g.value.as_str().map(str::to_string);
            match hit_t {
                Some(t) => {
                    let ok = t.value == want && (g.hijri.is_none() || t.hijri == g.hijri);
                    let sp = (t.span.start, t.span.end) == span;
                    (
                        ok,
                        sp,
                        false,
                        format!("{:?} {:?} h={:?}", t.text, t.value, t.hijri),
                    )
                }
                None => (false, false, false, "nothing".into()),
            }
        } else {
            let want = g.value.as_f64();
            match hit_q {
                Some(q) => {
                    let v_ok = match (q.value, want) {
                        (None, None) => true,
                        (Some(a), Some(b)) => close(a, b),
                        _ => false,
                    };
                    let a_ok = g.approximate.is_none_or(|a| a == q.approximate);
                    let r_ok = match (q.range, g.range) {
                        (None, None) => true,
                        (Some(a), Some(b)) => close(a[0], b[0]) && close(a[1], b[1]),
                        _ => false,
                    };
                    let sp = (q.span.start, q.span.end) == span;
                    let u_ok = same_unit(q.unit.as_deref(), g.unit.as_deref());
                    (
                        v_ok && a_ok && r_ok,
                        sp,
                        u_ok,
                        format!(
                            "{:?} {:?} {:?} ap={} r={:?}",
                            q.text, q.value, q.unit, q.approximate, q.range
                        ),
                    )
                }
                None => (false, false, false, "nothing".into()),
            }
        };
        if ok {
            layer.exact += 1;
            cat.exact += 1;
        } else {
            let want = if is_time {
                format!("{} h={:?}", g.value, g.hijri)
            } else {
                format!("{} ap={:?} r={:?}", g.value, g.approximate, g.range)
            };
            rep.errors.push(format!(
                "{}/{} | {} | {} | {}",
                g.layer, g.category, g.text, want, got
            ));
        }
        if span_ok {
            layer.exact_span += 1;
            cat.exact_span += 1;
        }
        if unit_ok {
            layer.unit_ok += 1;
            cat.unit_ok += 1;
        }
    }
    rep.time.finish();
    rep.quantity.finish();
    for c in rep.categories.values_mut() {
        c.finish();
    }
    rep
}

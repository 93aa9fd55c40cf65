//! Time expressions and quantities in Arabic news text, with normalized
//! values anchored on the publication date.
//!
//! * [`times`]: Gregorian dates under every regional month name (Levantine,
//!   Egyptian/Gulf, Maghrebi) and their paired forms, Umm al-Qura Hijri dates,
//!   weekdays, relative expressions, times of day, intervals and durations →
//!   ISO 8601 values.
//! * [`quantities`]: digits in three digit sets, number words with their
//!   gender and case forms, percentages, ranges and approximate counts, each
//!   with the counted noun as its unit.
//!
//! Both work on the normalized matching view of `marsad_arabic` and publish
//! code-point spans into the original text. Nothing is guessed: without an
//! anchor a year-less date stays partial (`XXXX-11-26`) and a relative one
//! stays `null`; an impossible date or an absurd number is left `null`.

pub mod calendar;
pub mod eval;
pub mod lexicon;
pub mod numbers;
pub mod quantities;
mod scan;
pub mod times;

use marsad_core::{Document, Quantity, TimeExpr};

pub use calendar::{parse_anchor, Ymd};

/// Adds `times` and `quantities` to `doc`, anchored on `doc.published`.
///
/// Replaces whatever the two layers held. Spans are code-point spans into
/// `doc.text`, and every `text` field equals the text its span points at.
pub fn annotate(doc: &mut Document) {
    let anchor = doc.published.as_deref().and_then(parse_anchor);
    let (times, quantities) = analyze(&doc.text, anchor);
    doc.times = times;
    doc.quantities = quantities;
}

/// Finds the time expressions and quantities of `text`, anchored on
/// `anchor` when there is one.
pub fn analyze(text: &str, anchor: Option<Ymd>) -> (Vec<TimeExpr>, Vec<Quantity>) {
    let view = scan::View::new(text);
    let times = times::find(&view, anchor);
    let quantities = quantities::find(&view, &times);
    let ix = &view.ix;
    let times = times.into_iter().map(|t| t.into_expr(text, ix)).collect();
    let quantities = quantities
        .into_iter()
        .map(|q| q.into_quantity(text, ix))
        .collect();
    (times, quantities)
}

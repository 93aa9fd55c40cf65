//! Quotes and speakers. (Issue #5 builds them.)

use marsad_core::Document;

/// Adds `quotes` to `doc` (needs `sentences`, `mentions`, `entities`).
pub fn annotate(_doc: &mut Document) {}

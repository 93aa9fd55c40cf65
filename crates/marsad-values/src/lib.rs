//! Time expressions and quantities. (Issue #4 builds them.)

use marsad_core::Document;

/// Adds `times` and `quantities` to `doc`, anchored on `doc.published`.
pub fn annotate(_doc: &mut Document) {}

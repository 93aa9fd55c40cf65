//! The `marsad/1` document model.
//!
//! One [`Document`] flows through every stage of Marsad. Every layer is
//! *stand-off*: it points into [`Document::text`] with [`Span`]s measured in
//! Unicode scalar values (code points), never bytes, so that a JSON consumer
//! in any language can slice the text with the numbers it reads.
//!
//! Rust strings are indexed by bytes; [`CharIndex`] converts between the two
//! views in O(1) (after an O(n) build) so that stages can work in bytes
//! internally and publish code-point spans.

mod document;
mod index;
mod span;

pub use document::*;
pub use index::CharIndex;
pub use span::Span;

/// Helpers for the workspace's tests. Not part of the API.
#[doc(hidden)]
pub mod testing {
    use std::path::Path;

    /// Whether `path` (data under `../shared`) is present. Without it a test
    /// is skipped with a message, except under CI (`CI` set, as `.ci/run`
    /// does), where a missing data set is a broken checkout and fails the
    /// test (the same rule the Chromium end-to-end test follows).
    pub fn shared_present(path: &Path) -> bool {
        if path.exists() {
            return true;
        }
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing: CI must run with ../shared beside the repository",
            path.display()
        );
        eprintln!("skipped: {} not present", path.display());
        false
    }
}

/// The schema tag written into every document.
pub const SCHEMA: &str = "marsad/1";

/// Errors of the document model itself.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// A span does not lie within the text or is reversed.
    #[error("span {span} is outside the text of {len} characters (a stage produced a bad offset)")]
    SpanOutOfRange {
        /// The offending span.
        span: Span,
        /// Text length in code points.
        len: usize,
    },
    /// A span's `text` field does not equal the substring it points at.
    #[error("span {span} says {claimed:?} but the text there is {actual:?}")]
    SpanTextMismatch {
        /// The offending span.
        span: Span,
        /// What the layer claimed.
        claimed: String,
        /// What the text holds.
        actual: String,
    },
}

/// A stable document id: the first 16 hex digits of the SHA-256 of `bytes`.
///
/// Marsad derives ids from the source bytes (or the URL when a caller prefers
/// it), so that re-ingesting the same page yields the same id.
pub fn stable_id(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

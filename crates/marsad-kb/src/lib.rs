//! Knowledge base, linking and coreference. (Issue #5 builds them.)

use marsad_core::Document;

/// Errors loading or building the knowledge base.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    /// A KB file could not be read or parsed.
    #[error("{path}: {detail}")]
    File {
        /// The file.
        path: String,
        /// What is wrong.
        detail: String,
    },
}

/// A loaded knowledge base.
#[derive(Debug, Default)]
pub struct Kb {}

impl Kb {
    /// The knowledge base that ships in `assets/`.
    pub fn bundled() -> Result<Kb, KbError> {
        Ok(Kb {})
    }

    /// Builds `entities` from `doc.mentions` (linking and coreference) and
    /// sets each mention`s `entity`.
    pub fn link(&self, _doc: &mut Document) {}
}

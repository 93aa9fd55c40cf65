//! Arabic named-entity recognition. (Issue #3 builds the model.)

use marsad_core::Document;

/// Errors loading or training a model.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// A model file could not be read or is not a Marsad model.
    #[error("{path}: {detail}")]
    Model {
        /// The file.
        path: String,
        /// What is wrong.
        detail: String,
    },
}

/// A loaded tagger.
#[derive(Debug, Default)]
pub struct Tagger {}

impl Tagger {
    /// The model that ships in `assets/`.
    pub fn bundled() -> Result<Tagger, NerError> {
        Ok(Tagger {})
    }

    /// Adds `mentions` to `doc` (its `text` and `sentences` must be set).
    pub fn annotate(&self, _doc: &mut Document) {}
}

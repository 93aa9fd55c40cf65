//! Event coding. (Issue #6 builds it.)

use marsad_core::Document;

/// Errors loading the event dictionaries.
#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    /// A dictionary could not be read or parsed.
    #[error("{path}: {detail}")]
    File {
        /// The file.
        path: String,
        /// What is wrong.
        detail: String,
    },
}

/// A loaded event coder.
#[derive(Debug, Default)]
pub struct Coder {}

impl Coder {
    /// The compiled dictionaries that ship in `assets/`.
    pub fn bundled() -> Result<Coder, EventsError> {
        Ok(Coder {})
    }

    /// Adds `events` to `doc` (needs every earlier layer).
    pub fn annotate(&self, _doc: &mut Document, _kb: &marsad_kb::Kb) {}
}

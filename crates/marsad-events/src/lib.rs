//! Event coding: who did what to whom, when and where, as CAMEO and PLOVER
//! events with actor codes, place, date, modality and toll.
//!
//! The coder reads the layers earlier stages filled (sentences, mentions,
//! entities with `kb.cameo`, times, quantities, quotes) and works when they
//! are empty: triggers come from its own lexicon, actors from its own actor
//! phrase table and [`marsad_kb::Kb::lookup`].
//!
//! * Triggers: UniversalPetrarch's Arabic CAMEO verb dictionary compiled to
//!   `assets/events/verbs.tsv` (see [`build`]), plus Marsad's curated
//!   `assets/events/triggers.tsv` (nouns the newspapers prefer, light verbs,
//!   corrections). Verb inflections and regular verbal nouns are generated
//!   ([`lexicon`]); clitics are stripped by the text layer.
//! * Arguments: verb-first subjects, nisba and genitive sources of event
//!   nouns, targets after على / ضد / ب / ل, coordinated actors as one
//!   compound actor with members, places after في / قرب / قبالة.
//! * Modality: negated, future, hypothetical, reported — recorded, never
//!   dropped.
//! * One event per (source, action, target, date) in a document, with every
//!   supporting sentence and trigger span.

mod annotate;
pub mod build;
pub mod export;
pub mod gsr;
pub mod lexicon;

pub use annotate::combine_codes;
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

const TRIGGERS: &str = include_str!("../../../assets/events/triggers.tsv");
const VERBS: &str = include_str!("../../../assets/events/verbs.tsv");
const CAMEO: &str = include_str!("../../../assets/events/cameo.tsv");
const ACTORS: &str = include_str!("../../../assets/events/actors.tsv");
const ACTORS_EXTRA: &str = include_str!("../../../assets/events/actors-extra.tsv");

/// A loaded event coder.
#[derive(Debug, Default)]
pub struct Coder {
    lx: lexicon::Lexicon,
}

impl Coder {
    /// The compiled dictionaries that ship in `assets/events/`.
    pub fn bundled() -> Result<Coder, EventsError> {
        Ok(Coder {
            lx: lexicon::Lexicon::load(TRIGGERS, VERBS, CAMEO, ACTORS, ACTORS_EXTRA)?,
        })
    }

    /// A coder over dictionaries given as text (tests, experiments).
    pub fn from_parts(
        triggers: &str,
        verbs: &str,
        cameo: &str,
        actors: &str,
        actors_extra: &str,
    ) -> Result<Coder, EventsError> {
        Ok(Coder {
            lx: lexicon::Lexicon::load(triggers, verbs, cameo, actors, actors_extra)?,
        })
    }

    /// The loaded lexicon.
    pub fn lexicon(&self) -> &lexicon::Lexicon {
        &self.lx
    }

    /// Replaces `doc.events` with the events coded from `doc` (reads every
    /// earlier layer; works with them empty).
    pub fn annotate(&self, doc: &mut Document, kb: &marsad_kb::Kb) {
        annotate::annotate(&self.lx, doc, kb);
    }
}

#[cfg(test)]
mod tests;

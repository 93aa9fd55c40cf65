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
//! * Report or mention: a learned filter ([`filter`], model in
//!   `assets/events/filter.json`) gives ASSAULT and PROTEST events a
//!   `confidence`; with [`Coder::drop_mentions`] (what `marsad analyze`
//!   uses) those under its threshold (a trial, an anniversary, a topic, a
//!   wish) are dropped. Other families are not scored.

mod annotate;
pub mod build;
pub mod export;
pub mod filter;
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
const FILTER: &str = include_str!("../../../assets/events/filter.json");

/// A loaded event coder.
#[derive(Debug, Default)]
pub struct Coder {
    lx: lexicon::Lexicon,
    filter: Option<filter::Filter>,
    drop_mentions: bool,
}

impl Coder {
    /// The compiled dictionaries that ship in `assets/events/`.
    pub fn bundled() -> Result<Coder, EventsError> {
        Ok(Coder {
            lx: lexicon::Lexicon::load(TRIGGERS, VERBS, CAMEO, ACTORS, ACTORS_EXTRA)?,
            filter: Some(filter::Filter::from_json(
                FILTER,
                "assets/events/filter.json (bundled)",
            )?),
            drop_mentions: false,
        })
    }

    /// A coder over dictionaries given as text (tests, experiments); no
    /// report-vs-mention filter (see [`Coder::set_filter`]).
    pub fn from_parts(
        triggers: &str,
        verbs: &str,
        cameo: &str,
        actors: &str,
        actors_extra: &str,
    ) -> Result<Coder, EventsError> {
        Ok(Coder {
            lx: lexicon::Lexicon::load(triggers, verbs, cameo, actors, actors_extra)?,
            filter: None,
            drop_mentions: false,
        })
    }

    /// Replaces the report-vs-mention filter (`None`: every coded event is
    /// kept, without `confidence`).
    pub fn set_filter(&mut self, filter: Option<filter::Filter>) {
        self.filter = filter;
    }

    /// The report-vs-mention filter in use, if any.
    pub fn filter(&self) -> Option<&filter::Filter> {
        self.filter.as_ref()
    }

    /// Drop the events the filter scores under their family's threshold
    /// (mentions rather than reports). Off by default: every event is kept
    /// and ASSAULT and PROTEST events carry their `confidence`.
    pub fn drop_mentions(&mut self, drop: bool) {
        self.drop_mentions = drop;
    }

    /// The loaded lexicon.
    pub fn lexicon(&self) -> &lexicon::Lexicon {
        &self.lx
    }

    /// Replaces `doc.events` with the events coded from `doc` (reads every
    /// earlier layer; works with them empty), then scores ASSAULT and
    /// PROTEST events with the report-vs-mention filter and, with
    /// [`Coder::drop_mentions`], drops the mentions.
    pub fn annotate(&self, doc: &mut Document, kb: &marsad_kb::Kb) {
        self.annotate_at(doc, kb, None);
    }

    /// [`Coder::annotate`] for a document that is one sentence cut out of
    /// an article (the gold standard's sentences): the filter reads
    /// `position`, the sentence's 0-based ordinal in its article, as its
    /// position feature, as training does ([`filter::Filter::apply_at`]).
    /// `None`: the same as [`Coder::annotate`].
    pub fn annotate_at(&self, doc: &mut Document, kb: &marsad_kb::Kb, position: Option<usize>) {
        self.code(doc, kb);
        self.score(doc, position);
    }

    /// The first half of [`Coder::annotate`]: replaces `doc.events` with
    /// the coded events, unscored (for timing the two halves apart).
    pub fn code(&self, doc: &mut Document, kb: &marsad_kb::Kb) {
        annotate::annotate(&self.lx, doc, kb);
    }

    /// The second half of [`Coder::annotate_at`]: the report-vs-mention
    /// filter's scores (and drops, with [`Coder::drop_mentions`]) on the
    /// events [`Coder::code`] found; nothing without a filter.
    pub fn score(&self, doc: &mut Document, position: Option<usize>) {
        if let Some(f) = &self.filter {
            f.apply_at(&self.lx, doc, !self.drop_mentions, position);
        }
    }
}

/// Helpers shared by this crate's unit tests (`src/tests.rs`) and its
/// integration tests (`tests/`): where the shared data lives, the
/// skip-or-fail rule for it, and one-sentence documents. Not part of the
/// API.
#[doc(hidden)]
pub mod testing {
    use crate::Coder;
    use marsad_core::{Document, Source};
    use std::path::PathBuf;

    /// The repository root.
    pub fn repo() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// `../shared/data/events` beside the repository.
    pub fn events_src() -> PathBuf {
        repo().join("../shared/data/events")
    }

    /// The dev half of the Arabic event gold standard.
    pub fn gsr_dir() -> PathBuf {
        events_src().join("arabic-event-gsr")
    }

    pub use marsad_core::testing::shared_present;

    /// A document of `text` with its sentences and publication date, as the
    /// gold standard's sentences are coded (earlier layers empty).
    pub fn sentence_doc(text: &str, published: Option<&str>) -> Document {
        let mut d = Document::new("t", Source::default(), text);
        d.published = published.map(str::to_string);
        d.sentences = marsad_arabic::sentences(&d.text);
        d
    }

    /// [`sentence_doc`] coded by `coder` with `kb`.
    pub fn code_with(
        coder: &Coder,
        kb: &marsad_kb::Kb,
        text: &str,
        published: Option<&str>,
    ) -> Document {
        let mut d = sentence_doc(text, published);
        coder.annotate(&mut d, kb);
        d
    }
}

#[cfg(test)]
mod tests;

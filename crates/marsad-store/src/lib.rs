//! The Marsad document store.
//!
//! Answers: *which documents say X, what does the archive know about an
//! actor, which events match these filters?* over `marsad/1` documents that
//! `marsad ingest` wrote.
//!
//! * [`Store`] is the interface the CLI and the server use;
//!   [`SqliteStore`] is the embedded default (SQLite through rusqlite,
//!   bundled: one file, WAL, versioned migrations, FTS5).
//! * The full document is kept as its `marsad/1` JSON (so nothing a stage
//!   adds is lost) and its layers are copied into tables (mentions, entities,
//!   quotes, times, events) for filtering and aggregation.
//! * Search runs over the NORMALIZED text with clitic stems (see [`text`]);
//!   snippets are cut from the original text with code-point highlights.
//!
//! Not for: editing documents (a document is immutable once stored: its id
//! comes from its content, so re-ingesting it changes nothing), or for
//! analysis (that is the pipeline's job).

mod sqlite;
pub mod text;

use marsad_core::{Document, Entity};
use serde::{Deserialize, Serialize};

pub use sqlite::SqliteStore;
pub use text::{Query, Snippet};

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database said no.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored document could not be read back (a damaged database).
    #[error("stored document {id} is not valid marsad/1 JSON: {detail}")]
    Corrupt {
        /// Document id.
        id: String,
        /// Parser message.
        detail: String,
    },
    /// The database was written by a newer Marsad.
    #[error(
        "{path}: schema version {found} is newer than this build knows ({known}); upgrade marsad"
    )]
    TooNew {
        /// Database path.
        path: String,
        /// Version in the file.
        found: i64,
        /// Newest version this build knows.
        known: i64,
    },
    /// A document cannot be stored (e.g. not schema marsad/1).
    #[error("document {id}: {detail}")]
    Invalid {
        /// Document id.
        id: String,
        /// What is wrong.
        detail: String,
    },
}

/// Result of [`Store::put`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    /// Newly stored.
    Inserted,
    /// A document with this id was already there; nothing changed.
    Existed,
}

/// A page of results.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Page {
    /// Maximum rows.
    pub limit: usize,
    /// Rows to skip.
    pub offset: usize,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            limit: 20,
            offset: 0,
        }
    }
}

/// One row of the document list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocSummary {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub site: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Number of mentions.
    pub mentions: i64,
    /// Number of entities.
    pub entities: i64,
    /// Number of quotes.
    pub quotes: i64,
    /// Number of events.
    pub events: i64,
}

/// One search hit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Hit {
    /// The document.
    #[serde(flatten)]
    pub doc: DocSummary,
    /// BM25 score (higher is better).
    pub score: f64,
    /// The best passage of the body, with highlights.
    pub snippet: Snippet,
}

/// Search results.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchResults {
    /// The query as typed.
    pub query: String,
    /// How many documents match in all.
    pub total: usize,
    /// This page of hits, best first.
    pub hits: Vec<Hit>,
}

/// An entity across the archive (all documents' entities with one key).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EntitySummary {
    /// Archive-wide key: the KB id, `wd:` + Wikidata QID, or
    /// `TYPE:normalized name` for a document-local entity.
    pub key: String,
    /// Display name.
    pub name: String,
    /// Arabic name.
    pub name_ar: Option<String>,
    /// Type (`PER`, `ORG`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// Documents it appears in.
    pub documents: i64,
    /// Mentions in all.
    pub mentions: i64,
}

/// A mention of an entity, in context.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MentionRow {
    /// Document id.
    pub doc: String,
    /// Document title.
    pub title: Option<String>,
    /// The mention text.
    pub text: String,
    /// Code-point span in the document text.
    pub start: i64,
    /// End of the span.
    pub end: i64,
    /// Text around the mention.
    pub context: String,
}

/// A quote row.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuoteRow {
    /// Document id.
    pub doc: String,
    /// Document title.
    pub title: Option<String>,
    /// The quoted words.
    pub text: String,
    /// `direct` or `indirect`.
    pub kind: String,
    /// How the speaker is named.
    pub speaker: String,
    /// The speaker's entity key, when linked.
    pub speaker_key: Option<String>,
    /// Code-point span.
    pub start: i64,
    /// End of the span.
    pub end: i64,
}

/// An event row (flattened for tables, filters and charts).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventRow {
    /// Document id.
    pub doc: String,
    /// Index in the document's events.
    pub index: i64,
    /// Day (`YYYY-MM-DD`) from the event date, else the publication date.
    pub day: Option<String>,
    /// The event's own date value.
    pub date: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// PLOVER type ("" when the CAMEO code has none).
    pub plover: String,
    /// Quad class 1–4.
    pub quad_class: i64,
    /// Goldstein score.
    pub goldstein: f64,
    /// Source actor key.
    pub source_key: Option<String>,
    /// Source actor name.
    pub source: String,
    /// Source CAMEO actor code.
    pub source_code: Option<String>,
    /// Target actor key.
    pub target_key: Option<String>,
    /// Target actor name.
    pub target: Option<String>,
    /// Target CAMEO actor code.
    pub target_code: Option<String>,
    /// Place name.
    pub place: Option<String>,
    /// ISO 3166-1 alpha-3 country of the place.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Modality.
    pub modality: String,
    /// Deaths reported.
    pub fatalities: Option<i64>,
    /// Sentence span start (code points).
    pub start: i64,
    /// Sentence span end.
    pub end: i64,
    /// The sentence.
    pub sentence: String,
}

/// Filters of [`Store::events`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EventFilter {
    /// Actor as source or target: an entity key, a CAMEO actor code prefix
    /// (`RUS`), or a name (normalized substring).
    pub actor: Option<String>,
    /// CAMEO code prefix (`19`, `042`).
    pub code: Option<String>,
    /// First day, inclusive (`YYYY-MM-DD`, or a prefix `YYYY-MM`).
    pub since: Option<String>,
    /// Last day, inclusive.
    pub until: Option<String>,
    /// Place: ISO3 country, entity key, or a name (normalized substring).
    pub place: Option<String>,
    /// Only this document.
    pub doc: Option<String>,
    /// Page.
    pub limit: usize,
    /// Rows to skip.
    pub offset: usize,
}

/// Events per day per quad class.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DayCount {
    /// Day.
    pub day: String,
    /// Quad class 1–4.
    pub quad_class: i64,
    /// Events.
    pub count: i64,
}

/// Events per day for one ordered actor pair.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PairCount {
    /// Day (absent when aggregated over all days).
    pub day: Option<String>,
    /// Source key.
    pub source_key: String,
    /// Source name.
    pub source: String,
    /// Target key.
    pub target_key: String,
    /// Target name.
    pub target: String,
    /// Events.
    pub count: i64,
}

/// Events at one place.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PlaceCount {
    /// Place name.
    pub place: String,
    /// Country.
    pub country: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Events.
    pub count: i64,
}

/// Another actor seen with an entity.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CoActor {
    /// Key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Documents shared.
    pub documents: i64,
}

/// Everything the archive knows about one entity.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EntityPage {
    /// Summary.
    pub entity: EntitySummary,
    /// The first document's full entity record (KB link, aliases, roles).
    pub record: Option<Entity>,
    /// Mentions (most recent documents first).
    pub mentions: Vec<MentionRow>,
    /// Quotes it speaks.
    pub quotes: Vec<QuoteRow>,
    /// Events with it as source.
    pub as_source: Vec<EventRow>,
    /// Events with it as target.
    pub as_target: Vec<EventRow>,
    /// Entities appearing in the same documents.
    pub co_actors: Vec<CoActor>,
}

/// Counts of the whole store.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Stats {
    /// Documents.
    pub documents: i64,
    /// Mentions.
    pub mentions: i64,
    /// Distinct entity keys.
    pub entities: i64,
    /// Quotes.
    pub quotes: i64,
    /// Time expressions.
    pub times: i64,
    /// Events.
    pub events: i64,
}

/// The store interface: what `marsad` and the server need.
pub trait Store {
    /// Stores a document and all its layers in one transaction. A document
    /// whose id is already stored is left as it is ([`Put::Existed`]).
    fn put(&mut self, doc: &Document) -> Result<Put, StoreError>;
    /// Replaces the layers of a stored document (mentions, entities, quotes,
    /// times, events and the stored JSON) with those of `doc`, in one
    /// transaction: how an archive is brought up to a newer pipeline. The
    /// text must be the stored text (spans and the search index depend on
    /// it); a document that is not stored, or whose text differs, is an
    /// [`StoreError::Invalid`] and nothing changes.
    fn replace_layers(&mut self, doc: &Document) -> Result<(), StoreError>;
    /// True when a document with this id is stored.
    fn contains(&self, id: &str) -> Result<bool, StoreError>;
    /// The full document.
    fn document(&self, id: &str) -> Result<Option<Document>, StoreError>;
    /// Documents, newest publication first.
    fn documents(&self, page: Page) -> Result<Vec<DocSummary>, StoreError>;
    /// Calls `f` on every document in insertion order until it returns
    /// `false` (streams: one document in memory at a time).
    fn for_each_document(&self, f: &mut dyn FnMut(Document) -> bool) -> Result<(), StoreError>;
    /// Ranked full-text search with snippets.
    fn search(&self, query: &str, page: Page) -> Result<SearchResults, StoreError>;
    /// Entities, most documents first, optionally filtered by a name
    /// (normalized substring) and a type.
    fn entities(
        &self,
        name: Option<&str>,
        kind: Option<&str>,
        page: Page,
    ) -> Result<Vec<EntitySummary>, StoreError>;
    /// One entity's page.
    fn entity(&self, key: &str) -> Result<Option<EntityPage>, StoreError>;
    /// Events matching a filter, newest day first.
    fn events(&self, f: &EventFilter) -> Result<Vec<EventRow>, StoreError>;
    /// Events per day and quad class (the timeline).
    fn event_days(&self, f: &EventFilter) -> Result<Vec<DayCount>, StoreError>;
    /// Event counts per ordered actor pair, per day when `per_day`.
    fn actor_pairs(&self, f: &EventFilter, per_day: bool) -> Result<Vec<PairCount>, StoreError>;
    /// Event counts per located place (the map).
    fn places(&self, f: &EventFilter) -> Result<Vec<PlaceCount>, StoreError>;
    /// The archive-wide key of each entity of a document (document-local
    /// entity id → key).
    fn entity_keys(
        &self,
        doc: &str,
    ) -> Result<std::collections::BTreeMap<String, String>, StoreError>;
    /// Counts.
    fn stats(&self) -> Result<Stats, StoreError>;
}

/// The archive-wide key of a document's entity: its KB id, else
/// `wd:`+Wikidata QID, else `TYPE:normalized name`.
pub fn entity_key(e: &Entity) -> String {
    if let Some(kb) = &e.kb {
        if let Some(id) = kb.id.as_deref().filter(|s| !s.is_empty()) {
            return id.to_string();
        }
        if let Some(q) = kb.wikidata.as_deref().filter(|s| !s.is_empty()) {
            return format!("wd:{q}");
        }
    }
    let name = e.name_ar.as_deref().unwrap_or(&e.name);
    format!("{}:{}", e.kind.as_str(), marsad_arabic::normalize_str(name))
}

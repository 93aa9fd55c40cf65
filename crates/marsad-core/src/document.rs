//! The document and its layers, exactly as `marsad analyze` prints them.
//!
//! Field names are the JSON keys of schema `marsad/1` (see
//! `schema/marsad-1.schema.json` at the repository root). Every required key
//! is always serialized: an `Option` becomes `null`, a layer that a stage did
//! not fill is an empty list. Fields marked *(extension)* were added to the
//! schema after DESIGN.md was written; additions never change the meaning of
//! an existing key.

use crate::{CharIndex, CoreError, Span, SCHEMA};
use serde::{Deserialize, Serialize};

/// One analysed document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Document {
    /// Always [`SCHEMA`] (`"marsad/1"`).
    pub schema: String,
    /// Stable id: a hash of the source bytes or of the URL.
    pub id: String,
    /// Where the document came from.
    pub source: Source,
    /// ISO 639-1 code of the body, or null when it cannot be told.
    pub language: Option<String>,
    /// The article's headline.
    pub title: Option<String>,
    /// Author names (empty when the page names none).
    pub byline: Vec<String>,
    /// Publication date/time, ISO 8601.
    pub published: Option<String>,
    /// Site or outlet name.
    pub site: Option<String>,
    /// The clean body: paragraphs separated by `\n\n`, no page chrome.
    pub text: String,
    /// What was dropped as chrome, so a user can audit the cut.
    pub removed: Vec<Removed>,
    /// Paragraph spans.
    pub paragraphs: Vec<Span>,
    /// Sentence spans.
    pub sentences: Vec<Span>,
    /// Named-entity mentions.
    pub mentions: Vec<Mention>,
    /// Real-world referents, coreference done.
    pub entities: Vec<Entity>,
    /// Direct and indirect quotes with speakers.
    pub quotes: Vec<Quote>,
    /// Time expressions with normalized ISO 8601 values.
    pub times: Vec<TimeExpr>,
    /// Numbers and counts with normalized values.
    pub quantities: Vec<Quantity>,
    /// Coded events.
    pub events: Vec<Event>,
    /// *(extension)* Non-fatal problems met while reading this document
    /// (e.g. invalid UTF-8 replaced), in plain words.
    #[serde(default)]
    pub warnings: Vec<String>,
}

impl Document {
    /// An empty document over `text` with every layer empty.
    pub fn new(id: impl Into<String>, source: Source, text: impl Into<String>) -> Self {
        Document {
            schema: SCHEMA.to_string(),
            id: id.into(),
            source,
            language: None,
            title: None,
            byline: Vec::new(),
            published: None,
            site: None,
            text: text.into(),
            removed: Vec::new(),
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            mentions: Vec::new(),
            entities: Vec::new(),
            quotes: Vec::new(),
            times: Vec::new(),
            quantities: Vec::new(),
            events: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// A code-point index over [`Document::text`].
    pub fn char_index(&self) -> CharIndex {
        CharIndex::new(&self.text)
    }

    /// Checks the stand-off invariants: every span lies inside `text`, and
    /// every layer's `text` field equals the substring its span points at.
    ///
    /// Tests call this on real outputs; `marsad analyze` calls it in debug
    /// builds.
    pub fn validate(&self) -> Result<(), CoreError> {
        let ix = self.char_index();
        let len = ix.char_len();
        let in_range = |s: &Span| {
            if s.end > len || s.start > s.end {
                Err(CoreError::SpanOutOfRange { span: *s, len })
            } else {
                Ok(())
            }
        };
        let same = |s: &Span, claimed: &str| {
            in_range(s)?;
            let actual = ix.slice(&self.text, *s);
            if actual != claimed {
                return Err(CoreError::SpanTextMismatch {
                    span: *s,
                    claimed: claimed.to_string(),
                    actual: actual.to_string(),
                });
            }
            Ok(())
        };
        for s in self.paragraphs.iter().chain(&self.sentences) {
            in_range(s)?;
        }
        for m in &self.mentions {
            same(&m.span, &m.text)?;
        }
        for q in &self.quotes {
            same(&q.span, &q.text)?;
            if let Some(c) = &q.cue {
                in_range(c)?;
            }
            if let Some(s) = &q.speaker.span {
                same(s, &q.speaker.text)?;
            }
        }
        for t in &self.times {
            same(&t.span, &t.text)?;
        }
        for q in &self.quantities {
            same(&q.span, &q.text)?;
        }
        for e in &self.events {
            in_range(&e.span)?;
            in_range(&e.trigger)?;
            for s in e.sentences.iter().chain(&e.triggers) {
                in_range(s)?;
            }
        }
        Ok(())
    }
}

/// Where a document came from.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Source {
    /// File path, when read from a file (for archives: the archive's path).
    pub path: Option<String>,
    /// The page's URL (canonical URL, `--url`, or an archive's target URI).
    pub url: Option<String>,
    /// The character encoding the bytes were decoded with (WHATWG label, e.g.
    /// `"UTF-8"`, `"windows-1256"`).
    pub encoding: String,
    /// Input format: `html`, `text`, `jsonl`, `warc`, `arc`.
    pub format: String,
    /// *(extension)* For archives: the WARC-Record-ID; for JSON Lines: the
    /// line number (`"line 12"`) or array index.
    #[serde(default)]
    pub record: Option<String>,
}

/// A piece of the page that was cut as chrome, and why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Removed {
    /// The text that was dropped (as it stood on the page).
    pub text: String,
    /// Why: one of `title`, `byline`, `share-widget`, `advertisement`,
    /// `related-links`, `duplicate-teaser`, `navigation`, `boilerplate`,
    /// `empty`, … (a short kebab-case word, stable across versions).
    pub reason: String,
}

/// The type of a mention or entity.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// Person.
    PER,
    /// Organization.
    ORG,
    /// Location that is not a political entity (rivers, regions, seas).
    LOC,
    /// Geo-political entity: country, city or state as a polity.
    GPE,
    /// Facility (airports, bases, buildings).
    FAC,
    /// Nationality, religious or political group (الفرنسيون).
    NORP,
    /// Other names.
    MISC,
}

impl EntityType {
    /// The JSON spelling (`"PER"`, …).
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::PER => "PER",
            EntityType::ORG => "ORG",
            EntityType::LOC => "LOC",
            EntityType::GPE => "GPE",
            EntityType::FAC => "FAC",
            EntityType::NORP => "NORP",
            EntityType::MISC => "MISC",
        }
    }
}

/// A named-entity mention.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Mention {
    /// Where it is (clitics such as و or ال-less prefixes excluded: "وبوتين"
    /// gives a mention of "بوتين").
    pub span: Span,
    /// The mentioned text, equal to `text[span]`.
    pub text: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Id of the entity in [`Document::entities`] it refers to.
    pub entity: Option<String>,
    /// Model confidence in `[0, 1]`.
    pub confidence: f32,
}

/// Knowledge-base identifiers of an entity.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct KbRef {
    /// Marsad's own stable KB id (e.g. `"mk:RUSGOV-putin"`).
    #[serde(default)]
    pub id: Option<String>,
    /// Wikidata QID.
    pub wikidata: Option<String>,
    /// CAMEO actor code valid at the article's date.
    pub cameo: Option<String>,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
    /// GeoNames id.
    pub geonames: Option<u64>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
}

/// A real-world referent of the document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entity {
    /// Document-unique id (`"e1"`, `"e2"`, …).
    pub id: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Canonical name (English when the KB has one, else Arabic).
    pub name: String,
    /// Arabic canonical name.
    pub name_ar: Option<String>,
    /// Other names used in the document or known to the KB.
    pub aliases: Vec<String>,
    /// Knowledge-base link, or null for a document-local entity.
    pub kb: Option<KbRef>,
    /// Indices into [`Document::mentions`].
    pub mentions: Vec<usize>,
    /// *(extension)* Roles the document gives it ("نائب رئيس المعهد الأميركي للسلام").
    #[serde(default)]
    pub roles: Vec<String>,
    /// *(extension)* How a mention was read when not literally: e.g.
    /// `"capital-as-government"` for موسكو standing for Russia's government.
    #[serde(default)]
    pub reading: Option<String>,
}

/// Direct or indirect speech.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Quoted words.
    Direct,
    /// Reported speech (قال إن …).
    Indirect,
}

/// The speaker of a quote.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Speaker {
    /// How the text names the speaker.
    pub text: String,
    /// Entity id, when the speaker is a known entity.
    pub entity: Option<String>,
    /// *(extension)* Where the speaker is named.
    #[serde(default)]
    pub span: Option<Span>,
}

/// A quote and its speaker.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Quote {
    /// The quoted content (without the quotation marks).
    pub span: Span,
    /// `text[span]`.
    pub text: String,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// Who said it.
    pub speaker: Speaker,
    /// The cue verb (قال، أكد …), when there is one.
    pub cue: Option<Span>,
}

/// Kind of a time expression.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TimeKind {
    /// A calendar date (possibly partial).
    Date,
    /// A time of day.
    Time,
    /// An interval between two points.
    Interval,
    /// A length of time (ISO 8601 `P…`).
    Duration,
    /// A recurring time.
    Set,
}

/// A time expression.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TimeExpr {
    /// Where it is.
    pub span: Span,
    /// `text[span]`.
    pub text: String,
    /// ISO 8601 value, partial (`XXXX-11-26`, `2015-11`) where the text is, or
    /// null when it cannot be resolved without guessing.
    pub value: Option<String>,
    /// What kind of expression.
    pub kind: TimeKind,
    /// *(extension)* The Hijri date as written (`"1437-02-14"` in the Umm
    /// al-Qura calendar) when the text gives one.
    #[serde(default)]
    pub hijri: Option<String>,
    /// *(extension)* True when the value was computed from the publication
    /// date (relative expressions, year-less dates).
    #[serde(default)]
    pub anchored: bool,
}

/// A number with what it counts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Quantity {
    /// Where it is (number and counted noun).
    pub span: Span,
    /// `text[span]`.
    pub text: String,
    /// The value, or null when it cannot be read.
    pub value: Option<f64>,
    /// The counted noun ("دولة", "جندي", "%"), singular where known.
    pub unit: Option<String>,
    /// True for approximate counts (نحو، عشرات، أكثر من).
    pub approximate: bool,
    /// *(extension)* `[low, high]` for ranges and approximate counts.
    #[serde(default)]
    pub range: Option<[f64; 2]>,
}

/// PLOVER event type and mode.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Plover {
    /// PLOVER event type (e.g. `"ASSAULT"`).
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode (e.g. `"aerial"`), when the code gives one.
    pub mode: Option<String>,
}

/// An actor of an event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Actor {
    /// How the text names it.
    pub text: String,
    /// Entity id.
    pub entity: Option<String>,
    /// CAMEO actor code at the event's date.
    pub code: Option<String>,
    /// *(extension)* Where the text names it.
    #[serde(default)]
    pub span: Option<Span>,
    /// *(extension)* For compound actors ("فرنسا وبريطانيا"): each member.
    #[serde(default)]
    pub members: Vec<Actor>,
}

/// Where an event happened.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Location {
    /// How the text names it.
    pub text: String,
    /// Entity id.
    pub entity: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// *(extension)* ISO 3166-1 alpha-3 country.
    #[serde(default)]
    pub country: Option<String>,
    /// *(extension)* Where the text names it.
    #[serde(default)]
    pub span: Option<Span>,
}

/// How an event is asserted.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact.
    Asserted,
    /// Denied (لم، لن، نفى).
    Negated,
    /// Planned or future (سوف، من المقرر أن).
    Future,
    /// Conditional (إذا، لو).
    Hypothetical,
    /// Inside a quote or reported speech.
    Reported,
}

/// A coded event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Event {
    /// The sentence or clause (first supporting one).
    pub span: Span,
    /// The trigger word(s) (first supporting one).
    pub trigger: Span,
    /// CAMEO event code, as a string so leading zeros survive (`"042"`).
    pub cameo: String,
    /// PLOVER type and mode, or null for CAMEO codes PLOVER has no type for
    /// (the 01 statements and 02 appeals of CAMEO are outside PLOVER 2021's
    /// CAMEO→PLOVER map: an honest null rather than an invented type).
    pub plover: Option<Plover>,
    /// CAMEO quad class 1–4.
    pub quad_class: u8,
    /// Goldstein score −10…10.
    pub goldstein: f64,
    /// Who acted.
    pub source: Actor,
    /// Whom it was done to.
    pub target: Option<Actor>,
    /// Where.
    pub location: Option<Location>,
    /// When (ISO 8601).
    pub date: Option<String>,
    /// Deaths reported.
    pub fatalities: Option<u64>,
    /// How it is asserted.
    pub modality: Modality,
    /// Index into [`Document::quotes`] when the event is reported in a quote.
    pub quote: Option<usize>,
    /// *(extension)* Injured reported.
    #[serde(default)]
    pub injured: Option<u64>,
    /// *(extension)* Where `date` came from: `"text"` (a time expression of
    /// the sentence) or `"published"` (the article's date, no date in text).
    #[serde(default)]
    pub date_basis: Option<String>,
    /// *(extension)* Every supporting sentence, after merging repeats.
    #[serde(default)]
    pub sentences: Vec<Span>,
    /// *(extension)* Every supporting trigger span, after merging repeats.
    #[serde(default)]
    pub triggers: Vec<Span>,
    /// *(extension)* Probability (0–1) that the text reports an actual event
    /// of this kind rather than mentioning one (a trial, an anniversary, a
    /// topic, a wish), from the learned report-vs-mention filter of
    /// `marsad-events`. Absent for event families the filter has no model
    /// for (every CAMEO root but 14 and 18–20 today).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}

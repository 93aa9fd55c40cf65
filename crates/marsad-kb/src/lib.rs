//! Knowledge base, linking and coreference. (Issue #5 builds them.)

use marsad_core::{Document, EntityType};

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

    /// Looks an actor, organization or place up by its surface form (any
    /// clitic, article or spelling variant the text layer folds), choosing
    /// the reading valid at `date` (ISO 8601) for dated roles.
    pub fn lookup(&self, _text: &str, _date: Option<&str>) -> Option<KbMatch> {
        None
    }

    /// Builds `entities` from `doc.mentions` (linking and coreference) and
    /// sets each mention`s `entity`.
    pub fn link(&self, _doc: &mut Document) {}
}

/// One knowledge-base referent as returned by [`Kb::lookup`].
#[derive(Debug, Clone, PartialEq)]
pub struct KbMatch {
    /// Marsad's stable KB id (a Wikidata QID where a source gives one).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Arabic canonical name.
    pub name_ar: Option<String>,
    /// Type.
    pub kind: EntityType,
    /// CAMEO actor code valid at the requested date.
    pub cameo: Option<String>,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
    /// GeoNames id for places.
    pub geonames: Option<u64>,
    /// Latitude for places.
    pub lat: Option<f64>,
    /// Longitude for places.
    pub lon: Option<f64>,
}

//! Knowledge base, entity linking and in-document coreference.
//!
//! * [`build`] compiles the shared actor dictionaries, gazetteers and our
//!   curated supplement into a [`model::KbAsset`] (`marsad kb build`).
//! * [`Kb::bundled`] loads the compiled asset embedded in the binary.
//! * [`Kb::lookup`] finds the referent (and CAMEO code at a date) of a
//!   surface form, composing country + agent codes when no actor entry
//!   matches ("الجيش العراقي" → `IRQMIL`).
//! * [`Kb::link`] adds the mentions NER missed by dictionary matching, links
//!   every mention to a KB entry or a document-local entity, and builds
//!   `entities` with coreference (see [`link`]).
//! * [`eval`] scores linking against a gold file of real articles.

pub mod accept;
pub mod build;
pub mod eval;
pub mod link;
pub mod model;

use marsad_core::{Document, EntityType};
use model::{key_of_phrase, Entry, KbAsset, FORMAT};
use std::collections::HashMap;
use std::io::Read;

/// The compiled KB embedded in the binary (`marsad kb build` writes it).
static BUNDLED: &[u8] = include_bytes!("../../../assets/kb/kb.json.gz");

/// `kb/stoplist.txt`, also read at load time so that words added to it
/// take effect without rebuilding the asset (the build folds the same file
/// into the asset's `stop`; the union is the same set).
static STOPLIST: &str = include_str!("../../../kb/stoplist.txt");

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

/// One name of an entry as a sequence of word keys.
#[derive(Debug, Clone)]
pub(crate) struct Alias {
    pub(crate) keys: Vec<String>,
    pub(crate) entry: u32,
    /// True for names written in Arabic script.
    pub(crate) arabic: bool,
    /// For each key: the name writes that word with the article (an Arabic
    /// name's "الإسلامية" of "الدولة الإسلامية"); false where another
    /// spelling of the entry with the same keys writes it without.
    pub(crate) definite: Vec<bool>,
}

/// For each key of [`model::keys_of_phrase`] of `p`: whether the phrase
/// writes that word with the article (ال, or لل after the preposition ل),
/// the article [`model::key_of_word`] takes off.
fn definite_of_phrase(p: &str) -> Vec<bool> {
    p.split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| model::key_of_word(w).chars().count() >= 2)
        .map(|w| {
            let n = marsad_arabic::normalize_str(w);
            let n = n.trim_matches(|c: char| !c.is_alphanumeric());
            n.chars().count() >= 4 && (n.starts_with("ال") || n.starts_with("لل"))
        })
        .collect()
}

/// A role tenure: (entry, from, to).
pub(crate) type Tenure = (u32, Option<u32>, Option<u32>);

/// A number no other [`Kb`] of this process carries ([`Kb::instance_id`]).
#[derive(Debug)]
pub(crate) struct InstanceId(u64);

impl Default for InstanceId {
    fn default() -> InstanceId {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        InstanceId(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

/// A loaded knowledge base.
#[derive(Debug, Default)]
pub struct Kb {
    /// Which knowledge base of this process this is.
    pub(crate) instance: InstanceId,
    pub(crate) entries: Vec<Entry>,
    pub(crate) aliases: Vec<Alias>,
    /// First word key → aliases starting with it.
    pub(crate) first: HashMap<String, Vec<u32>>,
    /// Demonym key (folded masculine singular) → ISO3.
    pub(crate) demonyms: HashMap<String, String>,
    /// Country name key → ISO3.
    pub(crate) country_names: HashMap<String, String>,
    /// ISO3 → the country's entry.
    pub(crate) countries: HashMap<String, u32>,
    /// First key → agent phrases (keys, code).
    pub(crate) agents: HashMap<String, Vec<(Vec<String>, String)>>,
    /// One-word keys never detected in text.
    pub(crate) stop: std::collections::HashSet<String>,
    /// Canonical role key → (entry, from, to).
    pub(crate) roles: HashMap<String, Vec<Tenure>>,
    /// Institutions by their name without the country adjective
    /// ("مجلس النواب" of "مجلس النواب العراقي"), built on first use by
    /// [`link`]: first key → (keys, country, entry).
    pub(crate) bare_institutions: std::sync::OnceLock<link::BareInstitutions>,
    /// Clubs by their name without نادي/فريق ("الاتفاق" of "نادي
    /// الاتفاق"), built on first use by [`link`].
    pub(crate) bare_clubs: std::sync::OnceLock<link::BareClubs>,
    /// Given names (normalized): the first words of curated persons' names,
    /// built on first use by [`link`] (see `link::given_names`).
    pub(crate) given_names: std::sync::OnceLock<std::collections::HashSet<String>>,
}

impl Kb {
    /// The knowledge base that ships in `assets/kb/kb.json.gz`.
    pub fn bundled() -> Result<Kb, KbError> {
        Kb::from_gz(BUNDLED, "assets/kb/kb.json.gz (embedded)")
    }

    /// Loads a compiled KB file (`kb.json.gz`).
    pub fn load(path: &std::path::Path) -> Result<Kb, KbError> {
        let bytes = std::fs::read(path).map_err(|e| KbError::File {
            path: path.display().to_string(),
            detail: format!("cannot read ({e})"),
        })?;
        Kb::from_gz(&bytes, &path.display().to_string())
    }

    fn from_gz(bytes: &[u8], name: &str) -> Result<Kb, KbError> {
        let mut json = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut json)
            .map_err(|e| KbError::File {
                path: name.to_string(),
                detail: format!("not a gzip KB ({e}); rebuild it with `marsad kb build`"),
            })?;
        let asset: KbAsset = serde_json::from_slice(&json).map_err(|e| KbError::File {
            path: name.to_string(),
            detail: format!("not a Marsad KB ({e}); rebuild it with `marsad kb build`"),
        })?;
        if asset.format != FORMAT {
            return Err(KbError::File {
                path: name.to_string(),
                detail: format!(
                    "KB format {} but this build reads {FORMAT}; rebuild it with `marsad kb build`",
                    asset.format
                ),
            });
        }
        Ok(Kb::from_asset(asset))
    }

    /// A number that no other `Kb` built in this process carries: callers
    /// may key caches of [`Kb::lookup`] answers by it (a `Kb` never changes
    /// once built).
    pub fn instance_id(&self) -> u64 {
        self.instance.0
    }

    /// Indexes a compiled asset.
    pub fn from_asset(asset: KbAsset) -> Kb {
        let mut kb = Kb {
            demonyms: asset.demonyms.into_iter().collect(),
            stop: asset.stop.into_iter().collect(),
            ..Kb::default()
        };
        kb.stop.extend(
            STOPLIST
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(model::key_of_word),
        );
        for (i, e) in asset.entries.iter().enumerate() {
            let i = i as u32;
            if e.id.starts_with("mk:c:") {
                if let Some(c) = &e.country {
                    kb.countries.insert(c.clone(), i);
                    for a in &e.aliases_ar {
                        kb.country_names.insert(key_of_phrase(a), c.clone());
                    }
                }
            }
            let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
            for (a, arabic) in e
                .aliases_ar
                .iter()
                .map(|a| (a, true))
                .chain(e.aliases_en.iter().map(|a| (a, false)))
            {
                let keys = model::keys_of_phrase(a);
                if keys.is_empty() {
                    continue;
                }
                let definite = if arabic {
                    definite_of_phrase(a)
                } else {
                    vec![false; keys.len()]
                };
                // `scan_by` reads `definite[j]` beside `keys[j]`: both split
                // and filter the phrase the same way
                debug_assert_eq!(definite.len(), keys.len(), "{a}");
                if let Some(&at) = seen.get(&keys) {
                    // a second spelling with the same keys: a word is
                    // definite only where every spelling writes the article
                    let d = &mut kb.aliases[at].definite;
                    for (x, y) in d.iter_mut().zip(&definite) {
                        *x = *x && *y;
                    }
                    continue;
                }
                seen.insert(keys.clone(), kb.aliases.len());
                let id = kb.aliases.len() as u32;
                kb.first.entry(keys[0].clone()).or_default().push(id);
                kb.aliases.push(Alias {
                    keys,
                    entry: i,
                    arabic,
                    definite,
                });
            }
        }
        for a in asset.agents {
            if let Some(f) = a.keys.first() {
                kb.agents
                    .entry(f.clone())
                    .or_default()
                    .push((a.keys.clone(), a.code));
            }
        }
        for (i, e) in asset.entries.iter().enumerate() {
            if e.rank < 0 {
                continue; // superseded by a curated entry
            }
            for r in &e.roles {
                let k =
                    kb.canonical_role(&r.key.split(' ').map(str::to_string).collect::<Vec<_>>());
                kb.roles
                    .entry(k)
                    .or_default()
                    .push((i as u32, r.from, r.to));
            }
        }
        kb.entries = asset.entries;
        kb
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True for an empty KB.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry with KB id `id`.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// A role key with demonyms and country names replaced by the country
    /// code, so that "رئيس أمريكي", "رئيس أميركي" and "رئيس الولايات
    /// المتحدة" agree.
    pub(crate) fn canonical_role(&self, keys: &[String]) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < keys.len() {
            // longest country name first (الولايات المتحدة)
            let mut done = false;
            for l in (1..=3.min(keys.len() - i)).rev() {
                let k = keys[i..i + l].join(" ");
                if let Some(c) =
                    self.country_names
                        .get(&k)
                        .or(if l == 1 { self.demonyms.get(&k) } else { None })
                {
                    out.push(c.clone());
                    i += l;
                    done = true;
                    break;
                }
            }
            if !done {
                out.push(keys[i].clone());
                i += 1;
            }
        }
        out.join(" ")
    }

    /// The holder of role `key` (canonical) at `date`, when exactly one
    /// entry holds it.
    pub(crate) fn role_holder(&self, key: &str, date: Option<u32>) -> Option<u32> {
        let hs = self.roles.get(key)?;
        let covers = |f: &Option<u32>, t: &Option<u32>| {
            date.is_none_or(|d| f.is_none_or(|f| d >= f) && t.is_none_or(|t| d <= t))
        };
        // a dated tenure covering the date beats an undated title
        for dated in [true, false] {
            let mut fits: Vec<u32> = hs
                .iter()
                .filter(|(_, f, t)| (f.is_some() || t.is_some()) == dated && covers(f, t))
                .map(|(e, _, _)| *e)
                .collect();
            fits.sort_unstable();
            fits.dedup();
            match fits.as_slice() {
                [one] => return Some(*one),
                [] => continue,
                _ => return None,
            }
        }
        None
    }

    /// Looks an actor, organization or place up by its surface form (any
    /// clitic, article or spelling variant the text layer folds), choosing
    /// the reading valid at `date` (ISO 8601) for dated roles.
    ///
    /// Order: a name of an entry covering the whole text; a title whose
    /// holder is known at the date ("الرئيس الروسي"); a person or
    /// organization named inside the phrase; else a composed actor, the
    /// country (name, demonym or city) plus the agent code of the phrase's
    /// agent words ("قوات الأمن العراقية" → `IRQCOP`).
    pub fn lookup(&self, text: &str, date: Option<&str>) -> Option<KbMatch> {
        let d = date.and_then(model::parse_date);
        let toks = link::Toks::new(text);
        if toks.words.is_empty() {
            return None;
        }
        let mut found = link::scan(self, &toks);
        // as in linking, a one-word curated name written with the article
        // needs it in the text: قاعدة (a base) is not القاعدة (al-Qaeda)
        for f in found.iter_mut().filter(|f| f.end_tok - f.start_tok == 1) {
            let written = f.written(&toks);
            if written.starts_with("ال") {
                continue;
            }
            let needs_article = |e: u32| {
                let x = &self.entries[e as usize];
                x.rank >= 100
                    && !matches!(x.kind, EntityType::GPE)
                    && !x.aliases_ar.iter().any(|a| {
                        let n = marsad_arabic::normalize_str(a);
                        !n.starts_with("ال") && n == written
                    })
            };
            if f.entries.iter().any(|&e| needs_article(e)) {
                // the dictionary actors that curated entry superseded go too
                f.entries
                    .retain(|&e| !needs_article(e) && self.entries[e as usize].rank >= 0);
            }
        }
        // a single match covering every word
        if let Some(f) = found
            .iter()
            .find(|f| f.start_tok == 0 && f.end_tok == toks.words.len() && !f.entries.is_empty())
        {
            let e = self.best(&f.entries, d, None);
            return Some(self.with_agent(self.to_match(e, d), &toks));
        }
        let keys: Vec<String> = toks
            .words
            .iter()
            .map(|w| w.keys.first().cloned().unwrap_or_default())
            .collect();
        let role = self.canonical_role(&keys);
        if let Some(h) = self.role_holder(&role, d) {
            return Some(self.to_match(h, d));
        }
        if let Some(f) = found.iter().find(|f| {
            f.entries.iter().any(|&e| {
                matches!(
                    self.entries[e as usize].kind,
                    EntityType::PER | EntityType::ORG
                )
            })
        }) {
            let e = self.best(&f.entries, d, None);
            return Some(self.to_match(e, d));
        }
        // composition
        let mut country: Option<String> = None;
        for f in &found {
            if let Some(c) = &f.demonym {
                country.get_or_insert(c.clone());
            }
            if let Some(&e) = f.entries.iter().find(|&&e| {
                matches!(
                    self.entries[e as usize].kind,
                    EntityType::GPE | EntityType::LOC
                )
            }) {
                if let Some(c) = &self.entries[e as usize].country {
                    country.get_or_insert(c.clone());
                }
            }
        }
        let agent = self.agent_in(&toks);
        match (country, agent) {
            (Some(c), None) => {
                if found.len() == 1 && found[0].demonym.is_none() {
                    let e = self.best(&found[0].entries, d, None);
                    return Some(self.to_match(e, d));
                }
                let &ci = self.countries.get(&c)?;
                Some(self.to_match(ci, d))
            }
            (c, Some(a)) => {
                let code = format!("{}{}", c.clone().unwrap_or_default(), a);
                Some(KbMatch {
                    id: format!("mk:actor:{code}"),
                    name: text.trim().to_string(),
                    name_ar: Some(text.trim().to_string()),
                    kind: EntityType::ORG,
                    cameo: Some(code),
                    country: c,
                    geonames: None,
                    lat: None,
                    lon: None,
                })
            }
            (None, None) => None,
        }
    }

    /// A match coded with a bare country (`USA`) whose phrase names an
    /// agent ("القوات الأميركية") gets the composed code (`USAMIL`).
    fn with_agent(&self, mut m: KbMatch, toks: &link::Toks) -> KbMatch {
        if let Some(c) = m.cameo.clone().filter(|c| c.len() == 3) {
            if !matches!(m.kind, EntityType::PER) {
                if let Some(a) = self.agent_in(toks) {
                    if !a.starts_with(&c) {
                        m.cameo = Some(format!("{c}{a}"));
                    }
                }
            }
        }
        m
    }

    /// The longest agent phrase among the words: its code.
    fn agent_in(&self, toks: &link::Toks) -> Option<String> {
        let mut best: Option<(usize, String)> = None;
        for i in 0..toks.words.len() {
            // also the word without the accusative alif (جنديا → جندي)
            let extra: Vec<String> = toks.words[i]
                .keys
                .iter()
                .filter(|k| k.chars().count() >= 4 && k.ends_with('ا'))
                .map(|k| k.trim_end_matches('ا').to_string())
                .collect();
            for k in toks.words[i].keys.iter().chain(&extra) {
                let Some(cands) = self.agents.get(k) else {
                    continue;
                };
                for (keys, code) in cands {
                    let l = keys.len();
                    if i + l > toks.words.len() {
                        continue;
                    }
                    let ok = (1..l).all(|j| toks.words[i + j].keys.contains(&keys[j]));
                    if ok && best.as_ref().is_none_or(|(bl, _)| l >= *bl) {
                        best = Some((l, code.clone()));
                    }
                }
            }
        }
        best.map(|(_, c)| c)
    }

    /// Ranks candidate entries: the one already chosen in the document, then
    /// type agreement, curated rank, population.
    pub(crate) fn best(&self, cands: &[u32], _date: Option<u32>, kind: Option<EntityType>) -> u32 {
        *cands
            .iter()
            .max_by_key(|&&c| {
                let e = &self.entries[c as usize];
                let kind_ok = kind.is_none_or(|k| k == e.kind || compatible(k, e.kind));
                (kind_ok, e.rank, e.population, std::cmp::Reverse(c))
            })
            .unwrap_or(&cands[0])
    }

    pub(crate) fn to_match(&self, e: u32, date: Option<u32>) -> KbMatch {
        let e = &self.entries[e as usize];
        KbMatch {
            id: e.id.clone(),
            name: e.name.clone(),
            name_ar: e.name_ar.clone(),
            kind: e.kind,
            cameo: e.code_at(date).map(str::to_string),
            country: e.country.clone(),
            geonames: e.geonames,
            lat: e.lat,
            lon: e.lon,
        }
    }

    /// Builds `entities` from `doc.mentions` (linking and coreference) and
    /// sets each mention's `entity`. Mentions NER missed are first added by
    /// dictionary matching of KB names (see [`link::link`]).
    pub fn link(&self, doc: &mut Document) {
        link::link(self, doc)
    }
}

/// Mention and entry types that may co-refer (a GPE mention of a place
/// entry, an ORG mention of a government seat).
pub(crate) fn compatible(m: EntityType, e: EntityType) -> bool {
    use EntityType::*;
    matches!(
        (m, e),
        (GPE, LOC)
            | (LOC, GPE)
            | (ORG, FAC)
            | (FAC, ORG)
            | (GPE, FAC)
            | (FAC, GPE)
            | (NORP, GPE)
            | (LOC, FAC)
    )
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

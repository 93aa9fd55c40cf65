//! The SQLite implementation of [`Store`].
//!
//! Writer: [`SqliteStore::put`] writes one document (JSON + layer rows + FTS
//! row) in ONE transaction, so a crash leaves either the whole document or
//! none of it; with WAL and `synchronous=NORMAL` a committed document
//! survives a killed process. Readers: any number of connections (WAL lets
//! them read while the writer writes).

use crate::text::{self, Query};
use crate::*;
use marsad_core::{Actor, Document, SCHEMA};
use rusqlite::{params, params_from_iter, Connection, OpenFlags, OptionalExtension, Row};
use std::collections::HashMap;

/// Schema migrations, applied in order; `PRAGMA user_version` records how
/// many have run. Never edit a released one: append.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema
    r#"
CREATE TABLE documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT, path TEXT, title TEXT, site TEXT, published TEXT, language TEXT,
    chars INTEGER NOT NULL,
    n_mentions INTEGER NOT NULL, n_entities INTEGER NOT NULL,
    n_quotes INTEGER NOT NULL, n_times INTEGER NOT NULL, n_events INTEGER NOT NULL,
    ingested TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    text TEXT NOT NULL,
    json BLOB NOT NULL
);
CREATE INDEX documents_published ON documents(published);
CREATE TABLE mentions (
    doc INTEGER NOT NULL REFERENCES documents(rowid),
    idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, type TEXT NOT NULL, entity TEXT, entity_key TEXT,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX mentions_key ON mentions(entity_key);
CREATE TABLE entities (
    doc INTEGER NOT NULL REFERENCES documents(rowid),
    id TEXT NOT NULL, key TEXT NOT NULL, type TEXT NOT NULL,
    name TEXT NOT NULL, name_ar TEXT, name_norm TEXT NOT NULL,
    n_mentions INTEGER NOT NULL, json TEXT NOT NULL,
    PRIMARY KEY (doc, id)
) WITHOUT ROWID;
CREATE INDEX entities_key ON entities(key);
CREATE TABLE quotes (
    doc INTEGER NOT NULL REFERENCES documents(rowid),
    idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    kind TEXT NOT NULL, text TEXT NOT NULL,
    speaker TEXT NOT NULL, speaker_key TEXT,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes(speaker_key);
CREATE TABLE times (
    doc INTEGER NOT NULL REFERENCES documents(rowid),
    idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, value TEXT, kind TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE TABLE events (
    doc INTEGER NOT NULL REFERENCES documents(rowid),
    idx INTEGER NOT NULL,
    day TEXT, date TEXT,
    cameo TEXT NOT NULL, plover TEXT NOT NULL, quad_class INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    source_key TEXT, source TEXT NOT NULL, source_code TEXT, source_norm TEXT NOT NULL,
    target_key TEXT, target TEXT, target_code TEXT, target_norm TEXT,
    place TEXT, place_key TEXT, place_norm TEXT, country TEXT, lat REAL, lon REAL,
    modality TEXT NOT NULL, fatalities INTEGER,
    start INTEGER NOT NULL, end INTEGER NOT NULL,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX events_day ON events(day);
CREATE INDEX events_source ON events(source_key);
CREATE INDEX events_target ON events(target_key);
CREATE INDEX events_cameo ON events(cameo);
CREATE VIRTUAL TABLE doc_fts USING fts5(
    title, body, stems, content='', tokenize='unicode61 remove_diacritics 0'
);
"#,
];

/// The embedded SQLite store (one database file).
pub struct SqliteStore {
    conn: Connection,
    path: String,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` for reading and
    /// writing, and brings its schema up to date.
    pub fn open(path: &str) -> Result<SqliteStore, StoreError> {
        let conn = Connection::open(path)?;
        let mut s = SqliteStore {
            conn,
            path: path.to_string(),
        };
        s.configure()?;
        s.migrate()?;
        Ok(s)
    }

    /// Opens an existing database read-only (the server's readers). Fails
    /// when the file does not exist or its schema is not current.
    pub fn open_read_only(path: &str) -> Result<SqliteStore, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let s = SqliteStore {
            conn,
            path: path.to_string(),
        };
        let v: i64 = s.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if v > MIGRATIONS.len() as i64 {
            return Err(StoreError::TooNew {
                path: path.into(),
                found: v,
                known: MIGRATIONS.len() as i64,
            });
        }
        Ok(s)
    }

    /// The schema version this build writes.
    pub fn schema_version() -> i64 {
        MIGRATIONS.len() as i64
    }

    /// The file path.
    pub fn path(&self) -> &str {
        &self.path
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        self.conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // WAL: readers do not block the writer; NORMAL: a commit survives a
        // killed process (only an OS crash can lose the last commits).
        let _: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        self.conn.execute_batch(
            "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;",
        )?;
        Ok(())
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let v: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if v > known {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: v,
                known,
            });
        }
        for (i, m) in MIGRATIONS.iter().enumerate().skip(v as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(m)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Checks the database: SQLite's integrity check, and that every
    /// document has exactly its layers' rows and one full-text row (what a
    /// half-written document would break). Returns the problems found.
    pub fn verify(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let ic: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if ic != "ok" {
            problems.push(format!("integrity_check: {ic}"));
        }
        for (table, col) in [
            ("mentions", "n_mentions"),
            ("entities", "n_entities"),
            ("quotes", "n_quotes"),
            ("times", "n_times"),
            ("events", "n_events"),
        ] {
            let bad: i64 = self.conn.query_row(
                &format!(
                    "SELECT count(*) FROM documents d WHERE d.{col} <> \
                     (SELECT count(*) FROM {table} x WHERE x.doc = d.rowid)"
                ),
                [],
                |r| r.get(0),
            )?;
            if bad > 0 {
                problems.push(format!(
                    "{bad} documents with missing or extra {table} rows"
                ));
            }
        }
        let docs: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        let fts: i64 = self
            .conn
            .query_row("SELECT count(*) FROM doc_fts_docsize", [], |r| r.get(0))?;
        if docs != fts {
            problems.push(format!("{docs} documents but {fts} full-text rows"));
        }
        Ok(problems)
    }

    /// Every stored document id (for resuming an ingest without
    /// re-analysing what is there).
    pub fn ids(&self) -> Result<std::collections::HashSet<String>, StoreError> {
        let mut st = self.conn.prepare("SELECT id FROM documents")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = std::collections::HashSet::new();
        for r in rows {
            out.insert(r?);
        }
        Ok(out)
    }

    fn summary(r: &Row) -> rusqlite::Result<DocSummary> {
        Ok(DocSummary {
            id: r.get("id")?,
            title: r.get("title")?,
            site: r.get("site")?,
            published: r.get("published")?,
            url: r.get("url")?,
            mentions: r.get("n_mentions")?,
            entities: r.get("n_entities")?,
            quotes: r.get("n_quotes")?,
            events: r.get("n_events")?,
        })
    }

    fn event_where(f: &EventFilter) -> (String, Vec<String>) {
        let mut w = vec!["1=1".to_string()];
        let mut p: Vec<String> = Vec::new();
        if let Some(a) = f.actor.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let n = marsad_arabic::normalize_str(a);
            p.push(a.to_string());
            p.push(format!("{}%", like_escape(a)));
            p.push(format!("%{}%", like_escape(&n)));
            let (k, c, s) = (p.len() - 2, p.len() - 1, p.len());
            w.push(format!(
                "(e.source_key = ?{k} OR e.target_key = ?{k} \
                 OR e.source_code LIKE ?{c} ESCAPE '\\' OR e.target_code LIKE ?{c} ESCAPE '\\' \
                 OR e.source_norm LIKE ?{s} ESCAPE '\\' OR e.target_norm LIKE ?{s} ESCAPE '\\')"
            ));
        }
        if let Some(c) = f.code.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            p.push(format!("{}%", like_escape(c)));
            w.push(format!("e.cameo LIKE ?{} ESCAPE '\\'", p.len()));
        }
        if let Some(s) = f.since.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            p.push(s.to_string());
            w.push(format!("e.day >= ?{}", p.len()));
        }
        if let Some(u) = f.until.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            // a prefix (2015-11) includes the whole month
            p.push(format!("{u}\u{10FFFF}"));
            w.push(format!("e.day <= ?{}", p.len()));
        }
        if let Some(pl) = f.place.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            p.push(pl.to_string());
            p.push(format!(
                "%{}%",
                like_escape(&marsad_arabic::normalize_str(pl))
            ));
            let (k, s) = (p.len() - 1, p.len());
            w.push(format!(
                "(e.country = ?{k} OR e.place_key = ?{k} OR e.place_norm LIKE ?{s} ESCAPE '\\')"
            ));
        }
        if let Some(d) = &f.doc {
            p.push(d.clone());
            w.push(format!(
                "e.doc = (SELECT rowid FROM documents WHERE id = ?{})",
                p.len()
            ));
        }
        (w.join(" AND "), p)
    }

    fn event_row(r: &Row) -> rusqlite::Result<EventRow> {
        let start: i64 = r.get("start")?;
        let end: i64 = r.get("end")?;
        let sentence: String = r.get::<_, Option<String>>("sentence")?.unwrap_or_default();
        Ok(EventRow {
            doc: r.get("doc_id")?,
            index: r.get("idx")?,
            day: r.get("day")?,
            date: r.get("date")?,
            cameo: r.get("cameo")?,
            plover: r.get("plover")?,
            quad_class: r.get("quad_class")?,
            goldstein: r.get("goldstein")?,
            source_key: r.get("source_key")?,
            source: r.get("source")?,
            source_code: r.get("source_code")?,
            target_key: r.get("target_key")?,
            target: r.get("target")?,
            target_code: r.get("target_code")?,
            place: r.get("place")?,
            country: r.get("country")?,
            lat: r.get("lat")?,
            lon: r.get("lon")?,
            modality: r.get("modality")?,
            fatalities: r.get("fatalities")?,
            start,
            end,
            sentence,
        })
    }

    fn events_where(&self, extra: &str, f: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        let (w, p) = Self::event_where(f);
        let limit = if f.limit == 0 {
            100
        } else {
            f.limit.min(10_000)
        };
        self.event_page(
            &format!("{w} {extra}"),
            params_from_iter(p.iter()),
            limit,
            f.offset,
        )
    }

    /// One page of events matching `filter` (a WHERE clause over `events e`),
    /// newest first, with the document id and the sentence text. The events
    /// table is paged alone (the day index serves the order); ids and
    /// sentences are fetched for that page only.
    fn event_page(
        &self,
        filter: &str,
        params: impl rusqlite::Params,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<EventRow>, StoreError> {
        let sql = format!(
            "SELECT e.*, d.id AS doc_id, substr(d.text, e.start + 1, e.end - e.start) AS sentence \
             FROM (SELECT * FROM events e WHERE {filter} \
                   ORDER BY e.day DESC, e.doc DESC, e.idx DESC LIMIT {limit} OFFSET {offset}) e \
             JOIN documents d ON d.rowid = e.doc ORDER BY e.day DESC, e.doc DESC, e.idx DESC"
        );
        self.rows(&sql, params, Self::event_row)
    }
}

/// Latitude, longitude and country of a KB-linked entity.
type Coords = (Option<f64>, Option<f64>, Option<String>);

/// The stored form of a document: its marsad/1 JSON without `text` (kept
/// in its own column for snippets), deflated (about a quarter of the size;
/// the layers repeat keys and spans a lot).
fn pack(doc: &Document) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    let mut rest = doc.clone();
    rest.text = String::new();
    let json = serde_json::to_vec(&rest)?;
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(&json)?;
    z.finish()
}

fn unpack(id: &str, text: String, z: &[u8]) -> Result<Document, StoreError> {
    use std::io::Read;
    let corrupt = |detail: String| StoreError::Corrupt {
        id: id.to_string(),
        detail,
    };
    let mut json = Vec::new();
    flate2::read::DeflateDecoder::new(z)
        .read_to_end(&mut json)
        .map_err(|e| corrupt(format!("cannot inflate: {e}")))?;
    let mut d: Document = serde_json::from_slice(&json).map_err(|e| corrupt(e.to_string()))?;
    d.text = text;
    Ok(d)
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
fn like_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

/// The day of an event: its date when it is a full `YYYY-MM-DD`, else the
/// publication date's day.
fn event_day(date: Option<&str>, published: Option<&str>) -> Option<String> {
    let full_day = |s: &str| {
        let b = s.as_bytes();
        (b.len() >= 10
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && b[5..7].iter().all(u8::is_ascii_digit)
            && b[7] == b'-'
            && b[8..10].iter().all(u8::is_ascii_digit))
        .then(|| s[..10].to_string())
    };
    date.and_then(full_day)
        .or_else(|| published.and_then(full_day))
}

/// Writes a document's layers (entities, mentions, quotes, times, events)
/// under the document row `rowid`, inside the caller's transaction.
fn insert_layers(
    tx: &rusqlite::Transaction<'_>,
    rowid: i64,
    doc: &Document,
) -> Result<(), StoreError> {
    // entity id -> (key, display name)
    let mut keys: HashMap<&str, (String, String)> = HashMap::new();
    {
        let mut st = tx.prepare_cached(
            "INSERT OR REPLACE INTO entities (doc, id, key, type, name, name_ar, name_norm, n_mentions, json) \
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
        )?;
        for e in &doc.entities {
            let key = entity_key(e);
            let mut all = vec![e.name.clone()];
            all.extend(e.name_ar.iter().cloned());
            all.extend(e.aliases.iter().cloned());
            let norm = marsad_arabic::normalize_str(&all.join(" | "));
            let ej = serde_json::to_string(e).unwrap_or_default();
            st.execute(params![
                rowid,
                e.id,
                key,
                e.kind.as_str(),
                e.name,
                e.name_ar,
                norm,
                e.mentions.len() as i64,
                ej
            ])?;
            keys.insert(e.id.as_str(), (key, e.name.clone()));
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO mentions (doc, idx, start, end, text, type, entity, entity_key) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
        )?;
        for (i, m) in doc.mentions.iter().enumerate() {
            let key = m
                .entity
                .as_deref()
                .and_then(|id| keys.get(id))
                .map(|k| k.0.clone());
            st.execute(params![
                rowid,
                i as i64,
                m.span.start as i64,
                m.span.end as i64,
                m.text,
                m.kind.as_str(),
                m.entity,
                key
            ])?;
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO quotes (doc, idx, start, end, kind, text, speaker, speaker_key) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
        )?;
        for (i, q) in doc.quotes.iter().enumerate() {
            let key = q
                .speaker
                .entity
                .as_deref()
                .and_then(|id| keys.get(id))
                .map(|k| k.0.clone());
            let kind = match q.kind {
                marsad_core::QuoteKind::Direct => "direct",
                marsad_core::QuoteKind::Indirect => "indirect",
            };
            st.execute(params![
                rowid,
                i as i64,
                q.span.start as i64,
                q.span.end as i64,
                kind,
                q.text,
                q.speaker.text,
                key
            ])?;
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO times (doc, idx, start, end, text, value, kind) VALUES (?1,?2,?3,?4,?5,?6,?7)",
        )?;
        for (i, t) in doc.times.iter().enumerate() {
            let kind = serde_json::to_value(t.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            st.execute(params![
                rowid,
                i as i64,
                t.span.start as i64,
                t.span.end as i64,
                t.text,
                t.value,
                kind
            ])?;
        }
    }
    {
        let coords: HashMap<&str, Coords> = doc
            .entities
            .iter()
            .filter_map(|e| {
                e.kb.as_ref()
                    .map(|k| (e.id.as_str(), (k.lat, k.lon, k.country.clone())))
            })
            .collect();
        let actor = |a: &Actor| -> (Option<String>, String, String) {
            let linked = a.entity.as_deref().and_then(|id| keys.get(id));
            let key = linked
                .map(|k| k.0.clone())
                .or_else(|| a.code.as_ref().map(|c| format!("cameo:{c}")));
            let name = linked
                .map(|k| k.1.clone())
                .unwrap_or_else(|| a.text.clone());
            let norm = marsad_arabic::normalize_str(&format!("{} | {}", a.text, name));
            (key, name, norm)
        };
        let mut st = tx.prepare_cached(
            "INSERT INTO events (doc, idx, day, date, cameo, plover, quad_class, goldstein, \
             source_key, source, source_code, source_norm, target_key, target, target_code, target_norm, \
             place, place_key, place_norm, country, lat, lon, modality, fatalities, start, end) \
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26)",
        )?;
        for (i, ev) in doc.events.iter().enumerate() {
            let (sk, sn, snorm) = actor(&ev.source);
            let (tk, tn, tnorm) = match &ev.target {
                Some(t) => {
                    let (k, n, m) = actor(t);
                    (k, Some(n), Some(m))
                }
                None => (None, None, None),
            };
            let (mut place, mut pkey, mut pnorm, mut country, mut lat, mut lon) =
                (None, None, None, None, None, None);
            if let Some(l) = &ev.location {
                let linked = l.entity.as_deref().and_then(|id| keys.get(id));
                let c = l.entity.as_deref().and_then(|id| coords.get(id));
                place = Some(
                    linked
                        .map(|k| k.1.clone())
                        .unwrap_or_else(|| l.text.clone()),
                );
                pkey = linked.map(|k| k.0.clone());
                pnorm = Some(marsad_arabic::normalize_str(&format!(
                    "{} | {}",
                    l.text,
                    place.as_deref().unwrap_or("")
                )));
                country = l.country.clone().or_else(|| c.and_then(|c| c.2.clone()));
                lat = l.lat.or_else(|| c.and_then(|c| c.0));
                lon = l.lon.or_else(|| c.and_then(|c| c.1));
            }
            let modality = serde_json::to_value(ev.modality)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            st.execute(params![
                rowid,
                i as i64,
                event_day(ev.date.as_deref(), doc.published.as_deref()),
                ev.date,
                ev.cameo,
                // "" for CAMEO codes outside PLOVER (the document says null)
                ev.plover.as_ref().map(|p| p.kind.as_str()).unwrap_or(""),
                ev.quad_class as i64,
                ev.goldstein,
                sk,
                sn,
                ev.source.code,
                snorm,
                tk,
                tn,
                ev.target.as_ref().and_then(|t| t.code.clone()),
                tnorm,
                place,
                pkey,
                pnorm,
                country,
                lat,
                lon,
                modality,
                ev.fatalities.map(|f| f as i64),
                ev.span.start as i64,
                ev.span.end as i64
            ])?;
        }
    }
    Ok(())
}

/// Checks what every stored document must be: marsad/1 with an id.
fn check_storable(doc: &Document) -> Result<(), StoreError> {
    if doc.schema != SCHEMA {
        return Err(StoreError::Invalid {
            id: doc.id.clone(),
            detail: format!("schema is {:?}, expected {SCHEMA:?}", doc.schema),
        });
    }
    if doc.id.trim().is_empty() {
        return Err(StoreError::Invalid {
            id: String::new(),
            detail: "the document has no id".into(),
        });
    }
    Ok(())
}

impl Store for SqliteStore {
    fn put(&mut self, doc: &Document) -> Result<Put, StoreError> {
        check_storable(doc)?;
        let json = pack(doc).map_err(|e| StoreError::Invalid {
            id: doc.id.clone(),
            detail: e.to_string(),
        })?;
        let (body, mut stems) = text::index_columns(&doc.text);
        let title = doc.title.clone().unwrap_or_default();
        let (title_surface, title_stems) = text::index_columns(&title);
        if !title_stems.is_empty() {
            stems.push(' ');
            stems.push_str(&title_stems);
        }
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "INSERT OR IGNORE INTO documents (id, url, path, title, site, published, language, chars, \
             n_mentions, n_entities, n_quotes, n_times, n_events, text, json) \
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)",
            params![
                doc.id,
                doc.source.url,
                doc.source.path,
                doc.title,
                doc.site,
                doc.published,
                doc.language,
                doc.text.chars().count() as i64,
                doc.mentions.len() as i64,
                doc.entities.len() as i64,
                doc.quotes.len() as i64,
                doc.times.len() as i64,
                doc.events.len() as i64,
                doc.text,
                json
            ],
        )?;
        if n == 0 {
            tx.commit()?;
            return Ok(Put::Existed);
        }
        let rowid = tx.last_insert_rowid();
        insert_layers(&tx, rowid, doc)?;
        tx.execute(
            "INSERT INTO doc_fts (rowid, title, body, stems) VALUES (?1, ?2, ?3, ?4)",
            params![rowid, title_surface, body, stems],
        )?;
        tx.commit()?;
        Ok(Put::Inserted)
    }

    fn replace_layers(&mut self, doc: &Document) -> Result<(), StoreError> {
        check_storable(doc)?;
        let json = pack(doc).map_err(|e| StoreError::Invalid {
            id: doc.id.clone(),
            detail: e.to_string(),
        })?;
        let tx = self.conn.transaction()?;
        let stored: Option<(i64, String)> = tx
            .prepare_cached("SELECT rowid, text FROM documents WHERE id = ?1")?
            .query_row([&doc.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((rowid, text)) = stored else {
            return Err(StoreError::Invalid {
                id: doc.id.clone(),
                detail: "not stored: use `marsad ingest` to add it".into(),
            });
        };
        if text != doc.text {
            return Err(StoreError::Invalid {
                id: doc.id.clone(),
                detail: "its text differs from the stored text (spans and the search index \
                         would disagree): re-ingest it into a new database instead"
                    .into(),
            });
        }
        for table in ["mentions", "entities", "quotes", "times", "events"] {
            tx.execute(&format!("DELETE FROM {table} WHERE doc = ?1"), [rowid])?;
        }
        tx.execute(
            "UPDATE documents SET language = ?2, n_mentions = ?3, n_entities = ?4, n_quotes = ?5, \
             n_times = ?6, n_events = ?7, json = ?8 WHERE rowid = ?1",
            params![
                rowid,
                doc.language,
                doc.mentions.len() as i64,
                doc.entities.len() as i64,
                doc.quotes.len() as i64,
                doc.times.len() as i64,
                doc.events.len() as i64,
                json
            ],
        )?;
        insert_layers(&tx, rowid, doc)?;
        tx.commit()?;
        Ok(())
    }

    fn contains(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
            .exists([id])?)
    }

    fn document(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let j: Option<(String, Vec<u8>)> = self
            .conn
            .prepare_cached("SELECT text, json FROM documents WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match j {
            None => Ok(None),
            Some((text, j)) => unpack(id, text, &j).map(Some),
        }
    }

    fn documents(&self, page: Page) -> Result<Vec<DocSummary>, StoreError> {
        self.rows(
            "SELECT * FROM documents ORDER BY published DESC, rowid DESC LIMIT ?1 OFFSET ?2",
            params![page.limit.min(1000) as i64, page.offset as i64],
            Self::summary,
        )
    }

    fn for_each_document(&self, f: &mut dyn FnMut(Document) -> bool) -> Result<(), StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT id, text, json FROM documents ORDER BY rowid")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let d = unpack(&id, r.get(1)?, &r.get::<_, Vec<u8>>(2)?)?;
            if !f(d) {
                break;
            }
        }
        Ok(())
    }

    fn search(&self, query: &str, page: Page) -> Result<SearchResults, StoreError> {
        let q = Query::parse(query);
        if q.is_empty() {
            return Ok(SearchResults {
                query: query.into(),
                total: 0,
                hits: Vec::new(),
            });
        }
        let expr = q.fts_expr();
        let total: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM doc_fts WHERE doc_fts MATCH ?1")?
            .query_row([&expr], |r| r.get(0))?;
        let mut st = self.conn.prepare_cached(
            "SELECT d.*, d.text AS text, f.score FROM \
             (SELECT rowid, bm25(doc_fts, 4.0, 2.0, 1.0) AS score FROM doc_fts WHERE doc_fts MATCH ?1 \
              ORDER BY score LIMIT ?2 OFFSET ?3) f \
             JOIN documents d ON d.rowid = f.rowid ORDER BY f.score",
        )?;
        let rows = st.query_map(
            params![expr, page.limit.min(200) as i64, page.offset as i64],
            |r| {
                let text: String = r.get("text")?;
                let score: f64 = r.get("score")?;
                Ok((Self::summary(r)?, text, score))
            },
        )?;
        let mut hits = Vec::new();
        for row in rows {
            let (doc, text, score) = row?;
            hits.push(Hit {
                doc,
                score: -score,
                snippet: text::snippet(&text, &q, 32),
            });
        }
        Ok(SearchResults {
            query: query.into(),
            total: total as usize,
            hits,
        })
    }

    fn entities(
        &self,
        name: Option<&str>,
        kind: Option<&str>,
        page: Page,
    ) -> Result<Vec<EntitySummary>, StoreError> {
        let mut w = vec!["1=1".to_string()];
        let mut p: Vec<String> = Vec::new();
        if let Some(n) = name.map(str::trim).filter(|s| !s.is_empty()) {
            p.push(format!(
                "%{}%",
                like_escape(&marsad_arabic::normalize_str(n))
            ));
            w.push(format!("name_norm LIKE ?{} ESCAPE '\\'", p.len()));
        }
        if let Some(k) = kind.map(str::trim).filter(|s| !s.is_empty()) {
            p.push(k.to_uppercase());
            w.push(format!("type = ?{}", p.len()));
        }
        let sql = format!(
            "SELECT key, max(name) AS name, max(name_ar) AS name_ar, max(type) AS type, \
             count(DISTINCT doc) AS docs, sum(n_mentions) AS n FROM entities WHERE {} \
             GROUP BY key ORDER BY docs DESC, n DESC, key LIMIT {} OFFSET {}",
            w.join(" AND "),
            page.limit.min(1000),
            page.offset
        );
        self.rows(&sql, params_from_iter(p.iter()), |r| {
            Ok(EntitySummary {
                key: r.get("key")?,
                name: r.get("name")?,
                name_ar: r.get("name_ar")?,
                kind: r.get("type")?,
                documents: r.get("docs")?,
                mentions: r.get("n")?,
            })
        })
    }

    fn entity(&self, key: &str) -> Result<Option<EntityPage>, StoreError> {
        let summary = self
            .conn
            .prepare_cached(
                "SELECT key, max(name) AS name, max(name_ar) AS name_ar, max(type) AS type, \
                 count(DISTINCT doc) AS docs, sum(n_mentions) AS n, min(json) AS json \
                 FROM entities WHERE key = ?1 GROUP BY key",
            )?
            .query_row([key], |r| {
                Ok((
                    EntitySummary {
                        key: r.get("key")?,
                        name: r.get("name")?,
                        name_ar: r.get("name_ar")?,
                        kind: r.get("type")?,
                        documents: r.get("docs")?,
                        mentions: r.get("n")?,
                    },
                    r.get::<_, String>("json")?,
                ))
            })
            .optional()?;
        let Some((entity, json)) = summary else {
            return Ok(None);
        };
        let record = serde_json::from_str(&json).ok();
        let mentions: Vec<_> = self.rows("SELECT d.id, d.title, m.text, m.start, m.end, \
                 substr(d.text, max(m.start - 59, 1), (m.end - max(m.start - 59, 1) + 1) + 60) AS ctx \
                 FROM mentions m JOIN documents d ON d.rowid = m.doc \
                 WHERE m.entity_key = ?1 ORDER BY d.published DESC, d.rowid DESC, m.idx LIMIT 100", [key], |r| {
                Ok(MentionRow {
                    doc: r.get(0)?,
                    title: r.get(1)?,
                    text: r.get(2)?,
                    start: r.get(3)?,
                    end: r.get(4)?,
                    context: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                })
            })?;
        let quotes: Vec<_> = self.rows(
            "SELECT d.id, d.title, q.text, q.kind, q.speaker, q.speaker_key, q.start, q.end \
                 FROM quotes q JOIN documents d ON d.rowid = q.doc \
                 WHERE q.speaker_key = ?1 ORDER BY d.published DESC, d.rowid DESC, q.idx LIMIT 100",
            [key],
            |r| {
                Ok(QuoteRow {
                    doc: r.get(0)?,
                    title: r.get(1)?,
                    text: r.get(2)?,
                    kind: r.get(3)?,
                    speaker: r.get(4)?,
                    speaker_key: r.get(5)?,
                    start: r.get(6)?,
                    end: r.get(7)?,
                })
            },
        )?;
        let f = EventFilter {
            limit: 100,
            ..Default::default()
        };
        let as_source = self.events_where_key("source_key", key, &f)?;
        let as_target = self.events_where_key("target_key", key, &f)?;
        let co_actors: Vec<_> = self.rows(
            "SELECT e2.key, max(e2.name), max(e2.type), count(DISTINCT e2.doc) AS n \
                 FROM entities e1 JOIN entities e2 ON e2.doc = e1.doc AND e2.key <> e1.key \
                 WHERE e1.key = ?1 GROUP BY e2.key ORDER BY n DESC, e2.key LIMIT 30",
            [key],
            |r| {
                Ok(CoActor {
                    key: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    documents: r.get(3)?,
                })
            },
        )?;
        Ok(Some(EntityPage {
            entity,
            record,
            mentions,
            quotes,
            as_source,
            as_target,
            co_actors,
        }))
    }

    fn events(&self, f: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        self.events_where("", f)
    }

    fn event_days(&self, f: &EventFilter) -> Result<Vec<DayCount>, StoreError> {
        let (w, p) = Self::event_where(f);
        let sql = format!(
            "SELECT e.day, e.quad_class, count(*) FROM events e \
             WHERE {w} AND e.day IS NOT NULL GROUP BY e.day, e.quad_class ORDER BY e.day"
        );
        self.rows(&sql, params_from_iter(p.iter()), |r| {
            Ok(DayCount {
                day: r.get(0)?,
                quad_class: r.get(1)?,
                count: r.get(2)?,
            })
        })
    }

    fn actor_pairs(&self, f: &EventFilter, per_day: bool) -> Result<Vec<PairCount>, StoreError> {
        let (w, p) = Self::event_where(f);
        let limit = if f.limit == 0 {
            1000
        } else {
            f.limit.min(10_000)
        };
        let (day_col, group, order) = if per_day {
            (
                "e.day",
                "e.day, e.source_key, e.target_key",
                "e.day, n DESC",
            )
        } else {
            ("NULL", "e.source_key, e.target_key", "n DESC")
        };
        let sql = format!(
            "SELECT {day_col}, e.source_key, max(e.source), e.target_key, max(e.target), count(*) AS n \
             FROM events e \
             WHERE {w} AND e.source_key IS NOT NULL AND e.target_key IS NOT NULL \
             GROUP BY {group} ORDER BY {order}, e.source_key, e.target_key LIMIT {limit}"
        );
        self.rows(&sql, params_from_iter(p.iter()), |r| {
            Ok(PairCount {
                day: r.get(0)?,
                source_key: r.get(1)?,
                source: r.get(2)?,
                target_key: r.get(3)?,
                target: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                count: r.get(5)?,
            })
        })
    }

    fn places(&self, f: &EventFilter) -> Result<Vec<PlaceCount>, StoreError> {
        let (w, p) = Self::event_where(f);
        let sql = format!(
            "SELECT max(e.place), max(e.country), avg(e.lat), avg(e.lon), count(*) AS n \
             FROM events e \
             WHERE {w} AND e.lat IS NOT NULL AND e.lon IS NOT NULL \
             GROUP BY round(e.lat, 1), round(e.lon, 1) ORDER BY n DESC LIMIT 500"
        );
        self.rows(&sql, params_from_iter(p.iter()), |r| {
            Ok(PlaceCount {
                place: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                country: r.get(1)?,
                lat: r.get(2)?,
                lon: r.get(3)?,
                count: r.get(4)?,
            })
        })
    }

    fn entity_keys(
        &self,
        doc: &str,
    ) -> Result<std::collections::BTreeMap<String, String>, StoreError> {
        self.rows("SELECT e.id, e.key FROM entities e JOIN documents d ON d.rowid = e.doc WHERE d.id = ?1", [doc], |r| Ok((r.get(0)?, r.get(1)?)))
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let c = |sql: &str| -> Result<i64, StoreError> {
            Ok(self.conn.query_row(sql, [], |r| r.get(0))?)
        };
        Ok(Stats {
            documents: c("SELECT count(*) FROM documents")?,
            mentions: c("SELECT count(*) FROM mentions")?,
            entities: c("SELECT count(DISTINCT key) FROM entities")?,
            quotes: c("SELECT count(*) FROM quotes")?,
            times: c("SELECT count(*) FROM times")?,
            events: c("SELECT count(*) FROM events")?,
        })
    }
}

impl SqliteStore {
    /// Runs a read query (its statement cached) and collects the mapped rows.
    fn rows<T, C: FromIterator<T>>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<C, StoreError> {
        let mut st = self.conn.prepare_cached(sql)?;
        let rows = st.query_map(params, map)?;
        Ok(rows.collect::<Result<C, _>>()?)
    }

    fn events_where_key(
        &self,
        col: &str,
        key: &str,
        f: &EventFilter,
    ) -> Result<Vec<EventRow>, StoreError> {
        let limit = f.limit.clamp(1, 10_000);
        self.event_page(&format!("e.{col} = ?1"), [key], limit, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_day_prefers_a_full_event_date() {
        assert_eq!(
            event_day(Some("2015-11-26"), Some("2015-11-27T10:00")).as_deref(),
            Some("2015-11-26")
        );
        assert_eq!(
            event_day(Some("XXXX-11-26"), Some("2015-11-27T10:00")).as_deref(),
            Some("2015-11-27")
        );
        assert_eq!(event_day(None, None), None);
        assert_eq!(like_escape("50%_a\\"), "50\\%\\_a\\\\");
    }
}

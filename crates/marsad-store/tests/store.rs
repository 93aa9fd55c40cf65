//! The SQLite store on hand-built marsad/1 documents (tests/data/fixture.jsonl,
//! rebuilt by tests/data/make_fixture.py): idempotent puts, Arabic-aware
//! search, filters, entity pages, migrations.

use marsad_core::Document;
use marsad_store::{EventFilter, Page, Put, SqliteStore, Store};

fn fixture() -> Vec<Document> {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fixture.jsonl");
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn temp_db(name: &str) -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("marsad-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("t.db").display().to_string();
    (dir, db)
}

fn loaded(name: &str) -> (std::path::PathBuf, SqliteStore) {
    let (dir, db) = temp_db(name);
    let mut s = SqliteStore::open(&db).unwrap();
    for d in fixture() {
        d.validate().unwrap();
        assert_eq!(s.put(&d).unwrap(), Put::Inserted);
    }
    (dir, s)
}

#[test]
fn puts_are_idempotent_and_round_trip() {
    let (dir, mut s) = loaded("idem");
    let before = s.stats().unwrap();
    for d in fixture() {
        assert_eq!(s.put(&d).unwrap(), Put::Existed);
    }
    assert_eq!(s.stats().unwrap(), before);
    assert_eq!(before.documents, 3);
    assert_eq!(before.events, 3);
    assert_eq!(before.quotes, 2);
    assert_eq!(s.verify().unwrap(), Vec::<String>::new());
    let back = s.document("fx-putin").unwrap().unwrap();
    assert_eq!(back, fixture()[0]);
    assert!(s.document("nope").unwrap().is_none());
    let mut n = 0;
    s.for_each_document(&mut |_| {
        n += 1;
        true
    })
    .unwrap();
    assert_eq!(n, 3);
    // reopening runs no migration twice and keeps the data
    drop(s);
    let s = SqliteStore::open(&format!("{}/t.db", dir.display())).unwrap();
    assert_eq!(s.stats().unwrap().documents, 3);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn search_folds_tashkeel_article_and_clitics() {
    let (dir, s) = loaded("search");
    // كتب finds كَتَبَ
    let r = s.search("كتب", Page::default()).unwrap();
    assert_eq!(r.hits.first().map(|h| h.doc.id.as_str()), Some("fx-putin"));
    // رئيس finds الرئيسُ (article + tashkeel) and the highlight covers the original word
    let r = s.search("رئيس", Page::default()).unwrap();
    let h = r
        .hits
        .iter()
        .find(|h| h.doc.id == "fx-putin")
        .expect("putin doc found");
    let chars: Vec<char> = h.snippet.text.chars().collect();
    let marked: Vec<String> = h
        .snippet
        .highlights
        .iter()
        .map(|[a, b]| chars[*a..*b].iter().collect())
        .collect();
    assert!(marked.contains(&"الرئيسُ".to_string()), "{marked:?}");
    // a clitic-attached form: وقصفت is found by قصفت
    let r = s.search("قصفت", Page::default()).unwrap();
    assert_eq!(r.total, 1);
    // phrases, and an AND of two words
    assert_eq!(
        s.search("\"وزير الخارجية\"", Page::default())
            .unwrap()
            .total,
        1
    );
    assert_eq!(s.search("فرنسا حلب", Page::default()).unwrap().total, 2);
    assert_eq!(s.search("فرنسا كيبيك", Page::default()).unwrap().total, 0);
    // hostile syntax is just text
    assert_eq!(s.search("NEAR( \" * OR", Page::default()).unwrap().total, 0);
    assert_eq!(s.search("", Page::default()).unwrap().total, 0);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn events_filter_by_actor_code_date_and_place() {
    let (dir, s) = loaded("events");
    let all = s.events(&EventFilter::default()).unwrap();
    assert_eq!(all.len(), 3);
    let f = |actor: Option<&str>, code: Option<&str>, since: Option<&str>, place: Option<&str>| {
        s.events(&EventFilter {
            actor: actor.map(String::from),
            code: code.map(String::from),
            since: since.map(String::from),
            place: place.map(String::from),
            ..Default::default()
        })
        .unwrap()
    };
    assert_eq!(f(None, Some("19"), None, None).len(), 1);
    assert_eq!(f(Some("RUS"), None, None, None).len(), 3);
    assert_eq!(f(Some("mk:RUSGOV-putin"), None, None, None).len(), 1);
    assert_eq!(f(Some("بوتين"), None, None, None).len(), 1);
    assert_eq!(f(None, None, Some("2015-11-27"), None).len(), 2);
    assert_eq!(f(None, None, None, Some("SYR")).len(), 1);
    assert_eq!(f(None, None, None, Some("حلب")).len(), 1);
    let strike = &f(None, Some("195"), None, None)[0];
    assert_eq!(strike.lat, Some(36.2));
    assert_eq!(strike.fatalities, Some(12));
    assert!(strike.sentence.starts_with("وقصفت"));
    let places = s.places(&EventFilter::default()).unwrap();
    assert_eq!(places.len(), 1);
    let days = s.event_days(&EventFilter::default()).unwrap();
    assert_eq!(days.iter().map(|d| d.count).sum::<i64>(), 3);
    let pairs = s.actor_pairs(&EventFilter::default(), true).unwrap();
    assert!(pairs.iter().any(|p| p.source_key == "mk:RUSGOV-putin"
        && p.target_key == "mk:FRA"
        && p.day.as_deref() == Some("2015-11-26")));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn entity_pages_join_mentions_quotes_events_and_co_actors() {
    let (dir, s) = loaded("entity");
    let list = s.entities(None, None, Page::default()).unwrap();
    assert_eq!(list[0].documents, 2); // France, Russia or Aleppo: in two documents
    let found = s
        .entities(Some("بوتين"), Some("per"), Page::default())
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].key, "mk:RUSGOV-putin");
    let p = s.entity("mk:RUSGOV-putin").unwrap().unwrap();
    assert_eq!(p.mentions.len(), 2);
    assert!(p.mentions[0].context.contains(&p.mentions[0].text));
    assert_eq!(p.quotes.len(), 1);
    assert_eq!(p.as_source.len(), 1);
    assert!(p.as_target.is_empty());
    assert!(p.co_actors.iter().any(|c| c.key == "mk:FRA"));
    let fra = s.entity("mk:FRA").unwrap().unwrap();
    assert_eq!(fra.entity.documents, 2);
    assert_eq!(fra.as_target.len(), 1);
    assert!(s.entity("mk:nobody").unwrap().is_none());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn refuses_wrong_schema_and_newer_databases() {
    let (dir, db) = temp_db("schema");
    let mut s = SqliteStore::open(&db).unwrap();
    let mut d = fixture().remove(0);
    d.schema = "other/9".into();
    assert!(s.put(&d).is_err());
    drop(s);
    let c = rusqlite_version_bump(&db);
    assert!(c.is_err(), "a newer schema must be refused");
    let _ = std::fs::remove_dir_all(dir);
}

fn rusqlite_version_bump(db: &str) -> Result<SqliteStore, marsad_store::StoreError> {
    // user_version lives at byte offset 60 of the database header (big endian)
    let mut bytes = std::fs::read(db).unwrap();
    bytes[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(db, bytes).unwrap();
    SqliteStore::open(db)
}

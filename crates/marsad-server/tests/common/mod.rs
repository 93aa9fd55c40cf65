//! Shared by the server's integration tests: a store loaded with the
//! hand-built fixture documents, a running server on a loopback port, and a
//! small HTTP client.
#![allow(dead_code)]

use marsad_store::{SqliteStore, Store};
use std::path::PathBuf;

/// The fixture (marsad/1 JSON Lines) the store's tests use too.
pub fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../marsad-store/tests/data/fixture.jsonl")
}

/// A fresh database with the fixture documents in a temp directory.
pub fn fixture_db(name: &str) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("marsad-server-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("t.db").display().to_string();
    let mut s = SqliteStore::open(&db).unwrap();
    for line in std::fs::read_to_string(fixture_path()).unwrap().lines() {
        let d: marsad_core::Document = serde_json::from_str(line).unwrap();
        s.put(&d).unwrap();
    }
    (dir, db)
}

/// A running server over a fixture database, on 127.0.0.1 and a free port.
pub fn server(name: &str) -> (PathBuf, marsad_server::Running) {
    let (dir, db) = fixture_db(name);
    let r = marsad_server::Running::start(&db, "127.0.0.1:0".parse().unwrap()).unwrap();
    (dir, r)
}

/// An HTTP agent that returns error statuses as responses.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(std::time::Duration::from_secs(60)))
        .build()
        .into()
}

/// GET: (status, content type, body).
pub fn get(url: &str) -> (u16, String, String) {
    let mut r = agent()
        .get(url)
        .call()
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = r.body_mut().read_to_string().unwrap();
    (status, ct, body)
}

/// GET and parse JSON, asserting 200.
pub fn get_json(url: &str) -> serde_json::Value {
    let (s, ct, b) = get(url);
    assert_eq!(s, 200, "{url}: {b}");
    assert!(ct.starts_with("application/json"), "{url}: {ct}");
    serde_json::from_str(&b).unwrap()
}

/// Percent-encodes a path segment or query value.
pub fn enc(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            o.push(b as char);
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}

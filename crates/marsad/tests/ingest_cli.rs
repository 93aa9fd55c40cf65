//! `marsad ingest`, `search` and `events` as a user runs them: the real
//! binary, real pages, a kill -9 in the middle of an ingest.

use marsad_store::{SqliteStore, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_marsad");

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-ingest-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(BIN).args(args).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn ingest_is_idempotent_logs_bad_documents_and_feeds_search_and_events() {
    let dir = tmp("cli");
    let db = dir.join("m.db").display().to_string();
    let fixture = repo().join("crates/marsad-store/tests/data/fixture.jsonl");
    let seed = repo().join("examples/seed.txt");
    // a directory with a real page, a binary file and a broken JSON line
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::copy(&seed, pages.join("seed.txt")).unwrap();
    std::fs::write(
        pages.join("junk.html"),
        [0u8, 1, 2, 3, 0, 0, 7, 8, 0, 1].repeat(50),
    )
    .unwrap();
    std::fs::write(pages.join("bad.jsonl"), "{\"text\": \"نص\"}\n{not json\n").unwrap();

    let (code, _, err) = run(&[
        "ingest",
        fixture.to_str().unwrap(),
        pages.to_str().unwrap(),
        "--db",
        &db,
    ]);
    assert_eq!(code, 1, "bad documents make the exit status 1: {err}");
    assert!(err.contains("junk.html"), "{err}");
    assert!(err.contains("bad.jsonl") && err.contains("line 2"), "{err}");
    assert!(err.contains("2 of"), "the failure count is reported: {err}");
    let s = SqliteStore::open(&db).unwrap();
    let first = s.stats().unwrap();
    // 3 fixture documents (fast path, not re-analysed) + seed + the good JSONL line
    assert_eq!(first.documents, 5, "{err}");
    assert!(s.document("fx-putin").unwrap().is_some());
    assert!(s.verify().unwrap().is_empty());
    drop(s);

    // a second run changes nothing
    let (_, _, err2) = run(&[
        "ingest",
        fixture.to_str().unwrap(),
        pages.to_str().unwrap(),
        "--db",
        &db,
    ]);
    assert!(err2.contains("0 stored, 5 already stored"), "{err2}");
    assert_eq!(SqliteStore::open(&db).unwrap().stats().unwrap(), first);

    // marsad/1 JSON Lines from stdin (the output of `marsad analyze`)
    let db2 = dir.join("m2.db").display().to_string();
    let mut child = Command::new(BIN)
        .args(["ingest", "-", "--db", &db2])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(
        child.stdin.as_mut().unwrap(),
        &std::fs::read(&fixture).unwrap(),
    )
    .unwrap();
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
    assert_eq!(
        SqliteStore::open(&db2).unwrap().stats().unwrap().documents,
        3
    );

    // search and events
    let (code, out, _) = run(&["search", "--db", &db, "رئيس"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("[fx-putin]") && out.contains("**الرئيسُ**"),
        "{out}"
    );
    let (code, out, _) = run(&[
        "events",
        "--db",
        &db,
        "--code",
        "19",
        "--json",
        "--since",
        "2015-11-27",
    ]);
    assert_eq!(code, 0);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        rows.iter()
            .any(|r| r["doc"] == "fx-putin" && r["cameo"] == "195"),
        "{out}"
    );
    assert!(rows
        .iter()
        .all(|r| r["cameo"].as_str().unwrap().starts_with("19")));
    let (code, out, _) = run(&["events", "--db", &db, "--actor", "بوتين", "--place", "FRA"]);
    assert_eq!(code, 0);
    assert!(out.is_empty(), "no Putin event located in France: {out}");
    // export reads the store
    let (code, out, err) = run(&["export", "--db", &db, "--to", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    let fixture_events = out.lines().filter(|l| l.contains("fx-")).count();
    assert_eq!(fixture_events, 3, "{out}");
    let (code, _, _) = run(&["export", "--db", &db, fixture.to_str().unwrap()]);
    assert_eq!(code, 2);
    let (code, _, err) = run(&["events", "--db", &db, "--since", "yesterday"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&[
        "search",
        "--db",
        &dir.join("none.db").display().to_string(),
        "x",
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("marsad ingest"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Many small marsad/1 documents (copies of the fixture under new ids).
fn many_docs(path: &Path, n: usize) {
    let fixture =
        std::fs::read_to_string(repo().join("crates/marsad-store/tests/data/fixture.jsonl"))
            .unwrap();
    let base: Vec<serde_json::Value> = fixture
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut out = String::new();
    for i in 0..n {
        let mut d = base[i % base.len()].clone();
        d["id"] = serde_json::Value::String(format!("copy-{i:05}"));
        out.push_str(&d.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn a_killed_ingest_loses_nothing_committed_and_resumes_without_duplicates() {
    let dir = tmp("kill");
    let db = dir.join("k.db").display().to_string();
    let input = dir.join("many.jsonl");
    const N: usize = 4000;
    many_docs(&input, N);
    let mut child = Command::new(BIN)
        .args(["ingest", input.to_str().unwrap(), "--db", &db, "-j", "1"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // wait until some documents are committed, then SIGKILL
    let t = Instant::now();
    let mut seen = 0;
    while t.elapsed() < Duration::from_secs(60) {
        if let Ok(s) = SqliteStore::open_read_only(&db) {
            seen = s.stats().map(|x| x.documents).unwrap_or(0);
            if seen >= 50 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success());
    let s = SqliteStore::open(&db).unwrap();
    let after_kill = s.stats().unwrap().documents;
    assert!(
        after_kill >= seen,
        "committed documents survive: saw {seen}, have {after_kill}"
    );
    assert!(
        (after_kill as usize) < N,
        "the ingest finished before the kill ({after_kill} documents); make the input larger"
    );
    assert_eq!(
        s.verify().unwrap(),
        Vec::<String>::new(),
        "no half-written document"
    );
    drop(s);
    // restart: completes, nothing duplicated, nothing lost
    let (code, _, err) = run(&["ingest", input.to_str().unwrap(), "--db", &db]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "{} stored, {after_kill} already stored",
            N as i64 - after_kill
        )),
        "{err}"
    );
    let s = SqliteStore::open(&db).unwrap();
    assert_eq!(s.stats().unwrap().documents, N as i64);
    assert_eq!(s.ids().unwrap().len(), N);
    assert!(s.verify().unwrap().is_empty());
    let _ = std::fs::remove_dir_all(dir);
}

/// A document stored by an older pipeline (here: with its layers stripped)
/// is brought up to the current one by `marsad reanalyze`: the layers come
/// back exactly as `marsad analyze` gives them, text and search unchanged.
#[test]
fn reanalyze_rebuilds_layers_of_stored_documents() {
    let dir = tmp("reanalyze");
    let db = dir.join("m.db").display().to_string();
    let seed = repo().join("examples/seed.txt");
    let (code, fresh, err) = run(&[
        "analyze",
        seed.to_str().unwrap(),
        "--published",
        "2015-11-23",
    ]);
    assert_eq!(code, 0, "{err}");
    let fresh: marsad_core::Document = serde_json::from_str(fresh.trim()).unwrap();
    assert!(!fresh.events.is_empty() && !fresh.entities.is_empty());
    let mut old = fresh.clone();
    old.sentences.clear();
    old.mentions.clear();
    old.entities.clear();
    old.quotes.clear();
    old.times.clear();
    old.quantities.clear();
    old.events.clear();
    let stale = dir.join("stale.jsonl");
    std::fs::write(&stale, serde_json::to_string(&old).unwrap() + "\n").unwrap();
    let (code, _, err) = run(&["ingest", stale.to_str().unwrap(), "--db", &db]);
    assert_eq!(code, 0, "{err}");
    let before = SqliteStore::open(&db).unwrap().stats().unwrap();
    assert_eq!(
        (before.documents, before.events, before.mentions),
        (1, 0, 0)
    );

    let (code, _, err) = run(&["reanalyze", "--db", &db, "--jobs", "2"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 of 1 documents re-analysed"), "{err}");
    let s = SqliteStore::open(&db).unwrap();
    let after = s.stats().unwrap();
    assert_eq!(after.documents, 1);
    assert_eq!(after.events as usize, fresh.events.len());
    assert_eq!(after.mentions as usize, fresh.mentions.len());
    assert_eq!(after.quotes as usize, fresh.quotes.len());
    let stored = s.document(&fresh.id).unwrap().unwrap();
    assert_eq!(
        serde_json::to_value(&stored).unwrap(),
        serde_json::to_value(&fresh).unwrap(),
        "the stored document is what analyze gives"
    );
    let (code, hits, _) = run(&["search", "--db", &db, "بوتين", "--json"]);
    assert_eq!(code, 0);
    assert!(hits.contains(&fresh.id), "search still finds it: {hits}");
    // a second run changes nothing and a missing database is a usage error
    let (code, _, _) = run(&["reanalyze", "--db", &db]);
    assert_eq!(code, 0);
    assert_eq!(s.stats().unwrap(), after);
    let (code, _, err) = run(&["reanalyze", "--db", dir.join("none.db").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("none.db"), "{err}");
}

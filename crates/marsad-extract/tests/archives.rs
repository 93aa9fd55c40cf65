//! WARC and ARC reading on the archives in ../shared/data/warc: real crawls
//! (Heritrix, wget, warcio) and deliberately damaged files.

use marsad_extract::{extract, read_path, InputFormat};
use std::collections::HashMap;
use std::path::PathBuf;

fn warc_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/warc")
}

fn read(rel: &str) -> Vec<Result<marsad_extract::RawDoc, marsad_extract::InputError>> {
    read_path(&warc_dir().join(rel), InputFormat::Auto)
}

#[test]
fn benchmark_warc_yields_every_page_with_provenance_and_the_same_f1() {
    let docs = read("scrapinghub-aeb-181.warc.gz");
    assert_eq!(docs.len(), 181);
    let gt_path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/extract/scrapinghub-aeb/ground-truth.json");
    let gt: HashMap<String, serde_json::Value> =
        serde_json::from_slice(&std::fs::read(gt_path).unwrap()).unwrap();
    let by_url: HashMap<String, String> = gt
        .iter()
        .filter_map(|(k, v)| Some((v.get("url")?.as_str()?.to_string(), k.clone())))
        .collect();
    let mut preds: HashMap<String, String> = HashMap::new();
    for d in docs {
        let raw = d.expect("no damaged record in this archive");
        assert_eq!(raw.source.format, "warc");
        assert!(raw
            .source
            .record
            .as_deref()
            .unwrap()
            .starts_with("<urn:uuid:"));
        assert!(raw.published.as_deref().unwrap().starts_with("20"));
        let url = raw.source.url.clone().unwrap();
        let doc = extract(&raw).unwrap();
        assert!(!doc.source.encoding.is_empty());
        if let Some(id) = by_url.get(&url) {
            preds.insert(id.clone(), doc.text);
        }
    }
    assert!(
        preds.len() >= 175,
        "only {} pages matched by URL",
        preds.len()
    );
    let s = marsad_extract::score::score(gt.iter().filter(|(k, _)| preds.contains_key(*k)).map(
        |(k, v)| {
            (
                v["articleBody"].as_str().unwrap_or(""),
                preds.get(k).map(String::as_str),
            )
        },
    ));
    assert!(s.f1 >= 0.95, "F1 from the WARC {}", s.f1);
}

#[test]
fn heritrix_arc_and_warc_agree() {
    for rel in [
        "ukwa/small-arcs-and-warcs/IAH-20080430204825-00000-blackbook-truncated.arc",
        "ukwa/small-arcs-and-warcs/IAH-20080430204825-00000-blackbook-truncated.arc.gz",
        "ukwa/small-arcs-and-warcs/IAH-20080430204825-00000-blackbook-truncated.warc",
        "ukwa/small-arcs-and-warcs/IAH-20080430204825-00000-blackbook-truncated.warc.gz",
    ] {
        let docs = read(rel);
        let ok: Vec<_> = docs.iter().filter_map(|d| d.as_ref().ok()).collect();
        assert_eq!(ok.len(), 2, "{rel}");
        assert_eq!(docs.len(), 2, "{rel}: unexpected errors");
        assert!(ok
            .iter()
            .all(|d| d.source.url.as_deref().unwrap().starts_with("http")));
        let fmt = if rel.contains(".arc") { "arc" } else { "warc" };
        assert!(ok.iter().all(|d| d.source.format == fmt), "{rel}");
        for d in ok {
            extract(d).unwrap();
        }
    }
}

#[test]
fn chunked_gzip_resource_and_wget_records() {
    for rel in [
        "warcio/test/data/example-iana.org-chunked.warc",
        "warcio/test/data/example-resource.warc.gz",
        "warcio/test/data/example-wget-bad-target-uri.warc.gz",
        "warcio/test/data/example-wrong-chunks.warc.gz",
        "warcio/test/data/example.warc",
        "warcio/test/data/example.warc.gz",
        "warcio/test/data/example.arc",
        "warcio/test/data/example.arc.gz",
        "warcio/test/data/example-space-in-url.arc",
        "ukwa/small-arcs-and-warcs/IAH-urls-wget.warc.gz",
    ] {
        let docs = read(rel);
        assert!(!docs.is_empty(), "{rel}");
        for d in docs {
            let raw = d.unwrap_or_else(|e| panic!("{rel}: {e}"));
            let doc = extract(&raw).unwrap_or_else(|e| panic!("{rel}: {e}"));
            assert!(!doc.text.contains("<html"), "{rel}: markup in text");
        }
    }
    // the chunked body is de-chunked: no chunk sizes in the page
    let d = read("warcio/test/data/example-iana.org-chunked.warc");
    let raw = d[0].as_ref().unwrap();
    let doc = extract(raw).unwrap();
    assert!(
        doc.text.contains("Internet Assigned Numbers Authority") || doc.title.is_some(),
        "{}",
        doc.text
    );
    // a target URI in <…> is unwrapped
    let d = read("warcio/test/data/example-wget-bad-target-uri.warc.gz");
    assert!(d[0]
        .as_ref()
        .unwrap()
        .source
        .url
        .as_deref()
        .unwrap()
        .starts_with("http"));
}

#[test]
fn damaged_archives_give_per_record_errors_and_no_pages_from_garbage() {
    // request-only, non-HTML resource, POST: nothing to analyse, no error
    for rel in [
        "warcio/test/data/example-digest.warc",
        "warcio/test/data/example-space-in-target-uri.warc.gz",
    ] {
        assert!(read(rel).iter().all(|d| d.is_ok()), "{rel}");
    }
    // ARC with length -1 records: each is its own error
    let d = read("warcio/test/data/bad.arc");
    assert!(d.len() >= 2 && d.iter().all(|x| x.is_err()));
    assert!(d[0].as_ref().unwrap_err().to_string().contains("bad.arc"));
    // truncated WARC: errors name the record, reading does not stop at the first
    let d = read("warcio/test/data/example-trunc.warc");
    assert!(d.iter().any(|x| x.is_err()));
    assert!(d
        .iter()
        .filter_map(|x| x.as_ref().err())
        .all(|e| e.to_string().contains("example-trunc.warc")));
}

#[test]
fn a_corrupt_gzip_member_is_skipped_and_the_rest_is_read() {
    let good = std::fs::read(warc_dir().join("warcio/test/data/example.warc.gz")).unwrap();
    // three copies, the middle one with a damaged deflate stream
    let mut bad = good.clone();
    let mid = bad.len() / 2;
    for b in &mut bad[mid..mid + 40] {
        *b ^= 0x5a;
    }
    let mut all = good.clone();
    all.extend_from_slice(&bad);
    all.extend_from_slice(&good);
    let docs = marsad_extract::warc::read_archive("x.warc.gz", &all);
    let ok = docs.iter().filter(|d| d.is_ok()).count();
    let err = docs.iter().filter(|d| d.is_err()).count();
    assert!(ok >= 2, "{ok} ok");
    assert!(err >= 1, "the damaged member was not reported");
    // a file that is not an archive at all
    let docs = marsad_extract::warc::read_archive("junk.warc", b"this is not a WARC file\n\n");
    assert!(docs.iter().all(|d| d.is_err()));
}

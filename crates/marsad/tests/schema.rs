//! The marsad/1 JSON Schema against real outputs: the seed page and a few
//! hundred SaudiNewsNet articles run through [`marsad::Pipeline`], each
//! serialized, validated against `schema/marsad-1.schema.json` (draft
//! 2020-12) and checked with `Document::validate()` (every span in range,
//! every layer's `text` equal to what its span points at).

use marsad::{AnalyzeOptions, InputFormat, Pipeline};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let text = std::fs::read_to_string(root().join("schema/marsad-1.schema.json"))
            .expect("schema/marsad-1.schema.json is in the repository");
        let schema: Value = serde_json::from_str(&text).expect("the schema is valid JSON");
        jsonschema::draft202012::new(&schema).expect("the schema is a valid draft 2020-12 schema")
    })
}

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::bundled().expect("bundled assets load"))
}

/// Schema errors of one serialized document, as readable lines.
fn errors(v: &Value) -> Vec<String> {
    validator()
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn check(doc: &marsad_core::Document) {
    let v = serde_json::to_value(doc).expect("documents serialize");
    let errs = errors(&v);
    assert!(errs.is_empty(), "{}: {errs:#?}", doc.id);
    if let Err(e) = doc.validate() {
        panic!("{}: {e}", doc.id);
    }
    // round trip: what we print reads back as the same document
    let back: marsad_core::Document = serde_json::from_value(v).expect("documents read back");
    assert_eq!(&back, doc);
}

#[test]
fn seed_output_matches_schema() {
    let raws = marsad::read_inputs(
        &[root().join("examples/seed.txt").display().to_string()],
        InputFormat::Auto,
    );
    assert_eq!(raws.len(), 1);
    let raw = raws.into_iter().next().unwrap().expect("seed readable");
    let opts = AnalyzeOptions {
        published: Some("2015-11-23".into()),
        url: None,
    };
    let doc = pipeline().analyze(&raw, &opts).expect("seed analyses");
    check(&doc);
    assert_eq!(doc.language.as_deref(), Some("ar"));
    assert!(!doc.sentences.is_empty() && !doc.paragraphs.is_empty());
}

#[test]
fn saudinewsnet_outputs_match_schema() {
    let zip = root().join("../shared/data/corpus/saudinewsnet/2015-08-06.zip");
    let raws = marsad::read_inputs(&[zip.display().to_string()], InputFormat::Auto);
    assert!(
        raws.len() > 1000,
        "{} articles in {}",
        raws.len(),
        zip.display()
    );
    let opts = AnalyzeOptions::default();
    let mut n = 0;
    // The corpus has records whose `content` is empty: those are per-record
    // errors (named, the batch goes on), not documents to validate.
    let raws: Vec<_> = raws
        .into_iter()
        .filter(|r| match r {
            Err(e) => {
                assert!(
                    e.to_string().contains("no `text`, `content` or `html`"),
                    "{e}"
                );
                false
            }
            Ok(_) => true,
        })
        .flatten()
        .collect();
    for raw in raws.into_iter().step_by(7).take(300) {
        let doc = pipeline()
            .analyze(&raw, &opts)
            .unwrap_or_else(|e| panic!("{e}"));
        check(&doc);
        n += 1;
    }
    assert_eq!(n, 300);
}

/// A way to break a valid document.
type Breaker = Box<dyn Fn(&mut Value)>;

/// The schema is not vacuous: broken documents are rejected.
#[test]
fn schema_rejects_broken_documents() {
    let doc = marsad_core::Document::new("d1", marsad_core::Source::default(), "نص");
    let mut good = serde_json::to_value(&doc).unwrap();
    good["source"]["encoding"] = "UTF-8".into();
    good["source"]["format"] = "text".into();
    assert!(errors(&good).is_empty(), "{:?}", errors(&good));
    let broken: Vec<(&str, Breaker)> = vec![
        (
            "missing key",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("events");
            }),
        ),
        (
            "wrong schema tag",
            Box::new(|v| v["schema"] = "marsad/2".into()),
        ),
        (
            "span of three",
            Box::new(|v| v["sentences"] = serde_json::json!([[0, 1, 2]])),
        ),
        (
            "negative offset",
            Box::new(|v| v["paragraphs"] = serde_json::json!([[-1, 2]])),
        ),
        (
            "bad entity type",
            Box::new(
                |v| v["mentions"] = serde_json::json!([{"span": [0, 1], "text": "ن", "type": "PERSON", "entity": null, "confidence": 0.5}]),
            ),
        ),
        (
            "bad modality",
            Box::new(
                |v| v["quotes"] = serde_json::json!([{"span": [0, 1], "text": "ن", "kind": "said", "speaker": {"text": "x", "entity": null}, "cue": null}]),
            ),
        ),
        (
            "byline not a list",
            Box::new(|v| v["byline"] = "Aissa Boukanoun".into()),
        ),
        (
            "language not ISO 639-1",
            Box::new(|v| v["language"] = "arabic".into()),
        ),
    ];
    for (what, f) in broken {
        let mut v = good.clone();
        f(&mut v);
        assert!(
            !errors(&v).is_empty(),
            "schema accepted a document with {what}"
        );
    }
}

//! Quote detection and speaker accuracy on hand-annotated SaudiNewsNet
//! articles (tests/data/quotes-gold.jsonl: the development set the rules
//! were tuned on; tests/data/quotes-heldout.jsonl: articles of another day
//! annotated before the system was run on them and never tuned on).
//!
//! The articles are read from ../shared/data/corpus/saudinewsnet; when that
//! directory is absent the test says so and passes without scoring.

use marsad_core::testing::shared_present;
use marsad_quotes::eval;
use std::path::PathBuf;

fn corpus() -> Option<PathBuf> {
    let p =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/corpus/saudinewsnet");
    shared_present(&p).then_some(p)
}

fn run(gold: &str) -> Option<eval::Metrics> {
    let dir = corpus()?;
    let gold = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(gold);
    let m = match eval::evaluate_files(&gold, &dir) {
        Ok(m) => m,
        Err(e) => panic!("{e}"),
    };
    for e in &m.errors {
        eprintln!("{e}");
    }
    let mut shown = m.clone();
    shown.errors.clear();
    eprintln!(
        "{}",
        serde_json::to_string_pretty(&shown).unwrap_or_default()
    );
    Some(m)
}

#[test]
fn development_set() {
    let Some(m) = run("quotes-gold.jsonl") else {
        return;
    };
    assert!(m.gold >= 150, "the gold set has {} quotes", m.gold);
    // measured 2026-11-24: precision 1.000, recall 0.964, speaker 0.995
    assert!(m.precision >= 0.95, "precision {:.3}", m.precision);
    assert!(m.recall >= 0.92, "recall {:.3}", m.recall);
    assert!(
        m.speaker_accuracy >= 0.96,
        "speaker accuracy {:.3}",
        m.speaker_accuracy
    );
    assert!(
        m.kind_accuracy >= 0.93,
        "kind accuracy {:.3}",
        m.kind_accuracy
    );
}

#[test]
fn held_out_set() {
    let Some(m) = run("quotes-heldout.jsonl") else {
        return;
    };
    assert!(m.gold >= 40, "the held-out set has {} quotes", m.gold);
    // measured 2026-11-24: precision 1.000, recall 0.894, speaker 0.929
    assert!(m.precision >= 0.93, "precision {:.3}", m.precision);
    assert!(m.recall >= 0.85, "recall {:.3}", m.recall);
    assert!(
        m.speaker_accuracy >= 0.86,
        "speaker accuracy {:.3}",
        m.speaker_accuracy
    );
}

//! The link-acceptance model (src/accept.rs): the shipped assets load, their
//! leave-one-set-out CV (recorded by `marsad train link-accept`, see
//! docs/kb.md "Link acceptance model") stays above its floors, and a model
//! that keeps every link leaves the linker's output unchanged.

use marsad_core::{Document, Source};
use marsad_kb::accept::{Model, FORMAT};
use marsad_kb::Kb;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Pooled-over-sets check of a model's CV rows: micro-averaging is not
/// possible from the rows (they hold rates), so the floor is per set.
fn check_cv(m: &Model, name: &str, max_recall_loss: f64, max_precision_loss: f64) {
    assert_eq!(m.cv.len(), 6, "{name}: CV over the six studied sets");
    for row in &m.cv {
        assert!(
            !row.set.contains("heldout6") && !row.set.contains("heldout7"),
            "{name}: trained on a clean set ({})",
            row.set
        );
        let (bp, br) = row.before;
        let (ap, ar) = row.after;
        assert!(
            ar >= br - max_recall_loss,
            "{name} {}: CV recall {ar} < {br} - {max_recall_loss}",
            row.set
        );
        assert!(
            ap >= bp - max_precision_loss,
            "{name} {}: CV precision {ap} < {bp} - {max_precision_loss}",
            row.set
        );
    }
}

#[test]
fn the_bundled_model_loads_and_its_cv_holds() {
    let path = root().join("assets/kb/accept.json");
    if !path.exists() {
        // without the asset the pipeline links as the rule linker does
        assert!(Model::bundled().is_none());
        return;
    }
    let m = Model::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.format, FORMAT);
    assert_eq!(
        Model::bundled().as_ref(),
        Some(&m),
        "rebuild after retraining"
    );
    // selected by leave-one-set-out CV on the current pipeline's output: at
    // worst it keeps every link (threshold 0, the CV's own baseline)
    check_cv(&m, "accept.json", 0.0, 0.0);
}

#[test]
fn a_model_that_keeps_every_link_changes_nothing() {
    let kb = Kb::bundled().expect("bundled KB");
    let text = "قال الرئيس الروسي فلاديمير بوتين في موسكو إن بوتين لن يزور باريس.";
    let mut a = Document::new("t", Source::default(), text);
    a.published = Some("2015-07-25".into());
    kb.link(&mut a);
    let mut b = a.clone();
    let mut m = Model::from_json(
        &format!(
            r#"{{"format": "{FORMAT}", "trained_with": "", "l2": 0.0, "threshold": 0.0,
                "bias": -10.0, "weights": {{}}, "prior": {{"source": "", "mentions": {{}}, "links": {{}}}}}}"#
        ),
        "test",
    )
    .expect("parses");
    assert_eq!(m.apply(&kb, &mut b), 0);
    assert_eq!(a, b);
    // the same model with a threshold rejects every link and keeps every mention
    m.threshold = 0.5;
    let n = m.apply(&kb, &mut b);
    assert!(n > 0);
    assert_eq!(a.mentions.len(), b.mentions.len());
    assert!(b
        .entities
        .iter()
        .all(|e| e.kb.is_none() || e.reading.as_deref() == Some("nominal")));
    assert!(b.validate().is_ok());
}

#[test]
fn a_bad_model_file_is_named() {
    let e = Model::from_json("{", "assets/kb/broken.json").expect_err("not JSON");
    assert!(e.to_string().contains("assets/kb/broken.json"), "{e}");
    let e = Model::from_json(
        r#"{"format": "other/9", "trained_with": "", "l2": 0, "threshold": 0, "bias": 0,
            "weights": {}, "prior": {"source": "", "mentions": {}, "links": {}}}"#,
        "x.json",
    )
    .expect_err("wrong format");
    assert!(e.to_string().contains("other/9"), "{e}");
}

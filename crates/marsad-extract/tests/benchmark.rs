//! Accuracy floor on the article-extraction benchmark (181 real pages,
//! ../shared/data/extract/scrapinghub-aeb), scored with the exact metric
//! of ../shared/tools/extract_score.py.

use std::path::PathBuf;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/extract/scrapinghub-aeb")
}

#[test]
fn f1_floor_on_scrapinghub_benchmark() {
    let dir = shared();
    let pages =
        marsad_extract::eval::load_benchmark(&dir.join("ground-truth.json"), &dir.join("html"))
            .expect("the benchmark under ../shared/data/extract/scrapinghub-aeb");
    assert_eq!(pages.len(), 181);
    assert!(pages.iter().all(|p| p.html.is_some()));
    let (res, preds) = marsad_extract::eval::run_benchmark(&pages);
    eprintln!("{}", serde_json::to_string(&res).unwrap());
    if let Ok(out) = std::env::var("MARSAD_PRED_OUT") {
        let obj: serde_json::Map<String, serde_json::Value> = preds
            .into_iter()
            .map(|(k, v)| (k, serde_json::json!({ "articleBody": v })))
            .collect();
        std::fs::write(out, serde_json::to_string(&obj).unwrap()).unwrap();
    }
    assert_eq!(res.errors, 0);
    assert!(
        res.score.f1 >= 0.95,
        "F1 {} under the 0.95 floor",
        res.score.f1
    );
}

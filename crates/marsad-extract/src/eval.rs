//! Running the extractor over a benchmark laid out like
//! `../shared/data/extract/scrapinghub-aeb`: a `ground-truth.json` mapping
//! page ids to `{"articleBody": …}` and a directory of `<id>.html.gz` (or
//! `<id>.html`) pages.

use crate::score::{score, Score};
use crate::{extract, PageFormat, RawDoc};
use marsad_core::Source;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

/// One benchmark page.
#[derive(Debug, Clone)]
pub struct BenchPage {
    /// The page id (file name without `.html.gz`).
    pub id: String,
    /// The expected article body.
    pub truth: String,
    /// The page bytes, gunzipped; `None` when the file is absent.
    pub html: Option<Vec<u8>>,
    /// The page's URL from the ground truth, if given.
    pub url: Option<String>,
}

/// Loads the ground truth and the pages it names, in sorted id order.
///
/// Errors name the file and say what is wrong with it.
pub fn load_benchmark(gold: &Path, pages: &Path) -> Result<Vec<BenchPage>, String> {
    let raw = std::fs::read(gold).map_err(|e| format!("{}: cannot read: {e}", gold.display()))?;
    let gt: BTreeMap<String, serde_json::Value> = serde_json::from_slice(&raw).map_err(|e| {
        format!(
            "{}: not a ground-truth JSON object of {{id: {{\"articleBody\": …}}}}: {e}",
            gold.display()
        )
    })?;
    let mut out = Vec::with_capacity(gt.len());
    for (id, v) in gt {
        let truth = v
            .get("articleBody")
            .and_then(|x| x.as_str())
            .unwrap_or("")
            .to_string();
        let url = v.get("url").and_then(|x| x.as_str()).map(str::to_string);
        let gz = pages.join(format!("{id}.html.gz"));
        let plain = pages.join(format!("{id}.html"));
        let html = if gz.exists() {
            let f =
                std::fs::read(&gz).map_err(|e| format!("{}: cannot read: {e}", gz.display()))?;
            let mut buf = Vec::new();
            flate2::read::MultiGzDecoder::new(&f[..])
                .read_to_end(&mut buf)
                .map_err(|e| format!("{}: corrupt gzip: {e}", gz.display()))?;
            Some(buf)
        } else if plain.exists() {
            Some(
                std::fs::read(&plain)
                    .map_err(|e| format!("{}: cannot read: {e}", plain.display()))?,
            )
        } else {
            None
        };
        out.push(BenchPage {
            id,
            truth,
            html,
            url,
        });
    }
    Ok(out)
}

/// The result of [`run_benchmark`].
#[derive(Debug, Clone, serde::Serialize)]
pub struct BenchResult {
    /// The metric.
    #[serde(flatten)]
    pub score: Score,
    /// Pages extracted per second (extraction only: decoding, parsing,
    /// content and metadata; not reading files).
    pub pages_per_s: f64,
    /// Seconds spent extracting.
    pub seconds: f64,
    /// Pages the extractor refused with an error (scored as empty).
    pub errors: usize,
}

/// Extracts every page and scores the bodies. Returns the result and the
/// predictions (id → body).
pub fn run_benchmark(pages: &[BenchPage]) -> (BenchResult, BTreeMap<String, String>) {
    let mut preds = BTreeMap::new();
    let mut errors = 0;
    let t = Instant::now();
    for p in pages {
        let Some(html) = &p.html else { continue };
        let source = Source {
            path: Some(format!("{}.html.gz", p.id)),
            format: "html".into(),
            ..Default::default()
        };
        let raw = RawDoc::new(html.clone(), PageFormat::Html, source);
        match extract(&raw) {
            Ok(doc) => {
                preds.insert(p.id.clone(), doc.text);
            }
            Err(_) => {
                errors += 1;
                preds.insert(p.id.clone(), String::new());
            }
        }
    }
    let seconds = t.elapsed().as_secs_f64();
    let n = pages.iter().filter(|p| p.html.is_some()).count();
    let score = score(
        pages
            .iter()
            .map(|p| (p.truth.as_str(), preds.get(&p.id).map(String::as_str))),
    );
    (
        BenchResult {
            score,
            pages_per_s: if seconds > 0.0 {
                (n as f64 / seconds * 10.0).round() / 10.0
            } else {
                0.0
            },
            seconds: (seconds * 1000.0).round() / 1000.0,
            errors,
        },
        preds,
    )
}

//! `marsad eval events`: detection P/R/F1 and actor-code accuracy on the
//! Arabic event gold standard (see `marsad_events::gsr` for the metric).

use clap::Args;
use marsad_core::{Document, Source};
use std::path::Path;
use std::process::ExitCode;

/// Arguments of `marsad eval events`.
#[derive(Args)]
pub struct EvalEventsArgs {
    /// Directory of the Arabic event gold standard (assault_gsr.csv,
    /// protest_gsr.csv, assault_spans.json, protest_spans.json).
    #[arg(long)]
    pub gsr: String,
    /// Also list every wrong sentence (false positives, misses, wrong actor
    /// codes) under "errors".
    #[arg(long)]
    pub errors: bool,
    /// Run the event coder alone, without the NER, values, linking and
    /// quote stages (what the coder does when earlier layers are empty).
    #[arg(long)]
    pub coder_only: bool,
    /// Also time every stage on a corpus (e.g. a SaudiNewsNet day file) and
    /// report the event coder's share of the pipeline time per article.
    #[arg(long, value_name = "PATH")]
    pub timing: Option<String>,
    /// At most this many articles for --timing.
    #[arg(long, default_value_t = 500)]
    pub timing_limit: usize,
}

/// The stages after extraction, run on one sentence as a document.
struct Stages {
    ner: marsad_ner::Tagger,
    kb: marsad_kb::Kb,
    coder: marsad_events::Coder,
}

impl Stages {
    fn run(&self, text: &str, published: Option<&str>, coder_only: bool) -> Document {
        let mut doc = Document::new(
            marsad_core::stable_id(text.as_bytes()),
            Source {
                format: "text".into(),
                encoding: "UTF-8".into(),
                ..Source::default()
            },
            text,
        );
        doc.published = published.map(str::to_string);
        doc.paragraphs = marsad_arabic::paragraphs(&doc.text);
        doc.sentences = marsad_arabic::sentences(&doc.text);
        let mut stage = |f: &mut dyn FnMut(&mut Document)| {
            // a panicking stage leaves its layer empty; the coder still runs
            let mut d = doc.clone();
            if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut d))).is_ok() {
                doc = d;
            }
        };
        if !coder_only {
            stage(&mut |d| self.ner.annotate(d));
            stage(&mut |d| marsad_values::annotate(d));
            stage(&mut |d| self.kb.link(d));
            stage(&mut |d| marsad_quotes::annotate(d));
        }
        self.coder.annotate(&mut doc, &self.kb);
        doc
    }
}

/// Per-stage seconds over a corpus: (stage, seconds), articles.
fn time_corpus(stages: &Stages, path: &str, limit: usize) -> (Vec<(&'static str, f64)>, usize) {
    use std::time::Instant;
    let mut t = [0f64; 6];
    let mut n = 0usize;
    for raw in marsad::read_inputs(&[path.to_string()], marsad::InputFormat::Auto)
        .into_iter()
        .flatten()
        .take(limit)
    {
        let s = Instant::now();
        let Ok(mut doc) = marsad_extract::extract(&raw) else {
            continue;
        };
        t[0] += s.elapsed().as_secs_f64();
        let s = Instant::now();
        doc.sentences = marsad_arabic::sentences(&doc.text);
        stages.ner.annotate(&mut doc);
        t[1] += s.elapsed().as_secs_f64();
        let s = Instant::now();
        marsad_values::annotate(&mut doc);
        t[2] += s.elapsed().as_secs_f64();
        let s = Instant::now();
        stages.kb.link(&mut doc);
        t[3] += s.elapsed().as_secs_f64();
        let s = Instant::now();
        marsad_quotes::annotate(&mut doc);
        t[4] += s.elapsed().as_secs_f64();
        let s = Instant::now();
        stages.coder.annotate(&mut doc, &stages.kb);
        t[5] += s.elapsed().as_secs_f64();
        n += 1;
    }
    let names = [
        "extract",
        "sentences+ner",
        "values",
        "kb",
        "quotes",
        "events",
    ];
    (names.iter().copied().zip(t).collect(), n)
}

/// Runs `marsad eval events`.
pub fn eval(a: EvalEventsArgs) -> anyhow::Result<ExitCode> {
    let dir = Path::new(&a.gsr);
    if !dir.is_dir() {
        return super::usage(format!(
            "--gsr {}: not a directory (expected ../shared/data/events/arabic-event-gsr)",
            a.gsr
        ));
    }
    let stages = Stages {
        ner: marsad_ner::Tagger::bundled()?,
        kb: marsad_kb::Kb::bundled()?,
        coder: marsad_events::Coder::bundled()?,
    };
    let started = std::time::Instant::now();
    let mut docs = 0usize;
    let scores = marsad_events::gsr::evaluate(dir, a.errors, &mut |text, date| {
        docs += 1;
        stages.run(text, date, a.coder_only)
    })?;
    let mut v = serde_json::to_value(&scores)?;
    if let Some(o) = v.as_object_mut() {
        o.insert("sentences_coded".into(), docs.into());
        o.insert(
            "seconds".into(),
            serde_json::json!((started.elapsed().as_secs_f64() * 100.0).round() / 100.0),
        );
        o.insert(
            "pipeline".into(),
            if a.coder_only { "coder-only" } else { "full" }.into(),
        );
    }
    if let Some(path) = &a.timing {
        let (secs, n) = time_corpus(&stages, path, a.timing_limit);
        let total: f64 = secs.iter().map(|x| x.1).sum();
        let events = secs.iter().find(|x| x.0 == "events").map_or(0.0, |x| x.1);
        let before = total - events;
        let per: serde_json::Map<String, serde_json::Value> = secs
            .iter()
            .map(|(k, t)| {
                (
                    k.to_string(),
                    serde_json::json!((t * 1000.0 / n.max(1) as f64 * 1000.0).round() / 1000.0),
                )
            })
            .collect();
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "timing".into(),
                serde_json::json!({
                    "corpus": path,
                    "articles": n,
                    "ms_per_article": per,
                    "events_share_of_rest": if before > 0.0 { events / before } else { 0.0 },
                }),
            );
        }
    }
    println!("{}", serde_json::to_string_pretty(&v)?);
    Ok(super::EXIT_OK)
}

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
    println!("{}", serde_json::to_string_pretty(&v)?);
    Ok(super::EXIT_OK)
}

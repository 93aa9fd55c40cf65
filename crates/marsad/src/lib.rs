//! The Marsad pipeline as a library: page bytes in, a `marsad/1`
//! [`Document`] out. The `marsad` binary, `ingest` and the tests all go
//! through [`Pipeline::analyze`], so every entry point runs the same stages in
//! the same order:
//!
//! extract → sentences → mentions (NER) → times and quantities → entities
//! (KB linking, coreference) → quotes → events.

use marsad_core::Document;
pub use marsad_extract::{InputFormat, RawDoc};

/// Options that apply to every document of a run.
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    /// Publication date to use when the page gives none (`--published`).
    pub published: Option<String>,
    /// URL to record when the page gives none (`--url`).
    pub url: Option<String>,
}

/// Why one document failed.
#[derive(Debug, thiserror::Error)]
pub enum AnalyzeError {
    /// Extraction found nothing to analyse.
    #[error("{name}: {source}")]
    Extract {
        /// The document's name (path, URL, record).
        name: String,
        /// Why.
        source: marsad_extract::ExtractError,
    },
    /// A stage panicked on this document (a bug: please report it with the file).
    #[error("{name}: internal error in stage {stage} ({detail}); the document was skipped — please report this with the file")]
    Panic {
        /// The document.
        name: String,
        /// Which stage.
        stage: &'static str,
        /// The panic message.
        detail: String,
    },
}

/// Bodies longer than this (in code points) skip the stages whose cost grows
/// faster than the text (KB linking and coreference, event coding), with a
/// warning in the document. A news article is 2,000–60,000 characters; a
/// body over 1,000,000 is a dump or an attack, and bounding the work keeps
/// one such page from stalling a batch. KB linking indexes mentions,
/// entities and countries by offset and key and grows linearly (0.15 s at
/// 200,000 characters, 0.42 s at 500,000, 0.80 s at 1,000,000, release, on a
/// loaded machine; it was 3.2 s / 15.9 s / 52 s); event coding (0.9 s) and
/// quotes (0.7 s) are as large at 1,000,000 and grow a little faster than
/// the text beyond it: see BENCHMARKS.md, "Event coding", "Long bodies",
/// and "Linking decisions and cost (third session …)".
pub const LONG_DOCUMENT_CHARS: usize = 1_000_000;

/// The words of the warning a long body gets (re-analysis drops an old one
/// before deciding again).
const LONG_DOCUMENT_WARNING: &str = "over the bound for entity linking and event coding";

/// The loaded models and knowledge bases.
pub struct Pipeline {
    ner: marsad_ner::Tagger,
    kb: marsad_kb::Kb,
    coder: marsad_events::Coder,
    /// The link-acceptance model run after the linker (None: the rule
    /// linker's links stand).
    accept: Option<marsad_kb::accept::Model>,
}

impl Pipeline {
    /// Loads the bundled assets (NER model, knowledge base, event
    /// dictionaries).
    pub fn bundled() -> anyhow::Result<Pipeline> {
        Ok(Pipeline {
            ner: marsad_ner::Tagger::bundled()?,
            kb: marsad_kb::Kb::bundled()?,
            coder: {
                // events the report-vs-mention filter scores as mentions are
                // dropped; the rest carry their `confidence`
                let mut c = marsad_events::Coder::bundled()?;
                c.drop_mentions(true);
                c
            },
            accept: link_accept_from_env()?,
        })
    }

    /// Replaces the link-acceptance model (`None`: keep every link the rule
    /// linker makes; `marsad train link-accept` trains on that output).
    pub fn set_link_accept(&mut self, model: Option<marsad_kb::accept::Model>) {
        self.accept = model;
    }

    /// The link-acceptance model in use, if any.
    pub fn link_accept(&self) -> Option<&marsad_kb::accept::Model> {
        self.accept.as_ref()
    }

    /// The loaded knowledge base (`marsad eval linking --pipeline` scores
    /// with it instead of loading it a second time).
    pub fn kb(&self) -> &marsad_kb::Kb {
        &self.kb
    }

    /// Keep the ASSAULT / PROTEST events the report-vs-mention filter scores
    /// as mentions (they still carry their `confidence`) instead of dropping
    /// them (`marsad analyze --all-events`).
    pub fn keep_all_events(&mut self, keep: bool) {
        self.coder.drop_mentions(!keep);
    }

    /// Analyses one page. A panic inside a stage is caught and reported as
    /// [`AnalyzeError::Panic`] so that a batch goes on.
    pub fn analyze(&self, raw: &RawDoc, opts: &AnalyzeOptions) -> Result<Document, AnalyzeError> {
        let name = raw.name();
        let run = |stage: &'static str, f: &mut dyn FnMut()| run_stage(&name, stage, f);
        let mut out = None;
        run("extract", &mut || out = Some(marsad_extract::extract(raw)))?;
        let mut doc = match out {
            Some(Ok(d)) => d,
            Some(Err(e)) => {
                return Err(AnalyzeError::Extract {
                    name: name.clone(),
                    source: e,
                })
            }
            None => unreachable!("extract stage ran"),
        };
        if doc.published.is_none() {
            doc.published = opts.published.clone();
        }
        if doc.source.url.is_none() {
            doc.source.url = opts.url.clone();
        }
        self.annotate_named(&mut doc, &name)?;
        Ok(doc)
    }

    /// Runs every stage after extraction on `doc` again, from its `text`
    /// (sentences, NER, values, KB linking, quotes, events), replacing those
    /// layers; the text, title, byline, dates, source, chrome cuts and the
    /// reading warnings are kept. This is how a stored archive is brought up
    /// to a newer pipeline (`marsad reanalyze`): spans stay valid because the
    /// text does not change.
    pub fn annotate(&self, doc: &mut Document) -> Result<(), AnalyzeError> {
        let name = doc
            .source
            .path
            .clone()
            .or_else(|| doc.source.url.clone())
            .unwrap_or_else(|| doc.id.clone());
        self.annotate_named(doc, &name)
    }

    fn annotate_named(&self, doc: &mut Document, name: &str) -> Result<(), AnalyzeError> {
        let run = |stage: &'static str, f: &mut dyn FnMut()| run_stage(name, stage, f);
        doc.sentences.clear();
        doc.mentions.clear();
        doc.entities.clear();
        doc.quotes.clear();
        doc.times.clear();
        doc.quantities.clear();
        doc.events.clear();
        doc.warnings.retain(|w| !w.contains(LONG_DOCUMENT_WARNING));
        run("sentences", &mut || {
            doc.sentences = marsad_arabic::sentences(&doc.text)
        })?;
        run("ner", &mut || self.ner.annotate(doc))?;
        run("values", &mut || marsad_values::annotate(doc))?;
        let chars = doc.text.chars().count();
        let full = chars <= LONG_DOCUMENT_CHARS;
        if full {
            run("kb", &mut || {
                self.kb.link(doc);
                if let Some(m) = &self.accept {
                    m.apply(&self.kb, doc);
                }
            })?;
        }
        run("quotes", &mut || marsad_quotes::annotate(doc))?;
        if full {
            run("events", &mut || self.coder.annotate(doc, &self.kb))?;
        } else {
            doc.warnings.push(format!(
                "body is {chars} characters, {LONG_DOCUMENT_WARNING} \
                 ({LONG_DOCUMENT_CHARS}): `entities` and `events` are left empty \
                 (mentions, times, quantities and quotes are complete)"
            ));
        }
        debug_assert!(doc.validate().is_ok(), "{:?}", doc.validate());
        Ok(())
    }
}

/// The link-acceptance model: the bundled one (`assets/kb/accept.json` at
/// build time, none if it was missing), or as `MARSAD_LINK_ACCEPT` says:
/// `off` for none, else the path of a model file.
fn link_accept_from_env() -> anyhow::Result<Option<marsad_kb::accept::Model>> {
    match std::env::var("MARSAD_LINK_ACCEPT") {
        Ok(v) if v == "off" => Ok(None),
        Ok(v) if !v.is_empty() => Ok(Some(
            marsad_kb::accept::Model::load(std::path::Path::new(&v)).map_err(|e| {
                anyhow::anyhow!("MARSAD_LINK_ACCEPT={v}: {e} (unset it or set it to `off`)")
            })?,
        )),
        _ => Ok(marsad_kb::accept::Model::bundled()),
    }
}

/// Runs one stage of the document `name`, turning a panic into
/// [`AnalyzeError::Panic`] so that a batch goes on.
fn run_stage(name: &str, stage: &'static str, f: &mut dyn FnMut()) -> Result<(), AnalyzeError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| AnalyzeError::Panic {
        name: name.to_string(),
        stage,
        detail: panic_message(&p),
    })
}

fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".into()
    }
}

/// Reads every input named on a command line (`-` is stdin), all at once.
/// For batches use [`inputs`], which holds one file in memory at a time.
pub fn read_inputs(
    paths: &[String],
    format: InputFormat,
) -> Vec<Result<RawDoc, marsad_extract::InputError>> {
    inputs(paths, format).collect()
}

/// The pages named on a command line (`-` is stdin), in order, read lazily:
/// the files are listed first (directories recursed, sorted), and each file
/// is read and split into its records (zip members, JSON lines, WARC records)
/// only when the iterator reaches it. A file that cannot be read yields one
/// error naming it, and the iteration goes on with the next.
pub fn inputs(
    paths: &[String],
    format: InputFormat,
) -> impl Iterator<Item = Result<RawDoc, marsad_extract::InputError>> {
    let sources: Vec<Option<std::path::PathBuf>> = paths
        .iter()
        .flat_map(|p| {
            if p == "-" {
                vec![None]
            } else {
                marsad_extract::list_files(std::path::Path::new(p))
                    .into_iter()
                    .map(Some)
                    .collect()
            }
        })
        .collect();
    sources.into_iter().flat_map(move |s| match s {
        None => marsad_extract::read_stdin(format),
        Some(f) => marsad_extract::read_path(&f, format),
    })
}

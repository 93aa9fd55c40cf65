//! `marsad eval events`: detection P/R/F1 and actor-code accuracy on the
//! Arabic event gold standard (see `marsad_events::gsr` for the metric), and
//! `marsad train events-filter`: the report-vs-mention filter
//! (`marsad_events::filter`) trained and cross-validated on it.

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
    /// Score with this report-vs-mention filter model instead of the
    /// bundled `assets/events/filter.json`.
    #[arg(long, value_name = "PATH", conflicts_with = "no_filter")]
    pub filter: Option<String>,
    /// Score the coder without the report-vs-mention filter.
    #[arg(long)]
    pub no_filter: bool,
    /// Also print the filter's K-fold cross-validation estimate (the whole
    /// training procedure re-run inside folds by article; a few seconds).
    #[arg(long, value_name = "K")]
    pub cv: Option<usize>,
}

/// Arguments of `marsad train events-filter`.
#[derive(Args)]
pub struct TrainFilterArgs {
    /// Directory of the Arabic event gold standard (assault_gsr.csv,
    /// protest_gsr.csv).
    #[arg(long)]
    pub gsr: String,
    /// Where to write the model (JSON).
    #[arg(long, default_value = "assets/events/filter.json")]
    pub out: String,
    /// Folds of the cross-validation (outer estimate and inner model
    /// selection).
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Train on the coder's output without the NER, values, linking and
    /// quote stages (the default runs them, as `marsad analyze` does).
    #[arg(long)]
    pub coder_only: bool,
    /// Leave out feature groups, by name prefix (`w:` the window's bag of
    /// words, `p1t:` the previous-word bigram, `m:` mentions …), for
    /// ablations.
    #[arg(long, value_name = "PREFIX", value_delimiter = ',')]
    pub exclude_features: Vec<String>,
    /// Train each family on both families' sentences, with shared and
    /// family-specific feature copies (default: each on its own; on the
    /// dev half the joint model did not score better in CV).
    #[arg(long)]
    pub joint: bool,
    /// Multiple-instance rounds (a positive sentence keeps only its
    /// best-scoring event as a positive, then the model is retrained; 0:
    /// every event of a positive sentence is a positive).
    #[arg(long, default_value_t = 0)]
    pub mi_rounds: usize,
    /// L2 strengths the inner cross-validation chooses from (default: one,
    /// 3; session 3 chose among 0.3,1,3,10,30).
    #[arg(long, value_name = "LIST", value_delimiter = ',', default_values_t = [3.0])]
    pub l2: Vec<f64>,
    /// Training targets the inner cross-validation chooses from for
    /// `difficult no` sentences (annotators split; 0: a plain negative).
    #[arg(long, value_name = "LIST", value_delimiter = ',', default_values_t = [0.0, 0.25, 0.5])]
    pub difficult_target: Vec<f64>,
    /// L2 strength of the sentence-wide bag of words (`sw:` words, `sb:`
    /// word pairs) as a multiple of the chosen L2 strength.
    #[arg(long, value_name = "X", default_value_t = marsad_events::filter::TrainOptions::default().bow_l2)]
    pub bow_l2: f64,
    /// Seed of the fold assignment (CV estimates move by about ±0.02
    /// between seeds; compare setups over several).
    #[arg(long, default_value_t = marsad_events::filter::TrainOptions::default().seed)]
    pub seed: u64,
    /// Average the models of every `--l2` strength instead of choosing one
    /// by the inner cross-validation.
    #[arg(long)]
    pub l2_average: bool,
    /// Families whose models read the sentence-level features: the
    /// sentence-wide words and word pairs and the sentence's position in
    /// its article (`none`: no family's).
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "ASSAULT"
    )]
    pub sentence_families: Vec<String>,
    /// Families whose models read the sentence's position in its article
    /// without its words (`none`: only those of --sentence-families).
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "none"
    )]
    pub position_families: Vec<String>,
    /// With --joint: the feature prefixes both families share (the rest
    /// stay family-specific, and each family gets its own intercept);
    /// default: every feature is shared.
    #[arg(long, value_name = "PREFIXES", value_delimiter = ',')]
    pub joint_shared: Vec<String>,
    /// Repeats of the inner cross-validation (own fold assignments) pooled
    /// to choose the `difficult no` target and the threshold.
    #[arg(long, default_value_t = marsad_events::filter::TrainOptions::default().inner_repeats)]
    pub inner_repeats: usize,
    /// Model selection's tie margin: among the candidates whose inner
    /// cross-validated F1 is within this of the best, the one with the
    /// softest `difficult no` target (then the strongest L2) is chosen (0:
    /// the plain best, which a near tie can flip).
    #[arg(long, default_value_t = marsad_events::filter::TrainOptions::default().tie_margin)]
    pub tie_margin: f64,
    /// Also write every labelled sentence's out-of-fold score (outer CV) as
    /// TSV: family, gold id, gold label (yes / difficult / easy), score
    /// (empty: the coder found no event), the fold's threshold — for
    /// reading the errors by cause.
    #[arg(long, value_name = "PATH")]
    pub oof: Option<String>,
    /// Families whose models read the types of the sentence's entity
    /// mentions (`m:`, `mn:`; `none`: no family's).
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "ASSAULT"
    )]
    pub mention_families: Vec<String>,
}

/// The stages after extraction, run on one sentence as a document.
struct Stages {
    ner: marsad_ner::Tagger,
    kb: marsad_kb::Kb,
    coder: marsad_events::Coder,
}

impl Stages {
    /// Codes `text` as a document; `id`, the gold sentence's id, gives the
    /// filter the sentence's position in its article (`…-12` → 11), as in
    /// training.
    fn run(
        &self,
        id: Option<&str>,
        text: &str,
        published: Option<&str>,
        coder_only: bool,
    ) -> Document {
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
        let position = id.and_then(marsad_events::filter::position_of_id);
        self.coder.annotate_at(&mut doc, &self.kb, position);
        doc
    }
}

/// The filter's training data (`marsad_events::filter::gsr_datasets`): each
/// family's labelled sentences with the events the coder finds in them, the
/// filter switched off.
fn datasets(
    stages: &mut Stages,
    dir: &Path,
    coder_only: bool,
) -> anyhow::Result<Vec<marsad_events::filter::Dataset>> {
    let saved = stages.coder.filter().cloned();
    stages.coder.set_filter(None);
    let out = {
        let st = &*stages;
        marsad_events::filter::gsr_datasets(dir, st.coder.lexicon(), &mut |text, date| {
            st.run(None, text, date, coder_only)
        })
    };
    stages.coder.set_filter(saved);
    Ok(out?)
}

fn gsr_dir(gsr: &str) -> Option<&Path> {
    let dir = Path::new(gsr);
    dir.is_dir().then_some(dir)
}

/// Runs `marsad train events-filter`: builds the datasets, cross-validates
/// the training procedure, trains on everything, writes the model and
/// prints the report (JSON).
pub fn train_filter(a: TrainFilterArgs) -> anyhow::Result<ExitCode> {
    use marsad_events::filter::{self, Filter, TrainOptions};
    let Some(dir) = gsr_dir(&a.gsr) else {
        return super::usage(format!(
            "--gsr {}: not a directory (expected ../shared/data/events/arabic-event-gsr)",
            a.gsr
        ));
    };
    if a.folds < 2 {
        return super::usage("--folds must be at least 2");
    }
    if a.difficult_target.is_empty() || a.difficult_target.iter().any(|x| !(0.0..=1.0).contains(x))
    {
        return super::usage("--difficult-target needs one or more numbers between 0 and 1");
    }
    if !a.bow_l2.is_finite() || a.bow_l2 < 0.0 {
        return super::usage("--bow-l2 needs a non-negative number");
    }
    if a.l2.is_empty() || a.l2.iter().any(|x| !x.is_finite() || *x < 0.0) {
        return super::usage("--l2 needs one or more non-negative numbers");
    }
    if !a.tie_margin.is_finite() || !(0.0..=1.0).contains(&a.tie_margin) {
        return super::usage("--tie-margin needs a number between 0 and 1 (an F1 difference)");
    }
    if a.inner_repeats == 0 {
        return super::usage(
            "--inner-repeats needs 1 or more (repeats of the inner cross-validation)",
        );
    }
    if !a.joint_shared.is_empty() && !a.joint {
        return super::usage(
            "--joint-shared needs --joint (it names what the joint model's families share)",
        );
    }
    // a misspelt family (assault) would silently train without the groups
    for (flag, list) in [
        ("--sentence-families", &a.sentence_families),
        ("--position-families", &a.position_families),
        ("--mention-families", &a.mention_families),
    ] {
        if let Some(f) = list
            .iter()
            .find(|f| !matches!(f.as_str(), "ASSAULT" | "PROTEST" | "none"))
        {
            return super::usage(format!(
                "{flag} {f}: expected ASSAULT, PROTEST or none (comma-separated)"
            ));
        }
    }
    let started = std::time::Instant::now();
    let mut stages = Stages {
        ner: marsad_ner::Tagger::bundled()?,
        kb: marsad_kb::Kb::bundled()?,
        coder: marsad_events::Coder::bundled()?,
    };
    let data = datasets(&mut stages, dir, a.coder_only)?;
    let opts = TrainOptions {
        folds: a.folds,
        exclude: a.exclude_features.clone(),
        joint: a.joint,
        mi_rounds: a.mi_rounds,
        l2_grid: a.l2.clone(),
        difficult_grid: a.difficult_target.clone(),
        bow_l2: a.bow_l2,
        seed: a.seed,
        l2_average: a.l2_average,
        sentence_families: a.sentence_families.clone(),
        position_families: a.position_families.clone(),
        joint_shared: a.joint_shared.clone(),
        inner_repeats: a.inner_repeats,
        tie_margin: a.tie_margin,
        mention_families: a.mention_families.clone(),
        ..TrainOptions::default()
    };
    let mut families = Vec::new();
    let mut reports = Vec::new();
    let mut oof = String::new();
    for d in &data {
        let (Some(cv), Some((model, in_sample))) = (
            filter::cross_validate(&data, &d.family, &opts),
            filter::fit(&data, &d.family, &opts),
        ) else {
            continue;
        };
        for (i, (score, thr)) in cv.out_of_fold.iter().enumerate() {
            let label = match (d.label.get(i), d.difficult.get(i)) {
                (Some(true), _) => "yes",
                (_, Some(true)) => "difficult",
                _ => "easy",
            };
            let id = d.ids.get(i).map_or("", String::as_str);
            let score = score.map(|x| format!("{x:.6}")).unwrap_or_default();
            oof.push_str(&format!("{}\t{id}\t{label}\t{score}\t{thr:.6}\n", d.family));
        }
        reports.push(serde_json::json!({
            "family": d.family,
            "instances": d.instances.len(),
            "cv_estimate": cv,
            "in_sample_not_an_estimate": in_sample,
            "shipped": {"l2": model.l2, "difficult_target": model.difficult_target, "threshold": model.threshold, "features": model.weights().len()},
        }));
        families.push(model);
    }
    let mut command = format!(
        "marsad train events-filter --gsr {} --out {} --folds {}",
        a.gsr, a.out, a.folds
    );
    if a.coder_only {
        command.push_str(" --coder-only");
    }
    if a.joint {
        command.push_str(" --joint");
    }
    if !a.joint_shared.is_empty() {
        command.push_str(&format!(" --joint-shared {}", a.joint_shared.join(",")));
    }
    if a.mi_rounds > 0 {
        command.push_str(&format!(" --mi-rounds {}", a.mi_rounds));
    }
    if a.difficult_target != TrainOptions::default().difficult_grid {
        let d: Vec<String> = a.difficult_target.iter().map(f64::to_string).collect();
        command.push_str(&format!(" --difficult-target {}", d.join(",")));
    }
    if a.l2 != TrainOptions::default().l2_grid {
        let l2: Vec<String> = a.l2.iter().map(f64::to_string).collect();
        command.push_str(&format!(" --l2 {}", l2.join(",")));
    }
    if a.bow_l2 != TrainOptions::default().bow_l2 {
        command.push_str(&format!(" --bow-l2 {}", a.bow_l2));
    }
    if a.l2_average {
        command.push_str(" --l2-average");
    }
    if a.sentence_families != TrainOptions::default().sentence_families {
        command.push_str(&format!(
            " --sentence-families {}",
            a.sentence_families.join(",")
        ));
    }
    if a.position_families.iter().any(|f| f != "none") {
        command.push_str(&format!(
            " --position-families {}",
            a.position_families.join(",")
        ));
    }
    if a.inner_repeats != TrainOptions::default().inner_repeats {
        command.push_str(&format!(" --inner-repeats {}", a.inner_repeats));
    }
    if a.tie_margin != TrainOptions::default().tie_margin {
        command.push_str(&format!(" --tie-margin {}", a.tie_margin));
    }
    if a.mention_families != TrainOptions::default().mention_families {
        command.push_str(&format!(
            " --mention-families {}",
            a.mention_families.join(",")
        ));
    }
    if a.seed != TrainOptions::default().seed {
        command.push_str(&format!(" --seed {}", a.seed));
    }
    if !a.exclude_features.is_empty() {
        command.push_str(&format!(
            " --exclude-features {}",
            a.exclude_features.join(",")
        ));
    }
    let report = serde_json::json!({
        "pipeline": if a.coder_only { "coder-only" } else { "full" },
        "options": opts,
        "families": reports,
    });
    let model = Filter {
        format: filter::FORMAT.into(),
        command,
        families,
        report: report.clone(),
    };
    let mut text = serde_json::to_string(&model)?;
    text.push('\n');
    std::fs::write(&a.out, text)
        .map_err(|e| anyhow::anyhow!("{}: cannot write the model: {e}", a.out))?;
    if let Some(path) = &a.oof {
        std::fs::write(path, oof).map_err(|e| {
            anyhow::anyhow!("{path}: cannot write the out-of-fold scores (--oof): {e}")
        })?;
    }
    let mut v = report;
    if let Some(o) = v.as_object_mut() {
        o.insert("out".into(), a.out.clone().into());
        o.insert(
            "seconds".into(),
            serde_json::json!((started.elapsed().as_secs_f64() * 100.0).round() / 100.0),
        );
    }
    println!("{}", serde_json::to_string_pretty(&v)?);
    Ok(super::EXIT_OK)
}

/// Per-stage seconds over a corpus: (stage, seconds), articles.
fn time_corpus(stages: &Stages, path: &str, limit: usize) -> (Vec<(&'static str, f64)>, usize) {
    use std::time::Instant;
    let mut t = [0f64; 7];
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
        stages.coder.code(&mut doc, &stages.kb);
        let f = Instant::now();
        stages.coder.score(&mut doc, None);
        t[6] += f.elapsed().as_secs_f64();
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
        // part of "events": the report-vs-mention filter alone
        "events_filter",
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
    let mut stages = Stages {
        ner: marsad_ner::Tagger::bundled()?,
        kb: marsad_kb::Kb::bundled()?,
        coder: marsad_events::Coder::bundled()?,
    };
    stages.coder.drop_mentions(true);
    if a.no_filter {
        stages.coder.set_filter(None);
    } else if let Some(p) = &a.filter {
        stages
            .coder
            .set_filter(Some(marsad_events::filter::Filter::load(Path::new(p))?));
    }
    let filter_name = if a.no_filter {
        "none".to_string()
    } else {
        a.filter
            .clone()
            .unwrap_or_else(|| "assets/events/filter.json (bundled)".into())
    };
    let cv = match a.cv {
        Some(k) if k < 2 => return super::usage("--cv must be at least 2"),
        Some(k) => {
            let opts = marsad_events::filter::TrainOptions {
                folds: k,
                ..Default::default()
            };
            let data = datasets(&mut stages, dir, a.coder_only)?;
            Some(
                data.iter()
                    .filter_map(|d| marsad_events::filter::cross_validate(&data, &d.family, &opts))
                    .collect::<Vec<_>>(),
            )
        }
        None => None,
    };
    let started = std::time::Instant::now();
    let mut docs = 0usize;
    let mut scores = marsad_events::gsr::evaluate_by_id(dir, a.errors, &mut |id, text, date| {
        docs += 1;
        stages.run(Some(id), text, date, a.coder_only)
    })?;
    // Actor codes measure argument coding on the gold events of the span
    // records: they are scored with every coded event kept (as with
    // `Coder::drop_mentions(false)`), so that the filter's detection errors are counted
    // once, in detection; the accuracy with mentions dropped is reported
    // beside it.
    let mut filtered_actor_accuracy = None;
    if stages.coder.filter().is_some() {
        stages.coder.drop_mentions(false);
        let all = marsad_events::gsr::evaluate_by_id(dir, a.errors, &mut |id, text, date| {
            stages.run(Some(id), text, date, a.coder_only)
        })?;
        stages.coder.drop_mentions(true);
        filtered_actor_accuracy = Some(scores.actor_code_accuracy);
        scores.actor_code_accuracy = all.actor_code_accuracy;
        for (kind, ts) in scores.types.iter_mut() {
            if let Some(x) = all.types.get(kind) {
                ts.source_code = x.source_code.clone();
                ts.target_code = x.target_code.clone();
            }
        }
        scores.errors.retain(|e| e.what == "fp" || e.what == "fn");
        scores.errors.extend(
            all.errors
                .into_iter()
                .filter(|e| e.what != "fp" && e.what != "fn"),
        );
    }
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
        o.insert("filter".into(), filter_name.into());
        if let Some(x) = filtered_actor_accuracy {
            o.insert("actor_code_accuracy_with_mentions_dropped".into(), x.into());
        }
        if !a.no_filter && a.filter.is_none() {
            o.insert(
                "filter_note".into(),
                "the bundled filter was trained on this dev half: detection scores here are \
                 in-sample, not an estimate; `--cv K` prints the cross-validation estimate"
                    .into(),
            );
        }
        if let Some(cv) = &cv {
            o.insert("filter_cv_estimate".into(), serde_json::to_value(cv)?);
        }
    }
    if let Some(path) = &a.timing {
        let (secs, n) = time_corpus(&stages, path, a.timing_limit);
        let total: f64 = secs
            .iter()
            .filter(|x| x.0 != "events_filter")
            .map(|x| x.1)
            .sum();
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

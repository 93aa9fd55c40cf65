//! The report-vs-mention filter: cross-validated F1 floors on the gold
//! standard's dev half, robustness on odd input, the bundled model file.

use marsad_core::{Actor, Event, Modality, Span};
use marsad_events::filter::{self, Filter, TrainOptions};
use marsad_events::testing::{code_with, gsr_dir, sentence_doc as doc, shared_present};
use marsad_events::Coder;

/// Floors a little under the 5-fold CV F1 measured with the coder alone
/// (earlier layers empty) and two-value grids for the L2 strength and the
/// `difficult no` target (to keep the test to seconds): the whole training
/// procedure (model selection included) runs inside folds by article, so
/// these are estimates, not in-sample scores. Measured 2026-11-24: session 2
/// (06:55 UTC) ASSAULT F1 0.609 (recall 0.684), PROTEST 0.457; session 3
/// (09:41 UTC, new triggers and features, `difficult no` marked) ASSAULT
/// F1 0.591 (recall 0.619), PROTEST 0.504 — the ASSAULT number moves by
/// ±0.02 with each coder change, so its floors stayed where they were;
/// session 4 (13:32 UTC, the shipped setup: sentence-wide words and pairs
/// and the sentence's position for ASSAULT, one L2 strength of 3) ASSAULT
/// F1 0.632 (recall 0.658), PROTEST 0.473; session 5 (16:06 UTC, the
/// siege and protest-adjective triggers, the arguments engineer's final
/// triggers) ASSAULT F1 0.642 (recall 0.665), PROTEST 0.520; session 7
/// (22:10 UTC, model selection pooled over three inner splits with near
/// ties to the softer target: on this one fold seed PROTEST lost 0.02–0.03,
/// within the ±0.03 between seeds, while the mean over four seeds of the
/// full pipeline rose) ASSAULT F1 0.644 (recall 0.665), PROTEST 0.481;
/// session 8 (2026-11-25 00:44 UTC, after the arguments engineer's
/// session-8 rules changed sources and targets, hence the `src:` / `tgt:`
/// features; this test has no mentions, so the session-8 filter change —
/// PROTEST without the mention types — does not reach it) ASSAULT F1
/// 0.642 (recall 0.658), PROTEST 0.476. The PROTEST floor had sat on its
/// measure (0.48 under 0.481, a tripwire that the argument rules tripped
/// within the fold noise); it is now 0.46, 0.016 under the measure (the
/// lead's review: lowered only as far as a margin needs).
#[test]
fn cv_f1_floors_coder_alone() {
    let dir = gsr_dir();
    if !shared_present(&dir) {
        return;
    }
    let mut coder = Coder::bundled().expect("bundled assets load");
    coder.set_filter(None);
    let kb = marsad_kb::Kb::default();
    let data = filter::gsr_datasets(&dir, coder.lexicon(), &mut |text, date| {
        code_with(&coder, &kb, text, date)
    })
    .expect("gold standard readable");
    let opts = TrainOptions {
        l2_grid: vec![3.0],
        difficult_grid: vec![0.0, 0.5],
        ..TrainOptions::default()
    };
    let a = filter::cross_validate(&data, "ASSAULT", &opts).expect("ASSAULT data");
    let p = filter::cross_validate(&data, "PROTEST", &opts).expect("PROTEST data");
    eprintln!("ASSAULT {:?}\nPROTEST {:?}", a.pooled, p.pooled);
    // the filter must beat the unfiltered coder by a wide margin
    assert!(a.unfiltered.f1 < 0.30, "{:?}", a.unfiltered);
    assert!(a.pooled.f1 >= 0.62, "ASSAULT CV F1 {:?}", a.pooled);
    assert!(a.pooled.recall >= 0.64, "ASSAULT CV recall {:?}", a.pooled);
    assert!(p.pooled.f1 >= 0.46, "PROTEST CV F1 {:?}", p.pooled);
    // and it is deterministic
    let again = filter::cross_validate(&data, "PROTEST", &opts).expect("PROTEST data");
    assert_eq!(again.pooled, p.pooled);
}

#[test]
fn bundled_model_loads_with_both_families() {
    let coder = Coder::bundled().expect("bundled assets load");
    let f = coder.filter().expect("the bundled coder has a filter");
    assert_eq!(f.format, filter::FORMAT);
    for fam in ["ASSAULT", "PROTEST"] {
        let m = f.model(fam).expect("a model per family");
        assert!(
            m.threshold > 0.0 && m.threshold < 1.0,
            "{fam} {}",
            m.threshold
        );
        assert!(
            m.weights().len() > 100,
            "{fam}: {} weights",
            m.weights().len()
        );
    }
    assert!(f.command.contains("marsad train events-filter"));
}

#[test]
fn model_file_errors_name_the_file() {
    let dir = std::env::temp_dir().join(format!("marsad-filter-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join("filter.json");
    std::fs::write(
        &p,
        "{\"format\": \"marsad-events-filter/1\", \"families\": 3}",
    )
    .expect("write");
    let e = Filter::load(&p).expect_err("bad file").to_string();
    assert!(e.contains(&p.display().to_string()), "{e}");
    std::fs::write(
        &p,
        r#"{"format":"marsad-events-filter/1","families":[{"family":"ASSAULT","bias":0,"threshold":7,"l2":1,"weights":{}}]}"#,
    )
    .expect("write");
    let e = Filter::load(&p)
        .expect_err("threshold out of range")
        .to_string();
    assert!(e.contains("filter.json") && e.contains("threshold"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn never_panics_on_empty_or_odd_sentences() {
    let mut coder = Coder::bundled().expect("bundled assets load");
    coder.drop_mentions(true);
    let kb = marsad_kb::Kb::default();
    for text in [
        "",
        " ",
        "هجوم",
        "،،، هجوم ؟!",
        "قتل",
        "\u{200f}\u{200e}هجوم\u{0640}\u{0640} 5",
        "مظاهرة مظاهرة مظاهرة مظاهرة مظاهرة مظاهرة مظاهرة",
        "وقتل 12 شخصا في هجوم انتحاري استهدف سوقا في بغداد امس.",
        "Protesters 😀 تظاهر",
    ] {
        let mut d = doc(text, Some("2008-01-01"));
        coder.annotate(&mut d, &kb);
        for e in &d.events {
            if let Some(c) = e.confidence {
                assert!((0.0..=1.0).contains(&c), "{text:?}: {c}");
            }
        }
        assert!(d.validate().is_ok(), "{text:?}");
    }
    // events whose spans point outside the text, or into the middle of a
    // word, are scored without panicking
    let f = coder.filter().expect("filter").clone();
    let mut d = doc("هجوم في بغداد", None);
    let ev = |span: Span, trigger: Span| Event {
        span,
        trigger,
        cameo: "190".into(),
        plover: None,
        quad_class: 4,
        goldstein: -10.0,
        source: Actor::default(),
        target: None,
        location: None,
        date: None,
        fatalities: None,
        modality: Modality::Asserted,
        quote: None,
        injured: None,
        date_basis: None,
        sentences: vec![],
        triggers: vec![],
        confidence: None,
    };
    d.events = vec![
        ev(Span::new(0, 500), Span::new(0, 4)),
        ev(Span::new(0, 13), Span::new(2, 3)),
        ev(Span::new(0, 13), Span::new(20, 30)),
        ev(Span::new(0, 0), Span::new(0, 0)),
    ];
    f.apply(coder.lexicon(), &mut d, true);
    assert_eq!(d.events.len(), 4);
    assert!(d.events.iter().all(|e| e.confidence.is_some()));
}

#[test]
fn a_report_outscores_a_mention() {
    let kb = marsad_kb::Kb::default();
    let conf = |text: &str| {
        let c = Coder::bundled().expect("bundled assets load");
        code_with(&c, &kb, text, Some("2008-05-01"))
            .events
            .iter()
            .filter(|e| filter::family(&e.cameo) == Some("ASSAULT"))
            .filter_map(|e| e.confidence)
            .fold(0.0f64, f64::max)
    };
    let report = conf("وقتل مسلحون خمسة اشخاص في هجوم على نقطة تفتيش في الموصل امس.");
    let mention = conf("وتحدث الكاتب في مقاله عن ذكرى الاغتيال وعن مسلسل الاغتيالات.");
    assert!(report > mention, "report {report} mention {mention}");
}

/// The sentence's place in its article is a feature: read from the
/// document's sentences in `analyze`, and from the gold id's sentence
/// number in training (`AAW_…-1` is the lead).
#[test]
fn sentence_position_is_read_from_the_article_or_the_gold_id() {
    let mut coder = Coder::bundled().expect("bundled assets load");
    coder.set_filter(None);
    let kb = marsad_kb::Kb::default();
    let text = "قال المتحدث ان الوضع هادئ. واضاف ان الاجتماع انتهى. وقتل مسلحون خمسة اشخاص في هجوم على نقطة تفتيش في الموصل امس.";
    let d = code_with(&coder, &kb, text, Some("2008-05-01"));
    assert!(d.sentences.len() >= 3, "{:?}", d.sentences);
    let ev = d
        .events
        .iter()
        .find(|e| filter::family(&e.cameo) == Some("ASSAULT"))
        .expect("an ASSAULT event in the third sentence");
    let (sent, trig) = filter::occurrences(&d, ev)[0];
    let f = filter::features_at(coder.lexicon(), &d, ev, sent, trig);
    assert!(f.iter().any(|x| x == "spos:2"), "{f:?}");
    // a one-sentence document from the gold standard takes the id's number
    let one = code_with(
        &coder,
        &kb,
        "وقتل مسلحون خمسة اشخاص في هجوم على نقطة تفتيش.",
        None,
    );
    let mut data = filter::Dataset::new("ASSAULT");
    data.add(coder.lexicon(), "AAW_ARB_20080913.0007-1", true, &one);
    data.add(coder.lexicon(), "AAW_ARB_20080913.0008-12", true, &one);
    assert!(data.instances[0].feats.iter().any(|x| x == "spos:0"));
    let last = data.instances.last().expect("instances");
    assert!(
        last.feats.iter().any(|x| x == "spos:10"),
        "{:?}",
        last.feats
    );
}

/// Scoring reads the same features as training: a gold sentence coded as
/// its own document with its article position (`…-12` → 11, what `marsad
/// eval events` passes) scores exactly what its training instance's
/// features give, and differently from the lead position; the sentence-wide
/// words, summed once per sentence, change nothing.
#[test]
fn scoring_a_gold_sentence_reads_its_article_position() {
    let coder = Coder::bundled().expect("bundled assets load");
    let kb = marsad_kb::Kb::default();
    let f = coder.filter().expect("filter").clone();
    let m = f.model("ASSAULT").expect("ASSAULT model");
    assert!(m.uses_sentence_words());
    assert!(!f.model("PROTEST").expect("PROTEST").uses_sentence_words());
    let text = "وقتل مسلحون خمسة اشخاص في هجوم على نقطة تفتيش في الموصل امس.";
    let mut plain = Coder::bundled().expect("bundled assets load");
    plain.set_filter(None);
    let unscored = code_with(&plain, &kb, text, Some("2008-05-01"));
    let mut data = filter::Dataset::new("ASSAULT");
    data.add(coder.lexicon(), "AAW_ARB_20080501.0007-12", true, &unscored);
    assert!(!data.instances.is_empty());
    assert!(data.instances[0].feats.iter().any(|x| x == "spos:10"));
    let trained = data
        .instances
        .iter()
        .map(|i| m.probability(&i.feats))
        .fold(0.0f64, f64::max);
    let conf_at = |position: Option<usize>| {
        let mut d = doc(text, Some("2008-05-01"));
        coder.annotate_at(&mut d, &kb, position);
        d.events
            .iter()
            .filter(|e| filter::family(&e.cameo) == Some("ASSAULT"))
            .filter_map(|e| e.confidence)
            .fold(0.0f64, f64::max)
    };
    let at11 = conf_at(Some(11));
    assert!((at11 - trained).abs() < 1e-5, "{at11} vs {trained}");
    assert!((conf_at(None) - at11).abs() > 1e-4, "position unread");
}

//! Unit tests on constructed sentences and on the seed page's body.

use super::*;
use marsad_core::{Document, Source};

fn doc(text: &str) -> Document {
    let mut d = Document::new("t", Source::default(), text);
    d.paragraphs = marsad_arabic::paragraphs(text);
    d.sentences = marsad_arabic::sentences(text);
    d
}

fn quotes(text: &str) -> Vec<Quote> {
    let mut d = doc(text);
    annotate(&mut d);
    d.validate().expect("spans valid");
    d.quotes
}

/// The seed page's body: examples/seed.txt without the page chrome (the
/// lines before the first body paragraph and the related links after it).
fn seed_body() -> String {
    let raw = include_str!("../../../examples/seed.txt");
    let start = raw.rfind("حصل الرئيس الفرنسي").unwrap_or(0);
    let end = raw[start..]
        .find("شارك هذا المقال")
        .map(|e| start + e)
        .unwrap_or(raw.len());
    raw[start..end].trim().to_string()
}

#[test]
fn seed_quotes() {
    let body = seed_body();
    let qs = quotes(&body);
    let find = |s: &str| qs.iter().find(|q| q.text.starts_with(s));
    let putin = find("ينبغي عليكم").expect("Putin's quote");
    assert_eq!(putin.kind, QuoteKind::Direct);
    assert_eq!(putin.speaker.text, "بوتين");
    assert!(putin.text.ends_with("حلفاء"), "{}", putin.text);
    let taylor = find("لن يكون الروس").expect("Taylor's quote");
    assert_eq!(taylor.kind, QuoteKind::Direct);
    assert_eq!(taylor.speaker.text, "وليم تايلور");
    let experts = find("ائتلافا كبيرا").expect("the experts' indirect quote");
    assert_eq!(experts.kind, QuoteKind::Indirect);
    assert_eq!(experts.speaker.text, "الخبراء");
    for q in &qs {
        assert!(
            q.text != "مستبدا" && q.text != "الاستراتيجية",
            "scare quote {q:?}"
        );
    }
}

#[test]
fn cue_after_and_pronoun() {
    let t = "وقال وزير الخارجية الأميركي جون كيري في مؤتمر صحفي أمس إن الحل سياسي. \
             وأضاف أن الحرب لن تنتهي قريبا. \"لا نريد أن نرى مزيدا من الدماء\"، قال المتحدث باسم الوزارة.";
    let qs = quotes(t);
    assert_eq!(qs.len(), 3, "{qs:#?}");
    assert_eq!(qs[0].kind, QuoteKind::Indirect);
    assert_eq!(qs[0].speaker.text, "وزير الخارجية الأميركي جون كيري");
    assert_eq!(qs[0].text, "الحل سياسي");
    assert_eq!(qs[1].speaker.text, "وزير الخارجية الأميركي جون كيري");
    assert_eq!(qs[2].kind, QuoteKind::Direct);
    assert_eq!(qs[2].speaker.text, "المتحدث باسم الوزارة");
}

#[test]
fn participle_and_partial_quote() {
    let t = "كما أكد رئيس الوزراء البريطاني أن المجتمع البريطاني \"مجتمع ديمقراطي متعدد الأعراق والأديان\"، مضيفا أن \"هذا المجتمع يحتوي جميع مواطنيه\".";
    let qs = quotes(t);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert!(qs.iter().all(|q| q.kind == QuoteKind::Direct), "{qs:#?}");
    assert!(qs
        .iter()
        .all(|q| q.speaker.text == "رئيس الوزراء البريطاني"));
}

#[test]
fn names_in_quotes_are_not_speech() {
    let t = "وأطلقت الوزارة حملة \"وطن بلا مخالف\" أمس، وقال المدير لـ\"الرياض\" إن الحملة ناجحة.";
    let qs = quotes(t);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].kind, QuoteKind::Indirect);
    assert_eq!(qs[0].speaker.text, "المدير");
}

#[test]
fn links_speaker_to_entity() {
    let t = "ويقول بوتين:\n“ينبغي عليكم أن تجروا اتصالا مباشرا مع الفرنسيين”";
    let mut d = doc(t);
    let s = t.chars().position(|c| c == 'ب').unwrap_or(0);
    d.mentions.push(marsad_core::Mention {
        span: Span::new(s, s + 5),
        text: "بوتين".into(),
        kind: EntityType::PER,
        entity: Some("e1".into()),
        confidence: 1.0,
    });
    annotate(&mut d);
    assert_eq!(d.quotes.len(), 1);
    assert_eq!(d.quotes[0].speaker.entity.as_deref(), Some("e1"));
}

#[test]
fn bad_input_never_panics() {
    let long = "قال \"".to_string() + &"كلمة ".repeat(20_000);
    for t in [
        "",
        "\"",
        "«»",
        "“",
        "قال",
        "قال:",
        "وقال إن",
        "\"\"\"\"\"",
        "«قال «أكد» إن»",
        "”عكس“ قال الرجل",
        long.as_str(),
        "وقال بوتين: «لا\n\nنعم» وأضاف أن",
    ] {
        let _ = quotes(t);
    }
}

//! What the layers promise, on small real-style inputs: partial values
//! without an anchor, nothing invented, impossible dates and absurd numbers
//! left unresolved, every regional month name, stand-off spans.

use marsad_core::testing::shared_present;
use marsad_core::{Document, Source, TimeKind};
use marsad_values::{analyze, annotate, parse_anchor};
use proptest::prelude::*;

fn t(text: &str, anchor: Option<&str>) -> Vec<(String, Option<String>)> {
    analyze(text, anchor.and_then(parse_anchor))
        .0
        .into_iter()
        .map(|x| (x.text, x.value))
        .collect()
}

#[test]
fn no_anchor_means_partial_or_null() {
    let got = t(
        "وصل في 26 تشرين الثاني/نوفمبر، ثم التقى الثلاثاء الماضي أمس",
        None,
    );
    assert_eq!(
        got[0],
        ("26 تشرين الثاني/نوفمبر".into(), Some("XXXX-11-26".into()))
    );
    assert_eq!(got[1].1, None, "a relative weekday needs the anchor");
    assert_eq!(got[2], ("أمس".into(), None));
    let d = analyze("التقى أمس", None).0;
    assert!(!d[0].anchored);
    let d = analyze("التقى أمس", parse_anchor("2015-11-26T10:00:00+03:00")).0;
    assert!(d[0].anchored);
    assert_eq!(d[0].value.as_deref(), Some("2015-11-25"));
}

#[test]
fn impossible_dates_and_absurd_numbers_stay_null() {
    let got = t("في 31 شباط 2015 وفي 30 فبراير", Some("2015-07-21"));
    assert_eq!(got[0].1, None);
    assert_eq!(got[1].1, None);
    let q = analyze("بلغ 99999999999999999999 ريال", None).1;
    assert_eq!(q[0].value, None);
    let q = analyze("اتصل على 0501234567", None).1;
    assert_eq!(q[0].value, None);
}

#[test]
fn every_regional_month_name() {
    let names = [
        ("كانون الثاني", 1),
        ("يناير", 1),
        ("جانفي", 1),
        ("شباط", 2),
        ("فيفري", 2),
        ("آذار", 3),
        ("نيسان", 4),
        ("أفريل", 4),
        ("أيار", 5),
        ("ماي", 5),
        ("حزيران", 6),
        ("جوان", 6),
        ("تموز", 7),
        ("جويلية", 7),
        ("يوليوز", 7),
        ("آب", 8),
        ("أوت", 8),
        ("غشت", 8),
        ("أيلول", 9),
        ("شتنبر", 9),
        ("تشرين الأول", 10),
        ("تشرين الثاني", 11),
        ("نونبر", 11),
        ("كانون الأول", 12),
        ("دجنبر", 12),
    ];
    for (name, m) in names {
        let got = t(&format!("في 5 {name} 2014 وقع"), None);
        assert_eq!(got.len(), 1, "{name}");
        assert_eq!(
            got[0].1.as_deref(),
            Some(format!("2014-{m:02}-05").as_str()),
            "{name}"
        );
    }
}

#[test]
fn hijri_dates_keep_both_calendars() {
    let (ts, _) = analyze("في 5 شوال 1436 هـ", None);
    assert_eq!(ts[0].value.as_deref(), Some("2015-07-21"));
    assert_eq!(ts[0].hijri.as_deref(), Some("1436-10-05"));
    let (ts, _) = analyze("في 30 رمضان 1436هـ", None);
    assert_eq!(ts[0].value, None, "Ramadan 1436 had 29 days");
}

#[test]
fn numbers_in_time_expressions_are_not_quantities() {
    let (ts, qs) = analyze("قتل 12 جنديا في 26 نوفمبر 2015 خلال ثلاثة أيام", None);
    assert_eq!(ts.len(), 2);
    assert_eq!(qs.len(), 1);
    assert_eq!(qs[0].unit.as_deref(), Some("جندي"));
    assert_eq!(ts[1].kind, TimeKind::Duration);
}

fn check_doc(text: &str) {
    let mut doc = Document::new("t", Source::default(), text);
    doc.published = Some("2015-07-21".into());
    annotate(&mut doc);
    doc.validate().expect("spans point at their text");
}

#[test]
fn spans_survive_tashkeel_tatweel_and_presentation_forms() {
    check_doc("قُتِلَ ١٢ جُنْدِيّاً فِي ٢٦ تِشْرِين الثَّانِي، وبلغت الـــخسائر ١٬٥٠٠ ﻣﻠﻴﻮﻥ ريال");
    let (_, qs) = analyze("قُتِلَ ١٢ جُنْدِيّاً", None);
    assert_eq!(qs[0].value, Some(12.0));
    assert_eq!(qs[0].text, "١٢ جُنْدِيّاً");
}

const ALPHABET: &[&str] = &[
    "في",
    "من",
    " ",
    " ",
    "،",
    "/",
    "(",
    ")",
    "-",
    "هـ",
    "عام",
    "نحو",
    "بين",
    "و",
    "ألف",
    "مليون",
    "ثلاثة",
    "عشر",
    "اثنتي",
    "عشرة",
    "الساعة",
    "السادسة",
    "صباحا",
    "أمس",
    "الأول",
    "الماضي",
    "نوفمبر",
    "تشرين",
    "الثاني",
    "رمضان",
    "شوال",
    "1436",
    "2015",
    "31",
    "0",
    "9",
    "٣",
    "٬",
    ".",
    ":",
    "%",
    "قتيلا",
    "عشرات",
    "الآلاف",
    "منذ",
    "قبل",
    "بعد",
    "يومين",
    "أقل",
    "أكثر",
    "منتصف",
    "الشهر",
    "الجاري",
    "الثلاثاء",
    "يوم",
    "غد",
    "\u{640}",
    "\u{64b}",
    "\u{fefb}",
    "x",
    "\n",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn never_panics_and_spans_stay_valid(parts in proptest::collection::vec(0..ALPHABET.len(), 0..40)) {
        let text: String = parts.iter().map(|&k| ALPHABET[k]).collect();
        check_doc(&text);
        let _ = analyze(&text, None);
    }

    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC{0,80}") {
        check_doc(&s);
    }
}

/// A whole day of real articles (2,972 of them): no panic, every span valid.
/// Skipped when ../shared is not beside the repository (fails under CI).
#[test]
fn a_corpus_day_keeps_every_span_valid() {
    use std::io::Read;
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/corpus/saudinewsnet/2015-07-21.zip"
    );
    if !shared_present(std::path::Path::new(path)) {
        return;
    }
    let file = std::fs::File::open(path).expect("the corpus file opens");
    let mut zip = zip::ZipArchive::new(file).expect("the corpus file is a zip");
    let mut json = String::new();
    zip.by_index(0)
        .expect("one member")
        .read_to_string(&mut json)
        .expect("UTF-8 JSON");
    let arts: Vec<serde_json::Value> = serde_json::from_str(&json).expect("a JSON array");
    let mut n = 0;
    for a in &arts {
        let text = a["content"].as_str().unwrap_or("");
        let mut doc = Document::new("d", Source::default(), text);
        doc.published = a["date_extracted"].as_str().map(str::to_string);
        annotate(&mut doc);
        doc.validate().expect("spans point at their text");
        n += doc.times.len() + doc.quantities.len();
    }
    assert!(n > 10_000, "{n} expressions in a day of news");
}

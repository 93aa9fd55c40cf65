//! The real Arabic (and Persian, Dari, Urdu, French, English) pages of
//! ../shared/data/extract/arabic-pages against the ground truth their source
//! projects ship: titles, bylines, dates and bodies. Bodies are compared with
//! the benchmark's shingle recall (how much of the expected body we output)
//! and precision (how much of our output is expected), each with a floor
//! set a little under what the extractor measures today.

use marsad_extract::score::counts;
use marsad_extract::{extract, PageFormat, RawDoc};
use serde_json::Value;
use std::path::PathBuf;

fn base() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/extract/arabic-pages")
}

fn page(file: &str) -> marsad_core::Document {
    let path = base().join("pages").join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let source = marsad_core::Source {
        path: Some(file.into()),
        format: "html".into(),
        ..Default::default()
    };
    extract(&RawDoc::new(bytes, PageFormat::Html, source)).unwrap()
}

fn gt_json(file: &str) -> Value {
    serde_json::from_slice(&std::fs::read(base().join("groundtruth").join(file)).unwrap()).unwrap()
}

/// (precision, recall) of `ours` against `truth` by 4-token shingles.
fn pr(truth: &str, ours: &str) -> (f64, f64) {
    let (tp, fp, fnn) = counts(truth, ours);
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fnn > 0.0 { tp / (tp + fnn) } else { 0.0 };
    (p, r)
}

/// Share of the words of `a` found in `b`.
fn word_overlap(a: &str, b: &str) -> f64 {
    let aw = marsad_extract::score::tokens(a);
    let bw: std::collections::HashSet<&str> =
        marsad_extract::score::tokens(b).into_iter().collect();
    aw.iter().filter(|w| bw.contains(*w)).count() as f64 / aw.len().max(1) as f64
}

fn strip_tags(html: &str) -> String {
    let d = dom_query::Document::from(html);
    d.select("p, h1, h2, h3, li, blockquote")
        .iter()
        .map(|n| n.text().to_string())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn cnn_arabic_title_body_and_dateline() {
    let d = page("arabic.cnn.com_1.html");
    let meta = gt_json("arabic.cnn.com_1.newspaper4k_metadata.json");
    assert_eq!(d.title.as_deref(), meta["title"].as_str());
    let expected =
        std::fs::read_to_string(base().join("groundtruth/arabic.cnn.com_1.expected_text.txt"))
            .unwrap();
    let (p, r) = pr(&expected, &d.text);
    assert!(r >= 0.95 && p >= 0.8, "cnn body p={p:.3} r={r:.3}");
    assert!(
        d.text.starts_with("دمشق، سوريا (CNN)"),
        "{}",
        &d.text[..200]
    );
    // the dateline was cut from the body and read as the date
    assert_eq!(d.published.as_deref(), Some("2013-08-28"));
    assert_eq!(d.language.as_deref(), Some("ar"));
    assert!(d.text.contains("\n\n"));
}

#[test]
fn bbc_arabic_matches_readability_output() {
    let d = page("www.bbc.com_arabic_1.html");
    let meta = gt_json("www.bbc.com_arabic_1.readability_expected-metadata.json");
    let title = meta["title"].as_str().unwrap();
    assert!(
        word_overlap(title, d.title.as_deref().unwrap()) >= 0.85,
        "{:?}",
        d.title
    );
    let by = d.byline.join(" ");
    assert!(by.contains("كايلا إبستين") && by.contains("كاساس"), "{by}");
    assert!(d.published.as_deref().unwrap().starts_with("2024-03-03"));
    assert_eq!(d.site.as_deref(), meta["siteName"].as_str());
    let html = std::fs::read_to_string(
        base().join("groundtruth/www.bbc.com_arabic_1.readability_expected.html"),
    )
    .unwrap();
    let (p, r) = pr(&strip_tags(&html), &d.text);
    assert!(r >= 0.85 && p >= 0.85, "bbc body p={p:.3} r={r:.3}");
}

fn fundus_body(v: &Value) -> String {
    let mut out = Vec::new();
    for s in v["body"]["summary"].as_array().into_iter().flatten() {
        out.push(s.as_str().unwrap_or("").to_string());
    }
    for sec in v["body"]["sections"].as_array().into_iter().flatten() {
        for k in ["headline", "paragraphs"] {
            for p in sec[k].as_array().into_iter().flatten() {
                out.push(p.as_str().unwrap_or("").to_string());
            }
        }
    }
    out.join("\n\n")
}

/// Checks a page against the fundus entry whose title it matches.
fn check_fundus(file: &str, gt: &str, min_p: f64, min_r: f64) {
    let d = page(file);
    let all = gt_json(gt);
    let title = d.title.clone().unwrap_or_default();
    let (_, v) = all
        .as_object()
        .unwrap()
        .iter()
        .max_by(|a, b| {
            let x = word_overlap(a.1["title"].as_str().unwrap_or(""), &title);
            let y = word_overlap(b.1["title"].as_str().unwrap_or(""), &title);
            x.total_cmp(&y)
        })
        .unwrap();
    let t = v["title"].as_str().unwrap();
    assert!(
        word_overlap(t, &title) >= 0.7,
        "{file}: title {title:?} vs {t:?}"
    );
    let date = v["publishing_date"].as_str().unwrap_or("");
    if date.len() >= 10 {
        assert_eq!(
            d.published.as_deref().map(|p| &p[..10]),
            Some(&date[..10]),
            "{file}"
        );
    }
    let (p, r) = pr(&fundus_body(v), &d.text);
    assert!(p >= min_p && r >= min_r, "{file}: body p={p:.3} r={r:.3}");
}

#[test]
fn lbc_arabic_matches_fundus() {
    check_fundus(
        "www.lbcgroup.tv_1.html",
        "www.lbcgroup.tv_1.fundus_expected.json",
        0.6,
        0.9,
    );
}

#[test]
fn euronews_and_bbc_en_fr_match_fundus() {
    check_fundus(
        "EN_www.euronews.com_1.html",
        "fundus_EuronewsEN.json",
        0.6,
        0.8,
    );
    check_fundus(
        "EN_www.euronews.com_2.html",
        "fundus_EuronewsEN.json",
        0.6,
        0.8,
    );
    check_fundus(
        "FR_fr.euronews.com_1.html",
        "fundus_EuronewsFR.json",
        0.6,
        0.8,
    );
    check_fundus(
        "FR_fr.euronews.com_2.html",
        "fundus_EuronewsFR.json",
        0.6,
        0.8,
    );
    check_fundus("EN_www.bbc.com_1.html", "fundus_BBC.json", 0.6, 0.8);
    let d = page("FR_fr.euronews.com_1.html");
    assert_eq!(d.byline, vec!["Denis Loctier".to_string()]);
}

#[test]
fn assabah_keeps_the_interview_and_drops_the_sidebar() {
    let d = page("assabah.com.tn_1.html");
    let gt = gt_json("assabah.com.tn_1.trafilatura_evaldata.json");
    let v = gt.as_object().unwrap().values().next().unwrap();
    let list = |k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    for w in list("with") {
        assert!(d.text.contains(&w), "missing {w:?}");
    }
    for w in list("without") {
        assert!(!d.text.contains(&w), "kept {w:?}");
    }
    assert!(word_overlap(v["title"].as_str().unwrap(), d.title.as_deref().unwrap()) >= 0.9);
}

#[test]
fn europa_press_releases_match_the_manual_cleaning() {
    for (page_file, gt) in [
        ("europa.eu_ar_1.html", "europa.eu_ar_1.reference.html"),
        ("FA_europa.eu_1.html", "FA_europa.eu_1.reference.html"),
    ] {
        let d = page(page_file);
        let html = std::fs::read_to_string(base().join("groundtruth").join(gt)).unwrap();
        let truth = dom_query::Document::from(html.as_str())
            .select("body")
            .text()
            .to_string();
        let (p, r) = pr(&truth, &d.text);
        assert!(r >= 0.8 && p >= 0.8, "{page_file}: p={p:.3} r={r:.3}");
        assert!(!d
            .title
            .as_deref()
            .unwrap()
            .starts_with("European Commission"));
    }
}

#[test]
fn publication_dates_match_htmldate_human_checked_set() {
    let gt = gt_json("htmldate_mediacloud_dates.json");
    let manifest = std::fs::read_to_string(base().join("MANIFEST.tsv")).unwrap();
    let mut right = 0;
    let mut wrong = Vec::new();
    for (url, v) in gt.as_object().unwrap() {
        let want = v["date"].as_str().unwrap();
        // MANIFEST maps the test-set file to our page name
        let fname = v["file"].as_str().unwrap().trim_end_matches(".html");
        let line = manifest
            .lines()
            .find(|l| l.contains(&format!("tests/test_set/{fname}.html")))
            .unwrap_or_else(|| panic!("{url} not in MANIFEST"));
        let file = line.split('\t').next().unwrap();
        let d = page(file);
        if d.published.as_deref().map(|p| &p[..10]) == Some(want) {
            right += 1;
        } else {
            wrong.push(format!("{file}: got {:?}, want {want}", d.published));
        }
    }
    eprintln!("dates right {right}, wrong {wrong:?}");
    // 10 of 11 today; the miss is a Persian page that prints only a Solar Hijri date.
    assert!(right >= 9, "{right} right; wrong: {wrong:?}");
}

#[test]
fn pages_without_body_truth_yield_the_article_not_navigation() {
    for file in [
        "DARI_www.darivoa.com_1.html",
        "DARI_www.darivoa.com_2.html",
        "DARI_www.darivoa.com_3.html",
        "EN_observers.france24.com_1.html",
        "EN_www.dw.com_1.html",
        "FA_www.aryanews.com_1.html",
        "FA_www.khabaronline.ir_1.html",
        "FA_www.yjc.ir_1.html",
        "UR_naibaat.pk_1.html",
        "akhbarelyom.com_1.html",
        "arabic.sputniknews.com_1.html",
        "elbaladtv.net_1.html",
        "www.albayan.ae_1.html",
        "www.almadenahnews.com_1.html",
        "www.alyaum.com_1.html",
        "www.beirutobserver.com_1.html",
        "www.youm7.com_1.html",
    ] {
        let d = page(file);
        let paras: Vec<&str> = d.text.split("\n\n").collect();
        let longest = paras.iter().map(|p| p.chars().count()).max().unwrap_or(0);
        assert!(
            d.text.chars().count() >= 200,
            "{file}: body too short: {:?}",
            d.text
        );
        assert!(longest >= 100, "{file}: no real paragraph");
        // the body is prose: sentence punctuation, not a list of links
        let punct = d
            .text
            .chars()
            .filter(|c| matches!(c, '.' | '،' | '؟' | '!' | '?' | ',' | '۔'))
            .count();
        assert!(punct >= 3, "{file}: no sentences");
        // the title's words are about the body
        let t = d.title.clone().unwrap_or_default();
        assert!(
            word_overlap(&t, &d.text) >= 0.3,
            "{file}: title {t:?} unrelated to body"
        );
        // navigation was cut, with reasons
        assert!(
            d.removed
                .iter()
                .any(|r| r.reason == "navigation" || r.reason == "boilerplate"),
            "{file}"
        );
    }
}

#[test]
fn non_article_directory_page_yields_no_article() {
    let d = page("NONARTICLE_arabic_newspapers_directory_1.html");
    assert_eq!(d.source.encoding, "windows-1256");
    assert!(d.text.chars().count() < 300, "{}", d.text);
    assert!(d.removed.len() > 3);
    assert!(d.title.as_deref().unwrap().contains("الصحف"));
}

//! Bad input never panics or hangs: each case ends in a per-document error
//! or an empty body whose reason is in `removed`.

use marsad_extract::{extract, read_path, InputFormat, PageFormat, RawDoc};
use std::io::Read;
use std::path::PathBuf;

fn raw(bytes: Vec<u8>) -> RawDoc {
    let source = marsad_core::Source {
        path: Some("test.html".into()),
        format: "html".into(),
        ..Default::default()
    };
    RawDoc::new(bytes, PageFormat::Html, source)
}

fn bench_page() -> Vec<u8> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/extract/scrapinghub-aeb/html");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let gz = std::fs::read(&files[0]).unwrap();
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&gz[..])
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn truncated_html_still_yields_text() {
    let page = bench_page();
    for cut in [page.len() / 2, page.len() / 3, 100, 7] {
        let r = extract(&raw(page[..cut].to_vec()));
        if let Ok(d) = r {
            assert!(!d.text.contains("<div"), "markup leaked at cut {cut}");
        }
    }
    // cut a few kilobytes after the article's first sentence (the WSJ page
    // of the benchmark): what was there is still found
    let needle = b"Gaming used to be so simple";
    let at = page
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    let d = extract(&raw(page[..at + 3000].to_vec())).unwrap();
    assert!(d.text.contains("Gaming used to be so simple"), "{}", d.text);
}

#[test]
fn hundred_thousand_nested_divs_are_refused_quickly() {
    let mut page = String::from("<html><body>");
    page.push_str(&"<div>".repeat(100_000));
    page.push_str("deep text");
    page.push_str(&"</div>".repeat(100_000));
    page.push_str("</body></html>");
    let d = extract(&raw(page.into_bytes())).unwrap();
    assert!(d.text.is_empty());
    assert!(
        d.removed.iter().any(|r| r.reason == "too-deeply-nested"),
        "{:?}",
        d.removed
    );
    assert!(!d.warnings.is_empty());
}

#[test]
fn fifty_megabyte_pages_are_bounded() {
    let article = "<p>The council met on Tuesday to discuss the budget, and members agreed, after a long debate, to postpone the vote until next month.</p>";
    // 50 MB of inline script and data after a real article
    let mut page = format!(
        "<html><head><title>Budget vote</title></head><body><article>{}</article>",
        article.repeat(20)
    );
    let blob = "x".repeat(1 << 20);
    while page.len() < 50 << 20 {
        page.push_str("<script>var a='");
        page.push_str(&blob);
        page.push_str("';</script>");
    }
    page.push_str("</body></html>");
    let d = extract(&raw(page.into_bytes())).unwrap();
    assert!(
        d.text.contains("postpone the vote"),
        "{}",
        &d.text[..d.text.len().min(300)]
    );
    assert!(
        d.warnings.iter().any(|w| w.contains("bytes")),
        "{:?}",
        d.warnings
    );

    // 50 MB of markup with no scripts: cut to the parse bound, still an answer
    let mut page = String::from("<html><body>");
    let para =
        "<div><p>Filler paragraph, with words, and commas, repeated to fill the page.</p></div>\n";
    while page.len() < 50 << 20 {
        page.push_str(para);
    }
    let d = extract(&raw(page.into_bytes())).unwrap();
    assert!(
        d.warnings.iter().any(|w| w.contains("cut")),
        "{:?}",
        d.warnings
    );

    // over the hard per-page bound: a clear error
    let huge = vec![b' '; marsad_extract::MAX_PAGE_BYTES + 1];
    let e = extract(&raw(huge)).unwrap_err();
    assert!(e.to_string().contains("limit"), "{e}");
}

#[test]
fn a_page_without_article_text_says_so() {
    let page = "<html><head><title>Home</title></head><body><nav><a href='/a'>News</a> <a href='/b'>Sport</a></nav><footer>© 2020</footer></body></html>";
    let d = extract(&raw(page.as_bytes().to_vec())).unwrap();
    assert!(d.text.trim().is_empty(), "{:?}", d.text);
    assert!(
        d.removed.iter().any(|r| r.reason == "no-article-text"),
        "{:?}",
        d.removed
    );
    assert!(
        d.removed.iter().any(|r| r.reason == "navigation"),
        "{:?}",
        d.removed
    );
}

#[test]
fn wrong_declared_charset_is_overruled() {
    let body = "<p>أعلنت الحكومة العراقية اليوم عن خطة جديدة لإعادة الإعمار في المدن المحررة، وقال المتحدث باسمها إن العمل سيبدأ الشهر المقبل.</p>".repeat(5);
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&body);
    let mut page =
        b"<html><head><meta charset=\"utf-8\"><title>t</title></head><body><article>".to_vec();
    page.extend_from_slice(&bytes);
    page.extend_from_slice(b"</article></body></html>");
    let d = extract(&raw(page)).unwrap();
    assert_eq!(d.source.encoding, "windows-1256");
    assert!(d.text.contains("الحكومة العراقية"), "{}", d.text);
    assert!(
        d.warnings.iter().any(|w| w.contains("UTF-8")),
        "{:?}",
        d.warnings
    );
}

#[test]
fn corrupt_gzip_file_is_a_per_file_error() {
    let dir = std::env::temp_dir().join(format!("marsad-extract-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut gz = vec![0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3];
    gz.extend_from_slice(b"not deflate at all \xff\xfe");
    std::fs::write(dir.join("a.html.gz"), &gz).unwrap();
    std::fs::write(
        dir.join("b.html"),
        b"<html><body><p>fine page</p></body></html>",
    )
    .unwrap();
    let docs = read_path(&dir, InputFormat::Auto);
    assert_eq!(docs.len(), 2);
    let e = docs[0].as_ref().unwrap_err().to_string();
    assert!(e.contains("a.html.gz") && e.contains("gzip"), "{e}");
    assert!(docs[1].is_ok());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn binary_junk_is_an_error_not_a_panic() {
    let junk: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let _ = extract(&raw(junk));
    let d = extract(&raw(b"<<<>>></div></p><p".to_vec()));
    if let Ok(d) = d {
        assert!(d.text.len() < 50);
    }
}

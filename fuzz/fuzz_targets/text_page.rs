//! The scraped-text page parser on arbitrary bytes: no panic, and its output
//! is made only of the page's own lines (the body never gains text).
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_core::Source;

fuzz_target!(|data: &[u8]| {
    let page = String::from_utf8_lossy(data);
    let (title, body) = match data.first() {
        // the first byte decides whether a title is known beside the page
        Some(b) if b % 2 == 0 => (page.lines().next(), &page[..]),
        _ => (None, &page[..]),
    };
    let d =
        marsad_extract::text::extract_text_page_titled(body, "f".into(), Source::default(), title);
    for para in d.text.split('\n') {
        if !para.is_empty() {
            assert!(body.contains(para), "body line not from the page: {para:?}");
        }
    }
    for r in &d.removed {
        assert!(body.contains(r.text.as_str()));
    }
    // the paragraph layer stays in range and in order
    let ps = marsad_arabic::paragraphs(&d.text);
    let n = d.text.chars().count();
    let mut last = 0;
    for p in ps {
        assert!(p.start >= last && p.end <= n && p.start < p.end);
        last = p.end;
    }
});

//! The tokenizer and the normalizer on arbitrary text: no panic, tokens in
//! range, ordered, non-overlapping, never whitespace; every non-space char
//! covered; normalization offset map monotone and in range.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let n = text.chars().count();
    let toks = marsad_arabic::tokenize(&text);
    let mut last = 0;
    let mut covered = 0;
    for t in &toks {
        assert!(t.span.start >= last && t.span.start < t.span.end && t.span.end <= n);
        assert_eq!(t.text(&text).chars().count(), t.span.len());
        assert!(!t.text(&text).chars().any(char::is_whitespace));
        covered += t.span.len();
        last = t.span.end;
    }
    assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).count());
    let norm = marsad_arabic::normalize(&text, marsad_arabic::Folding::default());
    assert_eq!(norm.map.len(), norm.text.chars().count() + 1);
    assert!(norm.map.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(*norm.map.last().unwrap_or(&0), n);
    for w in text.split_whitespace().take(50) {
        let _ = marsad_arabic::analyses(w);
    }
});

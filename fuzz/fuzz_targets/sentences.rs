//! Sentences and paragraphs on arbitrary text: no panic; spans in range,
//! ordered, non-overlapping, non-empty and trimmed; every sentence inside a
//! paragraph.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let chars: Vec<char> = text.chars().collect();
    let paras = marsad_arabic::paragraphs(&text);
    let sents = marsad_arabic::sentences(&text);
    for spans in [&paras, &sents] {
        let mut last = 0;
        for s in spans.iter() {
            assert!(s.start >= last && s.start < s.end && s.end <= chars.len());
            assert!(!chars[s.start].is_whitespace() && !chars[s.end - 1].is_whitespace());
            last = s.end;
        }
    }
    for s in &sents {
        assert!(paras.iter().any(|p| p.contains(s)));
    }
});

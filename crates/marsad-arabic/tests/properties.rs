//! Property tests of the Arabic text layer on generated text that mixes
//! Arabic letters, tashkeel, tatweel, presentation forms, three digit sets,
//! Arabic and Latin punctuation, quotes, URLs, Latin words, zero-width marks
//! and line breaks — and on arbitrary Unicode.

use marsad_arabic::{analyses, normalize, paragraphs, sentences, tokenize, Folding, TokenKind};
use proptest::prelude::*;

/// Pieces news text is made of.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "الرئيس", "الفرنسي", "فرنسوا", "هولاند", "وبوتين", "حملته", "للسلام", "بالقوة",
            "مُحَمَّد", "الـــرئيس", "إلى", "مدرسة", "ﻻ", "ﷺ", "ﺍﻟﺴﻼﻡ", "فارسی", "کتاب",
            "Close", "Button", "clipboardCopied", "O'Brien", "U.S.", "al-Assad",
            "26/11/2015", "2015-11-26", "13:30", "1,500.5", "٢٠١٥", "۱۲", "٣٫٥", "٪",
            "https://example.com/a?b=1", "www.spa.gov.sa", "news@site.org", "د.", "ق.م.",
            "ت غ", "...", "…", "،", "؛", "؟", "!", ".", ":", "«", "»", "“", "”", "\"", "/",
            "(", ")", "-", "\u{200c}", "\u{200f}", "\u{feff}", "\u{64b}", "\u{670}", "ـ",
        ]).prop_map(str::to_string),
        1 => "[ \n\t]{1,3}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            piece(),
            prop::sample::select(vec!["", " ", " ", "\n", "\n\n"]),
        ),
        0..80,
    )
    .prop_map(|v| v.into_iter().map(|(p, s)| p + s).collect())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => news_text(), 1 => any::<String>()]
}

fn foldings() -> impl Strategy<Value = Folding> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(yeh, teh_marbuta, lowercase)| {
        Folding {
            yeh,
            teh_marbuta,
            lowercase,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The offset map is monotone, in range, one entry per normalized char
    /// plus the end; every normalized char comes from an original char that
    /// normalizes to (a text containing) it; and any normalized range maps
    /// back to an original range whose normalization contains it.
    #[test]
    fn normalization_map_round_trips(text in any_text(), f in foldings()) {
        let orig: Vec<char> = text.chars().collect();
        let n = normalize(&text, f);
        let norm: Vec<char> = n.text.chars().collect();
        prop_assert_eq!(n.map.len(), norm.len() + 1);
        prop_assert_eq!(*n.map.last().unwrap(), orig.len());
        prop_assert!(n.map.windows(2).all(|w| w[0] <= w[1]));
        for (i, &c) in norm.iter().enumerate() {
            let o = n.map[i];
            prop_assert!(o < orig.len());
            let folded = normalize(&orig[o].to_string(), f).text;
            prop_assert!(folded.contains(c), "{:?} does not fold to {:?}", orig[o], c);
        }
        // ranges map back
        let len = norm.len();
        for (a, b) in [(0, len), (0, len / 2), (len / 3, len), (len / 4, len / 4 + 3)] {
            let b = b.min(len);
            let a = a.min(b);
            let (s, e) = n.to_original(a, b);
            prop_assert!(s <= e && e <= orig.len());
            let back: String = orig[s..e].iter().collect();
            let want: String = norm[a..b].iter().collect();
            prop_assert!(normalize(&back, f).text.contains(&want), "{back:?} vs {want:?}");
        }
        // normalizing twice changes nothing more
        prop_assert_eq!(normalize(&n.text, f).text, n.text.clone());
    }

    /// Tokens are in range, ordered, non-overlapping, never contain
    /// whitespace, agree between bytes and code points, and together cover
    /// every non-whitespace character.
    #[test]
    fn tokens_cover_text_in_order(text in any_text()) {
        let toks = tokenize(&text);
        let nchars = text.chars().count();
        let mut last = 0;
        let mut covered = 0;
        for t in &toks {
            prop_assert!(t.span.start >= last && t.span.start < t.span.end && t.span.end <= nchars);
            let s = t.text(&text);
            prop_assert_eq!(s.chars().count(), t.span.len());
            let by_chars: String = text.chars().skip(t.span.start).take(t.span.len()).collect();
            prop_assert_eq!(s, by_chars.as_str());
            prop_assert!(!s.chars().any(char::is_whitespace));
            if t.kind == TokenKind::Number {
                prop_assert!(s.chars().next().is_some_and(|c| marsad_arabic::digit_value(c).is_some()));
            }
            covered += t.span.len();
            last = t.span.end;
        }
        prop_assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).count());
    }

    /// Paragraphs and sentences are non-empty, trimmed, in range, ordered and
    /// non-overlapping; every sentence lies inside one paragraph.
    #[test]
    fn sentences_are_ordered_and_inside_paragraphs(text in any_text()) {
        let chars: Vec<char> = text.chars().collect();
        let ps = paragraphs(&text);
        let ss = sentences(&text);
        for spans in [&ps, &ss] {
            let mut last = 0;
            for s in spans.iter() {
                prop_assert!(s.start >= last && s.start < s.end && s.end <= chars.len());
                prop_assert!(!chars[s.start].is_whitespace() && !chars[s.end - 1].is_whitespace());
                last = s.end;
            }
        }
        for s in &ss {
            prop_assert!(ps.iter().any(|p| p.contains(s)), "{s} outside every paragraph");
        }
        // every non-space character of the text is in some paragraph
        let in_para = chars.iter().enumerate().filter(|(i, c)| !c.is_whitespace() && !ps.iter().any(|p| p.start <= *i && *i < p.end)).count();
        prop_assert_eq!(in_para, 0);
    }

    /// Clitic analyses rebuild the word: prefix + stem + suffix is the word
    /// (with ة for the written ت when `ta_marbuta`), the unsplit word is
    /// always a candidate.
    #[test]
    fn analyses_rebuild_the_word(word in "[وفبكلسالتهمينرشدحك]{1,10}") {
        let an = analyses(&word);
        prop_assert!(an.iter().any(|a| a.stem == word && a.prefix.is_empty() && a.suffix.is_empty()));
        let chars: Vec<char> = word.chars().collect();
        for a in &an {
            prop_assert_eq!(a.prefix.chars().count(), a.prefix_chars);
            prop_assert_eq!(a.suffix.chars().count(), a.suffix_chars);
            let mut stem: String = chars[a.prefix_chars..chars.len() - a.suffix_chars].iter().collect();
            if a.ta_marbuta {
                prop_assert!(stem.ends_with('ت'));
                stem.pop();
                stem.push('ة');
            }
            prop_assert_eq!(&stem, &a.stem);
            prop_assert_eq!(format!("{}{}{}", a.prefix, &chars[a.prefix_chars..chars.len() - a.suffix_chars].iter().collect::<String>(), a.suffix), word.clone());
        }
    }
}

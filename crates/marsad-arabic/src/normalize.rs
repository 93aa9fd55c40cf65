//! A normalized *matching view* with an offset map back to the original.

use unicode_normalization::UnicodeNormalization;

/// Which optional foldings to apply on top of the always-on ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Folding {
    /// Fold alef maqsura ى into ya ي.
    pub yeh: bool,
    /// Fold ta marbuta ة into ha ه.
    pub teh_marbuta: bool,
    /// Lowercase Latin letters.
    pub lowercase: bool,
}

impl Default for Folding {
    /// Everything folded: the view dictionary and search matching want.
    fn default() -> Self {
        Folding {
            yeh: true,
            teh_marbuta: true,
            lowercase: true,
        }
    }
}

impl Folding {
    /// Only the always-on steps (tashkeel, tatweel, alef, digits, NFKC).
    pub const LIGHT: Folding = Folding {
        yeh: false,
        teh_marbuta: false,
        lowercase: false,
    };
}

/// A normalized view of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// `map[i]` is the code-point offset in the original text of the `i`-th
    /// code point of [`Normalized::text`]; one extra entry holds the
    /// original's length so that end offsets map too.
    pub map: Vec<usize>,
}

impl Normalized {
    /// Maps a `[start, end)` code-point range of the normalized text back to
    /// the original text. The result covers every original code point that
    /// contributed (dropped tashkeel inside the range included).
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let last = self.map.len() - 1;
        let s = self.map[start.min(last)];
        let e = if end == 0 {
            s
        } else {
            // the end of the last included normalized char: the original
            // position right after its source char, skipping nothing.
            let prev = self.map[(end - 1).min(last)];
            let next = self.map[end.min(last)];
            next.max(prev + 1).min(self.map[last])
        };
        (s, e.max(s))
    }
}

/// Folds one (already NFKC-decomposed) character. Returns `None` when the
/// character is dropped from the view.
fn fold(c: char, f: Folding) -> Option<char> {
    if crate::is_tashkeel(c) || c == crate::TATWEEL {
        return None;
    }
    if let Some(d) = crate::digit_value(c) {
        return char::from_digit(d, 10);
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' if f.yeh => 'ي',
        'ی' | 'ي' => 'ي', // Persian yeh looks the same to readers
        'ک' => 'ك',
        // Arabic decimal and thousands separators and percent sign
        '٫' => '.',
        '٬' => ',',
        '٪' => '%',
        'ة' if f.teh_marbuta => 'ه',
        // zero-width and bidi controls carry no meaning for matching
        c if is_format_char(c) => return None,
        c if f.lowercase && c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => c,
    })
}

/// Invisible format characters that web pages leave in and between words:
/// zero-width space, non-joiner and joiner, direction marks and embeddings
/// (U+200B–U+200F, U+202A–U+202E), the word joiner (U+2060), the bidi
/// isolates (U+2066–U+2069) and the byte-order mark. Normalization drops
/// them; a token made of them only separates nothing.
pub fn is_format_char(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Builds the normalized view of `text` with the given foldings.
///
/// Steps: NFKC per character (presentation forms ﻻ → لا, ligatures), then
/// tashkeel and tatweel dropped, alef forms (أ إ آ ٱ) → ا, optional ى → ي and
/// ة → ه, Arabic-Indic and Persian digits → ASCII, the Arabic decimal and
/// thousands separators and percent sign (٫ ٬ ٪) → `. , %`, zero-width marks
/// dropped.
///
/// Each character is normalized on its own, so the map stays one-to-many
/// from original to normalized characters: a decomposed hamza (ي + U+0654)
/// loses its mark and reads ي, where the precomposed ئ stays ئ.
/// The hamza carriers ؤ and ئ are kept: folding them would merge distinct
/// words (سئل / سيل).
pub fn normalize(text: &str, f: Folding) -> Normalized {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for (i, c) in text.chars().enumerate() {
        if c.is_ascii() {
            if let Some(n) = fold(c, f) {
                out.push(n);
                map.push(i);
            }
            continue;
        }
        // Fast path: characters NFKC leaves alone.
        let needs_nfkc = matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{00A0}'..='\u{00FF}' | '\u{2000}'..='\u{2BFF}' | '\u{FF00}'..='\u{FFEF}');
        if needs_nfkc {
            let s: &str = c.encode_utf8(&mut buf);
            for d in s.nfkc() {
                if let Some(n) = fold(d, f) {
                    out.push(n);
                    map.push(i);
                }
            }
        } else if let Some(n) = fold(c, f) {
            out.push(n);
            map.push(i);
        }
    }
    map.push(text.chars().count());
    Normalized { text: out, map }
}

/// The normalized string alone, with the full default folding: what
/// dictionaries and search indexes store.
pub fn normalize_str(text: &str) -> String {
    normalize(text, Folding::default()).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tashkeel_and_maps_back() {
        let t = "كَتَبَ الرئيسُ";
        let n = normalize(t, Folding::default());
        assert_eq!(n.text, "كتب الريس".replace("الريس", "الرئيس"));
        let s = n.text.chars().position(|c| c == ' ').unwrap() + 1;
        let (a, b) = n.to_original(s, n.text.chars().count());
        let orig: String = t.chars().skip(a).take(b - a).collect();
        assert_eq!(orig, "الرئيسُ");
    }

    #[test]
    fn folds_alef_yeh_digits_and_ligatures() {
        assert_eq!(
            normalize_str("إلى أمريكا ٢٠١٥ ۱۲ ﻻ"),
            "الي امريكا 2015 12 لا"
        );
        assert_eq!(normalize("مدرسة", Folding::LIGHT).text, "مدرسة");
        assert_eq!(normalize_str("مدرسة"), "مدرسه");
        assert_eq!(normalize_str("الـــرئيس"), "الرئيس");
    }

    #[test]
    fn drops_every_format_character() {
        // RLM, ZWNJ, word joiner, a bidi isolate pair and a BOM, as pages
        // leave them around and inside words
        let t = "\u{FEFF}وزارة\u{200F} \u{2067}المالية\u{2069} السعو\u{200C}دية\u{2060}";
        assert_eq!(normalize_str(t), "وزاره الماليه السعوديه");
        assert_eq!(t.chars().filter(|&c| is_format_char(c)).count(), 6);
    }
}

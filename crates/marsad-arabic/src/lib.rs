//! The Arabic text layer every later stage builds on.
//!
//! * [`normalize`]: a *matching view* of a text (tashkeel and tatweel gone,
//!   alef forms unified, optional ى/ي and ة/ه folding, all digits ASCII,
//!   presentation forms through NFKC) with a map back to the original's code
//!   points. The original text is never altered.
//! * [`tokenize`]: words, numbers, punctuation, URLs, e-mails, dates and times
//!   as typed tokens with code-point spans.
//! * [`sentences`]: sentence spans that respect quotations, abbreviations and
//!   numbers.
//! * [`clitics`]: candidate (proclitics, stem, enclitic) analyses of a word,
//!   never one forced split.
//! * [`detect_language`]: the body's ISO 639-1 language.

pub mod calendar;
pub mod clitics;
pub mod lang;
pub mod normalize;
pub mod sentences;
pub mod tokens;

pub use clitics::{analyses, Analysis};
pub use lang::detect_language;
pub use normalize::{is_format_char, normalize, normalize_str, Folding, Normalized};
pub use sentences::{paragraphs, sentences};
pub use tokens::{tokenize, Token, TokenKind};

/// True for a letter of the Arabic script (base letters and their
/// presentation forms; not digits, punctuation or tashkeel).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// True for Arabic diacritics (tashkeel), Quranic marks and superscript alef.
pub fn is_tashkeel(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// The tatweel (kashida) used to stretch words.
pub const TATWEEL: char = '\u{0640}';

/// The ASCII value of a digit in any of the three digit sets (ASCII,
/// Arabic-Indic ٠–٩, extended/Persian ۰–۹).
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

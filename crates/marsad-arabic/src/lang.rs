//! Language of a body.
//!
//! whatlang rather than lingua: whatlang is pure Rust with no model files,
//! builds in seconds and tags a news body in microseconds; lingua's
//! per-language n-gram models add tens of MB and seconds of build time for
//! accuracy we only need on short strings. Arabic-script bodies are decided by
//! script first (whatlang tells Arabic from Persian and Urdu by trigram).

/// ISO 639-1 code of `text`'s language, or `None` when too little text or no
/// reliable guess.
pub fn detect_language(text: &str) -> Option<&'static str> {
    let sample: String = text.chars().take(4000).collect();
    if let Some(code) = by_script(&sample) {
        return Some(code);
    }
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && sample.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return None;
    }
    iso639_1(info.lang())
}

/// Arabic script first: a sample whose letters are mostly Arabic-script and
/// that has none of the letters Persian and Urdu add (پ چ ژ گ ک ی, ٹ ڈ ڑ ں
/// ے ہ) is Arabic. whatlang's trigram model can call a short Arabic headline
/// Persian or Urdu; the alphabet cannot.
fn by_script(sample: &str) -> Option<&'static str> {
    let (mut arabic, mut letters) = (0usize, 0usize);
    for c in sample.chars() {
        if matches!(
            c,
            'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' | 'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ہ' | 'ۀ' | 'ھ'
        ) {
            return None;
        }
        if c.is_alphabetic() {
            letters += 1;
            if crate::is_arabic_letter(c) {
                arabic += 1;
            }
        }
    }
    (arabic >= 8 && arabic * 10 >= letters * 7).then_some("ar")
}

fn iso639_1(l: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match l {
        Ara => "ar",
        Pes => "fa",
        Urd => "ur",
        Eng => "en",
        Fra => "fr",
        Spa => "es",
        Deu => "de",
        Tur => "tr",
        Heb => "he",
        Rus => "ru",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Ind => "id",
        Hin => "hi",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Ukr => "uk",
        Pol => "pl",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn tells_arabic_from_persian_and_english() {
        assert_eq!(
            super::detect_language(
                "حصل الرئيس الفرنسي فرنسوا هولاند على دعم قوي من لندن في حملته ضد تنظيم الدولة"
            ),
            Some("ar")
        );
        assert_eq!(
            super::detect_language(
                "رئیس جمهوری فرانسه برای مبارزه با داعش از لندن حمایت گرفت و به مسکو می‌رود"
            ),
            Some("fa")
        );
        // short headlines: decided by the alphabet, not by trigrams
        assert_eq!(super::detect_language("غارات روسية على إدلب"), Some("ar"));
        assert_eq!(
            super::detect_language("سوريا: مقتل خمسة مدنيين من عائلة واحدة"),
            Some("ar")
        );
        // Arabic with some English inside is still Arabic
        assert_eq!(
            super::detect_language("قال وليم تايلور William Taylor نائب رئيس المعهد الأميركي للسلام إن الروس لن يكونوا جزءا من الحل"),
            Some("ar")
        );
        assert_eq!(super::detect_language("12345 ... !!"), None);
        assert_eq!(super::detect_language(""), None);
        assert_eq!(
            super::detect_language(
                "The French president won strong support from London in his campaign"
            ),
            Some("en")
        );
    }
}

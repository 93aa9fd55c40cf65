//! Calendar vocabulary: month and weekday names, in the normalized view.
//!
//! One list for every stage that only needs to *recognise* a calendar word
//! (the text-page parser spotting timestamp lines, the event coder asking
//! whether a sentence is tied to a time). Reading a date's *value* is
//! `marsad-values`' job; it keeps its own richer lexicon with month numbers.
//! Every form here is as [`crate::normalize_str`] writes it (أ→ا, ة→ه, ى→ي).

/// A Gregorian month name under any regional naming: Egyptian/Gulf
/// (يناير …, with the Egyptian يونيه/يوليه), Levantine/Iraqi (كانون، شباط، آذار …;
/// the two-word names' first words كانون and تشرين), Maghrebi (جانفي، فيفري،
/// أفريل، ماي، جوان، جويلية، أوت) and Moroccan (يوليوز، غشت، شتنبر، نونبر، دجنبر).
/// `w` must be normalized.
pub fn is_gregorian_month(w: &str) -> bool {
    matches!(
        w,
        "يناير"
            | "فبراير"
            | "مارس"
            | "ابريل"
            | "مايو"
            | "يونيو"
            | "يونيه"
            | "يوليو"
            | "يوليه"
            | "اغسطس"
            | "سبتمبر"
            | "اكتوبر"
            | "نوفمبر"
            | "ديسمبر"
            | "كانون"
            | "شباط"
            | "اذار"
            | "نيسان"
            | "ايار"
            | "حزيران"
            | "تموز"
            | "اب"
            | "ايلول"
            | "تشرين"
            | "جانفي"
            | "فيفري"
            | "افريل"
            | "ماي"
            | "جوان"
            | "جويليه"
            | "اوت"
            | "يوليوز"
            | "غشت"
            | "شتنبر"
            | "نونبر"
            | "دجنبر"
    )
}

/// A Hijri month name, or the first word of a two-word one (ربيع، جمادى،
/// ذو/ذي). Several are also ordinary words or names (صفر "zero", رجب, رمضان as
/// names): callers should want a timestamp-like context before trusting one.
/// `w` must be normalized.
pub fn is_hijri_month(w: &str) -> bool {
    matches!(
        w,
        "محرم"
            | "صفر"
            | "ربيع"
            | "جمادي"
            | "رجب"
            | "شعبان"
            | "رمضان"
            | "شوال"
            | "ذو"
            | "ذي"
            | "القعده"
            | "الحجه"
    )
}

/// A weekday with its article (الأحد … السبت). The bare forms are left out:
/// احد and اثنين are also "one" and "two". `w` must be normalized.
pub fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "الاحد"
            | "الاثنين"
            | "الثلاثاء"
            | "الاربعاء"
            | "الخميس"
            | "الجمعه"
            | "السبت"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize_str;

    #[test]
    fn recognises_normalized_spellings_from_every_region() {
        for m in [
            "نوفمبر",
            "تشرين",
            "آذار",
            "أيلول",
            "جانفي",
            "أفريل",
            "جويلية",
            "غشت",
            "دجنبر",
        ] {
            assert!(is_gregorian_month(&normalize_str(m)), "{m}");
        }
        for m in ["محرم", "جمادى", "القعدة", "الحجة"] {
            assert!(is_hijri_month(&normalize_str(m)), "{m}");
        }
        assert!(is_weekday(&normalize_str("الأربعاء")) && is_weekday(&normalize_str("الجمعة")));
        assert!(
            !is_weekday("اثنين") && !is_weekday("احد"),
            "bare forms are numbers"
        );
        assert!(!is_gregorian_month("الرئيس"));
    }
}

/// The `YYYY-MM-DD` at the start of an ISO 8601 date or timestamp, as
/// numbers (`"2015-11-26T10:00:00Z"` → `(2015, 11, 26)`). Only the shape is
/// checked (digits and dashes in place); whether the day exists is the
/// caller's check. `None` when `s` does not start with that shape.
pub fn iso_date_prefix(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = s.get(r)?;
        if t.bytes().all(|c| c.is_ascii_digit()) {
            t.parse().ok()
        } else {
            None
        }
    };
    Some((num(0..4)?, num(5..7)?, num(8..10)?))
}

#[cfg(test)]
mod iso_tests {
    use super::iso_date_prefix;

    #[test]
    fn iso_prefix_shapes() {
        assert_eq!(iso_date_prefix("2015-11-26"), Some((2015, 11, 26)));
        assert_eq!(
            iso_date_prefix("2015-11-26T10:00:00+03:00"),
            Some((2015, 11, 26))
        );
        assert_eq!(iso_date_prefix("2015-1-26"), None);
        assert_eq!(iso_date_prefix("2015-11-2x"), None);
        assert_eq!(
            iso_date_prefix("٢٠١٥-١١-٢٦"),
            None,
            "Arabic digits are the caller's to fold"
        );
        assert_eq!(iso_date_prefix(""), None);
    }
}

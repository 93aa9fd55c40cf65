//! Reading numbers: digit strings with their separators (any digit set, as
//! the normalized view has made them ASCII) and Arabic number words.

use crate::lexicon::{self, Lex};
use crate::scan::View;
use marsad_arabic::TokenKind;

/// Largest integer part we trust: longer digit strings are identifiers
/// (phone numbers, account numbers), not amounts.
const MAX_DIGITS: usize = 15;

/// Reads a number written in digits, with thousands separators (`,` `٬`,
/// `.` between groups of three) and a decimal mark (`.` `٫`, or `,` when
/// what follows is not a group of three). `None` for absurd or ambiguous
/// strings (more than 15 integer digits, broken grouping).
pub fn parse_digits(s: &str) -> Option<f64> {
    let is_sep = |c: char| matches!(c, ',' | '.' | '٫' | '٬' | '،');
    let mut groups: Vec<&str> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if is_sep(c) {
            groups.push(&s[start..i]);
            seps.push(c);
            start = i + c.len_utf8();
        } else if !c.is_ascii_digit() {
            return None;
        }
    }
    groups.push(&s[start..]);
    if groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    // Decide which separator (if any) is the decimal mark.
    let decimal: Option<usize> = if let Some(p) = seps.iter().position(|&c| c == '٫') {
        Some(p)
    } else if seps.is_empty() {
        None
    } else {
        let last = seps.len() - 1;
        let all_same = seps.iter().all(|&c| c == seps[0]);
        let grouped = |upto: usize| groups[1..=upto].iter().all(|g| g.len() == 3);
        if seps[last] == '٬' || seps[last] == '،' {
            None
        } else if all_same && seps.len() >= 2 {
            // 1.500.000 or 1,500,000: thousands only.
            None
        } else if all_same {
            // a single , or .: "1,500" thousands; "2,5" and "1.5" decimals;
            // "1.500" is read as a decimal (the Arab press prints 1.5 مليون).
            if seps[0] == ',' && groups[1].len() == 3 {
                None
            } else {
                Some(0)
            }
        } else if last > 0 && grouped(last - 1) && seps[..last].iter().all(|&c| c != seps[last]) {
            Some(last)
        } else {
            return None;
        }
    };
    let mut int = String::new();
    let mut frac = String::new();
    for (k, g) in groups.iter().enumerate() {
        match decimal {
            Some(d) if k > d => frac.push_str(g),
            _ => {
                if k > 0 && decimal.is_none_or(|d| k <= d) && g.len() != 3 {
                    // thousands groups must have three digits
                    return None;
                }
                int.push_str(g)
            }
        }
    }
    let significant = int.trim_start_matches('0').len();
    if significant > MAX_DIGITS {
        return None;
    }
    let text = if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    };
    text.parse().ok()
}

/// A number read from the tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Num {
    /// Token after the number.
    pub end: usize,
    /// Proclitic letters left out of the first token.
    pub skip: usize,
    /// Value, or `None` when the digits are absurd.
    pub value: Option<f64>,
    /// Written in words (not digits).
    pub words: bool,
    /// True when the number was a lone year-like 4-digit integer.
    pub plain_int: bool,
}

/// Magnitude class of a number word, for the order Arabic compounds keep
/// (thousands, hundreds, units, "و" tens).
fn class(l: &Lex) -> u8 {
    match l {
        Lex::Unit(v) if *v >= 11 => 2,
        Lex::Unit(_) => 1,
        Lex::Ten(_) => 2,
        Lex::Hundred(_) => 3,
        Lex::Scale { mult, .. } if *mult >= 1e9 => 6,
        Lex::Scale { mult, .. } if *mult >= 1e6 => 5,
        Lex::Scale { .. } => 4,
        _ => 0,
    }
}

fn is_num_word(l: &Lex) -> bool {
    matches!(
        l,
        Lex::Unit(_) | Lex::Ten(_) | Lex::Hundred(_) | Lex::Scale { .. }
    )
}

/// A digit token's value (the tokenizer keeps "1,500.5" whole; an Arabic
/// comma between digit groups, "1،500", is joined here).
pub(crate) fn digits_at(v: &View, i: usize) -> Option<(usize, Option<f64>)> {
    let w = v.w(i);
    match v.kind(i) {
        Some(TokenKind::Number) => {}
        // "16.875.374": the tokenizer took dotted thousands for a date
        Some(TokenKind::Date)
            if w.split('.').count() >= 3 && w.split('.').skip(1).all(|g| g.len() == 3) =>
        {
            return Some((i + 1, parse_digits(w)));
        }
        _ => return None,
    }
    // 1،500: Arabic comma as a thousands separator, glued on both sides.
    if v.w(i + 1) == "،" && v.glued(i) && v.glued(i + 1) && v.kind(i + 2) == Some(TokenKind::Number)
    {
        let n = v.w(i + 2);
        if n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()) && w.len() <= 3 {
            return Some((i + 3, parse_digits(&format!("{w},{n}"))));
        }
    }
    if w.len() > 1 && w.starts_with('0') && w.bytes().all(|b| b.is_ascii_digit()) && w.len() >= 4 {
        // 0501234567: an identifier, not an amount
        return Some((i + 1, None));
    }
    Some((i + 1, parse_digits(w)))
}

/// Reads a number at token `i`: digits (with a following scale word: "1.5
/// مليون", "3 آلاف") or a compound of number words ("ثلاثة آلاف وخمسمائة").
pub(crate) fn number_at(v: &View, i: usize) -> Option<Num> {
    if let Some((mut end, value)) = digits_at(v, i) {
        let mut value = value;
        let plain_int = v.w(i).bytes().all(|b| b.is_ascii_digit()) && end == i + 1;
        // a scale word after the digits
        if let Some(m) = lexicon::at(v, end, false, |l| {
            matches!(l, Lex::Scale { count: 0 | 1, .. })
        }) {
            if let Lex::Scale { mult, .. } = m.lex {
                // "(29,999,966) مليون ريال": the figure is already whole;
                // the scale word repeats it
                value = value.map(|x| {
                    if x >= mult && mult >= 1e6 {
                        x
                    } else {
                        scaled(x, mult)
                    }
                });
                end = m.end;
            }
        }
        return Some(Num {
            end,
            skip: 0,
            value,
            words: false,
            plain_int: plain_int && end == i + 1,
        });
    }
    words_at(v, i)
}

/// `x * mult` without binary noise (4.1 مليون is 4100000, not 4099999.99…).
fn scaled(x: f64, mult: f64) -> f64 {
    let r = x * mult;
    if (r - r.round()).abs() < 1e-6 * r.abs().max(1.0) {
        r.round()
    } else {
        r
    }
}

/// Reads a compound of number words starting at token `i`, with a fraction
/// before a scale ("ربع مليون", "نصف مليار") and digits joined after it
/// ("ألف و500").
pub(crate) fn words_at(v: &View, i: usize) -> Option<Num> {
    let frac = lexicon::stems(v.w(i)).find_map(|(s, st)| match st {
        "ربع" => Some((s, 0.25)),
        "نصف" => Some((s, 0.5)),
        _ => None,
    });
    if let Some((s, f)) = frac {
        if let Some(m) = lexicon::at(v, i + 1, false, |l| {
            matches!(l, Lex::Scale { count: 1, .. })
        }) {
            if let Lex::Scale { mult, .. } = m.lex {
                return Some(Num {
                    end: m.end,
                    skip: s,
                    value: Some(f * mult),
                    words: true,
                    plain_int: false,
                });
            }
        }
    }
    let mut n = words_core(v, i)?;
    // "ألف و500 إيطالي"
    if v.w(n.end) == "و" {
        if let Some((e, Some(x))) = digits_at(v, n.end + 1) {
            if let Some(tot) = n.value {
                if x < tot && tot >= 100.0 {
                    n.value = Some(tot + x);
                    n.end = e;
                }
            }
        }
    }
    Some(n)
}

fn words_core(v: &View, i: usize) -> Option<Num> {
    let first = lexicon::at(v, i, true, is_num_word)?;
    let mut total = 0.0f64;
    let mut cur = 0.0f64;
    let mut j = i;
    let mut last_class = 0u8;
    let mut consumed = 0;
    let mut skip0 = first.skip;
    loop {
        let m = if consumed == 0 {
            Some(first)
        } else {
            lexicon::at(v, j, true, is_num_word)
        };
        let Some(m) = m else { break };
        let joined = m.skip > 0 && v.w(j).starts_with('و');
        if consumed > 0 && m.skip > 0 && !joined {
            break; // ب/ل/ك inside a compound: a new phrase
        }
        let c = class(&m.lex);
        if consumed > 0 {
            let ok = if joined {
                // "و" joins smaller parts, except units before tens (خمسة وعشرون)
                c < last_class || (last_class == 1 && c == 2)
            } else {
                // without "و": a count before its scale or hundred (ثلاثة آلاف، خمس مئة)
                matches!(m.lex, Lex::Scale { .. } | Lex::Hundred(100)) && c > last_class
            };
            if !ok {
                break;
            }
        }
        match m.lex {
            Lex::Unit(x) => {
                let mut x = x as f64;
                let mut end = m.end;
                // teens: unit + عشر/عشرة (ثلاثة عشر، اثنتي عشرة)
                if x < 10.0 {
                    if let Some(t) = lexicon::at(v, end, false, |l| *l == Lex::Unit(10)) {
                        x += 10.0;
                        end = t.end;
                    }
                } else if x == 10.0 && consumed == 0 {
                    // a lone عشر is 10; nothing to do
                }
                if (v.w(j) == "اثنا" || v.w(j) == "اثنتا" || v.w(j) == "اثني" || v.w(j) == "اثنتي")
                    && x < 10.0
                {
                    // these forms only exist in 12
                    break;
                }
                cur += x;
                j = end;
                last_class = if x >= 11.0 { 2 } else { 1 };
            }
            Lex::Ten(x) => {
                cur += x as f64;
                j = m.end;
                last_class = 2;
            }
            Lex::Hundred(x) => {
                if x == 100 && cur > 0.0 && cur < 10.0 && !joined {
                    cur *= 100.0;
                } else {
                    cur += x as f64;
                }
                j = m.end;
                last_class = 3;
            }
            Lex::Scale { mult, count } => {
                let k = match count {
                    2 => {
                        if cur > 0.0 && !joined {
                            break;
                        }
                        2.0
                    }
                    0 => {
                        if !(3.0..=10.0).contains(&cur) || joined {
                            // آلاف without a count is vague, not a number
                            break;
                        }
                        cur
                    }
                    _ => {
                        if cur > 0.0 && !joined {
                            cur
                        } else if consumed == 0 && matches!(v.w(j), "الفا" | "مليونا" | "مليارا")
                        {
                            // "ألفا رجل": the dual in construct (two thousand)
                            2.0
                        } else {
                            1.0
                        }
                    }
                };
                let add = k * mult;
                if cur > 0.0 && !joined {
                    cur = 0.0;
                }
                total += add;
                j = m.end;
                last_class = class(&m.lex);
            }
            _ => break,
        }
        if consumed == 0 {
            skip0 = m.skip;
        }
        consumed += 1;
    }
    if consumed == 0 {
        return None;
    }
    Some(Num {
        end: j,
        skip: skip0,
        value: Some(total + cur),
        words: true,
        plain_int: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_separators() {
        assert_eq!(parse_digits("1,500"), Some(1500.0));
        assert_eq!(parse_digits("1,500,000"), Some(1_500_000.0));
        assert_eq!(parse_digits("1.500.000"), Some(1_500_000.0));
        assert_eq!(parse_digits("1.5"), Some(1.5));
        assert_eq!(parse_digits("2,5"), Some(2.5));
        assert_eq!(parse_digits("1٬500"), Some(1500.0));
        assert_eq!(parse_digits("3٫25"), Some(3.25));
        assert_eq!(parse_digits("1,500.75"), Some(1500.75));
        assert_eq!(parse_digits("1,50,0"), None);
        assert_eq!(parse_digits("99999999999999999999"), None);
    }

    fn words(s: &str) -> Option<f64> {
        let v = View::new(s);
        let n = words_at(&v, 0)?;
        (n.end == v.len()).then_some(())?;
        n.value
    }

    #[test]
    fn compounds() {
        assert_eq!(words("ثلاثة آلاف وخمسمائة"), Some(3500.0));
        assert_eq!(words("مئتان وخمسون"), Some(250.0));
        assert_eq!(words("اثنتي عشرة"), Some(12.0));
        assert_eq!(words("اثنا عشر"), Some(12.0));
        assert_eq!(words("خمسة وعشرون"), Some(25.0));
        assert_eq!(words("ألفين"), Some(2000.0));
        assert_eq!(words("ألف"), Some(1000.0));
        assert_eq!(words("ثلاث مئة"), Some(300.0));
        assert_eq!(words("مليون وخمسمائة ألف"), Some(1_500_000.0));
        assert_eq!(words("مئتين وخمسين ألفا"), Some(250_000.0));
        assert_eq!(words("تسعة عشر"), Some(19.0));
        assert_eq!(words("أحد عشر"), Some(11.0));
        assert_eq!(words("إحدى عشرة"), Some(11.0));
        assert_eq!(words("ثلاثمائة وخمسة وستين"), Some(365.0));
        assert_eq!(words("خمسة ملايين"), Some(5e6));
    }
}

//! Publication dates in the forms pages write them: ISO 8601 and its
//! variants, `DD/MM/YYYY`, English and French month names, Arabic month
//! names (Egyptian/Gulf "أكتوبر" and Levantine "تشرين الأول"), Arabic-Indic
//! and Persian digits, and dates in URLs. Everything comes out as ISO 8601
//! (`YYYY-MM-DD`, with `THH:MM:SS` and an offset when the source had them).

/// Arabic-Indic / Persian digits to ASCII.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            _ => c,
        })
        .collect()
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    (1990..=2040).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

/// The month number of a month name (English, French, Arabic).
fn month_of(w: &str) -> Option<u32> {
    let w = w.to_lowercase();
    let w = w.trim_matches(|c: char| c == '.' || c == ',');
    const EN: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if w.is_ascii() && w.len() >= 3 {
        for (i, m) in EN.iter().enumerate() {
            if w.starts_with(m) {
                return Some(i as u32 + 1);
            }
        }
    }
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    if let Some(i) = FR.iter().position(|m| *m == w) {
        return Some(i as u32 + 1);
    }
    const AR: [(&str, u32); 30] = [
        ("يناير", 1),
        ("فبراير", 2),
        ("مارس", 3),
        ("أبريل", 4),
        ("ابريل", 4),
        ("إبريل", 4),
        ("مايو", 5),
        ("يونيو", 6),
        ("يونيه", 6),
        ("يوليو", 7),
        ("يوليه", 7),
        ("أغسطس", 8),
        ("اغسطس", 8),
        ("سبتمبر", 9),
        ("أكتوبر", 10),
        ("اكتوبر", 10),
        ("نوفمبر", 11),
        ("ديسمبر", 12),
        ("شباط", 2),
        ("آذار", 3),
        ("اذار", 3),
        ("نيسان", 4),
        ("أيار", 5),
        ("ايار", 5),
        ("حزيران", 6),
        ("تموز", 7),
        ("آب", 8),
        ("اب", 8),
        ("أيلول", 9),
        ("ايلول", 9),
    ];
    AR.iter().find(|(n, _)| *n == w).map(|(_, m)| *m)
}

/// Levantine two-word months (كانون الثاني …) to their number.
fn levantine_pair(a: &str, b: &str) -> Option<u32> {
    let second = matches!(b, "الثاني" | "الثانى");
    let first = matches!(b, "الأول" | "الاول");
    match a {
        "كانون" if second => Some(1),
        "كانون" if first => Some(12),
        "تشرين" if first => Some(10),
        "تشرين" if second => Some(11),
        _ => None,
    }
}

#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Num(&'a str),
    Word(&'a str),
}

fn toks(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut digit = false;
    for (i, c) in s.char_indices() {
        let is_d = c.is_ascii_digit();
        let is_w = c.is_alphabetic();
        match start {
            Some(st) if (digit && is_d) || (!digit && is_w) => {
                let _ = st;
            }
            Some(st) => {
                out.push(if digit {
                    Tok::Num(&s[st..i])
                } else {
                    Tok::Word(&s[st..i])
                });
                start = None;
                if is_d || is_w {
                    start = Some(i);
                    digit = is_d;
                }
            }
            None => {
                if is_d || is_w {
                    start = Some(i);
                    digit = is_d;
                }
            }
        }
    }
    if let Some(st) = start {
        out.push(if digit {
            Tok::Num(&s[st..])
        } else {
            Tok::Word(&s[st..])
        });
    }
    out
}

/// Normalises a date string to ISO 8601, or `None` when it holds no date.
pub fn normalize(s: &str) -> Option<String> {
    let s = ascii_digits(s.trim());
    if s.len() > 400 {
        return None;
    }
    iso(&s).or_else(|| loose(&s))
}

/// `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:]MM]`.
fn iso(s: &str) -> Option<String> {
    let (y, m, d) = marsad_arabic::calendar::iso_date_prefix(s)?;
    if !valid(y, m, d) {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    let rest = &s[10..];
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '));
    let Some(rest) = rest else { return Some(date) };
    let rb = rest.as_bytes();
    if rb.len() < 5 || rb[2] != b':' {
        return Some(date);
    }
    let hh: u32 = rest[0..2].parse().ok()?;
    let mm: u32 = rest[3..5].parse().ok()?;
    let mut i = 5;
    let mut ss = 0u32;
    if rb.len() >= 8 && rb[5] == b':' {
        ss = rest[6..8].parse().unwrap_or(0);
        i = 8;
        if rb.get(8) == Some(&b'.') {
            i = 9;
            while i < rb.len() && rb[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    if hh > 23 || mm > 59 || ss > 60 {
        return Some(date);
    }
    let tz = rest[i..].trim();
    let off = if tz.starts_with('Z')
        || tz.eq_ignore_ascii_case("utc")
        || tz.eq_ignore_ascii_case("gmt")
    {
        "Z".to_string()
    } else if let Some(sign) = tz.chars().next().filter(|c| *c == '+' || *c == '-') {
        let digits: String = tz[1..]
            .chars()
            .filter(|c| c.is_ascii_digit())
            .take(4)
            .collect();
        if digits.len() == 4 {
            format!("{sign}{}:{}", &digits[..2], &digits[2..])
        } else if digits.len() == 2 {
            format!("{sign}{digits}:00")
        } else {
            String::new()
        }
    } else {
        String::new()
    };
    Some(format!("{date}T{hh:02}:{mm:02}:{ss:02}{off}"))
}

/// Dates written with words or slashes: "07 أكتوبر 2020", "Nov 19, 2019",
/// "19 November 2019", "08/10/2009", "2020/8/24", "تشرين الأول 5، 2019".
fn loose(s: &str) -> Option<String> {
    let t = toks(s);
    // month names
    for i in 0..t.len() {
        let Tok::Word(w) = t[i] else { continue };
        let (m, mut next) = match (month_of(w), t.get(i + 1)) {
            (Some(m), _) => (m, i + 1),
            (None, Some(Tok::Word(b))) => match levantine_pair(w, b) {
                Some(m) => (m, i + 2),
                None => continue,
            },
            _ => continue,
        };
        // "آب/اغسطس", "نيسان / أبريل": a second name for the same month
        if let Some(Tok::Word(w2)) = t.get(next) {
            if month_of(w2).is_some() {
                next += 1;
            }
        }
        let num = |j: usize| match t.get(j) {
            Some(Tok::Num(n)) => n.parse::<u32>().ok(),
            _ => None,
        };
        // D Month YYYY
        if i >= 1 {
            if let (Some(d), Some(y)) = (num(i - 1), num(next)) {
                if valid(y, m, d) {
                    return Some(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
        // Month D, YYYY
        if let (Some(d), Some(y)) = (num(next), num(next + 1)) {
            if valid(y, m, d) {
                return Some(format!("{y:04}-{m:02}-{d:02}"));
            }
        }
    }
    numeric(s)
}

/// `DD/MM/YYYY`, `YYYY/MM/DD`, `DD.MM.YYYY`, `YYYY-M-D`: three numbers
/// joined by the same separator.
fn numeric(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let run = |from: usize| {
            let mut e = from;
            while e < b.len() && b[e].is_ascii_digit() {
                e += 1;
            }
            e
        };
        let e1 = run(i);
        if e1 < b.len() && matches!(b[e1], b'/' | b'-' | b'.') && e1 - i <= 4 {
            let sep = b[e1];
            let e2 = run(e1 + 1);
            if e2 > e1 + 1 && e2 - e1 - 1 <= 2 && e2 < b.len() && b[e2] == sep {
                let e3 = run(e2 + 1);
                if e3 > e2 + 1 && e3 - e2 - 1 <= 4 {
                    let a: u32 = s[i..e1].parse().ok()?;
                    let m: u32 = s[e1 + 1..e2].parse().ok()?;
                    let c: u32 = s[e2 + 1..e3].parse().ok()?;
                    if a >= 1990 && valid(a, m, c) {
                        return Some(format!("{a:04}-{m:02}-{c:02}"));
                    }
                    if c >= 1990 {
                        if valid(c, m, a) {
                            return Some(format!("{c:04}-{m:02}-{a:02}"));
                        }
                        if valid(c, a, m) {
                            return Some(format!("{c:04}-{a:02}-{m:02}"));
                        }
                    }
                }
            }
        }
        i = e1;
    }
    None
}

/// A date in a URL path: `/2019/11/20/`, `/2020/8/24/`, `/2019-11-20-…`,
/// or an 8-digit `YYYYMMDD` run opening a path segment.
pub fn from_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let segs: Vec<&str> = path.split('/').collect();
    for i in 0..segs.len() {
        let y: Option<u32> = (segs[i].len() == 4).then(|| segs[i].parse().ok()).flatten();
        if let Some(y) = y {
            let m: Option<u32> = segs.get(i + 1).and_then(|s| s.parse().ok());
            // the day is a whole 1-2 digit run (not the start of an article id)
            let d: Option<u32> = segs.get(i + 2).and_then(|s| {
                let run: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
                (!run.is_empty() && run.len() <= 2)
                    .then(|| run.parse().ok())
                    .flatten()
            });
            if let (Some(m), Some(d)) = (m, d) {
                if valid(y, m, d) {
                    return Some(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
        if let Some(d) = iso(segs[i].get(..10).unwrap_or("")) {
            return Some(d);
        }
        let digits: String = segs[i].chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.len() >= 8 {
            let (y, m, d): (u32, u32, u32) = (
                digits[0..4].parse().ok()?,
                digits[4..6].parse().ok()?,
                digits[6..8].parse().ok()?,
            );
            if valid(y, m, d) && y >= 2000 {
                return Some(format!("{y:04}-{m:02}-{d:02}"));
            }
        }
    }
    None
}

/// The first date written in running text (a dateline, "نشر في …").
pub fn from_text(text: &str) -> Option<String> {
    let text = ascii_digits(text);
    for line in text.lines().take(400) {
        if line.chars().count() > 200 {
            continue;
        }
        if let Some(d) = loose(line) {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_forms() {
        assert_eq!(
            normalize("2020-06-03T03:01+0400").as_deref(),
            Some("2020-06-03T03:01:00+04:00")
        );
        assert_eq!(
            normalize("2020-12-01 02:00:00").as_deref(),
            Some("2020-12-01T02:00:00")
        );
        assert_eq!(
            normalize("2024-03-03T13:52:13.299Z").as_deref(),
            Some("2024-03-03T13:52:13Z")
        );
        assert_eq!(
            normalize("2024-04-30 16:00:34 +02:00").as_deref(),
            Some("2024-04-30T16:00:34+02:00")
        );
        assert_eq!(normalize("2022-04-08").as_deref(), Some("2022-04-08"));
    }

    #[test]
    fn worded_forms() {
        assert_eq!(
            normalize("الأربعاء، 07 أكتوبر 2020 - 12:09 م").as_deref(),
            Some("2020-10-07")
        );
        assert_eq!(
            normalize("٥ تشرين الأول ٢٠١٩").as_deref(),
            Some("2019-10-05")
        );
        assert_eq!(
            normalize("Updated Nov 19, 2019 6:55 AM").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(normalize("19 November 2019").as_deref(), Some("2019-11-19"));
        assert_eq!(normalize("08/10/2009").as_deref(), Some("2009-10-08"));
        assert_eq!(
            normalize("28 آب/اغسطس 2013، آخر تحديث 14:00").as_deref(),
            Some("2013-08-28")
        );
        assert_eq!(
            normalize("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً").as_deref(),
            Some("2020-04-24")
        );
        assert_eq!(normalize("no date here"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            from_url("https://www.youm7.com/story/2020/8/24/x/4943459").as_deref(),
            Some("2020-08-24")
        );
        assert_eq!(
            from_url("https://x.com/en/20190826-mexico-africa").as_deref(),
            Some("2019-08-26")
        );
        assert_eq!(
            from_url("https://x.com/a/202003171044893040-x/").as_deref(),
            Some("2020-03-17")
        );
        assert_eq!(
            from_url("https://www.beirutobserver.com/2020/11/2338761/"),
            None
        );
        assert_eq!(from_url("https://x.com/news/1353889/abc"), None);
    }
}

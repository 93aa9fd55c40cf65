//! Time expressions → ISO 8601 values.
//!
//! Value conventions (see docs/values.md):
//! * dates `2015-11-26`, partial `2015-11`, `2015`, year-less `XXXX-11-26`,
//!   ISO weeks `2015-W30`, bare weekdays without an anchor `XXXX-WXX-2`;
//! * intervals `start/end` (open ends `..`); parts of a month are thirds
//!   (مطلع 1–10, منتصف 11–20, أواخر 21–end), of a year quarters-ish
//!   (مطلع 01–03, منتصف 05–08, أواخر 10–12);
//! * times of day `T06:00`, `T01:30Z`, `T13:00+03:00`;
//! * durations `P3D`, `PT48H`, `P2Y`; vague ones `PXY`; sets `P1D` (يوميا).
//!
//! Relative expressions need the anchor; without one their value is null.

use crate::calendar::{
    days_in_month, gregorian_to_hijri, hijri_month_len, hijri_to_gregorian, Ymd,
};
use crate::lexicon::{self, DayPart, Lex, Part, TimeUnit};
use crate::numbers;
use crate::scan::View;
use marsad_arabic::TokenKind;
use marsad_core::{CharIndex, Span, TimeExpr, TimeKind};

/// A time expression found on the token view.
#[derive(Debug, Clone)]
pub(crate) struct THit {
    /// First token.
    pub i: usize,
    /// Proclitic letters left out of the first token.
    pub skip: usize,
    /// Token after the expression.
    pub end: usize,
    /// ISO 8601 value.
    pub value: Option<String>,
    /// Kind.
    pub kind: TimeKind,
    /// Hijri date as written.
    pub hijri: Option<String>,
    /// The anchor was used.
    pub anchored: bool,
    /// Original code-point span (filled by [`find`]).
    pub span: (usize, usize),
}

impl THit {
    fn new(i: usize, skip: usize, end: usize, kind: TimeKind, value: Option<String>) -> THit {
        THit {
            i,
            skip,
            end,
            value,
            kind,
            hijri: None,
            anchored: false,
            span: (0, 0),
        }
    }

    fn anchored(mut self, a: bool) -> THit {
        self.anchored = a;
        self
    }

    /// The published record.
    pub fn into_expr(self, text: &str, ix: &CharIndex) -> TimeExpr {
        let span = Span::new(self.span.0, self.span.1);
        TimeExpr {
            span,
            text: ix.slice(text, span).to_string(),
            value: self.value,
            kind: self.kind,
            hijri: self.hijri,
            anchored: self.anchored,
        }
    }
}

/// Finds the time expressions of the view.
pub(crate) fn find(v: &View, anchor: Option<Ymd>) -> Vec<THit> {
    let mut out: Vec<THit> = Vec::new();
    let mut i = 0;
    while i < v.len() {
        if !v.open[i] {
            i += 1;
            continue;
        }
        match best_at(v, i, anchor) {
            Some(h) if h.end > i => {
                i = h.end;
                out.push(h);
            }
            _ => i += 1,
        }
    }
    let mut out = merge_intervals(v, out);
    for h in &mut out {
        h.span = v.orig_span(h.i, h.skip, h.end);
    }
    out
}

fn best_at(v: &View, i: usize, a: Option<Ymd>) -> Option<THit> {
    let k = v.kind(i)?;
    if !matches!(
        k,
        TokenKind::Arabic | TokenKind::Number | TokenKind::Date | TokenKind::Time
    ) {
        return None;
    }
    let mut best: Option<THit> = None;
    let mut take = |h: Option<THit>| {
        if let Some(h) = h {
            if best.as_ref().is_none_or(|b| h.end > b.end) {
                best = Some(h);
            }
        }
    };
    take(date_at(v, i, a, false));
    take(season_at(v, i, a));
    take(numeric_date_at(v, i));
    take(clock_at(v, i));
    if k == TokenKind::Arabic || k == TokenKind::Number {
        take(relative_at(v, i, a));
        take(weekday_at(v, i, a));
        take(period_at(v, i, a));
        take(part_at(v, i, a));
        take(year_at(v, i));
        take(count_at(v, i, a));
        take(set_at(v, i));
    }
    // a part of the day before a date: "صباح اليوم", "مساء الثلاثاء"
    if best.is_none() {
        if let Some(m) = lexicon::at(v, i, true, |l| matches!(l, Lex::DayPart(_))) {
            if v.w(i) != "ليل" && v.w(i) != "ليلا" {
                let mut inner: Option<THit> = None;
                for h in [
                    relative_at(v, m.end, a),
                    weekday_at(v, m.end, a),
                    date_at(v, m.end, a, false),
                ]
                .into_iter()
                .flatten()
                {
                    if inner.as_ref().is_none_or(|b| h.end > b.end) {
                        inner = Some(h);
                    }
                }
                if let Some(mut h) = inner {
                    if h.kind == TimeKind::Date {
                        h.i = i;
                        h.skip = m.skip;
                        best = Some(h);
                    }
                }
            }
        }
    }
    best
}

// ---------------------------------------------------------------- helpers

/// A word for "year" at token `i` (عام، سنة، العام …): the one-year
/// duration or the year period of the lexicon; `clitics` as in [`lexicon::at`].
fn year_word(v: &View, i: usize, clitics: bool) -> Option<lexicon::Match> {
    lexicon::at(v, i, clitics, |l| {
        matches!(
            l,
            Lex::Dur {
                unit: TimeUnit::Year,
                count: 1
            } | Lex::Period(TimeUnit::Year)
        )
    })
}

fn small_int(v: &View, i: usize, lo: u32, hi: u32) -> Option<u32> {
    if v.kind(i) != Some(TokenKind::Number) {
        return None;
    }
    let w = v.w(i);
    if w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = w.parse().ok()?;
    (lo..=hi).contains(&n).then_some(n)
}

/// A day written as an ordinal word: الخامس، الحادي عشر، الثالث والعشرين.
fn ordinal_day_at(v: &View, i: usize) -> Option<(usize, usize, u32)> {
    let m = lexicon::at(v, i, true, |l| matches!(l, Lex::Ordinal(_)))?;
    let Lex::Ordinal(x) = m.lex else { return None };
    let next = v.w(m.end);
    if (1..=11).contains(&x) && (next == "عشر" || next == "عشره") {
        let d = if x == 11 { 11 } else { x + 10 };
        if (11..=19).contains(&d) {
            return Some((m.end + 1, m.skip, d));
        }
        return None;
    }
    if (1..=11).contains(&x) {
        let nm = lexicon::at(v, m.end, true, |l| matches!(l, Lex::Ordinal(20 | 30)));
        if let Some(nm) = nm {
            if v.w(m.end).starts_with('و') {
                let Lex::Ordinal(t) = nm.lex else { return None };
                let u = if x == 11 { 1 } else { x };
                let d = t + u;
                return (d <= 31).then_some((nm.end, m.skip, d));
            }
        }
    }
    if x == 11 {
        return None; // الحادي alone is not a day
    }
    Some((m.end, m.skip, x))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cal {
    Greg,
    Hijri,
}

/// A month name at `i` (with "شهر" before it, and a paired name after it:
/// "تشرين الثاني/نوفمبر", "مارس (آذار)").
fn month_at(v: &View, i: usize) -> Option<(usize, usize, Cal, u32, bool)> {
    let mut j = i;
    let mut skip = 0;
    let mut had_shahr = false;
    if let Some(s) = shahr_at(v, i) {
        j = s.0;
        skip = s.1;
        had_shahr = true;
    }
    let m = lexicon::at(v, j, !had_shahr, |l| {
        matches!(l, Lex::GMonth { .. } | Lex::HMonth { .. })
    })?;
    if !had_shahr {
        skip = m.skip;
    }
    let (cal, num, strong) = match m.lex {
        Lex::GMonth { m, strong } => (Cal::Greg, m, strong),
        Lex::HMonth { m, strong } => (Cal::Hijri, m, strong),
        _ => return None,
    };
    let mut end = m.end;
    let mut paired = false;
    // paired name: / - ( … )
    let sep = v.w(end);
    if cal == Cal::Greg
        && lexicon::at(
            v,
            end,
            false,
            |l| matches!(l, Lex::GMonth { m: n2, .. } if *n2 == num),
        )
        .is_some()
    {
        // juxtaposed names: "فبراير شباط 2009"
        if let Some(m2) = lexicon::at(v, end, false, |l| matches!(l, Lex::GMonth { .. })) {
            end = m2.end;
            paired = true;
        }
    } else if cal == Cal::Greg
        && matches!(sep, "/" | "-" | "(" | "–")
        && matches!(v.w(end + 1), "تشرين" | "كانون")
        && lexicon::at(v, end + 1, false, |l| matches!(l, Lex::GMonth { .. })).is_none()
    {
        // a paired name cut short: "20 أكتوبر/ تشرين الماضي"
        end += 2;
        paired = true;
        if sep == "(" && v.w(end) == ")" {
            end += 1;
        }
    } else if cal == Cal::Greg && matches!(sep, "/" | "-" | "(" | "–") {
        if let Some(m2) = lexicon::at(v, end + 1, false, |l| matches!(l, Lex::GMonth { .. })) {
            if let Lex::GMonth { m: n2, .. } = m2.lex {
                if n2 == num {
                    end = m2.end;
                    paired = true;
                    if sep == "(" && v.w(end) == ")" {
                        end += 1;
                    }
                }
            }
        }
    }
    Some((end, skip, cal, num, strong || had_shahr || paired))
}

fn shahr_at(v: &View, i: usize) -> Option<(usize, usize)> {
    let w = v.w(i);
    for (skip, stem) in lexicon::stems(w) {
        if stem == "شهر" || stem == "شهري" {
            return Some((i + 1, skip));
        }
    }
    None
}

/// A year after a month or after عام: digits with an optional era mark.
/// Returns (end, year, hijri-marked).
fn year_digits_at(v: &View, i: usize) -> Option<(usize, i32, bool)> {
    let y = small_int(v, i, 1000, 2999)?;
    let (end, hijri) = era_mark(v, i + 1);
    Some((end, y as i32, hijri))
}

fn era_mark(v: &View, i: usize) -> (usize, bool) {
    match v.w(i) {
        "م" | "ميلادي" | "ميلاديه" | "للميلاد" => (i + 1, false),
        "ه" | "هجري" | "هجريه" | "للهجره" => (i + 1, true),
        _ => (i, false),
    }
}

fn period_mod_at(v: &View, i: usize) -> Option<(usize, i64)> {
    let m = lexicon::at(v, i, false, |l| matches!(l, Lex::PeriodMod(_)))?;
    let Lex::PeriodMod(k) = m.lex else {
        return None;
    };
    Some((m.end, k))
}

// ---------------------------------------------------------------- values

fn greg_value(
    y: Option<i32>,
    m: u32,
    d: Option<u32>,
    a: Option<Ymd>,
    rel: Option<i64>,
) -> (Option<String>, bool) {
    match (y, d) {
        (Some(y), Some(d)) => (Ymd::new(y, m, d).map(|x| x.iso()), false),
        (Some(y), None) => (Some(format!("{y:04}-{m:02}")), false),
        (None, d) => {
            if d.is_some_and(|d| d > days_in_month(2016, m)) {
                return (None, false); // 31 شباط: impossible in any year
            }
            let Some(a) = a else {
                return (
                    match d {
                        Some(d) => Some(format!("XXXX-{m:02}-{d:02}")),
                        None => Some(format!("XXXX-{m:02}")),
                    },
                    false,
                );
            };
            let y = pick_year(a, m, d.unwrap_or(15), rel);
            match d {
                Some(d) => (Ymd::new(y, m, d).map(|x| x.iso()), true),
                None => (Some(format!("{y:04}-{m:02}")), true),
            }
        }
    }
}

/// The year that puts month `m` (day `d`) nearest the anchor, or the last
/// one before it (`rel` −1: "نوفمبر الماضي") or the next one after it (+1).
fn pick_year(a: Ymd, m: u32, d: u32, rel: Option<i64>) -> i32 {
    let key = |y: i32| days_from(y, m, d);
    let anchor = a.days();
    let cands = [a.y - 1, a.y, a.y + 1];
    match rel {
        Some(k) if k < 0 => {
            // the latest month strictly before the anchor's month
            let mut y = a.y;
            if (m, 0) >= (a.m, 0) {
                y -= 1;
            }
            y
        }
        Some(k) if k > 0 => {
            let mut y = a.y;
            if m <= a.m {
                y += 1;
            }
            y
        }
        Some(_) => a.y,
        _ => *cands
            .iter()
            .min_by_key(|&&y| (key(y) - anchor).abs())
            .unwrap_or(&a.y),
    }
}

fn days_from(y: i32, m: u32, d: u32) -> i64 {
    crate::calendar::days_from_civil(y as i64, m as i64, d.min(days_in_month(y, m)) as i64)
}

fn hijri_value(
    y: Option<i32>,
    m: u32,
    d: Option<u32>,
    a: Option<Ymd>,
    rel: Option<i64>,
) -> (Option<String>, Option<String>, TimeKind, bool) {
    let mut anchored = false;
    let y = match y {
        Some(y) => Some(y),
        None => a.and_then(|a| {
            anchored = true;
            let (hy, hm, _) = gregorian_to_hijri(a)?;
            match rel {
                Some(0) => return Some(hy),
                Some(k) if k < 0 => return Some(if m < hm { hy } else { hy - 1 }),
                Some(_) => return Some(if m > hm { hy } else { hy + 1 }),
                None => {}
            }
            let anchor = a.days();
            [hy - 1, hy, hy + 1]
                .into_iter()
                .filter_map(|y| Some((y, hijri_to_gregorian(y, m, d.unwrap_or(15).min(29))?)))
                .min_by_key(|(_, g)| (g.days() - anchor).abs())
                .map(|(y, _)| y)
        }),
    };
    if d.is_some_and(|d| d > 30) {
        return (None, None, TimeKind::Date, false);
    }
    let Some(y) = y else {
        let h = match d {
            Some(d) => format!("XXXX-{m:02}-{d:02}"),
            None => format!("XXXX-{m:02}"),
        };
        return (None, Some(h), TimeKind::Date, false);
    };
    match d {
        Some(d) => {
            let g = hijri_to_gregorian(y, m, d);
            (
                g.map(|g| g.iso()),
                g.map(|_| format!("{y:04}-{m:02}-{d:02}")),
                TimeKind::Date,
                anchored && g.is_some(),
            )
        }
        None => {
            let (Some(s), Some(len)) = (hijri_to_gregorian(y, m, 1), hijri_month_len(y, m)) else {
                return (None, Some(format!("{y:04}-{m:02}")), TimeKind::Date, false);
            };
            let e = s.add_days(len as i64 - 1);
            (
                Some(format!("{}/{}", s.iso(), e.iso())),
                Some(format!("{y:04}-{m:02}")),
                TimeKind::Interval,
                anchored,
            )
        }
    }
}

fn hijri_year_value(y: i32) -> Option<String> {
    let s = hijri_to_gregorian(y, 1, 1)?;
    let e = hijri_to_gregorian(y + 1, 1, 1)?.add_days(-1);
    Some(format!("{}/{}", s.iso(), e.iso()))
}

// ---------------------------------------------------------------- patterns

/// Explicit dates: [weekday] [day] month [year], day ranges, "الخامس من
/// الشهر الجاري".
fn date_at(v: &View, i: usize, a: Option<Ymd>, ctx: bool) -> Option<THit> {
    let mut j = i;
    let mut skip = 0;
    let mut started = false;
    // optional weekday prefix: "الثلاثاء 26 نوفمبر", "يوم الخميس، 5 شوال"
    if let Some((e, s)) = weekday_word_at(v, i) {
        let mut e = e;
        if matches!(v.w(e), "،" | ",") {
            e += 1;
        }
        if small_int(v, e, 1, 31).is_some() || ordinal_day_at(v, e).is_some() {
            j = e;
            skip = s;
            started = true;
        }
    }
    // "يوم" before a day number
    if !started {
        for (s, stem) in lexicon::stems(v.w(j)) {
            if stem == "يوم"
                && (small_int(v, j + 1, 1, 31).is_some() || ordinal_day_at(v, j + 1).is_some())
            {
                skip = s;
                j += 1;
                started = true;
                break;
            }
        }
    }
    // the day
    let mut day: Option<u32> = None;
    let mut day2: Option<u32> = None;
    let first_day_tok = j;
    let mut by_ordinal = false;
    if let Some(d) = small_int(v, j, 1, 99) {
        if !started {
            skip = 0;
        }
        day = Some(d);
        j += 1;
        // day range: 5-10 أغسطس, 5 إلى 10, 5 و6
        if matches!(v.w(j), "-" | "–" | "الي" | "حتي") || v.w(j) == "و" {
            if let Some(d2) = small_int(v, j + 1, 1, 31) {
                if d2 > d {
                    day2 = Some(d2);
                    j += 2;
                }
            }
        } else if let Some(d2) = v.w(j).strip_prefix('و').and_then(|r| r.parse::<u32>().ok()) {
            let _ = d2; // "5 و6" glued forms are tokenized apart; nothing here
        }
        if v.w(j) == "من" {
            j += 1;
        }
    } else if let Some((e, s, d)) = ordinal_day_at(v, j) {
        if !started {
            skip = s;
        }
        day = Some(d);
        by_ordinal = true;
        j = e;
        // "السابع والثامن من يوليو"
        if v.w(j).starts_with('و') {
            if let Some((e2, _, d2)) = ordinal_day_at(v, j) {
                if d2 > d && v.w(e2) == "من" {
                    day2 = Some(d2);
                    j = e2;
                }
            }
        }
        if v.w(j) != "من" {
            return None; // "الخامس" alone is not a date
        }
        j += 1;
    }
    // "من الشهر الجاري / الماضي", "من هذا الشهر"
    if day.is_some() {
        let mut k = j;
        if v.w(k) == "هذا" {
            k += 1;
            if lexicon::at(v, k, false, |l| *l == Lex::Period(TimeUnit::Month)).is_some() {
                let d = day?;
                let hit = rel_month_day(a, 0, d);
                return Some(
                    THit::new(i, skip, k + 1, TimeKind::Date, hit.clone()).anchored(hit.is_some()),
                );
            }
        }
        if let Some(m) = lexicon::at(v, k, false, |l| *l == Lex::Period(TimeUnit::Month)) {
            if let Some((e, off)) = period_mod_at(v, m.end) {
                let d = day?;
                let val = rel_month_day(a, off, d);
                return Some(
                    THit::new(i, skip, e, TimeKind::Date, val.clone()).anchored(val.is_some()),
                );
            }
        }
    }
    // the month
    let month_tok = j;
    let (mut e, mskip, cal, m, strong) = month_at(v, j)?;
    if day.is_none() {
        skip = mskip;
    } else if mskip > 0 {
        return None; // "5 وشباط": a clitic inside the date
    }
    if day.is_some_and(|d| d > 31) {
        return None;
    }
    // year
    let mut year: Option<i32> = None;
    let mut hijri_mark = false;
    let mut k = e;
    if matches!(v.w(k), "،" | ",") && small_int(v, k + 1, 1000, 2999).is_some() {
        k += 1;
    }
    // "من عام 2015", "عام 2015"
    let mut k2 = k;
    if v.w(k2) == "من" {
        k2 += 1;
    }
    if year_word(v, k2, true).is_some() && small_int(v, k2 + 1, 1000, 2999).is_some() {
        k = k2 + 1;
    }
    if let Some((ye, y, hm)) = year_digits_at(v, k) {
        year = Some(y);
        hijri_mark = hm;
        e = ye;
    }
    let mut rel: Option<i64> = None;
    let mut set = false;
    let mut year_anchored = false;
    if year.is_none() {
        let is_year =
            |k: usize| lexicon::at(v, k, false, |l| *l == Lex::Period(TimeUnit::Year)).is_some();
        if let Some((pe, off)) = period_mod_at(v, e) {
            rel = Some(off);
            e = pe;
        } else if v.w(e) == "من" && is_year(e + 1) {
            if let Some((pe, off)) = period_mod_at(v, e + 2) {
                if let Some(a) = a {
                    year = Some(a.y + off as i32);
                    year_anchored = true;
                }
                e = pe;
            }
        } else if v.w(e) == "من" && matches!(v.w(e + 1), "هذا" | "هذه") && is_year(e + 2) {
            if let Some(a) = a {
                year = Some(a.y);
                year_anchored = true;
            }
            e += 3;
        } else if v.w(e) == "من" && v.w(e + 1) == "كل" && matches!(v.w(e + 2), "عام" | "سنه")
        {
            set = true;
            e += 3;
        }
    }
    if !strong && day.is_none() && year.is_none() && rel.is_none() && !ctx {
        return None;
    }
    if set && cal == Cal::Greg {
        let val = match day {
            Some(d) if d <= days_in_month(2016, m) => Some(format!("XXXX-{m:02}-{d:02}")),
            Some(_) => None,
            None => Some(format!("XXXX-{m:02}")),
        };
        return Some(THit::new(i, skip, e, TimeKind::Set, val));
    }
    let _ = (first_day_tok, month_tok, by_ordinal);
    let mut hit = match cal {
        Cal::Greg => {
            let (val, anchored) = greg_value(year, m, day, a, rel);
            let anchored = anchored || year_anchored;
            if let (Some(d2), Some(v1)) = (day2, val.as_ref()) {
                let (v2, _) = greg_value(year, m, Some(d2), a, rel);
                let val = v2.map(|v2| format!("{v1}/{v2}"));
                THit::new(i, skip, e, TimeKind::Interval, val).anchored(anchored)
            } else {
                THit::new(i, skip, e, TimeKind::Date, val).anchored(anchored)
            }
        }
        Cal::Hijri => {
            let _ = hijri_mark;
            let (val, h, kind, anchored) = hijri_value(year, m, day, a, rel);
            let mut t = THit::new(i, skip, e, kind, val).anchored(anchored);
            t.hijri = h;
            if let (Some(d2), Some(v1), Some(h1)) = (day2, t.value.clone(), t.hijri.clone()) {
                let (v2, h2, _, _) = hijri_value(year, m, Some(d2), a, rel);
                t.kind = TimeKind::Interval;
                t.value = v2.map(|v2| format!("{v1}/{v2}"));
                t.hijri = h2.map(|h2| format!("{h1}/{h2}"));
            }
            t
        }
    };
    // "هـ" after a year-less Hijri date
    if cal == Cal::Hijri && year.is_none() {
        let (e2, _) = era_mark(v, hit.end);
        hit.end = e2;
    }
    Some(hit)
}

fn rel_month_day(a: Option<Ymd>, off: i64, d: u32) -> Option<String> {
    let a = a?;
    let (y, m) = a.add_months(off);
    Ymd::new(y, m, d).map(|x| x.iso())
}

/// Numeric dates: 26/11/2015, 2015-11-26, 1436/10/5 هـ.
fn numeric_date_at(v: &View, i: usize) -> Option<THit> {
    if v.kind(i) != Some(TokenKind::Date) {
        return None;
    }
    let w = v.w(i);
    let parts: Vec<u32> = w
        .split(['/', '-', '.'])
        .map(|p| p.parse().ok())
        .collect::<Option<Vec<u32>>>()?;
    if parts.len() != 3 {
        return None;
    }
    let (y, m, d) = if parts[0] >= 1000 {
        (parts[0], parts[1], parts[2])
    } else if parts[2] >= 1000 {
        (parts[2], parts[1], parts[0])
    } else {
        return None;
    };
    let (end, marked) = era_mark(v, i + 1);
    let hijri = marked || (1300..1600).contains(&y);
    if !hijri && !(1800..=2100).contains(&y) {
        return None; // a reference number such as 5352/1/1433, not a date
    }
    if hijri {
        let mut t = THit::new(i, 0, end, TimeKind::Date, None);
        if let Some(g) = hijri_to_gregorian(y as i32, m, d) {
            t.value = Some(g.iso());
            t.hijri = Some(format!("{y:04}-{m:02}-{d:02}"));
        }
        Some(t)
    } else {
        let val = Ymd::new(y as i32, m, d).map(|x| x.iso());
        Some(THit::new(i, 0, end, TimeKind::Date, val))
    }
}

fn weekday_word_at(v: &View, i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    let mut skip = 0;
    let mut had_yawm = false;
    for (s, stem) in lexicon::stems(v.w(i)) {
        if stem == "يوم" {
            j = i + 1;
            skip = s;
            had_yawm = true;
            break;
        }
    }
    let m = lexicon::at(v, j, !had_yawm, |l| matches!(l, Lex::Weekday(_)))?;
    if !had_yawm {
        skip = m.skip;
    }
    // "بين الاثنين": between the two, not Monday
    if m.lex == Lex::Weekday(1) && !had_yawm && i > 0 && v.w(i - 1) == "بين" {
        return None;
    }
    Some((m.end, skip))
}

fn weekday_num(v: &View, i: usize) -> Option<u32> {
    let j = if lexicon::stems(v.w(i)).any(|(_, s)| s == "يوم") {
        i + 1
    } else {
        i
    };
    match lexicon::at(v, j, true, |l| matches!(l, Lex::Weekday(_)))?.lex {
        Lex::Weekday(n) => Some(n),
        _ => None,
    }
}

/// Weekdays: الثلاثاء، يوم الخميس المقبل، الأحد الماضي.
fn weekday_at(v: &View, i: usize, a: Option<Ymd>) -> Option<THit> {
    let (mut e, skip) = weekday_word_at(v, i)?;
    let n = weekday_num(v, i)?;
    let mut off = None;
    if let Some((pe, k)) = period_mod_at(v, e) {
        if k != 0 {
            off = Some(k);
            e = pe;
        }
    }
    // "الثلاثاء 19/10/1436هـ", "يوم الاثنين الموافق 18-10-1436": the date wins
    {
        let mut k = e;
        if matches!(v.w(k), "،" | "," | "(") {
            k += 1;
        }
        if v.w(k) == "الموافق" {
            k += 1;
        }
        if matches!(v.w(k), "(") {
            k += 1;
        }
        if let Some(mut h) = numeric_date_at(v, k) {
            if h.value.is_some() {
                if v.w(h.end) == ")" {
                    h.end += 1;
                }
                h.i = i;
                h.skip = skip;
                return Some(h);
            }
        }
    }
    let (val, anchored) = match a {
        // a bare weekday is a partial date; "الماضي/المقبل" needs the anchor
        None if off.is_some() => (None, false),
        None => (Some(format!("XXXX-WXX-{n}")), false),
        Some(a) => {
            let wd = a.weekday() as i64;
            let back = (wd - n as i64).rem_euclid(7);
            let d = match off {
                Some(k) if k < 0 => a.add_days(-(if back == 0 { 7 } else { back })),
                Some(_) => {
                    let fwd = (n as i64 - wd).rem_euclid(7);
                    a.add_days(if fwd == 0 { 7 } else { fwd })
                }
                None => a.add_days(-back),
            };
            (Some(d.iso()), true)
        }
    };
    Some(THit::new(i, skip, e, TimeKind::Date, val).anchored(anchored))
}

/// اليوم، أمس، أمس الأول، غدا، بعد غد — with "(الاثنين)" after them.
fn relative_at(v: &View, i: usize, a: Option<Ymd>) -> Option<THit> {
    let m = lexicon::at(v, i, true, |l| matches!(l, Lex::RelDay(_)))?;
    let Lex::RelDay(off) = m.lex else { return None };
    let mut e = m.end;
    let next = v.w(e);
    if v.w(i).ends_with("اليوم") && i > 0 && v.w(i - 1) == "عين" {
        return None; // the newspaper «عين اليوم»
    }
    if v.w(i).ends_with("اليوم") {
        // "اليوم التالي", "اليوم الوطني": another day
        if next.starts_with("ال")
            && lexicon::at(v, e, false, |l| matches!(l, Lex::Weekday(_))).is_none()
        {
            return None;
        }
        if matches!(next, "نفسه" | "ذاته") {
            return None;
        }
    }
    let mut wd: Option<u32> = None;
    if next == "(" {
        if let Some(n) = weekday_num(v, e + 1) {
            let (we, _) = weekday_word_at(v, e + 1)?;
            if v.w(we) == ")" {
                wd = Some(n);
                e = we + 1;
            }
        }
    } else if let Some(n) = lexicon::at(v, e, false, |l| matches!(l, Lex::Weekday(_))) {
        if let Lex::Weekday(x) = n.lex {
            wd = Some(x);
            e = n.end;
        }
    }
    let val = a.map(|a| {
        let mut d = a.add_days(off);
        if let Some(n) = wd {
            // the named weekday wins, looked for from five days before
            // the computed day to one after (the anchor is often a crawl
            // date, after publication)
            let delta = (n as i64 - d.weekday() as i64).rem_euclid(7);
            let delta = if delta > 1 { delta - 7 } else { delta };
            d = d.add_days(delta);
        }
        d.iso()
    });
    let anchored = val.is_some();
    Some(THit::new(i, m.skip, e, TimeKind::Date, val).anchored(anchored))
}

/// الأسبوع الماضي، الشهر الجاري، العام المقبل، هذا العام، العام قبل الماضي.
fn period_at(v: &View, i: usize, a: Option<Ymd>) -> Option<THit> {
    let (start_skip, pj, this) = if matches!(
        lexicon::stems(v.w(i)).last().map(|x| x.1),
        Some("هذا" | "هذه")
    ) {
        let s = lexicon::stems(v.w(i))
            .find(|(_, s)| *s == "هذا" || *s == "هذه")?
            .0;
        (s, i + 1, true)
    } else {
        (0, i, false)
    };
    let m = lexicon::at(v, pj, !this, |l| matches!(l, Lex::Period(_)))?;
    let Lex::Period(unit) = m.lex else {
        return None;
    };
    let skip = if this { start_skip } else { m.skip };
    let (e, off) = if this {
        (m.end, 0)
    } else if v.w(m.end) == "قبل" && period_mod_at(v, m.end + 1).is_some_and(|x| x.1 < 0) {
        (m.end + 2, -2)
    } else {
        period_mod_at(v, m.end)?
    };
    let val = a.map(|a| period_value(a, unit, off));
    let anchored = val.is_some();
    Some(THit::new(i, skip, e, TimeKind::Date, val.flatten()).anchored(anchored))
}

fn period_value(a: Ymd, unit: TimeUnit, off: i64) -> Option<String> {
    Some(match unit {
        TimeUnit::Week => {
            let (y, w) = a.add_days(7 * off).iso_week();
            format!("{y:04}-W{w:02}")
        }
        TimeUnit::Month => {
            let (y, m) = a.add_months(off);
            format!("{y:04}-{m:02}")
        }
        TimeUnit::Year => format!("{:04}", a.y as i64 + off),
        _ => return None,
    })
}

/// مطلع/منتصف/أواخر + a month, a year or a relative period.
fn part_at(v: &View, i: usize, a: Option<Ymd>) -> Option<THit> {
    let pm = lexicon::at(v, i, true, |l| matches!(l, Lex::Part(_)))?;
    let Lex::Part(part) = pm.lex else { return None };
    let j = pm.end;
    // a bare period: "نهاية العام", "منتصف الشهر" (the current one)
    if let Some(pm2) = lexicon::at(v, j, false, |l| {
        matches!(l, Lex::Period(TimeUnit::Month | TimeUnit::Year))
    }) {
        let next = v.w(pm2.end);
        if period_at(v, j, a).is_none()
            && (!next.starts_with("ال") || next == "الي")
            && small_int(v, pm2.end, 1000, 2999).is_none()
            && lexicon::at(v, pm2.end, false, |l| {
                matches!(l, Lex::GMonth { .. } | Lex::HMonth { .. })
            })
            .is_none()
        {
            let val = a.and_then(|a| match pm2.lex {
                Lex::Period(TimeUnit::Month) => month_part(&format!("{:04}-{:02}", a.y, a.m), part),
                _ => year_part(&format!("{:04}", a.y), part),
            });
            let anchored = val.is_some();
            return Some(
                THit::new(i, pm.skip, pm2.end, TimeKind::Interval, val).anchored(anchored),
            );
        }
    }
    // a relative period
    if let Some(h) = period_at(v, j, a) {
        let unit = lexicon::at(
            v,
            if matches!(v.w(j), "هذا" | "هذه") {
                j + 1
            } else {
                j
            },
            false,
            |l| matches!(l, Lex::Period(_)),
        );
        let val = match (unit.map(|u| u.lex), h.value.as_deref()) {
            (Some(Lex::Period(TimeUnit::Month)), Some(ym)) => month_part(ym, part),
            (Some(Lex::Period(TimeUnit::Year)), Some(y)) => year_part(y, part),
            _ => None,
        };
        if unit.is_some_and(|u| u.lex == Lex::Period(TimeUnit::Week)) {
            return None;
        }
        let kind = if val.is_some() {
            TimeKind::Interval
        } else {
            TimeKind::Date
        };
        return Some(THit::new(i, pm.skip, h.end, kind, val).anchored(h.anchored));
    }
    // a month [year]
    if let Some(h) = date_at(v, j, a, true) {
        if let (Some(hv), Some(hh)) = (h.value.as_deref(), h.hijri.as_deref()) {
            if h.kind == TimeKind::Interval && hh.len() == 7 && !hv.is_empty() {
                let mut t = THit::new(i, pm.skip, h.end, TimeKind::Interval, hijri_part(hh, part))
                    .anchored(h.anchored);
                t.hijri = Some(hh.to_string());
                return Some(t);
            }
        }
        if let Some(val) = h.value.as_deref() {
            if h.kind == TimeKind::Date && val.len() == 7 && h.hijri.is_none() {
                return Some(
                    THit::new(i, pm.skip, h.end, TimeKind::Interval, month_part(val, part))
                        .anchored(h.anchored),
                );
            }
        }
        if h.kind == TimeKind::Date && h.value.as_deref().is_some_and(|x| x.len() == 7)
            || h.hijri.is_some()
        {
            return None;
        }
    }
    // a year: مطلع عام 2014, أواخر 2014
    if let Some(h) = year_at(v, j).or_else(|| {
        let y = small_int(v, j, 1900, 2100)?;
        Some(THit::new(
            j,
            0,
            j + 1,
            TimeKind::Date,
            Some(format!("{y:04}")),
        ))
    }) {
        if h.hijri.is_none() {
            let val = h.value.as_deref().and_then(|y| year_part(y, part));
            return Some(THit::new(i, pm.skip, h.end, TimeKind::Interval, val));
        }
    }
    None
}

fn month_part(ym: &str, part: Part) -> Option<String> {
    let y: i32 = ym.get(0..4)?.parse().ok()?;
    let m: u32 = ym.get(5..7)?.parse().ok()?;
    let last = days_in_month(y, m);
    let (a, b) = match part {
        Part::Start => (1, 10),
        Part::Middle => (11, 20),
        Part::End => (21, last),
    };
    Some(format!("{ym}-{a:02}/{ym}-{b:02}"))
}

fn year_part(y: &str, part: Part) -> Option<String> {
    if y.len() != 4 {
        return None;
    }
    let (a, b) = match part {
        Part::Start => (1, 3),
        Part::Middle => (5, 8),
        Part::End => (10, 12),
    };
    Some(format!("{y}-{a:02}/{y}-{b:02}"))
}

/// Years: عام 2014، العام 2014، سنة 1436 هـ، 2015م، 1436هـ، موسم 2015/2016.
fn year_at(v: &View, i: usize) -> Option<THit> {
    let mut j = i;
    let mut skip = 0;
    let mut trig = false;
    if let Some(m) = year_word(v, i, true) {
        if small_int(v, m.end, 1000, 2999).is_some() {
            j = m.end;
            skip = m.skip;
            trig = true;
        }
    } else if matches!(v.w(i), "عامي" | "لعامي" | "وعامي") {
        j = i + 1;
        trig = true;
    }
    let y = small_int(v, j, 1000, 2999)?;
    let (mut e, hijri) = era_mark(v, j + 1);
    let marked = e > j + 1;
    let prev = if i > 0 { v.w(i - 1) } else { "" };
    // pairs: 1436/1437هـ, 2014-2015, (1813-1901), بين 2004 و2012, من 1950 الى 1970
    if !marked {
        let conn = v.w(j + 1);
        let between =
            matches!(prev, "بين" | "من" | "ما") || matches!(v.w(i), "عامي" | "لعامي" | "وعامي");
        let pair_conn =
            matches!(conn, "/" | "-" | "–") || (between && matches!(conn, "و" | "الي" | "حتي"));
        if pair_conn {
            let mut k = j + 2;
            if year_word(v, k, false).is_some() && small_int(v, k + 1, 1000, 2999).is_some() {
                k += 1;
            }
            if let Some(y2) = small_int(v, k, 1000, 2999) {
                let (e2, h2) = era_mark(v, k + 1);
                let marked2 = e2 > k + 1;
                if h2 && (y2 as i64 - y as i64).abs() == 1 {
                    let (lo, hi) = (y.min(y2) as i32, y.max(y2) as i32);
                    let val = hijri_to_gregorian(lo, 1, 1)
                        .zip(hijri_to_gregorian(hi + 1, 1, 1))
                        .map(|(s, e)| format!("{}/{}", s.iso(), e.add_days(-1).iso()));
                    let mut t = THit::new(i, skip, e2, TimeKind::Interval, val);
                    t.hijri = Some(format!("{y:04}/{y2:04}"));
                    return Some(t);
                }
                if !h2 && (1800..=2100).contains(&y) && (1800..=2100).contains(&y2) && y2 > y {
                    let end = if marked2 { e2 } else { k + 1 };
                    return Some(THit::new(
                        i,
                        skip,
                        end,
                        TimeKind::Interval,
                        Some(format!("{y:04}/{y2:04}")),
                    ));
                }
            }
        }
    }
    if !trig && !marked {
        // a bare number is a year only after في/منذ/حتى… and 1900–2100
        let cue = matches!(
            prev,
            "في" | "منذ"
                | "حتي"
                | "خلال"
                | "موسم"
                | "لموسم"
                | "بموسم"
                | "الموسم"
                | "قبل"
                | "بعد"
        );
        if !cue || !(1900..=2100).contains(&y) {
            return None;
        }
    }
    let hijri = hijri || (!marked && (1300..1600).contains(&y) && v.w(e) == "ه");
    if hijri {
        if v.w(e) == "ه" {
            e += 1;
        }
        let mut t = THit::new(i, skip, e, TimeKind::Interval, hijri_year_value(y as i32));
        t.hijri = Some(format!("{y:04}"));
        return Some(t);
    }
    // 2015/2016, 2014-2015 (seasons, spans of years)
    if matches!(v.w(e), "/" | "-" | "–") && v.glued(e - 1) {
        if let Some(y2) = small_int(v, e + 1, 1000, 2999) {
            if y2 == y + 1 || (y2 > y && y2 - y < 100) {
                return Some(THit::new(
                    i,
                    skip,
                    e + 2,
                    TimeKind::Interval,
                    Some(format!("{y:04}/{y2:04}")),
                ));
            }
        }
    }
    Some(THit::new(
        i,
        skip,
        e,
        TimeKind::Date,
        Some(format!("{y:04}")),
    ))
}

/// Clock times: الساعة السادسة صباحا، الساعة 1:30 ت غ، 13:30، العاشرة مساء.
fn clock_at(v: &View, i: usize) -> Option<THit> {
    let mut j = i;
    let mut skip = 0;
    let mut had_saa = false;
    for (s, stem) in lexicon::stems(v.w(i)) {
        if stem == "الساعه" {
            j = i + 1;
            skip = s;
            had_saa = true;
            break;
        }
    }
    let (mut h, mut mi, mut e, digital);
    if v.kind(j) == Some(TokenKind::Time) {
        let w = v.w(j);
        let mut it = w.split(':');
        h = it.next()?.parse::<u32>().ok()?;
        mi = it.next()?.parse::<u32>().ok()?;
        e = j + 1;
        digital = true;
    } else if let Some(x) = small_int(v, j, 0, 2359)
        .filter(|_| v.w(j).len() == 4 && (had_saa || zone_at(v, j + 1).is_some_and(|z| z.1 == "Z")))
    {
        // "الساعة 0450 بتوقيت جرينتش": four digits, hours and minutes
        h = x / 100;
        mi = x % 100;
        e = j + 1;
        digital = true;
    } else if let Some(x) = small_int(v, j, 0, 24).filter(|_| had_saa) {
        h = x;
        mi = 0;
        e = j + 1;
        digital = true;
    } else if let Some((x, y)) = dotted_time(v, j).filter(|_| had_saa) {
        // "الساعة 7.30", "الساعة 9,11"
        h = x;
        mi = y;
        e = j + 1;
        digital = true;
    } else if let Some(m) = lexicon::at(v, j, !had_saa, |l| matches!(l, Lex::Hour(_))) {
        let Lex::Hour(x) = m.lex else { return None };
        if !had_saa {
            skip = m.skip;
        }
        h = x;
        mi = 0;
        e = m.end;
        digital = false;
        // والنصف، والربع، والثلث، إلا ربعا
        match v.w(e) {
            "والنصف" => {
                mi = 30;
                e += 1;
            }
            "والربع" => {
                mi = 15;
                e += 1;
            }
            "والثلث" => {
                mi = 20;
                e += 1;
            }
            "الا" if matches!(v.w(e + 1), "ربعا" | "ربع" | "الربع") => {
                h = if h == 1 { 12 } else { h - 1 };
                mi = 45;
                e += 2;
            }
            _ => {}
        }
    } else {
        return None;
    }
    // a day part: "صباحا", "من عصر (اليوم)", "8:20 م"
    let mut part = None;
    if digital && matches!(v.w(e), "م" | "ص") {
        part = Some(if v.w(e) == "م" {
            DayPart::Evening
        } else {
            DayPart::Morning
        });
        e += 1;
    } else if v.w(e) == "من" {
        if let Some(m) = lexicon::at(v, e + 1, false, |l| matches!(l, Lex::DayPart(_))) {
            if let Lex::DayPart(p) = m.lex {
                part = Some(p);
                e = m.end;
            }
        }
    }
    if part.is_some() {
    } else if let Some(m) = lexicon::at(v, e, false, |l| matches!(l, Lex::DayPart(_))) {
        if let Lex::DayPart(p) = m.lex {
            part = Some(p);
            e = m.end;
            // "صباح اليوم", "مساء أمس": the day word stays its own expression
        }
    }
    if !had_saa && !digital && part.is_none() {
        return None; // "السادسة" alone is an ordinal
    }
    if !had_saa && digital && v.kind(j) != Some(TokenKind::Time) {
        return None;
    }
    if h > 24 || mi > 59 {
        return Some(THit::new(i, skip, e, TimeKind::Time, None));
    }
    if let Some(p) = part {
        h = match p {
            DayPart::Morning => h,
            DayPart::Noon => {
                if h < 6 {
                    h + 12
                } else {
                    h
                }
            }
            DayPart::Evening => {
                if h < 12 {
                    h + 12
                } else {
                    h
                }
            }
            DayPart::Night => {
                if (6..12).contains(&h) {
                    h + 12
                } else if h == 12 {
                    0
                } else {
                    h
                }
            }
        };
    }
    // time zone
    let mut zone = "";
    let w = v.w(e);
    if let Some((ze, z)) = zone_at(v, e) {
        if z == "Z" && (w == "تغ" || w == "gmt") {
            zone = "Z";
            e = ze;
        }
    }
    if !zone.is_empty() {
    } else if w == "ت" && v.w(e + 1) == "غ" {
        zone = "Z";
        e += 2;
    } else if w == "ت" && v.w(e + 1) == "." && v.w(e + 2) == "غ" {
        zone = "Z";
        e += 3;
    } else if w == "gmt" || w == "غرينتش" {
        zone = "Z";
        e += 1;
    } else if w == "بتوقيت" || w == "توقيت" {
        match v.w(e + 1) {
            "غرينتش" | "جرينتش" | "غرينيتش" | "جرينيتش" | "gmt" => {
                zone = "Z";
                e += 2;
            }
            "مكه" | "الرياض" | "السعوديه" => {
                zone = "+03:00";
                e += 2;
                if v.w(e) == "المكرمه" {
                    e += 1;
                }
            }
            _ => {}
        }
    } else if w == "بالتوقيت" && matches!(v.w(e + 1), "المحلي" | "العالمي") {
        if v.w(e + 1) == "العالمي" {
            zone = "Z";
        }
        e += 2;
    }
    let h = if h == 24 { 0 } else { h };
    Some(THit::new(
        i,
        skip,
        e,
        TimeKind::Time,
        Some(format!("T{h:02}:{mi:02}{zone}")),
    ))
}

/// A time zone named at `i`: (end, suffix).
fn zone_at(v: &View, i: usize) -> Option<(usize, &'static str)> {
    match v.w(i) {
        "تغ" | "gmt" => Some((i + 1, "Z")),
        "ت" if v.w(i + 1) == "غ" => Some((i + 2, "Z")),
        "بتوقيت" | "توقيت"
            if matches!(
                v.w(i + 1),
                "غرينتش" | "جرينتش" | "غرينيتش" | "جرينيتش" | "gmt"
            ) =>
        {
            Some((i + 2, "Z"))
        }
        _ => None,
    }
}

/// "7.30" or "9,11" after الساعة: hours and two-digit minutes.
fn dotted_time(v: &View, i: usize) -> Option<(u32, u32)> {
    if v.kind(i) != Some(TokenKind::Number) {
        return None;
    }
    let w = v.w(i);
    let (a, b) = w.split_once(['.', ','])?;
    if b.len() != 2 || a.is_empty() || a.len() > 2 {
        return None;
    }
    let (h, m): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    (h <= 24 && m <= 59).then_some((h, m))
}

/// Counted lengths of time, and the relative points "منذ عام"، "قبل أقل من
/// شهرين"، "بعد يومين".
fn count_at(v: &View, i: usize, a: Option<Ymd>) -> Option<THit> {
    // the trigger
    let mut j = i;
    let mut skip = 0;
    let mut dir: i64 = 0; // -1 past (منذ/قبل), +1 future (بعد)
    for (s, stem) in lexicon::stems(v.w(i)) {
        match stem {
            "منذ" | "قبل" => {
                dir = -1;
                skip = s;
                j = i + 1;
                break;
            }
            "بعد" => {
                dir = 1;
                skip = s;
                j = i + 1;
                break;
            }
            _ => {}
        }
    }
    let had_trigger = dir != 0;
    // "عاما بعد عام", "يوما بعد يوم": a repetition, not a date
    if dir > 0 && i > 0 && matches!(v.w(i - 1), "عاما" | "يوما" | "شهرا" | "اسبوعا" | "سنه")
    {
        return None;
    }
    let mut approx = None;
    if had_trigger {
        if let Some(m) = lexicon::at(v, j, false, |l| matches!(l, Lex::Approx(_))) {
            if let Lex::Approx(x) = m.lex {
                approx = Some(x);
                j = m.end;
            }
        }
    }
    // the count and unit
    let count_start = j;
    let vague = matches!(v.w(j), "عده" | "بضعه" | "بضع");
    if vague {
        j += 1;
    }
    let (n, unit, e, cskip): (Option<f64>, TimeUnit, usize, usize) = if let Some(num) =
        numbers::number_at(v, j)
    {
        let m = lexicon::at(v, num.end, false, |l| {
            matches!(l, Lex::Dur { count: 0 | 1, .. })
        })?;
        let Lex::Dur { unit, .. } = m.lex else {
            return None;
        };
        if num.value.is_some_and(|x| x < 2.0 && !num.words) && num.value != Some(1.0) {
            return None;
        }
        (num.value, unit, m.end, num.skip)
    } else {
        let m = lexicon::at(v, j, !had_trigger, |l| matches!(l, Lex::Dur { .. }))?;
        let Lex::Dur { unit, count } = m.lex else {
            return None;
        };
        let ms = m.skip;
        match count {
            2 => (Some(2.0), unit, m.end, ms),
            1 if (unit == TimeUnit::Day
                && lexicon::at(v, m.end, false, |l| matches!(l, Lex::Weekday(_))).is_some())
                || (unit == TimeUnit::Year && small_int(v, m.end, 1000, 2999).is_some()) =>
            {
                // "قبل يوم الأربعاء", "منذ عام 2010": not a count
                return None;
            }
            1 => {
                // a lone singular counts only after a trigger
                let prev = if i > 0 { v.w(i - 1) } else { "" };
                let dur_trigger = matches!(
                    prev,
                    "لمده" | "مده" | "طوال" | "طيله" | "خلال" | "مدي" | "مدار"
                );
                if had_trigger || dur_trigger {
                    // "منذ عام", "لمدة عام", "خلال أسبوع"
                    (Some(1.0), unit, m.end, ms)
                } else {
                    return None;
                }
            }
            _ => {
                // plural without a number: vague
                if !had_trigger && !vague {
                    return None;
                }
                (None, unit, m.end, ms)
            }
        }
    };
    // "ثلاثة أعوام ونصف (العام)"
    let (mut n, mut e) = (n, e);
    if v.w(e) == "ونصف" && n.is_some() {
        n = n.map(|x| x + 0.5);
        e += 1;
        if lexicon::at(v, e, false, |l| matches!(l, Lex::Period(_))).is_some() {
            e += 1;
        }
    }
    // "قبل يومين من الهجوم": relative to an event, not to the anchor
    let anchored_dir = had_trigger && !matches!(v.w(e), "من" | "علي" | "عن");
    let dur = duration_value(n, unit);
    if !anchored_dir {
        // a plain duration; the trigger word stays outside
        let start = if had_trigger { count_start } else { i };
        let sk = if had_trigger { 0 } else { cskip };
        if approx.is_some() && had_trigger {
            // "قبل أكثر من عام من": keep the duration only
        }
        return Some(THit::new(start, sk, e, TimeKind::Duration, dur));
    }
    let Some(n) = n else {
        return Some(THit::new(i, skip, e, TimeKind::Duration, dur));
    };
    if n > 10000.0 {
        return Some(THit::new(i, skip, e, TimeKind::Duration, dur));
    }
    let Some(a) = a else {
        return Some(THit::new(i, skip, e, TimeKind::Date, None));
    };
    if n.fract() != 0.0 {
        // "منذ ثلاثة أعوام ونصف": whole months back, at the year's precision
        if unit == TimeUnit::Year && (n * 12.0).fract() == 0.0 && approx.is_none() {
            let (y, _) = a.add_months(dir * (n * 12.0) as i64);
            return Some(
                THit::new(i, skip, e, TimeKind::Date, Some(format!("{y:04}"))).anchored(true),
            );
        }
        return Some(THit::new(i, skip, e, TimeKind::Duration, dur));
    }
    let k = n as i64 * dir;
    let point = |k: i64| -> Option<String> {
        Some(match unit {
            TimeUnit::Day => a.add_days(k).iso(),
            TimeUnit::Week => a.add_days(7 * k).iso(),
            TimeUnit::Month => {
                let (y, m) = a.add_months(k);
                format!("{y:04}-{m:02}")
            }
            TimeUnit::Year => format!("{:04}", a.y as i64 + k),
            TimeUnit::Decade => format!("{:04}", a.y as i64 + 10 * k),
            _ => return None, // hours and minutes: below a date's precision
        })
    };
    let exact_day = |k: i64| -> Option<Ymd> {
        Some(match unit {
            TimeUnit::Day => a.add_days(k),
            TimeUnit::Week => a.add_days(7 * k),
            TimeUnit::Month => {
                let (y, m) = a.add_months(k);
                Ymd::new(y, m, a.d.min(days_in_month(y, m)))?
            }
            TimeUnit::Year => Ymd::new(
                a.y + k as i32,
                a.m,
                a.d.min(days_in_month(a.y + k as i32, a.m)),
            )?,
            _ => return None,
        })
    };
    let (kind, val) = match approx {
        Some(lexicon::Approx::LessThan) => {
            let p = exact_day(k);
            let val = p.map(|p| {
                if dir < 0 {
                    format!("{}/{}", p.iso(), a.iso())
                } else {
                    format!("{}/{}", a.iso(), p.iso())
                }
            });
            (TimeKind::Interval, val)
        }
        Some(lexicon::Approx::MoreThan) => {
            let p = exact_day(k);
            let val = p.map(|p| {
                if dir < 0 {
                    format!("../{}", p.iso())
                } else {
                    format!("{}/..", p.iso())
                }
            });
            (TimeKind::Interval, val)
        }
        _ => (TimeKind::Date, point(k)),
    };
    if val.is_none() {
        return Some(THit::new(i, skip, e, TimeKind::Duration, dur));
    }
    let anchored = val.is_some();
    Some(THit::new(i, skip, e, kind, val).anchored(anchored))
}

fn duration_value(n: Option<f64>, unit: TimeUnit) -> Option<String> {
    let (mul, letter, t) = match unit {
        TimeUnit::Minute => (1.0, 'M', true),
        TimeUnit::Hour => (1.0, 'H', true),
        TimeUnit::Day => (1.0, 'D', false),
        TimeUnit::Week => (1.0, 'W', false),
        TimeUnit::Month => (1.0, 'M', false),
        TimeUnit::Year => (1.0, 'Y', false),
        TimeUnit::Decade => (10.0, 'Y', false),
        TimeUnit::Century => (100.0, 'Y', false),
    };
    let p = if t { "PT" } else { "P" };
    match n {
        None => Some(format!("{p}X{letter}")),
        Some(n) if n > 0.0 && n < 1e6 => {
            let x = n * mul;
            if x.fract() == 0.0 {
                Some(format!("{p}{}{letter}", x as u64))
            } else {
                Some(format!("{p}{x}{letter}"))
            }
        }
        _ => None,
    }
}

/// Recurring times: يوميا، أسبوعيا، شهريا، سنويا، كل عام.
fn set_at(v: &View, i: usize) -> Option<THit> {
    let w = v.w(i);
    let (s, stem) = lexicon::stems(w).last()?;
    let val = match stem {
        "يوميا" => "P1D",
        "اسبوعيا" => "P1W",
        "شهريا" => "P1M",
        "سنويا" | "عاميا" => "P1Y",
        "كل" => {
            let m = lexicon::at(v, i + 1, false, |l| matches!(l, Lex::Dur { count: 1, .. }))?;
            let Lex::Dur { unit, .. } = m.lex else {
                return None;
            };
            let val = duration_value(Some(1.0), unit);
            return Some(THit::new(i, s, m.end, TimeKind::Set, val));
        }
        _ => {
            let (s0, st0) = lexicon::stems(w).next()?;
            let _ = (s0, st0);
            return None;
        }
    };
    Some(THit::new(i, s, i + 1, TimeKind::Set, Some(val.to_string())))
}

/// Thirds of a Hijri month ("1436-09") in Gregorian dates.
fn hijri_part(hm: &str, part: Part) -> Option<String> {
    let y: i32 = hm.get(0..4)?.parse().ok()?;
    let m: u32 = hm.get(5..7)?.parse().ok()?;
    let len = hijri_month_len(y, m)?;
    let (a, b) = match part {
        Part::Start => (1, 10),
        Part::Middle => (11, 20),
        Part::End => (21, len),
    };
    let s = hijri_to_gregorian(y, m, a)?;
    let e = hijri_to_gregorian(y, m, b)?;
    Some(format!("{}/{}", s.iso(), e.iso()))
}

/// Seasons of a year: "ربيع العام الماضي" (2014-SP), "صيف 2015".
fn season_at(v: &View, i: usize, a: Option<Ymd>) -> Option<THit> {
    let w = v.w(i);
    let (skip, code) = lexicon::stems(w).find_map(|(s, st)| {
        let c = match st {
            "ربيع" => "SP",
            "صيف" => "SU",
            "خريف" => "FA",
            "شتاء" => "WI",
            _ => return None,
        };
        Some((s, c))
    })?;
    let j = i + 1;
    let h = period_at(v, j, a)
        .filter(|h| h.value.as_deref().is_some_and(|x| x.len() == 4))
        .or_else(|| year_at(v, j).filter(|h| h.hijri.is_none() && h.kind == TimeKind::Date))
        .or_else(|| {
            let y = small_int(v, j, 1900, 2100)?;
            Some(THit::new(
                j,
                0,
                j + 1,
                TimeKind::Date,
                Some(format!("{y:04}")),
            ))
        })?;
    let val = h
        .value
        .as_deref()
        .filter(|x| x.len() == 4)
        .map(|y| format!("{y}-{code}"));
    Some(THit::new(i, skip, h.end, TimeKind::Date, val).anchored(h.anchored))
}

/// Joins "من X إلى Y", "بين X و Y", "X - Y" into intervals.
fn merge_intervals(v: &View, hits: Vec<THit>) -> Vec<THit> {
    let mut out: Vec<THit> = Vec::with_capacity(hits.len());
    for h in hits {
        if let Some(p) = out.last() {
            let gap = h.i.saturating_sub(p.end);
            let conn = if gap == 1 {
                v.w(p.end)
            } else if gap == 0 && h.skip == 1 && v.w(h.i).starts_with('و') {
                "و"
            } else {
                ""
            };
            let before = if p.i > 0 { v.w(p.i - 1) } else { "" };
            let ok_conn = match conn {
                "الي" | "حتي" | "-" | "–" | "لغايه" => true,
                "و" => matches!(before, "بين" | "عامي"),
                _ => false,
            };
            let same_kind = p.kind == h.kind && matches!(p.kind, TimeKind::Date | TimeKind::Time);
            if ok_conn && same_kind && (conn != "-" || p.kind == TimeKind::Date) {
                let p = out.pop().unwrap_or_else(|| h.clone());
                let value = match (&p.value, &h.value) {
                    (Some(a), Some(b)) if !a.contains('/') && !b.contains('/') => {
                        Some(format!("{a}/{b}"))
                    }
                    _ => None,
                };
                let hijri = match (&p.hijri, &h.hijri) {
                    (Some(a), Some(b)) => Some(format!("{a}/{b}")),
                    _ => None,
                };
                out.push(THit {
                    i: p.i,
                    skip: p.skip,
                    end: h.end,
                    value,
                    kind: TimeKind::Interval,
                    hijri,
                    anchored: p.anchored || h.anchored,
                    span: (0, 0),
                });
                continue;
            }
        }
        out.push(h);
    }
    out
}
